// The offline analysis against the truth: Debian's redis-server is filled with every type and
// encoding Redis 7.0 has (int/embstr/raw strings, quicklists, intsets and set hashtables,
// listpack and hashtable hashes, listpack and skiplist sorted sets, streams), in two
// databases, some keys expiring; SAVE writes its dump.rdb, the analysis walks it, and the
// modelled bytes per type must be within 10% of the sum of MEMORY USAGE key SAMPLES 0 over
// the same keys (the total within 5%). Also: findings name what the data holds, the report
// survives JSON, and stop() gives a labelled partial report.
#include "analysis/live_analysis.h"
#include "analysis/offline_analysis.h"
#include "analysis/report_builder.h"
#include "analysis/snapshot_puller.h"
#include "cluster/cluster_router.h"
#include "cluster/cluster_slot.h"
#include "cluster_fixture.h"
#include "connection/redis_connection.h"
#include "redis_test_client.h"
#include "test_server.h"

#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTemporaryFile>
#include <QTest>

#include <fstream>
#include <map>
#include <random>
#include <set>

using namespace redscope;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

class TstMemoryAnalysis : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void modelledBytesMatchMemoryUsage();
    void findingsNameTheData();
    void reportRoundTripsThroughJson();
    void stopGivesPartialReport();
    void damagedFileFails();
    void liveScanMeasuresEveryKey();
    void liveFindingsUseTheServersLimits();
    void liveScanPausesResumesAndStops();
    void liveScanBacksOffWhenSlow();
    void liveScanWalksEveryClusterMaster();
    void liveScanSendsTheNextScanWithAGroup();
    void liveScanBoundsExactSizesOfBigCollections();
    void snapshotFromRedisServer();
    void snapshotFromRedscopeServer();
    void snapshotWithPassword();

private:
    void fill(RedisTestClient &client);
    std::unique_ptr<TestServer> m_server;
    QString m_rdb;
    std::unique_ptr<RedisConnection> connect();
    std::map<std::string, quint64> m_truthByType;
    std::map<std::string, quint64> m_truthDb0ByType;
    quint64 m_keysDb0 = 0;
    quint64 m_truthTotal = 0;
    quint64 m_keys = 0;
};

// A live scan paced far above what the tests need and never backing off, so that the figures
// and the key walk are what is checked.
static LiveAnalysis::Settings unpaced()
{
    LiveAnalysis::Settings settings;
    settings.keysPerSecond = 100000;
    settings.latencyLimitMs = 1000;
    settings.latencyFactor = 1000;
    return settings;
}

