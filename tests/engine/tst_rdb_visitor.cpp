// The public streaming RDB reader (redscope/rdb.h) against real files: dumps written by
// Debian's redis-server 7.0 and by redscope-server holding every type in its compact and big
// encodings, expiries, several databases, a function library and a stream with groups. Each
// key the walk reports is checked against what the server that wrote the file says about it
// (TYPE, OBJECT ENCODING, PTTL, element count, XINFO GROUPS), its decoded value against the
// server's reply (GET, LRANGE, SMEMBERS, HGETALL, ZRANGE, XRANGE), its DUMP payload is
// restored into a fresh server and must give the same dataset, and IDLE/FREQ opcodes come through
// under LRU/LFU policies. Module values and module aux data (hand-built, no module needed)
// are reported and skipped; truncated and corrupted files end with an error naming an offset;
// a visitor can stop the walk.
#include "persistence_test_support.h"

#include "persistence/rdb_format.h"
#include "redscope/rdb.h"

#include <QFile>
#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <filesystem>
#include <map>
#include <random>
#include <set>

using namespace redscope::test;
using namespace redscope::engine;

namespace {

struct SeenKey
{
    int db = 0;
    std::string key;
    std::string type, encoding, moduleType;
    int64_t expireAtMs = -1, idleSeconds = -1;
    int lfuFrequency = -1;
    uint64_t elements = 0, streamGroups = 0, offset = 0, bytes = 0;
    std::string payload;
    bool decoded = false;
    RdbValue value;
};

class Collector : public RdbVisitor
{
public:
    RdbAction onAux(std::string_view name, std::string_view value) override
    {
        aux[std::string(name)] = std::string(value);
        return RdbAction::Continue;
    }
    RdbAction onDatabase(int db) override
    {
        databases.push_back(db);
        return RdbAction::Continue;
    }
    RdbAction onKey(const RdbKey &key, RdbValueAccess &value) override
    {
        SeenKey k;
        k.db = key.db;
        k.key = std::string(key.key);
        k.type = rdbTypeName(key.type);
        k.encoding = std::string(key.encoding);
        k.moduleType = std::string(key.moduleType);
        k.expireAtMs = key.expireAtMs;
        k.idleSeconds = key.idleSeconds;
        k.lfuFrequency = key.lfuFrequency;
        k.elements = key.elements;
        k.streamGroups = key.streamGroups;
        k.offset = key.offset;
        k.bytes = key.serializedBytes;
        if (wantPayloads) {
            k.payload = value.dumpPayload();
            k.decoded = value.decode(&k.value);
        }
        keys.push_back(std::move(k));
        return stopAfter && keys.size() >= stopAfter ? RdbAction::Stop : RdbAction::Continue;
    }
    RdbAction onFunctionLibrary(std::string_view engine, std::string_view name,
                                std::string_view code) override
    {
        libraries.push_back(std::string(engine) + "|" + std::string(name) + "|" +
                            std::string(code));
        return RdbAction::Continue;
    }
    RdbAction onModuleAux(std::string_view moduleType) override
    {
        moduleAux.emplace_back(moduleType);
        return RdbAction::Continue;
    }
    RdbAction onProgress(uint64_t bytesRead, uint64_t fileSize) override
    {
        lastProgress = bytesRead;
        progressTotal = fileSize;
        return RdbAction::Continue;
    }

