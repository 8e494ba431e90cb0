// TLS clients under io-threads 4 / io-threads-do-reads yes (issue 21): many non-blocking TLS
// clients pipelining big requests and replies (values past one TLS record, replies a socket
// takes in many partial writes), pub/sub over TLS, and clients resetting their connection
// mid-reply and mid-request, on an engine whose I/O threads read, parse and write its TLS
// clients. The bytes every client gets back are compared with Debian's redis-server 7.0
// started with the same certificates. Every connection is TLS, the control connection too,
// so INFO's io_threaded_reads_processed / io_threaded_writes_processed (as in Redis: the
// clients handed to a threaded read or write phase) can only grow by TLS clients; they
// stayed at 0 while TLS clients were kept on the main thread.
//
// Redis 7.0's code hands TLS clients to its I/O threads like any other (redis-server 7.0.15
// counts them in the same two fields), though its docs say TLS with I/O threads is not
// supported (8.0 is the first to) and its threads then change the event loop's registrations
// themselves, which races (redis/redis#12540: clients hanging up with data pending); here
// redis-server 7.0.15 with io-threads 4 stalled on this file's pipelines (a client's
// replies never came). So the reference for the replies is redis-server with io-threads 1.
//
// Threaded I/O turns on when one event-loop iteration flushes replies to 2 x io-threads
// clients; as in tst_io_threads, CLIENT PAUSE holds a burst of requests so that they run,
// and their replies go out, in one iteration, and the requests that follow arrive while the
// threads are on. The client is OpenSSL over non-blocking sockets, one poll loop for all
// connections, with SSL_write's and SSL_read's WANT_* retries.
#include "raw_connection.h"
#include "tls_test_certs.h"

#include "test_server.h"

#include <QTemporaryDir>
#include <QtTest>

#include <openssl/err.h>
#include <openssl/ssl.h>

#include <arpa/inet.h>
#include <chrono>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <random>
#include <sys/socket.h>
#include <unistd.h>

using redscope::test::RawConnection;
using redscope::test::respCommand;
using redscope::test::TestCertificates;
using redscope::test::TestServer;

namespace {

constexpr int kClients = 24; // 3 x (2 x io-threads): every burst turns threaded I/O on
constexpr int kRounds = 8;

std::string infoField(const std::string &info, const std::string &field)
{
    const size_t at = info.find("\r\n" + field + ":");
    if (at == std::string::npos) return {};
    const size_t from = at + field.size() + 3;
    return info.substr(from, info.find("\r\n", from) - from);
}

// A value of `size` bytes that differs per (seed, position): a reply cut or shifted by one
// byte anywhere would not compare equal.
std::string patterned(size_t size, unsigned seed)
{
    std::string value(size, '\0');
    uint32_t x = seed * 2654435761u + 1;
    for (char &c : value) {
        x = x * 1103515245u + 12345u;
        c = static_cast<char>('A' + (x >> 16) % 58);
    }
    return value;
}

// One TLS session over a non-blocking socket: what is left to send, what arrived, how many
// whole replies. pump() moves bytes both ways as far as the socket lets it, never blocking.
class TlsPeer
{
public:
    TlsPeer() = default;
    TlsPeer(const TlsPeer &) = delete;
    TlsPeer &operator=(const TlsPeer &) = delete;
    ~TlsPeer() { close(); }

    // Connects and completes the handshake (blocking, with timeouts), then goes non-blocking.
    // receiveBuffer > 0: SO_RCVBUF, set before connecting (a slow reader's small window).
    bool open(SSL_CTX *ctx, int port, std::string *error, int receiveBuffer = 0)
    {
        m_fd = redscope::test::connectLoopback(port, receiveBuffer);
        if (m_fd < 0) return *error = "connect failed", false;
        redscope::test::setTimeoutsAndNoDelay(m_fd, 30);
        m_ssl = SSL_new(ctx);
        SSL_set_fd(m_ssl, m_fd);
        if (SSL_connect(m_ssl) != 1) {
            ERR_clear_error();
            return *error = "handshake failed", false;
        }
        fcntl(m_fd, F_SETFL, fcntl(m_fd, F_GETFL) | O_NONBLOCK);
        return true;
    }

