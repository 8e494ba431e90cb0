// The collection widgets offscreen against a real server (redis-server and the Local engine):
// a ValuePanel opens big values and the test drives its real controls: the table scrolled to
// its bottom pages on and drops the first pages, scrolled back to its top reads them again;
// the index box jumps a list to its end; the MATCH box searches the server; the find box steps
// through the loaded rows; the element pane edits a value (asking when another client changed
// it meanwhile, and retrying when EXEC answers nil because the key changed between the WATCH
// and the EXEC) and deletes an element (asking first on a production connection). The panel
// still says why it shows no value (a folder, an expired or vanished key). EXEC answering nil is
// tried for hash fields, list elements and sorted set scores.
#include "connection/redis_connection.h"
#include "redis_test_client.h"
#include "test_backend.h"
#include "values/collection_element_pane.h"
#include "values/collection_value_model.h"
#include "values/collection_value_view.h"
#include "values/conflict_question.h"
#include "values/decoders/compression.h"
#include "values/decoders/decoder_pane.h"
#include "values/value_panel.h"
#include "widgets/confirm.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QElapsedTimer>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QSignalSpy>
#include <QTableView>
#include <QTest>
#include <QToolBar>
#include <QToolButton>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestBackend;

class TstCollectionView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void hashScrolledDeepAndBack();
    void countIsWholeInANarrowPane();
    void listJumpsToItsEndFromTheIndexBox();
    void matchBoxSearchesTheServer();
    void findStepsThroughLoadedRows();
    void elementPaneEditsAndAsksOnConflict();
    void execNilIsRetriedThenWrittenOrAsked();
    void execNilOnListEditIsRetriedThenWrittenOrAsked();
    void execNilOnSortedSetEditIsRetriedThenWrittenOrAsked();
    void elementPaneDecodesAndSavesRecompressed();
    void productionAsksBeforeDeletingAnElement();
    void panelSaysWhyItShowsNoValue();

private:
    void open(const QByteArray &key);
    CollectionValueView *view() const { return m_panel->collectionView(); }
    CollectionValueModel *model() const { return view()->model(); }
    template <typename T> T *child(const char *name) const
    {
        T *widget = m_panel->findChild<T *>(QLatin1String(name));
        if (!widget) qFatal("no widget %s", name);
        return widget;
    }
    void selectRow(int row);
    bool saveWithWriteBeforeExec(const std::vector<std::string> &theirs,
                                 const char *check = "hget");
    long long commandCalls(const char *command);
    std::string run(const std::vector<std::string> &args) { return m_client->run(args); }

    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<RedisTestClient> m_client;
    std::unique_ptr<RedisConnection> m_connection;
    std::unique_ptr<ValuePanel> m_panel;
    std::unique_ptr<QAbstractItemModelTester> m_tester;
    QStringList m_questions;
    bool m_answer = true;
    QList<ConflictQuestion> m_conflicts;
    ConflictChoice m_choice = ConflictChoice::Cancel;
};

void TstCollectionView::initTestCase()
{
    m_server = TestBackend::start();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    m_client = m_server->client();
    QVERIFY(m_client->connected());
    setConfirmFunction([this](QWidget *, const QString &title, const QString &) {
        m_questions.append(title);
        return m_answer;
    });
    setConflictAnswer([this](QWidget *, const ConflictQuestion &question) {
        m_conflicts.append(question);
        return m_choice;
    });
    // A 30,000-field hash, a 50,000-element list.
    for (int base = 0; base < 50000; base += 1000) {
        std::vector<std::string> hset{"HSET", "deep:hash"};
        std::vector<std::string> rpush{"RPUSH", "deep:list"};
        for (int i = base; i < base + 1000; ++i) {
            if (i < 30000) {
                hset.push_back((i % 1000 == 7 ? "needle:" : "field:") + std::to_string(i));
                hset.push_back("value " + std::to_string(i));
            }
            rpush.push_back("item " + std::to_string(i));
        }
        if (hset.size() > 2) m_client->run(hset);
        m_client->run(rpush);
    }
    m_connection = std::make_unique<RedisConnection>(m_server->settings());
    m_panel = std::make_unique<ValuePanel>(m_connection.get());
    m_panel->resize(1000, 760);
    m_panel->show();
    m_connection->connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(m_connection->state(), RedisConnection::State::Ready, 20000);
    m_tester = std::make_unique<QAbstractItemModelTester>(
        model(), QAbstractItemModelTester::FailureReportingMode::QtTest);
}

