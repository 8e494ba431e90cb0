// Client-side caching (CLIENT TRACKING, CACHING, GETREDIR, TRACKINGINFO) against Debian's
// redis-server: each scenario runs on both servers over raw connections (RESP3 pushes and
// RESP2 redirection to a __redis__:invalidate subscriber) and the bytes must match, with
// client ids (which differ between the servers) written as <id>. Covers the default mode
// (reads remembered, one invalidation per key, after the writer's own reply), OPTIN/OPTOUT
// with CLIENT CACHING, NOLOOP, BCAST prefixes batched per event-loop turn, FLUSHALL's null
// invalidation, a broken redirect, every option error, and CLIENT LIST's t/B/R flags.
#include "raw_connection.h"
#include "side_by_side.h"

#include <QtTest>

using redscope::test::RawConnection;
using redscope::test::ServerPair;
using redscope::test::TestServer;

namespace {

// "…:17\r\n" -> "17"
std::string idOf(const std::string &reply)
{
    return reply.size() > 3 ? reply.substr(1, reply.find('\r') - 1) : "?";
}

std::string withoutId(std::string text, const std::string &id)
{
    const std::string needle = ":" + id + "\r\n";
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at))
        text.replace(at, needle.size(), ":<id>\r\n");
    return text;
}

} // namespace

