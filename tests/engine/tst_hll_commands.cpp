// The HyperLogLog family (PFADD, PFCOUNT, PFMERGE, PFDEBUG, PFSELFTEST) against Debian's
// redis-server side by side, replies compared word for word. Because a sketch is a string in
// Redis's own format, the suite also compares the strings themselves: after the same PFADDs
// both servers hold byte-identical values (sparse and dense, across the sparse->dense
// promotion and merges), a sketch built on one server is counted the same by the other after
// GET/SET both ways, RDB files carry sketches both ways, and corrupt or foreign strings are
// refused with Redis's WRONGTYPE and INVALIDOBJ errors.
#include "persistence_test_support.h"
#include "side_by_side.h"

#include <QTemporaryDir>
#include <QtTest>

#include <filesystem>
#include <random>

using redscope::test::RedisTestClient;
using redscope::test::Script;
using redscope::test::ServerPair;
using redscope::test::TestServer;

namespace {

// The bulk payload of a GET reply's text ("$bytes"), or "" when it is not a bulk.
std::string bulkOf(const std::string &reply)
{
    return reply.starts_with("$") ? reply.substr(1) : std::string();
}

std::string header(char encoding, const std::string &cache)
{
    return std::string("HYLL") + encoding + std::string(3, '\0') + cache;
}

} // namespace

