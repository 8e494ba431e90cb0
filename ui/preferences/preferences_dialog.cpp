// Each radio button applies its theme when toggled on; OK has nothing left to do.
#include "preferences/preferences_dialog.h"

#include <QDialogButtonBox>
#include <QGroupBox>
#include <QLabel>
#include <QRadioButton>
#include <QVBoxLayout>

namespace redscope {

PreferencesDialog::PreferencesDialog(QWidget *parent)
    : QDialog(parent)
    , m_initial(ThemeManager::instance()->choice())
    , m_system(new QRadioButton(ThemeManager::choiceName(ThemeChoice::System), this))
    , m_light(new QRadioButton(ThemeManager::choiceName(ThemeChoice::Light), this))
    , m_dark(new QRadioButton(ThemeManager::choiceName(ThemeChoice::Dark), this))
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
    themes->addWidget(m_light);
    themes->addWidget(m_dark);
    auto *note = new QLabel(tr("Applies to every window, view and chart at once."), appearance);
    note->setForegroundRole(QPalette::PlaceholderText);
    note->setWordWrap(true);
    themes->addWidget(note);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel, this);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(appearance);
    layout->addStretch(1);
    layout->addWidget(buttons);
    setMinimumWidth(360);

    for (const ThemeChoice choice : {ThemeChoice::System, ThemeChoice::Light, ThemeChoice::Dark}) {
        connect(themeButton(choice), &QRadioButton::toggled, this, [choice](bool on) {
            if (on) ThemeManager::instance()->setChoice(choice);
        });
    }
    connect(buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &PreferencesDialog::reject);
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

void PreferencesDialog::reject()
{
    ThemeManager::instance()->setChoice(m_initial);
    QDialog::reject();
}

} // namespace redscope
