// ReplicationStatus parsing: "key:value" lines, CRLF or LF, sections and unknown keys ignored.
#include "mirror/replication_status.h"

#include <QStringList>

namespace redscope {

namespace {

QString field(const QString &text, const QString &key)
{
    const QString prefix = key + QLatin1Char(':');
    const QStringList lines = text.split(QLatin1Char('\n'));
    for (QString line : lines) {
        line = line.trimmed();
        if (line.startsWith(prefix)) return line.mid(prefix.size());
    }
    return {};
}

qint64 number(const QString &text, const QString &key)
{
    bool ok = false;
    const qint64 value = field(text, key).toLongLong(&ok);
    return ok ? value : -1;
}

} // namespace

ReplicationStatus ReplicationStatus::parse(const QString &infoText)
{
    ReplicationStatus s;
    s.replica = field(infoText, QStringLiteral("role")) == QLatin1String("slave");
    s.masterHost = field(infoText, QStringLiteral("master_host"));
    s.masterPort = int(number(infoText, QStringLiteral("master_port")));
    s.linkUp = field(infoText, QStringLiteral("master_link_status")) == QLatin1String("up");
    s.syncing = field(infoText, QStringLiteral("master_sync_in_progress")) == QLatin1String("1");
    s.syncTotalBytes = number(infoText, QStringLiteral("master_sync_total_bytes"));
    s.syncReadBytes = number(infoText, QStringLiteral("master_sync_read_bytes"));
    s.replicaOffset = number(infoText, QStringLiteral("slave_repl_offset"));
    s.masterOffset = number(infoText, QStringLiteral("master_repl_offset"));
    s.linkDownSeconds = number(infoText, QStringLiteral("master_link_down_since_seconds"));
    return s;
}

qint64 ReplicationStatus::usedMemory(const QString &infoText)
{
    return number(infoText, QStringLiteral("used_memory"));
}

qint64 ReplicationStatus::memAvailable(const QString &meminfoText)
{
    // "MemAvailable:   12345678 kB"
    for (const QString &line : meminfoText.split(QLatin1Char('\n'))) {
        if (!line.startsWith(QLatin1String("MemAvailable:"))) continue;
        const QStringList parts = line.mid(13).simplified().split(QLatin1Char(' '));
        bool ok = false;
        const qint64 kb = parts.value(0).toLongLong(&ok);
        return ok ? kb * 1024 : -1;
    }
    return -1;
}

} // namespace redscope
