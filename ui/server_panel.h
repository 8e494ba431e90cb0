// ServerPanel: the "Server" tab of a connection, grouping the admin views as sub-tabs: Info,
// Clients, Slowlog, Config, Persistence and Monitor. Each view is its own class that loads on
// first show (Monitor: on Start), so opening a connection costs nothing until the user looks.
#pragma once

#include <QTabWidget>

namespace redscope {

class ClientsView;
class ConfigEditor;
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
    PersistencePanel *persistence() const { return m_persistence; }
    MonitorPanel *monitor() const { return m_monitor; }

private:
    InfoBrowser *m_info;
    ClientsView *m_clients;
    SlowlogView *m_slowlog;
    ConfigEditor *m_config;
    PersistencePanel *m_persistence;
    MonitorPanel *m_monitor;
};

} // namespace redscope
