// ReplyFormatter: renders a RedisValue as text the way redis-cli prints replies on a terminal
// ("bar", (integer) 5, (nil), numbered and indented nested arrays), so console users see what
// they already know. Limits cap what one reply may put on screen: a GUI must stay responsive when
// someone types KEYS * on a big server or GETs a multi-megabyte value.
#pragma once

#include "connection/redis_value.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace redscope {

class ReplyFormatter
{
public:
    struct Limits
    {
        qsizetype maxStringBytes = -1; // -1: unlimited
        qsizetype maxElements = -1;    // per aggregate level; -1: unlimited
    };

    // Multi-line text without a trailing newline.
    static QString format(const RedisValue &value);
    static QString format(const RedisValue &value, const Limits &limits, int indent = 0);

    // The reply to the command args, as redis-cli prints it: the commands whose reply is text
    // meant to be read as lines (INFO, CLIENT LIST/INFO, CLUSTER NODES/INFO, MEMORY DOCTOR,
    // LATENCY DOCTOR/GRAPH, ...) are printed raw, line by line, instead of quoted; everything
    // else as format() does.
    static QString formatReply(const QList<QByteArray> &args, const RedisValue &value);
    static QString formatReply(const QList<QByteArray> &args, const RedisValue &value,
                               const Limits &limits);
    static bool printsRaw(const QList<QByteArray> &args);
    // A bulk string as lines: CRLF as LF, no trailing line break, cut at maxBytes.
    static QString raw(const QByteArray &bytes, qsizetype maxBytes = -1);

    // "bar" with redis-cli's escaping: \" \\ \n \r \t \a \b, other non-printable bytes as \xHH.
    static QString quoted(const QByteArray &bytes, qsizetype maxBytes = -1);
};

} // namespace redscope
