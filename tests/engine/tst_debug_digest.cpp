// DEBUG DIGEST and DEBUG DIGEST-VALUE (storage/digest.h) beside Debian's redis-server 7.0.15:
// random datasets of every type and encoding (int-encoded and binary strings, multi-node
// lists, intsets and hashtable sets, listpack and hashtable hashes, listpack and skiplist
// sorted sets with awkward scores, streams with deleted entries and groups, TTLs, several
// databases) are built on both servers by the same commands, and both signatures must be
// the same hex. The seed is printed so a failure can be replayed.
#include "redis_test_client.h"
#include "side_by_side.h"
#include "test_server.h"

#include <QtTest>

#include <random>
#include <string>
#include <vector>

using redscope::test::Script;
using redscope::test::ServerPair;

namespace {

class DatasetBuilder
{
public:
    explicit DatasetBuilder(uint64_t seed)
        : m_random(seed)
    {
    }

    Script build(int keysPerDb)
    {
        Script script;
        for (const char *db : {"0", "3", "15"}) {
            script.push_back({"SELECT", db});
            for (int i = 0; i < keysPerDb; ++i)
                addKey(script, "k" + std::to_string(i));
        }
        script.push_back({"SELECT", "0"});
        return script;
    }

    std::vector<std::string> keyNames(int keysPerDb) const
    {
        std::vector<std::string> names;
        for (int i = 0; i < keysPerDb; ++i)
            names.push_back("k" + std::to_string(i));
        return names;
    }

private:
    int pick(int below) { return static_cast<int>(m_random() % static_cast<uint64_t>(below)); }

    std::string element()
    {
        switch (pick(6)) {
        case 0:
            return std::to_string(pick(1000)); // small int
        case 1:
            return std::to_string(static_cast<int64_t>(m_random())); // 64-bit int
        case 2:
            return "-" + std::to_string(pick(100000)); // negative
        case 3:
            return "007"; // not canonical
        case 4:
            return std::string(1 + pick(90), static_cast<char>('a' + pick(26)));
        default: {
            std::string binary(1 + pick(20), '\0');
            for (char &c : binary)
                c = static_cast<char>(pick(256));
            return binary;
        }
        }
    }

    std::string score()
    {
        static const char *const special[] = {"inf",
                                              "-inf",
                                              "0",
                                              "-0",
                                              "1.1",
                                              "1e300",
                                              "-2.5",
                                              "0.1",
                                              "1e-300",
                                              "3",
                                              "123456789012345678",
                                              "4.9406564584124654e-324"};
        if (pick(3) == 0) return special[pick(12)];
        char text[64];
        std::snprintf(text, sizeof text, "%.17g",
                      std::uniform_real_distribution<double>(-1e6, 1e6)(m_random));
        return text;
    }

    void addKey(Script &script, const std::string &key)
    {
        const int big = pick(4) == 0 ? 300 : 1 + pick(20); // big ones leave the compact form
        switch (pick(6)) {
        case 0:
            script.push_back({"SET", key, element()});
            if (pick(3) == 0) script.push_back({"APPEND", key, element()});
            if (pick(4) == 0) script.push_back({"SET", key, std::to_string(pick(20000) - 10000)});
            break;
        case 1:
            for (int i = 0; i < big; ++i)
                script.push_back({pick(2) ? "RPUSH" : "LPUSH", key, element()});
            if (pick(2)) script.push_back({"LPOP", key});
            break;
        case 2: {
            const bool ints = pick(2) == 0;
            for (int i = 0; i < big; ++i)
                script.push_back({"SADD", key, ints ? std::to_string(pick(100000)) : element()});
            break;
        }
        case 3:
            for (int i = 0; i < big; ++i)
                script.push_back({"HSET", key, element(), element()});
            break;
        case 4:
            for (int i = 0; i < big; ++i)
                script.push_back({"ZADD", key, score(), element()});
            if (pick(3) == 0) script.push_back({"ZINCRBY", key, "0.1", "extra"});
            break;
        default: {
            uint64_t ms = 1000 + pick(1000);
            for (int i = 0; i < big; ++i) {
                ms += pick(3);
                script.push_back({"XADD", key, std::to_string(ms) + "-" + std::to_string(i),
                                  element(), element(), "f2", element()});
            }
            if (pick(2))
                script.push_back({"XDEL", key, std::to_string(ms) + "-" + std::to_string(big - 1)});
            if (pick(2)) script.push_back({"XGROUP", "CREATE", key, "g", "0"});
            break;
        }
        }
        if (pick(4) == 0) script.push_back({"EXPIRE", key, std::to_string(1000 + pick(5000))});
    }

    std::mt19937_64 m_random;
};

} // namespace

