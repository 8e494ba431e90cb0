// The replica's side of replication (see replication.h): a non-blocking link to the master
// driven by the event loop. The handshake is a sequence of one-line exchanges, each sent
// when the previous reply arrived: PING, AUTH (masterauth / masteruser), REPLCONF
// listening-port, REPLCONF capa eof capa psync2, then PSYNC with our replication id and the
// next offset we need (our own history when we were a master until now, as psync2 does).
// +CONTINUE resumes at once; +FULLRESYNC is followed by the RDB, `$<len>` or `$EOF:<mark>`;
// an error other than -NOMASTERLINK/-LOADING falls back to SYNC (see psyncRefused).
// repl-diskless-load says where it goes, as in Redis: "disabled" writes it to a temp file
// renamed to dump.rdb, then the old data is flushed (on the lazyfree thread with
// replica-lazy-flush) and the file loaded, streamed through a fixed buffer; "on-empty-db" keeps it
// in memory when the dataset is empty; "swapdb" keeps it in memory and loads it into fresh
// databases while the old ones stay, swapped only when the whole image loaded (then freed in the
// background). While the image loads (loading:1, or async_loading:1 for swapdb when the master's
// history is ours) the loader hands back control every 2 MB to serve other clients their
// -LOADING replies, as Redis does. A diskless load parses the socket as the bytes arrive
// (LinkSource below feeds the RDB cursor), so the payload is never held whole: memory grows
// with the dataset, not with dataset + payload. Like Redis, the event loop is not running
// meanwhile (the load runs inside the link's read handler), but other clients are served
// every 2 MB parsed and whenever the socket has nothing yet (Redis waits in a blocking read
// there); INFO shows loading_loaded_bytes as the bytes received and loading_rdb_used_mem
// from the image's used-mem field. A corrupt image is logged and the link tried again
// rather than stopping the server.
//
// With tls-replication yes the link is a TLS session (net/tls_connection.h) made with the
// client context of tls_config.h, on a socket from net/outgoing_connection.h as MIGRATE's; its handshake runs in the Connecting state, before PING,
// and the session moves with the socket to the master client.
//
// Once synchronized, the socket becomes an ordinary client flagged as the master: its
// commands run through processCommand with replies dropped, and every applied command's
// bytes advance our offset and go on, verbatim, to our own replicas. REPLCONF ACK <offset>
// goes back every second and when the master asks (GETACK). A dropped link keeps our id and
// offset (the cached master), so the next connection asks for exactly what is missing.
#include "replication/replication.h"

#include "net/outgoing_connection.h"

#include "persistence/aof.h"
#include "persistence/persistence.h"
#include "persistence/persistence_io.h"
#include "persistence/rdb_cursor.h"
#include "persistence/rdb_loader.h"
#include "server/server.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace redscope::engine {

namespace {

constexpr size_t kLinkReadChunk = 256 * 1024;

} // namespace

void Replication::sendToMaster(const std::vector<std::string> &argv)
{
    std::string bytes;
    aof::appendCommand(bytes, argv);
    // Handshake commands are tiny and the socket is fresh: they fit its buffer.
    [[maybe_unused]] ssize_t n = m_linkTls
                                     ? m_linkTls->write(bytes.data(), bytes.size())
                                     : ::send(m_linkFd, bytes.data(), bytes.size(), MSG_NOSIGNAL);
}

ssize_t Replication::readLink(char *buffer, size_t size)
{
    if (!m_linkTls) return ::read(m_linkFd, buffer, size);
    // Records until the buffer is full or the socket is empty: a payload comes in 16 KB
    // records, one event each would be slow, and none may stay inside OpenSSL.
    ssize_t total = 0;
    while (static_cast<size_t>(total) < size) {
        const ssize_t n = m_linkTls->read(buffer + total, size - static_cast<size_t>(total));
        if (n <= 0) return total > 0 ? total : n;
        total += n;
    }
    return total;
}

