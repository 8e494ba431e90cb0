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

// A command's reply followed by the invalidations it caused for its own connection (RESP3
// pushes come after the writer's reply): the pushes are fenced, not waited for in a window.
std::string ownWrite(RawConnection &c, const std::vector<std::string> &args)
{
    const std::string reply = c.sendForReply(args, 0);
    return reply + c.pending();
}

std::string withoutId(std::string text, const std::string &id)
{
    const std::string needle = ":" + id + "\r\n";
    for (size_t at = text.find(needle); at != std::string::npos; at = text.find(needle, at))
        text.replace(at, needle.size(), ":<id>\r\n");
    return text;
}

// Reads a set of keys with multi-key read commands, lets another client write them with
// multi-key writes, then has the tracker write some itself; the transcript includes every
// invalidation (on the tracker's own connection over RESP3, on a subscriber over RESP2).
std::vector<std::string> multiKeys(TestServer &server, bool resp3)
{
    RawConnection tracker(server.port());
    RawConnection sink(server.port());
    RawConnection other(server.port());
    std::vector<std::string> t;
    std::string sinkId;
    if (resp3) {
        tracker.sendForReply({"HELLO", "3"});
        t.push_back(tracker.sendForReply({"CLIENT", "TRACKING", "ON"}));
    } else {
        sinkId = idOf(sink.sendForReply({"CLIENT", "ID"}));
        t.push_back(sink.sendForReply({"SUBSCRIBE", "__redis__:invalidate"}));
        t.push_back(tracker.sendForReply({"CLIENT", "TRACKING", "ON", "REDIRECT", sinkId}));
    }
    RawConnection &messages = resp3 ? tracker : sink;
    for (const std::vector<std::string> &command :
         std::vector<std::vector<std::string>>{{"RPUSH", "src", "3", "1", "2"},
                                               {"SADD", "s1", "a", "b", "c"},
                                               {"SADD", "s2", "b", "c", "d"},
                                               {"GEOADD", "geo", "13.361389", "38.115556",
                                                "Palermo", "15.087269", "37.502669", "Catania"},
                                               {"XADD", "st", "1-1", "f", "v"},
                                               {"ZADD", "z1", "1", "a"},
                                               {"ZADD", "z2", "2", "b"},
                                               {"MSET", "str1", "abc", "str2", "abd"}})
        other.sendForReply(command, 0);
    const std::vector<std::vector<std::string>> reads = {
        {"SORT_RO", "src"},
        {"GEORADIUS_RO", "geo", "15", "37", "200", "km"},
        {"XREAD", "COUNT", "1", "STREAMS", "st", "0"},
        {"ZUNION", "2", "z1", "z2"},
        {"SINTERCARD", "2", "s1", "s2"},
        {"LCS", "str1", "str2"},
        {"OBJECT", "ENCODING", "s1"},
        {"MEMORY", "USAGE", "str2"},
        {"EXISTS", "dst", "gdst"},
        {"SMEMBERS", "sdst"},
        {"LRANGE", "ldst", "0", "-1"},
        {"EVAL", "return redis.call('get', KEYS[1])", "1", "ek"},
        {"EVAL_RO", "return redis.call('exists', KEYS[1])", "1", "ek2"},
        {"FCALL_RO", "nosuch", "1", "ek3"}, // an error: nothing is remembered
        {"CLIENT", "TRACKINGINFO"}};
    const std::vector<std::vector<std::string>> writes = {
        {"SORT", "src", "STORE", "dst"},
        {"GEORADIUS", "geo", "15", "37", "200", "km", "STORE", "gdst"},
        {"LMOVE", "src", "ldst", "LEFT", "RIGHT"},
        {"SINTERSTORE", "sdst", "s1", "s2"},
        {"EVAL", "redis.call('set', KEYS[1], 'x') redis.call('set', KEYS[2], 'y')", "3", "ek",
         "ek2", "ek3"},
        {"XADD", "st", "2-1", "f", "v"},
        {"ZUNIONSTORE", "z1", "2", "z1", "z2"},
        {"SETRANGE", "str1", "0", "x"},
        {"MSET", "str2", "q", "nothing", "here"},
        {"SREM", "s1", "a", "b"},
        {"DEL", "s2", "src"}};
    for (const auto &command : reads) {
        const std::string reply = tracker.sendForReply(command, 20);
        // MEMORY USAGE's figure is each server's own.
        t.push_back(command[0] == "MEMORY" ? reply.substr(0, 1) : withoutId(reply, sinkId));
    }
    for (const auto &command : writes) {
        t.push_back(other.sendForReply(command, 20));
        t.push_back(messages.pending());
    }
    // The tracker's own multi-key writes: its reply, then one invalidation per key.
    for (const auto &command : reads)
        tracker.sendForReply(command, 20);
    if (!resp3) t.push_back(messages.pending());
    for (const auto &command : writes) {
        t.push_back(ownWrite(tracker, command));
        if (!resp3) t.push_back(messages.pending());
    }
    // GEO and z2 were read but never written: still in the table, on both servers.
    const std::string info = other.sendForReply({"INFO", "stats"});
    const size_t keys = info.find("tracking_total_keys:");
    t.push_back(keys == std::string::npos ? "no field"
                                          : info.substr(keys, info.find('\r', keys) - keys));
    return t;
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
            RawConnection(server->port()).sendForReply({"FLUSHALL"});
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
                     {"CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "ab", "PREFIX", "cd",
                      "NOLOOP"},
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
                t.push_back(c.sendForReply(command));
            return t;
        });
    }

    void defaultModeResp3()
    {
        compareBoth([](TestServer &server) {
            RawConnection c(server.port());
            RawConnection other(server.port());
            std::vector<std::string> t;
            c.sendForReply({"HELLO", "3"});
            t.push_back(c.sendForReply({"CLIENT", "TRACKING", "ON"}));
            t.push_back(c.sendForReply({"GET", "k"}));
            t.push_back(ownWrite(c, {"SET", "k", "2"})); // reply first, then the invalidation
            t.push_back(c.sendForReply({"MGET", "k", "j"}));
            t.push_back(ownWrite(c, {"MSET", "k", "3", "j", "4", "x", "5"}));
            t.push_back(c.sendForReply({"GET", "k"}));
            t.push_back(other.sendForReply({"INCR", "k"})); // someone else's write
            t.push_back(c.pending());
            t.push_back(other.sendForReply({"INCR", "k"})); // forgotten after one invalidation
            t.push_back(c.pending());
            t.push_back(c.sendForReply({"GET", "k"}));
            t.push_back(other.sendForReply({"PEXPIRE", "k", "1"}));
            t.push_back(c.awaitReply()); // expiry invalidates too (on the cron's schedule)
            t.push_back(c.sendForReply({"HGETALL", "h"}));
            t.push_back(other.sendForReply({"DEL", "h"})); // nothing to delete: no message
            t.push_back(other.sendForReply({"HSET", "h", "f", "v"}));
            t.push_back(c.pending());
            t.push_back(c.sendForReply({"GET", "k"}));
            t.push_back(other.sendForReply({"FLUSHALL"}));
            t.push_back(c.pending());
            t.push_back(ownWrite(c, {"FLUSHDB"}));
            t.push_back(c.sendForReply({"CLIENT", "TRACKING", "ON", "NOLOOP"}));
            t.push_back(c.sendForReply({"GET", "n"}));
            t.push_back(ownWrite(c, {"SET", "n", "1"})); // its own write: no message
            t.push_back(c.sendForReply({"CLIENT", "LIST", "ID", "0"}));
            return t;
        });
    }

    void optinOptoutCaching()
    {
        compareBoth([](TestServer &server) {
            RawConnection c(server.port());
            RawConnection other(server.port());
            std::vector<std::string> t;
            c.sendForReply({"HELLO", "3"});
            t.push_back(c.sendForReply({"CLIENT", "TRACKING", "ON", "OPTIN"}));
            c.sendForReply({"GET", "o1"});
            t.push_back(c.sendForReply({"CLIENT", "CACHING", "YES"}));
            c.sendForReply({"GET", "o2"});
            c.sendForReply({"GET", "o3"}); // the YES was for one command
            t.push_back(other.sendForReply({"MSET", "o1", "1", "o2", "2", "o3", "3"}));
            t.push_back(c.pending());
            t.push_back(c.sendForReply({"CLIENT", "TRACKING", "OFF"}));
            t.push_back(c.sendForReply({"CLIENT", "TRACKING", "ON", "OPTOUT"}));
            c.sendForReply({"GET", "p1"});
            t.push_back(c.sendForReply({"CLIENT", "CACHING", "NO"}));
            c.sendForReply({"GET", "p2"});
            t.push_back(other.sendForReply({"MSET", "p1", "1", "p2", "2"}));
            t.push_back(c.pending());
            return t;
        });
    }

    void broadcastPrefixes()
    {
        compareBoth([](TestServer &server) {
            RawConnection c(server.port());
            RawConnection other(server.port());
            std::vector<std::string> t;
            c.sendForReply({"HELLO", "3"});
            t.push_back(c.sendForReply({"CLIENT", "TRACKING", "ON", "BCAST", "PREFIX",
                                        "user:", "PREFIX", "room:", "NOLOOP"}));
            t.push_back(ownWrite(c, {"SET", "user:1", "own"})); // NOLOOP: not reported
            t.push_back(other.sendForReply({"MSET", "user:2", "a", "room:9", "b", "misc", "c"}));
            t.push_back(c.pending());
            t.push_back(c.sendForReply({"CLIENT", "INFO"}).find("flags=tB ") != std::string::npos
                            ? "flags ok"
                            : "flags wrong");
            t.push_back(c.sendForReply({"CLIENT", "TRACKING", "OFF"}));
            t.push_back(c.sendForReply({"CLIENT", "TRACKING", "ON", "BCAST"})); // every key
            t.push_back(ownWrite(c, {"SET", "z", "1"}));
            t.push_back(c.sendForReply({"CLIENT", "TRACKINGINFO"}));
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
            const std::string sinkId = idOf(sink.sendForReply({"CLIENT", "ID"}));
            t.push_back(sink.sendForReply({"SUBSCRIBE", "__redis__:invalidate"}));
            t.push_back(tracker.sendForReply({"CLIENT", "TRACKING", "ON", "REDIRECT", sinkId}));
            t.push_back(withoutId(tracker.sendForReply({"CLIENT", "GETREDIR"}), sinkId));
            t.push_back(tracker.sendForReply({"GET", "k"}));
            t.push_back(other.sendForReply({"SET", "k", "1"}));
            t.push_back(sink.pending());
            t.push_back(tracker.sendForReply({"GET", "k"}));
            t.push_back(other.sendForReply({"FLUSHALL"}));
            t.push_back(sink.pending());

            RawConnection resp3(server.port());
            resp3.sendForReply({"HELLO", "3"});
            std::string goneId;
            {
                RawConnection gone(server.port());
                goneId = idOf(gone.sendForReply({"CLIENT", "ID"}));
                t.push_back(resp3.sendForReply({"CLIENT", "TRACKING", "ON", "REDIRECT", goneId}));
            }
            // The server must have seen the redirect target go before the next write.
            for (int waited = 0; waited < 10000; waited += 10) {
                if (other.sendForReply({"CLIENT", "LIST", "ID", goneId}, 0).find("id=") ==
                    std::string::npos)
                    break;
                std::this_thread::sleep_for(std::chrono::milliseconds(10));
            }
            t.push_back(resp3.sendForReply({"GET", "x"}));
            t.push_back(other.sendForReply({"SET", "x", "1"}));
            t.push_back(withoutId(resp3.pending(), goneId));
            t.push_back(withoutId(resp3.sendForReply({"CLIENT", "TRACKINGINFO"}), goneId));
            return t;
        });
    }

    // Keys found by the key specs, as COMMAND GETKEYS finds them: multi-key reads remember
    // every key (ZUNION's and SINTERCARD's counted keys, XREAD's streams, LCS's two, OBJECT
    // and MEMORY subcommands, commands run by EVAL for its caller, EXISTS's missing keys), and
    // multi-key writes (SORT STORE, GEORADIUS STORE, LMOVE, SINTERSTORE, a script's SETs,
    // ZUNIONSTORE) invalidate each key they touch, over RESP3 pushes and RESP2 redirection.
    void multiKeyCommandsResp3()
    {
        compareBoth([](TestServer &s) { return multiKeys(s, true); });
    }
    void multiKeyCommandsResp2Redirect()
    {
        compareBoth([](TestServer &s) { return multiKeys(s, false); });
    }

    void statsInInfo()
    {
        RawConnection c(m_pair.ours().port());
        c.sendForReply({"HELLO", "3"});
        c.sendForReply({"CLIENT", "TRACKING", "ON"});
        c.sendForReply({"MGET", "a", "b", "c"});
        RawConnection b(m_pair.ours().port());
        b.sendForReply({"CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", "p"});
        RawConnection reader(m_pair.ours().port());
        const std::string info = reader.sendForReply({"INFO"});
        QVERIFY2(info.find("tracking_clients:2\r\n") != std::string::npos, info.c_str());
        QVERIFY2(info.find("tracking_total_keys:3\r\n") != std::string::npos, info.c_str());
        QVERIFY2(info.find("tracking_total_prefixes:1\r\n") != std::string::npos, info.c_str());
    }
};

QTEST_APPLESS_MAIN(TestTracking)
#include "tst_tracking.moc"
