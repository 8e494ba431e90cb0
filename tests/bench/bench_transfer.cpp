// bench_transfer: export, import, copy and compare of 1M mixed keys (issue 27), against
// Debian's redis-server on loopback. The dataset (70% strings, 10% hashes, 10% lists, 5% sets,
// 5% zsets of 10 elements each, 10% of keys with a TTL) is loaded with redis-cli --pipe. Each
// measured phase runs in a child process of this binary (`bench_transfer --phase ...`), so its
// peak RSS is its own. Figures (medians of REDSCOPE_BENCH_RUNS runs, default 3):
//   transfer.export_1m.time_s / .peak_rss_mb     ExportJob to a RESP file
//   transfer.import_1m.time_s / .peak_rss_mb     ImportJob of that file into an empty server
//   transfer.import_1m.redis_cli_pipe_time_s     redis-cli --pipe of the same file (baseline)
//   transfer.copy_1m.time_s / .peak_rss_mb       CopyJob server to server (RESTORE), at the
//                                                copy dialog's default rate (kDefaultCopyRate;
//                                                REDSCOPE_BENCH_COPY_RATE overrides, 0: none)
//   transfer.copy_1m.server_p99_ratio            p99 of PING on the source during the copy,
//                                                over p99 idle
//   transfer.compare_1m.time_s / .peak_rss_mb    CompareJob of the two (equal) databases
// REDSCOPE_BENCH_TRANSFER_KEYS changes the key count (for a quick run).
#include "test_server.h"
#include "transfer/compare_job.h"
#include "transfer/copy_job.h"
#include "transfer/export_job.h"
#include "transfer/import_job.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QProcess>
#include <QTemporaryDir>

#include <sys/resource.h>

#include <cstdlib>

#include <algorithm>
#include <atomic>
#include <cstdio>
#include <thread>

using namespace redscope;
using redscope::test::TestServer;

