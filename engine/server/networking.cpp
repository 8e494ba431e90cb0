// Sockets and the per-client byte streams: listening on TCP and a Unix socket, accepting,
// reading into the query buffer and parsing requests, flushing replies, closing clients.
// A client of the tls-port listener (server/tls_listener.cpp) takes the same path: its reads
// and writes go through its TlsConnection, which answers like read(2)/send(2) do.
// Replies are written once per loop iteration (beforeSleep) for every client that got
// output, so pipelines cost one write() per batch; a client whose socket is full gets
// EPOLLOUT interest until its buffer drains.
#include "server/server.h"

#include "replication/replication.h"
#include "scripting/script_engine.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

namespace redscope::engine {

namespace {

bool setNonBlocking(int fd)
{
    int flags = fcntl(fd, F_GETFL, 0);
    return flags >= 0 && fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0;
}

std::string describeAddress(const sockaddr_storage &address)
{
    char host[INET6_ADDRSTRLEN] = {0};
    int port = 0;
    if (address.ss_family == AF_INET) {
        auto *in = reinterpret_cast<const sockaddr_in *>(&address);
        inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
        port = ntohs(in->sin_port);
    } else if (address.ss_family == AF_INET6) {
        auto *in6 = reinterpret_cast<const sockaddr_in6 *>(&address);
        inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
        port = ntohs(in6->sin6_port);
    }
    return std::string(host) + ":" + std::to_string(port);
}

constexpr size_t kReadChunk = 16 * 1024;
constexpr size_t kBigReadChunk = 64 * 1024;
constexpr size_t kMaxWritePerEvent = 64 * 1024 * 1024;

struct WriteCounters
{
    uint64_t bytes = 0, replBytes = 0, writes = 0;
};

// The socket half of a write: sends what it can of the client's replies. Touches only the
// client's output, its layout and the counters, so an I/O thread may run it (io-threads);
// what follows (event interest, closing) is Server::finishWrite's, on the main thread.
SendResult sendOutput(Client &client, WriteCounters &counters)
{
    size_t writtenThisEvent = 0;
    while (client.outputSent < client.output.size() && writtenThisEvent < kMaxWritePerEvent) {
        // send() with MSG_NOSIGNAL: a peer that hung up must not raise SIGPIPE in a host
        // process (the embedded engine cannot rely on the app ignoring it).
        const char *from = client.output.data() + client.outputSent;
        const size_t size = client.output.size() - client.outputSent;
        ssize_t n =
            client.tls ? client.tls->write(from, size) : send(client.fd, from, size, MSG_NOSIGNAL);
        if (n < 0) {
            if (errno == EAGAIN || errno == EINTR) break;
            return SendResult::Failed;
        }
        client.outputSent += static_cast<size_t>(n);
        consumeOutput(client.replyLayout, static_cast<size_t>(n));
        writtenThisEvent += static_cast<size_t>(n);
        (client.replState != Client::ReplState::None ? counters.replBytes : counters.bytes) +=
            static_cast<uint64_t>(n);
        ++counters.writes;
    }
    if (client.outputSent < client.output.size()) return SendResult::Partial;
    client.output.clear();
    client.outputSent = 0;
    outputDrained(client.replyLayout);
    return SendResult::Drained;
}

} // namespace

bool Server::listenTcp(std::string *error)
{
    if (m_config.port == 0) return true;
    std::vector<int> fds;
    if (!openTcpListeners(m_config.port, &fds, error)) return false;
    for (int fd : fds) {
        m_listenFds.push_back(fd);
        m_listenIsUnix.push_back(false);
    }
    m_boundPort = static_cast<int>(m_config.port);
    return true;
}

// One listening socket per bind address on `port` (plain or TLS, the caller decides).
bool Server::openTcpListeners(int64_t listenPort, std::vector<int> *fds, std::string *error)
{
    const auto fail = [&] {
        for (int fd : *fds)
            close(fd);
        fds->clear();
        return false;
    };
    for (const std::string &bindAddress : m_config.bind) {
        std::string host = bindAddress;
        bool optional = false;
        if (!host.empty() && host[0] == '-') { // "-::1": skip if unavailable, as in Redis
            optional = true;
            host.erase(0, 1);
        }
        addrinfo hints{};
        hints.ai_family = AF_UNSPEC;
        hints.ai_socktype = SOCK_STREAM;
        hints.ai_flags = AI_PASSIVE | AI_NUMERICHOST;
        addrinfo *result = nullptr;
        std::string port = std::to_string(listenPort);
        if (getaddrinfo(host == "*" ? nullptr : host.c_str(), port.c_str(), &hints, &result) != 0) {
            if (optional) continue;
            *error = "Invalid bind address '" + host + "'";
            return fail();
        }
        int fd = socket(result->ai_family, SOCK_STREAM | SOCK_CLOEXEC, 0);
        int yes = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
        if (result->ai_family == AF_INET6) setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &yes, sizeof yes);
        if (fd < 0 || bind(fd, result->ai_addr, result->ai_addrlen) != 0 ||
            listen(fd, static_cast<int>(m_config.tcpBacklog)) != 0) {
            int err = errno;
            if (fd >= 0) close(fd);
            freeaddrinfo(result);
            if (optional) continue;
            *error = "Could not create server TCP listening socket " + host + ":" + port + ": " +
                     std::strerror(err);
            return fail();
        }
        freeaddrinfo(result);
        setNonBlocking(fd);
        fds->push_back(fd);
    }
    return true;
}

