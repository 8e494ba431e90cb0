// Resource limits against real servers: maxmemory with every eviction policy (used memory
// stays under the limit under a write load, volatile-* evicts only keys with a TTL, LRU/LFU/
// TTL evict the right keys first, noeviction refuses writes with Redis's exact -OOM text while
// reads still work), OBJECT FREQ's real LFU counter, client-output-buffer-limit on a stalled
// subscriber, the idle timeout, maxclients, client-query-buffer-limit and proto-max-bulk-len.
// Where the behaviour is deterministic the same scenario runs on Debian's redis-server too
// and the two must agree.
#include "raw_connection.h"
#include "side_by_side.h"

#include <QtTest>

#include <chrono>
#include <thread>

using redscope::test::integerOf;
using redscope::test::RedisTestClient;
using redscope::test::Script;
using redscope::test::TestServer;

namespace {

// A connection that sends raw bytes and reads only when asked (a stalled reader).
class RawSocket
{
public:
    explicit RawSocket(int port, int receiveBuffer = 0)
        : m_fd(redscope::test::connectLoopback(port, receiveBuffer))
    {
    }
    ~RawSocket()
    {
        if (m_fd >= 0) close(m_fd);
    }
    bool ok() const { return m_fd >= 0; }
    void sendBytes(const std::string &bytes)
    {
        size_t sent = 0;
        while (sent < bytes.size()) {
            ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) return; // the server closed the connection
            sent += static_cast<size_t>(n);
        }
    }
    void sendCommand(const std::vector<std::string> &args)
    {
        std::string request = "*" + std::to_string(args.size()) + "\r\n";
        for (const std::string &a : args)
            request += "$" + std::to_string(a.size()) + "\r\n" + a + "\r\n";
        sendBytes(request);
    }
    // Reads what arrives until quietMs pass without data or the peer closes.
    std::string drain(int quietMs = 300)
    {
        std::string data;
        pollfd p{m_fd, POLLIN, 0};
        while (poll(&p, 1, quietMs) > 0) {
            char buffer[65536];
            ssize_t n = read(m_fd, buffer, sizeof buffer);
            if (n <= 0) {
                m_closed = true;
                break;
            }
            data.append(buffer, static_cast<size_t>(n));
        }
        return data;
    }
    // Waits (up to timeoutMs) until one whole RESP value has arrived or the peer closes, and
    // returns what arrived: a loaded machine may answer later than any quiet window, but a
    // reply is never cut short and a missing one still fails the comparison.
    std::string readReply(int timeoutMs = 10000)
    {
        std::string data;
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        while (!m_closed && redscope::test::RawConnection::completeReplyLength(data, 0) == 0 &&
               std::chrono::steady_clock::now() < deadline)
            data += drain(50);
        return data;
    }
    // Everything the server sends until it closes the connection (up to timeoutMs).
    std::string untilClosed(int timeoutMs = 10000)
    {
        std::string data;
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::milliseconds(timeoutMs);
        while (!m_closed && std::chrono::steady_clock::now() < deadline)
            data += drain(100);
        return data;
    }
    // Drains everything; true if the server closed the connection within timeoutMs.
    bool closedByServer(int timeoutMs = 10000)
    {
        untilClosed(timeoutMs);
        return m_closed;
    }

private:
    int m_fd = -1;
    bool m_closed = false;
};

std::string infoField(RedisTestClient &client, const std::string &section, const std::string &name)
{
    std::string info = client.run({"INFO", section});
    size_t at = info.find("\n" + name + ":");
    if (at == std::string::npos) return {};
    size_t begin = info.find(':', at) + 1;
    return info.substr(begin, info.find_first_of("\r\n", begin) - begin);
}

int64_t infoInt(RedisTestClient &client, const std::string &section, const std::string &name)
{
    std::string text = infoField(client, section, name);
    return text.empty() ? -1 : std::stoll(text);
}

