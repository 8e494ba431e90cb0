// redscope-diff: runs the differential random generator against two servers already
// running, for engineers chasing a mismatch by hand:
//
//   redscope-diff --redis-port 6379 --redscope-port 7379 [--host 127.0.0.1]
//                 [--family lists|all] [--count 10000] [--seed N] [--keep-going 1]
//
// Both servers are FLUSHALLed first. Exit status 1 on the first mismatch (printed with the
// seed, the command index, both replies and the preceding commands). With --keep-going 1,
// both servers are flushed after a mismatch (their data may have diverged) and the run goes
// on, printing the first mismatch of each command name: a survey of a family in one run.
#include "command_generator.h"
#include "diff_session.h"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string>

using namespace redscope::test::diff;

static int usage()
{
    std::fprintf(stderr, "usage: redscope-diff --redis-port P --redscope-port Q [--host H] "
                         "[--family NAME|all] [--count N] [--seed S]\nfamilies:");
    for (const std::string &family : Generator::families())
        std::fprintf(stderr, " %s", family.c_str());
    std::fprintf(stderr, "\n");
    return 2;
}

int main(int argc, char **argv)
{
    std::string host = "127.0.0.1", family = "all";
    int redisPort = 0, redscopePort = 0;
    unsigned long long count = 10000;
    bool keepGoing = false;
    int mismatches = 0;
    unsigned long long seed = static_cast<unsigned long long>(
        std::chrono::system_clock::now().time_since_epoch().count());
    for (int i = 1; i + 1 < argc; i += 2) {
        std::string option = argv[i], value = argv[i + 1];
        if (option == "--host")
            host = value;
        else if (option == "--redis-port")
            redisPort = std::atoi(value.c_str());
        else if (option == "--redscope-port")
            redscopePort = std::atoi(value.c_str());
        else if (option == "--family")
            family = value;
        else if (option == "--count")
            count = std::strtoull(value.c_str(), nullptr, 10);
        else if (option == "--seed")
            seed = std::strtoull(value.c_str(), nullptr, 10);
        else if (option == "--keep-going")
            keepGoing = value != "0";
        else
            return usage();
    }
    if (argc % 2 == 0 || redisPort <= 0 || redscopePort <= 0) return usage();

    std::vector<std::string> families = Generator::families();
    if (family != "all") families = {family};
    for (const std::string &name : families) {
        Session session(host, redisPort, redscopePort);
        if (!session.ok()) {
            std::fprintf(stderr, "cannot start: %s\n", session.error().c_str());
            return 2;
        }
        session.redis().call({"FLUSHALL"});
        session.redscope().call({"FLUSHALL"});
        Generator generator(name, seed, session.commandsToExercise());
        if (!generator.knownFamily()) return usage();
        session.setContext("seed " + std::to_string(seed) + ", family " + name);
        std::printf("%s: seed %llu, %llu commands, not served: ", name.c_str(), seed, count);
        for (const std::string &missing : generator.missingCommands())
            std::printf("%s ", missing.c_str());
        std::printf("\n");
        std::set<std::string> reported;
        for (unsigned long long i = 0; i < count; ++i) {
            Argv argv = generator.next();
            if (session.run(argv) && (i % 250 != 249 || session.verifyDatasets())) continue;
            ++mismatches;
            if (!keepGoing) {
                std::printf("%s\n", session.report().c_str());
                return 1;
            }
            if (reported.insert(lowercase(argv[0])).second)
                std::printf("%s\n\n", session.report().c_str());
            session.run({"DISCARD"});
            session.redis().call({"FLUSHALL"});
            session.redscope().call({"FLUSHALL"});
        }
        session.run({"DISCARD"});
        if (!session.verifyDatasets()) {
            std::printf("%s\n", session.report().c_str());
            return 1;
        }
        std::printf("%s: done\n", name.c_str());
    }
    std::printf("%d mismatches\n", mismatches);
    return mismatches ? 1 : 0;
}
