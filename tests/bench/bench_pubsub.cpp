// bench_pubsub: the live pub/sub viewer under load, end to end. For each server (Debian's
// redis-server and redscope-server) a publisher thread paces PUBLISH at 50k msg/s for 10 s and
// then bursts at 200k msg/s for 1 s into a channel that a real PubSubPanel (offscreen, table
// view and chart included) follows through its Subscriber. Reported: messages received vs sent
// (a server drop for client-output-buffer-limit is printed too), the longest GUI-thread stall
// seen by a 1 ms timer, peak RSS, and RSS growth after the 100k-message ring buffer is full.
//   BENCH_PUBSUB_SECONDS=10  BENCH_PUBSUB_SERVERS=redis,redscope  (defaults)
#include "connection/redis_connection.h"
#include "pubsub/message_model.h"
#include "pubsub/pubsub_panel.h"
#include "pubsub/subscriber.h"
#include "test_server.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QTimer>

#include <hiredis/hiredis.h>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

using namespace redscope;
using redscope::test::TestServer;

namespace {

double procStatusMb(const char *field)
{
    QFile file(QStringLiteral("/proc/self/status"));
    if (!file.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith(field))
            return line.mid(int(qstrlen(field))).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

// Paces PUBLISH commands at `rate` per second for `seconds`, pipelined per millisecond slice.
class Publisher
{
public:
    Publisher(int port, QByteArray channel, int rate, double seconds)
        : m_port(port)
        , m_channel(std::move(channel))
        , m_rate(rate)
        , m_seconds(seconds)
    {
    }
    void start()
    {
        m_thread = std::thread([this] { run(); });
    }
    void join()
    {
        if (m_thread.joinable()) m_thread.join();
    }
    bool done() const { return m_done.load(); }
    qint64 sent() const { return m_sent.load(); }
    qint64 delivered() const { return m_delivered.load(); }
    QString error() const { return m_error; }

private:
    void run()
    {
        redisContext *c = redisConnect("127.0.0.1", m_port);
        if (!c || c->err) {
            m_error = QStringLiteral("publisher cannot connect");
            m_done = true;
            return;
        }
        const qint64 total = qint64(m_rate * m_seconds);
        const auto begin = std::chrono::steady_clock::now();
        qint64 seq = 0;
        char payload[256];
        while (seq < total) {
            const double elapsed =
                std::chrono::duration<double>(std::chrono::steady_clock::now() - begin).count();
            const qint64 due = qMin(total, qint64(elapsed * m_rate) + 1);
            const qint64 from = seq;
            for (; seq < due && seq - from < 5000; ++seq) {
                const int len = std::snprintf(payload, sizeof payload,
                                              "{\"seq\":%lld,\"user\":\"u%lld\",\"event\":"
                                              "\"click\",\"page\":\"/products/%lld\",\"v\":%.3f}",
                                              seq, seq % 977, seq % 131, double(seq) / 7.0);
                redisAppendCommand(c, "PUBLISH %b %b", m_channel.constData(),
                                   size_t(m_channel.size()), payload, size_t(len));
            }
            for (qint64 i = from; i < seq; ++i) {
                void *reply = nullptr;
                if (redisGetReply(c, &reply) != REDIS_OK) {
                    m_error = QStringLiteral("publisher: %1").arg(c->errstr);
                    redisFree(c);
                    m_done = true;
                    return;
                }
                if (static_cast<redisReply *>(reply)->integer > 0) ++m_delivered;
                freeReplyObject(reply);
            }
            m_sent = seq;
            if (seq == from) std::this_thread::sleep_for(std::chrono::microseconds(200));
        }
        redisFree(c);
        m_done = true;
    }

    int m_port;
    QByteArray m_channel;
    int m_rate;
    double m_seconds;
    std::thread m_thread;
    std::atomic<bool> m_done{false};
    std::atomic<qint64> m_sent{0};
    std::atomic<qint64> m_delivered{0};
    QString m_error;
};

// Longest gap between two ticks of a 1 ms timer on the GUI thread.
class StallMonitor
{
public:
    StallMonitor()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            if (m_last > 0) m_max = qMax(m_max, now - m_last);
            m_last = now;
        });
    }
    void reset()
    {
        m_clock.start();
        m_last = 0;
        m_max = 0;
        m_timer.start();
    }
    double maxStallMs() const { return double(m_max) / 1e6; }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_max = 0;
};

void spin(int msecs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < msecs)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
}

struct PhaseResult
{
    qint64 sent = 0;
    qint64 received = 0;
    double stallMs = 0;
    double seconds = 0;
    QString dropped;
};

struct ServerResult
{
    PhaseResult steady;
    PhaseResult burst;
    double rssGrowthMb = 0;
};