    bool wantPayloads = false;
    size_t stopAfter = 0;
    std::map<std::string, std::string> aux;
    std::vector<int> databases;
    std::vector<SeenKey> keys;
    std::vector<std::string> libraries, moduleAux;
    uint64_t lastProgress = 0, progressTotal = 0;
};

const char *kLibrary = "#!lua name=vislib\n"
                       "redis.register_function('visf', function() return 1 end)";

// Every type in its compact and big encodings, strings of every encoding (LZF-compressible
// among them), expiries in seconds and milliseconds, three databases, a function library and
// a stream with two groups, consumers and pending entries.
void populate(Conn &c)
{
    std::vector<std::vector<std::string>> cmds;
    cmds.push_back({"SET", "s:int", "12345"});
    cmds.push_back({"SET", "s:neg", "-2000000000"});
    cmds.push_back({"SET", "s:big", "99999999999999999"});
    cmds.push_back({"SET", "s:embstr", "hello world"});
    cmds.push_back({"SET", "s:raw", std::string(45, 'r') + "x"});
    cmds.push_back({"SET", "s:lzf", std::string(800, 'a') + "tail" + std::string(300, 'b')});
    cmds.push_back({"SET", "s:binary", std::string("a\0b\r\n\xff", 6)});
    cmds.push_back({"SET", "s:ttl", "v", "PX", "3600000"});
    cmds.push_back({"SET", "s:ttlsec", "v", "EX", "86400"});
    cmds.push_back({"RPUSH", "l:small", "a", "1", "-200", "70000", "x"});
    for (int i = 0; i < 3000; ++i)
        cmds.push_back({"RPUSH", "l:big", "item-" + std::to_string(i) + std::string(i % 40, 'x')});
    cmds.push_back({"RPUSH", "l:plain", std::string(20000, 'q'), "small"});
    cmds.push_back({"SADD", "set:int", "1", "-5", "70000", "3000000000"});
    cmds.push_back({"SADD", "set:small", "a", "b", "c"});
    cmds.push_back({"HSET", "h:small", "f1", "v1", "f2", "2"});
    cmds.push_back({"HSET", "h:longvalue", "a", std::string(65, 'v')});
    cmds.push_back({"ZADD", "z:small", "1.5", "a", "-2", "b", "inf", "c"});
    cmds.push_back({"ZADD", "z:longmember", "1", std::string(70, 'm')});
    for (int i = 0; i < 700; ++i) {
        const std::string n = std::to_string(i);
        cmds.push_back({"SADD", "set:intbig", n});
        cmds.push_back({"SADD", "set:big", "member" + n});
        cmds.push_back({"HSET", "h:big", "field" + n, "value" + n});
        cmds.push_back({"ZADD", "z:big", n + ".5", "m" + n});
    }
    for (int i = 0; i < 300; ++i)
        cmds.push_back({"XADD", "x:stream", std::to_string(i + 1) + "-1", "f", std::to_string(i),
                        i % 3 ? "g" : "h", "v"});
    cmds.push_back({"XDEL", "x:stream", "5-1"});
    cmds.push_back({"XGROUP", "CREATE", "x:stream", "g1", "0"});
    cmds.push_back({"XGROUP", "CREATE", "x:stream", "g2", "$"});
    cmds.push_back(
        {"XREADGROUP", "GROUP", "g1", "alice", "COUNT", "3", "STREAMS", "x:stream", ">"});
    cmds.push_back({"XREADGROUP", "GROUP", "g1", "bob", "COUNT", "2", "STREAMS", "x:stream", ">"});
    cmds.push_back({"XADD", "x:empty", "1-1", "f", "v"});
    cmds.push_back({"XDEL", "x:empty", "1-1"});
    cmds.push_back({"EXPIRE", "h:small", "5000"});
    cmds.push_back({"PEXPIRE", "z:big", "7200000"});
    cmds.push_back({"FUNCTION", "LOAD", kLibrary});
    cmds.push_back({"SELECT", "3"});
    cmds.push_back({"SET", "db3:s", "three"});
    cmds.push_back({"ZADD", "db3:z", "3", "x"});
    cmds.push_back({"SELECT", "15"});
    cmds.push_back({"RPUSH", "db15:l", "x"});
    cmds.push_back({"SET", "db15:ttl", "v", "EX", "100"});
    cmds.push_back({"SELECT", "0"});
    QCOMPARE(c.pipeline(cmds), cmds.size());
}

bool walk(const std::string &path, Collector &visitor, RdbWalkResult *result, std::string *error)
{
    RdbReader reader(path);
    return reader.run(visitor, result, error);
}

int64_t nowMs()
{
    return std::chrono::duration_cast<std::chrono::milliseconds>(
               std::chrono::system_clock::now().time_since_epoch())
        .count();
}

std::string unquote(const std::string &reply)
{
    if (reply.size() >= 2 && (reply.front() == '"' || reply.front() == '+'))
        return reply.front() == '+' ? reply.substr(1) : reply.substr(1, reply.size() - 2);
    return reply;
}

// Compares every key of the walk with what the server says, and that the walk saw every key.
void checkAgainstServer(Conn &c, const Collector &seen)
{
    std::map<int, size_t> perDb;
    uint64_t previousEnd = 0;
    for (const SeenKey &k : seen.keys) {
        const std::string where = std::to_string(k.db) + ":" + k.key;
        QVERIFY2(k.offset >= previousEnd, where.c_str()); // records in file order
        QVERIFY2(k.bytes > k.key.size(), where.c_str());
        previousEnd = k.offset + k.bytes;
        ++perDb[k.db];
        c.cmd({"SELECT", std::to_string(k.db)});
        const std::string type = unquote(c.cmd({"TYPE", k.key}));
        QVERIFY2(type == k.type, (where + " type " + type + " vs " + k.type).c_str());
        const std::string encoding = unquote(c.cmd({"OBJECT", "ENCODING", k.key}));
        QVERIFY2(encoding == k.encoding,
                 (where + " encoding " + encoding + " vs " + k.encoding).c_str());
        const long long pttl = std::stoll(c.cmd({"PTTL", k.key}));
        if (k.expireAtMs == -1) {
            QVERIFY2(pttl == -1, where.c_str());
        } else {
            const int64_t left = k.expireAtMs - nowMs();
            QVERIFY2(
                pttl > 0 && std::llabs(left - pttl) < 2000,
                (where + " pttl " + std::to_string(pttl) + " vs " + std::to_string(left)).c_str());
        }
        const std::map<std::string, std::string> counter = {
            {"string", "STRLEN"}, {"list", "LLEN"}, {"set", "SCARD"},
            {"zset", "ZCARD"},    {"hash", "HLEN"}, {"stream", "XLEN"}};
        const std::string count = c.cmd({counter.at(k.type), k.key});
        QVERIFY2(count == std::to_string(k.elements),
                 (where + " count " + count + " vs " + std::to_string(k.elements)).c_str());
        if (k.type == "stream") {
            redisReply *r = c.raw({"XINFO", "GROUPS", k.key});
            const size_t groups = r ? r->elements : 0;
            if (r) freeReplyObject(r);
            QCOMPARE(k.streamGroups, uint64_t(groups));
        }
    }
    for (int db = 0; db < 16; ++db) {
        c.cmd({"SELECT", std::to_string(db)});
        QCOMPARE(c.cmd({"DBSIZE"}), std::to_string(perDb[db]));
    }
    c.cmd({"SELECT", "0"});
}

// Each walked key's decoded value against the server's own reply for it.
void checkDecodedValues(Conn &c, const Collector &seen)
{
    auto flat = [&c](const std::vector<std::string> &args) {
        redisReply *r = c.raw(args);
        std::vector<std::string> items = arrayStrings(r);
        if (r) freeReplyObject(r);
        return items;
    };
    auto sortedPairs = [](const std::vector<std::string> &items) {
        std::vector<std::string> pairs;
        for (size_t i = 0; i + 1 < items.size(); i += 2)
            pairs.push_back(items[i] + "=" + items[i + 1]);
        std::sort(pairs.begin(), pairs.end());
        return pairs;
    };
    for (const SeenKey &k : seen.keys) {
        QVERIFY2(k.decoded, k.key.c_str());
        QCOMPARE(rdbTypeName(k.value.type), k.type.c_str());
        c.cmd({"SELECT", std::to_string(k.db)});
        if (k.type == "string") {
            QCOMPARE(k.value.items, flat({"MGET", k.key}));
        } else if (k.type == "list") {
            QCOMPARE(k.value.items, flat({"LRANGE", k.key, "0", "-1"}));
        } else if (k.type == "set") {
            std::vector<std::string> ours = k.value.items, theirs = flat({"SMEMBERS", k.key});
            std::sort(ours.begin(), ours.end());
            std::sort(theirs.begin(), theirs.end());
            QCOMPARE(ours, theirs);
        } else if (k.type == "hash") {
            QCOMPARE(sortedPairs(k.value.items), sortedPairs(flat({"HGETALL", k.key})));
        } else if (k.type == "zset") {
            QCOMPARE(k.value.items, flat({"ZRANGE", k.key, "0", "-1", "WITHSCORES"}));
        } else if (k.type == "stream") {
            QCOMPARE(std::to_string(k.value.streamEntries.size()), c.cmd({"XLEN", k.key}));
            for (const RdbStreamEntry &e : k.value.streamEntries) {
                redisReply *r = c.raw({"XRANGE", k.key, e.id, e.id});
                QVERIFY(r && r->elements == 1 && r->element[0]->elements == 2);
                const std::vector<std::string> fields = arrayStrings(r->element[0]->element[1]);
                freeReplyObject(r);
                QCOMPARE(e.fields, fields);
            }
        }
    }
    c.cmd({"SELECT", "0"});
}

// Restores every walked key's DUMP payload (with its expiry) into a fresh server: the same
// dataset must come out, streams included.
void checkPayloadsRestore(Conn &original, const Collector &seen, bool redisTarget)
{
    auto target = redisTarget ? TestServer::startRedis() : TestServer::startRedscope();
    QVERIFY2(target->ok(), target->error().c_str());
    Conn t(target->port());
    for (const SeenKey &k : seen.keys) {
        QVERIFY2(!k.payload.empty(), k.key.c_str());
        t.cmd({"SELECT", std::to_string(k.db)});
        std::vector<std::string> args{
            "RESTORE", k.key, k.expireAtMs == -1 ? "0" : std::to_string(k.expireAtMs), k.payload};
        if (k.expireAtMs != -1) args.push_back("ABSTTL");
        const std::string reply = t.cmd(args);
        QVERIFY2(reply == "+OK", (k.key + ": " + reply).c_str());
    }
    QCOMPARE(dumpDataset(t), dumpDataset(original));
    t.cmd({"SELECT", "0"});
    QCOMPARE(t.cmd({"XRANGE", "x:stream", "-", "+"}),
             original.cmd({"XRANGE", "x:stream", "-", "+"}));
    QCOMPARE(t.cmd({"XINFO", "GROUPS", "x:stream"}), original.cmd({"XINFO", "GROUPS", "x:stream"}));
}

std::string readFile(const std::string &path)
{
    QFile file(QString::fromStdString(path));
    return file.open(QIODevice::ReadOnly) ? file.readAll().toStdString() : std::string();
}

void writeFile(const std::string &path, const std::string &data)
{
    QFile file(QString::fromStdString(path));
    QVERIFY(file.open(QIODevice::WriteOnly | QIODevice::Truncate));
    QCOMPARE(file.write(data.data(), qint64(data.size())), qint64(data.size()));
}

// A module id: a 9-character name in the charset Redis modules use, 6 bits each from the
// top, then a 10-bit encoding version.
uint64_t moduleId(const std::string &name, unsigned version)
{
    static const std::string charset =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    uint64_t id = 0;
    for (size_t i = 0; i < 9; ++i)
        id |= uint64_t(charset.find(name[i])) << (64 - 6 * (i + 1));
    return id | version;
}

} // namespace

