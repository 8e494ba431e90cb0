// The text DEBUG LISTPACK and DEBUG QUICKLIST print on the server's stdout: redis-server
// 7.0.15's layout dumps, line for line, drawn from the listpacks Redis would hold for the
// value (the same bytes the RDB writer produces) and from the list's own nodes. Kept apart
// from debug_commands.cpp because it decodes the listpack format entry by entry.
#pragma once

#include "storage/packed_list.h"

#include <string>
#include <string_view>

namespace redscope::engine {

// One listpack's dump: its size and entry count, then per entry its address, offset, the
// sizes of its parts, its bytes in hex and its value (strings cut at 40 bytes), "{end}".
std::string listpackLayout(std::string_view listpack);

// A list's quicklist dump: its counts and settings, then one line per node; `verbose` adds
// each node's listpack (or a plain node's element).
std::string quicklistLayout(const PackedList &list, bool verbose);

// The bytes of each node as Redis's quicklist holds it uncompressed (node->sz): a packed
// node's listpack, a plain node's element. visit(size_t node, std::string_view bytes).
template <typename Visit> void forEachQuicklistNode(const PackedList &list, Visit &&visit);

} // namespace redscope::engine

#include "persistence/compact_encodings.h"

#include <cstdint>
#include <vector>

namespace redscope::engine {

template <typename Visit> void forEachQuicklistNode(const PackedList &list, Visit &&visit)
{
    const std::vector<uint32_t> counts = list.nodeCounts();
    rdb::ListpackBuilder builder;
    size_t node = 0;
    list.forEach([&](std::string_view element) {
        if (list.nodePlain(node)) {
            visit(node++, element);
            return;
        }
        builder.addElement(element);
        if (builder.count() < counts[node]) return;
        const std::string listpack = builder.finish();
        visit(node++, std::string_view(listpack));
    });
}

} // namespace redscope::engine