void TstCollectionView::cleanupTestCase()
{
    setConfirmFunction({});
    setConflictAnswer({});
    m_tester.reset();
    m_panel.reset();
    m_connection.reset();
    if (m_client) run({"FLUSHALL"});
}

void TstCollectionView::open(const QByteArray &key)
{
    m_panel->openKey(key);
    QTRY_COMPARE(m_panel->currentKey(), key);
    QTRY_VERIFY(!m_panel->currentType().isEmpty());
    QTRY_COMPARE(model()->key(), key);
    QTRY_VERIFY(model()->rowCount() > 0 || model()->isComplete());
}

void TstCollectionView::selectRow(int row)
{
    QTableView *table = view()->table();
    table->setCurrentIndex(model()->index(row, 0));
    QTRY_COMPARE(view()->elementPane()->row(), row);
}

void TstCollectionView::hashScrolledDeepAndBack()
{
    open("deep:hash");
    QTRY_COMPARE(model()->total(), qint64(30000));
    QTRY_VERIFY(view()->countText().contains(QLocale().toString(30000)));
    QScrollBar *bar = view()->table()->verticalScrollBar();
    // Scrolling to the bottom again and again: the view fetches page after page.
    QElapsedTimer clock;
    clock.start();
    while (model()->firstOrdinal() < 15000 && clock.elapsed() < 30000) {
        bar->setValue(bar->maximum());
        QTest::qWait(5);
    }
    QVERIFY(model()->firstOrdinal() >= 15000);
    // Bounded: 10,000 rows and one page (pages grow to kMaxWalkChunk while walking down).
    QVERIFY(model()->rowCount() <=
            (CollectionValueModel::kWindowRows + CollectionValueModel::kMaxWalkChunk) * 11 / 10);
    // The row numbers follow the walk.
    QCOMPARE(model()->headerData(0, Qt::Vertical).toString(),
             QLocale().toString(model()->firstOrdinal() + 1));
    QVERIFY(view()->countText().startsWith(
        QStringLiteral("Rows %1").arg(QLocale().toString(model()->firstOrdinal() + 1))));
    // The row at the top of the screen stays there when the window drops pages above it.
    const qint64 deepest = model()->firstOrdinal();
    // Back up: at the top the page before the window is read again from its saved cursor.
    clock.restart();
    while (model()->firstOrdinal() > deepest - 3000 && clock.elapsed() < 30000) {
        bar->setValue(bar->minimum());
        QTest::qWait(5);
    }
    QVERIFY(model()->firstOrdinal() <= deepest - 3000);
    QVERIFY(bar->value() > bar->minimum()); // kept its place below the rows read again
}

