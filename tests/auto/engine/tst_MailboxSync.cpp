// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// MailboxSync against scripted servers: each path of DESIGN.md's decision tree (QRESYNC,
// CONDSTORE, plain, a cold open), a new UIDVALIDITY, servers that contradict themselves, and the
// news a server pushes while the mailbox stays open. The scripts check every command the sync
// sends, in order; the tests check what ends up in the store.

#include "engine/MailboxSync.h"
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
#include <optional>

using namespace Qt::StringLiterals;
using namespace fumi;
using engine::MailboxDeltaPtr;
using engine::MailboxSync;
using engine::Session;
using test::ScriptedImapServer;
using Transcript = test::ImapTranscript;

Q_DECLARE_METATYPE(fumi::engine::MailboxSync::Path)
Q_DECLARE_METATYPE(fumi::store::MailboxSyncState)

namespace {

// What MailboxSync asks for a new row, written out so that a change to it shows up here.
constexpr char rowItems[]
    = "(UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (REFERENCES CONTENT-TYPE)])";
constexpr char rowItemsModSeq[]
    = "(UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (REFERENCES CONTENT-TYPE)] MODSEQ)";

// "お知らせ" (announcement) as mail from Japan still often encodes it.
constexpr char iso2022jpSubject[] = "=?ISO-2022-JP?B?GyRCJCpDTiRpJDsbKEI=?=";

Flags flagsOf(QByteArrayView list)
{
    return Flags::fromImapList(list).value();
}

UidSet uidsOf(QByteArrayView set)
{
    return UidSet::fromImapSequenceSet(set, maxUid).value();
}

QByteArray number(quint64 value)
{
    return QByteArray::number(value);
}

// The FETCH answer for a new message's row.
QByteArray rowResponse(quint32 sequence, Uid uid, std::optional<quint64> modSeq = std::nullopt,
                       QByteArrayView subject = {}, QByteArrayView flags = "()")
{
    const QByteArray headers = "Content-Type: text/plain; charset=utf-8\r\n\r\n";
    const QByteArray bob = "((\"Bob Example\" NIL \"bob\" \"example.org\"))";
    QByteArray line = "* " + number(sequence) + " FETCH (UID " + number(uid) + " FLAGS " + flags.toByteArray();
    if (modSeq)
        line += " MODSEQ (" + number(*modSeq) + ')';
    line += " ENVELOPE (\"Mon, 02 Mar 2026 10:00:00 +0000\" \""
        + (subject.isEmpty() ? QByteArray("Message " + number(uid)) : subject.toByteArray()) + "\" " + bob + ' ' + bob
        + ' ' + bob + " ((NIL NIL \"alice\" \"example.org\")) NIL NIL NIL \"<m" + number(uid)
        + "@example.org>\") INTERNALDATE \"02-Mar-2026 10:00:00 +0000\" RFC822.SIZE " + number(1000 + uid)
        + " BODY[HEADER.FIELDS (REFERENCES CONTENT-TYPE)] {" + number(quint64(headers.size())) + "}\r\n" + headers
        + ')';
    return line;
}

// The UID FETCH commands the client sent, in order, without tags.
QByteArrayList sentFetches(const QByteArray &received)
{
    QByteArrayList fetches;
    for (const QByteArray &line : received.split('\n')) {
        const qsizetype at = line.indexOf(" UID FETCH ");
        if (at > 0)
            fetches << line.mid(at + 1).trimmed();
    }
    return fetches;
}

// A plain open (no CONDSTORE) of INBOX at UIDVALIDITY 7 holding `uids`, messages 1, 2... in
// that order, none with a flag: the SELECT, the UID list and the flags of every message.
void openedPlain(Transcript &t, const QByteArray &uids, Uid uidNext)
{
    const UidSet set = uidsOf(uids);
    const QByteArray select = t.command("SELECT INBOX");
    t.reply({"* " + number(set.count()) + " EXISTS", "* OK [UIDVALIDITY 7] ok",
             "* OK [UIDNEXT " + number(uidNext) + "] ok", select + " OK [READ-WRITE] selected"});
    QByteArray found = "* SEARCH";
    for (Uid uid : set)
        found += ' ' + number(uid);
    const QByteArray search = t.command("UID SEARCH ALL");
    t.reply({found, search + " OK searched"});
    const QByteArray flags = t.command("UID FETCH " + uids + " (UID FLAGS)");
    QByteArrayList lines;
    quint32 sequence = 0;
    for (Uid uid : set)
        lines << "* " + number(++sequence) + " FETCH (UID " + number(uid) + " FLAGS ())";
    lines << flags + " OK fetched";
    t.reply(lines);
}

} // namespace

class tst_MailboxSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void coldOpenFetchesNewestFirstInGrowingWindows_data();
    void coldOpenFetchesNewestFirstInGrowingWindows();
    void interruptedColdOpenClaimsOnlyWhatIsStored_data();
    void interruptedColdOpenClaimsOnlyWhatIsStored();
    void selectRefusedFails();
    void qresyncReopen();
    void condstoreReopen();
    void plainReopen();
    void uidValidityChangeDropsCacheAndJournal();
    void uidValidityChangeWhileOpenDropsTheCache();
    void inconsistentServerGetsFullResync_data();
    void inconsistentServerGetsFullResync();
    void liveUpdatesByExpungeSequenceNumbers();
    void liveUpdatesByVanished();
    void existsTogetherWithVanishedFetchesTheNewMessage();
    void newRowCommittedBeforeItsFetchEndsKeepsItsSequenceNumber();
    void existsShrinkingWithoutExpungeResyncs_data();
    void existsShrinkingWithoutExpungeResyncs();
    void liveResyncStartsFromTheRowsOfNow();
    void existsDuringLiveResyncFetchesOnceAndSignalsNothingTwice();
    void fetchPartCachesTheBody();

