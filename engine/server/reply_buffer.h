// Where a client's pending replies sit, in Redis 7.0's terms: a reply buffer of `bufSize`
// bytes (CLIENT LIST rbs, obl for the bytes in it) and, once it is full, a list of blocks
// (oll) whose allocated sizes make omem and what client-output-buffer-limit compares.
//
// The bytes themselves stay in one contiguous Client::output, which the network layer
// writes with one send() per flush; ReplyLayout places them as Redis would have placed its
// copies: the buffer first while the list is empty, then the list's tail block, then new
// blocks of 16 KiB (their allocator size, as zmalloc_usable reports it) or, for a bulk
// payload longer than that (ReplyWriter notes them as ReplyPieces), one block of its size.
// Written bytes leave the buffer (reset once all of it is written) and free blocks from the
// head, as in Redis.
//
// An aggregate whose header Redis writes with a deferred length (KEYS, ZRANGEBYSCORE,
// SINTER, ...; ReplyWriter notes those headers too) is placed as Redis places it: when it
// starts, the list's tail block is trimmed to its allocator size if more than a quarter of it
// is unused (and it holds under 16 KiB), and an empty placeholder node goes to the list, so
// from then on nothing enters the buffer. Once the length is known, its header goes into the
// spare room of the block before the placeholder, else at the front of the block after it
// (when the header fits and that block holds under 64 KiB), the placeholder then dropped;
// otherwise the placeholder becomes a block of the header's own size.
//
// placeOutput is on every command's path: the common case (the list empty, the reply fits
// the buffer) is a compare and two adds.
#pragma once

#include "protocol/reply_writer.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <string>
#include <utility>
#include <vector>

namespace redscope::engine {

struct ReplyLayout
{
    static constexpr size_t kChunkBytes = 16 * 1024; // a new client's buffer; a block's least
    static constexpr size_t kMinBytes = 1024;        // the cron never shrinks below
    // Redis's per-block overhead in omem: a list node and the block header.
    static constexpr size_t kListItemBytes = 24 + 16;
    static constexpr size_t kBlockHeaderBytes = 16;

    struct Block
    {
        size_t size; // usable bytes (0: a deferred header's placeholder, while placing)
        size_t used;
    };

    size_t bufSize = kChunkBytes; // rbs
    size_t bufPeak = kChunkBytes; // rbp: the most bufUsed since peakResetMs
    int64_t peakResetMs = 0;      // 0: reset at the first cron pass, as Redis 7.0 does
    size_t bufUsed = 0;           // obl: bytes in the buffer, written ones included
    size_t bufSent = 0;
    std::deque<Block> blocks; // oll
    size_t headSent = 0;      // bytes of blocks.front() written
    size_t listBytes = 0;     // the blocks' sizes (Redis's reply_bytes)
    size_t placed = 0;        // bytes of Client::output placed so far
    // Big bulks and deferred headers in output not placed yet (ReplyWriter notes them).
    std::vector<ReplyPiece> pieces;

    // CLIENT LIST omem, client-output-buffer-limit's measure.
    size_t outputMemory() const { return listBytes + blocks.size() * kListItemBytes; }
};

// What the allocator Redis uses (jemalloc) hands out for `bytes`: its size classes, four
// per doubling above 128 bytes. Buffers and blocks are sized to it, as zmalloc_usable makes
// Redis's.
size_t allocationClass(size_t bytes);

// Places output's bytes from layout.placed to its end (slow path: the list, big pieces, or
// output shorter than what was placed, when a caller cut it: placed again from `sent`).
void placeOutputSlow(ReplyLayout &layout, const std::string &output, size_t sent);

inline void placeOutput(ReplyLayout &layout, const std::string &output, size_t sent)
{
    const size_t end = output.size();
    if (end == layout.placed) return;
    if (end > layout.placed && layout.blocks.empty() && layout.pieces.empty() &&
        end - layout.placed <= layout.bufSize - layout.bufUsed) {
        layout.bufUsed += end - layout.placed;
        layout.placed = end;
        layout.bufPeak = std::max(layout.bufPeak, layout.bufUsed);
        return;
    }
    placeOutputSlow(layout, output, sent);
}

// `bytes` of placed output were written to the socket.
void consumeOutput(ReplyLayout &layout, size_t bytes);

// All of output was written and output emptied.
inline void outputDrained(ReplyLayout &layout)
{
    layout.bufUsed = layout.bufSent = layout.headSent = layout.listBytes = layout.placed = 0;
    layout.blocks.clear();
    layout.pieces.clear();
}

} // namespace redscope::engine
