// MainWindow: wires the panels together and nothing more. Sidebar on the left, one workspace tab
// (ConnectionWorkspace: browser, console, ...) per opened connection on the right, connection
// state in the status bar. Connections belong to
// ConnectionListModel; panels receive the connection they work on.
#pragma once

#include <QHash>
#include <QMainWindow>

class QLabel;
class QTabWidget;

namespace redscope {

class ConnectionListModel;
class ConnectionSidebar;
class ConnectionWorkspace;
class ConsolePanel;
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
    RedisConnection *openLocalEngine(const QString &socketPath);
    void showLocalEngineError(const QString &error);
    // Adds a server to the sidebar, connects and opens its console.
    RedisConnection *openConnection(const ConnectionSettings &settings);

    ConsolePanel *currentConsole() const;
    ConnectionWorkspace *currentWorkspace() const;

private:
    void showWorkspace(int row);
    void updateStatus();

    ConnectionListModel *m_connections;
    ConnectionSidebar *m_sidebar;
    QTabWidget *m_tabs;
    QLabel *m_status;
    QHash<RedisConnection *, ConnectionWorkspace *> m_workspaces;
};

} // namespace redscope
