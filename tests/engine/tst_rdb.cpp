// RDB persistence against real processes: round trips through a redscope-server restart,
// files written by Debian's redis-server 7.0 loaded by ours (and saved back and loaded by
// Redis again, which checks our list encoding too), files written by ours loaded by Redis,
// corrupt/truncated files refused with exit code 1, BGSAVE under write load, and kill -9
// after SAVE keeping the snapshot; small integer sets as intset blobs in both directions.
// Sorted-set encodings cross both ways: Redis's listpack/skiplist files load into ours with
// the encoding Redis gives them, our packed sets are written as ZSET_LISTPACK and load packed
// into Redis, and corrupt listpack zsets are refused. Plus unit checks of CRC-64 and LZF.
#include "persistence_test_support.h"

#include "persistence/compact_encodings.h"
#include "persistence/crc64.h"
#include "persistence/lzf.h"
#include "persistence/rdb_format.h"
#include "persistence/rdb_loader.h"

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>
#include <cstring>
#include <fstream>
#include <map>
#include <random>

using namespace redscope::test;

namespace {

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void writeFile(const std::string &path, const std::string &data)
{
    std::ofstream(path, std::ios::binary | std::ios::trunc) << data;
}

// Every core type, small (compact encodings in Redis) and big (hashtable/skiplist/several
// quicklist nodes), integers and LZF-compressible strings, TTLs, two databases.
void populate(Conn &c)
{
    std::vector<std::vector<std::string>> cmds;
    cmds.push_back({"SET", "str", "hello world"});
    cmds.push_back({"SET", "int8", "12"});
    cmds.push_back({"SET", "int32", "-2000000000"});
    cmds.push_back({"SET", "notcanonical", "007"});
    cmds.push_back({"SET", "bigint", "99999999999999"});
    cmds.push_back({"SET", "lzf", std::string(500, 'a') + "tail" + std::string(300, 'b')});
    cmds.push_back({"SET", "binary", std::string("a\0b\r\n\xff", 6)});
    cmds.push_back({"SET", "withttl", "v", "PX", "3600000"});
    cmds.push_back({"HSET", "hsmall", "f1", "v1", "f2", "2"});
    cmds.push_back({"SADD", "intset", "1", "-5", "70000", "3000000000"});
    cmds.push_back({"SADD", "ssmall", "a", "b", "c"});
    cmds.push_back({"ZADD", "zsmall", "1.5", "a", "-2", "b", "inf", "c", "-inf", "d"});
    cmds.push_back({"EXPIRE", "hsmall", "5000"});
    for (int i = 0; i < 700; ++i) {
        const std::string n = std::to_string(i);
        cmds.push_back({"HSET", "hbig", "field" + n, "value" + n});
        cmds.push_back({"SADD", "sbig", "member" + n});
        cmds.push_back({"SADD", "ibig", n});
        cmds.push_back({"ZADD", "zbig", n + ".25", "m" + n});
    }
    cmds.push_back({"RPUSH", "lsmall", "a", "1", "-200", "70000", "x"});
    for (int i = 0; i < 3000; ++i)
        cmds.push_back({"RPUSH", "lbig", "item-" + std::to_string(i) + std::string(i % 50, 'x')});
    cmds.push_back({"RPUSH", "lhuge", std::string(20000, 'q'), "small"});
    cmds.push_back({"SELECT", "5"});
    cmds.push_back({"SET", "db5", "five"});
    cmds.push_back({"ZADD", "z5", "3", "x"});
    cmds.push_back({"SELECT", "0"});
    QCOMPARE(c.pipeline(cmds), cmds.size());
}

// The RDB_TYPE_SET_INTSET blob saved for key, "" when the key was saved otherwise. Needs an
// uncompressed file and a short key and blob (one-byte lengths).
std::string intsetBlobOf(const std::string &file, const std::string &key)
{
    const std::string marker = std::string(1, '\x0b') + static_cast<char>(key.size()) + key;
    const size_t at = file.find(marker);
    if (at == std::string::npos || at + marker.size() >= file.size()) return {};
    const auto length = static_cast<unsigned char>(file[at + marker.size()]);
    if (length >= 64) return "<length too long for this helper>";
    return file.substr(at + marker.size() + 1, length);
}

// Hashes in each encoding: packed ones with integers, an empty value, binary bytes and an
// order that a hash table would not keep; tables by length and by count; one at exactly
// 512 fields. Returns the key names.
std::vector<std::string> populateHashes(Conn &c)
{
    std::vector<std::vector<std::string>> cmds;
    cmds.push_back({"HSET", "hp:order", "z", "1", "y", "-70000", "x", "", "w", "12345678901"});
    cmds.push_back({"HSET", "hp:binary", std::string("f\0\xff", 3), std::string("\r\n\0", 3)});
    cmds.push_back({"HSET", "hp:at64", std::string(64, 'f'), std::string(64, 'v')});
    cmds.push_back({"HSET", "ht:longvalue", "a", "1", "b", std::string(65, 'v')});
    cmds.push_back({"HSET", "ht:longfield", std::string(100, 'f'), "1"});
    std::vector<std::string> exact{"HSET", "hp:512"}, many{"HSET", "ht:513"};
    for (int i = 0; i < 513; ++i) {
        const std::string n = std::to_string(i);
        if (i < 512) exact.insert(exact.end(), {"field" + n, n});
        many.insert(many.end(), {"field" + n, "value" + n});
    }
    cmds.push_back(exact);
    cmds.push_back(many);
    cmds.push_back({"EXPIRE", "hp:order", "5000"});
    QTest::qVerify(c.pipeline(cmds) == cmds.size(), "pipeline", "", __FILE__, __LINE__);
    return {"hp:order", "hp:binary", "hp:at64", "ht:longvalue", "ht:longfield", "hp:512", "ht:513"};
}

// OBJECT ENCODING and HGETALL (in reply order: a packed hash's order must survive) of keys.
std::string hashState(Conn &c, const std::vector<std::string> &keys)
{
    std::string state;
    for (const std::string &key : keys) {
        const std::string encoding = c.cmd({"OBJECT", "ENCODING", key});
        state += key + " " + encoding + " ";
        if (encoding == "\"listpack\"") {
            state += c.cmd({"HGETALL", key});
        } else { // a table's order is its own: compare contents
            redisReply *r = c.raw({"HGETALL", key});
            std::vector<std::string> items = arrayStrings(r);
            if (r) freeReplyObject(r);
            std::vector<std::string> pairs;
            for (size_t i = 0; i + 1 < items.size(); i += 2)
                pairs.push_back(items[i] + "=" + items[i + 1]);
            std::sort(pairs.begin(), pairs.end());
            for (const auto &pair : pairs)
                state += pair + ",";
        }
        state += "\n";
    }
    return state;
}

// A minimal RDB image holding one key of the given type and payload (no checksum).
std::string rdbWithOneValue(uint8_t type, const std::string &payload)
{
    using namespace redscope::engine;
    std::string image = "REDIS0010";
    image.push_back(static_cast<char>(rdb::kOpSelectDb));
    rdb::appendLength(image, 0);
    image.push_back(static_cast<char>(type));
    rdb::appendLength(image, 3);
    image += "key";
    image += payload;
    image.push_back(static_cast<char>(rdb::kOpEof));
    image.append(8, '\0');
    return image;
}

// Sorted sets that exercise every listpack score form and each conversion rule.
void populateZsets(Conn &c)
{
    std::vector<std::vector<std::string>> cmds;
    cmds.push_back({"ZADD", "zp",  "0",     "a",     "1",           "b",     "127",
                    "c",    "128", "d",     "-1",    "e",           "-4096", "f",
                    "4095", "g",   "70000", "h",     "-2147483648", "i",     "1099511627776",
                    "j",    "1.5", "k",     "-0.25", "l",           "inf",   "m",
                    "-inf", "n",   "1e300", "o"});
    cmds.push_back({"ZADD", "zp", "9007199254740992", "p", "-9007199254740994", "q"});
    cmds.push_back({"CONFIG", "SET", "zset-max-listpack-value", "1000"});
    cmds.push_back({"ZADD", "zlongmember", "1", std::string(100, 'L'), "2", "short"});
    cmds.push_back({"CONFIG", "SET", "zset-max-listpack-value", "64"});
    for (int i = 0; i < 200; ++i) {
        const std::string n = std::to_string(i);
        cmds.push_back({"ZADD", "zbig", n, "m" + n});
        cmds.push_back({"ZADD", "zshrunk", n, "m" + n});
    }
    cmds.push_back({"ZREMRANGEBYRANK", "zshrunk", "0", "196"});
    cmds.push_back({"ZADD", "zlong", "1", std::string(70, 'x')});
    QCOMPARE(c.pipeline(cmds), cmds.size());
}

const std::vector<std::string> kZsetKeys = {"zp", "zlongmember", "zbig", "zshrunk", "zlong"};

// Each key's encoding and contents, for comparing two servers.
std::string zsetState(Conn &c)
{
    std::string state;
    for (const std::string &key : kZsetKeys)
        state += key + " " + c.cmd({"OBJECT", "ENCODING", key}) + " " +
                 c.cmd({"ZRANGE", key, "0", "-1", "WITHSCORES"}) + "\n";
    return state;
}

// An RDB image holding one value of `type` under key "k" (checksum 0: not checked).
std::string imageWith(uint8_t type, const std::string &payload)
{
    std::string image = "REDIS0010";
    image.push_back(static_cast<char>(0xFE)); // SELECTDB 0
    image.push_back(0);
    image.push_back(static_cast<char>(type));
    image.push_back(1);
    image.push_back('k');
    redscope::engine::rdb::appendLength(image, payload.size());
    image += payload;
    image.push_back(static_cast<char>(0xFF));
    image.append(8, '\0');
    return image;
}

std::string rdbString(const std::string &bytes)
{
    std::string out;
    redscope::engine::rdb::appendLength(out, bytes.size());
    return out + bytes;
}

} // namespace

