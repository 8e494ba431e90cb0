// The worker is deleted with a blocking queued call, so its destructor runs on its own thread
// and has finished (its hiredis context freed) before the thread is asked to quit.
#include "connection/worker_thread.h"

#include <QMetaObject>
#include <QThread>

namespace redscope::Internal {

WorkerThread::WorkerThread(const QString &name, QObject *parent)
    : m_thread(new QThread(parent))
{
    m_thread->setObjectName(name);
}

WorkerThread::~WorkerThread()
{
    if (QObject *worker = m_worker) {
        QMetaObject::invokeMethod(
            worker, [worker] { delete worker; }, Qt::BlockingQueuedConnection);
    }
    m_thread->quit();
    m_thread->wait();
}

void WorkerThread::start(QObject *worker)
{
    m_worker = worker;
    m_worker->moveToThread(m_thread);
    m_thread->start();
}

} // namespace redscope::Internal
