// CopyJob (see copy_job.h).
#include "transfer/copy_job.h"

#include "transfer/key_writer.h"

#include <limits>

namespace redscope {

bool CopyJob::copyPiece(const QList<QByteArray> &names, ServerKeySource *keys, TransferLink *source,
                        KeyWriter *writer, qint64 *read, TransferSummary *s)
{
    QString error;
    QStringList problems;
    std::vector<KeyRecord> records;
    // While RESTORE works, the payloads are all it needs: no decoding on this side (the
    // writer decodes a payload itself if it has to fall back to the rebuild).
    const bool payloadsOnly = writer->usesRestore() && !keys->dumpRefused();
    const bool fetched = payloadsOnly
                             ? keys->fetchPayloads(names, &records, &error)
                             : keys->fetch(names, &records, &s->keysSkipped, &problems, &error);
    if (!fetched) {
        s->error = error;
        return false;
    }
    if (payloadsOnly) {
        std::vector<KeyRecord> ready;
        ready.reserve(records.size());
        for (KeyRecord &r : records) {
            if (r.expireAtMs == -2) {
                ++s->keysSkipped;           // gone meanwhile
            } else if (r.payload.empty()) { // DUMP refused for this key
                if (keys->readPaged(r.key, &r, &error))
                    ready.push_back(std::move(r));
                else if (!source->isReady())
                    break;
                else
                    ++s->keysSkipped;
            } else {
                ready.push_back(std::move(r));
            }
        }
        records = std::move(ready);
    }
    for (const QString &p : std::as_const(problems)) {
        ++s->keysFailed;
        s->addProblem(p);
    }
    for (KeyRecord &r : records)
        r.ordinal = (*read)++;
    qsizetype confirmed = 0;
    if (!writer->write(records, s, &confirmed, &error)) {
        s->error = error;
        return false;
    }
    return true;
}

void CopyJob::run(TransferSummary *s)
{
    TransferLink source(m_options.source), target(m_options.target);
    source.setCancelFlag(cancelFlag());
    target.setCancelFlag(cancelFlag());
    target.setWritesConfirmed(m_options.confirmedWrites);
    if (!source.open(&s->error) || !target.open(&s->error)) return;
    ServerKeySource keys(&source, m_options.selection);
    KeyWriter writer(&target, m_options.policy);
    writer.setUseRestore(m_options.useRestore);
    writer.setContinuePastErrors(true); // a refused key is reported, the copy goes on
    QString error;
    s->keysTotal = keys.estimateTotal(&error);
    report(true);
    QList<QByteArray> names;
    qint64 read = 0;
    // Under a rate limit, keys go in pieces of a hundredth of a second's worth, read and
    // written: the source sees small DUMP batches at a steady pace rather than a thousand
    // keys and a pause, so a command it gets meanwhile waits behind a short batch at most.
    const qsizetype piece =
        rateLimit() > 0 ? qBound(qsizetype(1), qsizetype(rateLimit() / 100), qsizetype(1000))
                        : std::numeric_limits<qsizetype>::max();
    bool stop = false;
    while (!stop && !cancelled()) {
        if (!keys.nextNames(&names, &error)) {
            if (!error.isEmpty()) s->error = error;
            break;
        }
        for (qsizetype at = 0; at < names.size() && !stop && !cancelled(); at += piece) {
            stop = !copyPiece(names.mid(at, piece), &keys, &source, &writer, &read, s);
            report();
            throttle(read);
        }
    }
    s->usedRebuild = s->usedRebuild || !writer.usesRestore();
}

} // namespace redscope
