// The installed-style binary as a user runs it: `redscope --version` without a display, and
// the app's embedded engine keeping its data across a SIGTERM (logout, `kill`) and a restart.
// Starts the real build/bin/redscope in offscreen mode with private XDG directories.
#include "redis_test_client.h"

#include <QDirIterator>
#include <QProcess>
#include <QTemporaryDir>
#include <QtTest>

using redscope::test::RedisTestClient;

class TstAppProcess : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_home;

    QProcessEnvironment environment() const
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
        env.insert(QStringLiteral("XDG_RUNTIME_DIR"), m_home.filePath(QStringLiteral("rt")));
        env.insert(QStringLiteral("XDG_DATA_HOME"), m_home.filePath(QStringLiteral("data")));
        env.insert(QStringLiteral("XDG_CONFIG_HOME"), m_home.filePath(QStringLiteral("cfg")));
        return env;
    }

    QString findFile(const QString &dir, const QString &name) const
    {
        QDirIterator it(dir, {name}, QDir::Files | QDir::System, QDirIterator::Subdirectories);
        return it.hasNext() ? it.next() : QString();
    }

    // Starts the app and waits for its engine socket; returns the socket path.
    QString startApp(QProcess &app)
    {
        app.setProcessEnvironment(environment());
        app.start(QStringLiteral(REDSCOPE_APP_BIN), {});
        if (!app.waitForStarted(10000)) return {};
        QString socket;
        const bool appeared = QTest::qWaitFor([&] {
            socket = findFile(m_home.filePath(QStringLiteral("rt")), QStringLiteral("*.sock"));
            return !socket.isEmpty();
        }, 20000);
        return appeared ? socket : QString();
    }

private slots:
    void initTestCase()
    {
        QVERIFY(m_home.isValid());
        QVERIFY(QDir().mkpath(m_home.filePath(QStringLiteral("rt"))));
        QFile::setPermissions(m_home.filePath(QStringLiteral("rt")),
                              QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    }

    void versionWorksWithoutDisplay()
    {
        QProcess app;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.remove(QStringLiteral("DISPLAY"));
        env.remove(QStringLiteral("WAYLAND_DISPLAY"));
        env.remove(QStringLiteral("QT_QPA_PLATFORM"));
        app.setProcessEnvironment(env);
        app.start(QStringLiteral(REDSCOPE_APP_BIN), {QStringLiteral("--version")});
        QVERIFY(app.waitForFinished(10000));
        QCOMPARE(app.exitCode(), 0);
        QVERIFY2(app.readAllStandardOutput().contains(REDSCOPE_VERSION_TEXT),
                 "--version must print the CMake project version");
    }

    void engineDataSurvivesSigterm()
    {
        {
            QProcess app;
            const QString socket = startApp(app);
            QVERIFY2(!socket.isEmpty(), "the embedded engine's socket never appeared");
            QTest::qWait(300);
            RedisTestClient client(socket.toStdString());
            QVERIFY2(client.connected(), client.error().c_str());
            QCOMPARE(client.run({"SET", "chat:last", "hello"}), std::string("+OK"));
            QCOMPARE(client.run({"RPUSH", "chat:room:1", "a", "b"}), std::string(":2"));
            app.terminate(); // SIGTERM
            QVERIFY(app.waitForFinished(15000));
            QCOMPARE(app.exitStatus(), QProcess::NormalExit);
            QCOMPARE(app.exitCode(), 0);
        }
        QVERIFY2(!findFile(m_home.filePath(QStringLiteral("data")), QStringLiteral("dump.rdb")).isEmpty(),
                 "no snapshot written on SIGTERM");
        QProcess again;
        const QString socket = startApp(again);
        QVERIFY(!socket.isEmpty());
        QTest::qWait(300);
        RedisTestClient client(socket.toStdString());
        QVERIFY2(client.connected(), client.error().c_str());
        QCOMPARE(client.run({"GET", "chat:last"}), std::string("$hello"));
        QCOMPARE(client.run({"LRANGE", "chat:room:1", "0", "-1"}), std::string("*[$a,$b]"));
        again.terminate();
        QVERIFY(again.waitForFinished(15000));
    }
};

QTEST_GUILESS_MAIN(TstAppProcess)
#include "tst_app_process.moc"
