// Actions act on MainWindow::currentTab() (whose connection the sidebar also shows). Panel
// actions (Keys, Console, filter, go to key) need the workspace, so they are disabled while a
// tab shows its connecting/error page.
#include "window/window_menus.h"

#include "analysis/analysis_view.h"
#include "connection/connection_lifecycle.h"
#include "connection/connection_list_model.h"
#include "connection/connection_manager.h"
#include "connection/connection_sidebar.h"
#include "console/console_panel.h"
#include "keys/key_browser_panel.h"
#include "local/embedded_engine.h"
#include "mirror/mirror_controller.h"
#include "monitoring/dashboard_panel.h"
#include "preferences/preferences_dialog.h"
#include "preferences/theme.h"
#include "pubsub/pubsub_panel.h"
#include "server/server_panel.h"
#include "transfer/transfer_actions.h"
#include "window/about_dialog.h"
#include "window/connection_tab.h"
#include "window/connection_workspace.h"
#include "window/main_window.h"

#include <QAction>
#include <QActionGroup>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLineEdit>
#include <QMenu>
#include <QMenuBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace redscope {

WindowMenus::WindowMenus(MainWindow *window)
    : QObject(window)
    , m_window(window)
    , m_themes(new QActionGroup(this))
{
    QMenuBar *bar = window->menuBar();
    QMenu *file = bar->addMenu(tr("&File"));
    add(file, QStringLiteral("newConnectionAction"), tr("&New connection…"),
        {QKeySequence(QKeySequence::New)}, &WindowMenus::newConnection);
    add(file, QStringLiteral("importConnectionsAction"), tr("&Import connections…"), {},
        &WindowMenus::importConnections);
    add(file, QStringLiteral("exportConnectionsAction"), tr("&Export connections…"), {},
        &WindowMenus::exportConnections);
    add(file, QStringLiteral("analyseDumpAction"), tr("&Analyse dump.rdb…"), {},
        &WindowMenus::analyseDumpFile);
    file->addSeparator();
    // Keys in and out of the current connection's database (issue 27).
    add(file, QStringLiteral("exportKeysAction"), tr("E&xport keys…"), {},
        &WindowMenus::exportKeys);
    add(file, QStringLiteral("importKeysAction"), tr("I&mport keys…"), {},
        &WindowMenus::importKeys);
    add(file, QStringLiteral("copyKeysAction"), tr("&Copy keys to…"), {},
        &WindowMenus::copyKeys);
    add(file, QStringLiteral("compareAction"), tr("Co&mpare databases…"), {},
        &WindowMenus::compareDatabases);
    file->addSeparator();
    add(file, QStringLiteral("preferencesAction"), tr("&Preferences…"),
        {QKeySequence(Qt::CTRL | Qt::Key_Comma)}, &WindowMenus::showPreferences)
        ->setMenuRole(QAction::PreferencesRole);
    file->addSeparator();
    add(file, QStringLiteral("quitAction"), tr("&Quit"), {QKeySequence(QKeySequence::Quit)},
        &WindowMenus::quit)
        ->setMenuRole(QAction::QuitRole);

    QMenu *view = bar->addMenu(tr("&View"));
    QMenu *theme = view->addMenu(tr("&Theme"));
    theme->setObjectName(QStringLiteral("themeMenu"));
    for (const ThemeChoice choice : {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark}) {
        QAction *item = theme->addAction(ThemeManager::choiceName(choice));
        item->setCheckable(true);
        item->setData(int(choice));
        item->setObjectName(choice == ThemeChoice::System  ? QStringLiteral("themeSystemAction")
                            : choice == ThemeChoice::Light ? QStringLiteral("themeLightAction")
                                                           : QStringLiteral("themeDarkAction"));
        m_themes->addAction(item);
        connect(item, &QAction::triggered, this,
                [choice] { ThemeManager::instance()->setChoice(choice); });
    }
    connect(theme, &QMenu::aboutToShow, this, [this] {
        const int current = int(ThemeManager::instance()->choice());
        for (QAction *item : m_themes->actions())
            item->setChecked(item->data().toInt() == current);
    });
    view->addSeparator();
    add(view, QStringLiteral("keysPanelAction"), tr("&Keys"), {QKeySequence(Qt::ALT | Qt::Key_1)},
        &WindowMenus::showPanel<KeyBrowserPanel>);
    add(view, QStringLiteral("consolePanelAction"), tr("&Console"),
        {QKeySequence(Qt::ALT | Qt::Key_2), QKeySequence(Qt::CTRL | Qt::Key_QuoteLeft)},
        &WindowMenus::showPanel<ConsolePanel>);
    add(view, QStringLiteral("pubsubPanelAction"), tr("&Pub/Sub"),
        {QKeySequence(Qt::ALT | Qt::Key_3)}, &WindowMenus::showPanel<PubSubPanel>);
    add(view, QStringLiteral("dashboardPanelAction"), tr("&Dashboard"),
        {QKeySequence(Qt::ALT | Qt::Key_4)}, &WindowMenus::showPanel<DashboardPanel>);
    add(view, QStringLiteral("serverPanelAction"), tr("&Server"),
        {QKeySequence(Qt::ALT | Qt::Key_5)}, &WindowMenus::showPanel<ServerPanel>);
    view->addSeparator();
    add(view, QStringLiteral("filterKeysAction"), tr("&Filter keys"),
        {QKeySequence(QKeySequence::Find)}, &WindowMenus::filterKeys);
    add(view, QStringLiteral("goToKeyAction"), tr("&Go to key…"),
        {QKeySequence(Qt::CTRL | Qt::Key_G)}, &WindowMenus::goToKey);
    view->addSeparator();
    QAction *sidebar = add(view, QStringLiteral("sidebarAction"), tr("Connections &sidebar"),
                           {QKeySequence(Qt::CTRL | Qt::Key_B)}, &WindowMenus::toggleSidebar);
    sidebar->setCheckable(true);
    sidebar->setChecked(true);

    QMenu *connection = bar->addMenu(tr("&Connection"));
    add(connection, QStringLiteral("connectAction"), tr("&Connect"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_O)}, &WindowMenus::connectCurrent);
    add(connection, QStringLiteral("disconnectAction"), tr("&Disconnect"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_D)}, &WindowMenus::disconnectCurrent);
    add(connection, QStringLiteral("restartEngineAction"), tr("Re&start local engine"), {},
        &WindowMenus::restartEngine)
        ->setToolTip(tr("Start the stopped Local engine again on the same data directory"));
    add(connection, QStringLiteral("refreshAction"), tr("&Refresh"), {QKeySequence(Qt::Key_F5)},
        &WindowMenus::refresh)
        ->setToolTip(tr("Scan the keys again, or retry a failed connection"));
    add(connection, QStringLiteral("editConnectionAction"), tr("&Edit connection…"), {},
        &WindowMenus::editCurrent);
    add(connection, QStringLiteral("mirrorAction"), tr("&Mirror into Local engine…"), {},
        &WindowMenus::mirrorCurrent)
        ->setToolTip(tr("Make the Local engine a live read-only replica of this server"));
    connection->addSeparator();
    add(connection, QStringLiteral("nextTabAction"), tr("&Next tab"),
        {QKeySequence(Qt::CTRL | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageDown)},
        &WindowMenus::nextTab);
    add(connection, QStringLiteral("previousTabAction"), tr("&Previous tab"),
        {QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Tab), QKeySequence(Qt::CTRL | Qt::Key_PageUp)},
        &WindowMenus::previousTab);
    add(connection, QStringLiteral("closeTabAction"), tr("C&lose tab"),
        {QKeySequence(Qt::CTRL | Qt::Key_W)}, &WindowMenus::closeTab);

    QMenu *help = bar->addMenu(tr("&Help"));
    add(help, QStringLiteral("shortcutsAction"), tr("&Keyboard shortcuts"),
        {QKeySequence(Qt::Key_F1)}, &WindowMenus::showShortcutsSlot);
    add(help, QStringLiteral("aboutAction"), tr("&About Redscope"), {}, &WindowMenus::about)
        ->setMenuRole(QAction::AboutRole);

    // Window-wide, and only this window's: a dialog's own keys stay its own.
    for (QAction *item : std::as_const(m_actions))
        item->setShortcutContext(Qt::WindowShortcut);
    for (QMenu *menu : {file, view, connection, help})
        connect(menu, &QMenu::aboutToShow, this, &WindowMenus::update);
    update();
}

