// Master-replica replication as Redis 7.0 does it, so the engine and Debian's redis-server
// replicate with each other either way. One object, owned by Server, holds the state both
// sides share: the replication ID and offset (and the previous ID, replid2, valid up to
// second_repl_offset, so a promoted replica still accepts PSYNC from its former siblings),
// the backlog, and the role. The work is split by side:
//
//   replication.cpp      ids, the stream encoder (feed), cron, INFO replication, ROLE
//   master_side.cpp      our replicas: SYNC/PSYNC, the RDB child and its transfer (a pipe to
//                        the sockets, or dump.rdb then the file), REPLCONF, ACKs, WAIT,
//                        min-replicas-to-write
//   replica_side.cpp     our link to a master: the non-blocking handshake, the RDB payload
//                        ($<len> or $EOF:<mark>), loading it, then the stream as a client
//
// Full synchronization forks, like BGSAVE: the child writes the RDB into a pipe (diskless)
// or dump.rdb (Persistence's BGSAVE), and the parent, still serving, forwards it to the
// replicas and buffers for each the stream that follows the fork instant. Everything else
// runs on the event-loop thread; no locks.
#pragma once

#include "net/tls_connection.h"
#include "replication/replication_backlog.h"

#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <sys/types.h>
#include <vector>

namespace redscope::engine {

class Server;
struct Client;
struct RdbLoadStats;
namespace rdb {
class Cursor;
}
struct CommandContext;

class Replication
{
public:
    explicit Replication(Server &server);
    ~Replication();
    Replication(const Replication &) = delete;
    Replication &operator=(const Replication &) = delete;

    void start();       // after Server::init: a configured replicaof starts connecting
    void cron();        // every server cron tick
    void beforeSleep(); // WAIT: GETACK to replicas, unblock satisfied waiters; replica ACK

    // ---- shared state
    bool isReplica() const { return !m_masterHost.empty(); }
    const std::string &replid() const { return m_replid; }
    // DEBUG CHANGE-REPL-ID: a fresh random replication ID and no replid2, as Redis's
    // changeReplicationId + clearReplicationId2 (replicas must then do a full sync).
    void changeReplicationId();
    int64_t offset() const { return m_offset; }
    std::string infoFields(); // INFO replication, after its header
    void replyRole(CommandContext &ctx);
    // MULTI/EXEC-aware write checks of processCommand: READONLY, MASTERDOWN, NOREPLICAS.
    // Empty when the command may run.
    std::string refusal(const Client &client, uint32_t commandFlags, bool isWrite) const;

    // ---- the stream we produce (as a master, or as a replica to our own replicas)
    bool wantsCommandStream() const { return m_backlog != nullptr; }
    // The memory the backlog holds (0 without one): MEMORY STATS' replication.backlog.
    size_t backlogMemory() const { return m_backlog ? m_backlog->allocatedBytes() : 0; }
    void feed(int dbIndex, const std::vector<std::string> &argv);
    // The same from the caller's own arguments, when nothing else needs a copy of them.
    void feed(int dbIndex, std::span<const std::string_view> argv);

    // ---- master side (master_side.cpp)
    void syncCommand(CommandContext &ctx, bool psync);
    // Persistence's BGSAVE ended (ok or not): a disk-target full sync sends the file now.
    void bgsaveDone(bool ok);
    void replconfCommand(CommandContext &ctx);
    void waitCommand(CommandContext &ctx);
    // failover.cpp
    void failoverCommand(CommandContext &ctx);
    const char *failoverStateName() const;
    void replicaGone(Client &client);
    // CLIENT UNBLOCK of a client in WAIT: replies its count now; false if it is not in WAIT.
    bool answerWaitNow(Client &client);
    size_t connectedReplicas() const;
    uint64_t fullSyncs() const { return m_fullSyncs; }
    uint64_t partialSyncsOk() const { return m_partialOk; }
    uint64_t partialSyncsRefused() const { return m_partialErr; }
    int goodReplicas() const;

    // ---- replica side (replica_side.cpp)
    // REPLICAOF host port / NO ONE.
    void setMaster(const std::string &host, int port);
    void unsetMaster();
    bool masterLinkUp() const { return m_linkState == LinkState::Connected; }
    // The master client's bytes of one command, once applied (offsets, chained replicas).
    void masterStreamApplied(std::string_view bytes);
    void masterClientGone(Client &client);
    void ackRequested() { m_ackRequested = true; }
    const std::string &masterHost() const { return m_masterHost; }
    int masterPort() const { return m_masterPort; }

private:
    friend struct ReplicationIo;
    enum class LinkState {
        None,       // not a replica
        Connect,    // will connect at the next cron
        Connecting, // non-blocking connect in flight
        Handshake,  // PING/AUTH/REPLCONF/PSYNC exchange
        Transfer,   // receiving the RDB payload
        Connected,  // applying the stream
    };
    enum class HandshakeStep { Ping, Auth, Port, Capa, Psync };

    // replication.cpp
    void newReplid();
    void shiftReplid(); // current id becomes replid2, valid up to the current offset
    void ensureBacklog();
    template <typename Args> void encodeAndFeed(int dbIndex, const Args &argv);
    void feedBytes(std::string_view bytes);

    // master_side.cpp
    void masterCron(int64_t nowMs);
    bool tryPartialResync(Client &client, std::string_view replid, int64_t psyncOffset);
    void startFullSyncChild();
    void startDiskSync(const std::vector<Client *> &waiting);
    bool sendingFile(uint64_t clientId) const;
    void sendSyncFile();
    void endFileSend(size_t index);
    void removeSyncFileIfUnwanted();
    bool attachToRunningChild(Client &client);
    static void onRdbPipe(class EventLoop &loop, int fd, void *context, uint32_t mask);
    void readRdbPipe();
    void finishRdbChild();
    void putOnline(Client &client);
    void closeRdbOnly(Client &client);
    void announceFullSync(Client &client);
    void serveWaiters(int64_t nowMs);
    void serveWaitersNow(); // every WAIT answers with what it has
    int acknowledged(int64_t offset) const;
    void disconnectReplicas();