private:
    // Starts the server with `transcript` and logs in over plain text on loopback.
    [[nodiscard]] bool connectTo(const Transcript &transcript);
    // Stores rows `uids` (flags from `flags`, else none) with `state`, as an earlier sync would.
    void seed(const UidSet &uids, store::MailboxSyncState state, const QHash<Uid, QByteArray> &flags = {});
    void startSync(MailboxSync::Options options = {});
    [[nodiscard]] bool waitForSynced(int times = 1);
    // A live resync emits no second synced(): it is over when the script is, and the client
    // has read the last answer.
    [[nodiscard]] bool waitForLiveWork();
    [[nodiscard]] QByteArray storedUids() const { return m_store->uids(m_mailboxId).toImapSequenceSet(); }
    [[nodiscard]] Flags storedFlags(Uid uid) const;
    [[nodiscard]] store::MailboxSyncState storedState() const { return m_store->mailbox(m_mailboxId)->sync; }
    void verifyScriptDone();

    QTemporaryDir m_certificateDir;
    test::TestCertificates m_certificates;
    std::unique_ptr<QTemporaryDir> m_storeDir;
    std::unique_ptr<store::AccountStore> m_store;
    std::unique_ptr<ScriptedImapServer> m_server;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MailboxSync> m_sync;
    std::unique_ptr<QSignalSpy> m_deltas;
    std::unique_ptr<QSignalSpy> m_synced;
    std::unique_ptr<QSignalSpy> m_failed;
    qint64 m_mailboxId = 0;
};

void tst_MailboxSync::initTestCase()
{
    qRegisterMetaType<MailboxDeltaPtr>();
    QVERIFY(m_certificateDir.isValid());
    QVERIFY2(m_certificates.create(m_certificateDir.path()), qPrintable(m_certificates.errorString()));
}

void tst_MailboxSync::init()
{
    m_storeDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_storeDir->isValid());
    auto opened = store::AccountStore::open(m_storeDir->path());
    QVERIFY2(opened, qPrintable(opened ? QString() : opened.error().message));
    m_store = std::move(opened).value();
    store::MailboxRecord inbox;
    inbox.path = u"INBOX"_s;
    inbox.separator = '/';
    const store::Result<qint64> added = m_store->addMailbox(inbox);
    QVERIFY(added);
    m_mailboxId = added.value();
}

void tst_MailboxSync::cleanup()
{
    // The sync leaves the session's receiver on destruction, so it goes first.
    m_deltas.reset();
    m_synced.reset();
    m_failed.reset();
    m_sync.reset();
    m_session.reset();
    m_server.reset();
    m_store.reset();
    m_storeDir.reset();
}

bool tst_MailboxSync::connectTo(const Transcript &transcript)
{
    test::ScriptedLogin login = test::ScriptedLogin::start(m_certificates, transcript.steps());
    m_server = std::move(login.server);
    if (!login.connection)
        return false;
    m_session = std::make_unique<Session>(std::move(login.connection));
    return true;
}

void tst_MailboxSync::seed(const UidSet &uids, store::MailboxSyncState state, const QHash<Uid, QByteArray> &flags)
{
    store::MailboxChanges changes;
    for (Uid uid : uids) {
        store::MessageRecord row;
        row.uid = uid;
        row.flags = flagsOf(flags.value(uid, "()"));
        row.subject = u"Cached %1"_s.arg(uid);
        row.fromAddress = u"bob@example.org"_s;
        row.messageId = "<m" + number(uid) + "@example.org>";
        changes.added.push_back(row);
    }
    changes.sync = state;
    QVERIFY(m_store->applyChanges(m_mailboxId, changes));
}

void tst_MailboxSync::startSync(MailboxSync::Options options)
{
    m_sync = std::make_unique<MailboxSync>(*m_session, *m_store, m_mailboxId, options);
    m_deltas = std::make_unique<QSignalSpy>(m_sync.get(), &MailboxSync::delta);
    m_synced = std::make_unique<QSignalSpy>(m_sync.get(), &MailboxSync::synced);
    m_failed = std::make_unique<QSignalSpy>(m_sync.get(), &MailboxSync::failed);
    m_sync->start();
}

bool tst_MailboxSync::waitForLiveWork()
{
    (void)QTest::qWaitFor(
        [&] {
            return m_server->scriptFinished() || !m_failed->isEmpty();
        },
        10000);
    QTest::qWait(100);
    if (!m_server->errors().isEmpty())
        qWarning().noquote() << "script:" << m_server->errors().join(u'\n');
    return m_server->scriptFinished() && m_failed->isEmpty() && m_synced->size() == 1;
}

bool tst_MailboxSync::waitForSynced(int times)
{
    (void)QTest::qWaitFor(
        [&] {
            return m_synced->size() >= times || !m_failed->isEmpty();
        },
        10000);
    if (!m_failed->isEmpty())
        qWarning().noquote() << "sync failed:" << m_failed->first().first().toString();
    if (!m_server->errors().isEmpty())
        qWarning().noquote() << "script:" << m_server->errors().join(u'\n');
    return m_synced->size() == times && m_failed->isEmpty();
}

Flags tst_MailboxSync::storedFlags(Uid uid) const
{
    const std::optional<store::MessageRecord> row = m_store->message(m_mailboxId, uid);
    return row ? row->flags : flagsOf("(\\Deleted $NoSuchRow)");
}

void tst_MailboxSync::verifyScriptDone()
{
    QTRY_VERIFY2(m_server->scriptFinished(), qPrintable(m_server->errors().join(u'\n')));
    QVERIFY2(m_server->errors().isEmpty(), qPrintable(m_server->errors().join(u'\n')));
}

void tst_MailboxSync::coldOpenFetchesNewestFirstInGrowingWindows_data()
{
    QTest::addColumn<QByteArray>("uids");
    QTest::addColumn<bool>("esearch");
    QTest::addColumn<QByteArrayList>("windows");

    QTest::newRow("esearch-two-windows") << "1:120"_ba << true << QByteArrayList{"71:120", "1:70"};
    QTest::newRow("plain-search-with-gaps") << "1:30,41:140"_ba << false << QByteArrayList{"91:140", "1:30,41:90"};
    QTest::newRow("three-growing-windows") << "1:400"_ba << true << QByteArrayList{"351:400", "101:350", "1:100"};
    QTest::newRow("fewer-than-one-window") << "5:9"_ba << true << QByteArrayList{"5:9"};
}

