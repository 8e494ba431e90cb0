// Internal id 0 marks a section row; a field row stores its section index + 1.
#include "server/info_tree_model.h"

#include <QFont>
#include <QPalette>
#include <QSet>

namespace redscope {

InfoTreeModel::InfoTreeModel(QObject *parent)
    : QAbstractItemModel(parent)
{}

void InfoTreeModel::setSnapshot(const InfoSnapshot &snapshot)
{
    beginResetModel();
    m_snapshot = snapshot;
    endResetModel();
}

void InfoTreeModel::setSharedProcess(bool shared)
{
    if (m_sharedProcess == shared) return;
    beginResetModel();
    m_sharedProcess = shared;
    endResetModel();
}

bool InfoTreeModel::isProcessWideField(const QString &key)
{
    static const QSet<QString> fields{
        QStringLiteral("used_memory_rss"),         QStringLiteral("used_memory_rss_human"),
        QStringLiteral("allocator_resident"),      QStringLiteral("allocator_rss_ratio"),
        QStringLiteral("allocator_rss_bytes"),     QStringLiteral("rss_overhead_ratio"),
        QStringLiteral("rss_overhead_bytes"),      QStringLiteral("mem_fragmentation_ratio"),
        QStringLiteral("mem_fragmentation_bytes"), QStringLiteral("used_cpu_sys"),
        QStringLiteral("used_cpu_user"),           QStringLiteral("used_cpu_sys_children"),
        QStringLiteral("used_cpu_user_children")};
    return fields.contains(key);
}

QModelIndex InfoTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (!hasIndex(row, column, parent)) return {};
    if (!parent.isValid()) return createIndex(row, column, kSectionRow);
    return createIndex(row, column, quintptr(parent.row()) + 1);
}

QModelIndex InfoTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid() || child.internalId() == kSectionRow) return {};
    return createIndex(int(child.internalId() - 1), 0, kSectionRow);
}

int InfoTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid()) return int(m_snapshot.sections().size());
    if (parent.column() != 0 || parent.internalId() != kSectionRow) return 0;
    return int(m_snapshot.sections().at(parent.row()).fields.size());
}

int InfoTreeModel::columnCount(const QModelIndex &) const
{
    return ColumnCount;
}

QVariant InfoTreeModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    if (index.internalId() == kSectionRow) {
        const InfoSnapshot::Section &section = m_snapshot.sections().at(index.row());
        if (role == Qt::DisplayRole && index.column() == KeyColumn) return section.name;
        if (role == Qt::DisplayRole && index.column() == ValueColumn)
            return section.fields.size() == 1 ? tr("1 field")
                                               : tr("%1 fields").arg(section.fields.size());
        if (role == Qt::FontRole) {
            QFont font;
            font.setBold(index.column() == KeyColumn);
            return font;
        }
        return {};
    }
    const InfoSnapshot::Section &section = m_snapshot.sections().at(int(index.internalId() - 1));
    const InfoSnapshot::Field &field = section.fields.at(index.row());
    const bool appWide = m_sharedProcess && isProcessWideField(field.key);
    if (role == Qt::DisplayRole) return index.column() == KeyColumn ? field.key : field.value;
    if (role == Qt::ToolTipRole) {
        const QString text = index.column() == KeyColumn ? field.key : field.value;
        if (!appWide) return text;
        return tr("%1\nThe Local engine runs inside Redscope's process: this figure counts the "
                  "whole app, not the engine. used_memory and the main thread's CPU are the "
                  "engine's own.")
            .arg(text);
    }
    if (role == Qt::ForegroundRole && appWide)
        return QPalette().color(QPalette::Disabled, QPalette::Text);
    if (role == Qt::FontRole && appWide) {
        QFont font;
        font.setItalic(true);
        return font;
    }
    return {};
}

QVariant InfoTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    return section == KeyColumn ? tr("Field") : tr("Value");
}

} // namespace redscope
