// ExportDialog: "Export…" of a connection's database, or "Export selected…" from the key
// browser. What (the picked keys, keys matching a pattern with a type filter, or the whole
// database), the format (JSON Lines, CSV, RESP for redis-cli --pipe, RDB), TTLs relative or
// absolute, and the file. The export runs as an ExportJob on its own thread; the dialog shows
// progress, can cancel, and ends with the summary.
#pragma once

#include "transfer/transfer_endpoint.h"
#include "transfer/transfer_types.h"

#include <QDialog>

class QButtonGroup;
class QComboBox;
class QDialogButtonBox;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace redscope {

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
    QLineEdit *patternEdit() const { return m_pattern; }
    QComboBox *typeBox() const { return m_type; }
    QRadioButton *selectedChoice() const { return m_selected; }
    QRadioButton *patternChoice() const { return m_byPattern; }
    QRadioButton *allChoice() const { return m_all; }
    QPushButton *startButton() const { return m_start; }
    QPushButton *cancelButton() const { return m_cancel; }
    TransferRunner *runner() const { return m_runner; }
    TransferProgress *progress() const { return m_progress; }

    void start();

private:
    void browse();
    void updateState();

    TransferEndpoint m_source;
    QList<QByteArray> m_keys;
    QRadioButton *m_selected;
    QRadioButton *m_byPattern;
    QRadioButton *m_all;
    QLineEdit *m_pattern;
    QComboBox *m_type;
    QComboBox *m_format;
    QComboBox *m_ttl;
    QLineEdit *m_path;
    QPushButton *m_start;
    QPushButton *m_cancel;
    TransferRunner *m_runner;
    TransferProgress *m_progress;
};

} // namespace redscope