bool Server::listenUnix(std::string *error)
{
    if (m_config.unixSocket.empty()) return true;
    sockaddr_un address{};
    if (m_config.unixSocket.size() >= sizeof address.sun_path) {
        *error = "Unix socket path too long: " + m_config.unixSocket;
        return false;
    }
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, m_config.unixSocket.c_str(), m_config.unixSocket.size() + 1);
    unlink(m_config.unixSocket.c_str()); // a stale socket from a crashed run
    int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    // Create the socket with no permissions for others, then widen to the configured mask:
    // there is no window in which another user could connect.
    mode_t oldMask = umask(0077);
    bool ok = fd >= 0 && bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) == 0;
    umask(oldMask);
    if (!ok || listen(fd, static_cast<int>(m_config.tcpBacklog)) != 0) {
        *error = "Could not create Unix socket " + m_config.unixSocket + ": " + std::strerror(errno);
        if (fd >= 0) close(fd);
        return false;
    }
    if (m_config.unixSocketPerm) chmod(m_config.unixSocket.c_str(), static_cast<mode_t>(m_config.unixSocketPerm));
    setNonBlocking(fd);
    m_listenFds.push_back(fd);
    m_listenIsUnix.push_back(true);
    return true;
}

void Server::closeListeners()
{
    for (size_t i = 0; i < m_listenFds.size(); ++i) {
        m_loop.unwatch(m_listenFds[i]);
        close(m_listenFds[i]);
        if (m_listenIsUnix[i]) unlink(m_config.unixSocket.c_str());
    }
    m_listenFds.clear();
    m_listenIsUnix.clear();
    closeTlsListeners();
}

void Server::onAccept(EventLoop &, int fd, void *context, uint32_t)
{
    auto *server = static_cast<Server *>(context);
    bool isUnix = false;
    for (size_t i = 0; i < server->m_listenFds.size(); ++i)
        if (server->m_listenFds[i] == fd) isUnix = server->m_listenIsUnix[i];
    server->acceptClient(fd, isUnix);
}

