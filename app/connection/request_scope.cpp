// The pending set is shared with the callbacks so a callback can remove its own id even though
// it only learns the id after send() returned (callbacks always run later from the event loop).
#include "connection/request_scope.h"

namespace redscope {

RequestScope::RequestScope(RedisConnection *connection)
    : m_connection(connection)
    , m_pending(std::make_shared<QSet<RedisConnection::RequestId>>())
{
}

RequestScope::~RequestScope()
{
    cancelAll();
}

RedisConnection::RequestId RequestScope::send(const QList<QByteArray> &args,
                                              RedisConnection::Callback callback, int timeoutMs)
{
    if (!m_connection) return 0;
    auto id = std::make_shared<RedisConnection::RequestId>(0);
    *id = m_connection->send(
        args,
        [pending = m_pending, id, callback = std::move(callback)](const RedisValue &reply) {
            pending->remove(*id);
            if (callback) callback(reply);
        },
        timeoutMs);
    m_pending->insert(*id);
    return *id;
}

bool RequestScope::setConnection(RedisConnection *connection)
{
    if (connection == m_connection) return false;
    cancelAll();
    m_connection = connection;
    return true;
}

void RequestScope::cancelAll()
{
    if (m_connection) {
        for (const RedisConnection::RequestId id : std::as_const(*m_pending))
            m_connection->cancel(id);
    }
    m_pending->clear();
}

} // namespace redscope
