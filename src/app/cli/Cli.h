// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/AccountManager.h"
#include "account/Profile.h"
#include "account/TrustStore.h"

#include <QCommandLineParser>
#include <QJsonValue>
#include <QList>
#include <QObject>
#include <QStringList>

#include <functional>
#include <memory>
#include <optional>

namespace fumi::account {
class CredentialStore;
}
namespace fumi::engine {
class TrustStorePolicy;
}

namespace fumi::cli {

// Exit codes of fumi-cli, the same for every command.
enum ExitCode : int {
    Success = 0,
    Failure = 1,              // the command could not do what was asked; stderr says why
    UsageError = 2,           // the command line is wrong
    UntrustedCertificate = 3, // the server's certificate is not trusted (yet); stdout shows it
};

class Cli;

// One command of fumi-cli: the words that name it ("account", "add"), its options, and what it
// does. run() answers by calling Cli::finish() or Cli::fail(), at once or later from the event loop.
struct Command {
    QStringList words;
    QString arguments; // after the words in the synopsis, e.g. "NAME --email ADDR ..."
    QString description;
    std::function<void(QCommandLineParser &)> declare;
    std::function<void(Cli &, const QCommandLineParser &)> run;
};

// What every command shares: the profile, the output conventions (text for people by default,
// JSON with --json; errors on stderr with a non-zero exit code), and the services over the
// profile, made when first needed.
class Cli : public QObject
{
    Q_OBJECT
public:
    Cli(QList<Command> commands, QObject *parent = nullptr);
    ~Cli() override;

    // Parses the command line and starts the command; the exit code comes with
    // QCoreApplication::exit(), or at once when nothing needs the event loop.
    [[nodiscard]] std::optional<int> start(const QStringList &arguments);

    [[nodiscard]] bool json() const { return m_json; }
    [[nodiscard]] const account::Profile &profile() const { return m_profile; }

    // Services over the profile. A damaged settings file is reported by fail() and makes these
    // return null: the caller returns at once.
    [[nodiscard]] account::AccountManager *accounts();
    [[nodiscard]] account::TrustStore *trust();
    [[nodiscard]] account::CredentialStore *credentials();
    // The user's certificate exceptions as the IMAP connection's policy; null after fail().
    [[nodiscard]] engine::TrustStorePolicy *certificatePolicy();
    // The account the user named, or fail() with a clear message and null.
    [[nodiscard]] std::optional<account::Account> account(const QString &name);

    void print(const QString &text); // a line for people, on stdout
    void printJson(const QJsonValue &value);
    void warn(const QString &text); // a line for people, on stderr
    void finish(int code = Success);
    void fail(const QString &message, int code = Failure);

private:
    void showHelp(const QStringList &words);

    QList<Command> m_commands;
    account::Profile m_profile;
    bool m_json = false;
    bool m_finished = false;
    bool m_running = false; // the event loop runs: finish() ends it
    int m_exitCode = Success;
    std::unique_ptr<account::AccountManager> m_accounts;
    std::unique_ptr<account::TrustStore> m_trust;
    std::unique_ptr<account::CredentialStore> m_credentials;
    std::unique_ptr<engine::TrustStorePolicy> m_policy;
};

// The positional arguments, when there are exactly `names.size()` of them; otherwise fail()
// with a usage error naming what is missing or extra.
[[nodiscard]] std::optional<QStringList> positionals(Cli &cli, const QCommandLineParser &parser,
                                                     const QStringList &names);

// The commands of each group.
[[nodiscard]] QList<Command> accountCommands();
[[nodiscard]] QList<Command> mailCommands();
[[nodiscard]] QList<Command> benchCommands();
[[nodiscard]] QList<Command> demoCommands();

} // namespace fumi::cli
