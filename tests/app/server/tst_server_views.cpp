// The Server tab's views offscreen, against Debian's redis-server and against the Local engine
// (test_backend.h): the INFO browser searches a real INFO reply, the config editor changes a
// parameter through the table's editor and the server has it, refused values show the error,
// CONFIG REWRITE without a config file shows its error; the slowlog shows a command after the
// threshold is set to 0 from the view; the clients table lists the test's connection and kills it;
// the persistence panel's buttons change LASTSAVE, appendonly, appendfsync and save. Every model
// goes through QAbstractItemModelTester.
#include "connection/redis_connection.h"
#include "console/console_panel.h"
#include "server/client_list_model.h"
#include "server/clients_view.h"
#include "server/config_editor.h"
#include "server/config_model.h"
#include "server/config_parameters.h"
#include "server/info_browser.h"
#include "server/info_tree_model.h"
#include "server/persistence_panel.h"
#include "server/server_panel.h"
#include "server/server_replies.h"
#include "server/slowlog_model.h"
#include "server/slowlog_view.h"
#include "test_backend.h"
#include "widgets/confirm.h"

#include <QAbstractItemModelTester>
#include <QComboBox>
#include <QCompleter>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRegularExpression>
#include <QSortFilterProxyModel>
#include <QSpinBox>
#include <QTableView>
#include <QTest>

using namespace redscope;
using redscope::test::TestBackend;

class TstServerViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void standaloneHasNoNodeSelector();
    void infoBrowserSearch();
    void infoBrowserMarksTheAppsFiguresOnTheLocalEngine();
    void configEditInPlace();
    void configErrorsAreShown();
    void configTypesAndDescriptions();
    void configEnumAndBooleanCombos();
    void configMemoryIsValidated();
    void configCountFollowsFilter();
    void slowlogAfterThresholdZero();
    void slowlogShowsDebugSleep();
    void clientsListAndKill();
    void persistenceBgsaveChangesLastSave();
    void persistenceSettings();
    void saveAsksFirst();
    void consoleCompletesCommandNames();

private:
    std::unique_ptr<RedisConnection> connectTo(const QByteArray &name = {});
    std::string config(const std::string &name) const;
    int configCount() const;
    template <typename View> View *show(View *view)
    {
        m_panel->setCurrentWidget(view);
        return view;
    }

    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<RedisConnection> m_connection;
    std::unique_ptr<ServerPanel> m_panel;
    bool m_confirmAnswer = true;
    int m_confirmations = 0;
};

std::unique_ptr<RedisConnection> TstServerViews::connectTo(const QByteArray &name)
{
    ConnectionSettings settings = m_server->settings();
    settings.name = QStringLiteral("views");
    auto connection = std::make_unique<RedisConnection>(settings);
    connection->connectToServer();
    if (!QTest::qWaitFor([&] { return connection->state() == RedisConnection::State::Ready; },
                         10000))
        return nullptr;
    if (!name.isEmpty()) {
        bool done = false;
        connection->send({"CLIENT", "SETNAME", name}, [&](const RedisValue &) { done = true; });
        if (!QTest::qWaitFor([&] { return done; }, 5000)) return nullptr;
    }
    return connection;
}

// The value of CONFIG GET <name> read through a separate test client.
std::string TstServerViews::config(const std::string &name) const
{
    const std::string text = m_server->run({"CONFIG", "GET", name}); // *[$name,$value]
    const std::string prefix = "*[$" + name + ",$";
    if (text.rfind(prefix, 0) != 0 || text.back() != ']') return "<" + text + ">";
    return text.substr(prefix.size(), text.size() - prefix.size() - 1);
}

// How many parameters CONFIG GET * lists (name-value pairs), asked on a separate client.
int TstServerViews::configCount() const
{
    std::unique_ptr<test::RedisTestClient> client = m_server->client();
    redisReply *reply = static_cast<redisReply *>(redisCommand(client->context(), "CONFIG GET *"));
    const int count = reply && reply->type == REDIS_REPLY_ARRAY ? int(reply->elements / 2) : -1;
    if (reply) freeReplyObject(reply);
    return count;
}

