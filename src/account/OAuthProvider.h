// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QMap>
#include <QString>
#include <QStringList>
#include <QUrl>

namespace fumi::account {

// Where and how an account signs in with OAuth2 (RFC 6749): the provider's two endpoints, the
// scopes that give IMAP and SMTP access, and the client Fumi is registered as. Fumi is a
// native, public client (RFC 8252): the client secret of a Google "installed app" is not a
// secret, and PKCE, not the secret, is what protects the authorization code.
struct OAuthProvider {
    QString id; // "google", "microsoft", or a custom id
    QString displayName;
    QUrl authorizationUrl;
    QUrl tokenUrl;
    QStringList scopes; // sent space-separated, in this order
    QString clientId;
    QString clientSecret; // empty for clients without one
    // Extra query items for the authorization request, e.g. Google's access_type=offline and
    // prompt=consent, without which a second sign-in would return no refresh token.
    QMap<QString, QString> authorizationParameters;

    friend bool operator==(const OAuthProvider &, const OAuthProvider &) = default;
};

// What makes a provider unusable, as sentences for the user; empty when it can be used. Both
// endpoints must be absolute https URLs, or http on a loopback host (a local test server), so
// that codes and tokens never cross a network in clear text; and a client id is needed.
[[nodiscard]] QStringList validate(const OAuthProvider &provider);

// True for https URLs, and for http URLs on a loopback host.
[[nodiscard]] bool isAllowedEndpoint(const QUrl &url);

// The authorization request's own parameters (client_id, redirect_uri, state, the PKCE
// challenge...), which authorizationParameters may not replace.
[[nodiscard]] bool isReservedAuthorizationParameter(const QString &key);

} // namespace fumi::account
