// Percentiles sort a copy of the window: O(n log n) for n <= a few hundred samples, called once
// per sample by the dashboard; cheaper than keeping an order-statistics structure in sync.
#include "monitoring/latency_sampler.h"

#include <QDateTime>

#include <algorithm>
#include <cmath>
#include <vector>

namespace redscope {

LatencySampler::LatencySampler(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &LatencySampler::sampleNow);
}

LatencySampler::~LatencySampler()
{
    stop();
}

void LatencySampler::setConnection(RedisConnection *connection)
{
    if (connection == m_connection) return;
    if (m_inFlight && m_connection) m_connection->cancel(m_inFlight);
    m_inFlight = 0;
    m_connection = connection;
    m_window.clear();
    if (isRunning()) sampleNow();
}

void LatencySampler::setInterval(int ms)
{
    m_timer.setInterval(qMax(10, ms));
}

void LatencySampler::setWindowSize(int samples)
{
    m_windowSize = qMax(1, samples);
    while (int(m_window.size()) > m_windowSize)
        m_window.pop_front();
}

void LatencySampler::start()
{
    m_timer.start();
    sampleNow();
}

void LatencySampler::stop()
{
    m_timer.stop();
    if (m_inFlight && m_connection) m_connection->cancel(m_inFlight);
    m_inFlight = 0;
}

void LatencySampler::sampleNow()
{
    if (m_inFlight || !m_connection) return;
    if (m_connection->state() != RedisConnection::State::Ready) return;
    m_clock.start();
    m_inFlight = m_connection->send(
        {"PING"}, [this](const RedisValue &reply) { onReply(reply); },
        qMax(5000, 5 * m_timer.interval()));
}

void LatencySampler::onReply(const RedisValue &reply)
{
    m_inFlight = 0;
    if (reply.isError()) {
        emit sampleFailed(reply.text());
        return;
    }
    const double rttMs = double(m_clock.nsecsElapsed()) / 1e6;
    m_window.push_back(rttMs);
    while (int(m_window.size()) > m_windowSize)
        m_window.pop_front();
    emit sampled(QDateTime::currentMSecsSinceEpoch(), rttMs);
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
