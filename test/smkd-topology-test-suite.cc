/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The experiment layer's graphs: SmkdTopology, the file readers on ns-3's
// sample maps (checked against ns-3's own readers), the generators, and the
// placement of cores and members.

#include "ns3/double.h"
#include "ns3/node-container.h"
#include "ns3/simulator.h"
#include "ns3/smkd-placement.h"
#include "ns3/smkd-topology-generator.h"
#include "ns3/smkd-topology-reader.h"
#include "ns3/smkd-topology.h"
#include "ns3/test.h"
#include "ns3/topology-reader-helper.h"
#include "ns3/uinteger.h"

#include <algorithm>
#include <fstream>
#include <functional>
#include <set>
#include <string>
#include <vector>

using namespace ns3;

namespace
{

std::string
Sample(const std::string& name)
{
    return std::string(SMKD_SOURCE_DIR) + "/data/topologies/" + name;
}

/// The message of the exception of type E that \p f throws, or a marker.
template <class E>
std::string
Thrown(const std::function<void()>& f)
{
    try
    {
        f();
    }
    catch (const E& e)
    {
        return e.what();
    }
    catch (const std::exception& e)
    {
        return std::string("<other exception: ") + e.what() + ">";
    }
    return "<nothing thrown>";
}

bool
Contains(const std::string& text, const std::string& part)
{
    return text.find(part) != std::string::npos;
}

/// Links as sorted (min, max) router pairs, for comparing graphs.
std::vector<std::pair<uint32_t, uint32_t>>
Pairs(const SmkdTopology& t)
{
    std::vector<std::pair<uint32_t, uint32_t>> p;
    for (const auto& l : t.GetLinks())
    {
        p.emplace_back(std::min(l.a, l.b), std::max(l.a, l.b));
    }
    std::sort(p.begin(), p.end());
    return p;
}

uint64_t
DegreeSum(const SmkdTopology& t)
{
    uint64_t sum = 0;
    for (uint32_t r = 0; r < t.GetNRouters(); ++r)
    {
        sum += t.GetDegree(r);
    }
    return sum;
}

/// Brute force: the router of least eccentricity, lowest index among equals.
uint32_t
BruteForceCentre(const SmkdTopology& t)
{
    uint32_t best = 0;
    for (uint32_t r = 1; r < t.GetNRouters(); ++r)
    {
        if (t.GetDepth(r) < t.GetDepth(best))
        {
            best = r;
        }
    }
    return best;
}

/// Graph basics, argument checks and the connectivity check.
class TopologyGraphTestCase : public TestCase
{
  public:
    TopologyGraphTestCase()
        : TestCase("graph: links, names, distances, connectivity errors")
    {
    }

