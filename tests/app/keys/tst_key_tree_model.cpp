// KeyTreeModel over a real KeyIndex (worker thread included), checked by
// QAbstractItemModelTester throughout: namespace counts, paging (fetchMore opens, loadMore pages)
// and the "load more" row, sorting, separator changes, the flat list, exact-key lookup and removal.
#include "keys/key_index.h"
#include "keys/key_tree_model.h"

#include <QAbstractItemModelTester>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>

#include <ranges>

using namespace redscope;

class TstKeyTreeModel : public QObject
{
    Q_OBJECT

private slots:
    void namespacesCountTheirKeys();
    void bigLevelsArePaged();
    void separatorChangeRebuildsTheTree();
    void flatListShowsFullNames();
    void findKeyPublishesTheWayDown();
    void removingTheLastKeyPrunesNamespaces();
    void duplicatesAreIgnored();
    void preparedSliceAddsAsPlainAddsDo();
    void preparedSliceAfterAnEditFallsBack();
    void bigTreeSortsOnTwoThreads();
    void storeStaysCompact();
    void storeFindsEveryNameAcrossGrowth();
    void storeSizedForAKnownTotal();
    void idVectorKeepsTwoInline();
    void testerWhileKeysStreamAndSort();
    void naturalOrderComparesNumbersByValue();
    void sortPrefixAgreesWithNaturalOrder();
    void labelsSharingTheirFirstBytesStayApart();

private:
    static void settle(KeyIndex &index);
    static QModelIndex rowNamed(const QAbstractItemModel &model, const QString &name,
                                const QModelIndex &parent = {});
};

// Waits until the worker has indexed everything and the model has published it.
void TstKeyTreeModel::settle(KeyIndex &index)
{
    QTRY_VERIFY_WITH_TIMEOUT(index.isIdle(), 10000);
    QCoreApplication::processEvents();
    QCoreApplication::processEvents();
}

QModelIndex TstKeyTreeModel::rowNamed(const QAbstractItemModel &model, const QString &name,
                                      const QModelIndex &parent)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex index = model.index(row, 0, parent);
        const QString text = index.data().toString();
        if (text == name || text.startsWith(name + QStringLiteral(" ("))) return index;
    }
    return {};
}

void TstKeyTreeModel::namespacesCountTheirKeys()
{
    KeyIndex index;
    KeyTreeModel model(&index);
    // No QAbstractItemModelTester here: it fetches everything, and this checks laziness.
    index.addKeys({"user:1:name", "user:1:email", "user:2:name", "session:abc", "plain"});
    index.addKeys({"user:3:name"});
    settle(index);
    QSignalSpy reordered(&index, &KeyIndex::reordered);
    index.sort();
    QTRY_COMPARE(reordered.size(), 1);
    QVERIFY(reordered.first().first().toBool());

    QCOMPARE(model.keyCount(), 6u);
    QCOMPARE(model.rowCount(), 3); // session, user, plain: namespaces first, sorted
    QCOMPARE(model.index(0, 0).data().toString(), QStringLiteral("session (1)"));
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("user (4)"));
    QCOMPARE(model.index(2, 0).data().toString(), QStringLiteral("plain"));
    QCOMPARE(model.kind(model.index(2, 0)), KeyTreeModel::RowKind::Key);
    QCOMPARE(model.keyName(model.index(2, 0)), QByteArray("plain"));

    const QModelIndex user = model.index(1, 0);
    QCOMPARE(user.data(KeyTreeModel::KeyCountRole).toULongLong(), 4u);
    QCOMPARE(user.data(KeyTreeModel::FullNameRole).toByteArray(), QByteArray("user"));
    QVERIFY(model.hasChildren(user));
    QCOMPARE(model.rowCount(user), 0); // lazily: nothing until fetched
    QVERIFY(model.canFetchMore(user));
    model.fetchMore(user);
    QCOMPARE(model.rowCount(user), 3); // 1, 2, 3
    const QModelIndex one = rowNamed(model, QStringLiteral("1"), user);
    QVERIFY(one.isValid());
    QCOMPARE(one.data(KeyTreeModel::KeyCountRole).toULongLong(), 2u);
    model.fetchMore(one);
    QCOMPARE(model.rowCount(one), 2);
    QCOMPARE(model.index(0, 0, one).data().toString(), QStringLiteral("email"));
    QCOMPARE(model.keyName(model.index(0, 0, one)), QByteArray("user:1:email"));
    QCOMPARE(model.index(0, 0, one).parent(), one);

    // Keys arriving later flow into fetched namespaces and update the counts.
    index.addKeys({"user:1:avatar", "user:4:name"});
    settle(index);
    QCOMPARE(one.data(KeyTreeModel::KeyCountRole).toULongLong(), 3u);
    QCOMPARE(model.rowCount(one), 3);
    QCOMPARE(model.index(1, 0).data().toString(), QStringLiteral("user (6)"));
}

