// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/DragPayload.h"
#include "models/SearchResultsModel.h"

#include <QAbstractItemModelTester>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <memory>

using namespace fumi;
using namespace fumi::models;
using namespace Qt::StringLiterals;

namespace {

const QString work = u"work"_s;
const QString home = u"home"_s;
const QString inbox = u"INBOX"_s;
const QString archive = u"Archive"_s;
constexpr qint64 workInbox = 7;
constexpr qint64 homeInbox = 3;

QDateTime at(int minutes)
{
    return QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::UTC).addSecs(qint64(minutes) * 60);
}

// Message `uid` dated `minutes` after the start of 2026: a later message sorts first by date.
store::MessageRecord message(Uid uid, int minutes, const QString &subject = {})
{
    store::MessageRecord m;
    m.uid = uid;
    m.date = at(minutes);
    m.internalDate = m.date;
    m.subject = subject.isEmpty() ? u"Subject %1"_s.arg(uid) : subject;
    m.fromName = u"Sender %1"_s.arg(uid);
    m.fromAddress = u"sender%1@example.org"_s.arg(uid);
    m.size = 1000 + uid;
    m.flags.set(Flags::System::Seen);
    return m;
}

// Rows dated by their UID, so that date order is UID order.
QList<store::MessageRecord> messages(const QList<Uid> &uids)
{
    QList<store::MessageRecord> rows;
    for (Uid uid : uids)
        rows << message(uid, int(uid));
    return rows;
}

engine::SearchUpdatePtr update(engine::SearchUpdate::Source source, const QString &mailbox,
                               const QList<store::MessageRecord> &rows, int left = 0, const QString &error = {})
{
    auto u = std::make_shared<engine::SearchUpdate>();
    u->source = source;
    u->mailbox = mailbox;
    u->uidValidity = 1;
    u->rows = rows;
    u->mailboxesLeft = left;
    u->error = error;
    return u;
}

engine::SearchUpdatePtr local(const QString &mailbox, const QList<store::MessageRecord> &rows, int left = 1)
{
    return update(engine::SearchUpdate::Source::Local, mailbox, rows, left);
}

engine::SearchUpdatePtr server(const QString &mailbox, const QList<store::MessageRecord> &rows, int left = 0)
{
    return update(engine::SearchUpdate::Source::Server, mailbox, rows, left);
}

QList<Uid> shownUids(const QAbstractItemModel &model)
{
    QList<Uid> uids;
    for (int row = 0; row < model.rowCount(); ++row)
        uids << model.index(row, 0).data(MessageListModel::UidRole).value<Uid>();
    return uids;
}

QStringList shownAccounts(const QAbstractItemModel &model)
{
    QStringList accounts;
    for (int row = 0; row < model.rowCount(); ++row)
        accounts << model.index(row, 0).data(MessageListModel::AccountRole).toString();
    return accounts;
}

qint64 knownMailboxes(const QString &account, const QString &path)
{
    if (path != inbox)
        return 0;
    return account == work ? workInbox : (account == home ? homeInbox : 0);
}

} // namespace

