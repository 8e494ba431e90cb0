// BulkDelete: "delete every key matching a glob pattern" as two explicit passes, so the user
// confirms a number that was actually counted. preview() walks the keyspace with KeyScanner
// (SCAN MATCH, adaptive COUNT, never KEYS) and keeps the matching names; deleteMatched() then
// UNLINKs exactly those names in batches of batchSize() keys, one batch in flight at a time so
// cancel() stops between two calls and the server never sees one huge command. Keys created
// after the preview are not touched; keys that vanished meanwhile simply count as not deleted.
//
// The names are held in memory (a few tens of bytes each: ~100 MB for a million keys), which
// is what makes the confirmed count exact. On a Cluster connection a batch only holds keys of
// one hash slot (UNLINK across slots is CROSSSLOT). Production connections: the caller asks
// ProductionGuard::ask() with confirmation() and then calls deleteMatched(true), which sends
// the batches with RedisConnection::sendConfirmed(). Read-only connections are refused here.
#pragma once

#include "connection/production_guard.h"

#include <QByteArray>
#include <QList>
#include <QObject>
#include <QPointer>

namespace redscope {

class KeyScanner;
class RedisConnection;

class BulkDelete : public QObject
{
    Q_OBJECT

public:
    enum class Phase { Idle, Previewing, Previewed, Deleting, Done };
    Q_ENUM(Phase)

    explicit BulkDelete(RedisConnection *connection, QObject *parent = nullptr);
    ~BulkDelete() override;

    // "a:b" -> "a:b<separator>*", with the glob characters of the name escaped.
    static QByteArray namespacePattern(const QByteArray &name, const QByteArray &separator);

    void setBatchSize(int keys) { m_batchSize = qMax(1, keys); }
    int batchSize() const { return m_batchSize; }

    // Counts the keys matching pattern (glob, as SCAN MATCH); emits previewProgress() and then
    // previewFinished() or failed(). An empty pattern is refused (use FLUSHDB for everything).
    void preview(const QByteArray &pattern);
    // UNLINKs the previewed keys. confirmed: the user answered the production question.
    void deleteMatched(bool confirmed = false);
    // Stops the preview or the deletion; emits cancelled(). Batches already answered stay done.
    void cancel();

    Phase phase() const { return m_phase; }
    QByteArray pattern() const { return m_pattern; }
    qint64 matchedCount() const { return qint64(m_keys.size()); }
    QList<QByteArray> sample(int count) const { return m_keys.mid(0, count); }
    qint64 deletedCount() const { return m_deleted; }     // UNLINK's replies added up
    qint64 processedCount() const { return m_processed; } // names sent and answered
    bool refusesWrites() const;                           // no connection, or a read-only one
    bool isProduction() const;
    // The production question for the previewed count (ProductionGuard::question()).
    ConfirmationRequest confirmation() const;

signals:
    void previewProgress(qint64 matched, quint64 done, quint64 total);
    void previewFinished(qint64 matched);
    void deleteProgress(qint64 processed, qint64 total);
    void finished(qint64 deleted);
    void cancelled();
    void failed(const QString &error);

private:
    void onScanFinished(bool complete, const QString &error);
    void planBatches();
    void sendNextBatch();
    void fail(const QString &error);

    QPointer<RedisConnection> m_connection;
    KeyScanner *m_scanner;
    Phase m_phase = Phase::Idle;
    QByteArray m_pattern;
    QList<QByteArray> m_keys;
    QList<QPair<qsizetype, qsizetype>> m_batches; // [begin, end) into m_keys
    qsizetype m_nextBatch = 0;
    int m_batchSize = 500;
    bool m_confirmed = false;
    quint64 m_request = 0; // the UNLINK in flight
    qint64 m_deleted = 0;
    qint64 m_processed = 0;
};

} // namespace redscope
