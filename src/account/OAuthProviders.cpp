// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/OAuthProviders.h"

#include "account/Logging.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>

#ifndef FUMI_OAUTH_GOOGLE_CLIENT_ID
#define FUMI_OAUTH_GOOGLE_CLIENT_ID ""
#endif
#ifndef FUMI_OAUTH_GOOGLE_CLIENT_SECRET
#define FUMI_OAUTH_GOOGLE_CLIENT_SECRET ""
#endif
#ifndef FUMI_OAUTH_MICROSOFT_CLIENT_ID
#define FUMI_OAUTH_MICROSOFT_CLIENT_ID ""
#endif

using namespace Qt::StringLiterals;

namespace fumi::account {

namespace {

// Larger than any honest provider list; a bigger file is a mistake, not configuration.
constexpr qint64 maximumFileSize = 1024 * 1024;

const QSet<QString> &knownKeys()
{
    static const QSet<QString> keys{u"id"_s,     u"displayName"_s, u"authorizationUrl"_s, u"tokenUrl"_s,
                                    u"scopes"_s, u"clientId"_s,    u"clientSecret"_s,     u"authorizationParameters"_s};
    return keys;
}

bool isValidId(const QString &id)
{
    if (id.isEmpty() || id.size() > 64)
        return false;
    for (QChar c : id) {
        const bool allowed = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9')
            || c == u'-' || c == u'_' || c == u'.';
        if (!allowed)
            return false;
    }
    return true;
}

// Applies one entry of the file to `provider`; returns what is wrong with it, or nothing.
QString applyEntry(const QJsonObject &entry, OAuthProvider &provider)
{
    for (auto it = entry.begin(); it != entry.end(); ++it) {
        if (!knownKeys().contains(it.key()))
            return u"unknown key \"%1\""_s.arg(it.key());
    }
    const auto readString = [&entry](const QString &key, QString &target) -> QString {
        const QJsonValue value = entry.value(key);
        if (value.isUndefined())
            return {};
        if (!value.isString())
            return u"\"%1\" must be a string"_s.arg(key);
        target = value.toString();
        return {};
    };
    const auto readUrl = [&entry](const QString &key, QUrl &target) -> QString {
        const QJsonValue value = entry.value(key);
        if (value.isUndefined())
            return {};
        const QUrl url(value.toString(), QUrl::StrictMode);
        if (!value.isString() || !isAllowedEndpoint(url))
            return u"\"%1\" must be an https address (http only for a loopback host)"_s.arg(key);
        target = url;
        return {};
    };

    QString problem = readString(u"displayName"_s, provider.displayName);
    if (problem.isEmpty())
        problem = readString(u"clientId"_s, provider.clientId);
    if (problem.isEmpty())
        problem = readString(u"clientSecret"_s, provider.clientSecret);
    if (problem.isEmpty())
        problem = readUrl(u"authorizationUrl"_s, provider.authorizationUrl);
    if (problem.isEmpty())
        problem = readUrl(u"tokenUrl"_s, provider.tokenUrl);
    if (!problem.isEmpty())
        return problem;

    if (const QJsonValue scopes = entry.value(u"scopes"_s); !scopes.isUndefined()) {
        if (!scopes.isArray())
            return u"\"scopes\" must be a list of strings"_s;
        QStringList list;
        for (const QJsonValue scope : scopes.toArray()) {
            if (!scope.isString() || scope.toString().isEmpty() || scope.toString().contains(u' '))
                return u"\"scopes\" must be a list of strings without spaces"_s;
            list << scope.toString();
        }
        provider.scopes = list;
    }
    if (const QJsonValue parameters = entry.value(u"authorizationParameters"_s); !parameters.isUndefined()) {
        if (!parameters.isObject())
            return u"\"authorizationParameters\" must be an object of strings"_s;
        QMap<QString, QString> map;
        const QJsonObject object = parameters.toObject();
        for (auto it = object.begin(); it != object.end(); ++it) {
            if (!it.value().isString())
                return u"\"authorizationParameters\" must be an object of strings"_s;
            if (isReservedAuthorizationParameter(it.key()))
                return u"\"authorizationParameters\" may not set \"%1\""_s.arg(it.key());
            map.insert(it.key(), it.value().toString());
        }
        provider.authorizationParameters = map;
    }
    return {};
}

// The providers of `document`, or what is wrong with it.
QString applyFile(const QJsonDocument &document, QList<OAuthProvider> &providers)
{
    if (!document.isObject())
        return u"the file must hold a JSON object"_s;
    const QJsonObject root = document.object();
    for (auto it = root.begin(); it != root.end(); ++it) {
        if (it.key() != u"providers")
            return u"unknown key \"%1\" (expected \"providers\")"_s.arg(it.key());
    }
    const QJsonValue list = root.value(u"providers"_s);
    if (!list.isArray())
        return u"\"providers\" must be a list"_s;

    QSet<QString> seen;
    qsizetype index = 0;
    for (const QJsonValue value : list.toArray()) {
        ++index;
        const QString where = u"provider %1"_s.arg(index);
        if (!value.isObject())
            return where + u" is not an object"_s;
        const QJsonObject entry = value.toObject();
        const QString id = entry.value(u"id"_s).toString();
        if (!isValidId(id))
            return where + u" needs an \"id\" of letters, digits, '.', '-' or '_'"_s;
        if (seen.contains(id))
            return u"provider \"%1\" appears twice"_s.arg(id);
        seen.insert(id);

        const auto existing = std::find_if(providers.begin(), providers.end(), [&id](const OAuthProvider &p) {
            return p.id == id;
        });
        OAuthProvider provider = existing == providers.end() ? OAuthProvider{} : *existing;
        provider.id = id;
        if (const QString problem = applyEntry(entry, provider); !problem.isEmpty())
            return u"provider \"%1\": %2"_s.arg(id, problem);
        if (existing == providers.end()) {
            if (provider.authorizationUrl.isEmpty() || provider.tokenUrl.isEmpty() || provider.clientId.isEmpty())
                return u"provider \"%1\" is new and needs \"authorizationUrl\", \"tokenUrl\" and \"clientId\""_s.arg(
                    id);
            if (provider.displayName.isEmpty())
                provider.displayName = id;
            providers << provider;
        } else {
            *existing = provider;
        }
    }
    return {};
}

} // namespace

OAuthProviders OAuthProviders::builtIn()
{
    OAuthProviders result;

    OAuthProvider google;
    google.id = u"google"_s;
    google.displayName = u"Google"_s;
    google.authorizationUrl = QUrl(u"https://accounts.google.com/o/oauth2/v2/auth"_s);
    google.tokenUrl = QUrl(u"https://oauth2.googleapis.com/token"_s);
    google.scopes = {u"https://mail.google.com/"_s};
    google.clientId = QStringLiteral(FUMI_OAUTH_GOOGLE_CLIENT_ID);
    google.clientSecret = QStringLiteral(FUMI_OAUTH_GOOGLE_CLIENT_SECRET);
    // Google returns a refresh token only for offline access, and on a repeated sign-in only
    // when asked to show the consent screen again.
    google.authorizationParameters = {{u"access_type"_s, u"offline"_s}, {u"prompt"_s, u"consent"_s}};
    result.m_providers << google;

    OAuthProvider microsoft;
    microsoft.id = u"microsoft"_s;
    microsoft.displayName = u"Microsoft"_s;
    // "common" takes both work or school and personal accounts.
    microsoft.authorizationUrl = QUrl(u"https://login.microsoftonline.com/common/oauth2/v2.0/authorize"_s);
    microsoft.tokenUrl = QUrl(u"https://login.microsoftonline.com/common/oauth2/v2.0/token"_s);
    // The IMAP and SMTP scopes are Exchange Online's, so they carry its resource prefix;
    // offline_access is what yields a refresh token.
    microsoft.scopes = {u"https://outlook.office.com/IMAP.AccessAsUser.All"_s,
                        u"https://outlook.office.com/SMTP.Send"_s, u"offline_access"_s};
    microsoft.clientId = QStringLiteral(FUMI_OAUTH_MICROSOFT_CLIENT_ID);
    result.m_providers << microsoft;

    return result;
}

OAuthProviders OAuthProviders::load(const QString &configDirectory, QString *error)
{
    if (error)
        error->clear();
    OAuthProviders result = builtIn();
    QFile file(QDir(configDirectory).filePath(fileName.toString()));
    if (!file.exists())
        return result;

    QString problem;
    QList<OAuthProvider> providers = result.m_providers;
    if (!file.open(QIODevice::ReadOnly)) {
        problem = u"it cannot be read: %1"_s.arg(file.errorString());
    } else if (file.size() > maximumFileSize) {
        problem = u"it is larger than 1 MiB"_s;
    } else {
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(file.readAll(), &parseError);
        if (parseError.error != QJsonParseError::NoError)
            problem = u"it is not valid JSON at byte %1: %2"_s.arg(parseError.offset).arg(parseError.errorString());
        else
            problem = applyFile(document, providers);
    }

    if (!problem.isEmpty()) {
        const QString message = u"The OAuth2 provider file %1 was ignored: %2."_s.arg(file.fileName(), problem);
        qCWarning(lcAccount).noquote() << message;
        if (error)
            *error = message;
        return result;
    }
    result.m_providers = providers;
    return result;
}

std::optional<OAuthProvider> OAuthProviders::find(QStringView id) const
{
    for (const OAuthProvider &provider : m_providers) {
        if (provider.id == id)
            return provider;
    }
    return std::nullopt;
}

} // namespace fumi::account
