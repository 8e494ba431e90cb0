// How the replies of one command are compared between redis-server and redscope-server.
// Exact text is the rule; the exceptions are only where Redis itself promises nothing:
// unordered collections (SMEMBERS, HGETALL, KEYS, set algebra), random picks (SRANDMEMBER,
// SPOP, HRANDFIELD, ZRANDMEMBER, RANDOMKEY: shape, size and membership), cursors (SCAN family:
// the union of a full iteration), times (TTL/PTTL within a tolerance, since the two servers
// see the command a few ms apart) and introspection whose content is per-process (INFO,
// CLIENT, OBJECT, MEMORY, DEBUG, TIME, LATENCY, SLOWLOG, COMMAND lists: shape only).
// Error replies are always compared word for word.
#pragma once

#include "reply.h"

#include <string>
#include <vector>

namespace redscope::test::diff {

enum class Policy {
    Exact,
    Unordered,       // top-level array elements as a multiset
    UnorderedPairs,  // top-level array as field/value pairs, pair order free (HGETALL)
    Shape,           // same reply kind; errors compared exactly
    Random,          // shape + array size + membership (checked by Session with a snapshot)
    Tolerant,        // integers within `tolerance`; negative sentinels (-1, -2) exact
    CursorIteration, // SCAN-family call with cursor 0: Session compares full iterations
    Exec,            // EXEC: element-wise with the policies of the queued commands
    Clocked,         // exact, once clock readings are zeroed (stream idle and delivery times)
};

struct CommandPolicy
{
    Policy policy = Policy::Exact;
    long long tolerance = 0;
};

std::string lowercase(std::string text);

CommandPolicy policyFor(const std::vector<std::string> &argv);

// Compares two replies under a policy that needs no server access. Random compares shape and
// size here (membership is Session's job); CursorIteration and Exec fall back to Shape.
// On mismatch, `why` says what differed.
bool repliesMatch(const CommandPolicy &policy, const Reply &redis, const Reply &redscope,
                  std::string *why);

} // namespace redscope::test::diff