// Pipelines SETs of `count` keys prefix0..prefixN with `valueSize`-byte values (EX ttl if
// ttl > 0, ttl + i to make every TTL distinct); returns how many replies were not +OK.
int pipelineSets(RedisTestClient &client, const std::string &prefix, int count, int valueSize,
                 int ttl = 0, std::string *firstError = nullptr)
{
    std::string value(static_cast<size_t>(valueSize), 'v');
    int failures = 0;
    for (int begin = 0; begin < count; begin += 200) {
        int end = std::min(count, begin + 200);
        for (int i = begin; i < end; ++i) {
            std::vector<std::string> args{"SET", prefix + std::to_string(i), value};
            if (ttl > 0) args.insert(args.end(), {"EX", std::to_string(ttl + i)});
            client.append(args);
        }
        for (int i = begin; i < end; ++i) {
            std::string reply = client.readReply();
            if (reply != "+OK") {
                if (failures++ == 0 && firstError) *firstError = reply;
            }
        }
    }
    return failures;
}

int countExisting(RedisTestClient &client, const std::string &prefix, int count)
{
    int found = 0;
    for (int i = 0; i < count; ++i)
        client.append({"EXISTS", prefix + std::to_string(i)});
    for (int i = 0; i < count; ++i)
        found += client.readReply() == ":1" ? 1 : 0;
    return found;
}

constexpr int64_t kLimit = 1024 * 1024;

} // namespace

class TestLimits : public QObject
{
    Q_OBJECT

private slots:
    // Under a write load of about three times the limit, every evicting policy keeps the
    // dataset at the limit (within one key) and no write is refused.
    void evictionKeepsMemoryUnderLimit_data()
    {
        QTest::addColumn<QString>("policy");
        for (const char *policy : {"allkeys-lru", "allkeys-lfu", "allkeys-random", "volatile-lru",
                                   "volatile-lfu", "volatile-random", "volatile-ttl"})
            QTest::newRow(policy) << QString(policy);
    }
    void evictionKeepsMemoryUnderLimit()
    {
        QFETCH(QString, policy);
        auto server = TestServer::startRedscope(
            {"--maxmemory", "1mb", "--maxmemory-policy", policy.toStdString()});
        QVERIFY2(server->ok(), server->error().c_str());
        RedisTestClient client("127.0.0.1", server->port());
        bool isVolatile = policy.startsWith("volatile");
        std::string error;
        int failures = pipelineSets(client, "key:", 12000, 200, isVolatile ? 1000 : 0, &error);
        QVERIFY2(failures == 0, error.c_str());
        int64_t dataset = infoInt(client, "memory", "used_memory_dataset");
        // INFO is a command too: eviction ran just before it, so the figure is under the limit.
        QVERIFY2(dataset > kLimit / 2 && dataset <= kLimit, std::to_string(dataset).c_str());
        int64_t keys = integerOf(client.run({"DBSIZE"}));
        int64_t evicted = infoInt(client, "stats", "evicted_keys");
        QVERIFY2(keys > 1000 && keys < 12000, std::to_string(keys).c_str());
        QCOMPARE(keys + evicted, int64_t(12000));
        QCOMPARE(infoField(client, "memory", "maxmemory_policy"), policy.toStdString());
    }

    // volatile-*: keys without a TTL are never evicted; once no volatile key is left, writes
    // are refused with -OOM.
    void volatilePoliciesOnlyEvictKeysWithTtl_data()
    {
        QTest::addColumn<QString>("policy");
        for (const char *policy :
             {"volatile-lru", "volatile-lfu", "volatile-random", "volatile-ttl"})
            QTest::newRow(policy) << QString(policy);
    }
    void volatilePoliciesOnlyEvictKeysWithTtl()
    {
        QFETCH(QString, policy);
        auto server = TestServer::startRedscope(
            {"--maxmemory", "1mb", "--maxmemory-policy", policy.toStdString()});
        QVERIFY2(server->ok(), server->error().c_str());
        RedisTestClient client("127.0.0.1", server->port());
        QCOMPARE(pipelineSets(client, "keep:", 1500, 200), 0); // about a third of the limit
        QCOMPARE(pipelineSets(client, "ttl:", 6000, 200, 1000), 0);
        QVERIFY(infoInt(client, "stats", "evicted_keys") > 0);
        QCOMPARE(countExisting(client, "keep:", 1500), 1500);
        // Persistent keys alone cannot make room: once the TTL keys are gone, OOM.
        std::string error;
        int failures = pipelineSets(client, "more:", 6000, 200, 0, &error);
        QVERIFY(failures > 0);
        QCOMPARE(error, std::string("-OOM command not allowed when used memory > 'maxmemory'."));
        QCOMPARE(countExisting(client, "keep:", 1500), 1500);
        QCOMPARE(countExisting(client, "ttl:", 6000), 0);
    }

