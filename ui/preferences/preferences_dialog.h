// PreferencesDialog: the app's settings that are not about one connection. The theme: light,
// dark or follow the system, applied as soon as it is picked so the user sees it, kept with OK
// and put back with Cancel. The language: saved with OK and applied at the next start (the
// dialog says so). And the size up to which a string value is read whole (kept on OK).
// Settings live in QSettings through their owners (ThemeManager, Language, DecoderSettings);
// the dialog only shows and changes them.
#pragma once

#include "preferences/language.h"
#include "preferences/theme.h"

#include <QDialog>

class QComboBox;
class QLabel;
class QRadioButton;
class QSpinBox;

namespace redscope {

class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    QRadioButton *themeButton(ThemeChoice choice) const;
    QComboBox *languageBox() const { return m_language; }

    void accept() override; // saves the language

    void reject() override; // puts the theme back as it was

protected:
    void showEvent(QShowEvent *event) override;

private:
    void showThemeSource(); // sets the text and grows the window if it needs more height
    void fitHeight();

    ThemeChoice m_initial;
    QRadioButton *m_system;
    QRadioButton *m_light;
    QRadioButton *m_dark;
    QComboBox *m_language;
    QLabel *m_languageNote;
    QLabel *m_themeSource; // what "Follow the system" follows
    QSpinBox *m_wholeValueLimit;
};

} // namespace redscope
