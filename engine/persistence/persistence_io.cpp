// See persistence_io.h.
#include "persistence/persistence_io.h"
#include "scripting/script_engine.h"

#include "persistence/rdb_cursor.h"
#include "persistence/rdb_loader.h"
#include "server/server.h"

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

namespace redscope::engine {

std::string pathInDir(const std::string &dir, const std::string &name)
{
    return (dir.empty() ? std::string(".") : dir) + "/" + name;
}

bool readWholeFile(const std::string &file, std::string *out, std::string *error)
{
    int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        *error = "Can't open " + file + ": " + std::strerror(errno);
        return false;
    }
    struct stat st
    {
    };
    if (::fstat(fd, &st) == 0) out->reserve(static_cast<size_t>(st.st_size));
    char chunk[1 << 16];
    while (true) {
        ssize_t n = ::read(fd, chunk, sizeof chunk);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) {
            *error = "Error reading " + file + ": " + std::strerror(errno);
            ::close(fd);
            return false;
        }
        if (n == 0) break;
        out->append(chunk, static_cast<size_t>(n));
    }
    ::close(fd);
    return true;
}

bool fileExists(const std::string &file)
{
    struct stat st
    {
    };
    return ::stat(file.c_str(), &st) == 0;
}

uint64_t fileSize(const std::string &file)
{
    struct stat st
    {
    };
    return ::stat(file.c_str(), &st) == 0 ? static_cast<uint64_t>(st.st_size) : 0;
}

bool writeAll(int fd, const char *data, size_t size, size_t *written)
{
    *written = 0;
    while (*written < size) {
        ssize_t n = ::write(fd, data + *written, size - *written);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return false;
        *written += static_cast<size_t>(n);
    }
    return true;
}

RdbLoadOptions rdbLoadOptionsFor(Server &server)
{
    RdbLoadOptions options;
    options.maxIntsetEntries = static_cast<size_t>(server.config().setMaxIntsetEntries);
    options.nowMs = Server::wallClockMs();
    options.hashLimits = server.hashLimits();
    options.zsetLimits = server.zsetLimits();
    options.listFill = server.listFill();
    options.listCompressDepth = server.listCompressDepth();
    options.keyDelayUs = server.config().keyLoadDelay;
    options.progressEveryBytes =
        static_cast<size_t>(server.config().loadingProcessEventsIntervalBytes);
    // sanitize-dump-payload yes: every load is sanitized deeply (RDB files, a master's
    // snapshot, RESTORE); "clients" only RESTORE from clients (cmdRestore).
    if (server.config().sanitizeDumpPayload == "yes")
        options.deepSanitizations = &server.stats().dumpPayloadSanitizations;
    return options;
}

bool loadRdbIntoServer(Server &server, std::string_view data, bool skipExpired, RdbLoadStats *stats,
                       std::string *error)
{
    return loadRdbIntoServer(server, data, skipExpired, stats, error, {}, nullptr);
}

bool loadRdbIntoServer(Server &server, std::string_view data, bool skipExpired, RdbLoadStats *stats,
                       std::string *error, const std::function<void(size_t parsed)> &progress,
                       std::vector<std::unique_ptr<Database>> *replaced)
{
    rdb::Cursor cursor(data);
    return loadRdbIntoServer(server, cursor, skipExpired, stats, error, progress, replaced);
}

bool loadRdbIntoServer(Server &server, rdb::Cursor &cursor, bool skipExpired, RdbLoadStats *stats,
                       std::string *error, const std::function<void(size_t parsed)> &progress,
                       std::vector<std::unique_ptr<Database>> *replaced)
{
    std::vector<std::unique_ptr<Database>> fresh;
    for (int i = 0; i < server.dbCount(); ++i)
        fresh.push_back(std::make_unique<Database>(i));
    RdbLoadOptions options = rdbLoadOptionsFor(server);
    options.skipExpired = skipExpired;
    options.progress = progress;
    if (!loadRdb(cursor, fresh, options, stats, error)) return false;
    // The file's function libraries replace the server's, as its keys do.
    if (!stats->functionLibraries.empty() || server.scriptingIfCreated()) {
        ScriptEngine &scripting = server.scripting();
        scripting.flushLibraries();
        for (const std::string &code : stats->functionLibraries) {
            std::string name, failure;
            if (!scripting.loadLibrary(code, false, &name, &failure)) {
                *error = "function library in the RDB could not be loaded: " + failure;
                return false;
            }
        }
    }
    for (int i = 0; i < server.dbCount(); ++i)
        server.db(i).swap(*fresh[static_cast<size_t>(i)]);
    if (replaced) *replaced = std::move(fresh);
    return true;
}

} // namespace redscope::engine
