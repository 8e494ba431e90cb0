// RESP2/RESP3 encoding (see reply_writer.h). Doubles in RESP2 travel as bulk strings,
// formatted as Redis 7.0 does ("%.17g"); maps flatten to arrays of key, value.
#include "protocol/reply_writer.h"

#include "util/strings.h"

#include <charconv>
#include <cstring>

namespace redscope::engine {

void ReplyWriter::header(char type, int64_t count)
{
    char buf[32];
    buf[0] = type;
    auto res = std::to_chars(buf + 1, buf + sizeof buf - 2, count);
    *res.ptr++ = '\r';
    *res.ptr++ = '\n';
    m_out->append(buf, static_cast<size_t>(res.ptr - buf));
}

void ReplyWriter::status(std::string_view text)
{
    m_out->push_back('+');
    m_out->append(text);
    m_out->append("\r\n", 2);
}

void ReplyWriter::error(std::string_view text)
{
    m_out->push_back('-');
    // Error texts must stay on one line; newlines would break the protocol.
    for (char c : text) m_out->push_back((c == '\r' || c == '\n') ? ' ' : c);
    m_out->append("\r\n", 2);
}

void ReplyWriter::integer(int64_t value) { header(':', value); }

void ReplyWriter::bulk(std::string_view data)
{
    // Short payloads (key names: SCAN and KEYS write thousands a call) go out in one append.
    if (data.size() <= 64) {
        char buf[96];
        buf[0] = '$';
        auto res = std::to_chars(buf + 1, buf + 24, data.size());
        *res.ptr++ = '\r';
        *res.ptr++ = '\n';
        if (!data.empty()) std::memcpy(res.ptr, data.data(), data.size());
        res.ptr += data.size();
        *res.ptr++ = '\r';
        *res.ptr++ = '\n';
        m_out->append(buf, static_cast<size_t>(res.ptr - buf));
        return;
    }
    header('$', static_cast<int64_t>(data.size()));
    if (data.size() > 16 * 1024 && m_pieces) m_pieces->push_back({m_out->size(), data.size()});
    m_out->append(data);
    m_out->append("\r\n", 2);
}

void ReplyWriter::bulkInteger(int64_t value)
{
    char buf[24];
    auto res = std::to_chars(buf, buf + sizeof buf, value);
    bulk(std::string_view(buf, static_cast<size_t>(res.ptr - buf)));
}

void ReplyWriter::nullBulk()
{
    if (m_resp3)
        m_out->append("_\r\n", 3);
    else
        m_out->append("$-1\r\n", 5);
}

void ReplyWriter::nullArray()
{
    if (m_resp3)
        m_out->append("_\r\n", 3);
    else
        m_out->append("*-1\r\n", 5);
}

void ReplyWriter::arrayHeader(size_t count) { header('*', static_cast<int64_t>(count)); }

void ReplyWriter::mapHeader(size_t pairs)
{
    if (m_resp3)
        header('%', static_cast<int64_t>(pairs));
    else
        header('*', static_cast<int64_t>(pairs * 2));
}

void ReplyWriter::setHeader(size_t count) { header(m_resp3 ? '~' : '*', static_cast<int64_t>(count)); }

void ReplyWriter::pushHeader(size_t count) { header(m_resp3 ? '>' : '*', static_cast<int64_t>(count)); }

void ReplyWriter::doubleValue(double value)
{
    std::string text = formatDouble(value);
    if (m_resp3) {
        m_out->push_back(',');
        m_out->append(text);
        m_out->append("\r\n", 2);
    } else {
        bulk(text);
    }
}

void ReplyWriter::boolean(bool value)
{
    if (m_resp3)
        m_out->append(value ? "#t\r\n" : "#f\r\n", 4);
    else
        integer(value ? 1 : 0);
}

void ReplyWriter::bigNumber(std::string_view digits)
{
    if (!m_resp3) return bulk(digits);
    m_out->push_back('(');
    m_out->append(digits);
    m_out->append("\r\n", 2);
}

void ReplyWriter::attributeHeader(size_t pairs) { header('|', static_cast<int64_t>(pairs)); }

void ReplyWriter::verbatim(std::string_view text, std::string_view format)
{
    if (!m_resp3) {
        bulk(text);
        return;
    }
    header('=', static_cast<int64_t>(text.size() + 4));
    m_out->append(format.substr(0, 3));
    m_out->push_back(':');
    m_out->append(text);
    m_out->append("\r\n", 2);
}

// A deferred slot is just a position: when filled, the header is inserted there and the bytes
// written after it move once. Nested deferred aggregates must be closed innermost first.
size_t ReplyWriter::beginDeferredArray() { return m_out->size(); }

void ReplyWriter::fillDeferred(size_t slot, char type, size_t count)
{
    char buf[32];
    buf[0] = type;
    auto res = std::to_chars(buf + 1, buf + sizeof buf - 2, count);
    *res.ptr++ = '\r';
    *res.ptr++ = '\n';
    const size_t length = static_cast<size_t>(res.ptr - buf);
    m_out->insert(slot, buf, length);
    if (!m_pieces) return;
    // Pieces noted inside the aggregate (the last ones noted) moved with its bytes.
    for (auto piece = m_pieces->rbegin(); piece != m_pieces->rend() && piece->offset >= slot;
         ++piece) {
        piece->offset += length;
        if (piece->contentEnd) piece->contentEnd += length;
    }
    m_pieces->push_back({slot, length, m_out->size()});
}

void ReplyWriter::endDeferredArray(size_t slot, size_t count) { fillDeferred(slot, '*', count); }

void ReplyWriter::endDeferredMap(size_t slot, size_t pairs)
{
    if (m_resp3)
        fillDeferred(slot, '%', pairs);
    else
        fillDeferred(slot, '*', pairs * 2);
}

void ReplyWriter::endDeferredSet(size_t slot, size_t count)
{
    fillDeferred(slot, m_resp3 ? '~' : '*', count);
}

} // namespace redscope::engine
