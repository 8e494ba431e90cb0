// ZsetSkiplist: the big representation of a sorted set (SortedSet, zset.h, switches to it past
// the packed limits, as Redis's zsets leave their listpack). Members are unique byte strings
// ordered by (score, then member bytes compared as unsigned, shorter first on a common
// prefix), exactly the order Redis clients see.
//
// Two structures hold each member:
// - a skiplist (Pugh's probabilistic balanced list, p = 1/4, at most 32 levels) ordered by
//   (score, member). Every forward link also stores its span, the number of level-0 steps
//   it skips, so walking down the levels both finds a position and counts the rank on the
//   way: rank, element-at-rank and range starts are O(log N), a range of M elements costs
//   O(log N + M), a backward pointer per node gives reverse ranges;
// - a Dict from member to skiplist node for O(1) ZSCORE, membership and updates.
// The member bytes are stored once, in the Dict entry; the node points at that entry (Dict
// entries never move, see dict.h). A node does not store its height either: the levels that
// link to it tell (unlink() counts them), as they must be walked to unlink it anyway. Memory
// per member (x86-64): the Dict entry (17 bytes + the member, 8-16 bytes of buckets) plus a
// node of 24 bytes + 16 per level (4/3 levels on average, so ~45 bytes): ~90 bytes for a
// 12-byte member before allocator rounding.
//
// Lex ranges (ZRANGEBYLEX and friends) compare members only and, as in Redis, are meaningful
// only when all members share one score; with mixed scores the result is well defined but
// not useful.
//
// Callbacks passed to the for*() functions must not modify the set. Scores must not be NaN:
// the command layer rejects NaN (and produces it only from inf - inf, which ZINCRBY refuses).
#pragma once

#include "storage/dict.h"

#include <cstddef>
#include <cstdint>
#include <new>
#include <optional>
#include <random>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace redscope::engine {

// [min, max] by score, either end optionally exclusive ("(1.5" in Redis syntax);
// +/-infinity for open ends.
struct ZsetScoreRange
{
    double min = 0;
    double max = 0;
    bool minExclusive = false;
    bool maxExclusive = false;
};

// One end of a lex range: "-", "+", "[value" or "(value".
struct ZsetLexBound
{
    enum Kind { NegInf, PosInf, Inclusive, Exclusive };
    Kind kind = NegInf;
    std::string value;

    static bool parse(std::string_view text, ZsetLexBound *out);
};

inline bool zsetScoreAboveMin(double score, const ZsetScoreRange &r)
{
    return r.minExclusive ? score > r.min : score >= r.min;
}
inline bool zsetScoreBelowMax(double score, const ZsetScoreRange &r)
{
    return r.maxExclusive ? score < r.max : score <= r.max;
}
bool zsetLexAboveMin(std::string_view member, const ZsetLexBound &min);
bool zsetLexBelowMax(std::string_view member, const ZsetLexBound &max);
// Ranges that no element can be in (min above max, or equal with an exclusive end).
bool zsetScoreRangeIsEmpty(const ZsetScoreRange &r);
bool zsetLexRangeIsEmpty(const ZsetLexBound &min, const ZsetLexBound &max);

class ZsetSkiplist
{
public:
    enum class AddResult { Added, Updated, Unchanged };
    using ScoreRange = ZsetScoreRange;
    using LexBound = ZsetLexBound;
    using Popped = std::vector<std::pair<std::string, double>>;

    static constexpr int kMaxLevel = 32;

    ZsetSkiplist() = default;
    ~ZsetSkiplist();
    ZsetSkiplist(const ZsetSkiplist &) = delete;
    ZsetSkiplist &operator=(const ZsetSkiplist &) = delete;
    ZsetSkiplist(ZsetSkiplist &&other) noexcept;
    ZsetSkiplist &operator=(ZsetSkiplist &&other) noexcept;

    size_t size() const { return m_length; }
    bool empty() const { return m_length == 0; }

    std::optional<double> score(std::string_view member) const;
    // Adds member or sets its score. The node is moved only when the new score takes it out
    // of its place between its neighbours.
    AddResult add(std::string_view member, double score);
    bool remove(std::string_view member);

    // Ranks are 0-based; reverse counts from the highest score.
    std::optional<size_t> rank(std::string_view member, bool reverse = false) const;
    // The element at a rank, O(log N). The view is valid until the set is modified.
    std::optional<std::pair<std::string_view, double>> at(size_t rank, bool reverse = false) const;
    template <typename Rng>
    std::optional<std::pair<std::string_view, double>> randomMember(Rng &rng) const
    {
        if (m_length == 0) return std::nullopt;
        return at(std::uniform_int_distribution<size_t>(0, m_length - 1)(rng));
    }

    // Ranks start..end inclusive (end is clamped to the last rank), in reverse order from the
    // highest score when reverse is set. fn(std::string_view member, double score).
    template <typename F> void forRange(size_t start, size_t end, bool reverse, F &&fn) const
    {
        if (start >= m_length || start > end) return;
        if (end >= m_length) end = m_length - 1;
        const Node *x = nodeByRank(reverse ? m_length - 1 - start : start);
        for (size_t count = end - start + 1; count > 0 && x; --count) {
            fn(x->member(), x->score);
            x = reverse ? x->backward : x->levels()[0].forward;
        }
    }

