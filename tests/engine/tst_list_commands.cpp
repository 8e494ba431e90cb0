// The list family against Debian's redis-server side by side: every deterministic command
// sequence runs on both servers and the replies must match word for word. The blocking
// commands (BLPOP, BRPOP, BLMOVE, BRPOPLPUSH) are driven with several hiredis connections
// per server: one client blocks, another writes, and the transcripts of both servers are
// compared, plus direct asserts on order of service, timeouts and disconnects.
#include "raw_connection.h"
#include "side_by_side.h"

#include <QtTest>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

using redscope::test::joinArgs;
using redscope::test::RawConnection;
using redscope::test::RedisTestClient;
using redscope::test::Script;
using redscope::test::ServerPair;
using redscope::test::TestServer;

namespace {

// Sends a command without waiting for its reply (the client is about to block).
void sendOnly(RedisTestClient &client, const std::vector<std::string> &args)
{
    client.append(args);
    int done = 0;
    while (!done)
        if (redisBufferWrite(client.context(), &done) != REDIS_OK) return;
}

// Polls INFO clients until the server reports `count` blocked clients (3 s at most).
bool waitBlocked(RedisTestClient &client, int count)
{
    std::string wanted = "blocked_clients:" + std::to_string(count) + "\r\n";
    std::string last;
    for (int i = 0; i < 300; ++i) {
        last = client.run({"INFO", "clients"});
        if (last.find(wanted) != std::string::npos) return true;
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    qWarning("waitBlocked(%d): %s", count, last.c_str());
    return false;
}

} // namespace

// QCOMPARE for std::string that prints both values.
#define COMPARE_TEXT(actual, expected)                                                             \
    do {                                                                                           \
        const std::string a_ = (actual), e_ = (expected);                                          \
        QVERIFY2(a_ == e_, ("\n   got:  " + a_ + "\n   want: " + e_).c_str());                     \
    } while (false)

class TestListCommands : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair;

    // Runs the script on both servers; returns a description of every differing reply.
    std::string compare(const Script &script) { return m_pair.compare(script); }

