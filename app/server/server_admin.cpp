// ServerAdmin's command strings and the reply parsing each needs (server_replies.h holds the
// parsers of the list replies).
#include "server/server_admin.h"

#include <QCoreApplication>

#include <memory>

namespace redscope {

ServerAdmin::ServerAdmin(RedisConnection *connection)
    : Service(connection)
{
}

void ServerAdmin::config(const QByteArray &name, QObject *receiver,
                         std::function<void(const Result<QString> &)> done) const
{
    request({"CONFIG", "GET", name}, receiver,
            [name, done = std::move(done)](const RedisValue &reply) {
                if (reply.isError()) return done(Result<QString>::failure(reply.text()));
                const QList<ConfigEntry> entries = ServerReplies::parseConfig(reply);
                if (entries.isEmpty()) {
                    return done(Result<QString>::failure(
                        QCoreApplication::translate("ServerAdmin", "Unknown parameter %1")
                            .arg(QString::fromUtf8(name))));
                }
                done({entries.first().value});
            });
}

void ServerAdmin::configAll(QObject *receiver,
                            std::function<void(const Result<QList<ConfigEntry>> &)> done) const
{
    request({"CONFIG", "GET", "*"}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<QList<ConfigEntry>>::failure(reply.text()));
        done({ServerReplies::parseConfig(reply)});
    });
}

void ServerAdmin::setConfig(const QByteArray &name, const QByteArray &value, QObject *receiver,
                            std::function<void(const Status &)> done) const
{
    request({"CONFIG", "SET", name, value}, receiver,
            [done = std::move(done)](const RedisValue &reply) { done(Status::fromReply(reply)); });
}

void ServerAdmin::rewriteConfig(QObject *receiver, std::function<void(const Status &)> done) const
{
    request({"CONFIG", "REWRITE"}, receiver,
            [done = std::move(done)](const RedisValue &reply) { done(Status::fromReply(reply)); });
}

void ServerAdmin::keyspaceEvents(QObject *receiver,
                                 std::function<void(const Result<KeyspaceEvents> &)> done) const
{
    request({"CONFIG", "GET", "notify-keyspace-events"}, receiver,
            [done = std::move(done)](const RedisValue &reply) {
                if (reply.isError()) return done(Result<KeyspaceEvents>::failure(reply.text()));
                const RedisValue::List &parts = reply.elements();
                if (parts.size() != 2) {
                    return done(Result<KeyspaceEvents>::failure(QCoreApplication::translate(
                        "ServerAdmin", "notify-keyspace-events is unknown to the server")));
                }
                done({KeyspaceEvents::parse(parts[1].bytes())});
            });
}

void ServerAdmin::setKeyspaceEvents(const QByteArray &flags, QObject *receiver,
                                    std::function<void(const Status &)> done) const
{
    setConfig("notify-keyspace-events", flags, receiver, std::move(done));
}

void ServerAdmin::clients(QObject *receiver,
                          std::function<void(const Result<Clients> &)> done) const
{
    auto ownId = std::make_shared<qint64>(-1);
    request({"CLIENT", "ID"}, receiver, [ownId](const RedisValue &reply) {
        if (reply.type() == RedisValue::Type::Integer) *ownId = reply.toInteger();
    });
    request({"CLIENT", "LIST"}, receiver, [ownId, done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<Clients>::failure(reply.text()));
        done({Clients{ServerReplies::parseClientList(reply.bytes()), *ownId}});
    });
}

void ServerAdmin::killClients(const QList<qint64> &ids, QObject *receiver,
                              std::function<void(const QStringList &errors)> done) const
{
    if (ids.isEmpty()) return;
    auto left = std::make_shared<int>(int(ids.size()));
    auto errors = std::make_shared<QStringList>();
    for (qint64 id : ids) {
        request({"CLIENT", "KILL", "ID", QByteArray::number(id)}, receiver,
                [id, left, errors, done](const RedisValue &reply) {
                    if (reply.isError())
                        errors->append(QStringLiteral("%1: %2").arg(id).arg(reply.text()));
                    if (--*left == 0) done(*errors);
                });
    }
}

void ServerAdmin::slowlog(int count, QObject *receiver,
                          std::function<void(const Result<QList<SlowlogEntry>> &)> done) const
{
    request({"SLOWLOG", "GET", QByteArray::number(count)}, receiver,
            [done = std::move(done)](const RedisValue &reply) {
                if (reply.isError())
                    return done(Result<QList<SlowlogEntry>>::failure(reply.text()));
                done({ServerReplies::parseSlowlog(reply)});
            });
}

void ServerAdmin::resetSlowlog(QObject *receiver, std::function<void(const Status &)> done) const
{
    request({"SLOWLOG", "RESET"}, receiver,
            [done = std::move(done)](const RedisValue &reply) { done(Status::fromReply(reply)); });
}

void ServerAdmin::info(const QByteArray &section, QObject *receiver,
                       std::function<void(const Result<QByteArray> &)> done) const
{
    request({"INFO", section}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<QByteArray>::failure(reply.text()));
        done({reply.bytes()});
    });
}

void ServerAdmin::latencyLatest(QObject *receiver,
                                std::function<void(const Result<QList<LatencyEvent>> &)> done) const
{
    request({"LATENCY", "LATEST"}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<QList<LatencyEvent>>::failure(reply.text()));
        done({ServerReplies::parseLatencyLatest(reply)});
    });
}

void ServerAdmin::latencyHistory(
    const QByteArray &event, QObject *receiver,
    std::function<void(const Result<QList<LatencySample>> &)> done) const
{
    request({"LATENCY", "HISTORY", event}, receiver,
            [done = std::move(done)](const RedisValue &reply) {
                if (reply.isError())
                    return done(Result<QList<LatencySample>>::failure(reply.text()));
                done({ServerReplies::parseLatencyHistory(reply)});
            });
}

void ServerAdmin::persist(Persistence what, QObject *receiver,
                          std::function<void(const Result<QString> &)> done) const
{
    const QByteArray command = what == Persistence::Save             ? "SAVE"
                               : what == Persistence::BackgroundSave ? "BGSAVE"
                                                                     : "BGREWRITEAOF";
    request({command}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<QString>::failure(reply.text()));
        done({reply.text()});
    });
}

void ServerAdmin::flushDb(QObject *receiver, std::function<void(const Status &)> done) const
{
    request({"FLUSHDB"}, receiver,
            [done = std::move(done)](const RedisValue &reply) { done(Status::fromReply(reply)); });
}

} // namespace redscope
