// TransferRunner (see transfer_runner.h). Progress crosses threads as a queued functor on this
// object: it is dropped if the runner is gone, and arrives before finished() (same queue).
#include "transfer/transfer_runner.h"

#include <QPointer>
#include <QThread>

namespace redscope {

TransferRunner::TransferRunner(QObject *parent)
    : QObject(parent)
{
}

TransferRunner::~TransferRunner()
{
    cancel();
    wait();
}

bool TransferRunner::start(std::unique_ptr<TransferJob> job)
{
    if (m_thread) return false;
    m_job = std::move(job);
    QPointer<TransferRunner> self(this);
    m_job->setProgressCallback([self](const TransferSummary &summary) {
        QMetaObject::invokeMethod(
            self.data(),
            [self, summary] {
                if (self) {
                    self->m_last = summary;
                    emit self->progress(summary);
                }
            },
            Qt::QueuedConnection);
    });
    TransferJob *raw = m_job.get();
    m_thread = QThread::create([raw] { raw->execute(); });
    m_thread->setObjectName(QStringLiteral("redscope-transfer"));
    connect(m_thread, &QThread::finished, this, &TransferRunner::onFinished);
    m_thread->start();
    return true;
}

void TransferRunner::cancel()
{
    if (m_job) m_job->cancel();
}

void TransferRunner::wait()
{
    if (m_thread) {
        m_thread->wait();
        onFinished();
    }
}

void TransferRunner::onFinished()
{
    if (!m_thread) return;
    m_thread->wait();
    delete m_thread;
    m_thread = nullptr;
    m_last = m_job->summary();
    m_job.reset();
    emit finished(m_last);
}

} // namespace redscope
