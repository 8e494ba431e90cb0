// ImportDialog: "Import…" into a connection's database. The file (its format guessed from the
// name and first bytes, changeable), the conflict policy (skip, replace, fail), a dry run,
// "continue past errors", and for a dump.rdb which of its databases. "Validate" reads the whole
// file and lists every problem with its line or offset; "Import" validates first too and writes
// nothing if the file is bad. A production connection asks before writing. When the server goes
// away midway the summary says how many keys were written and "Resume" continues from there.
#pragma once

#include "transfer/transfer_endpoint.h"
#include "transfer/transfer_types.h"

#include <QDialog>

class QCheckBox;
class QComboBox;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace redscope {

class TransferProgress;
class TransferRunner;

class ImportDialog : public QDialog
{
    Q_OBJECT

public:
    explicit ImportDialog(const TransferEndpoint &target, QWidget *parent = nullptr);

    QLineEdit *pathEdit() const { return m_path; }
    QComboBox *formatBox() const { return m_format; }
    QComboBox *policyBox() const { return m_policy; }
    QCheckBox *dryRunBox() const { return m_dryRun; }
    QCheckBox *continueBox() const { return m_continue; }
    QPushButton *validateButton() const { return m_validate; }
    QPushButton *importButton() const { return m_import; }
    QPushButton *resumeButton() const { return m_resume; }
    TransferRunner *runner() const { return m_runner; }
    TransferProgress *progress() const { return m_progress; }

    void setPath(const QString &path);
    void validate();
    void startImport();
    void resume();

private:
    void browse();
    void launch(bool validateOnly, qint64 resumeFrom);
    void run(bool validateOnly, qint64 resumeFrom, bool confirmed);
    void updateState();

    TransferEndpoint m_target;
    QLineEdit *m_path;
    QComboBox *m_format;
    QComboBox *m_policy;
    QSpinBox *m_rdbDb;
    QCheckBox *m_dryRun;
    QCheckBox *m_continue;
    QPushButton *m_validate;
    QPushButton *m_import;
    QPushButton *m_resume;
    QPushButton *m_cancel;
    TransferRunner *m_runner;
    TransferProgress *m_progress;
    qint64 m_resumeFrom = -1;
    QList<qint64> m_resumeRewrite; // records to write again on resume (see TransferSummary)
    bool m_confirmed = false;
};

} // namespace redscope
