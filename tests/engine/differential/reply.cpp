// Conversion and canonical text for Reply (see reply.h).
#include "reply.h"

#include <hiredis/hiredis.h>

#include <cstdio>

namespace redscope::test::diff {

Reply Reply::failure(std::string why)
{
    Reply reply;
    reply.kind = Kind::Failure;
    reply.text = std::move(why);
    return reply;
}

Reply Reply::fromHiredis(const redisReply *r)
{
    Reply reply;
    if (!r) return failure("no reply (connection lost or timed out)");
    switch (r->type) {
    case REDIS_REPLY_STATUS:
        reply.kind = Kind::Status;
        reply.text.assign(r->str, r->len);
        break;
    case REDIS_REPLY_ERROR:
        reply.kind = Kind::Error;
        reply.text.assign(r->str, r->len);
        break;
    case REDIS_REPLY_INTEGER:
        reply.kind = Kind::Integer;
        reply.integer = r->integer;
        break;
    case REDIS_REPLY_STRING:
        reply.kind = Kind::Bulk;
        reply.text.assign(r->str, r->len);
        break;
    case REDIS_REPLY_NIL:
        // Connection's reader hook marks "*-1" with integer = 1.
        reply.kind = r->integer == 1 ? Kind::NilArray : Kind::NilBulk;
        break;
    case REDIS_REPLY_ARRAY:
        reply.kind = Kind::Array;
        reply.elements.reserve(r->elements);
        for (size_t i = 0; i < r->elements; ++i)
            reply.elements.push_back(fromHiredis(r->element[i]));
        break;
    default:
        return failure("unexpected hiredis reply type " + std::to_string(r->type));
    }
    return reply;
}

std::string quoted(const std::string &text)
{
    std::string out = "\"";
    for (unsigned char c : text) {
        switch (c) {
        case '\\':
            out += "\\\\";
            break;
        case '"':
            out += "\\\"";
            break;
        case '\n':
            out += "\\n";
            break;
        case '\r':
            out += "\\r";
            break;
        case '\t':
            out += "\\t";
            break;
        default:
            if (c < 0x20 || c >= 0x7f) {
                char hex[8];
                std::snprintf(hex, sizeof hex, "\\x%02x", c);
                out += hex;
            } else {
                out += static_cast<char>(c);
            }
        }
    }
    return out + "\"";
}

std::string argvToText(const std::vector<std::string> &argv)
{
    std::string out;
    for (const std::string &arg : argv) {
        if (!out.empty()) out += ' ';
        bool plain = !arg.empty();
        for (unsigned char c : arg)
            if (c <= 0x20 || c >= 0x7f || c == '"' || c == '\\' || c == '\'') plain = false;
        out += plain ? arg : quoted(arg);
    }
    return out;
}

std::string replyToText(const Reply &reply)
{
    switch (reply.kind) {
    case Reply::Kind::Status:
        return "+" + reply.text;
    case Reply::Kind::Error:
        return "-" + reply.text;
    case Reply::Kind::Integer:
        return ":" + std::to_string(reply.integer);
    case Reply::Kind::Bulk:
        return quoted(reply.text);
    case Reply::Kind::NilBulk:
        return "(nil)";
    case Reply::Kind::NilArray:
        return "(nil-array)";
    case Reply::Kind::Array: {
        std::string out = "[";
        for (size_t i = 0; i < reply.elements.size(); ++i) {
            if (i) out += ", ";
            out += replyToText(reply.elements[i]);
        }
        return out + "]";
    }
    case Reply::Kind::Failure:
        return "(failure: " + reply.text + ")";
    }
    return "?";
}

} // namespace redscope::test::diff