void TstMemoryAnalysis::fill(RedisTestClient &c)
{
    std::mt19937 rng(26);
    auto word = [&](size_t n) {
        std::string s;
        for (size_t i = 0; i < n; ++i)
            s += char('a' + rng() % 26);
        return s;
    };
    int pending = 0;
    auto send = [&](std::vector<std::string> args) {
        c.append(args);
        if (++pending == 500) {
            while (pending) {
                c.readReply();
                --pending;
            }
        }
    };
    // Strings: integers, short (embstr), long (raw), some long ones compressible.
    for (int i = 0; i < 3000; ++i)
        send({"SET", "counter:" + std::to_string(i), std::to_string(i * 7919)});
    for (int i = 0; i < 3000; ++i)
        send({"SET", "session:" + std::to_string(i), word(10 + rng() % 30), "EX",
              std::to_string(600 + i)});
    for (int i = 0; i < 20; ++i)
        send({"SET", "session:orphan:" + std::to_string(i), word(20)});
    for (int i = 0; i < 800; ++i)
        send({"SET", "page:" + std::to_string(i), word(45 + rng() % 900)});
    for (int i = 0; i < 100; ++i) {
        std::string html;
        while (html.size() < 4000)
            html += "<div class=\"row\">item " + std::to_string(i) + "</div>";
        send({"SET", "html:" + std::to_string(i), html});
    }
    // Lists: small and multi-node.
    for (int i = 0; i < 300; ++i) {
        std::vector<std::string> args{"RPUSH", "queue:" + std::to_string(i)};
        const int n = 1 + int(rng() % 20);
        for (int j = 0; j < n; ++j)
            args.push_back(j % 3 ? word(8) : std::to_string(rng() % 100000));
        send(args);
    }
    for (int i = 0; i < 5; ++i)
        for (int b = 0; b < 30; ++b) {
            std::vector<std::string> args{"RPUSH", "log:" + std::to_string(i)};
            for (int j = 0; j < 200; ++j)
                args.push_back("event " + word(20));
            send(args);
        }
    // Sets: intsets, string hashtables, integer sets just over the intset limit.
    for (int i = 0; i < 300; ++i) {
        std::vector<std::string> args{"SADD", "tags:" + std::to_string(i)};
        for (int j = 0; j < 30; ++j)
            args.push_back(std::to_string(rng() % 1000000));
        send(args);
    }
    for (int i = 0; i < 100; ++i) {
        std::vector<std::string> args{"SADD", "names:" + std::to_string(i)};
        for (int j = 0; j < 50; ++j)
            args.push_back(word(5 + rng() % 30));
        send(args);
    }
    for (int i = 0; i < 20; ++i) {
        std::vector<std::string> args{"SADD", "ids:" + std::to_string(i)};
        for (int j = 0; j < 600; ++j)
            args.push_back(std::to_string(j * 13 + i));
        send(args);
    }
    // Hashes: listpacks, hashtables just over 512 fields, big ones.
    for (int i = 0; i < 1000; ++i) {
        std::vector<std::string> args{"HSET", "user:" + std::to_string(i)};
        for (int j = 0; j < 8; ++j) {
            args.push_back("field" + std::to_string(j));
            args.push_back(j % 2 ? word(12) : std::to_string(rng() % 5000));
        }
        send(args);
    }
    for (int i = 0; i < 50; ++i) {
        std::vector<std::string> args{"HSET", "profile:" + std::to_string(i)};
        for (int j = 0; j < 600; ++j) {
            args.push_back("attr" + std::to_string(j));
            args.push_back(word(6 + rng() % 20));
        }
        send(args);
    }
    for (int i = 0; i < 5; ++i)
        for (int b = 0; b < 20; ++b) {
            std::vector<std::string> args{"HSET", "catalog:" + std::to_string(i)};
            for (int j = 0; j < 100; ++j) {
                args.push_back("sku" + std::to_string(b * 100 + j));
                args.push_back(word(40 + rng() % 80));
            }
            send(args);
        }
    // Sorted sets: listpacks, skiplists.
    for (int i = 0; i < 300; ++i) {
        std::vector<std::string> args{"ZADD", "rank:" + std::to_string(i)};
        for (int j = 0; j < 40; ++j) {
            args.push_back(j % 2 ? std::to_string(rng() % 1000)
                                 : std::to_string((rng() % 100000) / 7.0));
            args.push_back(word(4 + rng() % 12));
        }
        send(args);
    }
    for (int i = 0; i < 20; ++i) {
        std::vector<std::string> args{"ZADD", "leaderboard:" + std::to_string(i)};
        for (int j = 0; j < 3000; ++j) {
            args.push_back(std::to_string(rng() % 1000000));
            args.push_back("player:" + std::to_string(j));
        }
        send(args);
    }
    // Streams.
    for (int i = 0; i < 10; ++i)
        for (int j = 0; j < 500; ++j)
            send({"XADD", "events:" + std::to_string(i), "*", "type", "click", "page",
                  "/p/" + std::to_string(rng() % 500), "user", std::to_string(rng() % 10000)});
    while (pending) {
        c.readReply();
        --pending;
    }
    // Database 1.
    c.run({"SELECT", "1"});
    for (int i = 0; i < 500; ++i)
        c.append({"SET", "cache:" + std::to_string(i), word(100)});
    for (int i = 0; i < 500; ++i)
        c.readReply();
    c.run({"SELECT", "0"});
}

void TstMemoryAnalysis::initTestCase()
{
    m_server = TestServer::startRedis();
    QVERIFY2(m_server && m_server->ok(), m_server ? m_server->error().c_str() : "no server");
    RedisTestClient client("127.0.0.1", m_server->port());
    QVERIFY(client.connected());
    fill(client);

    // The truth: MEMORY USAGE key SAMPLES 0 over every key, per type.
    for (int db : {0, 1}) {
        client.run({"SELECT", std::to_string(db)});
        std::string cursor = "0";
        do {
            auto reply = client.command({"SCAN", cursor, "COUNT", "1000"});
            QVERIFY(reply && reply->type == REDIS_REPLY_ARRAY && reply->elements == 2);
            cursor = reply->element[0]->str;
            const redisReply *keys = reply->element[1];
            for (size_t i = 0; i < keys->elements; ++i) {
                client.append({"TYPE", keys->element[i]->str});
                client.append({"MEMORY", "USAGE", keys->element[i]->str, "SAMPLES", "0"});
            }
            for (size_t i = 0; i < keys->elements; ++i) {
                const std::string type = client.readReply().substr(1);  // "+hash"
                const std::string usage = client.readReply().substr(1); // ":1234"
                m_truthByType[type] += std::stoull(usage);
                if (db == 0) {
                    m_truthDb0ByType[type] += std::stoull(usage);
                    ++m_keysDb0;
                }
                m_truthTotal += std::stoull(usage);
                ++m_keys;
            }
        } while (cursor != "0");
    }
    QCOMPARE(client.run({"SAVE"}), std::string("+OK"));
    m_rdb = QString::fromStdString(m_server->directory() + "/dump.rdb");
    QVERIFY(QFile::exists(m_rdb));
}

