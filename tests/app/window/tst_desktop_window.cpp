// The main window as a desktop program, offscreen against real redis-servers (test_backend.h):
// a failed connection opens an error page (refused port, wrong password) that states the
// cause once and never shows a workspace of empty tabs, and whose password prompt connects
// with the typed password without writing it to the config file; the menu bar's actions and
// shortcuts do what they say; the theme switches live (palette, charts, QSettings) from
// Preferences and the View menu; at 1024x640 the window fits and no button text is clipped.
#include "connection/connection_dialog.h"
#include "connection/connection_list_model.h"
#include "connection/connection_manager.h"
#include "connection/connection_sidebar.h"
#include "connection/connection_store.h"
#include "connection/password_vault.h"
#include "connection/redis_connection.h"
#include "console/console_panel.h"
#include "keys/key_browser_panel.h"
#include "keys/key_tree_model.h"
#include "keys/key_type_badge_delegate.h"
#include "monitoring/dashboard_panel.h"
#include "preferences/preferences_dialog.h"
#include "preferences/theme.h"
#include "server/server_panel.h"
#include "test_backend.h"
#include "test_server.h"
#include "values/value_panel.h"
#include "window/connection_error_page.h"
#include "window/connection_tab.h"
#include "window/connection_workspace.h"
#include "window/main_window.h"
#include "window/window_menus.h"

#include <QAbstractButton>
#include <QApplication>
#include <QChartView>
#include <QCheckBox>
#include <QComboBox>
#include <QDialog>
#include <QFile>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QToolBar>
#include <QTreeView>
#include <QWidgetAction>

using namespace redscope;
using redscope::test::TestBackend;
using redscope::test::TestServer;

static const QString kPassword = QStringLiteral("desk-Pa55word");

class TstDesktopWindow : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void refusedPortShowsTheErrorPageOnce();
    void wrongPasswordThenThePromptConnects();
    void noAuthAsksForThePassword();
    void silentServerTimesOut();
    void newConnectionOpensOnKeysAndTheSidebarFollowsTabs();
    void menuActionsDoWhatTheySay();
    void shortcutsListMatchesTheKeys();
    void themeSwitchesLive();
    void fitsA1024x640Screen();

private:
    static QString visibleText(QWidget *root);
    static QStringList clippedButtons(QWidget *root);

    QTemporaryDir m_dir;
    std::unique_ptr<TestBackend> m_server;
    std::unique_ptr<TestBackend> m_protected;
};

void TstDesktopWindow::initTestCase()
{
    QVERIFY(m_dir.isValid());
    // Theme choices go to a private settings file, not the user's.
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("RedscopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_desktop_window"));
    m_server = TestBackend::start();
    QVERIFY2(m_server->ok(), m_server->error().c_str());
    m_protected = TestBackend::start({"--requirepass", kPassword.toStdString()});
    QVERIFY2(m_protected->ok(), m_protected->error().c_str());
}

// Every visible label's and button's text under root, one per line.
QString TstDesktopWindow::visibleText(QWidget *root)
{
    QStringList lines;
    for (QLabel *label : root->findChildren<QLabel *>()) {
        if (label->isVisible()) lines.append(label->text());
    }
    for (QAbstractButton *button : root->findChildren<QAbstractButton *>()) {
        if (button->isVisible()) lines.append(button->text());
    }
    return lines.join(QLatin1Char('\n'));
}

// Buttons, check boxes and combo boxes narrower than their text needs.
QStringList TstDesktopWindow::clippedButtons(QWidget *root)
{
    QStringList clipped;
    auto check = [&](QWidget *widget, const QString &what) {
        if (!widget->isVisible() || widget->visibleRegion().isEmpty()) return;
        if (widget->width() + 1 < widget->sizeHint().width()) {
            clipped.append(QStringLiteral("%1 \"%2\" %3 < %4")
                               .arg(QString::fromLatin1(widget->metaObject()->className()), what)
                               .arg(widget->width())
                               .arg(widget->sizeHint().width()));
        }
    };
    for (QAbstractButton *button : root->findChildren<QAbstractButton *>()) {
        if (!button->text().isEmpty()) check(button, button->text());
    }
    for (QComboBox *combo : root->findChildren<QComboBox *>()) {
        if (!combo->isEditable()) check(combo, combo->currentText());
    }
    return clipped;
}

