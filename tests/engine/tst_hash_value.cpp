// Tests for engine/storage/hash_value.h: random sets, erases and lookups checked against a
// std::map model (and, while packed, an insertion-order model) across the conversion to a
// table by entry count and by length; the conversion points themselves; clone, random
// sampling, scan and the memory figures. Seeds are fixed.
#include "storage/hash_value.h"

#include <QTest>

#include <algorithm>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

using redscope::engine::HashLimits;
using redscope::engine::HashValue;

namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

Pairs contents(const HashValue &hash)
{
    Pairs out;
    hash.forEach([&](std::string_view f, std::string_view v) { out.emplace_back(f, v); });
    return out;
}

std::map<std::string, std::string> sorted(const HashValue &hash)
{
    std::map<std::string, std::string> out;
    hash.forEach([&](std::string_view f, std::string_view v) {
        QVERIFY(out.emplace(f, v).second); // no field twice
    });
    return out;
}

HashValue filled(int fields, const HashLimits &limits = {})
{
    HashValue hash;
    for (int i = 0; i < fields; ++i) {
        // (appended rather than "f" + ...: GCC 12 warns falsely about that form)
        std::string field = std::to_string(i), value = field;
        field.insert(field.begin(), 'f');
        value.insert(value.begin(), 'v');
        hash.set(field, value, limits);
    }
    return hash;
}

} // namespace

class HashValueTest : public QObject
{
    Q_OBJECT

private slots:
    void randomOperationsMatchMap_data();
    void randomOperationsMatchMap();
    void convertsByCountAndLength();
    void convertIfLongerOnlyWhenLonger();
    void cloneKeepsRepresentation();
    void randomSamplesAreDistinctMembers();
    void scanOfPackedHashIsOneCall();
    void memoryFiguresFollowContents();
};

void HashValueTest::randomOperationsMatchMap_data()
{
    QTest::addColumn<uint32_t>("seed");
    QTest::addColumn<int>("fieldRange");
    QTest::addColumn<int>("maxLength");
    QTest::newRow("stays packed") << 1u << 40 << 20;
    QTest::newRow("converts by count") << 2u << 400 << 20;
    QTest::newRow("converts by length") << 3u << 40 << 80;
    QTest::newRow("empty strings") << 4u << 10 << 2;
}

void HashValueTest::randomOperationsMatchMap()
{
    QFETCH(uint32_t, seed);
    QFETCH(int, fieldRange);
    QFETCH(int, maxLength);
    std::mt19937 random(seed);
    const HashLimits limits{64, 64};
    auto randomField = [&] { return "field" + std::to_string(random() % fieldRange); };
    auto randomValue = [&] {
        std::string value(random() % static_cast<uint32_t>(maxLength + 1), 'a');
        for (char &c : value)
            c = static_cast<char>('a' + random() % 26);
        return value;
    };
    HashValue hash;
    std::map<std::string, std::string> model;
    Pairs order; // insertion order, which a packed hash keeps
    bool everConverted = false;
    for (int step = 0; step < 4000; ++step) {
        const uint32_t op = random() % 10;
        const std::string field = randomField();
        if (op < 6) {
            const std::string value = randomValue();
            const bool created = model.find(field) == model.end();
            const bool wasPacked = hash.packed();
            QCOMPARE(hash.set(field, value, limits), created);
            model[field] = value;
            auto it = std::find_if(order.begin(), order.end(),
                                   [&](const auto &p) { return p.first == field; });
            if (it == order.end())
                order.emplace_back(field, value);
            else
                it->second = value;
            // Packed exactly while within the limits (once a table, for good).
            if (wasPacked) {
                bool fits = model.size() <= limits.maxEntries;
                for (const auto &[f, v] : model)
                    fits = fits && f.size() <= limits.maxValue && v.size() <= limits.maxValue;
                QCOMPARE(hash.packed(), fits);
            } else {
                QVERIFY(!hash.packed());
            }
        } else if (op < 9) {
            const bool present = model.erase(field) > 0;
            QCOMPARE(hash.erase(field), present);
            std::erase_if(order, [&](const auto &p) { return p.first == field; });
        } else {
            auto it = model.find(field);
            auto got = hash.get(field);
            QCOMPARE(got.has_value(), it != model.end());
            if (got) QCOMPARE(std::string(*got), it->second);
            QCOMPARE(hash.exists(field), it != model.end());
        }
        everConverted = everConverted || !hash.packed();
        QCOMPARE(hash.size(), model.size());
        if (step % 50 == 0) {
            if (hash.packed()) QCOMPARE(contents(hash), order);
            QCOMPARE(sorted(hash), model);
        }
    }
    QCOMPARE(sorted(hash), model);
    QCOMPARE(everConverted, fieldRange > 100 || maxLength > 64);
}

