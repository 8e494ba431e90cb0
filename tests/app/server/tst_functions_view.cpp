// The Server tab's Functions view offscreen, against Debian's redis-server and the Local engine
// (test_backend.h): the empty state, loading through the dialog (compile errors and "already
// exists" shown in it, REPLACE), the tree of libraries and functions with flags and
// descriptions under QAbstractItemModelTester, the code view, the FCALL/FCALL_RO totals, dump
// to a file, flush, restore with each policy, delete; on a production connection the guard's
// question (and only it) is asked and a refusal leaves the library; read-only disables writes.
#include "connection/production_guard.h"
#include "connection/redis_connection.h"
#include "server/function_library_model.h"
#include "server/function_load_dialog.h"
#include "server/function_service.h"
#include "server/functions_view.h"
#include "test_backend.h"
#include "widgets/confirm.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QFileInfo>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QTreeView>

#include <thread>

using namespace redscope;
using redscope::test::TestBackend;

namespace {

const char kLibrary[] = "#!lua name=queue\n"
                        "redis.register_function{function_name='peek', callback=function(keys)\n"
                        "  return redis.call('LINDEX', keys[1], 0) end,\n"
                        "  flags={'no-writes', 'allow-stale'}, description='First job'}\n"
                        "redis.register_function('push', function(keys, args)\n"
                        "  return redis.call('RPUSH', keys[1], args[1]) end)\n";

} // namespace

class TstFunctionsView : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void init();
    void parsesCommandStats();
    void emptyStateHasHint();
    void loadShowsLibraryFunctionsAndCode();
    void loadErrorsStayInTheDialog();
    void callsAreTheServersTotals();
    void runningFunctionIsShown();
    void dumpFlushRestore();
    void deleteAsksFirst();
    void productionAsksThroughTheGuard();
    void readOnlyDisablesWrites();

private:
    std::unique_ptr<RedisConnection> connect(ConnectionSettings settings);
    std::unique_ptr<FunctionsView> showView(RedisConnection *connection);
    bool loadThroughDialog(FunctionsView *view, const QString &code, bool replace);

    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<RedisConnection> m_connection;
    int m_confirmations = 0;
    bool m_confirmAnswer = true;
};

std::unique_ptr<RedisConnection> TstFunctionsView::connect(ConnectionSettings settings)
{
    auto connection = std::make_unique<RedisConnection>(settings);
    connection->connectToServer();
    if (!QTest::qWaitFor([&] { return connection->state() == RedisConnection::State::Ready; },
                         10000))
        return nullptr;
    return connection;
}

std::unique_ptr<FunctionsView> TstFunctionsView::showView(RedisConnection *connection)
{
    auto view = std::make_unique<FunctionsView>(connection);
    view->resize(1000, 600);
    QSignalSpy refreshed(view.get(), &FunctionsView::refreshed);
    view->show();
    if (!QTest::qWaitForWindowExposed(view.get())) return nullptr;
    if (!refreshed.wait(5000)) return nullptr;
    return view;
}

bool TstFunctionsView::loadThroughDialog(FunctionsView *view, const QString &code, bool replace)
{
    FunctionLoadDialog *dialog = view->openLoadDialog();
    QPointer<FunctionLoadDialog> alive(dialog);
    dialog->setCode(code);
    dialog->replaceBox()->setChecked(replace);
    QSignalSpy refreshed(view, &FunctionsView::refreshed);
    QTest::mouseClick(dialog->loadButton(), Qt::LeftButton);
    if (!QTest::qWaitFor([&] { return !alive || !alive->errorText().isEmpty(); }, 5000))
        return false;
    if (alive) return false; // the error is shown, the dialog stays
    return refreshed.wait(5000);
}

void TstFunctionsView::initTestCase()
{
    m_server = TestBackend::start();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    m_connection = connect(m_server->settings());
    QVERIFY(m_connection);
    setConfirmFunction([this](QWidget *, const QString &, const QString &) {
        ++m_confirmations;
        return m_confirmAnswer;
    });
}

void TstFunctionsView::cleanupTestCase()
{
    setConfirmFunction({});
    ProductionGuard::setConfirmer({});
    m_connection.reset();
}

void TstFunctionsView::init()
{
    QCOMPARE(m_server->run({"FUNCTION", "FLUSH"}), std::string("+OK"));
    m_confirmations = 0;
    m_confirmAnswer = true;
}

void TstFunctionsView::parsesCommandStats()
{
    FunctionStats stats;
    FunctionService::parseCommandStats(
        "# Commandstats\r\ncmdstat_get:calls=9,usec=1\r\n"
        "cmdstat_fcall:calls=12,usec=40,usec_per_call=3.33,rejected_calls=0,failed_calls=2\r\n",
        &stats);
    QCOMPARE(stats.fcallCalls, 12);
    QCOMPARE(stats.fcallRoCalls, -1); // never called: no line
    QCOMPARE(stats.fcallFailed, 2);
}

