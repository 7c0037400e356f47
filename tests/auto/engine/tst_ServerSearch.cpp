// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The server half of a search against scripted servers: plain SEARCH and ESEARCH answers per
// mailbox (EXAMINE and UID SEARCH pipelined), MULTISEARCH for several mailboxes at once,
// matches served from the store under the same UIDVALIDITY and fetched otherwise, and a NO for
// one mailbox that leaves the others' results standing; a second search on the mailbox still
// open sends no EXAMINE, and BODYSTRUCTUREs fetched for has:attachment are kept for the next;
// rows LocalSearch has read stand in the answer unless the store changed them meanwhile. The
// scripts check every command.

#include "engine/LocalSearch.h"
#include "engine/ServerSearch.h"
#include "engine/Session.h"
#include "imap/Connection.h"
#include "store/AccountStore.h"
#include "support/ImapTranscript.h"
#include "support/ScriptedImapServer.h"
#include "support/ScriptedLogin.h"
#include "support/TestCertificates.h"

#include <QSignalSpy>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace fumi;
using engine::SearchUpdatePtr;
using engine::ServerSearch;
using engine::Session;
using Transcript = test::ImapTranscript;

namespace {

constexpr char rowItems[]
    = "(UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE BODY.PEEK[HEADER.FIELDS (REFERENCES CONTENT-TYPE)])";

QByteArray number(quint64 value)
{
    return QByteArray::number(value);
}

// The FETCH answer for a message's row, from Bob.
QByteArray rowResponse(quint32 sequence, Uid uid)
{
    const QByteArray headers = "Content-Type: text/plain; charset=utf-8\r\n\r\n";
    const QByteArray bob = "((\"Bob Example\" NIL \"bob\" \"example.org\"))";
    return "* " + number(sequence) + " FETCH (UID " + number(uid) + " FLAGS (\\Seen) ENVELOPE (\"Mon, 02 Mar 2026 "
        + "10:00:00 +0000\" \"Fetched " + number(uid) + "\" " + bob + ' ' + bob + ' ' + bob
        + " ((NIL NIL \"alice\" \"example.org\")) NIL NIL NIL \"<m" + number(uid)
        + "@example.org>\") INTERNALDATE \"02-Mar-2026 10:00:00 +0000\" RFC822.SIZE 1000 "
        + "BODY[HEADER.FIELDS (REFERENCES CONTENT-TYPE)] {" + number(quint64(headers.size())) + "}\r\n" + headers + ')';
}

// has:attachment's superset, as SearchCompiler writes it.
const QByteArray attachments
    = "UID SEARCH OR HEADER Content-Disposition \"attachment\" OR HEADER Content-Type \"multipart/mixed\" OR "
      "HEADER Content-Type \"multipart/related\" OR HEADER Content-Type \"multipart/signed\" OR HEADER "
      "Content-Type \"multipart/encrypted\" OR HEADER Content-Type \"multipart/report\" OR HEADER "
      "Content-Type \"application/\" OR HEADER Content-Type \"image/\" OR HEADER Content-Type \"audio/\" OR "
      "HEADER Content-Type \"video/\" HEADER Content-Type \"message/\""_ba;
// BODYSTRUCTUREs: a plain text, a PDF attached, and the two in a multipart/mixed.
const QByteArray plain = "(\"TEXT\" \"PLAIN\" (\"CHARSET\" \"utf-8\") NIL NIL \"7BIT\" 10 1 NIL NIL NIL NIL)"_ba;
const QByteArray pdf = "(\"APPLICATION\" \"PDF\" (\"NAME\" \"a.pdf\") NIL NIL \"BASE64\" 100 NIL (\"ATTACHMENT\" "
                       "(\"FILENAME\" \"a.pdf\")) NIL NIL)"_ba;
const QByteArray withPdf = "(" + plain + pdf + " \"MIXED\" (\"BOUNDARY\" \"x\") NIL NIL NIL)";

QString describe(const SearchUpdatePtr &update)
{
    QStringList uids;
    for (const store::MessageRecord &row : update->rows)
        uids.append(u"%1:%2"_s.arg(row.uid).arg(row.subject));
    return u"%1 v%2 [%3] left=%4%5%6"_s.arg(update->mailbox)
        .arg(update->uidValidity)
        .arg(uids.join(u", "_s))
        .arg(update->mailboxesLeft)
        .arg(update->within.isEmpty() ? QString()
                                      : u" within=" + QString::fromLatin1(update->within.toImapSequenceSet()))
        .arg(update->error.isEmpty() ? QString() : u" error=" + update->error);
}

} // namespace

