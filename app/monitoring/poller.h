// Poller: the clock the two INFO pollers share (one connection's InfoPoller, a cluster's
// ClusterInfoPoller): an interval (1 s by default, 10 ms at least), a first poll at start(),
// then one poll per tick; stop() also forgets the requests in flight. Subclasses say how to
// poll (pollNow), what a tick does when a request is still out (onTick) and what to forget.
#pragma once

#include <QObject>
#include <QTimer>

namespace redscope {

class Poller : public QObject
{
    Q_OBJECT

public:
    void setInterval(int ms); // default 1000
    int interval() const { return m_timer.interval(); }
    void start(); // polls at once, then every interval
    void stop();  // also forgets the requests in flight
    bool isRunning() const { return m_timer.isActive(); }
    virtual void pollNow() = 0;

protected:
    explicit Poller(QObject *parent);
    virtual void onTick() { pollNow(); }
    virtual void forgetInFlight() = 0;
    // A request's timeout: five intervals, at least 5 s (a timed-out request frees its slot
    // for the next tick, which keeps a poller alive behind a server that stopped answering).
    int requestTimeoutMs() const { return qMax(5000, 5 * interval()); }

private:
    QTimer m_timer;
};

} // namespace redscope
