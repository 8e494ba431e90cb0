// The replica's side of replication (see replication.h): a non-blocking link to the master
// driven by the event loop. The handshake is a sequence of one-line exchanges, each sent
// when the previous reply arrived: PING, AUTH (masterauth / masteruser), REPLCONF
// listening-port, REPLCONF capa eof capa psync2, then PSYNC with our replication id and the
// next offset we need (our own history when we were a master until now, as psync2 does).
// +CONTINUE resumes at once; +FULLRESYNC is followed by the RDB, `$<len>` or `$EOF:<mark>`.
// repl-diskless-load says where it goes, as in Redis: "disabled" writes it to a temp file
// renamed to dump.rdb, then the old data is flushed (on the lazyfree thread with
// replica-lazy-flush) and the file loaded; "on-empty-db" keeps it in memory when the
// dataset is empty; "swapdb" keeps it in memory and loads it into fresh databases while the
// old ones stay, swapped only when the whole image loaded (then freed in the background).
// While the image loads (loading:1, or async_loading:1 for swapdb when the master's
// history is ours) the loader hands back control every 2 MB to serve other clients their
// -LOADING replies, as Redis does. Unlike Redis, a "diskless" payload is gathered before it
// is parsed (master_sync_* fields first, then loading_*), and a corrupt one is logged and the
// link tried again rather than stopping the server.
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

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
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
    discardPayloadFile();
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
    if (m_linkState == LinkState::Transfer && m_payloadSize != -2)
        return consumePayload(std::string_view(chunk, static_cast<size_t>(n)));
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

// Where the payload goes, decided at its header as Redis's useDisklessLoad: memory for swapdb,
// and for on-empty-db when no database holds a key; a file otherwise.
bool Replication::disklessLoad() const
{
    const std::string &mode = m_server.config().replDisklessLoad;
    if (mode == "swapdb") return true;
    if (mode != "on-empty-db") return false;
    for (int i = 0; i < m_server.dbCount(); ++i)
        if (m_server.db(i).size() > 0) return false;
    return true;
}

void Replication::receivePayload()
{
    if (m_payloadSize != -2) return;
    // The bulk header: "$<len>" or "$EOF:<40 bytes mark>", after keepalive newlines.
    size_t start = m_linkInput.find_first_not_of('\n');
    if (start == std::string::npos) return m_linkInput.clear();
    const size_t end = m_linkInput.find("\r\n", start);
    if (end == std::string::npos) return;
    const std::string header = m_linkInput.substr(start, end - start);
    const std::string rest = m_linkInput.substr(end + 2);
    m_linkInput.clear();
    if (header[0] == '-') return dropLink("MASTER aborted replication with an error: " + header);
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
    m_payloadRead = 0;
    m_payload.clear();
    m_payloadTail.clear();
    m_payloadToDisk = !disklessLoad();
    const char *target = m_payloadToDisk ? "disk" : "memory";
    if (m_payloadToDisk) {
        const ServerConfig &config = m_server.config();
        m_payloadTempPath =
            pathInDir(config.dir, "temp-" + std::to_string(Server::wallClockMs() / 1000) + "." +
                                      std::to_string(::getpid()) + ".rdb");
        m_payloadFileFd =
            ::open(m_payloadTempPath.c_str(), O_CREAT | O_WRONLY | O_TRUNC | O_CLOEXEC, 0644);
        if (m_payloadFileFd < 0)
            return dropLink("Opening the temp file needed for MASTER <-> REPLICA "
                            "synchronization: " +
                            std::string(std::strerror(errno)));
    }
    m_server.log(Server::LogNotice,
                 "MASTER <-> REPLICA sync: receiving " +
                     (m_payloadSize >= 0 ? std::to_string(m_payloadSize) + " bytes from master"
                                         : std::string("streamed RDB from master with EOF")) +
                     " to " + target);
    if (!rest.empty()) consumePayload(rest);
}

// Bytes of the payload as they arrive: to the file (or memory) until $<len> bytes came or the
// EOF mark ended them. The mark may straddle two reads: the last 40 bytes wait in
// m_payloadTail until more arrive. What follows a $<len> payload is the stream.
void Replication::consumePayload(std::string_view bytes)
{
    std::string_view body = bytes, after;
    bool complete = false;
    if (m_payloadSize >= 0) {
        const size_t need = static_cast<size_t>(m_payloadSize - m_payloadRead);
        if (bytes.size() >= need) {
            body = bytes.substr(0, need);
            after = bytes.substr(need);
            complete = true;
        }
        m_payloadRead += static_cast<int64_t>(body.size());
    } else {
        m_payloadRead += static_cast<int64_t>(bytes.size());
        m_payloadTail.append(bytes);
        complete =
            m_payloadTail.size() >= 40 &&
            std::string_view(m_payloadTail).substr(m_payloadTail.size() - 40) == m_payloadMark;
        const size_t keep = complete ? 40 : std::min<size_t>(40, m_payloadTail.size());
        body = std::string_view(m_payloadTail).substr(0, m_payloadTail.size() - keep);
    }
    if (m_payloadToDisk) {
        size_t written = 0;
        if (!body.empty() && !writeAll(m_payloadFileFd, body.data(), body.size(), &written))
            return dropLink("Write error saving the DB, the disk may be full: " +
                            std::string(std::strerror(errno)));
    } else {
        m_payload.append(body);
    }
    if (m_payloadSize < 0) m_payloadTail.erase(0, body.size());
    if (!complete) return;
    m_payloadTail.clear();
    m_linkInput.assign(after);
    finishPayload();
}

