/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#ifndef SMKD_JSON_WRITER_H
#define SMKD_JSON_WRITER_H

#include <cstdint>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

namespace ns3
{

/**
 * \ingroup smkd
 * \param v a number
 * \return its shortest decimal form that reads back as the same double
 *         ("0.25", "1e-06"); "" for NaN and infinities, which text formats cannot carry
 */
std::string SmkdFormatNumber(double v);

/**
 * \ingroup smkd
 * \brief Writes one JSON document (RFC 8259), two-space indented.
 *
 * Calls mirror the document: BeginObject, Key, a value, ..., EndObject.
 * Non-finite numbers become null. The writer does not check that the calls
 * make a well-formed document; the collector's outputs are the only user.
 */
class SmkdJsonWriter
{
  public:
    /** \return *this */
    SmkdJsonWriter& BeginObject();
    /** \return *this */
    SmkdJsonWriter& EndObject();
    /** \return *this */
    SmkdJsonWriter& BeginArray();
    /**
     * \brief Begin an array written on one line, with everything in it
     * (e.g. a CDF point): ended by EndArray.
     * \return *this
     */
    SmkdJsonWriter& BeginInlineArray();
    /** \return *this */
    SmkdJsonWriter& EndArray();
    /**
     * \param key the next member's name
     * \return *this
     */
    SmkdJsonWriter& Key(const std::string& key);
    /**
     * \param v a string value
     * \return *this
     */
    SmkdJsonWriter& Value(const std::string& v);
    /**
     * \param v a string value
     * \return *this
     */
    SmkdJsonWriter& Value(const char* v);
    /**
     * \param v a number (null when not finite)
     * \return *this
     */
    SmkdJsonWriter& Value(double v);
    /**
     * \param v a boolean
     * \return *this
     */
    SmkdJsonWriter& Value(bool v);

    /**
     * \tparam T an integer type
     * \param v an integer value
     * \return *this
     */
    template <typename T,
              std::enable_if_t<std::is_integral_v<T> && !std::is_same_v<T, bool>, int> = 0>
    SmkdJsonWriter& Value(T v)
    {
        return Raw(std::to_string(v));
    }

    /**
     * \brief Key(key) then Value(v).
     * \param key the member's name
     * \param v its value
     * \return *this
     */
    template <typename T>
    SmkdJsonWriter& Field(const std::string& key, const T& v)
    {
        Key(key);
        return Value(v);
    }

    /** \return the document written so far, with a final newline */
    std::string GetString() const;

    /**
     * \param s a string
     * \return it as a JSON string literal, quotes included
     */
    static std::string Quote(const std::string& s);

  private:
    SmkdJsonWriter& Raw(const std::string& text);
    void Separate();
    void Open(char bracket, bool inlined);
    void Close(char bracket);

    std::ostringstream m_os;
    std::vector<bool> m_empty;  //!< per open container: nothing written in it yet
    std::vector<bool> m_inline; //!< per open container: written on one line
    bool m_afterKey{false};
};

} // namespace ns3

#endif /* SMKD_JSON_WRITER_H */
