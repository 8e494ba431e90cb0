// RedisConnection in Cluster and Sentinel mode. Kept apart from redis_connection.cpp, which is
// about one hiredis context: here a Cluster connection owns no context at all and hands each
// written request to its ClusterRouter (the request keeps its deadline and cancel() semantics,
// the router only decides where it goes), and a Sentinel connection asks the sentinels for the
// master before each attempt and reconnects as soon as they announce +switch-master.
#include "connection/redis_connection.h"

#include "cluster/cluster_router.h"
#include "cluster/sentinel_watcher.h"

#include <QPointer>

namespace redscope {

void RedisConnection::setUpMode()
{
    switch (m_settings.mode) {
    case ConnectionSettings::Mode::Standalone:
        return;
    case ConnectionSettings::Mode::Cluster:
        m_db = 0; // a cluster has database 0 only
        m_cluster = new ClusterRouter(m_settings, this);
        connect(m_cluster, &ClusterRouter::ready, this, [this] {
            if (m_state == State::Connecting) becomeReady();
        });
        connect(m_cluster, &ClusterRouter::failed, this, [this](const QString &error) {
            if (m_state == State::Connecting)
                attemptFailed(tr("Cannot load the cluster topology: %1").arg(error), false);
        });
        return;
    case ConnectionSettings::Mode::Sentinel:
        m_sentinel = new SentinelWatcher(m_settings, this);
        connect(m_sentinel, &SentinelWatcher::masterSwitched, this,
                &RedisConnection::onMasterSwitched);
        return;
    }
}

void RedisConnection::startCluster()
{
    setState(State::Connecting, {});
    if (m_state != State::Connecting) return;
    m_cluster->start();
}

void RedisConnection::routeToCluster(RequestId id, Request &request)
{
    request.phase = Phase::Written;
    const QList<QByteArray> args = std::move(request.args);
    request.args.clear();
    QPointer<RedisConnection> alive(this);
    m_cluster->send(
        args,
        [alive, id](const RedisValue &reply) {
            if (alive) alive->deliver(id, reply);
        },
        request.internal ? -1 : request.timeoutMs);
}

void RedisConnection::resolveThroughSentinel()
{
    const quint64 generation = m_generation;
    m_sentinel->watch();
    m_sentinel->resolve([this, generation](const QString &host, int port, const QString &error) {
        if (generation != m_generation || m_state != State::Connecting) return;
        if (!error.isEmpty()) {
            attemptFailed(error, true);
            return;
        }
        m_settings.host = host;
        m_settings.port = port;
        m_sentinelResolved = true;
        startAttempt();
    });
}

// Connecting to the announced master right away, instead of at the next backoff step, is
// what keeps a failover short for the user: requests queued while Lost go to the new master.
void RedisConnection::onMasterSwitched(const QString &host, int port)
{
    if (m_state == State::Disconnected || m_state == State::AuthFailed) return;
    const bool same = host == m_settings.host && port == m_settings.port;
    if (same && m_state == State::Ready) return;
    m_settings.host = host;
    m_settings.port = port;
    m_sentinelResolved = true;
    if (m_state == State::Ready) {
        connectionGone(tr("the sentinels switched the master to %1").arg(m_settings.address()));
        if (m_state != State::Lost || !m_reconnecting) return; // no automatic reconnect
    }
    m_reconnectTimer.stop();
    m_backoffMs = 500;
    startAttempt();
}

} // namespace redscope
