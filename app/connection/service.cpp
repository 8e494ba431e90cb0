// Service's plumbing: requests go through the receiver's RequestScope on the wrapped connection;
// a missing connection or receiver drops the request, as the header promises.
#include "connection/service.h"

#include "connection/redis_connection.h"
#include "connection/request_scope.h"
#include "connection/transaction.h"

#include <QCoreApplication>

#include <memory>

namespace redscope {

Status Status::fromReply(const RedisValue &reply)
{
    return reply.isError() ? failure(reply.text()) : Status{};
}

Service::Service(RedisConnection *connection)
    : m_connection(connection)
{
}

RedisConnection *Service::connection() const
{
    return static_cast<RedisConnection *>(m_connection.data());
}

bool Service::isReady() const
{
    return connection() && connection()->state() == RedisConnection::State::Ready;
}

ConnectionSettings Service::settings() const
{
    return connection() ? connection()->settings() : ConnectionSettings();
}

int Service::currentDb() const
{
    return connection() ? connection()->currentDb() : 0;
}

ClusterRouter *Service::cluster() const
{
    return connection() ? connection()->cluster() : nullptr;
}

bool Service::switchTo(RedisConnection *connection, QObject *receiver)
{
    if (connection == this->connection()) return false;
    if (RequestScope *scope = RequestScope::of(receiver)) scope->cancelAll();
    m_connection = connection;
    return true;
}

QMetaObject::Connection Service::whenReady(QObject *receiver, std::function<void()> fn) const
{
    RedisConnection *target = connection();
    if (!target || !receiver) return {};
    return QObject::connect(target, &RedisConnection::stateChanged, receiver,
                            [fn = std::move(fn)](RedisConnection::State state) {
                                if (state == RedisConnection::State::Ready) fn();
                            });
}

QMetaObject::Connection Service::whenDbChanged(QObject *receiver,
                                               std::function<void(int db)> fn) const
{
    RedisConnection *target = connection();
    if (!target || !receiver) return {};
    return QObject::connect(target, &RedisConnection::currentDbChanged, receiver, std::move(fn));
}

void Service::request(const QList<QByteArray> &args, QObject *receiver, Callback callback,
                      bool confirmed) const
{
    RedisConnection *target = connection();
    if (!target || !receiver) return;
    RequestScope::of(receiver)->send(target, args, std::move(callback), -1, confirmed);
}

void Service::requestAll(const QList<QList<QByteArray>> &commands, QObject *receiver,
                         std::function<void(const Status &)> done) const
{
    if (commands.isEmpty()) {
        if (done) done({});
        return;
    }
    auto left = std::make_shared<int>(int(commands.size()));
    auto status = std::make_shared<Status>();
    for (const QList<QByteArray> &command : commands) {
        request(command, receiver, [left, status, done](const RedisValue &reply) {
            if (reply.isError() && status->ok()) *status = Status::fromReply(reply);
            if (--*left == 0 && done) done(*status);
        });
    }
}

void Service::transaction(const QByteArray &key, TransactionPlan plan, QObject *receiver,
                          std::function<void(const Result<TransactionOutcome> &)> done) const
{
    RedisConnection *target = connection();
    if (!target || !receiver) return;
    Internal::TransactionChannel *channel = RequestScope::of(receiver)->transactions(target, key);
    if (!channel) {
        if (done)
            done(Result<TransactionOutcome>::failure(QCoreApplication::translate(
                "redscope::Service", "The cluster node that holds the key is not known yet")));
        return;
    }
    channel->run(target->cluster() ? 0 : target->currentDb(), std::move(plan), std::move(done));
}

} // namespace redscope
