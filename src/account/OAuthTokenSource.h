// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/CredentialStore.h"
#include "account/OAuthProvider.h"

#include <QDateTime>
#include <QObject>
#include <QPointer>
#include <QString>

#include <chrono>
#include <functional>
#include <vector>

class QNetworkAccessManager;
class QNetworkReply;

namespace fumi::account {

struct OAuthTokenResponse;

// Access tokens for one OAuth2 account, for IMAP and SMTP to authenticate with (XOAUTH2 or
// OAUTHBEARER).
//
// An access token lives about an hour; the refresh token in the keychain (put there by
// OAuthSignIn) buys new ones from the provider's token endpoint (RFC 6749 section 6). The
// token is handed out while it has more than the expiry lead (a minute) left, so it does not
// expire between being handed out and being used; otherwise it is refreshed. Callers asking
// while a refresh is under way share it.
//
// The server is the final judge: when it refuses a token, rejected() drops it and refreshes
// once more (the token may have been revoked early, or the clock may be off). A token refused
// again straight after that means the grant itself no longer works, and so does a refresh
// token the provider calls invalid (invalid_grant, after a password change or a revocation),
// or having none: the user must sign in again, which signInRequired() announces and which no
// password can replace. Network trouble is not such a case: it is reported as an error and the
// next call tries again.
//
// Callbacks run later, from the event loop, never inside the call, and only while their
// context object lives.
class OAuthTokenSource : public QObject
{
    Q_OBJECT

public:
    // `credentials` must outlive this object.
    OAuthTokenSource(OAuthProvider provider, CredentialStore *credentials, QString accountId,
                     QObject *parent = nullptr);
    ~OAuthTokenSource() override;

    struct Token {
        QString accessToken;
        QString error;               // for the user; set when accessToken is empty
        bool signInRequired = false; // the error can only be cured by OAuthSignIn
    };
    using Callback = std::function<void(const Token &)>;
    using Clock = std::function<QDateTime()>;

    // A valid access token: the cached one while it has more than the expiry lead left, else a
    // fresh one from the refresh token in the keychain (a rotated refresh token is saved back).
    void accessToken(QObject *context, Callback callback);
    // The server refused the last token (IMAP AUTHENTICATE failed): drop it and refresh once
    // more; refused again right after that -> signInRequired.
    void rejected(QObject *context, Callback callback);
    // The same, naming the refused token: a token already replaced by a newer one (another
    // connection reported it first) is not counted again; the caller gets the newer one.
    void rejected(const QString &refusedToken, QObject *context, Callback callback);
    // The server took the token: the one-retry rule starts over.
    void accepted();

    // For tests and tuning. The clock gives the current time (UTC); the lead is how long before
    // its expiry a token is no longer handed out; the timeout bounds one token request.
    void setClock(Clock clock);
    void setExpiryLead(std::chrono::seconds lead);
    void setRequestTimeout(std::chrono::milliseconds timeout);
    // Token requests go through `manager` instead of one of this object's own.
    void setNetworkAccessManager(QNetworkAccessManager *manager);

    // When the cached access token expires; invalid when there is none or its lifetime is unknown.
    [[nodiscard]] QDateTime expiry() const { return m_expiry; }

Q_SIGNALS:
    void signInRequired(const QString &reason); // invalid_grant, no refresh token, or refused twice

private:
    struct Waiter {
        QPointer<QObject> context;
        Callback callback;
    };
    enum class Retry {
        None,       // no refused token since the last accepted one
        Refreshing, // a token was refused; the one refresh that answers it is under way
        Used,       // that refresh was made: another refusal means signing in again
    };

    [[nodiscard]] bool hasValidToken() const;
    void deliverLater(QObject *context, Callback callback, Token token);
    void wait(QObject *context, Callback callback);
    void refresh();
    void onRefreshTokenRead(const CredentialStore::Result &result);
    void postRefresh(const QString &refreshToken);
    void onReply(QNetworkReply *reply, const QString &usedRefreshToken);
    void onTokens(const OAuthTokenResponse &response, const QString &usedRefreshToken);
    void answerAll(const Token &token);
    void requireSignIn(const QString &reason);
    [[nodiscard]] QString providerName() const;

    OAuthProvider m_provider;
    CredentialStore *m_credentials;
    QString m_accountId;
    Clock m_clock;
    std::chrono::seconds m_expiryLead{60};
    std::chrono::milliseconds m_requestTimeout{30000};
    QPointer<QNetworkAccessManager> m_manager;

    QString m_token;
    QDateTime m_expiry;
    // A rotated refresh token the keychain refused to store: used for the next refresh, so the
    // account keeps working, and offered to the keychain again then.
    QString m_unsavedRefreshToken;
    Retry m_retry = Retry::None;
    bool m_refreshing = false;
    std::vector<Waiter> m_waiters;
};

} // namespace fumi::account
