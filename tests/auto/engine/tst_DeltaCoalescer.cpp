// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/DeltaCoalescer.h"

#include <QElapsedTimer>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace fumi;
using engine::DeltaCoalescer;
using engine::MailboxDelta;
using engine::MailboxDeltaPtr;

Q_DECLARE_METATYPE(fumi::engine::MailboxDelta)

namespace {

Flags flagsOf(QByteArrayView list)
{
    return Flags::fromImapList(list).value();
}

store::MessageRecord row(Uid uid, QByteArrayView flags = "()")
{
    store::MessageRecord record;
    record.uid = uid;
    record.flags = flagsOf(flags);
    record.subject = u"Message %1"_s.arg(uid);
    return record;
}

// A delta written compactly: rows inserted (with their flags), UIDs removed, flag changes.
MailboxDelta delta(std::vector<store::MessageRecord> inserted, QByteArrayView removed = {},
                   std::vector<std::pair<Uid, QByteArrayView>> flags = {}, bool reset = false)
{
    MailboxDelta d;
    d.mailboxId = 1;
    d.reset = reset;
    d.inserted = std::move(inserted);
    if (!removed.isEmpty())
        d.removed = UidSet::fromImapSequenceSet(removed, maxUid).value();
    for (const auto &[uid, list] : flags)
        d.flags.push_back({uid, flagsOf(list), 0});
    return d;
}

// One line that says everything a model would do with the delta, for readable comparisons.
QByteArray describe(const MailboxDelta &d)
{
    QByteArrayList parts;
    if (d.reset)
        parts << "reset";
    QByteArrayList inserted;
    for (const store::MessageRecord &r : d.inserted)
        inserted << QByteArray::number(r.uid) + (r.flags == Flags() ? QByteArray() : r.flags.toImapList());
    if (!inserted.isEmpty())
        parts << "+" + inserted.join(',');
    if (!d.removed.isEmpty())
        parts << "-" + d.removed.toImapSequenceSet();
    for (const store::FlagUpdate &f : d.flags)
        parts << "f" + QByteArray::number(f.uid) + f.flags.toImapList();
    if (d.counts)
        parts << "n" + QByteArray::number(d.counts->messages);
    return parts.join(' ');
}

MailboxDeltaPtr shared(MailboxDelta d)
{
    return std::make_shared<const MailboxDelta>(std::move(d));
}

} // namespace

