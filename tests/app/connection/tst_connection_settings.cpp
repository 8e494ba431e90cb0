// ConnectionSettings::fromUrl: the redis:// and unix:// forms accepted on the command line,
// and readable refusals for the rest.
#include "connection/connection_settings.h"

#include <QTest>

using redscope::ConnectionSettings;

class TstConnectionSettings : public QObject
{
    Q_OBJECT

private slots:
    void redisUrl();
    void passwordOnly();
    void defaultsAndIpv6();
    void unixUrl();
    void tlsUrl();
    void rejects_data();
    void rejects();
};

void TstConnectionSettings::redisUrl()
{
    ConnectionSettings s;
    QString error;
    QVERIFY(ConnectionSettings::fromUrl("redis://alice:s%40cret@db.example:6380/3", &s, &error));
    QCOMPARE(s.host, QStringLiteral("db.example"));
    QCOMPARE(s.port, 6380);
    QCOMPARE(s.username, QStringLiteral("alice"));
    QCOMPARE(s.password, QStringLiteral("s@cret"));
    QCOMPARE(s.db, 3);
    QVERIFY(s.unixSocket.isEmpty());
    QCOMPARE(s.address(), QStringLiteral("db.example:6380"));
}

void TstConnectionSettings::passwordOnly()
{
    ConnectionSettings s;
    QString error;
    QVERIFY(ConnectionSettings::fromUrl("redis://:pw@localhost", &s, &error));
    QVERIFY(s.username.isEmpty());
    QCOMPARE(s.password, QStringLiteral("pw"));
    QVERIFY(ConnectionSettings::fromUrl("redis://pw2@localhost", &s, &error));
    QVERIFY(s.username.isEmpty());
    QCOMPARE(s.password, QStringLiteral("pw2"));
}

void TstConnectionSettings::defaultsAndIpv6()
{
    ConnectionSettings s;
    QString error;
    QVERIFY(ConnectionSettings::fromUrl("redis://[::1]", &s, &error));
    QCOMPARE(s.host, QStringLiteral("::1"));
    QCOMPARE(s.port, 6379);
    QCOMPARE(s.db, 0);
    QCOMPARE(s.address(), QStringLiteral("[::1]:6379"));
}

void TstConnectionSettings::unixUrl()
{
    ConnectionSettings s;
    QString error;
    QVERIFY(ConnectionSettings::fromUrl("unix:///run/redis/redis.sock?db=2", &s, &error));
    QCOMPARE(s.unixSocket, QStringLiteral("/run/redis/redis.sock"));
    QCOMPARE(s.db, 2);
    QCOMPARE(s.address(), QStringLiteral("unix:/run/redis/redis.sock"));
    QCOMPARE(s.name, s.address());
}

void TstConnectionSettings::tlsUrl()
{
    ConnectionSettings s;
    QString error;
    QVERIFY2(ConnectionSettings::fromUrl("rediss://user:pw@cache.example.net:6380/3", &s, &error),
             qPrintable(error));
    QVERIFY(s.tls.enabled);
    QVERIFY(!s.tls.skipVerify);
    QVERIFY(s.needsTunnel());
    QCOMPARE(s.host, QStringLiteral("cache.example.net"));
    QCOMPARE(s.port, 6380);
    QCOMPARE(s.db, 3);
    QCOMPARE(s.username, QStringLiteral("user"));
    QCOMPARE(s.password, QStringLiteral("pw"));
    QVERIFY(ConnectionSettings::fromUrl("redis://cache.example.net", &s, &error));
    QVERIFY(!s.tls.enabled);
    QVERIFY(!s.needsTunnel());
}

void TstConnectionSettings::rejects_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<QString>("messagePart");
    QTest::newRow("scheme") << "http://localhost"
                            << "Unsupported URL scheme";
    QTest::newRow("no host") << "redis:///0"
                             << "names no host";
    QTest::newRow("bad db") << "redis://localhost/abc"
                            << "Invalid database number";
    QTest::newRow("unix without path") << "unix://"
                                       << "absolute socket path";
}

void TstConnectionSettings::rejects()
{
    QFETCH(QString, url);
    QFETCH(QString, messagePart);
    ConnectionSettings s;
    QString error;
    QVERIFY(!ConnectionSettings::fromUrl(url, &s, &error));
    QVERIFY2(error.contains(messagePart), qPrintable(error));
}

QTEST_APPLESS_MAIN(TstConnectionSettings)
#include "tst_connection_settings.moc"
