// "Follow the system" as exact as the desktop allows: a private dbus-daemon carries a stand-in
// for xdg-desktop-portal's Settings interface (the real portal needs a desktop session), which
// answers Read for org.freedesktop.appearance color-scheme and emits SettingChanged. The
// session bus of the test process is that daemon, so ThemeManager's own SystemColorScheme asks
// it as the app would: the theme turns dark and light with the setting, Preferences names the
// source, and without a portal the answer is Unknown with the reason (palette fallback).
#include "preferences/preferences_dialog.h"
#include "preferences/system_color_scheme.h"
#include "preferences/theme.h"

#include <QDBusConnection>
#include <QDBusMessage>
#include <QDBusVariant>
#include <QLabel>
#include <QProcess>
#include <QRadioButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace redscope;

namespace {

const char kService[] = "org.freedesktop.portal.Desktop";
const char kPath[] = "/org/freedesktop/portal/desktop";
const char kInterface[] = "org.freedesktop.portal.Settings";

// The portal's Settings.Read as xdg-desktop-portal answers it: the value in a variant in a
// variant.
class PortalSettings : public QObject
{
    Q_OBJECT
    Q_CLASSINFO("D-Bus Interface", "org.freedesktop.portal.Settings")

public:
    uint colorScheme = 1;

public slots:
    QDBusVariant Read(const QString &group, const QString &key)
    {
        reads.append(group + QLatin1Char(' ') + key);
        return QDBusVariant(QVariant::fromValue(QDBusVariant(colorScheme)));
    }

public:
    QStringList reads;
};

} // namespace

class TstSystemColorScheme : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();
    void readsThePortal();
    void withoutAPortalTheAnswerIsUnknown();
    void followTheSystemThemeUsesThePortal();

private:
    void announce(uint value); // SettingChanged from the portal's connection

    QTemporaryDir m_dir;
    QProcess m_daemon;
    QString m_address;
    PortalSettings m_portal;
};

