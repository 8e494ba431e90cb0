// Lua scripting and functions against Debian's redis-server side by side: EVAL and its
// variants, the sandbox, the redis library, the reply conversions both ways (RESP2 and
// RESP3 byte for byte), the bundled libraries (cjson, bit, cmsgpack, struct), shebang flags,
// ACL inside scripts, SCRIPT and FUNCTION commands, FUNCTION DUMP payloads and dump.rdb files
// moving both ways, effects reaching the AOF, and a busy script: BUSY for others, SCRIPT KILL,
// UNKILLABLE and SHUTDOWN NOSAVE. A small corpus of scripts in the style of real clients
// (lock, rate limiters, a job queue packing jobs with cmsgpack and cjson) runs on both.
#include "raw_connection.h"
#include "side_by_side.h"

#include <QTemporaryDir>
#include <QtTest>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <thread>

using redscope::test::RawConnection;
using redscope::test::RedisTestClient;
using redscope::test::Script;
using redscope::test::ServerPair;
using redscope::test::TestServer;

namespace {

std::string readFile(const std::string &path)
{
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

// A library whose functions are listed in one order by both servers (one function).
const char *const kCounterLibrary = "#!lua name=counter\n"
                                    "redis.register_function{function_name='bump', "
                                    "callback=function(keys, args) return redis.call('incrby', "
                                    "keys[1], args[1]) end, description='adds'}\n";

// The reply to a PING once the script that `other` waits on is past busy-reply-threshold:
// PINGs are sent until one is answered -BUSY (a loaded machine may start the script late,
// and a PING it answers first gets +PONG), up to 10 s; the last reply otherwise. `start` is
// set to when the PING that got it went out.
std::string busyReply(redscope::test::RawConnection &other,
                      std::chrono::steady_clock::time_point &start)
{
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    std::string reply;
    do {
        start = std::chrono::steady_clock::now();
        reply = other.sendForReply({"PING"});
    } while (!reply.starts_with("-BUSY") && std::chrono::steady_clock::now() < deadline);
    return reply;
}

} // namespace

class TestScripting : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair;

    void same(const Script &script) { REDSCOPE_VERIFY_SAME(m_pair.compare(script)); }

