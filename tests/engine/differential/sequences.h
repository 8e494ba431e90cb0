// Hand-written command sequences, one per family: normal use first, then the edge cases and
// errors Redis is known for (negative indexes, out-of-range, empty keys removed, overflow,
// float formatting, WRONGTYPE, wrong arity, syntax errors, not-an-integer). Written as
// redis-cli-like lines ("SET k \"a b\"", \xNN escapes) so a failing line can be pasted into
// redis-cli as is. Each sequence starts from FLUSHALL; lines whose command redscope does not
// serve yet are skipped on both servers.
#pragma once

#include <string>
#include <vector>

namespace redscope::test::diff {

struct Sequence
{
    std::string family;
    std::vector<std::string> lines;
};

const std::vector<Sequence> &handWrittenSequences();

// Splits one line like redis-cli: whitespace-separated; "double quotes" with backslash
// escapes (n, t, r, quote, backslash, xNN); 'single quotes' literal.
std::vector<std::string> splitCommandLine(const std::string &line);

} // namespace redscope::test::diff
