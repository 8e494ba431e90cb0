// The engine's foundation over real sockets: a redscope-server process on a free loopback
// port, driven with hiredis. Covers the connection/keyspace/string basics, expiry (lazy and
// active), pipelining, Unix sockets, AUTH, and a garbage-sending client next to a healthy one.
#include "redis_test_client.h"
#include "server/config.h"
#include "test_server.h"

#include <QtTest>

#include <set>

#include <arpa/inet.h>
#include <csignal>
#include <filesystem>
#include <netinet/in.h>
#include <fstream>
#include <poll.h>
#include <sched.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

using redscope::test::RedisTestClient;
using redscope::test::TestServer;

namespace {

// Whether pid is a live process (a zombie, which a container's init may leave, is not).
bool running(pid_t pid)
{
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text;
    if (!std::getline(stat, text)) return false;
    const size_t paren = text.rfind(')');
    return paren != std::string::npos && paren + 2 < text.size() && text[paren + 2] != 'Z';
}

// Sends raw bytes on a fresh TCP connection and reads until the server closes it or 2 s pass.
std::string rawExchange(int port, const std::string &bytes, bool *closedByServer)
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) return "<connect failed>";
    [[maybe_unused]] ssize_t w = write(fd, bytes.data(), bytes.size());
    std::string reply;
    *closedByServer = false;
    pollfd p{fd, POLLIN, 0};
    while (poll(&p, 1, 2000) > 0) {
        char buffer[4096];
        ssize_t n = read(fd, buffer, sizeof buffer);
        if (n <= 0) {
            *closedByServer = true;
            break;
        }
        reply.append(buffer, static_cast<size_t>(n));
    }
    close(fd);
    return reply;
}

// The voluntary context switches of a process so far: each is one sleep of its event loop.
long voluntarySwitches(int pid)
{
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("voluntary_ctxt_switches:", 0) == 0) return std::stol(line.substr(24));
    return -1;
}

} // namespace

class TestServerCore : public QObject
{
    Q_OBJECT

private:
    std::unique_ptr<TestServer> m_server;
    std::unique_ptr<RedisTestClient> m_client;

    std::string run(const std::vector<std::string> &args) { return m_client->run(args); }

private slots:
    void initTestCase()
    {
        m_server = TestServer::startRedscope({"--enable-debug-command", "yes"});
        QVERIFY2(m_server->ok(), m_server->error().c_str());
        m_client = std::make_unique<RedisTestClient>("127.0.0.1", m_server->port());
        QVERIFY2(m_client->connected(), m_client->error().c_str());
    }

    void init() { QCOMPARE(run({"FLUSHALL"}), std::string("+OK")); }

    void pingEchoErrors()
    {
        QCOMPARE(run({"PING"}), std::string("+PONG"));
        QCOMPARE(run({"ping", "hi"}), std::string("$hi"));
        QCOMPARE(run({"ECHO", "a b"}), std::string("$a b"));
        QCOMPARE(run({"NOSUCH", "x", "y"}),
                 std::string("-ERR unknown command 'NOSUCH', with args beginning with: 'x' 'y' "));
        QCOMPARE(run({"GET"}), std::string("-ERR wrong number of arguments for 'get' command"));
        QCOMPARE(run({"PING", "a", "b"}), std::string("-ERR wrong number of arguments for 'ping' command"));
    }

    void setOptions()
    {
        QCOMPARE(run({"SET", "k", "v"}), std::string("+OK"));
        QCOMPARE(run({"SET", "k", "w", "NX"}), std::string("(nil)"));
        QCOMPARE(run({"SET", "k", "w", "XX", "GET"}), std::string("$v"));
        QCOMPARE(run({"GET", "k"}), std::string("$w"));
        QCOMPARE(run({"SET", "n", "1", "XX"}), std::string("(nil)"));
        QCOMPARE(run({"SET", "k", "v", "NX", "XX"}), std::string("-ERR syntax error"));
        QCOMPARE(run({"SET", "k", "v", "EX", "0"}), std::string("-ERR invalid expire time in 'set' command"));
        QCOMPARE(run({"SET", "k", "v", "EX", "abc"}), std::string("-ERR value is not an integer or out of range"));
        QCOMPARE(run({"SET", "k", "v", "EX", "100"}), std::string("+OK"));
        QCOMPARE(run({"TTL", "k"}), std::string(":100"));
        QCOMPARE(run({"SET", "k", "v2", "KEEPTTL"}), std::string("+OK"));
        QCOMPARE(run({"TTL", "k"}), std::string(":100"));
        QCOMPARE(run({"SET", "k", "v3"}), std::string("+OK"));
        QCOMPARE(run({"TTL", "k"}), std::string(":-1"));
    }

