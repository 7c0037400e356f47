// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/AccountConnector.h"

#include "account/CredentialStore.h"
#include "account/OAuthTokenSource.h"
#include "account/PasswordCommand.h"
#include "engine/Logging.h"

namespace fumi::engine {

using account::Authentication;

AccountConnector::AccountConnector(account::Account account, imap::ConnectionSettings settings,
                                   account::CredentialStore *credentials, TrustStorePolicy *policy,
                                   account::OAuthTokenSource *tokens, QObject *parent)
    : QObject(parent)
    , m_account(std::move(account))
    , m_settings(std::move(settings))
    , m_credentials(credentials)
    , m_policy(policy)
    , m_tokens(tokens)
{
}

AccountConnector::~AccountConnector() = default;

imap::ConnectionSettings AccountConnector::settingsFor(const account::Account &account)
{
    imap::ConnectionSettings settings;
    settings.host = account.imap.host;
    settings.port = account.imap.port;
    switch (account.imap.security) {
    case account::Security::Tls:
        settings.security = imap::ConnectionSettings::Security::ImplicitTls;
        break;
    case account::Security::StartTls:
        settings.security = imap::ConnectionSettings::Security::StartTls;
        break;
    case account::Security::Plain:
        settings.security = imap::ConnectionSettings::Security::Plain;
        break;
    }
    return settings;
}

void AccountConnector::start()
{
    open();
}

std::unique_ptr<imap::Connection> AccountConnector::takeConnection()
{
    if (m_connection)
        m_connection->disconnect(this);
    return std::move(m_connection);
}

void AccountConnector::open()
{
    if (m_connection) {
        m_connection->disconnect(this);
        // A failed connection is finished with; it goes once control is back in the event loop.
        m_connection.release()->deleteLater();
    }
    m_connection = std::make_unique<imap::Connection>(m_settings, m_policy);
    connect(m_connection.get(), &imap::Connection::ready, this, &AccountConnector::onReady);
    connect(m_connection.get(), &imap::Connection::failed, this, &AccountConnector::onConnectionFailed);
    connect(m_connection.get(), &imap::Connection::authenticated, this, [this] {
        if (m_tokens)
            m_tokens->accepted();
        m_done = true;
        Q_EMIT connected();
    });
    m_connection->open();
}

void AccountConnector::onReady()
{
    const Authentication &authentication = m_account.authentication;
    switch (authentication.method) {
    case Authentication::Method::Password:
        m_credentials->read(m_account.id, account::CredentialStore::Secret::Password, this,
                            [this](const account::CredentialStore::Result &result) {
                                if (result.ok()) {
                                    logIn(result.value);
                                } else if (result.error == account::CredentialStore::Error::NotFound) {
                                    fail(
                                        Error::NoSecret,
                                        tr("No password is stored for the account \"%1\".").arg(m_account.displayName));
                                } else {
                                    fail(Error::Keychain, result.message);
                                }
                            });
        return;
    case Authentication::Method::PasswordCommand:
        account::PasswordCommand(authentication.passwordCommand)
            .run(this, [this](const account::PasswordCommand::Result &result) {
                if (result.ok())
                    logIn(result.password);
                else
                    fail(Error::PasswordCommand, result.message);
            });
        return;
    case Authentication::Method::OAuth2:
        if (!m_tokens) {
            fail(Error::SignInRequired,
                 tr("The account \"%1\" signs in with OAuth2, but its provider \"%2\" is unknown.")
                     .arg(m_account.displayName, authentication.oauthProvider));
            return;
        }
        m_tokens->accessToken(this, [this](const account::OAuthTokenSource::Token &token) {
            if (!token.accessToken.isEmpty())
                logIn(token.accessToken);
            else
                fail(token.signInRequired ? Error::SignInRequired : Error::AuthenticationFailed, token.error);
        });
        return;
    }
}

void AccountConnector::logIn(const QString &secret)
{
    if (!m_connection || m_done)
        return;
    if (m_account.authentication.method == Authentication::Method::OAuth2) {
        m_token = secret;
        m_connection->loginWithToken(m_account.login, secret);
    } else {
        m_connection->login(m_account.login, secret);
    }
}

void AccountConnector::onConnectionFailed(imap::Connection::Error error, const QString &message)
{
    using E = imap::Connection::Error;
    switch (error) {
    case E::UntrustedCertificate: {
        m_refusal = m_policy ? m_policy->lastRefusal() : std::nullopt;
        if (m_refusal && m_refusal->decision == account::TrustStore::Decision::Changed) {
            fail(Error::CertificateChanged,
                 tr("The certificate of %1 has changed since you trusted it. It may have been renewed, or someone may "
                    "be intercepting the connection.")
                     .arg(account::formatHostAndPort(m_settings.host, m_settings.port)));
        } else {
            fail(Error::UntrustedCertificate, message);
        }
        return;
    }
    case E::AuthenticationFailed:
        if (m_account.authentication.method == Authentication::Method::OAuth2 && m_tokens && !m_tokenRetried) {
            // The token may have been revoked or expired early: one fresh token, one more try.
            m_tokenRetried = true;
            m_tokens->rejected(m_token, this, [this](const account::OAuthTokenSource::Token &token) {
                if (token.accessToken.isEmpty()) {
                    fail(token.signInRequired ? Error::SignInRequired : Error::AuthenticationFailed, token.error);
                    return;
                }
                open();
            });
            return;
        }
        if (m_account.authentication.method == Authentication::Method::OAuth2 && m_tokens) {
            m_tokens->rejected(m_token, this, [](const account::OAuthTokenSource::Token &) {});
            fail(Error::SignInRequired,
                 tr("The server refused a fresh access token too: please sign in again. (%1)").arg(message));
            return;
        }
        fail(Error::AuthenticationFailed, message);
        return;
    case E::Network:
        fail(Error::Network, message);
        return;
    case E::Timeout:
        fail(Error::Timeout, message);
        return;
    case E::Tls:
        fail(Error::Tls, message);
        return;
    case E::SecurityRequirement:
    case E::LoginDisabled:
        fail(Error::SecurityRequirement, message);
        return;
    case E::Protocol:
        fail(Error::Protocol, message);
        return;
    case E::Bye:
        fail(Error::Bye, message);
        return;
    }
}

void AccountConnector::fail(Error error, const QString &message)
{
    if (m_done)
        return;
    m_done = true;
    qCInfo(lcEngine).noquote() << "connecting" << m_account.displayName << "failed:" << message;
    Q_EMIT failed(error, message);
}

} // namespace fumi::engine
