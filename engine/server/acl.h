// ACL users, their rules, and the permission check every command goes through, as in Redis
// 7.0: a user has flags (on/off, nopass), SHA-256 password hashes and one or more selectors
// (the root one, plus "(...)" selectors); a selector holds a bitmap of allowed commands and
// subcommands, allowed first arguments ("+select|0"), key patterns (~, %R~, %W~) and channel
// patterns (&). A command runs when any selector allows the command, each of its keys and
// each of its channels. The "default" user is the one requirepass sets.
//
// Command ids: the command table's rows first, then every subcommand in table order, so a
// bitmap is a few hundred bits. Rules are applied as they come, and ACL LIST describes the
// bitmap back the way Redis 7.0 does (+@all/-@all, the best-fitting categories, then single
// commands). Per-key read/write needs (%R~/%W~) come from the command's read/write flags,
// or from its onlyReadsKeys hook (BITFIELD with GET only needs read access, as in Redis);
// Redis refines them per key spec, which only differs for commands that both read and write.
#pragma once

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace redscope::engine {

struct CommandSpec;
struct SubcommandSpec;

struct AclKeyPattern
{
    std::string pattern;
    bool read = true;
    bool write = true;
};

struct AclSelector
{
    std::vector<uint64_t> allowed; // one bit per command id, plus the "future commands" bit
    std::map<size_t, std::vector<std::string>> firstArgs; // command id -> allowed argv[1]
    bool allCommands = false;
    bool allKeys = false;
    bool allChannels = false;
    std::vector<AclKeyPattern> keys;
    std::vector<std::string> channels;
};

struct AclUser
{
    std::string name;
    bool enabled = false;
    bool noPass = false;
    int sanitizePayload = 0;            // 0: unset, 1: sanitize-payload, 2: skip-sanitize-payload
    std::vector<std::string> passwords; // lowercase hex SHA-256, in insertion order
    std::vector<AclSelector> selectors; // [0] is the root selector
};

enum class AclDenial { None, Command, Key, Channel, Auth };

struct AclVerdict
{
    AclDenial denial = AclDenial::None;
    int argIndex = 0; // the key or channel argument that was refused
};

struct AclLogEntry
{
    uint64_t count = 1;
    std::string reason;  // "command", "key", "channel", "auth"
    std::string context; // "toplevel", "multi"
    std::string object;
    std::string username;
    int64_t createdMs = 0;
    std::string clientInfo;
};

class Acl
{
public:
    Acl();

    // Applies one rule (on, >pass, ~pattern, +@cat, (selector), reset, ...) to a user; false
    // with Redis's reason ("Syntax error", ...) when the rule is invalid.
    static bool applyRule(AclUser &user, std::string_view rule, std::string *error);
    // ACL SETUSER: creates the user when missing; all rules or none are applied. On error
    // `error` is the full reply text.
    bool setUser(std::string_view name, std::span<const std::string_view> rules,
                 std::string *error);
    AclUser *find(std::string_view name);
    AclUser &defaultUser() { return *m_default; }
    bool deleteUser(std::string_view name);
    // New connections start authenticated as "default" when it is on and needs no password.
    bool defaultUserLogsIn() { return defaultUser().enabled && defaultUser().noPass; }
    const std::map<std::string, std::unique_ptr<AclUser>, std::less<>> &users() const
    {
        return m_users;
    }

    // "user <name> on #hash ~* &* +@all", the ACL LIST / aclfile line.
    static std::string describeUser(const AclUser &user);
    static std::string describeFlags(const AclUser &user, std::vector<std::string> *flags);
    static std::string describeKeys(const AclSelector &selector);
    static std::string describeChannels(const AclSelector &selector);
    static std::string describeCommands(const AclSelector &selector);

    // May `user` run argv (spec, sub already resolved)? Commands flagged no-auth always may.
    static AclVerdict check(const AclUser &user, const CommandSpec &spec, const SubcommandSpec *sub,
                            std::span<const std::string_view> argv);
    // True when a selector that lets `user` run argv also reads every key (allkeys or
    // `~*`): SORT's BY and GET patterns read keys that no argument names, so Redis allows
    // them only then.
    static bool readsAnyKey(const AclUser &user, const CommandSpec &spec,
                            std::span<const std::string_view> argv);
    // The name a denial reports ("get", "config|get").
    static std::string commandName(const CommandSpec &spec, const SubcommandSpec *sub);
    static std::string denialMessage(const AclVerdict &verdict, const CommandSpec &spec,
                                     const SubcommandSpec *sub);

    // AUTH/HELLO: true when the user exists, is on, and the password matches (or nopass).
    bool checkCredentials(std::string_view name, std::string_view password);
    // requirepass: "" makes the default user nopass, anything else its only password.
    void setRequirePass(const std::string &password);

    // `user` lines from redis.conf (each a rule list whose first word is the name), or an
    // aclfile: every line must parse or nothing changes. Errors name the line like Redis.
    bool loadConfigUsers(const std::vector<std::vector<std::string>> &lines, std::string *error);
    bool loadFile(const std::string &path, std::string *error);
    bool saveFile(const std::string &path, std::string *error) const;

    // ACL LOG: similar denials within a minute are merged and counted, newest first.
    void logDenial(std::string reason, std::string context, std::string object,
                   std::string username, std::string clientInfo, int64_t nowMs);
    std::deque<AclLogEntry> &log() { return m_log; }
    size_t logMaxLen = 128;
    // acl-pubsub-default allchannels: new users and selectors may use every channel.
    bool allChannelsByDefault = false;

    static bool categoryBit(std::string_view name, uint32_t *bit);

private:
    bool replaceUsers(std::map<std::string, std::unique_ptr<AclUser>, std::less<>> users);
    std::map<std::string, std::unique_ptr<AclUser>, std::less<>> m_users;
    AclUser *m_default = nullptr; // m_users["default"], looked up once per change
    std::deque<AclLogEntry> m_log;
};

} // namespace redscope::engine
