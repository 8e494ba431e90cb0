// Numbers are returned as numbers (sorting by age or idle in a proxy then works numerically).
#include "server/client_list_model.h"

#include <QFont>

namespace redscope {

ClientListModel::ClientListModel(QObject *parent)
    : QAbstractTableModel(parent)
{
}

void ClientListModel::setClients(const QList<ClientEntry> &clients, qint64 ownId)
{
    beginResetModel();
    m_clients = clients;
    m_ownId = ownId;
    m_shown = int(qMin<qsizetype>(kBatch, m_clients.size()));
    endResetModel();
}

int ClientListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : m_shown;
}

int ClientListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

bool ClientListModel::canFetchMore(const QModelIndex &parent) const
{
    return !parent.isValid() && m_shown < m_clients.size();
}

void ClientListModel::fetchMore(const QModelIndex &parent)
{
    if (!canFetchMore(parent)) return;
    const int more = int(qMin<qsizetype>(kBatch, m_clients.size() - m_shown));
    beginInsertRows({}, m_shown, m_shown + more - 1);
    m_shown += more;
    endInsertRows();
}

QVariant ClientListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const ClientEntry &client = m_clients.at(index.row());
    if (role == Qt::FontRole && client.id == m_ownId) {
        QFont font;
        font.setBold(true);
        return font;
    }
    if (role == Qt::ToolTipRole) {
        QStringList lines;
        for (const auto &[key, value] : client.fields)
            lines.append(key + QLatin1Char('=') + value);
        if (client.id == m_ownId) lines.prepend(tr("This connection"));
        return lines.join(QLatin1Char('\n'));
    }
    if (role != Qt::DisplayRole) return {};
    switch (Column(index.column())) {
    case Id:
        return client.id;
    case Address:
        return client.addr;
    case Name:
        return client.id == m_ownId && client.name.isEmpty() ? tr("(this connection)")
                                                             : client.name;
    case Age:
        return client.ageSeconds;
    case Idle:
        return client.idleSeconds;
    case Db:
        return client.db;
    case Flags:
        return client.flags;
    case LastCommand:
        return client.lastCommand;
    case User:
        return client.user;
    case ColumnCount:
        break;
    }
    return {};
}

QVariant ClientListModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole) return {};
    static const char *const names[] = {
        QT_TRANSLATE_NOOP("redscope::ClientListModel", "ID"),
        QT_TRANSLATE_NOOP("redscope::ClientListModel", "Address"),
        QT_TRANSLATE_NOOP("redscope::ClientListModel", "Name"),
        QT_TRANSLATE_NOOP("redscope::ClientListModel", "Age (s)"),
        QT_TRANSLATE_NOOP("redscope::ClientListModel", "Idle (s)"),
        QT_TRANSLATE_NOOP("redscope::ClientListModel", "DB"),
        QT_TRANSLATE_NOOP("redscope::ClientListModel", "Flags"),
        QT_TRANSLATE_NOOP("redscope::ClientListModel", "Last command"),
        QT_TRANSLATE_NOOP("redscope::ClientListModel", "User")};
    return section >= 0 && section < ColumnCount ? tr(names[section]) : QVariant();
}

} // namespace redscope
