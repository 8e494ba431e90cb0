// Tab order follows how operators usually dig: overview (Info), who is connected, what is slow,
// then the knobs (Config, Functions, Persistence), and last the live MONITOR stream.
// The node list is rebuilt only when the topology's nodes or roles change (the router refreshes
// every few seconds), so an open drop-down is not reset under the user's mouse.
#include "server/server_panel.h"

#include "cluster/cluster_router.h"
#include "server/clients_view.h"
#include "server/config_editor.h"
#include "server/functions_view.h"
#include "server/info_browser.h"
#include "server/monitor_panel.h"
#include "server/persistence_panel.h"
#include "server/slowlog_view.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>

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
    auto *corner = new QWidget(this);
    auto *layout = new QHBoxLayout(corner);
    layout->setContentsMargins(6, 0, 6, 0);
    layout->addWidget(new QLabel(tr("Node:"), corner));
    m_nodeBox = new QComboBox(corner);
    m_nodeBox->setObjectName(QStringLiteral("serverNode"));
    m_nodeBox->setSizeAdjustPolicy(QComboBox::AdjustToContents);
    m_nodeBox->setToolTip(tr("The cluster node that Info, Clients, Slowlog, Config, Functions, "
                             "Persistence and Monitor show and change"));
    layout->addWidget(m_nodeBox);
    setCornerWidget(corner, Qt::TopRightCorner);
    connect(m_nodeBox, &QComboBox::activated, this,
            [this] { selectNode(m_nodeBox->currentData().toString()); });
    connect(router, &ClusterRouter::topologyChanged, this, &ServerPanel::rebuildNodeBox);
    rebuildNodeBox();
}

void ServerPanel::rebuildNodeBox()
{
    ClusterRouter *router = m_connection.cluster();
    if (!router || !m_nodeBox) return;
    QStringList addresses;
    QStringList labels;
    for (const ClusterNode &node : router->topology().nodes) {
        QString role = node.master ? tr("master") : tr("replica");
        if (node.failing) role += tr(", failing");
        addresses.append(node.address());
        labels.append(tr("%1 (%2)").arg(node.address(), role));
    }
    // A node that left the topology stays listed while it is selected, so the choice is
    // never changed behind the user's back.
    if (!m_selectedNode.isEmpty() && !addresses.contains(m_selectedNode)) {
        addresses.append(m_selectedNode);
        labels.append(tr("%1 (not in the cluster)").arg(m_selectedNode));
    }
    bool same = m_nodeBox->count() == addresses.size();
    for (int i = 0; same && i < addresses.size(); ++i)
        same = m_nodeBox->itemData(i).toString() == addresses[i] &&
               m_nodeBox->itemText(i) == labels[i];
    if (!same) {
        const QSignalBlocker blocker(m_nodeBox);
        m_nodeBox->clear();
        for (int i = 0; i < addresses.size(); ++i)
            m_nodeBox->addItem(labels[i], addresses[i]);
    }
    if (m_selectedNode.isEmpty() && !addresses.isEmpty()) {
        selectNode(router->defaultNode()); // what the views showed so far, now named
        return;
    }
    const int index = m_nodeBox->findData(m_selectedNode);
    if (index >= 0 && index != m_nodeBox->currentIndex()) m_nodeBox->setCurrentIndex(index);
}

void ServerPanel::selectNode(const QString &address)
{
    ClusterRouter *router = m_connection.cluster();
    if (!router || address.isEmpty() || address == m_selectedNode) return;
    m_selectedNode = address;
    if (m_nodeBox->findData(address) < 0) rebuildNodeBox();
    const int index = m_nodeBox->findData(address);
    if (index >= 0) m_nodeBox->setCurrentIndex(index);
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
