// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The models on a real AccountEngine and a seeded Dovecot: messages and a folder dragged
// through mimeData()/dropMimeData() change the server, and undo puts it back; and an opened
// mailbox shows its cached rows at once, with the sync's rows applied on top of them.

#include "RegistryAnswer.h"
#include "engine/AccountEngine.h"
#include "models/AccountRegistry.h"
#include "models/MailboxTreeModel.h"
#include "models/MessageListModel.h"
#include "support/DovecotServer.h"
#include "support/EngineThread.h"
#include "support/MemoryCredentialStore.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

#include <initializer_list>
#include <utility>

using namespace fumi;
using namespace fumi::models;
using namespace Qt::StringLiterals;
using engine::AccountEngine;

namespace {

// One engine on its own thread, as the application runs it; INBOX watched or not.
class EngineThread : public test::EngineThread
{
public:
    EngineThread(const account::Account &account, const QString &directory, account::CredentialStore *credentials,
                 const QSslCertificate &ca, bool watchInbox)
        : test::EngineThread(account, directory, servicesWith(credentials), options(ca, watchInbox))
    {
    }

private:
    static AccountEngine::Options options(const QSslCertificate &ca, bool watchInbox)
    {
        AccountEngine::Options options = trusting(ca);
        options.watchInbox = watchInbox;
        return options;
    }
};

using Answer = test::RegistryAnswer;

Answer waitFor(AccountRegistry &registry, quint64 request, const QString &account = {})
{
    return test::waitForAnswer(registry, request, account);
}

// Adds the engines (account id, engine) to `registry`, then starts each in turn: the answer to
// the first start that fails, else to the last.
Answer addAndStart(AccountRegistry &registry, std::initializer_list<std::pair<QString, AccountEngine *>> engines)
{
    for (const auto &entry : engines)
        registry.addEngine(entry.second);
    Answer started;
    for (const auto &[account, engine] : engines) {
        started = waitFor(registry, engine->start(), account);
        if (!started.ok)
            break;
    }
    return started;
}

} // namespace

class tst_ModelDragDrop : public QObject
{
    Q_OBJECT

private:
    test::DovecotServer m_server;
    test::MemoryCredentialStore m_credentials;
    QTemporaryDir m_cache;

    account::Account accountFor(const QString &user)
    {
        account::Account account;
        account.id = user + u"-account"_s;
        account.displayName = user;
        account.imap = {test::DovecotServer::host(), m_server.imapsPort(), account::Security::Tls};
        account.login = user;
        m_credentials.secrets.insert(
            account::CredentialStore::key(account.id, account::CredentialStore::Secret::Password), u"secret"_s);
        return account;
    }

    QByteArray doveadm(const QStringList &arguments)
    {
        QByteArray output;
        const int code = m_server.doveadm(arguments, {}, &output);
        return code == 0 ? output : QByteArray("doveadm failed: " + QByteArray::number(code));
    }

    int messageCount(const QString &user, const QString &mailbox)
    {
        const QByteArray status
            = doveadm({u"-f"_s, u"flow"_s, u"mailbox"_s, u"status"_s, u"-u"_s, user, u"messages"_s, mailbox});
        const qsizetype at = status.indexOf("messages=");
        return at < 0 ? -1 : status.mid(at + 9).trimmed().toInt();
    }

