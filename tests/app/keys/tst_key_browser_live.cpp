// KeyBrowserPanel features that need a server to change under it or a value of some size,
// offscreen against redis-server and the Local engine (test_backend.h): the tree follows keyspace
// notifications (adds and removals without a rescan), the Memory column shows MEMORY USAGE for the
// rows on screen, a stream opens paged by XRANGE (entry ids, their times and fields, more on
// fetchMore) and pages newest first or from a jumped-to id or time, and a
// 400 KB JSON string is shown pretty-printed in slices with its colours applied to the visible
// lines only. The key tree and the collection models run under QAbstractItemModelTester
// throughout.
#include "connection/redis_connection.h"
#include "key_panel_fixture.h"
#include "keys/key_browser_panel.h"
#include "keys/key_tree_model.h"
#include "keys/keyspace_watcher.h"
#include "keys/new_key_dialog.h"
#include "values/collection_value_model.h"
#include "values/collection_value_view.h"
#include "values/string_value_view.h"
#include "values/value_panel.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QDateTime>
#include <QElapsedTimer>
#include <QJsonDocument>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTest>
#include <QTextBlock>
#include <QTextLayout>
#include <QTreeView>

using namespace redscope;
using redscope::test::KeyPanelFixture;

class TstKeyBrowserLive : public KeyPanelFixture
{
    Q_OBJECT

private slots:
    void initTestCase();
    void init();
    void cleanup();
    void flagsThatSuffice();
    void treeFollowsKeyspaceNotifications();
    void withoutNotificationsTheButtonSaysSo();
    void memoryColumnShowsUsageOfShownKeys();
    void streamOpensPagedWithIdsAndFields();
    void streamPagesNewestFirstAndJumpsToIdOrTime();
    void bigJsonIsShownInSlices();
    void newKeyOfEveryType();
    void newStreamKey();

private:
    void openKey(const QByteArray &name);
    void createThroughDialog(const char *type, const QByteArray &first, const QByteArray &second,
                             const std::vector<std::string> &check, const std::string &expected);
    void snap(const char *name); // REDSCOPE_SCREENSHOTS=<dir>: saves the panel as <name>.png
};

void TstKeyBrowserLive::initTestCase()
{
    startServer();
    if (QTest::currentTestFailed()) return;
    QCOMPARE(run({"MSET", "app:a", "1", "app:b", "2"}), std::string("+OK"));
    QCOMPARE(run({"SET", "big:blob", std::string(100000, 'x')}), std::string("+OK"));
    for (int i = 0; i < 1200; ++i) {
        m_client->append({"XADD", "events", std::to_string(i + 1) + "-0", "n", std::to_string(i),
                          "kind", i % 2 ? "odd" : "even"});
    }
    // Every XADD must succeed, on redis-server and on the Local engine alike.
    for (int i = 0; i < 1200; ++i) {
        const std::string reply = m_client->readReply();
        QVERIFY2(reply.rfind('$', 0) == 0, reply.c_str());
    }
    std::string json = "{\"items\":[";
    for (int i = 0; json.size() < 400 * 1024; ++i)
        json += (i ? "," : "") + std::string("{\"id\":") + std::to_string(i) +
                ",\"ok\":true,\"name\":\"item " + std::to_string(i) + "\"}";
    json += "]}";
    QCOMPARE(run({"SET", "doc:json", json}), std::string("+OK"));
}

void TstKeyBrowserLive::init()
{
    QCOMPARE(run({"CONFIG", "SET", "notify-keyspace-events", ""}), std::string("+OK"));
}

void TstKeyBrowserLive::cleanup()
{
    stopPanel();
    run({"DEL", "live:new", "live:other"});
}

void TstKeyBrowserLive::snap(const char *name)
{
    const QString dir = qEnvironmentVariable("REDSCOPE_SCREENSHOTS");
    if (dir.isEmpty()) return;
    QTest::qWait(300);
    m_panel->grab().save(dir + QLatin1Char('/') + QLatin1String(name) + QStringLiteral(".png"));
}

