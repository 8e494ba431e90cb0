// KeyWriter: writes batches of KeyRecords into one server for import, copy and "make B equal
// to A", under a conflict policy. A batch is one pipelined round trip (two with the EXISTS
// check that "skip", "fail" and a dry run need). With a DUMP payload a key is one RESTORE
// (exact, TTL as ABSTTL); when the target does not accept RESTORE (an older server's "payload
// version" error, an ACL's NOPERM, a renamed command) the writer switches to the type-by-type
// rebuild for the rest of the job, and redoes the refused keys that way. Keys past their TTL
// are not written. The result says which records are confirmed, so a job stopped by a lost
// server can resume right after the last confirmed key.
#pragma once

#include "transfer/record_commands.h"
#include "transfer/transfer_link.h"
#include "transfer/transfer_types.h"

#include <QSet>

#include <vector>

namespace redscope {

class KeyWriter
{
public:
    KeyWriter(TransferLink *link, ConflictPolicy policy);

    void setDryRun(bool dryRun) { m_dryRun = dryRun; }
    void setContinuePastErrors(bool on) { m_continue = on; }
    void setUseRestore(bool on) { m_restore = on; }
    bool usesRestore() const { return m_restore; }
    // Resume: the records a stopped job sent without a confirmation may be half written (a
    // rebuilt value goes out as several commands); they are written again whatever the policy
    // says about the key existing. Keys that existed before are not among them under "skip".
    void setForceReplaceOrdinals(const QList<qint64> &ordinals)
    {
        m_forceReplace = QSet<qint64>(ordinals.begin(), ordinals.end());
    }
    // After a failed write(): the records of its batch sent but not confirmed.
    const QList<qint64> &unconfirmedSent() const { return m_unconfirmedSent; }

    // Writes batch (records may be moved from). False when the job must stop: the link
    // failed, or a key exists under the "fail" policy, or a key was refused and errors are
    // not passed over; *error says why. *confirmed: how many leading records of the batch are
    // fully done (written, skipped, or known to be refused), for resume.
    bool write(std::vector<KeyRecord> &batch, TransferSummary *summary, qsizetype *confirmed,
               QString *error);

    // Deletes keys (difference sync: keys only in B). Same contract as write().
    bool remove(const QList<QByteArray> &keys, TransferSummary *summary, QString *error);

private:
    TransferLink *m_link;
    ConflictPolicy m_policy;
    bool m_dryRun = false;
    bool m_continue = false;
    bool m_restore = true;
    QSet<qint64> m_forceReplace;
    QList<qint64> m_unconfirmedSent;
};

} // namespace redscope
