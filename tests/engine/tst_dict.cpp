// Tests for engine/storage/dict.h: lookups across incremental rehashing, SCAN's guarantee
// while the table grows and shrinks between calls, heterogeneous lookup, random sampling,
// move-only values, and the hash's spread. Seeds are fixed so failures reproduce.
#include "storage/dict.h"

#include <QTest>

#include <map>
#include <memory>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

using redscope::engine::Dict;
using redscope::engine::hashBytes;

namespace {

constexpr uint64_t kSeed = 0x1234abcdULL;

std::string keyName(int i)
{
    return "key:" + std::to_string(i);
}

// Runs a full SCAN, calling between(step) after every call, and counts visits per key.
template <typename V, typename Between>
std::map<std::string, int> scanAll(Dict<V> &d, Between between)
{
    std::map<std::string, int> seen;
    uint64_t cursor = 0;
    int step = 0;
    do {
        cursor = d.scan(cursor, [&](std::string_view k, V &) { ++seen[std::string(k)]; });
        between(step++);
        if (step > 1'000'000) break; // a broken cursor must fail the test, not hang it
    } while (cursor != 0);
    return seen;
}

// What Dict::scanMany promises to do: the loop of scan() calls that SCAN made before it.
template <typename V>
uint64_t scanLoop(Dict<V> &d, uint64_t cursor, size_t maxBuckets, size_t minEntries,
                  std::vector<std::string> *visited)
{
    size_t calls = 0;
    size_t seen = 0;
    do {
        cursor = d.scan(cursor, [&](std::string_view k, V &) {
            visited->emplace_back(k);
            ++seen;
        });
    } while (cursor != 0 && ++calls < maxBuckets && seen < minEntries);
    return cursor;
}

} // namespace

class tst_Dict : public QObject
{
    Q_OBJECT

private slots:
    void emptyDict();
    void insertFindErase100kDuringRehash();
    void rehashStepFinishesRehash();
    void shrinksAfterMassErase();
    void heterogeneousLookup();
    void tryEmplaceDoesNotOverwrite();
    void insertOrAssign();
    void takeMovesValueOut();
    void clearReleasesEverything();
    void moveConstructAndAssign();
    void scanUnchangedTableReturnsEachKeyOnce();
    void scanWhileGrowing();
    void scanWhileShrinking();
    void scanWhileRehashingBetweenCalls();
    void scanMayEraseCurrentEntry();
    void scanManyMatchesLoopOfScan();
    void scanManyWhileGrowingAndShrinking();
    void forEachVisitsAllAndMayErase();
    void randomEntryDistribution();
    void randomEntryDuringRehash();
    void hashSpreadsSequentialKeys();
    void hashDependsOnSeedAndEveryByte();
    void memoryUsageTracksLongKeys();
    void keysAcrossLengthPrefixBoundary();
};

void tst_Dict::emptyDict()
{
    Dict<int> d(kSeed);
    QCOMPARE(d.size(), size_t(0));
    QVERIFY(d.empty());
    QCOMPARE(d.bucketCount(), size_t(0));
    QVERIFY(d.find("x") == nullptr);
    QVERIFY(!d.erase("x"));
    QVERIFY(!d.take("x").has_value());
    QCOMPARE(d.scan(0, [](std::string_view, int &) { QFAIL("visited an empty dict"); }),
             uint64_t(0));
    std::mt19937_64 rng(1);
    auto [k, v] = d.randomEntry(rng);
    QVERIFY(!k && v == nullptr);
}

