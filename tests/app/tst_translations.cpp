// The translations as a user sees them, offscreen: Simplified Chinese loads from the embedded
// catalogue with Qt's own (qtbase) strings, reaches the strings that are translated outside a
// Q_OBJECT class (TTLs, durations, JSON errors, config descriptions, table headers, colour
// names: each had a context lupdate and the code disagreed on), the main window in Chinese fits
// 1024x640 with no clipped button; English shows proper plurals ("2 clients", not
// "2 client(s)"); Preferences saves the language. That every string is in the .ts and finished
// is app.translations_complete's job (check_translations.py).
#include "connection/connection_dialog.h"
#include "connection/connection_store.h"
#include "connection/redis_connection.h"
#include "keys/key_ttl.h"
#include "preferences/language.h"
#include "preferences/preferences_dialog.h"
#include "server/client_list_model.h"
#include "server/config_parameters.h"
#include "server/slowlog_model.h"
#include "server/time_format.h"
#include "test_backend.h"
#include "test_server.h"
#include "values/json_pretty_printer.h"
#include "window/connection_tab.h"
#include "window/main_window.h"
#include "window/window_menus.h"

#include <QAbstractButton>
#include <QComboBox>
#include <QDialogButtonBox>
#include <QMenuBar>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace redscope;
using redscope::test::TestBackend;

class TstTranslations : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanup();
    void chineseCatalogueAndQtsLoad();
    void stringsOutsideQObjectClassesAreTranslated();
    void mainWindowInChineseFits1024x640();
    void englishPluralsAreWords();
    void systemFollowsTheLocale();
    void preferencesSaveTheLanguage();

private:
    static QStringList clippedButtons(QWidget *root);

    QTemporaryDir m_dir;
    std::unique_ptr<TestBackend> m_server;
};

void TstTranslations::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope,
                       m_dir.filePath(QStringLiteral("settings")));
    QCoreApplication::setOrganizationName(QStringLiteral("RedscopeTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_translations"));
    m_server = TestBackend::start();
    QVERIFY2(m_server->ok(), m_server->error().c_str());
}

void TstTranslations::cleanup()
{
    Language::install(LanguageChoice::English);
}

QStringList TstTranslations::clippedButtons(QWidget *root)
{
    QStringList clipped;
    auto check = [&](QWidget *widget, const QString &what) {
        if (!widget->isVisible() || widget->visibleRegion().isEmpty()) return;
        if (widget->width() + 1 < widget->sizeHint().width()) {
            clipped.append(QStringLiteral("%1 \"%2\" %3 < %4")
                               .arg(QString::fromLatin1(widget->metaObject()->className()), what)
                               .arg(widget->width())
                               .arg(widget->sizeHint().width()));
        }
    };
    for (QAbstractButton *button : root->findChildren<QAbstractButton *>()) {
        if (!button->text().isEmpty()) check(button, button->text());
    }
    for (QComboBox *combo : root->findChildren<QComboBox *>()) {
        if (!combo->isEditable()) check(combo, combo->currentText());
    }
    return clipped;
}

