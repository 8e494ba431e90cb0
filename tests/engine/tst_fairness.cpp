// Fairness between clients: a client that pipelines a long batch must not hold the server
// until its batch is done. Client A writes 400k INCRs in one stream (and drains its replies);
// client B, on its own connection, asks GET of the counter over and over while A's batch runs.
// If the server served one client's whole pipeline before looking at others, B would only
// ever see 0 (before) and 400000 (after); a fair loop answers B in between, several times.
// The same scenario runs on Debian's redis-server as a control that the load is long enough
// to be observed on this machine. Found by the memory analysis benchmark (GET p99 under the
// app's scan, tests/bench/bench_fairness.cpp measures it).
#include "raw_connection.h"
#include "side_by_side.h"

#include <QtTest>

#include <atomic>
#include <chrono>
#include <thread>

using redscope::test::RedisTestClient;
using redscope::test::TestServer;

namespace {

constexpr int kBatch = 400000;

struct Observation
{
    int inBetween = 0; // B's replies with 0 < counter < kBatch
    int finalValue = -1;
    std::string error;
};

Observation observeDuringPipeline(int port)
{
    Observation result;
    const int fd = redscope::test::connectLoopback(port);
    if (fd < 0) {
        result.error = "connect failed";
        return result;
    }
    std::string one = "*2\r\n$4\r\nINCR\r\n$16\r\nfairness:counter\r\n";
    std::string batch;
    batch.reserve(one.size() * kBatch);
    for (int i = 0; i < kBatch; ++i)
        batch += one;
    std::atomic<bool> senderDone{false};
    // A's replies are read as they come, as a pipelining client does.
    std::thread reader([fd] {
        char buffer[65536];
        size_t lines = 0;
        while (lines < static_cast<size_t>(kBatch)) {
            ssize_t n = read(fd, buffer, sizeof buffer);
            if (n <= 0) return;
            for (ssize_t i = 0; i < n; ++i)
                lines += buffer[i] == '\n';
        }
    });
    std::thread sender([&] {
        size_t sent = 0;
        while (sent < batch.size()) {
            ssize_t n = ::send(fd, batch.data() + sent, batch.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) break;
            sent += static_cast<size_t>(n);
        }
        senderDone = true;
    });
    RedisTestClient b("127.0.0.1", port);
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (std::chrono::steady_clock::now() < deadline) {
        const std::string reply = b.run({"GET", "fairness:counter"});
        if (reply.starts_with("<")) {
            result.error = reply;
            break;
        }
        // "(nil)" before A's first INCR, else "$<number>".
        const int value = reply.starts_with("$") ? std::atoi(reply.c_str() + 1) : 0;
        if (value > 0 && value < kBatch) ++result.inBetween;
        if (value >= kBatch) {
            result.finalValue = value;
            break;
        }
    }
    sender.join();
    shutdown(fd, SHUT_RDWR);
    reader.join();
    close(fd);
    return result;
}

} // namespace

class TestFairness : public QObject
{
    Q_OBJECT

private slots:
    void secondClientServedWhileAnotherPipelines400kCommands()
    {
        auto ours = TestServer::startRedscope({"--save", "", "--appendonly", "no"});
        auto redis = TestServer::startRedis({"--save", "", "--appendonly", "no"});
        QVERIFY2(ours->ok(), ours->error().c_str());
        QVERIFY2(redis->ok(), redis->error().c_str());
        const Observation control = observeDuringPipeline(redis->port());
        const Observation observed = observeDuringPipeline(ours->port());
        qInfo("GET answered during the batch: redscope-server %d times, redis-server %d times",
              observed.inBetween, control.inBetween);
        QVERIFY2(control.error.empty(), control.error.c_str());
        QVERIFY2(observed.error.empty(), observed.error.c_str());
        QCOMPARE(control.finalValue, kBatch);
        QCOMPARE(observed.finalValue, kBatch);
        // The control: on this machine the batch lasts long enough for B to be answered
        // during it. Then ours must answer B during it too, more than once.
        QVERIFY2(control.inBetween >= 3, "redis-server's control run saw no interleaving");
        QVERIFY2(observed.inBetween >= 3,
                 "redscope-server answered the second client only before or after the batch");
    }
};

QTEST_GUILESS_MAIN(TestFairness)
#include "tst_fairness.moc"
