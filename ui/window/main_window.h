// MainWindow: wires the panels together and nothing more. Sidebar on the left, one tab per
// opened connection on the right (ConnectionTab: the connecting/error page, then the
// ConnectionWorkspace with Keys, Console, ...), connection state in the status bar, the menus
// and shortcuts in WindowMenus. The sidebar follows the active tab. Connections belong to
// ConnectionListModel; panels receive the connection they work on.
#pragma once

#include <QHash>
#include <QMainWindow>
#include <QPointer>

class QLabel;
class QTabWidget;

namespace redscope {

class ConnectionListModel;
class ConnectionManager;
class ConnectionSidebar;
class ConnectionStore;
class ConnectionTab;
class ConnectionWorkspace;
class WindowMenus;
class ConsolePanel;
class EmbeddedEngine;
class MirrorController;
class RedisConnection;
struct ConnectionSettings;

class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    explicit MainWindow(QWidget *parent = nullptr);
    ~MainWindow() override;

    ConnectionListModel *connections() const { return m_connections; }

    // Points "Local engine" at the embedded engine's socket, connects and opens its console.
    // dataDir (optional) lets the Persistence panel show, open and export the engine's files.
    RedisConnection *openLocalEngine(const QString &socketPath, const QString &dataDir = {});
    void showLocalEngineError(const QString &error);
    // Follows the embedded engine from its first start on (call before engine->start()): its
    // connection is opened when it runs, its tab shows the stopped page when it stops, and a
    // restart reconnects the same connection, so every open tab comes back as it was.
    void setLocalEngine(EmbeddedEngine *engine);
    EmbeddedEngine *localEngine() const;
    // Adds a server to the sidebar, connects and opens its console.
    RedisConnection *openConnection(const ConnectionSettings &settings);
    // Shows the saved connections of `store` in the sidebar with the actions to manage them
    // (new, edit, duplicate, delete, connect, import/export). The store must outlive the window.
    void setConnectionStore(ConnectionStore *store);
    ConnectionManager *connectionManager() const { return m_manager; }
    ConnectionSidebar *sidebar() const { return m_sidebar; }

    ConsolePanel *currentConsole() const;
    ConnectionWorkspace *currentWorkspace() const; // null until the connection was Ready
    ConnectionTab *currentTab() const;
    ConnectionTab *tabFor(RedisConnection *connection) const;
    QTabWidget *tabs() const { return m_tabs; }
    WindowMenus *menus() const { return m_menus; }
    // "Mirror into Local engine" and its banner above the tabs.
    MirrorController *mirrors() const { return m_mirrors; }
    void closeTab(int index);
    // Shows (creating if needed) the tab of a connection and selects it in the sidebar.
    void showWorkspaceFor(RedisConnection *connection);

private:
    void showWorkspace(int row);
    void onCurrentTabChanged();
    void retryWithCredentials(RedisConnection *connection, const QString &username,
                              const QString &password, bool save);
    void onEntryActivated(const QModelIndex &index);
    void updateStatus();
    void onEngineStateChanged();
    void onEngineStarted();
    void onEngineStopped();

    ConnectionListModel *m_connections;
    ConnectionSidebar *m_sidebar;
    QTabWidget *m_tabs;
    QLabel *m_status;
    QHash<RedisConnection *, ConnectionTab *> m_workspaces;
    ConnectionManager *m_manager = nullptr;
    WindowMenus *m_menus = nullptr;
    MirrorController *m_mirrors = nullptr;
    QPointer<EmbeddedEngine> m_engine;
};

} // namespace redscope
