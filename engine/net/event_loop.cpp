// epoll backend of EventLoop (see event_loop.h). Level-triggered: a handler that leaves data
// unread is called again next iteration, which keeps per-client read fairness simple.
#include "net/event_loop.h"

#include <algorithm>
#include <cerrno>
#include <ctime>
#include <sched.h>
#include <sys/epoll.h>
#include <sys/eventfd.h>
#include <unistd.h>

namespace redscope::engine {

EventLoop::EventLoop()
{
    cpu_set_t cpus;
    m_multiCpu = sched_getaffinity(0, sizeof cpus, &cpus) == 0 && CPU_COUNT(&cpus) > 1;
    m_epollFd = epoll_create1(EPOLL_CLOEXEC);
    m_wakeFd = eventfd(0, EFD_NONBLOCK | EFD_CLOEXEC);
    if (m_epollFd >= 0 && m_wakeFd >= 0) {
        epoll_event ev{};
        ev.events = EPOLLIN;
        ev.data.fd = m_wakeFd;
        epoll_ctl(m_epollFd, EPOLL_CTL_ADD, m_wakeFd, &ev);
    }
}

EventLoop::~EventLoop()
{
    if (m_wakeFd >= 0) close(m_wakeFd);
    if (m_epollFd >= 0) close(m_epollFd);
}

int64_t EventLoop::monotonicMs()
{
    timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return static_cast<int64_t>(ts.tv_sec) * 1000 + ts.tv_nsec / 1000000;
}

bool EventLoop::watch(int fd, uint32_t mask, FileHandler handler, void *context)
{
    if (fd < 0) return false;
    if (static_cast<size_t>(fd) >= m_slots.size()) m_slots.resize(static_cast<size_t>(fd) + 64);
    FileSlot &slot = m_slots[static_cast<size_t>(fd)];
    epoll_event ev{};
    ev.events = ((mask & Readable) ? EPOLLIN : 0u) | ((mask & Writable) ? EPOLLOUT : 0u);
    ev.data.fd = fd;
    int op = slot.mask == None ? EPOLL_CTL_ADD : EPOLL_CTL_MOD;
    if (mask == None) {
        unwatch(fd);
        return true;
    }
    if (epoll_ctl(m_epollFd, op, fd, &ev) != 0) return false;
    slot.mask = mask;
    slot.handler = handler;
    slot.context = context;
    return true;
}

void EventLoop::unwatch(int fd)
{
    if (fd < 0 || static_cast<size_t>(fd) >= m_slots.size()) return;
    FileSlot &slot = m_slots[static_cast<size_t>(fd)];
    if (slot.mask != None) epoll_ctl(m_epollFd, EPOLL_CTL_DEL, fd, nullptr);
    slot = FileSlot{};
}

uint32_t EventLoop::watchedMask(int fd) const
{
    if (fd < 0 || static_cast<size_t>(fd) >= m_slots.size()) return None;
    return m_slots[static_cast<size_t>(fd)].mask;
}

int EventLoop::addTimer(int64_t intervalMs, TimerHandler handler, void *context)
{
    int id = m_nextTimerId++;
    m_timers.push_back({id, intervalMs, monotonicMs() + intervalMs, handler, context});
    return id;
}

void EventLoop::removeTimer(int id)
{
    for (size_t i = 0; i < m_timers.size(); ++i) {
        if (m_timers[i].id == id) {
            m_timers.erase(m_timers.begin() + static_cast<long>(i));
            return;
        }
    }
}

void EventLoop::setBeforeSleep(BeforeSleep hook, void *context)
{
    m_beforeSleep = hook;
    m_beforeSleepContext = context;
}

void EventLoop::setAfterSleep(BeforeSleep hook, void *context)
{
    m_afterSleep = hook;
    m_afterSleepContext = context;
}

void EventLoop::setBusyPollUs(int64_t microseconds)
{
    m_busyPollUs = m_multiCpu ? std::max<int64_t>(0, microseconds) : 0;
    m_spinCredit = kMaxSpinCredit; // a new window: judge it afresh
}

int EventLoop::waitForEvents(epoll_event *events, int maxEvents, int timeoutMs)
{
    const bool spin = m_busyPollUs > 0 && m_lastWaitHadEvents && timeoutMs != 0 &&
                      (m_spinCredit > 0 || ++m_spinsSkipped >= kRetryEvery);
    if (spin) {
        m_spinsSkipped = 0;
        timespec start;
        clock_gettime(CLOCK_MONOTONIC, &start);
        for (;;) {
            int n = epoll_wait(m_epollFd, events, maxEvents, 0);
            if (n != 0) {
                if (n > 0) m_spinCredit = std::min(m_spinCredit + 2, kMaxSpinCredit);
                return n;
            }
            timespec now;
            clock_gettime(CLOCK_MONOTONIC, &now);
            int64_t spentUs =
                (now.tv_sec - start.tv_sec) * 1000000 + (now.tv_nsec - start.tv_nsec) / 1000;
            if (spentUs >= m_busyPollUs) break;
        }
        m_spinCredit = std::max(m_spinCredit - 1, 0);
    }
    return epoll_wait(m_epollFd, events, maxEvents, timeoutMs);
}

int64_t EventLoop::msUntilNextTimer() const
{
    if (m_timers.empty()) return 1000;
    int64_t now = monotonicMs();
    int64_t soonest = INT64_MAX;
    for (const Timer &t : m_timers)
        soonest = std::min(soonest, t.nextDueMs);
    return soonest <= now ? 0 : soonest - now;
}

void EventLoop::runDueTimers()
{
    int64_t now = monotonicMs();
    // Index loop: a handler may add or remove timers.
    for (size_t i = 0; i < m_timers.size(); ++i) {
        if (m_timers[i].nextDueMs > now) continue;
        m_timers[i].nextDueMs = now + m_timers[i].intervalMs;
        Timer copy = m_timers[i];
        copy.handler(*this, copy.context);
    }
}

void EventLoop::drainWakeups()
{
    uint64_t value;
    while (read(m_wakeFd, &value, sizeof value) > 0) {
    }
    std::vector<std::function<void()>> tasks;
    {
        std::lock_guard<std::mutex> lock(m_postedMutex);
        tasks.swap(m_posted);
    }
    for (auto &task : tasks)
        task();
}

void EventLoop::post(std::function<void()> fn)
{
    {
        std::lock_guard<std::mutex> lock(m_postedMutex);
        m_posted.push_back(std::move(fn));
    }
    uint64_t one = 1;
    [[maybe_unused]] ssize_t n = write(m_wakeFd, &one, sizeof one);
}

void EventLoop::stop()
{
    m_stopRequested.store(true);
    uint64_t one = 1;
    [[maybe_unused]] ssize_t n = write(m_wakeFd, &one, sizeof one);
}

void EventLoop::wake()
{
    uint64_t one = 1;
    [[maybe_unused]] ssize_t n = write(m_wakeFd, &one, sizeof one);
}

void EventLoop::processEventsNow()
{
    constexpr int kMaxEvents = 64;
    epoll_event events[kMaxEvents];
    int n = epoll_wait(m_epollFd, events, kMaxEvents, 0);
    for (int i = 0; i < n; ++i) {
        int fd = events[i].data.fd;
        if (fd == m_wakeFd) continue; // posted tasks and stop() wait for the loop itself
        uint32_t mask = None;
        if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) mask |= Readable;
        if (events[i].events & (EPOLLOUT | EPOLLHUP | EPOLLERR)) mask |= Writable;
        if (static_cast<size_t>(fd) >= m_slots.size()) continue;
        const FileSlot &slot = m_slots[static_cast<size_t>(fd)];
        uint32_t wanted = mask & slot.mask;
        if (wanted && slot.handler) slot.handler(*this, fd, slot.context, wanted);
    }
}