void tst_MailboxSync::coldOpenFetchesNewestFirstInGrowingWindows()
{
    QFETCH(QByteArray, uids);
    QFETCH(bool, esearch);
    QFETCH(QByteArrayList, windows);
    const UidSet all = uidsOf(uids);
    const std::vector<Uid> ordered(all.begin(), all.end());
    const Uid newest = all.max();

    Transcript t(esearch ? "IMAP4rev1 AUTH=PLAIN SASL-IR ESEARCH" : "IMAP4rev1 AUTH=PLAIN SASL-IR");
    const QByteArray select = t.command("SELECT INBOX");
    t.reply({"* " + number(all.count()) + " EXISTS", "* OK [UIDVALIDITY 7] UIDs valid",
             "* OK [UIDNEXT " + number(newest + 1) + "] predicted", select + " OK [READ-WRITE] selected"});
    if (esearch) {
        const QByteArray search = t.command("UID SEARCH RETURN (ALL) ALL");
        t.reply({"* ESEARCH (TAG \"" + search + "\") UID ALL " + uids, search + " OK searched"});
    } else {
        QByteArray found = "* SEARCH";
        for (Uid uid : all)
            found += ' ' + number(uid);
        const QByteArray search = t.command("UID SEARCH ALL");
        t.reply({found, search + " OK searched"});
    }
    for (const QByteArray &window : windows) {
        const QByteArray fetch = t.command("UID FETCH " + window + ' ' + rowItems);
        QByteArrayList lines;
        for (Uid uid : uidsOf(window)) {
            const auto sequence = quint32(std::find(ordered.begin(), ordered.end(), uid) - ordered.begin() + 1);
            lines << rowResponse(sequence, uid, std::nullopt, uid == newest ? QByteArrayView(iso2022jpSubject) : "");
        }
        lines << fetch + " OK fetched";
        t.reply(lines);
    }
    QVERIFY(connectTo(t));

    startSync();
    QCOMPARE(m_sync->path(), MailboxSync::Path::Full);
    // What the store holds when the first window is announced: that window and nothing older.
    std::optional<QByteArray> atFirstWindow;
    // The first window goes alone: a server that runs pipelined FETCHes side by side would hold
    // its answer back behind the older rows.
    qsizetype fetchesAtFirstWindow = -1;
    connect(m_sync.get(), &MailboxSync::firstWindowReady, this, [&] {
        if (!atFirstWindow) {
            atFirstWindow = storedUids();
            fetchesAtFirstWindow = sentFetches(m_server->received()).size();
        }
    });
    QVERIFY(waitForSynced());
    verifyScriptDone();

    QCOMPARE(sentFetches(m_server->received()).size(), windows.size());
    for (qsizetype i = 0; i < windows.size(); ++i)
        QCOMPARE(sentFetches(m_server->received()).at(i), QByteArray("UID FETCH " + windows[i] + ' ' + rowItems));
    QVERIFY(atFirstWindow);
    QCOMPARE(fetchesAtFirstWindow, 1);
    QCOMPARE(*atFirstWindow, windows.first());
    // One delta per window, newest first.
    QCOMPARE(m_deltas->size(), windows.size());
    const auto firstDelta = m_deltas->first().first().value<MailboxDeltaPtr>();
    QCOMPARE(firstDelta->inserted.back().uid, newest);
    QCOMPARE(qsizetype(firstDelta->inserted.size()), qsizetype(uidsOf(windows.first()).count()));

    QCOMPARE(storedUids(), uids);
    QCOMPARE(m_store->message(m_mailboxId, newest)->subject, QString::fromUtf8("お知らせ"));
    QCOMPARE(m_store->message(m_mailboxId, all.min())->subject, u"Message %1"_s.arg(all.min()));
    QCOMPARE(m_store->message(m_mailboxId, all.min())->fromName, u"Bob Example"_s);
    QCOMPARE(m_store->message(m_mailboxId, all.min())->fromAddress, u"bob@example.org"_s);
    QCOMPARE(storedState(), (store::MailboxSyncState{7, newest + 1, 0}));
}

void tst_MailboxSync::interruptedColdOpenClaimsOnlyWhatIsStored_data()
{
    QTest::addColumn<qsizetype>("rowsPerCommit");
    QTest::addColumn<QByteArray>("stored");
    // Batches larger than a window: rows are stored when their window's OK comes.
    QTest::newRow("stored-per-window") << qsizetype(1000) << "71:120"_ba;
    // Rows are stored as they stream in, before their window is answered.
    QTest::newRow("stored-while-streaming") << qsizetype(1) << "1,71:120"_ba;
}

void tst_MailboxSync::interruptedColdOpenClaimsOnlyWhatIsStored()
{
    QFETCH(qsizetype, rowsPerCommit);
    QFETCH(QByteArray, stored);
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR ESEARCH");
    const QByteArray select = t.command("SELECT INBOX");
    t.reply({"* 120 EXISTS", "* OK [UIDVALIDITY 7] ok", "* OK [UIDNEXT 121] ok", select + " OK [READ-WRITE] selected"});
    const QByteArray search = t.command("UID SEARCH RETURN (ALL) ALL");
    t.reply({"* ESEARCH (TAG \"" + search + "\") UID ALL 1:120", search + " OK searched"});
    const QByteArray first = t.command(QByteArray("UID FETCH 71:120 ") + rowItems);
    QByteArrayList lines;
    for (Uid uid = 71; uid <= 120; ++uid)
        lines << rowResponse(uid, uid);
    lines << first + " OK fetched";
    t.reply(lines);
    // The older windows go out once the first is answered.
    t.command(QByteArray("UID FETCH 1:70 ") + rowItems);
    // The connection drops before the older window is answered.
    t.reply({rowResponse(1, 1)});
    t.close();
    QVERIFY(connectTo(t));

    MailboxSync::Options options;
    options.rowsPerCommit = rowsPerCommit;
    startSync(options);
    QTRY_COMPARE(m_failed->size(), 1);
    QVERIFY2(m_failed->first().first().toString().startsWith(u"The connection was lost"_s),
             qPrintable(m_failed->first().first().toString()));
    QCOMPARE(m_synced->size(), 0);
    QVERIFY(!m_sync->isSynced());
    verifyScriptDone();
    // The newest window is kept; UIDNEXT does not claim the older messages, so the next sync
    // fetches them.
    QCOMPARE(storedUids(), stored);
    QCOMPARE(storedState(), (store::MailboxSyncState{7, 0, 0}));
}

void tst_MailboxSync::selectRefusedFails()
{
    seed(UidSet::fromRange(1, 3), {7, 4, 0});
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    const QByteArray select = t.command("SELECT INBOX");
    t.reply({select + " NO [SERVERBUG] not today"});
    QVERIFY(connectTo(t));

    startSync();
    QTRY_COMPARE(m_failed->size(), 1);
    QCOMPARE(m_failed->first().first().toString(), u"Could not open \"INBOX\": not today"_s);
    QCOMPARE(m_session->selectedMailbox(), qint64(0));
    verifyScriptDone();
    QCOMPARE(storedUids(), "1:3"_ba);
    QCOMPARE(storedState(), (store::MailboxSyncState{7, 4, 0}));
}

