#include "analysis/report_store.h"

#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSaveFile>
#include <QStandardPaths>

#include <algorithm>
#include <map>

namespace redscope {

ReportStore::ReportStore(QString root)
    : m_root(std::move(root))
{
    if (m_root.isEmpty())
        m_root = QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) +
                 QStringLiteral("/analysis");
}

QString ReportStore::folderFor(const QString &connectionName) const
{
    QString safe = connectionName.isEmpty() ? QStringLiteral("Files") : connectionName;
    for (QChar &c : safe)
        if (!c.isLetterOrNumber() && c != QLatin1Char('-') && c != QLatin1Char('_') &&
            c != QLatin1Char('.'))
            c = QLatin1Char('_');
    if (safe.startsWith(QLatin1Char('.'))) safe.prepend(QLatin1Char('_'));
    return m_root + QLatin1Char('/') + safe;
}

bool ReportStore::writeFile(const QString &path, const QByteArray &bytes, QString *error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(bytes) != bytes.size() || !file.commit()) {
        if (error) *error = file.errorString();
        return false;
    }
    return true;
}

QString ReportStore::save(const AnalysisReport &report, QString *error) const
{
    const QString folder = folderFor(report.connectionName);
    if (!QDir().mkpath(folder)) {
        if (error) *error = QObject::tr("Cannot create %1").arg(folder);
        return {};
    }
    const QDateTime when =
        report.createdAt.isValid() ? report.createdAt : QDateTime::currentDateTimeUtc();
    QString path = folder + QLatin1Char('/') +
                   when.toUTC().toString(QStringLiteral("yyyyMMdd-HHmmss-zzz")) +
                   QStringLiteral(".json");
    if (!writeFile(path, QJsonDocument(report.toJson()).toJson(QJsonDocument::Compact), error))
        return {};
    return path;
}

QList<SavedReport> ReportStore::list(const QString &connectionName) const
{
    QList<SavedReport> out;
    const QDir dir(folderFor(connectionName));
    const QStringList files =
        dir.entryList({QStringLiteral("*.json")}, QDir::Files, QDir::Name | QDir::Reversed);
    for (const QString &name : files) {
        const auto report = load(dir.filePath(name));
        if (!report) continue;
        SavedReport saved;
        saved.path = dir.filePath(name);
        saved.createdAt = report->createdAt;
        saved.source = report->source;
        saved.sourceName = report->sourceName;
        saved.keys = report->totals.keys;
        saved.bytes = report->totals.bytes;
        saved.partial = report->partial;
        out.append(saved);
    }
    return out;
}

std::optional<AnalysisReport> ReportStore::load(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = file.errorString();
        return std::nullopt;
    }
    QJsonParseError parse;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parse);
    if (!doc.isObject()) {
        if (error) *error = parse.errorString();
        return std::nullopt;
    }
    return AnalysisReport::fromJson(doc.object(), error);
}

QList<NamespaceDelta> ReportStore::compare(const AnalysisReport &before,
                                           const AnalysisReport &after, int depth)
{
    std::map<QString, NamespaceDelta> rows;
    auto walk = [&](const AnalysisReport &r, bool isAfter) {
        for (const NamespaceNode &n : r.namespaces) {
            if (n.parent < 0) continue;
            int level = 1;
            for (int p = n.parent; p > 0; p = r.namespaces[p].parent)
                ++level;
            if (level > depth) continue;
            NamespaceDelta &d = rows[n.path];
            d.path = n.path;
            (isAfter ? d.bytesAfter : d.bytesBefore) = n.bytes;
            (isAfter ? d.keysAfter : d.keysBefore) = n.keys;
        }
    };
    walk(before, false);
    walk(after, true);
    QList<NamespaceDelta> out;
    for (auto &[path, d] : rows)
        out.append(d);
    std::sort(out.begin(), out.end(), [](const NamespaceDelta &a, const NamespaceDelta &b) {
        return a.bytesDelta() > b.bytesDelta();
    });
    return out;
}

} // namespace redscope
