// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/OAuthProvider.h"

#include "account/Account.h"

namespace fumi::account {

bool isAllowedEndpoint(const QUrl &url)
{
    if (!url.isValid() || url.isRelative() || url.host().isEmpty())
        return false;
    const QString scheme = url.scheme().toLower();
    if (scheme == u"https")
        return true;
    return scheme == u"http" && isLoopbackHost(url.host());
}

bool isReservedAuthorizationParameter(const QString &key)
{
    static const QStringList keys{QStringLiteral("response_type"),
                                  QStringLiteral("client_id"),
                                  QStringLiteral("redirect_uri"),
                                  QStringLiteral("scope"),
                                  QStringLiteral("state"),
                                  QStringLiteral("code_challenge"),
                                  QStringLiteral("code_challenge_method")};
    return keys.contains(key);
}

QStringList validate(const OAuthProvider &provider)
{
    QStringList problems;
    const QString name = provider.displayName.isEmpty() ? provider.id : provider.displayName;
    if (provider.id.isEmpty())
        problems << QStringLiteral("The OAuth2 provider has no id.");
    if (provider.clientId.isEmpty())
        problems << QStringLiteral("No OAuth2 client id is configured for %1.").arg(name);
    if (!isAllowedEndpoint(provider.authorizationUrl))
        problems << QStringLiteral("The sign-in address of %1 must be an https address.").arg(name);
    if (!isAllowedEndpoint(provider.tokenUrl))
        problems << QStringLiteral("The token address of %1 must be an https address.").arg(name);
    for (auto it = provider.authorizationParameters.cbegin(); it != provider.authorizationParameters.cend(); ++it) {
        if (isReservedAuthorizationParameter(it.key()))
            problems << QStringLiteral("%1 may not set the sign-in parameter \"%2\".").arg(name, it.key());
    }
    return problems;
}

} // namespace fumi::account
