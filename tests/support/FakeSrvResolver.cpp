// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/FakeSrvResolver.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace fumi::test {

void FakeSrvResolver::lookup(const QString &name, QObject *context, Callback callback)
{
    m_asked << name;
    if (journal)
        *journal << u"srv "_s + name;
    Result result = m_answers.value(name, Result{Error::NotFound, u"no SRV record for "_s + name, {}});
    QTimer::singleShot(m_delays.value(name, std::chrono::milliseconds(0)), context,
                       [callback = std::move(callback), result = std::move(result)] {
                           callback(result);
                       });
}

void FakeSrvResolver::setRecords(const QString &name, QList<Record> records)
{
    m_answers.insert(name, Result{Error::None, {}, std::move(records)});
}

void FakeSrvResolver::setError(const QString &name, Error error, const QString &message)
{
    m_answers.insert(name, Result{error, message, {}});
}

} // namespace fumi::test
