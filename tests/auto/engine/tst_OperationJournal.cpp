// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/OperationJournal.h"
#include "engine/Session.h"
#include "engine/SessionAppendTarget.h"
#include "imap/Connection.h"
#include "store/AccountStore.h"
#include "support/ScriptedImapServer.h"
#include "support/ScriptedLogin.h"
#include "support/TestCertificates.h"

#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fumi;
using engine::OperationJournal;
using test::ScriptedImapServer;
using JournalError = OperationJournal::Error;
using State = store::JournalEntry::State;

namespace {

// A scripted exchange with automatic tags: "@TAG" in an answer stands for the command's tag.
// Tag f1 is the login, so the journal's commands start at f2.
class Script
{
public:
    explicit Script(int firstTag = 2)
        : m_tag(firstTag)
    {
    }
    Script &exchange(const QByteArray &command, QByteArray answer)
    {
        const QByteArray tag = "f" + QByteArray::number(m_tag++);
        steps << "C: " + tag + ' ' + command;
        steps << "S: " + answer.replace("@TAG", tag);
        return *this;
    }
    // A command with a LITERAL+ literal, which the server reads as lines.
    Script &exchangeLiteral(const QByteArray &command, const QByteArray &literal, QByteArray answer)
    {
        const QByteArray tag = "f" + QByteArray::number(m_tag++);
        steps << "C: " + tag + ' ' + command + " {" + QByteArray::number(literal.size()) + "+}";
        for (const QByteArray &line : literal.split('\n'))
            steps << "C: " + (line.endsWith('\r') ? line.chopped(1) : line);
        steps << "S: " + answer.replace("@TAG", tag);
        return *this;
    }
    Script &selectInbox()
    {
        return exchange("SELECT INBOX", "* 5 EXISTS\r\n* OK [UIDVALIDITY 1] ok\r\n@TAG OK [READ-WRITE] in");
    }
    Script &select(const QByteArray &name, int validity)
    {
        return exchange("SELECT " + name,
                        "* OK [UIDVALIDITY " + QByteArray::number(validity) + "] ok\r\n@TAG OK [READ-WRITE] in");
    }
    Script &raw(const QByteArray &step)
    {
        steps << step;
        return *this;
    }

    QByteArrayList steps;

private:
    int m_tag;
};

const QDateTime january = QDateTime(QDate(2026, 1, 1), QTime(10, 0), QTimeZone::UTC);
const QByteArray newMessage = "Message-ID: <new@test>\r\n\r\nhi";
const QByteArray trashMessage = "Message-ID: <t1@test>\r\n\r\nbye";

Flags flags(QByteArrayView list)
{
    return Flags::fromImapList(list).value();
}

store::MessageRecord row(Uid uid, QByteArrayView flagList)
{
    store::MessageRecord record;
    record.uid = uid;
    record.flags = flags(flagList);
    record.internalDate = january;
    record.size = 100 + uid;
    record.subject = u"Message %1"_s.arg(uid);
    record.fromAddress = u"bob@example.org"_s;
    record.messageId = "<m" + QByteArray::number(uid) + "@test>";
    return record;
}

// The other account's server reads the APPEND of trashMessage to Imported and closes the
// connection before it answers: whether the message arrived is unknown.
QByteArrayList appendThenGone()
{
    Script lost;
    lost.exchangeLiteral("APPEND Imported (\\Seen) \" 1-Jan-2026 10:00:00 +0000\"", trashMessage, "* OK");
    lost.steps.removeLast();
    lost.raw("CLOSE");
    return lost.steps;
}

struct Connected {
    std::unique_ptr<ScriptedImapServer> server;
    std::unique_ptr<engine::Session> session;

    [[nodiscard]] QString problems() const
    {
        QStringList all = server->errors();
        if (!server->scriptFinished())
            all << u"the script did not finish"_s;
        return all.join(u'\n');
    }
};

} // namespace

