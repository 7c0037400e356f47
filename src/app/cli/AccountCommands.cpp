// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// fumi-cli account ...: add, list, remove, test, trust and discover.

#include "account/AccountRemoval.h"
#include "account/AutoconfigDiscovery.h"
#include "account/CredentialStore.h"
#include "account/OAuthProviders.h"
#include "account/OAuthSignIn.h"
#include "account/OAuthTokenSource.h"
#include "app/cli/Cli.h"
#include "app/cli/PasswordPrompt.h"
#include "engine/AccountConnector.h"
#include "engine/TrustStorePolicy.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonObject>
#include <QProcess>
#include <QSslCertificate>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace fumi::cli {

namespace {

using account::Account;
using account::Authentication;
using account::CredentialStore;

std::optional<account::ServerSettings> serverOption(Cli &cli, const QCommandLineParser &parser, const QString &name,
                                                    account::Protocol protocol)
{
    const QString securityName = parser.value(name + u"-security"_s);
    const auto security
        = securityName.isEmpty() ? std::optional(account::Security::Tls) : account::securityFromName(securityName);
    if (!security) {
        cli.fail(u"--%1-security must be tls, starttls or plain, not \"%2\"."_s.arg(name, securityName), UsageError);
        return std::nullopt;
    }
    const auto address = account::parseHostAndPort(parser.value(name));
    if (!address) {
        cli.fail(u"--%1 must be HOST or HOST:PORT, not \"%2\"."_s.arg(name, parser.value(name)), UsageError);
        return std::nullopt;
    }
    const quint16 port = address->port ? address->port : account::defaultPort(protocol, *security);
    return account::ServerSettings{address->host, port, *security};
}

QJsonObject certificateJson(const QSslCertificate &certificate)
{
    return {{u"subject"_s, certificate.subjectDisplayName()},
            {u"issuer"_s, certificate.issuerDisplayName()},
            {u"notBefore"_s, certificate.effectiveDate().toUTC().toString(Qt::ISODate)},
            {u"notAfter"_s, certificate.expiryDate().toUTC().toString(Qt::ISODate)},
            {u"sha256"_s, account::TrustStore::fingerprint(certificate)}};
}

QString certificateText(const QSslCertificate &certificate)
{
    return u"  Subject:     %1\n  Issuer:      %2\n  Valid from:  %3\n  Valid until: %4\n  SHA-256:     %5"_s.arg(
        certificate.subjectDisplayName(), certificate.issuerDisplayName(),
        certificate.effectiveDate().toUTC().toString(Qt::ISODate),
        certificate.expiryDate().toUTC().toString(Qt::ISODate), account::TrustStore::fingerprint(certificate));
}

QString authenticationText(const Authentication &authentication)
{
    switch (authentication.method) {
    case Authentication::Method::Password:
        return u"password in the keychain"_s;
    case Authentication::Method::PasswordCommand:
        return u"password command"_s;
    case Authentication::Method::OAuth2:
        return u"OAuth2 (%1)"_s.arg(authentication.oauthProvider);
    }
    return {};
}

// Opens the system browser for an OAuth2 sign-in: $BROWSER when set (as many tools do), else
// xdg-open. The address is printed too, for a browser on another machine.
void openBrowser(Cli &cli, const QUrl &url)
{
    cli.warn(u"Sign in with your browser. If it does not open, visit:\n  "_s + url.toString(QUrl::FullyEncoded));
    QString browser = qEnvironmentVariable("BROWSER");
    if (browser.isEmpty())
        browser = QStandardPaths::findExecutable(u"xdg-open"_s);
    if (!browser.isEmpty())
        QProcess::startDetached(browser, {url.toString(QUrl::FullyEncoded)});
}

void declareAccountName(QCommandLineParser &parser)
{
    parser.addPositionalArgument(u"NAME"_s, u"The account."_s);
}

// --- account add -------------------------------------------------------------------------------

void declareAdd(QCommandLineParser &parser)
{
    parser.addPositionalArgument(u"NAME"_s, u"The account's name, unique in the profile."_s);
    parser.addOptions({
        {u"email"_s, u"The email address."_s, u"ADDR"_s},
        {u"full-name"_s, u"Your name, as others see it in From."_s, u"TEXT"_s},
        {u"imap"_s, u"The IMAP server (port 993 for tls, 143 otherwise, when not given)."_s, u"HOST:PORT"_s},
        {u"imap-security"_s, u"tls (the default), starttls, or plain."_s, u"MODE"_s},
        {u"login"_s, u"The login name (the email address when not given)."_s, u"USER"_s},
        {u"smtp"_s, u"The submission server (port 465 for tls, 587 otherwise)."_s, u"HOST:PORT"_s},
        {u"smtp-security"_s, u"tls (the default), starttls, or plain."_s, u"MODE"_s},
        {u"password-stdin"_s, u"Read the password from standard input and keep it in the keychain."_s},
        {u"password-command"_s,
         u"Run CMD at each connection; its first output line is the password. Nothing is stored."_s, u"CMD"_s},
        {u"oauth"_s, u"Sign in with OAuth2 in the browser: google or microsoft."_s, u"PROVIDER"_s},
        {u"allow-plaintext"_s,
         u"Allow \"plain\" security to a server that is not on this machine: passwords and mail "
         "then cross the network unencrypted."_s},
    });
}

void addAccount(Cli &cli, const Account &account, const QString &secretNote)
{
    auto *manager = cli.accounts();
    if (!manager)
        return;
    const auto added = manager->add(account);
    if (!added.ok()) {
        // Nothing half-done stays behind: the secret stored for the new id goes again.
        if (account.authentication.method == Authentication::Method::PasswordCommand)
            return cli.fail(added.error);
        const auto secret = account.authentication.method == Authentication::Method::Password
            ? CredentialStore::Secret::Password
            : CredentialStore::Secret::OAuthRefreshToken;
        cli.credentials()->remove(account.id, secret, &cli,
                                  [&cli, error = added.error](const CredentialStore::Result &) {
                                      cli.fail(error);
                                  });
        return;
    }
    if (cli.json()) {
        cli.printJson(account::AccountManager::toJson(account));
    } else {
        cli.print(u"Added the account \"%1\" (%2)%3."_s.arg(account.displayName, account.primaryAddress(), secretNote));
    }
    cli.finish();
}

void runAdd(Cli &cli, const QCommandLineParser &parser)
{
    const auto names = positionals(cli, parser, {u"NAME"_s});
    if (!names)
        return;
    for (const QString &required : {u"email"_s, u"imap"_s}) {
        if (!parser.isSet(required))
            return cli.fail(u"--%1 is required. Try 'fumi-cli account add --help'."_s.arg(required), UsageError);
    }
    const int ways = int(parser.isSet(u"password-stdin"_s)) + int(parser.isSet(u"password-command"_s))
        + int(parser.isSet(u"oauth"_s));
    if (ways != 1) {
        return cli.fail(u"choose one way to sign in: --password-stdin, --password-command CMD or --oauth PROVIDER."_s,
                        UsageError);
    }
    Account account;
    account.id = account::newAccountId();
    account.displayName = names->first();
    account.identities = {{parser.value(u"full-name"_s), parser.value(u"email"_s), {}, {}}};
    const auto imap = serverOption(cli, parser, u"imap"_s, account::Protocol::Imap);
    if (!imap)
        return;
    account.imap = *imap;
    if (parser.isSet(u"smtp"_s)) {
        const auto smtp = serverOption(cli, parser, u"smtp"_s, account::Protocol::Submission);
        if (!smtp)
            return;
        account.smtp = *smtp;
    }
    for (const account::ServerSettings &server : {account.imap, account.smtp}) {
        if (!server.isEmpty() && server.security == account::Security::Plain && !account::isLoopbackHost(server.host)) {
            if (!parser.isSet(u"allow-plaintext"_s)) {
                return cli.fail(
                    u"%1 is not on this machine, and \"plain\" would send the password and mail unencrypted. "
                    "Use tls or starttls, or add --allow-plaintext if you really mean it."_s.arg(server.host),
                    UsageError);
            }
            cli.warn(u"Warning: the connection to %1 will not be encrypted."_s.arg(server.host));
        }
    }
    account.login = parser.isSet(u"login"_s) ? parser.value(u"login"_s) : parser.value(u"email"_s);
    if (const QStringList problems = account::validate(account); !problems.isEmpty())
        return cli.fail(problems.join(u' '), UsageError);
    auto *manager = cli.accounts();
    if (!manager)
        return;
    if (manager->find(account.displayName))
        return cli.fail(u"an account named \"%1\" exists already."_s.arg(account.displayName));

    if (parser.isSet(u"password-command"_s)) {
        account.authentication = {Authentication::Method::PasswordCommand, parser.value(u"password-command"_s), {}};
        return addAccount(cli, account, u", password from a command"_s);
    }
    if (parser.isSet(u"password-stdin"_s)) {
        const auto password = readPassword(u"Password for %1: "_s.arg(account.login));
        if (!password)
            return cli.fail(u"no password on standard input."_s);
        // The keychain first: an account is only added once its password is safe.
        cli.credentials()->write(account.id, CredentialStore::Secret::Password, *password, &cli,
                                 [&cli, account](const CredentialStore::Result &result) {
                                     if (!result.ok())
                                         return cli.fail(u"the password could not be stored, so the account was not "
                                                         "added: "_s
                                                         + result.message);
                                     addAccount(cli, account, u", password in the keychain"_s);
                                 });
        return;
    }
    QString error;
    const auto providers = account::OAuthProviders::load(cli.profile().configDirectory(), &error);
    if (!error.isEmpty())
        return cli.fail(error);
    const auto provider = providers.find(parser.value(u"oauth"_s));
    if (!provider) {
        QStringList known;
        for (const auto &p : providers.all())
            known << p.id;
        return cli.fail(
            u"unknown OAuth2 provider \"%1\" (known: %2)."_s.arg(parser.value(u"oauth"_s), known.join(u", ")),
            UsageError);
    }
    account.authentication = {Authentication::Method::OAuth2, {}, provider->id};
    auto *signIn = new account::OAuthSignIn(*provider, cli.credentials(), account.id, account.primaryAddress(), &cli);
    QObject::connect(signIn, &account::OAuthSignIn::openBrowser, &cli, [&cli](const QUrl &url) {
        openBrowser(cli, url);
    });
    QObject::connect(signIn, &account::OAuthSignIn::succeeded, &cli, [&cli, account] {
        addAccount(cli, account, u", signed in with OAuth2"_s);
    });
    QObject::connect(signIn, &account::OAuthSignIn::failed, &cli, [&cli](const QString &message) {
        cli.fail(u"signing in failed: "_s + message);
    });
    signIn->start();
}

// --- account list ------------------------------------------------------------------------------

void runList(Cli &cli, const QCommandLineParser &parser)
{
    if (!positionals(cli, parser, {}))
        return;
    auto *manager = cli.accounts();
    if (!manager)
        return;
    if (cli.json()) {
        QJsonArray array;
        for (const Account &account : manager->accounts())
            array.append(account::AccountManager::toJson(account));
        cli.printJson(array);
        return cli.finish();
    }
    if (manager->accounts().isEmpty())
        cli.print(u"No accounts. Add one with 'fumi-cli account add'."_s);
    for (const Account &account : manager->accounts()) {
        cli.print(u"%1\n  address: %2\n  IMAP:    %3 (%4)\n  login:   %5 (%6)"_s.arg(
            account.displayName, account.primaryAddress(),
            account::formatHostAndPort(account.imap.host, account.imap.port),
            account::securityName(account.imap.security), account.login, authenticationText(account.authentication)));
        if (!account.smtp.isEmpty()) {
            cli.print(u"  SMTP:    %1 (%2)"_s.arg(account::formatHostAndPort(account.smtp.host, account.smtp.port),
                                                  account::securityName(account.smtp.security)));
        }
    }
    cli.finish();
}

// --- account remove ----------------------------------------------------------------------------

void runRemove(Cli &cli, const QCommandLineParser &parser)
{
    const auto names = positionals(cli, parser, {u"NAME"_s});
    if (!names)
        return;
    const auto account = cli.account(names->first());
    if (!account)
        return;
    account::removeAccount(
        *cli.accounts(), *cli.credentials(), cli.profile(), *account, &cli,
        [&cli, account = *account](const account::AccountRemoval &removal) {
            switch (removal.failure) {
            case account::AccountRemoval::Failure::Keychain:
                return cli.fail(u"the account was not removed, because its keychain entries could not be: "_s
                                + removal.error);
            case account::AccountRemoval::Failure::Settings:
                return cli.fail(removal.error);
            case account::AccountRemoval::Failure::None:
                break;
            }
            for (const QString &directory : removal.leftBehind)
                cli.warn(u"Warning: could not remove all of %1."_s.arg(directory));
            if (cli.json())
                cli.printJson(QJsonObject{{u"removed"_s, account.displayName}, {u"id"_s, account.id}});
            else
                cli.print(
                    u"Removed the account \"%1\", its keychain entries and its cache."_s.arg(account.displayName));
            cli.finish();
        });
}

// --- account test ------------------------------------------------------------------------------

void runTest(Cli &cli, const QCommandLineParser &parser)
{
    const auto names = positionals(cli, parser, {u"NAME"_s});
    if (!names)
        return;
    const auto account = cli.account(names->first());
    if (!account)
        return;
    auto *policy = cli.certificatePolicy();
    if (!policy)
        return;
    account::OAuthTokenSource *tokens = nullptr;
    if (account->authentication.method == Authentication::Method::OAuth2) {
        QString error;
        const auto providers = account::OAuthProviders::load(cli.profile().configDirectory(), &error);
        if (!error.isEmpty())
            return cli.fail(error);
        if (const auto provider = providers.find(account->authentication.oauthProvider))
            tokens = new account::OAuthTokenSource(*provider, cli.credentials(), account->id, &cli);
    }
    auto *connector = new engine::AccountConnector(*account, engine::AccountConnector::settingsFor(*account),
                                                   cli.credentials(), policy, tokens, &cli);
    const QString where = account::formatHostAndPort(account->imap.host, account->imap.port);
    QObject::connect(connector, &engine::AccountConnector::connected, &cli,
                     [&cli, connector, account = *account, where] {
                         // The connection lives as long as the command; its signals end the command.
                         imap::Connection *connection = connector->takeConnection().release();
                         connection->setParent(&cli);
                         QStringList capabilities;
                         for (const QByteArray &capability : connection->capabilities())
                             capabilities << QString::fromLatin1(capability);
                         if (cli.json()) {
                             cli.printJson(QJsonObject{{u"account"_s, account.displayName},
                                                       {u"server"_s, where},
                                                       {u"encrypted"_s, connection->isEncrypted()},
                                                       {u"compressed"_s, connection->isCompressed()},
                                                       {u"login"_s, account.login},
                                                       {u"capabilities"_s, QJsonArray::fromStringList(capabilities)}});
                         } else {
                             cli.print(u"Connected to %1 (%2), logged in as %3.\nCapabilities: %4"_s.arg(
                                 where, connection->isEncrypted() ? u"encrypted"_s : u"NOT encrypted"_s, account.login,
                                 capabilities.join(u' ')));
                         }
                         // A polite LOGOUT; the answer does not change the result.
                         QObject::connect(connection, &imap::Connection::closed, &cli, [&cli] {
                             cli.finish();
                         });
                         QObject::connect(connection, &imap::Connection::failed, &cli, [&cli] {
                             cli.finish();
                         });
                         connection->close();
                     });
    QObject::connect(
        connector, &engine::AccountConnector::failed, &cli,
        [&cli, connector, account = *account, where](engine::AccountConnector::Error error, const QString &message) {
            using E = engine::AccountConnector::Error;
            if ((error != E::UntrustedCertificate && error != E::CertificateChanged) || !connector->refusal()) {
                return cli.fail(message);
            }
            const QSslCertificate certificate = connector->refusal()->certificate;
            const QString fingerprint = account::TrustStore::fingerprint(certificate);
            if (cli.json()) {
                cli.printJson(QJsonObject{
                    {u"account"_s, account.displayName},
                    {u"server"_s, where},
                    {u"error"_s,
                     error == E::CertificateChanged ? u"certificate-changed"_s : u"certificate-not-trusted"_s},
                    {u"message"_s, message},
                    {u"certificate"_s, certificateJson(certificate)}});
            } else {
                cli.print(
                    u"The certificate of %1:\n"_s.arg(where) + certificateText(certificate)
                    + u"\n\nIf you checked that this is your server's certificate, trust exactly "
                      "this one with:\n  fumi-cli account trust \"%1\" %2"_s.arg(account.displayName, fingerprint));
            }
            cli.fail(message, UntrustedCertificate);
        });
    connector->start();
}

// --- account trust -----------------------------------------------------------------------------

void runTrust(Cli &cli, const QCommandLineParser &parser)
{
    const auto values = positionals(cli, parser, {u"NAME"_s, u"SHA256:HEX"_s});
    if (!values)
        return;
    const auto fingerprint = account::TrustStore::parseFingerprint(values->at(1));
    if (!fingerprint) {
        return cli.fail(
            u"\"%1\" is not a SHA-256 fingerprint; copy the one 'fumi-cli account test' printed."_s.arg(values->at(1)),
            UsageError);
    }
    const auto account = cli.account(values->at(0));
    if (!account)
        return;
    auto *trust = cli.trust();
    if (!trust)
        return;
    if (const QString error = trust->trust(account->imap.host, account->imap.port, *fingerprint); !error.isEmpty())
        return cli.fail(error);
    const QString where = account::formatHostAndPort(account->imap.host, account->imap.port);
    const QString shown = account::TrustStore::formatFingerprint(*fingerprint);
    if (cli.json())
        cli.printJson(QJsonObject{{u"server"_s, where}, {u"sha256"_s, shown}});
    else
        cli.print(u"Trusting exactly the certificate %1 for %2."_s.arg(shown, where));
    cli.finish();
}

// --- account discover --------------------------------------------------------------------------

void runDiscover(Cli &cli, const QCommandLineParser &parser)
{
    const auto values = positionals(cli, parser, {u"ADDR"_s});
    if (!values)
        return;
    auto *discovery = new account::AutoconfigDiscovery(&cli);
    QObject::connect(discovery, &account::AutoconfigDiscovery::finished, &cli,
                     [&cli](const account::DiscoveryResult &result) {
                         if (!result.ok())
                             return cli.fail(result.errorMessage, UsageError);
                         if (cli.json())
                             cli.printJson(result.toJson());
                         else
                             cli.print(result.toText());
                         if (result.imap.isEmpty())
                             return cli.fail(u"found no IMAP server for %1."_s.arg(result.domain));
                         cli.finish();
                     });
    discovery->discover(values->first());
}

} // namespace