namespace {

// The master's socket as the RDB cursor's source during a diskless load: `head` first (what
// came with the payload's header), then reads of what has arrived, up to `size` bytes when the
// payload is `$<len>` (an `$EOF:` payload has no size: the parser finds its end). When the
// socket is empty, `waiting` runs (other clients are served) before a short poll; no byte for
// repl-timeout ends the read with an error, as a closed link or a read error does. `readFn`
// reads like read(2) (through TLS when the link has it); the fd is what poll waits on.
class LinkSource : public rdb::ByteSource
{
public:
    LinkSource(int fd, std::function<ssize_t(char *, size_t)> readFn, std::string head,
               int64_t size, int64_t timeoutMs, std::function<void(size_t)> received,
               std::function<void()> waiting)
        : m_fd(fd)
        , m_readFn(std::move(readFn))
        , m_head(std::move(head))
        , m_size(size)
        , m_timeoutMs(timeoutMs)
        , m_received(std::move(received))
        , m_waiting(std::move(waiting))
    {
    }

    size_t read(char *buffer, size_t n) override
    {
        if (m_size >= 0) n = std::min<uint64_t>(n, static_cast<uint64_t>(m_size) - m_read);
        if (n == 0 || !m_error.empty()) return 0;
        if (m_headAt < m_head.size()) {
            const size_t take = std::min(n, m_head.size() - m_headAt);
            std::memcpy(buffer, m_head.data() + m_headAt, take);
            m_headAt += take;
            m_read += take;
            return take;
        }
        int64_t lastByteMs = Server::wallClockMs();
        while (true) {
            const ssize_t got = m_readFn(buffer, n);
            if (got > 0) {
                m_read += static_cast<uint64_t>(got);
                m_received(static_cast<size_t>(got));
                return static_cast<size_t>(got);
            }
            if (got == 0) {
                m_error = "connection lost";
                return 0;
            }
            if (errno == EINTR) continue;
            if (errno != EAGAIN) {
                m_error = std::strerror(errno);
                return 0;
            }
            m_waiting();
            pollfd readable{m_fd, POLLIN, 0};
            if (::poll(&readable, 1, 100) == 0 &&
                Server::wallClockMs() - lastByteMs > m_timeoutMs) {
                m_error = "timeout receiving bulk data from MASTER";
                return 0;
            }
        }
    }
    uint64_t size() const override
    {
        return m_size >= 0 ? static_cast<uint64_t>(m_size) : UINT64_MAX;
    }
    bool partialReads() const override { return true; }
    const std::string &error() const { return m_error; }
    bool exhausted() const { return m_size >= 0 && m_read == static_cast<uint64_t>(m_size); }

private:
    int m_fd;
    std::function<ssize_t(char *, size_t)> m_readFn;
    std::string m_head;
    size_t m_headAt = 0;
    int64_t m_size;
    int64_t m_timeoutMs;
    uint64_t m_read = 0;
    std::function<void(size_t)> m_received;
    std::function<void()> m_waiting;
    std::string m_error;
};

} // namespace

