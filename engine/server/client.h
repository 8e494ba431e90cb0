// One connected client: its socket, the bytes it sent that are not yet parsed, the replies
// not yet written, and the per-connection state commands change (selected db, protocol
// version, name, authentication, MULTI queue, subscriptions, blocking wait).
//
// Replies go to `output` through `reply` and are flushed by the network layer once per
// event-loop iteration, so a pipeline of 10,000 commands costs one write, not 10,000.
#pragma once

#include "net/tls_connection.h"
#include "server/reply_buffer.h"
#include "server/tracking.h"
#include "protocol/reply_writer.h"
#include "protocol/request_parser.h"

#include <cstdint>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

namespace redscope::engine {

class Server;

struct CommandSpec;

struct QueuedCommand
{
    const CommandSpec *spec;
    std::vector<std::string> argv;
};

struct Client
{
    Client(uint64_t id, int fd) : id(id), fd(fd), reply(&output)
    {
        reply.setLayoutPieces(&replyLayout.pieces);
    }

    uint64_t id;
    int fd;
    bool isUnixSocket = false;
    // A client of the tls-port listener, or a replication link with tls-replication yes:
    // every read and write goes through it (null on plain sockets).
    std::unique_ptr<TlsConnection> tls;
    std::string peerAddress; // "ip:port" or "/path.sock:0"
    std::string localAddress;
    std::string name;

    std::string input;      // query buffer
    size_t inputPos = 0;    // start of the request being parsed
    RequestParser parser;
    std::string output;     // replies not yet written
    size_t outputSent = 0;  // bytes of `output` already written
    ReplyWriter reply;
    // Where Redis would hold `output`: buffer or reply list (server/reply_buffer.h).
    ReplyLayout replyLayout;
    int64_t outputSoftLimitSince = 0; // unix s when output went over the soft limit, 0: not

    int dbIndex = 0;
    int protocol = 2;
    bool authenticated = false;
    std::string user = "default";
    bool closeAfterReply = false; // QUIT, protocol error: close once output is flushed
    bool noEvict = false;         // CLIENT NO-EVICT ON ('e' in CLIENT LIST)
    ClientTracking tracking;      // CLIENT TRACKING (server/tracking.h)
    // CLIENT REPLY: OFF drops every reply; SKIP drops the next command's (skipNext is set by
    // CLIENT REPLY SKIP itself and becomes skipThis when that command ends). Pushes from other
    // clients (messages, invalidations) are not replies and still arrive.
    bool replyOff = false;
    bool replySkipNext = false;
    bool replySkipThis = false;
    bool closeNow = false;        // killed: close without flushing
    bool pendingWrite = false;    // in the server's list of clients to flush
    // io-threads: waiting for the threaded read phase; what the last threaded phase did with
    // this client (read: IoRead, write: SendResult); the status of the first request
    // the I/O thread parsed after reading (processInput takes it instead of parsing again).
    bool pendingRead = false;
    enum class IoRead : uint8_t { Data, Nothing, Closed };
    uint8_t ioOutcome = 0;
    bool hasParsedAhead = false;
    RequestParser::Status parsedAhead = RequestParser::Status::NeedMore;
    bool monitor = false;

    int64_t createdMs = 0;
    int64_t lastInteractionMs = 0;
    std::string lastCommand = "NULL";
    // The command lastCommand names: clients mostly repeat one command, so processCommand
    // compares the next name with it before hashing, and copies the name only on a change.
    const CommandSpec *lastSpec = nullptr;
    uint64_t commandsProcessed = 0;

    // MULTI/EXEC.
    bool inMulti = false;
    bool multiAborted = false; // a queued command was rejected: EXEC replies EXECABORT
    bool watchDirty = false;   // a WATCHed key changed: EXEC replies nil
    std::vector<QueuedCommand> multiQueue;
    std::vector<std::pair<int, std::string>> watchedKeys; // (db, key)

    // Pub/sub.
    std::set<std::string> channels;
    // In subscription order, like Redis's list: a bare PUNSUBSCRIBE answers in that order.
    // O(patterns) to look one up, fine for the few patterns a client holds.
    std::vector<std::string> patterns;
    // Sharded channels (SSUBSCRIBE): a registry and a count of their own, as in Redis 7.0.
    std::set<std::string> shardChannels;
    // What SUBSCRIBE/PSUBSCRIBE confirmations count: channels and patterns, not shards.
    size_t subscriptionCount() const { return channels.size() + patterns.size(); }
    // Subscribed to anything at all: the client is in pub/sub mode (RESP2 context, 'P' flag).
    bool inPubSubMode() const { return subscriptionCount() + shardChannels.size() != 0; }

    // Blocking commands (BLPOP...): the keys waited on and the absolute timeout (0 = none).
    bool blocked = false;
    int64_t blockTimeoutMs = 0;
    std::vector<std::string> blockingKeys;
    QueuedCommand blockedCommand{nullptr, {}};
    bool blockNullArrayOnTimeout = true;

    // Replication (engine/replication/). isMaster: this connection is the link to our master
    // (its commands are applied without replies; flag M). replState: a replica of ours
    // (flag S) and how far its synchronization went; while it waits for its RDB, the stream
    // that follows the snapshot collects in replPending.
    enum class ReplState { None, WaitBgsave, SendingRdb, WaitAck, Online };
    bool isMaster = false;
    ReplState replState = ReplState::None;
    bool replCapaEof = false;
    bool replCapaPsync2 = false;
    bool replOldSync = false; // SYNC rather than PSYNC: no +FULLRESYNC line
    bool replRdbOnly = false; // REPLCONF rdb-only 1: the snapshot, then the link closes
    int64_t replListeningPort = 0;
    std::string replIpAddress;
    int64_t replAckOffset = 0;
    int64_t replAckTimeMs = 0;
    std::string replPending;
    // master_repl_offset after this client's last propagated write (WAIT waits for it).
    int64_t replWriteOffset = 0;

    bool paused = false; // CLIENT PAUSE delayed this client's processing
    bool scriptClient = false; // runs the commands of Lua scripts (ACL LOG context "lua")
};

// One CLIENT LIST line (commands/connection_commands.cpp; also the ACL LOG's client-info).
// argvBytes: the size of the arguments the client is running now (Redis's argv-mem).
std::string describeClient(Server &server, const Client &client, int64_t nowMs,
                           size_t argvBytes = 0);

} // namespace redscope::engine
