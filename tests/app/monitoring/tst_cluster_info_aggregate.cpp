// aggregateClusterInfo and metricRowFor on captured-style INFO text, without servers: sums over
// nodes, keys over masters only, combined hit ratio from the summed counters, statuses.
#include "monitoring/cluster_info_poller.h"

#include <QTest>

using namespace redscope;

static InfoSnapshot node(qint64 memory, qint64 clients, double ops, qint64 in, qint64 hits,
                         qint64 misses, qint64 keys, qint64 uptime, const char *status = "ok")
{
    QByteArray text =
        "# Server\r\nredis_version:7.0.15\r\nuptime_in_seconds:" + QByteArray::number(uptime) +
        "\r\n# Clients\r\nconnected_clients:" + QByteArray::number(clients) +
        "\r\n# Memory\r\nused_memory:" + QByteArray::number(memory) +
        "\r\nused_memory_rss:" + QByteArray::number(memory * 2) +
        "\r\nmaxmemory:0\r\n# Persistence\r\n" + "rdb_last_bgsave_status:" + status +
        "\r\nrdb_last_save_time:" + QByteArray::number(1000 + uptime) + "\r\n# Stats\r\n" +
        "instantaneous_ops_per_sec:" + QByteArray::number(ops) +
        "\r\ntotal_net_input_bytes:" + QByteArray::number(in) +
        "\r\ntotal_net_output_bytes:" + QByteArray::number(in * 3) +
        "\r\nkeyspace_hits:" + QByteArray::number(hits) +
        "\r\nkeyspace_misses:" + QByteArray::number(misses) + "\r\n# Keyspace\r\n";
    if (keys > 0) text += "db0:keys=" + QByteArray::number(keys) + ",expires=1,avg_ttl=5\r\n";
    return InfoSnapshot::parse(text, 1);
}

class TstClusterInfoAggregate : public QObject
{
    Q_OBJECT

private slots:
    void sumsOverNodes()
    {
        const QList<ClusterNodeInfo> nodes{
            {QStringLiteral("a:1"), true, node(1000, 3, 10, 100, 8, 2, 40, 50)},
            {QStringLiteral("b:1"), true, node(2000, 4, 5.5, 200, 0, 0, 60, 30)},
            {QStringLiteral("a:2"), false, node(500, 1, 1, 10, 0, 0, 40, 90)}};
        const InfoSnapshot sum = aggregateClusterInfo(nodes, 42);
        QCOMPARE(sum.takenAtMs(), 42);
        QCOMPARE(sum.usedMemory(), 3500);
        QCOMPARE(sum.usedMemoryRss(), 7000);
        QCOMPARE(sum.connectedClients(), 8);
        QCOMPARE(sum.totalNetInputBytes(), 310);
        QCOMPARE(sum.totalNetOutputBytes(), 930);
        QCOMPARE(sum.totalKeys(), 100); // the replica's 40 copies are not counted twice
        QCOMPARE(sum.keysPerDb().value(0).expires, 2);
        QCOMPARE(sum.uptimeSeconds(), 30);
        QCOMPARE(sum.rdbLastSaveTime(), 1030);
        QCOMPARE(sum.role(), QStringLiteral("cluster"));
        QCOMPARE(sum.value(QStringLiteral("cluster_masters")), QStringLiteral("2"));
        QCOMPARE(sum.value(QStringLiteral("cluster_nodes")), QStringLiteral("3"));
        QCOMPARE(sum.rdbLastBgsaveStatus(), QStringLiteral("ok"));
        QCOMPARE(sum.redisVersion(), QStringLiteral("7.0.15"));
        // ops are rounded per sum: 16.5 -> 17 (INFO reports whole ops/s per node anyway)
        QCOMPARE(sum.opsPerSec(), 17.0);
    }

    void combinedHitRatioAndStatus()
    {
        const InfoSnapshot before =
            aggregateClusterInfo({{QStringLiteral("a:1"), true, node(1, 1, 0, 0, 10, 10, 1, 5)},
                                  {QStringLiteral("b:1"), true, node(1, 1, 0, 0, 0, 0, 1, 5)}},
                                 1000);
        // Over the interval: node a 30 hits 0 misses, node b 0 hits 10 misses -> 75 %.
        const InfoSnapshot after = aggregateClusterInfo(
            {{QStringLiteral("a:1"), true, node(1, 1, 0, 0, 40, 10, 1, 6)},
             {QStringLiteral("b:1"), true, node(1, 1, 0, 0, 0, 10, 1, 6, "err")}},
            2000);
        const InfoRates rates = InfoRates::between(before, after);
        QVERIFY(rates.hitRatio.has_value());
        QCOMPARE(*rates.hitRatio, 0.75);
        QCOMPARE(after.rdbLastBgsaveStatus(), QStringLiteral("err"));
        const QHash<QString, double> row = metricRowFor(after, rates);
        QCOMPARE(row.value(QStringLiteral("hit_ratio_percent")), 75.0);
        QCOMPARE(row.value(QStringLiteral("keys_db0")), 2.0);
    }

    void emptyNodesAreSkipped()
    {
        QVERIFY(aggregateClusterInfo({}, 1).isEmpty());
        const InfoSnapshot sum =
            aggregateClusterInfo({{QStringLiteral("a:1"), true, InfoSnapshot()},
                                  {QStringLiteral("b:1"), true, node(7, 1, 0, 0, 0, 0, 0, 5)}},
                                 1);
        QCOMPARE(sum.usedMemory(), 7);
        QCOMPARE(sum.value(QStringLiteral("cluster_nodes")), QStringLiteral("1"));
        QCOMPARE(sum.totalKeys(), 0);
    }
};

QTEST_GUILESS_MAIN(TstClusterInfoAggregate)
#include "tst_cluster_info_aggregate.moc"
