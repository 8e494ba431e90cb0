// LocalEngineBox: the part of the Persistence tab that only exists for the embedded engine,
// whose files live on this machine: its data directory, a button to open it in the file
// manager, and "Export snapshot…" (SnapshotExporter: BGSAVE, then a copy of the RDB file).
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

private:
    void showResult(const QString &text, bool error);

    QString m_dataDir;
    SnapshotExporter *m_exporter;
    QPushButton *m_exportButton;
    QLabel *m_result;
};

} // namespace redscope