  private:
    void DoRun() override
    {
        // A path 0-1-2 and a separate pair 3-4.
        SmkdTopology t(5, "test graph");
        t.AddLink(0, 1, MilliSeconds(1));
        t.AddLink(1, 2, MilliSeconds(2), 7.5);
        t.AddLink(3, 4, MilliSeconds(3));
        t.SetName(3, "three");
        NS_TEST_EXPECT_MSG_EQ(t.GetNLinks(), 3u, "three links");
        NS_TEST_EXPECT_MSG_EQ(t.GetDegree(1), 2u, "middle of the path");
        NS_TEST_EXPECT_MSG_EQ(t.FindLink(2, 1), 1u, "link 1 either way round");
        NS_TEST_EXPECT_MSG_EQ(t.FindLink(0, 2), SmkdTopology::NONE, "no link 0-2");
        NS_TEST_EXPECT_MSG_EQ(t.GetLink(1).weight, 7.5, "weight kept");
        NS_TEST_EXPECT_MSG_EQ(t.FindRouter("three"), 3u, "by name");
        NS_TEST_EXPECT_MSG_EQ(t.Describe(3), "router 3 (three)", "description");
        NS_TEST_EXPECT_MSG_EQ(t.CountComponents(), 2u, "two components");
        NS_TEST_EXPECT_MSG_EQ(t.IsConnected(), false, "not connected");
        const std::vector<uint32_t> d = t.HopDistances(0);
        NS_TEST_EXPECT_MSG_EQ(d[2], 2u, "0 to 2: two hops");
        NS_TEST_EXPECT_MSG_EQ(d[3], SmkdTopology::NONE, "3 unreachable from 0");
        const std::string disconnected = Thrown<std::runtime_error>([&t]() { t.CheckConnected(); });
        NS_TEST_EXPECT_MSG_EQ(Contains(disconnected, "2 components"), true, disconnected);
        NS_TEST_EXPECT_MSG_EQ(Contains(disconnected, "router 3 (three) is unreachable"),
                              true,
                              disconnected);
        NS_TEST_EXPECT_MSG_EQ(Contains(disconnected, "'test graph'"), true, disconnected);

        NS_TEST_EXPECT_MSG_EQ(
            Contains(Thrown<std::invalid_argument>([&t]() { t.AddLink(2, 2, Seconds(0)); }),
                     "itself"),
            true,
            "self-loop refused");
        NS_TEST_EXPECT_MSG_EQ(
            Contains(Thrown<std::invalid_argument>([&t]() { t.AddLink(1, 0, Seconds(0)); }),
                     "linked already"),
            true,
            "duplicate refused");
        NS_TEST_EXPECT_MSG_EQ(
            Contains(Thrown<std::invalid_argument>([&t]() { t.AddLink(0, 9, Seconds(0)); }),
                     "router 9 does not exist"),
            true,
            "unknown router refused");
        NS_TEST_EXPECT_MSG_EQ(
            Contains(Thrown<std::invalid_argument>([&t]() { t.AddLink(0, 2, Seconds(-1)); }),
                     "negative delay"),
            true,
            "negative delay refused");
        NS_TEST_EXPECT_MSG_EQ(
            Contains(Thrown<std::invalid_argument>([&t]() { t.AddRouter("three"); }), "taken"),
            true,
            "duplicate name refused");
        NS_TEST_EXPECT_MSG_EQ(t.GetNRouters(), 5u, "the refused router was not added");

        // Joined up: 0-1-2-3-4 plus 3-4; depth and centre of a path of five.
        t.AddLink(2, 3, MilliSeconds(1));
        t.CheckConnected();
        NS_TEST_EXPECT_MSG_EQ(t.GetDepth(0), 4u, "end of a path of five: depth 4");
        NS_TEST_EXPECT_MSG_EQ(t.GetCentre(), 2u, "middle of the path");
        NS_TEST_EXPECT_MSG_EQ(t.GetDepth(2), 2u, "centre's eccentricity");
        NS_TEST_EXPECT_MSG_EQ(
            Contains(Thrown<std::runtime_error>([]() { SmkdTopology().CheckConnected(); }),
                     "no routers"),
            true,
            "empty topology refused");
    }
};

/// The bounding centre search agrees with brute force, and known values.
class TopologyCentreTestCase : public TestCase
{
  public:
    TopologyCentreTestCase()
        : TestCase("centre: exact on grids, trees, paths, random and real graphs")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SmkdGridGenerator> grid = CreateObject<SmkdGridGenerator>();
        grid->SetAttribute("Width", UintegerValue(7));
        grid->SetAttribute("Height", UintegerValue(5));
        const SmkdTopology g = grid->Generate();
        // (3, 2) = 2·7 + 3 = 17 is 3 + 2 = 5 hops from the farthest corner.
        NS_TEST_EXPECT_MSG_EQ(g.GetCentre(), 17u, "grid centre");
        NS_TEST_EXPECT_MSG_EQ(g.GetDepth(17), 5u, "grid radius");

        Ptr<SmkdKaryTreeGenerator> tree = CreateObject<SmkdKaryTreeGenerator>();
        tree->SetAttribute("Arity", UintegerValue(3));
        tree->SetAttribute("Depth", UintegerValue(4));
        NS_TEST_EXPECT_MSG_EQ(tree->Generate().GetCentre(), 0u, "tree centre is the root");

        Ptr<SmkdBarabasiAlbertGenerator> ba = CreateObject<SmkdBarabasiAlbertGenerator>();
        ba->SetAttribute("Routers", UintegerValue(300));
        ba->SetAttribute("M", UintegerValue(1)); // a random tree: long paths, many ties
        for (int64_t stream : {1, 2, 3})
        {
            ba->AssignStreams(stream);
            const SmkdTopology t = ba->Generate();
            NS_TEST_EXPECT_MSG_EQ(t.GetCentre(), BruteForceCentre(t), "stream " << stream);
        }
        Ptr<SmkdWaxmanGenerator> waxman = CreateObject<SmkdWaxmanGenerator>();
        waxman->SetAttribute("Routers", UintegerValue(150));
        waxman->AssignStreams(4);
        const SmkdTopology w = waxman->Generate();
        NS_TEST_EXPECT_MSG_EQ(w.GetCentre(), BruteForceCentre(w), "Waxman");

