// ClusterRouter implementation. Every request keeps its arguments until it is answered, so a
// redirection or a retry after a refresh can send it again; the caller's callback travels with
// it and runs exactly once. A reply counts as a transport failure (rather than a server error)
// when the node's link is no longer Ready after it: RedisConnection reports lost connections,
// refused connects and timeouts as error replies.
#include "cluster/cluster_router.h"

#include "cluster/cluster_slot.h"
#include "connection/redis_connection.h"

#include <QPointer>

namespace redscope {

static constexpr int kRefreshIntervalMs = 5000;
static constexpr int kDegradedRefreshIntervalMs = 1000;
static constexpr int kTryAgainDelayMs = 100;

static bool splitAddress(const QString &address, QString *host, int *port)
{
    const qsizetype colon = address.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0) return false;
    bool ok = false;
    *port = address.mid(colon + 1).toInt(&ok);
    *host = address.left(colon);
    if (host->startsWith(QLatin1Char('[')) && host->endsWith(QLatin1Char(']')))
        *host = host->mid(1, host->size() - 2);
    return ok;
}

static bool startsWith(const RedisValue &reply, const char *prefix)
{
    return reply.isError() && reply.bytes().startsWith(prefix);
}

ClusterRouter::ClusterRouter(const ConnectionSettings &seed, QObject *parent)
    : QObject(parent)
    , m_seed(seed)
{
    m_slotOwner.fill(-1);
    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, &ClusterRouter::refresh);
}

ClusterRouter::~ClusterRouter() = default;

void ClusterRouter::start()
{
    m_running = true;
    m_ready = false;
    m_refreshing = false;
    ++m_generation;
    for (auto &[address, connection] : m_nodeConnections)
        connection->connectToServer();
    refresh();
}

void ClusterRouter::stop()
{
    m_running = false;
    m_ready = false;
    ++m_generation;
    m_refreshTimer.stop();
    m_refreshing = false;
    for (auto &[address, connection] : m_links)
        connection->disconnectFromServer();
    for (auto &[address, connection] : m_nodeConnections)
        connection->disconnectFromServer();
    std::vector<std::function<void()>> waiting;
    waiting.swap(m_afterRefresh);
    for (auto &done : waiting)
        done(); // they see !m_running and answer with the error
}

ConnectionSettings ClusterRouter::settingsForNode(const QString &address) const
{
    ConnectionSettings settings = m_seed;
    settings.mode = ConnectionSettings::Mode::Standalone;
    settings.db = 0;
    if (address != m_seed.address()) {
        settings.unixSocket.clear();
        splitAddress(address, &settings.host, &settings.port);
    }
    return settings;
}

RedisConnection *ClusterRouter::nodeConnection(const QString &address)
{
    const auto it = m_nodeConnections.find(address);
    if (it != m_nodeConnections.end()) return it->second;
    ConnectionSettings settings = settingsForNode(address);
    // The production question names the node, so the user sees which server it is about.
    settings.name =
        m_seed.name.isEmpty() ? address : QStringLiteral("%1 (%2)").arg(m_seed.name, address);
    auto *connection = new RedisConnection(settings, this);
    m_nodeConnections.emplace(address, connection);
    if (m_running) connection->connectToServer();
    return connection;
}

RedisConnection *ClusterRouter::link(const QString &address)
{
    const auto it = m_links.find(address);
    if (it != m_links.end()) return it->second;
    ConnectionSettings settings = settingsForNode(address);
    // The connection that routes here has judged the command: read-only refusal and the
    // production question happened there, once (a second question would name the node).
    settings.readOnly = false;
    settings.production = false;
    settings.name = address;
    auto *connection = new RedisConnection(settings, this);
    connection->setAutoReconnect(false);
    connect(connection, &RedisConnection::stateChanged, this, [this, address] {
        emit linkStateChanged(address);
        scheduleRefreshTimer();
    });
    m_links.emplace(address, connection);
    return connection;
}

int ClusterRouter::internAddress(const QString &address)
{
    qsizetype index = m_addresses.indexOf(address);
    if (index < 0) {
        m_addresses.append(address);
        index = m_addresses.size() - 1;
    }
    return int(index);
}

// ---- routing ---------------------------------------------------------------------------

