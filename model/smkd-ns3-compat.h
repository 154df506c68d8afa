/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_NS3_COMPAT_H
#define SMKD_NS3_COMPAT_H

/*
 * The build passes the minor version of the ns-3 it compiles against
 * (CMakeLists.txt and wscript both define it), so the module can follow
 * API changes between ns-3 releases.
 */
#ifndef SMKD_NS3_VERSION_MINOR
#error "SMKD_NS3_VERSION_MINOR is not defined: build smkd through its CMakeLists.txt or wscript"
#endif

namespace ns3
{
namespace smkd
{

/**
 * \ingroup smkd
 * \brief How Ipv4RoutingProtocol::RouteInput receives its callbacks.
 *
 * By value up to ns-3.38, by const reference from ns-3.39 on; an override
 * must match exactly, so the routing protocols spell the parameters with this.
 * \tparam Callback one of the RouteInput callback types
 */
#if SMKD_NS3_VERSION_MINOR >= 39
template <class Callback>
using RouteInputCallbackParameter = const Callback&;
#else
template <class Callback>
using RouteInputCallbackParameter = Callback;
#endif

} // namespace smkd
} // namespace ns3

#endif /* SMKD_NS3_COMPAT_H */
