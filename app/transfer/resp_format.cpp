// Command files: the RESP export (what redis-cli --pipe replays), its reader, and the reader
// of plain redis-cli command lines (redis-cli's quoting, through console/command_line.h).
// A RESP reader that loses the framing (a wrong length, a truncated file) stops with the byte
// offset: nothing after that point can be trusted. A bad command line is confined to its line.
#include "transfer/record_files.h"
#include "transfer/record_formats_p.h"

#include "console/command_line.h"

#include <QCoreApplication>

namespace redscope::Internal {

namespace {

class RespWriter : public RecordWriter
{
public:
    explicit RespWriter(TtlMode ttl)
        : m_ttl(ttl)
    {
    }
    bool open(const QString &path, QString *error) { return m_out.open(path, error); }

    bool write(const KeyRecord &r, bool *unsupported, QString *error) override
    {
        *unsupported = r.value.type == engine::RdbType::Module;
        if (*unsupported) return true;
        m_commands.clear();
        appendRebuild(r, true, m_ttl, m_now, &m_commands);
        for (const auto &command : std::as_const(m_commands))
            appendResp(command, &m_out.buffer());
        return m_out.maybeFlush(error);
    }
    bool writeCommand(const TransferCommand &command, QString *error) override
    {
        appendResp(command, &m_out.buffer());
        return m_out.maybeFlush(error);
    }
    bool finish(QString *error) override { return m_out.finish(error); }
    qint64 bytesWritten() const override { return m_out.bytesWritten(); }

private:
    BufferedFile m_out;
    TtlMode m_ttl;
    qint64 m_now = nowMs();
    QList<TransferCommand> m_commands;
};

// Reads RESP arrays of bulk strings through a buffer, keeping the absolute offset.
class RespReader : public RecordReader
{
public:
    bool open(const QString &path, QString *error)
    {
        m_file.setFileName(path);
        if (!m_file.open(QIODevice::ReadOnly)) {
            *error = QCoreApplication::translate("redscope::Transfer", "Cannot read %1: %2")
                         .arg(path, m_file.errorString());
            return false;
        }
        return true;
    }

    bool run(const std::function<bool(ImportItem &)> &onItem,
             const std::function<void(const ReadProblem &)> &onProblem, QString *fatal) override
    {
        ImportItem item;
        item.isCommand = true;
        qint64 ordinal = 0;
        while (true) {
            if (!fill(1)) return true; // clean end between commands
            const qint64 start = offset();
            const auto fail = [&](const QString &what) {
                *fatal = QCoreApplication::translate("redscope::Transfer", "byte offset %1: %2")
                             .arg(offset())
                             .arg(what);
                onProblem({0, offset(), *fatal});
                return false;
            };
            qint64 count = 0;
            if (!header('*', &count)) return fail(m_headerError);
            if (count < 1 || count > 1024 * 1024)
                return fail(
                    QCoreApplication::translate("redscope::Transfer", "bad argument count"));
            item.command.clear();
            item.command.reserve(count);
            for (qint64 i = 0; i < count; ++i) {
                qint64 len = 0;
                if (!header('$', &len)) return fail(m_headerError);
                if (len < 0 || len > (qint64(512) << 20))
                    return fail(QCoreApplication::translate("redscope::Transfer",
                                                            "bad bulk string length %1")
                                    .arg(len));
                if (!fill(len + 2))
                    return fail(QCoreApplication::translate("redscope::Transfer",
                                                            "the file ends inside an argument"));
                if (m_buffer[m_pos + len] != '\r' || m_buffer[m_pos + len + 1] != '\n') {
                    m_pos += len;
                    return fail(QCoreApplication::translate(
                                    "redscope::Transfer", "expected CRLF after a %1-byte argument")
                                    .arg(len));
                }
                item.command.append(m_buffer.mid(m_pos, len));
                m_pos += len + 2;
            }
            item.ordinal = ordinal++;
            item.offset = start;
            if (!onItem(item)) return true;
        }
    }
    qint64 fileSize() const override { return m_file.size(); }
    qint64 position() const override { return offset(); }

private:
    qint64 offset() const { return m_consumed + m_pos; }

