// SortedSet: the value of a Redis sorted set (ZADD, ZRANGE, ZRANK, ZPOPMIN, ...). Members are
// unique byte strings ordered by (score, then member bytes compared as unsigned, shorter
// first on a common prefix), exactly the order Redis clients see.
//
// Two representations, as in Redis 7.0 (OBJECT ENCODING names them the same way):
// - "listpack": ZsetPacked (zset_packed.h), the pairs in one block, while the set has at most
//   zset-max-listpack-entries members of at most zset-max-listpack-value bytes (ZsetLimits);
// - "skiplist": ZsetSkiplist (zset_skiplist.h), a skiplist plus a member index, allocated the
//   first time an add passes a limit and kept from then on (a set never packs again when it
//   shrinks, as in Redis; packIfSmall() is the explicit exception Redis also makes for stored
//   ZUNIONSTORE/ZINTERSTORE/ZDIFFSTORE results and loaded files).
// The object itself is the block pointer and the skiplist pointer (16 bytes, held inside
// Value), so a small set costs its block and nothing else: 100k rankings of ten members take
// what they take in Redis rather than 9x.
//
// Every operation branches on the representation here, so the command layer has none. The
// packed form has no -0 (see zset_packed.h): an add to a packed set stores 0, as Redis's
// listpack does, while a skiplist keeps -0.
//
// Callbacks passed to the for*() functions must not modify the set. Scores must not be NaN:
// the command layer rejects NaN (and produces it only from inf - inf, which ZINCRBY refuses).
#pragma once

