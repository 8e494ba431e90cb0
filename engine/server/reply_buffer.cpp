// The clients' reply buffers (reply_buffer.h places the bytes): their sizes, which CLIENT
// LIST shows as rbs and rbp and INFO stats counts as reply_buffer_expands/shrinks, and
// the recent largest buffers INFO clients reports.
//
// As in Redis 7.0, a client starts with a 16 KiB buffer and the cron fits it to the client:
// a buffer whose peak (the most it held since the last peak reset) is below half its size
// shrinks to the peak (at least 1 KiB); one the client filled doubles, up to 16 KiB. The
// peak goes back to what the buffer holds every DEBUG REPLYBUFFER peak-reset-time ms (5 s,
// or never), and DEBUG REPLYBUFFER resizing 0 stops all of it. Like Redis's clientsCron,
// each pass visits the clients newest first, all of them when there are fewer than 5,
// otherwise max(5, clients / hz), so that each is seen about once a second; a new client's
// first visit resets its peak (Redis starts the reset clock at 0), so an idle client has a
// 1 KiB buffer after two passes.
//
// The bytes live in one std::string (reply_buffer.h): its capacity is set to the buffer's
// size when the cron resizes an empty one; bytes beyond it (Redis's list) grow the string,
// which keeps that room until the next pass finds it empty, or gives it back at once when
// it went over 1 MiB.
#include "server/reply_buffer.h"

#include "server/server.h"

#include <bit>

namespace redscope::engine {

namespace {

constexpr size_t kReleaseAboveBytes = 1024 * 1024;
constexpr int64_t kDefaultPeakResetMs = 5000;
constexpr size_t kCronMinClients = 5;
constexpr size_t kPrependBelowBytes = 4 * ReplyLayout::kChunkBytes;

// Gives the (empty) string exactly `capacity` bytes.
void reallocate(std::string &output, size_t capacity)
{
    std::string fresh;
    fresh.reserve(capacity);
    output.swap(fresh);
}

// A block's usable bytes when it is allocated for `bytes`.
size_t blockSizeFor(size_t bytes)
{
    return allocationClass(bytes + ReplyLayout::kBlockHeaderBytes) - ReplyLayout::kBlockHeaderBytes;
}

// Bytes into the buffer (list empty) or the tail block; what is left into new blocks, one
// of `rest` bytes when `onePiece`, otherwise chunk-sized ones.
void place(ReplyLayout &layout, size_t bytes, bool onePiece)
{
    if (layout.blocks.empty()) {
        const size_t take = std::min(bytes, layout.bufSize - layout.bufUsed);
        layout.bufUsed += take;
        layout.bufPeak = std::max(layout.bufPeak, layout.bufUsed);
        bytes -= take;
    }
    while (bytes > 0) {
        if (!layout.blocks.empty()) {
            ReplyLayout::Block &tail = layout.blocks.back();
            const size_t take = std::min(bytes, tail.size - tail.used);
            tail.used += take;
            bytes -= take;
            if (bytes == 0) break;
        }
        const size_t want =
            onePiece ? std::max(bytes, ReplyLayout::kChunkBytes) : ReplyLayout::kChunkBytes;
        const size_t size = blockSizeFor(want);
        const size_t take = std::min(bytes, size);
        layout.blocks.push_back({size, take});
        layout.listBytes += size;
        bytes -= take;
    }
}

// A deferred aggregate starts: the tail block trimmed if much of it is unused, then an empty
// placeholder node. Returns the placeholder's index.
size_t openPlaceholder(ReplyLayout &layout)
{
    if (!layout.blocks.empty()) {
        ReplyLayout::Block &tail = layout.blocks.back();
        if (tail.size > 0 && tail.size - tail.used > tail.size / 4 &&
            tail.used < ReplyLayout::kChunkBytes) {
            const size_t trimmed = blockSizeFor(tail.used);
            layout.listBytes = layout.listBytes - tail.size + trimmed;
            tail.size = trimmed;
        }
    }
    layout.blocks.push_back({0, 0});
    return layout.blocks.size() - 1;
}

// Its length known, the header of `header` bytes goes into the block before the placeholder,
// else before the block after it, else into the placeholder made a block of its own.
void closePlaceholder(ReplyLayout &layout, size_t index, size_t header)
{
    std::deque<ReplyLayout::Block> &blocks = layout.blocks;
    if (index > 0 && blocks[index - 1].size > blocks[index - 1].used) {
        ReplyLayout::Block &before = blocks[index - 1];
        const size_t take = std::min(header, before.size - before.used);
        before.used += take;
        header -= take;
        if (header == 0) {
            blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(index));
            return;
        }
    }
    if (index + 1 < blocks.size()) {
        ReplyLayout::Block &after = blocks[index + 1];
        if (after.size - after.used >= header && after.used < kPrependBelowBytes) {
            after.used += header;
            blocks.erase(blocks.begin() + static_cast<std::ptrdiff_t>(index));
            return;
        }
    }
    blocks[index] = {blockSizeFor(header), header};
    layout.listBytes += blocks[index].size;
}

} // namespace

