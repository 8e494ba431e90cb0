// redscope-rdb: walks a dump.rdb with the public streaming reader (include/redscope/rdb.h)
// and prints totals per type and per encoding (keys, elements, serialized bytes), per
// database, and expiry coverage. No server needed; memory stays flat on any file size.
// Usage: redscope-rdb <file.rdb>. Exit code 1 with the reader's message on a bad file.
#include "redscope/rdb.h"

#include <chrono>
#include <cstdio>
#include <map>
#include <string>
#include <vector>

namespace {

struct Totals
{
    uint64_t keys = 0, elements = 0, bytes = 0;
    void add(const redscope::engine::RdbKey &key)
    {
        ++keys;
        elements += key.elements;
        bytes += key.serializedBytes;
    }
};

class Summary : public redscope::engine::RdbVisitor
{
public:
    redscope::engine::RdbAction onAux(std::string_view name, std::string_view value) override
    {
        aux.emplace(name, value);
        return redscope::engine::RdbAction::Continue;
    }

    redscope::engine::RdbAction onKey(const redscope::engine::RdbKey &key,
                                      redscope::engine::RdbValueAccess &) override
    {
        std::string type = redscope::engine::rdbTypeName(key.type);
        if (!key.moduleType.empty()) type += ":" + std::string(key.moduleType);
        byType[type].add(key);
        byEncoding[type + "/" + std::string(key.encoding)].add(key);
        byDb[key.db].add(key);
        if (key.expireAtMs != -1) ++withExpiry;
        return redscope::engine::RdbAction::Continue;
    }

    redscope::engine::RdbAction onFunctionLibrary(std::string_view engine, std::string_view name,
                                                  std::string_view) override
    {
        libraries.push_back(std::string(engine) + " " + std::string(name));
        return redscope::engine::RdbAction::Continue;
    }

    std::map<std::string, std::string> aux;
    std::map<std::string, Totals> byType, byEncoding;
    std::map<int, Totals> byDb;
    std::vector<std::string> libraries;
    uint64_t withExpiry = 0;
};

void print(const char *title, const std::map<std::string, Totals> &rows)
{
    std::printf("%-28s %12s %14s %14s\n", title, "keys", "elements", "bytes");
    for (const auto &[name, t] : rows)
        std::printf(
            "%-28s %12llu %14llu %14llu\n", name.c_str(), static_cast<unsigned long long>(t.keys),
            static_cast<unsigned long long>(t.elements), static_cast<unsigned long long>(t.bytes));
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <file.rdb>\n", argv[0]);
        return 2;
    }
    const auto start = std::chrono::steady_clock::now();
    Summary summary;
    redscope::engine::RdbReader reader(argv[1]);
    redscope::engine::RdbWalkResult result;
    std::string error;
    const bool ok = reader.run(summary, &result, &error);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    if (!ok) {
        std::fprintf(stderr, "%s: %s\n", argv[1], error.c_str());
        return 1;
    }
    std::printf("RDB version %d, %llu bytes, %llu keys (%llu with expiry), checksum %s, "
                "%.2f s\n",
                result.version, static_cast<unsigned long long>(result.bytesRead),
                static_cast<unsigned long long>(result.keys),
                static_cast<unsigned long long>(summary.withExpiry),
                result.checksumVerified ? "verified" : "absent", seconds);
    for (const auto &[name, value] : summary.aux)
        std::printf("aux %s = %s\n", name.c_str(), value.c_str());
    for (const auto &library : summary.libraries)
        std::printf("function library %s\n", library.c_str());
    print("type", summary.byType);
    print("type/encoding", summary.byEncoding);
    std::map<std::string, Totals> dbs;
    for (const auto &[db, t] : summary.byDb)
        dbs["db" + std::to_string(db)] = t;
    print("database", dbs);
    return 0;
}
