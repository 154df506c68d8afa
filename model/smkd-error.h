/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_ERROR_H
#define SMKD_ERROR_H

#include <sstream>
#include <stdexcept>

/**
 * \ingroup smkd
 * \brief Refuse bad configuration with an exception whose message names the
 * problem, rather than aborting: scripts and the Python bindings catch it.
 * \param condition what must hold
 * \param message streamed into the exception's message
 */
#define SMKD_REQUIRE(condition, message)                                                           \
    do                                                                                             \
    {                                                                                              \
        if (!(condition))                                                                          \
        {                                                                                          \
            std::ostringstream smkdRequireMessage;                                                 \
            smkdRequireMessage << message;                                                         \
            throw std::invalid_argument(smkdRequireMessage.str());                                 \
        }                                                                                          \
    } while (false)

#endif /* SMKD_ERROR_H */
