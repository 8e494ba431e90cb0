// ConnectionLifecycle: the part of a RedisConnection that a window shows and drives without
// sending anything: its state and error, its name and address, connecting, disconnecting, and
// connecting again with other credentials (the error page's password prompt). A small value
// over a connection it does not own, like the services (service.h): once the connection is
// gone every query answers "Disconnected" and every action does nothing. Widgets use this
// instead of the raw connection header (tests/app/check_no_raw_commands.cmake).
#pragma once

#include "connection/redis_connection.h"

#include <QMetaObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace redscope {

class ConnectionLifecycle
{
public:
    using State = RedisConnection::State;

    explicit ConnectionLifecycle(RedisConnection *connection);

    bool isValid() const { return !m_connection.isNull(); }
    RedisConnection *connection() const { return m_connection; }
    State state() const;
    QString errorText() const;
    QString name() const;
    QString address() const;  // "127.0.0.1:6379" or "unix:/path"
    QString username() const; // the ACL user it authenticates as; empty for "default"
    static QString stateName(State state);

    void connectToServer() const;
    void disconnectFromServer() const;
    // Connects again as username with password; the other settings stay.
    void retryWith(const QString &username, const QString &password) const;

    // Calls fn on every state change while receiver lives (a Qt connection owned by receiver).
    QMetaObject::Connection whenStateChanged(QObject *receiver,
                                             std::function<void(State, const QString &)> fn) const;

private:
    QPointer<RedisConnection> m_connection;
};

} // namespace redscope
