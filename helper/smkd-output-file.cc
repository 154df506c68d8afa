/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-output-file.h"

#include "ns3/log.h"

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>
#include <unistd.h>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdOutputFile");

namespace fs = std::filesystem;

void
SmkdPrepareDirectory(const std::string& dir)
{
    if (dir.empty())
    {
        return; // the current directory
    }
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec || !fs::is_directory(dir))
    {
        throw std::runtime_error("cannot use output directory '" + dir +
                                 "': " + (ec ? ec.message() : "not a directory"));
    }
}

std::string
SmkdTemporaryPath(const std::string& path)
{
    // The process id keeps runs that write into one directory at the same
    // time (parallel experiment runs) off each other's temporary files.
    return path + ".tmp-" + std::to_string(::getpid());
}

void
SmkdCommitFile(const std::string& temporary, const std::string& path)
{
    std::error_code ec;
    fs::rename(temporary, path, ec);
    if (ec)
    {
        fs::remove(temporary, ec);
        throw std::runtime_error("cannot move '" + temporary + "' to '" + path +
                                 "': " + ec.message());
    }
    NS_LOG_INFO("wrote " << path);
}

void
SmkdWriteFileAtomically(const std::string& path, const std::string& content)
{
    SmkdPrepareDirectory(fs::path(path).parent_path().string());
    const std::string temporary = SmkdTemporaryPath(path);
    {
        std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
        out << content;
        out.flush();
        if (!out)
        {
            out.close();
            std::error_code ec;
            fs::remove(temporary, ec);
            throw std::runtime_error("cannot write '" + path + "'");
        }
    }
    SmkdCommitFile(temporary, path);
}

} // namespace ns3
