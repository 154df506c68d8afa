/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_GROUP_CREATION_H
#define SMKD_GROUP_CREATION_H

#include "smkd-access-list.h"
#include "smkd-crypto-types.h"
#include "smkd-management-message.h"

#include "ns3/address.h"

#include <optional>
#include <set>
#include <utility>

namespace ns3
{

class SmkdGkdcContext;
struct SmkdGroupKeys;

namespace smkd
{
struct AclSubmission;
} // namespace smkd

/**
 * \ingroup smkd
 * \brief The primary core's first step as GKDC (RFC 1949 §6.1): it takes the
 * initiator's signed access list, creates the group key, the KEK and the SA
 * parameters, and signs the list and the keys.
 */
class SmkdGroupCreation
{
  public:
    /** \param context the router's shared GKDC state */
    explicit SmkdGroupCreation(SmkdGkdcContext& context);

    /**
     * \brief An access list submission arrived (UDP 1949).
     * \param m the submission, possibly sealed for this core
     * \param from where it came from, answered there
     */
    void Receive(SmkdManagementMessage m, Address from);

    /** \return access lists refused so far */
    uint64_t GetRejectedCount() const;

    /** \brief Forget submissions under way. */
    void Dispose();

  private:
    void HandleSubmission(const SmkdManagementMessage& m, Address from);
    void Verified(const SmkdManagementMessage& m,
                  Address from,
                  const smkd::AclSubmission& submission,
                  bool ok);
    void CreateKeys(const SmkdManagementMessage& m,
                    Address from,
                    SmkdAccessList acl,
                    std::optional<SmkdAccessList> trusted);
    /// Keep the signed keys, become the group's first GKDC and accept the list.
    void Install(const SmkdManagementMessage& m, Address from, const SmkdGroupKeys& keys);
    void Refuse(const SmkdManagementMessage& m, Address from, const std::string& why);
    void Answer(const SmkdManagementMessage& m,
                Address to,
                SmkdManagementMessage::Type type,
                const std::string& reason = "");

    SmkdGkdcContext& m_context;
    /// Submissions being verified, by group and list signature.
    std::set<std::pair<Ipv4Address, Bytes>> m_inProgress;
    uint64_t m_rejected{0};
};

} // namespace ns3

#endif /* SMKD_GROUP_CREATION_H */
