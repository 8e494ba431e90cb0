// Import's promises against a real redis-server: a bad file (truncated, wrong types, wrong
// encodings, broken framing) is refused with the line or byte offset of the problem and
// nothing is written, even when the bad part comes after good keys; "continue past errors"
// writes the good keys and lists what it skipped; a dry run reports and writes nothing; the
// "fail" policy stops before writing; and a server killed mid-import stops the import with
// the keys written and a resume point from which a second run completes the data.
#include "transfer_test_support.h"

#include "transfer/export_job.h"
#include "transfer/import_job.h"

#include <QTemporaryDir>
#include <QtTest>

#include <csignal>

using namespace redscope;
using namespace redscope::test;

Q_DECLARE_METATYPE(redscope::TransferFormat)

namespace {

QString writeFile(const QTemporaryDir &dir, const QString &name, const QByteArray &content)
{
    const QString path = dir.filePath(name);
    QFile file(path);
    file.open(QIODevice::WriteOnly);
    file.write(content);
    return path;
}

ImportOptions optionsFor(const TestServer &server, TransferFormat format, const QString &path)
{
    ImportOptions options;
    options.target = settingsFor(server);
    options.format = format;
    options.path = path;
    options.policy = ConflictPolicy::Replace;
    return options;
}

const QByteArray kGoodLine = "{\"key\":\"good\",\"type\":\"string\",\"value\":\"v\"}"
                             "\n";

} // namespace

class TestTransferImport : public QObject
{
    Q_OBJECT

private slots:
    void badFileWritesNothing_data()
    {
        QTest::addColumn<TransferFormat>("format");
        QTest::addColumn<QByteArray>("content");
        QTest::addColumn<QString>("where"); // expected in the message
        const QByteArray g = kGoodLine;
        QTest::newRow("jsonl truncated")
            << TransferFormat::JsonLines << g + "{\"key\":\"k\",\"type\":\"str"
            << "line 2";
        QTest::newRow("jsonl unknown type")
            << TransferFormat::JsonLines
            << g + g + "{\"key\":\"k\",\"type\":\"blob\",\"value\":\"x\"}"
            << "line 3";
        QTest::newRow("jsonl wrong value shape")
            << TransferFormat::JsonLines
            << g + "{\"key\":\"h\",\"type\":\"hash\",\"value\":[\"a\",\"b\"]}"
            << "line 2";
        QTest::newRow("jsonl bad base64")
            << TransferFormat::JsonLines
            << g + "{\"key\":\"k\",\"type\":\"string\",\"value\":{\"base64\":\"@@@\"}}"
            << "line 2";
        QTest::newRow("jsonl bad score")
            << TransferFormat::JsonLines
            << g + "{\"key\":\"z\",\"type\":\"zset\",\"value\":[[\"m\",\"high\"]]}"
            << "line 2";
        QTest::newRow("csv bad header")
            << TransferFormat::Csv << QByteArray("a,b\nk,v\n") << "line 1";
        QTest::newRow("csv unterminated quote")
            << TransferFormat::Csv
            << QByteArray("key,type,field,value,ttl_ms\nk,string,,v,\nk2,string,,\"open,\n")
            << "line 3";
        QTest::newRow("csv wrong type") << TransferFormat::Csv
                                        << QByteArray("key,type,field,value,ttl_ms\n"
                                                      "k,string,,v,\nl,list,,x,\n")
                                        << "line 3";
        QTest::newRow("resp truncated") << TransferFormat::Resp
                                        << QByteArray("*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n"
                                                      "*3\r\n$3\r\nSET\r\n$2\r\nk2\r\n$5\r\nab")
                                        << "byte offset";
        QTest::newRow("resp bad length")
            << TransferFormat::Resp << QByteArray("*2\r\n$3\r\nDEL\r\n$x\r\nk\r\n")
            << "byte offset 13";
        QTest::newRow("commands unbalanced quote")
            << TransferFormat::Commands << QByteArray("SET a b\nSET \"c d\n") << "line 2";
        QTest::newRow("commands flushall refused")
            << TransferFormat::Commands << QByteArray("SET a b\nFLUSHALL\n") << "line 2";
    }

