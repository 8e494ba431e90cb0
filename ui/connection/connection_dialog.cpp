// ConnectionDialog layout and the "Test connection" line: a ConnectionProbe (app/connection)
// connects and asks INFO server; the probe is a child of the dialog, so closing the dialog
// mid-test cancels everything with it.
#include "connection/connection_dialog.h"

#include "connection/connection_mode_box.h"
#include "connection/connection_probe.h"
#include "connection/connection_security_box.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPainter>
#include <QPushButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace redscope {

namespace {

struct Swatch
{
    const char *name;
    const char *colour;
};

const Swatch kSwatches[] = {
    {QT_TRANSLATE_NOOP("ConnectionDialog", "Red"), "#d32f2f"},
    {QT_TRANSLATE_NOOP("ConnectionDialog", "Orange"), "#f57c00"},
    {QT_TRANSLATE_NOOP("ConnectionDialog", "Yellow"), "#fbc02d"},
    {QT_TRANSLATE_NOOP("ConnectionDialog", "Green"), "#388e3c"},
    {QT_TRANSLATE_NOOP("ConnectionDialog", "Blue"), "#1976d2"},
    {QT_TRANSLATE_NOOP("ConnectionDialog", "Purple"), "#7b1fa2"},
    {QT_TRANSLATE_NOOP("ConnectionDialog", "Grey"), "#616161"},
};

QIcon swatchIcon(const QColor &colour)
{
    QPixmap pixmap(16, 16);
    pixmap.fill(Qt::transparent);
    QPainter painter(&pixmap);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setPen(colour.darker(130));
    painter.setBrush(colour);
    painter.drawRoundedRect(QRectF(1.5, 1.5, 13, 13), 3, 3);
    return QIcon(pixmap);
}

} // namespace

