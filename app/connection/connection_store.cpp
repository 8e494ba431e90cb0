// ConnectionStore: JSON (de)serialisation of profiles and the password routing rules.
// File format: {"version": 1, "connections": [{...}, ...]}; unknown keys are ignored so a newer
// Redscope's file still loads, and missing keys take ConnectionSettings' defaults.
#include "connection/connection_store.h"

#include "connection/password_vault.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSaveFile>
#include <QStandardPaths>
#include <QUuid>

#include <algorithm>
#include <memory>

namespace redscope {

static const char kKeychainService[] = "Redscope";
static constexpr int kFormatVersion = 1;

QString passwordStorageName(PasswordStorage storage)
{
    switch (storage) {
    case PasswordStorage::Keychain:
        return QStringLiteral("keychain");
    case PasswordStorage::PlainText:
        return QStringLiteral("plainText");
    case PasswordStorage::Ask:
        break;
    }
    return QStringLiteral("ask");
}

static PasswordStorage passwordStorageFromName(const QString &name)
{
    if (name == QLatin1String("keychain")) return PasswordStorage::Keychain;
    if (name == QLatin1String("plainText")) return PasswordStorage::PlainText;
    return PasswordStorage::Ask;
}

QJsonObject ConnectionProfile::toJson(bool withPassword) const
{
    QJsonObject o;
    o.insert(QStringLiteral("id"), id);
    o.insert(QStringLiteral("name"), settings.name);
    if (!group.isEmpty()) o.insert(QStringLiteral("group"), group);
    if (!colour.isEmpty()) o.insert(QStringLiteral("colour"), colour);
    o.insert(QStringLiteral("host"), settings.host);
    o.insert(QStringLiteral("port"), settings.port);
    if (!settings.unixSocket.isEmpty())
        o.insert(QStringLiteral("unixSocket"), settings.unixSocket);
    if (!settings.username.isEmpty()) o.insert(QStringLiteral("username"), settings.username);
    o.insert(QStringLiteral("db"), settings.db);
    o.insert(QStringLiteral("readOnly"), settings.readOnly);
    if (settings.production) o.insert(QStringLiteral("production"), true);
    o.insert(QStringLiteral("namespaceSeparator"), settings.namespaceSeparator);
    if (settings.mode != ConnectionSettings::Mode::Standalone) {
        o.insert(QStringLiteral("mode"), settings.mode == ConnectionSettings::Mode::Cluster
                                             ? QStringLiteral("cluster")
                                             : QStringLiteral("sentinel"));
    }
    if (!settings.sentinelMaster.isEmpty())
        o.insert(QStringLiteral("sentinelMaster"), settings.sentinelMaster);
    if (!settings.sentinels.isEmpty())
        o.insert(QStringLiteral("sentinels"), QJsonArray::fromStringList(settings.sentinels));
    // Like the server password, the sentinels' one is written only where passwords are.
    if (withPassword && !settings.sentinelPassword.isEmpty())
        o.insert(QStringLiteral("sentinelPassword"), settings.sentinelPassword);
    o.insert(QStringLiteral("connectTimeoutMs"), settings.connectTimeoutMs);
    o.insert(QStringLiteral("commandTimeoutMs"), settings.commandTimeoutMs);
    if (settings.tls.enabled || !settings.tls.caFile.isEmpty()) {
        const TlsSettings &tls = settings.tls;
        QJsonObject t;
        t.insert(QStringLiteral("enabled"), tls.enabled);
        t.insert(QStringLiteral("caFile"), tls.caFile);
        t.insert(QStringLiteral("certFile"), tls.certFile);
        t.insert(QStringLiteral("keyFile"), tls.keyFile);
        t.insert(QStringLiteral("serverName"), tls.serverName);
        t.insert(QStringLiteral("skipVerify"), tls.skipVerify);
        o.insert(QStringLiteral("tls"), t);
    }
    if (settings.ssh.enabled || !settings.ssh.host.isEmpty()) {
        const SshSettings &ssh = settings.ssh; // password and passphrase: keychain only
        QJsonObject t;
        t.insert(QStringLiteral("enabled"), ssh.enabled);
        t.insert(QStringLiteral("host"), ssh.host);
        t.insert(QStringLiteral("port"), ssh.port);
        t.insert(QStringLiteral("user"), ssh.user);
        t.insert(QStringLiteral("keyFile"), ssh.keyFile);
        t.insert(QStringLiteral("knownHostsFile"), ssh.knownHostsFile);
        t.insert(QStringLiteral("acceptNewHostKey"), ssh.acceptNewHostKey);
        o.insert(QStringLiteral("ssh"), t);
    }
    o.insert(QStringLiteral("hasPassword"), hasPassword);
    o.insert(QStringLiteral("passwordStorage"), passwordStorageName(passwordStorage));
    if (withPassword && hasPassword && !settings.password.isEmpty())
        o.insert(QStringLiteral("password"), settings.password);
    return o;
}

ConnectionProfile ConnectionProfile::fromJson(const QJsonObject &o)
{
    ConnectionProfile p;
    const ConnectionSettings defaults;
    p.id = o.value(QStringLiteral("id")).toString();
    p.group = o.value(QStringLiteral("group")).toString().trimmed();
    p.colour = o.value(QStringLiteral("colour")).toString();
    p.settings.name = o.value(QStringLiteral("name")).toString();
    p.settings.host = o.value(QStringLiteral("host")).toString(defaults.host);
    p.settings.port = o.value(QStringLiteral("port")).toInt(defaults.port);
    p.settings.unixSocket = o.value(QStringLiteral("unixSocket")).toString();
    p.settings.username = o.value(QStringLiteral("username")).toString();
    p.settings.db = qMax(0, o.value(QStringLiteral("db")).toInt(0));
    p.settings.readOnly = o.value(QStringLiteral("readOnly")).toBool(false);
    p.settings.production = o.value(QStringLiteral("production")).toBool(false);
    p.settings.namespaceSeparator =
        o.value(QStringLiteral("namespaceSeparator")).toString(defaults.namespaceSeparator);
    const QString mode = o.value(QStringLiteral("mode")).toString();
    p.settings.mode = mode == QLatin1String("cluster")    ? ConnectionSettings::Mode::Cluster
                      : mode == QLatin1String("sentinel") ? ConnectionSettings::Mode::Sentinel
                                                          : ConnectionSettings::Mode::Standalone;
    p.settings.sentinelMaster = o.value(QStringLiteral("sentinelMaster")).toString();
    for (const QJsonValue &address : o.value(QStringLiteral("sentinels")).toArray())
        p.settings.sentinels.append(address.toString());
    p.settings.sentinelPassword = o.value(QStringLiteral("sentinelPassword")).toString();
    p.settings.connectTimeoutMs =
        o.value(QStringLiteral("connectTimeoutMs")).toInt(defaults.connectTimeoutMs);
    p.settings.commandTimeoutMs =
        o.value(QStringLiteral("commandTimeoutMs")).toInt(defaults.commandTimeoutMs);
    const QJsonObject tls = o.value(QStringLiteral("tls")).toObject();
    p.settings.tls.enabled = tls.value(QStringLiteral("enabled")).toBool(false);
    p.settings.tls.caFile = tls.value(QStringLiteral("caFile")).toString();
    p.settings.tls.certFile = tls.value(QStringLiteral("certFile")).toString();
    p.settings.tls.keyFile = tls.value(QStringLiteral("keyFile")).toString();
    p.settings.tls.serverName = tls.value(QStringLiteral("serverName")).toString();
    p.settings.tls.skipVerify = tls.value(QStringLiteral("skipVerify")).toBool(false);
    const QJsonObject ssh = o.value(QStringLiteral("ssh")).toObject();
    p.settings.ssh.enabled = ssh.value(QStringLiteral("enabled")).toBool(false);
    p.settings.ssh.host = ssh.value(QStringLiteral("host")).toString();
    p.settings.ssh.port = ssh.value(QStringLiteral("port")).toInt(defaults.ssh.port);
    p.settings.ssh.user = ssh.value(QStringLiteral("user")).toString();
    p.settings.ssh.keyFile = ssh.value(QStringLiteral("keyFile")).toString();
    p.settings.ssh.knownHostsFile = ssh.value(QStringLiteral("knownHostsFile")).toString();
    p.settings.ssh.acceptNewHostKey =
        ssh.value(QStringLiteral("acceptNewHostKey")).toBool(false);
    p.settings.password = o.value(QStringLiteral("password")).toString();
    p.hasPassword =
        o.value(QStringLiteral("hasPassword")).toBool(!p.settings.password.isEmpty());
    p.passwordStorage =
        passwordStorageFromName(o.value(QStringLiteral("passwordStorage")).toString());
    if (p.settings.name.isEmpty()) p.settings.name = p.settings.address();
    return p;
}

ConnectionStore::ConnectionStore(const QString &filePath, QObject *parent)
    : QObject(parent)
    , m_filePath(filePath.isEmpty() ? defaultFilePath() : filePath)
    , m_vault(new PasswordVault(QString::fromLatin1(kKeychainService), this))
{
    m_vault->probe();
}

ConnectionStore::~ConnectionStore() = default;

QString ConnectionStore::defaultFilePath()
{
    return QStandardPaths::writableLocation(QStandardPaths::AppConfigLocation) +
           QStringLiteral("/connections.json");
}

bool ConnectionStore::load(QString *error)
{
    QFile file(m_filePath);
    if (!file.exists()) {
        m_profiles.clear();
        emit profilesChanged();
        return true;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = tr("Cannot read %1: %2").arg(m_filePath, file.errorString());
        return false;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    if (!doc.isObject()) {
        if (error) *error = tr("%1 is not a connections file: %2")
                                .arg(m_filePath, parseError.errorString());
        return false;
    }
    QList<ConnectionProfile> profiles;
    const QJsonArray list = doc.object().value(QStringLiteral("connections")).toArray();
    for (const QJsonValue &value : list) {
        ConnectionProfile profile = ConnectionProfile::fromJson(value.toObject());
        if (profile.passwordStorage != PasswordStorage::PlainText)
            profile.settings.password.clear(); // a hand-edited file: only plain text counts
        if (profile.id.isEmpty() || std::any_of(profiles.cbegin(), profiles.cend(),
                                                [&](const ConnectionProfile &other) {
                                                    return other.id == profile.id;
                                                })) {
            profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
        }
        profiles.append(profile);
    }
    m_profiles = profiles;
    emit profilesChanged();
    return true;
}

bool ConnectionStore::writeJson(const QString &path, const QJsonObject &root, QString *error)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    // The file may hold plain-text passwords the user opted into: owner-only access.
    file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner);
    file.write(QJsonDocument(root).toJson(QJsonDocument::Indented));
    if (!file.commit()) {
        if (error) *error = tr("Cannot write %1: %2").arg(path, file.errorString());
        return false;
    }
    return true;
}