    // Hangs up at once: no close_notify, and a reset rather than a FIN (linger 0), as a
    // client that crashed or lost its network does.
    void abort()
    {
        if (m_fd < 0) return;
        linger hard{1, 0};
        setsockopt(m_fd, SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
        close();
    }

    void close()
    {
        if (m_ssl) SSL_free(m_ssl);
        m_ssl = nullptr;
        if (m_fd >= 0) ::close(m_fd);
        m_fd = -1;
    }

    void queue(const std::string &bytes) { m_out += bytes; }

    // False when the session failed or the server closed it (m_error says which).
    bool pump()
    {
        ERR_clear_error();
        while (m_sent < m_out.size()) {
            // A retry after WANT_* offers the same bytes again, at least as many: the cap is
            // a constant and m_out only grows.
            const size_t size = std::min<size_t>(m_out.size() - m_sent, 1 << 20);
            const int n = SSL_write(m_ssl, m_out.data() + m_sent, static_cast<int>(size));
            if (n > 0) {
                m_sent += static_cast<size_t>(n);
                continue;
            }
            if (!wouldBlock(n)) return false;
            break;
        }
        if (m_sent == m_out.size()) {
            m_out.clear();
            m_sent = 0;
        }
        // Until OpenSSL has nothing decrypted left (SSL_pending) and the socket is empty.
        for (;;) {
            char buffer[65536];
            const int n = SSL_read(m_ssl, buffer, sizeof buffer);
            if (n <= 0) return wouldBlock(n);
            received.append(buffer, static_cast<size_t>(n));
            while (size_t length = RawConnection::completeReplyLength(received, m_parsed)) {
                m_parsed += length;
                ++replies;
            }
        }
    }

    bool sending() const { return m_sent < m_out.size(); }
    int fd() const { return m_fd; }
    const std::string &error() const { return m_error; }

    std::string received;
    int replies = 0;

private:
    bool wouldBlock(int result)
    {
        const int code = SSL_get_error(m_ssl, result);
        if (code == SSL_ERROR_WANT_READ || code == SSL_ERROR_WANT_WRITE) return true;
        m_error = code == SSL_ERROR_ZERO_RETURN ? "closed by the server"
                                                : "TLS error " + std::to_string(code);
        ERR_clear_error();
        return false;
    }

    int m_fd = -1;
    SSL *m_ssl = nullptr;
    std::string m_out;
    size_t m_sent = 0;
    size_t m_parsed = 0;
    std::string m_error;
};

using Peers = std::vector<std::unique_ptr<TlsPeer>>;

std::vector<TlsPeer *> pointers(const Peers &peers)
{
    std::vector<TlsPeer *> all;
    for (const auto &peer : peers)
        all.push_back(peer.get());
    return all;
}

// Queues each peer's request bytes, then pumps every peer until peer i has `expected[i]`
// more replies (a peer with expected -1 only has to get its bytes out).
bool exchange(const std::vector<TlsPeer *> &peers, const std::vector<std::string> &requests,
              const std::vector<int> &expected, std::string *error)
{
    std::vector<int> target(peers.size());
    for (size_t i = 0; i < peers.size(); ++i) {
        peers[i]->queue(requests[i]);
        target[i] = expected[i] < 0 ? -1 : peers[i]->replies + expected[i];
    }
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(120);
    for (;;) {
        bool done = true;
        std::vector<pollfd> polls;
        for (size_t i = 0; i < peers.size(); ++i) {
            TlsPeer &peer = *peers[i];
            if (!peer.pump())
                return *error = "client " + std::to_string(i) + ": " + peer.error(), false;
            done = done && peer.replies >= target[i] && !peer.sending();
            const short events = static_cast<short>(POLLIN | (peer.sending() ? POLLOUT : 0));
            polls.push_back({peer.fd(), events, 0});
        }
        if (done) return true;
        if (std::chrono::steady_clock::now() > deadline) return *error = "timeout", false;
        poll(polls.data(), polls.size(), 50);
    }
}

// One command and its whole reply ("<error: ...>" when the exchange failed).
std::string call(TlsPeer &peer, const std::vector<std::string> &args)
{
    std::string error;
    const size_t from = peer.received.size();
    if (!exchange({&peer}, {respCommand(args)}, {1}, &error)) return "<error: " + error + ">";
    return peer.received.substr(from);
}

uint64_t infoNumber(TlsPeer &control, const std::string &section, const std::string &field)
{
    return std::stoull("0" + infoField(call(control, {"INFO", section}), field));
}

// The certificates, one client context (client certificate included: tls-auth-clients is
// yes by default), and the server arguments.
struct Setup
{
    QTemporaryDir dir;
    TestCertificates certs;
    SSL_CTX *ctx = nullptr;

