// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// fumi-cli's mail commands: the account engine driven from the command line, with the same
// store, journal and sync as the GUI. Each command starts the engine (which locks the account
// for this profile), does its one thing, and stops it.

#include "Cli.h"
#include "EngineRunner.h"

#include "engine/MessageStructure.h"
#include "engine/SearchQuery.h"
#include "engine/SearchUpdate.h"
#include "store/AccountStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>

#include <algorithm>
#include <memory>

using namespace Qt::StringLiterals;

namespace fumi::cli {

namespace {

using engine::AccountEngine;
using RequestId = AccountEngine::RequestId;

// Starts the account's engine, then runs `then` with it; any failure ends the command.
void withEngine(Cli &cli, const QString &name, std::function<void(EngineRunner &)> then)
{
    const std::optional<account::Account> account = cli.account(name);
    if (!account)
        return;
    if (!cli.credentials() || !cli.trust())
        return;
    auto *runner = new EngineRunner(cli, *account, &cli);
    runner->request(
        [](AccountEngine &engine) {
            return engine.start();
        },
        [&cli, runner, then = std::move(then)](bool ok, const QString &error, const QVariant &) {
            if (!ok)
                return runner->stop([&cli, error] {
                    cli.fail(error);
                });
            then(*runner);
        });
}

// Ends the command after stopping the engine, so the account is unlocked and the server
// gets its LOGOUT.
void done(Cli &cli, EngineRunner &runner, const QString &error = {})
{
    runner.stop([&cli, error] {
        if (error.isEmpty())
            cli.finish();
        else
            cli.fail(error);
    });
}

std::optional<UidSet> uidSet(Cli &cli, const QString &text)
{
    const ParseResult<UidSet> parsed = UidSet::fromImapSequenceSet(text.toLatin1(), maxUid);
    if (!parsed) {
        cli.fail(u"\"%1\" is not a UID set such as 4, 1:10 or 3,7:9 (%2)."_s.arg(text, parsed.error().message),
                 UsageError);
        return std::nullopt;
    }
    return parsed.value();
}

QString specialUseName(store::SpecialUse use)
{
    switch (use) {
    case store::SpecialUse::None:
        return {};
    case store::SpecialUse::All:
        return u"all"_s;
    case store::SpecialUse::Archive:
        return u"archive"_s;
    case store::SpecialUse::Drafts:
        return u"drafts"_s;
    case store::SpecialUse::Flagged:
        return u"flagged"_s;
    case store::SpecialUse::Junk:
        return u"junk"_s;
    case store::SpecialUse::Sent:
        return u"sent"_s;
    case store::SpecialUse::Trash:
        return u"trash"_s;
    case store::SpecialUse::Important:
        return u"important"_s;
    }
    return {};
}

QJsonArray flagList(const Flags &flags)
{
    QJsonArray list;
    const QByteArray text = flags.toImapList();
    for (const QByteArray &flag : text.mid(1, text.size() - 2).split(' ')) {
        if (!flag.isEmpty())
            list.append(QString::fromUtf8(flag));
    }
    return list;
}

QJsonObject rowJson(const store::MessageRecord &row)
{
    return QJsonObject{{u"uid"_s, qint64(row.uid)},
                       {u"flags"_s, flagList(row.flags)},
                       {u"date"_s, row.shownDate().toString(Qt::ISODate)},
                       {u"from"_s, row.fromName.isEmpty() ? row.fromAddress : row.fromName},
                       {u"from_address"_s, row.fromAddress},
                       {u"subject"_s, row.subject},
                       {u"size"_s, qint64(row.size)}};
}

QJsonObject deltaJson(const QString &mailbox, const engine::MailboxDelta &delta)
{
    QJsonObject object{{u"mailbox"_s, mailbox}};
    if (delta.reset)
        object.insert(u"reset"_s, true);
    if (!delta.inserted.empty()) {
        QJsonArray rows;
        for (const store::MessageRecord &row : delta.inserted)
            rows.append(rowJson(row));
        object.insert(u"inserted"_s, rows);
    }
    if (!delta.updated.empty()) {
        QJsonArray rows;
        for (const store::MessageRecord &row : delta.updated)
            rows.append(rowJson(row));
        object.insert(u"updated"_s, rows);
    }
    if (!delta.removed.isEmpty())
        object.insert(u"removed"_s, QString::fromLatin1(delta.removed.toImapSequenceSet()));
    if (!delta.flags.empty()) {
        QJsonArray flags;
        for (const store::FlagUpdate &update : delta.flags)
            flags.append(QJsonObject{{u"uid"_s, qint64(update.uid)}, {u"flags"_s, flagList(update.flags)}});
        object.insert(u"flags"_s, flags);
    }
    if (delta.counts) {
        object.insert(u"messages"_s, qint64(delta.counts->messages));
        object.insert(u"unseen"_s, qint64(delta.counts->unseen));
    }
    return object;
}

void declareName(QCommandLineParser &parser)
{
    parser.addPositionalArgument(u"NAME"_s, u"The account's name (see 'account list')."_s);
}

void declareNameMailbox(QCommandLineParser &parser)
{
    declareName(parser);
    parser.addPositionalArgument(u"MAILBOX"_s, u"A mailbox path such as INBOX or Archive/2026."_s);
}

void declareTransfer(QCommandLineParser &parser)
{
    declareNameMailbox(parser);
    parser.addPositionalArgument(u"UIDSET"_s, u"UIDs such as 4, 1:10 or 3,7:9."_s);
    parser.addPositionalArgument(u"[NAME2:]TARGET"_s,
                                 u"The target mailbox; NAME2:TARGET is TARGET in the account NAME2 (move only)."_s);
}

// --- the commands ----------------------------------------------------------------------------

void printMailboxes(Cli &cli, const QList<store::MailboxRecord> &mailboxes)
{
    if (cli.json()) {
        QJsonArray list;
        for (const store::MailboxRecord &mailbox : mailboxes) {
            list.append(QJsonObject{{u"path"_s, mailbox.path},
                                    {u"special_use"_s, specialUseName(mailbox.specialUse)},
                                    {u"subscribed"_s, mailbox.subscribed},
                                    {u"selectable"_s, mailbox.selectable},
                                    {u"messages"_s, qint64(mailbox.counts.messages)},
                                    {u"unseen"_s, qint64(mailbox.counts.unseen)}});
        }
        cli.printJson(list);
        return;
    }
    for (const store::MailboxRecord &mailbox : mailboxes) {
        const QString use = specialUseName(mailbox.specialUse);
        cli.print(u"%1%2  %3 messages, %4 unseen%5"_s.arg(mailbox.path, use.isEmpty() ? QString() : u" (%1)"_s.arg(use))
                      .arg(mailbox.counts.messages)
                      .arg(mailbox.counts.unseen)
                      .arg(mailbox.subscribed ? QString() : u", not subscribed"_s));
    }
}

void runMailboxes(Cli &cli, const QCommandLineParser &parser)
{
    const auto args = positionals(cli, parser, {u"NAME"_s});
    if (!args)
        return;
    withEngine(cli, args->at(0), [&cli](EngineRunner &runner) {
        QList<store::MailboxRecord> mailboxes;
        runner.onEngineThread([&](AccountEngine &engine) {
            mailboxes = engine.mailboxes();
        });
        printMailboxes(cli, mailboxes);
        done(cli, runner);
    });
}

// Opens the mailboxes one after another.
void syncEach(Cli &cli, EngineRunner &runner, QStringList paths, QJsonArray report)
{
    if (paths.isEmpty()) {
        if (cli.json())
            cli.printJson(report);
        return done(cli, runner);
    }
    const QString path = paths.takeFirst();
    runner.request(
        [path](AccountEngine &engine) {
            return engine.openMailbox(path);
        },
        [&cli, &runner, path, paths, report](bool ok, const QString &error, const QVariant &) mutable {
            if (!ok)
                return done(cli, runner, error);
            std::optional<store::MailboxRecord> mailbox;
            runner.onEngineThread([&](AccountEngine &engine) {
                mailbox = engine.store()->mailboxByPath(path);
            });
            const quint32 messages = mailbox ? mailbox->counts.messages : 0;
            const quint32 unseen = mailbox ? mailbox->counts.unseen : 0;
            if (cli.json())
                report.append(QJsonObject{
                    {u"mailbox"_s, path}, {u"messages"_s, qint64(messages)}, {u"unseen"_s, qint64(unseen)}});
            else
                cli.print(u"%1: %2 messages, %3 unseen"_s.arg(path).arg(messages).arg(unseen));
            syncEach(cli, runner, paths, report);
        });
}

void runSync(Cli &cli, const QCommandLineParser &parser)
{
    const auto args = positionals(cli, parser, {u"NAME"_s});
    if (!args)
        return;
    const QString only = parser.value(u"mailbox"_s);
    withEngine(cli, args->at(0), [&cli, only](EngineRunner &runner) {
        QStringList paths;
        if (!only.isEmpty()) {
            paths.append(only);
        } else {
            runner.onEngineThread([&](AccountEngine &engine) {
                for (const store::MailboxRecord &mailbox : engine.mailboxes()) {
                    if (mailbox.selectable)
                        paths.append(mailbox.path);
                }
            });
        }
        syncEach(cli, runner, paths, {});
    });
}

void runMessages(Cli &cli, const QCommandLineParser &parser)
{
    const auto args = positionals(cli, parser, {u"NAME"_s, u"MAILBOX"_s});
    if (!args)
        return;
    bool numeric = true;
    const qsizetype limit = parser.isSet(u"limit"_s) ? parser.value(u"limit"_s).toLongLong(&numeric) : 50;
    if (!numeric || limit < 1)
        return cli.fail(u"--limit must be a positive number."_s, UsageError);
    const QString path = args->at(1);
    withEngine(cli, args->at(0), [&cli, path, limit](EngineRunner &runner) {
        runner.request(
            [path](AccountEngine &engine) {
                return engine.openMailbox(path);
            },
            [&cli, &runner, path, limit](bool ok, const QString &error, const QVariant &result) {
                if (!ok)
                    return done(cli, runner, error);
                std::vector<store::MessageRecord> rows;
                runner.onEngineThread([&](AccountEngine &engine) {
                    rows = engine.store()->newestMessages(result.toLongLong(), limit);
                });
                if (cli.json()) {
                    QJsonArray list;
                    for (const store::MessageRecord &row : rows)
                        list.append(rowJson(row));
                    cli.printJson(list);
                } else {
                    for (const store::MessageRecord &row : rows) {
                        const QDateTime when = row.shownDate();
                        cli.print(u"%1  %2  %3  %4  %5"_s.arg(row.uid, 6)
                                      .arg(QString::fromLatin1(row.flags.toImapList()), -20)
                                      .arg(when.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s))
                                      .arg(row.fromName.isEmpty() ? row.fromAddress : row.fromName, -24)
                                      .arg(row.subject));
                    }
                }
                done(cli, runner);
            });
    });
}

// Opens MAILBOX (so its rows are local), then sends one journal request and waits for it.
void journalCommand(Cli &cli, const QString &name, const QString &mailbox,
                    std::function<RequestId(AccountEngine &)> send, QString success)
{
    withEngine(cli, name, [&cli, mailbox, send = std::move(send), success](EngineRunner &runner) {
        auto operate = [&cli, &runner, send, success] {
            runner.request(send, [&cli, &runner, success](bool ok, const QString &error, const QVariant &) {
                if (ok && !cli.json())
                    cli.print(success);
                else if (ok)
                    cli.printJson(QJsonObject{{u"ok"_s, true}, {u"done"_s, success}});
                done(cli, runner, ok ? QString() : error);
            });
        };
        if (mailbox.isEmpty())
            return operate();
        runner.request(
            [mailbox](AccountEngine &engine) {
                return engine.openMailbox(mailbox);
            },
            [&cli, &runner, operate](bool ok, const QString &error, const QVariant &) {
                if (!ok)
                    return done(cli, runner, error);
                operate();
            });
    });
}

void runFlag(Cli &cli, const QCommandLineParser &parser)
{
    const auto args = positionals(cli, parser, {u"NAME"_s, u"MAILBOX"_s, u"UIDSET"_s, u"+FLAG|-FLAG"_s});
    if (!args)
        return;
    const auto uids = uidSet(cli, args->at(2));
    if (!uids)
        return;
    const QString change = args->at(3);
    Flags flag;
    if (change.size() < 2 || (change[0] != u'+' && change[0] != u'-') || !flag.addName(change.mid(1).toUtf8()))
        return cli.fail(u"\"%1\" must be +FLAG or -FLAG, such as +\\Seen, -\\Flagged or +$Label1."_s.arg(change),
                        UsageError);
    const bool add = change[0] == u'+';
    const QString path = args->at(1);
    journalCommand(
        cli, args->at(0), path,
        [path, uids = *uids, flag, add](AccountEngine &engine) {
            return engine.setFlags(path, uids, add ? flag : Flags(), add ? Flags() : flag);
        },
        u"Changed the flags of %1 in %2."_s.arg(args->at(2), path));
}

// Starts a second account's engine beside `runner`'s, each registered as the other's target of
// moves between accounts, then runs `then`; a failure to start it stops both and ends the
// command. The second account is locked like the first: neither may be open elsewhere.
void withSecondEngine(Cli &cli, EngineRunner &runner, const account::Account &other,
                      std::function<void(EngineRunner &second)> then)
{
    auto *second = new EngineRunner(cli, other, &cli);
    runner.engine().addAppendTarget(second->engine().appendTarget());
    second->engine().addAppendTarget(runner.engine().appendTarget());
    second->request(
        [](AccountEngine &engine) {
            return engine.start();
        },
        [&cli, &runner, second, then = std::move(then)](bool ok, const QString &error, const QVariant &) {
            if (!ok)
                return second->stop([&cli, &runner, error] {
                    done(cli, runner, error);
                });
            then(*second);
        });
}

// Ends a command that runs two engines: both stop (and unlock) before it ends.
void doneWithBoth(Cli &cli, EngineRunner &runner, EngineRunner &second, const QString &error = {})
{
    second.stop([&cli, &runner, error] {
        done(cli, runner, error);
    });
}

// Sends one journal request to `runner`'s engine with `second` running beside it, and waits.
void journalCommandWithSecond(Cli &cli, EngineRunner &runner, EngineRunner &second,
                              const std::function<RequestId(AccountEngine &)> &send, const QString &success)
{
    runner.request(send, [&cli, &runner, &second, success](bool ok, const QString &error, const QVariant &) {
        if (ok && !cli.json())
            cli.print(success);
        else if (ok)
            cli.printJson(QJsonObject{{u"ok"_s, true}, {u"done"_s, success}});
        doneWithBoth(cli, runner, second, ok ? QString() : error);
    });
}

void runMoveToAccount(Cli &cli, const QString &name, const QString &path, const QString &uidText, const UidSet &uids,
                      const account::Account &other, const QString &target)
{
    const std::optional<account::Account> source = cli.account(name);
    if (!source)
        return;
    if (source->id == other.id)
        return cli.fail(u"\"%1\" and \"%2\" are the same account."_s.arg(name, other.displayName), UsageError);
    withEngine(cli, name, [&cli, path, uidText, uids, other, target](EngineRunner &runner) {
        withSecondEngine(cli, runner, other, [&cli, &runner, path, uidText, uids, other, target](EngineRunner &second) {
            // The target mailbox must exist there: the journal appends, it does not create.
            runner.request(
                [path](AccountEngine &engine) {
                    return engine.openMailbox(path);
                },
                [&cli, &runner, &second, path, uidText, uids, other, target](bool ok, const QString &error,
                                                                             const QVariant &) {
                    if (!ok)
                        return doneWithBoth(cli, runner, second, error);
                    bool known = false;
                    second.onEngineThread([&](AccountEngine &engine) {
                        for (const store::MailboxRecord &mailbox : engine.mailboxes())
                            known = known || mailbox.path == target;
                    });
                    if (!known)
                        return doneWithBoth(
                            cli, runner, second,
                            u"There is no mailbox \"%1\" in %2; nothing was changed."_s.arg(target, other.displayName));
                    journalCommandWithSecond(
                        cli, runner, second,
                        [path, uids, key = other.id, target](AccountEngine &engine) {
                            return engine.moveToAccount(path, uids, key, target);
                        },
                        u"Moved %1 from %2 to %3 in %4."_s.arg(uidText, path, target, other.displayName));
                });
        });
    });
}

void runTransfer(Cli &cli, const QCommandLineParser &parser, bool move)
{
    const auto args = positionals(cli, parser, {u"NAME"_s, u"MAILBOX"_s, u"UIDSET"_s, u"[NAME2:]TARGET"_s});
    if (!args)
        return;
    const auto uids = uidSet(cli, args->at(2));
    if (!uids)
        return;
    QString target = args->at(3);
    const QString path = args->at(1);
    // "NAME2:TARGET" names another account only when NAME2 is one; otherwise the colon is part
    // of the mailbox's name.
    if (const qsizetype colon = target.indexOf(u':'); colon > 0) {
        const QString otherName = target.left(colon);
        const std::optional<account::Account> other = cli.accounts() ? cli.accounts()->find(otherName) : std::nullopt;
        if (other) {
            if (!move) {
                return cli.fail(u"Copying between accounts (to \"%1\") is not supported; use move. Nothing was "
                                "changed."_s.arg(otherName));
            }
            return runMoveToAccount(cli, args->at(0), path, args->at(2), *uids, *other, target.mid(colon + 1));
        }
    }
    journalCommand(
        cli, args->at(0), path,
        [path, uids = *uids, target, move](AccountEngine &engine) {
            return move ? engine.move(path, uids, target) : engine.copy(path, uids, target);
        },
        u"%1 %2 from %3 to %4."_s.arg(move ? u"Moved"_s : u"Copied"_s, args->at(2), path, target));
}

void runDelete(Cli &cli, const QCommandLineParser &parser)
{
    const auto args = positionals(cli, parser, {u"NAME"_s, u"MAILBOX"_s, u"UIDSET"_s});
    if (!args)
        return;
    const auto uids = uidSet(cli, args->at(2));
    if (!uids)
        return;
    const QString path = args->at(1);
    journalCommand(
        cli, args->at(0), path,
        [path, uids = *uids](AccountEngine &engine) {
            return engine.remove(path, uids);
        },
        u"Deleted %1 from %2."_s.arg(args->at(2), path));
}

void runMkdir(Cli &cli, const QCommandLineParser &parser)
{
    const auto args = positionals(cli, parser, {u"NAME"_s, u"PATH"_s});
    if (!args)
        return;
    const QString path = args->at(1);
    journalCommand(
        cli, args->at(0), {},
        [path](AccountEngine &engine) {
            return engine.createMailbox(path);
        },
        u"Created %1."_s.arg(path));
}

void runRename(Cli &cli, const QCommandLineParser &parser)
{
    const auto args = positionals(cli, parser, {u"NAME"_s, u"OLD"_s, u"NEW"_s});
    if (!args)
        return;
    const QString from = args->at(1);
    const QString to = args->at(2);
    journalCommand(
        cli, args->at(0), {},
        [from, to](AccountEngine &engine) {
            return engine.renameMailbox(from, to);
        },
        u"Renamed %1 to %2."_s.arg(from, to));
}

void runRmdir(Cli &cli, const QCommandLineParser &parser)
{
    const auto args = positionals(cli, parser, {u"NAME"_s, u"PATH"_s});
    if (!args)
        return;
    const QString path = args->at(1);
    journalCommand(
        cli, args->at(0), {},
        [path](AccountEngine &engine) {
            return engine.deleteMailbox(path);
        },
        u"Deleted the mailbox %1."_s.arg(path));
}

void runUndo(Cli &cli, const QCommandLineParser &parser)
{
    const auto args = positionals(cli, parser, {u"NAME"_s});
    if (!args)
        return;
    const auto undo = [](AccountEngine &engine) {
        return engine.undo();
    };
    withEngine(cli, args->at(0), [&cli, undo](EngineRunner &runner) {
        QStringList others;
        runner.onEngineThread([&others](AccountEngine &engine) {
            others = engine.undoAccounts();
        });
        if (others.isEmpty()) {
            return runner.request(undo, [&cli, &runner](bool ok, const QString &error, const QVariant &) {
                if (ok && !cli.json())
                    cli.print(u"Undone."_s);
                else if (ok)
                    cli.printJson(QJsonObject{{u"ok"_s, true}, {u"done"_s, u"Undone."_s}});
                done(cli, runner, ok ? QString() : error);
            });
        }
        // The undo of a move to another account: that account is opened too (a move has one).
        const std::optional<account::Account> other
            = cli.accounts() ? cli.accounts()->find(others.first()) : std::nullopt;
        if (!other)
            return done(cli, runner,
                        u"The newest change moved messages to an account that no longer exists (%1); it cannot be "
                        "undone."_s.arg(others.first()));
        withSecondEngine(cli, runner, *other, [&cli, &runner, undo](EngineRunner &second) {
            journalCommandWithSecond(cli, runner, second, undo, u"Undone."_s);
        });
    });
}

QJsonObject partJson(const engine::MessagePart &part)
{
    QJsonObject object{{u"section"_s, QString::fromLatin1(part.contentSection())},
                       {u"type"_s, QString::fromLatin1(part.mimeType())},
                       {u"size"_s, qint64(part.size)},
                       {u"attachment"_s, part.isAttachment()}};
    if (!part.encoding.isEmpty())
        object.insert(u"encoding"_s, QString::fromLatin1(part.encoding));
    if (part.isText())
        object.insert(u"charset"_s, QString::fromLatin1(part.charset()));
    if (!part.disposition.isEmpty())
        object.insert(u"disposition"_s, QString::fromLatin1(part.disposition));
    if (!part.filename.isEmpty())
        object.insert(u"filename"_s, part.filename);
    if (!part.contentId.isEmpty())
        object.insert(u"content_id"_s, QString::fromLatin1(part.contentId));
    if (part.isMessage())
        object.insert(u"subject"_s, part.subject);
    if (!part.children.empty()) {
        QJsonArray children;
        for (const engine::MessagePart &child : part.children)
            children.append(partJson(child));
        object.insert(u"parts"_s, children);
    }
    return object;
}

// One line a part, indented by depth: section, type, size, file name.
void printPart(Cli &cli, const engine::MessagePart &part, int depth)
{
    QString line = QString(depth * 2, u' ') + QString::fromLatin1(part.contentSection()) + u"  "_s
        + QString::fromLatin1(part.mimeType());
    if (!part.isMultipart())
        line += u"  %1 bytes"_s.arg(part.size);
    if (!part.filename.isEmpty())
        line += u"  \"%1\""_s.arg(part.filename);
    if (part.isMessage() && !part.subject.isEmpty())
        line += u"  (%1)"_s.arg(part.subject);
    if (part.isAttachment())
        line += u"  attachment"_s;
    cli.print(line);
    for (const engine::MessagePart &child : part.children)
        printPart(cli, child, depth + 1);
}

void printStructure(Cli &cli, Uid uid, const engine::MessageStructure &structure)
{
    if (cli.json()) {
        QJsonArray text;
        for (const engine::MessagePart *part : structure.textParts())
            text.append(QString::fromLatin1(part->contentSection()));
        QJsonArray attachments;
        for (const engine::MessagePart *part : structure.attachments())
            attachments.append(QString::fromLatin1(part->contentSection()));
        cli.printJson(QJsonObject{{u"uid"_s, qint64(uid)},
                                  {u"structure"_s, partJson(structure.root())},
                                  {u"text"_s, text},
                                  {u"attachments"_s, attachments}});
        return;
    }
    printPart(cli, structure.root(), 0);
}

void runFetch(Cli &cli, const QCommandLineParser &parser)
{
    const auto args = positionals(cli, parser, {u"NAME"_s, u"MAILBOX"_s, u"UID"_s});
    if (!args)
        return;
    bool numeric = false;
    const Uid uid = args->at(2).toUInt(&numeric);
    if (!numeric || uid == 0)
        return cli.fail(u"UID must be a positive number, not \"%1\"."_s.arg(args->at(2)), UsageError);
    const int ways = int(parser.isSet(u"raw"_s)) + int(parser.isSet(u"part"_s)) + int(parser.isSet(u"structure"_s));
    if (ways > 1)
        return cli.fail(u"--raw, --part and --structure exclude each other."_s, UsageError);
    const QString path = args->at(1);
    if (parser.isSet(u"structure"_s)) {
        withEngine(cli, args->at(0), [&cli, path, uid](EngineRunner &runner) {
            runner.request(
                [path, uid](AccountEngine &engine) {
                    return engine.fetchStructure(path, uid);
                },
                [&cli, &runner, uid](bool ok, const QString &error, const QVariant &result) {
                    if (ok)
                        printStructure(cli, uid, result.value<engine::MessageStructure>());
                    done(cli, runner, ok ? QString() : error);
                });
        });
        return;
    }
    QByteArray section = "1";
    if (parser.isSet(u"raw"_s))
        section.clear();
    else if (parser.isSet(u"part"_s))
        section = parser.value(u"part"_s).toLatin1();
    for (char c : std::as_const(section)) {
        if (!(c == '.' || (c >= '0' && c <= '9')))
            return cli.fail(u"--part must be a part number such as 1 or 2.1."_s, UsageError);
    }
    withEngine(cli, args->at(0), [&cli, path, uid, section](EngineRunner &runner) {
        runner.request(
            [path, uid, section](AccountEngine &engine) {
                return engine.fetchPart(path, uid, section);
            },
            [&cli, &runner](bool ok, const QString &error, const QVariant &result) {
                if (ok) {
                    QFile out;
                    if (out.open(stdout, QIODevice::WriteOnly))
                        out.write(result.toByteArray());
                }
                done(cli, runner, ok ? QString() : error);
            });
    });
}

void runWatch(Cli &cli, const QCommandLineParser &parser)
{
    const QStringList values = parser.positionalArguments();
    if (values.isEmpty() || values.size() > 2)
        return cli.fail(values.isEmpty() ? u"missing NAME."_s : u"unexpected argument \"%1\"."_s.arg(values.at(2)),
                        UsageError);
    const QString path = values.size() == 2 ? values.at(1) : u"INBOX"_s;
    withEngine(cli, values.at(0), [&cli, path](EngineRunner &runner) {
        auto opened = std::make_shared<bool>(false);
        auto mailboxId = std::make_shared<qint64>(0);
        QObject::connect(
            &runner.engine(), &AccountEngine::mailboxDelta, &cli,
            [opened, mailboxId, path](const engine::MailboxDeltaPtr &delta) {
                if (!*opened || delta->mailboxId != *mailboxId)
                    return;
                QTextStream out(stdout);
                out << QString::fromUtf8(QJsonDocument(deltaJson(path, *delta)).toJson(QJsonDocument::Compact)) << '\n';
                out.flush();
            });
        runner.request(
            [path](AccountEngine &engine) {
                return engine.openMailbox(path);
            },
            [&cli, &runner, opened, mailboxId](bool ok, const QString &error, const QVariant &result) {
                if (!ok)
                    return done(cli, runner, error);
                *mailboxId = result.toLongLong();
                *opened = true;
                cli.warn(u"Watching; press Ctrl+C to stop."_s);
            });
    });
}

// --- search ------------------------------------------------------------------------------------

struct SearchHit {
    QString account;
    QString mailbox;
    store::MessageRecord row;
};

// One search over several accounts at once, each with its own engine; ends the command when
// the last has answered. Failing accounts are reported on stderr; the command fails only when
// no account could be searched.
// A child of the Cli, so it lives as long as the command.
struct MultiSearch : QObject {
    MultiSearch(Cli &cli, engine::SearchQuery query, QStringList defaultMailboxes)
        : QObject(&cli)
        , cli(cli)
        , query(std::move(query))
        , defaultMailboxes(std::move(defaultMailboxes))
    {
    }

