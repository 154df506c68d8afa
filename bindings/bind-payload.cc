/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// The RFC 1949 security payloads as Python dicts: tokens (App. A), access
// lists and group access packages (§6), key bundles, re-key, sender-key,
// key-delivery, management and KDC messages. payload.parse(kind, bytes) and
// payload.serialize(kind, dict) go through each struct's own Parse and
// Serialize, so Python sees exactly the bytes the simulated nodes exchange.
//
// The structs' parsers answer only yes or no; a refusal becomes
// WireFormatError(ValueError) naming the kind and the length.

#include "bind-common.h"

#include "ns3/log.h"
#include "ns3/smkd-access-list.h"
#include "ns3/smkd-group-key-message.h"
#include "ns3/smkd-kdc-message.h"
#include "ns3/smkd-key-bundle.h"
#include "ns3/smkd-key-delivery.h"
#include "ns3/smkd-management-message.h"
#include "ns3/smkd-sender-key.h"
#include "ns3/smkd-token.h"

NS_LOG_COMPONENT_DEFINE("SmkdBindPayload");

namespace ns3
{
namespace smkd
{
namespace bindings
{

namespace
{

using Bytes = std::vector<uint8_t>;

/// Longest field a 16-bit length prefix (smkd::ByteWriter::Blob) describes.
constexpr std::size_t MAX_BLOB = 0xffff;

/**
 * \param what the enclosing payload, for the message
 * \param field the nested field
 * \param bytes the nested serialisation
 * \return \p bytes, checked to fit one length-prefixed field
 */
const Bytes&
FitsBlob(const std::string& what, const char* field, const Bytes& bytes)
{
    if (bytes.size() > MAX_BLOB)
    {
        throw std::invalid_argument(what + " field '" + field + "': serialises to " +
                                    std::to_string(bytes.size()) + " bytes, more than " +
                                    std::to_string(MAX_BLOB));
    }
    return bytes;
}

/**
 * \param v a nested value
 * \param what description for the message
 * \return the value as a dict
 */
py::dict
NestedDict(py::object v, const std::string& what)
{
    if (!v)
    {
        return py::dict();
    }
    if (!py::isinstance<py::dict>(v))
    {
        throw std::invalid_argument(what + ": expected a dict");
    }
    return v.cast<py::dict>();
}

// ---- SA parameters, tokens, signed blobs ----

py::dict
SaToPy(const SmkdSaParams& sa)
{
    py::dict d;
    d["spi"] = sa.spi;
    d["cipher"] = "AES_256_GCM";
    d["lifetime"] = sa.lifetime;
    d["activation"] = sa.activation;
    return d;
}

SmkdSaParams
SaFromPy(DictReader& outer)
{
    DictReader r(NestedDict(outer.Raw("sa"), outer.What() + " field 'sa'"), outer.What() + " sa");
    SmkdSaParams sa;
    sa.spi = static_cast<uint32_t>(r.Unsigned("spi", 0, UINT32_MAX));
    r.Enum("cipher", {"AES_256_GCM"}, 1, 1);
    sa.lifetime = static_cast<uint32_t>(r.Unsigned("lifetime", 0, UINT32_MAX));
    sa.activation = r.Unsigned("activation", 0, UINT64_MAX);
    r.Finish();
    return sa;
}

py::dict
TokenToPy(const SmkdToken& t)
{
    py::dict d;
    d["issuer"] = AddressToPy(t.issuer);
    d["group"] = AddressToPy(t.group);
    d["timestamp"] = t.timestamp;
    d["random"] = t.random;
    d["recipient"] = AddressToPy(t.recipient);
    d["signature"] = BytesToPy(t.signature);
    return d;
}

SmkdToken
TokenFromPy(const py::dict& d, const std::string& what)
{
    DictReader r(d, what);
    SmkdToken t;
    t.issuer = r.Address("issuer");
    t.group = r.Address("group");
    t.timestamp = r.Unsigned("timestamp", 0, UINT64_MAX);
    t.random = r.Unsigned("random", 0, UINT64_MAX);
    t.recipient = r.Address("recipient");
    t.signature = r.Bytes("signature");
    r.Finish();
    return t;
}

py::dict
BlobToPy(const SmkdSignedBlob& b)
{
    py::dict d;
    d["signer"] = AddressToPy(b.signer);
    d["body"] = BytesToPy(b.body);
    d["signature"] = BytesToPy(b.signature);
    return d;
}

SmkdSignedBlob
BlobFromPy(const py::dict& d, const std::string& what)
{
    DictReader r(d, what);
    SmkdSignedBlob b;
    b.signer = r.Address("signer");
    b.body = r.Bytes("body");
    b.signature = r.Bytes("signature");
    r.Finish();
    return b;
}

// ---- Access lists ----

const std::vector<const char*> kAclKinds = {"GROUP_MEMBERS", "TRUSTED_ROUTERS"};
const std::vector<const char*> kAclModes = {"INCLUSION", "EXCLUSION"};

py::dict
AclToPy(const SmkdAccessList& acl)
{
    py::dict d;
    d["group"] = AddressToPy(acl.GetGroup());
    d["kind"] = kAclKinds[static_cast<uint8_t>(acl.GetKind()) - 1];
    d["mode"] = kAclModes[static_cast<uint8_t>(acl.GetMode()) - 1];
    d["initiator"] = AddressToPy(acl.GetInitiator());
    d["version"] = acl.GetVersion();
    py::list entries;
    for (const auto& e : acl.GetEntries())
    {
        py::dict ed;
        ed["prefix"] = AddressToPy(e.prefix);
        ed["prefix_length"] = e.prefixLength;
        ed["user"] = e.user;
        entries.append(ed);
    }
    d["entries"] = entries;
    return d;
}

// ---- The registry: one parse and one serialise function per kind ----

/// Conversions of one payload kind.
struct Kind
{
    const char* name;                                        //!< the struct's name
    py::dict (*parse)(const Bytes&, bool&);                  //!< bytes -> dict; ok=false on refusal
    Bytes (*serialize)(const py::dict&, const std::string&); //!< dict -> bytes
};

template <class T>
py::dict
ParseWith(const Bytes& bytes, bool& ok, py::dict (*toPy)(const T&))
{
    T v;
    ok = T::Parse(bytes, v);
    return ok ? toPy(v) : py::dict();
}

const std::vector<const char*> kGkmTypes = {"REKEY",
                                            "SENDER_KEY",
                                            "REVOKE",
                                            "SUBTREE_REKEY",
                                            "LKH_REKEY"};
const std::vector<const char*> kDeliveryTypes = {"KEYS", "REFUSED", "REAUTH", "REKEY", "LKH_PATH"};
const std::vector<const char*> kMgmtTypes = {"ACL_SUBMIT",
                                             "ACL_ACCEPTED",
                                             "ACL_REJECTED",
                                             "ACL_SUBMIT_SEALED",
                                             "SENDER_REQUEST",
                                             "SENDER_ACCEPTED",
                                             "SENDER_REJECTED",
                                             "MEMBER_JOINED"};
const std::vector<const char*> kKdcTypes = {"KEY_REQUEST", "KEYS", "REFUSED", "REKEY"};
const std::vector<const char*> kGrantOutcomes = {"KEYS", "REFUSED"};

py::dict
BundleToPy(const SmkdKeyBundle& b)
{
    py::dict d;
    d["group"] = AddressToPy(b.group);
    d["group_key"] = BytesToPy(b.groupKey);
    d["kek"] = BytesToPy(b.kek);
    d["sa"] = SaToPy(b.sa);
    return d;
}

py::dict
PackageToPy(const SmkdGroupAccessPackage& p)
{
    py::dict d;
    d["sender_token"] = TokenToPy(p.senderToken);
    d["acl"] = BlobToPy(p.acl);
    d["trusted"] = BytesToPy(p.trusted);
    d["sealed_for_host"] = BytesToPy(p.sealedForHost);
    d["sealed_for_next_hop"] = BytesToPy(p.sealedForNextHop);
    return d;
}

py::dict
GroupKeyToPy(const SmkdGroupKeyMessage& m)
{
    py::dict d;
    d["type"] = kGkmTypes[static_cast<uint8_t>(m.type) - 1];
    d["group"] = AddressToPy(m.group);
    d["key_spi"] = m.keySpi;
    d["body"] = BytesToPy(m.body);
    return d;
}

py::dict
SenderKeyToPy(const SmkdSenderKey& k)
{
    py::dict d;
    d["group"] = AddressToPy(k.group);
    d["sender"] = AddressToPy(k.sender);
    d["key"] = BytesToPy(k.key);
    d["sa"] = SaToPy(k.sa);
    return d;
}

py::dict
DeliveryToPy(const SmkdKeyDelivery& k)
{
    py::dict d;
    d["type"] = kDeliveryTypes[static_cast<uint8_t>(k.type) - 1];
    d["group"] = AddressToPy(k.group);
    d["host_token"] = BytesToPy(k.hostToken);
    d["sealed"] = BytesToPy(k.sealed);
    d["reason"] = k.reason;
    return d;
}

py::dict
ManagementToPy(const SmkdManagementMessage& m)
{
    py::dict d;
    d["type"] = kMgmtTypes[static_cast<uint8_t>(m.type) - 1];
    d["group"] = AddressToPy(m.group);
    d["sequence"] = m.sequence;
    d["body"] = BytesToPy(m.body);
    d["extra"] = BytesToPy(m.extra);
    return d;
}

py::dict
KdcToPy(const SmkdKdcMessage& m)
{
    py::dict d;
    d["type"] = kKdcTypes[static_cast<uint8_t>(m.type) - 1];
    d["group"] = AddressToPy(m.group);
    d["nonce"] = m.nonce;
    d["body"] = BytesToPy(m.body);
    return d;
}

py::dict
GrantToPy(const SmkdKdcGrant& g)
{
    py::dict d;
    d["outcome"] = kGrantOutcomes[static_cast<uint8_t>(g.outcome) - 1];
    d["host"] = AddressToPy(g.host);
    d["group"] = AddressToPy(g.group);
    d["nonce"] = g.nonce;
    d["bundle"] = BytesToPy(g.bundle);
    d["reason"] = g.reason;
    return d;
}

const std::vector<Kind>&
Kinds()
{
    static const std::vector<Kind> kinds = {
        {"SmkdToken",
         [](const Bytes& b, bool& ok) { return ParseWith<SmkdToken>(b, ok, &TokenToPy); },
         [](const py::dict& d, const std::string& w) { return TokenFromPy(d, w).Serialize(); }},
        {"SmkdSignedBlob",
         [](const Bytes& b, bool& ok) { return ParseWith<SmkdSignedBlob>(b, ok, &BlobToPy); },
         [](const py::dict& d, const std::string& w) { return BlobFromPy(d, w).Serialize(); }},
        {"SmkdAccessList",
         [](const Bytes& b, bool& ok) { return ParseWith<SmkdAccessList>(b, ok, &AclToPy); },
         [](const py::dict& d, const std::string& w) { return AclFromPy(d, w).Serialize(); }},
        {"SmkdKeyBundle",
         [](const Bytes& b, bool& ok) { return ParseWith<SmkdKeyBundle>(b, ok, &BundleToPy); },
         [](const py::dict& d, const std::string& w) {
             DictReader r(d, w);
             SmkdKeyBundle b;
             b.group = r.Address("group");
             b.groupKey = r.Bytes("group_key");
             b.kek = r.Bytes("kek");
             b.sa = SaFromPy(r);
             r.Finish();
             return b.Serialize();
         }},
        {"SmkdGroupAccessPackage",
         [](const Bytes& b, bool& ok) {
             return ParseWith<SmkdGroupAccessPackage>(b, ok, &PackageToPy);
         },
         [](const py::dict& d, const std::string& w) {
             DictReader r(d, w);
             SmkdGroupAccessPackage p;
             p.senderToken = TokenFromPy(NestedDict(r.Raw("sender_token"), w + " sender_token"),
                                         w + " sender_token");
             p.acl = BlobFromPy(NestedDict(r.Raw("acl"), w + " acl"), w + " acl");
             p.trusted = r.Bytes("trusted");
             p.sealedForHost = r.Bytes("sealed_for_host");
             p.sealedForNextHop = r.Bytes("sealed_for_next_hop");
             r.Finish();
             // Nested parts are length-prefixed too: check them before
             // Serialize, which aborts on an oversized field.
             FitsBlob(w, "sender_token", p.senderToken.Serialize());
             FitsBlob(w, "acl", p.acl.Serialize());
             return p.Serialize();
         }},
        {"SmkdGroupKeyMessage",
         [](const Bytes& b, bool& ok) {
             return ParseWith<SmkdGroupKeyMessage>(b, ok, &GroupKeyToPy);
         },
         [](const py::dict& d, const std::string& w) {
             DictReader r(d, w);
             SmkdGroupKeyMessage m;
             m.type = static_cast<SmkdGroupKeyMessage::Type>(r.Enum("type", kGkmTypes, 1, 1));
             m.group = r.Address("group");
             m.keySpi = static_cast<uint32_t>(r.Unsigned("key_spi", 0, UINT32_MAX));
             m.body = r.Bytes("body");
             r.Finish();
             return m.Serialize();
         }},
        {"SmkdSenderKey",
         [](const Bytes& b, bool& ok) { return ParseWith<SmkdSenderKey>(b, ok, &SenderKeyToPy); },
         [](const py::dict& d, const std::string& w) {
             DictReader r(d, w);
             SmkdSenderKey k;
             k.group = r.Address("group");
             k.sender = r.Address("sender");
             k.key = r.Bytes("key");
             k.sa = SaFromPy(r);
             r.Finish();
             return k.Serialize();
         }},
        {"SmkdKeyDelivery",
         [](const Bytes& b, bool& ok) { return ParseWith<SmkdKeyDelivery>(b, ok, &DeliveryToPy); },
         [](const py::dict& d, const std::string& w) {
             DictReader r(d, w);
             SmkdKeyDelivery k;
             k.type = static_cast<SmkdKeyDelivery::Type>(r.Enum("type", kDeliveryTypes, 1, 1));
             k.group = r.Address("group");
             k.hostToken = r.Bytes("host_token");
             k.sealed = r.Bytes("sealed");
             k.reason = r.Text("reason");
             r.Finish();
             return k.Serialize();
         }},
        {"SmkdManagementMessage",
         [](const Bytes& b, bool& ok) {
             return ParseWith<SmkdManagementMessage>(b, ok, &ManagementToPy);
         },
         [](const py::dict& d, const std::string& w) {
             DictReader r(d, w);
             SmkdManagementMessage m;
             m.type = static_cast<SmkdManagementMessage::Type>(r.Enum("type", kMgmtTypes, 1, 1));
             m.group = r.Address("group");
             m.sequence = static_cast<uint32_t>(r.Unsigned("sequence", 0, UINT32_MAX));
             m.body = r.Bytes("body");
             m.extra = r.Bytes("extra");
             r.Finish();
             return m.Serialize();
         }},
        {"SmkdKdcMessage",
         [](const Bytes& b, bool& ok) { return ParseWith<SmkdKdcMessage>(b, ok, &KdcToPy); },
         [](const py::dict& d, const std::string& w) {
             DictReader r(d, w);
             SmkdKdcMessage m;
             m.type = static_cast<SmkdKdcMessage::Type>(r.Enum("type", kKdcTypes, 1, 1));
             m.group = r.Address("group");
             m.nonce = r.Unsigned("nonce", 0, UINT64_MAX);
             m.body = r.Bytes("body");
             r.Finish();
             return m.Serialize();
         }},
        {"SmkdKdcGrant",
         [](const Bytes& b, bool& ok) { return ParseWith<SmkdKdcGrant>(b, ok, &GrantToPy); },
         [](const py::dict& d, const std::string& w) {
             DictReader r(d, w);
             SmkdKdcGrant g;
             g.outcome =
                 static_cast<SmkdKdcGrant::Outcome>(r.Enum("outcome", kGrantOutcomes, 1, 1));
             g.host = r.Address("host");
             g.group = r.Address("group");
             g.nonce = r.Unsigned("nonce", 0, UINT64_MAX);
             g.bundle = r.Bytes("bundle");
             g.reason = r.Text("reason");
             r.Finish();
             return g.Serialize();
         }},
    };
    return kinds;
}

const Kind&
FindKind(const std::string& name)
{
    std::string known;
    for (const auto& k : Kinds())
    {
        if (name == k.name)
        {
            return k;
        }
        known += (known.empty() ? "" : ", ") + std::string(k.name);
    }
    throw std::invalid_argument("unknown payload kind '" + name + "' (kinds: " + known + ")");
}

} // namespace

SmkdAccessList
AclFromPy(const py::dict& d, const std::string& what)
{
    DictReader r(d, what);
    const Ipv4Address group = r.Address("group");
    const auto kind = static_cast<SmkdAccessList::Kind>(r.Enum("kind", kAclKinds, 1, 1));
    const auto mode = static_cast<SmkdAccessList::Mode>(r.Enum("mode", kAclModes, 1, 1));
    SmkdAccessList acl(group, kind, mode, r.Address("initiator"));
    acl.SetVersion(static_cast<uint32_t>(r.Unsigned("version", 1, UINT32_MAX)));
    py::object entries = r.Raw("entries");
    if (entries)
    {
        if (!py::isinstance<py::list>(entries) && !py::isinstance<py::tuple>(entries))
        {
            throw r.Error("entries", "expected a list of {'prefix', 'prefix_length', 'user'}");
        }
        if (py::len(entries) > 0xffff)
        {
            throw r.Error("entries", "more than 65535 entries");
        }
        std::size_t k = 0;
        for (py::handle item : entries)
        {
            DictReader e(NestedDict(py::reinterpret_borrow<py::object>(item),
                                    what + " entry " + std::to_string(k)),
                         what + " entry " + std::to_string(k));
            const Ipv4Address prefix = e.Address("prefix");
            const auto length = static_cast<uint8_t>(e.Unsigned("prefix_length", 32, 32));
            std::string user = e.Text("user");
            e.Finish();
            acl.Add(prefix, length, std::move(user));
            ++k;
        }
    }
    r.Finish();
    return acl;
}

void
BindPayloads(py::module_& m)
{
    py::module_ p = m.def_submodule("payload", "RFC 1949 security payloads");
    p.def(
        "parse",
        [](const std::string& kind, const py::bytes& data) {
            const Kind& k = FindKind(kind);
            const Bytes bytes = PyToBytes(data);
            bool ok = false;
            py::dict d = k.parse(bytes, ok);
            if (!ok)
            {
                throw WireFormatError(kind,
                                      "malformed",
                                      std::to_string(bytes.size()) +
                                          " bytes do not parse (a length, an enumerated value, "
                                          "a non-multicast group or trailing bytes)");
            }
            return d;
        },
        py::arg("kind"),
        py::arg("data"),
        "Parse a payload of the given kind (see KINDS) into a dict. WireFormatError (a "
        "ValueError) when the bytes do not parse.");
    p.def(
        "serialize",
        [](const std::string& kind, const py::dict& d) {
            return BytesToPy(FindKind(kind).serialize(d, kind));
        },
        py::arg("kind"),
        py::arg("fields"),
        "Serialise a dict as parse() returns it. ValueError names a bad or unknown field.");
    py::tuple kinds(Kinds().size());
    for (std::size_t i = 0; i < Kinds().size(); ++i)
    {
        kinds[i] = Kinds()[i].name;
    }
    p.attr("KINDS") = kinds;
}

} // namespace bindings
} // namespace smkd
} // namespace ns3
