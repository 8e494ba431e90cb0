// StreamGroupService: XINFO replies are flat field/value arrays in RESP2; they are read by
// field name, so a server that adds fields (or lacks 7.0's entries-read and lag) still parses.
#include "streams/stream_group_service.h"

namespace redscope {

namespace {

// The value of `field` in a flat [field, value, ...] array; nullptr when absent.
const RedisValue *fieldOf(const RedisValue &map, const char *field)
{
    const RedisValue::List &items = map.elements();
    for (size_t i = 0; i + 1 < items.size(); i += 2)
        if (items[i].bytes() == field) return &items[i + 1];
    return nullptr;
}

qint64 integerOf(const RedisValue &map, const char *field, qint64 otherwise = -1)
{
    const RedisValue *value = fieldOf(map, field);
    if (!value || value->isNil()) return otherwise;
    return value->toInteger();
}

QByteArray bytesOf(const RedisValue &map, const char *field)
{
    const RedisValue *value = fieldOf(map, field);
    return value ? value->bytes() : QByteArray();
}

} // namespace

StreamGroupService::StreamGroupService(RedisConnection *connection)
    : Service(connection)
{
}

void StreamGroupService::groups(
    const QByteArray &key, QObject *receiver,
    std::function<void(const Result<std::vector<StreamGroup>> &)> done) const
{
    request({"XINFO", "GROUPS", key}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<std::vector<StreamGroup>>::failure(reply.text()));
        std::vector<StreamGroup> groups;
        for (const RedisValue &map : reply.elements()) {
            StreamGroup group;
            group.name = bytesOf(map, "name");
            group.consumers = integerOf(map, "consumers", 0);
            group.pending = integerOf(map, "pending", 0);
            group.lastDeliveredId = bytesOf(map, "last-delivered-id");
            group.entriesRead = integerOf(map, "entries-read");
            group.lag = integerOf(map, "lag");
            groups.push_back(std::move(group));
        }
        done({std::move(groups)});
    });
}

void StreamGroupService::consumers(
    const QByteArray &key, const QByteArray &group, QObject *receiver,
    std::function<void(const Result<std::vector<StreamConsumer>> &)> done) const
{
    request({"XINFO", "CONSUMERS", key, group}, receiver,
            [done = std::move(done)](const RedisValue &reply) {
                if (reply.isError())
                    return done(Result<std::vector<StreamConsumer>>::failure(reply.text()));
                std::vector<StreamConsumer> consumers;
                for (const RedisValue &map : reply.elements()) {
                    consumers.push_back({bytesOf(map, "name"), integerOf(map, "pending", 0),
                                         integerOf(map, "idle", 0)});
                }
                done({std::move(consumers)});
            });
}

void StreamGroupService::pending(
    const QByteArray &key, const QByteArray &group, const QByteArray &afterId, int count,
    QObject *receiver,
    std::function<void(const Result<std::vector<StreamPendingEntry>> &)> done) const
{
    const QByteArray start = afterId.isEmpty() ? QByteArray("-") : "(" + afterId;
    request({"XPENDING", key, group, start, "+", QByteArray::number(count)}, receiver,
            [done = std::move(done)](const RedisValue &reply) {
                if (reply.isError())
                    return done(Result<std::vector<StreamPendingEntry>>::failure(reply.text()));
                std::vector<StreamPendingEntry> entries;
                for (const RedisValue &entry : reply.elements()) {
                    const RedisValue::List &parts = entry.elements();
                    if (parts.size() < 4) continue;
                    entries.push_back({parts[0].bytes(), parts[1].bytes(), parts[2].toInteger(),
                                       parts[3].toInteger()});
                }
                done({std::move(entries)});
            });
}

void StreamGroupService::ack(const QByteArray &key, const QByteArray &group,
                             const QList<QByteArray> &ids, QObject *receiver,
                             std::function<void(const Status &)> done) const
{
    requestAll({QList<QByteArray>{"XACK", key, group} + ids}, receiver, std::move(done));
}

void StreamGroupService::claim(const QByteArray &key, const QByteArray &group,
                               const QByteArray &consumer, const QList<QByteArray> &ids,
                               QObject *receiver, std::function<void(const Status &)> done) const
{
    requestAll({QList<QByteArray>{"XCLAIM", key, group, consumer, "0"} + ids +
                QList<QByteArray>{"JUSTID"}},
               receiver, std::move(done));
}

void StreamGroupService::setGroupId(const QByteArray &key, const QByteArray &group,
                                    const QByteArray &id, QObject *receiver,
                                    std::function<void(const Status &)> done) const
{
    requestAll({{"XGROUP", "SETID", key, group, id}}, receiver, std::move(done));
}

void StreamGroupService::createGroup(const QByteArray &key, const QByteArray &group,
                                     const QByteArray &id, QObject *receiver,
                                     std::function<void(const Status &)> done) const
{
    requestAll({{"XGROUP", "CREATE", key, group, id}}, receiver, std::move(done));
}

void StreamGroupService::deleteGroup(const QByteArray &key, const QByteArray &group,
                                     QObject *receiver,
                                     std::function<void(const Status &)> done) const
{
    requestAll({{"XGROUP", "DESTROY", key, group}}, receiver, std::move(done));
}

void StreamGroupService::createConsumer(const QByteArray &key, const QByteArray &group,
                                        const QByteArray &consumer, QObject *receiver,
                                        std::function<void(const Status &)> done) const
{
    requestAll({{"XGROUP", "CREATECONSUMER", key, group, consumer}}, receiver, std::move(done));
}

void StreamGroupService::deleteConsumer(const QByteArray &key, const QByteArray &group,
                                        const QByteArray &consumer, QObject *receiver,
                                        std::function<void(const Status &)> done) const
{
    requestAll({{"XGROUP", "DELCONSUMER", key, group, consumer}}, receiver, std::move(done));
}

} // namespace redscope
