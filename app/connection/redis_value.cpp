// Construction of RedisValue trees, including the one place that reads hiredis' redisReply.
// RESP3 reply types only exist in hiredis >= 1.0; with older headers (Debian 12 ships 0.14)
// those branches compile away and connections stay on RESP2, where they cannot occur.
#include "connection/redis_value.h"

#include <hiredis/hiredis.h>

namespace redscope {

RedisValue RedisValue::status(const QByteArray &text)
{
    RedisValue v;
    v.m_type = Type::Status;
    v.m_bytes = text;
    return v;
}

RedisValue RedisValue::error(const QByteArray &text)
{
    RedisValue v;
    v.m_type = Type::Error;
    v.m_bytes = text;
    return v;
}

RedisValue RedisValue::integer(qint64 value)
{
    RedisValue v;
    v.m_type = Type::Integer;
    v.m_integer = value;
    return v;
}

RedisValue RedisValue::doubleValue(double value, const QByteArray &text)
{
    RedisValue v;
    v.m_type = Type::Double;
    v.m_double = value;
    v.m_bytes = text.isEmpty() ? QByteArray::number(value, 'g', 17) : text;
    return v;
}

RedisValue RedisValue::string(const QByteArray &bytes)
{
    RedisValue v;
    v.m_type = Type::String;
    v.m_bytes = bytes;
    return v;
}

static RedisValue aggregate(RedisValue::Type type, RedisValue::List elements)
{
    switch (type) {
    case RedisValue::Type::Map:
        return RedisValue::map(std::move(elements));
    case RedisValue::Type::Set:
        return RedisValue::set(std::move(elements));
    case RedisValue::Type::Push:
        return RedisValue::push(std::move(elements));
    default:
        return RedisValue::array(std::move(elements));
    }
}

RedisValue RedisValue::array(List elements)
{
    RedisValue v;
    v.m_type = Type::Array;
    v.m_elements = std::move(elements);
    return v;
}

RedisValue RedisValue::map(List flattenedPairs)
{
    RedisValue v;
    v.m_type = Type::Map;
    v.m_elements = std::move(flattenedPairs);
    return v;
}

RedisValue RedisValue::set(List elements)
{
    RedisValue v;
    v.m_type = Type::Set;
    v.m_elements = std::move(elements);
    return v;
}

RedisValue RedisValue::push(List elements)
{
    RedisValue v;
    v.m_type = Type::Push;
    v.m_elements = std::move(elements);
    return v;
}

RedisValue RedisValue::boolean(bool value)
{
    RedisValue v;
    v.m_type = Type::Bool;
    v.m_integer = value ? 1 : 0;
    return v;
}

RedisValue RedisValue::verbatim(const QByteArray &format, const QByteArray &text)
{
    RedisValue v;
    v.m_type = Type::Verbatim;
    v.m_format = format;
    v.m_bytes = text;
    return v;
}

RedisValue RedisValue::bigNumber(const QByteArray &digits)
{
    RedisValue v;
    v.m_type = Type::BigNumber;
    v.m_bytes = digits;
    return v;
}

bool RedisValue::isAggregate() const
{
    return m_type == Type::Array || m_type == Type::Map || m_type == Type::Set ||
           m_type == Type::Push;
}

bool RedisValue::operator==(const RedisValue &other) const
{
    return m_type == other.m_type && m_bytes == other.m_bytes && m_format == other.m_format &&
           m_integer == other.m_integer && m_double == other.m_double &&
           m_elements == other.m_elements;
}

static QByteArray replyBytes(const redisReply *reply)
{
    return QByteArray(reply->str, static_cast<qsizetype>(reply->len));
}

static RedisValue::List replyChildren(const redisReply *reply)
{
    RedisValue::List children;
    children.reserve(reply->elements);
    for (size_t i = 0; i < reply->elements; ++i)
        children.push_back(RedisValue::fromHiredis(reply->element[i]));
    return children;
}

RedisValue RedisValue::fromHiredis(const redisReply *reply)
{
    if (!reply) return nil();
    switch (reply->type) {
    case REDIS_REPLY_STATUS:
        return status(replyBytes(reply));
    case REDIS_REPLY_ERROR:
        return error(replyBytes(reply));
    case REDIS_REPLY_INTEGER:
        return integer(reply->integer);
    case REDIS_REPLY_STRING: {
        // Moved in, not assigned (string() takes a reference): a SCAN reply has 32768 of
        // them, and each assignment is two atomic reference-count updates.
        RedisValue v;
        v.m_type = Type::String;
        v.m_bytes = replyBytes(reply);
        return v;
    }
    case REDIS_REPLY_ARRAY:
        return aggregate(Type::Array, replyChildren(reply));
#ifdef REDIS_REPLY_MAP
    case REDIS_REPLY_MAP:
        return aggregate(Type::Map, replyChildren(reply));
    case REDIS_REPLY_SET:
        return aggregate(Type::Set, replyChildren(reply));
    case REDIS_REPLY_PUSH:
        return aggregate(Type::Push, replyChildren(reply));
    case REDIS_REPLY_DOUBLE:
        return doubleValue(reply->dval, replyBytes(reply));
    case REDIS_REPLY_BOOL:
        return boolean(reply->integer != 0);
    case REDIS_REPLY_BIGNUM:
        return bigNumber(replyBytes(reply));
    case REDIS_REPLY_VERB:
        return verbatim(QByteArray(reply->vtype), replyBytes(reply));
#endif
    case REDIS_REPLY_NIL:
    default:
        return nil();
    }
}

} // namespace redscope
