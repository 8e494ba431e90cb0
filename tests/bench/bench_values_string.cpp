// Values benchmark, string half (`make bench BENCH=values` runs it with bench_values_* of the
// collections): the real StringValueView (offscreen) against Debian's redis-server holding a
// 512 MB string (the largest Redis allows), filled by APPEND of 1 MB chunks whose rows name
// their own offsets. The view opens it above the whole-value limit, so it reads STRLEN then
// GETRANGE pages as the hex view scrolls:
//   values.str512m.first_screen_ms  load() until the first screen of hex rows is on screen
//   values.str512m.max_stall_ms     longest gap between ticks of a 1 ms GUI-thread timer, from
//                                   load() through scrolling to 400 places over the whole value
//                                   (each waited until its rows are shown) and to the end
//   values.str512m.rss_growth_mb    RSS growth of the process over all of that
//   values.str512m.scroll_jump_ms   mean time from a scroll-bar jump to its rows shown
// Goals (issue 25): first screen < 100 ms, no stall > 50 ms, RSS growth < 100 MB.
#include "connection/redis_connection.h"
#include "redis_test_client.h"
#include "test_server.h"
#include "values/decoders/byte_view.h"
#include "values/decoders/decoder_pane.h"
#include "values/decoders/decoder_settings.h"
#include "values/string_value_view.h"

#include <QApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QScrollBar>
#include <QStandardPaths>
#include <QTimer>

#include <cstdio>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

static double rssMb()
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly)) return 0;
    for (const QByteArray &line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
    }
    return 0;
}

static bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer clock;
    clock.start();
    while (!done()) {
        if (clock.elapsed() > timeoutMs) return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

static bool screenShown(ByteView *view)
{
    const QStringList lines = view->visibleLines();
    return !lines.isEmpty() && std::none_of(lines.begin(), lines.end(), [](const QString &l) {
        return l.endsWith(QStringLiteral("…"));
    });
}

int main(int argc, char **argv)
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM")) qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QStandardPaths::setTestModeEnabled(true); // the whole-value limit stays the default one

    constexpr qint64 kChunk = 1024 * 1024;
    constexpr qint64 kSize = 512 * kChunk;
    std::unique_ptr<TestServer> server = TestServer::startRedis();
    if (!server || !server->ok()) {
        std::fprintf(stderr, "cannot start redis-server\n");
        return 1;
    }
    {
        RedisTestClient client("127.0.0.1", server->port());
        std::string chunk(size_t(kChunk), '.');
        for (qint64 at = 0; at < kSize; at += kChunk) {
            for (qint64 row = 0; row < kChunk; row += 16) {
                const std::string text = QByteArray::number(at + row, 16)
                                             .rightJustified(15, '0')
                                             .append('|')
                                             .toStdString();
                chunk.replace(size_t(row), 16, text);
            }
            client.append({"APPEND", "bench:str512m", chunk});
        }
        for (qint64 at = 0; at < kSize; at += kChunk) {
            if (client.readReply().rfind("<io", 0) == 0) {
                std::fprintf(stderr, "cannot fill the string\n");
                return 1;
            }
        }
        if (client.run({"STRLEN", "bench:str512m"}) != ":" + std::to_string(kSize)) {
            std::fprintf(stderr, "the string is not 512 MB\n");
            return 1;
        }
    }

    ConnectionSettings settings;
    settings.port = server->port();
    RedisConnection connection(settings);
    connection.connectToServer();
    if (!waitFor([&] { return connection.state() == RedisConnection::State::Ready; }, 10000))
        return 1;
    StringValueView view(&connection);
    view.resize(1200, 800);
    view.show();
    waitFor([] { return false; }, 300); // settle before the baseline
    const double rssBefore = rssMb();

    qint64 maxStall = 0;
    const char *phase = "before load";
    const char *stallPhase = "";
    QElapsedTimer tick;
    QTimer stallTimer;
    stallTimer.setTimerType(Qt::PreciseTimer);
    stallTimer.setInterval(1);
    QObject::connect(&stallTimer, &QTimer::timeout, [&] {
        const qint64 gap = tick.restart();
        if (gap > maxStall) {
            maxStall = gap;
            stallPhase = phase;
        }
    });
    tick.start();
    stallTimer.start();

    QElapsedTimer clock;
    clock.start();
    phase = "load to first screen";
    view.load("bench:str512m");
    ByteView *bytes = view.decoderPane()->byteView();
    if (!waitFor([&] { return view.isRanged() && bytes->isVisible() && screenShown(bytes); },
                 30000)) {
        std::fprintf(stderr, "the first screen never came\n");
        return 1;
    }
    const qint64 firstScreen = clock.elapsed();

    phase = "scrolling";
    QScrollBar *bar = bytes->verticalScrollBar();
    constexpr int kJumps = 400;
    qint64 jumpTotal = 0;
    for (int i = 1; i <= kJumps; ++i) {
        QElapsedTimer jump;
        jump.start();
        bar->setValue(int(qint64(bar->maximum()) * i / kJumps));
        if (!waitFor([&] { return screenShown(bytes); }, 10000)) {
            std::fprintf(stderr, "rows at jump %d never came\n", i);
            return 1;
        }
        jumpTotal += jump.elapsed();
    }
    const QString last = bytes->visibleLines().constLast();
    if (!last.endsWith(QStringLiteral("|00000001ffffff0||"))) {
        std::fprintf(stderr, "the last row is wrong: %s\n", qPrintable(last));
        return 1;
    }
    waitFor([] { return false; }, 100);
    stallTimer.stop();
    const double rssGrowth = rssMb() - rssBefore;

    std::fprintf(stderr, "bench_values_string: the longest stall was while %s\n", stallPhase);
    std::printf("BENCH values.str512m.first_screen_ms %lld ms\n", (long long)firstScreen);
    std::printf("BENCH values.str512m.max_stall_ms %lld ms\n", (long long)maxStall);
    std::printf("BENCH values.str512m.rss_growth_mb %.1f MB\n", rssGrowth);
    std::printf("BENCH values.str512m.scroll_jump_ms %.1f ms\n", double(jumpTotal) / kJumps);
    std::fflush(stdout);
    return 0;
}