    Cli &cli;
    engine::SearchQuery query;
    QStringList defaultMailboxes;
    int running = 0;
    int searched = 0;
    QList<SearchHit> hits;

    void accountDone()
    {
        if (--running > 0)
            return;
        std::stable_sort(hits.begin(), hits.end(), [](const SearchHit &a, const SearchHit &b) {
            const QDateTime da = a.row.shownDate();
            const QDateTime db = b.row.shownDate();
            return da > db;
        });
        if (cli.json()) {
            QJsonArray list;
            for (const SearchHit &hit : std::as_const(hits)) {
                QJsonObject object = rowJson(hit.row);
                object.insert(u"account"_s, hit.account);
                object.insert(u"mailbox"_s, hit.mailbox);
                list.append(object);
            }
            cli.printJson(list);
        } else {
            for (const SearchHit &hit : std::as_const(hits)) {
                const QDateTime when = hit.row.shownDate();
                cli.print(QStringList{hit.account, hit.mailbox, QString::number(hit.row.uid),
                                      when.toLocalTime().toString(u"yyyy-MM-dd HH:mm"_s),
                                      hit.row.fromName.isEmpty() ? hit.row.fromAddress : hit.row.fromName,
                                      hit.row.subject}
                              .join(u'\t'));
            }
        }
        if (searched == 0)
            cli.fail(u"No account could be searched."_s);
        else
            cli.finish();
    }

