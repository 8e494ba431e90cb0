// One INFO in flight at most; its timeout is Poller::requestTimeoutMs().
#include "monitoring/info_poller.h"

#include "connection/redis_connection.h"

#include <QDateTime>

namespace redscope {

InfoPoller::InfoPoller(RedisConnection *connection, QObject *parent)
    : Poller(parent)
    , m_connection(connection)
{
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

void InfoPoller::forgetInFlight()
{
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
        requestTimeoutMs());
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
