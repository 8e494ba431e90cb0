// RequestScope: the requests one panel has in flight on a shared connection. Panels send through
// it and it cancels whatever is still pending when the panel goes away, so a late reply never
// reaches a destroyed widget and no panel has to keep its own id bookkeeping.
#pragma once

#include "connection/redis_connection.h"

#include <QPointer>
#include <QSet>

#include <memory>

namespace redscope {

class RequestScope
{
public:
    explicit RequestScope(RedisConnection *connection);
    ~RequestScope(); // cancels pending requests: their callbacks never run
    RequestScope(const RequestScope &) = delete;
    RequestScope &operator=(const RequestScope &) = delete;

    RedisConnection *connection() const { return m_connection; }
    // Cancels what is pending on the old connection and sends the next requests on this one
    // (the server views on a cluster switch between node connections this way). Returns
    // false when it already was that connection, so the caller has nothing to reload.
    bool setConnection(RedisConnection *connection);
    RedisConnection::RequestId send(const QList<QByteArray> &args,
                                    RedisConnection::Callback callback, int timeoutMs = -1);
    void cancelAll();
    int pendingCount() const { return int(m_pending->size()); }

private:
    QPointer<RedisConnection> m_connection;
    std::shared_ptr<QSet<RedisConnection::RequestId>> m_pending;
};

} // namespace redscope
