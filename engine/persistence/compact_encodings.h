// The packed blobs Redis embeds in RDB files for small collections and quicklist nodes:
// listpack (Redis 7) and ziplist (Redis < 7, still in files Redis 7.0 loads). The loader
// decodes them into plain element lists; the writer builds listpacks for the QUICKLIST_2
// list encoding. Intsets are not here: the engine keeps them as they are (storage/int_set.h).
// Every decoder checks each length against the blob's end, so a corrupt file yields an error
// message, never an out-of-bounds read.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine::rdb {

// Each decoder appends the elements (integers as decimal text) to *out.
bool decodeListpack(std::string_view blob, std::vector<std::string> *out, std::string *error);
bool decodeZiplist(std::string_view blob, std::vector<std::string> *out, std::string *error);
// Zipmap: the small-hash blob of Redis < 2.6 (RDB type 9), fields and values alternating.
bool decodeZipmap(std::string_view blob, std::vector<std::string> *out, std::string *error);

// Builds a listpack. List elements go in as strings (Redis reads integers stored as strings
// fine); sorted-set scores go in as integer entries when integral, as Redis writes them.
class ListpackBuilder
{
public:
    ListpackBuilder();
    void add(std::string_view element);
    void addInteger(int64_t value);
    // As Redis's listpacks store an element: an integer entry when the text is a canonical
    // 64-bit integer (string2ll's rules), else a string entry.
    void addElement(std::string_view element);
    size_t bytes() const { return m_data.size() + 1; }
    size_t count() const { return m_count; }
    std::string finish(); // header patched, terminator appended; the builder is reset

private:
    void appendBacklen(size_t entryBytes);

    std::string m_data;
    size_t m_count = 0;
};

} // namespace redscope::engine::rdb
