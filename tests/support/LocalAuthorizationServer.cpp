// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/LocalAuthorizationServer.h"

#include "account/Account.h"

#include <QCryptographicHash>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRandomGenerator>
#include <QTcpServer>
#include <QTcpSocket>
#include <QUrlQuery>

#include <array>

using namespace Qt::StringLiterals;

namespace fumi::test {

namespace {

constexpr qsizetype maximumRequestSize = 64 * 1024;

// application/x-www-form-urlencoded, as RFC 6749 section 4.1.3 sends it: '+' is a space.
QMap<QString, QString> parseForm(const QByteArray &body)
{
    QMap<QString, QString> fields;
    for (const QByteArray &pair : body.split('&')) {
        if (pair.isEmpty())
            continue;
        const qsizetype equals = pair.indexOf('=');
        const auto decode = [](QByteArray part) {
            return QString::fromUtf8(QByteArray::fromPercentEncoding(part.replace('+', ' ')));
        };
        if (equals < 0)
            fields.insert(decode(pair), QString());
        else
            fields.insert(decode(pair.left(equals)), decode(pair.mid(equals + 1)));
    }
    return fields;
}

// RFC 7636 section 4.1: 43 to 128 unreserved characters.
bool isValidVerifier(const QString &verifier)
{
    if (verifier.size() < 43 || verifier.size() > 128)
        return false;
    for (QChar c : verifier) {
        const bool unreserved = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'-' || c == u'.' || c == u'_' || c == u'~';
        if (!unreserved)
            return false;
    }
    return true;
}

QString s256(const QString &verifier)
{
    return QString::fromLatin1(QCryptographicHash::hash(verifier.toLatin1(), QCryptographicHash::Sha256)
                                   .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 302:
        return "Found";
    case 400:
        return "Bad Request";
    case 401:
        return "Unauthorized";
    case 404:
        return "Not Found";
    case 405:
        return "Method Not Allowed";
    case 503:
        return "Service Unavailable";
    default:
        return "Status";
    }
}

} // namespace

LocalAuthorizationServer::LocalAuthorizationServer(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    connect(m_server, &QTcpServer::newConnection, this, &LocalAuthorizationServer::onNewConnection);
}

LocalAuthorizationServer::~LocalAuthorizationServer() = default;

bool LocalAuthorizationServer::start()
{
    return m_server->listen(QHostAddress::LocalHost, 0);
}

QUrl LocalAuthorizationServer::authorizationUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/authorize"_s.arg(m_server->serverPort()));
}

QUrl LocalAuthorizationServer::tokenUrl() const
{
    return QUrl(u"http://127.0.0.1:%1/token"_s.arg(m_server->serverPort()));
}

account::OAuthProvider LocalAuthorizationServer::provider() const
{
    account::OAuthProvider provider;
    provider.id = u"local"_s;
    provider.displayName = u"Local test server"_s;
    provider.authorizationUrl = authorizationUrl();
    provider.tokenUrl = tokenUrl();
    provider.scopes = scopes;
    provider.clientId = clientId;
    provider.clientSecret = clientSecret;
    return provider;
}

QString LocalAuthorizationServer::issueRefreshToken()
{
    const QString token = randomToken(u"refresh-"_s);
    m_refreshTokens.insert(token);
    lastRefreshToken = token;
    return token;
}

void LocalAuthorizationServer::revoke(const QString &refreshToken)
{
    m_refreshTokens.remove(refreshToken);
}