        // Rocketfuel AS1239: a Python breadth-first search from every router
        // gives router 4 (Relay,+MD4110) the least eccentricity, 6 (ten
        // routers have 6, router 4 is the lowest); the diameter is 10.
        const SmkdTopology rf =
            SmkdTopologyReader::Read(Sample("RocketFuel_toposample_1239_weights.txt"),
                                     SmkdTopologyReader::Format::ROCKETFUEL_WEIGHTS);
        NS_TEST_EXPECT_MSG_EQ(rf.GetCentre(), 4u, "Rocketfuel centre");
        NS_TEST_EXPECT_MSG_EQ(rf.GetName(4), "Relay,+MD4110", "Rocketfuel centre's name");
        NS_TEST_EXPECT_MSG_EQ(rf.GetDepth(4), 6u, "Rocketfuel radius");
        NS_TEST_EXPECT_MSG_EQ(BruteForceCentre(rf), 4u, "brute force agrees");
    }
};

/// Reads the three samples; counts verified independently (see each comment).
class TopologyReaderSamplesTestCase : public TestCase
{
  public:
    TopologyReaderSamplesTestCase()
        : TestCase("readers: Rocketfuel, Inet and Orbis samples, and ns-3's readers agree")
    {
    }

  private:
    /// Compare with ns-3's TopologyReader on the same file: nodes, links, endpoints.
    void CompareWithNs3(const SmkdTopology& ours, const std::string& path, const std::string& type)
    {
        TopologyReaderHelper helper;
        helper.SetFileName(path);
        helper.SetFileType(type);
        Ptr<TopologyReader> reader = helper.GetTopologyReader();
        NodeContainer nodes = reader->Read();
        NS_TEST_EXPECT_MSG_EQ(nodes.GetN(), ours.GetNRouters(), type << ": ns-3 node count");
        NS_TEST_EXPECT_MSG_EQ(reader->LinksSize(),
                              static_cast<int>(ours.GetNLinks()),
                              type << ": ns-3 link count");
        uint32_t missing = 0;
        for (auto it = reader->LinksBegin(); it != reader->LinksEnd(); ++it)
        {
            const uint32_t a = ours.FindRouter(it->GetFromNodeName());
            const uint32_t b = ours.FindRouter(it->GetToNodeName());
            if (a == SmkdTopology::NONE || b == SmkdTopology::NONE ||
                ours.FindLink(a, b) == SmkdTopology::NONE)
            {
                ++missing;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(missing, 0u, type << ": every ns-3 link is one of ours");
        Simulator::Destroy(); // the nodes ns-3's reader made
    }

    void DoRun() override
    {
        using Format = SmkdTopologyReader::Format;
        // Rocketfuel Sprint AS1239, 1,944 lines, each link in both directions:
        //   awk '{print $1; print $2}' f | sort -u | wc -l                    -> 315
        //   awk '{a=$1;b=$2; if (a>b){t=a;a=b;b=t}; print a" "b}' f | sort -u -> 972
        const std::string rfPath = Sample("RocketFuel_toposample_1239_weights.txt");
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(SmkdTopologyReader::DetectFormat(rfPath)),
                              static_cast<int>(Format::ROCKETFUEL_WEIGHTS),
                              "Rocketfuel detected");
        const SmkdTopology rf = SmkdTopologyReader::Read(rfPath);
        NS_TEST_EXPECT_MSG_EQ(rf.GetNRouters(), 315u, "Rocketfuel routers");
        NS_TEST_EXPECT_MSG_EQ(rf.GetNLinks(), 972u, "Rocketfuel links");
        NS_TEST_EXPECT_MSG_EQ(DegreeSum(rf), 2u * 972, "degree sum");
        // Line 1: "San+Jose,+CA4062 Anaheim,+CA4101 2.5" (and line 127 the reverse).
        const uint32_t l =
            rf.FindLink(rf.FindRouter("San+Jose,+CA4062"), rf.FindRouter("Anaheim,+CA4101"));
        NS_TEST_ASSERT_MSG_NE(l, SmkdTopology::NONE, "first line's link");
        NS_TEST_EXPECT_MSG_EQ(rf.GetLink(l).delay, MicroSeconds(2500), "weight 2.5 -> 2.5 ms");
        // awk '{d[$1]++} END{...}': Dallas,+TX4080 has 45 links, the most.
        NS_TEST_EXPECT_MSG_EQ(rf.GetName(rf.GetHighestDegree()), "Dallas,+TX4080", "hub");
        NS_TEST_EXPECT_MSG_EQ(rf.GetDegree(rf.GetHighestDegree()), 45u, "hub degree");
        CompareWithNs3(rf, rfPath, "Rocketfuel");

        // Inet: header "3037 4788", 3,037 node lines, 4,788 link lines:
        //   awk 'NR>3038{print $1; print $2}' f | sort -u | wc -l              -> 3037
        //   awk 'NR>3038{a=$1;b=$2; if (a+0>b+0){...}; print a" "b}' | sort -u -> 4788
        const std::string inetPath = Sample("Inet_toposample.txt");
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(SmkdTopologyReader::DetectFormat(inetPath)),
                              static_cast<int>(Format::INET),
                              "Inet detected");
        const SmkdTopology inet = SmkdTopologyReader::Read(inetPath);
        NS_TEST_EXPECT_MSG_EQ(inet.GetNRouters(), 3037u, "Inet routers");
        NS_TEST_EXPECT_MSG_EQ(inet.GetNLinks(), 4788u, "Inet links");
        NS_TEST_EXPECT_MSG_EQ(DegreeSum(inet), 2u * 4788, "degree sum");
        // First link line: "0 1 1973" -> 1,973 us.
        NS_TEST_EXPECT_MSG_EQ(inet.GetLink(0).delay, MicroSeconds(1973), "distance as us");
        NS_TEST_EXPECT_MSG_EQ(inet.GetHighestDegree(), 0u, "Inet node 0 is the hub");
        NS_TEST_EXPECT_MSG_EQ(inet.GetDegree(0), 684u, "with 684 links");
        CompareWithNs3(inet, inetPath, "Inet");

        // Orbis: 2,769 lines of two ids, no repeats, no header:
        //   awk '{print $1; print $2}' f | sort -u | wc -l -> 1423
        const std::string orbisPath = Sample("Orbis_toposample.txt");
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(SmkdTopologyReader::DetectFormat(orbisPath)),
                              static_cast<int>(Format::ORBIS),
                              "Orbis detected");
        SmkdTopologyReader::Options options;
        options.defaultDelay = MilliSeconds(3);
        const SmkdTopology orbis = SmkdTopologyReader::Read(orbisPath, Format::ORBIS, options);
        NS_TEST_EXPECT_MSG_EQ(orbis.GetNRouters(), 1423u, "Orbis routers");
        NS_TEST_EXPECT_MSG_EQ(orbis.GetNLinks(), 2769u, "Orbis links");
        NS_TEST_EXPECT_MSG_EQ(orbis.GetName(0), "956", "first id seen is router 0");
        NS_TEST_EXPECT_MSG_EQ(orbis.GetLink(2768).delay, MilliSeconds(3), "the default delay");
        NS_TEST_EXPECT_MSG_EQ(orbis.GetName(orbis.GetHighestDegree()), "1422", "Orbis hub");
        NS_TEST_EXPECT_MSG_EQ(orbis.GetDegree(orbis.GetHighestDegree()), 276u, "hub degree");
        CompareWithNs3(orbis, orbisPath, "Orbis");
    }
};

