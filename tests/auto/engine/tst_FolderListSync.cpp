// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// FolderListSync against scripted servers: one LIST with LIST-EXTENDED, SPECIAL-USE and
// LIST-STATUS; the LIST + LSUB + STATUS fallback; and how the stored list follows the server's
// (deletions, renames by another device).

#include "engine/FolderListSync.h"
#include "engine/Session.h"
#include "imap/Connection.h"
#include "store/AccountStore.h"
#include "support/ImapTranscript.h"
#include "support/ScriptedImapServer.h"
#include "support/ScriptedLogin.h"
#include "support/TestCertificates.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace fumi;
using engine::FolderListSync;
using engine::Session;
using store::SpecialUse;
using test::ScriptedImapServer;
using Transcript = test::ImapTranscript;

namespace {

constexpr char extended[] = "IMAP4rev1 AUTH=PLAIN SASL-IR LIST-EXTENDED SPECIAL-USE LIST-STATUS";
constexpr char listExtended[]
    = "LIST \"\" \"*\" RETURN (SUBSCRIBED CHILDREN SPECIAL-USE STATUS (MESSAGES UNSEEN UIDVALIDITY UIDNEXT))";

} // namespace

class tst_FolderListSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void listExtendedWithStatusInOneCommand();
    void fallbackListLsubAndStatus();
    void goneMailboxRemovedRenamedOneKept();
    void renamedParentKeepsItsChildren();
    void sharedUidValidityIsARenameOnlyWhenUnambiguous_data();
    void sharedUidValidityIsARenameOnlyWhenUnambiguous();

private:
    [[nodiscard]] bool connectTo(const Transcript &transcript);
    [[nodiscard]] bool runSync(const FolderListSync::KeepLocal &keep = {});
    [[nodiscard]] store::MailboxRecord stored(const QString &path) const;
    void verifyScriptDone();

    QTemporaryDir m_certificateDir;
    test::TestCertificates m_certificates;
    std::unique_ptr<QTemporaryDir> m_storeDir;
    std::unique_ptr<store::AccountStore> m_store;
    std::unique_ptr<ScriptedImapServer> m_server;
    std::unique_ptr<Session> m_session;
};

void tst_FolderListSync::initTestCase()
{
    QVERIFY(m_certificateDir.isValid());
    QVERIFY2(m_certificates.create(m_certificateDir.path()), qPrintable(m_certificates.errorString()));
}

void tst_FolderListSync::init()
{
    m_storeDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_storeDir->isValid());
    auto opened = store::AccountStore::open(m_storeDir->path());
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    m_store = std::move(opened).value();
}

void tst_FolderListSync::cleanup()
{
    m_session.reset();
    m_server.reset();
    m_store.reset();
    m_storeDir.reset();
}

bool tst_FolderListSync::connectTo(const Transcript &transcript)
{
    test::ScriptedLogin login = test::ScriptedLogin::start(m_certificates, transcript.steps());
    m_server = std::move(login.server);
    if (!login.connection)
        return false;
    m_session = std::make_unique<Session>(std::move(login.connection));
    return true;
}

bool tst_FolderListSync::runSync(const FolderListSync::KeepLocal &keep)
{
    FolderListSync sync(*m_session, *m_store);
    if (keep)
        sync.setKeepLocal(keep);
    QSignalSpy finished(&sync, &FolderListSync::finished);
    QSignalSpy failed(&sync, &FolderListSync::failed);
    sync.start();
    (void)QTest::qWaitFor(
        [&] {
            return !finished.isEmpty() || !failed.isEmpty();
        },
        10000);
    if (!failed.isEmpty())
        qWarning().noquote() << "failed:" << failed.first().first().toString();
    if (!m_server->errors().isEmpty())
        qWarning().noquote() << "script:" << m_server->errors().join(u'\n');
    return finished.size() == 1 && failed.isEmpty();
}

store::MailboxRecord tst_FolderListSync::stored(const QString &path) const
{
    const std::optional<store::MailboxRecord> record = m_store->mailboxByPath(path);
    if (!record)
        qWarning().noquote() << "not stored:" << path;
    return record.value_or(store::MailboxRecord{});
}