QString ClusterRouter::nodeForSlot(int slot) const
{
    if (slot < 0 || slot >= kClusterSlots) return {};
    const int owner = m_slotOwner[size_t(slot)];
    return owner < 0 ? QString() : m_addresses.at(owner);
}

QString ClusterRouter::nodeForKey(QByteArrayView key) const
{
    return nodeForSlot(clusterKeySlot(key));
}

QStringList ClusterRouter::masterAddresses() const
{
    QStringList masters;
    int last = -1;
    for (const qint16 owner : m_slotOwner) {
        if (owner >= 0 && owner != last && !masters.contains(m_addresses.at(owner)))
            masters.append(m_addresses.at(owner));
        last = owner;
    }
    return masters;
}

QString ClusterRouter::defaultNode() const
{
    const QStringList masters = masterAddresses();
    for (const QString &address : masters) {
        const ClusterNode *node = m_topology.findAddress(address);
        const auto it = m_links.find(address);
        const bool down =
            it != m_links.end() && (it->second->state() == RedisConnection::State::Lost ||
                                    (it->second->state() == RedisConnection::State::Disconnected &&
                                     !it->second->errorText().isEmpty()));
        if ((!node || !node->failing) && !down) return address;
    }
    return masters.isEmpty() ? m_seed.address() : masters.first();
}

RedisConnection::State ClusterRouter::linkState(const QString &address) const
{
    const auto it = m_links.find(address);
    return it == m_links.end() ? RedisConnection::State::Disconnected : it->second->state();
}

QString ClusterRouter::linkError(const QString &address) const
{
    const auto it = m_links.find(address);
    return it == m_links.end() ? QString() : it->second->errorText();
}

void ClusterRouter::send(const QList<QByteArray> &args, Callback callback, int timeoutMs)
{
    // A transaction's commands would be spread over the nodes of their keys while MULTI and
    // EXEC went to the default node: refuse it rather than run it half.
    if (!args.isEmpty() && (args.first().compare("multi", Qt::CaseInsensitive) == 0 ||
                            args.first().compare("watch", Qt::CaseInsensitive) == 0)) {
        QMetaObject::invokeMethod(
            this,
            [callback = std::move(callback), name = args.first().toUpper()] {
                if (callback) {
                    callback(RedisValue::error(
                        QStringLiteral("ERR %1 is not available on a cluster connection: the "
                                       "commands of a transaction would go to different nodes")
                            .arg(QString::fromLatin1(name))));
                }
            },
            Qt::QueuedConnection);
        return;
    }
    const std::optional<QByteArray> key = clusterRoutingKey(args);
    QString address = key ? nodeForKey(*key) : QString();
    if (address.isEmpty()) address = defaultNode();
    dispatch(address, args, std::move(callback), timeoutMs, kMaxRedirects, false, true);
}

void ClusterRouter::sendToNode(const QString &address, const QList<QByteArray> &args,
                               Callback callback, int timeoutMs)
{
    dispatch(address, args, std::move(callback), timeoutMs, 0, false, false);
}

void ClusterRouter::nodeKeyCount(const QString &address, QObject *receiver,
                                 std::function<void(qint64 keys)> done)
{
    QPointer<QObject> alive(receiver);
    sendToNode(address, {"DBSIZE"}, [alive, done = std::move(done)](const RedisValue &reply) {
        if (!alive) return;
        done(reply.type() == RedisValue::Type::Integer ? reply.toInteger() : -1);
    });
}

void ClusterRouter::dispatch(const QString &address, const QList<QByteArray> &args,
                             Callback callback, int timeoutMs, int hopsLeft, bool asking,
                             bool follow)
{
    RedisConnection *connection = link(address);
    const RedisConnection::State state = connection->state();
    if (m_running &&
        (state == RedisConnection::State::Disconnected || state == RedisConnection::State::Lost)) {
        connection->connectToServer();
    }
    if (asking) connection->send({"ASKING"}, {}, timeoutMs);
    connection->send(
        args,
        [this, address, args, callback = std::move(callback), timeoutMs, hopsLeft,
         follow](const RedisValue &reply) {
            onReply(address, args, callback, timeoutMs, hopsLeft, follow, reply);
        },
        timeoutMs);
}

