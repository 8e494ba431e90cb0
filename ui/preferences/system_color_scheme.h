// SystemColorScheme: whether the desktop wants a dark or a light style, for the "Follow the
// system" theme. Qt 6.4 (Debian 12) has no QStyleHints::colorScheme, and its platform palette
// follows a desktop's dark style only with some platform themes. The freedesktop portal's
// setting org.freedesktop.appearance color-scheme (0 no preference, 1 dark, 2 light) is what
// GNOME, KDE and other desktops publish: it is read once over the session bus, asynchronously
// (the GUI never waits on D-Bus), then followed through the portal's SettingChanged signal.
// Without an answer (no session bus, no xdg-desktop-portal, one too old for the setting) the
// scheme stays Unknown and the theme falls back to the platform palette's lightness.
#pragma once

#include <QObject>

// No QtDBus header here: only system_color_scheme.cpp is built with QtDBus's include paths
// (redscope_desktop_bus in ui/CMakeLists.txt), so the widgets and tests that include theme.h
// compile as before.
class QDBusConnection;
class QDBusVariant;

namespace redscope {

class SystemColorScheme : public QObject
{
    Q_OBJECT

public:
    enum class Scheme { Unknown, NoPreference, Dark, Light };
    static constexpr int kTimeoutMs = 2000;

    // Asks the portal on the session bus at once.
    explicit SystemColorScheme(QObject *parent = nullptr);
    // The same on a given bus (tests run a private dbus-daemon).
    SystemColorScheme(const QDBusConnection &bus, QObject *parent = nullptr);

    Scheme scheme() const { return m_scheme; }
    bool portalAnswered() const { return m_scheme != Scheme::Unknown; }
    bool pending() const { return m_pending; } // the first Read has not returned yet
    QString error() const { return m_error; }  // why there is no answer, when there is none

    // The portal's value (a uint32, possibly nested in variants) as a scheme.
    static Scheme fromPortalValue(const QVariant &value);

signals:
    void changed(redscope::SystemColorScheme::Scheme scheme); // also when the first Read ends

private slots:
    // Connected by name: QDBusConnection::connect has no pointer-to-member overload in Qt 6.4.
    void onSettingChanged(const QString &group, const QString &key, const QDBusVariant &value);

private:
    void ask();

    QString m_busName; // QDBusConnection's name: the session bus, or a test's private bus
    Scheme m_scheme = Scheme::Unknown;
    bool m_pending = false;
    QString m_error;
};

} // namespace redscope
