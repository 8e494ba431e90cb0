// LatencySampler: the client's own view of latency. It sends PING on the connection every
// interval, measures the round trip with a monotonic clock and keeps the last samples for
// percentiles (p50/p99). Like InfoPoller, at most one PING is in flight, so a stalled server
// shows up as one long sample rather than a pile of queued ones. The RTT includes time spent
// queued behind other requests of the same connection: that is what the user experiences.
#pragma once

#include "connection/redis_connection.h"

#include <QElapsedTimer>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <deque>

namespace redscope {

class LatencySampler : public QObject
{
    Q_OBJECT

public:
    explicit LatencySampler(RedisConnection *connection, QObject *parent = nullptr);
    ~LatencySampler() override;

    // Probes another connection (the dashboard's chosen cluster node) from now on; the window
    // starts empty, so the percentiles describe one server only.
    void setConnection(RedisConnection *connection);
    RedisConnection *connection() const { return m_connection; }
    void setInterval(int ms);        // default 1000
    void setWindowSize(int samples); // default 300 samples for the percentiles
    void start();
    void stop();
    bool isRunning() const { return m_timer.isActive(); }
    void sampleNow();

    int sampleCount() const { return int(m_window.size()); }
    double lastMs() const { return m_window.empty() ? 0.0 : m_window.back(); }
    // Nearest-rank percentile over the window (p in 0..100); 0 without samples.
    double percentile(double p) const;

signals:
    void sampled(qint64 atMs, double rttMs);
    void sampleFailed(const QString &error);

private:
    void onReply(const RedisValue &reply);

    QPointer<RedisConnection> m_connection;
    QTimer m_timer;
    QElapsedTimer m_clock;
    RedisConnection::RequestId m_inFlight = 0;
    std::deque<double> m_window;
    int m_windowSize = 300;
};

} // namespace redscope
