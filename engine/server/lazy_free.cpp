// See lazy_free.h. One worker thread, started at the first job; jobs are destructors
// wrapped in closures that own the value.
#include "server/lazy_free.h"

#include "server/process_settings.h"

#include <memory>
#include <pthread.h>

namespace redscope::engine {

namespace {
constexpr size_t kThreshold = 64; // Redis's LAZYFREE_THRESHOLD
}

LazyFree::~LazyFree()
{
    {
        std::lock_guard lock(m_mutex);
        m_stopping = true;
    }
    m_wake.notify_all();
    if (m_thread.joinable()) m_thread.join();
}

size_t LazyFree::effort(const Value &value)
{
    switch (value.type()) {
    case ValueType::List:
        return value.list().nodeCount();
    case ValueType::Hash:
        return value.hash().packed() ? 1 : value.hash().size();
    case ValueType::Set:
        return value.set().isIntSet() ? 1 : value.set().size();
    case ValueType::ZSet:
        return value.zset().isPacked() ? 1 : value.zset().size();
    case ValueType::Stream:
        return value.stream().nodeCount();
    case ValueType::String:
        break;
    }
    return 1;
}

void LazyFree::free(Value &&value)
{
    if (effort(value) <= kThreshold) return; // freed here, when `value`'s owner drops it
    auto owned = std::make_shared<Value>(std::move(value));
    push([owned]() mutable { owned.reset(); }, 1);
}

void LazyFree::freeKeys(Dict<Value> &&keys, Dict<int64_t> &&expires)
{
    const uint64_t objects = keys.size();
    if (objects == 0) return;
    auto ownedKeys = std::make_shared<Dict<Value>>(std::move(keys));
    auto ownedExpires = std::make_shared<Dict<int64_t>>(std::move(expires));
    push(
        [ownedKeys, ownedExpires]() mutable {
            ownedKeys.reset();
            ownedExpires.reset();
        },
        objects);
}

void LazyFree::push(std::function<void()> job, uint64_t objects)
{
    {
        std::lock_guard lock(m_mutex);
        if (!m_thread.joinable()) m_thread = std::thread(&LazyFree::run, this, m_cpuList);
        m_jobs.emplace_back(std::move(job), objects);
        m_pending += objects;
    }
    m_wake.notify_one();
}

void LazyFree::drain()
{
    std::unique_lock lock(m_mutex);
    m_idle.wait(lock, [this] { return m_jobs.empty() && !m_busy; });
}

void LazyFree::run(const std::string &cpuList)
{
    // Named and pinned as Redis's lazy-free bio thread (top -H, bio_cpulist).
    pthread_setname_np(pthread_self(), "bio_lazy_free");
    applyBackgroundCpuList(cpuList);
    std::unique_lock lock(m_mutex);
    while (true) {
        m_wake.wait(lock, [this] { return m_stopping || !m_jobs.empty(); });
        if (m_jobs.empty()) break; // stopping, nothing left
        auto [job, objects] = std::move(m_jobs.front());
        m_jobs.pop_front();
        m_busy = true;
        lock.unlock();
        job();
        job = nullptr; // the closure holds the last reference: the free happens here
        m_pending -= objects;
        m_freed += objects;
        lock.lock();
        m_busy = false;
        if (m_jobs.empty()) m_idle.notify_all();
    }
}

} // namespace redscope::engine
