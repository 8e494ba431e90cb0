// ConnectionState: where a connection is in its life, on its own so that widgets can name a
// state (badges, error pages, menus) through ConnectionLifecycle without the header of
// RedisConnection, whose send() only services may call. RedisConnection::State is this type.
//
// Q_ENUM_NS registers the names with Qt's meta-object system, so QTest prints "Ready" rather
// than "2" when a QCOMPARE on a state fails, and queued signals carry it without a
// qRegisterMetaType. The namespace's one Q_NAMESPACE is here: another enum of redscope's own
// that wants Q_ENUM_NS belongs in this header (a second Q_NAMESPACE would not link).
#pragma once

#include <QObject>

namespace redscope {

Q_NAMESPACE

enum class ConnectionState {
    Disconnected, // not connected; the error text says why when an attempt failed
    Connecting,   // resolving, connecting or running the handshake
    Ready,        // requests are written immediately
    AuthFailed,   // wrong password, unknown user or NOAUTH; no automatic retry
    Lost,         // was Ready and the connection dropped; reconnecting with backoff
};
Q_ENUM_NS(ConnectionState)

} // namespace redscope