#include "storage/zset_packed.h"
#include "storage/zset_skiplist.h"

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace redscope::engine {

// zset-max-listpack-entries / zset-max-listpack-value (Redis's defaults).
struct ZsetLimits
{
    size_t maxEntries = 128;
    size_t maxValue = 64;
};

class SortedSet
{
public:
    using AddResult = ZsetSkiplist::AddResult;
    using ScoreRange = ZsetScoreRange;
    using LexBound = ZsetLexBound;
    using Popped = std::vector<std::pair<std::string, double>>;

    // A packed block never grows past this (Redis's listpack safety limit, 1 GiB): an add
    // that would pass it converts the set, whatever zset-max-listpack-value allows. It also
    // keeps the block far from PackedEntries' 32-bit sizes.
    static constexpr size_t kMaxPackedBytes = size_t{1} << 30;

    SortedSet() = default;
    SortedSet(const SortedSet &) = delete;
    SortedSet &operator=(const SortedSet &) = delete;
    SortedSet(SortedSet &&other) noexcept = default;
    SortedSet &operator=(SortedSet &&other) noexcept = default;
    ~SortedSet();

    // A copy in the same representation (COPY keeps the encoding, as in Redis).
    SortedSet clone() const;

    size_t size() const { return m_skiplist ? m_skiplist->size() : m_packed.size(); }
    bool empty() const { return size() == 0; }

    bool isPacked() const { return !m_skiplist; }
    const char *encodingName() const { return isPacked() ? "listpack" : "skiplist"; }
    // Moves to the skiplist for good (an add past the limits does it by itself).
    void convertToSkiplist();
    // Moves a skiplist back to the packed form when it fits the limits, as Redis does for a
    // stored ZUNIONSTORE/ZINTERSTORE/ZDIFFSTORE result and a loaded plain zset (-0 scores
    // become 0).
    void packIfSmall(const ZsetLimits &limits);
    // Builds a set from pairs sorted by (score, member) with unique members: packed when
    // `packed`, else a skiplist (the RDB loader decides, as Redis does per encoding).
    static SortedSet fromSorted(const std::vector<std::pair<std::string, double>> &pairs,
                                bool packed);

    std::optional<double> score(std::string_view member) const;
    // Adds member or sets its score. A packed set moves to the skiplist first when the new
    // member would pass `limits`.
    AddResult add(std::string_view member, double score, const ZsetLimits &limits = {});
    bool remove(std::string_view member);

    // Ranks are 0-based; reverse counts from the highest score.
    std::optional<size_t> rank(std::string_view member, bool reverse = false) const;
    // The element at a rank. The view is valid until the set is modified.
    std::optional<std::pair<std::string_view, double>> at(size_t rank, bool reverse = false) const;
    template <typename Rng>
    std::optional<std::pair<std::string_view, double>> randomMember(Rng &rng) const
    {
        if (empty()) return std::nullopt;
        return at(std::uniform_int_distribution<size_t>(0, size() - 1)(rng));
    }

    // Ranks start..end inclusive (end is clamped to the last rank), in reverse order from the
    // highest score when reverse is set. fn(std::string_view member, double score).
    template <typename F> void forRange(size_t start, size_t end, bool reverse, F &&fn) const
    {
        if (m_skiplist) return m_skiplist->forRange(start, end, reverse, fn);
        const size_t length = m_packed.size();
        if (start >= length || start > end) return;
        m_packed.forRanks(start, std::min(end, length - 1), reverse, fn);
    }
    // Every element in order.
    template <typename F> void forEach(F &&fn) const
    {
        if (m_skiplist) {
            if (!m_skiplist->empty()) m_skiplist->forRange(0, m_skiplist->size() - 1, false, fn);
            return;
        }
        m_packed.forEach(fn);
    }

    // ZSCAN: a cursor walk with Dict::scan's guarantees (every member present for the whole
    // walk is seen at least once); a packed set is reported whole with cursor 0, as Redis
    // does for a listpack. fn(std::string_view, double).
    template <typename F> uint64_t scan(uint64_t cursor, F &&fn)
    {
        if (m_skiplist) return m_skiplist->scan(cursor, fn);
        m_packed.forEach(fn);
        return 0;
    }

    size_t countInScoreRange(const ScoreRange &range) const;
    // Elements in range, from the lowest (highest when reverse), skipping `offset` of them
    // and stopping after `limit` (negative: no limit).
    template <typename F>
    void forScoreRange(const ScoreRange &range, bool reverse, size_t offset, int64_t limit,
                       F &&fn) const
    {
        if (m_skiplist) return m_skiplist->forScoreRange(range, reverse, offset, limit, fn);
        if (zsetScoreRangeIsEmpty(range)) return;
        m_packed.walkRange(
            [&range](const ZsetPacked::Pair &p) { return zsetScoreAboveMin(p.score, range); },
            [&range](const ZsetPacked::Pair &p) { return zsetScoreBelowMax(p.score, range); },
            reverse, offset, limit, fn);
    }

    size_t countInLexRange(const LexBound &min, const LexBound &max) const;
    template <typename F>
    void forLexRange(const LexBound &min, const LexBound &max, bool reverse, size_t offset,
                     int64_t limit, F &&fn) const
    {
        if (m_skiplist) return m_skiplist->forLexRange(min, max, reverse, offset, limit, fn);
        if (zsetLexRangeIsEmpty(min, max) || !packedLexRangeReachable(min, max)) return;
        m_packed.walkRange(
            [&min](const ZsetPacked::Pair &p) { return zsetLexAboveMin(p.member, min); },
            [&max](const ZsetPacked::Pair &p) { return zsetLexBelowMax(p.member, max); }, reverse,
            offset, limit, fn);
    }

    // Each returns how many members it removed. Rank bounds as in forRange.
    size_t removeRangeByRank(size_t start, size_t end);
    size_t removeRangeByScore(const ScoreRange &range);
    size_t removeRangeByLex(const LexBound &min, const LexBound &max);

    // Up to count members with the lowest (highest) scores, in pop order.
    Popped popMin(size_t count);
    Popped popMax(size_t count);

    // Bytes held beyond the object itself (the block, or the skiplist and its index), with
    // allocator rounding for the block.
    size_t memoryUsage() const;

private:
    // Redis's zzlIsInLexRange: the last member must reach min and the first max, else the
    // range is empty. With mixed scores (lex order undefined) this decides the answer.
    bool packedLexRangeReachable(const LexBound &min, const LexBound &max) const;

    ZsetPacked m_packed;                      // empty once m_skiplist exists
    std::unique_ptr<ZsetSkiplist> m_skiplist; // null while packed
};

} // namespace redscope::engine
