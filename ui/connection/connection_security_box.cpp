// ConnectionSecurityBox: two form tabs whose fields are greyed out until TLS or the SSH tunnel
// is switched on, so the user sees what can be set before enabling it. SSH authentication is
// either a private key file (with an optional passphrase) or a password; an empty password
// falls back to the SSH agent and ~/.ssh keys, as the ssh command does.
#include "connection/connection_security_box.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace redscope {

namespace {
enum SshAuthPage { KeyPage = 0, PasswordPage = 1 };
}

ConnectionSecurityBox::ConnectionSecurityBox(const ConnectionSettings &settings, QWidget *parent)
    : QTabWidget(parent)
    , m_tls(new QCheckBox(tr("Use TLS (like rediss:// URLs)"), this))
    , m_caFile(new QLineEdit(this))
    , m_certFile(new QLineEdit(this))
    , m_keyFile(new QLineEdit(this))
    , m_serverName(new QLineEdit(this))
    , m_skipVerify(new QCheckBox(tr("Skip certificate verification (insecure)"), this))
    , m_skipWarning(new QLabel(this))
    , m_tlsFields(new QWidget(this))
    , m_ssh(new QCheckBox(tr("Connect through an SSH tunnel"), this))
    , m_sshHost(new QLineEdit(this))
    , m_sshPort(new QSpinBox(this))
    , m_sshUser(new QLineEdit(this))
    , m_sshAuth(new QComboBox(this))
    , m_sshAuthPages(new QStackedWidget(this))
    , m_sshPassword(new QLineEdit(this))
    , m_sshKeyFile(new QLineEdit(this))
    , m_sshPassphrase(new QLineEdit(this))
    , m_knownHosts(new QLineEdit(this))
    , m_acceptNewHostKey(
          new QCheckBox(tr("Trust a new host key on first connection and remember it"), this))
    , m_sshFields(new QWidget(this))
{
    setObjectName(QStringLiteral("connectionSecurityBox"));
    addTab(buildTlsTab(settings.tls), tr("TLS"));
    addTab(buildSshTab(settings.ssh), tr("SSH tunnel"));
    setTabToolTip(0, tr("Encrypt the connection to the server"));
    setTabToolTip(1, tr("Reach the server through an SSH server (a bastion or the server's "
                        "own host)"));
    updateFields();
}

QWidget *ConnectionSecurityBox::withBrowse(QLineEdit *edit, const QString &title,
                                           const QString &filter)
{
    auto *row = new QWidget(this);
    auto *layout = new QHBoxLayout(row);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *browse = new QPushButton(tr("Browse…"), row);
    browse->setObjectName(edit->objectName() + QStringLiteral("Browse"));
    layout->addWidget(edit, 1);
    layout->addWidget(browse);
    connect(browse, &QPushButton::clicked, this, [this, edit, title, filter] {
        auto *dialog = new QFileDialog(this, title);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFile);
        dialog->setNameFilter(filter);
        const QString current = edit->text().trimmed();
        dialog->setDirectory(current.isEmpty() ? QDir::homePath()
                                               : QFileInfo(current).absolutePath());
        connect(dialog, &QFileDialog::fileSelected, edit, &QLineEdit::setText);
        dialog->open();
    });
    return row;
}

