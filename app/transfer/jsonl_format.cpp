// JSON Lines export and import (format in record_files.h). Written by hand (a key's JSON is
// appended straight into the output buffer: no document tree per key); read with
// QJsonDocument per line, which also gives the column of a syntax error.
#include "transfer/record_files.h"
#include "transfer/record_formats_p.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <cmath>

namespace redscope::Internal {

namespace {

void appendJsonString(QByteArray *out, const char *data, size_t size)
{
    static const char hex[] = "0123456789abcdef";
    out->append('"');
    for (size_t i = 0; i < size; ++i) {
        const unsigned char c = static_cast<unsigned char>(data[i]);
        switch (c) {
        case '"':
            out->append("\\\"");
            break;
        case '\\':
            out->append("\\\\");
            break;
        case '\n':
            out->append("\\n");
            break;
        case '\r':
            out->append("\\r");
            break;
        case '\t':
            out->append("\\t");
            break;
        default:
            if (c < 0x20) {
                out->append("\\u00");
                out->append(hex[c >> 4]);
                out->append(hex[c & 15]);
            } else {
                out->append(char(c));
            }
        }
    }
    out->append('"');
}

void appendElement(QByteArray *out, const std::string &s)
{
    if (isValidUtf8(s.data(), s.size())) {
        appendJsonString(out, s.data(), s.size());
    } else {
        out->append("{\"base64\":\"");
        out->append(QByteArray::fromRawData(s.data(), qsizetype(s.size())).toBase64());
        out->append("\"}");
    }
}

void appendElement(QByteArray *out, const QByteArray &s)
{
    appendElement(out, std::string(s.constData(), size_t(s.size())));
}

class JsonLinesWriter : public RecordWriter
{
public:
    JsonLinesWriter(TtlMode ttl)
        : m_ttl(ttl)
    {
    }
    bool open(const QString &path, QString *error) { return m_out.open(path, error); }

    bool write(const KeyRecord &r, bool *unsupported, QString *error) override
    {
        using engine::RdbType;
        *unsupported = r.value.type == RdbType::Module;
        if (*unsupported) return true;
        QByteArray &o = m_out.buffer();
        o.append("{\"key\":");
        appendElement(&o, r.key);
        o.append(",\"type\":\"").append(engine::rdbTypeName(r.value.type)).append('"');
        if (r.expireAtMs >= 0) {
            if (m_ttl == TtlMode::Absolute)
                o.append(",\"expire_at_ms\":").append(QByteArray::number(r.expireAtMs));
            else
                o.append(",\"ttl_ms\":")
                    .append(QByteArray::number(qMax<qint64>(1, r.expireAtMs - m_now)));
        }
        o.append(",\"value\":");
        const auto &items = r.value.items;
        switch (r.value.type) {
        case RdbType::String:
            appendElement(&o, items.empty() ? std::string() : items[0]);
            break;
        case RdbType::List:
        case RdbType::Set:
            o.append('[');
            for (size_t i = 0; i < items.size(); ++i) {
                if (i) o.append(',');
                appendElement(&o, items[i]);
            }
            o.append(']');
            break;
        case RdbType::Hash:
        case RdbType::ZSet:
            o.append('[');
            for (size_t i = 0; i + 1 < items.size(); i += 2) {
                if (i) o.append(',');
                o.append('[');
                appendElement(&o, items[i]);
                o.append(',');
                if (r.value.type == RdbType::Hash) {
                    appendElement(&o, items[i + 1]);
                } else {
                    const std::string &score = items[i + 1];
                    const bool finite = score != "inf" && score != "-inf" && score != "nan";
                    if (finite)
                        o.append(score.c_str());
                    else
                        appendJsonString(&o, score.data(), score.size());
                }
                o.append(']');
            }
            o.append(']');
            break;
        case RdbType::Stream:
            o.append('[');
            for (size_t e = 0; e < r.value.streamEntries.size(); ++e) {
                const auto &entry = r.value.streamEntries[e];
                if (e) o.append(',');
                o.append("{\"id\":\"").append(entry.id.c_str()).append("\",\"fields\":[");
                for (size_t i = 0; i + 1 < entry.fields.size(); i += 2) {
                    if (i) o.append(',');
                    o.append('[');
                    appendElement(&o, entry.fields[i]);
                    o.append(',');
                    appendElement(&o, entry.fields[i + 1]);
                    o.append(']');
                }
                o.append("]}");
            }
            o.append(']');
            break;
        case RdbType::Module:
            break;
        }
        o.append("}\n");
        return m_out.maybeFlush(error);
    }

