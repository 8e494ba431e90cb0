// The parameter table and the redis.conf / command-line readers (see config.h).
// Error texts follow redis-server's ("Bad directive or wrong number of arguments",
// "argument must be 'yes' or 'no'") so users get the messages they know.
#include "server/config.h"

#include "server/tls_config.h"

#include "protocol/request_parser.h"
#include "util/strings.h"

#include <algorithm>
#include <cctype>
#include <climits>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>

namespace redscope::engine {

bool parseMemorySize(std::string_view text, int64_t *out)
{
    std::string lower = toLower(text);
    int64_t multiplier = 1;
    struct Unit
    {
        const char *suffix;
        int64_t factor;
    };
    static const Unit units[] = {{"gb", 1024LL * 1024 * 1024}, {"mb", 1024 * 1024}, {"kb", 1024},
                                 {"g", 1000LL * 1000 * 1000},  {"m", 1000 * 1000},  {"k", 1000},
                                 {"b", 1}};
    std::string_view digits = lower;
    for (const Unit &unit : units) {
        std::string_view suffix = unit.suffix;
        if (digits.size() > suffix.size() && digits.ends_with(suffix)) {
            multiplier = unit.factor;
            digits.remove_suffix(suffix.size());
            break;
        }
    }
    int64_t value = 0;
    if (!parseInt64(digits, &value) || value < 0) return false;
    if (multiplier > 1 && value > INT64_MAX / multiplier) return false;
    *out = value * multiplier;
    return true;
}

namespace {

using Param = ConfigTable::Parameter;
using Kind = ConfigTable::Kind;
using Args = std::vector<std::string>;

// Values as whitespace-separated words: "save 900 1 300 10" may arrive as one argument
// (CONFIG SET, a config file line) or as several (the command line).
Args splitWords(const Args &values)
{
    Args words;
    for (const std::string &value : values) {
        std::istringstream in(value);
        std::string word;
        while (in >> word) words.push_back(word);
    }
    return words;
}

bool needOne(const Args &values, std::string *error)
{
    if (values.size() == 1) return true;
    *error = "wrong number of arguments";
    return false;
}

Param boolParam(const char *name, bool ServerConfig::*member, bool runtime = true)
{
    return {name, Kind::Bool, runtime,
            [member](ServerConfig &c, const Args &v, std::string *error) {
                if (!needOne(v, error)) return false;
                if (equalsIgnoreCase(v[0], "yes"))
                    c.*member = true;
                else if (equalsIgnoreCase(v[0], "no"))
                    c.*member = false;
                else {
                    *error = "argument must be 'yes' or 'no'";
                    return false;
                }
                return true;
            },
            [member](const ServerConfig &c) { return std::string(c.*member ? "yes" : "no"); }};
}

Param hidden(Param param)
{
    param.isHidden = true;
    return param;
}

Param intParam(const char *name, int64_t ServerConfig::*member, int64_t lo, int64_t hi,
               bool runtime = true)
{
    return {name, Kind::Integer, runtime,
            [member, lo, hi](ServerConfig &c, const Args &v, std::string *error) {
                if (!needOne(v, error)) return false;
                int64_t value;
                if (!parseInt64(v[0], &value)) {
                    *error = "argument couldn't be parsed into an integer";
                    return false;
                }
                if (value < lo || value > hi) {
                    *error = "argument must be between " + formatInt64(lo) + " and " +
                             formatInt64(hi) + " inclusive";
                    return false;
                }
                c.*member = value;
                return true;
            },
            [member](const ServerConfig &c) { return formatInt64(c.*member); }, lo, hi};
}

// hz: Redis 7.0 accepts 0..INT_MAX and keeps the value clamped to 1..500 (CONFIG GET shows
// the clamped value), so the cron period 1000 / hz is always defined.
Param hzParam()
{
    Param param = intParam("hz", &ServerConfig::hz, 0, INT32_MAX);
    auto parse = param.set;
    param.set = [parse](ServerConfig &c, const Args &v, std::string *error) {
        if (!parse(c, v, error)) return false;
        c.hz = std::clamp<int64_t>(c.hz, 1, 500);
        return true;
    };
    return param;
}

// A memory value read as Redis's memtoull reads it: digits, then nothing or a unit (b, k, kb,
// m, mb, g, gb in any case). Too many digits saturate and a unit's multiplication wraps
// around, as there ("kb" alone is 0); a sign or any other suffix is not a memory value.
bool parseRedisMemory(std::string_view text, uint64_t *out)
{
    size_t digits = 0;
    while (digits < text.size() && text[digits] >= '0' && text[digits] <= '9') ++digits;
    static const std::pair<const char *, uint64_t> units[] = {
        {"", 1}, {"b", 1}, {"k", 1000}, {"kb", 1024}, {"m", 1000 * 1000}, {"mb", 1024 * 1024},
        {"g", 1000ULL * 1000 * 1000}, {"gb", 1024ULL * 1024 * 1024}};
    const std::string unit = toLower(text.substr(digits));
    const auto match = std::find_if(std::begin(units), std::end(units),
                                     [&](const auto &u) { return unit == u.first; });
    if (match == std::end(units) || digits >= 128) return false;
    uint64_t value = 0;
    for (size_t i = 0; i < digits; ++i) {
        const uint64_t digit = static_cast<uint64_t>(text[i] - '0');
        if (value > (UINT64_MAX - digit) / 10) {
            value = UINT64_MAX;
            break;
        }
        value = value * 10 + digit;
    }
    *out = value * match->second;
    return true;
}

// Redis's signed memory parameters refuse what is past INT64_MAX; maxmemory (unsigned there)
// takes any value, held here as at most INT64_MAX.
Param memoryParam(const char *name, int64_t ServerConfig::*member, bool runtime = true,
                  int64_t lo = 0, bool anyUnsigned = false)
{
    return {name, Kind::Memory, runtime,
            [member, lo, anyUnsigned](ServerConfig &c, const Args &v, std::string *error) {
                if (!needOne(v, error)) return false;
                uint64_t value;
                if (!parseRedisMemory(v[0], &value)) {
                    *error = "argument must be a memory value";
                    return false;
                }
                if (!anyUnsigned && (value < static_cast<uint64_t>(lo) ||
                                     value > static_cast<uint64_t>(INT64_MAX))) {
                    *error = "argument must be between " + formatInt64(lo) + " and " +
                             formatInt64(INT64_MAX) + " inclusive";
                    return false;
                }
                c.*member = static_cast<int64_t>(std::min<uint64_t>(value, INT64_MAX));
                return true;
            },
            [member](const ServerConfig &c) { return formatInt64(c.*member); }};
}

Param stringParam(const char *name, std::string ServerConfig::*member, bool runtime = true)
{
    return {name, Kind::String, runtime,
            [member](ServerConfig &c, const Args &v, std::string *error) {
                if (!needOne(v, error)) return false;
                c.*member = v[0];
                return true;
            },
            [member](const ServerConfig &c) { return c.*member; }};
}

Param enumParam(const char *name, std::string ServerConfig::*member,
                std::vector<std::string> allowed, bool runtime = true)
{
    return {name, Kind::Enum, runtime,
            [member, allowed](ServerConfig &c, const Args &v, std::string *error) {
                if (!needOne(v, error)) return false;
                for (const std::string &option : allowed) {
                    if (equalsIgnoreCase(option, v[0])) {
                        c.*member = option;
                        return true;
                    }
                }
                *error = "argument(s) must be one of the following: ";
                for (size_t i = 0; i < allowed.size(); ++i)
                    *error += (i ? ", " : "") + allowed[i];
                return false;
            },
            [member](const ServerConfig &c) { return c.*member; }};
}

// "bind 127.0.0.1 ::1" takes a list; "save 3600 1 300 100" takes pairs or "".
Param bindParam()
{
    return {"bind", Kind::Special, false,
            [](ServerConfig &c, const Args &v, std::string *error) {
                const Args addresses = splitWords(v);
                if (addresses.empty()) {
                    *error = "wrong number of arguments";
                    return false;
                }
                c.bind = addresses;
                return true;
            },
            [](const ServerConfig &c) {
                std::string text;
                for (const std::string &a : c.bind) text += (text.empty() ? "" : " ") + a;
                return text;
            }};
}

Param saveParam()
{
    return {"save", Kind::Special, true,
            [](ServerConfig &c, const Args &v, std::string *error) {
                const Args words = splitWords(v);
                std::vector<SavePoint> points;
                if (words.size() % 2 != 0) {
                    *error = "Invalid save parameters";
                    return false;
                }
                for (size_t i = 0; i < words.size(); i += 2) {
                    SavePoint p;
                    if (!parseInt64(words[i], &p.seconds) || !parseInt64(words[i + 1], &p.changes) ||
                        p.seconds < 1 || p.changes < 0) {
                        *error = "Invalid save parameters";
                        return false;
                    }
                    points.push_back(p);
                }
                c.savePoints = points;
                return true;
            },
            [](const ServerConfig &c) {
                std::string text;
                for (const SavePoint &p : c.savePoints) {
                    if (!text.empty()) text += ' ';
                    text += formatInt64(p.seconds) + " " + formatInt64(p.changes);
                }
                return text;
            }};
}

// notify-keyspace-events: letters are validated like Redis and stored in canonical order
// ("KEA" -> "AKE"). CONFIG GET shows Redis's form, which hides 'n' next to 'A'; the stored
// text keeps it so the flag still works.
Param notifyKeyspaceEventsParam()
{
    static const std::string kClasses = "g$lshzxetd"; // what 'A' stands for, in print order
    auto canonical = [](const std::string &text, bool display) {
        bool all = true;
        for (char c : kClasses)
            if (text.find(c) == std::string::npos) all = false;
        bool keyNew = text.find('n') != std::string::npos;
        std::string out;
        if (all) {
            out = "A";
        } else {
            for (char c : kClasses)
                if (text.find(c) != std::string::npos) out += c;
            if (keyNew) out += 'n';
        }
        for (char c : std::string("KEm"))
            if (text.find(c) != std::string::npos) out += c;
        if (all && keyNew && !display) out += 'n';
        return out;
    };
    return {"notify-keyspace-events", Kind::Special, true,
            [canonical](ServerConfig &c, const Args &v, std::string *error) {
                if (!needOne(v, error)) return false;
                std::string expanded;
                for (char ch : v[0]) {
                    if (ch == 'A')
                        expanded += kClasses;
                    else if (std::string("g$lshzxeKEtmdn").find(ch) != std::string::npos)
                        expanded += ch;
                    else {
                        *error = "Invalid event class character. Use 'Ag$lshzxeKEtmdn'.";
                        return false;
                    }
                }
                c.notifyKeyspaceEvents = canonical(expanded, false);
                return true;
            },
            [canonical](const ServerConfig &c) {
                std::string expanded;
                for (char ch : c.notifyKeyspaceEvents) expanded += ch == 'A' ? kClasses : std::string(1, ch);
                return canonical(expanded, true);
            }};
}

// maxmemory-policy: the text for CONFIG GET and the parsed policy for the eviction code.
Param maxMemoryPolicyParam()
{
    static const std::vector<std::pair<const char *, EvictionPolicy>> policies = {
        {"volatile-lru", EvictionPolicy::VolatileLru},
        {"volatile-lfu", EvictionPolicy::VolatileLfu},
        {"volatile-random", EvictionPolicy::VolatileRandom},
        {"volatile-ttl", EvictionPolicy::VolatileTtl},
        {"allkeys-lru", EvictionPolicy::AllKeysLru},
        {"allkeys-lfu", EvictionPolicy::AllKeysLfu},
        {"allkeys-random", EvictionPolicy::AllKeysRandom},
        {"noeviction", EvictionPolicy::NoEviction}};
    std::vector<std::string> names;
    for (const auto &policy : policies) names.push_back(policy.first);
    Param param = enumParam("maxmemory-policy", &ServerConfig::maxMemoryPolicy, names);
    auto parse = param.set;
    param.set = [parse](ServerConfig &c, const Args &v, std::string *error) {
        if (!parse(c, v, error)) return false;
        for (const auto &policy : policies)
            if (c.maxMemoryPolicy == policy.first) c.evictionPolicy = policy.second;
        return true;
    };
    return param;
}

// client-output-buffer-limit <class> <hard> <soft> <soft seconds> [<class> ...], classes
// normal, replica (or slave) and pubsub; classes not named keep their limits, so each
// redis.conf line may set one class. Validated whole before anything is applied.
Param outputBufferLimitParam()
{
    return {"client-output-buffer-limit", Kind::Special, true,
            [](ServerConfig &c, const Args &v, std::string *error) {
                const Args words = splitWords(v);
                if (words.empty() || words.size() % 4 != 0) {
                    *error = "Wrong number of arguments in buffer limit configuration.";
                    return false;
                }
                OutputBufferLimit limits[3];
                std::copy(std::begin(c.outputBufferLimits), std::end(c.outputBufferLimits),
                          limits);
                for (size_t i = 0; i < words.size(); i += 4) {
                    std::string name = toLower(words[i]);
                    int index = name == "normal"                        ? ObufNormal
                                : name == "replica" || name == "slave" ? ObufReplica
                                : name == "pubsub"                      ? ObufPubSub
                                                                        : -1;
                    if (index < 0) {
                        *error = "Invalid client class specified in buffer limit configuration.";
                        return false;
                    }
                    OutputBufferLimit limit;
                    if (!parseMemorySize(words[i + 1], &limit.hardBytes) ||
                        !parseMemorySize(words[i + 2], &limit.softBytes) ||
                        !parseInt64(words[i + 3], &limit.softSeconds) || limit.softSeconds < 0) {
                        *error = "Error in hard, soft or soft_seconds setting in buffer limit "
                                 "configuration.";
                        return false;
                    }
                    limits[index] = limit;
                }
                std::copy(std::begin(limits), std::end(limits), c.outputBufferLimits);
                return true;
            },
            [](const ServerConfig &c) {
                static const char *names[] = {"normal", "slave", "pubsub"};
                std::string text;
                for (int i = 0; i < 3; ++i) {
                    const OutputBufferLimit &limit = c.outputBufferLimits[i];
                    text += (i ? " " : "") + std::string(names[i]) + " " +
                            formatInt64(limit.hardBytes) + " " + formatInt64(limit.softBytes) +
                            " " + formatInt64(limit.softSeconds);
                }
                return text;
            }};
}

// replicaof <host> <port>: start-up only (redis.conf, --replicaof), as in Redis 7.0, where
// REPLICAOF is how it changes at run time. CONFIG GET shows "host port" or "".
Param replicaOfParam()
{
    Param param{"replicaof", Kind::Special, false,
                [](ServerConfig &c, const Args &v, std::string *error) {
                    const Args words = splitWords(v);
                    if (words.empty()) { // `replicaof ""` (CONFIG REWRITE of a master): none
                        c.replicaOfHost.clear();
                        c.replicaOfPort = 0;
                        return true;
                    }
                    if (words.size() != 2) {
                        *error = "wrong number of arguments";
                        return false;
                    }
                    if (equalsIgnoreCase(words[0], "no") && equalsIgnoreCase(words[1], "one")) {
                        c.replicaOfHost.clear();
                        c.replicaOfPort = 0;
                        return true;
                    }
                    int64_t port = 0;
                    if (!parseInt64(words[1], &port) || port < 0 || port > 65535) {
                        *error = "Invalid master port";
                        return false;
                    }
                    c.replicaOfHost = words[0];
                    c.replicaOfPort = port;
                    return true;
                },
                [](const ServerConfig &c) {
                    return c.replicaOfHost.empty()
                               ? std::string()
                               : c.replicaOfHost + " " + std::to_string(c.replicaOfPort);
                }};
    param.alias = "slaveof";
    return param;
}

// shutdown-on-sigint/-sigterm: words among default, save, nosave, now, force; shown in that
// order, "default" when none.
Param shutdownParam(const char *name, int64_t ServerConfig::*member)
{
    static const std::pair<const char *, int64_t> kWords[] = {
        {"default", 0}, {"save", ShutdownSave}, {"nosave", ShutdownNoSave},
        {"now", ShutdownNow}, {"force", ShutdownForce}};
    return {name, Kind::Enum, true,
            [member](ServerConfig &c, const Args &v, std::string *error) {
                const Args words = splitWords(v);
                int64_t flags = 0;
                bool bad = words.empty();
                for (const std::string &word : words) {
                    auto it = std::find_if(std::begin(kWords), std::end(kWords), [&](const auto &w) {
                        return equalsIgnoreCase(word, w.first);
                    });
                    if (it == std::end(kWords)) {
                        bad = true;
                        break;
                    }
                    flags |= it->second;
                }
                if (bad) {
                    *error = "argument(s) must be one of the following: default, save, nosave, "
                             "now, force";
                    return false;
                }
                if ((flags & ShutdownSave) && (flags & ShutdownNoSave)) {
                    *error = "shutdown options SAVE and NOSAVE can't be used simultaneously";
                    return false;
                }
                c.*member = flags;
                return true;
            },
            [member](const ServerConfig &c) {
                std::string text;
                for (const auto &[word, bit] : kWords)
                    if (bit && (c.*member & bit)) text += (text.empty() ? "" : " ") + std::string(word);
                return text.empty() ? std::string("default") : text;
            }};
}

Param aliased(Param param, const char *alias)
{
    param.alias = alias;
    return param;
}

Param protectedParam(Param param)
{
    param.isProtected = true;
    return param;
}

Param sensitive(Param param)
{
    param.isSensitive = true;
    return param;
}

// -- Helpers for the rest of Redis 7.0's parameters (issue 21) --

Param withCheck(Param param,
                std::function<bool(const ServerConfig &, std::string *, std::string *)> check)
{
    param.check = std::move(check);
    return param;
}

// Every tls-* parameter re-checks the whole TLS configuration, as Redis's applyTlsCfg does.
bool tlsCheck(const ServerConfig &c, std::string *reply, std::string *logLine)
{
    if (checkTlsConfig(c, logLine)) return true;
    *reply = "Unable to update TLS configuration. Check server logs.";
    return false;
}

Param tls(Param param)
{
    return withCheck(std::move(param), tlsCheck);
}

// activedefrag: moving allocations needs Redis's patched jemalloc; Debian's redis-server,
// built against the system jemalloc, refuses "yes" with this message, and so does the engine.
Param activeDefragParam()
{
    Param param = boolParam("activedefrag", &ServerConfig::activeDefrag);
    auto parse = param.set;
    param.set = [parse](ServerConfig &c, const Args &v, std::string *error) {
        ServerConfig probe = c;
        if (!parse(probe, v, error)) return false;
        if (probe.activeDefrag) {
            *error = "Active defragmentation cannot be enabled: it requires a Redis server "
                     "compiled with a modified Jemalloc like the one shipped by default with the "
                     "Redis source distribution";
            return false;
        }
        c.activeDefrag = false;
        return true;
    };
    return param;
}

// A memory value shown unsigned (cluster-link-sendbuf-limit takes up to ULONG_MAX).
Param unsignedMemoryParam(const char *name, int64_t ServerConfig::*member)
{
    return {name, Kind::Memory, true,
            [member](ServerConfig &c, const Args &v, std::string *error) {
                if (!needOne(v, error)) return false;
                uint64_t value;
                if (!parseRedisMemory(v[0], &value)) {
                    *error = "argument must be a memory value";
                    return false;
                }
                c.*member = static_cast<int64_t>(value);
                return true;
            },
            [member](const ServerConfig &c) {
                return std::to_string(static_cast<uint64_t>(c.*member));
            }};
}

// maxmemory-clients: a memory value, or "N%" of maxmemory (held as -N). As in Redis the
// memory value is read unsigned and then taken as signed, so a saturated value reads -1, 1%.
Param maxMemoryClientsParam()
{
    return {"maxmemory-clients", Kind::Memory, true,
            [](ServerConfig &c, const Args &v, std::string *error) {
                if (!needOne(v, error)) return false;
                const std::string &text = v[0];
                if (!text.empty() && text.back() == '%') {
                    int64_t percent = 0;
                    const std::string digits = text.substr(0, text.size() - 1);
                    if (digits.empty() ||
                        digits.find_first_not_of("0123456789") != std::string::npos ||
                        !parseInt64(digits, &percent)) {
                        *error = "argument must be a memory or percent value";
                        return false;
                    }
                    if (percent > 100) {
                        *error = "percentage argument must be less or equal to 100";
                        return false;
                    }
                    c.maxMemoryClients = -percent;
                    return true;
                }
                uint64_t value;
                if (!parseRedisMemory(text, &value)) {
                    *error = "argument must be a memory or percent value";
                    return false;
                }
                const auto asSigned = static_cast<int64_t>(value);
                if (asSigned < -100) {
                    *error = "argument must be between -100 and 9223372036854775807 inclusive";
                    return false;
                }
                c.maxMemoryClients = asSigned;
                return true;
            },
            [](const ServerConfig &c) {
                return c.maxMemoryClients < 0 ? formatInt64(-c.maxMemoryClients) + "%"
                                              : formatInt64(c.maxMemoryClients);
            }};
}

// oom-score-adj: "relative" is the same setting as "yes", and CONFIG GET names it "yes", as
// Redis's enum does (server/process_settings.cpp applies it).
Param oomScoreAdjParam()
{
    Param param = enumParam("oom-score-adj", &ServerConfig::oomScoreAdj,
                            {"no", "yes", "relative", "absolute"});
    auto parse = param.set;
    param.set = [parse](ServerConfig &c, const Args &v, std::string *error) {
        if (!parse(c, v, error)) return false;
        if (c.oomScoreAdj == "relative") c.oomScoreAdj = "yes";
        return true;
    };
    return param;
}

// oom-score-adj-values: exactly three values, one space apart, each -2000..2000.
Param oomScoreAdjValuesParam()
{
    return {
        "oom-score-adj-values", Kind::Special, true,
        [](ServerConfig &c, const Args &v, std::string *error) {
            Args words;
            for (const std::string &value : v) {
                size_t start = 0;
                while (true) {
                    const size_t space = value.find(' ', start);
                    words.push_back(value.substr(start, space - start));
                    if (space == std::string::npos) break;
                    start = space + 1;
                }
            }
            if (words.size() != 3) {
                *error = "wrong number of arguments";
                return false;
            }
            int64_t values[3];
            for (int i = 0; i < 3; ++i) {
                if (!parseInt64(words[i], &values[i]) || values[i] < -2000 || values[i] > 2000) {
                    *error = "Invalid oom-score-adj-values, elements must be between -2000 "
                             "and 2000.";
                    return false;
                }
            }
            std::copy(std::begin(values), std::end(values), c.oomScoreAdjValues);
            return true;
        },
        [](const ServerConfig &c) {
            return formatInt64(c.oomScoreAdjValues[0]) + " " + formatInt64(c.oomScoreAdjValues[1]) +
                   " " + formatInt64(c.oomScoreAdjValues[2]);
        }};
}

// proc-title-template: {title}, {listen-addr}, {server-mode}, {port}, {tls-port},
// {unixsocket}, {config-file} and text; unknown or unclosed variables are refused, and so
// is a template that expands to nothing but spaces (server-mode is "" on a standalone
// server), as Redis checks it.
Param procTitleTemplateParam()
{
    Param param = stringParam("proc-title-template", &ServerConfig::procTitleTemplate);
    auto parse = param.set;
    param.set = [parse](ServerConfig &c, const Args &v, std::string *error) {
        if (!needOne(v, error)) return false;
        static const char *const kVariables[] = {"title",    "listen-addr", "server-mode", "port",
                                                 "tls-port", "unixsocket",  "config-file"};
        const std::string &text = v[0];
        bool visible = false;
        for (size_t i = 0; i < text.size(); ++i) {
            if (text[i] != '{') {
                if (text[i] != ' ') visible = true;
                continue;
            }
            const size_t close = text.find('}', i);
            const std::string name =
                close == std::string::npos ? std::string() : text.substr(i + 1, close - i - 1);
            if (std::find_if(std::begin(kVariables), std::end(kVariables),
                             [&](const char *k) { return name == k; }) == std::end(kVariables)) {
                *error = "template format is invalid or contains unknown variables";
                return false;
            }
            if (name != "server-mode" && name != "unixsocket" && name != "config-file")
                visible = true;
            i = close;
        }
        if (!visible) {
            *error = "template format is invalid or contains unknown variables";
            return false;
        }
        return parse(c, v, error);
    };
    return param;
}

// cluster-announce-hostname: "" or letters, digits, '-' and '.', under 256 characters.
Param hostnameParam(const char *name, std::string ServerConfig::*member)
{
    Param param = stringParam(name, member);
    auto parse = param.set;
    param.set = [parse](ServerConfig &c, const Args &v, std::string *error) {
        if (!needOne(v, error)) return false;
        if (v[0].size() >= 256) {
            *error = "Hostnames must be less than 256 characters";
            return false;
        }
        for (char ch : v[0]) {
            if (!std::isalnum(static_cast<unsigned char>(ch)) && ch != '-' && ch != '.') {
                *error = "Hostnames may only contain alphanumeric characters, hyphens or dots";
                return false;
            }
        }
        return parse(c, v, error);
    };
    return param;
}

std::vector<Param> buildTable()
{
    using C = ServerConfig;
    return {
        bindParam(),
        intParam("port", &C::port, 0, 65535, false),
        stringParam("unixsocket", &C::unixSocket, false),
        {"unixsocketperm", Kind::Integer, false,
         [](ServerConfig &c, const Args &v, std::string *error) {
             if (!needOne(v, error)) return false;
             try {
                 size_t used = 0;
                 long perm = std::stol(v[0], &used, 8);
                 if (used != v[0].size() || perm < 0 || perm > 0777) throw 0;
                 c.unixSocketPerm = perm;
             } catch (...) {
                 *error = "argument must be an octal permission mask";
                 return false;
             }
             return true;
         },
         [](const ServerConfig &c) {
             std::ostringstream out;
             out << std::oct << c.unixSocketPerm;
             return out.str();
         }},
        intParam("tcp-backlog", &C::tcpBacklog, 0, INT32_MAX, false),
        intParam("tcp-keepalive", &C::tcpKeepalive, 0, INT32_MAX),
        aliased(intParam("busy-reply-threshold", &C::busyReplyThreshold, 0, INT64_MAX),
                "lua-time-limit"),
        boolParam("protected-mode", &C::protectedMode),
        protectedParam(stringParam("dir", &C::dir)),
        sensitive(stringParam("requirepass", &C::requirePass)),
        stringParam("aclfile", &C::aclFile, false),
        intParam("acllog-max-len", &C::aclLogMaxLen, 0, INT64_MAX),
        intParam("databases", &C::databases, 1, 1024 * 1024, false),
        hzParam(),
        intParam("maxclients", &C::maxClients, 1, 1000000),
        intParam("timeout", &C::timeout, 0, INT32_MAX),
        memoryParam("proto-max-bulk-len", &C::protoMaxBulkLen, true, 1024 * 1024),
        memoryParam("client-query-buffer-limit", &C::clientQueryBufferLimit, true, 1024 * 1024),
        enumParam("loglevel", &C::logLevel, {"debug", "verbose", "notice", "warning", "nothing"}),
        stringParam("logfile", &C::logFile, false),
        stringParam("pidfile", &C::pidFile, false),
        saveParam(),
        protectedParam(stringParam("dbfilename", &C::dbFilename)),
        boolParam("rdbcompression", &C::rdbCompression),
        boolParam("rdbchecksum", &C::rdbChecksum, false),
        boolParam("stop-writes-on-bgsave-error", &C::stopWritesOnBgsaveError),
        boolParam("appendonly", &C::appendOnly),
        stringParam("appendfilename", &C::appendFilename, false),
        stringParam("appenddirname", &C::appendDirname, false),
        enumParam("appendfsync", &C::appendFsync, {"always", "everysec", "no"}),
        intParam("auto-aof-rewrite-percentage", &C::autoAofRewritePercentage, 0, INT32_MAX),
        memoryParam("auto-aof-rewrite-min-size", &C::autoAofRewriteMinSize),
        boolParam("aof-load-truncated", &C::aofLoadTruncated),
        memoryParam("maxmemory", &C::maxMemory, true, 0, true),
        maxMemoryPolicyParam(),
        intParam("maxmemory-samples", &C::maxMemorySamples, 1, 64),
        intParam("maxmemory-eviction-tenacity", &C::maxMemoryEvictionTenacity, 0, 100),
        intParam("lfu-log-factor", &C::lfuLogFactor, 0, INT32_MAX),
        intParam("lfu-decay-time", &C::lfuDecayTime, 0, INT32_MAX),
        aliased(intParam("hash-max-listpack-entries", &C::hashMaxListpackEntries, 0, INT64_MAX),
                "hash-max-ziplist-entries"),
        aliased(memoryParam("hash-max-listpack-value", &C::hashMaxListpackValue),
                "hash-max-ziplist-value"),
        aliased(intParam("zset-max-listpack-entries", &C::zsetMaxListpackEntries, 0, INT64_MAX),
                "zset-max-ziplist-entries"),
        aliased(memoryParam("zset-max-listpack-value", &C::zsetMaxListpackValue),
                "zset-max-ziplist-value"),
        aliased(intParam("list-max-listpack-size", &C::listMaxListpackSize, INT32_MIN, INT32_MAX),
                "list-max-ziplist-size"),
        memoryParam("stream-node-max-bytes", &C::streamNodeMaxBytes),
        intParam("stream-node-max-entries", &C::streamNodeMaxEntries, 0, INT64_MAX),
        outputBufferLimitParam(),
        intParam("slowlog-log-slower-than", &C::slowlogLogSlowerThan, -1, INT64_MAX),
        intParam("slowlog-max-len", &C::slowlogMaxLen, 0, INT32_MAX),
        intParam("latency-monitor-threshold", &C::latencyMonitorThreshold, 0, INT64_MAX),
        boolParam("latency-tracking", &C::latencyTracking),
        {"latency-tracking-info-percentiles", Kind::Special, true,
         [](ServerConfig &c, const Args &v, std::string *error) {
             std::vector<double> percentiles;
             for (const std::string &word : splitWords(v)) {
                 double value;
                 if (!parseDouble(word, &value)) {
                     *error = "Invalid latency-tracking-info-percentiles parameters";
                     return false;
                 }
                 if (value < 0.0 || value > 100.0) {
                     *error = "latency-tracking-info-percentiles parameters should sit between "
                              "[0.0,100.0]";
                     return false;
                 }
                 percentiles.push_back(value);
             }
             c.latencyTrackingPercentiles = percentiles;
             return true;
         },
         [](const ServerConfig &c) {
             std::string text;
             for (double p : c.latencyTrackingPercentiles) {
                 char word[32];
                 std::snprintf(word, sizeof word, "%g", p);
                 text += (text.empty() ? "" : " ") + std::string(word);
             }
             return text;
         }},
        notifyKeyspaceEventsParam(),
        intParam("set-max-intset-entries", &C::setMaxIntsetEntries, 0, INT64_MAX),
        memoryParam("hll-sparse-max-bytes", &C::hllSparseMaxBytes),
        boolParam("daemonize", &C::daemonize, false),
        // -- replication (engine/replication/) --
        replicaOfParam(),
        sensitive(stringParam("masterauth", &C::masterAuth)),
        stringParam("masteruser", &C::masterUser),
        aliased(boolParam("replica-read-only", &C::replicaReadOnly), "slave-read-only"),
        aliased(boolParam("replica-serve-stale-data", &C::replicaServeStaleData),
                "slave-serve-stale-data"),
        memoryParam("repl-backlog-size", &C::replBacklogSize, true, 1),
        intParam("repl-backlog-ttl", &C::replBacklogTtl, 0, INT32_MAX),
        boolParam("repl-diskless-sync", &C::replDisklessSync),
        intParam("repl-diskless-sync-delay", &C::replDisklessSyncDelay, 0, INT32_MAX),
        intParam("repl-diskless-sync-max-replicas", &C::replDisklessSyncMaxReplicas, 0, INT32_MAX),
        aliased(intParam("repl-ping-replica-period", &C::replPingReplicaPeriod, 1, INT32_MAX),
                "repl-ping-slave-period"),
        intParam("repl-timeout", &C::replTimeout, 1, INT32_MAX),
        aliased(intParam("min-replicas-to-write", &C::minReplicasToWrite, 0, INT32_MAX),
                "min-slaves-to-write"),
        aliased(intParam("min-replicas-max-lag", &C::minReplicasMaxLag, 0, INT32_MAX),
                "min-slaves-max-lag"),
        aliased(intParam("replica-priority", &C::replicaPriority, 0, INT32_MAX), "slave-priority"),
        boolParam("replica-announced", &C::replicaAnnounced),
        aliased(stringParam("replica-announce-ip", &C::replicaAnnounceIp), "slave-announce-ip"),
        aliased(intParam("replica-announce-port", &C::replicaAnnouncePort, 0, 65535),
                "slave-announce-port"),
        aliased(boolParam("replica-ignore-maxmemory", &C::replicaIgnoreMaxmemory),
                "slave-ignore-maxmemory"),
        boolParam("repl-disable-tcp-nodelay", &C::replDisableTcpNodelay),
        boolParam("replica-ignore-disk-write-errors", &C::replicaIgnoreDiskWriteErrors),
        enumParam("propagation-error-behavior", &C::propagationErrorBehavior,
                  {"ignore", "panic", "panic-on-replicas"}),
        enumParam("repl-diskless-load", &C::replDisklessLoad,
                  {"disabled", "on-empty-db", "swapdb"}),
        aliased(boolParam("replica-lazy-flush", &C::replicaLazyFlush), "slave-lazy-flush"),
        shutdownParam("shutdown-on-sigint", &C::shutdownOnSigint),
        shutdownParam("shutdown-on-sigterm", &C::shutdownOnSigterm),
        enumParam("enable-debug-command", &C::enableDebugCommand, {"no", "yes", "local"}, false),
        enumParam("enable-protected-configs", &C::enableProtectedConfigs, {"no", "yes", "local"},
                  false),
        // -- TLS (server/tls_config.h) --
        tls(intParam("tls-port", &C::tlsPort, 0, 65535)),
        tls(stringParam("tls-cert-file", &C::tlsCertFile)),
        tls(stringParam("tls-key-file", &C::tlsKeyFile)),
        tls(sensitive(stringParam("tls-key-file-pass", &C::tlsKeyFilePass))),
        tls(stringParam("tls-client-cert-file", &C::tlsClientCertFile)),
        tls(stringParam("tls-client-key-file", &C::tlsClientKeyFile)),
        tls(sensitive(stringParam("tls-client-key-file-pass", &C::tlsClientKeyFilePass))),
        tls(stringParam("tls-dh-params-file", &C::tlsDhParamsFile)),
        tls(stringParam("tls-ca-cert-file", &C::tlsCaCertFile)),
        tls(stringParam("tls-ca-cert-dir", &C::tlsCaCertDir)),
        tls(stringParam("tls-protocols", &C::tlsProtocols)),
        tls(stringParam("tls-ciphers", &C::tlsCiphers)),
        tls(stringParam("tls-ciphersuites", &C::tlsCiphersuites)),
        tls(enumParam("tls-auth-clients", &C::tlsAuthClients, {"no", "yes", "optional"})),
        tls(boolParam("tls-replication", &C::tlsReplication)),
        tls(boolParam("tls-cluster", &C::tlsCluster)),
        tls(boolParam("tls-prefer-server-ciphers", &C::tlsPreferServerCiphers)),
        tls(boolParam("tls-session-caching", &C::tlsSessionCaching)),
        tls(intParam("tls-session-cache-size", &C::tlsSessionCacheSize, 0, INT32_MAX)),
        tls(intParam("tls-session-cache-timeout", &C::tlsSessionCacheTimeout, 0, INT32_MAX)),
        // -- cluster (stored; cluster-enabled yes is refused at start-up) --
        boolParam("cluster-enabled", &C::clusterEnabled, false),
        stringParam("cluster-config-file", &C::clusterConfigFile, false),
        intParam("cluster-port", &C::clusterPort, 0, 65535, false),
        intParam("cluster-node-timeout", &C::clusterNodeTimeout, 0, INT64_MAX),
        intParam("cluster-announce-port", &C::clusterAnnouncePort, 0, 65535),
        intParam("cluster-announce-bus-port", &C::clusterAnnounceBusPort, 0, 65535),
        intParam("cluster-announce-tls-port", &C::clusterAnnounceTlsPort, 0, 65535),
        stringParam("cluster-announce-ip", &C::clusterAnnounceIp),
        hostnameParam("cluster-announce-hostname", &C::clusterAnnounceHostname),
        enumParam("cluster-preferred-endpoint-type", &C::clusterPreferredEndpointType,
                  {"ip", "hostname", "unknown-endpoint"}),
        boolParam("cluster-require-full-coverage", &C::clusterRequireFullCoverage),
        aliased(boolParam("cluster-replica-no-failover", &C::clusterReplicaNoFailover),
                "cluster-slave-no-failover"),
        aliased(intParam("cluster-replica-validity-factor", &C::clusterReplicaValidityFactor, 0,
                         INT32_MAX),
                "cluster-slave-validity-factor"),
        intParam("cluster-migration-barrier", &C::clusterMigrationBarrier, 0, INT32_MAX),
        boolParam("cluster-allow-replica-migration", &C::clusterAllowReplicaMigration),
        boolParam("cluster-allow-reads-when-down", &C::clusterAllowReadsWhenDown),
        boolParam("cluster-allow-pubsubshard-when-down", &C::clusterAllowPubsubshardWhenDown),
        unsignedMemoryParam("cluster-link-sendbuf-limit", &C::clusterLinkSendbufLimit),
        // -- process --
        intParam("io-threads", &C::ioThreads, 1, 128, false),
        boolParam("io-threads-do-reads", &C::ioThreadsDoReads, false),
        stringParam("server_cpulist", &C::serverCpulist, false),
        stringParam("bio_cpulist", &C::bioCpulist, false),
        stringParam("aof_rewrite_cpulist", &C::aofRewriteCpulist, false),
        stringParam("bgsave_cpulist", &C::bgsaveCpulist, false),
        boolParam("set-proc-title", &C::setProcTitle, false),
        procTitleTemplateParam(),
        oomScoreAdjParam(),
        oomScoreAdjValuesParam(),
        boolParam("syslog-enabled", &C::syslogEnabled, false),
        stringParam("syslog-ident", &C::syslogIdent, false),
        enumParam("syslog-facility", &C::syslogFacility,
                  {"user", "local0", "local1", "local2", "local3", "local4", "local5", "local6",
                   "local7"},
                  false),
        boolParam("always-show-logo", &C::alwaysShowLogo, false),
        enumParam("supervised", &C::supervised, {"upstart", "systemd", "auto", "no"}, false),
        intParam("socket-mark-id", &C::socketMarkId, 0, UINT32_MAX, false),
        stringParam("bind-source-addr", &C::bindSourceAddr),
        stringParam("ignore-warnings", &C::ignoreWarnings),
        boolParam("crash-log-enabled", &C::crashLogEnabled),
        boolParam("crash-memcheck-enabled", &C::crashMemcheckEnabled),
        hidden(boolParam("use-exit-on-panic", &C::useExitOnPanic)),
        hidden(intParam("watchdog-period", &C::watchdogPeriod, 0, INT32_MAX)),
        hidden(boolParam("lua-enable-deprecated-api", &C::luaEnableDeprecatedApi, false)),
        boolParam("disable-thp", &C::disableThp, false),
        // -- memory --
        activeDefragParam(),
        intParam("active-defrag-cycle-min", &C::activeDefragCycleMin, 1, 99),
        intParam("active-defrag-cycle-max", &C::activeDefragCycleMax, 1, 99),
        memoryParam("active-defrag-ignore-bytes", &C::activeDefragIgnoreBytes, true, 1),
        intParam("active-defrag-threshold-lower", &C::activeDefragThresholdLower, 0, 1000),
        intParam("active-defrag-threshold-upper", &C::activeDefragThresholdUpper, 0, 1000),
        intParam("active-defrag-max-scan-fields", &C::activeDefragMaxScanFields, 1, INT64_MAX),
        boolParam("jemalloc-bg-thread", &C::jemallocBgThread),
        boolParam("lazyfree-lazy-eviction", &C::lazyfreeLazyEviction),
        boolParam("lazyfree-lazy-expire", &C::lazyfreeLazyExpire),
        boolParam("lazyfree-lazy-server-del", &C::lazyfreeLazyServerDel),
        boolParam("lazyfree-lazy-user-del", &C::lazyfreeLazyUserDel),
        boolParam("lazyfree-lazy-user-flush", &C::lazyfreeLazyUserFlush),
        maxMemoryClientsParam(),
        intParam("list-compress-depth", &C::listCompressDepth, 0, INT32_MAX),
        boolParam("activerehashing", &C::activeRehashing),
        intParam("active-expire-effort", &C::activeExpireEffort, 1, 10),
        boolParam("dynamic-hz", &C::dynamicHz),
        // -- persistence details --
        boolParam("aof-disable-auto-gc", &C::aofDisableAutoGc),
        boolParam("aof-rewrite-incremental-fsync", &C::aofRewriteIncrementalFsync),
        boolParam("aof-timestamp-enabled", &C::aofTimestampEnabled),
        boolParam("aof-use-rdb-preamble", &C::aofUseRdbPreamble),
        boolParam("no-appendfsync-on-rewrite", &C::noAppendfsyncOnRewrite),
        boolParam("rdb-del-sync-files", &C::rdbDelSyncFiles),
        boolParam("rdb-save-incremental-fsync", &C::rdbSaveIncrementalFsync),
        hidden(intParam("rdb-key-save-delay", &C::rdbKeySaveDelay, INT32_MIN, INT32_MAX)),
        hidden(intParam("key-load-delay", &C::keyLoadDelay, INT32_MIN, INT32_MAX)),
        hidden(intParam("loading-process-events-interval-bytes",
                        &C::loadingProcessEventsIntervalBytes, 1024, INT32_MAX)),
        // -- access control, tracking, shutdown, modules, RESTORE --
        enumParam("acl-pubsub-default", &C::aclPubsubDefault, {"allchannels", "resetchannels"}),
        intParam("tracking-table-max-keys", &C::trackingTableMaxKeys, 0, INT64_MAX),
        intParam("shutdown-timeout", &C::shutdownTimeout, 0, INT32_MAX),
        enumParam("enable-module-command", &C::enableModuleCommand, {"no", "yes", "local"}, false),
        enumParam("sanitize-dump-payload", &C::sanitizeDumpPayload, {"no", "yes", "clients"}),
    };
}

} // namespace

const std::vector<ConfigTable::Parameter> &ConfigTable::parameters()
{
    static const std::vector<Parameter> table = buildTable();
    return table;
}

const ConfigTable::Parameter *ConfigTable::find(std::string_view name)
{
    for (const Parameter &p : parameters())
        if (equalsIgnoreCase(p.name, name) || (p.alias && equalsIgnoreCase(p.alias, name)))
            return &p;
    return nullptr;
}

bool ConfigTable::apply(ServerConfig &config, const std::string &name,
                        const std::vector<std::string> &values, std::string *error)
{
    // Directives that are not parameters (no CONFIG GET/SET), as in redis.conf: they add up
    // and are acted on at start-up (server/server_acl.cpp).
    if (name == "user") {
        if (values.empty()) {
            *error = "wrong number of arguments";
            return false;
        }
        config.aclUsers.push_back(values);
        return true;
    }
    if (name == "rename-command") {
        if (values.size() != 2) {
            *error = "wrong number of arguments";
            return false;
        }
        config.renamedCommands.emplace_back(values[0], values[1]);
        return true;
    }
    // The engine's own start-up setting (config.h): not a Redis parameter, so not in the
    // table CONFIG GET/SET serve.
    if (name == "busy-poll-us") {
        int64_t value = 0;
        if (values.size() != 1 || !parseInt64(values[0], &value) || value < 0 || value > 1000000) {
            *error = "'busy-poll-us' argument must be an integer between 0 and 1000000";
            return false;
        }
        config.busyPollUs = value;
        return true;
    }
    const Parameter *param = find(name);
    if (!param) {
        *error = "Bad directive or wrong number of arguments";
        return false;
    }
    std::string why;
    if (!param->set(config, values, &why)) {
        *error = "'" + name + "' " + why;
        return false;
    }
    return true;
}

bool ConfigTable::loadFile(const std::string &path, ServerConfig &config, std::string *error)
{
    std::ifstream in(path);
    if (!in) {
        *error = "Fatal error, can't open config file '" + path + "'";
        return false;
    }
    std::string line;
    int lineNumber = 0;
    bool sawSave = false;
    while (std::getline(in, line)) {
        ++lineNumber;
        // Comments are skipped before splitting: "# doesn't" must not read as a quote.
        size_t first = line.find_first_not_of(" \t\r");
        if (first == std::string::npos || line[first] == '#') continue;
        std::vector<std::string> words;
        if (!splitInlineArguments(line, &words)) {
            *error = "line " + std::to_string(lineNumber) + ": Unbalanced quotes in configuration line";
            return false;
        }
        if (words.empty() || words[0][0] == '#') continue;
        std::string name = toLower(words[0]);
        words.erase(words.begin());
        // Successive "save" lines add points, as in redis.conf; `save ""` starts over.
        if (name == "save") {
            bool reset = words.size() == 1 && words[0].empty();
            if (sawSave && !reset) words.insert(words.begin(), find("save")->get(config));
            sawSave = true;
        }
        std::string why;
        if (!apply(config, name, words, &why)) {
            *error = "line " + std::to_string(lineNumber) + ": '" + line + "': " + why;
            return false;
        }
    }
    return true;
}

bool ConfigTable::parseCommandLine(const std::vector<std::string> &args, ServerConfig &config,
                                   std::string *error)
{
    size_t i = 0;
    if (!args.empty() && !args[0].starts_with("--")) {
        if (!loadFile(args[0], config, error)) return false;
        char absolute[PATH_MAX];
        config.configFile = realpath(args[0].c_str(), absolute) ? absolute : args[0];
        i = 1;
    }
    while (i < args.size()) {
        if (!args[i].starts_with("--") || args[i].size() == 2) {
            *error = "Invalid argument '" + args[i] + "': options are --name value";
            return false;
        }
        std::string name = toLower(args[i].substr(2));
        std::vector<std::string> values;
        ++i;
        while (i < args.size() && !args[i].starts_with("--")) values.push_back(args[i++]);
        // "--save" alone or "--save ''" clears the save points, as with redis-server.
        if (values.empty()) values.push_back("");
        if (!apply(config, name, values, error)) return false;
    }
    return true;
}

} // namespace redscope::engine
