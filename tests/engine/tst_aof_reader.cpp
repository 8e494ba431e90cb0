// aof::CommandReader (persistence/aof_reader): the RESP commands of an AOF part read from
// memory, and the same bytes streamed through buffers of every size down to the smallest the
// reader allows, with part of them handed over as the "head" an RDB preamble's cursor read
// ahead. Each way must give the same commands and the same verdict at the same offset: a
// file's fate at start-up (loaded, truncated under aof-load-truncated, refused) must not
// depend on where the buffer boundaries fall. The verdicts themselves are pinned for the
// cases that decide them: every cut of a valid file, and malformed number lines at and
// around the length the reader looks at before calling a line malformed.
#include "persistence/aof_reader.h"

#include <QtTest>

#include <algorithm>
#include <cstring>
#include <string>
#include <vector>

using redscope::engine::aof::CommandReader;
using Parse = CommandReader::Parse;

namespace {

// A file's bytes, handed out at most `chunk` at a time; `yields` of them at most (fewer than
// the size it reports: a file that shrank or a read that failed).
class MemorySource : public redscope::engine::rdb::ByteSource
{
public:
    MemorySource(std::string_view data, size_t chunk, size_t yields)
        : m_data(data)
        , m_chunk(chunk)
        , m_yields(std::min(yields, data.size()))
    {
    }
    size_t read(char *buffer, size_t n) override
    {
        n = std::min({n, m_chunk, m_yields - m_at});
        std::memcpy(buffer, m_data.data() + m_at, n);
        m_at += n;
        return n;
    }
    uint64_t size() const override { return m_data.size(); }

private:
    std::string_view m_data;
    size_t m_chunk;
    size_t m_yields;
    size_t m_at = 0;
};

std::string resp(const std::vector<std::string> &argv)
{
    std::string out = "*" + std::to_string(argv.size()) + "\r\n";
    for (const std::string &a : argv)
        out += "$" + std::to_string(a.size()) + "\r\n" + a + "\r\n";
    return out;
}

const char *name(Parse p)
{
    switch (p) {
    case Parse::Ok:
        return "Ok";
    case Parse::End:
        return "End";
    case Parse::Truncated:
        return "Truncated";
    case Parse::Bad:
        return "Bad";
    case Parse::ReadError:
        return "ReadError";
    }
    return "?";
}

// Every command as "end offset:arg|arg|..." on a line (CR and LF in arguments escaped), then
// the verdict that ended the walk and where that command started (what the replay reports).
std::string walk(CommandReader &reader)
{
    std::string out;
    std::vector<std::string> argv;
    while (true) {
        const uint64_t start = reader.offset();
        const Parse p = reader.next(&argv);
        if (p != Parse::Ok) return out + name(p) + "@" + std::to_string(start);
        out += std::to_string(reader.offset()) + ":";
        for (const std::string &a : argv) {
            for (char c : a)
                out += c == '\r'   ? std::string("\\r")
                       : c == '\n' ? std::string("\\n")
                                   : std::string(1, c);
            out += "|";
        }
        out += "\n";
    }
}

std::string walkInMemory(std::string_view data)
{
    CommandReader reader(data);
    return walk(reader);
}

// The walk's verdict line only ("Truncated@12").
std::string verdict(const std::string &walked)
{
    return walked.substr(walked.rfind('\n') + 1);
}

// Walks data streamed every way and compares each with the walk in memory.
void compareStreamed(const std::string &data)
{
    const std::string expected = walkInMemory(data);
    const size_t buffers[] = {1, CommandReader::kLineWindow + 1, 64, 300, 1 << 16};
    const size_t heads[] = {0, 1, 3, 40, data.size() / 2, data.size()};
    const size_t chunks[] = {1, 7, SIZE_MAX};
    for (size_t bufferBytes : buffers)
        for (size_t head : heads)
            for (size_t chunk : chunks) {
                head = std::min(head, data.size());
                const std::string_view rest = std::string_view(data).substr(head);
                MemorySource source(rest, chunk, SIZE_MAX);
                CommandReader reader(std::string_view(data).substr(0, head), &source, data.size(),
                                     bufferBytes);
                const std::string got = walk(reader);
                if (got != expected)
                    QFAIL(
                        qPrintable(QStringLiteral("buffer %1 head %2 chunk %3:\n%4\nexpected:\n%5")
                                       .arg(bufferBytes)
                                       .arg(head)
                                       .arg(chunk == SIZE_MAX ? -1 : qint64(chunk))
                                       .arg(QString::fromStdString(got).left(400),
                                            QString::fromStdString(expected).left(400))));
            }
}

std::string sampleFile()
{
    std::string big(5000, 'x');
    for (size_t i = 0; i < big.size(); ++i)
        big[i] = static_cast<char>("ab\r\n$*0"[i % 7]);
    return resp({"SELECT", "0"}) + resp({"SET", "k", ""}) + resp({"RPUSH", "l", "a\r\nb", "c"}) +
           resp({"MULTI"}) + resp({"SET", "big", big}) + resp({"EXEC"}) +
           resp({"SET", "mid", std::string(200, '*')}) + resp({"DEL", "k"});
}

} // namespace

