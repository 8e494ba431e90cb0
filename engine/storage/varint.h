// LEB128 lengths, the entry header of the packed containers (PackedList, PackedEntries):
// 7 bits per byte, low bits first, the top bit set on every byte but the last. One byte up to
// 127, two up to 16383, which covers the short strings these containers are made for.
#pragma once

#include <cstddef>

namespace redscope::engine {

inline size_t varintSize(size_t value)
{
    size_t bytes = 1;
    while (value >= 0x80) {
        value >>= 7;
        ++bytes;
    }
    return bytes;
}

// Writes `value` at `at`; returns the bytes written (varintSize(value)).
inline size_t writeVarint(char *at, size_t value)
{
    size_t n = 0;
    do {
        unsigned char byte = value & 0x7F;
        value >>= 7;
        if (value) byte |= 0x80;
        at[n++] = static_cast<char>(byte);
    } while (value);
    return n;
}

// Reads a value written by writeVarint; returns the bytes it took.
inline size_t readVarint(const char *at, size_t *value)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(at);
    size_t result = 0;
    size_t n = 0;
    unsigned shift = 0;
    unsigned char byte;
    do {
        byte = bytes[n++];
        result |= static_cast<size_t>(byte & 0x7F) << shift;
        shift += 7;
    } while (byte & 0x80);
    *value = result;
    return n;
}

} // namespace redscope::engine
