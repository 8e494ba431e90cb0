// LocalEngineBox: the part of the Persistence tab that only exists for the embedded engine,
// whose files live on this machine: its data directory, a button to open it in the file
// manager, "Export snapshot…" (SnapshotExporter: BGSAVE, then a copy of the RDB file), and
// "Import RDB file…", which replaces the engine's data with a dump from a real Redis through
// EngineHost::importRdb (the engine's public API), after a confirmation.
#pragma once

#include <QGroupBox>

class QLabel;
class QPushButton;

namespace redscope {

class RedisConnection;
class SnapshotExporter;

class LocalEngineBox : public QGroupBox
{
    Q_OBJECT

public:
    LocalEngineBox(RedisConnection *connection, const QString &dataDir,
                   QWidget *parent = nullptr);

    QString dataDir() const { return m_dataDir; }
    SnapshotExporter *exporter() const { return m_exporter; }
    QString resultText() const;

    void openFolder();
    void chooseAndExport();                        // asks for the target file
    void exportSnapshot(const QString &targetFile); // no dialog
    void chooseAndImport();                         // asks for the file, then confirms
    void importFile(const QString &rdbFile);        // confirms, then imports

signals:
    void importFinished(bool ok, const QString &message);

private:
    void showResult(const QString &text, bool error);

    QString m_dataDir;
    RedisConnection *m_connection;
    SnapshotExporter *m_exporter;
    QPushButton *m_exportButton;
    QPushButton *m_importButton;
    QLabel *m_result;
};

} // namespace redscope
