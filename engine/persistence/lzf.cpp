// LZF compressor and decompressor (format in lzf.h). The compressor is the classic greedy
// LZ77 over a hash of the next three bytes: one table slot per hash remembers the last
// position that had it, so a match costs one probe and one comparison. That finds fewer
// matches than a chained search but runs at memory speed, which is the point for a save
// that must not stall: RDB strings are compressed on the hot path of SAVE and BGSAVE.
#include "persistence/lzf.h"

#include <cstdint>
#include <cstring>
#include <vector>

namespace redscope::engine {

namespace {

constexpr size_t kHashBits = 14;
constexpr size_t kMaxLiteral = 32;
constexpr size_t kMaxOffset = 1 << 13;
constexpr size_t kMaxRef = 264; // 7 + 255 + 2

inline uint32_t hash3(const unsigned char *p)
{
    const uint32_t v = (uint32_t{p[0]} << 16) | (uint32_t{p[1]} << 8) | p[2];
    return (v * 2654435761u) >> (32 - kHashBits);
}

} // namespace

bool lzfCompress(std::string_view input, size_t maxOutput, std::string *out)
{
    const auto *in = reinterpret_cast<const unsigned char *>(input.data());
    const size_t n = input.size();
    out->clear();
    if (n == 0 || maxOutput == 0) return false;
    out->reserve(maxOutput + 3);
    thread_local std::vector<uint32_t> table;
    table.assign(size_t{1} << kHashBits, UINT32_MAX);

    size_t literalStart = 0; // first byte of the pending literal run
    auto flushLiterals = [&](size_t end) {
        while (literalStart < end) {
            const size_t run = std::min(kMaxLiteral, end - literalStart);
            out->push_back(static_cast<char>(run - 1));
            out->append(reinterpret_cast<const char *>(in + literalStart), run);
            literalStart += run;
        }
    };

    size_t i = 0;
    while (i + 2 < n) {
        const uint32_t h = hash3(in + i);
        const uint32_t ref = table[h];
        table[h] = static_cast<uint32_t>(i);
        if (ref != UINT32_MAX && i - ref <= kMaxOffset && in[ref] == in[i] &&
            in[ref + 1] == in[i + 1] && in[ref + 2] == in[i + 2]) {
            size_t len = 3;
            const size_t maxLen = std::min(kMaxRef, n - i);
            while (len < maxLen && in[ref + len] == in[i + len])
                ++len;
            flushLiterals(i);
            const size_t offset = i - ref - 1;
            const size_t code = len - 2;
            if (code < 7) {
                out->push_back(static_cast<char>((code << 5) | (offset >> 8)));
            } else {
                out->push_back(static_cast<char>((7 << 5) | (offset >> 8)));
                out->push_back(static_cast<char>(code - 7));
            }
            out->push_back(static_cast<char>(offset & 0xff));
            // Remember the positions inside the match too (cheap, improves later matches).
            for (size_t k = i + 1; k < i + len && k + 2 < n; ++k)
                table[hash3(in + k)] = static_cast<uint32_t>(k);
            i += len;
            literalStart = i;
        } else {
            ++i;
        }
        if (out->size() >= maxOutput) return false;
    }
    flushLiterals(n);
    return out->size() < maxOutput;
}

bool lzfDecompress(std::string_view input, size_t expectedLength, std::string *out)
{
    const auto *in = reinterpret_cast<const unsigned char *>(input.data());
    const size_t n = input.size();
    out->assign(expectedLength, '\0');
    auto *dst = reinterpret_cast<unsigned char *>(out->data());
    size_t ip = 0;
    size_t op = 0;
    while (ip < n) {
        const unsigned ctrl = in[ip++];
        if (ctrl < 32) {
            const size_t run = ctrl + 1;
            if (ip + run > n || op + run > expectedLength) return false;
            std::memcpy(dst + op, in + ip, run);
            ip += run;
            op += run;
            continue;
        }
        size_t len = ctrl >> 5;
        if (len == 7) {
            if (ip >= n) return false;
            len += in[ip++];
        }
        len += 2;
        if (ip >= n) return false;
        const size_t back = ((ctrl & 0x1f) << 8) + in[ip++] + 1;
        if (back > op || op + len > expectedLength) return false;
        // Byte by byte: the source may overlap the bytes being written (runs).
        for (size_t k = 0; k < len; ++k, ++op)
            dst[op] = dst[op - back];
    }
    return op == expectedLength;
}

} // namespace redscope::engine
