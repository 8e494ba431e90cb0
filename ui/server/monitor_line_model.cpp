// Trimming removes rows from the front of a QList: a memmove of the remaining handles, cheap
// next to painting, and it happens at most once per batch (a few times per second).
// A MONITOR line starts with the server's unix time ("1733580201.512345 [0 127.0.0.1:5555]
// ..."); it is shown as the local clock time with milliseconds and the time since the line
// before ("+0.42 ms"), decoded when painted. Lines without a timestamp are shown as they came.
#include "server/monitor_line_model.h"

#include "server/time_format.h"

#include <QDateTime>

namespace redscope {

static constexpr int kGapWidth = 10; // "+999.9 ms"

MonitorLineModel::MonitorLineModel(QObject *parent)
    : QAbstractListModel(parent)
{
}

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
    if (role == Qt::ToolTipRole) return QString::fromUtf8(m_lines.at(index.row()));
    if (role != Qt::DisplayRole) return {};
    const QByteArray &line = m_lines.at(index.row());
    qint64 micros = 0;
    const qsizetype rest = timestampOf(line, &micros);
    if (rest < 0) return QString::fromUtf8(line);
    QString text = TimeFormat::clock(QDateTime::fromMSecsSinceEpoch(micros / 1000),
                                     QDateTime::currentDateTime(), true);
    qint64 previous = 0;
    QString gap; // a fixed-width column, so the commands line up in the monospace view
    if (index.row() > 0 && timestampOf(m_lines.at(index.row() - 1), &previous) >= 0)
        gap = QStringLiteral("+") + TimeFormat::duration(micros - previous);
    return text + QStringLiteral("  ") + gap.leftJustified(kGapWidth) + QLatin1Char(' ') +
           QString::fromUtf8(line.mid(rest));
}

qsizetype MonitorLineModel::timestampOf(const QByteArray &line, qint64 *micros)
{
    const qsizetype space = line.indexOf(' ');
    const qsizetype dot = line.indexOf('.');
    if (space <= 0 || dot <= 0 || dot > space || space - dot - 1 != 6) return -1;
    bool secondsOk = false;
    bool fractionOk = false;
    const qint64 seconds = line.left(dot).toLongLong(&secondsOk);
    const qint64 fraction = line.mid(dot + 1, 6).toLongLong(&fractionOk);
    if (!secondsOk || !fractionOk) return -1;
    *micros = seconds * 1000000 + fraction;
    return space + 1;
}

} // namespace redscope
