// DEBUG (commands/debug_commands.cpp) side by side with Debian's redis-server 7.0.15, both
// started with --enable-debug-command yes: POPULATE's keys, values (cut and zero-padded to a
// size, compared byte for byte), untouched existing keys and every argument error; PROTOCOL's
// replies compared as raw bytes under RESP2 and under RESP3; HELP; CHANGE-REPL-ID's new IDs;
// PAUSE-CRON stopping active expiry; LISTPACK's replies; LOADAOF replaying the AOF (and
// ending the process with status 1 where there is none); PANIC and SEGFAULT ending it by
// SIGABRT and SIGSEGV (status 1 under use-exit-on-panic) after the bug report in the log,
// whose sections come in redis-server's order, and with crash-log-enabled and
// crash-memcheck-enabled off; the report of a fatal signal another process sent; MALLCTL
// answering as a build without jemalloc.
#include "raw_connection.h"
#include "redis_test_client.h"
#include "side_by_side.h"
#include "test_server.h"

#include <QtTest>

#include <chrono>
#include <csignal>
#include <fstream>
#include <memory>
#include <string>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

using redscope::test::RawConnection;
using redscope::test::Script;
using redscope::test::ServerPair;
using redscope::test::TestServer;

namespace {

// The value of one "name:value" line of an INFO reply ("" when absent).
std::string infoField(redscope::test::RedisTestClient &client, const std::string &section,
                      const std::string &name)
{
    const std::string text = client.run({"INFO", section});
    const size_t at = text.find(name + ":");
    if (at == std::string::npos) return {};
    const size_t start = at + name.size() + 1;
    return text.substr(start, text.find_first_of("\r\n", start) - start);
}

std::string readLog(const TestServer &server)
{
    std::ifstream in(server.directory() + "/server.log");
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// Sends one command to a fresh server of each kind and returns how each process ended, and
// its log.
struct Ending
{
    int ours = 0, redis = 0;
    std::string oursLog, redisLog;
};
Ending endingAfter(const std::vector<std::string> &command, std::string *error,
                   const std::vector<std::string> &extraArgs = {})
{
    Ending ending;
    for (const bool isOurs : {true, false}) {
        std::vector<std::string> args = {"--enable-debug-command", "yes"};
        args.insert(args.end(), extraArgs.begin(), extraArgs.end());
        auto server = isOurs ? TestServer::startRedscope(args) : TestServer::startRedis(args);
        if (!server->ok()) return *error = server->error(), ending;
        redscope::test::RedisTestClient client("127.0.0.1", server->port());
        client.run({"CLIENT", "SETNAME", "crasher"});
        const std::string reply = client.run(command);
        if (!reply.starts_with("<")) *error += "a reply came back: " + reply + "\n";
        // The process ends by itself; stop() only collects its status (within 10 s).
        (isOurs ? ending.ours : ending.redis) = server->stop();
        (isOurs ? ending.oursLog : ending.redisLog) = readLog(*server);
    }
    return ending;
}

// "" when every one of `parts` is in `log`, each after the one before; otherwise what is
// missing, with the log.
std::string inOrder(const std::string &log, const std::vector<std::string> &parts)
{
    size_t at = 0;
    for (const std::string &part : parts) {
        const size_t found = log.find(part, at);
        if (found == std::string::npos) return "missing or out of order: " + part + "\n" + log;
        at = found + part.size();
    }
    return {};
}

// Our log's sections: redscope-server built with AddressSanitizer (make test's sanitizer run)
// skips the memory test, whose reads of every writable mapping would hit the sanitizer's own.
std::vector<std::string> oursExpected(std::vector<std::string> parts)
{
#if defined(__SANITIZE_ADDRESS__)
    for (std::string &part : parts)
        if (part == "PASSED") part = "Fast memory test skipped";
#endif
    return parts;
}

std::string absent(const std::string &log, const std::vector<std::string> &parts)
{
    for (const std::string &part : parts)
        if (log.find(part) != std::string::npos) return "should not be there: " + part + "\n" + log;
    return {};
}

const std::string kStart = "=== REDIS BUG REPORT START: Cut & paste starting from here ===";
const std::string kEnd = "=== REDIS BUG REPORT END. Make sure to include from START to END. ===";

} // namespace

class TestDebugCommand : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error, true, {"--enable-debug-command", "yes"}), error.c_str());
    }

    void init() { m_pair.flushBoth(); }

    void populateKeysAndValues()
    {
        const Script script = {
            {"DEBUG", "POPULATE", "5"},
            {"DBSIZE"},
            {"GET", "key:0"},
            {"GET", "key:4"},
            {"EXISTS", "key:5"},
            {"OBJECT", "ENCODING", "key:3"},
            {"DEBUG", "POPULATE", "3", "short", "3"},
            {"GET", "short:2"},
            {"DEBUG", "POPULATE", "3", "padded", "20"},
            {"GET", "padded:1"},
            {"STRLEN", "padded:2"},
            {"DEBUG", "POPULATE", "2", "exact", "7"},
            {"GET", "exact:1"},
            {"DEBUG", "POPULATE", "2", "zero", "0"},
            {"GET", "zero:1"},
            {"DEBUG", "POPULATE", "2", ""},
            {"GET", ":1"},
            {"DEBUG", "POPULATE", "0"},
            {"DBSIZE"},
            {"TTL", "key:1"},
        };
        REDSCOPE_VERIFY_SAME(m_pair.compare(script));
    }

    // Keys that exist keep their value, type and TTL; the others are filled in.
    void populateLeavesExistingKeys()
    {
        const Script script = {
            {"SET", "key:1", "mine"},
            {"RPUSH", "key:2", "a", "b"},
            {"SET", "key:3", "timed", "EX", "100"},
            {"DEBUG", "POPULATE", "5", "key", "30"},
            {"GET", "key:1"},
            {"TYPE", "key:2"},
            {"GET", "key:3"},
            {"TTL", "key:3"},
            {"GET", "key:4"},
            {"DBSIZE"},
        };
        REDSCOPE_VERIFY_SAME(m_pair.compare(script));
    }

    void populateErrors()
    {
        const Script script = {
            {"DEBUG", "POPULATE"},
            {"DEBUG", "POPULATE", "1", "p", "3", "extra"},
            {"DEBUG", "POPULATE", "-1"},
            {"DEBUG", "POPULATE", "abc"},
            {"DEBUG", "POPULATE", "1.5"},
            {"DEBUG", "POPULATE", ""},
            {"DEBUG", "POPULATE", "99999999999999999999"},
            {"DEBUG", "POPULATE", "1", "p", "-3"},
            {"DEBUG", "POPULATE", "1", "p", "x"},
            {"DBSIZE"},
        };
        REDSCOPE_VERIFY_SAME(m_pair.compare(script));
    }

    // A larger fill, in another database too: the same count and the same sampled values.
    void populateMany()
    {
        const Script script = {
            {"DEBUG", "POPULATE", "200000", "many", "9"},
            {"DBSIZE"},
            {"GET", "many:0"},
            {"GET", "many:199999"},
            {"GET", "many:123456"},
            {"EXISTS", "many:200000"},
            {"SELECT", "3"},
            {"DEBUG", "POPULATE", "1000"},
            {"DBSIZE"},
            {"GET", "key:999"},
            {"SELECT", "0"},
            {"DBSIZE"},
        };
        REDSCOPE_VERIFY_SAME(m_pair.compare(script));
    }

    // Every type name (and a wrong one) as raw bytes, in RESP2 and then in RESP3.
    void protocolRepliesInBothProtocols()
    {
        const std::vector<std::string> types = {"string",   "integer", "double", "bignum", "null",
                                                "array",    "set",     "map",    "attrib", "push",
                                                "verbatim", "true",    "false",  "TRUE",   "bogus"};
        RawConnection ours(m_pair.ours().port()), redis(m_pair.redis().port());
        for (const char *protocol : {"2", "3"}) {
            const std::vector<std::string> hello = {"HELLO", protocol};
            QVERIFY(!ours.sendForReply(hello).empty());
            QVERIFY(!redis.sendForReply(hello).empty());
            for (const std::string &type : types) {
                const std::vector<std::string> command = {"DEBUG", "PROTOCOL", type};
                const std::string fromOurs = ours.sendForReply(command);
                const std::string fromRedis = redis.sendForReply(command);
                QVERIFY2(!fromRedis.empty(), type.c_str());
                const std::string what = std::string("RESP") + protocol + " " + type +
                                         "\n ours:  " + fromOurs + "\n redis: " + fromRedis;
                QVERIFY2(fromOurs == fromRedis, what.c_str());
            }
            const std::vector<std::string> bare = {"DEBUG", "PROTOCOL"};
            QCOMPARE(ours.sendForReply(bare), redis.sendForReply(bare));
        }
    }

    void helpLines()
    {
        REDSCOPE_VERIFY_SAME(m_pair.compare({{"DEBUG", "HELP"}, {"DEBUG", "help"}}));
    }

    // Argument counts and the subcommands 7.0.15 does not have (JMAP, STRINGMATCH-LEN).
    void subcommandErrors()
    {
        const Script script = {
            {"DEBUG", "CHANGE-REPL-ID", "x"},
            {"DEBUG", "PAUSE-CRON"},
            {"DEBUG", "PAUSE-CRON", "1", "2"},
            {"DEBUG", "LISTPACK"},
            {"DEBUG", "LISTPACK", "a", "b"},
            {"DEBUG", "DIGEST", "x"},
            {"DEBUG", "JMAP"},
            {"DEBUG", "STRINGMATCH-LEN"},
            {"DEBUG", "STRINGMATCH-LEN", "x"},
            {"DEBUG", "MALLCTL"},
            {"DEBUG", "MALLCTL-STR"},
            {"DEBUG", "NO-SUCH-THING"},
        };
        REDSCOPE_VERIFY_SAME(m_pair.compare(script));
    }

    // LISTPACK answers for listpack-encoded hashes and sorted sets only (its dump goes to
    // the server's stdout, as Redis's does).
    void listpackReplies()
    {
        Script script = {
            {"HSET", "h", "a", "1", "b", "xyz"},
            {"ZADD", "z", "1.5", "m", "2", "n"},
            {"RPUSH", "l", "a", "b"},
            {"SADD", "s", "1", "2"},
            {"SET", "str", "v"},
            {"XADD", "x", "1-1", "f", "v"},
            {"HSET", "long", "f", std::string(100, 'v')},
            {"DEBUG", "LISTPACK", "h"},
            {"DEBUG", "LISTPACK", "z"},
            {"DEBUG", "LISTPACK", "l"},
            {"DEBUG", "LISTPACK", "s"},
            {"DEBUG", "LISTPACK", "str"},
            {"DEBUG", "LISTPACK", "x"},
            {"DEBUG", "LISTPACK", "long"},
            {"DEBUG", "LISTPACK", "missing"},
        };
        REDSCOPE_VERIFY_SAME(m_pair.compare(script));
    }

    // A new master_replid, replid2 cleared, on both servers.
    void changeReplIdGivesNewIds()
    {
        for (auto *client : {&m_pair.oursClient(), &m_pair.redisClient()}) {
            const std::string before = infoField(*client, "replication", "master_replid");
            QCOMPARE(before.size(), size_t(40));
            QCOMPARE(client->run({"DEBUG", "CHANGE-REPL-ID"}), std::string("+OK"));
            const std::string after = infoField(*client, "replication", "master_replid");
            QCOMPARE(after.size(), size_t(40));
            QVERIFY(after != before);
            QCOMPARE(infoField(*client, "replication", "master_replid2"), std::string(40, '0'));
            QCOMPARE(infoField(*client, "replication", "second_repl_offset"), std::string("-1"));
        }
    }

    // With the cron paused a key past its TTL stays (DBSIZE does not look keys up); once
    // resumed active expiry removes it.
    void pauseCronStopsActiveExpiry()
    {
        REDSCOPE_VERIFY_SAME(m_pair.compare({{"DEBUG", "PAUSE-CRON", "1"},
                                             {"SET", "short", "v", "PX", "50"},
                                             {"SET", "stays", "v"}}));
        QTest::qWait(600);
        REDSCOPE_VERIFY_SAME(m_pair.compare({{"DBSIZE"}, {"DEBUG", "PAUSE-CRON", "no"}}));
        QCOMPARE(m_pair.oursClient().run({"DBSIZE"}), std::string(":2"));
        QTest::qWait(600);
        REDSCOPE_VERIFY_SAME(m_pair.compare({{"DBSIZE"}}));
        QCOMPARE(m_pair.oursClient().run({"DBSIZE"}), std::string(":1"));
    }

    // The engine uses the C library's malloc (INFO: mem_allocator:libc), so MALLCTL and
    // MALLCTL-STR answer as in a redis-server built without jemalloc: the usage error.
    // Debian's build has jemalloc and answers; both are checked so the difference is seen.
    void mallctlAsABuildWithoutJemalloc()
    {
        QCOMPARE(infoField(m_pair.oursClient(), "memory", "mem_allocator"), std::string("libc"));
        QVERIFY(infoField(m_pair.redisClient(), "memory", "mem_allocator").starts_with("jemalloc"));
        for (const char *sub : {"MALLCTL", "MALLCTL-STR"}) {
            QCOMPARE(m_pair.oursClient().run({"DEBUG", sub, "version"}),
                     "-ERR unknown subcommand or wrong number of arguments for '" +
                         std::string(sub) + "'. Try DEBUG HELP.");
        }
        QVERIFY(m_pair.redisClient().run({"DEBUG", "MALLCTL-STR", "version"}).starts_with("$"));
    }

    // With appendonly yes, LOADAOF replays the AOF: the same data, digest and replies.
    void loadAofReplaysTheAof()
    {
        ServerPair pair;
        std::string error;
        QVERIFY2(pair.start(&error, true, {"--enable-debug-command", "yes", "--appendonly", "yes"}),
                 error.c_str());
        const Script script = {
            {"SET", "s", "1"},
            {"RPUSH", "l", "a", "b", "c"},
            {"HSET", "h", "f", "v"},
            {"ZADD", "z", "1.5", "m"},
            {"SELECT", "2"},
            {"SADD", "set", "x", "y"},
            {"SET", "timed", "v", "EX", "1000"},
            {"SELECT", "0"},
            {"DEBUG", "DIGEST"},
            {"DEBUG", "LOADAOF"},
            {"DEBUG", "DIGEST"},
            {"DBSIZE"},
            {"LRANGE", "l", "0", "-1"},
            {"INCR", "s"},
            {"DEBUG", "LOADAOF"},
            {"GET", "s"},
            {"DEBUG", "DIGEST"},
            {"SELECT", "2"},
            {"TTL", "timed"},
            {"SCARD", "set"},
            {"SISMEMBER", "set", "y"},
        };
        REDSCOPE_VERIFY_SAME(pair.compare(script));
        QVERIFY(pair.oursClient().run({"DEBUG", "DIGEST"}) != "+" + std::string(40, '0'));
    }

    // Without any AOF, redis-server empties its dataset and exits with status 1.
    void loadAofWithoutAnAofExits()
    {
        std::string error;
        const Ending ending = endingAfter({"DEBUG", "LOADAOF"}, &error);
        QVERIFY2(error.empty(), error.c_str());
        QVERIFY(WIFEXITED(ending.redis) && WEXITSTATUS(ending.redis) == 1);
        QVERIFY(WIFEXITED(ending.ours) && WEXITSTATUS(ending.ours) == 1);
    }

    // DEBUG PANIC: the report (the Guru Meditation line with the message and file:line, the
    // stack, INFO, CLIENT LIST, the current client and its arguments, the memory test), then
    // SIGABRT, on both servers.
    // watchdog-period (hidden): raised to two cron periods, refused out of range; when the
    // loop is stuck (DEBUG SLEEP) the log gets redis-server's WATCHDOG TIMER EXPIRED report
    // with the stack of the sleep, the sleep is cut short by the signal, as in Redis, and the
    // server carries on; at 0 a sleep runs its course with no report.
    void watchdogReportsAStuckLoop_data()
    {
        QTest::addColumn<bool>("ours");
        QTest::newRow("redis-server") << false;
        QTest::newRow("redscope-server") << true;
    }

    void watchdogReportsAStuckLoop()
    {
        QFETCH(bool, ours);
        const std::vector<std::string> args{"--enable-debug-command", "yes", "--watchdog-period",
                                            "10"};
        auto server = ours ? TestServer::startRedscope(args) : TestServer::startRedis(args);
        QVERIFY2(server->ok(), server->error().c_str());
        redscope::test::RedisTestClient client("127.0.0.1", server->port());
        const std::string refused =
            "-ERR CONFIG SET failed (possibly related to argument 'watchdog-period') - ";
        const Script script = {
            {"CONFIG", "GET", "watchdog-period"},
            {"CONFIG", "SET", "watchdog-period", "-1"},
            {"CONFIG", "SET", "watchdog-period", "2147483648"},
            {"CONFIG", "SET", "watchdog-period", "x"},
            {"CONFIG", "SET", "hz", "100"},
            {"CONFIG", "SET", "watchdog-period", "10"},
            {"CONFIG", "GET", "watchdog-period"},
            {"CONFIG", "SET", "hz", "10"},
            {"CONFIG", "SET", "watchdog-period", "150"},
            {"CONFIG", "GET", "watchdog-period"},
        };
        const std::vector<std::string> expected = {
            "*[$watchdog-period,$200]",
            refused + "argument must be between 0 and 2147483647 inclusive",
            refused + "argument must be between 0 and 2147483647 inclusive",
            refused + "argument couldn't be parsed into an integer",
            "+OK",
            "+OK",
            "*[$watchdog-period,$20]",
            "+OK",
            "+OK",
            "*[$watchdog-period,$200]",
        };
        for (size_t i = 0; i < script.size(); ++i)
            QCOMPARE(client.run(script[i]), expected[i]);

        const auto count = [&] {
            const std::string log = readLog(*server);
            size_t n = 0;
            for (size_t at = log.find("--- WATCHDOG TIMER EXPIRED ---"); at != std::string::npos;
                 at = log.find("--- WATCHDOG TIMER EXPIRED ---", at + 1))
                ++n;
            return n;
        };
        auto started = std::chrono::steady_clock::now();
        QCOMPARE(client.run({"DEBUG", "SLEEP", "2"}), std::string("+OK"));
        const auto slept = std::chrono::steady_clock::now() - started;
        QVERIFY(slept < std::chrono::milliseconds(1800)); // the signal cut it short
        QTRY_VERIFY_WITH_TIMEOUT(count() >= 1, 5000);
        const std::string log = readLog(*server);
        const size_t report = log.find("--- WATCHDOG TIMER EXPIRED ---");
        const std::string tail = log.substr(report);
        // "pid:signal-handler (unix time) " on the line before, as serverLogFromHandler.
        const size_t handler = log.rfind(":signal-handler (", report);
        QVERIFY2(handler != std::string::npos && report - handler < 40, log.c_str());
        QVERIFY2(tail.find("------ STACK TRACE ------") != std::string::npos, tail.c_str());
        QVERIFY2(tail.find("Backtrace:") != std::string::npos, tail.c_str());
        QVERIFY2(tail.find("nanosleep") != std::string::npos, tail.c_str()); // the sleep's stack
        QVERIFY2(tail.find(") --------") != std::string::npos, tail.c_str());
        QCOMPARE(client.run({"PING"}), std::string("+PONG"));

        // Off: the sleep runs its course, and no report is added.
        QCOMPARE(client.run({"CONFIG", "SET", "watchdog-period", "0"}), std::string("+OK"));
        const size_t reports = count();
        started = std::chrono::steady_clock::now();
        QCOMPARE(client.run({"DEBUG", "SLEEP", "0.6"}), std::string("+OK"));
        QVERIFY(std::chrono::steady_clock::now() - started >= std::chrono::milliseconds(600));
        QCOMPARE(client.run({"PING"}), std::string("+PONG"));
        QCOMPARE(count(), reports);
    }

    void panicAbortsAfterTheReport()
    {
        std::string error;
        const Ending ending = endingAfter({"DEBUG", "PANIC"}, &error);
        QVERIFY2(error.empty(), error.c_str());
        QVERIFY(WIFSIGNALED(ending.redis) && WTERMSIG(ending.redis) == SIGABRT);
        QVERIFY(WIFSIGNALED(ending.ours) && WTERMSIG(ending.ours) == SIGABRT);
        const std::vector<std::string> sections = {
            kStart,
            "# Guru Meditation: DEBUG PANIC called at Unix time ",
            "------ STACK TRACE ------",
            "Backtrace:",
            "------ INFO OUTPUT ------",
            "redis_version:7.0.15",
            "------ CLIENT LIST OUTPUT ------",
            " name=crasher ",
            "------ CURRENT CLIENT INFO ------",
            " name=crasher ",
            "argv[0]: '\"DEBUG\"'",
            "argv[1]: '\"PANIC\"'",
            "------ CONFIG DEBUG OUTPUT ------",
            "------ FAST MEMORY TEST ------",
            "PASSED",
            kEnd};
        for (const std::string *log : {&ending.redisLog, &ending.oursLog}) {
            const std::string why =
                inOrder(*log, log == &ending.oursLog ? oursExpected(sections) : sections);
            QVERIFY2(why.empty(), why.c_str());
        }
        // Our Guru Meditation names where the panic was called.
        QVERIFY2(ending.oursLog.find(" #debug_commands.cpp:") != std::string::npos,
                 ending.oursLog.c_str());
    }

    // use-exit-on-panic yes (a hidden config, as in Redis): the report, then exit status 1.
    void panicExitsWithUseExitOnPanic()
    {
        std::string error;
        const Ending ending =
            endingAfter({"DEBUG", "PANIC"}, &error, {"--use-exit-on-panic", "yes"});
        QVERIFY2(error.empty(), error.c_str());
        QVERIFY(WIFEXITED(ending.redis) && WEXITSTATUS(ending.redis) == 1);
        QVERIFY(WIFEXITED(ending.ours) && WEXITSTATUS(ending.ours) == 1);
        for (const std::string *log : {&ending.redisLog, &ending.oursLog}) {
            const std::string why = inOrder(*log, {kStart, "Guru Meditation: DEBUG PANIC", kEnd});
            QVERIFY2(why.empty(), why.c_str());
        }
    }

    // DEBUG SEGFAULT: a real fault (si_code 2, a write to a read-only page), reported with
    // the address, the instruction, the stack with the engine's function names, the
    // registers and the rest; then the process dies by SIGSEGV, on both servers.
    void segfaultCrashesAfterTheReport()
    {
        std::string error;
        const Ending ending = endingAfter({"DEBUG", "SEGFAULT"}, &error);
        QVERIFY2(error.empty(), error.c_str());
        QVERIFY(WIFSIGNALED(ending.redis) && WTERMSIG(ending.redis) == SIGSEGV);
        QVERIFY(WIFSIGNALED(ending.ours) && WTERMSIG(ending.ours) == SIGSEGV);
        const std::vector<std::string> sections = {kStart,
                                                   " crashed by signal: 11, si_code: 2",
                                                   "# Accessing address: 0x",
                                                   "# Crashed running the instruction at: 0x",
                                                   "------ STACK TRACE ------",
                                                   "EIP:",
                                                   "Backtrace:",
                                                   "processCommand",
                                                   "------ REGISTERS ------",
                                                   "RIP:",
                                                   "------ INFO OUTPUT ------",
                                                   "------ CLIENT LIST OUTPUT ------",
                                                   "------ CURRENT CLIENT INFO ------",
                                                   "argv[0]: '\"DEBUG\"'",
                                                   "argv[1]: '\"SEGFAULT\"'",
                                                   "------ FAST MEMORY TEST ------",
                                                   "PASSED",
                                                   kEnd};
        for (const std::string *log : {&ending.redisLog, &ending.oursLog}) {
            const std::string why =
                inOrder(*log, log == &ending.oursLog ? oursExpected(sections) : sections);
            QVERIFY2(why.empty(), why.c_str());
        }
    }

    // crash-log-enabled no: a fault ends the process with nothing in the log; a panic leaves
    // only its cause between START and END. crash-memcheck-enabled no: no memory test.
    void crashLogAndMemcheckConfigs()
    {
        std::string error;
        const Ending segfault =
            endingAfter({"DEBUG", "SEGFAULT"}, &error, {"--crash-log-enabled", "no"});
        QVERIFY2(error.empty(), error.c_str());
        const Ending panic = endingAfter({"DEBUG", "PANIC"}, &error, {"--crash-log-enabled", "no"});
        QVERIFY2(error.empty(), error.c_str());
        const Ending unchecked =
            endingAfter({"DEBUG", "SEGFAULT"}, &error, {"--crash-memcheck-enabled", "no"});
        QVERIFY2(error.empty(), error.c_str());
        for (const bool ours : {false, true}) {
            QVERIFY(WIFSIGNALED(ours ? segfault.ours : segfault.redis));
            QVERIFY(WIFSIGNALED(ours ? panic.ours : panic.redis));
            const std::string &segfaultLog = ours ? segfault.oursLog : segfault.redisLog;
            std::string why = absent(segfaultLog, {kStart, "crashed by signal"});
            QVERIFY2(why.empty(), why.c_str());
            const std::string &panicLog = ours ? panic.oursLog : panic.redisLog;
            why = inOrder(panicLog, {kStart, "Guru Meditation: DEBUG PANIC", kEnd});
            QVERIFY2(why.empty(), why.c_str());
            why = absent(panicLog, {"------ STACK TRACE ------", "------ INFO OUTPUT ------"});
            QVERIFY2(why.empty(), why.c_str());
            const std::string &uncheckedLog = ours ? unchecked.oursLog : unchecked.redisLog;
            why = inOrder(uncheckedLog, {kStart, "------ INFO OUTPUT ------", kEnd});
            QVERIFY2(why.empty(), why.c_str());
            why = absent(uncheckedLog, {"------ FAST MEMORY TEST ------"});
            QVERIFY2(why.empty(), why.c_str());
        }
    }

    // A fatal signal another process sent (here SIGBUS from the test): the report names the
    // sender, has no current client (none was running), and the process dies by the signal.
    void signalFromAnotherProcessIsReported()
    {
        for (const bool ours : {false, true}) {
            auto server = ours ? TestServer::startRedscope() : TestServer::startRedis();
            QVERIFY2(server->ok(), server->error().c_str());
            server->kill(SIGBUS);
            std::string log;
            for (int waited = 0; waited < 20000; waited += 50) {
                log = readLog(*server);
                if (log.find(kEnd) != std::string::npos) break;
                std::this_thread::sleep_for(std::chrono::milliseconds(50));
            }
            const int status = server->stop();
            QVERIFY(WIFSIGNALED(status) && WTERMSIG(status) == SIGBUS);
            const std::string why =
                inOrder(log, {kStart, " crashed by signal: 7, si_code: 0",
                              "# Killed by PID: " + std::to_string(getpid()) +
                                  ", UID: " + std::to_string(getuid()),
                              "------ STACK TRACE ------", "------ INFO OUTPUT ------",
                              "------ CLIENT LIST OUTPUT ------", kEnd});
            QVERIFY2(why.empty(), why.c_str());
            const std::string none = absent(log, {"------ CURRENT CLIENT INFO ------"});
            QVERIFY2(none.empty(), none.c_str());
        }
    }

private:
    ServerPair m_pair;
};

QTEST_GUILESS_MAIN(TestDebugCommand)
#include "tst_debug_command.moc"
