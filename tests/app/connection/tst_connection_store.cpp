// ConnectionStore: saved connections survive a round trip through the JSON file with every
// field, passwords never reach the file unless plain text was chosen, a password kept for the
// session is handed back without the file, and import/export move connections between files
// (passwords only on request). The keychain is disabled here so the tests do not depend on
// the machine's desktop session; PasswordVault's probe is checked to finish either way.
#include "connection/connection_store.h"
#include "connection/password_vault.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace redscope;

static const QString kSecret = QStringLiteral("s3cr3t-Pa55");

class TstConnectionStore : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void roundTripWithoutPasswordInFile();
    void plainTextIsOptIn();
    void askedPasswordIsKeptForSessionOnly();
    void exportExcludesPasswordsByDefault();
    void exportWithPasswordsAndImport();
    void importRejectsGarbage();
    void removeAndDuplicateIds();
    void keychainProbeFinishes();
    void tlsAndSshSettingsWithoutSecretsInFile();

private:
    static ConnectionProfile sample();
    static QByteArray fileBytes(const QString &path);
    static std::unique_ptr<ConnectionStore> openStore(const QString &path);
    static QString fetch(ConnectionStore &store, const QString &id, bool *found);

    std::unique_ptr<QTemporaryDir> m_dir;
};

void TstConnectionStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

ConnectionProfile TstConnectionStore::sample()
{
    ConnectionProfile profile;
    profile.group = QStringLiteral("Production");
    profile.colour = QStringLiteral("#d32f2f");
    profile.passwordStorage = PasswordStorage::Keychain;
    profile.settings.name = QStringLiteral("Orders cache");
    profile.settings.host = QStringLiteral("cache.example.net");
    profile.settings.port = 6380;
    profile.settings.username = QStringLiteral("viewer");
    profile.settings.db = 3;
    profile.settings.readOnly = true;
    profile.settings.production = true;
    profile.settings.namespaceSeparator = QStringLiteral("::");
    return profile;
}

