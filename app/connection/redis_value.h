// RedisValue: one server reply as a plain C++ value tree, detached from hiredis.
// hiredis frees its redisReply as soon as the reply callback returns, and the UI wants to keep
// replies around (console history, later value viewers), so every reply is copied once into this
// implicitly-copyable tree. It covers RESP2 and RESP3 types; maps keep their entries flattened
// as [key1, value1, key2, value2, ...] exactly like the wire format, which keeps one container.
#pragma once

#include <QByteArray>
#include <QMetaType>
#include <QString>

#include <vector>

struct redisReply;

namespace redscope {

class RedisValue
{
public:
    enum class Type {
        Nil,
        Status,
        Error,
        Integer,
        Double,
        String,
        Array,
        Map,
        Set,
        Bool,
        Verbatim,
        BigNumber,
        Push,
    };
    using List = std::vector<RedisValue>;

    RedisValue() = default; // Nil

    static RedisValue nil() { return {}; }
    static RedisValue status(const QByteArray &text);
    static RedisValue error(const QByteArray &text);
    static RedisValue error(const QString &text) { return error(text.toUtf8()); }
    static RedisValue integer(qint64 value);
    // text is the server's spelling ("1.5", "inf"); empty means "derive it from value".
    static RedisValue doubleValue(double value, const QByteArray &text = {});
    static RedisValue string(const QByteArray &bytes);
    static RedisValue array(List elements);
    static RedisValue map(List flattenedPairs); // key, value, key, value...
    static RedisValue set(List elements);
    static RedisValue push(List elements);
    static RedisValue boolean(bool value);
    static RedisValue verbatim(const QByteArray &format, const QByteArray &text);
    static RedisValue bigNumber(const QByteArray &digits);

    // Deep-copies a hiredis reply. A null pointer (no reply: connection gone) becomes Nil.
    static RedisValue fromHiredis(const redisReply *reply);

    Type type() const { return m_type; }
    bool isNil() const { return m_type == Type::Nil; }
    bool isError() const { return m_type == Type::Error; }
    bool isAggregate() const;

    // Text of Status, Error, String, Verbatim, BigNumber and Double; empty for the others.
    const QByteArray &bytes() const { return m_bytes; }
    QString text() const { return QString::fromUtf8(m_bytes); }
    const QByteArray &verbatimFormat() const { return m_format; }
    qint64 toInteger() const { return m_integer; }
    double toDouble() const { return m_double; }
    bool toBool() const { return m_integer != 0; }
    // Children of Array, Set, Push and Map (flattened pairs); empty for scalars.
    const List &elements() const { return m_elements; }

    bool operator==(const RedisValue &other) const;

private:
    Type m_type = Type::Nil;
    QByteArray m_bytes;
    QByteArray m_format;
    qint64 m_integer = 0;
    double m_double = 0.0;
    List m_elements;
};

} // namespace redscope

Q_DECLARE_METATYPE(redscope::RedisValue)