void tst_FolderListSync::verifyScriptDone()
{
    QTRY_VERIFY2(m_server->scriptFinished(), qPrintable(m_server->errors().join(u'\n')));
    QVERIFY2(m_server->errors().isEmpty(), qPrintable(m_server->errors().join(u'\n')));
}

void tst_FolderListSync::listExtendedWithStatusInOneCommand()
{
    Transcript t(extended);
    const QByteArray list = t.command(listExtended);
    t.reply({"* LIST (\\HasNoChildren \\Subscribed) \"/\" INBOX", "* STATUS INBOX (MESSAGES 12 UNSEEN 3 UIDVALIDITY 1)",
             "* LIST (\\HasNoChildren \\Subscribed \\Sent) \"/\" Gesendet",
             "* STATUS Gesendet (MESSAGES 4 UNSEEN 0 UIDVALIDITY 2)",
             // The server offers SPECIAL-USE: a name alone makes no Trash.
             "* LIST (\\HasNoChildren) \"/\" Trash", "* STATUS Trash (MESSAGES 0 UNSEEN 0 UIDVALIDITY 3)",
             "* LIST (\\Noselect \\HasChildren) \"/\" Lists",
             // 受信箱 (inbox) and 仕事 (work) in modified UTF-7.
             "* LIST (\\HasNoChildren \\Subscribed) \"/\" Lists/&TtVOiw-",
             "* STATUS Lists/&TtVOiw- (MESSAGES 7 UNSEEN 7 UIDVALIDITY 4)",
             "* LIST (\\HasNoChildren \\Junk) \"/\" &U9dP4Xux-",
             "* STATUS &U9dP4Xux- (MESSAGES 1 UNSEEN 1 UIDVALIDITY 5)", list + " OK listed"});
    QVERIFY(connectTo(t));

    QVERIFY(runSync());
    verifyScriptDone();

    QCOMPARE(m_store->mailboxes().size(), 6);
    const store::MailboxRecord inbox = stored(u"INBOX"_s);
    QVERIFY(inbox.subscribed);
    QVERIFY(inbox.selectable);
    QCOMPARE(inbox.counts, (store::MailboxCounts{12, 3}));
    QCOMPARE(inbox.separator, '/');
    QCOMPARE(stored(u"Gesendet"_s).specialUse, SpecialUse::Sent);
    QCOMPARE(stored(u"Trash"_s).specialUse, SpecialUse::None);
    QVERIFY(!stored(u"Trash"_s).subscribed);
    const store::MailboxRecord lists = stored(u"Lists"_s);
    QVERIFY(!lists.selectable);
    QVERIFY(lists.attributes.contains("\\Noselect"));
    const store::MailboxRecord work = stored(QString::fromUtf8("Lists/仕事"));
    QVERIFY(work.selectable);
    QVERIFY(work.subscribed);
    QCOMPARE(work.counts, (store::MailboxCounts{7, 7}));
    QCOMPARE(stored(QString::fromUtf8("受信箱")).specialUse, SpecialUse::Junk);
    // Nothing synced yet: the sync state is left for MailboxSync.
    QCOMPARE(work.sync, store::MailboxSyncState{});
}