    // Runs a blocking scenario against both servers and checks both transcripts agree.
    void bothTranscripts(const std::function<std::vector<std::string>(int port)> &scenario,
                         std::vector<std::string> *ours)
    {
        *ours = scenario(m_pair.ours().port());
        std::vector<std::string> theirs = scenario(m_pair.redis().port());
        COMPARE_TEXT(joinArgs(*ours), joinArgs(theirs));
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error, true, {"--enable-debug-command", "yes"}), error.c_str());
    }

    void init() { QCOMPARE(compare({{"FLUSHALL"}}), std::string()); }

    void pushAndPop()
    {
        std::string diff = compare({
            {"LPUSH", "l", "a", "b", "c"},
            {"RPUSH", "l", "d"},
            {"LRANGE", "l", "0", "-1"},
            {"LPUSHX", "nokey", "a"},
            {"RPUSHX", "nokey", "a"},
            {"EXISTS", "nokey"},
            {"LPUSHX", "l", "x", "y"},
            {"RPUSHX", "l", "z"},
            {"LLEN", "l"},
            {"LPOP", "l"},
            {"RPOP", "l"},
            {"LPOP", "l", "2"},
            {"RPOP", "l", "0"},
            {"RPOP", "l", "100"},
            {"EXISTS", "l"},
            {"LPOP", "l"},
            {"LPOP", "l", "1"},
            {"LPOP", "l", "-1"},
            {"LPOP", "l", "abc"},
            {"LPOP", "l", "1", "2"},
            {"SET", "s", "v"},
            {"LPUSH", "s", "a"},
            {"LPOP", "s"},
            {"LPOP", "s", "1"},
            {"LLEN", "s"},
            {"LLEN", "nokey"},
            {"LPUSH", "l"},
            {"RPUSH", "e", ""},
            {"LRANGE", "e", "0", "-1"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
        // Targeted: the count form answers a null array for a missing key.
        QCOMPARE(m_pair.oursClient().run({"LPOP", "missing", "3"}), std::string("(nil)"));
    }

    void rangesAndIndexes()
    {
        std::string diff = compare({
            {"RPUSH", "l", "0", "1", "2", "3", "4", "5", "6"},
            {"LRANGE", "l", "0", "2"},
            {"LRANGE", "l", "-3", "-1"},
            {"LRANGE", "l", "-100", "100"},
            {"LRANGE", "l", "5", "2"},
            {"LRANGE", "l", "7", "10"},
            {"LRANGE", "l", "-1", "-2"},
            {"LRANGE", "l", "a", "1"},
            {"LRANGE", "nokey", "0", "-1"},
            {"LINDEX", "l", "0"},
            {"LINDEX", "l", "-1"},
            {"LINDEX", "l", "7"},
            {"LINDEX", "l", "-8"},
            {"LINDEX", "l", "x"},
            {"LINDEX", "nokey", "0"},
            {"LSET", "l", "1", "one"},
            {"LSET", "l", "-1", "last"},
            {"LSET", "l", "7", "x"},
            {"LSET", "nokey", "0", "x"},
            {"LSET", "l", "x", "y"},
            {"LRANGE", "l", "0", "-1"},
            {"SET", "s", "v"},
            {"LRANGE", "s", "0", "1"},
            {"LINDEX", "s", "0"},
            {"LSET", "s", "0", "x"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void remTrimInsert()
    {
        std::string diff = compare({
            {"RPUSH", "l", "a", "b", "a", "c", "a", "b", "a"},
            {"LREM", "l", "2", "a"},
            {"LRANGE", "l", "0", "-1"},
            {"LREM", "l", "-1", "a"},
            {"LRANGE", "l", "0", "-1"},
            {"LREM", "l", "0", "b"},
            {"LRANGE", "l", "0", "-1"},
            {"LREM", "l", "0", "zz"},
            {"LREM", "l", "x", "a"},
            {"LREM", "nokey", "0", "a"},
            {"LREM", "l", "-9223372036854775808", "a"},
            {"LRANGE", "l", "0", "-1"},
            {"LREM", "l", "0", "c"},
            {"EXISTS", "l"},
            {"RPUSH", "t", "0", "1", "2", "3", "4", "5"},
            {"LTRIM", "t", "1", "-2"},
            {"LRANGE", "t", "0", "-1"},
            {"LTRIM", "t", "-2", "100"},
            {"LRANGE", "t", "0", "-1"},
            {"LTRIM", "t", "1", "0"},
            {"EXISTS", "t"},
            {"LTRIM", "nokey", "0", "1"},
            {"LTRIM", "t", "a", "1"},
            {"RPUSH", "i", "a", "c"},
            {"LINSERT", "i", "BEFORE", "c", "b"},
            {"LINSERT", "i", "after", "c", "d"},
            {"LINSERT", "i", "AFTER", "zz", "x"},
            {"LINSERT", "i", "MIDDLE", "c", "x"},
            {"LINSERT", "nokey", "BEFORE", "a", "x"},
            {"LRANGE", "i", "0", "-1"},
            {"SET", "s", "v"},
            {"LINSERT", "s", "BEFORE", "a", "b"},
            {"LTRIM", "s", "0", "1"},
            {"LREM", "s", "0", "a"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void lposOptions()
    {
        std::string diff = compare({
            {"RPUSH", "l", "a", "b", "c", "1", "2", "3", "c", "c"},
            {"LPOS", "l", "c"},
            {"LPOS", "l", "c", "RANK", "2"},
            {"LPOS", "l", "c", "RANK", "-1"},
            {"LPOS", "l", "c", "RANK", "-3"},
            {"LPOS", "l", "c", "RANK", "4"},
            {"LPOS", "l", "c", "COUNT", "2"},
            {"LPOS", "l", "c", "COUNT", "0"},
            {"LPOS", "l", "c", "COUNT", "0", "RANK", "-1"},
            {"LPOS", "l", "c", "COUNT", "0", "MAXLEN", "7"},
            {"LPOS", "l", "c", "RANK", "-1", "MAXLEN", "1"},
            {"LPOS", "l", "zz"},
            {"LPOS", "l", "zz", "COUNT", "0"},
            {"LPOS", "nokey", "a"},
            {"LPOS", "nokey", "a", "COUNT", "1"},
            {"LPOS", "l", "c", "RANK", "0"},
            {"LPOS", "l", "c", "COUNT", "-1"},
            {"LPOS", "l", "c", "MAXLEN", "-1"},
            {"LPOS", "l", "c", "RANK"},
            {"LPOS", "l", "c", "FOO", "1"},
            {"LPOS", "l", "c", "RANK", "x"},
            {"LPOS", "l", "c", "RANK", "-9223372036854775808"},
            {"SET", "s", "v"},
            {"LPOS", "s", "a"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void moveFamily()
    {
        std::string diff = compare({
            {"RPUSH", "src", "a", "b", "c"},
            {"LMOVE", "src", "dst", "LEFT", "RIGHT"},
            {"LMOVE", "src", "dst", "right", "left"},
            {"LRANGE", "dst", "0", "-1"},
            {"LRANGE", "src", "0", "-1"},
            {"RPOPLPUSH", "src", "dst"},
            {"EXISTS", "src"},
            {"LRANGE", "dst", "0", "-1"},
            {"RPOPLPUSH", "dst", "dst"},
            {"LRANGE", "dst", "0", "-1"},
            {"LMOVE", "dst", "dst", "LEFT", "RIGHT"},
            {"LRANGE", "dst", "0", "-1"},
            {"LMOVE", "nokey", "dst", "LEFT", "LEFT"},
            {"LMOVE", "dst", "x", "UP", "LEFT"},
            {"SET", "str", "v"},
            {"LMOVE", "dst", "str", "LEFT", "LEFT"},
            {"LMOVE", "str", "dst", "LEFT", "LEFT"},
            {"LMOVE", "nokey", "str", "LEFT", "LEFT"},
            {"RPOPLPUSH", "dst", "str"},
            {"LLEN", "dst"},
            {"RPUSH", "one", "x"},
            {"RPOPLPUSH", "one", "one"},
            {"LRANGE", "one", "0", "-1"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void blockingArgumentErrors()
    {
        std::string diff = compare({
            {"BLPOP", "q", "abc"},
            {"BLPOP", "q", "-1"},
            {"BLPOP", "q", " 1"},
            {"BLPOP", "q", "inf"},
            {"BLPOP", "q", "1e20"},
            {"BRPOP", "q", "nan"},
            {"BLMOVE", "a", "b", "LEFT", "UP", "1"},
            {"BLMOVE", "a", "b", "LEFT", "LEFT", "x"},
            {"BRPOPLPUSH", "a", "b", "-0.5"},
            {"SET", "s", "v"},
            {"BLPOP", "s", "1"},
            {"BLPOP", "nokey", "s", "1"},
            {"BLMOVE", "s", "d", "LEFT", "LEFT", "1"},
            {"RPUSH", "l", "a", "b", "c", "d"},
            {"BLPOP", "nokey", "l", "0"},
            {"BRPOP", "l", "s", "0"},
            {"BLMOVE", "l", "s", "LEFT", "LEFT", "0"},
            {"BRPOPLPUSH", "l", "d", "0"},
            {"LRANGE", "d", "0", "-1"},
            {"EXISTS", "l"},
            // Inside a transaction nothing blocks: nil at once.
            {"MULTI"},
            {"BLPOP", "empty", "0"},
            {"BRPOP", "empty", "0"},
            {"BLMOVE", "empty", "x", "LEFT", "LEFT", "0"},
            {"BRPOPLPUSH", "empty", "x", "0"},
            {"EXEC"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void blpopServedByPushFromAnotherClient()
    {
        std::vector<std::string> transcript;
        bothTranscripts(
            [](int port) {
                RedisTestClient waiter("127.0.0.1", port), writer("127.0.0.1", port);
                writer.run({"FLUSHALL"});
                sendOnly(waiter, {"BLPOP", "q", "5"});
                std::vector<std::string> out{waitBlocked(writer, 1) ? "blocked" : "not blocked"};
                out.push_back(writer.run({"LPUSH", "q", "v"}));
                out.push_back(waiter.readReply());
                out.push_back(writer.run({"EXISTS", "q"}));
                out.push_back(waitBlocked(writer, 0) ? "unblocked" : "still blocked");
                return out;
            },
            &transcript);
        COMPARE_TEXT(joinArgs(transcript), std::string("blocked :1 *[$q,$v] :0 unblocked"));
    }

    // Regression: a key overwritten with another type (SET q, ZADD q) while a client waits
    // on it must leave the client waiting, not answer WRONGTYPE; the next list serves it.
    void blpopKeepsWaitingWhenKeyBecomesAnotherType()
    {
        std::vector<std::string> transcript;
        bothTranscripts(
            [](int port) {
                RedisTestClient waiter("127.0.0.1", port), writer("127.0.0.1", port);
                writer.run({"FLUSHALL"});
                sendOnly(waiter, {"BLPOP", "q", "5"});
                std::vector<std::string> out{waitBlocked(writer, 1) ? "blocked" : "not blocked"};
                out.push_back(writer.run({"SET", "q", "str"}));
                out.push_back(waitBlocked(writer, 1) ? "still blocked" : "unblocked");
                out.push_back(writer.run({"DEL", "q"}));
                out.push_back(writer.run({"ZADD", "q", "1", "m"}));
                out.push_back(waitBlocked(writer, 1) ? "still blocked" : "unblocked");
                out.push_back(writer.run({"DEL", "q"}));
                out.push_back(writer.run({"RPUSH", "q", "v"}));
                out.push_back(waiter.readReply());
                out.push_back(waitBlocked(writer, 0) ? "unblocked" : "still blocked");
                return out;
            },
            &transcript);
        COMPARE_TEXT(joinArgs(transcript), std::string("blocked +OK still blocked :1 :1 still "
                                                       "blocked :1 :1 *[$q,$v] unblocked"));
    }

    void waitersAreServedInArrivalOrder()
    {
        std::vector<std::string> transcript;
        bothTranscripts(
            [](int port) {
                RedisTestClient writer("127.0.0.1", port);
                writer.run({"FLUSHALL"});
                std::vector<std::unique_ptr<RedisTestClient>> waiters;
                std::vector<std::string> out;
                for (int i = 0; i < 3; ++i) {
                    waiters.push_back(std::make_unique<RedisTestClient>("127.0.0.1", port));
                    sendOnly(*waiters.back(), {i == 1 ? "BRPOP" : "BLPOP", "q", "5"});
                    if (!waitBlocked(writer, i + 1)) out.push_back("not blocked");
                }
                out.push_back(writer.run({"RPUSH", "q", "x", "y"}));
                out.push_back(waiters[0]->readReply());
                out.push_back(waiters[1]->readReply());
                out.push_back(waitBlocked(writer, 1) ? "one left" : "wrong count");
                out.push_back(writer.run({"RPUSH", "q", "z"}));
                out.push_back(waiters[2]->readReply());
                return out;
            },
            &transcript);
        COMPARE_TEXT(joinArgs(transcript), std::string(":2 *[$q,$x] *[$q,$y] one left :1 *[$q,$z]"));
    }

    void timeoutRepliesNil()
    {
        for (int port : {m_pair.ours().port(), m_pair.redis().port()}) {
            RedisTestClient client("127.0.0.1", port);
            for (const std::vector<std::string> &args :
                 {std::vector<std::string>{"BLPOP", "none1", "none2", "0.3"},
                  std::vector<std::string>{"BLMOVE", "none1", "x", "LEFT", "LEFT", "0.3"},
                  std::vector<std::string>{"BRPOPLPUSH", "none1", "x", "0.3"}}) {
                auto started = std::chrono::steady_clock::now();
                QCOMPARE(client.run(args), std::string("(nil)"));
                auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(
                                   std::chrono::steady_clock::now() - started)
                                   .count();
                QVERIFY2(elapsed >= 250 && elapsed < 1500, std::to_string(elapsed).c_str());
            }
            QCOMPARE(client.run({"PING"}), std::string("+PONG")); // usable after a timeout
        }
    }

    void blmoveFeedsAnotherBlockedClient()
    {
        std::vector<std::string> transcript;
        bothTranscripts(
            [](int port) {
                RedisTestClient mover("127.0.0.1", port), popper("127.0.0.1", port),
                    writer("127.0.0.1", port);
                writer.run({"FLUSHALL"});
                sendOnly(mover, {"BLMOVE", "src", "dst", "RIGHT", "LEFT", "5"});
                std::vector<std::string> out{waitBlocked(writer, 1) ? "b1" : "no"};
                sendOnly(popper, {"BLPOP", "dst", "5"});
                out.push_back(waitBlocked(writer, 2) ? "b2" : "no");
                out.push_back(writer.run({"RPUSH", "src", "a", "b"}));
                out.push_back(mover.readReply());
                out.push_back(popper.readReply());
                out.push_back(writer.run({"LRANGE", "src", "0", "-1"}));
                out.push_back(writer.run({"EXISTS", "dst"}));
                // BLMOVE into a list that stays: the element lands at the chosen end.
                writer.run({"RPUSH", "dst2", "old"});
                sendOnly(mover, {"BLMOVE", "src2", "dst2", "LEFT", "RIGHT", "5"});
                out.push_back(waitBlocked(writer, 1) ? "b3" : "no");
                out.push_back(writer.run({"LPUSH", "src2", "new"}));
                out.push_back(mover.readReply());
                out.push_back(writer.run({"LRANGE", "dst2", "0", "-1"}));
                return out;
            },
            &transcript);
        COMPARE_TEXT(joinArgs(transcript),
                     std::string("b1 b2 :2 $b *[$dst,$b] *[$a] :0 b3 :1 $new *[$old,$new]"));
    }

    void blpopOnSeveralKeys()
    {
        std::vector<std::string> transcript;
        bothTranscripts(
            [](int port) {
                RedisTestClient waiter("127.0.0.1", port), writer("127.0.0.1", port);
                writer.run({"FLUSHALL"});
                std::vector<std::string> out;
                sendOnly(waiter, {"BRPOP", "k1", "k2", "k3", "5"});
                out.push_back(waitBlocked(writer, 1) ? "blocked" : "no");
                out.push_back(writer.run({"RPUSH", "k3", "x", "y"}));
                out.push_back(waiter.readReply());
                // Data in two keys: the first key in argument order wins.
                writer.run({"RPUSH", "k2", "z"});
                out.push_back(waiter.run({"BLPOP", "k1", "k3", "k2", "5"}));
                // A pipelined command behind the blocked one runs once it is served.
                sendOnly(waiter, {"BLPOP", "k9", "5"});
                sendOnly(waiter, {"PING"});
                out.push_back(waitBlocked(writer, 1) ? "blocked" : "no");
                out.push_back(writer.run({"LPUSH", "k9", "v"}));
                out.push_back(waiter.readReply());
                out.push_back(waiter.readReply());
                return out;
            },
            &transcript);
        COMPARE_TEXT(joinArgs(transcript),
                     std::string("blocked :2 *[$k3,$y] *[$k3,$x] blocked :1 *[$k9,$v] +PONG"));
    }

    void blockedClientDisconnecting()
    {
        std::vector<std::string> transcript;
        bothTranscripts(
            [](int port) {
                RedisTestClient writer("127.0.0.1", port);
                writer.run({"FLUSHALL"});
                std::vector<std::string> out;
                auto first = std::make_unique<RedisTestClient>("127.0.0.1", port);
                RedisTestClient second("127.0.0.1", port);
                sendOnly(*first, {"BLPOP", "q", "0"});
                out.push_back(waitBlocked(writer, 1) ? "b1" : "no");
                sendOnly(second, {"BLPOP", "q", "0"});
                out.push_back(waitBlocked(writer, 2) ? "b2" : "no");
                first.reset(); // closes the socket while blocked
                out.push_back(waitBlocked(writer, 1) ? "gone" : "no");
                out.push_back(writer.run({"RPUSH", "q", "a", "b"}));
                out.push_back(second.readReply());
                out.push_back(writer.run({"LRANGE", "q", "0", "-1"}));
                return out;
            },
            &transcript);
        COMPARE_TEXT(joinArgs(transcript), std::string("b1 b2 gone :2 *[$q,$a] *[$b]"));
    }

    void swapdbWakesWaiter()
    {
        std::vector<std::string> transcript;
        bothTranscripts(
            [](int port) {
                RedisTestClient waiter("127.0.0.1", port), writer("127.0.0.1", port);
                writer.run({"FLUSHALL"});
                std::vector<std::string> out;
                sendOnly(waiter, {"BLPOP", "q", "5"});
                out.push_back(waitBlocked(writer, 1) ? "blocked" : "no");
                writer.run({"SELECT", "1"});
                out.push_back(writer.run({"RPUSH", "q", "v"}));
                out.push_back(writer.run({"SWAPDB", "0", "1"}));
                out.push_back(waiter.readReply());
                out.push_back(writer.run({"DBSIZE"}));
                return out;
            },
            &transcript);
        COMPARE_TEXT(joinArgs(transcript), std::string("blocked :1 +OK *[$q,$v] :0"));
    }

    // AOF must never see a blocking command: a served BLPOP/BLMOVE (at once or after waiting)
    // is written as LPOP/LMOVE so that replay cannot block.
    void blockingPopsPropagateAsNonBlocking()
    {
        auto server = TestServer::startRedscope({"--appendonly", "yes", "--appendfsync", "always"});
        QVERIFY2(server->ok(), server->error().c_str());
        RedisTestClient waiter("127.0.0.1", server->port()), writer("127.0.0.1", server->port());
        writer.run({"RPUSH", "q", "a", "b"});
        QCOMPARE(writer.run({"BRPOP", "q", "0"}), std::string("*[$q,$b]"));
        QCOMPARE(writer.run({"BLMOVE", "q", "d", "LEFT", "RIGHT", "0"}), std::string("$a"));
        sendOnly(waiter, {"BLPOP", "q", "0"});
        QVERIFY(waitBlocked(writer, 1));
        QCOMPARE(writer.run({"RPUSH", "q", "c"}), std::string(":1"));
        QCOMPARE(waiter.readReply(), std::string("*[$q,$c]"));
        std::string aof;
        for (int attempt = 0; attempt < 100 && aof.find("LPOP") == std::string::npos; ++attempt) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            aof.clear();
            std::error_code ignored;
            for (const auto &entry :
                 std::filesystem::recursive_directory_iterator(server->directory(), ignored)) {
                if (entry.path().string().ends_with(".aof")) {
                    std::ifstream in(entry.path(), std::ios::binary);
                    aof += std::string(std::istreambuf_iterator<char>(in), {});
                }
            }
        }
        QVERIFY2(aof.find("*2\r\n$4\r\nRPOP\r\n$1\r\nq\r\n") != std::string::npos, aof.c_str());
        QVERIFY2(aof.find("$5\r\nLMOVE\r\n$1\r\nq\r\n$1\r\nd\r\n$4\r\nLEFT\r\n$5\r\nRIGHT") !=
                     std::string::npos,
                 aof.c_str());
        QVERIFY2(aof.find("*2\r\n$4\r\nLPOP\r\n$1\r\nq\r\n") != std::string::npos, aof.c_str());
        QVERIFY2(aof.find("BLPOP") == std::string::npos && aof.find("BRPOP") == std::string::npos &&
                     aof.find("BLMOVE") == std::string::npos,
                 aof.c_str());
    }

    void transactionWakesWaiterAfterExec()
    {
        std::vector<std::string> transcript;
        bothTranscripts(
            [](int port) {
                RedisTestClient waiter("127.0.0.1", port), writer("127.0.0.1", port);
                writer.run({"FLUSHALL"});
                std::vector<std::string> out;
                sendOnly(waiter, {"BLPOP", "q", "5"});
                out.push_back(waitBlocked(writer, 1) ? "blocked" : "no");
                // Pushed and popped inside one EXEC: the waiter never sees the element.
                writer.run({"MULTI"});
                writer.run({"RPUSH", "q", "a", "b"});
                writer.run({"LPOP", "q"});
                out.push_back(writer.run({"EXEC"}));
                out.push_back(waiter.readReply());
                out.push_back(writer.run({"LLEN", "q"}));
                return out;
            },
            &transcript);
        COMPARE_TEXT(joinArgs(transcript), std::string("blocked *[:2,$a] *[$q,$b] :0"));
    }

    // ---- LMPOP / BLMPOP (issue 21)

    void lmpopOptionsAndErrors()
    {
        std::string diff = compare({
            {"LMPOP", "0", "a", "LEFT"},
            {"LMPOP", "x", "a", "LEFT"},
            {"LMPOP", "-1", "a", "LEFT"},
            {"LMPOP", "99999999999999999999", "a", "LEFT"},
            {"LMPOP", "2", "a", "LEFT"},
            {"LMPOP", "1", "a", "UP"},
            {"LMPOP", "1", "a", "LEFT", "COUNT"},
            {"LMPOP", "1", "a", "LEFT", "COUNT", "0"},
            {"LMPOP", "1", "a", "LEFT", "COUNT", "x"},
            {"LMPOP", "1", "a", "LEFT", "COUNT", "1", "COUNT", "2"},
            {"LMPOP", "1", "a", "left", "foo"},
            {"LMPOP", "1", "nokey", "LEFT"},
            {"RPUSH", "l", "a", "b", "c", "d"},
            {"LMPOP", "2", "nokey", "l", "LEFT"},
            {"LMPOP", "2", "nokey", "l", "right", "COUNT", "2"},
            {"LMPOP", "1", "l", "LEFT", "COUNT", "10"},
            {"EXISTS", "l"},
            {"SET", "s", "x"},
            {"RPUSH", "l", "a"},
            {"LMPOP", "2", "s", "l", "LEFT"},
            {"LMPOP", "2", "l", "s", "LEFT"},
            {"LMPOP", "2", "nokey", "s", "LEFT"},
            {"BLMPOP", "x", "1", "nokey", "LEFT"},
            {"BLMPOP", "-1", "1", "nokey", "LEFT"},
            {"BLMPOP", "x", "0", "nokey", "LEFT"},
            {"BLMPOP", "x", "1", "nokey", "UP"},
            {"RPUSH", "l", "b", "c"},
            {"BLMPOP", "0", "2", "nokey", "l", "RIGHT", "COUNT", "5"},
            {"BLMPOP", "0.01", "1", "nokey", "LEFT"},
            {"MULTI"},
            {"BLMPOP", "0", "1", "nokey", "LEFT"},
            {"EXEC"},
        });
        QVERIFY2(diff.empty(), diff.c_str());
    }

    void blmpopServedByPushFromAnotherClient()
    {
        std::vector<std::string> transcript;
        bothTranscripts(
            [](int port) {
                RedisTestClient waiter("127.0.0.1", port), writer("127.0.0.1", port);
                writer.run({"FLUSHALL"});
                sendOnly(waiter, {"BLMPOP", "5", "2", "q1", "q2", "RIGHT", "COUNT", "2"});
                std::vector<std::string> out{waitBlocked(writer, 1) ? "blocked" : "not blocked"};
                out.push_back(writer.run({"SET", "q1", "str"}));
                out.push_back(waitBlocked(writer, 1) ? "still blocked" : "unblocked");
                out.push_back(writer.run({"RPUSH", "q2", "a", "b", "c"}));
                out.push_back(waiter.readReply());
                out.push_back(writer.run({"LRANGE", "q2", "0", "-1"}));
                out.push_back(waitBlocked(writer, 0) ? "unblocked" : "still blocked");
                return out;
            },
            &transcript);
        COMPARE_TEXT(joinArgs(transcript),
                     std::string("blocked +OK still blocked :3 *[$q2,*[$c,$b]] *[$a] unblocked"));
    }

    void blmpopTimesOutWithNullArray()
    {
        for (int port : {m_pair.ours().port(), m_pair.redis().port()}) {
            RawConnection client(port);
            // Awaited rather than sampled in a window; a timeout ignored still fails (no reply
            // in 10 s, or one later than 5 s).
            const auto start = std::chrono::steady_clock::now();
            QCOMPARE(client.sendForReply({"BLMPOP", "0.2", "1", "none", "LEFT"}),
                     std::string("*-1\r\n"));
            QVERIFY(std::chrono::steady_clock::now() - start < std::chrono::seconds(5));
        }
    }

    void lmpopPropagatesAsPops()
    {
        auto server = TestServer::startRedscope({"--appendonly", "yes", "--appendfsync", "always"});
        QVERIFY2(server->ok(), server->error().c_str());
        RedisTestClient writer("127.0.0.1", server->port());
        writer.run({"RPUSH", "q", "a", "b", "c"});
        QCOMPARE(writer.run({"LMPOP", "1", "q", "RIGHT", "COUNT", "2"}),
                 std::string("*[$q,*[$c,$b]]"));
        QCOMPARE(writer.run({"BLMPOP", "0", "1", "q", "LEFT", "COUNT", "5"}),
                 std::string("*[$q,*[$a]]"));
        std::string aof;
        for (int attempt = 0; attempt < 100 && aof.find("LPOP") == std::string::npos; ++attempt) {
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
            aof.clear();
            std::error_code ignored;
            for (const auto &entry :
                 std::filesystem::recursive_directory_iterator(server->directory(), ignored)) {
                if (entry.path().string().ends_with(".aof")) {
                    std::ifstream in(entry.path(), std::ios::binary);
                    aof += std::string(std::istreambuf_iterator<char>(in), {});
                }
            }
        }
        QVERIFY2(aof.find("*3\r\n$4\r\nRPOP\r\n$1\r\nq\r\n$1\r\n2") != std::string::npos,
                 aof.c_str());
        QVERIFY2(aof.find("*3\r\n$4\r\nLPOP\r\n$1\r\nq\r\n$1\r\n1") != std::string::npos,
                 aof.c_str());
        QVERIFY2(aof.find("LMPOP") == std::string::npos, aof.c_str());
    }

    // Regression: a BLPOP on two keys, woken by a push to the second while the first had
    // become a string, answered WRONGTYPE; Redis serves it from the key that became ready.
    void blpopWokenByLaterKeyWhileEarlierKeyIsAString()
    {
        std::vector<std::string> transcript;
        bothTranscripts(
            [](int port) {
                RedisTestClient waiter("127.0.0.1", port), writer("127.0.0.1", port);
                writer.run({"FLUSHALL"});
                sendOnly(waiter, {"BLPOP", "q1", "q2", "5"});
                std::vector<std::string> out{waitBlocked(writer, 1) ? "blocked" : "not blocked"};
                out.push_back(writer.run({"SET", "q1", "str"}));
                out.push_back(writer.run({"RPUSH", "q2", "v"}));
                out.push_back(waiter.readReply());
                return out;
            },
            &transcript);
        COMPARE_TEXT(joinArgs(transcript), std::string("blocked +OK :1 *[$q2,$v]"));
    }

    // list-max-listpack-size (and its old name list-max-ziplist-size) bounds the nodes of the
    // lists created under it: DEBUG OBJECT's quicklist figures (nodes, average fill, the fill,
    // the nodes' listpack bytes) match redis-server's for count and size fills, for pushes at
    // both ends, and across DEBUG RELOAD (an RDB node loads whole, whatever the fill is by
    // then). The parameter's errors and its clamping are Redis's.
    void listMaxListpackSizeBoundsNodes()
    {
        auto quicklistFigures = [](const std::string &debugObject) {
            const size_t at = debugObject.find(" ql_nodes:");
            return at == std::string::npos ? "<none in " + debugObject + ">"
                                           : debugObject.substr(at);
        };
        auto figuresBoth = [&](const std::string &key) {
            const std::string ours = quicklistFigures(m_pair.oursClient().run({"DEBUG", "OBJECT", key}));
            const std::string redis = quicklistFigures(m_pair.redisClient().run({"DEBUG", "OBJECT", key}));
            return std::make_pair(ours, redis);
        };
        Script script;
        for (int i = 0; i < 300; ++i) {
            // Short strings, integers and a few longer values, pushed at both ends.
            std::string value = i % 7 == 0 ? std::to_string(i * 1000) : "element-" + std::to_string(i);
            if (i % 50 == 0) value = std::string(300 + i, 'x');
            script.push_back({i % 3 ? "RPUSH" : "LPUSH", "l", value});
        }
        for (const char *fill : {"-2", "5", "1", "0", "-1", "3", "100000", "-9", "-5", "-3"}) {
            QCOMPARE(compare({{"DEL", "l"}, {"CONFIG", "SET", "list-max-listpack-size", fill},
                              {"CONFIG", "GET", "list-max-listpack-size"},
                              {"CONFIG", "GET", "list-max-ziplist-size"}}),
                     std::string());
            QCOMPARE(compare(script), std::string());
            auto [ours, redis] = figuresBoth("l");
            QVERIFY2(ours == redis, (std::string(fill) + "\n ours:  " + ours + "\n redis: " + redis).c_str());
        }
        // Made with fill 3, reloaded under -2: the nodes stay as saved.
        QCOMPARE(compare({{"DEL", "l"}, {"CONFIG", "SET", "list-max-ziplist-size", "3"}}), std::string());
        QCOMPARE(compare(script), std::string());
        QCOMPARE(compare({{"CONFIG", "SET", "list-max-listpack-size", "-2"}, {"DEBUG", "RELOAD"},
                          {"CONFIG", "GET", "list-max-ziplist-size"}, {"LRANGE", "l", "0", "9"}}),
                 std::string());
        auto [ours, redis] = figuresBoth("l");
        QVERIFY2(ours == redis, (" ours:  " + ours + "\n redis: " + redis).c_str());
        QVERIFY2(ours.find("ql_listpack_max:-2 ") != std::string::npos, ours.c_str());
        QCOMPARE(compare({{"CONFIG", "SET", "list-max-listpack-size", "abc"},
                          {"CONFIG", "SET", "list-max-listpack-size", "2147483648"},
                          {"CONFIG", "SET", "list-max-ziplist-size", "-2147483648"},
                          {"CONFIG", "GET", "list-max-listpack-size"},
                          {"CONFIG", "SET", "list-max-listpack-size", "-2"}}),
                 std::string());
    }
};

QTEST_APPLESS_MAIN(TestListCommands)
#include "tst_list_commands.moc"
