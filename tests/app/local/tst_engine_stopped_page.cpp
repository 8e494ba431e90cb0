// The Local engine stopping, as a user meets it in the window: DEBUG PANIC or SHUTDOWN typed in
// the console shows the engine's stopped page (why, in the engine's words; the log behind
// "Show log"), the sidebar row says "stopped" with the reason in its tooltip, and Restart
// brings the same connection back with what was saved (a SAVE, or the AOF turned on with
// CONFIG SET) in the key browser and the console. A dump.rdb that does not load at start
// shows the load error; "Start with empty data" renames the file aside and starts.
// Real widgets offscreen, the real embedded engine, started by EmbeddedEngine in the
// background as the app does.
#include "engine_window.h"

#include "connection/connection_lifecycle.h"
#include "connection/connection_list_model.h"
#include "console/console_panel.h"
#include "keys/key_browser_panel.h"
#include "keys/key_tree_model.h"
#include "local/embedded_engine.h"
#include "local/engine_stopped_page.h"
#include "widgets/confirm.h"
#include "window/connection_tab.h"
#include "window/connection_workspace.h"
#include "window/main_window.h"
#include "window/window_menus.h"

#include <QDir>
#include <QFileInfo>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSignalSpy>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace redscope;

using redscope::test::kTimeout;
using redscope::test::Window;

class TstEngineStoppedPage : public QObject
{
    Q_OBJECT

private slots:
    void cleanup() { setConfirmFunction({}); }
    void panicShowsThePageAndRestartBringsTheDataBack_data();
    void panicShowsThePageAndRestartBringsTheDataBack();
    void shutdownNosaveSaysSo();
    void corruptDumpAtStartOffersEmptyDataAndKeepsTheFile();
    void dataDirThatCannotBeCreatedSaysSoAndTryAgainWorks();
};

void TstEngineStoppedPage::panicShowsThePageAndRestartBringsTheDataBack_data()
{
    QTest::addColumn<QStringList>("writes");
    QTest::newRow("SAVE") << QStringList{QStringLiteral("SET kept \"before the panic\""),
                                         QStringLiteral("SAVE")};
    QTest::newRow("AOF") << QStringList{QStringLiteral("CONFIG SET appendonly yes"),
                                        QStringLiteral("SET kept \"before the panic\"")};
}

void TstEngineStoppedPage::panicShowsThePageAndRestartBringsTheDataBack()
{
    QFETCH(QStringList, writes);
    QTemporaryDir base;
    QVERIFY(base.isValid());
    Window w(base.path());
    QTRY_VERIFY_WITH_TIMEOUT(w.ready(), kTimeout);
    RedisConnection *connection = w.local();
    const QString socket = w.engine.socketPath();
    for (const QString &line : writes) {
        const int replies = w.output().count(QStringLiteral("\nOK"));
        QVERIFY(w.type(line));
        QTRY_COMPARE_WITH_TIMEOUT(w.output().count(QStringLiteral("\nOK")), replies + 1, kTimeout);
        // appendonly yes writes the AOF once its first rewrite is done.
        if (line.startsWith(QLatin1String("CONFIG SET appendonly")))
            QTRY_VERIFY_WITH_TIMEOUT(
                QFileInfo::exists(w.engine.dataDir() + "/appendonlydir/appendonly.aof.manifest"),
                kTimeout);
    }

    QSignalSpy stopped(&w.engine, &EmbeddedEngine::stopped);
    QVERIFY(w.type(QStringLiteral("DEBUG PANIC")));
    QTRY_COMPARE_WITH_TIMEOUT(stopped.size(), 1, kTimeout);
    QTRY_VERIFY(w.showsStoppedPage());
    EngineStoppedPage *page = w.page();
    QVERIFY(page->isVisible());
    QVERIFY2(page->titleLabel()->text().contains(QLatin1String("panic")),
             qPrintable(page->titleLabel()->text()));
    QVERIFY2(page->causeLabel()->text().startsWith(QLatin1String("DEBUG PANIC called at Unix "
                                                                 "time")),
             qPrintable(page->causeLabel()->text()));
    QVERIFY(page->restartButton()->isVisible());
    QVERIFY(page->openFolderButton()->isVisible());
    QVERIFY(!page->emptyDataButton()->isVisible()); // only for a file that did not load
    // The connection list: stopped, and why in the tooltip.
    QCOMPARE(w.sidebarDetail(), QStringLiteral("Stopped: panic"));
    QVERIFY2(w.sidebarTip().contains(QLatin1String("DEBUG PANIC called")),
             qPrintable(w.sidebarTip()));
    QCOMPARE(ConnectionLifecycle(connection).state(), ConnectionState::Disconnected);

    // Show log: the engine's own last lines, the panic among them.
    QVERIFY(!page->logView()->isVisible());
    QSignalSpy logShown(page, &EngineStoppedPage::logShown);
    page->logToggle()->click();
    QVERIFY(page->logView()->isVisible());
    QTRY_COMPARE_WITH_TIMEOUT(logShown.size(), 1, kTimeout);
    QVERIFY2(page->logView()->toPlainText().contains(QLatin1String("Guru Meditation: DEBUG PANIC")),
             qPrintable(page->logView()->toPlainText()));

    QSignalSpy started(&w.engine, &EmbeddedEngine::started);
    page->restartButton()->click();
    QCOMPARE(w.engine.state(), EmbeddedEngine::State::Starting); // in the background
    QTRY_COMPARE_WITH_TIMEOUT(started.size(), 1, kTimeout);
    QTRY_VERIFY_WITH_TIMEOUT(w.ready(), kTimeout);
    // The same connection on the same socket: every tab of the workspace reconnected.
    QCOMPARE(w.local(), connection);
    QCOMPARE(w.engine.socketPath(), socket);
    QVERIFY(w.sidebarDetail().isEmpty() || !w.sidebarDetail().contains(QLatin1String("Stop")));
    auto *keys = w.tab()->workspace()->showPanel<KeyBrowserPanel>();
    QVERIFY(keys);
    QTRY_VERIFY_WITH_TIMEOUT(keys->model()->findKey("kept").isValid(), kTimeout);
    QVERIFY(w.type(QStringLiteral("GET kept")));
    QTRY_VERIFY_WITH_TIMEOUT(w.output().endsWith(QStringLiteral("\n\"before the panic\"")),
                             kTimeout);
    if (writes.first().contains(QLatin1String("appendonly"))) {
        QVERIFY(w.type(QStringLiteral("CONFIG GET appendonly")));
        QTRY_VERIFY_WITH_TIMEOUT(w.output().endsWith(QStringLiteral("\"yes\"")), kTimeout);
    }
}

