/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// RFC 3376 interoperation with a real IGMP implementation: the messages the
// Linux kernel sent for ordinary socket calls (test/data/igmp/linux-igmpv*.hex,
// made by test/data/igmp/capture-linux-igmpv3.sh) parse, with their
// checksums verified, to exactly what each call meant, and re-encode to the
// kernel's bytes, checksum included.

#include "igmp-test-util.h"

#include "ns3/igmp-message.h"
#include "ns3/test.h"

#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

using namespace ns3;
using namespace ns3::smkd;
using namespace ns3::smkd::test;

namespace
{

/// The messages of one fixture file, by step id, in capture order.
using Fixture = std::map<std::string, std::vector<std::vector<uint8_t>>>;

/**
 * Read "<step>: <hex octets>" lines; '#' lines are comments.
 * \param name file name under test/data/igmp
 * \param out the messages
 * \return empty on success, else what went wrong
 */
std::string
ReadFixture(const std::string& name, Fixture& out)
{
    const std::string path = std::string(SMKD_SOURCE_DIR) + "/test/data/igmp/" + name;
    std::ifstream in(path);
    if (!in)
    {
        return "cannot open " + path;
    }
    std::string line;
    unsigned lineNo = 0;
    while (std::getline(in, line))
    {
        ++lineNo;
        if (line.empty() || line[0] == '#')
        {
            continue;
        }
        const auto colon = line.find(':');
        if (colon == std::string::npos)
        {
            return path + ":" + std::to_string(lineNo) + ": no step id";
        }
        std::vector<uint8_t> bytes;
        std::istringstream hex(line.substr(colon + 1));
        std::string octet;
        while (hex >> octet)
        {
            if (octet.size() != 2 || !std::isxdigit(octet[0]) || !std::isxdigit(octet[1]))
            {
                return path + ":" + std::to_string(lineNo) + ": bad octet '" + octet + "'";
            }
            bytes.push_back(static_cast<uint8_t>(std::stoul(octet, nullptr, 16)));
        }
        out[line.substr(0, colon)].push_back(bytes);
    }
    return "";
}

/// A group record as a comparable string: "TYPE group src src".
std::string
Describe(const IgmpGroupRecord& r)
{
    std::ostringstream s;
    s << r.GetType() << " " << r.GetGroup();
    for (const auto& src : r.GetSources())
    {
        s << " " << src;
    }
    return s.str();
}

/**
 * What one socket call or query should make the kernel send, derived from
 * RFC 3376 §5.1 (state changes) and §5.2 (answers to queries), or RFC 2236 /
 * RFC 1112 for the older versions.
 */
struct Expectation
{
    const char* step;
    const char* why;
    unsigned copies;                  //!< messages the step made (1, or 2 once QRV is 2)
    IgmpType type;                    //!< message type
    std::vector<std::string> records; //!< v3: Describe() of each record, in any order
    const char* group;                //!< v1/v2: the group field
};

std::vector<Expectation>
V3Expectations()
{
    const auto r = IgmpType::V3_MEMBERSHIP_REPORT;
    return {
        {"v3-asm-join",
         "INCLUDE {} -> EXCLUDE {}: TO_EX({})",
         1,
         r,
         {"CHANGE_TO_EXCLUDE_MODE 239.1.1.1"},
         nullptr},
        {"v3-asm-block",
         "EXCLUDE {} -> EXCLUDE {S}: BLOCK(B-A)",
         1,
         r,
         {"BLOCK_OLD_SOURCES 239.1.1.1 10.99.0.7"},
         nullptr},
        {"v3-asm-unblock",
         "EXCLUDE {S} -> EXCLUDE {}: ALLOW(A-B)",
         1,
         r,
         {"ALLOW_NEW_SOURCES 239.1.1.1 10.99.0.7"},
         nullptr},
        {"v3-asm-leave",
         "EXCLUDE {} -> INCLUDE {}: TO_IN({})",
         1,
         r,
         {"CHANGE_TO_INCLUDE_MODE 239.1.1.1"},
         nullptr},
        {"v3-ssm-join-first",
         "INCLUDE {} -> INCLUDE {S5}: ALLOW(B-A)",
         1,
         r,
         {"ALLOW_NEW_SOURCES 232.1.1.1 10.99.0.5"},
         nullptr},
        {"v3-ssm-join-second",
         "INCLUDE {S5} -> INCLUDE {S5,S6}: ALLOW(B-A)",
         1,
         r,
         {"ALLOW_NEW_SOURCES 232.1.1.1 10.99.0.6"},
         nullptr},
        {"v3-ssm-drop-first",
         "INCLUDE {S5,S6} -> INCLUDE {S6}: BLOCK(A-B)",
         1,
         r,
         {"BLOCK_OLD_SOURCES 232.1.1.1 10.99.0.5"},
         nullptr},
        {"v3-ssm-drop-last",
         "INCLUDE {S6} -> INCLUDE {}: BLOCK(A-B)",
         1,
         r,
         {"BLOCK_OLD_SOURCES 232.1.1.1 10.99.0.6"},
         nullptr},
        {"v3-setup-exclude-none",
         "INCLUDE {} -> EXCLUDE {}: TO_EX({})",
         1,
         r,
         {"CHANGE_TO_EXCLUDE_MODE 239.2.2.2"},
         nullptr},
        {"v3-setup-include",
         "INCLUDE {} -> INCLUDE {S5}: ALLOW(B-A)",
         1,
         r,
         {"ALLOW_NEW_SOURCES 232.2.2.2 10.99.0.5"},
         nullptr},
        {"v3-setup-exclude-join",
         "INCLUDE {} -> EXCLUDE {}: TO_EX({})",
         1,
         r,
         {"CHANGE_TO_EXCLUDE_MODE 239.3.3.3"},
         nullptr},
        {"v3-setup-exclude-block",
         "EXCLUDE {} -> EXCLUDE {S9}: BLOCK(B-A)",
         1,
         r,
         {"BLOCK_OLD_SOURCES 239.3.3.3 10.99.0.9"},
         nullptr},
        {"v3-general-query",
         "§5.2: the current state of every group, one report",
         1,
         r,
         {"MODE_IS_EXCLUDE 239.2.2.2",
          "MODE_IS_INCLUDE 232.2.2.2 10.99.0.5",
          "MODE_IS_EXCLUDE 239.3.3.3 10.99.0.9"},
         nullptr},
        {"v3-group-query",
         "§5.2: the current state of the queried group",
         1,
         r,
         {"MODE_IS_EXCLUDE 239.2.2.2"},
         nullptr},
        {"v3-source-query",
         "§5.2: INCLUDE {S5} asked about {S5,S6}: IS_IN(A*B)",
         1,
         r,
         {"MODE_IS_INCLUDE 232.2.2.2 10.99.0.5"},
         nullptr},
        // After a query the host runs with the querier's QRV of 2 (§4.1.6) and
        // sends each state change [Robustness Variable] times (§5.1).
        {"v3-close-exclude-none",
         "EXCLUDE {} -> INCLUDE {}: TO_IN({}), twice",
         2,
         r,
         {"CHANGE_TO_INCLUDE_MODE 239.2.2.2"},
         nullptr},
        {"v3-close-include",
         "INCLUDE {S5} -> INCLUDE {}: BLOCK(A-B), twice",
         2,
         r,
         {"BLOCK_OLD_SOURCES 232.2.2.2 10.99.0.5"},
         nullptr},
        {"v3-close-exclude",
         "EXCLUDE {S9} -> INCLUDE {}: TO_IN({}), twice",
         2,
         r,
         {"CHANGE_TO_INCLUDE_MODE 239.3.3.3"},
         nullptr},
        {"end-v3", "nothing late after the last call", 0, r, {}, nullptr},
    };
}

std::vector<Expectation>
OlderExpectations()
{
    return {
        {"v2-join",
         "RFC 2236 §3: unsolicited Version 2 Membership Report",
         1,
         IgmpType::V2_MEMBERSHIP_REPORT,
         {},
         "239.4.4.4"},
        {"v2-general-query",
         "RFC 2236 §3: a Version 2 report answers even an IGMPv3 query",
         1,
         IgmpType::V2_MEMBERSHIP_REPORT,
         {},
         "239.4.4.4"},
        {"v2-leave", "RFC 2236 §3: Leave Group", 1, IgmpType::V2_LEAVE_GROUP, {}, "239.4.4.4"},
        {"v1-join",
         "RFC 1112 App. I: Host Membership Report",
         1,
         IgmpType::V1_MEMBERSHIP_REPORT,
         {},
         "239.5.5.5"},
        {"v1-leave",
         "RFC 1112: IGMPv1 has no leave message",
         0,
         IgmpType::V1_MEMBERSHIP_REPORT,
         {},
         nullptr},
        {"end-v2", "nothing late", 0, IgmpType::V2_MEMBERSHIP_REPORT, {}, nullptr},
        {"end-v1", "nothing late", 0, IgmpType::V1_MEMBERSHIP_REPORT, {}, nullptr},
    };
}

/// Checks every message of one fixture file against its expectations.
class IgmpLinuxFixtureTestCase : public TestCase
{
  public:
    /**
     * \param files fixture files read together
     * \param expectations what each step must have produced
     * \param name test case name
     */
    IgmpLinuxFixtureTestCase(std::vector<std::string> files,
                             std::vector<Expectation> expectations,
                             const std::string& name)
        : TestCase(name),
          m_files(std::move(files)),
          m_expectations(std::move(expectations))
    {
    }