size_t allocationClass(size_t bytes)
{
    if (bytes <= 8) return 8;
    if (bytes <= 128) return (bytes + 15) & ~size_t{15};
    const int lg = std::bit_width(bytes - 1) - 1; // 2^lg < bytes <= 2^(lg+1)
    const size_t step = size_t{1} << (lg - 2);
    return (bytes + step - 1) & ~(step - 1);
}

void placeOutputSlow(ReplyLayout &layout, const std::string &output, size_t sent)
{
    if (output.size() < layout.placed) { // cut by its owner: place what is left again
        const size_t size = layout.bufSize, peak = layout.bufPeak;
        const int64_t resetMs = layout.peakResetMs;
        outputDrained(layout);
        layout.bufSize = size;
        layout.bufPeak = peak;
        layout.peakResetMs = resetMs;
        layout.placed = sent;
    }
    // The pieces in output order: a deferred header opens where it is and closes where its
    // aggregate ends; at one offset closes come first (the innermost of nested ones first),
    // then an opening, then a bulk.
    enum Step { Close, Open, Bulk };
    struct Event
    {
        size_t at;
        Step step;
        const ReplyPiece *piece;
    };
    std::vector<Event> events;
    for (const ReplyPiece &piece : layout.pieces) {
        if (piece.offset < layout.placed) continue;
        if (piece.contentEnd == 0) {
            if (piece.offset + piece.length <= output.size())
                events.push_back({piece.offset, Bulk, &piece});
        } else if (piece.contentEnd <= output.size()) {
            events.push_back({piece.offset, Open, &piece});
            events.push_back({piece.contentEnd, Close, &piece});
        }
    }
    std::sort(events.begin(), events.end(), [](const Event &a, const Event &b) {
        if (a.at != b.at) return a.at < b.at;
        if (a.step != b.step) return a.step < b.step;
        return a.piece->offset > b.piece->offset;
    });
    std::vector<size_t> placeholders; // indexes in blocks of the open ones, innermost last
    for (const Event &event : events) {
        place(layout, event.at - layout.placed, false);
        layout.placed = event.at;
        if (event.step == Open) {
            placeholders.push_back(openPlaceholder(layout));
            layout.placed += event.piece->length; // the header is placed when it closes
        } else if (event.step == Close && !placeholders.empty()) {
            closePlaceholder(layout, placeholders.back(), event.piece->length);
            placeholders.pop_back();
        } else if (event.step == Bulk) {
            place(layout, event.piece->length, true);
            layout.placed += event.piece->length;
        }
    }
    layout.pieces.clear();
    place(layout, output.size() - layout.placed, false);
    layout.placed = output.size();
}

void consumeOutput(ReplyLayout &layout, size_t bytes)
{
    while (bytes > 0) {
        if (layout.bufSent < layout.bufUsed) {
            const size_t take = std::min(bytes, layout.bufUsed - layout.bufSent);
            layout.bufSent += take;
            bytes -= take;
            if (layout.bufSent == layout.bufUsed) layout.bufUsed = layout.bufSent = 0;
        } else if (!layout.blocks.empty()) {
            ReplyLayout::Block &head = layout.blocks.front();
            const size_t take = std::min(bytes, head.used - layout.headSent);
            layout.headSent += take;
            bytes -= take;
            if (layout.headSent == head.used) {
                layout.listBytes -= head.size;
                layout.blocks.pop_front();
                layout.headSent = 0;
            }
        } else {
            return;
        }
    }
}

