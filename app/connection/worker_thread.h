// WorkerThread: one worker QObject on a thread of its own, for the connections that must not
// share the GUI thread's event loop: the Subscriber's and MonitorSession's hiredis links, whose
// bursts of replies would otherwise stall the window. Their facades (the GUI-thread objects the
// panels hold) own one as a member and call the worker with queued invokeMethod calls; when the
// facade goes, the worker is deleted on its own thread (where its sockets and timers live) and
// the thread is joined, so no worker callback outlives its facade.
#pragma once

#include <QString>

class QObject;
class QThread;

namespace redscope::Internal {

class WorkerThread
{
public:
    // The thread is a child of parent, named name (as ps and debuggers show it); not started.
    WorkerThread(const QString &name, QObject *parent);
    ~WorkerThread(); // deletes the worker on its thread, then quits and joins the thread
    WorkerThread(const WorkerThread &) = delete;
    WorkerThread &operator=(const WorkerThread &) = delete;

    // Moves worker (no parent) to the thread and starts it; the WorkerThread owns it from now.
    void start(QObject *worker);

private:
    QThread *m_thread;
    QObject *m_worker = nullptr;
};

} // namespace redscope::Internal
