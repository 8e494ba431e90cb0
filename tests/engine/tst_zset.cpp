// Tests for engine/storage/zset*.{h,cpp}: SortedSet checked against a brute-force model (an
// ordered std::set of (score, member) plus a member -> score map) under long random
// operation sequences with fixed seeds, in each representation (skiplist from the start,
// packed for the whole run, packed then converted by count or by member length), and
// hand-written cases for ordering, updates, lex bounds, the edges of every range, the packed
// score encoding and the conversions.
#include "storage/zset.h"

#include <QTest>

#include <cmath>
#include <limits>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using redscope::engine::SortedSet;
using redscope::engine::ZsetLimits;
using redscope::engine::ZsetPacked;

Q_DECLARE_METATYPE(ZsetLimits)

namespace {

using Elements = std::vector<std::pair<std::string, double>>;
constexpr double kInf = std::numeric_limits<double>::infinity();

// The reference: std::string's operator< compares bytes as unsigned char, like Redis.
class Model
{
public:
    std::set<std::pair<double, std::string>> ordered;
    std::map<std::string, double> scores;

    SortedSet::AddResult add(const std::string &m, double s)
    {
        auto it = scores.find(m);
        if (it == scores.end()) {
            scores[m] = s;
            ordered.insert({s, m});
            return SortedSet::AddResult::Added;
        }
        if (it->second == s) return SortedSet::AddResult::Unchanged;
        ordered.erase({it->second, m});
        it->second = s;
        ordered.insert({s, m});
        return SortedSet::AddResult::Updated;
    }
    bool remove(const std::string &m)
    {
        auto it = scores.find(m);
        if (it == scores.end()) return false;
        ordered.erase({it->second, m});
        scores.erase(it);
        return true;
    }
    Elements all(bool reverse) const
    {
        Elements out;
        for (const auto &[s, m] : ordered)
            out.emplace_back(m, s);
        if (reverse) std::reverse(out.begin(), out.end());
        return out;
    }
};

bool inScore(double s, const SortedSet::ScoreRange &r)
{
    return redscope::engine::zsetScoreAboveMin(s, r) && redscope::engine::zsetScoreBelowMax(s, r);
}

bool inLex(const std::string &m, const SortedSet::LexBound &min, const SortedSet::LexBound &max)
{
    return redscope::engine::zsetLexAboveMin(m, min) && redscope::engine::zsetLexBelowMax(m, max);
}

// Applies offset/limit (limit < 0: all) to the filtered model sequence.
template <typename Keep>
Elements modelRange(const Model &model, bool reverse, size_t offset, int64_t limit, Keep keep)
{
    Elements out;
    size_t skipped = 0;
    for (const auto &e : model.all(reverse)) {
        if (!keep(e)) continue;
        if (skipped < offset) {
            ++skipped;
            continue;
        }
        if (limit >= 0 && out.size() >= static_cast<size_t>(limit)) break;
        out.push_back(e);
    }
    return out;
}

Elements collectRank(const SortedSet &z, size_t start, size_t end, bool reverse)
{
    Elements out;
    z.forRange(start, end, reverse, [&](std::string_view m, double s) { out.emplace_back(m, s); });
    return out;
}

Elements collectScore(const SortedSet &z, const SortedSet::ScoreRange &r, bool reverse,
                      size_t offset, int64_t limit)
{
    Elements out;
    z.forScoreRange(r, reverse, offset, limit,
                    [&](std::string_view m, double s) { out.emplace_back(m, s); });
    return out;
}

Elements collectLex(const SortedSet &z, const SortedSet::LexBound &min,
                    const SortedSet::LexBound &max, bool reverse, size_t offset, int64_t limit)
{
    Elements out;
    z.forLexRange(min, max, reverse, offset, limit,
                  [&](std::string_view m, double s) { out.emplace_back(m, s); });
    return out;
}

Elements toElements(const SortedSet::Popped &p)
{
    return Elements(p.begin(), p.end());
}

// Members share prefixes and include bytes >= 0x80 and NUL so that byte order matters.
std::string randomMember(std::mt19937_64 &rng, int pool)
{
    const int i = static_cast<int>(rng() % static_cast<uint64_t>(pool));
    switch (i % 4) {
    case 0:
        return "m" + std::to_string(i);
    case 1:
        return "m" + std::to_string(i / 10); // shorter: a prefix of case-0 members
    case 2:
        return std::string("\xc3") + static_cast<char>(i % 256) + "x";
    default:
        return std::string(1, static_cast<char>(i % 7)) + std::string(1, '\0') + std::to_string(i);
    }
}

// Few distinct scores so that ties (ordered by member) are common; sometimes infinities.
double randomScore(std::mt19937_64 &rng)
{
    const int r = static_cast<int>(rng() % 100);
    if (r == 0) return kInf;
    if (r == 1) return -kInf;
    if (r < 10) return static_cast<double>(static_cast<int>(rng() % 2001) - 1000) / 7.0;
    return static_cast<double>(static_cast<int>(rng() % 21) - 10) / 2.0;
}

SortedSet::ScoreRange randomScoreRange(std::mt19937_64 &rng)
{
    SortedSet::ScoreRange r;
    r.min = randomScore(rng);
    r.max = rng() % 5 == 0 ? randomScore(rng) : r.min + static_cast<double>(rng() % 8);
    if (rng() % 10 == 0) r.max = kInf;
    if (rng() % 10 == 0) r.min = -kInf;
    r.minExclusive = rng() % 3 == 0;
    r.maxExclusive = rng() % 3 == 0;
    return r;
}

SortedSet::LexBound randomLexBound(std::mt19937_64 &rng, int pool)
{
    SortedSet::LexBound b;
    const int k = static_cast<int>(rng() % 10);
    b.kind = k == 0   ? SortedSet::LexBound::NegInf
             : k == 1 ? SortedSet::LexBound::PosInf
             : k < 6  ? SortedSet::LexBound::Inclusive
                      : SortedSet::LexBound::Exclusive;
    if (b.kind == SortedSet::LexBound::Inclusive || b.kind == SortedSet::LexBound::Exclusive)
        b.value = randomMember(rng, pool);
    return b;
}

} // namespace

