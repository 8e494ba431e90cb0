// The Copy and Compare dialogs with the other kinds of side, driven offscreen against real
// servers: Copy into a three-master cluster (every key must land on its slot's master, with
// its type, value and TTL), and Compare with a dump.rdb as side A (written by redis-server's
// SAVE) against a live server, listing exactly the keys only in A, only in B and different.
#include "transfer_test_support.h"

#include "cluster/cluster_slot.h"
#include "cluster_fixture.h"
#include "connection/redis_connection.h"
#include "transfer/compare_dialog.h"
#include "transfer/copy_dialog.h"
#include "transfer/copy_job.h"
#include "transfer/diff_model.h"
#include "transfer/key_selection_box.h"
#include "transfer/transfer_progress.h"

#include <QAbstractItemModelTester>
#include <QFile>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QTableView>
#include <QTemporaryDir>
#include <QtTest>

#include <map>
#include <set>

using namespace redscope;
using namespace redscope::test;

class TestTransferDialogSides : public QObject
{
    Q_OBJECT

private slots:
    void copyIntoClusterPutsEachKeyOnItsSlotsMaster()
    {
        auto cluster = ClusterFixture::start(3, 0);
        QVERIFY2(cluster && cluster->ok(), cluster ? cluster->error().c_str() : "no cluster");
        auto redis = TestServer::startRedis();
        RedisTestClient src("127.0.0.1", redis->port());
        const int keys = 300;
        for (int i = 0; i < keys; ++i) {
            const std::string n = std::to_string(i);
            switch (i % 4) {
            case 0:
                src.run({"SET", "k:" + n, "value " + n});
                break;
            case 1:
                src.run({"HSET", "k:" + n, "f", n, "g", "x"});
                break;
            case 2:
                src.run({"RPUSH", "k:" + n, "a", n});
                break;
            default:
                src.run({"ZADD", "k:" + n, "1.5", n});
            }
        }
        src.run({"PEXPIRE", "k:7", "3600000"});

        RedisConnection source(settingsFor(*redis));
        source.connectToServer();
        QTRY_COMPARE(source.state(), RedisConnection::State::Ready);
        ConnectionSettings target;
        target.name = QStringLiteral("cluster");
        target.host = QStringLiteral("127.0.0.1");
        target.port = cluster->port(0);
        target.mode = ConnectionSettings::Mode::Cluster;
        target.commandTimeoutMs = 10000;
        CopyDialog dialog(TransferEndpoint::of(&source), {}, {{QStringLiteral("cluster"), target}});
        dialog.show();
        QVERIFY(dialog.keys()->patternChoice()->isChecked());
        QCOMPARE(dialog.rateBox()->value(), kDefaultCopyRate); // a rate limit by default
        QTest::mouseClick(dialog.startButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.runner()->isRunning(), 60000);
        QVERIFY2(dialog.progress()->statusText().startsWith(
                     QStringLiteral("%1 keys done of %1").arg(keys)),
                 qPrintable(dialog.progress()->statusText()));

        std::map<int, std::unique_ptr<RedisTestClient>> nodes;
        std::set<int> mastersUsed;
        for (int i = 0; i < keys; ++i) {
            const std::string key = "k:" + std::to_string(i);
            const int slot = clusterKeySlot(QByteArray::fromStdString(key));
            const int port = std::stoi(cluster->masterPortOfSlot(slot, cluster->port(0)));
            auto &node = nodes[port];
            if (!node) node = std::make_unique<RedisTestClient>("127.0.0.1", port);
            mastersUsed.insert(port);
            QCOMPARE(node->run({"TYPE", key}), src.run({"TYPE", key}));
            QCOMPARE(node->run({"DUMP", key}), src.run({"DUMP", key}));
        }
        QCOMPARE(int(mastersUsed.size()), 3);
        int total = 0;
        for (auto &[port, node] : nodes)
            total += std::stoi(node->run({"DBSIZE"}).substr(1));
        QCOMPARE(total, keys); // no key landed anywhere else
        const int slot7 = clusterKeySlot(QByteArrayLiteral("k:7"));
        auto &node7 = nodes[std::stoi(cluster->masterPortOfSlot(slot7, cluster->port(0)))];
        QVERIFY(std::stoll(node7->run({"PTTL", "k:7"}).substr(1)) > 3000000);
    }

    void compareWithDumpRdbAsSideA()
    {
        QTemporaryDir tmp;
        auto redis = TestServer::startRedis({"--dir", tmp.path().toStdString()});
        auto engine = TestServer::startRedscope();
        RedisTestClient a("127.0.0.1", redis->port()), b("127.0.0.1", engine->port());
        fillDataset(a);
        a.run({"SET", "mine", "only in the file"});
        QCOMPARE(a.run({"SAVE"}), std::string("+OK"));
        const QString rdb = tmp.filePath(QStringLiteral("dump.rdb"));
        QVERIFY(QFile::exists(rdb));
        a.run({"SET", "t:s:plain", "changed after the save"}); // the file keeps the old value

        fillDataset(b);
        b.run({"SET", "t:s:plain", "changed on B"});
        b.run({"SET", "extra", "only B"});
        RedisConnection connection(settingsFor(*redis));
        connection.connectToServer();
        QTRY_COMPARE(connection.state(), RedisConnection::State::Ready);
        CompareDialog dialog(TransferEndpoint::of(&connection),
                             {{QStringLiteral("engine"), settingsFor(*engine)}});
        QAbstractItemModelTester tester(dialog.model(),
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        dialog.show();
        dialog.fileChoice()->setChecked(true);
        dialog.rdbPathEdit()->setText(rdb);
        QTest::mouseClick(dialog.compareButton(), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.runner()->isRunning(), 30000);
        QTRY_COMPARE(dialog.model()->rowCount(), 3);
        std::map<QByteArray, QString> kinds;
        for (int row = 0; row < 3; ++row)
            kinds[dialog.model()->entry(row).key] =
                dialog.model()->index(row, DiffModel::KindColumn).data().toString();
        QCOMPARE(kinds.size(), size_t(3));
        QCOMPARE(kinds.at("t:s:plain"), QStringLiteral("different value"));
        QVERIFY(kinds.count("mine"));
        QVERIFY(kinds.count("extra"));
        QVERIFY(kinds.at("mine") != kinds.at("extra"));
        const QString status = dialog.progress()->statusText();
        QVERIFY2(status.contains(QStringLiteral("1 only in A")) &&
                     status.contains(QStringLiteral("1 only in B")) &&
                     status.contains(QStringLiteral("1 different")),
                 qPrintable(status));
    }
};

QTEST_MAIN(TestTransferDialogSides)
#include "tst_transfer_dialog_sides.moc"
