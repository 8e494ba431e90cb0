// Access control against real servers, side by side with Debian's redis-server 7.0: ACL
// SETUSER rules and their errors, ACL LIST/GETUSER descriptions, what a restricted user may
// run (commands, subcommands, first arguments, key and channel patterns, selectors), ACL LOG,
// DRYRUN, CAT, GENPASS, DELUSER, AUTH/HELLO with requirepass, the aclfile with ACL SAVE/LOAD,
// `user` and `rename-command` lines in a config file, and protected mode seen from a peer
// address other than 127.0.0.1. Replies must match word for word, except where Redis
// leaves an order to its hash tables (single commands in a rule list, ACL CAT members).
#include "side_by_side.h"

#include <QtTest>

#include <fstream>
#include <sstream>

using redscope::test::RedisTestClient;
using redscope::test::ServerPair;
using redscope::test::TestServer;

namespace {

// ACL LIST lines and GETUSER "commands" end with single-command rules in Redis's hash-table
// order: sort every run of "+cmd"/"-cmd" tokens; category rules keep their place.
std::string normalizeRules(const std::string &text)
{
    std::istringstream in(text);
    std::vector<std::string> tokens, run, out;
    std::string token;
    auto flush = [&] {
        std::sort(run.begin(), run.end());
        out.insert(out.end(), run.begin(), run.end());
        run.clear();
    };
    while (in >> token) {
        bool single = (token[0] == '+' || token[0] == '-') && token.size() > 1 && token[1] != '@';
        if (single) {
            run.push_back(token);
        } else {
            flush();
            out.push_back(token);
        }
    }
    flush();
    std::string joined;
    for (const std::string &t : out)
        joined += (joined.empty() ? "" : " ") + t;
    return joined;
}

// The reply flattened to its strings (one array level; nested arrays as canonical text).
std::vector<std::string> stringsOf(RedisTestClient &client, const std::vector<std::string> &args)
{
    RedisTestClient::Reply reply = client.command(args);
    std::vector<std::string> result;
    if (!reply) return {"<io error>"};
    if (reply->type != REDIS_REPLY_ARRAY) {
        result.push_back(redscope::test::replyToText(reply.get()));
    } else {
        for (size_t i = 0; i < reply->elements; ++i) {
            const redisReply *e = reply->element[i];
            result.push_back(e->type == REDIS_REPLY_STRING ? std::string(e->str, e->len)
                                                           : redscope::test::replyToText(e));
        }
    }
    return result;
}

std::string normalizedList(RedisTestClient &client)
{
    std::string text;
    for (const std::string &line : stringsOf(client, {"ACL", "LIST"}))
        text += normalizeRules(line) + "\n";
    return text;
}

// ACL GETUSER as "field=value;" with the command rules normalized.
std::string normalizedUser(RedisTestClient &client, const std::string &name)
{
    std::vector<std::string> items = stringsOf(client, {"ACL", "GETUSER", name});
    std::string text;
    for (size_t i = 0; i + 1 < items.size(); i += 2) {
        std::string value = items[i] == "commands" ? normalizeRules(items[i + 1]) : items[i + 1];
        text += items[i] + "=" + value + ";";
    }
    return items.size() == 1 ? items[0] : text;
}

// ACL LOG without the parts that depend on timing and connection details.
std::string logSummary(RedisTestClient &client)
{
    std::vector<const char *> argv{"ACL", "LOG"};
    auto *reply =
        static_cast<redisReply *>(redisCommandArgv(client.context(), 2, argv.data(), nullptr));
    if (!reply || reply->type != REDIS_REPLY_ARRAY) {
        std::string text = redscope::test::replyToText(reply);
        if (reply) freeReplyObject(reply);
        return text;
    }
    std::string text;
    for (size_t i = 0; i < reply->elements; ++i) {
        const redisReply *entry = reply->element[i];
        for (size_t j = 0; j + 1 < entry->elements; j += 2) {
            std::string field(entry->element[j]->str, entry->element[j]->len);
            if (field == "age-seconds") continue;
            if (field == "client-info") {
                std::string info(entry->element[j + 1]->str, entry->element[j + 1]->len);
                text += info.find(" user=") != std::string::npos ? "info-ok " : "info-bad ";
                continue;
            }
            text += field + "=" + redscope::test::replyToText(entry->element[j + 1]) + " ";
        }
        text += "\n";
    }
    freeReplyObject(reply);
    return text;
}

std::string readFile(const std::string &path)
{
    std::ifstream in(path);
    std::stringstream buffer;
    buffer << in.rdbuf();
    return buffer.str();
}

void writeFile(const std::string &path, const std::string &text)
{
    std::ofstream out(path, std::ios::trunc);
    out << text;
}

} // namespace

