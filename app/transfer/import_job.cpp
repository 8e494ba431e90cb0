// ImportJob (see import_job.h).
#include "transfer/import_job.h"

#include "transfer/key_writer.h"
#include "transfer/record_files.h"
#include "transfer/transfer_link.h"

#include <QCoreApplication>
#include <QSet>

#include <deque>

namespace redscope {

namespace {

constexpr size_t kRecordBatch = 256;
constexpr qsizetype kCommandBatch = 1000;
constexpr size_t kWindowsInFlight = 4; // of kCommandBatch commands each

// Whether set (upper case names) holds name, in any case, without allocating: this runs for
// every command of a file, twice.
bool listed(const QSet<QByteArray> &set, const QByteArray &name)
{
    char upper[24];
    if (name.size() > qsizetype(sizeof upper)) return false;
    for (qsizetype i = 0; i < name.size(); ++i) {
        const char c = name[i];
        upper[i] = c >= 'a' && c <= 'z' ? char(c - 'a' + 'A') : c;
    }
    return set.contains(QByteArray::fromRawData(upper, name.size()));
}

} // namespace

bool ImportJob::isKeylessCommand(const QByteArray &name)
{
    static const QSet<QByteArray> keyless{"SELECT", "PING", "ECHO", "MULTI", "EXEC", "DISCARD"};
    return listed(keyless, name);
}

bool ImportJob::isRefusedCommand(const QByteArray &name)
{
    static const QSet<QByteArray> refused{
        "FLUSHALL",     "FLUSHDB",    "SHUTDOWN",   "CONFIG",   "DEBUG",   "SCRIPT", "FUNCTION",
        "REPLICAOF",    "SLAVEOF",    "CLUSTER",    "ACL",      "MODULE",  "SWAPDB", "MONITOR",
        "SUBSCRIBE",    "PSUBSCRIBE", "SSUBSCRIBE", "SYNC",     "PSYNC",   "SAVE",   "BGSAVE",
        "BGREWRITEAOF", "FAILOVER",   "CLIENT",     "AUTH",     "HELLO",   "QUIT",   "RESET",
        "KEYS",         "MIGRATE",    "WAIT",       "EVAL",     "EVALSHA", "FCALL",  "BLPOP",
        "BRPOP",        "BLMOVE",     "BZPOPMIN",   "BZPOPMAX", "BLMPOP",  "BZMPOP", "XREAD",
        "XREADGROUP",   "BRPOPLPUSH"};
    return listed(refused, name);
}

void ImportJob::run(TransferSummary *s)
{
    if (!validate(s) || cancelled()) return;
    if (m_options.validateOnly) {
        s->keysDone = s->keysTotal - s->keysFailed; // records that are fine
        return;
    }
    TransferLink link(m_options.target);
    link.setCancelFlag(cancelFlag());
    link.setWritesConfirmed(m_options.confirmedWrites);
    if (!link.open(&s->error)) return;
    m_link = &link;
    if ((m_options.policy == ConflictPolicy::Fail || m_options.dryRun) && !checkConflicts(s))
        return;
    if (m_options.dryRun || cancelled()) return;
    s->keysSkipped = 0;
    const bool commands =
        m_options.format == TransferFormat::Resp || m_options.format == TransferFormat::Commands;
    if (commands)
        writeCommands(s);
    else
        writeRecords(s);
}

bool ImportJob::validate(TransferSummary *s)
{
    QString error;
    auto reader = createRecordReader(m_options.format, m_options.path, m_options.dbFilter, &error);
    if (!reader) {
        s->error = error;
        return false;
    }
    qint64 problems = 0;
    m_items = 0;
    QString fatal;
    const bool ok = reader->run(
        [this, s, &problems, &reader](ImportItem &item) {
            ++m_items;
            if (item.isCommand) {
                const QByteArray name = item.command.value(0);
                const QString where =
                    item.line > 0
                        ? QCoreApplication::translate("redscope::Transfer", "line %1")
                              .arg(item.line)
                        : QCoreApplication::translate("redscope::Transfer", "byte offset %1")
                              .arg(item.offset);
                if (isRefusedCommand(name)) {
                    ++problems;
                    s->addProblem(QCoreApplication::translate("redscope::Transfer",
                                                              "%1: %2 is not a data write; refused")
                                      .arg(where, QString::fromUtf8(name.toUpper())));
                } else if (!isKeylessCommand(name) && item.command.size() < 2) {
                    ++problems;
                    s->addProblem(
                        QCoreApplication::translate("redscope::Transfer", "%1: %2 without a key")
                            .arg(where, QString::fromUtf8(name.toUpper())));
                }
            }
            s->bytes = reader->position();
            report();
            return !cancelled();
        },
        [s, &problems](const ReadProblem &problem) {
            ++problems;
            s->addProblem(problem.message);
        },
        &fatal);
    s->keysTotal = m_items;
    s->bytes = reader->position();
    if (!ok) {
        s->error = QCoreApplication::translate("redscope::Transfer",
                                               "The file is not valid (%1); nothing was written.")
                       .arg(fatal);
        return false;
    }
    if (problems > 0 && !m_options.continuePastErrors) {
        s->error = QCoreApplication::translate(
                       "redscope::Transfer",
                       "%1 problem(s) in the file, the first: %2. Nothing was written.")
                       .arg(problems)
                       .arg(s->problems.value(0));
        return false;
    }
    s->keysFailed = problems; // passed over
    report(true);
    return true;
}

bool ImportJob::checkConflicts(TransferSummary *s)
{
    QString error;
    auto reader = createRecordReader(m_options.format, m_options.path, m_options.dbFilter, &error);
    if (!reader) {
        s->error = error;
        return false;
    }
    QSet<QByteArray> seen;
    QList<QByteArray> pending;
    qint64 existing = 0, fresh = 0;
    QByteArray firstExisting;
    const auto flush = [&]() {
        if (pending.isEmpty()) return true;
        QList<TransferLink::Command> commands;
        for (const QByteArray &key : std::as_const(pending))
            commands.append({QByteArrayLiteral("EXISTS"), key});
        QList<RedisValue> replies;
        if (!m_link->call(commands, &replies, &error)) return false;
        for (qsizetype i = 0; i < pending.size(); ++i) {
            if (replies[i].toInteger() > 0) {
                ++existing;
                if (firstExisting.isEmpty()) firstExisting = pending[i];
            } else {
                ++fresh;
            }
        }
        pending.clear();
        return true;
    };
    bool linkOk = true;
    reader->run(
        [&](ImportItem &item) {
            if (item.ordinal < m_options.resumeFrom) return true;
            QByteArray key;
            if (!item.isCommand)
                key = item.record.key;
            else if (!isKeylessCommand(item.command.value(0)))
                key = item.command.value(1);
            if (key.isNull() || seen.contains(key)) return true;
            seen.insert(key);
            pending.append(key);
            if (pending.size() >= 500 && !(linkOk = flush())) return false;
            if (m_options.policy == ConflictPolicy::Fail && !m_options.dryRun && existing > 0)
                return false;
            return !cancelled();
        },
        [](const ReadProblem &) {}, &error);
    if (linkOk && !cancelled()) linkOk = flush();
    if (!linkOk) {
        s->error = error;
        return false;
    }
    s->wouldCreate = fresh;
    s->wouldReplace = m_options.policy == ConflictPolicy::Replace ? existing : 0;
    s->keysSkipped = m_options.policy == ConflictPolicy::Skip ? existing : 0;
    if (m_options.policy == ConflictPolicy::Fail && existing > 0) {
        s->error =
            QCoreApplication::translate("redscope::Transfer",
                                        "The key \"%1\" already exists (conflict policy: fail); "
                                        "nothing was written.")
                .arg(QString::fromUtf8(firstExisting));
        return false;
    }
    return true;
}

void ImportJob::writeRecords(TransferSummary *s)
{
    QString error;
    auto reader = createRecordReader(m_options.format, m_options.path, m_options.dbFilter, &error);
    if (!reader) {
        s->error = error;
        return;
    }
    KeyWriter writer(m_link, m_options.policy);
    writer.setContinuePastErrors(m_options.continuePastErrors);
    if (m_options.resumeFrom > 0) {
        QList<qint64> rewrite = m_options.resumeRewrite;
        rewrite.append(m_options.resumeFrom);
        writer.setForceReplaceOrdinals(rewrite);
    }
    std::vector<KeyRecord> batch;
    batch.reserve(kRecordBatch);
    bool stopped = false;
    qint64 done = 0;
    const auto flush = [&]() {
        if (batch.empty()) return true;
        const qint64 firstOrdinal = batch.front().ordinal;
        std::vector<qint64> ordinals;
        for (const KeyRecord &r : batch)
            ordinals.push_back(r.ordinal);
        qsizetype confirmed = 0;
        const bool ok = writer.write(batch, s, &confirmed, &error);
        batch.clear();
        if (!ok) {
            s->error = error;
            s->resumeFrom =
                confirmed < qsizetype(ordinals.size()) ? ordinals[size_t(confirmed)] : firstOrdinal;
            s->resumeRewrite = writer.unconfirmedSent();
            stopped = true;
            return false;
        }
        s->resumeFrom = -1;
        done += qint64(ordinals.size());
        throttle(done);
        report();
        return !cancelled();
    };
    QString fatal;
    reader->run(
        [&](ImportItem &item) {
            if (item.ordinal < m_options.resumeFrom) return true;
            batch.push_back(std::move(item.record));
            if (batch.size() >= kRecordBatch) return flush();
            return true;
        },
        [](const ReadProblem &) {}, &fatal);
    if (!stopped && !cancelled()) flush();
    if (cancelled() && !stopped && !batch.empty()) s->resumeFrom = batch.front().ordinal;
    s->usedRebuild = s->usedRebuild || !writer.usesRestore();
}

void ImportJob::writeCommands(TransferSummary *s)
{
    // A command file's size is in commands; how many keys they touch shows as they go.
    s->commandsTotal = s->keysTotal;
    s->keysTotal = -1;
    QString error, fatal;
    auto reader = createRecordReader(m_options.format, m_options.path, m_options.dbFilter, &error);
    if (!reader) {
        s->error = error;
        return;
    }
    const ConflictPolicy policy = m_options.policy;
    QHash<QByteArray, bool> decided; // first key -> its commands are sent
    QList<ImportItem> batch;
    bool stopped = false;
    qint64 keysTouched = 0;
    // Windows sent and not yet answered, oldest first.
    struct Window
    {
        TransferLink::Ticket ticket;
        QList<QByteArray> names; // per command, for problem reports
        QList<qint64> ordinals;  // per command
        qint64 keysDone = 0;     // the summary's keysDone once this window is answered
        qint64 read = 0;         // the summary's commandsRead then
    };
    std::deque<Window> inFlight;
    qint64 refusedAt = -1;   // first refused command (without "continue past errors")
    qint64 lastFlushed = -1; // the last record of the last window built
    QString refusal;

    // Takes the oldest window's replies into the summary. False when the link failed.
    const auto settle = [&]() {
        Window w = std::move(inFlight.front());
        inFlight.pop_front();
        QList<RedisValue> replies;
        if (!m_link->await(w.ticket, &replies, &error)) {
            // What this window's server answered ran; the rest, and later windows, may or
            // may not have: the import resumes from the first unanswered command.
            const qsizetype answered = TransferLink::answeredOf(w.ticket);
            s->commands += answered;
            s->error = error;
            s->resumeFrom =
                answered < w.ordinals.size() ? w.ordinals[answered] : w.ordinals.back() + 1;
            inFlight.clear();
            return false;
        }
        s->commands += replies.size();
        for (qsizetype i = 0; i < replies.size(); ++i) {
            if (!replies[i].isError()) continue;
            ++s->keysFailed;
            s->addProblem(QCoreApplication::translate("redscope::Transfer", "command %1 (%2): %3")
                              .arg(w.ordinals[i] + 1)
                              .arg(QString::fromUtf8(w.names[i]), replies[i].text()));
            if (refusedAt < 0 && !m_options.continuePastErrors) {
                refusedAt = w.ordinals[i];
                refusal = replies[i].text();
            }
        }
        s->keysDone = w.keysDone;
        s->commandsRead = w.read;
        return true;
    };
    const auto settleAll = [&]() {
        while (!inFlight.empty())
            if (!settle()) return false;
        return true;
    };

    const auto flush = [&]() {
        if (batch.isEmpty()) return true;
        // Keys seen for the first time: did they exist before the import?
        QList<QByteArray> fresh;
        QHash<QByteArray, qsizetype> freshIndex;
        for (const ImportItem &item : std::as_const(batch)) {
            if (isKeylessCommand(item.command.value(0))) continue;
            const QByteArray key = item.command.value(1);
            if (!decided.contains(key) && !freshIndex.contains(key)) {
                freshIndex.insert(key, fresh.size());
                fresh.append(key);
            }
        }
        // "replace" needs no answer: the key is deleted before its first command anyway.
        // The EXISTS replies come after the windows in flight, which never touch a fresh key.
        QList<TransferLink::Command> checks;
        if (policy != ConflictPolicy::Replace)
            for (const QByteArray &key : std::as_const(fresh))
                checks.append({QByteArrayLiteral("EXISTS"), key});
        QList<RedisValue> replies;
        if (!checks.isEmpty() && !m_link->call(checks, &replies, &error)) {
            settleAll();
            s->error = error;
            if (s->resumeFrom < 0) s->resumeFrom = batch.front().ordinal;
            stopped = true;
            return false;
        }
        const bool replace = policy == ConflictPolicy::Replace;
        for (qsizetype i = 0; i < fresh.size(); ++i) {
            const bool exists = replace || replies[i].toInteger() > 0;
            const bool send = !exists || policy == ConflictPolicy::Replace;
            decided.insert(fresh[i], send);
            ++keysTouched;
            if (exists && policy == ConflictPolicy::Skip) ++s->keysSkipped;
        }
        Window window;
        QList<TransferLink::Command> commands;
        QSet<QByteArray> deleted;
        const auto add = [&](const TransferLink::Command &command, qint64 ordinal) {
            commands.append(command);
            window.names.append(command.value(0));
            window.ordinals.append(ordinal);
        };
        for (const ImportItem &item : std::as_const(batch)) {
            const bool keyless = isKeylessCommand(item.command.value(0));
            const QByteArray key = keyless ? QByteArray() : item.command.value(1);
            if (!keyless && !decided.value(key)) continue;
            if (!keyless && replace && freshIndex.contains(key) && !deleted.contains(key)) {
                deleted.insert(key);
                add({QByteArrayLiteral("DEL"), key}, item.ordinal);
            }
            add(item.command, item.ordinal);
        }
        lastFlushed = batch.back().ordinal;
        batch.clear();
        window.keysDone = keysTouched - s->keysSkipped;
        window.read = lastFlushed + 1;
        if (commands.isEmpty()) {
            if (inFlight.empty()) {
                s->keysDone = window.keysDone;
                s->commandsRead = window.read;
            }
        } else {
            window.ticket = m_link->submit(commands);
            inFlight.push_back(std::move(window));
        }
        // A few windows in flight: the server works on one while the next is on its way
        // and this thread reads the file for the one after.
        while (inFlight.size() > kWindowsInFlight)
            if (!settle()) {
                stopped = true;
                return false;
            }
        if (refusedAt >= 0) {
            // The commands sent after the refused one ran too: count them, then stop.
            if (!settleAll()) {
                stopped = true;
                return false;
            }
            s->error = QCoreApplication::translate("redscope::Transfer",
                                                   "The server refused command %1: %2")
                           .arg(refusedAt + 1)
                           .arg(refusal);
            s->resumeFrom = lastFlushed + 1;
            stopped = true;
            return false;
        }
        throttle(s->commands);
        report();
        return !cancelled();
    };
    reader->run(
        [&](ImportItem &item) {
            const QByteArray name = item.command.value(0);
            if (isRefusedCommand(name) || (!isKeylessCommand(name) && item.command.size() < 2))
                return true; // reported by validation, passed over by the user's choice
            if (item.ordinal < m_options.resumeFrom) {
                // Keys a stopped run already worked on keep going on resume.
                if (!isKeylessCommand(item.command.value(0)))
                    decided.insert(item.command.value(1), true);
                return true;
            }
            batch.append(std::move(item));
            if (batch.size() >= kCommandBatch) return flush();
            return true;
        },
        [](const ReadProblem &) {}, &fatal);
    if (!stopped && !cancelled()) flush();
    if (!stopped && !settleAll()) stopped = true;
    if (!stopped && refusedAt >= 0) {
        s->error =
            QCoreApplication::translate("redscope::Transfer", "The server refused command %1: %2")
                .arg(refusedAt + 1)
                .arg(refusal);
        s->resumeFrom = lastFlushed + 1;
    }
}

} // namespace redscope
