// Laid out like ConnectionErrorPage (a centred reading column, the headline with an icon, the
// cause under it, the buttons in a row), a little wider for the log's long lines. The log is
// read again each time it is opened or the engine stops while it is open, on a worker thread.
#include "local/engine_stopped_page.h"

#include "widgets/confirm.h"

#include <QDesktopServices>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScrollBar>
#include <QStyle>
#include <QToolButton>
#include <QUrl>
#include <QVBoxLayout>

namespace redscope {

// A reading width that still fits a log line's timestamp and most of its message; the tab
// is wider even at 1024 px.
static constexpr int kColumnMinWidth = 560;
static constexpr int kColumnMaxWidth = 820;
// Enough for a whole crash report (INFO, client list and config run to several hundred lines),
// whose first lines say why the engine stopped.
static constexpr int kLogLines = 2000;
static constexpr int kLogViewLines = 12;
static constexpr int kTopMargin = 72;

EngineStoppedPage::EngineStoppedPage(EmbeddedEngine *engine, QWidget *parent)
    : QWidget(parent)
    , m_engine(engine)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_subtitle(new QLabel(this))
    , m_cause(new QLabel(this))
    , m_note(new QLabel(this))
    , m_restart(new QPushButton(tr("Restart engine"), this))
    , m_emptyData(new QPushButton(tr("Start with empty data…"), this))
    , m_openFolder(new QPushButton(tr("Open data folder"), this))
    , m_logToggle(new QToolButton(this))
    , m_log(new QPlainTextEdit(this))
{
    setObjectName(QStringLiteral("engineStoppedPage"));
    m_title->setObjectName(QStringLiteral("engineStoppedTitle"));
    m_cause->setObjectName(QStringLiteral("engineStoppedCause"));
    m_note->setObjectName(QStringLiteral("engineStoppedNote"));
    m_restart->setObjectName(QStringLiteral("engineRestart"));
    m_emptyData->setObjectName(QStringLiteral("engineStartEmpty"));
    m_openFolder->setObjectName(QStringLiteral("engineOpenFolder"));
    m_logToggle->setObjectName(QStringLiteral("engineLogToggle"));
    m_log->setObjectName(QStringLiteral("engineLog"));

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_subtitle->setForegroundRole(QPalette::PlaceholderText);
    m_subtitle->setWordWrap(true);
    m_cause->setWordWrap(true);
    m_cause->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_note->setWordWrap(true);
    m_note->setForegroundRole(QPalette::PlaceholderText);
    m_restart->setDefault(true);
    m_restart->setToolTip(tr("Starts the engine again on the same data directory; the open "
                             "tabs reconnect"));
    m_emptyData->setToolTip(tr("Renames the file that did not load (nothing is deleted) and "
                               "starts with an empty dataset"));

    m_logToggle->setText(tr("Show log"));
    m_logToggle->setAutoRaise(true);
    m_logToggle->setArrowType(Qt::RightArrow);
    m_logToggle->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_log->setReadOnly(true);
    m_log->setLineWrapMode(QPlainTextEdit::NoWrap);
    m_log->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_log->setFixedHeight(m_log->fontMetrics().lineSpacing() * kLogViewLines +
                          2 * m_log->frameWidth() + 8);
    m_log->hide();

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_restart);
    buttons->addWidget(m_emptyData);
    buttons->addWidget(m_openFolder);
    buttons->addStretch(1);

    auto *headline = new QHBoxLayout;
    headline->addWidget(m_icon, 0, Qt::AlignTop);
    auto *texts = new QVBoxLayout;
    texts->addWidget(m_title);
    texts->addWidget(m_subtitle);
    headline->addLayout(texts, 1);

    auto *column = new QWidget(this);
    column->setMinimumWidth(kColumnMinWidth);
    column->setMaximumWidth(kColumnMaxWidth);
    column->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Maximum);
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->addLayout(headline);
    columnLayout->addSpacing(6);
    columnLayout->addWidget(m_cause);
    columnLayout->addSpacing(2);
    columnLayout->addWidget(m_note);
    columnLayout->addSpacing(6);
    columnLayout->addLayout(buttons);
    columnLayout->addSpacing(6);
    columnLayout->addWidget(m_logToggle, 0, Qt::AlignLeft);
    columnLayout->addWidget(m_log);

    // Centred across, no wider than kColumnMaxWidth; a fixed distance from the top, so that
    // opening the log grows the page downwards and the buttons stay under the mouse.
    auto *row = new QHBoxLayout;
    row->addStretch(1);
    row->addWidget(column, 100);
    row->addStretch(1);
    auto *outer = new QVBoxLayout(this);
    outer->addSpacing(kTopMargin);
    outer->addLayout(row);
    outer->addStretch(1);

    connect(m_restart, &QPushButton::clicked, this, [this] {
        if (m_engine) m_engine->restart();
    });
    connect(m_emptyData, &QPushButton::clicked, this, &EngineStoppedPage::startWithEmptyData);
    connect(m_openFolder, &QPushButton::clicked, this, [this] {
        if (m_engine) QDesktopServices::openUrl(QUrl::fromLocalFile(m_engine->dataDir()));
    });
    connect(m_logToggle, &QToolButton::clicked, this, [this] {
        const bool open = m_log->isHidden();
        m_logToggle->setArrowType(open ? Qt::DownArrow : Qt::RightArrow);
        m_logToggle->setText(open ? tr("Hide log") : tr("Show log"));
        m_log->setVisible(open);
        if (open) loadLog();
    });
    if (m_engine) {
        connect(m_engine, &EmbeddedEngine::stateChanged, this, [this] {
            update();
            if (m_log->isVisible()) loadLog();
        });
    }
    update();
}

