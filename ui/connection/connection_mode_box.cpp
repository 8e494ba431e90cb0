// ConnectionModeBox: the sentinel list is typed as "host:port, host:port" (the form
// redis-cli and client libraries use), split on commas, semicolons and spaces.
#include "connection/connection_mode_box.h"

#include <QComboBox>
#include <QFormLayout>
#include <QLabel>
#include <QLineEdit>
#include <QRegularExpression>
#include <QVBoxLayout>

namespace redscope {

using Mode = ConnectionSettings::Mode;

ConnectionModeBox::ConnectionModeBox(const ConnectionSettings &settings, QWidget *parent)
    : QGroupBox(tr("Topology"), parent)
    , m_mode(new QComboBox(this))
    , m_hint(new QLabel(this))
    , m_sentinelFields(new QWidget(this))
    , m_master(new QLineEdit(this))
    , m_sentinels(new QLineEdit(this))
    , m_sentinelPassword(new QLineEdit(this))
{
    setObjectName(QStringLiteral("connectionModeBox"));
    m_mode->setObjectName(QStringLiteral("modeCombo"));
    m_mode->addItem(tr("Standalone server"), int(Mode::Standalone));
    m_mode->addItem(tr("Redis Cluster (address above is any node)"), int(Mode::Cluster));
    m_mode->addItem(tr("Redis Sentinel (master found by name)"), int(Mode::Sentinel));
    m_mode->setCurrentIndex(m_mode->findData(int(settings.mode)));
    m_hint->setWordWrap(true);
    m_hint->setForegroundRole(QPalette::PlaceholderText);

    m_master->setObjectName(QStringLiteral("sentinelMasterEdit"));
    m_master->setText(settings.sentinelMaster);
    m_master->setPlaceholderText(QStringLiteral("mymaster"));
    m_sentinels->setObjectName(QStringLiteral("sentinelsEdit"));
    m_sentinels->setText(settings.sentinels.join(QStringLiteral(", ")));
    m_sentinels->setPlaceholderText(QStringLiteral("10.0.0.1:26379, 10.0.0.2:26379"));
    m_sentinelPassword->setObjectName(QStringLiteral("sentinelPasswordEdit"));
    m_sentinelPassword->setEchoMode(QLineEdit::Password);
    m_sentinelPassword->setText(settings.sentinelPassword);
    m_sentinelPassword->setPlaceholderText(tr("none"));

    auto *sentinelForm = new QFormLayout(m_sentinelFields);
    sentinelForm->setContentsMargins(0, 0, 0, 0);
    sentinelForm->addRow(tr("Master name"), m_master);
    sentinelForm->addRow(tr("Sentinels"), m_sentinels);
    sentinelForm->addRow(tr("Sentinel password"), m_sentinelPassword);

    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_mode);
    layout->addWidget(m_sentinelFields);
    layout->addWidget(m_hint);

    connect(m_mode, &QComboBox::currentIndexChanged, this, &ConnectionModeBox::updateFields);
    for (QLineEdit *edit : {m_master, m_sentinels, m_sentinelPassword})
        connect(edit, &QLineEdit::textChanged, this, &ConnectionModeBox::changed);
    updateFields();
}

void ConnectionModeBox::updateFields()
{
    const auto mode = Mode(m_mode->currentData().toInt());
    m_sentinelFields->setVisible(mode == Mode::Sentinel);
    switch (mode) {
    case Mode::Standalone:
        m_hint->clear();
        break;
    case Mode::Cluster:
        m_hint->setText(tr("The other nodes are discovered from this one; each command goes to "
                           "the node that owns its key. Database 0 only."));
        break;
    case Mode::Sentinel:
        m_hint->setText(tr("The sentinels are asked for the master's address, and the "
                           "connection follows a failover. The address above is not used; "
                           "the password above is the master's."));
        break;
    }
    m_hint->setVisible(mode != Mode::Standalone);
    emit changed();
}

void ConnectionModeBox::apply(ConnectionSettings *settings) const
{
    settings->mode = Mode(m_mode->currentData().toInt());
    settings->sentinelMaster = m_master->text().trimmed();
    settings->sentinels.clear();
    static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
    for (const QString &part : m_sentinels->text().split(separators, Qt::SkipEmptyParts)) {
        settings->sentinels.append(
            part.contains(QLatin1Char(':')) ? part : part + QStringLiteral(":26379"));
    }
    settings->sentinelPassword = m_sentinelPassword->text();
    if (settings->mode == Mode::Cluster) settings->db = 0;
}

QString ConnectionModeBox::problem() const
{
    if (Mode(m_mode->currentData().toInt()) != Mode::Sentinel) return {};
    if (m_master->text().trimmed().isEmpty()) return tr("Sentinel needs the master's name.");
    if (m_sentinels->text().trimmed().isEmpty())
        return tr("Sentinel needs at least one sentinel address.");
    return {};
}

} // namespace redscope
