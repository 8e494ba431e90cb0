// A reply tree owned by the differential harness, converted from hiredis's redisReply, and
// its canonical text. Our own type (not redisReply) because RESP2 has two different nulls,
// "$-1" (nil bulk) and "*-1" (nil array), which hiredis 0.14 folds into one REDIS_REPLY_NIL;
// Connection installs a reader hook that keeps them apart, so e.g. EXEC's aborted reply or
// BLPOP's timeout are compared exactly. Canonical text is what mismatch reports print and
// what exact comparison compares: one line, binary-safe (non-printables as \xNN).
#pragma once

#include <string>
#include <vector>

struct redisReply;

namespace redscope::test::diff {

struct Reply
{
    enum class Kind { Status, Error, Integer, Bulk, NilBulk, NilArray, Array, Failure };
    Kind kind = Kind::Failure;
    std::string text;      // status, error, bulk text; for Failure, what went wrong
    long long integer = 0; // Integer
    std::vector<Reply> elements;

    bool isError() const { return kind == Kind::Error; }
    bool isArray() const { return kind == Kind::Array; }
    bool isFailure() const { return kind == Kind::Failure; }
    bool isStatus(const char *status) const { return kind == Kind::Status && text == status; }

    static Reply failure(std::string why);
    static Reply fromHiredis(const redisReply *reply);
};

// `"bulk"`, `+STATUS`, `-ERROR text`, `:42`, `(nil)`, `(nil-array)`, `[a, b]`.
std::string replyToText(const Reply &reply);
// Quotes and escapes a string like redis-cli does (binary-safe, one line).
std::string quoted(const std::string &text);
// An argv as one line, each argument quoted only when it needs it.
std::string argvToText(const std::vector<std::string> &argv);

} // namespace redscope::test::diff