class tst_ZSet : public QObject
{
    Q_OBJECT

private slots:
    void emptySet();
    void orderTiesByMemberBytes();
    void scoreUpdateRepositions();
    void addResults();
    void ranksAndAt();
    void scoreRangeBounds();
    void scoreRangeOffsetLimit();
    void lexBoundParse();
    void lexRanges();
    void removeRanges();
    void pops();
    void moveKeepsContents();
    void memoryUsageGrowsAndShrinks();
    void randomMemberCoversAll();
    void randomOperationsMatchModel_data();
    void randomOperationsMatchModel();
    void randomLexOperationsMatchModel_data();
    void randomLexOperationsMatchModel();
    void packedScoreEncoding();
    void packedHasNoNegativeZero();
    void conversionByCountAndLength();
    void packIfSmallAndFromSorted();
    void cloneKeepsRepresentation();
    void packedMemoryIsOneBlock();
};

namespace {

// Rows for the random suites: the limits, and whether the set starts as a skiplist.
void representationRows()
{
    QTest::addColumn<ZsetLimits>("limits");
    QTest::addColumn<bool>("skiplist");
    QTest::newRow("skiplist") << ZsetLimits{} << true;
    QTest::newRow("packed then converted by count") << ZsetLimits{128, 64} << false;
    QTest::newRow("packed throughout") << ZsetLimits{100000, 64} << false;
    QTest::newRow("packed then converted by length") << ZsetLimits{100000, 4} << false;
}

// What the representation must be: packed until an add of a new member passes a limit.
struct PackedExpectation
{
    ZsetLimits limits;
    bool packed = true;
    void added(size_t sizeAfter, const std::string &member)
    {
        packed = packed && sizeAfter <= limits.maxEntries && member.size() <= limits.maxValue;
    }
};

} // namespace

void tst_ZSet::emptySet()
{
    SortedSet z;
    QCOMPARE(z.size(), size_t(0));
    QVERIFY(!z.score("a"));
    QVERIFY(!z.rank("a"));
    QVERIFY(!z.at(0));
    QVERIFY(!z.remove("a"));
    QCOMPARE(z.countInScoreRange({-kInf, kInf, false, false}), size_t(0));
    SortedSet::LexBound neg{SortedSet::LexBound::NegInf, {}};
    SortedSet::LexBound pos{SortedSet::LexBound::PosInf, {}};
    QCOMPARE(z.countInLexRange(neg, pos), size_t(0));
    QVERIFY(collectRank(z, 0, 100, false).empty());
    QVERIFY(collectScore(z, {-kInf, kInf, false, false}, true, 0, -1).empty());
    QCOMPARE(z.removeRangeByRank(0, 10), size_t(0));
    QCOMPARE(z.removeRangeByScore({-kInf, kInf, false, false}), size_t(0));
    QCOMPARE(z.removeRangeByLex(neg, pos), size_t(0));
    QVERIFY(z.popMin(3).empty());
    QVERIFY(z.popMax(3).empty());
    std::mt19937_64 rng(1);
    QVERIFY(!z.randomMember(rng));
}

void tst_ZSet::orderTiesByMemberBytes()
{
    SortedSet z;
    // Same score: byte order, unsigned (0x80 after 0x7f), a prefix before its extensions.
    for (const char *m : {"b", "ab", "a", "", "\x7f", "\x80", "B"})
        z.add(m, 1.0);
    z.add(std::string("a\0", 2), 1.0);
    z.add("zzz", 0.5);
    z.add("000", 2.0);
    const Elements expected = {
        {"zzz", 0.5}, {"", 1.0},  {"B", 1.0},    {"a", 1.0},    {std::string("a\0", 2), 1.0},
        {"ab", 1.0},  {"b", 1.0}, {"\x7f", 1.0}, {"\x80", 1.0}, {"000", 2.0}};
    QCOMPARE(collectRank(z, 0, 100, false), expected);
    for (size_t i = 0; i < expected.size(); ++i) {
        QCOMPARE(z.rank(expected[i].first), std::optional<size_t>(i));
        QCOMPARE(z.rank(expected[i].first, true), std::optional<size_t>(expected.size() - 1 - i));
    }
}

