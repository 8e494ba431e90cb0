// What the rest of the window says and offers while the Local engine is stopped: the console
// names the cause in words (DEBUG PANIC, SHUTDOWN NOSAVE, DEBUG SEGFAULT's signal 11) and how
// to bring the engine back, instead of a bare "# Disconnected"; Connect (sidebar and menu)
// is disabled, since there is nothing to connect to, and "Restart engine" stands in its
// place; Refresh does not retry a socket that is gone. After Restart everything is as before:
// the console reconnects, Connect is disabled while connected and enabled after Disconnect.
// Real widgets offscreen, the real embedded engine, saved connections in a temporary file.
#include "engine_window.h"

#include "connection/connection_sidebar.h"
#include "connection/connection_store.h"
#include "connection/password_vault.h"
#include "window/window_menus.h"

#include <QAction>
#include <QLabel>
#include <QPushButton>
#include <QTemporaryDir>
#include <QTest>

using namespace redscope;

using redscope::test::kTimeout;
using redscope::test::Window;

class TstEngineStopControls : public QObject
{
    Q_OBJECT

private slots:
    void consoleSaysWhyAndOnlyRestartIsOffered_data();
    void consoleSaysWhyAndOnlyRestartIsOffered();
};

void TstEngineStopControls::consoleSaysWhyAndOnlyRestartIsOffered_data()
{
    QTest::addColumn<QString>("command");
    QTest::addColumn<QString>("cause");       // in the console's stop line
    QTest::addColumn<QString>("restartWith"); // sidebar, menu or page
    QTest::newRow("DEBUG PANIC") << QStringLiteral("DEBUG PANIC")
                                 << QStringLiteral("DEBUG PANIC called at Unix time")
                                 << QStringLiteral("sidebar");
    QTest::newRow("SHUTDOWN NOSAVE")
        << QStringLiteral("SHUTDOWN NOSAVE")
        << QStringLiteral("Stopped by SHUTDOWN NOSAVE, sent by a client") << QStringLiteral("menu");
    QTest::newRow("DEBUG SEGFAULT")
        << QStringLiteral("DEBUG SEGFAULT") << QStringLiteral("crashed by signal 11")
        << QStringLiteral("page");
}

