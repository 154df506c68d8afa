/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_KEY_TREE_MEMBER_H
#define SMKD_KEY_TREE_MEMBER_H

#include "smkd-key-tree-rekey.h"
#include "smkd-openssl.h"

#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief A member's side of a logical key tree (RFC 2627 §5.4): the keys
 * of its leaf-to-root path, kept current by the server's rekey messages.
 *
 * A member only ever decrypts entries encrypted under a key it holds, which
 * are the new keys of nodes on its own path; so an excluded member, whose
 * keys are all replaced by the leave message, can decrypt nothing sent
 * from then on (RFC 2627 §5.4.1).
 */
class SmkdKeyTreeMember
{
  public:
    /**
     * \param pathKeys the keys the server gave on joining (SmkdKeyTree::PathKeys),
     *        leaf key first, root key last
     * \param ctx OpenSSL context to share; null makes a private one
     * \throws std::invalid_argument for no key, a key that is not 32 bytes,
     *         or node or version 0
     */
    explicit SmkdKeyTreeMember(const std::vector<SmkdKeyTreeKey>& pathKeys,
                               Ptr<smkd::OpenSslContext> ctx = nullptr);

    /**
     * \brief Install every new key of \p rekey that this member may have.
     *
     * An entry is used when this member holds exactly the key it names
     * (node and version); its key is installed when newer than the one held.
     * Entries are read until none is left that a key held now would open, so
     * their order does not matter (the server sends them bottom-up, which
     * one pass suffices for).
     * \param rekey the message
     * \return the keys installed
     */
    uint32_t Apply(const SmkdKeyTreeRekey& rekey);

    /**
     * \param node a node id
     * \return the key held for it, or nullptr
     */
    const SmkdKeyTreeKey* GetKey(uint32_t node) const;

    /** \return the root key (the tree's group KEK) held now */
    const SmkdKeyTreeKey& GetRootKey() const;

    /** \return the keys held, by node */
    const std::map<uint32_t, SmkdKeyTreeKey>& GetKeys() const;

    /** \return entries under a held key whose tag did not verify, so far */
    uint64_t GetRejectedCount() const;

  private:
    Ptr<smkd::OpenSslContext> m_ctx;           //!< AES-GCM context
    std::map<uint32_t, SmkdKeyTreeKey> m_keys; //!< keys held, by node
    uint32_t m_root;                           //!< the root's node id
    uint64_t m_rejected{0};                    //!< entries that failed to open
};

} // namespace ns3

#endif /* SMKD_KEY_TREE_MEMBER_H */
