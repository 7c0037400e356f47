// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/ServerCandidate.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace fumi::account {

namespace {

constexpr ServerCandidate::AuthMethod allAuthMethods[] = {
    ServerCandidate::AuthMethod::PasswordCleartext,
    ServerCandidate::AuthMethod::PasswordEncrypted,
    ServerCandidate::AuthMethod::OAuth2,
    ServerCandidate::AuthMethod::Ntlm,
    ServerCandidate::AuthMethod::Gssapi,
    ServerCandidate::AuthMethod::ClientCertificate,
    ServerCandidate::AuthMethod::ClientIpAddress,
    ServerCandidate::AuthMethod::None,
};

} // namespace

QJsonObject ServerCandidate::toJson() const
{
    QJsonArray methods;
    for (AuthMethod method : authMethods)
        methods.append(authMethodName(method));
    QJsonObject object{
        {u"protocol"_s, protocolName(protocol)},
        {u"host"_s, host},
        {u"port"_s, int(port)},
        {u"security"_s, securityName(security)},
        {u"login"_s, login},
        {u"source"_s, sourceName(source)},
        {u"verified"_s, verified},
        {u"authentication"_s, methods},
    };
    if (source == Source::Srv) {
        object.insert(u"srvPriority"_s, int(srvPriority));
        object.insert(u"srvWeight"_s, int(srvWeight));
    }
    return object;
}

QString ServerCandidate::toString() const
{
    QString text = formatHostAndPort(host, port) + u' ' + securityName(security);
    if (!login.isEmpty())
        text += u", login "_s + login;
    if (!authMethods.isEmpty()) {
        QStringList names;
        for (AuthMethod method : authMethods)
            names << authMethodName(method);
        text += u", "_s + names.join(u" or "_s);
    }
    text += u" ("_s + sourceName(source);
    if (source == Source::Srv)
        text += u" priority %1 weight %2"_s.arg(srvPriority).arg(srvWeight);
    if (!verified)
        text += u", unverified"_s;
    return text + u')';
}

QString ServerCandidate::protocolName(Protocol protocol)
{
    return protocol == Protocol::Imap ? u"imap"_s : u"smtp"_s;
}

QString ServerCandidate::sourceName(Source source)
{
    switch (source) {
    case Source::AutoconfigXml:
        return u"autoconfig"_s;
    case Source::WellKnown:
        return u"well-known"_s;
    case Source::Srv:
        return u"srv"_s;
    case Source::Guess:
        return u"guess"_s;
    }
    return {};
}

QString ServerCandidate::authMethodName(AuthMethod method)
{
    switch (method) {
    case AuthMethod::PasswordCleartext:
        return u"password-cleartext"_s;
    case AuthMethod::PasswordEncrypted:
        return u"password-encrypted"_s;
    case AuthMethod::OAuth2:
        return u"OAuth2"_s;
    case AuthMethod::Ntlm:
        return u"NTLM"_s;
    case AuthMethod::Gssapi:
        return u"GSSAPI"_s;
    case AuthMethod::ClientCertificate:
        return u"TLS-client-cert"_s;
    case AuthMethod::ClientIpAddress:
        return u"client-IP-address"_s;
    case AuthMethod::None:
        return u"none"_s;
    }
    return {};
}

std::optional<ServerCandidate::AuthMethod> ServerCandidate::authMethodFromName(QStringView name)
{
    // The names of clientConfig before version 1.1, still found in providers' files.
    if (name.compare(u"plain", Qt::CaseInsensitive) == 0)
        return AuthMethod::PasswordCleartext;
    if (name.compare(u"secure", Qt::CaseInsensitive) == 0)
        return AuthMethod::PasswordEncrypted;
    for (AuthMethod method : allAuthMethods) {
        if (name.compare(authMethodName(method), Qt::CaseInsensitive) == 0)
            return method;
    }
    return std::nullopt;
}

} // namespace fumi::account