void TstServerViews::initTestCase()
{
    m_server = TestBackend::start({"--enable-debug-command", "yes"});
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    m_connection = connectTo();
    QVERIFY(m_connection);
    setConfirmFunction([this](QWidget *, const QString &, const QString &) {
        ++m_confirmations;
        return m_confirmAnswer;
    });
    m_panel = std::make_unique<ServerPanel>(m_connection.get());
    m_panel->resize(1100, 700);
    m_panel->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_panel.get()));
}

void TstServerViews::cleanupTestCase()
{
    setConfirmFunction({});
    m_panel.reset();
    m_connection.reset();
}

void TstServerViews::init()
{
    m_confirmAnswer = true;
    m_confirmations = 0;
}

// The node selector is for clusters (tst_cluster_views); a standalone server keeps the bare tabs.
void TstServerViews::standaloneHasNoNodeSelector()
{
    QVERIFY(!m_panel->nodeBox());
    QVERIFY(!m_panel->cornerWidget(Qt::TopRightCorner));
    QVERIFY(m_panel->selectedNode().isEmpty());
}

void TstServerViews::infoBrowserSearch()
{
    InfoBrowser *info = show(m_panel->info());
    QAbstractItemModelTester tester(info->model());
    QAbstractItemModelTester proxyTester(info->proxy());
    QTRY_VERIFY_WITH_TIMEOUT(info->model()->rowCount() >= 8, 5000);
    info->setFilter(QStringLiteral("redis_version"));
    QCOMPARE(info->proxy()->rowCount(), 1);
    const QModelIndex server = info->proxy()->index(0, 0);
    QCOMPARE(server.data().toString(), QStringLiteral("Server"));
    QCOMPARE(info->proxy()->rowCount(server), 1);
    QVERIFY(info->proxy()->index(0, 1, server).data().toString().startsWith(QLatin1String("7.")));
    info->setFilter(QStringLiteral("persistence")); // a matching section keeps all its fields
    QCOMPARE(info->proxy()->rowCount(), 1);
    const QModelIndex persistence = info->proxy()->index(0, 0);
    QCOMPARE(persistence.data().toString(), QStringLiteral("Persistence"));
    QVERIFY(info->proxy()->rowCount(persistence) > 10);
    QCOMPARE(info->proxy()->rowCount(persistence),
             info->model()->rowCount(info->proxy()->mapToSource(persistence)));
    info->setFilter({});
    QCOMPARE(info->proxy()->rowCount(), info->model()->rowCount());
}

// A Local engine connection (settings with localDataDir) gets the note, and its process-wide
// fields (RSS, fragmentation, the process's CPU) are greyed with a tooltip saying they count
// the app; used_memory and the main thread's CPU stay as they are. A remote server's are not.
void TstServerViews::infoBrowserMarksTheAppsFiguresOnTheLocalEngine()
{
    const auto fieldIndex = [](InfoTreeModel *model, const QString &key) {
        for (int s = 0; s < model->rowCount(); ++s) {
            const QModelIndex section = model->index(s, 0);
            for (int f = 0; f < model->rowCount(section); ++f)
                if (model->index(f, 0, section).data().toString() == key)
                    return model->index(f, InfoTreeModel::ValueColumn, section);
        }
        return QModelIndex();
    };
    for (const bool local : {true, false}) {
        ConnectionSettings settings = m_server->settings();
        settings.name = QStringLiteral("views-info");
        if (local) settings.localDataDir = QDir::tempPath();
        RedisConnection connection(settings);
        connection.connectToServer();
        QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
        InfoBrowser browser(&connection);
        browser.resize(900, 600);
        browser.show();
        QAbstractItemModelTester tester(browser.model());
        QCOMPARE(browser.findChild<QLabel *>(QStringLiteral("infoSharedProcessNote")) != nullptr,
                 local);
        QTRY_VERIFY_WITH_TIMEOUT(
            fieldIndex(browser.model(), QStringLiteral("used_memory")).isValid(), 5000);
        const QModelIndex fragmentation =
            fieldIndex(browser.model(), QStringLiteral("mem_fragmentation_ratio"));
        const QModelIndex used = fieldIndex(browser.model(), QStringLiteral("used_memory"));
        const QModelIndex mainThread =
            fieldIndex(browser.model(), QStringLiteral("used_cpu_user_main_thread"));
        QVERIFY(fragmentation.isValid() && mainThread.isValid());
        QCOMPARE(fragmentation.data(Qt::ForegroundRole).isValid(), local);
        QCOMPARE(
            fragmentation.data(Qt::ToolTipRole).toString().contains(QLatin1String("whole app")),
            local);
        QVERIFY(!used.data(Qt::ForegroundRole).isValid());
        QVERIFY(!mainThread.data(Qt::ForegroundRole).isValid());
    }
}