void TstEngineStoppedPage::shutdownNosaveSaysSo()
{
    QTemporaryDir base;
    QVERIFY(base.isValid());
    Window w(base.path());
    QTRY_VERIFY_WITH_TIMEOUT(w.ready(), kTimeout);
    QVERIFY(w.type(QStringLiteral("SHUTDOWN NOSAVE")));
    QTRY_VERIFY_WITH_TIMEOUT(w.showsStoppedPage(), kTimeout);
    EngineStoppedPage *page = w.page();
    QVERIFY2(page->titleLabel()->text().contains(QLatin1String("shut down")),
             qPrintable(page->titleLabel()->text()));
    QCOMPARE(page->causeLabel()->text(),
             QStringLiteral("Stopped by SHUTDOWN NOSAVE, sent by a client."));
    QVERIFY(page->noteLabel()->isVisible());
    QVERIFY(page->noteLabel()->text().contains(QLatin1String("NOSAVE")));
    QCOMPARE(w.sidebarDetail(), QStringLiteral("Shut down (NOSAVE)"));
    QVERIFY(w.sidebarTip().contains(QLatin1String("SHUTDOWN NOSAVE")));
    auto *status = w.window.findChild<QLabel *>(QStringLiteral("connectionStatus"));
    QCOMPARE(status->text(), QStringLiteral("Local engine — Shut down (NOSAVE)"));
    page->restartButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(w.ready(), kTimeout);
    QVERIFY(w.type(QStringLiteral("PING")));
    QTRY_VERIFY_WITH_TIMEOUT(w.output().endsWith(QStringLiteral("\nPONG")), kTimeout);
}

