// Application version, defined once in the top-level CMake project() call and passed to
// redscope_core as a compile definition, so --version, the About text and packages agree.
#pragma once

#include <QString>

namespace redscope {

QString applicationVersion();
// The hiredis library the client layer was built with (for the About box).
QString hiredisVersion();

} // namespace redscope
