// Window layout and signal wiring. Anything with behaviour lives in the panels or in the
// service layer (redscope_core); this file only decides where things go and who hears whom.
#include "window/main_window.h"

#include "connection/connection_lifecycle.h"
#include "connection/connection_list_model.h"
#include "connection/connection_manager.h"
#include "connection/connection_sidebar.h"
#include "console/console_panel.h"
#include "local/embedded_engine.h"
#include "local/engine_stopped_page.h"
#include "mirror/mirror_banner.h"
#include "mirror/mirror_controller.h"
#include "transfer/transfer_targets.h"
#include "widgets/confirm.h"
#include "window/connection_error_page.h"
#include "window/connection_tab.h"
#include "window/connection_workspace.h"
#include "window/window_menus.h"

#include <QDir>
#include <QLabel>
#include <QPointer>
#include <QScreen>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>
#include <QVBoxLayout>

namespace redscope {

MainWindow::MainWindow(QWidget *parent)
    : QMainWindow(parent)
    , m_connections(new ConnectionListModel(this))
    , m_sidebar(new ConnectionSidebar(m_connections, this))
    , m_tabs(new QTabWidget(this))
    , m_status(new QLabel(this))
{
    setWindowTitle(QStringLiteral("Redscope"));
    setWindowIcon(QIcon(QStringLiteral(":/redscope.png")));
    // 1280x800 where there is room, the whole screen on a 1024x640 one.
    const QSize available = screen() ? screen()->availableSize() : QSize(1280, 800);
    resize(qMin(1280, available.width()), qMin(800, available.height()));
    installProductionConfirmation(); // production connections ask through this window

    m_tabs->setObjectName(QStringLiteral("panelTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);
    m_tabs->setElideMode(Qt::ElideRight);
    m_tabs->setUsesScrollButtons(true);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    splitter->addWidget(m_sidebar);
    // The tabs, with the mirror's banner above them while the Local engine mirrors a server.
    auto *right = new QWidget(splitter);
    auto *rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->setSpacing(0);
    auto *banner = new MirrorBanner(right);
    rightLayout->addWidget(banner);
    rightLayout->addWidget(m_tabs, 1);
    splitter->addWidget(right);
    m_mirrors = new MirrorController(this, banner);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({220, 1060});
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    m_status->setObjectName(QStringLiteral("connectionStatus"));
    m_status->setMinimumWidth(0);
    m_status->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(m_status, 1);
    m_menus = new WindowMenus(this);

    connect(m_sidebar, &ConnectionSidebar::entryClicked, this, [this](const QModelIndex &index) {
        showWorkspaceFor(m_connections->connectionAt(index));
    });
    connect(m_sidebar, &ConnectionSidebar::entryActivated, this, &MainWindow::onEntryActivated);
    connect(m_sidebar, &ConnectionSidebar::mirrorRequested, this, [this](const QModelIndex &index) {
        m_mirrors->mirror(m_connections->connectionAt(index));
    });
    connect(m_sidebar, &ConnectionSidebar::currentEntryChanged, m_menus, &WindowMenus::update);
    connect(m_sidebar, &ConnectionSidebar::restartEngineRequested, this, [this] {
        if (m_engine) m_engine->restart();
    });
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::onCurrentTabChanged);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, &MainWindow::closeTab);
    connect(m_connections, &QAbstractItemModel::dataChanged, this, &MainWindow::updateStatus);
    // Copy and Compare offer the open connections (the Local engine among them) as targets.
    QPointer<ConnectionListModel> model(m_connections);
    TransferTargetsProvider::set([model] {
        TransferTargets targets;
        if (!model) return targets;
        std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            for (int row = 0; row < model->rowCount(parent); ++row) {
                const QModelIndex index = model->index(row, 0, parent);
                if (RedisConnection *c = model->connectionAt(index)) {
                    const ConnectionLifecycle lifecycle(c);
                    ConnectionSettings settings = lifecycle.settings();
                    settings.db = lifecycle.currentDb();
                    targets.append({index.data().toString(), settings});
                }
                walk(index);
            }
        };
        walk({});
        return targets;
    });
    updateStatus();
}

