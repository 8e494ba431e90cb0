// The engine's single event loop: readiness events for sockets and a few periodic timers.
// Linux epoll is the only backend and it lives entirely in event_loop.cpp, so a kqueue or
// IOCP backend would replace that one file. Handlers are plain function pointers with a
// context pointer (no std::function, no virtual call) because they run for every event.
//
// Busy polling (setBusyPollUs): after an iteration that handled events, the loop polls
// without sleeping for a few microseconds before it blocks. A request that arrives while the
// loop sleeps costs its sender a wake-up of this thread (on another CPU: an inter-processor
// interrupt, which in a virtual machine is a trip through the hypervisor); with back-to-back
// requests from many clients those wake-ups were ~5% of a redis-benchmark run's time. The spin
// is bounded and only follows activity, so an idle server still sleeps; on a one-CPU machine
// it would only delay the clients it waits for, so it is off there. It also backs off where it
// does not pay: each spin that ends without an event costs a credit, each that catches one
// earns two, and with no credit left the loop only tries one spin in 8 busy iterations. A
// replica applying its master's stream, woken once per master loop iteration, would otherwise
// burn a third of its CPU spinning, CPU its master and the clients need on a shared machine.
//
// Timers are kept in a small unsorted vector: O(timers) per iteration, fine for the handful
// the server uses (cron, and the blocking-command timeout check).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

struct epoll_event;

namespace redscope::engine {

class EventLoop
{
public:
    enum Mask : uint32_t { None = 0, Readable = 1, Writable = 2 };
    using FileHandler = void (*)(EventLoop &loop, int fd, void *context, uint32_t mask);
    using TimerHandler = void (*)(EventLoop &loop, void *context);
    using BeforeSleep = void (*)(EventLoop &loop, void *context);

    EventLoop();
    ~EventLoop();
    EventLoop(const EventLoop &) = delete;
    EventLoop &operator=(const EventLoop &) = delete;

    bool valid() const { return m_epollFd >= 0; }

    // Registers or updates interest in fd; mask is the full set wanted from now on.
    bool watch(int fd, uint32_t mask, FileHandler handler, void *context);
    void unwatch(int fd);
    uint32_t watchedMask(int fd) const;

    int addTimer(int64_t intervalMs, TimerHandler handler, void *context);
    void removeTimer(int id);

    void setBeforeSleep(BeforeSleep hook, void *context);
    // Called once each time epoll_wait returns, before any handler: the place to read the
    // clock once per iteration instead of once per request.
    void setAfterSleep(BeforeSleep hook, void *context);

    // Runs until stop(); each iteration: before-sleep hook, wait, after-sleep hook, events,
    // then timers.
    void run();
    // One non-blocking pass over ready sockets (no timers, no hooks), for work that must keep
    // serving clients from inside a long command (a script past busy-reply-threshold).
    void processEventsNow();
    // Thread-safe: wakes the loop and makes run() return.
    void stop();
    // Async-signal-safe: wakes the loop for one more iteration (its before-sleep hook runs).
    void wake();
    // Thread-safe: runs fn on the loop thread at its next iteration.
    void post(std::function<void()> fn);

    // Microseconds to keep polling after a busy iteration before blocking; 0 turns it off.
    // Ignored (stays 0) when this process may run on one CPU only.
    void setBusyPollUs(int64_t microseconds);

    static int64_t monotonicMs();

private:
    struct FileSlot
    {
        uint32_t mask = None;
        FileHandler handler = nullptr;
        void *context = nullptr;
    };
    struct Timer
    {
        int id;
        int64_t intervalMs;
        int64_t nextDueMs;
        TimerHandler handler;
        void *context;
    };

    void drainWakeups();
    int waitForEvents(epoll_event *events, int maxEvents, int timeoutMs);
    int64_t msUntilNextTimer() const;
    void runDueTimers();

    int m_epollFd = -1;
    int m_wakeFd = -1;
    std::vector<FileSlot> m_slots; // indexed by fd
    std::vector<Timer> m_timers;
    int m_nextTimerId = 1;
    int64_t m_busyPollUs = 0;
    bool m_multiCpu = false;
    bool m_lastWaitHadEvents = false;
    static constexpr int kMaxSpinCredit = 16;
    static constexpr int kRetryEvery = 8;
    int m_spinCredit = kMaxSpinCredit; // see the comment at the top: spins that catch events
    int m_spinsSkipped = 0;
    BeforeSleep m_beforeSleep = nullptr;
    void *m_beforeSleepContext = nullptr;
    BeforeSleep m_afterSleep = nullptr;
    void *m_afterSleepContext = nullptr;
    std::atomic<bool> m_stopRequested{false};
    std::mutex m_postedMutex;
    std::vector<std::function<void()>> m_posted;
};

} // namespace redscope::engine