// The value pane of a 1024 px window is about 320 px wide: "Rows 17,504–30,000 of 30,000" is
// shown whole there (the walk's state and the element actions give way), and Add/Remove stay
// reachable, on the bar or behind its overflow menu.
void TstCollectionView::countIsWholeInANarrowPane()
{
    const QSize wide = m_panel->size();
    m_panel->resize(320, wide.height());
    open("deep:hash");
    QTRY_COMPARE(model()->total(), qint64(30000));
    QScrollBar *bar = view()->table()->verticalScrollBar();
    QElapsedTimer clock;
    clock.start();
    while (!(model()->isComplete() && !model()->isLoading()) && clock.elapsed() < 30000) {
        bar->setValue(bar->maximum());
        QTest::qWait(5);
    }
    QVERIFY(model()->isComplete());
    auto *count = child<QLabel>("collectionCount");
    const QString text = view()->countText();
    QVERIFY2(text.endsWith(QStringLiteral(" of %1").arg(QLocale().toString(30000))),
             qPrintable(text));
    QVERIFY2(model()->firstOrdinal() >= 10000, qPrintable(text)); // five-digit rows
    QTRY_VERIFY2(count->width() >= count->fontMetrics().horizontalAdvance(text),
                 qPrintable(QStringLiteral("%1 px for %2 px of \"%3\"")
                                .arg(count->width())
                                .arg(count->fontMetrics().horizontalAdvance(text))
                                .arg(text)));
    QVERIFY(count->geometry().right() <= view()->width());
    // The walk's state is shown whole or not at all.
    const QString state = child<QLabel>("collectionState")->text();
    QVERIFY2(state.isEmpty() || state == view()->stateText(), qPrintable(state));
    auto *actions = child<QToolBar>("collectionActions");
    for (QAction *action : actions->actions()) {
        QWidget *button = actions->widgetForAction(action);
        const bool onBar =
            button && button->isVisible() && button->geometry().right() <= actions->width();
        QToolButton *more =
            actions->findChild<QToolButton *>(QStringLiteral("qt_toolbar_ext_button"));
        QVERIFY2(onBar || (more && more->isVisible()), qPrintable(action->text()));
    }
    m_panel->resize(wide);
}

void TstCollectionView::listJumpsToItsEndFromTheIndexBox()
{
    open("deep:list");
    auto *index = child<QLineEdit>("collectionJumpIndex");
    QVERIFY(index->isVisible());
    QVERIFY(!child<QLineEdit>("collectionMatch")->isVisible()); // lists have no SCAN
    index->setText(QStringLiteral("-1"));
    child<QToolButton>("collectionJumpGo")->click();
    QTRY_VERIFY(view()->table()->currentIndex().isValid() &&
                model()->ordinal(view()->table()->currentIndex().row()) == 49999);
    const int row = view()->table()->currentIndex().row();
    QCOMPARE(model()->element(row), QByteArray("item 49999"));
    QTRY_COMPARE(view()->elementPane()->row(), view()->table()->currentIndex().row());
    QCOMPARE(view()->elementPane()->valueEditor()->toPlainText(), QStringLiteral("item 49999"));
    QVERIFY(child<QLabel>("elementTitle")->text().contains(QLocale().toString(49999)));
    // And into the middle, typed.
    index->clear();
    QTest::keyClicks(index, QStringLiteral("31337"));
    QTest::keyClick(index, Qt::Key_Return);
    QTRY_VERIFY(view()->table()->currentIndex().isValid() &&
                model()->element(view()->table()->currentIndex().row()) == "item 31337");
}

void TstCollectionView::matchBoxSearchesTheServer()
{
    open("deep:hash");
    auto *match = child<QLineEdit>("collectionMatch");
    QVERIFY(match->isVisible());
    // The table scrolled sideways (a long value selected in a narrow window): the matches
    // show from their first column.
    QTRY_VERIFY(model()->rowCount() > 0);
    view()->table()->setColumnWidth(0, 3000);
    QScrollBar *across = view()->table()->horizontalScrollBar();
    QTRY_VERIFY(across->maximum() > 0);
    across->setValue(across->maximum());
    QVERIFY(across->value() > 0);
    match->setText(QStringLiteral("needle:*"));
    QTest::keyClick(match, Qt::Key_Return);
    QTRY_COMPARE(model()->match(), QByteArray("needle:*"));
    QElapsedTimer clock;
    clock.start();
    while (!model()->isComplete() && clock.elapsed() < 30000) {
        if (model()->canFetchMore({})) model()->fetchMore({});
        QTest::qWait(5);
    }
    QCOMPARE(model()->rowCount(), 30);
    for (int r = 0; r < model()->rowCount(); ++r)
        QVERIFY(model()->element(r).startsWith("needle:"));
    QVERIFY(view()->countText().startsWith(QStringLiteral("30 matching")));
    QCOMPARE(across->value(), 0);
    view()->table()->setColumnWidth(0, 220);
    // The clear button shows everything again.
    match->clear();
    QTRY_VERIFY(model()->match().isEmpty() && model()->rowCount() >= 500);
}

