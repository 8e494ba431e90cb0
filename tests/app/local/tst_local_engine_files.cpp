// The embedded engine's files in the Persistence tab: the box appears only when the connection
// carries the engine's data directory, shows it, and "Export snapshot" (driven without the file
// dialog) runs BGSAVE on the real engine and copies a loadable RDB file (it starts with the
// "REDIS" magic and holds the key written just before). Also the copy step's own errors.
// "Import RDB file" (driven without the file dialog, confirmation answered by the test) loads
// a dump.rdb written by Debian's redis-server into the engine, replacing its data; a corrupt
// file and a declined confirmation leave the data alone.
#include "connection/redis_connection.h"
#include "local/engine_host.h"
#include "local/local_engine_box.h"
#include "local/snapshot_export.h"
#include "server/persistence_panel.h"
#include "test_server.h"
#include "widgets/confirm.h"

#include <QDir>
#include <QFile>
#include <QLabel>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace redscope;

class TstLocalEngineFiles : public QObject
{
    Q_OBJECT

private slots:
    void exportWritesFreshSnapshot();
    void importLoadsRedisDump();
    void otherServersHaveNoBox();
    void copyReportsMissingSource();
};

static bool run(RedisConnection &connection, const QList<QByteArray> &args)
{
    bool done = false;
    bool ok = false;
    connection.send(args, [&](const RedisValue &reply) {
        done = true;
        ok = !reply.isError();
    });
    return QTest::qWaitFor([&] { return done; }, 5000) && ok;
}

void TstLocalEngineFiles::exportWritesFreshSnapshot()
{
    QTemporaryDir base;
    QVERIFY(base.isValid());
    EngineHost::Options options;
    options.dataDir = base.filePath(QStringLiteral("data"));
    options.runtimeDir = base.path();
    EngineHost host(options);
    QString error;
    QVERIFY2(host.start(&error), qPrintable(error));

    ConnectionSettings settings;
    settings.unixSocket = host.socketPath();
    settings.localDataDir = host.dataDir();
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    QVERIFY(run(connection, {"SET", "exported:key", "exported-value"}));

    PersistencePanel panel(&connection);
    panel.resize(1000, 700);
    panel.show();
    QVERIFY(QTest::qWaitForWindowExposed(&panel));
    LocalEngineBox *box = panel.localEngine();
    QVERIFY(box);
    auto *dirLabel = box->findChild<QLabel *>(QStringLiteral("localEngineDataDir"));
    QVERIFY(dirLabel);
    QCOMPARE(dirLabel->text(), QDir::toNativeSeparators(host.dataDir()));
    QVERIFY(box->findChild<QPushButton *>(QStringLiteral("localEngineOpenFolder")));

    const QString target = base.filePath(QStringLiteral("export/copy.rdb"));
    QVERIFY(QDir().mkpath(base.filePath(QStringLiteral("export"))));
    QFile stale(target); // an older file at the target is replaced
    QVERIFY(stale.open(QIODevice::WriteOnly));
    stale.write("old");
    stale.close();

    QSignalSpy finished(box->exporter(), &SnapshotExporter::finished);
    box->exportSnapshot(target);
    QVERIFY(finished.wait(30000));
    QVERIFY2(finished.first().at(0).toBool(), qPrintable(finished.first().at(1).toString()));
    QVERIFY2(box->resultText().startsWith(QStringLiteral("Snapshot exported to")),
             qPrintable(box->resultText()));
    QFile copy(target);
    QVERIFY(copy.open(QIODevice::ReadOnly));
    const QByteArray bytes = copy.readAll();
    QVERIFY(bytes.startsWith("REDIS"));
    QVERIFY(bytes.contains("exported:key"));
    QVERIFY(bytes.contains("exported-value"));
    QVERIFY(!QFile::exists(target + QStringLiteral(".part")));

    // The engine's own files are on this machine: the RDB size shows, and the AOF's with AOF on.
    QTRY_VERIFY(
        panel.fieldText(QStringLiteral("rdb_file")).startsWith(QLatin1String("dump.rdb, ")));
    panel.setAppendOnly(true);
    QTRY_COMPARE(panel.fieldText(QStringLiteral("aof_enabled")), QStringLiteral("on"));
    QTRY_VERIFY_WITH_TIMEOUT(
        panel.fieldText(QStringLiteral("aof_base_size")).endsWith(QLatin1String("B")), 10000);
    QVERIFY(panel.fieldText(QStringLiteral("aof_size")).endsWith(QLatin1String("B")));
}

static QString reply(RedisConnection &connection, const QList<QByteArray> &args)
{
    QString text = QStringLiteral("<no reply>");
    bool done = false;
    connection.send(args, [&](const RedisValue &value) {
        done = true;
        QStringList parts;
        for (const RedisValue &element : value.elements())
            parts.append(element.text());
        text = value.elements().empty() ? (value.isNil()     ? QStringLiteral("(nil)")
                                           : value.isError() ? value.text()
                                           : value.type() == RedisValue::Type::Integer
                                               ? QString::number(value.toInteger())
                                               : value.text())
                                        : parts.join(QLatin1Char(','));
    });
    if (!QTest::qWaitFor([&] { return done; }, 5000))
        return QStringLiteral("test: no reply");
    return text;
}