/// Bad files: every error names the file, and the line where there is one.
class TopologyReaderErrorsTestCase : public TestCase
{
  public:
    TopologyReaderErrorsTestCase()
        : TestCase("readers: missing files, malformed lines, empty and disconnected maps")
    {
    }

  private:
    std::string Write(const std::string& name, const std::string& text)
    {
        const std::string path = CreateTempDirFilename(name);
        std::ofstream(path) << text;
        return path;
    }

    void Expect(const std::string& message, const std::vector<std::string>& parts)
    {
        for (const std::string& p : parts)
        {
            NS_TEST_EXPECT_MSG_EQ(Contains(message, p), true, "'" << p << "' in: " << message);
        }
    }

    void DoRun() override
    {
        using Format = SmkdTopologyReader::Format;
        using R = SmkdTopologyReader;
        const std::string missing = CreateTempDirFilename("no-such-file.txt");
        Expect(Thrown<std::runtime_error>([&]() { R::Read(missing, Format::ORBIS); }),
               {"cannot open", missing});

        const std::string rf = Write("rf.txt", "a b 1\nb c 2\nc d x\n");
        Expect(Thrown<std::invalid_argument>([&]() { R::Read(rf, Format::ROCKETFUEL_WEIGHTS); }),
               {rf + ":3:", "non-negative number", "'c d x'"});
        const std::string rf2 = Write("rf2.txt", "a b 1\n\n# comment\nb c\n");
        Expect(Thrown<std::invalid_argument>([&]() { R::Read(rf2, Format::ROCKETFUEL_WEIGHTS); }),
               {rf2 + ":4:", "expected '<router> <router> <weight>'", "found 2 fields"});
        const std::string maps = Write("maps.txt", "112 @Mumbai,+IN + bb (1) -> <468> =x r0\n");
        Expect(Thrown<std::invalid_argument>([&]() { R::Read(maps); }),
               {maps + ":1:", "maps (.cch)"});

        const std::string inetShort =
            Write("inet-short.txt", "3 3\n0 1 1\n1 2 2\n2 3 3\n0 1 5\n1 2 5\n");
        Expect(Thrown<std::invalid_argument>([&]() { R::Read(inetShort, Format::INET); }),
               {inetShort, "ends after 2 of the 3 links"});
        const std::string inetRange =
            Write("inet-range.txt", "3 2\n0 1 1\n1 2 2\n2 3 3\n0 1 5\n1 7 5\n");
        Expect(Thrown<std::invalid_argument>([&]() { R::Read(inetRange, Format::INET); }),
               {inetRange + ":6:", "node 7", "declares 3 nodes"});
        const std::string inetHeader = Write("inet-header.txt", "3 two\n");
        Expect(Thrown<std::invalid_argument>([&]() { R::Read(inetHeader, Format::INET); }),
               {inetHeader + ":1:", "'<nodes> <links>'"});

        const std::string orbis = Write("orbis.txt", "1 2\n2 3 4\n");
        Expect(Thrown<std::invalid_argument>([&]() { R::Read(orbis, Format::ORBIS); }),
               {orbis + ":2:", "'<from> <to>'"});
        const std::string loop = Write("loop.txt", "1 2\n2 2\n");
        Expect(Thrown<std::invalid_argument>([&]() { R::Read(loop, Format::ORBIS); }),
               {loop + ":2:", "to itself"});
        const std::string empty = Write("empty.txt", "# nothing\n\n");
        Expect(Thrown<std::runtime_error>([&]() { R::Read(empty, Format::ORBIS); }),
               {empty, "no links"});
        const std::string split = Write("split.txt", "1 2\n3 4\n2 5\n");
        Expect(Thrown<std::runtime_error>([&]() { R::Read(split, Format::ORBIS); }),
               {"orbis:" + split, "disconnected: 2 components", "router 2 (3) is unreachable"});
        SmkdTopologyReader::Options lenient;
        lenient.requireConnected = false;
        NS_TEST_EXPECT_MSG_EQ(R::Read(split, Format::ORBIS, lenient).CountComponents(),
                              2u,
                              "read anyway when allowed");
        // A repeated link is merged; the smaller weight wins.
        const std::string repeat = Write("repeat.txt", "a b 4\nb a 3\n");
        const SmkdTopology t = R::Read(repeat, Format::ROCKETFUEL_WEIGHTS);
        NS_TEST_EXPECT_MSG_EQ(t.GetNLinks(), 1u, "one link");
        NS_TEST_EXPECT_MSG_EQ(t.GetLink(0).delay, MilliSeconds(3), "smaller weight");
        Expect(Thrown<std::invalid_argument>([]() { R::ParseFormat("brite"); }),
               {"unknown topology format 'brite'"});
    }
};

