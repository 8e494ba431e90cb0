// Tests for engine/storage/int_set.h and set_value.h: random operations checked against
// std::set, width upgrades 2 -> 4 -> 8 bytes in both directions, INT64_MIN/MAX, the RDB blob
// round trip and its validation, which texts count as integers, and SetValue's conversion
// to a hash table (non-integer member, size limit) with its string view of members.
// Seeds are fixed so failures reproduce.
#include "storage/int_set.h"
#include "storage/set_value.h"

#include <QTest>

#include <climits>
#include <random>
#include <set>
#include <string>
#include <vector>

using redscope::engine::IntSet;
using redscope::engine::SetValue;

namespace {

std::vector<int64_t> members(const IntSet &s)
{
    std::vector<int64_t> out;
    s.forEach([&](int64_t v) { out.push_back(v); });
    return out;
}

std::set<std::string> members(const SetValue &s)
{
    std::set<std::string> out;
    s.forEach([&](std::string_view v) { out.emplace(v); });
    return out;
}

} // namespace

class tst_IntSet : public QObject
{
    Q_OBJECT

private slots:
    void randomOperationsMatchStdSet()
    {
        std::mt19937_64 rng(42);
        // Mostly small values, with wide ones now and then so upgrades happen mid-run.
        auto draw = [&]() -> int64_t {
            switch (rng() % 8) {
            case 0:
                return static_cast<int64_t>(rng()); // any int64
            case 1:
                return static_cast<int32_t>(rng());
            default:
                return static_cast<int64_t>(rng() % 200) - 100;
            }
        };
        for (int round = 0; round < 50; ++round) {
            IntSet s;
            std::set<int64_t> model;
            for (int op = 0; op < 400; ++op) {
                const int64_t v = draw();
                if (rng() % 3 == 0) {
                    QCOMPARE(s.erase(v), model.erase(v) == 1);
                } else {
                    QCOMPARE(s.insert(v), model.insert(v).second);
                }
                QCOMPARE(s.size(), model.size());
                QCOMPARE(s.contains(v), model.count(v) == 1);
            }
            QCOMPARE(members(s), std::vector<int64_t>(model.begin(), model.end()));
            for (int probe = 0; probe < 200; ++probe) {
                const int64_t v = draw();
                QCOMPARE(s.contains(v), model.count(v) == 1);
            }
            QCOMPARE(s.allocatedBytes(), s.width() * s.size());
        }
    }

    void widthUpgradesKeepOrder()
    {
        IntSet s;
        QCOMPARE(s.width(), 2u);
        QVERIFY(s.insert(5));
        QVERIFY(s.insert(-3));
        QCOMPARE(s.width(), 2u);
        QVERIFY(s.insert(INT16_MAX));
        QVERIFY(s.insert(INT16_MIN));
        QCOMPARE(s.width(), 2u);
        QVERIFY(s.insert(INT16_MAX + 1)); // positive upgrade: goes last
        QCOMPARE(s.width(), 4u);
        QCOMPARE(members(s), (std::vector<int64_t>{INT16_MIN, -3, 5, INT16_MAX, INT16_MAX + 1}));
        QVERIFY(s.insert(int64_t{INT32_MIN} - 1)); // negative upgrade: goes first
        QCOMPARE(s.width(), 8u);
        QCOMPARE(members(s), (std::vector<int64_t>{int64_t{INT32_MIN} - 1, INT16_MIN, -3, 5,
                                                   INT16_MAX, INT16_MAX + 1}));
        // 16-bit members are still found after two upgrades; the width never shrinks.
        QVERIFY(s.contains(-3));
        QVERIFY(s.erase(int64_t{INT32_MIN} - 1));
        QCOMPARE(s.width(), 8u);
        QVERIFY(!s.contains(int64_t{INT32_MIN} - 1));
        // A 16-bit set is not asked about values it cannot hold.
        IntSet narrow;
        QVERIFY(narrow.insert(1));
        QVERIFY(!narrow.contains(70000));
        QVERIFY(!narrow.erase(70000));
        QCOMPARE(narrow.size(), size_t{1});
    }

    void int64Boundaries()
    {
        IntSet s;
        QVERIFY(s.insert(INT64_MAX));
        QCOMPARE(s.width(), 8u);
        QVERIFY(s.insert(INT64_MIN));
        QVERIFY(s.insert(0));
        QVERIFY(!s.insert(INT64_MIN));
        QCOMPARE(members(s), (std::vector<int64_t>{INT64_MIN, 0, INT64_MAX}));
        QVERIFY(s.erase(INT64_MAX));
        QVERIFY(s.erase(INT64_MIN));
        QVERIFY(s.erase(0));
        QVERIFY(s.empty());
        QVERIFY(s.insert(1));
        QCOMPARE(s.width(), 8u); // an emptied set keeps its width, as Redis's does
        QCOMPARE(IntSet::widthFor(INT16_MIN), 2u);
        QCOMPARE(IntSet::widthFor(INT16_MIN - 1), 4u);
        QCOMPARE(IntSet::widthFor(INT32_MAX), 4u);
        QCOMPARE(IntSet::widthFor(int64_t{INT32_MAX} + 1), 8u);
    }

