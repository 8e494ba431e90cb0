// Flat list model over Entry structs: index() carries no pointer because rows are the identity
// here; the state dot is painted once per state and cached.
#include "connection_list_model.h"

#include "redis_connection.h"

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QPainter>
#include <QPixmap>

namespace redscope {

static QColor stateColor(int state)
{
    switch (RedisConnection::State(state)) {
    case RedisConnection::State::Ready:
        return QColor(0x2e, 0xa0, 0x43);
    case RedisConnection::State::Connecting:
        return QColor(0xe0, 0xa1, 0x00);
    case RedisConnection::State::AuthFailed:
    case RedisConnection::State::Lost:
        return QColor(0xd3, 0x2f, 0x2f);
    case RedisConnection::State::Disconnected:
        break;
    }
    return QColor(0x9e, 0x9e, 0x9e);
}

static QIcon stateIcon(int state)
{
    static QHash<int, QIcon> cache;
    auto it = cache.find(state);
    if (it != cache.end()) return *it;
    QPixmap pixmap(32, 32);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(Qt::NoPen);
    painter.setBrush(stateColor(state));
    painter.drawEllipse(QRectF(8, 8, 16, 16));
    painter.end();
    return *cache.insert(state, QIcon(pixmap));
}

ConnectionListModel::ConnectionListModel(QObject *parent)
    : QAbstractItemModel(parent)
{
    m_entries.push_back({localEngineName(), nullptr, tr("Not started")});
}

QString ConnectionListModel::localEngineName()
{
    return tr("Local engine");
}

QModelIndex ConnectionListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (parent.isValid() || column != 0 || row < 0 || row >= rowCount()) return {};
    return createIndex(row, column);
}

QModelIndex ConnectionListModel::parent(const QModelIndex &) const
{
    return {};
}

int ConnectionListModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int ConnectionListModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : 1;
}

QVariant ConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const Entry &entry = m_entries[size_t(index.row())];
    const RedisConnection *connection = entry.connection;
    const int state = connection ? int(connection->state()) : -1;
    const QString error = connection ? connection->errorText() : entry.setupError;
    const QString address = connection ? connection->settings().address() : QString();

    switch (role) {
    case Qt::DisplayRole:
        return entry.name;
    case Qt::DecorationRole:
        return stateIcon(state);
    case Qt::ToolTipRole: {
        QString tip = entry.name;
        if (!address.isEmpty()) tip += QLatin1Char('\n') + address;
        if (connection) tip += QLatin1Char('\n') + RedisConnection::stateName(connection->state());
        if (!error.isEmpty()) tip += QLatin1Char('\n') + error;
        return tip;
    }
    case StateRole:
        return state;
    case ErrorRole:
        return error;
    case AddressRole:
        return address;
    default:
        return {};
    }
}

RedisConnection *ConnectionListModel::createConnection(const ConnectionSettings &settings)
{
    auto *connection = new RedisConnection(settings, this);
    connect(connection, &RedisConnection::stateChanged, this, [this, connection] {
        const int row = rowOf(connection);
        if (row >= 0) emit dataChanged(index(row, 0), index(row, 0));
    });
    return connection;
}

RedisConnection *ConnectionListModel::setLocalEngine(const ConnectionSettings &settings)
{
    Entry &local = m_entries.front();
    delete local.connection;
    local.connection = createConnection(settings);
    local.setupError.clear();
    emit dataChanged(index(0, 0), index(0, 0));
    return local.connection;
}

void ConnectionListModel::setLocalEngineError(const QString &error)
{
    Entry &local = m_entries.front();
    delete local.connection;
    local.connection = nullptr;
    local.setupError = error;
    emit dataChanged(index(0, 0), index(0, 0));
}

RedisConnection *ConnectionListModel::addConnection(const ConnectionSettings &settings)
{
    const int row = rowCount();
    beginInsertRows({}, row, row);
    const QString name = settings.name.isEmpty() ? settings.address() : settings.name;
    m_entries.push_back({name, createConnection(settings), {}});
    endInsertRows();
    return m_entries.back().connection;
}

RedisConnection *ConnectionListModel::connectionAt(int row) const
{
    if (row < 0 || row >= rowCount()) return nullptr;
    return m_entries[size_t(row)].connection;
}

int ConnectionListModel::rowOf(const RedisConnection *connection) const
{
    for (size_t i = 0; i < m_entries.size(); ++i) {
        if (m_entries[i].connection == connection) return int(i);
    }
    return -1;
}

} // namespace redscope
