// Soak test: one redscope-server and a few hundred loopback clients for a bounded time
// (REDSCOPE_SOAK_SECONDS, default 20), all at once:
//   - writers pipeline SET/INCR/RPUSH/HSET/SADD/ZADD/PUBLISH on their own keys and check
//     every reply they can predict (INCR's count, RPUSH's length, PUBLISH's receivers);
//   - subscribers (SUBSCRIBE to one channel, or PSUBSCRIBE to all) count what they get and
//     check it against what the writers published, message by message, in order;
//   - garbage clients send random bytes framed so they are a protocol error, and must get
//     "-ERR Protocol error" and be closed;
//   - quitters pipeline RPUSH/INCR and hang up mid-pipeline (often mid-request).
// At the end the server must still answer and the dataset must be exactly what the writers
// wrote; the quitters' keys must hold a prefix of what they sent (commands run in order,
// and a torn request never runs). Every key in the server is accounted for.
//
// Clients are non-blocking sockets driven by poll() in a few threads (one thread per client
// would be 200 threads on a 2-core box); each thread owns its clients, so no locks.
#include "redis_test_client.h"
#include "test_server.h"

#include <QtTest>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <thread>
#include <vector>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

using redscope::test::RedisTestClient;
using redscope::test::TestServer;

namespace {

using Clock = std::chrono::steady_clock;

constexpr int kThreads = 4;
constexpr int kWritersPerThread = 40;
constexpr int kSubscribersPerThread = 8; // half channel, half pattern subscribers
constexpr int kGarbagePerThread = 6;     // recycled: a new one when one is done
constexpr int kChannels = 5;
constexpr int kBatch = 24; // commands per writer pipeline
// A new garbage client or quitter per thread at most this often (they are quick, and
// unthrottled they would crowd out the writers).
constexpr auto kTransientEvery = std::chrono::milliseconds(25);

std::string resp(const std::vector<std::string> &args)
{
    std::string out = "*" + std::to_string(args.size()) + "\r\n";
    for (const std::string &a : args)
        out += "$" + std::to_string(a.size()) + "\r\n" + a + "\r\n";
    return out;
}

// A parsed reply: type is the RESP prefix byte.
struct Reply
{
    char type = 0;
    std::string text; // simple/error/bulk payload
    long long integer = 0;
    std::vector<Reply> elements;
};

// Parses one reply at pos; false if incomplete (pos untouched).
bool parseReply(const std::string &in, size_t &pos, Reply *out)
{
    if (pos >= in.size()) return false;
    const size_t eol = in.find("\r\n", pos);
    if (eol == std::string::npos) return false;
    const char type = in[pos];
    const std::string line = in.substr(pos + 1, eol - pos - 1);
    size_t next = eol + 2;
    Reply reply;
    reply.type = type;
    if (type == '+' || type == '-') {
        reply.text = line;
    } else if (type == ':') {
        reply.integer = std::atoll(line.c_str());
    } else if (type == '$') {
        const long long n = std::atoll(line.c_str());
        if (n >= 0) {
            if (in.size() < next + static_cast<size_t>(n) + 2) return false;
            reply.text = in.substr(next, static_cast<size_t>(n));
            next += static_cast<size_t>(n) + 2;
        }
    } else if (type == '*') {
        const long long n = std::atoll(line.c_str());
        for (long long i = 0; i < n; ++i) {
            Reply element;
            if (!parseReply(in, next, &element)) return false;
            reply.elements.push_back(std::move(element));
        }
    } else {
        reply.type = '?';
        reply.text = line;
    }
    pos = next;
    *out = std::move(reply);
    return true;
}

// The channel of thread t's n-th subscriber (even n; odd ones use the pattern).
int subscriberChannel(int t, int n)
{
    return (t * kSubscribersPerThread + n) / 2 % kChannels;
}

// PUBLISH's reply: every subscriber connects before the writers start and stays, so the
// receivers of a channel are fixed: its channel subscribers plus every pattern subscriber.
long long receivers(int channel)
{
    long long count = 0;
    for (int t = 0; t < kThreads; ++t)
        for (int n = 0; n < kSubscribersPerThread; ++n)
            count += n % 2 == 1 || subscriberChannel(t, n) == channel;
    return count;
}

int connectNonBlocking(int port)
{
    const int fd = socket(AF_INET, SOCK_STREAM, 0);
    if (fd < 0) return -1;
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    address.sin_port = htons(static_cast<uint16_t>(port));
    // Blocking connect on loopback (fast and simpler to reason about), then non-blocking I/O.
    if (::connect(fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0) {
        close(fd);
        return -1;
    }
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
    return fd;
}

// What one writer has written: replayed against the server at the end.
struct WriterModel
{
    std::string prefix;
    std::string lastString;
    long long counter = 0;
    std::vector<std::string> list;
    std::map<std::string, std::string> hash;
    std::set<std::string> set;
    std::map<std::string, long long> zset; // member -> score
    uint64_t published = 0;
};

struct Expect
{
    enum Kind { Status, Integer } kind;
    long long value = 0;
};

enum class Kind { Writer, Subscriber, Garbage, Quitter };

struct Conn
{
    Kind kind;
    int fd = -1;
    std::string out;
    size_t outSent = 0;
    std::string in;
    size_t inPos = 0;
    bool done = false;
    // Writer.
    WriterModel *model = nullptr;
    std::deque<Expect> expects;
    uint64_t seq = 0;
    // Subscriber.
    int channel = -1; // -1: pattern subscriber for every channel
    bool subscribed = false;
    std::map<std::string, uint64_t> lastSeqFrom; // publisher prefix -> last seq seen
    uint64_t received = 0;
    // Garbage / quitter.
    Clock::time_point started;
    std::string quitterKey;
    uint64_t quitterSent = 0;
};

// What the threads and the main thread share; the phases are explained at SoakThread::run.
struct Shared
{
    std::atomic<int> phase{0};
    std::atomic<int> subscribed{0};
    std::atomic<int> threadsDrained{0}; // threads whose writers got every reply (phase 2)
    std::atomic<uint64_t> messages{0};  // pushes received by all subscribers
};

struct ThreadResult
{
    std::vector<std::string> failures;
    uint64_t commands = 0;
    uint64_t garbageClients = 0;
    uint64_t quitterClients = 0;
    uint64_t clients = 0;
    std::vector<std::unique_ptr<WriterModel>> writers;
    std::map<std::string, uint64_t> quitters; // key prefix -> complete commands sent
    // Per subscriber: channel (-1 = pattern) and messages received per publisher.
    struct Sub
    {
        int channel;
        uint64_t received;
        bool subscribed;
    };
    std::vector<Sub> subscribers;

    void fail(const std::string &what)
    {
        if (failures.size() < 20) failures.push_back(what);
    }
};

// Runs one thread's clients through the phases the main thread sets.
class SoakThread
{
public:
    SoakThread(int index, int port, Shared &shared, ThreadResult &result)
        : m_index(index)
        , m_port(port)
        , m_shared(shared)
        , m_result(result)
        , m_random(static_cast<uint64_t>(index) * 7919 + 17)
    {
    }

    void run();

private:
    void addWriter(int n);
    void addSubscriber(int n);
    void addGarbage();
    void addQuitter();
    void writerBatch(Conn &c);
    void onReadable(Conn &c);
    void handleWriterReply(Conn &c, const Reply &reply);
    void handleSubscriberReply(Conn &c, const Reply &reply);
    void finishGarbage(Conn &c);
    bool flushOut(Conn &c);

    int m_index;
    int m_port;
    Shared &m_shared;
    ThreadResult &m_result;
    std::mt19937_64 m_random;
    std::vector<std::unique_ptr<Conn>> m_conns;
    uint64_t m_nextTransient = 0;
};

// Phases: 0 subscribers connect and confirm; 1 everything runs; 2 writers finish their
// pipeline and send no more, no new garbage clients or quitters (the thread reports when its
// writers have every reply); 3 subscribers receive the last messages; 4 stop.
void SoakThread::run()
{
    for (int i = 0; i < kSubscribersPerThread; ++i)
        addSubscriber(i);
    while (m_shared.phase.load() == 0) {
        // Read subscribe confirmations.
        std::vector<pollfd> fds;
        for (auto &c : m_conns)
            fds.push_back({c->fd, POLLIN, 0});
        poll(fds.data(), fds.size(), 50);
        for (size_t i = 0; i < fds.size(); ++i)
            if (fds[i].revents) onReadable(*m_conns[i]);
    }
    for (int i = 0; i < kWritersPerThread; ++i)
        addWriter(i);
    for (int i = 0; i < kGarbagePerThread; ++i)
        addGarbage();

    bool reportedDrained = false;
    auto lastTransient = Clock::now();
    while (m_shared.phase.load() < 4) {
        const int phase = m_shared.phase.load();
        std::vector<pollfd> fds;
        std::vector<Conn *> owners;
        for (auto &c : m_conns) {
            if (c->done) continue;
            short events = POLLIN;
            if (c->outSent < c->out.size()) events |= POLLOUT;
            fds.push_back({c->fd, events, 0});
            owners.push_back(c.get());
        }
        poll(fds.data(), fds.size(), 20);
        for (size_t i = 0; i < fds.size(); ++i) {
            Conn &c = *owners[i];
            if (fds[i].revents & POLLOUT) flushOut(c);
            if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) onReadable(c);
        }
        for (size_t i = 0; i < owners.size(); ++i) {
            Conn &c = *owners[i];
            if (c.done) continue;
            if (c.kind == Kind::Writer && c.expects.empty() && phase == 1) writerBatch(c);
            if (c.kind == Kind::Garbage && Clock::now() - c.started > std::chrono::seconds(30)) {
                m_result.fail("garbage client not closed by the server within 30 s");
                c.done = true;
                close(c.fd);
            }
        }
        // Close finished transient clients, start new ones while the run lasts.
        size_t garbage = 0;
        for (auto &c : m_conns)
            garbage += !c->done && c->kind == Kind::Garbage;
        if (phase == 1 && Clock::now() - lastTransient >= kTransientEvery) {
            lastTransient = Clock::now();
            if (garbage < kGarbagePerThread) addGarbage();
            addQuitter();
        }
        if (phase >= 2 && !reportedDrained &&
            std::none_of(m_conns.begin(), m_conns.end(), [](const std::unique_ptr<Conn> &c) {
                return c->kind == Kind::Writer && !c->expects.empty() && !c->done;
            })) {
            reportedDrained = true;
            m_shared.threadsDrained.fetch_add(1);
        }
        std::erase_if(m_conns, [](const std::unique_ptr<Conn> &c) {
            return c->done && (c->kind == Kind::Garbage || c->kind == Kind::Quitter);
        });
    }
    for (auto &c : m_conns) {
        if (c->kind == Kind::Subscriber)
            m_result.subscribers.push_back({c->channel, c->received, c->subscribed});
        if (c->kind == Kind::Writer && !c->expects.empty())
            m_result.fail("writer " + c->model->prefix + " still waits for " +
                          std::to_string(c->expects.size()) + " replies");
        if (!c->done) close(c->fd);
    }
}

bool SoakThread::flushOut(Conn &c)
{
    while (c.outSent < c.out.size()) {
        const ssize_t n = write(c.fd, c.out.data() + c.outSent, c.out.size() - c.outSent);
        if (n <= 0) return errno == EAGAIN;
        c.outSent += static_cast<size_t>(n);
    }
    c.out.clear();
    c.outSent = 0;
    return true;
}

void SoakThread::addWriter(int n)
{
    auto c = std::make_unique<Conn>();
    c->kind = Kind::Writer;
    c->fd = connectNonBlocking(m_port);
    if (c->fd < 0) return m_result.fail("writer could not connect");
    m_result.writers.push_back(std::make_unique<WriterModel>());
    c->model = m_result.writers.back().get();
    c->model->prefix = "w" + std::to_string(m_index) + "." + std::to_string(n) + ":";
    ++m_result.clients;
    m_conns.push_back(std::move(c));
}

void SoakThread::addSubscriber(int n)
{
    auto c = std::make_unique<Conn>();
    c->kind = Kind::Subscriber;
    c->fd = connectNonBlocking(m_port);
    if (c->fd < 0) return m_result.fail("subscriber could not connect");
    if (n % 2 == 0) {
        c->channel = subscriberChannel(m_index, n);
        c->out = resp({"SUBSCRIBE", "soak.ch" + std::to_string(c->channel)});
    } else {
        c->out = resp({"PSUBSCRIBE", "soak.ch*"});
    }
    flushOut(*c);
    ++m_result.clients;
    m_conns.push_back(std::move(c));
}

void SoakThread::addGarbage()
{
    auto c = std::make_unique<Conn>();
    c->kind = Kind::Garbage;
    c->fd = connectNonBlocking(m_port);
    if (c->fd < 0) return m_result.fail("garbage client could not connect");
    c->started = Clock::now();
    // Random bytes, framed so the request is a protocol error whatever they are.
    std::string noise;
    const size_t length = 1 + m_random() % 200;
    for (size_t i = 0; i < length; ++i)
        noise += static_cast<char>(m_random() % 256);
    std::string noCrLf = noise, noQuote = noise;
    std::erase_if(noCrLf, [](char ch) { return ch == '\r' || ch == '\n'; });
    std::erase_if(noQuote, [](char ch) { return ch == '"' || ch == '\r' || ch == '\n'; });
    switch (m_random() % 4) {
    case 0: // a multibulk count that is not a number
        c->out = "*x" + noCrLf + "\r\n";
        break;
    case 1: // a bulk header without '$'
        c->out = "*2\r\n#" + noCrLf + "\r\n";
        break;
    case 2: // a bulk with the wrong length: no CRLF after it
        c->out = resp({"PING"}) + "*1\r\n$3\r\nabcd" + noise + "\r\n";
        break;
    default: // an inline request with an unbalanced quote
        c->out = "SET \"" + noQuote + "\r\n";
        break;
    }
    flushOut(*c);
    ++m_result.garbageClients;
    ++m_result.clients;
    m_conns.push_back(std::move(c));
}

void SoakThread::addQuitter()
{
    auto c = std::make_unique<Conn>();
    c->kind = Kind::Quitter;
    c->fd = connectNonBlocking(m_port);
    if (c->fd < 0) return m_result.fail("quitter could not connect");
    c->quitterKey = "q" + std::to_string(m_index) + "." + std::to_string(m_nextTransient++) + ":";
    const uint64_t commands = 1 + m_random() % 200;
    std::string out;
    for (uint64_t i = 0; i < commands; ++i) {
        out += resp({"RPUSH", c->quitterKey + "l", std::to_string(i)});
        out += resp({"INCR", c->quitterKey + "n"});
    }
    // Then a request cut anywhere (possibly nothing): it must never run.
    const std::string torn = resp({"RPUSH", c->quitterKey + "l", "torn-request-never-runs"});
    out += torn.substr(0, m_random() % torn.size());
    c->out = out;
    flushOut(*c);
    m_result.quitters[c->quitterKey] = commands;
    // Hang up now or after reading a little (mid-pipeline either way).
    if (m_random() % 2) {
        char buffer[512];
        pollfd p{c->fd, POLLIN, 0};
        if (poll(&p, 1, 5) > 0) [[maybe_unused]]
            ssize_t n = read(c->fd, buffer, sizeof buffer);
    }
    close(c->fd);
    c->done = true;
    ++m_result.quitterClients;
    ++m_result.clients;
    m_result.commands += commands * 2;
}

void SoakThread::writerBatch(Conn &c)
{
    WriterModel &m = *c.model;
    for (int i = 0; i < kBatch; ++i) {
        const uint64_t s = c.seq++;
        const std::string v = std::to_string(s);
        switch (s % 7) {
        case 0:
            m.lastString = "value-" + v;
            c.out += resp({"SET", m.prefix + "s", m.lastString});
            c.expects.push_back({Expect::Status, 0});
            break;
        case 1:
            c.out += resp({"INCR", m.prefix + "n"});
            c.expects.push_back({Expect::Integer, ++m.counter});
            break;
        case 2:
            m.list.push_back(v);
            c.out += resp({"RPUSH", m.prefix + "l", v});
            c.expects.push_back({Expect::Integer, static_cast<long long>(m.list.size())});
            break;
        case 3: {
            const std::string field = "f" + std::to_string(s % 50);
            const bool fresh = !m.hash.count(field);
            m.hash[field] = v;
            c.out += resp({"HSET", m.prefix + "h", field, v});
            c.expects.push_back({Expect::Integer, fresh ? 1 : 0});
            break;
        }
        case 4: {
            const std::string member = "m" + std::to_string(s % 100);
            const bool fresh = m.set.insert(member).second;
            c.out += resp({"SADD", m.prefix + "set", member});
            c.expects.push_back({Expect::Integer, fresh ? 1 : 0});
            break;
        }
        case 5: {
            const std::string member = "z" + std::to_string(s % 70);
            const bool fresh = !m.zset.count(member);
            m.zset[member] = static_cast<long long>(s);
            c.out += resp({"ZADD", m.prefix + "z", v, member});
            c.expects.push_back({Expect::Integer, fresh ? 1 : 0});
            break;
        }
        default: {
            const int channel = static_cast<int>(s / 7 % kChannels);
            // Payload: publisher prefix and its publish count, checked in order by readers.
            c.out += resp({"PUBLISH", "soak.ch" + std::to_string(channel),
                           m.prefix + "#" + std::to_string(m.published++)});
            c.expects.push_back({Expect::Integer, receivers(channel)});
            break;
        }
        }
    }
    m_result.commands += kBatch;
    flushOut(c);
}

void SoakThread::onReadable(Conn &c)
{
    char buffer[16384];
    while (true) {
        const ssize_t n = read(c.fd, buffer, sizeof buffer);
        if (n > 0) {
            c.in.append(buffer, static_cast<size_t>(n));
            continue;
        }
        if (n < 0 && errno == EAGAIN) break;
        // Closed by the server (or reset).
        if (c.kind == Kind::Garbage) {
            finishGarbage(c);
        } else {
            m_result.fail("server closed a well-behaved client (" +
                          std::string(c.kind == Kind::Writer ? "writer" : "subscriber") + ")");
            c.done = true;
            close(c.fd);
        }
        return;
    }
    if (c.kind == Kind::Garbage) return; // judged once the server closes it
    Reply reply;
    while (parseReply(c.in, c.inPos, &reply)) {
        if (c.kind == Kind::Writer)
            handleWriterReply(c, reply);
        else
            handleSubscriberReply(c, reply);
    }
    if (c.inPos > 65536) {
        c.in.erase(0, c.inPos);
        c.inPos = 0;
    }
}

void SoakThread::handleWriterReply(Conn &c, const Reply &reply)
{
    if (c.expects.empty()) return m_result.fail("writer got an unexpected reply");
    const Expect e = c.expects.front();
    c.expects.pop_front();
    const std::string who = "writer " + c.model->prefix + ": ";
    switch (e.kind) {
    case Expect::Status:
        if (reply.type != '+') m_result.fail(who + "expected +OK, got " + reply.text);
        break;
    case Expect::Integer:
        if (reply.type != ':' || reply.integer != e.value)
            m_result.fail(who + "expected :" + std::to_string(e.value) + ", got " + reply.type +
                          std::to_string(reply.integer) + reply.text);
        break;
    }
}

void SoakThread::handleSubscriberReply(Conn &c, const Reply &reply)
{
    if (reply.type != '*' || reply.elements.size() < 3)
        return m_result.fail("subscriber got a non-push reply");
    const std::string &kind = reply.elements[0].text;
    if (kind == "subscribe" || kind == "psubscribe") {
        if (!c.subscribed) m_shared.subscribed.fetch_add(1);
        c.subscribed = true;
        return;
    }
    const std::string &payload = reply.elements.back().text;
    const std::string &channel = reply.elements[reply.elements.size() - 2].text;
    if ((kind == "message") != (c.channel >= 0) || (kind != "message" && kind != "pmessage"))
        return m_result.fail("subscriber got a '" + kind + "' push");
    if (c.channel >= 0 && channel != "soak.ch" + std::to_string(c.channel))
        return m_result.fail("subscriber got a message for another channel: " + channel);
    const size_t hash = payload.find('#');
    if (hash == std::string::npos) return m_result.fail("bad message payload " + payload);
    const std::string publisher = payload.substr(0, hash) + "@" + channel;
    const uint64_t seq = std::stoull(payload.substr(hash + 1));
    auto it = c.lastSeqFrom.find(publisher);
    if (it != c.lastSeqFrom.end() && seq <= it->second)
        m_result.fail("messages out of order from " + publisher);
    c.lastSeqFrom[publisher] = seq;
    ++c.received;
    m_shared.messages.fetch_add(1);
}

void SoakThread::finishGarbage(Conn &c)
{
    // The reply may start with +PONG (case 2 sends a valid PING first); it must end with the
    // protocol error, and nothing may follow it.
    const size_t at = c.in.find("-ERR Protocol error");
    if (at == std::string::npos || c.in.find("\r\n", at) + 2 != c.in.size())
        m_result.fail("garbage client got '" + c.in.substr(0, 80) +
                      "' instead of a protocol error");
    c.done = true;
    close(c.fd);
}

int soakSeconds()
{
    const char *env = std::getenv("REDSCOPE_SOAK_SECONDS");
    const int seconds = env ? std::atoi(env) : 0;
    return seconds > 0 ? seconds : 20;
}

} // namespace

