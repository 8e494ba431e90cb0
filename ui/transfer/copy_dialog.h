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
class QPushButton;
class QSpinBox;

namespace redscope {

class KeySelectionBox;
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
    KeySelectionBox *keys() const { return m_keys; }
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
    TransferTargets m_targets;
    KeySelectionBox *m_keys;
    QComboBox *m_target;
    QSpinBox *m_targetDb;
    QComboBox *m_policy;
    QSpinBox *m_rate;
    QCheckBox *m_rebuild;
    QPushButton *m_start;
    QPushButton *m_cancel;
    TransferRunner *m_runner;
    TransferProgress *m_progress;
};

} // namespace redscope
