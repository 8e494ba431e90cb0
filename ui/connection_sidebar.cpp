// Sidebar widget and its two-line item delegate. The delegate only paints what the model
// already exposes (DisplayRole, DecorationRole, AddressRole, ErrorRole).
#include "connection_sidebar.h"

#include "connection_list_model.h"

#include <QLabel>
#include <QListView>
#include <QPainter>
#include <QStyledItemDelegate>
#include <QVBoxLayout>

namespace redscope {

namespace Internal {

class ConnectionDelegate : public QStyledItemDelegate
{
public:
    using QStyledItemDelegate::QStyledItemDelegate;

    QSize sizeHint(const QStyleOptionViewItem &option, const QModelIndex &) const override
    {
        return QSize(200, option.fontMetrics.height() * 2 + 14);
    }

    void paint(QPainter *painter, const QStyleOptionViewItem &option,
               const QModelIndex &index) const override
    {
        QStyleOptionViewItem background = option;
        initStyleOption(&background, index);
        background.text.clear();
        background.icon = QIcon();
        option.widget->style()->drawControl(QStyle::CE_ItemViewItem, &background, painter,
                                            option.widget);

        const QRect r = option.rect.adjusted(8, 5, -6, -5);
        const QIcon icon = index.data(Qt::DecorationRole).value<QIcon>();
        icon.paint(painter, QRect(r.left(), r.top() + (r.height() - 16) / 2, 16, 16));

        const bool selected = option.state & QStyle::State_Selected;
        const QPalette::ColorRole textRole = selected ? QPalette::HighlightedText : QPalette::Text;
        const QRect textRect = r.adjusted(24, 0, 0, 0);
        const int line = textRect.height() / 2;

        const QString name = index.data().toString();
        QFont nameFont = option.font;
        nameFont.setBold(true);
        painter->setFont(nameFont);
        painter->setPen(option.palette.color(textRole));
        painter->drawText(
            textRect.adjusted(0, 0, 0, -line), Qt::AlignLeft | Qt::AlignVCenter,
            QFontMetrics(nameFont).elidedText(name, Qt::ElideRight, textRect.width()));

        const QString error = index.data(ConnectionListModel::ErrorRole).toString();
        const QString detail =
            error.isEmpty() ? index.data(ConnectionListModel::AddressRole).toString() : error;
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
    , m_view(new QListView(this))
{
    auto *title = new QLabel(tr("CONNECTIONS"), this);
    QFont titleFont = title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 0.85);
    titleFont.setBold(true);
    title->setFont(titleFont);
    title->setContentsMargins(10, 8, 8, 4);
    title->setForegroundRole(QPalette::PlaceholderText);

    m_view->setObjectName(QStringLiteral("connectionList"));
    m_view->setModel(model);
    m_view->setItemDelegate(new Internal::ConnectionDelegate(m_view));
    m_view->setFrameShape(QFrame::NoFrame);
    m_view->setUniformItemSizes(true);
    m_view->setEditTriggers(QAbstractItemView::NoEditTriggers);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(title);
    layout->addWidget(m_view);

    connect(m_view, &QListView::activated, this,
            [this](const QModelIndex &index) { emit connectionActivated(index.row()); });
    connect(m_view, &QListView::clicked, this,
            [this](const QModelIndex &index) { emit connectionActivated(index.row()); });
}

void ConnectionSidebar::setCurrentRow(int row)
{
    m_view->setCurrentIndex(m_view->model()->index(row, 0));
}

} // namespace redscope
