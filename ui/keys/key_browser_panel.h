// KeyBrowserPanel: the "Keys" tab. A scan toolbar (glob filter sent as SCAN MATCH, type filter,
// separator, flat list, refresh/cancel, progress), the namespace tree (KeyTreeModel over a
// KeyIndex filled by a KeyScanner) and, beside it in a splitter, the ValuePanel of the key
// that is selected. The panel only wires these together: scanning, indexing and value loading
// live in their own classes and never block the GUI thread.
#pragma once

#include "keys/key_service.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QModelIndex;
class QProgressBar;
class QPushButton;
class QToolBar;
class QToolButton;
class QSplitter;
class QTreeView;

namespace redscope {

class KeyCountWatcher;
class KeyIndex;
class KeyScanner;
class KeyspaceWatcher;
class KeyTreeModel;
class RedisConnection;
class SampleData;
class ValuePanel;

class KeyBrowserPanel : public QWidget
{
    Q_OBJECT

public:
    explicit KeyBrowserPanel(RedisConnection *connection, QWidget *parent = nullptr);
    ~KeyBrowserPanel() override;

    void refresh(); // drops the tree and scans again with the current filters
    void cancelScan();
    bool isBusy() const; // scanning, or indexing what was scanned
    void jumpToKey(const QByteArray &name);
    void setFlat(bool flat);

    KeyTreeModel *model() const { return m_model; }
    KeyIndex *keyIndex() const { return m_index; }
    KeyScanner *scanner() const { return m_scanner; }
    QTreeView *treeView() const { return m_tree; }
    ValuePanel *valuePanel() const { return m_value; }
    QLineEdit *filterEdit() const { return m_filter; }
    QComboBox *typeFilter() const { return m_type; }
    QString statusText() const;
    KeyspaceWatcher *keyspaceWatcher() const { return m_watcher; }
    KeyCountWatcher *keyCountWatcher() const { return m_count; }
    QPushButton *liveButton() const { return m_live; }
    // Creates the key NewKeyDialog describes (KeyService, one operation per type), unless
    // the name is taken; then shows it in the tree and opens it.
    void createKey(const NewKey &key);
    void showNewKeyDialog();
    // Bulk delete (#7): the pattern it proposes (the selected namespace, else the filter) and
    // the dialog that counts, confirms and deletes; the tree is rescanned afterwards.
    // The keys picked in the tree (namespace rows are not keys), for export and copy.
    QList<QByteArray> selectedKeyNames() const;
    QByteArray bulkDeletePattern() const;
    void showBulkDeleteDialog();
    // Sample data (#7): fills the database with the chat dataset, then starts its publisher.
    void loadSampleData();
    SampleData *sampleData() const { return m_sample; }

signals:
    // The scan ended and the tree holds (and has sorted) everything it returned.
    void scanSettled(bool complete);

private:
    bool typeFiltered() const; // the type filter names one type (not "All types")
    void onScanFinished(bool complete, const QString &error);
    void onIndexIdle();
    void showKeyCount(qint64 count);
    void onProgress(quint64 done, quint64 total);
    void onCurrentChanged(const QModelIndex &current);
    void onClicked(const QModelIndex &index);
    // A folder's "more" row in the viewport loads its next page: big folders fill as they
    // scroll, a page at a time, never by clicking.
    void loadVisibleMore();
    void applySeparator();
    void setStatus(const QString &text, bool error = false);
    void setupLiveUpdates();  // keyspace notifications if the server sends them
    void enableLiveUpdates(); // CONFIG SET notify-keyspace-events KEA (embedded engine)
    void showInBar(QWidget *widget, bool shown); // a widget of the key actions' tool bar
    void updateSampleButtons();

    KeyService m_keys;
    KeyIndex *m_index;
    KeyScanner *m_scanner;
    KeyTreeModel *m_model;
    bool m_waitingForIndex = false;
    bool m_lastComplete = false;

    QLineEdit *m_filter;
    QComboBox *m_type;
    QLineEdit *m_separator;
    QCheckBox *m_flat;
    QPushButton *m_refresh;
    QPushButton *m_cancel;
    QToolBar *m_actions = nullptr; // the key actions' row
    QPushButton *m_live;
    QPushButton *m_newKey;
    QPushButton *m_bulkDelete;
    QPushButton *m_sampleLoad;         // in the value pane while the database is empty
    QToolButton *m_transfer = nullptr; // export/copy the picked keys: hidden while it is empty
    QPushButton *m_samplePublisher;    // start/stop, shown once sample data was loaded
    SampleData *m_sample;
    KeyCountWatcher *m_count;
    bool m_emptyDb = false;
    KeyspaceWatcher *m_watcher = nullptr;
    QProgressBar *m_progress;
    QLabel *m_status;
    bool m_statusIsError = false; // the status shows an error: count polls leave it
    QLineEdit *m_jump;
    QSplitter *m_splitter;
    QTreeView *m_tree;
    QTimer m_loadMore; // coalesces scroll, expand and insert events into one look
    ValuePanel *m_value;
};

} // namespace redscope
