// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// fumi-cli demo-server: a private Dovecot with two seeded accounts and a profile for them, for
// `./dev demo` and for screenshots.
//
// Like `bench`, a developer command: it starts Dovecot through the test fixture of
// tests/support (DovecotServer), so it needs dovecot and doveadm installed, as in ./dev's build
// root. The accounts go into the profile through `account add` and `account trust` themselves,
// run in this process, so the demo profile is exactly what a user would have made.

#include "account/TrustStore.h"
#include "app/cli/Cli.h"
#include "app/cli/MaildirGenerator.h"
#include "app/cli/StopSignals.h"
#include "support/DovecotServer.h"

#include <QDir>
#include <QFileInfo>
#include <QTemporaryDir>

#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace fumi::cli {

namespace {

constexpr qsizetype defaultMessages = 3000;
// Not a secret: the demo's password, printed by each account's password command.
const auto demoPassword = u"fumi-demo"_s;

struct DemoAccount {
    QString name;  // the account's name in the profile
    QString user;  // the Dovecot user
    QString email; // also the To of its mail
    int share;     // percent of the messages
};
const QList<DemoAccount> demoAccounts{
    {u"Work"_s, u"work"_s, u"alex@work.example"_s, 60},
    {u"Home"_s, u"home"_s, u"alex@home.example"_s, 40},
};

// Nested folders as a person files them; the parents exist as folders of their own. Sent, Drafts,
// Trash, Junk and Archive carry SPECIAL-USE through DovecotServer's configuration.
const QList<MaildirGenerator::Folder> demoFolders{
    {u"INBOX"_s, 30},
    {u"Archive"_s, 0},
    {u"Archive/2025"_s, 15},
    {u"Archive/2026"_s, 15},
    {u"Projects"_s, 0},
    {u"Projects/Fumi"_s, 8},
    {u"Projects/Fumi/Design"_s, 4},
    {u"Lists"_s, 0},
    {u"Lists/dev"_s, 14},
    {u"Sent"_s, 8},
    {u"Drafts"_s, 1},
    {u"Trash"_s, 3},
    {u"Junk"_s, 2},
};

// Everything the running demo holds; it goes, in this order, when the command is stopped.
struct Demo {
    std::unique_ptr<QTemporaryDir> workspace; // the mail, and the profile unless --profile was given
    std::unique_ptr<test::DovecotServer> dovecot;
    QString profile;
    bool profileIsOurs = true;
    bool stopped = false; // a second Ctrl+C finds nothing left to do
};

void declareDemoServer(QCommandLineParser &parser)
{
    parser.addOptions({
        {u"messages"_s, u"How many messages the two accounts hold together (default %1)."_s.arg(defaultMessages),
         u"N"_s},
        {u"seed"_s, u"The generator's seed: the same seed gives the same mail (default 1)."_s, u"S"_s},
    });
}

// Runs one of fumi-cli's own commands on the demo profile, in this process.
bool runCommand(Cli &cli, const QString &profile, const QStringList &arguments)
{
    Cli nested(accountCommands());
    const auto code = nested.start(QStringList{u"fumi-cli"_s, u"--profile"_s, profile} + arguments);
    if (code == Success)
        return true;
    // Every account command that the demo runs finishes at once: nothing waits for the event loop.
    cli.fail(u"'fumi-cli %1' failed (exit code %2)."_s.arg(arguments.join(u' ')).arg(code.value_or(-1)));
    return false;
}

void stop(Cli &cli, const std::shared_ptr<Demo> &demo)
{
    if (demo->stopped)
        return;
    demo->stopped = true;
    if (demo->dovecot) {
        demo->dovecot->stop();
        demo->dovecot.reset();
    }
    const QString workspace = demo->workspace ? demo->workspace->path() : QString();
    if (demo->workspace && !demo->workspace->remove())
        cli.warn(u"Could not remove all of %1."_s.arg(workspace));
    demo->workspace.reset();
    if (demo->profileIsOurs)
        cli.print(u"Stopped Dovecot and removed %1 with the demo profile."_s.arg(workspace));
    else
        cli.print(u"Stopped Dovecot and removed %1; the profile %2 stays."_s.arg(workspace, demo->profile));
}

void runDemoServer(Cli &cli, const QCommandLineParser &parser)
{
    if (!positionals(cli, parser, {}))
        return;
    if (cli.json())
        return cli.fail(u"demo-server prints text only."_s, UsageError);
    qsizetype messages = defaultMessages;
    if (parser.isSet(u"messages"_s)) {
        bool ok = false;
        messages = parser.value(u"messages"_s).toLongLong(&ok);
        if (!ok || messages < 0)
            return cli.fail(u"--messages must be a non-negative number."_s, UsageError);
    }
    quint64 seed = 1;
    if (parser.isSet(u"seed"_s)) {
        bool ok = false;
        seed = parser.value(u"seed"_s).toULongLong(&ok);
        if (!ok)
            return cli.fail(u"--seed must be a non-negative number."_s, UsageError);
    }

    // Watched from the start: a Ctrl+C while the mail is made waits in the pipe, and stops the demo
    // as soon as the event loop runs, instead of being lost (a background job ignores SIGINT).
    auto *stopSignals = new StopSignals(&cli);
    if (!stopSignals->isWatching())
        return cli.fail(stopSignals->errorString());
    auto demo = std::make_shared<Demo>();
    demo->workspace = std::make_unique<QTemporaryDir>(QDir::temp().filePath(u"fumi-demo-XXXXXX"_s));
    if (!demo->workspace->isValid())
        return cli.fail(u"cannot create a temporary folder: "_s + demo->workspace->errorString());
    const QDir workspace(demo->workspace->path());
    // Dovecot's mail processes run as 'nobody' when we are root, and must reach the Maildirs.
    ::chmod(QFile::encodeName(workspace.path()).constData(), 0755);
    demo->profileIsOurs = cli.profile().directory().isEmpty();
    demo->profile = demo->profileIsOurs ? workspace.filePath(u"profile"_s) : cli.profile().directory();
    if (!demo->profileIsOurs) {
        // The demo's accounts have fixed names; a profile that has accounts is someone's own.
        auto *accounts = cli.accounts();
        if (!accounts)
            return;
        if (!accounts->accounts().isEmpty()) {
            return cli.fail(u"the profile %1 has accounts already; give a new or empty folder, or no --profile "
                            "for a temporary one."_s.arg(demo->profile),
                            UsageError);
        }
    }

    // The mail: each account its share, from a seed of its own.
    QList<QStringList> folderLines;
    qsizetype left = messages;
    for (qsizetype i = 0; i < demoAccounts.size(); ++i) {
        const DemoAccount &account = demoAccounts.at(i);
        const qsizetype count = i + 1 == demoAccounts.size() ? left : messages * account.share / 100;
        left -= count;
        MaildirGenerator::Options options;
        options.recipient = QByteArray("\"Alex Demo\" <" + account.email.toUtf8() + '>');
        options.remoteImagePercent = 40;
        options.textAttachmentPercent = 25;
        MaildirGenerator generator(seed + quint64(i), count, options);
        QList<qsizetype> counts;
        const QString maildir = workspace.filePath(u"mail/"_s + account.user);
        const auto summary = generator.generateFolders(maildir, demoFolders, &counts);
        if (!summary)
            return cli.fail(generator.errorString());
        QStringList line;
        for (qsizetype f = 0; f < demoFolders.size(); ++f)
            line << u"%1 %2"_s.arg(demoFolders.at(f).name).arg(counts.at(f));
        cli.print(u"Generated %1 messages for %2 <%3> (%4 with HTML, %5 of them with a remote image; %6 with "
                  "attachments; %7 in Japanese; %8 unread):\n  %9"_s.arg(summary->messages)
                      .arg(account.name, account.email)
                      .arg(summary->alternative + summary->withAttachments)
                      .arg(summary->remoteImages)
                      .arg(summary->withAttachments)
                      .arg(summary->japaneseUtf8 + summary->japaneseIso2022)
                      .arg(summary->messages - summary->seen)
                      .arg(line.join(u", "_s)));
    }

    demo->dovecot = std::make_unique<test::DovecotServer>();
    QList<test::DovecotServer::User> users;
    for (const DemoAccount &account : demoAccounts) {
        demo->dovecot->setMaildir(account.user, workspace.filePath(u"mail/"_s + account.user));
        users.append({account.user, demoPassword, {}});
    }
    if (!demo->dovecot->start(users))
        return cli.fail(u"cannot start Dovecot: "_s + demo->dovecot->errorString());
    QStringList allFolders;
    for (const auto &folder : demoFolders)
        allFolders << folder.name;
    for (const DemoAccount &account : demoAccounts) {
        if (demo->dovecot->doveadm(QStringList{u"mailbox"_s, u"subscribe"_s, u"-u"_s, account.user} + allFolders) != 0)
            return cli.fail(u"doveadm could not subscribe the folders of "_s + account.user);
    }
    const QString host = test::DovecotServer::host();
    const QString port = QString::number(demo->dovecot->imapsPort());
    const QString fingerprint = account::TrustStore::fingerprint(demo->dovecot->serverCertificate());
    cli.print(
        u"Dovecot serves them on %1:%2 with TLS (its files in %3)."_s.arg(host, port, demo->dovecot->directory()));

    for (const DemoAccount &account : demoAccounts) {
        if (!runCommand(cli, demo->profile,
                        {u"account"_s, u"add"_s, account.name, u"--email"_s, account.email, u"--full-name"_s,
                         u"Alex Demo"_s, u"--imap"_s, host + u':' + port, u"--imap-security"_s, u"tls"_s, u"--login"_s,
                         account.user, u"--password-command"_s, u"echo "_s + demoPassword})
            || !runCommand(cli, demo->profile, {u"account"_s, u"trust"_s, account.name, fingerprint})) {
            return;
        }
    }

    QObject::connect(stopSignals, &StopSignals::received, &cli, [&cli, demo] {
        stop(cli, demo);
        cli.finish();
    });
    cli.print(u"Profile: "_s + demo->profile);
    cli.print(u"Try: fumi --profile %1\n     fumi-cli --profile %1 mailboxes Work\n"
              "Ready. Ctrl+C (or SIGTERM) stops Dovecot and removes the demo's files."_s.arg(demo->profile));
}

} // namespace

QList<Command> demoCommands()
{
    return {
        {{u"demo-server"_s},
         u"[--messages N] [--seed S]"_s,
         u"Serve two demo accounts from a private Dovecot until Ctrl+C, with a profile for them.\n"
         "Generates seeded mail for \"Work\" and \"Home\" (nested folders, English and Japanese in UTF-8 and\n"
         "ISO-2022-JP, HTML with remote images, attachments, threads, unread and flagged), serves it\n"
         "from Dovecot on a free loopback port over TLS, and adds both accounts to the profile with a\n"
         "password command and the server's certificate trusted for exactly that port. Without\n"
         "--profile the profile is a temporary folder; the line \"Profile: DIR\" names it and \"Ready.\"\n"
         "follows when the server is up. SIGINT or SIGTERM stops Dovecot and removes the mail and the\n"
         "temporary profile (a profile given with --profile stays).\n"
         "\n"
         "A developer command: it runs Dovecot through the test fixture of tests/support and needs\n"
         "dovecot and doveadm installed, as in ./dev's build root (./dev demo)."_s,
         declareDemoServer,
         runDemoServer},
    };
}

} // namespace fumi::cli
