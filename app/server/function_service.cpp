// FUNCTION replies are maps (RESP3) or flat [name, value, ...] arrays (RESP2); both read the
// same through field(). Unknown fields are ignored, so a later server adding one still parses.
#include "server/function_service.h"

#include <QCoreApplication>

#include <algorithm>
#include <memory>

namespace redscope {

namespace {

// The value of a field of a flat name/value list; a Nil value when absent.
const RedisValue &field(const RedisValue &map, const char *name)
{
    static const RedisValue missing;
    const RedisValue::List &items = map.elements();
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
        if (items[i].bytes() == name) return items[i + 1];
    }
    return missing;
}

QStringList texts(const RedisValue &list)
{
    QStringList out;
    for (const RedisValue &item : list.elements())
        out.append(item.text());
    return out;
}

// "calls=12,usec=40,..." -> the value of key; -1 when absent.
qint64 statField(const QByteArray &line, const QByteArray &key)
{
    for (const QByteArray &pair : line.split(',')) {
        const qsizetype eq = pair.indexOf('=');
        if (eq > 0 && pair.left(eq) == key) return pair.mid(eq + 1).toLongLong();
    }
    return -1;
}

} // namespace

FunctionService::FunctionService(RedisConnection *connection)
    : Service(connection)
{
}

QList<FunctionLibrary> FunctionService::parseLibraries(const RedisValue &reply)
{
    QList<FunctionLibrary> libraries;
    for (const RedisValue &item : reply.elements()) {
        FunctionLibrary library;
        library.name = field(item, "library_name").text();
        library.engine = field(item, "engine").text();
        library.code = field(item, "library_code").text();
        for (const RedisValue &fn : field(item, "functions").elements()) {
            FunctionInfo info;
            info.name = field(fn, "name").text();
            info.description = field(fn, "description").text();
            info.flags = texts(field(fn, "flags"));
            library.functions.append(std::move(info));
        }
        std::sort(library.functions.begin(), library.functions.end(),
                  [](const FunctionInfo &a, const FunctionInfo &b) { return a.name < b.name; });
        libraries.append(std::move(library));
    }
    std::sort(libraries.begin(), libraries.end(),
              [](const FunctionLibrary &a, const FunctionLibrary &b) { return a.name < b.name; });
    return libraries;
}

void FunctionService::parseFunctionStats(const RedisValue &reply, FunctionStats *stats)
{
    const RedisValue &running = field(reply, "running_script");
    stats->runningName = field(running, "name").text();
    stats->runningCommand = texts(field(running, "command"));
    stats->runningMs = field(running, "duration_ms").toInteger();
    // engines -> LUA -> {libraries_count, functions_count}; summed over engines.
    stats->libraries = 0;
    stats->functions = 0;
    const RedisValue::List &engines = field(reply, "engines").elements();
    for (size_t i = 0; i + 1 < engines.size(); i += 2) {
        stats->libraries += field(engines[i + 1], "libraries_count").toInteger();
        stats->functions += field(engines[i + 1], "functions_count").toInteger();
    }
}

void FunctionService::parseCommandStats(const QByteArray &info, FunctionStats *stats)
{
    stats->fcallCalls = -1;
    stats->fcallRoCalls = -1;
    stats->fcallFailed = 0;
    for (QByteArray line : info.split('\n')) {
        line = line.trimmed();
        qint64 *calls = nullptr;
        QByteArray rest;
        if (line.startsWith("cmdstat_fcall:")) {
            calls = &stats->fcallCalls;
            rest = line.mid(int(sizeof("cmdstat_fcall:")) - 1);
        } else if (line.startsWith("cmdstat_fcall_ro:")) {
            calls = &stats->fcallRoCalls;
            rest = line.mid(int(sizeof("cmdstat_fcall_ro:")) - 1);
        } else {
            continue;
        }
        *calls = statField(rest, "calls");
        stats->fcallFailed += qMax<qint64>(0, statField(rest, "failed_calls"));
    }
}

void FunctionService::libraries(
    QObject *receiver, std::function<void(const Result<QList<FunctionLibrary>> &)> done) const
{
    request({"FUNCTION", "LIST", "WITHCODE"}, receiver,
            [done = std::move(done)](const RedisValue &reply) {
                if (reply.isError())
                    return done(Result<QList<FunctionLibrary>>::failure(reply.text()));
                done({parseLibraries(reply)});
            });
}

void FunctionService::stats(QObject *receiver,
                            std::function<void(const Result<FunctionStats> &)> done) const
{
    // Two requests, one answer: the second reply completes it (replies arrive in order).
    auto stats = std::make_shared<Result<FunctionStats>>();
    request({"FUNCTION", "STATS"}, receiver, [stats](const RedisValue &reply) {
        if (reply.isError())
            *stats = Result<FunctionStats>::failure(reply.text());
        else
            parseFunctionStats(reply, &stats->value);
    });
    request({"INFO", "commandstats"}, receiver,
            [stats, done = std::move(done)](const RedisValue &reply) {
                if (stats->ok() && reply.isError()) stats->value.callsError = reply.text();
                if (stats->ok() && !reply.isError())
                    parseCommandStats(reply.bytes(), &stats->value);
                done(*stats);
            });
}

void FunctionService::load(const QByteArray &code, bool replace, QObject *receiver,
                           std::function<void(const Result<QString> &)> done) const
{
    QList<QByteArray> args{"FUNCTION", "LOAD"};
    if (replace) args.append("REPLACE");
    args.append(code);
    request(args, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<QString>::failure(reply.text()));
        done({reply.text()});
    });
}

void FunctionService::deleteLibrary(const QString &name, QObject *receiver,
                                    std::function<void(const Status &)> done) const
{
    request({"FUNCTION", "DELETE", name.toUtf8()}, receiver,
            [done = std::move(done)](const RedisValue &reply) { done(Status::fromReply(reply)); });
}

void FunctionService::flush(Flush mode, QObject *receiver,
                            std::function<void(const Status &)> done) const
{
    request({"FUNCTION", "FLUSH", mode == Flush::Async ? "ASYNC" : "SYNC"}, receiver,
            [done = std::move(done)](const RedisValue &reply) { done(Status::fromReply(reply)); });
}

void FunctionService::dump(QObject *receiver,
                           std::function<void(const Result<QByteArray> &)> done) const
{
    request({"FUNCTION", "DUMP"}, receiver, [done = std::move(done)](const RedisValue &reply) {
        if (reply.isError()) return done(Result<QByteArray>::failure(reply.text()));
        if (reply.type() != RedisValue::Type::String) {
            return done(Result<QByteArray>::failure(QCoreApplication::translate(
                "FunctionService", "FUNCTION DUMP did not answer with a payload")));
        }
        done({reply.bytes()});
    });
}

void FunctionService::restore(const QByteArray &payload, RestorePolicy policy, QObject *receiver,
                              std::function<void(const Status &)> done) const
{
    const QByteArray word = policy == RestorePolicy::Append    ? "APPEND"
                            : policy == RestorePolicy::Replace ? "REPLACE"
                                                               : "FLUSH";
    request({"FUNCTION", "RESTORE", payload, word}, receiver,
            [done = std::move(done)](const RedisValue &reply) { done(Status::fromReply(reply)); });
}

} // namespace redscope
