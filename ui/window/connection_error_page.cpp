// The page is a centred column 500 px wide, so it reads the same in a 1024 px window and
// a maximised one. explain() turns RedisConnection's error strings ("Cannot connect to host:
// Connection refused", "Authentication failed: WRONGPASS ...", "host requires a password
// (NOAUTH ...)") into a headline plus the part that is not already in the headline.
#include "window/connection_error_page.h"

#include <QCheckBox>
#include <QCoreApplication>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QStyle>
#include <QVBoxLayout>

namespace redscope {

ConnectionErrorPage::ConnectionErrorPage(RedisConnection *connection, QWidget *parent)
    : QWidget(parent)
    , m_connection(connection)
    , m_icon(new QLabel(this))
    , m_title(new QLabel(this))
    , m_address(new QLabel(this))
    , m_cause(new QLabel(this))
    , m_passwordBox(new QWidget(this))
    , m_username(new QLineEdit(m_passwordBox))
    , m_password(new QLineEdit(m_passwordBox))
    , m_save(new QCheckBox(tr("Save password"), m_passwordBox))
    , m_usePassword(new QPushButton(tr("Connect"), m_passwordBox))
    , m_retry(new QPushButton(tr("Retry"), this))
    , m_edit(new QPushButton(tr("Edit connection…"), this))
    , m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("connectionErrorPage"));
    m_title->setObjectName(QStringLiteral("errorTitle"));
    m_cause->setObjectName(QStringLiteral("errorCause"));
    m_address->setObjectName(QStringLiteral("errorAddress"));
    m_username->setObjectName(QStringLiteral("errorUsername"));
    m_password->setObjectName(QStringLiteral("errorPassword"));
    m_save->setObjectName(QStringLiteral("errorSavePassword"));
    m_usePassword->setObjectName(QStringLiteral("errorUsePassword"));
    m_retry->setObjectName(QStringLiteral("errorRetry"));
    m_edit->setObjectName(QStringLiteral("errorEdit"));
    m_cancel->setObjectName(QStringLiteral("errorCancel"));

    QFont titleFont = m_title->font();
    titleFont.setPointSizeF(titleFont.pointSizeF() * 1.35);
    titleFont.setBold(true);
    m_title->setFont(titleFont);
    m_title->setWordWrap(true);
    m_address->setForegroundRole(QPalette::PlaceholderText);
    m_cause->setWordWrap(true);
    m_cause->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_save->setToolTip(tr("Keeps the password in the system keychain. Unticked, it is only "
                          "remembered until Redscope quits."));

    m_username->setPlaceholderText(tr("default"));
    m_password->setEchoMode(QLineEdit::Password);
    m_usePassword->setDefault(true);
    auto *form = new QFormLayout(m_passwordBox);
    form->setContentsMargins(0, 6, 0, 0);
    form->addRow(tr("Username"), m_username);
    form->addRow(tr("Password"), m_password);
    auto *saveRow = new QHBoxLayout;
    saveRow->addWidget(m_save);
    saveRow->addStretch(1);
    saveRow->addWidget(m_usePassword);
    form->addRow(saveRow);

    auto *buttons = new QHBoxLayout;
    buttons->addWidget(m_retry);
    buttons->addWidget(m_edit);
    buttons->addWidget(m_cancel);
    buttons->addStretch(1);

    auto *headline = new QHBoxLayout;
    headline->addWidget(m_icon, 0, Qt::AlignTop);
    auto *texts = new QVBoxLayout;
    texts->addWidget(m_title);
    texts->addWidget(m_address);
    headline->addLayout(texts, 1);

    auto *column = new QWidget(this);
    column->setFixedWidth(500); // a reading width; the tab is wider even at 1024 px
    auto *columnLayout = new QVBoxLayout(column);
    columnLayout->addLayout(headline);
    columnLayout->addSpacing(6);
    columnLayout->addWidget(m_cause);
    columnLayout->addWidget(m_passwordBox);
    columnLayout->addSpacing(6);
    columnLayout->addLayout(buttons);

    auto *outer = new QVBoxLayout(this);
    outer->addStretch(1);
    outer->addWidget(column, 0, Qt::AlignHCenter);
    outer->addStretch(2);

    connect(m_retry, &QPushButton::clicked, this, &ConnectionErrorPage::retryRequested);
    connect(m_edit, &QPushButton::clicked, this, &ConnectionErrorPage::editRequested);
    connect(m_cancel, &QPushButton::clicked, this, &ConnectionErrorPage::cancelRequested);
    auto submit = [this] {
        const QString password = m_password->text();
        m_password->clear(); // the connection has it now; nothing lingers in the widget
        emit credentialsEntered(m_username->text().trimmed(), password,
                                m_canSave && m_save->isChecked());
    };
    connect(m_usePassword, &QPushButton::clicked, this, submit);
    connect(m_password, &QLineEdit::returnPressed, this, submit);
    m_username->setText(m_connection.username());
    m_connection.whenStateChanged(
        this, [this](ConnectionLifecycle::State, const QString &) { update(); });
    update();
}

