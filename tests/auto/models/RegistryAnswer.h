// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "models/AccountRegistry.h"

#include <QTest>
#include <QVariant>

namespace fumi::test {

struct RegistryAnswer {
    bool ok = false;
    QString error;
    QVariant result;
};

// The registry's answer to `request`, waiting up to a minute; of `account`'s engine when given
// (request ids are per engine).
inline RegistryAnswer waitForAnswer(models::AccountRegistry &registry, quint64 request, const QString &account = {})
{
    RegistryAnswer answer;
    bool done = false;
    const QMetaObject::Connection connection
        = QObject::connect(&registry, &models::AccountRegistry::requestFinished, &registry,
                           [&](const QString &from, quint64 id, bool ok, const QString &error, const QVariant &result) {
                               if (id != request || (!account.isEmpty() && from != account))
                                   return;
                               answer = {ok, error, result};
                               done = true;
                           });
    const bool finished = QTest::qWaitFor(
        [&] {
            return done;
        },
        60000);
    QObject::disconnect(connection);
    if (!finished)
        answer.error = QStringLiteral("no answer to request %1").arg(request);
    return answer;
}

} // namespace fumi::test