class tst_ServerSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void plainSearchPerMailboxAndANoForOne();
    void esearchWithUtf8Literal();
    void multisearchThenFetchesWhatTheStoreLacks();
    void cachedRowsUnderAnotherUidValidityAreFetched();
    void secondSearchKeepsTheMailboxOpenAndTheStructures();
    void localRowsStandUnlessTheStoreChanged();
    void storedAnswersDecideHasAttachment();
    void textSearchOfALargeMailboxGoesInParts();
    void partsOfAMailbox_data();
    void partsOfAMailbox();

private:
    qint64 addMailbox(const QString &path, quint32 uidValidity, const UidSet &cached);
    [[nodiscard]] QStringList run(const Transcript &transcript, const QString &query, const QStringList &paths,
                                  int *failed = nullptr, int *matches = nullptr);
    // One search on `session`, the updates described; `local` as ServerSearch takes it.
    [[nodiscard]] QStringList searchOn(Session &session, const QString &query, const QStringList &paths,
                                       engine::LocalSearch *local = nullptr, int *failed = nullptr,
                                       int *matches = nullptr);

    QTemporaryDir m_certificateDir;
    test::TestCertificates m_certificates;
    std::unique_ptr<QTemporaryDir> m_storeDir;
    std::unique_ptr<store::AccountStore> m_store;
};

void tst_ServerSearch::initTestCase()
{
    qRegisterMetaType<SearchUpdatePtr>();
    QVERIFY(m_certificateDir.isValid());
    QVERIFY2(m_certificates.create(m_certificateDir.path()), qPrintable(m_certificates.errorString()));
}

void tst_ServerSearch::init()
{
    m_storeDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_storeDir->isValid());
    auto opened = store::AccountStore::open(m_storeDir->path());
    QVERIFY(opened);
    m_store = std::move(opened).value();
}

void tst_ServerSearch::cleanup()
{
    m_store.reset();
    m_storeDir.reset();
}

qint64 tst_ServerSearch::addMailbox(const QString &path, quint32 uidValidity, const UidSet &cached)
{
    store::MailboxRecord record;
    record.path = path;
    record.separator = '/';
    const store::Result<qint64> added = m_store->addMailbox(record);
    if (!added)
        return 0;
    if (uidValidity == 0)
        return added.value();
    store::MailboxChanges changes;
    for (Uid uid : cached) {
        store::MessageRecord row;
        row.uid = uid;
        row.subject = u"Cached %1"_s.arg(uid);
        row.fromAddress = u"bob@example.org"_s;
        changes.added.push_back(row);
    }
    changes.sync = store::MailboxSyncState{uidValidity, cached.isEmpty() ? 1 : cached.max() + 1, 0};
    if (!m_store->applyChanges(added.value(), changes))
        return 0;
    return added.value();
}

QStringList tst_ServerSearch::run(const Transcript &transcript, const QString &query, const QStringList &paths,
                                  int *failed, int *matches)
{
    test::ScriptedLogin login = test::ScriptedLogin::start(m_certificates, transcript.steps());
    if (!login.connection) {
        qWarning() << "login failed" << (login.server ? login.server->errors() : QStringList());
        return {u"no connection"_s};
    }
    Session session(std::move(login.connection));
    QStringList updates = searchOn(session, query, paths, nullptr, failed, matches);
    if (!login.server->errors().isEmpty())
        updates.append(login.server->errors());
    if (!login.server->scriptFinished())
        updates.append(u"script not finished"_s);
    return updates;
}

