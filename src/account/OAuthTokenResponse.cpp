// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/OAuthTokenResponse.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkReply>

using namespace Qt::StringLiterals;

namespace fumi::account {

namespace {

// Token answers are small; a megabyte is already a broken or hostile server.
constexpr qint64 maximumAnswerSize = 1024 * 1024;

// Error codes and descriptions come from the server: keep what reaches the user short and
// printable.
QString printable(QString text)
{
    text.truncate(300);
    for (QChar &c : text) {
        if (!c.isPrint())
            c = u' ';
    }
    return text;
}

} // namespace

OAuthTokenResponse OAuthTokenResponse::fromReply(QNetworkReply *reply)
{
    OAuthTokenResponse response;
    const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    const QString host = reply->url().host();
    if (status == 0) {
        response.message = u"The token server %1 could not be reached: %2"_s.arg(host, reply->errorString());
        return response;
    }

    const QByteArray body = reply->read(maximumAnswerSize);
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    const QJsonObject object = document.object();
    if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        response.message = u"The token server %1 gave an answer that is not OAuth2 (HTTP %2)."_s.arg(host).arg(status);
        return response;
    }

    if (const QJsonValue error = object.value(u"error"_s); !error.isUndefined()) {
        response.outcome = Outcome::OAuthError;
        response.errorCode = printable(error.toString());
        response.errorDescription = printable(object.value(u"error_description"_s).toString());
        response.message = response.errorDescription.isEmpty()
            ? u"The token server %1 refused: %2."_s.arg(host, response.errorCode)
            : u"The token server %1 refused: %2 (%3)."_s.arg(host, response.errorCode, response.errorDescription);
        return response;
    }
    if (status < 200 || status > 299) {
        response.message = u"The token server %1 answered HTTP %2."_s.arg(host).arg(status);
        return response;
    }

    response.accessToken = object.value(u"access_token"_s).toString();
    if (response.accessToken.isEmpty()) {
        response.message = u"The token server %1 sent no access token."_s.arg(host);
        return response;
    }
    const QString tokenType = object.value(u"token_type"_s).toString();
    if (!tokenType.isEmpty() && tokenType.compare(u"bearer", Qt::CaseInsensitive) != 0) {
        response.accessToken.clear();
        response.message
            = u"The token server %1 sent a token of type %2, not a bearer token."_s.arg(host, printable(tokenType));
        return response;
    }
    response.refreshToken = object.value(u"refresh_token"_s).toString();
    // Some servers send expires_in as a string.
    const QJsonValue expiresIn = object.value(u"expires_in"_s);
    bool ok = expiresIn.isDouble();
    qint64 seconds = 0;
    if (ok) {
        const double value = expiresIn.toDouble();
        ok = value > 0 && value < 1e10; // a lifetime in seconds, not a cast that overflows
        seconds = ok ? qint64(value) : 0;
    } else {
        seconds = expiresIn.toString().toLongLong(&ok);
    }
    if (ok && seconds > 0)
        response.expiresIn = seconds;
    response.outcome = Outcome::Tokens;
    response.values = object.toVariantMap();
    return response;
}

} // namespace fumi::account