EngineStoppedPage::Explanation EngineStoppedPage::explain(const EngineHost::StopReport &report)
{
    using Cause = EngineHost::StopCause;
    Explanation result;
    switch (report.cause) {
    case Cause::Panic:
        result.title = tr("The local engine stopped after a panic");
        result.cause = report.detail;
        result.summary = tr("Stopped: panic");
        break;
    case Cause::Shutdown:
        result.title = tr("The local engine was shut down");
        result.cause = tr("Stopped by %1, sent by a client.").arg(report.detail);
        // "Shut down (NOSAVE)": short enough for the connection list's second line.
        result.summary = report.detail.section(QLatin1Char(' '), 1).isEmpty()
                             ? tr("Shut down")
                             : tr("Shut down (%1)").arg(report.detail.section(QLatin1Char(' '), 1));
        break;
    case Cause::LoadFailed:
        result.title = tr("The local engine could not load its data");
        result.cause = report.detail;
        result.summary = tr("Stopped: its data did not load");
        break;
    case Cause::StartFailed:
        result.title = tr("The local engine did not start");
        result.cause = report.detail;
        result.summary = tr("Did not start");
        break;
    case Cause::Stopped:
    case Cause::None:
        result.title = tr("The local engine is stopped");
        result.summary = tr("Stopped");
        break;
    }
    return result;
}

void EngineStoppedPage::update()
{
    if (!m_engine) return;
    const bool starting = m_engine->state() == EmbeddedEngine::State::Starting;
    const EngineHost::StopReport report = m_engine->stopReport();
    const Explanation what = explain(report);
    m_title->setText(starting ? tr("Starting the local engine…") : what.title);
    m_subtitle->setText(
        tr("Data directory: %1").arg(QDir::toNativeSeparators(m_engine->dataDir())));
    m_cause->setText(starting ? QString() : what.cause);
    m_cause->setVisible(!starting && !what.cause.isEmpty());

    using Cause = EngineHost::StopCause;
    QString note;
    if (report.cause == Cause::LoadFailed && !report.file.isEmpty()) {
        const QString name = QFileInfo(report.file).fileName();
        note = tr("“Start with empty data” renames %1 to %1.corrupt-<date-time> beside it; "
                  "nothing is deleted.")
                   .arg(name);
    } else if (report.cause == Cause::Panic) {
        note = tr("A panic stops the engine without saving. Restart loads what was saved "
                  "before: the last snapshot, or the AOF when it was on.");
    } else if (report.cause == Cause::Shutdown && report.detail.contains(QLatin1String("NOSAVE"))) {
        note = tr("NOSAVE: changes since the last snapshot were not written.");
    }
    m_note->setText(note);
    m_note->setVisible(!starting && !note.isEmpty());

    const QStyle::StandardPixmap icon =
        starting ? QStyle::SP_BrowserReload
        : report.cause == Cause::Shutdown || report.cause == Cause::Stopped
            ? QStyle::SP_MessageBoxInformation
            : QStyle::SP_MessageBoxCritical;
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(40, 40));
    m_restart->setEnabled(!starting);
    m_restart->setText(report.cause == Cause::LoadFailed || report.cause == Cause::StartFailed
                           ? tr("Try again")
                           : tr("Restart engine"));
    m_emptyData->setVisible(report.cause == Cause::LoadFailed);
    m_emptyData->setEnabled(!starting);
}

void EngineStoppedPage::startWithEmptyData()
{
    if (!m_engine) return;
    const EngineHost::StopReport report = m_engine->stopReport();
    if (report.cause != EngineHost::StopCause::LoadFailed) return;
    const QString file = QDir::toNativeSeparators(report.file);
    if (!confirmAction(this, tr("Start with empty data"),
                       tr("Move %1 aside and start the local engine with no data?\n\nThe file "
                          "is renamed to %2.corrupt-<date-time> in the same folder; nothing is "
                          "deleted, so it can still be examined or repaired.")
                           .arg(file, QFileInfo(report.file).fileName())))
        return;
    m_engine->startWithEmptyData();
}

void EngineStoppedPage::loadLog()
{
    if (!m_engine) return;
    auto *watcher = new QFutureWatcher<QStringList>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        const QStringList lines = watcher->result();
        m_log->setPlainText(lines.isEmpty() ? tr("(the log is empty)")
                                            : lines.join(QLatin1Char('\n')));
        m_log->verticalScrollBar()->setValue(m_log->verticalScrollBar()->maximum());
        emit logShown();
    });
    watcher->setFuture(m_engine->readLog(kLogLines));
}

} // namespace redscope
