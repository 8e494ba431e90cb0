// AOF format pieces: manifest parsing/formatting, RESP encoding of propagated commands and
// the replay of incr files (see aof.h). Replay runs commands through Server::processCommand
// with a fake client, exactly the path a network client takes, so whatever a command does
// live it does again on load; the persistence layer suppresses AOF feeding while it runs.
#include "persistence/aof.h"

#include "commands/command_table.h"
#include "server/client.h"
#include "server/server.h"
#include "util/strings.h"

#include <sstream>

namespace redscope::engine::aof {

bool parseManifest(std::string_view text, Manifest *out, std::string *error)
{
    *out = Manifest{};
    size_t lineNo = 0;
    while (!text.empty()) {
        ++lineNo;
        const size_t eol = text.find('\n');
        std::string line(text.substr(0, eol));
        text = eol == std::string_view::npos ? std::string_view() : text.substr(eol + 1);
        if (!line.empty() && line.back() == '\r') line.pop_back();
        if (line.empty() || line[0] == '#') continue;
        std::istringstream words(line);
        std::string key, value;
        ManifestEntry entry;
        bool haveName = false, haveSeq = false, haveType = false;
        while (words >> key >> value) {
            if (key == "file") {
                entry.name = value;
                haveName = true;
            } else if (key == "seq") {
                haveSeq = parseInt64(value, &entry.seq) && entry.seq > 0;
            } else if (key == "type") {
                haveType =
                    value.size() == 1 && (value[0] == 'b' || value[0] == 'i' || value[0] == 'h');
                entry.type = haveType ? value[0] : 'i';
            }
        }
        if (!haveName || !haveSeq || !haveType || entry.name.find('/') != std::string::npos) {
            *error = "Invalid AOF manifest file format at line " + std::to_string(lineNo);
            return false;
        }
        if (entry.type == 'b') {
            if (out->hasBase) {
                *error = "Found duplicate base file information in the AOF manifest";
                return false;
            }
            out->hasBase = true;
            out->base = entry;
        } else if (entry.type == 'i') {
            if (!out->incrs.empty() && entry.seq <= out->incrs.back().seq) {
                *error = "Found a non-monotonic sequence number in the AOF manifest";
                return false;
            }
            out->incrs.push_back(entry);
        } else {
            out->history.push_back(entry);
        }
    }
    return true;
}

std::string formatManifest(const Manifest &manifest)
{
    std::string text;
    auto line = [&text](const ManifestEntry &e) {
        text += "file " + e.name + " seq " + std::to_string(e.seq) + " type " + e.type + "\n";
    };
    if (manifest.hasBase) line(manifest.base);
    for (const auto &e : manifest.history)
        line(e);
    for (const auto &e : manifest.incrs)
        line(e);
    return text;
}

void appendCommand(std::string &out, const std::vector<std::string> &argv)
{
    out += '*';
    out += std::to_string(argv.size());
    out += "\r\n";
    for (const std::string &arg : argv) {
        out += '$';
        out += std::to_string(arg.size());
        out += "\r\n";
        out += arg;
        out += "\r\n";
    }
}

ReplayResult replayCommands(Server &server, std::string_view data)
{
    CommandReader reader(data);
    return replayCommands(server, reader);
}

ReplayResult
replayCommands(Server &server, CommandReader &reader,
               const std::function<void(uint64_t commands, uint64_t offset)> &afterCommand)
{
    ReplayResult result;
    Client fake(UINT64_MAX, -1);
    fake.reply.setLayoutPieces(nullptr); // its output is dropped, never placed or written
    fake.authenticated = true;
    std::vector<std::vector<std::string>> transaction;
    bool inMulti = false;
    std::vector<std::string> argv;

    // The fake client lives on this stack frame, so nothing may keep it after replay: a
    // SUBSCRIBE, PSUBSCRIBE, WATCH or blocking pop in the file (Redis never writes them, but a
    // hand-edited or corrupt file can hold them) is undone at once. Leaving it subscribed also
    // put it in pub/sub mode, where every later write of the file was refused.
    auto release = [&] {
        if (fake.blocked) server.unblockClient(fake);
        if (fake.inPubSubMode()) server.unsubscribeAll(fake, false);
        if (!fake.watchedKeys.empty()) server.unwatchAll(fake);
    };
    struct ReleaseAtExit
    {
        decltype(release) &fn;
        ~ReleaseAtExit() { fn(); }
    } releaseAtExit{release};

    auto run = [&](const std::vector<std::string> &command) {
        std::vector<std::string_view> views(command.begin(), command.end());
        server.processCommand(fake, views);
        release();
        // An error while replaying is "unexpected" (INFO stats), as in Redis; the replay
        // goes on, as there.
        if (!fake.output.empty() && fake.output[0] == '-') server.noteUnexpectedError(fake);
        fake.output.clear();
        fake.outputSent = 0;
        ++result.commands;
        if (afterCommand) afterCommand(result.commands, reader.offset());
    };

    using Parse = CommandReader::Parse;
    while (true) {
        const uint64_t start = reader.offset();
        const Parse r = reader.next(&argv);
        if (r == Parse::End) break;
        if (r == Parse::ReadError) {
            result.status = ReplayResult::Error;
            result.error =
                "Error reading the append only file (offset " + std::to_string(start) + ")";
            return result;
        }
        if (r == Parse::Truncated) {
            result.status = ReplayResult::Truncated;
            result.error = "Unexpected end of file at offset " + std::to_string(start);
            return result;
        }
        if (r == Parse::Bad) {
            result.status = ReplayResult::Error;
            result.error = "Bad file format reading the append only file (offset " +
                           std::to_string(start) + ")";
            return result;
        }
        if (equalsIgnoreCase(argv[0], "multi")) {
            inMulti = true;
            transaction.clear();
            continue;
        }
        if (equalsIgnoreCase(argv[0], "exec")) {
            for (const auto &command : transaction)
                run(command);
            transaction.clear();
            inMulti = false;
            result.validBytes = reader.offset();
            continue;
        }
        if (!CommandTable::instance().find(argv[0])) {
            result.status = ReplayResult::Error;
            result.error = "Unknown command '" + argv[0].substr(0, 64) +
                           "' reading the append only file (offset " + std::to_string(start) + ")";
            return result;
        }
        if (inMulti) {
            transaction.push_back(argv);
            continue;
        }
        run(argv);
        result.validBytes = reader.offset();
    }
    if (inMulti) { // MULTI without EXEC: the transaction never completed
        result.status = ReplayResult::Truncated;
        result.error = "Revert incomplete MULTI/EXEC transaction in AOF file";
    }
    return result;
}

} // namespace redscope::engine::aof
