// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QVariantMap>

#include <optional>

class QNetworkReply;

namespace fumi::account {

// What a token endpoint answered (RFC 6749 sections 5.1 and 5.2), read from a finished reply.
//
// Servers answer refused grants with HTTP 400 and a JSON body naming the error; the body, not
// the status, says whether the user has to sign in again ("invalid_grant") or something else is
// wrong. Network failures and answers that are not OAuth2 JSON are transient: they have no
// error code, only a message.
struct OAuthTokenResponse {
    enum class Outcome {
        Tokens,      // accessToken is set
        OAuthError,  // the server refused: errorCode is set ("invalid_grant", "invalid_client"...)
        Unreachable, // no answer, or not an OAuth2 answer
    };

    Outcome outcome = Outcome::Unreachable;
    QString accessToken;
    QString refreshToken;            // empty unless the server issued one (a rotated refresh token)
    std::optional<qint64> expiresIn; // seconds, when the server said
    QString errorCode;
    QString errorDescription; // the server's words about errorCode, if any
    QString message;          // for the user and the log; never contains a token
    QVariantMap values;       // the whole JSON object of a Tokens answer

    [[nodiscard]] static OAuthTokenResponse fromReply(QNetworkReply *reply);

    [[nodiscard]] bool isInvalidGrant() const
    {
        return outcome == Outcome::OAuthError && errorCode == u"invalid_grant";
    }
};

} // namespace fumi::account
