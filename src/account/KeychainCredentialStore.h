// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/CredentialStore.h"

#include <qt6keychain/keychain.h>

namespace fumi::account {

// The system keychain through QtKeychain: on Linux the Secret Service (GNOME Keyring, KeePassXC…)
// or KWallet on the D-Bus session bus, on macOS the Keychain, on Windows the Credential Manager.
// Each secret is one entry of the keychain, named by the service ("fumi") and CredentialStore::key().
//
// There is no plaintext fallback, ever: when no keychain is reachable every call fails with
// NoKeychain and a message that says what is missing. (QtKeychain would otherwise write the secret
// into a settings file when it cannot reach KWallet.)
//
// Use it from the thread that runs the application's event loop: QtKeychain's jobs, and on Linux
// libsecret's GLib callbacks, are driven by that loop. Jobs still running when the store is
// destroyed finish on their own and answer as usual.
class KeychainCredentialStore : public CredentialStore
{
public:
    explicit KeychainCredentialStore(QString service = QStringLiteral("fumi"));

    [[nodiscard]] QString service() const { return m_service; }

    void read(const QString &accountId, Secret secret, QObject *context, Callback callback) override;
    void write(const QString &accountId, Secret secret, const QString &value, QObject *context,
               Callback callback) override;
    void remove(const QString &accountId, Secret secret, QObject *context, Callback callback) override;

    // How a finished QtKeychain job's error becomes a Result (without a value). QtKeychain reports
    // a missing D-Bus or Secret Service only as text (libsecret's errors reach it as OtherError),
    // so that text is recognised too; for a job that failed with `keychainMessage`.
    [[nodiscard]] static Result resultOf(QKeychain::Error error, const QString &keychainMessage, Secret secret);

private:
    QString m_service;
};

} // namespace fumi::account
