// LOLWUT (commands/lolwut_command.cpp) against Debian's redis-server 7.0.15: the plain version
// line and every argument error compared exactly; Schotter with one or two rows of squares
// (which Redis does not randomise) compared byte for byte; the random drawings (more rows of
// Schotter, the VERSION 6 skyline) compared by shape: the same number of lines, the same
// width of each, only Braille cells or the four grey levels, and the same trailer.
#include "raw_connection.h"
#include "redis_test_client.h"
#include "side_by_side.h"
#include "test_server.h"

#include <QtTest>

#include <regex>
#include <set>
#include <string>
#include <vector>

using redscope::test::RawConnection;
using redscope::test::RedisTestClient;
using redscope::test::ServerPair;

namespace {

// The drawing split at "\n" (a trailing empty line is kept as "").
std::vector<std::string> linesOf(const std::string &text)
{
    std::vector<std::string> lines;
    size_t start = 0;
    for (size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
        lines.push_back(text.substr(start, nl - start));
    lines.push_back(text.substr(start));
    return lines;
}

struct Shape
{
    std::vector<size_t> widths; // cells per art line
    std::set<std::string> cells;
    std::string trailer; // the text after the art
    std::string problem;
};

// Schotter: lines of 3-byte Braille characters, an empty line, then one trailer line.
Shape brailleShape(const std::string &text)
{
    Shape shape;
    const size_t trailer = text.rfind("\nGeorg Nees");
    if (trailer == std::string::npos) return shape.problem = "no trailer: " + text, shape;
    shape.trailer = text.substr(trailer);
    for (const std::string &line : linesOf(text.substr(0, trailer))) {
        if (line.size() % 3 != 0) shape.problem = "a line is not whole Braille characters";
        for (size_t i = 0; i + 3 <= line.size(); i += 3) {
            const std::string cell = line.substr(i, 3);
            // U+2800..U+28FF: E2 A0..A3 80..BF
            const auto b = [&](int k) { return static_cast<unsigned char>(cell[k]); };
            if (b(0) != 0xE2 || b(1) < 0xA0 || b(1) > 0xA3 || (b(2) & 0xC0) != 0x80)
                shape.problem = "not a Braille cell";
            shape.cells.insert(cell);
        }
        shape.widths.push_back(line.size() / 3);
    }
    return shape;
}

// The skyline: lines of "ESC[<colour>m ESC[0m" cells, then the two-line trailer.
Shape ansiShape(const std::string &text)
{
    Shape shape;
    const size_t trailer = text.rfind("\nDedicated to the 8 bit");
    if (trailer == std::string::npos) return shape.problem = "no trailer", shape;
    shape.trailer = text.substr(trailer);
    static const std::regex cell("\033\\[([0-9;]+m) \033\\[0m");
    for (const std::string &line : linesOf(text.substr(0, trailer))) {
        size_t count = 0;
        std::string rest = std::regex_replace(line, cell, "");
        if (!rest.empty()) shape.problem = "unexpected text in a line: " + rest;
        for (auto it = std::sregex_iterator(line.begin(), line.end(), cell);
             it != std::sregex_iterator(); ++it, ++count)
            shape.cells.insert((*it)[1].str());
        shape.widths.push_back(count);
    }
    return shape;
}

std::string bulkText(RedisTestClient &client, const std::vector<std::string> &args)
{
    auto reply = client.command(args);
    if (!reply || reply->type != REDIS_REPLY_STRING) return "<not a bulk string>";
    return std::string(reply->str, reply->len);
}

} // namespace

class TestLolwut : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair;