void tst_FolderListSync::fallbackListLsubAndStatus()
{
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    const QByteArray list = t.command("LIST \"\" \"*\"");
    const QByteArray lsub = t.command("LSUB \"\" \"*\"");
    t.reply({"* LIST (\\HasNoChildren) \"/\" INBOX", "* LIST (\\HasChildren) \"/\" INBOX/Spam",
             "* LIST (\\HasNoChildren) \"/\" Drafts", "* LIST (\\HasNoChildren) \"/\" \"Sent Items\"",
             "* LIST (\\HasNoChildren) \"/\" Sent", "* LIST (\\HasNoChildren) \"/\" Trash",
             "* LIST (\\Noselect \\HasChildren) \"/\" Archive", "* LIST (\\HasNoChildren) \"/\" Archive/&MMYwuTDI-",
             list + " OK listed"});
    t.reply({"* LSUB () \"/\" INBOX", "* LSUB () \"/\" \"Sent Items\"", "* LSUB () \"/\" Archive/&MMYwuTDI-",
             lsub + " OK listed"});
    // One STATUS per selectable mailbox, in the order listed; none for the \Noselect parent.
    const QList<std::pair<QByteArray, QByteArray>> statuses = {
        {"INBOX", "(MESSAGES 5 UNSEEN 2 UIDVALIDITY 11)"},
        {"INBOX/Spam", "(MESSAGES 9 UNSEEN 9 UIDVALIDITY 12)"},
        {"Drafts", "(MESSAGES 1 UNSEEN 0 UIDVALIDITY 13)"},
        {"\"Sent Items\"", "(MESSAGES 3 UNSEEN 0 UIDVALIDITY 14)"},
        {"Sent", "(MESSAGES 0 UNSEEN 0 UIDVALIDITY 15)"},
        {"Trash", "(MESSAGES 2 UNSEEN 1 UIDVALIDITY 16)"},
        {"Archive/&MMYwuTDI-", "(MESSAGES 8 UNSEEN 0 UIDVALIDITY 17)"},
    };
    for (const auto &[name, values] : statuses) {
        const QByteArray status = t.command("STATUS " + name + " (MESSAGES UNSEEN UIDVALIDITY UIDNEXT)");
        t.reply({"* STATUS " + name + ' ' + values, status + " OK status"});
    }
    QVERIFY(connectTo(t));

    QVERIFY(runSync());
    verifyScriptDone();

    QCOMPARE(m_store->mailboxes().size(), 8);
    QVERIFY(stored(u"INBOX"_s).subscribed);
    QCOMPARE(stored(u"INBOX"_s).counts, (store::MailboxCounts{5, 2}));
    QVERIFY(!stored(u"Drafts"_s).subscribed);
    QVERIFY(stored(u"Sent Items"_s).subscribed);
    // Without SPECIAL-USE the usual names stand in, the first of each kind only.
    QCOMPARE(stored(u"INBOX/Spam"_s).specialUse, SpecialUse::Junk);
    QCOMPARE(stored(u"Drafts"_s).specialUse, SpecialUse::Drafts);
    QCOMPARE(stored(u"Sent Items"_s).specialUse, SpecialUse::Sent);
    QCOMPARE(stored(u"Sent"_s).specialUse, SpecialUse::None);
    QCOMPARE(stored(u"Trash"_s).specialUse, SpecialUse::Trash);
    QCOMPARE(stored(u"Trash"_s).counts, (store::MailboxCounts{2, 1}));
    // A \Noselect parent is no Archive to move mail to.
    QVERIFY(!stored(u"Archive"_s).selectable);
    QCOMPARE(stored(u"Archive"_s).specialUse, SpecialUse::None);
    const store::MailboxRecord japanese = stored(QString::fromUtf8("Archive/テスト"));
    QVERIFY(japanese.subscribed);
    QCOMPARE(japanese.counts, (store::MailboxCounts{8, 0}));
}