QWidget *ConnectionSecurityBox::buildTlsTab(const TlsSettings &tls)
{
    auto *tab = new QWidget(this);
    const QString pemFilter = tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)");
    m_tls->setObjectName(QStringLiteral("tlsCheck"));
    m_tls->setChecked(tls.enabled);
    m_caFile->setObjectName(QStringLiteral("tlsCaFileEdit"));
    m_caFile->setText(tls.caFile);
    m_caFile->setPlaceholderText(tr("System certificate store"));
    m_certFile->setObjectName(QStringLiteral("tlsCertFileEdit"));
    m_certFile->setText(tls.certFile);
    m_certFile->setPlaceholderText(tr("None (for servers with tls-auth-clients)"));
    m_keyFile->setObjectName(QStringLiteral("tlsKeyFileEdit"));
    m_keyFile->setText(tls.keyFile);
    m_keyFile->setPlaceholderText(tr("Private key of the client certificate"));
    m_serverName->setObjectName(QStringLiteral("tlsServerNameEdit"));
    m_serverName->setText(tls.serverName);
    m_serverName->setPlaceholderText(tr("The host name above"));
    m_serverName->setToolTip(tr("Sent as SNI and checked against the server's certificate"));
    m_skipVerify->setObjectName(QStringLiteral("tlsSkipVerifyCheck"));
    m_skipVerify->setChecked(tls.skipVerify);
    m_skipWarning->setObjectName(QStringLiteral("tlsSkipWarning"));
    m_skipWarning->setStyleSheet(QStringLiteral("color: #c62828;"));
    m_skipWarning->setMinimumHeight(m_skipWarning->fontMetrics().height());
    auto *form = new QFormLayout(m_tlsFields);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("CA certificate"), withBrowse(m_caFile, tr("CA certificate"), pemFilter));
    form->addRow(tr("Client certificate"),
                 withBrowse(m_certFile, tr("Client certificate"), pemFilter));
    form->addRow(tr("Client key"), withBrowse(m_keyFile, tr("Client key"), pemFilter));
    form->addRow(tr("Server name (SNI)"), m_serverName);
    form->addRow(QString(), m_skipVerify);
    form->addRow(QString(), m_skipWarning);

    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(m_tls);
    layout->addWidget(m_tlsFields);
    layout->addStretch(1);

    connect(m_tls, &QCheckBox::toggled, this, &ConnectionSecurityBox::updateFields);
    connect(m_skipVerify, &QCheckBox::toggled, this, &ConnectionSecurityBox::updateFields);
    for (QLineEdit *edit : {m_caFile, m_certFile, m_keyFile, m_serverName})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionSecurityBox::changed);
    return tab;
}

