// Policy table and reply comparison for the differential harness (see compare_policy.h).
// The table is keyed by command name (and subcommand where it matters); everything not
// listed is compared exactly, so a new command is strict by default.
#include "compare_policy.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <set>

namespace redscope::test::diff {

std::string lowercase(std::string text)
{
    for (char &c : text)
        c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return text;
}

CommandPolicy policyFor(const std::vector<std::string> &argv)
{
    if (argv.empty()) return {};
    const std::string name = lowercase(argv[0]);
    const std::string sub = argv.size() > 1 ? lowercase(argv[1]) : std::string();
    static const std::set<std::string> unordered = {"smembers", "sinter", "sunion", "sdiff",
                                                    "hkeys",    "hvals",  "keys"};
    static const std::set<std::string> random = {"srandmember", "spop", "hrandfield", "zrandmember",
                                                 "randomkey"};
    static const std::set<std::string> shapeOnly = {"info",  "time",    "lastsave", "memory",
                                                    "debug", "latency", "slowlog",  "dump",
                                                    "hello", "monitor", "lolwut"};
    if (unordered.count(name)) return {Policy::Unordered};
    if (name == "hgetall") return {Policy::UnorderedPairs};
    if (random.count(name)) return {Policy::Random};
    if (shapeOnly.count(name)) return {Policy::Shape};
    if (name == "exec") return {Policy::Exec};
    if (name == "ttl" || name == "expiretime") return {Policy::Tolerant, 2};
    if (name == "pttl" || name == "pexpiretime") return {Policy::Tolerant, 2000};
    if (name == "scan" || name == "sscan" || name == "hscan" || name == "zscan") {
        size_t cursorIndex = name == "scan" ? 1 : 2;
        if (argv.size() > cursorIndex && argv[cursorIndex] == "0") return {Policy::CursorIteration};
        return {Policy::Shape};
    }
    if (name == "config")
        return sub == "get" ? CommandPolicy{Policy::UnorderedPairs} : CommandPolicy{};
    if (name == "pubsub")
        return sub == "channels" ? CommandPolicy{Policy::Unordered} : CommandPolicy{};
    if (name == "client") {
        static const std::set<std::string> exact = {"getname", "setname", "no-evict"};
        return exact.count(sub) ? CommandPolicy{} : CommandPolicy{Policy::Shape};
    }
    if (name == "command") return sub == "getkeys" ? CommandPolicy{} : CommandPolicy{Policy::Shape};
    // OBJECT ENCODING is compared exactly: the engine keeps Redis's encodings and conversion
    // thresholds. IDLETIME, FREQ and REFCOUNT depend on timing and sharing: shape only.
    if (name == "object") return sub == "encoding" ? CommandPolicy{} : CommandPolicy{Policy::Shape};
    if (name == "xpending" || name == "xinfo") return {Policy::Clocked};
    // A library's functions come in Redis's hash-table order (nondeterministic_output_order).
    if (name == "function" && sub == "list") return {Policy::Shape};
    return {};
}

namespace {

const char *kindName(Reply::Kind kind)
{
    switch (kind) {
    case Reply::Kind::Status:
        return "status";
    case Reply::Kind::Error:
        return "error";
    case Reply::Kind::Integer:
        return "integer";
    case Reply::Kind::Bulk:
        return "bulk";
    case Reply::Kind::NilBulk:
        return "nil bulk";
    case Reply::Kind::NilArray:
        return "nil array";
    case Reply::Kind::Array:
        return "array";
    case Reply::Kind::Failure:
        return "failure";
    }
    return "?";
}

std::string sortedText(const Reply &reply, bool pairs)
{
    if (!reply.isArray()) return replyToText(reply);
    std::vector<std::string> items;
    size_t step = pairs ? 2 : 1;
    for (size_t i = 0; i < reply.elements.size(); i += step) {
        std::string item = replyToText(reply.elements[i]);
        if (pairs && i + 1 < reply.elements.size())
            item += " => " + replyToText(reply.elements[i + 1]);
        items.push_back(std::move(item));
    }
    std::sort(items.begin(), items.end());
    std::string out = "{";
    for (size_t i = 0; i < items.size(); ++i)
        out += (i ? ", " : "") + items[i];
    return out + "}";
}

bool shapeMatches(const Reply &redis, const Reply &redscope, bool sizes, std::string *why)
{
    if (redis.kind != redscope.kind) {
        *why = std::string("reply kinds differ: ") + kindName(redis.kind) + " vs " +
               kindName(redscope.kind);
        return false;
    }
    if (redis.isError() && redis.text != redscope.text) {
        *why = "error texts differ";
        return false;
    }
    if (sizes && redis.isArray() && redis.elements.size() != redscope.elements.size()) {
        *why = "array sizes differ";
        return false;
    }
    return true;
}

// Zeroes what depends on each server's clock or internals: integers after "idle",
// "seen-time" and "radix-tree-nodes", the idle column of XPENDING's extended rows, and
// anything that looks like a Unix time in ms (delivery times in XINFO STREAM FULL).
Reply withoutClocks(Reply reply)
{
    if (reply.kind == Reply::Kind::Integer && reply.integer >= 1000000000000LL) reply.integer = 0;
    if (!reply.isArray()) return reply;
    for (size_t i = 0; i < reply.elements.size(); ++i) {
        Reply &item = reply.elements[i];
        item = withoutClocks(item);
        const bool clockKey =
            item.kind == Reply::Kind::Bulk &&
            (item.text == "idle" || item.text == "seen-time" || item.text == "radix-tree-nodes");
        if (clockKey && i + 1 < reply.elements.size() &&
            reply.elements[i + 1].kind == Reply::Kind::Integer)
            reply.elements[++i].integer = 0;
        // XPENDING extended: [id, consumer, idle, deliveries]
        if (item.isArray() && item.elements.size() == 4 &&
            item.elements[1].kind == Reply::Kind::Bulk &&
            item.elements[2].kind == Reply::Kind::Integer &&
            item.elements[3].kind == Reply::Kind::Integer)
            item.elements[2].integer = 0;
    }
    return reply;
}

} // namespace

bool repliesMatch(const CommandPolicy &policy, const Reply &redis, const Reply &redscope,
                  std::string *why)
{
    if (redis.isFailure() || redscope.isFailure()) {
        *why = "no valid reply from " + std::string(redis.isFailure() ? "redis" : "redscope");
        return false;
    }
    switch (policy.policy) {
    case Policy::Exact:
        if (replyToText(redis) == replyToText(redscope)) return true;
        *why = "replies differ";
        return false;
    case Policy::Unordered:
    case Policy::UnorderedPairs:
        if (sortedText(redis, policy.policy == Policy::UnorderedPairs) ==
            sortedText(redscope, policy.policy == Policy::UnorderedPairs))
            return true;
        *why = "replies differ (compared without order)";
        return false;
    case Policy::Random:
        return shapeMatches(redis, redscope, true, why);
    case Policy::Clocked:
        if (replyToText(withoutClocks(redis)) == replyToText(withoutClocks(redscope))) return true;
        *why = "replies differ (clock readings aside)";
        return false;
    case Policy::Shape:
    case Policy::CursorIteration:
    case Policy::Exec:
        return shapeMatches(redis, redscope, false, why);
    case Policy::Tolerant:
        if (redis.kind == Reply::Kind::Integer && redscope.kind == Reply::Kind::Integer &&
            redis.integer >= 0 && redscope.integer >= 0) {
            if (std::llabs(redis.integer - redscope.integer) <= policy.tolerance) return true;
            *why = "integers differ by more than " + std::to_string(policy.tolerance);
            return false;
        }
        if (replyToText(redis) == replyToText(redscope)) return true;
        *why = "replies differ";
        return false;
    }
    return false;
}

} // namespace redscope::test::diff
