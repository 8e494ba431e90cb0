// The bitmap family (SETBIT, GETBIT, BITCOUNT, BITPOS, BITOP, BITFIELD, BITFIELD_RO) against
// Debian's redis-server side by side: every reply must match word for word, errors included.
// Besides each option and error, the suite checks what makes bitmaps strings (GET, APPEND,
// SETRANGE, TTLs, OBJECT ENCODING), keyspace events, ACL key access, MULTI and RESP3, and
// compares BITCOUNT/BITPOS over random strings long enough to exercise the word-wise scan.
// The 512 MB offset limit is exercised with a 1 MB proto-max-bulk-len, so nothing allocates
// half a gigabyte.
#include "raw_connection.h"
#include "side_by_side.h"

#include <QtTest>

#include <random>

using redscope::test::RawConnection;
using redscope::test::RedisTestClient;
using redscope::test::Script;
using redscope::test::ServerPair;
using redscope::test::TestServer;

class TestBitmapCommands : public QObject
{
    Q_OBJECT

private:
    ServerPair m_pair;

    void same(const Script &script) { REDSCOPE_VERIFY_SAME(m_pair.compare(script)); }

private slots:
    void initTestCase()
    {
        std::string error;
        QVERIFY2(m_pair.start(&error), error.c_str());
    }

    void init() { same({{"FLUSHALL"}, {"CONFIG", "SET", "notify-keyspace-events", ""}}); }

    void setbitAndGetbitAtByteBoundaries()
    {
        same({
            {"SETBIT", "k", "0", "1"},
            {"GET", "k"},
            {"SETBIT", "k", "7", "1"},
            {"SETBIT", "k", "8", "1"},
            {"GET", "k"},
            {"STRLEN", "k"},
            {"SETBIT", "k", "15", "1"},
            {"SETBIT", "k", "16", "0"},
            {"STRLEN", "k"},
            {"SETBIT", "k", "0", "0"},
            {"SETBIT", "k", "0", "0"},
            {"GET", "k"},
            {"GETBIT", "k", "0"},
            {"GETBIT", "k", "7"},
            {"GETBIT", "k", "8"},
            {"GETBIT", "k", "23"},
            {"GETBIT", "k", "24"},
            {"GETBIT", "k", "4294967295"},
            {"GETBIT", "nokey", "5"},
            {"SETBIT", "z", "100", "0"},
            {"GET", "z"},
            {"SETBIT", "k", "+3", "1"},
            {"SETBIT", "k", "3", "+1"},
        });
    }

    void setbitAndGetbitErrors()
    {
        same({
            {"SET", "k", "a"},
            {"SETBIT", "k", "-1", "1"},
            {"SETBIT", "k", "x", "1"},
            {"SETBIT", "k", "1.5", "1"},
            {"SETBIT", "k", "4294967296", "1"},
            {"SETBIT", "k", "99999999999999999999", "1"},
            {"SETBIT", "k", "1", "2"},
            {"SETBIT", "k", "1", "-1"},
            {"SETBIT", "k", "1", "x"},
            {"SETBIT", "k", "x", "x"},
            {"SETBIT", "k", "4294967295", "x"},
            {"GETBIT", "k", "-1"},
            {"GETBIT", "k", "4294967296"},
            {"GETBIT", "k", "x"},
            {"SETBIT", "k", "1"},
            {"SETBIT", "k", "1", "1", "1"},
            {"GETBIT", "k"},
            {"GETBIT", "k", "1", "2"},
            {"GET", "k"},
        });
    }

    // proto-max-bulk-len bounds offsets: 1 MB allows bits up to 8388607.
    void offsetLimitFollowsProtoMaxBulkLen()
    {
        same({
            {"CONFIG", "SET", "proto-max-bulk-len", "1048576"},
            {"SETBIT", "k", "8388608", "1"},
            {"GETBIT", "k", "8388608"},
            {"BITFIELD", "k", "SET", "u8", "8388608", "1"},
            {"BITFIELD", "k", "GET", "u8", "#1048576"},
            {"BITFIELD", "k", "GET", "u8", "#1048575"},
            {"SETBIT", "k", "8388607", "1"},
            {"STRLEN", "k"},
            {"BITCOUNT", "k"},
            {"BITPOS", "k", "1"},
            {"BITPOS", "k", "1", "-1"},
            {"CONFIG", "SET", "proto-max-bulk-len", "536870912"},
        });
    }

