// The probe owns a RedisConnection on the worker thread: RedisConnection runs hiredis on the
// event loop of the thread it lives on, so its replies are parsed and timed there, untouched by
// what the GUI thread is doing. Samples cross to the GUI thread as queued calls tagged with the
// sampler's generation; the sampler's destructor stops the thread before it goes away, and Qt
// drops calls still queued for a destroyed receiver.
//
// Percentiles sort a copy of the window: O(n log n) for n <= a few hundred samples, called once
// per sample by the dashboard; cheaper than keeping an order-statistics structure in sync.
#include "monitoring/latency_sampler.h"

#include "connection/redis_connection.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QThread>
#include <QTimer>

#include <algorithm>
#include <cmath>
#include <vector>

namespace redscope {

namespace Internal {

class LatencyProbe : public QObject
{
public:
    explicit LatencyProbe(LatencySampler *sampler)
        : m_sampler(sampler)
        , m_timer(this)
    {
        connect(&m_timer, &QTimer::timeout, this, &LatencyProbe::pingNow);
    }
    ~LatencyProbe() override { delete m_connection; }

    // Everything below runs on the worker thread.
    void configure(const ConnectionSettings &settings, quint64 generation)
    {
        delete m_connection;
        m_inFlight = 0;
        m_generation = generation;
        m_connection = new RedisConnection(settings);
        m_connection->connectToServer();
        // The first sample as soon as the probe's connection is up, not an interval later.
        connect(m_connection, &RedisConnection::stateChanged, this,
                [this](RedisConnection::State state, const QString &error) {
                    if (state == RedisConnection::State::Ready && m_timer.isActive()) pingNow();
                    if (state == RedisConnection::State::AuthFailed ||
                        (state == RedisConnection::State::Disconnected && !error.isEmpty()))
                        report(error);
                });
    }
    void setInterval(int ms) { m_timer.setInterval(ms); }
    void start()
    {
        m_timer.start();
        pingNow();
    }
    void stop()
    {
        m_timer.stop();
        if (m_inFlight && m_connection) m_connection->cancel(m_inFlight);
        m_inFlight = 0;
    }
    void pingNow()
    {
        if (m_inFlight || !m_connection) return;
        if (m_connection->state() != RedisConnection::State::Ready) return;
        const quint64 generation = m_generation;
        m_clock.start();
        m_inFlight = m_connection->send(
            {"PING"},
            [this, generation](const RedisValue &reply) {
                const double rttMs = double(m_clock.nsecsElapsed()) / 1e6;
                m_inFlight = 0;
                if (generation != m_generation) return;
                if (reply.isError()) {
                    report(reply.text());
                    return;
                }
                LatencySampler *sampler = m_sampler;
                const qint64 atMs = QDateTime::currentMSecsSinceEpoch();
                QMetaObject::invokeMethod(
                    sampler,
                    [sampler, generation, atMs, rttMs] {
                        sampler->onSample(generation, atMs, rttMs);
                    },
                    Qt::QueuedConnection);
            },
            qMax(5000, 5 * m_timer.interval()));
    }

private:
    void report(const QString &error)
    {
        LatencySampler *sampler = m_sampler;
        const quint64 generation = m_generation;
        QMetaObject::invokeMethod(
            sampler, [sampler, generation, error] { sampler->onFailure(generation, error); },
            Qt::QueuedConnection);
    }

