// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/RunProgram.h"

#include <QProcess>
#include <QStandardPaths>

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

} // namespace fumi::test
