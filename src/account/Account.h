// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>
#include <QString>
#include <QStringList>

#include <optional>

namespace fumi::account {

// How a connection to a server is secured. Plain is only for loopback servers or an explicit,
// warned choice (DESIGN.md, security rules).
enum class Security { Tls, StartTls, Plain };

[[nodiscard]] QString securityName(Security security); // "tls", "starttls", "plain"
[[nodiscard]] std::optional<Security> securityFromName(QStringView name);

struct ServerSettings {
    QString host;
    quint16 port = 0;
    Security security = Security::Tls;

    [[nodiscard]] bool isEmpty() const { return host.isEmpty(); }
    friend bool operator==(const ServerSettings &, const ServerSettings &) = default;
};

// The default port of a protocol under a security mode: 993/143 for IMAP, 465/587 for submission.
enum class Protocol { Imap, Submission };
[[nodiscard]] quint16 defaultPort(Protocol protocol, Security security);

// "host:port" or "host" (the default port), with IPv6 literals in brackets ("[::1]:993").
// Returns nothing when the text is not a host and a port from 1 to 65535.
struct HostAndPort {
    QString host;
    quint16 port = 0;
};
[[nodiscard]] std::optional<HostAndPort> parseHostAndPort(QStringView text);
[[nodiscard]] QString formatHostAndPort(const QString &host, quint16 port);

// True for localhost and the loopback addresses, where Plain may be used without a warning.
[[nodiscard]] bool isLoopbackHost(const QString &host);

struct Identity {
    QString name;
    QString address;
    QString signature;
    QString replyTo;
    friend bool operator==(const Identity &, const Identity &) = default;
};

// How Fumi proves who the user is. Secrets are never stored here: a password lives in the
// keychain, a password command is run at each connection, and an OAuth2 refresh token lives in
// the keychain under the account's id.
struct Authentication {
    enum class Method { Password, PasswordCommand, OAuth2 };
    Method method = Method::Password;
    QString passwordCommand; // PasswordCommand: a shell command whose first output line is the password
    QString oauthProvider;   // OAuth2: a provider id, "google" or "microsoft"
    friend bool operator==(const Authentication &, const Authentication &) = default;
};

struct SyncOptions {
    int cacheBudgetMb = 1024;   // bodies and parts kept locally, least recently used first out
    QStringList offlineFolders; // mailbox paths whose bodies are all kept offline
    friend bool operator==(const SyncOptions &, const SyncOptions &) = default;
};

// One mail account. The id is made once, when the account is created, and never changes: the
// cache directory, the keychain entries and every reference to the account use it, so
// renaming an account moves nothing.
struct Account {
    QString id;
    QString displayName;
    QList<Identity> identities; // the first is the default one
    ServerSettings imap;
    ServerSettings smtp; // empty host: no submission server configured yet
    QString login;
    Authentication authentication;
    SyncOptions sync;

    [[nodiscard]] QString primaryAddress() const
    {
        return identities.isEmpty() ? QString() : identities.first().address;
    }
    // Whether `name` names this account, as a user types it (fumi-cli's NAME, the search's
    // account:NAME): its display name, its id or one of its addresses, whole and in any case.
    [[nodiscard]] bool answersTo(QStringView name) const;
    friend bool operator==(const Account &, const Account &) = default;
};

// A new random account id: a UUID without braces.
[[nodiscard]] QString newAccountId();

// What is wrong with an account's settings, as sentences for the user; empty when it is usable.
[[nodiscard]] QStringList validate(const Account &account);

} // namespace fumi::account