    void badFileWritesNothing()
    {
        QFETCH(TransferFormat, format);
        QFETCH(QByteArray, content);
        QFETCH(QString, where);
        auto redis = TestServer::startRedis();
        QVERIFY2(redis->ok(), redis->error().c_str());
        QTemporaryDir dir;
        const QString path = writeFile(dir, QStringLiteral("bad"), content);
        const TransferSummary s =
            runJob(std::make_unique<ImportJob>(optionsFor(*redis, format, path)));
        QVERIFY(!s.ok());
        QVERIFY2(s.error.contains(where), qPrintable(s.error));
        QVERIFY2(s.error.contains(QStringLiteral("othing was written")), qPrintable(s.error));
        RedisTestClient c("127.0.0.1", redis->port());
        QCOMPARE(c.run({"DBSIZE"}), std::string(":0"));
    }

    void badRdbWritesNothing_data()
    {
        QTest::addColumn<bool>("truncate");
        QTest::newRow("truncated") << true;
        QTest::newRow("corrupted byte") << false;
    }

    void badRdbWritesNothing()
    {
        QFETCH(bool, truncate);
        QTemporaryDir dir;
        auto source = TestServer::startRedis({"--dir", dir.path().toStdString()});
        RedisTestClient src("127.0.0.1", source->port());
        fillDataset(src);
        QCOMPARE(src.run({"SAVE"}), std::string("+OK"));
        QFile file(dir.filePath(QStringLiteral("dump.rdb")));
        QVERIFY(file.open(QIODevice::ReadOnly));
        QByteArray bytes = file.readAll();
        if (truncate)
            bytes.chop(bytes.size() / 3);
        else
            bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x5a);
        const QString path = writeFile(dir, QStringLiteral("bad.rdb"), bytes);
        auto target = TestServer::startRedis();
        const TransferSummary s =
            runJob(std::make_unique<ImportJob>(optionsFor(*target, TransferFormat::Rdb, path)));
        QVERIFY(!s.ok());
        QVERIFY2(s.error.contains(QStringLiteral("offset")), qPrintable(s.error));
        RedisTestClient c("127.0.0.1", target->port());
        QCOMPARE(c.run({"DBSIZE"}), std::string(":0"));
    }

    void continuePastErrorsSkipsAndReports()
    {
        auto redis = TestServer::startRedis();
        QTemporaryDir dir;
        const QString path = writeFile(
            dir, QStringLiteral("mixed.jsonl"),
            kGoodLine +
                "{\"key\":\"bad\",\"type\":\"nope\",\"value\":\"x\"}"
                "\n" +
                "{\"key\":\"l\",\"type\":\"list\",\"value\":[\"a\",{\"base64\":\"AP8=\"}]}"
                "\n" +
                "{\"key\":\"t\",\"type\":\"string\",\"value\":\"x\",\"ttl_ms\":60000}"
                "\n");
        ImportOptions options = optionsFor(*redis, TransferFormat::JsonLines, path);
        options.continuePastErrors = true;
        const TransferSummary s = runJob(std::make_unique<ImportJob>(options));
        QVERIFY2(s.ok(), qPrintable(s.text()));
        QCOMPARE(s.keysDone, 3);
        QCOMPARE(s.keysFailed, 1);
        QCOMPARE(s.problems.size(), 1);
        QVERIFY(s.problems[0].startsWith(QStringLiteral("line 2")));
        RedisTestClient c("127.0.0.1", redis->port());
        const std::string lr = c.run({"LRANGE", "l", "0", "-1"});
        QCOMPARE(QByteArray::fromStdString(lr).toHex(), QByteArray("2a5b24612c24"
                                                                   "00ff"
                                                                   "5d"));
        QVERIFY(std::stoll(c.run({"PTTL", "t"}).substr(1)) > 50000);
    }

    void dryRunReportsAndWritesNothing()
    {
        auto redis = TestServer::startRedis();
        RedisTestClient c("127.0.0.1", redis->port());
        c.run({"SET", "good", "old"});
        QTemporaryDir dir;
        const QString path =
            writeFile(dir, QStringLiteral("d.jsonl"),
                      kGoodLine +
                          "{\"key\":\"n1\",\"type\":\"set\",\"value\":[\"a\"]}"
                          "\n" +
                          "{\"key\":\"n2\",\"type\":\"hash\",\"value\":[[\"f\",\"v\"]]}"
                          "\n");
        ImportOptions options = optionsFor(*redis, TransferFormat::JsonLines, path);
        options.dryRun = true;
        const TransferSummary s = runJob(std::make_unique<ImportJob>(options));
        QVERIFY2(s.ok(), qPrintable(s.text()));
        QCOMPARE(s.wouldCreate, 2);
        QCOMPARE(s.wouldReplace, 1);
        QCOMPARE(c.run({"DBSIZE"}), std::string(":1"));
        QCOMPARE(c.run({"GET", "good"}), std::string("$old"));
    }

    void failPolicyStopsBeforeWriting()
    {
        auto redis = TestServer::startRedis();
        RedisTestClient c("127.0.0.1", redis->port());
        c.run({"SET", "late", "old"});
        QTemporaryDir dir;
        QByteArray content;
        for (int i = 0; i < 600; ++i)
            content += QByteArray("{\"key\":\"k") + QByteArray::number(i) +
                       "\",\"type\":\"string\",\"value\":\"v\"}"
                       "\n";
        content += "{\"key\":\"late\",\"type\":\"string\",\"value\":\"new\"}"
                   "\n";
        const QString path = writeFile(dir, QStringLiteral("f.jsonl"), content);
        ImportOptions options = optionsFor(*redis, TransferFormat::JsonLines, path);
        options.policy = ConflictPolicy::Fail;
        const TransferSummary s = runJob(std::make_unique<ImportJob>(options));
        QVERIFY(!s.ok());
        QVERIFY2(s.error.contains(QStringLiteral("\"late\" already exists")), qPrintable(s.error));
        QCOMPARE(c.run({"DBSIZE"}), std::string(":1"));
    }

    // The server is SIGKILLed while the import writes: the job stops, says how many keys it
    // wrote and where to resume; after a restart (the AOF kept what was acknowledged), a second
    // run from that point completes the data exactly.
    void serverKilledMidImportStopsAndResumes()
    {
        QTemporaryDir data, dir;
        const std::vector<std::string> args{"--dir",         data.path().toStdString(),
                                            "--appendonly",  "yes",
                                            "--appendfsync", "always",
                                            "--save",        ""};
        auto source = TestServer::startRedscope();
        RedisTestClient src("127.0.0.1", source->port());
        for (int i = 0; i < 40; ++i) {
            std::vector<std::string> cmd{"RPUSH", "list:" + std::to_string(i)};
            for (int j = 0; j < 1500; ++j)
                cmd.push_back(std::to_string(i) + "-" + std::to_string(j));
            src.run(cmd);
        }
        for (int i = 0; i < 20000; ++i)
            src.run({"SET", "s:" + std::to_string(i), std::string(50, 'v')});
        const QString path = dir.filePath(QStringLiteral("big.jsonl"));
        ExportOptions exportOptions;
        exportOptions.source = settingsFor(*source);
        exportOptions.path = path;
        QVERIFY(runJob(std::make_unique<ExportJob>(exportOptions)).ok());

        auto target = TestServer::startRedis(args);
        QVERIFY2(target->ok(), target->error().c_str());
        ImportOptions options = optionsFor(*target, TransferFormat::JsonLines, path);
        options.policy = ConflictPolicy::Skip;
        TransferRunner runner;
        bool killed = false;
        connect(&runner, &TransferRunner::progress, this, [&](const TransferSummary &s) {
            if (!killed && s.keysDone >= 2000) {
                killed = true;
                target->kill(SIGKILL);
            }
        });
        runner.start(std::make_unique<ImportJob>(options));
        QTRY_VERIFY_WITH_TIMEOUT(!runner.isRunning(), 60000);
        const TransferSummary stopped = runner.lastSummary();
        QVERIFY(killed);
        QVERIFY(!stopped.ok());
        QVERIFY2(stopped.error.contains(QStringLiteral("lost")) ||
                     stopped.error.contains(QStringLiteral("onnect")),
                 qPrintable(stopped.error));
        QVERIFY(stopped.keysDone >= 2000);
        QVERIFY(stopped.keysDone < 20040);
        QVERIFY(stopped.resumeFrom > 0);

        target->stop();
        // On a new free port: the killed server's port may already serve another test's
        // server (ctest -j), and the AOF in `data` is what carries the keys over.
        auto restarted = TestServer::start(TestServer::redisServerPath(), args);
        QVERIFY2(restarted->ok(), restarted->error().c_str());
        options.target = optionsFor(*restarted, TransferFormat::JsonLines, path).target;
        options.resumeFrom = stopped.resumeFrom;
        options.resumeRewrite = stopped.resumeRewrite;
        const TransferSummary resumed = runJob(std::make_unique<ImportJob>(options));
        QVERIFY2(resumed.ok(), qPrintable(resumed.text()));
        RedisTestClient dst("127.0.0.1", restarted->port());
        QCOMPARE(dst.run({"DBSIZE"}), std::string(":20040"));
        QCOMPARE(canonical(dst), canonical(src));
    }
};

QTEST_MAIN(TestTransferImport)
#include "tst_transfer_import.moc"