void ClusterRouter::onReply(const QString &address, const QList<QByteArray> &args,
                            Callback callback, int timeoutMs, int hopsLeft, bool follow,
                            const RedisValue &reply)
{
    auto answer = [&callback](const RedisValue &value) {
        if (callback) callback(value);
    };
    if (!reply.isError() || !follow || !m_running) {
        answer(reply);
        return;
    }
    const bool moved = startsWith(reply, "MOVED ");
    if (moved || startsWith(reply, "ASK ")) {
        // "MOVED <slot> <host>:<port>" / "ASK <slot> <host>:<port>"
        const QList<QByteArray> parts = reply.bytes().split(' ');
        bool ok = false;
        const int slot = parts.size() == 3 ? parts[1].toInt(&ok) : -1;
        QString target = parts.size() == 3 ? QString::fromUtf8(parts[2]) : QString();
        if (target.startsWith(QLatin1Char(':'))) { // no endpoint: same host as the asked node
            QString host;
            int port = 0;
            splitAddress(address, &host, &port);
            target = host + target;
        }
        if (!ok || slot < 0 || slot >= kClusterSlots || target.isEmpty()) {
            answer(reply);
            return;
        }
        if (hopsLeft <= 0) {
            answer(RedisValue::error(
                QStringLiteral("ERR cluster: still redirected after %1 hops (last: %2); the "
                               "cluster may be resharding, try again")
                    .arg(kMaxRedirects)
                    .arg(reply.text())));
            return;
        }
        ++m_redirects;
        if (moved) {
            m_slotOwner[size_t(slot)] = qint16(internAddress(target));
            refresh();
        }
        dispatch(target, args, std::move(callback), timeoutMs, hopsLeft - 1, !moved, true);
        return;
    }
    if (startsWith(reply, "TRYAGAIN")) {
        if (hopsLeft <= 0) {
            answer(RedisValue::error(
                QStringLiteral("TRYAGAIN the keys are being moved between nodes (resharding); "
                               "try again in a moment")));
            return;
        }
        QTimer::singleShot(
            kTryAgainDelayMs, this, [this, address, args, callback, timeoutMs, hopsLeft] {
                dispatch(address, args, callback, timeoutMs, hopsLeft - 1, false, true);
            });
        return;
    }
    if (startsWith(reply, "CLUSTERDOWN")) {
        refresh();
        answer(RedisValue::error(
            QStringLiteral("%1 (the cluster cannot serve this slot now: a master may have "
                           "failed and no replica has taken over yet)")
                .arg(reply.text())));
        return;
    }
    if (linkState(address) == RedisConnection::State::Ready) {
        answer(reply); // an ordinary server error
        return;
    }
    // The node is unreachable. Refresh the map: if a replica has already taken over the
    // slot, the request goes there; otherwise the caller learns why it failed.
    const std::optional<QByteArray> key = clusterRoutingKey(args);
    const QString text = reply.text();
    refreshThen([this, address, args, callback, timeoutMs, hopsLeft, key, text] {
        QString now = key ? nodeForKey(*key) : defaultNode();
        if (!now.isEmpty() && now != address && hopsLeft > 0 && m_running) {
            dispatch(now, args, callback, timeoutMs, hopsLeft - 1, false, true);
            return;
        }
        if (callback) {
            callback(RedisValue::error(
                QStringLiteral("%1 (cluster node %2 is unreachable; if it was a master, a "
                               "replica takes over after cluster-node-timeout)")
                    .arg(text, address)));
        }
    });
}

// ---- topology refresh ------------------------------------------------------------------

void ClusterRouter::refreshThen(std::function<void()> done)
{
    m_afterRefresh.push_back(std::move(done));
    refresh();
}

void ClusterRouter::refresh()
{
    if (!m_running) {
        std::vector<std::function<void()>> waiting;
        waiting.swap(m_afterRefresh);
        for (auto &done : waiting)
            done();
        return;
    }
    if (m_refreshing) {
        m_refreshAgain = true;
        return;
    }
    m_refreshing = true;
    m_refreshAgain = false;
    m_refreshError.clear();
    // Ready links first, then the other known nodes (not failing), then the seed.
    QStringList ready;
    QStringList others;
    for (const ClusterNode &node : m_topology.nodes) {
        if (node.failing) continue;
        const QString address = node.address();
        (linkState(address) == RedisConnection::State::Ready ? ready : others).append(address);
    }
    if (!ready.contains(m_seed.address()) && !others.contains(m_seed.address()))
        others.append(m_seed.address());
    for (const ClusterNode &node : m_topology.nodes) {
        if (node.failing) others.append(node.address()); // last resort
    }
    m_refreshSources = ready + others;
    tryNextRefreshSource();
}

