// CompareDialog: "Compare…" of a connection's database (A) with another (B): another open
// connection or another database of the same server; A may instead be a dump.rdb. Runs a
// CompareJob and lists the differences (DiffModel, lazy) as they are found; the selected key's
// two values are shown side by side (fetched asynchronously, sorted where order is not part of
// the value). "Export differences…" writes the commands that make B equal to A as a RESP file
// (redis-cli --pipe); "Make B equal to A" applies them to the chosen keys, after the
// production question when B is a production connection.
#pragma once

#include "transfer/compare_job.h"
#include "transfer/transfer_endpoint.h"
#include "transfer/transfer_targets.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QRadioButton;
class QSpinBox;
class QTableView;

namespace redscope {

class DiffModel;
class ValuePeeker;
class TransferProgress;
class TransferRunner;

class CompareDialog : public QDialog
{
    Q_OBJECT

public:
    CompareDialog(const TransferEndpoint &a, const TransferTargets &targets,
                  QWidget *parent = nullptr);
    ~CompareDialog() override;

    QRadioButton *serverChoice() const { return m_aServer; }
    QRadioButton *fileChoice() const { return m_aFile; }
    QLineEdit *rdbPathEdit() const { return m_rdbPath; }
    QComboBox *targetBox() const { return m_target; }
    QSpinBox *targetDbBox() const { return m_targetDb; }
    QLineEdit *patternEdit() const { return m_pattern; }
    QPushButton *compareButton() const { return m_compare; }
    QPushButton *exportButton() const { return m_export; }
    QPushButton *syncButton() const { return m_sync; }
    QTableView *diffView() const { return m_view; }
    DiffModel *model() const { return m_model; }
    QPlainTextEdit *valueA() const { return m_valueA; }
    QPlainTextEdit *valueB() const { return m_valueB; }
    TransferRunner *runner() const { return m_runner; }
    TransferProgress *progress() const { return m_progress; }

    void startCompare();
    void exportDifferences(const QString &path);
    void makeBEqualToA(); // the selected rows' keys

private:
    CompareSide sideA() const;
    ConnectionSettings sideB() const;
    QList<QByteArray> chosenKeys() const;
    void showValues();
    void runSync(const QString &exportPath, bool confirmed);
    void updateState();

    TransferEndpoint m_a;
    TransferTargets m_targets;
    QRadioButton *m_aServer;
    QRadioButton *m_aFile;
    QLineEdit *m_rdbPath;
    QSpinBox *m_rdbDb;
    QComboBox *m_target;
    QSpinBox *m_targetDb;
    QLineEdit *m_pattern;
    QPushButton *m_compare;
    QPushButton *m_export;
    QPushButton *m_sync;
    QPushButton *m_cancel;
    QLabel *m_valueTitleA;
    QLabel *m_valueTitleB;
    QTableView *m_view;
    DiffModel *m_model;
    QPlainTextEdit *m_valueA;
    QPlainTextEdit *m_valueB;
    TransferRunner *m_runner;
    TransferProgress *m_progress;
    ValuePeeker *m_peeker = nullptr; // the side-by-side values of the compared databases
    CompareSide m_comparedA;
    ConnectionSettings m_comparedB;
    bool m_syncing = false;
};

} // namespace redscope
