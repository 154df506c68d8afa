/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-adversary-plan.h"

#include <algorithm>
#include <sstream>
#include <stdexcept>

namespace ns3
{

const std::vector<std::string>&
SmkdAdversarySpec::Kinds()
{
    static const std::vector<std::string> kinds{"eavesdropper",
                                                "impostor",
                                                "replayer",
                                                "excluded",
                                                "compromised-gkdc",
                                                "rogue-initiator",
                                                "flooder"};
    return kinds;
}

std::vector<SmkdAdversarySpec>
SmkdAdversarySpec::ParseList(const std::string& text)
{
    std::vector<SmkdAdversarySpec> specs;
    std::istringstream in(text);
    std::string item;
    while (std::getline(in, item, ','))
    {
        const std::size_t colon = item.find(':');
        const std::string kind = item.substr(0, colon);
        const std::string count = colon == std::string::npos ? "" : item.substr(colon + 1);
        const auto& kinds = Kinds();
        if (std::find(kinds.begin(), kinds.end(), kind) == kinds.end())
        {
            std::string known;
            for (const std::string& k : kinds)
            {
                known += (known.empty() ? "" : ", ") + k;
            }
            throw std::invalid_argument("adversary '" + item + "': unknown kind '" + kind +
                                        "' (kinds: " + known + ")");
        }
        if (count.empty() || count.find_first_not_of("0123456789") != std::string::npos ||
            count.size() > 6)
        {
            throw std::invalid_argument("adversary '" + item +
                                        "': the count after ':' must be a whole number");
        }
        specs.push_back({kind, static_cast<uint32_t>(std::stoul(count))});
    }
    return specs;
}

std::string
SmkdAdversarySpec::ToString() const
{
    return kind + ":" + std::to_string(count);
}

uint32_t
SmkdCountAdversaries(const std::vector<SmkdAdversarySpec>& specs, const std::string& kind)
{
    uint32_t n = 0;
    for (const SmkdAdversarySpec& s : specs)
    {
        n += s.kind == kind ? s.count : 0;
    }
    return n;
}

} // namespace ns3
