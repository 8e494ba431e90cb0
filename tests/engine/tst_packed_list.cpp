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

// list-compress-depth's invariant: the d nodes at each end are raw, and (when asked) every
// node between them is compressed.
bool windowsRaw(const PackedList &list, bool zoneCompressed = false)
{
    const size_t nodes = list.nodeCount();
    const size_t depth = static_cast<size_t>(list.compressDepth());
    size_t compressed = 0;
    for (size_t n = 0; n < nodes; ++n) {
        const bool inZone = depth && nodes > 2 * depth && n >= depth && n < nodes - depth;
        if (list.nodeCompressed(n)) ++compressed;
        if (!inZone && list.nodeCompressed(n)) return false;
        if (inZone && zoneCompressed && !list.nodeCompressed(n)) return false;
    }
    return compressed == list.compressedNodeCount();
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
    void compressedLongListKeepsItsWindowsAndShrinks();
};

void PackedListTest::randomOperationsMatchDeque_data()
{
    QTest::addColumn<uint32_t>("seed");
    QTest::addColumn<int>("maxLength"); // element sizes drawn up to this
    QTest::addColumn<int>("fill");
    QTest::addColumn<int>("depth"); // list-compress-depth
    QTest::newRow("short") << 1u << 20 << -2 << 0;
    QTest::newRow("header boundary") << 2u << 200 << -2 << 0;
    QTest::newRow("node sized") << 3u << 20000 << -2 << 0;
    // Small nodes so that many of them are compressed and cross the windows' edges.
    QTest::newRow("compressed depth 1") << 4u << 60 << 4 << 1;
    QTest::newRow("compressed depth 2") << 5u << 200 << 8 << 2;
    QTest::newRow("compressed depth 3, big") << 6u << 20000 << 2 << 3;
    QTest::newRow("compressed size fill") << 7u << 1000 << -1 << 1;
}

void PackedListTest::randomOperationsMatchDeque()
{
    QFETCH(uint32_t, seed);
    QFETCH(int, maxLength);
    QFETCH(int, fill);
    QFETCH(int, depth);
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
    PackedList list(fill, depth);
    std::deque<std::string> model;
    const int steps = maxLength > 1000 ? 3000 : 30000;
    size_t mostCompressed = 0;
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
        QVERIFY2(windowsRaw(list), qPrintable(QString::number(step)));
        mostCompressed = std::max(mostCompressed, list.compressedNodeCount());
    }
    // The compressed rows did compress (else they test nothing new).
    QVERIFY(depth == 0 || mostCompressed > 5);
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
    // Packed: about 14 bytes an element (its 12 bytes, 2 of header, and the nodes', which are
    // cut where Redis's quicklist cuts them), where a deque of std::string takes 32 and more.
    QVERIFY2(list.allocatedBytes() < 14200000, qPrintable(QString::number(list.allocatedBytes())));
}

// A long list of compressible elements with depth 1: every inner node compressed, reads in
// the middle right, memory well below the raw list's, and the window follows pops and pushes.
void PackedListTest::compressedLongListKeepsItsWindowsAndShrinks()
{
    PackedList raw(-2, 0), packed(-2, 1);
    for (int i = 0; i < 200000; ++i) {
        const std::string element = "user:" + std::to_string(i % 1000) + ":session:active";
        raw.pushBack(element);
        packed.pushBack(element);
    }
    QVERIFY(packed.nodeCount() > 10);
    QCOMPARE(packed.compressedNodeCount(), packed.nodeCount() - 2);
    QVERIFY(windowsRaw(packed, true));
    QVERIFY2(
        packed.allocatedBytes() * 2 < raw.allocatedBytes(),
        qPrintable(QString("%1 vs %2").arg(packed.allocatedBytes()).arg(raw.allocatedBytes())));
    QCOMPARE(packed.at(100001), raw.at(100001));
    std::vector<std::string> a, b;
    raw.forRange(99990, 100500, [&](std::string_view e) { a.emplace_back(e); });
    packed.forRange(99990, 100500, [&](std::string_view e) { b.emplace_back(e); });
    QCOMPARE(a, b);
    // Popping whole nodes from the head decompresses the next one into the window.
    for (int i = 0; i < 5000; ++i) {
        packed.popFront();
        packed.pushFront("x");
        packed.popBack();
    }
    QVERIFY(windowsRaw(packed, true));
    packed.set(50000, "changed");
    packed.insert(60000, "inserted");
    QCOMPARE(packed.at(50000), std::string_view("changed"));
    QCOMPARE(packed.at(60000), std::string_view("inserted"));
    QVERIFY(windowsRaw(packed, true));
    PackedList copy(packed);
    QCOMPARE(copy.compressedNodeCount(), packed.compressedNodeCount());
    QCOMPARE(copy.at(50000), std::string_view("changed"));
    packed.keepRange(10, 20);
    QCOMPARE(packed.compressedNodeCount(), size_t(0));
    QCOMPARE(packed.size(), size_t(11));
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