class TestHllCommands : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair;

    void same(const Script &script) { REDSCOPE_VERIFY_SAME(m_pair.compare(script)); }

    // PFADDs of `count` random elements in batches, the same on both servers; then the
    // strings must be identical.
    void addRandom(const std::string &key, int count, uint32_t seed, int batch = 7)
    {
        std::mt19937 rng(seed);
        for (int done = 0; done < count; done += batch) {
            std::vector<std::string> command{"PFADD", key};
            for (int i = 0; i < batch; ++i)
                command.push_back("el:" + std::to_string(rng() % 1000000));
            same({command});
        }
        same({{"GET", key}});
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error), error.c_str());
    }

    void init()
    {
        same({{"FLUSHALL"},
              {"CONFIG", "SET", "notify-keyspace-events", ""},
              {"CONFIG", "SET", "hll-sparse-max-bytes", "3000"}});
    }

    void pfaddAndPfcountSmall()
    {
        same({
            {"PFADD", "h", "a", "b", "c"},
            {"GET", "h"},
            {"PFADD", "h", "a"},
            {"PFADD", "h"},
            {"PFADD", "new"},
            {"GET", "new"},
            {"PFCOUNT", "new"},
            {"GET", "new"},
            {"PFCOUNT", "h"},
            {"GET", "h"},
            {"PFCOUNT", "h"},
            {"PFCOUNT", "nokey"},
            {"PFCOUNT", "h", "nokey", "new"},
            {"OBJECT", "ENCODING", "h"},
            {"PFADD", "h", ""},
            {"PFCOUNT", "h"},
            {"PFADD"},
            {"PFCOUNT"},
        });
    }

    // Sparse strings stay byte-identical through many small updates, splits and merges of
    // opcodes, and after the promotion to dense at hll-sparse-max-bytes.
    void stringsAreByteIdentical()
    {
        addRandom("a", 50, 1, 1);
        addRandom("b", 700, 2);
        addRandom("c", 3000, 3, 50);
        same({{"PFDEBUG", "ENCODING", "a"},
              {"PFDEBUG", "ENCODING", "b"},
              {"PFDEBUG", "ENCODING", "c"},
              {"PFCOUNT", "a"},
              {"PFCOUNT", "b"},
              {"PFCOUNT", "c"},
              {"PFCOUNT", "a", "b", "c"},
              {"GET", "c"}});
        same({{"CONFIG", "SET", "hll-sparse-max-bytes", "120"}});
        addRandom("d", 200, 4, 3);
        same({{"PFDEBUG", "ENCODING", "d"}, {"PFCOUNT", "d"}});
    }

    void largeCardinalities()
    {
        for (int round = 0; round < 20; ++round) {
            std::vector<std::string> command{"PFADD", "big"};
            for (int i = 0; i < 2000; ++i)
                command.push_back(std::to_string(round * 2000 + i));
            same({command});
        }
        same({{"PFCOUNT", "big"}, {"GET", "big"}, {"PFDEBUG", "GETREG", "big"}});
    }

    void pfmergeSparseAndDense()
    {
        addRandom("s1", 30, 5);
        addRandom("s2", 40, 6);
        addRandom("d1", 4000, 7, 100);
        same({
            {"PFMERGE", "m1", "s1", "s2"},
            {"GET", "m1"},
            {"PFDEBUG", "ENCODING", "m1"},
            {"PFMERGE", "m2", "s1", "d1"},
            {"GET", "m2"},
            {"PFDEBUG", "ENCODING", "m2"},
            {"PFMERGE", "s1", "s2"},
            {"GET", "s1"},
            {"PFMERGE", "empty"},
            {"GET", "empty"},
            {"PFMERGE", "empty2", "nokey"},
            {"GET", "empty2"},
            {"PFCOUNT", "m1", "m2"},
            {"PFMERGE"},
        });
    }

    void pfdebugSubcommands()
    {
        same({
            {"PFADD", "h", "a", "b"},
            {"PFDEBUG", "DECODE", "h"},
            {"PFDEBUG", "ENCODING", "h"},
            {"PFDEBUG", "encoding", "h"},
            {"PFDEBUG", "GETREG", "nokey"},
            {"PFDEBUG", "BOGUS", "h"},
            {"PFDEBUG", "GETREG", "h", "x"},
            {"PFDEBUG", "GETREG"},
            {"PFADD", "h2", "x"},
            {"PFDEBUG", "TODENSE", "h2"},
            {"PFDEBUG", "TODENSE", "h2"},
            {"PFDEBUG", "DECODE", "h2"},
            {"GET", "h2"},
            {"PFDEBUG", "GETREG", "h"},
            {"PFDEBUG", "ENCODING", "h"},
            {"SET", "plain", "foo"},
            {"PFDEBUG", "ENCODING", "plain"},
            {"PFSELFTEST"},
            {"PFSELFTEST", "x"},
        });
    }

    // A string that is not a sketch by its header is WRONGTYPE; one whose registers do not
    // add up is INVALIDOBJ where the registers are walked.
    void foreignAndCorruptStrings()
    {
        const std::string shortZero = header('\x01', std::string(7, '\0') + "\x80") + "\x7f\xfe";
        const std::string overlong =
            header('\x01', std::string(7, '\0') + "\x80") + std::string("\x7f\xff\x00", 3);
        const std::string badEncoding = header('\x02', std::string(8, '\0')) + "\x7f\xff";
        const std::string shortDense = header('\x00', std::string(8, '\0')) + "\x7f\xff";
        const std::string staleCache =
            header('\x01', std::string("\x07") + std::string(7, '\0')) + "\x7f\xff";
        same({
            {"SET", "short", shortZero},
            {"PFCOUNT", "short"},
            {"PFCOUNT", "short", "nokey"},
            {"PFMERGE", "x", "short"},
            {"EXISTS", "x"},
            {"PFDEBUG", "TODENSE", "short"},
            {"PFDEBUG", "GETREG", "short"},
            {"PFDEBUG", "DECODE", "short"},
            {"PFADD", "short", "a"},
            {"GET", "short"},
            {"SET", "long", overlong},
            {"PFCOUNT", "long"},
            {"PFADD", "long", "zz"},
            {"PFMERGE", "y", "long"},
            {"SET", "enc", badEncoding},
            {"PFCOUNT", "enc"},
            {"PFADD", "enc", "a"},
            {"SET", "dense", shortDense},
            {"PFCOUNT", "dense"},
            {"SET", "cached", staleCache},
            {"PFCOUNT", "cached"},
            {"PFCOUNT", "cached", "nokey"},
            {"SET", "str", "HYL"},
            {"PFCOUNT", "str"},
            {"SET", "int", "12345"},
            {"PFADD", "int", "a"},
            {"RPUSH", "list", "a"},
            {"PFADD", "list", "a"},
            {"PFCOUNT", "list"},
            {"PFCOUNT", "list", "str"},
            {"PFMERGE", "list", "str"},
            {"PFMERGE", "dst", "list"},
        });
    }

    // What PFCOUNT's cache and PFADD's edit do to the string: raw encoding, WATCH, events.
    void encodingWatchAndEvents()
    {
        same({{"PFADD", "h", "a"}});
        const std::string sketch = bulkOf(m_pair.redisClient().run({"GET", "h"}));
        QVERIFY(!sketch.empty());
        same({
            {"SET", "copy", sketch},
            {"OBJECT", "ENCODING", "copy"},
            {"PFCOUNT", "copy"},
            {"OBJECT", "ENCODING", "copy"},
            {"SET", "copy2", sketch},
            {"PFDEBUG", "ENCODING", "copy2"},
            {"OBJECT", "ENCODING", "copy2"},
            {"SET", "copy3", sketch},
            {"PFADD", "copy3"},
            {"OBJECT", "ENCODING", "copy3"},
        });
        std::string mismatch = m_pair.compareBoth([](TestServer &server) {
            RedisTestClient watcher("127.0.0.1", server.port()), other("127.0.0.1", server.port());
            std::vector<std::string> transcript;
            watcher.run({"FLUSHALL"});
            watcher.run({"PFADD", "w", "a", "b"});
            // PFCOUNT storing the cache is a write: a WATCHed transaction fails.
            transcript.push_back(watcher.run({"WATCH", "w"}));
            transcript.push_back(other.run({"PFCOUNT", "w"}));
            transcript.push_back(watcher.run({"MULTI"}));
            transcript.push_back(watcher.run({"GET", "w"}));
            transcript.push_back(watcher.run({"EXEC"}));
            // With a valid cache it is not.
            transcript.push_back(watcher.run({"WATCH", "w"}));
            transcript.push_back(other.run({"PFCOUNT", "w"}));
            transcript.push_back(watcher.run({"MULTI"}));
            transcript.push_back(watcher.run({"PFCOUNT", "w"}));
            transcript.push_back(watcher.run({"EXEC"}));
            // A PFADD that changes nothing is not a write either.
            transcript.push_back(watcher.run({"WATCH", "w"}));
            transcript.push_back(other.run({"PFADD", "w", "a"}));
            transcript.push_back(watcher.run({"MULTI"}));
            transcript.push_back(watcher.run({"PFCOUNT", "w"}));
            transcript.push_back(watcher.run({"EXEC"}));
            return transcript;
        });
        REDSCOPE_VERIFY_SAME(mismatch);

        mismatch = m_pair.compareBoth([](TestServer &server) {
            RedisTestClient subscriber("127.0.0.1", server.port()),
                client("127.0.0.1", server.port());
            std::vector<std::string> transcript;
            client.run({"CONFIG", "SET", "notify-keyspace-events", "KEA"});
            transcript.push_back(subscriber.run({"PSUBSCRIBE", "__keyevent@0__:*"}));
            client.run({"PFADD", "e", "a"});
            client.run({"PFADD", "e", "a"}); // no change, no event
            client.run({"PFMERGE", "m", "e"});
            client.run({"PFCOUNT", "e"});
            client.run({"DEL", "e"});
            for (int i = 0; i < 3; ++i) // pfadd e, pfadd m, del e
                transcript.push_back(subscriber.readReply());
            client.run({"CONFIG", "SET", "notify-keyspace-events", ""});
            return transcript;
        });
        REDSCOPE_VERIFY_SAME(mismatch);
    }

    // A sketch made on one server is counted the same by the other, both ways, sparse and
    // dense, and updates on the copied string keep both servers' strings identical.
    void sketchesMoveBetweenServersByGetAndSet()
    {
        RedisTestClient &ours = m_pair.oursClient(), &redis = m_pair.redisClient();
        for (int elements : {5, 300, 5000}) {
            std::vector<std::string> add{"PFADD", "src"};
            for (int i = 0; i < elements; ++i)
                add.push_back("m" + std::to_string(i * 7919));
            // redis-server -> engine
            redis.run({"DEL", "src"});
            redis.run(add);
            std::string fromRedis = bulkOf(redis.run({"GET", "src"}));
            QVERIFY(!fromRedis.empty());
            QCOMPARE(ours.run({"SET", "dst", fromRedis}), std::string("+OK"));
            QCOMPARE(ours.run({"PFCOUNT", "dst"}), redis.run({"PFCOUNT", "src"}));
            // engine -> redis-server
            ours.run({"DEL", "src"});
            ours.run(add);
            std::string fromOurs = bulkOf(ours.run({"GET", "src"}));
            QCOMPARE(fromOurs, fromRedis);
            QCOMPARE(redis.run({"SET", "dst", fromOurs}), std::string("+OK"));
            QCOMPARE(redis.run({"PFCOUNT", "dst"}), ours.run({"PFCOUNT", "src"}));
            // More elements on both copies: still identical.
            same({{"PFADD", "dst", "x1", "x2", "x3"}, {"GET", "dst"}, {"PFCOUNT", "dst"}});
        }
    }

    // RDB files: sketches written by redis-server load in the engine and the reverse.
    void sketchesMoveThroughRdb()
    {
        auto redis = TestServer::startRedis();
        QVERIFY2(redis->ok(), redis->error().c_str());
        redscope::test::Conn rc(redis->port());
        std::vector<std::string> add{"PFADD", "sparse"};
        for (int i = 0; i < 100; ++i)
            add.push_back("s" + std::to_string(i));
        rc.cmd(add);
        add[1] = "dense";
        for (int i = 0; i < 3000; ++i)
            add.push_back("d" + std::to_string(i));
        rc.cmd(add);
        QCOMPARE(rc.cmd({"PFDEBUG", "ENCODING", "dense"}), std::string("+dense"));
        // PFCOUNT stores the count in the header first, so the strings are read after it.
        const std::string counts = rc.cmd({"PFCOUNT", "sparse"}) + rc.cmd({"PFCOUNT", "dense"});
        const std::string sparseBytes = rc.cmd({"GET", "sparse"}),
                          denseBytes = rc.cmd({"GET", "dense"});
        QCOMPARE(rc.cmd({"SAVE"}), std::string("+OK"));

        QTemporaryDir oursDir;
        const std::string od = oursDir.path().toStdString();
        std::filesystem::copy_file(redis->directory() + "/dump.rdb", od + "/dump.rdb");
        {
            auto ours = TestServer::startRedscope({"--dir", od});
            QVERIFY2(ours->ok(), ours->error().c_str());
            redscope::test::Conn c(ours->port());
            QCOMPARE(c.cmd({"GET", "sparse"}), sparseBytes);
            QCOMPARE(c.cmd({"GET", "dense"}), denseBytes);
            QCOMPARE(c.cmd({"PFCOUNT", "sparse"}) + c.cmd({"PFCOUNT", "dense"}), counts);
            c.cmd({"PFADD", "sparse", "more"});
            QCOMPARE(c.cmd({"SAVE"}), std::string("+OK"));
        }
        rc.cmd({"PFADD", "sparse", "more"});
        QTemporaryDir backDir;
        const std::string bd = backDir.path().toStdString();
        std::filesystem::copy_file(od + "/dump.rdb", bd + "/dump.rdb");
        auto redis2 = TestServer::startRedis({"--dir", bd});
        QVERIFY2(redis2->ok(), redis2->error().c_str());
        redscope::test::Conn rc2(redis2->port());
        QCOMPARE(rc2.cmd({"GET", "sparse"}), rc.cmd({"GET", "sparse"}));
        QCOMPARE(rc2.cmd({"PFCOUNT", "sparse", "dense"}), rc.cmd({"PFCOUNT", "sparse", "dense"}));
    }

    void insideMulti()
    {
        same({
            {"PFADD", "h", "a", "b"},
            {"PFCOUNT", "h"},
            {"PFDEBUG", "ENCODING", "h"},
            {"MULTI"},
            {"PFADD", "h", "c"},
            {"PFCOUNT", "h"},
            {"PFMERGE", "m", "h"},
            {"EXEC"},
            {"GET", "m"},
        });
    }
};

QTEST_GUILESS_MAIN(TestHllCommands)
#include "tst_hll_commands.moc"