void EventLoop::run()
{
    constexpr int kMaxEvents = 256;
    epoll_event events[kMaxEvents];
    while (!m_stopRequested.load(std::memory_order_relaxed)) {
        if (m_beforeSleep) m_beforeSleep(*this, m_beforeSleepContext);
        int timeout = static_cast<int>(std::min<int64_t>(msUntilNextTimer(), 1000));
        int n = waitForEvents(events, kMaxEvents, timeout);
        if (n < 0 && errno != EINTR) break;
        m_lastWaitHadEvents = n > 0;
        if (m_afterSleep) m_afterSleep(*this, m_afterSleepContext);
        for (int i = 0; i < n; ++i) {
            int fd = events[i].data.fd;
            if (fd == m_wakeFd) {
                drainWakeups();
                continue;
            }
            uint32_t mask = None;
            if (events[i].events & (EPOLLIN | EPOLLHUP | EPOLLERR)) mask |= Readable;
            if (events[i].events & (EPOLLOUT | EPOLLHUP | EPOLLERR)) mask |= Writable;
            // Re-read the slot each time: an earlier handler may have closed this fd.
            if (static_cast<size_t>(fd) >= m_slots.size()) continue;
            const FileSlot &slot = m_slots[static_cast<size_t>(fd)];
            uint32_t wanted = mask & slot.mask;
            if (wanted && slot.handler) slot.handler(*this, fd, slot.context, wanted);
        }
        runDueTimers();
    }
}

} // namespace redscope::engine
