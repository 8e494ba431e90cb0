// CopyJob (see copy_job.h).
#include "transfer/copy_job.h"

#include "transfer/key_writer.h"

namespace redscope {

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
    std::vector<KeyRecord> records;
    qint64 read = 0;
    while (!cancelled()) {
        if (!keys.nextNames(&names, &error)) {
            if (!error.isEmpty()) s->error = error;
            break;
        }
        QStringList problems;
        // While RESTORE works, the payloads are all it needs: no decoding on this side (the
        // writer decodes a payload itself if it has to fall back to the rebuild).
        const bool payloadsOnly = writer.usesRestore() && !keys.dumpRefused();
        const bool fetched = payloadsOnly
                                 ? keys.fetchPayloads(names, &records, &error)
                                 : keys.fetch(names, &records, &s->keysSkipped, &problems, &error);
        if (!fetched) {
            s->error = error;
            break;
        }
        if (payloadsOnly) {
            std::vector<KeyRecord> ready;
            ready.reserve(records.size());
            for (KeyRecord &r : records) {
                if (r.expireAtMs == -2) {
                    ++s->keysSkipped;           // gone meanwhile
                } else if (r.payload.empty()) { // DUMP refused for this key
                    if (keys.readPaged(r.key, &r, &error))
                        ready.push_back(std::move(r));
                    else if (!source.isReady())
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
            r.ordinal = read++;
        // Under a rate limit, write in slices of a tenth of a second's keys, so the server
        // sees a steady trickle rather than a batch and a pause.
        const size_t slice = rateLimit() > 0 ? size_t(qMax(1, rateLimit() / 10)) : records.size();
        qint64 written = read - qint64(records.size());
        bool stop = false;
        for (size_t at = 0; at < records.size() && !stop && !cancelled(); at += slice) {
            std::vector<KeyRecord> part(
                std::make_move_iterator(records.begin() + qsizetype(at)),
                std::make_move_iterator(records.begin() +
                                        qsizetype(std::min(records.size(), at + slice))));
            qsizetype confirmed = 0;
            if (!writer.write(part, s, &confirmed, &error)) {
                s->error = error;
                stop = true;
            }
            written += qint64(part.size());
            report();
            throttle(written);
        }
        if (stop) break;
    }
    s->usedRebuild = s->usedRebuild || !writer.usesRestore();
}

} // namespace redscope
