// Bulk workers that feed the GUI (the key browser's scanner and index, the collection views'
// page reader) run a few nice levels below the GUI thread. On a machine with fewer free cores
// than busy threads (two cores, a server walking its keyspace, the scan and the index), a GUI
// thread that wakes for a timer or an input event then gets a core at once instead of waiting a
// time slice behind its own workers: measured stalls of 100+ ms wall-clock with under 8 ms of
// GUI work in them. The workers lose nothing on an idle machine.
// Known cost (measured 2026-12-07, tests/bench/results/*T15*-keybrowser.txt): the lowered index
// thread, preempted while it holds KeyIndex's lock for a slice, keeps a GUI reader waiting
// (perf sched, 1M keys: 12-14 ms read-lock waits; the 10M load's stalls of 100+ ms hold ~7 ms of
// GUI work, the rest waiting). Running the workers at the GUI's priority instead was worse (they
// take cores from the server, whose SCAN bounds the load, and from the GUI: 1M max stall 9 -> 65
// ms). Since then the index thread holds the write lock only to write a slice it looked up
// under the read lock, and tries for it rather than queueing (KeyIndex::addKeys): 10M max stall
// 29 -> 11 ms (tests/bench/results/*T1810Z-keybrowser-10m-prepared-slices.txt).
// Linux keeps a nice value per thread; elsewhere this does nothing.
#pragma once

#include <QtGlobal>

#if defined(Q_OS_LINUX)
#include <sys/resource.h>
#include <sys/syscall.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#endif

namespace redscope::Internal {

// Lowers the calling thread's priority by `steps` nice levels (never above 19).
inline void lowerThisThreadsPriority(int steps = 5)
{
#if defined(Q_OS_LINUX)
    const auto tid = id_t(syscall(SYS_gettid));
    errno = 0;
    const int current = getpriority(PRIO_PROCESS, tid);
    if (errno == 0) setpriority(PRIO_PROCESS, tid, std::min(current + steps, 19));
#else
    Q_UNUSED(steps);
#endif
}

} // namespace redscope::Internal