MainWindow::~MainWindow()
{
    // Panels go before the connections they use, while this object is still whole: deleting
    // children later (in ~QWidget) would run our slots on a half-destroyed window.
    m_tabs->disconnect(this);
    m_connections->disconnect(this);
    qDeleteAll(m_workspaces);
    m_workspaces.clear();
    delete m_connections;
}

RedisConnection *MainWindow::openLocalEngine(const QString &socketPath, const QString &dataDir)
{
    ConnectionSettings settings;
    settings.name = ConnectionListModel::localEngineName();
    settings.unixSocket = socketPath;
    settings.localDataDir = dataDir;
    RedisConnection *connection = m_connections->setLocalEngine(settings);
    ConnectionLifecycle(connection).connectToServer();
    showWorkspace(0);
    return connection;
}

void MainWindow::showLocalEngineError(const QString &error)
{
    m_connections->setLocalEngineError(error);
    m_sidebar->setCurrentRow(0);
    updateStatus();
}

void MainWindow::setLocalEngine(EmbeddedEngine *engine)
{
    if (m_engine) m_engine->disconnect(this);
    m_engine = engine;
    if (!engine) return;
    connect(engine, &EmbeddedEngine::stateChanged, this, &MainWindow::onEngineStateChanged);
    connect(engine, &EmbeddedEngine::started, this, &MainWindow::onEngineStarted);
    connect(engine, &EmbeddedEngine::stopped, this, &MainWindow::onEngineStopped);
    if (ConnectionTab *tab = m_workspaces.value(m_connections->connectionAt(0)))
        tab->setEngine(engine);
    onEngineStateChanged();
}

EmbeddedEngine *MainWindow::localEngine() const
{
    return m_engine;
}

void MainWindow::onEngineStateChanged()
{
    if (!m_engine) return;
    if (m_engine->state() == EmbeddedEngine::State::Starting) {
        m_connections->setLocalEngineStatus(ConnectionListModel::LocalEngineStatus::Starting,
                                            ConnectionState::Connecting, tr("Starting…"),
                                            tr("The engine is starting"));
    }
    updateStatus();
}

// The same socket as before (EngineHost keeps it) means the same connection: reconnecting it
// brings back its workspace with every tab as it was.
void MainWindow::onEngineStarted()
{
    m_connections->clearLocalEngineStatus();
    const ConnectionLifecycle local(m_connections->connectionAt(0));
    if (local.isValid() && local.settings().unixSocket == m_engine->socketPath())
        local.connectToServer();
    else
        openLocalEngine(m_engine->socketPath(), m_engine->dataDir());
    if (!m_engine->movedAside().isEmpty()) {
        statusBar()->showMessage(tr("The file that did not load was kept as %1")
                                     .arg(QDir::toNativeSeparators(m_engine->movedAside())),
                                 20000);
    }
    updateStatus();
}

void MainWindow::onEngineStopped()
{
    const EngineStoppedPage::Explanation what = EngineStoppedPage::explain(m_engine->stopReport());
    const ConnectionLifecycle local(m_connections->connectionAt(0));
    if (local.isValid()) {
        local.disconnectFromServer(); // no retries against a socket that is gone
    } else if (!m_engine->socketPath().isEmpty()) {
        // Never ran (a file did not load): the connection it will have, not connected, so
        // that its tab can show the stopped page.
        ConnectionSettings settings;
        settings.name = ConnectionListModel::localEngineName();
        settings.unixSocket = m_engine->socketPath();
        settings.localDataDir = m_engine->dataDir();
        m_connections->setLocalEngine(settings);
        showWorkspace(0);
    } else {
        showLocalEngineError(what.cause.isEmpty() ? what.title : what.cause);
    }
    QString details = what.title;
    if (!what.cause.isEmpty()) details += QLatin1Char('\n') + what.cause;
    // Grey for a stop someone asked for (SHUTDOWN), red for a panic or a failed start.
    const EngineHost::StopCause cause = m_engine->stopReport().cause;
    const bool asked =
        cause == EngineHost::StopCause::Shutdown || cause == EngineHost::StopCause::Stopped;
    m_connections->setLocalEngineStatus(
        ConnectionListModel::LocalEngineStatus::Stopped,
        asked ? ConnectionState::Disconnected : ConnectionState::Lost, what.summary, details);
    updateStatus();
}