void HashValueTest::convertsByCountAndLength()
{
    const HashLimits limits{4, 8};
    HashValue hash = filled(4, limits);
    QVERIFY(hash.packed());
    QCOMPARE(hash.encodingName(), "listpack");
    hash.set("f0", "updated", limits); // an update does not add an entry
    QVERIFY(hash.packed());
    hash.set("f4", "v4", limits);
    QVERIFY(!hash.packed());
    QCOMPARE(hash.encodingName(), "hashtable");
    hash.erase("f4");
    hash.erase("f3");
    QVERIFY(!hash.packed()); // never back

    HashValue longValue = filled(2, limits);
    QVERIFY(!longValue.set("f0", "123456789", limits)); // 9 bytes > 8
    QVERIFY(!longValue.packed());
    QCOMPARE(std::string(*longValue.get("f0")), std::string("123456789"));

    HashValue longField = filled(2, limits);
    QVERIFY(longField.set("123456789", "x", limits));
    QVERIFY(!longField.packed());
    QCOMPARE(longField.size(), size_t{3});

    HashValue exact = filled(1, limits);
    exact.set("12345678", "12345678", limits); // at the limit: still packed
    QVERIFY(exact.packed());

    HashValue none = filled(1, HashLimits{0, 64}); // entries 0: every hash is a table
    QVERIFY(!none.packed());
}

void HashValueTest::convertIfLongerOnlyWhenLonger()
{
    const HashLimits limits{128, 10};
    HashValue hash = filled(3, limits);
    hash.convertIfLonger(10, limits);
    QVERIFY(hash.packed());
    const Pairs before = contents(hash);
    hash.convertIfLonger(11, limits);
    QVERIFY(!hash.packed());
    std::map<std::string, std::string> expected(before.begin(), before.end());
    QCOMPARE(sorted(hash), expected);
}

void HashValueTest::cloneKeepsRepresentation()
{
    HashValue packed = filled(10);
    HashValue copy = packed.clone();
    QVERIFY(copy.packed());
    QCOMPARE(contents(copy), contents(packed));
    copy.set("f0", "changed", HashLimits{});
    QCOMPARE(std::string(*packed.get("f0")), std::string("v0"));

    HashValue table = filled(600);
    QVERIFY(!table.packed());
    HashValue tableCopy = table.clone();
    QVERIFY(!tableCopy.packed());
    QCOMPARE(sorted(tableCopy), sorted(table));

    HashValue empty;
    QVERIFY(empty.clone().empty());
}