QStringList tst_ServerSearch::searchOn(Session &session, const QString &query, const QStringList &paths,
                                       engine::LocalSearch *local, int *failed, int *matches)
{
    const ParseResult<engine::SearchQuery> parsed = engine::SearchQueryParser::parse(query, QDate(2026, 3, 15));
    if (!parsed)
        return {u"bad query"_s};
    QList<store::MailboxRecord> mailboxes;
    for (const QString &path : paths)
        mailboxes.append(*m_store->mailboxByPath(path));
    QStringList updates;
    bool done = false;
    ServerSearch search(session, *m_store, parsed.value().root, mailboxes, local);
    connect(&search, &ServerSearch::update, this, [&updates](const SearchUpdatePtr &update) {
        updates.append(describe(update));
    });
    connect(&search, &ServerSearch::finished, this, [&](int f, int m) {
        done = true;
        if (failed)
            *failed = f;
        if (matches)
            *matches = m;
    });
    search.start();
    if (!QTest::qWaitFor(
            [&] {
                return done;
            },
            10000))
        updates.append(u"timed out"_s);
    return updates;
}

void tst_ServerSearch::plainSearchPerMailboxAndANoForOne()
{
    QVERIFY(addMailbox(u"INBOX"_s, 7, UidSet::fromRange(1, 3)));
    QVERIFY(addMailbox(u"Archive"_s, 0, {}));
    QVERIFY(addMailbox(u"Gone"_s, 0, {}));
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    QByteArray tag = t.command("EXAMINE INBOX");
    t.reply({"* 3 EXISTS", "* OK [UIDVALIDITY 7] ok", tag + " OK [READ-ONLY] examined"});
    tag = t.command("UID SEARCH FROM \"bob\"");
    t.reply({"* SEARCH 1 3", tag + " OK searched"});
    tag = t.command("EXAMINE Archive");
    t.reply({"* 1 EXISTS", "* OK [UIDVALIDITY 9] ok", tag + " OK [READ-ONLY] examined"});
    tag = t.command("UID SEARCH FROM \"bob\"");
    t.reply({"* SEARCH 5", tag + " OK searched"});
    tag = t.command("UID FETCH 5 " + QByteArray(rowItems));
    t.reply({rowResponse(1, 5), tag + " OK fetched"});
    tag = t.command("EXAMINE Gone");
    t.reply({tag + " NO Mailbox doesn't exist: Gone"});
    tag = t.command("UID SEARCH FROM \"bob\"");
    t.reply({tag + " BAD No mailbox selected"});

    int failed = -1;
    int matches = -1;
    const QStringList updates = run(t, u"from:bob"_s, {u"INBOX"_s, u"Archive"_s, u"Gone"_s}, &failed, &matches);
    QCOMPARE(updates.join(u'\n'),
             (QStringList{u"INBOX v7 [1:Cached 1, 3:Cached 3] left=2"_s, u"Archive v9 [5:Fetched 5] left=1"_s,
                          u"Gone v0 [] left=0 error=Mailbox doesn't exist: Gone"_s})
                 .join(u'\n'));
    QCOMPARE(failed, 1);
    QCOMPARE(matches, 3);
    // Fetched rows are not stored: MailboxSync owns the store's picture of Archive.
    QCOMPARE(m_store->messageCount(m_store->mailboxByPath(u"Archive"_s)->id), 0);
}

void tst_ServerSearch::esearchWithUtf8Literal()
{
    QVERIFY(addMailbox(u"INBOX"_s, 7, UidSet::fromRange(1, 3)));
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR ESEARCH LITERAL+");
    QByteArray tag = t.command("EXAMINE INBOX");
    t.reply({"* OK [UIDVALIDITY 7] ok", tag + " OK [READ-ONLY] examined"});
    tag = t.command("UID SEARCH RETURN (ALL COUNT) CHARSET UTF-8 SUBJECT {6+}");
    t.line("会議");
    t.reply({"* ESEARCH (TAG \"" + tag + "\") UID ALL 2:3 COUNT 2", tag + " OK searched"});
    const QStringList updates = run(t, u"subject:会議"_s, {u"INBOX"_s});
    QCOMPARE(updates.join(u'\n'), (QStringList{u"INBOX v7 [2:Cached 2, 3:Cached 3] left=0"_s}).join(u'\n'));
}