void TstFunctionsView::emptyStateHasHint()
{
    std::unique_ptr<FunctionsView> view = showView(m_connection.get());
    QVERIFY(view);
    QVERIFY(view->isShowingEmptyState());
    QCOMPARE(view->model()->rowCount(), 0);
    QVERIFY(view->findChild<QLabel *>(QStringLiteral("functionsEmpty"))
                ->text()
                .contains(QLatin1String("#!lua name=")));
    QVERIFY(!view->findChild<QPushButton *>(QStringLiteral("functionsDelete"))->isEnabled());
    QVERIFY(!view->findChild<QToolButton *>(QStringLiteral("functionsFlush"))->isEnabled());
    QVERIFY(view->findChild<QPushButton *>(QStringLiteral("functionsLoad"))->isEnabled());
}

void TstFunctionsView::loadShowsLibraryFunctionsAndCode()
{
    std::unique_ptr<FunctionsView> view = showView(m_connection.get());
    QVERIFY(view);
    QAbstractItemModelTester tester(view->model());
    QVERIFY(loadThroughDialog(view.get(), QString::fromLatin1(kLibrary), false));
    QVERIFY(!view->isShowingEmptyState());
    QCOMPARE(view->statusText(), QStringLiteral("Library queue loaded."));
    FunctionLibraryModel *model = view->model();
    QCOMPARE(model->rowCount(), 1);
    const QModelIndex library = model->index(0, FunctionLibraryModel::Name);
    QCOMPARE(library.data().toString(), QStringLiteral("queue"));
    QCOMPARE(model->index(0, FunctionLibraryModel::Flags).data().toString(), QStringLiteral("LUA"));
    QCOMPARE(model->rowCount(library), 2); // fetched when the view expanded it
    QCOMPARE(model->index(0, FunctionLibraryModel::Name, library).data().toString(),
             QStringLiteral("peek"));
    QCOMPARE(model->index(0, FunctionLibraryModel::Flags, library).data().toString(),
             QStringLiteral("no-writes, allow-stale"));
    QCOMPARE(model->index(0, FunctionLibraryModel::Description, library).data().toString(),
             QStringLiteral("First job"));
    QCOMPARE(model->index(1, FunctionLibraryModel::Name, library).data().toString(),
             QStringLiteral("push"));
    QCOMPARE(model->index(1, FunctionLibraryModel::Flags, library).data().toString(), QString());
    QCOMPARE(view->selectedLibrary(), QStringLiteral("queue"));
    QCOMPARE(view->codeView()->toPlainText(), QString::fromLatin1(kLibrary));
    QVERIFY(view->codeView()->isReadOnly());
    // The function runs on the server as loaded.
    QCOMPARE(m_server->run({"FCALL", "push", "1", "jobs", "a"}), std::string(":1"));
}

void TstFunctionsView::loadErrorsStayInTheDialog()
{
    std::unique_ptr<FunctionsView> view = showView(m_connection.get());
    QVERIFY(view);
    QVERIFY(!loadThroughDialog(view.get(), QStringLiteral("#!lua name=broken\nx("), false));
    QPointer<FunctionLoadDialog> dialog = view->loadDialog();
    QVERIFY(dialog && dialog->isVisible());
    QVERIFY2(dialog->errorText().contains(QLatin1String("Error compiling function")),
             qPrintable(dialog->errorText()));
    dialog->reject();
    QTRY_VERIFY(!dialog);

    QVERIFY(loadThroughDialog(view.get(), QString::fromLatin1(kLibrary), false));
    QVERIFY(!loadThroughDialog(view.get(), QString::fromLatin1(kLibrary), false));
    QVERIFY2(view->loadDialog()->errorText().contains(QLatin1String("already exists")),
             qPrintable(view->loadDialog()->errorText()));
    view->loadDialog()->reject();
    QTRY_VERIFY(!view->loadDialog());
    const QString replaced =
        QString::fromLatin1(kLibrary).replace(QStringLiteral("First job"), QStringLiteral("Head"));
    QVERIFY(loadThroughDialog(view.get(), replaced, true));
    const QModelIndex library = view->model()->index(0, 0);
    QCOMPARE(view->model()->index(0, FunctionLibraryModel::Description, library).data().toString(),
             QStringLiteral("Head"));
}

