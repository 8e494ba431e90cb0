// The translators are owned by qApp (children), replaced as a whole on each install(), so tests
// may switch languages within one process.
#include "preferences/language.h"

#include <QLibraryInfo>
#include <QLocale>
#include <QPointer>
#include <QSettings>
#include <QTranslator>

namespace redscope {

namespace {

const char kSettingsKey[] = "appearance/language";

QList<QPointer<QTranslator>> &installed()
{
    static QList<QPointer<QTranslator>> translators;
    return translators;
}

QString &currentName()
{
    static QString name;
    return name;
}

QString settingsValue(LanguageChoice choice)
{
    switch (choice) {
    case LanguageChoice::English:
        return QStringLiteral("en");
    case LanguageChoice::SimplifiedChinese:
        return QStringLiteral("zh_CN");
    case LanguageChoice::System:
        break;
    }
    return QStringLiteral("system");
}

} // namespace

QList<LanguageChoice> Language::choices()
{
    return {LanguageChoice::System, LanguageChoice::English, LanguageChoice::SimplifiedChinese};
}

QString Language::choiceName(LanguageChoice choice)
{
    switch (choice) {
    case LanguageChoice::English:
        return QStringLiteral("English");
    case LanguageChoice::SimplifiedChinese:
        return QStringLiteral("简体中文");
    case LanguageChoice::System:
        break;
    }
    return tr("System language");
}

LanguageChoice Language::saved()
{
    const QString value = QSettings().value(QLatin1String(kSettingsKey)).toString();
    for (const LanguageChoice choice : choices()) {
        if (settingsValue(choice) == value) return choice;
    }
    return LanguageChoice::System;
}

void Language::save(LanguageChoice choice)
{
    QSettings().setValue(QLatin1String(kSettingsKey), settingsValue(choice));
}

QString Language::resolve(LanguageChoice choice)
{
    if (choice != LanguageChoice::System) return settingsValue(choice);
    // Any Chinese locale written in simplified script (zh_CN, zh_SG, zh_Hans): the catalogue we
    // have. Traditional Chinese readers get English rather than a script they did not ask for.
    const QLocale system = QLocale::system();
    if (system.language() == QLocale::Chinese &&
        system.script() != QLocale::TraditionalChineseScript)
        return QStringLiteral("zh_CN");
    return QStringLiteral("en");
}

bool Language::install(LanguageChoice choice, bool *qtLoaded)
{
    for (const QPointer<QTranslator> &translator : installed()) {
        if (!translator) continue;
        QCoreApplication::removeTranslator(translator);
        delete translator;
    }
    installed().clear();

    const QString name = resolve(choice);
    currentName() = name;
    QLocale::setDefault(QLocale(name));

    auto *qt = new QTranslator(QCoreApplication::instance());
    const bool qtOk = name != QLatin1String("en") &&
                      qt->load(QLocale(name), QStringLiteral("qtbase"), QStringLiteral("_"),
                               QLibraryInfo::path(QLibraryInfo::TranslationsPath));
    if (qtOk) {
        QCoreApplication::installTranslator(qt);
        installed().append(qt);
    } else {
        delete qt;
    }
    if (qtLoaded) *qtLoaded = qtOk;

    auto *own = new QTranslator(QCoreApplication::instance());
    const bool ownOk = own->load(QStringLiteral(":/i18n/redscope_%1.qm").arg(name));
    if (ownOk) {
        QCoreApplication::installTranslator(own);
        installed().append(own);
    } else {
        delete own;
    }
    return ownOk;
}

QString Language::current()
{
    return currentName();
}

} // namespace redscope