void TstMemoryAnalysis::modelledBytesMatchMemoryUsage()
{
    AnalysisReport report;
    QString error;
    QVERIFY2(OfflineAnalysis::analyse(m_rdb, {}, &report, &error), qPrintable(error));
    QCOMPARE(report.totals.keys, m_keys);
    QVERIFY(report.bytesModelled);
    QVERIFY(!report.partial);
    QCOMPARE(report.serverVersion, QStringLiteral("7.0.15"));
    QCOMPARE(report.byType.size(), qsizetype(m_truthByType.size()));
    for (const AnalysisGroup &g : report.byType) {
        const std::string type = g.name.toStdString();
        QVERIFY2(m_truthByType.count(type), type.c_str());
        const double truth = double(m_truthByType[type]);
        const double ratio = double(g.totals.bytes) / truth;
        qInfo("%-7s modelled %12llu  MEMORY USAGE %12.0f  ratio %.4f", type.c_str(),
              static_cast<unsigned long long>(g.totals.bytes), truth, ratio);
        QVERIFY2(ratio > 0.90 && ratio < 1.10,
                 qPrintable(QStringLiteral("%1: ratio %2").arg(g.name).arg(ratio)));
    }
    const double total = double(report.totals.bytes) / double(m_truthTotal);
    qInfo("total   modelled %12llu  MEMORY USAGE %12llu  ratio %.4f",
          static_cast<unsigned long long>(report.totals.bytes),
          static_cast<unsigned long long>(m_truthTotal), total);
    QVERIFY2(total > 0.95 && total < 1.05, qPrintable(QString::number(total)));
}

void TstMemoryAnalysis::findingsNameTheData()
{
    AnalysisReport report;
    QString error;
    QVERIFY(OfflineAnalysis::analyse(m_rdb, {}, &report, &error));
    for (const AnalysisFinding &f : report.findings)
        qInfo("finding: %s [%s] %s", qPrintable(f.title), qPrintable(f.configChange),
              qPrintable(f.examples.join(QStringLiteral(", "))));
    auto find = [&](FindingKind kind, const QString &needle) -> const AnalysisFinding * {
        for (const AnalysisFinding &f : report.findings)
            if (f.kind == kind && (f.title + f.configChange).contains(needle)) return &f;
        return nullptr;
    };
    const AnalysisFinding *hashes = find(FindingKind::EncodingLimit, "hash-max-listpack-entries");
    QVERIFY(hashes);
    QVERIFY(hashes->title.startsWith(QStringLiteral("50 hash")));
    QVERIFY(hashes->configChange.contains(QStringLiteral("hash-max-listpack-entries 640")));
    QVERIFY(hashes->savingBytes > 0);
    QVERIFY(hashes->examples.first().startsWith(QStringLiteral("profile:")));
    const AnalysisFinding *sets = find(FindingKind::EncodingLimit, "set-max-intset-entries 640");
    QVERIFY(sets);
    QVERIFY(sets->title.startsWith(QStringLiteral("20 set")));
    const AnalysisFinding *ttl = find(FindingKind::MissingTtl, "\"session\"");
    QVERIFY(ttl);
    QVERIFY(ttl->title.startsWith(QStringLiteral("20 key")));
    QVERIFY(ttl->examples.first().startsWith(QStringLiteral("session:orphan:")));
    QVERIFY(find(FindingKind::CompressibleStrings, "compress"));
    // The namespace tree: "session" holds 3020 keys, "session:orphan" 20.
    const int session = report.findNamespace(QStringLiteral("session"));
    QVERIFY(session > 0);
    QCOMPARE(report.namespaces[session].keys, quint64(3020));
    QCOMPARE(report.namespaces[report.findNamespace("session:orphan")].keys, quint64(20));
    QCOMPARE(report.ttlKeys[0] + report.ttlKeys[1] + report.ttlKeys[2] + report.ttlKeys[3] +
                 report.ttlKeys[4],
             m_keys);
    QCOMPARE(report.totals.withExpiry, quint64(3000));
    QCOMPARE(report.topByElements.first().typeName, QStringLiteral("list"));
    QCOMPARE(report.byDb.size(), 2);
}

void TstMemoryAnalysis::reportRoundTripsThroughJson()
{
    AnalysisReport report;
    QString error;
    QVERIFY(OfflineAnalysis::analyse(m_rdb, {}, &report, &error));
    const auto back = AnalysisReport::fromJson(report.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->toJson(), report.toJson());
    QCOMPARE(back->namespaces[back->findNamespace("session:orphan")].keys, quint64(20));
    QVERIFY(report.toCsv().contains("\nsession,3020,"));
}