    LatencySampler *m_sampler; // lives on the GUI thread; only posted to
    QTimer m_timer;
    QElapsedTimer m_clock;
    RedisConnection *m_connection = nullptr;
    RedisConnection::RequestId m_inFlight = 0;
    quint64 m_generation = 0;
};

} // namespace Internal

// The probe's own connection: PING needs no database, no read-only guard and no production
// question; a cluster is probed at the node the settings name (the default node).
static ConnectionSettings probeSettings(const RedisConnection *connection)
{
    ConnectionSettings settings = connection->settings().named(QStringLiteral("redscope:latency"));
    settings.db = connection->currentDb();
    settings.readOnly = false;
    settings.production = false;
    if (settings.mode == ConnectionSettings::Mode::Cluster)
        settings.mode = ConnectionSettings::Mode::Standalone;
    return settings;
}

RedisConnection *LatencySampler::connection() const
{
    return m_connection;
}

LatencySampler::LatencySampler(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
}

LatencySampler::~LatencySampler()
{
    if (!m_thread) return;
    Internal::LatencyProbe *probe = m_probe;
    QMetaObject::invokeMethod(
        probe, [probe] { delete probe; }, Qt::BlockingQueuedConnection);
    m_thread->quit();
    m_thread->wait();
}

void LatencySampler::ensureProbe()
{
    if (m_thread || !m_connection) return;
    m_thread = new QThread(this);
    m_thread->setObjectName(QStringLiteral("redscope-latency"));
    m_probe = new Internal::LatencyProbe(this);
    m_probe->moveToThread(m_thread);
    m_thread->start();
    m_settings = probeSettings(m_connection);
    Internal::LatencyProbe *probe = m_probe;
    const ConnectionSettings settings = m_settings;
    const quint64 generation = m_generation;
    const int interval = m_intervalMs;
    QMetaObject::invokeMethod(probe, [probe, settings, generation, interval] {
        probe->setInterval(interval);
        probe->configure(settings, generation);
    });
}

void LatencySampler::setConnection(RedisConnection *connection)
{
    if (connection == m_connection) return;
    m_connection = connection;
    ++m_generation;
    m_window.clear();
    if (!m_thread || !connection) return;
    m_settings = probeSettings(connection);
    Internal::LatencyProbe *probe = m_probe;
    const ConnectionSettings settings = m_settings;
    const quint64 generation = m_generation;
    const bool running = m_running;
    QMetaObject::invokeMethod(probe, [probe, settings, generation, running] {
        probe->configure(settings, generation);
        if (running) probe->start();
    });
}

void LatencySampler::setInterval(int ms)
{
    m_intervalMs = qMax(10, ms);
    if (!m_probe) return;
    Internal::LatencyProbe *probe = m_probe;
    const int interval = m_intervalMs;
    QMetaObject::invokeMethod(probe, [probe, interval] { probe->setInterval(interval); });
}

void LatencySampler::setWindowSize(int samples)
{
    m_windowSize = qMax(1, samples);
    while (int(m_window.size()) > m_windowSize)
        m_window.pop_front();
}

void LatencySampler::start()
{
    ensureProbe();
    if (!m_probe) return;
    m_running = true;
    Internal::LatencyProbe *probe = m_probe;
    QMetaObject::invokeMethod(probe, [probe] { probe->start(); });
}

void LatencySampler::stop()
{
    m_running = false;
    if (!m_probe) return;
    Internal::LatencyProbe *probe = m_probe;
    QMetaObject::invokeMethod(probe, [probe] { probe->stop(); });
}

void LatencySampler::sampleNow()
{
    ensureProbe();
    if (!m_probe) return;
    Internal::LatencyProbe *probe = m_probe;
    QMetaObject::invokeMethod(probe, [probe] { probe->pingNow(); });
}

void LatencySampler::onSample(quint64 generation, qint64 atMs, double rttMs)
{
    if (generation != m_generation) return;
    m_window.push_back(rttMs);
    while (int(m_window.size()) > m_windowSize)
        m_window.pop_front();
    emit sampled(atMs, rttMs);
}

void LatencySampler::onFailure(quint64 generation, const QString &error)
{
    if (generation == m_generation) emit sampleFailed(error);
}

double LatencySampler::percentile(double p) const
{
    if (m_window.empty()) return 0.0;
    std::vector<double> sorted(m_window.begin(), m_window.end());
    std::sort(sorted.begin(), sorted.end());
    const double rank = std::ceil(qBound(0.0, p, 100.0) / 100.0 * double(sorted.size()));
    const size_t index = size_t(qMax(1.0, rank)) - 1;
    return sorted[qMin(index, sorted.size() - 1)];
}

} // namespace redscope
