// SecretMask: which arguments are secrets in AUTH, HELLO, MIGRATE, ACL SETUSER and CONFIG SET,
// console lines re-quoted with the secret hidden, and MONITOR lines redacted token by token.
#include "connection/secret_mask.h"

#include <QTest>

using namespace redscope;

class TstSecretMask : public QObject
{
    Q_OBJECT

private slots:
    void positions_data();
    void positions();
    void maskedKeepsAclRulePrefix();
    void consoleLines_data();
    void consoleLines();
    void monitorLines_data();
    void monitorLines();
};

using Args = QList<QByteArray>;
using Positions = QList<int>;

void TstSecretMask::positions_data()
{
    QTest::addColumn<Args>("args");
    QTest::addColumn<Positions>("expected");
    QTest::newRow("auth pass") << Args{"AUTH", "s3cret"} << Positions{1};
    QTest::newRow("auth user pass") << Args{"auth", "alice", "s3cret"} << Positions{2};
    QTest::newRow("hello auth") << Args{"HELLO", "3", "AUTH", "bob", "pw", "SETNAME", "auth"}
                                << Positions{4};
    QTest::newRow("hello no auth") << Args{"HELLO", "2"} << Positions{};
    QTest::newRow("migrate auth") << Args{"MIGRATE", "h",    "6379", "",     "0", "5000",
                                          "COPY",    "AUTH", "pw",   "KEYS", "a", "auth"}
                                  << Positions{8};
    QTest::newRow("migrate auth2")
        << Args{"MIGRATE", "h", "6379", "k", "0", "5000", "AUTH2", "user", "pw"} << Positions{8};
    QTest::newRow("acl setuser") << Args{"ACL", "SETUSER", "carol", "on",   ">pw1",
                                         "~*",  "<old",    "#abcd", "+@all"}
                                 << Positions{4, 6, 7};
    QTest::newRow("config set requirepass")
        << Args{"CONFIG", "SET", "maxmemory", "1mb", "requirepass", "pw"} << Positions{5};
    QTest::newRow("config set masterauth")
        << Args{"config", "set", "masterauth", "x"} << Positions{3};
    QTest::newRow("config get requirepass") << Args{"CONFIG", "GET", "requirepass"} << Positions{};
    QTest::newRow("set") << Args{"SET", "auth", "pw"} << Positions{};
}

void TstSecretMask::positions()
{
    QFETCH(Args, args);
    QFETCH(Positions, expected);
    QCOMPARE(SecretMask::secretPositions(args), expected);
    QCOMPARE(SecretMask::containsSecret(args), !expected.isEmpty());
}

void TstSecretMask::maskedKeepsAclRulePrefix()
{
    QCOMPARE(SecretMask::masked({"ACL", "SETUSER", "u", ">pw", "on"}),
             (Args{"ACL", "SETUSER", "u", ">******", "on"}));
    QCOMPARE(SecretMask::masked({"AUTH", "pw"}), (Args{"AUTH", "******"}));
}

void TstSecretMask::consoleLines_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("shown");
    QTest::newRow("auth") << "AUTH hunter2"
                          << "AUTH ******";
    QTest::newRow("auth quoted user") << "auth \"my user\" 'pw with space'"
                                      << "auth \"my user\" ******";
    QTest::newRow("config set") << "config set requirepass topsecret"
                                << "config set requirepass ******";
    QTest::newRow("acl") << "ACL SETUSER app on >pw ~app:* +get"
                         << "ACL SETUSER app on >****** ~app:* +get";
    QTest::newRow("unbalanced") << "AUTH \"hunter2"
                                << "AUTH ******";
    QTest::newRow("untouched") << "SET  k   \"v\""
                               << "SET  k   \"v\"";
}

void TstSecretMask::consoleLines()
{
    QFETCH(QString, line);
    QFETCH(QString, shown);
    QCOMPARE(SecretMask::maskLine(line), shown);
    QVERIFY(!SecretMask::maskLine(line).contains("hunter2"));
}

void TstSecretMask::monitorLines_data()
{
    QTest::addColumn<QByteArray>("line");
    QTest::addColumn<QByteArray>("shown");
    QTest::newRow("auth") << QByteArray(R"m(1700000000.1 [0 127.0.0.1:5000] "AUTH" "hunter2")m")
                          << QByteArray(R"m(1700000000.1 [0 127.0.0.1:5000] "AUTH" "(redacted)")m");
    QTest::newRow("hello") << QByteArray(R"m(1.2 [0 unix:/s] "hello" "3" "auth" "u" "p\"w")m")
                           << QByteArray(
                                  R"m(1.2 [0 unix:/s] "hello" "3" "auth" "u" "(redacted)")m");
    QTest::newRow("config")
        << QByteArray(R"m(1.3 [2 lua] "CONFIG" "SET" "requirepass" "x\x00y" "maxmemory" "1")m")
        << QByteArray(R"m(1.3 [2 lua] "CONFIG" "SET" "requirepass" "(redacted)" "maxmemory" "1")m");
    QTest::newRow("cut off") << QByteArray(R"m(1.4 [0 1.2.3.4:5] "AUTH" "hunt)m")
                             << QByteArray(R"m(1.4 [0 1.2.3.4:5] "AUTH" "(redacted)")m");
    QTest::newRow("plain") << QByteArray(R"m(1.5 [0 1.2.3.4:5] "SET" "auth" "pw")m")
                           << QByteArray(R"m(1.5 [0 1.2.3.4:5] "SET" "auth" "pw")m");
    QTest::newRow("not monitor") << QByteArray("OK") << QByteArray("OK");
}

void TstSecretMask::monitorLines()
{
    QFETCH(QByteArray, line);
    QFETCH(QByteArray, shown);
    QCOMPARE(SecretMask::maskMonitorLine(line), shown);
}

QTEST_APPLESS_MAIN(TstSecretMask)
#include "tst_secret_mask.moc"
