// KeyScanner on a Redis Cluster: SCAN has no cluster-wide cursor, so each master is walked
// with its own cursor, all masters in parallel (one SCAN in flight per master), and their
// batches go out through the same batchReady() signal as a single server's. Replicas are not
// scanned: they hold copies of their master's keys. Which node holds a key is not stored per
// key: it follows from the key's hash slot and the router's slot map (ClusterRouter::
// nodeForKey), which also stays right after a failover or a resharding.
#include "key_scanner.h"

#include "cluster_router.h"

#include <QPointer>

namespace redscope {

namespace Internal {
struct ClusterScan
{
    struct Walk
    {
        QString address;
        QByteArray cursor = "0";
        bool done = false;
        quint64 seen = 0;
        quint64 dbSize = 0;
    };
    std::vector<Walk> walks;
    int running = 0;
};
} // namespace Internal

void KeyScanner::startCluster(quint64 generation)
{
    ClusterRouter *router = m_connection->cluster();
    const QStringList masters = router->masterAddresses();
    if (masters.isEmpty()) {
        finish(false, tr("The cluster's slot map is not loaded yet"));
        return;
    }
    m_cluster = std::make_shared<Internal::ClusterScan>();
    for (const QString &address : masters)
        m_cluster->walks.push_back({address});
    m_cluster->running = int(masters.size());
    QPointer<KeyScanner> self(this);
    for (int i = 0; i < int(masters.size()); ++i) {
        router->sendToNode(masters.at(i), {"DBSIZE"},
                           [self, generation, i, scan = m_cluster](const RedisValue &reply) {
                               if (!self || generation != self->m_generation) return;
                               if (reply.type() != RedisValue::Type::Integer) return;
                               scan->walks[size_t(i)].dbSize = quint64(reply.toInteger());
                               quint64 total = 0;
                               for (const auto &walk : scan->walks)
                                   total += walk.dbSize;
                               self->m_dbSize = total;
                           });
        requestNode(generation, i);
    }
}

void KeyScanner::requestNode(quint64 generation, int node)
{
    ClusterRouter *router = m_connection ? m_connection->cluster() : nullptr;
    if (!router) {
        finish(false, tr("No connection"));
        return;
    }
    const Internal::ClusterScan::Walk &walk = m_cluster->walks[size_t(node)];
    QList<QByteArray> args{"SCAN", walk.cursor};
    if (!m_options.pattern.isEmpty() && m_options.pattern != "*")
        args << "MATCH" << m_options.pattern;
    args << "COUNT" << QByteArray::number(m_count);
    if (!m_options.type.isEmpty()) args << "TYPE" << m_options.type;
    QPointer<KeyScanner> self(this);
    router->sendToNode(walk.address, args, [self, generation, node](const RedisValue &reply) {
        if (self) self->onNodeReply(generation, node, reply);
    });
}

void KeyScanner::onNodeReply(quint64 generation, int node, const RedisValue &reply)
{
    if (generation != m_generation || !m_running || !m_cluster) return;
    Internal::ClusterScan::Walk &walk = m_cluster->walks[size_t(node)];
    if (reply.isError()) {
        finish(false, tr("%1: %2").arg(walk.address, reply.text()));
        return;
    }
    const RedisValue::List &parts = reply.elements();
    if (parts.size() != 2 || parts[1].type() != RedisValue::Type::Array) {
        finish(false, tr("%1: unexpected SCAN reply").arg(walk.address));
        return;
    }
    ++m_calls;
    m_examined += quint64(m_count);
    walk.cursor = parts[0].bytes();
    const RedisValue::List &names = parts[1].elements();
    if (!names.empty()) {
        QList<QByteArray> keys;
        keys.reserve(qsizetype(names.size()));
        for (const RedisValue &name : names)
            keys.append(name.bytes());
        m_seen += quint64(keys.size());
        walk.seen += quint64(keys.size());
        emit batchReady(keys);
        if (generation != m_generation) return; // a slot cancelled or restarted us
    }
    if (walk.cursor == "0") {
        walk.done = true;
        if (--m_cluster->running == 0) {
            finish(true, {});
            return;
        }
    } else {
        requestNode(generation, node);
    }
    const bool filtered =
        !m_options.type.isEmpty() || (!m_options.pattern.isEmpty() && m_options.pattern != "*");
    const quint64 examined = filtered ? qMax(m_seen, m_examined) : m_seen;
    const quint64 total = qMax(m_dbSize, examined + examined / 100 + 1);
    emit progress(qMin(examined, total), total);
}

} // namespace redscope
