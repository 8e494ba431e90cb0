// Filtering uses QSortFilterProxyModel's recursive mode: a section stays visible while any of
// its fields matches, and matching a section name shows the section (its fields are kept when
// the section row itself matches, via autoAcceptChildRows).
#include "server/info_browser.h"

#include "server/info_tree_model.h"

#include "connection/connection_lifecycle.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSortFilterProxyModel>
#include <QTreeView>
#include <QVBoxLayout>

namespace redscope {

InfoBrowser::InfoBrowser(RedisConnection *connection, QWidget *parent)
    : ServerView(connection, parent)
    , m_model(new InfoTreeModel(this))
    , m_proxy(new QSortFilterProxyModel(this))
    , m_view(new QTreeView(this))
    , m_search(new QLineEdit(this))
    , m_status(new QLabel(this))
{
    m_proxy->setSourceModel(m_model);
    m_proxy->setRecursiveFilteringEnabled(true);
    m_proxy->setAutoAcceptChildRows(true);
    m_proxy->setFilterCaseSensitivity(Qt::CaseInsensitive);
    m_proxy->setFilterKeyColumn(-1);

    m_search->setObjectName(QStringLiteral("infoSearch"));
    m_search->setPlaceholderText(tr("Search fields and values"));
    m_search->setClearButtonEnabled(true);
    connect(m_search, &QLineEdit::textChanged, this, &InfoBrowser::setFilter);
    auto *refreshButton = new QPushButton(tr("Refresh"), this);
    refreshButton->setObjectName(QStringLiteral("infoRefresh"));
    connect(refreshButton, &QPushButton::clicked, this, &InfoBrowser::refresh);

    m_view->setObjectName(QStringLiteral("infoTree"));
    m_view->setModel(m_proxy);
    m_view->setUniformRowHeights(true);
    m_view->setAlternatingRowColors(true);
    m_view->header()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_view->header()->resizeSection(0, 320);

    auto *bar = new QHBoxLayout;
    bar->addWidget(m_search, 1);
    bar->addWidget(refreshButton);
    bar->addWidget(m_status);
    auto *layout = new QVBoxLayout(this);
    layout->addLayout(bar);
    // The Local engine shares the app's process: say which figures are the app's.
    if (!ConnectionLifecycle(connection).settings().localDataDir.isEmpty()) {
        m_model->setSharedProcess(true);
        auto *note = new QLabel(
            tr("The Local engine runs inside Redscope: RSS, the fragmentation ratios and the "
               "process's CPU time (greyed) count the whole app. used_memory and the main "
               "thread's CPU time are the engine's own."),
            this);
        note->setObjectName(QStringLiteral("infoSharedProcessNote"));
        note->setWordWrap(true);
        layout->addWidget(note);
    }
    layout->addWidget(m_view, 1);
}

void InfoBrowser::load()
{
    m_status->setText(tr("Loading…"));
    m_admin.info("everything", this, [this](const Result<QByteArray> &info) {
        if (!info.ok()) {
            m_status->setText(info.error);
            return;
        }
        m_model->setSnapshot(InfoSnapshot::parse(info.value, QDateTime::currentMSecsSinceEpoch()));
        m_view->expandAll();
        m_status->setText(tr("Updated %1").arg(QTime::currentTime().toString()));
    });
}

void InfoBrowser::setFilter(const QString &text)
{
    if (m_search->text() != text) m_search->setText(text);
    m_proxy->setFilterFixedString(text);
    m_view->expandAll();
}

} // namespace redscope
