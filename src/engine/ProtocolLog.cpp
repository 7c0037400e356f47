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
    const QString stamped = QDateTime::currentDateTime().toString(QStringLiteral("HH:mm:ss.zzz ")) + line;
    const QMutexLocker locker(&m_mutex);
    m_lines.push_back(stamped);
    while (qsizetype(m_lines.size()) > m_capacity)
        m_lines.pop_front();
}

QStringList ProtocolLog::lines() const
{
    const QMutexLocker locker(&m_mutex);
    return QStringList(m_lines.begin(), m_lines.end());
}

} // namespace fumi::engine