void ClusterRouter::tryNextRefreshSource()
{
    if (m_refreshSources.isEmpty()) {
        refreshFinished(false, m_refreshError.isEmpty() ? tr("No cluster node could be reached")
                                                        : m_refreshError);
        return;
    }
    const QString source = m_refreshSources.takeFirst();
    const quint64 generation = m_generation;
    const int timeoutMs = qMin(m_seed.commandTimeoutMs, 5000);
    auto replies = std::make_shared<std::pair<RedisValue, RedisValue>>();
    auto onBoth = [this, generation, source, replies] {
        if (generation != m_generation) return;
        const RedisValue &slotsReply = replies->first;
        if (slotsReply.isError()) {
            m_refreshError = QStringLiteral("%1: %2").arg(source, slotsReply.text());
            tryNextRefreshSource();
            return;
        }
        applyRefresh(source, slotsReply, replies->second);
    };
    dispatch(
        source, {"CLUSTER", "SLOTS"},
        [replies](const RedisValue &reply) { replies->first = reply; }, timeoutMs, 0, false, false);
    dispatch(
        source, {"CLUSTER", "NODES"},
        [replies, onBoth](const RedisValue &reply) {
            replies->second = reply;
            onBoth();
        },
        timeoutMs, 0, false, false);
}

void ClusterRouter::applyRefresh(const QString &source, const RedisValue &slotsReply,
                                 const RedisValue &nodes)
{
    QString host;
    int port = 0;
    splitAddress(source, &host, &port);
    std::vector<SlotRange> ranges;
    QString error;
    ClusterTopology topology;
    if (nodes.isError()) error = nodes.text();
    if (!error.isEmpty() || !parseClusterSlots(slotsReply, host, &ranges, &error) ||
        !ClusterTopology::fromNodesText(nodes.bytes(), &topology, &error)) {
        m_refreshError = QStringLiteral("%1: %2").arg(source, error);
        tryNextRefreshSource();
        return;
    }
    if (ranges.empty()) {
        m_refreshError = tr("%1: no hash slot is assigned to any node yet").arg(source);
        tryNextRefreshSource();
        return;
    }
    for (ClusterNode &node : topology.nodes) {
        if (node.host.isEmpty()) node.host = host;
    }
    m_slotOwner.fill(-1);
    for (const SlotRange &range : ranges) {
        const auto owner = qint16(internAddress(range.master));
        for (int slot = range.first; slot <= range.last; ++slot)
            m_slotOwner[size_t(slot)] = owner;
    }
    m_topology = std::move(topology);
    refreshFinished(true, {});
}

void ClusterRouter::refreshFinished(bool ok, const QString &error)
{
    m_refreshing = false;
    QPointer<ClusterRouter> alive(this);
    if (ok) {
        emit topologyChanged();
        if (alive && !m_ready && m_running) {
            m_ready = true;
            emit ready();
        }
    } else if (!m_ready && m_running) {
        m_running = false;
        emit failed(error);
    }
    if (!alive) return;
    std::vector<std::function<void()>> waiting;
    waiting.swap(m_afterRefresh);
    for (auto &done : waiting)
        done();
    if (!alive) return;
    if (m_refreshAgain && m_running)
        refresh();
    else
        scheduleRefreshTimer();
}

void ClusterRouter::scheduleRefreshTimer()
{
    if (!m_running || m_refreshing) return;
    bool degraded = false;
    for (const QString &address : masterAddresses()) {
        const RedisConnection::State state = linkState(address);
        const ClusterNode *node = m_topology.findAddress(address);
        if (state == RedisConnection::State::Lost || (node && node->failing) ||
            (state == RedisConnection::State::Disconnected && !linkError(address).isEmpty())) {
            degraded = true;
        }
    }
    const int interval = degraded ? kDegradedRefreshIntervalMs : kRefreshIntervalMs;
    if (!m_refreshTimer.isActive() || m_refreshTimer.remainingTime() > interval)
        m_refreshTimer.start(interval);
}

} // namespace redscope
