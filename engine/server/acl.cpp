// ACL users and rules (see acl.h): rule parsing, the permission check, ACL LIST's
// description of a command bitmap, the aclfile and the ACL log. Error texts are Redis 7.0's,
// since clients and scripts match on them.
#include "server/acl.h"

#include "commands/command_table.h"
#include "commands/key_specs.h"
#include "protocol/request_parser.h"
#include "util/sha256.h"
#include "util/strings.h"

#include <algorithm>
#include <climits>
#include <cstdio>
#include <fstream>
#include <sstream>

namespace redscope::engine {

namespace {

// Command ids: row index for a command, then one id per subcommand after all rows.
struct CommandIds
{
    size_t rows = 0;
    std::vector<size_t> subBase; // per row: id of its first subcommand
    size_t total = 0;            // ids in use; id `total` is the "future commands" bit
};

const CommandIds &commandIds()
{
    static const CommandIds ids = [] {
        CommandIds result;
        const auto &rows = CommandTable::instance().all();
        result.rows = rows.size();
        size_t next = rows.size();
        for (const CommandSpec &spec : rows) {
            result.subBase.push_back(next);
            if (const auto *subs = CommandTable::subcommands(spec)) next += subs->size();
        }
        result.total = next;
        return result;
    }();
    return ids;
}

size_t rowId(const CommandSpec &spec)
{
    return CommandTable::instance().indexOf(&spec);
}

size_t subId(const CommandSpec &spec, const SubcommandSpec &sub)
{
    const auto *subs = CommandTable::subcommands(spec);
    return commandIds().subBase[rowId(spec)] + static_cast<size_t>(&sub - subs->data());
}

size_t futureBit()
{
    return commandIds().total;
}

bool getBit(const AclSelector &selector, size_t id)
{
    size_t word = id / 64;
    return word < selector.allowed.size() && (selector.allowed[word] >> (id % 64)) & 1;
}

void setBit(AclSelector &selector, size_t id, bool value)
{
    size_t word = id / 64;
    if (word >= selector.allowed.size()) selector.allowed.resize(word + 1, 0);
    if (value) {
        selector.allowed[word] |= uint64_t(1) << (id % 64);
    } else {
        selector.allowed[word] &= ~(uint64_t(1) << (id % 64));
        selector.allCommands = false;
    }
}

// Allowing or blocking a command covers its subcommands, as in Redis.
void changeCommand(AclSelector &selector, const CommandSpec &spec, bool allow)
{
    size_t id = rowId(spec);
    setBit(selector, id, allow);
    selector.firstArgs.erase(id);
    if (const auto *subs = CommandTable::subcommands(spec))
        for (const SubcommandSpec &sub : *subs)
            setBit(selector, subId(spec, sub), allow);
}

void changeSubcommand(AclSelector &selector, const CommandSpec &spec, const SubcommandSpec &sub,
                      bool allow)
{
    size_t id = subId(spec, sub);
    setBit(selector, id, allow);
    selector.firstArgs.erase(id);
}

void changeCategory(AclSelector &selector, uint32_t category, bool allow)
{
    for (const CommandSpec &spec : CommandTable::instance().all()) {
        if (CommandTable::aclCategoryBits(spec) & category) changeCommand(selector, spec, allow);
        if (const auto *subs = CommandTable::subcommands(spec))
            for (const SubcommandSpec &sub : *subs)
                if (sub.aclCategories & category) changeSubcommand(selector, spec, sub, allow);
    }
}

void countCategory(const AclSelector &selector, uint32_t category, unsigned long *on,
                   unsigned long *off)
{
    *on = *off = 0;
    for (const CommandSpec &spec : CommandTable::instance().all()) {
        if (CommandTable::aclCategoryBits(spec) & category)
            ++*(getBit(selector, rowId(spec)) ? on : off);
        if (const auto *subs = CommandTable::subcommands(spec))
            for (const SubcommandSpec &sub : *subs)
                if (sub.aclCategories & category)
                    ++*(getBit(selector, subId(spec, sub)) ? on : off);
    }
}

void allowAll(AclSelector &selector, bool allow)
{
    selector.allowed.assign(futureBit() / 64 + 1, allow ? ~uint64_t(0) : 0);
    selector.allCommands = allow;
    selector.firstArgs.clear();
}

// "get" or "config|get": the command and, for containers, the subcommand.
bool lookupCommand(std::string_view name, const CommandSpec **spec, const SubcommandSpec **sub)
{
    *sub = nullptr;
    size_t bar = name.find('|');
    *spec = CommandTable::instance().find(name.substr(0, bar));
    if (!*spec) return false;
    if (bar == std::string_view::npos) return true;
    std::string_view rest = name.substr(bar + 1);
    if (rest.find('|') != std::string_view::npos || !CommandTable::subcommands(**spec))
        return false;
    *sub = CommandTable::findSubcommand(**spec, rest);
    return *sub != nullptr;
}

bool hasSpace(std::string_view text)
{
    return std::any_of(text.begin(), text.end(), [](char c) {
        return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\v' ||
               c == '\f';
    });
}

bool validHash(std::string_view hash)
{
    if (hash.size() != 64) return false;
    return std::all_of(hash.begin(), hash.end(),
                       [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

const char *kSyntax = "Syntax error";
const char *kUnknown = "Unknown command or category name in ACL";
const char *kKeysAfterAll =
    "Adding a pattern after the * pattern (or the 'allkeys' flag) is not valid and does not "
    "have any effect. Try 'resetkeys' to start with an empty list of patterns";
const char *kChannelsAfterAll =
    "Adding a pattern after the * pattern (or the 'allchannels' flag) is not valid and does "
    "not have any effect. Try 'resetchannels' to start with an empty list of channels";
const char *kNoSuchPassword = "The password you are trying to remove from the user does not exist";
const char *kBadHash = "The password hash must be exactly 64 characters and contain only "
                       "lowercase hexadecimal characters";
const char *kFirstArgOfSub = "Allowing first-arg of a subcommand is not supported";

bool fail(std::string *error, const char *reason)
{
    *error = reason;
    return false;
}

bool applySelectorRule(AclSelector &selector, std::string_view op, std::string *error)
{
    if (op.empty()) return true;
    if (equalsIgnoreCase(op, "allkeys") || op == "~*") {
        selector.allKeys = true;
        selector.keys.clear();
    } else if (equalsIgnoreCase(op, "resetkeys")) {
        selector.allKeys = false;
        selector.keys.clear();
    } else if (equalsIgnoreCase(op, "allchannels") || op == "&*") {
        selector.allChannels = true;
        selector.channels.clear();
    } else if (equalsIgnoreCase(op, "resetchannels")) {
        selector.allChannels = false;
        selector.channels.clear();
    } else if (equalsIgnoreCase(op, "allcommands") || equalsIgnoreCase(op, "+@all")) {
        allowAll(selector, true);
    } else if (equalsIgnoreCase(op, "nocommands") || equalsIgnoreCase(op, "-@all")) {
        allowAll(selector, false);
    } else if (op[0] == '~' || op[0] == '%') {
        if (selector.allKeys) return fail(error, kKeysAfterAll);
        bool read = true, write = true;
        size_t offset = 1;
        if (op[0] == '%') {
            read = write = false;
            for (; offset < op.size(); ++offset) {
                char c = static_cast<char>(toupper(static_cast<unsigned char>(op[offset])));
                if (c == 'R' && !read) {
                    read = true;
                } else if (c == 'W' && !write) {
                    write = true;
                } else if (op[offset] == '~') {
                    ++offset;
                    break;
                } else {
                    return fail(error, kSyntax);
                }
            }
            if (!read && !write) return fail(error, kSyntax);
        }
        std::string_view pattern = offset <= op.size() ? op.substr(offset) : std::string_view();
        if (hasSpace(pattern)) return fail(error, kSyntax);
        auto same = std::find_if(selector.keys.begin(), selector.keys.end(),
                                 [&](const AclKeyPattern &p) { return p.pattern == pattern; });
        if (same == selector.keys.end()) {
            selector.keys.push_back({std::string(pattern), read, write});
        } else {
            same->read |= read;
            same->write |= write;
        }
    } else if (op[0] == '&') {
        if (selector.allChannels) return fail(error, kChannelsAfterAll);
        std::string_view pattern = op.substr(1);
        if (hasSpace(pattern)) return fail(error, kSyntax);
        if (std::find(selector.channels.begin(), selector.channels.end(), pattern) ==
            selector.channels.end())
            selector.channels.emplace_back(pattern);
    } else if (op.size() > 1 && (op[0] == '+' || op[0] == '-') && op[1] == '@') {
        uint32_t bit = 0;
        if (!Acl::categoryBit(op.substr(2), &bit)) return fail(error, kUnknown);
        changeCategory(selector, bit, op[0] == '+');
    } else if (op[0] == '+' && op.find('|') != std::string_view::npos) {
        std::string_view name = op.substr(1);
        size_t bar = name.rfind('|');
        std::string_view first = name.substr(bar + 1);
        const CommandSpec *spec = nullptr;
        const SubcommandSpec *sub = nullptr;
        if (!lookupCommand(name.substr(0, bar), &spec, &sub)) return fail(error, kUnknown);
        if (sub) return fail(error, kFirstArgOfSub);
        if (first.empty()) return fail(error, kSyntax);
        if (CommandTable::subcommands(*spec)) {
            if (!lookupCommand(name, &spec, &sub)) return fail(error, kUnknown);
            changeSubcommand(selector, *spec, *sub, true);
        } else {
            // "+select|0": a first argument allowed while the command itself stays blocked.
            auto &args = selector.firstArgs[rowId(*spec)];
            bool known = std::any_of(args.begin(), args.end(), [&](const std::string &a) {
                return equalsIgnoreCase(a, first);
            });
            if (!known) args.emplace_back(first);
        }
    } else if (op[0] == '+' || op[0] == '-') {
        const CommandSpec *spec = nullptr;
        const SubcommandSpec *sub = nullptr;
        if (!lookupCommand(op.substr(1), &spec, &sub)) return fail(error, kUnknown);
        if (sub)
            changeSubcommand(selector, *spec, *sub, op[0] == '+');
        else
            changeCommand(selector, *spec, op[0] == '+');
    } else {
        return fail(error, kSyntax);
    }
    return true;
}

// acl-pubsub-default: a new user or selector starts with every channel ("allchannels") or
// none ("resetchannels", Redis 7.0's default).
AclSelector newSelector(bool allChannels = false)
{
    AclSelector selector;
    allowAll(selector, false);
    selector.allChannels = allChannels;
    return selector;
}

AclUser newUser(std::string_view name, bool allChannels)
{
    AclUser user;
    user.name = std::string(name);
    user.selectors.push_back(newSelector(allChannels));
    return user;
}

// Selector rules in parentheses may hold spaces once split by a config reader:
// ["(~a", "+get)"] is one selector.
bool mergeSelectorArguments(std::span<const std::string_view> in, std::vector<std::string> *out,
                            std::string *unmatched)
{
    std::string pending;
    bool open = false;
    for (std::string_view arg : in) {
        if (!open && !arg.empty() && arg.front() == '(' && arg.back() != ')') {
            pending = std::string(arg);
            open = true;
        } else if (open) {
            pending += ' ';
            pending += arg;
            if (!arg.empty() && arg.back() == ')') {
                out->push_back(std::move(pending));
                open = false;
            }
        } else {
            out->emplace_back(arg);
        }
    }
    if (open) *unmatched = pending;
    return !open;
}

bool keyAllowed(const AclSelector &selector, std::string_view key, bool read, bool write)
{
    for (const AclKeyPattern &pattern : selector.keys) {
        if ((read && !pattern.read) || (write && !pattern.write)) continue;
        if (globMatch(pattern.pattern, key)) return true;
    }
    return false;
}

bool channelAllowed(const AclSelector &selector, std::string_view channel, bool isPattern)
{
    for (const std::string &pattern : selector.channels) {
        if (isPattern ? pattern == channel : globMatch(pattern, channel)) return true;
    }
    return false;
}

int rank(AclDenial denial)
{
    switch (denial) {
    case AclDenial::None:
        return 0;
    case AclDenial::Command:
        return 1;
    case AclDenial::Key:
        return 2;
    case AclDenial::Auth:
        return 3;
    case AclDenial::Channel:
        return 4;
    }
    return 0;
}

AclVerdict checkSelector(const AclSelector &selector, const CommandSpec &spec,
                         const SubcommandSpec *sub, std::span<const std::string_view> argv)
{
    if (!selector.allCommands) {
        size_t id = sub ? subId(spec, *sub) : rowId(spec);
        if (!getBit(selector, id)) {
            auto it = selector.firstArgs.find(id);
            bool allowed = false;
            if (it != selector.firstArgs.end() && argv.size() > 1)
                for (const std::string &first : it->second)
                    if (equalsIgnoreCase(first, argv[1])) allowed = true;
            if (!allowed) return {AclDenial::Command, 0};
        }
    }
    // A pub/sub command's key positions hold shard channels, checked as channels below.
    // Each key needs what its key spec says Redis does with it: read for "access", write for
    // "insert", "update" or "delete" (EXISTS reads no value: any pattern lets it through).
    if (!selector.allKeys && !(spec.flags & CmdPubSub)) {
        std::string name = toLower(spec.name);
        if (sub) name.append("|").append(sub->name);
        for (const KeyWithFlags &key : commandKeys(name, argv)) {
            const bool read = key.flags & KeyFlagAccess;
            const bool write = key.flags & (KeyFlagInsert | KeyFlagUpdate | KeyFlagDelete);
            if (!keyAllowed(selector, argv[static_cast<size_t>(key.position)], read, write))
                return {AclDenial::Key, key.position};
        }
    }
    if (!selector.allChannels) {
        std::string_view name = spec.name;
        size_t first = 1, last = argv.size();
        bool isPattern = name == "psubscribe";
        if (name == "publish" || name == "spublish") {
            last = std::min<size_t>(2, argv.size());
        } else if (name != "subscribe" && name != "ssubscribe" && !isPattern) {
            last = 0;
        }
        for (size_t i = first; i < last; ++i)
            if (!channelAllowed(selector, argv[i], isPattern))
                return {AclDenial::Channel, static_cast<int>(i)};
    }
    return {};
}

std::string describeSelector(const AclSelector &selector)
{
    std::string out = Acl::describeKeys(selector);
    if (!out.empty()) out += ' ';
    if (selector.allChannels) {
        out += "&* ";
    } else {
        out += "resetchannels ";
        for (const std::string &channel : selector.channels)
            out += "&" + channel + " ";
    }
    return out + Acl::describeCommands(selector);
}

} // namespace

Acl::Acl()
{
    AclUser user = newUser("default", false);
    std::string ignored;
    for (std::string_view rule : {"+@all", "~*", "&*", "on", "nopass"})
        applyRule(user, rule, &ignored);
    m_users["default"] = std::make_unique<AclUser>(std::move(user));
    m_default = m_users["default"].get();
}

bool Acl::categoryBit(std::string_view name, uint32_t *bit)
{
    for (int i = 0; i < kAclCategoryCount; ++i) {
        if (equalsIgnoreCase(name, kAclCategoryNames[i])) {
            *bit = 1u << i;
            return true;
        }
    }
    return false;
}

namespace {

// Acl::applyRule with acl-pubsub-default: whether new selectors and `reset` start with every
// channel (the member functions pass the server's setting; the static applyRule, none).
bool applyUserRule(AclUser &user, std::string_view op, std::string *error, bool allChannels)
{
    if (op.empty()) return true;
    if (equalsIgnoreCase(op, "on")) {
        user.enabled = true;
    } else if (equalsIgnoreCase(op, "off")) {
        user.enabled = false;
    } else if (equalsIgnoreCase(op, "skip-sanitize-payload")) {
        user.sanitizePayload = 2;
    } else if (equalsIgnoreCase(op, "sanitize-payload")) {
        user.sanitizePayload = 1;
    } else if (equalsIgnoreCase(op, "nopass")) {
        user.noPass = true;
        user.passwords.clear();
    } else if (equalsIgnoreCase(op, "resetpass")) {
        user.noPass = false;
        user.passwords.clear();
    } else if (op[0] == '>' || op[0] == '#') {
        std::string hash = op[0] == '>' ? sha256Hex(op.substr(1)) : std::string(op.substr(1));
        if (op[0] == '#' && !validHash(hash)) return fail(error, kBadHash);
        if (std::find(user.passwords.begin(), user.passwords.end(), hash) == user.passwords.end())
            user.passwords.push_back(hash);
        user.noPass = false;
    } else if (op[0] == '<' || op[0] == '!') {
        std::string hash = op[0] == '<' ? sha256Hex(op.substr(1)) : std::string(op.substr(1));
        if (op[0] == '!' && !validHash(hash)) return fail(error, kBadHash);
        auto it = std::find(user.passwords.begin(), user.passwords.end(), hash);
        if (it == user.passwords.end()) return fail(error, kNoSuchPassword);
        user.passwords.erase(it);
    } else if (op.front() == '(' && op.back() == ')' && op.size() >= 2) {
        std::vector<std::string> words;
        if (!splitInlineArguments(op.substr(1, op.size() - 2), &words)) return fail(error, kSyntax);
        AclSelector selector = newSelector(allChannels);
        for (const std::string &word : words)
            if (!applySelectorRule(selector, word, error)) return false;
        user.selectors.push_back(std::move(selector));
    } else if (equalsIgnoreCase(op, "clearselectors")) {
        user.selectors.resize(1);
    } else if (equalsIgnoreCase(op, "reset")) {
        for (std::string_view rule : {"resetpass", "resetkeys", "resetchannels", "off",
                                      "sanitize-payload", "clearselectors", "-@all"})
            applyUserRule(user, rule, error, false);
        if (allChannels) applyUserRule(user, "allchannels", error, false);
    } else {
        return applySelectorRule(user.selectors.front(), op, error);
    }
    return true;
}

} // namespace

bool Acl::applyRule(AclUser &user, std::string_view op, std::string *error)
{
    return applyUserRule(user, op, error, false);
}

bool Acl::setUser(std::string_view name, std::span<const std::string_view> rules,
                  std::string *error)
{
    if (hasSpace(name)) {
        *error = "ERR Usernames can't contain spaces or null characters";
        return false;
    }
    std::vector<std::string> merged;
    std::string unmatched;
    if (!mergeSelectorArguments(rules, &merged, &unmatched)) {
        *error = "ERR Unmatched parenthesis in acl selector starting at '" + unmatched + "'.";
        return false;
    }
    AclUser *existing = find(name);
    AclUser user = existing ? *existing : newUser(name, allChannelsByDefault);
    for (const std::string &rule : merged) {
        std::string why;
        if (!applyUserRule(user, rule, &why, allChannelsByDefault)) {
            *error = "ERR Error in ACL SETUSER modifier '" + rule + "': " + why;
            return false;
        }
    }
    if (existing)
        *existing = std::move(user);
    else
        m_users[std::string(name)] = std::make_unique<AclUser>(std::move(user));
    return true;
}

AclUser *Acl::find(std::string_view name)
{
    auto it = m_users.find(name);
    return it == m_users.end() ? nullptr : it->second.get();
}

bool Acl::deleteUser(std::string_view name)
{
    auto it = m_users.find(name);
    if (it == m_users.end() || name == "default") return false;
    m_users.erase(it);
    return true;
}

std::string Acl::describeFlags(const AclUser &user, std::vector<std::string> *flags)
{
    std::vector<std::string> list;
    list.push_back(user.enabled ? "on" : "off");
    if (user.noPass) list.push_back("nopass");
    if (user.sanitizePayload == 2) list.push_back("skip-sanitize-payload");
    if (user.sanitizePayload == 1) list.push_back("sanitize-payload");
    std::string out;
    for (const std::string &flag : list)
        out += flag + " ";
    if (flags) *flags = list;
    return out;
}

std::string Acl::describeKeys(const AclSelector &selector)
{
    if (selector.allKeys) return "~*";
    std::string out;
    for (const AclKeyPattern &key : selector.keys) {
        if (!out.empty()) out += ' ';
        if (key.read && key.write)
            out += "~";
        else if (key.read)
            out += "%R~";
        else
            out += "%W~";
        out += key.pattern;
    }
    return out;
}

std::string Acl::describeChannels(const AclSelector &selector)
{
    if (selector.allChannels) return "&*";
    std::string out;
    for (const std::string &channel : selector.channels)
        out += (out.empty() ? "&" : " &") + channel;
    return out;
}

// Redis 7.0's description: start from +@all (when the selector may run future commands) or
// -@all, repeatedly apply the category that best fits the remaining differences, then list
// single commands, subcommands and allowed first arguments. O(categories^2 x commands),
// fine for ACL LIST.
std::string Acl::describeCommands(const AclSelector &selector)
{
    bool additive = !getBit(selector, futureBit());
    std::string rules = additive ? "-@all " : "+@all ";
    AclSelector fake = newSelector();
    allowAll(fake, !additive);
    AclSelector remaining = selector;
    bool applied[kAclCategoryCount] = {};
    while (true) {
        int best = -1;
        unsigned long minDiff = ULONG_MAX, maxSame = 0;
        for (int i = 0; i < kAclCategoryCount; ++i) {
            if (applied[i]) continue;
            unsigned long on = 0, off = 0;
            countCategory(remaining, 1u << i, &on, &off);
            unsigned long diff = additive ? off : on;
            unsigned long same = additive ? on : off;
            if (same > diff && (diff < minDiff || (diff == minDiff && same > maxSame))) {
                best = i;
                minDiff = diff;
                maxSame = same;
            }
        }
        if (best < 0) break;
        changeCategory(fake, 1u << best, additive);
        changeCategory(remaining, 1u << best, !additive);
        rules += std::string(additive ? "+@" : "-@") + kAclCategoryNames[best] + " ";
        applied[best] = true;
    }
    for (const CommandSpec &spec : CommandTable::instance().all()) {
        size_t id = rowId(spec);
        bool userBit = getBit(selector, id);
        if (userBit != getBit(fake, id)) {
            rules += std::string(userBit ? "+" : "-") + spec.name + " ";
            changeCommand(fake, spec, userBit);
        }
        if (const auto *subs = CommandTable::subcommands(spec)) {
            for (const SubcommandSpec &sub : *subs) {
                size_t sid = subId(spec, sub);
                bool bit = getBit(selector, sid);
                if (bit == getBit(fake, sid)) continue;
                rules += std::string(bit ? "+" : "-") + spec.name + "|" + sub.name + " ";
                changeSubcommand(fake, spec, sub, bit);
            }
        }
        auto first = selector.firstArgs.find(id);
        if (!userBit && first != selector.firstArgs.end())
            for (const std::string &arg : first->second)
                rules += "+" + std::string(spec.name) + "|" + arg + " ";
    }
    rules.pop_back();
    return rules;
}

std::string Acl::describeUser(const AclUser &user)
{
    std::string out = "user " + user.name + " " + describeFlags(user, nullptr);
    for (const std::string &hash : user.passwords)
        out += "#" + hash + " ";
    out += describeSelector(user.selectors.front());
    for (size_t i = 1; i < user.selectors.size(); ++i)
        out += " (" + describeSelector(user.selectors[i]) + ")";
    return out;
}

AclVerdict Acl::check(const AclUser &user, const CommandSpec &spec, const SubcommandSpec *sub,
                      std::span<const std::string_view> argv)
{
    if (spec.flags & CmdNoAuth) return {};
    AclVerdict relevant;
    for (const AclSelector &selector : user.selectors) {
        AclVerdict verdict = checkSelector(selector, spec, sub, argv);
        if (verdict.denial == AclDenial::None) return verdict;
        if (rank(verdict.denial) > rank(relevant.denial) ||
            (verdict.denial == relevant.denial && verdict.argIndex > relevant.argIndex))
            relevant = verdict;
    }
    return relevant;
}

bool Acl::readsAnyKey(const AclUser &user, const CommandSpec &spec,
                      std::span<const std::string_view> argv)
{
    for (const AclSelector &selector : user.selectors) {
        if (checkSelector(selector, spec, nullptr, argv).denial != AclDenial::None) continue;
        if (selector.allKeys) return true;
        for (const AclKeyPattern &key : selector.keys)
            if (key.pattern == "*" && key.read) return true;
    }
    return false;
}

std::string Acl::commandName(const CommandSpec &spec, const SubcommandSpec *sub)
{
    return sub ? std::string(spec.name) + "|" + sub->name : std::string(spec.name);
}

std::string Acl::denialMessage(const AclVerdict &verdict, const CommandSpec &spec,
                               const SubcommandSpec *sub)
{
    switch (verdict.denial) {
    case AclDenial::Key:
        return "NOPERM this user has no permissions to access one of the keys used as arguments";
    case AclDenial::Channel:
        return "NOPERM this user has no permissions to access one of the channels used as "
               "arguments";
    default:
        return "NOPERM this user has no permissions to run the '" + commandName(spec, sub) +
               "' command";
    }
}

bool Acl::checkCredentials(std::string_view name, std::string_view password)
{
    AclUser *user = find(name);
    if (!user || !user->enabled) return false;
    if (user->noPass) return true;
    std::string hash = sha256Hex(password);
    // Compared in full whatever the first difference, like Redis's time-independent compare.
    bool match = false;
    for (const std::string &candidate : user->passwords) {
        unsigned char diff = 0;
        for (size_t i = 0; i < 64; ++i)
            diff |= static_cast<unsigned char>(candidate[i] ^ hash[i]);
        match |= diff == 0;
    }
    return match;
}

void Acl::setRequirePass(const std::string &password)
{
    std::string ignored;
    applyRule(defaultUser(), "resetpass", &ignored);
    if (password.empty())
        applyRule(defaultUser(), "nopass", &ignored);
    else
        applyRule(defaultUser(), ">" + password, &ignored);
}

bool Acl::replaceUsers(std::map<std::string, std::unique_ptr<AclUser>, std::less<>> users)
{
    if (!users.count("default"))
        users["default"] = std::make_unique<AclUser>(*Acl().find("default"));
    m_users = std::move(users);
    m_default = m_users["default"].get();
    return true;
}

bool Acl::loadConfigUsers(const std::vector<std::vector<std::string>> &lines, std::string *error)
{
    std::map<std::string, std::unique_ptr<AclUser>, std::less<>> users;
    for (const std::vector<std::string> &line : lines) {
        if (line.empty()) continue;
        const std::string &name = line[0];
        if (users.count(name)) {
            *error = "Error in user declaration '" + name +
                     "': Duplicate user found. A user "
                     "can only be defined once in config files";
            return false;
        }
        if (hasSpace(name)) {
            *error = "Error in user declaration '" + name + "': Syntax error";
            return false;
        }
        std::vector<std::string_view> args(line.begin() + 1, line.end());
        std::vector<std::string> merged;
        std::string unmatched;
        if (!mergeSelectorArguments(args, &merged, &unmatched)) {
            *error = "Error in user declaration '" + name + "': Syntax error";
            return false;
        }
        // Like Redis, a redefined default user starts from "reset" (which sets
        // sanitize-payload); other users start empty.
        AclUser user = newUser(name, allChannelsByDefault);
        std::string ignored;
        if (name == "default") applyUserRule(user, "reset", &ignored, allChannelsByDefault);
        for (const std::string &rule : merged) {
            std::string why;
            if (!applyUserRule(user, rule, &why, allChannelsByDefault)) {
                *error = "Error in user declaration '" + name + "': " + why;
                return false;
            }
        }
        users[name] = std::make_unique<AclUser>(std::move(user));
    }
    if (users.empty()) return true;
    for (auto &entry : m_users)
        if (!users.count(entry.first)) users[entry.first] = std::move(entry.second);
    m_users = std::move(users);
    m_default = m_users["default"].get();
    return true;
}

// Like Redis, every line is checked and every error reported; the users change only when
// the whole file is valid. An unknown command is named; other errors only by their reason
// (the first per line), so a mistyped password is never echoed.
bool Acl::loadFile(const std::string &path, std::string *error)
{
    std::ifstream in(path);
    if (!in) {
        *error = "Error loading ACLs, opening file '" + path + "': No such file or directory";
        return false;
    }
    std::map<std::string, std::unique_ptr<AclUser>, std::less<>> users;
    std::string errors;
    std::string line;
    int number = 0;
    while (std::getline(in, line)) {
        ++number;
        std::string where = path + ":" + std::to_string(number);
        size_t start = line.find_first_not_of(" \t\r\n");
        if (start == std::string::npos) continue;
        std::vector<std::string> words;
        if (!splitInlineArguments(line, &words)) {
            errors += where + ": unbalanced quotes in acl line. ";
            continue;
        }
        if (words.size() < 2 || words[0] != "user") {
            errors += where + " should start with user keyword followed by the username. ";
            continue;
        }
        if (hasSpace(words[1])) {
            errors += "'" + where + ": username '" + words[1] + "' contains invalid characters. ";
            continue;
        }
        if (users.count(words[1])) {
            errors += "WARNING: Duplicate user '" + words[1] + "' found on line " +
                      std::to_string(number) + ". ";
            continue;
        }
        std::vector<std::string_view> args(words.begin() + 2, words.end());
        std::vector<std::string> merged;
        std::string unmatched;
        if (!mergeSelectorArguments(args, &merged, &unmatched)) {
            errors += where + ": Unmatched parenthesis in selector definition.";
            continue;
        }
        AclUser user = newUser(words[1], allChannelsByDefault);
        bool reported = false;
        for (const std::string &rule : merged) {
            std::string why;
            if (applyUserRule(user, rule, &why, allChannelsByDefault)) continue;
            if (why == kUnknown) {
                errors += where + ": Error in applying operation '" + rule + "': " + why + ". ";
            } else if (!reported) {
                errors += where + ": " + why + ". ";
                reported = true;
            }
        }
        users[words[1]] = std::make_unique<AclUser>(std::move(user));
    }
    if (!errors.empty()) {
        *error = errors + "WARNING: ACL errors detected, no change to the previously active "
                          "ACL rules was performed";
        return false;
    }
    return replaceUsers(std::move(users));
}

bool Acl::saveFile(const std::string &path, std::string *error) const
{
    std::string temp = path + ".tmp-" + std::to_string(reinterpret_cast<uintptr_t>(this));
    {
        std::ofstream out(temp, std::ios::trunc);
        for (const auto &entry : m_users)
            out << describeUser(*entry.second) << '\n';
        out.flush();
        if (!out) {
            *error = "Opening temp ACL file for ACL SAVE: cannot write '" + temp + "'";
            std::remove(temp.c_str());
            return false;
        }
    }
    if (std::rename(temp.c_str(), path.c_str()) != 0) {
        *error = "Renaming ACL file for ACL SAVE: cannot replace '" + path + "'";
        std::remove(temp.c_str());
        return false;
    }
    return true;
}

void Acl::logDenial(std::string reason, std::string context, std::string object,
                    std::string username, std::string clientInfo, int64_t nowMs)
{
    // Same reason, context, object and user within 60 s: count it on the existing entry,
    // which moves to the front with the new client's details.
    for (auto it = m_log.begin(); it != m_log.end(); ++it) {
        if (it->reason == reason && it->context == context && it->object == object &&
            it->username == username && nowMs - it->createdMs < 60000) {
            AclLogEntry entry = std::move(*it);
            m_log.erase(it);
            ++entry.count;
            entry.createdMs = nowMs;
            entry.clientInfo = std::move(clientInfo);
            m_log.push_front(std::move(entry));
            return;
        }
    }
    m_log.push_front({1, std::move(reason), std::move(context), std::move(object),
                      std::move(username), nowMs, std::move(clientInfo)});
    while (m_log.size() > logMaxLen)
        m_log.pop_back();
}

} // namespace redscope::engine