    // The raw bytes of each reply on both servers, over one connection per server.
    void sameRaw(const Script &script)
    {
        RawConnection ours(m_pair.ours().port()), redis(m_pair.redis().port());
        for (const auto &args : script) {
            // Each side waits for its whole reply: under ASan or a loaded machine a reply
            // thousands of levels deep takes longer than any fixed quiet window.
            std::string a = ours.sendForReply(args), b = redis.sendForReply(args);
            if (!args.empty() && (args[0] == "HELLO" || args[0] == "hello")) continue;
            QVERIFY2(
                a == b,
                (redscope::test::joinArgs(args) + "\n ours:  " + a + "\n redis: " + b).c_str());
        }
    }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error), error.c_str());
    }

    void init()
    {
        same({{"FLUSHALL"},
              {"SCRIPT", "FLUSH"},
              {"FUNCTION", "FLUSH"},
              {"CONFIG", "SET", "busy-reply-threshold", "5000"}});
    }

    // lua-enable-deprecated-api (hidden, start-up only): getfenv, setfenv and newproxy exist
    // in scripts and functions only when it is yes; the other closed globals stay closed.
    void deprecatedApiFollowsItsParameter()
    {
        const Script script = {
            {"CONFIG", "GET", "lua-enable-deprecated-api"},
            {"CONFIG", "SET", "lua-enable-deprecated-api", "yes"},
            {"CONFIG", "SET", "lua-enable-deprecated-api", "no"},
            {"EVAL", "return {type(getfenv), type(setfenv), type(newproxy), type(gcinfo)}", "0"},
            {"EVAL", "return type(print)", "0"},
            {"EVAL", "return type(loadfile)", "0"},
            {"EVAL", "return type(newproxy(true))", "0"},
            {"EVAL", "return type(getfenv(1))", "0"},
            {"FUNCTION", "LOAD",
             "#!lua name=dep\nredis.register_function('t', function() return "
             "{type(getfenv), type(setfenv), type(newproxy)} end)"},
            {"FCALL", "t", "0"},
        };
        for (const char *setting : {"no", "yes"}) {
            const std::vector<std::string> args{"--lua-enable-deprecated-api", setting};
            auto ours = TestServer::startRedscope(args);
            auto redis = TestServer::startRedis(args);
            QVERIFY2(ours->ok() && redis->ok(), (ours->error() + redis->error()).c_str());
            RedisTestClient oc("127.0.0.1", ours->port()), rc("127.0.0.1", redis->port());
            REDSCOPE_VERIFY_SAME(redscope::test::compareScript(oc, rc, script));
            const std::string types = oc.run(script[3]);
            if (std::string(setting) == "yes")
                QCOMPARE(types, std::string("*[$function,$function,$function,$function]"));
            else
                QVERIFY2(types.find("nonexistent global variable 'getfenv'") != std::string::npos,
                         types.c_str());
        }
        QVERIFY(!TestServer::startRedscope({"--lua-enable-deprecated-api", "maybe"})->ok());
        QVERIFY(!TestServer::startRedis({"--lua-enable-deprecated-api", "maybe"})->ok());
    }

    void evalRepliesAndErrors()
    {
        same({
            {"SET", "s", "abc"},
            {"EVAL", "return 1", "0"},
            {"EVAL", "return 3.99", "0"},
            {"EVAL", "return -3.99", "0"},
            {"EVAL", "return 'x'", "0"},
            {"EVAL", "return {1,2,3,'a',nil,4}", "0"},
            {"EVAL", "return {1.5, {2.5, {'deep'}}, 'x', {err='e'}}", "0"},
            {"EVAL", "return true", "0"},
            {"EVAL", "return false", "0"},
            {"EVAL", "return nil", "0"},
            {"EVAL", "return {true, false, nil}", "0"},
            {"EVAL", "return {err='My Error'}", "0"},
            {"EVAL", "return {err='-WRONGTYPE x'}", "0"},
            {"EVAL", "return {ok='fine'}", "0"},
            {"EVAL", "return {ok='a\\r\\nb'}", "0"},
            {"EVAL", "return {map={a=1}}", "0"},
            {"EVAL", "return {set={a=true}}", "0"},
            {"EVAL", "return {double=3.5}", "0"},
            {"EVAL", "return {big_number='123456789012345678901234567890'}", "0"},
            {"EVAL", "return redis.call('get', KEYS[1])", "1", "s"},
            {"EVAL", "return redis.call('get', 'nokey')", "0"},
            {"EVAL", "return redis.call('lrange', 'nokey', 0, -1)", "0"},
            {"EVAL", "return {KEYS[1], KEYS[2], ARGV[1], ARGV[2], #KEYS, #ARGV}", "2", "a", "b",
             "c", "d"},
            {"EVAL", "return redis.call('incr','s')", "0"},
            {"EVAL", "return redis.pcall('incr','s')", "0"},
            {"EVAL", "local t = redis.pcall('incr','s'); return type(t) .. ' ' .. t.err", "0"},
            {"EVAL", "error('boom')", "0"},
            {"EVAL", "error({err='ERR custom'})", "0"},
            {"EVAL", "error({err='custom'})", "0"},
            {"EVAL", "error()", "0"},
            {"EVAL", "error(12)", "0"},
            {"EVAL", "local x = nil; return x.y", "0"},
            {"EVAL",
             "local f = function() return redis.call('incr','s') end\nlocal x = 1\nreturn f()",
             "0"},
            {"EVAL", "return redis.call('nosuch')", "0"},
            {"EVAL", "return redis.pcall('nosuch')", "0"},
            {"EVAL", "return redis.call()", "0"},
            {"EVAL", "return redis.call('get')", "0"},
            {"EVAL", "return redis.call('get', {})", "0"},
            {"EVAL", "return redis.call('subscribe','x')", "0"},
            {"EVAL", "return redis.call('blpop','nolist',0)", "0"},
            {"EVAL", "return redis.call('multi')", "0"},
            {"EVAL", "return redis.call('config', 'get', 'port')", "0"},
            {"EVAL", "return redis.call('client', 'id')", "0"},
            {"EVAL", "return redis.call('script', 'load', 'return 1')", "0"},
            {"EVAL", "return redis.call('script', 'help')", "0"},
            {"EVAL", "return redis.call('config', 'help')", "0"},
            {"EVAL", "return type(redis.call('client', 'help'))", "0"},
            {"EVAL", "return type(redis.call('latency', 'help'))", "0"},
            {"EVAL", "return redis.call('function', 'help')", "0"},
            {"EVAL", "return redis.call('acl', 'help')", "0"},
            {"EVAL", "return #redis.call('slowlog', 'get')", "0"},
            {"EVAL", "return redis.call('auth', 'x')", "0"},
            {"EVAL", "return redis.call('hello')", "0"},
            {"EVAL", "return redis.call('save')", "0"},
            {"EVAL", "return redis.call('exec')", "0"},
            {"EVAL", "return redis.call('object', 'nosuchsub', 's')", "0"},
            {"EVAL", "syntax error here", "0"},
            {"EVAL", "return 1", "-1"},
            {"EVAL", "return 1", "3", "a"},
            {"EVAL", "return 1", "x"},
            {"EVAL", "return 1"},
            {"EVALSHA", "abc", "0"},
            {"EVALSHA", "e0e1f9fabfc9d4800c877a703b823ac0578ff8db", "0"},
            {"EVAL", "return redis.call('set', 'n', 1.5)", "0"},
            {"GET", "n"},
            {"EVAL", "return redis.call('set', 'n', 0.1)", "0"},
            {"GET", "n"},
            {"EVAL", "return redis.call('set', 'n', 1e20)", "0"},
            {"GET", "n"},
            {"EVAL", "return redis.call('set', 'n', 123456789012)", "0"},
            {"GET", "n"},
        });
    }

    void redisLibrary()
    {
        same({
            {"EVAL", "return redis.error_reply('E1')", "0"},
            {"EVAL", "return redis.error_reply('MYERR x')", "0"},
            {"EVAL", "return redis.error_reply('-MYERR y')", "0"},
            {"EVAL", "return redis.error_reply('custom x').err", "0"},
            {"EVAL", "return redis.error_reply(1)", "0"},
            {"EVAL", "return redis.status_reply('FOO')", "0"},
            {"EVAL", "return redis.sha1hex('')", "0"},
            {"EVAL", "return redis.sha1hex('hello world')", "0"},
            {"EVAL", "return {redis.REDIS_VERSION, redis.REDIS_VERSION_NUM}", "0"},
            {"EVAL",
             "return {redis.LOG_DEBUG,redis.LOG_VERBOSE,redis.LOG_NOTICE,redis.LOG_WARNING}", "0"},
            {"EVAL", "return redis.log(redis.LOG_WARNING, 'from a script', 1)", "0"},
            {"EVAL", "return redis.log(99, 'x')", "0"},
            {"EVAL", "return redis.log(redis.LOG_WARNING)", "0"},
            {"EVAL", "return redis.setresp(4)", "0"},
            {"EVAL", "return redis.set_repl(redis.REPL_ALL)", "0"},
            {"EVAL", "return redis.set_repl(99)", "0"},
            {"EVAL", "return redis.replicate_commands()", "0"},
            {"EVAL",
             "return "
             "{redis.REPL_NONE,redis.REPL_AOF,redis.REPL_SLAVE,redis.REPL_REPLICA,redis.REPL_ALL}",
             "0"},
            {"EVAL", "return redis.call('ping')", "0"},
            {"EVAL", "return redis.call('echo', 'x')", "0"},
            {"EVAL", "return redis.breakpoint()", "0"},
            {"EVAL", "return redis.debug('x')", "0"},
            {"EVAL", "return redis.acl_check_cmd('get','a')", "0"},
            {"EVAL", "return redis.acl_check_cmd('nosuch')", "0"},
            {"EVAL", "return redis.acl_check_cmd()", "0"},
            {"EVAL", "return redis.acl_check_cmd('set')", "0"},
            {"EVAL", "return redis.acl_check_cmd('config','get','x')", "0"},
            {"EVAL", "return redis.acl_check_cmd('config','nosub')", "0"},
            {"EVAL", "return redis.acl_check_cmd('get', {})", "0"},
        });
    }

    void sandbox()
    {
        same({
            {"EVAL", "return x", "0"},
            {"EVAL", "x = 1", "0"},
            {"EVAL", "function f() return 1 end return f()", "0"},
            {"EVAL", "string.x = 1", "0"},
            {"EVAL", "return rawset(_G, 'y', 1)", "0"},
            {"EVAL", "return os", "0"},
            {"EVAL", "return io", "0"},
            {"EVAL", "return loadfile", "0"},
            {"EVAL", "return dofile", "0"},
            {"EVAL", "return print", "0"},
            {"EVAL", "return require", "0"},
            {"EVAL", "KEYS[1] = 'x' return KEYS[1]", "1", "a"},
            {"EVAL", "local t = {} t.x = 1 return t.x", "0"},
            {"EVAL", "return type(_G)", "0"},
            {"EVAL", "return loadstring('return 1 + 1')()", "0"},
            {"EVAL", "return string.format('%d-%s', 5, 'x')", "0"},
            {"EVAL", "return table.concat({1, 2, 3}, ',')", "0"},
            {"EVAL", "return tostring(math.huge)", "0"},
            {"EVAL", "return {pcall(error, 'inner')}", "0"},
        });
        // math.random: the same sequence as redis-server, from the same starting state.
        same({{"EVAL", "return {math.random(100), math.random(1, 6), math.random(1000000)}", "0"},
              {"EVAL", "return tostring(math.random())", "0"},
              {"EVAL", "math.randomseed(42) return {math.random(100), math.random(100)}", "0"}});
    }

    void bundledLibraries()
    {
        same({
            {"EVAL", "return cjson.encode({a=1,b={1,2}})", "0"},
            {"EVAL", "return cjson.decode('{\"a\":[1,2,{\"b\":null}]}').a[2]", "0"},
            {"EVAL", "return cjson.encode(cjson.decode('[1,2.5,\"x\",true,null]'))", "0"},
            {"EVAL", "return {pcall(cjson.decode, '{bad')}", "0"},
            {"EVAL", "return bit.band(7,3)", "0"},
            {"EVAL",
             "return {bit.bor(1,2), bit.bxor(3,1), bit.lshift(1,10), bit.bnot(0), "
             "bit.tohex(65535)}",
             "0"},
            {"EVAL", "return cmsgpack.pack({1,2})", "0"},
            {"EVAL",
             "return cmsgpack.pack({a=1}, 'abc', {1,2,{3}}, 2^40, -2^40, 1.25, 0.1, true, false)",
             "0"},
            {"EVAL",
             "return cmsgpack.pack(string.rep('x', 40), string.rep('y', 300), string.rep('z', "
             "70000))",
             "0"},
            {"EVAL",
             "return cmsgpack.pack(-1, -33, -129, -40000, -3000000000, 127, 128, 256, 65536, "
             "4294967296)",
             "0"},
            {"EVAL", "local t = {} for i = 1, 20 do t[i] = i end return cmsgpack.pack(t)", "0"},
            {"EVAL", "return cmsgpack.unpack(cmsgpack.pack({a=1,b={1,2,3}, c='x'}))['b'][3]", "0"},
            {"EVAL",
             "return {cmsgpack.unpack(cmsgpack.pack(1,2,'x', -1, 300, 70000, 5000000000, "
             "-5000000000, 0.5))}",
             "0"},
            {"EVAL", "return {pcall(cmsgpack.unpack, string.char(0xc1))}", "0"},
            {"EVAL", "return {struct.unpack('<i4h>H', struct.pack('<i4h>H', -5, 300, 65535))}",
             "0"},
            {"EVAL", "return struct.pack('>I2', 5)", "0"},
            {"EVAL", "return struct.pack('!4bi4d', 1, 2, 3.5)", "0"},
            {"EVAL", "return {struct.unpack('c3s', 'abcdef' .. string.char(0) .. 'x')}", "0"},
            {"EVAL", "return struct.size('!4bi4d')", "0"},
            {"EVAL",
             "return {struct.unpack('>bBhHlL', struct.pack('>bBhHlL', -1, 255, -2, 65534, -3, 7))}",
             "0"},
        });
    }

    void resp3Conversions()
    {
        sameRaw({
            {"HSET", "h", "a", "1", "b", "2"},
            {"ZADD", "z", "1.5", "m"},
            {"SADD", "st", "x"},
            {"EVAL", "return redis.call('hgetall','h')", "0"},
            {"HELLO", "3"},
            {"EVAL", "return 3.99", "0"},
            {"EVAL", "redis.setresp(3); return redis.call('hgetall','h')", "0"},
            {"EVAL", "redis.setresp(3); return type(redis.call('hgetall','h').map)", "0"},
            {"EVAL", "return {map={a=1}}", "0"},
            {"EVAL", "return {set={a=true}}", "0"},
            {"EVAL", "return {double=3.5}", "0"},
            {"EVAL", "return {big_number='123456789012345678901234567890'}", "0"},
            {"EVAL", "redis.setresp(3); return redis.call('zscore','z','m')", "0"},
            {"EVAL", "redis.setresp(3); return {redis.call('zscore','z','m')}", "0"},
            {"EVAL",
             "redis.setresp(3); local d = redis.call('zscore','z','m'); return tostring(d.double)",
             "0"},
            {"EVAL", "redis.setresp(3); return redis.call('get','nokey')", "0"},
            {"EVAL", "redis.setresp(3); return {true, false}", "0"},
            {"EVAL", "return {true, false, nil}", "0"},
            {"EVAL", "return nil", "0"},
            {"EVAL", "redis.setresp(3); return redis.call('smembers','st')", "0"},
            {"EVAL", "redis.setresp(3); return redis.call('smembers','st').set.x", "0"},
            {"EVAL", "redis.setresp(2); return redis.call('zscore','z','m')", "0"},
            {"HELLO", "2"},
            {"EVAL", "return {set={a=true}}", "0"},
            {"EVAL", "return {map={a=1}}", "0"},
            {"EVAL", "return {double=3.5}", "0"},
            {"EVAL", "return {big_number='12345'}", "0"},
            {"EVAL", "redis.setresp(3); return redis.call('hgetall','h')", "0"},
        });
    }

    // A table that contains itself: Redis stops at its Lua stack limit with an error nested
    // thousands of levels deep; the engine stops at the same depth, byte for byte.
    void selfReferencingReplies()
    {
        sameRaw({
            {"EVAL", "local t = {} t[1] = t return t", "0"},
            {"EVAL", "local t = {} t.map = t return t", "0"},
            {"EVAL", "local t = {} t[1] = {1, t} return t", "0"},
            {"EVAL", "local t = {} t.set = {} t.set[t] = true return t", "0"},
            {"EVAL", "redis.setresp(3) local t = {} t[1] = t return t", "0"},
            {"PING"},
        });
    }

    void scriptCommands()
    {
        same({
            {"SCRIPT", "LOAD", "return 'loaded'"},
            {"SCRIPT", "EXISTS", "a1e3d1d0c6ffb7cd3cb10c3e5c1c1a4b3e93a0fd", "nosuch"},
            {"EVALSHA", "a1e3d1d0c6ffb7cd3cb10c3e5c1c1a4b3e93a0fd", "0"},
            {"SCRIPT", "LOAD", "syntax error"},
            {"SCRIPT", "LOAD", "return 'x'"},
            {"EVAL", "return 'y'", "0"},
            {"SCRIPT", "EXISTS", "e3ed0b7d7f4bad8e84c42fb21e4e4eb6b43ef0ef"},
            {"SCRIPT", "FLUSH", "ASYNC"},
            {"SCRIPT", "FLUSH", "SYNC"},
            {"SCRIPT", "FLUSH", "bogus"},
            {"SCRIPT", "FLUSH"},
            {"SCRIPT", "EXISTS"},
            {"SCRIPT", "KILL"},
            {"SCRIPT", "DEBUG", "NO"},
            {"SCRIPT", "DEBUG", "maybe"},
            {"SCRIPT", "HELP"},
            {"SCRIPT", "NOSUCH"},
            {"EVALSHA_RO", "nosuch", "0"},
        });
        // SHA names are case-insensitive, as in Redis.
        std::string sha = m_pair.oursClient().run({"SCRIPT", "LOAD", "return 7"});
        QCOMPARE(m_pair.redisClient().run({"SCRIPT", "LOAD", "return 7"}), sha);
        std::string upper = QString::fromStdString(sha).toUpper().toStdString();
        upper = upper.substr(1); // drop the canonical text's "$"
        same({{"EVALSHA", upper, "0"}});
    }

    void shebangFlagsAndReadOnly()
    {
        same({
            {"EVAL_RO", "return redis.call('set','a','1')", "0"},
            {"EVAL_RO", "return redis.call('get','a')", "0"},
            {"EVAL", "#!lua flags=no-writes\nreturn redis.call('set','a','1')", "0"},
            {"EVAL", "#!lua flags=no-writes,allow-oom\nreturn redis.call('get','a')", "0"},
            {"EVAL", "#!lua flags=allow-stale,no-cluster,allow-cross-slot-keys\nreturn 1", "0"},
            {"EVAL", "#!lua flags=bogus\nreturn 1", "0"},
            {"EVAL", "#!lua name=x\nreturn 1", "0"},
            {"EVAL", "#!luax\nreturn 1", "0"},
            {"EVAL", "#!lua\nreturn redis.call('get',KEYS[1])", "0"},
            {"EVAL", "#!lua\nerror('line two')", "0"},
            {"EVAL_RO", "#!lua\nreturn 1", "0"},
            {"EVAL_RO", "#!lua flags=no-writes\nreturn 1", "0"},
        });
    }

    // maxmemory: writes in scripts without allow-oom are refused before the first write,
    // flagged scripts at their start; FUNCTION LOAD is deny-oom.
    void outOfMemory()
    {
        same({
            {"SET", "k", "v"},
            {"CONFIG", "SET", "maxmemory", "1"},
            {"EVAL", "return redis.call('set','a','b')", "0"},
            {"EVAL", "return redis.pcall('set','a','b')", "0"},
            {"EVAL", "return redis.call('get','k')", "0"},
            {"EVAL", "#!lua\nreturn redis.call('get','k')", "0"},
            {"EVAL", "#!lua flags=no-writes\nreturn redis.call('get','k')", "0"},
            {"EVAL", "#!lua flags=allow-oom\nreturn redis.call('set','a','b')", "0"},
            {"EVAL", "return redis.call('del','k')", "0"},
            {"FUNCTION", "LOAD", kCounterLibrary},
            {"CONFIG", "SET", "maxmemory", "0"},
            {"FUNCTION", "LOAD", kCounterLibrary},
            {"CONFIG", "SET", "maxmemory", "1"},
            {"FCALL", "bump", "1", "c", "1"},
            {"CONFIG", "SET", "maxmemory", "0"},
        });
    }

    // Scripts inside MULTI/EXEC, WATCHed keys written by a script, SELECT inside a script
    // (the caller's database stays), and the script counts INFO memory shows.
    void transactionsWatchAndInfo()
    {
        same({
            {"MULTI"},
            {"EVAL", "return redis.call('incr', KEYS[1])", "1", "tx"},
            {"EVAL", "return redis.call('nosuch')", "0"},
            {"EVAL", "return 1", "x"},
            {"EXEC"},
            {"WATCH", "w"},
            {"EVAL", "return redis.call('set', 'w', '1')", "0"},
            {"MULTI"},
            {"GET", "w"},
            {"EXEC"},
            {"EVAL",
             "redis.call('select', 5) redis.call('set', 'in5', 'x') return redis.call('dbsize')",
             "0"},
            {"DBSIZE"},
            {"EXISTS", "in5"},
            {"SELECT", "5"},
            {"GET", "in5"},
            {"SELECT", "0"},
            {"SCRIPT", "FLUSH"},
            {"SCRIPT", "LOAD", "return 1"},
            {"SCRIPT", "LOAD", "return 2"},
            {"FUNCTION", "LOAD", kCounterLibrary},
        });
        for (const char *field :
             {"number_of_cached_scripts:", "number_of_functions:", "number_of_libraries:"}) {
            auto line = [&](RedisTestClient &client) {
                std::string info = client.run({"INFO", "memory"});
                size_t at = info.find(field);
                return at == std::string::npos ? std::string("missing")
                                               : info.substr(at, info.find('\r', at) - at);
            };
            QCOMPARE(line(m_pair.oursClient()), line(m_pair.redisClient()));
        }
    }

    void aclAppliesInsideScripts()
    {
        same({{"ACL", "SETUSER", "scripter", "on", "nopass", "+@all", "-set", "~k*"}});
        RedisTestClient ours("127.0.0.1", m_pair.ours().port());
        RedisTestClient redis("127.0.0.1", m_pair.redis().port());
        Script script = {
            {"AUTH", "scripter", "x"},
            {"EVAL", "return redis.call('set','k1','v')", "0"},
            {"EVAL", "return redis.call('get','zz')", "0"},
            {"EVAL", "return redis.pcall('get','zz')", "0"},
            {"EVAL", "return redis.call('get','k1')", "0"},
            {"EVAL", "return redis.call('get','zz')", "1", "zz"},
            {"EVAL", "return redis.acl_check_cmd('get','k1')", "0"},
            {"EVAL", "return redis.acl_check_cmd('get','zz')", "0"},
            {"EVAL", "return redis.acl_check_cmd('set','k1','x')", "0"},
        };
        REDSCOPE_VERIFY_SAME(redscope::test::compareScript(ours, redis, script));
        same({{"ACL", "DELUSER", "scripter"}});
    }

    void functions()
    {
        same({
            {"SET", "s", "abc"},
            {"FUNCTION", "LOAD",
             "#!lua name=lib1\nredis.register_function('f1', function(keys, args) return "
             "redis.call('incr', 's') end)\nredis.register_function{function_name='f2', "
             "callback=function(keys, args) return {keys[1], args[1]} end, flags={'no-writes'}, "
             "description='desc'}\nlocal function f3(keys, args) error('bad') "
             "end\nredis.register_function('f3', f3)"},
            {"FCALL", "f1", "0"},
            {"FCALL", "f2", "1", "k", "a"},
            {"FCALL", "f3", "0"},
            {"FCALL_RO", "f1", "0"},
            {"FCALL_RO", "f2", "1", "k", "a"},
            {"FCALL", "nosuch", "0"},
            {"FCALL", "f1", "x"},
            {"FCALL", "f1", "5"},
            {"FCALL", "f1", "-1"},
            {"FUNCTION", "LOAD",
             "#!lua name=lib1\nredis.register_function('f1', function() return 1 end)"},
            {"FUNCTION", "LOAD", "return 1"},
            {"FUNCTION", "LOAD", "#!lua name=lib2\nreturn 1"},
            {"FUNCTION", "LOAD", "#!lua name=lib2\nredis.call('set','a','b')"},
            {"FUNCTION", "LOAD", "#!lua name=lib2\nsyntax error"},
            {"FUNCTION", "LOAD",
             "#!lua name=lib2\nredis.register_function('f1', function() return 1 end)"},
            {"FUNCTION", "LOAD", "#!lua name=li-b"},
            {"FUNCTION", "LOAD", "#!lua name=li-b\nredis.register_function('x', function() end)"},
            {"FUNCTION", "LOAD",
             "#!lua name=lib2 foo=bar\nredis.register_function('x', function() end)"},
            {"FUNCTION", "LOAD", "#!lua\nredis.register_function('x', function() end)"},
            {"FUNCTION", "LOAD", "#!luax name=lib4\nredis.register_function('x', function() end)"},
            {"FUNCTION", "LOAD",
             "#!lua name=lib2\nredis.register_function('f 1', function() return 1 end)"},
            {"FUNCTION", "LOAD",
             "#!lua name=lib2\nredis.register_function{function_name='g', callback=function() "
             "return 1 end, flags={'bogus'}}"},
            {"FUNCTION", "LOAD", "#!lua name=lib2\nx = 1"},
            {"FUNCTION", "LOAD", "#!lua name=lib2\nlocal t = redis.setresp; return t"},
            // While a library loads, redis is its only global; its functions see them all.
            {"FUNCTION", "LOAD",
             "#!lua name=lib2\nlocal s = string\nredis.register_function('x', function() end)"},
            {"FUNCTION", "LOAD",
             "#!lua name=lib2\nlocal p = pcall\nredis.register_function('x', function() end)"},
            {"FUNCTION", "LOAD",
             "#!lua name=lib2\nredis.register_function('g1', function(keys, args) return "
             "{type(pcall), type(string), type(cjson), type(loadstring)} end)"},
            {"FCALL", "g1", "0"},
            {"FUNCTION", "LOAD",
             "#!lua name=lib5\nredis.register_function('g5', function() return KEYS end)"},
            {"FCALL", "g5", "0"},
            {"FUNCTION", "LOAD", "#!lua name=lib6\nwhile true do end"},
            {"FUNCTION", "DELETE", "lib2"},
            {"FUNCTION", "DELETE", "lib5"},
            {"FUNCTION", "LOAD", "#!lua name=lib2\nredis.register_function('x1', 'notfn')"},
            {"FUNCTION", "LOAD", "#!lua name=lib2\nredis.register_function()"},
            {"FUNCTION", "LOAD",
             "#!lua name=lib2\nredis.register_function{function_name='x1', callback=function() "
             "end, flags='no-writes'}"},
            {"FUNCTION", "LOAD",
             "#!lua name=lib2\nredis.register_function{function_name='x1', callbackx=function() "
             "end}"},
            {"FUNCTION", "LOAD",
             "#!lua name=lib2\nredis.register_function('x1', function() "
             "end)\nredis.register_function('x1', function() end)"},
            {"FUNCTION", "LOAD",
             "#!lua name=lib2\nredis.register_function{callback=function() end}"},
            {"FUNCTION", "LOAD", "#!lua name=lib2\nredis.register_function{function_name='x1'}"},
            {"FUNCTION", "LOAD", "BOGUS",
             "#!lua name=lib2\nredis.register_function('x1', function() end)"},
            {"FUNCTION", "LOAD", "REPLACE",
             "#!lua name=lib1\nredis.register_function('f1', function() return "
             "redis.register_function('x2', function() end) end)"},
            {"FCALL", "f1", "0"},
            {"FCALL", "f2", "0"},
            {"FUNCTION", "DELETE", "nosuch"},
            {"FUNCTION", "DELETE", "lib1"},
            {"FCALL", "f1", "0"},
            {"FUNCTION", "LOAD", kCounterLibrary},
            {"FCALL", "bump", "1", "c", "5"},
            {"FCALL", "bump", "1", "c", "5"},
            {"FUNCTION", "LIST"},
            {"FUNCTION", "LIST", "WITHCODE"},
            {"FUNCTION", "LIST", "LIBRARYNAME", "co*"},
            {"FUNCTION", "LIST", "LIBRARYNAME", "x*"},
            {"FUNCTION", "LIST", "LIBRARYNAME"},
            {"FUNCTION", "LIST", "bogus"},
            {"FUNCTION", "LIST", "WITHCODE", "WITHCODE"},
            {"FUNCTION", "STATS"},
            {"FUNCTION", "KILL"},
            {"FUNCTION", "FLUSH", "bogus"},
            {"FUNCTION", "HELP"},
            {"FUNCTION", "RESTORE", "abc"},
            {"FUNCTION", "RESTORE", "abc", "bogus"},
            {"FUNCTION", "FLUSH", "ASYNC"},
            {"FUNCTION", "LIST"},
            {"FCALL", "bump", "1", "c", "5"},
        });
        sameRaw({{"FUNCTION", "LOAD",
                  "#!lua name=flagged\nredis.register_function{function_name='fx', "
                  "callback=function() return 1 end, flags={'no-writes','allow-oom'}}"},
                 {"FUNCTION", "LIST"},
                 {"HELLO", "3"},
                 {"FUNCTION", "LIST"},
                 {"FUNCTION", "STATS"}});
    }

    // FUNCTION DUMP payloads move both ways, and so do dump.rdb files with libraries.
    void functionPayloadsAndRdbMoveBothWays()
    {
        RedisTestClient &ours = m_pair.oursClient(), &redis = m_pair.redisClient();
        QCOMPARE(redis.run({"FUNCTION", "LOAD", kCounterLibrary}), std::string("$counter"));
        QCOMPARE(redis.run({"FUNCTION", "LOAD",
                            "#!lua name=second\nredis.register_function('twice', "
                            "function(keys, args) return args[1] * 2 end)"}),
                 std::string("$second"));
        // Take redis-server's payload as bytes and restore it here.
        RawConnection rawRedis(m_pair.redis().port());
        std::string dumped = rawRedis.send({"FUNCTION", "DUMP"});
        size_t header = dumped.find("\r\n");
        std::string payload = dumped.substr(header + 2, dumped.size() - header - 4);
        RawConnection rawOurs(m_pair.ours().port());
        QCOMPARE(rawOurs.send({"FUNCTION", "RESTORE", payload}), std::string("+OK\r\n"));
        QCOMPARE(ours.run({"FCALL", "twice", "0", "21"}), std::string(":42"));
        const std::string collisionOurs = rawOurs.send({"FUNCTION", "RESTORE", payload});
        const std::string collisionRedis = rawRedis.send({"FUNCTION", "RESTORE", payload});
        // Which of the two colliding libraries is named depends on the order each server
        // walks them in (Redis: its hash table's); the wording is the same.
        for (const std::string &reply : {collisionOurs, collisionRedis})
            QVERIFY2(reply.starts_with("-ERR Library ") && reply.ends_with(" already exists\r\n"),
                     reply.c_str());
        QCOMPARE(rawOurs.send({"FUNCTION", "RESTORE", payload, "REPLACE"}), std::string("+OK\r\n"));
        // Our payload holds the same records (Redis lists libraries in its hash table's
        // order, ours by name, so only the order may differ) and restores on redis-server.
        std::string oursDumped = rawOurs.send({"FUNCTION", "DUMP"});
        std::string oursPayload = oursDumped.substr(header + 2, oursDumped.size() - header - 4);
        QCOMPARE(rawRedis.send({"FUNCTION", "FLUSH"}), std::string("+OK\r\n"));
        QCOMPARE(rawRedis.send({"FUNCTION", "RESTORE", oursPayload, "FLUSH"}),
                 std::string("+OK\r\n"));
        QCOMPARE(redis.run({"FCALL", "twice", "0", "4"}), std::string(":8"));
        QCOMPARE(redis.run({"FCALL", "bump", "1", "c", "4"}), std::string(":4"));
        // (Byte for byte the payloads differ only where LZF picked another back-reference.)
        QCOMPARE(rawOurs.send({"FUNCTION", "RESTORE", payload, "REPLACE"}), std::string("+OK\r\n"));
        // A corrupted payload is refused by both, and nothing changes.
        std::string corrupt = payload;
        corrupt[3] = static_cast<char>(corrupt[3] ^ 0x55);
        QCOMPARE(rawOurs.send({"FUNCTION", "RESTORE", corrupt, "FLUSH"}),
                 rawRedis.send({"FUNCTION", "RESTORE", corrupt, "FLUSH"}));
        QCOMPARE(ours.run({"FCALL", "twice", "0", "1"}), std::string(":2"));

        // dump.rdb: ours -> redis-server -> ours.
        QTemporaryDir first, second;
        const std::string d1 = first.path().toStdString(), d2 = second.path().toStdString();
        {
            auto server = TestServer::startRedscope({"--dir", d1});
            QVERIFY2(server->ok(), server->error().c_str());
            RedisTestClient c("127.0.0.1", server->port());
            QCOMPARE(c.run({"FUNCTION", "LOAD", kCounterLibrary}), std::string("$counter"));
            QCOMPARE(c.run({"SET", "c", "10"}), std::string("+OK"));
            QCOMPARE(c.run({"SAVE"}), std::string("+OK"));
        }
        std::filesystem::copy_file(d1 + "/dump.rdb", d2 + "/dump.rdb");
        {
            auto server = TestServer::startRedis({"--dir", d2});
            QVERIFY2(server->ok(), server->error().c_str());
            RedisTestClient c("127.0.0.1", server->port());
            QCOMPARE(c.run({"FCALL", "bump", "1", "c", "5"}), std::string(":15"));
            QCOMPARE(c.run({"FUNCTION", "LOAD",
                            "#!lua name=fromredis\nredis.register_function('hello', function() "
                            "return 'hi' end)"}),
                     std::string("$fromredis"));
            QCOMPARE(c.run({"SAVE"}), std::string("+OK"));
        }
        std::filesystem::remove(d1 + "/dump.rdb");
        std::filesystem::copy_file(d2 + "/dump.rdb", d1 + "/dump.rdb");
        {
            auto server = TestServer::startRedscope({"--dir", d1});
            QVERIFY2(server->ok(), server->error().c_str());
            RedisTestClient c("127.0.0.1", server->port());
            QCOMPARE(c.run({"FCALL", "bump", "1", "c", "1"}), std::string(":16"));
            QCOMPARE(c.run({"FCALL", "hello", "0"}), std::string("$hi"));
        }
    }

    // Effects, not scripts, reach the AOF: one write as itself, several inside MULTI/EXEC;
    // FUNCTION LOAD as itself; all of it replays after a restart.
    void effectsReachTheAof()
    {
        QTemporaryDir dir;
        const std::string d = dir.path().toStdString();
        {
            auto server = TestServer::startRedscope(
                {"--dir", d, "--appendonly", "yes", "--appendfsync", "always"});
            QVERIFY2(server->ok(), server->error().c_str());
            RedisTestClient c("127.0.0.1", server->port());
            QCOMPARE(c.run({"EVAL", "return redis.call('set', KEYS[1], 'one')", "1", "single"}),
                     std::string("+OK"));
            QCOMPARE(c.run({"EVAL",
                            "redis.call('rpush', KEYS[1], 'a', 'b') local v = redis.call('lpop', "
                            "KEYS[1]) redis.call('select', 3) redis.call('incrby', KEYS[2], 7) "
                            "return v",
                            "2", "list", "counter"}),
                     std::string("$a"));
            QCOMPARE(c.run({"EVAL", "return redis.call('get', 'single')", "0"}),
                     std::string("$one"));
            QCOMPARE(c.run({"FUNCTION", "LOAD", kCounterLibrary}), std::string("$counter"));
            QCOMPARE(c.run({"FCALL", "bump", "1", "fc", "3"}), std::string(":3"));
        }
        std::string aof;
        for (const auto &entry : std::filesystem::directory_iterator(d + "/appendonlydir"))
            if (entry.path().string().ends_with(".incr.aof")) aof += readFile(entry.path());
        QVERIFY2(aof.find("EVAL") == std::string::npos, aof.c_str());
        QVERIFY2(aof.find("$5\r\nMULTI\r\n") != std::string::npos, aof.c_str());
        QVERIFY2(aof.find("$4\r\nEXEC\r\n") != std::string::npos, aof.c_str());
        QVERIFY2(aof.find("FUNCTION") != std::string::npos, aof.c_str());
        QCOMPARE(static_cast<int>(std::count(aof.begin(), aof.end(), 'M') > 0), 1);
        // The single write is not wrapped: exactly one MULTI in the file.
        size_t first = aof.find("MULTI");
        QVERIFY(aof.find("MULTI", first + 1) == std::string::npos);
        auto restarted = TestServer::startRedscope({"--dir", d, "--appendonly", "yes"});
        QVERIFY2(restarted->ok(), restarted->error().c_str());
        RedisTestClient c("127.0.0.1", restarted->port());
        QCOMPARE(c.run({"LRANGE", "list", "0", "-1"}), std::string("*[$b]"));
        QCOMPARE(c.run({"SELECT", "3"}), std::string("+OK"));
        QCOMPARE(c.run({"GET", "counter"}), std::string("$7"));
        QCOMPARE(c.run({"SELECT", "0"}), std::string("+OK"));
        QCOMPARE(c.run({"FCALL", "bump", "1", "fc", "1"}), std::string(":4"));
    }

    // A script past busy-reply-threshold: every other client gets BUSY at once; SCRIPT KILL
    // stops a script that did not write; one that wrote is UNKILLABLE and only SHUTDOWN
    // NOSAVE ends it. The same transcript on both servers.
    void busyScriptKillAndShutdown()
    {
        auto transcript = [](int port) {
            std::vector<std::string> steps;
            RawConnection admin(port), runner(port), other(port);
            admin.sendForReply({"CONFIG", "SET", "busy-reply-threshold", "100"});
            runner.send({"EVAL", "local i = 0 while true do i = i + 1 end", "0"}, 20);
            auto start = std::chrono::steady_clock::now();
            steps.push_back(busyReply(other, start));
            auto busyMs = std::chrono::duration_cast<std::chrono::milliseconds>(
                              std::chrono::steady_clock::now() - start)
                              .count();
            steps.push_back(busyMs < 1000 ? "busy reply came at once" : "busy reply was late");
            steps.push_back(other.sendForReply({"GET", "x"}));
            steps.push_back(other.sendForReply({"FUNCTION", "KILL"}));
            steps.push_back(other.sendForReply({"FUNCTION", "STATS"}));
            steps.push_back(other.sendForReply({"MULTI"}));
            steps.push_back(other.sendForReply({"DISCARD"}));
            steps.push_back(other.sendForReply({"SCRIPT", "KILL"}));
            steps.push_back(runner.awaitReply());
            steps.push_back(other.sendForReply({"PING"}));
            steps.push_back(other.sendForReply({"SCRIPT", "KILL"}));
            // A script that wrote.
            runner.send({"EVAL", "redis.call('set', 'w', '1') while true do end", "0"}, 20);
            busyReply(other, start);
            steps.push_back(other.sendForReply({"SCRIPT", "KILL"}));
            steps.push_back(other.sendForReply({"SHUTDOWN"}));
            steps.push_back(other.sendForReply({"SHUTDOWN", "NOSAVE"}));
            steps.push_back(runner.awaitReply().empty() ? "closed" : "a reply");
            return steps;
        };
        auto ours = TestServer::startRedscope({"--save", ""});
        auto redis = TestServer::startRedis({"--save", ""});
        QVERIFY(ours->ok() && redis->ok());
        REDSCOPE_VERIFY_SAME(redscope::test::compareTranscripts(transcript(ours->port()),
                                                                transcript(redis->port())));
    }

    // The same for a function: FUNCTION KILL, FUNCTION STATS while it runs.
    void busyFunctionKill()
    {
        auto transcript = [](int port) {
            std::vector<std::string> steps;
            RawConnection admin(port), runner(port), other(port);
            admin.sendForReply({"CONFIG", "SET", "busy-reply-threshold", "100"});
            admin.sendForReply({"FUNCTION", "LOAD",
                                "#!lua name=spin\nredis.register_function{function_name='spin', "
                                "callback=function() while true do end end, flags={'no-writes'}}"});
            runner.send({"FCALL_RO", "spin", "0"}, 20);
            auto start = std::chrono::steady_clock::now();
            steps.push_back(busyReply(other, start));
            steps.push_back(other.sendForReply({"SCRIPT", "KILL"}));
            std::string stats = other.sendForReply({"FUNCTION", "STATS"});
            steps.push_back(stats.substr(0, stats.find("duration_ms")));
            steps.push_back(other.sendForReply({"FUNCTION", "KILL"}));
            steps.push_back(runner.awaitReply());
            steps.push_back(other.sendForReply({"PING"}));
            return steps;
        };
        auto ours = TestServer::startRedscope({"--save", ""});
        auto redis = TestServer::startRedis({"--save", ""});
        QVERIFY(ours->ok() && redis->ok());
        REDSCOPE_VERIFY_SAME(redscope::test::compareTranscripts(transcript(ours->port()),
                                                                transcript(redis->port())));
    }

    // Scripts in the style of the client libraries that use them.
    void corpusOfRealScripts()
    {
        // A lock: SET NX PX to take it, compare-and-delete to release it.
        const std::string acquire =
            "return redis.call('set', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2])";
        const std::string release = "if redis.call('get', KEYS[1]) == ARGV[1] then return "
                                    "redis.call('del', KEYS[1]) else return 0 end";
        const std::string extend = "if redis.call('get', KEYS[1]) ~= ARGV[1] then return 0 end "
                                   "return redis.call('pexpire', KEYS[1], ARGV[2])";
        // A sliding-window rate limiter over a sorted set.
        const std::string window =
            "local now = tonumber(ARGV[1]) local window = tonumber(ARGV[2]) "
            "local limit = tonumber(ARGV[3]) "
            "redis.call('zremrangebyscore', KEYS[1], '-inf', now - window) "
            "local count = redis.call('zcard', KEYS[1]) "
            "if count >= limit then return {0, count} end "
            "redis.call('zadd', KEYS[1], now, ARGV[4]) redis.call('pexpire', KEYS[1], window) "
            "return {1, count + 1}";
        // A token bucket in a hash.
        const std::string bucket =
            "local b = redis.call('hmget', KEYS[1], 'tokens', 'ts') "
            "local tokens = tonumber(b[1]) or tonumber(ARGV[1]) local ts = tonumber(b[2]) or "
            "tonumber(ARGV[3]) "
            "local rate = tonumber(ARGV[2]) local now = tonumber(ARGV[3]) "
            "tokens = math.min(tonumber(ARGV[1]), tokens + (now - ts) * rate) "
            "local allowed = 0 if tokens >= 1 then tokens = tokens - 1 allowed = 1 end "
            "redis.call('hset', KEYS[1], 'tokens', tokens, 'ts', now) return {allowed, "
            "tostring(tokens)}";
        // A job queue: jobs packed with cmsgpack, metadata in cjson, ids from a counter.
        const std::string addJob =
            "local id = redis.call('incr', KEYS[1]) "
            "local opts = cmsgpack.unpack(ARGV[2]) "
            "redis.call('hset', KEYS[2] .. id, 'name', ARGV[1], 'opts', ARGV[2], "
            "'meta', cjson.encode({attempts = opts.attempts, delay = opts.delay, name = ARGV[1]})) "
            "if opts.delay and opts.delay > 0 then redis.call('zadd', KEYS[4], opts.delay, id) "
            "else redis.call('lpush', KEYS[3], id) end "
            "redis.call('xlen', 'nostream') return id";
        const std::string addJobSafe =
            "local id = redis.call('incr', KEYS[1]) "
            "local opts = cmsgpack.unpack(ARGV[2]) "
            "redis.call('hset', KEYS[2] .. id, 'name', ARGV[1], 'opts', ARGV[2], "
            "'meta', cjson.encode({attempts = opts.attempts, name = ARGV[1]})) "
            "if opts.delay and opts.delay > 0 then redis.call('zadd', KEYS[4], opts.delay, id) "
            "else redis.call('lpush', KEYS[3], id) end return id";
        const std::string takeJob =
            "local id = redis.call('rpoplpush', KEYS[1], KEYS[2]) if not id then return false end "
            "local job = redis.call('hgetall', KEYS[3] .. id) "
            "local fields = {} for i = 1, #job, 2 do fields[job[i]] = job[i + 1] end "
            "local opts = cmsgpack.unpack(fields.opts) "
            "return {id, fields.name, opts.attempts, cjson.decode(fields.meta).name, "
            "cmsgpack.pack({id = tonumber(id), done = false})}";
        const std::string finish =
            "local removed = redis.call('lrem', KEYS[1], 1, ARGV[1]) "
            "if removed == 0 then return redis.error_reply('job ' .. ARGV[1] .. ' not active') end "
            "redis.call('hset', KEYS[2] .. ARGV[1], 'finished', ARGV[2]) "
            "return redis.status_reply('DONE')";
        // Packed options as a client would send them (cmsgpack of {attempts=3, delay=0}).
        const std::string opts =
            m_pair.redisClient().run({"EVAL", "return cmsgpack.pack({attempts=3, delay=0})", "0"});
        QVERIFY(opts.size() > 2);
        RawConnection rawRedis(m_pair.redis().port());
        std::string packedReply =
            rawRedis.send({"EVAL", "return cmsgpack.pack({attempts=3, delay=0})", "0"});
        std::string packed = packedReply.substr(packedReply.find("\r\n") + 2);
        packed.resize(packed.size() - 2);
        std::string delayedReply =
            rawRedis.send({"EVAL", "return cmsgpack.pack({attempts=1, delay=500})", "0"});
        std::string delayed = delayedReply.substr(delayedReply.find("\r\n") + 2);
        delayed.resize(delayed.size() - 2);
        same({
            {"EVAL", acquire, "1", "lock:a", "token1", "10000"},
            {"EVAL", acquire, "1", "lock:a", "token2", "10000"},
            {"EVAL", extend, "1", "lock:a", "token2", "20000"},
            {"EVAL", extend, "1", "lock:a", "token1", "20000"},
            {"EVAL", release, "1", "lock:a", "token2"},
            {"EVAL", release, "1", "lock:a", "token1"},
            {"EVAL", acquire, "1", "lock:a", "token2", "10000"},
            {"EVAL", window, "1", "rl:w", "1000", "100", "3", "r1"},
            {"EVAL", window, "1", "rl:w", "1010", "100", "3", "r2"},
            {"EVAL", window, "1", "rl:w", "1020", "100", "3", "r3"},
            {"EVAL", window, "1", "rl:w", "1030", "100", "3", "r4"},
            {"EVAL", window, "1", "rl:w", "1150", "100", "3", "r5"},
            {"ZRANGE", "rl:w", "0", "-1", "WITHSCORES"},
            {"EVAL", bucket, "1", "tb", "2", "0.5", "100"},
            {"EVAL", bucket, "1", "tb", "2", "0.5", "100"},
            {"EVAL", bucket, "1", "tb", "2", "0.5", "100"},
            {"EVAL", bucket, "1", "tb", "2", "0.5", "103"},
            {"HGETALL", "tb"},
            {"EVAL", addJobSafe, "4", "q:id", "q:job:", "q:wait", "q:delayed", "email", packed},
            {"EVAL", addJobSafe, "4", "q:id", "q:job:", "q:wait", "q:delayed", "sms", packed},
            {"EVAL", addJobSafe, "4", "q:id", "q:job:", "q:wait", "q:delayed", "later", delayed},
            {"EVAL", takeJob, "3", "q:wait", "q:active", "q:job:"},
            {"EVAL", takeJob, "3", "q:wait", "q:active", "q:job:"},
            {"EVAL", takeJob, "3", "q:wait", "q:active", "q:job:"},
            {"EVAL", finish, "2", "q:active", "q:job:", "1", "ok"},
            {"EVAL", finish, "2", "q:active", "q:job:", "1", "ok"},
            {"HGETALL", "q:job:1"},
            {"ZRANGE", "q:delayed", "0", "-1", "WITHSCORES"},
            {"LRANGE", "q:active", "0", "-1"},
            // The same scripts through EVALSHA after SCRIPT LOAD, as client libraries do.
            {"SCRIPT", "LOAD", takeJob},
            {"SCRIPT", "LOAD", addJob},
        });
        (void)opts;
    }
};

QTEST_GUILESS_MAIN(TestScripting)
#include "tst_scripting.moc"