// The socket of a handshake or payload transfer in progress, if any.
void Replication::closeLinkFd()
{
    if (m_linkFd < 0) return;
    m_server.loop().unwatch(m_linkFd);
    m_linkTls.reset();
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
            } else if (nowMs - m_lastAckMs >= 1000 && !m_masterPrePsync) {
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
    std::string error;
    const int fd = startTcpConnect(m_masterHost, m_masterPort, &error);
    if (fd < 0) {
        m_server.log(Server::LogWarning, "Unable to connect to MASTER: " + error);
        return;
    }
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
        if (!m_linkTls) {
            if (!(mask & EventLoop::Writable)) return;
            if (const int error = tcpConnectError(m_linkFd))
                return dropLink(std::string("Error condition on socket for SYNC: ") +
                                std::strerror(error));
            if (m_server.config().tlsReplication &&
                !(m_linkTls = TlsConnection::create(m_server.tlsClientContext(), m_linkFd,
                                                    TlsConnection::Role::Connect)))
                return dropLink("Error condition on socket for SYNC: no TLS context");
        }
        if (m_linkTls) {
            switch (m_linkTls->handshake()) {
            case TlsConnection::Step::Failed:
                return dropLink("Error condition on socket for SYNC: " + m_linkTls->lastError());
            case TlsConnection::Step::WouldBlock:
                m_server.loop().watch(m_linkFd, m_linkTls->wantMask(), &Replication::onLinkEvent,
                                      this);
                return;
            case TlsConnection::Step::Done:
                break;
            }
        }
        m_server.log(Server::LogNotice, "MASTER <-> REPLICA sync started");
        m_linkState = LinkState::Handshake;
        m_step = HandshakeStep::Ping;
        m_server.loop().watch(m_linkFd, EventLoop::Readable, &Replication::onLinkEvent, this);
        sendToMaster({"PING"});
        return;
    }
    if (!(mask & EventLoop::Readable)) return;
    char chunk[kLinkReadChunk];
    const ssize_t n = readLink(chunk, sizeof chunk);
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
                sendToMaster({"AUTH", config.masterAuth});
            else
                sendToMaster({"AUTH", config.masterUser, config.masterAuth});
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
            // With tls-replication our TLS port is the one the master's other replicas and
            // sentinels can reach us on, as Redis announces it.
            const int64_t port = config.replicaAnnouncePort ? config.replicaAnnouncePort
                                 : config.tlsReplication && config.tlsPort
                                     ? config.tlsPort
                                     : m_server.boundTcpPort();
            std::vector<std::string> argv = {"REPLCONF", "listening-port", std::to_string(port)};
            if (!config.replicaAnnounceIp.empty()) {
                argv.push_back("ip-address");
                argv.push_back(config.replicaAnnounceIp);
            }
            sendToMaster(argv);
        }
        return true;
    case HandshakeStep::Port:
        if (line[0] == '-')
            m_server.log(Server::LogNotice,
                         "(Non critical) Master does not understand REPLCONF listening-port: " +
                             line);
        m_step = HandshakeStep::Capa;
        sendToMaster({"REPLCONF", "capa", "eof", "capa", "psync2"});
        return true;
    case HandshakeStep::Capa:
        if (line[0] == '-')
            m_server.log(Server::LogNotice,
                         "(Non critical) Master does not understand REPLCONF capa: " + line);
        m_step = HandshakeStep::Psync;
        m_server.log(Server::LogNotice, "Trying a partial resynchronization (request " + m_replid +
                                            ":" + std::to_string(m_offset + 1) + ").");
        if (m_failoverState == FailoverState::InProgress)
            sendToMaster({"PSYNC", m_replid, std::to_string(m_offset + 1), "FAILOVER"});
        else
            sendToMaster({"PSYNC", m_replid, std::to_string(m_offset + 1)});
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
            m_masterPrePsync = false;
            m_server.log(Server::LogNotice, "Successful partial resynchronization with master.");
            m_server.log(Server::LogNotice, "MASTER <-> REPLICA sync: Master accepted a Partial "
                                            "Resynchronization.");
            ensureBacklog();
            std::string leftover;
            leftover.swap(m_linkInput);
            adoptMasterClient(std::move(leftover));
            return false;
        }
        return psyncRefused(line);
    }
    return false;
}

// PSYNC got an error. As a Redis 7.0 replica: a master without a link of its own, or still
// loading, is tried again later; any other error (-ERR: PSYNC unknown, -NOPERM: our
// masteruser may not run it) means PSYNC is not supported, and the replica asks with SYNC.
// SYNC's reply is the payload alone: no replication id nor offset, so the master is a
// pre-PSYNC one (master_replid stays empty, the offset starts at -1, no periodic ACK).
bool Replication::psyncRefused(const std::string &line)
{
    if (line.starts_with("-NOMASTERLINK") || line.starts_with("-LOADING")) {
        dropLink("Master is currently unable to PSYNC but should be in the future: " + line);
        return false;
    }
    if (line.starts_with("-ERR"))
        m_server.log(Server::LogNotice,
                     "Master does not support PSYNC or is in error state (reply: " + line + ")");
    else
        m_server.log(Server::LogWarning, "Unexpected reply to PSYNC from master: " + line);
    m_server.log(Server::LogNotice, "Retrying with SYNC...");
    sendToMaster({"SYNC"});
    m_masterReplid.clear();
    m_masterInitialOffset = -1;
    m_linkState = LinkState::Transfer;
    m_payloadSize = -2; // the $ header is next
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
    m_payloadTail.clear();
    m_payloadToDisk = !disklessLoad();
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
                     " to " + (m_payloadToDisk ? "disk" : "parser"));
    if (!m_payloadToDisk) return loadFromLink(rest);
    if (!rest.empty()) consumePayload(rest);
}

