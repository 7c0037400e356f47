// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>
#include <QString>

#include <chrono>
#include <functional>

namespace fumi::account {

// A password that is not stored anywhere, but printed by a command the user chose, at each
// connection: `pass show mail/work`, `secret-tool lookup ...`, `gpg -dq ~/.mailpass.gpg`. This is
// mbsync's PassCmd: the command is run with `/bin/sh -c`, its standard input is closed (it reads
// end of file at once), and the password is the first line of its standard output without the
// line end ("\n" or "\r\n"). Nothing else is trimmed: spaces can be part of a password. The output
// is read as UTF-8.
//
// The command must exit with 0. Its standard output is never put into a message or a log, not
// even when it fails, because it may be the password; the first line of its standard error is
// what explains a failure.
//
// The command runs in its own process group, so that a timeout, or the end of `context`, stops
// everything it started (a pipeline, a helper it spawned), not just the shell. It therefore cannot
// read from the terminal itself; agents that ask for a passphrase in their own window (gpg-agent's
// pinentry) work as usual.
class PasswordCommand
{
public:
    enum class Error {
        None,
        NoCommand,     // the command is empty
        FailedToStart, // /bin/sh could not be started
        NotFound,      // the shell could not find or run the command (exit code 127 or 126)
        ExitCode,      // it exited with another code than 0
        Crashed,       // it was ended by a signal
        EmptyOutput,   // its first output line is empty
        Timeout,       // it did not finish in time and was killed
    };

    struct Result {
        Error error = Error::None;
        QString message;  // for the user: what failed, with the first line of the command's stderr
        QString password; // the first output line, when ok()
        [[nodiscard]] bool ok() const { return error == Error::None; }
    };
    using Callback = std::function<void(const Result &)>;

    static constexpr std::chrono::milliseconds defaultTimeout = std::chrono::seconds(30);

    explicit PasswordCommand(QString command, std::chrono::milliseconds timeout = defaultTimeout);

    [[nodiscard]] QString command() const { return m_command; }
    [[nodiscard]] std::chrono::milliseconds timeout() const { return m_timeout; }
    void setTimeout(std::chrono::milliseconds timeout) { m_timeout = timeout; }

    // Starts the command. The callback runs on `context`'s thread, later, never inside this call,
    // and only while `context` lives; when `context` is destroyed first, the command is killed.
    // Call it from `context`'s thread, which must run an event loop. Each call runs the command
    // anew, and several runs may overlap.
    void run(QObject *context, Callback callback) const;

private:
    QString m_command;
    std::chrono::milliseconds m_timeout;
};

} // namespace fumi::account