namespace {

ConnectionSettings settingsFor(int port)
{
    ConnectionSettings s;
    s.host = QStringLiteral("127.0.0.1");
    s.port = port;
    s.commandTimeoutMs = 120000;
    return s;
}

double peakRssMb()
{
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0;
}

void appendCommand(QByteArray *out, std::initializer_list<QByteArray> args)
{
    out->append('*').append(QByteArray::number(qsizetype(args.size()))).append("\r\n");
    for (const QByteArray &a : args)
        out->append('$')
            .append(QByteArray::number(a.size()))
            .append("\r\n")
            .append(a)
            .append("\r\n");
}

void writeDataset(const QString &path, int keys)
{
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    QByteArray buf;
    for (int i = 0; i < keys; ++i) {
        const QByteArray n = QByteArray::number(i);
        const int kind = i % 20; // 0-13 string, 14-15 hash, 16-17 list, 18 set, 19 zset
        QByteArray key;
        if (kind < 14) {
            key = "str:" + n;
            appendCommand(&buf, {"SET", key, QByteArray(20 + i % 80, char('a' + i % 26))});
        } else if (kind < 16) {
            key = "hash:" + n;
            for (int f = 0; f < 10; ++f)
                appendCommand(&buf, {"HSET", key, "field" + QByteArray::number(f),
                                     "value-" + n + "-" + QByteArray::number(f)});
        } else if (kind < 18) {
            key = "list:" + n;
            for (int e = 0; e < 10; ++e)
                appendCommand(&buf, {"RPUSH", key, "element-" + QByteArray::number(e)});
        } else if (kind == 18) {
            key = "set:" + n;
            for (int e = 0; e < 10; ++e)
                appendCommand(&buf, {"SADD", key, "member-" + QByteArray::number(e)});
        } else {
            key = "zset:" + n;
            for (int e = 0; e < 10; ++e)
                appendCommand(
                    &buf, {"ZADD", key, QByteArray::number(e * 1.5), "m" + QByteArray::number(e)});
        }
        if (i % 10 == 3) appendCommand(&buf, {"EXPIRE", key, "86400"});
        if (buf.size() > (4 << 20)) {
            file.write(buf);
            buf.clear();
        }
    }
    file.write(buf);
}

double pipeInto(int port, const QString &path)
{
    QElapsedTimer clock;
    clock.start();
    QProcess cli;
    cli.setStandardInputFile(path);
    cli.start(QStringLiteral("redis-cli"),
              {QStringLiteral("-p"), QString::number(port), QStringLiteral("--pipe")});
    cli.waitForFinished(-1);
    return double(clock.elapsed()) / 1000.0;
}

int copyRate()
{
    bool set = false;
    const int rate = qEnvironmentVariableIntValue("REDSCOPE_BENCH_COPY_RATE", &set);
    return set ? rate : kDefaultCopyRate;
}

std::string run1(int port, const std::vector<std::string> &args)
{
    return test::sendRawCommand(port, args, 60000);
}

// The child side: one phase, prints "PHASE <time_s> <peak_rss_mb> <keys>".
int runPhase(const QStringList &args)
{
    const QString phase = args.value(0);
    const int a = args.value(1).toInt(), b = args.value(2).toInt();
    const QString path = args.value(3);
    std::unique_ptr<TransferJob> job;
    if (phase == QLatin1String("export")) {
        ExportOptions o;
        o.source = settingsFor(a);
        o.format = TransferFormat::Resp;
        o.path = path;
        job = std::make_unique<ExportJob>(o);
    } else if (phase == QLatin1String("import")) {
        ImportOptions o;
        o.target = settingsFor(a);
        o.format = TransferFormat::Resp;
        o.policy = ConflictPolicy::Replace;
        o.path = path;
        job = std::make_unique<ImportJob>(o);
    } else if (phase == QLatin1String("copy")) {
        CopyOptions o;
        o.source = settingsFor(a);
        o.target = settingsFor(b);
        o.policy = ConflictPolicy::Replace;
        job = std::make_unique<CopyJob>(o);
        job->setRateLimit(copyRate());
    } else {
        CompareOptions o;
        o.a.settings = settingsFor(a);
        o.b = settingsFor(b);
        job = std::make_unique<CompareJob>(o);
    }
    QElapsedTimer clock;
    clock.start();
    job->execute();
    const TransferSummary &s = job->summary();
    if (!s.ok()) {
        std::fprintf(stderr, "%s failed: %s\n", qPrintable(phase), qPrintable(s.text()));
        return 1;
    }
    std::printf("PHASE %.3f %.1f %lld %s\n", double(clock.elapsed()) / 1000.0, peakRssMb(),
                static_cast<long long>(s.keysDone), qPrintable(s.text().replace('\n', ' ')));
    return 0;
}

struct PhaseResult
{
    double seconds = -1, rssMb = -1;
    qint64 keys = -1;   // the job's keysDone
    QByteArray summary; // the job's summary line
};

double loadAverage()
{
    double load[1] = {-1};
    getloadavg(load, 1);
    return load[0];
}

PhaseResult phase(const QStringList &args)
{
    QProcess child;
    child.setProcessChannelMode(QProcess::ForwardedErrorChannel);
    child.start(QCoreApplication::applicationFilePath(), QStringList{"--phase"} + args);
    child.waitForFinished(-1);
    const QByteArray out = child.readAllStandardOutput();
    std::fprintf(stderr, "  %s (load %.2f): %s", qPrintable(args.value(0)), loadAverage(),
                 out.constData());
    const QList<QByteArray> parts = out.trimmed().split(' ');
    if (parts.value(0) != "PHASE") return {};
    return {parts.value(1).toDouble(), parts.value(2).toDouble(), parts.value(3).toLongLong(),
            out.trimmed()};
}

double median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? -1 : v[v.size() / 2];
}

