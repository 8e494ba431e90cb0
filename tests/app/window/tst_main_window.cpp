// MainWindow end to end on the offscreen platform: the embedded engine starts, the console on
// "Local engine" sends what is typed, prints replies (errors in red), keeps history and clears.
#include "connection/connection_list_model.h"
#include "connection/redis_connection.h"
#include "console/console_panel.h"
#include "local/engine_host.h"
#include "process/version.h"
#include "test_server.h"
#include "window/about_dialog.h"
#include "window/main_window.h"
#include "window/window_menus.h"

#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QStatusBar>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>

using namespace redscope;

class TstMainWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void consoleRunsCommandsOnTheEngine();
    void historyWithUpAndDown();
    void parseErrorsAndServerErrorsAreRed();
    void clearEmptiesTheOutput();
    void engineFailureIsShown();
    void secondServerGetsRowAndTab();
    void aboutShowsTheProjectVersion();

private:
    void type(const QString &line);
    QString output() const;
    QColor colorOfLastLine() const;

    QTemporaryDir m_dir;
    std::unique_ptr<EngineHost> m_engine;
    std::unique_ptr<MainWindow> m_window;
    QLineEdit *m_input = nullptr;
    QPlainTextEdit *m_output = nullptr;
};

void TstMainWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    EngineHost::Options options;
    options.dataDir = m_dir.filePath(QStringLiteral("data"));
    options.runtimeDir = m_dir.filePath(QStringLiteral("run"));
    m_engine = std::make_unique<EngineHost>(options);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));

    m_window = std::make_unique<MainWindow>();
    RedisConnection *local = m_window->openLocalEngine(m_engine->socketPath());
    m_window->show();
    QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    QCOMPARE(m_window->windowTitle(), QStringLiteral("Redscope"));
    QTRY_COMPARE_WITH_TIMEOUT(local->state(), RedisConnection::State::Ready, 10000);
    // A connection opens on Keys; View > Console (Alt+2) shows the console.
    QTRY_VERIFY(m_window->currentWorkspace());
    m_window->menus()->action(QStringLiteral("consolePanelAction"))->trigger();

    m_input = m_window->findChild<QLineEdit *>(QStringLiteral("consoleInput"));
    m_output = m_window->findChild<QPlainTextEdit *>(QStringLiteral("consoleOutput"));
    QVERIFY(m_input && m_output);
    QVERIFY(m_input->isVisible());
    auto *status = m_window->findChild<QLabel *>(QStringLiteral("connectionStatus"));
    QVERIFY(status);
    QTRY_VERIFY(status->text().contains(QStringLiteral("Local engine — Ready")));
}

void TstMainWindow::cleanupTestCase()
{
    m_window.reset();
    m_engine.reset();
}

void TstMainWindow::type(const QString &line)
{
    m_input->setFocus();
    QTest::keyClicks(m_input, line);
    QTest::keyClick(m_input, Qt::Key_Return);
}

QString TstMainWindow::output() const
{
    return m_output->toPlainText();
}

QColor TstMainWindow::colorOfLastLine() const
{
    const QTextBlock block = m_output->document()->lastBlock();
    return block.begin().fragment().charFormat().foreground().color();
}

void TstMainWindow::consoleRunsCommandsOnTheEngine()
{
    type(QStringLiteral("PING"));
    QVERIFY(m_input->text().isEmpty());
    QVERIFY(output().contains(QStringLiteral("Local engine[db0]> PING")));
    QTRY_VERIFY_WITH_TIMEOUT(output().endsWith(QStringLiteral("\nPONG")), 5000);

    type(QStringLiteral("SET greeting \"hello world\""));
    QTRY_VERIFY_WITH_TIMEOUT(output().endsWith(QStringLiteral("\nOK")), 5000);
    type(QStringLiteral("GET greeting"));
    QTRY_VERIFY_WITH_TIMEOUT(output().endsWith(QStringLiteral("\n\"hello world\"")), 5000);
}

