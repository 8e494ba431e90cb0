// The tls-port listener, side by side with Debian's redis-server 7.0 started with the same
// certificates (a CA, a server and a client certificate it signed, and a rogue self-signed
// client certificate, all made with the openssl CLI): commands, a pipeline of 10,000
// commands, a 10 MB value both ways, tls-auth-clients yes/no/optional, refused certificates,
// CONFIG SET of tls-* at run time (the same replies, the old context kept on a bad file,
// tls-port moved), an encrypted key with tls-key-file-pass, garbage bytes on the TLS port,
// Debian's redis-cli --tls, and replication over TLS both ways (redis-server master ->
// engine replica, engine master -> redis-server replica), datasets equal after the sync and
// after a write load. The TLS client is OpenSSL over a blocking socket, with hiredis's reply
// reader (libhiredis 0.14 has no SSL API).
#include "persistence_test_support.h"
#include "raw_connection.h"
#include "redis_test_client.h"
#include "tls_test_certs.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

#include <hiredis/hiredis.h>
#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <csignal>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

using namespace redscope::test;

namespace {

// A blocking TLS client: connect, handshake, RESP requests and replies as canonical text.
class TlsClient
{
public:
    TlsClient(int port, const std::string &ca, const std::string &cert = {},
              const std::string &key = {})
    {
        m_ctx = SSL_CTX_new(TLS_client_method());
        SSL_CTX_load_verify_locations(m_ctx, ca.c_str(), nullptr);
        SSL_CTX_set_verify(m_ctx, SSL_VERIFY_PEER, nullptr);
        if (!cert.empty() &&
            (SSL_CTX_use_certificate_file(m_ctx, cert.c_str(), SSL_FILETYPE_PEM) <= 0 ||
             SSL_CTX_use_PrivateKey_file(m_ctx, key.c_str(), SSL_FILETYPE_PEM) <= 0)) {
            m_error = "cannot load client certificate";
            return;
        }
        m_fd = connectLoopback(port);
        if (m_fd < 0) {
            m_error = "connect failed";
            return;
        }
        setTimeoutsAndNoDelay(m_fd, 20);
        m_ssl = SSL_new(m_ctx);
        SSL_set_fd(m_ssl, m_fd);
        if (SSL_connect(m_ssl) != 1) {
            m_error = "handshake failed";
            ERR_clear_error();
            return;
        }
        m_reader = redisReaderCreate();
        m_reader->maxbuf = 0;
        m_connected = true;
    }
    ~TlsClient()
    {
        if (m_reader) redisReaderFree(m_reader);
        if (m_ssl) SSL_free(m_ssl);
        if (m_fd >= 0) close(m_fd);
        SSL_CTX_free(m_ctx);
    }
    bool connected() const { return m_connected; }
    const std::string &error() const { return m_error; }

