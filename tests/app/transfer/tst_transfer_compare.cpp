// Compare against real servers: only-in-A, only-in-B and different keys are found; equal
// values in different encodings (a hash packed on one side and a table on the other, a set
// filled in another order) compare equal; "make B equal to A" on the chosen keys leaves no
// difference; the exported differences replayed with redis-cli --pipe do the same; a server
// compares against a dump.rdb and two databases of one server compare.
#include "transfer_test_support.h"

#include "transfer/compare_job.h"

#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using namespace redscope;
using namespace redscope::test;

namespace {

QMap<QByteArray, DiffEntry::Kind> byKey(const CompareResultPtr &result)
{
    QMap<QByteArray, DiffEntry::Kind> out;
    for (const DiffEntry &e : result->mid(0, result->size()))
        out.insert(e.key, e.kind);
    return out;
}

void prepare(RedisTestClient &a, RedisTestClient &b)
{
    fillDataset(a);
    fillDataset(b);
    a.run({"SET", "only-a", "1"});
    b.run({"SET", "only-b", "2"});
    b.run({"SET", "t:s:plain", "changed"});
    b.run({"RPUSH", "t:l:big", "one more"});
    b.run({"HSET", "t:h:small", "f1", "other"});
    b.run({"PERSIST", "t:s:ttl"}); // same value, TTL only on A
    // The same hash as a table on B, and a set filled in reverse order.
    b.run({"CONFIG", "SET", "hash-max-listpack-entries", "1"});
    b.run({"DEL", "t:h:same"});
    a.run({"HSET", "t:h:same", "x", "1", "y", "2", "z", "3"});
    b.run({"HSET", "t:h:same", "z", "3", "y", "2", "x", "1"});
    a.run({"SADD", "t:set:order", "a", "b", "c", "d"});
    b.run({"SADD", "t:set:order", "d", "c", "b", "a"});
}

const QMap<QByteArray, DiffEntry::Kind> kExpected{
    {"only-a", DiffEntry::Kind::OnlyInA},      {"only-b", DiffEntry::Kind::OnlyInB},
    {"t:s:plain", DiffEntry::Kind::Different}, {"t:l:big", DiffEntry::Kind::Different},
    {"t:h:small", DiffEntry::Kind::Different}, {"t:s:ttl", DiffEntry::Kind::Different},
};

} // namespace

class TestTransferCompare : public QObject
{
    Q_OBJECT

private slots:
    void findsDifferencesAndSyncs_data()
    {
        QTest::addColumn<bool>("bIsEngine");
        QTest::newRow("redis vs redis") << false;
        QTest::newRow("redis vs engine") << true;
    }

    void findsDifferencesAndSyncs()
    {
        QFETCH(bool, bIsEngine);
        auto serverA = TestServer::startRedis();
        auto serverB = bIsEngine ? TestServer::startRedscope() : TestServer::startRedis();
        QVERIFY(serverA->ok() && serverB->ok());
        RedisTestClient a("127.0.0.1", serverA->port()), b("127.0.0.1", serverB->port());
        prepare(a, b);
        QCOMPARE(b.run({"OBJECT", "ENCODING", "t:h:same"}), std::string("$hashtable"));
        QCOMPARE(a.run({"OBJECT", "ENCODING", "t:h:same"}), std::string("$listpack"));

        CompareOptions options;
        options.a.settings = settingsFor(*serverA);
        options.b = settingsFor(*serverB);
        auto [summary, result] = compare(options);
        QVERIFY2(summary.ok(), qPrintable(summary.text()));
        QCOMPARE(byKey(result), kExpected);
        QCOMPARE(summary.onlyInA, 1);
        QCOMPARE(summary.onlyInB, 1);
        QCOMPARE(summary.different, 4);
        QCOMPARE(summary.equal, 15);

        SyncOptions sync;
        sync.a = options.a;
        sync.b = options.b;
        sync.keys = byKey(result).keys();
        const TransferSummary synced = runJob(std::make_unique<SyncJob>(sync));
        QVERIFY2(synced.ok(), qPrintable(synced.text()));
        QCOMPARE(canonical(b), canonical(a));
        auto [again, none] = compare(options);
        QCOMPARE(none->size(), 0);
        QCOMPARE(again.equal, 20);
    }