void TstKeyTreeModel::bigLevelsArePaged()
{
    KeyIndex index;
    KeyTreeModel model(&index);
    // No QAbstractItemModelTester here: it fetches everything, and this checks laziness.
    QList<QByteArray> names;
    for (int i = 0; i < 2500; ++i)
        names.append("big:" + QByteArray::number(i));
    for (int i = 0; i < 10; i += 5)
        index.addKeys(names.mid(i * 250, 5 * 250));
    settle(index);
    QCOMPARE(model.rowCount(), 1);
    const QModelIndex big = model.index(0, 0);
    QCOMPARE(big.data(KeyTreeModel::KeyCountRole).toULongLong(), 2500u);
    model.fetchMore(big);
    QCOMPARE(model.rowCount(big), KeyTreeModel::kPageSize + 1); // + "load more"
    const QModelIndex more = model.index(KeyTreeModel::kPageSize, 0, big);
    QCOMPARE(model.kind(more), KeyTreeModel::RowKind::LoadMore);
    QVERIFY(more.data(Qt::ToolTipRole)
                .toString()
                .remove(QLatin1Char(','))
                .contains(QStringLiteral("1500")));
    QVERIFY(!model.canFetchMore(big)); // views page on their own otherwise
    model.fetchMore(big);
    QCOMPARE(model.rowCount(big), KeyTreeModel::kPageSize + 1);
    model.loadMore(big);
    QCOMPARE(model.rowCount(big), 2 * KeyTreeModel::kPageSize + 1);
    model.loadMore(big);
    QCOMPARE(model.rowCount(big), 2500); // all shown: the "load more" row is gone
    QVERIFY(!model.canFetchMore(big));
    QCOMPARE(model.kind(model.index(2499, 0, big)), KeyTreeModel::RowKind::Key);

    QSignalSpy reordered(&index, &KeyIndex::reordered);
    const QPersistentModelIndex bigPersistent(big);
    index.sort();
    QTRY_COMPARE(reordered.size(), 1);
    QCOMPARE(bigPersistent.row(), 0);
    QCOMPARE(model.index(0, 0, big).data().toString(), QStringLiteral("0"));
    QCOMPARE(model.index(1, 0, big).data().toString(), QStringLiteral("1"));
    QCOMPARE(model.index(2, 0, big).data().toString(), QStringLiteral("2")); // natural order
    QCOMPARE(model.index(10, 0, big).data().toString(), QStringLiteral("10"));
}

void TstKeyTreeModel::naturalOrderComparesNumbersByValue()
{
    QStringList names{"b",        "a10",     "a2",    "a02",  "a1b", "a", "a1",
                      "user:100", "user:99", "x9y10", "x9y9", "10",  "9"};
    std::sort(names.begin(), names.end(), [](const QString &a, const QString &b) {
        return naturalLess(a.toUtf8(), b.toUtf8());
    });
    QCOMPARE(names, QStringList({"9", "10", "a", "a1", "a1b", "a2", "a02", "a10", "b", "user:99",
                                 "user:100", "x9y9", "x9y10"}));
    QVERIFY(!naturalLess("a7", "a7"));
    QVERIFY(naturalLess("7", "07") && !naturalLess("07", "7"));
}

