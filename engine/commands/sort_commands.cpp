// SORT and SORT_RO: the elements of a list, set or sorted set, sorted numerically or
// (ALPHA) as byte strings, by themselves or by weights read through a BY pattern, windowed by
// LIMIT, projected through GET patterns, and returned or (SORT ... STORE) stored as a list.
//
// The rules are Redis 7.0's, observable ones included: a BY pattern without '*' means "do not
// sort"; a set is still sorted (ALPHA) when stored, so the stored list does not depend on
// hash-table order; a list or sorted set that is not sorted comes out in its own order,
// reversed by DESC; numeric ties are broken by comparing the elements; a weight that is not a
// number is an error; a missing weight is 0 (numeric) or sorts first (ALPHA); a GET that finds
// nothing is a nil, or an empty string in a stored list. A packed sorted set leaves as a skiplist.
// Patterns substitute the element for the first '*', and "key->field" reads a hash field; "#" is
// the element itself. BY and GET patterns read keys no argument names, so an ACL user needs access
// to all keys for them.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/acl.h"
#include "server/client.h"
#include "server/server.h"
#include "storage/database.h"
#include "util/strings.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <optional>

namespace redscope::engine {

namespace {

struct SortOptions
{
    bool desc = false;
    bool alpha = false;
    bool sort = true; // false: BY pattern without '*'
    int64_t limitStart = 0;
    int64_t limitCount = -1;
    std::optional<std::string_view> by;
    std::vector<std::string_view> gets;
    std::optional<std::string_view> store;
};

bool parseSortOptions(CommandContext &ctx, bool readOnly, SortOptions *options)
{
    bool patternsAllowed = true, checked = false;
    const auto mayUsePatterns = [&](const char *option) {
        if (!checked) {
            const AclUser *user = ctx.server.acl().find(ctx.client.user);
            patternsAllowed = !user || Acl::readsAnyKey(*user, ctx.spec, ctx.argv);
            checked = true;
        }
        if (!patternsAllowed)
            ctx.error(std::string("ERR ") + option +
                      " option of SORT denied due to insufficient ACL permissions.");
        return patternsAllowed;
    };
    for (size_t i = 2; i < ctx.argc(); ++i) {
        const size_t left = ctx.argc() - i - 1;
        const std::string_view word = ctx.arg(i);
        if (equalsIgnoreCase(word, "ASC")) {
            options->desc = false;
        } else if (equalsIgnoreCase(word, "DESC")) {
            options->desc = true;
        } else if (equalsIgnoreCase(word, "ALPHA")) {
            options->alpha = true;
        } else if (equalsIgnoreCase(word, "LIMIT") && left >= 2) {
            if (!ctx.int64Arg(i + 1, &options->limitStart) ||
                !ctx.int64Arg(i + 2, &options->limitCount))
                return false;
            i += 2;
        } else if (equalsIgnoreCase(word, "STORE") && left >= 1 && !readOnly) {
            options->store = ctx.arg(++i);
        } else if (equalsIgnoreCase(word, "BY") && left >= 1) {
            options->by = ctx.arg(++i);
            if (options->by->find('*') == std::string_view::npos) {
                options->sort = false;
            } else if (!mayUsePatterns("BY")) {
                return false;
            }
        } else if (equalsIgnoreCase(word, "GET") && left >= 1) {
            if (!mayUsePatterns("GET")) return false;
            options->gets.push_back(ctx.arg(++i));
        } else {
            return ctx.syntaxError(), false;
        }
    }
    return true;
}

// What a BY or GET pattern reads for one element: "#" is the element, "prefix*suffix" the
// string at that key, "prefix*suffix->field" that hash field. nullopt when there is nothing
// there (no '*', no such key, a key of another type, no such field).
std::optional<std::string> readPattern(CommandContext &ctx, std::string_view pattern,
                                       std::string_view element)
{
    if (pattern == "#") return std::string(element);
    const size_t star = pattern.find('*');
    if (star == std::string_view::npos) return std::nullopt;
    std::string_view field;
    std::string_view rest = pattern.substr(star + 1);
    if (const size_t arrow = rest.find("->");
        arrow != std::string_view::npos && arrow + 2 < rest.size()) {
        field = rest.substr(arrow + 2);
        rest = rest.substr(0, arrow);
    }
    std::string key;
    key.reserve(pattern.size() + element.size());
    key.append(pattern.substr(0, star)).append(element).append(rest);
    Value *value = ctx.lookupRead(key);
    if (!value) return std::nullopt;
    if (field.empty()) {
        if (value->type() != ValueType::String) return std::nullopt;
        return value->string();
    }
    if (value->type() != ValueType::Hash) return std::nullopt;
    if (std::optional<std::string_view> text = value->hash().get(field)) return std::string(*text);
    return std::nullopt;
}

// strtod over the whole text as Redis reads a sort weight; false for anything else or NaN.
bool parseWeight(const std::string &text, double *out)
{
    errno = 0;
    char *end = nullptr;
    *out = std::strtod(text.c_str(), &end);
    return *end == '\0' && errno != ERANGE && !std::isnan(*out);
}

struct Item
{
    std::string element;
    double score = 0;
    std::optional<std::string> key; // ALPHA BY: the weight text, nullopt when missing
};

std::vector<Item> elementsOf(const Value *value)
{
    std::vector<Item> items;
    if (!value) return items;
    const auto add = [&](std::string_view element) {
        items.push_back(Item{std::string(element), 0, std::nullopt});
    };
    switch (value->type()) {
    case ValueType::List:
        items.reserve(value->list().size());
        value->list().forEach(add);
        break;
    case ValueType::Set:
        items.reserve(value->set().size());
        value->set().forEach(add);
        break;
    case ValueType::ZSet:
        items.reserve(value->zset().size());
        value->zset().forEach([&](std::string_view member, double) { add(member); });
        break;
    default:
        break;
    }
    return items;
}

// Reads each element's weight; false (replied) when a numeric weight is not a number.
bool computeWeights(CommandContext &ctx, const SortOptions &options, std::vector<Item> &items)
{
    for (Item &item : items) {
        std::optional<std::string> weight;
        if (options.by) {
            weight = readPattern(ctx, *options.by, item.element);
            if (options.alpha) {
                item.key = std::move(weight);
                continue;
            }
        } else if (options.alpha) {
            continue;
        }
        const std::string &text = options.by ? (weight ? *weight : std::string()) : item.element;
        if (options.by && !weight) continue; // a missing numeric weight is 0
        if (!parseWeight(text, &item.score))
            return ctx.error("ERR One or more scores can't be converted into double"), false;
    }
    return true;
}

void sortItems(const SortOptions &options, std::vector<Item> &items)
{
    const bool byKey = options.alpha && options.by.has_value();
    const auto compare = [&](const Item &a, const Item &b) {
        int cmp;
        if (!options.alpha) {
            cmp = a.score < b.score ? -1 : a.score > b.score ? 1 : a.element.compare(b.element);
        } else if (byKey) {
            if (!a.key || !b.key)
                cmp = a.key.has_value() == b.key.has_value() ? 0 : a.key ? 1 : -1;
            else
                cmp = a.key->compare(*b.key);
        } else {
            cmp = a.element.compare(b.element);
        }
        return options.desc ? cmp > 0 : cmp < 0;
    };
    std::stable_sort(items.begin(), items.end(), compare);
}

void sortGeneric(CommandContext &ctx, bool readOnly)
{
    SortOptions options;
    if (!parseSortOptions(ctx, readOnly, &options)) return;
    const std::string_view key = ctx.arg(1);
    Value *value = options.store ? ctx.lookupWrite(key) : ctx.lookupRead(key);
    if (value && value->type() != ValueType::List && value->type() != ValueType::Set &&
        value->type() != ValueType::ZSet)
        return ctx.error(errors::kWrongType);
    // Redis converts a packed sorted set to its skiplist form for SORT (OBJECT ENCODING shows
    // it afterwards), so the engine does too.
    if (value && value->type() == ValueType::ZSet && value->zset().isPacked()) {
        value->zset().convertToSkiplist();
        ctx.db().account(key);
    }

    // A set that is stored is sorted anyway, so the result does not depend on table order.
    if (!options.sort && value && value->type() == ValueType::Set && options.store) {
        options.sort = true;
        options.alpha = true;
        options.by.reset();
    }

    std::vector<Item> items = elementsOf(value);
    const int64_t length = static_cast<int64_t>(items.size());
    // The window, as Redis computes it, without overflowing on LIMIT 9223372036854775807 n.
    int64_t start = std::max<int64_t>(options.limitStart, 0);
    int64_t end;
    if (start >= length) {
        start = length - 1;
        end = length - 2;
    } else {
        end = options.limitCount < 0 || options.limitCount > length - start
                  ? length - 1
                  : start + options.limitCount - 1;
    }

    // Redis reads a list through its iterator, which leaves its nodes as LRANGE would: the
    // whole list, or unsorted only the window (from the tail with DESC).
    if (value && value->type() == ValueType::List) {
        PackedList &list = value->list();
        if (options.sort) {
            list.visitAll();
        } else if (end >= start) {
            const size_t from = static_cast<size_t>(start), to = static_cast<size_t>(end);
            if (options.desc)
                list.visitRange(list.size() - 1 - to, list.size() - 1 - from, true);
            else
                list.visitRange(from, to, false);
        }
    }
    // Unsorted, a list or sorted set still honours DESC: it is read from its end.
    if (!options.sort && value && value->type() != ValueType::Set && options.desc)
        std::reverse(items.begin(), items.end());
    if (options.sort) {
        if (!computeWeights(ctx, options, items)) return;
        sortItems(options, items);
    }

    const size_t first = static_cast<size_t>(std::max<int64_t>(start, 0));
    const size_t count = end >= start ? static_cast<size_t>(end - start + 1) : 0;
    if (!options.store) {
        ctx.reply.arrayHeader(count * std::max<size_t>(options.gets.size(), 1));
        for (size_t i = first; i < first + count; ++i) {
            if (options.gets.empty()) {
                ctx.reply.bulk(items[i].element);
                continue;
            }
            for (std::string_view pattern : options.gets) {
                std::optional<std::string> found = readPattern(ctx, pattern, items[i].element);
                found ? ctx.reply.bulk(*found) : ctx.reply.nullBulk();
            }
        }
        return;
    }

    // Redis 7.0 makes the STORE list with the quicklist defaults (fill -2, no compression),
    // not the configured list-max-listpack-size and list-compress-depth (DEBUG OBJECT shows it).
    Value list = Value::newList();
    for (size_t i = first; i < first + count; ++i) {
        if (options.gets.empty()) {
            list.list().pushBack(items[i].element);
            continue;
        }
        for (std::string_view pattern : options.gets)
            list.list().pushBack(readPattern(ctx, pattern, items[i].element).value_or(""));
    }
    const std::string_view destination = *options.store;
    const int64_t stored = static_cast<int64_t>(list.list().size());
    if (stored == 0) {
        ctx.storeEmptyResult(destination);
        return;
    }
    ctx.db().set(destination, std::move(list));
    ctx.keyModified(destination);
    ctx.notify(NotifyList, "sortstore", destination);
    ctx.addDirty(static_cast<uint64_t>(stored));
    ctx.reply.integer(stored);
}

} // namespace

void cmdSort(CommandContext &ctx)
{
    sortGeneric(ctx, false);
}
void cmdSortRo(CommandContext &ctx)
{
    sortGeneric(ctx, true);
}

// SORT's keys: the sorted key, and the STORE destination when there is one.
bool sortStoresNothing(std::span<const std::string_view> argv)
{
    for (size_t i = 2; i + 1 < argv.size(); ++i)
        if (equalsIgnoreCase(argv[i], "STORE")) return false;
    return true;
}

} // namespace redscope::engine
