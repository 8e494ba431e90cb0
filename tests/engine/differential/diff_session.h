// A differential session: one connection to redis-server (the reference) and one to
// redscope-server, the same commands sent to both, replies compared under the command's
// policy (compare_policy.h). The session also carries what a policy needs beyond two replies:
// a snapshot of the key before a random pick (membership), full cursor iterations for SCAN,
// the queued commands of a MULTI (EXEC is compared element by element), a resync after SPOP
// (the servers popped different members), and a whole-dataset comparison on demand.
//
// On the first mismatch run() returns false and report() holds the command, its index, both
// replies, why they differ and the preceding commands; the caller adds the seed.
#pragma once

#include "compare_policy.h"
#include "connection.h"

#include <deque>
#include <set>
#include <string>
#include <vector>

namespace redscope::test::diff {

class Session
{
public:
    Session(const std::string &host, int redisPort, int redscopePort);

    bool ok() const;
    std::string error() const;

    // Lowercased names of the commands redscope-server serves (COMMAND LIST).
    const std::set<std::string> &redscopeCommands() const { return m_commands; }
    bool hasCommand(const std::string &name) const;
    // True for a command named in not_yet_served.h: skipped (on both servers). Any other
    // command redis-server knows is sent, so one the engine lacks is a mismatch.
    bool notYetServed(const std::string &name) const;
    // redis-server's commands less those on the not-yet-served list: what generators may use.
    const std::set<std::string> &commandsToExercise() const { return m_toExercise; }

    // Sends argv to both servers and compares. False on mismatch (see report()).
    bool run(const std::vector<std::string> &argv);
    // Compares every key (type, value, TTL) of databases 0 and 1 on both servers, reading
    // each type only if redscope serves its read command.
    bool verifyDatasets();

    const std::string &report() const { return m_report; }
    size_t commandsRun() const { return m_index; }
    // Free text added to every report (e.g. the seed and how to replay).
    void setContext(std::string context) { m_context = std::move(context); }

    Connection &redis() { return m_redis; }
    Connection &redscope() { return m_redscope; }

private:
    bool fail(const std::vector<std::string> &argv, const std::string &redisText,
              const std::string &redscopeText, const std::string &why);
    bool runRandomPick(const std::vector<std::string> &argv);
    bool relativeExpiryRace(const std::vector<std::string> &argv, const Reply &redis,
                            const Reply &redscope);
    bool runCursorIteration(const std::vector<std::string> &argv);
    bool runExec(const std::vector<std::string> &argv, const Reply &redis, const Reply &redscope);
    void trackState(const std::vector<std::string> &argv, const Reply &redis);
    bool resyncSet(const std::string &key);
    bool compareDataset(int db);

    Connection m_redis;
    Connection m_redscope;
    std::set<std::string> m_commands;
    std::set<std::string> m_redisCommands;
    std::set<std::string> m_toExercise;
    std::deque<std::string> m_history;
    std::string m_report;
    std::string m_context;
    size_t m_index = 0;
    int m_db = 0;
    bool m_inMulti = false;
    std::vector<std::vector<std::string>> m_queued;
};

} // namespace redscope::test::diff
