// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/HostName.h"

#include <QHostAddress>
#include <QUrl>

namespace fumi::account {

namespace {

bool isLabelCharacter(char c)
{
    // '_' is not valid in a host name but occurs in real DNS names (and in SRV owner names).
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

} // namespace

std::optional<QString> normalizeHostName(QStringView text)
{
    if (text.isEmpty() || text.size() > 255)
        return std::nullopt;
    const QHostAddress address(text.toString());
    if (!address.isNull()
        && (address.protocol() == QAbstractSocket::IPv4Protocol
            || address.protocol() == QAbstractSocket::IPv6Protocol)) {
        if (!address.scopeId().isEmpty())
            return std::nullopt; // "fe80::1%eth0" names an interface of this machine, not a server
        return address.toString();
    }
    if (text.endsWith(u'.'))
        text.chop(1);
    // toAce() rejects what IDNA rejects (spaces, most punctuation) and lowers ASCII letters.
    const QByteArray ace = QUrl::toAce(text.toString().toLower());
    if (ace.isEmpty() || ace.size() > 253)
        return std::nullopt;
    for (const QByteArray &label : ace.split('.')) {
        if (label.isEmpty() || label.size() > 63 || label.startsWith('-') || label.endsWith('-'))
            return std::nullopt;
        for (char c : label) {
            if (!isLabelCharacter(c))
                return std::nullopt;
        }
    }
    return QString::fromLatin1(ace);
}

} // namespace fumi::account