    ~Setup() { SSL_CTX_free(ctx); }

    bool init()
    {
        if (!dir.isValid() || !redscope::test::makeTestCertificates(dir.path())) return false;
        certs = TestCertificates(dir.path());
        ctx = SSL_CTX_new(TLS_client_method());
        SSL_CTX_set_mode(ctx, SSL_MODE_ENABLE_PARTIAL_WRITE | SSL_MODE_ACCEPT_MOVING_WRITE_BUFFER);
        SSL_CTX_load_verify_locations(ctx, certs.ca.c_str(), nullptr);
        SSL_CTX_set_verify(ctx, SSL_VERIFY_PEER, nullptr);
        return SSL_CTX_use_certificate_file(ctx, certs.clientCert.c_str(), SSL_FILETYPE_PEM) > 0 &&
               SSL_CTX_use_PrivateKey_file(ctx, certs.clientKey.c_str(), SSL_FILETYPE_PEM) > 0;
    }

    std::vector<std::string> args(int tlsPort, int ioThreads) const
    {
        return {"--tls-port",
                std::to_string(tlsPort),
                "--tls-cert-file",
                certs.cert,
                "--tls-key-file",
                certs.key,
                "--tls-ca-cert-file",
                certs.ca,
                "--io-threads",
                std::to_string(ioThreads),
                "--io-threads-do-reads",
                "yes"};
    }
};

struct Server
{
    std::unique_ptr<TestServer> process;
    int tlsPort = 0;
};

Server startServer(const Setup &setup, bool ours, int ioThreads)
{
    Server server;
    server.tlsPort = TestServer::freePort();
    const auto args = setup.args(server.tlsPort, ioThreads);
    server.process = ours ? TestServer::startRedscope(args) : TestServer::startRedis(args);
    return server;
}

bool openPeers(const Setup &setup, int tlsPort, int count, Peers *peers, std::string *error,
               int receiveBuffer = 0)
{
    for (int i = 0; i < count; ++i) {
        peers->push_back(std::make_unique<TlsPeer>());
        if (!peers->back()->open(setup.ctx, tlsPort, error, receiveBuffer)) return false;
    }
    return true;
}

// Client c's pipeline for round r, on its own keys: small commands, and after the two
// bursts (r >= 2, see runPipelines) values of 20 KB (more than one TLS record) and 200 KB
// (many records, a reply the socket takes in several writes), a MGET whose reply holds
// both, list and hash replies, an error.
std::string pipelineFor(int c, int r, int *commands)
{
    std::mt19937 random(static_cast<unsigned>(c * 7919 + r));
    const std::string k = "t" + std::to_string(c) + ":";
    const bool big = r >= 2;
    std::string bytes;
    *commands = 0;
    const auto add = [&](const std::vector<std::string> &args) {
        bytes += respCommand(args);
        ++*commands;
    };
    const int count = 10 + static_cast<int>(random() % 30);
    for (int i = 0; i < count; ++i) {
        switch (random() % 8) {
        case 0:
            add({"SET", k + "s", std::to_string(random())});
            add({"GET", k + "s"});
            break;
        case 1:
            add({"INCR", k + "n"});
            break;
        case 2:
            add({"RPUSH", k + "l", std::to_string(i), std::string(100 + random() % 400, 'l')});
            add({"LRANGE", k + "l", "-5", "-1"});
            break;
        case 3:
            add({"HSET", k + "h", "f" + std::to_string(i % 7), std::to_string(r)});
            add({"HGETALL", k + "h"});
            break;
        case 4:
            if (!big) break;
            add({"SET", k + "mid", patterned(20000 + random() % 5000, c * 100 + r + i)});
            add({"GET", k + "mid"});
            break;
        case 5:
            if (big && i % 3 == 0) {
                add({"SET", k + "big", patterned(200000 + random() % 1000, c + r * 31)});
                add({"MGET", k + "big", k + "mid", k + "missing"});
            } else {
                add({"STRLEN", k + "big"});
            }
            break;
        case 6:
            add({"INCR", k + "l"}); // WRONGTYPE once the list exists
            break;
        case 7:
            add({"APPEND", k + "a", std::string(1 + random() % (big ? 3000 : 30), 'a')});
            add({"GETRANGE", k + "a", "0", "-1"});
            break;
        }
    }
    return bytes;
}

struct LoadResult
{
    std::vector<std::string> transcripts;
    std::string activeAfterBurst;
    uint64_t threadedReads = 0, threadedWrites = 0; // during the load
    std::string error;
};

// Every connection is TLS, the control connection too: the threaded counters can only have
// grown by TLS clients.
LoadResult runPipelines(const Setup &setup, const Server &server)
{
    LoadResult result;
    Peers peers, controls;
    if (!openPeers(setup, server.tlsPort, kClients, &peers, &result.error) ||
        !openPeers(setup, server.tlsPort, 1, &controls, &result.error))
        return result;
    TlsPeer &control = *controls[0];
    const uint64_t readsBefore = infoNumber(control, "stats", "io_threaded_reads_processed");
    const uint64_t writesBefore = infoNumber(control, "stats", "io_threaded_writes_processed");
    for (int r = 0; r < kRounds; ++r) {
        // Rounds 0 and 1 are bursts: CLIENT PAUSE holds every client's pipeline, and all of
        // them run, and are flushed, in the iteration where it ends. The INFO after round 0
        // is one client's reply and turns threaded I/O off, round 1 turns it back on, and
        // round 2's requests arrive while it is on.
        if (r < 2 && call(control, {"CLIENT", "PAUSE", "1000", "ALL"}) != "+OK\r\n")
            return result.error = "CLIENT PAUSE refused", result;
        std::vector<std::string> requests;
        std::vector<int> expected;
        for (int c = 0; c < kClients; ++c) {
            int commands = 0;
            requests.push_back(pipelineFor(c, r, &commands));
            expected.push_back(commands);
        }
        if (!exchange(pointers(peers), requests, expected, &result.error)) return result;
        if (r == 0)
            result.activeAfterBurst =
                infoField(call(control, {"INFO", "server"}), "io_threads_active");
    }
    result.threadedReads =
        infoNumber(control, "stats", "io_threaded_reads_processed") - readsBefore;
    result.threadedWrites =
        infoNumber(control, "stats", "io_threaded_writes_processed") - writesBefore;
    for (auto &peer : peers)
        result.transcripts.push_back(peer->received);
    return result;
}

// "" or where the two transcripts part.
std::string firstDifference(const std::vector<std::string> &ours,
                            const std::vector<std::string> &redis)
{
    if (ours.size() != redis.size()) return "different client counts";
    for (size_t i = 0; i < ours.size(); ++i) {
        const std::string &a = ours[i], &b = redis[i];
        if (a == b) continue;
        size_t at = 0;
        while (at < a.size() && at < b.size() && a[at] == b[at])
            ++at;
        return "client " + std::to_string(i) + " differs at byte " + std::to_string(at) + " of " +
               std::to_string(a.size()) + "/" + std::to_string(b.size()) + ": ours '" +
               a.substr(at, 60) + "' redis '" + b.substr(at, 60) + "'";
    }
    return {};
}

// 12 TLS subscribers to a channel and a pattern, and a TLS publisher pipelining 40 messages
// of up to 60 KB: every PUBLISH the engine runs leaves replies for 13 clients to write, more
// than the 8 that keep threaded I/O on, so the threads write the subscribers' messages.
std::vector<std::string> runPubSub(const Setup &setup, const Server &server,
                                   uint64_t *threadedWrites, std::string *error)
{
    constexpr int kSubscribers = 12, kMessages = 40;
    Peers subscribers, publisher;
    if (!openPeers(setup, server.tlsPort, kSubscribers, &subscribers, error) ||
        !openPeers(setup, server.tlsPort, 1, &publisher, error))
        return {};
    const uint64_t writesBefore =
        infoNumber(*publisher[0], "stats", "io_threaded_writes_processed");
    std::vector<std::string> subscribe(kSubscribers, respCommand({"SUBSCRIBE", "news"}) +
                                                         respCommand({"PSUBSCRIBE", "ne*"}));
    if (!exchange(pointers(subscribers), subscribe, std::vector<int>(kSubscribers, 2), error))
        return {};
    std::string publishes;
    for (int m = 0; m < kMessages; ++m) {
        const size_t size = m % 5 == 4 ? 60000 + m : m % 5 == 2 ? 17000 + m : 10 + m;
        publishes += respCommand({"PUBLISH", "news", patterned(size, m)});
    }
    const size_t from = publisher[0]->received.size();
    if (!exchange(pointers(publisher), {publishes}, {kMessages}, error)) return {};
    // Each subscriber gets every message twice: as a message and as a pmessage.
    std::vector<std::string> none(kSubscribers);
    if (!exchange(pointers(subscribers), none, std::vector<int>(kSubscribers, 2 * kMessages),
                  error))
        return {};
    std::vector<std::string> transcripts{publisher[0]->received.substr(from)};
    for (auto &subscriber : subscribers)
        transcripts.push_back(subscriber->received);
    *threadedWrites =
        infoNumber(*publisher[0], "stats", "io_threaded_writes_processed") - writesBefore;
    return transcripts;
}

} // namespace

class TestIoThreadsTls : public QObject
{
    Q_OBJECT

