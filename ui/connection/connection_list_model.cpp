// Two-level tree over Node structs: an index's internal pointer is its parent node (the root
// for top-level rows), so parent() is a lookup, not a search. Every insertion and removal goes
// through insertNode()/takeNode(), which bracket it with begin/end calls. The state dot is
// painted once per state and cached.
#include "connection/connection_list_model.h"

#include "connection/connection_lifecycle.h"
#include "connection/connection_store.h"

#include <QColor>
#include <QHash>
#include <QIcon>
#include <QPainter>
#include <QPixmap>
#include <QSet>

namespace redscope {

struct ConnectionListModel::Node
{
    enum class Kind { Root, Local, Session, Saved, Group };

    Kind kind = Kind::Root;
    QString name;
    Node *parent = nullptr;
    std::vector<std::unique_ptr<Node>> children; // Root and Group only
    RedisConnection *connection = nullptr;       // child of the model
    QString setupError;                          // e.g. the engine did not start
    // Local only: the engine's state when it is not simply running (see setLocalEngineStatus)
    LocalEngineStatus engineStatus = LocalEngineStatus::Running;
    int engineIconState = -1;
    QString engineSummary;
    QString engineDetails;
    QString profileId;                           // Saved only
    QString colour;
    QString group;
    ConnectionSettings settings; // Saved only: what createConnectionAt() starts from

