// TransferProgress (see transfer_progress.h).
#include "transfer/transfer_progress.h"

#include "transfer/transfer_runner.h"

#include <QDialog>
#include <QDialogButtonBox>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace redscope {

TransferProgress::TransferProgress(TransferRunner *runner, QWidget *parent)
    : QWidget(parent)
    , m_bar(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_problems(new QPlainTextEdit(this))
    , m_runner(runner)
{
    m_bar->setObjectName(QStringLiteral("transferProgressBar"));
    m_status->setObjectName(QStringLiteral("transferStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_problems->setObjectName(QStringLiteral("transferProblems"));
    m_problems->setReadOnly(true);
    m_problems->setPlaceholderText(tr("Problems found in the file or refused by the server "
                                      "are listed here."));
    m_problems->setMaximumBlockCount(2000);
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_bar);
    layout->addWidget(m_status);
    layout->addWidget(m_problems, 1);
    connect(runner, &TransferRunner::progress, this,
            [this](const TransferSummary &summary) { show(summary, false); });
    connect(runner, &TransferRunner::finished, this,
            [this](const TransferSummary &summary) { show(summary, true); });
    reset();
}

void TransferProgress::layOutDialog(QDialog *dialog, QLayout *form,
                                    const QList<QPushButton *> &actions, QPushButton *cancel)
{
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    for (QPushButton *action : actions)
        buttons->addButton(action, QDialogButtonBox::ActionRole);
    auto *layout = new QVBoxLayout(dialog);
    layout->addLayout(form);
    layout->addWidget(this, 1);
    layout->addWidget(buttons);
    connect(cancel, &QPushButton::clicked, m_runner, &TransferRunner::cancel);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::reject);
}

void TransferProgress::reset(const QString &status)
{
    m_bar->setRange(0, 1);
    m_bar->setValue(0);
    m_status->setText(status);
    m_problems->clear();
}

QString TransferProgress::statusText() const
{
    return m_status->text();
}

QString TransferProgress::problemsText() const
{
    return m_problems->toPlainText();
}

void TransferProgress::show(const TransferSummary &s, bool finished)
{
    const qint64 done = s.keysDone + s.keysSkipped + s.keysFailed + s.keysExpired;
    if (s.keysTotal > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(qMin<qint64>(1000, done * 1000 / s.keysTotal)));
    } else if (s.commandsTotal > 0) {
        m_bar->setRange(0, 1000);
        m_bar->setValue(int(qMin<qint64>(1000, s.commandsRead * 1000 / s.commandsTotal)));
    } else if (!finished) {
        m_bar->setRange(0, 0); // busy
    }
    if (finished) {
        if (s.ok())
            m_bar->setRange(0, 1), m_bar->setValue(1);
        else if (m_bar->maximum() == 0)
            m_bar->setRange(0, 1);
    }
    m_status->setText(finished ? s.text() : tr("Working… %1").arg(s.text()));
    if (finished || m_problems->blockCount() < s.problems.size()) {
        m_problems->setPlainText(s.problems.join(QLatin1Char('\n')));
        if (s.problemCount > s.problems.size())
            m_problems->appendPlainText(
                tr("… and %1 more").arg(s.problemCount - s.problems.size()));
    }
}

} // namespace redscope