void tst_ZSet::scoreUpdateRepositions()
{
    SortedSet z;
    z.add("a", 1);
    z.add("b", 2);
    z.add("c", 3);
    QCOMPARE(z.add("a", 5), SortedSet::AddResult::Updated);
    QCOMPARE(collectRank(z, 0, 2, false), (Elements{{"b", 2}, {"c", 3}, {"a", 5}}));
    QCOMPARE(z.rank("a"), std::optional<size_t>(2));
    QCOMPARE(z.score("a"), std::optional<double>(5));
    // Update that keeps the position (between neighbours).
    QCOMPARE(z.add("c", 4), SortedSet::AddResult::Updated);
    QCOMPARE(collectRank(z, 0, 2, false), (Elements{{"b", 2}, {"c", 4}, {"a", 5}}));
    // Update to a tie: the member bytes decide ("a" < "c").
    QCOMPARE(z.add("a", 4), SortedSet::AddResult::Updated);
    QCOMPARE(collectRank(z, 0, 2, false), (Elements{{"b", 2}, {"a", 4}, {"c", 4}}));
    QCOMPARE(z.add("c", -kInf), SortedSet::AddResult::Updated);
    QCOMPARE(collectRank(z, 0, 2, true), (Elements{{"a", 4}, {"b", 2}, {"c", -kInf}}));
    QCOMPARE(z.size(), size_t(3));
}

void tst_ZSet::addResults()
{
    SortedSet z;
    QCOMPARE(z.add("x", 1.5), SortedSet::AddResult::Added);
    QCOMPARE(z.add("x", 1.5), SortedSet::AddResult::Unchanged);
    QCOMPARE(z.add("x", 2.5), SortedSet::AddResult::Updated);
    QCOMPARE(z.size(), size_t(1));
    QVERIFY(z.remove("x"));
    QVERIFY(!z.remove("x"));
    QCOMPARE(z.add("x", 1.5), SortedSet::AddResult::Added);
}

void tst_ZSet::ranksAndAt()
{
    SortedSet z;
    for (int i = 0; i < 1000; ++i)
        z.add("m" + std::to_string(1000 + i), i * 0.5);
    for (size_t r = 0; r < 1000; ++r) {
        auto e = z.at(r);
        QVERIFY(e);
        QCOMPARE(std::string(e->first), "m" + std::to_string(1000 + r));
        QCOMPARE(e->second, r * 0.5);
        auto rev = z.at(r, true);
        QCOMPARE(std::string(rev->first), "m" + std::to_string(1999 - r));
        QCOMPARE(z.rank(e->first), std::optional<size_t>(r));
    }
    QVERIFY(!z.at(1000));
    QCOMPARE(collectRank(z, 998, 5000, false).size(), size_t(2));
    QVERIFY(collectRank(z, 1000, 5000, false).empty());
    QVERIFY(collectRank(z, 5, 4, false).empty());
    QCOMPARE(collectRank(z, 0, 0, true), (Elements{{"m1999", 499.5}}));
}

void tst_ZSet::scoreRangeBounds()
{
    SortedSet z;
    for (int i = 1; i <= 5; ++i)
        z.add("s" + std::to_string(i), i);
    z.add("ninf", -kInf);
    z.add("pinf", kInf);
    auto names = [&](const SortedSet::ScoreRange &r, bool reverse) {
        std::vector<std::string> out;
        for (auto &e : collectScore(z, r, reverse, 0, -1))
            out.push_back(e.first);
        return out;
    };
    using V = std::vector<std::string>;
    QCOMPARE(names({2, 4, false, false}, false), (V{"s2", "s3", "s4"}));
    QCOMPARE(names({2, 4, true, false}, false), (V{"s3", "s4"}));
    QCOMPARE(names({2, 4, false, true}, false), (V{"s2", "s3"}));
    QCOMPARE(names({2, 4, true, true}, true), (V{"s3"}));
    QCOMPARE(names({3, 3, false, false}, false), (V{"s3"}));
    QVERIFY(names({3, 3, true, false}, false).empty());
    QVERIFY(names({4, 2, false, false}, false).empty());
    QVERIFY(names({5.5, 9, false, false}, false).empty());
    QCOMPARE(names({-kInf, 1, false, false}, false), (V{"ninf", "s1"}));
    QCOMPARE(names({-kInf, 1, true, false}, false), (V{"s1"}));
    QCOMPARE(names({5, kInf, false, false}, true), (V{"pinf", "s5"}));
    QCOMPARE(names({5, kInf, false, true}, true), (V{"s5"}));
    QCOMPARE(z.countInScoreRange({-kInf, kInf, false, false}), size_t(7));
    QCOMPARE(z.countInScoreRange({-kInf, kInf, true, true}), size_t(5));
    QCOMPARE(z.countInScoreRange({1.5, 4.5, false, false}), size_t(3));
    QCOMPARE(z.countInScoreRange({kInf, kInf, false, false}), size_t(1));
}

