// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <functional>

namespace fumi::test {

// Runs a helper program of the test fixtures (openssl, doveadm) to completion, feeding it
// `input`. True when it exited with 0; otherwise *error says why, with its stderr. The exit
// code is reported through *exitCode when given (-1 for a crash or a program that would not run).
// A program still running after timeoutMs is killed and counts as failed.
bool runProgram(const QString &program, const QStringList &arguments, const QByteArray &input = {},
                QByteArray *output = nullptr, int *exitCode = nullptr, QString *error = nullptr, int timeoutMs = 60000);

// What a program run by runToEnd() gave back.
struct ProgramRun {
    int exitCode = -1; // -1 when it would not start, crashed, or was killed for taking too long
    QByteArray out;
    QByteArray err;

    // Exit code, stdout and stderr, for a failed check's message.
    [[nodiscard]] QString describe() const;
};

// Runs `program` (fumi-cli, in the tests that run it as a user would) in `environment` to its
// end, feeding it `input` and keeping its stdout and stderr apart. One still running after
// timeoutMs is killed. With `whileRunning`, the event loop runs meanwhile and calls it every 5 ms
// (to watch the system while the program works); without, the call blocks.
[[nodiscard]] ProgramRun runToEnd(const QString &program, const QStringList &arguments,
                                  const QProcessEnvironment &environment, const QByteArray &input = {},
                                  int timeoutMs = 60000, const std::function<void()> &whileRunning = {});

// The program's path on PATH or in the sbin folders, where Dovecot's tools live.
QString findProgram(const QString &name);

} // namespace fumi::test
