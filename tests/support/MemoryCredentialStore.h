// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/CredentialStore.h"

#include <QHash>

namespace fumi::test {

// A CredentialStore that keeps secrets in memory, answering from the event loop as a keychain
// would. `failWith` makes every call fail, as an unreachable or locked keychain does.
class MemoryCredentialStore : public account::CredentialStore
{
public:
    void read(const QString &accountId, Secret secret, QObject *context, Callback callback) override;
    void write(const QString &accountId, Secret secret, const QString &value, QObject *context,
               Callback callback) override;
    void remove(const QString &accountId, Secret secret, QObject *context, Callback callback) override;

    QHash<QString, QString> secrets; // by CredentialStore::key()
    Error failWith = Error::None;
    int calls = 0;

private:
    void answer(QObject *context, Callback callback, Result result);
};

} // namespace fumi::test
