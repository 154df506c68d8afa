/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_ECHO_HEADER_H
#define SMKD_CBT_ECHO_HEADER_H

#include "cbt-header.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief ECHO_REQUEST body, RFC 2189 §7.6: the originating child router.
 *
 * One ECHO_REQUEST per parent interface serves every group (§4.5), which is
 * why it names no group.
 */
class CbtEchoRequestHeader : public CbtMessageBody
{
  public:
    static constexpr uint32_t SIZE = 4; //!< bytes on the wire

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    CbtMessageType GetMessageType() const override;

    void SetOriginatingChild(Ipv4Address child);
    Ipv4Address GetOriginatingChild() const;

  protected:
    smkd::WireStatus DeserializeBody(smkd::BoundedReader& reader) override;

  private:
    Ipv4Address m_child;
};

/**
 * \ingroup smkd
 * \brief ECHO_REPLY body, RFC 2189 §7.7: originating parent, then group addresses.
 *
 * The RFC has no group count: the groups run to the end of the message. A
 * reply may list no group (the parent is parent for none of the child's groups).
 */
class CbtEchoReplyHeader : public CbtMessageBody
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    CbtMessageType GetMessageType() const override;

    void SetOriginatingParent(Ipv4Address parent);
    Ipv4Address GetOriginatingParent() const;
    void AddGroup(Ipv4Address group);
    const std::vector<Ipv4Address>& GetGroups() const;

  protected:
    smkd::WireStatus DeserializeBody(smkd::BoundedReader& reader) override;

  private:
    Ipv4Address m_parent;
    std::vector<Ipv4Address> m_groups;
};

} // namespace ns3

#endif /* SMKD_CBT_ECHO_HEADER_H */
