// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/OAuthProvider.h"

#include <QList>
#include <QString>
#include <QStringView>

#include <optional>

namespace fumi::account {

// The OAuth2 providers an account can sign in with: Google and Microsoft built in, their
// client ids taken from the build (the CMake cache variables FUMI_OAUTH_GOOGLE_CLIENT_ID,
// FUMI_OAUTH_GOOGLE_CLIENT_SECRET and FUMI_OAUTH_MICROSOFT_CLIENT_ID), and whatever the user's
// <configDirectory>/oauth-providers.json adds or overrides:
//
//   {"providers": [
//     {"id": "google", "clientId": "1234.apps.example", "clientSecret": "not-secret"},
//     {"id": "corp", "displayName": "Corp mail", "authorizationUrl": "https://...",
//      "tokenUrl": "https://...", "scopes": ["imap"], "clientId": "fumi",
//      "authorizationParameters": {"prompt": "login"}}
//   ]}
//
// An entry whose id is a built-in replaces only the fields it names; a new id is a whole
// provider and needs both endpoints and a client id. Endpoints must be https, or http on a
// loopback host. The file is taken whole or not at all: any problem leaves the built-ins as
// they are and says what was wrong.
class OAuthProviders
{
public:
    static constexpr QStringView fileName = u"oauth-providers.json";

    // The built-ins with the file's changes. A missing file is no error; a bad one sets *error
    // (when error is not null) to a sentence naming the problem, and the built-ins are returned.
    [[nodiscard]] static OAuthProviders load(const QString &configDirectory, QString *error);
    // Google and Microsoft with the client ids of the build.
    [[nodiscard]] static OAuthProviders builtIn();

    [[nodiscard]] std::optional<OAuthProvider> find(QStringView id) const;
    [[nodiscard]] QList<OAuthProvider> all() const { return m_providers; }

private:
    QList<OAuthProvider> m_providers;
};

} // namespace fumi::account