QAction *WindowMenus::add(QMenu *menu, const QString &name, const QString &text,
                          const QList<QKeySequence> &keys, void (WindowMenus::*slot)())
{
    QAction *item = menu->addAction(text);
    item->setObjectName(name);
    item->setShortcuts(keys);
    connect(item, &QAction::triggered, this, slot);
    m_actions.append(item);
    return item;
}

QAction *WindowMenus::action(const QString &objectName) const
{
    for (QAction *item : m_actions) {
        if (item->objectName() == objectName) return item;
    }
    for (QAction *item : m_themes->actions()) {
        if (item->objectName() == objectName) return item;
    }
    return nullptr;
}

QList<QAction *> WindowMenus::shortcutActions() const
{
    QList<QAction *> result;
    for (QAction *item : m_actions) {
        if (!item->shortcut().isEmpty()) result.append(item);
    }
    return result;
}

void WindowMenus::update()
{
    ConnectionManager *manager = m_window->connectionManager();
    ConnectionTab *tab = m_window->currentTab();
    RedisConnection *connection = tab ? tab->connection() : nullptr;
    const QModelIndex selected = m_window->sidebar()->currentIndex();
    const bool saved = !selected.data(ConnectionListModel::ProfileIdRole).toString().isEmpty();
    RedisConnection *target =
        connection ? connection : m_window->connections()->connectionAt(selected);
    using State = ConnectionLifecycle::State;
    const State state = ConnectionLifecycle(target).state(); // Disconnected when none
    const bool down = state == State::Disconnected || state == State::AuthFailed;
    const bool workspace = tab && tab->showsWorkspace();
    // The Local engine's connection has nothing to connect to while the engine is stopped or
    // starting: Restart local engine is what acts then.
    const EmbeddedEngine *engine = m_window->localEngine();
    const bool engineStopped = engine && engine->state() == EmbeddedEngine::State::Stopped;
    const bool engineDown =
        engine && (engineStopped || engine->state() == EmbeddedEngine::State::Starting);
    const bool localTarget =
        target ? target == m_window->connections()->connectionAt(0)
               : selected.isValid() && !selected.parent().isValid() && selected.row() == 0;
    const bool localDown = localTarget && engineDown;

    action(QStringLiteral("newConnectionAction"))->setEnabled(manager != nullptr);
    action(QStringLiteral("importConnectionsAction"))->setEnabled(manager != nullptr);
    action(QStringLiteral("exportConnectionsAction"))->setEnabled(manager != nullptr);
    action(QStringLiteral("connectAction"))
        ->setEnabled(!localDown && (target ? down || state == State::Lost // retries now
                                           : (saved && manager != nullptr)));
    action(QStringLiteral("disconnectAction"))->setEnabled(target != nullptr && !down);
    action(QStringLiteral("restartEngineAction"))->setEnabled(engineStopped);
    action(QStringLiteral("refreshAction"))
        ->setEnabled(!(localDown && connection) &&
                     (workspace || (connection != nullptr && state != State::Connecting)));
    const QString tabId = connection ? m_window->connections()
                                           ->indexOf(connection)
                                           .data(ConnectionListModel::ProfileIdRole)
                                           .toString()
                                     : selected.data(ConnectionListModel::ProfileIdRole).toString();
    action(QStringLiteral("editConnectionAction"))
        ->setEnabled(manager != nullptr && !tabId.isEmpty());
    action(QStringLiteral("closeTabAction"))->setEnabled(tab != nullptr);
    const bool ready = connection && state == State::Ready;
    for (const char *name : {"exportKeysAction", "importKeysAction", "copyKeysAction",
                             "compareAction"})
        action(QLatin1String(name))->setEnabled(ready);
    action(QStringLiteral("mirrorAction"))
        ->setEnabled(m_window->mirrors() && m_window->mirrors()->canMirror(connection));
    const bool several = m_window->tabs()->count() > 1;
    action(QStringLiteral("nextTabAction"))->setEnabled(several);
    action(QStringLiteral("previousTabAction"))->setEnabled(several);
    for (const char *name :
         {"keysPanelAction", "consolePanelAction", "pubsubPanelAction", "dashboardPanelAction",
          "serverPanelAction", "filterKeysAction", "goToKeyAction"}) {
        action(QLatin1String(name))->setEnabled(workspace);
    }
}