void TstDesktopWindow::refusedPortShowsTheErrorPageOnce()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ConnectionSettings settings;
    settings.port = TestServer::freePort(); // nobody listens there
    settings.name = QStringLiteral("Nobody home");
    RedisConnection *connection = window.openConnection(settings);
    ConnectionTab *tab = window.currentTab();
    QVERIFY(tab);
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Disconnected, 10000);
    ConnectionErrorPage *page = tab->errorPage();
    QVERIFY(page->isVisible());
    QVERIFY(!tab->showsWorkspace());
    QVERIFY(!window.currentWorkspace()); // no workspace of empty tabs
    QVERIFY(!window.findChild<KeyBrowserPanel *>());
    const QString address = QStringLiteral("127.0.0.1:%1").arg(settings.port);
    QCOMPARE(page->titleLabel()->text(), QStringLiteral("Cannot connect to %1").arg(address));
    QCOMPARE(page->causeLabel()->text(), QStringLiteral("Connection refused"));
    QCOMPARE(visibleText(page).count(QStringLiteral("Connection refused")), 1);
    QCOMPARE(visibleText(page).count(address), 1);
    QVERIFY(page->retryButton()->isVisible());
    QVERIFY(!page->passwordEdit()->isVisible()); // not a password problem
    QVERIFY(!page->editButton()->isVisible());   // not a saved connection: nothing to edit
    auto *status = window.findChild<QLabel *>(QStringLiteral("connectionStatus"));
    QCOMPARE(status->text().count(QStringLiteral("Connection refused")), 1);

    // Retry really tries again (and fails again the same way).
    QList<RedisConnection::State> states;
    connect(connection, &RedisConnection::stateChanged, this,
            [&](RedisConnection::State state) { states.append(state); });
    QTest::mouseClick(page->retryButton(), Qt::LeftButton);
    QTRY_VERIFY(states.contains(RedisConnection::State::Connecting));
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Disconnected, 10000);
    QCOMPARE(page->causeLabel()->text(), QStringLiteral("Connection refused"));
}

void TstDesktopWindow::wrongPasswordThenThePromptConnects()
{
    const QString path = m_dir.filePath(QStringLiteral("wrongpass.json"));
    ConnectionStore store(path);
    store.vault()->disable(); // no keychain here: nothing may reach the file either way
    ConnectionProfile profile;
    profile.settings = m_protected->settings();
    profile.settings.name = QStringLiteral("Guarded");
    profile.passwordStorage = PasswordStorage::Ask;
    const QString id = store.put(profile, QStringLiteral("not-the-password"));

    MainWindow window;
    window.setConnectionStore(&store);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QModelIndex entry = window.connections()->indexOfProfile(id);
    window.sidebar()->setCurrentIndex(entry);
    window.menus()->action(QStringLiteral("connectAction"))->trigger();
    QTRY_VERIFY(window.connections()->connectionAt(entry));
    RedisConnection *connection = window.connections()->connectionAt(entry);
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::AuthFailed, 10000);

    ConnectionTab *tab = window.currentTab();
    QVERIFY(tab && tab->connection() == connection);
    ConnectionErrorPage *page = tab->errorPage();
    QTRY_VERIFY(page->isVisible());
    QVERIFY(!window.currentWorkspace());
    QCOMPARE(page->titleLabel()->text(), QStringLiteral("Authentication failed"));
    QVERIFY2(page->causeLabel()->text().startsWith(QStringLiteral("WRONGPASS")),
             qPrintable(page->causeLabel()->text()));
    const QString shown = visibleText(page);
    QCOMPARE(shown.count(QStringLiteral("Authentication failed")), 1); // once, not twice
    QCOMPARE(shown.count(QStringLiteral("WRONGPASS")), 1);
    auto *status = window.findChild<QLabel *>(QStringLiteral("connectionStatus"));
    QCOMPARE(status->text().count(QStringLiteral("Authentication failed")), 1);
    QVERIFY(page->passwordEdit()->isVisible());
    QVERIFY(page->editButton()->isVisible());         // a saved connection can be edited
    QVERIFY(!page->savePasswordCheck()->isVisible()); // no keychain: nowhere safe to save

    // A wrong password again: still the page, same single statement.
    QTest::keyClicks(page->passwordEdit(), QStringLiteral("still-wrong"));
    QTest::mouseClick(page->passwordButton(), Qt::LeftButton);
    QVERIFY(page->passwordEdit()->text().isEmpty()); // not kept in the widget
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::AuthFailed, 10000);
    QCOMPARE(visibleText(page).count(QStringLiteral("Authentication failed")), 1);

    // The right one: the same connection and tab become the workspace, on Keys.
    QTest::keyClicks(page->passwordEdit(), kPassword);
    QTest::keyClick(page->passwordEdit(), Qt::Key_Return);
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Ready, 10000);
    QTRY_VERIFY(tab->showsWorkspace());
    QCOMPARE(window.currentWorkspace(), tab->workspace());
    QVERIFY(qobject_cast<KeyBrowserPanel *>(tab->workspace()->currentWidget()));
    QVERIFY(status->text().contains(QStringLiteral("Ready")));

    // Remembered for the session, never written to the file.
    bool fetched = false;
    QString remembered;
    store.fetchPassword(id, [&](bool found, const QString &password, const QString &) {
        fetched = found;
        remembered = password;
    });
    QTRY_VERIFY(fetched);
    QCOMPARE(remembered, kPassword);
    QFile file(path);
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray saved = file.readAll();
    QVERIFY(saved.contains("Guarded"));
    QVERIFY(!saved.contains(kPassword.toUtf8()));
    QVERIFY(!saved.contains("still-wrong"));
}