void TstCollectionView::findStepsThroughLoadedRows()
{
    QCOMPARE(run({"RPUSH", "find:list", "apple", "banana", "apricot", "cherry", "grape apple"}),
             std::string(":5"));
    open("find:list");
    QTRY_COMPARE(model()->rowCount(), 5);
    auto *find = child<QLineEdit>("collectionFind");
    find->setText(QStringLiteral("AP"));
    QCOMPARE(view()->elementPane()->row(), -1);
    auto *next = child<QToolButton>("collectionFindNext");
    auto *previous = child<QToolButton>("collectionFindPrevious");
    next->click();
    QCOMPARE(view()->table()->currentIndex().row(), 0); // apple
    next->click();
    QCOMPARE(view()->table()->currentIndex().row(), 2); // apricot
    next->click();
    QCOMPARE(view()->table()->currentIndex().row(), 4); // grape Apple (case-insensitive)
    next->click();
    QCOMPARE(view()->table()->currentIndex().row(), 0); // wrapped
    previous->click();
    QCOMPARE(view()->table()->currentIndex().row(), 4);
    previous->click();
    QCOMPARE(view()->table()->currentIndex().row(), 2);
    QVERIFY(!view()->findNext(QStringLiteral("kiwi")));
    run({"DEL", "find:list"});
}

void TstCollectionView::elementPaneEditsAndAsksOnConflict()
{
    const std::string big(3000, 'x'); // longer than a table cell shows
    QCOMPARE(run({"HSET", "edit:hash", "doc", "line one\nline two\n" + big}), std::string(":1"));
    open("edit:hash");
    QTRY_COMPARE(model()->rowCount(), 1);
    selectRow(0);
    CollectionElementPane *pane = view()->elementPane();
    QCOMPARE(pane->elementEditor()->toPlainText(), QStringLiteral("doc"));
    QCOMPARE(pane->valueEditor()->toPlainText().size(), qsizetype(18 + 3000)); // whole
    QVERIFY(!pane->saveButton()->isEnabled());
    pane->valueEditor()->setPlainText(QStringLiteral("first line\nsecond line"));
    QVERIFY(pane->saveButton()->isEnabled());
    pane->saveButton()->click();
    QTRY_COMPARE(run({"HGET", "edit:hash", "doc"}), std::string("$first line\nsecond line"));
    QTRY_VERIFY(!pane->saveButton()->isEnabled()); // the pane shows what was written

    // Another client changes it; saving asks. Cancel: nothing written, the edit stays.
    QCOMPARE(run({"HSET", "edit:hash", "doc", "theirs"}), std::string(":0"));
    pane->valueEditor()->setPlainText(QStringLiteral("mine"));
    m_conflicts.clear();
    m_choice = ConflictChoice::Cancel;
    pane->saveButton()->click();
    QTRY_COMPARE(m_conflicts.size(), 1);
    QCOMPARE(m_conflicts.at(0).title, QStringLiteral("Element changed on the server"));
    QCOMPARE(m_conflicts.at(0).theirs, QByteArray("theirs"));
    QCOMPARE(m_conflicts.at(0).yours, QByteArray("mine"));
    QCOMPARE(run({"HGET", "edit:hash", "doc"}), std::string("$theirs"));
    QCOMPARE(pane->valueEditor()->toPlainText(), QStringLiteral("mine"));
    QVERIFY(pane->saveButton()->isEnabled());
    // Reload: the server's value is shown.
    m_choice = ConflictChoice::Reload;
    pane->saveButton()->click();
    QTRY_COMPARE(m_conflicts.size(), 2);
    QCOMPARE(run({"HGET", "edit:hash", "doc"}), std::string("$theirs"));
    QTRY_VERIFY(model()->rowCount() == 1 && model()->second(0) == "theirs");
    // Again, overwrite writes mine.
    QCOMPARE(run({"HSET", "edit:hash", "doc", "theirs again"}), std::string(":0"));
    selectRow(0);
    pane->valueEditor()->setPlainText(QStringLiteral("mine"));
    m_choice = ConflictChoice::Overwrite;
    pane->saveButton()->click();
    QTRY_COMPARE(run({"HGET", "edit:hash", "doc"}), std::string("$mine"));
    QCOMPARE(m_conflicts.size(), 3);

    // A sorted set: member and score in the pane.
    QCOMPARE(run({"ZADD", "edit:zset", "1.5", "alice"}), std::string(":1"));
    open("edit:zset");
    QTRY_COMPARE(model()->rowCount(), 1);
    selectRow(0);
    QCOMPARE(pane->scoreEditor()->text(), QStringLiteral("1.5"));
    pane->scoreEditor()->setText(QStringLiteral("42"));
    pane->saveButton()->click();
    QTRY_COMPARE(run({"ZSCORE", "edit:zset", "alice"}), std::string("$42"));
    run({"DEL", "edit:hash", "edit:zset"});
}