    void bitcountRanges()
    {
        same({
            {"SET", "k", "foobar"},
            {"BITCOUNT", "k"},
            {"BITCOUNT", "k", "0", "0"},
            {"BITCOUNT", "k", "1", "1"},
            {"BITCOUNT", "k", "1", "1", "BYTE"},
            {"BITCOUNT", "k", "5", "30", "BIT"},
            {"BITCOUNT", "k", "5", "30", "bit"},
            {"BITCOUNT", "k", "0", "-1", "BIT"},
            {"BITCOUNT", "k", "7", "8", "BIT"},
            {"BITCOUNT", "k", "8", "15", "BIT"},
            {"BITCOUNT", "k", "3", "3", "BIT"},
            {"BITCOUNT", "k", "-1", "-1"},
            {"BITCOUNT", "k", "-2", "-1"},
            {"BITCOUNT", "k", "-100", "-1"},
            {"BITCOUNT", "k", "-100", "-200"},
            {"BITCOUNT", "k", "-1", "-5"},
            {"BITCOUNT", "k", "-5", "-1", "BIT"},
            {"BITCOUNT", "k", "4", "2"},
            {"BITCOUNT", "k", "10", "20"},
            {"BITCOUNT", "k", "0", "1000"},
            {"BITCOUNT", "k", "47", "47", "BIT"},
            {"BITCOUNT", "k", "48", "100", "BIT"},
            {"BITCOUNT", "k", "-9223372036854775808", "9223372036854775807"},
            {"BITCOUNT", "k", "-9223372036854775808", "9223372036854775807", "BIT"},
            {"BITCOUNT", "nokey"},
            {"BITCOUNT", "nokey", "0", "1"},
            {"SET", "empty", ""},
            {"BITCOUNT", "empty"},
            {"BITCOUNT", "empty", "0", "-1"},
            {"BITCOUNT", "empty", "0", "-1", "BIT"},
        });
    }

    // Redis 7.0 looks the key up first: a missing key answers 0 even with a bad range.
    void bitcountErrors()
    {
        same({
            {"SET", "k", "foobar"},
            {"BITCOUNT", "k", "0"},
            {"BITCOUNT", "k", "0", "1", "BITS"},
            {"BITCOUNT", "k", "-1", "-6", "BOGUS"},
            {"BITCOUNT", "k", "-6", "-1", "BOGUS"},
            {"BITCOUNT", "k", "0", "1", "BIT", "x"},
            {"BITCOUNT", "k", "x", "1"},
            {"BITCOUNT", "k", "0", "x"},
            {"BITCOUNT", "k", "x", "1", "y"},
            {"BITCOUNT", "nokey", "0"},
            {"BITCOUNT", "nokey", "x", "y"},
            {"BITCOUNT", "nokey", "0", "1", "foo"},
            {"BITCOUNT"},
            {"RPUSH", "l", "a"},
            {"BITCOUNT", "l"},
            {"BITCOUNT", "l", "0"},
            {"BITCOUNT", "l", "x", "y"},
        });
    }

    void bitposFindsSetAndClearBits()
    {
        same({
            {"SET", "k", std::string("\xff\xf0\x00", 3)},
            {"BITPOS", "k", "0"},
            {"BITPOS", "k", "1"},
            {"BITPOS", "k", "1", "1"},
            {"BITPOS", "k", "1", "2"},
            {"BITPOS", "k", "0", "2"},
            {"BITPOS", "k", "1", "2", "-1"},
            {"BITPOS", "k", "1", "0", "-1", "BIT"},
            {"BITPOS", "k", "0", "3", "BIT"},
            {"BITPOS", "k", "0", "3", "11", "BIT"},
            {"BITPOS", "k", "0", "3", "12", "BIT"},
            {"BITPOS", "k", "1", "12", "-1", "bit"},
            {"BITPOS", "k", "1", "5", "6", "BYTE"},
            {"BITPOS", "k", "0", "-1"},
            {"BITPOS", "k", "1", "-1"},
            {"BITPOS", "k", "1", "-100", "-50"},
            {"BITPOS", "k", "1", "2", "1"},
            {"BITPOS", "k", "0", "10"},
            {"BITPOS", "k", "0", "10", "BIT"},
            {"BITPOS", "nokey", "0"},
            {"BITPOS", "nokey", "1"},
            {"BITPOS", "nokey", "0", "5", "10", "BIT"},
            {"SET", "empty", ""},
            {"BITPOS", "empty", "0"},
            {"BITPOS", "empty", "1"},
            {"BITPOS", "empty", "0", "0"},
        });
    }