void TstSystemColorScheme::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("RedscopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_system_color_scheme"));
    m_daemon.start(QStringLiteral("dbus-daemon"),
                   {QStringLiteral("--session"), QStringLiteral("--nofork"),
                    QStringLiteral("--nopidfile"), QStringLiteral("--print-address=1")});
    QVERIFY2(m_daemon.waitForStarted(5000), qPrintable(m_daemon.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(m_daemon.canReadLine(), 5000);
    m_address = QString::fromUtf8(m_daemon.readLine()).trimmed();
    QVERIFY(!m_address.isEmpty());
    // Before anything touches QDBusConnection::sessionBus(): it reads this once.
    qputenv("DBUS_SESSION_BUS_ADDRESS", m_address.toUtf8());
    QDBusConnection portal = QDBusConnection::connectToBus(m_address, QStringLiteral("portal"));
    QVERIFY2(portal.isConnected(), qPrintable(portal.lastError().message()));
    QVERIFY(
        portal.registerObject(QLatin1String(kPath), &m_portal, QDBusConnection::ExportAllSlots));
    QVERIFY(portal.registerService(QLatin1String(kService)));
    // QtDBus holds signal delivery on a default bus until the event loop has run (the app's
    // exec() does right after start); a test never calls exec(), so let the loop run once here.
    QVERIFY(QDBusConnection::sessionBus().isConnected());
    QTest::qWait(200);
}

void TstSystemColorScheme::cleanupTestCase()
{
    QDBusConnection::disconnectFromBus(QStringLiteral("portal"));
    m_daemon.terminate();
    m_daemon.waitForFinished(5000);
}

void TstSystemColorScheme::announce(uint value)
{
    m_portal.colorScheme = value;
    QDBusMessage signal = QDBusMessage::createSignal(
        QLatin1String(kPath), QLatin1String(kInterface), QStringLiteral("SettingChanged"));
    signal << QStringLiteral("org.freedesktop.appearance") << QStringLiteral("color-scheme")
           << QVariant::fromValue(QDBusVariant(value));
    QVERIFY(QDBusConnection(QStringLiteral("portal")).send(signal));
}

void TstSystemColorScheme::readsThePortal()
{
    // Following SettingChanged is checked through ThemeManager below, as the app uses it: a
    // SystemColorScheme made on its own in this first test function received the portal's
    // signal when the function ran alone, not in the full run (not understood yet; noted).
    m_portal.colorScheme = 1;
    SystemColorScheme scheme(QDBusConnection::connectToBus(m_address, QStringLiteral("client")));
    QVERIFY(scheme.pending()); // asynchronous: nothing is known yet
    QTRY_COMPARE(scheme.scheme(), SystemColorScheme::Scheme::Dark);
    QVERIFY(!scheme.pending());
    QVERIFY(m_portal.reads.contains(QStringLiteral("org.freedesktop.appearance color-scheme")));
    QCOMPARE(SystemColorScheme::fromPortalValue(QVariant::fromValue(QDBusVariant(uint(2)))),
             SystemColorScheme::Scheme::Light);
    QCOMPARE(SystemColorScheme::fromPortalValue(uint(0)), SystemColorScheme::Scheme::NoPreference);
    QCOMPARE(SystemColorScheme::fromPortalValue(QString()), SystemColorScheme::Scheme::Unknown);
}

void TstSystemColorScheme::withoutAPortalTheAnswerIsUnknown()
{
    // A bus where nobody owns the portal's name: the Read fails at once (no activation file).
    QDBusConnection empty = QDBusConnection::connectToBus(m_address, QStringLiteral("empty"));
    QVERIFY(QDBusConnection(QStringLiteral("portal")).unregisterService(QLatin1String(kService)));
    {
        SystemColorScheme scheme(empty);
        QTRY_VERIFY(!scheme.pending());
        QCOMPARE(scheme.scheme(), SystemColorScheme::Scheme::Unknown);
        QVERIFY(!scheme.error().isEmpty());
    }
    QVERIFY(QDBusConnection(QStringLiteral("portal")).registerService(QLatin1String(kService)));
    // No bus at all.
    SystemColorScheme none(QDBusConnection(QStringLiteral("not-connected")));
    QCOMPARE(none.scheme(), SystemColorScheme::Scheme::Unknown);
    QVERIFY(!none.pending());
    QVERIFY(!none.error().isEmpty());
}

void TstSystemColorScheme::followTheSystemThemeUsesThePortal()
{
    m_portal.colorScheme = 1;
    ThemeManager *theme = ThemeManager::instance(); // asks the portal on the session bus
    theme->setChoice(ThemeChoice::System);
    QTRY_COMPARE(theme->systemColorScheme()->scheme(), SystemColorScheme::Scheme::Dark);
    QTRY_VERIFY(theme->isDark()); // the offscreen platform's palette is light: the portal won
    QVERIFY2(theme->systemSource().contains(QLatin1String("portal")),
             qPrintable(theme->systemSource()));

    PreferencesDialog dialog;
    auto *source = dialog.findChild<QLabel *>(QStringLiteral("themeSource"));
    QVERIFY(source);
    QCOMPARE(source->text(), theme->systemSource());
    // The wrapped text gets the height it needs and stays above the next radio button, also
    // when the portal's answer changes it after the dialog was sized.
    auto *light = dialog.themeButton(ThemeChoice::Light);
    const auto fits = [&] {
        return source->height() >= source->heightForWidth(source->width()) &&
               source->geometry().bottom() < light->geometry().top();
    };
    dialog.resize(360, 200);
    dialog.show();
    QVERIFY(QTest::qWaitForWindowExposed(&dialog));
    QTRY_VERIFY(fits());

    announce(2);
    QTRY_VERIFY(!theme->isDark());
    QTRY_COMPARE(source->text(), theme->systemSource());
    announce(0); // no preference: the platform palette (light here)
    QTRY_COMPARE(theme->systemColorScheme()->scheme(), SystemColorScheme::Scheme::NoPreference);
    QVERIFY(!theme->isDark());
    QTRY_COMPARE(source->text(), theme->systemSource());
    QTRY_VERIFY(fits());
    announce(1);
    QTRY_VERIFY(theme->isDark());
    QTRY_VERIFY(fits());
    // A fixed choice ignores the desktop.
    theme->setChoice(ThemeChoice::Light);
    QVERIFY(!theme->isDark());
    announce(1);
    QTest::qWait(200);
    QVERIFY(!theme->isDark());
    theme->setChoice(ThemeChoice::System);
    QTRY_VERIFY(theme->isDark());
    dialog.reject();
}

QTEST_MAIN(TstSystemColorScheme)
#include "tst_system_color_scheme.moc"
