// COMMAND DOCS argument trees (commands/command_docs.cpp): every command and subcommand of
// the command table has a well-formed synopsis and nothing else does; the trees have the
// shape Redis 7 gives them (SET's "condition" oneof, SCAN's MATCH token, multiple flags); and
// on a real redscope-server the option tokens each command documents are the ones Debian's
// redis-server documents for it, compared side by side for every command hiredis can read;
// every command's argument tree (names, types, tokens, flags, key_spec_index, nesting) is
// Redis's, read over raw RESP whatever its depth; COMMAND DOCS and COMMAND INFO accept
// "container|sub" names.
#include "commands/command_docs.h"
#include "commands/command_table.h"
#include "raw_connection.h"
#include "redis_test_client.h"
#include "test_server.h"

#include <QtTest>

#include <regex>
#include <set>

using namespace redscope::engine;
using redscope::test::RedisTestClient;
using redscope::test::TestServer;

namespace {

// Every "token" value in a COMMAND DOCS reply rendered by replyToText: *[...,$token,$NX,...].
std::set<std::string> tokensIn(const std::string &text)
{
    std::set<std::string> tokens;
    static const std::regex pattern(R"(\$token,\$([^,\]]+))");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), pattern);
         it != std::sregex_iterator(); ++it)
        tokens.insert((*it)[1].str());
    return tokens;
}

// A RESP2 value as read off the wire: its type byte, its text (simple string, error,
// integer, bulk) or its elements (array).
struct RespValue
{
    char type = 0;
    std::string text;
    std::vector<RespValue> items;
};

RespValue parseResp(const std::string &bytes, size_t &at)
{
    RespValue value;
    const size_t lineEnd = bytes.find("\r\n", at);
    if (at >= bytes.size() || lineEnd == std::string::npos) return value;
    value.type = bytes[at];
    const std::string line = bytes.substr(at + 1, lineEnd - at - 1);
    at = lineEnd + 2;
    if (value.type == '$') {
        const long long length = std::atoll(line.c_str());
        if (length < 0) return value;
        value.text = bytes.substr(at, static_cast<size_t>(length));
        at += static_cast<size_t>(length) + 2;
    } else if (value.type == '*') {
        for (long long i = 0, n = std::atoll(line.c_str()); i < n; ++i)
            value.items.push_back(parseResp(bytes, at));
    } else {
        value.text = line;
    }
    return value;
}

// The value of `key` in a flat key/value array, or nullptr.
const RespValue *field(const RespValue &map, const std::string &key)
{
    for (size_t i = 0; i + 1 < map.items.size(); i += 2)
        if (map.items[i].text == key) return &map.items[i + 1];
    return nullptr;
}

// An argument tree as text, with what describes its structure (not summaries, versions or
// display texts, whose wording may differ): name, type, key_spec_index, token, flags and
// the nested arguments, in that order.
std::string argumentStructure(const RespValue &arguments)
{
    std::string text = "[";
    for (const RespValue &argument : arguments.items) {
        text += "{";
        for (const char *key : {"name", "type", "key_spec_index", "token"})
            if (const RespValue *value = field(argument, key))
                text += std::string(key) + "=" + value->text + " ";
        if (const RespValue *flags = field(argument, "flags")) {
            text += "flags=";
            for (const RespValue &flag : flags->items)
                text += flag.text + ",";
            text += " ";
        }
        if (const RespValue *nested = field(argument, "arguments"))
            text += "arguments=" + argumentStructure(*nested);
        text += "}";
    }
    return text + "]";
}

// The argument structure of one command's COMMAND DOCS reply; "" when it documents nothing.
std::string docsStructure(redscope::test::RawConnection &connection, const std::string &name)
{
    const std::string bytes = connection.sendForReply({"COMMAND", "DOCS", name}, 0);
    size_t at = 0;
    const RespValue reply = parseResp(bytes, at);
    if (reply.items.size() != 2) return "";
    const RespValue *arguments = field(reply.items[1], "arguments");
    return arguments ? argumentStructure(*arguments) : "[]";
}

std::string joined(const std::set<std::string> &items)
{
    std::string text;
    for (const std::string &item : items)
        text += (text.empty() ? "" : " ") + item;
    return text;
}

// Every command and "command|subcommand" of the engine's table, in table order.
std::vector<std::string> tableNames()
{
    std::vector<std::string> names;
    for (const CommandSpec &spec : CommandTable::instance().all()) {
        names.push_back(spec.name);
        if (const auto *subs = CommandTable::subcommands(spec))
            for (const SubcommandSpec &sub : *subs)
                names.push_back(std::string(spec.name) + "|" + sub.name);
    }
    return names;
}

} // namespace

