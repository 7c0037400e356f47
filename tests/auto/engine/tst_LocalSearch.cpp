// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The cache half of a search on a real store: it reads in slices (more rows than one slice
// holds), reports each mailbox once with exactly the rows it proves in UID order, stops a
// mailbox that take() claims, hands over rows only while the store has not changed them, and
// reports at once, empty, a query the cache can never prove.

#include "engine/LocalSearch.h"
#include "store/AccountStore.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <memory>

using namespace Qt::StringLiterals;
using namespace fumi;
using engine::LocalSearch;
using engine::SearchUpdatePtr;

class tst_LocalSearch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void provesExactlyTheMatchesInSlices();
    void takenMailboxIsNotReported();
    void rowsAreHandedOverOnlyUnchanged();
    void unprovableQueryReportsAtOnce();
    void refinedHasAttachmentIsProvedFromStoredStructures();
    void indexedRowsAreReadInOneSlice_data();
    void indexedRowsAreReadInOneSlice();

private:
    // A mailbox of `count` rows; every seventh has "Invoice" in its subject.
    qint64 addMailbox(const QString &path, Uid count);
    [[nodiscard]] std::unique_ptr<LocalSearch> search(const QString &query, const QList<qint64> &mailboxes,
                                                      bool refinedAttachments = false);
    [[nodiscard]] static UidSet invoices(Uid count);

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::AccountStore> m_store;
};

void tst_LocalSearch::initTestCase()
{
    qRegisterMetaType<SearchUpdatePtr>();
}

void tst_LocalSearch::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    auto opened = store::AccountStore::open(m_dir->path());
    QVERIFY(opened);
    m_store = std::move(opened).value();
}

void tst_LocalSearch::cleanup()
{
    m_store.reset();
    m_dir.reset();
}

qint64 tst_LocalSearch::addMailbox(const QString &path, Uid count)
{
    store::MailboxRecord record;
    record.path = path;
    const store::Result<qint64> added = m_store->addMailbox(record);
    if (!added)
        return 0;
    store::MailboxChanges changes;
    for (Uid uid = 1; uid <= count; ++uid) {
        store::MessageRecord row;
        row.uid = uid;
        row.subject = uid % 7 == 0 ? u"Invoice %1"_s.arg(uid) : u"Note %1"_s.arg(uid);
        row.fromAddress = u"bob@example.org"_s;
        changes.added.push_back(row);
    }
    changes.sync = store::MailboxSyncState{5, count + 1, 0};
    return m_store->applyChanges(added.value(), changes) ? added.value() : 0;
}

UidSet tst_LocalSearch::invoices(Uid count)
{
    UidSet uids;
    for (Uid uid = 7; uid <= count; uid += 7)
        uids.insert(uid);
    return uids;
}

std::unique_ptr<LocalSearch> tst_LocalSearch::search(const QString &query, const QList<qint64> &mailboxes,
                                                     bool refinedAttachments)
{
    QList<store::MailboxRecord> records;
    for (qint64 id : mailboxes)
        records.append(*m_store->mailbox(id));
    const auto parsed = engine::SearchQueryParser::parse(query, QDate(2026, 3, 15));
    if (!parsed)
        return nullptr;
    return std::make_unique<LocalSearch>(
        *m_store, parsed.value().root, records,
        [] {
            return 4;
        },
        refinedAttachments);
}

