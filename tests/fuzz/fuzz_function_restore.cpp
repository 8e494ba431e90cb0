// libFuzzer target for FUNCTION RESTORE payloads (scripting/function_payload and the library
// loader behind it): the input is a payload as FUNCTION DUMP writes it (FUNCTION2 records,
// RDB version, CRC-64). Inputs whose CRC is 8 zero bytes skip the checksum here, so mutations
// reach the record parser, the LZF decoder and then Lua: every library found is compiled and
// run (registration only, 500 ms at most, as FUNCTION LOAD does) in a server that is never
// started. A library that loads must list at least one function, and loading the same code
// again with REPLACE must give the same names.
#include "persistence/crc64.h"
#include "scripting/function_payload.h"
#include "scripting/script_engine.h"
#include "server/server.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <cstring>

using namespace redscope::engine;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    std::string payload(reinterpret_cast<const char *>(data), size);
    if (size >= 10 && std::memcmp(payload.data() + size - 8, "\0\0\0\0\0\0\0\0", 8) == 0) {
        uint64_t crc = crc64(0, payload.data(), size - 8);
        for (int i = 0; i < 8; ++i)
            payload[size - 8 + i] = static_cast<char>(crc >> (8 * i));
    }
    std::vector<std::string> codes;
    std::string error;
    if (!decodeFunctionDumpPayload(payload, &codes, &error)) {
        if (error.empty()) std::abort(); // a refusal must say why
        return 0;
    }
    static Server *server = new Server(); // one interpreter pair for the whole run
    ScriptEngine &engine = server->scripting();
    engine.flushLibraries();
    for (const std::string &code : codes) {
        std::string name, loadError;
        if (!engine.loadLibrary(code, false, &name, &loadError)) {
            if (loadError.empty()) std::abort();
            continue;
        }
        auto it = engine.libraries().find(name);
        if (it == engine.libraries().end() || it->second.functions.empty()) std::abort();
        size_t functions = it->second.functions.size();
        if (!engine.loadLibrary(code, true, &name, &loadError)) continue; // e.g. a timeout
        if (engine.libraries().at(name).functions.size() != functions) std::abort();
    }
    // What loaded dumps to a payload that decodes to the same code.
    std::vector<std::string> again;
    if (!decodeFunctionDumpPayload(functionDumpPayload(&engine), &again, &error)) std::abort();
    if (again.size() != engine.libraries().size()) std::abort();
    return 0;
}
