// Export, import, copy and compare against real servers: Debian's redis-server and
// redscope-server on free loopback ports. Every format goes both ways (export from one server,
// import into the other, the two databases compare equal by canonical text and by CompareJob),
// the RESP export replays through `redis-cli --pipe`, the RDB export loads in redis-server at
// start-up, a dump.rdb imports, and copy works with RESTORE and with the type-by-type rebuild
// when the target renames RESTORE away.
#include "transfer_test_support.h"

#include "transfer/copy_job.h"
#include "transfer/export_job.h"
#include "transfer/import_job.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace redscope;
using namespace redscope::test;

Q_DECLARE_METATYPE(redscope::TransferFormat)

namespace {

std::string onlyTypes(const std::string &canonicalText, const std::vector<std::string> &types)
{
    std::string out;
    size_t at = 0;
    while (at < canonicalText.size()) {
        const size_t end = canonicalText.find('\n', at);
        const std::string line = canonicalText.substr(at, end - at);
        for (const auto &t : types)
            if (line.find(" +" + t + " ") != std::string::npos) out += line + "\n";
        at = end + 1;
    }
    return out;
}

TransferSummary exportAll(const TestServer &server, TransferFormat format, const QString &path,
                          TtlMode ttl = TtlMode::Relative)
{
    ExportOptions options;
    options.source = settingsFor(server);
    options.format = format;
    options.ttl = ttl;
    options.path = path;
    return runJob(std::make_unique<ExportJob>(options));
}

TransferSummary importFile(const TestServer &server, TransferFormat format, const QString &path,
                           ConflictPolicy policy = ConflictPolicy::Replace)
{
    ImportOptions options;
    options.target = settingsFor(server);
    options.format = format;
    options.path = path;
    options.policy = policy;
    return runJob(std::make_unique<ImportJob>(options));
}

} // namespace

class TestTransferRoundTrip : public QObject
{
    Q_OBJECT

private slots:
    void roundTrip_data()
    {
        QTest::addColumn<TransferFormat>("format");
        QTest::addColumn<bool>("fromRedis");
        for (bool fromRedis : {true, false}) {
            const char *dir = fromRedis ? "redis->engine" : "engine->redis";
            QTest::addRow("jsonl %s", dir) << TransferFormat::JsonLines << fromRedis;
            QTest::addRow("csv %s", dir) << TransferFormat::Csv << fromRedis;
            QTest::addRow("resp %s", dir) << TransferFormat::Resp << fromRedis;
            QTest::addRow("rdb %s", dir) << TransferFormat::Rdb << fromRedis;
        }
    }

    // Export from one server, import into the other: the same data.
    void roundTrip()
    {
        QFETCH(TransferFormat, format);
        QFETCH(bool, fromRedis);
        auto redis = TestServer::startRedis();
        auto engine = TestServer::startRedscope();
        QVERIFY2(redis->ok(), redis->error().c_str());
        QVERIFY2(engine->ok(), engine->error().c_str());
        TestServer &source = fromRedis ? *redis : *engine;
        TestServer &target = fromRedis ? *engine : *redis;
        RedisTestClient src("127.0.0.1", source.port()), dst("127.0.0.1", target.port());
        fillDataset(src);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("export.") + formatExtension(format));

        const TransferSummary exported = exportAll(source, format, path);
        QVERIFY2(exported.ok(), qPrintable(exported.text()));
        QVERIFY(QFile::exists(path));
        QVERIFY(!QFile::exists(path + QStringLiteral(".part")));
        const bool csv = format == TransferFormat::Csv;
        QCOMPARE(exported.keysDone, csv ? 9 : 17);
        QCOMPARE(exported.keysSkipped, csv ? 8 : 0);

        if (format == TransferFormat::Rdb) QCOMPARE(guessFormat(path), TransferFormat::Rdb);
        const TransferSummary imported = importFile(target, format, path);
        QVERIFY2(imported.ok(), qPrintable(imported.text() + imported.problems.join('\n')));
        QCOMPARE(imported.keysDone, csv ? 9 : 17);

