// See aof_reader.h. A refill keeps the unconsumed tail of the buffer, moves it to the front
// and reads behind it until the request fits: one memmove and one or a few read() calls per
// megabyte of commands. No checksum runs here (an AOF has none, unlike the RDB cursor's).
#include "persistence/aof_reader.h"

#include "util/strings.h"

#include <algorithm>
#include <cstring>

namespace redscope::engine::aof {

CommandReader::CommandReader(std::string_view data)
    : m_data(data)
    , m_total(data.size())
{
}

CommandReader::CommandReader(std::string_view head, rdb::ByteSource *source, uint64_t total,
                             size_t bufferBytes)
    : m_data(head)
    , m_total(std::max<uint64_t>(total, head.size()))
    , m_source(source)
    , m_bufferBytes(std::max<size_t>(bufferBytes, kLineWindow))
{
}

bool CommandReader::ensure(size_t n)
{
    const size_t want = static_cast<size_t>(std::min<uint64_t>(n, remaining()));
    if (available() >= want) return true;
    if (!m_source) return false;
    m_base += m_pos;
    m_data = rdb::slideAndFill(m_buffer, m_data, m_pos, std::max(m_bufferBytes, want),
                               m_total - m_base, want, *m_source);
    m_pos = 0;
    return m_data.size() >= want;
}

// "<prefix><digits>\r\n": a count or a length.
CommandReader::Parse CommandReader::numberLine(char prefix, int64_t *value)
{
    if (!ensure(kLineWindow)) return Parse::ReadError;
    if (available() == 0) return Parse::Truncated;
    if (m_data[m_pos] != prefix) return Parse::Bad;
    const std::string_view window = m_data.substr(m_pos, std::min(available(), kLineWindow));
    const size_t eol = window.find("\r\n");
    // Not within the window: longer than any number, or cut off by the end of the input.
    if (eol == std::string_view::npos) return remaining() > 32 ? Parse::Bad : Parse::Truncated;
    if (!parseInt64(window.substr(1, eol - 1), value) || *value < 0) return Parse::Bad;
    m_pos += eol + 2;
    return Parse::Ok;
}

// length bytes and "\r\n"; the caller checked that the input holds that many.
CommandReader::Parse CommandReader::bulk(size_t length, std::string *out)
{
    if (!m_source || length + 2 <= m_bufferBytes || length + 2 <= available()) {
        if (!ensure(length + 2)) return Parse::ReadError;
        if (m_data.substr(m_pos + length, 2) != "\r\n") return Parse::Bad;
        out->assign(m_data.data() + m_pos, length);
        m_pos += length + 2;
        return Parse::Ok;
    }
    // Longer than the buffer: what is buffered, then the rest straight from the source.
    const uint64_t start = offset();
    out->resize(length);
    size_t done = std::min(available(), length);
    std::memcpy(out->data(), m_data.data() + m_pos, done);
    m_pos += done;
    if (done < length) { // the buffer is drained: start it afresh after the string
        m_base += m_pos;
        m_data = std::string_view();
        m_pos = 0;
    }
    while (done < length) {
        const size_t got = m_source->read(out->data() + done, length - done);
        if (got == 0) return Parse::ReadError;
        done += got;
        m_base += got;
    }
    if (!ensure(2)) return Parse::ReadError;
    if (m_data.substr(m_pos, 2) != "\r\n") {
        // Bad where the string starts, as the buffered path says: the reader stops here.
        m_base = start;
        m_data = std::string_view();
        m_pos = 0;
        return Parse::Bad;
    }
    m_pos += 2;
    return Parse::Ok;
}

CommandReader::Parse CommandReader::next(std::vector<std::string> *argv)
{
    argv->clear();
    if (remaining() == 0) return Parse::End;
    int64_t count;
    Parse r = numberLine('*', &count);
    if (r != Parse::Ok) return r;
    if (count < 1) return Parse::Bad;
    for (int64_t i = 0; i < count; ++i) {
        int64_t length;
        r = numberLine('$', &length);
        if (r != Parse::Ok) return r;
        if (static_cast<uint64_t>(length) + 2 > remaining()) return Parse::Truncated;
        argv->emplace_back();
        r = bulk(static_cast<size_t>(length), &argv->back());
        if (r != Parse::Ok) return r;
    }
    return Parse::Ok;
}

} // namespace redscope::engine::aof