    void blobRoundTripAndValidation()
    {
        IntSet s;
        for (int64_t v : {300, -2, 70000})
            s.insert(v);
        const std::string blob = s.toBlob();
        // width 4, count 3, then -2, 300, 70000 little-endian.
        const std::string expected("\x04\0\0\0\x03\0\0\0\xfe\xff\xff\xff\x2c\x01\0\0\x70\x11\x01\0",
                                   20);
        QCOMPARE(blob, expected);
        IntSet back;
        std::string error;
        QVERIFY(IntSet::fromBlob(blob, &back, &error));
        QCOMPARE(members(back), members(s));
        QCOMPARE(back.width(), 4u);

        QVERIFY(!IntSet::fromBlob(std::string("\x04\0\0", 3), &back, &error));
        QVERIFY(!IntSet::fromBlob(std::string("\x03\0\0\0\0\0\0\0", 8), &back, &error));
        QCOMPARE(error, std::string("invalid intset encoding"));
        QVERIFY(!IntSet::fromBlob(blob.substr(0, 19), &back, &error));
        // Not ascending: binary search would miss members.
        const std::string unsorted("\x02\0\0\0\x02\0\0\0\x05\0\x01\0", 12);
        QVERIFY(!IntSet::fromBlob(unsorted, &back, &error));
        QCOMPARE(error, std::string("intset members not strictly ascending"));
        const std::string duplicate("\x02\0\0\0\x02\0\0\0\x05\0\x05\0", 12);
        QVERIFY(!IntSet::fromBlob(duplicate, &back, &error));
        QVERIFY(IntSet::fromBlob(std::string("\x02\0\0\0\0\0\0\0", 8), &back, &error));
        QVERIFY(back.empty());
    }

    void canonicalIntegersOnly()
    {
        int64_t v;
        for (const char *text : {"0", "-1", "12", "9223372036854775807", "-9223372036854775808"})
            QVERIFY2(IntSet::parseMember(text, &v), text);
        for (const char *text : {"007", "+1", " 1", "1 ", "-0", "", "-", "1.0", "1e3", "0x10",
                                 "9223372036854775808", "-9223372036854775809"})
            QVERIFY2(!IntSet::parseMember(text, &v), text);
    }

    void setValueConvertsOnStringAndOnSize()
    {
        SetValue s;
        QVERIFY(s.isIntSet());
        QVERIFY(s.add("10", 4));
        QVERIFY(s.add("-7", 4));
        QVERIFY(!s.add("10", 4));
        QVERIFY(s.isIntSet());
        QVERIFY(s.contains("10"));
        QVERIFY(!s.contains("010"));
        QVERIFY(!s.remove("010"));
        QVERIFY(s.add("010", 4)); // a string that looks like 10 is another member
        QVERIFY(!s.isIntSet());
        QCOMPARE(members(s), (std::set<std::string>{"-7", "10", "010"}));
        QVERIFY(s.remove("010"));
        QVERIFY(!s.isIntSet()); // no way back, as in Redis

        SetValue sized;
        for (int i = 0; i < 4; ++i)
            QVERIFY(sized.add(std::to_string(i), 4));
        QVERIFY(sized.isIntSet());
        QVERIFY(sized.add("4", 4)); // fifth member: over the limit of 4
        QVERIFY(!sized.isIntSet());
        QCOMPARE(sized.size(), size_t{5});
        QVERIFY(sized.contains("4"));

        SetValue none; // set-max-intset-entries 0: never an IntSet once it has a member
        QVERIFY(none.add("1", 0));
        QVERIFY(!none.isIntSet());
    }

    void setValueViewsAndCopies()
    {
        SetValue s;
        for (int64_t v : {INT64_MIN, int64_t{-1}, int64_t{3}, INT64_MAX})
            QVERIFY(s.add(std::to_string(v), 512));
        QCOMPARE(std::string(s.encodingName()), std::string("intset"));
        std::vector<std::string> ordered;
        s.forEach([&](std::string_view m) { ordered.emplace_back(m); });
        QCOMPARE(ordered, (std::vector<std::string>{"-9223372036854775808", "-1", "3",
                                                    "9223372036854775807"}));
        std::vector<std::string> scanned;
        QCOMPARE(s.scan(12345, [&](std::string_view m) { scanned.emplace_back(m); }), uint64_t{0});
        QCOMPARE(scanned, ordered); // whole set in one step, whatever the cursor

        SetValue copy = s.clone();
        QVERIFY(copy.isIntSet());
        QCOMPARE(members(copy), members(s));
        QCOMPARE(copy.heapBytes(), size_t{4 * 8});

        std::mt19937_64 rng(7);
        for (int i = 0; i < 50; ++i)
            QVERIFY(s.contains(s.randomMember(rng)));
        std::vector<std::string> picked = s.sampleDistinct(3, rng);
        QCOMPARE(std::set<std::string>(picked.begin(), picked.end()).size(), size_t{3});

        s.convertToTable();
        QCOMPARE(std::string(s.encodingName()), std::string("hashtable"));
        QCOMPARE(members(s), members(copy));
        QVERIFY(s.heapBytes() > copy.heapBytes());
        SetValue tableCopy = s.clone();
        QVERIFY(!tableCopy.isIntSet());
        QCOMPARE(members(tableCopy), members(copy));
    }
};

QTEST_APPLESS_MAIN(tst_IntSet)
#include "tst_int_set.moc"
