// The mirror from the GUI: MainWindow with the Local engine (EngineHost) and a redis-server
// connection; Connection > Mirror into Local engine asks (the Local engine's data is
// replaced), the banner goes from connecting to "Live", a write on the server arrives, and
// the banner's Stop menu keeps or discards the data. A server that does not fit the
// available memory is refused before anything changes. A server whose ACL refuses the
// mirror's user shows the server's NOPERM in the banner, and "Copy instead…" opens the copy
// dialog with the Local engine as its target.
#include "connection/connection_list_model.h"
#include "connection/connection_sidebar.h"
#include "connection/redis_connection.h"
#include "local/engine_host.h"
#include "mirror/mirror_banner.h"
#include "mirror/mirror_controller.h"
#include "mirror/mirror_service.h"
#include "redis_test_client.h"
#include "test_server.h"
#include "transfer/copy_dialog.h"
#include "window/main_window.h"
#include "window/window_menus.h"

#include <QAction>
#include <QComboBox>
#include <QGuiApplication>
#include <QLabel>
#include <QMenu>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QScreen>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

class TstMirrorViews : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void mirrorFromTheMenuGoesLiveThenStopsKeepingData();
    void stopDiscardingDataEmptiesTheLocalEngine();
    void bannerShowsSnapshotBytes();
    void refusedSyncShowsWhyAndOffersTheCopy();
    void nopermIsShownAndCopyInsteadOpensTheCopy();

private:
    void startMirror(RedisConnection *remote = nullptr);
    void grab(const QString &name);
    std::string local(const std::vector<std::string> &args);
    std::string remote(const std::vector<std::string> &args);

    QTemporaryDir m_dirs;
    std::unique_ptr<EngineHost> m_engine;
    std::unique_ptr<TestServer> m_remote;
    std::unique_ptr<MainWindow> m_window;
    RedisConnection *m_remoteConnection = nullptr;
};

void TstMirrorViews::initTestCase()
{
    EngineHost::Options options;
    QDir().mkpath(m_dirs.filePath(QStringLiteral("data")));
    QDir().mkpath(m_dirs.filePath(QStringLiteral("run")));
    options.dataDir = m_dirs.filePath(QStringLiteral("data"));
    options.runtimeDir = m_dirs.filePath(QStringLiteral("run"));
    m_engine = std::make_unique<EngineHost>(options);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    m_remote = TestServer::startRedis();
    QVERIFY(m_remote->ok());
    for (int i = 0; i < 300; ++i)
        remote({"SET", "session:" + std::to_string(i), std::string(2000, 'v')});

    m_window = std::make_unique<MainWindow>();
    m_window->resize(QGuiApplication::primaryScreen()->availableSize().boundedTo(QSize(1400, 900)));
    m_window->show();
    RedisConnection *engine = m_window->openLocalEngine(m_engine->socketPath());
    QTRY_COMPARE_WITH_TIMEOUT(engine->state(), RedisConnection::State::Ready, 10000);
    ConnectionSettings settings;
    settings.name = QStringLiteral("chat-backend");
    settings.port = m_remote->port();
    m_remoteConnection = m_window->openConnection(settings);
    QTRY_COMPARE_WITH_TIMEOUT(m_remoteConnection->state(), RedisConnection::State::Ready, 10000);
}

void TstMirrorViews::cleanupTestCase()
{
    m_window.reset();
    m_engine.reset();
    m_remote.reset();
}

std::string TstMirrorViews::local(const std::vector<std::string> &args)
{
    RedisTestClient client(m_engine->socketPath().toStdString());
    return client.run(args);
}

std::string TstMirrorViews::remote(const std::vector<std::string> &args)
{
    RedisTestClient client("127.0.0.1", m_remote->port());
    return client.run(args);
}

// Screenshots for review when REDSCOPE_SCREENSHOT_DIR is set (the test asserts the same
// either way).
void TstMirrorViews::grab(const QString &name)
{
    const QString dir = qEnvironmentVariable("REDSCOPE_SCREENSHOT_DIR");
    if (dir.isEmpty()) return;
    QTest::qWait(150);
    // The whole screen (under Xvfb), so the window-modal question shows too.
    QGuiApplication::primaryScreen()->grabWindow(0).save(dir + QLatin1Char('/') + name +
                                                         QStringLiteral(".png"));
}

