// ValueService's command strings per key type, and the paging rules: stream pages step past the
// last id themselves (the exclusive "(" form needs Redis 6.2), other types page by cursor or index.
#include "values/value_service.h"

#include <QObject>
#include <QUuid>

#include <memory>

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

static Result<ValuePage> parsePage(KeyType type, bool scan, int count, const RedisValue &reply)
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

void ValueService::scoreCount(const QByteArray &key, const QByteArray &min, const QByteArray &max,
                              QObject *receiver,
                              std::function<void(const Result<qint64> &)> done) const
{
    request({"ZCOUNT", key, min, max}, receiver, [done = std::move(done)](const RedisValue &reply) {
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
        if (request.scan) {
            args = {"ZSCAN", key, request.cursor, "COUNT", count};
        } else if (!request.minScore.isEmpty()) {
            if (request.descending)
                args = {"ZREVRANGEBYSCORE", key, request.maxScore, request.minScore};
            else
                args = {"ZRANGEBYSCORE", key, request.minScore, request.maxScore};
            args += {"WITHSCORES", "LIMIT", start, count};
        } else {
            args = {request.descending ? "ZREVRANGE" : "ZRANGE", key, start, stop, "WITHSCORES"};
        }
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
    const bool scan = type == KeyType::Hash || type == KeyType::Set ||
                      (type == KeyType::SortedSet && request.scan);
    if (scan && !request.match.isEmpty()) { // KEY cursor MATCH pattern COUNT n
        args.insert(3, "MATCH");
        args.insert(4, request.match);
    }
    Service::request(args, receiver,
                     [type, scan, count = request.count, done = std::move(done)](
                         const RedisValue &reply) { done(parsePage(type, scan, count, reply)); });
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

// The reply of the check, compared with what the user saw: nil is Gone.
static EditOutcome compareElement(KeyType type, const ElementEdit &edit, const RedisValue &reply)
{
    EditOutcome outcome;
    if (reply.isNil() || (type == KeyType::Set && reply.toInteger() == 0)) {
        outcome.kind = EditOutcome::Kind::Gone;
        return outcome;
    }
    if (type == KeyType::Set) return outcome;
    const QByteArray current = reply.bytes();
    bool same = false;
    if (type == KeyType::SortedSet) {
        bool ok = false, okSeen = false;
        const double now = current.toDouble(&ok);
        const double seen = edit.second.toDouble(&okSeen);
        same = ok && okSeen ? now == seen : current == edit.second;
    } else {
        same = current == (type == KeyType::List ? edit.element : edit.second);
    }
    if (!same) {
        outcome.kind = EditOutcome::Kind::Changed;
        outcome.current = current;
    }
    return outcome;
}

static QList<QList<QByteArray>> editCommands(const QByteArray &key, KeyType type,
                                             const ElementEdit &edit)
{
    const bool renamed = edit.newElement != edit.element;
    switch (type) {
    case KeyType::Hash:
        if (!renamed) return {{"HSET", key, edit.element, edit.newSecond}};
        return {{"HSET", key, edit.newElement, edit.newSecond}, {"HDEL", key, edit.element}};
    case KeyType::List:
        return {{"LSET", key, QByteArray::number(edit.index), edit.newElement}};
    case KeyType::Set: // add first: removing the last member first would delete the key
        if (!renamed) return {};
        return {{"SADD", key, edit.newElement}, {"SREM", key, edit.element}};
    case KeyType::SortedSet:
        if (!renamed) return {{"ZADD", key, "XX", edit.newSecond, edit.element}};
        return {{"ZADD", key, edit.newSecond, edit.newElement}, {"ZREM", key, edit.element}};
    default:
        return {};
    }
}

void ValueService::editElement(const QByteArray &key, KeyType type, const ElementEdit &edit,
                               bool force, QObject *receiver,
                               std::function<void(const Result<EditOutcome> &)> done) const
{
    QList<QByteArray> check;
    switch (type) {
    case KeyType::Hash:
        check = {"HGET", key, edit.element};
        break;
    case KeyType::List:
        check = {"LINDEX", key, QByteArray::number(edit.index)};
        break;
    case KeyType::Set:
        check = {"SISMEMBER", key, edit.element};
        break;
    case KeyType::SortedSet:
        check = {"ZSCORE", key, edit.element};
        break;
    default:
        return done(Result<EditOutcome>::failure(QStringLiteral("not an editable type")));
    }
    const QList<QList<QByteArray>> write = editCommands(key, type, edit);
    // The service is a small value: the write is sent through a copy of it.
    request(check, receiver,
            [service = *this, type, edit, force, write, receiver,
             done = std::move(done)](const RedisValue &reply) {
                if (reply.isError()) return done(Result<EditOutcome>::failure(reply.text()));
                const EditOutcome outcome = compareElement(type, edit, reply);
                if (outcome.kind != EditOutcome::Kind::Written && !force) return done({outcome});
                service.requestAll(write, receiver, [done](const Status &status) {
                    if (!status.ok()) return done(Result<EditOutcome>::failure(status.error));
                    done({EditOutcome{}});
                });
            });
}

void ValueService::removeElements(const QByteArray &key, KeyType type, const QList<qint64> &indexes,
                                  const QList<QByteArray> &elements, QObject *receiver,
                                  std::function<void(const Status &)> done) const
{
    QList<QList<QByteArray>> commands;
    if (type == KeyType::List && elements.size() == indexes.size()) {
        // Check every position first: a list that shifted meanwhile would lose other elements.
        QList<QList<QByteArray>> checks;
        for (qint64 index : indexes)
            checks.append({"LINDEX", key, QByteArray::number(index)});
        auto left = std::make_shared<qsizetype>(checks.size());
        auto same = std::make_shared<bool>(true);
        for (qsizetype i = 0; i < checks.size(); ++i) {
            request(checks[i], receiver,
                    [service = *this, key, indexes, elements, receiver, i, left, same,
                     done](const RedisValue &reply) {
                        if (reply.isError() || reply.isNil() || reply.bytes() != elements[i])
                            *same = false;
                        if (--*left > 0) return;
                        if (!*same)
                            return done(Status::failure(QObject::tr(
                                "The list changed on the server since it was read: nothing was "
                                "removed. Reload and try again.")));
                        service.removeElements(key, KeyType::List, indexes, {}, receiver, done);
                    });
        }
        return;
    }
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