    void run(const account::Account &account)
    {
        ++running;
        auto *runner = new EngineRunner(cli, account, &cli);
        const QString name = account.displayName;
        auto fail = [this, runner, name](const QString &error) {
            cli.warn(u"%1: %2"_s.arg(name, error));
            runner->stop([this] {
                accountDone();
            });
        };
        runner->request(
            [](AccountEngine &engine) {
                return engine.start();
            },
            [this, runner, name, fail](bool ok, const QString &error, const QVariant &) {
                if (!ok)
                    return fail(error);
                // Queued to this thread like the answer, so every update arrives before it.
                auto request = std::make_shared<RequestId>(0);
                QObject::connect(&runner->engine(), &AccountEngine::searchUpdate, runner,
                                 [this, name, request](quint64 id, const engine::SearchUpdatePtr &update) {
                                     if (id != *request || update->source != engine::SearchUpdate::Source::Server)
                                         return;
                                     if (!update->error.isEmpty())
                                         cli.warn(u"%1: %2: %3"_s.arg(name, update->mailbox, update->error));
                                     for (const store::MessageRecord &row : update->rows)
                                         hits.append({name, update->mailbox, row});
                                 });
                runner->request(
                    [this, request](AccountEngine &engine) {
                        return *request = engine.search(query, defaultMailboxes);
                    },
                    [this, runner, name](bool ok, const QString &error, const QVariant &) {
                        if (ok)
                            ++searched;
                        else
                            cli.warn(u"%1: %2"_s.arg(name, error));
                        runner->stop([this] {
                            accountDone();
                        });
                    });
            });
    }
};

void runSearch(Cli &cli, const QCommandLineParser &parser)
{
    const auto args = positionals(cli, parser, {u"NAME"_s, u"QUERY"_s});
    if (!args)
        return;
    const ParseResult<engine::SearchQuery> parsed = engine::SearchQueryParser::parse(args->at(1), QDate::currentDate());
    if (!parsed) {
        const fumi::ParseError &error = parsed.error();
        return cli.fail(u"%1\n  %2\n  %3^"_s.arg(error.message, args->at(1), QString(error.offset, u' ')), UsageError);
    }
    account::AccountManager *manager = cli.accounts();
    if (!manager || !cli.credentials() || !cli.trust())
        return;
    QList<account::Account> accounts;
    if (args->at(0) == "all"_L1) {
        accounts = manager->accounts();
    } else {
        const std::optional<account::Account> one = cli.account(args->at(0));
        if (!one)
            return;
        accounts.append(*one);
    }
    // account:NAME in the query narrows the accounts further.
    const QStringList named = parsed.value().accounts;
    if (!named.isEmpty()) {
        accounts.removeIf([&named](const account::Account &account) {
            return std::none_of(named.begin(), named.end(), [&account](const QString &name) {
                return account.answersTo(name);
            });
        });
    }
    if (accounts.isEmpty())
        return cli.fail(u"No account to search."_s);
    QStringList folders = parser.values(u"in"_s);
    if (folders.isEmpty())
        folders.append(u"INBOX"_s);
    auto *search = new MultiSearch(cli, parsed.value(), folders);
    for (const account::Account &account : std::as_const(accounts))
        search->run(account);
}

} // namespace

