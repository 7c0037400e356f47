// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// AccountEngine::search() on a real engine and a seeded Dovecot (tests/data/mail/alice), as the
// search bar uses it: after a sync, each search gives a Local update at once with exactly the
// cached rows the cache proves, then a Server update that replaces it; cancelSearch() stops a
// running search and drops a queued one; searches sent back to back each finish with their
// own results; and with the server unreachable a search still shows the cached matches and
// ends in an error instead of hanging.

#include "engine/AccountEngine.h"
#include "support/DovecotServer.h"
#include "support/EngineThread.h"
#include "support/MemoryCredentialStore.h"

#include <QSemaphore>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace fumi;
using namespace Qt::StringLiterals;
using engine::AccountEngine;
using engine::SearchUpdate;
using engine::SearchUpdatePtr;

namespace {

const QString password = u"Engine-search-s3cret"_s;

// One engine on its own thread, as the application runs it.
// The search tests' engine: INBOX not watched, and an unreachable server not tried again
// before the test is over.
class EngineThread : public test::EngineThread
{
public:
    EngineThread(const account::Account &account, const QString &directory, account::CredentialStore *credentials,
                 const QSslCertificate &ca)
        : test::EngineThread(account, directory, servicesWith(credentials), options(ca))
    {
    }

private:
    static AccountEngine::Options options(const QSslCertificate &ca)
    {
        AccountEngine::Options options = trusting(ca);
        options.watchInbox = false;
        options.firstRetry = std::chrono::milliseconds(60000);
        return options;
    }
};

// What one request produced, in the order it arrived on the test's thread.
struct Event {
    quint64 id = 0;
    SearchUpdatePtr update; // null for the answer
    bool ok = false;
    QString error;
    QVariant result;
};

// Records every search update and request answer of an engine.
class Recorder : public QObject
{
public:
    explicit Recorder(AccountEngine *engine)
    {
        connect(engine, &AccountEngine::searchUpdate, this, [this](quint64 id, const SearchUpdatePtr &update) {
            events.append({id, update, false, {}, {}});
        });
        connect(engine, &AccountEngine::requestFinished, this,
                [this](quint64 id, bool ok, const QString &error, const QVariant &result) {
                    events.append({id, nullptr, ok, error, result});
                });
    }
    [[nodiscard]] QList<Event> of(quint64 id) const
    {
        QList<Event> list;
        for (const Event &event : events) {
            if (event.id == id)
                list.append(event);
        }
        return list;
    }
    [[nodiscard]] bool finished(quint64 id) const
    {
        return std::any_of(events.cbegin(), events.cend(), [id](const Event &event) {
            return event.id == id && !event.update;
        });
    }
    [[nodiscard]] bool waitFor(quint64 id, int timeoutMs = 30000) const
    {
        return QTest::qWaitFor(
            [&] {
                return finished(id);
            },
            timeoutMs);
    }
    QList<Event> events;
};

QList<Uid> uidsOf(const SearchUpdatePtr &update)
{
    QList<Uid> uids;
    for (const store::MessageRecord &row : update->rows)
        uids.append(row.uid);
    return uids;
}

engine::SearchQuery parse(const QString &text)
{
    const ParseResult<engine::SearchQuery> parsed = engine::SearchQueryParser::parse(text, QDate::currentDate());
    return parsed ? parsed.value() : engine::SearchQuery();
}

QString describe(const QList<Event> &events)
{
    QStringList lines;
    for (const Event &event : events) {
        if (!event.update) {
            lines << u"finished ok=%1 %2"_s.arg(event.ok).arg(event.error);
            continue;
        }
        QStringList uids;
        for (Uid uid : uidsOf(event.update))
            uids << QString::number(uid);
        lines << u"%1 %2 [%3] left=%4 %5"_s
                     .arg(event.update->source == SearchUpdate::Source::Local ? u"local"_s : u"server"_s,
                          event.update->mailbox, uids.join(u',')) // keep the order of the rows
                     .arg(event.update->mailboxesLeft)
                     .arg(event.update->error);
    }
    return lines.join(u"; "_s);
}

} // namespace

class tst_AccountEngineSearch : public QObject
{
    Q_OBJECT

private:
    test::DovecotServer m_server;
    test::MemoryCredentialStore m_credentials;
    QTemporaryDir m_cache;
    std::unique_ptr<EngineThread> m_running;
    std::unique_ptr<Recorder> m_recorder;

    account::Account accountOn(quint16 port)
    {
        account::Account account;
        account.id = u"alice-search"_s;
        account.displayName = u"Alice"_s;
        account.imap = {test::DovecotServer::host(), port, account::Security::Tls};
        account.login = u"alice"_s;
        m_credentials.secrets.insert(
            account::CredentialStore::key(account.id, account::CredentialStore::Secret::Password), password);
        return account;
    }

    // Waits for a request that is not a search.
    bool request(quint64 id, QString *error)
    {
        if (!m_recorder->waitFor(id, 60000)) {
            *error = u"no answer"_s;
            return false;
        }
        const Event answer = m_recorder->of(id).constLast();
        *error = answer.error;
        return answer.ok;
    }

