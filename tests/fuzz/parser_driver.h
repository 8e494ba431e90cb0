// Shared by fuzz_resp and fuzz_inline: drives RequestParser over a byte stream the way
// Server::readFromClient does (append what arrived, compact executed requests away, parse
// again) and records what it produced, so a target can compare one big read against many
// small ones. The parser promises the same requests either way; a difference is a bug.
#pragma once

#include "protocol/request_parser.h"

#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::fuzz {

struct ParseOutcome
{
    std::vector<std::vector<std::string>> requests;
    bool error = false;
};

// Small limits so that inputs of a few KB reach every limit check.
inline engine::RequestLimits fuzzLimits()
{
    engine::RequestLimits limits;
    limits.maxBulkLength = 4096;
    limits.maxArguments = 64;
    limits.maxInlineLength = 1024;
    return limits;
}

// Feeds `stream` in reads of `chunk` bytes (0: all at once).
inline ParseOutcome parseStream(std::string_view stream, size_t chunk)
{
    ParseOutcome outcome;
    engine::RequestParser parser(fuzzLimits());
    std::string input;
    size_t pos = 0; // start of the current request in input
    size_t fed = 0;
    auto feed = [&] {
        if (fed >= stream.size()) return false;
        if (pos > 0) { // compact like the server: the pending request moves to offset 0
            input.erase(0, pos);
            pos = 0;
        }
        const size_t n = chunk == 0 ? stream.size() : std::min(chunk, stream.size() - fed);
        input.append(stream.substr(fed, n));
        fed += n;
        return true;
    };
    feed();
    while (true) {
        const auto status = parser.parse(input, pos);
        if (status == engine::RequestParser::Status::Error) {
            if (parser.errorText().rfind("ERR Protocol error: ", 0) != 0) std::abort();
            outcome.error = true;
            return outcome;
        }
        if (status == engine::RequestParser::Status::NeedMore) {
            if (!feed()) return outcome;
            continue;
        }
        // A request that consumed nothing would make the server loop forever.
        if (parser.consumedBytes() == 0 || pos + parser.consumedBytes() > input.size()) {
            std::fprintf(stderr, "parser consumed %zu bytes at %zu of %zu\n",
                         parser.consumedBytes(), pos, input.size());
            std::abort();
        }
        if (status == engine::RequestParser::Status::Complete) {
            std::vector<std::string> argv;
            for (std::string_view arg : parser.arguments())
                argv.emplace_back(arg);
            if (argv.empty()) std::abort();
            outcome.requests.push_back(std::move(argv));
        }
        pos += parser.consumedBytes();
    }
}

// Whole stream versus reads of 1..16 bytes: same requests, and an error in both or neither.
inline void checkChunkingInvariance(std::string_view stream, size_t chunk)
{
    const ParseOutcome whole = parseStream(stream, 0);
    const ParseOutcome pieces = parseStream(stream, chunk);
    if (whole.requests != pieces.requests || whole.error != pieces.error) {
        std::fprintf(stderr,
                     "chunked parse differs: whole %zu requests (error %d), chunks of %zu: "
                     "%zu requests (error %d)\n",
                     whole.requests.size(), whole.error, chunk, pieces.requests.size(),
                     pieces.error);
        std::abort();
    }
}

} // namespace redscope::fuzz