void Server::acceptClient(int listenFd, bool isUnix, bool tls)
{
    // Accept a bounded batch per event so one busy listener cannot starve clients.
    for (int i = 0; i < 64; ++i) {
        sockaddr_storage address{};
        socklen_t length = sizeof address;
        int fd = accept4(listenFd, reinterpret_cast<sockaddr *>(&address), &length,
                         SOCK_NONBLOCK | SOCK_CLOEXEC);
        if (fd < 0) return;
        ++m_stats.connectionsReceived;
        // A TLS client gets its refusal once the handshake is done (queued below): in clear
        // text it would be garbage to it.
        const bool full = static_cast<int64_t>(m_clients.size()) >= m_config.maxClients;
        if (full && !tls) {
            const char *message = "-ERR max number of clients reached\r\n";
            [[maybe_unused]] ssize_t n = send(fd, message, std::strlen(message), MSG_NOSIGNAL);
            close(fd);
            ++m_stats.rejectedConnections;
            continue;
        }
        if (!isUnix) {
            int yes = 1;
            setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
            if (m_config.tcpKeepalive > 0) setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &yes, sizeof yes);
        }
        auto client = std::make_unique<Client>(m_nextClientId++, fd);
        client->isUnixSocket = isUnix;
        if (tls && !(client->tls = TlsConnection::create(m_tls.server.get(), fd,
                                                         TlsConnection::Role::Accept))) {
            close(fd);
            continue;
        }
        if (isUnix) {
            client->peerAddress = m_config.unixSocket + ":0";
            client->localAddress = m_config.unixSocket + ":0";
        } else {
            client->peerAddress = describeAddress(address);
            sockaddr_storage local{};
            socklen_t localLength = sizeof local;
            getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localLength);
            client->localAddress = describeAddress(local);
        }
        client->createdMs = wallClockMs();
        client->lastInteractionMs = client->createdMs;
        initReplyBuffer(*client, client->createdMs);
        client->authenticated = m_acl->defaultUserLogsIn();
        if (tls && (full || protectedModeDenies(*client))) {
            if (full) ++m_stats.rejectedConnections;
            client->output = full ? std::string("-ERR max number of clients reached\r\n")
                                  : std::string("-") + kProtectedModeDenied + "\r\n";
            client->closeAfterReply = true;
        } else if (protectedModeDenies(*client)) {
            static const std::string denied = std::string("-") + kProtectedModeDenied + "\r\n";
            [[maybe_unused]] ssize_t n = send(fd, denied.data(), denied.size(), MSG_NOSIGNAL);
            close(fd);
            continue;
        }
        client->parser.setLimits({m_config.protoMaxBulkLen, 1024 * 1024, 64 * 1024});
        if (static_cast<size_t>(fd) >= m_clientsByFd.size()) m_clientsByFd.resize(static_cast<size_t>(fd) + 64, nullptr);
        m_clientsByFd[static_cast<size_t>(fd)] = client.get();
        m_loop.watch(fd, EventLoop::Readable, &Server::onClientEvent, this);
        m_clients.emplace(client->id, std::move(client));
    }
}

void Server::onClientEvent(EventLoop &, int fd, void *context, uint32_t mask)
{
    auto *server = static_cast<Server *>(context);
    if (static_cast<size_t>(fd) >= server->m_clientsByFd.size()) return;
    Client *client = server->m_clientsByFd[static_cast<size_t>(fd)];
    if (!client || client->closeNow) return;
    if (client->tls) return server->tlsClientEvent(*client, mask);
    if (mask & EventLoop::Writable) {
        if (!server->writeToClient(*client)) return;
    }
    if (mask & EventLoop::Readable) {
        // io-threads-do-reads: while threaded I/O is on, the read waits for the threaded read
        // phase at the start of beforeSleep.
        if (server->m_ioThreadsActive && server->postponeRead(*client)) return;
        server->readFromClient(*client);
    }
}