class tst_DeltaCoalescer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { qRegisterMetaType<MailboxDeltaPtr>(); }

    void merged_data()
    {
        QTest::addColumn<MailboxDelta>("earlier");
        QTest::addColumn<MailboxDelta>("later");
        QTest::addColumn<QByteArray>("expected");

        QTest::newRow("insert-then-remove-vanishes") << delta({row(5), row(6)}) << delta({}, "5") << "+6"_ba;
        QTest::newRow("remove-of-an-older-row-kept") << delta({row(6)}) << delta({}, "3") << "+6 -3"_ba;
        QTest::newRow("remove-then-insert-keeps-both") << delta({}, "5") << delta({row(5)}) << "+5 -5"_ba;
        QTest::newRow("flags-twice-keep-the-last")
            << delta({}, {}, {{4, "(\\Seen)"}}) << delta({}, {}, {{4, "(\\Flagged)"}}) << "f4(\\Flagged)"_ba;
        QTest::newRow("flags-folded-into-an-inserted-row")
            << delta({row(6)}) << delta({}, {}, {{6, "(\\Seen)"}}) << "+6(\\Seen)"_ba;
        QTest::newRow("flags-of-a-removed-row-dropped")
            << delta({}, {}, {{4, "(\\Seen)"}}) << delta({}, "4") << "-4"_ba;
        QTest::newRow("reinserted-row-replaces-earlier-flags")
            << delta({}, {}, {{4, "(\\Seen)"}}) << delta({row(4, "(\\Answered)")}) << "+4(\\Answered)"_ba;
        QTest::newRow("reset-drops-everything-earlier")
            << delta({row(1)}, "2", {{3, "(\\Seen)"}}) << delta({row(9)}, {}, {}, true) << "reset +9"_ba;
        QTest::newRow("earlier-reset-stays") << delta({row(1)}, {}, {}, true) << delta({row(2)}, "1") << "reset +2"_ba;
    }

    void merged()
    {
        QFETCH(MailboxDelta, earlier);
        QFETCH(MailboxDelta, later);
        QFETCH(QByteArray, expected);
        const MailboxDelta result = DeltaCoalescer::merged(earlier, later);
        QCOMPARE(describe(result), expected);
        QCOMPARE(result.mailboxId, qint64(1));
    }

    void mergedUpdatedRows()
    {
        store::MessageRecord hinted = row(4, "(\\Seen)");
        hinted.hasAttachment = true;
        MailboxDelta update = delta({});
        update.updated = {hinted};

        // An update of a row the earlier delta inserted becomes that inserted row.
        MailboxDelta merged = DeltaCoalescer::merged(delta({row(4)}), update);
        QCOMPARE(merged.inserted.size(), std::size_t(1));
        QVERIFY(merged.inserted.front().hasAttachment);
        QVERIFY(merged.updated.empty());

        // Later flags apply to the updated row; earlier flags give way to it.
        merged = DeltaCoalescer::merged(update, delta({}, {}, {{4, "(\\Flagged)"}}));
        QCOMPARE(merged.updated.size(), std::size_t(1));
        QCOMPARE(merged.updated.front().flags, flagsOf("(\\Flagged)"));
        QVERIFY(merged.flags.empty());
        merged = DeltaCoalescer::merged(delta({}, {}, {{4, "(\\Answered)"}}), update);
        QCOMPARE(merged.updated.size(), std::size_t(1));
        QCOMPARE(merged.updated.front().flags, flagsOf("(\\Seen)"));
        QVERIFY(merged.flags.empty());

        // A removed row needs no update.
        merged = DeltaCoalescer::merged(update, delta({}, "4"));
        QVERIFY(merged.updated.empty());
        QCOMPARE(merged.removed, UidSet::fromImapSequenceSet("4", maxUid).value());
        QVERIFY(!update.isEmpty());
    }

    void mergedKeepsTheLatestCounts()
    {
        MailboxDelta earlier = delta({row(1)});
        earlier.counts = store::MailboxCounts{1, 1};
        MailboxDelta later = delta({row(2)});
        QCOMPARE(DeltaCoalescer::merged(earlier, later).counts, earlier.counts);
        later.counts = store::MailboxCounts{2, 0};
        QCOMPARE(DeltaCoalescer::merged(earlier, later).counts, later.counts);
    }

    void burstIsSentFirstThenMergedAfterTheInterval()
    {
        const std::chrono::milliseconds interval(40);
        DeltaCoalescer coalescer(interval);
        QSignalSpy sent(&coalescer, &DeltaCoalescer::delta);
        QElapsedTimer clock;
        qint64 waited = -1;
        connect(&coalescer, &DeltaCoalescer::delta, this, [&] {
            waited = clock.elapsed();
        });
        clock.start();
        for (Uid uid = 1; uid <= 100; ++uid)
            coalescer.add(shared(delta({row(uid)}, {}, {{uid, "(\\Seen)"}})));
        // The first went out at once; the other 99 wait (no event loop ran in between).
        QCOMPARE(sent.size(), 1);
        QCOMPARE(describe(*sent.at(0).at(0).value<MailboxDeltaPtr>()), "+1 f1(\\Seen)"_ba);

        QTRY_COMPARE(sent.size(), 2);
        const auto merged = sent.at(1).at(0).value<MailboxDeltaPtr>();
        QCOMPARE(merged->inserted.size(), size_t(99));
        QCOMPARE(merged->inserted.front().uid, Uid(2));
        QCOMPARE(merged->inserted.back().uid, Uid(100));
        QVERIFY(merged->flags.empty()); // folded into the rows
        QCOMPARE(merged->inserted.back().flags, flagsOf("(\\Seen)"));
        // A lower bound only: a loaded machine makes it later, never earlier.
        QVERIFY2(waited >= interval.count() * 3 / 4, qPrintable(u"after %1 ms"_s.arg(waited)));
        qInfo("merged delta of 99 went out %lld ms after the first", waited);

        QTest::qWait(3 * int(interval.count()));
        QCOMPARE(sent.size(), 2);
    }

    void deltaSoonAfterASentOneWaits()
    {
        DeltaCoalescer coalescer(std::chrono::milliseconds(10000));
        QSignalSpy sent(&coalescer, &DeltaCoalescer::delta);
        coalescer.add(shared(delta({row(1)})));
        coalescer.add(shared(delta({row(2)})));
        QCOMPARE(sent.size(), 1);
        // Another mailbox has its own interval.
        MailboxDelta other = delta({row(7)});
        other.mailboxId = 2;
        coalescer.add(shared(other));
        QCOMPARE(sent.size(), 2);
        QCOMPARE(sent.at(1).at(0).value<MailboxDeltaPtr>()->mailboxId, qint64(2));
        // flush() sends what is held now, without waiting for the interval.
        coalescer.flush();
        QCOMPARE(sent.size(), 3);
        QCOMPARE(describe(*sent.at(2).at(0).value<MailboxDeltaPtr>()), "+2"_ba);
        coalescer.flush();
        QCOMPARE(sent.size(), 3);
    }

    void emptyDeltasAreDropped()
    {
        DeltaCoalescer coalescer(std::chrono::milliseconds(10));
        QSignalSpy sent(&coalescer, &DeltaCoalescer::delta);
        coalescer.add(shared(delta({})));
        coalescer.add(nullptr);
        QTest::qWait(30);
        QCOMPARE(sent.size(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_DeltaCoalescer)
#include "tst_DeltaCoalescer.moc"
