/*
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "smkd-json-writer.h"

#include "ns3/log.h"

#include <charconv>
#include <cmath>
#include <cstdio>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("SmkdJsonWriter");

std::string
SmkdFormatNumber(double v)
{
    if (!std::isfinite(v))
    {
        return "";
    }
    // Shortest round-trip form: the same double always prints the same way,
    // so outputs of identical runs are identical byte for byte.
    char buf[32];
    const auto r = std::to_chars(buf, buf + sizeof(buf), v);
    return std::string(buf, r.ptr);
}

std::string
SmkdJsonWriter::Quote(const std::string& s)
{
    std::string out = "\"";
    for (unsigned char c : s)
    {
        switch (c)
        {
        case '"':
            out += "\\\"";
            break;
        case '\\':
            out += "\\\\";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20)
            {
                char buf[8];
                std::snprintf(buf, sizeof(buf), "\\u%04x", c);
                out += buf;
            }
            else
            {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

void
SmkdJsonWriter::Separate()
{
    if (m_afterKey)
    {
        m_afterKey = false;
        return;
    }
    if (m_empty.empty())
    {
        return;
    }
    if (m_inline.back())
    {
        m_os << (m_empty.back() ? "" : ", ");
    }
    else
    {
        m_os << (m_empty.back() ? "\n" : ",\n") << std::string(2 * m_empty.size(), ' ');
    }
    m_empty.back() = false;
}

SmkdJsonWriter&
SmkdJsonWriter::Raw(const std::string& text)
{
    Separate();
    m_os << text;
    return *this;
}

void
SmkdJsonWriter::Open(char bracket, bool inlined)
{
    Separate();
    m_os << bracket;
    m_empty.push_back(true);
    m_inline.push_back(inlined || (m_inline.size() > 0 && m_inline.back()));
}

void
SmkdJsonWriter::Close(char bracket)
{
    const bool empty = m_empty.back();
    const bool inlined = m_inline.back();
    m_empty.pop_back();
    m_inline.pop_back();
    if (!empty && !inlined)
    {
        m_os << "\n" << std::string(2 * m_empty.size(), ' ');
    }
    m_os << bracket;
}

SmkdJsonWriter&
SmkdJsonWriter::BeginObject()
{
    Open('{', false);
    return *this;
}

SmkdJsonWriter&
SmkdJsonWriter::EndObject()
{
    Close('}');
    return *this;
}

SmkdJsonWriter&
SmkdJsonWriter::BeginArray()
{
    Open('[', false);
    return *this;
}

SmkdJsonWriter&
SmkdJsonWriter::BeginInlineArray()
{
    Open('[', true);
    return *this;
}

SmkdJsonWriter&
SmkdJsonWriter::EndArray()
{
    Close(']');
    return *this;
}

SmkdJsonWriter&
SmkdJsonWriter::Key(const std::string& key)
{
    Separate();
    m_os << Quote(key) << ": ";
    m_afterKey = true;
    return *this;
}

SmkdJsonWriter&
SmkdJsonWriter::Value(const std::string& v)
{
    return Raw(Quote(v));
}

SmkdJsonWriter&
SmkdJsonWriter::Value(const char* v)
{
    return Raw(Quote(v));
}

SmkdJsonWriter&
SmkdJsonWriter::Value(double v)
{
    const std::string text = SmkdFormatNumber(v);
    return Raw(text.empty() ? "null" : text);
}

SmkdJsonWriter&
SmkdJsonWriter::Value(bool v)
{
    return Raw(v ? "true" : "false");
}

std::string
SmkdJsonWriter::GetString() const
{
    return m_os.str() + "\n";
}

} // namespace ns3
