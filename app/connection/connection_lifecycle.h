// ConnectionLifecycle: a RedisConnection as the windows and widgets see it, without send():
// its state and error, settings, current database and cluster topology, the signals they
// follow (state, warnings), and the lifecycle actions: create, connect, disconnect, connect
// again with other credentials (the error page's password prompt), destroy. A small value over
// a connection it does not own, like the services (service.h): once the connection is gone
// every query answers "Disconnected" or empty and every action does nothing.
//
// The header deliberately does not include redis_connection.h: a widget that holds a
// `RedisConnection *` can hand it to a service but cannot call anything on it, so commands are
// composed in app/ only (tests/app/check_no_raw_commands.cmake).
#pragma once

#include "connection/connection_settings.h"
#include "connection/connection_state.h"
#include "connection/reply_callback.h"

#include <QMetaObject>
#include <QPointer>
#include <QString>

#include <functional>

class QObject;

namespace redscope {

class ClusterRouter;
class RedisConnection;

class ConnectionLifecycle
{
public:
    using State = ConnectionState;

    explicit ConnectionLifecycle(RedisConnection *connection = nullptr);

    // A new connection (not connected yet), a child of parent; the caller owns it that way.
    static RedisConnection *create(const ConnectionSettings &settings, QObject *parent);

    bool isValid() const { return !m_connection.isNull(); }
    RedisConnection *connection() const;
    State state() const;
    bool isReady() const { return state() == State::Ready; }
    QString errorText() const;
    ConnectionSettings settings() const; // default settings when the connection is gone
    QString name() const;
    QString address() const;  // "127.0.0.1:6379" or "unix:/path"
    QString username() const; // the ACL user it authenticates as; empty for "default"
    int currentDb() const;
    int protocolVersion() const; // 2 or 3, as the handshake settled
    // Cluster mode: the router that holds the slot map and node connections; null otherwise.
    ClusterRouter *cluster() const;
    static QString stateName(State state);

    void connectToServer() const;
    void disconnectFromServer() const;
    void setAutoReconnect(bool enabled) const;
    // Connects again as username with password; the other settings stay.
    void retryWith(const QString &username, const QString &password) const;
    // Deletes the connection now (its owner dropping it); pending callbacks are not called.
    void destroy() const;

    // Calls fn while receiver lives (Qt connections owned by receiver): on every state change,
    // on every warning about a working connection (TLS verification skipped).
    QMetaObject::Connection whenStateChanged(QObject *receiver,
                                             std::function<void(State, const QString &)> fn) const;
    QMetaObject::Connection whenWarning(QObject *receiver,
                                        std::function<void(const QString &)> fn) const;
    // Calls fn once when the connection is destroyed (its row removed), while receiver lives.
    QMetaObject::Connection whenDestroyed(QObject *receiver, std::function<void()> fn) const;

private:
    QPointer<QObject> m_connection; // a RedisConnection
};

} // namespace redscope