void TstDesktopWindow::noAuthAsksForThePassword()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ConnectionSettings settings = m_protected->settings(); // no password at all
    RedisConnection *connection = window.openConnection(settings);
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::AuthFailed, 10000);
    ConnectionErrorPage *page = window.currentTab()->errorPage();
    QCOMPARE(page->titleLabel()->text(),
             QStringLiteral("%1 requires a password").arg(settings.address()));
    QVERIFY2(page->causeLabel()->text().startsWith(QStringLiteral("NOAUTH")),
             qPrintable(page->causeLabel()->text()));
    QVERIFY(page->passwordEdit()->isVisible());
    QTest::keyClicks(page->passwordEdit(), kPassword);
    QTest::mouseClick(page->passwordButton(), Qt::LeftButton);
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Ready, 10000);
    QTRY_VERIFY(window.currentTab()->showsWorkspace());
}

// A server that accepts and never answers: "Connecting to…" with Cancel, then the timeout is
// the stated cause.
void TstDesktopWindow::silentServerTimesOut()
{
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ConnectionSettings settings;
    settings.port = silent.serverPort();
    settings.connectTimeoutMs = 1500;
    RedisConnection *connection = window.openConnection(settings);
    ConnectionErrorPage *page = window.currentTab()->errorPage();
    const QString address = settings.address();
    QTRY_COMPARE(page->titleLabel()->text(), QStringLiteral("Connecting to %1…").arg(address));
    QVERIFY(page->cancelButton()->isVisible());
    QVERIFY(!page->retryButton()->isVisible());
    QTest::mouseClick(page->cancelButton(), Qt::LeftButton);
    QCOMPARE(connection->state(), RedisConnection::State::Disconnected);
    QCOMPARE(page->titleLabel()->text(), QStringLiteral("Disconnected from %1").arg(address));
    QCOMPARE(page->retryButton()->text(), QStringLiteral("Connect"));

    QTest::mouseClick(page->retryButton(), Qt::LeftButton);
    QCOMPARE(connection->state(), RedisConnection::State::Connecting);
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Disconnected, 8000);
    QCOMPARE(page->titleLabel()->text(), QStringLiteral("Cannot connect to %1").arg(address));
    QVERIFY2(page->causeLabel()->text().contains(QStringLiteral("timed out"), Qt::CaseInsensitive),
             qPrintable(page->causeLabel()->text()));
    QVERIFY(!window.currentWorkspace());
}

void TstDesktopWindow::newConnectionOpensOnKeysAndTheSidebarFollowsTabs()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    ConnectionSettings first = m_server->settings();
    first.name = QStringLiteral("First");
    ConnectionSettings second = m_server->settings();
    second.name = QStringLiteral("Second");
    second.db = 1;
    RedisConnection *a = window.openConnection(first);
    RedisConnection *b = window.openConnection(second);
    QTRY_COMPARE_WITH_TIMEOUT(a->state(), RedisConnection::State::Ready, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(b->state(), RedisConnection::State::Ready, 10000);
    QTRY_VERIFY(window.currentTab()->showsWorkspace());
    QVERIFY(qobject_cast<KeyBrowserPanel *>(window.currentWorkspace()->currentWidget()));
    QCOMPARE(window.connections()->connectionAt(window.sidebar()->currentIndex()), b);

    window.tabs()->setCurrentIndex(0);
    QCOMPARE(window.currentTab()->connection(), a);
    QCOMPARE(window.connections()->connectionAt(window.sidebar()->currentIndex()), a);
    QVERIFY(qobject_cast<KeyBrowserPanel *>(window.currentWorkspace()->currentWidget()));
    window.tabs()->setCurrentIndex(1);
    QCOMPARE(window.connections()->connectionAt(window.sidebar()->currentIndex()), b);
}