// naturalSortPrefix() is a shortcut of sortOrder(): it must never contradict naturalLess.
// Names are drawn from a small alphabet rich in digits, zeros and bytes next to '0'..'9'.
void TstKeyTreeModel::sortPrefixAgreesWithNaturalOrder()
{
    const QByteArray alphabet("0012789/:a\x00\xff", 13);
    QRandomGenerator random(7);
    QList<QByteArray> names{
        "",           "0",        "00",
        "7",          "07",       "123456789",
        "1234567890", "99999999", "000000000000000000000000000000000000000000000000000000000001"};
    for (int i = 0; i < 3000; ++i) {
        QByteArray name;
        const int length = random.bounded(14);
        for (int c = 0; c < length; ++c)
            name += alphabet[random.bounded(alphabet.size())];
        names.append(name);
    }
    for (const QByteArray &a : std::as_const(names)) {
        for (const QByteArray &b : std::as_const(names)) {
            if (naturalLess(a, b) && naturalSortPrefix(a) > naturalSortPrefix(b))
                QFAIL(qPrintable(
                    QStringLiteral("%1 < %2 but the prefixes disagree")
                        .arg(QString::fromLatin1(a.toHex()), QString::fromLatin1(b.toHex()))));
        }
    }
    QVERIFY(naturalSortPrefix("a2") < naturalSortPrefix("a10")); // decided by the prefix
    QVERIFY(naturalSortPrefix("7") < naturalSortPrefix("07"));

    // The tree sorted through the prefixes gives naturalLess's order.
    KeyTree tree(QByteArray{});
    for (const QByteArray &name : std::as_const(names))
        tree.addKey(name);
    KeyTree::SortOrder order = tree.sortOrder();
    QVERIFY(tree.applySortOrder(order));
    const IdVector &keys = tree.node(KeyTree::kRoot).keys;
    for (size_t i = 1; i < keys.size(); ++i)
        QVERIFY(!naturalLess(tree.keyName(keys[i]), tree.keyName(keys[i - 1])));
}

// Namespace look-ups compare a label's first 8 bytes inline and read the store only beyond:
// labels equal on those bytes (or padded with zero bytes) must still be told apart.
void TstKeyTreeModel::labelsSharingTheirFirstBytesStayApart()
{
    KeyTree tree;
    const QList<QByteArray> names{"abcdefgh:1",   "abcdefghij:2",
                                  "abcdefghik:3", QByteArray("abcdefg\0:4", 10),
                                  "abcdefg:5",    "abcdefghij:6"};
    QCOMPARE(tree.addKeys(names), 6);
    QCOMPARE(tree.node(KeyTree::kRoot).children.size(), size_t(5));
    for (const QByteArray &name : names) {
        const std::vector<KeyTree::NodeId> path = tree.namespacePath(name);
        QCOMPARE(path.size(), size_t(2));
        QCOMPARE(tree.nodeName(path.back()), QByteArrayView(name).chopped(2));
    }
    QCOMPARE(tree.node(tree.namespacePath("abcdefghij:x").back()).keyCount, 2u);
    QVERIFY(tree.removeKey("abcdefghik:3"));
    QVERIFY(!tree.contains("abcdefghik:3"));
    QVERIFY(tree.contains("abcdefghij:2"));
}

void TstKeyTreeModel::separatorChangeRebuildsTheTree()
{
    KeyIndex index;
    KeyTreeModel model(&index);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    index.addKeys({"a/b/c", "a/b/d", "a:x", "a:y/z"});
    settle(index);
    QCOMPARE(model.rowCount(), 3); // "a" under ':' holds a:x and a:y/z; the rest are root keys
    QSignalSpy replaced(&index, &KeyIndex::replaced);
    index.setSeparator("/");
    QTRY_COMPARE(replaced.size(), 1);
    settle(index);
    QCOMPARE(index.separator(), QByteArray("/"));
    const QModelIndex a = rowNamed(model, QStringLiteral("a"));
    QVERIFY(a.isValid());
    QCOMPARE(a.data(KeyTreeModel::KeyCountRole).toULongLong(), 2u);
    const QModelIndex ay = rowNamed(model, QStringLiteral("a:y"));
    QCOMPARE(ay.data(KeyTreeModel::KeyCountRole).toULongLong(), 1u);
    QVERIFY(rowNamed(model, QStringLiteral("a:x")).isValid());
    QCOMPARE(model.rowCount(), 3);
    // Keys scanned after the change land in the new tree.
    index.addKeys({"a/q"});
    settle(index);
    QCOMPARE(a.data(KeyTreeModel::KeyCountRole).toULongLong(), 3u);
    QCOMPARE(model.keyCount(), 5u);
}

