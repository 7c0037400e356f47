// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/PendingPasswordStore.h"

#include <QTimer>

namespace fumi::ui {

PendingPasswordStore::PendingPasswordStore(account::CredentialStore *inner, QString accountId, QString password)
    : m_inner(inner)
    , m_accountId(std::move(accountId))
    , m_password(std::move(password))
{
}

void PendingPasswordStore::read(const QString &accountId, Secret secret, QObject *context, Callback callback)
{
    if (accountId != m_accountId || secret != Secret::Password)
        return m_inner->read(accountId, secret, context, std::move(callback));
    // Later, never inside the call, as the contract of CredentialStore says.
    QTimer::singleShot(0, context, [callback = std::move(callback), password = m_password] {
        Result result;
        result.value = password;
        callback(result);
    });
}

void PendingPasswordStore::write(const QString &accountId, Secret secret, const QString &value, QObject *context,
                                 Callback callback)
{
    m_inner->write(accountId, secret, value, context, std::move(callback));
}

void PendingPasswordStore::remove(const QString &accountId, Secret secret, QObject *context, Callback callback)
{
    m_inner->remove(accountId, secret, context, std::move(callback));
}

} // namespace fumi::ui
