// Tests for engine/storage/packed_entries.h: random inserts, replaces and erases checked
// against a std::vector model (value sizes straddle the 1-, 2- and 3-byte length headers),
// pair lookups with a stride, and the copy/move/clear cases. Seeds are fixed.
#include "storage/packed_entries.h"

#include <QTest>

#include <random>
#include <string>
#include <vector>

using redscope::engine::PackedEntries;

namespace {

std::vector<std::string> contents(const PackedEntries &entries)
{
    std::vector<std::string> out;
    entries.forEach([&](std::string_view entry) { out.emplace_back(entry); });
    return out;
}

size_t offsetOf(const PackedEntries &entries, size_t index)
{
    return entries.skip(0, index);
}

} // namespace

class PackedEntriesTest : public QObject
{
    Q_OBJECT

private slots:
    void randomOperationsMatchVector_data();
    void randomOperationsMatchVector();
    void findWithStrideLooksAtFieldsOnly();
    void copyMoveAndClear();
    void memoryFollowsContents();
};

void PackedEntriesTest::randomOperationsMatchVector_data()
{
    QTest::addColumn<uint32_t>("seed");
    QTest::addColumn<int>("maxLength");
    QTest::newRow("short") << 1u << 20;
    QTest::newRow("1-2 byte headers") << 2u << 300;
    QTest::newRow("3 byte headers") << 3u << 20000;
}

void PackedEntriesTest::randomOperationsMatchVector()
{
    QFETCH(uint32_t, seed);
    QFETCH(int, maxLength);
    std::mt19937 random(seed);
    auto randomValue = [&] {
        size_t length = random() % static_cast<uint32_t>(maxLength + 1);
        std::string value(length, 'a');
        for (char &c : value)
            c = static_cast<char>('a' + random() % 26);
        return value;
    };
    PackedEntries entries;
    std::vector<std::string> model;
    for (int step = 0; step < 3000; ++step) {
        uint32_t op = random() % 10;
        if (op < 4 || model.empty()) {
            size_t index = random() % (model.size() + 1);
            std::string value = randomValue();
            entries.insert(offsetOf(entries, index), value);
            model.insert(model.begin() + static_cast<long>(index), value);
        } else if (op < 7) {
            size_t index = random() % model.size();
            std::string value = randomValue();
            entries.replace(offsetOf(entries, index), value);
            model[index] = value;
        } else {
            size_t index = random() % model.size();
            size_t count = 1 + random() % 3;
            count = std::min(count, model.size() - index);
            entries.erase(offsetOf(entries, index), count);
            model.erase(model.begin() + static_cast<long>(index),
                        model.begin() + static_cast<long>(index + count));
        }
        QCOMPARE(entries.count(), model.size());
        if (step % 50 == 0) QVERIFY(contents(entries) == model);
        if (model.size() > 60) { // keep it small, as its owners do
            entries.erase(0, 30);
            model.erase(model.begin(), model.begin() + 30);
        }
    }
    QVERIFY(contents(entries) == model);
    // find() returns the first equal entry.
    for (size_t i = 0; i < model.size(); ++i) {
        size_t first =
            static_cast<size_t>(std::find(model.begin(), model.end(), model[i]) - model.begin());
        QCOMPARE(entries.find(model[i]), offsetOf(entries, first));
    }
}

void PackedEntriesTest::findWithStrideLooksAtFieldsOnly()
{
    PackedEntries pairs;
    for (const char *entry : {"name", "alice", "alice", "bob", "", "empty", "age", "31"})
        pairs.append(entry);
    QCOMPARE(pairs.count(), size_t{8});
    // "alice" is a value at index 1 and a field at index 2: a stride of 2 finds the field.
    size_t at = pairs.find("alice", 2);
    QCOMPARE(at, offsetOf(pairs, 2));
    size_t next;
    QCOMPARE(pairs.read(at, &next), std::string_view("alice"));
    QCOMPARE(pairs.read(next, &next), std::string_view("bob"));
    QCOMPARE(pairs.find("", 2), offsetOf(pairs, 4));
    QCOMPARE(pairs.find("31", 2), PackedEntries::npos);
    QCOMPARE(pairs.find("31", 1), offsetOf(pairs, 7));
    pairs.erase(pairs.find("name", 2), 2);
    QCOMPARE(pairs.find("alice", 2), size_t{0});
    QCOMPARE(pairs.count(), size_t{6});
}

void PackedEntriesTest::copyMoveAndClear()
{
    PackedEntries original;
    for (int i = 0; i < 100; ++i)
        original.append("member:" + std::to_string(i));
    PackedEntries copy(original);
    QVERIFY(contents(copy) == contents(original));
    copy.replace(0, "changed");
    QCOMPARE(contents(original)[0], std::string("member:0")); // deep copy
    PackedEntries moved(std::move(copy));
    QCOMPARE(moved.count(), size_t{100});
    QCOMPARE(copy.count(), size_t{0});
    copy = std::move(moved);
    QCOMPARE(contents(copy)[0], std::string("changed"));
    copy.erase(0, 100);
    QVERIFY(copy.empty());
    QCOMPARE(copy.allocatedBytes(), size_t{0}); // the last erase frees the block
    copy.append("again");
    QCOMPARE(contents(copy), std::vector<std::string>{"again"});
    original.clear();
    QCOMPARE(original.count(), size_t{0});
    QCOMPARE(original.bytes(), size_t{0});
}

void PackedEntriesTest::memoryFollowsContents()
{
    // Ten short pairs (a user profile) take one block of about their bytes.
    PackedEntries profile;
    size_t payload = 0;
    for (int i = 0; i < 20; ++i) {
        std::string entry = "entry" + std::to_string(i);
        payload += entry.size() + 1;
        profile.append(entry);
    }
    QCOMPARE(profile.bytes(), payload);
    QVERIFY(profile.allocatedBytes() >= payload + 16);
    QVERIFY(profile.allocatedBytes() <= payload + 16 + 32);
    // Emptying most of it gives the memory back.
    profile.erase(0, 18);
    QVERIFY(profile.allocatedBytes() <= profile.bytes() + 16 + 32);
}

QTEST_GUILESS_MAIN(PackedEntriesTest)
#include "tst_packed_entries.moc"
