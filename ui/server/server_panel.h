// ServerPanel: the "Server" tab of a connection, grouping the admin views as sub-tabs: Info,
// Clients, Slowlog, Config, Functions, Persistence and Monitor. Each view is its own class that
// loads on first show (Monitor: on Start), so opening a connection costs nothing until the user
// looks. On a Cluster connection a node selector in the tab bar's corner picks the server all six
// views talk to (one choice for the whole panel, as INFO, slowlog and config are read together
// when digging into one node); the views then use the router's connection to that node.
#pragma once

#include "connection/connection_lifecycle.h"

#include <QTabWidget>

class QComboBox;

namespace redscope {

class ClientsView;
class ClusterNodePicker;
class ConfigEditor;
class FunctionsView;
class InfoBrowser;
class MonitorPanel;
class PersistencePanel;
class RedisConnection;
class SlowlogView;

class ServerPanel : public QTabWidget
{
    Q_OBJECT

public:
    explicit ServerPanel(RedisConnection *connection, QWidget *parent = nullptr);

    InfoBrowser *info() const { return m_info; }
    ClientsView *clients() const { return m_clients; }
    SlowlogView *slowlog() const { return m_slowlog; }
    ConfigEditor *config() const { return m_config; }
    FunctionsView *functions() const { return m_functions; }
    PersistencePanel *persistence() const { return m_persistence; }
    MonitorPanel *monitor() const { return m_monitor; }

    // Cluster only (null / empty otherwise). The views follow the cluster's default node (the
    // first master) until the topology is known, then the selected node's "host:port".
    QComboBox *nodeBox() const;
    QString selectedNode() const { return m_selectedNode; }
    void selectNode(const QString &address);

    // Applies a pending node choice before the views get their show events (they load then).
    void setVisible(bool visible) override;

signals:
    void nodeSelected(const QString &address);

private:
    void onNodesChanged();
    void setViewsConnection(RedisConnection *connection);

    ConnectionLifecycle m_connection;
    InfoBrowser *m_info;
    ClientsView *m_clients;
    SlowlogView *m_slowlog;
    ConfigEditor *m_config;
    FunctionsView *m_functions;
    PersistencePanel *m_persistence;
    MonitorPanel *m_monitor;
    ClusterNodePicker *m_nodePicker = nullptr;
    QString m_selectedNode;
    QString m_appliedNode; // the node the views use; set when the panel is first shown
};

} // namespace redscope
