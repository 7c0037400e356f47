// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/OAuthSignIn.h"

#include "account/Logging.h"
#include "account/OAuthLoopbackReplyHandler.h"

#include <QNetworkAccessManager>
#include <QOAuth2AuthorizationCodeFlow>

using namespace Qt::StringLiterals;

namespace fumi::account {

namespace {

// Query values of the redirect as Qt's reply handler hands them on: still form-encoded.
QString decodeQueryValue(const QVariant &value)
{
    QByteArray bytes = value.toString().toUtf8();
    bytes.replace('+', ' ');
    return QString::fromUtf8(QByteArray::fromPercentEncoding(bytes));
}

} // namespace

OAuthSignIn::OAuthSignIn(OAuthProvider provider, CredentialStore *credentials, QString accountId, QString loginHint,
                         QObject *parent)
    : QObject(parent)
    , m_provider(std::move(provider))
    , m_credentials(credentials)
    , m_accountId(std::move(accountId))
    , m_loginHint(std::move(loginHint))
{
}

OAuthSignIn::~OAuthSignIn() = default;

QUrl OAuthSignIn::redirectUri() const
{
    return m_redirectUri;
}

void OAuthSignIn::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    m_manager = manager;
}

void OAuthSignIn::start()
{
    if (m_started) {
        qCWarning(lcAccount).noquote() << "OAuth2 sign-in for account" << m_accountId << "was started twice";
        return;
    }
    m_started = true;

    if (const QStringList problems = validate(m_provider); !problems.isEmpty()) {
        failLater(problems.join(u' '));
        return;
    }
    if (!m_credentials) {
        failLater(u"There is no keychain to keep the sign-in in."_s);
        return;
    }

    m_handler = new OAuthLoopbackReplyHandler(this);
    if (!m_handler->isListening()) {
        failLater(u"Fumi could not listen on 127.0.0.1 for the answer of the sign-in page."_s);
        return;
    }
    m_redirectUri = QUrl(m_handler->callback());
    if (!m_manager)
        m_manager = new QNetworkAccessManager(this);

    m_flow = new QOAuth2AuthorizationCodeFlow(m_manager, this);
    m_flow->setAuthorizationUrl(m_provider.authorizationUrl);
    m_flow->setAccessTokenUrl(m_provider.tokenUrl);
    m_flow->setClientIdentifier(m_provider.clientId);
    m_flow->setClientIdentifierSharedKey(m_provider.clientSecret);
    m_flow->setScope(m_provider.scopes.join(u' '));
    m_flow->setPkceMethod(QOAuth2AuthorizationCodeFlow::PkceMethod::S256);
    m_flow->setReplyHandler(m_handler);
    m_flow->setModifyParametersFunction([extra = m_provider.authorizationParameters, hint = m_loginHint](
                                            QAbstractOAuth::Stage stage, QMultiMap<QString, QVariant> *parameters) {
        if (stage != QAbstractOAuth::Stage::RequestingAuthorization)
            return;
        for (auto it = extra.cbegin(); it != extra.cend(); ++it) {
            if (!isReservedAuthorizationParameter(it.key()))
                parameters->replace(it.key(), it.value());
        }
        if (!hint.isEmpty())
            parameters->replace(u"login_hint"_s, hint);
    });

    // Connected before grant(), so these run before the flow's own handling of the same
    // signals: the redirect is judged here first, with messages a user can act on.
    connect(m_handler, &QAbstractOAuthReplyHandler::tokenRequestErrorOccurred, this,
            [this](QAbstractOAuth::Error, const QString &message) {
                m_tokenError = message;
            });
    connect(m_flow, &QAbstractOAuth2::authorizationCallbackReceived, this, &OAuthSignIn::onCallback);
    connect(m_flow, &QAbstractOAuth::authorizeWithBrowser, this, &OAuthSignIn::openBrowser);
    connect(m_flow, &QAbstractOAuth::granted, this, &OAuthSignIn::onGranted);
    connect(m_flow, &QAbstractOAuth::requestFailed, this, &OAuthSignIn::onRequestFailed);

    qCInfo(lcAccount).noquote() << "OAuth2 sign-in for account" << m_accountId << "with" << m_provider.id
                                << "waits for the browser at" << m_handler->callback();
    m_flow->grant();
}

