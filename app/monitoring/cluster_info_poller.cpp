// The aggregate is built as INFO text and parsed back, so it is an ordinary InfoSnapshot: the
// dashboard's cards, charts and rates treat it exactly like one server's reply. A node that
// left the topology drops out of the sum; its summed counters then go down, which InfoRates
// reads as a reset (0 for that interval), not as a negative spike.
#include "monitoring/cluster_info_poller.h"

#include "cluster/cluster_router.h"

#include <QDateTime>

#include <algorithm>

namespace redscope {

namespace {

const QStringList &summedFields()
{
    static const QStringList fields{QStringLiteral("used_memory"),
                                    QStringLiteral("used_memory_rss"),
                                    QStringLiteral("maxmemory"),
                                    QStringLiteral("connected_clients"),
                                    QStringLiteral("blocked_clients"),
                                    QStringLiteral("instantaneous_ops_per_sec"),
                                    QStringLiteral("total_commands_processed"),
                                    QStringLiteral("total_net_input_bytes"),
                                    QStringLiteral("total_net_output_bytes"),
                                    QStringLiteral("keyspace_hits"),
                                    QStringLiteral("keyspace_misses"),
                                    QStringLiteral("expired_keys"),
                                    QStringLiteral("evicted_keys"),
                                    QStringLiteral("rdb_changes_since_last_save")};
    return fields;
}

} // namespace

InfoSnapshot aggregateClusterInfo(const QList<ClusterNodeInfo> &nodes, qint64 takenAtMs)
{
    QHash<QString, double> sums;
    QMap<int, InfoSnapshot::DbKeys> keys;
    QStringList versions;
    qint64 uptime = -1;
    qint64 lastSave = -1;
    bool bgsave = false;
    bool aofOn = false;
    bool aofRewriting = false;
    bool anyAof = false;
    QString bgsaveStatus = QStringLiteral("ok");
    int masters = 0;
    int live = 0;
    for (const ClusterNodeInfo &node : nodes) {
        const InfoSnapshot &s = node.snapshot;
        if (s.isEmpty()) continue;
        ++live;
        for (const QString &field : summedFields())
            sums[field] += s.number(field).value_or(0.0);
        if (node.master) {
            ++masters;
            const QMap<int, InfoSnapshot::DbKeys> perDb = s.keysPerDb();
            for (auto it = perDb.constBegin(); it != perDb.constEnd(); ++it) {
                keys[it.key()].keys += it->keys;
                keys[it.key()].expires += it->expires;
            }
        }
        if (!versions.contains(s.redisVersion())) versions.append(s.redisVersion());
        uptime = uptime < 0 ? s.uptimeSeconds() : std::min(uptime, s.uptimeSeconds());
        const qint64 saved = s.rdbLastSaveTime();
        lastSave = lastSave < 0 ? saved : std::min(lastSave, saved);
        bgsave = bgsave || s.rdbBgsaveInProgress();
        if (s.contains(QStringLiteral("aof_enabled"))) anyAof = true;
        aofOn = aofOn || s.aofEnabled();
        aofRewriting = aofRewriting || s.aofRewriteInProgress();
        const QString status = s.rdbLastBgsaveStatus();
        if (!status.isEmpty() && status != QLatin1String("ok")) bgsaveStatus = status;
    }
    if (live == 0) return InfoSnapshot();

    QByteArray text;
    auto line = [&text](const QString &key, const QString &value) {
        text += key.toUtf8() + ':' + value.toUtf8() + "\r\n";
    };
    auto number = [](double value) { return QString::number(qint64(std::llround(value))); };
    text += "# Server\r\n";
    line(QStringLiteral("redis_version"), versions.join(QLatin1Char('/')));
    line(QStringLiteral("redis_mode"), QStringLiteral("cluster"));
    line(QStringLiteral("uptime_in_seconds"), QString::number(std::max<qint64>(uptime, 0)));
    text += "# Clients\r\n";
    line(QStringLiteral("connected_clients"),
         number(sums.value(QStringLiteral("connected_clients"))));
    line(QStringLiteral("blocked_clients"), number(sums.value(QStringLiteral("blocked_clients"))));
    text += "# Memory\r\n";
    for (const char *field : {"used_memory", "used_memory_rss", "maxmemory"})
        line(QLatin1String(field), number(sums.value(QLatin1String(field))));
    text += "# Persistence\r\n";
    line(QStringLiteral("rdb_changes_since_last_save"),
         number(sums.value(QStringLiteral("rdb_changes_since_last_save"))));
    line(QStringLiteral("rdb_bgsave_in_progress"),
         bgsave ? QStringLiteral("1") : QStringLiteral("0"));
    line(QStringLiteral("rdb_last_save_time"), QString::number(std::max<qint64>(lastSave, 0)));
    line(QStringLiteral("rdb_last_bgsave_status"), bgsaveStatus);
    if (anyAof) {
        line(QStringLiteral("aof_enabled"), aofOn ? QStringLiteral("1") : QStringLiteral("0"));
        line(QStringLiteral("aof_rewrite_in_progress"),
             aofRewriting ? QStringLiteral("1") : QStringLiteral("0"));
    }
    text += "# Stats\r\n";
    for (const char *field : {"total_commands_processed", "instantaneous_ops_per_sec",
                              "total_net_input_bytes", "total_net_output_bytes", "expired_keys",
                              "evicted_keys", "keyspace_hits", "keyspace_misses"})
        line(QLatin1String(field), number(sums.value(QLatin1String(field))));
    text += "# Replication\r\n";
    line(QStringLiteral("role"), QStringLiteral("cluster"));
    text += "# Cluster\r\n";
    line(QStringLiteral("cluster_nodes"), QString::number(live));
    line(QStringLiteral("cluster_masters"), QString::number(masters));
    text += "# Keyspace\r\n";
    for (auto it = keys.constBegin(); it != keys.constEnd(); ++it) {
        line(QStringLiteral("db%1").arg(it.key()),
             QStringLiteral("keys=%1,expires=%2,avg_ttl=0").arg(it->keys).arg(it->expires));
    }
    return InfoSnapshot::parse(text, takenAtMs);
}

QHash<QString, double> metricRowFor(const InfoSnapshot &snapshot, const InfoRates &rates)
{
    QHash<QString, double> row;
    row.insert(QStringLiteral("used_memory"), double(snapshot.usedMemory()));
    row.insert(QStringLiteral("used_memory_rss"), double(snapshot.usedMemoryRss()));
    row.insert(QStringLiteral("maxmemory"), double(snapshot.maxMemory()));
    row.insert(QStringLiteral("ops_per_sec"), snapshot.opsPerSec());
    row.insert(QStringLiteral("connected_clients"), double(snapshot.connectedClients()));
    row.insert(QStringLiteral("blocked_clients"), double(snapshot.blockedClients()));
    row.insert(QStringLiteral("net_input_bytes_per_sec"), rates.netInputPerSec);
    row.insert(QStringLiteral("net_output_bytes_per_sec"), rates.netOutputPerSec);
    if (rates.hitRatio) row.insert(QStringLiteral("hit_ratio_percent"), *rates.hitRatio * 100);
    row.insert(QStringLiteral("expired_per_sec"), rates.expiredPerSec);
    row.insert(QStringLiteral("evicted_per_sec"), rates.evictedPerSec);
    const QMap<int, InfoSnapshot::DbKeys> perDb = snapshot.keysPerDb();
    for (auto it = perDb.constBegin(); it != perDb.constEnd(); ++it)
        row.insert(QStringLiteral("keys_db%1").arg(it.key()), double(it->keys));
    return row;
}

ClusterInfoPoller::ClusterInfoPoller(ClusterRouter *router, QObject *parent)
    : Poller(parent)
    , m_router(router)
{
    if (m_router) {
        connect(m_router, &ClusterRouter::topologyChanged, this, &ClusterInfoPoller::refreshNodes);
        connect(m_router, &ClusterRouter::ready, this, &ClusterInfoPoller::refreshNodes);
    }
    refreshNodes();
}

ClusterInfoPoller::~ClusterInfoPoller() = default;

void ClusterInfoPoller::forgetInFlight()
{
    ++m_generation;
    m_inFlight.clear();
    m_round.clear();
}

const MetricHistory &ClusterInfoPoller::history(const QString &address) const
{
    static const MetricHistory empty;
    const auto it = m_history.constFind(address);
    return it == m_history.constEnd() ? empty : *it;
}

void ClusterInfoPoller::refreshNodes()
{
    if (!m_router) return;
    QList<Node> fresh;
    for (const ClusterNode &node : m_router->topology().nodes) {
        if (node.failing && !node.master) continue;
        fresh.append({node.address(), node.master});
    }
    const bool same = std::equal(fresh.begin(), fresh.end(), m_nodes.begin(), m_nodes.end(),
                                 [](const Node &a, const Node &b) {
                                     return a.address == b.address && a.master == b.master;
                                 });
    if (same) return;
    m_nodes = fresh;
    // Nodes that left stop counting in the aggregate; their history stays viewable.
    for (auto it = m_last.begin(); it != m_last.end();) {
        const QString address = it.key();
        const bool known = address.isEmpty() ||
                           std::any_of(m_nodes.begin(), m_nodes.end(),
                                       [&address](const Node &n) { return n.address == address; });
        it = known ? std::next(it) : m_last.erase(it);
    }
    emit nodesChanged();
}

void ClusterInfoPoller::pollNow()
{
    if (!m_router || !m_router->isReady()) return;
    if (m_nodes.isEmpty()) refreshNodes();
    if (!m_round.isEmpty()) {
        // A node is still answering the previous round: publish the aggregate with its last
        // figures rather than let one slow node hold the whole cluster's charts back.
        m_round.clear();
        finishRoundIfDone();
    }
    const int timeoutMs = requestTimeoutMs();
    for (const Node &node : std::as_const(m_nodes)) {
        if (m_inFlight.contains(node.address)) {
            ++m_skipped;
            continue;
        }
        m_inFlight.insert(node.address);
        m_round.insert(node.address);
        ++m_requestsSent;
        const QString address = node.address;
        QPointer<ClusterInfoPoller> self(this);
        const quint64 generation = m_generation;
        m_router->sendToNode(
            address, {"INFO", "everything"},
            [self, generation, address](const RedisValue &reply) {
                if (self) self->onReply(generation, address, reply);
            },
            timeoutMs);
    }
}

void ClusterInfoPoller::onReply(quint64 generation, const QString &address, const RedisValue &reply)
{
    if (generation != m_generation) return;
    m_inFlight.remove(address);
    if (reply.isError()) {
        // The node's last figures would make the aggregate stale: it drops out until it answers.
        m_last.remove(address);
        emit pollFailed(address, reply.text());
    } else {
        const InfoSnapshot snapshot =
            InfoSnapshot::parse(reply.bytes(), QDateTime::currentMSecsSinceEpoch());
        const InfoRates rates = InfoRates::between(m_last.value(address), snapshot);
        m_last.insert(address, snapshot);
        m_rates.insert(address, rates);
        m_history[address].append(snapshot.takenAtMs(), metricRowFor(snapshot, rates));
        emit updated(address);
    }
    m_round.remove(address);
    finishRoundIfDone();
}

void ClusterInfoPoller::finishRoundIfDone()
{
    if (!m_round.isEmpty()) return;
    QList<ClusterNodeInfo> infos;
    for (const Node &node : std::as_const(m_nodes)) {
        const auto it = m_last.constFind(node.address);
        if (it != m_last.constEnd()) infos.append({node.address, node.master, *it});
    }
    const InfoSnapshot aggregate = aggregateClusterInfo(infos, QDateTime::currentMSecsSinceEpoch());
    if (aggregate.isEmpty()) return;
    const InfoRates rates = InfoRates::between(m_last.value(QString()), aggregate);
    m_last.insert(QString(), aggregate);
    m_rates.insert(QString(), rates);
    m_history[QString()].append(aggregate.takenAtMs(), metricRowFor(aggregate, rates));
    emit updated(QString());
}

} // namespace redscope