void tst_ZSet::scoreRangeOffsetLimit()
{
    SortedSet z;
    for (int i = 0; i < 100; ++i)
        z.add("k" + std::to_string(100 + i), i);
    const SortedSet::ScoreRange r{10, 19, false, false};
    auto e = collectScore(z, r, false, 3, 4);
    QCOMPARE(e, (Elements{{"k113", 13}, {"k114", 14}, {"k115", 15}, {"k116", 16}}));
    e = collectScore(z, r, true, 3, 4);
    QCOMPARE(e, (Elements{{"k116", 16}, {"k115", 15}, {"k114", 14}, {"k113", 13}}));
    QCOMPARE(collectScore(z, r, false, 8, -1), (Elements{{"k118", 18}, {"k119", 19}}));
    QVERIFY(collectScore(z, r, false, 10, -1).empty());
    QVERIFY(collectScore(z, r, true, 10, -1).empty());
    QVERIFY(collectScore(z, r, false, 0, 0).empty());
    QVERIFY(collectScore(z, {95, 200, false, false}, false, 1000, -1).empty());
    QCOMPARE(collectScore(z, {95, 200, false, false}, true, 4, -1), (Elements{{"k195", 95}}));
}

void tst_ZSet::lexBoundParse()
{
    SortedSet::LexBound b;
    QVERIFY(SortedSet::LexBound::parse("-", &b));
    QCOMPARE(b.kind, SortedSet::LexBound::NegInf);
    QVERIFY(SortedSet::LexBound::parse("+", &b));
    QCOMPARE(b.kind, SortedSet::LexBound::PosInf);
    QVERIFY(SortedSet::LexBound::parse("[abc", &b));
    QCOMPARE(b.kind, SortedSet::LexBound::Inclusive);
    QCOMPARE(b.value, std::string("abc"));
    QVERIFY(SortedSet::LexBound::parse(std::string_view("(a\0b", 4), &b));
    QCOMPARE(b.kind, SortedSet::LexBound::Exclusive);
    QCOMPARE(b.value, std::string("a\0b", 3));
    QVERIFY(SortedSet::LexBound::parse("[", &b));
    QCOMPARE(b.value, std::string());
    QVERIFY(!SortedSet::LexBound::parse("", &b));
    QVERIFY(!SortedSet::LexBound::parse("abc", &b));
    QVERIFY(!SortedSet::LexBound::parse("-a", &b));
    QVERIFY(!SortedSet::LexBound::parse("++", &b));
}

void tst_ZSet::lexRanges()
{
    SortedSet z;
    for (const char *m : {"a", "b", "c", "d", "e", "f", "g"})
        z.add(m, 0);
    auto bound = [](const char *text) {
        SortedSet::LexBound b;
        if (!SortedSet::LexBound::parse(text, &b)) qFatal("bad bound %s", text);
        return b;
    };
    auto names = [&](const char *min, const char *max, bool reverse, size_t off, int64_t lim) {
        std::string out;
        const auto lo = bound(min), hi = bound(max);
        for (auto &e : collectLex(z, lo, hi, reverse, off, lim))
            out += e.first;
        return out;
    };
    QCOMPARE(names("-", "+", false, 0, -1), std::string("abcdefg"));
    QCOMPARE(names("-", "[c", false, 0, -1), std::string("abc"));
    QCOMPARE(names("-", "(c", false, 0, -1), std::string("ab"));
    QCOMPARE(names("[aaa", "(g", false, 0, -1), std::string("bcdef"));
    QCOMPARE(names("(b", "[e", true, 0, -1), std::string("edc"));
    QCOMPARE(names("(b", "[e", true, 1, 1), std::string("d"));
    QCOMPARE(names("[c", "+", false, 2, 2), std::string("ef"));
    QCOMPARE(names("+", "-", false, 0, -1), std::string());
    QCOMPARE(names("[d", "(d", false, 0, -1), std::string());
    QCOMPARE(names("[d", "[d", false, 0, -1), std::string("d"));
    QCOMPARE(names("[z", "+", false, 0, -1), std::string());
    QCOMPARE(z.countInLexRange(bound("[b"), bound("(f")), size_t(4));
    QCOMPARE(z.countInLexRange(bound("-"), bound("-")), size_t(0));
    QCOMPARE(z.countInLexRange(bound("[e"), bound("[b")), size_t(0));
    QCOMPARE(z.removeRangeByLex(bound("(b"), bound("[d")), size_t(2));
    QCOMPARE(names("-", "+", false, 0, -1), std::string("abefg"));
    QCOMPARE(z.size(), size_t(5));
    QVERIFY(!z.score("c"));
}

