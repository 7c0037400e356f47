// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/CredentialStore.h"

namespace fumi::ui {

// A password the user typed but that is not saved yet, offered to a connection test as if it
// were in the keychain: reading the password of that one account answers with it, and every
// other call goes to the real store. So the account wizard can test a login before anything
// is stored, and Cancel leaves nothing behind.
class PendingPasswordStore : public account::CredentialStore
{
public:
    // `inner` must outlive this object.
    PendingPasswordStore(account::CredentialStore *inner, QString accountId, QString password);

    void read(const QString &accountId, Secret secret, QObject *context, Callback callback) override;
    void write(const QString &accountId, Secret secret, const QString &value, QObject *context,
               Callback callback) override;
    void remove(const QString &accountId, Secret secret, QObject *context, Callback callback) override;

private:
    account::CredentialStore *m_inner;
    QString m_accountId;
    QString m_password;
};

} // namespace fumi::ui
