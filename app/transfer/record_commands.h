// Turning a KeyRecord into the commands that recreate it on a server: the type-by-type rebuild
// (DEL, SET/RPUSH/SADD/HSET/ZADD/XADD in chunks, PEXPIREAT or PEXPIRE) that any Redis since 4.0
// accepts, and RESTORE of the DUMP payload (exact, one command, Redis 7.0 format). The RESP
// export, the difference export of Compare, and the writers of import and copy all use these,
// so a file and a live copy rebuild a key the same way. Also RESP framing of one command.
#pragma once

#include "transfer/transfer_types.h"

#include <QList>

namespace redscope {

using TransferCommand = QList<QByteArray>;

// Elements per RPUSH/SADD/HSET/ZADD: big values become several commands of bounded size.
inline constexpr int kRebuildChunk = 512;

// Appends the rebuild of record. replace: DEL the key first (else the caller made sure it
// does not exist). ttl: Absolute writes PEXPIREAT of expireAtMs; Relative writes PEXPIRE of
// what is left at nowMs (a key already past its TTL is left out by the caller).
void appendRebuild(const KeyRecord &record, bool replace, TtlMode ttl, qint64 nowMs,
                   QList<TransferCommand> *out);

// RESTORE key <abs ms or 0> payload [REPLACE] ABSTTL.
TransferCommand restoreCommand(const KeyRecord &record, bool replace);

// The command as RESP (an array of bulk strings), as redis-cli --pipe reads it.
void appendResp(const TransferCommand &command, QByteArray *out);

qint64 nowMs();

} // namespace redscope
