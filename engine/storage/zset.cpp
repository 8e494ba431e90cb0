// SortedSet (see zset.h): the representation switch and the non-template operations, each
// one branch between ZsetPacked and ZsetSkiplist.
#include "storage/zset.h"

#include <algorithm>

namespace redscope::engine {

// The object lives inside Value (48 bytes); it must stay two pointers.
static_assert(sizeof(SortedSet) == 2 * sizeof(void *));

SortedSet::~SortedSet() = default;

SortedSet SortedSet::clone() const
{
    SortedSet copy;
    if (m_skiplist) {
        copy.m_skiplist = std::make_unique<ZsetSkiplist>();
        forEach([&copy](std::string_view m, double s) { copy.m_skiplist->add(m, s); });
    } else {
        copy.m_packed = ZsetPacked(m_packed); // one block copy
    }
    return copy;
}

void SortedSet::convertToSkiplist()
{
    if (m_skiplist) return;
    auto skiplist = std::make_unique<ZsetSkiplist>();
    m_packed.forEach([&skiplist](std::string_view m, double s) { skiplist->add(m, s); });
    m_packed.clear();
    m_skiplist = std::move(skiplist);
}

void SortedSet::packIfSmall(const ZsetLimits &limits)
{
    if (!m_skiplist || m_skiplist->size() > limits.maxEntries) return;
    bool small = true;
    size_t bytes = 0;
    forEach([&](std::string_view m, double) {
        small = small && m.size() <= limits.maxValue;
        bytes += m.size() + 32; // member, score and their lengths, at most
    });
    small = small && bytes <= kMaxPackedBytes;
    if (!small) return;
    ZsetPacked packed;
    // In order, so appending keeps the block sorted; -0 and 0 tie in the order either way.
    forEach([&packed](std::string_view m, double s) { packed.append(m, s); });
    m_skiplist.reset();
    m_packed = std::move(packed);
}

SortedSet SortedSet::fromSorted(const std::vector<std::pair<std::string, double>> &pairs,
                                bool packed)
{
    SortedSet set;
    if (!packed) set.m_skiplist = std::make_unique<ZsetSkiplist>();
    for (const auto &[member, score] : pairs) {
        if (packed)
            set.m_packed.append(member, score);
        else
            set.m_skiplist->add(member, score);
    }
    return set;
}

std::optional<double> SortedSet::score(std::string_view member) const
{
    if (m_skiplist) return m_skiplist->score(member);
    double score;
    if (m_packed.find(member, &score) == ZsetPacked::npos) return std::nullopt;
    return score;
}

SortedSet::AddResult SortedSet::add(std::string_view member, double score, const ZsetLimits &limits)
{
    if (m_skiplist) return m_skiplist->add(member, score);
    double current;
    const size_t at = m_packed.find(member, &current);
    if (at != ZsetPacked::npos) {
        if (current == score) return AddResult::Unchanged;
        m_packed.update(at, member, score);
        return AddResult::Updated;
    }
    // Redis converts before it inserts, so the new member keeps a -0 score.
    if (m_packed.size() + 1 > limits.maxEntries || member.size() > limits.maxValue ||
        m_packed.end() + member.size() + 32 > kMaxPackedBytes) {
        convertToSkiplist();
        return m_skiplist->add(member, score);
    }
    m_packed.insert(member, score);
    return AddResult::Added;
}

bool SortedSet::remove(std::string_view member)
{
    if (m_skiplist) return m_skiplist->remove(member);
    const size_t at = m_packed.find(member);
    if (at == ZsetPacked::npos) return false;
    m_packed.erase(at, 1);
    return true;
}

std::optional<size_t> SortedSet::rank(std::string_view member, bool reverse) const
{
    if (m_skiplist) return m_skiplist->rank(member, reverse);
    std::optional<size_t> rank = m_packed.rank(member);
    if (rank && reverse) *rank = m_packed.size() - 1 - *rank;
    return rank;
}

std::optional<std::pair<std::string_view, double>> SortedSet::at(size_t rank, bool reverse) const
{
    if (m_skiplist) return m_skiplist->at(rank, reverse);
    const size_t length = m_packed.size();
    if (rank >= length) return std::nullopt;
    size_t next;
    ZsetPacked::Pair pair =
        m_packed.pairAt(m_packed.offsetOfRank(reverse ? length - 1 - rank : rank), &next);
    return std::pair<std::string_view, double>(pair.member, pair.score);
}

size_t SortedSet::countInScoreRange(const ScoreRange &range) const
{
    if (m_skiplist) return m_skiplist->countInScoreRange(range);
    size_t count = 0;
    forScoreRange(range, false, 0, -1, [&count](std::string_view, double) { ++count; });
    return count;
}

size_t SortedSet::countInLexRange(const LexBound &min, const LexBound &max) const
{
    if (m_skiplist) return m_skiplist->countInLexRange(min, max);
    size_t count = 0;
    forLexRange(min, max, false, 0, -1, [&count](std::string_view, double) { ++count; });
    return count;
}

size_t SortedSet::removeRangeByRank(size_t start, size_t end)
{
    if (m_skiplist) return m_skiplist->removeRangeByRank(start, end);
    const size_t length = m_packed.size();
    if (start >= length || start > end) return 0;
    end = std::min(end, length - 1);
    m_packed.erase(m_packed.offsetOfRank(start), end - start + 1);
    return end - start + 1;
}

size_t SortedSet::removeRangeByScore(const ScoreRange &range)
{
    if (m_skiplist) return m_skiplist->removeRangeByScore(range);
    if (zsetScoreRangeIsEmpty(range)) return 0;
    return m_packed.removeRange(
        [&range](const ZsetPacked::Pair &p) { return zsetScoreAboveMin(p.score, range); },
        [&range](const ZsetPacked::Pair &p) { return zsetScoreBelowMax(p.score, range); });
}

bool SortedSet::packedLexRangeReachable(const LexBound &min, const LexBound &max) const
{
    const size_t length = m_packed.size();
    if (length == 0) return false;
    bool reachable = true;
    m_packed.forRanks(length - 1, length - 1, false, [&](std::string_view member, double) {
        reachable = zsetLexAboveMin(member, min);
    });
    if (reachable)
        m_packed.forRanks(0, 0, false, [&](std::string_view member, double) {
            reachable = zsetLexBelowMax(member, max);
        });
    return reachable;
}

size_t SortedSet::removeRangeByLex(const LexBound &min, const LexBound &max)
{
    if (m_skiplist) return m_skiplist->removeRangeByLex(min, max);
    if (zsetLexRangeIsEmpty(min, max) || !packedLexRangeReachable(min, max)) return 0;
    return m_packed.removeRange(
        [&min](const ZsetPacked::Pair &p) { return zsetLexAboveMin(p.member, min); },
        [&max](const ZsetPacked::Pair &p) { return zsetLexBelowMax(p.member, max); });
}

SortedSet::Popped SortedSet::popMin(size_t count)
{
    if (m_skiplist) return m_skiplist->popMin(count);
    Popped out;
    count = std::min(count, m_packed.size());
    if (count == 0) return out;
    out.reserve(count);
    m_packed.forRanks(0, count - 1, false,
                      [&out](std::string_view m, double s) { out.emplace_back(m, s); });
    m_packed.erase(0, count);
    return out;
}

SortedSet::Popped SortedSet::popMax(size_t count)
{
    if (m_skiplist) return m_skiplist->popMax(count);
    Popped out;
    count = std::min(count, m_packed.size());
    if (count == 0) return out;
    out.reserve(count);
    const size_t first = m_packed.size() - count;
    const size_t at = m_packed.offsetOfRank(first);
    m_packed.forRanks(first, m_packed.size() - 1, false,
                      [&out](std::string_view m, double s) { out.emplace_back(m, s); });
    std::reverse(out.begin(), out.end());
    m_packed.erase(at, count);
    return out;
}

size_t SortedSet::memoryUsage() const
{
    if (m_skiplist) return m_skiplist->memoryUsage();
    return m_packed.allocatedBytes();
}

} // namespace redscope::engine