class TestCommandDocs : public QObject
{
    Q_OBJECT

private slots:
    void everyCommandIsDocumentedOnce()
    {
        const std::vector<std::string> names = tableNames();
        const std::set<std::string> expected(names.begin(), names.end());
        std::set<std::string> documented;
        for (std::string_view name : CommandDocs::documentedNames()) {
            QVERIFY2(documented.insert(std::string(name)).second, name.data());
            QVERIFY2(CommandDocs::synopsis(name) != "<malformed>", name.data());
        }
        std::set<std::string> missing, extra;
        for (const std::string &name : expected)
            if (!documented.count(name)) missing.insert(name);
        // A container may be documented before its row lands in the command table.
        for (const std::string &name : documented)
            if (!expected.count(name) &&
                CommandTable::instance().find(name.substr(0, name.find('|'))))
                extra.insert(name);
        QVERIFY2(missing.empty(), ("undocumented: " + joined(missing)).c_str());
        QVERIFY2(extra.empty(), ("not in the command table: " + joined(extra)).c_str());
    }

    void setHasRedisShape()
    {
        const std::vector<ArgumentDoc> *args = CommandDocs::arguments("SET");
        QVERIFY(args);
        QCOMPARE(args->size(), size_t(5));
        QCOMPARE(args->at(0).name, std::string("key"));
        QCOMPARE(args->at(0).type, std::string("key"));
        QCOMPARE(args->at(1).type, std::string("string"));
        const ArgumentDoc &condition = args->at(2);
        QCOMPARE(condition.name, std::string("condition"));
        QCOMPARE(condition.type, std::string("oneof"));
        QVERIFY(condition.optional);
        QCOMPARE(condition.arguments.size(), size_t(2));
        QCOMPARE(condition.arguments[0].type, std::string("pure-token"));
        QCOMPARE(condition.arguments[0].token, std::string("NX"));
        QCOMPARE(args->at(3).token, std::string("GET"));
        QVERIFY(args->at(3).optional);
        const ArgumentDoc &expiration = args->at(4);
        QCOMPARE(expiration.arguments.size(), size_t(5));
        QCOMPARE(expiration.arguments[0].token, std::string("EX"));
        QCOMPARE(expiration.arguments[0].name, std::string("seconds"));
        QCOMPARE(expiration.arguments[0].type, std::string("integer"));
    }

    // Each argument's key_spec_index comes from the command's key specs: the spec that finds
    // that key (or, for SORT, that key pattern).
    void keySpecIndexesFollowTheKeySpecs()
    {
        auto indexOf = [](std::string_view command, std::string_view token, std::string_view name) {
            for (const ArgumentDoc &doc : *CommandDocs::arguments(command))
                if (doc.token == token && doc.name == name) return doc.keySpecIndex;
            return -2;
        };
        QCOMPARE(indexOf("sort", "", "key"), 0);
        QCOMPARE(indexOf("sort", "BY", "pattern"), 1);
        QCOMPARE(indexOf("sort", "GET", "pattern"), 1);
        QCOMPARE(indexOf("sort", "STORE", "destination"), 2);
        QCOMPARE(indexOf("sort", "LIMIT", "offset_count"), -1);
        QCOMPARE(indexOf("migrate", "KEYS", "key"), 1);
        QCOMPARE(indexOf("zunionstore", "", "destination"), 0);
        QCOMPARE(indexOf("zunionstore", "", "key"), 1);
        QCOMPARE(indexOf("lcs", "", "key1"), 0);
        QCOMPARE(indexOf("lcs", "", "key2"), 0);
        QCOMPARE(indexOf("georadius", "STORE", "key"), 1);
        QCOMPARE(indexOf("georadius", "STOREDIST", "key"), 2);
        QCOMPARE(indexOf("keys", "", "pattern"), -1); // a pattern, but no key spec
    }

    void multipleAndBlocks()
    {
        const std::vector<ArgumentDoc> *mset = CommandDocs::arguments("mset");
        QVERIFY(mset && mset->size() == 1);
        QCOMPARE(mset->front().type, std::string("block"));
        QVERIFY(mset->front().multiple);
        QCOMPARE(mset->front().arguments.size(), size_t(2));

        const std::vector<ArgumentDoc> *tracking = CommandDocs::arguments("client|tracking");
        QVERIFY(tracking);
        const auto prefix = std::find_if(tracking->begin(), tracking->end(),
                                         [](const ArgumentDoc &a) { return a.token == "PREFIX"; });
        QVERIFY(prefix != tracking->end());
        QVERIFY(prefix->optional && prefix->multiple && prefix->multipleToken);

        const std::vector<ArgumentDoc> *zrange = CommandDocs::arguments("zrange");
        const auto limit = std::find_if(zrange->begin(), zrange->end(),
                                        [](const ArgumentDoc &a) { return a.token == "LIMIT"; });
        QVERIFY(limit != zrange->end());
        QCOMPARE(limit->type, std::string("block"));
        QCOMPARE(limit->arguments.size(), size_t(2));
        QVERIFY(CommandDocs::arguments("ping") && CommandDocs::arguments("nosuch") == nullptr);
    }