// PING latencies in microseconds while `running`, on one connection.
std::vector<double> probe(int port, const std::atomic_bool &running, int minSamples)
{
    std::vector<double> samples;
    while (running.load() || int(samples.size()) < minSamples) {
        QElapsedTimer t;
        t.start();
        run1(port, {"PING"});
        samples.push_back(double(t.nsecsElapsed()) / 1000.0);
        std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return samples;
}

double p99(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[size_t(double(v.size() - 1) * 0.99)];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments().mid(1);
    if (args.value(0) == QLatin1String("--phase")) return runPhase(args.mid(1));

    const int keys = qEnvironmentVariableIntValue("REDSCOPE_BENCH_TRANSFER_KEYS") > 0
                         ? qEnvironmentVariableIntValue("REDSCOPE_BENCH_TRANSFER_KEYS")
                         : 1000000;
    const int runs = qEnvironmentVariableIntValue("REDSCOPE_BENCH_RUNS") > 0
                         ? qEnvironmentVariableIntValue("REDSCOPE_BENCH_RUNS")
                         : 3;
    QTemporaryDir dir;
    const QString dataset = dir.filePath(QStringLiteral("dataset.resp"));
    const QString exported = dir.filePath(QStringLiteral("export.resp"));
    writeDataset(dataset, keys);
    const std::vector<std::string> noSave{"--save", "", "--appendonly", "no"};
    auto source = TestServer::startRedis(noSave);
    auto target = TestServer::startRedis(noSave);
    if (!source->ok() || !target->ok()) {
        std::fprintf(stderr, "cannot start redis-server\n");
        return 1;
    }
    const double loadSeconds = pipeInto(source->port(), dataset);
    std::fprintf(stderr, "loaded %s keys in %.1f s\n", run1(source->port(), {"DBSIZE"}).c_str(),
                 loadSeconds);

    // The figures count only if the jobs did all the work: every key exported, imported,
    // copied and compared (and found equal), and the servers hold them all.
    int failures = 0;
    const auto check = [&](const char *what, qint64 got, qint64 want) {
        if (got == want) return;
        ++failures;
        std::fprintf(stderr, "CHECK FAILED %s: %lld, expected %lld\n", what,
                     static_cast<long long>(got), static_cast<long long>(want));
    };
    const auto dbsize = [&](int port) {
        return QByteArray::fromStdString(run1(port, {"DBSIZE"})).mid(1).trimmed().toLongLong();
    };
    std::fprintf(stderr, "copy rate %d keys/s (0: no limit)\n", copyRate());
    std::vector<double> exportT, exportR, importT, importR, pipeT, copyT, copyR, ratio, cmpT, cmpR;
    for (int r = 0; r < runs; ++r) {
        const PhaseResult e = phase({"export", QString::number(source->port()), "0", exported});
        check("keys exported", e.keys, keys);
        exportT.push_back(e.seconds);
        exportR.push_back(e.rssMb);

        run1(target->port(), {"FLUSHALL"});
        pipeT.push_back(pipeInto(target->port(), exported));
        run1(target->port(), {"FLUSHALL"});
        const PhaseResult i = phase({"import", QString::number(target->port()), "0", exported});
        check("keys imported", i.keys, keys);
        check("target DBSIZE after import", dbsize(target->port()), keys);
        importT.push_back(i.seconds);
        importR.push_back(i.rssMb);

        run1(target->port(), {"FLUSHALL"});
        std::atomic_bool idle{true};
        std::thread idleProbe([&] {
            std::this_thread::sleep_for(std::chrono::seconds(2));
            idle = false;
        });
        const std::vector<double> before = probe(source->port(), idle, 200);
        idleProbe.join();
        std::atomic_bool copying{true};
        std::vector<double> during;
        std::thread copyProbe([&] { during = probe(source->port(), copying, 10); });
        const PhaseResult c =
            phase({"copy", QString::number(source->port()), QString::number(target->port()), {}});
        copying = false;
        copyProbe.join();
        check("keys copied", c.keys, keys);
        check("target DBSIZE after copy", dbsize(target->port()), keys);
        copyT.push_back(c.seconds);
        copyR.push_back(c.rssMb);
        ratio.push_back(p99(during) / std::max(1.0, p99(before)));

        const PhaseResult m = phase(
            {"compare", QString::number(source->port()), QString::number(target->port()), {}});
        check("keys compared", m.keys, keys);
        check("keys found equal",
              m.summary.contains(QByteArray::number(keys) + " equal") ? keys : -1, keys);
        cmpT.push_back(m.seconds);
        cmpR.push_back(m.rssMb);
    }
    const auto bench = [](const char *name, double value, const char *unit) {
        std::printf("BENCH %s %.3f %s\n", name, value, unit);
    };
    std::printf("# %d keys, %d run(s), medians\n", keys, runs);
    bench("transfer.export_1m.time_s", median(exportT), "s");
    bench("transfer.export_1m.peak_rss_mb", median(exportR), "MB");
    bench("transfer.import_1m.time_s", median(importT), "s");
    bench("transfer.import_1m.peak_rss_mb", median(importR), "MB");
    bench("transfer.import_1m.redis_cli_pipe_time_s", median(pipeT), "s");
    bench("transfer.import_1m.ratio_to_redis_cli_pipe", median(importT) / median(pipeT), "x");
    bench("transfer.copy_1m.time_s", median(copyT), "s");
    bench("transfer.copy_1m.peak_rss_mb", median(copyR), "MB");
    bench("transfer.copy_1m.server_p99_ratio", median(ratio), "x");
    bench("transfer.copy_1m.rate_limit_keys_per_s", copyRate(), "keys/s");
    bench("transfer.compare_1m.time_s", median(cmpT), "s");
    bench("transfer.compare_1m.peak_rss_mb", median(cmpR), "MB");
    std::printf("# load average at the end: %.2f; count checks failed: %d\n", loadAverage(),
                failures);
    return failures == 0 ? 0 : 1;
}