class TstRdbVisitor : public QObject
{
    Q_OBJECT

private:
    // Walks server's dump.rdb after SAVE and checks it against the server.
    void walkAndCheck(TestServer &server, bool redisTarget)
    {
        Conn c(server.port());
        QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
        Collector seen;
        seen.wantPayloads = true;
        RdbWalkResult result;
        std::string error;
        const std::string path = server.directory() + "/dump.rdb";
        QVERIFY2(walk(path, seen, &result, &error), error.c_str());
        QCOMPARE(result.version, 10);
        QVERIFY(!result.stopped);
        QCOMPARE(result.bytesRead, uint64_t(std::filesystem::file_size(path)));
        QCOMPARE(seen.lastProgress, result.bytesRead);
        QCOMPARE(seen.progressTotal, result.bytesRead);
        QCOMPARE(result.keys, uint64_t(seen.keys.size()));
        QVERIFY(seen.aux.count("redis-ver"));
        QCOMPARE(seen.libraries.size(), size_t(1));
        QCOMPARE(seen.libraries[0], std::string("lua|vislib|") + kLibrary);
        QCOMPARE(seen.databases, (std::vector<int>{0, 3, 15}));
        checkAgainstServer(c, seen);
        if (QTest::currentTestFailed()) return;
        // The encodings both servers should have produced, so the test covers all of them.
        std::set<std::string> encodings;
        for (const SeenKey &k : seen.keys)
            encodings.insert(k.type + "/" + k.encoding);
        const std::set<std::string> expected = {"string/int",     "string/embstr",  "string/raw",
                                                "list/quicklist", "set/intset",     "set/hashtable",
                                                "hash/listpack",  "hash/hashtable", "zset/listpack",
                                                "zset/skiplist",  "stream/stream"};
        for (const std::string &e : expected)
            QVERIFY2(encodings.count(e), e.c_str());
        checkDecodedValues(c, seen);
        if (QTest::currentTestFailed()) return;
        checkPayloadsRestore(c, seen, redisTarget);
    }

private slots:
    void redisDumpMatchesRedis()
    {
        auto redis = TestServer::startRedis();
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn c(redis->port());
        populate(c);
        walkAndCheck(*redis, true);
    }

