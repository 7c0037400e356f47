// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/CredentialStore.h"
#include "account/OAuthProvider.h"

#include <QObject>
#include <QPointer>
#include <QString>
#include <QUrl>

class QNetworkAccessManager;
class QOAuth2AuthorizationCodeFlow;

namespace fumi::account {

class OAuthLoopbackReplyHandler;

// One interactive OAuth2 sign-in: the authorization code grant with PKCE (S256) and a loopback
// redirect, as RFC 8252 asks of native apps.
//
// start() listens on 127.0.0.1 and a free port and emits openBrowser() with the provider's
// sign-in page; the caller shows it in the system browser (never an embedded view, whose
// password field the app could read) or prints it. When the user consents, the browser is sent
// back to the loopback port with a one-time code, which is exchanged, with the PKCE verifier,
// for tokens. Only the refresh token is kept: it goes to the keychain under the account id,
// and succeeded() says it is there. Access tokens come later from OAuthTokenSource.
//
// Exactly one of succeeded() or failed() is emitted, always from the event loop, never from
// inside start(). The loopback port is closed as soon as either is emitted.
class OAuthSignIn : public QObject
{
    Q_OBJECT

public:
    // `credentials` must outlive this object.
    OAuthSignIn(OAuthProvider provider, CredentialStore *credentials, QString accountId, QString loginHint,
                QObject *parent = nullptr);
    ~OAuthSignIn() override;

    // Listens on loopback, then emits openBrowser before it returns (so connect to it first).
    // Call once. Until the browser comes back, cancel() or destroying this object ends it.
    void start();
    // Gives up (the user closed the dialog): emits failed() unless the sign-in already ended.
    void cancel();

    // http://127.0.0.1:<port>/ once start() listened; empty before, or when listening failed.
    [[nodiscard]] QUrl redirectUri() const;
    // Token requests go through `manager` instead of one of this object's own. Before start().
    void setNetworkAccessManager(QNetworkAccessManager *manager);

Q_SIGNALS:
    void openBrowser(const QUrl &url); // the caller opens the system browser (GUI) or prints it (CLI)
    void succeeded();                  // the refresh token is in the keychain
    void failed(const QString &message);

private:
    void onCallback(const QVariantMap &values);
    void onGranted();
    void onRequestFailed();
    void finish(const QString &error); // empty: success
    void failLater(const QString &error);
    [[nodiscard]] QString providerName() const;

    OAuthProvider m_provider;
    CredentialStore *m_credentials;
    QString m_accountId;
    QString m_loginHint;
    QUrl m_redirectUri;
    QPointer<QNetworkAccessManager> m_manager;
    QOAuth2AuthorizationCodeFlow *m_flow = nullptr;
    OAuthLoopbackReplyHandler *m_handler = nullptr;
    QString m_tokenError; // the last token request failure the reply handler reported
    bool m_started = false;
    bool m_finished = false;
};

} // namespace fumi::account
