// Helpers shared by the persistence suites (tst_rdb, tst_aof): a small hiredis connection
// wrapper, a canonical text dump of a whole dataset (every db, key, type, value and whether
// it has a TTL) so two servers can be compared key by key, a way to run a server that is
// expected to refuse to start (exit code and stderr), and a process's RSS and peak RSS.
#pragma once

#include "test_server.h"

#include <QProcess>
#include <QString>
#include <QStringList>

#include <hiredis/hiredis.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace redscope::test {

inline std::string replyToString(const redisReply *r)
{
    if (!r) return "<null>";
    switch (r->type) {
    case REDIS_REPLY_STRING:
        return "\"" + std::string(r->str, r->len) + "\"";
    case REDIS_REPLY_STATUS:
        return "+" + std::string(r->str, r->len);
    case REDIS_REPLY_ERROR:
        return "-" + std::string(r->str, r->len);
    case REDIS_REPLY_INTEGER:
        return std::to_string(r->integer);
    case REDIS_REPLY_NIL:
        return "(nil)";
    case REDIS_REPLY_ARRAY: {
        std::string s = "[";
        for (size_t i = 0; i < r->elements; ++i)
            s += (i ? "," : "") + replyToString(r->element[i]);
        return s + "]";
    }
    default:
        return "?";
    }
}

class Conn
{
public:
    explicit Conn(int port)
        : m_ctx(redisConnect("127.0.0.1", port))
    {
    }
    ~Conn()
    {
        if (m_ctx) redisFree(m_ctx);
    }
    bool ok() const { return m_ctx && !m_ctx->err; }

    redisReply *raw(const std::vector<std::string> &args)
    {
        std::vector<const char *> argv;
        std::vector<size_t> lens;
        for (const auto &a : args) {
            argv.push_back(a.data());
            lens.push_back(a.size());
        }
        return static_cast<redisReply *>(
            redisCommandArgv(m_ctx, static_cast<int>(args.size()), argv.data(), lens.data()));
    }

    std::string cmd(const std::vector<std::string> &args)
    {
        redisReply *r = raw(args);
        std::string s = replyToString(r);
        if (r) freeReplyObject(r);
        return s;
    }

    // Pipelines many commands; returns how many got a non-error reply.
    size_t pipeline(const std::vector<std::vector<std::string>> &commands)
    {
        for (const auto &args : commands) {
            std::vector<const char *> argv;
            std::vector<size_t> lens;
            for (const auto &a : args) {
                argv.push_back(a.data());
                lens.push_back(a.size());
            }
            redisAppendCommandArgv(m_ctx, static_cast<int>(args.size()), argv.data(), lens.data());
        }
        size_t good = 0;
        for (size_t i = 0; i < commands.size(); ++i) {
            void *r = nullptr;
            if (redisGetReply(m_ctx, &r) != REDIS_OK) break;
            if (static_cast<redisReply *>(r)->type != REDIS_REPLY_ERROR) ++good;
            freeReplyObject(r);
        }
        return good;
    }

    // One field of INFO, e.g. info("rdb_bgsave_in_progress").
    std::string info(const std::string &field)
    {
        redisReply *r = raw({"INFO", "persistence"});
        std::string text = r && r->type == REDIS_REPLY_STRING ? std::string(r->str, r->len) : "";
        if (r) freeReplyObject(r);
        const size_t at = text.find(field + ":");
        if (at == std::string::npos) return {};
        const size_t start = at + field.size() + 1;
        return text.substr(start, text.find('\r', start) - start);
    }

private:
    redisContext *m_ctx;
};

inline std::vector<std::string> arrayStrings(redisReply *r)
{
    std::vector<std::string> out;
    if (r && r->type == REDIS_REPLY_ARRAY)
        for (size_t i = 0; i < r->elements; ++i)
            out.emplace_back(
                r->element[i]->str ? std::string(r->element[i]->str, r->element[i]->len) : "");
    return out;
}

// Canonical dump: "db:key -> type value ttl?" lines, sorted, streams included. Keys that
// `skip` names are left out (e.g. keys so close to expiry that two servers disagree).
inline std::string dumpDataset(Conn &c, int databases = 16,
                               const std::function<bool(const std::string &)> &skip = {})
{
    std::vector<std::string> lines;
    for (int db = 0; db < databases; ++db) {
        c.cmd({"SELECT", std::to_string(db)});
        redisReply *keysReply = c.raw({"KEYS", "*"});
        const std::vector<std::string> keys = arrayStrings(keysReply);
        if (keysReply) freeReplyObject(keysReply);
        for (const std::string &key : keys) {
            if (skip && skip(key)) continue;
            std::string type = c.cmd({"TYPE", key});
            std::string value;
            auto sortedArray = [&](const std::vector<std::string> &args, size_t group) {
                redisReply *r = c.raw(args);
                std::vector<std::string> items = arrayStrings(r);
                if (r) freeReplyObject(r);
                std::vector<std::string> groups;
                for (size_t i = 0; i + group <= items.size(); i += group) {
                    std::string g;
                    for (size_t k = 0; k < group; ++k)
                        g += items[i + k] + (k + 1 < group ? "=" : "");
                    groups.push_back(g);
                }
                std::sort(groups.begin(), groups.end());
                std::string s;
                for (const auto &g : groups)
                    s += g + ",";
                return s;
            };
            if (type == "+string")
                value = c.cmd({"GET", key});
            else if (type == "+list")
                value = c.cmd({"LRANGE", key, "0", "-1"});
            else if (type == "+hash")
                value = sortedArray({"HGETALL", key}, 2);
            else if (type == "+set")
                value = sortedArray({"SMEMBERS", key}, 1);
            else if (type == "+zset")
                value = c.cmd({"ZRANGE", key, "0", "-1", "WITHSCORES"});
            else if (type == "+stream")
                value = c.cmd({"XRANGE", key, "-", "+"});
            const bool hasTtl = c.cmd({"PTTL", key}) != "-1";
            lines.push_back(std::to_string(db) + ":" + key + " -> " + type + " " + value +
                            (hasTtl ? " ttl" : ""));
        }
    }
    c.cmd({"SELECT", "0"});
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto &l : lines)
        out += l + "\n";
    return out;
}

// Runs a server binary that should refuse to start; returns its exit code and stderr.
struct RefusedStart
{
    int exitCode = -1;
    bool finished = false;
    std::string standardError;
};

inline RefusedStart runExpectingFailure(const std::string &binary, const QStringList &args)
{
    QProcess p;
    p.start(QString::fromStdString(binary), args);
    RefusedStart r;
    r.finished = p.waitForFinished(15000);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(2000);
        return r;
    }
    r.exitCode = p.exitCode();
    r.standardError = p.readAllStandardError().toStdString();
    return r;
}

// VmRSS and VmHWM (peak) of a process, in kB: a load's peak over the RSS it leaves shows what
// it held beside the dataset (a file read whole, a payload gathered before parsing).
inline std::pair<int64_t, int64_t> rssAndPeakKb(int pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    int64_t rss = -1, peak = -1;
    std::string line;
    while (std::getline(status, line)) {
        if (line.starts_with("VmRSS:")) rss = std::stoll(line.substr(6));
        if (line.starts_with("VmHWM:")) peak = std::stoll(line.substr(6));
    }
    return {rss, peak};
}

inline bool waitFor(const std::function<bool()> &condition, int timeoutMs = 10000)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
    while (std::chrono::steady_clock::now() < deadline) {
        if (condition()) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    return false;
}

} // namespace redscope::test
