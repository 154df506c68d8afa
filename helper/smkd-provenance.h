/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_PROVENANCE_H
#define SMKD_PROVENANCE_H

#include <map>
#include <string>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Every attribute whose default differs from the one its TypeId
 * registered (Config::SetDefault, --ns3::...=, smkd.set_default), read from
 * ns-3's attribute system rather than a list kept by hand.
 * \return "ns3::Type::Attribute" -> value as ns-3 prints it
 */
std::map<std::string, std::string> SmkdChangedAttributeDefaults();

/**
 * \ingroup smkd
 * \brief ns-3's global values (RngSeed, RngRun, ChecksumEnabled, the
 * simulator and scheduler implementations, ...).
 * \return name -> value
 */
std::map<std::string, std::string> SmkdGlobalValues();

/**
 * \ingroup smkd
 * \param path a file
 * \return its SHA-256 in lower-case hex, or "" when it cannot be read
 */
std::string SmkdSha256OfFile(const std::string& path);

/** \return the git commit the module was built from ("-dirty" suffix; "unknown") */
std::string SmkdBuildCommit();

/** \return the ns-3 release the module was built against, e.g. "3.37" */
std::string SmkdNs3Version();

/** \return the OpenSSL library in use, e.g. "OpenSSL 3.0.11 19 Sep 2023" */
std::string SmkdOpensslVersion();

} // namespace ns3

#endif /* SMKD_PROVENANCE_H */
