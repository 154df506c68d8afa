/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_VERSION_H
#define SMKD_VERSION_H

/**
 * \ingroup smkd
 * \brief Version of the smkd module, recorded in every output of an
 * experiment so that results can be traced back to the code that made them.
 * Keep it equal to the VERSION of project() in CMakeLists.txt.
 */
#define SMKD_VERSION "0.1.0"

namespace ns3
{

/**
 * \ingroup smkd
 * \return the module version, SMKD_VERSION
 */
inline const char*
SmkdVersion()
{
    return SMKD_VERSION;
}

} // namespace ns3

#endif /* SMKD_VERSION_H */
