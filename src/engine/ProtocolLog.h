// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QMutex>
#include <QString>
#include <QStringList>

#include <deque>

namespace fumi::engine {

// The latest lines of an account's redacted protocol transcript, for the sync health panel.
//
// Each of the engine's connections appends to it as it talks (the lines come already redacted
// from imap::Connection: credentials and literal contents hidden), and a reader on any thread
// takes a copy. Only the newest `capacity` lines are kept, so a long session costs a bounded
// amount of memory however much it says. A cold open appends a line per message, so append()
// only notes the time; the lines are stamped when someone reads them.
class ProtocolLog
{
public:
    explicit ProtocolLog(qsizetype capacity = 1000);

    void append(const QString &line);
    [[nodiscard]] QStringList lines() const;

private:
    struct Line {
        qint64 msecsSinceEpoch = 0;
        QString text;
    };

    mutable QMutex m_mutex;
    std::deque<Line> m_lines;
    qsizetype m_capacity;
};

} // namespace fumi::engine
