// redis-cli's `--eval script.lua key1 key2 , arg1 arg2` in the console: the script file is
// read and the line becomes EVAL <script> <numkeys> <keys...> <args...>, keys and arguments
// split at a lone comma as redis-cli splits them. A file that cannot be read, or a line with
// no file, is an error that names the file and why.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

namespace redscope {

class EvalFile
{
public:
    struct Result
    {
        QList<QByteArray> args; // the EVAL command
        QString error;          // empty on success
        bool ok() const { return error.isEmpty(); }
    };

    // True when the split line asks for --eval.
    static bool isEvalLine(const QList<QByteArray> &args);
    // args: "--eval", path, keys..., [",", args...]. Scripts above maxBytes are refused.
    static Result expand(const QList<QByteArray> &args, qint64 maxBytes = 16 * 1024 * 1024);
};

} // namespace redscope