class TestAcl : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair;

    template <typename Scenario> void compareBoth(Scenario scenario)
    {
        REDSCOPE_VERIFY_SAME(m_pair.compareBoth(scenario));
    }

    // Starts a pair with the same extra arguments (and config file text, if any), runs the
    // scenario on each and compares the transcripts.
    template <typename Scenario>
    void compareFreshPair(const std::vector<std::string> &args, const std::string &config,
                          Scenario scenario)
    {
        std::string configPath;
        if (!config.empty()) {
            char name[] = "/tmp/redscope-acl-conf-XXXXXX";
            int fd = mkstemp(name);
            QVERIFY(fd >= 0);
            close(fd);
            configPath = name;
            writeFile(configPath, config);
        }
        auto ours = TestServer::start(TestServer::redscopeServerPath(), args, configPath);
        auto redis = TestServer::start(TestServer::redisServerPath(), args, configPath);
        if (!configPath.empty()) std::remove(configPath.c_str());
        QVERIFY2(ours->ok(), ours->error().c_str());
        QVERIFY2(redis->ok(), redis->error().c_str());
        std::vector<std::string> fromOurs = scenario(*ours);
        std::vector<std::string> fromRedis = scenario(*redis);
        REDSCOPE_VERIFY_SAME(redscope::test::compareTranscripts(fromOurs, fromRedis));
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error), error.c_str());
    }

    void init()
    {
        for (RedisTestClient *client : {&m_pair.oursClient(), &m_pair.redisClient()}) {
            std::vector<std::string> users = stringsOf(*client, {"ACL", "USERS"});
            for (const std::string &user : users)
                if (user != "default") client->run({"ACL", "DELUSER", user});
            client->run({"ACL", "LOG", "RESET"});
            client->run({"FLUSHALL"});
        }
    }

    void setUserErrors()
    {
        REDSCOPE_VERIFY_SAME(m_pair.compare({
            {"ACL", "SETUSER", "e", "foo"},
            {"ACL", "SETUSER", "e", "+nosuch"},
            {"ACL", "SETUSER", "e", "+@nosuch"},
            {"ACL", "SETUSER", "e", "~*", "~a"},
            {"ACL", "SETUSER", "e", "&*", "&a"},
            {"ACL", "SETUSER", "e", "<nopw"},
            {"ACL", "SETUSER", "e", "#abc"},
            {"ACL", "SETUSER", "e", "!abc"},
            {"ACL", "SETUSER", "e", "-select|0"},
            {"ACL", "SETUSER", "e", "+config|nosuch"},
            {"ACL", "SETUSER", "e", "+config|get|x"},
            {"ACL", "SETUSER", "e", "+acl|cat|x"},
            {"ACL", "SETUSER", "e", "+config|"},
            {"ACL", "SETUSER", "e", "%X~a"},
            {"ACL", "SETUSER", "e", "%~a"},
            {"ACL", "SETUSER", "e", "%RWR~a"},
            {"ACL", "SETUSER", "e", "~a b"},
            {"ACL", "SETUSER", "a b"},
            {"ACL", "SETUSER"},
            {"ACL", "GETUSER", "e"}, // nothing was created by the failed calls
            {"ACL", "DELUSER", "default"},
            {"ACL", "DELUSER", "nosuch"},
            {"ACL", "CAT", "nosuch"},
            {"ACL", "CAT", "a", "b"},
            {"ACL", "GENPASS", "0"},
            {"ACL", "GENPASS", "5000"},
            {"ACL", "GENPASS", "x"},
            {"ACL", "LOG", "x"},
            {"ACL", "LOG", "1", "2"},
            {"ACL", "DRYRUN", "nosuch", "get", "a"},
            {"ACL", "DRYRUN", "default", "nosuch"},
            {"ACL", "DRYRUN", "default", "get"},
            {"ACL", "DRYRUN", "default", "get", "a"},
            {"ACL", "SAVE"},
            {"ACL", "LOAD"},
            {"ACL", "WHOAMI", "x"},
            {"ACL", "NOSUCH"},
            {"ACL"},
            {"ACL", "WHOAMI"},
            {"AUTH", "x"},
            {"AUTH", "a", "b"},
            {"HELLO", "3", "AUTH", "a", "b"},
            {"ACL", "HELP"},
        }));
    }

    void listAndGetUserDescribeRules()
    {
        const std::vector<std::vector<std::string>> users = {
            {"u1", "on", ">p1", "~k*", "&ch*", "+get", "+set", "+@hash", "-hget", "+config|get",
             "+select|0"},
            {"u2", "%R~r*", "%W~w*", "%RW~b*", "allchannels", "+@read", "-@all", "+get", ">",
             ">" + std::string(100, 'x')}, // empty and multi-block SHA-256 inputs
            {"u3", "on", "nopass", "+@all", "-@dangerous", "~*", "&*", "-get", "+config"},
            {"u4", "nocommands", "+@read", "+@write", "skip-sanitize-payload"},
            {"u5", ">a", ">b", "<a", "#" + std::string(64, 'f'), "~x", "allkeys", "reset", "on",
             "+@all", "-flushall", "resetchannels", "&news.*"},
            {"u6", "on", ">x", "~k*", "+get", "(~s* +set &c)", "(%R~r* +@read)"},
            {"u7", "+@admin", "-config|set", "+client|setname", "-@dangerous", "+config|get"},
        };
        for (const auto &rules : users) {
            std::vector<std::string> args{"ACL", "SETUSER"};
            args.insert(args.end(), rules.begin(), rules.end());
            QCOMPARE(m_pair.oursClient().run(args), m_pair.redisClient().run(args));
        }
        QCOMPARE(normalizedList(m_pair.oursClient()), normalizedList(m_pair.redisClient()));
        for (const auto &rules : users)
            QCOMPARE(normalizedUser(m_pair.oursClient(), rules[0]),
                     normalizedUser(m_pair.redisClient(), rules[0]));
        REDSCOPE_VERIFY_SAME(m_pair.compare({{"ACL", "USERS"},
                                             {"ACL", "SETUSER", "u1", "clearselectors", "off"},
                                             {"ACL", "GETUSER", "nosuch"},
                                             {"ACL", "DELUSER", "u1", "u2", "nosuch"},
                                             {"ACL", "USERS"}}));
    }

    void restrictedUserPermissions()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient admin("127.0.0.1", server.port());
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(admin.run({"ACL",
                                   "SETUSER",
                                   "z",
                                   "on",
                                   ">zz",
                                   "~k*",
                                   "%R~r*",
                                   "%W~w*",
                                   "&c*",
                                   "+get",
                                   "+set",
                                   "+mget",
                                   "+publish",
                                   "+subscribe",
                                   "+psubscribe",
                                   "+select|0",
                                   "+client|setname",
                                   "+acl|whoami",
                                   "+multi",
                                   "+exec",
                                   "+zunion",
                                   "+exists",
                                   "+ping"}));
            t.push_back(admin.run({"SET", "k1", "v"}));
            t.push_back(c.run({"AUTH", "z", "wrong"}));
            t.push_back(c.run({"AUTH", "z", "zz"}));
            t.push_back(c.run({"ACL", "WHOAMI"}));
            t.push_back(c.run({"GET", "k1"}));
            t.push_back(c.run({"GET", "other"}));
            t.push_back(c.run({"INCR", "k1"}));
            t.push_back(c.run({"MGET", "k1", "other"}));
            t.push_back(c.run({"GET", "r1"}));
            t.push_back(c.run({"SET", "r1", "v"}));
            t.push_back(c.run({"SET", "w1", "v"}));
            t.push_back(c.run({"GET", "w1"}));
            t.push_back(c.run({"ZUNION", "2", "k1", "nope"}));
            t.push_back(c.run({"PUBLISH", "c1", "m"}));
            t.push_back(c.run({"PUBLISH", "d1", "m"}));
            t.push_back(c.run({"SELECT", "1"}));
            t.push_back(c.run({"SELECT", "0"}));
            t.push_back(c.run({"CLIENT", "SETNAME", "zed"}));
            t.push_back(c.run({"CLIENT", "ID"}));
            t.push_back(c.run({"CONFIG", "GET", "port"}));
            t.push_back(c.run({"ACL", "LIST"}));
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"GET", "k1"}));
            t.push_back(c.run({"DEL", "k1"}));
            t.push_back(c.run({"EXEC"}));
            t.push_back(c.run({"PSUBSCRIBE", "c1*"}));
            t.push_back(c.run({"PSUBSCRIBE", "c*"}));
            t.push_back(c.run({"SUBSCRIBE", "c2", "d2"}));
            t.push_back(c.run({"PING"}));
            t.push_back(logSummary(admin));
            t.push_back(admin.run({"ACL", "DRYRUN", "z", "set", "k1", "v"}));
            t.push_back(admin.run({"ACL", "DRYRUN", "z", "set", "x", "v"}));
            t.push_back(admin.run({"ACL", "DRYRUN", "z", "del", "k1"}));
            t.push_back(admin.run({"ACL", "DRYRUN", "z", "publish", "d", "m"}));
            t.push_back(admin.run({"ACL", "DRYRUN", "z", "config", "get", "port"}));
            t.push_back(admin.run({"ACL", "DRYRUN", "z", "select", "0"}));
            // Key permissions follow the key specs' flags: EXISTS reads no value, so a
            // write-only (%W) or read-only (%R) pattern lets it through.
            t.push_back(admin.run({"ACL", "DRYRUN", "z", "exists", "w1", "r1", "k1"}));
            t.push_back(admin.run({"ACL", "DRYRUN", "z", "exists", "other"}));
            t.push_back(admin.run({"ACL", "DRYRUN", "z", "get", "w1"}));
            t.push_back(admin.run({"ACL", "DRYRUN", "z", "zunion", "2", "r1", "w1"}));
            return t;
        });
    }

    void selectorsAndFirstArgs()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient admin("127.0.0.1", server.port());
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(admin.run({"ACL", "SETUSER", "s", "on", "nopass", "~k*", "+get",
                                   "(~s* +set)", "(&x* +publish)"}));
            t.push_back(c.run({"AUTH", "s", "anything"}));
            t.push_back(c.run({"GET", "k"}));
            t.push_back(c.run({"GET", "s"}));
            t.push_back(c.run({"SET", "s1", "v"}));
            t.push_back(c.run({"SET", "k1", "v"})); // a key error beats a command error
            t.push_back(c.run({"PUBLISH", "x1", "m"}));
            t.push_back(c.run({"PUBLISH", "y1", "m"}));
            t.push_back(logSummary(admin));
            return t;
        });
    }

    void execChecksRulesAgain()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient admin("127.0.0.1", server.port());
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(admin.run({"ACL", "SETUSER", "mx", "on", "nopass", "+@all", "~*", "&*"}));
            t.push_back(c.run({"AUTH", "mx", "x"}));
            t.push_back(c.run({"MULTI"}));
            t.push_back(c.run({"SET", "k", "v"}));
            t.push_back(c.run({"GET", "k"}));
            t.push_back(c.run({"PUBLISH", "ch", "m"}));
            t.push_back(c.run({"CONFIG", "GET", "port"}));
            t.push_back(c.run({"PING"}));
            t.push_back(admin.run({"ACL", "SETUSER", "mx", "-set", "resetkeys", "~z",
                                   "resetchannels", "-config|get"}));
            t.push_back(c.run({"EXEC"}));
            t.push_back(logSummary(admin));
            t.push_back(admin.run({"COMMAND", "GETKEYS", "zunion", "2", "a", "b"}));
            t.push_back(admin.run({"COMMAND", "GETKEYS", "zunionstore", "d", "2", "a", "b"}));
            return t;
        });
    }

    void logCountsSimilarDenials()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient admin("127.0.0.1", server.port());
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(admin.run({"ACL", "SETUSER", "l", "on", ">p", "+get", "~a"}));
            t.push_back(c.run({"AUTH", "l", "p"}));
            for (int i = 0; i < 3; ++i)
                t.push_back(c.run({"GET", "b"}));
            t.push_back(c.run({"SET", "a", "1"}));
            t.push_back(c.run({"AUTH", "l", "bad"}));
            t.push_back(c.run({"AUTH", "nosuch", "bad"}));
            t.push_back(c.run({"ACL", "WHOAMI"}));
            t.push_back(logSummary(admin));
            t.push_back(std::to_string(stringsOf(admin, {"ACL", "LOG", "2"}).size()));
            t.push_back(admin.run({"ACL", "LOG", "RESET"}));
            t.push_back(logSummary(admin));
            return t;
        });
    }

    // acllog-max-len bounds ACL LOG; a smaller value trims it at the next entry, as in Redis.
    void logMaxLenBoundsTheLog()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient admin("127.0.0.1", server.port());
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(admin.run({"ACL", "LOG", "RESET"}));
            t.push_back(admin.run({"CONFIG", "SET", "acllog-max-len", "3"}));
            t.push_back(admin.run({"CONFIG", "GET", "acllog-max-len"}));
            for (int i = 0; i < 5; ++i)
                t.push_back(c.run({"AUTH", "nosuch" + std::to_string(i), "bad"}));
            t.push_back(std::to_string(stringsOf(admin, {"ACL", "LOG"}).size()));
            t.push_back(admin.run({"CONFIG", "SET", "acllog-max-len", "1"}));
            t.push_back(std::to_string(stringsOf(admin, {"ACL", "LOG"}).size()));
            t.push_back(c.run({"AUTH", "another", "bad"}));
            t.push_back(std::to_string(stringsOf(admin, {"ACL", "LOG"}).size()));
            t.push_back(admin.run({"CONFIG", "SET", "acllog-max-len", "-1"}));
            t.push_back(admin.run({"CONFIG", "SET", "acllog-max-len", "128"}));
            t.push_back(admin.run({"ACL", "LOG", "RESET"}));
            return t;
        });
    }

    void deletedUserIsDisconnected()
    {
        compareBoth([](TestServer &server) {
            RedisTestClient admin("127.0.0.1", server.port());
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(admin.run({"ACL", "SETUSER", "gone", "on", "nopass", "+@all", "~*"}));
            t.push_back(c.run({"AUTH", "gone", "x"}));
            t.push_back(c.run({"ACL", "WHOAMI"}));
            t.push_back(admin.run({"ACL", "DELUSER", "gone"}));
            std::string after = c.run({"PING"});
            t.push_back(after.starts_with("<io error") ? "closed" : after);
            t.push_back(admin.run({"ACL", "SETUSER", "off1", "off", "nopass", "+@all"}));
            t.push_back(admin.run({"AUTH", "off1", "x"}));
            return t;
        });
    }

    void categoriesComeFromTheCommandTable()
    {
        // ACL CAT lists the same 21 categories; each category's commands in ours are Redis's
        // (Redis has more commands); COMMAND INFO shows the same categories per command.
        RedisTestClient &ours = m_pair.oursClient();
        RedisTestClient &redis = m_pair.redisClient();
        QCOMPARE(ours.run({"ACL", "CAT"}), redis.run({"ACL", "CAT"}));
        for (const std::string &category : stringsOf(ours, {"ACL", "CAT"})) {
            std::vector<std::string> theirs = stringsOf(redis, {"ACL", "CAT", category});
            std::set<std::string> theirSet(theirs.begin(), theirs.end());
            std::vector<std::string> mine = stringsOf(ours, {"ACL", "CAT", category});
            for (const std::string &command : mine) {
                QVERIFY2(theirSet.count(command),
                         (command + " is not in @" + category + " in Redis").c_str());
            }
        }
        std::vector<const char *> argv{"COMMAND"};
        auto *reply =
            static_cast<redisReply *>(redisCommandArgv(ours.context(), 1, argv.data(), nullptr));
        QVERIFY(reply && reply->type == REDIS_REPLY_ARRAY && reply->elements > 100);
        int checked = 0;
        for (size_t i = 0; i < reply->elements; ++i) {
            std::string name(reply->element[i]->element[0]->str,
                             reply->element[i]->element[0]->len);
            std::string mine = redscope::test::replyToText(reply->element[i]->element[6]);
            std::string info = redis.run({"COMMAND", "INFO", name});
            if (info.find("*[(nil)]") == 0) continue; // beyond Redis 7.0 (none today)
            QVERIFY2(info.find(mine) != std::string::npos,
                     (name + ": ours " + mine + ", redis " + info).c_str());
            ++checked;
        }
        freeReplyObject(reply);
        QVERIFY(checked > 100);
    }

    void genpass()
    {
        RedisTestClient &ours = m_pair.oursClient();
        QCOMPARE(ours.run({"ACL", "GENPASS"}).size(), size_t(1 + 64));
        QCOMPARE(ours.run({"ACL", "GENPASS", "5"}).size(), size_t(1 + 2));
        QCOMPARE(ours.run({"ACL", "GENPASS", "4096"}).size(), size_t(1 + 1024));
        QVERIFY(ours.run({"ACL", "GENPASS"}) != ours.run({"ACL", "GENPASS"}));
    }

    void requirepassIsTheDefaultUsersPassword()
    {
        compareFreshPair({"--requirepass", "s3cret"}, {}, [](TestServer &server) {
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(c.run({"PING"}));
            t.push_back(c.run({"ACL", "WHOAMI"}));
            t.push_back(c.run({"AUTH", "wrong"}));
            t.push_back(c.run({"HELLO", "2", "AUTH", "default", "wrong"}));
            t.push_back(c.run({"AUTH", "s3cret"}));
            t.push_back(c.run({"ACL", "LIST"}));
            t.push_back(c.run({"AUTH", "default", "s3cret"}));
            t.push_back(c.run({"ACL", "SETUSER", "ops", "on", ">opspw", "+@all", "~*"}));
            RedisTestClient d("127.0.0.1", server.port());
            t.push_back(d.run({"HELLO", "2", "AUTH", "ops", "opspw", "SETNAME", "x"}).substr(0, 9));
            t.push_back(d.run({"ACL", "WHOAMI"}));
            t.push_back(c.run({"CONFIG", "SET", "requirepass", ""}));
            RedisTestClient e("127.0.0.1", server.port());
            t.push_back(e.run({"PING"}));
            t.push_back(e.run({"AUTH", "x"}));
            t.push_back(c.run({"CONFIG", "SET", "requirepass", "other"}));
            RedisTestClient f("127.0.0.1", server.port());
            t.push_back(f.run({"PING"}));
            t.push_back(f.run({"AUTH", "other"}));
            t.push_back(c.run({"ACL", "SETUSER", "default", "off"}));
            RedisTestClient g("127.0.0.1", server.port());
            t.push_back(g.run({"AUTH", "other"}));
            return t;
        });
    }

    void aclFileSaveAndLoad()
    {
        // One file for both servers (the scenarios run one after the other and each starts
        // by rewriting it), so the paths in error replies are the same.
        char dir[] = "/tmp/redscope-aclfile-XXXXXX";
        QVERIFY(mkdtemp(dir));
        const std::string path = std::string(dir) + "/users.acl";
        const std::string initial = "user alice on >pw ~a* &news +get +set\nuser bob off\n";
        writeFile(path, initial);
        auto normalizedFile = [&] {
            std::istringstream in(readFile(path));
            std::string line, text;
            while (std::getline(in, line))
                text += normalizeRules(line) + "\n";
            return text;
        };
        compareFreshPair({"--aclfile", path}, {}, [&](TestServer &server) {
            std::vector<std::string> t;
            writeFile(path, initial);
            RedisTestClient c("127.0.0.1", server.port());
            t.push_back(normalizedList(c));
            t.push_back(c.run({"ACL", "SETUSER", "carol", "on", "nopass", "+@read", "~*"}));
            t.push_back(c.run({"ACL", "SAVE"}));
            t.push_back(normalizedFile());
            writeFile(path, "user alice on >pw ~a* +nosuch\nfoo bar\nuser alice on\n"
                            "user b x y\nuser c (~a +get\n");
            t.push_back(c.run({"ACL", "LOAD"}));
            t.push_back(normalizedList(c));
            RedisTestClient a("127.0.0.1", server.port());
            t.push_back(a.run({"AUTH", "alice", "pw"}));
            writeFile(path, "user default on nopass ~* &* +@all\nuser dave on >d +ping\n");
            t.push_back(c.run({"ACL", "LOAD"}));
            std::string after = a.run({"PING"});
            t.push_back(after.starts_with("<io error") ? "closed" : after);
            t.push_back(normalizedList(c));
            t.push_back(c.run({"CONFIG", "GET", "aclfile"}));
            return t;
        });
        std::remove(path.c_str());
        rmdir(dir);
    }

    void configFileUsersAndRenamedCommands()
    {
        const std::string config = "user alice on >pw ~* &* +@all -flushdb\n"
                                   "user bob on nopass (~b* +get) +ping\n"
                                   "rename-command CONFIG MYCONFIG\n"
                                   "rename-command FLUSHALL \"\"\n";
        compareFreshPair({}, config, [](TestServer &server) {
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(normalizedList(c));
            t.push_back(c.run({"CONFIG", "GET", "maxclients"}));
            t.push_back(c.run({"MYCONFIG", "GET", "maxclients"}));
            t.push_back(c.run({"myconfig", "get", "databases"}));
            t.push_back(c.run({"FLUSHALL"}));
            t.push_back(c.run({"AUTH", "alice", "pw"}));
            t.push_back(c.run({"FLUSHDB"}));
            t.push_back(c.run({"AUTH", "bob", "x"}));
            t.push_back(c.run({"GET", "b1"}));
            t.push_back(c.run({"GET", "a1"}));
            t.push_back(c.run({"PING"}));
            return t;
        });
        // Users in both places is refused at start-up, like redis-server.
        auto ours = TestServer::start(TestServer::redscopeServerPath(),
                                      {"--aclfile", "x.acl", "--user", "alice", "on"});
        QVERIFY(!ours->ok());
    }

    void protectedModeRefusesOutsideClients()
    {
        // From 127.0.0.2: any peer but 127.0.0.1 and ::1 is outside for protected mode, and
        // every Linux machine has that address on its loopback, so this never needs a skip.
        auto scenario = [&](TestServer &server) {
            std::vector<std::string> t;
            RedisTestClient outside("127.0.0.1", server.port(), "127.0.0.2");
            t.push_back(outside.connected() ? outside.run({"PING"}) : "<no connect>");
            RedisTestClient local("127.0.0.1", server.port());
            t.push_back(local.run({"PING"}));
            return t;
        };
        compareFreshPair({"--bind", "0.0.0.0"}, {}, scenario);
        compareFreshPair({"--bind", "0.0.0.0", "--requirepass", "pw"}, {}, scenario);
        compareFreshPair({"--bind", "0.0.0.0", "--protected-mode", "no"}, {}, scenario);
        // A password set at run time opens the door to new outside clients.
        compareFreshPair({"--bind", "0.0.0.0"}, {}, [&](TestServer &server) {
            std::vector<std::string> t;
            RedisTestClient local("127.0.0.1", server.port());
            t.push_back(local.run({"ACL", "SETUSER", "default", ">pw"}));
            RedisTestClient outside("127.0.0.1", server.port(), "127.0.0.2");
            t.push_back(outside.run({"AUTH", "pw"}));
            return t;
        });
    }
};

QTEST_GUILESS_MAIN(TestAcl)
#include "tst_acl.moc"