    // At least n bytes available from m_pos; false at the end of the file.
    bool fill(qint64 n)
    {
        if (m_buffer.size() - m_pos >= n) return true;
        m_consumed += m_pos;
        m_buffer.remove(0, m_pos);
        m_pos = 0;
        while (m_buffer.size() < n) {
            const QByteArray more = m_file.read(qMax<qint64>(n - m_buffer.size(), 1 << 20));
            if (more.isEmpty()) return false;
            m_buffer.append(more);
        }
        return true;
    }

    // "<prefix><digits>\r\n"
    bool header(char prefix, qint64 *value)
    {
        if (!fill(1) || m_buffer[m_pos] != prefix) {
            m_headerError = fill(1) ? QCoreApplication::translate("redscope::Transfer",
                                                                  "expected '%1', found byte 0x%2")
                                          .arg(QLatin1Char(prefix))
                                          .arg(uchar(m_buffer[m_pos]), 2, 16, QLatin1Char('0'))
                                    : QCoreApplication::translate("redscope::Transfer",
                                                                  "the file ends inside a command");
            return false;
        }
        qsizetype end = -1;
        for (qint64 want = 32; end < 0; want += 32) {
            const bool more = fill(want);
            end = m_buffer.indexOf("\r\n", m_pos);
            if (end < 0 && (!more || want > 64)) {
                m_headerError =
                    QCoreApplication::translate("redscope::Transfer", "a length line without CRLF");
                return false;
            }
        }
        bool ok = false;
        *value = m_buffer.mid(m_pos + 1, end - m_pos - 1).toLongLong(&ok);
        if (!ok) {
            m_headerError =
                QCoreApplication::translate("redscope::Transfer", "not a number after '%1'")
                    .arg(QLatin1Char(prefix));
            return false;
        }
        m_pos = end + 2;
        return true;
    }

    QFile m_file;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qint64 m_consumed = 0;
    QString m_headerError;
};

class CommandsReader : public LineFileReader
{
public:
    bool run(const std::function<bool(ImportItem &)> &onItem,
             const std::function<void(const ReadProblem &)> &onProblem, QString *) override
    {
        ImportItem item;
        item.isCommand = true;
        QByteArray line;
        int lineNo = 0;
        qint64 ordinal = 0;
        while (m_in.readLine(&line)) {
            ++lineNo;
            const QByteArray trimmed = line.trimmed();
            if (trimmed.isEmpty() || trimmed.startsWith('#')) continue;
            const CommandLine::Result parsed = CommandLine::split(line);
            if (!parsed.ok() || parsed.args.isEmpty()) {
                onProblem(
                    {lineNo, m_in.lineOffset(),
                     QCoreApplication::translate("redscope::Transfer", "line %1, column %2: %3")
                         .arg(lineNo)
                         .arg(parsed.errorPosition + 1)
                         .arg(parsed.ok()
                                  ? QCoreApplication::translate("redscope::Transfer", "no command")
                                  : parsed.error)});
                ++ordinal;
                continue;
            }
            item.command = parsed.args;
            item.ordinal = ordinal++;
            item.line = lineNo;
            item.offset = m_in.lineOffset();
            if (!onItem(item)) return true;
        }
        return true;
    }
};

} // namespace

std::unique_ptr<RecordWriter> createRespWriter(const QString &path, TtlMode ttl, QString *error)
{
    return opened(std::make_unique<RespWriter>(ttl), path, error);
}

std::unique_ptr<RecordReader> createRespReader(const QString &path, QString *error)
{
    return opened(std::make_unique<RespReader>(), path, error);
}

std::unique_ptr<RecordReader> createCommandsReader(const QString &path, QString *error)
{
    return opened(std::make_unique<CommandsReader>(), path, error);
}

} // namespace redscope::Internal