    QStringList mailboxList(const QString &user)
    {
        QStringList list;
        const QList<QByteArray> lines = doveadm({u"mailbox"_s, u"list"_s, u"-u"_s, user}).split('\n');
        for (const QByteArray &line : lines) {
            if (!line.trimmed().isEmpty())
                list << QString::fromUtf8(line.trimmed());
        }
        return list;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_cache.isValid());
        QVERIFY2(m_server.start({{u"alice"_s, u"secret"_s, u"alice"_s}, {u"bob"_s, u"secret"_s, u"bob"_s}}),
                 qPrintable(m_server.errorString()));
    }

    void dropsChangeTheServerAndUndoRestoresIt()
    {
        const account::Account account = accountFor(u"alice"_s);
        EngineThread running(account, m_cache.filePath(u"alice"_s), &m_credentials, m_server.caCertificate(), true);
        AccountRegistry registry;
        MailboxTreeModel tree(&registry);
        MessageListModel list;
        QAbstractItemModelTester treeTester(&tree, QAbstractItemModelTester::FailureReportingMode::Fatal);
        QAbstractItemModelTester listTester(&list, QAbstractItemModelTester::FailureReportingMode::Fatal);
        list.setRegistry(&registry);
        registry.addEngine(running.engine);
        QCOMPARE(tree.index(1, 0).data().toString(), u"alice"_s);

        const quint64 start = running.engine->start();
        const Answer started = waitFor(registry, start);
        QVERIFY2(started.ok, qPrintable(started.error));
        QTRY_VERIFY(tree.indexOf(account.id, u"Work/Projects"_s).isValid());

        // Open INBOX the way the GUI does: the tree names it, the list follows it.
        const QList<MailboxKey> keys = tree.mailboxKeys(tree.indexOf(account.id, u"INBOX"_s));
        QCOMPARE(keys.size(), 1);
        list.setMailboxes(keys);
        const Answer opened = waitFor(registry, registry.openMailbox(account.id, u"INBOX"_s));
        QVERIFY2(opened.ok, qPrintable(opened.error));
        const int inboxCount = test::DovecotServer::seededMessageCount(u"alice"_s, u"INBOX"_s);
        QCOMPARE(list.rowCount(), inboxCount);
        QCOMPARE(messageCount(u"alice"_s, u"INBOX"_s), inboxCount);
        QCOMPARE(messageCount(u"alice"_s, u"Trash"_s), 0);

        // Two messages onto Trash.
        const QModelIndexList chosen{list.index(0, MessageListModel::SubjectColumn),
                                     list.index(1, MessageListModel::SubjectColumn)};
        const QByteArrayList movedIds{chosen[0].data(MessageListModel::MessageIdRole).toByteArray(),
                                      chosen[1].data(MessageListModel::MessageIdRole).toByteArray()};
        std::unique_ptr<QMimeData> messages(list.mimeData(chosen));
        QVERIFY(messages);
        const QModelIndex trash = tree.indexOf(account.id, u"Trash"_s);
        QVERIFY2(tree.canDropMimeData(messages.get(), Qt::MoveAction, -1, 0, trash),
                 qPrintable(tree.dropRefusal(messages.get(), Qt::MoveAction, -1, 0, trash)));
        QSignalSpy dropped(&tree, &MailboxTreeModel::dropStarted);
        QVERIFY(tree.dropMimeData(messages.get(), Qt::MoveAction, -1, 0, trash));
        QCOMPARE(dropped.size(), 1);
        const Answer moved = waitFor(registry, dropped.at(0).at(1).toULongLong());
        QVERIFY2(moved.ok, qPrintable(moved.error));
        QCOMPARE(messageCount(u"alice"_s, u"INBOX"_s), inboxCount - 2);
        QCOMPARE(messageCount(u"alice"_s, u"Trash"_s), 2);
        const QByteArray trashHeaders = doveadm({u"fetch"_s, u"-u"_s, u"alice"_s, u"hdr"_s, u"mailbox"_s, u"Trash"_s});
        for (const QByteArray &id : movedIds)
            QVERIFY2(trashHeaders.contains(id), id.constData());
        QTRY_COMPARE(list.rowCount(), inboxCount - 2);

        // Work/Projects under Archive: a RENAME.
        std::unique_ptr<QMimeData> folder(tree.mimeData({tree.indexOf(account.id, u"Work/Projects"_s)}));
        QVERIFY(folder);
        const QModelIndex archive = tree.indexOf(account.id, u"Archive"_s);
        QVERIFY2(tree.canDropMimeData(folder.get(), Qt::MoveAction, -1, 0, archive),
                 qPrintable(tree.dropRefusal(folder.get(), Qt::MoveAction, -1, 0, archive)));
        // Refused drops are never sent: Copy of a folder, a folder into its own child.
        QVERIFY(!tree.dropMimeData(folder.get(), Qt::CopyAction, -1, 0, archive));
        QVERIFY(tree.dropMimeData(folder.get(), Qt::MoveAction, -1, 0, archive));
        QCOMPARE(dropped.size(), 2);
        const Answer renamed = waitFor(registry, dropped.at(1).at(1).toULongLong());
        QVERIFY2(renamed.ok, qPrintable(renamed.error));
        QStringList mailboxes = mailboxList(u"alice"_s);
        QVERIFY2(mailboxes.contains(u"Archive/Projects"_s), qPrintable(mailboxes.join(u", "_s)));
        QVERIFY(!mailboxes.contains(u"Work/Projects"_s));
        QCOMPARE(messageCount(u"alice"_s, u"Archive/Projects"_s), 1);
        QTRY_VERIFY(tree.indexOf(account.id, u"Archive/Projects"_s).isValid());
        QVERIFY(!tree.indexOf(account.id, u"Work/Projects"_s).isValid());

        // Undo, newest first: the rename, then the move.
        QVERIFY(registry.canUndo());
        QString undoneIn;
        const Answer undoRename = waitFor(registry, registry.undo(&undoneIn));
        QVERIFY2(undoRename.ok, qPrintable(undoRename.error));
        QCOMPARE(undoneIn, account.id);
        mailboxes = mailboxList(u"alice"_s);
        QVERIFY2(mailboxes.contains(u"Work/Projects"_s), qPrintable(mailboxes.join(u", "_s)));
        QVERIFY(!mailboxes.contains(u"Archive/Projects"_s));
        QTRY_VERIFY(tree.indexOf(account.id, u"Work/Projects"_s).isValid());

        const Answer undoMove = waitFor(registry, registry.undo());
        QVERIFY2(undoMove.ok, qPrintable(undoMove.error));
        QCOMPARE(messageCount(u"alice"_s, u"INBOX"_s), inboxCount);
        QCOMPARE(messageCount(u"alice"_s, u"Trash"_s), 0);
        QTRY_COMPARE(list.rowCount(), inboxCount);
        QVERIFY(!registry.canUndo());
        QCOMPARE(registry.undo(), 0u);
    }

    // A message dropped on another account's folder is moved there (APPEND, confirmed, then
    // removed here); a copy between accounts is refused; undo brings it back.
    void messagesDropOntoAnotherAccountAndUndoBringsThemBack()
    {
        const account::Account alice = accountFor(u"alice"_s);
        const account::Account bob = accountFor(u"bob"_s);
        EngineThread aliceRunning(alice, m_cache.filePath(u"alice-two"_s), &m_credentials, m_server.caCertificate(),
                                  true);
        EngineThread bobRunning(bob, m_cache.filePath(u"bob-two"_s), &m_credentials, m_server.caCertificate(), true);
        AccountRegistry registry;
        MailboxTreeModel tree(&registry);
        MessageListModel list;
        QAbstractItemModelTester treeTester(&tree, QAbstractItemModelTester::FailureReportingMode::Fatal);
        list.setRegistry(&registry);
        const Answer started = addAndStart(registry, {{alice.id, aliceRunning.engine}, {bob.id, bobRunning.engine}});
        QVERIFY2(started.ok, qPrintable(started.error));
        QTRY_VERIFY(tree.indexOf(bob.id, u"INBOX"_s).isValid());
        QTRY_VERIFY(tree.indexOf(alice.id, u"INBOX"_s).isValid());

        list.setMailboxes(tree.mailboxKeys(tree.indexOf(alice.id, u"INBOX"_s)));
        const Answer opened = waitFor(registry, registry.openMailbox(alice.id, u"INBOX"_s), alice.id);
        QVERIFY2(opened.ok, qPrintable(opened.error));
        const int aliceInbox = messageCount(u"alice"_s, u"INBOX"_s);
        const int bobInbox = messageCount(u"bob"_s, u"INBOX"_s);
        QTRY_COMPARE(list.rowCount(), aliceInbox);

        const QModelIndex chosen = list.index(0, MessageListModel::SubjectColumn);
        const QByteArray messageId = chosen.data(MessageListModel::MessageIdRole).toByteArray();
        QVERIFY(!messageId.isEmpty());
        std::unique_ptr<QMimeData> dragged(list.mimeData({chosen}));
        const QModelIndex bobInboxIndex = tree.indexOf(bob.id, u"INBOX"_s);
        QVERIFY(tree.dropRefusal(dragged.get(), Qt::CopyAction, -1, 0, bobInboxIndex).contains(u"not copied"_s));
        QVERIFY(!tree.dropMimeData(dragged.get(), Qt::CopyAction, -1, 0, bobInboxIndex));
        QVERIFY2(tree.canDropMimeData(dragged.get(), Qt::MoveAction, -1, 0, bobInboxIndex),
                 qPrintable(tree.dropRefusal(dragged.get(), Qt::MoveAction, -1, 0, bobInboxIndex)));
        QSignalSpy dropped(&tree, &MailboxTreeModel::dropStarted);
        QVERIFY(tree.dropMimeData(dragged.get(), Qt::MoveAction, -1, 0, bobInboxIndex));
        QCOMPARE(dropped.size(), 1);
        QCOMPARE(dropped.at(0).at(0).toString(), alice.id);
        const Answer moved = waitFor(registry, dropped.at(0).at(1).toULongLong(), alice.id);
        QVERIFY2(moved.ok, qPrintable(moved.error));
        QCOMPARE(messageCount(u"alice"_s, u"INBOX"_s), aliceInbox - 1);
        QCOMPARE(messageCount(u"bob"_s, u"INBOX"_s), bobInbox + 1);
        QVERIFY(doveadm({u"fetch"_s, u"-u"_s, u"bob"_s, u"hdr"_s, u"mailbox"_s, u"INBOX"_s}).contains(messageId));
        QVERIFY(!doveadm({u"fetch"_s, u"-u"_s, u"alice"_s, u"hdr"_s, u"mailbox"_s, u"INBOX"_s}).contains(messageId));
        QTRY_COMPARE(list.rowCount(), aliceInbox - 1);

        QString undoneIn;
        const quint64 undo = registry.undo(&undoneIn);
        QCOMPARE(undoneIn, alice.id);
        const Answer undone = waitFor(registry, undo, alice.id);
        QVERIFY2(undone.ok, qPrintable(undone.error));
        QCOMPARE(messageCount(u"alice"_s, u"INBOX"_s), aliceInbox);
        QCOMPARE(messageCount(u"bob"_s, u"INBOX"_s), bobInbox);
        QVERIFY(doveadm({u"fetch"_s, u"-u"_s, u"alice"_s, u"hdr"_s, u"mailbox"_s, u"INBOX"_s}).contains(messageId));
        QTRY_COMPARE(list.rowCount(), aliceInbox);
    }

    // A folder dropped on another account: refused by Cancel it changes nothing; confirmed, the
    // folder and its subfolder arrive there with each message once, with its flags, keywords
    // and date, and the source keeps everything; undo removes the copies and the new folders.
    void folderDropOntoAnotherAccountCopiesItAndUndoRemovesIt()
    {
        // "Reports" (two messages, one with a Japanese subject) and "Reports/2026" (one).
        const QByteArray japanese = "From: alice@example.org\r\nSubject: =?UTF-8?B?"
            + QByteArray("週次レポート").toBase64()
            + "?=\r\nMessage-ID: <r1@example.org>\r\nDate: Mon, 5 Jan 2026 10:00:00 +0000\r\n\r\n今週の報告。\r\n";
        const QByteArray plain = "From: alice@example.org\r\nSubject: Numbers\r\nMessage-ID: <r2@example.org>\r\n"
                                 "Date: Tue, 6 Jan 2026 10:00:00 +0000\r\n\r\n42\r\n";
        const QByteArray yearly = "From: alice@example.org\r\nSubject: Year\r\nMessage-ID: <r3@example.org>\r\n"
                                  "Date: Wed, 7 Jan 2026 10:00:00 +0000\r\n\r\n2026\r\n";
        QCOMPARE(m_server.doveadm({u"mailbox"_s, u"create"_s, u"-u"_s, u"alice"_s, u"Reports"_s, u"Reports/2026"_s}),
                 0);
        QCOMPARE(m_server.doveadm({u"save"_s, u"-u"_s, u"alice"_s, u"-m"_s, u"Reports"_s}, japanese), 0);
        QCOMPARE(m_server.doveadm({u"save"_s, u"-u"_s, u"alice"_s, u"-m"_s, u"Reports"_s}, plain), 0);
        QCOMPARE(m_server.doveadm({u"save"_s, u"-u"_s, u"alice"_s, u"-m"_s, u"Reports/2026"_s}, yearly), 0);
        QCOMPARE(m_server.doveadm({u"flags"_s, u"add"_s, u"-u"_s, u"alice"_s, u"\\Seen \\Flagged $Work"_s, u"mailbox"_s,
                                   u"Reports"_s, u"uid"_s, u"1"_s}),
                 0);
        QCOMPARE(m_server.doveadm({u"flags"_s, u"add"_s, u"-u"_s, u"alice"_s, u"\\Answered"_s, u"mailbox"_s,
                                   u"Reports/2026"_s, u"all"_s}),
                 0);
        // The copies' dates must come from the originals, not from the moment of the copy.
        QTest::qWait(1100);
        // Flags (without \Recent, which only says which session saw a message first), the
        // internal date and the header of each message of a mailbox, in UID order.
        const auto picture = [this](const QString &user, const QString &mailbox) {
            QByteArrayList lines
                = doveadm({u"fetch"_s, u"-u"_s, user, u"flags date.received hdr"_s, u"mailbox"_s, mailbox}).split('\n');
            for (QByteArray &line : lines) {
                if (!line.startsWith("flags:"))
                    continue;
                QByteArrayList flags = line.mid(6).simplified().split(' ');
                flags.removeAll("\\Recent");
                flags.removeAll(QByteArray());
                line = "flags: " + flags.join(' ');
            }
            return lines.join('\n');
        };
        const QByteArray reports = picture(u"alice"_s, u"Reports"_s);
        const QByteArray reports2026 = picture(u"alice"_s, u"Reports/2026"_s);
        QVERIFY2(reports.contains("$Work") && reports.contains("\\Flagged"), reports.constData());

        const account::Account alice = accountFor(u"alice"_s);
        const account::Account bob = accountFor(u"bob"_s);
        EngineThread aliceRunning(alice, m_cache.filePath(u"alice-folder"_s), &m_credentials, m_server.caCertificate(),
                                  false);
        EngineThread bobRunning(bob, m_cache.filePath(u"bob-folder"_s), &m_credentials, m_server.caCertificate(),
                                false);
        AccountRegistry registry;
        MailboxTreeModel tree(&registry);
        QAbstractItemModelTester treeTester(&tree, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const Answer started = addAndStart(registry, {{alice.id, aliceRunning.engine}, {bob.id, bobRunning.engine}});
        QVERIFY2(started.ok, qPrintable(started.error));
        QTRY_VERIFY(tree.indexOf(alice.id, u"Reports/2026"_s).isValid());
        QTRY_VERIFY(tree.indexOf(bob.id, u"INBOX"_s).isValid());
        const QStringList bobBefore = mailboxList(u"bob"_s);

        std::unique_ptr<QMimeData> dragged(tree.mimeData({tree.indexOf(alice.id, u"Reports"_s)}));
        QVERIFY(dragged);
        const QModelIndex bobAccount = tree.indexOf(bob.id);
        QVERIFY2(tree.canDropMimeData(dragged.get(), Qt::MoveAction, -1, 0, bobAccount),
                 qPrintable(tree.dropRefusal(dragged.get(), Qt::MoveAction, -1, 0, bobAccount)));
        const std::optional<MailboxTreeModel::FolderCopy> copy
            = tree.folderCopy(dragged.get(), Qt::MoveAction, bobAccount);
        QVERIFY(copy);
        QCOMPARE(copy->targetPath, u"Reports"_s);
        QCOMPARE(copy->targetAccountName, u"bob"_s);
        QCOMPARE(copy->folders, 2);
        QTRY_COMPARE(tree.folderCopy(dragged.get(), Qt::MoveAction, bobAccount)->messages, 3);
        QSignalSpy dropped(&tree, &MailboxTreeModel::dropStarted);

        // Without anyone to ask, and with Cancel, nothing happens.
        QVERIFY(!tree.dropMimeData(dragged.get(), Qt::MoveAction, -1, 0, bobAccount));
        int asked = 0;
        tree.setFolderCopyConfirmation([&](const MailboxTreeModel::FolderCopy &question) {
            ++asked;
            return question.path == u"Reports"_s && asked > 1;
        });
        QVERIFY(!tree.dropMimeData(dragged.get(), Qt::MoveAction, -1, 0, bobAccount));
        QCOMPARE(asked, 1);
        QCOMPARE(dropped.size(), 0);
        QTest::qWait(200);
        QCOMPARE(mailboxList(u"bob"_s), bobBefore);

        // Copy.
        QSignalSpy progress(&registry, &AccountRegistry::requestProgress);
        QVERIFY(tree.dropMimeData(dragged.get(), Qt::MoveAction, -1, 0, bobAccount));
        QCOMPARE(asked, 2);
        QCOMPARE(dropped.size(), 1);
        QCOMPARE(dropped.at(0).at(0).toString(), alice.id);
        const Answer copied = waitFor(registry, dropped.at(0).at(1).toULongLong(), alice.id);
        QVERIFY2(copied.ok, qPrintable(copied.error));
        QCOMPARE(copied.result.toLongLong(), 3);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(2).toLongLong(), 3);
        QCOMPARE(progress.last().at(3).toLongLong(), 3);
        QStringList bobAfter = mailboxList(u"bob"_s);
        QVERIFY2(bobAfter.contains(u"Reports"_s) && bobAfter.contains(u"Reports/2026"_s),
                 qPrintable(bobAfter.join(u", "_s)));
        QCOMPARE(messageCount(u"bob"_s, u"Reports"_s), 2);
        QCOMPARE(messageCount(u"bob"_s, u"Reports/2026"_s), 1);
        // Each message once, with its flags, keywords, date and bytes.
        QCOMPARE(picture(u"bob"_s, u"Reports"_s), reports);
        QCOMPARE(picture(u"bob"_s, u"Reports/2026"_s), reports2026);
        // The source is as it was.
        QCOMPARE(picture(u"alice"_s, u"Reports"_s), reports);
        QCOMPARE(picture(u"alice"_s, u"Reports/2026"_s), reports2026);
        QTRY_VERIFY(tree.indexOf(bob.id, u"Reports/2026"_s).isValid());

        // Undo: the copies and the folders made for them go; the source stays.
        QString undoneIn;
        const quint64 undo = registry.undo(&undoneIn);
        QCOMPARE(undoneIn, alice.id);
        const Answer undone = waitFor(registry, undo, alice.id);
        QVERIFY2(undone.ok, qPrintable(undone.error));
        bobAfter = mailboxList(u"bob"_s);
        QVERIFY2(!bobAfter.contains(u"Reports"_s) && !bobAfter.contains(u"Reports/2026"_s),
                 qPrintable(bobAfter.join(u", "_s)));
        QCOMPARE(messageCount(u"alice"_s, u"Reports"_s), 2);
        QCOMPARE(messageCount(u"alice"_s, u"Reports/2026"_s), 1);
        QTRY_VERIFY(!tree.indexOf(bob.id, u"Reports"_s).isValid());
    }

    void openShowsCachedRowsFirst()
    {
        const account::Account account = accountFor(u"bob"_s);
        const QString directory = m_cache.filePath(u"bob"_s);
        const int seeded = test::DovecotServer::seededMessageCount(u"bob"_s, u"INBOX"_s);
        QVERIFY(seeded > 0);
        {
            // A first run fills the cache.
            EngineThread running(account, directory, &m_credentials, m_server.caCertificate(), false);
            AccountRegistry registry;
            registry.addEngine(running.engine);
            QVERIFY(waitFor(registry, running.engine->start()).ok);
            QVERIFY(waitFor(registry, registry.openMailbox(account.id, u"INBOX"_s)).ok);
        }
        // Another device delivers a message while this one is closed.
        const QByteArray message = "From: carol@example.org\r\nTo: bob@example.org\r\n"
                                   "Subject: Arrived while away\r\nMessage-ID: <away@example.org>\r\n"
                                   "Date: Mon, 5 Jan 2026 10:00:00 +0000\r\n\r\nHello Bob.\r\n";
        QCOMPARE(m_server.doveadm({u"save"_s, u"-u"_s, u"bob"_s, u"-m"_s, u"INBOX"_s}, message), 0);

        EngineThread running(account, directory, &m_credentials, m_server.caCertificate(), false);
        AccountRegistry registry;
        MailboxTreeModel tree(&registry);
        MessageListModel list;
        QAbstractItemModelTester listTester(&list, QAbstractItemModelTester::FailureReportingMode::Fatal);
        list.setRegistry(&registry);
        registry.addEngine(running.engine);
        QVERIFY(waitFor(registry, running.engine->start()).ok);
        const QList<MailboxKey> keys = tree.mailboxKeys(tree.indexOf(account.id, u"INBOX"_s));
        QCOMPARE(keys.size(), 1);
        list.setMailboxes(keys);

        std::vector<engine::MailboxDeltaPtr> deltas;
        connect(&registry, &AccountRegistry::mailboxDelta, this,
                [&](const QString &, const engine::MailboxDeltaPtr &delta) {
                    if (delta->mailboxId == keys[0].mailboxId)
                        deltas.push_back(delta);
                });
        const Answer opened = waitFor(registry, registry.openMailbox(account.id, u"INBOX"_s));
        QVERIFY2(opened.ok, qPrintable(opened.error));
        QVERIFY(deltas.size() >= 2);
        // First the cache, as it was: every row, none of the new one.
        QVERIFY(deltas[0]->reset);
        QCOMPARE(qsizetype(deltas[0]->inserted.size()), seeded);
        for (const store::MessageRecord &row : deltas[0]->inserted)
            QVERIFY(row.messageId != "<away@example.org>");
        // Then the sync's news on top, with nothing shown twice.
        bool arrived = false;
        for (size_t i = 1; i < deltas.size(); ++i) {
            QVERIFY(!deltas[i]->reset);
            for (const store::MessageRecord &row : deltas[i]->inserted)
                arrived = arrived || row.messageId == "<away@example.org>";
        }
        QVERIFY(arrived);
        QCOMPARE(list.rowCount(), seeded + 1);
        QSet<Uid> uids;
        for (int row = 0; row < list.rowCount(); ++row)
            uids.insert(list.index(row, 0).data(MessageListModel::UidRole).value<Uid>());
        QCOMPARE(uids.size(), seeded + 1);
        QCOMPARE(messageCount(u"bob"_s, u"INBOX"_s), seeded + 1);
    }
};

QTEST_MAIN(tst_ModelDragDrop)
#include "tst_ModelDragDrop.moc"