void tst_MailboxSync::qresyncReopen()
{
    seed(UidSet::fromRange(1, 10), {7, 11, 100}, {{7, "(\\Seen)"}});
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR CONDSTORE QRESYNC ESEARCH ENABLE");
    const QByteArray select = t.command("SELECT INBOX (QRESYNC (7 100 1:10))");
    // 3 and 4 were expunged and 7 flagged elsewhere; 11 to 13 are new.
    t.reply({"* 11 EXISTS", "* OK [UIDVALIDITY 7] UIDs valid", "* OK [UIDNEXT 14] predicted",
             "* OK [HIGHESTMODSEQ 120] modseq", "* VANISHED (EARLIER) 3:4",
             "* 5 FETCH (UID 7 FLAGS (\\Seen \\Flagged) MODSEQ (115))", select + " OK [READ-WRITE] selected"});
    const QByteArray search = t.command("UID SEARCH RETURN (ALL) UID 11:*");
    t.reply({"* ESEARCH (TAG \"" + search + "\") UID ALL 11:13", search + " OK searched"});
    const QByteArray fetch = t.command(QByteArray("UID FETCH 11:13 ") + rowItemsModSeq);
    t.reply({rowResponse(9, 11, 117), rowResponse(10, 12, 118), rowResponse(11, 13, 119, {}, "(\\Seen)"),
             fetch + " OK fetched"});
    QVERIFY(connectTo(t));

    startSync();
    QCOMPARE(m_sync->path(), MailboxSync::Path::Qresync);
    QVERIFY(waitForSynced());
    verifyScriptDone();

    QCOMPARE(storedUids(), "1:2,5:13"_ba);
    QCOMPARE(storedFlags(7), flagsOf("(\\Seen \\Flagged)"));
    QCOMPARE(storedFlags(13), flagsOf("(\\Seen)"));
    QCOMPARE(m_store->message(m_mailboxId, 12)->modSeq, quint64(118));
    QCOMPARE(storedState(), (store::MailboxSyncState{7, 14, 120}));
    // The expunges and the flag change went out before the new rows.
    const auto first = m_deltas->first().first().value<MailboxDeltaPtr>();
    QCOMPARE(first->removed, uidsOf("3:4"));
    QCOMPARE(first->flags.size(), size_t(1));
    QCOMPARE(first->flags.front().uid, Uid(7));
    QCOMPARE(first->flags.front().modSeq, quint64(115));
    const auto last = m_deltas->last().first().value<MailboxDeltaPtr>();
    QCOMPARE(last->inserted.size(), size_t(3));
    QCOMPARE(last->counts->messages, quint32(11));
    QCOMPARE(last->counts->unseen, quint32(9));
}

void tst_MailboxSync::condstoreReopen()
{
    seed(UidSet::fromRange(1, 10), {7, 11, 100});
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR CONDSTORE");
    const QByteArray select = t.command("SELECT INBOX (CONDSTORE)");
    t.reply({"* 11 EXISTS", "* OK [UIDVALIDITY 7] UIDs valid", "* OK [UIDNEXT 13] predicted",
             "* OK [HIGHESTMODSEQ 130] modseq", select + " OK [READ-WRITE] selected"});
    // Both go out at once: the flag changes since 100, and the UIDs that exist.
    const QByteArray changed = t.command("UID FETCH 1:10 (UID FLAGS) (CHANGEDSINCE 100)");
    const QByteArray search = t.command("UID SEARCH ALL");
    t.reply({"* 2 FETCH (UID 2 FLAGS (\\Seen) MODSEQ (121))", "* 8 FETCH (UID 9 FLAGS (\\Answered) MODSEQ (125))",
             changed + " OK fetched"});
    t.reply({"* SEARCH 1 2 4 5 6 7 8 9 10 11 12", search + " OK searched"});
    const QByteArray fetch = t.command(QByteArray("UID FETCH 11:12 ") + rowItemsModSeq);
    t.reply({rowResponse(10, 11, 128), rowResponse(11, 12, 129), fetch + " OK fetched"});
    QVERIFY(connectTo(t));

    startSync();
    QCOMPARE(m_sync->path(), MailboxSync::Path::Condstore);
    QVERIFY(waitForSynced());
    verifyScriptDone();

    // 3 is absent from the search: expunged.
    QCOMPARE(storedUids(), "1:2,4:12"_ba);
    QCOMPARE(storedFlags(2), flagsOf("(\\Seen)"));
    QCOMPARE(storedFlags(9), flagsOf("(\\Answered)"));
    QCOMPARE(storedFlags(1), Flags());
    QCOMPARE(storedState(), (store::MailboxSyncState{7, 13, 130}));
}

void tst_MailboxSync::plainReopen()
{
    seed(UidSet::fromRange(1, 10), {7, 11, 0}, {{1, "(\\Seen)"}, {2, "(\\Seen)"}});
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    const QByteArray select = t.command("SELECT INBOX");
    t.reply({"* 10 EXISTS", "* OK [UIDVALIDITY 7] UIDs valid", "* OK [UIDNEXT 12] predicted",
             select + " OK [READ-WRITE] selected"});
    const QByteArray search = t.command("UID SEARCH ALL");
    t.reply({"* SEARCH 1 2 3 4 5 6 8 9 10 11", search + " OK searched"});
    // No mod-sequences: the flags of every message still there.
    const QByteArray flags = t.command("UID FETCH 1:6,8:10 (UID FLAGS)");
    QByteArrayList lines;
    quint32 sequence = 0;
    for (Uid uid : uidsOf("1:6,8:10")) {
        const QByteArray now = uid == 1 ? "(\\Seen \\Answered)" : uid == 2 ? "()" : uid == 10 ? "($Important)" : "()";
        lines << "* " + number(++sequence) + " FETCH (UID " + number(uid) + " FLAGS " + now + ')';
    }
    lines << flags + " OK fetched";
    t.reply(lines);
    const QByteArray fetch = t.command(QByteArray("UID FETCH 11 ") + rowItems);
    t.reply({rowResponse(10, 11), fetch + " OK fetched"});
    QVERIFY(connectTo(t));

    startSync();
    QCOMPARE(m_sync->path(), MailboxSync::Path::Plain);
    QVERIFY(waitForSynced());
    verifyScriptDone();

    QCOMPARE(storedUids(), "1:6,8:11"_ba);
    QCOMPARE(storedFlags(1), flagsOf("(\\Seen \\Answered)"));
    QCOMPARE(storedFlags(2), Flags());
    QCOMPARE(storedFlags(10), flagsOf("($Important)"));
    QCOMPARE(storedState(), (store::MailboxSyncState{7, 12, 0}));
    // Only real changes reach the models: three flag changes, not nine.
    bool sawFlags = false;
    for (const QList<QVariant> &signal : std::as_const(*m_deltas)) {
        const auto delta = signal.first().value<MailboxDeltaPtr>();
        if (delta->flags.empty())
            continue;
        QVERIFY(!sawFlags);
        sawFlags = true;
        QCOMPARE(delta->flags.size(), size_t(3));
        QCOMPARE(delta->removed, uidsOf("7"));
    }
    QVERIFY(sawFlags);
}

