// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QObject>
#include <QPointer>
#include <QString>

#include <functional>

namespace fumi::account {

// Where an account's secrets live: its password, or its OAuth2 refresh token. Never a file of
// Fumi's; the real implementation is the system keychain (KeychainCredentialStore), and tests
// use an in-memory one.
//
// Every call is asynchronous, because a keychain may ask the user to unlock it. The callback
// runs on the caller's thread, later, never inside the call, and only while `context` lives.
class CredentialStore
{
public:
    enum class Secret { Password, OAuthRefreshToken };

    enum class Error {
        None,
        NotFound,     // nothing stored for this account
        NoKeychain,   // no keychain service is reachable (no Secret Service on the session bus...)
        AccessDenied, // the user refused, or the keychain stayed locked
        Other,
    };

    struct Result {
        Error error = Error::None;
        QString message; // for the user: what failed and, for NoKeychain, what is missing
        QString value;   // read(): the secret
        [[nodiscard]] bool ok() const { return error == Error::None; }
    };
    using Callback = std::function<void(const Result &)>;

    virtual ~CredentialStore() = default;

    virtual void read(const QString &accountId, Secret secret, QObject *context, Callback callback) = 0;
    virtual void write(const QString &accountId, Secret secret, const QString &value, QObject *context,
                       Callback callback)
        = 0;
    // Removing what is not there succeeds: after remove() nothing is stored, which is what was asked.
    virtual void remove(const QString &accountId, Secret secret, QObject *context, Callback callback) = 0;

    // The key a secret is stored under: stable, made of the account id, never of its name.
    [[nodiscard]] static QString key(const QString &accountId, Secret secret)
    {
        return accountId
            + (secret == Secret::Password ? QStringLiteral("/password") : QStringLiteral("/oauth-refresh-token"));
    }
};

} // namespace fumi::account