class TestDebugDigest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error, true, {"--enable-debug-command", "yes"}), error.c_str());
    }

    void init() { m_pair.flushBoth(); }

    void emptyDatasetIsFortyZeros()
    {
        REDSCOPE_VERIFY_SAME(m_pair.compare({{"DEBUG", "DIGEST"},
                                             {"DEBUG", "DIGEST-VALUE", "missing", "other"},
                                             {"DEBUG", "DIGEST-VALUE"},
                                             {"DEBUG", "DIGEST", "extra"}}));
        QCOMPARE(m_pair.oursClient().run({"DEBUG", "DIGEST"}), "+" + std::string(40, '0'));
    }

    void randomDatasets_data()
    {
        QTest::addColumn<quint64>("seed");
        const quint64 base = static_cast<quint64>(std::random_device{}());
        for (quint64 i = 0; i < 6; ++i)
            QTest::addRow("seed %llu", static_cast<unsigned long long>(base + i)) << base + i;
    }

    void randomDatasets()
    {
        QFETCH(quint64, seed);
        const int keysPerDb = 40;
        DatasetBuilder builder(seed);
        const Script script = builder.build(keysPerDb);
        for (auto *client : {&m_pair.oursClient(), &m_pair.redisClient()})
            for (const auto &args : script)
                client->run(args);
        Script checks = {{"DEBUG", "DIGEST"}, {"DBSIZE"}};
        for (const char *db : {"0", "3", "15"}) {
            checks.push_back({"SELECT", db});
            std::vector<std::string> digestValue = {"DEBUG", "DIGEST-VALUE"};
            for (const std::string &key : builder.keyNames(keysPerDb)) {
                digestValue.push_back(key);
                checks.push_back({"OBJECT", "ENCODING", key});
            }
            digestValue.push_back("no-such-key");
            checks.push_back(digestValue);
        }
        checks.push_back({"SELECT", "0"});
        REDSCOPE_VERIFY_SAME(m_pair.compare(checks));
        QVERIFY(m_pair.oursClient().run({"DEBUG", "DIGEST"}) != "+" + std::string(40, '0'));
        // Removing one key changes the signature; putting it back restores it.
        const std::string before = m_pair.oursClient().run({"DEBUG", "DIGEST"});
        REDSCOPE_VERIFY_SAME(m_pair.compare({{"RENAME", "k0", "moved"}, {"DEBUG", "DIGEST"}}));
        QVERIFY(m_pair.oursClient().run({"DEBUG", "DIGEST"}) != before);
        REDSCOPE_VERIFY_SAME(m_pair.compare({{"RENAME", "moved", "k0"}, {"DEBUG", "DIGEST"}}));
        QCOMPARE(m_pair.oursClient().run({"DEBUG", "DIGEST"}), before);
    }

    // The same data reached another way (other encodings, other insertion order, a reload)
    // gives the same signatures on both servers.
    void encodingAndOrderDoNotCount()
    {
        const Script script = {
            {"CONFIG", "SET", "hash-max-listpack-entries", "1"},
            {"CONFIG", "SET", "zset-max-listpack-entries", "1"},
            {"CONFIG", "SET", "set-max-intset-entries", "1"},
            {"HSET", "h", "a", "1", "b", "2", "c", "three"},
            {"ZADD", "z", "1.5", "a", "2", "b", "-0", "c"},
            {"SADD", "s", "1", "2", "3"},
            {"OBJECT", "ENCODING", "h"},
            {"OBJECT", "ENCODING", "z"},
            {"OBJECT", "ENCODING", "s"},
            {"DEBUG", "DIGEST-VALUE", "h", "z", "s"},
            {"DEBUG", "DIGEST"},
            {"CONFIG", "SET", "hash-max-listpack-entries", "128"},
            {"CONFIG", "SET", "zset-max-listpack-entries", "128"},
            {"CONFIG", "SET", "set-max-intset-entries", "512"},
            {"HSET", "h2", "c", "three", "b", "2", "a", "1"},
            {"ZADD", "z2", "-0", "c", "2", "b", "1.5", "a"},
            {"SADD", "s2", "3", "2", "1"},
            {"DEBUG", "DIGEST-VALUE", "h2", "z2", "s2"},
            {"DEBUG", "RELOAD"},
            {"DEBUG", "DIGEST"},
            {"DEBUG", "DIGEST-VALUE", "h", "z", "s"},
        };
        REDSCOPE_VERIFY_SAME(m_pair.compare(script));
        const std::string first = m_pair.oursClient().run({"DEBUG", "DIGEST-VALUE", "h"});
        const std::string second = m_pair.oursClient().run({"DEBUG", "DIGEST-VALUE", "h2"});
        QCOMPARE(first, second);
    }

    // A TTL counts by its presence only; a key past its TTL that is still held (active
    // expiry off, no lookup yet) is still digested by both.
    void expiresCountByPresence()
    {
        const Script script = {
            {"DEBUG", "SET-ACTIVE-EXPIRE", "0"}, {"SET", "a", "1"},
            {"SET", "b", "1", "EX", "100"},      {"SET", "c", "1", "PX", "30"},
            {"DEBUG", "DIGEST-VALUE", "a", "b"}, {"DEBUG", "DIGEST"},
        };
        REDSCOPE_VERIFY_SAME(m_pair.compare(script));
        QTest::qWait(100);
        REDSCOPE_VERIFY_SAME(m_pair.compare({
            {"DEBUG", "DIGEST-VALUE", "c"},
            {"DEBUG", "DIGEST"},
            {"EXPIRE", "b", "5000"},
            {"DEBUG", "DIGEST"},
            {"PERSIST", "b"},
            {"DEBUG", "DIGEST-VALUE", "b", "a"},
            {"DEBUG", "SET-ACTIVE-EXPIRE", "1"},
        }));
    }

private:
    ServerPair m_pair;
};

QTEST_GUILESS_MAIN(TestDebugDigest)
#include "tst_debug_digest.moc"