    void keysAndTypes()
    {
        run({"SET", "user:1", "a"});
        run({"SET", "user:2", "b"});
        run({"SET", "other", "c"});
        QCOMPARE(run({"EXISTS", "user:1", "user:2", "nope", "user:1"}), std::string(":3"));
        QCOMPARE(run({"TYPE", "user:1"}), std::string("+string"));
        QCOMPARE(run({"TYPE", "nope"}), std::string("+none"));
        QCOMPARE(run({"DBSIZE"}), std::string(":3"));
        std::string keys = run({"KEYS", "user:*"});
        QVERIFY(keys == "*[$user:1,$user:2]" || keys == "*[$user:2,$user:1]");
        QCOMPARE(run({"DEL", "user:1", "nope"}), std::string(":1"));
        QCOMPARE(run({"DBSIZE"}), std::string(":2"));
    }

    void selectIsolatesDatabases()
    {
        run({"SET", "k", "db0"});
        QCOMPARE(run({"SELECT", "3"}), std::string("+OK"));
        QCOMPARE(run({"GET", "k"}), std::string("(nil)"));
        run({"SET", "k", "db3"});
        QCOMPARE(run({"SELECT", "16"}), std::string("-ERR DB index is out of range"));
        QCOMPARE(run({"SELECT", "0"}), std::string("+OK"));
        QCOMPARE(run({"GET", "k"}), std::string("$db0"));
        QCOMPARE(run({"FLUSHDB"}), std::string("+OK"));
        run({"SELECT", "3"});
        QCOMPARE(run({"GET", "k"}), std::string("$db3"));
        run({"SELECT", "0"});
    }

    void expireFamily()
    {
        run({"SET", "k", "v"});
        QCOMPARE(run({"EXPIRE", "k", "100", "XX"}), std::string(":0"));
        QCOMPARE(run({"EXPIRE", "k", "100", "NX"}), std::string(":1"));
        QCOMPARE(run({"EXPIRE", "k", "50", "GT"}), std::string(":0"));
        QCOMPARE(run({"EXPIRE", "k", "50", "LT"}), std::string(":1"));
        QCOMPARE(run({"TTL", "k"}), std::string(":50"));
        std::string pttl = run({"PTTL", "k"});
        QVERIFY(pttl.size() > 1 && std::stoll(pttl.substr(1)) > 49000);
        QCOMPARE(run({"PERSIST", "k"}), std::string(":1"));
        QCOMPARE(run({"PERSIST", "k"}), std::string(":0"));
        QCOMPARE(run({"TTL", "k"}), std::string(":-1"));
        QCOMPARE(run({"TTL", "missing"}), std::string(":-2"));
        QCOMPARE(run({"EXPIRE", "k", "10", "NX", "XX"}),
                 std::string("-ERR NX and XX, GT or LT options at the same time are not compatible"));
        QCOMPARE(run({"EXPIRE", "k", "-1"}), std::string(":1"));
        QCOMPARE(run({"EXISTS", "k"}), std::string(":0"));
    }

