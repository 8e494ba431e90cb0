// The pending map is shared with the callbacks so a callback can remove its own entry even
// though the id is only known after send() returned (callbacks always run later from the event
// loop). A receiver's scope is a child QObject found by its object name: QObject deletes its
// children in its destructor, before any event could deliver a reply to the dead receiver.
#include "connection/request_scope.h"

#include "cluster/cluster_router.h"
#include "connection/redis_connection.h"
#include "connection/transaction.h"

#include <utility>

namespace redscope {

namespace Internal {

class ReceiverScope : public QObject
{
public:
    static constexpr char kName[] = "redscope_request_scope";
    explicit ReceiverScope(QObject *receiver)
        : QObject(receiver)
    {
        setObjectName(QLatin1String(kName));
    }
    RequestScope scope;
};

} // namespace Internal

RequestScope::RequestScope(RedisConnection *connection)
    : m_connection(connection)
    , m_pending(std::make_shared<PendingMap>())
{
}

RequestScope::~RequestScope()
{
    cancelAll();
}

RedisConnection *RequestScope::connection() const
{
    return m_connection;
}

RequestScope *RequestScope::of(QObject *receiver)
{
    if (!receiver) return nullptr;
    const QString name = QLatin1String(Internal::ReceiverScope::kName);
    for (QObject *child : receiver->children()) {
        if (child->objectName() == name)
            return &static_cast<Internal::ReceiverScope *>(child)->scope;
    }
    return &(new Internal::ReceiverScope(receiver))->scope;
}

RedisConnection::RequestId RequestScope::send(const QList<QByteArray> &args,
                                              RedisConnection::Callback callback, int timeoutMs)
{
    return send(m_connection, args, std::move(callback), timeoutMs);
}

RedisConnection::RequestId RequestScope::send(RedisConnection *connection,
                                              const QList<QByteArray> &args,
                                              RedisConnection::Callback callback, int timeoutMs,
                                              bool confirmed)
{
    if (!connection) return 0;
    const quint64 token = ++m_lastToken;
    auto done = [pending = m_pending, token,
                 callback = std::move(callback)](const RedisValue &reply) {
        if (pending->remove(token) == 0) return; // cancelled meanwhile
        if (callback) callback(reply);
    };
    m_pending->insert(token, Pending{connection, 0});
    const RedisConnection::RequestId id =
        confirmed ? connection->sendConfirmed(args, std::move(done), timeoutMs)
                  : connection->send(args, std::move(done), timeoutMs);
    const auto it = m_pending->find(token);
    if (it != m_pending->end()) it->id = id;
    return id;
}

bool RequestScope::setConnection(RedisConnection *connection)
{
    if (connection == m_connection) return false;
    cancelAll();
    m_connection = connection;
    return true;
}

RequestId RequestScope::sendBatch(RedisConnection *connection,
                                  const QList<QList<QByteArray>> &commands, BatchCallback callback,
                                  bool confirmed)
{
    if (!connection) return 0;
    const quint64 token = ++m_lastToken;
    auto done = [pending = m_pending, token,
                 callback = std::move(callback)](QList<RedisValue> &replies, qsizetype answered) {
        if (pending->remove(token) == 0) return; // cancelled meanwhile
        if (callback) callback(replies, answered);
    };
    m_pending->insert(token, Pending{connection, 0});
    const RedisConnection::RequestId id =
        connection->sendBatch(commands, std::move(done), confirmed);
    if (id == 0) {
        m_pending->remove(token);
        return 0;
    }
    const auto it = m_pending->find(token);
    if (it != m_pending->end()) it->id = id;
    return id;
}

Internal::TransactionChannel *RequestScope::transactions(RedisConnection *connection,
                                                         const QByteArray &key)
{
    if (!connection) return nullptr;
    ConnectionSettings settings = connection->settings();
    if (ClusterRouter *cluster = connection->cluster()) {
        const QString node = cluster->nodeForKey(key);
        if (node.isEmpty()) return nullptr;
        settings = cluster->settingsForNode(node);
    }
    std::unique_ptr<Internal::TransactionChannel> &channel = m_channels[settings.address()];
    // New credentials (typed after an AuthFailed) reach the channel's next connection.
    if (channel && (channel->settings().username != settings.username ||
                    channel->settings().password != settings.password)) {
        if (channel->queued() == 0) channel.reset();
    }
    if (!channel) channel = std::make_unique<Internal::TransactionChannel>(settings);
    return channel.get();
}

void RequestScope::cancelAll()
{
    // Take the map first: cancel() never calls back, but stay safe against re-entry.
    const PendingMap pending = std::exchange(*m_pending, {});
    for (const Pending &request : pending) {
        if (request.connection) request.connection->cancel(request.id);
    }
}

} // namespace redscope
