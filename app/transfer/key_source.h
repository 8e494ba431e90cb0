// ServerKeySource: the keys of one database read for export, copy and compare, batch by batch
// so memory stays flat. Names come from the keys picked in the browser, or from SCAN (MATCH
// pattern, TYPE filter, COUNT 1000; on a cluster, every master in turn); never KEYS. Values
// come as PTTL + DUMP for a whole batch in one pipelined round trip, decoded on the client
// (redscope/dump.h). When the server refuses DUMP (ACL, renamed) or writes a payload this
// engine cannot read (an RDB version newer than 7.0's, a module), the key is read page by page
// instead: GET, LRANGE windows, HSCAN/SSCAN, ZRANGE windows, XRANGE windows. The next SCAN
// is sent as soon as a page arrives, so its round trip overlaps the caller's work on the page.
#pragma once

#include "transfer/transfer_link.h"
#include "transfer/transfer_types.h"

#include <vector>

namespace redscope {

struct KeySelection
{
    QList<QByteArray> keys; // picked keys; when empty, SCAN with pattern and type
    QByteArray pattern;     // glob for SCAN MATCH; empty: every key
    QByteArray type;        // SCAN TYPE filter ("hash"...); empty: every type
};

class ServerKeySource
{
public:
    ServerKeySource(TransferLink *link, KeySelection selection);

    // A progress total: the picked keys' count, or DBSIZE (summed over masters) when every
    // key is selected; -1 when a pattern or a type selects an unknown share.
    qint64 estimateTotal(QString *error);
    // The next batch of names (may be empty while SCAN goes on). False when there are no more
    // or on error (then *error is set).
    bool nextNames(QList<QByteArray> *names, QString *error);
    // Values of names. Keys that vanished meanwhile are left out and counted in *vanished.
    // False only when the link failed; per-key problems go to *problems.
    bool fetch(const QList<QByteArray> &names, std::vector<KeyRecord> *out, qint64 *vanished,
               QStringList *problems, QString *error);
    // Only PTTL + DUMP (no decoding): what Compare needs first. Missing keys get an empty
    // payload and expireAtMs -2; a refused DUMP leaves the payload empty with expireAtMs >= -1.
    bool fetchPayloads(const QList<QByteArray> &names, std::vector<KeyRecord> *out, QString *error);
    // fetchPayloads in two halves, so several batches (both sides of a compare) are in
    // flight at once: send now, collect the records later.
    TransferLink::Ticket submitPayloads(const QList<QByteArray> &names);
    bool collectPayloads(const TransferLink::Ticket &ticket, const QList<QByteArray> &names,
                         std::vector<KeyRecord> *out, QString *error);
    // The typed value of one key, page by page (no DUMP). False when the key is gone or
    // on error.
    bool readPaged(const QByteArray &key, KeyRecord *record, QString *error);
    bool dumpRefused() const { return m_dumpRefused; }

private:
    TransferLink::Ticket submitScan(QString *error);

    TransferLink *m_link;
    KeySelection m_selection;
    qsizetype m_nextPicked = 0;
    QStringList m_nodes; // cluster masters still to scan, current first
    QByteArray m_cursor = "0";
    TransferLink::Ticket m_scan; // the next SCAN, sent while the caller works on this page
    bool m_started = false;
    bool m_done = false;
    bool m_dumpRefused = false;
    bool m_expireTime = true; // PEXPIRETIME works here (else PTTL)
};

} // namespace redscope
