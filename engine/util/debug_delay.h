// The pause Redis's test knobs take per key (rdb-key-save-delay while saving, key-load-delay
// while loading an RDB or replaying an AOF), with Redis's documented meaning: a positive
// value sleeps that many microseconds; a negative one stands for a fraction of a microsecond
// (-10: a tenth of one), obtained by sleeping 1 µs once in that many calls on average, since
// even the shortest sleep costs a system call and a context switch.
#pragma once

#include <cstdint>

namespace redscope::engine {

void debugDelay(int64_t microseconds);

} // namespace redscope::engine
