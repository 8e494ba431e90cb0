// BulkDeleteDialog: "Delete keys matching…". The user edits a glob pattern; the dialog counts
// the matching keys (BulkDelete's SCAN preview, with progress and a sample of names), asks for
// a confirmation naming that count (on production connections through ProductionGuard, so the
// same production dialog as every other dangerous command), then deletes in UNLINK batches
// with progress. One Cancel button stops whatever runs; it closes the dialog when idle. All
// the logic is in app/keys/bulk_delete.h: this class only shows it.
#pragma once

#include "connection/connection_lifecycle.h"

#include <QDialog>

class QLabel;
class QLineEdit;
class QListWidget;
class QProgressBar;
class QPushButton;

namespace redscope {

class BulkDelete;
class RedisConnection;

class BulkDeleteDialog : public QDialog
{
    Q_OBJECT

public:
    BulkDeleteDialog(RedisConnection *connection, const QString &pattern,
                     QWidget *parent = nullptr);
    ~BulkDeleteDialog() override;

    BulkDelete *bulkDelete() const { return m_bulk; }
    void startPreview();
    void confirmAndDelete();

signals:
    // Deletion ended (finished, cancelled or failed) after deleting `deleted` keys.
    void keysDeleted(const QByteArray &pattern, qint64 deleted);

protected:
    void reject() override; // Escape or Close: cancels what runs first

private:
    void setBusy(bool busy);
    void setStatus(const QString &text, bool error = false);
    void onPreviewFinished(qint64 matched);

    ConnectionLifecycle m_connection;
    BulkDelete *m_bulk;
    QLineEdit *m_pattern;
    QPushButton *m_count;
    QProgressBar *m_progress;
    QLabel *m_status;
    QListWidget *m_sample;
    QPushButton *m_delete;
    QPushButton *m_cancel;
    bool m_deleting = false;
};

} // namespace redscope
