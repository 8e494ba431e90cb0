// AnalysisView: the Analysis tab of a connection (and the window File → Analyse dump.rdb
// opens without one). A source picker (this connection by a live scan, a snapshot pulled
// from the server, the Local engine's mirror of it while one is in sync, a dump.rdb file),
// progress with pause/resume/stop, and the report: totals
// by type, encoding and database, TTL/idle/frequency histograms, the namespace treemap with
// its breadcrumb and the same level as a sortable table, the top keys (a click opens a live
// key in the Keys browser, or shows an offline key's summary), findings in words, and the
// reports saved for this connection, compared side by side and exported (JSON, CSV, PNG).
// It talks to servers only through app/analysis (LiveAnalysis, SnapshotPuller,
// MirrorSnapshot) and finds the mirror through app/mirror's MirrorRegistry.
#pragma once

#include "analysis/analysis_report.h"
#include "connection/service.h"

#include <QPointer>
#include <QWidget>

#include <memory>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTabWidget;
class QTableView;
class QTextBrowser;
class QToolButton;
class QTreeWidget;

namespace redscope {

class GroupTableModel;
class HistogramWidget;
class LiveAnalysis;
class MirrorSnapshot;
class NamespaceTableModel;
class OfflineAnalysis;
class RedisConnection;
class SnapshotPuller;
class TopKeysModel;
class TreemapWidget;

class AnalysisView : public QWidget
{
    Q_OBJECT

public:
    enum class Source { Live, Snapshot, File, Mirror };
    explicit AnalysisView(RedisConnection *connection, QWidget *parent = nullptr);
    ~AnalysisView() override;

    void analyseFile(const QString &path);
    void startLive();
    void startSnapshot();
    // The Local engine's mirror of this connection (offered while it is in sync).
    void startMirror();
    bool mirrorOffered() const;
    QComboBox *sourcePicker() const { return m_source; }
    void pause();
    void resume();
    void stop();
    bool isBusy() const;
    void showReport(const AnalysisReport &report);
    const AnalysisReport *report() const { return m_report.get(); }
    QString connectionName() const;
    // Where saved reports go (tests point it at a temporary directory).
    void setStoreRoot(const QString &root);

    enum class ExportFormat { Json, Csv, Png };
    bool exportTo(const QString &path, ExportFormat format, QString *error = nullptr);

    TreemapWidget *treemap() const { return m_treemap; }
    NamespaceTableModel *namespaceModel() const { return m_namespaces; }
    TopKeysModel *topBytesModel() const { return m_topBytes; }
    QTextBrowser *findingsView() const { return m_findings; }
    QTreeWidget *savedList() const { return m_saved; }
    QTreeWidget *comparison() const { return m_compare; }
    QTabWidget *reportTabs() const { return m_tabs; }
    QLabel *statusLabel() const { return m_status; }
    QLabel *keySummary() const { return m_keySummary; }
    void compareWith(const QString &savedPath);

signals:
    void openKeyRequested(int db, const QByteArray &key);
    void reportShown();

private:
    QWidget *buildOverview();
    QWidget *buildNamespaces();
    QWidget *buildTopKeys();
    QWidget *buildSaved();
    void startSelected();
    void updateMirrorSource();
    void setBusy(bool busy);
    void finished(const AnalysisReport &report);
    void failed(const QString &error);
    void setRoot(int node);
    void updateBreadcrumb();
    void refreshSaved();
    void keyActivated(const TopKeysModel *model, int row);
    void exportChosen(ExportFormat format);

    Service m_service; // the connection (none for a file opened from the File menu)
    std::unique_ptr<AnalysisReport> m_report;
    QString m_storeRoot;
    bool m_paused = false;

    OfflineAnalysis *m_offline = nullptr;
    LiveAnalysis *m_live = nullptr;
    SnapshotPuller *m_snapshot = nullptr;
    MirrorSnapshot *m_mirror = nullptr;
    QString m_snapshotFile;

    QComboBox *m_source = nullptr;
    QLineEdit *m_separator = nullptr;
    QLabel *m_rateLabel = nullptr;
    QSpinBox *m_rate = nullptr;
    QSpinBox *m_samples = nullptr;
    QPushButton *m_start = nullptr;
    QPushButton *m_pause = nullptr;
    QPushButton *m_stop = nullptr;
    QToolButton *m_export = nullptr;
    QProgressBar *m_progress = nullptr;
    QLabel *m_status = nullptr;

    QTabWidget *m_tabs = nullptr;
    QLabel *m_banner = nullptr;
    QLabel *m_totals = nullptr;
    GroupTableModel *m_types = nullptr;
    GroupTableModel *m_encodings = nullptr;
    GroupTableModel *m_dbs = nullptr;
    HistogramWidget *m_ttl = nullptr;
    HistogramWidget *m_idle = nullptr;
    HistogramWidget *m_freq = nullptr;
    QLabel *m_breadcrumb = nullptr;
    TreemapWidget *m_treemap = nullptr;
    NamespaceTableModel *m_namespaces = nullptr;
    QTableView *m_namespaceTable = nullptr;
    TopKeysModel *m_topBytes = nullptr;
    TopKeysModel *m_topElements = nullptr;
    QLabel *m_keySummary = nullptr;
    QTextBrowser *m_findings = nullptr;
    QTreeWidget *m_saved = nullptr;
    QTreeWidget *m_compare = nullptr;
};

} // namespace redscope