void tst_ZSet::removeRanges()
{
    SortedSet z;
    for (int i = 0; i < 50; ++i)
        z.add("r" + std::to_string(100 + i), i);
    QCOMPARE(z.removeRangeByRank(10, 19), size_t(10));
    QCOMPARE(z.size(), size_t(40));
    QVERIFY(!z.score("r110") && !z.score("r119"));
    QCOMPARE(z.rank("r120"), std::optional<size_t>(10));
    QCOMPARE(z.removeRangeByScore({30, 35, true, false}), size_t(5));
    QVERIFY(z.score("r130"));
    QVERIFY(!z.score("r131"));
    QCOMPARE(z.removeRangeByRank(30, 1000), size_t(5));
    QCOMPARE(z.size(), size_t(30));
    QCOMPARE(z.removeRangeByRank(30, 1000), size_t(0));
    QCOMPARE(z.removeRangeByScore({-kInf, kInf, false, false}), size_t(30));
    QVERIFY(z.empty());
    z.add("again", 1);
    QCOMPARE(collectRank(z, 0, 10, false), (Elements{{"again", 1}}));
}

void tst_ZSet::pops()
{
    SortedSet z;
    z.add("c", 3);
    z.add("a", 1);
    z.add("b", 1);
    z.add("d", 4);
    QCOMPARE(toElements(z.popMin(2)), (Elements{{"a", 1}, {"b", 1}}));
    QCOMPARE(toElements(z.popMax(1)), (Elements{{"d", 4}}));
    QCOMPARE(toElements(z.popMax(10)), (Elements{{"c", 3}}));
    QVERIFY(z.empty());
    QVERIFY(!z.score("c"));
    QVERIFY(z.popMin(0).empty());
}

void tst_ZSet::moveKeepsContents()
{
    SortedSet a;
    for (int i = 0; i < 100; ++i)
        a.add("x" + std::to_string(i), i);
    SortedSet b(std::move(a));
    QCOMPARE(b.size(), size_t(100));
    QCOMPARE(a.size(), size_t(0));
    QVERIFY(!a.score("x1"));
    QCOMPARE(b.rank("x50"), std::optional<size_t>(50));
    SortedSet c;
    c.add("old", 1);
    c = std::move(b);
    QCOMPARE(c.size(), size_t(100));
    QVERIFY(!c.score("old"));
    QCOMPARE(std::string(c.at(99)->first), std::string("x99"));
    a.add("reuse", 1); // moved-from sets are empty and usable
    QCOMPARE(a.rank("reuse"), std::optional<size_t>(0));
}

void tst_ZSet::memoryUsageGrowsAndShrinks()
{
    SortedSet z;
    const size_t empty = z.memoryUsage();
    for (int i = 0; i < 1000; ++i)
        z.add(std::string(40, 'm') + std::to_string(i), i);
    const size_t full = z.memoryUsage();
    // Node (>= 40 bytes) + Dict entry (>= 17 bytes + 40+ member bytes inline), at least.
    QVERIFY2(full - empty > 1000 * 97, qPrintable(QString::number(full - empty)));
    QVERIFY2(full - empty < 1000 * 400, qPrintable(QString::number(full - empty)));
    QCOMPARE(z.removeRangeByRank(0, 999), size_t(1000));
    // Left: the header node and the Dict's bucket arrays, which shrink lazily.
    QVERIFY2(z.memoryUsage() < empty + 20000, qPrintable(QString::number(z.memoryUsage())));
}

void tst_ZSet::randomMemberCoversAll()
{
    SortedSet z;
    for (int i = 0; i < 50; ++i)
        z.add("r" + std::to_string(i), i);
    std::mt19937_64 rng(3);
    std::map<std::string, int> hits;
    for (int i = 0; i < 10'000; ++i) {
        auto e = z.randomMember(rng);
        QVERIFY(e);
        QCOMPARE(z.score(e->first), std::optional<double>(e->second));
        ++hits[std::string(e->first)];
    }
    QCOMPARE(hits.size(), size_t(50));
    for (const auto &[m, n] : hits)
        QVERIFY2(n > 100 && n < 320, qPrintable(QString::fromStdString(m)));
}

void tst_ZSet::randomOperationsMatchModel_data()
{
    representationRows();
}