RedisConnection *MainWindow::openConnection(const ConnectionSettings &settings)
{
    RedisConnection *connection = m_connections->addConnection(settings);
    ConnectionLifecycle(connection).connectToServer();
    showWorkspace(m_connections->rowOf(connection));
    return connection;
}

ConnectionTab *MainWindow::currentTab() const
{
    return qobject_cast<ConnectionTab *>(m_tabs->currentWidget());
}

ConnectionTab *MainWindow::tabFor(RedisConnection *connection) const
{
    return m_workspaces.value(connection);
}

ConnectionWorkspace *MainWindow::currentWorkspace() const
{
    ConnectionTab *tab = currentTab();
    return tab ? tab->workspace() : nullptr;
}

void MainWindow::closeTab(int index)
{
    auto *tab = qobject_cast<ConnectionTab *>(m_tabs->widget(index));
    if (!tab) return;
    m_workspaces.remove(tab->connection());
    m_tabs->removeTab(index);
    tab->deleteLater();
}

// The sidebar follows the active tab.
void MainWindow::onCurrentTabChanged()
{
    if (ConnectionTab *tab = currentTab()) {
        const QModelIndex at = m_connections->indexOf(tab->connection());
        if (at.isValid() && m_sidebar->currentIndex() != at) m_sidebar->setCurrentIndex(at);
    }
    updateStatus();
}

// The error page's password prompt. The connection keeps the typed password for its next
// attempts; the store remembers it for the session, or in the keychain when asked to.
void MainWindow::retryWithCredentials(RedisConnection *connection, const QString &username,
                                      const QString &password, bool save)
{
    const QString id =
        m_connections->indexOf(connection).data(ConnectionListModel::ProfileIdRole).toString();
    if (m_manager && !id.isEmpty()) m_manager->useCredentials(id, username, password, save);
    ConnectionLifecycle(connection).retryWith(username, password);
}

ConsolePanel *MainWindow::currentConsole() const
{
    ConnectionWorkspace *workspace = currentWorkspace();
    return workspace ? workspace->console() : nullptr;
}

