// bench_pubsub: the live pub/sub viewer under load, end to end. For each server (Debian's
// redis-server and redscope-server) a publisher thread paces PUBLISH at 50k msg/s for 10 s and
// then bursts at 200k msg/s for 1 s into a channel that a real PubSubPanel (offscreen, table
// view and chart included) follows through its Subscriber. Reported: messages received vs sent
// (a server drop for client-output-buffer-limit is printed too) and how many of them reached
// the message model (a phase ends when the panel has appended everything it was handed, so
// the GUI's deferred work is inside the measured span), the longest GUI-thread stall seen by a
// 1 ms timer, peak RSS, and RSS growth after the 100k-message ring buffer is full.
// Stalls are measured two ways: max_stall_ms is the longest wall-clock gap between two ticks
// (what a user sees, but on a loaded machine it includes time the thread waited for a CPU), and
// max_busy_ms is the GUI thread's own CPU time between two ticks (the work that held it). An
// idle phase before the load (the same panel, nothing published) gives the machine's own
// wall-clock noise in the same run: idle.max_stall_ms. missed_frames counts the gaps longer
// than a 60 Hz frame; gui_cpu_pct is the GUI thread's CPU share over the phase (the less it
// takes, the less it competes with the subscriber's thread and the servers for the cores).
// The 50k phase must deliver every message to the model; otherwise the run exits non-zero.
//   BENCH_PUBSUB_SECONDS=10  BENCH_PUBSUB_SERVERS=redis,redscope  (defaults)
#include "connection/redis_connection.h"
#include "pubsub/message_model.h"
#include "pubsub/pubsub_panel.h"
#include "pubsub/subscriber.h"
#include "test_server.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QThread>
#include <QTimer>

#include <hiredis/hiredis.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
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

