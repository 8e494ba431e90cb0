// RequestScope: the one request-lifetime rule. Every asynchronous request a panel, a model or a
// service sends is owned by a scope; destroying the scope cancels whatever is still pending, so
// a late reply never reaches a destroyed object and no caller keeps its own id bookkeeping.
//
// Two ways to own one: a member (`RequestScope m_requests{connection}`), or the scope attached
// to a receiver (`RequestScope::of(receiver)`), a hidden child QObject that dies with it. The
// services in app/ take a `QObject *receiver` and send through the receiver's scope: that is
// what ties a request's lifetime to the widget that asked. Pending requests remember their
// connection, so one scope may hold requests on several connections (cluster nodes).
#pragma once

#include "connection/reply_callback.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QPointer>

#include <map>
#include <memory>

namespace redscope {

namespace Internal {
class TransactionChannel;
}

class RequestScope
{
public:
    explicit RequestScope(RedisConnection *connection = nullptr);
    ~RequestScope(); // cancels pending requests: their callbacks never run
    RequestScope(const RequestScope &) = delete;
    RequestScope &operator=(const RequestScope &) = delete;

    // The scope owned by receiver: created on first use, cancelled and freed when the receiver
    // is destroyed. Its default connection is null; send with an explicit connection.
    static RequestScope *of(QObject *receiver);

    RedisConnection *connection() const;
    // Cancels what is pending on the old connection and sends the next requests on this one
    // (the server views on a cluster switch between node connections this way). Returns
    // false when it already was that connection, so the caller has nothing to reload.
    bool setConnection(RedisConnection *connection);
    RequestId send(const QList<QByteArray> &args, ReplyCallback callback, int timeoutMs = -1);
    // The same on an explicit connection; confirmed uses RedisConnection::sendConfirmed().
    RequestId send(RedisConnection *connection, const QList<QByteArray> &args,
                   ReplyCallback callback, int timeoutMs = -1, bool confirmed = false);
    // RedisConnection::sendBatch() owned by this scope; 0 when the connection would not take
    // the commands as a batch (send them one by one then).
    RequestId sendBatch(RedisConnection *connection, const QList<QList<QByteArray>> &commands,
                        BatchCallback callback, bool confirmed = false);
    void cancelAll();
    int pendingCount() const { return int(m_pending->size()); }

    // The scope's own connection for WATCH/MULTI/EXEC (transaction.h) to the server behind
    // `connection`; on a cluster, to the node that owns `key`. Opened on first use, kept for
    // the next transaction, closed with the scope. Null when the node is not known yet.
    Internal::TransactionChannel *transactions(RedisConnection *connection, const QByteArray &key);

private:
    struct Pending
    {
        QPointer<RedisConnection> connection;
        RequestId id = 0;
    };
    // Keyed by a token of this scope: ids of different connections may collide.
    using PendingMap = QHash<quint64, Pending>;

    QPointer<RedisConnection> m_connection;
    std::shared_ptr<PendingMap> m_pending;
    quint64 m_lastToken = 0;
    // By server address. Declared last: destroyed first, before the pending map they may use.
    std::map<QString, std::unique_ptr<Internal::TransactionChannel>> m_channels;
};

} // namespace redscope
