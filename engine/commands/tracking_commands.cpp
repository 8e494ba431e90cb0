// CLIENT TRACKING, CLIENT CACHING, CLIENT GETREDIR and CLIENT TRACKINGINFO: the options,
// their errors in Redis 7.0's order and words, and the state report. The tables and the
// messages are server/tracking.cpp's.
#include "commands/command_context.h"
#include "commands/handlers.h"
#include "server/client.h"
#include "server/server.h"
#include "util/strings.h"

namespace redscope::engine {

namespace {

// Two prefixes overlap when one starts with the other.
bool overlap(std::string_view a, std::string_view b)
{
    return a.starts_with(b) || b.starts_with(a);
}

// BCAST prefixes may not overlap the client's own nor each other.
bool prefixesFit(CommandContext &ctx, const std::vector<std::string> &prefixes)
{
    for (size_t i = 0; i < prefixes.size(); ++i) {
        for (const std::string &existing : ctx.client.tracking.prefixes) {
            if (overlap(prefixes[i], existing)) {
                ctx.error("ERR Prefix '" + prefixes[i] + "' overlaps with an existing prefix '" +
                          existing + "'. Prefixes for a single client must not overlap.");
                return false;
            }
        }
        for (size_t j = i + 1; j < prefixes.size(); ++j) {
            if (overlap(prefixes[i], prefixes[j])) {
                ctx.error("ERR Prefix '" + prefixes[i] + "' overlaps with another provided prefix '" +
                          prefixes[j] + "'. Prefixes for a single client must not overlap.");
                return false;
            }
        }
    }
    return true;
}

} // namespace

void cmdClientTracking(CommandContext &ctx)
{
    ClientTracking options;
    int64_t redirect = 0;
    for (size_t i = 3; i < ctx.argc(); ++i) {
        const bool more = i + 1 < ctx.argc();
        const std::string_view word = ctx.arg(i);
        if (equalsIgnoreCase(word, "REDIRECT") && more) {
            if (redirect != 0)
                return ctx.error("ERR A client can only redirect to a single other client");
            if (!ctx.int64Arg(++i, &redirect)) return;
            if (redirect <= 0 || !ctx.server.clientById(static_cast<uint64_t>(redirect)))
                return ctx.error("ERR The client ID you want redirect to does not exist");
        } else if (equalsIgnoreCase(word, "BCAST")) {
            options.bcast = true;
        } else if (equalsIgnoreCase(word, "OPTIN")) {
            options.optin = true;
        } else if (equalsIgnoreCase(word, "OPTOUT")) {
            options.optout = true;
        } else if (equalsIgnoreCase(word, "NOLOOP")) {
            options.noloop = true;
        } else if (equalsIgnoreCase(word, "PREFIX") && more) {
            options.prefixes.emplace_back(ctx.arg(++i));
        } else {
            return ctx.syntaxError();
        }
    }
    options.redirect = static_cast<uint64_t>(redirect);
    const ClientTracking &current = ctx.client.tracking;
    if (equalsIgnoreCase(ctx.arg(2), "ON")) {
        if (!options.bcast && !options.prefixes.empty())
            return ctx.error("ERR PREFIX option requires BCAST mode to be enabled");
        if (current.on && current.bcast != options.bcast)
            return ctx.error("ERR You can't switch BCAST mode on/off before disabling tracking "
                             "for this client, and then re-enabling it with a different mode.");
        if (options.bcast && (options.optin || options.optout))
            return ctx.error("ERR OPTIN and OPTOUT are not compatible with BCAST");
        if (options.optin && options.optout)
            return ctx.error("ERR You can't specify both OPTIN mode and OPTOUT mode");
        if ((options.optin && current.optout) || (options.optout && current.optin))
            return ctx.error("ERR You can't switch OPTIN/OPTOUT mode before disabling tracking "
                             "for this client, and then re-enabling it with a different mode.");
        if (options.bcast && !prefixesFit(ctx, options.prefixes)) return;
        ctx.server.tracking().enable(ctx.client, options);
    } else if (equalsIgnoreCase(ctx.arg(2), "OFF")) {
        ctx.server.tracking().disable(ctx.client);
    } else {
        return ctx.syntaxError();
    }
    ctx.reply.ok();
}

void cmdClientCaching(CommandContext &ctx)
{
    ClientTracking &state = ctx.client.tracking;
    if (!state.on)
        return ctx.error("ERR CLIENT CACHING can be called only when the client is in tracking "
                         "mode with OPTIN or OPTOUT mode enabled");
    if (equalsIgnoreCase(ctx.arg(2), "YES")) {
        if (!state.optin)
            return ctx.error(
                "ERR CLIENT CACHING YES is only valid when tracking is enabled in OPTIN mode.");
    } else if (equalsIgnoreCase(ctx.arg(2), "NO")) {
        if (!state.optout)
            return ctx.error(
                "ERR CLIENT CACHING NO is only valid when tracking is enabled in OPTOUT mode.");
    } else {
        return ctx.syntaxError();
    }
    state.caching = true; // for the next command (Tracking::endCommand clears it)
    ctx.reply.ok();
}

void cmdClientGetredir(CommandContext &ctx)
{
    const ClientTracking &state = ctx.client.tracking;
    ctx.reply.integer(state.on ? static_cast<int64_t>(state.redirect) : -1);
}

void cmdClientTrackinginfo(CommandContext &ctx)
{
    const ClientTracking &state = ctx.client.tracking;
    std::vector<const char *> flags;
    if (!state.on) {
        flags.push_back("off");
    } else {
        flags.push_back("on");
        if (state.bcast) flags.push_back("bcast");
        if (state.optin) flags.push_back("optin");
        if (state.optin && state.caching) flags.push_back("caching-yes");
        if (state.optout) flags.push_back("optout");
        if (state.optout && state.caching) flags.push_back("caching-no");
        if (state.noloop) flags.push_back("noloop");
        if (state.brokenRedirect) flags.push_back("broken_redirect");
    }
    ctx.reply.mapHeader(3);
    ctx.reply.bulk("flags");
    // Redis 7.0 counts the flags as it writes them: a deferred length.
    const size_t flagSlot = ctx.reply.beginDeferredSet();
    for (const char *flag : flags)
        ctx.reply.bulk(flag);
    ctx.reply.endDeferredSet(flagSlot, flags.size());
    ctx.reply.bulk("redirect");
    ctx.reply.integer(state.on ? static_cast<int64_t>(state.redirect) : -1);
    ctx.reply.bulk("prefixes");
    ctx.reply.arrayHeader(state.prefixes.size());
    for (const std::string &prefix : state.prefixes)
        ctx.reply.bulk(prefix);
}

} // namespace redscope::engine