void TstDesktopWindow::menuActionsDoWhatTheySay()
{
    const QString path = m_dir.filePath(QStringLiteral("menus.json"));
    ConnectionStore store(path);
    store.vault()->disable();
    MainWindow window;
    window.setConnectionStore(&store);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    WindowMenus *menus = window.menus();
    auto act = [&](const char *name) {
        QAction *item = menus->action(QLatin1String(name));
        if (!item) qFatal("no action %s", name);
        return item;
    };
    // Nothing open yet: panel actions cannot act, so they are disabled, not stubs.
    QVERIFY(act("newConnectionAction")->isEnabled());
    QVERIFY(!act("keysPanelAction")->isEnabled());
    QVERIFY(!act("closeTabAction")->isEnabled());

    // File > New connection opens the connection dialog.
    act("newConnectionAction")->trigger();
    QTRY_VERIFY(window.connectionManager()->openDialog() &&
                window.connectionManager()->openDialog()->isVisible());
    window.connectionManager()->openDialog()->reject();

    ConnectionSettings settings = m_server->settings();
    settings.name = QStringLiteral("Menus");
    RedisConnection *one = window.openConnection(settings);
    settings.name = QStringLiteral("Menus 2");
    RedisConnection *two = window.openConnection(settings);
    QTRY_COMPARE_WITH_TIMEOUT(one->state(), RedisConnection::State::Ready, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(two->state(), RedisConnection::State::Ready, 10000);
    QTRY_VERIFY(window.currentTab()->showsWorkspace());
    QCOMPARE(window.currentTab()->connection(), two);

    // View > panels, by action and by shortcut.
    act("consolePanelAction")->trigger();
    window.activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(&window));
    QVERIFY(qobject_cast<ConsolePanel *>(window.currentWorkspace()->currentWidget()));
    QTest::keyClick(&window, Qt::Key_1, Qt::AltModifier);
    QVERIFY(qobject_cast<KeyBrowserPanel *>(window.currentWorkspace()->currentWidget()));
    QTest::keyClick(&window, Qt::Key_4, Qt::AltModifier);
    QVERIFY(qobject_cast<DashboardPanel *>(window.currentWorkspace()->currentWidget()));
    act("serverPanelAction")->trigger();
    QVERIFY(qobject_cast<ServerPanel *>(window.currentWorkspace()->currentWidget()));

    // Filter (Ctrl+F) and Go to key (Ctrl+G) bring the Keys panel and focus their field.
    QTest::keyClick(&window, Qt::Key_F, Qt::ControlModifier);
    auto *keys = qobject_cast<KeyBrowserPanel *>(window.currentWorkspace()->currentWidget());
    QVERIFY(keys);
    QTRY_COMPARE(QApplication::focusWidget(), keys->filterEdit());
    act("consolePanelAction")->trigger();
    QTest::keyClick(&window, Qt::Key_G, Qt::ControlModifier);
    QVERIFY(qobject_cast<KeyBrowserPanel *>(window.currentWorkspace()->currentWidget()));
    QTRY_COMPARE(QApplication::focusWidget(),
                 keys->findChild<QLineEdit *>(QStringLiteral("keyJump")));

    // Refresh (F5) scans again: a key written meanwhile appears.
    m_server->run({"SET", "menus:fresh", "1"});
    QTest::keyClick(&window, Qt::Key_F5);
    QTRY_VERIFY_WITH_TIMEOUT(keys->keyIndex() && keys->statusText().contains(QStringLiteral("key")),
                             5000);
    QTRY_VERIFY_WITH_TIMEOUT(!keys->model()
                                  ->match(keys->model()->index(0, 0), Qt::DisplayRole,
                                          QStringLiteral("menus (1)"), 1, Qt::MatchExactly)
                                  .isEmpty(),
                             5000);

    // Next/previous tab (Ctrl+Tab, Ctrl+PgUp), and the sidebar follows.
    QTest::keyClick(&window, Qt::Key_Tab, Qt::ControlModifier);
    QCOMPARE(window.currentTab()->connection(), one);
    QCOMPARE(window.connections()->connectionAt(window.sidebar()->currentIndex()), one);
    QTest::keyClick(&window, Qt::Key_PageUp, Qt::ControlModifier);
    QCOMPARE(window.currentTab()->connection(), two);
    act("previousTabAction")->trigger();
    QCOMPARE(window.currentTab()->connection(), one);

    // Connection > Disconnect shows the page; Connect brings the workspace back.
    QVERIFY(act("disconnectAction")->isEnabled());
    act("disconnectAction")->trigger();
    QCOMPARE(one->state(), RedisConnection::State::Disconnected);
    QVERIFY(!window.currentTab()->showsWorkspace());
    QCOMPARE(window.currentTab()->errorPage()->titleLabel()->text(),
             QStringLiteral("Disconnected from %1").arg(one->settings().address()));
    QVERIFY(act("connectAction")->isEnabled());
    QVERIFY(!act("keysPanelAction")->isEnabled());
    act("connectAction")->trigger();
    QTRY_COMPARE_WITH_TIMEOUT(one->state(), RedisConnection::State::Ready, 10000);
    QVERIFY(window.currentTab()->showsWorkspace());

    // View > sidebar hides and shows it.
    act("sidebarAction")->trigger();
    QVERIFY(!window.sidebar()->isVisible());
    act("sidebarAction")->trigger();
    QVERIFY(window.sidebar()->isVisible());

    // Close tab (Ctrl+W).
    QCOMPARE(window.tabs()->count(), 2);
    QTest::keyClick(&window, Qt::Key_W, Qt::ControlModifier);
    QCOMPARE(window.tabs()->count(), 1);
    QCOMPARE(window.currentTab()->connection(), two);
    act("closeTabAction")->trigger();
    QCOMPARE(window.tabs()->count(), 0);
    QVERIFY(!act("closeTabAction")->isEnabled());

    // File > Quit closes the window.
    act("quitAction")->trigger();
    QVERIFY(!window.isVisible());
}

