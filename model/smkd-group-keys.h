/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_GROUP_KEYS_H
#define SMKD_GROUP_KEYS_H

#include "smkd-access-list.h"
#include "smkd-crypto-types.h"
#include "smkd-key-bundle.h"

#include <optional>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief What a group key distribution centre holds for one group (RFC 1949 §6.2).
 */
struct SmkdGroupKeys
{
    SmkdAccessList acl;                    //!< the group access control list
    SmkdSignedBlob coreAcl;                //!< [ACL]^SK_core
    std::optional<SmkdAccessList> trusted; //!< the trusted-router list, if any
    Bytes coreTrusted;                     //!< [trusted list]^SK_core serialized, or empty
    SmkdKeyBundle bundle;                  //!< grpKey, KEK, SAparams
    SmkdSignedBlob coreBundle;             //!< [grpKey, KEK, SAparams]^SK_core
    bool primary{false};                   //!< this router is the primary core
};

} // namespace ns3

#endif /* SMKD_GROUP_KEYS_H */
