// Shared by the transfer suites: a dataset of every type (binary-safe names and values, big
// and small encodings, TTLs) written into a real server, a canonical text of a database to
// compare two servers with, settings for a TestServer, and running a job to its end.
#pragma once

#include "connection/connection_settings.h"
#include "redis_test_client.h"
#include "test_server.h"
#include "transfer/compare_job.h"
#include "transfer/transfer_runner.h"

#include <QCoreApplication>
#include <QElapsedTimer>

#include <algorithm>
#include <memory>
#include <string>
#include <vector>

namespace redscope::test {

inline ConnectionSettings settingsFor(const TestServer &server, int db = 0)
{
    ConnectionSettings s;
    s.name = QStringLiteral("test %1").arg(server.port());
    s.host = QStringLiteral("127.0.0.1");
    s.port = server.port();
    s.db = db;
    s.commandTimeoutMs = 10000;
    return s;
}

// Every type, binary names and values, packed and big encodings, TTLs.
inline void fillDataset(RedisTestClient &c, const std::string &prefix = "t:")
{
    const std::string bin("\x00\xff\x80 \r\n\"\\,", 10);
    c.run({"SET", prefix + "s:plain", "hello, \"world\"\nnext line"});
    c.run({"SET", prefix + "s:int", "123456"});
    c.run({"SET", prefix + "s:bin", bin});
    c.run({"SET", prefix + "s:base64-like", "base64:not really"});
    c.run({"SET", prefix + "s:utf8", "h\xc3\xa9llo \xe2\x82\xac"});
    c.run({"SET", prefix + "s:ttl", "expires", "PX", "3600000"});
    c.run({"SET", prefix + std::string("bin\xff\x00key", 8), "binary key"});
    c.run({"RPUSH", prefix + "l:small", "a", "b", "a", bin});
    std::vector<std::string> big{"RPUSH", prefix + "l:big"};
    for (int i = 0; i < 1500; ++i)
        big.push_back("item-" + std::to_string(i));
    c.run(big);
    c.run({"SADD", prefix + "set:int", "1", "2", "30000"});
    c.run({"SADD", prefix + "set:str", "x", "y", bin});
    std::vector<std::string> bigSet{"SADD", prefix + "set:big"};
    for (int i = 0; i < 700; ++i)
        bigSet.push_back("m" + std::to_string(i));
    c.run(bigSet);
    c.run({"HSET", prefix + "h:small", "f1", "v1", "f,2", bin, "", "empty field"});
    std::vector<std::string> bigHash{"HSET", prefix + "h:big"};
    for (int i = 0; i < 1200; ++i) {
        bigHash.push_back("field" + std::to_string(i));
        bigHash.push_back("value" + std::to_string(i));
    }
    c.run(bigHash);
    c.run({"PEXPIRE", prefix + "h:big", "7200000"});
    c.run({"ZADD", prefix + "z:small", "1.5", "a", "-2", "b", "inf", "c", "0.1", bin});
    std::vector<std::string> bigZ{"ZADD", prefix + "z:big"};
    for (int i = 0; i < 300; ++i) {
        bigZ.push_back(std::to_string(i) + ".25");
        bigZ.push_back("member" + std::to_string(i));
    }
    c.run(bigZ);
    c.run({"XADD", prefix + "x", "1-1", "a", "1"});
    c.run({"XADD", prefix + "x", "5-0", "b", bin, "c", "3"});
}

// "key type value ttl?" lines, sorted; sets and hashes sorted inside. TTLs as presence only.
inline std::string canonical(RedisTestClient &c, const std::string &pattern = "*",
                             bool withStreams = true)
{
    std::vector<std::string> lines;
    std::string cursor = "0";
    do {
        auto reply = c.command({"SCAN", cursor, "MATCH", pattern, "COUNT", "1000"});
        if (!reply || reply->elements != 2) return "<scan failed>";
        cursor.assign(reply->element[0]->str, reply->element[0]->len);
        for (size_t i = 0; i < reply->element[1]->elements; ++i) {
            const redisReply *k = reply->element[1]->element[i];
            const std::string key(k->str, k->len);
            const std::string type = c.run({"TYPE", key});
            if (type == "+stream" && !withStreams) continue;
            std::string value;
            const auto sorted = [&](const std::vector<std::string> &args, size_t group) {
                auto r = c.command(args);
                std::vector<std::string> parts;
                for (size_t j = 0; r && j + group <= r->elements; j += group) {
                    std::string p;
                    for (size_t g = 0; g < group; ++g)
                        p += replyToText(r->element[j + g]) + "=";
                    parts.push_back(p);
                }
                std::sort(parts.begin(), parts.end());
                std::string out;
                for (const auto &p : parts)
                    out += p + ";";
                return out;
            };
            if (type == "+string")
                value = c.run({"GET", key});
            else if (type == "+list")
                value = c.run({"LRANGE", key, "0", "-1"});
            else if (type == "+set")
                value = sorted({"SMEMBERS", key}, 1);
            else if (type == "+hash")
                value = sorted({"HGETALL", key}, 2);
            else if (type == "+zset")
                value = c.run({"ZRANGE", key, "0", "-1", "WITHSCORES"});
            else if (type == "+stream")
                value = c.run({"XRANGE", key, "-", "+"});
            const bool ttl = c.run({"PTTL", key}) != ":-1";
            std::string line = key + " " + type + " " + value + (ttl ? " ttl" : "");
            for (size_t at = 0; (at = line.find('\n', at)) != std::string::npos;)
                line.replace(at, 1, "\\n"); // one line per key
            lines.push_back(line);
        }
    } while (cursor != "0");
    std::sort(lines.begin(), lines.end());
    std::string out;
    for (const auto &l : lines)
        out += l + "\n";
    return out;
}

// Runs a job to its end on a TransferRunner (its own thread) and returns the summary.
inline TransferSummary runJob(std::unique_ptr<TransferJob> job)
{
    TransferRunner runner;
    runner.start(std::move(job));
    QElapsedTimer clock;
    clock.start();
    while (runner.isRunning() && clock.elapsed() < 100000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 20);
    }
    runner.wait();
    return runner.lastSummary();
}

inline std::pair<TransferSummary, CompareResultPtr> compare(CompareOptions options)
{
    auto job = std::make_unique<CompareJob>(std::move(options));
    CompareResultPtr result = job->result();
    return {runJob(std::move(job)), result};
}

} // namespace redscope::test
