// Each radio button applies its theme when toggled on; OK saves the language, which the next
// start applies, and the whole-value limit.
#include "preferences/preferences_dialog.h"

#include "values/decoders/decoder_rules_dialog.h"
#include "values/decoders/decoder_settings.h"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace redscope {

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
    , m_initial(ThemeManager::instance()->choice())
    , m_system(new QRadioButton(ThemeManager::choiceName(ThemeChoice::System), this))
    , m_light(new QRadioButton(ThemeManager::choiceName(ThemeChoice::Light), this))
    , m_dark(new QRadioButton(ThemeManager::choiceName(ThemeChoice::Dark), this))
    , m_language(new QComboBox(this))
    , m_languageNote(new QLabel(this))
    , m_themeSource(new QLabel(this))
    , m_wholeValueLimit(new QSpinBox(this))
{
    setObjectName(QStringLiteral("preferencesDialog"));
    setWindowTitle(tr("Preferences"));
    m_system->setObjectName(QStringLiteral("themeSystem"));
    m_light->setObjectName(QStringLiteral("themeLight"));
    m_dark->setObjectName(QStringLiteral("themeDark"));
    themeButton(m_initial)->setChecked(true);

    auto *appearance = new QGroupBox(tr("Theme"), this);
    auto *themes = new QVBoxLayout(appearance);
    themes->addWidget(m_system);
    m_themeSource->setObjectName(QStringLiteral("themeSource"));
    m_themeSource->setForegroundRole(QPalette::PlaceholderText);
    m_themeSource->setWordWrap(true);
    m_themeSource->setContentsMargins(20, 0, 0, 0); // under the radio button's text
    m_themeSource->setText(ThemeManager::instance()->systemSource());
    connect(ThemeManager::instance(), &ThemeManager::systemSourceChanged, m_themeSource,
            [this] { showThemeSource(); });
    connect(ThemeManager::instance(), &ThemeManager::changed, m_themeSource,
            [this] { showThemeSource(); });
    themes->addWidget(m_themeSource);
    themes->addWidget(m_light);
    themes->addWidget(m_dark);
    auto *note = new QLabel(tr("Applies to every window, view and chart at once."), appearance);
    note->setForegroundRole(QPalette::PlaceholderText);
    note->setWordWrap(true);
    themes->addWidget(note);

    auto *language = new QGroupBox(tr("Language"), this);
    auto *languages = new QVBoxLayout(language);
    m_language->setObjectName(QStringLiteral("language"));
    for (const LanguageChoice choice : Language::choices()) {
        QString name = Language::choiceName(choice);
        if (choice == LanguageChoice::System) {
            const QString resolved = Language::resolve(choice);
            name =
                tr("%1 (%2)").arg(name, Language::choiceName(resolved == QLatin1String("zh_CN")
                                                                 ? LanguageChoice::SimplifiedChinese
                                                                 : LanguageChoice::English));
        }
        m_language->addItem(name, int(choice));
    }
    m_language->setCurrentIndex(m_language->findData(int(Language::saved())));
    languages->addWidget(m_language);
    m_languageNote->setObjectName(QStringLiteral("languageNote"));
    m_languageNote->setForegroundRole(QPalette::PlaceholderText);
    m_languageNote->setWordWrap(true);
    m_languageNote->setText(tr("Takes effect the next time Redscope starts."));
    languages->addWidget(m_languageNote);
    // Values: above this size a string is read in ranges, and a decoder that needs all of it
    // asks first (DecoderSettings owns the setting).
    auto *values = new QGroupBox(tr("Values"), this);
    auto *valuesLayout = new QVBoxLayout(values);
    m_wholeValueLimit->setObjectName(QStringLiteral("wholeValueLimit"));
    m_wholeValueLimit->setRange(1, 2048);
    m_wholeValueLimit->setSuffix(tr(" MB"));
    m_wholeValueLimit->setValue(int(DecoderSettings::wholeValueLimit() / (1024 * 1024)));
    auto *limitLabel = new QLabel(tr("Read a string whole up to"), values);
    limitLabel->setBuddy(m_wholeValueLimit);
    auto *limitRow = new QHBoxLayout;
    limitRow->addWidget(limitLabel);
    limitRow->addWidget(m_wholeValueLimit);
    limitRow->addStretch(1);
    valuesLayout->addLayout(limitRow);
    auto *limitNote = new QLabel(tr("Larger strings open at once in hex, read in ranges as you "
                                    "scroll; decoders that need the whole value ask first."),
                                 values);
    limitNote->setForegroundRole(QPalette::PlaceholderText);
    limitNote->setWordWrap(true);
    valuesLayout->addWidget(limitNote);
    auto *rules = new QPushButton(tr("Decoder rules…"), values);
    rules->setObjectName(QStringLiteral("preferencesDecoderRules"));
    rules->setToolTip(tr("Which decoder opens the keys of a pattern, per connection"));
    valuesLayout->addWidget(rules, 0, Qt::AlignLeft);
    connect(rules, &QPushButton::clicked, this, [this] {
        DecoderRulesDialog dialog(QString(), this);
        dialog.exec();
    });

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(appearance);
    layout->addWidget(language);
    layout->addWidget(values);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(360);

    for (const ThemeChoice choice : {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark}) {
        connect(themeButton(choice), &QRadioButton::toggled, this, [choice](bool on) {
            if (on) ThemeManager::instance()->setChoice(choice);
        });
    }
    connect(buttons, &QDialogButtonBox::accepted, this, [this] {
        DecoderSettings::setWholeValueLimit(qint64(m_wholeValueLimit->value()) * 1024 * 1024);
        accept();
    });
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
}

void PreferencesDialog::showThemeSource()
{
    m_themeSource->setText(ThemeManager::instance()->systemSource());
    fitHeight();
}

void PreferencesDialog::fitHeight()
{
    // Wrapped notes need more height at the window's width than its size hint gave (and the
    // portal may answer after the dialog was sized); without this the layout squeezes them
    // over the radio buttons below.
    layout()->activate();
    const int needed = layout()->totalHeightForWidth(width());
    if (needed > height()) resize(width(), needed);
}

void PreferencesDialog::showEvent(QShowEvent *event)
{
    QDialog::showEvent(event);
    fitHeight();
}

QRadioButton *PreferencesDialog::themeButton(ThemeChoice choice) const
{
    switch (choice) {
    case ThemeChoice::Light:
        return m_light;
    case ThemeChoice::Dark:
        return m_dark;
    case ThemeChoice::System:
        break;
    }
    return m_system;
}

void PreferencesDialog::accept()
{
    Language::save(LanguageChoice(m_language->currentData().toInt()));
    QDialog::accept();
}

void PreferencesDialog::reject()
{
    ThemeManager::instance()->setChoice(m_initial);
    QDialog::reject();
}

} // namespace redscope