class TestSoak : public QObject
{
    Q_OBJECT

private slots:
    void soak();
};

void TestSoak::soak()
{
    auto server = TestServer::startRedscope({"--save", "", "--maxclients", "10000"});
    QVERIFY2(server->ok(), server->error().c_str());
    const int seconds = soakSeconds();

    Shared shared;
    std::vector<ThreadResult> results(kThreads);
    std::vector<std::thread> threads;
    const auto started = Clock::now();
    for (int i = 0; i < kThreads; ++i)
        threads.emplace_back([&, i] {
            SoakThread(i, server->port(), shared, results[static_cast<size_t>(i)]).run();
        });
    // Phase 0 -> 1 once every subscriber is confirmed, so each sees every message.
    const auto waitUntil = [](const std::function<bool()> &ok, int timeoutMs) {
        const auto deadline = Clock::now() + std::chrono::milliseconds(timeoutMs);
        while (!ok() && Clock::now() < deadline)
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        return ok();
    };
    const int subscribers = kThreads * kSubscribersPerThread;
    const bool allSubscribed =
        waitUntil([&] { return shared.subscribed.load() == subscribers; }, 60000);
    shared.phase = 1;
    std::this_thread::sleep_for(std::chrono::seconds(seconds));
    shared.phase = 2;
    // Generous timeouts: under ASan on a loaded machine a reply can take seconds.
    const bool drained =
        waitUntil([&] { return shared.threadsDrained.load() == kThreads; }, 120000);
    // Writers are quiet now (the atomic above orders their model updates before this read):
    // every subscriber must get every message of its channel, a pattern subscriber all.
    uint64_t publishedPerChannel[kChannels] = {};
    uint64_t publishedTotal = 0;
    for (auto &r : results) {
        for (auto &w : r.writers) {
            // A writer's k-th PUBLISH has seq 7k + 6 and goes to channel k % kChannels.
            for (uint64_t k = 0; k < w->published; ++k)
                ++publishedPerChannel[k % kChannels];
            publishedTotal += w->published;
        }
    }
    uint64_t expectedMessages = 0;
    for (int t = 0; t < kThreads; ++t)
        for (int n = 0; n < kSubscribersPerThread; ++n)
            expectedMessages +=
                n % 2 == 0 ? publishedPerChannel[subscriberChannel(t, n)] : publishedTotal;
    shared.phase = 3;
    const bool delivered =
        waitUntil([&] { return shared.messages.load() >= expectedMessages; }, 120000);
    shared.phase = 4;
    for (auto &t : threads)
        t.join();
    const double duration = std::chrono::duration<double>(Clock::now() - started).count();
    QVERIFY(allSubscribed);
    QVERIFY(drained);
    QVERIFY(delivered);

    std::vector<std::string> failures;
    uint64_t commands = 0, clients = 0, garbage = 0, quitters = 0;
    for (auto &r : results) {
        failures.insert(failures.end(), r.failures.begin(), r.failures.end());
        commands += r.commands;
        clients += r.clients;
        garbage += r.garbageClients;
        quitters += r.quitterClients;
    }
    for (size_t i = 0; i < failures.size() && i < 10; ++i)
        qWarning("%s", failures[i].c_str());
    QVERIFY2(failures.empty(), failures.empty() ? "" : failures.front().c_str());

    // The server still answers, and the dataset is exactly what the clients wrote.
    RedisTestClient check("127.0.0.1", server->port());
    QVERIFY(check.connected());
    QCOMPARE(check.run({"PING"}), std::string("+PONG"));
    redisContext *ctx = check.context();
    auto command = [ctx](const std::vector<std::string> &args) {
        std::vector<const char *> argv;
        std::vector<size_t> lengths;
        for (const auto &a : args) {
            argv.push_back(a.data());
            lengths.push_back(a.size());
        }
        return static_cast<redisReply *>(
            redisCommandArgv(ctx, static_cast<int>(args.size()), argv.data(), lengths.data()));
    };
    auto strings = [](redisReply *r) {
        std::vector<std::string> out;
        if (r && r->type == REDIS_REPLY_ARRAY)
            for (size_t i = 0; i < r->elements; ++i)
                out.emplace_back(r->element[i]->str, r->element[i]->len);
        freeReplyObject(r);
        return out;
    };

    uint64_t keysChecked = 0;
    std::set<std::string> expectedKeys;
    for (auto &r : results) {
        for (auto &w : r.writers) {
            const WriterModel &m = *w;
            const std::string &p = m.prefix;
            if (!m.lastString.empty()) {
                QCOMPARE(check.run({"GET", p + "s"}), "$" + m.lastString);
                expectedKeys.insert(p + "s");
            }
            if (m.counter) {
                QCOMPARE(check.run({"GET", p + "n"}), "$" + std::to_string(m.counter));
                expectedKeys.insert(p + "n");
            }
            if (!m.list.empty()) {
                QCOMPARE(strings(command({"LRANGE", p + "l", "0", "-1"})), m.list);
                expectedKeys.insert(p + "l");
            }
            if (!m.hash.empty()) {
                std::vector<std::string> flat = strings(command({"HGETALL", p + "h"}));
                std::map<std::string, std::string> got;
                for (size_t i = 0; i + 1 < flat.size(); i += 2)
                    got[flat[i]] = flat[i + 1];
                QCOMPARE(got, m.hash);
                expectedKeys.insert(p + "h");
            }
            if (!m.set.empty()) {
                std::vector<std::string> members = strings(command({"SMEMBERS", p + "set"}));
                QCOMPARE(std::set<std::string>(members.begin(), members.end()), m.set);
                QCOMPARE(members.size(), m.set.size());
                expectedKeys.insert(p + "set");
            }
            if (!m.zset.empty()) {
                std::vector<std::string> flat =
                    strings(command({"ZRANGE", p + "z", "0", "-1", "WITHSCORES"}));
                std::map<std::string, long long> got;
                for (size_t i = 0; i + 1 < flat.size(); i += 2)
                    got[flat[i]] = std::atoll(flat[i + 1].c_str());
                QCOMPARE(got, m.zset);
                expectedKeys.insert(p + "z");
            }
        }
        // Quitters: each list is 0..k-1 for some k <= what was sent, the counter equals k,
        // and the torn request never ran.
        for (const auto &[prefix, sent] : r.quitters) {
            std::vector<std::string> list = strings(command({"LRANGE", prefix + "l", "0", "-1"}));
            QVERIFY2(list.size() <= sent, prefix.c_str());
            for (size_t i = 0; i < list.size(); ++i)
                QVERIFY2(list[i] == std::to_string(i), (prefix + " list: " + list[i]).c_str());
            const std::string counter = check.run({"GET", prefix + "n"});
            const size_t runs = counter == "(nil)" ? 0 : std::stoull(counter.substr(1));
            // RPUSH i and INCR alternate, so the counter is the list length or one less.
            QVERIFY2(runs == list.size() || runs + 1 == list.size(), prefix.c_str());
            if (!list.empty()) expectedKeys.insert(prefix + "l");
            if (runs) expectedKeys.insert(prefix + "n");
        }
    }
    // Every key in the server is one of those (SCAN the whole keyspace).
    std::string cursor = "0";
    std::set<std::string> seen;
    do {
        redisReply *r = command({"SCAN", cursor, "COUNT", "1000"});
        QVERIFY(r && r->type == REDIS_REPLY_ARRAY && r->elements == 2);
        cursor.assign(r->element[0]->str, r->element[0]->len);
        for (size_t i = 0; i < r->element[1]->elements; ++i)
            seen.emplace(r->element[1]->element[i]->str, r->element[1]->element[i]->len);
        freeReplyObject(r);
    } while (cursor != "0");
    QCOMPARE(seen.size(), expectedKeys.size());
    QVERIFY(seen == expectedKeys);
    keysChecked = seen.size();

    // Pub/sub: a channel subscriber got every message of its channel, a pattern subscriber
    // every message; each in publisher order (checked as they arrived).
    uint64_t messages = 0;
    for (auto &r : results) {
        for (const auto &s : r.subscribers) {
            QVERIFY(s.subscribed);
            const uint64_t expected = s.channel >= 0
                                          ? publishedPerChannel[static_cast<size_t>(s.channel)]
                                          : publishedTotal;
            QCOMPARE(s.received, expected);
            messages += s.received;
        }
    }
    QCOMPARE(check.run({"PING"}), std::string("+PONG"));

    const int concurrent =
        kThreads * (kWritersPerThread + kSubscribersPerThread + kGarbagePerThread);
    std::printf("SOAK clients=%llu concurrent=%d commands=%llu seconds=%.1f keys_checked=%llu "
                "messages_received=%llu garbage_clients=%llu quitters=%llu\n",
                static_cast<unsigned long long>(clients), concurrent,
                static_cast<unsigned long long>(commands), duration,
                static_cast<unsigned long long>(keysChecked),
                static_cast<unsigned long long>(messages), static_cast<unsigned long long>(garbage),
                static_cast<unsigned long long>(quitters));
    std::fflush(stdout);
    // A clean exit: under ASan a leak or error report would make it non-zero.
    QCOMPARE(server->stop(), 0);
}

// QtTest's watchdog kills a test function after 5 minutes; a long soak
// (REDSCOPE_SOAK_SECONDS=600) needs its run time plus the final checks.
int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QTEST_FUNCTION_TIMEOUT"))
        qputenv("QTEST_FUNCTION_TIMEOUT", QByteArray::number((soakSeconds() + 600) * 1000));
    QCoreApplication app(argc, argv);
    TestSoak test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_soak.moc"