    AccountEngine *engine() { return m_running->engine; }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_cache.isValid());
        QVERIFY2(m_server.start({{u"alice"_s, password, u"alice"_s}}), qPrintable(m_server.errorString()));
        m_running = std::make_unique<EngineThread>(accountOn(m_server.imapsPort()), m_cache.path(), &m_credentials,
                                                   m_server.caCertificate());
        m_recorder = std::make_unique<Recorder>(engine());
        QString error;
        QVERIFY2(request(engine()->start(), &error), qPrintable(error));
        // The user opened INBOX: its rows are cached.
        QVERIFY2(request(engine()->openMailbox(u"INBOX"_s), &error), qPrintable(error));
    }

    void cleanupTestCase()
    {
        m_recorder.reset();
        m_running.reset();
    }

    void localThenServer_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QList<Uid>>("local");
        QTest::addColumn<QList<Uid>>("server");
        QTest::newRow("flagged") << u"is:flagged"_s << QList<Uid>{4} << QList<Uid>{4};
        QTest::newRow("unread") << u"is:unread"_s << QList<Uid>{2, 3, 4} << QList<Uid>{2, 3, 4};
        QTest::newRow("from-name") << u"from:bob"_s << QList<Uid>{1} << QList<Uid>{1};
        QTest::newRow("subject-iso2022jp") << u"subject:見積"_s << QList<Uid>{3} << QList<Uid>{3};
        QTest::newRow("phrase-in-subject") << u"\"Invoice 2026-11\""_s << QList<Uid>{4} << QList<Uid>{4};
        QTest::newRow("keyword") << u"keyword:$Newsletter"_s << QList<Uid>{5} << QList<Uid>{5};
        // Text the cache lacks proves nothing: "-subject:x" is Unknown for every row, so the
        // cache shows nothing and the server's answer is the first result.
        QTest::newRow("negated-text-unknown-locally")
            << u"is:unread -subject:見積"_s << QList<Uid>{} << QList<Uid>{2, 4};
        QTest::newRow("body-server-only") << u"body:nonexistent-word-zz"_s << QList<Uid>{} << QList<Uid>{};
        QTest::newRow("or-with-unknown-branch") << u"is:flagged OR body:welcome"_s << QList<Uid>{4} << QList<Uid>{4};
    }

    void localThenServer()
    {
        QFETCH(QString, query);
        QFETCH(QList<Uid>, local);
        QFETCH(QList<Uid>, server);
        const quint64 id = engine()->search(parse(query), {u"INBOX"_s});
        QVERIFY(m_recorder->waitFor(id));
        const QList<Event> events = m_recorder->of(id);
        QVERIFY2(events.size() == 3, qPrintable(describe(events)));
        // First the cache's answer, then the server's, which replaces it, then the answer.
        const SearchUpdatePtr first = events[0].update;
        QVERIFY(first);
        QCOMPARE(first->source, SearchUpdate::Source::Local);
        QCOMPARE(first->mailbox, u"INBOX"_s);
        QVERIFY(first->uidValidity != 0);
        QVERIFY(first->error.isEmpty());
        QCOMPARE(uidsOf(first), local);
        for (const store::MessageRecord &row : first->rows)
            QVERIFY2(!row.subject.isEmpty() && !row.fromAddress.isEmpty(), "a Local row comes with its envelope");
        const SearchUpdatePtr second = events[1].update;
        QVERIFY(second);
        QCOMPARE(second->source, SearchUpdate::Source::Server);
        QCOMPARE(second->mailbox, u"INBOX"_s);
        QCOMPARE(second->uidValidity, first->uidValidity);
        QVERIFY2(second->error.isEmpty(), qPrintable(second->error));
        QCOMPARE(second->mailboxesLeft, 0);
        QCOMPARE(uidsOf(second), server);
        QVERIFY(!events[2].update);
        QVERIFY2(events[2].ok, qPrintable(events[2].error));
        const auto summary = events[2].result.value<engine::SearchSummary>();
        QCOMPARE(summary.mailboxes, 1);
        QCOMPARE(summary.failed, 0);
        QCOMPARE(summary.matches, int(server.size()));
    }

    // A finished ServerSearch, deleted later, used to clear the session's mailbox receiver that
    // the next search had just set: the next search then lost its EXAMINE's UIDVALIDITY and
    // every FETCH, and answered with no rows.
    void searchesInARowEachFinish()
    {
        const quint64 flagged = engine()->search(parse(u"is:flagged"_s), {u"INBOX"_s});
        const quint64 bob = engine()->search(parse(u"from:bob"_s), {u"INBOX"_s});
        const quint64 tanaka = engine()->search(parse(u"in:all from:tanaka"_s), {});
        QVERIFY(m_recorder->waitFor(tanaka));
        QVERIFY(m_recorder->waitFor(flagged));
        QVERIFY(m_recorder->waitFor(bob));
        const auto serverUids = [this](quint64 id) {
            QStringList hits;
            for (const Event &event : m_recorder->of(id)) {
                if (event.update && event.update->source == SearchUpdate::Source::Server) {
                    for (Uid uid : uidsOf(event.update))
                        hits << u"%1/%2"_s.arg(event.update->mailbox).arg(uid);
                }
            }
            hits.sort();
            return hits;
        };
        QCOMPARE(serverUids(flagged), QStringList{u"INBOX/4"_s});
        QCOMPARE(serverUids(bob), QStringList{u"INBOX/1"_s});
        QCOMPARE(serverUids(tanaka), (QStringList{u"Archive/2025/2"_s, u"INBOX/2"_s, u"プロジェクト/1"_s}));
        for (quint64 id : {flagged, bob, tanaka})
            QVERIFY2(m_recorder->of(id).constLast().ok, qPrintable(describe(m_recorder->of(id))));
        // One after another, in the order asked.
        const auto answerAt = [this](quint64 id) {
            for (qsizetype i = 0; i < m_recorder->events.size(); ++i) {
                if (m_recorder->events[i].id == id && !m_recorder->events[i].update)
                    return i;
            }
            return qsizetype(-1);
        };
        QVERIFY(answerAt(flagged) < answerAt(bob));
        QVERIFY(answerAt(bob) < answerAt(tanaka));
    }

    void cancelStopsARunningSearchAndDropsAQueuedOne()
    {
        // The search connection is open already (the tests above used it), so the first
        // mailbox's commands are on the wire when the cancel arrives. The engine's thread is
        // held while the four calls are made, so that they reach it together however busy the
        // machine is (else it could have the first mailbox answered before the cancel came).
        QSemaphore held;
        QMetaObject::invokeMethod(
            engine(),
            [&held] {
                held.acquire();
            },
            Qt::QueuedConnection);
        const quint64 running = engine()->search(parse(u"in:all from:bob"_s), {});
        const quint64 queued = engine()->search(parse(u"in:all is:read"_s), {});
        engine()->cancelSearch(running);
        engine()->cancelSearch(queued);
        held.release();
        QVERIFY(m_recorder->waitFor(running));
        QVERIFY(m_recorder->waitFor(queued));

        QList<Event> events = m_recorder->of(running);
        int locals = 0;
        int servers = 0;
        for (const Event &event : std::as_const(events)) {
            if (event.update && event.update->source == SearchUpdate::Source::Local)
                ++locals;
            else if (event.update)
                ++servers;
        }
        // Every mailbox got its Local update at once; the server searched at most the one that
        // was on the wire.
        QVERIFY2(locals > 2, qPrintable(describe(events)));
        QVERIFY2(servers <= 1, qPrintable(describe(events)));

        // The queued one never reached the server.
        const QList<Event> dropped = m_recorder->of(queued);
        QVERIFY(!dropped.constLast().ok);
        for (const Event &event : dropped)
            QVERIFY2(!event.update || event.update->source == SearchUpdate::Source::Local,
                     qPrintable(describe(dropped)));

        // Nothing more comes for either, and the next search works.
        const quint64 after = engine()->search(parse(u"is:flagged"_s), {u"INBOX"_s});
        QVERIFY(m_recorder->waitFor(after));
        QVERIFY(m_recorder->of(after).constLast().ok);
        QCOMPARE(m_recorder->of(running).size(), events.size());
        QCOMPARE(m_recorder->of(queued).size(), dropped.size());
    }

    // Last: it stops the engine of the tests above to hand its cache to an offline one.
    void offlineSearchGivesCachedRowsAndAnError()
    {
        m_recorder.reset();
        m_running.reset();
        // A port nothing listens on.
        quint16 deadPort = 0;
        {
            QTcpServer probe;
            QVERIFY(probe.listen(QHostAddress::LocalHost));
            deadPort = probe.serverPort();
        }
        m_running = std::make_unique<EngineThread>(accountOn(deadPort), m_cache.path(), &m_credentials,
                                                   m_server.caCertificate());
        m_recorder = std::make_unique<Recorder>(engine());
        const quint64 start = engine()->start();
        QVERIFY(m_recorder->waitFor(start));
        QVERIFY(!m_recorder->of(start).constLast().ok); // the folder list cannot be synced

        const quint64 id = engine()->search(parse(u"is:unread"_s), {u"INBOX"_s});
        QVERIFY2(m_recorder->waitFor(id, 30000), qPrintable(describe(m_recorder->of(id))));
        const QList<Event> events = m_recorder->of(id);
        QVERIFY2(events.size() == 3, qPrintable(describe(events)));
        QCOMPARE(events[0].update->source, SearchUpdate::Source::Local);
        QCOMPARE(uidsOf(events[0].update), (QList<Uid>{2, 3, 4}));
        QVERIFY(events[0].update->error.isEmpty());
        QCOMPARE(events[1].update->mailbox, u"INBOX"_s);
        QVERIFY(!events[1].update->error.isEmpty());
        QVERIFY(!events[2].update);
        QVERIFY(!events[2].ok);
        QVERIFY(!events[2].error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_AccountEngineSearch)
#include "tst_AccountEngineSearch.moc"
