// ConnectionDialog and the sidebar's connection management, offscreen against real Debian
// redis-servers: "Test connection" reports success with the server version, and the readable
// refusal, wrong-password and NOAUTH errors; a connection created through the sidebar's
// "New connection" action lands in its folder with its colour, survives in the store without
// its password, connects after the password prompt, and read-only refuses SET in the console
// path. Delete asks first. Everything is driven through the real widgets.
#include "connection/connection_dialog.h"
#include "connection/connection_list_model.h"
#include "connection/connection_manager.h"
#include "connection/connection_security_box.h"
#include "connection/connection_sidebar.h"
#include "connection/connection_store.h"
#include "connection/password_vault.h"
#include "connection/redis_connection.h"
#include "test_server.h"
#include "widgets/confirm.h"
#include "window/connection_workspace.h"
#include "keys/key_browser_panel.h"
#include "window/connection_tab.h"
#include "window/main_window.h"
#include "window/window_menus.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QFile>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace redscope;
using redscope::test::TestServer;

static const QString kPassword = QStringLiteral("dialog-Pa55");

class TstConnectionDialog : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void testConnectionSucceeds();
    void testConnectionRefused();
    void testConnectionWrongPasswordAndNoAuth();
    void newConnectionThroughSidebar();
    void deleteAsksFirst();
    void urlFillsTheFields();
    void dialogFitsIn600Pixels();
    void saveAndConnectInOneStep();

private:
    static ConnectionDialog *newDialog(int port, const QString &password = {});
    static QString runTest(ConnectionDialog *dialog);

    std::unique_ptr<TestServer> m_open;
    std::unique_ptr<TestServer> m_protected;
    QTemporaryDir m_dir;
};

void TstConnectionDialog::initTestCase()
{
    m_open = TestServer::startRedis();
    QVERIFY2(m_open && m_open->ok(), m_open ? m_open->error().c_str() : "no server");
    m_protected = TestServer::startRedis({"--requirepass", kPassword.toStdString()});
    QVERIFY2(m_protected && m_protected->ok(),
             m_protected ? m_protected->error().c_str() : "no server");
    QVERIFY(m_dir.isValid());
}

ConnectionDialog *TstConnectionDialog::newDialog(int port, const QString &password)
{
    auto *dialog = new ConnectionDialog(ConnectionDialog::Mode::Add, ConnectionProfile(), {},
                                        false);
    dialog->show();
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Test server"));
    dialog->hostEdit()->clear();
    QTest::keyClicks(dialog->hostEdit(), QStringLiteral("127.0.0.1"));
    dialog->portSpin()->setValue(port);
    if (!password.isEmpty()) QTest::keyClicks(dialog->passwordEdit(), password);
    return dialog;
}

QString TstConnectionDialog::runTest(ConnectionDialog *dialog)
{
    QTest::mouseClick(dialog->testButton(), Qt::LeftButton);
    if (!QTest::qWaitFor(
            [&] { return dialog->testState() != ConnectionDialog::TestState::Running; }, 15000))
        return QStringLiteral("test did not finish");
    return dialog->testLabel()->text();
}

void TstConnectionDialog::testConnectionSucceeds()
{
    std::unique_ptr<ConnectionDialog> dialog(newDialog(m_open->port()));
    const QString text = runTest(dialog.get());
    QCOMPARE(dialog->testState(), ConnectionDialog::TestState::Succeeded);
    QVERIFY2(text.contains(QStringLiteral("Connected in")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("Redis 7.")), qPrintable(text));
    QVERIFY(dialog->testButton()->isEnabled());

    // The same dialog over the Unix socket.
    dialog->transportCombo()->setCurrentIndex(1);
    QTest::keyClicks(dialog->socketEdit(), QString::fromStdString(m_open->unixSocket()));
    QVERIFY(runTest(dialog.get()).contains(QStringLiteral("Redis 7.")));
    QCOMPARE(dialog->profile().settings.unixSocket, QString::fromStdString(m_open->unixSocket()));
}

