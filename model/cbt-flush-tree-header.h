/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_FLUSH_TREE_HEADER_H
#define SMKD_CBT_FLUSH_TREE_HEADER_H

#include "cbt-header.h"

#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief FLUSH_TREE body, RFC 2189 §7.8: one or more group addresses.
 *
 * The list runs to the end of the message; a flush that names no group has
 * nothing to flush and is rejected.
 */
class CbtFlushTreeHeader : public CbtMessageBody
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

    void AddGroup(Ipv4Address group);
    const std::vector<Ipv4Address>& GetGroups() const;

  protected:
    smkd::WireStatus DeserializeBody(smkd::BoundedReader& reader) override;

  private:
    std::vector<Ipv4Address> m_groups;
};

} // namespace ns3

#endif /* SMKD_CBT_FLUSH_TREE_HEADER_H */