void TstKeyTreeModel::flatListShowsFullNames()
{
    KeyIndex index;
    KeyTreeModel model(&index);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    index.addKeys({"x:1", "x:2", "y:1:2"});
    settle(index);
    QSignalSpy replaced(&index, &KeyIndex::replaced);
    index.setSeparator({});
    QTRY_COMPARE(replaced.size(), 1);
    settle(index);
    QCOMPARE(model.rowCount(), 3);
    QStringList names;
    for (int row = 0; row < 3; ++row) {
        QCOMPARE(model.kind(model.index(row, 0)), KeyTreeModel::RowKind::Key);
        names << model.index(row, 0).data().toString();
    }
    names.sort();
    QCOMPARE(names, QStringList({"x:1", "x:2", "y:1:2"}));
}

void TstKeyTreeModel::findKeyPublishesTheWayDown()
{
    KeyIndex index;
    KeyTreeModel model(&index);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QList<QByteArray> names;
    for (int i = 0; i < 3000; ++i)
        names.append("deep:level:" + QByteArray::number(i));
    index.addKeys(names);
    settle(index);
    const QModelIndex found = model.findKey("deep:level:2777");
    QVERIFY(found.isValid());
    QCOMPARE(model.keyName(found), QByteArray("deep:level:2777"));
    QCOMPARE(found.parent().data(KeyTreeModel::FullNameRole).toByteArray(),
             QByteArray("deep:level"));
    QVERIFY(!model.findKey("deep:level:nope").isValid());
    QVERIFY(!model.findKey("deep").isValid()); // a namespace, not a key
}

void TstKeyTreeModel::removingTheLastKeyPrunesNamespaces()
{
    KeyIndex index;
    KeyTreeModel model(&index);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    index.addKeys({"keep:1", "gone:a:b", "root"});
    settle(index);
    const QModelIndex gone = rowNamed(model, QStringLiteral("gone"));
    model.fetchMore(gone);
    model.fetchMore(model.index(0, 0, gone));
    QCOMPARE(model.rowCount(), 3);
    QVERIFY(model.removeKey("gone:a:b"));
    QCOMPARE(model.rowCount(), 2);
    QVERIFY(!rowNamed(model, QStringLiteral("gone")).isValid());
    QCOMPARE(model.keyCount(), 2u);
    QVERIFY(!model.removeKey("gone:a:b"));
    // It can come back (a rename back, a new scan result).
    model.addKey("gone:a:b");
    QCOMPARE(model.rowCount(), 3);
    QCOMPARE(rowNamed(model, QStringLiteral("gone")).data(KeyTreeModel::KeyCountRole).toULongLong(),
             1u);
    QVERIFY(model.removeKey("root"));
    QCOMPARE(model.rowCount(), 2);
}

void TstKeyTreeModel::duplicatesAreIgnored()
{
    KeyIndex index;
    KeyTreeModel model(&index);
    index.addKeys({"a:1", "a:2"});
    index.addKeys({"a:2", "a:1", "a:3"}); // SCAN may repeat keys while the server rehashes
    settle(index);
    QCOMPARE(model.keyCount(), 3u);
    QCOMPARE(model.index(0, 0).data(KeyTreeModel::KeyCountRole).toULongLong(), 3u);
}

