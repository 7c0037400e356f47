// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/OAuthLoopbackReplyHandler.h"

#include "account/OAuthTokenResponse.h"

#include <QUrl>

using namespace Qt::StringLiterals;

namespace fumi::account {

OAuthLoopbackReplyHandler::OAuthLoopbackReplyHandler(QObject *parent)
    : QOAuthHttpServerReplyHandler(QHostAddress::LocalHost, 0, parent)
{
    setCallbackText(u"Fumi has the answer of the sign-in page. You can close this page."_s);
}

QString OAuthLoopbackReplyHandler::callback() const
{
    QUrl url;
    url.setScheme(u"http"_s);
    url.setHost(u"127.0.0.1"_s);
    url.setPort(port());
    url.setPath(callbackPath());
    return url.toString(QUrl::FullyEncoded);
}

void OAuthLoopbackReplyHandler::networkReplyFinished(QNetworkReply *reply)
{
    const OAuthTokenResponse response = OAuthTokenResponse::fromReply(reply);
    switch (response.outcome) {
    case OAuthTokenResponse::Outcome::Tokens:
        Q_EMIT tokensReceived(response.values);
        return;
    case OAuthTokenResponse::Outcome::OAuthError:
        Q_EMIT tokenRequestErrorOccurred(QAbstractOAuth::Error::ServerError, response.message);
        return;
    case OAuthTokenResponse::Outcome::Unreachable:
        Q_EMIT tokenRequestErrorOccurred(QAbstractOAuth::Error::NetworkError, response.message);
        return;
    }
}

} // namespace fumi::account
