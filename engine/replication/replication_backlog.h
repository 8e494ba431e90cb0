// The replication backlog: the last repl-backlog-size bytes of the replication stream, kept
// so that a replica whose link dropped can resume with PSYNC from the offset it reached
// instead of taking a full copy of the dataset again.
//
// A fixed-size ring buffer: appending costs one or two memcpy, whatever the stream rate, and
// the memory never grows past the configured size. Offsets are the stream's global byte
// offsets (master_repl_offset counts every byte ever fed): the buffer holds the bytes
// (endOffset - size, endOffset].
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace redscope::engine {

class ReplicationBacklog
{
public:
    ReplicationBacklog(size_t capacity, int64_t endOffset);

    void append(std::string_view bytes);
    // Bytes after `offset` (a global offset, i.e. bytes already held by the asker) up to the
    // end; false when the backlog no longer (or not yet) holds them.
    bool copyFrom(int64_t offset, std::string *out) const;
    // repl-backlog-size changed: keeps the newest bytes that fit.
    void resize(size_t capacity);

    size_t capacity() const { return m_buffer.size(); }
    size_t historyLength() const { return m_length; }
    int64_t endOffset() const { return m_endOffset; }
    // INFO's repl_backlog_first_byte_offset: the global offset of the first byte held (1-based).
    int64_t firstByteOffset() const { return m_endOffset - static_cast<int64_t>(m_length) + 1; }

private:
    std::string m_buffer;
    size_t m_writePos = 0; // where the next byte goes
    size_t m_length = 0;   // valid bytes, at most capacity
    int64_t m_endOffset = 0;
};

} // namespace redscope::engine
