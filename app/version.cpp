// Holds the only use of the REDSCOPE_VERSION compile definition (see app/CMakeLists.txt), so a
// version bump recompiles one file.
#include "version.h"

namespace redscope {

QString applicationVersion()
{
    return QStringLiteral(REDSCOPE_VERSION);
}

} // namespace redscope
