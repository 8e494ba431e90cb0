// DEBUG LISTPACK / DEBUG QUICKLIST text (see debug_layout.h). The listpack walk reads the
// encoding byte of each entry (7-bit, 13-bit, 16/24/32/64-bit integers; 6-bit, 12-bit and
// 32-bit string lengths) and the variable-length back-length after it, as the listpack
// specification lays them out; the blob is our own builder's, so it is trusted.
#include "commands/debug_layout.h"

#include <algorithm>
#include <cstdio>

namespace redscope::engine {

namespace {

constexpr size_t kListpackHeader = 6; // total bytes (4) + entry count (2)
constexpr size_t kShownStringBytes = 40;

struct ListpackEntry
{
    size_t headerBytes = 0;  // the encoding byte(s), with a string's length
    size_t payloadBytes = 0; // a string's bytes, or an integer's bytes after the first
    size_t backlenBytes = 0;
    std::string text; // the value: a string's bytes, or an integer in decimal
};

size_t backlenSize(size_t entryBytes)
{
    if (entryBytes <= 127) return 1;
    if (entryBytes < 16383) return 2;
    if (entryBytes < 2097151) return 3;
    if (entryBytes < 268435455) return 4;
    return 5;
}

uint64_t littleEndian(const unsigned char *p, size_t bytes)
{
    uint64_t value = 0;
    for (size_t i = bytes; i-- > 0;)
        value = (value << 8) | p[i];
    return value;
}

// An integer of `bits` bits in two's complement, as stored.
int64_t signExtend(uint64_t value, unsigned bits)
{
    if (bits < 64 && (value & (uint64_t{1} << (bits - 1)))) value -= uint64_t{1} << bits;
    return static_cast<int64_t>(value);
}

ListpackEntry decodeEntry(const unsigned char *p)
{
    ListpackEntry entry;
    const unsigned char first = p[0];
    const auto integer = [&](size_t payload, int64_t value) {
        entry.headerBytes = 1;
        entry.payloadBytes = payload;
        entry.text = std::to_string(value);
    };
    const auto string = [&](size_t header, size_t length) {
        entry.headerBytes = header;
        entry.payloadBytes = length;
        entry.text.assign(reinterpret_cast<const char *>(p + header), length);
    };
    if ((first & 0x80) == 0)
        integer(0, first & 0x7F);
    else if ((first & 0xC0) == 0x80)
        string(1, first & 0x3F);
    else if ((first & 0xE0) == 0xC0)
        integer(1, signExtend((uint64_t{first & 0x1Fu} << 8) | p[1], 13));
    else if ((first & 0xF0) == 0xE0)
        string(2, (size_t{first & 0x0Fu} << 8) | p[1]);
    else if (first == 0xF0)
        string(5, littleEndian(p + 1, 4));
    else if (first == 0xF1)
        integer(2, signExtend(littleEndian(p + 1, 2), 16));
    else if (first == 0xF2)
        integer(3, signExtend(littleEndian(p + 1, 3), 24));
    else if (first == 0xF3)
        integer(4, signExtend(littleEndian(p + 1, 4), 32));
    else
        integer(8, signExtend(littleEndian(p + 1, 8), 64));
    entry.backlenBytes = backlenSize(entry.headerBytes + entry.payloadBytes);
    return entry;
}

void appendf(std::string &out, const char *format, auto... args)
{
    char line[128];
    const int n = std::snprintf(line, sizeof line, format, args...);
    if (n > 0) out.append(line, std::min(static_cast<size_t>(n), sizeof line - 1));
}

} // namespace

std::string listpackLayout(std::string_view listpack)
{
    const auto *bytes = reinterpret_cast<const unsigned char *>(listpack.data());
    std::vector<ListpackEntry> entries;
    std::vector<size_t> offsets;
    for (size_t offset = kListpackHeader; offset < listpack.size() && bytes[offset] != 0xFF;) {
        entries.push_back(decodeEntry(bytes + offset));
        offsets.push_back(offset);
        const ListpackEntry &entry = entries.back();
        offset += entry.headerBytes + entry.payloadBytes + entry.backlenBytes;
    }
    std::string out;
    appendf(out, "{total bytes %zu} {num entries %zu}\n", listpack.size(), entries.size());
    for (size_t i = 0; i < entries.size(); ++i) {
        const ListpackEntry &entry = entries[i];
        const size_t entryBytes = entry.headerBytes + entry.payloadBytes + entry.backlenBytes;
        appendf(out, "{\n\taddr: %p,\n", static_cast<const void *>(bytes + offsets[i]));
        appendf(out, "\tindex: %2zu,\n\toffset: %1zu,\n", i, offsets[i]);
        appendf(out, "\thdr+entrylen+backlen: %2zu,\n", entryBytes);
        appendf(out, "\thdrlen: %3zu,\n\tbacklen: %2zu,\n", entry.headerBytes, entry.backlenBytes);
        appendf(out, "\tpayload: %1zu\n\tbytes: ", entry.payloadBytes);
        for (size_t b = 0; b < entryBytes; ++b)
            appendf(out, "%02x|", bytes[offsets[i] + b]);
        out += "\n\t[str]";
        if (entry.text.size() > kShownStringBytes) {
            out.append(entry.text, 0, kShownStringBytes);
            out += "...";
        } else {
            out += entry.text;
        }
        out += "\n}\n";
    }
    out += "{end}\n\n";
    return out;
}

std::string quicklistLayout(const PackedList &list, bool verbose)
{
    std::string out;
    appendf(out, "{count : %zu}\n{len : %zu}\n{fill : %d}\n{compress : %d}\n", list.size(),
            list.nodeCount(), list.fill(), list.compressDepth());
    out += "{bookmark_count : 0}\n";
    const std::vector<uint32_t> counts = list.nodeCounts();
    forEachQuicklistNode(list, [&](size_t node, std::string_view bytes) {
        const bool plain = list.nodePlain(node);
        appendf(out, "{quicklist node(%zu)\n", node);
        appendf(out,
                "{container : %s, encoding: %s, size: %zu, count: %u, recompress: %d, "
                "attempted_compress: 0}\n",
                plain ? "PLAIN" : "PACKED", list.nodeCompressed(node) ? "LZF" : "RAW", bytes.size(),
                counts[node], list.nodeRecompress(node) ? 1 : 0);
        if (!verbose) return;
        if (plain) {
            // Redis prints the element as a C string: up to its first zero byte.
            out += "{ entry : ";
            out.append(bytes.substr(0, bytes.find('\0')));
            out += " }\n";
        } else {
            out += "{ listpack:\n";
            out += listpackLayout(bytes);
            out += "}\n";
        }
        out += "}\n";
    });
    return out;
}

} // namespace redscope::engine
