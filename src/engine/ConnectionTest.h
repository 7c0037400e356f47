// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/Account.h"
#include "account/OAuthProvider.h"
#include "engine/AccountConnector.h"
#include "engine/TrustStorePolicy.h"

#include <QObject>
#include <QThread>

#include <memory>
#include <optional>

namespace fumi::account {
class CredentialStore;
class ThreadConfinedCredentialStore;
class TrustStore;
} // namespace fumi::account

namespace fumi::engine {

// One connection test of an account's IMAP settings, as the account wizard runs it: connect,
// judge the certificate, sign in, log out. The connection lives on a thread of its own, as an
// engine's do, so the caller's (GUI) thread never parses protocol data; the caller's
// credential store is used only on the caller's thread.
class ConnectionTest : public QObject
{
    Q_OBJECT

public:
    struct Outcome {
        bool ok = false;
        AccountConnector::Error error = AccountConnector::Error::Network; // when !ok
        QString message;                                                  // when !ok
        // After UntrustedCertificate or CertificateChanged: what the server presented.
        std::optional<TrustStorePolicy::Refusal> refusal;
        bool encrypted = false; // when ok
    };

    // `credentials` and `trust` must outlive this object; `oauth` is the provider of an OAuth2
    // account (its tokens come from `credentials`).
    ConnectionTest(account::Account account, account::CredentialStore &credentials, const account::TrustStore *trust,
                   std::optional<account::OAuthProvider> oauth, QObject *parent = nullptr);
    // Abandons a test still running: finished() does not come.
    ~ConnectionTest() override;

    // Starts the test; finished() follows once.
    void start();

Q_SIGNALS:
    void finished(const fumi::engine::ConnectionTest::Outcome &outcome);

private:
    account::Account m_account;
    std::unique_ptr<account::ThreadConfinedCredentialStore> m_credentials;
    const account::TrustStore *m_trust;
    std::optional<account::OAuthProvider> m_oauth;
    QThread m_thread;
};

} // namespace fumi::engine

Q_DECLARE_METATYPE(fumi::engine::ConnectionTest::Outcome)