void tst_Dict::insertFindErase100kDuringRehash()
{
    constexpr int n = 100'000;
    Dict<int> d(kSeed);
    int rehashingChecks = 0;
    for (int i = 0; i < n; ++i) {
        auto [v, inserted] = d.tryEmplace(keyName(i), i);
        QVERIFY(inserted);
        QCOMPARE(*v, i);
        // While a rehash is in progress, every key inserted so far must still be found,
        // whichever of the two arrays it is in. Checking all keys every time would be
        // quadratic: check a sample of old keys and the newest one.
        if (d.isRehashing()) {
            ++rehashingChecks;
            QVERIFY(d.bucketCount() > 0);
            for (int j = 0; j <= i; j += 1 + i / 64) {
                const int *found = std::as_const(d).find(keyName(j));
                QVERIFY2(found && *found == j, qPrintable(QString::fromStdString(keyName(j))));
            }
        }
    }
    QVERIFY(rehashingChecks > 0);
    QCOMPARE(d.size(), size_t(n));
    for (int i = 0; i < n; ++i) {
        const int *v = d.find(keyName(i));
        QVERIFY(v);
        QCOMPARE(*v, i);
    }
    QVERIFY(d.find("key:100000") == nullptr);
    QVERIFY(d.find("key:") == nullptr);

    // Erase the odd keys; the even ones must stay, the odd ones must be gone.
    for (int i = 1; i < n; i += 2)
        QVERIFY(d.erase(keyName(i)));
    QVERIFY(!d.erase(keyName(1)));
    QCOMPARE(d.size(), size_t(n / 2));
    for (int i = 0; i < n; ++i) {
        const int *v = d.find(keyName(i));
        if (i % 2 == 0) {
            QVERIFY(v);
            QCOMPARE(*v, i);
        } else {
            QVERIFY(v == nullptr);
        }
    }
}

void tst_Dict::rehashStepFinishesRehash()
{
    Dict<int> d(kSeed);
    // 4 -> 8 -> ... : insert until the 1024-bucket table is full, then one more key starts
    // a rehash to 2048 buckets.
    int i = 0;
    for (; !(d.bucketCount() == 1024 && d.size() == 1024); ++i)
        d.tryEmplace(keyName(i), i);
    QVERIFY(!d.isRehashing());
    d.tryEmplace("one more", -1);
    QVERIFY(d.isRehashing());
    QCOMPARE(d.bucketCount(), size_t(1024 + 2048));
    int calls = 0;
    while (d.rehashStep(10))
        ++calls;
    QVERIFY(calls > 0);
    QVERIFY(!d.isRehashing());
    QCOMPARE(d.bucketCount(), size_t(2048));
    QCOMPARE(d.size(), size_t(1025));
    for (int j = 0; j < i; ++j)
        QCOMPARE(*d.find(keyName(j)), j);
    QCOMPARE(*d.find("one more"), -1);
    QVERIFY(!d.rehashStep(1));
}