    Setup m_setup;
    Server m_ours, m_redis;

private slots:
    void initTestCase()
    {
        QVERIFY2(m_setup.init(), "openssl could not make the test certificates");
        m_ours = startServer(m_setup, true, 4);
        QVERIFY2(m_ours.process->ok(), m_ours.process->error().c_str());
        m_redis = startServer(m_setup, false, 1);
        QVERIFY2(m_redis.process->ok(), m_redis.process->error().c_str());
    }

    // The engine exits cleanly after all this: under ASan/LSan an error or a leak it finds
    // at exit (OpenSSL's per-thread state of the I/O threads, say) fails here.
    void cleanupTestCase()
    {
        if (m_ours.process && m_ours.process->ok()) QCOMPARE(m_ours.process->stop(), 0);
    }

    // The same bytes back on every connection as redis-server's, while the I/O threads
    // read, parsed and wrote the TLS clients.
    void pipelinedTlsClients()
    {
        const LoadResult ours = runPipelines(m_setup, m_ours);
        QVERIFY2(ours.error.empty(), ("redscope: " + ours.error).c_str());
        const LoadResult redis = runPipelines(m_setup, m_redis);
        QVERIFY2(redis.error.empty(), ("redis: " + redis.error).c_str());
        const std::string difference = firstDifference(ours.transcripts, redis.transcripts);
        QVERIFY2(difference.empty(), difference.c_str());

        QCOMPARE(ours.activeAfterBurst, std::string("1"));
        // The first burst's flush alone handed its 24 TLS clients to the threads, and reads
        // of the rounds after the second were threaded (how many depends on how the
        // requests spread over the iterations of a loaded machine: at least one).
        QVERIFY2(ours.threadedWrites >= uint64_t(kClients),
                 std::to_string(ours.threadedWrites).c_str());
        QVERIFY2(ours.threadedReads > 0, "no TLS client was read on the I/O threads");
    }