void MainWindow::setConnectionStore(ConnectionStore *store)
{
    delete m_manager;
    m_manager = new ConnectionManager(store, m_connections, m_sidebar, this);
    connect(m_manager, &ConnectionManager::workspaceRequested, this, &MainWindow::showWorkspaceFor);
    connect(m_manager, &ConnectionManager::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
    for (ConnectionTab *tab : std::as_const(m_workspaces)) { // tabs opened before the store
        const QString id = m_connections->indexOf(tab->connection())
                               .data(ConnectionListModel::ProfileIdRole)
                               .toString();
        tab->errorPage()->setEditable(!id.isEmpty());
        tab->errorPage()->setCanSavePassword(!id.isEmpty() && m_manager->canSavePasswords());
    }
    m_menus->update();
}

// Double-click or Enter: a saved connection that is not open yet gets connected (which may
// ask for its password); anything else just shows its workspace.
void MainWindow::onEntryActivated(const QModelIndex &index)
{
    RedisConnection *connection = m_connections->connectionAt(index);
    const bool saved = !index.data(ConnectionListModel::ProfileIdRole).toString().isEmpty();
    if (m_manager && saved &&
        (!connection || ConnectionLifecycle(connection).state() == ConnectionState::Disconnected ||
         ConnectionLifecycle(connection).state() == ConnectionState::AuthFailed)) {
        m_manager->connectTo(index);
        return;
    }
    showWorkspaceFor(connection);
}

void MainWindow::showWorkspace(int row)
{
    RedisConnection *connection = m_connections->connectionAt(row);
    m_sidebar->setCurrentRow(row);
    showWorkspaceFor(connection);
}

void MainWindow::showWorkspaceFor(RedisConnection *connection)
{
    if (!connection) {
        updateStatus();
        return;
    }
    const QModelIndex at = m_connections->indexOf(connection);
    m_sidebar->setCurrentIndex(at);
    ConnectionTab *tab = m_workspaces.value(connection);
    if (!tab) {
        tab = new ConnectionTab(connection, m_tabs);
        m_workspaces.insert(connection, tab);
        const QString id = at.data(ConnectionListModel::ProfileIdRole).toString();
        ConnectionErrorPage *page = tab->errorPage();
        page->setEditable(m_manager && !id.isEmpty());
        page->setCanSavePassword(m_manager && !id.isEmpty() && m_manager->canSavePasswords());
        connect(page, &ConnectionErrorPage::editRequested, this, [this, connection] {
            if (m_manager) m_manager->editConnection(m_connections->indexOf(connection));
        });
        connect(page, &ConnectionErrorPage::credentialsEntered, this,
                [this, connection](const QString &user, const QString &password, bool save) {
                    retryWithCredentials(connection, user, password, save);
                });
        connect(tab, &ConnectionTab::pageChanged, this, &MainWindow::updateStatus);
        if (m_engine && connection == m_connections->connectionAt(0)) tab->setEngine(m_engine);
        const ConnectionSettings settings = ConnectionLifecycle(connection).settings();
        const int index =
            m_tabs->addTab(tab, at.data(Qt::DecorationRole).value<QIcon>(), settings.name);
        if (settings.production) { // the sidebar's red PROD badge, on the tab
            m_tabs->setTabText(index, tr("%1 · PROD").arg(settings.name));
            m_tabs->tabBar()->setTabTextColor(index, QColor(0xe5, 0x39, 0x35)); // both themes
            m_tabs->setTabToolTip(index, tr("Production server: dangerous commands are "
                                            "confirmed"));
        }
        ConnectionLifecycle(connection).whenDestroyed(this, [this, connection] {
            delete m_workspaces.take(connection); // its tab goes with it
        });
    }
    m_tabs->setCurrentWidget(tab);
    if (tab->showsWorkspace()) tab->workspace()->currentWidget()->setFocus();
    updateStatus();
}

void MainWindow::updateStatus()
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *tab = qobject_cast<ConnectionTab *>(m_tabs->widget(i))) {
            const QModelIndex at = m_connections->indexOf(tab->connection());
            m_tabs->setTabIcon(i, at.data(Qt::DecorationRole).value<QIcon>());
        }
    }
    if (m_menus) m_menus->update();
    const ConnectionTab *tab = currentTab();
    if (!tab || !tab->connection()) {
        const QString error =
            m_connections->index(0, 0).data(ConnectionListModel::ErrorRole).toString();
        m_status->setText(error.isEmpty() ? tr("No connection open")
                                          : tr("Local engine: %1").arg(error));
        return;
    }
    // "name — state — address", with the error in place of the state: the error already says
    // what went wrong ("Authentication failed: WRONGPASS ..."), so it is never said twice.
    const ConnectionLifecycle connection(tab->connection());
    if (tab->stoppedPage() && tab->currentWidget() == tab->stoppedPage()) {
        const QString summary =
            m_connections->index(0, 0).data(ConnectionListModel::ErrorRole).toString();
        m_status->setText(tr("Local engine — %1").arg(summary));
        m_status->setToolTip(m_connections->index(0, 0).data(Qt::ToolTipRole).toString());
        return;
    }
    const QString error = connection.errorText();
    const QString address = connection.address();
    QString text = connection.name() + QStringLiteral(" — ") +
                   (error.isEmpty() ? ConnectionLifecycle::stateName(connection.state()) : error);
    if (!error.contains(address) && connection.name() != address)
        text += QStringLiteral(" — ") + address;
    if (connection.isReady()) text += QStringLiteral(" — RESP%1").arg(connection.protocolVersion());
    m_status->setText(text);
    m_status->setToolTip(text);
}

} // namespace redscope