    // The same option tokens as Redis 7.0, over the wire (RESP2, what hiredis 0.14 reads).
    void tokensMatchRedis()
    {
        auto ours = TestServer::startRedscope();
        QVERIFY2(ours->ok(), ours->error().c_str());
        auto redis = TestServer::startRedis();
        QVERIFY2(redis->ok(), redis->error().c_str());
        // Every command and subcommand whose Redis docs hiredis 0.14 can read; a deeper reply
        // breaks the connection, and a new client carries on with the next name.
        const std::vector<std::string> names = tableNames();
        auto ourClient = std::make_unique<RedisTestClient>("127.0.0.1", ours->port());
        auto redisClient = std::make_unique<RedisTestClient>("127.0.0.1", redis->port());
        std::set<std::string> compared;
        std::string mismatches;
        for (const std::string &name : names) {
            const std::string fromOurs = ourClient->run({"COMMAND", "DOCS", name});
            const std::string fromRedis = redisClient->run({"COMMAND", "DOCS", name});
            if (fromOurs.starts_with("<io error"))
                ourClient = std::make_unique<RedisTestClient>("127.0.0.1", ours->port());
            if (fromRedis.starts_with("<io error"))
                redisClient = std::make_unique<RedisTestClient>("127.0.0.1", redis->port());
            if (!fromOurs.starts_with("*[$") || !fromRedis.starts_with("*[$")) continue;
            compared.insert(name);
            const std::string ourTokens = joined(tokensIn(fromOurs));
            const std::string redisTokens = joined(tokensIn(fromRedis));
            if (ourTokens != redisTokens)
                mismatches +=
                    "\n  " + name + ": ours [" + ourTokens + "] redis [" + redisTokens + "]";
        }
        QVERIFY2(mismatches.empty(), mismatches.c_str());
        const char *mustCompare[] = {"set",  "getex",       "zadd",         "zrange",
                                     "scan", "client|list", "memory|usage", "config|get"};
        for (const char *name : mustCompare)
            QVERIFY2(compared.count(name), name);
        QVERIFY2(compared.size() >= 150, std::to_string(compared.size()).c_str());

        RedisTestClient a("127.0.0.1", ours->port());
        QVERIFY(a.connected());
        // A container lists its subcommands' docs, and "container|sub" is looked up.
        const std::string config = a.run({"COMMAND", "DOCS", "config"});
        QVERIFY2(config.find("$subcommands") != std::string::npos, config.c_str());
        QVERIFY(config.find("$config|set") != std::string::npos);
        QCOMPARE(a.run({"COMMAND", "DOCS", "nosuchcommand"}), std::string("*[]"));
        // COMMAND INFO (the shallow fallback clients use) names subcommands the same way.
        const std::string kill = a.run({"COMMAND", "INFO", "client|kill"});
        QVERIFY2(kill.starts_with("*[*[$client|kill,:-3,"), kill.c_str());
        QVERIFY(a.run({"COMMAND", "INFO", "config"}).find("$config|get,:-3") != std::string::npos);
        QCOMPARE(a.run({"COMMAND", "INFO", "client|nosuch"}), std::string("*[(nil)]"));
    }

    // Every command's argument tree is Redis 7.0.15's: names, types, tokens, flags, nesting
    // and each key's key_spec_index, read over raw RESP (some trees are deeper than hiredis
    // 0.14 reads). Commands redis-server has and the engine has not (MODULE) are skipped.
    void argumentStructureMatchesRedis()
    {
        auto ours = TestServer::startRedscope();
        auto redis = TestServer::startRedis();
        QVERIFY2(ours->ok(), ours->error().c_str());
        QVERIFY2(redis->ok(), redis->error().c_str());
        redscope::test::RawConnection ourConnection(ours->port()), redisConnection(redis->port());
        const std::vector<std::string> names = tableNames();
        std::string mismatches;
        size_t compared = 0, keyArguments = 0;
        for (const std::string &name : names) {
            const std::string fromRedis = docsStructure(redisConnection, name);
            if (fromRedis.empty()) continue; // not a redis-server 7.0.15 command
            const std::string fromOurs = docsStructure(ourConnection, name);
            ++compared;
            for (size_t at = fromOurs.find("key_spec_index="); at != std::string::npos;
                 at = fromOurs.find("key_spec_index=", at + 1))
                ++keyArguments;
            if (fromOurs != fromRedis)
                mismatches +=
                    "\n  " + name + ":\n    ours  " + fromOurs + "\n    redis " + fromRedis;
        }
        QVERIFY2(mismatches.empty(), mismatches.c_str());
        QVERIFY2(compared >= 300, std::to_string(compared).c_str());
        QVERIFY2(keyArguments >= 200, std::to_string(keyArguments).c_str());
    }
};

QTEST_GUILESS_MAIN(TestCommandDocs)
#include "tst_command_docs.moc"