class TestRdb : public QObject
{
    Q_OBJECT

private slots:
    void crc64MatchesRedis()
    {
        using redscope::engine::crc64;
        QCOMPARE(crc64(0, "123456789", 9), 0xe9c6d914c4b8d9caULL);
        // Incremental == one shot, across the 8-byte fast path boundary.
        const std::string text = "The quick brown fox jumps over the lazy dog, twice over.";
        QCOMPARE(crc64(crc64(0, text.data(), 13), text.data() + 13, text.size() - 13),
                 crc64(0, text.data(), text.size()));
    }

    void lzfRoundTrip()
    {
        std::mt19937 rng(7);
        for (int round = 0; round < 200; ++round) {
            std::string in;
            const size_t len = 21 + rng() % 20000;
            const int alphabet = 1 + static_cast<int>(rng() % 40);
            while (in.size() < len)
                in += static_cast<char>('a' + rng() % alphabet);
            std::string packed, unpacked;
            if (!redscope::engine::lzfCompress(in, in.size(), &packed))
                continue; // incompressible: stored raw
            QVERIFY(packed.size() < in.size());
            QVERIFY(redscope::engine::lzfDecompress(packed, in.size(), &unpacked));
            QCOMPARE(unpacked, in);
            // Corrupt input never crashes and is (almost always) detected.
            std::string bad = packed;
            bad[bad.size() / 2] ^= 0x5a;
            redscope::engine::lzfDecompress(bad, in.size(), &unpacked);
            QVERIFY(!redscope::engine::lzfDecompress(packed, in.size() + 1, &unpacked));
        }
    }

