// One asynchronous Read at start, then signals only: following the desktop costs nothing while
// idle. The SettingChanged match is installed before the Read is sent, so a switch made while
// the Read is in flight is not lost (both carry the full value).
#include "preferences/system_color_scheme.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusPendingCallWatcher>
#include <QDBusPendingReply>
#include <QDBusVariant>

namespace redscope {

namespace {

const char kService[] = "org.freedesktop.portal.Desktop";
const char kPath[] = "/org/freedesktop/portal/desktop";
const char kInterface[] = "org.freedesktop.portal.Settings";
const char kGroup[] = "org.freedesktop.appearance";
const char kKey[] = "color-scheme";

} // namespace

SystemColorScheme::SystemColorScheme(QObject *parent)
    : SystemColorScheme(QDBusConnection::sessionBus(), parent)
{
}

SystemColorScheme::SystemColorScheme(const QDBusConnection &bus, QObject *parent)
    : QObject(parent)
    , m_busName(bus.name())
{
    ask();
}

SystemColorScheme::Scheme SystemColorScheme::fromPortalValue(const QVariant &value)
{
    QVariant inner = value;
    // Settings.Read wraps the value in one more variant than ReadOne does; accept both.
    for (int depth = 0; depth < 3 && inner.canConvert<QDBusVariant>() &&
                        inner.metaType() == QMetaType::fromType<QDBusVariant>();
         ++depth)
        inner = inner.value<QDBusVariant>().variant();
    bool ok = false;
    const uint number = inner.toUInt(&ok);
    if (!ok) return Scheme::Unknown;
    switch (number) {
    case 1:
        return Scheme::Dark;
    case 2:
        return Scheme::Light;
    default:
        return Scheme::NoPreference;
    }
}

void SystemColorScheme::ask()
{
    QDBusConnection bus(m_busName);
    if (!bus.isConnected()) {
        m_error =
            bus.lastError().isValid() ? bus.lastError().message() : tr("no D-Bus session bus");
        return;
    }
    // From any sender on the portal's path and interface: naming the service makes QtDBus look
    // its owner up first, and a SettingChanged arriving before that answer would be dropped.
    bus.connect(QString(), QLatin1String(kPath), QLatin1String(kInterface),
                QStringLiteral("SettingChanged"), this,
                SLOT(onSettingChanged(QString, QString, QDBusVariant)));
    QDBusMessage read =
        QDBusMessage::createMethodCall(QLatin1String(kService), QLatin1String(kPath),
                                       QLatin1String(kInterface), QStringLiteral("Read"));
    read << QLatin1String(kGroup) << QLatin1String(kKey);
    m_pending = true;
    auto *watcher = new QDBusPendingCallWatcher(bus.asyncCall(read, kTimeoutMs), this);
    connect(watcher, &QDBusPendingCallWatcher::finished, this, [this](QDBusPendingCallWatcher *w) {
        w->deleteLater();
        m_pending = false;
        const QDBusPendingReply<QVariant> reply = *w;
        if (reply.isError()) {
            m_error = reply.error().message();
        } else {
            const Scheme scheme = fromPortalValue(reply.value());
            if (scheme != Scheme::Unknown) m_scheme = scheme;
        }
        emit changed(m_scheme);
    });
}

void SystemColorScheme::onSettingChanged(const QString &group, const QString &key,
                                         const QDBusVariant &value)
{
    if (group != QLatin1String(kGroup) || key != QLatin1String(kKey)) return;
    const Scheme scheme = fromPortalValue(value.variant());
    if (scheme == Scheme::Unknown || scheme == m_scheme) return;
    m_scheme = scheme;
    m_error.clear();
    emit changed(m_scheme);
}

} // namespace redscope
