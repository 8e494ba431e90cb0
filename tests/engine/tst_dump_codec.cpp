// The public DUMP codec and RDB file writer (redscope/dump.h). Payloads DUMPed by Debian's
// redis-server 7.0 decode to what the server's own reads return; values encoded here RESTORE
// on redis-server and redscope-server to the same data; an RDB file written key by key from
// payloads is loaded by redis-server at start-up with every key, database and expiry; bad
// payloads are refused with a message, and an unfinished file never appears under its name.
#include "persistence_test_support.h"

#include "redscope/dump.h"

#include <QTemporaryDir>
#include <QtTest>

#include <algorithm>
#include <chrono>
#include <filesystem>

using namespace redscope::test;
using namespace redscope::engine;

namespace {

std::string dumpOf(Conn &c, const std::string &key)
{
    redisReply *r = c.raw({"DUMP", key});
    std::string out = r && r->type == REDIS_REPLY_STRING ? std::string(r->str, r->len) : "";
    if (r) freeReplyObject(r);
    return out;
}

void fill(Conn &c)
{
    c.cmd({"SET", "s:int", "12345"});
    c.cmd({"SET", "s:bin", std::string("a\0b\xff\n", 5)});
    c.cmd({"SET", "s:long", std::string(300, 'x')});
    c.cmd({"RPUSH", "l:small", "a", "b", "1"});
    std::vector<std::string> big = {"RPUSH", "l:big"};
    for (int i = 0; i < 300; ++i)
        big.push_back("element-" + std::to_string(i) + std::string(40, 'y'));
    c.cmd(big);
    c.cmd({"SADD", "set:int", "1", "2", "3"});
    c.cmd({"SADD", "set:str", "a", "b", std::string("\0c", 2)});
    c.cmd({"HSET", "h:small", "f1", "v1", "f2", "v2"});
    std::vector<std::string> hbig = {"HSET", "h:big"};
    for (int i = 0; i < 600; ++i) {
        hbig.push_back("f" + std::to_string(i));
        hbig.push_back("v" + std::to_string(i));
    }
    c.cmd(hbig);
    c.cmd({"ZADD", "z:small", "1.5", "a", "-2", "b", "inf", "c"});
    std::vector<std::string> zbig = {"ZADD", "z:big"};
    for (int i = 0; i < 200; ++i) {
        zbig.push_back(std::to_string(i * 0.25));
        zbig.push_back("m" + std::to_string(i));
    }
    c.cmd(zbig);
    c.cmd({"XADD", "x", "1-1", "a", "b"});
    c.cmd({"XADD", "x", "2-0", "c", "d", "e", "f"});
}

} // namespace

class TestDumpCodec : public QObject
{
    Q_OBJECT

private slots:
    void decodesWhatRedisDumps()
    {
        auto redis = TestServer::startRedis();
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn c(redis->port());
        fill(c);
        RdbValue v;
        std::string error;

        QVERIFY2(decodeDumpValue(dumpOf(c, "s:bin"), &v, &error), error.c_str());
        QCOMPARE(int(v.type), int(RdbType::String));
        QCOMPARE(v.items.at(0), std::string("a\0b\xff\n", 5));
        QVERIFY(decodeDumpValue(dumpOf(c, "s:int"), &v, &error));
        QCOMPARE(v.items.at(0), std::string("12345"));

        QVERIFY(decodeDumpValue(dumpOf(c, "l:big"), &v, &error));
        QCOMPARE(int(v.type), int(RdbType::List));
        QCOMPARE(v.items.size(), size_t(300));
        QCOMPARE(v.items.at(7), "element-7" + std::string(40, 'y'));

        QVERIFY(decodeDumpValue(dumpOf(c, "set:str"), &v, &error));
        std::sort(v.items.begin(), v.items.end());
        QCOMPARE(v.items, (std::vector<std::string>{std::string("\0c", 2), "a", "b"}));

        QVERIFY(decodeDumpValue(dumpOf(c, "h:big"), &v, &error));
        QCOMPARE(int(v.type), int(RdbType::Hash));
        QCOMPARE(v.items.size(), size_t(1200));

        QVERIFY(decodeDumpValue(dumpOf(c, "z:small"), &v, &error));
        QCOMPARE(v.items, (std::vector<std::string>{"b", "-2", "a", "1.5", "c", "inf"}));

        QVERIFY(decodeDumpValue(dumpOf(c, "x"), &v, &error));
        QCOMPARE(int(v.type), int(RdbType::Stream));
        QCOMPARE(v.streamEntries.size(), size_t(2));
        QCOMPARE(v.streamEntries[1].id, std::string("2-0"));
        QCOMPARE(v.streamEntries[1].fields, (std::vector<std::string>{"c", "d", "e", "f"}));
        QCOMPARE(dumpPayloadRdbVersion(dumpOf(c, "x")), 10);
    }