/// Structure of the generated graphs.
class TopologyGeneratorStructureTestCase : public TestCase
{
  public:
    TopologyGeneratorStructureTestCase()
        : TestCase("generators: tree, grid, Barabasi-Albert, Waxman, transit-stub structure")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<SmkdKaryTreeGenerator> tree = CreateObject<SmkdKaryTreeGenerator>();
        tree->SetAttribute("Arity", UintegerValue(3));
        tree->SetAttribute("Depth", UintegerValue(4));
        tree->SetAttribute("LinkDelay", TimeValue(MilliSeconds(2)));
        const SmkdTopology t = tree->Generate();
        // 1 + 3 + 9 + 27 + 81 = 121 routers, 120 links; 81 leaves of degree 1,
        // the root of degree 3, the 39 others of degree 4.
        NS_TEST_EXPECT_MSG_EQ(t.GetNRouters(), 121u, "tree routers");
        NS_TEST_EXPECT_MSG_EQ(t.GetNLinks(), 120u, "tree links");
        NS_TEST_EXPECT_MSG_EQ(t.GetDepth(0), 4u, "tree depth");
        std::vector<uint32_t> byDegree(6, 0);
        for (uint32_t r = 0; r < t.GetNRouters(); ++r)
        {
            ++byDegree[std::min(t.GetDegree(r), 5u)];
        }
        NS_TEST_EXPECT_MSG_EQ(byDegree[1], 81u, "leaves");
        NS_TEST_EXPECT_MSG_EQ(byDegree[3], 1u, "root");
        NS_TEST_EXPECT_MSG_EQ(byDegree[4], 39u, "inner routers");
        NS_TEST_EXPECT_MSG_EQ(t.GetLink(7).delay, MilliSeconds(2), "LinkDelay");