void HashValueTest::randomSamplesAreDistinctMembers()
{
    std::mt19937_64 random(9);
    for (int fields : {5, 100, 1000}) {
        HashValue hash = filled(fields);
        QCOMPARE(hash.packed(), fields <= 512);
        const auto model = sorted(hash);
        std::set<std::string> seenByRandomPair;
        for (int i = 0; i < 2000; ++i) {
            auto [field, value] = hash.randomPair(random);
            auto it = model.find(std::string(field));
            QVERIFY(it != model.end());
            QCOMPARE(std::string(value), it->second);
            seenByRandomPair.emplace(field);
        }
        if (fields <= 100) QCOMPARE(seenByRandomPair.size(), size_t(fields));
        for (size_t count : {size_t{1}, size_t(fields / 2), size_t(fields - 1)}) {
            if (count == 0) continue;
            auto picked = hash.randomDistinct(count, random);
            QCOMPARE(picked.size(), count);
            std::set<std::string> distinct;
            for (auto [field, value] : picked) {
                auto it = model.find(std::string(field));
                QVERIFY(it != model.end());
                QCOMPARE(std::string(value), it->second);
                distinct.emplace(field);
            }
            QCOMPARE(distinct.size(), count);
        }
    }
    // Independent draws, packed or not: every field drawn, values matching, roughly uniform.
    for (int fields : {10, 600}) {
        HashValue hash = filled(fields);
        const auto model = sorted(hash);
        std::map<std::string, int> draws;
        size_t calls = 0;
        hash.randomPairs(3000 * static_cast<size_t>(fields), random,
                         [&](std::string_view field, std::string_view value) {
                             ++calls;
                             auto it = model.find(std::string(field));
                             QVERIFY(it != model.end());
                             QCOMPARE(std::string(value), it->second);
                             ++draws[std::string(field)];
                         });
        QCOMPARE(calls, 3000 * static_cast<size_t>(fields));
        QCOMPARE(draws.size(), size_t(fields));
        if (fields == 10) {
            for (const auto &[field, n] : draws)
                QVERIFY2(n > 2500 && n < 3500, field.c_str()); // expected 3000 each
        }
    }
    // Every field of a packed hash gets picked by the sampler over many draws.
    HashValue hash = filled(10);
    std::set<std::string> picked;
    for (int i = 0; i < 200; ++i)
        for (auto [field, value] : hash.randomDistinct(3, random))
            picked.emplace(field);
    QCOMPARE(picked.size(), size_t{10});
}

void HashValueTest::scanOfPackedHashIsOneCall()
{
    HashValue packed = filled(20);
    Pairs seen;
    auto collect = [&](std::string_view f, std::string_view v) { seen.emplace_back(f, v); };
    QCOMPARE(packed.scan(0, collect), uint64_t{0});
    QCOMPARE(seen, contents(packed));
    seen.clear();
    QCOMPARE(packed.scan(12345, collect), uint64_t{0}); // any cursor: the whole hash
    QCOMPARE(seen.size(), size_t{20});

    HashValue table = filled(600);
    std::map<std::string, std::string> scanned;
    uint64_t cursor = 0;
    int calls = 0;
    do {
        cursor = table.scan(cursor,
                            [&](std::string_view f, std::string_view v) { scanned.emplace(f, v); });
        ++calls;
    } while (cursor != 0);
    QVERIFY(calls > 1);
    QCOMPARE(scanned, sorted(table));
}

void HashValueTest::memoryFiguresFollowContents()
{
    HashValue empty;
    QCOMPARE(empty.accountingBytes(), size_t{0});
    HashValue small = filled(10);
    // The block: 16-byte header, ~60 bytes of pairs, rounded to the allocator's chunk.
    QVERIFY2(small.accountingBytes() >= 64 && small.accountingBytes() <= 128,
             std::to_string(small.accountingBytes()).c_str());
    QCOMPARE(small.memoryUsage(0), small.accountingBytes());
    HashValue bigger = filled(100);
    QVERIFY(bigger.accountingBytes() > small.accountingBytes());
    HashValue table = filled(1000);
    // A table costs far more per field than the packed form.
    QVERIFY(table.accountingBytes() / 1000 > bigger.accountingBytes() / 100);
    QVERIFY(table.memoryUsage(0) > 1000 * 10);
    QCOMPARE(sizeof(HashValue), 2 * sizeof(void *));
}

QTEST_GUILESS_MAIN(HashValueTest)
#include "tst_hash_value.moc"
