// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ThreadTree.h"
#include "imap/ResponseParser.h"
#include "models/DragPayload.h"
#include "models/MessageListModel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QMimeData>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTest>
#include <QTimeZone>

#include <map>

using namespace fumi;
using namespace fumi::models;
using namespace Qt::StringLiterals;

namespace {

const QString accountA = u"account-a"_s;
const QString accountB = u"account-b"_s;
constexpr qint64 inboxA = 7;
constexpr qint64 inboxB = 3;

QDateTime at(int minutes)
{
    return QDateTime(QDate(2026, 1, 1), QTime(0, 0), QTimeZone::UTC).addSecs(qint64(minutes) * 60);
}

store::MessageRecord message(Uid uid, int minutes)
{
    store::MessageRecord m;
    m.uid = uid;
    m.date = at(minutes);
    m.internalDate = m.date;
    m.subject = u"Subject %1"_s.arg(uid);
    m.fromName = u"Sender %1"_s.arg(uid);
    m.fromAddress = u"sender%1@example.org"_s.arg(uid);
    m.size = 1000 + uid;
    m.flags.set(Flags::System::Seen);
    m.messageId = "<m" + QByteArray::number(uid) + "@example.org>";
    return m;
}

engine::MailboxDeltaPtr delta(qint64 mailbox, std::vector<store::MessageRecord> inserted, const UidSet &removed = {},
                              std::vector<store::FlagUpdate> flags = {}, bool reset = false)
{
    auto d = std::make_shared<engine::MailboxDelta>();
    d->mailboxId = mailbox;
    d->reset = reset;
    std::sort(inserted.begin(), inserted.end(), [](const auto &a, const auto &b) {
        return a.uid < b.uid;
    });
    d->inserted = std::move(inserted);
    d->removed = removed;
    d->flags = std::move(flags);
    return d;
}

QList<Uid> shownUids(const MessageListModel &model)
{
    QList<Uid> uids;
    for (int row = 0; row < model.rowCount(); ++row)
        uids << model.data(model.index(row, 0), MessageListModel::UidRole).value<Uid>();
    return uids;
}

UidSet uidSet(const QByteArray &text)
{
    return UidSet::fromImapSequenceSet(text, maxUid).value();
}

} // namespace