    // allkeys-lru evicts keys idle for two seconds before keys just written.
    void lruEvictsIdleKeysFirst()
    {
        auto server =
            TestServer::startRedscope({"--maxmemory", "1mb", "--maxmemory-policy", "allkeys-lru"});
        QVERIFY2(server->ok(), server->error().c_str());
        RedisTestClient client("127.0.0.1", server->port());
        QCOMPARE(pipelineSets(client, "old:", 1000, 200), 0);
        std::this_thread::sleep_for(std::chrono::milliseconds(2100));
        // About 3800 such keys fit in 1mb: 1000 old + 3500 new ones call for ~700 evictions.
        QCOMPARE(pipelineSets(client, "new:", 3500, 200), 0);
        int oldEvicted = 1000 - countExisting(client, "old:", 1000);
        int newEvicted = 3500 - countExisting(client, "new:", 3500);
        int64_t evicted = infoInt(client, "stats", "evicted_keys");
        QCOMPARE(oldEvicted + newEvicted, int(evicted));
        // Sampling is approximate, but most evictions must hit an idle key (random eviction
        // would pick one in four).
        QVERIFY2(
            evicted > 300 && oldEvicted >= evicted * 3 / 4,
            (std::to_string(oldEvicted) + " old, " + std::to_string(newEvicted) + " new").c_str());
        // OBJECT IDLETIME counts from the last access.
        client.run({"SET", "probe", "x"});
        QCOMPARE(client.run({"OBJECT", "IDLETIME", "probe"}), std::string(":0"));
    }

    // allkeys-lfu keeps the keys that were read often; with lfu-log-factor 0 every access
    // counts and with lfu-decay-time 0 nothing decays, so the counters are exact.
    void lfuKeepsFrequentlyUsedKeys()
    {
        auto server =
            TestServer::startRedscope({"--maxmemory", "1mb", "--maxmemory-policy", "allkeys-lfu",
                                       "--lfu-log-factor", "0", "--lfu-decay-time", "0"});
        QVERIFY2(server->ok(), server->error().c_str());
        RedisTestClient client("127.0.0.1", server->port());
        QCOMPARE(pipelineSets(client, "hot:", 1000, 200), 0);
        for (int round = 0; round < 10; ++round) {
            for (int i = 0; i < 1000; ++i)
                client.append({"GET", "hot:" + std::to_string(i)});
            for (int i = 0; i < 1000; ++i)
                client.readReply();
        }
        QCOMPARE(client.run({"OBJECT", "FREQ", "hot:7"}), std::string(":15"));
        QCOMPARE(pipelineSets(client, "cold:", 6000, 200), 0);
        QVERIFY(infoInt(client, "stats", "evicted_keys") > 1000);
        int hotLeft = countExisting(client, "hot:", 1000);
        QVERIFY2(hotLeft > 900, std::to_string(hotLeft).c_str());
    }

    // volatile-ttl evicts the keys that would expire soonest.
    void ttlEvictsSoonestExpiringFirst()
    {
        auto server =
            TestServer::startRedscope({"--maxmemory", "1mb", "--maxmemory-policy", "volatile-ttl"});
        QVERIFY2(server->ok(), server->error().c_str());
        RedisTestClient client("127.0.0.1", server->port());
        // TTLs grow with the index: the early keys expire first.
        QCOMPARE(pipelineSets(client, "t:", 6000, 200, 1000), 0);
        int early = countExisting(client, "t:", 1000);
        int total = countExisting(client, "t:", 6000);
        QVERIFY(total < 6000);
        QVERIFY2(early < 200, std::to_string(early).c_str());
    }