    void append(const std::vector<std::string> &args)
    {
        m_out += "*" + std::to_string(args.size()) + "\r\n";
        for (const std::string &a : args)
            m_out += "$" + std::to_string(a.size()) + "\r\n" + a + "\r\n";
    }
    bool flush()
    {
        size_t at = 0;
        while (at < m_out.size()) {
            const int n = SSL_write(m_ssl, m_out.data() + at,
                                    static_cast<int>(std::min<size_t>(m_out.size() - at, 1 << 20)));
            if (n <= 0) return false;
            at += static_cast<size_t>(n);
        }
        m_out.clear();
        return true;
    }
    bool sendRaw(const std::string &bytes)
    {
        m_out = bytes;
        return flush();
    }
    // The next reply: hiredis's reader object (nullptr on an I/O error).
    redisReply *readObject()
    {
        for (;;) {
            void *reply = nullptr;
            if (redisReaderGetReply(m_reader, &reply) != REDIS_OK) return nullptr;
            if (reply) return static_cast<redisReply *>(reply);
            char buffer[65536];
            const int n = SSL_read(m_ssl, buffer, sizeof buffer);
            if (n <= 0) {
                ERR_clear_error();
                return nullptr;
            }
            redisReaderFeed(m_reader, buffer, static_cast<size_t>(n));
        }
    }
    std::string readReply()
    {
        redisReply *reply = connected() ? readObject() : nullptr;
        if (!reply) return "<io error>";
        std::string text = replyToText(reply);
        freeReplyObject(reply);
        return text;
    }
    std::string run(const std::vector<std::string> &args)
    {
        if (!connected()) return "<not connected: " + m_error + ">";
        append(args);
        if (!flush()) return "<io error>";
        return readReply();
    }

private:
    SSL_CTX *m_ctx = nullptr;
    SSL *m_ssl = nullptr;
    int m_fd = -1;
    redisReader *m_reader = nullptr;
    bool m_connected = false;
    std::string m_error;
    std::string m_out;
};

std::string infoField(Conn &c, const std::string &field)
{
    const std::string text = c.cmd({"INFO", "replication"});
    const size_t at = text.find(field + ":");
    if (at == std::string::npos) return {};
    const size_t start = at + field.size() + 1;
    return text.substr(start, text.find_first_of("\r\n", start) - start);
}

bool linkUp(Conn &master, Conn &replica)
{
    const std::string offset = infoField(master, "master_repl_offset");
    return infoField(replica, "master_link_status") == "up" && !offset.empty() &&
           infoField(replica, "slave_repl_offset") == offset;
}

void writeLoad(TlsClient &c, int round, int size)
{
    const std::string r = std::to_string(round);
    for (int i = 0; i < size; ++i) {
        const std::string n = std::to_string(i);
        c.append({"SET", "str:" + n, "value-" + r + "-" + n});
        c.append({"INCRBY", "counter:" + std::to_string(i % 7), n});
        c.append({"HSET", "hash:" + std::to_string(i % 20), "f" + n, r});
        c.append({"RPUSH", "list:" + std::to_string(i % 10), r + ":" + n});
        c.append({"ZADD", "zset:" + std::to_string(i % 10), n + ".5", "m" + n});
        c.append({"SADD", "set:" + std::to_string(i % 10), n, "m" + r});
    }
    c.append({"SET", "big:" + r, std::string(300000, 'b')});
    c.flush();
    for (int i = 0; i < size * 6 + 1; ++i)
        c.readReply();
}

} // namespace

