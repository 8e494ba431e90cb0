// The threshold box allows -1 (log nothing) to 10 s; 0 logs every command, handy for a quick
// look but noisy on production, hence the hint in the tooltip.
#include "server/slowlog_view.h"

#include "server/slowlog_model.h"
#include "server/time_format.h"
#include "widgets/confirm.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QTableView>
#include <QVBoxLayout>

namespace redscope {

SlowlogView::SlowlogView(RedisConnection *connection, QWidget *parent)
    : ServerView(connection, parent)
    , m_model(new SlowlogModel(this))
    , m_view(new QTableView(this))
    , m_threshold(new QSpinBox(this))
    , m_status(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_empty(new QLabel(this))
{
    m_empty->setObjectName(QStringLiteral("slowlogEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setContentsMargins(24, 24, 24, 24);
    m_pages->addWidget(m_view);
    m_pages->addWidget(m_empty);
    m_view->setObjectName(QStringLiteral("slowlogTable"));
    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
    m_view->verticalHeader()->setDefaultSectionSize(fontMetrics().height() + 8); // dense rows
    m_view->horizontalHeader()->setStretchLastSection(true);

    m_threshold->setObjectName(QStringLiteral("slowlogThreshold"));
    m_threshold->setRange(-1, 10000000);
    m_threshold->setSuffix(tr(" µs"));
    m_threshold->setToolTip(tr("slowlog-log-slower-than: -1 logs nothing, 0 logs every command"));
    m_status->setObjectName(QStringLiteral("slowlogStatus"));

    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setObjectName(QStringLiteral("slowlogRefresh"));
    auto *applyButton = new QPushButton(tr("Apply"), this);
    applyButton->setObjectName(QStringLiteral("slowlogApply"));
    auto *resetButton = new QPushButton(tr("Reset log…"), this);
    resetButton->setObjectName(QStringLiteral("slowlogReset"));
    connect(refreshButton, &QPushButton::clicked, this, &SlowlogView::refresh);
    connect(applyButton, &QPushButton::clicked, this, &SlowlogView::applyThreshold);
    connect(resetButton, &QPushButton::clicked, this, &SlowlogView::reset);

    if (m_admin.settings().readOnly) {
        const QList<QWidget *> actions{applyButton, resetButton, m_threshold};
        for (QWidget *action : actions) {
            action->setEnabled(false);
            action->setToolTip(tr("Disabled: this connection is read-only"));
        }
    }

    auto *bar = new QHBoxLayout;
    bar->addWidget(refreshButton);
    bar->addWidget(resetButton);
    bar->addSpacing(16);
    bar->addWidget(new QLabel(tr("Log commands slower than"), this));
    bar->addWidget(m_threshold);
    bar->addWidget(applyButton);
    bar->addStretch(1);
    bar->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_pages, 1);
}

QString SlowlogView::statusText() const
{
    return m_status->text();
}

void SlowlogView::load()
{
    m_admin.config("slowlog-log-slower-than", this, [this](const Result<QString> &threshold) {
        if (!threshold.ok()) return;
        m_serverThreshold = threshold.value.toInt();
        m_threshold->setValue(m_serverThreshold);
        updateEmptyHint();
    });
    m_admin.slowlog(128, this, [this](const Result<QList<SlowlogEntry>> &entries) {
        if (!entries.ok()) {
            m_status->setText(entries.error);
            return;
        }
        m_model->setEntries(entries.value);
        m_view->resizeColumnsToContents();
        updateEmptyHint();
        const qsizetype count = m_model->entries().size();
        m_status->setText(count == 1 ? tr("1 entry") : tr("%1 entries").arg(count));
    });
}

void SlowlogView::applyThreshold()
{
    const QByteArray value = QByteArray::number(m_threshold->value());
    m_admin.setConfig("slowlog-log-slower-than", value, this, [this, value](const Status &status) {
        m_status->setText(status.ok() ? tr("Threshold set to %1 µs").arg(QString::fromLatin1(value))
                                      : status.error);
        if (!status.ok()) return;
        m_serverThreshold = value.toInt();
        updateEmptyHint();
    });
}

void SlowlogView::reset()
{
    if (!confirmAction(this, tr("Reset slow log"),
                       tr("Delete all slow log entries on the server?")))
        return;
    m_admin.resetSlowlog(this, [this](const Status &status) {
        if (!status.ok()) {
            m_status->setText(status.error);
            return;
        }
        refresh();
    });
}

QString SlowlogView::emptyHint() const
{
    return m_empty->text();
}

bool SlowlogView::isShowingEmptyHint() const
{
    return m_pages->currentWidget() == m_empty;
}

void SlowlogView::updateEmptyHint()
{
    const bool empty = m_model->rowCount() == 0;
    m_pages->setCurrentWidget(empty ? static_cast<QWidget *>(m_empty) : m_view);
    if (!empty) return;
    if (m_serverThreshold < 0) {
        m_empty->setText(tr("<p><b>The slow log is off.</b></p><p>slowlog-log-slower-than is -1: "
                            "set a threshold above to record slow commands.</p>"));
    } else {
        m_empty->setText(
            tr("<p><b>The slow log is empty.</b></p><p>No command has taken longer than %1 "
               "(slowlog-log-slower-than) since the log was last reset.<br>Lower the threshold "
               "above to record faster commands; 0 records every command.</p>")
                .arg(TimeFormat::duration(m_serverThreshold)));
    }
}

} // namespace redscope