void TstConnectionDialog::testConnectionRefused()
{
    const int closedPort = TestServer::freePort();
    std::unique_ptr<ConnectionDialog> dialog(newDialog(closedPort));
    const QString text = runTest(dialog.get());
    QCOMPARE(dialog->testState(), ConnectionDialog::TestState::Failed);
    QVERIFY2(text.contains(QStringLiteral("Connection refused")), qPrintable(text));
    QVERIFY2(text.contains(QStringLiteral("127.0.0.1:%1").arg(closedPort)), qPrintable(text));

    dialog->hostEdit()->setText(QStringLiteral("no-such-host.invalid"));
    const QString unknown = runTest(dialog.get());
    QVERIFY2(unknown.contains(QStringLiteral("Unknown host 'no-such-host.invalid'")),
             qPrintable(unknown));
}

void TstConnectionDialog::testConnectionWrongPasswordAndNoAuth()
{
    std::unique_ptr<ConnectionDialog> wrong(newDialog(m_protected->port(), "nope"));
    const QString wrongText = runTest(wrong.get());
    QCOMPARE(wrong->testState(), ConnectionDialog::TestState::Failed);
    QVERIFY2(wrongText.contains(QStringLiteral("Authentication failed")), qPrintable(wrongText));
    QVERIFY2(!wrongText.contains(QStringLiteral("nope")), qPrintable(wrongText));

    std::unique_ptr<ConnectionDialog> none(newDialog(m_protected->port()));
    const QString noneText = runTest(none.get());
    QVERIFY2(noneText.contains(QStringLiteral("requires a password")), qPrintable(noneText));
    QVERIFY2(noneText.contains(QStringLiteral("NOAUTH")), qPrintable(noneText));

    std::unique_ptr<ConnectionDialog> right(newDialog(m_protected->port(), kPassword));
    QVERIFY(runTest(right.get()).contains(QStringLiteral("Redis 7.")));
}