class tst_MessageListModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void insertsIntoSortedView_data()
    {
        QTest::addColumn<QList<int>>("before");   // minutes of UIDs 1..n
        QTest::addColumn<QList<int>>("inserted"); // minutes of UIDs 101..
        QTest::addColumn<int>("order");
        QTest::addColumn<int>("runs");
        QTest::newRow("middle-one-run") << QList<int>{10, 20, 30, 40} << QList<int>{21, 22, 23}
                                        << int(Qt::AscendingOrder) << 1;
        QTest::newRow("scattered-three-runs")
            << QList<int>{10, 20, 30, 40} << QList<int>{5, 25, 26, 50} << int(Qt::AscendingOrder) << 3;
        QTest::newRow("scattered-descending")
            << QList<int>{10, 20, 30, 40} << QList<int>{5, 25, 26, 50} << int(Qt::DescendingOrder) << 3;
        QTest::newRow("between-every-row")
            << QList<int>{10, 20, 30} << QList<int>{15, 25} << int(Qt::AscendingOrder) << 2;
        QTest::newRow("into-empty") << QList<int>{} << QList<int>{3, 1, 2} << int(Qt::AscendingOrder) << 1;
        QTest::newRow("uids-new-but-dates-oldest")
            << QList<int>{10, 20} << QList<int>{1, 2} << int(Qt::DescendingOrder) << 1;
    }
    void insertsIntoSortedView()
    {
        QFETCH(QList<int>, before);
        QFETCH(QList<int>, inserted);
        QFETCH(int, order);
        QFETCH(int, runs);
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}});
        model.sort(MessageListModel::DateColumn, Qt::SortOrder(order));
        std::vector<store::MessageRecord> first;
        for (int i = 0; i < before.size(); ++i)
            first.push_back(message(Uid(i + 1), before[i]));
        model.applyDelta(accountA, delta(inboxA, first));
        QCOMPARE(model.rowCount(), before.size());

        QSignalSpy insertedSpy(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy resetSpy(&model, &QAbstractItemModel::modelReset);
        std::vector<store::MessageRecord> more;
        for (int i = 0; i < inserted.size(); ++i)
            more.push_back(message(Uid(101 + i), inserted[i]));
        model.applyDelta(accountA, delta(inboxA, more));
        QCOMPARE(insertedSpy.size(), runs);
        QCOMPARE(resetSpy.size(), 0);
        QCOMPARE(model.rowCount(), before.size() + inserted.size());
        for (int row = 1; row < model.rowCount(); ++row) {
            const QDateTime a = model.data(model.index(row - 1, 0), MessageListModel::DateRole).toDateTime();
            const QDateTime b = model.data(model.index(row, 0), MessageListModel::DateRole).toDateTime();
            QVERIFY2(order == Qt::AscendingOrder ? a <= b : a >= b, qPrintable(u"row %1"_s.arg(row)));
        }
    }

    void removesRunsOfTheView_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<QByteArray>("removed");
        QTest::addColumn<int>("runs");
        QTest::addColumn<QList<Uid>>("left");
        // By date ascending the view is UID order, so UID ranges are runs of rows.
        QTest::newRow("two-ranges-by-date")
            << int(MessageListModel::DateColumn) << QByteArray("2:3,7:9") << 2 << QList<Uid>{1, 4, 5, 6, 10};
        QTest::newRow("everything") << int(MessageListModel::DateColumn) << QByteArray("1:10") << 1 << QList<Uid>{};
        QTest::newRow("unknown-uids-ignored") << int(MessageListModel::DateColumn) << QByteArray("11:20") << 0
                                              << QList<Uid>{1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        // By size (descending sizes set below) one UID range is one run again, in reverse.
        QTest::newRow("range-reversed-by-size")
            << int(MessageListModel::SizeColumn) << QByteArray("4:6") << 1 << QList<Uid>{1, 2, 3, 7, 8, 9, 10};
        // By subject, odd UIDs come first and even ones after: 2:5 is two runs (2,4 and 3,5).
        QTest::newRow("range-split-by-subject") << int(MessageListModel::SubjectColumn) << QByteArray("2:5") << 2
                                                << QList<Uid>{1, 3, 5, 7, 9, 2, 4, 6, 8, 10};
    }
    void removesRunsOfTheView()
    {
        QFETCH(int, column);
        QFETCH(QByteArray, removed);
        QFETCH(int, runs);
        QFETCH(QList<Uid>, left);
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}});
        model.sort(column, Qt::AscendingOrder);
        std::vector<store::MessageRecord> rows;
        for (Uid uid = 1; uid <= 10; ++uid) {
            store::MessageRecord m = message(uid, int(uid) * 10);
            m.size = 100 - uid;
            m.subject = uid % 2 ? u"Apples %1"_s.arg(uid) : u"Bananas %1"_s.arg(uid, 2, 10, QChar(u'0'));
            rows.push_back(m);
        }
        model.applyDelta(accountA, delta(inboxA, rows));
        QSignalSpy removedSpy(&model, &QAbstractItemModel::rowsRemoved);
        model.applyDelta(accountA, delta(inboxA, {}, uidSet(removed)));
        QCOMPARE(removedSpy.size(), runs);
        QList<Uid> expected = left;
        if (column == MessageListModel::SizeColumn)
            std::reverse(expected.begin(), expected.end());
        if (column == MessageListModel::SubjectColumn) {
            const UidSet gone = uidSet(removed);
            expected.removeIf([&](Uid uid) {
                return gone.contains(uid);
            });
        }
        QCOMPARE(shownUids(model), expected);
    }

    void flagChangesRepaintAndUnboldRows()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}});
        model.sort(MessageListModel::DateColumn, Qt::AscendingOrder);
        std::vector<store::MessageRecord> rows;
        for (Uid uid = 1; uid <= 6; ++uid) {
            store::MessageRecord m = message(uid, int(uid));
            m.flags = Flags(); // unread
            rows.push_back(m);
        }
        model.applyDelta(accountA, delta(inboxA, rows));
        QVERIFY(model.data(model.index(2, MessageListModel::SubjectColumn), Qt::FontRole).value<QFont>().bold());
        QVERIFY(model.data(model.index(2, 0), MessageListModel::UnreadRole).toBool());

        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        const Flags seen = Flags::fromImapList("(\\Seen)").value();
        const Flags flagged = Flags::fromImapList("(\\Seen \\Flagged)").value();
        model.applyDelta(
            accountA,
            delta(inboxA, {}, {}, {{2, seen, 0}, {3, seen, 0}, {4, flagged, 0}, {6, seen, 0}, {99, seen, 0}}));
        // UIDs 2-4 are rows 1-3, one run; UID 6 another; UID 99 is not shown.
        QCOMPARE(changed.size(), 2);
        QCOMPARE(changed.at(0).at(0).toModelIndex().row(), 1);
        QCOMPARE(changed.at(0).at(1).toModelIndex().row(), 3);
        QCOMPARE(changed.at(1).at(0).toModelIndex().row(), 5);
        QVERIFY(!model.data(model.index(2, MessageListModel::SubjectColumn), Qt::FontRole).value<QFont>().bold());
        QVERIFY(model.data(model.index(0, MessageListModel::SubjectColumn), Qt::FontRole).value<QFont>().bold());
        QVERIFY(model.data(model.index(3, 0), MessageListModel::FlaggedRole).toBool());
        QVERIFY(!model.data(model.index(3, MessageListModel::FlagColumn), Qt::DecorationRole).isNull());
        QCOMPARE(model.data(model.index(3, 0), MessageListModel::FlagsRole).value<Flags>(), flagged);
    }

    void flagChangeResortsWhenSortedByFlag()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}});
        model.sort(MessageListModel::FlagColumn, Qt::DescendingOrder);
        model.applyDelta(accountA, delta(inboxA, {message(1, 1), message(2, 2), message(3, 3)}));
        const QPersistentModelIndex third = model.index(model.rowCount() - 1, 0);
        const Uid thirdUid = third.data(MessageListModel::UidRole).value<Uid>();
        model.applyDelta(accountA,
                         delta(inboxA, {}, {}, {{thirdUid, Flags::fromImapList("(\\Seen \\Flagged)").value(), 0}}));
        QCOMPARE(model.data(model.index(0, 0), MessageListModel::UidRole).value<Uid>(), thirdUid);
        QCOMPARE(third.row(), 0); // selections follow the row
    }

    void resetReplacesTheRows()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}});
        model.applyDelta(accountA, delta(inboxA, {message(1, 1), message(2, 2), message(3, 3)}));
        QSignalSpy resetSpy(&model, &QAbstractItemModel::modelReset);
        model.applyDelta(accountA, delta(inboxA, {message(8, 8), message(9, 9)}, {}, {}, true));
        QCOMPARE(resetSpy.size(), 1);
        QCOMPARE(shownUids(model), (QList<Uid>{9, 8}));
    }

    void snapshotThenSyncShowsNoDuplicates()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}});
        std::vector<store::MessageRecord> cached;
        for (Uid uid = 1; uid <= 5; ++uid)
            cached.push_back(message(uid, int(uid)));
        model.applyDelta(accountA, delta(inboxA, cached, {}, {}, true));
        // The sync sends rows 4 and 5 again (their flags changed on the server) and two new ones.
        std::vector<store::MessageRecord> synced;
        for (Uid uid = 4; uid <= 7; ++uid) {
            store::MessageRecord m = message(uid, int(uid));
            m.subject = u"Synced %1"_s.arg(uid);
            synced.push_back(m);
        }
        model.applyDelta(accountA, delta(inboxA, synced));
        QCOMPARE(shownUids(model), (QList<Uid>{7, 6, 5, 4, 3, 2, 1}));
        QCOMPARE(model.data(model.index(3, MessageListModel::SubjectColumn)).toString(), u"Synced 4"_s);
        QCOMPARE(model.messageCount(), 7);
    }

    // The engine learnt a row's attachment hint from its structure: the row changes in place,
    // and an update for a row not shown adds nothing.
    void updatedRowsReplaceShownRowsOnly()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}});
        std::vector<store::MessageRecord> cached;
        for (Uid uid = 1; uid <= 3; ++uid)
            cached.push_back(message(uid, int(uid)));
        model.applyDelta(accountA, delta(inboxA, cached, {}, {}, true));
        auto update = std::make_shared<engine::MailboxDelta>();
        update->mailboxId = inboxA;
        store::MessageRecord two = message(2, 2);
        two.hasAttachment = true;
        update->updated = {two, message(9, 9)};
        model.applyDelta(accountA, update);
        QCOMPARE(shownUids(model), (QList<Uid>{3, 2, 1}));
        QVERIFY(model.data(model.index(1, 0), MessageListModel::HasAttachmentRole).toBool());
        QVERIFY(!model.data(model.index(0, 0), MessageListModel::HasAttachmentRole).toBool());
        QCOMPARE(model.messageCount(), 3);
    }

    // A flag change the user asked for shows at once, in its mailbox only.
    void localFlagsShowAtOnce()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}, {accountB, inboxB, u"INBOX"_s}});
        model.applyDelta(accountA, delta(inboxA, {message(1, 1), message(2, 2)}));
        model.applyDelta(accountB, delta(inboxB, {message(1, 3)}));
        model.applyLocalFlags(accountA, inboxA, uidSet("1"), Flags(Flags::System::Flagged), Flags(Flags::System::Seen));
        for (int row = 0; row < model.rowCount(); ++row) {
            const QModelIndex index = model.index(row, 0);
            const bool changed = index.data(MessageListModel::AccountRole).toString() == accountA
                && index.data(MessageListModel::UidRole).value<Uid>() == 1;
            QCOMPARE(index.data(MessageListModel::FlaggedRole).toBool(), changed);
            QCOMPARE(index.data(MessageListModel::UnreadRole).toBool(), changed);
        }
    }

    // Toggled three times quickly: the engine's deltas of the three, still on their way, never
    // show an older state (a fourth press would read it). A delta that no later one agrees with
    // (a refusal's revert) shows once the hold runs out, and the engine's word shows at once
    // after it.
    void localFlagsWaitForTheEngineToAgree()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setLocalFlagsHold(std::chrono::milliseconds(200));
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}});
        model.applyDelta(accountA, delta(inboxA, {message(1, 1), message(2, 2)}));
        const auto unread = [&model](Uid uid) {
            for (int row = 0; row < model.rowCount(); ++row) {
                const QModelIndex index = model.index(row, 0);
                if (index.data(MessageListModel::UidRole).value<Uid>() == uid)
                    return index.data(MessageListModel::UnreadRole).toBool();
            }
            return false;
        };
        const Flags seen(Flags::System::Seen);
        model.applyLocalFlags(accountA, inboxA, uidSet("1"), {}, seen); // unread
        model.applyLocalFlags(accountA, inboxA, uidSet("1"), seen, {}); // read
        model.applyLocalFlags(accountA, inboxA, uidSet("1"), {}, seen); // unread
        QVERIFY(unread(1));
        // The first two come back, as flag updates and as a whole row.
        model.applyDelta(accountA, delta(inboxA, {}, {}, {{1, Flags(), 0}}));
        model.applyDelta(accountA, delta(inboxA, {message(1, 1)}));
        QVERIFY(unread(1));
        model.applyDelta(accountA, delta(inboxA, {}, {}, {{1, Flags(), 0}}));
        QVERIFY(unread(1));
        QTest::qWait(300);
        QVERIFY(unread(1)); // the third agreed: nothing to show after the hold
        // Another client's change shows at once now.
        model.applyDelta(accountA, delta(inboxA, {}, {}, {{1, seen, 0}}));
        QVERIFY(!unread(1));

        // Refused: the revert is held back, then shown.
        model.applyLocalFlags(accountA, inboxA, uidSet("2"), {}, seen);
        model.applyDelta(accountA, delta(inboxA, {}, {}, {{2, seen, 0}}));
        QVERIFY(unread(2));
        QTRY_VERIFY_WITH_TIMEOUT(!unread(2), 2000);
    }

    void sortsByEachColumn_data()
    {
        QTest::addColumn<int>("column");
        QTest::addColumn<int>("order");
        const char *names[] = {"flag", "attachment", "from", "subject", "date", "size"};
        for (int column = 0; column < MessageListModel::ColumnCount; ++column) {
            QTest::addRow("%s-ascending", names[column]) << column << int(Qt::AscendingOrder);
            QTest::addRow("%s-descending", names[column]) << column << int(Qt::DescendingOrder);
        }
    }
    void sortsByEachColumn()
    {
        QFETCH(int, column);
        QFETCH(int, order);
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}});
        QRandomGenerator random(column * 10 + order);
        auto randomRow = [&](Uid uid) {
            store::MessageRecord m = message(uid, int(random.bounded(1000)));
            m.size = random.bounded(50);
            m.hasAttachment = random.bounded(2);
            m.flags = random.bounded(3) ? Flags::fromImapList("(\\Seen)").value() : Flags();
            if (random.bounded(4) == 0)
                m.flags.set(Flags::System::Flagged);
            m.fromName = u"%1 sender"_s.arg(QChar(u'a' + random.bounded(5)));
            if (random.bounded(2))
                m.fromName = m.fromName.toUpper();
            m.subject = (random.bounded(3) == 0 ? u"Re: "_s : QString()) + u"topic %1"_s.arg(random.bounded(20));
            return m;
        };
        std::vector<store::MessageRecord> rows;
        for (Uid uid = 1; uid <= 60; ++uid)
            rows.push_back(randomRow(uid));
        model.applyDelta(accountA, delta(inboxA, rows));
        const QPersistentModelIndex kept = model.index(17, 0);
        const Uid keptUid = kept.data(MessageListModel::UidRole).value<Uid>();
        model.sort(column, Qt::SortOrder(order));
        QCOMPARE(kept.data(MessageListModel::UidRole).value<Uid>(), keptUid);
        std::vector<store::MessageRecord> more;
        for (Uid uid = 61; uid <= 80; ++uid)
            more.push_back(randomRow(uid));
        model.applyDelta(accountA, delta(inboxA, more));
        QCOMPARE(model.rowCount(), 80);

        auto key = [&](int row) -> QVariant {
            const QModelIndex index = model.index(row, column);
            switch (column) {
            case MessageListModel::FlagColumn:
                return int(index.data(MessageListModel::FlaggedRole).toBool()) * 2
                    + int(index.data(MessageListModel::UnreadRole).toBool());
            case MessageListModel::AttachmentColumn:
                return int(index.data(MessageListModel::HasAttachmentRole).toBool());
            case MessageListModel::FromColumn:
                return index.data().toString().toCaseFolded();
            case MessageListModel::SubjectColumn: {
                QString subject = index.data().toString();
                if (subject.startsWith(u"Re: "_s))
                    subject = subject.sliced(4);
                return subject.toCaseFolded();
            }
            case MessageListModel::DateColumn:
                return index.data(MessageListModel::DateRole).toDateTime().toMSecsSinceEpoch();
            default:
                return index.data(MessageListModel::SizeRole).toULongLong();
            }
        };
        for (int row = 1; row < model.rowCount(); ++row) {
            const QPartialOrdering c = QVariant::compare(key(row - 1), key(row));
            QVERIFY2(order == Qt::AscendingOrder ? c != QPartialOrdering::Greater : c != QPartialOrdering::Less,
                     qPrintable(u"rows %1 and %2: %3 / %4"_s.arg(row - 1).arg(row).arg(key(row - 1).toString(),
                                                                                       key(row).toString())));
        }
    }

    void mergesSeveralInboxesByDate()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}, {accountB, inboxB, u"INBOX"_s}});
        model.applyDelta(accountA, delta(inboxA, {message(1, 10), message(2, 30), message(3, 50)}));
        model.applyDelta(accountB, delta(inboxB, {message(1, 20), message(2, 40)}));
        // Another account's mailbox with the same local id is not one of these.
        model.applyDelta(u"account-c"_s, delta(inboxA, {message(9, 45)}));
        QCOMPARE(model.rowCount(), 5);
        QStringList order;
        for (int row = 0; row < model.rowCount(); ++row)
            order << model.data(model.index(row, 0), MessageListModel::AccountRole).toString().right(1)
                    + QString::number(model.data(model.index(row, 0), MessageListModel::UidRole).value<Uid>());
        QCOMPARE(order, (QStringList{u"a3"_s, u"b2"_s, u"a2"_s, u"b1"_s, u"a1"_s}));

        // A reset of one account's INBOX leaves the other's rows alone.
        QSignalSpy resetSpy(&model, &QAbstractItemModel::modelReset);
        model.applyDelta(accountB, delta(inboxB, {message(5, 35)}, {}, {}, true));
        QCOMPARE(resetSpy.size(), 0);
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.data(model.index(1, 0), MessageListModel::AccountRole).toString(), accountB);
        QCOMPARE(model.data(model.index(1, 0), MessageListModel::UidRole).value<Uid>(), Uid(5));
        QCOMPARE(model.data(model.index(1, 0), MessageListModel::MailboxIdRole).toLongLong(), inboxB);
    }

    void threadsRepliesUnderTheirParents()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}});
        model.sort(MessageListModel::DateColumn, Qt::DescendingOrder);
        std::vector<store::MessageRecord> rows;
        store::MessageRecord root = message(1, 10);
        store::MessageRecord reply = message(2, 20);
        reply.inReplyTo = root.messageId;
        reply.references = root.messageId;
        store::MessageRecord replyToReply = message(3, 30);
        replyToReply.references = root.messageId + " " + reply.messageId;
        // Its parent is not here: it hangs under the nearest ancestor that is.
        store::MessageRecord orphan = message(4, 40);
        orphan.inReplyTo = "<gone@example.org>";
        orphan.references = root.messageId + " <gone@example.org>";
        // Two messages naming each other: the cycle is broken, both still shown.
        store::MessageRecord loopA = message(5, 5);
        store::MessageRecord loopB = message(6, 6);
        loopA.inReplyTo = loopB.messageId;
        loopB.inReplyTo = loopA.messageId;
        store::MessageRecord self = message(7, 7);
        self.inReplyTo = self.messageId;
        rows = {root, reply, replyToReply, orphan, loopA, loopB, self};
        model.applyDelta(accountA, delta(inboxA, rows));
        model.setThreaded(true);
        QCOMPARE(model.messageCount(), 7);
        // Threads by their newest message, newest first: the root's thread (40), the message
        // naming itself (7), the loop (6), broken at its oldest message.
        QCOMPARE(model.rowCount(), 3);
        const QModelIndex top = model.index(0, 0);
        QCOMPARE(top.data(MessageListModel::UidRole).value<Uid>(), Uid(1));
        QVERIFY(model.hasChildren(top));
        QCOMPARE(model.rowCount(top), 2); // reply (20) then orphan (40), oldest first
        QCOMPARE(model.index(0, 0, top).data(MessageListModel::UidRole).value<Uid>(), Uid(2));
        QCOMPARE(model.index(1, 0, top).data(MessageListModel::UidRole).value<Uid>(), Uid(4));
        const QModelIndex second = model.index(0, 0, top);
        QCOMPARE(model.rowCount(second), 1);
        QCOMPARE(model.index(0, 0, second).data(MessageListModel::UidRole).value<Uid>(), Uid(3));
        QCOMPARE(model.parent(model.index(0, 0, second)), second);
        QCOMPARE(model.index(1, 0).data(MessageListModel::UidRole).value<Uid>(), Uid(7));
        const QModelIndex loop = model.index(2, 0);
        QCOMPARE(loop.data(MessageListModel::UidRole).value<Uid>(), Uid(5));
        QCOMPARE(model.rowCount(loop), 1);
        QVERIFY(!model.hasChildren(model.index(1, 0)));

        // A flag change in thread mode repaints the row in place.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy resetSpy(&model, &QAbstractItemModel::modelReset);
        model.applyDelta(accountA, delta(inboxA, {}, {}, {{3, Flags(), 0}}));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(resetSpy.size(), 0);
        QVERIFY(model.index(0, 0, second).data(MessageListModel::UnreadRole).toBool());

        // A new reply rebuilds the threads; the orphan's parent arriving re-parents it.
        store::MessageRecord gone = message(8, 35);
        gone.messageId = "<gone@example.org>";
        gone.inReplyTo = root.messageId;
        model.applyDelta(accountA, delta(inboxA, {gone}));
        QCOMPARE(resetSpy.size(), 1);
        QCOMPARE(model.rowCount(top), 2); // reply (20), gone (35)
        const QModelIndex goneIndex = model.index(1, 0, model.index(0, 0));
        QCOMPARE(goneIndex.data(MessageListModel::UidRole).value<Uid>(), Uid(8));
        QCOMPARE(model.rowCount(goneIndex), 1);
        QCOMPARE(model.index(0, 0, goneIndex).data(MessageListModel::UidRole).value<Uid>(), Uid(4));

        // Sorting in thread mode keeps persistent indexes on their messages.
        const QPersistentModelIndex kept = model.index(0, 0, goneIndex);
        model.sort(MessageListModel::SubjectColumn, Qt::AscendingOrder);
        QCOMPARE(kept.data(MessageListModel::UidRole).value<Uid>(), Uid(4));

        model.setThreaded(false);
        QCOMPARE(model.rowCount(), 8);
        QVERIFY(!model.hasChildren(model.index(0, 0)));
    }

    void serverThreadsReplaceHeaderThreads()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const models::MailboxKey inbox{accountA, inboxA, u"INBOX"_s};
        model.setMailboxes({inbox});
        model.setThreaded(true);
        // By headers: 2 replies to 1, 3 to 2; 4 and 5 have none (the server joins them by
        // subject, which headers alone do not).
        store::MessageRecord one = message(1, 10);
        store::MessageRecord two = message(2, 20);
        two.inReplyTo = one.messageId;
        store::MessageRecord three = message(3, 30);
        three.references = one.messageId + " " + two.messageId;
        store::MessageRecord four = message(4, 40);
        store::MessageRecord five = message(5, 50);
        auto first
            = std::make_shared<engine::MailboxDelta>(*delta(inboxA, {one, two, three, four, five}, {}, {}, true));
        first->uidValidity = 77;
        model.applyDelta(accountA, first);
        QCOMPARE(test::threadTreeOf(model), (QStringList{u"1"_s, u"2<1"_s, u"3<2"_s, u"4"_s, u"5"_s}));
        QVERIFY(!model.usesServerThreads(inbox));

        // The server: 3 directly under 1, 5 under 4; 6 (not shown: expunged since) between 7
        // and 1, so 7 hangs under 1.
        engine::ServerThreads threads;
        threads.uidValidity = 77;
        threads.parentOf = {{2, 1}, {3, 1}, {5, 4}, {6, 1}, {7, 6}};
        threads.uids = uidSet("1:7");
        QSignalSpy resetSpy(&model, &QAbstractItemModel::modelReset);
        model.setServerThreads(inbox, threads);
        QCOMPARE(resetSpy.size(), 1);
        QVERIFY(model.usesServerThreads(inbox));
        QCOMPARE(test::threadTreeOf(model), (QStringList{u"1"_s, u"2<1"_s, u"3<1"_s, u"4"_s, u"5<4"_s}));
        store::MessageRecord seven = message(7, 70);
        model.applyDelta(accountA, delta(inboxA, {seven}));
        QCOMPARE(test::threadTreeOf(model), (QStringList{u"1"_s, u"2<1"_s, u"3<1"_s, u"4"_s, u"5<4"_s, u"7<1"_s}));

        // Mail after the answer is threaded by its headers, also under a row the server threaded.
        store::MessageRecord eight = message(8, 80);
        eight.inReplyTo = five.messageId;
        store::MessageRecord nine = message(9, 90);
        nine.inReplyTo = eight.messageId;
        model.applyDelta(accountA, delta(inboxA, {eight, nine}));
        QCOMPARE(test::threadTreeOf(model),
                 (QStringList{u"1"_s, u"2<1"_s, u"3<1"_s, u"4"_s, u"5<4"_s, u"7<1"_s, u"8<5"_s, u"9<8"_s}));
        // Collapsing and expanding is the view's: the tree is there for it.
        QCOMPARE(model.rowCount(), 2);

        // A new UIDVALIDITY (the mailbox renumbered) leaves the answer unused.
        auto renumbered
            = std::make_shared<engine::MailboxDelta>(*delta(inboxA, {one, two, three, four, five}, {}, {}, true));
        renumbered->uidValidity = 78;
        model.applyDelta(accountA, renumbered);
        QVERIFY(!model.usesServerThreads(inbox));
        QCOMPARE(test::threadTreeOf(model), (QStringList{u"1"_s, u"2<1"_s, u"3<2"_s, u"4"_s, u"5"_s}));

        // Threads for a mailbox not shown change nothing; setMailboxes() drops them.
        model.setServerThreads({accountB, inboxB, u"INBOX"_s}, threads);
        QCOMPARE(test::threadTreeOf(model), (QStringList{u"1"_s, u"2<1"_s, u"3<2"_s, u"4"_s, u"5"_s}));
        model.setMailboxes({inbox});
        QVERIFY(!model.usesServerThreads(inbox));
    }

    void serverThreadsWithACycleStillShowEveryRow()
    {
        // ServerThreads::fromResponse never makes a cycle; a map built elsewhere might.
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        const models::MailboxKey inbox{accountA, inboxA, u"INBOX"_s};
        model.setMailboxes({inbox});
        model.applyDelta(accountA, delta(inboxA, {message(1, 10), message(2, 20), message(3, 30)}));
        engine::ServerThreads threads;
        threads.parentOf = {{1, 2}, {2, 1}, {3, 3}};
        threads.uids = uidSet("1:3");
        model.setServerThreads(inbox, threads); // kept while flat
        model.setThreaded(true);
        QVERIFY(model.usesServerThreads(inbox)); // the rows' UIDVALIDITY is not known
        const QStringList tree = test::threadTreeOf(model);
        QCOMPARE(tree.size(), 3);
        QVERIFY2(tree.contains(u"3"_s), qPrintable(tree.join(u' ')));
    }

    void serverThreadsFromAResponse_data()
    {
        QTest::addColumn<QByteArray>("wire");
        QTest::addColumn<QStringList>("parents");
        QTest::addColumn<QByteArray>("uids");
        QTest::newRow("rfc5256") << QByteArray("* THREAD (2)(3 6 (4 23)(44 7 96))\r\n")
                                 << QStringList{u"4<6"_s, u"6<3"_s, u"7<44"_s, u"23<4"_s, u"44<6"_s, u"96<7"_s}
                                 << QByteArray("2:4,6:7,23,44,96");
        // Children of a missing root are roots.
        QTest::newRow("missing-root") << QByteArray("* THREAD ((3)(5))\r\n") << QStringList{} << QByteArray("3,5");
        // Children of a missing message take its parent.
        QTest::newRow("missing-inside") << QByteArray("* THREAD (1 ((2)(3)))\r\n") << QStringList{u"2<1"_s, u"3<1"_s}
                                        << QByteArray("1:3");
        // A UID listed twice keeps its first place; no cycle.
        QTest::newRow("listed-twice") << QByteArray("* THREAD (1 2)(2 1 3)\r\n") << QStringList{u"2<1"_s}
                                      << QByteArray("1:3");
        QTest::newRow("empty") << QByteArray("* THREAD\r\n") << QStringList{} << QByteArray();
    }

    void serverThreadsFromAResponse()
    {
        QFETCH(QByteArray, wire);
        QFETCH(QStringList, parents);
        QFETCH(QByteArray, uids);
        const auto response = imap::ResponseParser::parse(wire);
        QVERIFY(response.ok());
        const engine::ServerThreads threads
            = engine::ServerThreads::fromResponse(std::get<imap::ThreadResponse>(response.value()), 9);
        QCOMPARE(threads.uidValidity, 9u);
        QStringList got;
        for (auto it = threads.parentOf.cbegin(); it != threads.parentOf.cend(); ++it)
            got << QString::number(it.key()) + u'<' + QString::number(it.value());
        std::sort(got.begin(), got.end(), [](const QString &a, const QString &b) {
            return a.section(u'<', 0, 0).toUInt() < b.section(u'<', 0, 0).toUInt();
        });
        QCOMPARE(got, parents);
        QCOMPARE(threads.uids.toImapSequenceSet(), uids);
    }

    void mimeDataNamesTheSelectedMessages()
    {
        MessageListModel model;
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}, {accountB, inboxB, u"Archive"_s}});
        model.applyDelta(accountA, delta(inboxA, {message(1, 10), message(2, 30), message(3, 50)}));
        model.applyDelta(accountB, delta(inboxB, {message(4, 20)}));
        QModelIndexList chosen;
        for (int row = 0; row < model.rowCount(); ++row) {
            // Every column of the row, as a view's selection gives them.
            for (int column = 0; column < model.columnCount(); ++column)
                chosen << model.index(row, column);
        }
        std::unique_ptr<QMimeData> data(model.mimeData(chosen));
        QVERIFY(data);
        QVERIFY(data->hasFormat(MessageDrag::mimeType()));
        const std::optional<MessageDrag> drag = MessageDrag::decode(data->data(MessageDrag::mimeType()));
        QVERIFY(drag);
        QCOMPARE(drag->groups.size(), 2);
        for (const MessageDrag::Group &group : drag->groups) {
            if (group.account == accountA)
                QCOMPARE(group, (MessageDrag::Group{accountA, u"INBOX"_s, inboxA, UidSet{1, 2, 3}}));
            else
                QCOMPARE(group, (MessageDrag::Group{accountB, u"Archive"_s, inboxB, UidSet{4}}));
        }
        QVERIFY(!MessageDrag::decode("garbage"));
        QVERIFY(model.flags(model.index(0, 0)).testFlag(Qt::ItemIsDragEnabled));
    }

    // Random inserts, removals, flag changes and sorts against a plain sorted copy.
    void randomDeltasMatchAReference()
    {
        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setMailboxes({{accountA, inboxA, u"INBOX"_s}, {accountB, inboxB, u"INBOX"_s}});
        QRandomGenerator random(42);
        std::map<std::pair<int, Uid>, store::MessageRecord> reference;
        Uid next[2] = {1, 1};
        for (int step = 0; step < 150; ++step) {
            const int source = int(random.bounded(2));
            const QString &account = source ? accountB : accountA;
            const qint64 mailbox = source ? inboxB : inboxA;
            std::vector<store::MessageRecord> inserted;
            const int count = int(random.bounded(6));
            for (int i = 0; i < count; ++i) {
                store::MessageRecord m = message(next[source]++, int(random.bounded(500)));
                m.subject = u"s%1"_s.arg(random.bounded(7));
                inserted.push_back(m);
            }
            UidSet removed;
            if (random.bounded(3) == 0 && next[source] > 2) {
                const Uid first = 1 + random.bounded(next[source] - 1);
                removed.insert(first, std::min<Uid>(first + random.bounded(4), next[source] - 1));
            }
            std::vector<store::FlagUpdate> flags;
            if (random.bounded(2) && next[source] > 1)
                flags.push_back({Uid(1 + random.bounded(next[source] - 1)), Flags(), 0});
            model.applyDelta(account, delta(mailbox, inserted, removed, flags));
            for (Uid uid : removed)
                reference.erase({source, uid});
            for (const store::MessageRecord &m : inserted)
                reference[{source, m.uid}] = m;
            for (const store::FlagUpdate &f : flags) {
                if (auto it = reference.find({source, f.uid}); it != reference.end())
                    it->second.flags = f.flags;
            }
            if (random.bounded(10) == 0)
                model.sort(int(random.bounded(MessageListModel::ColumnCount)), Qt::SortOrder(random.bounded(2)));
            QCOMPARE(model.rowCount(), int(reference.size()));
        }
        for (const auto &[key, m] : reference) {
            const QModelIndex index
                = model.indexOf(key.first ? accountB : accountA, key.first ? inboxB : inboxA, key.second);
            QVERIFY(index.isValid());
            QCOMPARE(index.data(MessageListModel::UnreadRole).toBool(), !m.flags.has(Flags::System::Seen));
            QCOMPARE(model.data(model.index(index.row(), MessageListModel::SubjectColumn)).toString(), m.subject);
        }
    }
};

QTEST_MAIN(tst_MessageListModel)
#include "tst_MessageListModel.moc"
