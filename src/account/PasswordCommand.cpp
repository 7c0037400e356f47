// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/PasswordCommand.h"

#include "account/Logging.h"

#include <QCoreApplication>
#include <QPointer>
#include <QProcess>
#include <QTimer>

#include <csignal>
#include <memory>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fumi::account {

namespace {

// The texts of the file under the class's context, also those of the helpers below: lupdate gives a
// free tr() at namespace scope the namespace's context, which no translator would look up.
struct Text {
    Q_DECLARE_TR_FUNCTIONS(fumi::account::PasswordCommand)
};

// Enough of the command's stderr to explain a failure, not so much that a runaway command fills
// the memory or the message.
constexpr qsizetype maxErrorLineBytes = 500;

// One run of the command. Shared by the process's handlers, so that exactly one of them answers.
struct Run {
    QPointer<QObject> context;
    PasswordCommand::Callback callback;
    QByteArray firstLine; // standard output up to its first line end: the password, never logged
    bool haveLineEnd = false;
    QByteArray errorLine; // the first line of standard error
    bool haveErrorLineEnd = false;
    bool timedOut = false;
    bool answered = false;
};

// Keeps what comes before the first "\n" of a stream, across the chunks it arrives in.
void appendUntilLineEnd(QByteArray &line, bool &haveLineEnd, const QByteArray &chunk, qsizetype limit)
{
    if (haveLineEnd)
        return;
    const qsizetype end = chunk.indexOf('\n');
    line += end < 0 ? chunk : chunk.first(end);
    haveLineEnd = end >= 0;
    if (limit > 0 && line.size() > limit)
        line.truncate(limit);
}

void answer(const std::shared_ptr<Run> &run, PasswordCommand::Result result)
{
    if (run->answered)
        return;
    run->answered = true;
    if (!result.ok())
        qCInfo(lcAccount).noquote() << "password command failed:" << result.message;
    if (!run->context)
        return;
    QMetaObject::invokeMethod(
        run->context.data(),
        [callback = std::move(run->callback), result = std::move(result)] {
            callback(result);
        },
        Qt::QueuedConnection);
}

QString durationText(std::chrono::milliseconds timeout)
{
    if (timeout.count() % 1000 == 0)
        return Text::tr("%1 s").arg(timeout.count() / 1000);
    return Text::tr("%1 ms").arg(timeout.count());
}

// " It said: …" with the first line of its stderr, or nothing when it printed none.
QString saying(const QByteArray &errorLine)
{
    QByteArray line = errorLine;
    if (line.endsWith('\r'))
        line.chop(1);
    const QString text = QString::fromUtf8(line).trimmed();
    if (text.isEmpty())
        return QString();
    return u' ' + Text::tr("It said: %1").arg(text);
}

PasswordCommand::Result resultOf(const Run &run, int exitCode, QProcess::ExitStatus status,
                                 std::chrono::milliseconds timeout)
{
    using Error = PasswordCommand::Error;
    if (run.timedOut) {
        return {Error::Timeout,
                Text::tr("The password command did not finish within %1 and was stopped.").arg(durationText(timeout))
                    + saying(run.errorLine),
                {}};
    }
    if (status == QProcess::CrashExit) {
        return {Error::Crashed, Text::tr("The password command was ended by a signal.") + saying(run.errorLine), {}};
    }
    // The shell's own codes for "not found" and "found, but not executable".
    if (exitCode == 127 || exitCode == 126) {
        return {Error::NotFound,
                Text::tr("The password command could not be run (exit code %1).").arg(exitCode) + saying(run.errorLine),
                {}};
    }
    if (exitCode != 0) {
        return {Error::ExitCode,
                Text::tr("The password command failed with exit code %1.").arg(exitCode) + saying(run.errorLine),
                {}};
    }
    QByteArray line = run.firstLine;
    if (line.endsWith('\r'))
        line.chop(1);
    if (line.isEmpty())
        return {Error::EmptyOutput,
                Text::tr("The password command printed no password: its first output line is empty."),
                {}};
    return {Error::None, {}, QString::fromUtf8(line)};
}

} // namespace

PasswordCommand::PasswordCommand(QString command, std::chrono::milliseconds timeout)
    : m_command(std::move(command))
    , m_timeout(timeout)
{
}

void PasswordCommand::run(QObject *context, Callback callback) const
{
    if (!context) {
        qCWarning(lcAccount) << "a password command was asked for without a context: nobody would get the answer";
        return;
    }
    auto run = std::make_shared<Run>();
    run->context = context;
    run->callback = std::move(callback);

    if (m_command.trimmed().isEmpty()) {
        answer(run, {Error::NoCommand, Text::tr("No password command is set."), {}});
        return;
    }

    // No parent: the process must outlive `context` long enough to be killed and reaped. It
    // deletes itself once it has ended.
    auto *process = new QProcess;
    process->setProgram(u"/bin/sh"_s);
    process->setArguments({u"-c"_s, m_command});
    process->setStandardInputFile(QProcess::nullDevice());
    process->setChildProcessModifier([] {
        ::setpgid(0, 0);
    });

    // The whole process group: the shell, and a pipeline or helper it started.
    const auto kill = [process] {
        if (process->state() == QProcess::NotRunning)
            return;
        const auto pid = pid_t(process->processId());
        ::kill(-pid, SIGKILL);
        ::kill(pid, SIGKILL);
    };

    QObject::connect(process, &QProcess::readyReadStandardOutput, process, [process, run] {
        appendUntilLineEnd(run->firstLine, run->haveLineEnd, process->readAllStandardOutput(), 0);
    });
    QObject::connect(process, &QProcess::readyReadStandardError, process, [process, run] {
        appendUntilLineEnd(run->errorLine, run->haveErrorLineEnd, process->readAllStandardError(), maxErrorLineBytes);
    });
    QObject::connect(process, &QProcess::finished, process,
                     [process, run, timeout = m_timeout](int exitCode, QProcess::ExitStatus status) {
                         appendUntilLineEnd(run->firstLine, run->haveLineEnd, process->readAllStandardOutput(), 0);
                         appendUntilLineEnd(run->errorLine, run->haveErrorLineEnd, process->readAllStandardError(),
                                            maxErrorLineBytes);
                         process->deleteLater();
                         qCDebug(lcAccount) << "password command ended, exit code" << exitCode << "status" << status;
                         answer(run, resultOf(*run, exitCode, status, timeout));
                     });
    QObject::connect(process, &QProcess::errorOccurred, process, [process, run](QProcess::ProcessError error) {
        // Every other error ends in finished(), which answers.
        if (error != QProcess::FailedToStart)
            return;
        process->deleteLater();
        answer(run,
               {Error::FailedToStart,
                Text::tr("The password command could not be started: %1").arg(process->errorString()),
                {}});
    });
    QObject::connect(context, &QObject::destroyed, process, [run, kill] {
        run->answered = true;
        kill(); // finished() follows, and deletes the process
    });

    auto *timer = new QTimer(process);
    timer->setSingleShot(true);
    timer->setInterval(m_timeout);
    QObject::connect(timer, &QTimer::timeout, process, [run, kill] {
        run->timedOut = true;
        kill();
    });

    process->start();
    if (process->state() != QProcess::NotRunning) {
        // The child puts itself into its own group before it runs the command; doing it here too
        // closes the window in which a kill() of the group would miss it.
        ::setpgid(pid_t(process->processId()), pid_t(process->processId()));
        timer->start();
    }
}

} // namespace fumi::account
