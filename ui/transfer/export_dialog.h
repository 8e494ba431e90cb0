// ExportDialog: "Export…" of a connection's database, or "Export selected…" from the key
// browser. What (the picked keys, keys matching a pattern with a type filter, or the whole
// database), the format (JSON Lines, CSV, RESP for redis-cli --pipe, RDB), TTLs relative or
// absolute, and the file. The export runs as an ExportJob on its own thread; the dialog shows
// progress, can cancel, and ends with the summary.
#pragma once

#include "transfer/transfer_endpoint.h"
#include "transfer/transfer_types.h"

#include <QDialog>

class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QPushButton;

namespace redscope {

class KeySelectionBox;
class TransferProgress;
class TransferRunner;

class ExportDialog : public QDialog
{
    Q_OBJECT

public:
    ExportDialog(const TransferEndpoint &source, const QList<QByteArray> &selectedKeys,
                 QWidget *parent = nullptr);

    QComboBox *formatBox() const { return m_format; }
    QComboBox *ttlBox() const { return m_ttl; }
    QLineEdit *pathEdit() const { return m_path; }
    KeySelectionBox *keys() const { return m_keys; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *cancelButton() const { return m_cancel; }
    TransferRunner *runner() const { return m_runner; }
    TransferProgress *progress() const { return m_progress; }

    void start();

private:
    void browse();
    void updateState();

    TransferEndpoint m_source;
    KeySelectionBox *m_keys;
    QComboBox *m_format;
    QComboBox *m_ttl;
    QLineEdit *m_path;
    QPushButton *m_start;
    QPushButton *m_cancel;
    TransferRunner *m_runner;
    TransferProgress *m_progress;
};

} // namespace redscope