void TstConnectionDialog::newConnectionThroughSidebar()
{
    const QString path = m_dir.filePath(QStringLiteral("connections.json"));
    ConnectionStore store(path);
    store.vault()->disable(); // no keychain here: passwords are asked for
    MainWindow window;
    window.setConnectionStore(&store);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ConnectionListModel *model = window.connections();
    QAbstractItemModelTester tester(model,
                                    QAbstractItemModelTester::FailureReportingMode::QtTest);
    ConnectionSidebar *sidebar = window.sidebar();
    QVERIFY(sidebar->newAction()->isEnabled());

    sidebar->newAction()->trigger();
    ConnectionDialog *dialog = window.connectionManager()->openDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Protected"));
    dialog->findChild<QComboBox *>(QStringLiteral("groupCombo"))
        ->setCurrentText(QStringLiteral("Staging"));
    auto *colour = dialog->findChild<QComboBox *>(QStringLiteral("colourCombo"));
    colour->setCurrentIndex(colour->findData(QStringLiteral("#1976d2")));
    dialog->portSpin()->setValue(m_protected->port());
    QTest::keyClicks(dialog->passwordEdit(), kPassword);
    dialog->findChild<QCheckBox *>(QStringLiteral("readOnlyCheck"))->setChecked(true);
    dialog->findChild<QCheckBox *>(QStringLiteral("productionCheck"))->setChecked(true);
    QVERIFY(!dialog->plainTextCheck()->isChecked());
    QVERIFY(runTest(dialog).contains(QStringLiteral("Redis 7.")));
    dialog->accept();

    // Local engine first, then the folder with the new connection.
    QCOMPARE(model->rowCount(), 2);
    QCOMPARE(model->index(0, 0).data().toString(), ConnectionListModel::localEngineName());
    const QModelIndex folder = model->index(1, 0);
    QVERIFY(folder.data(ConnectionListModel::IsGroupRole).toBool());
    QCOMPARE(folder.data().toString(), QStringLiteral("Staging"));
    QCOMPARE(model->rowCount(folder), 1);
    const QModelIndex entry = model->index(0, 0, folder);
    QCOMPARE(entry.data().toString(), QStringLiteral("Protected"));
    QCOMPARE(entry.data(ConnectionListModel::ColourRole).value<QColor>(), QColor("#1976d2"));
    QVERIFY(entry.data(ConnectionListModel::ReadOnlyRole).toBool());
    QVERIFY(entry.data(ConnectionListModel::ProductionRole).toBool()); // saved, shown as PROD
    QVERIFY(!model->connectionAt(entry)); // not connected until asked

    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.contains("Protected"));
    QVERIFY(!saved.contains(kPassword.toUtf8()));

    // This session remembers the password typed in the dialog: Connect needs no prompt.
    sidebar->setCurrentIndex(entry);
    QVERIFY(sidebar->connectAction()->isEnabled());
    sidebar->connectAction()->trigger();
    QTRY_VERIFY(model->connectionAt(model->index(0, 0, model->index(1, 0))));
    RedisConnection *connection = model->connectionAt(model->index(0, 0, model->index(1, 0)));
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Ready, 10000);
    QVERIFY(window.currentWorkspace());
    QCOMPARE(window.currentWorkspace()->connection(), connection);
    bool done = false;
    RedisValue reply;
    connection->send({"SET", "k", "v"}, [&](const RedisValue &value) {
        reply = value;
        done = true;
    });
    QTRY_VERIFY(done);
    QVERIFY2(reply.text().contains(QStringLiteral("read-only")), qPrintable(reply.text()));
    QVERIFY(sidebar->disconnectAction()->isEnabled());
    sidebar->disconnectAction()->trigger();
    QCOMPARE(connection->state(), RedisConnection::State::Disconnected);

    // A new session (new store over the same file) must ask for the password.
    ConnectionStore later(path);
    later.vault()->disable();
    QVERIFY(later.load());
    MainWindow second;
    second.setConnectionStore(&later);
    second.show();
    QVERIFY(QTest::qWaitForWindowExposed(&second));
    const QModelIndex again = second.connections()->index(0, 0, second.connections()->index(1, 0));
    second.sidebar()->setCurrentIndex(again);
    second.sidebar()->connectAction()->trigger();
    QInputDialog *prompt = nullptr;
    QTRY_VERIFY((prompt = second.findChild<QInputDialog *>(QStringLiteral("passwordPrompt"))));
    QTRY_VERIFY(prompt->isVisible());
    QVERIFY(prompt->labelText().contains(QStringLiteral("127.0.0.1:%1").arg(m_protected->port())));
    prompt->setTextValue(kPassword);
    prompt->accept();
    QTRY_VERIFY(second.connections()->connectionAt(again));
    QTRY_COMPARE_WITH_TIMEOUT(second.connections()->connectionAt(again)->state(),
                              RedisConnection::State::Ready, 10000);
}

void TstConnectionDialog::deleteAsksFirst()
{
    const QString path = m_dir.filePath(QStringLiteral("delete.json"));
    ConnectionStore store(path);
    store.vault()->disable();
    ConnectionProfile profile;
    profile.settings.name = QStringLiteral("Doomed");
    profile.settings.port = m_open->port();
    store.put(profile);
    MainWindow window;
    window.setConnectionStore(&store);
    QCOMPARE(window.connections()->rowCount(), 2);
    const QModelIndex entry = window.connections()->index(1, 0);
    QCOMPARE(entry.data().toString(), QStringLiteral("Doomed"));
    window.sidebar()->setCurrentIndex(entry);

    QString asked;
    setConfirmFunction([&](QWidget *, const QString &, const QString &question) {
        asked = question;
        return false;
    });
    window.sidebar()->deleteAction()->trigger();
    QVERIFY(asked.contains(QStringLiteral("Doomed")));
    QCOMPARE(window.connections()->rowCount(), 2); // said no

    setConfirmFunction([](QWidget *, const QString &, const QString &) { return true; });
    window.sidebar()->setCurrentIndex(window.connections()->index(1, 0));
    window.sidebar()->deleteAction()->trigger();
    QCOMPARE(window.connections()->rowCount(), 1);
    QCOMPARE(store.profiles().size(), 0);
    setConfirmFunction({});
}