void TstEngineStoppedPage::corruptDumpAtStartOffersEmptyDataAndKeepsTheFile()
{
    QTemporaryDir base;
    QVERIFY(base.isValid());
    const QString rdb = base.path() + QStringLiteral("/data/dump.rdb");
    {
        // A real dump of the engine's, cut in half.
        EngineHost host(Window::options(base.path()));
        QString error;
        QVERIFY2(host.start(&error), qPrintable(error));
        MainWindow writer;
        writer.openLocalEngine(host.socketPath());
        QTRY_VERIFY_WITH_TIMEOUT(
            ConnectionLifecycle(writer.connections()->connectionAt(0)).isReady(), kTimeout);
        auto *console = writer.currentWorkspace()->showPanel<ConsolePanel>();
        auto *input = console->findChild<QLineEdit *>(QStringLiteral("consoleInput"));
        auto *output = console->findChild<QPlainTextEdit *>(QStringLiteral("consoleOutput"));
        QTest::keyClicks(input, QStringLiteral("DEBUG POPULATE 2000 key 100"));
        QTest::keyClick(input, Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(output->toPlainText().endsWith(QStringLiteral("\nOK")), kTimeout);
        QTest::keyClicks(input, QStringLiteral("SAVE"));
        QTest::keyClick(input, Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(output->toPlainText().count(QStringLiteral("\nOK")), 2, kTimeout);
        host.stop();
    }
    QFile file(rdb);
    const qint64 half = file.size() / 2;
    QVERIFY(half > 1000);
    QVERIFY(file.resize(half));

    Window w(base.path());
    QTRY_VERIFY_WITH_TIMEOUT(w.showsStoppedPage(), kTimeout);
    QCOMPARE(w.engine.stopReport().cause, EngineHost::StopCause::LoadFailed);
    EngineStoppedPage *page = w.page();
    QVERIFY2(page->titleLabel()->text().contains(QLatin1String("could not load")),
             qPrintable(page->titleLabel()->text()));
    const QString cause = page->causeLabel()->text();
    QVERIFY2(cause.contains(rdb) && cause.contains(QLatin1String("offset")), qPrintable(cause));
    QVERIFY(page->emptyDataButton()->isVisible());
    QVERIFY(page->noteLabel()->text().contains(QLatin1String("dump.rdb.corrupt-")));
    QCOMPARE(ConnectionLifecycle(w.local()).state(), ConnectionState::Disconnected);
    QVERIFY(w.sidebarTip().contains(QLatin1String("offset")));

    // Declined: nothing moves, nothing starts.
    QString question;
    setConfirmFunction([&question](QWidget *, const QString &, const QString &text) {
        question = text;
        return false;
    });
    page->emptyDataButton()->click();
    QVERIFY2(question.contains(QLatin1String("nothing is deleted")), qPrintable(question));
    QCOMPARE(w.engine.state(), EmbeddedEngine::State::Stopped);
    QCOMPARE(QFileInfo(rdb).size(), half);

    setConfirmFunction([](QWidget *, const QString &, const QString &) { return true; });
    page->emptyDataButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(w.ready(), kTimeout);
    const QString moved = w.engine.movedAside();
    QVERIFY2(QFileInfo(moved).fileName().startsWith(QLatin1String("dump.rdb.corrupt-")),
             qPrintable(moved));
    QCOMPARE(QFileInfo(moved).absolutePath(), QFileInfo(rdb).absolutePath());
    QCOMPARE(QFileInfo(moved).size(), half); // kept whole, under its new name
    QVERIFY(!QFileInfo::exists(rdb));
    QVERIFY(w.type(QStringLiteral("DBSIZE")));
    QTRY_VERIFY_WITH_TIMEOUT(w.output().endsWith(QStringLiteral("\n(integer) 0")), kTimeout);
    QVERIFY(w.window.statusBar()->currentMessage().contains(QFileInfo(moved).fileName()));
}

// A start that fails before any data is read (here the data directory sits below a regular
// file) says so; "Try again" works once the cause is gone.
void TstEngineStoppedPage::dataDirThatCannotBeCreatedSaysSoAndTryAgainWorks()
{
    QTemporaryDir base;
    QVERIFY(base.isValid());
    QFile blocker(base.filePath(QStringLiteral("data")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    EngineHost::Options options = Window::options(base.path());
    options.dataDir = blocker.fileName() + QStringLiteral("/engine");
    Window w(options);
    QTRY_VERIFY_WITH_TIMEOUT(w.showsStoppedPage(), kTimeout);
    EngineStoppedPage *page = w.page();
    QCOMPARE(w.engine.stopReport().cause, EngineHost::StopCause::StartFailed);
    QVERIFY2(page->titleLabel()->text().contains(QLatin1String("did not start")),
             qPrintable(page->titleLabel()->text()));
    QVERIFY2(page->causeLabel()->text().contains(QLatin1String("data directory")),
             qPrintable(page->causeLabel()->text()));
    QVERIFY(!page->emptyDataButton()->isVisible());
    QCOMPARE(page->restartButton()->text(), QStringLiteral("Try again"));
    QCOMPARE(w.sidebarDetail(), QStringLiteral("Did not start"));

    QVERIFY(blocker.remove());
    page->restartButton()->click();
    QTRY_VERIFY_WITH_TIMEOUT(w.ready(), kTimeout);
    QVERIFY(w.type(QStringLiteral("PING")));
    QTRY_VERIFY_WITH_TIMEOUT(w.output().endsWith(QStringLiteral("\nPONG")), kTimeout);
}

QTEST_MAIN(TstEngineStoppedPage)
#include "tst_engine_stopped_page.moc"
