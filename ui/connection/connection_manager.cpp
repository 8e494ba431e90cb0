// ConnectionManager: every request is keyed by the profile id, never by a QModelIndex kept
// across an asynchronous step (a password fetch or an open dialog), because the sidebar rows
// may move or disappear meanwhile.
#include "connection/connection_manager.h"

#include "connection/connection_dialog.h"
#include "connection/connection_lifecycle.h"
#include "connection/connection_list_model.h"
#include "connection/connection_sidebar.h"
#include "connection/connection_store.h"
#include "connection/password_vault.h"
#include "widgets/confirm.h"

#include <QFileDialog>
#include <QInputDialog>
#include <QLineEdit>
#include <QMessageBox>
#include <QStandardPaths>

namespace redscope {

static QString profileIdOf(const QModelIndex &index)
{
    return index.data(ConnectionListModel::ProfileIdRole).toString();
}

ConnectionManager::ConnectionManager(ConnectionStore *store, ConnectionListModel *model,
                                     ConnectionSidebar *sidebar, QWidget *window)
    : QObject(window)
    , m_store(store)
    , m_model(model)
    , m_sidebar(sidebar)
    , m_window(window)
{
    m_model->setProfiles(m_store->profiles());
    connect(m_store, &ConnectionStore::profilesChanged, this,
            [this] { m_model->setProfiles(m_store->profiles()); });
    connect(m_store, &ConnectionStore::passwordWarning, this, &ConnectionManager::message);

    m_sidebar->setManagementEnabled(true);
    connect(m_sidebar, &ConnectionSidebar::newRequested, this, &ConnectionManager::newConnection);
    connect(m_sidebar, &ConnectionSidebar::editRequested, this,
            &ConnectionManager::editConnection);
    connect(m_sidebar, &ConnectionSidebar::duplicateRequested, this,
            &ConnectionManager::duplicateConnection);
    connect(m_sidebar, &ConnectionSidebar::deleteRequested, this,
            &ConnectionManager::deleteConnection);
    connect(m_sidebar, &ConnectionSidebar::connectRequested, this, &ConnectionManager::connectTo);
    connect(m_sidebar, &ConnectionSidebar::disconnectRequested, this,
            &ConnectionManager::disconnectFrom);
    connect(m_sidebar, &ConnectionSidebar::importRequested, this,
            &ConnectionManager::importConnections);
    connect(m_sidebar, &ConnectionSidebar::exportRequested, this,
            &ConnectionManager::exportConnections);
}

ConnectionDialog *ConnectionManager::openDialog() const
{
    return m_dialog;
}

void ConnectionManager::showDialog(ConnectionDialog *dialog, bool reconnectAfterEdit)
{
    delete m_dialog;
    m_dialog = dialog;
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog, reconnectAfterEdit] {
        const ConnectionProfile profile = dialog->profile();
        const std::optional<QString> password = dialog->password();
        const QString id = m_store->put(profile, password ? *password : QString());
        const QModelIndex at = m_model->indexOfProfile(id);
        if (dialog->mode() == ConnectionDialog::Mode::Edit) {
            // The open connection still has the old settings: replace it.
            const ConnectionLifecycle old(m_model->connectionAt(at));
            const bool wasOpen = old.isValid() && old.state() != ConnectionState::Disconnected;
            m_model->dropConnectionAt(at);
            if (wasOpen && reconnectAfterEdit && !dialog->connectRequested()) connectTo(at);
        }
        m_sidebar->setCurrentIndex(at);
        emit message(tr("Saved connection \"%1\"").arg(profile.settings.name));
        if (dialog->connectRequested()) connectTo(m_model->indexOfProfile(id));
    });
    dialog->open();
}

void ConnectionManager::newConnection()
{
    ConnectionProfile profile;
    profile.settings.name.clear();
    showDialog(new ConnectionDialog(ConnectionDialog::Mode::Add, profile, m_store->groups(),
                                    m_store->vault()->isAvailable(), m_window),
               false);
}

