// MIGRATE over TLS (tls-cluster yes) and its cached links, beside Debian's redis-server 7.0:
// an engine source and a redis-server source, both with tls-cluster yes and a client
// certificate the test CA signed, migrate to TLS targets of both kinds (tls-auth-clients yes),
// and every reply of the one is compared with the other's: single keys, KEYS, COPY, REPLACE,
// BUSYKEY, another database, AUTH and AUTH2 (NOAUTH, WRONGPASS), NOKEY. The cache is watched
// from outside: one connection on the target for many MIGRATEs, SELECT sent only when the
// database changes, a link the target killed replaced without an error, and the link closed
// after 10 idle seconds (INFO migrate_cached_sockets, the target's connected_clients).
// Failures as redis-server words them: a target that does not speak TLS, a dead port, a
// target whose certificate the CA did not sign, a client certificate the target refuses, a
// listener that never answers (timeout); and the plain path with tls-cluster no.
#include "redis_test_client.h"
#include "test_server.h"
#include "tls_test_certs.h"

#include <QElapsedTimer>
#include <QTemporaryDir>
#include <QtTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace redscope::test;

// QCOMPARE of a reply that prints it when it differs.
#define EXPECT_REPLY(expression, expected)                                                         \
    do {                                                                                           \
        const std::string got_ = (expression), want_ = (expected);                                 \
        QVERIFY2(got_ == want_, ("got " + got_ + ", expected " + want_).c_str());                  \
    } while (false)
#define EXPECT_PREFIX(expression, prefix)                                                          \
    do {                                                                                           \
        const std::string got_ = (expression);                                                     \
        QVERIFY2(got_.starts_with(prefix), ("got " + got_).c_str());                               \
    } while (false)

namespace {

std::string infoField(RedisTestClient &c, const char *section, const std::string &field)
{
    const std::string text = c.run({"INFO", section});
    const size_t at = text.find(field + ":");
    if (at == std::string::npos) return {};
    const size_t start = at + field.size() + 1;
    return text.substr(start, text.find_first_of("\r\n,", start) - start);
}

// cmdstat_<name>'s calls on a server ("0" when the command never ran).
std::string calls(RedisTestClient &c, const std::string &command)
{
    const std::string value = infoField(c, "commandstats", "cmdstat_" + command);
    return value.empty() ? "0" : value.substr(value.find('=') + 1);
}

// A TCP listener that never accepts: the kernel completes the connect, nobody ever answers.
class SilentListener
{
public:
    SilentListener()
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        socklen_t length = sizeof address;
        if (::bind(m_fd, reinterpret_cast<sockaddr *>(&address), length) == 0 &&
            ::listen(m_fd, 16) == 0 &&
            ::getsockname(m_fd, reinterpret_cast<sockaddr *>(&address), &length) == 0)
            m_port = ntohs(address.sin_port);
    }
    ~SilentListener() { ::close(m_fd); }
    int port() const { return m_port; }

private:
    int m_fd = -1;
    int m_port = 0;
};

} // namespace