QString LocalAuthorizationServer::randomToken(const QString &prefix)
{
    std::array<quint32, 6> words;
    QRandomGenerator::global()->fillRange(words.data(), words.size());
    const QByteArray bytes(reinterpret_cast<const char *>(words.data()), sizeof(words));
    return prefix + QString::fromLatin1(bytes.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void LocalAuthorizationServer::onNewConnection()
{
    while (QTcpSocket *socket = m_server->nextPendingConnection()) {
        m_buffers.insert(socket, {});
        connect(socket, &QTcpSocket::readyRead, this, [this, socket] {
            onReadyRead(socket);
        });
        connect(socket, &QTcpSocket::disconnected, this, [this, socket] {
            m_buffers.remove(socket);
            socket->deleteLater();
        });
    }
}

void LocalAuthorizationServer::onReadyRead(QTcpSocket *socket)
{
    auto buffer = m_buffers.find(socket);
    if (buffer == m_buffers.end())
        return; // answered already; the client is still sending
    buffer->append(socket->readAll());
    if (buffer->size() > maximumRequestSize) {
        errors << u"a request larger than 64 KiB"_s;
        m_buffers.erase(buffer);
        socket->abort();
        return;
    }
    const qsizetype headerEnd = buffer->indexOf("\r\n\r\n");
    if (headerEnd < 0)
        return;

    const QList<QByteArray> lines = buffer->left(headerEnd).split('\n');
    const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
    if (requestLine.size() != 3 || !requestLine.at(2).startsWith("HTTP/1.")) {
        errors << u"a malformed request line"_s;
        m_buffers.erase(buffer);
        respond(socket, 400, {}, "bad request line\n");
        return;
    }
    qsizetype contentLength = 0;
    for (qsizetype i = 1; i < lines.size(); ++i) {
        const QByteArray line = lines.at(i).trimmed();
        const qsizetype colon = line.indexOf(':');
        if (colon > 0 && line.left(colon).trimmed().compare("content-length", Qt::CaseInsensitive) == 0)
            contentLength = line.mid(colon + 1).trimmed().toLongLong();
    }
    if (buffer->size() < headerEnd + 4 + contentLength)
        return;

    Request request{requestLine.at(0), QUrl::fromEncoded(requestLine.at(1)), buffer->mid(headerEnd + 4, contentLength)};
    m_buffers.erase(buffer);
    handle(socket, request);
}

void LocalAuthorizationServer::handle(QTcpSocket *socket, const Request &request)
{
    const QString path = request.target.path();
    if (path == u"/authorize") {
        if (request.method != "GET") {
            respond(socket, 405, {}, "GET only\n");
            return;
        }
        authorize(socket, request.target);
    } else if (path == u"/token") {
        if (request.method != "POST") {
            respond(socket, 405, {}, "POST only\n");
            return;
        }
        token(socket, request.body);
    } else {
        respond(socket, 404, {}, "not found\n");
    }
}

void LocalAuthorizationServer::authorize(QTcpSocket *socket, const QUrl &target)
{
    ++authorizationRequests;
    const QUrlQuery query(target);
    lastAuthorizationRequest.clear();
    for (const auto &[key, value] : query.queryItems(QUrl::FullyDecoded))
        lastAuthorizationRequest.insert(key, value);
    const auto field = [this](const QString &key) {
        return lastAuthorizationRequest.value(key);
    };

    // Without a known client and a loopback redirect there is nowhere safe to send an error.
    if (field(u"client_id"_s) != clientId) {
        errors << u"authorize: unknown client_id \"%1\""_s.arg(field(u"client_id"_s));
        respond(socket, 400, "Content-Type: text/plain\r\n", "unknown client\n");
        return;
    }
    const QString redirectUri = field(u"redirect_uri"_s);
    const QUrl redirect(redirectUri, QUrl::StrictMode);
    if (!redirect.isValid() || redirect.scheme() != u"http" || !account::isLoopbackHost(redirect.host())
        || redirect.port() <= 0 || redirect.hasFragment()) {
        errors << u"authorize: redirect_uri \"%1\" is not a loopback address with a port"_s.arg(redirectUri);
        respond(socket, 400, "Content-Type: text/plain\r\n", "bad redirect_uri\n");
        return;
    }

    const QString state = field(u"state"_s);
    QString error;
    if (field(u"response_type"_s) != u"code") {
        error = u"unsupported_response_type"_s;
        errors << u"authorize: response_type is \"%1\""_s.arg(field(u"response_type"_s));
    } else if (state.isEmpty()) {
        error = u"invalid_request"_s;
        errors << u"authorize: no state"_s;
    } else if (field(u"code_challenge_method"_s) != u"S256" || field(u"code_challenge"_s).size() != 43) {
        error = u"invalid_request"_s;
        errors << u"authorize: no S256 code challenge (method \"%1\")"_s.arg(field(u"code_challenge_method"_s));
    } else if (!consent) {
        error = u"access_denied"_s;
    }

    QByteArray location = redirectUri.toUtf8() + (redirect.hasQuery() ? '&' : '?');
    if (error.isEmpty()) {
        const QString code = randomToken(u"code-"_s);
        m_codes.insert(code, {field(u"code_challenge"_s), redirectUri});
        location += "code=" + QUrl::toPercentEncoding(code);
    } else {
        location += "error=" + QUrl::toPercentEncoding(error);
    }
    if (!state.isEmpty())
        location += "&state=" + QUrl::toPercentEncoding(state);
    respond(socket, 302, "Location: " + location + "\r\n", {});
}

void LocalAuthorizationServer::token(QTcpSocket *socket, const QByteArray &body)
{
    ++tokenRequests;
    if (unavailableTokenRequests > 0) {
        --unavailableTokenRequests;
        respond(socket, 503, "Content-Type: text/plain\r\n", "come back later\n");
        return;
    }
    lastTokenRequest = parseForm(body);
    const auto field = [this](const QString &key) {
        return lastTokenRequest.value(key);
    };

    if (field(u"client_id"_s) != clientId || field(u"client_secret"_s) != clientSecret) {
        tokenError(socket, 401, u"invalid_client"_s, u"unknown client or wrong secret"_s);
        return;
    }
    const QString grantType = field(u"grant_type"_s);
    if (grantType == u"authorization_code") {
        const QString code = field(u"code"_s);
        const auto pending = m_codes.constFind(code);
        if (pending == m_codes.cend()) {
            tokenError(socket, 400, u"invalid_grant"_s,
                       m_usedCodes.contains(code) ? u"code used twice"_s : u"unknown code"_s);
            return;
        }
        const PendingCode grant = *pending;
        m_codes.erase(pending);
        m_usedCodes.insert(code);
        if (field(u"redirect_uri"_s) != grant.redirectUri) {
            tokenError(socket, 400, u"invalid_grant"_s,
                       u"redirect_uri \"%1\" is not the authorization's \"%2\""_s.arg(field(u"redirect_uri"_s),
                                                                                      grant.redirectUri));
            return;
        }
        const QString verifier = field(u"code_verifier"_s);
        if (!isValidVerifier(verifier) || s256(verifier) != grant.challenge) {
            tokenError(socket, 400, u"invalid_grant"_s, u"PKCE verification failed"_s);
            return;
        }
        ++codeExchanges;
        tokens(socket, issueRefreshTokens);
    } else if (grantType == u"refresh_token") {
        const QString refreshToken = field(u"refresh_token"_s);
        if (!m_refreshTokens.contains(refreshToken)) {
            tokenError(socket, 400, u"invalid_grant"_s, u"refresh token revoked or unknown"_s);
            return;
        }
        ++refreshes;
        if (rotateRefreshTokens)
            m_refreshTokens.remove(refreshToken);
        tokens(socket, rotateRefreshTokens);
    } else {
        tokenError(socket, 400, u"unsupported_grant_type"_s, grantType);
    }
}

void LocalAuthorizationServer::tokenError(QTcpSocket *socket, int status, const QString &error,
                                          const QString &description)
{
    errors << u"token: %1: %2"_s.arg(error, description);
    const QJsonObject answer{{u"error"_s, error}, {u"error_description"_s, description}};
    respond(socket, status, "Content-Type: application/json\r\nCache-Control: no-store\r\n",
            QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

void LocalAuthorizationServer::tokens(QTcpSocket *socket, bool withRefreshToken)
{
    lastAccessToken = randomToken(u"access-"_s);
    m_accessTokens.insert(lastAccessToken);
    QJsonObject answer{{u"access_token"_s, lastAccessToken},
                       {u"token_type"_s, u"Bearer"_s},
                       {u"expires_in"_s, expiresIn},
                       {u"scope"_s, scopes.join(u' ')}};
    if (withRefreshToken)
        answer.insert(u"refresh_token"_s, issueRefreshToken());
    respond(socket, 200, "Content-Type: application/json\r\nCache-Control: no-store\r\n",
            QJsonDocument(answer).toJson(QJsonDocument::Compact));
}

void LocalAuthorizationServer::respond(QTcpSocket *socket, int status, const QByteArray &headers,
                                       const QByteArray &body)
{
    QByteArray answer = "HTTP/1.1 " + QByteArray::number(status) + ' ' + reasonPhrase(status) + "\r\n";
    answer += headers;
    answer += "Content-Length: " + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n";
    answer += body;
    socket->write(answer);
    socket->disconnectFromHost();
}

} // namespace fumi::test