    // All ones: a search for 0 without an end answers the bit after the string; with an end
    // (BYTE or BIT) it answers -1.
    void bitposZeroOnAllOnes()
    {
        same({
            {"SET", "ones", std::string("\xff\xff\xff", 3)},
            {"BITPOS", "ones", "0"},
            {"BITPOS", "ones", "0", "0"},
            {"BITPOS", "ones", "0", "1"},
            {"BITPOS", "ones", "0", "-1"},
            {"BITPOS", "ones", "0", "0", "-1"},
            {"BITPOS", "ones", "0", "0", "2"},
            {"BITPOS", "ones", "0", "0", "-1", "BYTE"},
            {"BITPOS", "ones", "0", "0", "-1", "BIT"},
            {"BITPOS", "ones", "0", "5", "20", "BIT"},
            {"BITPOS", "ones", "0", "5", "5", "BIT"},
            {"BITPOS", "ones", "1", "5", "5", "BIT"},
            {"BITPOS", "ones", "1"},
            {"SET", "zeros", std::string(3, '\0')},
            {"BITPOS", "zeros", "1"},
            {"BITPOS", "zeros", "1", "1"},
            {"BITPOS", "zeros", "1", "0", "-1", "BIT"},
            {"BITPOS", "zeros", "0", "9", "-1", "BIT"},
        });
    }

    void bitposErrors()
    {
        same({
            {"SET", "k", "abc"},
            {"BITPOS", "k", "2"},
            {"BITPOS", "k", "-1"},
            {"BITPOS", "k", "x"},
            {"BITPOS", "k", "1", "x"},
            {"BITPOS", "k", "1", "0", "x"},
            {"BITPOS", "k", "1", "0", "1", "WORD"},
            {"BITPOS", "k", "1", "x", "1", "WORD"},
            {"BITPOS", "k", "1", "0", "x", "WORD"},
            {"BITPOS", "k", "1", "0", "1", "BIT", "extra"},
            {"BITPOS", "nokey", "0", "x"},
            {"BITPOS", "nokey", "1", "0", "1", "2", "3"},
            {"BITPOS", "nokey", "2"},
            {"BITPOS", "k"},
            {"RPUSH", "l", "a"},
            {"BITPOS", "l", "1"},
            {"BITPOS", "l", "1", "x"},
            {"BITPOS", "l", "x"},
        });
    }

    void bitopOperations()
    {
        same({
            {"SET", "a", "foobar"},
            {"SET", "b", "abcdef"},
            {"SET", "short", std::string("\xff", 1)},
            {"BITOP", "AND", "d", "a", "b"},
            {"GET", "d"},
            {"BITOP", "or", "d", "a", "b"},
            {"GET", "d"},
            {"BITOP", "Xor", "d", "a", "b"},
            {"GET", "d"},
            {"BITOP", "NOT", "d", "a"},
            {"GET", "d"},
            {"BITOP", "AND", "d", "a", "short"},
            {"GET", "d"},
            {"BITOP", "OR", "d", "short", "a"},
            {"GET", "d"},
            {"BITOP", "XOR", "d", "a", "short", "b"},
            {"GET", "d"},
            {"BITOP", "AND", "d", "a", "nokey"},
            {"GET", "d"},
            {"BITOP", "OR", "d", "nokey", "a"},
            {"GET", "d"},
            {"BITOP", "AND", "d", "a"},
            {"GET", "d"},
            {"BITOP", "AND", "a", "a", "b"},
            {"GET", "a"},
            {"BITOP", "NOT", "n", "nokey"},
            {"EXISTS", "n"},
            {"SET", "d", "x"},
            {"BITOP", "OR", "d", "nokey", "nokey2"},
            {"EXISTS", "d"},
            {"SET", "empty", ""},
            {"BITOP", "NOT", "d", "empty"},
            {"EXISTS", "d"},
        });
    }

    void bitopErrors()
    {
        same({
            {"SET", "a", "x"},
            {"RPUSH", "l", "a"},
            {"BITOP", "NOT", "d", "a", "a"},
            {"BITOP", "NOT", "d", "l", "a"},
            {"BITOP", "NAND", "d", "a"},
            {"BITOP", "NAND", "d", "l"},
            {"BITOP", "AND", "d", "a", "l"},
            {"BITOP", "AND", "l", "a"},
            {"TYPE", "l"},
            {"BITOP", "AND", "d"},
            {"EXISTS", "d"},
        });
    }