ConnectionDialog::ConnectionDialog(Mode mode, const ConnectionProfile &profile,
                                   const QStringList &groups, bool keychainAvailable,
                                   QWidget *parent)
    : QDialog(parent)
    , m_mode(mode)
    , m_original(profile)
    , m_keychainAvailable(keychainAvailable)
    , m_url(new QLineEdit(this))
    , m_urlStatus(new QLabel(this))
    , m_name(new QLineEdit(this))
    , m_group(new QComboBox(this))
    , m_colour(new QComboBox(this))
    , m_transport(new QComboBox(this))
    , m_transportPages(new QStackedWidget(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_socket(new QLineEdit(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_plainText(new QCheckBox(
          tr("Store password in plain text in the config file (insecure)"), this))
    , m_passwordNote(new QLabel(this))
    , m_db(new QSpinBox(this))
    , m_readOnly(new QCheckBox(tr("Read-only: refuse commands that modify data"), this))
    , m_separator(new QLineEdit(this))
    , m_testButton(new QPushButton(tr("Test connection"), this))
    , m_testLabel(new QLabel(this))
    , m_buttons(new QDialogButtonBox(
          QDialogButtonBox::Ok | QDialogButtonBox::Save | QDialogButtonBox::Cancel, this))
{
    setObjectName(QStringLiteral("connectionDialog"));
    switch (mode) {
    case Mode::Add:
        setWindowTitle(tr("New connection"));
        break;
    case Mode::Edit:
        setWindowTitle(tr("Edit connection"));
        break;
    case Mode::Duplicate:
        setWindowTitle(tr("Duplicate connection"));
        break;
    }
    const ConnectionSettings &s = profile.settings;

    m_name->setObjectName(QStringLiteral("nameEdit"));
    m_name->setText(s.name);
    m_name->setPlaceholderText(tr("e.g. Orders cache (production)"));

    m_group->setObjectName(QStringLiteral("groupCombo"));
    m_colour->setObjectName(QStringLiteral("colourCombo"));
    m_readOnly->setObjectName(QStringLiteral("readOnlyCheck"));
    m_production = new QCheckBox(
        tr("Production server: confirm FLUSHALL, FLUSHDB, bulk deletes, SHUTDOWN, CONFIG SET"),
        this);
    m_production->setObjectName(QStringLiteral("productionCheck"));
    m_production->setToolTip(tr("Before such a command is sent, a question names this server "
                                "and the number of keys it would affect."));
    m_group->setEditable(true);
    m_group->addItem(QString());
    m_group->addItems(groups);
    m_group->setCurrentText(profile.group);
    m_group->lineEdit()->setPlaceholderText(tr("No folder"));

    m_colour->addItem(tr("None"), QString());
    for (const Swatch &swatch : kSwatches) {
        m_colour->addItem(swatchIcon(QColor::fromString(swatch.colour)),
                          QCoreApplication::translate("ConnectionDialog", swatch.name),
                          QString::fromLatin1(swatch.colour));
    }
    const int colourIndex = m_colour->findData(profile.colour);
    if (colourIndex >= 0) {
        m_colour->setCurrentIndex(colourIndex);
    } else if (!profile.colour.isEmpty()) {
        m_colour->addItem(swatchIcon(QColor::fromString(profile.colour)), profile.colour,
                          profile.colour);
        m_colour->setCurrentIndex(m_colour->count() - 1);
    }

    m_transport->addItems({tr("TCP"), tr("Unix socket")});
    m_host->setObjectName(QStringLiteral("hostEdit"));
    m_host->setText(s.host);
    m_port->setRange(1, 65535);
    m_port->setValue(s.port);
    m_socket->setObjectName(QStringLiteral("socketEdit"));
    m_socket->setText(s.unixSocket);
    m_socket->setPlaceholderText(QStringLiteral("/run/redis/redis-server.sock"));

    auto *tcpPage = new QWidget(this);
    auto *tcpLayout = new QHBoxLayout(tcpPage);
    tcpLayout->setContentsMargins(0, 0, 0, 0);
    tcpLayout->addWidget(m_host, 1);
    tcpLayout->addWidget(new QLabel(tr("Port"), tcpPage));
    tcpLayout->addWidget(m_port);
    auto *socketPage = new QWidget(this);
    auto *socketLayout = new QHBoxLayout(socketPage);
    socketLayout->setContentsMargins(0, 0, 0, 0);
    socketLayout->addWidget(m_socket);
    m_transportPages->addWidget(tcpPage);
    m_transportPages->addWidget(socketPage);
    m_transport->setCurrentIndex(s.unixSocket.isEmpty() ? 0 : 1);
    m_transportPages->setCurrentIndex(m_transport->currentIndex());

    m_username->setText(s.username);
    m_username->setPlaceholderText(tr("default"));
    m_password->setObjectName(QStringLiteral("passwordEdit"));
    m_password->setEchoMode(QLineEdit::Password);
    m_plainText->setChecked(profile.passwordStorage == PasswordStorage::PlainText);
    m_passwordNote->setWordWrap(true);
    m_passwordNote->setForegroundRole(QPalette::PlaceholderText);

    m_db->setRange(0, 9999);
    m_db->setValue(s.db);
    m_readOnly->setChecked(s.readOnly);
    m_production->setChecked(s.production);
    m_separator->setText(s.namespaceSeparator);
    m_separator->setMaximumWidth(80);
    m_separator->setToolTip(tr("Splits key names into folders in the key browser; empty shows "
                               "a flat list."));

    m_url->setObjectName(QStringLiteral("urlEdit"));
    m_url->setPlaceholderText(tr("Paste a redis://, rediss:// or unix:// URL to fill the fields"));
    m_url->setClearButtonEnabled(true);
    m_urlStatus->setObjectName(QStringLiteral("urlStatus"));
    m_urlStatus->setWordWrap(true);
    m_urlStatus->hide();
    m_db->setObjectName(QStringLiteral("dbSpin"));

    auto *server = new QGroupBox(tr("Server"), this);
    auto *serverForm = new QFormLayout(server);
    serverForm->addRow(tr("URL"), m_url);
    serverForm->addRow(QString(), m_urlStatus);
    serverForm->addRow(tr("Connect with"), m_transport);
    serverForm->addRow(tr("Address"), m_transportPages);
    auto *credentials = new QHBoxLayout;
    credentials->addWidget(m_username, 2);
    credentials->addWidget(new QLabel(tr("Password"), server));
    credentials->addWidget(m_password, 3);
    serverForm->addRow(tr("Username (ACL)"), credentials);
    serverForm->addRow(QString(), m_plainText);
    serverForm->addRow(QString(), m_passwordNote);
    serverForm->addRow(tr("Default database"), m_db);

    m_modeBox = new ConnectionModeBox(s, this);
    m_modeBox->setTitle(QString());
    m_modeBox->setFlat(true);
    connect(m_modeBox, &ConnectionModeBox::changed, this, &ConnectionDialog::updateState);

    // The sections: the security box is a QTabWidget (TLS, SSH tunnel); General goes first and
    // Topology last.
    m_securityBox = new ConnectionSecurityBox(s, this);
    m_securityBox->setObjectName(QStringLiteral("connectionSections"));
    connect(m_securityBox, &ConnectionSecurityBox::changed, this, &ConnectionDialog::updateState);

    auto *general = new QWidget(this);
    auto *displayForm = new QFormLayout(general);
    displayForm->addRow(tr("Name"), m_name);
    displayForm->addRow(tr("Folder"), m_group);
    displayForm->addRow(tr("Colour tag"), m_colour);
    displayForm->addRow(tr("Namespace separator"), m_separator);
    displayForm->addRow(QString(), m_readOnly);
    displayForm->addRow(QString(), m_production);
    m_production->setText(tr("Production server: confirm FLUSHALL, FLUSHDB, bulk deletes,\n"
                             "SHUTDOWN and CONFIG SET"));
    m_securityBox->insertTab(0, general, tr("General"));
    m_securityBox->addTab(m_modeBox, tr("Topology"));
    m_securityBox->setCurrentIndex(0);

    m_testButton->setObjectName(QStringLiteral("testConnectionButton"));
    m_testLabel->setObjectName(QStringLiteral("testResult"));
    m_testLabel->setWordWrap(true);
    m_testLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton, 0, Qt::AlignTop);
    testRow->addWidget(m_testLabel, 1);

    saveAndConnectButton()->setText(tr("Save and Connect"));
    saveAndConnectButton()->setObjectName(QStringLiteral("saveAndConnectButton"));
    saveButton()->setObjectName(QStringLiteral("saveButton"));
    // Both accept; QDialogButtonBox says which one before it emits accepted().
    connect(m_buttons, &QDialogButtonBox::clicked, this, [this](QAbstractButton *button) {
        m_connectRequested = button == saveAndConnectButton();
    });

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(server);
    layout->addWidget(m_securityBox);
    layout->addLayout(testRow);
    layout->addStretch(1);
    layout->addWidget(m_buttons);
    setMinimumWidth(540);

    connect(m_url, &QLineEdit::textChanged, this, [this](const QString &text) {
        QString error;
        const bool ok = text.trimmed().isEmpty() || applyUrl(text.trimmed(), &error);
        m_urlStatus->setVisible(!ok);
        m_urlStatus->setText(error);
        m_urlStatus->setStyleSheet(ok ? QString() : QStringLiteral("color: #c62828;"));
    });
    connect(m_transport, &QComboBox::currentIndexChanged, m_transportPages,
            &QStackedWidget::setCurrentIndex);
    connect(m_transport, &QComboBox::currentIndexChanged, this, &ConnectionDialog::updateState);
    connect(m_host, &QLineEdit::textChanged, this, &ConnectionDialog::updateState);
    connect(m_socket, &QLineEdit::textChanged, this, &ConnectionDialog::updateState);
    connect(m_plainText, &QCheckBox::toggled, this, &ConnectionDialog::updateState);
    connect(m_password, &QLineEdit::textEdited, this, [this] {
        m_passwordTouched = true;
        updateState();
    });
    connect(m_testButton, &QPushButton::clicked, this, &ConnectionDialog::testConnection);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    if (profile.hasPassword && profile.settings.password.isEmpty()) {
        m_password->setPlaceholderText(tr("Stored password unchanged"));
    } else if (!profile.settings.password.isEmpty()) {
        setStoredPassword(profile.settings.password);
    }
    updateState();
}

ConnectionDialog::~ConnectionDialog() = default;

QPushButton *ConnectionDialog::saveAndConnectButton() const
{
    return m_buttons->button(QDialogButtonBox::Ok);
}

QPushButton *ConnectionDialog::saveButton() const
{
    return m_buttons->button(QDialogButtonBox::Save);
}

bool ConnectionDialog::applyUrl(const QString &url, QString *error)
{
    ConnectionSettings parsed;
    QString why;
    if (!ConnectionSettings::fromUrl(url, &parsed, &why)) {
        if (error) *error = why;
        return false;
    }
    const bool viaSocket = !parsed.unixSocket.isEmpty();
    m_transport->setCurrentIndex(viaSocket ? 1 : 0);
    if (viaSocket) {
        m_socket->setText(parsed.unixSocket);
    } else {
        m_host->setText(parsed.host);
        m_port->setValue(parsed.port);
    }
    m_username->setText(parsed.username);
    if (!parsed.password.isEmpty()) {
        m_password->setText(parsed.password);
        m_passwordTouched = true;
    }
    m_db->setValue(parsed.db);
    if (!viaSocket) m_securityBox->tlsCheck()->setChecked(parsed.tls.enabled);
    updateState();
    return true;
}

void ConnectionDialog::setStoredSshSecrets(const QString &sshPassword,
                                           const QString &keyPassphrase)
{
    m_securityBox->setStoredSecrets(sshPassword, keyPassphrase);
}

void ConnectionDialog::setStoredPassword(const QString &password)
{
    if (m_passwordTouched) return;
    m_password->setText(password);
    m_passwordKnown = true;
    updateState();
}

void ConnectionDialog::updateState()
{
    const bool tcp = m_transport->currentIndex() == 0;
    const bool complete = tcp ? !m_host->text().trimmed().isEmpty()
                              : m_socket->text().trimmed().startsWith(QLatin1Char('/'));
    const bool modeComplete = (!m_modeBox || m_modeBox->problem().isEmpty()) &&
                              (!m_securityBox || m_securityBox->problem().isEmpty());
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(complete && modeComplete);
    m_buttons->button(QDialogButtonBox::Save)->setEnabled(complete && modeComplete);
    if (m_securityBox)
        m_buttons->button(QDialogButtonBox::Ok)->setToolTip(m_securityBox->problem());
    m_testButton->setEnabled(complete && modeComplete && m_testState != TestState::Running);

    QString note;
    if (m_plainText->isChecked())
        note = tr("Anyone who can read your config file can read this password.");
    else if (m_keychainAvailable)
        note = tr("The password is saved in the system keychain.");
    else
        note = tr("No system keychain is available: the password is kept for this session "
                  "and asked for when connecting in later sessions.");
    m_passwordNote->setText(note);
}

ConnectionSettings ConnectionDialog::settingsFromFields() const
{
    ConnectionSettings s = m_original.settings;
    s.host = m_host->text().trimmed();
    s.port = m_port->value();
    s.unixSocket = m_transport->currentIndex() == 1 ? m_socket->text().trimmed() : QString();
    s.username = m_username->text().trimmed();
    s.password = m_password->text();
    s.db = m_db->value();
    s.readOnly = m_readOnly->isChecked();
    s.production = m_production->isChecked();
    s.namespaceSeparator = m_separator->text();
    m_modeBox->apply(&s);
    m_securityBox->apply(&s);
    s.name = m_name->text().trimmed();
    if (s.name.isEmpty()) s.name = s.address();
    return s;
}

ConnectionProfile ConnectionDialog::profile() const
{
    ConnectionProfile p = m_original;
    if (m_mode == Mode::Duplicate) p.id.clear();
    p.settings = settingsFromFields();
    p.settings.password.clear();
    if (m_mode != Mode::Duplicate) m_securityBox->forgetUntouchedSecrets(&p.settings);
    p.group = m_group->currentText().trimmed();
    p.colour = m_colour->currentData().toString();
    p.passwordStorage = m_plainText->isChecked() ? PasswordStorage::PlainText
                        : m_keychainAvailable   ? PasswordStorage::Keychain
                                                : PasswordStorage::Ask;
    const std::optional<QString> typed = password();
    if (typed) p.hasPassword = !typed->isEmpty();
    return p;
}

std::optional<QString> ConnectionDialog::password() const
{
    if (m_passwordTouched || m_passwordKnown || !m_original.hasPassword)
        return m_password->text().isNull() ? QStringLiteral("") : m_password->text();
    return std::nullopt;
}

void ConnectionDialog::testConnection()
{
    delete m_test; // a second click restarts the test
    ConnectionSettings settings = settingsFromFields();
    settings.readOnly = false; // the test sends INFO only; no need for the COMMAND table
    m_test = new ConnectionProbe(settings, this);
    m_testState = TestState::Running;
    m_testLabel->setStyleSheet(QString());
    m_testLabel->setText(tr("Connecting to %1…").arg(settings.address()));
    updateState();

    m_test->start([this](const ConnectionProbe::Outcome &outcome) {
        if (!outcome.ok) {
            finishTest(false, outcome.error);
            return;
        }
        QString text = tr("Connected in %1 ms").arg(outcome.elapsedMs);
        if (!outcome.version.isEmpty()) {
            text += tr(": Redis %1").arg(outcome.version);
            if (!outcome.mode.isEmpty()) text += QStringLiteral(" (%1)").arg(outcome.mode);
        } else if (!outcome.infoError.isEmpty()) {
            text += QStringLiteral(" (INFO: %1)").arg(outcome.infoError);
        }
        if (!outcome.warning.isEmpty()) text += QStringLiteral("\n⚠ ") + outcome.warning;
        finishTest(true, text);
    });
}

void ConnectionDialog::finishTest(bool ok, const QString &message)
{
    m_testState = ok ? TestState::Succeeded : TestState::Failed;
    m_testLabel->setStyleSheet(ok ? QStringLiteral("color: #2e7d32;")
                                  : QStringLiteral("color: #c62828;"));
    m_testLabel->setText((ok ? QStringLiteral("✔ ") : QStringLiteral("✘ ")) + message);
    if (m_test) m_test->deleteLater();
    m_test = nullptr;
    updateState();
    emit testFinished(ok, message);
}

QString ConnectionDialog::testMessage() const
{
    return m_testLabel->text();
}

} // namespace redscope
