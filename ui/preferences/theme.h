// Theme: light, dark or "follow the system", for every view and every chart. One object per
// application (ThemeManager::instance(), a child of qApp) sets the application palette (Fusion
// with a light or dark palette, or the platform's own style and palette for "system"), gives
// each QChartView the matching QChart::ChartTheme as it is first shown (an application event
// filter on Polish, so panels need no code for it) and again on every switch, and remembers the
// choice in QSettings ("appearance/theme"). "System" follows the desktop's colour scheme when
// the freedesktop portal publishes one (SystemColorScheme): a dark desktop gets the dark palette
// even where Qt 6.4's platform palette stays light; without a portal, the platform's palette.
// Widgets that draw colours of their own (the key tree's type badges) ask keyTypeColour() with the
// palette they paint on.
#pragma once

#include "keys/key_type.h"

#include <QColor>
#include <QObject>
#include <QPalette>

class QChart;

namespace redscope {
class SystemColorScheme;
}

namespace redscope {

enum class ThemeChoice { System, Light, Dark };

class ThemeManager : public QObject
{
    Q_OBJECT

public:
    static ThemeManager *instance();

    ThemeChoice choice() const { return m_choice; }
    bool isDark() const; // the palette in effect is dark
    // Applies at once (every open window, view and chart) and saves the choice.
    void setChoice(ThemeChoice choice);
    void loadSaved(); // the choice saved in QSettings; System when none

    static QString choiceName(ThemeChoice choice); // "Light", translated
    // What "Follow the system" follows, in words for Preferences (the portal's setting, or the
    // platform palette and why).
    QString systemSource() const;
    SystemColorScheme *systemColorScheme() const { return m_scheme; }
    static QPalette darkPalette();
    static QPalette lightPalette();
    static bool isDark(const QPalette &palette);
    // The chart theme for the palette in effect; series keep the colours their panel chose.
    static void applyToChart(QChart *chart, bool dark);

signals:
    void changed(bool dark);
    void systemSourceChanged(); // the portal answered or the desktop switched

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    explicit ThemeManager(QObject *parent);
    void apply();
    void applyToAllCharts();
    void repolishStyleSheets();

    ThemeChoice m_choice = ThemeChoice::System;
    QString m_systemStyle; // the style Qt picked before we changed anything
    bool m_applied = false;
    SystemColorScheme *m_scheme;
    bool m_platformDark = false; // the platform palette's lightness, as "System" last saw it
};

// The colour of a key type's badge: one hue per type, a lighter tone on dark palettes.
QColor keyTypeColour(KeyType type, bool dark);

} // namespace redscope