void Server::initReplyBuffer(Client &client, int64_t)
{
    reallocate(client.output, client.replyLayout.bufSize);
    m_cronClientOrder.push_back(client.id);
}

void Server::releaseBigReplyBuffer(Client &client)
{
    if (!client.output.empty() || client.output.capacity() <= kReleaseAboveBytes) return;
    reallocate(client.output, client.replyLayout.bufSize);
}

void Server::setReplyBufferPeakResetTime(int64_t ms)
{
    m_replyPeakResetMs = ms;
}

void Server::resetReplyBufferPeakResetTime()
{
    m_replyPeakResetMs = kDefaultPeakResetMs;
}

void Server::resizeReplyBuffer(Client &client, int64_t nowMs)
{
    ReplyLayout &layout = client.replyLayout;
    placeOutput(layout, client.output, client.outputSent);
    // INFO clients' client_recent_max_*_buffer: the largest of the last seconds' slots.
    const size_t slot = static_cast<size_t>(nowMs / 1000) % kRecentSlots;
    m_recentMaxInput[slot] = std::max(m_recentMaxInput[slot], client.input.capacity());
    m_recentMaxOutput[slot] = std::max(m_recentMaxOutput[slot], layout.outputMemory());
    if (!m_replyResizing) return;
    size_t newSize = 0;
    if (layout.bufSize / 2 >= ReplyLayout::kMinBytes && layout.bufPeak < layout.bufSize / 2) {
        newSize = allocationClass(std::max(ReplyLayout::kMinBytes, layout.bufPeak + 1));
        ++m_stats.replyBufferShrinks;
    } else if (layout.bufSize * 2 < 2 * ReplyLayout::kChunkBytes &&
               layout.bufPeak == layout.bufSize) {
        newSize = allocationClass(std::min(ReplyLayout::kChunkBytes, layout.bufSize * 2));
        ++m_stats.replyBufferExpands;
    }
    if (m_replyPeakResetMs >= 0 && nowMs - layout.peakResetMs >= m_replyPeakResetMs) {
        layout.bufPeak = layout.bufUsed;
        layout.peakResetMs = nowMs;
    }
    if (newSize) layout.bufSize = newSize;
    if (client.output.empty() && client.output.capacity() != layout.bufSize)
        reallocate(client.output, layout.bufSize);
    else if (client.output.capacity() < layout.bufSize)
        client.output.reserve(layout.bufSize);
}

void Server::resizeReplyBuffers(int64_t nowMs)
{
    // The slot after this second's is the oldest: emptied for its next turn.
    const size_t slot = static_cast<size_t>(nowMs / 1000) % kRecentSlots;
    m_recentMaxInput[(slot + 1) % kRecentSlots] = 0;
    m_recentMaxOutput[(slot + 1) % kRecentSlots] = 0;
    const size_t clients = m_clients.size();
    // Closed clients' ids wait until a pass reaches them; under connection churn they are
    // dropped all at once when they outnumber the live ones (amortised O(1) per client).
    if (m_cronClientOrder.size() > 2 * clients + 64)
        std::erase_if(m_cronClientOrder, [&](uint64_t id) { return !m_clients.contains(id); });
    size_t visits = clients / static_cast<size_t>(std::max<int64_t>(m_effectiveHz, 1));
    if (visits < kCronMinClients) visits = std::min(clients, kCronMinClients);
    // Newest first: the back of the order is visited and moved to the front. Ids of closed
    // clients are dropped on the way (at most the order's length per pass).
    for (size_t seen = 0; visits > 0 && seen < m_cronClientOrder.size() + visits; ++seen) {
        if (m_cronClientOrder.empty()) break;
        const uint64_t id = m_cronClientOrder.back();
        m_cronClientOrder.pop_back();
        Client *client = clientById(id);
        if (!client) continue;
        m_cronClientOrder.push_front(id);
        --visits;
        if (!client->closeNow) resizeReplyBuffer(*client, nowMs);
    }
}

size_t Server::recentMaxInputBuffer() const
{
    return *std::max_element(m_recentMaxInput.begin(), m_recentMaxInput.end());
}

size_t Server::recentMaxOutputBuffer() const
{
    return *std::max_element(m_recentMaxOutput.begin(), m_recentMaxOutput.end());
}

} // namespace redscope::engine
