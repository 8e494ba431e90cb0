// The list follows new lines only while it is scrolled to the bottom, so an operator can stop
// and read an older line while the session keeps running. Filtering is a case-insensitive
// substring match through a QSortFilterProxyModel; at 50k lines that stays interactive.
#include "server/monitor_panel.h"

#include "connection/connection_lifecycle.h"
#include "server/monitor_line_model.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QPushButton>
#include <QScrollBar>
#include <QSortFilterProxyModel>
#include <QVBoxLayout>

namespace redscope {

MonitorPanel::MonitorPanel(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_model(new MonitorLineModel(this))
    , m_filter(new QSortFilterProxyModel(this))
    , m_view(new QListView(this))
    , m_startButton(new QPushButton(tr("Start"), this))
    , m_stopButton(new QPushButton(tr("Stop"), this))
    , m_filterEdit(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    setObjectName(QStringLiteral("monitorPanel"));
    m_filter->setSourceModel(m_model);
    m_filter->setFilterCaseSensitivity(Qt::CaseInsensitive);

    m_view->setObjectName(QStringLiteral("monitorList"));
    m_view->setModel(m_filter);
    m_view->setUniformItemSizes(true);
    m_view->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_view->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));

    m_startButton->setObjectName(QStringLiteral("monitorStart"));
    m_startButton->setToolTip(tr("Runs MONITOR on a separate connection. The server streams "
                                 "every command it executes, which costs it throughput."));
    m_stopButton->setObjectName(QStringLiteral("monitorStop"));
    m_stopButton->setEnabled(false);
    auto *clearButton = new QPushButton(tr("Clear"), this);
    clearButton->setObjectName(QStringLiteral("monitorClear"));
    m_filterEdit->setObjectName(QStringLiteral("monitorFilter"));
    m_filterEdit->setPlaceholderText(tr("Filter lines"));
    m_filterEdit->setClearButtonEnabled(true);
    m_status->setObjectName(QStringLiteral("monitorStatus"));

    connect(m_startButton, &QPushButton::clicked, this, &MonitorPanel::start);
    connect(m_stopButton, &QPushButton::clicked, this, &MonitorPanel::stop);
    connect(clearButton, &QPushButton::clicked, this, &MonitorPanel::clear);
    connect(m_filterEdit, &QLineEdit::textChanged, this, &MonitorPanel::setFilter);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_startButton);
    bar->addWidget(m_stopButton);
    bar->addWidget(clearButton);
    bar->addWidget(m_filterEdit, 1);
    bar->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);
    updateStatus();
}

void MonitorPanel::setConnection(RedisConnection *connection)
{
    if (connection == m_connection) return;
    m_connection = connection;
    const bool wasActive = m_session && m_session->isActive();
    delete m_session; // the next start() opens a session with the new server's settings
    m_session = nullptr;
    m_startButton->setEnabled(true);
    m_stopButton->setEnabled(false);
    if (wasActive)
        start();
    else
        updateStatus();
}

void MonitorPanel::start()
{
    if (!m_session) {
        m_session = new MonitorSession(ConnectionLifecycle(m_connection).settings(), this);
        connect(m_session, &MonitorSession::stateChanged, this, &MonitorPanel::onStateChanged);
        connect(m_session, &MonitorSession::linesReceived, this, &MonitorPanel::onLines);
    }
    m_session->start();
    m_startButton->setEnabled(false);
    m_stopButton->setEnabled(true);
    updateStatus();
}

void MonitorPanel::stop()
{
    if (m_session) m_session->stop();
}

void MonitorPanel::clear()
{
    m_model->clear();
    updateStatus();
}

void MonitorPanel::setFilter(const QString &text)
{
    if (m_filterEdit->text() != text) m_filterEdit->setText(text); // re-enters through the signal
    m_filter->setFilterFixedString(text);
    updateStatus();
}

QString MonitorPanel::statusText() const
{
    return m_status->text();
}

void MonitorPanel::onStateChanged(MonitorSession::State, const QString &)
{
    const bool active = m_session->isActive();
    m_startButton->setEnabled(!active);
    m_stopButton->setEnabled(active);
    updateStatus();
}

void MonitorPanel::onLines(const QList<QByteArray> &lines)
{
    QScrollBar *bar = m_view->verticalScrollBar();
    const bool follow = bar->value() == bar->maximum();
    m_model->appendLines(lines);
    if (follow) m_view->scrollToBottom();
    updateStatus();
}

void MonitorPanel::updateStatus()
{
    const MonitorSession::State state =
        m_session ? m_session->state() : MonitorSession::State::Stopped;
    QString text = MonitorSession::stateName(state);
    const int total = m_model->rowCount();
    const int shown = m_filter->rowCount();
    text += total == shown ? (total == 1 ? tr(" · 1 line") : tr(" · %1 lines").arg(total))
                           : tr(" · %1 of %2 lines").arg(shown).arg(total);
    if (m_model->droppedCount() > 0)
        text += tr(" · oldest %1 dropped (limit %2)")
                    .arg(m_model->droppedCount())
                    .arg(m_model->capacity());
    if (m_session && !m_session->errorText().isEmpty())
        text += QStringLiteral(" · ") + m_session->errorText();
    m_status->setText(text);
}

} // namespace redscope
