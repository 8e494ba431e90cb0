// ExportJob (see export_job.h).
#include "transfer/export_job.h"

#include "transfer/record_files.h"

#include <QCoreApplication>

namespace redscope {

void ExportJob::run(TransferSummary *s)
{
    TransferLink link(m_options.source);
    link.setCancelFlag(cancelFlag());
    if (!link.open(&s->error)) return;
    QString error;
    auto writer = createRecordWriter(m_options.format, m_options.path, m_options.ttl,
                                     m_options.source.db, &error);
    if (!writer) {
        s->error = error;
        return;
    }
    ServerKeySource source(&link, m_options.selection);
    s->keysTotal = source.estimateTotal(&error);
    report(true);
    QList<QByteArray> names;
    std::vector<KeyRecord> records;
    while (!cancelled()) {
        if (!source.nextNames(&names, &error)) {
            if (!error.isEmpty()) s->error = error;
            break;
        }
        QStringList problems;
        if (!source.fetch(names, &records, &s->keysSkipped, &problems, &error)) {
            s->error = error;
            break;
        }
        for (const QString &p : std::as_const(problems)) {
            ++s->keysFailed;
            s->addProblem(p);
        }
        for (const KeyRecord &r : records) {
            bool unsupported = false;
            if (!writer->write(r, &unsupported, &error)) {
                s->error = error;
                return;
            }
            if (unsupported) {
                ++s->keysSkipped;
                s->addProblem(
                    QCoreApplication::translate("redscope::Transfer", "%1: a %2 does not fit %3")
                        .arg(QString::fromUtf8(r.key), engine::rdbTypeName(r.value.type),
                             formatName(m_options.format)));
            } else {
                ++s->keysDone;
            }
        }
        s->bytes = writer->bytesWritten();
        report();
    }
    if (!s->error.isEmpty() || cancelled()) return; // the writer removes its partial file
    if (!writer->finish(&error)) s->error = error;
    s->bytes = writer->bytesWritten();
    if (s->keysTotal >= 0 && m_options.selection.keys.isEmpty())
        s->keysTotal = s->keysDone + s->keysSkipped + s->keysFailed;
}

} // namespace redscope
