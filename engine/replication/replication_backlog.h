// The replication backlog: the last repl-backlog-size bytes of the replication stream, kept
// so that a replica whose link dropped can resume with PSYNC from the offset it reached
// instead of taking a full copy of the dataset again.
//
// A ring buffer: appending costs one or two memcpy, whatever the stream rate, and the memory
// never grows past the configured size. Until the stream has filled it once the buffer grows
// with it (by an eighth, at least 16 KB, at a time), so a master with a quiet replica does not
// hold repl-backlog-size bytes for nothing: Redis's backlog grows block by block the same way,
// and MEMORY STATS' replication.backlog reports what is allocated. The growth copies the
// history held, about eight times the final size in all, once per backlog. Offsets are the
// stream's global byte offsets (master_repl_offset counts every byte ever fed): the buffer
// holds the bytes (endOffset - length, endOffset].
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

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

    size_t capacity() const { return m_capacity; }
    // The bytes the buffer has allocated now: up to capacity().
    size_t allocatedBytes() const;
    size_t historyLength() const { return m_length; }
    int64_t endOffset() const { return m_endOffset; }
    // INFO's repl_backlog_first_byte_offset: the global offset of the first byte held (1-based).
    int64_t firstByteOffset() const { return m_endOffset - static_cast<int64_t>(m_length) + 1; }

private:
    // While m_buffer.size() < m_capacity the history is m_buffer itself, in order; after that
    // it is a ring of m_capacity bytes whose next byte goes at m_writePos. A vector, whose
    // reserve() allocates what it is asked for (a string's doubles it).
    std::vector<char> m_buffer;
    size_t m_capacity = 0;
    size_t m_writePos = 0; // where the next byte goes
    size_t m_length = 0;   // valid bytes, at most capacity
    int64_t m_endOffset = 0;
};

} // namespace redscope::engine
