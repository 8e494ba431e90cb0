// Fusion is used for the explicit light and dark themes because it is the one built-in style
// that draws everything from the palette; "system" goes back to the style and palette the
// platform gave us, unless the freedesktop portal says the desktop wants the other lightness:
// then Fusion with our own palette of that lightness (on Qt 6.4 there is no colour-scheme API;
// without a portal the platform palette's lightness says whether the system is dark).
// QChart::setTheme() resets series pens and the title font, so applyToChart() keeps them across the
// switch: the dashboard's colours mean something.
#include "preferences/theme.h"

#include "preferences/system_color_scheme.h"

#include <QApplication>
#include <QChart>
#include <QChartView>
#include <QEvent>
#include <QLineSeries>
#include <QSettings>
#include <QStyle>
#include <QStyleFactory>
#include <QTimer>
#include <QWidget>

namespace redscope {

namespace {

const char kSettingsKey[] = "appearance/theme";

QString keyOf(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::Light:
        return QStringLiteral("light");
    case ThemeChoice::Dark:
        return QStringLiteral("dark");
    case ThemeChoice::System:
        break;
    }
    return QStringLiteral("system");
}

} // namespace

ThemeManager::ThemeManager(QObject *parent)
    : QObject(parent)
    , m_systemStyle(QApplication::style() ? QApplication::style()->name() : QString())
    , m_scheme(new SystemColorScheme(this))
{
    qApp->installEventFilter(this);
    m_platformDark = isDark(QApplication::palette());
    connect(m_scheme, &SystemColorScheme::changed, this, [this] {
        if (m_choice == ThemeChoice::System) apply();
        emit systemSourceChanged();
    });
}

ThemeManager *ThemeManager::instance()
{
    static ThemeManager *manager = nullptr;
    if (!manager) {
        manager = new ThemeManager(qApp);
        QObject::connect(qApp, &QObject::destroyed, [] { manager = nullptr; });
    }
    return manager;
}

QString ThemeManager::choiceName(ThemeChoice choice)
{
    switch (choice) {
    case ThemeChoice::Light:
        return tr("Light");
    case ThemeChoice::Dark:
        return tr("Dark");
    case ThemeChoice::System:
        break;
    }
    return tr("Follow the system");
}

QString ThemeManager::systemSource() const
{
    const QString platform = m_platformDark ? tr("dark") : tr("light");
    switch (m_scheme->scheme()) {
    case SystemColorScheme::Scheme::Dark:
        return tr("The desktop asks for a dark style (freedesktop portal, "
                  "org.freedesktop.appearance color-scheme).");
    case SystemColorScheme::Scheme::Light:
        return tr("The desktop asks for a light style (freedesktop portal, "
                  "org.freedesktop.appearance color-scheme).");
    case SystemColorScheme::Scheme::NoPreference:
        return tr("The desktop states no preference (freedesktop portal): following the "
                  "platform palette, which is %1.")
            .arg(platform);
    case SystemColorScheme::Scheme::Unknown:
        break;
    }
    if (m_scheme->pending()) return tr("Asking the desktop for its colour scheme…");
    return tr("No desktop portal answered (%1): following the platform palette, which is %2.")
        .arg(m_scheme->error(), platform);
}

bool ThemeManager::isDark(const QPalette &palette)
{
    return palette.color(QPalette::Window).lightness() < 128;
}

bool ThemeManager::isDark() const
{
    return isDark(QApplication::palette());
}

void ThemeManager::loadSaved()
{
    const QString saved = QSettings().value(QLatin1String(kSettingsKey)).toString();
    ThemeChoice choice = ThemeChoice::System;
    if (saved == keyOf(ThemeChoice::Light)) choice = ThemeChoice::Light;
    if (saved == keyOf(ThemeChoice::Dark)) choice = ThemeChoice::Dark;
    m_choice = choice;
    if (choice != ThemeChoice::System || m_applied) apply();
}

void ThemeManager::setChoice(ThemeChoice choice)
{
    QSettings().setValue(QLatin1String(kSettingsKey), keyOf(choice));
    if (choice == m_choice && m_applied) return;
    m_choice = choice;
    apply();
}

void ThemeManager::apply()
{
    m_applied = true;
    if (m_choice == ThemeChoice::System) {
        if (!m_systemStyle.isEmpty()) QApplication::setStyle(m_systemStyle);
        QApplication::setPalette(QPalette()); // nothing resolved: the platform's palette
        m_platformDark = isDark(QApplication::palette());
        const SystemColorScheme::Scheme wanted = m_scheme->scheme();
        const bool wantsDark = wanted == SystemColorScheme::Scheme::Dark;
        if ((wantsDark && !m_platformDark) ||
            (wanted == SystemColorScheme::Scheme::Light && m_platformDark)) {
            QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
            QApplication::setPalette(wantsDark ? darkPalette() : lightPalette());
        }
    } else {
        // A fresh style object re-polishes every widget, style sheets with palette() included.
        QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
        QApplication::setPalette(m_choice == ThemeChoice::Dark ? darkPalette() : lightPalette());
    }
    applyToAllCharts();
    repolishStyleSheets();
    emit changed(isDark());
}

// Style sheets resolve palette(...) when a widget is polished: once the new palette has
// reached every widget (posted events), polish those again (the dashboard's cards).
void ThemeManager::repolishStyleSheets()
{
    QTimer::singleShot(0, this, [] {
        for (QWidget *widget : QApplication::allWidgets()) {
            const QString sheet = widget->styleSheet();
            if (sheet.contains(QLatin1String("palette("))) widget->setStyleSheet(sheet);
        }
    });
}