void tst_ServerSearch::multisearchThenFetchesWhatTheStoreLacks()
{
    QVERIFY(addMailbox(u"INBOX"_s, 7, UidSet::fromRange(1, 3)));
    QVERIFY(addMailbox(u"Archive"_s, 0, {}));
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR ESEARCH MULTISEARCH");
    QByteArray tag = t.command("ESEARCH IN (mailboxes (INBOX Archive)) RETURN (ALL COUNT) UNSEEN");
    t.reply({"* ESEARCH (TAG \"" + tag + "\" MAILBOX INBOX UIDVALIDITY 7) UID ALL 1 COUNT 1",
             "* ESEARCH (TAG \"" + tag + "\" MAILBOX \"Archive\" UIDVALIDITY 9) UID ALL 4 COUNT 1",
             tag + " OK searched"});
    tag = t.command("EXAMINE Archive");
    t.reply({"* OK [UIDVALIDITY 9] ok", tag + " OK [READ-ONLY] examined"});
    const QByteArray fetch = t.command("UID FETCH 4 " + QByteArray(rowItems));
    t.reply({rowResponse(1, 4), fetch + " OK fetched"});
    int matches = 0;
    const QStringList updates = run(t, u"is:unread"_s, {u"INBOX"_s, u"Archive"_s}, nullptr, &matches);
    QCOMPARE(updates.join(u'\n'),
             (QStringList{u"INBOX v7 [1:Cached 1] left=1"_s, u"Archive v9 [4:Fetched 4] left=0"_s}).join(u'\n'));
    QCOMPARE(matches, 2);
}

void tst_ServerSearch::cachedRowsUnderAnotherUidValidityAreFetched()
{
    // The cache holds UIDs 1:3 of UIDVALIDITY 7, but the server now says 8: they are other
    // messages, and the store's rows must not stand for them.
    QVERIFY(addMailbox(u"INBOX"_s, 7, UidSet::fromRange(1, 3)));
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    QByteArray tag = t.command("EXAMINE INBOX");
    t.reply({"* OK [UIDVALIDITY 8] ok", tag + " OK [READ-ONLY] examined"});
    tag = t.command("UID SEARCH TEXT \"x\"");
    t.reply({"* SEARCH 2", tag + " OK searched"});
    tag = t.command("UID FETCH 2 " + QByteArray(rowItems));
    t.reply({rowResponse(1, 2), tag + " OK fetched"});
    const QStringList updates = run(t, u"x"_s, {u"INBOX"_s});
    QCOMPARE(updates.join(u'\n'), (QStringList{u"INBOX v8 [2:Fetched 2] left=0"_s}).join(u'\n'));
}

void tst_ServerSearch::secondSearchKeepsTheMailboxOpenAndTheStructures()
{
    const qint64 inbox = addMailbox(u"INBOX"_s, 7, UidSet::fromRange(1, 3));
    QVERIFY(inbox);
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    QByteArray tag = t.command("EXAMINE INBOX");
    t.reply({"* 3 EXISTS", "* OK [UIDVALIDITY 7] ok", tag + " OK [READ-ONLY] examined"});
    tag = t.command(attachments);
    t.reply({"* SEARCH 1 2 3", tag + " OK searched"});
    // The server's query is a superset: the structures say which have attachments.
    tag = t.command("UID FETCH 1:3 (UID BODYSTRUCTURE)");
    t.reply({"* 1 FETCH (UID 1 BODYSTRUCTURE " + withPdf + ")", "* 2 FETCH (UID 2 BODYSTRUCTURE " + plain + ")",
             "* 3 FETCH (UID 3 BODYSTRUCTURE " + plain + ")", tag + " OK fetched"});
    // The second search: INBOX is still open, and the structures are the store's now.
    tag = t.command(attachments);
    t.reply({"* SEARCH 1 2 3", tag + " OK searched"});
    test::ScriptedLogin login = test::ScriptedLogin::start(m_certificates, t.steps());
    QVERIFY(login.connection);
    Session session(std::move(login.connection));
    QCOMPARE(searchOn(session, u"has:attachment"_s, {u"INBOX"_s}), QStringList{u"INBOX v7 [1:Cached 1] left=0"_s});
    QVERIFY(m_store->bodyStructure(inbox, 2));
    QCOMPARE(searchOn(session, u"has:attachment"_s, {u"INBOX"_s}), QStringList{u"INBOX v7 [1:Cached 1] left=0"_s});
    QCOMPARE(login.server->errors(), QStringList());
    QVERIFY(login.server->scriptFinished());
}