        const std::string expected = canonical(src);
        const std::string actual = canonical(dst);
        if (csv)
            QCOMPARE(QString::fromStdString(actual),
                     QString::fromStdString(onlyTypes(expected, {"string", "hash"})));
        else
            QCOMPARE(actual, expected);

        if (!csv) { // and Compare agrees, key by key
            CompareOptions options;
            options.a.settings = settingsFor(source);
            options.b = settingsFor(target);
            const auto [summary, result] = compare(options);
            QVERIFY2(summary.ok(), qPrintable(summary.text()));
            QCOMPARE(summary.equal, 17);
            QCOMPARE(result->size(), 0);
        }
    }

    void absoluteTtlsSurvive()
    {
        auto redis = TestServer::startRedis();
        auto engine = TestServer::startRedscope();
        RedisTestClient src("127.0.0.1", redis->port()), dst("127.0.0.1", engine->port());
        src.run({"SET", "k", "v", "PXAT", "4102444800000"}); // 2100-01-01
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("abs.jsonl"));
        QVERIFY(exportAll(*redis, TransferFormat::JsonLines, path, TtlMode::Absolute).ok());
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.readAll().contains("\"expire_at_ms\":4102444800000"));
        QVERIFY(importFile(*engine, TransferFormat::JsonLines, path).ok());
        QCOMPARE(dst.run({"PEXPIRETIME", "k"}), std::string(":4102444800000"));
    }

    // The RESP export is what redis-cli --pipe replays.
    void redisCliPipeReplaysRespExport()
    {
        auto engine = TestServer::startRedscope();
        auto redis = TestServer::startRedis();
        RedisTestClient src("127.0.0.1", engine->port()), dst("127.0.0.1", redis->port());
        fillDataset(src);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("pipe.resp"));
        QVERIFY(exportAll(*engine, TransferFormat::Resp, path).ok());
        QProcess cli;
        cli.setStandardInputFile(path);
        cli.start(QStringLiteral("redis-cli"),
                  {QStringLiteral("-p"), QString::number(redis->port()), QStringLiteral("--pipe")});
        QVERIFY(cli.waitForFinished(30000));
        QCOMPARE(cli.exitCode(), 0);
        QVERIFY(cli.readAllStandardOutput().contains("errors: 0"));
        QCOMPARE(canonical(dst), canonical(src));
    }

    // The RDB export loads in redis-server at start-up.
    void redisServerLoadsRdbExport()
    {
        auto engine = TestServer::startRedscope();
        RedisTestClient src("127.0.0.1", engine->port());
        fillDataset(src);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("dump.rdb"));
        QVERIFY(exportAll(*engine, TransferFormat::Rdb, path).ok());
        auto redis =
            TestServer::startRedis({"--dir", dir.path().toStdString(), "--dbfilename", "dump.rdb"});
        QVERIFY2(redis->ok(), redis->error().c_str());
        RedisTestClient dst("127.0.0.1", redis->port());
        QCOMPARE(canonical(dst), canonical(src));
    }

    // A dump.rdb written by redis-server imports through the engine's reader.
    void importsDumpRdb()
    {
        QTemporaryDir dir;
        auto redis = TestServer::startRedis({"--dir", dir.path().toStdString()});
        RedisTestClient src("127.0.0.1", redis->port());
        fillDataset(src);
        src.run({"SELECT", "2"});
        src.run({"SET", "in-db-2", "x"});
        src.run({"SELECT", "0"});
        QCOMPARE(src.run({"SAVE"}), std::string("+OK"));
        auto engine = TestServer::startRedscope();
        RedisTestClient dst("127.0.0.1", engine->port());
        ImportOptions options;
        options.target = settingsFor(*engine);
        options.format = TransferFormat::Rdb;
        options.path = dir.filePath(QStringLiteral("dump.rdb"));
        options.dbFilter = 0;
        const TransferSummary s = runJob(std::make_unique<ImportJob>(options));
        QVERIFY2(s.ok(), qPrintable(s.text()));
        QCOMPARE(s.keysDone, 17);
        QCOMPARE(canonical(dst), canonical(src));
    }

    void commandFileWithConflictPolicies()
    {
        auto redis = TestServer::startRedis();
        RedisTestClient c("127.0.0.1", redis->port());
        c.run({"SET", "a b", "old"});
        c.run({"RPUSH", "l", "old"});
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("cmds.txt"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("# a comment\nSET \"a b\" \"c\\x00d\"\nRPUSH l 1 2\nRPUSH l 3\n\n"
                   "HSET h f v\nSELECT 0\n");
        file.close();
        TransferSummary s =
            importFile(*redis, TransferFormat::Commands, path, ConflictPolicy::Skip);
        QVERIFY2(s.ok(), qPrintable(s.text()));
        QCOMPARE(c.run({"GET", "a b"}), std::string("$old"));
        QCOMPARE(c.run({"LRANGE", "l", "0", "-1"}), std::string("*[$old]"));
        QCOMPARE(c.run({"HGET", "h", "f"}), std::string("$v"));
        QCOMPARE(s.keysSkipped, 2);

        s = importFile(*redis, TransferFormat::Commands, path, ConflictPolicy::Replace);
        QVERIFY2(s.ok(), qPrintable(s.text()));
        QCOMPARE(c.run({"GET", "a b"}), std::string("$c\0d", 4));
        QCOMPARE(c.run({"LRANGE", "l", "0", "-1"}), std::string("*[$1,$2,$3]"));
    }

    void copyWithRestoreAndWithRebuild_data()
    {
        QTest::addColumn<bool>("restoreRenamed");
        QTest::addColumn<bool>("toEngine");
        QTest::newRow("restore into engine") << false << true;
        QTest::newRow("restore into redis") << false << false;
        QTest::newRow("rebuild: RESTORE renamed on redis") << true << false;
    }

    void copyWithRestoreAndWithRebuild()
    {
        QFETCH(bool, restoreRenamed);
        QFETCH(bool, toEngine);
        auto source = TestServer::startRedis();
        auto target =
            toEngine
                ? TestServer::startRedscope()
                : TestServer::startRedis(
                      restoreRenamed ? std::vector<std::string>{"--rename-command", "RESTORE", ""}
                                     : std::vector<std::string>{});
        QVERIFY2(target->ok(), target->error().c_str());
        RedisTestClient src("127.0.0.1", source->port()), dst("127.0.0.1", target->port());
        fillDataset(src, "copy:");
        fillDataset(src, "other:");
        CopyOptions options;
        options.source = settingsFor(*source);
        options.target = settingsFor(*target);
        options.selection.pattern = "copy:*";
        options.policy = ConflictPolicy::Replace;
        const TransferSummary s = runJob(std::make_unique<CopyJob>(options));
        QVERIFY2(s.ok(), qPrintable(s.text() + s.problems.join('\n')));
        QCOMPARE(s.keysDone, 17);
        QCOMPARE(s.usedRebuild, restoreRenamed);
        QCOMPARE(canonical(dst), canonical(src, "copy:*"));
        const qint64 ttl = std::stoll(dst.run({"PTTL", "copy:h:big"}).substr(1));
        QVERIFY(ttl > 7000000 && ttl <= 7200000);
    }

    void copyIsRateLimited()
    {
        auto source = TestServer::startRedis();
        auto target = TestServer::startRedscope();
        RedisTestClient src("127.0.0.1", source->port());
        for (int i = 0; i < 300; ++i)
            src.run({"SET", "k" + std::to_string(i), "v"});
        CopyOptions options;
        options.source = settingsFor(*source);
        options.target = settingsFor(*target);
        auto job = std::make_unique<CopyJob>(options);
        job->setRateLimit(1000); // 300 keys: at least ~0.3 s
        QElapsedTimer clock;
        clock.start();
        const TransferSummary s = runJob(std::move(job));
        QVERIFY(s.ok());
        QCOMPARE(s.keysDone, 300);
        QVERIFY2(clock.elapsed() >= 250, qPrintable(QString::number(clock.elapsed())));
    }
};

QTEST_MAIN(TestTransferRoundTrip)
#include "tst_transfer_round_trip.moc"
