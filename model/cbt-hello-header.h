/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_CBT_HELLO_HEADER_H
#define SMKD_CBT_HELLO_HEADER_H

#include "cbt-header.h"
#include "cbt-option.h"

namespace ns3
{

/**
 * \ingroup smkd
 * \brief HELLO body, RFC 2189 §7.2: preference, then options.
 */
class CbtHelloHeader : public CbtMessageBody
{
  public:
    static constexpr uint8_t DR_PREFERENCE = 0;        //!< §4.1: advertised by the elected DR
    static constexpr uint8_t DEFAULT_PREFERENCE = 255; //!< §6 [HELLO_PREFERENCE]

    CbtHelloHeader();

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

    void SetPreference(uint8_t preference);
    uint8_t GetPreference() const;

    /** \return the options, for reading */
    const CbtOptionList& GetOptions() const;

    /** \return the options, for adding */
    CbtOptionList& GetOptions();

  protected:
    smkd::WireStatus DeserializeBody(smkd::BoundedReader& reader) override;

  private:
    uint8_t m_preference;
    CbtOptionList m_options;
};

} // namespace ns3

#endif /* SMKD_CBT_HELLO_HEADER_H */
