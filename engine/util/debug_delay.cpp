// See debug_delay.h.
#include "util/debug_delay.h"

#include <random>
#include <unistd.h>

namespace redscope::engine {

void debugDelay(int64_t microseconds)
{
    if (microseconds < 0) {
        // Each thread its own generator: RDB writers run in children, loads on the loop.
        thread_local std::minstd_rand random{std::random_device{}()};
        microseconds = random() % static_cast<uint64_t>(-microseconds) == 0 ? 1 : 0;
    }
    if (microseconds > 0) ::usleep(static_cast<useconds_t>(microseconds));
}

} // namespace redscope::engine
