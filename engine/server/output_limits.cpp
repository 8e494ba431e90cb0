// client-output-buffer-limit: a client that does not read its replies (a stalled subscriber
// while a publisher floods, a client that asked for a huge reply and stopped reading) must
// not make the server hold its output forever. Like Redis, the limit is per class (normal,
// pubsub, replica: our replicas once online), checked each time
// output is queued for the client: at the hard limit it is disconnected at once, at the soft
// limit once it has stayed over it for more than soft-seconds. Its pending output is dropped.
//
// What is counted is Redis's omem: the reply list's blocks (server/reply_buffer.h), not the
// reply buffer (up to 16 KiB, always there); for a replica, its output not yet written. The
// kernel's socket buffer comes on top, as it does for Redis.
#include "server/server.h"

namespace redscope::engine {

bool Server::outputBufferLimitReached(Client &client)
{
    // Like Redis: subscribers are the pubsub class; MONITOR clients are normal clients.
    // A replica's RDB transfer is not its output backlog: the limit applies once online.
    if (client.replState != Client::ReplState::None &&
        client.replState != Client::ReplState::Online)
        return false;
    int limitClass = client.replState != Client::ReplState::None ? ObufReplica
                     : client.inPubSubMode()                       ? ObufPubSub
                                                                   : ObufNormal;
    const OutputBufferLimit &limit = m_config.outputBufferLimits[limitClass];
    if (limit.hardBytes == 0 && limit.softBytes == 0) return false;
    const int64_t pending = static_cast<int64_t>(
        limitClass == ObufReplica ? client.output.size() - client.outputSent
                                  : client.replyLayout.outputMemory());
    bool hard = limit.hardBytes && pending >= limit.hardBytes;
    bool soft = limit.softBytes && pending >= limit.softBytes;
    if (soft) {
        int64_t nowSeconds = wallClockMs() / 1000;
        if (client.outputSoftLimitSince == 0) {
            client.outputSoftLimitSince = nowSeconds;
            soft = false;
        } else if (nowSeconds - client.outputSoftLimitSince <= limit.softSeconds) {
            soft = false;
        }
    } else {
        client.outputSoftLimitSince = 0;
    }
    if (!hard && !soft) return false;
    log(LogWarning,
        "Client id=" + std::to_string(client.id) + " addr=" + client.peerAddress +
            " closed: its output buffer (" + std::to_string(pending) + " bytes) went over the " +
            (limitClass == ObufPubSub    ? "pubsub"
             : limitClass == ObufReplica ? "replica"
                                         : "normal") +
            " client-output-buffer-limit");
    client.closeNow = true;
    scheduleClose(client);
    return true;
}

} // namespace redscope::engine