// KeyIndex adds a slice in two steps (KeyTree::prepare under a read lock, addPrepared under the
// write lock): namespaces new to the slice and shared by several of its keys, a name twice in
// the slice, a removed key coming back and a pruned namespace filled again end as plain adds do.
void TstKeyTreeModel::preparedSliceAddsAsPlainAddsDo()
{
    const QList<QByteArray> first{"user:1", "user:2:friends", "gone:x:y", "back:1"};
    const QList<QByteArray> slice{"user:3:friends", "user:3:posts", "chat:r1:t:1", "chat:r1:t:2",
                                  "user:3:posts",   "back:1",       "gone:x:z",    "flat",
                                  "a:b:c:d:e:f",    "a:b:c:d:e:g"};
    KeyTree plain;
    plain.addKeys(first);
    KeyTree twoSteps;
    twoSteps.addKeys(first);
    for (KeyTree *tree : {&plain, &twoSteps}) {
        QVERIFY(tree->removeKey("back:1"));
        QVERIFY(tree->removeKey("gone:x:y"));
        for (KeyTree::NodeId node : tree->namespacePath("gone:x:y") | std::views::reverse)
            tree->pruneNamespace(node);
    }
    QCOMPARE(plain.addKeys(slice), 9);
    KeyTree::Prepared prepared;
    twoSteps.prepare(std::span(slice.constData(), size_t(slice.size())), prepared);
    QCOMPARE(twoSteps.addPrepared(std::span(slice.constData(), size_t(slice.size())), prepared), 9);
    QCOMPARE(twoSteps.keyCount(), plain.keyCount());
    QCOMPARE(twoSteps.nodeCount(), plain.nodeCount());
    for (const QByteArray &name : first + slice) {
        QCOMPARE(twoSteps.contains(name), plain.contains(name));
        const std::vector<KeyTree::NodeId> path = twoSteps.namespacePath(name);
        QCOMPARE(path, plain.namespacePath(name));
        for (KeyTree::NodeId node : path) {
            QCOMPARE(twoSteps.node(node).keyCount, plain.node(node).keyCount);
            QCOMPARE(twoSteps.node(node).attached, plain.node(node).attached);
            QCOMPARE(twoSteps.node(node).keys.size(), plain.node(node).keys.size());
            QCOMPARE(twoSteps.node(node).children.size(), plain.node(node).children.size());
        }
    }
}

// A GUI-thread edit between the two steps (a key deleted from the value panel) makes what
// prepare() found stale: the slice is then added the plain way.
void TstKeyTreeModel::preparedSliceAfterAnEditFallsBack()
{
    KeyTree tree;
    tree.addKeys(QList<QByteArray>{"a:1", "a:2", "b:1"});
    const QList<QByteArray> slice{"a:3", "b:2", "c:1"};
    KeyTree::Prepared prepared;
    tree.prepare(std::span(slice.constData(), size_t(slice.size())), prepared);
    QVERIFY(tree.removeKey("b:1"));
    for (KeyTree::NodeId node : tree.namespacePath("b:1") | std::views::reverse)
        tree.pruneNamespace(node); // "b" is detached; the prepared path still names it
    QCOMPARE(tree.addPrepared(std::span(slice.constData(), size_t(slice.size())), prepared), 3);
    QCOMPARE(tree.keyCount(), 5u);
    const std::vector<KeyTree::NodeId> path = tree.namespacePath("b:2");
    QCOMPARE(path.size(), size_t(2));
    QVERIFY(tree.node(path.back()).attached);
    QCOMPARE(tree.node(path.back()).keyCount, 1u);
    QCOMPARE(tree.node(KeyTree::kRoot).children.size(), size_t(3));
}

// Past 200k entries the sort splits the nodes between two threads: every namespace, on either
// side of the split, ends in natural order.
void TstKeyTreeModel::bigTreeSortsOnTwoThreads()
{
    KeyTree tree;
    QList<QByteArray> names;
    for (int i = 0; i < 300000; ++i) {
        const quint32 r = QRandomGenerator::global()->generate();
        names.append("ns" + QByteArray::number(r % 7) + ":" + QByteArray::number(r % 1000) + ":" +
                     QByteArray::number(i));
    }
    QCOMPARE(tree.addKeys(names), 300000);
    KeyTree::SortOrder order = tree.sortOrder();
    QVERIFY(tree.applySortOrder(order));
    size_t sortedNodes = 0;
    for (KeyTree::NodeId id = 0; id < tree.nodeCount(); ++id) {
        const KeyTree::Node &node = tree.node(id);
        for (size_t i = 1; i < node.children.size(); ++i) {
            QVERIFY(!naturalLess(tree.nodeLabel(node.children[i]),
                                 tree.nodeLabel(node.children[i - 1])));
        }
        for (size_t i = 1; i < node.keys.size(); ++i)
            QVERIFY(
                !naturalLess(tree.keyLabel(id, node.keys[i]), tree.keyLabel(id, node.keys[i - 1])));
        sortedNodes += node.keys.size() > 1 ? 1 : 0;
    }
    QVERIFY(sortedNodes > 5000); // both halves had namespaces to sort
    QCOMPARE(tree.keyCount(), size_t(300000));
}

