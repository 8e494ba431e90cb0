// Fairness of the server to a light client while another client loads it: a probe connection
// sends one GET (of a key that exists) every 500 us and records its round trip, first with the
// server idle, then while a second connection runs the memory analysis' paced scan (SCAN COUNT
// 20, then per group of 4 keys 20 pipelined commands: TYPE, MEMORY USAGE, PTTL, OBJECT
// ENCODING and the type's length command, at most one group in flight, 2000 keys/s), then
// while a second connection pipelines GETs and SETs 16 at a time as fast as it can (what
// `redis-benchmark -P 16` does). Found by bench_analysis against redscope-server: GET p99 85x
// its idle figure under the scan, redis-server 1.5x.
//
// Both servers (build/bin/redscope-server and Debian's redis-server) run side by side with the
// same settings on free loopback ports, filled with the same keys by pipelined writes, and the
// two take turns slice by slice (1 s each, the order alternating), so a burst of load from the
// rest of the machine lands on both. Plain POSIX sockets and threads, no Qt: the
// client side is the same for both servers, so the ratios (engine / redis-server, same run)
// are what to read. Prints `BENCH <name> <value> <unit>` lines; the headline figure is
// engine.fairness.get_p99_under_pipeline.ratio.
//
// Knobs: REDSCOPE_BENCH_SLICES (9), REDSCOPE_BENCH_SLICE_MS (1000), REDSCOPE_BENCH_KEYS (50000),
// REDSCOPE_BUILD_DIR (build), REDSCOPE_BENCH_OURS_ARGS (extra "--option value" words for
// redscope-server, e.g. "--busy-poll-us 0").
#include <algorithm>
#include <arpa/inet.h>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <memory>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdexcept>
#include <string>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

namespace {

using Clock = std::chrono::steady_clock;

int envInt(const char *name, int fallback)
{
    const char *value = std::getenv(name);
    return value && *value ? std::atoi(value) : fallback;
}

std::string loadAverage()
{
    std::ifstream in("/proc/loadavg");
    std::string a, b, c;
    in >> a >> b >> c;
    return a + " " + b + " " + c;
}

int freePort()
{
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(fd, reinterpret_cast<sockaddr *>(&address), sizeof address);
    socklen_t length = sizeof address;
    getsockname(fd, reinterpret_cast<sockaddr *>(&address), &length);
    close(fd);
    return ntohs(address.sin_port);
}

std::string command(const std::vector<std::string> &argv)
{
    std::string out = "*" + std::to_string(argv.size()) + "\r\n";
    for (const std::string &arg : argv)
        out += "$" + std::to_string(arg.size()) + "\r\n" + arg + "\r\n";
    return out;
}

// One blocking connection with a reply reader that understands enough RESP2 to skip or
// collect replies (SCAN's nested array included).
class Connection
{
public:
    explicit Connection(int port)
    {
        m_fd = socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address{};
        address.sin_family = AF_INET;
        address.sin_port = htons(static_cast<uint16_t>(port));
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        if (connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof address) != 0)
            throw std::runtime_error("connect failed");
        int yes = 1;
        setsockopt(m_fd, IPPROTO_TCP, TCP_NODELAY, &yes, sizeof yes);
    }
    ~Connection() { close(m_fd); }
    Connection(const Connection &) = delete;
    Connection &operator=(const Connection &) = delete;

    void send(const std::string &bytes)
    {
        size_t sent = 0;
        while (sent < bytes.size()) {
            ssize_t n = ::send(m_fd, bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
            if (n <= 0) throw std::runtime_error("send failed");
            sent += static_cast<size_t>(n);
        }
    }

    // Reads one reply; bulk strings and simple strings go to out (flattened).
    void reply(std::vector<std::string> *out = nullptr, std::string *first = nullptr)
    {
        std::string line = readLine();
        const char kind = line[0];
        const std::string rest = line.substr(1);
        if (first) *first = line;
        if (kind == '+' || kind == '-' || kind == ':') {
            if (out) out->push_back(rest);
        } else if (kind == '$') {
            long length = std::stol(rest);
            if (length < 0) return;
            std::string data = readBytes(static_cast<size_t>(length) + 2);
            if (out) out->push_back(data.substr(0, static_cast<size_t>(length)));
        } else if (kind == '*') {
            long count = std::stol(rest);
            for (long i = 0; i < count; ++i)
                reply(out);
        } else {
            throw std::runtime_error("bad reply: " + line);
        }
    }

private:
    void fill()
    {
        if (m_pos > 0 && m_pos == m_buffer.size()) {
            m_buffer.clear();
            m_pos = 0;
        }
        char chunk[65536];
        ssize_t n = recv(m_fd, chunk, sizeof chunk, 0);
        if (n <= 0) throw std::runtime_error("connection closed");
        m_buffer.append(chunk, static_cast<size_t>(n));
    }
    std::string readLine()
    {
        for (;;) {
            size_t end = m_buffer.find("\r\n", m_pos);
            if (end != std::string::npos) {
                std::string line = m_buffer.substr(m_pos, end - m_pos);
                m_pos = end + 2;
                return line;
            }
            fill();
        }
    }
    std::string readBytes(size_t count)
    {
        while (m_buffer.size() - m_pos < count)
            fill();
        std::string data = m_buffer.substr(m_pos, count);
        m_pos += count;
        return data;
    }

    int m_fd = -1;
    std::string m_buffer;
    size_t m_pos = 0;
};

struct ServerProcess
{
    std::string label;
    pid_t pid = -1;
    int port = 0;
    std::string dir;