    void lazyAndActiveExpiry()
    {
        QCOMPARE(run({"SET", "short", "v", "PX", "100"}), std::string("+OK"));
        QTest::qWait(200);
        QCOMPARE(run({"GET", "short"}), std::string("(nil)"));

        // Active expiry removes keys nobody touches.
        for (int i = 0; i < 500; ++i) run({"SET", "tmp:" + std::to_string(i), "v", "PX", "50"});
        run({"SET", "keep", "v"});
        QTRY_COMPARE_WITH_TIMEOUT(run({"DBSIZE"}), std::string(":1"), 5000);
        std::string info = run({"INFO", "stats"});
        QVERIFY2(info.find("expired_keys:50") != std::string::npos ||
                     info.find("expired_keys:") != std::string::npos,
                 info.c_str());
    }

    void scanVisitsEveryKey()
    {
        const int count = 5000;
        for (int i = 0; i < count; i += 100) {
            for (int j = i; j < i + 100; ++j) m_client->append({"SET", "key:" + std::to_string(j), "v"});
            for (int j = i; j < i + 100; ++j) QCOMPARE(m_client->readReply(), std::string("+OK"));
        }
        std::set<std::string> seen;
        std::string cursor = "0";
        int calls = 0;
        do {
            redisReply *reply = static_cast<redisReply *>(
                redisCommand(m_client->context(), "SCAN %s COUNT 100", cursor.c_str()));
            QVERIFY(reply && reply->type == REDIS_REPLY_ARRAY && reply->elements == 2);
            cursor.assign(reply->element[0]->str, reply->element[0]->len);
            for (size_t i = 0; i < reply->element[1]->elements; ++i)
                seen.insert(reply->element[1]->element[i]->str);
            freeReplyObject(reply);
            ++calls;
        } while (cursor != "0" && calls < 10000);
        QCOMPARE(int(seen.size()), count);
        QCOMPARE(run({"SCAN", "0", "MATCH", "key:4999", "COUNT", "100000"}), std::string("*[$0,*[$key:4999]]"));
        QCOMPARE(run({"SCAN", "abc"}), std::string("-ERR invalid cursor"));
        QCOMPARE(run({"SCAN", "0", "COUNT", "0"}), std::string("-ERR syntax error"));
    }

    void pipelineTenThousand()
    {
        const int n = 10000;
        for (int i = 0; i < n; ++i) m_client->append({"SET", "p:" + std::to_string(i), std::to_string(i)});
        for (int i = 0; i < n; ++i) QCOMPARE(m_client->readReply(), std::string("+OK"));
        for (int i = 0; i < n; ++i) m_client->append({"GET", "p:" + std::to_string(i)});
        for (int i = 0; i < n; ++i) QCOMPARE(m_client->readReply(), "$" + std::to_string(i));
        QCOMPARE(run({"DBSIZE"}), std::string(":" + std::to_string(n)));
    }

    void clientCommands()
    {
        QCOMPARE(run({"CLIENT", "GETNAME"}), std::string("(nil)"));
        QCOMPARE(run({"CLIENT", "SETNAME", "tester"}), std::string("+OK"));
        QCOMPARE(run({"CLIENT", "GETNAME"}), std::string("$tester"));
        QCOMPARE(run({"CLIENT", "SETNAME", "bad name"}),
                 std::string("-ERR Client names cannot contain spaces, newlines or special characters."));
        std::string id = run({"CLIENT", "ID"});
        QVERIFY(id.rfind(":", 0) == 0);
        std::string list = run({"CLIENT", "LIST"});
        QVERIFY(list.find("name=tester") != std::string::npos);
        QVERIFY(list.find("id=" + id.substr(1)) != std::string::npos);
    }

    void infoAndCommand()
    {
        run({"SET", "a", "1"});
        std::string info = run({"INFO"});
        for (const char *field : {"# Server", "redis_version:", "# Clients", "connected_clients:",
                                  "# Memory", "used_memory:", "# Stats", "total_commands_processed:",
                                  "# Keyspace", "db0:keys=1,expires=0"})
            QVERIFY2(info.find(field) != std::string::npos, field);
        std::string keyspace = run({"INFO", "keyspace"});
        QVERIFY(keyspace.find("# Server") == std::string::npos);
        std::string count = run({"COMMAND", "COUNT"});
        QVERIFY(count.rfind(":", 0) == 0 && std::stoi(count.substr(1)) >= 25);
        QCOMPARE(run({"COMMAND", "INFO", "get"}).substr(0, 14), std::string("*[*[$get,:2,*["));
    }

