// The About box: application and engine versions (both from the one CMake project version),
// what the app is, and the Qt and hiredis it runs with.
#pragma once

#include <QString>

class QWidget;

namespace redscope {

QString aboutText();
void showAboutDialog(QWidget *parent);

} // namespace redscope
