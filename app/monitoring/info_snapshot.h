// InfoSnapshot: one INFO reply parsed into sections of ordered key/value fields, with typed
// getters for the figures the dashboard and the server views show. InfoRates derives per-second
// rates and interval ratios from two consecutive snapshots (network bytes, expired/evicted keys,
// keyspace hits/misses), since INFO only reports cumulative counters for those.
// Plain values, no QObject: parsing is a pure function, testable on captured INFO text.
#pragma once

#include <QByteArray>
#include <QList>
#include <QMap>
#include <QMetaType>
#include <QString>

#include <optional>

namespace redscope {

class InfoSnapshot
{
public:
    struct Field
    {
        QString key;
        QString value;
    };
    struct Section
    {
        QString name; // as written after "# ", e.g. "Server", "Keyspace"
        QList<Field> fields;
    };
    struct DbKeys
    {
        qint64 keys = 0;
        qint64 expires = 0;
    };

    InfoSnapshot() = default;
    // takenAtMs: when the reply arrived (ms since the epoch), the x of chart points.
    static InfoSnapshot parse(const QByteArray &text, qint64 takenAtMs = 0);

    bool isEmpty() const { return m_sections.isEmpty(); }
    qint64 takenAtMs() const { return m_takenAtMs; }
    const QList<Section> &sections() const { return m_sections; }

    // Lookup by key across sections (INFO keys are unique) or within one section (the name is
    // matched case-insensitively). Empty/nullopt when absent.
    QString value(const QString &key) const;
    QString value(const QString &section, const QString &key) const;
    bool contains(const QString &key) const { return m_index.contains(key); }
    std::optional<qint64> integer(const QString &key) const;
    std::optional<double> number(const QString &key) const;

    // Server
    QString redisVersion() const { return value(QStringLiteral("redis_version")); }
    qint64 uptimeSeconds() const { return integerOr(QStringLiteral("uptime_in_seconds")); }
    QString role() const { return value(QStringLiteral("role")); }
    // Memory
    qint64 usedMemory() const { return integerOr(QStringLiteral("used_memory")); }
    qint64 usedMemoryRss() const { return integerOr(QStringLiteral("used_memory_rss")); }
    qint64 maxMemory() const { return integerOr(QStringLiteral("maxmemory")); } // 0: none
    // Clients
    qint64 connectedClients() const { return integerOr(QStringLiteral("connected_clients")); }
    qint64 blockedClients() const { return integerOr(QStringLiteral("blocked_clients")); }
    // Stats
    double opsPerSec() const;
    qint64 totalNetInputBytes() const
    {
        return integerOr(QStringLiteral("total_net_input_bytes"));
    }
    qint64 totalNetOutputBytes() const
    {
        return integerOr(QStringLiteral("total_net_output_bytes"));
    }
    qint64 keyspaceHits() const { return integerOr(QStringLiteral("keyspace_hits")); }
    qint64 keyspaceMisses() const { return integerOr(QStringLiteral("keyspace_misses")); }
    std::optional<double> hitRatio() const; // since start; nullopt before the first lookup
    qint64 expiredKeys() const { return integerOr(QStringLiteral("expired_keys")); }
    qint64 evictedKeys() const { return integerOr(QStringLiteral("evicted_keys")); }
    // Keyspace: db index -> keys/expires, from "db0:keys=1,expires=0,avg_ttl=0".
    QMap<int, DbKeys> keysPerDb() const;
    qint64 totalKeys() const;
    // Persistence
    bool loading() const { return integerOr(QStringLiteral("loading")) != 0; }
    qint64 rdbChangesSinceLastSave() const
    {
        return integerOr(QStringLiteral("rdb_changes_since_last_save"));
    }
    bool rdbBgsaveInProgress() const
    {
        return integerOr(QStringLiteral("rdb_bgsave_in_progress")) != 0;
    }
    qint64 rdbLastSaveTime() const { return integerOr(QStringLiteral("rdb_last_save_time")); }
    QString rdbLastBgsaveStatus() const { return value(QStringLiteral("rdb_last_bgsave_status")); }
    bool aofEnabled() const { return integerOr(QStringLiteral("aof_enabled")) != 0; }
    bool aofRewriteInProgress() const
    {
        return integerOr(QStringLiteral("aof_rewrite_in_progress")) != 0;
    }
    bool aofRewriteScheduled() const
    {
        return integerOr(QStringLiteral("aof_rewrite_scheduled")) != 0;
    }
    QString aofLastRewriteStatus() const
    {
        return value(QStringLiteral("aof_last_bgrewrite_status"));
    }
    QString aofLastWriteStatus() const { return value(QStringLiteral("aof_last_write_status")); }

    // "1d 02:03:04" style, for header cards.
    static QString formatDuration(qint64 seconds);
    // "1.50 MB" style (binary units, as redis' used_memory_human).
    static QString formatBytes(double bytes);

private:
    qint64 integerOr(const QString &key, qint64 fallback = 0) const
    {
        return integer(key).value_or(fallback);
    }

    qint64 m_takenAtMs = 0;
    QList<Section> m_sections;
    QMap<QString, QString> m_index; // key -> value over all sections
};

// Figures that need two snapshots. All per-second values are 0 for the first snapshot.
struct InfoRates
{
    double netInputPerSec = 0;  // bytes/s
    double netOutputPerSec = 0; // bytes/s
    double expiredPerSec = 0;
    double evictedPerSec = 0;
    std::optional<double> hitRatio; // over the interval; cumulative when nothing was looked up

    // previous may be empty (first snapshot). A counter going backwards (server restart,
    // CONFIG RESETSTAT) yields 0 for that interval instead of a negative spike.
    static InfoRates between(const InfoSnapshot &previous, const InfoSnapshot &current);
};

} // namespace redscope

Q_DECLARE_METATYPE(redscope::InfoSnapshot)
Q_DECLARE_METATYPE(redscope::InfoRates)
