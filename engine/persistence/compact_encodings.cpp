// Decoders for listpack and ziplist blobs and the listpack builder (see
// compact_encodings.h). Formats, all little endian unless noted:
//
// listpack: total-bytes u32, count u16, entries, 0xFF. An entry is an encoding byte (7-bit
//   uint, 6/12/32-bit string length, 13-bit/16/24/32/64-bit signed int) with its data, then
//   a "backlen" of 1-5 bytes holding the entry's size for backward walks.
// ziplist: total-bytes u32, tail-offset u32, count u16, entries, 0xFF. An entry is the
//   previous entry's length (1 byte, or 0xFE + u32), an encoding (6/14/32-bit string length,
//   the 14- and 32-bit forms big endian; int8/16/24/32/64; 4-bit immediates 0..12), data.
// (Intset blobs are read by IntSet::fromBlob in storage/int_set.cpp: they load as they are.)
#include "persistence/compact_encodings.h"
#include "util/strings.h"

#include <cstdint>
#include <cstring>

namespace redscope::engine::rdb {

namespace {

uint64_t readLE(const unsigned char *p, int bytes)
{
    uint64_t v = 0;
    for (int i = bytes - 1; i >= 0; --i)
        v = (v << 8) | p[i];
    return v;
}

int64_t signExtend(uint64_t v, int bits)
{
    if (bits == 64) return static_cast<int64_t>(v);
    const uint64_t sign = uint64_t{1} << (bits - 1);
    return static_cast<int64_t>((v ^ sign) - sign);
}

size_t backlenSize(size_t entryLength)
{
    if (entryLength <= 127) return 1;
    if (entryLength < 16383) return 2;
    if (entryLength < 2097151) return 3;
    if (entryLength < 268435455) return 4;
    return 5;
}

bool fail(std::string *error, const char *what, size_t offset)
{
    *error = std::string(what) + " at byte " + std::to_string(offset) + " of the blob";
    return false;
}

} // namespace

bool decodeListpack(std::string_view blob, std::vector<std::string> *out, std::string *error)
{
    const auto *p = reinterpret_cast<const unsigned char *>(blob.data());
    const size_t n = blob.size();
    if (n < 7) return fail(error, "listpack shorter than its header", 0);
    if (readLE(p, 4) != n) return fail(error, "listpack total size does not match its length", 0);
    const uint64_t declared = readLE(p + 4, 2);
    size_t pos = 6;
    size_t count = 0;
    while (true) {
        if (pos >= n) return fail(error, "listpack without terminator", pos);
        const unsigned b = p[pos];
        if (b == 0xFF) break;
        size_t header = 1;
        size_t stringLength = 0;
        bool isString = false;
        int64_t integer = 0;
        size_t intBytes = 0;
        if ((b & 0x80) == 0) {
            integer = b & 0x7f;
        } else if ((b & 0xC0) == 0x80) {
            isString = true;
            stringLength = b & 0x3f;
        } else if ((b & 0xE0) == 0xC0) {
            header = 2;
            if (pos + 1 >= n) return fail(error, "truncated listpack entry", pos);
            integer = signExtend((uint64_t{b & 0x1fu} << 8) | p[pos + 1], 13);
        } else if ((b & 0xF0) == 0xE0) {
            header = 2;
            if (pos + 1 >= n) return fail(error, "truncated listpack entry", pos);
            isString = true;
            stringLength = (size_t{b & 0x0fu} << 8) | p[pos + 1];
        } else if (b == 0xF0) {
            header = 5;
            if (pos + 4 >= n) return fail(error, "truncated listpack entry", pos);
            isString = true;
            stringLength = readLE(p + pos + 1, 4);
        } else if (b >= 0xF1 && b <= 0xF4) {
            static const size_t widths[] = {2, 3, 4, 8};
            intBytes = widths[b - 0xF1];
            if (pos + intBytes >= n) return fail(error, "truncated listpack entry", pos);
            integer = signExtend(readLE(p + pos + 1, static_cast<int>(intBytes)),
                                 static_cast<int>(intBytes * 8));
        } else {
            return fail(error, "invalid listpack entry encoding", pos);
        }
        const size_t entryLength = header + (isString ? stringLength : intBytes);
        const size_t total = entryLength + backlenSize(entryLength);
        if (total > n - pos) return fail(error, "listpack entry runs past the end", pos);
        if (isString)
            out->emplace_back(reinterpret_cast<const char *>(p + pos + header), stringLength);
        else
            out->push_back(std::to_string(integer));
        pos += total;
        ++count;
    }
    if (pos != n - 1) return fail(error, "listpack terminator before the end", pos);
    if (declared != 65535 && declared != count)
        return fail(error, "listpack element count mismatch", 4);
    return true;
}

// zmlen (pair count, 254+ = unknown), then per string a length (one byte below 254, or 254
// and 4 little-endian bytes), the bytes, and after each value a "free" byte counting unused
// bytes that follow it; 255 ends the map.
bool decodeZipmap(std::string_view blob, std::vector<std::string> *out, std::string *error)
{
    const auto *p = reinterpret_cast<const unsigned char *>(blob.data());
    const size_t n = blob.size();
    if (n < 2) return fail(error, "zipmap shorter than its header", 0);
    size_t pos = 1;
    size_t strings = 0;
    while (true) {
        if (pos >= n) return fail(error, "zipmap without its end marker", pos);
        if (p[pos] == 255) break;
        size_t len = p[pos];
        if (len == 254) {
            if (n - pos < 5) return fail(error, "zipmap length runs past the end", pos);
            len = static_cast<size_t>(readLE(p + pos + 1, 4));
            pos += 5;
        } else {
            pos += 1;
        }
        const bool value = strings % 2 == 1;
        size_t skip = 0;
        if (value) {
            if (pos >= n) return fail(error, "zipmap value without its free byte", pos);
            skip = p[pos++];
        }
        if (len > n - pos || skip > n - pos - len)
            return fail(error, "zipmap entry runs past the end", pos);
        out->emplace_back(blob.substr(pos, len));
        pos += len + skip;
        ++strings;
    }
    if (pos + 1 != n) return fail(error, "zipmap has bytes after its end marker", pos);
    if (strings % 2) return fail(error, "zipmap field without a value", pos);
    if (p[0] < 254 && p[0] != strings / 2)
        return fail(error, "zipmap count does not match its entries", 0);
    return true;
}

bool decodeZiplist(std::string_view blob, std::vector<std::string> *out, std::string *error)
{
    const auto *p = reinterpret_cast<const unsigned char *>(blob.data());
    const size_t n = blob.size();
    if (n < 11) return fail(error, "ziplist shorter than its header", 0);
    if (readLE(p, 4) != n) return fail(error, "ziplist total size does not match its length", 0);
    const uint64_t declared = readLE(p + 8, 2);
    size_t pos = 10;
    size_t count = 0;
    while (true) {
        if (pos >= n) return fail(error, "ziplist without terminator", pos);
        if (p[pos] == 0xFF) break;
        const size_t start = pos;
        pos += p[pos] < 254 ? 1 : 5; // previous entry length
        if (pos >= n) return fail(error, "truncated ziplist entry", start);
        const unsigned b = p[pos];
        size_t header = 1;
        size_t length = 0;
        int intBytes = -1;
        int64_t integer = 0;
        switch (b >> 6) {
        case 0:
            length = b & 0x3f;
            break;
        case 1:
            header = 2;
            if (pos + 1 >= n) return fail(error, "truncated ziplist entry", start);
            length = (size_t{b & 0x3fu} << 8) | p[pos + 1];
            break;
        case 2:
            header = 5;
            if (pos + 4 >= n) return fail(error, "truncated ziplist entry", start);
            length = (size_t{p[pos + 1]} << 24) | (size_t{p[pos + 2]} << 16) |
                     (size_t{p[pos + 3]} << 8) | p[pos + 4];
            break;
        default:
            switch (b) {
            case 0xC0:
                intBytes = 2;
                break;
            case 0xD0:
                intBytes = 4;
                break;
            case 0xE0:
                intBytes = 8;
                break;
            case 0xF0:
                intBytes = 3;
                break;
            case 0xFE:
                intBytes = 1;
                break;
            default:
                if (b >= 0xF1 && b <= 0xFD) {
                    intBytes = 0;
                    integer = static_cast<int64_t>(b & 0x0f) - 1;
                } else {
                    return fail(error, "invalid ziplist entry encoding", pos);
                }
            }
        }
        const size_t dataLength = intBytes >= 0 ? static_cast<size_t>(intBytes) : length;
        if (header + dataLength > n - pos)
            return fail(error, "ziplist entry runs past the end", start);
        if (intBytes < 0) {
            out->emplace_back(reinterpret_cast<const char *>(p + pos + header), length);
        } else {
            if (intBytes > 0) integer = signExtend(readLE(p + pos + 1, intBytes), intBytes * 8);
            out->push_back(std::to_string(integer));
        }
        pos += header + dataLength;
        ++count;
    }
    if (pos != n - 1) return fail(error, "ziplist terminator before the end", pos);
    if (declared != 65535 && declared != count)
        return fail(error, "ziplist element count mismatch", 8);
    return true;
}

ListpackBuilder::ListpackBuilder()
{
    m_data.assign(6, '\0');
}

void ListpackBuilder::add(std::string_view element)
{
    const size_t len = element.size();
    size_t header;
    if (len < 64) {
        m_data.push_back(static_cast<char>(0x80 | len));
        header = 1;
    } else if (len < 4096) {
        m_data.push_back(static_cast<char>(0xE0 | (len >> 8)));
        m_data.push_back(static_cast<char>(len & 0xff));
        header = 2;
    } else {
        m_data.push_back(static_cast<char>(0xF0));
        for (int i = 0; i < 4; ++i)
            m_data.push_back(static_cast<char>((len >> (8 * i)) & 0xff));
        header = 5;
    }
    m_data.append(element);
    appendBacklen(header + len);
}

// The smallest of the integer encodings: 7-bit unsigned, 13-bit, then 16/24/32/64-bit
// signed little endian after a type byte.
void ListpackBuilder::addElement(std::string_view element)
{
    int64_t value;
    if (parseInt64(element, &value))
        addInteger(value);
    else
        add(element);
}

void ListpackBuilder::addInteger(int64_t value)
{
    size_t entry;
    if (value >= 0 && value <= 127) {
        m_data.push_back(static_cast<char>(value));
        entry = 1;
    } else if (value >= -4096 && value <= 4095) {
        const auto bits = static_cast<uint64_t>(value) & 0x1fff;
        m_data.push_back(static_cast<char>(0xC0 | (bits >> 8)));
        m_data.push_back(static_cast<char>(bits & 0xff));
        entry = 2;
    } else {
        int bytes = 8;
        unsigned char type = 0xF4;
        if (value >= INT16_MIN && value <= INT16_MAX) {
            bytes = 2;
            type = 0xF1;
        } else if (value >= -(int64_t{1} << 23) && value < (int64_t{1} << 23)) {
            bytes = 3;
            type = 0xF2;
        } else if (value >= INT32_MIN && value <= INT32_MAX) {
            bytes = 4;
            type = 0xF3;
        }
        m_data.push_back(static_cast<char>(type));
        const auto bits = static_cast<uint64_t>(value);
        for (int i = 0; i < bytes; ++i)
            m_data.push_back(static_cast<char>((bits >> (8 * i)) & 0xff));
        entry = 1 + static_cast<size_t>(bytes);
    }
    appendBacklen(entry);
}

// Backlen: the entry size, 7 bits per byte, most significant first; every byte but the
// first has the high bit set so a backward walk knows where the number starts.
void ListpackBuilder::appendBacklen(size_t entry)
{
    const size_t bytes = backlenSize(entry);
    for (size_t i = bytes; i-- > 0;) {
        unsigned char c = static_cast<unsigned char>((entry >> (7 * i)) & 0x7f);
        if (i != bytes - 1) c |= 0x80;
        m_data.push_back(static_cast<char>(c));
    }
    ++m_count;
}

std::string ListpackBuilder::finish()
{
    m_data.push_back(static_cast<char>(0xFF));
    const uint64_t total = m_data.size();
    for (int i = 0; i < 4; ++i)
        m_data[i] = static_cast<char>((total >> (8 * i)) & 0xff);
    const uint64_t count = m_count < 65535 ? m_count : 65535;
    m_data[4] = static_cast<char>(count & 0xff);
    m_data[5] = static_cast<char>(count >> 8);
    std::string result = std::move(m_data);
    m_data.assign(6, '\0');
    m_count = 0;
    return result;
}

} // namespace redscope::engine::rdb