    bool finish(QString *error) override { return m_out.finish(error); }
    qint64 bytesWritten() const override { return m_out.bytesWritten(); }

private:
    BufferedFile m_out;
    TtlMode m_ttl;
    qint64 m_now = nowMs();
};

// One JSON value as bytes: a string, or {"base64": "..."}. False with what is wrong.
bool element(const QJsonValue &v, std::string *out, QString *error)
{
    if (v.isString()) {
        const QByteArray utf8 = v.toString().toUtf8();
        out->assign(utf8.constData(), size_t(utf8.size()));
        return true;
    }
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        if (o.size() == 1 && o.value(QStringLiteral("base64")).isString()) {
            auto decoded = QByteArray::fromBase64Encoding(
                o.value(QStringLiteral("base64")).toString().toLatin1(),
                QByteArray::AbortOnBase64DecodingErrors);
            if (!decoded) {
                *error = QCoreApplication::translate("redscope::Transfer", "invalid base64");
                return false;
            }
            out->assign(decoded.decoded.constData(), size_t(decoded.decoded.size()));
            return true;
        }
    }
    *error =
        QCoreApplication::translate("redscope::Transfer", "expected a string or {\"base64\": ...}");
    return false;
}

bool pairs(const QJsonValue &v, bool zset, std::vector<std::string> *items, QString *error)
{
    if (!v.isArray()) {
        *error = QCoreApplication::translate("redscope::Transfer",
                                             "\"value\" must be an array of pairs");
        return false;
    }
    const QJsonArray array = v.toArray();
    items->reserve(size_t(array.size()) * 2);
    for (qsizetype i = 0; i < array.size(); ++i) {
        const QJsonArray pair = array.at(i).toArray();
        if (!array.at(i).isArray() || pair.size() != 2) {
            *error = QCoreApplication::translate("redscope::Transfer",
                                                 "element %1 of \"value\" is not a pair")
                         .arg(i);
            return false;
        }
        std::string first, second;
        if (!element(pair.at(0), &first, error)) {
            *error = QCoreApplication::translate("redscope::Transfer", "element %1: %2")
                         .arg(i)
                         .arg(*error);
            return false;
        }
        if (zset) {
            const QJsonValue score = pair.at(1);
            if (score.isDouble()) {
                const double d = score.toDouble();
                second = QByteArray::number(d, 'g', 17).toStdString();
            } else if (score.isString() &&
                       QStringList{"inf", "-inf", "+inf"}.contains(score.toString())) {
                second = score.toString().toStdString();
            } else {
                *error = QCoreApplication::translate("redscope::Transfer",
                                                     "element %1: the score must be a number")
                             .arg(i);
                return false;
            }
        } else if (!element(pair.at(1), &second, error)) {
            *error = QCoreApplication::translate("redscope::Transfer", "element %1: %2")
                         .arg(i)
                         .arg(*error);
            return false;
        }
        items->push_back(std::move(first));
        items->push_back(std::move(second));
    }
    return true;
}

// One line to a record; false with what is wrong (without the position).
bool parseLine(const QByteArray &line, qint64 now, KeyRecord *r, QString *error)
{
    using engine::RdbType;
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(line, &parse);
    if (parse.error != QJsonParseError::NoError) {
        *error = QCoreApplication::translate("redscope::Transfer", "column %1: %2")
                     .arg(parse.offset + 1)
                     .arg(parse.errorString());
        return false;
    }
    if (!doc.isObject()) {
        *error = QCoreApplication::translate("redscope::Transfer", "expected a JSON object");
        return false;
    }
    const QJsonObject o = doc.object();
    std::string key;
    if (!o.contains(QStringLiteral("key"))) {
        *error = QCoreApplication::translate("redscope::Transfer", "\"key\" is missing");
        return false;
    }
    if (!element(o.value(QStringLiteral("key")), &key, error)) {
        *error = QCoreApplication::translate("redscope::Transfer", "\"key\": %1").arg(*error);
        return false;
    }
    r->key = QByteArray(key.data(), qsizetype(key.size()));
    const QString type = o.value(QStringLiteral("type")).toString();
    static const QStringList types{"string", "list", "set", "zset", "hash", "stream"};
    const qsizetype t = types.indexOf(type);
    if (t < 0) {
        *error =
            QCoreApplication::translate("redscope::Transfer", "unknown \"type\": \"%1\"").arg(type);
        return false;
    }
    r->value = engine::RdbValue{};
    r->value.type = std::array{RdbType::String, RdbType::List, RdbType::Set,
                               RdbType::ZSet,   RdbType::Hash, RdbType::Stream}[size_t(t)];
    r->expireAtMs = -1;
    const QJsonValue ttl = o.value(QStringLiteral("ttl_ms"));
    const QJsonValue at = o.value(QStringLiteral("expire_at_ms"));
    for (int which = 0; which < 2; ++which) {
        const QJsonValue v = which == 0 ? ttl : at;
        if (v.isUndefined() || v.isNull()) continue;
        const double d = v.toDouble(-1);
        if (!v.isDouble() || d < 0 || d != std::floor(d)) {
            *error = QCoreApplication::translate("redscope::Transfer",
                                                 "\"%1\" must be a non-negative integer")
                         .arg(which == 0 ? "ttl_ms" : "expire_at_ms");
            return false;
        }
        r->expireAtMs = which == 0 ? now + qint64(d) : qint64(d);
    }
    const QJsonValue value = o.value(QStringLiteral("value"));
    if (value.isUndefined()) {
        *error = QCoreApplication::translate("redscope::Transfer", "\"value\" is missing");
        return false;
    }
    auto &items = r->value.items;
    switch (r->value.type) {
    case RdbType::String: {
        std::string s;
        if (!element(value, &s, error)) {
            *error = QCoreApplication::translate("redscope::Transfer", "\"value\": %1").arg(*error);
            return false;
        }
        items.push_back(std::move(s));
        return true;
    }
    case RdbType::List:
    case RdbType::Set: {
        if (!value.isArray() || value.toArray().isEmpty()) {
            *error = QCoreApplication::translate("redscope::Transfer",
                                                 "\"value\" must be a non-empty array");
            return false;
        }
        const QJsonArray array = value.toArray();
        items.reserve(size_t(array.size()));
        for (qsizetype i = 0; i < array.size(); ++i) {
            std::string s;
            if (!element(array.at(i), &s, error)) {
                *error =
                    QCoreApplication::translate("redscope::Transfer", "element %1 of \"value\": %2")
                        .arg(i)
                        .arg(*error);
                return false;
            }
            items.push_back(std::move(s));
        }
        return true;
    }
    case RdbType::Hash:
    case RdbType::ZSet:
        if (!pairs(value, r->value.type == RdbType::ZSet, &items, error)) return false;
        if (items.empty()) {
            *error = QCoreApplication::translate("redscope::Transfer", "\"value\" is empty");
            return false;
        }
        return true;
    case RdbType::Stream: {
        const QJsonArray array = value.toArray();
        if (!value.isArray() || array.isEmpty()) {
            *error = QCoreApplication::translate("redscope::Transfer",
                                                 "\"value\" must be a non-empty array of entries");
            return false;
        }
        for (qsizetype i = 0; i < array.size(); ++i) {
            const QJsonObject e = array.at(i).toObject();
            engine::RdbStreamEntry entry;
            entry.id = e.value(QStringLiteral("id")).toString().toStdString();
            if (entry.id.empty() || entry.id.find('-') == std::string::npos) {
                *error = QCoreApplication::translate("redscope::Transfer",
                                                     "entry %1: \"id\" must be \"ms-seq\"")
                             .arg(i);
                return false;
            }
            if (!pairs(e.value(QStringLiteral("fields")), false, &entry.fields, error)) {
                *error = QCoreApplication::translate("redscope::Transfer", "entry %1: %2")
                             .arg(i)
                             .arg(*error);
                return false;
            }
            r->value.streamEntries.push_back(std::move(entry));
        }
        return true;
    }
    case RdbType::Module:
        break;
    }
    return false;
}

class JsonLinesReader : public LineFileReader
{
public:
    bool run(const std::function<bool(ImportItem &)> &onItem,
             const std::function<void(const ReadProblem &)> &onProblem, QString *) override
    {
        const qint64 now = nowMs();
        ImportItem item;
        QByteArray line;
        int lineNo = 0;
        qint64 ordinal = 0;
        while (m_in.readLine(&line)) {
            ++lineNo;
            const qint64 offset = m_in.lineOffset();
            if (line.trimmed().isEmpty()) continue;
            QString error;
            if (!parseLine(line, now, &item.record, &error)) {
                onProblem({lineNo, offset,
                           QCoreApplication::translate("redscope::Transfer", "line %1, %2")
                               .arg(lineNo)
                               .arg(error)});
                ++ordinal;
                continue;
            }
            item.ordinal = item.record.ordinal = ordinal++;
            item.line = item.record.sourceLine = lineNo;
            item.offset = offset;
            if (!onItem(item)) return true;
        }
        return true;
    }
};

} // namespace

std::unique_ptr<RecordWriter> createJsonLinesWriter(const QString &path, TtlMode ttl,
                                                    QString *error)
{
    return opened(std::make_unique<JsonLinesWriter>(ttl), path, error);
}

std::unique_ptr<RecordReader> createJsonLinesReader(const QString &path, QString *error)
{
    return opened(std::make_unique<JsonLinesReader>(), path, error);
}

} // namespace redscope::Internal
