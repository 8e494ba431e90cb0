// JsonPrettyPrinter: output layout, key order and verbatim strings/numbers, every error kind
// with its line and column, deep nesting at and past the limit, a huge array, and chunked
// output equal to the whole output.
#include "values/json_pretty_printer.h"

#include <QJsonDocument>
#include <QTest>

using namespace redscope;

class TstJsonPrettyPrinter : public QObject
{
    Q_OBJECT

private slots:
    void indentsObjectsAndArrays();
    void keepsKeyOrder();
    void copiesStringsAndNumbersAsWritten();
    void emptyContainersStayOnOneLine();
    void topLevelKinds();
    void acceptsValidNumbers_data();
    void acceptsValidNumbers();
    void reportsErrors_data();
    void reportsErrors();
    void errorColumnCountsCharactersNotBytes();
    void deepNestingUpToTheLimit();
    void nestingPastTheLimitIsAnError();
    void hugeArrayMatchesQJsonDocumentValues();
    void chunksAreWholeLinesAndAddUp();

private:
    static QByteArray pretty(QByteArrayView input, JsonPrettyPrinter::Result *result = nullptr)
    {
        QByteArray out;
        const JsonPrettyPrinter::Result r = JsonPrettyPrinter().format(input, &out);
        if (result) *result = r;
        return out;
    }
};

void TstJsonPrettyPrinter::indentsObjectsAndArrays()
{
    JsonPrettyPrinter::Result result;
    const QByteArray out = pretty(R"( {"a":1,"b":[true,false,null],"c":{"d":"x"}} )", &result);
    QVERIFY(result.ok);
    QCOMPARE(result.topLevel, JsonPrettyPrinter::Kind::Object);
    QCOMPARE(out, QByteArray("{\n"
                             "    \"a\": 1,\n"
                             "    \"b\": [\n"
                             "        true,\n"
                             "        false,\n"
                             "        null\n"
                             "    ],\n"
                             "    \"c\": {\n"
                             "        \"d\": \"x\"\n"
                             "    }\n"
                             "}"));
    // Whitespace of every kind between tokens is dropped.
    QCOMPARE(pretty("[\r\n\t1 ,\n 2\n]"), QByteArray("[\n    1,\n    2\n]"));
}

void TstJsonPrettyPrinter::keepsKeyOrder()
{
    // QJsonDocument would print these as a, m, z.
    const QByteArray out = pretty(R"({"z":1,"a":2,"m":3})");
    QCOMPARE(out, QByteArray("{\n    \"z\": 1,\n    \"a\": 2,\n    \"m\": 3\n}"));
}

void TstJsonPrettyPrinter::copiesStringsAndNumbersAsWritten()
{
    JsonPrettyPrinter::Result result;
    // Escapes (unicode ones included, a surrogate pair among them), raw UTF-8, and a 64-bit id
    // that a double would round, all unchanged.
    const QByteArray input = R"(["caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t", "日本語 é", )"
                             R"(9007199254740993, -0.5e+10, 1E-3])";
    const QByteArray out = pretty(input, &result);
    QVERIFY2(result.ok, qPrintable(result.error));
    QCOMPARE(out, QByteArray("[\n"
                             R"(    "caf\u00e9 \ud83d\ude00 \"q\" \\ \/ \b\f\n\r\t",)"
                             "\n    \"日本語 é\",\n"
                             "    9007199254740993,\n"
                             "    -0.5e+10,\n"
                             "    1E-3\n"
                             "]"));
    // Brackets, commas and colons inside strings are text, not structure.
    QCOMPARE(pretty(R"({"a,b":"{[:]}"})"), QByteArray("{\n    \"a,b\": \"{[:]}\"\n}"));
}

void TstJsonPrettyPrinter::emptyContainersStayOnOneLine()
{
    QCOMPARE(pretty("{}"), QByteArray("{}"));
    QCOMPARE(pretty("[ ]"), QByteArray("[]"));
    QCOMPARE(pretty(R"({"a":{},"b":[]})"), QByteArray("{\n    \"a\": {},\n    \"b\": []\n}"));
}

