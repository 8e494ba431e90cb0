// The server's side of access control: users from `user` lines or the aclfile at start-up,
// requirepass as the default user's password, the per-command ACL check (with its ACL LOG
// entry), rename-command, and protected mode. The rules themselves live in acl.cpp.
//
// The check costs one comparison for clients of an unrestricted default user, so servers
// without ACLs pay nothing measurable per command.
#include "server/server.h"

#include "util/strings.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>

namespace redscope::engine {


bool Server::initAccessControl(std::string *error)
{
    m_acl = std::make_unique<Acl>();
    m_acl->logMaxLen = static_cast<size_t>(m_config.aclLogMaxLen);
    m_acl->allChannelsByDefault = m_config.aclPubsubDefault == "allchannels";
    if (!m_config.aclUsers.empty() && !m_config.aclFile.empty()) {
        *error = "Configuring Redis with users defined in redis.conf and at the same setting "
                 "an ACL file path is invalid. This setup is very likely to lead to "
                 "configuration errors and security holes, please define either an ACL file "
                 "or declare users directly in your redis.conf, but not both.";
        return false;
    }
    // requirepass first, so a `user default ...` line (which starts from reset) wins.
    if (!m_config.requirePass.empty()) m_acl->setRequirePass(m_config.requirePass);
    if (!m_acl->loadConfigUsers(m_config.aclUsers, error)) return false;
    if (!m_config.aclFile.empty() && !m_acl->loadFile(m_config.aclFile, error)) {
        *error = "Aborting Redis startup because of ACL errors: " + *error;
        return false;
    }

    m_renamedCommands.clear();
    m_hiddenCommands.clear();
    const CommandTable &table = CommandTable::instance();
    for (const auto &[from, to] : m_config.renamedCommands) {
        const CommandSpec *spec = table.find(from);
        if (!spec) {
            *error = "No such command in rename-command";
            return false;
        }
        if (m_hiddenCommands.empty()) m_hiddenCommands.assign(table.all().size(), false);
        m_hiddenCommands[table.indexOf(spec)] = true;
        if (!to.empty()) {
            const CommandSpec *taken = table.find(to);
            if (m_renamedCommands.count(toLower(to)) ||
                (taken && taken != spec && !m_hiddenCommands[table.indexOf(taken)])) {
                *error = "Target command name already exists";
                return false;
            }
            m_renamedCommands[toLower(to)] = spec;
        }
    }
    return true;
}

const CommandSpec *Server::lookupCommand(std::string_view name) const
{
    if (!m_renamedCommands.empty()) {
        auto it = m_renamedCommands.find(toLower(name));
        if (it != m_renamedCommands.end()) return it->second;
    }
    const CommandSpec *spec = CommandTable::instance().find(name);
    if (spec && !m_hiddenCommands.empty() &&
        m_hiddenCommands[CommandTable::instance().indexOf(spec)])
        return nullptr;
    return spec;
}

bool Server::aclAllows(Client &client, const CommandSpec &spec, const SubcommandSpec *sub,
                       std::span<const std::string_view> argv, std::string *denial, AclDenial *kind)
{
    if (spec.flags & CmdNoAuth) return true;
    if (client.isMaster) return true; // our master's stream is applied whatever the ACLs say
    const AclUser *user =
        client.user == "default" ? &m_acl->defaultUser() : m_acl->find(client.user);
    if (user && user->selectors.size() == 1) {
        const AclSelector &root = user->selectors.front();
        if (root.allCommands && root.allKeys && root.allChannels) return true;
    }
    AclVerdict verdict;
    if (user) {
        verdict = Acl::check(*user, spec, sub, argv);
        if (verdict.denial == AclDenial::None) return true;
    } else {
        verdict.denial = AclDenial::Command; // the user was deleted under this client
    }
    std::string object;
    const char *reason = "command";
    if (verdict.denial == AclDenial::Key || verdict.denial == AclDenial::Channel) {
        object = std::string(argv[static_cast<size_t>(verdict.argIndex)]);
        reason = verdict.denial == AclDenial::Key ? "key" : "channel";
    } else {
        object = Acl::commandName(spec, sub);
    }
    int64_t now = wallClockMs();
    // CLIENT LIST shows the command being refused, as Redis's log entry does.
    std::string previous = client.lastCommand;
    client.lastCommand = Acl::commandName(spec, sub);
    m_acl->logDenial(reason, client.scriptClient ? "lua" : client.inMulti ? "multi" : "toplevel", std::move(object), client.user,
                     describeClient(*this, client, now), now);
    client.lastCommand = previous;
    *denial = Acl::denialMessage(verdict, spec, sub);
    if (kind) *kind = verdict.denial;
    return false;
}

const char *const Server::kProtectedModeDenied =
    "DENIED Redis is running in protected mode because protected mode is enabled and no "
    "password is set for the default user. In this mode connections are only accepted from "
    "the loopback interface. If you want to connect from external computers to Redis you may "
    "adopt one of the following solutions: 1) Just disable protected mode sending the command "
    "'CONFIG SET protected-mode no' from the loopback interface by connecting to Redis from "
    "the same host the server is running, however MAKE SURE Redis is not publicly accessible "
    "from internet if you do so. Use CONFIG REWRITE to make this change permanent. 2) "
    "Alternatively you can just disable the protected mode by editing the Redis configuration "
    "file, and setting the protected mode option to 'no', and then restarting the server. 3) "
    "If you started the server manually just for testing, restart it with the "
    "'--protected-mode no' option. 4) Setup a an authentication password for the default "
    "user. NOTE: You only need to do one of the above things in order for the server to start "
    "accepting connections from the outside.";

bool Server::protectedModeDenies(const Client &client) const
{
    if (!m_config.protectedMode || client.isUnixSocket) return false;
    const AclUser &defaultUser = m_acl->defaultUser();
    if (!defaultUser.noPass) return false;
    return !isLocalClient(client);
}

bool Server::isLocalClient(const Client &client) const
{
    if (client.isUnixSocket) return true;
    sockaddr_storage peer{};
    socklen_t length = sizeof peer;
    if (getpeername(client.fd, reinterpret_cast<sockaddr *>(&peer), &length) != 0) return false;
    // Like Redis 7.0, only the peers 127.0.0.1 and ::1 are local: 127.0.0.2 and the rest of
    // 127.0.0.0/8 are outside clients.
    if (peer.ss_family == AF_INET) {
        const auto *v4 = reinterpret_cast<const sockaddr_in *>(&peer);
        return ntohl(v4->sin_addr.s_addr) == INADDR_LOOPBACK;
    }
    if (peer.ss_family == AF_INET6) {
        const auto *v6 = reinterpret_cast<const sockaddr_in6 *>(&peer);
        if (IN6_IS_ADDR_LOOPBACK(&v6->sin6_addr)) return true;
        if (IN6_IS_ADDR_V4MAPPED(&v6->sin6_addr)) {
            const uint8_t *b = v6->sin6_addr.s6_addr;
            return b[12] == 127 && b[13] == 0 && b[14] == 0 && b[15] == 1;
        }
    }
    return false;
}

} // namespace redscope::engine
