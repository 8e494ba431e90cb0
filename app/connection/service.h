// Service: what the typed services in app/ (KeyService, ValueService, ServerAdmin, PubSubService)
// share. Widgets and models ask a service for what they need in the domain's words and get
// typed results; the command strings live in the services, once. Every operation takes a
// `receiver`: the request belongs to that object's RequestScope, so destroying the receiver
// cancels the request and its callback never runs. A service is a small value that wraps a
// RedisConnection it does not own; with no connection (or once it is gone) requests are
// dropped silently, like requests of a destroyed receiver.
#pragma once

#include "connection/connection_settings.h"
#include "connection/redis_value.h"

#include <QByteArray>
#include <QList>
#include <QMetaObject>
#include <QPointer>
#include <QString>

#include <functional>
#include <utility>

class QObject;

namespace redscope {

class ClusterRouter;
class RedisConnection;
struct TransactionPlan;    // transaction.h
struct TransactionOutcome; // transaction.h

// The outcome of a write: ok, or the server's (or the connection's) error text.
struct Status
{
    QString error;
    bool failed = false;
    bool ok() const { return !failed; }
    static Status fromReply(const RedisValue &reply);
    static Status failure(const QString &error) { return {error, true}; }
};

// The outcome of a read: the value when ok().
template <typename T> struct Result
{
    Result() = default;
    Result(T ok) // NOLINT(google-explicit-constructor): `done({value})` reads well
        : value(std::move(ok))
    {
    }
    static Result failure(const QString &error)
    {
        Result result;
        result.error = error;
        result.failed = true;
        return result;
    }
    bool ok() const { return !failed; }

    T value{};
    QString error;
    bool failed = false;
};

class Service
{
public:
    explicit Service(RedisConnection *connection);

    RedisConnection *connection() const;
    bool hasConnection() const { return !m_connection.isNull(); }
    bool isReady() const; // connected and past the handshake
    // The connection's settings, database and cluster router, for panels that pick a
    // transport (a subscriber, a keyspace watcher) without touching the connection itself.
    ConnectionSettings settings() const;
    int currentDb() const;
    ClusterRouter *cluster() const;

    // Cancels receiver's pending requests and sends its next ones to connection (the server
    // views on a cluster switch between node connections this way). False when it already
    // was that connection, so the caller has nothing to reload.
    bool switchTo(RedisConnection *connection, QObject *receiver);

    // Calls fn each time the connection becomes Ready, and each time it switches database,
    // while receiver lives (a Qt connection owned by receiver).
    QMetaObject::Connection whenReady(QObject *receiver, std::function<void()> fn) const;
    QMetaObject::Connection whenDbChanged(QObject *receiver, std::function<void(int db)> fn) const;

protected:
    using Callback = std::function<void(const RedisValue &reply)>;
    // Sends through receiver's RequestScope. confirmed skips the production-guard question
    // (a batch the user already confirmed as a whole).
    void request(const QList<QByteArray> &args, QObject *receiver, Callback callback,
                 bool confirmed = false) const;
    // Sends every command (pipelined) and answers once, with the first error if any.
    void requestAll(const QList<QList<QByteArray>> &commands, QObject *receiver,
                    std::function<void(const Status &)> done) const;
    // WATCH, reads, MULTI ... EXEC on receiver's transaction connection (transaction.h), to
    // the server (cluster: the node of `key`) of this service's connection, in its database.
    void transaction(const QByteArray &key, TransactionPlan plan, QObject *receiver,
                     std::function<void(const Result<TransactionOutcome> &)> done) const;

private:
    QPointer<QObject> m_connection; // a RedisConnection
};

} // namespace redscope
