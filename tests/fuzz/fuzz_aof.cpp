// libFuzzer target for the AOF loader (persistence/aof): the input is one AOF part as
// Persistence::loadAof reads it, an optional RDB preamble (a base file written with
// aof-use-rdb-preamble) followed by RESP commands, replayed through a real Server's
// processCommand with the fake AOF client. The same bytes also go through the manifest
// parser. No event loop runs: the server is initialised on a Unix socket in a private temp
// directory (init needs a listener) and only its command path is used.
//
// Inputs that mention commands which touch the host rather than the dataset (SHUTDOWN,
// DEBUG, CONFIG, ACL, SAVE/BGSAVE/BGREWRITEAOF, replication) are skipped: an AOF holding them
// would stop or fork a real server too, and they would only make the fuzzer sleep or exit.
// After each input the keyspace is checked (no empty collection, no TTL without its key),
// then the dataset is flushed and a CLIENT PAUSE lifted, so every input starts
// from the same empty server. Before the replay, the commands are also read streamed (a few
// bytes of head, then a source handing out 5 bytes at a time into the smallest buffer the
// reader takes), which must give the same commands and verdict as the read in memory.
#include "persistence/aof.h"
#include "persistence/rdb_loader.h"
#include "server/server.h"

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <string>
#include <unistd.h>

using namespace redscope::engine;

namespace {

Server *g_server = nullptr;

class ChunkedSource : public rdb::ByteSource
{
public:
    explicit ChunkedSource(std::string_view data)
        : m_data(data)
    {
    }
    size_t read(char *buffer, size_t n) override
    {
        n = std::min<size_t>({n, 5, m_data.size() - m_at});
        std::memcpy(buffer, m_data.data() + m_at, n);
        m_at += n;
        return n;
    }
    uint64_t size() const override { return m_data.size(); }

private:
    std::string_view m_data;
    size_t m_at = 0;
};

// The commands and the verdict, as one string.
std::string readAll(aof::CommandReader &reader)
{
    std::string out;
    std::vector<std::string> argv;
    aof::CommandReader::Parse p;
    while ((p = reader.next(&argv)) == aof::CommandReader::Parse::Ok) {
        for (const std::string &arg : argv)
            out += std::to_string(arg.size()) + ":" + arg;
        out += ";" + std::to_string(reader.offset()) + "\n";
    }
    return out + std::to_string(static_cast<int>(p)) + "@" + std::to_string(reader.offset());
}

void checkStreamedReadAgrees(std::string_view data)
{
    aof::CommandReader inMemory(data);
    const std::string expected = readAll(inMemory);
    const size_t head = std::min<size_t>(data.size(), 3);
    ChunkedSource source(data.substr(head));
    aof::CommandReader streamed(data.substr(0, head), &source, data.size(), 0);
    if (readAll(streamed) != expected) std::abort();
}

bool mentionsHostCommand(std::string_view data)
{
    static const char *const words[] = {"shutdown",  "debug",   "config", "save",     "rewriteaof",
                                        "replicaof", "slaveof", "sync",   "failover", "acl"};
    std::string lower(data);
    for (char &ch : lower)
        if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
    for (const char *word : words)
        if (lower.find(word) != std::string::npos) return true;
    return false;
}

Server &server()
{
    if (g_server) return *g_server;
    char dirTemplate[] = "/tmp/redscope-fuzz-aof-XXXXXX";
    if (!mkdtemp(dirTemplate)) std::abort();
    ServerConfig config;
    config.port = 0;
    config.dir = dirTemplate;
    config.unixSocket = std::string(dirTemplate) + "/s.sock";
    config.savePoints.clear();
    config.logLevel = "warning";
    g_server = new Server; // lives for the whole run, like the real one
    std::string error;
    if (!g_server->init(config, &error)) {
        std::fprintf(stderr, "fuzz_aof: server init failed: %s\n", error.c_str());
        std::abort();
    }
    return *g_server;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const std::string_view input(reinterpret_cast<const char *>(data), size);
    if (mentionsHostCommand(input)) return -1; // not added to the corpus

    aof::Manifest manifest;
    std::string error;
    if (aof::parseManifest(input, &manifest, &error)) {
        aof::Manifest again;
        if (!aof::parseManifest(aof::formatManifest(manifest), &again, &error)) std::abort();
        if (again.incrs.size() != manifest.incrs.size() || again.hasBase != manifest.hasBase)
            std::abort();
    }

    Server &srv = server();
    std::string_view rest = input;
    if (rest.substr(0, 5) == "REDIS") { // RDB preamble, as in a base file
        std::vector<std::unique_ptr<Database>> fresh;
        for (int d = 0; d < srv.dbCount(); ++d)
            fresh.push_back(std::make_unique<Database>(d));
        RdbLoadOptions options;
        options.nowMs = Server::wallClockMs();
        options.skipExpired = false;
        RdbLoadStats stats;
        if (!loadRdb(rest, fresh, options, &stats, &error)) return 0;
        for (int d = 0; d < srv.dbCount(); ++d)
            srv.db(d).swap(*fresh[static_cast<size_t>(d)]);
        rest = rest.substr(stats.bytesConsumed);
    }
    checkStreamedReadAgrees(rest);
    const aof::ReplayResult result = aof::replayCommands(srv, rest);
    if (result.validBytes > rest.size()) std::abort();
    if (result.status != aof::ReplayResult::Ok && result.error.empty()) std::abort();

    // Whatever the commands did, the keyspace stays well formed: no empty collection left
    // under a key (Redis deletes them), no TTL without its key.
    for (int d = 0; d < srv.dbCount(); ++d) {
        Database &db = srv.db(d);
        db.keys().forEach([](std::string_view, Value &value) {
            if (value.isEmptyCollection()) std::abort();
        });
        db.expires().forEach([&db](std::string_view key, int64_t &) {
            if (!db.peek(key)) std::abort();
        });
        db.clear();
    }
    srv.unpauseClients();
    return 0;
}