    int row() const
    {
        if (!parent) return 0;
        for (size_t i = 0; i < parent->children.size(); ++i) {
            if (parent->children[i].get() == this) return int(i);
        }
        return -1;
    }
};

static QColor stateColor(int state)
{
    switch (ConnectionState(state)) {
    case ConnectionState::Ready:
        return QColor(0x2e, 0xa0, 0x43);
    case ConnectionState::Connecting:
        return QColor(0xe0, 0xa1, 0x00);
    case ConnectionState::AuthFailed:
    case ConnectionState::Lost:
        return QColor(0xd3, 0x2f, 0x2f);
    case ConnectionState::Disconnected:
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
    , m_root(std::make_unique<Node>())
{
    auto local = std::make_unique<Node>();
    local->kind = Node::Kind::Local;
    local->name = localEngineName();
    local->setupError = tr("Not started");
    local->parent = m_root.get();
    m_root->children.push_back(std::move(local));
}

ConnectionListModel::~ConnectionListModel() = default;

QString ConnectionListModel::localEngineName()
{
    return tr("Local engine");
}

ConnectionListModel::Node *ConnectionListModel::nodeAt(const QModelIndex &index) const
{
    if (!index.isValid()) return m_root.get();
    auto *parent = static_cast<Node *>(index.internalPointer());
    return parent->children[size_t(index.row())].get();
}

QModelIndex ConnectionListModel::indexOfNode(const Node *node) const
{
    if (!node || node == m_root.get()) return {};
    return createIndex(node->row(), 0, node->parent);
}

QModelIndex ConnectionListModel::index(int row, int column, const QModelIndex &parent) const
{
    if (column != 0 || row < 0 || row >= rowCount(parent)) return {};
    return createIndex(row, column, nodeAt(parent));
}

QModelIndex ConnectionListModel::parent(const QModelIndex &child) const
{
    if (!child.isValid()) return {};
    return indexOfNode(static_cast<Node *>(child.internalPointer()));
}

int ConnectionListModel::rowCount(const QModelIndex &parent) const
{
    if (parent.column() > 0) return 0;
    return int(nodeAt(parent)->children.size());
}

int ConnectionListModel::columnCount(const QModelIndex &) const
{
    return 1;
}

QVariant ConnectionListModel::data(const QModelIndex &index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid)) return {};
    const Node *node = nodeAt(index);
    if (node->kind == Node::Kind::Group) {
        switch (role) {
        case Qt::DisplayRole:
            return node->name;
        case Qt::ToolTipRole:
            return tr("%1: %n connection(s)", nullptr, int(node->children.size()))
                .arg(node->name);
        case IsGroupRole:
            return true;
        case StateRole:
            return -1;
        default:
            return {};
        }
    }
    const ConnectionLifecycle connection(node->connection);
    const bool connected = connection.isValid();
    const int state = connected ? int(connection.state()) : -1;
    QString error = connected ? connection.errorText() : node->setupError;
    const bool engineStatus = !node->engineSummary.isEmpty();
    if (engineStatus) error = node->engineSummary;
    const ConnectionSettings settings = connected ? connection.settings() : node->settings;
    const QString address =
        connected || node->kind == Node::Kind::Saved ? settings.address() : QString();

    switch (role) {
    case Qt::DisplayRole:
        return node->name;
    case Qt::DecorationRole:
        return stateIcon(engineStatus ? node->engineIconState : state);
    case Qt::ToolTipRole: {
        QString tip = node->name;
        if (engineStatus) {
            tip += QLatin1Char('\n') + node->engineDetails;
            return tip;
        }
        if (!address.isEmpty()) tip += QLatin1Char('\n') + address;
        if (settings.readOnly) tip += QLatin1Char('\n') + tr("Read-only");
        if (settings.production)
            tip += QLatin1Char('\n') + tr("Production: dangerous commands are confirmed");
        if (connected)
            tip += QLatin1Char('\n') + ConnectionLifecycle::stateName(connection.state());
        if (!error.isEmpty()) tip += QLatin1Char('\n') + error;
        return tip;
    }
    case StateRole:
        return state;
    case ErrorRole:
        return error;
    case AddressRole:
        return address;
    case ColourRole:
        return node->colour.isEmpty() ? QColor() : QColor::fromString(node->colour);
    case IsGroupRole:
        return false;
    case ProfileIdRole:
        return node->profileId;
    case ReadOnlyRole:
        return settings.readOnly;
    case ProductionRole:
        return settings.production;
    case EngineStatusRole:
        return int(node->engineStatus);
    default:
        return {};
    }
}

RedisConnection *ConnectionListModel::createConnection(const ConnectionSettings &settings)
{
    // The workspace's shared connection; CLIENT LIST names it.
    RedisConnection *connection =
        ConnectionLifecycle::create(settings.named(QStringLiteral("redscope:main")), this);
    ConnectionLifecycle(connection)
        .whenStateChanged(this, [this, connection](ConnectionState, const QString &) {
            const QModelIndex at = indexOf(connection);
            if (at.isValid()) emit dataChanged(at, at);
        });
    return connection;
}

RedisConnection *ConnectionListModel::setLocalEngine(const ConnectionSettings &settings)
{
    Node *local = m_root->children.front().get();
    ConnectionLifecycle(local->connection).destroy();
    local->connection = createConnection(settings);
    local->setupError.clear();
    emit dataChanged(index(0, 0), index(0, 0));
    return local->connection;
}

void ConnectionListModel::setLocalEngineError(const QString &error)
{
    Node *local = m_root->children.front().get();
    ConnectionLifecycle(local->connection).destroy();
    local->connection = nullptr;
    local->setupError = error;
    emit dataChanged(index(0, 0), index(0, 0));
}

void ConnectionListModel::setLocalEngineStatus(LocalEngineStatus status, ConnectionState iconState,
                                               const QString &summary, const QString &details)
{
    Node *local = m_root->children.front().get();
    local->engineStatus = status;
    local->engineIconState = int(iconState);
    local->engineSummary = summary;
    local->engineDetails = details;
    emit dataChanged(index(0, 0), index(0, 0));
}

void ConnectionListModel::clearLocalEngineStatus()
{
    Node *local = m_root->children.front().get();
    local->engineStatus = LocalEngineStatus::Running;
    local->engineIconState = -1;
    local->engineSummary.clear();
    local->engineDetails.clear();
    emit dataChanged(index(0, 0), index(0, 0));
}

RedisConnection *ConnectionListModel::addConnection(const ConnectionSettings &settings)
{
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::Session;
    node->name = settings.name.isEmpty() ? settings.address() : settings.name;
    node->connection = createConnection(settings);
    RedisConnection *connection = node->connection;
    insertNode(m_root.get(), rowCount(), std::move(node));
    return connection;
}

// ---- saved connections ------------------------------------------------------------------

ConnectionListModel::Node *ConnectionListModel::findProfile(const QString &id) const
{
    for (const auto &top : m_root->children) {
        if (top->kind == Node::Kind::Saved && top->profileId == id) return top.get();
        if (top->kind != Node::Kind::Group) continue;
        for (const auto &child : top->children) {
            if (child->profileId == id) return child.get();
        }
    }
    return nullptr;
}

ConnectionListModel::Node *ConnectionListModel::groupNode(const QString &name) const
{
    for (const auto &top : m_root->children) {
        if (top->kind == Node::Kind::Group && top->name == name) return top.get();
    }
    return nullptr;
}

// Where a new top-level folder or ungrouped saved row goes; rows inside folders are appended.
int ConnectionListModel::insertRowFor(const Node *parent, bool group,
                                      const QString &groupName) const
{
    const auto &children = parent->children;
    if (parent != m_root.get()) return int(children.size());
    int row = 1; // after Local engine
    if (group) {
        while (row < int(children.size()) && children[size_t(row)]->kind == Node::Kind::Group &&
               children[size_t(row)]->name.compare(groupName, Qt::CaseInsensitive) < 0) {
            ++row;
        }
        return row;
    }
    while (row < int(children.size()) && children[size_t(row)]->kind != Node::Kind::Session)
        ++row;
    return row;
}

ConnectionListModel::Node *ConnectionListModel::ensureGroup(const QString &name)
{
    if (Node *existing = groupNode(name)) return existing;
    auto node = std::make_unique<Node>();
    node->kind = Node::Kind::Group;
    node->name = name;
    Node *raw = node.get();
    insertNode(m_root.get(), insertRowFor(m_root.get(), true, name), std::move(node));
    return raw;
}

void ConnectionListModel::insertNode(Node *parent, int row, std::unique_ptr<Node> node)
{
    beginInsertRows(indexOfNode(parent), row, row);
    node->parent = parent;
    parent->children.insert(parent->children.begin() + row, std::move(node));
    endInsertRows();
}

std::unique_ptr<ConnectionListModel::Node> ConnectionListModel::takeNode(Node *node)
{
    Node *parent = node->parent;
    const int row = node->row();
    beginRemoveRows(indexOfNode(parent), row, row);
    std::unique_ptr<Node> taken = std::move(parent->children[size_t(row)]);
    parent->children.erase(parent->children.begin() + row);
    taken->parent = nullptr;
    endRemoveRows();
    return taken;
}

void ConnectionListModel::removeEmptyGroups()
{
    for (size_t i = m_root->children.size(); i-- > 0;) {
        Node *node = m_root->children[i].get();
        if (node->kind == Node::Kind::Group && node->children.empty()) takeNode(node);
    }
}

void ConnectionListModel::setProfiles(const QList<ConnectionProfile> &profiles)
{
    QSet<QString> wanted;
    for (const ConnectionProfile &profile : profiles) wanted.insert(profile.id);

    // Rows whose profile is gone go first, with their connection.
    QList<Node *> gone;
    for (const auto &top : m_root->children) {
        if (top->kind == Node::Kind::Saved && !wanted.contains(top->profileId))
            gone.append(top.get());
        if (top->kind != Node::Kind::Group) continue;
        for (const auto &child : top->children) {
            if (!wanted.contains(child->profileId)) gone.append(child.get());
        }
    }
    for (Node *node : std::as_const(gone)) {
        std::unique_ptr<Node> taken = takeNode(node);
        ConnectionLifecycle(taken->connection).destroy(); // after the row is gone: no dataChanged
    }

    for (const ConnectionProfile &profile : profiles) {
        Node *node = findProfile(profile.id);
        std::unique_ptr<Node> moved;
        if (node && node->group != profile.group) {
            moved = takeNode(node);
            node = nullptr;
        }
        if (!node) {
            std::unique_ptr<Node> fresh = moved ? std::move(moved) : std::make_unique<Node>();
            fresh->kind = Node::Kind::Saved;
            fresh->profileId = profile.id;
            fresh->group = profile.group;
            Node *parent = profile.group.isEmpty() ? m_root.get() : ensureGroup(profile.group);
            node = fresh.get();
            insertNode(parent, insertRowFor(parent, false, {}), std::move(fresh));
        }
        node->name = profile.settings.name.isEmpty() ? profile.settings.address()
                                                     : profile.settings.name;
        node->colour = profile.colour;
        node->settings = profile.settings;
        node->settings.password.clear();
        const QModelIndex at = indexOfNode(node);
        emit dataChanged(at, at);
    }
    removeEmptyGroups();
}

QModelIndex ConnectionListModel::indexOfProfile(const QString &id) const
{
    return indexOfNode(findProfile(id));
}

ConnectionSettings ConnectionListModel::settingsAt(const QModelIndex &index) const
{
    const Node *node = index.isValid() ? nodeAt(index) : nullptr;
    if (!node) return {};
    return node->connection ? ConnectionLifecycle(node->connection).settings() : node->settings;
}

RedisConnection *ConnectionListModel::createConnectionAt(const QModelIndex &index,
                                                         const ConnectionSettings &settings)
{
    Node *node = index.isValid() ? nodeAt(index) : nullptr;
    if (!node || node->kind != Node::Kind::Saved) return nullptr;
    ConnectionLifecycle(node->connection).destroy();
    node->connection = createConnection(settings);
    emit dataChanged(index, index);
    return node->connection;
}

void ConnectionListModel::dropConnectionAt(const QModelIndex &index)
{
    Node *node = index.isValid() ? nodeAt(index) : nullptr;
    if (!node || node->kind != Node::Kind::Saved || !node->connection) return;
    RedisConnection *connection = node->connection;
    node->connection = nullptr;
    ConnectionLifecycle(connection).destroy();
    emit dataChanged(index, index);
}

RedisConnection *ConnectionListModel::connectionAt(const QModelIndex &index) const
{
    return index.isValid() ? nodeAt(index)->connection : nullptr;
}

QModelIndex ConnectionListModel::indexOf(const RedisConnection *connection) const
{
    if (!connection) return {};
    for (const auto &top : m_root->children) {
        if (top->connection == connection) return indexOfNode(top.get());
        for (const auto &child : top->children) {
            if (child->connection == connection) return indexOfNode(child.get());
        }
    }
    return {};
}

RedisConnection *ConnectionListModel::connectionAt(int row) const
{
    if (row < 0 || row >= rowCount()) return nullptr;
    return m_root->children[size_t(row)]->connection;
}

int ConnectionListModel::rowOf(const RedisConnection *connection) const
{
    const QModelIndex at = indexOf(connection);
    return at.isValid() && !at.parent().isValid() ? at.row() : -1;
}

} // namespace redscope
