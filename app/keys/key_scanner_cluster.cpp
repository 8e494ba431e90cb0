// ScanLoop on a Redis Cluster: SCAN has no cluster-wide cursor, so each master is walked
// with its own cursor, all masters in parallel (one SCAN in flight per master), and their
// batches go out through the same batch event as a single server's. Replicas are not
// scanned: they hold copies of their master's keys. Which node holds a key is not stored per
// key: it follows from the key's hash slot and the router's slot map (ClusterRouter::
// nodeForKey), which also stays right after a failover or a resharding.
#include "connection/redis_connection.h"
#include "keys/key_scan_loop.h"

#include "cluster/cluster_router.h"

#include <QPointer>

namespace redscope::Internal {

struct ClusterScan
{
    struct Walk
    {
        QString address;
        QByteArray cursor = "0";
        bool done = false;
        quint64 dbSize = 0;
    };
    std::vector<Walk> walks;
    int running = 0;
};

void ScanLoop::startCluster(quint64 generation)
{
    ClusterRouter *router = m_connection->cluster();
    const QStringList masters = router->masterAddresses();
    if (masters.isEmpty()) {
        finish(false, tr("The cluster's slot map is not loaded yet"));
        return;
    }
    m_cluster = std::make_shared<ClusterScan>();
    for (const QString &address : masters)
        m_cluster->walks.push_back({address});
    m_cluster->running = int(masters.size());
    QPointer<ScanLoop> self(this);
    for (int i = 0; i < int(masters.size()); ++i) {
        router->sendToNode(masters.at(i), {"DBSIZE"},
                           [self, generation, i, scan = m_cluster](const RedisValue &reply) {
                               if (!self || generation != self->m_generation) return;
                               if (reply.type() != RedisValue::Type::Integer) return;
                               scan->walks[size_t(i)].dbSize = quint64(reply.toInteger());
                               quint64 total = 0;
                               for (const auto &walk : scan->walks)
                                   total += walk.dbSize;
                               self->m_counters.dbSize = total;
                           });
        requestNode(generation, i);
    }
}

void ScanLoop::requestNode(quint64 generation, int node)
{
    ClusterRouter *router = m_connection ? m_connection->cluster() : nullptr;
    if (!router) {
        finish(false, tr("No connection"));
        return;
    }
    QPointer<ScanLoop> self(this);
    router->sendToNode(m_cluster->walks[size_t(node)].address,
                       scanArgs(m_cluster->walks[size_t(node)].cursor),
                       [self, generation, node](const RedisValue &reply) {
                           if (self) self->onNodeReply(generation, node, reply);
                       });
}

void ScanLoop::onNodeReply(quint64 generation, int node, const RedisValue &reply)
{
    if (generation != m_generation || !m_running || !m_cluster) return;
    ClusterScan::Walk &walk = m_cluster->walks[size_t(node)];
    if (reply.isError()) {
        finish(false, tr("%1: %2").arg(walk.address, reply.text()));
        return;
    }
    const RedisValue::List &parts = reply.elements();
    if (parts.size() != 2 || parts[1].type() != RedisValue::Type::Array) {
        finish(false, tr("%1: unexpected SCAN reply").arg(walk.address));
        return;
    }
    ++m_counters.calls;
    m_examined += quint64(m_counters.count);
    walk.cursor = parts[0].bytes();
    if (walk.cursor != "0") requestNode(generation, node);
    deliver(parts[1].elements());
    if (walk.cursor == "0") {
        walk.done = true;
        if (--m_cluster->running == 0) {
            finish(true, {});
            return;
        }
    }
    reportProgress();
}

} // namespace redscope::Internal