void Server::readFromClient(Client &client)
{
    if (client.closeAfterReply || client.closeNow) return;
    // The client whose script is running is not read until the script ends (its next
    // requests wait in the socket), as Redis protects a script's caller; nor the one whose
    // command serves clients while it loads (DEBUG RELOAD, DEBUG LOADAOF): its arguments are
    // still in use.
    if (m_scripting && m_scripting->running() && m_scripting->callerId() == client.id) return;
    if (runningClient == &client) return;
    client.hasParsedAhead = false; // parsed again: the buffer moves below
    // Compact: drop bytes of requests already executed so the buffer does not grow forever.
    if (client.inputPos > 0) {
        client.input.erase(0, client.inputPos);
        client.inputPos = 0;
    }
    // Read into one shared buffer and append what arrived: growing the query buffer by a
    // whole chunk first would zero-fill 16 KB for every 30-byte request.
    // Our master's stream is read in big chunks: under a write load it is one busy pipe.
    size_t chunk = client.parser.pendingBytes() > kReadChunk || client.isMaster ? kBigReadChunk
                                                                                 : kReadChunk;
    if (m_readBuffer.size() < chunk) m_readBuffer.resize(kBigReadChunk);
    ssize_t n = client.tls ? readTls(*client.tls, m_readBuffer, chunk)
                           : read(client.fd, m_readBuffer.data(), chunk);
    if (n <= 0) {
        if (n == 0 || (errno != EAGAIN && errno != EINTR)) {
            client.closeNow = true;
            scheduleClose(client);
        } else if (client.tls && client.tls->readWantsWrite()) {
            m_loop.watch(client.fd, EventLoop::Readable | EventLoop::Writable,
                         &Server::onClientEvent, this);
        }
        return;
    }
    // CONFIG SET proto-max-bulk-len applies to connected clients too, as in Redis.
    client.parser.setLimits({m_config.protoMaxBulkLen, 1024 * 1024, 64 * 1024});
    client.input.append(m_readBuffer.data(), static_cast<size_t>(n));
    (client.isMaster ? m_stats.netReplInputBytes : m_stats.netInputBytes) +=
        static_cast<uint64_t>(n);
    ++m_stats.readsProcessed;
    inputArrived(client);
}

void Server::inputArrived(Client &client)
{
    client.lastInteractionMs = m_loopTimeMs;
    if (static_cast<int64_t>(client.input.size()) > m_config.clientQueryBufferLimit) {
        log(LogWarning, "Closing client that reached max query buffer length: " + client.peerAddress);
        client.closeNow = true;
        scheduleClose(client);
        return;
    }
    processInput(client);
}

void Server::processInput(Client &client)
{
    // Our master's bytes, once applied, advance our offset and go on to our replicas: in one
    // piece per batch of commands read, not one backlog append and replica write per command.
    size_t appliedFrom = client.inputPos;
    const auto forwardApplied = [&] {
        if (client.isMaster && client.inputPos > appliedFrom)
            m_replication->masterStreamApplied(
                std::string_view(client.input).substr(appliedFrom, client.inputPos - appliedFrom));
        appliedFrom = client.inputPos;
    };
    while (!client.closeAfterReply && !client.closeNow && !client.blocked && !client.paused) {
        if (client.inputPos >= client.input.size()) {
            forwardApplied();
            client.input.clear();
            client.inputPos = 0;
            return;
        }
        RequestParser::Status status;
        if (client.hasParsedAhead) { // an I/O thread parsed this request right after its read
            status = client.parsedAhead;
            client.hasParsedAhead = false;
        } else {
            status = client.parser.parse(client.input, client.inputPos);
        }
        if (status == RequestParser::Status::NeedMore) return forwardApplied();
        if (status == RequestParser::Status::Error) {
            forwardApplied();
            client.reply.error(client.parser.errorText());
            log(LogVerbose, "Protocol error from client " + client.peerAddress + ": " +
                                client.parser.errorText());
            client.closeAfterReply = true;
            queueWrite(client);
            return;
        }
        size_t consumed = client.parser.consumedBytes();
        if (status == RequestParser::Status::Complete) {
            const size_t outputBefore = client.output.size();
            m_tracking->beginCommand(client);
            // Our master's commands apply keys as they are: expiry is the master's to decide
            // (its DELs follow), so a key a moment past its TTL here is not deleted under it.
            if (client.isMaster) Database::lazyExpiryPaused = true;
            processCommand(client, client.parser.arguments());
            Database::lazyExpiryPaused = false;
            if (client.paused) return forwardApplied(); // CLIENT PAUSE: the request stays
            if (client.isMaster && client.output.size() > outputBefore &&
                client.output[outputBefore] == '-')
                masterCommandFailed(client, outputBefore, client.parser.arguments());
            applyReplyMode(client, outputBefore);
            m_tracking->endCommand(); // the caller's invalidations follow its reply
            queueWrite(client);
        }
        client.inputPos += consumed;
    }
    forwardApplied();
}

