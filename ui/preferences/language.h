// Language: which translation the UI uses, System (the locale's language when Redscope has a
// catalogue for it, else English), English or Simplified Chinese. The choice lives in QSettings
// ("appearance/language") and is applied once at start, before any window exists: widgets set
// their texts in their constructors, so a change takes effect at the next start (Preferences
// says so). install() loads Redscope's embedded catalogue (":/i18n/redscope_<lang>.qm"; for
// English only its plural forms, "%n key(s)" -> "2 keys") and Qt's own qtbase catalogue from the
// system's Qt translations directory (Debian's qt6-translations-l10n).
#pragma once

#include <QCoreApplication>
#include <QList>
#include <QString>

namespace redscope {

enum class LanguageChoice { System, English, SimplifiedChinese };

class Language
{
    Q_DECLARE_TR_FUNCTIONS(redscope::Language)

public:
    static QList<LanguageChoice> choices();
    static QString choiceName(LanguageChoice choice); // "简体中文" is written in its own language
    static LanguageChoice saved();
    static void save(LanguageChoice choice);
    // The catalogue name a choice resolves to: "en" or "zh_CN"; System reads QLocale::system().
    static QString resolve(LanguageChoice choice);
    // Installs the translators for a choice on qApp (removing earlier ones) and sets the default
    // QLocale to match. Returns whether Redscope's own catalogue loaded; *qtLoaded tells whether
    // Qt's did (missing qt6-translations-l10n leaves Qt's buttons in English).
    static bool install(LanguageChoice choice, bool *qtLoaded = nullptr);
    // The language in effect, as resolve() named it when install() last ran ("" before).
    static QString current();
};

} // namespace redscope
