// CommandLine::split: the redis-cli quoting rules users rely on, and the errors for lines that
// cannot be split (with the position where parsing stopped).
#include "console/command_line.h"
#include "console/eval_file.h"

#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using redscope::CommandLine;
using redscope::EvalFile;

class TstCommandLine : public QObject
{
    Q_OBJECT

private slots:
    void splits_data();
    void splits();
    void errors_data();
    void errors();
    void evalFileExpands();
};

void TstCommandLine::splits_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QList<QByteArray>>("args");

    QTest::newRow("empty") << "" << QList<QByteArray>{};
    QTest::newRow("blank") << "   \t " << QList<QByteArray>{};
    QTest::newRow("plain") << "SET foo bar" << QList<QByteArray>{"SET", "foo", "bar"};
    QTest::newRow("extra spaces") << "  GET   k  " << QList<QByteArray>{"GET", "k"};
    QTest::newRow("double quotes")
        << "SET k \"hello world\"" << QList<QByteArray>{"SET", "k", "hello world"};
    QTest::newRow("escapes") << "SET k \"a\\nb\\tc\\\"d\\\\\""
                             << QList<QByteArray>{"SET", "k", "a\nb\tc\"d\\"};
    QTest::newRow("hex escape") << "SET k \"\\x41\\x00\\xff\""
                                << QList<QByteArray>{"SET", "k", QByteArray("A\0\xff", 3)};
    QTest::newRow("bad hex stays literal") << "ECHO \"\\xZZ\"" << QList<QByteArray>{"ECHO", "xZZ"};
    QTest::newRow("single quotes keep backslashes")
        << "ECHO 'a\\nb'" << QList<QByteArray>{"ECHO", "a\\nb"};
    QTest::newRow("escaped single quote") << "ECHO 'it\\'s'" << QList<QByteArray>{"ECHO", "it's"};
    QTest::newRow("empty quoted argument") << "SET k \"\"" << QList<QByteArray>{"SET", "k", ""};
    QTest::newRow("quote inside a word") << "ECHO ab\"c d\"" << QList<QByteArray>{"ECHO", "abc d"};
    QTest::newRow("utf8") << QString::fromUtf8("SET clé \"naïve\"")
                          << QList<QByteArray>{"SET", "cl\xc3\xa9", "na\xc3\xafve"};
}

void TstCommandLine::splits()
{
    QFETCH(QString, line);
    QFETCH(QList<QByteArray>, args);
    const CommandLine::Result result = CommandLine::split(line);
    QVERIFY2(result.ok(), qPrintable(result.error));
    QCOMPARE(result.args, args);
}

void TstCommandLine::errors_data()
{
    QTest::addColumn<QString>("line");
    QTest::addColumn<QString>("messagePart");
    QTest::addColumn<int>("position");

    QTest::newRow("unclosed double") << "SET k \"abc"
                                     << "Unbalanced quotes" << 6;
    QTest::newRow("unclosed single") << "SET 'k v"
                                     << "single quote" << 4;
    QTest::newRow("escaped closing quote") << "ECHO \"abc\\\""
                                           << "never closed" << 5;
    QTest::newRow("text after closing quote") << "ECHO \"a\"b"
                                              << "followed by a space" << 7;
}

void TstCommandLine::errors()
{
    QFETCH(QString, line);
    QFETCH(QString, messagePart);
    QFETCH(int, position);
    const CommandLine::Result result = CommandLine::split(line);
    QVERIFY(!result.ok());
    QVERIFY2(result.error.contains(messagePart), qPrintable(result.error));
    QCOMPARE(result.errorPosition, position);
    QVERIFY(result.args.isEmpty());
}

// --eval file keys , args -> EVAL <script> <numkeys> keys args, split at the first lone comma.
void TstCommandLine::evalFileExpands()
{
    QTemporaryDir dir;
    QFile file(dir.filePath(QStringLiteral("s.lua")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("return 1");
    file.close();
    const QByteArray path = file.fileName().toUtf8();
    QVERIFY(EvalFile::isEvalLine({"--eval", path}));
    QVERIFY(!EvalFile::isEvalLine({"EVAL", "x"}));
    EvalFile::Result r = EvalFile::expand({"--eval", path, "a", "b", ",", "1", ",", "2"});
    QVERIFY2(r.ok(), qPrintable(r.error));
    QCOMPARE(r.args, (QList<QByteArray>{"EVAL", "return 1", "2", "a", "b", "1", ",", "2"}));
    r = EvalFile::expand({"--eval", path});
    QCOMPARE(r.args, (QList<QByteArray>{"EVAL", "return 1", "0"}));
    r = EvalFile::expand({"--eval", path, ",", "x"});
    QCOMPARE(r.args, (QList<QByteArray>{"EVAL", "return 1", "0", "x"}));
    r = EvalFile::expand({"--eval"});
    QVERIFY(r.error.contains(QStringLiteral("needs a script file")));
    r = EvalFile::expand({"--eval", dir.filePath(QStringLiteral("missing.lua")).toUtf8()});
    QVERIFY(r.error.contains(QStringLiteral("missing.lua")));
    r = EvalFile::expand({"--eval", dir.path().toUtf8()});
    QVERIFY(r.error.contains(QStringLiteral("directory")));
    r = EvalFile::expand({"--eval", path}, 3);
    QVERIFY(r.error.contains(QStringLiteral("more than")));
}

QTEST_APPLESS_MAIN(TstCommandLine)
#include "tst_command_line.moc"
