// Sidebar widget, its toolbar/context menu and its item delegate. The delegate only paints what
// the model already exposes (DisplayRole, DecorationRole, AddressRole, ErrorRole, ColourRole,
// IsGroupRole, ReadOnlyRole, ProductionRole); the actions only emit requests with the current
// index.
#include "connection/connection_sidebar.h"

#include "connection/connection_lifecycle.h"
#include "connection/connection_list_model.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QToolBar>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace redscope {

namespace Internal {

class ConnectionDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &index) const override
    {
        if (index.data(ConnectionListModel::IsGroupRole).toBool())
            return QSize(200, option.fontMetrics.height() + 12);
        return QSize(200, option.fontMetrics.height() * 2 + 14);
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        background.icon = QIcon();
        QStyle *style = option.widget->style();
        style->drawControl(QStyle::CE_ItemViewItem, &background, painter, option.widget);

        const bool selected = option.state & QStyle::State_Selected;
        const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
        const QRect r = option.rect.adjusted(8, 5, -6, -5);

        if (index.data(ConnectionListModel::IsGroupRole).toBool()) {
            const QIcon folder = style->standardIcon(QStyle::SP_DirIcon, nullptr, option.widget);
            folder.paint(painter, QRect(r.left(), r.top() + (r.height() - 16) / 2, 16, 16));
            QFont font = option.font;
            font.setBold(true);
            painter->setFont(font);
            painter->setPen(option.palette.color(textRole));
            const QString text = QStringLiteral("%1  (%2)")
                                     .arg(index.data().toString())
                                     .arg(index.model()->rowCount(index));
            painter->drawText(r.adjusted(24, 0, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
                              QFontMetrics(font).elidedText(text, Qt::ElideRight, r.width() - 24));
            return;
        }

        const QColor tag = index.data(ConnectionListModel::ColourRole).value<QColor>();
        if (tag.isValid()) {
            painter->fillRect(
                QRect(option.rect.left() + 1, option.rect.top() + 4, 4, option.rect.height() - 8),
                tag);
        }

        const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
        icon.paint(painter, QRect(r.left(), r.top() + (r.height() - 16) / 2, 16, 16));

        const QRect textRect = r.adjusted(24, 0, 0, 0);
        const int line = textRect.height() / 2;

        const QString name = index.data().toString();
        QFont nameFont = option.font;
        nameFont.setBold(true);
        // Production connections: a red "PROD" badge at the end of the name line.
        int badgeWidth = 0;
        if (index.data(ConnectionListModel::ProductionRole).toBool()) {
            QFont badgeFont = option.font;
            badgeFont.setBold(true);
            badgeFont.setPointSizeF(option.font.pointSizeF() * 0.75);
            const QString badge = QObject::tr("PROD");
            const QFontMetrics metrics(badgeFont);
            badgeWidth = metrics.horizontalAdvance(badge) + 10;
            const QRect nameLine = textRect.adjusted(0, 0, 0, -line);
            const QRect pill(nameLine.right() - badgeWidth + 1,
                             nameLine.center().y() - metrics.height() / 2 - 1, badgeWidth,
                             metrics.height() + 2);
            painter->save();
            painter->setRenderHint(QPainter::Antialiasing);
            painter->setPen(Qt::NoPen);
            painter->setBrush(QColor(0xc6, 0x28, 0x28));
            painter->drawRoundedRect(pill, 4, 4);
            painter->setFont(badgeFont);
            painter->setPen(Qt::white);
            painter->drawText(pill, Qt::AlignCenter, badge);
            painter->restore();
            badgeWidth += 6;
        }
        painter->setFont(nameFont);
        painter->setPen(option.palette.color(textRole));
        painter->drawText(
            textRect.adjusted(0, 0, -badgeWidth, -line), Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(nameFont).elidedText(name, Qt::ElideRight, textRect.width() - badgeWidth));

        const QString error = index.data(ConnectionListModel::ErrorRole).toString();
        QString detail =
            error.isEmpty() ? index.data(ConnectionListModel::AddressRole).toString() : error;
        if (error.isEmpty() && index.data(ConnectionListModel::ReadOnlyRole).toBool())
            detail += QObject::tr(" · read-only");
        QFont detailFont = option.font;
        detailFont.setPointSizeF(option.font.pointSizeF() * 0.85);
        painter->setFont(detailFont);
        QColor detailColor = option.palette.color(textRole);
        if (!error.isEmpty() && !selected)
            detailColor = QColor(0xc6, 0x28, 0x28);
        else
            detailColor.setAlphaF(0.65);
        painter->setPen(detailColor);
        painter->drawText(
            textRect.adjusted(0, line, 0, 0), Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(detailFont).elidedText(detail, Qt::ElideMiddle, textRect.width()));
    }
};

} // namespace Internal

