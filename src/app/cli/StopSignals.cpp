// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "app/cli/StopSignals.h"

#include <QSocketNotifier>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fumi::cli {

namespace {

// The handler's only state: the pipe's write end, -1 while no StopSignals exists.
volatile sig_atomic_t s_writeEnd = -1;
int s_readEnd = -1;
// What the signals did before, given back at the end.
struct sigaction s_previousInt = {};
struct sigaction s_previousTerm = {};

void onSignal(int signalNumber)
{
    const int saved = errno;
    const unsigned char byte = static_cast<unsigned char>(signalNumber);
    // A full pipe loses nothing that matters: a stop is pending already.
    [[maybe_unused]] const bool written = s_writeEnd >= 0 && ::write(s_writeEnd, &byte, 1) == 1;
    errno = saved;
}

} // namespace

StopSignals::StopSignals(QObject *parent)
    : QObject(parent)
{
    if (s_writeEnd >= 0) {
        m_error = u"another StopSignals watches the signals already"_s;
        return;
    }
    int ends[2];
    if (::pipe2(ends, O_CLOEXEC | O_NONBLOCK) != 0) {
        m_error = u"cannot create a pipe: "_s + QString::fromLocal8Bit(std::strerror(errno));
        return;
    }
    s_readEnd = ends[0];
    s_writeEnd = ends[1];
    m_ownsPipe = true;
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    // Set even where the signal was ignored: a shell starts background jobs with SIGINT ignored,
    // and a script that runs us in the background stops us with SIGINT all the same.
    if (::sigaction(SIGINT, &action, &s_previousInt) != 0 || ::sigaction(SIGTERM, &action, &s_previousTerm) != 0) {
        m_error = u"cannot handle SIGINT and SIGTERM: "_s + QString::fromLocal8Bit(std::strerror(errno));
        return;
    }
    m_notifier = new QSocketNotifier(s_readEnd, QSocketNotifier::Read, this);
    connect(m_notifier, &QSocketNotifier::activated, this, &StopSignals::readPipe);
}

StopSignals::~StopSignals()
{
    if (!m_ownsPipe)
        return;
    ::sigaction(SIGINT, &s_previousInt, nullptr);
    ::sigaction(SIGTERM, &s_previousTerm, nullptr);
    const int writeEnd = s_writeEnd;
    s_writeEnd = -1;
    ::close(writeEnd);
    ::close(s_readEnd);
    s_readEnd = -1;
}

void StopSignals::readPipe()
{
    unsigned char byte = 0;
    while (::read(s_readEnd, &byte, 1) == 1)
        Q_EMIT received(int(byte));
}

} // namespace fumi::cli