void ThemeManager::applyToAllCharts()
{
    const bool dark = isDark();
    for (QWidget *widget : QApplication::allWidgets()) {
        if (auto *view = qobject_cast<QChartView *>(widget)) applyToChart(view->chart(), dark);
    }
}

void ThemeManager::applyToChart(QChart *chart, bool dark)
{
    if (!chart) return;
    const QChart::ChartTheme theme = dark ? QChart::ChartThemeDark : QChart::ChartThemeLight;
    if (chart->theme() == theme) return;
    QList<std::pair<QXYSeries *, QPen>> pens;
    for (QAbstractSeries *series : chart->series()) {
        if (auto *xy = qobject_cast<QXYSeries *>(series)) pens.append({xy, xy->pen()});
    }
    const QFont titleFont = chart->titleFont();
    const bool legendVisible = chart->legend()->isVisible();
    const qreal roundness = chart->backgroundRoundness();
    chart->setTheme(theme);
    for (const auto &[series, pen] : pens) {
        QPen themed = series->pen();
        themed.setColor(pen.color());
        themed.setWidthF(pen.widthF());
        series->setPen(themed);
    }
    chart->setTitleFont(titleFont);
    chart->legend()->setVisible(legendVisible);
    chart->setBackgroundRoundness(roundness);
}

bool ThemeManager::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::Polish:
        if (auto *view = qobject_cast<QChartView *>(watched)) applyToChart(view->chart(), isDark());
        break;
    case QEvent::ApplicationPaletteChange:
        // "System": the platform switched between light and dark under us.
        if (watched == qApp && m_choice == ThemeChoice::System && m_applied) {
            applyToAllCharts();
            repolishStyleSheets();
            emit changed(isDark());
        }
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

QPalette ThemeManager::lightPalette()
{
    std::unique_ptr<QStyle> fusion(QStyleFactory::create(QStringLiteral("Fusion")));
    QPalette palette = fusion->standardPalette();
    palette.setColor(QPalette::PlaceholderText, QColor(0x75, 0x75, 0x75));
    palette.setColor(QPalette::Link, QColor(0x15, 0x65, 0xc0));
    return palette;
}

QPalette ThemeManager::darkPalette()
{
    QPalette p;
    const QColor text(0xe4, 0xe4, 0xe4);
    const QColor disabledText(0x80, 0x80, 0x80);
    p.setColor(QPalette::Window, QColor(0x2b, 0x2d, 0x30));
    p.setColor(QPalette::WindowText, text);
    p.setColor(QPalette::Base, QColor(0x1e, 0x1f, 0x22));
    p.setColor(QPalette::AlternateBase, QColor(0x26, 0x28, 0x2b));
    p.setColor(QPalette::ToolTipBase, QColor(0x3c, 0x3f, 0x41));
    p.setColor(QPalette::ToolTipText, text);
    p.setColor(QPalette::PlaceholderText, QColor(0x8c, 0x8f, 0x94));
    p.setColor(QPalette::Text, text);
    p.setColor(QPalette::Button, QColor(0x36, 0x39, 0x3d));
    p.setColor(QPalette::ButtonText, text);
    p.setColor(QPalette::BrightText, QColor(0xff, 0x6b, 0x6b));
    p.setColor(QPalette::Light, QColor(0x4a, 0x4d, 0x52));
    p.setColor(QPalette::Midlight, QColor(0x3e, 0x41, 0x45));
    p.setColor(QPalette::Mid, QColor(0x5c, 0x60, 0x66));
    p.setColor(QPalette::Dark, QColor(0x1a, 0x1b, 0x1d));
    p.setColor(QPalette::Shadow, QColor(0x0e, 0x0e, 0x0f));
    p.setColor(QPalette::Highlight, QColor(0x2f, 0x6f, 0xba));
    p.setColor(QPalette::HighlightedText, Qt::white);
    p.setColor(QPalette::Link, QColor(0x6c, 0xb4, 0xff));
    p.setColor(QPalette::LinkVisited, QColor(0xb4, 0x8c, 0xff));
    for (const QPalette::ColorRole role :
         {QPalette::WindowText, QPalette::Text, QPalette::ButtonText}) {
        p.setColor(QPalette::Disabled, role, disabledText);
    }
    p.setColor(QPalette::Disabled, QPalette::Base, QColor(0x26, 0x27, 0x2a));
    p.setColor(QPalette::Disabled, QPalette::Button, QColor(0x30, 0x32, 0x35));
    p.setColor(QPalette::Disabled, QPalette::Highlight, QColor(0x45, 0x48, 0x4c));
    p.setColor(QPalette::Disabled, QPalette::HighlightedText, disabledText);
    return p;
}

QColor keyTypeColour(KeyType type, bool dark)
{
    // {light, dark}: saturated on white, a step lighter on a dark base so the badge text
    // (white, or near-black on dark) keeps its contrast.
    struct Pair
    {
        QRgb light;
        QRgb dark;
    };
    Pair pair{0x757575, 0x9e9e9e};
    switch (type) {
    case KeyType::String:
        pair = {0x1565c0, 0x64a8f0};
        break;
    case KeyType::Hash:
        pair = {0x7b1fa2, 0xc38ee0};
        break;
    case KeyType::List:
        pair = {0x2e7d32, 0x7cc47f};
        break;
    case KeyType::Set:
        pair = {0xe65100, 0xf5a15d};
        break;
    case KeyType::SortedSet:
        pair = {0xc2185b, 0xf08fb4};
        break;
    case KeyType::Stream:
        pair = {0x00838f, 0x5ccfd6};
        break;
    case KeyType::None:
    case KeyType::Other:
        break;
    }
    return QColor::fromRgb(dark ? pair.dark : pair.light);
}

} // namespace redscope