void TstEngineStopControls::consoleSaysWhyAndOnlyRestartIsOffered()
{
    QFETCH(QString, command);
    QFETCH(QString, cause);
    QFETCH(QString, restartWith);
    QTemporaryDir base;
    QVERIFY(base.isValid());
    ConnectionStore store(base.filePath(QStringLiteral("connections.json")));
    store.vault()->disable();
    Window w(base.path());
    w.window.setConnectionStore(&store); // the sidebar's toolbar and its actions
    QTRY_VERIFY_WITH_TIMEOUT(w.ready(), kTimeout);
    ConnectionSidebar *sidebar = w.window.sidebar();
    WindowMenus *menus = w.window.menus();
    auto menu = [menus](const char *name) { return menus->action(QLatin1String(name)); };
    QCOMPARE(sidebar->currentIndex().row(), 0);      // the Local engine's row
    QVERIFY(!sidebar->connectAction()->isEnabled()); // connected
    QVERIFY(sidebar->connectAction()->isVisible());
    QVERIFY(!sidebar->restartEngineAction()->isVisible());
    QVERIFY(!sidebar->restartEngineAction()->isEnabled());
    QVERIFY(!menu("restartEngineAction")->isEnabled());
    QVERIFY(menu("refreshAction")->isEnabled());

    QVERIFY(w.type(command));
    QTRY_VERIFY_WITH_TIMEOUT(w.showsStoppedPage(), kTimeout);
    QTRY_COMPARE_WITH_TIMEOUT(w.engine.state(), EmbeddedEngine::State::Stopped, kTimeout);
    // The console: what stopped it and how to get it back, said once; no bare "Disconnected".
    QTRY_VERIFY2_WITH_TIMEOUT(w.output().contains(cause), qPrintable(w.output()), kTimeout);
    QTRY_VERIFY2_WITH_TIMEOUT(w.output().contains(QLatin1String("Restart engine")),
                              qPrintable(w.output()), kTimeout);
    const QString output = w.output();
    QVERIFY2(output.contains(QLatin1String("# The local engine ")), qPrintable(output));
    QCOMPARE(output.count(cause), 1);
    QCOMPARE(output.count(QLatin1String("Restart engine")), 1);
    QVERIFY2(!output.contains(QLatin1String("# Disconnected")), qPrintable(output));
    QVERIFY(w.page()->causeLabel()->text().contains(cause));

    // Nothing to connect to: Connect is disabled, Restart engine takes its place.
    QVERIFY(!sidebar->connectAction()->isEnabled());
    QVERIFY(!sidebar->connectAction()->isVisible());
    QVERIFY(sidebar->restartEngineAction()->isEnabled());
    QVERIFY(sidebar->restartEngineAction()->isVisible());
    QVERIFY(!menu("connectAction")->isEnabled());
    QVERIFY(!menu("refreshAction")->isEnabled());
    QVERIFY(!menu("disconnectAction")->isEnabled());
    QVERIFY(menu("restartEngineAction")->isEnabled());
    QVERIFY(!menu("consolePanelAction")->isEnabled()); // the page covers the workspace

    if (restartWith == QLatin1String("sidebar"))
        sidebar->restartEngineAction()->trigger();
    else if (restartWith == QLatin1String("menu"))
        menu("restartEngineAction")->trigger();
    else
        w.page()->restartButton()->click();
    // Starting: nothing to connect to yet, and nothing to restart.
    QCOMPARE(w.engine.state(), EmbeddedEngine::State::Starting);
    QVERIFY(!sidebar->connectAction()->isEnabled());
    QVERIFY(!sidebar->restartEngineAction()->isEnabled());
    QVERIFY(!menu("connectAction")->isEnabled());
    QVERIFY(!menu("restartEngineAction")->isEnabled());

    QTRY_VERIFY_WITH_TIMEOUT(w.ready(), kTimeout);
    QTRY_VERIFY2_WITH_TIMEOUT(w.output().contains(QLatin1String("# Reconnected to ")),
                              qPrintable(w.output()), kTimeout);
    QVERIFY(w.type(QStringLiteral("PING")));
    QTRY_VERIFY_WITH_TIMEOUT(w.output().endsWith(QStringLiteral("\nPONG")), kTimeout);
    // As before the stop: Connect shown, disabled while connected; Restart gone.
    QVERIFY(sidebar->connectAction()->isVisible());
    QVERIFY(!sidebar->connectAction()->isEnabled());
    QVERIFY(!sidebar->restartEngineAction()->isVisible());
    QVERIFY(!sidebar->restartEngineAction()->isEnabled());
    QVERIFY(!menu("restartEngineAction")->isEnabled());
    QVERIFY(menu("refreshAction")->isEnabled());

    // Disconnect, and Connect is what acts again (in the sidebar and the menu).
    QVERIFY(sidebar->disconnectAction()->isEnabled());
    sidebar->disconnectAction()->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(ConnectionLifecycle(w.local()).state(), ConnectionState::Disconnected,
                              kTimeout);
    QTRY_VERIFY(sidebar->connectAction()->isEnabled());
    QVERIFY(menu("connectAction")->isEnabled());
    QVERIFY(!sidebar->restartEngineAction()->isEnabled());
    QVERIFY(w.output().endsWith(QLatin1String("# Disconnected from ") +
                                ConnectionLifecycle(w.local()).address()));
    sidebar->connectAction()->trigger();
    QTRY_VERIFY_WITH_TIMEOUT(w.ready(), kTimeout);
    QVERIFY(!sidebar->connectAction()->isEnabled());
}

QTEST_MAIN(TstEngineStopControls)
#include "tst_engine_stop_controls.moc"
