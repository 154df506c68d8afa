/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// CBT (RFC 2189 §7) and IGMP (RFC 3376 §4, RFC 2236, RFC 1112) messages as
// Python dicts: parse(bytes) -> dict and to_bytes(dict) -> bytes, through the
// same CbtMessage / IgmpMessage entry points the routers use.
//
// A dict has "type" (the message type's name) and the header's fields under
// snake_case names; parse() adds what the wire says but serialisation
// computes ("checksum"; for IGMP also "ignored" and a query's "kind"), and
// to_bytes() accepts those keys back and ignores them, so
// to_bytes(parse(b)) == b for every message the module itself would send.

#include "bind-common.h"

#include "ns3/cbt-message.h"
#include "ns3/igmp-message.h"
#include "ns3/log.h"

NS_LOG_COMPONENT_DEFINE("SmkdBindWire");

namespace ns3
{
namespace smkd
{
namespace bindings
{

namespace
{

/// std::visit with one lambda per alternative.
template <class... Ts>
struct Overloaded : Ts...
{
    using Ts::operator()...;
};
template <class... Ts>
Overloaded(Ts...) -> Overloaded<Ts...>;

// ---- CBT ----

const std::vector<const char*> kCbtTypes = {"HELLO",
                                            "JOIN_REQUEST",
                                            "JOIN_ACK",
                                            "QUIT_NOTIFICATION",
                                            "ECHO_REQUEST",
                                            "ECHO_REPLY",
                                            "FLUSH_TREE"};

py::list
OptionsToPy(const CbtOptionList& options)
{
    py::list out;
    for (const auto& o : options.Get())
    {
        py::dict d;
        d["type"] = o.type;
        d["value"] = BytesToPy(o.value);
        out.append(d);
    }
    return out;
}

void
ReadOptions(DictReader& r, CbtOptionList& out)
{
    py::object v = r.Raw("options");
    if (!v)
    {
        return;
    }
    if (!py::isinstance<py::list>(v) && !py::isinstance<py::tuple>(v))
    {
        throw r.Error("options", "expected a list of {'type': int, 'value': bytes}");
    }
    std::size_t k = 0;
    for (py::handle item : v)
    {
        if (!py::isinstance<py::dict>(item))
        {
            throw r.Error("options", "entry " + std::to_string(k) + " is not a dict");
        }
        DictReader o(item.cast<py::dict>(), r.What() + " option " + std::to_string(k));
        const auto type = static_cast<uint8_t>(o.Unsigned("type", 0, 255));
        // RFC 2189 §7.2 with the module's 16-bit length extension (cbt-option.h).
        std::vector<uint8_t> value = o.Bytes("value", CbtOption::MAX_VALUE_SIZE);
        o.Finish();
        out.Add(type, std::move(value));
        ++k;
    }
}

py::dict
CbtToPy(const CbtMessage& msg)
{
    py::dict d;
    d["type"] = CbtMessageTypeName(msg.GetType());
    d["checksum"] = msg.GetReceivedChecksum();
    std::visit(Overloaded{[&d](const CbtHelloHeader& h) {
                              d["preference"] = h.GetPreference();
                              d["options"] = OptionsToPy(h.GetOptions());
                          },
                          [&d](const CbtJoinRequestHeader& h) {
                              d["group"] = AddressToPy(h.GetGroup());
                              d["target"] = AddressToPy(h.GetTarget());
                              d["originator"] = AddressToPy(h.GetOriginator());
                              d["options"] = OptionsToPy(h.GetOptions());
                          },
                          [&d](const CbtJoinAckHeader& h) {
                              d["group"] = AddressToPy(h.GetGroup());
                              d["target"] = AddressToPy(h.GetTarget());
                              d["options"] = OptionsToPy(h.GetOptions());
                          },
                          [&d](const CbtQuitNotificationHeader& h) {
                              d["group"] = AddressToPy(h.GetGroup());
                              d["originating_child"] = AddressToPy(h.GetOriginatingChild());
                          },
                          [&d](const CbtEchoRequestHeader& h) {
                              d["originating_child"] = AddressToPy(h.GetOriginatingChild());
                          },
                          [&d](const CbtEchoReplyHeader& h) {
                              d["originating_parent"] = AddressToPy(h.GetOriginatingParent());
                              d["groups"] = AddressesToPy(h.GetGroups());
                          },
                          [&d](const CbtFlushTreeHeader& h) {
                              d["groups"] = AddressesToPy(h.GetGroups());
                          }},
               msg.GetBody());
    return d;
}

template <class J>
void
ReadJoin(DictReader& r, J& h)
{
    h.SetGroup(r.Address("group"));
    h.SetTarget(r.Address("target"));
    ReadOptions(r, h.GetOptions());
}

CbtMessage
CbtFromPy(const py::dict& d)
{
    DictReader top(d, "CBT message");
    const auto type = static_cast<CbtMessageType>(
        top.Enum("type", kCbtTypes, 0, static_cast<uint8_t>(CbtMessageType::HELLO)));
    DictReader r(d, std::string("CBT ") + CbtMessageTypeName(type));
    r.Ignore("type");
    r.Ignore("checksum");
    CbtBody body;
    switch (type)
    {
    case CbtMessageType::HELLO: {
        CbtHelloHeader h;
        h.SetPreference(static_cast<uint8_t>(
            r.Unsigned("preference", CbtHelloHeader::DEFAULT_PREFERENCE, 255)));
        ReadOptions(r, h.GetOptions());
        body = h;
        break;
    }
    case CbtMessageType::JOIN_REQUEST: {
        CbtJoinRequestHeader h;
        ReadJoin(r, h);
        h.SetOriginator(r.Address("originator"));
        body = h;
        break;
    }
    case CbtMessageType::JOIN_ACK: {
        CbtJoinAckHeader h;
        ReadJoin(r, h);
        body = h;
        break;
    }
    case CbtMessageType::QUIT_NOTIFICATION: {
        CbtQuitNotificationHeader h;
        h.SetGroup(r.Address("group"));
        h.SetOriginatingChild(r.Address("originating_child"));
        body = h;
        break;
    }
    case CbtMessageType::ECHO_REQUEST: {
        CbtEchoRequestHeader h;
        h.SetOriginatingChild(r.Address("originating_child"));
        body = h;
        break;
    }
    case CbtMessageType::ECHO_REPLY: {
        CbtEchoReplyHeader h;
        h.SetOriginatingParent(r.Address("originating_parent"));
        for (const auto& g : r.Addresses("groups"))
        {
            h.AddGroup(g);
        }
        body = h;
        break;
    }
    default: { // FLUSH_TREE: Enum() admits no other value
        CbtFlushTreeHeader h;
        for (const auto& g : r.Addresses("groups"))
        {
            h.AddGroup(g);
        }
        body = h;
        break;
    }
    }
    r.Finish();
    return CbtMessage(std::move(body));
}

// ---- IGMP ----

const std::vector<const char*> kRecordTypes = {"MODE_IS_INCLUDE",
                                               "MODE_IS_EXCLUDE",
                                               "CHANGE_TO_INCLUDE_MODE",
                                               "CHANGE_TO_EXCLUDE_MODE",
                                               "ALLOW_NEW_SOURCES",
                                               "BLOCK_OLD_SOURCES"};

py::dict
IgmpToPy(const IgmpMessage& msg)
{
    py::dict d;
    d["type"] = IgmpTypeName(msg.GetType());
    d["checksum"] = msg.GetReceivedChecksum();
    py::list ignored;
    for (const auto& s : msg.GetIgnored())
    {
        ignored.append(std::string(WireErrorName(s.error)) + ": " + s.detail);
    }
    d["ignored"] = ignored;
    std::visit(
        Overloaded{[&d](const IgmpQueryHeader& h) {
                       d["version"] = h.GetVersion();
                       d["kind"] = IgmpQueryKindName(h.GetKind());
                       d["max_resp_code"] = h.GetMaxRespCode();
                       d["group"] = AddressToPy(h.GetGroup());
                       if (h.GetVersion() == 3)
                       {
                           d["s"] = h.GetSuppressRouterProcessing();
                           d["qrv"] = h.GetQrv();
                           d["qqic"] = h.GetQqic();
                           d["sources"] = AddressesToPy(h.GetSources());
                       }
                   },
                   [&d](const IgmpV3ReportHeader& h) {
                       py::list records;
                       for (const auto& rec : h.GetRecords())
                       {
                           py::dict r;
                           r["type"] = EnumToPy(IgmpRecordTypeName(rec.GetType()),
                                                static_cast<uint8_t>(rec.GetType()));
                           r["group"] = AddressToPy(rec.GetGroup());
                           r["sources"] = AddressesToPy(rec.GetSources());
                           r["aux_data"] = BytesToPy(rec.GetAuxData());
                           records.append(r);
                       }
                       d["records"] = records;
                   },
                   [&d](const IgmpV1V2Header& h) { d["group"] = AddressToPy(h.GetGroup()); }},
        msg.GetBody());
    return d;
}

IgmpGroupRecord
RecordFromPy(py::handle item, const std::string& what)
{
    if (!py::isinstance<py::dict>(item))
    {
        throw std::invalid_argument(what + " is not a dict");
    }
    DictReader r(item.cast<py::dict>(), what);
    IgmpGroupRecord rec;
    rec.SetType(
        static_cast<IgmpRecordType>(r.Enum("type",
                                           kRecordTypes,
                                           1,
                                           static_cast<uint8_t>(IgmpRecordType::MODE_IS_INCLUDE),
                                           true)));
    rec.SetGroup(r.Address("group"));
    rec.SetSources(r.Addresses("sources"));
    std::vector<uint8_t> aux = r.Bytes("aux_data", IgmpGroupRecord::MAX_AUX_DATA_SIZE);
    if (aux.size() % 4 != 0)
    {
        // RFC 3376 §4.2.6: Aux Data Len counts 32-bit words.
        throw r.Error("aux_data", std::to_string(aux.size()) + " bytes are not whole 32-bit words");
    }
    rec.SetAuxData(std::move(aux));
    r.Finish();
    return rec;
}

const std::vector<const char*> kIgmpTypes = {"MEMBERSHIP_QUERY",
                                             "V1_MEMBERSHIP_REPORT",
                                             "V2_MEMBERSHIP_REPORT",
                                             "V2_LEAVE_GROUP",
                                             "V3_MEMBERSHIP_REPORT"};

IgmpMessage
IgmpFromPy(const py::dict& d)
{
    DictReader top(d, "IGMP message");
    const uint8_t index = top.Enum("type", kIgmpTypes, 0, 0);
    const std::string what = std::string("IGMP ") + kIgmpTypes[index];
    DictReader r(d, what);
    r.Ignore("type");
    r.Ignore("checksum");
    r.Ignore("ignored");
    IgmpBody body;
    switch (index)
    {
    case 0: {
        r.Ignore("kind");
        IgmpQueryHeader h;
        const auto version = static_cast<uint8_t>(r.Unsigned("version", 3, 3));
        if (version < 1)
        {
            throw r.Error("version", "IGMP versions are 1, 2 and 3");
        }
        h.SetVersion(version);
        h.SetMaxRespCode(static_cast<uint8_t>(r.Unsigned("max_resp_code", 100, 255)));
        h.SetGroup(r.Address("group"));
        const bool s = r.Bool("s", false);
        const auto qrv = static_cast<uint8_t>(r.Unsigned("qrv", 2, 7)); // §4.1.6: 3 bits
        const auto qqic = static_cast<uint8_t>(r.Unsigned("qqic", 125, 255));
        std::vector<Ipv4Address> sources = r.Addresses("sources");
        if (version < 3)
        {
            // Older queries have none of the IGMPv3 fields (RFC 3376 §7.1).
            for (const char* k : {"s", "qrv", "qqic", "sources"})
            {
                if (r.Raw(k) && !(std::string(k) == "sources" && sources.empty()))
                {
                    throw r.Error(k,
                                  "an IGMPv" + std::to_string(version) +
                                      " query has no such field");
                }
            }
        }
        else
        {
            h.SetSuppressRouterProcessing(s);
            h.SetQrv(qrv);
            h.SetQqic(qqic);
            h.SetSources(std::move(sources));
        }
        body = h;
        break;
    }
    case 4: {
        IgmpV3ReportHeader h;
        py::object records = r.Raw("records");
        if (records)
        {
            if (!py::isinstance<py::list>(records) && !py::isinstance<py::tuple>(records))
            {
                throw r.Error("records", "expected a list of record dicts");
            }
            if (py::len(records) > 0xffff)
            {
                throw r.Error("records", "more than 65535 records");
            }
            std::size_t k = 0;
            for (py::handle item : records)
            {
                h.AddRecord(RecordFromPy(item, what + " record " + std::to_string(k++)));
            }
        }
        body = h;
        break;
    }
    default: {
        const Ipv4Address group = r.Address("group");
        if (index == 1)
        {
            IgmpV1ReportHeader h;
            h.SetGroup(group);
            body = h;
        }
        else if (index == 2)
        {
            IgmpV2ReportHeader h;
            h.SetGroup(group);
            body = h;
        }
        else
        {
            IgmpV2LeaveHeader h;
            h.SetGroup(group);
            body = h;
        }
        break;
    }
    }
    r.Finish();
    return IgmpMessage(std::move(body));
}

/**
 * \brief Bind parse(data, verify_checksum=True) and to_bytes(message, checksum=True).
 * \tparam Msg CbtMessage or IgmpMessage
 * \param sub the submodule
 * \param what the format, for error messages
 * \param toPy message -> dict
 * \param fromPy dict -> message
 * \param parseDoc docstring of parse
 * \param toBytesDoc docstring of to_bytes
 */
template <class Msg>
void
BindCodec(py::module_& sub,
          const char* what,
          py::dict (*toPy)(const Msg&),
          Msg (*fromPy)(const py::dict&),
          const char* parseDoc,
          const char* toBytesDoc)
{
    sub.def(
        "parse",
        [what, toPy](const py::bytes& data, bool verifyChecksum) {
            const std::vector<uint8_t> bytes = PyToBytes(data);
            Msg msg;
            const WireStatus st = Msg::Parse(bytes.data(), bytes.size(), verifyChecksum, msg);
            if (!st.Ok())
            {
                throw ToWireError(what, st);
            }
            return toPy(msg);
        },
        py::arg("data"),
        py::arg("verify_checksum") = true,
        parseDoc);
    sub.def(
        "to_bytes",
        [fromPy](const py::dict& d, bool withChecksum) {
            return BytesToPy(fromPy(d).ToBytes(withChecksum));
        },
        py::arg("message"),
        py::arg("checksum") = true,
        toBytesDoc);
}

} // namespace

void
BindWire(py::module_& m)
{
    py::module_ cbt = m.def_submodule("cbt", "CBTv2 control messages (RFC 2189 §7)");
    BindCodec<CbtMessage>(cbt,
                          "CBT message",
                          &CbtToPy,
                          &CbtFromPy,
                          "Parse one CBT control message (common header and body) into a dict. "
                          "WireFormatError (a ValueError) names the reason when the bytes do not "
                          "parse.",
                          "Serialise a message dict as parse() returns it; 'checksum' in the dict "
                          "is ignored (computed when checksum=True, else 0). ValueError names a "
                          "bad or unknown field.");
    py::dict optionTypes;
    for (const auto& [name, type] : std::vector<std::pair<const char*, CbtOptionType>>{
             {"BR_HELLO", CbtOptionType::BR_HELLO},
             {"HOST_TOKEN", CbtOptionType::HOST_TOKEN},
             {"ROUTER_TOKEN", CbtOptionType::ROUTER_TOKEN},
             {"GROUP_ACCESS_PACKAGE", CbtOptionType::GROUP_ACCESS_PACKAGE},
             {"SIGNATURE", CbtOptionType::SIGNATURE},
             {"JOIN_NACK", CbtOptionType::JOIN_NACK},
             {"SECURE_REPORT_ORIGIN", CbtOptionType::SECURE_REPORT_ORIGIN},
             {"PACKET_HANDLE", CbtOptionType::PACKET_HANDLE}})
    {
        optionTypes[name] = static_cast<uint8_t>(type);
    }
    cbt.attr("OPTION_TYPES") = optionTypes;
    cbt.attr("PROTOCOL_NUMBER") = CbtHeader::PROTOCOL_NUMBER;

    py::module_ igmp = m.def_submodule("igmp", "IGMP messages (RFC 3376 §4, RFC 2236, RFC 1112)");
    BindCodec<IgmpMessage>(igmp,
                           "IGMP message",
                           &IgmpToPy,
                           &IgmpFromPy,
                           "Parse one IGMP message (the whole IP payload) into a dict; 'ignored' "
                           "lists what the RFCs say to skip (additional data, unknown record "
                           "types). WireFormatError (a ValueError) names the reason when the "
                           "bytes do not parse.",
                           "Serialise a message dict as parse() returns it ('checksum', "
                           "'ignored' and a query's 'kind' are ignored). ValueError names a bad "
                           "or unknown field.");
    igmp.def("decode_code",
             &IgmpDecodeFloatingCode,
             py::arg("code"),
             "RFC 3376 §4.1.1/§4.1.7 floating-point code -> value (Max Resp Code in 1/10 s, "
             "QQIC in s).");
    igmp.def("encode_code",
             &IgmpEncodeFloatingCode,
             py::arg("value"),
             "Value -> the smallest floating-point code that represents at least it; values "
             "above 31744 saturate to 0xff.");
    igmp.attr("PROTOCOL_NUMBER") = IgmpHeader::PROTOCOL_NUMBER;
}

} // namespace bindings
} // namespace smkd
} // namespace ns3
