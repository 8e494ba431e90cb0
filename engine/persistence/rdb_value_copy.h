// copyToRdbValue: an engine Value as the public RdbValue of include/redscope/rdb.h (type,
// items, stream entries). The streaming RDB reader's decode() and the public DUMP codec both
// hand values out this way, so the shape of an RdbValue is decided in one place.
#pragma once

#include "redscope/rdb.h"

namespace redscope::engine {

class Value;

void copyToRdbValue(const Value &v, RdbValue *out);

} // namespace redscope::engine
