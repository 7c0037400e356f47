// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "app/cli/Cli.h"

#include "account/KeychainCredentialStore.h"
#include "engine/TrustStorePolicy.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>

#include <algorithm>
#include <cstdio>

using namespace Qt::StringLiterals;

namespace fumi::cli {

namespace {

void write(FILE *stream, const QString &text)
{
    const QByteArray bytes = QString(text + u'\n').toUtf8();
    std::fwrite(bytes.constData(), 1, size_t(bytes.size()), stream);
    std::fflush(stream);
}

QString synopsis(const Command &command)
{
    return u"fumi-cli "_s + command.words.join(u' ')
        + (command.arguments.isEmpty() ? QString() : u' ' + command.arguments);
}

const QString globalHelp = u"Global options (before or after the command):\n"
                           "  --profile DIR  keep all configuration, data and cache below DIR\n"
                           "                 (two profiles behave as two independent devices)\n"
                           "  --json         print results as JSON for programs\n"
                           "  -h, --help     help for fumi-cli or for one command\n"
                           "\n"
                           "Exit codes: 0 success, 1 failure (stderr says why), 2 wrong command line,\n"
                           "3 the server's certificate is not trusted."_s;

} // namespace

Cli::Cli(QList<Command> commands, QObject *parent)
    : QObject(parent)
    , m_commands(std::move(commands))
    , m_profile(account::Profile::standard())
{
}

Cli::~Cli() = default;

std::optional<int> Cli::start(const QStringList &arguments)
{
    // Global options may stand before the command words; everything after the words goes to
    // the command's own parser, which knows the global options too.
    QStringList words;
    bool help = false;
    const Command *command = nullptr;
    qsizetype i = 1;
    while (i < arguments.size() && !command) {
        const QString &argument = arguments.at(i);
        if (argument == u"--profile" && i + 1 < arguments.size()) {
            m_profile = account::Profile::inDirectory(arguments.at(i + 1));
            i += 2;
            continue;
        }
        if (argument.startsWith(u"--profile=")) {
            m_profile = account::Profile::inDirectory(argument.mid(10));
        } else if (argument == u"--json") {
            m_json = true;
        } else if (argument == u"--help" || argument == u"-h") {
            help = true;
        } else if (argument == u"--version") {
            print(u"fumi-cli "_s + QCoreApplication::applicationVersion());
            return Success;
        } else if (argument.startsWith(u'-')) {
            break; // an option of a command the words have not named
        } else {
            words << argument;
            for (const Command &candidate : std::as_const(m_commands)) {
                if (candidate.words == words)
                    command = &candidate;
            }
        }
        ++i;
    }
    if (!command) {
        const bool group = std::any_of(m_commands.cbegin(), m_commands.cend(), [&](const Command &candidate) {
            return !words.isEmpty() && candidate.words.mid(0, words.size()) == words;
        });
        if (help || words.isEmpty()) {
            showHelp(group ? words : QStringList());
            return help ? Success : UsageError;
        }
        fail(group ? u"\"%1\" needs a command. Try 'fumi-cli %1 --help'."_s.arg(words.join(u' '))
                   : u"unknown command \"%1\". Try 'fumi-cli --help'."_s.arg(words.join(u' ')),
             UsageError);
        return UsageError;
    }
    const QStringList rest = arguments.mid(i);

    QCommandLineParser parser;
    parser.setSingleDashWordOptionMode(QCommandLineParser::ParseAsLongOptions);
    parser.addOption({u"json"_s, u"Print results as JSON."_s});
    parser.addOption({u"profile"_s, u"Keep everything below DIR."_s, u"DIR"_s});
    parser.addOption({{u"h"_s, u"help"_s}, u"Show this help."_s});
    if (command->declare)
        command->declare(parser);
    if (!parser.parse(QStringList{u"fumi-cli"_s} + rest)) {
        fail(parser.errorText() + u". Try 'fumi-cli "_s + command->words.join(u' ') + u" --help'."_s, UsageError);
        return UsageError;
    }
    if (help || parser.isSet(u"help"_s)) {
        QString options = parser.helpText();
        options = options.mid(options.indexOf(u"Options:"));
        print(u"Usage: "_s + synopsis(*command) + u"\n\n"_s + command->description + u"\n\n"_s + options + u'\n'
              + globalHelp);
        return Success;
    }
    if (parser.isSet(u"profile"_s))
        m_profile = account::Profile::inDirectory(parser.value(u"profile"_s));
    m_json = m_json || parser.isSet(u"json"_s);

    command->run(*this, parser);
    if (m_finished)
        return m_exitCode;
    m_running = true;
    return std::nullopt;
}

void Cli::showHelp(const QStringList &words)
{
    QStringList lines{u"Usage: fumi-cli [--profile DIR] [--json] COMMAND ...\n\nFumi's headless companion: "
                      "accounts and mail from the command line.\n\nCommands:"_s};
    for (const Command &command : std::as_const(m_commands)) {
        if (words.isEmpty() || command.words.mid(0, words.size()) == words)
            lines << u"  "_s + synopsis(command).mid(9) << u"      "_s + command.description.section(u'\n', 0, 0);
    }
    lines << QString() << u"'fumi-cli COMMAND --help' describes one command."_s << QString() << globalHelp;
    print(lines.join(u'\n'));
}

account::AccountManager *Cli::accounts()
{
    if (!m_accounts) {
        m_accounts = std::make_unique<account::AccountManager>(m_profile.accountsFile());
        if (!m_accounts->load()) {
            fail(m_accounts->errorString());
            return nullptr;
        }
    }
    return m_accounts.get();
}

account::TrustStore *Cli::trust()
{
    if (!m_trust) {
        m_trust = std::make_unique<account::TrustStore>(m_profile.trustFile());
        if (!m_trust->load()) {
            fail(m_trust->errorString());
            return nullptr;
        }
    }
    return m_trust.get();
}

account::CredentialStore *Cli::credentials()
{
    if (!m_credentials)
        m_credentials = std::make_unique<account::KeychainCredentialStore>();
    return m_credentials.get();
}

engine::TrustStorePolicy *Cli::certificatePolicy()
{
    if (!m_policy) {
        auto *store = trust();
        if (!store)
            return nullptr;
        m_policy = std::make_unique<engine::TrustStorePolicy>(store);
    }
    return m_policy.get();
}

std::optional<account::Account> Cli::account(const QString &name)
{
    auto *manager = accounts();
    if (!manager)
        return std::nullopt;
    auto found = manager->find(name);
    if (!found) {
        QStringList names;
        for (const account::Account &account : manager->accounts())
            names << account.displayName;
        fail(names.isEmpty() ? u"there is no account named \"%1\"; this profile has no accounts."_s.arg(name)
                             : u"there is no account named \"%1\" (accounts: %2)."_s.arg(name, names.join(u", ")));
    }
    return found;
}

void Cli::print(const QString &text)
{
    write(stdout, text);
}

void Cli::printJson(const QJsonValue &value)
{
    const QJsonDocument document = value.isArray() ? QJsonDocument(value.toArray()) : QJsonDocument(value.toObject());
    write(stdout, QString::fromUtf8(document.toJson(QJsonDocument::Indented)).trimmed());
}

void Cli::warn(const QString &text)
{
    write(stderr, text);
}

void Cli::finish(int code)
{
    if (m_finished)
        return;
    m_finished = true;
    m_exitCode = code;
    if (m_running)
        QCoreApplication::exit(code);
}

void Cli::fail(const QString &message, int code)
{
    if (m_finished)
        return;
    warn(u"fumi-cli: "_s + message);
    finish(code);
}

std::optional<QStringList> positionals(Cli &cli, const QCommandLineParser &parser, const QStringList &names)
{
    const QStringList values = parser.positionalArguments();
    if (values.size() == names.size())
        return values;
    cli.fail(values.size() < names.size() ? u"missing %1."_s.arg(names.mid(values.size()).join(u", "))
                                          : u"unexpected argument \"%1\"."_s.arg(values.at(names.size())),
             UsageError);
    return std::nullopt;
}

} // namespace fumi::cli
