// --eval for the console (see eval_file.h). The script is read whole with QFile: scripts are
// small local files, and the read happens once, when the user presses Enter.
#include "console/eval_file.h"

#include <QFile>
#include <QFileInfo>

namespace redscope {

bool EvalFile::isEvalLine(const QList<QByteArray> &args)
{
    return !args.isEmpty() && args.first() == "--eval";
}

EvalFile::Result EvalFile::expand(const QList<QByteArray> &args, qint64 maxBytes)
{
    Result result;
    if (args.size() < 2) {
        result.error =
            QObject::tr("--eval needs a script file: --eval <file.lua> [key ...] [, arg ...]");
        return result;
    }
    const QString path = QString::fromUtf8(args.at(1));
    QFile file(path);
    if (QFileInfo(path).isDir()) {
        result.error = QObject::tr("cannot read %1: it is a directory").arg(path);
        return result;
    }
    if (!file.open(QIODevice::ReadOnly)) {
        result.error = QObject::tr("cannot read %1: %2").arg(path, file.errorString());
        return result;
    }
    if (file.size() > maxBytes) {
        result.error = QObject::tr("cannot read %1: %2 bytes is more than the %3 a script may have")
                           .arg(path)
                           .arg(file.size())
                           .arg(maxBytes);
        return result;
    }
    const QByteArray script = file.readAll();
    if (file.error() != QFileDevice::NoError) {
        result.error = QObject::tr("cannot read %1: %2").arg(path, file.errorString());
        return result;
    }
    QList<QByteArray> keys, values;
    bool afterComma = false;
    for (qsizetype i = 2; i < args.size(); ++i) {
        if (!afterComma && args.at(i) == ",") {
            afterComma = true;
            continue;
        }
        (afterComma ? values : keys).append(args.at(i));
    }
    result.args = {QByteArrayLiteral("EVAL"), script, QByteArray::number(keys.size())};
    result.args += keys;
    result.args += values;
    return result;
}

} // namespace redscope