    // The used-memory figure follows values that grow and shrink in place, and comes back
    // to where it started once the keys are gone (nothing leaks from the running total,
    // which is a sum of deltas).
    void usedMemoryTracksInPlaceChanges()
    {
        auto server = TestServer::startRedscope();
        QVERIFY2(server->ok(), server->error().c_str());
        RedisTestClient client("127.0.0.1", server->port());
        auto dataset = [&] { return infoInt(client, "memory", "used_memory_dataset"); };
        int64_t empty = dataset();
        std::string item(100, 'i');
        for (int i = 0; i < 2000; ++i) {
            client.append({"RPUSH", "list", item + std::to_string(i)});
            client.append({"HSET", "hash", "f" + std::to_string(i), item});
            client.append({"SADD", "set", item + std::to_string(i)});
            client.append({"ZADD", "zset", std::to_string(i), item + std::to_string(i)});
            client.append({"APPEND", "string", item});
        }
        for (int i = 0; i < 10000; ++i)
            client.readReply();
        client.run({"EXPIRE", "string", "1000"});
        int64_t full = dataset();
        // Five values of 2000 x 100 bytes each, plus their nodes.
        QVERIFY2(full - empty > 5 * 2000 * 100, std::to_string(full - empty).c_str());
        QVERIFY2(full - empty < 5 * 2000 * 400, std::to_string(full - empty).c_str());
        for (int i = 0; i < 1990; ++i) {
            client.append({"LPOP", "list"});
            client.append({"HDEL", "hash", "f" + std::to_string(i)});
        }
        for (int i = 0; i < 3980; ++i)
            client.readReply();
        int64_t shrunk = dataset();
        QVERIFY2(full - shrunk > 2 * 1990 * 100, std::to_string(full - shrunk).c_str());
        QCOMPARE(client.run({"DEL", "list", "hash", "set", "zset", "string"}), std::string(":5"));
        // Only the two tables' smallest bucket arrays stay allocated.
        int64_t after = dataset();
        QVERIFY2(after >= empty && after - empty <= 256, std::to_string(after - empty).c_str());
    }

    // Lowering maxmemory under a big dataset: each command evicts within its time budget
    // and a background timer goes on until the dataset fits, with no command refused.
    void loweringMaxmemoryEvictsInTheBackground()
    {
        auto server = TestServer::startRedscope({"--maxmemory-policy", "allkeys-random"});
        QVERIFY2(server->ok(), server->error().c_str());
        RedisTestClient client("127.0.0.1", server->port());
        QCOMPARE(pipelineSets(client, "bulk:", 30000, 100), 0);
        QCOMPARE(client.run({"CONFIG", "SET", "maxmemory", "1mb"}), std::string("+OK"));
        QCOMPARE(client.run({"SET", "one", "more"}), std::string("+OK"));
        int64_t dataset = -1;
        for (int i = 0; i < 100; ++i) {
            std::this_thread::sleep_for(std::chrono::milliseconds(50));
            // Through a connection that sends nothing else: only the timer evicts for it.
            dataset = std::stoll(infoField(client, "memory", "used_memory_dataset"));
            if (dataset <= kLimit) break;
        }
        QVERIFY2(dataset <= kLimit, std::to_string(dataset).c_str());
        QVERIFY(infoInt(client, "stats", "evicted_keys") > 20000);
    }

    // Evictions are announced as "evicted" keyspace events.
    void evictedKeyspaceNotification()
    {
        auto server =
            TestServer::startRedscope({"--maxmemory", "1mb", "--maxmemory-policy", "allkeys-random",
                                       "--notify-keyspace-events", "Ee"});
        QVERIFY2(server->ok(), server->error().c_str());
        RawSocket subscriber(server->port());
        subscriber.sendCommand({"SUBSCRIBE", "__keyevent@0__:evicted"});
        QVERIFY(subscriber.readReply().find("subscribe") != std::string::npos);
        RedisTestClient client("127.0.0.1", server->port());
        QCOMPARE(pipelineSets(client, "n:", 6000, 200), 0);
        std::string events = subscriber.readReply();
        QVERIFY(events.find("__keyevent@0__:evicted\r\n$") != std::string::npos);
        QVERIFY(events.find("\r\nn:") != std::string::npos);
    }