void TstDesktopWindow::shortcutsListMatchesTheKeys()
{
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QAction *help = window.menus()->action(QStringLiteral("shortcutsAction"));
    QVERIFY(help);
    help->trigger();
    QDialog *dialog = nullptr;
    QTRY_VERIFY((dialog = window.findChild<QDialog *>(QStringLiteral("shortcutsDialog"))));
    auto *table = dialog->findChild<QTableWidget *>(QStringLiteral("shortcutsTable"));
    QVERIFY(table);
    const QList<QAction *> actions = window.menus()->shortcutActions();
    QCOMPARE(table->rowCount(), actions.size());
    QStringList rows;
    for (int row = 0; row < table->rowCount(); ++row)
        rows.append(table->item(row, 0)->text() + QStringLiteral(" = ") +
                    table->item(row, 1)->text());
    for (const QString &expected :
         {QStringLiteral("New connection = Ctrl+N"), QStringLiteral("Refresh = F5"),
          QStringLiteral("Filter keys = Ctrl+F"), QStringLiteral("Go to key = Ctrl+G"),
          QStringLiteral("Close tab = Ctrl+W"), QStringLiteral("Next tab = Ctrl+Tab, Ctrl+PgDown"),
          QStringLiteral("Previous tab = Ctrl+Shift+Tab, Ctrl+PgUp"),
          QStringLiteral("Console = Alt+2, Ctrl+`"), QStringLiteral("Keys = Alt+1")}) {
        QVERIFY2(rows.contains(expected), qPrintable(rows.join(QLatin1Char('\n'))));
    }
    dialog->reject();
    // Help > About is there and real.
    QVERIFY(window.menus()->action(QStringLiteral("aboutAction")));
}