PhaseResult runPhase(PubSubPanel &panel, int port, int rate, double seconds, StallMonitor &stall,
                     const std::function<void()> &onTick = {})
{
    PhaseResult result;
    Subscriber *subscriber = panel.subscriber();
    const quint64 before = subscriber->receivedCount();
    QString dropped;
    auto connection = QObject::connect(subscriber, &Subscriber::connectionDropped,
                                       [&dropped](const QString &why) { dropped = why; });
    auto lost = QObject::connect(subscriber, &Subscriber::stateChanged,
                                 [&dropped](Subscriber::State state, const QString &error) {
                                     if (state == Subscriber::State::Lost && dropped.isEmpty())
                                         dropped = error;
                                 });
    Publisher publisher(port, "bench:events", rate, seconds);
    QElapsedTimer clock;
    clock.start();
    stall.reset();
    publisher.start();
    while (!publisher.done()) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (onTick) onTick();
    }
    publisher.join();
    // Drain: wait until everything arrived or nothing more arrives for 3 s.
    quint64 last = subscriber->receivedCount();
    QElapsedTimer idle;
    idle.start();
    while (qint64(subscriber->receivedCount() - before) < publisher.sent() &&
           idle.elapsed() < 3000) {
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
        if (onTick) onTick();
        if (subscriber->receivedCount() != last) {
            last = subscriber->receivedCount();
            idle.restart();
        }
    }
    result.stallMs = stall.maxStallMs();
    result.seconds = double(clock.elapsed()) / 1000.0;
    result.sent = publisher.sent();
    result.received = qint64(subscriber->receivedCount() - before);
    if (!publisher.error().isEmpty()) std::fprintf(stderr, "%s\n", qPrintable(publisher.error()));
    spin(300); // a reconnect explanation arrives after the resubscribe
    result.dropped = dropped;
    QObject::disconnect(connection);
    QObject::disconnect(lost);
    return result;
}

void print(const QByteArray &name, double value, const char *unit)
{
    std::printf("BENCH %s %.4g %s\n", name.constData(), value, unit);
    std::fflush(stdout);
}

ServerResult benchServer(const QByteArray &label, TestServer &server, double seconds,
                         StallMonitor &stall)
{
    ConnectionSettings settings;
    settings.name = QString::fromLatin1(label);
    settings.port = server.port();
    RedisConnection connection(settings);
    connection.connectToServer();
    PubSubPanel panel(&connection);
    panel.resize(1280, 800);
    panel.show();
    panel.subscribeTo(QStringLiteral("bench:events"));
    QElapsedTimer wait;
    wait.start();
    while (!panel.subscriber()->isConfirmed(Subscriber::Kind::Channel, "bench:events") &&
           wait.elapsed() < 10000)
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    spin(200);

    ServerResult result;
    double rssAtFull = -1;
    MessageModel *model = panel.model();
    result.steady = runPhase(panel, server.port(), 50000, seconds, stall, [&] {
        if (rssAtFull < 0 && model->storedCount() >= model->capacity())
            rssAtFull = procStatusMb("VmRSS:");
    });
    if (rssAtFull >= 0) result.rssGrowthMb = procStatusMb("VmRSS:") - rssAtFull;
    spin(500);
    result.burst = runPhase(panel, server.port(), 200000, 1.0, stall);

    const QByteArray p = "pubsub." + label + '.';
    for (const auto &[phase, r] :
         {std::pair<QByteArray, const PhaseResult &>{"50k", result.steady},
          std::pair<QByteArray, const PhaseResult &>{"200k", result.burst}}) {
        print(p + phase + ".sent", double(r.sent), "msgs");
        print(p + phase + ".received", double(r.received), "msgs");
        print(p + phase + ".received_ratio", r.sent ? double(r.received) / double(r.sent) : 0,
              "ratio");
        print(p + phase + ".max_stall_ms", r.stallMs, "ms");
        if (!r.dropped.isEmpty())
            std::printf("BENCH_NOTE %s%s dropped: %s\n", p.constData(), phase.constData(),
                        qPrintable(r.dropped));
    }
    print(p + "rss_growth_mb", result.rssGrowthMb, "MB");
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    const double seconds = qEnvironmentVariableIsSet("BENCH_PUBSUB_SECONDS")
                               ? qEnvironmentVariable("BENCH_PUBSUB_SECONDS").toDouble()
                               : 10.0;
    const QStringList servers =
        qEnvironmentVariable("BENCH_PUBSUB_SERVERS", QStringLiteral("redis,redscope")).split(',');
    StallMonitor stall;

    double worstSteadyRatio = 1, worstBurstRatio = 1, worstSteadyStall = 0, worstBurstStall = 0;
    double worstGrowth = 0;
    int ran = 0;
    for (const QString &name : servers) {
        std::unique_ptr<TestServer> server =
            name == QLatin1String("redis") ? TestServer::startRedis() : TestServer::startRedscope();
        if (!server || !server->ok()) {
            std::fprintf(stderr, "cannot start %s: %s\n", qPrintable(name),
                         server ? server->error().c_str() : "?");
            continue;
        }
        const ServerResult r = benchServer(name.toLatin1(), *server, seconds, stall);
        ++ran;
        const auto ratio = [](const PhaseResult &p) {
            return p.sent ? double(p.received) / double(p.sent) : 0.0;
        };
        worstSteadyRatio = qMin(worstSteadyRatio, ratio(r.steady));
        worstBurstRatio = qMin(worstBurstRatio, ratio(r.burst));
        worstSteadyStall = qMax(worstSteadyStall, r.steady.stallMs);
        worstBurstStall = qMax(worstBurstStall, r.burst.stallMs);
        worstGrowth = qMax(worstGrowth, r.rssGrowthMb);
    }
    if (ran == 0) return 1;
    // The headline figures: the worst over the servers above.
    print("pubsub.50k.received_ratio", worstSteadyRatio, "ratio");
    print("pubsub.50k.max_stall_ms", worstSteadyStall, "ms");
    print("pubsub.200k.received_ratio", worstBurstRatio, "ratio");
    print("pubsub.200k.max_stall_ms", worstBurstStall, "ms");
    print("pubsub.rss_growth_mb", worstGrowth, "MB");
    print("pubsub.rss_mb", procStatusMb("VmHWM:"), "MB");
    return 0;
}