    // noeviction, side by side: writes get Redis's exact -OOM, reads and deletions still work,
    // a transaction with a refused command is aborted.
    void noevictionRefusesWritesLikeRedis()
    {
        auto ours = TestServer::startRedscope();
        auto redis = TestServer::startRedis();
        QVERIFY2(ours->ok() && redis->ok(), (ours->error() + redis->error()).c_str());
        RedisTestClient a("127.0.0.1", ours->port()), b("127.0.0.1", redis->port());
        Script script{
            {"SET", "a", "1"},
            {"RPUSH", "list", "x", "y"},
            {"CONFIG", "SET", "maxmemory", "1"},
            {"CONFIG", "GET", "maxmemory-policy"},
            {"SET", "b", "2"},
            {"APPEND", "a", "more"},
            {"RPUSH", "list", "z"},
            {"GET", "a"},
            {"LRANGE", "list", "0", "-1"},
            {"EXISTS", "a", "b"},
            {"LPOP", "list"},
            {"DEL", "a"},
            {"MULTI"},
            {"GET", "a"},
            {"EXEC"},
            {"CONFIG", "SET", "maxmemory", "0"},
            {"SET", "b", "2"},
            {"GET", "b"},
        };
        REDSCOPE_VERIFY_SAME(redscope::test::compareScript(a, b, script));
        QCOMPARE(infoField(a, "errorstats", "errorstat_OOM"), std::string("count=4"));
    }

    // OBJECT FREQ returns the real LFU counter: with lfu-log-factor 0 each access adds one
    // (and lfu-decay-time 0 stops decay at minute boundaries), and a SET over a key keeps
    // its counter, as in Redis.
    void objectFreqLikeRedis()
    {
        std::vector<std::string> args{
            "--maxmemory-policy", "allkeys-lfu", "--lfu-log-factor", "0", "--lfu-decay-time", "0"};
        auto ours = TestServer::startRedscope(args);
        auto redis = TestServer::startRedis(args);
        QVERIFY2(ours->ok() && redis->ok(), (ours->error() + redis->error()).c_str());
        RedisTestClient a("127.0.0.1", ours->port()), b("127.0.0.1", redis->port());
        Script script{
            {"SET", "k", "v"},
            {"OBJECT", "FREQ", "k"},
            {"GET", "k"},
            {"GET", "k"},
            {"EXISTS", "k"},
            {"OBJECT", "FREQ", "k"},
            {"SET", "k", "w"},
            {"OBJECT", "FREQ", "k"},
            {"RPUSH", "l", "a"},
            {"RPUSH", "l", "b"},
            {"LRANGE", "l", "0", "-1"},
            {"OBJECT", "FREQ", "l"},
            {"OBJECT", "IDLETIME", "k"},
            {"CONFIG", "GET", "lfu-log-factor"},
            {"TYPE", "k"},
            {"TTL", "k"},
            {"OBJECT", "FREQ", "k"},
            {"TOUCH", "k"},
            {"OBJECT", "FREQ", "k"},
            {"CONFIG", "GET", "lfu-decay-time"},
        };
        REDSCOPE_VERIFY_SAME(redscope::test::compareScript(a, b, script));
    }

    // Parameters, side by side: CONFIG GET/SET of client-output-buffer-limit (partial sets,
    // the errors) and the 1 MB minimum of the query buffer and bulk length limits.
    void limitParametersLikeRedis()
    {
        auto ours = TestServer::startRedscope();
        auto redis = TestServer::startRedis();
        QVERIFY2(ours->ok() && redis->ok(), (ours->error() + redis->error()).c_str());
        RedisTestClient a("127.0.0.1", ours->port()), b("127.0.0.1", redis->port());
        Script script{
            {"CONFIG", "GET", "client-output-buffer-limit"},
            {"CONFIG", "SET", "client-output-buffer-limit", "pubsub 1mb 512kb 10"},
            {"CONFIG", "GET", "client-output-buffer-limit"},
            {"CONFIG", "SET", "client-output-buffer-limit", "normal 1gb 0 0 replica 1 2 3"},
            {"CONFIG", "GET", "client-output-buffer-limit"},
            {"CONFIG", "SET", "client-output-buffer-limit", "foo 1 2 3"},
            {"CONFIG", "SET", "client-output-buffer-limit", "pubsub 1 2"},
            {"CONFIG", "SET", "client-output-buffer-limit", "pubsub x 2 3"},
            {"CONFIG", "SET", "client-output-buffer-limit", "pubsub 1 2 -3"},
            {"CONFIG", "GET", "client-output-buffer-limit"},
            {"CONFIG", "SET", "client-query-buffer-limit", "1000"},
            {"CONFIG", "SET", "proto-max-bulk-len", "1000"},
            {"CONFIG", "SET", "client-query-buffer-limit", "1mb"},
            {"CONFIG", "GET", "client-query-buffer-limit"},
            {"CONFIG", "SET", "maxmemory-eviction-tenacity", "101"},
            {"CONFIG", "GET", "maxmemory-eviction-tenacity"},
            {"CONFIG", "SET", "lfu-decay-time", "-1"},
        };
        REDSCOPE_VERIFY_SAME(redscope::test::compareScript(a, b, script));
    }