void tst_FolderListSync::goneMailboxRemovedRenamedOneKept()
{
    const auto add = [&](const QString &path, quint32 uidValidity, Uid rows) -> qint64 {
        store::MailboxRecord record;
        record.path = path;
        record.separator = '/';
        const qint64 id = m_store->addMailbox(record).value();
        if (uidValidity != 0) {
            store::MailboxChanges changes;
            for (Uid uid = 1; uid <= rows; ++uid) {
                store::MessageRecord row;
                row.uid = uid;
                row.subject = u"%1 %2"_s.arg(path).arg(uid);
                changes.added.push_back(row);
            }
            changes.sync = store::MailboxSyncState{uidValidity, rows + 1, 0};
            if (!m_store->applyChanges(id, changes))
                qWarning("could not seed %s", qPrintable(path));
        }
        return id;
    };
    const qint64 inbox = add(u"INBOX"_s, 1, 2);
    const qint64 old = add(u"Projects"_s, 42, 3);
    const qint64 gone = add(u"Gone"_s, 50, 2);
    add(u"Being created"_s, 0, 0);

    Transcript t(extended);
    const QByteArray list = t.command(listExtended);
    // Another device renamed Projects to 2026/Projects; someone deleted Gone.
    t.reply({"* LIST (\\HasNoChildren \\Subscribed) \"/\" INBOX", "* STATUS INBOX (MESSAGES 2 UNSEEN 0 UIDVALIDITY 1)",
             "* LIST (\\HasChildren) \"/\" 2026", "* STATUS 2026 (MESSAGES 0 UNSEEN 0 UIDVALIDITY 60)",
             "* LIST (\\HasNoChildren) \"/\" 2026/Projects",
             "* STATUS 2026/Projects (MESSAGES 3 UNSEEN 0 UIDVALIDITY 42)", list + " OK listed"});
    QVERIFY(connectTo(t));

    QVERIFY(runSync([](const QString &path) {
        return path == u"Being created"_s;
    }));
    verifyScriptDone();

    QCOMPARE(stored(u"INBOX"_s).id, inbox);
    QVERIFY(!m_store->mailbox(gone));
    QVERIFY(m_store->uids(gone).isEmpty());
    QVERIFY(!m_store->mailboxByPath(u"Projects"_s));
    const store::MailboxRecord renamed = stored(u"2026/Projects"_s);
    QCOMPARE(renamed.id, old);
    QCOMPARE(renamed.sync, (store::MailboxSyncState{42, 4, 0}));
    QCOMPARE(m_store->uids(old), UidSet::fromRange(1, 3));
    QCOMPARE(m_store->message(old, 2)->subject, u"Projects 2"_s);
    QVERIFY(m_store->mailboxByPath(u"Being created"_s));
    QVERIFY(m_store->mailboxByPath(u"2026"_s));
    QCOMPARE(m_store->mailboxes().size(), 4);
}

void tst_FolderListSync::renamedParentKeepsItsChildren()
{
    const auto add = [&](const QString &path, quint32 uidValidity) -> qint64 {
        store::MailboxRecord record;
        record.path = path;
        record.separator = '/';
        const qint64 id = m_store->addMailbox(record).value();
        store::MailboxChanges changes;
        store::MessageRecord row;
        row.uid = 1;
        row.subject = path;
        changes.added.push_back(row);
        changes.sync = store::MailboxSyncState{uidValidity, 2, 0};
        if (!m_store->applyChanges(id, changes))
            qWarning("could not seed %s", qPrintable(path));
        return id;
    };
    const qint64 inbox = add(u"INBOX"_s, 1);
    const qint64 parent = add(u"Projects"_s, 42);
    const qint64 child = add(u"Projects/2025"_s, 43);

    Transcript t(extended);
    const QByteArray list = t.command(listExtended);
    t.reply({"* LIST (\\HasNoChildren) \"/\" INBOX", "* STATUS INBOX (MESSAGES 1 UNSEEN 1 UIDVALIDITY 1)",
             "* LIST (\\HasChildren) \"/\" Work", "* STATUS Work (MESSAGES 1 UNSEEN 1 UIDVALIDITY 42)",
             "* LIST (\\HasNoChildren) \"/\" Work/2025", "* STATUS Work/2025 (MESSAGES 1 UNSEEN 1 UIDVALIDITY 43)",
             list + " OK listed"});
    QVERIFY(connectTo(t));

    QVERIFY(runSync());
    verifyScriptDone();
    QCOMPARE(m_store->mailboxes().size(), 3);
    QCOMPARE(stored(u"INBOX"_s).id, inbox);
    QCOMPARE(stored(u"Work"_s).id, parent);
    QCOMPARE(stored(u"Work/2025"_s).id, child);
    QCOMPARE(m_store->message(child, 1)->subject, u"Projects/2025"_s);
}

