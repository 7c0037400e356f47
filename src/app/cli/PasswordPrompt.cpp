// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "app/cli/PasswordPrompt.h"

#include <QByteArray>

#include <cstdio>
#include <termios.h>
#include <unistd.h>

namespace fumi::cli {

namespace {

// Turns the terminal's echo off while alive, and back on however the read ends.
class EchoOff
{
public:
    EchoOff()
    {
        if (tcgetattr(STDIN_FILENO, &m_saved) != 0)
            return;
        termios quiet = m_saved;
        quiet.c_lflag &= ~tcflag_t(ECHO);
        m_active = tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) == 0;
    }
    ~EchoOff()
    {
        if (m_active)
            tcsetattr(STDIN_FILENO, TCSAFLUSH, &m_saved);
    }
    EchoOff(const EchoOff &) = delete;
    EchoOff &operator=(const EchoOff &) = delete;

private:
    termios m_saved{};
    bool m_active = false;
};

} // namespace

std::optional<QString> readPassword(const QString &prompt)
{
    const bool terminal = isatty(STDIN_FILENO) == 1;
    std::optional<EchoOff> echoOff;
    if (terminal) {
        const QByteArray shown = prompt.toUtf8();
        std::fwrite(shown.constData(), 1, size_t(shown.size()), stderr);
        std::fflush(stderr);
        echoOff.emplace();
    }
    QByteArray line;
    for (int c = std::getchar(); c != EOF && c != '\n'; c = std::getchar())
        line.append(char(c));
    if (terminal)
        std::fputc('\n', stderr);
    if (line.endsWith('\r'))
        line.chop(1);
    std::optional<QString> password;
    if (!line.isEmpty())
        password = QString::fromUtf8(line);
    // The bytes of the password do not stay behind in this buffer.
    line.fill('\0');
    return password;
}

} // namespace fumi::cli
