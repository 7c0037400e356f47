// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/ServerCandidate.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace fumi::account {

// Reads a provider's configuration in Thunderbird's clientConfig format, version 1.1: the file
// that autoconfig.<domain> and <domain>/.well-known/autoconfig serve. It yields the IMAP
// incoming servers and the SMTP outgoing servers in the file's order (POP3 is not Fumi's
// business and is skipped), the provider's names, and logins with %EMAILADDRESS%,
// %EMAILLOCALPART% and %EMAILDOMAIN% replaced, as Thunderbird does; host names, domains and
// the provider's names get the same replacement, for the hosters whose one file serves many
// domains.
//
// The file comes from the network, so it is read strictly but forgivingly: a document that is
// not well-formed XML, has another root than <clientConfig>, another major version, a DTD, or
// no <emailProvider> is an error with its position; a server entry with a bad host, port or
// socket type is left out with a warning (with its position) and the rest is kept, as is an
// authentication kind Fumi does not know; elements Fumi does not know (documentation, webMail,
// oAuth2, enable...) are skipped whatever they hold. The parser applies no policy: plain-text servers are reported as
// the file states them, and discovery decides what to offer.
class AutoconfigXml
{
public:
    // Where in the document something is: lines and columns count from 1, as editors show
    // them; offset counts characters from 0.
    struct Position {
        qint64 line = 0;
        qint64 column = 0;
        qint64 offset = 0;
        friend bool operator==(const Position &, const Position &) = default;
    };

    struct Warning {
        Position position;
        QString message;
    };

    struct Result {
        QString error; // empty when the document was read
        Position errorPosition;

        QString displayName;
        QString displayShortName;
        QStringList domains; // the <domain> elements: the domains this configuration serves
        QList<ServerCandidate> imap;
        QList<ServerCandidate> smtp;
        QList<Warning> warnings; // entries left out, and authentication names not understood

        [[nodiscard]] bool ok() const { return error.isEmpty(); }
        // "line 3, column 7: <message>"
        [[nodiscard]] QString errorString() const;
    };

    // `emailAddress` fills the placeholders (local part and domain split at the last '@');
    // `source` is what the candidates record as their origin.
    [[nodiscard]] static Result parse(const QByteArray &document, const QString &emailAddress,
                                      ServerCandidate::Source source = ServerCandidate::Source::AutoconfigXml);

    [[nodiscard]] static QString describe(const Position &position); // "line 3, column 7"
};

} // namespace fumi::account
