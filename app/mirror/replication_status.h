// ReplicationStatus: the figures of an INFO replication reply that the mirror reports, parsed
// once here so the service and the status banner read fields, not text. Both the engine and
// redis-server print them (role, master_link_status, master_sync_*, slave_repl_offset,
// master_repl_offset); fields a server does not print stay at -1.
#pragma once

#include <QString>

namespace redscope {

struct ReplicationStatus
{
    bool replica = false; // role:slave
    QString masterHost;
    int masterPort = 0;
    bool linkUp = false;        // master_link_status:up
    bool syncing = false;       // master_sync_in_progress:1
    qint64 syncTotalBytes = -1; // the RDB's size; -1 while unknown (diskless $EOF: transfer)
    qint64 syncReadBytes = -1;
    qint64 replicaOffset = -1; // slave_repl_offset
    qint64 masterOffset = -1;  // master_repl_offset (on a master: its own stream position)
    qint64 linkDownSeconds = -1;

    static ReplicationStatus parse(const QString &infoText);
    // Memory figures of INFO memory / /proc/meminfo; -1 when missing.
    static qint64 usedMemory(const QString &infoText);
    static qint64 memAvailable(const QString &meminfoText); // bytes
};

} // namespace redscope