    // failover.cpp
    enum class FailoverState { None, WaitForSync, InProgress };
    void failoverCron(int64_t nowMs);
    void abortFailover(const std::string &why);
    void clearFailover();

    // replica_side.cpp
    void replicaCron(int64_t nowMs);
    void connectToMaster();
    static void onLinkEvent(class EventLoop &loop, int fd, void *context, uint32_t mask);
    void linkEvent(uint32_t mask);
    void sendHandshake();
    bool handleHandshakeLine(const std::string &line);
    bool psyncRefused(const std::string &line);
    bool disklessLoad() const;
    void receivePayload();
    void consumePayload(std::string_view bytes);
    void finishPayload();
    void loadFromLink(std::string head);
    bool loadSyncImage(rdb::Cursor &cursor, uint64_t totalBytes, RdbLoadStats *stats,
                       std::string *error);
    void syncLoaded(const RdbLoadStats &stats, std::string leftover);
    void discardPayloadFile();
    void adoptMasterClient(std::string leftover);
    void dropLink(const std::string &why);
    void closeLinkFd();
    // The link's bytes, through m_linkTls with tls-replication yes (read drains what OpenSSL
    // holds, so nothing waits where epoll cannot see it).
    void sendToMaster(const std::vector<std::string> &argv);
    ssize_t readLink(char *buffer, size_t size);
    void closeMasterLink();
    void sendAck();

    Server &m_server;

    // Replication ids: 40 hex chars. replid2 is valid for offsets up to m_secondOffset.
    std::string m_replid;
    std::string m_replid2 = std::string(40, '0');
    int64_t m_offset = 0;
    int64_t m_secondOffset = -1;
    std::unique_ptr<ReplicationBacklog> m_backlog;
    int64_t m_noReplicasSinceMs = 0; // for repl-backlog-ttl
    int m_streamDb = -1;             // db the stream last SELECTed; -1 forces a SELECT
    std::string m_encoded;           // feed()'s RESP encoding, reused: no allocation per command
    int64_t m_lastPingMs = 0;

    // Master side: our replicas (client ids, in arrival order), the full-sync child and the
    // RDB it streams.
    std::vector<uint64_t> m_replicaIds;
    pid_t m_childPid = -1;
    int m_pipeFd = -1;
    std::string m_eofMark; // 40 random bytes ending the pipe child's $EOF: payload
    // Disk target: Persistence's BGSAVE runs for our replicas; then dump.rdb is sent to each
    // replica in m_fileSends from its own descriptor of the file, at its own offset.
    bool m_diskBgsave = false;
    bool m_rdbFromSync = false; // dump.rdb was last written for replicas (rdb-del-sync-files)
    struct FileSend
    {
        uint64_t clientId;
        int64_t offset;
        int fd;
        int64_t size;
    };
    std::vector<FileSend> m_fileSends;
    int64_t m_childOffset = 0;     // master_repl_offset at the fork: the +FULLRESYNC offset
    int64_t m_syncWaitSinceMs = 0; // first replica waiting for a child (diskless delay)
    uint64_t m_fullSyncs = 0, m_partialOk = 0, m_partialErr = 0;
    struct Waiter
    {
        uint64_t clientId;
        int64_t offset;
        int64_t needed;
        int64_t deadlineMs; // 0: none
    };
    std::vector<Waiter> m_waiters;
    bool m_getAckPending = false;
    int m_waitTimer = 0; // a 1 ms timer while WAIT clients block, for their timeouts
    static void onWaitTimer(class EventLoop &loop, void *context);

    // FAILOVER (failover.cpp).
    FailoverState m_failoverState = FailoverState::None;
    std::string m_failoverHost;
    int m_failoverPort = 0;
    bool m_failoverForce = false;
    int64_t m_failoverDeadlineMs = 0;

    // Replica side.
    std::string m_masterHost;
    int m_masterPort = 0;
    LinkState m_linkState = LinkState::None;
    HandshakeStep m_step = HandshakeStep::Ping;
    int m_linkFd = -1;
    std::unique_ptr<TlsConnection> m_linkTls; // tls-replication yes; the master client's after sync
    std::string m_linkInput;
    int64_t m_linkStartMs = 0; // connect or last payload progress
    int64_t m_lastIoMs = 0;    // master_last_io_seconds_ago
    int64_t m_linkDownSinceMs = 0;
    uint64_t m_masterClientId = 0;
    std::string m_masterReplid;        // +FULLRESYNC's id, set once the payload loads
    int64_t m_masterInitialOffset = 0; // -1 after SYNC: the master gave no offset
    bool m_masterPrePsync = false;     // synced with SYNC: no REPLCONF ACK every second
    int64_t m_payloadSize = -1;        // $<len>, or -1 for EOF payloads
    std::string m_payloadMark;
    int64_t m_payloadRead = 0;    // payload bytes received (master_sync_read_bytes)
    bool m_payloadToDisk = false; // repl-diskless-load: a temp file rather than the parser
    int m_payloadFileFd = -1;
    std::string m_payloadTempPath;
    std::string m_payloadTail; // an EOF payload's last 40 bytes, which may be its mark
    int64_t m_lastAckMs = 0;
    bool m_ackRequested = false;
    int64_t m_readOffset = 0; // slave_read_repl_offset: bytes received
};

} // namespace redscope::engine