void TstMemoryAnalysis::stopGivesPartialReport()
{
    OfflineAnalysis analysis;
    QSignalSpy finished(&analysis, &OfflineAnalysis::finished);
    analysis.pause();
    analysis.start(m_rdb, {});
    QTest::qWait(100);
    QVERIFY(analysis.isPaused());
    analysis.stop();
    QVERIFY(finished.wait(10000));
    const auto report = finished.first().first().value<AnalysisReport>();
    QVERIFY(report.partial);
    QVERIFY(report.partialReason.startsWith(QStringLiteral("Stopped after")));
    QVERIFY(report.totals.keys < m_keys);
    QVERIFY(!analysis.isRunning());

    QSignalSpy whole(&analysis, &OfflineAnalysis::finished);
    analysis.start(m_rdb, {});
    QVERIFY(whole.wait(20000));
    QCOMPARE(whole.first().first().value<AnalysisReport>().totals.keys, m_keys);
}

void TstMemoryAnalysis::damagedFileFails()
{
    QTemporaryFile file;
    QVERIFY(file.open());
    file.write("REDIS0010\xfa\x09redis-ver");
    file.close();
    AnalysisReport report;
    QString error;
    QVERIFY(!OfflineAnalysis::analyse(file.fileName(), {}, &report, &error));
    QVERIFY(!error.isEmpty());
}

std::unique_ptr<RedisConnection> TstMemoryAnalysis::connect()
{
    ConnectionSettings settings;
    settings.port = m_server->port();
    auto connection = std::make_unique<RedisConnection>(settings);
    connection->connectToServer();
    if (!QTest::qWaitFor([&] { return connection->state() == RedisConnection::State::Ready; },
                         5000))
        return nullptr;
    return connection;
}

void TstMemoryAnalysis::liveScanMeasuresEveryKey()
{
    auto connection = connect();
    QVERIFY(connection);
    LiveAnalysis live(connection.get());
    QSignalSpy finished(&live, &LiveAnalysis::finished);
    LiveAnalysis::Settings settings = unpaced();
    settings.batchSize = 100;
    settings.exactLimit = 0; // SAMPLES 0 unbounded, as the truth was taken (the catalog is big)
    live.start(settings, {}, QStringLiteral("test"));
    QVERIFY(finished.wait(60000));
    const auto report = finished.first().first().value<AnalysisReport>();
    QVERIFY(!report.partial);
    QVERIFY(!report.bytesModelled);
    QCOMPARE(report.source, AnalysisSource::Live);
    // Every database with keys (INFO keyspace), on a connection of its own: the browser's
    // connection stays on db 0.
    QCOMPARE(report.totals.keys, m_keys);
    QCOMPARE(connection->currentDb(), 0);
    QCOMPARE(report.byDb.size(), qsizetype(2));
    QCOMPARE(report.byDb[0].name, QStringLiteral("db0"));
    QCOMPARE(report.byDb[0].totals.keys, m_keysDb0);
    QCOMPARE(report.byDb[1].name, QStringLiteral("db1"));
    QCOMPARE(report.byDb[1].totals.keys, m_keys - m_keysDb0);
    // MEMORY USAGE SAMPLES 0, as the truth was taken: the same numbers exactly.
    for (const AnalysisGroup &g : report.byType)
        QCOMPARE(g.totals.bytes, m_truthByType[g.name.toStdString()]);
    QCOMPARE(report.totals.bytes, m_truthTotal);
    QCOMPARE(report.estimatedKeys, quint64(0));
    QCOMPARE(report.totals.withExpiry, quint64(3000));
    QCOMPARE(report.namespaces[report.findNamespace("session")].keys, quint64(3020));
    QCOMPARE(report.topByElements.first().typeName, QStringLiteral("list"));
    QVERIFY(report.idleRecorded == report.totals.keys); // the default policy records idle time
    QVERIFY(live.idleRoundTripMs() > 0);                // the baseline ran before the scan

    // The listpack/intset findings, as the offline walk gives them from the same data.
    AnalysisReport offline;
    QString error;
    QVERIFY(OfflineAnalysis::analyse(m_rdb, {}, &offline, &error));
    auto find = [](const AnalysisReport &r, const QString &needle) -> const AnalysisFinding * {
        for (const AnalysisFinding &f : r.findings)
            if (f.kind == FindingKind::EncodingLimit && f.configChange.contains(needle)) return &f;
        return nullptr;
    };
    for (const QString &limit : {QStringLiteral("hash-max-listpack-entries 640"),
                                 QStringLiteral("set-max-intset-entries 640")}) {
        const AnalysisFinding *liveFinding = find(report, limit);
        const AnalysisFinding *offlineFinding = find(offline, limit);
        QVERIFY2(liveFinding && offlineFinding, qPrintable(limit));
        qInfo("live: %s", qPrintable(liveFinding->title));
        QCOMPARE(liveFinding->title.section(QLatin1Char(' '), 0, 1),
                 offlineFinding->title.section(QLatin1Char(' '), 0, 1)); // "50 hash(s)"
        QCOMPARE(liveFinding->configChange, offlineFinding->configChange);
        QVERIFY(liveFinding->savingBytes > 0);
        QCOMPARE(QSet<QString>(liveFinding->examples.cbegin(), liveFinding->examples.cend()).size(),
                 liveFinding->examples.size());
    }
}