void TstKeyBrowserLive::openKey(const QByteArray &name)
{
    m_panel->jumpToKey(name);
    QTRY_COMPARE(m_panel->valuePanel()->currentKey(), name);
    QTRY_VERIFY(!m_panel->valuePanel()->currentType().isEmpty());
}

void TstKeyBrowserLive::flagsThatSuffice()
{
    QVERIFY(KeyspaceWatcher::flagsSuffice("KEA"));
    QVERIFY(KeyspaceWatcher::flagsSuffice("AK"));
    QVERIFY(KeyspaceWatcher::flagsSuffice("Kg$lshzxe"));
    QVERIFY(!KeyspaceWatcher::flagsSuffice("EA")); // keyevent only: no key names per channel
    QVERIFY(!KeyspaceWatcher::flagsSuffice(""));
    QVERIFY(!KeyspaceWatcher::flagsSuffice("Kx"));
}

void TstKeyBrowserLive::treeFollowsKeyspaceNotifications()
{
    QCOMPARE(run({"CONFIG", "SET", "notify-keyspace-events", "KEA"}), std::string("+OK"));
    startPanel();
    QTRY_VERIFY(m_panel->keyspaceWatcher() && m_panel->keyspaceWatcher()->isListening());
    QCOMPARE(m_panel->liveButton()->text(), QStringLiteral("Live"));
    const quint64 before = m_panel->model()->keyCount();
    QVERIFY(!m_panel->model()->findKey("live:new").isValid());

    QCOMPARE(run({"SET", "live:new", "1"}), std::string("+OK"));
    QCOMPARE(run({"HSET", "live:other", "f", "v"}), std::string(":1"));
    QTRY_VERIFY(m_panel->model()->findKey("live:new").isValid());
    QTRY_COMPARE(m_panel->model()->keyCount(), before + 2);
    QVERIFY(m_panel->model()->findKey("live:other").isValid());

    QCOMPARE(run({"DEL", "live:new"}), std::string(":1"));
    QCOMPARE(run({"HDEL", "live:other", "f"}), std::string(":1")); // the hash empties: del
    QTRY_COMPARE(m_panel->model()->keyCount(), before);
    QVERIFY(!m_panel->model()->findKey("live:new").isValid());
    QVERIFY(!m_panel->model()->findKey("live:other").isValid());
}

void TstKeyBrowserLive::withoutNotificationsTheButtonSaysSo()
{
    startPanel();
    QTRY_VERIFY(m_panel->liveButton()->isVisible());
    QCOMPARE(m_panel->liveButton()->text(), QStringLiteral("Live updates off"));
    QVERIFY(!m_panel->liveButton()->isEnabled()); // not ours to reconfigure
    QVERIFY(!m_panel->keyspaceWatcher());
    QCOMPARE(run({"SET", "live:new", "1"}), std::string("+OK"));
    QTest::qWait(600);
    QVERIFY(!m_panel->model()->findKey("live:new").isValid()); // Refresh shows it
    QSignalSpy settled(m_panel.get(), &KeyBrowserPanel::scanSettled);
    m_panel->refresh();
    QTRY_VERIFY_WITH_TIMEOUT(settled.size() == 1, 20000);
    QVERIFY(m_panel->model()->findKey("live:new").isValid());
}

void TstKeyBrowserLive::memoryColumnShowsUsageOfShownKeys()
{
    startPanel();
    KeyTreeModel *model = m_panel->model();
    const QModelIndex blob = model->findKey("big:blob");
    QVERIFY(blob.isValid());
    m_panel->treeView()->expand(blob.parent());
    m_panel->treeView()->scrollTo(blob);
    const QModelIndex memory = blob.siblingAtColumn(KeyTreeModel::MemoryColumn);
    QCOMPARE(model->headerData(KeyTreeModel::MemoryColumn, Qt::Horizontal).toString(),
             QStringLiteral("Memory"));
    QTRY_VERIFY(memory.data(KeyTreeModel::MemoryBytesRole).toLongLong() > 0);
    const qint64 bytes = memory.data(KeyTreeModel::MemoryBytesRole).toLongLong();
    QVERIFY2(bytes >= 100000 && bytes < 200000, QByteArray::number(bytes).constData());
    // Shown in kB (1024 bytes), to one decimal: the same figure as the role's byte count.
    const QString text = memory.data().toString();
    const QRegularExpressionMatch shown =
        QRegularExpression(QStringLiteral(R"(^(\d+(\.\d)?) (kB|KB|KiB)$)")).match(text);
    QVERIFY2(shown.hasMatch(), qPrintable(text));
    QVERIFY2(qAbs(shown.captured(1).toDouble() * 1024 - double(bytes)) <= 0.05 * 1024 + 1,
             qPrintable(text + QStringLiteral(" for %1 bytes").arg(bytes)));
    for (int row = 0; row < model->rowCount(); ++row)
        m_panel->treeView()->expand(model->index(row, 0));
    snap("memory-column");
}

