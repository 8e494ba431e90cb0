// The row background (selection, alternate colour) is drawn by the style first, without text,
// then the badge on top; a badge wider than the column is elided rather than clipped.
#include "keys/key_type_badge_delegate.h"

#include "keys/key_type.h"
#include "preferences/theme.h"

#include <QApplication>
#include <QPainter>

namespace redscope {

void KeyTypeBadgeDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option,
                                 const QModelIndex &index) const
{
    const QString text = index.data(Qt::DisplayRole).toString();
    if (text.isEmpty()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem background = option;
    initStyleOption(&background, index);
    background.text.clear();
    const QWidget *widget = option.widget;
    QStyle *style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &background, painter, widget);

    const bool dark = ThemeManager::isDark(option.palette);
    const QColor fill = keyTypeColour(keyTypeFromName(text.toUtf8()), dark);
    QFont font = option.font;
    font.setPointSizeF(font.pointSizeF() * 0.85);
    font.setBold(true);
    const QFontMetrics metrics(font);
    const QRect cell = option.rect.adjusted(3, 2, -3, -2);
    const QString shown = metrics.elidedText(text, Qt::ElideRight, cell.width() - 8);
    const int width = qMin(cell.width(), metrics.horizontalAdvance(shown) + 10);
    const int height = qMin(cell.height(), metrics.height() + 2);
    const QRect badge(cell.left(), cell.center().y() - height / 2 + 1, width, height);

    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(fill);
    painter->drawRoundedRect(badge, 4, 4);
    painter->setFont(font);
    painter->setPen(dark ? QColor(0x1e, 0x1f, 0x22) : QColor(Qt::white));
    painter->drawText(badge, Qt::AlignCenter, shown);
    painter->restore();
}

} // namespace redscope
