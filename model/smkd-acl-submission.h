/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_ACL_SUBMISSION_H
#define SMKD_ACL_SUBMISSION_H

#include "smkd-access-list.h"
#include "smkd-key-bundle.h"
#include "smkd-management-message.h"

#include "ns3/address.h"
#include "ns3/callback.h"
#include "ns3/ipv4.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/socket.h"

#include <optional>
#include <string>

namespace ns3
{

class SmkdCryptoEngine;

namespace smkd
{

/**
 * \ingroup smkd
 * \brief A group initiator's submission (RFC 1949 §6.1) whose lists parsed:
 * what a key distribution centre checks before it creates a group's keys.
 *
 * Both key distribution centres of the module take submissions this way: the
 * primary core of RFC 1949 (SmkdGkdc) and the centralized baseline
 * (SmkdCentralKdc).
 */
struct AclSubmission
{
    SmkdSignedBlob acl;                        //!< [ACL]^SK_initiator
    SmkdAccessList list;                       //!< the group access control list
    std::optional<SmkdSignedBlob> trusted;     //!< [trusted-router list]^SK_initiator
    std::optional<SmkdAccessList> trustedList; //!< the trusted-router list
};

/**
 * \brief Read the lists of an ACL_SUBMIT message.
 *
 * The access list must be a group-member list for the message's group,
 * signed by the initiator it names; a trusted-router list, if any, must be
 * for the same group and signed by the same initiator.
 * \param m the message (sealed lists already opened)
 * \param out the lists
 * \param why set to the reason when the lists are refused
 * \return false when they are malformed
 */
bool ParseAclSubmission(const SmkdManagementMessage& m, AclSubmission& out, std::string& why);

/**
 * \brief Read a datagram that should be a submission.
 * \param packet the datagram
 * \param out the message
 * \return false unless it is a well-formed ACL_SUBMIT or ACL_SUBMIT_SEALED
 */
/**
 * \brief Is the submission's signer the group's certified initiator? RFC 1949
 * §6.1 has "the initiator" create the group; a list that merely names its
 * signer as initiator proves nothing, so the key directory says who it is.
 * \param engine the receiving node's engine (its directory certifies)
 * \param s a parsed submission
 * \param why set to the reason when not
 * \return true when the signer may submit this group's list
 */
bool IsAuthorisedInitiator(Ptr<SmkdCryptoEngine> engine, const AclSubmission& s, std::string& why);

bool ReadAclSubmission(Ptr<Packet> packet, SmkdManagementMessage& out);

/**
 * \brief Open the lists of an ACL_SUBMIT_SEALED message (§6.1: "the ACL can
 * be additionally encrypted with the public key of the primary core"): one
 * opening per list, charged to the engine's CPU. A plain ACL_SUBMIT is
 * handed to \p done at once, as it is.
 * \param engine the receiving node's engine
 * \param m the message
 * \param done receives success, the message with its lists opened, and the
 * reason when a list does not open
 */
void OpenAclSubmission(Ptr<SmkdCryptoEngine> engine,
                       const SmkdManagementMessage& m,
                       Callback<void, bool, SmkdManagementMessage, std::string> done);

/**
 * \brief Check the initiator's signatures: the access list's, then the
 * trusted-router list's if there is one (§6.1: the signature shows the list
 * was not modified in transit).
 * \param engine the receiving node's engine
 * \param s the parsed submission
 * \param done receives true when every signature verifies
 */
void VerifyAclSubmission(Ptr<SmkdCryptoEngine> engine,
                         const AclSubmission& s,
                         Callback<void, bool> done);

/**
 * \brief Whether a submission for a group that already has a list is a
 * retransmission of the list in force (answered ACL_ACCEPTED again) or a
 * different list (ACL_REJECTED: a group's list is set once).
 * \param inForce the group's list
 * \param submitted the submitted list
 * \param why set to the reason when it is refused
 * \return the answer's type
 */
SmkdManagementMessage::Type AnswerToResubmission(const SmkdAccessList& inForce,
                                                 const SmkdAccessList& submitted,
                                                 std::string& why);

/**
 * \brief Create a group's grpKey, KEK and SAparams (§6.1: "the primary core
 * creates the session key and the KEK"): 256-bit keys and an SPI from the
 * node's deterministic random stream, activation now.
 * \param engine the creating node's engine
 * \param group the group
 * \param lifetime the key lifetime, seconds
 * \return the bundle
 */
SmkdKeyBundle CreateKeyBundle(Ptr<SmkdCryptoEngine> engine, Ipv4Address group, uint32_t lifetime);

/**
 * \brief Check a KeyLifetime attribute: the SA parameters carry a key's
 * lifetime as a 32-bit count of seconds.
 * \param owner the class, named in the message
 * \param lifetime the attribute
 * \throw std::invalid_argument when it is not a whole number of seconds
 * from 1 to 2^32 - 1
 */
void CheckLifetime(const std::string& owner, Time lifetime);

/**
 * \param lifetime a KeyLifetime that passed CheckLifetime
 * \return it in seconds, as the SA parameters carry it
 */
uint32_t LifetimeSeconds(Time lifetime);

/**
 * \brief Answer a submission: ACL_ACCEPTED, or ACL_REJECTED with the reason.
 * \param socket the socket the submission arrived on (nothing is sent when null)
 * \param m the submission
 * \param to its sender
 * \param type the answer's type
 * \param reason why it was refused, or empty
 * \return the answer's size in bytes
 */
uint32_t SendAclAnswer(Ptr<Socket> socket,
                       const SmkdManagementMessage& m,
                       const Address& to,
                       SmkdManagementMessage::Type type,
                       const std::string& reason);

/**
 * \param ipv4 a node's IPv4 stack (may be null)
 * \return the node's first address that is not a loopback address, by which
 * the node signs and is named in the key directory; 0.0.0.0 when it has none
 */
Ipv4Address FirstAddress(Ptr<Ipv4> ipv4);

} // namespace smkd
} // namespace ns3

#endif /* SMKD_ACL_SUBMISSION_H */
