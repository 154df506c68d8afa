/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_QUIT_HEADER_H
#define SMKD_CBT_QUIT_HEADER_H

#include "cbt-header.h"

namespace ns3
{

/**
 * \ingroup smkd
 * \brief QUIT_NOTIFICATION body, RFC 2189 §7.5: group, originating child router.
 */
class CbtQuitNotificationHeader : public CbtMessageBody
{
  public:
    static constexpr uint32_t SIZE = 8; //!< bytes on the wire

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

    void SetGroup(Ipv4Address group);
    Ipv4Address GetGroup() const;
    void SetOriginatingChild(Ipv4Address child);
    Ipv4Address GetOriginatingChild() const;

  protected:
    smkd::WireStatus DeserializeBody(smkd::BoundedReader& reader) override;

  private:
    Ipv4Address m_group;
    Ipv4Address m_child;
};

} // namespace ns3

#endif /* SMKD_CBT_QUIT_HEADER_H */