void ConnectionManager::editConnection(const QModelIndex &index)
{
    const QString id = profileIdOf(index);
    const ConnectionProfile *profile = m_store->find(id);
    if (!profile) return;
    auto *dialog = new ConnectionDialog(ConnectionDialog::Mode::Edit, *profile, m_store->groups(),
                                        m_store->vault()->isAvailable(), m_window);
    QPointer<ConnectionDialog> alive(dialog);
    m_store->fetchPassword(id, [alive](bool found, const QString &password, const QString &) {
        if (alive && found && !password.isEmpty()) alive->setStoredPassword(password);
    });
    m_store->fetchSshSecrets(id, [alive](const QString &sshPassword, const QString &passphrase) {
        if (alive) alive->setStoredSshSecrets(sshPassword, passphrase);
    });
    showDialog(dialog, true);
}

void ConnectionManager::duplicateConnection(const QModelIndex &index)
{
    const QString id = profileIdOf(index);
    const ConnectionProfile *original = m_store->find(id);
    if (!original) return;
    ConnectionProfile copy = *original;
    copy.settings.name = tr("%1 (copy)").arg(original->settings.name);
    auto *dialog = new ConnectionDialog(ConnectionDialog::Mode::Duplicate, copy,
                                        m_store->groups(), m_store->vault()->isAvailable(),
                                        m_window);
    QPointer<ConnectionDialog> alive(dialog);
    m_store->fetchPassword(id, [alive](bool found, const QString &password, const QString &) {
        if (alive && found && !password.isEmpty()) alive->setStoredPassword(password);
    });
    m_store->fetchSshSecrets(id, [alive](const QString &sshPassword, const QString &passphrase) {
        if (alive) alive->setStoredSshSecrets(sshPassword, passphrase);
    });
    showDialog(dialog, false);
}

void ConnectionManager::deleteConnection(const QModelIndex &index)
{
    const QString id = profileIdOf(index);
    const ConnectionProfile *profile = m_store->find(id);
    if (!profile) return;
    const QString name = profile->settings.name;
    if (!confirmAction(m_window, tr("Delete connection"),
                       tr("Delete the saved connection \"%1\"? Its open tabs close and its "
                          "stored password is removed.")
                           .arg(name))) {
        return;
    }
    m_store->remove(id); // the model drops the row and its connection
    emit message(tr("Deleted connection \"%1\"").arg(name));
}

void ConnectionManager::connectTo(const QModelIndex &index)
{
    RedisConnection *connection = m_model->connectionAt(index);
    const ConnectionLifecycle lifecycle(connection);
    const QString id = profileIdOf(index);
    if (connection && !(lifecycle.state() == ConnectionState::AuthFailed && !id.isEmpty())) {
        // Lost: it waits out its backoff before the next retry; Connect retries now.
        if (lifecycle.state() == ConnectionState::Disconnected ||
            lifecycle.state() == ConnectionState::AuthFailed ||
            lifecycle.state() == ConnectionState::Lost) {
            lifecycle.connectToServer();
        }
        emit workspaceRequested(connection);
        return;
    }
    if (id.isEmpty()) return;
    if (connection) { // wrong password: ask again
        askPassword(id, lifecycle.errorText());
        return;
    }
    QPointer<ConnectionManager> alive(this);
    m_store->fetchPassword(id, [alive, id](bool found, const QString &password,
                                           const QString &error) {
        if (!alive) return;
        if (found)
            alive->open(id, password);
        else
            alive->askPassword(id, error);
    });
}

void ConnectionManager::askPassword(const QString &id, const QString &reason)
{
    const ConnectionProfile *profile = m_store->find(id);
    if (!profile) return;
    auto *dialog = new QInputDialog(m_window);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("passwordPrompt"));
    dialog->setWindowTitle(tr("Password for %1").arg(profile->settings.name));
    QString label = profile->settings.username.isEmpty()
                        ? tr("Password for %1:").arg(profile->settings.address())
                        : tr("Password of user \"%1\" on %2:")
                              .arg(profile->settings.username, profile->settings.address());
    if (!reason.isEmpty()) label = reason + QStringLiteral("\n\n") + label;
    dialog->setLabelText(label);
    dialog->setTextEchoMode(QLineEdit::Password);
    connect(dialog, &QInputDialog::textValueSelected, this, [this, id](const QString &password) {
        m_store->rememberForSession(id, password); // memory only
        open(id, password);
    });
    dialog->open();
}

