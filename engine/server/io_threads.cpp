// See io_threads.h for the thread pool and its barrier. The Server's two threaded phases
// (reads with io-threads-do-reads, reply writes) are in networking.cpp, next to the
// single-threaded code they share their socket work with.
#include "server/io_threads.h"

#include "server/process_settings.h"

#include <algorithm>
#include <csignal>
#include <pthread.h>
#include <string>

namespace redscope::engine {

namespace {

// Short busy waits before sleeping on the futex: a phase lasts microseconds, and a sleep
// and wake-up costs a few of them, but on a loaded machine with fewer cores than threads a
// long spin only takes the CPU from the thread being waited for.
constexpr int kSpins = 2000;

inline void cpuRelax()
{
#if defined(__x86_64__) || defined(__i386__)
    __builtin_ia32_pause();
#elif defined(__aarch64__)
    asm volatile("yield");
#endif
}

} // namespace

IoThreads::IoThreads(int threads, const std::string &cpuList)
    : m_threads(threads)
{
    m_helpers.reserve(static_cast<size_t>(m_threads - 1));
    for (int slot = 1; slot < m_threads; ++slot) {
        auto helper = std::make_unique<Helper>();
        Helper *self = helper.get();
        m_helpers.push_back(std::move(helper));
        // The helper gets its slot and its own Helper: it never reads m_helpers, which the
        // main thread is still filling.
        self->thread = std::thread(&IoThreads::helperMain, this, slot, self, cpuList);
        // Named here rather than by the thread: the name is there before the server serves.
        const std::string name = "io_thd_" + std::to_string(slot);
        pthread_setname_np(self->thread.native_handle(), name.c_str());
    }
}

IoThreads::~IoThreads()
{
    m_stopping.store(true, std::memory_order_relaxed);
    for (auto &helper : m_helpers) {
        helper->start.fetch_add(1, std::memory_order_release);
        helper->start.notify_one();
    }
    for (auto &helper : m_helpers)
        helper->thread.join();
}

void IoThreads::helperMain(int slot, Helper *self, std::string cpuList)
{
    // Signals (SIGTERM, SIGINT) are the main thread's to handle.
    sigset_t all;
    sigfillset(&all);
    pthread_sigmask(SIG_BLOCK, &all, nullptr);
    applyCpuList(cpuList);

    uint32_t seen = 0;
    for (;;) {
        uint32_t now = self->start.load(std::memory_order_acquire);
        for (int i = 0; now == seen && i < kSpins; ++i) {
            cpuRelax();
            now = self->start.load(std::memory_order_acquire);
        }
        while (now == seen) {
            self->start.wait(seen, std::memory_order_acquire);
            now = self->start.load(std::memory_order_acquire);
        }
        seen = now;
        if (m_stopping.load(std::memory_order_relaxed)) return;
        runShare(slot);
        if (m_unfinished.fetch_sub(1, std::memory_order_acq_rel) == 1) m_unfinished.notify_one();
    }
}

void IoThreads::runShare(int slot)
{
    const std::vector<Client *> &batch = *m_batch;
    for (size_t i = static_cast<size_t>(slot); i < batch.size(); i += static_cast<size_t>(m_active))
        m_job(m_context, slot, *batch[i]);
}

void IoThreads::run(const std::vector<Client *> &batch, Job job, void *context)
{
    if (batch.empty()) return;
    m_batch = &batch;
    m_job = job;
    m_context = context;
    m_active = static_cast<int>(std::min(batch.size(), static_cast<size_t>(m_threads)));
    m_unfinished.store(m_active - 1, std::memory_order_relaxed);
    for (int slot = 1; slot < m_active; ++slot) {
        Helper &helper = *m_helpers[static_cast<size_t>(slot - 1)];
        helper.start.fetch_add(1, std::memory_order_release);
        helper.start.notify_one();
    }
    runShare(0);
    int left = m_unfinished.load(std::memory_order_acquire);
    for (int i = 0; left != 0 && i < kSpins; ++i) {
        cpuRelax();
        left = m_unfinished.load(std::memory_order_acquire);
    }
    while (left != 0) {
        m_unfinished.wait(left, std::memory_order_acquire);
        left = m_unfinished.load(std::memory_order_acquire);
    }
    m_batch = nullptr;
}

} // namespace redscope::engine