void TstServerViews::configEditInPlace()
{
    ConfigEditor *editor = show(m_panel->config());
    QAbstractItemModelTester tester(editor->model());
    QTRY_COMPARE_WITH_TIMEOUT(editor->model()->rowCount(), configCount(), 5000);
    QCOMPARE(editor->model()->valueOf(QStringLiteral("maxmemory")), QStringLiteral("0"));

    editor->setFilter(QStringLiteral("maxmemory-samples"));
    QCOMPARE(editor->proxy()->rowCount(), 1);
    const QModelIndex value = editor->proxy()->index(0, ConfigModel::Value);
    QCOMPARE(value.data().toString(), QStringLiteral("5"));
    QTableView *view = editor->view();
    view->setCurrentIndex(value);
    view->setFocus();
    QTest::keyClick(view, Qt::Key_F2); // EditKeyPressed: the real delegate editor opens
    auto *line = view->viewport()->findChild<QLineEdit *>();
    QVERIFY(line);
    line->selectAll();
    QTest::keyClicks(line, QStringLiteral("7"));
    QTest::keyClick(line, Qt::Key_Return);
    QTRY_COMPARE(editor->model()->valueOf(QStringLiteral("maxmemory-samples")),
                 QStringLiteral("7"));
    QCOMPARE(config("maxmemory-samples"), std::string("7"));
    QVERIFY(!editor->statusIsError());

    // The server normalises units; the row shows what the server stored.
    editor->setParameter(QStringLiteral("maxmemory"), QStringLiteral("64mb"));
    QTRY_COMPARE(editor->model()->valueOf(QStringLiteral("maxmemory")), QStringLiteral("67108864"));
    QCOMPARE(config("maxmemory"), std::string("67108864"));
    editor->setParameter(QStringLiteral("maxmemory"), QStringLiteral("0"));
    QTRY_COMPARE(editor->model()->valueOf(QStringLiteral("maxmemory")), QStringLiteral("0"));
    editor->setFilter({});
}

void TstServerViews::configErrorsAreShown()
{
    ConfigEditor *editor = show(m_panel->config());
    QTRY_COMPARE(editor->model()->rowCount(), configCount());
    const QModelIndex row =
        editor->model()->index(editor->model()->rowOf(QStringLiteral("maxmemory-samples")), 1);
    QVERIFY(!editor->model()->setData(row, QStringLiteral("not-a-number")));
    QTRY_VERIFY(editor->statusIsError());
    QVERIFY2(editor->statusText().contains(QLatin1String("maxmemory-samples")),
             qPrintable(editor->statusText()));
    QCOMPARE(editor->model()->valueOf(QStringLiteral("maxmemory-samples")), QStringLiteral("7"));
    QCOMPARE(config("maxmemory-samples"), std::string("7"));

    auto *rewrite = editor->findChild<QPushButton *>(QStringLiteral("configRewrite"));
    QTest::mouseClick(rewrite, Qt::LeftButton);
    QTRY_VERIFY(editor->statusText().startsWith(QLatin1String("CONFIG REWRITE failed")));
    QVERIFY2(editor->statusText().contains(QLatin1String("config file"), Qt::CaseInsensitive),
             qPrintable(editor->statusText()));
}