void TstConnectionDialog::urlFillsTheFields()
{
    ConnectionDialog dialog(ConnectionDialog::Mode::Add, ConnectionProfile(), {}, false);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    // Pasted, as a user would: the fields follow at once.
    dialog.urlEdit()->setFocus();
    QTest::keyClicks(dialog.urlEdit(),
                     QStringLiteral("rediss://alice:s%40cret@cache.example.com:6380/3"));
    QCOMPARE(dialog.hostEdit()->text(), QStringLiteral("cache.example.com"));
    QCOMPARE(dialog.portSpin()->value(), 6380);
    QCOMPARE(dialog.usernameEdit()->text(), QStringLiteral("alice"));
    QCOMPARE(dialog.passwordEdit()->text(), QStringLiteral("s@cret"));
    QCOMPARE(dialog.dbSpin()->value(), 3);
    QVERIFY(dialog.securityBox()->tlsCheck()->isChecked());
    QVERIFY(!dialog.urlStatus()->isVisible());
    const ConnectionProfile profile = dialog.profile();
    QCOMPARE(profile.settings.host, QStringLiteral("cache.example.com"));
    QVERIFY(profile.settings.tls.enabled);
    QCOMPARE(dialog.password().value_or(QString()), QStringLiteral("s@cret"));

    // redis:// turns TLS off again; a password alone is the default user's.
    dialog.urlEdit()->clear();
    QTest::keyClicks(dialog.urlEdit(), QStringLiteral("redis://:only-pass@10.0.0.5"));
    QCOMPARE(dialog.hostEdit()->text(), QStringLiteral("10.0.0.5"));
    QCOMPARE(dialog.portSpin()->value(), 6379);
    QCOMPARE(dialog.usernameEdit()->text(), QString());
    QCOMPARE(dialog.passwordEdit()->text(), QStringLiteral("only-pass"));
    QCOMPARE(dialog.dbSpin()->value(), 0);
    QVERIFY(!dialog.securityBox()->tlsCheck()->isChecked());

    dialog.urlEdit()->setText(QStringLiteral("unix:///run/redis/redis.sock?db=2"));
    QCOMPARE(dialog.transportCombo()->currentIndex(), 1);
    QCOMPARE(dialog.socketEdit()->text(), QStringLiteral("/run/redis/redis.sock"));
    QCOMPARE(dialog.dbSpin()->value(), 2);

    // Not a Redis URL: said under the field, the fields stay as they were.
    dialog.urlEdit()->setText(QStringLiteral("http://example.com"));
    QVERIFY(dialog.urlStatus()->isVisible());
    QVERIFY2(dialog.urlStatus()->text().contains(QStringLiteral("Unsupported URL scheme")),
             qPrintable(dialog.urlStatus()->text()));
    QCOMPARE(dialog.socketEdit()->text(), QStringLiteral("/run/redis/redis.sock"));
    dialog.urlEdit()->clear();
    QVERIFY(!dialog.urlStatus()->isVisible());
}