// Clicks the element pane's Save and, once the edit's WATCH and check read (`check`: HGET for
// a hash field, LINDEX for a list element, ZSCORE for a sorted set member) have run on the
// transaction connection, makes `theirs` from a second client before the MULTI ... EXEC can
// follow: the event loop is run one step at a time, and after each step CLIENT LIST says
// whether the transaction client's last command is the check. The MULTI is only sent once this
// thread has handled the check's answer, in a later step, so `theirs` always lands between the
// WATCH and the EXEC, and EXEC answers nil.
bool TstCollectionView::saveWithWriteBeforeExec(const std::vector<std::string> &theirs,
                                                const char *check)
{
    const std::string lastCommand = std::string(" cmd=") + check + " ";
    view()->elementPane()->saveButton()->click();
    QElapsedTimer clock;
    clock.start();
    while (clock.elapsed() < 10000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents);
        const std::string clients = run({"CLIENT", "LIST"});
        const size_t named = clients.find("name=redscope:transaction ");
        if (named == std::string::npos) continue;
        const size_t end = clients.find('\n', named);
        const std::string line =
            clients.substr(named, end == std::string::npos ? end : end - named);
        if (line.find(lastCommand) == std::string::npos) continue;
        run(theirs);
        return true;
    }
    return false;
}

// calls= of INFO commandstats for the command.
long long TstCollectionView::commandCalls(const char *command)
{
    const std::string info = run({"INFO", "commandstats"});
    const std::string key = std::string("cmdstat_") + command + ":calls=";
    const size_t at = info.find(key);
    return at == std::string::npos ? 0 : std::stoll(info.substr(at + key.size()));
}

void TstCollectionView::execNilIsRetriedThenWrittenOrAsked()
{
    QCOMPARE(run({"HSET", "retry:hash", "doc", "v1", "other", "o1"}), std::string(":2"));
    open("retry:hash");
    QTRY_COMPARE(model()->rowCount(), 2);
    const int row = model()->element(0) == "doc" ? 0 : 1;
    selectRow(row);
    CollectionElementPane *pane = view()->elementPane();
    m_conflicts.clear();
    m_choice = ConflictChoice::Cancel;

    // Another field of the hash changes between the WATCH and the EXEC: EXEC answers nil, the
    // edit is checked again, finds its own field as it was read, and is written, unasked.
    long long watches = commandCalls("watch");
    long long execs = commandCalls("exec");
    pane->valueEditor()->setPlainText(QStringLiteral("mine"));
    QVERIFY(saveWithWriteBeforeExec({"HSET", "retry:hash", "other", "o2"}));
    QTRY_COMPARE(run({"HGET", "retry:hash", "doc"}), std::string("$mine"));
    QTRY_VERIFY(!pane->saveButton()->isEnabled()); // the pane shows what was written
    QCOMPARE(run({"HGET", "retry:hash", "other"}), std::string("$o2"));
    QVERIFY(m_conflicts.isEmpty());
    QCOMPARE(commandCalls("watch") - watches, 2LL); // the first attempt and its retry
    QCOMPARE(commandCalls("exec") - execs, 2LL);    // nil, then the write

    // The field itself changes between the WATCH and the EXEC: EXEC answers nil, the check
    // then finds the other client's value, and the user is asked. Cancel: nothing written.
    watches = commandCalls("watch");
    execs = commandCalls("exec");
    pane->valueEditor()->setPlainText(QStringLiteral("mine again"));
    QVERIFY(saveWithWriteBeforeExec({"HSET", "retry:hash", "doc", "theirs"}));
    QTRY_COMPARE(m_conflicts.size(), 1);
    QCOMPARE(m_conflicts.at(0).theirs, QByteArray("theirs"));
    QCOMPARE(m_conflicts.at(0).yours, QByteArray("mine again"));
    QCOMPARE(run({"HGET", "retry:hash", "doc"}), std::string("$theirs"));
    QCOMPARE(commandCalls("watch") - watches, 2LL);
    QCOMPARE(commandCalls("exec") - execs, 1LL);                                // the nil one only
    QCOMPARE(pane->valueEditor()->toPlainText(), QStringLiteral("mine again")); // kept
    run({"DEL", "retry:hash"});
}

