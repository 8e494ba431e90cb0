// ZsetPacked: the small representation of a sorted set (SortedSet, zset.h, holds one while
// the set is within zset-max-listpack-entries / -value, as Redis holds a listpack). The
// pairs live in one PackedEntries block, member then score, sorted by (score, member) like
// the skiplist; every operation is a linear walk, which at <= 128 short entries costs less
// than a hash and a pointer chase and saves ~100 bytes per member.
//
// Score encoding (one PackedEntries entry, its length says which form):
// - 0 bytes: 0.0;
// - 1..7 bytes: an integral score as a little-endian two's-complement integer (|score| <=
//   2^53, so every such double is exact), in as few bytes as hold it;
// - 8 bytes: the IEEE-754 bits of any other score (fractions, huge values, infinities).
// Measured on the benchmark's rankings (ten members, scores 0..96): 2 bytes per score, the
// 10-member block fits 96 data bytes (a 128-byte malloc chunk); the raw 8-byte double for
// every score would take 9 bytes each (a 192-byte chunk), and the shortest decimal text would
// take as many bytes as the integer form or more while costing a strtod per comparison. A
// binary form also decodes with no parsing, which the walks do once per pair.
//
// Like Redis's listpack, which stores integral scores as integers, the packed form has no
// -0: it is stored (and reads back) as 0 (normalize()).
//
// Range walks follow Redis's listpack semantics: a forward range starts at the first pair
// past the lower bound and stops at the first pair beyond the upper one (a reverse range
// mirrors that from the tail), so even lex ranges over mixed scores answer as Redis does.
// Reverse walks first collect the pair offsets (the block has no backward links).
#pragma once

#include "storage/packed_entries.h"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace redscope::engine {

class ZsetPacked
{
public:
    static constexpr size_t npos = PackedEntries::npos;

    struct Pair
    {
        std::string_view member;
        double score = 0;
    };

    size_t size() const { return m_entries.count() / 2; }
    bool empty() const { return m_entries.empty(); }
    size_t allocatedBytes() const { return m_entries.allocatedBytes(); }
    // Byte offsets of pairs (the member entry's offset); end() is one past the last pair.
    size_t end() const { return m_entries.bytes(); }

    static double normalize(double score) { return score + 0.0; } // -0 -> 0
    // The encoded form of a score (at most 8 bytes, see the file comment).
    static std::string_view encodeScore(double score, char (&buffer)[8]);
    static double decodeScore(std::string_view entry);

    // The pair at `offset`; *next gets the next pair's offset.
    Pair pairAt(size_t offset, size_t *next) const
    {
        Pair pair;
        size_t scoreAt;
        pair.member = m_entries.read(offset, &scoreAt);
        pair.score = decodeScore(m_entries.read(scoreAt, next));
        return pair;
    }
    size_t offsetOfRank(size_t rank) const { return m_entries.skip(0, 2 * rank); }
    // Offset of member's pair (npos if absent); *score gets its score.
    size_t find(std::string_view member, double *score = nullptr) const;

    // Inserts a member that is not in the set at its place in the order.
    void insert(std::string_view member, double score);
    // Appends a pair that sorts after every pair in the set (loading sorted data).
    void append(std::string_view member, double score);
    // Gives the pair at `offset` (member's, from find()) a new score, moving it if needed.
    void update(size_t offset, std::string_view member, double score);
    // Removes `count` pairs starting at `offset`.
    void erase(size_t offset, size_t count) { m_entries.erase(offset, 2 * count); }
    void clear() { m_entries.clear(); }

    std::optional<size_t> rank(std::string_view member) const;

    // Offsets of every pair, in order (for reverse walks).
    std::vector<size_t> pairOffsets() const;

    template <typename F> void forEach(F &&fn) const
    {
        for (size_t at = 0, stop = end(); at < stop;) {
            Pair pair = pairAt(at, &at);
            fn(pair.member, pair.score);
        }
    }

    // Forward ranks start..end (end < size()), or the same ranks counted from the tail.
    template <typename F> void forRanks(size_t start, size_t end, bool reverse, F &&fn) const
    {
        if (!reverse) {
            size_t at = offsetOfRank(start);
            for (size_t count = end - start + 1; count > 0; --count) {
                Pair pair = pairAt(at, &at);
                fn(pair.member, pair.score);
            }
            return;
        }
        const std::vector<size_t> offsets = pairOffsets();
        const size_t last = offsets.size() - 1;
        for (size_t rank = start; rank <= end; ++rank) {
            size_t next;
            Pair pair = pairAt(offsets[last - rank], &next);
            fn(pair.member, pair.score);
        }
    }

    // A range given by two predicates on a Pair, walked as the file comment says: skip
    // `offset` pairs from its first one, then report up to `limit` (negative: all).
    template <typename Above, typename Below, typename F>
    void walkRange(const Above &aboveMin, const Below &belowMax, bool reverse, size_t offset,
                   int64_t limit, F &fn) const
    {
        size_t next;
        if (!reverse) {
            size_t at = firstAbove(aboveMin);
            if (at == end() || !belowMax(pairAt(at, &next))) return;
            at = m_entries.skip(at, 2 * offset);
            for (size_t stop = end(); at < stop && limit != 0; at = next) {
                Pair pair = pairAt(at, &next);
                if (!belowMax(pair)) break;
                fn(pair.member, pair.score);
                if (limit > 0) --limit;
            }
            return;
        }
        const std::vector<size_t> offsets = pairOffsets();
        size_t i = offsets.size();
        while (i > 0 && !belowMax(pairAt(offsets[i - 1], &next)))
            --i;
        if (i == 0 || !aboveMin(pairAt(offsets[i - 1], &next)) || offset >= i) return;
        for (i -= offset; i > 0 && limit != 0; --i) {
            Pair pair = pairAt(offsets[i - 1], &next);
            if (!aboveMin(pair)) break;
            fn(pair.member, pair.score);
            if (limit > 0) --limit;
        }
    }

    // Removes the range's pairs (the forward walk's), returns how many.
    template <typename Above, typename Below>
    size_t removeRange(const Above &aboveMin, const Below &belowMax)
    {
        const size_t first = firstAbove(aboveMin);
        size_t removed = 0;
        for (size_t at = first, next, stop = end(); at < stop; at = next, ++removed)
            if (!belowMax(pairAt(at, &next))) break;
        if (removed > 0) erase(first, removed);
        return removed;
    }

private:
    template <typename Above> size_t firstAbove(const Above &aboveMin) const
    {
        size_t at = 0, next;
        for (size_t stop = end(); at < stop; at = next)
            if (aboveMin(pairAt(at, &next))) break;
        return at;
    }
    // Offset of the first pair ordered after (score, member).
    size_t insertionPoint(double score, std::string_view member) const;

    PackedEntries m_entries;
};

} // namespace redscope::engine