void tst_ZSet::randomOperationsMatchModel()
{
    QFETCH(ZsetLimits, limits);
    QFETCH(bool, skiplist);
    constexpr int kOps = 50'000;
    constexpr int kPool = 2000;
    std::mt19937_64 rng(20240611);
    SortedSet z;
    if (skiplist) z.convertToSkiplist();
    PackedExpectation expect{limits, !skiplist};
    Model model;
    size_t sizeSum = 0;
    for (int op = 0; op < kOps; ++op) {
        const int kind = static_cast<int>(rng() % 100);
        const QString where = QStringLiteral("op %1 kind %2").arg(op).arg(kind);
        if (kind < 45) {
            const std::string m = randomMember(rng, kPool);
            const double s = randomScore(rng);
            const auto result = model.add(m, s);
            if (result == SortedSet::AddResult::Added) expect.added(model.scores.size(), m);
            QVERIFY2(z.add(m, s, limits) == result, qPrintable(where));
            QVERIFY2(z.isPacked() == expect.packed, qPrintable(where));
        } else if (kind < 50) {
            const std::string m = randomMember(rng, kPool);
            QVERIFY2(z.remove(m) == model.remove(m), qPrintable(where));
        } else if (kind < 57) {
            const std::string m = randomMember(rng, kPool);
            const bool reverse = rng() & 1;
            std::optional<size_t> expected;
            if (auto it = model.scores.find(m); it != model.scores.end()) {
                const size_t r = static_cast<size_t>(
                    std::distance(model.ordered.begin(), model.ordered.find({it->second, m})));
                expected = reverse ? model.ordered.size() - 1 - r : r;
                QVERIFY2(z.score(m) == std::optional<double>(it->second), qPrintable(where));
            } else {
                QVERIFY2(!z.score(m), qPrintable(where));
            }
            QVERIFY2(z.rank(m, reverse) == expected, qPrintable(where));
        } else if (kind < 65) {
            const size_t n = model.ordered.size() + 3;
            const size_t start = rng() % n;
            const size_t end = start + rng() % 20;
            const bool reverse = rng() & 1;
            const Elements all = model.all(reverse);
            Elements expected;
            for (size_t i = start; i <= end && i < all.size(); ++i)
                expected.push_back(all[i]);
            QVERIFY2(collectRank(z, start, end, reverse) == expected, qPrintable(where));
            if (start < all.size()) {
                auto e = z.at(start, reverse);
                QVERIFY2(e && e->first == all[start].first && e->second == all[start].second,
                         qPrintable(where));
            } else {
                QVERIFY2(!z.at(start, reverse), qPrintable(where));
            }
        } else if (kind < 80) {
            const SortedSet::ScoreRange r = randomScoreRange(rng);
            const bool reverse = rng() & 1;
            const size_t offset = rng() % 3 == 0 ? rng() % 30 : 0;
            const int64_t limit = rng() % 2 ? -1 : static_cast<int64_t>(rng() % 15);
            const Elements expected = modelRange(
                model, reverse, offset, limit, [&](const auto &e) { return inScore(e.second, r); });
            QVERIFY2(collectScore(z, r, reverse, offset, limit) == expected, qPrintable(where));
            const size_t count = modelRange(model, false, 0, -1, [&](const auto &e) {
                                     return inScore(e.second, r);
                                 }).size();
            QVERIFY2(z.countInScoreRange(r) == count, qPrintable(where));
        } else if (kind < 82) {
            SortedSet::ScoreRange r = randomScoreRange(rng);
            if (rng() % 32 != 0) // mostly narrow ranges, so that the set does not drain
                r.max = r.min + static_cast<double>(rng() % 2);
            size_t expected = 0;
            for (const auto &e : model.all(false)) {
                if (inScore(e.second, r)) {
                    model.remove(e.first);
                    ++expected;
                }
            }
            QVERIFY2(z.removeRangeByScore(r) == expected, qPrintable(where));
        } else if (kind < 84) {
            const size_t start = rng() % (model.ordered.size() + 2);
            const size_t end = start + rng() % 6;
            const Elements all = model.all(false);
            size_t expected = 0;
            for (size_t i = start; i <= end && i < all.size(); ++i, ++expected)
                model.remove(all[i].first);
            QVERIFY2(z.removeRangeByRank(start, end) == expected, qPrintable(where));
        } else if (kind < 88) {
            const size_t count = rng() % 4;
            const bool max = rng() & 1;
            const Elements all = model.all(max);
            Elements expected(all.begin(), all.begin() + std::min(count, all.size()));
            for (const auto &e : expected)
                model.remove(e.first);
            QVERIFY2(toElements(max ? z.popMax(count) : z.popMin(count)) == expected,
                     qPrintable(where));
        } else {
            // Lex queries on mixed scores are unspecified (as in Redis); they must still stay
            // inside the set, without crashing or looping (ASan watches).
            const auto lo = randomLexBound(rng, kPool), hi = randomLexBound(rng, kPool);
            const Elements got = collectLex(z, lo, hi, rng() & 1, rng() % 3, -1);
            QVERIFY2(got.size() <= z.size(), qPrintable(where));
            QVERIFY2(z.countInLexRange(lo, hi) <= z.size(), qPrintable(where));
        }
        QVERIFY2(z.size() == model.ordered.size(), qPrintable(where));
        sizeSum += z.size();
        if (op % 1000 == 999) {
            QVERIFY2(collectRank(z, 0, SIZE_MAX, false) == model.all(false), qPrintable(where));
            QVERIFY2(collectRank(z, 0, SIZE_MAX, true) == model.all(true), qPrintable(where));
        }
    }
    // The mix kept a set big enough for many skiplist levels (or long packed walks).
    QVERIFY2(sizeSum / kOps > 150, qPrintable(QString::number(sizeSum / kOps)));
    QCOMPARE(collectRank(z, 0, SIZE_MAX, false), model.all(false));
    QCOMPARE(z.isPacked(), expect.packed);
}

void tst_ZSet::randomLexOperationsMatchModel_data()
{
    representationRows();
}