    std::string ours(const std::vector<std::string> &args)
    {
        return bulkText(m_pair.oursClient(), args);
    }
    std::string redis(const std::vector<std::string> &args)
    {
        return bulkText(m_pair.redisClient(), args);
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error), error.c_str());
    }

    void plainVersionAndErrorsLikeRedis()
    {
        QCOMPARE(ours({"LOLWUT"}), std::string("Redis ver. 7.0.15\n"));
        REDSCOPE_VERIFY_SAME(m_pair.compare({
            {"LOLWUT"},
            {"lolwut", "anything", "else"},
            {"LOLWUT", "VERSION"},
            {"LOLWUT", "VERSION", "4"},
            {"LOLWUT", "VERSION", "7"},
            {"LOLWUT", "version", "-5"},
            {"LOLWUT", "VERSION", "0"},
            {"LOLWUT", "VERSION", "abc"},
            {"LOLWUT", "VERSION", "5.0"},
            {"LOLWUT", "VERSION", "99999999999999999999"},
            {"LOLWUT", "VERSION", "5", "abc"},
            {"LOLWUT", "VERSION", "5", "10", "x"},
            {"LOLWUT", "VERSION", "5", "10", "2", "1.5"},
            {"LOLWUT", "VERSION", "6", "x"},
            {"LOLWUT", "VERSION", "6", "10", "abc"},
            {"COMMAND", "INFO", "lolwut"},
            {"COMMAND", "DOCS", "lolwut"},
        }));
    }

    // With at most two rows of squares nothing is random: the bytes must be redis-server's.
    // Covers the padding (none below 5 columns), clamping, and fractional square sizes.
    void straightSchotterIsByteIdentical()
    {
        const std::vector<std::vector<std::string>> sizes = {
            {"66", "8", "2"},   {"66", "8", "1"},  {"1", "1", "1"},      {"0", "0", "0"},
            {"3", "2", "2"},    {"4", "4", "1"},   {"5", "3", "2"},      {"10", "3", "1"},
            {"40", "1", "2"},   {"17", "7", "2"},  {"2000", "300", "2"}, {"-4", "-4", "-4"},
            {"123", "11", "2"}, {"80", "200", "1"}};
        for (const auto &size : sizes) {
            std::vector<std::string> args{"LOLWUT", "VERSION", "5"};
            args.insert(args.end(), size.begin(), size.end());
            const std::string fromRedis = redis(args);
            QVERIFY2(fromRedis.find("Georg Nees") != std::string::npos, fromRedis.c_str());
            QVERIFY2(ours(args) == fromRedis, (redscope::test::joinArgs(args) + "\nours:\n" +
                                               ours(args) + "\nredis:\n" + fromRedis)
                                                  .c_str());
        }
        // VERSION is truncated to 32 bits, as Redis formats it: 2^32 + 5 is version 5.
        QCOMPARE(ours({"LOLWUT", "VERSION", "4294967301", "3", "2", "2"}),
                 redis({"LOLWUT", "VERSION", "4294967301", "3", "2", "2"}));
    }

    void randomSchotterHasRedisShape()
    {
        const std::vector<std::vector<std::string>> calls = {
            {"LOLWUT", "VERSION", "5"},
            {"LOLWUT", "VERSION", "5", "20", "4", "6"},
            {"LOLWUT", "VERSION", "5", "33", "3", "9"},
            {"LOLWUT", "VERSION", "5", "8", "8", "200"}};
        for (const auto &args : calls) {
            const Shape mine = brailleShape(ours(args)), theirs = brailleShape(redis(args));
            const std::string name = redscope::test::joinArgs(args);
            QVERIFY2(mine.problem.empty(), (name + ": " + mine.problem).c_str());
            QVERIFY2(theirs.problem.empty(), (name + ": " + theirs.problem).c_str());
            QCOMPARE(mine.widths, theirs.widths);
            QCOMPARE(mine.trailer, theirs.trailer);
            // Tilted squares: more than the straight rows' few distinct cells.
            QVERIFY2(mine.cells.size() > 10, name.c_str());
        }
        // Two draws differ (the lower rows are random).
        QVERIFY(ours({"LOLWUT", "VERSION", "5"}) != ours({"LOLWUT", "VERSION", "5"}));
    }

    void skylineHasRedisShape()
    {
        const std::vector<std::vector<std::string>> calls = {
            {"LOLWUT", "VERSION", "6"},
            {"LOLWUT", "VERSION", "6", "10", "5"},
            {"LOLWUT", "VERSION", "6", "1", "1"},
            {"LOLWUT", "VERSION", "6", "0", "-3"},
            {"LOLWUT", "VERSION", "6", "1200", "3"},
            {"LOLWUT", "VERSION", "6", "3", "1500"},
            {"LOLWUT", "VERSION", "6", "160", "40"}};
        const std::set<std::string> greys = {"0;30;40m", "0;90;100m", "0;37;47m", "0;97;107m"};
        for (const auto &args : calls) {
            const Shape mine = ansiShape(ours(args)), theirs = ansiShape(redis(args));
            const std::string name = redscope::test::joinArgs(args);
            QVERIFY2(mine.problem.empty(), (name + ": " + mine.problem).c_str());
            QVERIFY2(theirs.problem.empty(), (name + ": " + theirs.problem).c_str());
            QCOMPARE(mine.widths, theirs.widths);
            QCOMPARE(mine.trailer, theirs.trailer);
            for (const std::string &cell : mine.cells)
                QVERIFY2(greys.count(cell), (name + ": " + cell).c_str());
        }
        // At the default size: sky, both grey towers and black towers with lit windows.
        const Shape city = ansiShape(ours({"LOLWUT", "VERSION", "6"}));
        QCOMPARE(city.cells, greys);
        const std::vector<std::string> rows = linesOf(ours({"LOLWUT", "VERSION", "6"}));
        QVERIFY(rows.front().find("0;97;107m") != std::string::npos); // sky on top
    }

    // RESP3 gets a verbatim string ("=", "txt:"), as from redis-server.
    void verbatimInResp3()
    {
        RawConnection ours(m_pair.ours().port()), redis(m_pair.redis().port());
        ours.sendForReply({"HELLO", "3"});
        redis.sendForReply({"HELLO", "3"});
        const std::string expected = "=22\r\ntxt:Redis ver. 7.0.15\n\r\n";
        QCOMPARE(redis.sendForReply({"LOLWUT"}), expected);
        QCOMPARE(ours.sendForReply({"LOLWUT"}), expected);
        QCOMPARE(ours.sendForReply({"LOLWUT", "VERSION", "x"}),
                 std::string("-ERR value is not an integer or out of range\r\n"));
    }
};

QTEST_GUILESS_MAIN(TestLolwut)
#include "tst_lolwut.moc"
