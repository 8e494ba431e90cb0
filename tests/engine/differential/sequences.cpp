// The hand-written sequences (see sequences.h).
#include "sequences.h"

#include <cstdlib>

namespace redscope::test::diff {

std::vector<std::string> splitCommandLine(const std::string &line)
{
    std::vector<std::string> out;
    size_t i = 0;
    while (i < line.size()) {
        while (i < line.size() && line[i] == ' ')
            ++i;
        if (i >= line.size()) break;
        std::string token;
        if (line[i] == '"') {
            for (++i; i < line.size() && line[i] != '"'; ++i) {
                if (line[i] != '\\' || i + 1 >= line.size()) {
                    token += line[i];
                    continue;
                }
                char c = line[++i];
                if (c == 'n')
                    token += '\n';
                else if (c == 't')
                    token += '\t';
                else if (c == 'r')
                    token += '\r';
                else if (c == 'x' && i + 2 < line.size()) {
                    token +=
                        static_cast<char>(std::strtol(line.substr(i + 1, 2).c_str(), nullptr, 16));
                    i += 2;
                } else
                    token += c;
            }
            ++i;
        } else if (line[i] == '\'') {
            for (++i; i < line.size() && line[i] != '\''; ++i)
                token += line[i];
            ++i;
        } else {
            while (i < line.size() && line[i] != ' ')
                token += line[i++];
        }
        out.push_back(token);
    }
    return out;
}

// clang-format off
const std::vector<Sequence> &handWrittenSequences()
{
    static const std::vector<Sequence> sequences = {
        {"strings", {
            "SET s hello", "GET s", "GET nosuch", "SET s world NX", "SET s world XX", "GET s",
            "SET n 10 GET", "SET fresh v XX", "SET fresh v NX GET", "SET s v EX 0", "SET s v EX -1",
            "SET s v PX abc", "SET s v EX 100 PX 100", "SET s v NX XX", "SET s v KEEPTTL EX 10",
            "SET s v EX 9223372036854775807", "SET s v PXAT 1", "GET s", "SET s v BOGUS", "SET s",
            "SET s v EX 100", "TTL s", "SET s v2 KEEPTTL", "TTL s", "SET s v3", "TTL s",
            "SET s v EXAT 4102444800", "EXPIRETIME s", "GETEX s PERSIST", "TTL s",
            "GETEX s EX 100", "TTL s", "GETEX s PX 1000 EX 10", "GETEX s BOGUS", "GETEX nosuch EX 10",
            "GETEX s EX 0", "GETEX s EX -5", "GETEX s",
            "MSET a 1 b 2 c 3", "MGET a b c nosuch", "MSET a", "MSET a 1 b", "MSETNX a 1 z 2",
            "MSETNX y 1 z 2", "MGET y z", "SETNX a 9", "SETNX fresh2 9", "GET fresh2",
            "SETEX ex 100 v", "TTL ex", "SETEX ex 0 v", "SETEX ex -1 v", "SETEX ex abc v",
            "PSETEX px 100000 v", "PTTL px", "PSETEX px 0 v", "GETSET a new", "GETSET nosuch2 x",
            "GETDEL a", "GETDEL a", "EXISTS a",
            "APPEND ap hello", "APPEND ap \" world\"", "GET ap", "STRLEN ap", "STRLEN nosuch",
            "GETRANGE ap 0 4", "GETRANGE ap -5 -1", "GETRANGE ap 5 2", "GETRANGE ap -100 100",
            "GETRANGE ap 0 -100", "GETRANGE nosuch 0 -1", "GETRANGE ap a b",
            "GETRANGE ap 9223372036854775807 9223372036854775807", "GETRANGE ap -9223372036854775808 -1",
            "SETRANGE ap 6 W", "GET ap", "SETRANGE ap 20 x", "GET ap", "SETRANGE sr 0 \"\"", "EXISTS sr",
            "SETRANGE sr 3 abc", "GET sr", "SETRANGE sr -1 x", "SETRANGE sr 536870912 x", "SETRANGE sr 1 \"\"",
            "SET i 10", "INCR i", "DECR i", "INCRBY i 5", "DECRBY i 20", "INCRBY i -3", "GET i",
            "INCR nosuch3", "INCRBY i abc", "INCRBY i 1.5", "INCRBY i \" 1\"", "INCRBY i +1", "INCRBY i 01",
            "SET i 9223372036854775806", "INCR i", "INCR i", "GET i", "SET i -9223372036854775807",
            "DECR i", "DECR i", "DECRBY i 1", "DECRBY i -9223372036854775808", "INCRBY i 9223372036854775808",
            "SET i \" 10\"", "INCR i", "SET i 10.5", "INCR i", "SET i 00", "INCR i", "SET i hello", "INCR i",
            "SET f 10.5", "INCRBYFLOAT f 0.1", "INCRBYFLOAT f -5", "INCRBYFLOAT f 1e3", "INCRBYFLOAT f 5.0e3",
            "INCRBYFLOAT f 2.0e-3", "GET f", "INCRBYFLOAT f abc", "INCRBYFLOAT f inf", "INCRBYFLOAT f -inf",
            "INCRBYFLOAT f nan", "INCRBYFLOAT nf 3", "INCRBYFLOAT nf 3.0", "GET nf", "SET f 1e308",
            "INCRBYFLOAT f 1e308", "SET f 3.0", "INCRBYFLOAT f 0", "SET f 0.1", "INCRBYFLOAT f 0.2",
            "SET f 5", "INCRBYFLOAT f 1.23456789012345678", "INCRBYFLOAT f 1e-17", "SET f abc",
            "INCRBYFLOAT f 1", "SET f \"1 \"", "INCRBYFLOAT f 1", "INCRBYFLOAT f", "INCR", "GET",
            "GET a b", "APPEND a", "STRLEN", "SETNX a", "MGET", "GETDEL", "INCRBYFLOAT f 1 2",
            "RPUSH l x", "GET l", "SET l v GET", "APPEND l x", "STRLEN l", "INCR l", "GETRANGE l 0 1",
            "SETRANGE l 0 x", "GETEX l", "GETDEL l", "GETSET l v", "INCRBYFLOAT l 1", "MGET l s",
            "RPUSH wt x", "INCRBYFLOAT wt 1e", "INCRBYFLOAT wt \"\"", "INCRBYFLOAT wt abc",
            "SET gx v", "GETEX gx PXAT 4102444900000 PXAT 4102444900000", "PEXPIRETIME gx",
            "GETEX gx EX abc EX 100", "TTL gx", "GETEX gx PXAT 4102444900000 EX 10", "GETEX gx PERSIST PERSIST",
            "TTL gx", "GETEX gx PERSIST EX 10", "GETEX gx EX 10 PERSIST",
            "SET l v", "GET l", "SET \"\" empty", "GET \"\"", "SET bin \"a\\x00b\\xff\"", "GET bin", "STRLEN bin",
        }},
        {"bitmaps", {
            "SETBIT b 7 1", "SETBIT b 8 1", "GET b", "GETBIT b 7", "GETBIT b 100", "SETBIT b 7 0",
            "SETBIT b -1 1", "SETBIT b 4294967296 1", "SETBIT b 1 2", "GETBIT b x", "SET s foobar",
            "BITCOUNT s", "BITCOUNT s 1 1", "BITCOUNT s 5 30 BIT", "BITCOUNT s -2 -1 BYTE",
            "BITCOUNT s -1 -5", "BITCOUNT s 0", "BITCOUNT s 0 1 BITS", "BITCOUNT nosuch 0",
            "BITPOS s 1", "BITPOS s 0 2", "BITPOS s 1 7 15 BIT", "BITPOS s 0 -1 BIT", "BITPOS s 2",
            "SET ones \"\xff\xff\"", "BITPOS ones 0", "BITPOS ones 0 0 -1", "BITPOS ones 0 3 BIT",
            "BITPOS nosuch 0", "BITPOS nosuch 1",
            "BITOP AND d s ones", "GET d", "BITOP OR d s nosuch", "BITOP XOR d s ones s", "GET d",
            "BITOP NOT d s", "GET d", "BITOP NOT d s s", "BITOP NAND d s", "BITOP AND d nosuch", "EXISTS d",
            "BITFIELD f SET i8 0 -100 INCRBY i8 0 -100 OVERFLOW SAT INCRBY i8 0 -100 GET u8 0",
            "BITFIELD f OVERFLOW FAIL INCRBY u8 #1 300 SET u63 0 9223372036854775807 GET u63 0",
            "BITFIELD f SET i64 0 9223372036854775807 INCRBY i64 0 1 GET u64 0", "BITFIELD f GET u64 0",
            "BITFIELD f OVERFLOW BOGUS", "BITFIELD f GET u8", "BITFIELD_RO f GET i8 #2",
            "BITFIELD_RO f SET u8 0 1", "BITFIELD_RO nosuch GET u8 0", "OBJECT ENCODING f",
            "SET n 12", "SETBIT n 2 1", "OBJECT ENCODING n", "INCR n", "OBJECT ENCODING n",
            "RPUSH l x", "SETBIT l 0 1", "GETBIT l 0", "BITCOUNT l", "BITPOS l 1", "BITOP OR d l",
            "BITFIELD l GET u8 0", "BITFIELD_RO l GET u8 0",
        }},
        {"keys", {
            "SET a 1", "SET b 2", "RPUSH l x", "SADD s m", "HSET h f v", "ZADD z 1 m",
            "TYPE a", "TYPE l", "TYPE s", "TYPE h", "TYPE z", "TYPE nosuch",
            "EXISTS a b nosuch a", "DEL a nosuch", "DEL a", "UNLINK b l", "EXISTS a b l", "DBSIZE",
            "SET e v", "EXPIRE e 100", "TTL e", "PTTL e", "EXPIRE e 100 NX", "EXPIRE e 200 XX",
            "EXPIRE e 50 GT", "EXPIRE e 500 GT", "EXPIRE e 600 LT", "EXPIRE e 50 LT", "TTL e",
            "EXPIRE e 10 NX XX", "EXPIRE e 10 GT LT", "EXPIRE e 10 BOGUS", "EXPIRE e abc",
            "EXPIRE e 9223372036854775807", "EXPIRE e -9223372036854775808", "PEXPIRE e 9223372036854775807",
            "PERSIST e", "PERSIST e", "TTL e", "EXPIRE e 100 XX", "EXPIRE e 100 GT", "EXPIRE e 100 LT", "TTL e",
            "EXPIRE nosuch 100", "EXPIRE e 0", "EXISTS e", "SET e v", "EXPIRE e -1", "EXISTS e",
            "SET e v", "PEXPIRE e 100000", "PTTL e", "EXPIREAT e 4102444800", "EXPIRETIME e",
            "PEXPIRETIME e", "PEXPIREAT e 4102444800123", "PEXPIRETIME e", "EXPIRETIME e",
            "EXPIREAT e 1000000000", "EXISTS e", "EXPIRETIME nosuch", "SET p v", "EXPIRETIME p",
            "PEXPIRETIME p", "TTL p", "PTTL p", "TTL nosuch", "PTTL nosuch",
            "SET far v", "PEXPIREAT far 9223372036854775807", "EXPIRETIME far", "PEXPIRETIME far",
            "PEXPIREAT far 9223372036854775000", "EXPIRETIME far", "PEXPIREAT far 9223372036854775499",
            "EXPIRETIME far", "EXPIREAT far 9223372036854775", "EXPIRETIME far", "DEL far",
            "SET r1 v", "RENAME r1 r2", "GET r2", "RENAME nosuch r3", "RENAME r2 r2", "EXPIRE r2 100",
            "RENAME r2 r3", "TTL r3", "SET r4 x", "RENAMENX r3 r4", "RENAMENX r3 r5", "RENAMENX r5 r5",
            "RENAMENX nosuch r6", "RENAME r5 s", "TYPE s",
            "KEYS *", "KEYS r*", "KEYS ?", "KEYS [hz]", "KEYS *[", "KEYS \\h", "KEYS \"\"",
            "SET k1 1", "SET k2 2", "SET k10 10", "KEYS k?", "KEYS k*0", "KEYS k[^1]*", "KEYS k[1-2]",
            "SCAN 0", "SCAN 0 MATCH k*", "SCAN 0 COUNT 1", "SCAN 0 TYPE string", "SCAN 0 TYPE hash",
            "SCAN 0 TYPE bogus", "SCAN 0 COUNT 0", "SCAN 0 COUNT -1", "SCAN 0 COUNT abc", "SCAN 0 MATCH",
            "SCAN 0 BOGUS x", "SCAN abc", "SCAN -1", "SCAN 18446744073709551616", "SCAN",
            "COPY k1 c1", "GET c1", "COPY k1 c1", "COPY k1 c1 REPLACE", "COPY nosuch c9", "COPY k1 k1",
            "COPY k1 c2 DB 1", "COPY k1 c2 DB 16", "COPY k1 c2 DB abc", "COPY k1 c2 BOGUS",
            "COPY h h2", "HGETALL h2", "COPY z z2", "ZRANGE z2 0 -1 WITHSCORES",
            "MOVE k1 1", "EXISTS k1", "MOVE k1 1", "MOVE k2 0", "MOVE k2 16", "MOVE k2 abc", "MOVE nosuch 1",
            "SELECT 1", "GET k1", "GET c2", "KEYS *", "DBSIZE", "SELECT 0", "SELECT 16", "SELECT -1",
            "SELECT abc", "TOUCH k2 nosuch k2", "TOUCH",
            "OBJECT ENCODING k2", "OBJECT ENCODING nosuch", "OBJECT REFCOUNT k2", "OBJECT IDLETIME k2",
            "OBJECT FREQ k2", "OBJECT BOGUS k2", "OBJECT",
            "DEL", "EXISTS", "EXPIRE e", "TTL", "TYPE", "RENAME a", "KEYS", "RANDOMKEY x",
            "RANDOMKEY", "FLUSHDB", "RANDOMKEY", "DBSIZE", "KEYS *", "FLUSHDB BOGUS", "FLUSHALL ASYNC",
            "FLUSHDB SYNC",
        }},
        {"lists", {
            "RPUSH l a b c", "LPUSH l z y", "LRANGE l 0 -1", "LLEN l", "LLEN nosuch",
            "LRANGE l -2 -1", "LRANGE l -100 100", "LRANGE l 3 1", "LRANGE l 5 10", "LRANGE l abc 1",
            "LRANGE l 0 9223372036854775807", "LRANGE l -9223372036854775808 0", "LRANGE nosuch 0 -1",
            "LINDEX l 0", "LINDEX l -1", "LINDEX l 100", "LINDEX l abc", "LINDEX nosuch 0",
            "LSET l 0 A", "LSET l -1 Z", "LSET l 100 x", "LSET nosuch 0 x", "LSET l abc x", "LRANGE l 0 -1",
            "LPUSHX nosuch a", "RPUSHX nosuch a", "EXISTS nosuch", "LPUSHX l p", "RPUSHX l q r",
            "LPOP l", "RPOP l", "LPOP l 2", "RPOP l 0", "LPOP l -1", "LPOP nosuch", "LPOP nosuch 2",
            "RPOP l 100", "EXISTS l", "RPOP l 1",
            "RPUSH r a b a c a", "LREM r 2 a", "LRANGE r 0 -1", "RPUSH r a a", "LREM r -1 a", "LRANGE r 0 -1",
            "LREM r 0 a", "LRANGE r 0 -1", "LREM r 0 nosuch", "LREM r abc a", "LREM nosuch 0 a",
            "RPUSH t 1 2 3 4 5", "LTRIM t 1 -2", "LRANGE t 0 -1", "LTRIM t 5 10", "EXISTS t", "RPUSH t 1 2",
            "LTRIM t -100 100", "LRANGE t 0 -1", "LTRIM t abc 1",
            "RPUSH i a b c", "LINSERT i BEFORE b x", "LINSERT i AFTER c y", "LINSERT i AFTER nosuch y",
            "LINSERT nosuch BEFORE a b", "LINSERT i MIDDLE a b", "LRANGE i 0 -1",
            "RPUSH p a b c 1 2 3 c c", "LPOS p c", "LPOS p c RANK 2", "LPOS p c RANK -1", "LPOS p c COUNT 0",
            "LPOS p c COUNT 2", "LPOS p c RANK -2 COUNT 0", "LPOS p c MAXLEN 3", "LPOS p nosuch",
            "LPOS p nosuch COUNT 0", "LPOS p c RANK -9223372036854775808", "LPOS p c RANK 0", "LPOS p c COUNT -1", "LPOS p c MAXLEN -1",
            "LPOS p c BOGUS 1", "LPOS nosuch a", "LPOS nosuch a COUNT 0",
            "RPUSH m1 a b c", "LMOVE m1 m2 LEFT RIGHT", "LMOVE m1 m2 RIGHT LEFT", "LRANGE m2 0 -1",
            "LMOVE m1 m1 LEFT RIGHT", "LRANGE m1 0 -1", "LMOVE m1 m2 UP DOWN", "LMOVE nosuch m2 LEFT LEFT",
            "RPOPLPUSH m2 m1", "RPOPLPUSH nosuch m1", "LRANGE m1 0 -1",
            "BLPOP m1 0.01", "BRPOP nosuch m1 0.01", "BLPOP nosuch 0.01", "BLPOP nosuch -1",
            "BLPOP nosuch abc", "BLMOVE m1 m3 LEFT RIGHT 0.01", "BLMOVE nosuch m3 LEFT RIGHT 0.01",
            "BRPOPLPUSH nosuch m3 0.01", "BRPOPLPUSH m3 m1 0.01",
            "SET str x", "LPUSH str a", "RPUSH str a", "LRANGE str 0 -1", "LLEN str", "LPOP str", "LINDEX str 0",
            "LSET str 0 a", "LSET str 1.0 a", "LSET str abc a", "LINDEX str abc", "LSET nosuch abc x",
            "LINDEX nosuch abc", "BLPOP nosuch 1e400", "BLPOP nosuch inf", "BRPOP nosuch -1e400",
            "BLPOP nosuch 1e5000", "BLPOP nosuch nan", "BLPOP nosuch \"\"", "BLMOVE a b LEFT LEFT 1e400",
            "LREM str 0 a", "LTRIM str 0 1", "LINSERT str BEFORE a b", "LPOS str a",
            "LMOVE str m1 LEFT LEFT", "LMOVE m1 str LEFT LEFT", "RPOPLPUSH m1 str", "BLPOP str 0.01",
            "LPUSH", "LPUSH l", "LRANGE l 0", "LINDEX l", "LSET l 0", "LPOP", "LPOP l 1 2", "LMOVE a b LEFT",
            "RPUSH big x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x x",
            "LLEN big", "LREM big -3 x", "LINDEX big -1", "LRANGE big 125 200",
        }},
        {"hashes", {
            "HSET h f1 v1 f2 v2", "HSET h f1 v1b f3 v3", "HGET h f1", "HGET h nosuch", "HGET nosuch f",
            "HMGET h f1 nosuch f3", "HMGET nosuch a b", "HMSET h f4 v4", "HGETALL h", "HKEYS h", "HVALS h",
            "HLEN h", "HLEN nosuch", "HEXISTS h f1", "HEXISTS h nosuch", "HSTRLEN h f1", "HSTRLEN h nosuch",
            "HSETNX h f1 x", "HSETNX h f5 x", "HDEL h f1 nosuch f2", "HDEL h f3 f4 f5", "EXISTS h", "HGETALL nosuch",
            "HSET h", "HSET h f", "HSET h f v g", "HMSET h f", "HGET h", "HDEL h", "HINCRBY h f", "HSTRLEN h",
            "HINCRBY n c 5", "HINCRBY n c -10", "HINCRBY n c abc", "HINCRBY n c 1.5",
            "HINCRBY n c 9223372036854775807", "HSET n big 9223372036854775806", "HINCRBY n big 1", "HINCRBY n big 1",
            "HSET n s hello", "HINCRBY n s 1", "HSET n sp \" 1\"", "HINCRBY n sp 1",
            "HINCRBYFLOAT n fl 1.5", "HINCRBYFLOAT n fl 0.1", "HINCRBYFLOAT n fl -1e3", "HINCRBYFLOAT n fl abc",
            "HINCRBYFLOAT n fl inf", "HINCRBYFLOAT n s 1", "HINCRBYFLOAT n c 2.5", "HGET n fl", "HGET n c",
            "HSET n e 1e308", "HINCRBYFLOAT n e 1e308", "HINCRBYFLOAT n new 3.0", "HGET n new",
            "HRANDFIELD nosuch", "HRANDFIELD nosuch 3", "HRANDFIELD n", "HRANDFIELD n 2", "HRANDFIELD n -5",
            "HRANDFIELD n 100 WITHVALUES", "HRANDFIELD n -3 WITHVALUES", "HRANDFIELD n 0", "HRANDFIELD n abc",
            "HRANDFIELD n 1 BOGUS", "HRANDFIELD n -9223372036854775808 WITHVALUES",
            "SET str x", "HRANDFIELD str 9223372036854775807 WITHVALUES", "HRANDFIELD str abc WITHVALUES", "HRANDFIELD nosuch 4611686018427387904 WITHVALUES",
            "HRANDFIELD nosuch 4611686018427387903 WITHVALUES", "HRANDFIELD nosuch -4611686018427387904 WITHVALUES",
            "HRANDFIELD nosuch 9223372036854775807",
            "HSCAN n 0", "HSCAN n 0 MATCH b*", "HSCAN n 0 COUNT 1", "HSCAN nosuch 0", "HSCAN n abc", "HSCAN n 0 COUNT 0",
            "SET str x", "HSET str f v", "HGET str f", "HGETALL str", "HLEN str", "HINCRBY str f 1", "HSCAN str 0",
            "HSET \"\" \"\" \"\"", "HGETALL \"\"",
            "HSET big f0 v f1 v f2 v f3 v f4 v f5 v f6 v f7 v f8 v f9 v g0 v g1 v g2 v g3 v g4 v g5 v g6 v g7 v g8 v g9 v",
            "HSET big long vvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvvv",
            "HLEN big", "HSTRLEN big long", "HSCAN big 0", "HDEL big long", "HLEN big",
        }},
        {"sets", {
            "SADD s a b c", "SADD s a d", "SMEMBERS s", "SCARD s", "SISMEMBER s a", "SISMEMBER s z",
            "SISMEMBER nosuch a", "SMISMEMBER s a z b", "SMISMEMBER nosuch a", "SREM s a z", "SREM nosuch a",
            "SADD i 1 2 3 10 -5", "SMEMBERS i", "SADD i x", "SMEMBERS i", "SADD n 9223372036854775807 -9223372036854775808 01",
            "SMEMBERS n", "SISMEMBER n 1", "SISMEMBER n 01",
            "SADD t1 a b c d", "SADD t2 c d e", "SADD t3 d e f", "SINTER t1 t2", "SINTER t1 t2 t3", "SINTER t1 nosuch",
            "SUNION t1 t2 t3", "SUNION nosuch", "SDIFF t1 t2", "SDIFF t1 t2 t3", "SDIFF nosuch t1",
            "SINTERSTORE d t1 t2", "SMEMBERS d", "SINTERSTORE d t1 nosuch", "EXISTS d", "SUNIONSTORE d t1 t3",
            "SDIFFSTORE d t1 t1", "EXISTS d", "SDIFFSTORE d t3 t2", "SMEMBERS d",
            "SINTERCARD 2 t1 t2", "SINTERCARD 3 t1 t2 t3", "SINTERCARD 2 t1 t2 LIMIT 1", "SINTERCARD 2 t1 t2 LIMIT 0",
            "SINTERCARD 0 t1", "SINTERCARD -1 t1", "SINTERCARD 3 t1 t2", "SINTERCARD 1 t1 LIMIT -1",
            "SINTERCARD abc t1", "SINTERCARD 1 nosuch", "SINTERCARD 1 t1 BOGUS 1",
            "SMOVE t1 t2 a", "SMOVE t1 t2 a", "SMOVE nosuch t2 a", "SMOVE t1 t1 b", "SMEMBERS t2",
            "SRANDMEMBER nosuch", "SRANDMEMBER nosuch 3", "SRANDMEMBER t3", "SRANDMEMBER t3 2", "SRANDMEMBER t3 -5",
            "SRANDMEMBER t3 100", "SRANDMEMBER t3 0", "SRANDMEMBER t3 abc", "SRANDMEMBER t3 -9223372036854775808",
            "SPOP nosuch", "SPOP nosuch 2", "SPOP t3", "SPOP t3 0", "SPOP t3 -1", "SPOP t3 100", "EXISTS t3",
            "SSCAN t1 0", "SSCAN t1 0 MATCH c*", "SSCAN i 0 COUNT 1", "SSCAN nosuch 0", "SSCAN t1 abc",
            "SET str x", "SADD str a", "SMEMBERS str", "SINTER t1 str", "SINTER nosuch str", "SUNIONSTORE d str",
            "SMOVE str t1 a", "SMOVE t1 str c", "SINTERCARD 1 str", "SCARD str", "SISMEMBER str a",
            "SADD", "SADD s", "SREM s", "SCARD", "SMOVE a b", "SINTERSTORE d", "SPOP s 1 2", "SISMEMBER s",
            "SADD big 0 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20 21 22 23 24 25 26 27 28 29 30",
            "SCARD big", "SADD big xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "SCARD big", "SREM big 0 1 2", "SCARD big", "SSCAN big 0",
        }},
        {"zsets", {
            "ZADD z 1 a 2 b 3 c", "ZADD z 1.5 a", "ZRANGE z 0 -1 WITHSCORES", "ZSCORE z a", "ZSCORE z nosuch",
            "ZSCORE nosuch a", "ZMSCORE z a nosuch c", "ZMSCORE nosuch a", "ZCARD z", "ZCARD nosuch",
            "ZADD z NX 10 a 4 d", "ZADD z XX 10 a 5 e", "ZADD z XX NX 1 a", "ZADD z GT 5 a", "ZADD z GT 1 a",
            "ZADD z LT 1 a", "ZADD z GT LT 1 a", "ZADD z NX GT 1 a", "ZADD z CH 1 a 7 f", "ZADD z INCR 2 a",
            "ZADD z INCR 1 a 2 b", "ZADD z XX INCR 1 nosuch", "ZADD z NX INCR 1 a", "ZADD z abc a", "ZADD z nan a",
            "ZADD z 1 a 2", "ZADD z", "ZADD z inf x -inf y", "ZADD z INCR -inf x", "ZADD z 1e400 a",
            "ZRANGE z 0 -1 WITHSCORES", "ZINCRBY z 2.5 b", "ZINCRBY z abc b", "ZINCRBY z 1 new", "ZINCRBY z 0.1 new",
            "ZINCRBY z 0.2 new", "ZSCORE z new", "ZINCRBY z +inf x", "ZINCRBY z -inf x", "ZADD z 1e17 big",
            "ZADD z 123456789.123456789 pr", "ZADD z 0.30000000000000004 tiny", "ZSCORE z big", "ZSCORE z pr", "ZSCORE z tiny",
            "ZADD z -0 negzero", "ZSCORE z negzero", "ZRANGE z 0 -1 WITHSCORES",
            "ZINCRBY zz -0 new", "ZSCORE zz new", "ZINCRBY zz -0 new", "ZADD zz INCR -0 new2", "ZINCRBY zz -0 new2",
            "ZADD zb 0 m0 1 m1 2 m2 3 m3 4 m4 5 m5 6 m6 7 m7 8 m8 9 m9 10 m10 11 m11 12 m12 13 m13 14 m14 15 m15",
            "ZADD zlong -0 mmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmmm", "ZRANGE zlong 0 -1 WITHSCORES",
            "ZINCRBY zlong -0 x", "ZSCORE zlong x", "ZADD zlong 0 x", "ZSCORE zlong x", "ZMSCORE zlong x nosuch",
            "ZUNIONSTORE zneg 1 zlong WEIGHTS -1", "ZRANGE zneg 0 -1 WITHSCORES", "ZUNIONSTORE zneg 1 zz WEIGHTS -1",
            "ZRANGE zneg 0 -1 WITHSCORES", "ZUNION 1 zz WEIGHTS -1 WITHSCORES", "COPY zlong zlong2", "ZSCORE zlong2 x",
            "ZRANGEBYSCORE z \"\" 0", "ZCOUNT z \"\" 1", "ZCOUNT z ( 1", "ZCOUNT z ( (", "ZRANGEBYSCORE z ( 1",
            "ZCOUNT z \" 1\" 3", "ZCOUNT z \"1 \" 3", "ZCOUNT z 0x1 3", "ZCOUNT z (nan 3", "ZREMRANGEBYSCORE nosuch ( (",
            "SET str x", "ZRANGE str 1 0 LIMIT 9 -1", "ZRANGE str 0 1 LIMIT 0 1", "ZRANGE z 0 -1 LIMIT 9 -1", "ZRANGE z 0 -1 LIMIT -1 -1",
            "ZRANGE z 0 -1 LIMIT 1 -2", "ZRANGE str a b",
            "ZRANDMEMBER str 9223372036854775807 WITHSCORES", "ZRANDMEMBER nosuch 4611686018427387904 WITHSCORES",
            "ZRANDMEMBER nosuch 4611686018427387903 WITHSCORES",
            "BZPOPMIN nosuch 1e400", "BZPOPMAX nosuch inf", "BZPOPMIN nosuch -1e400", "BZPOPMIN nosuch nan",
            "ZCOUNT z -inf +inf", "ZCOUNT z (1 3", "ZCOUNT z 3 1", "ZCOUNT z abc 1", "ZCOUNT z (inf +inf",
            "ZRANGE z 0 2", "ZRANGE z -3 -1 WITHSCORES", "ZRANGE z 5 1", "ZRANGE z 0 100", "ZRANGE z -100 0",
            "ZRANGE z 1 +inf BYSCORE", "ZRANGE z (1 10 BYSCORE WITHSCORES", "ZRANGE z 10 1 BYSCORE REV",
            "ZRANGE z -inf +inf BYSCORE LIMIT 1 2", "ZRANGE z -inf +inf BYSCORE LIMIT 0 -1", "ZRANGE z 0 -1 LIMIT 0 1",
            "ZRANGE z 0 -1 REV", "ZRANGE z 0 -1 BYSCORE BYLEX", "ZRANGE z abc 1 BYSCORE", "ZRANGE z 0 -1 BOGUS",
            "ZRANGEBYSCORE z -inf +inf", "ZRANGEBYSCORE z (1 5 WITHSCORES LIMIT 1 1", "ZRANGEBYSCORE z 5 1",
            "ZREVRANGEBYSCORE z +inf -inf WITHSCORES", "ZREVRANGEBYSCORE z 5 (1 LIMIT 0 2", "ZRANGEBYSCORE z 1 2 LIMIT 0",
            "ZREVRANGE z 0 1", "ZREVRANGE z 0 -1 WITHSCORES", "ZREVRANGE z 0 -1 BOGUS",
            "ZRANK z a", "ZRANK z nosuch", "ZREVRANK z a", "ZRANK nosuch a",
            "ZADD lex 0 a 0 b 0 c 0 d 0 e", "ZRANGEBYLEX lex - +", "ZRANGEBYLEX lex [b (d", "ZRANGEBYLEX lex (a [c LIMIT 1 1",
            "ZREVRANGEBYLEX lex + -", "ZREVRANGEBYLEX lex [d (a", "ZRANGEBYLEX lex a c", "ZRANGEBYLEX lex [a",
            "ZLEXCOUNT lex - +", "ZLEXCOUNT lex [b [d", "ZLEXCOUNT lex b d", "ZRANGE lex [b [d BYLEX", "ZRANGE lex [d [b BYLEX REV",
            "ZREMRANGEBYLEX lex [a [b", "ZRANGE lex 0 -1", "ZREMRANGEBYLEX lex a b",
            "ZADD r 1 a 2 b 3 c 4 d 5 e", "ZREMRANGEBYRANK r 0 1", "ZREMRANGEBYRANK r -1 -1", "ZREMRANGEBYRANK r 5 10",
            "ZREMRANGEBYSCORE r (3 4", "ZRANGE r 0 -1 WITHSCORES", "ZREMRANGEBYSCORE r abc 1", "ZREMRANGEBYRANK r 0 -1",
            "EXISTS r",
            "ZADD p 1 a 2 b 3 c", "ZPOPMIN p", "ZPOPMAX p", "ZPOPMIN p 5", "EXISTS p", "ZPOPMIN nosuch", "ZPOPMIN p -1",
            "ZPOPMIN p abc", "ZADD p 1 a", "ZPOPMAX p 0", "BZPOPMIN p 0.01", "BZPOPMAX nosuch 0.01", "BZPOPMIN nosuch -1",
            "ZADD u1 1 a 2 b", "ZADD u2 3 b 4 c", "SADD us b c d", "ZUNIONSTORE d 2 u1 u2", "ZRANGE d 0 -1 WITHSCORES",
            "ZUNIONSTORE d 2 u1 u2 WEIGHTS 2 3", "ZRANGE d 0 -1 WITHSCORES", "ZUNIONSTORE d 2 u1 u2 AGGREGATE MAX",
            "ZRANGE d 0 -1 WITHSCORES", "ZINTERSTORE d 2 u1 u2 AGGREGATE MIN", "ZRANGE d 0 -1 WITHSCORES",
            "ZINTERSTORE d 2 u1 us", "ZRANGE d 0 -1 WITHSCORES", "ZUNIONSTORE d 3 u1 u2 us WEIGHTS 1 1 inf",
            "ZRANGE d 0 -1 WITHSCORES", "ZDIFFSTORE d 2 u1 u2", "ZRANGE d 0 -1 WITHSCORES", "ZINTERSTORE d 2 u1 nosuch",
            "EXISTS d", "ZUNIONSTORE d 0 u1", "ZUNIONSTORE d -1 u1", "ZUNIONSTORE d 3 u1 u2", "ZUNIONSTORE d 2 u1 u2 WEIGHTS 1",
            "ZUNIONSTORE d 2 u1 u2 WEIGHTS 1 abc", "ZUNIONSTORE d 2 u1 u2 AGGREGATE BOGUS", "ZUNIONSTORE d abc u1",
            "ZRANDMEMBER nosuch", "ZRANDMEMBER nosuch 2", "ZRANDMEMBER u1", "ZRANDMEMBER u1 5 WITHSCORES",
            "ZRANDMEMBER u1 -5 WITHSCORES", "ZRANDMEMBER u1 0", "ZRANDMEMBER u1 abc", "ZRANDMEMBER u1 1 BOGUS",
            "ZSCAN u1 0", "ZSCAN u1 0 MATCH a*", "ZSCAN nosuch 0", "ZSCAN u1 abc",
            "SET str x", "ZADD str 1 a", "ZSCORE str a", "ZRANGE str 0 -1", "ZUNIONSTORE d 1 str", "ZCARD str",
            "ZADD", "ZSCORE z", "ZRANGE z 0", "ZRANGEBYSCORE z 1", "ZRANK z", "ZINCRBY z 1", "ZPOPMIN", "ZCOUNT z 1",
        }},
        {"transactions", {
            "MULTI", "SET a 1", "INCR a", "GET a", "EXEC", "EXEC", "DISCARD",
            "MULTI", "SET a 2", "DISCARD", "GET a",
            "MULTI", "MULTI", "SET a 3", "EXEC", "GET a",
            "MULTI", "SET a 4", "NOSUCHCOMMAND x", "EXEC", "GET a",
            "MULTI", "SET a", "SET a 5", "EXEC", "GET a",
            "MULTI", "SET a x", "INCR a", "SET a 6", "EXEC", "GET a",
            "MULTI", "RPUSH a x", "GET a", "EXEC",
            "WATCH a", "SET a 7", "MULTI", "GET a", "EXEC", "GET a",
            "WATCH a", "MULTI", "GET a", "EXEC",
            "WATCH a", "UNWATCH", "SET a 8", "MULTI", "GET a", "EXEC",
            "WATCH nosuch", "MULTI", "SET nosuch 1", "EXEC", "GET nosuch",
            "WATCH a", "DEL a", "MULTI", "SET a 9", "EXEC", "GET a",
            "WATCH a b", "SET b 1", "MULTI", "PING", "EXEC",
            "MULTI", "WATCH a", "EXEC", "WATCH", "UNWATCH x",
            "MULTI", "EXEC", "MULTI", "SELECT 1", "SET indb1 v", "EXEC", "GET indb1", "SELECT 0", "GET indb1",
            "MULTI", "EXPIRE a 100", "TTL a", "PERSIST a", "EXEC",
            // A WATCHed key that does not exist is not touched by FLUSHDB/FLUSHALL (Redis 7).
            "WATCH absent", "FLUSHDB", "MULTI", "PING", "EXEC", "SET present 1", "WATCH present",
            "FLUSHALL", "MULTI", "PING", "EXEC",
            // A refused EXEC aborts and discards the transaction (MULTI or not).
            "MULTI", "SET a 10", "EXEC x", "EXEC", "GET a", "EXEC x",
            "WATCH a", "EXEC x", "SET a 11", "MULTI", "GET a", "EXEC",
            "MULTI", "DISCARD x", "DISCARD",
            // Container subcommands are resolved at queue time (unknown name, arity).
            "MULTI", "OBJECT BOGUS k", "EXEC", "MULTI", "OBJECT ENCODING", "EXEC",
            "MULTI", "object bogus", "CONFIG GET", "CLIENT BOGUS", "SLOWLOG BOGUS", "EXEC",
            "MULTI", "CONFIG GET hz", "OBJECT ENCODING a", "EXEC",
        }},
        {"server", {
            "PING", "PING hello", "PING a b", "ECHO hi", "ECHO", "ECHO a b", "DBSIZE", "DBSIZE x",
            "SELECT 1", "DBSIZE", "SELECT 0",
            "CONFIG GET maxmemory", "CONFIG GET databases", "CONFIG GET maxmemory-policy", "CONFIG GET nosuchparam",
            "CONFIG GET", "CONFIG SET nosuchparam 1", "CONFIG SET hz abc", "CONFIG SET hz 20", "CONFIG GET hz",
            "CONFIG SET maxmemory-policy bogus", "CONFIG SET maxmemory-policy allkeys-lru", "CONFIG GET maxmemory-policy",
            "CONFIG SET maxmemory-policy noeviction", "CONFIG SET notify-keyspace-events KEA",
            "CONFIG GET notify-keyspace-events", "CONFIG SET notify-keyspace-events Elg", "CONFIG GET notify-keyspace-events",
            "CONFIG SET notify-keyspace-events bogus!", "CONFIG SET notify-keyspace-events \"\"", "CONFIG SET hz",
            "CONFIG BOGUS", "CONFIG", "CONFIG RESETSTAT",
            "CONFIG SET hz 0", "CONFIG GET hz", "CONFIG SET hz 2147483647", "CONFIG GET hz", "CONFIG SET hz 2147483648",
            "CONFIG SET hz -1", "CONFIG SET hz 10", "CONFIG SET maxmemory-policy noeviction extra",
            "CONFIG SET maxmemory-policy", "CONFIG SET a b c d", "CONFIG SET hz 10 hz 11", "config bogus",
            "OBJECT BOGUS k", "object bogus", "OBJECT ENCODING", "OBJECT HELP x", "CLIENT GETNAME x", "COMMAND COUNT x",
            "MEMORY BOGUS", "LATENCY BOGUS", "PUBSUB NUMPAT x", "SLOWLOG LEN x",
            "PUBLISH ch1 hello", "PUBLISH", "PUBSUB CHANNELS", "PUBSUB NUMSUB ch1 ch2", "PUBSUB NUMPAT", "PUBSUB BOGUS",
            "COMMAND GETKEYS SET a b", "COMMAND GETKEYS DEL a b c", "COMMAND GETKEYS PING", "COMMAND GETKEYS NOSUCH a",
            "COMMAND GETKEYS GET", "COMMAND GETKEYS EXPIRE k 10", "COMMAND BOGUS",
            "CLIENT SETNAME diff", "CLIENT GETNAME", "CLIENT SETNAME \"a b\"", "CLIENT SETNAME \"\"", "CLIENT GETNAME",
            "CLIENT BOGUS", "CLIENT", "TIME", "INFO", "INFO keyspace", "LASTSAVE", "SLOWLOG LEN", "SLOWLOG RESET",
            "NOSUCHCOMMAND", "NOSUCHCOMMAND a b", "nosuchcommand \"a b\"",
        }},
        {"streams", {
            "XADD s 1-1 a 1 b 2", "XADD s 1-2 a 3 b 4", "XADD s 2-* c 5", "XADD s 2-* c 6", "XADD s 1 x y",
            "XADD s 0-0 x y", "XADD s 3-1 f", "XADD s NOMKSTREAM 5-0 f v", "XADD nos NOMKSTREAM 5-0 f v",
            "XADD s MAXLEN 5 6-1 a b", "XADD s MAXLEN ~ 5 LIMIT 3 7-1 a b", "XADD s MAXLEN = 5 LIMIT 3 7-1 a b",
            "XADD s LIMIT 3 7-1 a b", "XADD s MAXLEN -1 7-1 a b", "XADD s MAXLEN 2 MINID 0 7-1 a b",
            "XLEN s", "XRANGE s - +", "XRANGE s - + COUNT 2", "XRANGE s - + COUNT 0", "XREVRANGE s + - COUNT 2",
            "XRANGE s (1-1 +", "XRANGE s - (2-1", "XRANGE s ( +", "XDEL s 1-1 9-9", "XDEL s bad", "XINFO STREAM s",
            "XGROUP CREATE s g 0", "XGROUP CREATE s g 0", "XGROUP CREATE s g2 $ ENTRIESREAD 3",
            "XGROUP CREATE nos g 0", "XGROUP CREATE nos g 0 MKSTREAM", "XGROUP SETID s g5 0",
            "XGROUP CREATECONSUMER s g c1", "XGROUP CREATECONSUMER s g c1", "XINFO GROUPS s",
            "XREADGROUP GROUP g c2 COUNT 2 STREAMS s >", "XINFO GROUPS s", "XPENDING s g", "XPENDING s g - + 10",
            "XREADGROUP GROUP g c2 STREAMS s 0", "XREADGROUP GROUP g c2 STREAMS s $", "XREAD STREAMS s 0",
            "XREAD COUNT 1 STREAMS s nos 0 0", "XREAD STREAMS s >", "XACK s g 1-2 1-2 9-9", "XDEL s 2-1",
            "XREADGROUP GROUP g c2 STREAMS s 0", "XCLAIM s g c3 0 2-1 2-2 FORCE JUSTID", "XCLAIM s g c3 0 6-1 FORCE",
            "XAUTOCLAIM s g c4 0 0 COUNT 1", "XAUTOCLAIM s g c4 0 0 JUSTID", "XPENDING s g", "XINFO CONSUMERS s g",
            "XGROUP DELCONSUMER s g c4", "XINFO STREAM s FULL", "XTRIM s MAXLEN 1", "XINFO GROUPS s",
            "XSETID s 100-1 ENTRIESADDED 50 MAXDELETEDID 90-0", "XINFO STREAM s", "XGROUP DESTROY s g",
            "SET str x", "XADD str 1-1 a b", "XRANGE str - +", "XREADGROUP GROUP g c STREAMS str >",
            "TYPE s", "OBJECT ENCODING s", "XGROUP HELP", "XINFO HELP", "XGROUP BOGUS", "XINFO STREAM s BOGUS",
        }},
    };
    return sequences;
}
// clang-format on

} // namespace redscope::test::diff