    // Messages of up to 60 KB fanned out to 12 TLS subscribers by the I/O threads.
    void pubSubOverTls()
    {
        std::string error;
        uint64_t oursWrites = 0, redisWrites = 0;
        const auto ours = runPubSub(m_setup, m_ours, &oursWrites, &error);
        QVERIFY2(error.empty(), ("redscope: " + error).c_str());
        const auto redis = runPubSub(m_setup, m_redis, &redisWrites, &error);
        QVERIFY2(error.empty(), ("redis: " + error).c_str());
        const std::string difference = firstDifference(ours, redis);
        QVERIFY2(difference.empty(), difference.c_str());
        QVERIFY2(oursWrites >= 12, std::to_string(oursWrites).c_str());
    }

    // TLS clients that reset their connection in the middle of their replies, or in the
    // middle of sending a big request: the engine closes them, and the clients that stayed
    // get every byte. The readers' small receive windows keep each reply in flight over
    // many writes, the first of each burst on the I/O threads; a reset lands on whichever
    // write or read comes next, on a thread or not.
    void clientsHangingUpMidReply()
    {
        constexpr int kStaying = 8, kLeavingMidReply = 12, kLeavingMidRequest = 4;
        constexpr int kGets = 4;
        constexpr size_t kLeavers = kLeavingMidReply + kLeavingMidRequest;
        std::string error;
        Peers controls;
        QVERIFY2(openPeers(m_setup, m_ours.tlsPort, 1, &controls, &error), error.c_str());
        TlsPeer &control = *controls[0];
        const std::string value = patterned(256 * 1024, 7);
        QCOMPARE(call(control, {"SET", "shared:big", value}), std::string("+OK\r\n"));
        // The connections of the tests before are gone: the control connection is alone.
        QTRY_COMPARE_WITH_TIMEOUT(infoNumber(control, "clients", "connected_clients"), uint64_t(1),
                                  30000);
        const uint64_t writesBefore = infoNumber(control, "stats", "io_threaded_writes_processed");

        Peers staying, leaving;
        QVERIFY2(openPeers(m_setup, m_ours.tlsPort, kStaying, &staying, &error), error.c_str());
        std::string expected;
        for (int round = 0; round < 3; ++round) {
            leaving.clear();
            QVERIFY2(openPeers(m_setup, m_ours.tlsPort, kLeavers, &leaving, &error, 16384),
                     error.c_str());
            // The burst: every client's GETs run in one iteration, their replies' first
            // writes are the I/O threads'.
            QCOMPARE(call(control, {"CLIENT", "PAUSE", "1000", "ALL"}), std::string("+OK\r\n"));
            std::string gets;
            for (int i = 0; i < kGets; ++i)
                gets += respCommand({"GET", "shared:big"});
            std::vector<TlsPeer *> all = pointers(staying);
            for (TlsPeer *peer : pointers(leaving))
                all.push_back(peer);
            QVERIFY2(exchange(all, std::vector<std::string>(all.size(), gets),
                              std::vector<int>(all.size(), -1), &error),
                     error.c_str());
            // The first leavers read up to 100 KB of their 1 MB (some nothing), then reset.
            for (size_t i = 0; i < kLeavingMidReply; ++i) {
                TlsPeer &peer = *leaving[i];
                const size_t want = (i % 3) * 50000;
                const auto until = std::chrono::steady_clock::now() + std::chrono::seconds(30);
                while (peer.received.size() < want && std::chrono::steady_clock::now() < until) {
                    QVERIFY2(peer.pump(), peer.error().c_str());
                    pollfd p{peer.fd(), POLLIN, 0};
                    poll(&p, 1, 20);
                }
                QVERIFY(peer.received.size() >= want);
                peer.abort();
            }
            // The others send half of a 600 KB SET, which the engine reads in pieces, and
            // reset.
            const std::string set = respCommand({"SET", "partial", patterned(600000, 3)});
            for (size_t i = kLeavingMidReply; i < kLeavers; ++i) {
                QVERIFY2(
                    exchange({leaving[i].get()}, {set.substr(0, set.size() / 2)}, {-1}, &error),
                    error.c_str());
                leaving[i]->abort();
            }
            // The staying clients get all their replies, every byte of them.
            std::vector<int> missing;
            for (auto &peer : staying)
                missing.push_back((round + 1) * kGets - peer->replies);
            QVERIFY2(
                exchange(pointers(staying), std::vector<std::string>(kStaying), missing, &error),
                error.c_str());
            for (int i = 0; i < kGets; ++i)
                expected += "$" + std::to_string(value.size()) + "\r\n" + value + "\r\n";
            for (auto &peer : staying)
                QVERIFY(peer->received == expected);
        }
        // Every leaver is gone, the staying clients are still here.
        QTRY_COMPARE_WITH_TIMEOUT(infoNumber(control, "clients", "connected_clients"),
                                  uint64_t(1 + kStaying), 30000);
        const uint64_t writes =
            infoNumber(control, "stats", "io_threaded_writes_processed") - writesBefore;
        QVERIFY2(writes >= kStaying + kLeavers, std::to_string(writes).c_str());
        QCOMPARE(call(control, {"EXISTS", "partial"}), std::string(":0\r\n"));
        QCOMPARE(call(control, {"STRLEN", "shared:big"}),
                 ":" + std::to_string(value.size()) + "\r\n");
        QCOMPARE(call(*staying[0], {"PING"}), std::string("+PONG\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestIoThreadsTls)
#include "tst_io_threads_tls.moc"
