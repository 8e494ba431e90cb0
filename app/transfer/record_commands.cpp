// Rebuild and RESTORE commands for one key (see record_commands.h).
#include "transfer/record_commands.h"

#include <QDateTime>

namespace redscope {

namespace {

QByteArray bytes(const std::string &s)
{
    return QByteArray(s.data(), qsizetype(s.size()));
}

// Emits `name key` + items in chunks of `per` items (pairs count as `group` items each).
void chunked(const QByteArray &name, const QByteArray &key, const std::vector<std::string> &items,
             int group, bool swapPairs, QList<TransferCommand> *out)
{
    const size_t step = size_t(kRebuildChunk) * size_t(group);
    for (size_t at = 0; at < items.size(); at += step) {
        TransferCommand command{name, key};
        const size_t end = std::min(items.size(), at + step);
        command.reserve(qsizetype(2 + end - at));
        for (size_t i = at; i + size_t(group) <= end; i += size_t(group)) {
            if (swapPairs) { // ZADD takes score before member
                command.append(bytes(items[i + 1]));
                command.append(bytes(items[i]));
            } else {
                for (int g = 0; g < group; ++g)
                    command.append(bytes(items[i + size_t(g)]));
            }
        }
        out->append(std::move(command));
    }
}

} // namespace

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

void appendRebuild(const KeyRecord &record, bool replace, TtlMode ttl, qint64 now,
                   QList<TransferCommand> *out)
{
    const QByteArray &key = record.key;
    const auto &items = record.value.items;
    if (replace) out->append({QByteArrayLiteral("DEL"), key});
    switch (record.value.type) {
    case engine::RdbType::String:
        out->append(
            {QByteArrayLiteral("SET"), key, items.empty() ? QByteArray() : bytes(items[0])});
        break;
    case engine::RdbType::List:
        chunked(QByteArrayLiteral("RPUSH"), key, items, 1, false, out);
        break;
    case engine::RdbType::Set:
        chunked(QByteArrayLiteral("SADD"), key, items, 1, false, out);
        break;
    case engine::RdbType::Hash:
        chunked(QByteArrayLiteral("HSET"), key, items, 2, false, out);
        break;
    case engine::RdbType::ZSet:
        chunked(QByteArrayLiteral("ZADD"), key, items, 2, true, out);
        break;
    case engine::RdbType::Stream:
        for (const auto &entry : record.value.streamEntries) {
            TransferCommand command{QByteArrayLiteral("XADD"), key, bytes(entry.id)};
            for (const auto &f : entry.fields)
                command.append(bytes(f));
            out->append(std::move(command));
        }
        break;
    case engine::RdbType::Module:
        return;
    }
    if (record.expireAtMs >= 0) {
        if (ttl == TtlMode::Absolute)
            out->append(
                {QByteArrayLiteral("PEXPIREAT"), key, QByteArray::number(record.expireAtMs)});
        else
            out->append({QByteArrayLiteral("PEXPIRE"), key,
                         QByteArray::number(qMax<qint64>(1, record.expireAtMs - now))});
    }
}

TransferCommand restoreCommand(const KeyRecord &record, bool replace)
{
    TransferCommand command{QByteArrayLiteral("RESTORE"), record.key,
                            QByteArray::number(qMax<qint64>(0, record.expireAtMs)),
                            bytes(record.payload)};
    if (replace) command.append(QByteArrayLiteral("REPLACE"));
    if (record.expireAtMs >= 0) command.append(QByteArrayLiteral("ABSTTL"));
    return command;
}

void appendResp(const TransferCommand &command, QByteArray *out)
{
    out->append('*').append(QByteArray::number(command.size())).append("\r\n");
    for (const QByteArray &arg : command) {
        out->append('$').append(QByteArray::number(arg.size())).append("\r\n");
        out->append(arg).append("\r\n");
    }
}

} // namespace redscope