    // A subscriber that stops reading while a publisher floods is disconnected at the pubsub
    // hard limit; the publisher and other clients keep working. Same on redis-server.
    void slowSubscriberIsDisconnected()
    {
        for (bool useRedis : {false, true}) {
            std::vector<std::string> args{"--client-output-buffer-limit", "pubsub 512kb 256kb 60"};
            auto server = useRedis ? TestServer::startRedis(args) : TestServer::startRedscope(args);
            QVERIFY2(server->ok(), server->error().c_str());
            RawSocket subscriber(server->port(), 4096);
            subscriber.sendCommand({"SUBSCRIBE", "flood"});
            QVERIFY(subscriber.readReply().find("subscribe") != std::string::npos);
            RedisTestClient publisher("127.0.0.1", server->port());
            RedisTestClient bystander("127.0.0.1", server->port());
            std::string message(64 * 1024, 'm');
            int published = 0;
            std::string lastReply;
            // 64 MB at most; the subscriber's socket buffers hold a few MB.
            while (published < 1000) {
                lastReply = publisher.run({"PUBLISH", "flood", message});
                ++published;
                if (lastReply == ":0") break;
            }
            QVERIFY2(lastReply == ":0", ((useRedis ? "redis: " : "ours: ") + lastReply).c_str());
            QCOMPARE(bystander.run({"PING"}), std::string("+PONG"));
            QCOMPARE(publisher.run({"PUBSUB", "NUMSUB", "flood"}), std::string("*[$flood,:0]"));
            QVERIFY(subscriber.closedByServer());
            QCOMPARE(infoInt(bystander, "clients", "connected_clients"), int64_t(2));
        }
    }

    // A normal client whose unread replies pass the normal class's hard limit is closed too.
    void normalClientOutputLimit()
    {
        auto server =
            TestServer::startRedscope({"--client-output-buffer-limit", "normal 256kb 0 0"});
        QVERIFY2(server->ok(), server->error().c_str());
        RedisTestClient client("127.0.0.1", server->port());
        QCOMPARE(client.run({"SET", "big", std::string(100 * 1024, 'b')}), std::string("+OK"));
        // One reply under the limit is fine; a pipeline of 50 that is not read goes over it
        // (sent in one write, so the server queues the replies in one go).
        QCOMPARE(client.run({"GET", "big"}).size(), size_t(100 * 1024 + 1));
        RawSocket greedy(server->port(), 4096);
        std::string pipeline;
        for (int i = 0; i < 50; ++i)
            pipeline += "*2\r\n$3\r\nGET\r\n$3\r\nbig\r\n";
        greedy.sendBytes(pipeline);
        QVERIFY(greedy.closedByServer());
        QCOMPARE(client.run({"PING"}), std::string("+PONG"));
    }

