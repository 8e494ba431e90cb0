// SLOWLOG GET entries have 4 fields before Redis 4.0 and 6 since (client address and name);
// both shapes are accepted.
#include "server/server_replies.h"

#include <algorithm>

namespace redscope::ServerReplies {

QList<ClientEntry> parseClientList(const QByteArray &text)
{
    QList<ClientEntry> clients;
    const QList<QByteArray> lines = text.split('\n');
    for (QByteArray line : lines) {
        line = line.trimmed();
        if (line.isEmpty()) continue;
        ClientEntry client;
        // Values never contain spaces except "cmd" in old versions; split on " key=" pairs.
        const QList<QByteArray> pairs = line.split(' ');
        for (const QByteArray &pair : pairs) {
            const qsizetype eq = pair.indexOf('=');
            if (eq <= 0) {
                if (!client.fields.isEmpty()) client.fields.last().second += ' ' + pair;
                continue;
            }
            const QString key = QString::fromUtf8(pair.left(eq));
            const QString value = QString::fromUtf8(pair.mid(eq + 1));
            client.fields.append({key, value});
        }
        for (const auto &[key, value] : std::as_const(client.fields)) {
            if (key == QLatin1String("id"))
                client.id = value.toLongLong();
            else if (key == QLatin1String("addr"))
                client.addr = value;
            else if (key == QLatin1String("name"))
                client.name = value;
            else if (key == QLatin1String("age"))
                client.ageSeconds = value.toLongLong();
            else if (key == QLatin1String("idle"))
                client.idleSeconds = value.toLongLong();
            else if (key == QLatin1String("db"))
                client.db = value.toInt();
            else if (key == QLatin1String("flags"))
                client.flags = value;
            else if (key == QLatin1String("cmd"))
                client.lastCommand = value;
            else if (key == QLatin1String("user"))
                client.user = value;
        }
        clients.append(std::move(client));
    }
    return clients;
}

QList<SlowlogEntry> parseSlowlog(const RedisValue &reply)
{
    QList<SlowlogEntry> entries;
    for (const RedisValue &item : reply.elements()) {
        const RedisValue::List &fields = item.elements();
        if (fields.size() < 4) continue;
        SlowlogEntry entry;
        entry.id = fields[0].toInteger();
        entry.timestamp = fields[1].toInteger();
        entry.durationMicros = fields[2].toInteger();
        for (const RedisValue &arg : fields[3].elements())
            entry.arguments.append(QString::fromUtf8(arg.bytes()));
        if (fields.size() >= 6) {
            entry.clientAddr = fields[4].text();
            entry.clientName = fields[5].text();
        }
        entries.append(std::move(entry));
    }
    return entries;
}

QList<ConfigEntry> parseConfig(const RedisValue &reply)
{
    QList<ConfigEntry> entries;
    const RedisValue::List &flat = reply.elements();
    for (size_t i = 0; i + 1 < flat.size(); i += 2)
        entries.append({flat[i].text(), flat[i + 1].text()});
    std::sort(entries.begin(), entries.end(),
              [](const ConfigEntry &a, const ConfigEntry &b) { return a.name < b.name; });
    return entries;
}

QList<LatencyEvent> parseLatencyLatest(const RedisValue &reply)
{
    QList<LatencyEvent> events;
    for (const RedisValue &item : reply.elements()) {
        const RedisValue::List &fields = item.elements();
        if (fields.size() < 4) continue;
        events.append({fields[0].text(), fields[1].toInteger(), fields[2].toInteger(),
                       fields[3].toInteger()});
    }
    return events;
}

QList<LatencySample> parseLatencyHistory(const RedisValue &reply)
{
    QList<LatencySample> samples;
    for (const RedisValue &item : reply.elements()) {
        const RedisValue::List &fields = item.elements();
        if (fields.size() < 2) continue;
        samples.append({fields[0].toInteger(), fields[1].toInteger()});
    }
    return samples;
}

QStringList parseCommandNames(const RedisValue &reply)
{
    QStringList names;
    const RedisValue::List &elements = reply.elements();
    const bool flat = !elements.empty() && !elements.front().isAggregate();
    const bool isDocs = reply.type() == RedisValue::Type::Map ||
                        (flat && elements.size() > 1 && elements[1].isAggregate());
    if (flat && !isDocs) { // COMMAND LIST: "get", "config|get", ...
        for (const RedisValue &name : elements)
            names.append(name.text().toUpper().replace(QLatin1Char('|'), QLatin1Char(' ')));
    } else if (isDocs) {
        // name, docs, name, docs...; docs may hold "subcommands" -> name, docs, ...
        for (size_t i = 0; i + 1 < elements.size(); i += 2) {
            names.append(elements[i].text().toUpper());
            const RedisValue::List &docs = elements[i + 1].elements();
            for (size_t j = 0; j + 1 < docs.size(); j += 2) {
                if (docs[j].text() != QLatin1String("subcommands")) continue;
                const RedisValue::List &subs = docs[j + 1].elements();
                for (size_t k = 0; k + 1 < subs.size(); k += 2)
                    names.append(subs[k].text().toUpper().replace(QLatin1Char('|'),
                                                                   QLatin1Char(' ')));
            }
        }
    } else {
        for (const RedisValue &command : elements) {
            if (!command.elements().empty())
                names.append(command.elements().front().text().toUpper());
        }
    }
    names.removeDuplicates();
    names.sort();
    return names;
}

} // namespace redscope::ServerReplies
