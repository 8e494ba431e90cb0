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
        if (!keys.fetch(names, &records, &s->keysSkipped, &problems, &error)) {
            s->error = error;
            break;
        }
        for (const QString &p : std::as_const(problems)) {
            ++s->keysFailed;
            s->addProblem(p);
        }
        // The DUMP payloads are what RESTORE needs; the decoded values only matter for the
        // rebuild, which decodes again when it has to.
        for (KeyRecord &r : records)
            r.ordinal = read++;
        qsizetype confirmed = 0;
        if (!writer.write(records, s, &confirmed, &error)) {
            s->error = error;
            break;
        }
        throttle(read);
        report();
    }
    s->usedRebuild = s->usedRebuild || !writer.usesRestore();
}

} // namespace redscope