    // timeout: an idle client is closed by the cron, a subscriber and a blocked client are
    // not. Same on redis-server.
    void idleTimeout()
    {
        std::unique_ptr<TestServer> servers[2] = {TestServer::startRedscope({"--timeout", "1"}),
                                                  TestServer::startRedis({"--timeout", "1"})};
        std::vector<std::unique_ptr<RawSocket>> idle, subscriber, blocked;
        for (auto &server : servers) {
            QVERIFY2(server->ok(), server->error().c_str());
            idle.push_back(std::make_unique<RawSocket>(server->port()));
            idle.back()->sendCommand({"PING"});
            QCOMPARE(idle.back()->readReply(), std::string("+PONG\r\n"));
            subscriber.push_back(std::make_unique<RawSocket>(server->port()));
            subscriber.back()->sendCommand({"SUBSCRIBE", "news"});
            QVERIFY(subscriber.back()->readReply().find("subscribe") != std::string::npos);
            blocked.push_back(std::make_unique<RawSocket>(server->port()));
            blocked.back()->sendCommand({"BLPOP", "queue", "0"});
        }
        // Long enough past the 1 s timeout for a server that wrongly reaps subscribers or
        // blocked clients to have done it; the idle client's close is then awaited, not
        // sampled (a loaded machine may run the cron late).
        std::this_thread::sleep_for(std::chrono::milliseconds(3500));
        for (int i = 0; i < 2; ++i) {
            const char *who = i == 0 ? "ours" : "redis";
            QVERIFY2(idle[static_cast<size_t>(i)]->closedByServer(), who);
            RedisTestClient client("127.0.0.1", servers[i]->port());
            QCOMPARE(client.run({"PUBLISH", "news", "hello"}), std::string(":1"));
            QCOMPARE(subscriber[static_cast<size_t>(i)]->readReply(),
                     std::string("*3\r\n$7\r\nmessage\r\n$4\r\nnews\r\n$5\r\nhello\r\n"));
            QCOMPARE(client.run({"RPUSH", "queue", "job"}), std::string(":1"));
            QCOMPARE(blocked[static_cast<size_t>(i)]->readReply(),
                     std::string("*2\r\n$5\r\nqueue\r\n$3\r\njob\r\n"));
        }
    }

    // maxclients: the connection past the limit gets the error and is closed; same bytes as
    // redis-server's.
    void maxclientsRefusal()
    {
        std::string answers[2];
        for (int i = 0; i < 2; ++i) {
            std::vector<std::string> args{"--maxclients", "2"};
            auto server = i == 0 ? TestServer::startRedscope(args) : TestServer::startRedis(args);
            QVERIFY2(server->ok(), server->error().c_str());
            // The start-up probe's connection may not be reaped yet: retry until two fit.
            std::unique_ptr<RedisTestClient> first, second;
            for (int attempt = 0; attempt < 50; ++attempt) {
                first = std::make_unique<RedisTestClient>("127.0.0.1", server->port());
                second = std::make_unique<RedisTestClient>("127.0.0.1", server->port());
                if (first->run({"PING"}) == "+PONG" && second->run({"PING"}) == "+PONG") break;
                first.reset();
                second.reset();
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
            }
            QVERIFY(first && second);
            RawSocket third(server->port());
            third.sendCommand({"PING"});
            answers[i] = third.untilClosed();
            QVERIFY(third.closedByServer());
            QVERIFY(infoInt(*first, "stats", "rejected_connections") >= 1);
        }
        QCOMPARE(answers[0], std::string("-ERR max number of clients reached\r\n"));
        QCOMPARE(answers[0], answers[1]);
    }

    // client-query-buffer-limit closes a client whose pending request passes it;
    // proto-max-bulk-len refuses a longer bulk with a protocol error. Same on redis-server.
    void queryBufferAndBulkLimits()
    {
        std::string answers[2][2];
        for (int i = 0; i < 2; ++i) {
            std::vector<std::string> args{"--client-query-buffer-limit", "1mb",
                                          "--proto-max-bulk-len", "2mb"};
            auto server = i == 0 ? TestServer::startRedscope(args) : TestServer::startRedis(args);
            QVERIFY2(server->ok(), server->error().c_str());
            RawSocket big(server->port());
            big.sendBytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1500000\r\n");
            big.sendBytes(std::string(1200000, 'x'));
            answers[i][0] = big.untilClosed();
            QVERIFY(big.closedByServer());
            RawSocket tooLong(server->port());
            tooLong.sendBytes("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$3000000\r\n");
            answers[i][1] = tooLong.untilClosed();
            QVERIFY(tooLong.closedByServer());
            RedisTestClient client("127.0.0.1", server->port());
            QCOMPARE(client.run({"EXISTS", "k"}), std::string(":0"));
        }
        QCOMPARE(answers[0][0], std::string());
        QCOMPARE(answers[0][1], std::string("-ERR Protocol error: invalid bulk length\r\n"));
        QCOMPARE(answers[0][0], answers[1][0]);
        QCOMPARE(answers[0][1], answers[1][1]);
    }
};

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
