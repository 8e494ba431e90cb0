// Tests for engine/storage/packed_list.h: every operation checked against a std::deque model
// through random sequences (element sizes straddle the 1- and 2-byte length headers and the
// 8 KiB node limit), then the cases that split or empty nodes on purpose. Seeds are fixed so
// a failure reproduces.
#include "storage/packed_list.h"

#include <QTest>

#include <deque>
#include <random>
#include <string>
#include <vector>

using redscope::engine::PackedList;

namespace {

std::vector<std::string> contents(const PackedList &list)
{
    std::vector<std::string> out;
    list.forEach([&](std::string_view element) { out.emplace_back(element); });
    return out;
}

bool sameAs(const PackedList &list, const std::deque<std::string> &model)
{
    if (list.size() != model.size()) return false;
    std::vector<std::string> actual = contents(list);
    if (!std::equal(actual.begin(), actual.end(), model.begin())) return false;
    // The reverse scan must agree too, index for index.
    bool ok = true;
    size_t expected = model.size();
    list.scan(true, [&](size_t index, std::string_view element) {
        ok = ok && index == --expected && element == model[index];
        return ok;
    });
    return ok && expected == 0;
}

class PackedListTest : public QObject
{
    Q_OBJECT

private slots:
    void randomOperationsMatchDeque_data();
    void randomOperationsMatchDeque();
    void lrangeOfTheMiddleOfALongList();
    void insertIntoFullNodeSplitsIt();
    void setGrowingAnElementPastTheNodeLimit();
    void removeEqualFromTailKeepsTheFirstMatches();
    void keepRangeAcrossNodesAndMemoryFollows();
    void copyIsDeepAndTight();
};

void PackedListTest::randomOperationsMatchDeque_data()
{
    QTest::addColumn<uint32_t>("seed");
    QTest::addColumn<int>("maxLength"); // element sizes drawn up to this
    QTest::newRow("short") << 1u << 20;
    QTest::newRow("header boundary") << 2u << 200;
    QTest::newRow("node sized") << 3u << 20000;
}

void PackedListTest::randomOperationsMatchDeque()
{
    QFETCH(uint32_t, seed);
    QFETCH(int, maxLength);
    std::mt19937 rng(seed);
    auto pick = [&](size_t n) { return static_cast<size_t>(rng() % n); };
    auto element = [&] {
        // Mostly short, sometimes right at a boundary, sometimes long; few distinct values
        // so LREM/LINSERT find matches.
        static const size_t boundaries[] = {0, 1, 127, 128, 16383, 16384, 8190};
        size_t length = pick(4) == 0 ? boundaries[pick(7)] : pick(static_cast<size_t>(maxLength));
        if (length > static_cast<size_t>(maxLength)) length = static_cast<size_t>(maxLength);
        return std::string(length, static_cast<char>('a' + pick(3)));
    };
    PackedList list;
    std::deque<std::string> model;
    const int steps = maxLength > 1000 ? 3000 : 30000;
    for (int step = 0; step < steps; ++step) {
        const size_t op = pick(12);
        if (op <= 2 || model.empty()) {
            std::string e = element();
            if (op % 2) {
                list.pushFront(e);
                model.push_front(e);
            } else {
                list.pushBack(e);
                model.push_back(e);
            }
        } else if (op == 3) {
            QCOMPARE(list.front(), model.front());
            list.popFront();
            model.pop_front();
        } else if (op == 4) {
            QCOMPARE(list.back(), model.back());
            list.popBack();
            model.pop_back();
        } else if (op == 5) {
            size_t i = pick(model.size());
            QCOMPARE(list.at(i), model[i]);
        } else if (op == 6) {
            size_t i = pick(model.size());
            std::string e = element();
            list.set(i, e);
            model[i] = e;
        } else if (op == 7) {
            size_t i = pick(model.size() + 1);
            std::string e = element();
            list.insert(i, e);
            model.insert(model.begin() + static_cast<ptrdiff_t>(i), e);
        } else if (op == 8) {
            std::string e = model[pick(model.size())];
            size_t limit = pick(4) == 0 ? SIZE_MAX : 1 + pick(3);
            bool fromTail = pick(2);
            size_t removed = 0;
            if (!fromTail) {
                for (auto it = model.begin(); it != model.end() && removed < limit;) {
                    if (*it == e) {
                        it = model.erase(it);
                        ++removed;
                    } else {
                        ++it;
                    }
                }
            } else {
                for (size_t i = model.size(); i-- > 0 && removed < limit;) {
                    if (model[i] != e) continue;
                    model.erase(model.begin() + static_cast<ptrdiff_t>(i));
                    ++removed;
                }
            }
            QCOMPARE(list.removeEqual(e, limit, fromTail), removed);
        } else if (op == 9 && pick(20) == 0) {
            size_t start = pick(model.size());
            size_t stop = start + pick(model.size() - start);
            list.keepRange(start, stop);
            model.erase(model.begin() + static_cast<ptrdiff_t>(stop) + 1, model.end());
            model.erase(model.begin(), model.begin() + static_cast<ptrdiff_t>(start));
        } else if (op == 10) {
            size_t start = pick(model.size());
            size_t stop = start + pick(std::min<size_t>(model.size() - start, 200));
            size_t i = start;
            bool ok = true;
            list.forRange(start, stop, [&](std::string_view e) { ok = ok && e == model[i++]; });
            QVERIFY(ok);
            QCOMPARE(i, stop + 1);
        }
        if (step % 97 == 0) QVERIFY2(sameAs(list, model), qPrintable(QString::number(step)));
    }
    QVERIFY(sameAs(list, model));
    list.clear();
    QVERIFY(list.empty());
    QCOMPARE(list.nodeCount(), size_t(0));
}

void PackedListTest::lrangeOfTheMiddleOfALongList()
{
    PackedList list;
    for (int i = 0; i < 1000000; ++i)
        list.pushBack("value:" + std::to_string(i));
    QVERIFY(list.nodeCount() > 100);
    std::vector<std::string> seen;
    list.forRange(500000, 500099, [&](std::string_view e) { seen.emplace_back(e); });
    QCOMPARE(seen.size(), size_t(100));
    QCOMPARE(seen.front(), std::string("value:500000"));
    QCOMPARE(seen.back(), std::string("value:500099"));
    QCOMPARE(list.at(999999), std::string_view("value:999999"));
    // Packed: about 13 bytes an element, where a deque of std::string takes 32 and more.
    QVERIFY2(list.allocatedBytes() < 14 * 1000000,
             qPrintable(QString::number(list.allocatedBytes())));
}

void PackedListTest::insertIntoFullNodeSplitsIt()
{
    PackedList list;
    for (int i = 0; i < 2000; ++i)
        list.pushBack(std::to_string(i));
    const size_t nodes = list.nodeCount();
    list.insert(5, "inserted");
    list.insert(1500, std::string(20000, 'x')); // bigger than a node on its own
    QVERIFY(list.nodeCount() > nodes);
    QCOMPARE(list.at(5), std::string_view("inserted"));
    QCOMPARE(list.at(4), std::string_view("4"));
    QCOMPARE(list.at(6), std::string_view("5"));
    QCOMPARE(list.at(1500).size(), size_t(20000));
    QCOMPARE(list.at(1501), std::string_view("1499"));
    QCOMPARE(list.size(), size_t(2002));
}

void PackedListTest::setGrowingAnElementPastTheNodeLimit()
{
    PackedList list;
    for (int i = 0; i < 3000; ++i)
        list.pushBack("e" + std::to_string(i));
    list.set(1000, std::string(10000, 'y'));
    list.set(0, std::string(300, 'z'));
    QCOMPARE(list.at(1000).size(), size_t(10000));
    QCOMPARE(list.at(999), std::string_view("e999"));
    QCOMPARE(list.at(1001), std::string_view("e1001"));
    QCOMPARE(list.front().size(), size_t(300));
    const size_t before = list.allocatedBytes();
    list.set(1000, "small");
    QVERIFY(list.allocatedBytes() < before);
    QCOMPARE(list.at(1000), std::string_view("small"));
    QCOMPARE(list.size(), size_t(3000));
}

void PackedListTest::removeEqualFromTailKeepsTheFirstMatches()
{
    PackedList list;
    for (int i = 0; i < 5000; ++i)
        list.pushBack(i % 10 == 0 ? "hit" : "miss" + std::to_string(i));
    QCOMPARE(list.removeEqual("hit", 3, true), size_t(3));
    size_t last = 0;
    list.scan(false, [&](size_t index, std::string_view e) {
        if (e == "hit") last = index;
        return true;
    });
    QCOMPARE(last, size_t(4960)); // 4990, 4980 and 4970 went
    QCOMPARE(list.back(), std::string_view("miss4999"));
    QCOMPARE(list.removeEqual("hit", SIZE_MAX, false), size_t(497));
    QCOMPARE(list.size(), size_t(4500));
}

void PackedListTest::keepRangeAcrossNodesAndMemoryFollows()
{
    PackedList list;
    for (int i = 0; i < 100000; ++i)
        list.pushBack("value:" + std::to_string(i));
    const size_t full = list.allocatedBytes();
    list.keepRange(40000, 40009);
    QCOMPARE(list.size(), size_t(10));
    QCOMPARE(list.front(), std::string_view("value:40000"));
    QCOMPARE(list.back(), std::string_view("value:40009"));
    QVERIFY(list.allocatedBytes() * 100 < full);
    while (!list.empty())
        list.popFront();
    QCOMPARE(list.nodeCount(), size_t(0));
}

void PackedListTest::copyIsDeepAndTight()
{
    PackedList list;
    for (int i = 0; i < 10000; ++i)
        list.pushFront(std::to_string(i));
    PackedList copy(list);
    list.set(0, "changed");
    QCOMPARE(copy.front(), std::string_view("9999"));
    QCOMPARE(copy.size(), list.size());
    QVERIFY(copy.allocatedBytes() <= list.allocatedBytes());
    list.clear();
    QCOMPARE(copy.back(), std::string_view("0"));
}

} // namespace

QTEST_GUILESS_MAIN(PackedListTest)
#include "tst_packed_list.moc"