    // The destination is replaced as by SET (its TTL goes); SETBIT keeps the key's TTL.
    void bitsAreStrings()
    {
        same({
            {"SET", "k", "@"},
            {"SETBIT", "k", "7", "1"},
            {"GET", "k"},
            {"APPEND", "k", "B"},
            {"GETBIT", "k", "14"},
            {"SETRANGE", "k", "3", "C"},
            {"BITCOUNT", "k"},
            {"STRLEN", "k"},
            {"SET", "t", "a", "EX", "1000"},
            {"SETBIT", "t", "100", "1"},
            {"TTL", "t"},
            {"BITFIELD", "t", "SET", "u8", "200", "7"},
            {"TTL", "t"},
            {"SET", "d", "x", "EX", "1000"},
            {"BITOP", "OR", "d", "k"},
            {"TTL", "d"},
            {"SET", "n", "12"},
            {"INCR", "n"},
            {"SETBIT", "n", "7", "0"},
            {"GET", "n"},
            {"INCR", "n"},
            {"GETRANGE", "t", "0", "0"},
            {"PEXPIRE", "t", "1"},
        });
        QTest::qWait(20);
        same({{"GETBIT", "t", "1"}, {"BITCOUNT", "t"}, {"EXISTS", "t"}});
    }

    void objectEncodingAfterEachCommand()
    {
        same({
            {"SET", "n", "12"},
            {"GETBIT", "n", "1"},
            {"BITCOUNT", "n"},
            {"BITPOS", "n", "1"},
            {"BITFIELD", "n", "GET", "u8", "0"},
            {"BITFIELD_RO", "n", "GET", "u8", "0"},
            {"OBJECT", "ENCODING", "n"},
            {"SETBIT", "n", "2", "1"}, // the bit is already set: still edited in place
            {"OBJECT", "ENCODING", "n"},
            {"SET", "n", "12"},
            {"BITFIELD", "n", "OVERFLOW", "FAIL", "SET", "u8", "0", "256"},
            {"OBJECT", "ENCODING", "n"},
            {"INCR", "n"},
            {"OBJECT", "ENCODING", "n"},
            {"SETBIT", "s", "3", "1"},
            {"OBJECT", "ENCODING", "s"},
            {"BITFIELD", "f", "SET", "u8", "0", "49"},
            {"OBJECT", "ENCODING", "f"},
            {"SET", "e", "hello"},
            {"BITOP", "AND", "d", "e"},
            {"OBJECT", "ENCODING", "d"},
            {"OBJECT", "ENCODING", "e"},
            {"APPEND", "a", "1"},
            {"OBJECT", "ENCODING", "a"},
            {"APPEND", "a", "2"},
            {"OBJECT", "ENCODING", "a"},
            {"SETRANGE", "r", "0", "7"},
            {"OBJECT", "ENCODING", "r"},
            {"SET", "r", "7"},
            {"SETRANGE", "r", "0", ""},
            {"OBJECT", "ENCODING", "r"},
            {"COPY", "s", "s2"},
            {"OBJECT", "ENCODING", "s2"},
        });
    }

    void bitfieldGetSetIncrby()
    {
        same({
            {"BITFIELD", "k", "SET", "u8", "0", "255", "GET", "u8", "0"},
            {"BITFIELD", "k", "GET", "i8", "0", "GET", "u4", "0", "GET", "i4", "4"},
            {"BITFIELD", "k", "INCRBY", "u2", "100", "1", "OVERFLOW", "SAT", "INCRBY", "u2", "102",
             "1"},
            {"BITFIELD", "k", "SET", "i5", "3", "-3", "GET", "i5", "3", "GET", "u16", "0"},
            {"BITFIELD", "k", "set", "u1", "#9", "1", "get", "u1", "#9", "incrby", "i3", "#2", "5"},
            {"BITFIELD", "k", "GET", "u8", "#0", "GET", "u8", "#1", "GET", "u8", "#200"},
            {"BITFIELD", "k", "GET", "i64", "0", "GET", "u63", "1", "GET", "i1", "0"},
            {"GET", "k"},
            {"STRLEN", "k"},
            {"BITFIELD", "k"},
            {"BITFIELD", "nokey", "GET", "u8", "0"},
            {"EXISTS", "nokey"},
            {"BITFIELD", "nokey"},
            {"BITFIELD", "nokey", "OVERFLOW", "SAT"},
            {"EXISTS", "nokey"},
            {"BITFIELD", "g", "GET", "u8", "100", "SET", "u8", "100", "5", "GET", "u8", "100"},
            {"STRLEN", "g"},
        });
    }