        Ptr<SmkdGridGenerator> grid = CreateObject<SmkdGridGenerator>();
        grid->SetAttribute("Width", UintegerValue(5));
        grid->SetAttribute("Height", UintegerValue(4));
        const SmkdTopology g = grid->Generate();
        // 5·3 vertical + 4·4 horizontal = 31 links; 4 corners of degree 2,
        // 2·3 + 2·2 = 10 border routers of degree 3, 3·2 = 6 inner of degree 4.
        NS_TEST_EXPECT_MSG_EQ(g.GetNLinks(), 31u, "grid links");
        std::fill(byDegree.begin(), byDegree.end(), 0);
        for (uint32_t r = 0; r < g.GetNRouters(); ++r)
        {
            ++byDegree[g.GetDegree(r)];
        }
        NS_TEST_EXPECT_MSG_EQ(byDegree[2], 4u, "corners");
        NS_TEST_EXPECT_MSG_EQ(byDegree[3], 10u, "borders");
        NS_TEST_EXPECT_MSG_EQ(byDegree[4], 6u, "inner");
        NS_TEST_EXPECT_MSG_EQ(g.FindLink(6, 11), 12u, "(1,1)-(1,2) is the 13th link made");

        Ptr<SmkdBarabasiAlbertGenerator> ba = CreateObject<SmkdBarabasiAlbertGenerator>();
        ba->SetAttribute("Routers", UintegerValue(500));
        ba->SetAttribute("M", UintegerValue(3));
        ba->AssignStreams(11);
        const SmkdTopology b = ba->Generate();
        // Clique of 4: 6 links; 496 more routers, 3 links each: 1,494 links.
        NS_TEST_EXPECT_MSG_EQ(b.GetNLinks(), 1494u, "BA links");
        NS_TEST_EXPECT_MSG_EQ(DegreeSum(b), 2u * 1494, "degree sum = 2 links");
        uint32_t minDegree = b.GetNRouters();
        for (uint32_t r = 0; r < b.GetNRouters(); ++r)
        {
            minDegree = std::min(minDegree, b.GetDegree(r));
        }
        NS_TEST_EXPECT_MSG_EQ(minDegree, 3u, "every router has at least M links");
        NS_TEST_EXPECT_MSG_EQ(b.IsConnected(), true, "BA connected");
        // Preferential attachment: the hub has far more than the mean (6).
        NS_TEST_EXPECT_MSG_GT(b.GetDegree(b.GetHighestDegree()), 30u, "a hub grew");

        Ptr<SmkdWaxmanGenerator> waxman = CreateObject<SmkdWaxmanGenerator>();
        waxman->SetAttribute("Routers", UintegerValue(300));
        waxman->SetAttribute("Alpha", DoubleValue(0.05)); // sparse: needs repairs
        waxman->SetAttribute("Beta", DoubleValue(0.1));
        waxman->AssignStreams(5);
        const SmkdTopology w = waxman->Generate();
        NS_TEST_EXPECT_MSG_EQ(w.GetNRouters(), 300u, "Waxman routers");
        NS_TEST_EXPECT_MSG_EQ(w.IsConnected(), true, "Waxman repaired to one component");

        Ptr<SmkdTransitStubGenerator> ts = CreateObject<SmkdTransitStubGenerator>();
        ts->SetAttribute("TransitDomains", UintegerValue(3));
        ts->SetAttribute("RoutersPerTransit", UintegerValue(4));
        ts->SetAttribute("StubsPerTransitRouter", UintegerValue(2));
        ts->SetAttribute("RoutersPerStub", UintegerValue(3));
        ts->SetAttribute("StubEdgeProbability", DoubleValue(0.0)); // stubs are trees
        ts->AssignStreams(9);
        const SmkdTopology s = ts->Generate();
        // 3·4 = 12 transit routers, each with 2 stubs of 3: 12·(1 + 6) = 84.
        NS_TEST_EXPECT_MSG_EQ(s.GetNRouters(), 84u, "transit-stub routers");
        NS_TEST_EXPECT_MSG_EQ(s.IsConnected(), true, "transit-stub connected");
        uint32_t access = 0;
        uint32_t stubInternal = 0;
        for (const auto& l : s.GetLinks())
        {
            const bool ta = l.a < 12;
            const bool tb = l.b < 12;
            access += ta != tb;
            stubInternal += !ta && !tb;
            if (ta != tb)
            {
                NS_TEST_EXPECT_MSG_EQ(l.delay, MilliSeconds(5), "AccessLinkDelay");
            }
        }
        NS_TEST_EXPECT_MSG_EQ(access, 24u, "one access link per stub domain");
        NS_TEST_EXPECT_MSG_EQ(stubInternal, 24u * 2, "stub trees: 2 links per 3-router stub");
        NS_TEST_EXPECT_MSG_EQ(s.FindRouter("t2.3"), 11u, "last transit router");
        NS_TEST_EXPECT_MSG_EQ(s.FindRouter("s0.0.0.0"), 12u, "first stub router");
        NS_TEST_EXPECT_MSG_EQ(s.FindRouter("s2.3.1.2"), 83u, "last stub router");

