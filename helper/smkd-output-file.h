/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_OUTPUT_FILE_H
#define SMKD_OUTPUT_FILE_H

#include <functional>
#include <string>

namespace ns3
{

/**
 * \ingroup smkd
 * \brief Create \p dir and its missing parents.
 * \param dir a directory path
 * \throws std::runtime_error naming \p dir when it cannot be created or is not a directory
 */
void SmkdPrepareDirectory(const std::string& dir);

/**
 * \ingroup smkd
 * \brief A temporary path beside \p path, on the same file system, for
 * SmkdCommitFile: "<path>.tmp-<process id>".
 * \param path the final path
 * \return the temporary path
 */
std::string SmkdTemporaryPath(const std::string& path);

/**
 * \ingroup smkd
 * \brief Move a finished temporary file onto its final path in one step
 * (rename), so that readers see the old file or the whole new one, never a
 * half-written one.
 * \param temporary the finished file
 * \param path the final path
 * \throws std::runtime_error naming both paths when the rename fails (the
 *         temporary file is removed)
 */
void SmkdCommitFile(const std::string& temporary, const std::string& path);

/**
 * \ingroup smkd
 * \brief Write \p content to \p path through a temporary file and a rename;
 * the parent directory is created when missing.
 * \param path the file
 * \param content the bytes to write
 * \throws std::runtime_error naming the path on any failure; nothing is left behind
 */
void SmkdWriteFileAtomically(const std::string& path, const std::string& content);

} // namespace ns3

#endif /* SMKD_OUTPUT_FILE_H */
