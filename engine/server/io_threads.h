// The I/O threads of `io-threads N` (N > 1): N-1 helper threads, named io_thd_1.. as
// Redis names them, that share with the main thread the socket work of one phase of the
// event loop, then stop at a barrier. The main thread hands out a batch of clients (their
// replies to send, or their sockets to read), takes the first share itself, and waits until
// every thread has finished its share before it goes on; commands only ever run on the main
// thread, between phases. So nothing is touched concurrently: during a phase a client
// belongs to exactly one thread (item i of the batch to thread i % threads), which touches
// only that client's buffers and its own slot's scratch space and counters; the batch, the
// job and everything the main thread wrote before handing it out are published by the
// release store that starts each thread, and the threads' writes are published back by the
// release decrement the main thread acquires at the barrier.
//
// Between phases the helpers sleep on a futex (std::atomic::wait) after a short spin, so an
// idle server or one with few clients (threaded I/O off, see Server::flushPendingWrites)
// spends no CPU on them. Redis's helpers spin for a long while before parking; on a machine
// with fewer cores than threads that spin takes the CPU from the main thread they wait for,
// so ours spin only briefly.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace redscope::engine {

struct Client;

class IoThreads
{
public:
    // Called once per client of a batch, on the thread whose share it is (slot 0: the main
    // thread).
    using Job = void (*)(void *context, int slot, Client &client);

    // Starts threads - 1 helpers (threads is at least 2), pinned to cpuList as Redis pins
    // its I/O threads to server_cpulist (empty: not pinned).
    IoThreads(int threads, const std::string &cpuList);
    ~IoThreads(); // wakes and joins the helpers (they are idle: run() has returned)
    IoThreads(const IoThreads &) = delete;
    IoThreads &operator=(const IoThreads &) = delete;

    int threads() const { return m_threads; }

    // Runs job on every client of the batch, spread over the threads, and returns when all
    // of them are done. Main thread only; no other phase runs meanwhile.
    void run(const std::vector<Client *> &batch, Job job, void *context);

private:
    struct Helper
    {
        std::thread thread;
        std::atomic<uint32_t> start{0}; // bumped (release) to start one phase
    };

    void helperMain(int slot, Helper *self, std::string cpuList);
    void runShare(int slot);

    const int m_threads;
    // The phase being run: written by the main thread before it bumps the helpers' start
    // counters, read by the helpers after they acquire theirs.
    const std::vector<Client *> *m_batch = nullptr;
    Job m_job = nullptr;
    void *m_context = nullptr;
    int m_active = 0; // threads taking part in this phase (fewer clients than threads: fewer)
    std::atomic<int> m_unfinished{0}; // helpers still working on this phase
    std::atomic<bool> m_stopping{false};
    std::vector<std::unique_ptr<Helper>> m_helpers; // slot i + 1
};

} // namespace redscope::engine
