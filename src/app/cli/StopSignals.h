// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>

class QSocketNotifier;

namespace fumi::cli {

// SIGINT and SIGTERM as a Qt signal, for a command that runs until it is told to stop (Ctrl+C,
// or `kill` from a script) and must then tidy up: stop the servers it started, remove its files.
//
// A signal handler may do almost nothing safely, so it only writes the signal's number into a
// pipe; a QSocketNotifier reads it on the event loop and emits received(). One instance at a time
// in a process; the destructor gives both signals back the handling they had before.
class StopSignals : public QObject
{
    Q_OBJECT
public:
    explicit StopSignals(QObject *parent = nullptr);
    ~StopSignals() override;

    // False when the pipe or the handlers could not be set up; errorString() says why.
    [[nodiscard]] bool isWatching() const { return m_notifier != nullptr; }
    [[nodiscard]] QString errorString() const { return m_error; }

Q_SIGNALS:
    void received(int signalNumber);

private:
    void readPipe();

    QSocketNotifier *m_notifier = nullptr;
    bool m_ownsPipe = false;
    QString m_error;
};

} // namespace fumi::cli