    void redisDumpWithoutCompressionOrChecksum()
    {
        auto redis = TestServer::startRedis({"--rdbcompression", "no", "--rdbchecksum", "no"});
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn c(redis->port());
        populate(c);
        QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
        Collector seen;
        RdbWalkResult result;
        std::string error;
        QVERIFY2(walk(redis->directory() + "/dump.rdb", seen, &result, &error), error.c_str());
        QVERIFY(!result.checksumVerified);
        checkAgainstServer(c, seen);
    }

    void redscopeDumpMatchesRedscope()
    {
        auto server = TestServer::startRedscope();
        QVERIFY2(server->ok(), server->error().c_str());
        Conn c(server->port());
        populate(c);
        walkAndCheck(*server, false);
    }

    // IDLE under an LRU policy, FREQ under an LFU policy, as OBJECT IDLETIME/FREQ report.
    void idleAndFrequencyOpcodes()
    {
        auto redis = TestServer::startRedis({"--maxmemory-policy", "allkeys-lfu"});
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn c(redis->port());
        c.cmd({"SET", "hot", "1"});
        c.cmd({"SET", "cold", "1"});
        for (int i = 0; i < 200; ++i)
            c.cmd({"GET", "hot"});
        const int hotFreq = std::stoi(c.cmd({"OBJECT", "FREQ", "hot"}));
        QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
        const std::string path = redis->directory() + "/dump.rdb";
        Collector lfu;
        RdbWalkResult result;
        std::string error;
        QVERIFY2(walk(path, lfu, &result, &error), error.c_str());
        QCOMPARE(lfu.keys.size(), size_t(2));
        for (const SeenKey &k : lfu.keys) {
            QCOMPARE(k.idleSeconds, int64_t(-1));
            QVERIFY(k.lfuFrequency >= 0);
            if (k.key == "hot") QCOMPARE(k.lfuFrequency, hotFreq);
            QCOMPARE(k.offset + k.bytes <= result.bytesRead, true);
        }
        auto lruServer = TestServer::startRedis({"--maxmemory-policy", "allkeys-lru"});
        QVERIFY2(lruServer->ok(), lruServer->error().c_str());
        Conn l(lruServer->port());
        l.cmd({"SET", "a", "1"});
        l.cmd({"SET", "b", "1"});
        QCOMPARE(l.cmd({"SAVE"}), std::string("+OK"));
        const std::string lruPath = lruServer->directory() + "/dump.rdb";
        Collector lru;
        QVERIFY2(walk(lruPath, lru, &result, &error), error.c_str());
        QCOMPARE(lru.keys.size(), size_t(2));
        for (const SeenKey &k : lru.keys) {
            QVERIFY(k.idleSeconds >= 0 && k.idleSeconds < 60);
            QCOMPARE(k.lfuFrequency, -1);
        }
    }

