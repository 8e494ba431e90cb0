// Bit-level operations on string values, for the bitmap commands (bitmap_commands.cpp).
// Bits are numbered as Redis numbers them: bit 0 is the most significant bit of byte 0, so a
// bitmap reads left to right in the string. Counting and searching work on 64-bit words
// (loaded big-endian, so bit order matches the string's) with only the partial bytes at
// either end of a range handled one at a time: BITCOUNT and BITPOS over a 512 MB string do
// 64M popcounts, not 4G bit tests.
//
// BITFIELD integers are read and written one bit at a time: fields are at most 64 bits wide,
// so the simple loop costs less than the shifting a word-wise version would need.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine::bitmap {

// Set bits in the bit range [firstBit, lastBit] (inclusive; lastBit < 8 * bytes.size()).
uint64_t countOnes(std::string_view bytes, uint64_t firstBit, uint64_t lastBit);

// Position of the first bit equal to `bit` in [firstBit, lastBit], or -1.
int64_t findBit(std::string_view bytes, bool bit, uint64_t firstBit, uint64_t lastBit);

enum class BitOp { And, Or, Xor, Not };

// BITOP's result: as long as the longest source, shorter sources padded with zero bytes.
// NOT takes exactly one source.
std::string combine(BitOp op, const std::vector<std::string_view> &sources);

// A BITFIELD field: `bits` wide (1..64 signed, 1..63 unsigned) at bit `offset`. Bits past
// the end of the string read as zero; writeField expects the string already long enough.
uint64_t readField(std::string_view bytes, uint64_t offset, unsigned bits);
int64_t readSignedField(std::string_view bytes, uint64_t offset, unsigned bits);
void writeField(std::string &bytes, uint64_t offset, unsigned bits, uint64_t value);

enum class Overflow { Wrap, Sat, Fail };

// The value a field of `bits` (signed or not) gets for the exact result `value`, under the
// overflow policy. Returns false when the result does not fit and the policy is Fail.
// Unsigned SET passes the argument reinterpreted as unsigned (so -1 is 2^64-1, too big),
// as Redis does.
bool fitField(__int128 value, unsigned bits, bool isSigned, Overflow policy, int64_t *out);

} // namespace redscope::engine::bitmap
