// Real multi-process fixtures for the Cluster and Sentinel tests, built on TestServer (fork,
// free loopback ports, stop by PID) and RedisTestClient:
// - ClusterFixture: N redis-server --cluster-enabled yes nodes in private temp directories,
//   joined by `redis-cli --cluster create ... --cluster-replicas R --cluster-yes`, then waited
//   on until every node reports cluster_state:ok and knows every other node, and every replica
//   has finished its first sync (one that has not never fails over). A short
//   cluster-node-timeout (1 s, set once joined) keeps failover tests quick. Each node is
//   checked to be the process started here (parallel suites may get the same free port).
// - SentinelFixture: a master, one replica and three sentinels (redis-server <conf>
//   --sentinel, quorum 2, down-after 1 s) on free ports, waited on until the sentinels know the
//   replica and each other.
// start() returns a fixture whose ok() is false with a readable error() when it could not start
// them, and the tests then fail (never skip: redis-server and redis-cli are listed dependencies,
// so a missing one is a failure too).
//
// Failures must be explainable after the fact, and no process may outlive the test: every
// process started here dies with the test process (PR_SET_PDEATHSIG), is stopped by PID in
// the destructor, and is also SIGKILLed by a handler of fatal signals (QtTest's watchdog
// aborts), which first prints the tail of each node's log. reportFailure() (from a test's
// cleanup() when it failed) prints each node's log tail and nodes.conf and keeps the files.
#pragma once

#include "test_server.h"

#include <memory>
#include <string>
#include <vector>

namespace redscope::test {

class ClusterFixture
{
public:
    static std::unique_ptr<ClusterFixture> start(int masters, int replicasPerMaster);
    ~ClusterFixture();

    bool ok() const { return m_ok; }
    const std::string &error() const { return m_error; }
    // No redis-server or redis-cli here: a test may skip. Any other start failure is a failure.
    int nodeCount() const { return int(m_nodes.size()); }
    int port(int node) const { return m_nodes.at(size_t(node))->port(); }
    TestServer &node(int node) { return *m_nodes.at(size_t(node)); }
    int nodeIndexOfPort(int port) const;

    // Asks the node at `port` (blocking, for tests). Empty on failure.
    std::string masterPortOfSlot(int slot, int askPort) const; // "port" of the slot's master
    std::string nodeId(int port) const;
    // Polls until every live node reports cluster_state:ok (timeoutMs in total).
    bool waitForClusterOk(int timeoutMs, const std::vector<int> &skipPorts = {}) const;
    // Each node's state, log tail and nodes.conf, as text.
    std::string report() const;
    // Prints report() to stderr and keeps the nodes' directories.
    void reportFailure(const std::string &what);

private:
    ClusterFixture() = default;
    bool m_ok = false;
    std::string m_error;
    int m_expectedReplicas = -1;
    std::vector<std::unique_ptr<TestServer>> m_nodes;
};

class SentinelFixture
{
public:
    static std::unique_ptr<SentinelFixture> start(const std::string &masterName);
    ~SentinelFixture();

    bool ok() const { return m_ok; }
    const std::string &error() const { return m_error; }
    TestServer &master() { return *m_master; }
    TestServer &replica() { return *m_replica; }
    const std::vector<int> &sentinelPorts() const { return m_sentinelPorts; }
    std::string report() const;
    void reportFailure(const std::string &what); // as ClusterFixture::reportFailure()

private:
    SentinelFixture() = default;
    bool startSentinel(const std::string &masterName, int masterPort);

    bool m_ok = false;
    std::string m_error;
    std::unique_ptr<TestServer> m_master;
    std::unique_ptr<TestServer> m_replica;
    std::vector<int> m_sentinelPorts;
    std::vector<int> m_sentinelPids;
    std::vector<std::string> m_sentinelDirs;
    bool m_keepFiles = false;
};

// Runs a program (argv[0] is the path), waits up to timeoutMs; returns its exit status or -1.
// Its output goes to outputPath when given, else to /dev/null.
int runProgram(const std::vector<std::string> &argv, int timeoutMs,
               const std::string &outputPath = {});

} // namespace redscope::test