// Bytes of the payload as they arrive: to the temp file until $<len> bytes came or the
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
    size_t written = 0;
    if (!body.empty() && !writeAll(m_payloadFileFd, body.data(), body.size(), &written))
        return dropLink("Write error saving the DB, the disk may be full: " +
                        std::string(std::strerror(errno)));
    if (m_payloadSize < 0) m_payloadTail.erase(0, body.size());
    if (!complete) return;
    m_payloadTail.clear();
    m_linkInput.assign(after);
    finishPayload();
}

// The temp file is complete (repl-diskless-load disabled, or on-empty-db with data): it
// becomes dump.rdb, then loads.
void Replication::finishPayload()
{
    const ServerConfig &config = m_server.config();
    const std::string dumpPath = pathInDir(config.dir, config.dbFilename);
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
    // The file is parsed through a fixed buffer, as a diskless load parses the socket: memory
    // grows with the dataset, not dataset + payload.
    std::string error;
    rdb::FileSource source;
    if (!source.open(dumpPath, &error))
        return dropLink("Failed trying to load the MASTER synchronization DB from disk: " + error);
    // Nothing reads the link while loading: the events served meanwhile are other clients'.
    m_server.loop().unwatch(m_linkFd);
    rdb::Cursor cursor(&source, rdb::FileSource::kBufferBytes);
    RdbLoadStats stats;
    bool ok = loadSyncImage(cursor, source.size(), &stats, &error);
    if (!ok && !source.error().empty()) error += " (" + source.error() + ")";
    if (config.rdbDelSyncFiles && config.savePoints.empty() && !config.appendOnly) {
        m_server.log(Server::LogNotice, "Removing the RDB file obtained from the master. This "
                                        "replica has persistence disabled");
        ::unlink(dumpPath.c_str());
    }
    if (!ok)
        return dropLink("Failed trying to load the MASTER synchronization DB from disk: " + error);
    std::string leftover;
    leftover.swap(m_linkInput);
    syncLoaded(stats, std::move(leftover));
}