QList<Command> accountCommands()
{
    return {
        {{u"account"_s, u"add"_s},
         u"NAME --email ADDR --imap HOST:PORT [--imap-security tls|starttls|plain] [--login USER] [--smtp HOST:PORT "
         "--smtp-security tls|starttls|plain] (--password-stdin | --password-command CMD | --oauth google|microsoft)"_s,
         u"Adds an account. The password goes to the system keychain (--password-stdin), is asked from a command at "
         "each connection (--password-command), or is replaced by an OAuth2 sign-in (--oauth)."_s,
         declareAdd,
         runAdd},
        {{u"account"_s, u"list"_s}, {}, u"Lists the accounts of the profile."_s, {}, runList},
        {{u"account"_s, u"remove"_s},
         u"NAME"_s,
         u"Removes an account with its keychain entries and its local cache. Mail on the server is not touched."_s,
         declareAccountName,
         runRemove},
        {{u"account"_s, u"test"_s},
         u"NAME"_s,
         u"Connects, checks TLS, logs in, and prints the server's capabilities. When the certificate is not trusted, "
         "prints it and exits with 3."_s,
         declareAccountName,
         runTest},
        {{u"account"_s, u"trust"_s},
         u"NAME SHA256:HEX"_s,
         u"Trusts exactly the certificate with this SHA-256 fingerprint for the account's IMAP server and port."_s,
         [](QCommandLineParser &parser) {
             declareAccountName(parser);
             parser.addPositionalArgument(u"SHA256:HEX"_s, u"The fingerprint 'account test' printed."_s);
         },
         runTrust},
        {{u"account"_s, u"discover"_s},
         u"ADDR"_s,
         u"Finds the servers of an address: the provider's autoconfig file, DNS SRV records, then guesses; best "
         "first."_s,
         [](QCommandLineParser &parser) {
             parser.addPositionalArgument(u"ADDR"_s, u"An email address."_s);
         },
         runDiscover},
    };
}

} // namespace fumi::cli
