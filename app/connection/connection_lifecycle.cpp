// Thin by design: every call forwards to the connection when it is still there.
#include "connection/connection_lifecycle.h"

#include "connection/redis_connection.h"

namespace redscope {

ConnectionLifecycle::ConnectionLifecycle(RedisConnection *connection)
    : m_connection(connection)
{
}

RedisConnection *ConnectionLifecycle::create(const ConnectionSettings &settings, QObject *parent)
{
    return new RedisConnection(settings, parent);
}

RedisConnection *ConnectionLifecycle::connection() const
{
    return static_cast<RedisConnection *>(m_connection.data());
}

ConnectionLifecycle::State ConnectionLifecycle::state() const
{
    const RedisConnection *c = connection();
    return c ? c->state() : State::Disconnected;
}

QString ConnectionLifecycle::errorText() const
{
    const RedisConnection *c = connection();
    return c ? c->errorText() : QString();
}

ConnectionSettings ConnectionLifecycle::settings() const
{
    const RedisConnection *c = connection();
    return c ? c->settings() : ConnectionSettings();
}

QString ConnectionLifecycle::name() const
{
    const RedisConnection *c = connection();
    return c ? c->settings().name : QString();
}

QString ConnectionLifecycle::address() const
{
    const RedisConnection *c = connection();
    return c ? c->settings().address() : QString();
}

QString ConnectionLifecycle::username() const
{
    const RedisConnection *c = connection();
    return c ? c->settings().username : QString();
}

int ConnectionLifecycle::currentDb() const
{
    const RedisConnection *c = connection();
    return c ? c->currentDb() : 0;
}

int ConnectionLifecycle::protocolVersion() const
{
    const RedisConnection *c = connection();
    return c ? c->protocolVersion() : 2;
}

ClusterRouter *ConnectionLifecycle::cluster() const
{
    const RedisConnection *c = connection();
    return c ? c->cluster() : nullptr;
}

QString ConnectionLifecycle::stateName(State state)
{
    return RedisConnection::stateName(state);
}

void ConnectionLifecycle::connectToServer() const
{
    if (RedisConnection *c = connection()) c->connectToServer();
}

void ConnectionLifecycle::disconnectFromServer() const
{
    if (RedisConnection *c = connection()) c->disconnectFromServer();
}

void ConnectionLifecycle::setAutoReconnect(bool enabled) const
{
    if (RedisConnection *c = connection()) c->setAutoReconnect(enabled);
}

void ConnectionLifecycle::retryWith(const QString &username, const QString &password) const
{
    RedisConnection *c = connection();
    if (!c) return;
    c->setCredentials(username, password);
    c->connectToServer();
}

void ConnectionLifecycle::destroy() const
{
    delete connection();
}

QMetaObject::Connection
ConnectionLifecycle::whenStateChanged(QObject *receiver,
                                      std::function<void(State, const QString &)> fn) const
{
    RedisConnection *c = connection();
    if (!c || !receiver) return {};
    return QObject::connect(
        c, &RedisConnection::stateChanged, receiver,
        [fn = std::move(fn)](State state, const QString &error) { fn(state, error); });
}

QMetaObject::Connection
ConnectionLifecycle::whenWarning(QObject *receiver, std::function<void(const QString &)> fn) const
{
    RedisConnection *c = connection();
    if (!c || !receiver) return {};
    return QObject::connect(c, &RedisConnection::warning, receiver,
                            [fn = std::move(fn)](const QString &message) { fn(message); });
}

QMetaObject::Connection ConnectionLifecycle::whenDestroyed(QObject *receiver,
                                                           std::function<void()> fn) const
{
    RedisConnection *c = connection();
    if (!c || !receiver) return {};
    return QObject::connect(c, &QObject::destroyed, receiver, [fn = std::move(fn)] { fn(); });
}

} // namespace redscope