void tst_MailboxSync::uidValidityChangeDropsCacheAndJournal()
{
    seed(UidSet::fromRange(1, 10), {7, 11, 100});
    store::MailboxRecord other;
    other.path = u"Archive"_s;
    const store::Result<qint64> otherId = m_store->addMailbox(other);
    QVERIFY(otherId);
    const auto journal = [&](QByteArray kind, qint64 mailboxId, quint32 uidValidity) {
        store::JournalEntry entry;
        entry.kind = kind;
        entry.mailboxId = mailboxId;
        entry.uidValidity = uidValidity;
        entry.payload = "{}";
        entry.created = QDateTime::currentDateTimeUtc();
        return m_store->addJournalEntry(entry).value();
    };
    journal("flags", m_mailboxId, 7);                        // UIDs of the old numbering: dropped
    const qint64 rename = journal("rename", m_mailboxId, 0); // names no UIDs: kept
    const qint64 elsewhere = journal("flags", otherId.value(), 7);

    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR CONDSTORE QRESYNC ESEARCH ENABLE");
    const QByteArray select = t.command("SELECT INBOX (QRESYNC (7 100 1:10))");
    t.reply({"* 3 EXISTS", "* OK [UIDVALIDITY 9] new numbering", "* OK [UIDNEXT 4] predicted",
             "* OK [HIGHESTMODSEQ 5] modseq", select + " OK [READ-WRITE] selected"});
    const QByteArray search = t.command("UID SEARCH RETURN (ALL) ALL");
    t.reply({"* ESEARCH (TAG \"" + search + "\") UID ALL 1:3", search + " OK searched"});
    const QByteArray fetch = t.command(QByteArray("UID FETCH 1:3 ") + rowItemsModSeq);
    t.reply({rowResponse(1, 1, 3, "Renumbered 1"), rowResponse(2, 2, 4, "Renumbered 2"),
             rowResponse(3, 3, 5, "Renumbered 3"), fetch + " OK fetched"});
    QVERIFY(connectTo(t));

    startSync();
    QVERIFY(waitForSynced());
    verifyScriptDone();

    QCOMPARE(m_sync->path(), MailboxSync::Path::Full);
    const auto first = m_deltas->first().first().value<MailboxDeltaPtr>();
    QVERIFY(first->reset);
    QVERIFY(first->inserted.empty());
    QCOMPARE(storedUids(), "1:3"_ba);
    QCOMPARE(m_store->message(m_mailboxId, 2)->subject, u"Renumbered 2"_s);
    QCOMPARE(storedState(), (store::MailboxSyncState{9, 4, 5}));
    QList<qint64> left;
    for (const store::JournalEntry &entry : m_store->journalEntries())
        left << entry.id;
    QCOMPARE(left, (QList<qint64>{rename, elsewhere}));
}

void tst_MailboxSync::uidValidityChangeWhileOpenDropsTheCache()
{
    seed(UidSet::fromRange(1, 3), {7, 4, 0});
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    openedPlain(t, "1:3", 4);
    const QByteArray noop = t.command("NOOP");
    t.reply({"* OK [UIDVALIDITY 9] renumbered", noop + " OK done"});
    // UIDs 1 and 2 now name other messages: nothing cached may stand for them.
    const QByteArray again = t.command("UID SEARCH ALL");
    t.reply({"* SEARCH 1 2", again + " OK searched"});
    const QByteArray fetch = t.command(QByteArray("UID FETCH 1:2 ") + rowItems);
    t.reply({rowResponse(1, 1, std::nullopt, "Renumbered 1"), rowResponse(2, 2, std::nullopt, "Renumbered 2"),
             fetch + " OK fetched"});
    QVERIFY(connectTo(t));

    startSync();
    QVERIFY(waitForSynced());
    const qsizetype deltasBefore = m_deltas->size();
    m_sync->poll();
    QVERIFY(waitForLiveWork());
    verifyScriptDone();
    QCOMPARE(storedUids(), "1:2"_ba);
    QCOMPARE(m_store->message(m_mailboxId, 1)->subject, u"Renumbered 1"_s);
    // Nothing is known of the new numbering's UIDNEXT: claim none.
    QCOMPARE(storedState(), (store::MailboxSyncState{9, 0, 0}));
    QVERIFY(m_deltas->size() > deltasBefore);
    QVERIFY(m_deltas->at(deltasBefore).first().value<MailboxDeltaPtr>()->reset);
}

void tst_MailboxSync::inconsistentServerGetsFullResync_data()
{
    QTest::addColumn<QByteArray>("capabilities");
    QTest::addColumn<QByteArray>("select");
    QTest::addColumn<QByteArrayList>("selected");
    QTest::addColumn<QByteArray>("search");
    QTest::addColumn<MailboxSync::Path>("firstPath");
    QTest::addColumn<store::MailboxSyncState>("state");

    const QByteArray qresync = "IMAP4rev1 AUTH=PLAIN SASL-IR CONDSTORE QRESYNC ESEARCH ENABLE";
    // Each answer VANISHes 5, which the server's own UID list still has.
    QTest::newRow("uidnext-backwards-qresync")
        << qresync << "SELECT INBOX (QRESYNC (7 100 1:10))"_ba
        << QByteArrayList{"* 9 EXISTS", "* OK [UIDVALIDITY 7] ok", "* OK [UIDNEXT 9] ok", "* OK [HIGHESTMODSEQ 110] ok",
                          "* VANISHED (EARLIER) 5"}
        << "UID SEARCH RETURN (ALL) ALL"_ba << MailboxSync::Path::Qresync << store::MailboxSyncState{7, 9, 110};
    QTest::newRow("highestmodseq-backwards-qresync")
        << qresync << "SELECT INBOX (QRESYNC (7 100 1:10))"_ba
        << QByteArrayList{"* 9 EXISTS", "* OK [UIDVALIDITY 7] ok", "* OK [UIDNEXT 11] ok", "* OK [HIGHESTMODSEQ 90] ok",
                          "* VANISHED (EARLIER) 5"}
        << "UID SEARCH RETURN (ALL) ALL"_ba << MailboxSync::Path::Qresync << store::MailboxSyncState{7, 11, 90};
    QTest::newRow("highestmodseq-backwards-condstore")
        << "IMAP4rev1 AUTH=PLAIN SASL-IR CONDSTORE"_ba
        << "SELECT INBOX (CONDSTORE)"_ba
        << QByteArrayList{"* 9 EXISTS", "* OK [UIDVALIDITY 7] ok", "* OK [UIDNEXT 11] ok", "* OK [HIGHESTMODSEQ 90] ok"}
        << "UID SEARCH ALL"_ba << MailboxSync::Path::Condstore << store::MailboxSyncState{7, 11, 90};
    QTest::newRow("modseq-forgotten-qresync")
        << qresync << "SELECT INBOX (QRESYNC (7 100 1:10))"_ba
        << QByteArrayList{"* 9 EXISTS", "* OK [UIDVALIDITY 7] ok", "* OK [UIDNEXT 11] ok", "* OK [NOMODSEQ] ok",
                          "* VANISHED (EARLIER) 5"}
        << "UID SEARCH RETURN (ALL) ALL"_ba << MailboxSync::Path::Qresync << store::MailboxSyncState{7, 11, 0};
}