// The same for a list element (checked with LINDEX at its index, written with LSET): another
// element set between the WATCH and the EXEC is retried and written; the element itself set
// meanwhile asks, and nothing is written.
void TstCollectionView::execNilOnListEditIsRetriedThenWrittenOrAsked()
{
    run({"DEL", "retry:list"});
    QCOMPARE(run({"RPUSH", "retry:list", "a", "b", "c"}), std::string(":3"));
    open("retry:list");
    QTRY_COMPARE(model()->rowCount(), 3);
    QCOMPARE(model()->element(1), QByteArray("b"));
    selectRow(1);
    CollectionElementPane *pane = view()->elementPane();
    QCOMPARE(pane->valueEditor()->toPlainText(), QStringLiteral("b"));
    m_conflicts.clear();
    m_choice = ConflictChoice::Cancel;

    long long watches = commandCalls("watch");
    long long execs = commandCalls("exec");
    pane->valueEditor()->setPlainText(QStringLiteral("mine"));
    QVERIFY(saveWithWriteBeforeExec({"LSET", "retry:list", "2", "c2"}, "lindex"));
    QTRY_COMPARE(run({"LINDEX", "retry:list", "1"}), std::string("$mine"));
    QTRY_VERIFY(!pane->saveButton()->isEnabled());
    QCOMPARE(run({"LRANGE", "retry:list", "0", "-1"}), std::string("*[$a,$mine,$c2]"));
    QVERIFY(m_conflicts.isEmpty());
    QCOMPARE(commandCalls("watch") - watches, 2LL);
    QCOMPARE(commandCalls("exec") - execs, 2LL);

    watches = commandCalls("watch");
    execs = commandCalls("exec");
    pane->valueEditor()->setPlainText(QStringLiteral("mine again"));
    QVERIFY(saveWithWriteBeforeExec({"LSET", "retry:list", "1", "theirs"}, "lindex"));
    QTRY_COMPARE(m_conflicts.size(), 1);
    QCOMPARE(m_conflicts.at(0).theirs, QByteArray("theirs"));
    QCOMPARE(m_conflicts.at(0).yours, QByteArray("mine again"));
    QVERIFY(!m_conflicts.at(0).gone);
    QCOMPARE(run({"LRANGE", "retry:list", "0", "-1"}), std::string("*[$a,$theirs,$c2]"));
    QCOMPARE(commandCalls("watch") - watches, 2LL);
    QCOMPARE(commandCalls("exec") - execs, 1LL);
    QCOMPARE(pane->valueEditor()->toPlainText(), QStringLiteral("mine again"));
    run({"DEL", "retry:list"});
}

