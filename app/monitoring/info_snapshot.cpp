// INFO text is "# Section" headers followed by "key:value" lines, CRLF separated. Values may
// contain ':' (e.g. executable paths on Windows builds, "db0:keys=..."), so only the first ':'
// splits. Unknown sections and keys are kept verbatim for the INFO browser.
#include "monitoring/info_snapshot.h"

#include <QStringList>

namespace redscope {

InfoSnapshot InfoSnapshot::parse(const QByteArray &text, qint64 takenAtMs)
{
    InfoSnapshot snapshot;
    snapshot.m_takenAtMs = takenAtMs;
    const QList<QByteArray> lines = text.split('\n');
    for (QByteArray line : lines) {
        if (line.endsWith('\r')) line.chop(1);
        if (line.trimmed().isEmpty()) continue;
        if (line.startsWith('#')) {
            snapshot.m_sections.append({QString::fromUtf8(line.mid(1).trimmed()), {}});
            continue;
        }
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0) continue;
        if (snapshot.m_sections.isEmpty())
            snapshot.m_sections.append({QStringLiteral("Info"), {}});
        Field field{QString::fromUtf8(line.left(colon)), QString::fromUtf8(line.mid(colon + 1))};
        snapshot.m_index.insert(field.key, field.value);
        snapshot.m_sections.last().fields.append(std::move(field));
    }
    return snapshot;
}

QString InfoSnapshot::value(const QString &key) const
{
    return m_index.value(key);
}

QString InfoSnapshot::value(const QString &section, const QString &key) const
{
    for (const Section &s : m_sections) {
        if (s.name.compare(section, Qt::CaseInsensitive) != 0) continue;
        for (const Field &field : s.fields) {
            if (field.key == key) return field.value;
        }
    }
    return {};
}

std::optional<qint64> InfoSnapshot::integer(const QString &key) const
{
    const auto it = m_index.constFind(key);
    if (it == m_index.constEnd()) return std::nullopt;
    bool ok = false;
    const qint64 result = it->toLongLong(&ok);
    if (ok) return result;
    const double asDouble = it->toDouble(&ok); // e.g. "used_memory_peak_perc" style values
    return ok ? std::optional<qint64>(qint64(asDouble)) : std::nullopt;
}

std::optional<double> InfoSnapshot::number(const QString &key) const
{
    const auto it = m_index.constFind(key);
    if (it == m_index.constEnd()) return std::nullopt;
    bool ok = false;
    const double result = it->toDouble(&ok);
    return ok ? std::optional<double>(result) : std::nullopt;
}

double InfoSnapshot::opsPerSec() const
{
    return number(QStringLiteral("instantaneous_ops_per_sec")).value_or(0.0);
}

std::optional<double> InfoSnapshot::hitRatio() const
{
    const qint64 hits = keyspaceHits();
    const qint64 total = hits + keyspaceMisses();
    if (total <= 0) return std::nullopt;
    return double(hits) / double(total);
}

QMap<int, InfoSnapshot::DbKeys> InfoSnapshot::keysPerDb() const
{
    QMap<int, DbKeys> result;
    for (const Section &section : m_sections) {
        if (section.name.compare(QLatin1String("Keyspace"), Qt::CaseInsensitive) != 0) continue;
        for (const Field &field : section.fields) {
            if (!field.key.startsWith(QLatin1String("db"))) continue;
            bool ok = false;
            const int db = field.key.mid(2).toInt(&ok);
            if (!ok) continue;
            DbKeys keys;
            const QStringList parts = field.value.split(QLatin1Char(','));
            for (const QString &part : parts) {
                const QString name = part.section(QLatin1Char('='), 0, 0);
                const qint64 number = part.section(QLatin1Char('='), 1).toLongLong();
                if (name == QLatin1String("keys"))
                    keys.keys = number;
                else if (name == QLatin1String("expires"))
                    keys.expires = number;
            }
            result.insert(db, keys);
        }
    }
    return result;
}

qint64 InfoSnapshot::totalKeys() const
{
    qint64 total = 0;
    const QMap<int, DbKeys> perDb = keysPerDb();
    for (const DbKeys &keys : perDb)
        total += keys.keys;
    return total;
}

QString InfoSnapshot::formatDuration(qint64 seconds)
{
    if (seconds < 0) seconds = 0;
    const qint64 days = seconds / 86400;
    const QString clock = QStringLiteral("%1:%2:%3")
                              .arg((seconds / 3600) % 24, 2, 10, QLatin1Char('0'))
                              .arg((seconds / 60) % 60, 2, 10, QLatin1Char('0'))
                              .arg(seconds % 60, 2, 10, QLatin1Char('0'));
    return days > 0 ? QStringLiteral("%1d %2").arg(days).arg(clock) : clock;
}

QString InfoSnapshot::formatBytes(double bytes)
{
    static const char *const units[] = {"B", "KB", "MB", "GB", "TB"};
    int unit = 0;
    while (bytes >= 1024.0 && unit < 4) {
        bytes /= 1024.0;
        ++unit;
    }
    if (unit == 0) return QStringLiteral("%1 B").arg(qint64(bytes));
    return QStringLiteral("%1 %2").arg(bytes, 0, 'f', 2).arg(QLatin1String(units[unit]));
}

InfoRates InfoRates::between(const InfoSnapshot &previous, const InfoSnapshot &current)
{
    InfoRates rates;
    rates.hitRatio = current.hitRatio();
    if (previous.isEmpty() || current.isEmpty()) return rates;
    const double seconds = double(current.takenAtMs() - previous.takenAtMs()) / 1000.0;
    if (seconds <= 0) return rates;
    const auto perSec = [seconds](qint64 before, qint64 after) {
        return after >= before ? double(after - before) / seconds : 0.0;
    };
    rates.netInputPerSec = perSec(previous.totalNetInputBytes(), current.totalNetInputBytes());
    rates.netOutputPerSec = perSec(previous.totalNetOutputBytes(), current.totalNetOutputBytes());
    rates.expiredPerSec = perSec(previous.expiredKeys(), current.expiredKeys());
    rates.evictedPerSec = perSec(previous.evictedKeys(), current.evictedKeys());
    const qint64 hits = current.keyspaceHits() - previous.keyspaceHits();
    const qint64 misses = current.keyspaceMisses() - previous.keyspaceMisses();
    if (hits >= 0 && misses >= 0 && hits + misses > 0)
        rates.hitRatio = double(hits) / double(hits + misses);
    return rates;
}

} // namespace redscope
