// Window layout and signal wiring. Anything with behaviour lives in the panels or in the
// service layer (redscope_core); this file only decides where things go and who hears whom.
#include "window/main_window.h"

#include "connection/connection_list_model.h"
#include "connection/connection_manager.h"
#include "connection/connection_sidebar.h"
#include "connection/redis_connection.h"
#include "console/console_panel.h"
#include "widgets/confirm.h"
#include "window/about_dialog.h"
#include "window/connection_workspace.h"

#include <QLabel>
#include <QMenuBar>
#include <QSplitter>
#include <QStatusBar>
#include <QTabBar>
#include <QTabWidget>

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
    resize(1100, 700);
    installProductionConfirmation(); // production connections ask through this window

    m_tabs->setObjectName(QStringLiteral("panelTabs"));
    m_tabs->setDocumentMode(true);
    m_tabs->setTabsClosable(true);
    m_tabs->setMovable(true);

    auto *splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_sidebar);
    splitter->addWidget(m_tabs);
    splitter->setStretchFactor(0, 0);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({240, 860});
    splitter->setChildrenCollapsible(false);
    setCentralWidget(splitter);

    QMenu *help = menuBar()->addMenu(tr("&Help"));
    QAction *about =
        help->addAction(tr("&About Redscope"), this, [this] { showAboutDialog(this); });
    about->setObjectName(QStringLiteral("aboutAction"));

    m_status->setObjectName(QStringLiteral("connectionStatus"));
    statusBar()->addWidget(m_status, 1);

    connect(m_sidebar, &ConnectionSidebar::entryClicked, this, [this](const QModelIndex &index) {
        showWorkspaceFor(m_connections->connectionAt(index));
    });
    connect(m_sidebar, &ConnectionSidebar::entryActivated, this, &MainWindow::onEntryActivated);
    connect(m_tabs, &QTabWidget::currentChanged, this, &MainWindow::updateStatus);
    connect(m_tabs, &QTabWidget::tabCloseRequested, this, [this](int index) {
        auto *workspace = qobject_cast<ConnectionWorkspace *>(m_tabs->widget(index));
        if (!workspace) return;
        m_workspaces.remove(workspace->connection());
        m_tabs->removeTab(index);
        workspace->deleteLater();
    });
    connect(m_connections, &QAbstractItemModel::dataChanged, this, &MainWindow::updateStatus);
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
    connection->connectToServer();
    showWorkspace(0);
    return connection;
}

void MainWindow::showLocalEngineError(const QString &error)
{
    m_connections->setLocalEngineError(error);
    m_sidebar->setCurrentRow(0);
    updateStatus();
}

RedisConnection *MainWindow::openConnection(const ConnectionSettings &settings)
{
    RedisConnection *connection = m_connections->addConnection(settings);
    connection->connectToServer();
    showWorkspace(m_connections->rowOf(connection));
    return connection;
}

ConnectionWorkspace *MainWindow::currentWorkspace() const
{
    return qobject_cast<ConnectionWorkspace *>(m_tabs->currentWidget());
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
    connect(m_manager, &ConnectionManager::workspaceRequested, this,
            &MainWindow::showWorkspaceFor);
    connect(m_manager, &ConnectionManager::message, this,
            [this](const QString &text) { statusBar()->showMessage(text, 8000); });
}

// Double-click or Enter: a saved connection that is not open yet gets connected (which may
// ask for its password); anything else just shows its workspace.
void MainWindow::onEntryActivated(const QModelIndex &index)
{
    RedisConnection *connection = m_connections->connectionAt(index);
    const bool saved = !index.data(ConnectionListModel::ProfileIdRole).toString().isEmpty();
    if (m_manager && saved &&
        (!connection || connection->state() == RedisConnection::State::Disconnected ||
         connection->state() == RedisConnection::State::AuthFailed)) {
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
    ConnectionWorkspace *workspace = m_workspaces.value(connection);
    if (!workspace) {
        workspace = new ConnectionWorkspace(connection, m_tabs);
        m_workspaces.insert(connection, workspace);
        const int tab = m_tabs->addTab(workspace, at.data(Qt::DecorationRole).value<QIcon>(),
                                       connection->settings().name);
        if (connection->settings().production) { // the sidebar's red PROD badge, on the tab
            m_tabs->setTabText(tab, tr("%1 · PROD").arg(connection->settings().name));
            m_tabs->tabBar()->setTabTextColor(tab, QColor(0xc6, 0x28, 0x28));
            m_tabs->setTabToolTip(tab, tr("Production server: dangerous commands are "
                                          "confirmed"));
        }
        connect(connection, &QObject::destroyed, this, [this, connection] {
            delete m_workspaces.take(connection); // its tab goes with it
        });
    }
    m_tabs->setCurrentWidget(workspace);
    workspace->currentWidget()->setFocus();
    updateStatus();
}

void MainWindow::updateStatus()
{
    for (int i = 0; i < m_tabs->count(); ++i) {
        if (auto *workspace = qobject_cast<ConnectionWorkspace *>(m_tabs->widget(i))) {
            const QModelIndex at = m_connections->indexOf(workspace->connection());
            m_tabs->setTabIcon(i, at.data(Qt::DecorationRole).value<QIcon>());
        }
    }
    const ConnectionWorkspace *workspace = currentWorkspace();
    if (!workspace || !workspace->connection()) {
        const QString error =
            m_connections->index(0, 0).data(ConnectionListModel::ErrorRole).toString();
        m_status->setText(error.isEmpty() ? tr("No connection open")
                                          : tr("Local engine: %1").arg(error));
        return;
    }
    const RedisConnection *connection = workspace->connection();
    QString text =
        QStringLiteral("%1 — %2 — %3")
            .arg(connection->settings().name, RedisConnection::stateName(connection->state()),
                 connection->settings().address());
    if (connection->state() == RedisConnection::State::Ready)
        text += QStringLiteral(" — RESP%1").arg(connection->protocolVersion());
    if (!connection->errorText().isEmpty())
        text += QStringLiteral(" — %1").arg(connection->errorText());
    m_status->setText(text);
}

} // namespace redscope
