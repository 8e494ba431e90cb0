// ReportStore: analysis reports saved as JSON files under the app's data directory, one
// folder per connection (its name, made safe for a file name), newest first when listed; and
// the comparison of two reports by namespace (what grew, what shrank). Files, not QSettings:
// a report can be a few MB and users copy them around.
#pragma once

#include "analysis/analysis_report.h"

#include <QList>
#include <QString>

#include <optional>

namespace redscope {

struct SavedReport
{
    QString path;
    QDateTime createdAt;
    AnalysisSource source = AnalysisSource::RdbFile;
    QString sourceName;
    quint64 keys = 0;
    quint64 bytes = 0;
    bool partial = false;
};

struct NamespaceDelta
{
    QString path;
    quint64 bytesBefore = 0, bytesAfter = 0;
    quint64 keysBefore = 0, keysAfter = 0;
    qint64 bytesDelta() const { return qint64(bytesAfter) - qint64(bytesBefore); }
};

class ReportStore
{
public:
    // root: where the folders go; empty for the app's data directory ("analysis/").
    explicit ReportStore(QString root = {});

    QString folderFor(const QString &connectionName) const;
    // Saves under the report's connection name ("Files" without one); returns the path.
    QString save(const AnalysisReport &report, QString *error = nullptr) const;
    QList<SavedReport> list(const QString &connectionName) const;
    static std::optional<AnalysisReport> load(const QString &path, QString *error = nullptr);
    static bool writeFile(const QString &path, const QByteArray &bytes, QString *error);

    // Namespaces down to depth levels (1: top level), by how much their bytes changed
    // from before to after, largest growth first; namespaces new or gone count from zero.
    static QList<NamespaceDelta> compare(const AnalysisReport &before, const AnalysisReport &after,
                                         int depth = 2);

private:
    QString m_root;
};

} // namespace redscope
