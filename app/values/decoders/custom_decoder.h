// CustomCommand: a user's decoder as an external program. The raw bytes go to its stdin; its
// stdout (text or JSON) is the decoded value; an optional second command encodes edited text
// back the same way. It runs asynchronously under a QProcess owned by the receiver (deleting
// the receiver kills it), with a timeout after which it is killed and the call fails. The
// command line is split into words as QProcess::splitCommand does (double quotes group
// words); no shell runs it unless the command is one (sh -c "...").
#pragma once

#include "connection/service.h"

#include <QByteArray>
#include <QObject>
#include <QString>

#include <functional>

namespace redscope {

class CustomCommand
{
public:
    static constexpr int kDefaultTimeoutMs = 5000;

    static void run(const QString &commandLine, const QByteArray &input, int timeoutMs,
                    QObject *receiver, std::function<void(const Result<QByteArray> &)> done);
};

} // namespace redscope
