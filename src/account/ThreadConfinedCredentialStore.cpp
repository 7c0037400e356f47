// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/ThreadConfinedCredentialStore.h"

#include <QMetaObject>

namespace fumi::account {

ThreadConfinedCredentialStore::ThreadConfinedCredentialStore(CredentialStore &inner, QObject &home)
    : m_inner(inner)
    , m_home(&home)
{
}

void ThreadConfinedCredentialStore::forward(
    QObject *context, Callback callback,
    std::function<void(CredentialStore &inner, QObject *homeContext, Callback answer)> call)
{
    const QPointer<QObject> caller(context);
    const auto answer = [caller, callback](const Result &result) {
        if (!caller)
            return;
        QMetaObject::invokeMethod(
            caller.data(),
            [caller, callback, result] {
                if (caller)
                    callback(result);
            },
            Qt::QueuedConnection);
    };
    QObject *home = m_home.data();
    if (!home) {
        answer({Error::Other, QStringLiteral("The keychain is no longer available."), {}});
        return;
    }
    CredentialStore &inner = m_inner;
    QMetaObject::invokeMethod(
        home,
        [&inner, home, answer, call = std::move(call)] {
            call(inner, home, answer);
        },
        Qt::QueuedConnection);
}

void ThreadConfinedCredentialStore::read(const QString &accountId, Secret secret, QObject *context, Callback callback)
{
    forward(context, std::move(callback), [accountId, secret](CredentialStore &inner, QObject *home, Callback answer) {
        inner.read(accountId, secret, home, std::move(answer));
    });
}

void ThreadConfinedCredentialStore::write(const QString &accountId, Secret secret, const QString &value,
                                          QObject *context, Callback callback)
{
    forward(context, std::move(callback),
            [accountId, secret, value](CredentialStore &inner, QObject *home, Callback answer) {
                inner.write(accountId, secret, value, home, std::move(answer));
            });
}

void ThreadConfinedCredentialStore::remove(const QString &accountId, Secret secret, QObject *context, Callback callback)
{
    forward(context, std::move(callback), [accountId, secret](CredentialStore &inner, QObject *home, Callback answer) {
        inner.remove(accountId, secret, home, std::move(answer));
    });
}

} // namespace fumi::account