void tst_LocalSearch::provesExactlyTheMatchesInSlices()
{
    constexpr Uid count = 2 * LocalSearch::sliceRows + 500;
    const qint64 inbox = addMailbox(u"INBOX"_s, count);
    const qint64 archive = addMailbox(u"Archive"_s, 20);
    QVERIFY(inbox && archive);
    std::unique_ptr<LocalSearch> local = search(u"subject:invoice"_s, {inbox, archive});
    QVERIFY(local);
    QSignalSpy updates(local.get(), &LocalSearch::update);
    local->start();
    QCOMPARE(updates.size(), 0); // INBOX takes more than the first slice
    QTRY_COMPARE(updates.size(), 2);
    QTest::qWait(50);
    QCOMPARE(updates.size(), 2); // once per mailbox

    const auto first = updates.at(0).at(0).value<SearchUpdatePtr>();
    QCOMPARE(first->source, engine::SearchUpdate::Source::Local);
    QCOMPARE(first->mailbox, u"INBOX"_s);
    QCOMPARE(first->uidValidity, 5u);
    QCOMPARE(first->mailboxesLeft, 4);
    UidSet proved;
    Uid previous = 0;
    for (const store::MessageRecord &row : first->rows) {
        QVERIFY(row.uid > previous);
        previous = row.uid;
        QCOMPARE(row.subject, u"Invoice %1"_s.arg(row.uid)); // whole rows
        QCOMPARE(row.fromAddress, u"bob@example.org"_s);
        proved.insert(row.uid);
    }
    QCOMPARE(proved, invoices(count));
    const auto second = updates.at(1).at(0).value<SearchUpdatePtr>();
    QCOMPARE(second->mailbox, u"Archive"_s);
    QCOMPARE(second->rows.size(), 2);
}

void tst_LocalSearch::takenMailboxIsNotReported()
{
    const qint64 inbox = addMailbox(u"INBOX"_s, 3 * LocalSearch::sliceRows);
    const qint64 archive = addMailbox(u"Archive"_s, 20);
    QVERIFY(inbox && archive);
    std::unique_ptr<LocalSearch> local = search(u"subject:invoice"_s, {inbox, archive});
    QSignalSpy updates(local.get(), &LocalSearch::update);
    local->start();
    QCOMPARE(updates.size(), 0);
    // The server answered for INBOX after the first slice: INBOX is not read further or
    // reported, and what the slice proved is handed over.
    QCOMPARE(local->take(inbox).rows.size(), std::size_t(invoices(LocalSearch::sliceRows).count()));
    QTRY_COMPARE(updates.size(), 1);
    QTest::qWait(50);
    QCOMPARE(updates.size(), 1);
    QCOMPARE(updates.at(0).at(0).value<SearchUpdatePtr>()->mailbox, u"Archive"_s);
    QVERIFY(local->take(inbox).rows.empty()); // handed over once
}

void tst_LocalSearch::rowsAreHandedOverOnlyUnchanged()
{
    const qint64 inbox = addMailbox(u"INBOX"_s, 100);
    QVERIFY(inbox);
    std::unique_ptr<LocalSearch> unchanged = search(u"subject:invoice"_s, {inbox});
    QSignalSpy reported(unchanged.get(), &LocalSearch::update);
    unchanged->start();
    QTRY_COMPARE(reported.size(), 1);
    const std::vector<store::MessageRecord> rows = unchanged->take(inbox).rows;
    QCOMPARE(rows.size(), std::size_t(invoices(100).count()));

    std::unique_ptr<LocalSearch> changed = search(u"subject:invoice"_s, {inbox});
    QSignalSpy reportedAgain(changed.get(), &LocalSearch::update);
    changed->start();
    QTRY_COMPARE(reportedAgain.size(), 1);
    store::MailboxChanges flagged;
    flagged.flags.push_back(store::FlagUpdate{7, Flags::fromImapList("(\\Flagged)").value(), 0});
    flagged.sync = m_store->mailbox(inbox)->sync;
    QVERIFY(m_store->applyChanges(inbox, flagged));
    QVERIFY(changed->take(inbox).rows.empty()); // read before the change: not handed over
}

void tst_LocalSearch::unprovableQueryReportsAtOnce()
{
    const qint64 inbox = addMailbox(u"INBOX"_s, 10);
    QVERIFY(inbox);
    std::unique_ptr<LocalSearch> local = search(u"body:invoice"_s, {inbox});
    QSignalSpy updates(local.get(), &LocalSearch::update);
    local->start();
    QCOMPARE(updates.size(), 1);
    QVERIFY(updates.at(0).at(0).value<SearchUpdatePtr>()->rows.isEmpty());
}