ConnectionSidebar::ConnectionSidebar(ConnectionListModel *model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
    , m_view(new QTreeView(this))
{
    auto *title = new QLabel(tr("CONNECTIONS"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 0.85);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setContentsMargins(10, 8, 8, 4);
    title->setForegroundRole(QPalette::PlaceholderText);

    m_new = new QAction(tr("New connection…"), this);
    m_edit = new QAction(tr("Edit…"), this);
    m_duplicate = new QAction(tr("Duplicate…"), this);
    m_delete = new QAction(tr("Delete…"), this);
    m_connect = new QAction(tr("Connect"), this);
    m_disconnect = new QAction(tr("Disconnect"), this);
    m_import = new QAction(tr("Import connections…"), this);
    m_export = new QAction(tr("Export connections…"), this);
    m_mirror = new QAction(tr("Mirror into Local engine…"), this);
    m_mirror->setObjectName(QStringLiteral("mirrorConnectionAction"));
    m_restartEngine = new QAction(tr("Restart engine"), this);
    m_restartEngine->setObjectName(QStringLiteral("restartEngineAction"));
    m_restartEngine->setIconText(tr("Restart")); // the toolbar keeps room for "⋯" at 195 px
    m_restartEngine->setToolTip(tr("Start the Local engine again on the same data directory; "
                                   "its tabs reconnect"));
    m_mirror->setToolTip(tr("Make the Local engine a live read-only replica of this server"));
    m_new->setObjectName(QStringLiteral("newConnectionAction"));
    m_edit->setObjectName(QStringLiteral("editConnectionAction"));
    m_duplicate->setObjectName(QStringLiteral("duplicateConnectionAction"));
    m_delete->setObjectName(QStringLiteral("deleteConnectionAction"));
    m_connect->setObjectName(QStringLiteral("connectAction"));
    m_disconnect->setObjectName(QStringLiteral("disconnectAction"));

    auto *toolbar = new QToolBar(this);
    toolbar->setObjectName(QStringLiteral("connectionToolbar"));
    toolbar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    toolbar->setIconSize(QSize(14, 14));
    QAction *add = toolbar->addAction(tr("+ New"));
    add->setToolTip(m_new->text());
    connect(add, &QAction::triggered, m_new, &QAction::trigger);
    toolbar->addAction(m_connect);
    toolbar->addAction(m_restartEngine); // shown in Connect's place while the engine is stopped
    auto *more = new QToolButton(toolbar);
    more->setText(QStringLiteral("⋯"));
    more->setToolTip(tr("More connection actions"));
    more->setPopupMode(QToolButton::InstantPopup);
    auto *moreMenu = new QMenu(more);
    moreMenu->addAction(m_disconnect);
    moreMenu->addSeparator();
    moreMenu->addActions({m_edit, m_duplicate, m_delete});
    moreMenu->addSeparator();
    moreMenu->addActions({m_import, m_export});
    more->setMenu(moreMenu);
    toolbar->addWidget(more);
    m_toolbar = toolbar;
    m_toolbar->setVisible(false);

    m_view->setObjectName(QStringLiteral("connectionList"));
    m_view->setModel(model);
    m_view->setItemDelegate(new Internal::ConnectionDelegate(m_view));
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setHeaderHidden(true);
    m_view->setIndentation(14);
    m_view->setRootIsDecorated(true);
    m_view->setExpandsOnDoubleClick(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_view->setContextMenuPolicy(Qt::CustomContextMenu);
    m_view->expandAll();

    // Wide enough for the toolbar; narrow enough that the panels fit a 1024 px screen beside it.
    setMinimumWidth(180);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(title);
    layout->addWidget(m_toolbar);
    layout->addWidget(m_view);

    // Folders open as they appear; the user can fold them afterwards.
    connect(model, &QAbstractItemModel::rowsInserted, this,
            [this](const QModelIndex &parent, int first, int last) {
                if (parent.isValid()) return;
                for (int row = first; row <= last; ++row)
                    m_view->expand(m_model->index(row, 0));
            });
    connect(m_view, &QTreeView::activated, this, &ConnectionSidebar::entryActivated);
    connect(m_view, &QTreeView::clicked, this, &ConnectionSidebar::entryClicked);
    connect(m_view, &QWidget::customContextMenuRequested, this,
            &ConnectionSidebar::showContextMenu);

    connect(m_new, &QAction::triggered, this, &ConnectionSidebar::newRequested);
    connect(m_import, &QAction::triggered, this, &ConnectionSidebar::importRequested);
    connect(m_export, &QAction::triggered, this, &ConnectionSidebar::exportRequested);
    connect(m_edit, &QAction::triggered, this, [this] { emit editRequested(currentIndex()); });
    connect(m_duplicate, &QAction::triggered, this,
            [this] { emit duplicateRequested(currentIndex()); });
    connect(m_delete, &QAction::triggered, this, [this] { emit deleteRequested(currentIndex()); });
    connect(m_connect, &QAction::triggered, this,
            [this] { emit connectRequested(currentIndex()); });
    connect(m_disconnect, &QAction::triggered, this,
            [this] { emit disconnectRequested(currentIndex()); });
    connect(m_mirror, &QAction::triggered, this, [this] { emit mirrorRequested(currentIndex()); });
    connect(m_restartEngine, &QAction::triggered, this, &ConnectionSidebar::restartEngineRequested);

    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ConnectionSidebar::updateActions);
    connect(m_view->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &ConnectionSidebar::currentEntryChanged);
    connect(model, &QAbstractItemModel::dataChanged, this, &ConnectionSidebar::updateActions);
    connect(model, &QAbstractItemModel::rowsRemoved, this, &ConnectionSidebar::updateActions);
    updateActions();
}

void ConnectionSidebar::setManagementEnabled(bool enabled)
{
    m_management = enabled;
    m_toolbar->setVisible(enabled);
    updateActions();
}

void ConnectionSidebar::setCurrentRow(int row)
{
    setCurrentIndex(m_model->index(row, 0));
}

void ConnectionSidebar::setCurrentIndex(const QModelIndex &index)
{
    m_view->setCurrentIndex(index);
}

QModelIndex ConnectionSidebar::currentIndex() const
{
    return m_view->currentIndex();
}

void ConnectionSidebar::updateActions()
{
    const QModelIndex index = currentIndex();
    const bool saved = !index.data(ConnectionListModel::ProfileIdRole).toString().isEmpty();
    const bool group = index.data(ConnectionListModel::IsGroupRole).toBool();
    RedisConnection *connection = m_model->connectionAt(index);
    const ConnectionState state = ConnectionLifecycle(connection).state(); // Disconnected: none
    // The Local engine is always top-level row 0; it cannot mirror itself, and its connection
    // has nothing to connect to while the engine is stopped or starting.
    using EngineStatus = ConnectionListModel::LocalEngineStatus;
    const bool local = index.isValid() && !index.parent().isValid() && index.row() == 0;
    const auto engine =
        EngineStatus(m_model->index(0, 0).data(ConnectionListModel::EngineStatusRole).toInt());
    const bool engineStopped = local && engine == EngineStatus::Stopped;
    const bool canConnect =
        !group && index.isValid() && (connection || saved) && state != ConnectionState::Ready &&
        state != ConnectionState::Connecting && !(local && engine != EngineStatus::Running);
    m_edit->setEnabled(m_management && saved);
    m_duplicate->setEnabled(m_management && saved);
    m_delete->setEnabled(m_management && saved);
    m_connect->setEnabled(m_management && canConnect);
    m_connect->setVisible(!engineStopped);
    m_restartEngine->setEnabled(engineStopped);
    m_restartEngine->setVisible(engineStopped);
    m_disconnect->setEnabled(m_management && connection && state != ConnectionState::Disconnected &&
                             state != ConnectionState::AuthFailed);
    m_new->setEnabled(m_management);
    m_import->setEnabled(m_management);
    m_export->setEnabled(m_management);
    const bool engineReady = ConnectionLifecycle(m_model->connectionAt(0)).isReady();
    m_mirror->setEnabled(!group && !local && connection && state == ConnectionState::Ready &&
                         engineReady);
}

void ConnectionSidebar::showContextMenu(const QPoint &pos)
{
    if (!m_management) return;
    const QModelIndex index = m_view->indexAt(pos);
    if (index.isValid()) m_view->setCurrentIndex(index);
    updateActions();
    QMenu menu(this);
    if (index.isValid() && !index.data(ConnectionListModel::IsGroupRole).toBool()) {
        menu.addActions({m_connect, m_restartEngine, m_disconnect}); // one of the first two
        menu.addSeparator();
        menu.addActions({m_edit, m_duplicate, m_delete});
        menu.addSeparator();
        menu.addAction(m_mirror);
        menu.addSeparator();
    }
    menu.addAction(m_new);
    menu.addSeparator();
    menu.addActions({m_import, m_export});
    menu.exec(m_view->viewport()->mapToGlobal(pos));
}

} // namespace redscope