void tst_ServerSearch::localRowsStandUnlessTheStoreChanged()
{
    const qint64 inbox = addMailbox(u"INBOX"_s, 7, UidSet::fromRange(1, 3));
    QVERIFY(inbox);
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    QByteArray tag = t.command("EXAMINE INBOX");
    t.reply({"* OK [UIDVALIDITY 7] ok", tag + " OK [READ-ONLY] examined"});
    tag = t.command("UID SEARCH SUBJECT \"cached\"");
    t.reply({"* SEARCH 1 3", tag + " OK searched"});
    tag = t.command("UID SEARCH SUBJECT \"cached\"");
    t.reply({"* SEARCH 1 3", tag + " OK searched"});
    test::ScriptedLogin login = test::ScriptedLogin::start(m_certificates, t.steps());
    QVERIFY(login.connection);
    Session session(std::move(login.connection));
    const engine::SearchTerm root
        = engine::SearchQueryParser::parse(u"subject:cached"_s, QDate(2026, 3, 15)).value().root;
    const auto local = [&]() {
        auto search = std::make_unique<engine::LocalSearch>(*m_store, root, QList{*m_store->mailbox(inbox)}, [] {
            return 1;
        });
        bool reported = false;
        connect(search.get(), &engine::LocalSearch::update, this, [&reported](const SearchUpdatePtr &update) {
            reported = update->rows.size() == 3;
        });
        search->start();
        if (!QTest::qWaitFor([&] {
                return reported;
            }))
            return std::unique_ptr<engine::LocalSearch>();
        return search;
    };

    // The cache proved 1:3 before the server answered 1 and 3: the answer is those two rows.
    std::unique_ptr<engine::LocalSearch> first = local();
    QVERIFY(first);
    QCOMPARE(searchOn(session, u"subject:cached"_s, {u"INBOX"_s}, first.get()),
             QStringList{u"INBOX v7 [1:Cached 1, 3:Cached 3] left=0"_s});

    // The store changes a row after LocalSearch read it: the answer has the store's row.
    std::unique_ptr<engine::LocalSearch> second = local();
    QVERIFY(second);
    store::MessageRecord renamed = *m_store->message(inbox, 3);
    renamed.subject = u"Cached and renamed"_s;
    store::MailboxChanges changes;
    changes.added.push_back(renamed);
    changes.sync = m_store->mailbox(inbox)->sync;
    QVERIFY(m_store->applyChanges(inbox, changes));
    QCOMPARE(searchOn(session, u"subject:cached"_s, {u"INBOX"_s}, second.get()),
             QStringList{u"INBOX v7 [1:Cached 1, 3:Cached and renamed] left=0"_s});
    QCOMPARE(login.server->errors(), QStringList());
    QVERIFY(login.server->scriptFinished());
}

