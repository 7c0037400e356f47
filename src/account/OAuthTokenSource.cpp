// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/OAuthTokenSource.h"

#include "account/Logging.h"
#include "account/OAuthTokenResponse.h"

#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QUrl>

using namespace Qt::StringLiterals;

namespace fumi::account {

namespace {

// application/x-www-form-urlencoded with every reserved character escaped, '+' included,
// which QUrlQuery would leave standing for a space.
QByteArray formEncode(const QList<std::pair<QString, QString>> &fields)
{
    QByteArray body;
    for (const auto &[key, value] : fields) {
        if (!body.isEmpty())
            body += '&';
        body += QUrl::toPercentEncoding(key) + '=' + QUrl::toPercentEncoding(value);
    }
    return body;
}

} // namespace

OAuthTokenSource::OAuthTokenSource(OAuthProvider provider, CredentialStore *credentials, QString accountId,
                                   QObject *parent)
    : QObject(parent)
    , m_provider(std::move(provider))
    , m_credentials(credentials)
    , m_accountId(std::move(accountId))
    , m_clock([] {
        return QDateTime::currentDateTimeUtc();
    })
{
}

OAuthTokenSource::~OAuthTokenSource() = default;

void OAuthTokenSource::setClock(Clock clock)
{
    m_clock = std::move(clock);
}

void OAuthTokenSource::setExpiryLead(std::chrono::seconds lead)
{
    m_expiryLead = lead;
}

void OAuthTokenSource::setRequestTimeout(std::chrono::milliseconds timeout)
{
    m_requestTimeout = timeout;
}

void OAuthTokenSource::setNetworkAccessManager(QNetworkAccessManager *manager)
{
    m_manager = manager;
}

void OAuthTokenSource::accessToken(QObject *context, Callback callback)
{
    if (!m_refreshing && hasValidToken()) {
        deliverLater(context, std::move(callback), {m_token, {}, false});
        return;
    }
    wait(context, std::move(callback));
}

void OAuthTokenSource::rejected(QObject *context, Callback callback)
{
    rejected(QString(), context, std::move(callback));
}

void OAuthTokenSource::rejected(const QString &refusedToken, QObject *context, Callback callback)
{
    if (!refusedToken.isEmpty() && refusedToken != m_token) {
        accessToken(context, std::move(callback));
        return;
    }
    switch (m_retry) {
    case Retry::Refreshing:
        wait(context, std::move(callback));
        return;
    case Retry::Used: {
        m_token.clear();
        m_expiry = {};
        const QString reason
            = u"%1 refused a freshly refreshed access token. Please sign in again."_s.arg(providerName());
        qCWarning(lcAccount).noquote() << "OAuth2 account" << m_accountId << "needs a new sign-in:" << reason;
        deliverLater(context, std::move(callback), {{}, reason, true});
        QMetaObject::invokeMethod(
            this,
            [this, reason] {
                Q_EMIT signInRequired(reason);
            },
            Qt::QueuedConnection);
        return;
    }
    case Retry::None:
        qCInfo(lcAccount).noquote() << "The server refused the access token of account" << m_accountId
                                    << "- refreshing it once";
        m_retry = Retry::Refreshing;
        m_token.clear();
        m_expiry = {};
        wait(context, std::move(callback));
        return;
    }
}

void OAuthTokenSource::accepted()
{
    // While a refusal is still being answered, an older token that worked elsewhere says
    // nothing about the new one.
    if (m_retry != Retry::Refreshing)
        m_retry = Retry::None;
}

bool OAuthTokenSource::hasValidToken() const
{
    if (m_token.isEmpty())
        return false;
    if (!m_expiry.isValid())
        return true; // the server gave no lifetime: good until it refuses the token
    const qint64 left = m_clock().msecsTo(m_expiry);
    return left > std::chrono::duration_cast<std::chrono::milliseconds>(m_expiryLead).count();
}

void OAuthTokenSource::deliverLater(QObject *context, Callback callback, Token token)
{
    if (!context)
        return;
    QMetaObject::invokeMethod(
        context,
        [callback = std::move(callback), token = std::move(token)] {
            callback(token);
        },
        Qt::QueuedConnection);
}

void OAuthTokenSource::wait(QObject *context, Callback callback)
{
    m_waiters.push_back({context, std::move(callback)});
    if (!m_refreshing)
        refresh();
}

void OAuthTokenSource::refresh()
{
    m_refreshing = true;
    if (const QStringList problems = validate(m_provider); !problems.isEmpty()) {
        answerAll({{}, problems.join(u' '), false});
        return;
    }
    if (!m_credentials) {
        answerAll({{}, u"There is no keychain to read the sign-in from."_s, false});
        return;
    }
    if (!m_unsavedRefreshToken.isEmpty()) {
        postRefresh(m_unsavedRefreshToken);
        return;
    }
    m_credentials->read(m_accountId, CredentialStore::Secret::OAuthRefreshToken, this,
                        [this](const CredentialStore::Result &result) {
                            onRefreshTokenRead(result);
                        });
}

void OAuthTokenSource::onRefreshTokenRead(const CredentialStore::Result &result)
{
    if (result.error == CredentialStore::Error::NotFound || (result.ok() && result.value.isEmpty())) {
        requireSignIn(u"Fumi holds no sign-in for this %1 account. Please sign in."_s.arg(providerName()));
        return;
    }
    if (!result.ok()) {
        const QString message = u"The keychain could not be read: %1"_s.arg(result.message);
        qCWarning(lcAccount).noquote() << "No access token for account" << m_accountId << ":" << message;
        answerAll({{}, message, false});
        return;
    }
    postRefresh(result.value);
}

void OAuthTokenSource::postRefresh(const QString &refreshToken)
{
    if (!m_manager)
        m_manager = new QNetworkAccessManager(this);

    QList<std::pair<QString, QString>> fields{
        {u"grant_type"_s, u"refresh_token"_s},
        {u"refresh_token"_s, refreshToken},
        {u"client_id"_s, m_provider.clientId},
    };
    if (!m_provider.clientSecret.isEmpty())
        fields.push_back({u"client_secret"_s, m_provider.clientSecret});
    // RFC 6749 section 6 makes the scope optional, but Microsoft's endpoint wants it.
    if (!m_provider.scopes.isEmpty())
        fields.push_back({u"scope"_s, m_provider.scopes.join(u' ')});

    QNetworkRequest request(m_provider.tokenUrl);
    request.setHeader(QNetworkRequest::ContentTypeHeader, u"application/x-www-form-urlencoded"_s);
    request.setRawHeader("Accept", "application/json");
    // A redirect would carry the refresh token to wherever it points.
    request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
    request.setTransferTimeout(m_requestTimeout);

    qCDebug(lcAccount).noquote() << "Refreshing the access token of account" << m_accountId;
    QNetworkReply *reply = m_manager->post(request, formEncode(fields));
    // Owned here, so that destroying this object aborts a request still under way.
    reply->setParent(this);
    connect(reply, &QNetworkReply::finished, this, [this, reply, refreshToken] {
        onReply(reply, refreshToken);
    });
}

void OAuthTokenSource::onReply(QNetworkReply *reply, const QString &usedRefreshToken)
{
    reply->deleteLater();
    const OAuthTokenResponse response = OAuthTokenResponse::fromReply(reply);
    switch (response.outcome) {
    case OAuthTokenResponse::Outcome::Tokens:
        onTokens(response, usedRefreshToken);
        return;
    case OAuthTokenResponse::Outcome::OAuthError:
        if (response.isInvalidGrant()) {
            if (m_unsavedRefreshToken == usedRefreshToken)
                m_unsavedRefreshToken.clear();
            const QString why = response.errorDescription.isEmpty()
                ? response.errorCode
                : QString(response.errorCode + u": "_s + response.errorDescription);
            requireSignIn(u"%1 no longer accepts the sign-in of this account (%2). Please sign in again."_s.arg(
                providerName(), why));
            return;
        }
        break;
    case OAuthTokenResponse::Outcome::Unreachable:
        break;
    }
    qCWarning(lcAccount).noquote() << "No access token for account" << m_accountId << ":" << response.message;
    if (m_retry == Retry::Refreshing)
        m_retry = Retry::None;
    answerAll({{}, response.message, false});
}

void OAuthTokenSource::onTokens(const OAuthTokenResponse &response, const QString &usedRefreshToken)
{
    m_token = response.accessToken;
    m_expiry = response.expiresIn ? m_clock().addSecs(*response.expiresIn) : QDateTime();
    if (m_retry == Retry::Refreshing)
        m_retry = Retry::Used;
    const Token token{m_token, {}, false};

    // A provider that rotates refresh tokens has just made the stored one useless: the new
    // one must reach the keychain. If the keychain fails, it is kept here and offered again.
    const bool rotated = !response.refreshToken.isEmpty() && response.refreshToken != usedRefreshToken;
    const QString toSave = rotated ? response.refreshToken
                                   : (usedRefreshToken == m_unsavedRefreshToken ? m_unsavedRefreshToken : QString());
    if (toSave.isEmpty()) {
        answerAll(token);
        return;
    }
    m_unsavedRefreshToken = toSave;
    m_credentials->write(m_accountId, CredentialStore::Secret::OAuthRefreshToken, toSave, this,
                         [this, toSave, token](const CredentialStore::Result &result) {
                             if (result.ok()) {
                                 if (m_unsavedRefreshToken == toSave)
                                     m_unsavedRefreshToken.clear();
                             } else {
                                 qCWarning(lcAccount).noquote()
                                     << "The new refresh token of account" << m_accountId
                                     << "could not be saved, and is kept in memory until it can:" << result.message;
                             }
                             answerAll(token);
                         });
}

void OAuthTokenSource::answerAll(const Token &token)
{
    m_refreshing = false;
    std::vector<Waiter> waiters;
    waiters.swap(m_waiters);
    for (Waiter &waiter : waiters)
        deliverLater(waiter.context, std::move(waiter.callback), token);
}

void OAuthTokenSource::requireSignIn(const QString &reason)
{
    qCWarning(lcAccount).noquote() << "OAuth2 account" << m_accountId << "needs a new sign-in:" << reason;
    m_token.clear();
    m_expiry = {};
    if (m_retry == Retry::Refreshing)
        m_retry = Retry::None;
    answerAll({{}, reason, true});
    QMetaObject::invokeMethod(
        this,
        [this, reason] {
            Q_EMIT signInRequired(reason);
        },
        Qt::QueuedConnection);
}

QString OAuthTokenSource::providerName() const
{
    return m_provider.displayName.isEmpty() ? m_provider.id : m_provider.displayName;
}

} // namespace fumi::account
