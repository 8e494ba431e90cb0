// ClusterInfoPoller: the dashboard's INFO poller for a Cluster connection. Every interval it
// sends INFO to each node of the router's topology (masters and replicas) through the router's
// per-node links, with never more than one INFO in flight per node: a node that has not
// answered the previous tick is skipped, so one slow node cannot grow a queue or stall the
// others. Each reply becomes that node's InfoSnapshot and InfoRates; when a round has been
// answered (or failed) by every node, or at the next tick if one is still pending (its last
// figures are used), the live snapshots are summed into one aggregated
// InfoSnapshot (aggregateClusterInfo, a pure function) whose rates come from the previous
// aggregate, so the combined hit ratio is hits/lookups over the whole cluster.
// Per-node and aggregated histories are kept here as MetricHistory rows (metricRowFor) so the
// dashboard can switch between them without losing the points gathered meanwhile.
#pragma once

#include "connection/redis_value.h"
#include "monitoring/info_snapshot.h"
#include "monitoring/metric_history.h"
#include "monitoring/poller.h"

#include <QHash>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QStringList>

namespace redscope {

class ClusterRouter;

// One node's latest INFO, as the aggregation sees it.
struct ClusterNodeInfo
{
    QString address;
    bool master = false;
    InfoSnapshot snapshot;
};

// Sums the nodes' INFO into one snapshot: memory, clients, ops/s, network and keyspace
// counters over every node; keys (Keyspace section) over masters only, since a replica holds
// copies of its master's keys. Uptime is the smallest, last save the oldest, a non-ok status
// wins over ok. role is "cluster", redis_mode "cluster", cluster_nodes/cluster_masters count.
InfoSnapshot aggregateClusterInfo(const QList<ClusterNodeInfo> &nodes, qint64 takenAtMs);

// The dashboard's chart values for one snapshot (raw units), the columns of its CSV export.
QHash<QString, double> metricRowFor(const InfoSnapshot &snapshot, const InfoRates &rates);

class ClusterInfoPoller : public Poller
{
    Q_OBJECT

public:
    struct Node
    {
        QString address;
        bool master = false;
    };

    explicit ClusterInfoPoller(ClusterRouter *router, QObject *parent = nullptr);
    ~ClusterInfoPoller() override;

    void pollNow() override; // one INFO to each node that has none in flight

    QList<Node> nodes() const { return m_nodes; } // masters first, each followed by replicas
    bool isInFlight(const QString &address) const { return m_inFlight.contains(address); }
    int requestsSent() const { return m_requestsSent; }
    int ticksSkipped() const { return m_skipped; } // node polls skipped: INFO still in flight

    // address empty: the aggregate. Empty snapshot/history before the first reply.
    InfoSnapshot last(const QString &address = {}) const { return m_last.value(address); }
    InfoRates rates(const QString &address = {}) const { return m_rates.value(address); }
    const MetricHistory &history(const QString &address = {}) const;

signals:
    void nodesChanged();
    // address empty: a new aggregated snapshot.
    void updated(const QString &address);
    void pollFailed(const QString &address, const QString &error);

private:
    void forgetInFlight() override; // replies still in flight are ignored
    void refreshNodes();
    void onReply(quint64 generation, const QString &address, const RedisValue &reply);
    void finishRoundIfDone();

    QPointer<ClusterRouter> m_router;
    QList<Node> m_nodes;
    QSet<QString> m_inFlight;
    QSet<QString> m_round;    // nodes asked in the current round that have not answered yet
    quint64 m_generation = 0; // bumped by stop(): replies of older generations are dropped
    int m_requestsSent = 0;
    int m_skipped = 0;
    QHash<QString, InfoSnapshot> m_last;
    QHash<QString, InfoRates> m_rates;
    QHash<QString, MetricHistory> m_history;
};

} // namespace redscope
