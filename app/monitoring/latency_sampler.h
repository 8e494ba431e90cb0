// LatencySampler: the client's own view of latency, measured where the GUI cannot distort it.
// A PING on the shared connection would be timed through the GUI thread's event loop (a
// repaint or a busy model adds tens of milliseconds that the server never saw), so the probe
// runs on a worker thread with its own connection ("redscope:latency") and its own event loop:
// it sends PING every interval, times the round trip there with a monotonic clock, and hands
// the samples to the GUI thread, which keeps the last ones for percentiles (p50/p99). At most
// one PING is in flight, so a stalled server shows up as one long sample rather than a pile of
// queued ones. The figure is what `redis-cli --latency` measures: socket, server and parsing.
#pragma once

#include "connection/connection_settings.h"

#include <QObject>
#include <QPointer>

#include <deque>

class QThread;

namespace redscope {

namespace Internal {
class LatencyProbe;
}
class RedisConnection;

class LatencySampler : public QObject
{
    Q_OBJECT

public:
    // Probes the server that connection talks to (its settings and current database).
    explicit LatencySampler(RedisConnection *connection, QObject *parent = nullptr);
    ~LatencySampler() override; // stops the worker thread

    // Probes another connection's server (the dashboard's chosen cluster node) from now on;
    // the window starts empty, so the percentiles describe one server only.
    void setConnection(RedisConnection *connection);
    RedisConnection *connection() const;
    void setInterval(int ms);        // default 1000
    void setWindowSize(int samples); // default 300 samples for the percentiles
    void start();
    void stop();
    bool isRunning() const { return m_running; }
    void sampleNow();

    int sampleCount() const { return int(m_window.size()); }
    double lastMs() const { return m_window.empty() ? 0.0 : m_window.back(); }
    // Nearest-rank percentile over the window (p in 0..100); 0 without samples.
    double percentile(double p) const;

signals:
    void sampled(qint64 atMs, double rttMs);
    void sampleFailed(const QString &error);

private:
    friend class Internal::LatencyProbe;
    void ensureProbe();
    void onSample(quint64 generation, qint64 atMs, double rttMs);
    void onFailure(quint64 generation, const QString &error);

    QPointer<RedisConnection> m_connection;
    ConnectionSettings m_settings; // of m_connection, as the probe uses them
    int m_intervalMs = 1000;
    bool m_running = false;
    quint64 m_generation = 0; // bumped when the target changes: older samples are dropped
    std::deque<double> m_window;
    int m_windowSize = 300;
    QThread *m_thread = nullptr;
    Internal::LatencyProbe *m_probe = nullptr; // lives on m_thread
};

} // namespace redscope
