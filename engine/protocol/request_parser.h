// Incremental parser for client requests: RESP multibulk ("*2\r\n$3\r\nGET\r\n$1\r\nk\r\n")
// and inline commands ("GET k\r\n") as redis-cli and telnet send them.
//
// The parser keeps its progress between reads (how many arguments are still expected, the
// length of the bulk being read) so a request that arrives in many small reads is scanned
// once, never re-parsed from its start: a 512 MB bulk in 16 KB reads costs O(size), not
// O(size^2). Argument positions are stored as offsets from the start of the current request,
// so the owner may move the buffer (compact it, let it grow) between calls.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

struct RequestLimits
{
    int64_t maxBulkLength = 512LL * 1024 * 1024; // proto-max-bulk-len
    int64_t maxArguments = 1024 * 1024;          // Redis's fixed multibulk limit
    size_t maxInlineLength = 64 * 1024;          // Redis's PROTO_INLINE_MAX_SIZE
};

class RequestParser
{
public:
    enum class Status {
        NeedMore, // request incomplete: read more bytes and call again
        Complete, // one request parsed: see arguments(); the caller then calls consume()
        Empty,    // an empty inline line or "*0"/"*-1": skipped, call again
        Error     // protocol error: errorText() is the reply, the connection must close
    };

    explicit RequestParser(RequestLimits limits = {}) : m_limits(limits) {}

    void setLimits(const RequestLimits &limits) { m_limits = limits; }

    // Parses from buffer[start...]. `start` must be the same until a request completes.
    Status parse(std::string_view buffer, size_t start);

    // Valid after Complete, until buffer changes: views into the buffer passed to parse().
    const std::vector<std::string_view> &arguments() const { return m_argViews; }
    // Bytes the completed (or skipped) request occupied, counted from `start`.
    size_t consumedBytes() const { return m_consumed; }
    const std::string &errorText() const { return m_error; }
    // Bytes of the partial request seen so far and the size it announced (bulk payloads),
    // used by the query-buffer limit check.
    size_t pendingBytes() const { return m_cursor; }

    void reset();

private:
    Status parseInline(std::string_view req);
    Status parseMultibulk(std::string_view req);
    Status fail(std::string text);

    RequestLimits m_limits;
    // Progress through the current request (offsets relative to its start).
    bool m_inMultibulk = false;
    int64_t m_expectedArgs = 0;
    int64_t m_bulkLength = -1;
    size_t m_cursor = 0;
    std::vector<std::pair<size_t, size_t>> m_argOffsets;
    std::vector<std::string_view> m_argViews;
    std::vector<std::string> m_inlineArgs;
    size_t m_consumed = 0;
    std::string m_error;
};

// Splits an inline command line the way Redis does (double quotes with \n \r \t \b \a \\ \"
// and \xHH escapes, single quotes with \'). Returns false on unbalanced quotes.
bool splitInlineArguments(std::string_view line, std::vector<std::string> *out);

} // namespace redscope::engine
