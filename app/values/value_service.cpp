// ValueService's command strings per key type, and the paging rules: stream pages step past the
// last id themselves (the exclusive "(" form needs Redis 6.2), other types page by cursor or index.
#include "values/value_service.h"

#include <QUuid>

namespace redscope {

// The smallest stream id after `id` ("ms-seq"): XRANGE's start is inclusive, and the
// exclusive "(" form needs Redis 6.2.
static QByteArray nextStreamId(const QByteArray &id)
{
    const qsizetype dash = id.indexOf('-');
    if (dash < 0) return id;
    const qulonglong ms = id.left(dash).toULongLong();
    const qulonglong seq = id.mid(dash + 1).toULongLong();
    if (seq == ~0ULL) return QByteArray::number(ms + 1) + "-0";
    return QByteArray::number(ms) + '-' + QByteArray::number(seq + 1);
}

// The largest stream id before `id`; empty when `id` is 0-0 (nothing comes before it).
static QByteArray previousStreamId(const QByteArray &id)
{
    const qsizetype dash = id.indexOf('-');
    const qulonglong ms = id.left(dash < 0 ? id.size() : dash).toULongLong();
    const qulonglong seq = dash < 0 ? 0 : id.mid(dash + 1).toULongLong();
    if (seq > 0) return QByteArray::number(ms) + '-' + QByteArray::number(seq - 1);
    if (ms == 0) return {};
    return QByteArray::number(ms - 1) + '-' + QByteArray::number(~0ULL);
}

static Result<ValuePage> parsePage(KeyType type, int count, const RedisValue &reply)
{
    if (reply.isError()) return Result<ValuePage>::failure(reply.text());
    ValuePage page;
    if (type == KeyType::Stream) {
        for (const RedisValue &entry : reply.elements()) {
            if (entry.elements().size() != 2) continue;
            QByteArray fields;
            const RedisValue::List &pairs = entry.elements()[1].elements();
            for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
                if (!fields.isEmpty()) fields += '\n';
                fields += pairs[i].bytes() + ": " + pairs[i + 1].bytes();
            }
            page.rows.emplace_back(entry.elements()[0].bytes(), fields);
        }
        page.complete = reply.elements().size() < size_t(count);
        return {page};
    }
    const bool scan = type == KeyType::Hash || type == KeyType::Set;
    const bool scanReply = scan && reply.elements().size() == 2;
    const RedisValue::List &items = scanReply ? reply.elements()[1].elements() : reply.elements();
    if (scanReply) page.cursor = reply.elements()[0].bytes();
    const bool pairs = type == KeyType::Hash || type == KeyType::SortedSet;
    for (size_t i = 0; i < items.size(); i += pairs ? 2 : 1) {
        const QByteArray second =
            pairs && i + 1 < items.size() ? items[i + 1].bytes() : QByteArray();
        page.rows.emplace_back(items[i].bytes(), second);
    }
    if (scan)
        page.complete = page.cursor.isEmpty() || page.cursor == "0";
    else
        page.complete = items.size() < size_t(pairs ? 2 * count : count);
    return {page};
}

ValueService::ValueService(RedisConnection *connection)
    : Service(connection)
{
}

void ValueService::stringLength(const QByteArray &key, QObject *receiver,
                                std::function<void(const Result<qint64> &)> done) const
{
    request({"STRLEN", key}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<qint64>::failure(reply.text()));
        done({reply.toInteger()});
    });
}

void ValueService::stringRange(const QByteArray &key, qint64 start, qint64 end, QObject *receiver,
                               std::function<void(const Result<QByteArray> &)> done) const
{
    request({"GETRANGE", key, QByteArray::number(start), QByteArray::number(end)}, receiver,
            [done = std::move(done)](const RedisValue &reply) {
                if (reply.isError()) return done(Result<QByteArray>::failure(reply.text()));
                done({reply.bytes()});
            });
}

void ValueService::setString(const QByteArray &key, const QByteArray &value, QObject *receiver,
                             std::function<void(const Status &)> done) const
{
    request({"SET", key, value, "KEEPTTL"}, receiver,
            [done = std::move(done)](const RedisValue &reply) { done(Status::fromReply(reply)); });
}