        // Parameters out of range throw.
        ba->SetAttribute("M", UintegerValue(0));
        NS_TEST_EXPECT_MSG_EQ(
            Contains(Thrown<std::invalid_argument>([&]() { ba->Generate(); }), "M must be"),
            true,
            "M = 0");
        waxman->SetAttribute("Alpha", DoubleValue(0));
        NS_TEST_EXPECT_MSG_EQ(
            Contains(Thrown<std::invalid_argument>([&]() { waxman->Generate(); }), "Alpha"),
            true,
            "alpha = 0");
        grid->SetAttribute("Width", UintegerValue(0));
        NS_TEST_EXPECT_MSG_EQ(
            Contains(Thrown<std::invalid_argument>([&]() { grid->Generate(); }), "Width"),
            true,
            "empty grid");
    }
};

/// Same stream, same graph; another stream, another graph.
class TopologyGeneratorSeedTestCase : public TestCase
{
  public:
    TopologyGeneratorSeedTestCase()
        : TestCase("generators: same stream same graph, different stream different graph")
    {
    }

  private:
    void Check(Ptr<SmkdTopologyGenerator> g, const std::string& what)
    {
        g->AssignStreams(21);
        const auto first = Pairs(g->Generate());
        g->AssignStreams(21);
        const auto again = Pairs(g->Generate());
        g->AssignStreams(22);
        const auto other = Pairs(g->Generate());
        NS_TEST_EXPECT_MSG_EQ((first == again), true, what << ": reproducible");
        NS_TEST_EXPECT_MSG_EQ((first != other), true, what << ": another stream differs");
    }

    void DoRun() override
    {
        Check(CreateObject<SmkdWaxmanGenerator>(), "Waxman");
        Check(CreateObject<SmkdBarabasiAlbertGenerator>(), "Barabasi-Albert");
        Check(CreateObject<SmkdTransitStubGenerator>(), "transit-stub");
    }
};

/// Cores, members, senders.
class TopologyPlacementTestCase : public TestCase
{
  public:
    TopologyPlacementTestCase()
        : TestCase("placement: cores by strategy, members uniform and clustered, errors")
    {
    }

