// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/Account.h"

#include <QJsonObject>
#include <QList>
#include <QString>

#include <optional>

namespace fumi::account {

// One server that discovery proposes for an address: where to connect, how the connection is
// secured, which login and sign-in methods the provider asks for, and where the proposal came
// from. A provider's file (autoconfig XML) or its DNS (SRV records) states a server; a guess
// only assumes one, so guesses carry verified == false and are offered last. Nothing here has
// been connected to: trying the server is the caller's next step.
struct ServerCandidate {
    // Where a candidate came from, best first: the order in which ranking prefers them.
    enum class Source {
        AutoconfigXml, // https://autoconfig.<domain>/mail/config-v1.1.xml
        WellKnown,     // https://<domain>/.well-known/autoconfig/mail/config-v1.1.xml
        Srv,           // RFC 6186 / RFC 8314 SRV records
        Guess,         // imap.<domain>, mail.<domain>, smtp.<domain>
    };

    // The authentication kinds of Thunderbird's clientConfig format.
    enum class AuthMethod {
        PasswordCleartext, // "password-cleartext" (or the old "plain"): LOGIN, AUTH PLAIN
        PasswordEncrypted, // "password-encrypted" (or the old "secure"): CRAM-MD5 and the like
        OAuth2,            // "OAuth2"
        Ntlm,              // "NTLM"
        Gssapi,            // "GSSAPI" (Kerberos)
        ClientCertificate, // "TLS-client-cert"
        ClientIpAddress,   // "client-IP-address": the server trusts the network
        None,              // "none": submission without authentication
    };

    Protocol protocol = Protocol::Imap;
    QString host; // as normalizeHostName() leaves it
    quint16 port = 0;
    Security security = Security::Tls;
    QString login; // the user name to sign in with; empty when the source does not say
    Source source = Source::Guess;
    bool verified = false;         // stated by the provider (XML or SRV); false for guesses
    QList<AuthMethod> authMethods; // the provider's order of preference; empty when not stated
    quint16 srvPriority = 0;       // Srv only: lower is preferred
    quint16 srvWeight = 0;         // Srv only: among equal priorities, higher is preferred

    [[nodiscard]] ServerSettings settings() const { return {host, port, security}; }

    // {"protocol": "imap"|"smtp", "host", "port", "security": "tls"|"starttls"|"plain", "login",
    //  "source": "autoconfig"|"well-known"|"srv"|"guess", "verified", "authentication": [...],
    //  and "srvPriority"/"srvWeight" for SRV candidates}
    [[nodiscard]] QJsonObject toJson() const;
    // One line for people: "imap.example.com:993 tls, login alice@example.com, OAuth2 or
    // password-cleartext (autoconfig)".
    [[nodiscard]] QString toString() const;

    [[nodiscard]] static QString protocolName(Protocol protocol);   // "imap", "smtp"
    [[nodiscard]] static QString sourceName(Source source);         // as in toJson()
    [[nodiscard]] static QString authMethodName(AuthMethod method); // the clientConfig spelling
    // The clientConfig spelling, case-insensitive, with the old "plain" and "secure" accepted.
    [[nodiscard]] static std::optional<AuthMethod> authMethodFromName(QStringView name);

    friend bool operator==(const ServerCandidate &, const ServerCandidate &) = default;
};

} // namespace fumi::account
