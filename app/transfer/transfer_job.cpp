// TransferJob (see transfer_job.h).
#include "transfer/transfer_job.h"

#include <QThread>

namespace redscope {

void TransferJob::execute()
{
    m_clock.start();
    run(&m_summary);
    if (cancelled()) m_summary.cancelled = true;
    m_summary.seconds = double(m_clock.elapsed()) / 1000.0;
    report(true);
}

void TransferJob::report(bool force)
{
    if (!m_clock.isValid()) m_clock.start();
    const qint64 now = m_clock.elapsed();
    if (!force && now - m_lastReport < 100) return;
    m_lastReport = now;
    m_summary.seconds = double(now) / 1000.0;
    if (m_progress) m_progress(m_summary);
}

void TransferJob::throttle(qint64 keysDone)
{
    if (m_rate <= 0) return;
    const qint64 dueMs = keysDone * 1000 / m_rate;
    while (!cancelled() && m_clock.elapsed() < dueMs)
        QThread::msleep(quint64(qMin<qint64>(50, dueMs - m_clock.elapsed())));
}

} // namespace redscope