// CLIENT REPLY OFF/SKIP: what this command wrote is dropped (it can only be its own reply,
// or a push it caused to itself); then a SKIP asked by this command applies to the next.
void Server::applyReplyMode(Client &client, size_t outputBefore)
{
    // Our master never gets replies (its REPLCONF ACKs are written outside commands); an
    // error it would have got was counted and logged by masterCommandFailed.
    if ((client.replyOff || client.replySkipThis || client.isMaster) &&
        client.output.size() > outputBefore) {
        client.output.resize(outputBefore);
        std::erase_if(client.replyLayout.pieces,
                      [&](const ReplyPiece &piece) { return piece.offset >= outputBefore; });
    }
    client.replySkipThis = client.replySkipNext;
    client.replySkipNext = false;
}

void Server::queueWrite(Client &client)
{
    placeOutput(client.replyLayout, client.output, client.outputSent);
    if (client.closeNow || outputBufferLimitReached(client)) return;
    if (client.pendingWrite || client.output.size() == client.outputSent) {
        if (client.closeAfterReply && !client.pendingWrite) scheduleClose(client);
        return;
    }
    client.pendingWrite = true;
    m_pendingWrites.push_back(client.id);
}

// Returns false when the client was closed.
bool Server::writeToClient(Client &client)
{
    // A TLS client's replies wait for its handshake (tls_listener.cpp writes them after it).
    if (client.tls && !client.tls->established()) return true;
    placeOutput(client.replyLayout, client.output, client.outputSent);
    WriteCounters counters;
    const SendResult result = sendOutput(client, counters);
    m_stats.netOutputBytes += counters.bytes;
    m_stats.netReplOutputBytes += counters.replBytes;
    m_stats.writesProcessed += counters.writes;
    return finishWrite(client, result);
}

bool Server::finishWrite(Client &client, SendResult result)
{
    if (result == SendResult::Failed) {
        client.closeNow = true;
        scheduleClose(client);
        return false;
    }
    if (result == SendResult::Drained) {
        releaseBigReplyBuffer(client);
        if (m_loop.watchedMask(client.fd) & EventLoop::Writable)
            m_loop.watch(client.fd, EventLoop::Readable, &Server::onClientEvent, this);
        if (client.closeAfterReply) {
            scheduleClose(client);
            return false;
        }
    } else if (client.tls && client.tls->writeWantsRead()) {
        // OpenSSL must read before it writes again: the next readable event retries the
        // write (tlsClientEvent); writable interest would only spin.
        if (m_loop.watchedMask(client.fd) & EventLoop::Writable)
            m_loop.watch(client.fd, EventLoop::Readable, &Server::onClientEvent, this);
    } else if (!(m_loop.watchedMask(client.fd) & EventLoop::Writable)) {
        m_loop.watch(client.fd, EventLoop::Readable | EventLoop::Writable, &Server::onClientEvent,
                     this);
    }
    return true;
}

void Server::flushPendingWrites()
{
    if (m_ioThreads && flushPendingWritesThreaded()) return;
    // Index loop: writing never adds to the list, but closing may look clients up.
    for (size_t i = 0; i < m_pendingWrites.size(); ++i) {
        Client *client = clientById(m_pendingWrites[i]);
        if (!client) continue;
        client->pendingWrite = false;
        if (client->closeNow) continue;
        writeToClient(*client);
    }
    m_pendingWrites.clear();
}

// io-threads > 1. As in redis-server, threaded I/O turns on when at least 2 x io-threads
// clients have replies to send in one iteration, and off as soon as fewer do (an iteration
// with nothing to send changes nothing). While it is on, the reply writes, and with
// io-threads-do-reads the reads and the parsing of the first request read, are shared by the
// I/O threads, the main thread waiting for them (io_threads.h); commands run after the read
// phase, on the main thread, in the order the clients were read.
//
// TLS clients take part once their handshake is done: during a phase the thread that has a
// client in its share is the only one to touch its SSL object (SSL_read/SSL_write and their
// WANT_* retries, SSL_pending, the thread's own OpenSSL error queue), and IoThreads::run's
// start and barrier hand the session over and back with the rest of the client, so OpenSSL
// sees one thread at a time and each call after the previous one. What OpenSSL asks of the
// event loop (a read that wants writable, a write that wants readable) is only recorded on
// the thread; the main thread turns it into epoll interest after the barrier
// (readPendingThreaded, finishWrite). The handshake stays on the main thread.
//
// Replication links do as in Redis 7.0: our replicas' writes stay on the main thread (Redis
// keeps them there for its shared replication buffer; here the replication state feeds
// them), our master's stream is never read on a thread (its commands are applied and
// forwarded in order), and our master's REPLCONF ACK writes, like any client's, may be.