    // ZSCAN: a cursor walk over the member index with Dict::scan's guarantees (every member
    // present for the whole walk is seen at least once). fn(std::string_view, double).
    template <typename F> uint64_t scan(uint64_t cursor, F &&fn)
    {
        return m_dict.scan(
            cursor, [&fn](std::string_view member, Node *&node) { fn(member, node->score); });
    }

    size_t countInScoreRange(const ScoreRange &range) const;
    // Elements in range, from the lowest (highest when reverse), skipping `offset` of them
    // (O(log N), not O(offset)) and stopping after `limit` (negative: no limit).
    template <typename F>
    void forScoreRange(const ScoreRange &range, bool reverse, size_t offset, int64_t limit,
                       F &&fn) const
    {
        size_t rank = 0;
        const Node *x = reverse ? lastInScoreRange(range, &rank) : firstInScoreRange(range, &rank);
        walk(x, rank, reverse, offset, limit, fn, [&range, reverse](const Node *n) {
            return reverse ? zsetScoreAboveMin(n->score, range) : zsetScoreBelowMax(n->score, range);
        });
    }

    size_t countInLexRange(const LexBound &min, const LexBound &max) const;
    template <typename F>
    void forLexRange(const LexBound &min, const LexBound &max, bool reverse, size_t offset,
                     int64_t limit, F &&fn) const
    {
        size_t rank = 0;
        const Node *x =
            reverse ? lastInLexRange(min, max, &rank) : firstInLexRange(min, max, &rank);
        walk(x, rank, reverse, offset, limit, fn, [&min, &max, reverse](const Node *n) {
            return reverse ? zsetLexAboveMin(n->member(), min) : zsetLexBelowMax(n->member(), max);
        });
    }

    // Each returns how many members it removed. Rank bounds as in forRange.
    size_t removeRangeByRank(size_t start, size_t end);
    size_t removeRangeByScore(const ScoreRange &range);
    size_t removeRangeByLex(const LexBound &min, const LexBound &max);

    // Up to count members with the lowest (highest) scores, in pop order.
    Popped popMin(size_t count);
    Popped popMax(size_t count);

    // Bytes held by the set's structures and member strings, without allocator rounding.
    size_t memoryUsage() const;

private:
    struct Node;
    struct Level
    {
        Node *forward = nullptr;
        size_t span = 0; // level-0 steps this link skips; to the list's end when forward is null
    };
    using MemberEntry = Dict<Node *>::Entry;
    // Allocated with room for its height's Levels right after it (see createNode).
    struct Node
    {
        const MemberEntry *entry = nullptr; // the Dict entry holding the member; null in the header
        double score = 0;
        Node *backward = nullptr; // null for the first node

        std::string_view member() const { return entry->key(); }

        Level *levels() { return std::launder(reinterpret_cast<Level *>(this + 1)); }
        const Level *levels() const
        {
            return std::launder(reinterpret_cast<const Level *>(this + 1));
        }
    };
    struct ScorePredicate;
    struct LexPredicate;

    template <typename F, typename Continue>
    void walk(const Node *x, size_t rank, bool reverse, size_t offset, int64_t limit, F &fn,
              Continue inRange) const
    {
        if (!x) return;
        if (offset > 0) {
            if (reverse ? offset > rank : offset >= m_length - rank) return;
            x = nodeByRank(reverse ? rank - offset : rank + offset);
        }
        for (; x && limit != 0 && inRange(x); x = reverse ? x->backward : x->levels()[0].forward) {
            fn(x->member(), x->score);
            if (limit > 0) --limit;
        }
    }

    static Node *createNode(uint32_t height);
    static void destroyNode(Node *x);
    static int randomHeight();

    const Node *nodeByRank(size_t rank) const;
    const Node *firstInScoreRange(const ScoreRange &range, size_t *rank) const;
    const Node *lastInScoreRange(const ScoreRange &range, size_t *rank) const;
    const Node *firstInLexRange(const LexBound &min, const LexBound &max, size_t *rank) const;
    const Node *lastInLexRange(const LexBound &min, const LexBound &max, size_t *rank) const;
    template <typename P> const Node *firstInRange(const P &p, size_t *rank) const;
    template <typename P> const Node *lastInRange(const P &p, size_t *rank) const;
    template <typename P> size_t removeRange(const P &p);

    void findPredecessors(double score, std::string_view member, Node **update) const;
    void link(Node *x, int height);
    // Returns x's height: the number of levels on which it was linked.
    int unlink(Node *x, Node **update);
    void erase(Node *x, Node **update); // unlink, drop from the Dict, free
    void freeAll();

    Dict<Node *> m_dict;
    Node *m_header = nullptr; // allocated with the first member; null in an empty set
    Node *m_tail = nullptr;
    size_t m_length = 0;
    int m_level = 1;         // levels in use
    size_t m_levelSlots = 0; // sum of node heights, for memoryUsage()
};

} // namespace redscope::engine
