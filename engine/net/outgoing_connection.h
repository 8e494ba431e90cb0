// The engine's outgoing connections: the replica's link to its master (replication/
// replica_side.cpp, driven by the event loop) and MIGRATE's links to its targets
// (commands/migrate_command.cpp, driven synchronously). Both start with startTcpConnect and,
// when TLS is asked for (tls-replication for the first, tls-cluster for the second), put a
// TlsConnection in the Connect role on the socket, made from the client context of
// server/tls_config.h (tls-client-cert-file, else tls-cert-file, as in Redis).
//
// SyncLink is the synchronous form, the way Redis's MIGRATE talks to its target: the server
// waits in poll(2) while a step is pending, and the event loop does not run meanwhile. Each
// step has the call's whole timeout, counted from its start, as Redis's blocking connection
// calls count it: the TCP connect, the TLS handshake, every 64 KB written, every line read.
#pragma once

#include "net/tls_connection.h"

#include <sys/types.h>

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

namespace redscope::engine {

// A non-blocking TCP connect to host:port (every address the name resolves to is tried until
// one starts), TCP_NODELAY and close-on-exec set: the fd, to be watched for writability, or
// -1 with "can't resolve <host>" or strerror's text in *error.
int startTcpConnect(const std::string &host, int port, std::string *error);

// Once the fd became writable: 0 when connected, else the connect's errno.
int tcpConnectError(int fd);

class SyncLink
{
public:
    // A connection to host:port. Without tlsContext it is a plain socket, returned as soon as
    // the connect has been started and the socket became writable or timeoutMs passed, as
    // Redis returns it: a refused or unfinished connect shows as an error of the first write.
    // With tlsContext the TCP connect must succeed and the TLS handshake complete within
    // timeoutMs each. nullptr on failure, with the reason in *error.
    static std::unique_ptr<SyncLink> open(const std::string &host, int port, SSL_CTX *tlsContext,
                                          int64_t timeoutMs, std::string *error);
    ~SyncLink();
    SyncLink(const SyncLink &) = delete;
    SyncLink &operator=(const SyncLink &) = delete;

    // All of bytes, 64 KB at a time, each within timeoutMs.
    bool writeAll(std::string_view bytes, int64_t timeoutMs);
    // One line, its CRLF removed, within timeoutMs. Bytes read past it wait for the next call.
    bool readLine(std::string *line, int64_t timeoutMs);

    // Whether the last failure was a timeout (MIGRATE does not retry those).
    bool timedOut() const { return m_timedOut; }
    const std::string &error() const { return m_error; }
    bool isTls() const { return m_tls != nullptr; }

private:
    explicit SyncLink(int fd)
        : m_fd(fd)
    {
    }
    // Waits until the socket is ready for poll(2) `events` or the deadline passes.
    // After a read or write that moved nothing (n <= 0): true to try again (interrupted, or
    // the socket is ready now), false when the link closed, failed or timed out.
    bool awaitRetry(ssize_t n, short events, int64_t deadlineMs);
    bool waitFor(short events, int64_t deadlineMs);
    short tlsEvents() const;
    bool fail(std::string why);

    int m_fd;
    std::unique_ptr<TlsConnection> m_tls;
    std::string m_input; // read past the last line returned
    bool m_timedOut = false;
    std::string m_error;
};

} // namespace redscope::engine