void ValueService::length(const QByteArray &key, KeyType type, QObject *receiver,
                          std::function<void(const Result<qint64> &)> done) const
{
    const char *command = type == KeyType::Hash        ? "HLEN"
                          : type == KeyType::List      ? "LLEN"
                          : type == KeyType::Set       ? "SCARD"
                          : type == KeyType::SortedSet ? "ZCARD"
                                                       : "XLEN";
    request({command, key}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<qint64>::failure(reply.text()));
        done({reply.toInteger()});
    });
}

void ValueService::page(const QByteArray &key, KeyType type, const ValuePageRequest &request,
                        QObject *receiver,
                        std::function<void(const Result<ValuePage> &)> done) const
{
    const QByteArray count = QByteArray::number(request.count);
    const QByteArray start = QByteArray::number(request.start);
    const QByteArray stop = QByteArray::number(request.start + request.count - 1);
    QList<QByteArray> args;
    switch (type) {
    case KeyType::Hash:
        args = {"HSCAN", key, request.cursor, "COUNT", count};
        break;
    case KeyType::Set:
        args = {"SSCAN", key, request.cursor, "COUNT", count};
        break;
    case KeyType::List:
        args = {"LRANGE", key, start, stop};
        break;
    case KeyType::SortedSet:
        args = {request.descending ? "ZREVRANGE" : "ZRANGE", key, start, stop, "WITHSCORES"};
        break;
    case KeyType::Stream: {
        // Newest first pages backwards with XREVRANGE from just before the last id shown.
        QByteArray from = request.fromId;
        if (!request.afterId.isEmpty()) {
            from = request.descending ? previousStreamId(request.afterId)
                                      : nextStreamId(request.afterId);
            if (from.isEmpty()) return done({ValuePage{{}, {}, true}});
        }
        if (request.descending)
            args = {"XREVRANGE", key, from.isEmpty() ? QByteArray("+") : from, "-", "COUNT", count};
        else
            args = {"XRANGE", key, from.isEmpty() ? QByteArray("-") : from, "+", "COUNT", count};
        break;
    }
    default:
        return;
    }
    Service::request(args, receiver,
                     [type, count = request.count, done = std::move(done)](
                         const RedisValue &reply) { done(parsePage(type, count, reply)); });
}

void ValueService::addElement(const QByteArray &key, KeyType type, const QByteArray &element,
                              const QByteArray &second, QObject *receiver,
                              std::function<void(const Status &)> done) const
{
    QList<QByteArray> command;
    switch (type) {
    case KeyType::Hash:
        command = {"HSET", key, element, second};
        break;
    case KeyType::List:
        command = {"RPUSH", key, element};
        break;
    case KeyType::Set:
        command = {"SADD", key, element};
        break;
    case KeyType::SortedSet:
        command = {"ZADD", key, second, element};
        break;
    case KeyType::Stream:
        command = {"XADD", key, "*", element, second};
        break;
    default:
        return;
    }
    requestAll({command}, receiver, std::move(done));
}

void ValueService::setElement(const QByteArray &key, KeyType type, qint64 index,
                              const QByteArray &element, const QByteArray &value, QObject *receiver,
                              std::function<void(const Status &)> done) const
{
    QList<QByteArray> command;
    switch (type) {
    case KeyType::Hash:
        command = {"HSET", key, element, value};
        break;
    case KeyType::List:
        command = {"LSET", key, QByteArray::number(index), value};
        break;
    case KeyType::SortedSet:
        command = {"ZADD", key, "XX", value, element};
        break;
    default:
        return;
    }
    requestAll({command}, receiver, std::move(done));
}

void ValueService::removeElements(const QByteArray &key, KeyType type, const QList<qint64> &indexes,
                                  const QList<QByteArray> &elements, QObject *receiver,
                                  std::function<void(const Status &)> done) const
{
    QList<QList<QByteArray>> commands;
    if (type == KeyType::List) {
        // Lists have no "remove at index": mark the elements with a unique token, then LREM it.
        const QByteArray token = "__redscope_deleted_" + QUuid::createUuid().toByteArray();
        for (qint64 index : indexes)
            commands.append({"LSET", key, QByteArray::number(index), token});
        commands.append({"LREM", key, "0", token});
    } else {
        QList<QByteArray> command{type == KeyType::Hash        ? "HDEL"
                                  : type == KeyType::Set       ? "SREM"
                                  : type == KeyType::SortedSet ? "ZREM"
                                                               : "XDEL",
                                  key};
        command.append(elements);
        commands.append(command);
    }
    requestAll(commands, receiver, std::move(done));
}

} // namespace redscope
