// Implementation of bitmap_ops.h. Ranges are split into a head byte, whole 64-bit words and
// a tail; the masks below keep only the bits of a byte that fall inside the range.
#include "storage/bitmap_ops.h"

#include <algorithm>
#include <bit>
#include <cstring>

namespace redscope::engine::bitmap {

namespace {

uint8_t byteAt(std::string_view bytes, uint64_t index)
{
    return static_cast<uint8_t>(bytes[static_cast<size_t>(index)]);
}

// The bits of a byte from position `from` to `to` (0 = most significant), as a mask.
uint8_t bitsMask(unsigned from, unsigned to)
{
    return static_cast<uint8_t>((0xFFu >> from) & (0xFFu << (7 - to)));
}

// Eight bytes as one word whose most significant bit is the first bit in string order.
uint64_t loadWord(const char *p)
{
    uint64_t word;
    std::memcpy(&word, p, sizeof word);
    if constexpr (std::endian::native == std::endian::little) word = __builtin_bswap64(word);
    return word;
}

} // namespace

uint64_t countOnes(std::string_view bytes, uint64_t firstBit, uint64_t lastBit)
{
    uint64_t first = firstBit >> 3, last = lastBit >> 3;
    unsigned from = firstBit & 7, to = lastBit & 7;
    if (first == last) return std::popcount<uint8_t>(byteAt(bytes, first) & bitsMask(from, to));
    uint64_t total = std::popcount<uint8_t>(byteAt(bytes, first) & bitsMask(from, 7)) +
                     std::popcount<uint8_t>(byteAt(bytes, last) & bitsMask(0, to));
    uint64_t i = first + 1;
    for (; i + 8 <= last; i += 8)
        total += std::popcount(loadWord(bytes.data() + i));
    for (; i < last; ++i)
        total += std::popcount(byteAt(bytes, i));
    return total;
}

int64_t findBit(std::string_view bytes, bool bit, uint64_t firstBit, uint64_t lastBit)
{
    // Searching for 0 is searching for 1 in the complement.
    const uint64_t flip = bit ? 0 : ~uint64_t(0);
    auto inByte = [&](uint64_t index, unsigned from, unsigned to) -> int64_t {
        uint8_t hits = static_cast<uint8_t>((byteAt(bytes, index) ^ flip) & bitsMask(from, to));
        if (!hits) return -1;
        return static_cast<int64_t>(index * 8 + std::countl_zero(hits));
    };
    uint64_t first = firstBit >> 3, last = lastBit >> 3;
    unsigned from = firstBit & 7, to = lastBit & 7;
    if (first == last) return inByte(first, from, to);
    if (int64_t found = inByte(first, from, 7); found >= 0) return found;
    uint64_t i = first + 1;
    for (; i + 8 <= last; i += 8)
        if (uint64_t hits = loadWord(bytes.data() + i) ^ flip)
            return static_cast<int64_t>(i * 8 + std::countl_zero(hits));
    for (; i < last; ++i)
        if (int64_t found = inByte(i, 0, 7); found >= 0) return found;
    return inByte(last, 0, to);
}

std::string combine(BitOp op, const std::vector<std::string_view> &sources)
{
    size_t length = 0;
    for (std::string_view source : sources)
        length = std::max(length, source.size());
    std::string result(sources.front());
    result.resize(length, '\0');
    if (op == BitOp::Not) {
        for (char &c : result)
            c = static_cast<char>(~c);
        return result;
    }
    for (size_t s = 1; s < sources.size(); ++s) {
        std::string_view source = sources[s];
        size_t i = 0;
        switch (op) {
        case BitOp::And:
            for (; i < source.size(); ++i)
                result[i] &= source[i];
            std::memset(result.data() + i, 0, length - i); // padding bytes are zero
            break;
        case BitOp::Or:
            for (; i < source.size(); ++i)
                result[i] |= source[i];
            break;
        case BitOp::Xor:
            for (; i < source.size(); ++i)
                result[i] ^= source[i];
            break;
        case BitOp::Not:
            break;
        }
    }
    return result;
}

uint64_t readField(std::string_view bytes, uint64_t offset, unsigned bits)
{
    uint64_t value = 0;
    for (unsigned i = 0; i < bits; ++i) {
        uint64_t position = offset + i, index = position >> 3;
        unsigned bit =
            index < bytes.size() ? (byteAt(bytes, index) >> (7 - (position & 7))) & 1 : 0;
        value = (value << 1) | bit;
    }
    return value;
}

int64_t readSignedField(std::string_view bytes, uint64_t offset, unsigned bits)
{
    uint64_t value = readField(bytes, offset, bits);
    if (bits < 64 && (value >> (bits - 1)) & 1) value |= ~uint64_t(0) << bits; // sign-extend
    return static_cast<int64_t>(value);
}

void writeField(std::string &bytes, uint64_t offset, unsigned bits, uint64_t value)
{
    for (unsigned i = 0; i < bits; ++i) {
        uint64_t position = offset + i;
        auto &byte = reinterpret_cast<uint8_t &>(bytes[static_cast<size_t>(position >> 3)]);
        uint8_t mask = static_cast<uint8_t>(0x80u >> (position & 7));
        if ((value >> (bits - 1 - i)) & 1)
            byte |= mask;
        else
            byte &= static_cast<uint8_t>(~mask);
    }
}

bool fitField(__int128 value, unsigned bits, bool isSigned, Overflow policy, int64_t *out)
{
    const __int128 max = isSigned ? (__int128(1) << (bits - 1)) - 1 : (__int128(1) << bits) - 1;
    const __int128 min = isSigned ? -max - 1 : 0;
    if (value >= min && value <= max) {
        *out = static_cast<int64_t>(value);
        return true;
    }
    switch (policy) {
    case Overflow::Fail:
        return false;
    case Overflow::Sat:
        *out = static_cast<int64_t>(value > max ? max : min);
        return true;
    case Overflow::Wrap:
        break;
    }
    // Keep the low `bits` bits; a signed field sign-extends its top bit.
    uint64_t low = static_cast<uint64_t>(value);
    if (bits < 64) {
        const uint64_t high = ~uint64_t(0) << bits;
        bool negative = isSigned && ((low >> (bits - 1)) & 1);
        low = negative ? (low | high) : (low & ~high);
    }
    *out = static_cast<int64_t>(low);
    return true;
}

} // namespace redscope::engine::bitmap
