// The connection dialog's Topology box (ConnectionModeBox) and how the mode and the sentinel
// fields are saved: Sentinel needs a master name and a sentinel before OK is enabled, sentinel
// addresses without a port get 26379, Cluster forces database 0, and the connection store
// writes and reads the fields back (the sentinel password only where passwords are written).
#include "connection/connection_dialog.h"
#include "connection/connection_mode_box.h"
#include "connection/connection_store.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QLineEdit>
#include <QPushButton>
#include <QTest>

using namespace redscope;
using Mode = ConnectionSettings::Mode;

class TstConnectionModeBox : public QObject
{
    Q_OBJECT

private slots:
    void sentinelFieldsRequired();
    void appliesFields();
    void storeRoundTrip();
};

void TstConnectionModeBox::sentinelFieldsRequired()
{
    ConnectionProfile profile;
    ConnectionDialog dialog(ConnectionDialog::Mode::Add, profile, {}, false);
    ConnectionModeBox *box = dialog.modeBox();
    QVERIFY(box);
    auto *ok = dialog.findChild<QDialogButtonBox *>()->button(QDialogButtonBox::Ok);
    QVERIFY(ok->isEnabled());
    box->modeCombo()->setCurrentIndex(box->modeCombo()->findData(int(Mode::Sentinel)));
    QVERIFY(!ok->isEnabled());
    QVERIFY(!dialog.testButton()->isEnabled());
    box->masterEdit()->setText(QStringLiteral("mymaster"));
    QVERIFY(!ok->isEnabled());
    box->sentinelsEdit()->setText(QStringLiteral("10.0.0.1:26380"));
    QVERIFY(ok->isEnabled());
    const ConnectionProfile result = dialog.profile();
    QCOMPARE(result.settings.mode, Mode::Sentinel);
    QCOMPARE(result.settings.sentinelMaster, QStringLiteral("mymaster"));
    QCOMPARE(result.settings.sentinels, QStringList{QStringLiteral("10.0.0.1:26380")});
}

void TstConnectionModeBox::appliesFields()
{
    ConnectionSettings settings;
    settings.db = 3;
    ConnectionModeBox box(settings);
    QCOMPARE(box.modeCombo()->currentData().toInt(), int(Mode::Standalone));
    box.modeCombo()->setCurrentIndex(box.modeCombo()->findData(int(Mode::Cluster)));
    box.apply(&settings);
    QCOMPARE(settings.mode, Mode::Cluster);
    QCOMPARE(settings.db, 0); // a cluster has database 0 only

    box.modeCombo()->setCurrentIndex(box.modeCombo()->findData(int(Mode::Sentinel)));
    box.masterEdit()->setText(QStringLiteral("  orders  "));
    box.sentinelsEdit()->setText(QStringLiteral("s1, s2:26400;  [::1]:26401"));
    box.sentinelPasswordEdit()->setText(QStringLiteral("sentinel-secret"));
    box.apply(&settings);
    QCOMPARE(settings.sentinelMaster, QStringLiteral("orders"));
    QCOMPARE(settings.sentinels,
             (QStringList{QStringLiteral("s1:26379"), QStringLiteral("s2:26400"),
                          QStringLiteral("[::1]:26401")}));
    QCOMPARE(settings.sentinelPassword, QStringLiteral("sentinel-secret"));

    ConnectionModeBox again(settings); // loads what it applied
    QCOMPARE(again.modeCombo()->currentData().toInt(), int(Mode::Sentinel));
    QCOMPARE(again.sentinelsEdit()->text(), QStringLiteral("s1:26379, s2:26400, [::1]:26401"));
}

void TstConnectionModeBox::storeRoundTrip()
{
    ConnectionProfile profile;
    profile.id = QStringLiteral("x");
    profile.settings.mode = Mode::Sentinel;
    profile.settings.sentinelMaster = QStringLiteral("orders");
    profile.settings.sentinels = {QStringLiteral("a:1"), QStringLiteral("b:2")};
    profile.settings.sentinelPassword = QStringLiteral("pw");
    const ConnectionProfile plain = ConnectionProfile::fromJson(profile.toJson(true));
    QCOMPARE(plain.settings.mode, Mode::Sentinel);
    QCOMPARE(plain.settings.sentinelMaster, QStringLiteral("orders"));
    QCOMPARE(plain.settings.sentinels, profile.settings.sentinels);
    QCOMPARE(plain.settings.sentinelPassword, QStringLiteral("pw"));
    const ConnectionProfile without = ConnectionProfile::fromJson(profile.toJson(false));
    QVERIFY(without.settings.sentinelPassword.isEmpty());

    profile.settings.mode = Mode::Cluster;
    QCOMPARE(ConnectionProfile::fromJson(profile.toJson(false)).settings.mode, Mode::Cluster);
    ConnectionProfile standalone;
    QVERIFY(!standalone.toJson(false).contains(QStringLiteral("mode")));
    QCOMPARE(ConnectionProfile::fromJson(standalone.toJson(false)).settings.mode, Mode::Standalone);
}

QTEST_MAIN(TstConnectionModeBox)
#include "tst_connection_mode_box.moc"
