// EngineHost: the embedded engine starts on a Unix socket inside a private 0700 directory with
// TCP off, answers through RedisConnection like any server, and cleans up when stopped.
#include "connection/redis_connection.h"
#include "local/engine_host.h"

#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace redscope;

class TstEngineHost : public QObject
{
    Q_OBJECT

private slots:
    void startsPrivateSocketAndAnswers();
    void unusableDataDirIsReadable();
};

void TstEngineHost::startsPrivateSocketAndAnswers()
{
    QTemporaryDir base;
    QVERIFY(base.isValid());
    EngineHost::Options options;
    options.dataDir = base.filePath(QStringLiteral("data"));
    options.runtimeDir = base.filePath(QStringLiteral("run"));
    EngineHost host(options);
    QString error;
    QVERIFY2(host.start(&error), qPrintable(error));
    QVERIFY(host.isRunning());
    QVERIFY(!host.engineVersion().isEmpty());

    const QFileInfo socket(host.socketPath());
    QVERIFY2(socket.exists(), qPrintable(host.socketPath()));
    QVERIFY(socket.absolutePath().startsWith(options.runtimeDir));
    const QFileInfo dir(socket.absolutePath());
    const auto ownerAll = QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner;
    const auto others = QFile::ReadGroup | QFile::WriteGroup | QFile::ExeGroup | QFile::ReadOther |
                        QFile::WriteOther | QFile::ExeOther;
    QCOMPARE(dir.permissions() & ownerAll, ownerAll);
    QCOMPARE(dir.permissions() & others, QFile::Permissions());
    QVERIFY(QFileInfo(options.dataDir).isDir());

    ConnectionSettings settings;
    settings.unixSocket = host.socketPath();
    RedisConnection connection(settings);
    connection.connectToServer();
    QTRY_COMPARE_WITH_TIMEOUT(connection.state(), RedisConnection::State::Ready, 10000);
    RedisValue reply;
    connection.send({"PING"}, [&](const RedisValue &r) { reply = r; });
    QTRY_COMPARE_WITH_TIMEOUT(reply, RedisValue::status("PONG"), 5000);

    const QString socketDir = socket.absolutePath();
    host.stop();
    QVERIFY(!host.isRunning());
    QVERIFY(!QFileInfo::exists(socketDir));
    QTRY_VERIFY_WITH_TIMEOUT(connection.state() != RedisConnection::State::Ready, 10000);
}

void TstEngineHost::unusableDataDirIsReadable()
{
    QTemporaryDir base;
    QFile blocker(base.filePath(QStringLiteral("file")));
    QVERIFY(blocker.open(QIODevice::WriteOnly));
    blocker.close();
    EngineHost::Options options;
    options.dataDir = blocker.fileName() + QStringLiteral("/data"); // below a regular file
    options.runtimeDir = base.filePath(QStringLiteral("run"));
    EngineHost host(options);
    QString error;
    QVERIFY(!host.start(&error));
    QVERIFY2(error.contains(QStringLiteral("data directory")), qPrintable(error));
    QVERIFY(!host.isRunning());
}

QTEST_GUILESS_MAIN(TstEngineHost)
#include "tst_engine_host.moc"
