// ConnectionStore: the user's saved connections, as a small JSON file in the app's config
// directory (connections.json), plus where each password lives. The file never holds a password
// unless the user chose "plain text" for that connection; otherwise the password goes to the OS
// keychain (PasswordVault) or, when there is none, is only kept for this session and asked for
// at connect time. Reading and writing the file is synchronous: it is a few kilobytes, written
// atomically with QSaveFile. Keychain access is asynchronous (callbacks).
#pragma once

#include "connection/connection_settings.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <QObject>

#include <functional>

namespace redscope {

class PasswordVault;

enum class PasswordStorage {
    Keychain,  // in the OS keychain, under the connection's id
    PlainText, // in the config file, because the user ticked the insecure option
    Ask,       // nowhere: asked for at connect time, then kept in memory for the session
};

struct ConnectionProfile
{
    QString id;     // stable identity (UUID), also the keychain key
    QString group;  // sidebar folder; empty: top level
    QString colour; // "#rrggbb" tag shown in the sidebar; empty: none
    PasswordStorage passwordStorage = PasswordStorage::Ask;
    bool hasPassword = false;     // the server needs a password (whether or not it is known)
    ConnectionSettings settings; // settings.password is only filled in memory

    QJsonObject toJson(bool withPassword) const;
    static ConnectionProfile fromJson(const QJsonObject &object);
};

class ConnectionStore : public QObject
{
    Q_OBJECT

public:
    using PasswordCallback =
        std::function<void(bool found, const QString &password, const QString &error)>;
    using DoneCallback = std::function<void(bool ok, const QString &error)>;

    // An empty path means defaultFilePath(). The keychain is probed at once (asynchronously).
    explicit ConnectionStore(const QString &filePath = {}, QObject *parent = nullptr);
    ~ConnectionStore() override;

    static QString defaultFilePath(); // <AppConfigLocation>/connections.json
    QString filePath() const { return m_filePath; }
    PasswordVault *vault() const { return m_vault; }

    // A missing file is an empty store, not an error.
    bool load(QString *error = nullptr);
    bool save(QString *error = nullptr) const;

    const QList<ConnectionProfile> &profiles() const { return m_profiles; }
    const ConnectionProfile *find(const QString &id) const;
    QStringList groups() const; // sorted, without the empty group

    // Adds (a new id is assigned when empty or taken) or replaces a profile and saves the file.
    // `password` is what the user typed: stored as profile.passwordStorage says, and kept for
    // the session in every case. With a null `password` the stored one is left as it is.
    // Returns the profile's id.
    QString put(ConnectionProfile profile, const QString &password = QString());
    void remove(const QString &id);

    // The password of a profile: from this session's memory, the file (plain text) or the
    // keychain. found=false with an empty error means "not stored: ask the user".
    void fetchPassword(const QString &id, PasswordCallback callback);
    // Remembers a password typed at connect time for the rest of the session (memory only).
    void rememberForSession(const QString &id, const QString &password);

    // The SSH password and key passphrase of a profile (empty when none is stored). They are
    // never written to the file: put() sends non-null ones to the keychain, or keeps them for
    // the session only when there is no keychain (with a passwordWarning).
    using SshSecretsCallback =
        std::function<void(const QString &sshPassword, const QString &keyPassphrase)>;
    void fetchSshSecrets(const QString &id, SshSecretsCallback callback);

    // Export writes the chosen profiles (all when `ids` is empty) to a JSON file; passwords
    // only when includePasswords, fetched from the keychain first. Import appends the file's
    // connections under new ids; passwords found in the file go to the keychain when there
    // is one, otherwise they are kept for the session only (never silently written in plain
    // text). Returns the number imported, or -1 with *error.
    void exportTo(const QString &path, const QStringList &ids, bool includePasswords,
                  DoneCallback done);
    int importFrom(const QString &path, QString *error);

signals:
    void profilesChanged();
    // A password could not be stored where it was meant to go (e.g. the keychain refused);
    // it is kept for this session only.
    void passwordWarning(const QString &message);

private:
    void storePassword(const ConnectionProfile &profile, const QString &password);
    void storeSecret(const QString &key, const QString &name, const QString &secret);
    void fetchSecret(const QString &key, std::function<void(const QString &)> callback);
    static bool writeJson(const QString &path, const QJsonObject &root, QString *error);
    QString uniqueId(const QString &wanted) const;

    QString m_filePath;
    PasswordVault *m_vault;
    QList<ConnectionProfile> m_profiles;
    QHash<QString, QString> m_sessionPasswords; // id -> password, never written anywhere
};

QString passwordStorageName(PasswordStorage storage);

} // namespace redscope
