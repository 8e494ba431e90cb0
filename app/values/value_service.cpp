// ValueService's command strings per key type, and the paging rules: stream pages step past the
// last id themselves (the exclusive "(" form needs Redis 6.2), other types page by cursor or index.
#include "values/value_service.h"

#include "connection/transaction.h"

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
    const QByteArray current = reply.type() == RedisValue::Type::Double && reply.bytes().isEmpty()
                                   ? QByteArray::number(reply.toDouble(), 'g', 17)
                                   : reply.bytes();
    bool same = false;
    if (type == KeyType::SortedSet) {
        bool ok = false, okSeen = false;
        const double now = reply.type() == RedisValue::Type::Double ? (ok = true, reply.toDouble())
                                                                    : current.toDouble(&ok);
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
    case KeyType::SortedSet: // under WATCH the member is there (or the user chose to add it)
        if (!renamed) return {{"ZADD", key, edit.newSecond, edit.element}};
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
    optimisticWrite(
        key, {check},
        [type, edit](const QList<RedisValue> &reads) -> Result<EditOutcome> {
            const RedisValue &reply = reads.value(0);
            if (reply.isError()) return Result<EditOutcome>::failure(reply.text());
            return {compareElement(type, edit, reply)};
        },
        editCommands(key, type, edit), force, receiver, std::move(done));
}

void ValueService::replaceString(const QByteArray &key, const QByteArray &seen,
                                 const QByteArray &value, bool force, QObject *receiver,
                                 std::function<void(const Result<EditOutcome> &)> done) const
{
    optimisticWrite(
        key, {{"GET", key}},
        [seen](const QList<RedisValue> &reads) -> Result<EditOutcome> {
            const RedisValue &reply = reads.value(0);
            if (reply.isError()) return Result<EditOutcome>::failure(reply.text());
            EditOutcome outcome;
            if (reply.isNil()) {
                outcome.kind = EditOutcome::Kind::Gone;
            } else if (reply.bytes() != seen) {
                outcome.kind = EditOutcome::Kind::Changed;
                outcome.current = reply.bytes();
            }
            return {outcome};
        },
        {{"SET", key, value, "KEEPTTL"}}, force, receiver, std::move(done));
}

void ValueService::patchString(const QByteArray &key, const QList<BytePatch> &patches, bool force,
                               QObject *receiver,
                               std::function<void(const Result<EditOutcome> &)> done) const
{
    // EXISTS first: a missing key reads as "" everywhere, which is Gone, not Changed.
    QList<QList<QByteArray>> reads{{"EXISTS", key}};
    QList<QList<QByteArray>> writes;
    for (const BytePatch &patch : patches) {
        const QByteArray start = QByteArray::number(patch.offset);
        reads.append(
            {"GETRANGE", key, start, QByteArray::number(patch.offset + patch.before.size() - 1)});
        writes.append({"SETRANGE", key, start, patch.after});
    }
    optimisticWrite(
        key, reads,
        [patches](const QList<RedisValue> &replies) -> Result<EditOutcome> {
            EditOutcome outcome;
            for (const RedisValue &reply : replies) {
                if (reply.isError()) return Result<EditOutcome>::failure(reply.text());
            }
            if (replies.value(0).toInteger() == 0) {
                outcome.kind = EditOutcome::Kind::Gone;
                return {outcome};
            }
            for (qsizetype i = 0; i < patches.size(); ++i) {
                const QByteArray now = replies.value(i + 1).bytes();
                if (now == patches[i].before) continue;
                outcome.kind = EditOutcome::Kind::Changed;
                outcome.offset = patches[i].offset;
                outcome.current = now;
                break;
            }
            return {outcome};
        },
        writes, force, receiver, std::move(done));
}

void ValueService::optimisticWrite(const QByteArray &key, const QList<QList<QByteArray>> &reads,
                                   Check check, const QList<QList<QByteArray>> &writes, bool force,
                                   QObject *receiver, EditDone done, int attempt) const
{
    auto found = std::make_shared<Result<EditOutcome>>();
    TransactionPlan plan;
    plan.watch = {key};
    plan.reads = reads;
    plan.decide = [found, check, writes,
                   force](const QList<RedisValue> &replies) -> std::optional<QList<Command>> {
        *found = check(replies);
        if (!found->ok()) return std::nullopt;
        if (found->value.kind != EditOutcome::Kind::Written && !force) return std::nullopt;
        return writes;
    };
    // The service is a small value: a retry goes through a copy of it.
    transaction(key, std::move(plan), receiver,
                [service = *this, key, reads, check, writes, force, receiver, done, attempt,
                 found](const Result<TransactionOutcome> &result) {
                    if (!result.ok()) return done(Result<EditOutcome>::failure(result.error));
                    switch (result.value.kind) {
                    case TransactionOutcome::Kind::Declined:
                        return done(*found);
                    case TransactionOutcome::Kind::Aborted:
                        if (attempt >= kAttempts)
                            return done(Result<EditOutcome>::failure(QObject::tr(
                                "The key kept changing on the server while it was being "
                                "written: nothing was written. Try again.")));
                        return service.optimisticWrite(key, reads, check, writes, force, receiver,
                                                       done, attempt + 1);
                    case TransactionOutcome::Kind::Committed:
                        for (const RedisValue &reply : result.value.results) {
                            if (reply.isError())
                                return done(Result<EditOutcome>::failure(reply.text()));
                        }
                        return done({EditOutcome{}});
                    }
                });
}

void ValueService::removeElements(const QByteArray &key, KeyType type, const QList<qint64> &indexes,
                                  const QList<QByteArray> &elements, QObject *receiver,
                                  std::function<void(const Status &)> done) const
{
    QList<QList<QByteArray>> commands;
    if (type == KeyType::List && elements.size() == indexes.size()) {
        // Every position must still hold its element (a list that shifted meanwhile would lose
        // other elements): checked under WATCH, removed in the same transaction.
        QList<QList<QByteArray>> checks;
        for (qint64 index : indexes)
            checks.append({"LINDEX", key, QByteArray::number(index)});
        const QByteArray token = "__redscope_deleted_" + QUuid::createUuid().toByteArray();
        QList<QList<QByteArray>> writes;
        for (qint64 index : indexes)
            writes.append({"LSET", key, QByteArray::number(index), token});
        writes.append({"LREM", key, "0", token});
        optimisticWrite(
            key, checks,
            [elements](const QList<RedisValue> &replies) -> Result<EditOutcome> {
                EditOutcome outcome;
                for (qsizetype i = 0; i < replies.size(); ++i) {
                    if (replies[i].isError())
                        return Result<EditOutcome>::failure(replies[i].text());
                    if (replies[i].isNil() || replies[i].bytes() != elements.value(i))
                        outcome.kind = EditOutcome::Kind::Changed;
                }
                return {outcome};
            },
            writes, false, receiver,
            [done](const Result<EditOutcome> &outcome) {
                if (!outcome.ok()) return done(Status::failure(outcome.error));
                if (outcome.value.kind != EditOutcome::Kind::Written)
                    return done(Status::failure(
                        QObject::tr("The list changed on the server since it was read: nothing was "
                                    "removed. Reload and try again.")));
                done({});
            });
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
