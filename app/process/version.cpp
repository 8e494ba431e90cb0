// Holds the only use of the REDSCOPE_VERSION compile definition (see app/CMakeLists.txt), so a
// version bump recompiles one file.
#include "process/version.h"

#include <hiredis/hiredis.h>

namespace redscope {

QString applicationVersion()
{
    return QStringLiteral(REDSCOPE_VERSION);
}

QString hiredisVersion()
{
    return QStringLiteral("%1.%2.%3").arg(HIREDIS_MAJOR).arg(HIREDIS_MINOR).arg(HIREDIS_PATCH);
}

} // namespace redscope