void tst_MailboxSync::inconsistentServerGetsFullResync()
{
    QFETCH(QByteArray, capabilities);
    QFETCH(QByteArray, select);
    QFETCH(QByteArrayList, selected);
    QFETCH(QByteArray, search);
    QFETCH(MailboxSync::Path, firstPath);
    QFETCH(store::MailboxSyncState, state);
    seed(UidSet::fromRange(1, 10), {7, 11, 100}, {{5, "(\\Seen)"}});

    Transcript t(capabilities);
    const QByteArray selectTag = t.command(select);
    t.reply(selected << selectTag + " OK [READ-WRITE] selected");
    // The plain path: the whole UID list (7 is gone, 5 is not), then every message's flags.
    const QByteArray searchTag = t.command(search);
    if (search.contains("RETURN"))
        t.reply({"* ESEARCH (TAG \"" + searchTag + "\") UID ALL 1:6,8:10", searchTag + " OK searched"});
    else
        t.reply({"* SEARCH 1 2 3 4 5 6 8 9 10", searchTag + " OK searched"});
    const QByteArray flags = t.command("UID FETCH 1:6,8:10 (UID FLAGS)");
    QByteArrayList lines;
    quint32 sequence = 0;
    for (Uid uid : uidsOf("1:6,8:10"))
        lines << "* " + number(++sequence) + " FETCH (UID " + number(uid) + " FLAGS (" + (uid == 5 ? "\\Seen" : "")
                + "))";
    lines << flags + " OK fetched";
    t.reply(lines);
    QVERIFY(connectTo(t));

    startSync();
    QCOMPARE(m_sync->path(), firstPath);
    QVERIFY(waitForSynced());
    verifyScriptDone();

    QCOMPARE(m_sync->path(), MailboxSync::Path::Plain);
    QVERIFY2(m_store->message(m_mailboxId, 5), "a UID the server still lists was deleted on a guess");
    QCOMPARE(storedUids(), "1:6,8:10"_ba);
    QCOMPARE(storedState(), state);
    for (const QList<QVariant> &signal : std::as_const(*m_deltas))
        QVERIFY(!signal.first().value<MailboxDeltaPtr>()->removed.contains(5));
}

void tst_MailboxSync::liveUpdatesByExpungeSequenceNumbers()
{
    // Sequence numbers and UIDs differ: 2 4 6 8 10 are messages 1 to 5.
    seed(uidsOf("2,4,6,8,10"), {7, 11, 0});
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR IDLE");
    openedPlain(t, "2,4,6,8,10", 11);
    // Idling: message 3 (UID 6) is expunged and a new one arrives.
    const QByteArray idle = t.command("IDLE");
    t.reply({"+ idling", "* 3 EXPUNGE", "* 5 EXISTS"});
    t.line("DONE");
    t.reply({idle + " OK idle done"});
    const QByteArray fetchNew = t.command(QByteArray("UID FETCH 11:* ") + rowItems);
    t.reply({rowResponse(5, 12), fetchNew + " OK fetched"});
    // Then, with a NOOP: message 1 (UID 2) is read elsewhere, message 4 (UID 10) expunged, and
    // the new message 5 (now 4, UID 12) flagged.
    const QByteArray noop = t.command("NOOP");
    t.reply({"* 1 FETCH (FLAGS (\\Seen))", "* 4 EXPUNGE", "* 4 FETCH (FLAGS (\\Flagged))", noop + " OK done"});
    QVERIFY(connectTo(t));

    startSync();
    QVERIFY(waitForSynced());
    QCOMPARE(storedUids(), "2,4,6,8,10"_ba);

    m_session->connection().idle();
    QTRY_COMPARE(storedUids(), "2,4,8,10,12"_ba);
    QCOMPARE(m_store->message(m_mailboxId, 12)->subject, u"Message 12"_s);
    QCOMPARE(storedState().uidNext, Uid(13));

    m_sync->poll();
    QTRY_COMPARE(storedUids(), "2,4,8,12"_ba);
    QTRY_COMPARE(storedFlags(12), flagsOf("(\\Flagged)"));
    QCOMPARE(storedFlags(2), flagsOf("(\\Seen)"));
    QCOMPARE(storedFlags(4), Flags());
    QCOMPARE(storedFlags(8), Flags());
    verifyScriptDone();
    QCOMPARE(m_failed->size(), 0);
    // The read flag reached the models as a flag change of UID 2.
    bool sawSeen = false;
    for (const QList<QVariant> &signal : std::as_const(*m_deltas)) {
        for (const store::FlagUpdate &update : signal.first().value<MailboxDeltaPtr>()->flags)
            sawSeen = sawSeen || (update.uid == 2 && update.flags == flagsOf("(\\Seen)"));
    }
    QVERIFY(sawSeen);
}

