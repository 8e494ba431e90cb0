// Thin by design: every call forwards to the connection when it is still there.
#include "connection/connection_lifecycle.h"

namespace redscope {

ConnectionLifecycle::ConnectionLifecycle(RedisConnection *connection)
    : m_connection(connection)
{
}

ConnectionLifecycle::State ConnectionLifecycle::state() const
{
    return m_connection ? m_connection->state() : State::Disconnected;
}

QString ConnectionLifecycle::errorText() const
{
    return m_connection ? m_connection->errorText() : QString();
}

QString ConnectionLifecycle::name() const
{
    return m_connection ? m_connection->settings().name : QString();
}

QString ConnectionLifecycle::address() const
{
    return m_connection ? m_connection->settings().address() : QString();
}

QString ConnectionLifecycle::username() const
{
    return m_connection ? m_connection->settings().username : QString();
}

QString ConnectionLifecycle::stateName(State state)
{
    return RedisConnection::stateName(state);
}

void ConnectionLifecycle::connectToServer() const
{
    if (m_connection) m_connection->connectToServer();
}

void ConnectionLifecycle::disconnectFromServer() const
{
    if (m_connection) m_connection->disconnectFromServer();
}

void ConnectionLifecycle::retryWith(const QString &username, const QString &password) const
{
    if (!m_connection) return;
    m_connection->setCredentials(username, password);
    m_connection->connectToServer();
}

QMetaObject::Connection
ConnectionLifecycle::whenStateChanged(QObject *receiver,
                                      std::function<void(State, const QString &)> fn) const
{
    if (!m_connection || !receiver) return {};
    return QObject::connect(
        m_connection, &RedisConnection::stateChanged, receiver,
        [fn = std::move(fn)](State state, const QString &error) { fn(state, error); });
}

} // namespace redscope