void TstKeyBrowserLive::streamOpensPagedWithIdsAndFields()
{
    startPanel();
    m_panel->jumpToKey("events");
    QTRY_COMPARE(m_panel->valuePanel()->currentType(), QStringLiteral("stream"));
    QCOMPARE(m_panel->valuePanel()->currentType(), QStringLiteral("stream"));
    CollectionValueModel *model = m_panel->valuePanel()->collectionView()->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    QCOMPARE(model->kind(), CollectionValueModel::Kind::Stream);
    QTRY_VERIFY(model->rowCount() >= CollectionValueModel::kChunk);
    QTRY_COMPARE(model->total(), 1200);
    QCOMPARE(model->headerData(0, Qt::Horizontal).toString(), QStringLiteral("Entry ID"));
    QCOMPARE(model->index(0, 0).data().toString(), QStringLiteral("1-0"));
    QCOMPARE(model->headerData(1, Qt::Horizontal).toString(), QStringLiteral("Time"));
    QCOMPARE(model->index(0, 1).data().toString(),
             QDateTime::fromMSecsSinceEpoch(1).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz")));
    QCOMPARE(model->index(0, 2).data().toString(), QStringLiteral("n: 0\nkind: even"));
    QVERIFY(!(model->flags(model->index(0, 1)) & Qt::ItemIsEditable));
    // The next pages (asked by the view as it fills, or here) start right after the last id
    // shown: no entry twice, none missing.
    QElapsedTimer clock;
    clock.start();
    while (!model->isComplete() && clock.elapsed() < 20000) {
        if (model->canFetchMore({})) model->fetchMore({});
        QTest::qWait(10);
    }
    QVERIFY(model->isComplete());
    QCOMPARE(model->rowCount(), 1200);
    for (int row = 0; row < 1200; ++row)
        QCOMPARE(model->element(row), QByteArray::number(row + 1) + "-0");
    snap("stream");
    // Append and delete go to the server.
    model->addElement("n", "new");
    QTRY_COMPARE(run({"XLEN", "events"}), std::string(":1201"));
    QTRY_COMPARE(model->total(), 1201);
    QTRY_VERIFY(model->rowCount() > 0); // reloaded after the write
    QCOMPARE(model->element(0), QByteArray("1-0"));
    model->removeElements({0});
    QTRY_COMPARE(run({"XLEN", "events"}), std::string(":1200"));
    const std::string first = run({"XRANGE", "events", "1-0", "1-0"});
    QVERIFY2(first.find("1-0") == std::string::npos, first.c_str()); // entry 1-0 is gone
}

void TstKeyBrowserLive::streamPagesNewestFirstAndJumpsToIdOrTime()
{
    // 700 entries a second apart from 2023-11-14: more than one page either way.
    const qint64 t0 = 1700000000000;
    const auto idOf = [t0](int i) { return QByteArray::number(t0 + 1000 * i) + "-0"; };
    for (int i = 0; i < 700; ++i)
        m_client->append({"XADD", "timeline", idOf(i).toStdString(), "i", std::to_string(i)});
    for (int i = 0; i < 700; ++i) {
        const std::string reply = m_client->readReply();
        QVERIFY2(reply.rfind('$', 0) == 0, reply.c_str());
    }
    startPanel();
    m_panel->jumpToKey("timeline");
    QTRY_COMPARE(m_panel->valuePanel()->currentType(), QStringLiteral("stream"));
    CollectionValueView *view = m_panel->valuePanel()->collectionView();
    CollectionValueModel *model = view->model();
    QAbstractItemModelTester tester(model, QAbstractItemModelTester::FailureReportingMode::QtTest);
    const auto fetchAll = [model] {
        QElapsedTimer clock;
        clock.start();
        while (!model->isComplete() && clock.elapsed() < 20000) {
            if (model->canFetchMore({})) model->fetchMore({});
            QTest::qWait(10);
        }
        return model->isComplete();
    };
    const auto timeOf = [t0](int i, const char *format) {
        return QDateTime::fromMSecsSinceEpoch(t0 + 1000 * i).toString(QLatin1String(format));
    };
    QTRY_VERIFY(model->rowCount() > 0);
    QCOMPARE(model->element(0), idOf(0));
    QCOMPARE(model->index(0, 1).data().toString(), timeOf(0, "yyyy-MM-dd HH:mm:ss.zzz"));

    // Newest first: XREVRANGE pages back from the end, each page just before the last id shown.
    auto *newestFirst = view->findChild<QCheckBox *>(QStringLiteral("streamNewestFirst"));
    auto *jump = view->findChild<QLineEdit *>(QStringLiteral("streamJump"));
    auto *go = view->findChild<QPushButton *>(QStringLiteral("streamJumpGo"));
    QVERIFY(newestFirst && jump && go && newestFirst->isVisible());
    newestFirst->click();
    QVERIFY(model->isNewestFirst());
    QTRY_VERIFY(model->rowCount() > 0 && model->element(0) == idOf(699));
    QVERIFY(fetchAll());
    QCOMPARE(model->rowCount(), 700);
    for (int row = 0; row < 700; ++row)
        QCOMPARE(model->element(row), idOf(699 - row));

    // Jump to an id: newest first from it, so it and everything older.
    jump->setText(QString::fromLatin1(idOf(100)));
    go->click();
    QTRY_VERIFY(model->rowCount() > 0 && model->element(0) == idOf(100));
    QVERIFY(fetchAll());
    QCOMPARE(model->rowCount(), 101);
    QCOMPARE(model->element(100), idOf(0));

    // Jump to a local time, oldest first: the entries from that second on.
    newestFirst->click();
    QVERIFY(!model->isNewestFirst());
    jump->setText(timeOf(600, "yyyy-MM-dd HH:mm:ss"));
    QTest::keyClick(jump, Qt::Key_Return);
    QTRY_VERIFY(model->rowCount() > 0 && model->element(0) == idOf(600));
    QVERIFY(fetchAll());
    QCOMPARE(model->rowCount(), 100);
    QCOMPARE(model->element(99), idOf(699));

    // Neither an id nor a time: an error, the rows stay.
    QSignalSpy failed(view, &CollectionValueView::failed);
    QVERIFY(!view->jumpTo(QStringLiteral("yesterday-ish")));
    QCOMPARE(failed.size(), 1);
    QCOMPARE(model->rowCount(), 100);
    // Cleared: the whole stream again.
    jump->clear();
    go->click();
    QTRY_VERIFY(model->rowCount() > 100);
    QCOMPARE(model->element(0), idOf(0));
    snap("stream-jump");
    run({"DEL", "timeline"});
}

void TstKeyBrowserLive::bigJsonIsShownInSlices()
{
    startPanel();
    openKey("doc:json");
    StringValueView *view = m_panel->valuePanel()->stringView();
    QTRY_VERIFY(view->isLoaded());
    QCOMPARE(view->mode(), StringValueView::Mode::Json);
    QVERIFY(!view->isRendered()); // the rest follows slice by slice
    const int firstBlocks = view->editor()->blockCount();
    QVERIFY(firstBlocks > 10);
    QTRY_VERIFY(view->isRendered());
    QVERIFY(view->editor()->blockCount() > firstBlocks);
    // The same values, keys in the document's order ("ok" before "name", as written).
    const QString shown = view->editor()->toPlainText();
    QVERIFY(shown.startsWith(QStringLiteral("{\n    \"items\": [\n        {\n"
                                            "            \"id\": 0,\n"
                                            "            \"ok\": true,\n"
                                            "            \"name\": \"item 0\"\n        },\n")));
    QCOMPARE(QJsonDocument::fromJson(shown.toUtf8()), QJsonDocument::fromJson(view->value()));
    QVERIFY(!view->editor()->document()->isModified());
    QVERIFY(view->editor()->isReadOnly());
    // Colours: the first lines (on screen) have formats, a line far below does not (yet).
    // (line 3 is `            "id": 0,`)
    QTRY_VERIFY(!view->editor()->document()->findBlockByNumber(3).layout()->formats().isEmpty());
    const int far = view->editor()->blockCount() - 10;
    QVERIFY(view->editor()->document()->findBlockByNumber(far).layout()->formats().isEmpty());
    snap("big-json");
    // Switching to Text shows the raw value, editable once all of it is in.
    view->setMode(StringValueView::Mode::Text);
    QTRY_VERIFY(view->isRendered());
    QCOMPARE(view->editor()->toPlainText().toUtf8(), view->value());
    QVERIFY(!view->editor()->isReadOnly());
}

// Fills the New-key dialog's form for one type, creates the key through the panel, and checks
// the server has it, the value pane shows it and its TTL is set.
void TstKeyBrowserLive::createThroughDialog(const char *type, const QByteArray &first,
                                            const QByteArray &second,
                                            const std::vector<std::string> &check,
                                            const std::string &expected)
{
    const QByteArray name = "new:" + QByteArray(type);
    // The dialog describes the key; KeyService creates it.
    NewKeyDialog dialog;
    dialog.setType(keyTypeFromName(type));
    dialog.nameEdit()->setText(QString::fromUtf8(name));
    dialog.firstEdit()->setText(QString::fromUtf8(first));
    dialog.secondEdit()->setText(QString::fromUtf8(second));
    dialog.ttlBox()->setValue(500);
    QVERIFY(dialog.newKey().isComplete());
    m_panel->createKey(dialog.newKey());
    QTRY_COMPARE(run(check), expected);
    QTRY_COMPARE(m_panel->valuePanel()->currentKey(), name);
    QTRY_COMPARE(m_panel->valuePanel()->currentType(), QString::fromLatin1(type));
    QVERIFY(m_panel->model()->findKey(name).isValid());
    const std::string ttl = run({"TTL", name.toStdString()});
    QVERIFY2(ttl != ":-1" && ttl != ":-2", ttl.c_str());
}

void TstKeyBrowserLive::newKeyOfEveryType()
{
    startPanel();
    createThroughDialog("string", "hello", {}, {"GET", "new:string"}, "$hello");
    createThroughDialog("hash", "f", "v", {"HGET", "new:hash", "f"}, "$v");
    createThroughDialog("list", "e", {}, {"LINDEX", "new:list", "0"}, "$e");
    createThroughDialog("set", "m", {}, {"SISMEMBER", "new:set", "m"}, ":1");
    createThroughDialog("zset", "m", "2.5", {"ZSCORE", "new:zset", "m"}, "$2.5");
    if (QTest::currentTestFailed()) return;
    // A taken name is refused, and nothing is written.
    m_panel->createKey(NewKeyDialog::keyFor(KeyType::List, "new:list", "second", {}, 0));
    QTRY_VERIFY(m_panel->statusText().contains(QStringLiteral("already exists")));
    QCOMPARE(run({"LLEN", "new:list"}), std::string(":1"));
    // Incomplete forms build nothing.
    QVERIFY(!NewKeyDialog::keyFor(KeyType::SortedSet, "z", "m", "abc", 0).isComplete());
    QVERIFY(!NewKeyDialog::keyFor(KeyType::Hash, "", "f", "v", 0).isComplete());
    for (const char *type : {"string", "hash", "list", "set", "zset"})
        run({"DEL", std::string("new:") + type});
}

void TstKeyBrowserLive::newStreamKey()
{
    startPanel();
    createThroughDialog("stream", "f", "v", {"XLEN", "new:stream"}, ":1");
    run({"DEL", "new:stream"});
}

QTEST_MAIN(TstKeyBrowserLive)
#include "tst_key_browser_live.moc"
