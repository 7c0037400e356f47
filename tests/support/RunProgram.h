// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace fumi::test {

// Runs a helper program of the test fixtures (openssl, doveadm) to completion, feeding it
// `input`. True when it exited with 0; otherwise *error says why, with its stderr. The exit
// code is reported through *exitCode when given (-1 for a crash or a program that would not run).
// A program still running after timeoutMs is killed and counts as failed.
bool runProgram(const QString &program, const QStringList &arguments, const QByteArray &input = {},
                QByteArray *output = nullptr, int *exitCode = nullptr, QString *error = nullptr,
                int timeoutMs = 60000);

// The program's path on PATH or in the sbin folders, where Dovecot's tools live.
QString findProgram(const QString &name);

} // namespace fumi::test