QWidget *ConnectionSecurityBox::buildSshTab(const SshSettings &ssh)
{
    auto *tab = new QWidget(this);
    m_ssh->setObjectName(QStringLiteral("sshCheck"));
    m_ssh->setChecked(ssh.enabled);
    m_sshHost->setObjectName(QStringLiteral("sshHostEdit"));
    m_sshHost->setText(ssh.host);
    m_sshHost->setPlaceholderText(tr("bastion.example.com"));
    m_sshPort->setObjectName(QStringLiteral("sshPortSpin"));
    m_sshPort->setRange(1, 65535);
    m_sshPort->setValue(ssh.port);
    m_sshUser->setObjectName(QStringLiteral("sshUserEdit"));
    m_sshUser->setText(ssh.user);
    m_sshUser->setPlaceholderText(QString::fromLocal8Bit(qgetenv("USER")));
    m_sshAuth->setObjectName(QStringLiteral("sshAuthCombo"));
    m_sshAuth->addItem(tr("Private key file"));
    m_sshAuth->addItem(tr("Password"));
    m_sshAuth->setCurrentIndex(ssh.keyFile.isEmpty() && !ssh.password.isEmpty() ? PasswordPage
                                                                                : KeyPage);
    m_sshKeyFile->setObjectName(QStringLiteral("sshKeyFileEdit"));
    m_sshKeyFile->setText(ssh.keyFile);
    m_sshKeyFile->setPlaceholderText(tr("Empty: the SSH agent and ~/.ssh keys"));
    m_sshPassphrase->setObjectName(QStringLiteral("sshPassphraseEdit"));
    m_sshPassphrase->setEchoMode(QLineEdit::Password);
    m_sshPassphrase->setText(ssh.keyPassphrase);
    m_sshPassphrase->setPlaceholderText(tr("none"));
    m_sshPassword->setObjectName(QStringLiteral("sshPasswordEdit"));
    m_sshPassword->setEchoMode(QLineEdit::Password);
    m_sshPassword->setText(ssh.password);
    m_knownHosts->setObjectName(QStringLiteral("sshKnownHostsEdit"));
    m_knownHosts->setText(ssh.knownHostsFile);
    m_knownHosts->setPlaceholderText(QStringLiteral("~/.ssh/known_hosts"));
    m_acceptNewHostKey->setObjectName(QStringLiteral("sshAcceptNewHostKeyCheck"));
    m_acceptNewHostKey->setChecked(ssh.acceptNewHostKey);

    // One row per sign-in method, so the tab is no taller than the TLS one.
    auto *keyPage = new QWidget(this);
    auto *keyLayout = new QHBoxLayout(keyPage);
    keyLayout->setContentsMargins(0, 0, 0, 0);
    keyLayout->addWidget(withBrowse(m_sshKeyFile, tr("SSH private key"), tr("All files (*)")), 3);
    keyLayout->addWidget(new QLabel(tr("Passphrase"), keyPage));
    keyLayout->addWidget(m_sshPassphrase, 1);
    auto *passwordPage = new QWidget(this);
    auto *passwordLayout = new QHBoxLayout(passwordPage);
    passwordLayout->setContentsMargins(0, 0, 0, 0);
    passwordLayout->addWidget(m_sshPassword);
    m_sshAuthPages->addWidget(keyPage);
    m_sshAuthPages->addWidget(passwordPage);
    auto *secretLabel = new QLabel(this);
    const auto labelSecret = [secretLabel, this](int page) {
        secretLabel->setText(page == KeyPage ? tr("Key file") : tr("Password"));
    };
    labelSecret(m_sshAuth->currentIndex());
    connect(m_sshAuth, &QComboBox::currentIndexChanged, this, labelSecret);

    auto *address = new QWidget(this);
    auto *addressLayout = new QHBoxLayout(address);
    addressLayout->setContentsMargins(0, 0, 0, 0);
    addressLayout->addWidget(m_sshHost, 1);
    addressLayout->addWidget(new QLabel(tr("Port"), address));
    addressLayout->addWidget(m_sshPort);
    auto *who = new QWidget(this);
    auto *whoLayout = new QHBoxLayout(who);
    whoLayout->setContentsMargins(0, 0, 0, 0);
    whoLayout->addWidget(m_sshUser, 1);
    whoLayout->addWidget(new QLabel(tr("Sign in with"), who));
    whoLayout->addWidget(m_sshAuth);

    auto *form = new QFormLayout(m_sshFields);
    form->setContentsMargins(0, 0, 0, 0);
    form->addRow(tr("SSH server"), address);
    form->addRow(tr("User"), who);
    form->addRow(secretLabel, m_sshAuthPages);
    form->addRow(tr("Known hosts"),
                 withBrowse(m_knownHosts, tr("known_hosts file"), tr("All files (*)")));
    form->addRow(QString(), m_acceptNewHostKey);
    const QString reach = tr("The server address above is resolved and reached from the SSH "
                             "server (127.0.0.1 is the SSH server itself).");
    m_ssh->setToolTip(reach);
    m_sshHost->setToolTip(reach);

    auto *layout = new QVBoxLayout(tab);
    layout->addWidget(m_ssh);
    layout->addWidget(m_sshFields);
    layout->addStretch(1);

    connect(m_ssh, &QCheckBox::toggled, this, &ConnectionSecurityBox::updateFields);
    connect(m_sshAuth, &QComboBox::currentIndexChanged, m_sshAuthPages,
            &QStackedWidget::setCurrentIndex);
    m_sshAuthPages->setCurrentIndex(m_sshAuth->currentIndex());
    for (QLineEdit *edit : {m_sshHost, m_sshUser, m_sshKeyFile, m_knownHosts})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionSecurityBox::changed);
    connect(m_sshPassword, &QLineEdit::textEdited, this, [this] { m_passwordTouched = true; });
    connect(m_sshPassphrase, &QLineEdit::textEdited, this, [this] { m_passphraseTouched = true; });
    return tab;
}

