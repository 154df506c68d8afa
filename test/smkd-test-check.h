/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_TEST_CHECK_H
#define SMKD_TEST_CHECK_H

// Checks on values with side effects and on exceptions, for the smkd test suites.

#include "ns3/test.h"

#include <string>

namespace ns3
{
namespace smkd
{
namespace test
{

/**
 * \param f what to call
 * \return true when \p f throws an \p E
 */
template <typename E, typename F>
bool
Throws(F f)
{
    try
    {
        f();
    }
    catch (const E&)
    {
        return true;
    }
    return false;
}

/**
 * A TestCase whose ExpectEq takes values computed once.
 *
 * ns-3's NS_TEST_* macros evaluate their arguments a second time to print
 * them when a check fails; a check written around a call with a side effect
 * (a join, a leave, opening a packet) would repeat that call and report the
 * second result. ExpectEq receives the value already computed.
 */
class ValueCheckTestCase : public TestCase
{
  public:
    using TestCase::TestCase;

  protected:
    /**
     * \param actual the value, computed by the caller
     * \param limit the expected value
     * \param what what is checked
     */
    template <typename T, typename U>
    void ExpectEq(const T& actual, const U& limit, const std::string& what)
    {
        NS_TEST_EXPECT_MSG_EQ(actual, limit, what);
    }
};

} // namespace test
} // namespace smkd
} // namespace ns3

#endif /* SMKD_TEST_CHECK_H */
