// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// MailboxSync's body fetches against scripted servers: BINARY where the server offers it, the
// fallback when it refuses a part (UNKNOWN-CTE), client-side decoding without BINARY, the
// structure fetched once and kept, the row's attachment hint brought in line, and the cache
// answering without a word to the server.

#include "engine/MailboxSync.h"
#include "engine/MessageStructure.h"
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
using engine::MessageStructure;
using engine::Session;
using test::ScriptedImapServer;
using Transcript = test::ImapTranscript;

namespace {

// A message whose part 1 is text and part 2 a file in `encoding`, as BODYSTRUCTURE says.
QByteArray structureWith(QByteArrayView encoding)
{
    return QByteArray("BODYSTRUCTURE ((\"text\" \"plain\" (\"charset\" \"utf-8\") NIL NIL \"quoted-printable\" 20 1 "
                      "NIL NIL NIL NIL)(\"application\" \"octet-stream\" NIL NIL NIL \""
                      + encoding.toByteArray()
                      + "\" 12 NIL (\"attachment\" (\"filename\" \"data.bin\")) NIL NIL) \"mixed\" (\"boundary\" "
                        "\"b\") NIL NIL NIL)");
}

QByteArray literal(QByteArrayView bytes)
{
    return QByteArray('{' + QByteArray::number(bytes.size()) + "}\r\n" + bytes.toByteArray());
}

struct Answer {
    bool ok = false;
    QByteArray data;
    QString error;
};

} // namespace

class tst_MailboxSyncParts : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void binaryUsedWhenOffered();
    void unknownCteFallsBackToBodyPeek();
    void decodedOnTheClientWithoutBinary_data();
    void decodedOnTheClientWithoutBinary();
    void unknownEncodingIsAnError();
    void structureFetchedOnceAndHintUpdated();
    void damagedStoredStructureIsFetchedAgain();
    void wholeMessageStaysRaw();

private:
    // A plain sync of INBOX holding UID 4, on a server with `capabilities`; the test's own
    // commands follow in `t` after it.
    Transcript openedTranscript(const QByteArray &capabilities);
    [[nodiscard]] bool connectAndSync(const Transcript &transcript);
    std::optional<Answer> fetchPart(Uid uid, const QByteArray &section);
    void verifyScriptDone();

    QTemporaryDir m_certificateDir;
    test::TestCertificates m_certificates;
    std::unique_ptr<QTemporaryDir> m_storeDir;
    std::unique_ptr<store::AccountStore> m_store;
    std::unique_ptr<ScriptedImapServer> m_server;
    std::unique_ptr<Session> m_session;
    std::unique_ptr<MailboxSync> m_sync;
    std::unique_ptr<QSignalSpy> m_deltas;
    qint64 m_mailboxId = 0;
};

void tst_MailboxSyncParts::initTestCase()
{
    qRegisterMetaType<MailboxDeltaPtr>();
    QVERIFY(m_certificateDir.isValid());
    QVERIFY2(m_certificates.create(m_certificateDir.path()), qPrintable(m_certificates.errorString()));
}

void tst_MailboxSyncParts::init()
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
    store::MailboxChanges changes;
    store::MessageRecord row;
    row.uid = 4;
    row.subject = u"Figures"_s;
    row.fromAddress = u"bob@example.org"_s;
    row.hasAttachment = false; // what a text/plain Content-Type header would have said
    changes.added.push_back(row);
    changes.sync = store::MailboxSyncState{7, 5, 0};
    QVERIFY(m_store->applyChanges(m_mailboxId, changes));
}

void tst_MailboxSyncParts::cleanup()
{
    m_deltas.reset();
    m_sync.reset();
    m_session.reset();
    m_server.reset();
    m_store.reset();
    m_storeDir.reset();
}

Transcript tst_MailboxSyncParts::openedTranscript(const QByteArray &capabilities)
{
    Transcript t(capabilities);
    const QByteArray select = t.command("SELECT INBOX");
    t.reply({"* 1 EXISTS", "* OK [UIDVALIDITY 7] ok", "* OK [UIDNEXT 5] ok", select + " OK [READ-WRITE] selected"});
    const QByteArray search = t.command("UID SEARCH ALL");
    t.reply({"* SEARCH 4", search + " OK searched"});
    const QByteArray flags = t.command("UID FETCH 4 (UID FLAGS)");
    t.reply({"* 1 FETCH (UID 4 FLAGS ())", flags + " OK fetched"});
    return t;
}

