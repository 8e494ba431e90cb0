// Request parsing (see request_parser.h). Error texts are Redis's, word for word, because
// clients and tests match on them.
#include "protocol/request_parser.h"

#include "util/strings.h"

#include <cstring>

namespace redscope::engine {

namespace {

// The common "<digits>\r\n" of a count or bulk length, read in one pass from req[pos]:
// a client request is mostly such short headers, and scanning each with memchr and then
// parseInt64 cost more than the command it carried. Only plain digits (no sign, no leading
// zero, at most 18 of them, so no overflow) followed by a complete "\r\n" take this path;
// anything else returns false and goes through the general code, which owns every error.
bool quickLength(std::string_view req, size_t pos, int64_t *value, size_t *next)
{
    const size_t limit = std::min(req.size(), pos + 18);
    size_t i = pos;
    int64_t v = 0;
    while (i < limit && req[i] >= '0' && req[i] <= '9')
        v = v * 10 + (req[i++] - '0');
    if (i == pos || i + 1 >= req.size() || req[i] != '\r' || req[i + 1] != '\n') return false;
    if (req[pos] == '0' && i - pos > 1) return false;
    *value = v;
    *next = i + 2;
    return true;
}

} // namespace

void RequestParser::reset()
{
    m_inMultibulk = false;
    m_expectedArgs = 0;
    m_bulkLength = -1;
    m_cursor = 0;
    m_argOffsets.clear();
    m_argViews.clear();
    m_consumed = 0;
}

RequestParser::Status RequestParser::fail(std::string text)
{
    m_error = "ERR Protocol error: " + std::move(text);
    return Status::Error;
}

RequestParser::Status RequestParser::parse(std::string_view buffer, size_t start)
{
    if (start > buffer.size()) return Status::NeedMore;
    std::string_view req = buffer.substr(start);
    if (!m_inMultibulk && m_cursor == 0) {
        if (req.empty()) return Status::NeedMore;
        if (req[0] != '*') return parseInline(req);
        m_inMultibulk = true;
    }
    return parseMultibulk(req);
}

RequestParser::Status RequestParser::parseInline(std::string_view req)
{
    size_t newline = req.find('\n');
    if (newline == std::string_view::npos) {
        if (req.size() > m_limits.maxInlineLength) return fail("too big inline request");
        return Status::NeedMore;
    }
    if (newline > m_limits.maxInlineLength) return fail("too big inline request");
    std::string_view line = req.substr(0, newline);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    m_consumed = newline + 1;

    // Inline arguments may contain escapes, so they are unescaped into storage we own; the
    // views then point into m_inlineArgs, which lives until the next parse.
    m_inlineArgs.clear();
    if (!splitInlineArguments(line, &m_inlineArgs)) return fail("unbalanced quotes in request");
    m_argViews.clear();
    for (const std::string &arg : m_inlineArgs)
        m_argViews.emplace_back(arg);
    m_cursor = 0;
    return m_argViews.empty() ? Status::Empty : Status::Complete;
}

RequestParser::Status RequestParser::parseMultibulk(std::string_view req)
{
    // Header "*<count>\r\n".
    if (m_cursor == 0) {
        int64_t count = 0;
        size_t next = 0;
        if (quickLength(req, 1, &count, &next)) {
            if (count > m_limits.maxArguments) return fail("invalid multibulk length");
            m_cursor = next;
        } else {
            size_t newline = req.find('\r');
            if (newline == std::string_view::npos || newline + 1 >= req.size()) {
                if (req.size() > m_limits.maxInlineLength)
                    return fail("too big mbulk count string");
                return Status::NeedMore;
            }
            if (req[newline + 1] != '\n') return fail("invalid multibulk length");
            if (!parseInt64(req.substr(1, newline - 1), &count) || count > m_limits.maxArguments)
                return fail("invalid multibulk length");
            m_cursor = newline + 2;
        }
        if (count <= 0) {
            m_consumed = m_cursor;
            m_inMultibulk = false;
            m_cursor = 0;
            return Status::Empty;
        }
        m_expectedArgs = count;
        m_argOffsets.clear();
        m_argOffsets.reserve(static_cast<size_t>(std::min<int64_t>(count, 1024)));
        m_bulkLength = -1;
    }

    while (static_cast<int64_t>(m_argOffsets.size()) < m_expectedArgs) {
        if (m_bulkLength < 0) {
            // Bulk header "$<len>\r\n".
            if (m_cursor >= req.size()) return Status::NeedMore;
            int64_t quick = 0;
            size_t next = 0;
            if (req[m_cursor] == '$' && quickLength(req, m_cursor + 1, &quick, &next) &&
                quick <= m_limits.maxBulkLength) {
                m_bulkLength = quick;
                m_cursor = next;
            }
        }
        if (m_bulkLength < 0) {
            size_t newline = req.find('\r', m_cursor);
            if (newline == std::string_view::npos || newline + 1 >= req.size()) {
                if (req.size() - m_cursor > m_limits.maxInlineLength)
                    return fail("too big bulk count string");
                return Status::NeedMore;
            }
            if (req[m_cursor] != '$')
                return fail(std::string("expected '$', got '") + req[m_cursor] + "'");
            int64_t length = 0;
            if (!parseInt64(req.substr(m_cursor + 1, newline - m_cursor - 1), &length) ||
                length < 0 || length > m_limits.maxBulkLength)
                return fail("invalid bulk length");
            m_bulkLength = length;
            m_cursor = newline + 2;
        }
        size_t needed = m_cursor + static_cast<size_t>(m_bulkLength) + 2;
        if (req.size() < needed) return Status::NeedMore;
        if (req[needed - 2] != '\r' || req[needed - 1] != '\n') return fail("invalid bulk length");
        m_argOffsets.emplace_back(m_cursor, static_cast<size_t>(m_bulkLength));
        m_cursor = needed;
        m_bulkLength = -1;
    }

    m_argViews.clear();
    m_argViews.reserve(m_argOffsets.size());
    for (auto [offset, length] : m_argOffsets)
        m_argViews.emplace_back(req.data() + offset, length);
    m_consumed = m_cursor;
    m_inMultibulk = false;
    m_cursor = 0;
    m_expectedArgs = 0;
    return Status::Complete;
}

static int hexDigitValue(char c)
{
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

bool splitInlineArguments(std::string_view line, std::vector<std::string> *out)
{
    size_t i = 0;
    const size_t n = line.size();
    auto isSpace = [](char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' || c == '\f';
    };
    while (true) {
        while (i < n && isSpace(line[i]))
            ++i;
        if (i >= n) return true;
        std::string current;
        bool inDouble = false, inSingle = false, done = false;
        while (!done) {
            if (inDouble) {
                if (i >= n) return false;
                char c = line[i];
                if (c == '\\' && i + 3 < n && line[i + 1] == 'x' &&
                    hexDigitValue(line[i + 2]) >= 0 && hexDigitValue(line[i + 3]) >= 0) {
                    current += static_cast<char>(hexDigitValue(line[i + 2]) * 16 +
                                                 hexDigitValue(line[i + 3]));
                    i += 3;
                } else if (c == '\\' && i + 1 < n) {
                    ++i;
                    switch (line[i]) {
                    case 'n':
                        current += '\n';
                        break;
                    case 'r':
                        current += '\r';
                        break;
                    case 't':
                        current += '\t';
                        break;
                    case 'b':
                        current += '\b';
                        break;
                    case 'a':
                        current += '\a';
                        break;
                    default:
                        current += line[i];
                        break;
                    }
                } else if (c == '"') {
                    // The closing quote must be followed by a space or the end.
                    if (i + 1 < n && !isSpace(line[i + 1])) return false;
                    done = true;
                } else {
                    current += c;
                }
            } else if (inSingle) {
                if (i >= n) return false;
                char c = line[i];
                if (c == '\\' && i + 1 < n && line[i + 1] == '\'') {
                    ++i;
                    current += '\'';
                } else if (c == '\'') {
                    if (i + 1 < n && !isSpace(line[i + 1])) return false;
                    done = true;
                } else {
                    current += c;
                }
            } else {
                if (i >= n) break;
                char c = line[i];
                if (isSpace(c)) {
                    done = true;
                } else if (c == '"') {
                    inDouble = true;
                } else if (c == '\'') {
                    inSingle = true;
                } else {
                    current += c;
                }
            }
            if (i < n) ++i;
        }
        out->push_back(std::move(current));
    }
}

} // namespace redscope::engine