// The same for a sorted set member's score (checked with ZSCORE, written with ZADD): another
// member's score changed between the WATCH and the EXEC is retried and written; the member's
// own score changed meanwhile asks, and nothing is written.
void TstCollectionView::execNilOnSortedSetEditIsRetriedThenWrittenOrAsked()
{
    run({"DEL", "retry:zset"});
    QCOMPARE(run({"ZADD", "retry:zset", "1", "alice", "2", "bob"}), std::string(":2"));
    open("retry:zset");
    QTRY_COMPARE(model()->rowCount(), 2);
    QCOMPARE(model()->element(0), QByteArray("alice"));
    selectRow(0);
    CollectionElementPane *pane = view()->elementPane();
    QCOMPARE(pane->scoreEditor()->text(), QStringLiteral("1"));
    m_conflicts.clear();
    m_choice = ConflictChoice::Cancel;

    long long watches = commandCalls("watch");
    long long execs = commandCalls("exec");
    pane->scoreEditor()->setText(QStringLiteral("5"));
    QVERIFY(saveWithWriteBeforeExec({"ZADD", "retry:zset", "3", "bob"}, "zscore"));
    QTRY_COMPARE(run({"ZSCORE", "retry:zset", "alice"}), std::string("$5"));
    QTRY_VERIFY(!pane->saveButton()->isEnabled());
    QCOMPARE(run({"ZSCORE", "retry:zset", "bob"}), std::string("$3"));
    QVERIFY(m_conflicts.isEmpty());
    QCOMPARE(commandCalls("watch") - watches, 2LL);
    QCOMPARE(commandCalls("exec") - execs, 2LL);

    watches = commandCalls("watch");
    execs = commandCalls("exec");
    pane->scoreEditor()->setText(QStringLiteral("7"));
    QVERIFY(saveWithWriteBeforeExec({"ZADD", "retry:zset", "9", "alice"}, "zscore"));
    QTRY_COMPARE(m_conflicts.size(), 1);
    QCOMPARE(m_conflicts.at(0).theirs, QByteArray("9"));
    QCOMPARE(m_conflicts.at(0).yours, QByteArray("7"));
    QVERIFY(!m_conflicts.at(0).gone);
    QCOMPARE(run({"ZSCORE", "retry:zset", "alice"}), std::string("$9"));
    QCOMPARE(commandCalls("watch") - watches, 2LL);
    QCOMPARE(commandCalls("exec") - execs, 1LL);
    QCOMPARE(pane->scoreEditor()->text(), QStringLiteral("7"));
    run({"DEL", "retry:zset"});
}

// A hash field whose value is gzip-compressed JSON: "Decoded" shows it as JSON through the
// decoder pane; an edit is saved re-compressed with gzip, after the user accepted the decoder
// that was only detected.
void TstCollectionView::elementPaneDecodesAndSavesRecompressed()
{
    const QByteArray json = R"({"user":"ada","n":3})";
    const QByteArray gz = compress(Codec::Gzip, json).value;
    QVERIFY(!gz.isEmpty());
    QCOMPARE(run({"HSET", "dec:hash", "doc", gz.toStdString()}), std::string(":1"));
    open("dec:hash");
    QTRY_COMPARE(model()->rowCount(), 1);
    selectRow(0);
    CollectionElementPane *pane = view()->elementPane();
    QVERIFY(pane->decodedToggle()->isVisible());
    QVERIFY(!pane->decoderPane()->isVisible());
    pane->decodedToggle()->setChecked(true);
    DecoderPane *decoder = pane->decoderPane();
    QVERIFY(decoder->isVisible());
    QVERIFY(!pane->valueEditor()->isVisible());
    QTRY_COMPARE(decoder->codec(), Codec::Gzip);
    QTRY_COMPARE(decoder->format(), Format::Json);
    QVERIFY(!pane->saveButton()->isEnabled());

    decoder->jsonEditor()->selectAll();
    decoder->jsonEditor()->insertPlainText(QStringLiteral("{\"user\": \"grace\", \"n\": 4}"));
    QTRY_VERIFY(pane->saveButton()->isEnabled());
    m_questions.clear();
    m_answer = true;
    pane->saveButton()->click();
    QTRY_COMPARE(m_questions.size(), 1);
    QCOMPARE(m_questions.at(0), QStringLiteral("Save through a detected decoder"));
    const QByteArray expected = R"({"user":"grace","n":4})";
    QTRY_COMPARE(QByteArray::fromStdString(run({"HGET", "dec:hash", "doc"})).mid(1).toHex(),
                 compress(Codec::Gzip, expected).value.toHex());
    // The decoded view stays on for the next element shown, with that element's bytes.
    QTRY_VERIFY(decoder->isVisible());
    QTRY_COMPARE(decoder->plainValue(), expected);
    QTRY_VERIFY(!decoder->isModified());
    QVERIFY(!pane->saveButton()->isEnabled());

    // A decoded edit raced by another client, cancelled: nothing written, the edit stays.
    const QByteArray theirs = compress(Codec::Gzip, R"({"user":"them"})").value;
    run({"HSET", "dec:hash", "doc", theirs.toStdString()});
    decoder->jsonEditor()->selectAll();
    decoder->jsonEditor()->insertPlainText(QStringLiteral("{\"user\": \"mine\"}"));
    m_conflicts.clear();
    m_choice = ConflictChoice::Cancel;
    QTRY_VERIFY(pane->saveButton()->isEnabled());
    pane->saveButton()->click();
    QTRY_COMPARE(m_conflicts.size(), 1);
    QCOMPARE(QByteArray::fromStdString(run({"HGET", "dec:hash", "doc"})).mid(1), theirs);
    QVERIFY(decoder->isModified());
    QVERIFY(decoder->jsonEditor()->toPlainText().contains(QStringLiteral("mine")));
    QVERIFY(pane->saveButton()->isEnabled());
    pane->decodedToggle()->setChecked(false);
    QVERIFY(pane->valueEditor()->isVisible());
    run({"DEL", "dec:hash"});
}