void Server::startIoThreads()
{
    if (m_config.ioThreads <= 1) return;
    const auto threads = static_cast<size_t>(m_config.ioThreads);
    m_ioSlots.resize(threads);
    for (IoSlot &slot : m_ioSlots)
        slot.readBuffer.resize(kBigReadChunk);
    m_ioThreads = std::make_unique<IoThreads>(static_cast<int>(threads), m_config.serverCpulist);
}

// The client's read waits for the next threaded read phase; false: read it now.
bool Server::postponeRead(Client &client)
{
    if (!m_config.ioThreadsDoReads) return false;
    if (client.pendingRead) return true;
    if (client.isMaster || client.replState != Client::ReplState::None || client.blocked ||
        client.paused || client.closeAfterReply || client.closeNow ||
        (m_scripting && m_scripting->running()))
        return false;
    client.pendingRead = true;
    m_pendingReads.push_back(client.id);
    return true;
}

void Server::readPendingThreaded()
{
    // The list is taken whole: a command run below (a script serving events while it runs)
    // may postpone reads for the next phase.
    std::vector<uint64_t> ids;
    ids.swap(m_pendingReads);
    m_ioBatch.clear();
    for (uint64_t id : ids) {
        Client *client = clientById(id);
        if (!client) continue;
        client->pendingRead = false;
        client->ioOutcome = static_cast<uint8_t>(Client::IoRead::Nothing);
        if (client->closeNow || client->closeAfterReply) continue;
        // CONFIG SET proto-max-bulk-len applies to connected clients too, as in Redis.
        client->parser.setLimits({m_config.protoMaxBulkLen, 1024 * 1024, 64 * 1024});
        m_ioBatch.push_back(client);
    }
    m_ioThreads->run(m_ioBatch, &Server::threadedRead, this);
    addIoCounters();
    m_stats.ioThreadedReadsProcessed += m_ioBatch.size();
    // By id: a command may close (never free) another client of the batch.
    for (uint64_t id : ids) {
        Client *client = clientById(id);
        if (!client || client->closeNow) continue;
        switch (static_cast<Client::IoRead>(client->ioOutcome)) {
        case Client::IoRead::Closed:
            client->closeNow = true;
            scheduleClose(*client);
            break;
        case Client::IoRead::Data:
            inputArrived(*client);
            break;
        case Client::IoRead::Nothing:
            // OpenSSL must write before it reads again (a renegotiation or key update):
            // the next writable event retries the read (tlsClientEvent).
            if (client->tls && client->tls->readWantsWrite())
                m_loop.watch(client->fd, EventLoop::Readable | EventLoop::Writable,
                             &Server::onClientEvent, this);
            break;
        }
        client->ioOutcome = static_cast<uint8_t>(Client::IoRead::Nothing);
    }
    ids.clear();
    if (m_pendingReads.empty()) m_pendingReads.swap(ids); // keeps the capacity
}

// On an I/O thread: this client's buffers, its TLS session and the slot are this thread's
// alone until the barrier.
void Server::threadedRead(void *context, int slot, Client &client)
{
    IoSlot &io = static_cast<Server *>(context)->m_ioSlots[static_cast<size_t>(slot)];
    client.hasParsedAhead = false;
    if (client.inputPos > 0) {
        client.input.erase(0, client.inputPos);
        client.inputPos = 0;
    }
    const size_t chunk = client.parser.pendingBytes() > kReadChunk ? kBigReadChunk : kReadChunk;
    const ssize_t n = client.tls ? readTls(*client.tls, io.readBuffer, chunk)
                                 : read(client.fd, io.readBuffer.data(), chunk);
    if (n <= 0) {
        const bool closed = n == 0 || (errno != EAGAIN && errno != EINTR);
        client.ioOutcome =
            static_cast<uint8_t>(closed ? Client::IoRead::Closed : Client::IoRead::Nothing);
        return;
    }
    client.input.append(io.readBuffer.data(), static_cast<size_t>(n));
    io.inputBytes += static_cast<uint64_t>(n);
    ++io.reads;
    client.ioOutcome = static_cast<uint8_t>(Client::IoRead::Data);
    client.parsedAhead = client.parser.parse(client.input, client.inputPos);
    client.hasParsedAhead = true;
}