  private:
    void DoRun() override
    {
        using Core = SmkdPlacement::CoreStrategy;
        using Member = SmkdPlacement::MemberStrategy;
        Ptr<SmkdPlacement> place = CreateObject<SmkdPlacement>();
        place->AssignStreams(3);
        Ptr<SmkdGridGenerator> grid = CreateObject<SmkdGridGenerator>();
        grid->SetAttribute("Width", UintegerValue(7));
        grid->SetAttribute("Height", UintegerValue(5));
        const SmkdTopology g = grid->Generate();

        // Centre 17 = (3,2); then its four neighbours (degree 4 each) by
        // index: 10, 16, 18, 24.
        const std::vector<uint32_t> centre = place->PlaceCores(g, Core::CENTRE, 5);
        NS_TEST_EXPECT_MSG_EQ((centre == std::vector<uint32_t>{17, 10, 16, 18, 24}),
                              true,
                              "centre then nearest");
        // Degree 4 routers are the 5·3 = 15 inner ones, the first is (1,1) = 8.
        NS_TEST_EXPECT_MSG_EQ(place->PlaceCores(g, Core::HIGHEST_DEGREE, 1)[0], 8u, "degree");
        const std::vector<uint32_t> random = place->PlaceCores(g, Core::RANDOM, 10);
        NS_TEST_EXPECT_MSG_EQ(std::set<uint32_t>(random.begin(), random.end()).size(),
                              10u,
                              "distinct random cores");
        place->AssignStreams(3);
        NS_TEST_EXPECT_MSG_EQ((place->PlaceCores(g, Core::RANDOM, 10) == random),
                              true,
                              "same stream, same cores");

        const SmkdTopology rf =
            SmkdTopologyReader::Read(Sample("RocketFuel_toposample_1239_weights.txt"),
                                     SmkdTopologyReader::Format::ROCKETFUEL_WEIGHTS);
        const std::vector<uint32_t> given =
            place->PlaceCores(rf, Core::GIVEN, 0, {"Relay,+MD4110", "17"});
        NS_TEST_EXPECT_MSG_EQ((given == std::vector<uint32_t>{4, 17}), true, "by name, by index");
        const std::string unknown = Thrown<std::invalid_argument>(
            [&]() { place->PlaceCores(rf, Core::GIVEN, 0, {"Atlantis,+XX1"}); });
        NS_TEST_EXPECT_MSG_EQ(Contains(unknown, "'Atlantis,+XX1' is not in topology"),
                              true,
                              unknown);
        NS_TEST_EXPECT_MSG_EQ(Contains(Thrown<std::invalid_argument>([&]() {
                                           place->PlaceCores(rf, Core::GIVEN, 0, {"400"});
                                       }),
                                       "'400' is not in topology"),
                              true,
                              "index out of range");
        NS_TEST_EXPECT_MSG_EQ(Contains(Thrown<std::invalid_argument>(
                                           [&]() { place->PlaceCores(g, Core::RANDOM, 36); }),
                                       "only 35 routers"),
                              true,
                              "more cores than routers");

        // One host per router: clustered members form a ball around one seed.
        std::vector<uint32_t> hostRouters(g.GetNRouters());
        for (uint32_t r = 0; r < hostRouters.size(); ++r)
        {
            hostRouters[r] = r;
        }
        place->SetAttribute("Clusters", UintegerValue(1));
        const std::vector<uint32_t> members =
            place->ChooseHosts(g, hostRouters, Member::CLUSTERED, 9);
        NS_TEST_ASSERT_MSG_EQ(members.size(), 9u, "nine members");
        const std::vector<uint32_t> d = g.HopDistances(members[0]); // the seed comes first
        uint32_t farthestChosen = 0;
        uint32_t nearestOther = SmkdTopology::NONE;
        for (uint32_t h = 0; h < hostRouters.size(); ++h)
        {
            const bool chosen = std::find(members.begin(), members.end(), h) != members.end();
            farthestChosen = chosen ? std::max(farthestChosen, d[h]) : farthestChosen;
            nearestOther = chosen ? nearestOther : std::min(nearestOther, d[h]);
        }
        NS_TEST_EXPECT_MSG_LT_OR_EQ(farthestChosen, nearestOther, "members fill a ball");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(farthestChosen, 2u, "9 routers do not fit in radius 1");

        const std::vector<uint32_t> uniform =
            place->ChooseHosts(g, hostRouters, Member::UNIFORM, 35);
        NS_TEST_EXPECT_MSG_EQ(std::set<uint32_t>(uniform.begin(), uniform.end()).size(),
                              35u,
                              "all slots, each once");
        const std::string tooMany = Thrown<std::invalid_argument>(
            [&]() { place->ChooseHosts(g, hostRouters, Member::UNIFORM, 36); });
        NS_TEST_EXPECT_MSG_EQ(
            Contains(tooMany, "36 member hosts, but there are only 35 host slots"),
            true,
            tooMany);
        NS_TEST_EXPECT_MSG_EQ(
            Contains(Thrown<std::invalid_argument>([&]() {
                         place->ChooseHosts(g, hostRouters, Member::GIVEN, 0, {3, 3});
                     }),
                     "listed twice"),
            true,
            "repeated given host");

        const std::vector<uint32_t> senders = place->ChooseSenders(members, 3);
        NS_TEST_EXPECT_MSG_EQ(senders.size(), 3u, "three senders");
        for (uint32_t s : senders)
        {
            NS_TEST_EXPECT_MSG_EQ((std::find(members.begin(), members.end(), s) != members.end()),
                                  true,
                                  "senders are members");
        }
        NS_TEST_EXPECT_MSG_EQ(
            Contains(Thrown<std::invalid_argument>([&]() { place->ChooseSenders(members, 10); }),
                     "only 9 candidates"),
            true,
            "more senders than candidates");
        NS_TEST_EXPECT_MSG_EQ(static_cast<int>(SmkdPlacement::ParseCoreStrategy("Center")),
                              static_cast<int>(Core::CENTRE),
                              "American spelling");
    }
};

class SmkdTopologyTestSuite : public TestSuite
{
  public:
    SmkdTopologyTestSuite()
        : TestSuite("smkd-topology", UNIT)
    {
        AddTestCase(new TopologyGraphTestCase, TestCase::QUICK);
        AddTestCase(new TopologyCentreTestCase, TestCase::QUICK);
        AddTestCase(new TopologyReaderSamplesTestCase, TestCase::QUICK);
        AddTestCase(new TopologyReaderErrorsTestCase, TestCase::QUICK);
        AddTestCase(new TopologyGeneratorStructureTestCase, TestCase::QUICK);
        AddTestCase(new TopologyGeneratorSeedTestCase, TestCase::QUICK);
        AddTestCase(new TopologyPlacementTestCase, TestCase::QUICK);
    }
};

SmkdTopologyTestSuite g_smkdTopologyTestSuite;

} // namespace