    void garbageClientDoesNotDisturbOthers()
    {
        bool closed = false;
        std::string reply = rawExchange(m_server->port(), "*1\r\n+PING\r\n", &closed);
        QCOMPARE(reply, std::string("-ERR Protocol error: expected '$', got '+'\r\n"));
        QVERIFY(closed);
        reply = rawExchange(m_server->port(), "*abc\r\n", &closed);
        QCOMPARE(reply, std::string("-ERR Protocol error: invalid multibulk length\r\n"));
        QVERIFY(closed);
        reply = rawExchange(m_server->port(), "*1\r\n$999999999999\r\n", &closed);
        QCOMPARE(reply, std::string("-ERR Protocol error: invalid bulk length\r\n"));
        QVERIFY(closed);
        // Inline commands work for telnet-style clients.
        reply = rawExchange(m_server->port(), "PING\r\nECHO \"a b\"\r\nQUIT\r\n", &closed);
        QCOMPARE(reply, std::string("+PONG\r\n$3\r\na b\r\n+OK\r\n"));
        // The healthy client saw nothing.
        QCOMPARE(run({"PING"}), std::string("+PONG"));
    }

    void unixSocket()
    {
        RedisTestClient viaSocket(m_server->unixSocket());
        QVERIFY2(viaSocket.connected(), viaSocket.error().c_str());
        QCOMPARE(viaSocket.run({"SET", "from", "unix"}), std::string("+OK"));
        QCOMPARE(run({"GET", "from"}), std::string("$unix"));
    }

    void requirePass()
    {
        auto secured = TestServer::startRedscope({"--requirepass", "s3cret"});
        QVERIFY2(secured->ok(), secured->error().c_str());
        RedisTestClient client("127.0.0.1", secured->port());
        QCOMPARE(client.run({"GET", "x"}), std::string("-NOAUTH Authentication required."));
        QCOMPARE(client.run({"AUTH", "wrong"}),
                 std::string("-WRONGPASS invalid username-password pair or user is disabled."));
        QCOMPARE(client.run({"AUTH", "s3cret"}), std::string("+OK"));
        QCOMPARE(client.run({"GET", "x"}), std::string("(nil)"));
        QCOMPARE(client.run({"AUTH", "default", "s3cret"}), std::string("+OK"));
    }

    void quitClosesConnection()
    {
        RedisTestClient client("127.0.0.1", m_server->port());
        QCOMPARE(client.run({"QUIT"}), std::string("+OK"));
        QVERIFY(client.run({"PING"}).rfind("<io error", 0) == 0);
    }

    void configFileCommentsWithApostrophes()
    {
        // Regression: "# doesn't" in a comment was read as an unbalanced quote.
        QTemporaryFile file;
        QVERIFY(file.open());
        file.write("# This file doesn't set much\n  # nor here's this\nport 7000\n"
                   "save \"\"\nrequirepass \"with space\"\n");
        file.close();
        redscope::engine::ServerConfig config;
        std::string error;
        QVERIFY2(redscope::engine::ConfigTable::loadFile(file.fileName().toStdString(), config, &error),
                 error.c_str());
        QCOMPARE(config.port, int64_t(7000));
        QVERIFY(config.savePoints.empty());
        QCOMPARE(config.requirePass, std::string("with space"));

        // Successive save lines accumulate; save "" starts over.
        QTemporaryFile points;
        QVERIFY(points.open());
        points.write("save 900 1\nsave 300 10\n");
        points.close();
        redscope::engine::ServerConfig second;
        QVERIFY(redscope::engine::ConfigTable::loadFile(points.fileName().toStdString(), second, &error));
        QCOMPARE(int(second.savePoints.size()), 2);
        QCOMPARE(second.savePoints[1].changes, int64_t(10));
    }