    // A MODULE_AUX record and a MODULE_2 value, built by hand: reported with the module's
    // type name and skipped, and the keys around them still come through.
    void moduleRecordsSkipped()
    {
        const uint64_t id = moduleId("mytype-12", 3);
        std::string image = "REDIS0010";
        image.push_back(char(rdb::kOpModuleAux));
        rdb::appendLength(image, id);
        image += {char(2), char(2)}; // when: UINT opcode, value 2
        image += {char(2), char(5), char(5), char(3)};
        image += "abc";
        image.push_back(0); // module EOF
        image.push_back(char(rdb::kOpSelectDb));
        image.push_back(0);
        image += {char(rdb::kTypeString), char(6)};
        image += "before";
        image += {char(1), 'x'};
        image += {char(rdb::kTypeModule2), char(1), 'm'};
        rdb::appendLength(image, id);
        image += {char(1), char(7)};                // SINT 7
        image += {char(3), 0, 0, 0, 0};             // FLOAT
        image += {char(4), 0, 0, 0, 0, 0, 0, 0, 0}; // DOUBLE
        image += {char(5), char(2), 'h', 'i'};      // STRING
        image.push_back(0);
        image += {char(rdb::kTypeString), char(5)};
        image += "after";
        image += {char(1), 'y'};
        image.push_back(char(rdb::kOpEof));
        image.append(8, '\0');
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/m.rdb";
        writeFile(path, image);
        Collector seen;
        seen.wantPayloads = true;
        RdbWalkResult result;
        std::string error;
        QVERIFY2(walk(path, seen, &result, &error), error.c_str());
        QCOMPARE(seen.moduleAux, (std::vector<std::string>{"mytype-12"}));
        QCOMPARE(seen.keys.size(), size_t(3));
        QCOMPARE(seen.keys[1].key, std::string("m"));
        QCOMPARE(seen.keys[1].type, std::string("module"));
        QCOMPARE(seen.keys[1].moduleType, std::string("mytype-12"));
        QVERIFY(seen.keys[1].payload.empty());
        QVERIFY(!seen.keys[1].decoded);
        QCOMPARE(seen.keys[2].key, std::string("after"));
        QVERIFY(!seen.keys[2].payload.empty());
        QCOMPARE(seen.keys[2].value.items, std::vector<std::string>{"y"});

        // An unknown opcode inside the module value: an error at its offset.
        std::string bad = image;
        const size_t at = bad.find(std::string{char(5), char(2), 'h', 'i'});
        bad[at] = char(9);
        writeFile(path, bad);
        Collector again;
        QVERIFY(!walk(path, again, &result, &error));
        QVERIFY2(error.find("module serialization opcode 9") != std::string::npos &&
                     error.find("at offset " + std::to_string(at)) != std::string::npos,
                 error.c_str());
    }