// 200k realistic names: the store and tree stay near the names' own size.
void TstKeyTreeModel::storeStaysCompact()
{
    KeyTree tree;
    size_t nameBytes = 0;
    for (int i = 0; i < 200000; ++i) {
        const QByteArray name = "app:module" + QByteArray::number(i % 10) + ":entity" +
                                QByteArray::number(i % 7) + ":" + QByteArray::number(i);
        nameBytes += size_t(name.size());
        tree.addKey(name);
    }
    QCOMPARE(tree.keyCount(), 200000u);
    const size_t total = tree.memoryBytes() + tree.store()->memoryBytes();
    const double perKey = double(total) / 200000.0;
    const double namePerKey = double(nameBytes) / 200000.0;
    qInfo("%.1f bytes per key for %.1f-byte names", perKey, namePerKey);
    QVERIFY2(perKey < namePerKey + 32, "more than 32 bytes of overhead per key");
}

// Ids are where the names lie in the store, and its table keeps no hashes: growing it walks
// the names again. Every name must stay findable under its first id through several growths
// (prepared off-lock as KeyIndex does, and inline), including names longer than a block and
// the empty name; forEach() visits each once, in id order.
void TstKeyTreeModel::storeFindsEveryNameAcrossGrowth()
{
    KeyStore store;
    std::vector<std::pair<QByteArray, KeyStore::KeyId>> inserted;
    const QByteArray huge(int(KeyStore::kBlockSize) + 10, 'h');
    for (int i = 0; i < 300000; ++i) {
        QByteArray name = i == 7      ? QByteArray()
                          : i == 1000 ? huge
                                      : "k:" + QByteArray::number(qint64(i) * 7919);
        if (i % 2 == 0) {
            KeyStore::Growth growth = store.prepareGrowth(1);
            store.adoptGrowth(growth);
        }
        const auto [id, isNew] = store.insert(name);
        QVERIFY(isNew);
        QVERIFY(id != KeyStore::kNoKey);
        inserted.emplace_back(std::move(name), id);
    }
    QCOMPARE(store.size(), inserted.size());
    for (const auto &[name, id] : inserted) {
        QCOMPARE(store.find(name), std::optional<KeyStore::KeyId>(id));
        QVERIFY(store.name(id) == name);
        QVERIFY(store.insert(name) == std::make_pair(id, false)); // a duplicate
    }
    QVERIFY(!store.find("k:1"));
    size_t visited = 0;
    KeyStore::KeyId previous = 0;
    store.forEach([&](KeyStore::KeyId id, QByteArrayView name) {
        if (visited > 0) QVERIFY(id > previous);
        QVERIFY(name == QByteArrayView(inserted[visited].first));
        QCOMPARE(id, inserted[visited].second);
        previous = id;
        ++visited;
    });
    QCOMPARE(visited, inserted.size());
}