void TstDesktopWindow::themeSwitchesLive()
{
    ThemeManager *theme = ThemeManager::instance();
    theme->setChoice(ThemeChoice::Light);
    MainWindow window;
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    m_server->run({"HSET", "theme:hash", "f", "v"});
    m_server->run({"SET", "theme:string", "v"});
    RedisConnection *connection = window.openConnection(m_server->settings());
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Ready, 10000);
    QTRY_VERIFY(window.currentWorkspace());
    window.menus()->action(QStringLiteral("dashboardPanelAction"))->trigger();
    const QList<QChartView *> charts = window.findChildren<QChartView *>();
    QVERIFY(!charts.isEmpty());
    QVERIFY(!theme->isDark());
    for (QChartView *chart : charts)
        QCOMPARE(chart->chart()->theme(), QChart::ChartThemeLight);
    auto *keys = window.currentWorkspace()->findChild<KeyBrowserPanel *>();
    QVERIFY(qobject_cast<KeyTypeBadgeDelegate *>(
        keys->treeView()->itemDelegateForColumn(KeyTreeModel::TypeColumn)));

    // Preferences: picking Dark applies at once, to the palette, the views and every chart.
    window.menus()->action(QStringLiteral("preferencesAction"))->trigger();
    PreferencesDialog *prefs = nullptr;
    QTRY_VERIFY((prefs = window.findChild<PreferencesDialog *>()));
    QVERIFY(QTest::qWaitForWindowExposed(prefs));
    QVERIFY(prefs->themeButton(ThemeChoice::Light)->isChecked());
    QRadioButton *dark = prefs->themeButton(ThemeChoice::Dark);
    QTest::mouseClick(dark, Qt::LeftButton, {}, QPoint(8, dark->height() / 2)); // the circle
    QVERIFY(theme->isDark());
    QTRY_VERIFY(window.palette().color(QPalette::Window).lightness() < 128);
    QTRY_VERIFY(keys->treeView()->palette().color(QPalette::Base).lightness() < 128);
    for (QChartView *chart : charts)
        QCOMPARE(chart->chart()->theme(), QChart::ChartThemeDark);
    QCOMPARE(QSettings().value(QStringLiteral("appearance/theme")).toString(),
             QStringLiteral("dark"));
    // Style sheets that use palette(...) follow too (the dashboard's cards).
    auto *card = window.currentWorkspace()->findChild<QWidget *>(QStringLiteral("card"));
    QVERIFY(card);
    QTRY_VERIFY(
        card->grab().toImage().pixelColor(card->width() / 2, card->height() - 4).lightness() < 128);
    // A chart created after the switch is dark too (a new connection's dashboard).
    RedisConnection *other = window.openConnection(m_server->settings());
    QTRY_COMPARE_WITH_TIMEOUT(other->state(), RedisConnection::State::Ready, 10000);
    QTRY_VERIFY(window.currentTab()->showsWorkspace());
    window.menus()->action(QStringLiteral("dashboardPanelAction"))->trigger();
    const QList<QChartView *> later = window.currentWorkspace()->findChildren<QChartView *>();
    QVERIFY(!later.isEmpty());
    for (QChartView *chart : later)
        QTRY_COMPARE(chart->chart()->theme(), QChart::ChartThemeDark);
    // Type badges take the dark tone.
    QVERIFY(keyTypeColour(KeyType::Hash, true) != keyTypeColour(KeyType::Hash, false));
    QVERIFY(keyTypeColour(KeyType::Hash, false) != keyTypeColour(KeyType::String, false));

    // Cancel puts the theme back.
    prefs->reject();
    QVERIFY(!theme->isDark());
    for (QChartView *chart : charts)
        QCOMPARE(chart->chart()->theme(), QChart::ChartThemeLight);
    QCOMPARE(QSettings().value(QStringLiteral("appearance/theme")).toString(),
             QStringLiteral("light"));

    // View > Theme > Dark, then a new session loads it from QSettings.
    window.menus()->action(QStringLiteral("themeDarkAction"))->trigger();
    QVERIFY(theme->isDark());
    theme->setChoice(ThemeChoice::System);
    QVERIFY(!theme->isDark()); // the offscreen platform's palette is light
    QSettings().setValue(QStringLiteral("appearance/theme"), QStringLiteral("dark"));
    theme->loadSaved();
    QCOMPARE(theme->choice(), ThemeChoice::Dark);
    QVERIFY(theme->isDark());
    theme->setChoice(ThemeChoice::Light);
}

