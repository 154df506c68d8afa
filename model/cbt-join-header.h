/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_JOIN_HEADER_H
#define SMKD_CBT_JOIN_HEADER_H

#include "cbt-header.h"
#include "cbt-option.h"

namespace ns3
{

/**
 * \ingroup smkd
 * \brief What JOIN_REQUEST and JOIN_ACK share: group, target router and options.
 *
 * The two differ only in the originating-router field that JOIN_REQUEST
 * carries between the target and the options (RFC 2189 §7.3, §7.4).
 */
class CbtJoinBody : public CbtMessageBody
{
  public:
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;

    void SetGroup(Ipv4Address group);
    Ipv4Address GetGroup() const;
    void SetTarget(Ipv4Address target);
    Ipv4Address GetTarget() const;

    /** \return the options, for reading */
    const CbtOptionList& GetOptions() const;

    /** \return the options, for adding */
    CbtOptionList& GetOptions();

  protected:
    /**
     * \param hasOriginator true for JOIN_REQUEST
     */
    explicit CbtJoinBody(bool hasOriginator);

    smkd::WireStatus DeserializeBody(smkd::BoundedReader& reader) override;

    Ipv4Address m_originator; //!< JOIN_REQUEST only

  private:
    bool m_hasOriginator;
    Ipv4Address m_group;
    Ipv4Address m_target;
    CbtOptionList m_options;
};

/**
 * \ingroup smkd
 * \brief JOIN_REQUEST body, RFC 2189 §7.3.
 *
 * group address, target (core) router, originating router, options.
 * A group of INADDR_ANY is a wildcard join.
 */
class CbtJoinRequestHeader : public CbtJoinBody
{
  public:
    CbtJoinRequestHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    CbtMessageType GetMessageType() const override;

    void SetOriginator(Ipv4Address originator);
    Ipv4Address GetOriginator() const;
};

/**
 * \ingroup smkd
 * \brief JOIN_ACK body, RFC 2189 §7.4.
 *
 * group address, target router (the DR that originated the join), options.
 */
class CbtJoinAckHeader : public CbtJoinBody
{
  public:
    CbtJoinAckHeader();

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    CbtMessageType GetMessageType() const override;
};

} // namespace ns3

#endif /* SMKD_CBT_JOIN_HEADER_H */