// Each row names its type and says what the parameter does; aliases point to the new name.
void TstServerViews::configTypesAndDescriptions()
{
    ConfigEditor *editor = show(m_panel->config());
    QAbstractItemModelTester tester(editor->model());
    QTRY_COMPARE(editor->model()->rowCount(), configCount());
    ConfigModel *model = editor->model();
    auto cell = [model](const char *name, int column) {
        return model->index(model->rowOf(QLatin1String(name)), column).data().toString();
    };
    QCOMPARE(cell("maxmemory-policy", ConfigModel::Type), QStringLiteral("enum"));
    QVERIFY(cell("maxmemory-policy", ConfigModel::Description).contains(QLatin1String("evict")));
    QCOMPARE(cell("appendonly", ConfigModel::Type), QStringLiteral("boolean"));
    QCOMPARE(cell("maxmemory", ConfigModel::Type), QStringLiteral("memory"));
    QCOMPARE(cell("hz", ConfigModel::Type), QStringLiteral("integer"));
    QCOMPARE(cell("dir", ConfigModel::Type), QStringLiteral("string"));
    for (int row = 0; row < model->rowCount(); ++row) // every parameter the server lists
        QVERIFY2(!model->index(row, ConfigModel::Description).data().toString().isEmpty() ||
                     !model->parameterAt(row).known,
                 qPrintable(model->index(row, 0).data().toString()));
    const QModelIndex policy = model->index(model->rowOf(QStringLiteral("maxmemory-policy")), 1);
    QCOMPARE(policy.data(ConfigModel::AllowedValuesRole).toStringList().size(), 8);

    QVERIFY(ConfigParameters::isValid(ConfigParameters::lookup(QStringLiteral("maxmemory")),
                                      QStringLiteral("100mb")));
    QVERIFY(!ConfigParameters::isValid(ConfigParameters::lookup(QStringLiteral("maxmemory")),
                                       QStringLiteral("1.5gb")));
    QVERIFY(!ConfigParameters::isValid(ConfigParameters::lookup(QStringLiteral("maxmemory")),
                                       QStringLiteral("10%")));
    QVERIFY(ConfigParameters::isValid(ConfigParameters::lookup(QStringLiteral("maxmemory-clients")),
                                      QStringLiteral("10%")));
    const ConfigParameter alias = ConfigParameters::lookup(QStringLiteral("slave-read-only"));
    QCOMPARE(alias.aliasOf, QStringLiteral("replica-read-only"));
    QCOMPARE(alias.type, ConfigParameter::Type::Boolean);
}

// An enum's value is picked from its allowed values, a boolean's from yes/no, through the
// table's real editor; the pick is sent at once.
void TstServerViews::configEnumAndBooleanCombos()
{
    ConfigEditor *editor = show(m_panel->config());
    QTRY_COMPARE(editor->model()->rowCount(), configCount());
    QTableView *view = editor->view();
    auto pick = [&](const QString &name, const QString &value) -> bool {
        editor->setFilter(name);
        int row = -1;
        for (int r = 0; r < editor->proxy()->rowCount(); ++r)
            if (editor->proxy()->index(r, 0).data().toString() == name) row = r;
        if (row < 0) return false;
        view->setCurrentIndex(editor->proxy()->index(row, ConfigModel::Value));
        view->setFocus();
        QTest::keyClick(view, Qt::Key_F2);
        auto *combo = view->viewport()->findChild<QComboBox *>(QStringLiteral("configValueCombo"));
        if (!combo) return false;
        const int index = combo->findText(value);
        if (index < 0) return false;
        combo->setCurrentIndex(index);
        emit combo->activated(index);
        return QTest::qWaitFor([&] { return editor->model()->valueOf(name) == value; }, 5000);
    };
    QVERIFY(pick(QStringLiteral("maxmemory-policy"), QStringLiteral("allkeys-lru")));
    QCOMPARE(config("maxmemory-policy"), std::string("allkeys-lru"));
    QVERIFY(pick(QStringLiteral("maxmemory-policy"), QStringLiteral("noeviction")));
    QCOMPARE(config("maxmemory-policy"), std::string("noeviction"));
    QVERIFY(pick(QStringLiteral("rdbcompression"), QStringLiteral("no")));
    QCOMPARE(config("rdbcompression"), std::string("no"));
    QVERIFY(pick(QStringLiteral("rdbcompression"), QStringLiteral("yes")));
    QCOMPARE(config("rdbcompression"), std::string("yes"));
    editor->setFilter({});
}