void TstFunctionsView::callsAreTheServersTotals()
{
    QCOMPARE(m_server->run({"FUNCTION", "LOAD", kLibrary}), std::string("$queue"));
    QCOMPARE(m_server->run({"CONFIG", "RESETSTAT"}), std::string("+OK"));
    std::unique_ptr<FunctionsView> view = showView(m_connection.get());
    QVERIFY(view);
    QTRY_VERIFY2(
        view->callsText().startsWith(QStringLiteral("FCALL: no calls · FCALL_RO: no calls")),
        qPrintable(view->callsText()));
    m_server->run({"FCALL", "push", "1", "jobs", "a"});
    m_server->run({"FCALL", "push", "1", "jobs", "b"});
    m_server->run({"FCALL_RO", "peek", "1", "jobs"});
    view->refreshStats();
    QTRY_VERIFY2(view->callsText().startsWith(QStringLiteral("FCALL: 2 calls · FCALL_RO: 1 call")),
                 qPrintable(view->callsText()));
    QVERIFY(view->callsText().contains(QLatin1String("no function running")));
}

// A function that runs past busy-reply-threshold: other clients get BUSY (INFO too), but
// FUNCTION STATS answers, so the view names the running function and says the totals are
// unknown rather than showing stale ones.
void TstFunctionsView::runningFunctionIsShown()
{
    const char spin[] = "#!lua name=spinner\n"
                        "redis.register_function{function_name='spin', flags={'no-writes'},\n"
                        "  callback=function(keys, args)\n"
                        "    local t = redis.call('TIME')\n"
                        "    local start = t[1] * 1000000 + t[2]\n"
                        "    repeat t = redis.call('TIME')\n"
                        "    until t[1] * 1000000 + t[2] - start > 4000000\n"
                        "    return 1 end}\n";
    QCOMPARE(m_server->run({"FUNCTION", "LOAD", spin}), std::string("$spinner"));
    QCOMPARE(m_server->run({"CONFIG", "SET", "busy-reply-threshold", "100"}), std::string("+OK"));
    QCOMPARE(m_server->run({"CONFIG", "RESETSTAT"}), std::string("+OK"));
    std::unique_ptr<FunctionsView> view = showView(m_connection.get());
    QVERIFY(view);
    std::unique_ptr<test::RedisTestClient> client = m_server->client();
    std::string reply;
    std::thread caller([&] { reply = client->run({"FCALL_RO", "spin", "0"}); });
    // Past the threshold once the server answers others with BUSY (polled: a loaded machine
    // may start the call late); the function spins 4 s, long enough for the view's requests.
    QTRY_VERIFY_WITH_TIMEOUT(m_server->run({"PING"}).starts_with("-BUSY"), 10000);
    view->refreshStats();
    QTRY_VERIFY2_WITH_TIMEOUT(view->callsText().contains(QLatin1String("running now: spin")),
                              qPrintable(view->callsText()), 3000);
    QVERIFY2(view->callsText().contains(QLatin1String("totals unknown (BUSY")),
             qPrintable(view->callsText()));
    caller.join();
    QCOMPARE(reply, std::string(":1"));
    QCOMPARE(m_server->run({"CONFIG", "SET", "busy-reply-threshold", "5000"}), std::string("+OK"));
    view->refreshStats();
    QTRY_VERIFY2(view->callsText().contains(QLatin1String("no function running")),
                 qPrintable(view->callsText()));
    QVERIFY(view->callsText().contains(QStringLiteral("FCALL_RO: 1 call")));
}

void TstFunctionsView::dumpFlushRestore()
{
    QCOMPARE(m_server->run({"FUNCTION", "LOAD", kLibrary}), std::string("$queue"));
    std::unique_ptr<FunctionsView> view = showView(m_connection.get());
    QVERIFY(view);
    QCOMPARE(view->model()->rowCount(), 1);
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("functions.dump"));
    view->dumpTo(path);
    QTRY_VERIFY(view->statusText().contains(QLatin1String("dumped")));
    QVERIFY(QFileInfo(path).size() > 20);

    m_confirmAnswer = false; // Flush asks first: "no" keeps the library
    view->flush(FunctionService::Flush::Async);
    QCOMPARE(m_confirmations, 1);
    QTest::qWait(100);
    QCOMPARE(m_server->run({"FUNCTION", "LIST"}).substr(0, 2), std::string("*["));
    QVERIFY(m_server->run({"FUNCTION", "LIST"}) != "*[]");
    m_confirmAnswer = true;
    QSignalSpy refreshed(view.get(), &FunctionsView::refreshed);
    view->flush(FunctionService::Flush::Sync);
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(m_server->run({"FUNCTION", "LIST"}), std::string("*[]"));
    QVERIFY(view->isShowingEmptyState());

    view->restoreFrom(path, FunctionService::RestorePolicy::Append);
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(view->model()->rowCount(), 1);
    QCOMPARE(view->selectedLibrary(), QStringLiteral("queue"));
    QCOMPARE(view->codeView()->toPlainText(), QString::fromLatin1(kLibrary));

    // APPEND over an existing name: the server's error in the status line, nothing changed.
    view->restoreFrom(path, FunctionService::RestorePolicy::Append);
    QTRY_VERIFY(view->statusIsError());
    QVERIFY2(view->statusText().contains(QLatin1String("already exists")),
             qPrintable(view->statusText()));
    const int asked = m_confirmations;
    view->restoreFrom(path, FunctionService::RestorePolicy::Replace);
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(m_confirmations, asked + 1);
    QVERIFY(!view->statusIsError()); // the success cleared the error
    view->restoreFrom(path, FunctionService::RestorePolicy::Flush);
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(view->model()->rowCount(), 1);
}

