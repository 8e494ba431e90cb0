// Session (see diff_session.h). Harness-only commands (snapshots, resyncs, dataset checks)
// go to the servers directly through the connections and are not counted or compared as
// test commands, except where they are the comparison (dataset check, SCAN iterations).
#include "diff_session.h"

#include "not_yet_served.h"

#include "commands/command_table.h"

#include <algorithm>
#include <cstdlib>
#include <map>

namespace redscope::test::diff {

namespace {

constexpr size_t kHistory = 10;

bool parsePositive(const std::string &text)
{
    char *end = nullptr;
    long long value = std::strtoll(text.c_str(), &end, 10);
    return !text.empty() && *end == '\0' && value > 0;
}

// The members (with their values or scores, if any) a random pick may return.
std::map<std::string, std::string> snapshotFor(Connection &redis, const std::string &name,
                                               const std::string &key)
{
    std::map<std::string, std::string> members;
    Reply reply;
    bool pairs = false;
    if (name == "randomkey") {
        reply = redis.call({"KEYS", "*"});
    } else if (name == "hrandfield") {
        reply = redis.call({"HGETALL", key});
        pairs = true;
    } else if (name == "zrandmember") {
        reply = redis.call({"ZRANGE", key, "0", "-1", "WITHSCORES"});
        pairs = true;
    } else {
        reply = redis.call({"SMEMBERS", key});
    }
    if (!reply.isArray()) return members;
    for (size_t i = 0; i < reply.elements.size(); i += pairs ? 2 : 1)
        members[reply.elements[i].text] =
            pairs && i + 1 < reply.elements.size() ? reply.elements[i + 1].text : "";
    return members;
}

// Runs a SCAN-family command from cursor 0 until the cursor comes back to 0 and returns the
// sorted, deduplicated elements as one array reply (or the first error).
Reply fullIteration(Connection &connection, std::vector<std::string> argv, size_t cursorIndex,
                    bool pairs)
{
    std::set<std::string> items;
    for (int calls = 0; calls < 100000; ++calls) {
        Reply reply = connection.call(argv);
        if (reply.isError() || reply.isFailure()) return reply;
        if (!reply.isArray() || reply.elements.size() != 2 ||
            reply.elements[0].kind != Reply::Kind::Bulk || !reply.elements[1].isArray())
            return Reply::failure("malformed cursor reply " + replyToText(reply));
        const std::vector<Reply> &batch = reply.elements[1].elements;
        if (pairs && batch.size() % 2 != 0)
            return Reply::failure("odd element count in " + replyToText(reply));
        for (size_t i = 0; i < batch.size(); i += pairs ? 2 : 1)
            items.insert(pairs ? quoted(batch[i].text) + " => " + quoted(batch[i + 1].text)
                               : batch[i].text);
        argv[cursorIndex] = reply.elements[0].text;
        if (argv[cursorIndex] == "0") {
            Reply all;
            all.kind = Reply::Kind::Array;
            for (const std::string &item : items) {
                Reply element;
                element.kind = Reply::Kind::Bulk;
                element.text = item;
                all.elements.push_back(std::move(element));
            }
            return all;
        }
    }
    return Reply::failure("cursor did not return to 0 after 100000 calls");
}

} // namespace

Session::Session(const std::string &host, int redisPort, int redscopePort)
    : m_redis(host, redisPort)
    , m_redscope(host, redscopePort)
{
    if (!m_redscope.ok() || !m_redis.ok()) return;
    for (const Reply &name : m_redis.call({"COMMAND", "LIST"}).elements) {
        m_redisCommands.insert(lowercase(name.text));
        if (!isNotYetServed(lowercase(name.text))) m_toExercise.insert(lowercase(name.text));
    }
    Reply list = m_redscope.call({"COMMAND", "LIST"});
    if (list.isArray()) {
        for (const Reply &name : list.elements)
            m_commands.insert(lowercase(name.text));
    } else {
        // Older engine without COMMAND LIST: the table linked into this binary is the same.
        for (const auto &spec : engine::CommandTable::instance().all())
            m_commands.insert(lowercase(spec.name));
    }
}

bool Session::ok() const
{
    return m_redis.ok() && m_redscope.ok() && !m_commands.empty();
}

std::string Session::error() const
{
    if (!m_redis.ok()) return "redis-server: " + m_redis.error();
    if (!m_redscope.ok()) return "redscope-server: " + m_redscope.error();
    return m_commands.empty() ? "redscope-server lists no commands" : "";
}

bool Session::hasCommand(const std::string &name) const
{
    return m_commands.count(lowercase(name)) != 0;
}

bool Session::notYetServed(const std::string &name) const
{
    return isNotYetServed(lowercase(name));
}

bool Session::fail(const std::vector<std::string> &argv, const std::string &redisText,
                   const std::string &redscopeText, const std::string &why)
{
    m_report = "MISMATCH at command #" + std::to_string(m_index) + ": " + argvToText(argv) +
               "\n  redis:    " + redisText + "\n  redscope: " + redscopeText +
               "\n  why:      " + why + "\n  preceding commands (oldest first):";
    if (m_history.empty()) m_report += " none";
    for (const std::string &line : m_history)
        m_report += "\n    " + line;
    if (!m_context.empty()) m_report += "\n  " + m_context;
    return false;
}

bool Session::run(const std::vector<std::string> &argv)
{
    ++m_index;
    const std::string name = lowercase(argv.empty() ? std::string() : argv[0]);
    static const std::set<std::string> control = {"multi", "exec", "discard", "reset", "quit"};
    CommandPolicy policy = policyFor(argv);
    if (m_inMulti && !control.count(name)) policy = {Policy::Exact}; // the reply is QUEUED
    bool matched = true;
    if (policy.policy == Policy::Random) {
        matched = runRandomPick(argv);
    } else if (policy.policy == Policy::CursorIteration) {
        matched = runCursorIteration(argv);
    } else {
        Reply redis = m_redis.call(argv);
        Reply redscope = m_redscope.call(argv);
        std::string why;
        if (policy.policy == Policy::Exec)
            matched = runExec(argv, redis, redscope);
        else if (!repliesMatch(policy, redis, redscope, &why) &&
                 !relativeExpiryRace(argv, redis, redscope))
            matched = fail(argv, replyToText(redis), replyToText(redscope), why);
        if (matched) trackState(argv, redis);
    }
    m_history.push_back("#" + std::to_string(m_index) + " " + argvToText(argv));
    if (m_history.size() > kHistory) m_history.pop_front();
    return matched;
}

// EXPIRE/PEXPIRE k <same amount as the current TTL> GT|LT compares two deadlines a few ms
// apart, so 0 on one server and 1 on the other is the clock, not a bug, as long as both keys
// end up with the same TTL (within the PTTL tolerance).
bool Session::relativeExpiryRace(const std::vector<std::string> &argv, const Reply &redis,
                                 const Reply &redscope)
{
    const std::string name = lowercase(argv[0]);
    if ((name != "expire" && name != "pexpire") || argv.size() < 4) return false;
    bool comparing = false;
    for (size_t i = 3; i < argv.size(); ++i)
        comparing |= lowercase(argv[i]) == "gt" || lowercase(argv[i]) == "lt";
    if (!comparing || redis.kind != Reply::Kind::Integer || redscope.kind != Reply::Kind::Integer)
        return false;
    Reply redisTtl = m_redis.call({"PTTL", argv[1]});
    Reply redscopeTtl = m_redscope.call({"PTTL", argv[1]});
    std::string ignored;
    return repliesMatch({Policy::Tolerant, 2000}, redisTtl, redscopeTtl, &ignored);
}

bool Session::runRandomPick(const std::vector<std::string> &argv)
{
    const std::string name = lowercase(argv[0]);
    const std::string key = argv.size() > 1 ? argv[1] : std::string();
    std::map<std::string, std::string> members = snapshotFor(m_redis, name, key);
    Reply redis = m_redis.call(argv);
    Reply redscope = m_redscope.call(argv);
    std::string why;
    if (!repliesMatch({Policy::Random}, redis, redscope, &why))
        return fail(argv, replyToText(redis), replyToText(redscope), why);

    bool pairs = argv.size() > 3 && ((name == "hrandfield" && lowercase(argv[3]) == "withvalues") ||
                                     (name == "zrandmember" && lowercase(argv[3]) == "withscores"));
    bool distinct = name == "spop" || (argv.size() > 2 && parsePositive(argv[2]));
    std::vector<const Reply *> picked;
    if (redscope.kind == Reply::Kind::Bulk) picked.push_back(&redscope);
    std::set<std::string> seen;
    for (size_t i = 0; i < redscope.elements.size(); i += pairs ? 2 : 1) {
        const Reply &element = redscope.elements[i];
        auto it = members.find(element.text);
        if (element.kind != Reply::Kind::Bulk || it == members.end())
            return fail(argv, replyToText(redis), replyToText(redscope),
                        "redscope picked " + replyToText(element) + ", not a member");
        if (pairs &&
            (i + 1 >= redscope.elements.size() || redscope.elements[i + 1].text != it->second))
            return fail(argv, replyToText(redis), replyToText(redscope),
                        "value/score of " + replyToText(element) + " should be " + it->second);
        if (distinct && !seen.insert(element.text).second)
            return fail(argv, replyToText(redis), replyToText(redscope),
                        "repeated pick " + replyToText(element) + " where picks must be distinct");
    }
    for (const Reply *one : picked)
        if (!members.count(one->text))
            return fail(argv, replyToText(redis), replyToText(redscope),
                        "redscope picked " + replyToText(*one) + ", not a member");
    bool popped = redis.kind == Reply::Kind::Bulk || (redis.isArray() && !redis.elements.empty());
    if (name == "spop" && popped && !resyncSet(key))
        return fail(argv, replyToText(redis), replyToText(redscope),
                    "set sizes differ after SPOP: " + m_report);
    return true;
}

// The servers popped different members; make redscope's set equal to redis's again.
bool Session::resyncSet(const std::string &key)
{
    Reply redisCard = m_redis.call({"SCARD", key});
    if (hasCommand("scard")) {
        Reply redscopeCard = m_redscope.call({"SCARD", key});
        if (replyToText(redisCard) != replyToText(redscopeCard)) {
            m_report = replyToText(redisCard) + " vs " + replyToText(redscopeCard);
            return false;
        }
    }
    if (!hasCommand("sadd")) return true;
    Reply members = m_redis.call({"SMEMBERS", key});
    Reply ttl = m_redis.call({"PTTL", key});
    m_redscope.call({"DEL", key});
    if (members.isArray() && !members.elements.empty()) {
        std::vector<std::string> add{"SADD", key};
        for (const Reply &member : members.elements)
            add.push_back(member.text);
        m_redscope.call(add);
        if (ttl.kind == Reply::Kind::Integer && ttl.integer > 0)
            m_redscope.call({"PEXPIRE", key, std::to_string(ttl.integer)});
    }
    m_history.push_back("(harness) resynced set " + quoted(key) + " after SPOP");
    return true;
}

bool Session::runCursorIteration(const std::vector<std::string> &argv)
{
    const std::string name = lowercase(argv[0]);
    size_t cursorIndex = name == "scan" ? 1 : 2;
    bool pairs = name == "hscan" || name == "zscan";
    Reply redis = fullIteration(m_redis, argv, cursorIndex, pairs);
    Reply redscope = fullIteration(m_redscope, argv, cursorIndex, pairs);
    std::string why;
    if (repliesMatch({Policy::Exact}, redis, redscope, &why)) return true;
    return fail(argv, "full iteration " + replyToText(redis),
                "full iteration " + replyToText(redscope), why);
}

bool Session::runExec(const std::vector<std::string> &argv, const Reply &redis,
                      const Reply &redscope)
{
    std::vector<std::vector<std::string>> queued = std::move(m_queued);
    m_queued.clear();
    std::string why;
    bool elementWise = redis.isArray() && redscope.isArray() &&
                       redis.elements.size() == queued.size() &&
                       redscope.elements.size() == queued.size();
    if (!elementWise) {
        if (!repliesMatch({Policy::Exact}, redis, redscope, &why))
            return fail(argv, replyToText(redis), replyToText(redscope), why);
    }
    for (size_t i = 0; elementWise && i < queued.size(); ++i) {
        CommandPolicy policy = policyFor(queued[i]);
        if (policy.policy == Policy::CursorIteration) policy = {Policy::Shape};
        if (!repliesMatch(policy, redis.elements[i], redscope.elements[i], &why))
            return fail(argv, replyToText(redis), replyToText(redscope),
                        "EXEC element " + std::to_string(i) + " (" + argvToText(queued[i]) +
                            "): " + why);
    }
    m_inMulti = false;
    for (size_t i = 0; elementWise && i < queued.size(); ++i)
        if (lowercase(queued[i][0]) == "select" && redis.elements[i].isStatus("OK"))
            m_db = std::atoi(queued[i][1].c_str());
    return true;
}

void Session::trackState(const std::vector<std::string> &argv, const Reply &redis)
{
    const std::string name = lowercase(argv[0]);
    if (name == "multi" && redis.isStatus("OK")) {
        m_inMulti = true;
        m_queued.clear();
    } else if (name == "exec" || (name == "discard" && redis.isStatus("OK"))) {
        m_inMulti = false;
        m_queued.clear();
    } else if (name == "reset") {
        m_inMulti = false;
        m_queued.clear();
        m_db = 0;
    } else if (m_inMulti && redis.isStatus("QUEUED")) {
        m_queued.push_back(argv);
    } else if (!m_inMulti && name == "select" && redis.isStatus("OK")) {
        m_db = std::atoi(argv[1].c_str());
    }
}

bool Session::verifyDatasets()
{
    if (m_inMulti || !hasCommand("keys") || !hasCommand("select")) return true;
    bool matched = compareDataset(0) && compareDataset(1);
    m_redis.call({"SELECT", std::to_string(m_db)});
    m_redscope.call({"SELECT", std::to_string(m_db)});
    return matched;
}

bool Session::compareDataset(int db)
{
    std::string why;
    auto check = [&](const std::vector<std::string> &argv, CommandPolicy policy) {
        Reply redis = m_redis.call(argv);
        Reply redscope = m_redscope.call(argv);
        if (repliesMatch(policy, redis, redscope, &why)) return true;
        std::vector<std::string> labelled{"(dataset check, db " + std::to_string(db) + ")"};
        labelled.insert(labelled.end(), argv.begin(), argv.end());
        return fail(labelled, replyToText(redis), replyToText(redscope), why);
    };
    if (!check({"SELECT", std::to_string(db)}, {Policy::Exact})) return false;
    if (!check({"KEYS", "*"}, {Policy::Unordered})) return false;
    Reply keys = m_redis.call({"KEYS", "*"});
    for (const Reply &key : keys.elements) {
        if (!check({"TYPE", key.text}, {Policy::Exact})) return false;
        if (hasCommand("pttl") && !check({"PTTL", key.text}, {Policy::Tolerant, 2000}))
            return false;
        std::string type = m_redis.call({"TYPE", key.text}).text;
        bool matched = true;
        if (type == "string" && hasCommand("get"))
            matched = check({"GET", key.text}, {Policy::Exact});
        else if (type == "list" && hasCommand("lrange"))
            matched = check({"LRANGE", key.text, "0", "-1"}, {Policy::Exact});
        else if (type == "hash" && hasCommand("hgetall"))
            matched = check({"HGETALL", key.text}, {Policy::UnorderedPairs});
        else if (type == "set" && hasCommand("smembers"))
            matched = check({"SMEMBERS", key.text}, {Policy::Unordered});
        else if (type == "zset" && hasCommand("zrange"))
            matched = check({"ZRANGE", key.text, "0", "-1", "WITHSCORES"}, {Policy::Exact});
        if (!matched) return false;
        // Redis's signature of the whole value (every type, streams included), for a key
        // without a TTL: one with a TTL may expire on one server between the two calls.
        if (hasCommand("debug") && hasCommand("pttl") &&
            m_redis.call({"PTTL", key.text}).integer == -1 &&
            !check({"DEBUG", "DIGEST-VALUE", key.text}, {Policy::Exact}))
            return false;
    }
    return true;
}

} // namespace redscope::test::diff