// A malformed size is refused before it is sent, with the expected form in the error; the
// memory editor's validator does not accept it as final input either.
void TstServerViews::configMemoryIsValidated()
{
    ConfigEditor *editor = show(m_panel->config());
    QTRY_COMPARE(editor->model()->rowCount(), configCount());
    const std::string before = config("maxmemory");
    const QModelIndex row =
        editor->model()->index(editor->model()->rowOf(QStringLiteral("maxmemory")), 1);
    QVERIFY(!editor->model()->setData(row, QStringLiteral("12xb")));
    QVERIFY(editor->statusIsError());
    QVERIFY2(editor->statusText().startsWith(QLatin1String("Not sent")) &&
                 editor->statusText().contains(QLatin1String("100mb")),
             qPrintable(editor->statusText()));
    QCOMPARE(config("maxmemory"), before);

    editor->setFilter(QStringLiteral("maxmemory"));
    QTableView *view = editor->view();
    for (int r = 0; r < editor->proxy()->rowCount(); ++r)
        if (editor->proxy()->index(r, 0).data().toString() == QLatin1String("maxmemory"))
            view->setCurrentIndex(editor->proxy()->index(r, ConfigModel::Value));
    view->setFocus();
    QTest::keyClick(view, Qt::Key_F2);
    auto *line = view->viewport()->findChild<QLineEdit *>();
    QVERIFY(line && line->validator());
    line->selectAll();
    QTest::keyClicks(line, QStringLiteral("32mbx")); // the x is not taken
    QCOMPARE(line->text(), QStringLiteral("32mb"));
    QTest::keyClick(line, Qt::Key_Return);
    QTRY_COMPARE(editor->model()->valueOf(QStringLiteral("maxmemory")), QStringLiteral("33554432"));
    editor->setParameter(QStringLiteral("maxmemory"), QStringLiteral("0"));
    QTRY_COMPARE(editor->model()->valueOf(QStringLiteral("maxmemory")), QStringLiteral("0"));
    editor->setFilter({});
}

void TstServerViews::configCountFollowsFilter()
{
    ConfigEditor *editor = show(m_panel->config());
    QTRY_COMPARE(editor->model()->rowCount(), configCount());
    const int all = editor->model()->rowCount();
    QCOMPARE(editor->countText(), QStringLiteral("%1 parameters").arg(all));
    editor->setFilter(QStringLiteral("maxmemory-samples"));
    QCOMPARE(editor->proxy()->rowCount(), 1);
    QCOMPARE(editor->countText(), QStringLiteral("1 of %1 parameters").arg(all));
    editor->setFilter(QStringLiteral("evict")); // descriptions are searched too
    QVERIFY(editor->proxy()->rowCount() >= 2);
    QCOMPARE(editor->countText(),
             QStringLiteral("%1 of %2 parameters").arg(editor->proxy()->rowCount()).arg(all));
    editor->setFilter({});
    QCOMPARE(editor->countText(), QStringLiteral("%1 parameters").arg(all));
}

