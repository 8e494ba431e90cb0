// The engine's single event loop: readiness events for sockets and a few periodic timers.
// Linux epoll is the only backend and it lives entirely in event_loop.cpp, so a kqueue or
// IOCP backend would replace that one file. Handlers are plain function pointers with a
// context pointer (no std::function, no virtual call) because they run for every event.
//
// Timers are kept in a small unsorted vector: O(timers) per iteration, fine for the handful
// the server uses (cron, and the blocking-command timeout check).
#pragma once

#include <atomic>
#include <cstdint>
#include <functional>
#include <mutex>
#include <vector>

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
    // Thread-safe: wakes the loop and makes run() return.
    void stop();
    // Thread-safe: runs fn on the loop thread at its next iteration.
    void post(std::function<void()> fn);

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
    int64_t msUntilNextTimer() const;
    void runDueTimers();

    int m_epollFd = -1;
    int m_wakeFd = -1;
    std::vector<FileSlot> m_slots; // indexed by fd
    std::vector<Timer> m_timers;
    int m_nextTimerId = 1;
    BeforeSleep m_beforeSleep = nullptr;
    void *m_beforeSleepContext = nullptr;
    BeforeSleep m_afterSleep = nullptr;
    void *m_afterSleepContext = nullptr;
    std::atomic<bool> m_stopRequested{false};
    std::mutex m_postedMutex;
    std::vector<std::function<void()>> m_posted;
};

} // namespace redscope::engine