void ConnectionSecurityBox::updateFields()
{
    m_tlsFields->setEnabled(m_tls->isChecked());
    // Always laid out (one line), so showing it never squeezes the other rows.
    m_skipWarning->setText(m_skipVerify->isChecked()
                               ? tr("⚠ Encrypted, but anyone in between can impersonate the "
                                    "server.")
                               : QString());
    m_sshFields->setEnabled(m_ssh->isChecked());
    setTabText(0, m_tls->isChecked() ? tr("TLS ✔") : tr("TLS"));
    setTabText(1, m_ssh->isChecked() ? tr("SSH tunnel ✔") : tr("SSH tunnel"));
    emit changed();
}

void ConnectionSecurityBox::apply(ConnectionSettings *settings) const
{
    TlsSettings &tls = settings->tls;
    tls.enabled = m_tls->isChecked();
    tls.caFile = m_caFile->text().trimmed();
    tls.certFile = m_certFile->text().trimmed();
    tls.keyFile = m_keyFile->text().trimmed();
    tls.serverName = m_serverName->text().trimmed();
    tls.skipVerify = m_skipVerify->isChecked();

    SshSettings &ssh = settings->ssh;
    ssh.enabled = m_ssh->isChecked();
    ssh.host = m_sshHost->text().trimmed();
    ssh.port = m_sshPort->value();
    ssh.user = m_sshUser->text().trimmed();
    if (ssh.user.isEmpty()) ssh.user = m_sshUser->placeholderText();
    const bool byKey = m_sshAuth->currentIndex() == KeyPage;
    ssh.keyFile = byKey ? m_sshKeyFile->text().trimmed() : QString();
    // Non-null even when empty: an empty secret the user cleared must be removed when stored.
    const auto secret = [](const QLineEdit *edit) {
        return edit->text().isNull() ? QStringLiteral("") : edit->text();
    };
    ssh.keyPassphrase = byKey ? secret(m_sshPassphrase) : QStringLiteral("");
    ssh.password = byKey ? QStringLiteral("") : secret(m_sshPassword);
    ssh.knownHostsFile = m_knownHosts->text().trimmed();
    ssh.acceptNewHostKey = m_acceptNewHostKey->isChecked();
}

void ConnectionSecurityBox::forgetUntouchedSecrets(ConnectionSettings *settings) const
{
    const bool byKey = m_sshAuth->currentIndex() == KeyPage;
    // Switching the sign-in method is a change: the other secret is removed.
    if (!m_passwordTouched && !byKey) settings->ssh.password = QString();
    if (!m_passphraseTouched && byKey) settings->ssh.keyPassphrase = QString();
}

void ConnectionSecurityBox::setStoredSecrets(const QString &sshPassword,
                                             const QString &keyPassphrase)
{
    if (!m_passwordTouched) m_sshPassword->setText(sshPassword);
    if (!m_passphraseTouched) m_sshPassphrase->setText(keyPassphrase);
    if (m_sshKeyFile->text().isEmpty() && !sshPassword.isEmpty())
        m_sshAuth->setCurrentIndex(PasswordPage);
}

QString ConnectionSecurityBox::problem() const
{
    if (m_tls->isChecked() &&
        m_certFile->text().trimmed().isEmpty() != m_keyFile->text().trimmed().isEmpty())
        return tr("TLS: a client certificate needs both the certificate and its key file.");
    if (m_ssh->isChecked() && m_sshHost->text().trimmed().isEmpty())
        return tr("SSH tunnel: enter the SSH server's host name.");
    return {};
}

} // namespace redscope
