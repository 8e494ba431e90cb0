// See rdb_cursor.h. The refill keeps the unconsumed tail, checksums the consumed head first
// (the CRC-64 runs over the whole file), and reads until the request fits: one memmove and
// one or a few read() calls per buffer, so a walk costs about as much as reading the file.
#include "persistence/rdb_cursor.h"

#include "persistence/crc64.h"
#include "persistence/lzf.h"
#include "persistence/rdb_format.h"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>

namespace redscope::engine::rdb {

FileSource::~FileSource()
{
    if (m_fd >= 0) ::close(m_fd);
}

bool FileSource::open(const std::string &path, std::string *error)
{
    m_fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    struct stat st
    {
    };
    if (m_fd < 0 || ::fstat(m_fd, &st) != 0) {
        m_error = std::strerror(errno);
        *error = "cannot open " + path + ": " + m_error;
        return false;
    }
    m_size = static_cast<uint64_t>(st.st_size);
    // Read once, front to back: the kernel may read ahead further.
    ::posix_fadvise(m_fd, 0, 0, POSIX_FADV_SEQUENTIAL);
    return true;
}

size_t FileSource::read(char *buffer, size_t n)
{
    while (true) {
        const ssize_t got = ::read(m_fd, buffer, n);
        if (got >= 0) return static_cast<size_t>(got);
        if (errno != EINTR) {
            m_error = std::strerror(errno);
            return 0;
        }
    }
}

bool FileSource::readAt(uint64_t offset, size_t n, char *out) const
{
    size_t done = 0;
    while (done < n) {
        const ssize_t got = ::pread(m_fd, out + done, n - done, static_cast<off_t>(offset + done));
        if (got < 0 && errno == EINTR) continue;
        if (got <= 0) return false;
        done += static_cast<size_t>(got);
    }
    return true;
}

Cursor::Cursor(std::string_view data)
    : m_data(data)
    , m_total(data.size())
{
}

Cursor::Cursor(ByteSource *source, size_t bufferBytes)
    : m_total(source->size())
    , m_source(source)
    , m_bufferBytes(bufferBytes)
{
}

bool Cursor::fail(const std::string &what)
{
    if (m_error.empty()) m_error = what + " at offset " + std::to_string(m_errorPos);
    return false;
}

std::string_view slideAndFill(std::string &buffer, std::string_view view, size_t pos, size_t size,
                              uint64_t inputLeft, size_t enough, ByteSource &source)
{
    const size_t keep = view.size() - pos;
    if (buffer.size() < size) {
        std::string bigger(size, '\0');
        if (keep) std::memcpy(bigger.data(), view.data() + pos, keep);
        buffer.swap(bigger);
    } else if (keep) {
        std::memmove(buffer.data(), view.data() + pos, keep);
    }
    size_t filled = keep;
    const size_t limit = static_cast<size_t>(std::min<uint64_t>(buffer.size(), inputLeft));
    while (filled < limit) {
        const size_t got = source.read(buffer.data() + filled, limit - filled);
        if (got == 0) break;
        filled += got;
        if (filled >= enough && source.partialReads()) break;
    }
    return std::string_view(buffer.data(), filled);
}

bool Cursor::refill(size_t n)
{
    m_crc = crc64(m_crc, m_data.data(), m_pos);
    m_base += m_pos;
    m_data = slideAndFill(m_buffer, m_data, m_pos, std::max(m_bufferBytes, n), m_total - m_base, n,
                          *m_source);
    m_pos = 0;
    return m_data.size() >= n;
}

bool Cursor::bytes(size_t n, std::string_view *out)
{
    m_errorPos = offset();
    if (n > remaining())
        return fail("unexpected end of file (wanted " + std::to_string(n) + " bytes, " +
                    std::to_string(remaining()) + " left)");
    if (n > m_data.size() - m_pos && (!m_source || !refill(n)))
        return fail("read error (wanted " + std::to_string(n) + " bytes)");
    *out = m_data.substr(m_pos, n);
    m_pos += n;
    return true;
}

bool Cursor::byte(uint8_t *out)
{
    if (m_pos < m_data.size()) { // the common case, without building a view
        *out = static_cast<uint8_t>(m_data[m_pos++]);
        return true;
    }
    std::string_view b;
    if (!bytes(1, &b)) return false;
    *out = static_cast<uint8_t>(b[0]);
    return true;
}

bool Cursor::littleEndian(int n, uint64_t *out)
{
    std::string_view b;
    if (!bytes(static_cast<size_t>(n), &b)) return false;
    uint64_t v = 0;
    for (int i = n - 1; i >= 0; --i)
        v = (v << 8) | static_cast<uint8_t>(b[static_cast<size_t>(i)]);
    *out = v;
    return true;
}

bool Cursor::length(uint64_t *out, bool *encoded)
{
    const uint64_t start = offset();
    uint8_t b;
    if (!byte(&b)) return false;
    if (encoded) *encoded = false;
    switch (b >> 6) {
    case kLen6:
        *out = b & 0x3f;
        return true;
    case kLen14: {
        uint8_t next;
        if (!byte(&next)) return false;
        *out = (uint64_t{b & 0x3fu} << 8) | next;
        return true;
    }
    case kEncVal:
        if (!encoded) {
            m_errorPos = start;
            return fail("string encoding where a length was expected");
        }
        *encoded = true;
        *out = b & 0x3f;
        return true;
    default:
        break;
    }
    int n = b == kLen32 ? 4 : b == kLen64 ? 8 : 0;
    if (n == 0) {
        m_errorPos = start;
        return fail("invalid length encoding 0x" + hex(b));
    }
    std::string_view raw;
    if (!bytes(static_cast<size_t>(n), &raw)) return false;
    uint64_t v = 0;
    for (char c : raw)
        v = (v << 8) | static_cast<uint8_t>(c);
    *out = v;
    return true;
}

bool Cursor::string(std::string *out)
{
    const uint64_t start = offset();
    uint64_t len = 0;
    bool encoded = false;
    if (!length(&len, &encoded)) return false;
    if (!encoded) {
        std::string_view raw;
        if (!bytes(len, &raw)) return false;
        out->assign(raw);
        return true;
    }
    if (len <= kEncInt32) {
        const int n = 1 << len;
        uint64_t raw;
        if (!littleEndian(n, &raw)) return false;
        const uint64_t sign = uint64_t{1} << (n * 8 - 1);
        const int64_t v = static_cast<int64_t>(((raw & ((sign << 1) - 1)) ^ sign) - sign);
        *out = std::to_string(v);
        return true;
    }
    if (len == kEncLzf) {
        uint64_t compressed, plain;
        if (!length(&compressed) || !length(&plain)) return false;
        std::string_view raw;
        if (!bytes(compressed, &raw)) return false;
        // LZF expands at most ~88x; anything claiming more is corrupt, not big.
        if (plain > compressed * 100 + 64 || !lzfDecompress(raw, plain, out)) {
            m_errorPos = start;
            return fail("invalid LZF-compressed string");
        }
        return true;
    }
    m_errorPos = start;
    return fail("unknown string encoding " + std::to_string(len));
}

uint64_t Cursor::checksum() const
{
    return crc64(m_crc, m_data.data(), m_pos);
}

std::string Cursor::hex(unsigned v)
{
    static const char digits[] = "0123456789abcdef";
    return {digits[(v >> 4) & 0xf], digits[v & 0xf]};
}

bool readHeader(Cursor &c, int *version)
{
    std::string_view magic;
    if (!c.bytes(9, &magic)) return false;
    if (magic.substr(0, 5) != kMagic) {
        c.setErrorPos(0);
        return c.fail("wrong signature (not an RDB file)");
    }
    int v = 0;
    for (char ch : magic.substr(5)) {
        if (ch < '0' || ch > '9') {
            c.setErrorPos(5);
            return c.fail("invalid RDB version field");
        }
        v = v * 10 + (ch - '0');
    }
    if (v < 1 || v > kVersion) {
        c.setErrorPos(5);
        return c.fail("can't handle RDB format version " + std::to_string(v));
    }
    *version = v;
    return true;
}

} // namespace redscope::engine::rdb
