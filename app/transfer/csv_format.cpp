// CSV export and import for strings and hashes (format in record_files.h). RFC 4180 quoting;
// a quoted cell may span lines, so the reader tracks the line a row starts on. Rows of one
// key must be adjacent (the writer makes them so); a key seen again later starts a new record.
#include "transfer/record_files.h"
#include "transfer/record_formats_p.h"

#include <QCoreApplication>

namespace redscope::Internal {

namespace {

const QByteArray kBase64Prefix = QByteArrayLiteral("base64:");

void appendCell(QByteArray *out, const char *data, size_t size)
{
    const QByteArray raw = QByteArray::fromRawData(data, qsizetype(size));
    // A \r would not survive line reading inside a quoted cell: such cells go as base64 too.
    if (!isValidUtf8(data, size) || raw.startsWith(kBase64Prefix) || raw.contains('\r')) {
        out->append(kBase64Prefix).append(raw.toBase64());
        return;
    }
    const bool quote = raw.contains(',') || raw.contains('"') || raw.contains('\n');
    if (!quote) {
        out->append(raw);
        return;
    }
    out->append('"');
    for (char c : raw) {
        if (c == '"') out->append('"');
        out->append(c);
    }
    out->append('"');
}

class CsvWriter : public RecordWriter
{
public:
    explicit CsvWriter(TtlMode ttl)
        : m_ttl(ttl)
    {
    }
    bool open(const QString &path, QString *error)
    {
        if (!m_out.open(path, error)) return false;
        m_out.buffer().append(m_ttl == TtlMode::Absolute ? "key,type,field,value,expire_at_ms\n"
                                                         : "key,type,field,value,ttl_ms\n");
        return true;
    }

    bool write(const KeyRecord &r, bool *unsupported, QString *error) override
    {
        using engine::RdbType;
        *unsupported = r.value.type != RdbType::String && r.value.type != RdbType::Hash;
        if (*unsupported) return true;
        QByteArray ttl;
        if (r.expireAtMs >= 0)
            ttl = QByteArray::number(
                m_ttl == TtlMode::Absolute ? r.expireAtMs : qMax<qint64>(1, r.expireAtMs - m_now));
        QByteArray &o = m_out.buffer();
        const auto row = [&](const std::string *field, const std::string &value) {
            appendCell(&o, r.key.constData(), size_t(r.key.size()));
            o.append(r.value.type == RdbType::String ? ",string," : ",hash,");
            if (field) appendCell(&o, field->data(), field->size());
            o.append(',');
            appendCell(&o, value.data(), value.size());
            o.append(',').append(ttl).append('\n');
        };
        const auto &items = r.value.items;
        if (r.value.type == RdbType::String)
            row(nullptr, items.empty() ? std::string() : items[0]);
        else
            for (size_t i = 0; i + 1 < items.size(); i += 2)
                row(&items[i], items[i + 1]);
        return m_out.maybeFlush(error);
    }
    bool finish(QString *error) override { return m_out.finish(error); }
    qint64 bytesWritten() const override { return m_out.bytesWritten(); }

private:
    BufferedFile m_out;
    TtlMode m_ttl;
    qint64 m_now = nowMs();
};

class CsvReader : public LineFileReader
{
public:
    bool run(const std::function<bool(ImportItem &)> &onItem,
             const std::function<void(const ReadProblem &)> &onProblem, QString *fatal) override
    {
        QList<QByteArray> cells;
        int line = 0, rowLine = 0;
        qint64 rowOffset = 0;
        QString error;
        if (!readRow(&cells, &line, &rowLine, &rowOffset, &error)) {
            *fatal = error.isEmpty() ? QCoreApplication::translate("redscope::Transfer",
                                                                   "line 1: the file is empty")
                                     : error;
            onProblem({1, 0, *fatal});
            return false;
        }
        const QList<QByteArray> header = cells;
        if (header.size() != 5 || header[0] != "key" || header[1] != "type" ||
            header[2] != "field" || header[3] != "value" ||
            (header[4] != "ttl_ms" && header[4] != "expire_at_ms")) {
            *fatal = QCoreApplication::translate("redscope::Transfer",
                                                 "line 1: expected the header "
                                                 "key,type,field,value,ttl_ms (or expire_at_ms)");
            onProblem({1, 0, *fatal});
            return false;
        }
        const bool absolute = header[4] == "expire_at_ms";
        const qint64 now = nowMs();
        ImportItem item;
        bool pending = false, pendingBad = false;
        qint64 ordinal = 0;
        const auto flush = [&]() {
            if (!pending) return true;
            pending = false;
            if (pendingBad) return true;
            item.ordinal = item.record.ordinal = ordinal++;
            return onItem(item);
        };
        while (true) {
            error.clear();
            const bool more = readRow(&cells, &line, &rowLine, &rowOffset, &error);
            if (!error.isEmpty()) { // an unterminated quote: the rest of the file is one cell
                *fatal = error;
                onProblem({rowLine, rowOffset, error});
                return false;
            }
            if (!more) break;
            if (cells.size() == 1 && cells[0].isEmpty()) continue; // blank line
            const auto problem = [&](const QString &what) {
                onProblem({rowLine, rowOffset,
                           QCoreApplication::translate("redscope::Transfer", "line %1, %2")
                               .arg(rowLine)
                               .arg(what)});
            };
            if (cells.size() != 5) {
                problem(
                    QCoreApplication::translate("redscope::Transfer", "expected 5 cells, found %1")
                        .arg(cells.size()));
                if (pending) pendingBad = true;
                continue;
            }
            QByteArray key, field, value;
            if (!decodeCell(cells[0], &key) || !decodeCell(cells[2], &field) ||
                !decodeCell(cells[3], &value)) {
                problem(QCoreApplication::translate("redscope::Transfer", "invalid base64 cell"));
                if (pending) pendingBad = true;
                continue;
            }
            const QByteArray type = cells[1];
            if (type != "string" && type != "hash") {
                problem(QCoreApplication::translate("redscope::Transfer",
                                                    "type \"%1\": CSV holds strings and hashes")
                            .arg(QString::fromUtf8(type)));
                continue;
            }
            qint64 expireAt = -1;
            if (!cells[4].isEmpty()) {
                bool ok = false;
                const qint64 n = cells[4].toLongLong(&ok);
                if (!ok || n < 0) {
                    problem(
                        QCoreApplication::translate("redscope::Transfer",
                                                    "the TTL \"%1\" is not a non-negative integer")
                            .arg(QString::fromUtf8(cells[4])));
                    if (pending) pendingBad = true;
                    continue;
                }
                expireAt = absolute ? n : now + n;
            }
            const bool sameHash = pending && type == "hash" &&
                                  item.record.value.type == engine::RdbType::Hash &&
                                  item.record.key == key;
            if (!sameHash) {
                if (!flush()) return true;
                item = ImportItem{};
                item.record.key = key;
                item.record.expireAtMs = expireAt;
                item.line = item.record.sourceLine = rowLine;
                item.offset = rowOffset;
                item.record.value.type =
                    type == "hash" ? engine::RdbType::Hash : engine::RdbType::String;
                pending = true;
                pendingBad = false;
            }
            if (type == "string") {
                item.record.value.items = {value.toStdString()};
            } else {
                item.record.value.items.push_back(field.toStdString());
                item.record.value.items.push_back(value.toStdString());
            }
        }
        flush();
        return true;
    }

private:
    static bool decodeCell(const QByteArray &cell, QByteArray *out)
    {
        if (!cell.startsWith(kBase64Prefix)) {
            *out = cell;
            return true;
        }
        auto decoded = QByteArray::fromBase64Encoding(cell.mid(kBase64Prefix.size()),
                                                      QByteArray::AbortOnBase64DecodingErrors);
        if (!decoded) return false;
        *out = decoded.decoded;
        return true;
    }