// The limits are the server's own: with hash-max-listpack-entries at 400, 450-field hashes
// are just over it (at Redis's default of 512 they would be packed), and the change the
// finding proposes is measured from 400.
void TstMemoryAnalysis::liveFindingsUseTheServersLimits()
{
    auto server = TestServer::startRedis({"--hash-max-listpack-entries", "400"});
    QVERIFY(server && server->ok());
    RedisTestClient c("127.0.0.1", server->port());
    for (int i = 0; i < 30; ++i) {
        std::vector<std::string> args{"HSET", "wide:" + std::to_string(i)};
        for (int j = 0; j < 450; ++j) {
            args.push_back("f" + std::to_string(j));
            args.push_back(std::to_string(j));
        }
        c.run(args);
    }
    c.run({"SELECT", "3"});
    c.run({"SADD", "small", "1", "2"});
    ConnectionSettings settings;
    settings.port = server->port();
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 5000);
    LiveAnalysis live(&connection);
    QSignalSpy finished(&live, &LiveAnalysis::finished);
    live.start(unpaced(), {}, QStringLiteral("limits"));
    QVERIFY(finished.wait(30000));
    QCOMPARE(live.limits().hashMaxListpackEntries, quint64(400));
    const auto report = finished.first().first().value<AnalysisReport>();
    QCOMPARE(report.totals.keys, quint64(31));
    QCOMPARE(report.byDb.size(), qsizetype(2));
    QCOMPARE(report.byDb[1].name, QStringLiteral("db3"));
    const AnalysisFinding *hashes = nullptr;
    for (const AnalysisFinding &f : report.findings)
        if (f.kind == FindingKind::EncodingLimit) hashes = &f;
    QVERIFY(hashes);
    QVERIFY2(hashes->title.startsWith(QStringLiteral("30 hash")), qPrintable(hashes->title));
    QCOMPARE(hashes->configChange, QStringLiteral("CONFIG SET hash-max-listpack-entries 512"));
}

void TstMemoryAnalysis::liveScanPausesResumesAndStops()
{
    auto connection = connect();
    QVERIFY(connection);
    LiveAnalysis live(connection.get());
    QSignalSpy progress(&live, &LiveAnalysis::progress);
    QSignalSpy finished(&live, &LiveAnalysis::finished);
    LiveAnalysis::Settings settings;
    settings.keysPerSecond = 2000;
    settings.batchSize = 100;
    settings.latencyLimitMs = 1000;
    live.start(settings, {}, QStringLiteral("test"));
    QVERIFY(progress.wait(5000));
    live.pause();
    QTest::qWait(300); // a batch in flight may still land
    const quint64 paused = progress.last().at(0).toULongLong();
    QTest::qWait(500);
    QCOMPARE(progress.last().at(0).toULongLong(), paused);
    QVERIFY(live.snapshot().partial);
    live.resume();
    QVERIFY(QTest::qWaitFor([&] { return progress.last().at(0).toULongLong() > paused; }, 5000));
    live.stop();
    QCOMPARE(finished.size(), 1);
    const auto report = finished.first().first().value<AnalysisReport>();
    QVERIFY(report.partial);
    QVERIFY(report.partialReason.startsWith(QStringLiteral("Stopped by the user after")));
    QVERIFY(report.totals.keys > paused);
    QVERIFY(report.totals.keys < m_keysDb0);
    QVERIFY(!live.isRunning());
    // Paced: about 2000 keys a second, not as fast as the server answers.
    QVERIFY(report.totals.keys < 2000 * (report.seconds + 1));
}