void tst_MailboxSync::liveUpdatesByVanished()
{
    seed(UidSet::fromRange(1, 5), {7, 6, 50});
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR CONDSTORE QRESYNC ESEARCH ENABLE IDLE");
    const QByteArray select = t.command("SELECT INBOX (QRESYNC (7 50 1:5))");
    t.reply({"* 5 EXISTS", "* OK [UIDVALIDITY 7] ok", "* OK [UIDNEXT 6] ok", "* OK [HIGHESTMODSEQ 50] ok",
             select + " OK [READ-WRITE] selected"});
    // Nothing new since the last sync, so no command follows SELECT until the server has news.
    const QByteArray idle = t.command("IDLE");
    t.reply({"+ idling", "* VANISHED 2", "* 3 FETCH (UID 4 FLAGS (\\Seen) MODSEQ (55))"});
    t.line("DONE");
    t.reply({idle + " OK idle done"});
    const QByteArray noop = t.command("NOOP");
    t.reply({"* 5 EXISTS", noop + " OK done"});
    // Only what is above the highest UID known.
    const QByteArray fetchNew = t.command(QByteArray("UID FETCH 6:* ") + rowItemsModSeq);
    t.reply({rowResponse(5, 6, 56), fetchNew + " OK fetched"});
    QVERIFY(connectTo(t));

    startSync();
    QVERIFY(waitForSynced());
    QCOMPARE(storedUids(), "1:5"_ba);

    m_session->connection().idle();
    QTRY_COMPARE(storedUids(), "1,3:5"_ba);
    QTRY_COMPARE(storedFlags(4), flagsOf("(\\Seen)"));
    const qsizetype deltasBefore = m_deltas->size();
    m_sync->poll();
    QTRY_COMPARE(storedUids(), "1,3:6"_ba);
    verifyScriptDone();
    QCOMPARE(storedState().uidNext, Uid(7));
    QCOMPARE(m_failed->size(), 0);
    bool sawRemoval = false;
    for (const QList<QVariant> &signal : std::as_const(*m_deltas))
        sawRemoval = sawRemoval || signal.first().value<MailboxDeltaPtr>()->removed == uidsOf("2");
    QVERIFY(sawRemoval);
    // The models got the one new row, not the mailbox again.
    QCOMPARE(m_deltas->size(), deltasBefore + 1);
    const auto inserted = m_deltas->last().first().value<MailboxDeltaPtr>();
    QCOMPARE(inserted->inserted.size(), size_t(1));
    QCOMPARE(inserted->inserted.front().uid, Uid(6));
}

void tst_MailboxSync::existsTogetherWithVanishedFetchesTheNewMessage()
{
    seed(UidSet::fromRange(1, 5), {7, 6, 50});
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR CONDSTORE QRESYNC ESEARCH ENABLE IDLE");
    const QByteArray select = t.command("SELECT INBOX (QRESYNC (7 50 1:5))");
    t.reply({"* 5 EXISTS", "* OK [UIDVALIDITY 7] ok", "* OK [UIDNEXT 6] ok", "* OK [HIGHESTMODSEQ 50] ok",
             select + " OK [READ-WRITE] selected"});
    // One message moved out and one in, in one burst: still five, but one of them is new.
    const QByteArray idle = t.command("IDLE");
    t.reply({"+ idling", "* VANISHED 2", "* 5 EXISTS"});
    t.line("DONE");
    t.reply({idle + " OK idle done"});
    const QByteArray fetchNew = t.command(QByteArray("UID FETCH 6:* ") + rowItemsModSeq);
    t.reply({rowResponse(5, 6, 56), fetchNew + " OK fetched"});
    QVERIFY(connectTo(t));

    startSync();
    QVERIFY(waitForSynced());
    m_session->connection().idle();
    QTRY_COMPARE(storedUids(), "1,3:6"_ba);
    verifyScriptDone();
    QCOMPARE(m_failed->size(), 0);
}

void tst_MailboxSync::newRowCommittedBeforeItsFetchEndsKeepsItsSequenceNumber()
{
    seed(uidsOf("2,4,6"), {7, 7, 0});
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    openedPlain(t, "2,4,6", 7);
    const QByteArray noop = t.command("NOOP");
    t.reply({"* 4 EXISTS", noop + " OK done"});
    // The new row arrives, and its command ends only later: the row is stored meanwhile.
    const QByteArray fetchNew = t.command(QByteArray("UID FETCH 7:* ") + rowItems);
    t.reply({rowResponse(4, 9)});
    const QByteArray secondNoop = t.command("NOOP");
    // Message 4 is UID 9.
    t.reply({fetchNew + " OK fetched", "* 4 FETCH (FLAGS (\\Flagged))", secondNoop + " OK done"});
    QVERIFY(connectTo(t));

    startSync();
    QVERIFY(waitForSynced());
    m_sync->poll();
    QTRY_COMPARE(storedUids(), "2,4,6,9"_ba);
    m_sync->poll();
    QTRY_COMPARE(storedFlags(9), flagsOf("(\\Flagged)"));
    verifyScriptDone();
    // Nothing more is fetched: the server has no more messages than rows.
    QTest::qWait(100);
    QVERIFY2(m_server->errors().isEmpty(), qPrintable(m_server->errors().join(u'\n')));
    QCOMPARE(m_failed->size(), 0);
}

void tst_MailboxSync::existsShrinkingWithoutExpungeResyncs_data()
{
    QTest::addColumn<QByteArray>("serverList");
    QTest::addColumn<QByteArray>("expected");

    // The EXISTS was wrong: every message is still there, and every row stays.
    QTest::newRow("server-miscounted") << "2 4 6 8 10"_ba
                                       << "2,4,6,8,10"_ba;
    // An EXPUNGE was lost: the UID list, not the count, says which row goes.
    QTest::newRow("expunge-lost") << "2 4 8 10"_ba
                                  << "2,4,8,10"_ba;
}

void tst_MailboxSync::existsShrinkingWithoutExpungeResyncs()
{
    QFETCH(QByteArray, serverList);
    QFETCH(QByteArray, expected);
    seed(uidsOf("2,4,6,8,10"), {7, 11, 0});
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    openedPlain(t, "2,4,6,8,10", 11);
    const QByteArray noop = t.command("NOOP");
    t.reply({"* 4 EXISTS", noop + " OK done"});
    const QByteArray again = t.command("UID SEARCH ALL");
    t.reply({"* SEARCH " + serverList, again + " OK searched"});
    const QByteArray flagsAgain = t.command("UID FETCH " + expected + " (UID FLAGS)");
    QByteArrayList lines;
    quint32 sequence = 0;
    for (Uid uid : uidsOf(expected))
        lines << "* " + number(++sequence) + " FETCH (UID " + number(uid) + " FLAGS ())";
    lines << flagsAgain + " OK fetched";
    t.reply(lines);
    QVERIFY(connectTo(t));

    startSync();
    QVERIFY(waitForSynced());
    m_sync->poll();
    QVERIFY(waitForLiveWork());
    verifyScriptDone();
    QCOMPARE(storedUids(), expected);
    QCOMPARE(m_failed->size(), 0);
}