    // Zipmap hashes (RDB type 9, Redis < 2.6): a small one and one with a value over 64
    // bytes (with free bytes after it). The walk, redscope-server and redis-server agree
    // on their encodings and contents.
    void zipmapHashesLoad()
    {
        auto zipmap = [](const std::vector<std::pair<std::string, std::string>> &pairs,
                         int freeBytes) {
            std::string blob(1, char(pairs.size()));
            auto len = [&blob](size_t n) {
                if (n < 254) {
                    blob.push_back(char(n));
                } else {
                    blob.push_back(char(254));
                    rdb::appendLittleEndian(blob, n, 4);
                }
            };
            for (const auto &[field, value] : pairs) {
                len(field.size());
                blob += field;
                len(value.size());
                blob.push_back(char(freeBytes));
                blob += value;
                blob.append(size_t(freeBytes), 'Z');
            }
            blob.push_back(char(255));
            return blob;
        };
        std::string image = "REDIS0006";
        image += {char(rdb::kOpSelectDb), 0};
        for (const auto &[key, blob] :
             {std::pair<std::string, std::string>{"zm:small", zipmap({{"a", "1"}, {"b", "x"}}, 0)},
              {"zm:long", zipmap({{"f", std::string(300, 'v')}, {"g", "2"}}, 3)}}) {
            image.push_back(char(rdb::kTypeHashZipmap));
            rdb::appendLength(image, key.size());
            image += key;
            rdb::appendLength(image, blob.size());
            image += blob;
        }
        image.push_back(char(rdb::kOpEof));
        image.append(8, '\0');
        QTemporaryDir redisDir, oursDir;
        writeFile(redisDir.path().toStdString() + "/dump.rdb", image);
        writeFile(oursDir.path().toStdString() + "/dump.rdb", image);
        Collector seen;
        RdbWalkResult result;
        std::string error;
        QVERIFY2(walk(oursDir.path().toStdString() + "/dump.rdb", seen, &result, &error),
                 error.c_str());
        QCOMPARE(result.version, 6);
        QCOMPARE(seen.keys.size(), size_t(2));
        auto redis = TestServer::startRedis({"--dir", redisDir.path().toStdString()});
        QVERIFY2(redis->ok(), redis->error().c_str());
        auto ours = TestServer::startRedscope({"--dir", oursDir.path().toStdString()});
        QVERIFY2(ours->ok(), ours->error().c_str());
        Conn rc(redis->port()), oc(ours->port());
        checkAgainstServer(rc, seen);
        checkAgainstServer(oc, seen);
        QCOMPARE(seen.keys[0].encoding, std::string("listpack"));
        QCOMPARE(seen.keys[1].encoding, std::string("hashtable"));
        QCOMPARE(dumpDataset(oc), dumpDataset(rc));
    }