class TestAofReader : public QObject
{
    Q_OBJECT

private slots:
    void wholeFileReadsTheSameEveryWay()
    {
        const std::string file = sampleFile();
        const std::string walked = walkInMemory(file);
        QCOMPARE(verdict(walked), "End@" + std::to_string(file.size()));
        QCOMPARE(std::count(walked.begin(), walked.end(), '\n'), 8);
        compareStreamed(file);
    }

    // A crash mid-write leaves any prefix of a valid file: every one of them reads as the
    // complete commands before the cut, then Truncated at the cut command's start (End when
    // the cut falls between commands), however it is streamed.
    void everyCutIsTruncatedAtTheCutCommand()
    {
        const std::string file = sampleFile();
        std::vector<size_t> ends;
        {
            CommandReader reader(file);
            std::vector<std::string> argv;
            while (reader.next(&argv) == Parse::Ok)
                ends.push_back(reader.offset());
        }
        for (size_t cut = 0; cut < file.size(); ++cut) {
            const std::string prefix = file.substr(0, cut);
            size_t start = 0;
            for (size_t end : ends)
                if (end <= cut) start = end;
            const std::string expected =
                (start == cut ? "End@" : "Truncated@") + std::to_string(start);
            QCOMPARE(verdict(walkInMemory(prefix)), expected);
            // The full cross-product for every cut would take minutes: the cuts around the
            // big argument and every 37th elsewhere.
            if (cut % 37 == 0 || (cut > 90 && cut < 140) || cut + 60 > file.size())
                compareStreamed(prefix);
        }
    }

    // Malformed input is Bad where the malformed command starts; a number line without its
    // "\r\n" is Truncated only when the input ends within 32 bytes of it.
    void malformedInputIsBad_data()
    {
        QTest::addColumn<QByteArray>("tail");
        QTest::addColumn<QString>("verdict"); // at the tail's start
        QTest::newRow("inline garbage") << QByteArray("garbage\r\n") << "Bad";
        QTest::newRow("zero count") << QByteArray("*0\r\n") << "Bad";
        QTest::newRow("negative count") << QByteArray("*-1\r\n") << "Bad";
        QTest::newRow("negative length") << QByteArray("*1\r\n$-1\r\n") << "Bad";
        QTest::newRow("integer for a bulk") << QByteArray("*1\r\n:3\r\nabc\r\n") << "Bad";
        QTest::newRow("bad terminator") << QByteArray("*1\r\n$3\r\nabcXY") << "Bad";
        QTest::newRow("leading zero") << QByteArray("*1\r\n$03\r\nabc\r\n") << "Bad";
        QTest::newRow("length past int64") << QByteArray("*1\r\n$9223372036854775808\r\n") << "Bad";
        QTest::newRow("huge length, cut")
            << QByteArray("*1\r\n$9223372036854775807\r\nab") << "Truncated";
        QTest::newRow("31 digits then CRLF")
            << QByteArray("*" + QByteArray(31, '1') + "\r\n") << "Bad";
        QTest::newRow("32 digits then CRLF")
            << QByteArray("*" + QByteArray(32, '1') + "\r\n") << "Bad";
        QTest::newRow("33 digits then CRLF")
            << QByteArray("*" + QByteArray(33, '1') + "\r\n") << "Bad";
        QTest::newRow("count, 32 bytes left")
            << QByteArray("*" + QByteArray(31, '1')) << "Truncated";
        QTest::newRow("count, 33 bytes left") << QByteArray("*" + QByteArray(32, '1')) << "Bad";
        QTest::newRow("CR at the end") << QByteArray("*1\r") << "Truncated";
        QTest::newRow("count only") << QByteArray("*2\r\n") << "Truncated";
        QTest::newRow("length, then nothing") << QByteArray("*1\r\n$4\r\n") << "Truncated";
    }
    void malformedInputIsBad()
    {
        QFETCH(QByteArray, tail);
        QFETCH(QString, verdict);
        const std::string good = resp({"SET", "a", "1"});
        const std::string file = good + tail.toStdString();
        QCOMPARE(QString::fromStdString(::verdict(walkInMemory(file))),
                 verdict + "@" + QString::number(good.size()));
        compareStreamed(file);
    }

    // A source that gives fewer bytes than its size (an I/O error, a file cut while read) is
    // a ReadError where the command it cut starts, both in a short argument read through the
    // buffer and in a long one read straight into its string.
    void sourceFallingShortIsAReadError()
    {
        const std::string file = sampleFile();
        const size_t bigAt = file.find("*3\r\n$3\r\nSET\r\n$3\r\nbig");
        QVERIFY(bigAt != std::string::npos);
        const size_t delAt = file.rfind("*2\r\n$3\r\nDEL");
        const std::pair<size_t, size_t> cases[] = {
            {5, 0}, {bigAt + 30, bigAt}, {bigAt + 4000, bigAt}, {file.size() - 3, delAt}};
        for (const auto &[yields, at] : cases) {
            MemorySource source(file, 1000, yields);
            CommandReader reader({}, &source, file.size(), 64);
            QCOMPARE(verdict(walk(reader)), "ReadError@" + std::to_string(at));
        }
    }
};

QTEST_GUILESS_MAIN(TestAofReader)
#include "tst_aof_reader.moc"