void tst_ServerSearch::storedAnswersDecideHasAttachment()
{
    const qint64 inbox = addMailbox(u"INBOX"_s, 7, UidSet::fromRange(1, 4));
    QVERIFY(inbox);
    // An attachment the superset cannot find: a file inside a top-level multipart/alternative.
    const QByteArray hidden = "(" + plain + pdf + " \"ALTERNATIVE\" (\"BOUNDARY\" \"y\") NIL NIL NIL)";
    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    QByteArray tag = t.command("EXAMINE INBOX");
    t.reply({"* 4 EXISTS", "* OK [UIDVALIDITY 7] ok", tag + " OK [READ-ONLY] examined"});
    tag = t.command(attachments);
    t.reply({"* SEARCH 1 2 3", tag + " OK searched"});
    tag = t.command("UID FETCH 1:3 (UID BODYSTRUCTURE)");
    t.reply({"* 1 FETCH (UID 1 BODYSTRUCTURE " + withPdf + ")", "* 2 FETCH (UID 2 BODYSTRUCTURE " + plain + ")",
             "* 3 FETCH (UID 3 BODYSTRUCTURE " + hidden + ")", tag + " OK fetched"});
    // Second: 1:3 are answered from the store, 4 is fetched.
    tag = t.command(attachments);
    t.reply({"* SEARCH 1 2 3 4", tag + " OK searched"});
    tag = t.command("UID FETCH 4 (UID BODYSTRUCTURE)");
    t.reply({"* 4 FETCH (UID 4 BODYSTRUCTURE " + withPdf + ")", tag + " OK fetched"});
    // Third, with the cache's scan: nothing to fetch or read again.
    tag = t.command(attachments);
    t.reply({"* SEARCH 1 2 3 4", tag + " OK searched"});
    test::ScriptedLogin login = test::ScriptedLogin::start(m_certificates, t.steps());
    QVERIFY(login.connection);
    Session session(std::move(login.connection));

    QCOMPARE(searchOn(session, u"has:attachment"_s, {u"INBOX"_s}), QStringList{u"INBOX v7 [1:Cached 1] left=0"_s});
    // Each structure is kept with what has:attachment answers for it.
    store::AccountStore::StoredAttachments stored = m_store->storedAttachments(inbox, UidSet::fromRange(1, 4));
    QCOMPARE(stored.with, UidSet::fromRange(1, 1));
    QCOMPARE(stored.without, UidSet::fromRange(2, 3));

    // As a version 1 store left it: the structure of 1 without its answer. Read once, and
    // answered from then on.
    {
        const QString name = u"tst_ServerSearch.version1"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(m_storeDir->filePath(u"cache.sqlite"_s));
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"UPDATE body_structures SET has_attachments = NULL WHERE uid = 1"_s));
        }
        QSqlDatabase::removeDatabase(name);
    }
    QCOMPARE(m_store->storedAttachments(inbox, UidSet::fromRange(1, 1)).unanswered.size(), 1);
    QCOMPARE(searchOn(session, u"has:attachment"_s, {u"INBOX"_s}),
             QStringList{u"INBOX v7 [1:Cached 1, 4:Cached 4] left=0"_s});
    stored = m_store->storedAttachments(inbox, UidSet::fromRange(1, 4));
    UidSet with;
    with.insert(1);
    with.insert(4);
    QCOMPARE(stored.with, with);
    QVERIFY(stored.unanswered.isEmpty());

    // The cache proves 1 and 4 while the server searches, and hands over what it read.
    const engine::SearchTerm root
        = engine::SearchQueryParser::parse(u"has:attachment"_s, QDate(2026, 3, 15)).value().root;
    engine::LocalSearch local(
        *m_store, root, QList{*m_store->mailbox(inbox)},
        [] {
            return 1;
        },
        true);
    QSignalSpy proved(&local, &engine::LocalSearch::update);
    local.start();
    QCOMPARE(proved.size(), 1);
    QCOMPARE(describe(proved.at(0).at(0).value<SearchUpdatePtr>()), u"INBOX v7 [1:Cached 1, 4:Cached 4] left=1"_s);
    QCOMPARE(searchOn(session, u"has:attachment"_s, {u"INBOX"_s}, &local),
             QStringList{u"INBOX v7 [1:Cached 1, 4:Cached 4] left=0"_s});
    QCOMPARE(login.server->errors(), QStringList());
    QVERIFY(login.server->scriptFinished());
}

