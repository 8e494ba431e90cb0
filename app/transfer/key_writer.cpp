// KeyWriter (see key_writer.h).
#include "transfer/key_writer.h"

#include "redscope/dump.h"

#include <QCoreApplication>

namespace redscope {

namespace {

// RESTORE refusals that mean "this target does not take payloads", not "this key is bad".
bool restoreUnsupported(const RedisValue &reply)
{
    if (!reply.isError()) return false;
    const QByteArray text = reply.bytes();
    return text.contains("payload version") || text.startsWith("NOPERM") ||
           text.contains("unknown command") || text.contains("Bad data format");
}

} // namespace

KeyWriter::KeyWriter(TransferLink *link, ConflictPolicy policy)
    : m_link(link)
    , m_policy(policy)
{
}

bool KeyWriter::write(std::vector<KeyRecord> &batch, TransferSummary *s, qsizetype *confirmed,
                      QString *error)
{
    *confirmed = 0;
    m_unconfirmedSent.clear();
    const qint64 now = nowMs();
    std::vector<char> exists(batch.size(), 0);
    if (m_policy != ConflictPolicy::Replace || m_dryRun) {
        QList<TransferLink::Command> checks;
        checks.reserve(qsizetype(batch.size()));
        for (const KeyRecord &r : batch)
            checks.append({QByteArrayLiteral("EXISTS"), r.key});
        QList<RedisValue> replies;
        if (!m_link->call(checks, &replies, error)) return false;
        for (size_t i = 0; i < batch.size(); ++i)
            exists[i] = replies[qsizetype(i)].toInteger() > 0;
    }

    // What to send for each record: [first, end) into commands; -1 when nothing is sent.
    std::vector<std::pair<qsizetype, qsizetype>> spans(batch.size(), {-1, -1});
    QList<TransferLink::Command> commands;
    for (size_t i = 0; i < batch.size(); ++i) {
        KeyRecord &r = batch[i];
        if (r.expireAtMs >= 0 && r.expireAtMs <= now) {
            ++s->keysExpired;
            continue;
        }
        if (exists[i] && m_policy == ConflictPolicy::Fail && !m_dryRun &&
            !m_forceReplace.contains(r.ordinal)) {
            *confirmed = qsizetype(i);
            *error =
                QCoreApplication::translate("redscope::Transfer",
                                            "The key \"%1\" already exists (conflict policy: fail)")
                    .arg(QString::fromUtf8(r.key));
            return false;
        }
        if (exists[i] && m_policy == ConflictPolicy::Skip && !m_forceReplace.contains(r.ordinal)) {
            ++s->keysSkipped;
            continue;
        }
        if (m_dryRun) {
            ++(exists[i] ? s->wouldReplace : s->wouldCreate);
            continue;
        }
        const qsizetype first = commands.size();
        const bool replace = exists[i] || m_policy == ConflictPolicy::Replace;
        if (m_restore && !r.payload.empty())
            commands.append(restoreCommand(r, replace));
        else
            appendRebuild(r, replace, TtlMode::Absolute, now, &commands);
        spans[i] = {first, commands.size()};
    }
    if (m_dryRun || commands.isEmpty()) {
        *confirmed = qsizetype(batch.size());
        return true;
    }
    QList<RedisValue> replies;
    const bool linkOk = m_link->call(commands, &replies, error);
    const qsizetype answered = linkOk ? commands.size() : m_link->answeredBeforeFailure();
    s->commands += answered;

    std::vector<size_t> redo; // RESTORE refused as a command: rebuild these
    bool stillConfirming = true;
    for (size_t i = 0; i < batch.size(); ++i) {
        const auto [first, end] = spans[i];
        if (first < 0) {
            if (stillConfirming) *confirmed = qsizetype(i + 1);
            continue;
        }
        QString refused;
        bool undelivered = false;
        for (qsizetype c = first; c < end; ++c) {
            if (!linkOk && c >= answered) {
                undelivered = true;
                break;
            }
            const RedisValue &reply = replies[c];
            if (!reply.isError()) continue;
            if (m_restore && c == first && restoreUnsupported(reply)) {
                redo.push_back(i);
                refused.clear();
                break;
            }
            refused = reply.text();
            break;
        }
        if (undelivered) {
            stillConfirming = false;
            continue;
        }
        if (!redo.empty() && redo.back() == i) continue;
        if (!refused.isEmpty()) {
            ++s->keysFailed;
            s->addProblem(QStringLiteral("%1: %2").arg(QString::fromUtf8(batch[i].key), refused));
            if (!m_continue && linkOk) {
                *error = QCoreApplication::translate("redscope::Transfer",
                                                     "The server refused the key \"%1\": %2")
                             .arg(QString::fromUtf8(batch[i].key), refused);
                return false;
            }
        } else {
            ++s->keysDone;
        }
        if (stillConfirming) *confirmed = qsizetype(i + 1);
    }
    if (!linkOk) {
        m_unconfirmedSent.clear();
        for (size_t i = size_t(*confirmed); i < batch.size(); ++i)
            if (spans[i].first >= 0) m_unconfirmedSent.append(batch[i].ordinal);
        return false;
    }
    if (!redo.empty()) {
        m_restore = false;
        s->usedRebuild = true;
        std::vector<KeyRecord> again;
        for (size_t i : redo) {
            KeyRecord &r = batch[i];
            if (r.value.items.empty() && r.value.streamEntries.empty()) {
                std::string message;
                if (!engine::decodeDumpValue(r.payload, &r.value, &message)) {
                    ++s->keysFailed;
                    s->addProblem(QStringLiteral("%1: %2").arg(QString::fromUtf8(r.key),
                                                               QString::fromStdString(message)));
                    continue;
                }
            }
            again.push_back(std::move(r));
        }
        const ConflictPolicy policy = m_policy;
        m_policy = ConflictPolicy::Replace; // conflicts were settled above
        qsizetype ignored = 0;
        const bool ok = write(again, s, &ignored, error);
        m_policy = policy;
        if (!ok) {
            // Any of the rebuilt records may be half written.
            m_unconfirmedSent.clear();
            for (size_t i : redo)
                m_unconfirmedSent.append(batch[i].ordinal);
            *confirmed = qsizetype(redo.front());
            return false;
        }
        *confirmed = qsizetype(batch.size());
    }
    return true;
}

bool KeyWriter::remove(const QList<QByteArray> &keys, TransferSummary *s, QString *error)
{
    if (keys.isEmpty()) return true;
    if (m_dryRun) {
        s->wouldReplace += keys.size();
        return true;
    }
    QList<TransferLink::Command> commands;
    for (const QByteArray &key : keys) // one per key: a cluster routes each to its slot
        commands.append({QByteArrayLiteral("DEL"), key});
    QList<RedisValue> replies;
    if (!m_link->call(commands, &replies, error)) return false;
    s->commands += commands.size();
    s->keysDone += keys.size();
    return true;
}

} // namespace redscope
