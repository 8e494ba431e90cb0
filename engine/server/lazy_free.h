// Lazy freeing: the lazyfree-* parameters, UNLINK and FLUSHALL/FLUSHDB ASYNC. A value whose
// freeing walks more than 64 allocations (Redis's LAZYFREE_THRESHOLD: a list's nodes, a
// table-encoded hash, set or sorted set's members, a stream's nodes) goes to one background
// thread, which destroys it; smaller ones are freed at once, where the queue would cost
// more than the free. A flushed database's whole key table goes there in one piece.
//
// The thread only runs destructors, which touch nothing shared but the allocator (glibc's
// malloc is thread-safe, and the engine's memory figures are kept by the databases, which
// unaccount a value when it leaves them). INFO memory's lazyfree_pending_objects and INFO
// stats' lazyfreed_objects read the two counters, as in Redis.
#pragma once

#include "storage/dict.h"
#include "storage/value.h"

#include <atomic>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <functional>
#include <mutex>
#include <string>
#include <thread>

namespace redscope::engine {

class LazyFree
{
public:
    LazyFree() = default;
    ~LazyFree(); // frees what is queued, then joins the thread
    LazyFree(const LazyFree &) = delete;
    LazyFree &operator=(const LazyFree &) = delete;

    // Frees the value, in the background when it is worth it.
    void free(Value &&value);
    // A flushed database's keys (and their expiry table): counted as that many objects.
    void freeKeys(Dict<Value> &&keys, Dict<int64_t> &&expires);

    uint64_t pending() const { return m_pending.load(); }
    uint64_t freed() const { return m_freed.load(); }
    void resetFreed() { m_freed.store(0); }
    // bio_cpulist: the thread pins itself to it when it starts (set before the first free).
    void setCpuList(std::string list) { m_cpuList = std::move(list); }
    // Blocks until the queue is empty (tests, DEBUG RELOAD-style callers).
    void drain();

    // Redis's free effort: allocations walked to free the value.
    static size_t effort(const Value &value);

private:
    void push(std::function<void()> job, uint64_t objects);
    void run(const std::string &cpuList); // a copy: setCpuList runs on the main thread

    std::mutex m_mutex;
    std::condition_variable m_wake, m_idle;
    std::deque<std::pair<std::function<void()>, uint64_t>> m_jobs;
    std::thread m_thread;
    std::string m_cpuList;
    bool m_stopping = false;
    bool m_busy = false;
    std::atomic<uint64_t> m_pending{0};
    std::atomic<uint64_t> m_freed{0};
};

} // namespace redscope::engine