class TstMigrateTls : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    TestCertificates m_certs;
    // [0] the engine, [1] redis-server.
    std::unique_ptr<TestServer> m_sources[2], m_targets[2];
    int m_targetTls[2] = {0, 0};

    std::vector<std::string> targetArgs(int tlsPort, const std::string &cert,
                                        const std::string &key) const
    {
        return {"--tls-port",         std::to_string(tlsPort),
                "--tls-cert-file",    cert,
                "--tls-key-file",     key,
                "--tls-ca-cert-file", m_certs.ca,
                "--tls-auth-clients", "yes"};
    }
    std::vector<std::string> sourceArgs() const
    {
        return {"--tls-cluster",          "yes",
                "--tls-cert-file",        m_certs.cert,
                "--tls-key-file",         m_certs.key,
                "--tls-ca-cert-file",     m_certs.ca,
                "--tls-client-cert-file", m_certs.clientCert,
                "--tls-client-key-file",  m_certs.clientKey};
    }
    // A TLS target of each kind: [0] the engine, [1] redis-server.
    bool startTargets(std::unique_ptr<TestServer> (&out)[2], int (&tlsPorts)[2],
                      const std::string &cert, const std::string &key)
    {
        for (int kind = 0; kind < 2; ++kind) {
            tlsPorts[kind] = TestServer::freePort();
            const auto args = targetArgs(tlsPorts[kind], cert, key);
            out[kind] = kind == 0 ? TestServer::startRedscope(args) : TestServer::startRedis(args);
            if (!out[kind] || !out[kind]->ok()) return false;
        }
        return true;
    }

    // Both sources run the same commands; their replies must be equal. Returns the reply.
    std::string both(const std::vector<std::string> &args)
    {
        RedisTestClient ours("127.0.0.1", m_sources[0]->port());
        RedisTestClient redis("127.0.0.1", m_sources[1]->port());
        const std::string mine = ours.run(args), theirs = redis.run(args);
        if (mine != theirs) {
            QTest::qFail(("engine: " + mine + "\nredis-server: " + theirs).c_str(), __FILE__,
                         __LINE__);
            return "<differs>";
        }
        return mine;
    }

    // The migration script one source runs against a target; the transcript of its replies
    // and of what the target holds afterwards.
    std::vector<std::string> script(int source, int targetKind)
    {
        RedisTestClient src("127.0.0.1", m_sources[source]->port());
        RedisTestClient dst("127.0.0.1", m_targets[targetKind]->port());
        const std::string port = std::to_string(m_targetTls[targetKind]);
        auto migrate = [&](std::vector<std::string> tail) {
            std::vector<std::string> args = {"MIGRATE", "127.0.0.1", port};
            args.insert(args.end(), tail.begin(), tail.end());
            return src.run(args);
        };
        std::vector<std::string> t;
        src.run({"FLUSHALL"});
        dst.run({"FLUSHALL"});
        dst.run({"CONFIG", "RESETSTAT"});
        src.run({"SET", "s", "v"});
        src.run({"RPUSH", "l", "a", "b", "c"});
        src.run({"HSET", "h", "f", "1", "g", "2"});
        src.run({"PEXPIRE", "h", "100000"});
        src.run({"MSET", "a", "1", "b", "2", "c", "3", "dup", "here"});
        dst.run({"SET", "dup", "there"});
        t.push_back(migrate({"s", "0", "5000"}));
        t.push_back(src.run({"EXISTS", "s"}));
        t.push_back(dst.run({"GET", "s"}));
        t.push_back(migrate({"h", "0", "5000"}));
        t.push_back(dst.run({"HGETALL", "h"}));
        const std::string pttl = dst.run({"PTTL", "h"});
        t.push_back(pttl.size() > 1 && std::stoll(pttl.substr(1)) > 90000 ? "ttl kept" : pttl);
        t.push_back(migrate({"", "0", "5000", "COPY", "KEYS", "l", "a", "missing"}));
        t.push_back(src.run({"EXISTS", "l", "a"}));
        t.push_back(dst.run({"LRANGE", "l", "0", "-1"}));
        t.push_back(migrate({"dup", "0", "5000"}));
        t.push_back(src.run({"GET", "dup"}));
        t.push_back(migrate({"dup", "0", "5000", "REPLACE"}));
        t.push_back(dst.run({"GET", "dup"}));
        t.push_back(migrate({"b", "3", "5000"}));
        t.push_back(migrate({"c", "3", "5000"}));
        const std::string selected = dst.run({"SELECT", "3"});
        t.push_back(selected + dst.run({"MGET", "b", "c"}));
        dst.run({"SELECT", "0"});
        t.push_back(migrate({"nothing", "0", "5000"}));
        // SELECT counted on the target: MIGRATE sent it for the first key, after BUSYKEY (an
        // error forgets the link's database) and for db 3 (not for the second key to db 3);
        // two more are this test client's own.
        t.push_back("select calls " + calls(dst, "select"));
        // Authentication: the target asks for a password now.
        // The cached link was authenticated when it connected: the target drops it, and the
        // next MIGRATE finds it broken and connects again (no error from that).
        dst.run({"CONFIG", "SET", "requirepass", "s3cret"});
        dst.run({"CLIENT", "KILL", "SKIPME", "yes"});
        src.run({"SET", "x", "1"});
        src.run({"SET", "y", "2"});
        t.push_back(migrate({"x", "0", "5000"}));
        t.push_back(migrate({"x", "0", "5000", "AUTH", "wrong"}));
        t.push_back(src.run({"EXISTS", "x"}));
        t.push_back(migrate({"x", "0", "5000", "AUTH", "s3cret"}));
        t.push_back(migrate({"", "0", "5000", "AUTH2", "default", "s3cret", "KEYS", "y"}));
        const std::string authenticated = dst.run({"AUTH", "s3cret"});
        t.push_back(authenticated + dst.run({"MGET", "x", "y"}));
        dst.run({"CONFIG", "SET", "requirepass", ""});
        t.push_back("links " + infoField(src, "stats", "migrate_cached_sockets"));
        t.push_back("connections " + infoField(dst, "stats", "total_connections_received"));
        return t;
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(makeTestCertificates(m_dir.path()), "openssl could not make the certificates");
        m_certs = TestCertificates(m_dir.path());
        m_sources[0] = TestServer::startRedscope(sourceArgs());
        m_sources[1] = TestServer::startRedis(sourceArgs());
        for (auto &source : m_sources)
            QVERIFY2(source && source->ok(), source ? source->error().c_str() : "no server");
        QVERIFY2(startTargets(m_targets, m_targetTls, m_certs.cert, m_certs.key),
                 "targets did not start");
    }

    void migrateOverTls_data()
    {
        QTest::addColumn<int>("target");
        QTest::newRow("to the engine") << 0;
        QTest::newRow("to redis-server") << 1;
    }
    void migrateOverTls()
    {
        QFETCH(int, target);
        const std::vector<std::string> ours = script(0, target);
        const std::vector<std::string> redis = script(1, target);
        QCOMPARE(ours.size(), redis.size());
        for (size_t i = 0; i < ours.size(); ++i)
            EXPECT_REPLY(ours[i] + " (step " + std::to_string(i) + ")",
                         redis[i] + " (step " + std::to_string(i) + ")");
        // Not two equal failures: the keys did go over TLS.
        EXPECT_REPLY(ours[0], std::string("+OK"));
        EXPECT_REPLY(ours[2], std::string("$v"));
        EXPECT_REPLY(ours[5], std::string("ttl kept"));
        EXPECT_REPLY(ours[8], std::string("*[$a,$b,$c]"));
        EXPECT_PREFIX(ours[9], "-ERR Target instance replied with error: BUSYKEY Target");
        EXPECT_REPLY(ours[15], std::string("+OK*[$2,$3]"));
        EXPECT_REPLY(ours[17], std::string("select calls 5"));
        EXPECT_PREFIX(ours[18], "-ERR Target instance replied with error: NOAUTH");
        EXPECT_REPLY(ours[21], std::string("+OK"));
        EXPECT_REPLY(ours[23], std::string("+OK*[$1,$2]"));
        // One cached link, one connection on the target for all those MIGRATEs but the one
        // it killed.
        // (The first row's link to the other target is still cached.)
        EXPECT_REPLY(ours[24], "links " + std::to_string(target + 1));
        EXPECT_REPLY(ours[25], std::string("connections 2"));
    }

    // The cache seen from the target: the link is reused, replaced silently when the target
    // killed it, and closed after 10 idle seconds.
    void cachedLinkReusedReplacedAndClosedWhenIdle()
    {
        std::unique_ptr<TestServer> targets[2];
        int tlsPorts[2];
        QVERIFY(startTargets(targets, tlsPorts, m_certs.cert, m_certs.key));
        for (int kind = 0; kind < 2; ++kind) {
            RedisTestClient dst("127.0.0.1", targets[kind]->port());
            const std::string port = std::to_string(tlsPorts[kind]);
            for (int source = 0; source < 2; ++source) {
                RedisTestClient src("127.0.0.1", m_sources[source]->port());
                dst.run({"CLIENT", "KILL", "SKIPME", "yes"}); // the other source's link
                dst.run({"CONFIG", "RESETSTAT"});
                const std::string k = "s" + std::to_string(source) + ":";
                src.run({"MSET", k + "1", "1", k + "2", "2", k + "3", "3"});
                EXPECT_REPLY(src.run({"MIGRATE", "127.0.0.1", port, k + "1", "0", "5000"}), "+OK");
                EXPECT_REPLY(src.run({"MIGRATE", "127.0.0.1", port, k + "2", "0", "5000"}), "+OK");
                EXPECT_REPLY(infoField(dst, "stats", "total_connections_received"), "1");
                EXPECT_REPLY(calls(dst, "select"), "1");
                // The target drops the link: the next MIGRATE opens another, without an error.
                EXPECT_REPLY(dst.run({"CLIENT", "KILL", "SKIPME", "yes"}), ":1");
                EXPECT_REPLY(src.run({"MIGRATE", "127.0.0.1", port, k + "3", "0", "5000"}), "+OK");
                EXPECT_REPLY(infoField(dst, "stats", "total_connections_received"), "2");
                EXPECT_REPLY(calls(dst, "select"), "2");
                EXPECT_REPLY(infoField(dst, "clients", "connected_clients"), "2");
            }
        }
        RedisTestClient dst("127.0.0.1", targets[1]->port());
        // Both sources' links are idle from now: closed after 10 s (checked once a second).
        QElapsedTimer idle;
        idle.start();
        RedisTestClient ours("127.0.0.1", m_sources[0]->port());
        RedisTestClient redis("127.0.0.1", m_sources[1]->port());
        const std::string before = infoField(ours, "stats", "migrate_cached_sockets");
        QCOMPARE(before, infoField(redis, "stats", "migrate_cached_sockets"));
        QVERIFY(before != "0");
        QTRY_COMPARE_WITH_TIMEOUT(infoField(dst, "clients", "connected_clients"), std::string("1"),
                                  15000);
        QVERIFY2(idle.elapsed() > 9000, std::to_string(idle.elapsed()).c_str());
        // Each source closes its idle links in its own once-a-second cron: both within 3 s of
        // the target seeing them go (ours was read at once before; under ASan its cron ran late).
        QTRY_COMPARE_WITH_TIMEOUT(infoField(ours, "stats", "migrate_cached_sockets"),
                                  std::string("0"), 3000);
        QTRY_COMPARE_WITH_TIMEOUT(infoField(redis, "stats", "migrate_cached_sockets"),
                                  std::string("0"), 3000);
    }

    void failuresAsRedis()
    {
        both({"SET", "k", "v"});
        const std::string dead = std::to_string(TestServer::freePort());
        // A target that does not speak TLS (the plain port), a dead port.
        const std::string plain = std::to_string(m_targets[1]->port());
        EXPECT_REPLY(both({"MIGRATE", "127.0.0.1", plain, "k", "0", "2000"}),
                     std::string("-IOERR error or timeout connecting to the client"));
        EXPECT_REPLY(both({"MIGRATE", "127.0.0.1", dead, "k", "0", "2000"}),
                     std::string("-IOERR error or timeout connecting to the client"));
        EXPECT_REPLY(both({"MIGRATE", "no-such-host.invalid", "1", "k", "0", "2000"}),
                     std::string("-IOERR error or timeout connecting to the client"));
        // A target whose certificate our CA did not sign.
        {
            std::unique_ptr<TestServer> rogue[2];
            int ports[2];
            QVERIFY(startTargets(rogue, ports, m_certs.rogueCert, m_certs.rogueKey));
            for (int kind = 0; kind < 2; ++kind)
                EXPECT_REPLY(
                    both({"MIGRATE", "127.0.0.1", std::to_string(ports[kind]), "k", "0", "2000"}),
                    std::string("-IOERR error or timeout connecting to the client"));
        }
        // A listener that never answers: the handshake times out.
        {
            SilentListener silent;
            QVERIFY(silent.port());
            QElapsedTimer timer;
            timer.start();
            EXPECT_REPLY(
                both({"MIGRATE", "127.0.0.1", std::to_string(silent.port()), "k", "0", "300"}),
                std::string("-IOERR error or timeout connecting to the client"));
            QVERIFY2(timer.elapsed() >= 500, std::to_string(timer.elapsed()).c_str());
        }
        // A target that takes the link and then does not answer (paused): over TLS redis-server
        // retries once after the timeout (its TLS calls report EAGAIN), so two timeouts pass.
        for (int kind = 0; kind < 2; ++kind) {
            RedisTestClient dst("127.0.0.1", m_targets[kind]->port());
            const std::string port = std::to_string(m_targetTls[kind]);
            for (int source = 0; source < 2; ++source) {
                RedisTestClient src("127.0.0.1", m_sources[source]->port());
                src.run({"SET", "paused", "v"});
                EXPECT_REPLY(src.run({"MIGRATE", "127.0.0.1", port, "paused", "0", "2000", "COPY",
                                      "REPLACE"}),
                             "+OK");
                EXPECT_REPLY(dst.run({"CLIENT", "PAUSE", "1200", "ALL"}), "+OK");
                QElapsedTimer timer;
                timer.start();
                EXPECT_REPLY(src.run({"MIGRATE", "127.0.0.1", port, "paused", "0", "400", "COPY",
                                      "REPLACE"}),
                             "-IOERR error or timeout reading to target instance");
                const qint64 elapsed = timer.elapsed();
                EXPECT_REPLY(dst.run({"PING"}), "+PONG"); // answered when the pause ends
                QVERIFY2(elapsed >= 780 && elapsed < 2000, std::to_string(elapsed).c_str());
                EXPECT_REPLY(src.run({"EXISTS", "paused"}), ":1");
            }
        }
        // A client certificate the targets refuse (fresh targets: no cached link).
        {
            std::unique_ptr<TestServer> fresh[2];
            int ports[2];
            QVERIFY(startTargets(fresh, ports, m_certs.cert, m_certs.key));
            EXPECT_REPLY(both({"CONFIG", "SET", "tls-client-cert-file", m_certs.rogueCert,
                               "tls-client-key-file", m_certs.rogueKey}),
                         std::string("+OK"));
            // TLS 1.3 ends the client's handshake before the target checks the certificate:
            // the refusal (an alert, then a closed socket) meets the RESTORE being written or
            // its reply being read, whichever comes first; redis-server answers either way
            // (both were seen from it against either target), and so does the engine.
            for (int source = 0; source < 2; ++source) {
                RedisTestClient src("127.0.0.1", m_sources[source]->port());
                for (int kind = 0; kind < 2; ++kind) {
                    const std::string reply = src.run(
                        {"MIGRATE", "127.0.0.1", std::to_string(ports[kind]), "k", "0", "2000"});
                    QVERIFY2(reply == "-IOERR error or timeout reading to target instance" ||
                                 reply == "-IOERR error or timeout writing to target instance",
                             reply.c_str());
                    EXPECT_REPLY(src.run({"EXISTS", "k"}), ":1");
                }
            }
            EXPECT_REPLY(both({"CONFIG", "SET", "tls-client-cert-file", m_certs.clientCert,
                               "tls-client-key-file", m_certs.clientKey}),
                         std::string("+OK"));
            // The same targets take the keys with the CA's certificate.
            for (int kind = 0; kind < 2; ++kind) {
                both({"SET", "k", "v"});
                EXPECT_REPLY(both({"MIGRATE", "127.0.0.1", std::to_string(ports[kind]), "k", "0",
                                   "2000", "REPLACE"}),
                             std::string("+OK"));
            }
        }
    }

    // tls-cluster no: the plain path to a plain port works, and a TLS port fails as on Redis.
    void plainPathWithTlsClusterOff()
    {
        std::unique_ptr<TestServer> fresh[2];
        int ports[2];
        QVERIFY(startTargets(fresh, ports, m_certs.cert, m_certs.key));
        EXPECT_REPLY(both({"CONFIG", "SET", "tls-cluster", "no"}), std::string("+OK"));
        for (int kind = 0; kind < 2; ++kind) {
            both({"SET", "p", "plain"});
            EXPECT_REPLY(
                both({"MIGRATE", "127.0.0.1", std::to_string(ports[kind]), "p", "0", "1000"}),
                std::string("-IOERR error or timeout reading to target instance"));
            EXPECT_REPLY(both({"EXISTS", "p"}), std::string(":1"));
            EXPECT_REPLY(both({"MIGRATE", "127.0.0.1", std::to_string(fresh[kind]->port()), "p",
                               "0", "1000", "REPLACE"}),
                         std::string("+OK"));
            RedisTestClient dst("127.0.0.1", fresh[kind]->port());
            EXPECT_REPLY(dst.run({"GET", "p"}), std::string("$plain"));
        }
        // The refused port: written to, as Redis finds out.
        const std::string dead = std::to_string(TestServer::freePort());
        both({"SET", "p", "plain"});
        EXPECT_REPLY(both({"MIGRATE", "127.0.0.1", dead, "p", "0", "1000"}),
                     std::string("-IOERR error or timeout writing to target instance"));
        // A plain link's read timeout is final: one timeout, no retry.
        {
            SilentListener silent;
            QVERIFY(silent.port());
            for (int source = 0; source < 2; ++source) {
                RedisTestClient src("127.0.0.1", m_sources[source]->port());
                src.run({"SET", "p", "plain"});
                QElapsedTimer timer;
                timer.start();
                EXPECT_REPLY(src.run({"MIGRATE", "127.0.0.1", std::to_string(silent.port()), "p",
                                      "0", "400"}),
                             "-IOERR error or timeout reading to target instance");
                QVERIFY2(timer.elapsed() >= 390 && timer.elapsed() < 780,
                         std::to_string(timer.elapsed()).c_str());
            }
        }
        // Ports as Redis reads them (atoi, then getaddrinfo): no number is port 0, "1x" is 1,
        // 4294967297 wraps to 1, a negative one resolves to nothing.
        for (const char *port : {"abc", "0", "-1", "1x", "4294967297"}) {
            both({"SET", "p", "plain"});
            EXPECT_PREFIX(both({"MIGRATE", "127.0.0.1", port, "p", "0", "1000"}), "-IOERR");
        }
        EXPECT_REPLY(both({"CONFIG", "SET", "tls-cluster", "yes"}), std::string("+OK"));
    }
};

QTEST_GUILESS_MAIN(TstMigrateTls)
#include "tst_migrate_tls.moc"