void ConnectionManager::open(const QString &id, const QString &password)
{
    const QModelIndex at = m_model->indexOfProfile(id);
    if (!at.isValid()) return; // deleted meanwhile
    if (m_model->settingsAt(at).ssh.enabled) {
        // The SSH password or key passphrase comes from the keychain first.
        QPointer<ConnectionManager> alive(this);
        m_store->fetchSshSecrets(id, [alive, id, password](const QString &sshPassword,
                                                           const QString &passphrase) {
            if (alive) alive->openWith(id, password, sshPassword, passphrase);
        });
        return;
    }
    openWith(id, password, {}, {});
}

void ConnectionManager::openWith(const QString &id, const QString &password,
                                 const QString &sshPassword, const QString &keyPassphrase)
{
    const QModelIndex at = m_model->indexOfProfile(id);
    if (!at.isValid()) return; // deleted meanwhile
    ConnectionSettings settings = m_model->settingsAt(at);
    settings.password = password;
    settings.ssh.password = sshPassword;
    settings.ssh.keyPassphrase = keyPassphrase;
    RedisConnection *connection = m_model->createConnectionAt(at, settings);
    const ConnectionLifecycle lifecycle(connection);
    lifecycle.whenWarning(this, [this](const QString &warning) { emit message(warning); });
    lifecycle.connectToServer();
    emit workspaceRequested(connection);
}

void ConnectionManager::disconnectFrom(const QModelIndex &index)
{
    ConnectionLifecycle(m_model->connectionAt(index)).disconnectFromServer();
}

bool ConnectionManager::canSavePasswords() const
{
    return m_store->vault()->isAvailable();
}

void ConnectionManager::useCredentials(const QString &id, const QString &username,
                                       const QString &password, bool save)
{
    const ConnectionProfile *found = m_store->find(id);
    if (!found) return;
    if (!save || !canSavePasswords()) {
        m_store->rememberForSession(id, password); // memory only
        return;
    }
    ConnectionProfile profile = *found;
    profile.settings.username = username;
    profile.passwordStorage = PasswordStorage::Keychain;
    profile.settings.ssh.password = QString(); // null: the stored SSH secrets stay
    profile.settings.ssh.keyPassphrase = QString();
    m_store->put(profile, password);
    emit message(tr("Saved the password of \"%1\" in the keychain").arg(profile.settings.name));
}

void ConnectionManager::importConnections()
{
    const QString path = QFileDialog::getOpenFileName(
        m_window, tr("Import connections"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation),
        tr("Redscope connections (*.json);;All files (*)"));
    if (path.isEmpty()) return;
    QString error;
    const int count = m_store->importFrom(path, &error);
    if (count < 0) {
        QMessageBox::warning(m_window, tr("Import connections"), error);
        return;
    }
    emit message(tr("Imported %n connection(s) from %1", nullptr, count).arg(path));
}

void ConnectionManager::exportConnections()
{
    if (m_store->profiles().isEmpty()) {
        emit message(tr("There are no saved connections to export"));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(
        m_window, tr("Export connections"),
        QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation) +
            QStringLiteral("/redscope-connections.json"),
        tr("Redscope connections (*.json)"));
    if (path.isEmpty()) return;
    const bool withPasswords =
        QMessageBox::question(m_window, tr("Export connections"),
                              tr("Include passwords in the exported file?\n\nThey would be "
                                 "readable by anyone who gets the file."),
                              QMessageBox::Yes | QMessageBox::No,
                              QMessageBox::No) == QMessageBox::Yes;
    QPointer<ConnectionManager> alive(this);
    m_store->exportTo(path, {}, withPasswords, [alive, path](bool ok, const QString &error) {
        if (!alive) return;
        emit alive->message(ok ? tr("Exported connections to %1").arg(path) : error);
    });
}

} // namespace redscope
