// ZsetPacked (see zset_packed.h): the score encoding and the walks that find, insert and move
// pairs in the block.
#include "storage/zset_packed.h"

#include <cmath>
#include <cstring>

namespace redscope::engine {

namespace {

constexpr double kMaxExactInteger = 9007199254740992.0; // 2^53

bool lessThan(double s1, std::string_view m1, double s2, std::string_view m2)
{
    return s1 < s2 || (s1 == s2 && m1 < m2);
}

} // namespace

std::string_view ZsetPacked::encodeScore(double score, char (&buffer)[8])
{
    if (score == 0 && !std::signbit(score)) return {buffer, 0};
    if (std::fabs(score) <= kMaxExactInteger && score == std::trunc(score) && score != 0) {
        const auto value = static_cast<int64_t>(score);
        size_t bytes = 1;
        // Fewest bytes whose sign-extension gives the value back.
        while (bytes < 7) {
            const int64_t low = -(int64_t{1} << (8 * bytes - 1));
            if (value >= low && value < -low) break;
            ++bytes;
        }
        auto bits = static_cast<uint64_t>(value);
        for (size_t i = 0; i < bytes; ++i)
            buffer[i] = static_cast<char>((bits >> (8 * i)) & 0xff);
        return {buffer, bytes};
    }
    std::memcpy(buffer, &score, 8);
    return {buffer, 8};
}

double ZsetPacked::decodeScore(std::string_view entry)
{
    const size_t bytes = entry.size();
    if (bytes == 8) {
        double score;
        std::memcpy(&score, entry.data(), 8);
        return score;
    }
    if (bytes == 0) return 0;
    const auto *p = reinterpret_cast<const unsigned char *>(entry.data());
    uint64_t bits = 0;
    for (size_t i = bytes; i-- > 0;)
        bits = (bits << 8) | p[i];
    const uint64_t sign = uint64_t{1} << (8 * bytes - 1);
    return static_cast<double>(static_cast<int64_t>((bits ^ sign) - sign));
}

size_t ZsetPacked::find(std::string_view member, double *score) const
{
    size_t at = m_entries.find(member, 2);
    if (at != npos && score) {
        size_t next;
        *score = pairAt(at, &next).score;
    }
    return at;
}

size_t ZsetPacked::insertionPoint(double score, std::string_view member) const
{
    size_t at = 0, next;
    for (size_t stop = end(); at < stop; at = next) {
        Pair pair = pairAt(at, &next);
        if (lessThan(score, member, pair.score, pair.member)) break;
    }
    return at;
}

void ZsetPacked::insert(std::string_view member, double score)
{
    score = normalize(score);
    char buffer[8];
    const std::string_view encoded = encodeScore(score, buffer);
    const size_t at = insertionPoint(score, member);
    // Score first, so the member lands before it at the same offset.
    m_entries.insert(at, encoded);
    m_entries.insert(at, member);
}

void ZsetPacked::append(std::string_view member, double score)
{
    char buffer[8];
    m_entries.append(member);
    m_entries.append(encodeScore(normalize(score), buffer));
}

void ZsetPacked::update(size_t offset, std::string_view member, double score)
{
    score = normalize(score);
    size_t scoreAt, next;
    m_entries.read(offset, &scoreAt);
    m_entries.read(scoreAt, &next);
    // Still between its neighbours: rewrite the score in place.
    bool inPlace = next == end() || [&] {
        size_t after;
        Pair following = pairAt(next, &after);
        return lessThan(score, member, following.score, following.member);
    }();
    if (inPlace && offset > 0) {
        size_t at = 0, following;
        Pair previous;
        while (at < offset) {
            previous = pairAt(at, &following);
            if (following == offset) break;
            at = following;
        }
        inPlace = lessThan(previous.score, previous.member, score, member);
    }
    char buffer[8];
    if (inPlace) {
        m_entries.replace(scoreAt, encodeScore(score, buffer));
        return;
    }
    // The member's bytes live in the block: copy them before erasing.
    const std::string copy(member);
    erase(offset, 1);
    insert(copy, score);
}

std::optional<size_t> ZsetPacked::rank(std::string_view member) const
{
    size_t rank = 0;
    for (size_t at = 0, stop = end(), scoreAt; at < stop; ++rank) {
        if (m_entries.read(at, &scoreAt) == member) return rank;
        at = m_entries.skip(scoreAt, 1);
    }
    return std::nullopt;
}

std::vector<size_t> ZsetPacked::pairOffsets() const
{
    std::vector<size_t> offsets;
    offsets.reserve(size());
    for (size_t at = 0, stop = end(); at < stop; at = m_entries.skip(at, 2))
        offsets.push_back(at);
    return offsets;
}

} // namespace redscope::engine