void TstServerViews::slowlogAfterThresholdZero()
{
    SlowlogView *slowlog = show(m_panel->slowlog());
    QAbstractItemModelTester tester(slowlog->model());
    QTRY_COMPARE(slowlog->thresholdBox()->value(), 10000); // the default, read from the server
    slowlog->thresholdBox()->setValue(0);
    QTest::mouseClick(slowlog->findChild<QPushButton *>(QStringLiteral("slowlogApply")),
                      Qt::LeftButton);
    QTRY_VERIFY(slowlog->statusText().contains(QLatin1String("Threshold set to 0")));
    QCOMPARE(config("slowlog-log-slower-than"), std::string("0"));

    m_server->run({"SET", "slow:key", "slow value"});
    QTest::mouseClick(slowlog->findChild<QPushButton *>(QStringLiteral("slowlogRefresh")),
                      Qt::LeftButton);
    const auto hasSet = [slowlog] {
        for (const SlowlogEntry &entry : slowlog->model()->entries()) {
            if (entry.arguments == QStringList{"SET", "slow:key", "slow value"}) return true;
        }
        return false;
    };
    QTRY_VERIFY(hasSet());
    const QModelIndex command = slowlog->model()->index(0, SlowlogModel::Command);
    QVERIFY(!command.data().toString().isEmpty());

    m_confirmAnswer = false;
    QTest::mouseClick(slowlog->findChild<QPushButton *>(QStringLiteral("slowlogReset")),
                      Qt::LeftButton);
    QCOMPARE(m_confirmations, 1);
    QTest::qWait(100);
    QVERIFY(hasSet()); // declined: nothing reset
    m_confirmAnswer = true;
    QTest::mouseClick(slowlog->findChild<QPushButton *>(QStringLiteral("slowlogReset")),
                      Qt::LeftButton);
    QTRY_VERIFY(!hasSet());
    slowlog->thresholdBox()->setValue(10000);
    slowlog->applyThreshold();
    QTRY_COMPARE(config("slowlog-log-slower-than"), std::string("10000"));

    // Empty: a hint naming the threshold instead of an empty table.
    m_server->run({"SLOWLOG", "RESET"});
    slowlog->refresh();
    QTRY_VERIFY(slowlog->isShowingEmptyHint());
    QVERIFY2(slowlog->emptyHint().contains(QLatin1String("longer than 10.0 ms")),
             qPrintable(slowlog->emptyHint()));
}

// A really slow command, with a threshold it has to pass (50 ms), not threshold 0.
void TstServerViews::slowlogShowsDebugSleep()
{
    SlowlogView *slowlog = show(m_panel->slowlog());
    slowlog->thresholdBox()->setValue(50000);
    QTest::mouseClick(slowlog->findChild<QPushButton *>(QStringLiteral("slowlogApply")),
                      Qt::LeftButton);
    QTRY_COMPARE(config("slowlog-log-slower-than"), std::string("50000"));
    m_server->run({"DEBUG", "SLEEP", "0.2"});
    m_server->run({"SET", "fast:key", "v"});
    QTest::mouseClick(slowlog->findChild<QPushButton *>(QStringLiteral("slowlogRefresh")),
                      Qt::LeftButton);
    const auto sleepEntry = [slowlog]() -> const SlowlogEntry * {
        for (const SlowlogEntry &entry : slowlog->model()->entries())
            if (entry.arguments == QStringList{"DEBUG", "SLEEP", "0.2"}) return &entry;
        return nullptr;
    };
    QTRY_VERIFY(sleepEntry());
    QVERIFY(sleepEntry()->durationMicros >= 150000);
    QVERIFY(!slowlog->isShowingEmptyHint());
    // Shown as a local clock time and a duration in milliseconds ("14:03:21", "201 ms").
    const int row = int(sleepEntry() - slowlog->model()->entries().constData());
    const QString time = slowlog->model()->index(row, SlowlogModel::Time).data().toString();
    const QString took = slowlog->model()->index(row, SlowlogModel::Duration).data().toString();
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d\\d:\\d\\d:\\d\\d$")).match(time).hasMatch(),
             qPrintable(time));
    QVERIFY2(QRegularExpression(QStringLiteral("^\\d{3} ms$")).match(took).hasMatch(),
             qPrintable(took));
    for (const SlowlogEntry &entry : slowlog->model()->entries())
        QVERIFY(entry.arguments.value(1) != QLatin1String("fast:key")); // under the threshold
}

