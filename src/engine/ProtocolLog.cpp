// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/ProtocolLog.h"

#include <QDateTime>
#include <QMutexLocker>

namespace fumi::engine {

ProtocolLog::ProtocolLog(qsizetype capacity)
    : m_capacity(capacity)
{
}

void ProtocolLog::append(const QString &line)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    const QMutexLocker locker(&m_mutex);
    m_lines.push_back({now, line});
    while (qsizetype(m_lines.size()) > m_capacity)
        m_lines.pop_front();
}

QStringList ProtocolLog::lines() const
{
    const QMutexLocker locker(&m_mutex);
    QStringList lines;
    lines.reserve(qsizetype(m_lines.size()));
    for (const Line &line : m_lines) {
        const QDateTime when = QDateTime::fromMSecsSinceEpoch(line.msecsSinceEpoch).toLocalTime();
        lines.append(when.toString(QStringLiteral("HH:mm:ss.zzz ")) + line.text);
    }
    return lines;
}

} // namespace fumi::engine
