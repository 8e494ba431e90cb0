// Pub/sub against real servers: every scenario runs on redscope-server and on Debian's
// redis-server and the replies (confirmations, messages, errors) must be identical. Covers
// two-client delivery, patterns, PUBSUB introspection, keyspace notifications (SET, DEL,
// EXPIRE and expiry), the RESP2 subscriber-context restrictions, RESP3 push framing, and
// sharded pub/sub (SSUBSCRIBE, SUNSUBSCRIBE, SPUBLISH, PUBSUB SHARD*) with its own counts.
#include "raw_connection.h"
#include "side_by_side.h"

#include <QtTest>

#include <algorithm>
#include <thread>

using redscope::test::RawConnection;
using redscope::test::RedisTestClient;
using redscope::test::ServerPair;
using redscope::test::TestServer;

class TestPubSub : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair; // servers only: the scenarios open their own connections

    std::vector<TestServer *> servers() { return {&m_pair.ours(), &m_pair.redis()}; }

    // Runs `scenario` on both servers and compares the transcripts it returns (same
    // length, same text, no I/O error or timeout on our side).
    template <typename Scenario> void compareBoth(Scenario scenario)
    {
        REDSCOPE_VERIFY_SAME(m_pair.compareBoth(scenario));
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error, false), error.c_str());
    }

    void init()
    {
        for (TestServer *server : servers()) {
            RedisTestClient client("127.0.0.1", server->port());
            QCOMPARE(client.run({"FLUSHALL"}), std::string("+OK"));
            QCOMPARE(client.run({"CONFIG", "SET", "notify-keyspace-events", ""}),
                     std::string("+OK"));
        }
    }

    void subscribeConfirmationsAndContext()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(c.run({"SUBSCRIBE", "a", "b"}));
            t.push_back(c.readReply());
            t.push_back(c.run({"SUBSCRIBE", "a"})); // already subscribed: count unchanged
            t.push_back(c.run({"PSUBSCRIBE", "p*"}));
            t.push_back(c.run({"GET", "x"})); // not allowed in RESP2 subscriber context
            t.push_back(c.run({"PING"}));     // pub/sub shaped
            t.push_back(c.run({"PING", "hi"}));
            t.push_back(c.run({"UNSUBSCRIBE", "b", "zz"}));
            t.push_back(c.readReply());
            t.push_back(c.run({"PUNSUBSCRIBE"}));
            t.push_back(c.run({"UNSUBSCRIBE"}));
            t.push_back(c.run({"UNSUBSCRIBE"})); // nothing left: null channel
            t.push_back(c.run({"PUNSUBSCRIBE"}));
            t.push_back(c.run({"GET", "x"})); // back to normal
            return t;
        });
    }

    void shardedPubSub()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient sub("127.0.0.1", server.port());
            RedisTestClient pub("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(sub.run({"SSUBSCRIBE", "room:1", "room:2"}));
            t.push_back(sub.readReply());
            t.push_back(sub.run({"SUBSCRIBE", "plain"})); // counted apart from shard channels
            t.push_back(sub.run({"PSUBSCRIBE", "room:*"}));
            t.push_back(sub.run({"SSUBSCRIBE", "room:1"}));
            t.push_back(pub.run({"SPUBLISH", "room:1", "hi"})); // patterns never see it
            t.push_back(sub.readReply());
            t.push_back(pub.run({"PUBLISH", "room:1", "plain message"}));
            t.push_back(sub.readReply());
            t.push_back(redscope::test::runCanonical(pub, {"PUBSUB", "SHARDCHANNELS"},
                                                     redscope::test::Order::Unordered));
            t.push_back(pub.run({"PUBSUB", "SHARDCHANNELS", "*:2"}));
            t.push_back(pub.run({"PUBSUB", "SHARDNUMSUB", "room:1", "room:9"}));
            t.push_back(pub.run({"PUBSUB", "CHANNELS"}));
            t.push_back(pub.run({"COMMAND", "GETKEYS", "SSUBSCRIBE", "a", "b"}));
            t.push_back(sub.run({"GET", "x"}));
            t.push_back(sub.run({"PUBSUB", "SHARDCHANNELS"})); // named as container|sub
            t.push_back(sub.run({"SUNSUBSCRIBE", "room:2"}));
            t.push_back(sub.run({"SUNSUBSCRIBE"}));
            t.push_back(sub.run({"SUNSUBSCRIBE"})); // none left: a null channel
            t.push_back(sub.run({"PUNSUBSCRIBE"}));
            t.push_back(sub.run({"UNSUBSCRIBE"}));
            t.push_back(sub.run({"PING"}));
            t.push_back(pub.run({"SPUBLISH", "room:1", "gone"}));
            t.push_back(pub.run({"MULTI"}));
            t.push_back(pub.run({"SSUBSCRIBE", "x"}));
            t.push_back(pub.run({"EXEC"}));
            t.push_back(pub.run({"SSUBSCRIBE"}));
            t.push_back(pub.run({"SSUBSCRIBE", "r3"}));
            t.push_back(pub.run({"RESET"}));
            t.push_back(sub.run({"PUBSUB", "SHARDNUMSUB", "r3"}));
            return t;
        });
    }

    // ACL: shard channels are channels (&pattern), not keys (~pattern).
    void shardChannelsFollowChannelRules()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(
                c.run({"ACL", "SETUSER", "shard", "on", "nopass", "~nothing", "&room:*", "+@all"}));
            t.push_back(c.run({"AUTH", "shard", "x"}));
            t.push_back(c.run({"SPUBLISH", "room:1", "ok"}));
            t.push_back(c.run({"SPUBLISH", "other", "refused"}));
            t.push_back(c.run({"SSUBSCRIBE", "other"}));
            t.push_back(c.run({"AUTH", "default", "x"}));
            t.push_back(c.run({"ACL", "DELUSER", "shard"}));
            return t;
        });
    }

    void twoClientsChannelsAndPatterns()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient sub("127.0.0.1", server.port());
            RedisTestClient pub("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(sub.run({"SUBSCRIBE", "news"}));
            t.push_back(sub.run({"PSUBSCRIBE", "n*", "x?"}));
            t.push_back(sub.readReply());
            t.push_back(pub.run({"PUBLISH", "news", "hello"}));
            t.push_back(sub.readReply());
            t.push_back(sub.readReply());
            t.push_back(pub.run({"PUBLISH", "xy", std::string("bin\0ary", 7)}));
            t.push_back(sub.readReply());
            t.push_back(pub.run({"PUBLISH", "other", "nobody"}));
            return t;
        });
    }

    void pubsubIntrospection()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient a("127.0.0.1", server.port());
            RedisTestClient b("127.0.0.1", server.port());
            RedisTestClient q("127.0.0.1", server.port());
            a.run({"SUBSCRIBE", "c1"});
            a.run({"PSUBSCRIBE", "p1*"});
            b.run({"SUBSCRIBE", "c1"});
            b.run({"SUBSCRIBE", "c2"});
            b.run({"PSUBSCRIBE", "p1*"});
            b.run({"PSUBSCRIBE", "p2*"});
            std::vector<std::string> t;
            t.push_back(q.run({"PUBSUB", "NUMSUB", "c1", "c2", "c3"}));
            t.push_back(q.run({"PUBSUB", "NUMSUB"}));
            t.push_back(q.run({"PUBSUB", "NUMPAT"}));
            t.push_back(q.run({"PUBSUB", "CHANNELS", "c1"}));
            t.push_back(q.run({"PUBSUB", "CHANNELS", "nomatch*"}));
            t.push_back(q.run({"PUBSUB", "NUMPAT", "x"}));
            t.push_back(q.run({"PUBSUB", "CHANNELS", "a", "b"}));
            t.push_back(q.run({"PUBSUB", "NOSUCH"}));
            return t;
        });
        // Unordered: CHANNELS lists hash order, so compare sorted.
        RedisTestClient a("127.0.0.1", m_pair.ours().port());
        a.run({"SUBSCRIBE", "x1", "x2"});
        a.readReply();
        RedisTestClient q("127.0.0.1", m_pair.ours().port());
        QCOMPARE(q.run({"PUBSUB", "CHANNELS", "x*"}) == "*[$x1,$x2]" ||
                     q.run({"PUBSUB", "CHANNELS", "x*"}) == "*[$x2,$x1]",
                 true);
        a.run({"UNSUBSCRIBE", "x1"});
        a.readReply();
        QCOMPARE(q.run({"PUBSUB", "CHANNELS", "x*"}), std::string("*[$x2]"));
        QCOMPARE(q.run({"PUBSUB", "NUMSUB", "x1", "x2"}), std::string("*[$x1,:0,$x2,:1]"));
    }

    void keyspaceNotifications()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient sub("127.0.0.1", server.port());
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(c.run({"CONFIG", "SET", "notify-keyspace-events", "KEA"}));
            t.push_back(c.run({"CONFIG", "GET", "notify-keyspace-events"}));
            t.push_back(sub.run({"PSUBSCRIBE", "__key*@0__:*"}));
            c.run({"SET", "k", "v"});
            c.run({"EXPIRE", "k", "100"});
            c.run({"DEL", "k"});
            c.run({"SET", "e", "v", "PX", "50"});
            for (int i = 0; i < 10; ++i)
                t.push_back(sub.readReply());
            // The expiry arrives from active expiry (or the lazy lookup below).
            std::this_thread::sleep_for(std::chrono::milliseconds(300));
            c.run({"GET", "e"});
            t.push_back(sub.readReply());
            t.push_back(sub.readReply());
            return t;
        });
    }

    void keyspaceOnlyAndEventOnly()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient sub("127.0.0.1", server.port());
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(c.run({"CONFIG", "SET", "notify-keyspace-events", "E$"}));
            t.push_back(sub.run({"PSUBSCRIBE", "__key*__:*"}));
            c.run({"DEL", "nothing"});
            c.run({"SET", "k", "v"}); // only the keyevent message, only for the string class
            t.push_back(sub.readReply());
            t.push_back(c.run({"CONFIG", "SET", "notify-keyspace-events", "Kg"}));
            c.run({"SET", "k", "v"}); // string class off now: no message
            c.run({"DEL", "k"});
            t.push_back(sub.readReply());
            return t;
        });
    }

    void notifyConfigValidation()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            for (const char *flags :
                 {"Q", "KEA", "Kx", "g", "KEg$lshzxetmnd", "Agn", "Kn", "Ed", ""}) {
                t.push_back(c.run({"CONFIG", "SET", "notify-keyspace-events", flags}));
                t.push_back(c.run({"CONFIG", "GET", "notify-keyspace-events"}));
            }
            return t;
        });
    }

    void resp3PushFraming()
    {
        for (TestServer *server : servers()) {
            RawConnection sub(server->port());
            RawConnection pub(server->port());
            QVERIFY(sub.sendForReply({"HELLO", "3"}).starts_with("%"));
            QCOMPARE(sub.sendForReply({"SUBSCRIBE", "ch"}),
                     std::string(">3\r\n$9\r\nsubscribe\r\n$2\r\nch\r\n:1\r\n"));
            // RESP3 has no subscriber context: ordinary commands still work.
            QCOMPARE(sub.sendForReply({"GET", "nokey"}), std::string("_\r\n"));
            QCOMPARE(pub.sendForReply({"PUBLISH", "ch", "m"}), std::string(":1\r\n"));
            QCOMPARE(sub.pending(), std::string(">3\r\n$7\r\nmessage\r\n$2\r\nch\r\n$1\r\nm\r\n"));
            QCOMPARE(sub.sendForReply({"UNSUBSCRIBE"}),
                     std::string(">3\r\n$11\r\nunsubscribe\r\n$2\r\nch\r\n:0\r\n"));
            QCOMPARE(sub.sendForReply({"UNSUBSCRIBE"}),
                     std::string(">3\r\n$11\r\nunsubscribe\r\n_\r\n:0\r\n"));
            QCOMPARE(sub.sendForReply({"SSUBSCRIBE", "sh"}),
                     std::string(">3\r\n$10\r\nssubscribe\r\n$2\r\nsh\r\n:1\r\n"));
            QCOMPARE(pub.sendForReply({"SPUBLISH", "sh", "m"}), std::string(":1\r\n"));
            QCOMPARE(sub.pending(), std::string(">3\r\n$8\r\nsmessage\r\n$2\r\nsh\r\n$1\r\nm\r\n"));
        }
    }

    void disconnectedSubscriberIsForgotten()
    {
        RedisTestClient pub("127.0.0.1", m_pair.ours().port());
        {
            RedisTestClient sub("127.0.0.1", m_pair.ours().port());
            QCOMPARE(sub.run({"SUBSCRIBE", "gone"}), std::string("*[$subscribe,$gone,:1]"));
            QCOMPARE(pub.run({"PUBSUB", "NUMSUB", "gone"}), std::string("*[$gone,:1]"));
        }
        QTRY_COMPARE(pub.run({"PUBSUB", "NUMSUB", "gone"}), std::string("*[$gone,:0]"));
        QCOMPARE(pub.run({"PUBLISH", "gone", "x"}), std::string(":0"));
    }
};

QTEST_GUILESS_MAIN(TestPubSub)
#include "tst_pubsub.moc"
