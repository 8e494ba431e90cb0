// CustomCommand: one QProcess per call; `finished` is guarded so exactly one of exit, error and
// timeout reports.
#include "values/decoders/custom_decoder.h"

#include <QProcess>
#include <QTimer>

#include <memory>

namespace redscope {

void CustomCommand::run(const QString &commandLine, const QByteArray &input, int timeoutMs,
                        QObject *receiver, std::function<void(const Result<QByteArray> &)> done)
{
    const QStringList words = QProcess::splitCommand(commandLine);
    if (words.isEmpty()) {
        done(Result<QByteArray>::failure(QStringLiteral("no command configured")));
        return;
    }
    auto *process = new QProcess(receiver);
    auto *timer = new QTimer(process);
    auto reported = std::make_shared<bool>(false);
    auto report = [process, reported, done](const Result<QByteArray> &result) {
        if (*reported) return;
        *reported = true;
        done(result);
        process->deleteLater();
    };
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, process, [process, report, timeoutMs] {
        process->kill();
        report(Result<QByteArray>::failure(
            QStringLiteral("the command did not finish within %1 ms").arg(timeoutMs)));
    });
    QObject::connect(process, &QProcess::errorOccurred, process,
                     [process, report](QProcess::ProcessError error) {
                         if (error == QProcess::FailedToStart)
                             report(Result<QByteArray>::failure(
                                 QStringLiteral("cannot start: %1").arg(process->errorString())));
                     });
    QObject::connect(process, &QProcess::finished, process,
                     [process, report](int code, QProcess::ExitStatus status) {
                         if (status != QProcess::NormalExit || code != 0) {
                             const QString err =
                                 QString::fromUtf8(process->readAllStandardError()).trimmed();
                             report(Result<QByteArray>::failure(
                                 QStringLiteral("the command failed (exit %1)%2")
                                     .arg(code)
                                     .arg(err.isEmpty() ? QString() : QStringLiteral(": ") + err)));
                             return;
                         }
                         report(Result<QByteArray>(process->readAllStandardOutput()));
                     });
    process->setProgram(words.front());
    process->setArguments(words.mid(1));
    timer->start(timeoutMs > 0 ? timeoutMs : kDefaultTimeoutMs);
    process->start();
    process->write(input);
    process->closeWriteChannel();
}

} // namespace redscope