void TstMemoryAnalysis::liveScanBacksOffWhenSlow()
{
    // A limit no round trip can meet: every SCAN counts as slow and the rate halves each
    // batch, down to the floor.
    auto connection = connect();
    QVERIFY(connection);
    LiveAnalysis live(connection.get());
    QSignalSpy progress(&live, &LiveAnalysis::progress);
    LiveAnalysis::Settings settings;
    settings.keysPerSecond = 20000;
    settings.batchSize = 10;
    settings.latencyLimitMs = -1;
    live.start(settings, {}, QStringLiteral("test"));
    // 45 batches (five per halving), each up to five round trips (SCAN, three bursts of at
    // most 4 keys, the lengths): on a loaded machine a round trip can take 20 ms.
    QVERIFY(QTest::qWaitFor([&] { return live.currentRate() == 50; }, 20000));
    QVERIFY(progress.size() >= 8); // 20000 halved eight times reaches the floor
    QTest::qWait(500);
    QCOMPARE(live.currentRate(), 50); // and stays there while round trips stay slow
    live.stop();
}

void TstMemoryAnalysis::liveScanWalksEveryClusterMaster()
{
    auto cluster = redscope::test::ClusterFixture::start(3, 0);
    QVERIFY2(cluster && cluster->ok(), cluster ? cluster->error().c_str() : "no cluster");
    // Each key written on its slot's master; the truth is MEMORY USAGE there.
    std::map<int, std::unique_ptr<RedisTestClient>> clients;
    quint64 truth = 0;
    std::set<int> mastersUsed;
    for (int i = 0; i < 600; ++i) {
        const std::string key = "item:" + std::to_string(i);
        const int slot = clusterKeySlot(QByteArray::fromStdString(key));
        const int port = std::stoi(cluster->masterPortOfSlot(slot, cluster->port(0)));
        auto &c = clients[port];
        if (!c) c = std::make_unique<RedisTestClient>("127.0.0.1", port);
        c->run({"HSET", key, "a", std::to_string(i), "b", "x"});
        truth += std::stoull(c->run({"MEMORY", "USAGE", key, "SAMPLES", "0"}).substr(1));
        mastersUsed.insert(port);
    }
    QCOMPARE(int(mastersUsed.size()), 3);
    ConnectionSettings settings;
    settings.port = cluster->port(0);
    settings.mode = ConnectionSettings::Mode::Cluster;
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(connection.cluster()->masterAddresses().size(), 3);
    LiveAnalysis live(&connection);
    QSignalSpy finished(&live, &LiveAnalysis::finished);
    LiveAnalysis::Settings fast;
    fast.keysPerSecond = 100000;
    fast.latencyLimitMs = 1000;
    live.start(fast, {}, QStringLiteral("cluster"));
    QVERIFY(finished.wait(30000));
    const auto report = finished.first().first().value<AnalysisReport>();
    QVERIFY2(!report.partial, qPrintable(report.partialReason));
    QCOMPARE(report.totals.keys, quint64(600));
    QCOMPARE(report.byDb.size(), qsizetype(1));
    QCOMPARE(report.totals.bytes, truth);
    QCOMPARE(report.namespaces[report.findNamespace("item")].keys, quint64(600));
}

// The next SCAN rides with a group of per-key commands: a walk of N keys is about N / 4
// writes (a group of 4 keys each), where SCAN, the bursts and the lengths one after the other
// took 7 writes per 20 keys (0.35 per key). The server counts the reads it processed.
static quint64 infoField(RedisTestClient &c, const std::string &section, const std::string &name)
{
    const std::string info = c.run({"INFO", section});
    const size_t at = info.find(name + ":");
    if (at == std::string::npos) return 0;
    return std::stoull(info.substr(at + name.size() + 1));
}

void TstMemoryAnalysis::liveScanSendsTheNextScanWithAGroup()
{
    auto server = TestServer::startRedis({});
    QVERIFY(server && server->ok());
    RedisTestClient c("127.0.0.1", server->port());
    constexpr int kKeys = 4000;
    for (int i = 0; i < kKeys; ++i)
        c.append({"SET", "k:" + std::to_string(i), "v"});
    for (int i = 0; i < kKeys; ++i)
        c.readReply();
    ConnectionSettings settings;
    settings.port = server->port();
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 5000);
    c.run({"CONFIG", "RESETSTAT"});
    const quint64 readsBefore = infoField(c, "stats", "total_reads_processed");
    LiveAnalysis live(&connection);
    QSignalSpy finished(&live, &LiveAnalysis::finished);
    QSignalSpy progress(&live, &LiveAnalysis::progress);
    LiveAnalysis::Settings fast = unpaced(); // the default groups and SCAN COUNT
    fast.keysPerSecond = 1000000;
    fast.baselinePings = 0;
    live.start(fast, {}, QStringLiteral("reads"));
    QVERIFY(finished.wait(60000));
    const auto report = finished.first().first().value<AnalysisReport>();
    QCOMPARE(report.totals.keys, quint64(kKeys));
    // A thousand batches, but progress() at most ten times a second (the view redraws on it).
    QVERIFY2(progress.size() <= int(report.seconds * 10) + 2,
             qPrintable(QStringLiteral("%1 in %2 s").arg(progress.size()).arg(report.seconds)));
    const quint64 reads = infoField(c, "stats", "total_reads_processed") - readsBefore;
    const std::string scans = c.run({"INFO", "commandstats"});
    qInfo("%llu reads for %d keys", static_cast<unsigned long long>(reads), kKeys);
    // The analysis' own connection, CONFIG GET, INFO keyspace, SELECT and this INFO: a few.
    QVERIFY2(reads <= kKeys * 3 / 10 + 20, qPrintable(QString::number(reads)));
    QVERIFY(reads >= quint64(kKeys / fast.burstKeys)); // one group of 4 keys per write, no more
    QVERIFY(scans.find("cmdstat_scan:") != std::string::npos);
}

