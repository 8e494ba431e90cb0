// The replica's side of replication (see replication.h): a non-blocking link to the master
// driven by the event loop. The handshake is a sequence of one-line exchanges, each sent
// when the previous reply arrived: PING, AUTH (masterauth / masteruser), REPLCONF
// listening-port, REPLCONF capa eof capa psync2, then PSYNC with our replication id and the
// next offset we need (our own history when we were a master until now, as psync2 does).
// +CONTINUE resumes at once; +FULLRESYNC is followed by the RDB, `$<len>` or `$EOF:<mark>`,
// gathered in memory and loaded into fresh databases that replace ours only when the whole
// image loaded. A bad payload is logged and the link tried again; the old data stay.
//
// Once synchronized, the socket becomes an ordinary client flagged as the master: its
// commands run through processCommand with replies dropped, and every applied command's
// bytes advance our offset and go on, verbatim, to our own replicas. REPLCONF ACK <offset>
// goes back every second and when the master asks (GETACK). A dropped link keeps our id and
// offset (the cached master), so the next connection asks for exactly what is missing.
#include "replication/replication.h"

#include "persistence/aof.h"
#include "persistence/persistence.h"
#include "persistence/persistence_io.h"
#include "persistence/rdb_loader.h"
#include "server/server.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <netdb.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace redscope::engine {