class tst_OperationJournal : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_certificatesDir.isValid());
        QVERIFY2(m_certificates.create(m_certificatesDir.path()), qPrintable(m_certificates.errorString()));
    }

    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        openStore();
        QVERIFY(m_store);
        m_inbox = addMailbox(
            u"INBOX"_s, 1, store::SpecialUse::None,
            {row(1, "()"), row(2, "(\\Seen)"), row(3, "(\\Flagged)"), row(4, "(\\Deleted)"), row(5, "()")});
        m_archive = addMailbox(u"Archive"_s, 7, store::SpecialUse::Archive, {});
        m_trash = addMailbox(u"Trash"_s, 8, store::SpecialUse::Trash, {trashRow()});
        QVERIFY(m_inbox && m_archive && m_trash);
        m_journal = std::make_unique<OperationJournal>(*m_store);
    }

    void cleanup()
    {
        m_journal.reset();
        m_store.reset();
        m_dir.reset();
    }

    void badRequests_data()
    {
        QTest::addColumn<int>("which");
        QTest::addColumn<JournalError>("expected");
        QTest::newRow("flags-unknown-mailbox") << 0 << JournalError::UnknownMailbox;
        QTest::newRow("flags-empty-uid-set") << 1 << JournalError::EmptyUidSet;
        QTest::newRow("move-uids-not-in-folder") << 2 << JournalError::NoSuchMessages;
        QTest::newRow("move-to-unknown-folder") << 3 << JournalError::UnknownMailbox;
        QTest::newRow("create-existing-folder") << 4 << JournalError::MailboxExists;
        QTest::newRow("rename-to-empty-name") << 5 << JournalError::InvalidPath;
        QTest::newRow("undo-with-nothing-done") << 6 << JournalError::NothingToUndo;
    }

    void badRequests()
    {
        QFETCH(int, which);
        QFETCH(JournalError, expected);
        OperationJournal::Request request;
        switch (which) {
        case 0:
            request = m_journal->setFlags(999, {1}, flags("(\\Seen)"), {});
            break;
        case 1:
            request = m_journal->setFlags(m_inbox, {}, flags("(\\Seen)"), {});
            break;
        case 2:
            request = m_journal->move(m_inbox, {40, 41}, m_archive);
            break;
        case 3:
            request = m_journal->move(m_inbox, {1}, 999);
            break;
        case 4:
            request = m_journal->createMailbox(u"Archive"_s);
            break;
        case 5:
            request = m_journal->renameMailbox(m_archive, u" "_s);
            break;
        case 6:
            request = m_journal->undo();
            break;
        }
        QCOMPARE(request.error, expected);
        QVERIFY(!request.message.isEmpty());
        QVERIFY(m_store->journalEntries().isEmpty());
    }

    void setFlags_data()
    {
        QTest::addColumn<bool>("accepted");
        QTest::newRow("store-accepted") << true;
        QTest::newRow("store-refused-reverts") << false;
    }

    void setFlags()
    {
        QFETCH(bool, accepted);
        QSignalSpy deltas(m_journal.get(), &OperationJournal::mailboxDelta);
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        const auto request = m_journal->setFlags(m_inbox, {1, 2}, flags("(\\Seen)"), flags("(\\Flagged)"));
        QVERIFY(request.ok());
        // Local at once, before any server is there.
        QCOMPARE(m_store->message(m_inbox, 1)->flags, flags("(\\Seen)"));
        QCOMPARE(deltas.size(), 1);
        QCOMPARE(m_store->journalEntry(request.id)->state, State::Pending);

        Script script;
        script.selectInbox().exchange("UID STORE 1:2 +FLAGS.SILENT (\\Seen)",
                                      accepted ? "@TAG OK stored" : "@TAG NO [CANNOT] read-only folder");
        if (accepted)
            script.exchange("UID STORE 1:2 -FLAGS.SILENT (\\Flagged)", "@TAG OK");
        Connected c = connectTo("", script.steps);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(0).toLongLong(), request.id);
        QCOMPARE(finished.first().at(1).toBool(), accepted);
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
        if (accepted) {
            QVERIFY(m_store->journalEntries().isEmpty());
            QCOMPARE(m_store->message(m_inbox, 1)->flags, flags("(\\Seen)"));
            QCOMPARE(m_store->undoRecords().size(), 1);
        } else {
            QCOMPARE(finished.first().at(2).toString(), u"read-only folder"_s);
            QCOMPARE(m_store->message(m_inbox, 1)->flags, Flags());
            QCOMPARE(m_store->message(m_inbox, 2)->flags, flags("(\\Seen)"));
            const auto entry = m_store->journalEntry(request.id);
            QVERIFY(entry);
            QCOMPARE(entry->state, State::Failed);
            QCOMPARE(entry->error, u"read-only folder"_s);
            QVERIFY(m_store->undoRecords().isEmpty());
            QCOMPARE(deltas.size(), 2); // the change, and its revert
        }
    }

    void undoFlagsRestoresEachMessage()
    {
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Script script;
        script.selectInbox()
            .exchange("UID STORE 1:3 +FLAGS.SILENT (\\Seen)", "@TAG OK")
            .exchange("UID STORE 1:3 -FLAGS.SILENT (\\Flagged)", "@TAG OK")
            // The inverse, per message: 1 had neither, 2 had \Seen already, 3 was \Flagged.
            // INBOX is still selected: no second SELECT.
            .exchange("UID STORE 1 -FLAGS.SILENT (\\Seen)", "@TAG OK")
            .exchange("UID STORE 3 +FLAGS.SILENT (\\Flagged)", "@TAG OK")
            .exchange("UID STORE 3 -FLAGS.SILENT (\\Seen)", "@TAG OK");
        Connected c = connectTo("", script.steps);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        QVERIFY(m_journal->setFlags(m_inbox, {1, 2, 3}, flags("(\\Seen)"), flags("(\\Flagged)")).ok());
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(m_journal->undoDescription(), u"Changed flags of 3 messages"_s);
        QVERIFY(m_journal->undo().ok());
        QCOMPARE(m_store->message(m_inbox, 3)->flags, flags("(\\Flagged)"));
        QTRY_COMPARE(finished.size(), 2);
        QVERIFY(finished.last().at(1).toBool());
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
        QCOMPARE(m_store->message(m_inbox, 1)->flags, Flags());
        QCOMPARE(m_store->message(m_inbox, 2)->flags, flags("(\\Seen)"));
        QVERIFY(m_store->undoRecords().isEmpty()); // an undo is not itself undoable
        QVERIFY(m_store->journalEntries().isEmpty());
    }

    void move_data()
    {
        QTest::addColumn<QByteArray>("capabilities");
        QTest::addColumn<QByteArrayList>("script");
        QTest::addColumn<bool>("knowsTarget");
        QTest::newRow("uid-move")
            << QByteArray("MOVE UIDPLUS")
            << Script()
                   .selectInbox()
                   .exchange("UID MOVE 1:2 Archive",
                             "* OK [COPYUID 7 1:2 11:12] moved\r\n* 1 EXPUNGE\r\n* 1 EXPUNGE\r\n@TAG OK done")
                   .steps
            << true;
        QTest::newRow("copy-fallback-with-uidplus")
            << QByteArray("UIDPLUS")
            << Script()
                   .selectInbox()
                   .exchange("UID COPY 1:2 Archive", "@TAG OK [COPYUID 7 1:2 11:12] copied")
                   .exchange("UID STORE 1:2 +FLAGS.SILENT (\\Deleted)", "@TAG OK")
                   .exchange("UID EXPUNGE 1:2", "* 1 EXPUNGE\r\n* 1 EXPUNGE\r\n@TAG OK")
                   .steps
            << true;
        // Message 4 carries another client's \Deleted: it loses the mark only for the moment
        // of the EXPUNGE (RFC 4549 §4.2.4) and is never expunged.
        QTest::newRow("copy-fallback-without-uidplus-spares-other-deleted")
            << QByteArray()
            << Script()
                   .selectInbox()
                   .exchange("UID COPY 1:2 Archive", "@TAG OK copied")
                   .exchange("UID STORE 1:2 +FLAGS.SILENT (\\Deleted)", "@TAG OK")
                   .exchange("UID SEARCH DELETED", "* SEARCH 1 2 4\r\n@TAG OK")
                   .exchange("UID STORE 4 -FLAGS.SILENT (\\Deleted)", "@TAG OK")
                   .exchange("EXPUNGE", "* 1 EXPUNGE\r\n* 1 EXPUNGE\r\n@TAG OK")
                   .exchange("UID STORE 4 +FLAGS.SILENT (\\Deleted)", "@TAG OK")
                   .steps
            << false;
    }

    void move()
    {
        QFETCH(QByteArray, capabilities);
        QFETCH(QByteArrayList, script);
        QFETCH(bool, knowsTarget);
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        QSignalSpy deltas(m_journal.get(), &OperationJournal::mailboxDelta);
        const auto request = m_journal->move(m_inbox, {1, 2}, m_archive);
        QVERIFY(request.ok());
        QCOMPARE(m_store->uids(m_inbox), (UidSet{3, 4, 5}));
        QCOMPARE(deltas.size(), 1);
        QCOMPARE(deltas.first().first().value<engine::MailboxDeltaPtr>()->removed, (UidSet{1, 2}));

        Connected c = connectTo(capabilities, script);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
        QVERIFY(m_store->journalEntries().isEmpty());
        QCOMPARE(m_store->uids(m_inbox), (UidSet{3, 4, 5}));
        if (knowsTarget) {
            QCOMPARE(m_store->uids(m_archive), (UidSet{11, 12}));
            QCOMPARE(m_store->message(m_archive, 12)->messageId, "<m2@test>"_ba);
            QCOMPARE(m_journal->undoDescription(), u"Moved 2 messages to Archive"_s);
        } else {
            QVERIFY(m_store->uids(m_archive).isEmpty());
            QVERIFY(m_journal->undoDescription().contains(u"cannot be undone"_s));
            const auto undo = m_journal->undo();
            QCOMPARE(undo.error, JournalError::UndoImpossible);
            QVERIFY(undo.message.contains(u"UIDPLUS"_s));
            // The bare EXPUNGE came only while message 4 did not carry \Deleted.
            const QByteArray sent = c.server->received();
            QVERIFY(sent.indexOf("UID STORE 4 -FLAGS") < sent.indexOf(" EXPUNGE\r\n"));
        }
    }

    void moveRefused_data()
    {
        QTest::addColumn<QByteArray>("capabilities");
        QTest::addColumn<QByteArrayList>("script");
        QTest::addColumn<QString>("error");
        QTest::newRow("uid-move-refused")
            << QByteArray("MOVE UIDPLUS")
            << Script().selectInbox().exchange("UID MOVE 1:2 Archive", "@TAG NO [OVERQUOTA] quota exceeded").steps
            << u"quota exceeded"_s;
        QTest::newRow("copy-trycreate-stores-and-expunges-nothing")
            << QByteArray("UIDPLUS")
            << Script().selectInbox().exchange("UID COPY 1:2 Archive", "@TAG NO [TRYCREATE] no such mailbox").steps
            << u"The folder Archive does not exist on the server; nothing was moved or copied."_s;
    }

    void moveRefused()
    {
        QFETCH(QByteArray, capabilities);
        QFETCH(QByteArrayList, script);
        QFETCH(QString, error);
        const auto before = m_store->messages(m_inbox, UidSet::fromRange(1, 5));
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        QSignalSpy deltas(m_journal.get(), &OperationJournal::mailboxDelta);
        const auto request = m_journal->move(m_inbox, {1, 2}, m_archive);
        QVERIFY(request.ok());
        Connected c = connectTo(capabilities, script);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toBool(), false);
        QCOMPARE(finished.first().at(2).toString(), error);
        QTest::qWait(50);
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
        QVERIFY(!c.server->received().contains("STORE"));
        QVERIFY(!c.server->received().contains("EXPUNGE"));
        QCOMPARE(m_store->messages(m_inbox, UidSet::fromRange(1, 5)), before);
        QVERIFY(m_store->uids(m_archive).isEmpty());
        QCOMPARE(deltas.size(), 2);
        QCOMPARE(deltas.last().first().value<engine::MailboxDeltaPtr>()->inserted.size(), size_t(2));
        QCOMPARE(m_store->journalEntry(request.id)->state, State::Failed);
        QVERIFY(m_store->undoRecords().isEmpty());
    }

    void copyThenUndoRemovesExactlyTheCopies()
    {
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Script script;
        script.selectInbox()
            .exchange("UID COPY 1:2 Archive", "@TAG OK [COPYUID 7 1:2 11:12] copied")
            .select("Archive", 7)
            .exchange("UID STORE 11:12 +FLAGS.SILENT (\\Deleted)", "@TAG OK")
            .exchange("UID EXPUNGE 11:12", "@TAG OK");
        Connected c = connectTo("UIDPLUS", script.steps);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        QVERIFY(m_journal->copy(m_inbox, {1, 2}, m_archive).ok());
        QCOMPARE(m_store->uids(m_inbox), UidSet::fromRange(1, 5)); // a copy leaves the source
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(m_store->uids(m_archive), (UidSet{11, 12}));
        QCOMPARE(m_journal->undoDescription(), u"Copied 2 messages to Archive"_s);
        QVERIFY(m_journal->undo().ok());
        QVERIFY(m_store->uids(m_archive).isEmpty()); // at once
        QTRY_COMPARE(finished.size(), 2);
        QVERIFY(finished.last().at(1).toBool());
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
        QCOMPARE(m_store->uids(m_inbox), UidSet::fromRange(1, 5));
    }

    void deleteGoesToTrashAndUndoBringsItBack()
    {
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Script script;
        script.selectInbox()
            .exchange("UID MOVE 1 Trash", "* OK [COPYUID 8 1 22] moved\r\n* 1 EXPUNGE\r\n@TAG OK")
            .select("Trash", 8)
            .exchange("UID MOVE 22 INBOX", "* OK [COPYUID 1 22 6] moved\r\n* 2 EXPUNGE\r\n@TAG OK");
        Connected c = connectTo("MOVE UIDPLUS", script.steps);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        QVERIFY(m_journal->remove(m_inbox, {1}).ok());
        QVERIFY(!m_store->message(m_inbox, 1));
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(m_store->uids(m_trash), (UidSet{21, 22}));
        QCOMPARE(m_journal->undoDescription(), u"Deleted 1 message"_s);
        QVERIFY(m_journal->undo().ok());
        QTRY_COMPARE(finished.size(), 2);
        QVERIFY2(finished.last().at(1).toBool(), qPrintable(finished.last().at(2).toString()));
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
        QCOMPARE(m_store->uids(m_trash), (UidSet{21}));
        QCOMPARE(m_store->message(m_inbox, 6)->messageId, "<m1@test>"_ba);
    }

    void deleteInTrashExpungesAndUndoAppendsBack()
    {
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Script script;
        script.select("Trash", 8)
            .exchange("UID FETCH 21 (UID FLAGS INTERNALDATE BODY.PEEK[])",
                      "* 1 FETCH (UID 21 FLAGS (\\Seen) INTERNALDATE \"01-Jan-2026 10:00:00 +0000\" BODY[] {"
                          + QByteArray::number(trashMessage.size()) + "}\r\n" + trashMessage + ")\r\n@TAG OK")
            .exchange("UID STORE 21 +FLAGS.SILENT (\\Deleted)", "@TAG OK")
            .exchange("UID EXPUNGE 21", "* 1 EXPUNGE\r\n@TAG OK")
            .exchangeLiteral("APPEND Trash (\\Seen) \" 1-Jan-2026 10:00:00 +0000\"", trashMessage,
                             "@TAG OK [APPENDUID 8 23] appended");
        Connected c = connectTo("UIDPLUS", script.steps);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        QVERIFY(m_journal->remove(m_trash, {21}).ok());
        QVERIFY(m_store->uids(m_trash).isEmpty());
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY2(finished.last().at(1).toBool(), qPrintable(finished.last().at(2).toString()));
        // The undo survives a restart: it holds the whole message.
        reopen();
        QSignalSpy undone(m_journal.get(), &OperationJournal::operationFinished);
        QVERIFY(m_journal->undo().ok());
        m_journal->setSession(c.session.get());
        QTRY_COMPARE(undone.size(), 1);
        QVERIFY2(undone.first().at(1).toBool(), qPrintable(undone.first().at(2).toString()));
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
    }

    void createFolder_data()
    {
        QTest::addColumn<QByteArray>("answer");
        QTest::addColumn<bool>("ok");
        QTest::newRow("created") << QByteArray("@TAG OK created") << true;
        QTest::newRow("already-exists-counts-as-done") << QByteArray("@TAG NO [ALREADYEXISTS] exists") << true;
        QTest::newRow("refused-removes-it-again") << QByteArray("@TAG NO [CANNOT] bad name") << false;
    }

    void createFolder()
    {
        QFETCH(QByteArray, answer);
        QFETCH(bool, ok);
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        QSignalSpy folders(m_journal.get(), &OperationJournal::mailboxesChanged);
        QVERIFY(m_journal->createMailbox(u"Work"_s).ok());
        QVERIFY(m_store->mailboxByPath(u"Work"_s));
        QCOMPARE(folders.size(), 1);
        Connected c = connectTo("", Script().exchange("CREATE Work", answer).steps);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toBool(), ok);
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
        QCOMPARE(bool(m_store->mailboxByPath(u"Work"_s)), ok);
        if (!ok)
            QCOMPARE(folders.size(), 2);
    }

    void folderOperationsAndTheirUndo_data()
    {
        QTest::addColumn<int>("operation");
        QTest::addColumn<QByteArrayList>("script");
        QTest::newRow("create-undo-deletes")
            << 0 << Script().exchange("CREATE Work", "@TAG OK").exchange("DELETE Work", "@TAG OK").steps;
        QTest::newRow("rename-undo-renames-back")
            << 1 << Script().exchange("RENAME Archive Old", "@TAG OK").exchange("RENAME Old Archive", "@TAG OK").steps;
        QTest::newRow("delete-folder-undo-creates-it")
            << 2 << Script().exchange("DELETE Archive", "@TAG OK").exchange("CREATE Archive", "@TAG OK").steps;
        QTest::newRow("subscribe-undo-unsubscribes")
            << 3 << Script().exchange("SUBSCRIBE Archive", "@TAG OK").exchange("UNSUBSCRIBE Archive", "@TAG OK").steps;
    }

    void folderOperationsAndTheirUndo()
    {
        QFETCH(int, operation);
        QFETCH(QByteArrayList, script);
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        const QList<store::MailboxRecord> before = m_store->mailboxes();
        Connected c = connectTo("", script);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        OperationJournal::Request request;
        switch (operation) {
        case 0:
            request = m_journal->createMailbox(u"Work"_s);
            break;
        case 1:
            request = m_journal->renameMailbox(m_archive, u"Old"_s);
            break;
        case 2:
            request = m_journal->deleteMailbox(m_archive);
            break;
        case 3:
            request = m_journal->setSubscribed(m_archive, true);
            break;
        }
        QVERIFY(request.ok());
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
        switch (operation) {
        case 0:
            QVERIFY(m_store->mailboxByPath(u"Work"_s));
            break;
        case 1:
            QCOMPARE(m_store->mailbox(m_archive)->path, u"Old"_s);
            break;
        case 2:
            QVERIFY(!m_store->mailbox(m_archive));
            break;
        case 3:
            QVERIFY(m_store->mailbox(m_archive)->subscribed);
            break;
        }
        QVERIFY(m_journal->undo().ok());
        QTRY_COMPARE(finished.size(), 2);
        QVERIFY2(finished.last().at(1).toBool(), qPrintable(finished.last().at(2).toString()));
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
        QStringList paths;
        for (const store::MailboxRecord &mailbox : m_store->mailboxes())
            paths << mailbox.path;
        QStringList expected;
        for (const store::MailboxRecord &mailbox : before)
            expected << mailbox.path;
        QCOMPARE(paths, expected);
        QVERIFY(!m_store->mailboxByPath(u"Archive"_s)->subscribed);
    }

    void folderOperationRefused_data()
    {
        QTest::addColumn<int>("operation");
        QTest::addColumn<QByteArrayList>("script");
        QTest::newRow("rename-refused") << 1 << Script().exchange("RENAME Archive Old", "@TAG NO nope").steps;
        QTest::newRow("delete-folder-refused") << 2 << Script().exchange("DELETE Archive", "@TAG NO nope").steps;
        QTest::newRow("subscribe-refused") << 3 << Script().exchange("SUBSCRIBE Archive", "@TAG NO nope").steps;
    }

    void folderOperationRefused()
    {
        QFETCH(int, operation);
        QFETCH(QByteArrayList, script);
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Connected c = connectTo("", script);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        switch (operation) {
        case 1:
            QVERIFY(m_journal->renameMailbox(m_archive, u"Old"_s).ok());
            break;
        case 2:
            QVERIFY(m_journal->deleteMailbox(m_archive).ok());
            break;
        case 3:
            QVERIFY(m_journal->setSubscribed(m_archive, true).ok());
            break;
        }
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toBool(), false);
        QCOMPARE(finished.first().at(2).toString(), u"nope"_s);
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
        const auto archive = m_store->mailboxByPath(u"Archive"_s);
        QVERIFY(archive);
        QVERIFY(!archive->subscribed);
        QCOMPARE(m_journal->failures().size(), 1);
        m_journal->dismissFailure(m_journal->failures().first().id);
        QVERIFY(m_store->journalEntries().isEmpty());
    }

    void append_data()
    {
        QTest::addColumn<bool>("accepted");
        QTest::newRow("appenduid-then-undo-expunges-it") << true;
        QTest::newRow("append-refused") << false;
    }

    void append()
    {
        QFETCH(bool, accepted);
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Script script;
        script.exchangeLiteral("APPEND INBOX (\\Seen) \" 1-Jan-2026 10:00:00 +0000\"", newMessage,
                               accepted ? "@TAG OK [APPENDUID 1 6] done" : "@TAG NO [OVERQUOTA] full");
        if (accepted)
            script.selectInbox()
                .exchange("UID STORE 6 +FLAGS.SILENT (\\Deleted)", "@TAG OK")
                .exchange("UID EXPUNGE 6", "@TAG OK");
        Connected c = connectTo("UIDPLUS", script.steps);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        QVERIFY(m_journal->append(m_inbox, newMessage, flags("(\\Seen)"), january).ok());
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toBool(), accepted);
        if (accepted) {
            QCOMPARE(m_journal->undoDescription(), u"Added a message to INBOX"_s);
            QVERIFY(m_journal->undo().ok());
            QTRY_COMPARE(finished.size(), 2);
            QVERIFY(finished.last().at(1).toBool());
        } else {
            QCOMPARE(finished.first().at(2).toString(), u"full"_s);
        }
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
    }

    void pendingEntriesWaitOfflineAndReplayAfterRestart()
    {
        QVERIFY(m_journal->setFlags(m_inbox, {5}, flags("(\\Seen)"), {}).ok());
        QVERIFY(m_journal->move(m_inbox, {1}, m_archive).ok());
        QCOMPARE(m_store->pendingJournalEntries().size(), 2);
        reopen();
        QCOMPARE(m_store->pendingJournalEntries().size(), 2);
        QCOMPARE(m_store->message(m_inbox, 5)->flags, flags("(\\Seen)"));
        QVERIFY(!m_store->message(m_inbox, 1));
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Script script;
        script.selectInbox()
            .exchange("UID STORE 5 +FLAGS.SILENT (\\Seen)", "@TAG OK")
            .exchange("UID MOVE 1 Archive", "* OK [COPYUID 7 1 11] moved\r\n@TAG OK");
        Connected c = connectTo("MOVE UIDPLUS", script.steps);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        QTRY_COMPARE(finished.size(), 2);
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
        QVERIFY(m_store->journalEntries().isEmpty());
        QCOMPARE(m_store->uids(m_archive), (UidSet{11}));
    }

    void sentEntriesReplayIdempotently_data()
    {
        QTest::addColumn<QByteArray>("capabilities");
        QTest::addColumn<int>("operation");
        QTest::addColumn<QByteArrayList>("first");  // ends with the connection lost
        QTest::addColumn<QByteArrayList>("second"); // after reconnecting
        QTest::newRow("move-moves-only-what-is-left")
            << QByteArray("MOVE UIDPLUS") << 0
            << Script().selectInbox().raw("C: f3 UID MOVE 1:2 Archive").raw("CLOSE").steps
            << Script()
                   .selectInbox()
                   .exchange("UID SEARCH UID 1:2", "* SEARCH 2\r\n@TAG OK")
                   .exchange("UID MOVE 2 Archive", "* OK [COPYUID 7 2 12] moved\r\n@TAG OK")
                   .steps;
        QTest::newRow("copy-fallback-copies-only-what-the-target-lacks")
            << QByteArray("UIDPLUS") << 0 << Script().selectInbox().raw("C: f3 UID COPY 1:2 Archive").raw("CLOSE").steps
            << Script()
                   .select("Archive", 7)
                   .exchange("UID SEARCH HEADER Message-ID \"<m1@test>\"", "* SEARCH 11\r\n@TAG OK")
                   .exchange("UID SEARCH HEADER Message-ID \"<m2@test>\"", "* SEARCH\r\n@TAG OK")
                   .selectInbox()
                   .exchange("UID COPY 2 Archive", "@TAG OK [COPYUID 7 2 12] copied")
                   .exchange("UID STORE 1:2 +FLAGS.SILENT (\\Deleted)", "@TAG OK")
                   .exchange("UID EXPUNGE 1:2", "@TAG OK")
                   .steps;
        QTest::newRow("copy-done-goes-on-with-the-expunge")
            << QByteArray("UIDPLUS") << 0
            << Script()
                   .selectInbox()
                   .exchange("UID COPY 1:2 Archive", "@TAG OK [COPYUID 7 1:2 11:12] copied")
                   .raw("C: f4 UID STORE 1:2 +FLAGS.SILENT (\\Deleted)")
                   .raw("CLOSE")
                   .steps
            << Script()
                   .selectInbox()
                   .exchange("UID STORE 1:2 +FLAGS.SILENT (\\Deleted)", "@TAG OK")
                   .exchange("UID EXPUNGE 1:2", "@TAG OK")
                   .steps;
        QTest::newRow("append-found-by-message-id-is-not-appended-again")
            << QByteArray("UIDPLUS") << 1
            << Script()
                   .raw("C: f2 APPEND INBOX () \" 1-Jan-2026 10:00:00 +0000\" {" + QByteArray::number(newMessage.size())
                        + "+}")
                   .raw("C: Message-ID: <new@test>")
                   .raw("C: ")
                   .raw("C: hi")
                   .raw("CLOSE")
                   .steps
            << Script()
                   .selectInbox()
                   .exchange("UID SEARCH HEADER Message-ID \"<new@test>\"", "* SEARCH 6\r\n@TAG OK")
                   .steps;
        QTest::newRow("create-that-exists-is-done")
            << QByteArray() << 2 << Script().raw("C: f2 CREATE Work").raw("CLOSE").steps
            << Script().exchange("CREATE Work", "@TAG NO [ALREADYEXISTS] exists").steps;
        QTest::newRow("rename-already-made-is-done")
            << QByteArray() << 3 << Script().raw("C: f2 RENAME Archive Old").raw("CLOSE").steps
            << Script()
                   .exchange("RENAME Archive Old", "@TAG NO [NONEXISTENT] no Archive")
                   .exchange("LIST \"\" Old", "* LIST () \"/\" Old\r\n@TAG OK")
                   .steps;
    }

    void sentEntriesReplayIdempotently()
    {
        QFETCH(QByteArray, capabilities);
        QFETCH(int, operation);
        QFETCH(QByteArrayList, first);
        QFETCH(QByteArrayList, second);
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Connected c = connectTo(capabilities, first);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        OperationJournal::Request request;
        switch (operation) {
        case 0:
            request = m_journal->move(m_inbox, {1, 2}, m_archive);
            break;
        case 1:
            request = m_journal->append(m_inbox, newMessage, {}, january);
            break;
        case 2:
            request = m_journal->createMailbox(u"Work"_s);
            break;
        case 3:
            request = m_journal->renameMailbox(m_archive, u"Old"_s);
            break;
        }
        QVERIFY(request.ok());
        QTRY_VERIFY(!c.session->isUsable());
        QTRY_VERIFY(m_journal->isIdle());
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
        QCOMPARE(finished.size(), 0); // unknown is not failed
        QCOMPARE(m_store->journalEntry(request.id)->state, State::Sent);
        // A restart in between changes nothing.
        reopen();
        QSignalSpy replayed(m_journal.get(), &OperationJournal::operationFinished);
        Connected again = connectTo(capabilities, second);
        QVERIFY(again.session);
        m_journal->setSession(again.session.get());
        QTRY_COMPARE(replayed.size(), 1);
        QVERIFY2(replayed.first().at(1).toBool(), qPrintable(replayed.first().at(2).toString()));
        QVERIFY2(again.problems().isEmpty(), qPrintable(again.problems()));
        QVERIFY(m_store->journalEntries().isEmpty());
        QVERIFY(!again.server->received().contains("APPEND"));
    }

    void undoAfterReopeningTheStore()
    {
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Connected c = connectTo("MOVE UIDPLUS",
                                Script()
                                    .selectInbox()
                                    .exchange("UID MOVE 1:2 Archive", "* OK [COPYUID 7 1:2 11:12] moved\r\n@TAG OK")
                                    .steps);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        QVERIFY(m_journal->move(m_inbox, {1, 2}, m_archive).ok());
        QTRY_COMPARE(finished.size(), 1);
        reopen();
        QCOMPARE(m_journal->undoDescription(), u"Moved 2 messages to Archive"_s);
        QSignalSpy undone(m_journal.get(), &OperationJournal::operationFinished);
        QVERIFY(m_journal->undo().ok());
        QVERIFY(m_store->uids(m_archive).isEmpty());
        Connected again = connectTo("MOVE UIDPLUS",
                                    Script()
                                        .select("Archive", 7)
                                        .exchange("UID MOVE 11:12 INBOX", "* OK [COPYUID 1 11:12 6:7] moved\r\n@TAG OK")
                                        .steps);
        QVERIFY(again.session);
        m_journal->setSession(again.session.get());
        QTRY_COMPARE(undone.size(), 1);
        QVERIFY2(undone.first().at(1).toBool(), qPrintable(undone.first().at(2).toString()));
        QVERIFY2(again.problems().isEmpty(), qPrintable(again.problems()));
        QCOMPARE(m_store->uids(m_inbox), (UidSet{3, 4, 5, 6, 7}));
        QCOMPARE(m_store->message(m_inbox, 7)->messageId, "<m2@test>"_ba);
    }

    void moveToAnotherAccount_data()
    {
        QTest::addColumn<QByteArray>("targetCapabilities");
        QTest::addColumn<QByteArrayList>("targetScript");
        QTest::newRow("confirmed-by-appenduid")
            << QByteArray("UIDPLUS")
            << Script()
                   .exchangeLiteral("APPEND Imported (\\Seen) \" 1-Jan-2026 10:00:00 +0000\"", trashMessage,
                                    "@TAG OK [APPENDUID 9 3] done")
                   .steps;
        QTest::newRow("confirmed-by-message-id-search")
            << QByteArray()
            << Script()
                   .exchangeLiteral("APPEND Imported (\\Seen) \" 1-Jan-2026 10:00:00 +0000\"", trashMessage,
                                    "@TAG OK done")
                   .exchange("EXAMINE Imported", "@TAG OK [READ-ONLY] in")
                   .exchange("UID SEARCH HEADER Message-ID \"<t1@test>\"", "* SEARCH 3\r\n@TAG OK")
                   .steps;
    }

    void moveToAnotherAccount()
    {
        QFETCH(QByteArray, targetCapabilities);
        QFETCH(QByteArrayList, targetScript);
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Connected source = connectTo("UIDPLUS",
                                     Script()
                                         .select("Trash", 8)
                                         .exchange("UID FETCH 21 (UID FLAGS INTERNALDATE BODY.PEEK[])", fetchAnswer())
                                         .exchange("UID STORE 21 +FLAGS.SILENT (\\Deleted)", "@TAG OK")
                                         .exchange("UID EXPUNGE 21", "@TAG OK")
                                         .steps);
        Connected target = connectTo(targetCapabilities, targetScript);
        QVERIFY(source.session && target.session);
        engine::SessionAppendTarget other(u"other-account"_s, *target.session);
        m_journal->setSession(source.session.get());
        QVERIFY(m_journal->moveToAccount(m_trash, {21}, other, u"Imported"_s).ok());
        QVERIFY(m_store->uids(m_trash).isEmpty());
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
        QVERIFY2(source.problems().isEmpty(), qPrintable(source.problems()));
        QVERIFY2(target.problems().isEmpty(), qPrintable(target.problems()));
        // The source lost the message only after the target had confirmed it.
        QVERIFY(m_store->journalEntries().isEmpty());
        QCOMPARE(m_journal->undoDescription(), u"Moved 1 message to Imported in another account"_s);
    }

    void undoMoveToAnotherAccountAppendsBackThenRemovesThere()
    {
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Connected source = connectTo("UIDPLUS",
                                     Script()
                                         .select("Trash", 8)
                                         .exchange("UID FETCH 21 (UID FLAGS INTERNALDATE BODY.PEEK[])", fetchAnswer())
                                         .exchange("UID STORE 21 +FLAGS.SILENT (\\Deleted)", "@TAG OK")
                                         .exchange("UID EXPUNGE 21", "@TAG OK")
                                         .exchangeLiteral("APPEND Trash (\\Seen) \" 1-Jan-2026 10:00:00 +0000\"",
                                                          trashMessage, "@TAG OK [APPENDUID 8 22] back")
                                         .steps);
        Connected target = connectTo("UIDPLUS",
                                     Script()
                                         .exchangeLiteral("APPEND Imported (\\Seen) \" 1-Jan-2026 10:00:00 +0000\"",
                                                          trashMessage, "@TAG OK [APPENDUID 9 3] done")
                                         .select("Imported", 9)
                                         .exchange("UID STORE 3 +FLAGS.SILENT (\\Deleted)", "@TAG OK")
                                         .exchange("UID EXPUNGE 3", "@TAG OK")
                                         .steps);
        QVERIFY(source.session && target.session);
        engine::SessionAppendTarget other(u"other-account"_s, *target.session);
        m_journal->setSession(source.session.get());
        QVERIFY(m_journal->moveToAccount(m_trash, {21}, other, u"Imported"_s).ok());
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
        // Across a restart: the new journal finds the other account again by its key.
        reopen();
        QSignalSpy undone(m_journal.get(), &OperationJournal::operationFinished);
        m_journal->addAppendTarget(&other);
        m_journal->setSession(source.session.get());
        QVERIFY(m_journal->undo().ok());
        QTRY_COMPARE(undone.size(), 1);
        QVERIFY2(undone.first().at(1).toBool(), qPrintable(undone.first().at(2).toString()));
        QVERIFY2(source.problems().isEmpty(), qPrintable(source.problems()));
        QVERIFY2(target.problems().isEmpty(), qPrintable(target.problems()));
        // The copy there went only after the message was back here.
        QVERIFY(m_store->journalEntries().isEmpty());
    }

    void moveToAnotherAccountFailingKeepsTheSource()
    {
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Connected source = connectTo("UIDPLUS",
                                     Script()
                                         .select("Trash", 8)
                                         .exchange("UID FETCH 21 (UID FLAGS INTERNALDATE BODY.PEEK[])", fetchAnswer())
                                         .steps);
        Connected target = connectTo("UIDPLUS",
                                     Script()
                                         .exchangeLiteral("APPEND Imported (\\Seen) \" 1-Jan-2026 10:00:00 +0000\"",
                                                          trashMessage, "@TAG NO [TRYCREATE] no such folder")
                                         .steps);
        QVERIFY(source.session && target.session);
        engine::SessionAppendTarget other(u"other-account"_s, *target.session);
        m_journal->setSession(source.session.get());
        QVERIFY(m_journal->moveToAccount(m_trash, {21}, other, u"Imported"_s).ok());
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toBool(), false);
        QCOMPARE(finished.first().at(2).toString(), u"no such folder"_s);
        QTest::qWait(50);
        QVERIFY(!source.server->received().contains("STORE"));
        QCOMPARE(m_store->uids(m_trash), (UidSet{21}));
        QVERIFY2(source.problems().isEmpty(), qPrintable(source.problems()));
    }

    void moveToAnotherAccountReplayNeverAppendsTwice()
    {
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Connected source = connectTo("UIDPLUS",
                                     Script()
                                         .select("Trash", 8)
                                         .exchange("UID FETCH 21 (UID FLAGS INTERNALDATE BODY.PEEK[])", fetchAnswer())
                                         .exchange("UID STORE 21 +FLAGS.SILENT (\\Deleted)", "@TAG OK")
                                         .exchange("UID EXPUNGE 21", "@TAG OK")
                                         .steps);
        // The target takes the APPEND and is gone before it answers.
        Connected target = connectTo("UIDPLUS", appendThenGone());
        QVERIFY(source.session && target.session);
        auto other = std::make_unique<engine::SessionAppendTarget>(u"other-account"_s, *target.session);
        m_journal->setSession(source.session.get());
        QVERIFY(m_journal->moveToAccount(m_trash, {21}, *other, u"Imported"_s).ok());
        QTRY_VERIFY(!target.session->isUsable());
        QTRY_VERIFY(m_journal->isIdle());
        QCOMPARE(finished.size(), 0);
        QVERIFY2(target.problems().isEmpty(), qPrintable(target.problems()));

        // The other account reconnects: the journal asks before it appends.
        Connected again = connectTo("UIDPLUS",
                                    Script()
                                        .exchange("EXAMINE Imported", "@TAG OK [READ-ONLY] in")
                                        .exchange("UID SEARCH HEADER Message-ID \"<t1@test>\"", "* SEARCH 3\r\n@TAG OK")
                                        .steps);
        QVERIFY(again.session);
        reconnectOtherAccount(other, *again.session);
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
        QVERIFY2(again.problems().isEmpty(), qPrintable(again.problems()));
        QVERIFY2(source.problems().isEmpty(), qPrintable(source.problems()));
        QVERIFY(!again.server->received().contains("APPEND"));
    }

    // A folder copied to another account whose server takes an APPEND and is gone before it
    // answers: once the account is back, the journal finds that message by its Message-ID
    // instead of appending it again, and goes on with the next one.
    void copyFolderToAnotherAccountResumesWithoutAppendingTwice()
    {
        const qint64 projects = addMailbox(u"Projects"_s, 5, store::SpecialUse::None, {});
        QVERIFY(projects);
        const QByteArray first = "Message-ID: <a@test>\r\nSubject: first\r\n\r\none";
        const QByteArray second = "Message-ID: <b@test>\r\nSubject: second\r\n\r\ntwo";
        const auto fetched = [](int uid, const QByteArray &flagList, const QByteArray &message) {
            return "* " + QByteArray::number(uid) + " FETCH (UID " + QByteArray::number(uid) + " FLAGS " + flagList
                + " INTERNALDATE \"01-Jan-2026 10:00:00 +0000\" BODY[] {" + QByteArray::number(message.size()) + "}\r\n"
                + message + ")\r\n@TAG OK";
        };
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        QSignalSpy progress(m_journal.get(), &OperationJournal::operationProgress);
        Connected source = connectTo(
            "UIDPLUS",
            Script()
                .select("Projects", 5)
                .exchange("UID SEARCH ALL", "* SEARCH 1 2\r\n@TAG OK")
                .exchange("UID FETCH 1 (UID FLAGS INTERNALDATE BODY.PEEK[])", fetched(1, "(\\Seen)", first))
                .exchange("UID FETCH 2 (UID FLAGS INTERNALDATE BODY.PEEK[])", fetched(2, "(\\Flagged)", second))
                .steps);
        Script lost;
        lost.exchange("CREATE Archived", "@TAG OK created");
        lost.exchangeLiteral("APPEND Archived (\\Seen) \" 1-Jan-2026 10:00:00 +0000\"", first, "* OK");
        lost.steps.removeLast();
        lost.raw("CLOSE");
        Connected target = connectTo("UIDPLUS", lost.steps);
        QVERIFY(source.session && target.session);
        auto other = std::make_unique<engine::SessionAppendTarget>(u"other-account"_s, *target.session);
        m_journal->setSession(source.session.get());
        QVERIFY(m_journal->copyFolderToAccount(projects, *other, u"Archived"_s, '/').ok());
        QTRY_VERIFY(!target.session->isUsable());
        QTRY_VERIFY(m_journal->isIdle());
        QCOMPARE(finished.size(), 0);
        QVERIFY2(target.problems().isEmpty(), qPrintable(target.problems()));

        Connected again = connectTo("UIDPLUS",
                                    Script()
                                        .exchange("EXAMINE Archived", "@TAG OK [READ-ONLY] in")
                                        .exchange("UID SEARCH HEADER Message-ID \"<a@test>\"", "* SEARCH 7\r\n@TAG OK")
                                        .exchangeLiteral("APPEND Archived (\\Flagged) \" 1-Jan-2026 10:00:00 +0000\"",
                                                         second, "@TAG OK [APPENDUID 9 8] done")
                                        .steps);
        QVERIFY(again.session);
        reconnectOtherAccount(other, *again.session);
        QTRY_COMPARE(finished.size(), 1);
        QVERIFY2(finished.first().at(1).toBool(), qPrintable(finished.first().at(2).toString()));
        QVERIFY2(again.problems().isEmpty(), qPrintable(again.problems()));
        QVERIFY2(source.problems().isEmpty(), qPrintable(source.problems()));
        QCOMPARE(again.server->received().count("APPEND"), 1);
        QVERIFY(!progress.isEmpty());
        QCOMPARE(progress.last().at(1).toLongLong(), 2);
        QCOMPARE(progress.last().at(2).toLongLong(), 2);
        // Nothing left here changed, and undo knows both copies (7 and 8).
        QVERIFY(m_store->journalEntries().isEmpty());
        QCOMPARE(m_journal->undoDescription(), u"Copied folder Archived with 2 messages to another account"_s);
        QCOMPARE(m_journal->undoAccounts(), QStringList{u"other-account"_s});
    }

    void moveToAnAccountThatIsNotOpenFailsAndTheRestGoesOn()
    {
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        // Only the flag change reaches the server; the move fails before its first command.
        Connected source = connectTo(
            "UIDPLUS", Script().selectInbox().exchange("UID STORE 1 +FLAGS.SILENT (\\Seen)", "@TAG OK").steps);
        Connected target = connectTo("UIDPLUS", {});
        QVERIFY(source.session && target.session);
        engine::SessionAppendTarget other(u"other-account"_s, *target.session);
        const OperationJournal::Request move = m_journal->moveToAccount(m_trash, {21}, other, u"Imported"_s);
        QVERIFY(move.ok());
        // The other account is closed (or never opened after a restart) before the entry runs.
        m_journal->removeAppendTarget(&other);
        const OperationJournal::Request flag = m_journal->setFlags(m_inbox, {1}, flags("(\\Seen)"), {});
        QVERIFY(flag.ok());
        QVERIFY(m_store->uids(m_trash).isEmpty());
        m_journal->setSession(source.session.get());
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(finished.at(0).at(0).toLongLong(), move.id);
        QCOMPARE(finished.at(0).at(1).toBool(), false);
        QCOMPARE(finished.at(0).at(2).toString(),
                 u"The account other-account is not open; the messages were left where they were."_s);
        QCOMPARE(finished.at(1).at(0).toLongLong(), flag.id);
        QVERIFY2(finished.at(1).at(1).toBool(), qPrintable(finished.at(1).at(2).toString()));
        // The message is back where it was, and nothing went to the other server.
        QCOMPARE(m_store->uids(m_trash), (UidSet{21}));
        QCOMPARE(m_store->journalEntry(move.id)->state, State::Failed);
        QVERIFY2(source.problems().isEmpty(), qPrintable(source.problems()));
        QVERIFY(!target.server->received().contains("APPEND"));
    }

    void halfDoneMoveToAnAccountThatIsNotOpenWaitsWithoutHoldingUpTheRest()
    {
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        Connected source = connectTo("UIDPLUS",
                                     Script()
                                         .select("Trash", 8)
                                         .exchange("UID FETCH 21 (UID FLAGS INTERNALDATE BODY.PEEK[])", fetchAnswer())
                                         // The flag change behind the parked move goes first.
                                         .selectInbox()
                                         .exchange("UID STORE 1 +FLAGS.SILENT (\\Seen)", "@TAG OK")
                                         // The move ends once the other account is back.
                                         .select("Trash", 8)
                                         .exchange("UID STORE 21 +FLAGS.SILENT (\\Deleted)", "@TAG OK")
                                         .exchange("UID EXPUNGE 21", "@TAG OK")
                                         .steps);
        // The other account takes the APPEND and is gone before it answers: the outcome is unknown.
        Connected target = connectTo("UIDPLUS", appendThenGone());
        QVERIFY(source.session && target.session);
        auto other = std::make_unique<engine::SessionAppendTarget>(u"other-account"_s, *target.session);
        m_journal->setSession(source.session.get());
        const OperationJournal::Request move = m_journal->moveToAccount(m_trash, {21}, *other, u"Imported"_s);
        QVERIFY(move.ok());
        QTRY_VERIFY(!target.session->isUsable());
        QTRY_VERIFY(m_journal->isIdle());
        m_journal->removeAppendTarget(other.get());
        other.reset();

        // Only the other account can say whether the APPEND took effect: the entry waits, the
        // next one runs.
        const OperationJournal::Request flag = m_journal->setFlags(m_inbox, {1}, flags("(\\Seen)"), {});
        QVERIFY(flag.ok());
        m_journal->replay();
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.at(0).at(0).toLongLong(), flag.id);
        QVERIFY(finished.at(0).at(1).toBool());
        QTest::qWait(50);
        QCOMPARE(finished.size(), 1);
        QCOMPARE(m_store->journalEntry(move.id)->state, State::Sent);

        // The other account is open again: the journal asks before it appends, and finishes.
        Connected again = connectTo("UIDPLUS",
                                    Script()
                                        .exchange("EXAMINE Imported", "@TAG OK [READ-ONLY] in")
                                        .exchange("UID SEARCH HEADER Message-ID \"<t1@test>\"", "* SEARCH 3\r\n@TAG OK")
                                        .steps);
        QVERIFY(again.session);
        engine::SessionAppendTarget back(u"other-account"_s, *again.session);
        m_journal->addAppendTarget(&back);
        QTRY_COMPARE(finished.size(), 2);
        QCOMPARE(finished.at(1).at(0).toLongLong(), move.id);
        QVERIFY2(finished.at(1).at(1).toBool(), qPrintable(finished.at(1).at(2).toString()));
        QVERIFY2(source.problems().isEmpty(), qPrintable(source.problems()));
        QVERIFY2(again.problems().isEmpty(), qPrintable(again.problems()));
        QVERIFY(!again.server->received().contains("APPEND"));
        m_journal->removeAppendTarget(&back);
    }

    void uidValidityChangedDropsTheOperation()
    {
        QSignalSpy finished(m_journal.get(), &OperationJournal::operationFinished);
        QVERIFY(m_journal->setFlags(m_inbox, {1}, flags("(\\Seen)"), {}).ok());
        Connected c = connectTo(
            "", Script().exchange("SELECT INBOX", "* OK [UIDVALIDITY 99] new\r\n@TAG OK [READ-WRITE] in").steps);
        QVERIFY(c.session);
        m_journal->setSession(c.session.get());
        QTRY_COMPARE(finished.size(), 1);
        QCOMPARE(finished.first().at(1).toBool(), false);
        QVERIFY(finished.first().at(2).toString().contains(u"replaced"_s));
        QTest::qWait(50);
        QVERIFY2(c.problems().isEmpty(), qPrintable(c.problems()));
        QVERIFY(!c.server->received().contains("STORE"));
        QCOMPARE(m_store->message(m_inbox, 1)->flags, Flags());
    }

    void overlayKeepsPendingChangesVisible()
    {
        QVERIFY(m_journal->setFlags(m_inbox, {3}, flags("(\\Seen)"), flags("(\\Flagged)")).ok());
        QVERIFY(m_journal->move(m_inbox, {1}, m_archive).ok());
        // The server's older picture arrives, as a sync would store it.
        store::MailboxChanges changes;
        changes.added = {row(1, "()"), row(3, "(\\Flagged)")};
        changes.flags = {{1, Flags(), 0}, {3, flags("(\\Flagged \\Answered)"), 0}, {5, Flags(), 0}};
        m_journal->overlayPending(m_inbox, changes);
        QCOMPARE(changes.added.size(), size_t(1));
        QCOMPARE(changes.added.front().uid, Uid(3));
        QCOMPARE(changes.added.front().flags, flags("(\\Seen)"));
        QCOMPARE(changes.flags.size(), size_t(2));
        QCOMPARE(changes.flags.at(0).flags, flags("(\\Seen \\Answered)"));
        QCOMPARE(changes.flags.at(1).uid, Uid(5));
        // Other mailboxes are untouched.
        store::MailboxChanges archive;
        archive.added = {row(1, "()")};
        m_journal->overlayPending(m_archive, archive);
        QCOMPARE(archive.added.size(), size_t(1));
    }