bool tst_MailboxSyncParts::connectAndSync(const Transcript &transcript)
{
    test::ScriptedLogin login = test::ScriptedLogin::start(m_certificates, transcript.steps());
    m_server = std::move(login.server);
    if (!login.connection)
        return false;
    m_session = std::make_unique<Session>(std::move(login.connection));
    m_sync = std::make_unique<MailboxSync>(*m_session, *m_store, m_mailboxId);
    m_deltas = std::make_unique<QSignalSpy>(m_sync.get(), &MailboxSync::delta);
    QSignalSpy synced(m_sync.get(), &MailboxSync::synced);
    QSignalSpy syncFailed(m_sync.get(), &MailboxSync::failed);
    m_sync->start();
    if (!QTest::qWaitFor(
            [&] {
                return !synced.isEmpty() || !syncFailed.isEmpty();
            },
            10000)
        || synced.isEmpty()) {
        qWarning() << "sync failed:" << syncFailed << m_server->errors();
        return false;
    }
    m_deltas->clear();
    return true;
}

std::optional<Answer> tst_MailboxSyncParts::fetchPart(Uid uid, const QByteArray &section)
{
    std::optional<Answer> answer;
    m_sync->fetchPart(uid, section, [&](bool ok, const QByteArray &data, const QString &error) {
        answer = Answer{ok, data, error};
    });
    (void)QTest::qWaitFor(
        [&] {
            return answer.has_value();
        },
        10000);
    if (!m_server->errors().isEmpty())
        qWarning().noquote() << "script:" << m_server->errors().join(u'\n');
    return answer;
}

void tst_MailboxSyncParts::verifyScriptDone()
{
    QTRY_VERIFY2(m_server->scriptFinished(), qPrintable(m_server->errors().join(u'\n')));
    QVERIFY2(m_server->errors().isEmpty(), qPrintable(m_server->errors().join(u'\n')));
}

void tst_MailboxSyncParts::binaryUsedWhenOffered()
{
    const QByteArray bytes("\x00\x01\xfe\xff binary\r\n", 13);
    Transcript t = openedTranscript("IMAP4rev1 AUTH=PLAIN SASL-IR BINARY");
    const QByteArray fetch = t.command("UID FETCH 4 (BINARY.PEEK[2])");
    t.reply({"* 1 FETCH (UID 4 BINARY[2] ~" + literal(bytes) + ')', fetch + " OK fetched"});
    QVERIFY(connectAndSync(t));

    const std::optional<Answer> first = fetchPart(4, "2");
    QVERIFY(first);
    QVERIFY2(first->ok, qPrintable(first->error));
    QCOMPARE(first->data, bytes);
    // Kept as decoded content, never under the raw section's key.
    QCOMPARE(m_store->part(m_mailboxId, 4, MailboxSync::partCacheKey("2")), std::optional<QByteArray>(bytes));
    QCOMPARE(m_store->part(m_mailboxId, 4, "2"), std::nullopt);
    QVERIFY(MailboxSync::partCacheKey("2") != "2");
    verifyScriptDone();

    // The second time from the cache, at once, with nothing sent.
    const qsizetype sentBefore = m_server->received().size();
    std::optional<Answer> second;
    m_sync->fetchPart(4, "2", [&](bool ok, const QByteArray &data, const QString &error) {
        second = Answer{ok, data, error};
    });
    QVERIFY(second);
    QVERIFY(second->ok);
    QCOMPARE(second->data, bytes);
    QTest::qWait(50);
    QCOMPARE(m_server->received().size(), sentBefore);
}

void tst_MailboxSyncParts::unknownCteFallsBackToBodyPeek()
{
    const QByteArray content = "the figures";
    Transcript t = openedTranscript("IMAP4rev1 AUTH=PLAIN SASL-IR BINARY");
    const QByteArray binary = t.command("UID FETCH 4 (BINARY.PEEK[2])");
    t.reply({binary + " NO [UNKNOWN-CTE] Cannot decode this part"});
    const QByteArray body = t.command("UID FETCH 4 (BODYSTRUCTURE BODY.PEEK[2])");
    t.reply({"* 1 FETCH (UID 4 " + structureWith("base64") + " BODY[2] " + literal(content.toBase64()) + ')',
             body + " OK fetched"});
    QVERIFY(connectAndSync(t));

    const std::optional<Answer> answer = fetchPart(4, "2");
    QVERIFY(answer);
    QVERIFY2(answer->ok, qPrintable(answer->error));
    QCOMPARE(answer->data, content);
    QCOMPARE(m_store->part(m_mailboxId, 4, MailboxSync::partCacheKey("2")), std::optional<QByteArray>(content));
    // The structure came along and was kept.
    const std::optional<QByteArray> blob = m_store->bodyStructure(m_mailboxId, 4);
    QVERIFY(blob);
    const std::optional<MessageStructure> structure = MessageStructure::fromBlob(*blob);
    QVERIFY(structure);
    QCOMPARE(structure->findBySection("2")->filename, u"data.bin"_s);
    verifyScriptDone();
}

