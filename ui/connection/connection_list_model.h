// ConnectionListModel: the connections shown in the sidebar, as a two-level QAbstractItemModel.
// Top level: the embedded "Local engine" (always row 0, even before or when the engine fails to
// start), then one folder per group of saved connections (alphabetical), then saved connections
// without a group, then servers opened for this session only (command-line URL). Folders hold
// saved connections. Nodes are plain structs (Qt's simpletreemodel pattern); the model owns the
// RedisConnection objects (as QObject children) so a connection lives exactly as long as its
// row, and turns their state signals into dataChanged(). Saved connections get their
// RedisConnection only when first connected (the password may have to be asked for first).
#pragma once

#include "connection/connection_settings.h"
#include "connection/connection_state.h"

#include <QAbstractItemModel>

#include <memory>
#include <vector>

namespace redscope {

class RedisConnection;
struct ConnectionProfile;

class ConnectionListModel : public QAbstractItemModel
{
    Q_OBJECT

public:
    enum Role {
        StateRole = Qt::UserRole + 1, // ConnectionState as int; -1 when no connection
        ErrorRole,
        AddressRole,
        ColourRole,    // QColor of the tag; invalid when none
        IsGroupRole,   // true for folder rows
        ProfileIdRole, // saved connection id; empty for folders, local and session entries
        ReadOnlyRole,
        ProductionRole, // dangerous commands are confirmed (ConnectionSettings::production)
        // LocalEngineStatus as int: the embedded engine's own state on the Local engine's row
        // (Running on every other row). While it is not Running its connection cannot connect.
        EngineStatusRole,
    };
    enum class LocalEngineStatus { Running, Starting, Stopped };

    explicit ConnectionListModel(QObject *parent = nullptr);
    ~ConnectionListModel() override;

    QModelIndex index(int row, int column, const QModelIndex &parent = {}) const override;
    QModelIndex parent(const QModelIndex &child) const override;
    int rowCount(const QModelIndex &parent = {}) const override;
    int columnCount(const QModelIndex &parent = {}) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;

    // Points row 0 at the embedded engine; replaces an earlier local connection.
    RedisConnection *setLocalEngine(const ConnectionSettings &settings);
    void setLocalEngineError(const QString &error);
    // The embedded engine's own state over its connection's (it stopped, or is starting):
    // the dot takes iconState's colour, the row's detail line (ErrorRole) the summary and the
    // tooltip the details. clearLocalEngineStatus() shows the connection's state again.
    void setLocalEngineStatus(LocalEngineStatus status, ConnectionState iconState,
                              const QString &summary, const QString &details);
    void clearLocalEngineStatus();
    // A server for this session only (not saved), appended at the top level.
    RedisConnection *addConnection(const ConnectionSettings &settings);

    // Makes the saved connections match `profiles`: adds, updates (name, colour, folder) and
    // removes rows; a removed row deletes its connection. Rows keep their connection when only
    // their display data changes.
    void setProfiles(const QList<ConnectionProfile> &profiles);
    QModelIndex indexOfProfile(const QString &id) const;
    // The saved settings of a profile row (without password).
    ConnectionSettings settingsAt(const QModelIndex &index) const;
    // Creates the RedisConnection of a saved row (not connected yet); replaces an older one.
    RedisConnection *createConnectionAt(const QModelIndex &index,
                                        const ConnectionSettings &settings);
    // Deletes a saved row's connection (panels using it close); the row stays.
    void dropConnectionAt(const QModelIndex &index);

    RedisConnection *connectionAt(const QModelIndex &index) const;
    QModelIndex indexOf(const RedisConnection *connection) const;
    // Top-level rows only (Local engine and session connections); -1 / nullptr otherwise.
    RedisConnection *connectionAt(int row) const;
    int rowOf(const RedisConnection *connection) const;

    static QString localEngineName();

private:
    struct Node;

    RedisConnection *createConnection(const ConnectionSettings &settings);
    Node *nodeAt(const QModelIndex &index) const;
    QModelIndex indexOfNode(const Node *node) const;
    Node *findProfile(const QString &id) const;
    Node *groupNode(const QString &name) const;
    Node *ensureGroup(const QString &name);
    int insertRowFor(const Node *parent, bool group, const QString &groupName) const;
    void insertNode(Node *parent, int row, std::unique_ptr<Node> node);
    std::unique_ptr<Node> takeNode(Node *node);
    void removeEmptyGroups();

    std::unique_ptr<Node> m_root;
};

} // namespace redscope