void TstDesktopWindow::fitsA1024x640Screen()
{
    MainWindow window;
    m_server->run({"SET", "layout:key", "v"});
    RedisConnection *connection = window.openConnection(m_server->settings());
    window.resize(1024, 640);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Ready, 10000);
    QTRY_VERIFY(window.currentTab()->showsWorkspace());
    QVERIFY2(window.minimumSizeHint().width() <= 1024 && window.minimumSizeHint().height() <= 640,
             qPrintable(QStringLiteral("minimum %1x%2")
                            .arg(window.minimumSizeHint().width())
                            .arg(window.minimumSizeHint().height())));
    QCOMPARE(window.size(), QSize(1024, 640));
    for (const char *panel : {"keysPanelAction", "consolePanelAction", "pubsubPanelAction",
                              "dashboardPanelAction", "serverPanelAction"}) {
        window.menus()->action(QLatin1String(panel))->trigger();
        QTest::qWait(50);
        QCOMPARE(window.size(), QSize(1024, 640));
        QStringList clipped;
        // Layouts settle through posted events after texts change (e.g. the live button).
        QTRY_VERIFY2_WITH_TIMEOUT((clipped = clippedButtons(&window)).isEmpty(),
                                  qPrintable(QLatin1String(panel) + QStringLiteral(": ") +
                                             clipped.join(QStringLiteral("; "))),
                                  3000);
    }
    // The key column keeps its room: 180 px with the value pane empty; with a value shown the
    // value pane's action row (five buttons, ~465 px) takes its share, and the key column
    // still shows names, every button whole.
    window.menus()->action(QStringLiteral("keysPanelAction"))->trigger();
    auto *keys = window.currentWorkspace()->findChild<KeyBrowserPanel *>();
    QVERIFY2(keys->treeView()->columnWidth(KeyTreeModel::KeyColumn) >= 180,
             qPrintable(QString::number(keys->treeView()->columnWidth(KeyTreeModel::KeyColumn))));
    keys->jumpToKey("layout:key");
    QTRY_VERIFY_WITH_TIMEOUT(visibleText(keys->valuePanel()).contains(QStringLiteral("layout:key")),
                             5000);
    QStringList clipped;
    QTRY_VERIFY2_WITH_TIMEOUT((clipped = clippedButtons(&window)).isEmpty(),
                              qPrintable(clipped.join(QStringLiteral("; "))), 3000);
    QVERIFY2(keys->treeView()->columnWidth(KeyTreeModel::KeyColumn) >= 100,
             qPrintable(QString::number(keys->treeView()->columnWidth(KeyTreeModel::KeyColumn))));
    QCOMPARE(window.size(), QSize(1024, 640));
    // The value's actions that do not fit sit in the bar's overflow menu, reachable: plain
    // actions, not widgets (a widget does not move into that menu).
    auto *valueBar = keys->valuePanel()->findChild<QToolBar *>(QStringLiteral("valueActions"));
    QVERIFY(valueBar);
    for (QAction *action : valueBar->actions())
        QVERIFY2(!qobject_cast<QWidgetAction *>(action), qPrintable(action->text()));

    // Whatever the key actions' row holds (the sample publisher's button, a longer
    // translation), it cannot widen the window: what does not fit goes behind its menu.
    auto *actions = keys->findChild<QToolBar *>(QStringLiteral("keyActions"));
    QVERIFY(actions);
    QVERIFY2(actions->minimumSizeHint().width() < 200,
             qPrintable(QString::number(actions->minimumSizeHint().width())));
    // At 1024 px every action it shows is on the bar itself: a button behind the bar's
    // overflow menu could not be reached (a widget does not move into that menu).
    for (QAction *action : actions->actions()) {
        if (!action->isVisible()) continue;
        QWidget *widget = actions->widgetForAction(action);
        QTRY_VERIFY2(widget && widget->isVisible(),
                     qPrintable(widget ? widget->objectName() : QStringLiteral("?")));
    }
    // An empty database offers the sample data under its hint, the button whole.
    m_server->run({"FLUSHDB"});
    keys->refresh();
    auto *sample = keys->findChild<QPushButton *>(QStringLiteral("keySampleData"));
    QVERIFY(sample);
    QTRY_VERIFY_WITH_TIMEOUT(sample->isVisible(), 5000);
    QVERIFY2(keys->valuePanel()->placeholderText().contains(QStringLiteral("empty")),
             qPrintable(keys->valuePanel()->placeholderText()));
    QTRY_VERIFY2_WITH_TIMEOUT((clipped = clippedButtons(&window)).isEmpty(),
                              qPrintable(clipped.join(QStringLiteral("; "))), 3000);
    QCOMPARE(window.size(), QSize(1024, 640));
}

QTEST_MAIN(TstDesktopWindow)
#include "tst_desktop_window.moc"