private:
    static store::MessageRecord trashRow()
    {
        store::MessageRecord record = row(21, "(\\Seen)");
        record.messageId = "<t1@test>";
        return record;
    }

    static QByteArray fetchAnswer()
    {
        return "* 1 FETCH (UID 21 FLAGS (\\Seen) INTERNALDATE \"01-Jan-2026 10:00:00 +0000\" BODY[] {"
            + QByteArray::number(trashMessage.size()) + "}\r\n" + trashMessage + ")\r\n@TAG OK";
    }

    void openStore()
    {
        auto opened = store::AccountStore::open(m_dir->path());
        if (!opened) {
            qWarning() << opened.error().message;
            return;
        }
        m_store = std::move(opened).value();
    }

    // What a restart does: the journal and the store are closed and opened again.
    void reopen()
    {
        m_journal.reset();
        m_store.reset();
        openStore();
        QVERIFY(m_store);
        m_journal = std::make_unique<OperationJournal>(*m_store);
    }

    qint64 addMailbox(const QString &path, quint32 uidValidity, store::SpecialUse use,
                      std::vector<store::MessageRecord> rows)
    {
        store::MailboxRecord record;
        record.path = path;
        record.separator = '/';
        record.specialUse = use;
        const auto added = m_store->addMailbox(record);
        if (!added)
            return 0;
        store::MailboxChanges changes;
        changes.added = std::move(rows);
        changes.sync = store::MailboxSyncState{uidValidity, 30, 0};
        if (!m_store->applyChanges(added.value(), changes))
            return 0;
        return added.value();
    }

    // The other account is back on a new connection: the journal's target for it is replaced by
    // one on that connection.
    void reconnectOtherAccount(std::unique_ptr<engine::SessionAppendTarget> &target, engine::Session &session)
    {
        m_journal->removeAppendTarget(target.get());
        target = std::make_unique<engine::SessionAppendTarget>(u"other-account"_s, session);
        m_journal->addAppendTarget(target.get());
    }

    Connected connectTo(const QByteArray &capabilities, const QByteArrayList &script)
    {
        QByteArrayList steps{"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi",
                             "C: f1 AUTHENTICATE PLAIN " + QByteArray("\0alice\0secret", 13).toBase64(),
                             "S: f1 OK [CAPABILITY IMAP4rev1 LITERAL+ " + capabilities + "] in"};
        steps += script;
        test::ScriptedLogin login
            = test::ScriptedLogin::start(m_certificates, steps, {.enableExtensions = false, .timeoutMs = 5000});
        Connected c;
        c.server = std::move(login.server);
        if (login.connection)
            c.session = std::make_unique<engine::Session>(std::move(login.connection));
        return c;
    }

    QTemporaryDir m_certificatesDir;
    test::TestCertificates m_certificates;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::AccountStore> m_store;
    std::unique_ptr<OperationJournal> m_journal;
    qint64 m_inbox = 0;
    qint64 m_archive = 0;
    qint64 m_trash = 0;
};

QTEST_GUILESS_MAIN(tst_OperationJournal)
#include "tst_OperationJournal.moc"