void tst_FolderListSync::sharedUidValidityIsARenameOnlyWhenUnambiguous_data()
{
    // Every stored mailbox below has UIDVALIDITY 42, two messages and UIDNEXT 3; the server
    // lists INBOX and `listed` (name, STATUS figures). `renamedFrom` is the stored mailbox
    // whose id and rows the listed "New" must keep, or empty when "New" must be a new mailbox
    // and every stored one gone.
    QTest::addColumn<QStringList>("storedPaths");
    QTest::addColumn<QByteArrayList>("listed");
    QTest::addColumn<QString>("renamedFrom");

    QTest::newRow("one-gone-one-new-figures-agree")
        << QStringList{u"Old"_s} << QByteArrayList{"New (MESSAGES 2 UNSEEN 0 UIDVALIDITY 42 UIDNEXT 3)"} << u"Old"_s;
    QTest::newRow("uidnext-not-reported-messages-agree")
        << QStringList{u"Old"_s} << QByteArrayList{"New (MESSAGES 2 UNSEEN 0 UIDVALIDITY 42)"} << u"Old"_s;
    // Two folders made in the same second, both deleted, and a third made: not a rename of either.
    QTest::newRow("two-gone-one-new") << QStringList{u"Old"_s, u"Older"_s}
                                      << QByteArrayList{"New (MESSAGES 2 UNSEEN 0 UIDVALIDITY 42 UIDNEXT 3)"}
                                      << QString();
    QTest::newRow("one-gone-two-new") << QStringList{u"Old"_s}
                                      << QByteArrayList{"New (MESSAGES 2 UNSEEN 0 UIDVALIDITY 42 UIDNEXT 3)",
                                                        "Newer (MESSAGES 2 UNSEEN 0 UIDVALIDITY 42 UIDNEXT 3)"}
                                      << QString();
    QTest::newRow("messages-differ") << QStringList{u"Old"_s}
                                     << QByteArrayList{"New (MESSAGES 0 UNSEEN 0 UIDVALIDITY 42 UIDNEXT 3)"}
                                     << QString();
    QTest::newRow("uidnext-differs") << QStringList{u"Old"_s}
                                     << QByteArrayList{"New (MESSAGES 2 UNSEEN 0 UIDVALIDITY 42 UIDNEXT 1)"}
                                     << QString();
}

void tst_FolderListSync::sharedUidValidityIsARenameOnlyWhenUnambiguous()
{
    QFETCH(QStringList, storedPaths);
    QFETCH(QByteArrayList, listed);
    QFETCH(QString, renamedFrom);
    QHash<QString, qint64> ids;
    for (const QString &path : std::as_const(storedPaths)) {
        store::MailboxRecord record;
        record.path = path;
        record.separator = '/';
        const qint64 id = m_store->addMailbox(record).value();
        store::MailboxChanges changes;
        for (Uid uid = 1; uid <= 2; ++uid) {
            store::MessageRecord row;
            row.uid = uid;
            row.subject = u"%1 %2"_s.arg(path).arg(uid);
            changes.added.push_back(row);
        }
        changes.sync = store::MailboxSyncState{42, 3, 0};
        QVERIFY(m_store->applyChanges(id, changes));
        ids.insert(path, id);
    }

    Transcript t(extended);
    const QByteArray list = t.command(listExtended);
    QByteArrayList reply{"* LIST (\\HasNoChildren) \"/\" INBOX", "* STATUS INBOX (MESSAGES 0 UNSEEN 0 UIDVALIDITY 1)"};
    for (const QByteArray &mailbox : std::as_const(listed)) {
        const QByteArray name = mailbox.left(mailbox.indexOf(' '));
        reply << QByteArray("* LIST (\\HasNoChildren) \"/\" " + name) << QByteArray("* STATUS " + mailbox);
    }
    reply << QByteArray(list + " OK listed");
    t.reply(reply);
    QVERIFY(connectTo(t));
    QVERIFY(runSync());
    verifyScriptDone();

    const store::MailboxRecord now = stored(u"New"_s);
    for (const QString &path : std::as_const(storedPaths))
        QVERIFY2(!m_store->mailboxByPath(path), qPrintable(path));
    if (renamedFrom.isEmpty()) {
        // SQLite may give the new mailbox a deleted one's id again; what tells a rename is
        // that the rows and the sync state came along.
        // A new mailbox: nothing known, so its first sync is a full one.
        QCOMPARE(now.sync, store::MailboxSyncState{});
        QVERIFY(m_store->uids(now.id).isEmpty());
    } else {
        QCOMPARE(now.id, ids.value(renamedFrom));
        QCOMPARE(now.sync, (store::MailboxSyncState{42, 3, 0}));
        QCOMPARE(m_store->message(now.id, 2)->subject, renamedFrom + u" 2"_s);
    }
    QCOMPARE(m_store->mailboxes().size(), 1 + listed.size());
}

QTEST_GUILESS_MAIN(tst_FolderListSync)
#include "tst_FolderListSync.moc"