    void roundTripThroughRestart()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        std::string before;
        {
            auto server = TestServer::startRedscope({"--dir", d, "--save", "3600", "1"});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            populate(c);
            before = dumpDataset(c);
            QCOMPARE(server->stop(), 0); // SIGTERM: save points configured -> final save
        }
        QVERIFY(std::filesystem::exists(d + "/dump.rdb"));
        auto server = TestServer::startRedscope({"--dir", d});
        QVERIFY2(server->ok(), server->error().c_str());
        Conn c(server->port());
        QCOMPARE(dumpDataset(c), before);
        const long long pttl = std::stoll(c.cmd({"PTTL", "withttl"}));
        QVERIFY(pttl > 3500000 && pttl <= 3600000);
        QCOMPARE(c.info("rdb_changes_since_last_save"), std::string("0"));
    }

    // Redis writes listpack/intset/quicklist encodings; we load them, save them our way,
    // and Redis loads our file back: three datasets compared key by key.
    void redisFileLoadsInRedscopeAndBack()
    {
        auto redis = TestServer::startRedis();
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn rc(redis->port());
        populate(rc);
        QCOMPARE(rc.cmd({"OBJECT", "ENCODING", "hsmall"}), std::string("\"listpack\""));
        QCOMPARE(rc.cmd({"OBJECT", "ENCODING", "intset"}), std::string("\"intset\""));
        QCOMPARE(rc.cmd({"OBJECT", "ENCODING", "zsmall"}), std::string("\"listpack\""));
        QCOMPARE(rc.cmd({"OBJECT", "ENCODING", "zbig"}), std::string("\"skiplist\""));
        QCOMPARE(rc.cmd({"SAVE"}), std::string("+OK"));
        const std::string original = dumpDataset(rc);

        QTemporaryDir ours;
        const std::string od = ours.path().toStdString();
        std::filesystem::copy_file(redis->directory() + "/dump.rdb", od + "/dump.rdb");
        {
            auto server = TestServer::startRedscope({"--dir", od});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            QCOMPARE(dumpDataset(c), dumpDataset(rc));
            QCOMPARE(c.cmd({"TYPE", "lbig"}), std::string("+list"));
            QCOMPARE(c.cmd({"ZSCORE", "zsmall", "c"}), std::string("\"inf\""));
            const long long pttl = std::stoll(c.cmd({"PTTL", "withttl"}));
            QVERIFY(pttl > 3500000);
            QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
        }
        QTemporaryDir back;
        const std::string bd = back.path().toStdString();
        std::filesystem::copy_file(od + "/dump.rdb", bd + "/dump.rdb");
        auto redis2 = TestServer::startRedis({"--dir", bd});
        QVERIFY2(redis2->ok(), redis2->error().c_str());
        Conn rc2(redis2->port());
        QCOMPARE(dumpDataset(rc2), original);
        QCOMPARE(rc2.cmd({"LINDEX", "lbig", "2999"}), rc.cmd({"LINDEX", "lbig", "2999"}));
        QCOMPARE(rc2.cmd({"LINDEX", "lhuge", "1"}), std::string("\"small\""));
        QCOMPARE(rc2.cmd({"LLEN", "lbig"}), std::string("3000"));
    }

    void redscopeFileLoadsInRedis()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        std::string ours;
        {
            auto server = TestServer::startRedscope({"--dir", d});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            populate(c);
            ours = dumpDataset(c);
            QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
        }
        for (const bool compression : {true, false}) {
            QTemporaryDir rdir;
            const std::string rd = rdir.path().toStdString();
            if (compression) {
                std::filesystem::copy_file(d + "/dump.rdb", rd + "/dump.rdb");
            } else { // same data saved with rdbcompression no, rdbchecksum no
                auto server = TestServer::startRedscope(
                    {"--dir", d, "--rdbcompression", "no", "--rdbchecksum", "no"});
                QVERIFY2(server->ok(), server->error().c_str());
                Conn c(server->port());
                QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
                const std::string file = readFile(d + "/dump.rdb");
                QCOMPARE(file.substr(file.size() - 8), std::string(8, '\0'));
                std::filesystem::copy_file(d + "/dump.rdb", rd + "/dump.rdb");
            }
            auto redis = TestServer::startRedis({"--dir", rd});
            QVERIFY2(redis->ok(), redis->error().c_str());
            Conn rc(redis->port());
            QCOMPARE(dumpDataset(rc), ours);
            QCOMPARE(rc.cmd({"GET", "lzf"}).size(), size_t{806});
        }
    }

    // Small integer sets travel as RDB_TYPE_SET_INTSET blobs both ways: Redis's blobs load
    // as intsets here, ours are written back byte for byte (widths included) and load as
    // intsets in Redis; a hash table of few integers loads as an intset on both sides.
    void intsetsTravelAsIntsetBlobs()
    {
        auto redis = TestServer::startRedis({"--rdbcompression", "no"});
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn rc(redis->port());
        std::vector<std::vector<std::string>> cmds{
            {"SADD", "small", "3", "1", "2"},
            {"SADD", "wide", "1", "3000000000"},
            {"SREM", "wide", "3000000000"}, // the width stays 8 bytes
            {"SADD", "neg", "-70000", "5"},
            {"SADD", "conv", "1", "2", "x"},
            {"SREM", "conv", "x"},
            {"SADD", "strs", "a", "1"},
        };
        std::vector<std::string> big{"SADD", "big"};
        for (int i = 0; i < 600; ++i)
            big.push_back(std::to_string(i));
        cmds.push_back(big);
        QCOMPARE(rc.pipeline(cmds), cmds.size());
        QCOMPARE(rc.cmd({"OBJECT", "ENCODING", "conv"}), std::string("\"hashtable\""));
        QCOMPARE(rc.cmd({"SAVE"}), std::string("+OK"));
        const std::string redisFile = readFile(redis->directory() + "/dump.rdb");
        const std::vector<std::string> keys{"small", "wide", "neg", "conv", "strs", "big"};
        std::map<std::string, std::string> members;
        for (const std::string &key : keys)
            members[key] = rc.cmd({"SMEMBERS", key});

        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        writeFile(d + "/dump.rdb", redisFile);
        std::string oursFile;
        {
            auto server = TestServer::startRedscope({"--dir", d, "--rdbcompression", "no"});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            for (const char *key : {"small", "wide", "neg", "conv"})
                QCOMPARE(c.cmd({"OBJECT", "ENCODING", key}), std::string("\"intset\""));
            for (const char *key : {"strs", "big"})
                QCOMPARE(c.cmd({"OBJECT", "ENCODING", key}), std::string("\"hashtable\""));
            for (const char *key : {"small", "wide", "neg"}) // sorted: exact
                QCOMPARE(c.cmd({"SMEMBERS", key}), members[key]);
            members["conv"] = c.cmd({"SMEMBERS", "conv"}); // Redis's came in hash order
            QCOMPARE(c.cmd({"SCARD", "conv"}), std::string("2"));
            QCOMPARE(c.cmd({"SCARD", "big"}), std::string("600"));
            QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
            oursFile = readFile(d + "/dump.rdb");
        }
        for (const char *key : {"small", "wide", "neg"}) {
            QVERIFY2(!intsetBlobOf(redisFile, key).empty(), key);
            QCOMPARE(intsetBlobOf(oursFile, key), intsetBlobOf(redisFile, key));
        }
        QCOMPARE(intsetBlobOf(oursFile, "wide").substr(0, 4), std::string("\x08\0\0\0", 4));
        QVERIFY(intsetBlobOf(redisFile, "conv").empty()); // Redis saved its hash table as SET
        QVERIFY(!intsetBlobOf(oursFile, "conv").empty());
        QVERIFY(intsetBlobOf(oursFile, "strs").empty());
        QVERIFY(intsetBlobOf(oursFile, "big").empty());

        QTemporaryDir back;
        const std::string bd = back.path().toStdString();
        writeFile(bd + "/dump.rdb", oursFile);
        auto redis2 = TestServer::startRedis({"--dir", bd});
        QVERIFY2(redis2->ok(), redis2->error().c_str());
        Conn rc2(redis2->port());
        for (const char *key : {"small", "wide", "neg", "conv"}) {
            QCOMPARE(rc2.cmd({"OBJECT", "ENCODING", key}), std::string("\"intset\""));
            QCOMPARE(rc2.cmd({"SMEMBERS", key}), members[key]);
        }
        QCOMPARE(rc2.cmd({"OBJECT", "ENCODING", "big"}), std::string("\"hashtable\""));
        QCOMPARE(rc2.cmd({"SCARD", "big"}), std::string("600"));
        QCOMPARE(rc2.cmd({"SISMEMBER", "strs", "a"}), std::string("1"));
    }

    // Redis's file loads into ours with Redis's encodings; ours, saved, loads into Redis with
    // its packed sets as ZSET_LISTPACK. Also under a smaller zset-max-listpack-entries.
    void zsetEncodingsCrossBothWays()
    {
        auto redis = TestServer::startRedis();
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn rc(redis->port());
        populateZsets(rc);
        QCOMPARE(rc.cmd({"OBJECT", "ENCODING", "zlongmember"}), std::string("\"listpack\""));
        QCOMPARE(rc.cmd({"SAVE"}), std::string("+OK"));
        const std::string file = redis->directory() + "/dump.rdb";

        for (const std::vector<std::string> &limit :
             {std::vector<std::string>{},
              std::vector<std::string>{"--zset-max-listpack-entries", "5"},
              std::vector<std::string>{"--zset-max-ziplist-value", "10"}}) {
            const std::string label = limit.empty() ? "defaults" : limit[0];
            QTemporaryDir rdir, odir;
            const std::string rd = rdir.path().toStdString(), od = odir.path().toStdString();
            std::filesystem::copy_file(file, rd + "/dump.rdb");
            std::filesystem::copy_file(file, od + "/dump.rdb");
            std::vector<std::string> rargs{"--dir", rd}, oargs{"--dir", od};
            rargs.insert(rargs.end(), limit.begin(), limit.end());
            oargs.insert(oargs.end(), limit.begin(), limit.end());
            auto redisB = TestServer::startRedis(rargs);
            QVERIFY2(redisB->ok(), redisB->error().c_str());
            Conn rb(redisB->port());
            std::string saved;
            {
                auto ours = TestServer::startRedscope(oargs);
                QVERIFY2(ours->ok(), ours->error().c_str());
                Conn c(ours->port());
                const std::string expected = zsetState(rb);
                QVERIFY2(zsetState(c) == expected,
                         (label + "\nours:\n" + zsetState(c) + "redis:\n" + expected).c_str());
                QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
                saved = readFile(od + "/dump.rdb");
                // Packed sets are written as ZSET_LISTPACK (type 17).
                const bool packed = c.cmd({"OBJECT", "ENCODING", "zp"}) == "\"listpack\"";
                QCOMPARE(saved.find(std::string("\x11\x02zp", 4)) != std::string::npos, packed);
                QCOMPARE(saved.find(std::string("\x05\x04zbig", 6)) != std::string::npos, true);
            }
            // Redis loads our file into the same sets and encodings.
            QTemporaryDir back;
            const std::string bd = back.path().toStdString();
            writeFile(bd + "/dump.rdb", saved);
            std::vector<std::string> cargs{"--dir", bd};
            cargs.insert(cargs.end(), limit.begin(), limit.end());
            auto redisC = TestServer::startRedis(cargs);
            QVERIFY2(redisC->ok(), redisC->error().c_str());
            Conn rcc(redisC->port());
            QVERIFY2(zsetState(rcc) == zsetState(rb), label.c_str());
        }
    }

    // Listpack zsets built by hand: unsorted pairs load sorted and packed, too many pairs load
    // as a skiplist, and every malformed one is an error naming the offset.
    void corruptListpackZsetsRefused()
    {
        using namespace redscope::engine;
        auto load = [](const std::string &image, std::string *error, ZsetLimits limits = {}) {
            auto dbs = std::make_shared<std::vector<std::unique_ptr<Database>>>();
            dbs->push_back(std::make_unique<Database>(0));
            RdbLoadOptions options;
            options.zsetLimits = limits;
            RdbLoadStats stats;
            const bool ok = loadRdb(image, *dbs, options, &stats, error);
            return std::make_pair(ok, dbs);
        };
        auto listpack = [](const std::vector<std::string> &items) {
            rdb::ListpackBuilder builder;
            for (const std::string &item : items) {
                int64_t n;
                if (item.size() < 19 &&
                    item.find_first_not_of("-0123456789") == std::string::npos && item != "-" &&
                    (n = std::stoll(item), std::to_string(n) == item))
                    builder.addInteger(n);
                else
                    builder.add(item);
            }
            return builder.finish();
        };
        std::string error;
        const std::string unsorted = listpack({"b", "2", "a", "1", "c", "1.5", "d", "-70000"});
        auto [ok, dbs] = load(imageWith(rdb::kTypeZSetListpack, unsorted), &error);
        QVERIFY2(ok, error.c_str());
        const SortedSet &z = (*dbs)[0]->peek("k")->zset();
        QVERIFY(z.isPacked());
        std::string order;
        z.forEach([&](std::string_view m, double s) {
            order += std::string(m) + "=" + std::to_string(static_cast<int>(s * 10)) + " ";
        });
        QCOMPARE(order, std::string("d=-700000 a=10 c=15 b=20 "));
        QCOMPARE(z.rank("b"), std::optional<size_t>(3));

        auto [ok2, dbs2] = load(imageWith(rdb::kTypeZSetListpack, unsorted), &error, {3, 64});
        QVERIFY2(ok2, error.c_str());
        QVERIFY(!(*dbs2)[0]->peek("k")->zset().isPacked());
        QCOMPARE((*dbs2)[0]->peek("k")->zset().size(), size_t(4));

        std::string truncated = listpack({"a", "1", "b", "2"});
        truncated.resize(truncated.size() - 3);
        std::string badCount = listpack({"a", "1"});
        badCount[4] = 7;
        const std::vector<std::pair<const char *, std::string>> cases = {
            {"odd", listpack({"a", "1", "b"})},
            {"not a number", listpack({"a", "abc"})},
            {"nan", listpack({"a", "nan"})},
            {"duplicate", listpack({"a", "1", "b", "2", "a", "3"})},
            {"truncated", truncated},
            {"count", badCount},
            {"empty blob", std::string()},
        };
        for (const auto &[name, blob] : cases) {
            error.clear();
            QVERIFY2(!load(imageWith(rdb::kTypeZSetListpack, blob), &error).first, name);
            QVERIFY2(error.find("offset") != std::string::npos, (name + (": " + error)).c_str());
        }
    }

    void corruptAndTruncatedFilesRefused()
    {
        // A real Redis file as the starting point.
        auto redis = TestServer::startRedis();
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn rc(redis->port());
        populate(rc);
        QCOMPARE(rc.cmd({"SAVE"}), std::string("+OK"));
        const std::string good = readFile(redis->directory() + "/dump.rdb");
        QVERIFY(good.size() > 1000);

        struct Case
        {
            const char *name;
            std::string data;
            const char *expect;
        };
        std::string flipped = good;
        flipped[good.size() / 2] ^= 0x40;
        std::string badMagic = good;
        badMagic[0] = 'X';
        std::vector<Case> cases{
            {"truncated-header", good.substr(0, 7), "unexpected end of file"},
            {"truncated-middle", good.substr(0, good.size() / 2), "unexpected end of file"},
            {"truncated-checksum", good.substr(0, good.size() - 3), "unexpected end of file"},
            {"flipped-byte", flipped, "Bad RDB file"},
            {"bad-magic", badMagic, "wrong signature"},
            {"empty", "", "unexpected end of file"},
        };
        for (const Case &c : cases) {
            QTemporaryDir dir;
            const std::string d = dir.path().toStdString();
            writeFile(d + "/dump.rdb", c.data);
            const RefusedStart r =
                runExpectingFailure(TestServer::redscopeServerPath(),
                                    {"--port", QString::number(TestServer::freePort()), "--dir",
                                     QString::fromStdString(d), "--save", ""});
            QVERIFY2(r.finished, c.name);
            QVERIFY2(r.exitCode == 1, c.name);
            QVERIFY2(r.standardError.find(c.expect) != std::string::npos,
                     (std::string(c.name) + ": " + r.standardError).c_str());
            QVERIFY2(r.standardError.find("offset") != std::string::npos, c.name);
            // The bad file is left alone for inspection.
            QCOMPARE(readFile(d + "/dump.rdb"), c.data);
        }
    }

    // In-process fuzzing of the loader (run under ASan in `make test`): thousands of byte
    // flips and truncations of a real Redis file must end in a clean error or a clean load.
    void loaderSurvivesMutations()
    {
        auto redis = TestServer::startRedis();
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn rc(redis->port());
        populate(rc);
        QCOMPARE(rc.cmd({"SAVE"}), std::string("+OK"));
        const std::string good = readFile(redis->directory() + "/dump.rdb");
        using namespace redscope::engine;
        auto load = [](const std::string &data, std::string *error) {
            std::vector<std::unique_ptr<Database>> dbs;
            for (int i = 0; i < 16; ++i)
                dbs.push_back(std::make_unique<Database>(i));
            RdbLoadStats stats;
            return loadRdb(data, dbs, RdbLoadOptions{}, &stats, error);
        };
        std::string error;
        QVERIFY2(load(good, &error), error.c_str());
        std::mt19937 rng(12345);
        int rejected = 0;
        for (int round = 0; round < 1000; ++round) {
            std::string bad = good;
            std::memset(bad.data() + bad.size() - 8, 0, 8); // no checksum: parse must cope
            const int flips = 1 + static_cast<int>(rng() % 4);
            for (int f = 0; f < flips; ++f)
                bad[rng() % (bad.size() - 8)] = static_cast<char>(rng());
            if (round % 3 == 0) bad.resize(rng() % bad.size());
            error.clear();
            if (!load(bad, &error)) {
                ++rejected;
                QVERIFY(error.find("offset") != std::string::npos);
            }
        }
        QVERIFY(rejected > 300);
    }

    // Packed hashes are written as HASH_LISTPACK: Redis loads them as listpacks with the
    // same order, and so do we after a restart; tables stay tables.
    void hashEncodingsSurviveOurRdb()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        std::string ours;
        std::vector<std::string> keys;
        {
            auto server = TestServer::startRedscope({"--dir", d});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            keys = populateHashes(c);
            ours = hashState(c, keys);
            QVERIFY(ours.find("hp:512 \"listpack\"") != std::string::npos);
            QVERIFY(ours.find("ht:513 \"hashtable\"") != std::string::npos);
            QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
        }
        const std::string file = readFile(d + "/dump.rdb");
        const std::string packedKey = rdbString("hp:order");
        QVERIFY(file.find(char(redscope::engine::rdb::kTypeHashListpack) + packedKey) !=
                std::string::npos);
        {
            auto again = TestServer::startRedscope({"--dir", d});
            QVERIFY2(again->ok(), again->error().c_str());
            Conn c(again->port());
            QCOMPARE(hashState(c, keys), ours);
        }
        QTemporaryDir rdir;
        std::filesystem::copy_file(d + "/dump.rdb", rdir.path().toStdString() + "/dump.rdb");
        auto redis = TestServer::startRedis({"--dir", rdir.path().toStdString()});
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn rc(redis->port());
        QCOMPARE(hashState(rc, keys), ours);
        QVERIFY(std::stoll(rc.cmd({"TTL", "hp:order"})) > 4000);
    }

    // Redis's listpack hashes load packed here, in Redis's order; with smaller limits both
    // servers load the same file into the same encodings.
    void redisHashesLoadWithRedisEncodings()
    {
        auto redis = TestServer::startRedis();
        QVERIFY2(redis->ok(), redis->error().c_str());
        Conn rc(redis->port());
        const std::vector<std::string> keys = populateHashes(rc);
        QCOMPARE(rc.cmd({"SAVE"}), std::string("+OK"));
        const std::string theirs = hashState(rc, keys);
        for (const std::vector<std::string> &limits : {std::vector<std::string>{},
                                                       {"--hash-max-listpack-entries", "3"},
                                                       {"--hash-max-ziplist-value", "5"},
                                                       {"--hash-max-listpack-entries", "0"}}) {
            QTemporaryDir ours, again;
            for (const QTemporaryDir *copy : {&ours, &again})
                std::filesystem::copy_file(redis->directory() + "/dump.rdb",
                                           copy->path().toStdString() + "/dump.rdb");
            std::vector<std::string> oursArgs{"--dir", ours.path().toStdString()};
            std::vector<std::string> redisArgs{"--dir", again.path().toStdString()};
            oursArgs.insert(oursArgs.end(), limits.begin(), limits.end());
            redisArgs.insert(redisArgs.end(), limits.begin(), limits.end());
            auto server = TestServer::startRedscope(oursArgs);
            QVERIFY2(server->ok(), server->error().c_str());
            auto redis2 = TestServer::startRedis(redisArgs);
            QVERIFY2(redis2->ok(), redis2->error().c_str());
            Conn c(server->port()), rc2(redis2->port());
            const std::string expected = hashState(rc2, keys);
            const std::string got = hashState(c, keys);
            QVERIFY2(got == expected,
                     ((limits.empty() ? std::string() : limits[0] + " " + limits[1]) + "\nours:\n" +
                      got.substr(0, 1500) + "\nredis:\n" + expected.substr(0, 1500))
                         .c_str());
            if (limits.empty()) QCOMPARE(expected, theirs);
        }
    }

    // A HASH_LISTPACK blob that lies about itself is refused with an error, never a crash
    // or a half-built hash.
    void corruptHashListpackRefused()
    {
        using namespace redscope::engine;
        auto load = [](const std::string &image, std::string *error) {
            std::vector<std::unique_ptr<Database>> dbs;
            dbs.push_back(std::make_unique<Database>(0));
            RdbLoadStats stats;
            const bool ok = loadRdb(image, dbs, RdbLoadOptions{}, &stats, error);
            return ok ? dbs[0]->size() : size_t{999};
        };
        auto listpack = [](const std::vector<std::string> &items) {
            rdb::ListpackBuilder builder;
            for (const auto &item : items)
                builder.add(item);
            return builder.finish();
        };
        std::string error;
        const std::string good = listpack({"a", "1", "b", "2"});
        QCOMPARE(load(rdbWithOneValue(rdb::kTypeHashListpack, rdbString(good)), &error), size_t{1});
        std::string badTotal = good, badCount = good, noEnd = good;
        badTotal[0] = static_cast<char>(badTotal[0] + 1);
        badCount[4] = 3;
        noEnd.back() = 'x';
        struct Case
        {
            const char *name;
            std::string blob;
            const char *expect;
        };
        const std::vector<Case> cases{
            {"total bytes", badTotal, "total size"},
            {"count", badCount, "count mismatch"},
            {"terminator", noEnd, "listpack"},
            {"odd", listpack({"a", "1", "b"}), "odd number"},
            {"duplicate", listpack({"a", "1", "a", "2"}), "duplicate hash field"},
            {"short", good.substr(0, 5), "shorter than its header"},
        };
        for (const Case &c : cases) {
            error.clear();
            QCOMPARE(load(rdbWithOneValue(rdb::kTypeHashListpack, rdbString(c.blob)), &error),
                     size_t{999});
            QVERIFY2(error.find(c.expect) != std::string::npos, (c.name + (": " + error)).c_str());
            QVERIFY2(error.find("offset") != std::string::npos, c.name);
        }
        // A plain HASH with a repeated field is refused as well, packed or not.
        error.clear();
        QCOMPARE(load(rdbWithOneValue(rdb::kTypeHash, "\x02" + rdbString("f") + rdbString("1") +
                                                          rdbString("f") + rdbString("2")),
                      &error),
                 size_t{999});
        QVERIFY2(error.find("duplicate hash field") != std::string::npos, error.c_str());
    }

    // Redis < 7 files hold small hashes as ziplists (RDB type 13): they load packed when
    // within hash-max-listpack-entries, into a table past it.
    void ziplistHashLoadsPacked()
    {
        using namespace redscope::engine;
        // A ziplist of short strings: header (bytes, tail offset, count), entries of
        // {previous entry length, 00pppppp length, bytes}, 0xFF.
        auto ziplist = [](const std::vector<std::string> &items) {
            std::string body;
            size_t previous = 0, tail = 10;
            for (const auto &item : items) {
                tail = 10 + body.size();
                std::string entry;
                entry.push_back(static_cast<char>(previous));
                entry.push_back(static_cast<char>(item.size()));
                entry += item;
                previous = entry.size();
                body += entry;
            }
            std::string out;
            rdb::appendLittleEndian(out, 10 + body.size() + 1, 4);
            rdb::appendLittleEndian(out, tail, 4);
            rdb::appendLittleEndian(out, items.size(), 2);
            return out + body + "\xff";
        };
        auto load = [](const std::string &image, size_t maxEntries, std::string *error) {
            std::vector<std::unique_ptr<Database>> dbs;
            dbs.push_back(std::make_unique<Database>(0));
            RdbLoadStats stats;
            RdbLoadOptions options;
            options.hashLimits.maxEntries = maxEntries;
            if (!loadRdb(image, dbs, options, &stats, error)) return std::string("failed");
            const Value *value = dbs[0]->peek("key");
            if (!value || value->type() != ValueType::Hash) return std::string("no hash");
            std::string text = value->encodingName();
            value->hash().forEach([&](std::string_view f, std::string_view v) {
                text += " " + std::string(f) + "=" + std::string(v);
            });
            return text;
        };
        const std::string image = rdbWithOneValue(
            rdb::kTypeHashZiplist, rdbString(ziplist({"z", "1", "a", "", "m", "long-ish value"})));
        std::string error;
        QCOMPARE(load(image, 512, &error), std::string("listpack z=1 a= m=long-ish value"));
        QCOMPARE(load(image, 3, &error), std::string("listpack z=1 a= m=long-ish value"));
        QVERIFY(load(image, 2, &error).starts_with("hashtable "));
        const std::string odd =
            rdbWithOneValue(rdb::kTypeHashZiplist, rdbString(ziplist({"z", "1", "a"})));
        QCOMPARE(load(odd, 512, &error), std::string("failed"));
        QVERIFY2(error.find("odd number") != std::string::npos, error.c_str());
    }

    void bgsaveKeepsServingWrites()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        auto server = TestServer::startRedscope({"--dir", d});
        QVERIFY2(server->ok(), server->error().c_str());
        Conn c(server->port());
        std::vector<std::vector<std::string>> fill;
        for (int i = 0; i < 100000; ++i)
            fill.push_back({"SET", "key:" + std::to_string(i), std::string(40, 'v')});
        QCOMPARE(c.pipeline(fill), fill.size());
        const std::string lastSave = c.cmd({"LASTSAVE"});

        QCOMPARE(c.cmd({"BGSAVE"}), std::string("+Background saving started"));
        const std::string second = c.cmd({"BGSAVE"});
        const bool stillRunning = c.info("rdb_bgsave_in_progress") == "1";
        if (stillRunning) QCOMPARE(second, std::string("-ERR Background save already in progress"));
        // 20k writes while the child writes the snapshot, each batch answered promptly.
        int64_t worstBatchMs = 0;
        for (int batch = 0; batch < 20; ++batch) {
            std::vector<std::vector<std::string>> writes;
            for (int i = 0; i < 1000; ++i)
                writes.push_back({"SET", "new:" + std::to_string(batch * 1000 + i), "x"});
            const auto t0 = std::chrono::steady_clock::now();
            QCOMPARE(c.pipeline(writes), writes.size());
            worstBatchMs = std::max<int64_t>(worstBatchMs,
                                             std::chrono::duration_cast<std::chrono::milliseconds>(
                                                 std::chrono::steady_clock::now() - t0)
                                                 .count());
        }
        QVERIFY2(worstBatchMs < 2000, std::to_string(worstBatchMs).c_str());
        QVERIFY(waitFor([&] { return c.info("rdb_bgsave_in_progress") == "0"; }, 30000));
        QCOMPARE(c.info("rdb_last_bgsave_status"), std::string("ok"));
        // Only the writes made after the fork remain unsaved.
        const long long dirty = std::stoll(c.info("rdb_changes_since_last_save"));
        QVERIFY2(dirty <= 20000, std::to_string(dirty).c_str());
        QVERIFY(c.cmd({"LASTSAVE"}) >= lastSave);
        QCOMPARE(c.cmd({"BGSAVE", "NOW"}), std::string("-ERR syntax error"));

        server->kill(SIGKILL);
        server->stop();
        auto again = TestServer::startRedscope({"--dir", d});
        QVERIFY2(again->ok(), again->error().c_str());
        Conn c2(again->port());
        const long long keys = std::stoll(c2.cmd({"DBSIZE"}));
        QVERIFY2(keys >= 100000 && keys <= 120000, std::to_string(keys).c_str());
        QCOMPARE(c2.cmd({"GET", "key:99999"}), "\"" + std::string(40, 'v') + "\"");
    }

    void killAfterSaveKeepsLastSnapshot()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        std::string snapshot;
        {
            auto server = TestServer::startRedscope({"--dir", d});
            QVERIFY2(server->ok(), server->error().c_str());
            Conn c(server->port());
            populate(c);
            QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
            snapshot = dumpDataset(c);
            QCOMPARE(c.cmd({"SET", "after", "save"}), std::string("+OK"));
            QCOMPARE(c.cmd({"DEL", "str"}), std::string("1"));
            server->kill(SIGKILL);
        }
        for (const auto &entry : std::filesystem::directory_iterator(d))
            QVERIFY2(entry.path().filename().string().rfind("temp-", 0) != 0, entry.path().c_str());
        auto server = TestServer::startRedscope({"--dir", d});
        QVERIFY2(server->ok(), server->error().c_str());
        Conn c(server->port());
        QCOMPARE(dumpDataset(c), snapshot);
        QCOMPARE(c.cmd({"GET", "after"}), std::string("(nil)"));
    }
};

QTEST_GUILESS_MAIN(TestRdb)
#include "tst_rdb.moc"
