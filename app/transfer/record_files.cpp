// The format factories and the shared file plumbing of record_files.h / record_formats_p.h.
#include "transfer/record_files.h"
#include "transfer/record_formats_p.h"

#include <QCoreApplication>
#include <QFileInfo>

namespace redscope {

using namespace Internal;

QString formatName(TransferFormat format)
{
    switch (format) {
    case TransferFormat::JsonLines:
        return QCoreApplication::translate("redscope::Transfer", "JSON Lines");
    case TransferFormat::Csv:
        return QCoreApplication::translate("redscope::Transfer", "CSV (strings and hashes)");
    case TransferFormat::Resp:
        return QCoreApplication::translate("redscope::Transfer",
                                           "RESP commands (redis-cli --pipe)");
    case TransferFormat::Rdb:
        return QCoreApplication::translate("redscope::Transfer", "RDB file (dump.rdb)");
    case TransferFormat::Commands:
        return QCoreApplication::translate("redscope::Transfer", "redis-cli command lines");
    }
    return {};
}

QString formatExtension(TransferFormat format)
{
    switch (format) {
    case TransferFormat::JsonLines:
        return QStringLiteral("jsonl");
    case TransferFormat::Csv:
        return QStringLiteral("csv");
    case TransferFormat::Resp:
        return QStringLiteral("resp");
    case TransferFormat::Rdb:
        return QStringLiteral("rdb");
    case TransferFormat::Commands:
        return QStringLiteral("txt");
    }
    return {};
}

TransferFormat guessFormat(const QString &path)
{
    const QString suffix = QFileInfo(path).suffix().toLower();
    if (suffix == QLatin1String("csv")) return TransferFormat::Csv;
    if (suffix == QLatin1String("resp") || suffix == QLatin1String("pipe"))
        return TransferFormat::Resp;
    if (suffix == QLatin1String("txt") || suffix == QLatin1String("redis"))
        return TransferFormat::Commands;
    QFile file(path);
    if (file.open(QIODevice::ReadOnly)) {
        const QByteArray head = file.read(5);
        if (head == "REDIS") return TransferFormat::Rdb;
        if (head.startsWith('*')) return TransferFormat::Resp;
    }
    if (suffix == QLatin1String("rdb")) return TransferFormat::Rdb;
    return TransferFormat::JsonLines;
}

void TransferSummary::addProblem(const QString &text)
{
    ++problemCount;
    if (problems.size() < 1000) problems.append(text);
}

QString TransferSummary::text() const
{
    QStringList parts;
    parts << QCoreApplication::translate("redscope::Transfer", "%1 keys done").arg(keysDone);
    if (keysTotal >= 0)
        parts.last() += QCoreApplication::translate("redscope::Transfer", " of %1").arg(keysTotal);
    if (commandsTotal >= 0)
        parts << QCoreApplication::translate("redscope::Transfer", "%1 of %2 commands")
                     .arg(commandsRead)
                     .arg(commandsTotal);
    if (compare)
        parts << QCoreApplication::translate("redscope::Transfer",
                                             "%1 equal, %2 only in A, %3 only in B, %4 different")
                     .arg(equal)
                     .arg(onlyInA)
                     .arg(onlyInB)
                     .arg(different);
    if (wouldCreate || wouldReplace)
        parts << QCoreApplication::translate("redscope::Transfer",
                                             "would create %1, would replace %2")
                     .arg(wouldCreate)
                     .arg(wouldReplace);
    if (keysSkipped)
        parts << QCoreApplication::translate("redscope::Transfer", "%1 skipped").arg(keysSkipped);
    if (keysExpired)
        parts << QCoreApplication::translate("redscope::Transfer", "%1 already expired")
                     .arg(keysExpired);
    if (keysFailed)
        parts << QCoreApplication::translate("redscope::Transfer", "%1 failed").arg(keysFailed);
    if (usedRebuild)
        parts << QCoreApplication::translate("redscope::Transfer",
                                             "rebuilt type by type (RESTORE not accepted)");
    if (bytes) parts << QCoreApplication::translate("redscope::Transfer", "%1 bytes").arg(bytes);
    parts << QCoreApplication::translate("redscope::Transfer", "%1 s").arg(seconds, 0, 'f', 1);
    QString text = parts.join(QStringLiteral(", "));
    if (cancelled) text.prepend(QCoreApplication::translate("redscope::Transfer", "Cancelled: "));
    if (!error.isEmpty())
        text.prepend(QCoreApplication::translate("redscope::Transfer", "Stopped: %1\n").arg(error));
    if (resumeFrom >= 0)
        text += QCoreApplication::translate("redscope::Transfer", "\nResume starts at record %1.")
                    .arg(resumeFrom);
    return text;
}

bool isValidUtf8(const char *data, size_t size)
{
    const auto *s = reinterpret_cast<const unsigned char *>(data);
    size_t i = 0;
    while (i < size) {
        const unsigned char c = s[i];
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        uint32_t cp = 0;
        if ((c & 0xe0) == 0xc0) {
            extra = 1;
            cp = c & 0x1f;
        } else if ((c & 0xf0) == 0xe0) {
            extra = 2;
            cp = c & 0x0f;
        } else if ((c & 0xf8) == 0xf0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + size_t(extra) >= size) return false;
        for (int k = 1; k <= extra; ++k) {
            if ((s[i + size_t(k)] & 0xc0) != 0x80) return false;
            cp = cp << 6 | (s[i + size_t(k)] & 0x3f);
        }
        static const uint32_t minimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[extra] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        i += size_t(extra) + 1;
    }
    return true;
}

std::unique_ptr<RecordWriter> createRecordWriter(TransferFormat format, const QString &path,
                                                 TtlMode ttl, int db, QString *error)
{
    switch (format) {
    case TransferFormat::JsonLines:
        return createJsonLinesWriter(path, ttl, error);
    case TransferFormat::Csv:
        return createCsvWriter(path, ttl, error);
    case TransferFormat::Resp:
        return createRespWriter(path, ttl, error);
    case TransferFormat::Rdb:
        return createRdbWriter(path, db, error);
    case TransferFormat::Commands:
        break;
    }
    *error = QCoreApplication::translate("redscope::Transfer", "Export to %1 is not offered")
                 .arg(formatName(format));
    return nullptr;
}

std::unique_ptr<RecordReader> createRecordReader(TransferFormat format, const QString &path,
                                                 int dbFilter, QString *error)
{
    switch (format) {
    case TransferFormat::JsonLines:
        return createJsonLinesReader(path, error);
    case TransferFormat::Csv:
        return createCsvReader(path, error);
    case TransferFormat::Resp:
        return createRespReader(path, error);
    case TransferFormat::Commands:
        return createCommandsReader(path, error);
    case TransferFormat::Rdb:
        return createRdbReader(path, dbFilter, error);
    }
    return nullptr;
}

namespace Internal {

BufferedFile::~BufferedFile()
{
    if (!m_finished && m_file.isOpen()) {
        m_file.close();
        m_file.remove();
    }
}

bool BufferedFile::open(const QString &path, QString *error)
{
    m_path = path;
    m_file.setFileName(path + QStringLiteral(".part"));
    if (!m_file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
        *error = QCoreApplication::translate("redscope::Transfer", "Cannot write %1: %2")
                     .arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    return true;
}

bool BufferedFile::flush(QString *error)
{
    if (m_file.write(m_buffer) != m_buffer.size()) {
        *error = QCoreApplication::translate("redscope::Transfer", "Writing %1 failed: %2")
                     .arg(m_file.fileName(), m_file.errorString());
        return false;
    }
    m_written += m_buffer.size();
    m_buffer.clear();
    return true;
}

bool BufferedFile::finish(QString *error)
{
    if (!flush(error)) return false;
    m_file.close();
    QFile::remove(m_path);
    if (!m_file.rename(m_path)) {
        *error = QCoreApplication::translate("redscope::Transfer", "Cannot rename to %1: %2")
                     .arg(m_path, m_file.errorString());
        return false;
    }
    m_finished = true;
    return true;
}

bool LineFile::open(const QString &path, QString *error)
{
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadOnly)) {
        *error = QCoreApplication::translate("redscope::Transfer", "Cannot read %1: %2")
                     .arg(path, m_file.errorString());
        return false;
    }
    return true;
}

bool LineFile::readLine(QByteArray *line)
{
    if (m_file.atEnd()) return false;
    m_lineOffset = m_offset;
    *line = m_file.readLine();
    m_offset += line->size();
    if (line->endsWith('\n')) line->chop(1);
    if (line->endsWith('\r')) line->chop(1);
    return true;
}

} // namespace Internal

} // namespace redscope