void OAuthSignIn::cancel()
{
    if (m_finished)
        return;
    m_started = true;
    failLater(u"The sign-in was cancelled."_s);
}

void OAuthSignIn::onCallback(const QVariantMap &values)
{
    if (m_finished)
        return;
    // Runs while Qt's handler is answering the browser, before it writes the page: a failure
    // found here is what the page says.
    const auto failOnPage = [this](const QString &error) {
        m_handler->setCallbackText(u"<p>The sign-in did not work.</p><p>"_s + error.toHtmlEscaped()
                                   + u"</p><p>You can close this page.</p>"_s);
        finish(error);
    };
    const QString name = providerName();
    const QString error = decodeQueryValue(values.value(u"error"_s));
    if (!error.isEmpty()) {
        if (error == u"access_denied") {
            failOnPage(u"The sign-in with %1 was declined in the browser."_s.arg(name));
            return;
        }
        const QString description = decodeQueryValue(values.value(u"error_description"_s)).left(300);
        failOnPage(description.isEmpty()
                       ? u"%1 refused the sign-in: %2."_s.arg(name, error.left(100))
                       : u"%1 refused the sign-in: %2 (%3)."_s.arg(name, error.left(100), description));
        return;
    }
    // RFC 6749 section 10.12: an answer that does not carry our state may be forged by a page
    // that sends the browser to our port with a code of its own choosing.
    if (decodeQueryValue(values.value(u"state"_s)) != m_flow->state()) {
        failOnPage(u"The answer to the sign-in did not belong to the sign-in Fumi started, so it was refused. "
                   u"Please sign in again."_s);
        return;
    }
    if (values.value(u"code"_s).toString().isEmpty())
        failOnPage(u"%1 sent no authorization code."_s.arg(name));
}

void OAuthSignIn::onGranted()
{
    if (m_finished)
        return;
    const QString refreshToken = m_flow->refreshToken();
    // Nothing but the refresh token is kept, and that only in the keychain.
    m_flow->setToken({});
    m_flow->setRefreshToken({});
    if (refreshToken.isEmpty()) {
        finish(u"%1 allowed the sign-in but gave no refresh token, so Fumi could not stay signed in."_s.arg(
            providerName()));
        return;
    }
    m_handler->close();
    m_credentials->write(m_accountId, CredentialStore::Secret::OAuthRefreshToken, refreshToken, this,
                         [this](const CredentialStore::Result &result) {
                             if (result.ok())
                                 finish({});
                             else
                                 finish(
                                     u"The sign-in worked, but the keychain did not keep it: %1"_s.arg(result.message));
                         });
}

void OAuthSignIn::onRequestFailed()
{
    if (m_finished)
        return;
    finish(m_tokenError.isEmpty() ? u"The sign-in with %1 failed."_s.arg(providerName()) : m_tokenError);
}

QString OAuthSignIn::providerName() const
{
    return m_provider.displayName.isEmpty() ? m_provider.id : m_provider.displayName;
}

void OAuthSignIn::finish(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_handler)
        m_handler->close();
    if (error.isEmpty()) {
        qCInfo(lcAccount).noquote() << "OAuth2 sign-in for account" << m_accountId << "succeeded";
        Q_EMIT succeeded();
    } else {
        qCInfo(lcAccount).noquote() << "OAuth2 sign-in for account" << m_accountId << "failed:" << error;
        Q_EMIT failed(error);
    }
}

void OAuthSignIn::failLater(const QString &error)
{
    if (m_finished)
        return;
    m_finished = true;
    if (m_handler)
        m_handler->close();
    qCInfo(lcAccount).noquote() << "OAuth2 sign-in for account" << m_accountId << "failed:" << error;
    QMetaObject::invokeMethod(
        this,
        [this, error] {
            Q_EMIT failed(error);
        },
        Qt::QueuedConnection);
}

} // namespace fumi::account