    void exportedDifferencesReplayWithRedisCli()
    {
        auto serverA = TestServer::startRedis();
        auto serverB = TestServer::startRedis();
        RedisTestClient a("127.0.0.1", serverA->port()), b("127.0.0.1", serverB->port());
        prepare(a, b);
        CompareOptions options;
        options.a.settings = settingsFor(*serverA);
        options.b = settingsFor(*serverB);
        auto [summary, result] = compare(options);
        QTemporaryDir dir;
        SyncOptions sync;
        sync.a = options.a;
        sync.b = options.b;
        sync.keys = byKey(result).keys();
        sync.exportPath = dir.filePath(QStringLiteral("diff.resp"));
        const TransferSummary written = runJob(std::make_unique<SyncJob>(sync));
        QVERIFY2(written.ok(), qPrintable(written.text()));
        QCOMPARE(canonical(b) == canonical(a), false); // B untouched
        QProcess cli;
        cli.setStandardInputFile(sync.exportPath);
        cli.start(
            QStringLiteral("redis-cli"),
            {QStringLiteral("-p"), QString::number(serverB->port()), QStringLiteral("--pipe")});
        QVERIFY(cli.waitForFinished(30000));
        QVERIFY(cli.readAllStandardOutput().contains("errors: 0"));
        QCOMPARE(canonical(b), canonical(a));
    }

    void serverAgainstDumpRdb()
    {
        QTemporaryDir dir;
        auto serverA = TestServer::startRedis({"--dir", dir.path().toStdString()});
        auto serverB = TestServer::startRedscope();
        RedisTestClient a("127.0.0.1", serverA->port()), b("127.0.0.1", serverB->port());
        prepare(a, b);
        QCOMPARE(a.run({"SAVE"}), std::string("+OK"));
        CompareOptions options;
        options.a.rdbPath = dir.filePath(QStringLiteral("dump.rdb"));
        options.a.rdbDb = 0;
        options.b = settingsFor(*serverB);
        auto [summary, result] = compare(options);
        QVERIFY2(summary.ok(), qPrintable(summary.text()));
        QCOMPARE(byKey(result), kExpected);

        SyncOptions sync;
        sync.a = options.a;
        sync.b = options.b;
        sync.keys = byKey(result).keys();
        QVERIFY(runJob(std::make_unique<SyncJob>(sync)).ok());
        QCOMPARE(canonical(b), canonical(a));
    }

    void twoDatabasesOfOneServerWithPattern()
    {
        auto server = TestServer::startRedis();
        RedisTestClient c("127.0.0.1", server->port());
        c.run({"MSET", "p:1", "a", "p:2", "b", "q:1", "x"});
        c.run({"SELECT", "1"});
        c.run({"MSET", "p:1", "a", "p:2", "B", "p:3", "c"});
        CompareOptions options;
        options.a.settings = settingsFor(*server, 0);
        options.b = settingsFor(*server, 1);
        options.pattern = "p:*";
        auto [summary, result] = compare(options);
        QVERIFY2(summary.ok(), qPrintable(summary.text()));
        const QMap<QByteArray, DiffEntry::Kind> expected{{"p:2", DiffEntry::Kind::Different},
                                                         {"p:3", DiffEntry::Kind::OnlyInB}};
        QCOMPARE(byKey(result), expected);
        QCOMPARE(summary.equal, 1);
    }

    void globMatchesLikeRedis()
    {
        QVERIFY(globMatches("user:*", "user:1"));
        QVERIFY(!globMatches("user:*", "users"));
        QVERIFY(globMatches("h?llo", "hello"));
        QVERIFY(globMatches("h[ae]llo", "hallo"));
        QVERIFY(!globMatches("h[^e]llo", "hello"));
        QVERIFY(globMatches("h[a-c]llo", "hbllo"));
        QVERIFY(globMatches("a\\*b", "a*b"));
        QVERIFY(!globMatches("a\\*b", "axb"));
        QVERIFY(globMatches("*", ""));
    }
};

QTEST_MAIN(TestTransferCompare)
#include "tst_transfer_compare.moc"
