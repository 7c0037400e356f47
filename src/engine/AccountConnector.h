// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/Account.h"
#include "engine/TrustStorePolicy.h"
#include "imap/Connection.h"

#include <QObject>

#include <memory>

namespace fumi::account {
class CredentialStore;
class OAuthTokenSource;
} // namespace fumi::account

namespace fumi::engine {

// Opens one authenticated IMAP connection for an account.
//
// The order matters for security: the connection is secured and the server's certificate
// judged (system trust, then the user's exceptions) before any secret is fetched, so a server
// that is not trusted never makes Fumi run a password command or unlock the keychain. Then the
// secret comes from where the account says: the keychain (a password), a password command run
// now, or an OAuth2 access token. An OAuth2 account never falls back to a password: when the
// server refuses its token, the token source refreshes it once and the login is tried again on
// a new connection; refused again, the user must sign in again.
class AccountConnector : public QObject
{
    Q_OBJECT
public:
    enum class Error {
        Network,
        Timeout,
        Tls,
        UntrustedCertificate, // never trusted: refusal() has the certificate to show
        CertificateChanged,   // another certificate was trusted for this host and port
        SecurityRequirement,
        Protocol,
        NoSecret, // nothing in the keychain for this account
        Keychain, // the keychain could not be reached or refused
        PasswordCommand,
        AuthenticationFailed,
        SignInRequired, // OAuth2: the user must sign in again
        Bye,
    };
    Q_ENUM(Error)

    // `credentials`, `policy` and `tokens` (for OAuth2 accounts; may be null otherwise) must
    // outlive this object and the connection it makes.
    AccountConnector(account::Account account, imap::ConnectionSettings settings, account::CredentialStore *credentials,
                     TrustStorePolicy *policy, account::OAuthTokenSource *tokens, QObject *parent = nullptr);
    ~AccountConnector() override;

    // The connection settings of an account's IMAP server, with Fumi's defaults for the rest.
    [[nodiscard]] static imap::ConnectionSettings settingsFor(const account::Account &account);

    // Connects and logs in: connected() or failed(), once.
    void start();
    // After connected(): the authenticated connection, now the caller's.
    [[nodiscard]] std::unique_ptr<imap::Connection> takeConnection();
    // After UntrustedCertificate or CertificateChanged: what the server presented.
    [[nodiscard]] const std::optional<TrustStorePolicy::Refusal> &refusal() const { return m_refusal; }

Q_SIGNALS:
    void connected();
    void failed(fumi::engine::AccountConnector::Error error, const QString &message);

private:
    void open();
    void onReady();
    void logIn(const QString &secret);
    void onConnectionFailed(imap::Connection::Error error, const QString &message);
    void fail(Error error, const QString &message);

    account::Account m_account;
    imap::ConnectionSettings m_settings;
    account::CredentialStore *m_credentials;
    TrustStorePolicy *m_policy;
    account::OAuthTokenSource *m_tokens;
    std::unique_ptr<imap::Connection> m_connection;
    std::optional<TrustStorePolicy::Refusal> m_refusal;
    QString m_token; // OAuth2: the access token being tried
    bool m_tokenRetried = false;
    bool m_done = false;
};

} // namespace fumi::engine
