// ConnectionState: where a connection is in its life, on its own so that widgets can name a
// state (badges, error pages, menus) through ConnectionLifecycle without the header of
// RedisConnection, whose send() only services may call. RedisConnection::State is this type.
#pragma once

namespace redscope {

enum class ConnectionState {
    Disconnected, // not connected; the error text says why when an attempt failed
    Connecting,   // resolving, connecting or running the handshake
    Ready,        // requests are written immediately
    AuthFailed,   // wrong password, unknown user or NOAUTH; no automatic retry
    Lost,         // was Ready and the connection dropped; reconnecting with backoff
};

} // namespace redscope
