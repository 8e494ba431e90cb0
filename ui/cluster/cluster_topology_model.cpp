// ClusterTopologyModel: rows are copied from the router's topology on every topologyChanged()
// (a handful of nodes), so the model never holds pointers into the router.
#include "cluster/cluster_topology_model.h"

#include "cluster/cluster_router.h"
#include "connection/connection_lifecycle.h"

#include <QBrush>
#include <QColor>
#include <QLocale>

namespace redscope {

ClusterTopologyModel::ClusterTopologyModel(ClusterRouter *router, QObject *parent)
    : QAbstractTableModel(parent)
    , m_router(router)
{
    if (!router) return;
    connect(router, &ClusterRouter::topologyChanged, this, &ClusterTopologyModel::reload);
    connect(router, &ClusterRouter::linkStateChanged, this, [this](const QString &address) {
        for (size_t row = 0; row < m_nodes.size(); ++row) {
            if (m_nodes[row].address() == address) {
                const QModelIndex cell = index(int(row), OurLinkColumn);
                emit dataChanged(cell, cell);
            }
        }
    });
    reload();
}

void ClusterTopologyModel::reload()
{
    if (!m_router) return;
    const std::vector<ClusterNode> &fresh = m_router->topology().nodes;
    bool sameRows = fresh.size() == m_nodes.size();
    for (size_t i = 0; sameRows && i < fresh.size(); ++i)
        sameRows = fresh[i].id == m_nodes[i].id;
    if (sameRows) {
        m_nodes = fresh;
        if (!m_nodes.empty()) emit dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1));
    } else {
        beginResetModel();
        m_nodes = fresh;
        endResetModel();
    }
    requestKeyCounts();
}

void ClusterTopologyModel::requestKeyCounts()
{
    for (const ClusterNode &node : m_nodes) {
        const QString address = node.address();
        if (node.failing || m_keysPending.contains(address)) continue;
        m_keysPending.insert(address);
        m_router->nodeKeyCount(address, this, [this, address](qint64 keys) {
            m_keysPending.remove(address);
            if (m_keys.value(address, -2) == keys) return;
            m_keys.insert(address, keys);
            for (size_t row = 0; row < m_nodes.size(); ++row) {
                if (m_nodes[row].address() == address) {
                    const QModelIndex cell = index(int(row), KeysColumn);
                    emit dataChanged(cell, cell);
                }
            }
        });
    }
}

int ClusterTopologyModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_nodes.size());
}

int ClusterTopologyModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QString ClusterTopologyModel::roleText(const ClusterNode &node) const
{
    if (node.master) return tr("master");
    const ClusterNode *master = m_router ? m_router->topology().find(node.masterId) : nullptr;
    return master ? tr("replica of %1").arg(master->address()) : tr("replica");
}

QString ClusterTopologyModel::clusterLinkText(const ClusterNode &node) const
{
    if (node.flags.contains(QLatin1String("fail"))) return tr("failed");
    if (node.flags.contains(QLatin1String("fail?"))) return tr("suspected down");
    if (node.myself) return tr("connected (queried)");
    return node.linkConnected ? tr("connected") : tr("disconnected");
}

QVariant ClusterTopologyModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount()) return {};
    const ClusterNode &node = m_nodes[size_t(index.row())];
    const QString address = node.address();
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case IdColumn:
            return QString::fromLatin1(node.id.left(8));
        case AddressColumn:
            return address;
        case RoleColumn:
            return roleText(node);
        case SlotsColumn:
            return node.master ? tr("%1 (%2 slots)")
                                     .arg(node.slotText())
                                     .arg(QLocale().toString(node.slotCount()))
                               : QString();
        case ClusterLinkColumn:
            return clusterLinkText(node);
        case OurLinkColumn:
            return m_router ? ConnectionLifecycle::stateName(m_router->linkState(address))
                            : QString();
        case KeysColumn: {
            const qint64 keys = m_keys.value(address, -1);
            return keys < 0 ? QString() : QLocale().toString(keys);
        }
        }
        break;
    case Qt::ToolTipRole:
        if (index.column() == IdColumn) return QString::fromLatin1(node.id);
        if (index.column() == OurLinkColumn && m_router) return m_router->linkError(address);
        if (index.column() == ClusterLinkColumn) return node.flags.join(QLatin1Char(','));
        break;
    case Qt::ForegroundRole:
        if (node.failing ||
            (index.column() == ClusterLinkColumn && !node.linkConnected && !node.myself)) {
            return QBrush(QColor(0xc6, 0x28, 0x28));
        }
        if (!node.master && index.column() != ClusterLinkColumn) return QBrush(Qt::darkGray);
        break;
    case Qt::TextAlignmentRole:
        if (index.column() == KeysColumn) return int(Qt::AlignRight | Qt::AlignVCenter);
        break;
    default:
        break;
    }
    return {};
}

QVariant ClusterTopologyModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    switch (section) {
    case IdColumn:
        return tr("Node");
    case AddressColumn:
        return tr("Address");
    case RoleColumn:
        return tr("Role");
    case SlotsColumn:
        return tr("Slots");
    case ClusterLinkColumn:
        return tr("Cluster link");
    case OurLinkColumn:
        return tr("Redscope link");
    case KeysColumn:
        return tr("Keys");
    }
    return {};
}

} // namespace redscope