void TstMirrorViews::startMirror(RedisConnection *remote)
{
    if (!remote) remote = m_remoteConnection;
    m_window->showWorkspaceFor(remote);
    m_window->menus()->update();
    QAction *action = m_window->menus()->action(QStringLiteral("mirrorAction"));
    QVERIFY(action);
    QTRY_VERIFY(action->isEnabled());
    action->trigger();
    MirrorController *mirrors = m_window->mirrors();
    QTRY_VERIFY_WITH_TIMEOUT(mirrors->openQuestion() && mirrors->openQuestion()->isVisible(), 5000);
    QMessageBox *box = mirrors->openQuestion();
    QCOMPARE(box->objectName(), QStringLiteral("mirrorQuestionBox"));
    QVERIFY2(box->informativeText().contains(QLatin1String("will be replaced")),
             qPrintable(box->informativeText()));
    QVERIFY(box->text().contains(remote->settings().name));
    grab(QStringLiteral("mirror-question"));
    QPushButton *start = nullptr;
    for (QAbstractButton *button : box->buttons())
        if (button->text() == QLatin1String("Start mirror"))
            start = qobject_cast<QPushButton *>(button);
    QVERIFY(start);
    start->click();
}

void TstMirrorViews::mirrorFromTheMenuGoesLiveThenStopsKeepingData()
{
    local({"SET", "scratch", "1"});
    startMirror();
    auto *banner = m_window->findChild<MirrorBanner *>(QStringLiteral("mirrorBanner"));
    QVERIFY(banner);
    QTRY_VERIFY(banner->isVisible());
    QVERIFY(banner->stopButton()->isVisible());
    MirrorService *service = m_window->mirrors()->service();
    QTRY_COMPARE_WITH_TIMEOUT(service->progress().phase, MirrorService::Phase::Live, 20000);
    QTRY_VERIFY(banner->messageLabel()->text().startsWith(QLatin1String("Live")));
    QVERIFY(banner->progressBar()->isVisible());
    QCOMPARE(local({"DBSIZE"}), ":300");
    remote({"SET", "typed-after", "here"});
    QTRY_COMPARE_WITH_TIMEOUT(local({"GET", "typed-after"}), std::string("$here"), 10000);
    m_window->showWorkspaceFor(m_window->connections()->connectionAt(0));
    grab(QStringLiteral("mirror-live"));

    QMenu *menu = banner->stopButton()->menu();
    QAction *keep = menu->findChild<QAction *>(QStringLiteral("mirrorStopKeepAction"));
    QVERIFY(keep);
    keep->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(service->progress().phase, MirrorService::Phase::Idle, 5000);
    QVERIFY(banner->messageLabel()->text().contains(QLatin1String("kept")));
    QVERIFY(banner->closeButton()->isVisible());
    QVERIFY(!banner->stopButton()->isVisible());
    grab(QStringLiteral("mirror-stopped"));
    QCOMPARE(local({"DBSIZE"}), ":301");
    QVERIFY(local({"ROLE"}).find("master") != std::string::npos);
    banner->closeButton()->click();
    QVERIFY(!banner->isVisible());
}

void TstMirrorViews::stopDiscardingDataEmptiesTheLocalEngine()
{
    startMirror();
    auto *banner = m_window->findChild<MirrorBanner *>(QStringLiteral("mirrorBanner"));
    MirrorService *service = m_window->mirrors()->service();
    QTRY_COMPARE_WITH_TIMEOUT(service->progress().phase, MirrorService::Phase::Live, 20000);
    QCOMPARE(local({"GET", "typed-after"}), "$here");
    QAction *discard = banner->stopButton()->menu()->findChild<QAction *>(
        QStringLiteral("mirrorStopDiscardAction"));
    QVERIFY(discard);
    discard->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(service->progress().phase, MirrorService::Phase::Idle, 5000);
    QVERIFY(banner->messageLabel()->text().contains(QLatin1String("discarded")));
    QCOMPARE(local({"DBSIZE"}), ":0");
    QCOMPARE(remote({"DBSIZE"}), ":301");
}

