// The threshold box allows -1 (log nothing) to 10 s; 0 logs every command, handy for a quick
// look but noisy on production, hence the hint in the tooltip.
#include "server/slowlog_view.h"

#include "server/slowlog_model.h"
#include "widgets/confirm.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>
#include <QVBoxLayout>

namespace redscope {

SlowlogView::SlowlogView(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_requests(connection)
    , m_model(new SlowlogModel(this))
    , m_view(new QTableView(this))
    , m_threshold(new QSpinBox(this))
    , m_status(new QLabel(this))
{
    m_view->setObjectName(QStringLiteral("slowlogTable"));
    m_view->setModel(m_model);
    m_view->setAlternatingRowColors(true);
    m_view->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_view->verticalHeader()->hide();
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

    if (connection->settings().readOnly) {
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
    layout->addWidget(m_view, 1);
}

void SlowlogView::setConnection(RedisConnection *connection)
{
    if (!m_requests.setConnection(connection)) return;
    if (isVisible()) return refresh();
    m_loadedOnce = false; // reload on the next showEvent
}

void SlowlogView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (!m_loadedOnce) refresh();
}

QString SlowlogView::statusText() const
{
    return m_status->text();
}

void SlowlogView::refresh()
{
    m_loadedOnce = true;
    m_requests.send({"CONFIG", "GET", "slowlog-log-slower-than"}, [this](const RedisValue &r) {
        const QList<ConfigEntry> entries = ServerReplies::parseConfig(r);
        if (!entries.isEmpty()) m_threshold->setValue(entries.first().value.toInt());
    });
    m_requests.send({"SLOWLOG", "GET", "128"}, [this](const RedisValue &reply) {
        if (reply.isError()) {
            m_status->setText(reply.text());
            return;
        }
        m_model->setEntries(ServerReplies::parseSlowlog(reply));
        m_view->resizeColumnsToContents();
        m_status->setText(tr("%n entry(ies)", nullptr, int(m_model->entries().size())));
    });
}

void SlowlogView::applyThreshold()
{
    const QByteArray value = QByteArray::number(m_threshold->value());
    m_requests.send({"CONFIG", "SET", "slowlog-log-slower-than", value},
                    [this, value](const RedisValue &reply) {
                        m_status->setText(
                            reply.isError()
                                ? reply.text()
                                : tr("Threshold set to %1 µs").arg(QString::fromLatin1(value)));
                    });
}

void SlowlogView::reset()
{
    if (!confirmAction(this, tr("Reset slow log"),
                       tr("Delete all slow log entries on the server?")))
        return;
    m_requests.send({"SLOWLOG", "RESET"}, [this](const RedisValue &reply) {
        if (reply.isError()) {
            m_status->setText(reply.text());
            return;
        }
        refresh();
    });
}

} // namespace redscope
