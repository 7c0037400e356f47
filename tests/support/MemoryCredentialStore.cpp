// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/MemoryCredentialStore.h"

#include <QMetaObject>

namespace fumi::test {

void MemoryCredentialStore::read(const QString &accountId, Secret secret, QObject *context, Callback callback)
{
    const auto found = secrets.constFind(key(accountId, secret));
    if (found == secrets.cend())
        answer(context, std::move(callback),
               {Error::NotFound, QStringLiteral("No secret is stored for this account."), {}});
    else
        answer(context, std::move(callback), {Error::None, {}, *found});
}

void MemoryCredentialStore::write(const QString &accountId, Secret secret, const QString &value, QObject *context,
                                  Callback callback)
{
    if (failWith == Error::None)
        secrets.insert(key(accountId, secret), value);
    answer(context, std::move(callback), {});
}

void MemoryCredentialStore::remove(const QString &accountId, Secret secret, QObject *context, Callback callback)
{
    if (failWith == Error::None)
        secrets.remove(key(accountId, secret));
    answer(context, std::move(callback), {});
}

void MemoryCredentialStore::answer(QObject *context, Callback callback, Result result)
{
    ++calls;
    if (failWith != Error::None)
        result = {failWith, QStringLiteral("The in-memory keychain was told to fail."), {}};
    QMetaObject::invokeMethod(
        context,
        [callback = std::move(callback), result = std::move(result)] {
            callback(result);
        },
        Qt::QueuedConnection);
}

} // namespace fumi::test
