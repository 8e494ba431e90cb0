// PreferencesDialog: the app's settings that are not about one connection. The theme: light,
// dark or follow the system, applied as soon as it is picked so the user sees it, kept with OK
// and put back with Cancel; and the size up to which a string value is read whole (kept on OK).
// Settings live in QSettings through their owner (ThemeManager); the dialog only shows and changes
// them.
#pragma once

#include "preferences/theme.h"

#include <QDialog>

class QRadioButton;
class QSpinBox;

namespace redscope {

class PreferencesDialog : public QDialog
{
    Q_OBJECT

public:
    explicit PreferencesDialog(QWidget *parent = nullptr);

    QRadioButton *themeButton(ThemeChoice choice) const;

    void reject() override; // puts the theme back as it was

private:
    ThemeChoice m_initial;
    QRadioButton *m_system;
    QRadioButton *m_light;
    QRadioButton *m_dark;
    QSpinBox *m_wholeValueLimit;
};

} // namespace redscope
