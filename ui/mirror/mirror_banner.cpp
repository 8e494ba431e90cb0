// MirrorBanner layout: title and message on the left (the message wraps: errors are sentences),
// the progress bar in the middle, the Stop menu or Close on the right.
#include "mirror/mirror_banner.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QMenu>
#include <QProgressBar>
#include <QToolButton>
#include <QVBoxLayout>

namespace redscope {

MirrorBanner::MirrorBanner(QWidget *parent)
    : QFrame(parent)
    , m_title(new QLabel(this))
    , m_message(new QLabel(this))
    , m_bar(new QProgressBar(this))
    , m_stop(new QToolButton(this))
    , m_close(new QToolButton(this))
    , m_copy(new QToolButton(this))
{
    setObjectName(QStringLiteral("mirrorBanner"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Maximum);
    m_title->setObjectName(QStringLiteral("mirrorTitle"));
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    m_message->setObjectName(QStringLiteral("mirrorMessage"));
    m_message->setWordWrap(true);
    m_message->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_bar->setObjectName(QStringLiteral("mirrorProgress"));
    m_bar->setMaximumWidth(260);
    m_bar->setMinimumWidth(120);

    m_stop->setObjectName(QStringLiteral("mirrorStopButton"));
    m_stop->setText(tr("Stop mirror"));
    m_stop->setPopupMode(QToolButton::InstantPopup);
    auto *menu = new QMenu(m_stop);
    QAction *keep = menu->addAction(tr("Stop and keep the copied data"));
    keep->setObjectName(QStringLiteral("mirrorStopKeepAction"));
    QAction *discard = menu->addAction(tr("Stop and discard the copied data"));
    discard->setObjectName(QStringLiteral("mirrorStopDiscardAction"));
    m_stop->setMenu(menu);
    connect(keep, &QAction::triggered, this, [this] { emit stopRequested(true); });
    connect(discard, &QAction::triggered, this, [this] { emit stopRequested(false); });

    m_close->setObjectName(QStringLiteral("mirrorCloseButton"));
    m_close->setText(tr("Close"));
    connect(m_close, &QToolButton::clicked, this, &MirrorBanner::closeRequested);

    m_copy->setObjectName(QStringLiteral("mirrorCopyButton"));
    m_copy->setText(tr("Copy instead…"));
    m_copy->setToolTip(tr("Copy the server's keys into the Local engine with SCAN + "
                          "DUMP/RESTORE, at a rate you set"));
    connect(m_copy, &QToolButton::clicked, this, &MirrorBanner::copyRequested);

    auto *text = new QVBoxLayout;
    text->setSpacing(2);
    text->addWidget(m_title);
    text->addWidget(m_message);
    auto *row = new QHBoxLayout(this);
    row->setContentsMargins(8, 4, 8, 4);
    row->addLayout(text, 1);
    row->addWidget(m_bar, 0, Qt::AlignVCenter);
    row->addWidget(m_copy, 0, Qt::AlignVCenter);
    row->addWidget(m_stop, 0, Qt::AlignVCenter);
    row->addWidget(m_close, 0, Qt::AlignVCenter);
    showProgress({});
}

void MirrorBanner::setTitle(const QString &title)
{
    m_title->setText(title);
}

void MirrorBanner::showProgress(const MirrorService::Progress &progress)
{
    using Phase = MirrorService::Phase;
    m_message->setText(progress.message);
    // Stop while the engine follows (or keeps trying) the server; a mirror refused before
    // the engine was pointed at the server has nothing to stop: Close.
    const bool stoppable =
        progress.phase == Phase::Failed ? progress.linkSet : progress.phase != Phase::Idle;
    m_stop->setVisible(stoppable);
    m_close->setVisible(!stoppable);
    m_copy->setVisible(progress.refused);
    switch (progress.phase) {
    case Phase::Starting:
    case Phase::Connecting:
        m_bar->setVisible(true);
        m_bar->setRange(0, 0); // busy
        break;
    case Phase::Syncing:
        m_bar->setVisible(true);
        if (progress.rdbTotalBytes > 0) {
            // Per mille of the bytes, so files over 2 GB fit an int range.
            m_bar->setRange(0, 1000);
            m_bar->setValue(
                int(1000 * qMax<qint64>(0, progress.rdbReadBytes) / progress.rdbTotalBytes));
            m_bar->setFormat(QStringLiteral("%p%"));
        } else {
            m_bar->setRange(0, 0);
        }
        break;
    case Phase::Live:
        m_bar->setVisible(true);
        m_bar->setRange(0, 1);
        m_bar->setValue(1);
        m_bar->setFormat(tr("Live"));
        break;
    case Phase::Idle:
    case Phase::Failed:
        m_bar->setVisible(false);
        break;
    }
}

} // namespace redscope