void tst_MailboxSync::liveResyncStartsFromTheRowsOfNow()
{
    seed(uidsOf("2,4,6"), {7, 7, 0});
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    openedPlain(t, "2,4,6", 7);
    // While open: message 1 (UID 2) is expunged and UID 9 arrives.
    const QByteArray noop = t.command("NOOP");
    t.reply({"* 1 EXPUNGE", "* 3 EXISTS", noop + " OK done"});
    const QByteArray fetchNew = t.command(QByteArray("UID FETCH 7:* ") + rowItems);
    t.reply({rowResponse(3, 9), fetchNew + " OK fetched"});
    // Then the count shrinks without an EXPUNGE: the resync compares the server's list with the
    // rows as they are now (4, 6, 9), not as they were when the mailbox was opened.
    const QByteArray shrink = t.command("NOOP");
    t.reply({"* 2 EXISTS", shrink + " OK done"});
    const QByteArray again = t.command("UID SEARCH ALL");
    t.reply({"* SEARCH 4 6 9", again + " OK searched"});
    const QByteArray flagsAgain = t.command("UID FETCH 4,6,9 (UID FLAGS)");
    t.reply({"* 1 FETCH (UID 4 FLAGS ())", "* 2 FETCH (UID 6 FLAGS ())", "* 3 FETCH (UID 9 FLAGS (\\Seen))",
             flagsAgain + " OK fetched"});
    QVERIFY(connectTo(t));

    startSync();
    QVERIFY(waitForSynced());
    m_sync->poll();
    QTRY_COMPARE(storedUids(), "4,6,9"_ba);
    QTRY_COMPARE(storedState().uidNext, Uid(10));
    const qsizetype deltasBefore = m_deltas->size();
    m_sync->poll();
    QVERIFY(waitForLiveWork());
    verifyScriptDone();
    QCOMPARE(storedUids(), "4,6,9"_ba);
    QCOMPARE(storedFlags(9), flagsOf("(\\Seen)"));
    // The resync told the models about the flag change only: no row inserted or removed again.
    for (qsizetype i = deltasBefore; i < m_deltas->size(); ++i) {
        const auto delta = m_deltas->at(i).first().value<MailboxDeltaPtr>();
        QVERIFY(delta->inserted.empty());
        QVERIFY(delta->removed.isEmpty());
    }
}

void tst_MailboxSync::existsDuringLiveResyncFetchesOnceAndSignalsNothingTwice()
{
    seed(uidsOf("2,4,6"), {7, 7, 0});
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    openedPlain(t, "2,4,6", 7);
    // The count shrinks without an EXPUNGE: a live resync.
    const QByteArray noop = t.command("NOOP");
    t.reply({"* 2 EXISTS", noop + " OK done"});
    // Two messages arrive while it runs; its own search sees them, so it alone fetches them:
    // no "UID FETCH 7:*" beside it.
    const QByteArray again = t.command("UID SEARCH ALL");
    t.reply({"* 4 EXISTS", "* SEARCH 4 6 9 10", again + " OK searched"});
    const QByteArray flagsAgain = t.command("UID FETCH 4,6 (UID FLAGS)");
    t.reply({"* 1 FETCH (UID 4 FLAGS ())", "* 2 FETCH (UID 6 FLAGS ())", flagsAgain + " OK fetched"});
    const QByteArray fetchNew = t.command(QByteArray("UID FETCH 9:10 ") + rowItems);
    t.reply({rowResponse(4, 10), rowResponse(3, 9), fetchNew + " OK fetched"});
    QVERIFY(connectTo(t));

    startSync();
    QSignalSpy firstWindow(m_sync.get(), &MailboxSync::firstWindowReady);
    QVERIFY(waitForSynced());
    QCOMPARE(firstWindow.size(), 1);
    m_sync->poll();
    QVERIFY(waitForLiveWork());
    verifyScriptDone();
    QTRY_COMPARE(storedUids(), "4,6,9:10"_ba);
    QTest::qWait(100);
    QVERIFY2(m_server->errors().isEmpty(), qPrintable(m_server->errors().join(u'\n')));
    // The header's promise: once each, whatever happens while the mailbox stays open.
    QCOMPARE(m_synced->size(), 1);
    QCOMPARE(firstWindow.size(), 1);
    QCOMPARE(m_failed->size(), 0);
}

void tst_MailboxSync::fetchPartCachesTheBody()
{
    seed(uidsOf("2,4"), {7, 5, 0});
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    openedPlain(t, "2,4", 5);
    // Without BINARY the part's encoding comes from its structure, fetched along.
    const QByteArray body = t.command("UID FETCH 4 (BODYSTRUCTURE BODY.PEEK[1])");
    t.reply({"* 2 FETCH (UID 4 BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" 13 1 NIL NIL NIL NIL) "
             "BODY[1] {13}\r\nHello, world!)",
             body + " OK fetched"});
    QVERIFY(connectTo(t));

    startSync();
    QVERIFY(waitForSynced());

    struct Answer {
        bool ok = false;
        QByteArray data;
        QString error;
    };
    std::optional<Answer> first;
    m_sync->fetchPart(4, "1", [&](bool ok, const QByteArray &data, const QString &error) {
        first = Answer{ok, data, error};
    });
    QTRY_VERIFY(first);
    QVERIFY2(first->ok, qPrintable(first->error));
    QCOMPARE(first->data, "Hello, world!"_ba);
    QCOMPARE(m_store->part(m_mailboxId, 4, MailboxSync::partCacheKey("1")),
             std::optional<QByteArray>("Hello, world!"_ba));
    // The flags of UID 4 were not touched by the body's FETCH.
    QCOMPARE(storedFlags(4), Flags());

    const qsizetype sentBefore = m_server->received().size();
    std::optional<Answer> second;
    m_sync->fetchPart(4, "1", [&](bool ok, const QByteArray &data, const QString &error) {
        second = Answer{ok, data, error};
    });
    QVERIFY(second); // from the cache, at once
    QVERIFY(second->ok);
    QCOMPARE(second->data, "Hello, world!"_ba);
    QTest::qWait(50);
    QCOMPARE(m_server->received().size(), sentBefore);
    verifyScriptDone();
}

QTEST_GUILESS_MAIN(tst_MailboxSync)
#include "tst_MailboxSync.moc"
