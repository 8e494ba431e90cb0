// Reads the RESP commands of an AOF part (an incr file, a base file in AOF format, or what
// follows the RDB preamble of a base) one at a time, from memory or streamed from a file.
//
// Streaming is what keeps start-up memory flat: the reader holds one buffer (1 MB for a file)
// and refills it as commands are consumed, so loading a 200 MB AOF costs the dataset plus the
// buffer, not the dataset plus the file. A bulk argument longer than the buffer is read
// straight from the source into its own string rather than growing the buffer to its size.
//
// The verdicts are those of a parse over the whole file held in memory: a command cut off by
// the end of the input is Truncated (a crash mid-write), a malformed one Bad. Deciding that a
// number line is malformed never needs more than kLineWindow bytes: a count or length longer
// than 20 characters cannot be valid, so a line whose "\r\n" is not within the window is Bad
// whether or not one follows later (or Truncated, when the input ends inside the window).
#pragma once

#include "persistence/rdb_cursor.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine::aof {

class CommandReader
{
public:
    enum class Parse { Ok, End, Truncated, Bad, ReadError };

    // Bytes of a number line ("*3\r\n", "$1048576\r\n") looked at before calling it malformed.
    static constexpr size_t kLineWindow = 34;

    // Commands held whole in data.
    explicit CommandReader(std::string_view data);
    // Commands that start with head (bytes already read from the file, e.g. what an RDB
    // preamble's cursor read ahead) and continue with what source yields: total bytes in all,
    // head included. bufferBytes: what the reader holds at a time.
    CommandReader(std::string_view head, rdb::ByteSource *source, uint64_t total,
                  size_t bufferBytes);

    // The next command into *argv. End when the input ended at a command boundary;
    // ReadError when the source gave fewer bytes than it promised.
    Parse next(std::vector<std::string> *argv);

    // Bytes of the input consumed so far (after Ok: the end of that command).
    uint64_t offset() const { return m_base + m_pos; }

private:
    uint64_t remaining() const { return m_total - offset(); }
    size_t available() const { return m_data.size() - m_pos; }
    // Makes min(n, remaining()) bytes available at m_pos; false when the source fell short.
    bool ensure(size_t n);
    Parse numberLine(char prefix, int64_t *value);
    Parse bulk(size_t length, std::string *out);

    std::string_view m_data; // the view being walked: the input, head or m_buffer
    size_t m_pos = 0;        // in m_data
    uint64_t m_base = 0;     // input offset of m_data[0]
    uint64_t m_total = 0;
    rdb::ByteSource *m_source = nullptr;
    std::string m_buffer;
    size_t m_bufferBytes = 0;
};

} // namespace redscope::engine::aof