class tst_SearchResultsModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Local rows show at once; the mailbox's server answer replaces them: rows in both stay
    // where they are, rows only the cache had leave in one removal per contiguous run, rows
    // only the server found come in. No row is ever shown twice.
    void serverAnswerReplacesLocalRows_data()
    {
        QTest::addColumn<QList<Uid>>("localRows");
        QTest::addColumn<QList<Uid>>("serverRows");
        QTest::addColumn<QList<Uid>>("expected"); // newest first
        QTest::addColumn<int>("removals");
        QTest::addColumn<int>("insertions");
        QTest::newRow("same-rows") << QList<Uid>{1, 2, 3} << QList<Uid>{1, 2, 3} << QList<Uid>{3, 2, 1} << 0 << 0;
        QTest::newRow("server-adds-rows") << QList<Uid>{2} << QList<Uid>{1, 2, 3} << QList<Uid>{3, 2, 1} << 0 << 2;
        QTest::newRow("local-only-rows-leave-in-one-run")
            << QList<Uid>{1, 2, 3, 4, 5} << QList<Uid>{1, 5} << QList<Uid>{5, 1} << 1 << 0;
        QTest::newRow("local-only-rows-in-two-runs")
            << QList<Uid>{1, 2, 3, 4, 5, 6} << QList<Uid>{3, 4} << QList<Uid>{4, 3} << 2 << 0;
        QTest::newRow("server-finds-nothing") << QList<Uid>{1, 2} << QList<Uid>{} << QList<Uid>{} << 1 << 0;
        QTest::newRow("nothing-local") << QList<Uid>{} << QList<Uid>{4, 8} << QList<Uid>{8, 4} << 0 << 1;
    }

    void serverAnswerReplacesLocalRows()
    {
        QFETCH(QList<Uid>, localRows);
        QFETCH(QList<Uid>, serverRows);
        QFETCH(QList<Uid>, expected);
        QFETCH(int, removals);
        QFETCH(int, insertions);

        SearchResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.follow({{work, 1}});
        model.applySearchUpdate(work, 1, local(inbox, messages(localRows)));
        QCOMPARE(model.rowCount(), int(localRows.size()));
        QCOMPARE(model.statuses().value(0).state, SearchResultsModel::State::Searching);

        // A row in both answers keeps its index: a view keeps it current.
        QPersistentModelIndex kept;
        for (int row = 0; row < model.rowCount(); ++row) {
            if (serverRows.contains(model.index(row, 0).data(MessageListModel::UidRole).value<Uid>()))
                kept = model.index(row, 0);
        }
        const Uid keptUid = kept.isValid() ? kept.data(MessageListModel::UidRole).value<Uid>() : 0;

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        model.applySearchUpdate(work, 1, server(inbox, messages(serverRows)));
        QCOMPARE(shownUids(model), expected);
        QCOMPARE(removed.size(), removals);
        QCOMPARE(inserted.size(), insertions);
        QCOMPARE(reset.size(), 0);
        if (keptUid != 0) {
            QVERIFY(kept.isValid());
            QCOMPARE(kept.data(MessageListModel::UidRole).value<Uid>(), keptUid);
        }

        model.applyFinished(work, 1, true, {}, {});
        QCOMPARE(model.statuses().value(0).state, SearchResultsModel::State::Done);
        QCOMPARE(model.statuses().value(0).matches, int(expected.size()));
        QVERIFY(model.statusText().contains(expected.size() == 1 ? u"Done: 1 message"_s
                                                                 : u"Done: %1 messages"_s.arg(expected.size())));
    }

    // A long search answers a large mailbox in parts of its UIDs, newest first: each part's
    // answer replaces the rows within its UIDs only, and the ones before stay.
    void serverAnswerInPartsReplacesOnlyItsUids()
    {
        SearchResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.follow({{work, 1}});
        // The cache proved 5, 15 and 25 (subject words) while the server read the text.
        model.applySearchUpdate(work, 1, local(inbox, messages({5, 15, 25})));
        const auto part = [](const QList<Uid> &rows, Uid first, Uid last, int left) {
            auto u = std::const_pointer_cast<engine::SearchUpdate>(server(inbox, messages(rows), left));
            u->within = UidSet::fromRange(first, last);
            return engine::SearchUpdatePtr(u);
        };
        model.applySearchUpdate(work, 1, part({21, 25}, 21, maxUid, 1));
        QCOMPARE(shownUids(model), (QList<Uid>{25, 21, 15, 5}));
        QCOMPARE(model.statuses().value(0).mailboxesLeft, 1);
        // 15 is not among the server's matches of 11:20: it goes, and only it.
        model.applySearchUpdate(work, 1, part({12}, 11, 20, 1));
        QCOMPARE(shownUids(model), (QList<Uid>{25, 21, 12, 5}));
        model.applySearchUpdate(work, 1, part({5, 7}, 1, 10, 0));
        QCOMPARE(shownUids(model), (QList<Uid>{25, 21, 12, 7, 5}));
        model.applyFinished(work, 1, true, {}, {});
        QCOMPARE(model.statuses().value(0).matches, 5);

        // A mailbox that fails fails in every part: it says so once, and keeps the rows shown.
        model.follow({{work, 2}});
        model.applySearchUpdate(work, 2, local(inbox, messages({5, 15})));
        for (Uid first : {11u, 1u}) {
            auto failed = std::const_pointer_cast<engine::SearchUpdate>(
                update(engine::SearchUpdate::Source::Server, inbox, {}, first == 1 ? 0 : 1, u"Connection lost"_s));
            failed->within = UidSet::fromRange(first, first == 1 ? 10 : maxUid);
            model.applySearchUpdate(work, 2, failed);
        }
        QCOMPARE(model.statuses().value(0).error, u"INBOX: Connection lost"_s);
        QCOMPARE(shownUids(model), (QList<Uid>{15, 5}));
    }

    // The server's row of a message the cache had replaces it in place: the newer flags show.
    void serverRowUpdatesLocalRowInPlace()
    {
        SearchResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.follow({{work, 1}});
        model.applySearchUpdate(work, 1, local(inbox, messages({1, 2})));
        store::MessageRecord two = message(2, 2);
        two.flags.set(Flags::System::Flagged);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.applySearchUpdate(work, 1, server(inbox, {message(1, 1), two}));
        QCOMPARE(shownUids(model), (QList<Uid>{2, 1}));
        QVERIFY(model.index(0, 0).data(MessageListModel::FlaggedRole).toBool());
        QCOMPARE(changed.size(), 1);
    }

    // Every account's results in one list, by date, each row naming its account and mailbox
    // (the reader, the flag actions and drags need them).
    void accountsMergeByDate()
    {
        SearchResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setMailboxIdResolver(knownMailboxes);
        model.follow({{work, 4}, {home, 9}});
        model.applySearchUpdate(work, 4, local(inbox, {message(1, 10), message(2, 30)}));
        model.applySearchUpdate(home, 9, local(inbox, {message(1, 20), message(2, 40)}));
        model.applySearchUpdate(home, 9, server(archive, {message(5, 25)}, 1));
        QCOMPARE(shownAccounts(model), (QStringList{home, work, home, home, work}));
        QCOMPARE(shownUids(model), (QList<Uid>{2, 2, 5, 1, 1}));
        QCOMPARE(model.index(0, 0).data(MessageListModel::MailboxIdRole).toLongLong(), homeInbox);
        QCOMPARE(model.index(1, 0).data(MessageListModel::MailboxIdRole).toLongLong(), workInbox);
        QCOMPARE(model.index(2, 0).data(MessageListModel::MailboxRole).toString(), archive);
        // A mailbox the resolver does not know gets an id no delta carries, never another's.
        const qint64 archiveId = model.index(2, 0).data(MessageListModel::MailboxIdRole).toLongLong();
        QVERIFY(archiveId < 0);

        // A drag of results from two accounts names each row's own account and mailbox.
        const std::unique_ptr<QMimeData> data(
            model.mimeData({model.index(0, 0), model.index(1, 0), model.index(2, 0)}));
        QVERIFY(data);
        const auto drag = MessageDrag::decode(data->data(MessageDrag::mimeType()));
        QVERIFY(drag);
        QCOMPARE(drag->groups.size(), 3);
        QStringList groups;
        for (const MessageDrag::Group &group : drag->groups)
            groups << u"%1/%2/%3"_s.arg(group.account, group.path, QString::fromLatin1(group.uids.toImapSequenceSet()));
        groups.sort();
        QCOMPARE(groups, (QStringList{u"home/Archive/5"_s, u"home/INBOX/2"_s, u"work/INBOX/2"_s}));

        QVERIFY(model.statusText().contains(u"Searching 1 folder…"_s));
        QVERIFY(model.isSearching());
    }

    // One account's failure shows as its state and hides nothing of the other's results.
    void oneAccountsErrorKeepsOthersResults_data()
    {
        QTest::addColumn<bool>("viaUpdate");
        QTest::newRow("request-failed") << false;
        QTest::newRow("mailbox-failed") << true;
    }

    void oneAccountsErrorKeepsOthersResults()
    {
        QFETCH(bool, viaUpdate);
        SearchResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.follow({{work, 1}, {home, 2}});
        model.applySearchUpdate(home, 2, server(inbox, messages({1, 2, 3})));
        model.applyFinished(home, 2, true, {}, {});
        if (viaUpdate) {
            model.applySearchUpdate(work, 1,
                                    update(engine::SearchUpdate::Source::Server, inbox, {}, 0, u"Connection lost"_s));
            model.applyFinished(work, 1, false, u"Nothing could be searched"_s, {});
        } else {
            model.applyFinished(work, 1, false, u"Connection lost"_s, {});
        }
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(shownAccounts(model), (QStringList{home, home, home}));
        const QList<SearchResultsModel::AccountStatus> statuses = model.statuses();
        QCOMPARE(statuses.size(), 2);
        QCOMPARE(statuses[0].account, work);
        QCOMPARE(statuses[0].state, SearchResultsModel::State::Failed);
        QVERIFY(!statuses[0].error.isEmpty());
        QCOMPARE(statuses[1].state, SearchResultsModel::State::Done);
        QCOMPARE(statuses[1].matches, 3);
        QVERIFY(model.statusText().contains(u"home: Done: 3 messages"_s));
        QVERIFY(model.statusText().contains(u"work: Failed: "_s));
        QVERIFY(!model.isSearching());
    }

    // A new search stops following the old one: whatever still arrives with an old id is
    // dropped, rows and answers alike.
    void lateUpdateOfOldSearchIsDropped()
    {
        SearchResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.follow({{work, 1}, {home, 2}});
        model.applySearchUpdate(work, 1, local(inbox, messages({1, 2})));
        QCOMPARE(model.rowCount(), 2);

        model.follow({{work, 3}, {home, 4}});
        QCOMPARE(model.rowCount(), 0);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        model.applySearchUpdate(work, 1, server(inbox, messages({1, 2, 3})));
        model.applySearchUpdate(home, 2, local(inbox, messages({7})));
        model.applyFinished(work, 1, true, {}, {});
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(model.statuses().value(0).state, SearchResultsModel::State::Searching);

        model.applySearchUpdate(work, 3, local(inbox, messages({9})));
        QCOMPARE(shownUids(model), (QList<Uid>{9}));
        // Another account's id is not this account's.
        model.applySearchUpdate(work, 4, local(inbox, messages({10})));
        QCOMPARE(shownUids(model), (QList<Uid>{9}));

        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QVERIFY(!model.isActive());
        model.applySearchUpdate(work, 3, local(inbox, messages({11})));
        QCOMPARE(model.rowCount(), 0);
    }

    // A result's mailbox keeps changing: its flag changes show, its expunged messages leave,
    // and its new messages, which are no results, stay out.
    void mailboxDeltasApplyToResults_data()
    {
        QTest::addColumn<bool>("threaded");
        QTest::newRow("flat") << false;
        QTest::newRow("threaded") << true;
    }

    void mailboxDeltasApplyToResults()
    {
        QFETCH(bool, threaded);
        SearchResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setThreaded(threaded);
        model.setMailboxIdResolver(knownMailboxes);
        model.follow({{work, 1}, {home, 2}});
        model.applySearchUpdate(work, 1, server(inbox, messages({1, 2, 3})));
        model.applySearchUpdate(home, 2, server(inbox, messages({2})));
        model.applyFinished(work, 1, true, {}, {});

        auto flags = std::make_shared<engine::MailboxDelta>();
        flags->mailboxId = workInbox;
        Flags flagged;
        flagged.set(Flags::System::Flagged);
        flags->flags = {{2, flagged, 0}};
        flags->inserted = {message(4, 4)}; // new mail in the mailbox: no result
        model.applyDelta(work, flags);
        QCOMPARE(model.messageCount(), 4);
        const QModelIndex two = model.indexOf(work, workInbox, 2);
        QVERIFY(two.isValid());
        QVERIFY(two.data(MessageListModel::FlaggedRole).toBool());
        QVERIFY(two.data(MessageListModel::UnreadRole).toBool());
        QVERIFY(!model.indexOf(home, homeInbox, 2).data(MessageListModel::FlaggedRole).toBool());
        QVERIFY(!model.indexOf(work, workInbox, 4).isValid());

        auto expunge = std::make_shared<engine::MailboxDelta>();
        expunge->mailboxId = workInbox;
        expunge->removed = UidSet::fromRange(1, 2);
        model.applyDelta(work, expunge);
        QCOMPARE(model.messageCount(), 2);
        QVERIFY(!model.indexOf(work, workInbox, 1).isValid());
        QVERIFY(!model.indexOf(work, workInbox, 2).isValid());
        QVERIFY(model.indexOf(work, workInbox, 3).isValid());
        QVERIFY(model.indexOf(home, homeInbox, 2).isValid());
        QCOMPARE(model.statuses().value(0).matches, 1);
        QVERIFY(model.statusText().contains(u"work: Done: 1 message"_s));
    }

    // Results sort by any column, across accounts, like a folder's list.
    void sortsByAnyColumn_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        QTest::addColumn<QStringList>("expected"); // subjects
        const QStringList byDate{u"Delta"_s, u"alpha"_s, u"Charlie"_s, u"bravo"_s};
        QTest::newRow("date-newest-first") << int(MessageListModel::DateColumn) << int(Qt::DescendingOrder) << byDate;
        QTest::newRow("date-oldest-first") << int(MessageListModel::DateColumn) << int(Qt::AscendingOrder)
                                           << QStringList{u"bravo"_s, u"Charlie"_s, u"alpha"_s, u"Delta"_s};
        QTest::newRow("subject-a-to-z") << int(MessageListModel::SubjectColumn) << int(Qt::AscendingOrder)
                                        << QStringList{u"alpha"_s, u"bravo"_s, u"Charlie"_s, u"Delta"_s};
        QTest::newRow("size-largest-first") << int(MessageListModel::SizeColumn) << int(Qt::DescendingOrder)
                                            << QStringList{u"Delta"_s, u"Charlie"_s, u"alpha"_s, u"bravo"_s};
    }

    void sortsByAnyColumn()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        QFETCH(QStringList, expected);
        SearchResultsModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.follow({{work, 1}, {home, 2}});
        store::MessageRecord bravo = message(1, 1, u"bravo"_s);
        store::MessageRecord charlie = message(2, 2, u"Charlie"_s);
        store::MessageRecord alpha = message(3, 3, u"alpha"_s);
        store::MessageRecord delta = message(4, 4, u"Delta"_s);
        bravo.size = 10;
        alpha.size = 20;
        charlie.size = 30;
        delta.size = 40;
        model.applySearchUpdate(work, 1, server(inbox, {bravo, alpha}));
        model.sort(column, Qt::SortOrder(order));
        model.applySearchUpdate(home, 2, server(inbox, {charlie, delta}));
        QStringList subjects;
        for (int row = 0; row < model.rowCount(); ++row)
            subjects << model.index(row, MessageListModel::SubjectColumn).data().toString();
        QCOMPARE(subjects, expected);
    }
};

QTEST_MAIN(tst_SearchResultsModel)
#include "tst_SearchResultsModel.moc"