template <typename Panel> void WindowMenus::showPanel()
{
    ConnectionTab *tab = m_window->currentTab();
    if (!tab || !tab->showsWorkspace()) return;
    if (Panel *panel = tab->workspace()->template showPanel<Panel>()) panel->setFocus();
}

void WindowMenus::filterKeys()
{
    ConnectionTab *tab = m_window->currentTab();
    if (!tab || !tab->showsWorkspace()) return;
    if (auto *keys = tab->workspace()->showPanel<KeyBrowserPanel>()) {
        keys->filterEdit()->setFocus(Qt::ShortcutFocusReason);
        keys->filterEdit()->selectAll();
    }
}

void WindowMenus::goToKey()
{
    ConnectionTab *tab = m_window->currentTab();
    if (!tab || !tab->showsWorkspace()) return;
    if (auto *keys = tab->workspace()->showPanel<KeyBrowserPanel>()) {
        if (auto *jump = keys->findChild<QLineEdit *>(QStringLiteral("keyJump"))) {
            jump->setFocus(Qt::ShortcutFocusReason);
            jump->selectAll();
        }
    }
}

void WindowMenus::refresh()
{
    ConnectionTab *tab = m_window->currentTab();
    if (!tab || !tab->connection()) return;
    if (!tab->showsWorkspace()) { // the error page: Retry
        const ConnectionLifecycle lifecycle(tab->connection());
        if (lifecycle.state() != ConnectionLifecycle::State::Connecting)
            lifecycle.connectToServer();
        return;
    }
    if (auto *keys = tab->workspace()->showPanel<KeyBrowserPanel>()) keys->refresh();
}