void TstConnectionDialog::dialogFitsIn600Pixels()
{
    ConnectionDialog dialog(ConnectionDialog::Mode::Add, ConnectionProfile(), {}, true);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QVERIFY2(dialog.height() <= 600, qPrintable(QString::number(dialog.height())));
    QVERIFY2(dialog.minimumSizeHint().height() <= 600,
             qPrintable(QString::number(dialog.minimumSizeHint().height())));
    // Server first, the rest in sections; each section fits without growing the dialog.
    auto *sections = dialog.findChild<QTabWidget *>(QStringLiteral("connectionSections"));
    QVERIFY(sections);
    QCOMPARE(sections->tabText(0), QStringLiteral("General"));
    QStringList names;
    for (int i = 0; i < sections->count(); ++i) names.append(sections->tabText(i));
    QCOMPARE(names, (QStringList{QStringLiteral("General"), QStringLiteral("TLS"),
                                 QStringLiteral("SSH tunnel"), QStringLiteral("Topology")}));
    QVERIFY(dialog.hostEdit()->mapTo(&dialog, QPoint()).y() <
            sections->mapTo(&dialog, QPoint()).y());
    for (int i = 0; i < sections->count(); ++i) {
        sections->setCurrentIndex(i);
        QTest::qWait(20);
        QVERIFY2(dialog.height() <= 600 && dialog.sizeHint().height() <= 600,
                 qPrintable(names[i] + QStringLiteral(": %1").arg(dialog.sizeHint().height())));
    }
    QCOMPARE(dialog.saveAndConnectButton()->text(), QStringLiteral("Save and Connect"));
    QVERIFY(dialog.saveAndConnectButton()->isDefault() ||
            dialog.saveAndConnectButton()->autoDefault());
}

void TstConnectionDialog::saveAndConnectInOneStep()
{
    const QString path = m_dir.filePath(QStringLiteral("oneStep.json"));
    ConnectionStore store(path);
    store.vault()->disable();
    MainWindow window;
    window.setConnectionStore(&store);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    window.menus()->action(QStringLiteral("newConnectionAction"))->trigger();
    ConnectionDialog *dialog = window.connectionManager()->openDialog();
    QVERIFY(dialog);
    QTRY_VERIFY(dialog->isVisible());
    QTest::keyClicks(dialog->urlEdit(), QStringLiteral("redis://:%1@127.0.0.1:%2")
                                            .arg(kPassword)
                                            .arg(m_protected->port()));
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("One step"));
    QTest::mouseClick(dialog->saveAndConnectButton(), Qt::LeftButton);

    // Saved and connected, without another click: its tab opens on Keys.
    const QModelIndex entry = window.connections()->index(1, 0);
    QCOMPARE(entry.data().toString(), QStringLiteral("One step"));
    QTRY_VERIFY(window.connections()->connectionAt(entry));
    RedisConnection *connection = window.connections()->connectionAt(entry);
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Ready, 10000);
    QTRY_VERIFY(window.currentTab() && window.currentTab()->showsWorkspace());
    QCOMPARE(window.currentTab()->connection(), connection);
    QVERIFY(qobject_cast<KeyBrowserPanel *>(window.currentWorkspace()->currentWidget()));
    QCOMPARE(window.connections()->connectionAt(window.sidebar()->currentIndex()), connection);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.contains("One step"));
    QVERIFY(!saved.contains(kPassword.toUtf8()));

    // "Save" alone saves without connecting.
    window.menus()->action(QStringLiteral("newConnectionAction"))->trigger();
    dialog = window.connectionManager()->openDialog();
    QTRY_VERIFY(dialog && dialog->isVisible());
    QTest::keyClicks(dialog->urlEdit(),
                     QStringLiteral("redis://127.0.0.1:%1").arg(m_open->port()));
    QTest::keyClicks(dialog->nameEdit(), QStringLiteral("Later"));
    QTest::mouseClick(dialog->saveButton(), Qt::LeftButton);
    QTRY_COMPARE(store.profiles().size(), 2);
    const QModelIndex later = window.connections()->indexOfProfile(store.profiles().last().id);
    QCOMPARE(later.data().toString(), QStringLiteral("Later"));
    QVERIFY(!window.connections()->connectionAt(later));
}

QTEST_MAIN(TstConnectionDialog)
#include "tst_connection_dialog.moc"