qint64 threadCpuNs()
{
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return qint64(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

// Longest gap between two ticks of a 1 ms timer on the GUI thread, in wall-clock time and in
// the GUI thread's own CPU time.
class StallMonitor
{
public:
    StallMonitor()
    {
        m_timer.setTimerType(Qt::PreciseTimer);
        m_timer.setInterval(1);
        QObject::connect(&m_timer, &QTimer::timeout, [this] {
            const qint64 now = m_clock.nsecsElapsed();
            const qint64 cpu = threadCpuNs();
            if (m_last > 0) {
                m_max = qMax(m_max, now - m_last);
                m_maxCpu = qMax(m_maxCpu, cpu - m_lastCpu);
                if (now - m_last > kFrameNs) ++m_missedFrames;
            }
            m_last = now;
            m_lastCpu = cpu;
        });
    }
    void reset()
    {
        m_clock.start();
        m_last = 0;
        m_max = 0;
        m_maxCpu = 0;
        m_missedFrames = 0;
        m_cpuAtReset = threadCpuNs();
        m_timer.start();
    }
    double maxStallMs() const { return double(m_max) / 1e6; }
    double maxBusyMs() const { return double(m_maxCpu) / 1e6; }
    // Gaps longer than a 60 Hz frame, and the GUI thread's CPU share since reset().
    int missedFrames() const { return m_missedFrames; }
    double cpuPercent() const
    {
        const qint64 wall = m_clock.nsecsElapsed();
        return wall > 0 ? 100.0 * double(threadCpuNs() - m_cpuAtReset) / double(wall) : 0;
    }

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = 0;
    qint64 m_lastCpu = 0;
    qint64 m_max = 0;
    qint64 m_maxCpu = 0;
    qint64 m_cpuAtReset = 0;
    int m_missedFrames = 0;
    static constexpr qint64 kFrameNs = 16666667;
};

// Runs a real event loop, as the app's exec() does (it sleeps in poll() when nothing is due),
// until done() holds; done() and onTick() are checked every 5 ms. A loop of processEvents()
// calls would spin the GUI thread at 100% and compete for the cores with the subscriber's
// thread and the servers, which is not what the app does.
void runUntil(const std::function<bool()> &done, const std::function<void()> &onTick = {})
{
    if (done()) return;
    QEventLoop loop;
    QTimer check;
    check.setInterval(5);
    QObject::connect(&check, &QTimer::timeout, [&] {
        if (onTick) onTick();
        if (done()) loop.quit();
    });
    check.start();
    loop.exec();
}

void spin(int msecs)
{
    QElapsedTimer t;
    t.start();
    runUntil([&t, msecs] { return t.elapsed() >= msecs; });
}

// BENCH_PUBSUB_PROFILE=1: the longest single event the GUI thread handled, per receiver class
// and event type (thread CPU time), printed at the end: where a long busy span comes from.
class ProfilingApplication : public QApplication
{
public:
    using QApplication::QApplication;
    bool notify(QObject *receiver, QEvent *event) override
    {
        if (!m_profile || QThread::currentThread() != thread())
            return QApplication::notify(receiver, event);
        const qint64 start = threadCpuNs();
        const QByteArray key = QByteArray(receiver->metaObject()->className()) + '/' +
                               QByteArray::number(int(event->type()));
        const bool result = QApplication::notify(receiver, event);
        const qint64 spent = threadCpuNs() - start;
        qint64 &longest = m_longest[key];
        longest = qMax(longest, spent);
        if (spent > 3000000) // when the long ones happen: once, or over and over
            std::printf("PROFILE_LONG %s %.3f ms at %lld ms\n", key.constData(),
                        double(spent) / 1e6, qint64(m_clock.elapsed()));
        return result;
    }
    void setProfile(bool on)
    {
        m_profile = on;
        m_clock.start();
    }
    void resetProfile() { m_longest.clear(); } // from the first loaded phase on
    void printLongest(int top) const
    {
        QList<std::pair<qint64, QByteArray>> sorted;
        for (auto it = m_longest.cbegin(); it != m_longest.cend(); ++it)
            sorted.append({it.value(), it.key()});
        std::sort(sorted.begin(), sorted.end(), std::greater<>());
        for (int i = 0; i < qMin(top, int(sorted.size())); ++i)
            std::printf("PROFILE %-50s %.3f ms\n", sorted[i].second.constData(),
                        double(sorted[i].first) / 1e6);
    }

private:
    bool m_profile = false;
    QElapsedTimer m_clock;
    QHash<QByteArray, qint64> m_longest;
};

struct PhaseResult
{
    qint64 sent = 0;
    qint64 received = 0;       // handed to the GUI thread by the Subscriber
    qint64 inModel = 0;        // appended to the message model (the table's rows)
    bool lastSeqShown = false; // the newest row is the last message published
    double stallMs = 0;
    double busyMs = 0;
    double guiCpuPercent = 0;
    int missedFrames = 0;
    double seconds = 0;
    QString dropped;
};

struct ServerResult
{
    PhaseResult steady;
    PhaseResult burst;
    double idleStallMs = 0;
    double idleBusyMs = 0;
    int idleMissedFrames = 0;
    double rssGrowthMb = 0;
};

PhaseResult runPhase(PubSubPanel &panel, int port, int rate, double seconds, StallMonitor &stall,
                     const std::function<void()> &onTick = {})
{
    PhaseResult result;
    Subscriber *subscriber = panel.subscriber();
    MessageModel *model = panel.model();
    const quint64 before = subscriber->receivedCount();
    const quint64 modelBefore = model->appendedCount();
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
    runUntil([&publisher] { return publisher.done(); }, onTick);
    publisher.join();
    // Drain: wait until everything arrived and the panel appended all of it to the model, or
    // nothing more arrives for 3 s.
    quint64 last = subscriber->receivedCount();
    quint64 lastModel = model->appendedCount();
    QElapsedTimer idle;
    idle.start();
    runUntil(
        [&] {
            if (subscriber->receivedCount() != last || model->appendedCount() != lastModel) {
                last = subscriber->receivedCount();
                lastModel = model->appendedCount();
                idle.restart();
            }
            const bool all =
                qint64(subscriber->receivedCount() - before) >= publisher.sent() &&
                model->appendedCount() - modelBefore >= subscriber->receivedCount() - before;
            return all || idle.elapsed() >= 3000;
        },
        onTick);
    result.stallMs = stall.maxStallMs();
    result.busyMs = stall.maxBusyMs();
    result.guiCpuPercent = stall.cpuPercent();
    result.missedFrames = stall.missedFrames();
    result.seconds = double(clock.elapsed()) / 1000.0;
    result.sent = publisher.sent();
    result.received = qint64(subscriber->receivedCount() - before);
    result.inModel = qint64(model->appendedCount() - modelBefore);
    // The publisher numbers its messages from 0: the newest row must be the last one sent.
    if (model->rowCount() > 0) {
        const QByteArray payload = model->message(model->rowCount() - 1).payload;
        result.lastSeqShown =
            payload.startsWith("{\"seq\":" + QByteArray::number(result.sent - 1) + ',');
    }
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
    runUntil([&] {
        return panel.subscriber()->isConfirmed(Subscriber::Kind::Channel, "bench:events") ||
               wait.elapsed() >= 10000;
    });
    spin(200);

    ServerResult result;
    // The machine's own noise: the same panel, shown, with nothing published.
    stall.reset();
    spin(3000);
    result.idleStallMs = stall.maxStallMs();
    result.idleBusyMs = stall.maxBusyMs();
    result.idleMissedFrames = stall.missedFrames();
    static_cast<ProfilingApplication *>(QCoreApplication::instance())->resetProfile();

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
        print(p + phase + ".in_model", double(r.inModel), "msgs");
        print(p + phase + ".last_message_shown", r.lastSeqShown ? 1 : 0, "bool");
        print(p + phase + ".max_stall_ms", r.stallMs, "ms");
        print(p + phase + ".max_busy_ms", r.busyMs, "ms");
        print(p + phase + ".missed_frames", r.missedFrames, "gaps>16.7ms");
        print(p + phase + ".gui_cpu_pct", r.guiCpuPercent, "%");
        if (!r.dropped.isEmpty())
            std::printf("BENCH_NOTE %s%s dropped: %s\n", p.constData(), phase.constData(),
                        qPrintable(r.dropped));
    }
    print(p + "idle.max_stall_ms", result.idleStallMs, "ms");
    print(p + "idle.max_busy_ms", result.idleBusyMs, "ms");
    print(p + "idle.missed_frames", result.idleMissedFrames, "gaps>16.7ms");
    print(p + "rss_growth_mb", result.rssGrowthMb, "MB");
    return result;
}

} // namespace

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    ProfilingApplication app(argc, argv);
    app.setProfile(qEnvironmentVariableIntValue("BENCH_PUBSUB_PROFILE") != 0);
    const double seconds = qEnvironmentVariableIsSet("BENCH_PUBSUB_SECONDS")
                               ? qEnvironmentVariable("BENCH_PUBSUB_SECONDS").toDouble()
                               : 10.0;
    const QStringList servers =
        qEnvironmentVariable("BENCH_PUBSUB_SERVERS", QStringLiteral("redis,redscope")).split(',');
    StallMonitor stall;

    double worstSteadyRatio = 1, worstBurstRatio = 1, worstSteadyStall = 0, worstBurstStall = 0;
    double worstSteadyBusy = 0, worstBurstBusy = 0, worstIdleStall = 0, worstSteadyCpu = 0;
    double worstGrowth = 0;
    bool complete = true; // the 50k phase delivered every message to the model
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
        worstSteadyBusy = qMax(worstSteadyBusy, r.steady.busyMs);
        worstBurstBusy = qMax(worstBurstBusy, r.burst.busyMs);
        worstIdleStall = qMax(worstIdleStall, r.idleStallMs);
        worstSteadyCpu = qMax(worstSteadyCpu, r.steady.guiCpuPercent);
        if (r.steady.sent == 0 || r.steady.received != r.steady.sent ||
            r.steady.inModel != r.steady.received || !r.steady.lastSeqShown) {
            std::fprintf(
                stderr, "FAIL %s 50k: sent %lld, received %lld, in the model %lld, last shown %d\n",
                qPrintable(name), r.steady.sent, r.steady.received, r.steady.inModel,
                int(r.steady.lastSeqShown));
            complete = false;
        }
        worstGrowth = qMax(worstGrowth, r.rssGrowthMb);
    }
    if (ran == 0) return 1;
    // The headline figures: the worst over the servers above.
    print("pubsub.50k.received_ratio", worstSteadyRatio, "ratio");
    print("pubsub.50k.max_stall_ms", worstSteadyStall, "ms");
    print("pubsub.50k.max_busy_ms", worstSteadyBusy, "ms");
    print("pubsub.50k.gui_cpu_pct", worstSteadyCpu, "%");
    print("pubsub.idle.max_stall_ms", worstIdleStall, "ms");
    print("pubsub.200k.received_ratio", worstBurstRatio, "ratio");
    print("pubsub.200k.max_stall_ms", worstBurstStall, "ms");
    print("pubsub.200k.max_busy_ms", worstBurstBusy, "ms");
    print("pubsub.rss_growth_mb", worstGrowth, "MB");
    print("pubsub.rss_mb", procStatusMb("VmHWM:"), "MB");
    app.printLongest(15);
    return complete ? 0 : 1;
}