void Replication::finishPayload()
{
    const ServerConfig &config = m_server.config();
    const std::string dumpPath = pathInDir(config.dir, config.dbFilename);
    std::string fileData;
    if (m_payloadToDisk) {
        const bool synced = ::fsync(m_payloadFileFd) == 0;
        ::close(m_payloadFileFd);
        m_payloadFileFd = -1;
        if (!synced || ::rename(m_payloadTempPath.c_str(), dumpPath.c_str()) != 0) {
            const std::string why = std::strerror(errno);
            ::unlink(m_payloadTempPath.c_str());
            return dropLink("Failed trying to rename the temp DB into " + config.dbFilename +
                            " in MASTER <-> REPLICA synchronization: " + why);
        }
        m_payloadTempPath.clear();
        std::string error;
        if (!readWholeFile(dumpPath, &fileData, &error))
            return dropLink("Failed trying to load the MASTER synchronization DB from disk: " +
                            error);
    }
    // Nothing reads the link while loading: the events served meanwhile are other clients'.
    m_server.loop().unwatch(m_linkFd);
    const bool swapdb = !m_payloadToDisk && config.replDisklessLoad == "swapdb";
    const bool async = swapdb && m_replid == m_masterReplid;
    std::vector<std::unique_ptr<Database>> replaced;
    if (!swapdb) {
        // As Redis: the old data goes before the new loads (on the lazyfree thread with
        // replica-lazy-flush), so the two never use memory together.
        m_server.log(Server::LogNotice, "MASTER <-> REPLICA sync: Flushing old data");
        for (int i = 0; i < m_server.dbCount(); ++i) {
            Database &db = m_server.db(i);
            m_server.touchAllWatchedKeys(i, true);
            if (!config.replicaLazyFlush) {
                db.clear();
                continue;
            }
            auto [keys, expires] = db.detachAll();
            m_server.lazyFree().freeKeys(std::move(keys), std::move(expires));
        }
    }
    const std::string_view rdb = m_payloadToDisk ? std::string_view(fileData) : m_payload;
    m_server.log(Server::LogNotice, async ? "MASTER <-> REPLICA sync: Loading DB in memory "
                                            "while serving the old one (async loading)"
                                          : "MASTER <-> REPLICA sync: Loading DB in memory");
    Persistence &persistence = m_server.persistence();
    persistence.beginLoading(rdb.size(), async);
    RdbLoadStats stats;
    std::string error;
    const bool ok = loadRdbIntoServer(
        m_server, rdb, false, &stats, &error,
        [this, &persistence](size_t parsed) {
            persistence.loadingProgress(parsed);
            m_server.processEventsWhileBlocked();
        },
        &replaced);
    persistence.endLoading();
    m_payload.clear();
    m_payload.shrink_to_fit();
    fileData.clear();
    const bool deleteFile = m_payloadToDisk && config.rdbDelSyncFiles &&
                            config.savePoints.empty() && !config.appendOnly;
    if (deleteFile) {
        m_server.log(Server::LogNotice, "Removing the RDB file obtained from the master. This "
                                        "replica has persistence disabled");
        ::unlink(dumpPath.c_str());
    }
    if (!ok) {
        if (swapdb)
            m_server.log(Server::LogNotice,
                         "MASTER <-> REPLICA sync: Discarding temporary DB in background");
        dropLink(std::string("Failed trying to load the MASTER synchronization DB from ") +
                 (m_payloadToDisk ? "disk" : "socket") + ": " + error);
        return;
    }
    if (swapdb) {
        // The old data is what the load replaced; like Redis, it is freed in the background.
        m_server.log(Server::LogNotice, "MASTER <-> REPLICA sync: Discarding old DB in background");
        for (auto &db : replaced) {
            auto [keys, expires] = db->detachAll();
            m_server.lazyFree().freeKeys(std::move(keys), std::move(expires));
        }
    }
    replaced.clear();
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

// A transfer to disk that did not complete leaves no temp file behind.
void Replication::discardPayloadFile()
{
    if (m_payloadFileFd < 0) return;
    ::close(m_payloadFileFd);
    m_payloadFileFd = -1;
    ::unlink(m_payloadTempPath.c_str());
    m_payloadTempPath.clear();
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
    discardPayloadFile();
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
