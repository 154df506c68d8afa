/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "cbt-option.h"

#include <sstream>
#include <stdexcept>

namespace ns3
{

uint32_t
CbtOption::GetSerializedSize() const
{
    const uint32_t header = value.size() < LENGTH_ESCAPE ? 2 : 4;
    return header + static_cast<uint32_t>(value.size());
}

void
CbtOptionList::Add(uint8_t type, std::vector<uint8_t> value)
{
    if (value.size() > CbtOption::MAX_VALUE_SIZE)
    {
        // An error the caller can report, as the smkd byte codec's, not an abort.
        std::ostringstream os;
        os << "CBT option of " << value.size() << " bytes exceeds the " << CbtOption::MAX_VALUE_SIZE
           << "-byte limit of its extended length";
        throw std::length_error(os.str());
    }
    m_options.push_back(CbtOption{type, std::move(value)});
}

void
CbtOptionList::Add(CbtOptionType type, std::vector<uint8_t> value)
{
    Add(static_cast<uint8_t>(type), std::move(value));
}

const CbtOption*
CbtOptionList::Find(uint8_t type) const
{
    for (const auto& o : m_options)
    {
        if (o.type == type)
        {
            return &o;
        }
    }
    return nullptr;
}

const CbtOption*
CbtOptionList::Find(CbtOptionType type) const
{
    return Find(static_cast<uint8_t>(type));
}

void
CbtOptionList::Clear()
{
    m_options.clear();
}

uint32_t
CbtOptionList::GetSerializedSize() const
{
    uint32_t size = 0;
    for (const auto& o : m_options)
    {
        size += o.GetSerializedSize();
    }
    return size;
}

void
CbtOptionList::Serialize(Buffer::Iterator& i) const
{
    for (const auto& o : m_options)
    {
        i.WriteU8(o.type);
        if (o.value.size() < CbtOption::LENGTH_ESCAPE)
        {
            i.WriteU8(static_cast<uint8_t>(o.value.size()));
        }
        else
        {
            i.WriteU8(CbtOption::LENGTH_ESCAPE);
            i.WriteHtonU16(static_cast<uint16_t>(o.value.size()));
        }
        if (!o.value.empty())
        {
            i.Write(o.value.data(), static_cast<uint32_t>(o.value.size()));
        }
    }
}

smkd::WireStatus
CbtOptionList::Deserialize(smkd::BoundedReader& reader)
{
    using smkd::WireError;
    using smkd::WireStatus;
    m_options.clear();
    while (reader.Remaining() > 0)
    {
        const uint32_t at = reader.Consumed();
        if (!reader.Has(2))
        {
            std::ostringstream s;
            s << "option header at offset " << at << " needs 2 bytes, " << reader.Remaining()
              << " left";
            return WireStatus::Fail(WireError::OPTION_OVERRUN, s.str());
        }
        CbtOption o;
        o.type = reader.ReadU8();
        uint32_t length = reader.ReadU8();
        if (length == CbtOption::LENGTH_ESCAPE)
        {
            if (!reader.Has(2))
            {
                std::ostringstream s;
                s << "extended length of option type " << unsigned(o.type) << " at offset " << at
                  << " is cut off";
                return WireStatus::Fail(WireError::OPTION_OVERRUN, s.str());
            }
            length = reader.ReadU16();
            if (length < CbtOption::LENGTH_ESCAPE)
            {
                std::ostringstream s;
                s << "option type " << unsigned(o.type) << " at offset " << at
                  << " uses the extended length for " << length << " bytes";
                return WireStatus::Fail(WireError::NON_CANONICAL_OPTION, s.str());
            }
        }
        if (!reader.Has(length))
        {
            std::ostringstream s;
            s << "option type " << unsigned(o.type) << " at offset " << at << " declares " << length
              << " bytes, " << reader.Remaining() << " left";
            return WireStatus::Fail(WireError::OPTION_OVERRUN, s.str());
        }
        o.value.resize(length);
        if (length > 0)
        {
            reader.Read(o.value.data(), length);
        }
        m_options.push_back(std::move(o));
    }
    return WireStatus{};
}

void
CbtOptionList::Print(std::ostream& os) const
{
    os << "options=[";
    bool first = true;
    for (const auto& o : m_options)
    {
        os << (first ? "" : " ") << "type=" << unsigned(o.type) << ",len=" << o.value.size();
        first = false;
    }
    os << "]";
}

} // namespace ns3