// MEMORY USAGE SAMPLES 0 walks every element: on a collection of millions it holds the
// server for milliseconds. Asked for exact sizes, the scan sends SAMPLES exactLimit, exact
// for collections up to that many elements; bigger ones are estimates, and the report says
// which and how much.
void TstMemoryAnalysis::liveScanBoundsExactSizesOfBigCollections()
{
    auto server = TestServer::startRedis({});
    QVERIFY(server && server->ok());
    RedisTestClient c("127.0.0.1", server->port());
    std::mt19937 rng(2626);
    auto word = [&] {
        std::string s(5 + rng() % 60, 'x');
        for (char &ch : s)
            ch = char('a' + rng() % 26);
        return s;
    };
    for (int chunk = 0; chunk < 40; ++chunk) { // a 40,000-member set of varied lengths
        std::vector<std::string> args{"SADD", "big:set"};
        for (int i = 0; i < 1000; ++i)
            args.push_back(word() + std::to_string(chunk * 1000 + i));
        c.run(args);
    }
    std::vector<std::string> hash{"HSET", "big:hash"}, zset{"ZADD", "big:zset"};
    for (int i = 0; i < 3000; ++i) {
        hash.push_back("f" + std::to_string(i));
        hash.push_back(word());
        zset.push_back(std::to_string(i));
        zset.push_back(word() + std::to_string(i));
    }
    c.run(hash);
    c.run(zset);
    std::vector<std::string> edge{"SADD", "edge:set"}; // exactly at the limit: exact
    for (int i = 0; i < 1000; ++i)
        edge.push_back(word() + std::to_string(i));
    c.run(edge);
    c.run({"HSET", "small:hash", "a", "1", "b", "2"});
    for (int i = 0; i < 50; ++i)
        c.run({"SET", "s:" + std::to_string(i), word()});
    auto usage = [&](const std::string &key, const char *samples) {
        return std::stoull(c.run({"MEMORY", "USAGE", key, "SAMPLES", samples}).substr(1));
    };
    const std::vector<std::string> bigKeys{"big:set", "big:hash", "big:zset"};
    quint64 exactTotal = 0, sampledBig = 0, exactBig = 0;
    std::map<std::string, quint64> sampled;
    for (const std::string &key : bigKeys) {
        sampled[key] = usage(key, "1000");
        sampledBig += sampled[key];
        exactBig += usage(key, "0");
    }
    for (const std::string &key : {std::string("edge:set"), std::string("small:hash")})
        exactTotal += usage(key, "0");
    for (int i = 0; i < 50; ++i)
        exactTotal += usage("s:" + std::to_string(i), "0");
    // Sampling gives another figure than the exact walk here, so the test tells them apart.
    QVERIFY(sampled["big:set"] != usage("big:set", "0"));

    ConnectionSettings settings;
    settings.port = server->port();
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 5000);
    auto scan = [&](int memorySamples, int exactLimit) {
        LiveAnalysis live(&connection);
        QSignalSpy finished(&live, &LiveAnalysis::finished);
        LiveAnalysis::Settings fast = unpaced();
        fast.memorySamples = memorySamples;
        fast.exactLimit = exactLimit;
        live.start(fast, {}, QStringLiteral("samples"));
        if (!finished.wait(30000)) return AnalysisReport{};
        return finished.first().first().value<AnalysisReport>();
    };

    // Exact asked (SAMPLES 0), bounded at 1,000 elements: the three big collections are
    // estimates, by the server's own SAMPLES 1000; everything else is exact.
    AnalysisReport report = scan(0, 1000);
    QCOMPARE(report.totals.keys, quint64(55));
    QCOMPARE(report.memorySamples, 1000);
    QCOMPARE(report.estimatedKeys, quint64(3));
    QCOMPARE(report.estimatedBytes, sampledBig);
    QCOMPARE(report.totals.bytes, exactTotal + sampledBig);
    int marked = 0;
    for (const AnalysisKey &k : report.topByBytes) {
        const std::string name = k.key.toStdString();
        const bool big = sampled.count(name) > 0;
        QCOMPARE(k.estimated, big);
        if (big) {
            QCOMPARE(k.bytes, sampled[name]);
            ++marked;
        }
    }
    QCOMPARE(marked, 3);
    QString error;
    const auto back = AnalysisReport::fromJson(report.toJson(), &error);
    QVERIFY2(back, qPrintable(error));
    QCOMPARE(back->estimatedKeys, quint64(3));
    QCOMPARE(back->estimatedBytes, sampledBig);
    QVERIFY(back->topByBytes.first().estimated);
    QVERIFY(report.toCsv().contains(",bytes_estimated\n"));

    // No bound: every size exact, none marked.
    report = scan(0, 0);
    QCOMPARE(report.memorySamples, 0);
    QCOMPARE(report.estimatedKeys, quint64(0));
    QCOMPARE(report.totals.bytes, exactTotal + exactBig);

    // The user's own SAMPLES 5: every hashtable/skiplist collection of more than 5 elements is
    // an estimate (the 1,000-member set too); the 2-field listpack hash and strings are not.
    report = scan(5, 1000);
    QCOMPARE(report.memorySamples, 5);
    QCOMPARE(report.estimatedKeys, quint64(4));
}

