// The tls-port listener beside the plain port: its sockets, accepting its clients, driving
// their handshakes on the event loop, and CONFIG SET of tls-* at run time.
//
// A TLS client is an ordinary Client with a TlsConnection (net/tls_connection.h): once its
// handshake is done, networking.cpp reads and writes it like any other, the TLS object
// answering as read(2)/send(2) would. What differs lives here, in tlsClientEvent: the
// handshake, and OpenSSL's cross-wants, a read that needs the socket writable or a write
// that needs it readable (a TLS 1.3 key update, say), which turn one event into the other
// operation. With io-threads an established client's reads (io-threads-do-reads) and
// writes go to the I/O threads as a plain client's do (networking.cpp); the handshake, and
// the event interest OpenSSL's wants call for, stay here on the main thread. Nothing here
// runs unless tls-port (or tls-replication) is configured: the embedded engine's Unix socket
// never sees TLS.
#include "server/server.h"

#include <unistd.h>

namespace redscope::engine {

namespace {

// The TLS settings whose change rebuilds the contexts.
bool sameTlsSettings(const ServerConfig &a, const ServerConfig &b)
{
    return a.tlsPort == b.tlsPort && a.tlsCertFile == b.tlsCertFile &&
           a.tlsKeyFile == b.tlsKeyFile && a.tlsKeyFilePass == b.tlsKeyFilePass &&
           a.tlsClientCertFile == b.tlsClientCertFile && a.tlsClientKeyFile == b.tlsClientKeyFile &&
           a.tlsClientKeyFilePass == b.tlsClientKeyFilePass &&
           a.tlsDhParamsFile == b.tlsDhParamsFile && a.tlsCaCertFile == b.tlsCaCertFile &&
           a.tlsCaCertDir == b.tlsCaCertDir && a.tlsProtocols == b.tlsProtocols &&
           a.tlsCiphers == b.tlsCiphers && a.tlsCiphersuites == b.tlsCiphersuites &&
           a.tlsAuthClients == b.tlsAuthClients && a.tlsReplication == b.tlsReplication &&
           a.tlsCluster == b.tlsCluster && a.tlsPreferServerCiphers == b.tlsPreferServerCiphers &&
           a.tlsSessionCaching == b.tlsSessionCaching &&
           a.tlsSessionCacheSize == b.tlsSessionCacheSize &&
           a.tlsSessionCacheTimeout == b.tlsSessionCacheTimeout;
}

} // namespace

bool Server::listenTls(std::string *error)
{
    if (m_config.tlsPort == 0) return true;
    return openTcpListeners(m_config.tlsPort, &m_tlsListenFds, error);
}

void Server::closeTlsListeners()
{
    for (int fd : m_tlsListenFds) {
        m_loop.unwatch(fd);
        close(fd);
    }
    m_tlsListenFds.clear();
}

void Server::onTlsAccept(EventLoop &, int fd, void *context, uint32_t)
{
    static_cast<Server *>(context)->acceptClient(fd, false, true);
}

void Server::tlsClientEvent(Client &client, uint32_t mask)
{
    TlsConnection &tls = *client.tls;
    if (!tls.established()) {
        switch (tls.handshake()) {
        case TlsConnection::Step::Failed:
            log(LogWarning, "Error accepting a client connection: " + tls.lastError() + " (addr=" +
                                client.peerAddress + " laddr=" + client.localAddress + ")");
            client.closeNow = true;
            scheduleClose(client);
            return;
        case TlsConnection::Step::WouldBlock:
            m_loop.watch(client.fd, tls.wantMask(), &Server::onClientEvent, this);
            return;
        case TlsConnection::Step::Done:
            break;
        }
        m_loop.watch(client.fd, EventLoop::Readable, &Server::onClientEvent, this);
        // A refusal queued at accept, or requests that came with the last handshake flight.
        if (client.output.size() > client.outputSent && !writeToClient(client)) return;
        readFromClient(client);
        return;
    }
    const bool write =
        (mask & EventLoop::Writable) || ((mask & EventLoop::Readable) && tls.writeWantsRead());
    const bool read =
        (mask & EventLoop::Readable) || ((mask & EventLoop::Writable) && tls.readWantsWrite());
    if (write && !writeToClient(client)) return;
    if (!read) return;
    // io-threads-do-reads: as a plain client's, the read waits for the threaded read phase;
    // the handshake above stays on the main thread.
    if (m_ioThreadsActive && postponeRead(client)) return;
    readFromClient(client);
}

// One SSL_read, then what OpenSSL already decrypted of that record: epoll would never report
// those bytes, and a pipeline whose tail sits there would stall until the client sends more.
// Nothing stays in SSL_pending when it returns (but on an error, which the next read shows),
// so no read is ever owed to a client between two events. The buffer is the caller's: the
// main thread's m_readBuffer, or an I/O thread's slot (threadedRead), which may run this for
// a TLS client while that thread owns the client's session.
ssize_t Server::readTls(TlsConnection &tls, std::vector<char> &buffer, size_t chunk)
{
    ssize_t total = tls.read(buffer.data(), chunk);
    if (total <= 0) return total;
    while (size_t pending = tls.pending()) {
        const size_t at = static_cast<size_t>(total);
        if (buffer.size() < at + pending) buffer.resize(at + pending);
        const ssize_t n = tls.read(buffer.data() + at, pending);
        if (n <= 0) break; // what was read is served; the error shows on the next read
        total += n;
    }
    return total;
}

bool Server::applyTlsConfig(const ServerConfig &before, std::string *failedName, std::string *error)
{
    if (sameTlsSettings(before, m_config)) return true;
    TlsContexts fresh;
    std::string why;
    if (!buildTlsContexts(m_config, &fresh, &why)) {
        log(LogWarning, why);
        *failedName = m_config.tlsPort != before.tlsPort ? "tls-port" : "tls-cert-file";
        *error = "Unable to update TLS configuration. Check server logs.";
        return false;
    }
    if (m_config.tlsPort != before.tlsPort) {
        std::vector<int> fds;
        if (m_config.tlsPort && !openTcpListeners(m_config.tlsPort, &fds, &why)) {
            log(LogWarning, why);
            *failedName = "tls-port";
            *error = "Unable to listen on this port. Check server logs.";
            return false;
        }
        closeTlsListeners();
        m_tlsListenFds = std::move(fds);
        for (int fd : m_tlsListenFds)
            m_loop.watch(fd, EventLoop::Readable, &Server::onTlsAccept, this);
    }
    m_tls = std::move(fresh); // open sessions keep the context they hold a reference on
    return true;
}

} // namespace redscope::engine
