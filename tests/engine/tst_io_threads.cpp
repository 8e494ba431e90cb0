// io-threads and io-threads-do-reads, beside redis-server started with the same arguments:
// the I/O threads exist under Redis's names, many pipelining clients get the same bytes back
// from both servers while the threads share their writes (and reads), INFO's
// io_threads_active turns on under load and off when idle, and the threaded counters grow.
//
// Threaded I/O turns on when one event-loop iteration flushes replies to at least
// 2 x io-threads clients. To make that happen on a loaded machine the burst is made
// deterministic: CLIENT PAUSE holds every client's commands, and when the pause ends all of
// them run in one iteration, so the flush that follows has every client's replies. The next
// round of requests then arrives while threaded I/O is still on, so with io-threads-do-reads
// its reads are threaded too; the rounds after that run free.
#include "raw_connection.h"
#include "side_by_side.h"

#include <QtTest>

#include <dirent.h>
#include <fstream>
#include <poll.h>
#include <random>
#include <set>
#include <thread>

using redscope::test::respCommand;
using redscope::test::TestServer;

namespace {

constexpr int kClients = 24;
constexpr int kRounds = 12;

// The names of the process's threads (/proc/<pid>/task/*/comm) that start with prefix.
std::set<std::string> threadNames(int pid, const std::string &prefix)
{
    std::set<std::string> names;
    const std::string taskDir = "/proc/" + std::to_string(pid) + "/task";
    DIR *dir = opendir(taskDir.c_str());
    if (!dir) return names;
    while (dirent *entry = readdir(dir)) {
        if (entry->d_name[0] == '.') continue;
        std::ifstream comm(taskDir + "/" + entry->d_name + "/comm");
        std::string name;
        std::getline(comm, name);
        if (name.starts_with(prefix)) names.insert(name);
    }
    closedir(dir);
    return names;
}

// One field of INFO's text ("" when missing).
std::string infoField(const std::string &info, const std::string &field)
{
    const size_t at = info.find("\r\n" + field + ":");
    if (at == std::string::npos) return {};
    const size_t from = at + field.size() + 3;
    return info.substr(from, info.find("\r\n", from) - from);
}

// Client c's pipeline for round r: its own keys only, so its replies do not depend on how
// the server interleaves clients. Small values and big ones (replies a socket cannot take in
// one write), errors, and list/hash replies.
std::string pipelineFor(int c, int r, int *commands)
{
    std::mt19937 random(static_cast<unsigned>(c * 1000 + r));
    const std::string k = "c" + std::to_string(c) + ":";
    std::string bytes;
    *commands = 0;
    const auto add = [&](const std::vector<std::string> &args) {
        bytes += respCommand(args);
        ++*commands;
    };
    const int count = 5 + static_cast<int>(random() % 40);
    for (int i = 0; i < count; ++i) {
        switch (random() % 9) {
        case 0:
            add({"SET", k + "s", std::to_string(random())});
            break;
        case 1:
            add({"GET", k + "s"});
            break;
        case 2:
            add({"INCR", k + "n"});
            break;
        case 3:
            add({"APPEND", k + "a", std::string(1 + random() % 50, 'x')});
            break;
        case 4:
            add({"RPUSH", k + "l", std::to_string(i), std::to_string(r)});
            break;
        case 5:
            add({"LRANGE", k + "l", "-6", "-1"});
            break;
        case 6:
            add({"HSET", k + "h", "f" + std::to_string(i % 5), std::to_string(r)});
            break;
        case 7:
            add({"INCR", k + "l"});
            break; // WRONGTYPE
        case 8:
            if (r % 4 == 1 && i == 0) { // 300 KB each way: partial writes, reads in pieces
                add({"SET", k + "big", std::string(300000, static_cast<char>('a' + c % 26))});
                add({"GET", k + "big"});
            } else {
                add({"STRLEN", k + "a"});
            }
            break;
        }
    }
    return bytes;
}

struct Connection
{
    int fd = -1;
    std::string received;
    size_t parsed = 0; // bytes of `received` that are complete replies
    int replies = 0;
};

// Sends every connection's bytes, then reads until each has `expected[i]` replies.
bool exchange(std::vector<Connection> &connections, const std::vector<std::string> &requests,
              const std::vector<int> &expected, std::string *error)
{
    std::vector<size_t> sent(connections.size(), 0);
    std::vector<int> target(connections.size());
    for (size_t i = 0; i < connections.size(); ++i)
        target[i] = connections[i].replies + expected[i];
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    for (;;) {
        std::vector<pollfd> polls;
        for (size_t i = 0; i < connections.size(); ++i) {
            short events = 0;
            if (sent[i] < requests[i].size()) events |= POLLOUT;
            if (connections[i].replies < target[i]) events |= POLLIN;
            polls.push_back({connections[i].fd, events, 0});
        }
        bool done = true;
        for (const pollfd &p : polls)
            done = done && p.events == 0;
        if (done) return true;
        if (std::chrono::steady_clock::now() > deadline) return *error = "timeout", false;
        if (poll(polls.data(), polls.size(), 100) < 0) return *error = "poll failed", false;
        for (size_t i = 0; i < connections.size(); ++i) {
            Connection &c = connections[i];
            if (polls[i].revents & POLLOUT) {
                const ssize_t n = ::send(c.fd, requests[i].data() + sent[i],
                                         requests[i].size() - sent[i], MSG_NOSIGNAL);
                if (n > 0) sent[i] += static_cast<size_t>(n);
            }
            if (polls[i].revents & (POLLIN | POLLHUP | POLLERR)) {
                char buffer[65536];
                const ssize_t n = read(c.fd, buffer, sizeof buffer);
                if (n <= 0) return *error = "connection " + std::to_string(i) + " closed", false;
                c.received.append(buffer, static_cast<size_t>(n));
                while (size_t length = redscope::test::RawConnection::completeReplyLength(
                           c.received, c.parsed)) {
                    c.parsed += length;
                    ++c.replies;
                }
            }
        }
    }
}

struct LoadResult
{
    std::vector<std::string> transcripts; // every connection's bytes, in order
    std::string activeAfterBurst;         // INFO io_threads_active right after the burst
    std::string activeWhenIdle;           // ... after an INFO of its own (one client written)
    uint64_t threadedReads = 0, threadedWrites = 0;
    std::string error;
};

LoadResult runLoad(int port)
{
    LoadResult result;
    redscope::test::RawConnection control(port);
    std::vector<Connection> connections(kClients);
    for (Connection &c : connections)
        if ((c.fd = redscope::test::connectLoopback(port)) < 0)
            return result.error = "connect", result;
    for (int r = 0; r < kRounds; ++r) {
        // Rounds 0 and 1 are bursts, held by CLIENT PAUSE and then run in one iteration. The
        // INFO after round 0 is one client's reply and turns threaded I/O off again; round 1
        // turns it back on, and round 2's requests arrive while it is on.
        if (r < 2 && control.sendForReply({"CLIENT", "PAUSE", "500", "ALL"}) != "+OK\r\n")
            return result.error = "CLIENT PAUSE refused", result;
        std::vector<std::string> requests;
        std::vector<int> expected;
        for (int c = 0; c < kClients; ++c) {
            int commands = 0;
            requests.push_back(pipelineFor(c, r, &commands));
            expected.push_back(commands);
        }
        if (!exchange(connections, requests, expected, &result.error)) return result;
        if (r == 0)
            result.activeAfterBurst =
                infoField(control.sendForReply({"INFO", "server"}), "io_threads_active");
    }
    const std::string stats = control.sendForReply({"INFO", "stats"});
    result.threadedReads = std::stoull("0" + infoField(stats, "io_threaded_reads_processed"));
    result.threadedWrites = std::stoull("0" + infoField(stats, "io_threaded_writes_processed"));
    result.activeWhenIdle =
        infoField(control.sendForReply({"INFO", "server"}), "io_threads_active");
    for (Connection &c : connections) {
        result.transcripts.push_back(c.received);
        close(c.fd);
    }
    return result;
}

// After a burst has turned threaded I/O on, one client sends a malformed request: its read
// and parse happen on an I/O thread. Returns that client's bytes until the server closed it,
// and the threaded reads INFO counts afterwards.
std::pair<std::string, uint64_t> protocolErrorAfterBurst(int port, std::string *error)
{
    redscope::test::RawConnection control(port);
    std::vector<Connection> connections(kClients);
    for (Connection &c : connections)
        if ((c.fd = redscope::test::connectLoopback(port)) < 0) return {*error = "connect", 0};
    if (control.sendForReply({"CLIENT", "PAUSE", "500", "ALL"}) != "+OK\r\n")
        return {*error = "CLIENT PAUSE refused", 0};
    std::vector<std::string> requests(kClients, respCommand({"PING"}));
    if (!exchange(connections, requests, std::vector<int>(kClients, 1), error)) return {};
    const std::string bad = "*2\r\n$4\r\nECHO\r\n$x\r\nhello\r\n";
    [[maybe_unused]] ssize_t sent = ::send(connections[0].fd, bad.data(), bad.size(), 0);
    std::string received;
    pollfd p{connections[0].fd, POLLIN, 0};
    while (poll(&p, 1, 10000) > 0) {
        char buffer[4096];
        const ssize_t n = read(connections[0].fd, buffer, sizeof buffer);
        if (n <= 0) break;
        received.append(buffer, static_cast<size_t>(n));
    }
    for (Connection &c : connections)
        close(c.fd);
    const std::string stats = control.sendForReply({"INFO", "stats"});
    return {received, std::stoull("0" + infoField(stats, "io_threaded_reads_processed"))};
}

} // namespace

