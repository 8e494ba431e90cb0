// Unit tests for RequestParser: complete and split requests, pipelining, inline commands
// with quoting, and every protocol error with Redis's wording, including the size limits.
#include "protocol/request_parser.h"

#include <QtTest>

using redscope::engine::RequestLimits;
using redscope::engine::RequestParser;
using Status = RequestParser::Status;

namespace {

QStringList toList(const std::vector<std::string_view> &args)
{
    QStringList list;
    for (std::string_view a : args) list << QString::fromUtf8(a.data(), static_cast<qsizetype>(a.size()));
    return list;
}

} // namespace

class TestRequestParser : public QObject
{
    Q_OBJECT

private slots:
    void multibulkComplete()
    {
        RequestParser parser;
        std::string buffer = "*3\r\n$3\r\nSET\r\n$3\r\nkey\r\n$5\r\nvalue\r\n";
        QCOMPARE(parser.parse(buffer, 0), Status::Complete);
        QCOMPARE(toList(parser.arguments()), QStringList({"SET", "key", "value"}));
        QCOMPARE(parser.consumedBytes(), buffer.size());
    }

    void binarySafeBulk()
    {
        RequestParser parser;
        std::string payload("a\0b\r\nc", 6);
        std::string buffer = "*2\r\n$4\r\nECHO\r\n$6\r\n" + payload + "\r\n";
        QCOMPARE(parser.parse(buffer, 0), Status::Complete);
        QCOMPARE(parser.arguments()[1], std::string_view(payload));
    }

    void splitByteByByte()
    {
        RequestParser parser;
        const std::string full = "*2\r\n$4\r\nECHO\r\n$11\r\nhello world\r\n";
        std::string buffer;
        for (size_t i = 0; i < full.size(); ++i) {
            buffer.push_back(full[i]);
            Status status = parser.parse(buffer, 0);
            if (i + 1 < full.size()) {
                QCOMPARE(status, Status::NeedMore);
            } else {
                QCOMPARE(status, Status::Complete);
                QCOMPARE(toList(parser.arguments()), QStringList({"ECHO", "hello world"}));
            }
        }
    }

    void bufferMovesBetweenReads()
    {
        // The owner may reallocate or compact between calls: offsets, not pointers, survive.
        RequestParser parser;
        std::string buffer = "junk*2\r\n$3\r\nGET\r\n$2\r\nk";
        QCOMPARE(parser.parse(buffer, 4), Status::NeedMore);
        buffer.erase(0, 4);
        buffer += "1\r\n";
        buffer.reserve(4096);
        QCOMPARE(parser.parse(buffer, 0), Status::Complete);
        QCOMPARE(toList(parser.arguments()), QStringList({"GET", "k1"}));
    }

    void pipelined()
    {
        RequestParser parser;
        std::string buffer;
        for (int i = 0; i < 100; ++i) buffer += "*2\r\n$4\r\nINCR\r\n$1\r\nc\r\n";
        buffer += "PING\r\n";
        size_t pos = 0;
        int commands = 0;
        while (pos < buffer.size()) {
            Status status = parser.parse(buffer, pos);
            QCOMPARE(status, Status::Complete);
            pos += parser.consumedBytes();
            ++commands;
        }
        QCOMPARE(commands, 101);
        QCOMPARE(toList(parser.arguments()), QStringList({"PING"}));
    }

    void inlineWithQuotes()
    {
        RequestParser parser;
        std::string buffer = "set \"a key\" 'it''s' \"tab\\there\\x41\"\r\n";
        // 'it''s' is two quoted parts glued together: Redis rejects that (unbalanced).
        QCOMPARE(parser.parse(buffer, 0), Status::Error);
        QVERIFY(parser.errorText().find("unbalanced quotes") != std::string::npos);

        RequestParser ok;
        std::string good = "set \"a key\" 'it\\'s' \"tab\\there\\x41\"\n";
        QCOMPARE(ok.parse(good, 0), Status::Complete);
        QCOMPARE(toList(ok.arguments()), QStringList({"set", "a key", "it's", "tab\thereA"}));
    }

    void emptyInlineAndZeroCount()
    {
        RequestParser parser;
        QCOMPARE(parser.parse("\r\n", 0), Status::Empty);
        QCOMPARE(parser.consumedBytes(), size_t(2));
        QCOMPARE(parser.parse("*0\r\n", 0), Status::Empty);
        QCOMPARE(parser.parse("*-1\r\n", 0), Status::Empty);
    }

    void malformed_data()
    {
        QTest::addColumn<QByteArray>("input");
        QTest::addColumn<QString>("error");
        QTest::newRow("dollar expected") << QByteArray("*1\r\n+PING\r\n") << "expected '$', got '+'";
        QTest::newRow("bad count") << QByteArray("*x\r\n") << "invalid multibulk length";
        QTest::newRow("bad bulk length") << QByteArray("*1\r\n$-5\r\n") << "invalid bulk length";
        QTest::newRow("bulk not terminated") << QByteArray("*1\r\n$4\r\nPINGxx") << "invalid bulk length";
        QTest::newRow("unbalanced") << QByteArray("get \"abc\r\n") << "unbalanced quotes in request";
        QTest::newRow("cr without lf") << QByteArray("*1\rx") << "invalid multibulk length";
    }

    void malformed()
    {
        QFETCH(QByteArray, input);
        QFETCH(QString, error);
        RequestParser parser;
        QCOMPARE(parser.parse(std::string_view(input.constData(), size_t(input.size())), 0), Status::Error);
        QCOMPARE(QString::fromStdString(parser.errorText()), "ERR Protocol error: " + error);
    }

    void limits()
    {
        RequestLimits limits;
        limits.maxBulkLength = 1024;
        limits.maxArguments = 8;
        RequestParser parser(limits);
        QCOMPARE(parser.parse("*1\r\n$1025\r\n", 0), Status::Error);
        QCOMPARE(QString::fromStdString(parser.errorText()), "ERR Protocol error: invalid bulk length");

        RequestParser many(limits);
        QCOMPARE(many.parse("*9\r\n", 0), Status::Error);
        QCOMPARE(QString::fromStdString(many.errorText()), "ERR Protocol error: invalid multibulk length");

        RequestParser inlineTooBig;
        std::string huge(70 * 1024, 'a');
        QCOMPARE(inlineTooBig.parse(huge, 0), Status::Error);
        QCOMPARE(QString::fromStdString(inlineTooBig.errorText()), "ERR Protocol error: too big inline request");
    }

    void bigBulkArrivesInChunks()
    {
        // 8 MB value in 16 KB chunks: must complete, and each call only looks at new bytes.
        RequestParser parser;
        const size_t size = 8 * 1024 * 1024;
        std::string buffer = "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$" + std::to_string(size) + "\r\n";
        QCOMPARE(parser.parse(buffer, 0), Status::NeedMore);
        std::string chunk(16 * 1024, 'x');
        size_t sent = 0;
        while (sent < size) {
            buffer += chunk;
            sent += chunk.size();
            QCOMPARE(parser.parse(buffer, 0), Status::NeedMore);
        }
        buffer += "\r\n";
        QCOMPARE(parser.parse(buffer, 0), Status::Complete);
        QCOMPARE(parser.arguments()[2].size(), size);
    }
};

QTEST_APPLESS_MAIN(TestRequestParser)
#include "tst_request_parser.moc"