void tst_MailboxSyncParts::decodedOnTheClientWithoutBinary_data()
{
    QTest::addColumn<QByteArray>("encoding");
    QTest::addColumn<QByteArray>("sent");
    QTest::addColumn<QByteArray>("expected");
    const QByteArray bytes("\x00\x01\xfe\xff binary", 11);
    QTest::newRow("base64") << "base64"_ba << QByteArray(bytes.toBase64().insert(8, "\r\n")) << bytes;
    QTest::newRow("base64-upper-case-name") << "BASE64"_ba << bytes.toBase64() << bytes;
    QTest::newRow("quoted-printable") << "quoted-printable"_ba
                                      << "Caf=C3=A9 au l=\r\nait \t\r\nnext line"_ba
                                      << "Caf\xc3\xa9 au lait\r\nnext line"_ba;
    QTest::newRow("7bit") << "7bit"_ba
                          << "plain as it is"_ba
                          << "plain as it is"_ba;
}

void tst_MailboxSyncParts::decodedOnTheClientWithoutBinary()
{
    QFETCH(QByteArray, encoding);
    QFETCH(QByteArray, sent);
    QFETCH(QByteArray, expected);
    Transcript t = openedTranscript("IMAP4rev1 AUTH=PLAIN SASL-IR");
    const QByteArray body = t.command("UID FETCH 4 (BODYSTRUCTURE BODY.PEEK[2])");
    t.reply({"* 1 FETCH (UID 4 " + structureWith(encoding) + " BODY[2] " + literal(sent) + ')', body + " OK fetched"});
    // Part 1 afterwards: the structure is known, so only the body is asked for.
    const QByteArray text = t.command("UID FETCH 4 (BODY.PEEK[1])");
    t.reply({"* 1 FETCH (UID 4 BODY[1] " + literal("Gr=C3=BC=C3=9Fe") + ')', text + " OK fetched"});
    QVERIFY(connectAndSync(t));

    const std::optional<Answer> answer = fetchPart(4, "2");
    QVERIFY(answer);
    QVERIFY2(answer->ok, qPrintable(answer->error));
    QCOMPARE(answer->data, expected);

    const std::optional<Answer> textAnswer = fetchPart(4, "1");
    QVERIFY(textAnswer);
    QVERIFY2(textAnswer->ok, qPrintable(textAnswer->error));
    QCOMPARE(QString::fromUtf8(textAnswer->data), u"Grüße"_s);
    verifyScriptDone();

    // Both from the cache now.
    const qsizetype sentBefore = m_server->received().size();
    QCOMPARE(fetchPart(4, "2")->data, expected);
    QCOMPARE(fetchPart(4, "1")->data,
             "Gr\xc3\xbc\xc3\x9f"
             "e"_ba);
    QCOMPARE(m_server->received().size(), sentBefore);
}

void tst_MailboxSyncParts::unknownEncodingIsAnError()
{
    Transcript t = openedTranscript("IMAP4rev1 AUTH=PLAIN SASL-IR");
    const QByteArray body = t.command("UID FETCH 4 (BODYSTRUCTURE BODY.PEEK[2])");
    t.reply({"* 1 FETCH (UID 4 " + structureWith("x-fumi-unknown") + " BODY[2] " + literal("????") + ')',
             body + " OK fetched"});
    QVERIFY(connectAndSync(t));

    const std::optional<Answer> answer = fetchPart(4, "2");
    QVERIFY(answer);
    QVERIFY(!answer->ok);
    QVERIFY2(answer->error.contains(u"x-fumi-unknown"_s), qPrintable(answer->error));
    // Nothing is cached that would later pass for the content.
    QCOMPARE(m_store->part(m_mailboxId, 4, MailboxSync::partCacheKey("2")), std::nullopt);
    verifyScriptDone();
}

