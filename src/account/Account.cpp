// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/Account.h"

#include <QHostAddress>
#include <QUuid>

#include <algorithm>

namespace fumi::account {

QString securityName(Security security)
{
    switch (security) {
    case Security::Tls:
        return QStringLiteral("tls");
    case Security::StartTls:
        return QStringLiteral("starttls");
    case Security::Plain:
        return QStringLiteral("plain");
    }
    return {};
}

std::optional<Security> securityFromName(QStringView name)
{
    for (Security security : {Security::Tls, Security::StartTls, Security::Plain}) {
        if (name.compare(securityName(security), Qt::CaseInsensitive) == 0)
            return security;
    }
    return std::nullopt;
}

quint16 defaultPort(Protocol protocol, Security security)
{
    const bool implicitTls = security == Security::Tls;
    if (protocol == Protocol::Imap)
        return implicitTls ? 993 : 143;
    return implicitTls ? 465 : 587;
}

std::optional<HostAndPort> parseHostAndPort(QStringView text)
{
    text = text.trimmed();
    HostAndPort result;
    QStringView portText;
    if (text.startsWith(u'[')) {
        const qsizetype close = text.indexOf(u']');
        if (close < 0)
            return std::nullopt;
        result.host = text.mid(1, close - 1).toString();
        const QStringView rest = text.mid(close + 1);
        if (!rest.isEmpty()) {
            if (!rest.startsWith(u':'))
                return std::nullopt;
            portText = rest.mid(1);
            if (portText.isEmpty())
                return std::nullopt;
        }
        if (QHostAddress(result.host).protocol() != QAbstractSocket::IPv6Protocol)
            return std::nullopt;
    } else {
        const qsizetype colon = text.lastIndexOf(u':');
        if (colon >= 0 && text.indexOf(u':') != colon)
            return std::nullopt; // a bare IPv6 address needs brackets to carry a port
        result.host = (colon < 0 ? text : text.left(colon)).toString();
        if (colon >= 0) {
            portText = text.mid(colon + 1);
            if (portText.isEmpty())
                return std::nullopt;
        }
    }
    if (result.host.isEmpty())
        return std::nullopt;
    for (QChar c : std::as_const(result.host)) {
        if (c.isSpace() || c == u'/' || c == u'@')
            return std::nullopt;
    }
    if (!portText.isEmpty()) {
        bool ok = false;
        const uint port = portText.toUInt(&ok);
        if (!ok || port == 0 || port > 65535)
            return std::nullopt;
        result.port = quint16(port);
    }
    return result;
}

QString formatHostAndPort(const QString &host, quint16 port)
{
    const QString shownHost = host.contains(u':') ? u'[' + host + u']' : host;
    return port == 0 ? shownHost : shownHost + u':' + QString::number(port);
}

bool isLoopbackHost(const QString &host)
{
    if (host.compare(u"localhost", Qt::CaseInsensitive) == 0 || host.endsWith(u".localhost", Qt::CaseInsensitive))
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

bool Account::answersTo(QStringView name) const
{
    if (displayName.compare(name, Qt::CaseInsensitive) == 0 || id.compare(name, Qt::CaseInsensitive) == 0)
        return true;
    return std::any_of(identities.cbegin(), identities.cend(), [name](const Identity &identity) {
        return identity.address.compare(name, Qt::CaseInsensitive) == 0;
    });
}

QString newAccountId()
{
    return QUuid::createUuid().toString(QUuid::WithoutBraces);
}

QStringList validate(const Account &account)
{
    QStringList problems;
    if (account.id.isEmpty())
        problems << QStringLiteral("The account has no id.");
    if (account.displayName.trimmed().isEmpty())
        problems << QStringLiteral("The account needs a name.");
    if (account.imap.host.isEmpty())
        problems << QStringLiteral("The account needs an IMAP server.");
    if (account.imap.port == 0 && !account.imap.host.isEmpty())
        problems << QStringLiteral("The IMAP server needs a port.");
    if (!account.smtp.host.isEmpty() && account.smtp.port == 0)
        problems << QStringLiteral("The SMTP server needs a port.");
    if (account.login.isEmpty())
        problems << QStringLiteral("The account needs a login name.");
    for (const Identity &identity : account.identities) {
        if (!identity.address.contains(u'@'))
            problems << QStringLiteral("\"%1\" is not an email address.").arg(identity.address);
    }
    switch (account.authentication.method) {
    case Authentication::Method::Password:
        break;
    case Authentication::Method::PasswordCommand:
        if (account.authentication.passwordCommand.trimmed().isEmpty())
            problems << QStringLiteral("The password command is empty.");
        break;
    case Authentication::Method::OAuth2:
        if (account.authentication.oauthProvider.isEmpty())
            problems << QStringLiteral("An OAuth2 account needs a provider.");
        break;
    }
    if (account.sync.cacheBudgetMb < 0)
        problems << QStringLiteral("The cache budget cannot be negative.");
    return problems;
}

} // namespace fumi::account
