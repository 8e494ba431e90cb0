// Commands are shown the way redis-cli quotes arguments, capped at 200 characters per cell;
// the tooltip has the full command line. Times are local clock times, durations in the unit
// that reads best (TimeFormat); the tooltips keep the exact date and microseconds.
#include "server/slowlog_model.h"

#include "console/reply_formatter.h"
#include "server/time_format.h"

#include <QDateTime>

namespace redscope {

SlowlogModel::SlowlogModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void SlowlogModel::setEntries(const QList<SlowlogEntry> &entries)
{
    beginResetModel();
    m_entries = entries;
    endResetModel();
}

int SlowlogModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int SlowlogModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

static QString commandLine(const SlowlogEntry &entry)
{
    QStringList quoted;
    for (const QString &arg : entry.arguments) {
        const bool plain =
            !arg.isEmpty() && !arg.contains(QLatin1Char(' ')) && !arg.contains(QLatin1Char('"'));
        quoted.append(plain ? arg : ReplyFormatter::quoted(arg.toUtf8()));
    }
    return quoted.join(QLatin1Char(' '));
}

QVariant SlowlogModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const SlowlogEntry &entry = m_entries.at(index.row());
    if (role == Qt::ToolTipRole && index.column() == Command) return commandLine(entry);
    if (role == Qt::ToolTipRole && index.column() == Duration)
        return tr("%1 µs").arg(entry.durationMicros);
    if (role == Qt::ToolTipRole && index.column() == Time)
        return QDateTime::fromSecsSinceEpoch(entry.timestamp).toString(Qt::ISODate);
    if (role == Qt::TextAlignmentRole && index.column() == Duration)
        return int(Qt::AlignRight | Qt::AlignVCenter);
    if (role != Qt::DisplayRole) return {};
    switch (Column(index.column())) {
    case Id:
        return entry.id;
    case Time:
        return TimeFormat::clock(QDateTime::fromSecsSinceEpoch(entry.timestamp),
                                 QDateTime::currentDateTime(), false);
    case Duration:
        return TimeFormat::duration(entry.durationMicros);
    case Command: {
        const QString line = commandLine(entry);
        return line.size() > 200 ? line.left(200) + QStringLiteral("…") : line;
    }
    case Client:
        return entry.clientAddr;
    case ClientName:
        return entry.clientName;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant SlowlogModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char *const names[] = {QT_TRANSLATE_NOOP("redscope::SlowlogModel", "ID"),
                                        QT_TRANSLATE_NOOP("redscope::SlowlogModel", "Time"),
                                        QT_TRANSLATE_NOOP("redscope::SlowlogModel", "Duration"),
                                        QT_TRANSLATE_NOOP("redscope::SlowlogModel", "Command"),
                                        QT_TRANSLATE_NOOP("redscope::SlowlogModel", "Client"),
                                        QT_TRANSLATE_NOOP("redscope::SlowlogModel", "Client name")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace redscope