void tst_MailboxSyncParts::structureFetchedOnceAndHintUpdated()
{
    Transcript t = openedTranscript("IMAP4rev1 AUTH=PLAIN SASL-IR BINARY");
    const QByteArray fetch = t.command("UID FETCH 4 (BODYSTRUCTURE)");
    t.reply({"* 1 FETCH (UID 4 " + structureWith("base64") + ')', fetch + " OK fetched"});
    QVERIFY(connectAndSync(t));

    std::optional<MessageStructure> first;
    m_sync->fetchStructure(4, [&](bool ok, const MessageStructure &structure, const QString &error) {
        QVERIFY2(ok, qPrintable(error));
        first = structure;
    });
    QTRY_VERIFY(first);
    QCOMPARE(first->attachments().size(), std::size_t(1));
    QCOMPARE(first->attachments().front()->section, "2"_ba);
    QCOMPARE(first->textParts().size(), std::size_t(1));
    verifyScriptDone();

    // The row said "no attachment"; the structure knows better, and the models hear of it.
    QVERIFY(m_store->message(m_mailboxId, 4)->hasAttachment);
    QTRY_COMPARE(m_deltas->size(), 1);
    const auto delta = m_deltas->first().first().value<MailboxDeltaPtr>();
    QCOMPARE(delta->updated.size(), std::size_t(1));
    QCOMPARE(delta->updated.front().uid, Uid(4));
    QVERIFY(delta->updated.front().hasAttachment);
    QCOMPARE(delta->updated.front().subject, u"Figures"_s);
    QVERIFY(delta->inserted.empty() && delta->flags.empty() && delta->removed.isEmpty());

    // The second time from the store, with nothing sent and no second delta.
    const qsizetype sentBefore = m_server->received().size();
    std::optional<MessageStructure> second;
    m_sync->fetchStructure(4, [&](bool ok, const MessageStructure &structure, const QString &) {
        if (ok)
            second = structure;
    });
    QVERIFY(second);
    QCOMPARE(*second, *first);
    QTest::qWait(50);
    QCOMPARE(m_server->received().size(), sentBefore);
    QCOMPARE(m_deltas->size(), 1);
}

void tst_MailboxSyncParts::damagedStoredStructureIsFetchedAgain()
{
    QVERIFY(m_store->setBodyStructure(m_mailboxId, 4, "\x07garbage from a future Fumi"_ba, false));
    Transcript t = openedTranscript("IMAP4rev1 AUTH=PLAIN SASL-IR");
    const QByteArray fetch = t.command("UID FETCH 4 (BODYSTRUCTURE)");
    t.reply({"* 1 FETCH (UID 4 " + structureWith("base64") + ')', fetch + " OK fetched"});
    QVERIFY(connectAndSync(t));

    std::optional<bool> ok;
    m_sync->fetchStructure(4, [&](bool success, const MessageStructure &structure, const QString &) {
        ok = success && structure.findBySection("2");
    });
    QTRY_VERIFY(ok);
    QVERIFY(*ok);
    QVERIFY(MessageStructure::fromBlob(m_store->bodyStructure(m_mailboxId, 4).value_or(QByteArray())));
    verifyScriptDone();
}

void tst_MailboxSyncParts::wholeMessageStaysRaw()
{
    const QByteArray raw = "Subject: x\r\nContent-Transfer-Encoding: base64\r\n\r\naGVsbG8=\r\n";
    Transcript t = openedTranscript("IMAP4rev1 AUTH=PLAIN SASL-IR BINARY");
    const QByteArray fetch = t.command("UID FETCH 4 (BODY.PEEK[])");
    t.reply({"* 1 FETCH (UID 4 BODY[] " + literal(raw) + ')', fetch + " OK fetched"});
    QVERIFY(connectAndSync(t));

    const std::optional<Answer> answer = fetchPart(4, "");
    QVERIFY(answer);
    QVERIFY2(answer->ok, qPrintable(answer->error));
    QCOMPARE(answer->data, raw);
    QCOMPARE(MailboxSync::partCacheKey(""), ""_ba);
    QCOMPARE(m_store->part(m_mailboxId, 4, ""), std::optional<QByteArray>(raw));
    verifyScriptDone();
}

QTEST_GUILESS_MAIN(tst_MailboxSyncParts)
#include "tst_MailboxSyncParts.moc"
