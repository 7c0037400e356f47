// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/RunProgram.h"

#include <QEventLoop>
#include <QProcess>
#include <QStandardPaths>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace fumi::test {

QString findProgram(const QString &name)
{
    const QString inPath = QStandardPaths::findExecutable(name);
    if (!inPath.isEmpty())
        return inPath;
    return QStandardPaths::findExecutable(name, {u"/usr/sbin"_s, u"/usr/local/sbin"_s, u"/sbin"_s});
}

bool runProgram(const QString &program, const QStringList &arguments, const QByteArray &input, QByteArray *output,
                int *exitCode, QString *error, int timeoutMs)
{
    if (exitCode)
        *exitCode = -1;
    QProcess process;
    process.start(program, arguments);
    if (!process.waitForStarted(10000)) {
        if (error)
            *error = u"could not start %1: %2"_s.arg(program, process.errorString());
        return false;
    }
    if (!input.isEmpty())
        process.write(input);
    process.closeWriteChannel();
    if (!process.waitForFinished(timeoutMs)) {
        process.kill();
        process.waitForFinished();
        if (error)
            *error = u"%1 %2 did not finish"_s.arg(program, arguments.join(u' '));
        return false;
    }
    if (output)
        *output = process.readAllStandardOutput();
    if (exitCode && process.exitStatus() == QProcess::NormalExit)
        *exitCode = process.exitCode();
    const bool ok = process.exitStatus() == QProcess::NormalExit && process.exitCode() == 0;
    if (!ok && error)
        *error = u"%1 %2 failed: %3"_s.arg(program, arguments.join(u' '),
                                           QString::fromLocal8Bit(process.readAllStandardError()).trimmed());
    return ok;
}

QString ProgramRun::describe() const
{
    return u"exit %1\n--- stdout\n%2\n--- stderr\n%3"_s.arg(exitCode).arg(QString::fromUtf8(out),
                                                                          QString::fromUtf8(err));
}

ProgramRun runToEnd(const QString &program, const QStringList &arguments, const QProcessEnvironment &environment,
                    const QByteArray &input, int timeoutMs, const std::function<void()> &whileRunning)
{
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(program, arguments);
    if (!process.waitForStarted(10000))
        return {};
    process.write(input);
    process.closeWriteChannel();
    bool finished = false;
    if (whileRunning) {
        QEventLoop loop;
        QTimer poll;
        poll.setInterval(5);
        QObject::connect(&poll, &QTimer::timeout, &loop, whileRunning);
        QObject::connect(&process, &QProcess::finished, &loop, &QEventLoop::quit);
        QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
        poll.start();
        if (process.state() != QProcess::NotRunning)
            loop.exec();
        poll.stop();
        finished = process.state() == QProcess::NotRunning;
    } else {
        finished = process.waitForFinished(timeoutMs);
    }
    if (!finished) {
        // Killed, it counts as a crash: the run is -1, never a success by default.
        process.kill();
        process.waitForFinished();
    }
    return {process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1, process.readAllStandardOutput(),
            process.readAllStandardError()};
}

} // namespace fumi::test
