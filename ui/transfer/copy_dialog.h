// CopyDialog: "Copy to…" from the key browser (the selected keys) or the Connection menu (a
// pattern with a type filter, or the whole database). The target is another open connection
// (another server, a cluster, the Local engine as a sandbox) and one of its databases; the
// conflict policy; a rate limit in keys per second; and "always rebuild type by type" for a
// target that should not get RESTORE payloads. The copy runs as a CopyJob and shows its
// progress and final count; a production target asks first.
#pragma once

#include "transfer/transfer_endpoint.h"
#include "transfer/transfer_targets.h"
#include "transfer/transfer_types.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;

namespace redscope {

class TransferProgress;
class TransferRunner;

class CopyDialog : public QDialog
{
    Q_OBJECT

public:
    CopyDialog(const TransferEndpoint &source, const QList<QByteArray> &selectedKeys,
               const TransferTargets &targets, QWidget *parent = nullptr);

    QComboBox *targetBox() const { return m_target; }
    QSpinBox *targetDbBox() const { return m_targetDb; }
    QLineEdit *patternEdit() const { return m_pattern; }
    QRadioButton *selectedChoice() const { return m_selected; }
    QRadioButton *patternChoice() const { return m_byPattern; }
    QComboBox *policyBox() const { return m_policy; }
    QSpinBox *rateBox() const { return m_rate; }
    QPushButton *startButton() const { return m_start; }
    TransferRunner *runner() const { return m_runner; }
    TransferProgress *progress() const { return m_progress; }

    void start();

private:
    void run(bool confirmed);
    void updateState();

    TransferEndpoint m_source;
    QList<QByteArray> m_keys;
    TransferTargets m_targets;
    QComboBox *m_target;
    QSpinBox *m_targetDb;
    QRadioButton *m_selected;
    QRadioButton *m_byPattern;
    QLineEdit *m_pattern;
    QComboBox *m_type;
    QComboBox *m_policy;
    QSpinBox *m_rate;
    QCheckBox *m_rebuild;
    QPushButton *m_start;
    QPushButton *m_cancel;
    TransferRunner *m_runner;
    TransferProgress *m_progress;
};

} // namespace redscope
