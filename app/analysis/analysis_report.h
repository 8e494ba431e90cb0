// AnalysisReport: the result of a memory analysis, whatever its source (a dump.rdb walked
// offline, a snapshot pulled from a server, a live SCAN). Plain data the report view shows,
// saved as JSON per connection, exported as JSON and CSV. Built by ReportBuilder
// (report_builder.h), which keeps its memory bounded: the namespace tree is capped and top
// lists are fixed-size, so a report of ten million keys is a few MB at most.
#pragma once

#include "keys/key_type.h"

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

#include <array>
#include <optional>

class QJsonObject;

namespace redscope {

enum class AnalysisSource { RdbFile, Snapshot, Live, Mirror };

struct AnalysisTotals
{
    quint64 keys = 0;
    quint64 bytes = 0;
    quint64 elements = 0;
    quint64 withExpiry = 0;
};

struct AnalysisGroup // a row of the type, encoding or database tables
{
    QString name; // "hash", "hash/listpack", "db0"
    AnalysisTotals totals;
};

struct AnalysisKey // a row of the top-keys tables
{
    int db = 0;
    QByteArray key;
    KeyType type = KeyType::Other;
    QString typeName; // TYPE's word, or the module's name
    QString encoding;
    quint64 bytes = 0;
    quint64 elements = 0;
    qint64 ttlMs = -1;      // -1: no expiry
    bool estimated = false; // bytes from MEMORY USAGE sampling some of its elements
};

// The namespace tree as a flat array: node 0 is the root (every key); children indexes are
// sorted by bytes, largest first. Keys count in their deepest namespace and every ancestor.
struct NamespaceNode
{
    QString name; // the segment ("user"); "(other)" folds what exceeded the caps
    QString path; // "user:session"
    int parent = -1;
    QList<int> children;
    quint64 keys = 0;
    quint64 bytes = 0;
    quint64 withExpiry = 0;
    quint64 directKeys = 0; // keys whose namespace is exactly this node
};

enum class FindingKind {
    BigKey,
    EncodingLimit,
    MissingTtl,
    CompressibleStrings,
};

struct AnalysisFinding
{
    FindingKind kind = FindingKind::BigKey;
    QString title;           // one sentence
    QString detail;          // the evidence, in words
    QStringList examples;    // key names (with "dbN " prefix when not db0)
    QString configChange;    // e.g. "CONFIG SET hash-max-listpack-entries 256"
    quint64 savingBytes = 0; // estimated, 0 when not applicable
};

struct AnalysisReport
{
    // Where and when
    AnalysisSource source = AnalysisSource::RdbFile;
    QString sourceName; // file path, or connection name
    QString connectionName;
    QDateTime createdAt;
    QDateTime dataTime;         // when the data was taken (RDB ctime, scan start)
    bool bytesModelled = false; // offline: a model of Redis 7.0's memory, not measured
    bool partial = false;       // stopped early: a clearly labelled partial result
    QString partialReason;
    QString separator = QStringLiteral(":");
    QString serverVersion; // redis-ver aux field, or INFO's
    double seconds = 0;    // how long the analysis took
    // Live scans: the keys whose bytes are MEMORY USAGE estimates (collections of more
    // elements than the SAMPLES the scan used; 0 samples: none), and their share of bytes.
    int memorySamples = 0;
    quint64 estimatedKeys = 0;
    quint64 estimatedBytes = 0;

    AnalysisTotals totals;
    QList<AnalysisGroup> byType;
    QList<AnalysisGroup> byEncoding;
    QList<AnalysisGroup> byDb;
    QList<NamespaceNode> namespaces; // [0] is the root
    QList<AnalysisKey> topByBytes;
    QList<AnalysisKey> topByElements;

    // TTL buckets: no TTL, < 1 h, < 1 day, < 1 week, later
    static constexpr int kTtlBuckets = 5;
    std::array<quint64, kTtlBuckets> ttlKeys{};
    std::array<quint64, kTtlBuckets> ttlBytes{};
    quint64 expiringWithinHour = 0;
    // Idle time (LRU policies) and access frequency (LFU policies), when recorded
    static constexpr int kIdleBuckets = 5; // < 1 min, < 1 h, < 1 day, < 1 week, older
    std::array<quint64, kIdleBuckets> idleKeys{};
    quint64 idleRecorded = 0;
    static constexpr int kFreqBuckets = 5; // 0, 1-4, 5-15, 16-63, 64-255
    std::array<quint64, kFreqBuckets> freqKeys{};
    quint64 freqRecorded = 0;

    QList<AnalysisFinding> findings;

    static QString ttlBucketName(int bucket);
    static QString idleBucketName(int bucket);
    static QString freqBucketName(int bucket);
    static QString sourceLabel(AnalysisSource source);

    QJsonObject toJson() const;
    static std::optional<AnalysisReport> fromJson(const QJsonObject &json, QString *error);
    // CSV: one section per table (types, encodings, databases, namespaces, top keys).
    QByteArray toCsv() const;
    // The namespace node of a path ("user:session"), or -1.
    int findNamespace(const QString &path) const;
};

} // namespace redscope

Q_DECLARE_METATYPE(redscope::AnalysisReport)