bool ConnectionStore::save(QString *error) const
{
    QJsonArray list;
    for (const ConnectionProfile &profile : m_profiles)
        list.append(profile.toJson(profile.passwordStorage == PasswordStorage::PlainText));
    QJsonObject root;
    root.insert(QStringLiteral("version"), kFormatVersion);
    root.insert(QStringLiteral("connections"), list);
    return writeJson(m_filePath, root, error);
}

const ConnectionProfile *ConnectionStore::find(const QString &id) const
{
    for (const ConnectionProfile &profile : m_profiles) {
        if (profile.id == id) return &profile;
    }
    return nullptr;
}

QStringList ConnectionStore::groups() const
{
    QStringList result;
    for (const ConnectionProfile &profile : m_profiles) {
        if (!profile.group.isEmpty() && !result.contains(profile.group))
            result.append(profile.group);
    }
    result.sort(Qt::CaseInsensitive);
    return result;
}

QString ConnectionStore::uniqueId(const QString &wanted) const
{
    if (!wanted.isEmpty() && !find(wanted)) return wanted;
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QString ConnectionStore::put(ConnectionProfile profile, const QString &password)
{
    if (profile.id.isEmpty()) profile.id = uniqueId({});
    if (!password.isNull()) {
        profile.hasPassword = !password.isEmpty();
        profile.settings.password = password;
        storePassword(profile, password);
    } else if (const ConnectionProfile *old = find(profile.id)) {
        profile.settings.password = old->settings.password;
        // Moving an unchanged password between places needs it in hand.
        if (old->passwordStorage != profile.passwordStorage && profile.hasPassword) {
            const QString known = m_sessionPasswords.value(profile.id, old->settings.password);
            if (!known.isEmpty()) {
                profile.settings.password = known;
                storePassword(profile, known);
            } else {
                m_vault->remove(profile.id);
                profile.passwordStorage = PasswordStorage::Ask;
            }
        }
    }
    if (profile.passwordStorage != PasswordStorage::PlainText) profile.settings.password.clear();
    // SSH secrets: null means "unchanged"; empty removes the stored one.
    const QString sshName = tr("the SSH password of \"%1\"").arg(profile.settings.name);
    const QString keyName = tr("the SSH key passphrase of \"%1\"").arg(profile.settings.name);
    if (!profile.settings.ssh.password.isNull())
        storeSecret(profile.id + QStringLiteral("/ssh-password"), sshName,
                    profile.settings.ssh.password);
    if (!profile.settings.ssh.keyPassphrase.isNull())
        storeSecret(profile.id + QStringLiteral("/ssh-passphrase"), keyName,
                    profile.settings.ssh.keyPassphrase);
    profile.settings.ssh.password = QString();
    profile.settings.ssh.keyPassphrase = QString();

    bool replaced = false;
    for (ConnectionProfile &existing : m_profiles) {
        if (existing.id == profile.id) {
            existing = profile;
            replaced = true;
        }
    }
    if (!replaced) m_profiles.append(profile);
    QString error;
    if (!save(&error)) emit passwordWarning(error);
    emit profilesChanged();
    return profile.id;
}

void ConnectionStore::storePassword(const ConnectionProfile &profile, const QString &password)
{
    if (password.isEmpty()) {
        m_sessionPasswords.remove(profile.id);
        m_vault->remove(profile.id);
        return;
    }
    m_sessionPasswords.insert(profile.id, password);
    if (profile.passwordStorage == PasswordStorage::Keychain) {
        const QString id = profile.id;
        const QString name = profile.settings.name;
        m_vault->write(id, password, [this, id, name](bool ok, const QString &error) {
            if (ok) return;
            for (ConnectionProfile &p : m_profiles) {
                if (p.id == id && p.passwordStorage == PasswordStorage::Keychain)
                    p.passwordStorage = PasswordStorage::Ask;
            }
            save();
            emit profilesChanged();
            emit passwordWarning(tr("The password of \"%1\" could not be saved in the keychain "
                                    "(%2); it will be asked for in later sessions.")
                                     .arg(name, error));
        });
    } else {
        m_vault->remove(profile.id); // it may have been there before
    }
}

void ConnectionStore::storeSecret(const QString &key, const QString &name,
                                  const QString &secret)
{
    if (secret.isEmpty()) {
        m_sessionPasswords.remove(key);
        m_vault->remove(key);
        return;
    }
    m_sessionPasswords.insert(key, secret);
    if (m_vault->status() == PasswordVault::Status::Unavailable ||
        m_vault->status() == PasswordVault::Status::Disabled) {
        emit passwordWarning(tr("There is no keychain to keep %1: it is kept for this session "
                                "only.")
                                 .arg(name));
        return;
    }
    m_vault->write(key, secret, [this, name](bool ok, const QString &error) {
        if (!ok)
            emit passwordWarning(tr("%1 could not be saved in the keychain (%2); it is kept for "
                                    "this session only.")
                                     .arg(name, error));
    });
}

void ConnectionStore::fetchSecret(const QString &key,
                                  std::function<void(const QString &)> callback)
{
    if (m_sessionPasswords.contains(key) ||
        m_vault->status() == PasswordVault::Status::Disabled) {
        const QString known = m_sessionPasswords.value(key);
        QMetaObject::invokeMethod(
            this, [callback, known] { callback(known); }, Qt::QueuedConnection);
        return;
    }
    m_vault->read(key, [this, key, callback](bool found, const QString &secret, const QString &) {
        if (found) m_sessionPasswords.insert(key, secret);
        callback(found ? secret : QString());
    });
}

void ConnectionStore::fetchSshSecrets(const QString &id, SshSecretsCallback callback)
{
    fetchSecret(id + QStringLiteral("/ssh-password"), [this, id, callback](const QString &pw) {
        fetchSecret(id + QStringLiteral("/ssh-passphrase"),
                    [callback, pw](const QString &passphrase) { callback(pw, passphrase); });
    });
}

void ConnectionStore::remove(const QString &id)
{
    const auto it = std::find_if(m_profiles.begin(), m_profiles.end(),
                                 [&](const ConnectionProfile &p) { return p.id == id; });
    if (it == m_profiles.end()) return;
    if (it->passwordStorage == PasswordStorage::Keychain) m_vault->remove(id);
    m_sessionPasswords.remove(id);
    const bool hadSsh = it->settings.ssh.enabled || !it->settings.ssh.host.isEmpty();
    for (const QString &suffix :
         {QStringLiteral("/ssh-password"), QStringLiteral("/ssh-passphrase")}) {
        if (hadSsh) m_vault->remove(id + suffix);
        m_sessionPasswords.remove(id + suffix);
    }
    m_profiles.erase(it);
    QString error;
    if (!save(&error)) emit passwordWarning(error);
    emit profilesChanged();
}

void ConnectionStore::rememberForSession(const QString &id, const QString &password)
{
    m_sessionPasswords.insert(id, password);
}

void ConnectionStore::fetchPassword(const QString &id, PasswordCallback callback)
{
    const ConnectionProfile *profile = find(id);
    auto later = [this, callback](bool found, const QString &password, const QString &error) {
        QMetaObject::invokeMethod(
            this, [=] { callback(found, password, error); }, Qt::QueuedConnection);
    };
    if (!profile || !profile->hasPassword) return later(true, {}, {});
    if (m_sessionPasswords.contains(id)) return later(true, m_sessionPasswords.value(id), {});
    switch (profile->passwordStorage) {
    case PasswordStorage::PlainText:
        return later(true, profile->settings.password, {});
    case PasswordStorage::Ask:
        return later(false, {}, {});
    case PasswordStorage::Keychain:
        m_vault->read(id, [this, id, callback](bool found, const QString &password,
                                               const QString &error) {
            if (found) m_sessionPasswords.insert(id, password);
            callback(found, password, error);
        });
        return;
    }
}

void ConnectionStore::exportTo(const QString &path, const QStringList &ids,
                               bool includePasswords, DoneCallback done)
{
    QList<ConnectionProfile> chosen;
    for (const ConnectionProfile &profile : m_profiles) {
        if (ids.isEmpty() || ids.contains(profile.id)) chosen.append(profile);
    }
    struct Pending
    {
        QList<ConnectionProfile> profiles;
        int waiting = 0;
    };
    auto pending = std::make_shared<Pending>();
    pending->profiles = chosen;
    auto finish = [path, done, pending, includePasswords] {
        QJsonArray list;
        for (const ConnectionProfile &profile : std::as_const(pending->profiles))
            list.append(profile.toJson(includePasswords));
        QJsonObject root;
        root.insert(QStringLiteral("version"), kFormatVersion);
        root.insert(QStringLiteral("connections"), list);
        QString error;
        const bool ok = writeJson(path, root, &error);
        done(ok, error);
    };
    if (!includePasswords) {
        QMetaObject::invokeMethod(this, finish, Qt::QueuedConnection);
        return;
    }
    pending->waiting = int(pending->profiles.size()) + 1;
    auto oneDone = [pending, finish] {
        if (--pending->waiting == 0) finish();
    };
    for (int i = 0; i < pending->profiles.size(); ++i) {
        fetchPassword(pending->profiles.at(i).id,
                      [pending, i, oneDone](bool found, const QString &password, const QString &) {
                          pending->profiles[i].settings.password = found ? password : QString();
                          oneDone();
                      });
    }
    QMetaObject::invokeMethod(this, oneDone, Qt::QueuedConnection);
}

int ConnectionStore::importFrom(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = tr("Cannot read %1: %2").arg(path, file.errorString());
        return -1;
    }
    QJsonParseError parseError;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &parseError);
    const QJsonValue list = doc.object().value(QStringLiteral("connections"));
    if (!doc.isObject() || !list.isArray()) {
        if (error) {
            *error = parseError.error != QJsonParseError::NoError
                         ? tr("%1 is not valid JSON: %2").arg(path, parseError.errorString())
                         : tr("%1 holds no \"connections\" list").arg(path);
        }
        return -1;
    }
    int count = 0;
    for (const QJsonValue &value : list.toArray()) {
        ConnectionProfile profile = ConnectionProfile::fromJson(value.toObject());
        const QString password = profile.settings.password;
        profile.settings.password.clear();
        profile.id = uniqueId(profile.id);
        // Plain text is a choice made per machine: an imported password is never written to
        // this machine's file unless the user edits the connection and ticks the option.
        profile.passwordStorage =
            m_vault->isAvailable() ? PasswordStorage::Keychain : PasswordStorage::Ask;
        put(profile, password.isEmpty() ? QString() : password);
        ++count;
    }
    return count;
}

} // namespace redscope
