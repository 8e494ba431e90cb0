// Serialises replies into a client's output buffer in RESP2 or RESP3, chosen per client by
// HELLO. Command handlers only say what they reply (a map, a double, a null) and this class
// picks the wire form, so no handler needs to know the protocol version.
//
// Everything is appended to one contiguous std::string that the network layer flushes once
// per event-loop iteration; arrays whose length is only known at the end reserve a header
// slot and patch it (one memmove of the bytes written after the slot).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace redscope::engine {

// Output that Redis 7.0 would not have placed as one run of bytes in its reply buffer and
// list (server/reply_buffer.h): a bulk payload longer than 16 KiB, which gets a reply block of
// its own size, or the header of an aggregate Redis writes with a deferred length (a
// placeholder node in its reply list, filled once the aggregate ended).
struct ReplyPiece
{
    size_t offset;         // in the output
    size_t length;         // the bulk payload's, or the header's bytes
    size_t contentEnd = 0; // a deferred header: where its aggregate ends; 0 for a bulk
};

class ReplyWriter
{
public:
    explicit ReplyWriter(std::string *buffer)
        : m_out(buffer)
    {
    }

    void setProtocol(int version) { m_resp3 = version >= 3; }
    bool isResp3() const { return m_resp3; }

    void status(std::string_view text); // +OK
    void error(std::string_view text);  // -ERR ... (text includes the code)
    void integer(int64_t value);        // :1
    void bulk(std::string_view data);   // $3\r\nfoo
    void nullBulk();                    // $-1 / _
    void nullArray();                   // *-1 / _
    void arrayHeader(size_t count);     // *N
    void mapHeader(size_t pairs);       // %N  / *2N
    void setHeader(size_t count);       // ~N  / *N
    void pushHeader(size_t count);      // >N  / *N
    void doubleValue(double value);     // ,1.5 / $3 1.5
    void boolean(bool value);           // #t / :1
    void verbatim(std::string_view text, std::string_view format = "txt");
    void bulkInteger(int64_t value);         // integer as bulk string
    void bigNumber(std::string_view digits); // (digits / $N digits
    void attributeHeader(size_t pairs);      // |N (RESP3 only: callers skip it)
    void ok() { status("OK"); }

    // Deferred aggregate headers: reserve now, fill with the count once known. Use them
    // where Redis 7.0 writes a deferred length (addReplyDeferredLen), even when the count
    // could be known first: the reply then sits in the reply list as Redis's would.
    size_t beginDeferredArray();
    void endDeferredArray(size_t slot, size_t count);
    size_t beginDeferredMap() { return beginDeferredArray(); }
    void endDeferredMap(size_t slot, size_t pairs);
    size_t beginDeferredSet() { return beginDeferredArray(); }
    void endDeferredSet(size_t slot, size_t count);

    std::string *buffer() { return m_out; }
    // Bulk payloads longer than 16 KiB and deferred headers are noted there (ReplyPiece).
    void setLayoutPieces(std::vector<ReplyPiece> *pieces) { m_pieces = pieces; }

private:
    void header(char type, int64_t count);
    void fillDeferred(size_t slot, char type, size_t count);

    std::string *m_out;
    std::vector<ReplyPiece> *m_pieces = nullptr;
    bool m_resp3 = false;
};

} // namespace redscope::engine
