// Trimming removes rows from the front of a QList: a memmove of the remaining handles, cheap
// next to painting, and it happens at most once per batch (a few times per second).
#include "server/monitor_line_model.h"

namespace redscope {

MonitorLineModel::MonitorLineModel(QObject *parent)
    : QAbstractListModel(parent)
{}

void MonitorLineModel::setCapacity(int lines)
{
    m_capacity = qMax(1, lines);
    if (m_lines.size() > m_capacity) trimFront(int(m_lines.size()) - m_capacity);
}

void MonitorLineModel::appendLines(const QList<QByteArray> &lines)
{
    if (lines.isEmpty()) return;
    // Of a batch larger than the bound, only its newest lines can survive.
    const qsizetype skip = qMax<qsizetype>(0, lines.size() - m_capacity);
    m_dropped += quint64(skip);
    const qsizetype incoming = lines.size() - skip;
    const qsizetype overflow = m_lines.size() + incoming - m_capacity;
    if (overflow > 0) trimFront(int(overflow));
    const int first = int(m_lines.size());
    beginInsertRows({}, first, first + int(incoming) - 1);
    m_lines.append(lines.mid(skip));
    endInsertRows();
}

void MonitorLineModel::clear()
{
    if (m_lines.isEmpty()) return;
    beginResetModel();
    m_lines.clear();
    endResetModel();
}

void MonitorLineModel::trimFront(int count)
{
    count = qMin(count, int(m_lines.size()));
    if (count <= 0) return;
    beginRemoveRows({}, 0, count - 1);
    m_lines.remove(0, count);
    endRemoveRows();
    m_dropped += quint64(count);
}

int MonitorLineModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_lines.size());
}

QVariant MonitorLineModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    if (role == Qt::DisplayRole || role == Qt::ToolTipRole)
        return QString::fromUtf8(m_lines.at(index.row()));
    return {};
}

} // namespace redscope