// A scan that knows its total (DBSIZE) sizes the name table once, for that total at a load
// of 0.8, and not to the next power of two; names beyond the total (keys written during the
// scan) grow it by steps again, and every name stays findable throughout.
void TstKeyTreeModel::storeSizedForAKnownTotal()
{
    constexpr size_t kTotal = 100000;
    KeyStore store;
    std::vector<QByteArray> names;
    for (size_t i = 0; i < kTotal + kTotal / 10; ++i)
        names.push_back("session:" + QByteArray::number(qulonglong(i) * 2654435761u));
    size_t sized = 0;
    for (size_t i = 0; i < names.size(); ++i) {
        if (i % 1000 == 0) { // a slice, as KeyIndex::addKeys prepares one
            KeyStore::Growth growth = store.prepareGrowth(1000, kTotal);
            QVERIFY(store.adoptGrowth(growth));
            if (i == 0) sized = store.tableSlots();
        }
        if (i < kTotal) QCOMPARE(store.tableSlots(), sized); // sized once, up front
        QVERIFY(store.insert(names[i]).second);
    }
    QVERIFY(sized >= size_t(double(kTotal) / 0.85));
    QVERIFY(sized <= size_t(double(kTotal) / 0.8) + 1);
    QVERIFY(store.tableSlots() > sized); // the 10% beyond the total grew it
    for (size_t i = 0; i < names.size(); ++i)
        QVERIFY(store.find(names[i]).has_value());
    QVERIFY(!store.find("session:x"));
}

// Namespace lists keep up to two ids inline and move to the heap beyond; copies, moves, swaps
// and erases between the two forms keep the ids.
void TstKeyTreeModel::idVectorKeepsTwoInline()
{
    IdVector small;
    small.push_back(7);
    small.push_back(8);
    QCOMPARE(small.heapBytes(), size_t(0));
    IdVector large;
    for (quint32 i = 0; i < 100; ++i)
        large.push_back(i);
    QCOMPARE(large.size(), size_t(100));
    QVERIFY(large.heapBytes() >= 100 * sizeof(quint32));
    large.erase(large.begin() + 10);
    QCOMPARE(large.size(), size_t(99));
    QCOMPARE(large[10], 11u);
    QCOMPARE(large.back(), 99u);
    small.swap(large);
    QCOMPARE(small.size(), size_t(99));
    QCOMPARE(large.size(), size_t(2));
    QCOMPARE(large[0], 7u);
    QCOMPARE(large[1], 8u);
    QCOMPARE(large.heapBytes(), size_t(0));
    IdVector copy = small;
    QVERIFY(std::equal(copy.begin(), copy.end(), small.begin(), small.end()));
    IdVector moved = std::move(copy);
    QCOMPARE(moved.size(), size_t(99));
    QVERIFY(copy.empty());
    QCOMPARE(moved[98], 99u);
    moved.erase(moved.begin());
    QCOMPARE(moved[0], 1u);
    moved.clear();
    QVERIFY(moved.empty());
    QCOMPARE(moved.heapBytes(), size_t(0));
    IdVector exact;
    exact.reserve(5);
    QCOMPARE(exact.capacity(), size_t(5));
    exact.reserve(1); // never shrinks
    QCOMPARE(exact.capacity(), size_t(5));
}

// The tester watches every signal while batches stream in, a sort reorders the tree and the
// separator changes, with a real QTreeView attached as well.
void TstKeyTreeModel::testerWhileKeysStreamAndSort()
{
    KeyIndex index;
    KeyTreeModel model(&index);
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    for (int batch = 0; batch < 20; ++batch) {
        QList<QByteArray> names;
        for (int i = 0; i < 500; ++i) {
            const int n = batch * 500 + i;
            names.append("ns" + QByteArray::number(n % 5) + ":sub" + QByteArray::number(n % 3) +
                         ":" + QByteArray::number(n));
        }
        index.addKeys(names);
        if (batch % 5 == 0) QCoreApplication::processEvents();
    }
    settle(index);
    QCOMPARE(model.keyCount(), 10000u);
    QSignalSpy reordered(&index, &KeyIndex::reordered);
    index.sort();
    QTRY_COMPARE(reordered.size(), 1);
    QCOMPARE(model.index(0, 0).data().toString().remove(QLatin1Char(',')),
             QStringLiteral("ns0 (2000)"));
    QSignalSpy replaced(&index, &KeyIndex::replaced);
    index.setSeparator("sub");
    QTRY_COMPARE(replaced.size(), 1);
    settle(index);
    QCOMPARE(model.keyCount(), 10000u);
}

QTEST_MAIN(TstKeyTreeModel)
#include "tst_key_tree_model.moc"
