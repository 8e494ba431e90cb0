// Builds the panel tabs of one connection. Adding a view to the app means one line here.
#include "window/connection_workspace.h"

#include "analysis/analysis_view.h"
#include "cluster/cluster_panel.h"
#include "cluster/cluster_router.h"
#include "connection/connection_lifecycle.h"
#include "connection/database_selector.h"
#include "console/console_panel.h"
#include "keys/key_browser_panel.h"
#include "keys/key_tree_model.h"
#include "keys/key_type_badge_delegate.h"
#include "monitoring/dashboard_panel.h"
#include "pubsub/pubsub_panel.h"
#include "server/server_panel.h"

#include <QTreeView>

namespace redscope {

ConnectionWorkspace::ConnectionWorkspace(RedisConnection *connection, QWidget *parent)
    : QTabWidget(parent)
    , m_connection(connection)
{
    setObjectName(QStringLiteral("workspace"));
    setDocumentMode(true);
    setTabPosition(QTabWidget::North);

    // -- panels: one line each, in tab order --
    auto *keys = new KeyBrowserPanel(connection, this);
    keys->treeView()->setItemDelegateForColumn(KeyTreeModel::TypeColumn,
                                               new KeyTypeBadgeDelegate(keys->treeView()));
    addTab(keys, tr("Keys"));
    m_console = new ConsolePanel(connection, this);
    addTab(m_console, tr("Console"));
    addTab(new PubSubPanel(connection, this), tr("Pub/Sub"));
    addTab(new DashboardPanel(connection, this), tr("Dashboard"));
    addTab(new ServerPanel(connection, this), tr("Server"));
    ClusterRouter *cluster = ConnectionLifecycle(connection).cluster();
    if (cluster) addTab(new ClusterPanel(cluster, this), tr("Cluster"));
    auto *analysis = new AnalysisView(connection, this);
    connect(analysis, &AnalysisView::openKeyRequested, this, [this](int, const QByteArray &key) {
        if (auto *browser = showPanel<KeyBrowserPanel>()) browser->jumpToKey(key);
    });
    addTab(analysis, tr("Analysis"));
    // -- end of panels --
    // The database selector sits in the tab bar's corner (a cluster only has db0).
    if (connection && !cluster)
        setCornerWidget(new DatabaseSelector(connection, this), Qt::TopRightCorner);

    setCurrentWidget(keys); // a new connection opens on its keys
}

ConnectionWorkspace::~ConnectionWorkspace() = default;

} // namespace redscope