void WindowMenus::connectCurrent()
{
    ConnectionTab *tab = m_window->currentTab();
    ConnectionManager *manager = m_window->connectionManager();
    const QModelIndex at = tab ? m_window->connections()->indexOf(tab->connection())
                               : m_window->sidebar()->currentIndex();
    if (manager && at.isValid()) {
        manager->connectTo(at);
    } else if (tab) {
        ConnectionLifecycle(tab->connection()).connectToServer();
    }
}

void WindowMenus::restartEngine()
{
    EmbeddedEngine *engine = m_window->localEngine();
    if (engine && engine->state() == EmbeddedEngine::State::Stopped) engine->restart();
}

void WindowMenus::disconnectCurrent()
{
    ConnectionTab *tab = m_window->currentTab();
    RedisConnection *connection =
        tab ? tab->connection()
            : m_window->connections()->connectionAt(m_window->sidebar()->currentIndex());
    ConnectionLifecycle(connection).disconnectFromServer();
}

void WindowMenus::editCurrent()
{
    ConnectionManager *manager = m_window->connectionManager();
    if (!manager) return;
    ConnectionTab *tab = m_window->currentTab();
    manager->editConnection(tab ? m_window->connections()->indexOf(tab->connection())
                                : m_window->sidebar()->currentIndex());
}

void WindowMenus::mirrorCurrent()
{
    ConnectionTab *tab = m_window->currentTab();
    if (tab) m_window->mirrors()->mirror(tab->connection());
}

void WindowMenus::closeTab()
{
    const int index = m_window->tabs()->currentIndex();
    if (index >= 0) m_window->closeTab(index);
}

void WindowMenus::nextTab()
{
    QTabWidget *tabs = m_window->tabs();
    if (tabs->count() > 1) tabs->setCurrentIndex((tabs->currentIndex() + 1) % tabs->count());
}

void WindowMenus::previousTab()
{
    QTabWidget *tabs = m_window->tabs();
    if (tabs->count() > 1)
        tabs->setCurrentIndex((tabs->currentIndex() + tabs->count() - 1) % tabs->count());
}

