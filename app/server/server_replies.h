// Parsers for the admin replies the server views show: CLIENT LIST, SLOWLOG GET, CONFIG GET,
// LATENCY LATEST/HISTORY. Each turns a RedisValue (or the text inside it) into plain structs,
// so the table models only adapt data and the parsing is tested on its own. Replies from
// servers that lack a field yield defaults rather than errors: the engine and Redis versions
// differ in what they report.
#pragma once

#include "connection/redis_value.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace redscope {

struct ClientEntry
{
    qint64 id = 0;
    QString addr;
    QString name;
    qint64 ageSeconds = 0;
    qint64 idleSeconds = 0;
    int db = 0;
    QString flags;
    QString lastCommand;
    QString user;
    QList<std::pair<QString, QString>> fields; // everything, in server order
};

struct SlowlogEntry
{
    qint64 id = 0;
    qint64 timestamp = 0; // unix seconds
    qint64 durationMicros = 0;
    QStringList arguments;
    QString clientAddr;
    QString clientName;
};

struct ConfigEntry
{
    QString name;
    QString value;
};

struct LatencyEvent
{
    QString name;
    qint64 latestTimestamp = 0;
    qint64 latestMs = 0;
    qint64 maxMs = 0;
};

struct LatencySample
{
    qint64 timestamp = 0;
    qint64 ms = 0;
};

namespace ServerReplies {

// CLIENT LIST: one line per client, space-separated key=value pairs.
QList<ClientEntry> parseClientList(const QByteArray &text);
QList<SlowlogEntry> parseSlowlog(const RedisValue &reply);
// CONFIG GET: flat [name, value, ...] array (RESP2) or map (RESP3); sorted by name.
QList<ConfigEntry> parseConfig(const RedisValue &reply);
QList<LatencyEvent> parseLatencyLatest(const RedisValue &reply);
QList<LatencySample> parseLatencyHistory(const RedisValue &reply);
// COMMAND LIST (flat names, "config|get"), COMMAND DOCS (name -> docs map) or COMMAND (array
// of arrays): upper-case command names, sorted, with "CONFIG GET"-style subcommands where the
// reply lists them.
QStringList parseCommandNames(const RedisValue &reply);

} // namespace ServerReplies

} // namespace redscope
