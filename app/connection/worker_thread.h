// WorkerThread: one worker QObject on a thread of its own, for the connections that must not
// share the GUI thread's event loop: the Subscriber's and MonitorSession's hiredis links, whose
// bursts of replies would otherwise stall the window. Their facades (the GUI-thread objects the
// panels hold) own one as a member and call the worker with queued invokeMethod calls; when the
// facade goes, the worker is deleted on its own thread (where its sockets and timers live) and
// the thread is joined, so no worker callback outlives its facade.
#pragma once

#include <QMetaObject>
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

// A worker's state change, handed to its facade's onState on the GUI thread: once per new
// state, and every time an error text comes with it. The worker passes its facade's private
// handler (it is the facade's friend).
template<typename Facade, typename State>
void postWorkerState(Facade *facade, void (Facade::*onState)(State, const QString &),
                     State *current, State state, const QString &errorText)
{
    if (state == *current && errorText.isEmpty()) return;
    *current = state;
    QMetaObject::invokeMethod(
        facade, [facade, onState, state, errorText] { (facade->*onState)(state, errorText); },
        Qt::QueuedConnection);
}

} // namespace redscope::Internal