    ServerProcess(std::string name, const std::string &binary, const char *extra)
        : label(std::move(name))
    {
        char templ[] = "/tmp/bench-fairness-XXXXXX";
        dir = mkdtemp(templ);
        port = freePort();
        pid = fork();
        if (pid == 0) {
            const std::string portText = std::to_string(port);
            const std::string logFile = dir + "/log";
            std::vector<std::string> args = {
                binary,         "--port", portText, "--bind", "127.0.0.1", "--save", "",
                "--appendonly", "no",     "--dir",  dir,      "--logfile", logFile};
            // Extra "--name value" pairs for this server, split at spaces.
            for (const char *p = extra ? extra : ""; *p;) {
                const char *space = std::strchr(p, ' ');
                const size_t length = space ? static_cast<size_t>(space - p) : std::strlen(p);
                if (length) args.emplace_back(p, length);
                p += length + (space ? 1 : 0);
            }
            std::vector<char *> argv;
            for (std::string &arg : args)
                argv.push_back(arg.data());
            argv.push_back(nullptr);
            execv(binary.c_str(), argv.data());
            _exit(127);
        }
        for (int i = 0; i < 200; ++i) {
            try {
                Connection probe(port);
                probe.send(command({"PING"}));
                std::vector<std::string> out;
                probe.reply(&out);
                if (!out.empty() && out[0] == "PONG") return;
            } catch (const std::exception &) {
            }
            usleep(50000);
        }
        throw std::runtime_error(label + " did not start");
    }
    ~ServerProcess()
    {
        kill(pid, SIGTERM);
        waitpid(pid, nullptr, 0);
        std::string rm = "rm -rf " + dir;
        [[maybe_unused]] int rc = std::system(rm.c_str());
    }
};

// The dataset: 60% strings, then hashes, sets, sorted sets and lists, written 1000 commands
// per pipeline. The prefix says the type, so the scan picks the length command without a
// round trip (the app learns it from TYPE in the same batch; the cost on the server is alike).
void fillDataset(int port, int keys)
{
    Connection connection(port);
    std::string batch;
    int inBatch = 0;
    const auto flush = [&] {
        connection.send(batch);
        for (int i = 0; i < inBatch; ++i)
            connection.reply();
        batch.clear();
        inBatch = 0;
    };
    for (int i = 0; i < keys; ++i) {
        const std::string n = std::to_string(i);
        const int kind = i % 10;
        if (kind < 6) {
            batch += command({"SET", "s:" + n, std::string(32 + i % 64, 'v')});
        } else if (kind == 6) {
            batch += command({"HSET", "h:" + n, "f1", "v1", "f2", "v2", "f3", "v3", "f4", "v4"});
        } else if (kind == 7) {
            batch += command({"SADD", "t:" + n, "a", "b", "c", "d", "e"});
        } else if (kind == 8) {
            batch += command({"ZADD", "z:" + n, "1", "a", "2", "b", "3", "c"});
        } else {
            batch += command({"RPUSH", "l:" + n, "a", "b", "c", "d"});
        }
        if (i % 50 == 0) batch += command({"PEXPIRE", "s:" + n, "3600000"});
        inBatch += 1 + (i % 50 == 0);
        if (inBatch >= 1000) flush();
    }
    if (inBatch) flush();
}

const char *lengthCommand(const std::string &key)
{
    switch (key[0]) {
    case 's':
        return "STRLEN";
    case 'h':
        return "HLEN";
    case 't':
        return "SCARD";
    case 'z':
        return "ZCARD";
    default:
        return "LLEN";
    }
}

// The memory analysis' live scan, paced at keysPerSecond: SCAN COUNT 20, then the keys in
// groups of 4, one group of 20 pipelined commands in flight at a time.
void scanLoad(int port, const std::atomic<bool> &stop, int keysPerSecond)
{
    Connection connection(port);
    std::string cursor = "0";
    const auto interval = std::chrono::microseconds(1000000 * 4 / keysPerSecond);
    auto next = Clock::now();
    while (!stop.load()) {
        std::vector<std::string> scan;
        connection.send(command({"SCAN", cursor, "COUNT", "20"}));
        connection.reply(&scan);
        if (scan.empty()) break;
        cursor = scan[0];
        for (size_t i = 1; i < scan.size() && !stop.load(); i += 4) {
            std::string group;
            int count = 0;
            for (size_t k = i; k < std::min(scan.size(), i + 4); ++k) {
                const std::string &key = scan[k];
                group += command({"TYPE", key});
                group += command({"MEMORY", "USAGE", key});
                group += command({"PTTL", key});
                group += command({"OBJECT", "ENCODING", key});
                group += command({lengthCommand(key), key});
                count += 5;
            }
            std::this_thread::sleep_until(next);
            next += interval;
            connection.send(group);
            for (int r = 0; r < count; ++r)
                connection.reply();
        }
    }
}

// redis-benchmark -P 16 on one connection: 16 requests (GET and SET of random keys) written at
// once, then their 16 replies, as fast as the server answers.
void pipelineLoad(int port, const std::atomic<bool> &stop, int keys, uint64_t *done)
{
    Connection connection(port);
    uint64_t seed = 12345;
    while (!stop.load()) {
        std::string batch;
        for (int i = 0; i < 16; ++i) {
            seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
            const std::string key =
                "s:" + std::to_string((seed >> 33) % static_cast<uint64_t>(keys) / 10 * 10);
            batch += (i % 2) ? command({"SET", key, "pipelined-value"}) : command({"GET", key});
        }
        connection.send(batch);
        for (int i = 0; i < 16; ++i)
            connection.reply();
        *done += 16;
    }
}

struct Percentiles
{
    double p50 = 0, p99 = 0, p999 = 0;
    size_t samples = 0;
};

Percentiles percentiles(std::vector<double> us)
{
    Percentiles p;
    p.samples = us.size();
    if (us.empty()) return p;
    std::sort(us.begin(), us.end());
    const auto at = [&](double q) {
        return us[std::min(us.size() - 1, static_cast<size_t>(q * static_cast<double>(us.size())))];
    };
    p.p50 = at(0.50);
    p.p99 = at(0.99);
    p.p999 = at(0.999);
    return p;
}

// One GET of an existing key every 500 us for seconds; round trips in microseconds.
std::vector<double> probe(int port, int milliseconds)
{
    Connection connection(port);
    const std::string get = command({"GET", "s:0"});
    std::vector<double> samples;
    const auto end = Clock::now() + std::chrono::milliseconds(milliseconds);
    auto next = Clock::now();
    while (Clock::now() < end) {
        std::this_thread::sleep_until(next);
        next += std::chrono::microseconds(500);
        const auto start = Clock::now();
        connection.send(get);
        std::string first;
        connection.reply(nullptr, &first);
        if (first.rfind("$-1", 0) == 0) throw std::runtime_error("probe key missing");
        samples.push_back(std::chrono::duration<double, std::micro>(Clock::now() - start).count());
        if (Clock::now() > next) next = Clock::now(); // no catch-up bursts after a stall
    }
    return samples;
}

// The server's CPU time (ms) and the times the kernel took its CPU from it while it could run
// (nonvoluntary context switches): a server that busy-polls is always runnable, so on an
// oversubscribed machine it is preempted, where one that sleeps in epoll_wait is woken.
struct ProcessCounters
{
    double cpuMs = 0;
    long preempted = 0;
};

ProcessCounters processCounters(pid_t pid)
{
    ProcessCounters counters;
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    const size_t close = text.rfind(')');
    if (close != std::string::npos) {
        std::vector<std::string> fields;
        size_t pos = close + 2;
        while (pos < text.size()) {
            size_t space = text.find(' ', pos);
            if (space == std::string::npos) space = text.size();
            fields.push_back(text.substr(pos, space - pos));
            pos = space + 1;
        }
        if (fields.size() > 12)
            counters.cpuMs = (std::stod(fields[11]) + std::stod(fields[12])) * 1000.0 /
                             static_cast<double>(sysconf(_SC_CLK_TCK));
    }
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("nonvoluntary_ctxt_switches:", 0) == 0)
            counters.preempted = std::stol(line.substr(line.find(':') + 1));
    return counters;
}