    void bitfieldLimitsAndOverflow()
    {
        same({
            {"BITFIELD", "k", "SET", "i64", "0", "9223372036854775807", "INCRBY", "i64", "0", "1"},
            {"BITFIELD", "k", "OVERFLOW", "SAT", "INCRBY", "i64", "0", "9223372036854775807"},
            {"BITFIELD", "k", "OVERFLOW", "SAT", "INCRBY", "i64", "0", "-9223372036854775808",
             "INCRBY", "i64", "0", "-1"},
            {"BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "i64", "0", "-1", "GET", "i64", "0"},
            {"BITFIELD", "k", "SET", "u63", "0", "9223372036854775807", "GET", "u63", "0"},
            {"BITFIELD", "k",   "INCRBY",   "u63",
             "0",        "1",   "OVERFLOW", "SAT",
             "INCRBY",   "u63", "0",        "-1",
             "INCRBY",   "u63", "0",        "-9223372036854775807",
             "INCRBY",   "u63", "0",        "-5"},
            {"BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u63", "0", "-1", "SET", "u63", "0",
             "-1", "SET", "u63", "0", "5"},
            {"BITFIELD", "k", "SET", "u8",  "0",  "-1", "GET",  "u8",  "0",  "SET",
             "u8",       "0", "256", "SET", "u8", "0",  "-256", "GET", "u8", "0"},
            {"BITFIELD", "k", "OVERFLOW", "SAT", "SET", "u8", "0", "-1", "GET", "u8", "0", "SET",
             "u8", "0", "300", "GET", "u8", "0"},
            {"BITFIELD", "k", "OVERFLOW", "WRAP", "SET", "i8", "0", "200", "GET", "i8", "0"},
            {"BITFIELD", "k", "OVERFLOW", "SAT", "SET", "i8", "0", "200", "SET", "i8", "0", "-200",
             "GET", "i8", "0"},
            {"BITFIELD", "k",  "OVERFLOW", "FAIL", "SET", "i8", "0", "128",
             "SET",      "i8", "0",        "-128", "SET", "i8", "0", "127",
             "INCRBY",   "i8", "0",        "1",    "GET", "i8", "0"},
            {"BITFIELD", "k",    "SET",    "u8",   "0",        "250",  "INCRBY", "u8", "0", "10",
             "INCRBY",   "u8",   "0",      "-20",  "OVERFLOW", "SAT",  "INCRBY", "u8", "0", "-20",
             "INCRBY",   "u8",   "0",      "1000", "OVERFLOW", "FAIL", "INCRBY", "u8", "0", "1",
             "OVERFLOW", "WRAP", "INCRBY", "u8",   "0",        "1"},
            {"BITFIELD", "k",   "SET",    "i1", "0", "-1", "INCRBY", "i1", "0", "1",
             "OVERFLOW", "SAT", "INCRBY", "i1", "0", "-5", "INCRBY", "i1", "0", "5"},
            {"BITFIELD", "k", "SET", "u1", "3", "1", "INCRBY", "u1", "3", "1", "OVERFLOW", "wrap",
             "INCRBY", "u1", "3", "-3"},
            {"BITFIELD", "k",
             "OVERFLOW", "SAT",
             "SET",      "i5",
             "4",        "-9223372036854775808",
             "SET",      "i5",
             "4",        "-9223372036854775793",
             "SET",      "i5",
             "4",        "-9223372036854775792",
             "SET",      "i5",
             "4",        "-9223372036854775808",
             "OVERFLOW", "WRAP",
             "SET",      "i5",
             "4",        "-9223372036854775807",
             "GET",      "i5",
             "4"},
            {"BITFIELD", "k", "OVERFLOW", "SAT", "SET", "i63", "0", "-9223372036854775808", "SET",
             "i64", "0", "-9223372036854775808", "SET", "i64", "0", "1"},
            {"BITFIELD", "k", "OVERFLOW", "fail", "SET", "u8", "0", "300", "overflow", "sat", "SET",
             "u8", "0", "300"},
            {"GET", "k"},
        });
    }

    void bitfieldErrors()
    {
        same({
            {"SET", "k", "abc"},
            {"BITFIELD", "k", "GET", "u64", "0"},
            {"BITFIELD", "k", "GET", "i65", "0"},
            {"BITFIELD", "k", "GET", "u0", "0"},
            {"BITFIELD", "k", "GET", "i0", "0"},
            {"BITFIELD", "k", "GET", "I8", "0"},
            {"BITFIELD", "k", "GET", "U8", "0"},
            {"BITFIELD", "k", "GET", "x8", "0"},
            {"BITFIELD", "k", "GET", "u", "0"},
            {"BITFIELD", "k", "GET", "u8x", "0"},
            {"BITFIELD", "k", "GET", "u-1", "0"},
            {"BITFIELD", "k", "GET", "u8", "-1"},
            {"BITFIELD", "k", "GET", "u8", "#-1"},
            {"BITFIELD", "k", "GET", "u8", "#x"},
            {"BITFIELD", "k", "GET", "u8", "x"},
            {"BITFIELD", "k", "GET", "u8", "##1"},
            {"BITFIELD", "k", "GET", "u8", "4294967296"},
            {"BITFIELD", "k", "GET", "u8", "#536870912"},
            {"BITFIELD", "k", "GET", "u8", "#536870911"},
            {"BITFIELD", "k", "SET", "u8", "0", "x"},
            {"BITFIELD", "k", "SET", "u8", "0", "1.5"},
            {"BITFIELD", "k", "INCRBY", "u8", "0", "99999999999999999999"},
            {"BITFIELD", "k", "SET", "u8", "0"},
            {"BITFIELD", "k", "GET", "u8"},
            {"BITFIELD", "k", "GET"},
            {"BITFIELD", "k", "OVERFLOW"},
            {"BITFIELD", "k", "OVERFLOW", "x"},
            {"BITFIELD", "k", "OVERFLOW", "x", "GET", "x", "0"},
            {"BITFIELD", "k", "GET", "x", "0", "OVERFLOW", "x"},
            {"BITFIELD", "k", "FOO", "u8", "0"},
            {"BITFIELD", "k", "SET", "u8", "0", "1", "GET", "u64", "0"},
            {"GET", "k"},
            {"BITFIELD"},
            {"RPUSH", "l", "a"},
            {"BITFIELD", "l"},
            {"BITFIELD", "l", "GET", "u8", "0"},
            {"BITFIELD", "l", "SET", "u8", "0", "1"},
            {"BITFIELD", "l", "GET", "x", "0"},
        });
    }

    void bitfieldRoOnlyReads()
    {
        same({
            {"SET", "k", "abc"},
            {"BITFIELD_RO", "k", "GET", "u8", "0", "GET", "i4", "#3"},
            {"BITFIELD_RO", "k"},
            {"BITFIELD_RO", "k", "OVERFLOW", "SAT", "GET", "u8", "8"},
            {"BITFIELD_RO", "k", "SET", "u8", "0", "1"},
            {"BITFIELD_RO", "k", "INCRBY", "u8", "0", "1"},
            {"BITFIELD_RO", "k", "GET", "u8", "0", "INCRBY", "u8", "0", "1"},
            {"BITFIELD_RO", "k", "SET", "u64", "0", "1"},
            {"BITFIELD_RO", "k", "SET", "u8", "0"},
            {"BITFIELD_RO", "nokey", "GET", "u8", "0"},
            {"BITFIELD_RO", "nokey", "SET", "u8", "0", "1"},
            {"EXISTS", "nokey"},
            {"RPUSH", "l", "a"},
            {"BITFIELD_RO", "l", "GET", "u8", "0"},
            {"BITFIELD_RO", "l", "SET", "u8", "0", "1"},
            {"BITFIELD_RO"},
            {"GET", "k"},
        });
    }

    void wrongTypeEverywhere()
    {
        same({
            {"HSET", "h", "f", "v"},
            {"SETBIT", "h", "1", "1"},
            {"GETBIT", "h", "1"},
            {"BITCOUNT", "h"},
            {"BITPOS", "h", "0"},
            {"BITOP", "OR", "d", "h"},
            {"BITOP", "OR", "h", "nokey"},
            {"BITFIELD", "h", "INCRBY", "u8", "0", "1"},
            {"BITFIELD_RO", "h", "GET", "u8", "0"},
            {"TYPE", "h"},
        });
    }

    void transactions()
    {
        same({
            {"MULTI"},
            {"SETBIT", "k", "1", "1"},
            {"SETBIT", "k", "x", "1"},
            {"BITFIELD", "k", "INCRBY", "u8", "0", "1"},
            {"BITCOUNT", "k"},
            {"BITOP", "NOT", "d", "k"},
            {"EXEC"},
            {"MULTI"},
            {"BITFIELD_RO"},
            {"EXEC"},
            {"GET", "d"},
        });
    }

    // Events only when a bit changed or the string grew; BITOP says "set" or "del".
    void keyspaceEvents()
    {
        REDSCOPE_VERIFY_SAME(m_pair.compareBoth([](TestServer &server) {
            RedisTestClient sub("127.0.0.1", server.port());
            RedisTestClient c("127.0.0.1", server.port());
            std::vector<std::string> t;
            t.push_back(c.run({"CONFIG", "SET", "notify-keyspace-events", "KEA"}));
            t.push_back(sub.run({"PSUBSCRIBE", "__keyevent@0__:*"}));
            c.run({"SET", "k", "a"});
            c.run({"SETBIT", "k", "1", "1"});                // unchanged: no event
            c.run({"SETBIT", "k", "0", "1"});                // setbit
            c.run({"SETBIT", "k", "100", "0"});              // grown: setbit
            c.run({"BITFIELD", "k", "SET", "u8", "8", "0"}); // unchanged: none
            c.run({"BITFIELD", "k", "OVERFLOW", "FAIL", "SET", "u8", "0", "256"});
            c.run({"BITFIELD", "k", "INCRBY", "u8", "0", "1"});                    // setbit
            c.run({"BITFIELD", "n", "OVERFLOW", "FAIL", "SET", "u8", "0", "256"}); // none
            c.run({"BITFIELD", "m", "SET", "u8", "0", "0"}); // created: setbit
            c.run({"BITFIELD_RO", "k", "GET", "u8", "0"});
            c.run({"BITOP", "AND", "d", "k"});     // set
            c.run({"BITOP", "AND", "d", "nokey"}); // del
            c.run({"BITOP", "AND", "d", "nokey"}); // nothing to delete
            c.run({"SET", "end", "x"});
            for (int i = 0; i < 7; ++i)
                t.push_back(sub.readReply());
            t.push_back(c.run({"CONFIG", "SET", "notify-keyspace-events", ""}));
            return t;
        }));
    }

    // BITFIELD needs only read access when it only GETs (Redis's variable key flags).
    void aclKeyAccess()
    {
        same({
            {"ACL", "SETUSER", "ro", "on", "nopass", "%R~*", "+@all"},
            {"ACL", "SETUSER", "rw", "on", "nopass", "~*", "+@all"},
            {"ACL", "DRYRUN", "ro", "BITFIELD", "k", "GET", "u8", "0"},
            {"ACL", "DRYRUN", "ro", "BITFIELD", "k", "OVERFLOW", "SAT", "GET", "u8", "0"},
            {"ACL", "DRYRUN", "ro", "BITFIELD", "k", "SET", "u8", "0", "1"},
            {"ACL", "DRYRUN", "ro", "BITFIELD", "k", "GET", "u8", "0", "INCRBY", "u8", "0", "1"},
            {"ACL", "DRYRUN", "ro", "BITFIELD", "k", "GET", "u8"},
            {"ACL", "DRYRUN", "ro", "BITFIELD_RO", "k", "GET", "u8", "0"},
            {"ACL", "DRYRUN", "ro", "GETBIT", "k", "0"},
            {"ACL", "DRYRUN", "ro", "BITCOUNT", "k"},
            {"ACL", "DRYRUN", "ro", "BITPOS", "k", "1"},
            {"ACL", "DRYRUN", "ro", "SETBIT", "k", "0", "1"},
            {"ACL", "DRYRUN", "ro", "BITOP", "AND", "d", "k"},
            {"ACL", "DRYRUN", "rw", "BITOP", "AND", "d", "k"},
            {"ACL", "SETUSER", "bits", "on", "nopass", "~*", "-@all", "+@bitmap"},
            {"ACL", "DRYRUN", "bits", "SETBIT", "k", "0", "1"},
            {"ACL", "DRYRUN", "bits", "GET", "k"},
            {"ACL", "DELUSER", "ro", "rw", "bits"},
        });
        using redscope::test::Order;
        REDSCOPE_VERIFY_SAME(m_pair.runSteps({{Order::Unordered, {"ACL", "CAT", "bitmap"}}}));
    }

    void commandInfoMatchesRedis()
    {
        for (const char *name :
             {"setbit", "getbit", "bitcount", "bitpos", "bitop", "bitfield", "bitfield_ro"}) {
            // COMMAND INFO's first seven fields: name, arity, flags, keys, ACL categories.
            std::string ours = m_pair.oursClient().run({"COMMAND", "INFO", name});
            std::string redis = m_pair.redisClient().run({"COMMAND", "INFO", name});
            auto head = [](const std::string &text) {
                size_t cut = 0;
                for (int commas = 0; commas < 7 && cut != std::string::npos; ++commas)
                    cut = text.find(',', cut + 1);
                return text.substr(0, cut);
            };
            QCOMPARE(head(ours), head(redis));
        }
    }

    void resp3Replies()
    {
        for (TestServer *server : {&m_pair.ours(), &m_pair.redis()}) {
            RawConnection c(server->port());
            QVERIFY(c.sendForReply({"HELLO", "3"}).starts_with("%"));
            QCOMPARE(c.sendForReply({"DEL", "k"}).substr(0, 1), std::string(":"));
            QCOMPARE(c.sendForReply({"SETBIT", "k", "1", "1"}), std::string(":0\r\n"));
            QCOMPARE(c.sendForReply({"BITFIELD", "k", "OVERFLOW", "FAIL", "INCRBY", "u2", "0", "9",
                                     "GET", "u8", "0"}),
                     std::string("*2\r\n_\r\n:64\r\n"));
            QCOMPARE(c.sendForReply({"BITFIELD_RO", "k"}), std::string("*0\r\n"));
            QCOMPARE(c.sendForReply({"BITPOS", "k", "1"}), std::string(":1\r\n"));
        }
    }

    // Random strings up to 100 bytes and random ranges, so the head/word/tail split of
    // BITCOUNT and BITPOS meets every alignment; each reply must match Redis's.
    void randomRangesMatchRedis()
    {
        std::mt19937_64 random(21);
        Script script;
        for (int round = 0; round < 40; ++round) {
            std::string bytes(random() % 100, '\0');
            // Mostly ones, mostly zeros, or noise: long runs make the word scan skip.
            const uint64_t kind = random() % 3;
            for (char &c : bytes) {
                const uint64_t r = random();
                const uint8_t rare = (r >> 8) % 16 == 0 ? static_cast<uint8_t>(1u << (r % 8)) : 0;
                c = static_cast<char>(kind == 0 ? 0xFF ^ rare : kind == 1 ? rare : r);
            }
            script.push_back({"SET", "r", bytes});
            const int64_t bits = static_cast<int64_t>(bytes.size()) * 8 + 16;
            for (int i = 0; i < 12; ++i) {
                std::string start =
                    std::to_string(static_cast<int64_t>(random() % bits) - bits / 2);
                std::string end = std::to_string(static_cast<int64_t>(random() % bits) - bits / 3);
                std::string byteStart = std::to_string(std::stoll(start) / 8);
                std::string byteEnd = std::to_string(std::stoll(end) / 8);
                script.push_back({"BITCOUNT", "r", start, end, "BIT"});
                script.push_back({"BITCOUNT", "r", byteStart, byteEnd});
                for (const char *bit : {"0", "1"}) {
                    script.push_back({"BITPOS", "r", bit, start, end, "BIT"});
                    script.push_back({"BITPOS", "r", bit, start});
                    script.push_back({"BITPOS", "r", bit, byteStart, byteEnd});
                    script.push_back({"BITPOS", "r", bit, start, "-1", "BIT"});
                }
            }
            script.push_back({"BITCOUNT", "r"});
            script.push_back({"BITPOS", "r", "0"});
            script.push_back({"BITPOS", "r", "1"});
            script.push_back({"BITOP", "NOT", "nr", "r"});
            script.push_back({"BITOP", "XOR", "x", "nr", "r", "x"});
            script.push_back({"GET", "x"});
        }
        same(script);
    }

    void wrongArity()
    {
        same({{"SETBIT", "k", "1"},
              {"GETBIT", "k"},
              {"BITCOUNT"},
              {"BITPOS", "k"},
              {"BITOP", "AND", "d"},
              {"BITFIELD"},
              {"BITFIELD_RO"}});
    }
};

QTEST_GUILESS_MAIN(TestBitmapCommands)
#include "tst_bitmap_commands.moc"
