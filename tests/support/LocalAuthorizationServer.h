// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/OAuthProvider.h"

#include <QByteArray>
#include <QHash>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QString>
#include <QStringList>
#include <QUrl>

class QTcpServer;
class QTcpSocket;

namespace fumi::test {

// A small OAuth2 authorization server (RFC 6749, with PKCE of RFC 7636) on 127.0.0.1 and a free
// port, speaking just enough HTTP/1.1 for QNetworkAccessManager: one request per connection.
//
// GET /authorize checks the client id, response_type=code, a loopback redirect_uri, a state and
// an S256 code challenge, then "the user consents" (or declines, when consent is false) by
// answering 302 to redirect_uri?code=...&state=... A request with a bad client id or
// redirect_uri gets a 400 page and no redirect, as RFC 6749 section 4.1.2.1 demands.
//
// POST /token takes grant_type=authorization_code (the code once only, the same redirect_uri,
// and a code_verifier whose SHA-256 is the challenge) and grant_type=refresh_token (a refresh
// token this server issued and has not revoked; rotated when rotateRefreshTokens is set).
// Refusals are the JSON errors of RFC 6749 section 5.2 and are listed in errors.
class LocalAuthorizationServer : public QObject
{
    Q_OBJECT

public:
    explicit LocalAuthorizationServer(QObject *parent = nullptr);
    ~LocalAuthorizationServer() override;

    [[nodiscard]] bool start(); // listens on 127.0.0.1 and a free port
    [[nodiscard]] QUrl authorizationUrl() const;
    [[nodiscard]] QUrl tokenUrl() const;
    // A provider with this server's endpoints, client id, secret and scopes.
    [[nodiscard]] account::OAuthProvider provider() const;

    // A valid refresh token, as if the user had signed in before the test.
    [[nodiscard]] QString issueRefreshToken();
    // The user revoked the grant: the token now gets invalid_grant.
    void revoke(const QString &refreshToken);
    [[nodiscard]] bool isValidRefreshToken(const QString &token) const { return m_refreshTokens.contains(token); }
    [[nodiscard]] bool isIssuedAccessToken(const QString &token) const { return m_accessTokens.contains(token); }

    // What the server expects and does; set before the requests they affect.
    QString clientId = QStringLiteral("fumi-test-client");
    QString clientSecret; // when not empty, token requests must carry it as client_secret
    QStringList scopes{QStringLiteral("imap"), QStringLiteral("smtp")};
    bool consent = true;              // false: the user declines (error=access_denied)
    bool issueRefreshTokens = true;   // a code exchange returns a refresh token
    bool rotateRefreshTokens = false; // a refresh returns a new refresh token and revokes the old
    qint64 expiresIn = 3600;          // lifetime of access tokens, in seconds
    int unavailableTokenRequests = 0; // that many token requests are answered 503 first

    // What the server saw.
    int authorizationRequests = 0;
    int tokenRequests = 0;
    int codeExchanges = 0;                           // authorization codes exchanged for tokens
    int refreshes = 0;                               // refresh tokens exchanged for access tokens
    QStringList errors;                              // every refusal, with its reason
    QMap<QString, QString> lastAuthorizationRequest; // query items, decoded
    QMap<QString, QString> lastTokenRequest;         // form fields, decoded
    QString lastAccessToken;
    QString lastRefreshToken; // the last refresh token issued

private:
    struct PendingCode {
        QString challenge;
        QString redirectUri;
    };
    struct Request {
        QByteArray method;
        QUrl target;
        QByteArray body;
    };

    void onNewConnection();
    void onReadyRead(QTcpSocket *socket);
    void handle(QTcpSocket *socket, const Request &request);
    void authorize(QTcpSocket *socket, const QUrl &target);
    void token(QTcpSocket *socket, const QByteArray &body);
    void tokenError(QTcpSocket *socket, int status, const QString &error, const QString &description);
    void tokens(QTcpSocket *socket, bool withRefreshToken);
    void respond(QTcpSocket *socket, int status, const QByteArray &headers, const QByteArray &body);
    [[nodiscard]] static QString randomToken(const QString &prefix);

    QTcpServer *m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QHash<QString, PendingCode> m_codes;
    QSet<QString> m_usedCodes;
    QSet<QString> m_refreshTokens;
    QSet<QString> m_accessTokens;
};

} // namespace fumi::test
