// FunctionService: the Server tab's Functions view asks the server about its function
// libraries (Redis 7.0 FUNCTION): the libraries with their code, what can be known about calls,
// loading, deleting, flushing, dumping and restoring. Typed results; the FUNCTION command
// strings are spelled here only.
//
// "Calls" are what a server can tell: Redis 7.0 counts calls per command, not per function, so
// stats() reports INFO commandstats' totals for FCALL and FCALL_RO and FUNCTION STATS' running
// script (its name, command and duration), never a per-function number.
//
// Writes go through the connection like every other write: on a production connection the
// ProductionGuard holds FUNCTION FLUSH/DELETE/RESTORE and LOAD REPLACE until confirmed, and a
// read-only connection refuses them.
#pragma once

#include "connection/service.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace redscope {

struct FunctionInfo
{
    QString name;
    QString description;
    QStringList flags; // "no-writes", "allow-oom", ...
};

struct FunctionLibrary
{
    QString name;
    QString engine; // "LUA"
    QList<FunctionInfo> functions;
    QString code; // empty unless listed WITHCODE
};

struct FunctionStats
{
    // INFO commandstats; -1 when the server has no entry yet (never called since the reset).
    qint64 fcallCalls = -1;
    qint64 fcallRoCalls = -1;
    qint64 fcallFailed = 0; // failed_calls of both, where the server reports them
    // Why the totals are unknown (INFO refused: "BUSY" while a function runs); empty when read.
    QString callsError;
    // FUNCTION STATS' running_script; empty name when nothing runs.
    QString runningName;
    QStringList runningCommand;
    qint64 runningMs = 0;
    qint64 libraries = 0;
    qint64 functions = 0;
};

class FunctionService : public Service
{
public:
    explicit FunctionService(RedisConnection *connection);

    enum class Flush { Async, Sync };
    // FUNCTION RESTORE's policy: APPEND refuses names that exist, REPLACE overwrites them,
    // FLUSH deletes every library first.
    enum class RestorePolicy { Append, Replace, Flush };

    // FUNCTION LIST WITHCODE, sorted by library name.
    void libraries(QObject *receiver,
                   std::function<void(const Result<QList<FunctionLibrary>> &)> done) const;
    // FUNCTION STATS and INFO commandstats, answered once both replies are in. While a
    // function runs the server refuses INFO (BUSY) but answers FUNCTION STATS: the result is
    // then ok, with the running function and callsError set.
    void stats(QObject *receiver, std::function<void(const Result<FunctionStats> &)> done) const;
    // FUNCTION LOAD [REPLACE]: the library's name, or the server's compile error.
    void load(const QByteArray &code, bool replace, QObject *receiver,
              std::function<void(const Result<QString> &)> done) const;
    void deleteLibrary(const QString &name, QObject *receiver,
                       std::function<void(const Status &)> done) const;
    void flush(Flush mode, QObject *receiver, std::function<void(const Status &)> done) const;
    // FUNCTION DUMP: the binary payload (RDB-style, with checksum) for restore().
    void dump(QObject *receiver, std::function<void(const Result<QByteArray> &)> done) const;
    void restore(const QByteArray &payload, RestorePolicy policy, QObject *receiver,
                 std::function<void(const Status &)> done) const;

    // The parsers, public for tests: FUNCTION LIST (RESP2 flat pairs or RESP3 maps), FUNCTION
    // STATS' running_script into stats, INFO commandstats' fcall lines into stats.
    static QList<FunctionLibrary> parseLibraries(const RedisValue &reply);
    static void parseFunctionStats(const RedisValue &reply, FunctionStats *stats);
    static void parseCommandStats(const QByteArray &info, FunctionStats *stats);
};

} // namespace redscope
