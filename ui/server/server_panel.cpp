// Tab order follows how operators usually dig: overview (Info), who is connected, what is slow,
// then the knobs (Config, Functions, Persistence), and last the live MONITOR stream.
// The node list is ClusterNodePicker's (shared with the dashboard); this panel only decides
// what a choice means: the views' connection.
#include "server/server_panel.h"

#include "cluster/cluster_node_picker.h"
#include "cluster/cluster_router.h"
#include "server/clients_view.h"
#include "server/config_editor.h"
#include "server/functions_view.h"
#include "server/info_browser.h"
#include "server/monitor_panel.h"
#include "server/persistence_panel.h"
#include "server/slowlog_view.h"

#include <QComboBox>

namespace redscope {

ServerPanel::ServerPanel(RedisConnection *connection, QWidget *parent)
    : QTabWidget(parent)
    , m_connection(connection)
    , m_info(new InfoBrowser(connection, this))
    , m_clients(new ClientsView(connection, this))
    , m_slowlog(new SlowlogView(connection, this))
    , m_config(new ConfigEditor(connection, this))
    , m_functions(new FunctionsView(connection, this))
    , m_persistence(new PersistencePanel(connection, this))
    , m_monitor(new MonitorPanel(connection, this))
{
    setObjectName(QStringLiteral("serverPanel"));
    setDocumentMode(true);
    addTab(m_info, tr("Info"));
    addTab(m_clients, tr("Clients"));
    addTab(m_slowlog, tr("Slowlog"));
    addTab(m_config, tr("Config"));
    addTab(m_functions, tr("Functions"));
    addTab(m_persistence, tr("Persistence"));
    addTab(m_monitor, tr("Monitor"));

    ClusterRouter *router = m_connection.cluster();
    if (!router) return;
    m_nodePicker = new ClusterNodePicker(router, ClusterNodePicker::Aggregate::NotOffered,
                                         QStringLiteral("serverNode"), this);
    m_nodePicker->setContentsMargins(6, 0, 6, 0);
    m_nodePicker->comboBox()->setToolTip(
        tr("The cluster node that Info, Clients, Slowlog, Config, Functions, "
           "Persistence and Monitor show and change"));
    setCornerWidget(m_nodePicker, Qt::TopRightCorner);
    connect(m_nodePicker, &ClusterNodePicker::nodeActivated, this, &ServerPanel::selectNode);
    // After the picker's own slot (connected first), so its list is already the new one.
    connect(router, &ClusterRouter::topologyChanged, this, &ServerPanel::onNodesChanged);
    onNodesChanged();
}

QComboBox *ServerPanel::nodeBox() const
{
    return m_nodePicker ? m_nodePicker->comboBox() : nullptr;
}

// Until the topology is known the views follow the cluster's default node; once it is, that
// node is named in the picker as the selection.
void ServerPanel::onNodesChanged()
{
    ClusterRouter *router = m_connection.cluster();
    if (router && m_selectedNode.isEmpty() && !m_nodePicker->nodeAddresses().isEmpty())
        selectNode(router->defaultNode());
}

void ServerPanel::selectNode(const QString &address)
{
    ClusterRouter *router = m_connection.cluster();
    if (!router || address.isEmpty() || address == m_selectedNode) return;
    m_selectedNode = address;
    m_nodePicker->setSelectedNode(address);
    // The node's connection opens when the user first looks at the panel, like the views load.
    if (isVisible()) {
        m_appliedNode = address;
        setViewsConnection(router->nodeConnection(address));
    }
    emit nodeSelected(address);
}

void ServerPanel::setVisible(bool visible)
{
    ClusterRouter *router = m_connection.cluster();
    if (visible && router && !m_selectedNode.isEmpty() && m_appliedNode != m_selectedNode) {
        m_appliedNode = m_selectedNode;
        setViewsConnection(router->nodeConnection(m_selectedNode)); // views still hidden
    }
    QTabWidget::setVisible(visible); // then the current view's showEvent loads it
}

void ServerPanel::setViewsConnection(RedisConnection *connection)
{
    m_info->setConnection(connection);
    m_clients->setConnection(connection);
    m_slowlog->setConnection(connection);
    m_config->setConnection(connection);
    m_functions->setConnection(connection);
    m_persistence->setConnection(connection);
    m_monitor->setConnection(connection);
}

} // namespace redscope
