// File and dataset helpers shared by the RDB and AOF life cycles (persistence.cpp,
// aof_lifecycle.cpp): whole-file reads, sizes, retrying writes, and loading an RDB image
// into the server's databases. All are blocking calls on the event-loop thread; they run at
// start-up, on SAVE/DEBUG RELOAD and on small files (manifests), never per command.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

class Server;
class Database;
struct RdbLoadStats;
struct RdbLoadOptions;
namespace rdb {
class Cursor;
}

// `name` inside the configured directory ("." when dir is empty).
std::string pathInDir(const std::string &dir, const std::string &name);

bool readWholeFile(const std::string &file, std::string *out, std::string *error);
bool fileExists(const std::string &file);
uint64_t fileSize(const std::string &file); // 0 when it cannot be read
// Writes until done or an error (EINTR retried); *written says how much got out either way.
bool writeAll(int fd, const char *data, size_t size, size_t *written);

// The server's encoding limits as the RDB loader takes them (files, DUMP payloads).
RdbLoadOptions rdbLoadOptionsFor(Server &server);

// Parses an RDB image into fresh databases (with the server's encoding limits) and swaps them
// in only when the whole image is valid, so a bad file never half-loads. skipExpired: drop
// keys whose TTL passed (an AOF base keeps them, as Redis does).
bool loadRdbIntoServer(Server &server, std::string_view data, bool skipExpired, RdbLoadStats *stats,
                       std::string *error);
// The same, reporting the bytes parsed so far to `progress` now and then (a replica's full
// sync serves -LOADING meanwhile), and handing the replaced databases to *replaced when given
// (the caller frees them, on the lazyfree thread if it wants).
bool loadRdbIntoServer(Server &server, std::string_view data, bool skipExpired, RdbLoadStats *stats,
                       std::string *error, const std::function<void(size_t parsed)> &progress,
                       std::vector<std::unique_ptr<Database>> *replaced);
// The same from a cursor (a stream: a replica's diskless load reads its master's socket).
bool loadRdbIntoServer(Server &server, rdb::Cursor &cursor, bool skipExpired, RdbLoadStats *stats,
                       std::string *error, const std::function<void(size_t parsed)> &progress,
                       std::vector<std::unique_ptr<Database>> *replaced);

} // namespace redscope::engine