// True when the threads (or, for a batch with nothing to send, nobody) did the flush.
bool Server::flushPendingWritesThreaded()
{
    if (m_pendingWrites.empty()) return true;
    if (m_pendingWrites.size() < 2 * m_ioSlots.size()) {
        m_ioThreadsActive = false;
        return false;
    }
    m_ioThreadsActive = true;
    m_ioBatch.clear();
    for (uint64_t id : m_pendingWrites) {
        Client *client = clientById(id);
        if (!client) continue;
        client->pendingWrite = false;
        if (client->closeNow) continue;
        // Replicas stay on the main thread (see above), and a TLS client in its handshake
        // has nothing to write yet (writeToClient leaves its output for the handshake's end).
        if (client->replState != Client::ReplState::None ||
            (client->tls && !client->tls->established())) {
            writeToClient(*client); // closing only schedules: the batch's pointers stay valid
            continue;
        }
        placeOutput(client->replyLayout, client->output, client->outputSent);
        m_ioBatch.push_back(client);
    }
    m_pendingWrites.clear();
    m_ioThreads->run(m_ioBatch, &Server::threadedWrite, this);
    addIoCounters();
    m_stats.ioThreadedWritesProcessed += m_ioBatch.size();
    for (Client *client : m_ioBatch)
        finishWrite(*client, static_cast<SendResult>(client->ioOutcome));
    return true;
}

void Server::threadedWrite(void *context, int slot, Client &client)
{
    IoSlot &io = static_cast<Server *>(context)->m_ioSlots[static_cast<size_t>(slot)];
    WriteCounters counters;
    client.ioOutcome = static_cast<uint8_t>(sendOutput(client, counters));
    io.outputBytes += counters.bytes;
    io.replOutputBytes += counters.replBytes;
    io.writes += counters.writes;
}

void Server::addIoCounters()
{
    for (IoSlot &io : m_ioSlots) {
        m_stats.netInputBytes += io.inputBytes;
        m_stats.netOutputBytes += io.outputBytes;
        m_stats.netReplOutputBytes += io.replOutputBytes;
        m_stats.readsProcessed += io.reads;
        m_stats.writesProcessed += io.writes;
        io.inputBytes = io.outputBytes = io.replOutputBytes = io.reads = io.writes = 0;
    }
}

void Server::scheduleClose(Client &client)
{
    for (uint64_t id : m_pendingClose)
        if (id == client.id) return;
    m_pendingClose.push_back(client.id);
}

void Server::freeClosedClients()
{
    while (!m_pendingClose.empty()) {
        std::vector<uint64_t> ids;
        ids.swap(m_pendingClose);
        for (uint64_t id : ids) {
            Client *client = clientById(id);
            if (client) freeClient(*client);
        }
    }
}

void Server::freeClient(Client &client)
{
    if (client.blocked) unblockClient(client);
    unwatchAll(client);
    unsubscribeAll(client, false);
    m_tracking->clientGone(client);
    if (client.monitor) std::erase(m_monitors, client.id);
    if (client.isMaster) m_replication->masterClientGone(client);
    if (client.replState != Client::ReplState::None) m_replication->replicaGone(client);
    m_loop.unwatch(client.fd);
    if (client.tls) client.tls->shutdown();
    close(client.fd);
    if (static_cast<size_t>(client.fd) < m_clientsByFd.size()) m_clientsByFd[static_cast<size_t>(client.fd)] = nullptr;
    m_clients.erase(client.id); // destroys client
}

Client *Server::clientById(uint64_t id)
{
    auto it = m_clients.find(id);
    return it == m_clients.end() ? nullptr : it->second.get();
}

} // namespace redscope::engine
