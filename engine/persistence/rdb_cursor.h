// The byte-level reader of RDB data, shared by the loader (persistence/rdb_loader.cpp, which
// walks an image in memory, a file through FileSource, or a replica's link to its master) and
// the streaming reader behind the public RDB visitor (persistence/rdb_reader.cpp, which reads a
// file of any size through a fixed buffer).
//
// A Cursor either walks a string_view, or pulls from a ByteSource into its own buffer,
// dropping what was consumed before it refills. Views it hands out stay valid only until the
// next read, so callers copy what they keep. Every length is checked against the bytes left
// in the input (the file's size, for a source) before anything is allocated or copied, so
// truncated or corrupt input ends in an error naming the byte offset and what was expected,
// never in an out-of-bounds read or a giant allocation. The buffer grows only to the largest
// single string being read (a 1 GB string needs 1 GB), not with the file.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace redscope::engine::rdb {

// Where a streaming cursor gets its bytes: read() fills up to n bytes and returns how many
// (0 at the end or on an error); size() is the total the source will yield.
class ByteSource
{
public:
    virtual ~ByteSource() = default;
    virtual size_t read(char *buffer, size_t n) = 0;
    virtual uint64_t size() const = 0;
    // A socket gives what has arrived: the cursor then asks only for the bytes it needs now
    // rather than a full buffer (which would wait for data the sender may never send).
    virtual bool partialReads() const { return false; }
};

// A file read front to back (the cursor's source for dump.rdb at start-up, DEBUG RELOAD and a
// replica's disk-based sync, so the image is never held whole), plus positioned reads for the
// RDB visitor's DUMP payloads. The size is the file's at open().
class FileSource : public ByteSource
{
public:
    // What a load from a file holds at a time (more only for a longer string).
    static constexpr size_t kBufferBytes = 1 << 20;

    FileSource() = default;
    ~FileSource() override;
    FileSource(const FileSource &) = delete;
    FileSource &operator=(const FileSource &) = delete;

    bool open(const std::string &path, std::string *error);
    size_t read(char *buffer, size_t n) override;
    uint64_t size() const override { return m_size; }
    bool readAt(uint64_t offset, size_t n, char *out) const;
    // Why open() failed or the last read() gave 0 before the end (empty when neither failed).
    const std::string &error() const { return m_error; }

private:
    int m_fd = -1;
    uint64_t m_size = 0;
    std::string m_error;
};

// A streaming reader's refill (the RDB cursor's and the AOF command reader's): the unread
// tail view[pos..] moves to the front of buffer (grown to size bytes if smaller; view may be
// another string), then source fills behind it up to inputLeft bytes in all (what the input
// still holds from that tail on) or the buffer's end. A source with partial reads stops once
// enough bytes are there. Returns the new view over buffer.
std::string_view slideAndFill(std::string &buffer, std::string_view view, size_t pos, size_t size,
                              uint64_t inputLeft, size_t enough, ByteSource &source);

class Cursor
{
public:
    explicit Cursor(std::string_view data);
    // Streams from source, holding bufferBytes at a time (more only for a longer string).
    Cursor(ByteSource *source, size_t bufferBytes);

    uint64_t offset() const { return m_base + m_pos; }
    uint64_t remaining() const { return m_total - offset(); }
    std::string &error() { return m_error; }
    // Bytes the cursor read ahead from its source and has not consumed (a socket's payload
    // may be followed by more: the caller takes them over when the parse is done).
    std::string_view buffered() const { return m_data.substr(m_pos); }
    void setErrorPos(uint64_t pos) { m_errorPos = pos; }
    bool fail(const std::string &what);

    bool bytes(size_t n, std::string_view *out);
    bool byte(uint8_t *out);
    bool littleEndian(int n, uint64_t *out);
    // A length, or (when *encoded is set) the special-encoding id of a string.
    bool length(uint64_t *out, bool *encoded = nullptr);
    // A string in any RDB encoding: raw, an integer, or LZF-compressed.
    bool string(std::string *out);

    // CRC-64 of every byte consumed so far (the RDB checksum covers all before it).
    uint64_t checksum() const;

    static std::string hex(unsigned v);

private:
    bool refill(size_t n);

    std::string_view m_data;
    size_t m_pos = 0;     // in m_data
    uint64_t m_base = 0;  // file offset of m_data[0]
    uint64_t m_total = 0; // bytes in the whole input
    uint64_t m_crc = 0;   // of the bytes before m_base
    uint64_t m_errorPos = 0;
    std::string m_error;
    ByteSource *m_source = nullptr;
    std::string m_buffer; // streaming mode only
    size_t m_bufferBytes = 0;
};

// "REDIS" and a 4-digit version this engine reads (1..kVersion), into *version.
bool readHeader(Cursor &c, int *version);

} // namespace redscope::engine::rdb
