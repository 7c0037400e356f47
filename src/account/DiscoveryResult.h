// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/ServerCandidate.h"

#include <QJsonObject>
#include <QList>
#include <QMetaType>
#include <QString>
#include <QStringList>

namespace fumi::account {

// What AutoconfigDiscovery found for an address: the IMAP and submission servers, best first,
// the provider's name, and a record of every source tried, in the order tried, with what came
// of it, so that a person can see why a server was or was not proposed.
struct DiscoveryResult {
    enum class Error {
        None,
        InvalidAddress, // nothing was tried
    };

    // One source asked: an autoconfig URL, an SRV name, or the guess list.
    struct Attempt {
        enum class Outcome {
            Found,    // it gave at least one usable server
            Empty,    // it answered, with nothing usable (or SRV said "not offered")
            NotFound, // nothing there: no such host, HTTP 404/410, no such DNS name
            Failed,   // an error: TLS, timeout, refused redirect, broken XML, DNS failure...
        };
        ServerCandidate::Source source = ServerCandidate::Source::Guess;
        QString target; // the URL, the SRV owner name, or the guessed host names
        Outcome outcome = Outcome::NotFound;
        QString message; // what happened, for people
        friend bool operator==(const Attempt &, const Attempt &) = default;
    };

    Error error = Error::None;
    QString errorMessage;
    QString emailAddress;        // as given, trimmed
    QString domain;              // the address's domain, lower case, in ASCII (punycode) form
    QString displayName;         // the provider's name, from its autoconfig file; may be empty
    QList<ServerCandidate> imap; // ranked, best first
    QList<ServerCandidate> smtp; // submission servers, ranked, best first
    QList<Attempt> attempts;
    QStringList warnings; // servers left out and why (plain text to a remote host, bad XML entries...)

    [[nodiscard]] bool ok() const { return error == Error::None; }

    // {"emailAddress", "domain", "displayName", "error": null|"invalid-address", "errorMessage",
    //  "imap": [ServerCandidate::toJson()...], "smtp": [...],
    //  "attempts": [{"source", "target", "outcome": "found"|"empty"|"not-found"|"failed", "message"}],
    //  "warnings": [...]}
    [[nodiscard]] QJsonObject toJson() const;
    // Several lines for people: the servers, best first, then what was tried.
    [[nodiscard]] QString toText() const;

    [[nodiscard]] static QString outcomeName(Attempt::Outcome outcome);
};

} // namespace fumi::account

Q_DECLARE_METATYPE(fumi::account::DiscoveryResult)