void tst_ZSet::randomLexOperationsMatchModel()
{
    QFETCH(ZsetLimits, limits);
    QFETCH(bool, skiplist);
    // Lex ranges as Redis means them: every member has the same score.
    constexpr int kOps = 20'000;
    constexpr int kPool = 400;
    std::mt19937_64 rng(77);
    SortedSet z;
    if (skiplist) z.convertToSkiplist();
    PackedExpectation expect{limits, !skiplist};
    Model model;
    for (int op = 0; op < kOps; ++op) {
        const int kind = static_cast<int>(rng() % 10);
        const QString where = QStringLiteral("op %1 kind %2").arg(op).arg(kind);
        if (kind < 5) {
            const std::string m = randomMember(rng, kPool);
            const auto result = model.add(m, 0);
            if (result == SortedSet::AddResult::Added) expect.added(model.scores.size(), m);
            QVERIFY2(z.add(m, 0, limits) == result, qPrintable(where));
            QVERIFY2(z.isPacked() == expect.packed, qPrintable(where));
        } else if (kind < 6) {
            const std::string m = randomMember(rng, kPool);
            QVERIFY2(z.remove(m) == model.remove(m), qPrintable(where));
        } else if (kind < 9) {
            const auto lo = randomLexBound(rng, kPool), hi = randomLexBound(rng, kPool);
            const bool reverse = rng() & 1;
            const size_t offset = rng() % 3 == 0 ? rng() % 20 : 0;
            const int64_t limit = rng() % 2 ? -1 : static_cast<int64_t>(rng() % 10);
            auto keep = [&](const auto &e) { return inLex(e.first, lo, hi); };
            QVERIFY2(collectLex(z, lo, hi, reverse, offset, limit) ==
                         modelRange(model, reverse, offset, limit, keep),
                     qPrintable(where));
            QVERIFY2(z.countInLexRange(lo, hi) == modelRange(model, false, 0, -1, keep).size(),
                     qPrintable(where));
        } else {
            const auto lo = randomLexBound(rng, kPool), hi = randomLexBound(rng, kPool);
            size_t expected = 0;
            if (rng() % 4 == 0) { // keep the set from draining
                for (const auto &e : model.all(false)) {
                    if (inLex(e.first, lo, hi)) {
                        model.remove(e.first);
                        ++expected;
                    }
                }
                QVERIFY2(z.removeRangeByLex(lo, hi) == expected, qPrintable(where));
            }
        }
        QVERIFY2(z.size() == model.ordered.size(), qPrintable(where));
    }
    QVERIFY(z.size() > 20);
    QCOMPARE(collectRank(z, 0, SIZE_MAX, false), model.all(false));
    QCOMPARE(z.isPacked(), expect.packed);
}

void tst_ZSet::packedScoreEncoding()
{
    // Every width of the integer form, its limits, and the raw-double form.
    const double p53 = 9007199254740992.0;
    const std::vector<double> scores = {0,     1,      -1,      127,      128,    -128,
                                        -129,  32767,  -32768,  32768,    1e10,   -1e12,
                                        p53,   -p53,   p53 + 2, -p53 - 2, 0.1,    -2.5,
                                        1e300, 5e-324, kInf,    -kInf,    4.0e15, 1099511627776.0};
    for (double score : scores) {
        char buffer[8];
        const std::string_view encoded = ZsetPacked::encodeScore(score, buffer);
        QVERIFY2(encoded.size() <= 8, qPrintable(QString::number(score)));
        QCOMPARE(ZsetPacked::decodeScore(encoded), score);
        if (score == std::trunc(score) && std::fabs(score) <= p53)
            QVERIFY2(encoded.size() < 8, qPrintable(QString::number(score)));
    }
    char buffer[8];
    QCOMPARE(ZsetPacked::encodeScore(0, buffer).size(), size_t(0));
    QCOMPARE(ZsetPacked::encodeScore(100, buffer).size(), size_t(1));
    QCOMPARE(ZsetPacked::encodeScore(-200, buffer).size(), size_t(2));
    // In a set: the order and the scores survive the encoding.
    SortedSet z;
    Model model;
    for (size_t i = 0; i < scores.size(); ++i) {
        const std::string m = "m" + std::to_string(i);
        z.add(m, scores[i]);
        model.add(m, scores[i]);
    }
    QVERIFY(z.isPacked());
    QCOMPARE(collectRank(z, 0, SIZE_MAX, false), model.all(false));
    QCOMPARE(collectRank(z, 0, SIZE_MAX, true), model.all(true));
}

void tst_ZSet::packedHasNoNegativeZero()
{
    // Redis's listpack keeps integral scores as integers, so -0 reads back as 0 there; its
    // skiplist keeps -0.
    SortedSet packed;
    packed.add("a", -0.0);
    packed.add("b", 5);
    packed.add("b", -0.0); // an update is stored packed too
    QVERIFY(packed.isPacked());
    QVERIFY(!std::signbit(*packed.score("a")));
    QVERIFY(!std::signbit(*packed.score("b")));
    SortedSet skiplist;
    skiplist.convertToSkiplist();
    skiplist.add("a", -0.0);
    QVERIFY(std::signbit(*skiplist.score("a")));
    // The add that converts a set inserts after the conversion: that member keeps -0.
    SortedSet full;
    full.add("x", 1, ZsetLimits{1, 64});
    full.add("y", -0.0, ZsetLimits{1, 64});
    QVERIFY(!full.isPacked());
    QVERIFY(std::signbit(*full.score("y")));
    // Packing a skiplist turns -0 into 0.
    skiplist.packIfSmall(ZsetLimits{});
    QVERIFY(skiplist.isPacked());
    QVERIFY(!std::signbit(*skiplist.score("a")));
}