QList<Command> mailCommands()
{
    return {
        {{u"sync"_s},
         u"NAME [--mailbox M]"_s,
         u"Brings the local copy of the account (or one mailbox) up to date with the server."_s,
         [](QCommandLineParser &parser) {
             declareName(parser);
             parser.addOption({u"mailbox"_s, u"Only this mailbox."_s, u"M"_s});
         },
         runSync},
        {{u"search"_s},
         u"NAME|all QUERY [--in FOLDER]"_s,
         u"Searches on the server with the search bar's language (from:, subject:, is:unread, in:all...) and prints "
         "(account, mailbox, UID, date, from, subject), newest first, tab-separated; 'all' searches every account "
         "at once. Without in: in the query, --in FOLDER or else INBOX. A query that starts with \"-\" goes after --."_s,
         [](QCommandLineParser &parser) {
             parser.addPositionalArgument(u"NAME|all"_s, u"The account's name, or all for every account."_s);
             parser.addPositionalArgument(u"QUERY"_s, u"The query, quoted as one argument."_s);
             parser.addOption({u"in"_s, u"Search this folder when the query has no in: (may repeat)."_s, u"FOLDER"_s});
         },
         runSearch},
        {{u"mailboxes"_s},
         u"NAME"_s,
         u"Lists the account's mailboxes with their special use and counts."_s,
         declareName,
         runMailboxes},
        {{u"messages"_s},
         u"NAME MAILBOX [--limit N]"_s,
         u"Lists the newest messages of a mailbox: UID, flags, date, from, subject."_s,
         [](QCommandLineParser &parser) {
             declareNameMailbox(parser);
             parser.addOption({u"limit"_s, u"At most N messages (default 50)."_s, u"N"_s});
         },
         runMessages},
        {{u"flag"_s},
         u"NAME MAILBOX UIDSET +FLAG|-FLAG"_s,
         u"Sets or clears a flag or keyword on messages (+\\Seen, +$Label1; to clear, end the options first: "
         "-- -\\Flagged)."_s,
         [](QCommandLineParser &parser) {
             declareNameMailbox(parser);
             parser.addPositionalArgument(u"UIDSET"_s, u"UIDs such as 4, 1:10 or 3,7:9."_s);
             parser.addPositionalArgument(u"+FLAG|-FLAG"_s, u"The change."_s);
         },
         runFlag},
        {{u"move"_s},
         u"NAME MAILBOX UIDSET [NAME2:]TARGET"_s,
         u"Moves messages to another mailbox of the account, or with NAME2:TARGET to a mailbox of the account NAME2 "
         "(appended there with flags and date, removed here once confirmed; both accounts are opened)."_s,
         declareTransfer,
         [](Cli &cli, const QCommandLineParser &parser) {
             runTransfer(cli, parser, true);
         }},
        {{u"copy"_s},
         u"NAME MAILBOX UIDSET TARGET"_s,
         u"Copies messages to another mailbox of the account (not to another account: use move)."_s,
         declareTransfer,
         [](Cli &cli, const QCommandLineParser &parser) {
             runTransfer(cli, parser, false);
         }},
        {{u"delete"_s},
         u"NAME MAILBOX UIDSET"_s,
         u"Deletes messages: to Trash, or, in Trash or without one, for good (only those UIDs are expunged)."_s,
         [](QCommandLineParser &parser) {
             declareNameMailbox(parser);
             parser.addPositionalArgument(u"UIDSET"_s, u"UIDs such as 4, 1:10 or 3,7:9."_s);
         },
         runDelete},
        {{u"mkdir"_s},
         u"NAME PATH"_s,
         u"Creates a mailbox."_s,
         [](QCommandLineParser &parser) {
             declareName(parser);
             parser.addPositionalArgument(u"PATH"_s, u"The new mailbox's path."_s);
         },
         runMkdir},
        {{u"rename"_s},
         u"NAME OLD NEW"_s,
         u"Renames a mailbox (its children follow)."_s,
         [](QCommandLineParser &parser) {
             declareName(parser);
             parser.addPositionalArgument(u"OLD"_s, u"The mailbox."_s);
             parser.addPositionalArgument(u"NEW"_s, u"Its new path."_s);
         },
         runRename},
        {{u"rmdir"_s},
         u"NAME PATH"_s,
         u"Deletes a mailbox and the messages in it."_s,
         [](QCommandLineParser &parser) {
             declareName(parser);
             parser.addPositionalArgument(u"PATH"_s, u"The mailbox."_s);
         },
         runRmdir},
        {{u"undo"_s},
         u"NAME"_s,
         u"Undoes the newest change made to the account, also after a restart. A move to another account is "
         "undone by appending the messages back here, then removing them there (that account is opened too)."_s,
         declareName,
         runUndo},
        {{u"fetch"_s},
         u"NAME MAILBOX UID [--part N | --raw | --structure]"_s,
         u"Writes part 1 of a message (or --part N) to stdout with its transfer encoding (base64, "
         "quoted-printable) undone, the whole message as the server sends it with --raw, or the message's "
         "parts (section, type, size, file name) with --structure."_s,
         [](QCommandLineParser &parser) {
             declareNameMailbox(parser);
             parser.addPositionalArgument(u"UID"_s, u"The message's UID."_s);
             parser.addOption({u"part"_s, u"The MIME part, such as 1 or 2.1."_s, u"N"_s});
             parser.addOption({u"raw"_s, u"The whole message."_s});
             parser.addOption({u"structure"_s, u"The message's MIME parts, one a line (or JSON with --json)."_s});
         },
         runFetch},
        {{u"watch"_s},
         u"NAME [MAILBOX]"_s,
         u"Keeps MAILBOX (default INBOX) open and prints one JSON line per change the server pushes, until "
         "interrupted."_s,
         [](QCommandLineParser &parser) {
             declareName(parser);
             parser.addPositionalArgument(u"MAILBOX"_s, u"Default INBOX."_s, u"[MAILBOX]"_s);
         },
         runWatch},
    };
}

} // namespace fumi::cli
