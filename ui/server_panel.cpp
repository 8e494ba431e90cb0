// Tab order follows how operators usually dig: overview (Info), who is connected, what is slow,
// then the knobs (Config, Persistence), and last the live MONITOR stream.
#include "server_panel.h"

#include "clients_view.h"
#include "config_editor.h"
#include "info_browser.h"
#include "monitor_panel.h"
#include "persistence_panel.h"
#include "slowlog_view.h"

namespace redscope {

ServerPanel::ServerPanel(RedisConnection *connection, QWidget *parent)
    : QTabWidget(parent)
    , m_info(new InfoBrowser(connection, this))
    , m_clients(new ClientsView(connection, this))
    , m_slowlog(new SlowlogView(connection, this))
    , m_config(new ConfigEditor(connection, this))
    , m_persistence(new PersistencePanel(connection, this))
    , m_monitor(new MonitorPanel(connection, this))
{
    setObjectName(QStringLiteral("serverPanel"));
    setDocumentMode(true);
    addTab(m_info, tr("Info"));
    addTab(m_clients, tr("Clients"));
    addTab(m_slowlog, tr("Slowlog"));
    addTab(m_config, tr("Config"));
    addTab(m_persistence, tr("Persistence"));
    addTab(m_monitor, tr("Monitor"));
}

} // namespace redscope
