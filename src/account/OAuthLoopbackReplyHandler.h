// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QOAuthHttpServerReplyHandler>

namespace fumi::account {

// The loopback redirect of RFC 8252 section 7.3: a one-page HTTP server on 127.0.0.1 and a free
// port that receives the browser's redirect with the authorization code.
//
// Two things differ from Qt's handler. The redirect URI names the IP literal 127.0.0.1, as
// RFC 8252 section 8.3 recommends, where Qt 6.8 writes "localhost" (which may resolve to ::1
// or be caught by a firewall rule). And token answers are read by OAuthTokenResponse, so that
// a refused code exchange reports the server's OAuth2 error instead of "Bad Request".
class OAuthLoopbackReplyHandler : public QOAuthHttpServerReplyHandler
{
    Q_OBJECT

public:
    // Listens at once; isListening() says whether that worked.
    explicit OAuthLoopbackReplyHandler(QObject *parent = nullptr);

    [[nodiscard]] QString callback() const override; // http://127.0.0.1:<port>/

protected:
    void networkReplyFinished(QNetworkReply *reply) override;
};

} // namespace fumi::account