class TestIoThreads : public QObject
{
    Q_OBJECT

private slots:
    void threadsHaveRedisNames()
    {
        redscope::test::ServerPair pair;
        std::string error;
        QVERIFY2(pair.start(&error, false, {"--io-threads", "4"}), error.c_str());
        const std::set<std::string> expected{"io_thd_1", "io_thd_2", "io_thd_3"};
        // redis-server's threads name themselves once they run, maybe after it answers PING;
        // ours are named by the thread that starts them, before the server serves anyone.
        QTRY_COMPARE_WITH_TIMEOUT(threadNames(pair.redis().pid(), "io_thd_"), expected, 10000);
        QCOMPARE(threadNames(pair.ours().pid(), "io_thd_"), expected);
    }

    void oneIoThreadStartsNoThread()
    {
        auto server = TestServer::startRedscope({"--io-threads", "1"});
        QVERIFY2(server->ok(), server->error().c_str());
        QVERIFY(threadNames(server->pid(), "io_thd_").empty());
        redscope::test::RawConnection connection(server->port());
        const std::string info = connection.sendForReply({"INFO", "everything"});
        QCOMPARE(infoField(info, "io_threads_active"), std::string("0"));
        QCOMPARE(infoField(info, "io_threaded_writes_processed"), std::string("0"));
    }