void TstMainWindow::historyWithUpAndDown()
{
    type(QStringLiteral("ECHO one"));
    type(QStringLiteral("ECHO two"));
    QTRY_VERIFY_WITH_TIMEOUT(output().endsWith(QStringLiteral("\n\"two\"")), 5000);
    QTest::keyClicks(m_input, QStringLiteral("draft"));
    QTest::keyClick(m_input, Qt::Key_Up);
    QCOMPARE(m_input->text(), QStringLiteral("ECHO two"));
    QTest::keyClick(m_input, Qt::Key_Up);
    QCOMPARE(m_input->text(), QStringLiteral("ECHO one"));
    QTest::keyClick(m_input, Qt::Key_Down);
    QCOMPARE(m_input->text(), QStringLiteral("ECHO two"));
    QTest::keyClick(m_input, Qt::Key_Down);
    QCOMPARE(m_input->text(), QStringLiteral("draft"));
    m_input->clear();

    QTest::keyClick(m_input, Qt::Key_Up);
    QTest::keyClick(m_input, Qt::Key_Return); // re-run the recalled command
    QTRY_COMPARE_WITH_TIMEOUT(output().count(QStringLiteral("\n\"two\"")), 2, 5000);
}

void TstMainWindow::parseErrorsAndServerErrorsAreRed()
{
    const QColor normal = m_output->palette().color(QPalette::Text);
    type(QStringLiteral("SET k \"unterminated"));
    QVERIFY(output().endsWith(QStringLiteral("never closed")));
    QCOMPARE(colorOfLastLine(), QColor(0xc6, 0x28, 0x28));

    type(QStringLiteral("NOSUCHCOMMAND"));
    QTRY_VERIFY_WITH_TIMEOUT(
        output().section(QLatin1Char('\n'), -1).startsWith(QStringLiteral("(error) ")), 5000);
    QCOMPARE(colorOfLastLine(), QColor(0xc6, 0x28, 0x28));

    type(QStringLiteral("ECHO fine"));
    QTRY_VERIFY_WITH_TIMEOUT(output().endsWith(QStringLiteral("\n\"fine\"")), 5000);
    QCOMPARE(colorOfLastLine(), normal);
}

void TstMainWindow::clearEmptiesTheOutput()
{
    QVERIFY(!output().isEmpty());
    type(QStringLiteral("clear"));
    QVERIFY(output().isEmpty());
    type(QStringLiteral("PING"));
    QTRY_COMPARE_WITH_TIMEOUT(output(), QStringLiteral("Local engine[db0]> PING\nPONG"), 5000);
}

void TstMainWindow::engineFailureIsShown()
{
    MainWindow window;
    window.showLocalEngineError(QStringLiteral("The embedded engine did not start: boom"));
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *status = window.findChild<QLabel *>(QStringLiteral("connectionStatus"));
    QVERIFY(status->text().contains(QStringLiteral("boom")));
    QVERIFY(!window.currentConsole());
}

void TstMainWindow::secondServerGetsRowAndTab()
{
    auto server = redscope::test::TestServer::startRedis();
    QVERIFY2(server && server->ok(), server ? server->error().c_str() : "no server");
    ConnectionSettings settings;
    QString error;
    const QString url = QStringLiteral("redis://127.0.0.1:%1/2").arg(server->port());
    QVERIFY2(ConnectionSettings::fromUrl(url, &settings, &error), qPrintable(error));
    RedisConnection *remote = m_window->openConnection(settings);
    QCOMPARE(m_window->connections()->rowCount(), 2);
    QCOMPARE(m_window->connections()->connectionAt(1), remote);
    QTRY_COMPARE_WITH_TIMEOUT(remote->state(), RedisConnection::State::Ready, 10000);
    QTRY_VERIFY(m_window->currentConsole());
    QCOMPARE(m_window->currentConsole()->connection(), remote);
    m_window->menus()->action(QStringLiteral("consolePanelAction"))->trigger();

    auto *input = m_window->currentConsole()->findChild<QLineEdit *>("consoleInput");
    auto *output = m_window->currentConsole()->findChild<QPlainTextEdit *>("consoleOutput");
    QVERIFY(input && output && input != m_input);
    QTest::keyClicks(input, QStringLiteral("INFO server"));
    QTest::keyClick(input, Qt::Key_Return);
    QVERIFY(output->toPlainText().contains(QStringLiteral("[db2]> INFO server")));
    QTRY_VERIFY_WITH_TIMEOUT(output->toPlainText().contains(QStringLiteral("redis_version:")),
                             5000);
}

void TstMainWindow::aboutShowsTheProjectVersion()
{
    // The version comes from CMake's project() once; --version and About must agree with it.
    QVERIFY(!redscope::applicationVersion().isEmpty());
    QVERIFY(redscope::aboutText().contains(QStringLiteral("Redscope ") +
                                           redscope::applicationVersion()));
    auto *about = m_window->findChild<QAction *>(QStringLiteral("aboutAction"));
    QVERIFY(about);
    QCOMPARE(about->text(), QStringLiteral("&About Redscope"));
}

QTEST_MAIN(TstMainWindow)
#include "tst_main_window.moc"
