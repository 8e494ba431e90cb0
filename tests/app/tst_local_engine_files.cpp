// The embedded engine's files in the Persistence tab: the box appears only when the connection
// carries the engine's data directory, shows it, and "Export snapshot" (driven without the file
// dialog) runs BGSAVE on the real engine and copies a loadable RDB file (it starts with the
// "REDIS" magic and holds the key written just before). Also the copy step's own errors.
#include "engine_host.h"
#include "local_engine_box.h"
#include "persistence_panel.h"
#include "redis_connection.h"
#include "snapshot_export.h"

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