    void visitorStopsTheWalk()
    {
        auto redis = TestServer::startRedis();
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn c(redis->port());
        populate(c);
        QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
        Collector seen;
        seen.stopAfter = 3;
        RdbWalkResult result;
        std::string error;
        QVERIFY2(walk(redis->directory() + "/dump.rdb", seen, &result, &error), error.c_str());
        QVERIFY(result.stopped);
        QVERIFY(!result.checksumVerified);
        QCOMPARE(seen.keys.size(), size_t(3));
        QCOMPARE(result.keys, uint64_t(3));
    }

    void truncatedAndCorruptFilesGiveOffsets()
    {
        auto redis = TestServer::startRedis({"--rdbcompression", "no"});
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn c(redis->port());
        populate(c);
        QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
        const std::string image = readFile(redis->directory() + "/dump.rdb");
        QTemporaryDir dir;
        const std::string path = dir.path().toStdString() + "/bad.rdb";
        RdbWalkResult result;
        std::string error;

        Collector missing;
        QVERIFY(!walk(path + ".none", missing, &result, &error));
        QVERIFY2(error.find("cannot open") != std::string::npos, error.c_str());

        for (size_t cut : {size_t(0), size_t(4), size_t(9), size_t(40), image.size() / 2,
                           image.size() - 9, image.size() - 1}) {
            writeFile(path, image.substr(0, cut));
            Collector seen;
            QVERIFY2(!walk(path, seen, &result, &error), std::to_string(cut).c_str());
            QVERIFY2(error.find("unexpected end of file") != std::string::npos &&
                         error.find(" at offset ") != std::string::npos,
                     error.c_str());
        }
        writeFile(path, "RUBBISH00" + image.substr(9));
        Collector wrong;
        QVERIFY(!walk(path, wrong, &result, &error));
        QCOMPARE(error, std::string("wrong signature (not an RDB file) at offset 0"));

        // A flipped byte inside a long string value: parses, but the CRC-64 catches it.
        std::string flipped = image;
        const size_t at = flipped.find(std::string(20000, 'q'));
        QVERIFY(at != std::string::npos);
        flipped[at + 100] = 'Q';
        writeFile(path, flipped);
        Collector crc;
        QVERIFY(!walk(path, crc, &result, &error));
        QCOMPARE(error, "RDB checksum mismatch (wrong CRC-64) at offset " +
                            std::to_string(image.size() - 8));

        // Random damage never crashes and always explains itself.
        std::mt19937 rng(26);
        for (int round = 0; round < 300; ++round) {
            std::string mutated = image;
            const int flips = 1 + int(rng() % 4);
            for (int i = 0; i < flips; ++i)
                mutated[rng() % mutated.size()] = char(rng());
            if (round % 3 == 0) mutated.resize(rng() % mutated.size());
            writeFile(path, mutated);
            Collector seen;
            if (!walk(path, seen, &result, &error))
                QVERIFY2(error.find(" at offset ") != std::string::npos, error.c_str());
        }
    }
};

QTEST_GUILESS_MAIN(TstRdbVisitor)
#include "tst_rdb_visitor.moc"