void TstServerViews::clientsListAndKill()
{
    auto victim = connectTo("tst-victim");
    QVERIFY(victim);
    victim->setAutoReconnect(false);
    ClientsView *clients = show(m_panel->clients());
    QAbstractItemModelTester tester(clients->model());
    clients->refresh();
    const auto rowOf = [clients](const QString &name) {
        for (int row = 0; row < clients->model()->rowCount(); ++row) {
            if (clients->model()->clientAt(row).name == name) return row;
        }
        return -1;
    };
    QTRY_VERIFY(rowOf(QStringLiteral("tst-victim")) >= 0);
    QVERIFY(clients->model()->ownId() > 0); // the panel's own connection is marked
    bool ownListed = false;
    for (const ClientEntry &client : clients->model()->clients())
        ownListed |= client.id == clients->model()->ownId();
    QVERIFY(ownListed);

    clients->view()->selectRow(rowOf(QStringLiteral("tst-victim")));
    auto *kill = clients->findChild<QPushButton *>(QStringLiteral("clientsKill"));
    QVERIFY(kill->isEnabled());
    QTest::mouseClick(kill, Qt::LeftButton);
    QCOMPARE(m_confirmations, 1);
    QTRY_VERIFY_WITH_TIMEOUT(victim->state() == RedisConnection::State::Lost, 5000);
    QTRY_COMPARE(rowOf(QStringLiteral("tst-victim")), -1); // the list refreshed after the kill
}