void tst_ServerSearch::textSearchOfALargeMailboxGoesInParts()
{
    // 25,000 messages up to UID 29,999: stretches of 10,000 UIDs, newest first, with parts of
    // 1,000 cut from both ends. The cache has the rows of the matches but for 15,000, which is
    // fetched.
    UidSet cached;
    for (Uid uid : {3u, 9999u, 20000u, 29999u})
        cached.insert(uid);
    const qint64 big = addMailbox(u"Big"_s, 7, cached);
    QVERIFY(big);
    store::MailboxRecord record = *m_store->mailbox(big);
    record.counts.messages = 25000;
    QVERIFY(m_store->updateMailbox(record));
    QVERIFY(addMailbox(u"Small"_s, 7, UidSet::fromRange(1, 2)));

    Transcript t("IMAP4rev1 AUTH=PLAIN SASL-IR");
    QByteArray tag = t.command("EXAMINE Big");
    t.reply({"* OK [UIDVALIDITY 7] ok", tag + " OK [READ-ONLY] examined"});
    // Two parts go at once; each answer sends the next before it is read.
    const QByteArray newest = t.command("UID SEARCH UID 29000:4294967295 BODY \"plan\"");
    const QByteArray newer = t.command("UID SEARCH UID 20000:28999 BODY \"plan\"");
    t.reply({"* SEARCH 29999", newest + " OK searched"});
    const QByteArray middle = t.command("UID SEARCH UID 10000:19999 BODY \"plan\"");
    t.reply({"* SEARCH 20000", newer + " OK searched"});
    const QByteArray older = t.command("UID SEARCH UID 1001:9999 BODY \"plan\"");
    t.reply({"* SEARCH 15000", middle + " OK searched"});
    // 15,000 has no row in the store: fetched. The last part waits for every other answer.
    tag = t.command("UID FETCH 15000 " + QByteArray(rowItems));
    t.reply({"* SEARCH 9999", older + " OK searched"});
    const QByteArray oldest = t.command("UID SEARCH UID 1:1000 BODY \"plan\"");
    t.reply({rowResponse(1, 15000), tag + " OK fetched"});
    t.reply({"* SEARCH 3", oldest + " OK searched"});
    // A small mailbox is searched whole.
    tag = t.command("EXAMINE Small");
    t.reply({"* OK [UIDVALIDITY 7] ok", tag + " OK [READ-ONLY] examined"});
    tag = t.command("UID SEARCH BODY \"plan\"");
    t.reply({"* SEARCH 2", tag + " OK searched"});
    int failed = -1;
    int matches = -1;
    QCOMPARE(run(t, u"body:plan"_s, {u"Big"_s, u"Small"_s}, &failed, &matches),
             (QStringList{u"Big v7 [29999:Cached 29999] left=2 within=29000:4294967295"_s,
                          u"Big v7 [20000:Cached 20000] left=2 within=20000:28999"_s,
                          u"Big v7 [15000:Fetched 15000] left=2 within=10000:19999"_s,
                          u"Big v7 [9999:Cached 9999] left=2 within=1001:9999"_s,
                          u"Big v7 [3:Cached 3] left=1 within=1:1000"_s, u"Small v7 [2:Cached 2] left=0"_s}));
    QCOMPARE(failed, 0);
    QCOMPARE(matches, 6);
}

void tst_ServerSearch::partsOfAMailbox_data()
{
    QTest::addColumn<quint32>("messages");
    QTest::addColumn<Uid>("top");
    QTest::addColumn<QStringList>("parts");
    QTest::newRow("small") << 19999u << Uid(30000) << QStringList();
    QTest::newRow("two stretches") << 20000u << Uid(20000)
                                   << QStringList{u"19001:4294967295"_s, u"10001:19000"_s, u"1001:10000"_s,
                                                  u"1:1000"_s};
    QTest::newRow("uneven") << 25000u << Uid(29999)
                            << QStringList{u"29000:4294967295"_s, u"20000:28999"_s, u"10000:19999"_s, u"1001:9999"_s,
                                           u"1:1000"_s};
    QTest::newRow("100,000") << 100000u << Uid(100000)
                             << QStringList{u"99001:4294967295"_s, u"90001:99000"_s, u"80001:90000"_s, u"70001:80000"_s,
                                            u"60001:70000"_s,      u"50001:60000"_s, u"40001:50000"_s, u"30001:40000"_s,
                                            u"20001:30000"_s,      u"10001:20000"_s, u"1001:10000"_s,  u"1:1000"_s};
    // More messages counted than UIDs known (counts newer than the sync state): stretches of
    // the UIDs known, too narrow for small parts to be cut from them.
    QTest::newRow("few UIDs") << 30000u << Uid(2) << QStringList{u"2:4294967295"_s, u"1"_s};
}

void tst_ServerSearch::partsOfAMailbox()
{
    QFETCH(quint32, messages);
    QFETCH(Uid, top);
    QFETCH(QStringList, parts);
    store::MailboxRecord mailbox;
    mailbox.counts.messages = messages;
    mailbox.sync.uidNext = top + 1;
    QStringList actual;
    for (const UidSet &part : ServerSearch::partsOf(mailbox))
        actual.append(QString::fromLatin1(part.toImapSequenceSet()));
    QCOMPARE(actual, parts);
}

QTEST_GUILESS_MAIN(tst_ServerSearch)
#include "tst_ServerSearch.moc"