    void debugReloadKeepsDataset()
    {
        run({"SET", "s", "text"});
        run({"RPUSH", "l", "a", "b", "c"});
        run({"ZADD", "z", "1.5", "m"});
        run({"SET", "t", "v", "EX", "1000"});
        QCOMPARE(run({"DEBUG", "RELOAD"}), std::string("+OK"));
        QCOMPARE(run({"GET", "s"}), std::string("$text"));
        QCOMPARE(run({"LRANGE", "l", "0", "-1"}), std::string("*[$a,$b,$c]"));
        QCOMPARE(run({"ZSCORE", "z", "m"}), std::string("$1.5"));
        std::string ttl = run({"TTL", "t"});
        QVERIFY2(ttl == ":1000" || ttl == ":999", ttl.c_str());
        QCOMPARE(run({"DBSIZE"}), std::string(":4"));
    }

    // busy-poll-us is a start-up setting (command line, config file), not a CONFIG
    // parameter: redis-server has none such. Off, the loop sleeps after every answer, so
    // every request wakes it (a loaded machine may deschedule the server before it sleeps,
    // so fewer than one per request); on, with a window far longer than a loopback round
    // trip, the next request arrives while the loop still polls, so it hardly ever sleeps.
    void busyPollKeepsTheLoopAwakeBetweenRequests()
    {
        cpu_set_t cpus;
        if (sched_getaffinity(0, sizeof cpus, &cpus) != 0 || CPU_COUNT(&cpus) < 2)
            QSKIP("busy polling is off on one CPU");
        QCOMPARE(run({"CONFIG", "GET", "busy-poll-us"}), std::string("*[]"));
        QCOMPARE(run({"CONFIG", "SET", "busy-poll-us", "0"}),
                 std::string("-ERR Unknown option or number of arguments for CONFIG SET - "
                             "'busy-poll-us'"));
        QVERIFY(!TestServer::startRedscope({"--busy-poll-us", "-1"})->ok());
        QVERIFY(!TestServer::startRedscope({"--busy-poll-us", "x"})->ok());
        const int requests = 400;
        auto sleepsPerRun = [&](const char *busyPollUs) -> long {
            auto server = TestServer::startRedscope({"--busy-poll-us", busyPollUs});
            if (!server->ok()) return -1;
            RedisTestClient client("127.0.0.1", server->port());
            client.run({"PING"});
            const long before = voluntarySwitches(server->pid());
            for (int i = 0; i < requests; ++i)
                if (client.run({"PING"}) != "+PONG") return -1;
            return voluntarySwitches(server->pid()) - before;
        };
        const long sleepsWithout = sleepsPerRun("0");
        const long sleepsWith = sleepsPerRun("20000");
        qInfo("sleeps for %d requests: %ld without busy polling, %ld with", requests, sleepsWithout,
              sleepsWith);
        QVERIFY(sleepsWithout >= requests / 5);
        QVERIFY(sleepsWith >= 0 && sleepsWith <= requests / 10);
    }

    void sigtermStopsCleanly()
    {
        auto server = TestServer::startRedscope();
        QVERIFY(server->ok());
        std::string socketPath = server->unixSocket();
        int status = server->stop();
        QVERIFY(WIFEXITED(status));
        QCOMPARE(WEXITSTATUS(status), 0);
        QVERIFY(access(socketPath.c_str(), F_OK) != 0); // socket file removed
    }

