// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/LogCapture.h"

#include <QLoggingCategory>
#include <QMutex>

namespace fumi::test {

namespace {

QMutex mutex;
QStringList captured;
QtMessageHandler previousHandler = nullptr;

void capture(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    {
        QMutexLocker lock(&mutex);
        captured << message;
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

} // namespace

LogCapture::LogCapture(const QString &rules)
{
    {
        QMutexLocker lock(&mutex);
        captured.clear();
    }
    if (!rules.isEmpty())
        QLoggingCategory::setFilterRules(rules);
    m_previous = qInstallMessageHandler(capture);
    previousHandler = m_previous;
}

LogCapture::~LogCapture()
{
    qInstallMessageHandler(m_previous);
    previousHandler = nullptr;
    QLoggingCategory::setFilterRules(QString());
}

QStringList LogCapture::messages() const
{
    QMutexLocker lock(&mutex);
    return captured;
}

QString LogCapture::find(const QString &text) const
{
    QMutexLocker lock(&mutex);
    for (const QString &message : std::as_const(captured)) {
        if (message.contains(text))
            return message;
    }
    return {};
}

} // namespace fumi::test
