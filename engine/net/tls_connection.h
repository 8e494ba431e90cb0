// One TLS session over a non-blocking socket, the engine's only TLS code path: clients of the
// tls-port listener, and both ends of a replication link with tls-replication yes (the
// master serves TLS replicas as TLS clients; a replica's link to its master is the client
// side of the same class, then handed to the master client it becomes).
//
// The calls never block. read() and write() answer like read(2) and send(2) do for a
// non-blocking socket, so the plain and the TLS paths in networking.cpp stay one code path:
// > 0 bytes, 0 for a peer that closed, -1 with errno EAGAIN when OpenSSL needs the socket
// (WANT_READ or WANT_WRITE, remembered: a read can need the socket writable and a write
// readable, which the caller turns into epoll interest), -1 with another errno on errors.
// SSL_pending: OpenSSL decrypts a whole record (up to 16 KB) at once; what the caller did
// not take stays inside OpenSSL, where epoll cannot see it, so callers drain pending() after
// a read (a pipeline would otherwise stall until the peer sends more).
// Writes run with partial writes and a moving buffer allowed: the reply buffer may grow, and
// reallocate, between a WANT_WRITE and the retry; a retry always offers at least the bytes
// of the failed call, as OpenSSL requires.
// Threads: like the SSL object it wraps, a session is used by one thread at a time, and
// nothing here touches the event loop or anything shared but the SSL_CTX (which OpenSSL
// locks), so with io-threads a phase may run read(), write() and pending() on the I/O thread
// that owns the client for that phase (server/networking.cpp); the wants and lastError()
// are read back on the main thread after the phase's barrier.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <sys/types.h>

typedef struct ssl_st SSL;
typedef struct ssl_ctx_st SSL_CTX;

namespace redscope::engine {

class TlsConnection
{
public:
    enum class Role { Accept, Connect };
    enum class Step { Done, WouldBlock, Failed };

    // Takes a reference on ctx (SSL_new does): a context replaced by CONFIG SET stays alive
    // for the sessions that use it. nullptr when OpenSSL cannot create the session.
    static std::unique_ptr<TlsConnection> create(SSL_CTX *ctx, int fd, Role role);
    ~TlsConnection();
    TlsConnection(const TlsConnection &) = delete;
    TlsConnection &operator=(const TlsConnection &) = delete;

    // Drives the handshake; WouldBlock: call again when wantMask() is ready.
    Step handshake();
    bool established() const { return m_established; }

    ssize_t read(char *buffer, size_t size);
    ssize_t write(const char *data, size_t size);
    // Decrypted bytes held inside OpenSSL, not visible to epoll.
    size_t pending() const;

    // EventLoop mask (Readable 1, Writable 2) the blocked operation waits for.
    uint32_t wantMask() const { return m_want; }
    bool readWantsWrite() const { return m_readWantsWrite; }
    bool writeWantsRead() const { return m_writeWantsRead; }

    // Sends close_notify if the session is healthy (best effort, never waits).
    void shutdown();
    // The reason of the last failure (OpenSSL's queue or errno), for the log.
    const std::string &lastError() const { return m_error; }
    // "TLSv1.3" etc. once established.
    std::string protocol() const;

private:
    explicit TlsConnection(SSL *ssl)
        : m_ssl(ssl)
    {
    }
    // Turns SSL_get_error into the read/write convention; records want flags.
    ssize_t fail(int result, bool reading);

    SSL *m_ssl;
    bool m_established = false;
    bool m_broken = false; // a fatal error: no close_notify
    bool m_readWantsWrite = false;
    bool m_writeWantsRead = false;
    uint32_t m_want = 1;
    std::string m_error;
};

} // namespace redscope::engine