void TstJsonPrettyPrinter::topLevelKinds()
{
    JsonPrettyPrinter::Result result;
    pretty("[1]", &result);
    QCOMPARE(result.topLevel, JsonPrettyPrinter::Kind::Array);
    pretty(R"("text")", &result);
    QVERIFY(result.ok);
    QCOMPARE(result.topLevel, JsonPrettyPrinter::Kind::String);
    pretty("-12", &result);
    QVERIFY(result.ok);
    QCOMPARE(result.topLevel, JsonPrettyPrinter::Kind::Number);
    pretty(" null ", &result);
    QVERIFY(result.ok);
    QCOMPARE(result.topLevel, JsonPrettyPrinter::Kind::Literal);
}

void TstJsonPrettyPrinter::acceptsValidNumbers_data()
{
    QTest::addColumn<QByteArray>("number");
    for (const char *n : {"0", "-0", "7", "-12", "0.5", "10.25", "1e5", "1E+5", "2e-7", "-0.0e0",
                          "123456789012345678901234567890"})
        QTest::newRow(n) << QByteArray(n);
}

void TstJsonPrettyPrinter::acceptsValidNumbers()
{
    QFETCH(QByteArray, number);
    JsonPrettyPrinter::Result result;
    QCOMPARE(pretty("[" + number + "]", &result), "[\n    " + number + "\n]");
    QVERIFY2(result.ok, qPrintable(result.error));
}

void TstJsonPrettyPrinter::reportsErrors_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<qsizetype>("offset");
    QTest::addColumn<int>("line");
    QTest::addColumn<int>("column");
    QTest::addColumn<QString>("error");
    QTest::newRow("empty") << QByteArray("  ") << qsizetype(2) << 1 << 3 << "empty document";
    QTest::newRow("truncated") << QByteArray("{\"a\": [1, 2") << qsizetype(11) << 1 << 12
                               << "unexpected end";
    QTest::newRow("trailing comma")
        << QByteArray("[1,2,]") << qsizetype(5) << 1 << 6 << "unexpected character";
    QTest::newRow("missing comma")
        << QByteArray("[1 2]") << qsizetype(3) << 1 << 4 << "expected ',' or a closing bracket";
    QTest::newRow("unquoted key") << QByteArray("{\n  a: 1}") << qsizetype(4) << 2 << 3
                                  << "expected a string key";
    QTest::newRow("missing colon")
        << QByteArray(R"({"a" 1})") << qsizetype(5) << 1 << 6 << "expected ':'";
    QTest::newRow("mismatched") << QByteArray("[1}") << qsizetype(2) << 1 << 3
                                << "mismatched bracket";
    QTest::newRow("garbage") << QByteArray("{} x") << qsizetype(3) << 1 << 4
                             << "garbage after the document";
    QTest::newRow("two documents")
        << QByteArray("{}\n{}") << qsizetype(3) << 2 << 1 << "garbage after the document";
    QTest::newRow("leading zero") << QByteArray("[01]") << qsizetype(2) << 1 << 3
                                  << "expected ',' or a closing bracket";
    QTest::newRow("bare minus") << QByteArray("[-]") << qsizetype(2) << 1 << 3 << "invalid number";
    QTest::newRow("dot without digits")
        << QByteArray("[1.]") << qsizetype(3) << 1 << 4 << "invalid number";
    QTest::newRow("exponent without digits")
        << QByteArray("[1e+]") << qsizetype(4) << 1 << 5 << "invalid number";
    QTest::newRow("plus sign") << QByteArray("[+1]") << qsizetype(1) << 1 << 2
                               << "unexpected character";
    QTest::newRow("bad literal") << QByteArray("[tru]") << qsizetype(1) << 1 << 2
                                 << "unexpected character";
    QTest::newRow("single quotes")
        << QByteArray("['a']") << qsizetype(1) << 1 << 2 << "unexpected character";
    QTest::newRow("unterminated string")
        << QByteArray("[\"abc") << qsizetype(5) << 1 << 6 << "unterminated string";
    QTest::newRow("raw newline in string")
        << QByteArray("[\"a\nb\"]") << qsizetype(3) << 1 << 4 << "control character in a string";
    QTest::newRow("bad escape") << QByteArray(R"(["\x"])") << qsizetype(3) << 1 << 4
                                << "invalid escape";
    QTest::newRow("short unicode escape")
        << QByteArray(R"(["\u12G4"])") << qsizetype(6) << 1 << 7 << "invalid \\u escape";
}

