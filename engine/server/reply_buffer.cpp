// The size of each client's reply buffer (Client::output), which CLIENT LIST shows as rbs
// (its capacity) and rbp (the most it held lately), and INFO stats counts as
// reply_buffer_expands / reply_buffer_shrinks.
//
// As in Redis 7.0, a client starts with a 16 KiB buffer, and the buffer follows what the
// client needs: a client that held less than half of its buffer over the last peak period
// (5 s) gets a buffer of its peak (at least 1 KiB) back, from the cron, once per second. The
// difference with Redis: Redis's buffer is fixed-size, with a list of blocks for replies that
// do not fit, and its cron doubles the buffer when a client filled it; ours is one growing
// string, so a reply bigger than the buffer grows it on the spot, and that growth is what we
// count as an expand (once per flush, however many reallocations it took). A buffer left over
// 1 MiB by a big reply is given back as soon as the reply is written (a shrink too).
#include "server/server.h"

namespace redscope::engine {

namespace {

constexpr size_t kReplyChunkBytes = 16 * 1024; // a new client's buffer (Redis's)
constexpr size_t kReplyMinBytes = 1024;        // never shrunk below
constexpr size_t kReleaseAboveBytes = 1024 * 1024;
constexpr int64_t kPeakResetMs = 5000;
constexpr int64_t kResizeEveryMs = 1000;

// Gives the (empty) buffer exactly `capacity` bytes.
void reallocate(Client &client, size_t capacity)
{
    std::string fresh;
    fresh.reserve(capacity);
    client.output.swap(fresh);
}

} // namespace

void Server::initReplyBuffer(Client &client, int64_t nowMs)
{
    client.output.reserve(kReplyChunkBytes);
    client.replyCapacity = client.output.capacity();
    client.outputPeak = client.replyCapacity; // as Redis: no shrink before a peak period
    client.outputPeakResetMs = nowMs;
}

void Server::noteReplyBufferUse(Client &client)
{
    client.outputPeak = std::max<uint64_t>(client.outputPeak, client.output.size());
    if (client.output.capacity() > client.replyCapacity) ++m_stats.replyBufferExpands;
    client.replyCapacity = client.output.capacity();
}

void Server::releaseBigReplyBuffer(Client &client)
{
    if (!client.output.empty() || client.output.capacity() <= kReleaseAboveBytes) return;
    reallocate(client, kReplyChunkBytes);
    client.replyCapacity = client.output.capacity();
    ++m_stats.replyBufferShrinks;
}

void Server::resizeReplyBuffers(int64_t nowMs)
{
    if (nowMs - m_lastReplyResizeMs < kResizeEveryMs) return;
    m_lastReplyResizeMs = nowMs;
    for (auto &entry : m_clients) {
        Client &client = *entry.second;
        if (client.closeNow) continue;
        const size_t capacity = client.output.capacity();
        // Only an empty buffer is reallocated: pending output stays where it is.
        if (client.output.empty() && capacity / 2 >= kReplyMinBytes &&
            client.outputPeak < capacity / 2) {
            reallocate(client, std::max<size_t>(kReplyMinBytes, client.outputPeak + 1));
            if (client.output.capacity() < capacity) ++m_stats.replyBufferShrinks;
        }
        client.replyCapacity = client.output.capacity();
        if (nowMs - client.outputPeakResetMs >= kPeakResetMs) {
            client.outputPeak = client.output.size();
            client.outputPeakResetMs = nowMs;
        }
    }
}

} // namespace redscope::engine
