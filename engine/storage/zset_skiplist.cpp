// ZsetSkiplist: insertion, deletion and the rank/range searches, and the range bounds shared
// with the packed representation. The design, and why the member bytes live in the Dict
// rather than in the node, is described in zset_skiplist.h.
//
// Every search walks from the header's highest level down, advancing on a level while the
// next node is still before the target, and records the last node visited on each level
// (update[]) and the level-0 steps taken (from the spans). Insertion and deletion then only
// patch the links and spans of those update[] nodes: O(log N) expected, no rebalancing.
#include "storage/zset_skiplist.h"

#include <algorithm>
#include <bit>
#include <cassert>
#include <cmath>

namespace redscope::engine {

namespace {

// (s1, m1) < (s2, m2) in sorted-set order. std::string_view compares bytes as unsigned char.
bool lessThan(double s1, std::string_view m1, double s2, std::string_view m2)
{
    return s1 < s2 || (s1 == s2 && m1 < m2);
}

} // namespace

bool zsetLexRangeIsEmpty(const ZsetLexBound &min, const ZsetLexBound &max)
{
    using LB = ZsetLexBound;
    if (min.kind == LB::PosInf || max.kind == LB::NegInf) return true;
    if (min.kind == LB::NegInf || max.kind == LB::PosInf) return false;
    const int c = std::string_view(min.value).compare(max.value);
    return c > 0 || (c == 0 && (min.kind == LB::Exclusive || max.kind == LB::Exclusive));
}

bool zsetScoreRangeIsEmpty(const ZsetScoreRange &r)
{
    return r.min > r.max || (r.min == r.max && (r.minExclusive || r.maxExclusive));
}

// The two kinds of range share one search: each says whether a node is past the lower end
// and not past the upper end. Both tests are monotonic along the list.
struct ZsetSkiplist::ScorePredicate
{
    const ScoreRange &range;
    bool empty() const { return zsetScoreRangeIsEmpty(range); }
    bool aboveMin(const Node *x) const { return zsetScoreAboveMin(x->score, range); }
    bool belowMax(const Node *x) const { return zsetScoreBelowMax(x->score, range); }
};

struct ZsetSkiplist::LexPredicate
{
    const LexBound &min;
    const LexBound &max;
    bool empty() const { return zsetLexRangeIsEmpty(min, max); }
    bool aboveMin(const Node *x) const { return zsetLexAboveMin(x->member(), min); }
    bool belowMax(const Node *x) const { return zsetLexBelowMax(x->member(), max); }
};

bool ZsetLexBound::parse(std::string_view text, ZsetLexBound *out)
{
    if (text.empty()) return false;
    switch (text[0]) {
    case '-':
    case '+':
        if (text.size() != 1) return false;
        out->kind = text[0] == '-' ? NegInf : PosInf;
        out->value.clear();
        return true;
    case '[':
    case '(':
        out->kind = text[0] == '[' ? Inclusive : Exclusive;
        out->value.assign(text.substr(1));
        return true;
    default:
        return false;
    }
}

bool zsetLexAboveMin(std::string_view member, const ZsetLexBound &min)
{
    switch (min.kind) {
    case ZsetLexBound::NegInf:
        return true;
    case ZsetLexBound::PosInf:
        return false;
    case ZsetLexBound::Inclusive:
        return member >= std::string_view(min.value);
    case ZsetLexBound::Exclusive:
        return member > std::string_view(min.value);
    }
    return false;
}

bool zsetLexBelowMax(std::string_view member, const ZsetLexBound &max)
{
    switch (max.kind) {
    case ZsetLexBound::NegInf:
        return false;
    case ZsetLexBound::PosInf:
        return true;
    case ZsetLexBound::Inclusive:
        return member <= std::string_view(max.value);
    case ZsetLexBound::Exclusive:
        return member < std::string_view(max.value);
    }
    return false;
}

ZsetSkiplist::~ZsetSkiplist()
{
    freeAll();
}

ZsetSkiplist::ZsetSkiplist(ZsetSkiplist &&other) noexcept
    : m_dict(std::move(other.m_dict))
    , m_header(std::exchange(other.m_header, nullptr))
    , m_tail(std::exchange(other.m_tail, nullptr))
    , m_length(std::exchange(other.m_length, 0))
    , m_level(std::exchange(other.m_level, 1))
    , m_levelSlots(std::exchange(other.m_levelSlots, 0))
{
}

ZsetSkiplist &ZsetSkiplist::operator=(ZsetSkiplist &&other) noexcept
{
    if (this != &other) {
        freeAll();
        m_dict = std::move(other.m_dict);
        m_header = std::exchange(other.m_header, nullptr);
        m_tail = std::exchange(other.m_tail, nullptr);
        m_length = std::exchange(other.m_length, 0);
        m_level = std::exchange(other.m_level, 1);
        m_levelSlots = std::exchange(other.m_levelSlots, 0);
    }
    return *this;
}

void ZsetSkiplist::freeAll()
{
    if (m_header) {
        for (Node *x = m_header->levels()[0].forward; x;) {
            Node *next = x->levels()[0].forward;
            destroyNode(x);
            x = next;
        }
        destroyNode(m_header);
    }
    m_header = nullptr;
    m_tail = nullptr;
    m_length = 0;
    m_level = 1;
    m_levelSlots = 0;
    m_dict.clear();
}

ZsetSkiplist::Node *ZsetSkiplist::createNode(uint32_t height)
{
    void *memory = ::operator new(sizeof(Node) + height * sizeof(Level));
    Node *x = new (memory) Node;
    auto *levels = reinterpret_cast<Level *>(static_cast<char *>(memory) + sizeof(Node));
    for (uint32_t i = 0; i < height; ++i)
        new (levels + i) Level;
    return x;
}

void ZsetSkiplist::destroyNode(Node *x)
{
    // Node and Level are trivially destructible: releasing the block ends their lifetimes.
    ::operator delete(static_cast<void *>(x));
}

// Height h with probability (3/4) * (1/4)^(h-1): each pair of zero low bits of one random
// word adds a level. A per-thread xorshift generator, seeded with a constant: levels only
// need to be unpredictable to data, not to people, and a fixed seed keeps runs reproducible.
int ZsetSkiplist::randomHeight()
{
    thread_local uint64_t state = 0x2545f4914f6cdd1dULL;
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    const int zeroPairs = std::countr_zero(state) / 2; // state is never 0 for xorshift
    return std::min(kMaxLevel, 1 + zeroPairs);
}

void ZsetSkiplist::findPredecessors(double score, std::string_view member, Node **update) const
{
    Node *x = m_header;
    for (int i = m_level - 1; i >= 0; --i) {
        for (Node *next = x->levels()[i].forward;
             next && lessThan(next->score, next->member(), score, member);
             next = x->levels()[i].forward)
            x = next;
        update[i] = x;
    }
}

// Links a node whose member and score are set, on `height` levels (those it was created with).
void ZsetSkiplist::link(Node *x, int height)
{
    if (!m_header) {
        m_header = createNode(kMaxLevel);
        m_level = 1;
    }
    Node *update[kMaxLevel];
    size_t rank[kMaxLevel]; // level-0 steps from the header to update[i]
    Node *cur = m_header;
    for (int i = m_level - 1; i >= 0; --i) {
        rank[i] = i == m_level - 1 ? 0 : rank[i + 1];
        for (Node *next = cur->levels()[i].forward;
             next && lessThan(next->score, next->member(), x->score, x->member());
             next = cur->levels()[i].forward) {
            rank[i] += cur->levels()[i].span;
            cur = next;
        }
        update[i] = cur;
    }
    if (height > m_level) {
        for (int i = m_level; i < height; ++i) {
            rank[i] = 0;
            update[i] = m_header;
            m_header->levels()[i].forward = nullptr;
            m_header->levels()[i].span = m_length;
        }
        m_level = height;
    }
    for (int i = 0; i < height; ++i) {
        Level &before = update[i]->levels()[i];
        Level &mine = x->levels()[i];
        mine.forward = before.forward;
        mine.span = before.span - (rank[0] - rank[i]);
        before.forward = x;
        before.span = rank[0] - rank[i] + 1;
    }
    for (int i = height; i < m_level; ++i)
        ++update[i]->levels()[i].span;
    x->backward = update[0] == m_header ? nullptr : update[0];
    if (Node *next = x->levels()[0].forward)
        next->backward = x;
    else
        m_tail = x;
    ++m_length;
}

// update[i] must be the last node before x on level i (findPredecessors).
int ZsetSkiplist::unlink(Node *x, Node **update)
{
    int height = 0;
    for (int i = 0; i < m_level; ++i) {
        Level &before = update[i]->levels()[i];
        if (before.forward == x) {
            // x's levels are 0..height-1, and each is linked from update[i]
            height = i + 1;
            before.span += x->levels()[i].span - 1;
            before.forward = x->levels()[i].forward;
        } else {
            --before.span;
        }
    }
    if (Node *next = x->levels()[0].forward)
        next->backward = x->backward;
    else
        m_tail = x->backward;
    while (m_level > 1 && !m_header->levels()[m_level - 1].forward)
        --m_level;
    --m_length;
    return height;
}

void ZsetSkiplist::erase(Node *x, Node **update)
{
    m_levelSlots -= static_cast<size_t>(unlink(x, update));
    // The Dict frees the member string x->member points at; x itself is freed after.
    m_dict.erase(x->member());
    destroyNode(x);
}

std::optional<double> ZsetSkiplist::score(std::string_view member) const
{
    Node *const *x = m_dict.find(member);
    if (!x) return std::nullopt;
    return (*x)->score;
}

ZsetSkiplist::AddResult ZsetSkiplist::add(std::string_view member, double score)
{
    assert(!std::isnan(score));
    auto [entry, inserted] = m_dict.tryEmplaceEntry(member, nullptr);
    if (inserted) {
        const int height = randomHeight();
        Node *x = createNode(static_cast<uint32_t>(height));
        x->entry = entry;
        x->score = score;
        m_levelSlots += static_cast<size_t>(height);
        entry->value = x;
        link(x, height);
        return AddResult::Added;
    }
    Node *x = entry->value;
    if (x->score == score) return AddResult::Unchanged;
    const Node *prev = x->backward;
    const Node *next = x->levels()[0].forward;
    if ((!prev || lessThan(prev->score, prev->member(), score, member)) &&
        (!next || lessThan(score, member, next->score, next->member()))) {
        x->score = score; // still between its neighbours: order unchanged
        return AddResult::Updated;
    }
    Node *update[kMaxLevel];
    findPredecessors(x->score, member, update);
    const int height = unlink(x, update);
    x->score = score;
    link(x, height);
    return AddResult::Updated;
}

bool ZsetSkiplist::remove(std::string_view member)
{
    Node *const *found = m_dict.find(member);
    if (!found) return false;
    Node *x = *found;
    Node *update[kMaxLevel];
    findPredecessors(x->score, x->member(), update);
    erase(x, update);
    return true;
}

std::optional<size_t> ZsetSkiplist::rank(std::string_view member, bool reverse) const
{
    Node *const *found = m_dict.find(member);
    if (!found) return std::nullopt;
    const Node *target = *found;
    // Advance while the next node is at or before the target: we stop on the target itself,
    // having counted its 1-based rank.
    size_t traversed = 0;
    const Node *x = m_header;
    for (int i = m_level - 1; i >= 0; --i) {
        for (const Node *next = x->levels()[i].forward;
             next && !lessThan(target->score, target->member(), next->score, next->member());
             next = x->levels()[i].forward) {
            traversed += x->levels()[i].span;
            x = next;
        }
        if (x == target) break;
    }
    assert(x == target && traversed >= 1);
    return reverse ? m_length - traversed : traversed - 1;
}

const ZsetSkiplist::Node *ZsetSkiplist::nodeByRank(size_t rank) const
{
    if (rank >= m_length) return nullptr;
    const size_t target = rank + 1; // spans count 1-based positions
    size_t traversed = 0;
    const Node *x = m_header;
    for (int i = m_level - 1; i >= 0; --i) {
        while (x->levels()[i].forward && traversed + x->levels()[i].span <= target) {
            traversed += x->levels()[i].span;
            x = x->levels()[i].forward;
        }
        if (traversed == target) return x;
    }
    return nullptr;
}

std::optional<std::pair<std::string_view, double>> ZsetSkiplist::at(size_t rank, bool reverse) const
{
    if (rank >= m_length) return std::nullopt;
    const Node *x = nodeByRank(reverse ? m_length - 1 - rank : rank);
    return std::pair<std::string_view, double>(x->member(), x->score);
}

template <typename P>
const ZsetSkiplist::Node *ZsetSkiplist::firstInRange(const P &p, size_t *rank) const
{
    if (m_length == 0 || p.empty() || !p.aboveMin(m_tail) ||
        !p.belowMax(m_header->levels()[0].forward))
        return nullptr;
    size_t traversed = 0;
    const Node *x = m_header;
    for (int i = m_level - 1; i >= 0; --i) {
        while (x->levels()[i].forward && !p.aboveMin(x->levels()[i].forward)) {
            traversed += x->levels()[i].span;
            x = x->levels()[i].forward;
        }
    }
    x = x->levels()[0].forward; // exists: the tail is above min
    if (!p.belowMax(x)) return nullptr;
    *rank = traversed;
    return x;
}

template <typename P>
const ZsetSkiplist::Node *ZsetSkiplist::lastInRange(const P &p, size_t *rank) const
{
    if (m_length == 0 || p.empty() || !p.aboveMin(m_tail) ||
        !p.belowMax(m_header->levels()[0].forward))
        return nullptr;
    size_t traversed = 0;
    const Node *x = m_header;
    for (int i = m_level - 1; i >= 0; --i) {
        while (x->levels()[i].forward && p.belowMax(x->levels()[i].forward)) {
            traversed += x->levels()[i].span;
            x = x->levels()[i].forward;
        }
    }
    // x is not the header: the first node is below max.
    if (!p.aboveMin(x)) return nullptr;
    *rank = traversed - 1;
    return x;
}

template <typename P> size_t ZsetSkiplist::removeRange(const P &p)
{
    if (m_length == 0 || p.empty()) return 0;
    Node *update[kMaxLevel];
    Node *x = m_header;
    for (int i = m_level - 1; i >= 0; --i) {
        while (x->levels()[i].forward && !p.aboveMin(x->levels()[i].forward))
            x = x->levels()[i].forward;
        update[i] = x;
    }
    // update[] stays the predecessor set while deleting consecutive nodes after it.
    size_t removed = 0;
    for (x = x->levels()[0].forward; x && p.belowMax(x); ++removed) {
        Node *next = x->levels()[0].forward;
        erase(x, update);
        x = next;
    }
    return removed;
}

const ZsetSkiplist::Node *ZsetSkiplist::firstInScoreRange(const ScoreRange &range,
                                                          size_t *rank) const
{
    return firstInRange(ScorePredicate{range}, rank);
}

const ZsetSkiplist::Node *ZsetSkiplist::lastInScoreRange(const ScoreRange &range,
                                                         size_t *rank) const
{
    return lastInRange(ScorePredicate{range}, rank);
}

const ZsetSkiplist::Node *ZsetSkiplist::firstInLexRange(const LexBound &min, const LexBound &max,
                                                        size_t *rank) const
{
    return firstInRange(LexPredicate{min, max}, rank);
}

const ZsetSkiplist::Node *ZsetSkiplist::lastInLexRange(const LexBound &min, const LexBound &max,
                                                       size_t *rank) const
{
    return lastInRange(LexPredicate{min, max}, rank);
}

size_t ZsetSkiplist::countInScoreRange(const ScoreRange &range) const
{
    size_t first = 0;
    size_t last = 0;
    if (!firstInScoreRange(range, &first)) return 0;
    lastInScoreRange(range, &last);
    return last - first + 1;
}

size_t ZsetSkiplist::countInLexRange(const LexBound &min, const LexBound &max) const
{
    size_t first = 0;
    size_t last = 0;
    if (!firstInLexRange(min, max, &first)) return 0;
    lastInLexRange(min, max, &last);
    // With mixed scores member order is not monotonic and the two ends can cross.
    return last >= first ? last - first + 1 : 0;
}

size_t ZsetSkiplist::removeRangeByScore(const ScoreRange &range)
{
    return removeRange(ScorePredicate{range});
}

size_t ZsetSkiplist::removeRangeByLex(const LexBound &min, const LexBound &max)
{
    return removeRange(LexPredicate{min, max});
}

size_t ZsetSkiplist::removeRangeByRank(size_t start, size_t end)
{
    if (start >= m_length || start > end) return 0;
    if (end >= m_length) end = m_length - 1;
    Node *update[kMaxLevel];
    size_t traversed = 0;
    Node *x = m_header;
    for (int i = m_level - 1; i >= 0; --i) {
        while (x->levels()[i].forward && traversed + x->levels()[i].span <= start) {
            traversed += x->levels()[i].span;
            x = x->levels()[i].forward;
        }
        update[i] = x;
    }
    const size_t count = end - start + 1;
    x = x->levels()[0].forward;
    for (size_t removed = 0; removed < count; ++removed) {
        Node *next = x->levels()[0].forward;
        erase(x, update);
        x = next;
    }
    return count;
}

ZsetSkiplist::Popped ZsetSkiplist::popMin(size_t count)
{
    Popped out;
    out.reserve(std::min(count, m_length));
    Node *update[kMaxLevel];
    while (count-- > 0 && m_length > 0) {
        Node *x = m_header->levels()[0].forward;
        out.emplace_back(x->member(), x->score);
        // The first node's predecessor on every level is the header.
        for (int i = 0; i < m_level; ++i)
            update[i] = m_header;
        erase(x, update);
    }
    return out;
}

ZsetSkiplist::Popped ZsetSkiplist::popMax(size_t count)
{
    Popped out;
    out.reserve(std::min(count, m_length));
    Node *update[kMaxLevel];
    while (count-- > 0 && m_length > 0) {
        Node *x = m_tail;
        out.emplace_back(x->member(), x->score);
        findPredecessors(x->score, x->member(), update);
        erase(x, update);
    }
    return out;
}

size_t ZsetSkiplist::memoryUsage() const
{
    size_t bytes = sizeof(*this) - sizeof(m_dict) + m_dict.memoryUsage();
    if (m_header) bytes += sizeof(Node) + kMaxLevel * sizeof(Level);
    return bytes + m_length * sizeof(Node) + m_levelSlots * sizeof(Level);
}

} // namespace redscope::engine