void TstFunctionsView::deleteAsksFirst()
{
    QCOMPARE(m_server->run({"FUNCTION", "LOAD", kLibrary}), std::string("$queue"));
    std::unique_ptr<FunctionsView> view = showView(m_connection.get());
    QVERIFY(view);
    QCOMPARE(view->selectedLibrary(), QStringLiteral("queue"));
    auto *deleteButton = view->findChild<QPushButton *>(QStringLiteral("functionsDelete"));
    QVERIFY(deleteButton->isEnabled());
    m_confirmAnswer = false;
    QTest::mouseClick(deleteButton, Qt::LeftButton);
    QCOMPARE(m_confirmations, 1);
    QTest::qWait(100);
    QVERIFY(m_server->run({"FUNCTION", "LIST"}) != "*[]");
    m_confirmAnswer = true;
    QSignalSpy refreshed(view.get(), &FunctionsView::refreshed);
    QTest::mouseClick(deleteButton, Qt::LeftButton);
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(m_server->run({"FUNCTION", "LIST"}), std::string("*[]"));
    QVERIFY(view->isShowingEmptyState());
    QVERIFY(!deleteButton->isEnabled());
}

void TstFunctionsView::productionAsksThroughTheGuard()
{
    QCOMPARE(m_server->run({"FUNCTION", "LOAD", kLibrary}), std::string("$queue"));
    ConnectionSettings settings = m_server->settings();
    settings.name = QStringLiteral("Prod");
    settings.production = true;
    std::unique_ptr<RedisConnection> production = connect(settings);
    QVERIFY(production);
    QStringList asked;
    bool answer = false;
    ProductionGuard::setConfirmer(
        [&](const ConfirmationRequest &request, const ProductionGuard::Answer &reply) {
            asked.append(request.command);
            reply(answer);
        });
    std::unique_ptr<FunctionsView> view = showView(production.get());
    QVERIFY(view);
    view->deleteSelected();
    QTRY_VERIFY(view->statusIsError());
    QCOMPARE(asked, QStringList{QStringLiteral("FUNCTION DELETE")});
    QCOMPARE(m_confirmations, 0); // the guard's question only, not a second one
    QVERIFY(m_server->run({"FUNCTION", "LIST"}) != "*[]");

    // LOAD REPLACE is held too; the refusal is shown in the dialog.
    QVERIFY(!loadThroughDialog(view.get(), QString::fromLatin1(kLibrary), true));
    QCOMPARE(asked.last(), QStringLiteral("FUNCTION LOAD REPLACE"));
    view->loadDialog()->reject();

    answer = true;
    QSignalSpy refreshed(view.get(), &FunctionsView::refreshed);
    view->deleteSelected();
    QVERIFY(refreshed.wait(5000));
    QCOMPARE(m_server->run({"FUNCTION", "LIST"}), std::string("*[]"));
    QCOMPARE(asked.size(), 3);
    ProductionGuard::setConfirmer({});
}

void TstFunctionsView::readOnlyDisablesWrites()
{
    QCOMPARE(m_server->run({"FUNCTION", "LOAD", kLibrary}), std::string("$queue"));
    ConnectionSettings settings = m_server->settings();
    settings.readOnly = true;
    std::unique_ptr<RedisConnection> readOnly = connect(settings);
    QVERIFY(readOnly);
    std::unique_ptr<FunctionsView> view = showView(readOnly.get());
    QVERIFY(view);
    QCOMPARE(view->model()->rowCount(), 1); // reading works
    for (const char *name : {"functionsLoad", "functionsDelete", "functionsRestore"})
        QVERIFY2(!view->findChild<QPushButton *>(QLatin1String(name))->isEnabled(), name);
    QVERIFY(!view->findChild<QToolButton *>(QStringLiteral("functionsFlush"))->isEnabled());
    QVERIFY(view->findChild<QPushButton *>(QStringLiteral("functionsDump"))->isEnabled());
}

QTEST_MAIN(TstFunctionsView)
#include "tst_functions_view.moc"