void ConnectionErrorPage::setEditable(bool editable)
{
    m_editable = editable;
    update();
}

void ConnectionErrorPage::setCanSavePassword(bool canSave)
{
    m_canSave = canSave;
    update();
}

ConnectionErrorPage::Explanation ConnectionErrorPage::explain(ConnectionLifecycle::State state,
                                                              const QString &error,
                                                              const QString &address)
{
    Explanation result;
    switch (state) {
    case ConnectionLifecycle::State::Connecting:
        result.title = tr("Connecting to %1…").arg(address);
        return result;
    case ConnectionLifecycle::State::Ready:
        result.title = tr("Connected to %1").arg(address);
        return result;
    case ConnectionLifecycle::State::Lost:
        result.title = tr("Connection to %1 lost").arg(address);
        result.cause = error;
        break;
    case ConnectionLifecycle::State::Disconnected:
        if (error.isEmpty()) {
            result.title = tr("Disconnected from %1").arg(address);
            return result;
        }
        result.title = tr("Cannot connect to %1").arg(address);
        result.cause = error;
        break;
    case ConnectionLifecycle::State::AuthFailed:
        result.needsPassword = true;
        result.title = tr("Authentication failed");
        result.cause = error;
        if (error.contains(QLatin1String("NOAUTH")) ||
            error.contains(QLatin1String("requires a password")) ||
            error.startsWith(QCoreApplication::translate("redscope::RedisConnection",
                                                         "%1 requires a password (%2)")
                                 .arg(address)
                                 .section(QLatin1String("%2"), 0, 0))) {
            result.title = tr("%1 requires a password").arg(address);
        }
        break;
    }
    // Drop what the headline already says: "Cannot connect to host:port: ", "Authentication
    // failed: ", "host:port requires a password (...)", in the language RedisConnection wrote.
    const auto said = [&address](const char *text) {
        const QString filled =
            QCoreApplication::translate("redscope::RedisConnection", text).arg(address);
        return filled.left(filled.indexOf(QLatin1String("%2")));
    };
    const QString authPrefix =
        QCoreApplication::translate("redscope::RedisConnection", "Authentication failed: %1");
    const QStringList prefixes = {
        said("Cannot connect to %1: %2"),
        said("Connection to %1 lost: %2"),
        authPrefix.left(authPrefix.indexOf(QLatin1String("%1"))),
    };
    for (const QString &prefix : prefixes) {
        if (!prefix.isEmpty() && result.cause.startsWith(prefix))
            result.cause = result.cause.mid(prefix.size());
    }
    const QString needsTemplate =
        QCoreApplication::translate("redscope::RedisConnection", "%1 requires a password (%2)")
            .arg(address);
    const QString needs = needsTemplate.left(needsTemplate.indexOf(QLatin1String("%2")));
    const QString needsEnd = needsTemplate.mid(needsTemplate.indexOf(QLatin1String("%2")) + 2);
    if (result.cause.startsWith(needs) && result.cause.endsWith(needsEnd))
        result.cause = result.cause.mid(needs.size()).chopped(needsEnd.size());
    // "Timed out after 5000 ms connecting to host:port": the headline names the address.
    // (English wording; a translated cause keeps the address, which is only redundant.)
    result.cause.remove(QStringLiteral(" connecting to %1").arg(address));
    if (result.cause == result.title) result.cause.clear();
    return result;
}

void ConnectionErrorPage::update()
{
    if (!m_connection.isValid()) return;
    const ConnectionLifecycle::State state = m_connection.state();
    const Explanation what = explain(state, m_connection.errorText(), m_connection.address());
    const bool connecting = state == ConnectionLifecycle::State::Connecting;
    const bool failed = !what.cause.isEmpty() || what.needsPassword;
    m_title->setText(what.title);
    // Under the headline: the connection's name, and its address when the headline has none.
    QStringList subtitle;
    if (m_connection.name() != m_connection.address()) subtitle.append(m_connection.name());
    if (!what.title.contains(m_connection.address())) subtitle.append(m_connection.address());
    m_address->setText(subtitle.join(QStringLiteral(" · ")));
    m_address->setVisible(!subtitle.isEmpty());
    m_cause->setText(what.cause);
    m_cause->setVisible(!what.cause.isEmpty());
    const QStyle::StandardPixmap icon = connecting ? QStyle::SP_BrowserReload
                                        : failed   ? QStyle::SP_MessageBoxCritical
                                                   : QStyle::SP_MessageBoxInformation;
    m_icon->setPixmap(style()->standardIcon(icon).pixmap(40, 40));

    const bool wasHidden = m_passwordBox->isHidden();
    m_passwordBox->setVisible(what.needsPassword);
    m_save->setVisible(m_canSave);
    if (what.needsPassword && wasHidden) m_password->setFocus();
    m_retry->setVisible(!connecting);
    m_retry->setText(failed ? tr("Retry") : tr("Connect"));
    m_retry->setDefault(!what.needsPassword);
    m_edit->setVisible(!connecting && m_editable);
    m_cancel->setVisible(connecting);
}

} // namespace redscope