void TstJsonPrettyPrinter::reportsErrors()
{
    QFETCH(QByteArray, input);
    QFETCH(qsizetype, offset);
    QFETCH(int, line);
    QFETCH(int, column);
    QFETCH(QString, error);
    JsonPrettyPrinter::Result result;
    pretty(input, &result);
    QVERIFY(!result.ok);
    QCOMPARE(result.error, error);
    QCOMPARE(result.offset, offset);
    QCOMPARE(result.line, line);
    QCOMPARE(result.column, column);
}

void TstJsonPrettyPrinter::errorColumnCountsCharactersNotBytes()
{
    JsonPrettyPrinter::Result result;
    pretty("{\"é日\": x}", &result); // é is 2 bytes, 日 3
    QVERIFY(!result.ok);
    QCOMPARE(result.offset, qsizetype(10));
    QCOMPARE(result.column, 8);
}

void TstJsonPrettyPrinter::deepNestingUpToTheLimit()
{
    const int depth = JsonPrettyPrinter::kMaxDepth;
    const QByteArray input = QByteArray(depth, '[') + QByteArray(depth, ']');
    JsonPrettyPrinter::Result result;
    const QByteArray out = pretty(input, &result);
    QVERIFY2(result.ok, qPrintable(result.error));
    const QList<QByteArray> lines = out.split('\n');
    QCOMPARE(lines.size(), 2 * depth - 1); // the innermost pair is "[]" on one line
    QCOMPARE(lines.at(depth - 1), QByteArray((depth - 1) * 4, ' ') + "[]");
    QCOMPARE(lines.last(), QByteArray("]"));
}

void TstJsonPrettyPrinter::nestingPastTheLimitIsAnError()
{
    const int depth = 100000; // no recursion: this must not overflow the stack either
    JsonPrettyPrinter::Result result;
    pretty(QByteArray(depth, '[') + QByteArray(depth, ']'), &result);
    QVERIFY(!result.ok);
    QCOMPARE(result.error, QStringLiteral("nested too deeply"));
    QCOMPARE(result.offset, qsizetype(JsonPrettyPrinter::kMaxDepth));
}

void TstJsonPrettyPrinter::hugeArrayMatchesQJsonDocumentValues()
{
    QByteArray input = "[";
    for (int i = 0; i < 200000; ++i)
        input += (i ? "," : "") + QByteArray::number(i) + ",\"s" + QByteArray::number(i) + "\"";
    input += "]";
    JsonPrettyPrinter::Result result;
    const QByteArray out = pretty(input, &result);
    QVERIFY(result.ok);
    QCOMPARE(out.count('\n'), 400001);
    // Same values as Qt's own parser reads from the compact input.
    QJsonParseError error{};
    const QJsonDocument ours = QJsonDocument::fromJson(out, &error);
    QCOMPARE(error.error, QJsonParseError::NoError);
    QCOMPARE(ours, QJsonDocument::fromJson(input));
}

void TstJsonPrettyPrinter::chunksAreWholeLinesAndAddUp()
{
    QByteArray input = R"({"items":[)";
    for (int i = 0; i < 5000; ++i)
        input += (i ? "," : "") + QByteArray(R"({"id":)") + QByteArray::number(i) + "}";
    input += "]}";
    const QByteArray whole = pretty(input);
    QList<QByteArray> chunks;
    const JsonPrettyPrinter::Result result = JsonPrettyPrinter().format(
        input, [&chunks](QByteArrayView chunk) { chunks.append(chunk.toByteArray()); }, 4096);
    QVERIFY(result.ok);
    QVERIFY(chunks.size() > 10);
    QCOMPARE(chunks.join(), whole);
    for (qsizetype i = 1; i < chunks.size(); ++i) {
        QVERIFY(chunks.at(i).startsWith('\n')); // so each chunk before it ended a line
        QVERIFY(chunks.at(i - 1).size() >= 4096);
        QVERIFY(chunks.at(i - 1).size() < 4096 + 100);
    }
    // Invalid input: the chunks sunk stop at the error, and the result says so.
    chunks.clear();
    const JsonPrettyPrinter::Result bad = JsonPrettyPrinter().format(
        input.left(input.size() - 1),
        [&chunks](QByteArrayView c) { chunks.append(c.toByteArray()); }, 4096);
    QVERIFY(!bad.ok);
    QCOMPARE(bad.error, QStringLiteral("unexpected end"));
    QVERIFY(whole.startsWith(chunks.join()));
}

QTEST_GUILESS_MAIN(TstJsonPrettyPrinter)
#include "tst_json_pretty_printer.moc"