void WindowMenus::toggleSidebar()
{
    m_window->sidebar()->setVisible(action(QStringLiteral("sidebarAction"))->isChecked());
}

void WindowMenus::quit()
{
    m_window->close();
}

void WindowMenus::about()
{
    showAboutDialog(m_window);
}

void WindowMenus::newConnection()
{
    if (ConnectionManager *manager = m_window->connectionManager()) manager->newConnection();
}

void WindowMenus::importConnections()
{
    if (ConnectionManager *manager = m_window->connectionManager()) manager->importConnections();
}

void WindowMenus::exportConnections()
{
    if (ConnectionManager *manager = m_window->connectionManager()) manager->exportConnections();
}

void WindowMenus::showPreferences()
{
    auto *dialog = new PreferencesDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
}

QDialog *WindowMenus::showShortcuts()
{
    auto *dialog = new QDialog(m_window);
    dialog->setObjectName(QStringLiteral("shortcutsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setWindowTitle(tr("Keyboard shortcuts"));
    const QList<QAction *> actions = shortcutActions();
    auto *table = new QTableWidget(int(actions.size()), 2, dialog);
    table->setObjectName(QStringLiteral("shortcutsTable"));
    table->setHorizontalHeaderLabels({tr("Action"), tr("Keys")});
    table->verticalHeader()->hide();
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table->setSelectionMode(QAbstractItemView::NoSelection);
    table->setFocusPolicy(Qt::NoFocus);
    table->setShowGrid(false);
    table->setAlternatingRowColors(true);
    table->verticalHeader()->setDefaultSectionSize(table->fontMetrics().height() + 8);
    table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
    table->horizontalHeader()->setSectionResizeMode(1, QHeaderView::ResizeToContents);
    for (int row = 0; row < actions.size(); ++row) {
        QString text = actions[row]->text();
        text.remove(QLatin1Char('&'));
        if (text.endsWith(QStringLiteral("…"))) text.chop(1);
        QStringList keys;
        for (const QKeySequence &key : actions[row]->shortcuts())
            keys.append(key.toString(QKeySequence::NativeText));
        table->setItem(row, 0, new QTableWidgetItem(text));
        table->setItem(row, 1, new QTableWidgetItem(keys.join(QStringLiteral(", "))));
    }
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
    auto *layout = new QVBoxLayout(dialog);
    layout->addWidget(table);
    layout->addWidget(buttons);
    dialog->resize(460, qMin(560, 100 + (table->fontMetrics().height() + 8) * int(actions.size())));
    dialog->open();
    return dialog;
}

// A dump.rdb needs no connection: its analysis opens in a window of its own.
void WindowMenus::analyseDumpFile()
{
    const QString path =
        QFileDialog::getOpenFileName(m_window, tr("Analyse dump.rdb"), QDir::homePath(),
                                     tr("Redis snapshots (*.rdb);;All files (*)"));
    if (path.isEmpty()) return;
    auto *window = new QWidget(m_window, Qt::Window);
    window->setAttribute(Qt::WA_DeleteOnClose);
    window->setObjectName(QStringLiteral("analysisWindow"));
    window->setWindowTitle(tr("Analysis of %1").arg(QFileInfo(path).fileName()));
    auto *layout = new QVBoxLayout(window);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *view = new AnalysisView(nullptr, window);
    layout->addWidget(view);
    window->resize(m_window->size() * 0.9);
    window->show();
    view->analyseFile(path);
}

void WindowMenus::exportKeys()
{
    if (ConnectionTab *tab = m_window->currentTab())
        TransferActions::showExport(tab->connection(), {}, m_window);
}

void WindowMenus::importKeys()
{
    if (ConnectionTab *tab = m_window->currentTab())
        TransferActions::showImport(tab->connection(), m_window);
}

void WindowMenus::copyKeys()
{
    if (ConnectionTab *tab = m_window->currentTab())
        TransferActions::showCopy(tab->connection(), {}, m_window);
}

void WindowMenus::compareDatabases()
{
    if (ConnectionTab *tab = m_window->currentTab())
        TransferActions::showCompare(tab->connection(), m_window);
}

} // namespace redscope
