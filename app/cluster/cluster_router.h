// ClusterRouter: sends commands to a Redis Cluster the way the cluster specification asks of a
// client, over one RedisConnection per node (hiredis 0.14 has no cluster support). It learns
// the slot map from CLUSTER SLOTS and the node list from CLUSTER NODES through any reachable
// node (the seed first), sends each command to the master of its key's hash slot, follows
// MOVED (update the slot, refresh the map, retry) and ASK (ASKING + retry on that node, map
// unchanged), retries TRYAGAIN a few times, and turns CLUSTERDOWN or an unreachable master
// into a readable error instead of a hang. Redirections are bounded (kMaxRedirects).
//
// The map is refreshed every few seconds (every second while a node it uses is unreachable,
// so a replica's promotion after a failover is picked up quickly) and after every MOVED.
// Keyless commands go to the default node: the first master by slot order that is not
// failing. Node links do not reconnect on their own: a request to a node that is down fails
// at once and the router reconnects on the next request, so nothing waits on a dead node.
#pragma once

#include "cluster/cluster_topology.h"
#include "connection/connection_settings.h"
#include "connection/connection_state.h"
#include "connection/reply_callback.h"

#include <QHash>
#include <QObject>
#include <QStringList>
#include <QTimer>

#include <array>
#include <functional>
#include <map>
#include <vector>

namespace redscope {

class ClusterRouter : public QObject
{
    Q_OBJECT

public:
    using Callback = ReplyCallback;
    static constexpr int kMaxRedirects = 5;

    explicit ClusterRouter(const ConnectionSettings &seed, QObject *parent = nullptr);
    ~ClusterRouter() override;

    void start(); // connects to the seed and loads the topology; ready() or failed() follows
    void stop();  // closes every node link; requests in flight end with an error
    bool isReady() const { return m_ready; }

    // Routes by the command's key (see clusterRoutingKey); callback exactly once.
    void send(const QList<QByteArray> &args, Callback callback, int timeoutMs = -1);
    // Sends to one node as is (SCAN, INFO, DBSIZE per node); redirections are not followed.
    void sendToNode(const QString &address, const QList<QByteArray> &args, Callback callback,
                    int timeoutMs = -1);
    // Typed: one node's DBSIZE through its routing link; done gets -1 when the node failed
    // to answer. done never runs once receiver is destroyed (a widget's model may go first).
    void nodeKeyCount(const QString &address, QObject *receiver,
                      std::function<void(qint64 keys)> done);
    void refresh(); // coalesced: one refresh at a time, one more if asked meanwhile
    void refreshThen(std::function<void()> done); // done runs after the next refresh ends

    const ClusterTopology &topology() const { return m_topology; }
    QStringList masterAddresses() const; // owners of at least one slot, in slot order
    QString nodeForSlot(int slot) const; // empty when the slot has no known owner
    QString nodeForKey(QByteArrayView key) const;
    QString defaultNode() const;
    ConnectionState linkState(const QString &address) const;
    QString linkError(const QString &address) const;
    int redirectsFollowed() const { return m_redirects; }
    const ConnectionSettings &seed() const { return m_seed; }

    // The seed's settings aimed at one node (Standalone mode, db 0): for the connections a
    // per-node view opens itself (a Subscriber, a MonitorSession).
    ConnectionSettings settingsForNode(const QString &address) const;
    // A connection of its own to one node, for the server views and the dashboard's PING when
    // the user picks that node. Unlike the routing links it keeps the seed's read-only and
    // production settings, so a command sent on it is judged like on any connection, and it
    // is never redirected. Created on first use, reconnects on its own, closed by stop() and
    // reopened by start(); owned by the router.
    RedisConnection *nodeConnection(const QString &address);

signals:
    void ready();
    void failed(const QString &error); // the first topology could not be loaded
    void topologyChanged();
    void linkStateChanged(const QString &address);

private:
    void dispatch(const QString &address, const QList<QByteArray> &args, Callback callback,
                  int timeoutMs, int hopsLeft, bool asking, bool follow);
    void onReply(const QString &address, const QList<QByteArray> &args, Callback callback,
                 int timeoutMs, int hopsLeft, bool follow, const RedisValue &reply);
    RedisConnection *link(const QString &address);
    void tryNextRefreshSource();
    void applyRefresh(const QString &source, const RedisValue &slotsReply, const RedisValue &nodes);
    void refreshFinished(bool ok, const QString &error);
    void scheduleRefreshTimer();
    int internAddress(const QString &address);

    ConnectionSettings m_seed;
    bool m_running = false;
    bool m_ready = false;
    std::map<QString, RedisConnection *> m_links;
    std::map<QString, RedisConnection *> m_nodeConnections; // see nodeConnection()
    ClusterTopology m_topology;
    QStringList m_addresses; // interned node addresses; m_slotOwner holds indexes into it
    std::array<qint16, 16384> m_slotOwner{};
    bool m_refreshing = false;
    bool m_refreshAgain = false;
    QStringList m_refreshSources;
    QString m_refreshError;
    std::vector<std::function<void()>> m_afterRefresh;
    quint64 m_generation = 0;
    int m_redirects = 0;
    QTimer m_refreshTimer;
};

} // namespace redscope
