// The append-only file, in Redis 7's multi-part layout, which Redis 7.0 reads and writes:
//
//   <dir>/<appenddirname>/
//       <appendfilename>.<n>.base.rdb    the dataset at the last rewrite, as an RDB image
//       <appendfilename>.<m>.incr.aof    commands since then, in RESP (one or more files)
//       <appendfilename>.manifest        which files make up the AOF, in order
//
// Manifest lines: "file <name> seq <n> type <b|i|h>" (base, incremental, history).
// We chose this layout over a single file because a rewrite then never copies the commands
// that arrive while it runs: the parent simply starts a new incr file at the fork and the
// child writes a fresh base; the manifest switch is one atomic rename. It also lets files
// move both ways between the engine and Debian's redis-server 7.0.
//
// This file holds the format pieces (manifest, RESP encoding, replay); the reading of the
// commands, from memory or streamed from a file, is aof_reader.cpp's; the life cycle (when to
// write, fsync, rewrite) lives in aof_lifecycle.cpp.
#pragma once

#include "persistence/aof_reader.h"

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

class Server;

namespace aof {

struct ManifestEntry
{
    std::string name;
    int64_t seq = 0;
    char type = 'i'; // 'b' base, 'i' incremental, 'h' history
};

struct Manifest
{
    bool hasBase = false;
    ManifestEntry base;
    std::vector<ManifestEntry> incrs;   // in replay order
    std::vector<ManifestEntry> history; // left over from a rewrite; to be deleted

    int64_t lastIncrSeq() const { return incrs.empty() ? 0 : incrs.back().seq; }
};

bool parseManifest(std::string_view text, Manifest *out, std::string *error);
std::string formatManifest(const Manifest &manifest);

// RESP array of bulk strings, as written to incr files.
void appendCommand(std::string &out, const std::vector<std::string> &argv);

struct ReplayResult
{
    enum Status { Ok, Truncated, Error } status = Ok;
    size_t validBytes = 0; // bytes of complete commands (the prefix to keep when truncated)
    uint64_t commands = 0;
    std::string error;
};

// Parses the RESP commands in data and runs each through the server as a fake client that
// starts on db 0. MULTI ... EXEC blocks are applied only once complete. A command cut off
// by the end of data (a crash mid-write) gives Truncated; malformed input or an unknown
// command gives Error.
ReplayResult replayCommands(Server &server, std::string_view data);
// The same with the commands reader yields (a file streamed through its buffer). A source
// that fails mid-way gives Error ("Error reading the append only file ...").
// afterCommand, when given, runs after each command replayed with the number replayed so far
// and the reader's offset (a load's pacing: key-load-delay, serving clients).
ReplayResult
replayCommands(Server &server, CommandReader &reader,
               const std::function<void(uint64_t commands, uint64_t offset)> &afterCommand = {});

} // namespace aof
} // namespace redscope::engine