void TstTranslations::chineseCatalogueAndQtsLoad()
{
    bool qtLoaded = false;
    QVERIFY(Language::install(LanguageChoice::SimplifiedChinese, &qtLoaded));
    QVERIFY2(qtLoaded, "qtbase_zh_CN.qm not found: is qt6-translations-l10n installed?");
    QCOMPARE(Language::current(), QStringLiteral("zh_CN"));
    QCOMPARE(QLocale().name(), QStringLiteral("zh_CN"));

    MainWindow window;
    const QList<QAction *> menus = window.menuBar()->actions();
    QVERIFY(!menus.isEmpty());
    QCOMPARE(menus.first()->text(), QStringLiteral("文件(&F)"));
    QCOMPARE(window.menus()->action(QStringLiteral("newConnectionAction"))->text(),
             QStringLiteral("新建连接(&N)…"));
    // Qt's own buttons come from qtbase_zh_CN.qm.
    QDialogButtonBox box(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    QCOMPARE(box.button(QDialogButtonBox::Cancel)->text(), QStringLiteral("取消"));
    // Plurals: Chinese has one form.
    QCOMPARE(QCoreApplication::translate("redscope::ClientsView", "%n client(s)", nullptr, 3),
             QStringLiteral("3 个客户端"));
}

void TstTranslations::stringsOutsideQObjectClassesAreTranslated()
{
    QVERIFY(Language::install(LanguageChoice::SimplifiedChinese));
    QCOMPARE(formatTtl(-1), QStringLiteral("不过期"));
    QCOMPARE(formatTtl(90 * 1000), QStringLiteral("1 分 30 秒"));
    QCOMPARE(TimeFormat::duration(250), QStringLiteral("250 微秒"));
    QCOMPARE(TimeFormat::ago(1), QStringLiteral("刚刚"));

    QByteArray out;
    const JsonPrettyPrinter::Result json = JsonPrettyPrinter().format("[1, 2", &out);
    QVERIFY(!json.error.isEmpty());
    QVERIFY2(!json.error.contains(QLatin1String("expected")) &&
                 !json.error.contains(QLatin1String("unterminated")),
             qPrintable(json.error));

    const ConfigParameter maxmemory = ConfigParameters::lookup(QStringLiteral("maxmemory"));
    QVERIFY2(maxmemory.description.startsWith(QStringLiteral("数据的内存上限")),
             qPrintable(maxmemory.description));

    ClientListModel clients;
    QCOMPARE(clients.headerData(1, Qt::Horizontal).toString(), QStringLiteral("地址"));
    SlowlogModel slowlog;
    QCOMPARE(slowlog.headerData(2, Qt::Horizontal).toString(), QStringLiteral("耗时"));

    ConnectionDialog dialog(ConnectionDialog::Mode::Add, ConnectionProfile(), {}, false);
    bool red = false;
    for (QComboBox *combo : dialog.findChildren<QComboBox *>()) {
        if (combo->findText(QStringLiteral("红色")) >= 0) red = true;
    }
    QVERIFY2(red, "the colour tags are not translated");
}

void TstTranslations::mainWindowInChineseFits1024x640()
{
    QVERIFY(Language::install(LanguageChoice::SimplifiedChinese));
    MainWindow window;
    m_server->run({"SET", "布局:键", "值"});
    RedisConnection *connection = window.openConnection(m_server->settings());
    window.resize(1024, 640);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    QTRY_COMPARE_WITH_TIMEOUT(connection->state(), RedisConnection::State::Ready, 10000);
    QTRY_VERIFY(window.currentTab()->showsWorkspace());
    QVERIFY2(window.minimumSizeHint().width() <= 1024 && window.minimumSizeHint().height() <= 640,
             qPrintable(QStringLiteral("minimum %1x%2")
                            .arg(window.minimumSizeHint().width())
                            .arg(window.minimumSizeHint().height())));
    for (const char *panel : {"keysPanelAction", "consolePanelAction", "pubsubPanelAction",
                              "dashboardPanelAction", "serverPanelAction"}) {
        window.menus()->action(QLatin1String(panel))->trigger();
        QTest::qWait(50);
        QCOMPARE(window.size(), QSize(1024, 640));
        QStringList clipped;
        QTRY_VERIFY2_WITH_TIMEOUT((clipped = clippedButtons(&window)).isEmpty(),
                                  qPrintable(QLatin1String(panel) + QStringLiteral(": ") +
                                             clipped.join(QStringLiteral("; "))),
                                  3000);
    }
}

void TstTranslations::englishPluralsAreWords()
{
    QVERIFY(Language::install(LanguageChoice::English));
    QCOMPARE(QCoreApplication::translate("redscope::ClientsView", "%n client(s)", nullptr, 1),
             QStringLiteral("1 client"));
    QCOMPARE(QCoreApplication::translate("redscope::ClientsView", "%n client(s)", nullptr, 2),
             QStringLiteral("2 clients"));
    QCOMPARE(QCoreApplication::translate("redscope::PubSubPanel", "delivered to %n subscriber(s)",
                                         nullptr, 1),
             QStringLiteral("delivered to 1 subscriber"));
    // Strings without plurals stay the source text.
    QCOMPARE(formatTtl(-1), QStringLiteral("No limit"));
}

void TstTranslations::systemFollowsTheLocale()
{
    const QLocale before = QLocale::system();
    QCOMPARE(Language::resolve(LanguageChoice::English), QStringLiteral("en"));
    QCOMPARE(Language::resolve(LanguageChoice::SimplifiedChinese), QStringLiteral("zh_CN"));
    const QString system = Language::resolve(LanguageChoice::System);
    QCOMPARE(system, before.language() == QLocale::Chinese &&
                             before.script() != QLocale::TraditionalChineseScript
                         ? QStringLiteral("zh_CN")
                         : QStringLiteral("en"));
}

void TstTranslations::preferencesSaveTheLanguage()
{
    QSettings().remove(QStringLiteral("appearance/language"));
    QCOMPARE(Language::saved(), LanguageChoice::System);
    {
        PreferencesDialog dialog;
        QComboBox *box = dialog.languageBox();
        QCOMPARE(box->count(), 3);
        const int chinese = box->findData(int(LanguageChoice::SimplifiedChinese));
        QCOMPARE(box->itemText(chinese), QStringLiteral("简体中文"));
        box->setCurrentIndex(chinese);
        dialog.reject(); // Cancel keeps what was saved
    }
    QCOMPARE(Language::saved(), LanguageChoice::System);
    {
        PreferencesDialog dialog;
        dialog.languageBox()->setCurrentIndex(
            dialog.languageBox()->findData(int(LanguageChoice::SimplifiedChinese)));
        dialog.accept();
    }
    QCOMPARE(Language::saved(), LanguageChoice::SimplifiedChinese);
    PreferencesDialog again;
    QCOMPARE(again.languageBox()->currentData().toInt(), int(LanguageChoice::SimplifiedChinese));
}

QTEST_MAIN(TstTranslations)
#include "tst_translations.moc"