static QString pull(int port, const QString &password, QString *error)
{
    ConnectionSettings settings;
    settings.port = port;
    settings.password = password;
    SnapshotPuller puller(settings);
    QSignalSpy finished(&puller, &SnapshotPuller::finished);
    QSignalSpy failed(&puller, &SnapshotPuller::failed);
    static QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("snapshot-%1.rdb").arg(port));
    puller.start(path);
    if (!QTest::qWaitFor([&] { return !finished.isEmpty() || !failed.isEmpty(); }, 30000)) {
        *error = QStringLiteral("timed out");
        return {};
    }
    if (!failed.isEmpty()) {
        *error = failed.first().first().toString();
        return {};
    }
    return finished.first().first().toString();
}

void TstMemoryAnalysis::snapshotFromRedisServer()
{
    QString error;
    const QString path = pull(m_server->port(), {}, &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    AnalysisReport report;
    QVERIFY2(OfflineAnalysis::analyse(path, {}, &report, &error), qPrintable(error));
    QCOMPARE(report.totals.keys, m_keys);
    QVERIFY(!report.partial);
}

void TstMemoryAnalysis::snapshotFromRedscopeServer()
{
    auto server = TestServer::startRedscope();
    QVERIFY(server && server->ok());
    RedisTestClient c("127.0.0.1", server->port());
    for (int i = 0; i < 1000; ++i)
        c.append({"SET", "k:" + std::to_string(i), "v"});
    c.append({"HSET", "h", "a", "1", "b", "2"});
    c.append({"RPUSH", "l", "x", "y"});
    for (int i = 0; i < 1002; ++i)
        c.readReply();
    QString error;
    const QString path = pull(server->port(), {}, &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    AnalysisReport report;
    QVERIFY2(OfflineAnalysis::analyse(path, {}, &report, &error), qPrintable(error));
    QCOMPARE(report.totals.keys, quint64(1002));
    QCOMPARE(report.namespaces[report.findNamespace("k")].keys, quint64(1000));
    // The engine took REPLCONF rdb-only 1: it sent the snapshot alone and closed the link.
    std::ifstream log(server->directory() + "/server.log");
    const std::string text((std::istreambuf_iterator<char>(log)), std::istreambuf_iterator<char>());
    QVERIFY2(text.find("rdb only replica") != std::string::npos, text.c_str());
    QTRY_VERIFY(c.run({"INFO", "replication"}).find("connected_slaves:0") != std::string::npos);
}

void TstMemoryAnalysis::snapshotWithPassword()
{
    auto server = TestServer::startRedis({"--requirepass", "s3cret"});
    QVERIFY(server && server->ok());
    QString error;
    QVERIFY(pull(server->port(), QStringLiteral("wrong"), &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("WRONGPASS")) ||
                 error.contains(QStringLiteral("invalid")),
             qPrintable(error));
    const QString path = pull(server->port(), QStringLiteral("s3cret"), &error);
    QVERIFY2(!path.isEmpty(), qPrintable(error));
    AnalysisReport report;
    QVERIFY2(OfflineAnalysis::analyse(path, {}, &report, &error), qPrintable(error));
    QCOMPARE(report.totals.keys, quint64(0));
}

QTEST_GUILESS_MAIN(TstMemoryAnalysis)
#include "tst_memory_analysis.moc"