void tst_ZSet::conversionByCountAndLength()
{
    const ZsetLimits limits{4, 8};
    SortedSet z;
    for (int i = 0; i < 4; ++i)
        QVERIFY(z.add("m" + std::to_string(i), i, limits) == SortedSet::AddResult::Added);
    QVERIFY(z.isPacked());
    QCOMPARE(z.encodingName(), "listpack");
    // Updates never convert, even of a full set.
    QVERIFY(z.add("m0", 10, limits) == SortedSet::AddResult::Updated);
    QVERIFY(z.add("m0", 10, limits) == SortedSet::AddResult::Unchanged);
    QVERIFY(z.isPacked());
    QVERIFY(z.add("m4", 4, limits) == SortedSet::AddResult::Added);
    QVERIFY(!z.isPacked());
    QCOMPARE(z.encodingName(), "skiplist");
    QCOMPARE(collectRank(z, 0, SIZE_MAX, false),
             (Elements{{"m1", 1}, {"m2", 2}, {"m3", 3}, {"m4", 4}, {"m0", 10}}));
    // Shrinking does not pack again.
    z.popMin(4);
    QCOMPARE(z.size(), size_t(1));
    QVERIFY(!z.isPacked());
    // By length: 8 bytes stay packed, 9 convert.
    SortedSet byLength;
    byLength.add("12345678", 1, limits);
    QVERIFY(byLength.isPacked());
    byLength.add("123456789", 2, limits);
    QVERIFY(!byLength.isPacked());
    QCOMPARE(byLength.score("12345678"), std::optional<double>(1));
    // Limit 0 entries: never packed once something is added.
    SortedSet none;
    none.add("a", 1, ZsetLimits{0, 64});
    QVERIFY(!none.isPacked());
}

void tst_ZSet::packIfSmallAndFromSorted()
{
    SortedSet z;
    z.convertToSkiplist();
    for (int i = 0; i < 10; ++i)
        z.add("k" + std::to_string(i), 10 - i);
    const Elements before = collectRank(z, 0, SIZE_MAX, false);
    z.packIfSmall(ZsetLimits{9, 64}); // too many
    QVERIFY(!z.isPacked());
    z.packIfSmall(ZsetLimits{10, 1}); // members too long
    QVERIFY(!z.isPacked());
    z.packIfSmall(ZsetLimits{10, 2});
    QVERIFY(z.isPacked());
    QCOMPARE(collectRank(z, 0, SIZE_MAX, false), before);
    QCOMPARE(z.rank("k9"), std::optional<size_t>(0));

    const std::vector<std::pair<std::string, double>> sorted = {{"a", 1}, {"b", 1}, {"a0", 2}};
    for (bool packed : {true, false}) {
        SortedSet built = SortedSet::fromSorted(sorted, packed);
        QCOMPARE(built.isPacked(), packed);
        QCOMPARE(collectRank(built, 0, SIZE_MAX, false), (Elements{{"a", 1}, {"b", 1}, {"a0", 2}}));
        QCOMPARE(built.rank("a0"), std::optional<size_t>(2));
    }
}

void tst_ZSet::cloneKeepsRepresentation()
{
    SortedSet packed;
    packed.add("a", 1);
    packed.add("b", 2.5);
    SortedSet copy = packed.clone();
    QVERIFY(copy.isPacked());
    packed.add("c", 3);
    QCOMPARE(collectRank(copy, 0, SIZE_MAX, false), (Elements{{"a", 1}, {"b", 2.5}}));
    SortedSet skiplist;
    skiplist.convertToSkiplist();
    skiplist.add("a", -0.0);
    SortedSet copy2 = skiplist.clone();
    QVERIFY(!copy2.isPacked());
    QVERIFY(std::signbit(*copy2.score("a")));
}

void tst_ZSet::packedMemoryIsOneBlock()
{
    // The benchmark's ranking: ten 6-byte members with small integral scores.
    SortedSet z;
    for (int j = 0; j < 10; ++j)
        z.add("user:" + std::to_string(j), j * 10);
    QVERIFY(z.isPacked());
    // 10 * (7 + 2) data bytes + the 16-byte header, in one malloc chunk.
    QVERIFY2(z.memoryUsage() <= 128, qPrintable(QString::number(z.memoryUsage())));
    z.convertToSkiplist();
    QVERIFY2(z.memoryUsage() > 600, qPrintable(QString::number(z.memoryUsage())));
}

QTEST_APPLESS_MAIN(tst_ZSet)
#include "tst_zset.moc"
