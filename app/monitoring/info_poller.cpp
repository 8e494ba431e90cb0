// The request timeout is generous (5 intervals, at least 5 s): a timed-out INFO frees the slot
// for the next tick, which is what keeps the poller alive behind a server that stopped answering.
#include "monitoring/info_poller.h"

#include "connection/redis_connection.h"

#include <QDateTime>

namespace redscope {

InfoPoller::InfoPoller(RedisConnection *connection, QObject *parent)
    : QObject(parent)
    , m_connection(connection)
{
    m_timer.setInterval(1000);
    connect(&m_timer, &QTimer::timeout, this, &InfoPoller::onTick);
}

InfoPoller::~InfoPoller()
{
    stop();
}

RedisConnection *InfoPoller::connection() const
{
    return m_connection;
}

void InfoPoller::setConnection(RedisConnection *connection)
{
    if (connection == m_connection) return;
    if (m_inFlight && m_connection) m_connection->cancel(m_inFlight);
    m_inFlight = 0;
    m_connection = connection;
    m_last = InfoSnapshot();
    if (isRunning()) pollNow();
}

void InfoPoller::setInterval(int ms)
{
    m_timer.setInterval(qMax(10, ms));
}

void InfoPoller::start()
{
    m_timer.start();
    pollNow();
}

void InfoPoller::stop()
{
    m_timer.stop();
    if (m_inFlight && m_connection) m_connection->cancel(m_inFlight);
    m_inFlight = 0;
}

void InfoPoller::onTick()
{
    if (m_inFlight) {
        ++m_ticksSkipped;
        return;
    }
    pollNow();
}

void InfoPoller::pollNow()
{
    if (m_inFlight || !m_connection) return;
    if (m_connection->state() != RedisConnection::State::Ready) return;
    ++m_requestsSent;
    m_inFlight = m_connection->send(
        {"INFO", "everything"}, [this](const RedisValue &reply) { onReply(reply); },
        qMax(5000, 5 * m_timer.interval()));
}

void InfoPoller::onReply(const RedisValue &reply)
{
    m_inFlight = 0;
    if (reply.isError()) {
        emit pollFailed(reply.text());
        return;
    }
    // Verbatim (RESP3) and bulk (RESP2) both carry the text in bytes().
    const InfoSnapshot snapshot =
        InfoSnapshot::parse(reply.bytes(), QDateTime::currentMSecsSinceEpoch());
    const InfoRates rates = InfoRates::between(m_last, snapshot);
    m_last = snapshot;
    emit snapshotReady(snapshot, rates);
}

} // namespace redscope
