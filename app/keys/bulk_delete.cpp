// BulkDelete: the preview is a KeyScanner run whose batches are appended to m_keys; deletion
// walks precomputed [begin, end) ranges of m_keys so cancel() only has to drop the one
// request in flight. Replies of a cancelled or restarted run are ignored by comparing the
// request id they were sent with.
#include "keys/bulk_delete.h"

#include "cluster/cluster_slot.h"
#include "connection/redis_connection.h"
#include "keys/key_scanner.h"

#include <algorithm>

namespace redscope {

BulkDelete::BulkDelete(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
    , m_scanner(new KeyScanner(connection, this))
{
    connect(m_scanner, &KeyScanner::batchReady, this,
            [this](const QList<QByteArray> &keys) { m_keys.append(keys); });
    connect(m_scanner, &KeyScanner::progress, this, [this](quint64 done, quint64 total) {
        emit previewProgress(matchedCount(), done, total);
    });
    connect(m_scanner, &KeyScanner::finished, this, &BulkDelete::onScanFinished);
}

BulkDelete::~BulkDelete() = default;

QByteArray BulkDelete::namespacePattern(const QByteArray &name, const QByteArray &separator)
{
    QByteArray out;
    out.reserve(name.size() + separator.size() + 2);
    for (char c : name + separator) {
        if (c == '*' || c == '?' || c == '[' || c == ']' || c == '\\') out += '\\';
        out += c;
    }
    return out + '*';
}

bool BulkDelete::refusesWrites() const
{
    return !m_connection || m_connection->settings().readOnly;
}

bool BulkDelete::isProduction() const
{
    return m_connection && m_connection->settings().production;
}

ConfirmationRequest BulkDelete::confirmation() const
{
    const QString effect = tr("deletes the %n key(s) matching \"%1\" (UNLINK, %2 keys per call)",
                              nullptr, int(matchedCount()))
                               .arg(QString::fromUtf8(m_pattern))
                               .arg(m_batchSize);
    return ProductionGuard::question(m_connection ? m_connection->settings() : ConnectionSettings(),
                                     tr("Bulk delete"), effect, matchedCount(), true);
}

void BulkDelete::preview(const QByteArray &pattern)
{
    cancel();
    m_pattern = pattern;
    m_keys.clear();
    m_batches.clear();
    m_deleted = 0;
    m_processed = 0;
    if (refusesWrites()) {
        fail(tr("This connection is read-only: keys cannot be deleted"));
        return;
    }
    if (pattern.trimmed().isEmpty()) {
        fail(tr("Enter a pattern such as user:*"));
        return;
    }
    m_phase = Phase::Previewing;
    KeyScanner::Options options;
    options.pattern = pattern;
    options.count = 1000;
    options.maxCount = 32768;
    m_scanner->start(options);
}

void BulkDelete::onScanFinished(bool complete, const QString &error)
{
    if (m_phase != Phase::Previewing) return;
    if (!complete) {
        fail(error);
        return;
    }
    // SCAN may return a key twice (the table was rehashed meanwhile): count each once.
    std::sort(m_keys.begin(), m_keys.end());
    m_keys.erase(std::unique(m_keys.begin(), m_keys.end()), m_keys.end());
    m_phase = Phase::Previewed;
    emit previewFinished(matchedCount());
}

void BulkDelete::planBatches()
{
    m_batches.clear();
    const bool cluster = m_connection && m_connection->cluster();
    if (cluster) {
        std::stable_sort(m_keys.begin(), m_keys.end(),
                         [](const QByteArray &a, const QByteArray &b) {
                             return clusterKeySlot(a) < clusterKeySlot(b);
                         });
    }
    qsizetype begin = 0;
    while (begin < m_keys.size()) {
        qsizetype end = qMin(begin + m_batchSize, m_keys.size());
        if (cluster) {
            const int slot = clusterKeySlot(m_keys[begin]);
            qsizetype same = begin + 1;
            while (same < end && clusterKeySlot(m_keys[same]) == slot)
                ++same;
            end = same;
        }
        m_batches.append({begin, end});
        begin = end;
    }
    m_nextBatch = 0;
}

void BulkDelete::deleteMatched(bool confirmed)
{
    // Refusals leave the phase alone: the preview stays valid for a confirmed retry.
    if (m_phase != Phase::Previewed) {
        emit failed(tr("Count the matching keys first"));
        return;
    }
    if (refusesWrites()) {
        emit failed(tr("This connection is read-only: keys cannot be deleted"));
        return;
    }
    if (isProduction() && !confirmed) {
        emit failed(tr("Not confirmed: a production connection needs the bulk delete "
                       "confirmed"));
        return;
    }
    m_confirmed = confirmed;
    m_phase = Phase::Deleting;
    m_deleted = 0;
    m_processed = 0;
    planBatches();
    emit deleteProgress(0, matchedCount());
    sendNextBatch();
}

void BulkDelete::sendNextBatch()
{
    if (m_phase != Phase::Deleting) return;
    if (m_nextBatch >= m_batches.size()) {
        m_phase = Phase::Done;
        m_request = 0;
        emit finished(m_deleted);
        return;
    }
    if (!m_connection) {
        fail(tr("The connection is gone"));
        return;
    }
    const auto [begin, end] = m_batches[m_nextBatch++];
    QList<QByteArray> args;
    args.reserve(end - begin + 1);
    args << QByteArrayLiteral("UNLINK");
    for (qsizetype i = begin; i < end; ++i)
        args << m_keys[i];
    const qint64 size = qint64(end - begin);
    auto onReply = [this, size](const RedisValue &reply) {
        m_request = 0;
        if (m_phase != Phase::Deleting) return;
        if (reply.isError()) {
            fail(reply.text());
            return;
        }
        m_deleted += reply.toInteger();
        m_processed += size;
        emit deleteProgress(m_processed, matchedCount());
        sendNextBatch();
    };
    m_request = m_confirmed ? m_connection->sendConfirmed(args, onReply)
                            : m_connection->send(args, onReply);
}

void BulkDelete::cancel()
{
    const Phase was = m_phase;
    if (was == Phase::Previewing) {
        m_phase = Phase::Idle;
        m_scanner->cancel();
    } else if (was == Phase::Deleting) {
        m_phase = Phase::Done;
        if (m_request && m_connection) m_connection->cancel(m_request);
        m_request = 0;
    } else {
        return;
    }
    emit cancelled();
}

void BulkDelete::fail(const QString &error)
{
    const Phase was = m_phase;
    m_phase = was == Phase::Deleting ? Phase::Done : Phase::Idle;
    if (was == Phase::Previewing) m_scanner->cancel();
    m_request = 0;
    emit failed(error);
}

} // namespace redscope