    void protocolErrorReadByIoThread()
    {
        redscope::test::ServerPair pair;
        std::string error;
        QVERIFY2(pair.start(&error, false, {"--io-threads", "4", "--io-threads-do-reads", "yes"}),
                 error.c_str());
        const auto ours = protocolErrorAfterBurst(pair.ours().port(), &error);
        QVERIFY2(error.empty(), ("redscope: " + error).c_str());
        const auto redis = protocolErrorAfterBurst(pair.redis().port(), &error);
        QVERIFY2(error.empty(), ("redis: " + error).c_str());
        QCOMPARE(ours.first, redis.first); // the error reply, then the connection closes
        QVERIFY(ours.first.starts_with("-ERR Protocol error"));
        QVERIFY2(redis.second > 0, "redis-server read no client on its threads");
        QVERIFY2(ours.second > 0, "no threaded read");
    }

    void pipelinedClientsUnderThreadedIo_data()
    {
        QTest::addColumn<QString>("doReads");
        QTest::newRow("writes") << "no";
        QTest::newRow("reads and writes") << "yes";
    }

    void pipelinedClientsUnderThreadedIo()
    {
        QFETCH(QString, doReads);
        redscope::test::ServerPair pair;
        std::string error;
        const std::vector<std::string> args{"--io-threads", "4", "--io-threads-do-reads",
                                            doReads.toStdString()};
        QVERIFY2(pair.start(&error, false, args), error.c_str());
        const LoadResult ours = runLoad(pair.ours().port());
        QVERIFY2(ours.error.empty(), ("redscope: " + ours.error).c_str());
        const LoadResult redis = runLoad(pair.redis().port());
        QVERIFY2(redis.error.empty(), ("redis: " + redis.error).c_str());

        QCOMPARE(ours.transcripts.size(), redis.transcripts.size());
        for (size_t i = 0; i < ours.transcripts.size(); ++i) {
            const std::string &a = ours.transcripts[i], &b = redis.transcripts[i];
            if (a == b) continue;
            size_t at = 0;
            while (at < a.size() && at < b.size() && a[at] == b[at])
                ++at;
            const std::string where = "client " + std::to_string(i) + " differs at byte " +
                                      std::to_string(at) + ": ours '" + a.substr(at, 60) +
                                      "' redis '" + b.substr(at, 60) + "'";
            QFAIL(where.c_str());
        }
        // The burst turned threaded I/O on; one client's INFO turned it off again.
        QCOMPARE(redis.activeAfterBurst, std::string("1"));
        QCOMPARE(ours.activeAfterBurst, std::string("1"));
        QCOMPARE(redis.activeWhenIdle, std::string("0"));
        QCOMPARE(ours.activeWhenIdle, std::string("0"));
        // The burst's flush alone handed every client to the threads.
        QVERIFY2(redis.threadedWrites >= kClients, std::to_string(redis.threadedWrites).c_str());
        QVERIFY2(ours.threadedWrites >= kClients, std::to_string(ours.threadedWrites).c_str());
        if (doReads == "yes") {
            QVERIFY2(redis.threadedReads > 0, "redis-server read no client on its threads");
            QVERIFY2(ours.threadedReads > 0, "no threaded read");
        } else {
            QCOMPARE(redis.threadedReads, uint64_t(0));
            QCOMPARE(ours.threadedReads, uint64_t(0));
        }
    }
};

QTEST_GUILESS_MAIN(TestIoThreads)
#include "tst_io_threads.moc"