void TstMirrorViews::refusedSyncShowsWhyAndOffersTheCopy()
{
    auto managed =
        TestServer::startRedis({"--rename-command", "SYNC", "", "--rename-command", "PSYNC", ""});
    QVERIFY(managed->ok());
    ConnectionSettings settings;
    settings.name = QStringLiteral("managed-cache");
    settings.port = managed->port();
    RedisConnection *connection = m_window->openConnection(settings);
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Ready, 10000);
    startMirror(connection);
    auto *banner = m_window->findChild<MirrorBanner *>(QStringLiteral("mirrorBanner"));
    MirrorService *service = m_window->mirrors()->service();
    QTRY_VERIFY_WITH_TIMEOUT(service->progress().refused, 20000);
    QTRY_VERIFY(banner->messageLabel()->text().contains(QLatin1String("refuses replication")));
    QVERIFY(banner->messageLabel()->text().contains(QLatin1String("throttled copy")));
    QVERIFY(banner->stopButton()->isVisible()); // the engine keeps retrying until stopped
    QVERIFY(!banner->progressBar()->isVisible());
    grab(QStringLiteral("mirror-refused"));
    banner->stopButton()
        ->menu()
        ->findChild<QAction *>(QStringLiteral("mirrorStopKeepAction"))
        ->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(service->progress().phase, MirrorService::Phase::Idle, 5000);
    QVERIFY(local({"ROLE"}).find("master") != std::string::npos);
    banner->closeButton()->click();
}

void TstMirrorViews::nopermIsShownAndCopyInsteadOpensTheCopy()
{
    auto guarded = TestServer::startRedis();
    QVERIFY(guarded->ok());
    RedisTestClient admin("127.0.0.1", guarded->port());
    QCOMPARE(admin.run({"ACL", "SETUSER", "reader", "on", ">reader-pw", "~*", "&*", "+@all",
                        "-psync", "-sync"}),
             std::string("+OK"));
    admin.run({"SET", "order:1", "paid"});
    ConnectionSettings settings;
    settings.name = QStringLiteral("acl-guarded");
    settings.port = guarded->port();
    settings.username = QStringLiteral("reader");
    settings.password = QStringLiteral("reader-pw");
    RedisConnection *connection = m_window->openConnection(settings);
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Ready, 10000);
    startMirror(connection);
    auto *banner = m_window->findChild<MirrorBanner *>(QStringLiteral("mirrorBanner"));
    MirrorService *service = m_window->mirrors()->service();
    QTRY_VERIFY_WITH_TIMEOUT(service->progress().refused, 10000);
    QTRY_VERIFY(banner->messageLabel()->text().contains(
        QLatin1String("NOPERM this user has no permissions to run the 'psync' command")));
    QVERIFY(banner->copyButton()->isVisible());
    QVERIFY(banner->closeButton()->isVisible());
    QVERIFY(!banner->stopButton()->isVisible()); // the engine was never pointed at it
    grab(QStringLiteral("mirror-noperm"));
    banner->copyButton()->click();
    CopyDialog *copy = m_window->mirrors()->copyDialog();
    QVERIFY(copy);
    QTRY_VERIFY(copy->isVisible());
    QCOMPARE(copy->targetBox()->currentText(), QStringLiteral("Local engine"));
    grab(QStringLiteral("mirror-copy-instead"));
    copy->close();
    banner->closeButton()->click();
    QVERIFY(local({"ROLE"}).find("master") != std::string::npos);
}

void TstMirrorViews::bannerShowsSnapshotBytes()
{
    auto *banner = m_window->findChild<MirrorBanner *>(QStringLiteral("mirrorBanner"));
    MirrorService::Progress progress;
    progress.phase = MirrorService::Phase::Syncing;
    progress.rdbReadBytes = 3 * 1024 * 1024;
    progress.rdbTotalBytes = 12 * 1024 * 1024;
    progress.message = QStringLiteral("Copying the snapshot: 3.0 MB of 12.0 MB");
    m_window->showWorkspaceFor(m_window->connections()->connectionAt(0));
    banner->setTitle(QStringLiteral("Mirror of chat-backend into the Local engine"));
    banner->showProgress(progress);
    banner->show();
    QVERIFY(banner->progressBar()->isVisible());
    QCOMPARE(banner->progressBar()->maximum(), 1000);
    QCOMPARE(banner->progressBar()->value(), 250);
    QVERIFY(banner->stopButton()->isVisible());
    grab(QStringLiteral("mirror-syncing"));
    banner->hide();
}

QTEST_MAIN(TstMirrorViews)
#include "tst_mirror_views.moc"