QByteArray TstConnectionStore::fileBytes(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

std::unique_ptr<ConnectionStore> TstConnectionStore::openStore(const QString &path)
{
    auto store = std::make_unique<ConnectionStore>(path);
    store->vault()->disable();
    QString error;
    if (!store->load(&error)) qWarning("load failed: %s", qPrintable(error));
    return store;
}

QString TstConnectionStore::fetch(ConnectionStore &store, const QString &id, bool *found)
{
    bool done = false;
    QString result;
    store.fetchPassword(id, [&](bool ok, const QString &password, const QString &) {
        *found = ok;
        result = password;
        done = true;
    });
    if (!QTest::qWaitFor([&] { return done; }, 5000)) qWarning("fetchPassword never answered");
    return result;
}

void TstConnectionStore::roundTripWithoutPasswordInFile()
{
    const QString path = m_dir->filePath(QStringLiteral("connections.json"));
    QString id;
    {
        auto store = openStore(path);
        QVERIFY(store->profiles().isEmpty()); // a missing file is an empty store
        QSignalSpy warnings(store.get(), &ConnectionStore::passwordWarning);
        id = store->put(sample(), kSecret);
        QVERIFY(!id.isEmpty());
        // No keychain: the profile falls back to "ask", with a warning, never to plain text.
        QTRY_COMPARE(warnings.size(), 1);
        QVERIFY(warnings.first().first().toString().contains(QStringLiteral("Orders cache")));
        QVERIFY(!warnings.first().first().toString().contains(kSecret));
        QCOMPARE(store->find(id)->passwordStorage, PasswordStorage::Ask);
    }
    const QByteArray bytes = fileBytes(path);
    QVERIFY(!bytes.isEmpty());
    QVERIFY(!bytes.contains(kSecret.toUtf8()));
    QVERIFY(!bytes.contains("\"password\""));
    QCOMPARE(QFile::permissions(path) & (QFile::ReadOther | QFile::ReadGroup),
             QFile::Permissions());

    auto reopened = openStore(path);
    QCOMPARE(reopened->profiles().size(), 1);
    const ConnectionProfile &p = reopened->profiles().first();
    const ConnectionProfile expected = sample();
    QCOMPARE(p.id, id);
    QCOMPARE(p.group, expected.group);
    QCOMPARE(p.colour, expected.colour);
    QCOMPARE(p.settings.name, expected.settings.name);
    QCOMPARE(p.settings.host, expected.settings.host);
    QCOMPARE(p.settings.port, 6380);
    QCOMPARE(p.settings.username, QStringLiteral("viewer"));
    QCOMPARE(p.settings.db, 3);
    QCOMPARE(p.settings.readOnly, true);
    QCOMPARE(p.settings.production, true);
    QCOMPARE(p.settings.namespaceSeparator, QStringLiteral("::"));
    QVERIFY(p.hasPassword);
    QVERIFY(p.settings.password.isEmpty());
    QCOMPARE(reopened->groups(), QStringList{QStringLiteral("Production")});

    bool found = true;
    QVERIFY(fetch(*reopened, id, &found).isEmpty());
    QVERIFY(!found); // a new session must ask the user
}

void TstConnectionStore::plainTextIsOptIn()
{
    const QString path = m_dir->filePath(QStringLiteral("connections.json"));
    QString id;
    {
        auto store = openStore(path);
        ConnectionProfile profile = sample();
        profile.passwordStorage = PasswordStorage::PlainText;
        id = store->put(profile, kSecret);
        ConnectionProfile unix;
        unix.settings.name = QStringLiteral("socket");
        unix.settings.unixSocket = QStringLiteral("/run/redis/redis.sock");
        store->put(unix);
    }
    QVERIFY(fileBytes(path).contains(kSecret.toUtf8()));
    auto reopened = openStore(path);
    QCOMPARE(reopened->profiles().size(), 2);
    QCOMPARE(reopened->profiles().at(1).settings.unixSocket,
             QStringLiteral("/run/redis/redis.sock"));
    QVERIFY(!reopened->profiles().at(1).hasPassword);
    bool found = false;
    QCOMPARE(fetch(*reopened, id, &found), kSecret);
    QVERIFY(found);

    // Unticking plain text removes the password from the file.
    ConnectionProfile changed = *reopened->find(id);
    changed.passwordStorage = PasswordStorage::Ask;
    reopened->put(changed);
    QVERIFY(!fileBytes(path).contains(kSecret.toUtf8()));
    QCOMPARE(fetch(*reopened, id, &found), kSecret); // still known for this session
    QVERIFY(found);
}

void TstConnectionStore::askedPasswordIsKeptForSessionOnly()
{
    const QString path = m_dir->filePath(QStringLiteral("connections.json"));
    auto store = openStore(path);
    ConnectionProfile profile = sample();
    profile.passwordStorage = PasswordStorage::Ask;
    profile.hasPassword = true;
    const QString id = store->put(profile);
    bool found = true;
    QVERIFY(fetch(*store, id, &found).isEmpty());
    QVERIFY(!found);
    store->rememberForSession(id, kSecret);
    QCOMPARE(fetch(*store, id, &found), kSecret);
    QVERIFY(found);
    store->save();
    QVERIFY(!fileBytes(path).contains(kSecret.toUtf8()));
}

void TstConnectionStore::exportExcludesPasswordsByDefault()
{
    auto store = openStore(m_dir->filePath(QStringLiteral("connections.json")));
    ConnectionProfile profile = sample();
    profile.passwordStorage = PasswordStorage::PlainText;
    store->put(profile, kSecret);
    const QString out = m_dir->filePath(QStringLiteral("export.json"));
    bool done = false;
    bool ok = false;
    store->exportTo(out, {}, false, [&](bool success, const QString &) {
        ok = success;
        done = true;
    });
    QTRY_VERIFY(done);
    QVERIFY(ok);
    const QByteArray bytes = fileBytes(out);
    QVERIFY(bytes.contains("cache.example.net"));
    QVERIFY(!bytes.contains(kSecret.toUtf8()));
}

void TstConnectionStore::exportWithPasswordsAndImport()
{
    auto source = openStore(m_dir->filePath(QStringLiteral("a.json")));
    ConnectionProfile asked = sample();
    asked.passwordStorage = PasswordStorage::Ask;
    const QString askedId = source->put(asked, kSecret); // known for this session
    ConnectionProfile open = sample();
    open.settings.name = QStringLiteral("No password");
    open.group.clear();
    source->put(open, QString());

    const QString out = m_dir->filePath(QStringLiteral("export.json"));
    bool done = false;
    source->exportTo(out, {askedId}, true, [&](bool, const QString &) { done = true; });
    QTRY_VERIFY(done);
    const QJsonArray exported =
        QJsonDocument::fromJson(fileBytes(out)).object().value("connections").toArray();
    QCOMPARE(exported.size(), 1); // only the chosen id
    QCOMPARE(exported.at(0).toObject().value("password").toString(), kSecret);

    const QString targetPath = m_dir->filePath(QStringLiteral("b.json"));
    auto target = openStore(targetPath);
    target->put(open, QString());
    QString error;
    QCOMPARE(target->importFrom(out, &error), 1);
    QVERIFY(error.isEmpty());
    QCOMPARE(target->profiles().size(), 2);
    const ConnectionProfile &imported = target->profiles().at(1);
    QCOMPARE(imported.settings.host, QStringLiteral("cache.example.net"));
    QCOMPARE(imported.passwordStorage, PasswordStorage::Ask);
    bool found = false;
    QCOMPARE(fetch(*target, imported.id, &found), kSecret); // this session only
    QVERIFY(!fileBytes(targetPath).contains(kSecret.toUtf8()));

    // Importing the same file again gives new ids, not replacements.
    QCOMPARE(target->importFrom(out, &error), 1);
    QCOMPARE(target->profiles().size(), 3);
    QVERIFY(target->profiles().at(1).id != target->profiles().at(2).id);
}

void TstConnectionStore::importRejectsGarbage()
{
    auto store = openStore(m_dir->filePath(QStringLiteral("connections.json")));
    const QString bad = m_dir->filePath(QStringLiteral("bad.json"));
    QFile file(bad);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ not json");
    file.close();
    QString error;
    QCOMPARE(store->importFrom(bad, &error), -1);
    QVERIFY(error.contains(QStringLiteral("not valid JSON")));
    QCOMPARE(store->importFrom(m_dir->filePath(QStringLiteral("missing.json")), &error), -1);
    QVERIFY(error.contains(QStringLiteral("Cannot read")));
    QVERIFY(store->profiles().isEmpty());
}

void TstConnectionStore::removeAndDuplicateIds()
{
    const QString path = m_dir->filePath(QStringLiteral("connections.json"));
    auto store = openStore(path);
    const QString a = store->put(sample());
    ConnectionProfile copy = *store->find(a);
    copy.id.clear(); // "Duplicate" in the UI
    copy.settings.name += QStringLiteral(" (copy)");
    const QString b = store->put(copy);
    QVERIFY(a != b);
    QCOMPARE(store->profiles().size(), 2);
    store->remove(a);
    QCOMPARE(store->profiles().size(), 1);
    auto reopened = openStore(path);
    QCOMPARE(reopened->profiles().size(), 1);
    QCOMPARE(reopened->profiles().first().settings.name, QStringLiteral("Orders cache (copy)"));
}

void TstConnectionStore::keychainProbeFinishes()
{
    ConnectionStore store(m_dir->filePath(QStringLiteral("connections.json")));
    // Whatever this machine has, the probe ends (Available or Unavailable) without blocking.
    QTRY_VERIFY_WITH_TIMEOUT(store.vault()->status() == PasswordVault::Status::Available ||
                                 store.vault()->status() == PasswordVault::Status::Unavailable,
                             30000);
    QVERIFY(!store.vault()->statusText().isEmpty());
}

void TstConnectionStore::tlsAndSshSettingsWithoutSecretsInFile()
{
    const QString path = m_dir->filePath(QStringLiteral("connections.json"));
    ConnectionProfile profile = sample();
    TlsSettings &tls = profile.settings.tls;
    tls.enabled = true;
    tls.caFile = QStringLiteral("/etc/ca.pem");
    tls.certFile = QStringLiteral("/home/me/client.crt");
    tls.keyFile = QStringLiteral("/home/me/client.key");
    tls.serverName = QStringLiteral("redis.internal");
    tls.skipVerify = true;
    SshSettings &ssh = profile.settings.ssh;
    ssh.enabled = true;
    ssh.host = QStringLiteral("bastion.example.net");
    ssh.port = 2222;
    ssh.user = QStringLiteral("ops");
    ssh.keyFile = QStringLiteral("/home/me/.ssh/id_ed25519");
    ssh.keyPassphrase = QStringLiteral("ssh-passphrase-XYZ");
    ssh.password = QStringLiteral("ssh-password-XYZ");
    ssh.knownHostsFile = QStringLiteral("/home/me/.ssh/known_hosts");
    ssh.acceptNewHostKey = true;
    QString id;
    {
        auto store = openStore(path);
        QSignalSpy warnings(store.get(), &ConnectionStore::passwordWarning);
        id = store->put(profile);
        QVERIFY(warnings.size() >= 2); // no keychain: both secrets for this session only
        QVERIFY(store->find(id)->settings.ssh.password.isEmpty());
        bool done = false;
        store->fetchSshSecrets(id, [&](const QString &password, const QString &passphrase) {
            QCOMPARE(password, QStringLiteral("ssh-password-XYZ"));
            QCOMPARE(passphrase, QStringLiteral("ssh-passphrase-XYZ"));
            done = true;
        });
        QTRY_VERIFY(done);
        // A null secret means "unchanged".
        ConnectionProfile edited = *store->find(id);
        store->put(edited);
        done = false;
        store->fetchSshSecrets(id, [&](const QString &password, const QString &) {
            QCOMPARE(password, QStringLiteral("ssh-password-XYZ"));
            done = true;
        });
        QTRY_VERIFY(done);
    }
    const QByteArray bytes = fileBytes(path);
    QVERIFY(!bytes.contains("XYZ"));
    auto reopened = openStore(path);
    const ConnectionProfile &p = reopened->profiles().first();
    QCOMPARE(p.settings.tls.enabled, true);
    QCOMPARE(p.settings.tls.caFile, tls.caFile);
    QCOMPARE(p.settings.tls.certFile, tls.certFile);
    QCOMPARE(p.settings.tls.keyFile, tls.keyFile);
    QCOMPARE(p.settings.tls.serverName, tls.serverName);
    QCOMPARE(p.settings.tls.skipVerify, true);
    QCOMPARE(p.settings.ssh.enabled, true);
    QCOMPARE(p.settings.ssh.host, ssh.host);
    QCOMPARE(p.settings.ssh.port, 2222);
    QCOMPARE(p.settings.ssh.user, ssh.user);
    QCOMPARE(p.settings.ssh.keyFile, ssh.keyFile);
    QCOMPARE(p.settings.ssh.knownHostsFile, ssh.knownHostsFile);
    QCOMPARE(p.settings.ssh.acceptNewHostKey, true);
    bool done = false;
    reopened->fetchSshSecrets(id, [&](const QString &password, const QString &passphrase) {
        QVERIFY(password.isEmpty() && passphrase.isEmpty()); // a new session: not known
        done = true;
    });
    QTRY_VERIFY(done);
}

QTEST_MAIN(TstConnectionStore)
#include "tst_connection_store.moc"