    // One RFC 4180 row (which may span lines). False at the end of the file; *error set when a
    // quoted cell never ends.
    bool readRow(QList<QByteArray> *cells, int *line, int *rowLine, qint64 *rowOffset,
                 QString *error)
    {
        cells->clear();
        QByteArray text;
        if (!m_in.readLine(&text)) return false;
        *rowLine = ++*line;
        *rowOffset = m_in.lineOffset();
        QByteArray cell;
        bool quoted = false, wasQuoted = false;
        qsizetype i = 0;
        while (true) {
            if (i >= text.size()) {
                if (quoted) {
                    QByteArray next;
                    if (!m_in.readLine(&next)) {
                        *error = QCoreApplication::translate(
                                     "redscope::Transfer", "line %1: a quoted cell is never closed")
                                     .arg(*rowLine);
                        return false;
                    }
                    ++*line;
                    cell.append('\n');
                    text = next;
                    i = 0;
                    continue;
                }
                cells->append(cell);
                return true;
            }
            const char c = text[i++];
            if (quoted) {
                if (c == '"') {
                    if (i < text.size() && text[i] == '"') {
                        cell.append('"');
                        ++i;
                    } else {
                        quoted = false;
                    }
                } else {
                    cell.append(c);
                }
            } else if (c == '"' && cell.isEmpty() && !wasQuoted) {
                quoted = wasQuoted = true;
            } else if (c == ',') {
                cells->append(cell);
                cell.clear();
                wasQuoted = false;
            } else {
                cell.append(c);
            }
        }
    }
};

} // namespace

std::unique_ptr<RecordWriter> createCsvWriter(const QString &path, TtlMode ttl, QString *error)
{
    return opened(std::make_unique<CsvWriter>(ttl), path, error);
}

std::unique_ptr<RecordReader> createCsvReader(const QString &path, QString *error)
{
    return opened(std::make_unique<CsvReader>(), path, error);
}

} // namespace redscope::Internal