double median(std::vector<double> values)
{
    if (values.empty()) return 0;
    std::sort(values.begin(), values.end());
    return values[values.size() / 2];
}

} // namespace

int main()
{
    const int slices = envInt("REDSCOPE_BENCH_SLICES", 9);
    const int sliceMs = envInt("REDSCOPE_BENCH_SLICE_MS", 1000);
    const int keys = envInt("REDSCOPE_BENCH_KEYS", 50000);
    const char *buildDir = std::getenv("REDSCOPE_BUILD_DIR");
    const std::string ours =
        std::string(buildDir && *buildDir ? buildDir : "build") + "/bin/redscope-server";
    std::printf("# bench_fairness: %d slices of %d ms per phase and server, %d keys; load %s\n",
                slices, sliceMs, keys, loadAverage().c_str());
    std::vector<std::unique_ptr<ServerProcess>> servers;
    servers.push_back(
        std::make_unique<ServerProcess>("redscope", ours, std::getenv("REDSCOPE_BENCH_OURS_ARGS")));
    servers.push_back(std::make_unique<ServerProcess>("redis", "/usr/bin/redis-server", nullptr));
    for (auto &server : servers)
        fillDataset(server->port, keys);

    const char *phases[] = {"idle", "scan", "pipeline"};
    for (int phase = 0; phase < 3; ++phase) {
        // Per slice: each server in turn (the order alternating), so a burst of load from the
        // rest of the machine lands on both; per slice the p99 of each and their ratio.
        std::vector<double> p50[2], p99[2], p999[2], ratios;
        uint64_t pipelinedTotal[2] = {0, 0};
        double cpuMs[2] = {0, 0};
        long preempted[2] = {0, 0};
        for (int slice = 0; slice < slices; ++slice) {
            double sliceP99[2] = {0, 0};
            for (int s = 0; s < 2; ++s) {
                const int which = (slice % 2) ? 1 - s : s;
                ServerProcess &server = *servers[static_cast<size_t>(which)];
                std::atomic<bool> stop{false};
                uint64_t pipelined = 0;
                std::thread load;
                if (phase == 1) load = std::thread([&] { scanLoad(server.port, stop, 2000); });
                if (phase == 2)
                    load = std::thread([&] { pipelineLoad(server.port, stop, keys, &pipelined); });
                if (phase) std::this_thread::sleep_for(std::chrono::milliseconds(100));
                const ProcessCounters before = processCounters(server.pid);
                Percentiles p = percentiles(probe(server.port, sliceMs));
                const ProcessCounters after = processCounters(server.pid);
                cpuMs[which] += after.cpuMs - before.cpuMs;
                preempted[which] += after.preempted - before.preempted;
                stop.store(true);
                if (load.joinable()) load.join();
                p50[which].push_back(p.p50);
                p99[which].push_back(p.p99);
                p999[which].push_back(p.p999);
                sliceP99[which] = p.p99;
                pipelinedTotal[which] += pipelined;
            }
            ratios.push_back(sliceP99[0] / sliceP99[1]);
        }
        for (int s = 0; s < 2; ++s) {
            std::string line = "# " + std::string(phases[phase]) + " " +
                               servers[static_cast<size_t>(s)]->label + " p99 per slice:";
            for (double v : p99[s])
                line += " " + std::to_string(static_cast<int>(v));
            if (phase == 2)
                line += "; " +
                        std::to_string(pipelinedTotal[s] * 1000 / static_cast<uint64_t>(slices) /
                                       static_cast<uint64_t>(sliceMs)) +
                        " pipelined req/s";
            line += "; server CPU " +
                    std::to_string(static_cast<int>(cpuMs[s] / slices * 1000 / sliceMs / 10)) +
                    "% of a core, preempted " + std::to_string(preempted[s] / slices) +
                    " times per slice";
            std::printf("%s\n", line.c_str());
            const std::string name = "engine.fairness." + servers[static_cast<size_t>(s)]->label +
                                     ".get_" + phases[phase];
            std::printf("BENCH %s.p50_us %.1f us\n", name.c_str(), median(p50[s]));
            std::printf("BENCH %s.p99_us %.1f us\n", name.c_str(), median(p99[s]));
            std::printf("BENCH %s.p999_us %.1f us\n", name.c_str(), median(p999[s]));
        }
        const char *what = phase == 0   ? "get_p99_idle"
                           : phase == 1 ? "get_p99_under_scan"
                                        : "get_p99_under_pipeline";
        std::printf("BENCH engine.fairness.%s.ratio %.2f x\n", what, median(ratios));
        std::printf("# load: %s\n", loadAverage().c_str());
        std::fflush(stdout);
    }
    return 0;
}
