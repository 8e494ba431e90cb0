// ConnectionManager: carries out the sidebar's requests on saved connections. New/Edit/
// Duplicate open a ConnectionDialog and store the result in the ConnectionStore (which the
// sidebar model mirrors), Delete asks first, Connect resolves the password (session memory,
// config file or keychain, asynchronously) and asks for it when it is stored nowhere, then
// creates the RedisConnection in the model; Import/Export go through file dialogs. Dialogs are
// opened window-modal with open(), never exec(), so nothing here nests event loops.
#pragma once

#include <QModelIndex>
#include <QObject>
#include <QPointer>

class QWidget;

namespace redscope {

class ConnectionDialog;
class ConnectionListModel;
class ConnectionSidebar;
class ConnectionStore;
class RedisConnection;
struct ConnectionSettings;

class ConnectionManager : public QObject
{
    Q_OBJECT

public:
    ConnectionManager(ConnectionStore *store, ConnectionListModel *model,
                      ConnectionSidebar *sidebar, QWidget *window);

    ConnectionStore *store() const { return m_store; }
    ConnectionDialog *openDialog() const; // the dialog being shown, if any

    void newConnection();
    void editConnection(const QModelIndex &index);
    void duplicateConnection(const QModelIndex &index);
    void deleteConnection(const QModelIndex &index);
    void connectTo(const QModelIndex &index);
    void disconnectFrom(const QModelIndex &index);
    void importConnections();
    void exportConnections();
    // The error page's password prompt: remembered for this session, or saved (keychain, or
    // session memory where there is none; never the config file) when `save` is set.
    void useCredentials(const QString &id, const QString &username, const QString &password,
                        bool save);
    bool canSavePasswords() const;

signals:
    void workspaceRequested(redscope::RedisConnection *connection);
    void message(const QString &text); // for the status bar

private:
    void showDialog(ConnectionDialog *dialog, bool reconnectAfterEdit);
    void askPassword(const QString &id, const QString &reason);
    void open(const QString &id, const QString &password);
    void openWith(const QString &id, const QString &password, const QString &sshPassword,
                  const QString &keyPassphrase);

    ConnectionStore *m_store;
    ConnectionListModel *m_model;
    ConnectionSidebar *m_sidebar;
    QWidget *m_window;
    QPointer<ConnectionDialog> m_dialog;
};

} // namespace redscope