void tst_LocalSearch::refinedHasAttachmentIsProvedFromStoredStructures()
{
    const qint64 inbox = addMailbox(u"INBOX"_s, 30);
    QVERIFY(inbox);
    // Invoices 7, 14, 21 and 28: the first and third with attachments, the second without, the
    // fourth with no structure stored.
    QVERIFY(m_store->setBodyStructure(inbox, 7, "(a)"_ba, true));
    QVERIFY(m_store->setBodyStructure(inbox, 14, "(b)"_ba, false));
    QVERIFY(m_store->setBodyStructure(inbox, 21, "(c)"_ba, true));
    QVERIFY(m_store->setBodyStructure(inbox, 3, "(d)"_ba, true)); // not an invoice

    std::unique_ptr<LocalSearch> refined = search(u"has:attachment subject:invoice"_s, {inbox}, true);
    QSignalSpy updates(refined.get(), &LocalSearch::update);
    refined->start();
    QCOMPARE(updates.size(), 1);
    UidSet proved;
    for (const store::MessageRecord &row : updates.at(0).at(0).value<SearchUpdatePtr>()->rows)
        proved.insert(row.uid);
    UidSet expected;
    expected.insert(7);
    expected.insert(21);
    QCOMPARE(proved, expected);
    // What the structures said goes to the refinement with the rows, for every row scanned:
    // through the index of the structures with attachments, only those.
    const LocalSearch::Found found = refined->take(inbox);
    QCOMPARE(found.rows.size(), 2u);
    UidSet with = expected;
    with.insert(3);
    QCOMPARE(found.withAttachments, with);
    QVERIFY(found.withoutAttachments.isEmpty());

    // Where the server's answer is not refined (Gmail), the cache proves nothing of it.
    std::unique_ptr<LocalSearch> unrefined = search(u"has:attachment subject:invoice"_s, {inbox}, false);
    QSignalSpy unrefinedUpdates(unrefined.get(), &LocalSearch::update);
    unrefined->start();
    QCOMPARE(unrefinedUpdates.size(), 1);
    QVERIFY(unrefinedUpdates.at(0).at(0).value<SearchUpdatePtr>()->rows.isEmpty());
    // Under OR the superset stands, so stored answers decide nothing there either.
    std::unique_ptr<LocalSearch> either = search(u"has:attachment OR subject:nothing-like-it"_s, {inbox}, true);
    QSignalSpy eitherUpdates(either.get(), &LocalSearch::update);
    either->start();
    QTRY_COMPARE(eitherUpdates.size(), 1);
    QVERIFY(eitherUpdates.at(0).at(0).value<SearchUpdatePtr>()->rows.isEmpty());
}

void tst_LocalSearch::indexedRowsAreReadInOneSlice_data()
{
    QTest::addColumn<QString>("query");
    QTest::newRow("flagged") << u"is:flagged"_s;
    QTest::newRow("attachment") << u"has:attachment"_s;
}

void tst_LocalSearch::indexedRowsAreReadInOneSlice()
{
    QFETCH(QString, query);
    constexpr Uid count = 3 * LocalSearch::sliceRows;
    const qint64 inbox = addMailbox(u"INBOX"_s, count);
    QVERIFY(inbox);
    // Some rows flagged and with attachments; every other row's structure has none.
    store::MailboxChanges flagged;
    UidSet expected;
    for (Uid uid = 100; uid <= count; uid += 1000) {
        flagged.flags.push_back(store::FlagUpdate{uid, Flags::fromImapList("(\\Flagged)").value(), 0});
        expected.insert(uid);
    }
    flagged.sync = m_store->mailbox(inbox)->sync;
    QVERIFY(m_store->applyChanges(inbox, flagged));
    QVERIFY(m_store->transaction([&]() -> store::Result<> {
        for (Uid uid = 1; uid <= count; ++uid) {
            if (auto stored = m_store->setBodyStructure(inbox, uid, "(s)"_ba, expected.contains(uid)); !stored)
                return stored;
        }
        return {};
    }));

    // Only the rows the index holds count against a slice, so one slice (the one start()
    // reads) holds them all, where a pass over every row would take three.
    std::unique_ptr<LocalSearch> local = search(query, {inbox}, true);
    QSignalSpy updates(local.get(), &LocalSearch::update);
    local->start();
    QCOMPARE(updates.size(), 1);
    UidSet proved;
    for (const store::MessageRecord &row : updates.at(0).at(0).value<SearchUpdatePtr>()->rows)
        proved.insert(row.uid);
    QCOMPARE(proved, expected);
}

QTEST_GUILESS_MAIN(tst_LocalSearch)
#include "tst_LocalSearch.moc"