    void refusesBadPayloads()
    {
        auto redis = TestServer::startRedis();
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn c(redis->port());
        c.cmd({"RPUSH", "l", "a", "b"});
        std::string payload = dumpOf(c, "l");
        RdbValue v;
        std::string error;
        std::string flipped = payload;
        flipped[2] = char(flipped[2] ^ 0x40);
        QVERIFY(!decodeDumpValue(flipped, &v, &error));
        QVERIFY(error.find("checksum") != std::string::npos);
        QVERIFY(!decodeDumpValue("abc", &v, &error));
        QVERIFY(!decodeDumpValue(payload.substr(0, payload.size() - 1), &v, &error));

        RdbValue empty;
        empty.type = RdbType::Set;
        std::string out;
        QVERIFY(!encodeDumpPayload(empty, &out, &error));
        RdbValue badScore;
        badScore.type = RdbType::ZSet;
        badScore.items = {"m", "not-a-number"};
        QVERIFY(!encodeDumpPayload(badScore, &out, &error));
        QVERIFY(error.find("score") != std::string::npos);
    }

    // Encoded here, restored on both servers: the same values come back.
    void encodedPayloadsRestoreOnBothServers()
    {
        for (bool onRedis : {true, false}) {
            auto server = onRedis ? TestServer::startRedis() : TestServer::startRedscope();
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            const std::vector<std::pair<std::string, RdbValue>> values = {
                {"s", {RdbType::String, {std::string("bin\0ary", 7)}, {}}},
                {"l", {RdbType::List, {"x", "y", "x"}, {}}},
                {"set", {RdbType::Set, {"1", "2", "hello"}, {}}},
                {"h", {RdbType::Hash, {"f", "v", "g", std::string(100, 'w')}, {}}},
                {"z", {RdbType::ZSet, {"a", "1", "b", "0.5", "c", "-inf"}, {}}},
            };
            for (const auto &[key, value] : values) {
                std::string payload, error;
                QVERIFY2(encodeDumpPayload(value, &payload, &error), error.c_str());
                QCOMPARE(c.cmd({"RESTORE", key, "0", payload}), std::string("+OK"));
            }
            QCOMPARE(c.cmd({"STRLEN", "s"}), std::string("7"));
            QCOMPARE(c.cmd({"LRANGE", "l", "0", "-1"}), std::string("[\"x\",\"y\",\"x\"]"));
            QCOMPARE(c.cmd({"SCARD", "set"}), std::string("3"));
            QCOMPARE(c.cmd({"HGET", "h", "g"}), "\"" + std::string(100, 'w') + "\"");
            QCOMPARE(c.cmd({"ZRANGE", "z", "0", "-1", "WITHSCORES"}),
                     std::string(R"(["c","-inf","b","0.5","a","1"])"));
        }
    }

    // Payloads from one server, written as a file: redis-server loads it at start-up.
    void writtenFileLoadsInRedis()
    {
        auto source = TestServer::startRedis();
        QVERIFY2(source->ok(), source->error().c_str());
        Conn c(source->port());
        fill(c);
        c.cmd({"PEXPIRE", "s:int", "500000"});
        c.cmd({"SELECT", "3"});
        c.cmd({"SET", "in3", "three"});
        c.cmd({"SELECT", "0"});
        const std::string expected = dumpDataset(c);

        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/dump.rdb";
        RdbFileWriter writer;
        std::string error;
        QVERIFY2(writer.open(path, &error), error.c_str());
        for (int db : {0, 3}) {
            c.cmd({"SELECT", std::to_string(db)});
            QVERIFY(writer.beginDatabase(db, &error));
            redisReply *keys = c.raw({"KEYS", "*"});
            for (const std::string &key : arrayStrings(keys)) {
                const int64_t pttl = std::stoll(c.cmd({"PTTL", key}));
                const int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                                        std::chrono::system_clock::now().time_since_epoch())
                                        .count();
                QVERIFY2(writer.addKey(key, pttl >= 0 ? now + pttl : -1, dumpOf(c, key), &error),
                         error.c_str());
            }
            freeReplyObject(keys);
        }
        QVERIFY(!std::filesystem::exists(path)); // only the .tmp until finish()
        QVERIFY2(writer.finish(&error), error.c_str());
        QCOMPARE(writer.keysWritten(), uint64_t(13));
        QVERIFY(std::filesystem::exists(path));

        auto loaded = TestServer::startRedis({"--dir", dir.path().toStdString()});
        QVERIFY2(loaded->ok(), loaded->error().c_str());
        Conn l(loaded->port());
        QCOMPARE(dumpDataset(l), expected);

        // And the engine's own reader walks it with its checksum.
        struct Count : RdbVisitor
        {
            int keys = 0;
            RdbAction onKey(const RdbKey &, RdbValueAccess &) override
            {
                ++keys;
                return RdbAction::Continue;
            }
        } count;
        RdbReader reader(path);
        RdbWalkResult result;
        QVERIFY2(reader.run(count, &result, &error), error.c_str());
        QVERIFY(result.checksumVerified);
        QCOMPARE(count.keys, 13);
    }

    void abandonedWriterLeavesNoFile()
    {
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/x.rdb";
        {
            RdbFileWriter writer;
            std::string error;
            QVERIFY(writer.open(path, &error));
            QVERIFY(!writer.addKey("k", -1, "garbage-payload", &error));
        }
        QVERIFY(!std::filesystem::exists(path));
        QVERIFY(!std::filesystem::exists(path + ".tmp"));
    }
};

QTEST_GUILESS_MAIN(TestDumpCodec)
#include "tst_dump_codec.moc"