class TstTlsListener : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    TestCertificates m_certs;
    std::unique_ptr<TestServer> m_ours, m_redis;
    int m_oursTls = 0, m_redisTls = 0;

    std::vector<std::string> tlsArgs(int tlsPort) const
    {
        return {"--tls-port",         std::to_string(tlsPort),
                "--tls-cert-file",    m_certs.cert,
                "--tls-key-file",     m_certs.key,
                "--tls-ca-cert-file", m_certs.ca};
    }

    // Connects to both servers' TLS ports with the same credentials.
    struct Pair
    {
        std::unique_ptr<TlsClient> ours, redis;
    };
    Pair both(const std::string &cert, const std::string &key)
    {
        return {std::make_unique<TlsClient>(m_oursTls, m_certs.ca, cert, key),
                std::make_unique<TlsClient>(m_redisTls, m_certs.ca, cert, key)};
    }

    // "ok" when a PING over TLS with these credentials gets PONG, else what happened.
    std::string pingWith(int port, const std::string &cert, const std::string &key)
    {
        TlsClient c(port, m_certs.ca, cert, key);
        if (!c.connected()) return "refused";
        const std::string reply = c.run({"PING"});
        return reply == "+PONG" ? "ok" : "refused";
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(makeTestCertificates(m_dir.path()),
                 "openssl could not make the test certificates");
        m_certs = TestCertificates(m_dir.path());
        m_oursTls = TestServer::freePort();
        m_ours = TestServer::startRedscope(tlsArgs(m_oursTls));
        QVERIFY2(m_ours && m_ours->ok(), m_ours ? m_ours->error().c_str() : "no server");
        m_redisTls = TestServer::freePort();
        m_redis = TestServer::startRedis(tlsArgs(m_redisTls));
        QVERIFY2(m_redis && m_redis->ok(), m_redis ? m_redis->error().c_str() : "no server");
    }

    void commandsSideBySide()
    {
        Pair c = both(m_certs.clientCert, m_certs.clientKey);
        QVERIFY2(c.ours->connected(), c.ours->error().c_str());
        QVERIFY2(c.redis->connected(), c.redis->error().c_str());
        const std::vector<std::vector<std::string>> script = {
            {"PING"},
            {"FLUSHALL"},
            {"SET", "k", "v"},
            {"GET", "k"},
            {"INCR", "n"},
            {"RPUSH", "l", "a", "b", "c"},
            {"LRANGE", "l", "0", "-1"},
            {"HSET", "h", "f", "1"},
            {"HGETALL", "h"},
            {"SADD", "s", "x"},
            {"ZADD", "z", "1", "m"},
            {"ZRANGE", "z", "0", "-1", "WITHSCORES"},
            {"GET", "l"},
            {"NOSUCHCOMMAND"},
            {"HELLO", "3"},
            {"HGETALL", "h"},
            {"HELLO", "2"},
            {"CONFIG", "GET", "tls-auth-clients"},
            {"CONFIG", "GET", "tls-protocols"},
            {"CONFIG", "GET", "tls-session-cache-size"},
            {"DEL", "k", "n", "l", "h", "s", "z"},
        };
        for (const auto &args : script) {
            if (args[0] == "HELLO") {
                // HELLO's map holds the server's name and version: compare its length only.
                QCOMPARE(c.ours->run(args).substr(0, 3), c.redis->run(args).substr(0, 3));
                continue;
            }
            QCOMPARE(c.ours->run(args), c.redis->run(args));
        }
    }

    // 10,000 commands in one write: every reply comes back in order (nothing is left inside
    // OpenSSL's buffer waiting for more bytes from the client).
    void pipelineOf10k()
    {
        for (int round = 0; round < 2; ++round) {
            Pair c = both(m_certs.clientCert, m_certs.clientKey);
            std::vector<std::string> replies[2];
            TlsClient *clients[2] = {c.ours.get(), c.redis.get()};
            for (int side = 0; side < 2; ++side) {
                TlsClient &client = *clients[side];
                QVERIFY(client.connected());
                client.run({"DEL", "p:counter"});
                for (int i = 0; i < 10000; ++i) {
                    if (i % 2)
                        client.append({"INCR", "p:counter"});
                    else
                        client.append({"SET", "p:" + std::to_string(i % 100), std::to_string(i)});
                }
                QVERIFY(client.flush());
                for (int i = 0; i < 10000; ++i)
                    replies[side].push_back(client.readReply());
                QCOMPARE(client.run({"GET", "p:counter"}), std::string("$5000"));
            }
            QCOMPARE(replies[0].size(), size_t(10000));
            QVERIFY(replies[0] == replies[1]);
            QCOMPARE(replies[0].back(), std::string(":5000"));
        }
    }

    // 10 MB up and 10 MB down, the reply written across many writable events.
    void tenMegabyteValue()
    {
        std::string value(10 * 1024 * 1024, '\0');
        for (size_t i = 0; i < value.size(); ++i)
            value[i] = static_cast<char>((i * 2654435761u) >> 13);
        TlsClient c(m_oursTls, m_certs.ca, m_certs.clientCert, m_certs.clientKey);
        QVERIFY(c.connected());
        QCOMPARE(c.run({"SET", "big", value}), std::string("+OK"));
        QCOMPARE(c.run({"STRLEN", "big"}), std::string(":10485760"));
        for (int i = 0; i < 3; ++i) {
            c.append({"GET", "big"});
            QVERIFY(c.flush());
            redisReply *reply = c.readObject();
            QVERIFY(reply);
            QCOMPARE(reply->type, REDIS_REPLY_STRING);
            const bool same = std::string(reply->str, reply->len) == value;
            freeReplyObject(reply);
            QVERIFY(same);
        }
        // Several clients reading it at once: their writes interleave on the loop.
        std::vector<std::unique_ptr<TlsClient>> readers;
        for (int i = 0; i < 4; ++i) {
            readers.push_back(std::make_unique<TlsClient>(m_oursTls, m_certs.ca, m_certs.clientCert,
                                                          m_certs.clientKey));
            readers.back()->append({"GET", "big"});
            readers.back()->append({"PING"});
            QVERIFY(readers.back()->flush());
        }
        for (auto &reader : readers) {
            redisReply *reply = reader->readObject();
            QVERIFY(reply && reply->type == REDIS_REPLY_STRING && reply->len == value.size());
            freeReplyObject(reply);
            QCOMPARE(reader->readReply(), std::string("+PONG"));
        }
        QCOMPARE(c.run({"DEL", "big"}), std::string(":1"));
    }

    // tls-auth-clients: yes refuses a client without a certificate; optional takes it but
    // still refuses a certificate the CA did not sign; no takes both. As redis-server does.
    void authClients()
    {
        for (const char *mode : {"yes", "optional", "no"}) {
            Conn ours(m_ours->port()), redis(m_redis->port());
            QCOMPARE(ours.cmd({"CONFIG", "SET", "tls-auth-clients", mode}), std::string("+OK"));
            QCOMPARE(redis.cmd({"CONFIG", "SET", "tls-auth-clients", mode}), std::string("+OK"));
            for (const auto &[cert, key] : {std::pair{m_certs.clientCert, m_certs.clientKey},
                                            std::pair{std::string(), std::string()},
                                            std::pair{m_certs.rogueCert, m_certs.rogueKey}}) {
                const std::string fromOurs = pingWith(m_oursTls, cert, key);
                const std::string fromRedis = pingWith(m_redisTls, cert, key);
                QVERIFY2(fromOurs == fromRedis, (std::string(mode) + " cert=" + cert + ": ours " +
                                                 fromOurs + ", redis " + fromRedis)
                                                    .c_str());
            }
        }
        QCOMPARE(pingWith(m_oursTls, "", ""), std::string("ok")); // mode no
        Conn ours(m_ours->port()), redis(m_redis->port());
        ours.cmd({"CONFIG", "SET", "tls-auth-clients", "yes"});
        redis.cmd({"CONFIG", "SET", "tls-auth-clients", "yes"});
        QCOMPARE(pingWith(m_oursTls, "", ""), std::string("refused"));
        QCOMPARE(pingWith(m_oursTls, m_certs.rogueCert, m_certs.rogueKey), std::string("refused"));
        // A client that trusts another CA refuses our server certificate.
        TlsClient wrongCa(m_oursTls, m_certs.rogueCert, m_certs.clientCert, m_certs.clientKey);
        QVERIFY(!wrongCa.connected());
        QCOMPARE(ours.cmd({"PING"}), std::string("+PONG"));
    }

    // CONFIG SET of the tls-* files: a bad file is refused with redis-server's reply and the
    // old context keeps serving; a good one is used by the next connections; tls-port moves.
    void configSetAtRunTime()
    {
        Conn ours(m_ours->port()), redis(m_redis->port());
        const std::vector<std::vector<std::string>> script = {
            {"CONFIG", "SET", "tls-cert-file", "/nonexistent/cert.pem"},
            {"CONFIG", "SET", "tls-key-file", m_certs.ca},
            {"CONFIG", "SET", "tls-ca-cert-file", "/nonexistent/ca.pem"},
            {"CONFIG", "SET", "tls-protocols", "TLSv9"},
            {"CONFIG", "SET", "tls-ciphers", "NO-SUCH-CIPHER"},
            {"CONFIG", "SET", "tls-dh-params-file", "/nonexistent/dh.pem"},
            {"CONFIG", "SET", "tls-port", std::to_string(m_ours->port())}, // in use: refused
            {"CONFIG", "GET", "tls-cert-file"},
            {"CONFIG", "SET", "tls-key-file", m_certs.encryptedKey}, // no password
            {"CONFIG", "SET", "tls-key-file-pass", "wrong"},
            {"CONFIG", "SET", "tls-key-file", m_certs.encryptedKey, "tls-key-file-pass", "s3cret"},
            {"CONFIG", "GET", "tls-key-file-pass"},
            {"CONFIG", "SET", "tls-protocols", "TLSv1.2"},
            {"CONFIG", "SET", "tls-ciphersuites", "TLS_AES_256_GCM_SHA384"},
            {"CONFIG", "SET", "tls-prefer-server-ciphers", "yes"},
            {"CONFIG", "SET", "tls-session-caching", "no"},
            {"CONFIG", "SET", "tls-session-cache-size", "100"},
            {"CONFIG", "SET", "tls-session-cache-timeout", "60"},
        };
        for (auto args : script) {
            // The same port number would refuse differently on the two servers.
            std::vector<std::string> redisArgs = args;
            if (args[2] == "tls-port") redisArgs[3] = std::to_string(m_redis->port());
            std::string fromOurs = ours.cmd(args), fromRedis = redis.cmd(redisArgs);
            QVERIFY2(fromOurs == fromRedis,
                     (args[2] + ": ours " + fromOurs + " redis " + fromRedis).c_str());
            // Whatever was refused, TLS clients are still served (the old context).
            QCOMPARE(pingWith(m_oursTls, m_certs.clientCert, m_certs.clientKey), std::string("ok"));
        }
        // Move the TLS port: the new one serves, the old one is closed.
        const int moved = TestServer::freePort();
        QCOMPARE(ours.cmd({"CONFIG", "SET", "tls-port", std::to_string(moved)}),
                 std::string("+OK"));
        QCOMPARE(pingWith(moved, m_certs.clientCert, m_certs.clientKey), std::string("ok"));
        QCOMPARE(pingWith(m_oursTls, m_certs.clientCert, m_certs.clientKey),
                 std::string("refused"));
        QCOMPARE(ours.cmd({"CONFIG", "SET", "tls-port", std::to_string(m_oursTls)}),
                 std::string("+OK"));
        QCOMPARE(pingWith(m_oursTls, m_certs.clientCert, m_certs.clientKey), std::string("ok"));
        // Back to the defaults for the tests that follow.
        for (Conn *c : {&ours, &redis}) {
            QCOMPARE(
                c->cmd({"CONFIG", "SET", "tls-key-file", m_certs.key, "tls-key-file-pass", "",
                        "tls-protocols", "", "tls-ciphersuites", "", "tls-session-caching", "yes"}),
                std::string("+OK"));
        }
        QCOMPARE(pingWith(m_oursTls, m_certs.clientCert, m_certs.clientKey), std::string("ok"));
    }

    // Plain text and random bytes on the TLS port: the connection is closed, the server
    // lives on.
    void garbageOnTlsPortIsClosed()
    {
        for (int round = 0; round < 20; ++round) {
            const int fd = socket(AF_INET, SOCK_STREAM, 0);
            timeval timeout{5, 0};
            setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof timeout);
            sockaddr_in address{};
            address.sin_family = AF_INET;
            address.sin_port = htons(static_cast<uint16_t>(m_oursTls));
            address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            QCOMPARE(::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address), 0);
            std::string junk = round == 0 ? std::string("PING\r\nSET a b\r\n") : std::string();
            // Round 1: a TLS record header that announces a huge handshake, then stops.
            if (round == 1) junk = std::string("\x16\x03\x01\xff\xff\x01\x00", 7);
            for (int i = 0; round > 1 && i < 500 * round; ++i)
                junk += static_cast<char>((i * 7919 + round * 104729) & 0xff);
            [[maybe_unused]] ssize_t sent = ::send(fd, junk.data(), junk.size(), MSG_NOSIGNAL);
            if (round != 1) {
                char buffer[4096];
                ssize_t n;
                while ((n = ::recv(fd, buffer, sizeof buffer, 0)) > 0) {
                }
                QVERIFY2(n == 0 || errno == ECONNRESET,
                         ("round " + std::to_string(round) + ": not closed").c_str());
            }
            close(fd);
        }
        Conn c(m_ours->port());
        QCOMPARE(c.cmd({"PING"}), std::string("+PONG"));
        QCOMPARE(pingWith(m_oursTls, m_certs.clientCert, m_certs.clientKey), std::string("ok"));
    }

    // Debian's redis-cli with --tls, against the engine.
    void redisCliOverTls()
    {
        QProcess cli;
        cli.start("redis-cli", {"--tls", "--cacert", QString::fromStdString(m_certs.ca), "--cert",
                                QString::fromStdString(m_certs.clientCert), "--key",
                                QString::fromStdString(m_certs.clientKey), "-p",
                                QString::number(m_oursTls), "SET", "cli", "over tls"});
        QVERIFY(cli.waitForFinished(20000));
        QCOMPARE(cli.readAllStandardOutput().trimmed(), QByteArray("OK"));
        cli.start("redis-cli", {"--tls", "--cacert", QString::fromStdString(m_certs.ca), "--cert",
                                QString::fromStdString(m_certs.clientCert), "--key",
                                QString::fromStdString(m_certs.clientKey), "-p",
                                QString::number(m_oursTls), "GET", "cli"});
        QVERIFY(cli.waitForFinished(20000));
        QCOMPARE(cli.readAllStandardOutput().trimmed(), QByteArray("over tls"));
        // Without a certificate (tls-auth-clients yes): no reply.
        cli.start("redis-cli", {"--tls", "--cacert", QString::fromStdString(m_certs.ca), "-p",
                                QString::number(m_oursTls), "PING"});
        QVERIFY(cli.waitForFinished(20000));
        QVERIFY(!cli.readAllStandardOutput().contains("PONG"));
    }

    // port 0 with a tls-port: a TLS-only server.
    void tlsOnlyWithPortZero()
    {
        const int tlsPort = TestServer::freePort();
        QProcess server;
        QStringList args = {"--port", "0", "--save", "", "--dir", m_dir.path()};
        for (const std::string &arg : tlsArgs(tlsPort))
            args << QString::fromStdString(arg);
        server.start(QString::fromStdString(TestServer::redscopeServerPath()), args);
        QVERIFY(server.waitForStarted());
        QVERIFY(waitFor(
            [&] { return pingWith(tlsPort, m_certs.clientCert, m_certs.clientKey) == "ok"; },
            10000));
        TlsClient c(tlsPort, m_certs.ca, m_certs.clientCert, m_certs.clientKey);
        QCOMPARE(c.run({"CONFIG", "GET", "port"}), std::string("*[$port,$0]"));
        QCOMPARE(c.run({"SET", "only", "tls"}), std::string("+OK"));
        QCOMPARE(c.run({"GET", "only"}), std::string("$tls"));
        ::kill(static_cast<pid_t>(server.processId()), SIGTERM);
        QVERIFY(server.waitForFinished(10000));
        QCOMPARE(server.exitCode(), 0);
    }

    // redis-server (TLS master, tls-replication) -> engine replica over TLS, and the engine
    // as a TLS master of a redis-server replica; datasets equal after the sync and after a
    // write load.
    void replicationOverTls_data()
    {
        QTest::addColumn<bool>("engineIsMaster");
        QTest::newRow("redis-server master -> engine replica") << false;
        QTest::newRow("engine master -> redis-server replica") << true;
    }
    void replicationOverTls()
    {
        QFETCH(bool, engineIsMaster);
        TestServer &master = engineIsMaster ? *m_ours : *m_redis;
        const int masterTls = engineIsMaster ? m_oursTls : m_redisTls;
        const int replicaTls = TestServer::freePort();
        std::vector<std::string> args = tlsArgs(replicaTls);
        args.insert(args.end(), {"--tls-replication", "yes", "--tls-client-cert-file",
                                 m_certs.clientCert, "--tls-client-key-file", m_certs.clientKey});
        auto replica =
            engineIsMaster ? TestServer::startRedis(args) : TestServer::startRedscope(args);
        QVERIFY2(replica && replica->ok(), replica ? replica->error().c_str() : "no replica");
        TlsClient writer(masterTls, m_certs.ca, m_certs.clientCert, m_certs.clientKey);
        QVERIFY(writer.connected());
        QCOMPARE(writer.run({"FLUSHALL"}), std::string("+OK"));
        writeLoad(writer, 0, 2000);
        Conn m(master.port()), r(replica->port());
        QCOMPARE(r.cmd({"REPLICAOF", "127.0.0.1", std::to_string(masterTls)}), std::string("+OK"));
        QVERIFY2(waitFor([&] { return linkUp(m, r); }, 30000),
                 infoField(r, "master_link_status").c_str());
        QCOMPARE(dumpDataset(r), dumpDataset(m));
        for (int round = 1; round <= 3; ++round)
            writeLoad(writer, round, 3000);
        QVERIFY(waitFor([&] { return linkUp(m, r); }, 30000));
        QCOMPARE(dumpDataset(r), dumpDataset(m));
        QVERIFY(std::stoll(infoField(r, "slave_repl_offset")) > 0);
        QCOMPARE(r.cmd({"REPLICAOF", "NO", "ONE"}), std::string("+OK"));
    }

    // A replica whose client certificate the master's CA did not sign never gets the link up.
    void replicationRefusesRogueCertificate()
    {
        const int replicaTls = TestServer::freePort();
        std::vector<std::string> args = tlsArgs(replicaTls);
        args.insert(args.end(), {"--tls-replication", "yes", "--tls-client-cert-file",
                                 m_certs.rogueCert, "--tls-client-key-file", m_certs.rogueKey});
        auto replica = TestServer::startRedscope(args);
        QVERIFY2(replica && replica->ok(), replica ? replica->error().c_str() : "no replica");
        Conn r(replica->port());
        QCOMPARE(r.cmd({"REPLICAOF", "127.0.0.1", std::to_string(m_redisTls)}), std::string("+OK"));
        QTest::qWait(2500);
        QCOMPARE(infoField(r, "master_link_status"), std::string("down"));
        Conn redis(m_redis->port());
        QCOMPARE(infoField(redis, "connected_slaves"), std::string("0"));
    }
};

QTEST_GUILESS_MAIN(TstTlsListener)
#include "tst_tls_listener.moc"