    // shutdown-on-sigterm / shutdown-on-sigint decide whether a signal's shutdown saves,
    // whatever the save points say; "default" follows them. Both servers, same cases.
    void signalShutdownSavesAsConfigured()
    {
        struct Case
        {
            std::vector<std::string> args;
            int signal;
            bool saves;
        };
        const std::vector<Case> cases = {
            {{"--save", "", "--shutdown-on-sigterm", "save"}, SIGTERM, true},
            {{"--save", "3600 1", "--shutdown-on-sigterm", "nosave"}, SIGTERM, false},
            {{"--save", "3600 1"}, SIGTERM, true},
            {{"--save", ""}, SIGTERM, false},
            {{"--save", "", "--shutdown-on-sigint", "save now"}, SIGINT, true},
            {{"--save", "3600 1", "--shutdown-on-sigint", "nosave force"}, SIGINT, false},
        };
        for (const Case &c : cases) {
            for (bool redis : {false, true}) {
                auto server = redis ? TestServer::startRedis(c.args) : TestServer::startRedscope(c.args);
                QVERIFY2(server->ok(), server->error().c_str());
                QCOMPARE(RedisTestClient("127.0.0.1", server->port()).run({"SET", "k", "v"}),
                         std::string("+OK"));
                const std::string dump = server->directory() + "/dump.rdb";
                server->kill(c.signal);
                for (int i = 0; i < 500 && running(server->pid()); ++i)
                    usleep(10000);
                server->stop();
                std::string what = redis ? "redis" : "ours";
                for (const std::string &arg : c.args)
                    what += " " + arg;
                QVERIFY2((access(dump.c_str(), F_OK) == 0) == c.saves, what.c_str());
            }
        }
    }

    // daemonize yes, run on both servers with the same arguments: the started process exits
    // 0 at once, a daemon in a session of its own serves the port and wrote its pid to
    // `pidfile`; SHUTDOWN stops it and removes the file.
    void daemonizeWritesAndRemovesPidFile()
    {
        for (const std::string &binary :
             {TestServer::redscopeServerPath(), TestServer::redisServerPath()}) {
            char dirTemplate[] = "/tmp/redscope-daemon-XXXXXX";
            QVERIFY(mkdtemp(dirTemplate));
            const std::string dir = dirTemplate, pidPath = dir + "/server.pid";
            const int port = TestServer::freePort();
            std::vector<std::string> args{binary,        "--port",    std::to_string(port),
                                          "--bind",      "127.0.0.1", "--dir",
                                          dir,           "--save",    "",
                                          "--daemonize", "yes",       "--pidfile",
                                          pidPath,       "--logfile", dir + "/server.log"};
            const pid_t launched = fork();
            if (launched == 0) {
                std::vector<char *> argv;
                for (std::string &a : args)
                    argv.push_back(a.data());
                argv.push_back(nullptr);
                execv(binary.c_str(), argv.data());
                _exit(127);
            }
            int status = 0;
            QCOMPARE(waitpid(launched, &status, 0), launched);
            QVERIFY2(WIFEXITED(status) && WEXITSTATUS(status) == 0, binary.c_str());
            pid_t daemon = 0;
            for (int i = 0; i < 200 && daemon == 0; ++i) {
                std::ifstream(pidPath) >> daemon;
                if (daemon == 0) usleep(20000);
            }
            QVERIFY2(daemon > 0, (binary + ": no pid file").c_str());
            QVERIFY(daemon != launched);
            QCOMPARE(getsid(daemon), daemon); // setsid(): it leads its own session
            std::string pong;
            for (int i = 0; i < 200 && pong != "+PONG\r\n"; ++i) {
                pong = redscope::test::sendRawCommand(port, {"PING"}, 500);
                if (pong != "+PONG\r\n") usleep(20000);
            }
            QCOMPARE(pong, std::string("+PONG\r\n"));
            RedisTestClient client("127.0.0.1", port);
            QCOMPARE(client.run({"CONFIG", "GET", "daemonize"}), std::string("*[$daemonize,$yes]"));
            QCOMPARE(client.run({"CONFIG", "GET", "pidfile"}),
                     std::string("*[$pidfile,$" + pidPath + "]"));
            client.run({"SHUTDOWN", "NOSAVE"});
            bool gone = false;
            for (int i = 0; i < 500 && !gone; ++i) {
                gone = !running(daemon) && access(pidPath.c_str(), F_OK) != 0;
                if (!gone) usleep(10000);
            }
            if (!gone) ::kill(daemon, SIGKILL);
            QVERIFY2(gone, (binary + ": still running, or the pid file is left").c_str());
            std::filesystem::remove_all(dir);
        }
    }
};

QTEST_GUILESS_MAIN(TestServerCore)
#include "tst_server_core.moc"