  private:
    void DoRun() override
    {
        Fixture fixture;
        for (const auto& f : m_files)
        {
            const std::string error = ReadFixture(f, fixture);
            NS_TEST_ASSERT_MSG_EQ(error, "", "fixture " << f);
        }
        uint32_t messages = 0;
        for (const auto& e : m_expectations)
        {
            const auto it = fixture.find(e.step);
            const std::size_t found = it == fixture.end() ? 0 : it->second.size();
            NS_TEST_EXPECT_MSG_EQ(found, e.copies, e.step << " (" << e.why << "): messages");
            if (it == fixture.end())
            {
                continue;
            }
            for (const auto& bytes : it->second)
            {
                ++messages;
                CheckMessage(e, bytes);
            }
            fixture.erase(it);
        }
        for (const auto& [step, unexpected] : fixture)
        {
            NS_TEST_EXPECT_MSG_EQ(unexpected.size(), 0u, "step " << step << " is not expected");
        }
        NS_TEST_EXPECT_MSG_GT(messages, 0u, "the fixtures hold messages");
    }

    void CheckMessage(const Expectation& e, const std::vector<uint8_t>& bytes)
    {
        IgmpMessage m;
        const WireStatus st = ParseIgmp(bytes, true, m);
        NS_TEST_ASSERT_MSG_EQ(st.Ok(), true, e.step << ": " << st << " for " << Hex(bytes));
        NS_TEST_EXPECT_MSG_EQ(m.GetType(), e.type, e.step << ": type");
        NS_TEST_EXPECT_MSG_EQ(IgnoredReasons(m), "", e.step << ": nothing to ignore");
        // Same bytes back, so the two implementations agree on the checksum too.
        NS_TEST_EXPECT_MSG_EQ(Hex(m.ToBytes(true)), Hex(bytes), e.step << ": re-encoded");

        if (const auto* r = m.As<IgmpV3ReportHeader>())
        {
            std::vector<std::string> got;
            for (const auto& rec : r->GetRecords())
            {
                got.push_back(Describe(rec));
                NS_TEST_EXPECT_MSG_EQ(rec.GetAuxData().size(), 0u, e.step << ": no aux data");
            }
            std::vector<std::string> want = e.records;
            std::sort(got.begin(), got.end());
            std::sort(want.begin(), want.end());
            std::ostringstream g;
            std::ostringstream w;
            for (const auto& s : got)
            {
                g << "[" << s << "]";
            }
            for (const auto& s : want)
            {
                w << "[" << s << "]";
            }
            NS_TEST_EXPECT_MSG_EQ(g.str(), w.str(), e.step << " (" << e.why << ")");
            return;
        }
        Ipv4Address group;
        if (const auto* v1 = m.As<IgmpV1ReportHeader>())
        {
            group = v1->GetGroup();
        }
        else if (const auto* v2 = m.As<IgmpV2ReportHeader>())
        {
            group = v2->GetGroup();
        }
        else if (const auto* leave = m.As<IgmpV2LeaveHeader>())
        {
            group = leave->GetGroup();
        }
        NS_TEST_ASSERT_MSG_NE(e.group, nullptr, e.step << ": expectation names a group");
        NS_TEST_EXPECT_MSG_EQ(group, Ipv4Address(e.group), e.step << " (" << e.why << ")");
    }

    std::vector<std::string> m_files;
    std::vector<Expectation> m_expectations;
};

class IgmpLinuxInteropTestSuite : public TestSuite
{
  public:
    IgmpLinuxInteropTestSuite()
        : TestSuite("smkd-igmp-linux-interop", UNIT)
    {
        AddTestCase(new IgmpLinuxFixtureTestCase({"linux-igmpv3.hex"},
                                                 V3Expectations(),
                                                 "IGMPv3 reports Linux sent for socket calls "
                                                 "and queries parse to what they meant"),
                    TestCase::QUICK);
        AddTestCase(new IgmpLinuxFixtureTestCase({"linux-igmpv2.hex", "linux-igmpv1.hex"},
                                                 OlderExpectations(),
                                                 "IGMPv2 and IGMPv1 messages Linux sent "
                                                 "parse to what they meant"),
                    TestCase::QUICK);
    }
};

IgmpLinuxInteropTestSuite g_igmpLinuxInteropTestSuite;

} // namespace
