// TransferProgress: the bottom part every transfer dialog shares. A progress bar (keys or bytes
// against the known total), a live status line, the summary when the job ends, and the list of
// problems (bad lines of a file, refused keys, skipped keys) so "continue past errors" shows
// exactly what was passed over. It follows a TransferRunner; the dialog owns both.
#pragma once

#include "transfer/transfer_types.h"

#include <QWidget>

class QDialog;
class QLabel;
class QLayout;
class QPushButton;
class QPlainTextEdit;
class QProgressBar;

namespace redscope {

class TransferRunner;

class TransferProgress : public QWidget
{
    Q_OBJECT

public:
    explicit TransferProgress(TransferRunner *runner, QWidget *parent = nullptr);

    void reset(const QString &status = {});
    QString statusText() const;
    QString problemsText() const;
    QProgressBar *bar() const { return m_bar; }
    // Lays out the dialog this progress belongs to, as every transfer dialog looks: its form
    // on top, this progress, then its action buttons beside Close (which rejects the dialog);
    // cancel stops the job.
    void layOutDialog(QDialog *dialog, QLayout *form, const QList<QPushButton *> &actions,
                      QPushButton *cancel);

private:
    void show(const TransferSummary &summary, bool finished);

    QProgressBar *m_bar;
    QLabel *m_status;
    QPlainTextEdit *m_problems;
    TransferRunner *m_runner;
};

} // namespace redscope