namespace {

constexpr size_t kLinkReadChunk = 256 * 1024;

void sendCommand(int fd, const std::vector<std::string> &argv)
{
    std::string bytes;
    aof::appendCommand(bytes, argv);
    // Handshake commands are tiny and the socket is fresh: they fit its buffer.
    [[maybe_unused]] ssize_t n = ::send(fd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
}

} // namespace

// The socket of a handshake or payload transfer in progress, if any.
void Replication::closeLinkFd()
{
    if (m_linkFd < 0) return;
    m_server.loop().unwatch(m_linkFd);
    ::close(m_linkFd);
    m_linkFd = -1;
}

// Both halves of the link to a master: the client that applies its stream once synced, and
// the socket still in the handshake or transfer.
void Replication::closeMasterLink()
{
    if (Client *master = m_server.clientById(m_masterClientId)) {
        m_masterClientId = 0;
        master->closeNow = true;
        m_server.scheduleClose(*master);
    }
    closeLinkFd();
}

void Replication::setMaster(const std::string &host, int port)
{
    const bool wasMaster = !isReplica();
    closeMasterLink();
    m_masterHost = host;
    m_masterPort = port;
    m_server.config().replicaOfHost = host;
    m_server.config().replicaOfPort = port;
    // Our replicas resync with us once we follow the new master (as Redis 7.0 forces it).
    disconnectReplicas();
    // Clients blocked in WAIT get what they have: no replica will answer any more.
    serveWaitersNow();
    if (wasMaster)
        m_server.log(Server::LogNotice, "Before turning into a replica, using my own "
                                        "master parameters to synthesize a cached "
                                        "master: I may be able to synchronize with "
                                        "the new master with just a partial transfer.");
    m_linkState = LinkState::Connect;
    m_linkDownSinceMs = Server::wallClockMs();
    m_linkStartMs = 0;
    connectToMaster();
}

void Replication::unsetMaster()
{
    if (!isReplica()) return;
    closeMasterLink();
    m_linkInput.clear();
    m_payload.clear();
    m_payload.shrink_to_fit();
    m_masterHost.clear();
    m_masterPort = 0;
    m_server.config().replicaOfHost.clear();
    m_server.config().replicaOfPort = 0;
    m_linkState = LinkState::None;
    // A new history starts here; replicas that followed the old one continue with replid2.
    shiftReplid();
    disconnectReplicas();
    ensureBacklog();
    m_streamDb = -1;
    m_server.log(Server::LogNotice, "MASTER MODE enabled");
}

void Replication::replicaCron(int64_t nowMs)
{
    const int64_t timeoutMs = m_server.config().replTimeout * 1000;
    switch (m_linkState) {
    case LinkState::Connect:
        connectToMaster();
        break;
    case LinkState::Connecting:
    case LinkState::Handshake:
        if (nowMs - m_linkStartMs > timeoutMs) dropLink("Timeout connecting to the MASTER...");
        break;
    case LinkState::Transfer:
        if (nowMs - m_lastIoMs > timeoutMs)
            dropLink("Timeout receiving bulk data from MASTER... If the problem persists try to "
                     "set the 'repl-timeout' parameter in redis.conf to a larger value.");
        break;
    case LinkState::Connected:
        if (Client *master = m_server.clientById(m_masterClientId)) {
            if (nowMs - master->lastInteractionMs > timeoutMs) {
                m_server.log(Server::LogWarning, "MASTER timeout: no data nor PING received...");
                master->closeNow = true;
                m_server.scheduleClose(*master);
            } else if (nowMs - m_lastAckMs >= 1000) {
                sendAck();
            }
        }
        break;
    case LinkState::None:
        break;
    }
}

void Replication::connectToMaster()
{
    const int64_t now = Server::wallClockMs();
    // One attempt a second at most, like Redis's replication cron.
    if (m_linkStartMs && now - m_linkStartMs < 1000 && m_linkState == LinkState::Connect) return;
    m_linkStartMs = now;
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    addrinfo *result = nullptr;
    const std::string port = std::to_string(m_masterPort);
    if (::getaddrinfo(m_masterHost.c_str(), port.c_str(), &hints, &result) != 0 || !result) {
        m_server.log(Server::LogWarning,
                     "Unable to connect to MASTER: can't resolve " + m_masterHost);
        return;
    }
    const int fd = ::socket(result->ai_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
    if (fd < 0) {
        ::freeaddrinfo(result);
        return;
    }
    const int rc = ::connect(fd, result->ai_addr, result->ai_addrlen);
    ::freeaddrinfo(result);
    if (rc != 0 && errno != EINPROGRESS) {
        m_server.log(Server::LogWarning,
                     std::string("Unable to connect to MASTER: ") + std::strerror(errno));
        ::close(fd);
        return;
    }
    int yes = 1;
    ::setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    m_linkFd = fd;
    m_linkState = LinkState::Connecting;
    m_linkInput.clear();
    m_server.loop().watch(fd, EventLoop::Writable, &Replication::onLinkEvent, this);
    m_server.log(Server::LogNotice,
                 "Connecting to MASTER " + m_masterHost + ":" + std::to_string(m_masterPort));
}

void Replication::onLinkEvent(EventLoop &, int, void *context, uint32_t mask)
{
    static_cast<Replication *>(context)->linkEvent(mask);
}

void Replication::linkEvent(uint32_t mask)
{
    if (m_linkState == LinkState::Connecting) {
        if (!(mask & EventLoop::Writable)) return;
        int error = 0;
        socklen_t length = sizeof error;
        ::getsockopt(m_linkFd, SOL_SOCKET, SO_ERROR, &error, &length);
        if (error)
            return dropLink(std::string("Error condition on socket for SYNC: ") +
                            std::strerror(error));
        m_server.log(Server::LogNotice, "MASTER <-> REPLICA sync started");
        m_linkState = LinkState::Handshake;
        m_step = HandshakeStep::Ping;
        m_server.loop().watch(m_linkFd, EventLoop::Readable, &Replication::onLinkEvent, this);
        sendCommand(m_linkFd, {"PING"});
        return;
    }
    if (!(mask & EventLoop::Readable)) return;
    char chunk[kLinkReadChunk];
    const ssize_t n = ::read(m_linkFd, chunk, sizeof chunk);
    if (n < 0 && (errno == EAGAIN || errno == EINTR)) return;
    if (n <= 0) {
        return dropLink(m_linkState == LinkState::Transfer
                            ? "I/O error trying to sync with MASTER: connection lost"
                            : "Master closed the connection during the handshake");
    }
    m_lastIoMs = Server::wallClockMs();
    m_server.stats().netReplInputBytes += static_cast<uint64_t>(n);
    ++m_server.stats().readsProcessed;
    if (m_linkState == LinkState::Transfer && m_payloadSize != -2) {
        m_payload.append(chunk, static_cast<size_t>(n));
        return receivePayload();
    }
    m_linkInput.append(chunk, static_cast<size_t>(n));
    while (m_linkState == LinkState::Handshake) {
        const size_t end = m_linkInput.find('\n');
        if (end == std::string::npos) return;
        std::string line = m_linkInput.substr(0, end);
        m_linkInput.erase(0, end + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty()) continue; // the master's keepalive newline
        if (!handleHandshakeLine(line)) break;
    }
    // The payload may have come in the same read as +FULLRESYNC.
    if (m_linkState == LinkState::Transfer) receivePayload();
}

// One reply of the handshake; sends the next command. False when the link was dropped or
// handed over (then nothing more is to be read here).
bool Replication::handleHandshakeLine(const std::string &line)
{
    const ServerConfig &config = m_server.config();
    switch (m_step) {
    case HandshakeStep::Ping:
        // An error about authentication is fine here: AUTH comes next.
        if (line[0] == '-' && !line.starts_with("-NOAUTH") && !line.starts_with("-NOPERM") &&
            !line.starts_with("-ERR operation not permitted")) {
            dropLink("Error reply to PING from master: '" + line + "'");
            return false;
        }
        if (!config.masterAuth.empty()) {
            m_step = HandshakeStep::Auth;
            if (config.masterUser.empty())
                sendCommand(m_linkFd, {"AUTH", config.masterAuth});
            else
                sendCommand(m_linkFd, {"AUTH", config.masterUser, config.masterAuth});
            return true;
        }
        [[fallthrough]];
    case HandshakeStep::Auth:
        if (m_step == HandshakeStep::Auth && line[0] == '-') {
            dropLink("Unable to AUTH to MASTER: " + line);
            return false;
        }
        m_step = HandshakeStep::Port;
        {
            const int64_t port =
                config.replicaAnnouncePort ? config.replicaAnnouncePort : m_server.boundTcpPort();
            std::vector<std::string> argv = {"REPLCONF", "listening-port", std::to_string(port)};
            if (!config.replicaAnnounceIp.empty()) {
                argv.push_back("ip-address");
                argv.push_back(config.replicaAnnounceIp);
            }
            sendCommand(m_linkFd, argv);
        }
        return true;
    case HandshakeStep::Port:
        if (line[0] == '-')
            m_server.log(Server::LogNotice,
                         "(Non critical) Master does not understand REPLCONF listening-port: " +
                             line);
        m_step = HandshakeStep::Capa;
        sendCommand(m_linkFd, {"REPLCONF", "capa", "eof", "capa", "psync2"});
        return true;
    case HandshakeStep::Capa:
        if (line[0] == '-')
            m_server.log(Server::LogNotice,
                         "(Non critical) Master does not understand REPLCONF capa: " + line);
        m_step = HandshakeStep::Psync;
        m_server.log(Server::LogNotice, "Trying a partial resynchronization (request " + m_replid +
                                            ":" + std::to_string(m_offset + 1) + ").");
        if (m_failoverState == FailoverState::InProgress)
            sendCommand(m_linkFd, {"PSYNC", m_replid, std::to_string(m_offset + 1), "FAILOVER"});
        else
            sendCommand(m_linkFd, {"PSYNC", m_replid, std::to_string(m_offset + 1)});
        return true;
    case HandshakeStep::Psync:
        if (m_failoverState == FailoverState::InProgress) {
            if (!line.starts_with("+FULLRESYNC") && !line.starts_with("+CONTINUE")) {
                abortFailover("Failover target rejected psync request");
                return false;
            }
            m_server.log(Server::LogNotice, "Failover target " + m_masterHost + ":" +
                                                std::to_string(m_masterPort) +
                                                " accepted the PSYNC: FAILOVER complete.");
            clearFailover();
        }
        if (line.starts_with("+FULLRESYNC")) {
            char id[41] = {0};
            long long offset = 0;
            if (std::sscanf(line.c_str(), "+FULLRESYNC %40s %lld", id, &offset) != 2) {
                dropLink("Unexpected +FULLRESYNC reply from master: " + line);
                return false;
            }
            m_masterReplid = id;
            m_masterInitialOffset = offset;
            m_linkState = LinkState::Transfer;
            m_payloadSize = -2; // the $ header is next
            m_payload.clear();
            m_server.log(Server::LogNotice, "Full resync from master: " + m_masterReplid + ":" +
                                                std::to_string(offset));
            return false;
        }
        if (line.starts_with("+CONTINUE")) {
            const std::string newId = line.size() > 10 ? line.substr(10) : std::string();
            if (newId.size() == 40 && newId != m_replid) {
                // The master's history went on under a new id (a failover): keep ours as
                // replid2, and let our replicas reconnect to learn the change.
                m_replid2 = m_replid;
                m_secondOffset = m_offset + 1;
                m_replid = newId;
                disconnectReplicas();
            }
            m_server.log(Server::LogNotice, "Successful partial resynchronization with master.");
            m_server.log(Server::LogNotice, "MASTER <-> REPLICA sync: Master accepted a Partial "
                                            "Resynchronization.");
            ensureBacklog();
            std::string leftover;
            leftover.swap(m_linkInput);
            adoptMasterClient(std::move(leftover));
            return false;
        }
        dropLink("Unexpected reply to PSYNC from master: " + line);
        return false;
    }
    return false;
}

void Replication::receivePayload()
{
    if (m_payloadSize == -2) {
        // The bulk header: "$<len>" or "$EOF:<40 bytes mark>", after keepalive newlines.
        size_t start = m_linkInput.find_first_not_of('\n');
        if (start == std::string::npos) return m_linkInput.clear();
        const size_t end = m_linkInput.find("\r\n", start);
        if (end == std::string::npos) return;
        const std::string header = m_linkInput.substr(start, end - start);
        m_payload = m_linkInput.substr(end + 2);
        m_linkInput.clear();
        if (header[0] == '-')
            return dropLink("MASTER aborted replication with an error: " + header);
        if (header.starts_with("$EOF:") && header.size() == 45) {
            m_payloadMark = header.substr(5);
            m_payloadSize = -1;
        } else if (header[0] == '$') {
            long long size = -1;
            if (std::sscanf(header.c_str() + 1, "%lld", &size) != 1 || size < 0)
                return dropLink("Bad protocol from MASTER, the first byte is not '$'");
            m_payloadSize = size;
        } else {
            return dropLink("Bad protocol from MASTER, the first byte is not '$' (we received '" +
                            header + "'), are you sure the host and port are right?");
        }
        m_server.log(Server::LogNotice,
                     "MASTER <-> REPLICA sync: receiving " +
                         (m_payloadSize >= 0 ? std::to_string(m_payloadSize) + " bytes"
                                             : std::string("streamed RDB")) +
                         " from master to " + (m_payloadSize >= 0 ? "disk" : "memory"));
    }
    if (m_payloadSize >= 0) {
        if (static_cast<int64_t>(m_payload.size()) < m_payloadSize) return;
        std::string leftover = m_payload.substr(static_cast<size_t>(m_payloadSize));
        m_payload.resize(static_cast<size_t>(m_payloadSize));
        m_linkInput = std::move(leftover);
    } else {
        if (m_payload.size() < 40 ||
            std::string_view(m_payload).substr(m_payload.size() - 40) != m_payloadMark)
            return;
        m_payload.resize(m_payload.size() - 40);
    }
    std::string rdb;
    rdb.swap(m_payload);
    finishPayload(rdb);
}

void Replication::finishPayload(std::string_view rdb)
{
    m_server.log(Server::LogNotice, "MASTER <-> REPLICA sync: Loading DB in memory");
    RdbLoadStats stats;
    std::string error;
    if (!loadRdbIntoServer(m_server, rdb, false, &stats, &error)) {
        dropLink("Failed trying to load the MASTER synchronization DB from socket: " + error);
        return;
    }
    for (int i = 0; i < m_server.dbCount(); ++i)
        m_server.touchAllWatchedKeys(i);
    // Our history is the master's from here on.
    m_replid = m_masterReplid;
    m_replid2 = std::string(40, '0');
    m_secondOffset = -1;
    m_offset = m_masterInitialOffset;
    m_backlog = std::make_unique<ReplicationBacklog>(
        static_cast<size_t>(m_server.config().replBacklogSize), m_offset);
    disconnectReplicas();
    if (m_server.config().appendOnly) {
        std::string ignored;
        m_server.persistence().rewriteAof(&ignored);
    }
    m_server.log(Server::LogNotice, "MASTER <-> REPLICA sync: Finished with success (" +
                                        std::to_string(stats.keysLoaded) + " keys)");
    std::string leftover;
    leftover.swap(m_linkInput);
    adoptMasterClient(std::move(leftover));
}

// The synchronized socket becomes the master client (CLIENT LIST flag M).
void Replication::adoptMasterClient(std::string leftover)
{
    const int fd = m_linkFd;
    m_linkFd = -1;
    m_server.loop().unwatch(fd);
    m_payload.shrink_to_fit();
    auto client = std::make_unique<Client>(m_server.m_nextClientId++, fd);
    client->isMaster = true;
    client->authenticated = true;
    client->peerAddress = m_masterHost + ":" + std::to_string(m_masterPort);
    sockaddr_storage local{};
    socklen_t localLength = sizeof local;
    char host[INET6_ADDRSTRLEN] = {0};
    if (::getsockname(fd, reinterpret_cast<sockaddr *>(&local), &localLength) == 0) {
        int port = 0;
        if (local.ss_family == AF_INET) {
            auto *in = reinterpret_cast<sockaddr_in *>(&local);
            ::inet_ntop(AF_INET, &in->sin_addr, host, sizeof host);
            port = ntohs(in->sin_port);
        } else if (local.ss_family == AF_INET6) {
            auto *in6 = reinterpret_cast<sockaddr_in6 *>(&local);
            ::inet_ntop(AF_INET6, &in6->sin6_addr, host, sizeof host);
            port = ntohs(in6->sin6_port);
        }
        client->localAddress = std::string(host) + ":" + std::to_string(port);
    }
    client->createdMs = Server::wallClockMs();
    client->lastInteractionMs = client->createdMs;
    const ServerConfig &config = m_server.config();
    client->parser.setLimits({config.protoMaxBulkLen, 1024 * 1024, 64 * 1024});
    auto &byFd = m_server.m_clientsByFd;
    if (static_cast<size_t>(fd) >= byFd.size()) byFd.resize(static_cast<size_t>(fd) + 64, nullptr);
    byFd[static_cast<size_t>(fd)] = client.get();
    Client &master = *client;
    m_server.m_clients.emplace(client->id, std::move(client));
    m_server.loop().watch(fd, EventLoop::Readable, &Server::onClientEvent, &m_server);
    m_masterClientId = master.id;
    m_linkState = LinkState::Connected;
    m_linkDownSinceMs = 0;
    sendAck();
    if (!leftover.empty()) {
        master.input = std::move(leftover);
        m_server.processInput(master);
    }
}

void Replication::masterStreamApplied(std::string_view bytes)
{
    feedBytes(bytes);
}

void Replication::masterClientGone(Client &client)
{
    if (client.id != m_masterClientId) return;
    m_masterClientId = 0;
    if (!isReplica()) return;
    m_server.log(Server::LogNotice, "Connection with master lost.");
    m_server.log(Server::LogNotice, "* Caching the disconnected master state.");
    m_linkState = LinkState::Connect;
    m_linkDownSinceMs = Server::wallClockMs();
    m_linkStartMs = 0;
}

void Replication::dropLink(const std::string &why)
{
    m_server.log(Server::LogWarning, why);
    if (m_failoverState == FailoverState::InProgress) {
        closeLinkFd();
        abortFailover("Failover target link failed: " + why);
        return;
    }
    closeLinkFd();
    m_linkInput.clear();
    m_payload.clear();
    m_payload.shrink_to_fit();
    m_linkState = isReplica() ? LinkState::Connect : LinkState::None;
    if (!m_linkDownSinceMs) m_linkDownSinceMs = Server::wallClockMs();
}

void Replication::sendAck()
{
    Client *master = m_server.clientById(m_masterClientId);
    if (!master) return;
    m_lastAckMs = Server::wallClockMs();
    aof::appendCommand(master->output, {"REPLCONF", "ACK", std::to_string(m_offset)});
    m_server.queueWrite(*master);
}

} // namespace redscope::engine
