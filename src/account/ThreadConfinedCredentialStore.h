// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/CredentialStore.h"

#include <QPointer>

namespace fumi::account {

// A CredentialStore that may be called from any thread and uses the one it wraps only on the
// thread of `home`.
//
// The keychain library keeps process-wide state (one job queue) that is not safe to use from
// two threads at once; with one AccountEngine per thread, two accounts connecting at the same
// moment would do just that. Each call is queued to `home`'s thread, and its answer queued
// back to the caller's `context`, so the rules of CredentialStore still hold for the caller.
class ThreadConfinedCredentialStore : public CredentialStore
{
public:
    // `inner` must outlive this object; `home` should live as long as any call is under way
    // (calls made after it is gone are answered with Error::Other).
    ThreadConfinedCredentialStore(CredentialStore &inner, QObject &home);

    void read(const QString &accountId, Secret secret, QObject *context, Callback callback) override;
    void write(const QString &accountId, Secret secret, const QString &value, QObject *context,
               Callback callback) override;
    void remove(const QString &accountId, Secret secret, QObject *context, Callback callback) override;

private:
    // Runs `call` on the home thread with a callback that answers on `context`'s thread.
    void forward(QObject *context, Callback callback,
                 std::function<void(CredentialStore &inner, QObject *homeContext, Callback answer)> call);

    CredentialStore &m_inner;
    QPointer<QObject> m_home;
};

} // namespace fumi::account