// repl-diskless-load on-empty-db / swapdb: the RDB parser reads the socket as the payload
// arrives (LinkSource). `head` is what came with the header. An `$EOF:` payload ends with its
// 40-byte mark right after the RDB's checksum; a `$<len>` one after len bytes.
void Replication::loadFromLink(std::string head)
{
    m_server.loop().unwatch(m_linkFd);
    std::string after; // the stream, when a short $<len> payload came with its header
    if (m_payloadSize >= 0 && head.size() > static_cast<size_t>(m_payloadSize)) {
        after = head.substr(static_cast<size_t>(m_payloadSize));
        head.resize(static_cast<size_t>(m_payloadSize));
    }
    m_payloadRead = static_cast<int64_t>(head.size());
    m_lastIoMs = Server::wallClockMs();
    Persistence &persistence = m_server.persistence();
    RdbLoadStats stats;
    LinkSource source(
        m_linkFd, [this](char *buffer, size_t n) { return readLink(buffer, n); }, std::move(head),
        m_payloadSize, m_server.config().replTimeout * 1000,
        [this](size_t n) {
            m_payloadRead += static_cast<int64_t>(n);
            m_lastIoMs = Server::wallClockMs();
            m_server.stats().netReplInputBytes += n;
            ++m_server.stats().readsProcessed;
        },
        [this, &persistence, &stats] {
            persistence.loadingProgress(static_cast<uint64_t>(m_payloadRead));
            persistence.loadingRdbUsedMem(stats.rdbUsedMem);
            m_server.processEventsWhileBlocked();
        });
    rdb::Cursor cursor(&source, kLinkReadChunk);
    std::string error;
    const uint64_t total = m_payloadSize >= 0 ? static_cast<uint64_t>(m_payloadSize) : 0;
    if (!loadSyncImage(cursor, total, &stats, &error))
        return dropLink("Failed trying to load the MASTER synchronization DB from socket: " +
                        (source.error().empty() ? error : source.error()));
    std::string rest(cursor.buffered());
    if (m_payloadSize < 0) {
        char chunk[4096];
        while (rest.size() < m_payloadMark.size()) {
            const size_t got = source.read(chunk, sizeof chunk);
            if (got == 0) break;
            rest.append(chunk, got);
        }
        if (rest.compare(0, m_payloadMark.size(), m_payloadMark) != 0)
            return dropLink("Replication stream EOF marker is broken");
        after = rest.substr(m_payloadMark.size());
    } else {
        // Bytes of a $<len> payload past the RDB's checksum (none from Redis) are skipped.
        char chunk[4096];
        while (source.read(chunk, sizeof chunk) > 0) {
        }
        if (!source.exhausted())
            return dropLink("I/O error trying to sync with MASTER: " + source.error());
    }
    syncLoaded(stats, std::move(after));
}

// Flushes (or, with swapdb, keeps aside) the old data and loads the image the cursor walks,
// serving other clients meanwhile. False with *error when the image did not load.
bool Replication::loadSyncImage(rdb::Cursor &cursor, uint64_t totalBytes, RdbLoadStats *stats,
                                std::string *error)
{
    const ServerConfig &config = m_server.config();
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
    m_server.log(Server::LogNotice, async ? "MASTER <-> REPLICA sync: Loading DB in memory "
                                            "while serving the old one (async loading)"
                                          : "MASTER <-> REPLICA sync: Loading DB in memory");
    Persistence &persistence = m_server.persistence();
    persistence.beginLoading(totalBytes, async);
    const bool streamed = !m_payloadToDisk;
    const bool ok = loadRdbIntoServer(
        m_server, cursor, false, stats, error,
        [this, &persistence, stats, streamed](size_t parsed) {
            persistence.loadingProgress(streamed ? static_cast<uint64_t>(m_payloadRead) : parsed);
            persistence.loadingRdbUsedMem(stats->rdbUsedMem);
            m_server.processEventsWhileBlocked();
        },
        &replaced);
    persistence.endLoading();
    if (!ok) {
        if (swapdb)
            m_server.log(Server::LogNotice,
                         "MASTER <-> REPLICA sync: Discarding temporary DB in background");
        return false;
    }
    if (stats->rdbUsedMem) {
        char megabytes[64];
        std::snprintf(megabytes, sizeof megabytes, "%.2f",
                      static_cast<double>(stats->rdbUsedMem) / (1024 * 1024));
        m_server.log(Server::LogNotice,
                     std::string("RDB memory usage when created ") + megabytes + " Mb");
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
    return true;
}

// The image loaded: our history is the master's from here on, and the link carries its
// stream (`leftover` is what already arrived of it).
void Replication::syncLoaded(const RdbLoadStats &stats, std::string leftover)
{
    m_masterPrePsync = m_masterInitialOffset == -1;
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
    adoptMasterClient(std::move(leftover));
}

// The synchronized socket becomes the master client (CLIENT LIST flag M).
void Replication::adoptMasterClient(std::string leftover)
{
    const int fd = m_linkFd;
    m_linkFd = -1;
    m_server.loop().unwatch(fd);
    auto client = std::make_unique<Client>(m_server.m_nextClientId++, fd);
    client->tls = std::move(m_linkTls);
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
    m_server.initReplyBuffer(*client, client->createdMs);
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