void TstCollectionView::productionAsksBeforeDeletingAnElement()
{
    QCOMPARE(run({"SADD", "prod:set", "a", "b"}), std::string(":2"));
    ConnectionSettings settings = m_server->settings();
    settings.production = true;
    settings.name = QStringLiteral("Orders (prod)");
    RedisConnection connection(settings);
    ValuePanel panel(&connection);
    panel.resize(900, 700);
    panel.show();
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 20000);
    panel.openKey("prod:set");
    CollectionValueView *view = panel.collectionView();
    QTRY_COMPARE(view->model()->rowCount(), 2);
    // No in-cell editing on production: every write goes through the pane, which asks.
    QCOMPARE(view->table()->editTriggers(), QAbstractItemView::NoEditTriggers);
    view->table()->setCurrentIndex(view->model()->index(0, 0));
    QTRY_COMPARE(view->elementPane()->row(), 0);
    m_questions.clear();
    m_answer = false;
    view->elementPane()->deleteButton()->click();
    QCOMPARE(m_questions.size(), 1);
    QVERIFY(m_questions.at(0).contains(QStringLiteral("Orders (prod)")) ||
            m_questions.at(0).contains(QStringLiteral("production"), Qt::CaseInsensitive));
    QTest::qWait(100);
    QCOMPARE(run({"SCARD", "prod:set"}), std::string(":2"));
    m_answer = true;
    const QByteArray member = view->model()->element(0);
    view->elementPane()->deleteButton()->click();
    QTRY_COMPARE(run({"SCARD", "prod:set"}), std::string(":1"));
    QCOMPARE(run({"SISMEMBER", "prod:set", member.toStdString()}), std::string(":0"));
    QCOMPARE(m_questions.size(), 2);
    run({"DEL", "prod:set"});
}

void TstCollectionView::panelSaysWhyItShowsNoValue()
{
    m_panel->showFolder("app:cache", 1234);
    QVERIFY(m_panel->placeholderText().contains(QStringLiteral("Folder \"app:cache\"")));
    // A key that expires while shown.
    QCOMPARE(run({"HSET", "short:hash", "f", "v"}), std::string(":1"));
    QCOMPARE(run({"PEXPIRE", "short:hash", "1500"}), std::string(":1"));
    open("short:hash");
    QCOMPARE(m_panel->currentType(), QStringLiteral("hash"));
    QTRY_VERIFY_WITH_TIMEOUT(m_panel->isExpired(), 10000);
    QVERIFY(m_panel->errorText().contains(QStringLiteral("expired")));
    // A key deleted behind the panel's back.
    m_panel->openKey("never:there");
    QTRY_VERIFY(m_panel->errorText().contains(QStringLiteral("no longer exists")));
}

QTEST_MAIN(TstCollectionView)
#include "tst_collection_view.moc"