void tst_Dict::shrinksAfterMassErase()
{
    Dict<int> d(kSeed);
    for (int i = 0; i < 10'000; ++i)
        d.tryEmplace(keyName(i), i);
    while (d.rehashStep(100)) {
    }
    QCOMPARE(d.bucketCount(), size_t(16384));
    for (int i = 10; i < 10'000; ++i)
        QVERIFY(d.erase(keyName(i)));
    while (d.rehashStep(100)) {
    }
    QCOMPARE(d.size(), size_t(10));
    // The load factor stays at 1/8 or above once rehashing settles.
    QVERIFY2(d.bucketCount() <= 80, qPrintable(QString::number(d.bucketCount())));
    QVERIFY(std::has_single_bit(d.bucketCount()));
    for (int i = 0; i < 10; ++i)
        QCOMPARE(*d.find(keyName(i)), i);
    for (int i = 0; i < 10; ++i)
        QVERIFY(d.erase(keyName(i)));
    while (d.rehashStep(100)) {
    }
    QVERIFY(d.empty());
    QCOMPARE(d.bucketCount(), Dict<int>::kMinBuckets);
}

void tst_Dict::heterogeneousLookup()
{
    Dict<int> d(kSeed);
    const std::string buffer = "SET user:1000 value";
    const std::string_view key = std::string_view(buffer).substr(4, 9); // "user:1000", no NUL
    QVERIFY(d.tryEmplace(key, 7).second);
    QCOMPARE(*d.find("user:1000"), 7);
    QCOMPARE(*d.find(std::string("user:1000")), 7);
    QVERIFY(d.find("user:100") == nullptr);
    QVERIFY(d.find("user:10000") == nullptr);
    const std::optional<std::string_view> stored = d.findKey(key);
    QVERIFY(stored);
    QCOMPARE(std::string(*stored), std::string("user:1000"));
    QVERIFY(stored->data() != key.data()); // the Dict's own copy, not the caller's buffer

    // Binary keys: embedded NULs and high bytes are part of the key.
    const std::string withNul("a\0b", 3);
    const std::string justA("a");
    d.tryEmplace(withNul, 1);
    d.tryEmplace(justA, 2);
    d.tryEmplace(std::string_view(), 3);
    d.tryEmplace("\xff\xfe", 4);
    QCOMPARE(*d.find(withNul), 1);
    QCOMPARE(*d.find(justA), 2);
    QCOMPARE(*d.find(""), 3);
    QCOMPARE(*d.find("\xff\xfe"), 4);
    QVERIFY(d.find(std::string("a\0c", 3)) == nullptr);
    QCOMPARE(d.size(), size_t(5));
    // Erasing through a view of the stored key itself.
    QVERIFY(d.erase(*d.findKey(withNul)));
    QVERIFY(d.find(withNul) == nullptr);
    QCOMPARE(*d.find(justA), 2);
}

void tst_Dict::tryEmplaceDoesNotOverwrite()
{
    Dict<std::string> d(kSeed);
    auto [v1, ins1] = d.tryEmplace("k", "first");
    QVERIFY(ins1);
    auto [v2, ins2] = d.tryEmplace("k", "second");
    QVERIFY(!ins2);
    QCOMPARE(v1, v2);
    QCOMPARE(*v2, std::string("first"));
    *v2 = "changed";
    QCOMPARE(*d.find("k"), std::string("changed"));
}

void tst_Dict::insertOrAssign()
{
    Dict<std::unique_ptr<int>> d(kSeed);
    QVERIFY(d.insertOrAssign("k", std::make_unique<int>(1)).second);
    auto [v, inserted] = d.insertOrAssign("k", std::make_unique<int>(2));
    QVERIFY(!inserted);
    QCOMPARE(**v, 2);
    QCOMPARE(d.size(), size_t(1));
}

void tst_Dict::takeMovesValueOut()
{
    Dict<std::unique_ptr<int>> d(kSeed);
    for (int i = 0; i < 100; ++i)
        d.tryEmplace(keyName(i), std::make_unique<int>(i));
    std::optional<std::unique_ptr<int>> v = d.take("key:42");
    QVERIFY(v.has_value());
    QVERIFY(*v != nullptr);
    QCOMPARE(**v, 42);
    QVERIFY(d.find("key:42") == nullptr);
    QVERIFY(!d.take("key:42").has_value());
    QCOMPARE(d.size(), size_t(99));
    QCOMPARE(**d.find("key:43"), 43);
}

void tst_Dict::clearReleasesEverything()
{
    Dict<std::string> d(kSeed);
    for (int i = 0; i < 5000; ++i)
        d.tryEmplace(keyName(i) + std::string(40, 'x'), std::string(100, 'v'));
    // Per entry at least: next pointer, the std::string value and the 40+ key bytes inline.
    QVERIFY(d.memoryUsage() > 5000 * (8 + sizeof(std::string) + 40));
    d.clear();
    QCOMPARE(d.size(), size_t(0));
    QCOMPARE(d.bucketCount(), size_t(0));
    QVERIFY(!d.isRehashing());
    QCOMPARE(d.memoryUsage(), sizeof(d));
    QVERIFY(d.find(keyName(1) + std::string(40, 'x')) == nullptr);
    QVERIFY(d.tryEmplace("again", "yes").second);
    QCOMPARE(*d.find("again"), std::string("yes"));
    QCOMPARE(d.size(), size_t(1));
}

void tst_Dict::moveConstructAndAssign()
{
    Dict<int> a(kSeed);
    for (int i = 0; i < 3000; ++i)
        a.tryEmplace(keyName(i), i);
    QVERIFY(a.isRehashing() || a.size() == 3000);
    Dict<int> b(std::move(a));
    QCOMPARE(b.size(), size_t(3000));
    QCOMPARE(a.size(), size_t(0));
    QVERIFY(a.find(keyName(5)) == nullptr);
    for (int i = 0; i < 3000; ++i)
        QCOMPARE(*b.find(keyName(i)), i);

    Dict<int> c(kSeed + 1); // another seed: the move must carry the seed with the entries
    c.tryEmplace("old", 1);
    c = std::move(b);
    QCOMPARE(c.size(), size_t(3000));
    QVERIFY(c.find("old") == nullptr);
    for (int i = 0; i < 3000; ++i)
        QCOMPARE(*c.find(keyName(i)), i);
    // The moved-from dict is usable.
    b.tryEmplace("reuse", 9);
    QCOMPARE(*b.find("reuse"), 9);
}

void tst_Dict::scanUnchangedTableReturnsEachKeyOnce()
{
    Dict<int> d(kSeed);
    for (int i = 0; i < 5000; ++i)
        d.tryEmplace(keyName(i), i);
    while (d.rehashStep(100)) {
    }
    const auto seen = scanAll(d, [](int) {});
    QCOMPARE(seen.size(), size_t(5000));
    for (const auto &[k, count] : seen)
        QCOMPARE(count, 1);
}

void tst_Dict::scanWhileGrowing()
{
    // Keys 0..999 exist for the whole scan; each call is followed by inserts that make the
    // table grow several times (and be mid-rehash at many calls).
    Dict<int> d(kSeed);
    for (int i = 0; i < 1000; ++i)
        d.tryEmplace(keyName(i), i);
    int next = 1000;
    int rehashingCalls = 0;
    // Inserting 40 keys per call outpaces a scan of one bucket per call; stop at 16k keys so
    // that the scan can finish.
    const auto seen = scanAll(d, [&](int) {
        for (int j = 0; j < 40 && next < 16000; ++j, ++next)
            d.tryEmplace(keyName(next), next);
        rehashingCalls += d.isRehashing();
    });
    QCOMPARE(next, 16000); // the table grew from 1024 to 16384 buckets during the scan
    QVERIFY(rehashingCalls > 0);
    for (int i = 0; i < 1000; ++i)
        QVERIFY2(seen.count(keyName(i)) == 1 && seen.at(keyName(i)) >= 1,
                 qPrintable(QString::fromStdString(keyName(i))));
    for (const auto &[k, count] : seen)
        QVERIFY(count >= 1);
}

void tst_Dict::scanWhileShrinking()
{
    // Keys 0..199 stay; 20000 others are deleted while the scan runs, so the table shrinks
    // (and rehashes) between calls. Stable keys may come back twice, never zero times.
    Dict<int> d(kSeed);
    for (int i = 0; i < 20200; ++i)
        d.tryEmplace(keyName(i), i);
    while (d.rehashStep(100)) {
    }
    const size_t bucketsBefore = d.bucketCount();
    int nextToDelete = 200;
    const auto seen = scanAll(d, [&](int) {
        for (int j = 0; j < 300 && nextToDelete < 20200; ++j)
            QVERIFY(d.erase(keyName(nextToDelete++)));
    });
    QCOMPARE(nextToDelete, 20200);
    while (d.rehashStep(100)) {
    }
    QVERIFY(d.bucketCount() <= bucketsBefore / 64);
    for (int i = 0; i < 200; ++i)
        QVERIFY2(seen.count(keyName(i)) == 1, qPrintable(QString::fromStdString(keyName(i))));
}

void tst_Dict::scanWhileRehashingBetweenCalls()
{
    // Mixed: random inserts and deletes of other keys, and explicit rehash steps, between
    // calls; repeated with several seeds.
    for (uint64_t seed = 1; seed <= 20; ++seed) {
        Dict<int> d(seed);
        std::mt19937_64 rng(seed);
        for (int i = 0; i < 500; ++i)
            d.tryEmplace("stable:" + std::to_string(i), i);
        std::vector<std::string> churn;
        const auto seen = scanAll(d, [&](int) {
            const int op = static_cast<int>(rng() % 10);
            if (op < 5) {
                for (int j = 0; j < 30 && churn.size() < 5000; ++j) {
                    churn.push_back("churn:" + std::to_string(rng()));
                    d.tryEmplace(churn.back(), 0);
                }
            } else if (op < 9) {
                for (int j = 0; j < 40 && !churn.empty(); ++j) {
                    d.erase(churn.back());
                    churn.pop_back();
                }
            } else {
                d.rehashStep(static_cast<int>(rng() % 8));
            }
        });
        for (int i = 0; i < 500; ++i)
            QVERIFY2(seen.count("stable:" + std::to_string(i)) == 1,
                     qPrintable(QStringLiteral("seed %1 key %2").arg(seed).arg(i)));
    }
}

void tst_Dict::scanMayEraseCurrentEntry()
{
    Dict<int> d(kSeed);
    for (int i = 0; i < 3000; ++i)
        d.tryEmplace(keyName(i), i);
    std::set<std::string> erased;
    uint64_t cursor = 0;
    do {
        cursor = d.scan(cursor, [&](std::string_view k, int &v) {
            if (v % 3 == 0) {
                erased.emplace(k);
                QVERIFY(d.erase(std::string(k)));
            }
        });
    } while (cursor != 0);
    QCOMPARE(erased.size(), size_t(1000));
    QCOMPARE(d.size(), size_t(2000));
    for (int i = 0; i < 3000; ++i)
        QCOMPARE(d.find(keyName(i)) != nullptr, i % 3 != 0);
}

void tst_Dict::scanManyMatchesLoopOfScan()
{
    // Same cursors and same entries in the same order as the loop of scan() it replaces, on
    // a settled table and on one caught mid-rehash (growing and shrinking), from random
    // cursors (bits above the mask included) with random budgets.
    std::mt19937_64 rng(7);
    for (int round = 0; round < 3; ++round) {
        Dict<int> d(kSeed + round);
        for (int i = 0; i < 20000; ++i)
            d.tryEmplace(keyName(i), i);
        if (round == 0) {
            while (d.rehashStep(100)) {
            }
        } else if (round == 2) {
            while (d.rehashStep(100)) {
            }
            for (int i = 0; i < 18000; ++i)
                d.erase(keyName(i));
        }
        QCOMPARE(d.isRehashing(), round != 0);
        for (int trial = 0; trial < 300; ++trial) {
            const uint64_t cursor = trial == 0 ? 0 : rng();
            const size_t maxBuckets = 1 + rng() % 200;
            const size_t minEntries = rng() % 100;
            std::vector<std::string> expected;
            std::vector<std::string> got;
            const uint64_t next = scanLoop(d, cursor, maxBuckets, minEntries, &expected);
            const uint64_t nextMany =
                d.scanMany(cursor, maxBuckets, minEntries,
                           [&](std::string_view k, int &) { got.emplace_back(k); });
            QCOMPARE(nextMany, next);
            QCOMPARE(got, expected);
        }
        // And a whole walk, batch by batch, sees every key exactly as often.
        std::vector<std::string> expected;
        std::vector<std::string> got;
        uint64_t cursor = 0;
        do {
            cursor = scanLoop(d, cursor, 1000, 100, &expected);
        } while (cursor != 0);
        do {
            cursor = d.scanMany(cursor, 1000, 100,
                                [&](std::string_view k, int &) { got.emplace_back(k); });
        } while (cursor != 0);
        QCOMPARE(got, expected);
        QCOMPARE(std::set<std::string>(got.begin(), got.end()).size(), d.size());
    }
    Dict<int> empty(kSeed);
    QCOMPARE(empty.scanMany(5, 10, 10, [](std::string_view, int &) { QFAIL("visited"); }),
             uint64_t(0));
}

void tst_Dict::scanManyWhileGrowingAndShrinking()
{
    // Keys stable:0..999 are there for the whole walk; between batches other keys are
    // inserted until the table has grown 16x, then all erased so that it shrinks back, with
    // rehash steps in between. Every stable key is returned at least once.
    for (uint64_t seed = 1; seed <= 10; ++seed) {
        Dict<int> d(seed);
        std::mt19937_64 rng(seed);
        for (int i = 0; i < 1000; ++i)
            d.tryEmplace("stable:" + std::to_string(i), i);
        std::vector<std::string> churn;
        bool growing = true;
        int rehashingBatches = 0;
        std::map<std::string, int> seen;
        uint64_t cursor = 0;
        int batches = 0;
        do {
            cursor = d.scanMany(cursor, 1 + rng() % 64, rng() % 40,
                                [&](std::string_view k, int &) { ++seen[std::string(k)]; });
            if (growing) {
                for (int j = 0; j < 200; ++j) {
                    churn.push_back("churn:" + std::to_string(rng()));
                    d.tryEmplace(churn.back(), 0);
                }
                growing = churn.size() < 16000;
            } else {
                for (int j = 0; j < 300 && !churn.empty(); ++j) {
                    d.erase(churn.back());
                    churn.pop_back();
                }
            }
            if (rng() % 4 == 0) d.rehashStep(static_cast<int>(rng() % 8));
            rehashingBatches += d.isRehashing();
        } while (cursor != 0 && ++batches < 1'000'000);
        QVERIFY(cursor == 0);
        QVERIFY(rehashingBatches > 0);
        for (int i = 0; i < 1000; ++i)
            QVERIFY2(seen.count("stable:" + std::to_string(i)) == 1,
                     qPrintable(QStringLiteral("seed %1 key %2").arg(seed).arg(i)));
    }
}

void tst_Dict::forEachVisitsAllAndMayErase()
{
    Dict<int> d(kSeed);
    for (int i = 0; i < 4000; ++i)
        d.tryEmplace(keyName(i), i);
    long long sum = 0;
    size_t visits = 0;
    d.forEach([&](std::string_view k, int &v) {
        QCOMPARE(k, keyName(v));
        sum += v;
        ++visits;
        if (v % 2) d.erase(k);
    });
    QCOMPARE(visits, size_t(4000));
    QCOMPARE(sum, 3999LL * 4000 / 2);
    QCOMPARE(d.size(), size_t(2000));
    for (int i = 0; i < 4000; ++i)
        QCOMPARE(d.find(keyName(i)) != nullptr, i % 2 == 0);
}

void tst_Dict::randomEntryDistribution()
{
    constexpr int keys = 200;
    constexpr int samples = 200'000;
    Dict<int> d(kSeed);
    for (int i = 0; i < keys; ++i)
        d.tryEmplace(keyName(i), i);
    while (d.rehashStep(100)) {
    }
    std::mt19937_64 rng(99);
    std::vector<int> hits(keys, 0);
    for (int s = 0; s < samples; ++s) {
        auto [k, v] = d.randomEntry(rng);
        QVERIFY(k && v);
        QCOMPARE(std::string(*k), keyName(*v));
        ++hits[*v];
    }
    // Chains make it only roughly fair: a key sharing its bucket with others is picked less
    // often. Every key must show up, none may dominate.
    const double expected = double(samples) / keys;
    const auto [lo, hi] = std::minmax_element(hits.begin(), hits.end());
    QVERIFY2(*lo > expected / 5, qPrintable(QString::number(*lo)));
    QVERIFY2(*hi < expected * 3, qPrintable(QString::number(*hi)));
}

void tst_Dict::randomEntryDuringRehash()
{
    Dict<int> d(kSeed);
    int i = 0;
    for (; !(d.bucketCount() == 512 && d.size() == 512); ++i)
        d.tryEmplace(keyName(i), i);
    d.tryEmplace(keyName(i), i); // starts a rehash to 1024
    QVERIFY(d.isRehashing());
    std::mt19937_64 rng(5);
    std::set<int> distinct;
    for (int s = 0; s < 20; ++s) {
        auto [k, v] = d.randomEntry(rng);
        QVERIFY(k && v);
        QCOMPARE(std::string(*k), keyName(*v));
        distinct.insert(*v);
    }
    QVERIFY(d.isRehashing()); // 20 single steps do not finish 512 buckets
    QVERIFY(distinct.size() > 10);
}

void tst_Dict::hashSpreadsSequentialKeys()
{
    // Sequential keys into 1024 buckets by the low bits: a chi-square statistic far above
    // the bucket count would mean the low bits are poorly mixed.
    constexpr int buckets = 1024;
    constexpr int n = 100'000;
    std::vector<int> counts(buckets, 0);
    for (int i = 0; i < n; ++i) {
        const std::string k = keyName(i);
        ++counts[hashBytes(k.data(), k.size(), kSeed) & (buckets - 1)];
    }
    const double expected = double(n) / buckets;
    double chi2 = 0;
    for (int c : counts)
        chi2 += (c - expected) * (c - expected) / expected;
    // df = 1023: mean 1023, sd ~45. 1250 is five standard deviations.
    QVERIFY2(chi2 < 1250, qPrintable(QString::number(chi2)));

    // Same for binary keys of every length 2..40 (all tail paths), distinct in their first
    // two bytes only, zero elsewhere.
    std::fill(counts.begin(), counts.end(), 0);
    std::string k;
    int total = 0;
    for (int len = 2; len <= 40; ++len) {
        for (int i = 0; i < 2000; ++i, ++total) {
            k.assign(static_cast<size_t>(len), '\0');
            for (int b = 0; b < 2; ++b)
                k[static_cast<size_t>(b)] = static_cast<char>(i >> (8 * b));
            ++counts[hashBytes(k.data(), k.size(), kSeed) & (buckets - 1)];
        }
    }
    const double expected2 = double(total) / buckets;
    double chi2b = 0;
    for (int c : counts)
        chi2b += (c - expected2) * (c - expected2) / expected2;
    QVERIFY2(chi2b < 1250, qPrintable(QString::number(chi2b)));
}

void tst_Dict::hashDependsOnSeedAndEveryByte()
{
    const std::string base(37, 'a');
    const uint64_t h = hashBytes(base.data(), base.size(), kSeed);
    QVERIFY(h != hashBytes(base.data(), base.size(), kSeed + 1));
    QCOMPARE(h, hashBytes(base.data(), base.size(), kSeed));
    for (size_t i = 0; i < base.size(); ++i) {
        std::string flipped = base;
        flipped[i] ^= 1;
        const uint64_t hf = hashBytes(flipped.data(), flipped.size(), kSeed);
        // Avalanche: one flipped input bit changes about half the output bits.
        const int changed = std::popcount(h ^ hf);
        QVERIFY2(changed > 12 && changed < 52, qPrintable(QString::number(i)));
    }
    // Length is mixed in: zero bytes of different lengths differ.
    const std::string z1(1, '\0'), z2(2, '\0');
    QVERIFY(hashBytes(z1.data(), 1, kSeed) != hashBytes(z2.data(), 2, kSeed));
    QVERIFY(hashBytes(nullptr, 0, kSeed) != hashBytes(z1.data(), 1, kSeed));
}

void tst_Dict::memoryUsageTracksLongKeys()
{
    Dict<int> shortKeys(kSeed);
    Dict<int> longKeys(kSeed);
    for (int i = 0; i < 1000; ++i) {
        shortKeys.tryEmplace(std::to_string(i), i);
        longKeys.tryEmplace(std::string(100, 'k') + std::to_string(i), i);
    }
    QCOMPARE(longKeys.bucketCount(), shortKeys.bucketCount());
    QVERIFY(longKeys.memoryUsage() - shortKeys.memoryUsage() >= 1000 * 100);
    for (int i = 0; i < 1000; ++i)
        longKeys.erase(std::string(100, 'k') + std::to_string(i));
    while (longKeys.rehashStep(100)) {
    }
    QCOMPARE(longKeys.memoryUsage(), sizeof(longKeys) + longKeys.bucketCount() * sizeof(void *));
}

// Keys are stored inline with a 1-byte length below 255 bytes and a 9-byte one from 255 on:
// every length around the switch must round-trip through insert, find, scan and erase.
void tst_Dict::keysAcrossLengthPrefixBoundary()
{
    struct Empty
    {
    };
    Dict<Empty> d(kSeed);
    std::vector<std::string> keys;
    for (size_t len : {0, 1, 253, 254, 255, 256, 257, 4096, 70000}) {
        std::string key(len, 'a');
        for (size_t i = 0; i < len; ++i)
            key[i] = static_cast<char>('a' + (i * 7 + len) % 26);
        keys.push_back(key);
        QVERIFY(d.tryEmplace(key).second);
    }
    for (const std::string &key : keys) {
        const std::optional<std::string_view> stored = d.findKey(key);
        QVERIFY(stored);
        QCOMPARE(std::string(*stored), key);
    }
    std::multiset<std::string> seen;
    uint64_t cursor = 0;
    do {
        cursor = d.scan(cursor, [&](std::string_view k, Empty &) { seen.emplace(k); });
    } while (cursor != 0);
    QCOMPARE(seen, std::multiset<std::string>(keys.begin(), keys.end()));
    for (const std::string &key : keys)
        QVERIFY(d.erase(key));
    QVERIFY(d.empty());
    while (d.rehashStep(100)) {
    }
    QCOMPARE(d.memoryUsage(), sizeof(d) + d.bucketCount() * sizeof(void *));
}

QTEST_APPLESS_MAIN(tst_Dict)
#include "tst_dict.moc"