void TstLocalEngineFiles::importLoadsRedisDump()
{
    // A dump written by the real Redis.
    auto redis = test::TestServer::startRedis();
    QVERIFY2(redis->ok(), redis->error().c_str());
    ConnectionSettings redisSettings;
    redisSettings.host = QStringLiteral("127.0.0.1");
    redisSettings.port = redis->port();
    RedisConnection source(redisSettings);
    source.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(source.state(), RedisConnection::State::Ready, 10000);
    QVERIFY(run(source, {"SET", "imported:string", "from-redis"}));
    QVERIFY(run(source, {"RPUSH", "imported:list", "a", "b", "c"}));
    QVERIFY(run(source, {"HSET", "imported:hash", "f1", "v1", "f2", "v2"}));
    QVERIFY(run(source, {"ZADD", "imported:zset", "1", "one", "2", "two"}));
    QVERIFY(run(source, {"SELECT", "3"}));
    QVERIFY(run(source, {"SET", "imported:db3", "three"}));
    QVERIFY(run(source, {"SAVE"}));
    const QString dump = QString::fromStdString(redis->directory()) + QStringLiteral("/dump.rdb");
    QVERIFY(QFile::exists(dump));

    QTemporaryDir base;
    EngineHost::Options options;
    options.dataDir = base.filePath(QStringLiteral("data"));
    options.runtimeDir = base.path();
    EngineHost host(options);
    QString error;
    QVERIFY2(host.start(&error), qPrintable(error));
    QCOMPARE(EngineHost::forSocket(host.socketPath()), &host);
    ConnectionSettings settings;
    settings.unixSocket = host.socketPath();
    settings.localDataDir = host.dataDir();
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    QVERIFY(run(connection, {"SET", "old:key", "before-import"}));

    PersistencePanel panel(&connection);
    LocalEngineBox *box = panel.localEngine();
    QVERIFY(box);
    auto *importButton = box->findChild<QPushButton *>(QStringLiteral("localEngineImport"));
    QVERIFY(importButton && importButton->isEnabled());
    QSignalSpy finished(box, &LocalEngineBox::importFinished);

    // Declined: nothing happens.
    int asked = 0;
    setConfirmFunction([&](QWidget *, const QString &, const QString &) {
        ++asked;
        return false;
    });
    box->importFile(dump);
    QCOMPARE(asked, 1);
    QTest::qWait(100);
    QCOMPARE(finished.count(), 0);
    QCOMPARE(reply(connection, {"GET", "old:key"}), QStringLiteral("before-import"));

    // A corrupt copy (one byte flipped in the middle): refused, data kept.
    setConfirmFunction([](QWidget *, const QString &, const QString &) { return true; });
    QFile in(dump);
    QVERIFY(in.open(QIODevice::ReadOnly));
    QByteArray bytes = in.readAll();
    bytes[bytes.size() / 2] = char(bytes[bytes.size() / 2] ^ 0x5a);
    const QString corrupt = base.filePath(QStringLiteral("corrupt.rdb"));
    QFile out(corrupt);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(bytes);
    out.close();
    box->importFile(corrupt);
    QVERIFY(finished.wait(20000));
    QCOMPARE(finished.last().at(0).toBool(), false);
    QVERIFY2(box->resultText().startsWith(QStringLiteral("Import failed: Not a valid RDB")),
             qPrintable(box->resultText()));
    QCOMPARE(reply(connection, {"GET", "old:key"}), QStringLiteral("before-import"));

    // The real dump: replaces everything.
    box->importFile(dump);
    QVERIFY(finished.wait(20000));
    QVERIFY2(finished.last().at(0).toBool(), qPrintable(finished.last().at(1).toString()));
    QVERIFY2(box->resultText().startsWith(QStringLiteral("Imported 5 keys")),
             qPrintable(box->resultText()));
    QCOMPARE(reply(connection, {"GET", "old:key"}), QStringLiteral("(nil)"));
    QCOMPARE(reply(connection, {"GET", "imported:string"}), QStringLiteral("from-redis"));
    QCOMPARE(reply(connection, {"LRANGE", "imported:list", "0", "-1"}), QStringLiteral("a,b,c"));
    QCOMPARE(reply(connection, {"HGET", "imported:hash", "f2"}), QStringLiteral("v2"));
    QCOMPARE(reply(connection, {"ZSCORE", "imported:zset", "two"}), QStringLiteral("2"));
    QVERIFY(run(connection, {"SELECT", "3"}));
    QCOMPARE(reply(connection, {"GET", "imported:db3"}), QStringLiteral("three"));
    setConfirmFunction({});

    // The engine persists the import: after its background save, a restart still has it.
    QTRY_VERIFY_WITH_TIMEOUT(reply(connection, {"INFO", "persistence"})
                                 .contains(QStringLiteral("rdb_bgsave_in_progress:0")),
                             20000);
    host.stop();
    QVERIFY(!EngineHost::forSocket(settings.unixSocket));
    QVERIFY2(host.start(&error), qPrintable(error));
    ConnectionSettings again;
    again.unixSocket = host.socketPath();
    RedisConnection reopened(again);
    reopened.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(reopened.state(), RedisConnection::State::Ready, 10000);
    QCOMPARE(reply(reopened, {"GET", "imported:string"}), QStringLiteral("from-redis"));
}

void TstLocalEngineFiles::otherServersHaveNoBox()
{
    ConnectionSettings settings; // never connected: the panel only needs its settings
    RedisConnection connection(settings);
    PersistencePanel panel(&connection);
    QVERIFY(!panel.localEngine());
    QVERIFY(!panel.findChild<LocalEngineBox *>());
}

void TstLocalEngineFiles::copyReportsMissingSource()
{
    QTemporaryDir dir;
    QString error;
    QVERIFY(!SnapshotExporter::copySnapshot(dir.filePath(QStringLiteral("none.rdb")),
                                            dir.filePath(QStringLiteral("out.rdb")), &error));
    QVERIFY2(error.startsWith(QStringLiteral("No snapshot file at")), qPrintable(error));
    QVERIFY(!QFile::exists(dir.filePath(QStringLiteral("out.rdb"))));
}

QTEST_MAIN(TstLocalEngineFiles)
#include "tst_local_engine_files.moc"
