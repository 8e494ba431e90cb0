// JSON is the saved form (reports listed per connection, compared, exported): versioned by a
// "format" field, numbers as JSON numbers (doubles: exact up to 2^53 bytes, plenty).
#include "analysis/analysis_report.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonObject>

namespace redscope {

namespace {

constexpr int kFormat = 1;

QJsonObject totalsJson(const AnalysisTotals &t)
{
    return {{"keys", double(t.keys)},
            {"bytes", double(t.bytes)},
            {"elements", double(t.elements)},
            {"withExpiry", double(t.withExpiry)}};
}

AnalysisTotals totalsFrom(const QJsonObject &o)
{
    AnalysisTotals t;
    t.keys = quint64(o.value("keys").toDouble());
    t.bytes = quint64(o.value("bytes").toDouble());
    t.elements = quint64(o.value("elements").toDouble());
    t.withExpiry = quint64(o.value("withExpiry").toDouble());
    return t;
}

QJsonArray groupsJson(const QList<AnalysisGroup> &groups)
{
    QJsonArray a;
    for (const AnalysisGroup &g : groups) {
        QJsonObject o = totalsJson(g.totals);
        o.insert("name", g.name);
        a.append(o);
    }
    return a;
}

QList<AnalysisGroup> groupsFrom(const QJsonArray &a)
{
    QList<AnalysisGroup> groups;
    for (const QJsonValue &v : a)
        groups.append({v.toObject().value("name").toString(), totalsFrom(v.toObject())});
    return groups;
}

QJsonArray keysJson(const QList<AnalysisKey> &keys)
{
    QJsonArray a;
    for (const AnalysisKey &k : keys)
        a.append(QJsonObject{{"db", k.db},
                             {"key", QString::fromUtf8(k.key)},
                             {"type", k.typeName},
                             {"encoding", k.encoding},
                             {"bytes", double(k.bytes)},
                             {"elements", double(k.elements)},
                             {"ttlMs", double(k.ttlMs)},
                             {"estimated", k.estimated}});
    return a;
}

QList<AnalysisKey> keysFrom(const QJsonArray &a)
{
    QList<AnalysisKey> keys;
    for (const QJsonValue &v : a) {
        const QJsonObject o = v.toObject();
        AnalysisKey k;
        k.db = o.value("db").toInt();
        k.key = o.value("key").toString().toUtf8();
        k.typeName = o.value("type").toString();
        k.type = keyTypeFromName(k.typeName.toUtf8());
        k.encoding = o.value("encoding").toString();
        k.bytes = quint64(o.value("bytes").toDouble());
        k.elements = quint64(o.value("elements").toDouble());
        k.ttlMs = qint64(o.value("ttlMs").toDouble());
        k.estimated = o.value("estimated").toBool();
        keys.append(k);
    }
    return keys;
}

template <size_t N> QJsonArray arrayJson(const std::array<quint64, N> &values)
{
    QJsonArray a;
    for (quint64 v : values)
        a.append(double(v));
    return a;
}

template <size_t N> std::array<quint64, N> arrayFrom(const QJsonArray &a)
{
    std::array<quint64, N> values{};
    for (size_t i = 0; i < N && i < size_t(a.size()); ++i)
        values[i] = quint64(a.at(qsizetype(i)).toDouble());
    return values;
}

QString csvField(const QString &text)
{
    if (!text.contains(QLatin1Char(',')) && !text.contains(QLatin1Char('"')) &&
        !text.contains(QLatin1Char('\n')))
        return text;
    QString quoted = text;
    quoted.replace(QLatin1Char('"'), QStringLiteral("\"\""));
    return QLatin1Char('"') + quoted + QLatin1Char('"');
}

} // namespace

// Shown in the histograms (translated there): not used as keys in the JSON or CSV exports.
QString AnalysisReport::ttlBucketName(int bucket)
{
    static const char *names[kTtlBuckets] = {QT_TRANSLATE_NOOP("redscope::Analysis", "No TTL"),
                                             QT_TRANSLATE_NOOP("redscope::Analysis", "< 1 hour"),
                                             QT_TRANSLATE_NOOP("redscope::Analysis", "< 1 day"),
                                             QT_TRANSLATE_NOOP("redscope::Analysis", "< 1 week"),
                                             QT_TRANSLATE_NOOP("redscope::Analysis", "Later")};
    return QCoreApplication::translate("redscope::Analysis", names[bucket]);
}

QString AnalysisReport::idleBucketName(int bucket)
{
    static const char *names[kIdleBuckets] = {QT_TRANSLATE_NOOP("redscope::Analysis", "< 1 minute"),
                                              QT_TRANSLATE_NOOP("redscope::Analysis", "< 1 hour"),
                                              QT_TRANSLATE_NOOP("redscope::Analysis", "< 1 day"),
                                              QT_TRANSLATE_NOOP("redscope::Analysis", "< 1 week"),
                                              QT_TRANSLATE_NOOP("redscope::Analysis", "Older")};
    return QCoreApplication::translate("redscope::Analysis", names[bucket]);
}

QString AnalysisReport::freqBucketName(int bucket)
{
    static const char *names[kFreqBuckets] = {"0", "1-4", "5-15", "16-63", "64-255"};
    return QString::fromLatin1(names[bucket]);
}

QString AnalysisReport::sourceLabel(AnalysisSource source)
{
    switch (source) {
    case AnalysisSource::RdbFile:
        return QCoreApplication::translate("redscope::Analysis", "dump.rdb file");
    case AnalysisSource::Snapshot:
        return QCoreApplication::translate("redscope::Analysis", "snapshot pulled from the server");
    case AnalysisSource::Live:
        return QCoreApplication::translate("redscope::Analysis", "live scan");
    case AnalysisSource::Mirror:
        return QCoreApplication::translate("redscope::Analysis", "mirror in the Local engine");
    }
    return {};
}

int AnalysisReport::findNamespace(const QString &path) const
{
    for (qsizetype i = 0; i < namespaces.size(); ++i)
        if (namespaces[i].path == path) return int(i);
    return -1;
}

QJsonObject AnalysisReport::toJson() const
{
    QJsonObject o;
    o.insert("format", kFormat);
    o.insert("source", int(source));
    o.insert("sourceName", sourceName);
    o.insert("connectionName", connectionName);
    o.insert("createdAt", createdAt.toString(Qt::ISODateWithMs));
    o.insert("dataTime", dataTime.toString(Qt::ISODateWithMs));
    o.insert("bytesModelled", bytesModelled);
    o.insert("partial", partial);
    o.insert("partialReason", partialReason);
    o.insert("separator", separator);
    o.insert("serverVersion", serverVersion);
    o.insert("seconds", seconds);
    o.insert("memorySamples", memorySamples);
    o.insert("estimatedKeys", double(estimatedKeys));
    o.insert("estimatedBytes", double(estimatedBytes));
    o.insert("totals", totalsJson(totals));
    o.insert("byType", groupsJson(byType));
    o.insert("byEncoding", groupsJson(byEncoding));
    o.insert("byDb", groupsJson(byDb));
    QJsonArray ns;
    for (const NamespaceNode &n : namespaces) {
        QJsonArray children;
        for (int c : n.children)
            children.append(c);
        ns.append(QJsonObject{{"name", n.name},
                              {"parent", n.parent},
                              {"children", children},
                              {"keys", double(n.keys)},
                              {"bytes", double(n.bytes)},
                              {"withExpiry", double(n.withExpiry)},
                              {"directKeys", double(n.directKeys)}});
    }
    o.insert("namespaces", ns);
    o.insert("topByBytes", keysJson(topByBytes));
    o.insert("topByElements", keysJson(topByElements));
    o.insert("ttlKeys", arrayJson(ttlKeys));
    o.insert("ttlBytes", arrayJson(ttlBytes));
    o.insert("expiringWithinHour", double(expiringWithinHour));
    o.insert("idleKeys", arrayJson(idleKeys));
    o.insert("idleRecorded", double(idleRecorded));
    o.insert("freqKeys", arrayJson(freqKeys));
    o.insert("freqRecorded", double(freqRecorded));
    QJsonArray findingsJson;
    for (const AnalysisFinding &f : findings)
        findingsJson.append(QJsonObject{{"kind", int(f.kind)},
                                        {"title", f.title},
                                        {"detail", f.detail},
                                        {"examples", QJsonArray::fromStringList(f.examples)},
                                        {"configChange", f.configChange},
                                        {"savingBytes", double(f.savingBytes)}});
    o.insert("findings", findingsJson);
    return o;
}

std::optional<AnalysisReport> AnalysisReport::fromJson(const QJsonObject &o, QString *error)
{
    if (o.value("format").toInt() != kFormat) {
        if (error)
            *error = QCoreApplication::translate("redscope::Analysis",
                                                 "not a Redscope analysis report (format %1)")
                         .arg(o.value("format").toInt());
        return std::nullopt;
    }
    AnalysisReport r;
    r.source = AnalysisSource(std::clamp(o.value("source").toInt(), 0, 3));
    r.sourceName = o.value("sourceName").toString();
    r.connectionName = o.value("connectionName").toString();
    r.createdAt = QDateTime::fromString(o.value("createdAt").toString(), Qt::ISODateWithMs);
    r.dataTime = QDateTime::fromString(o.value("dataTime").toString(), Qt::ISODateWithMs);
    r.bytesModelled = o.value("bytesModelled").toBool();
    r.partial = o.value("partial").toBool();
    r.partialReason = o.value("partialReason").toString();
    r.separator = o.value("separator").toString();
    r.serverVersion = o.value("serverVersion").toString();
    r.seconds = o.value("seconds").toDouble();
    r.memorySamples = o.value("memorySamples").toInt();
    r.estimatedKeys = quint64(o.value("estimatedKeys").toDouble());
    r.estimatedBytes = quint64(o.value("estimatedBytes").toDouble());
    r.totals = totalsFrom(o.value("totals").toObject());
    r.byType = groupsFrom(o.value("byType").toArray());
    r.byEncoding = groupsFrom(o.value("byEncoding").toArray());
    r.byDb = groupsFrom(o.value("byDb").toArray());
    const QJsonArray ns = o.value("namespaces").toArray();
    for (const QJsonValue &v : ns) {
        const QJsonObject n = v.toObject();
        NamespaceNode node;
        node.name = n.value("name").toString();
        node.parent = n.value("parent").toInt(-1);
        for (const QJsonValue &c : n.value("children").toArray()) {
            const int child = c.toInt(-1);
            if (child <= 0 || child >= ns.size()) {
                if (error)
                    *error =
                        QCoreApplication::translate("redscope::Analysis", "bad namespace tree");
                return std::nullopt;
            }
            node.children.append(child);
        }
        node.keys = quint64(n.value("keys").toDouble());
        node.bytes = quint64(n.value("bytes").toDouble());
        node.withExpiry = quint64(n.value("withExpiry").toDouble());
        node.directKeys = quint64(n.value("directKeys").toDouble());
        if (node.parent >= 0 && node.parent < r.namespaces.size()) {
            const QString &pp = r.namespaces[node.parent].path;
            node.path = pp.isEmpty() ? node.name : pp + r.separator + node.name;
        }
        r.namespaces.append(node);
    }
    if (r.namespaces.isEmpty()) r.namespaces.append(NamespaceNode{});
    r.topByBytes = keysFrom(o.value("topByBytes").toArray());
    r.topByElements = keysFrom(o.value("topByElements").toArray());
    r.ttlKeys = arrayFrom<kTtlBuckets>(o.value("ttlKeys").toArray());
    r.ttlBytes = arrayFrom<kTtlBuckets>(o.value("ttlBytes").toArray());
    r.expiringWithinHour = quint64(o.value("expiringWithinHour").toDouble());
    r.idleKeys = arrayFrom<kIdleBuckets>(o.value("idleKeys").toArray());
    r.idleRecorded = quint64(o.value("idleRecorded").toDouble());
    r.freqKeys = arrayFrom<kFreqBuckets>(o.value("freqKeys").toArray());
    r.freqRecorded = quint64(o.value("freqRecorded").toDouble());
    for (const QJsonValue &v : o.value("findings").toArray()) {
        const QJsonObject f = v.toObject();
        AnalysisFinding finding;
        finding.kind = FindingKind(std::clamp(f.value("kind").toInt(), 0, 3));
        finding.title = f.value("title").toString();
        finding.detail = f.value("detail").toString();
        for (const QJsonValue &e : f.value("examples").toArray())
            finding.examples.append(e.toString());
        finding.configChange = f.value("configChange").toString();
        finding.savingBytes = quint64(f.value("savingBytes").toDouble());
        r.findings.append(finding);
    }
    return r;
}

QByteArray AnalysisReport::toCsv() const
{
    QStringList lines;
    auto groups = [&](const QString &title, const QList<AnalysisGroup> &rows) {
        lines.append(title + QStringLiteral(",keys,bytes,elements,with_expiry"));
        for (const AnalysisGroup &g : rows)
            lines.append(QStringLiteral("%1,%2,%3,%4,%5")
                             .arg(csvField(g.name))
                             .arg(g.totals.keys)
                             .arg(g.totals.bytes)
                             .arg(g.totals.elements)
                             .arg(g.totals.withExpiry));
        lines.append(QString());
    };
    groups(QStringLiteral("type"), byType);
    groups(QStringLiteral("encoding"), byEncoding);
    groups(QStringLiteral("database"), byDb);
    lines.append(QStringLiteral("namespace,keys,bytes,share,average_bytes,with_expiry"));
    for (qsizetype i = 1; i < namespaces.size(); ++i) {
        const NamespaceNode &n = namespaces[i];
        lines.append(
            QStringLiteral("%1,%2,%3,%4,%5,%6")
                .arg(csvField(n.path))
                .arg(n.keys)
                .arg(n.bytes)
                .arg(totals.bytes ? double(n.bytes) / double(totals.bytes) : 0.0, 0, 'f', 6)
                .arg(n.keys ? n.bytes / n.keys : 0)
                .arg(n.withExpiry));
    }
    lines.append(QString());
    lines.append(QStringLiteral("top_key,db,type,encoding,bytes,elements,ttl_ms,bytes_estimated"));
    for (const AnalysisKey &k : topByBytes)
        lines.append(QStringLiteral("%1,%2,%3,%4,%5,%6,%7,%8")
                         .arg(csvField(QString::fromUtf8(k.key)))
                         .arg(k.db)
                         .arg(k.typeName, k.encoding)
                         .arg(k.bytes)
                         .arg(k.elements)
                         .arg(k.ttlMs)
                         .arg(k.estimated ? 1 : 0));
    return lines.join(QLatin1Char('\n')).toUtf8() + '\n';
}

} // namespace redscope