void TstServerViews::persistenceBgsaveChangesLastSave()
{
    PersistencePanel *persistence = show(m_panel->persistence());
    QTRY_VERIFY(persistence->fieldText(QStringLiteral("aof_enabled")) == QLatin1String("off"));
    m_server->run({"SET", "persist:me", "1"});
    const std::string before = m_server->run({"LASTSAVE"});
    QTest::qWait(1100); // LASTSAVE has a resolution of one second
    QTest::mouseClick(persistence->findChild<QPushButton *>(QStringLiteral("persistenceBgsave")),
                      Qt::LeftButton);
    QTRY_VERIFY(persistence->resultText().startsWith(QLatin1String("BGSAVE: ")));
    QVERIFY2(!persistence->resultIsError(), qPrintable(persistence->resultText()));
    QTRY_VERIFY_WITH_TIMEOUT(m_server->run({"LASTSAVE"}) != before, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(persistence->fieldText(QStringLiteral("rdb_changes")),
                              QStringLiteral("0"), 5000);
    // Relative first ("just now", "3 s ago"), the local clock time beside it.
    QTRY_VERIFY2(persistence->fieldText(QStringLiteral("rdb_last_save"))
                     .contains(QRegularExpression(
                         QStringLiteral("^(just now|\\d+ s ago) \\(\\d\\d:\\d\\d:\\d\\d\\)$"))),
                 qPrintable(persistence->fieldText(QStringLiteral("rdb_last_save"))));
    QTRY_VERIFY(!persistence->isBusy());
}

void TstServerViews::persistenceSettings()
{
    PersistencePanel *persistence = show(m_panel->persistence());
    auto *toggle = persistence->findChild<QPushButton *>(QStringLiteral("persistenceAofToggle"));
    QTRY_COMPARE(toggle->text(), QStringLiteral("Turn AOF on"));
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_COMPARE(config("appendonly"), std::string("yes"));
    QTRY_COMPARE(persistence->fieldText(QStringLiteral("aof_enabled")), QStringLiteral("on"));
    QTRY_COMPARE(toggle->text(), QStringLiteral("Turn AOF off"));
    QTRY_VERIFY_WITH_TIMEOUT(!persistence->isBusy(), 10000); // the initial rewrite finishes
    // With AOF on, INFO reports the file sizes; Redis's RDB file is on its host, not ours.
    QTRY_VERIFY(persistence->fieldText(QStringLiteral("aof_size")).endsWith(QLatin1String("B")));
    QVERIFY(persistence->fieldText(QStringLiteral("aof_base_size")).endsWith(QLatin1String("B")));
    QVERIFY(persistence->fieldText(QStringLiteral("rdb_file")).contains(QLatin1String("server")));
    QTest::mouseClick(toggle, Qt::LeftButton);
    QTRY_COMPARE(config("appendonly"), std::string("no"));
    QTRY_VERIFY(persistence->fieldText(QStringLiteral("aof_size")).contains(QLatin1String("off")));

    persistence->setFsyncPolicy(QStringLiteral("always"));
    QTRY_COMPARE(config("appendfsync"), std::string("always"));
    QTRY_COMPARE(
        persistence->findChild<QComboBox *>(QStringLiteral("persistenceFsync"))->currentText(),
        QStringLiteral("always"));
    persistence->setFsyncPolicy(QStringLiteral("sometimes"));
    QTRY_VERIFY(persistence->resultIsError());
    QCOMPARE(config("appendfsync"), std::string("always"));

    auto *points = persistence->findChild<QLineEdit *>(QStringLiteral("persistenceSavePoints"));
    points->setText(QStringLiteral(" 900  1   300 10 "));
    QTest::mouseClick(
        persistence->findChild<QPushButton *>(QStringLiteral("persistenceApplySavePoints")),
        Qt::LeftButton);
    QTRY_COMPARE(config("save"), std::string("900 1 300 10"));
    QTRY_COMPARE(persistence->fieldText(QStringLiteral("rdb_save_points")),
                 QStringLiteral("900 1 300 10"));
}

void TstServerViews::saveAsksFirst()
{
    PersistencePanel *persistence = show(m_panel->persistence());
    auto *save = persistence->findChild<QPushButton *>(QStringLiteral("persistenceSave"));
    const QString before = persistence->resultText();
    m_confirmAnswer = false;
    QTest::mouseClick(save, Qt::LeftButton);
    QCOMPARE(m_confirmations, 1);
    QTest::qWait(100);
    QCOMPARE(persistence->resultText(), before);
    m_confirmAnswer = true;
    QTest::mouseClick(save, Qt::LeftButton);
    QTRY_COMPARE(persistence->resultText(), QStringLiteral("SAVE: OK"));
}

// Regression: asking Redis 7 for COMMAND DOCS dropped the connection (hiredis 0.14 cannot
// parse replies nested deeper than 7 levels); completions come from COMMAND LIST instead.
void TstServerViews::consoleCompletesCommandNames()
{
    bool dropped = false;
    connect(
        m_connection.get(), &RedisConnection::stateChanged, this,
        [&](RedisConnection::State state) { dropped |= state != RedisConnection::State::Ready; });
    ConsolePanel console(m_connection.get());
    console.show();
    QTRY_VERIFY_WITH_TIMEOUT(console.completions().contains(QStringLiteral("CONFIG GET")), 5000);
    QVERIFY(console.completions().contains(QStringLiteral("SLOWLOG")));
    QVERIFY(console.completions().contains(QStringLiteral("GET")));
    auto *input = console.findChild<QLineEdit *>(QStringLiteral("consoleInput"));
    QVERIFY(input && input->completer());
    input->setFocus();
    QTest::keyClicks(input, QStringLiteral("slowl"));
    QCOMPARE(input->completer()->completionPrefix(), QStringLiteral("slowl"));
    QVERIFY(input->completer()->completionCount() >= 1);
    QCOMPARE(input->completer()->currentCompletion(), QStringLiteral("SLOWLOG"));
    QTest::qWait(200);
    QVERIFY(!dropped);
    QCOMPARE(m_connection->state(), RedisConnection::State::Ready);
}

QTEST_MAIN(TstServerViews)
#include "tst_server_views.moc"
