// ConnectionSecurityBox: the "TLS" and "SSH tunnel" tabs of the connection dialog, editing
// ConnectionSettings::tls and ::ssh (see app/connection/tunnel.h for what they do). A widget of its
// own so the dialog only loads, applies and checks it. File fields have a "Browse…" button that
// opens a window-modal QFileDialog with open() (no nested event loop). The SSH password and key
// passphrase are secrets: they are stored by ConnectionStore in the keychain, so the box tells
// whether the user changed them (untouched secrets stay as stored).
#pragma once

#include "connection/connection_settings.h"

#include <QTabWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;
class QStackedWidget;

namespace redscope {

class ConnectionSecurityBox : public QTabWidget
{
    Q_OBJECT

public:
    explicit ConnectionSecurityBox(const ConnectionSettings &settings, QWidget *parent = nullptr);

    // Writes every field into *settings, secrets included as shown.
    void apply(ConnectionSettings *settings) const;
    // For storing: the SSH secrets the user did not edit become null ("unchanged").
    void forgetUntouchedSecrets(ConnectionSettings *settings) const;
    // The stored SSH password and passphrase, once fetched (fields the user typed in win).
    void setStoredSecrets(const QString &sshPassword, const QString &keyPassphrase);
    // Empty when the fields are usable; else what is missing.
    QString problem() const;

    QCheckBox *tlsCheck() const { return m_tls; }
    QLineEdit *caFileEdit() const { return m_caFile; }
    QLineEdit *certFileEdit() const { return m_certFile; }
    QLineEdit *keyFileEdit() const { return m_keyFile; }
    QLineEdit *serverNameEdit() const { return m_serverName; }
    QCheckBox *skipVerifyCheck() const { return m_skipVerify; }
    QCheckBox *sshCheck() const { return m_ssh; }
    QLineEdit *sshHostEdit() const { return m_sshHost; }
    QSpinBox *sshPortSpin() const { return m_sshPort; }
    QLineEdit *sshUserEdit() const { return m_sshUser; }
    QComboBox *sshAuthCombo() const { return m_sshAuth; }
    QLineEdit *sshPasswordEdit() const { return m_sshPassword; }
    QLineEdit *sshKeyFileEdit() const { return m_sshKeyFile; }
    QLineEdit *sshPassphraseEdit() const { return m_sshPassphrase; }
    QLineEdit *knownHostsEdit() const { return m_knownHosts; }
    QCheckBox *acceptNewHostKeyCheck() const { return m_acceptNewHostKey; }

signals:
    void changed();

private:
    QWidget *buildTlsTab(const TlsSettings &tls);
    QWidget *buildSshTab(const SshSettings &ssh);
    QWidget *withBrowse(QLineEdit *edit, const QString &title, const QString &filter);
    void updateFields();

    QCheckBox *m_tls;
    QLineEdit *m_caFile;
    QLineEdit *m_certFile;
    QLineEdit *m_keyFile;
    QLineEdit *m_serverName;
    QCheckBox *m_skipVerify;
    QLabel *m_skipWarning;
    QWidget *m_tlsFields;

    QCheckBox *m_ssh;
    QLineEdit *m_sshHost;
    QSpinBox *m_sshPort;
    QLineEdit *m_sshUser;
    QComboBox *m_sshAuth;
    QStackedWidget *m_sshAuthPages;
    QLineEdit *m_sshPassword;
    QLineEdit *m_sshKeyFile;
    QLineEdit *m_sshPassphrase;
    QLineEdit *m_knownHosts;
    QCheckBox *m_acceptNewHostKey;
    QWidget *m_sshFields;
    bool m_passwordTouched = false;
    bool m_passphraseTouched = false;
};

} // namespace redscope