class TestTracking : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair;

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
        for (TestServer *server : {&m_pair.ours(), &m_pair.redis()})
            RawConnection(server->port()).send({"FLUSHALL"});
    }

    void optionErrorsAndInfo()
    {
        compareBoth([](TestServer &server) {
            RawConnection c(server.port());
            std::vector<std::string> t;
            for (const std::vector<std::string> &command : std::vector<std::vector<std::string>>{
                     {"CLIENT", "TRACKINGINFO"},
                     {"CLIENT", "GETREDIR"},
                     {"CLIENT", "TRACKING", "ON", "PREFIX", "a"},
                     {"CLIENT", "TRACKING", "ON", "BCAST", "OPTIN"},
                     {"CLIENT", "TRACKING", "ON", "OPTIN", "OPTOUT"},
                     {"CLIENT", "TRACKING", "ON", "REDIRECT", "999999"},
                     {"CLIENT", "TRACKING", "ON", "REDIRECT", "x"},
                     {"CLIENT", "TRACKING", "maybe"},
                     {"CLIENT", "TRACKING", "ON", "BOGUS"},
                     {"CLIENT", "CACHING", "yes"},
                     {"CLIENT", "TRACKING", "ON", "OPTIN"},
                     {"CLIENT", "GETREDIR"},
                     {"CLIENT", "CACHING", "no"},
                     {"CLIENT", "CACHING", "yes"},
                     {"CLIENT", "CACHING", "maybe"},
                     {"CLIENT", "TRACKINGINFO"},
                     {"CLIENT", "TRACKING", "ON", "OPTOUT"},
                     {"CLIENT", "TRACKING", "ON", "BCAST"},
                     {"CLIENT", "TRACKING", "OFF"},
                     {"CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "ab", "PREFIX", "a"},
                     {"CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "ab", "PREFIX", "cd", "NOLOOP"},
                     {"CLIENT", "TRACKINGINFO"},
                     {"CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "abc"},
                     {"CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "ef"},
                     {"CLIENT", "TRACKINGINFO"},
                     {"CLIENT", "TRACKING", "ON"},
                     {"CLIENT", "TRACKING", "OFF"},
                     {"CLIENT", "TRACKING", "OFF"},
                     {"CLIENT", "TRACKING", "ON", "BCAST"},
                     {"CLIENT", "TRACKINGINFO"},
                     {"CLIENT", "TRACKING", "OFF"}})
                t.push_back(c.send(command, 50));
            return t;
        });
    }

    void defaultModeResp3()
    {
        compareBoth([](TestServer &server) {
            RawConnection c(server.port());
            RawConnection other(server.port());
            std::vector<std::string> t;
            c.send({"HELLO", "3"});
            t.push_back(c.send({"CLIENT", "TRACKING", "ON"}, 50));
            t.push_back(c.send({"GET", "k"}, 50));
            t.push_back(c.send({"SET", "k", "2"}, 100)); // reply first, then the invalidation
            t.push_back(c.send({"MGET", "k", "j"}, 50));
            t.push_back(c.send({"MSET", "k", "3", "j", "4", "x", "5"}, 100));
            t.push_back(c.send({"GET", "k"}, 50));
            t.push_back(other.send({"INCR", "k"}, 50)); // someone else's write
            t.push_back(c.drain(100));
            t.push_back(other.send({"INCR", "k"}, 50)); // forgotten after one invalidation
            t.push_back(c.drain(100));
            t.push_back(c.send({"GET", "k"}, 50));
            t.push_back(other.send({"PEXPIRE", "k", "1"}, 50));
            t.push_back(c.drain(300)); // expiry invalidates too
            t.push_back(c.send({"HGETALL", "h"}, 50));
            t.push_back(other.send({"DEL", "h"}, 50)); // nothing to delete: no message
            t.push_back(other.send({"HSET", "h", "f", "v"}, 50));
            t.push_back(c.drain(100));
            t.push_back(c.send({"GET", "k"}, 50));
            t.push_back(other.send({"FLUSHALL"}, 50));
            t.push_back(c.drain(100));
            t.push_back(c.send({"FLUSHDB"}, 100));
            t.push_back(c.send({"CLIENT", "TRACKING", "ON", "NOLOOP"}, 50));
            t.push_back(c.send({"GET", "n"}, 50));
            t.push_back(c.send({"SET", "n", "1"}, 100)); // its own write: no message
            t.push_back(c.send({"CLIENT", "LIST", "ID", "0"}, 50));
            return t;
        });
    }

    void optinOptoutCaching()
    {
        compareBoth([](TestServer &server) {
            RawConnection c(server.port());
            RawConnection other(server.port());
            std::vector<std::string> t;
            c.send({"HELLO", "3"});
            t.push_back(c.send({"CLIENT", "TRACKING", "ON", "OPTIN"}, 50));
            c.send({"GET", "o1"}, 50);
            t.push_back(c.send({"CLIENT", "CACHING", "YES"}, 50));
            c.send({"GET", "o2"}, 50);
            c.send({"GET", "o3"}, 50); // the YES was for one command
            t.push_back(other.send({"MSET", "o1", "1", "o2", "2", "o3", "3"}, 50));
            t.push_back(c.drain(100));
            t.push_back(c.send({"CLIENT", "TRACKING", "OFF"}, 50));
            t.push_back(c.send({"CLIENT", "TRACKING", "ON", "OPTOUT"}, 50));
            c.send({"GET", "p1"}, 50);
            t.push_back(c.send({"CLIENT", "CACHING", "NO"}, 50));
            c.send({"GET", "p2"}, 50);
            t.push_back(other.send({"MSET", "p1", "1", "p2", "2"}, 50));
            t.push_back(c.drain(100));
            return t;
        });
    }

    void broadcastPrefixes()
    {
        compareBoth([](TestServer &server) {
            RawConnection c(server.port());
            RawConnection other(server.port());
            std::vector<std::string> t;
            c.send({"HELLO", "3"});
            t.push_back(c.send({"CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "user:", "PREFIX",
                                "room:", "NOLOOP"},
                               50));
            t.push_back(c.send({"SET", "user:1", "own"}, 100)); // NOLOOP: not reported
            t.push_back(other.send({"MSET", "user:2", "a", "room:9", "b", "misc", "c"}, 50));
            t.push_back(c.drain(150));
            t.push_back(c.send({"CLIENT", "INFO"}, 50).find("flags=tB ") != std::string::npos
                            ? "flags ok"
                            : "flags wrong");
            t.push_back(c.send({"CLIENT", "TRACKING", "OFF"}, 50));
            t.push_back(c.send({"CLIENT", "TRACKING", "ON", "BCAST"}, 50)); // every key
            t.push_back(c.send({"SET", "z", "1"}, 150));
            t.push_back(c.send({"CLIENT", "TRACKINGINFO"}, 50));
            return t;
        });
    }

    void resp2RedirectAndBrokenRedirect()
    {
        compareBoth([](TestServer &server) {
            RawConnection tracker(server.port());
            RawConnection sink(server.port());
            RawConnection other(server.port());
            std::vector<std::string> t;
            const std::string sinkId = idOf(sink.send({"CLIENT", "ID"}, 50));
            t.push_back(sink.send({"SUBSCRIBE", "__redis__:invalidate"}, 50));
            t.push_back(tracker.send({"CLIENT", "TRACKING", "ON", "REDIRECT", sinkId}, 50));
            t.push_back(withoutId(tracker.send({"CLIENT", "GETREDIR"}, 50), sinkId));
            t.push_back(tracker.send({"GET", "k"}, 50));
            t.push_back(other.send({"SET", "k", "1"}, 50));
            t.push_back(sink.drain(100));
            t.push_back(tracker.send({"GET", "k"}, 50));
            t.push_back(other.send({"FLUSHALL"}, 50));
            t.push_back(sink.drain(100));

            RawConnection resp3(server.port());
            resp3.send({"HELLO", "3"});
            std::string goneId;
            {
                RawConnection gone(server.port());
                goneId = idOf(gone.send({"CLIENT", "ID"}, 50));
                t.push_back(resp3.send({"CLIENT", "TRACKING", "ON", "REDIRECT", goneId}, 50));
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(100));
            t.push_back(resp3.send({"GET", "x"}, 50));
            t.push_back(other.send({"SET", "x", "1"}, 50));
            t.push_back(withoutId(resp3.drain(100), goneId));
            t.push_back(withoutId(resp3.send({"CLIENT", "TRACKINGINFO"}, 50), goneId));
            return t;
        });
    }

    void statsInInfo()
    {
        RawConnection c(m_pair.ours().port());
        c.send({"HELLO", "3"});
        c.send({"CLIENT", "TRACKING", "ON"});
        c.send({"MGET", "a", "b", "c"});
        RawConnection b(m_pair.ours().port());
        b.send({"CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "p"});
        RawConnection reader(m_pair.ours().port());
        const std::string info = reader.send({"INFO"});
        QVERIFY2(info.find("tracking_clients:2\r\n") != std::string::npos, info.c_str());
        QVERIFY2(info.find("tracking_total_keys:3\r\n") != std::string::npos, info.c_str());
        QVERIFY2(info.find("tracking_total_prefixes:1\r\n") != std::string::npos, info.c_str());
    }
};

QTEST_APPLESS_MAIN(TestTracking)
#include "tst_tracking.moc"
