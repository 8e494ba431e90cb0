// ClusterTopologyModel: the nodes of a Redis Cluster as a table (masters in slot order, each
// followed by its replicas): id, address, role, slots, the cluster bus link as the queried node
// sees it, Redscope's own link to the node, and the node's key count (DBSIZE, asked again at
// each topology refresh, one request in flight per node). It reads ClusterRouter, which keeps
// the topology current; a refresh with the same nodes only updates cells, so selections stay.
#pragma once

#include "cluster/cluster_topology.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QPointer>
#include <QSet>

namespace redscope {

class ClusterRouter;

class ClusterTopologyModel : public QAbstractTableModel
{
    Q_OBJECT

public:
    enum Column {
        IdColumn,
        AddressColumn,
        RoleColumn,
        SlotsColumn,
        ClusterLinkColumn,
        OurLinkColumn,
        KeysColumn,
        ColumnCount
    };

    explicit ClusterTopologyModel(ClusterRouter *router, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    const ClusterNode &node(int row) const { return m_nodes.at(size_t(row)); }
    qint64 keyCount(const QString &address) const { return m_keys.value(address, -1); }

private:
    void reload();
    void requestKeyCounts();
    QString roleText(const ClusterNode &node) const;
    QString clusterLinkText(const ClusterNode &node) const;

    QPointer<ClusterRouter> m_router;
    std::vector<ClusterNode> m_nodes;
    QHash<QString, qint64> m_keys;
    QSet<QString> m_keysPending;
};

} // namespace redscope
