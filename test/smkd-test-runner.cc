/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

// Runs the smkd TestSuites outside an ns-3 source tree (standalone build).
// Same options as ns-3's test-runner: --print-test-name-list, --suite=NAME, --verbose, ...

#include "ns3/test.h"

int
main(int argc, char** argv)
{
    return ns3::TestRunner::Run(argc, argv);
}
