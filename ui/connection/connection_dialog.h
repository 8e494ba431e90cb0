// ConnectionDialog: add, edit or duplicate one saved connection (name, folder, colour tag, TCP
// host/port or Unix socket, ACL user and password, default db, read-only, namespace separator,
// TLS and SSH tunnel tabs from ConnectionSecurityBox) and "Test connection", which connects
// asynchronously through a throw-away RedisConnection (through the tunnel, if any) and shows
// the server version or the readable error (wrong password, NOAUTH, unknown host,
// refused, timeout). The dialog edits a ConnectionProfile and a password; storing them is the
// caller's job (ConnectionStore), so the dialog never writes files or the keychain.
// Layout, to fit 600 px: the Server box first (a field that takes a pasted redis://, rediss://
// or unix:// URL and fills the fields below it, address, credentials, database), then the
// rest in tabs (General, TLS, SSH tunnel, Topology). "Save and Connect" (the default button)
// and "Save" both accept; connectRequested() tells which.
#pragma once

#include "connection/connection_store.h"

#include <QDialog>
#include <QPointer>

#include <optional>

class QCheckBox;
class QComboBox;
class QDialogButtonBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;
class QStackedWidget;

namespace redscope {

class ConnectionModeBox;
class ConnectionProbe;
class ConnectionSecurityBox;

class ConnectionDialog : public QDialog
{
    Q_OBJECT

public:
    enum class Mode { Add, Edit, Duplicate };
    enum class TestState { NotRun, Running, Succeeded, Failed };

    // keychainAvailable decides what the password note says and where a password goes when
    // plain text is not ticked (keychain, or asked at connect time).
    ConnectionDialog(Mode mode, const ConnectionProfile &profile, const QStringList &groups,
                     bool keychainAvailable, QWidget *parent = nullptr);
    ~ConnectionDialog() override;

    Mode mode() const { return m_mode; }
    // Fills the password field with the stored password once it has been fetched, unless the
    // user has typed in it already.
    void setStoredPassword(const QString &password);
    // The same for the SSH tunnel's password and key passphrase (keychain).
    void setStoredSshSecrets(const QString &sshPassword, const QString &keyPassphrase);

    ConnectionProfile profile() const; // from the fields; settings.password left empty
    // The password to store: nullopt when the user did not touch an unknown stored password.
    std::optional<QString> password() const;

    // Fills the fields from a redis://, rediss:// or unix:// URL; false and *error otherwise.
    bool applyUrl(const QString &url, QString *error = nullptr);
    // Accepted through "Save and Connect" rather than "Save".
    bool connectRequested() const { return m_connectRequested; }

    void testConnection();
    TestState testState() const { return m_testState; }
    QString testMessage() const;

signals:
    void testFinished(bool ok, const QString &message);

    // -- for tests: the dialog's fields --
public:
    QLineEdit *nameEdit() const { return m_name; }
    QLineEdit *hostEdit() const { return m_host; }
    QSpinBox *portSpin() const { return m_port; }
    QLineEdit *socketEdit() const { return m_socket; }
    QComboBox *transportCombo() const { return m_transport; }
    QLineEdit *usernameEdit() const { return m_username; }
    QLineEdit *passwordEdit() const { return m_password; }
    QCheckBox *plainTextCheck() const { return m_plainText; }
    QPushButton *testButton() const { return m_testButton; }
    QLabel *testLabel() const { return m_testLabel; }
    QLineEdit *urlEdit() const { return m_url; }
    QLabel *urlStatus() const { return m_urlStatus; }
    QSpinBox *dbSpin() const { return m_db; }
    QPushButton *saveAndConnectButton() const;
    QPushButton *saveButton() const;
    ConnectionModeBox *modeBox() const { return m_modeBox; }
    ConnectionSecurityBox *securityBox() const { return m_securityBox; }

private:
    ConnectionSettings settingsFromFields() const;
    void finishTest(bool ok, const QString &message);
    void updateState();

    Mode m_mode;
    ConnectionProfile m_original;
    bool m_keychainAvailable;
    bool m_passwordTouched = false;
    bool m_passwordKnown = false;

    QLineEdit *m_url;
    QLabel *m_urlStatus;
    bool m_connectRequested = false;
    QLineEdit *m_name;
    QComboBox *m_group;
    QComboBox *m_colour;
    QComboBox *m_transport;
    QStackedWidget *m_transportPages;
    QLineEdit *m_host;
    QSpinBox *m_port;
    QLineEdit *m_socket;
    QLineEdit *m_username;
    QLineEdit *m_password;
    QCheckBox *m_plainText;
    QLabel *m_passwordNote;
    QSpinBox *m_db;
    QCheckBox *m_readOnly;
    QCheckBox *m_production = nullptr; // confirm dangerous commands (production_guard.h)
    QLineEdit *m_separator;
    QPushButton *m_testButton;
    QLabel *m_testLabel;
    QDialogButtonBox *m_buttons;
    ConnectionModeBox *m_modeBox = nullptr; // standalone / cluster / sentinel
    ConnectionSecurityBox *m_securityBox = nullptr; // TLS and SSH tunnel tabs

    QPointer<ConnectionProbe> m_test;
    TestState m_testState = TestState::NotRun;
};

} // namespace redscope
