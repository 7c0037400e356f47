// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/UidSet.h"

#include <QTest>

#include <vector>

using namespace fumi;
using namespace Qt::StringLiterals;

namespace {

using Ranges = std::vector<UidSet::Range>;

UidSet fromRanges(const Ranges &ranges)
{
    UidSet set;
    for (const auto &range : ranges)
        set.insert(range.first, range.last);
    return set;
}

} // namespace

Q_DECLARE_METATYPE(Ranges)

namespace QTest {
template <>
char *toString(const UidSet &set)
{
    return qstrdup(set.isEmpty() ? "<empty>" : set.toImapSequenceSet().constData());
}
} // namespace QTest

class TestUidSet : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void insert_data();
    void insert();
    void remove_data();
    void remove();
    void setOperations_data();
    void setOperations();
    void countAndBounds();
    void containsAndIteration();
    void fromSequenceSet_data();
    void fromSequenceSet();
    void rejectsBadSequenceSet_data();
    void rejectsBadSequenceSet();
    void roundTripsLargeSet();
};

void TestUidSet::insert_data()
{
    QTest::addColumn<Ranges>("inserted");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("single") << Ranges{{5, 5}} << "5"_ba;
    QTest::newRow("disjoint-out-of-order") << Ranges{{9, 9}, {1, 3}, {5, 5}} << "1:3,5,9"_ba;
    QTest::newRow("adjacent-merge") << Ranges{{1, 3}, {4, 6}} << "1:6"_ba;
    QTest::newRow("adjacent-merge-before") << Ranges{{4, 6}, {1, 3}} << "1:6"_ba;
    QTest::newRow("overlap") << Ranges{{1, 5}, {3, 8}} << "1:8"_ba;
    QTest::newRow("contained") << Ranges{{1, 10}, {3, 4}} << "1:10"_ba;
    QTest::newRow("swallows-several") << Ranges{{1, 1}, {3, 3}, {5, 5}, {7, 7}, {2, 6}} << "1:7"_ba;
    QTest::newRow("bridges-gap") << Ranges{{1, 2}, {4, 5}, {3, 3}} << "1:5"_ba;
    QTest::newRow("reversed-bounds") << Ranges{{9, 5}} << "5:9"_ba;
    QTest::newRow("duplicate") << Ranges{{7, 7}, {7, 7}} << "7"_ba;
    QTest::newRow("top-of-range") << Ranges{{4294967294u, 4294967295u}, {1, 1}} << "1,4294967294:4294967295"_ba;
    QTest::newRow("whole-range") << Ranges{{1, 4294967295u}, {17, 20}} << "1:4294967295"_ba;
}

void TestUidSet::insert()
{
    QFETCH(Ranges, inserted);
    QFETCH(QByteArray, expected);
    QCOMPARE(fromRanges(inserted).toImapSequenceSet(), expected);
}

void TestUidSet::remove_data()
{
    QTest::addColumn<Ranges>("initial");
    QTest::addColumn<Ranges>("removed");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("absent") << Ranges{{1, 3}} << Ranges{{5, 9}} << "1:3"_ba;
    QTest::newRow("whole-range") << Ranges{{1, 3}, {5, 5}} << Ranges{{1, 3}} << "5"_ba;
    QTest::newRow("split-middle") << Ranges{{1, 10}} << Ranges{{4, 6}} << "1:3,7:10"_ba;
    QTest::newRow("trim-start") << Ranges{{1, 10}} << Ranges{{1, 2}} << "3:10"_ba;
    QTest::newRow("trim-end") << Ranges{{1, 10}} << Ranges{{9, 12}} << "1:8"_ba;
    QTest::newRow("across-ranges") << Ranges{{1, 3}, {5, 7}, {9, 11}} << Ranges{{2, 10}} << "1,11"_ba;
    QTest::newRow("everything") << Ranges{{1, 3}, {5, 7}} << Ranges{{1, 100}} << ""_ba;
    QTest::newRow("top-of-range") << Ranges{{1, 4294967295u}} << Ranges{{4294967295u, 4294967295u}}
                                  << "1:4294967294"_ba;
    QTest::newRow("reversed-bounds") << Ranges{{1, 10}} << Ranges{{6, 4}} << "1:3,7:10"_ba;
}

void TestUidSet::remove()
{
    QFETCH(Ranges, initial);
    QFETCH(Ranges, removed);
    QFETCH(QByteArray, expected);
    UidSet set = fromRanges(initial);
    for (const auto &range : removed)
        set.remove(range.first, range.last);
    QCOMPARE(set.toImapSequenceSet(), expected);
}

void TestUidSet::setOperations_data()
{
    QTest::addColumn<Ranges>("a");
    QTest::addColumn<Ranges>("b");
    QTest::addColumn<QByteArray>("united");
    QTest::addColumn<QByteArray>("subtracted");
    QTest::addColumn<QByteArray>("intersected");

    QTest::newRow("both-empty") << Ranges{} << Ranges{} << ""_ba
                                << ""_ba
                                << ""_ba;
    QTest::newRow("empty-b") << Ranges{{1, 5}} << Ranges{} << "1:5"_ba
                             << "1:5"_ba
                             << ""_ba;
    QTest::newRow("empty-a") << Ranges{} << Ranges{{1, 5}} << "1:5"_ba
                             << ""_ba
                             << ""_ba;
    QTest::newRow("disjoint") << Ranges{{1, 3}} << Ranges{{10, 12}} << "1:3,10:12"_ba
                              << "1:3"_ba
                              << ""_ba;
    QTest::newRow("adjacent") << Ranges{{1, 3}} << Ranges{{4, 6}} << "1:6"_ba
                              << "1:3"_ba
                              << ""_ba;
    QTest::newRow("overlapping") << Ranges{{1, 10}} << Ranges{{5, 15}} << "1:15"_ba
                                 << "1:4"_ba
                                 << "5:10"_ba;
    QTest::newRow("holes") << Ranges{{1, 20}} << Ranges{{3, 4}, {8, 8}, {15, 30}} << "1:30"_ba
                           << "1:2,5:7,9:14"_ba
                           << "3:4,8,15:20"_ba;
    QTest::newRow("interleaved") << Ranges{{1, 2}, {5, 6}, {9, 10}} << Ranges{{2, 5}, {10, 11}} << "1:6,9:11"_ba
                                 << "1,6,9"_ba
                                 << "2,5,10"_ba;
    QTest::newRow("equal") << Ranges{{1, 3}, {7, 9}} << Ranges{{1, 3}, {7, 9}} << "1:3,7:9"_ba
                           << ""_ba
                           << "1:3,7:9"_ba;
    QTest::newRow("b-covers-a") << Ranges{{4, 5}, {8, 9}} << Ranges{{1, 100}} << "1:100"_ba
                                << ""_ba
                                << "4:5,8:9"_ba;
    QTest::newRow("top-of-range") << Ranges{{4294967290u, 4294967295u}} << Ranges{{4294967295u, 4294967295u}}
                                  << "4294967290:4294967295"_ba
                                  << "4294967290:4294967294"_ba
                                  << "4294967295"_ba;
}

void TestUidSet::setOperations()
{
    QFETCH(Ranges, a);
    QFETCH(Ranges, b);
    QFETCH(QByteArray, united);
    QFETCH(QByteArray, subtracted);
    QFETCH(QByteArray, intersected);
    const UidSet setA = fromRanges(a);
    const UidSet setB = fromRanges(b);

    QCOMPARE((setA | setB).toImapSequenceSet(), united);
    QCOMPARE((setB | setA).toImapSequenceSet(), united);
    QCOMPARE((setA - setB).toImapSequenceSet(), subtracted);
    QCOMPARE((setA & setB).toImapSequenceSet(), intersected);
    QCOMPARE((setB & setA).toImapSequenceSet(), intersected);

    // The results are normalised: equal to the same set built element by element.
    UidSet expectedUnion = setA;
    for (Uid uid : setB)
        expectedUnion.insert(uid);
    QCOMPARE(setA | setB, expectedUnion);
}

void TestUidSet::countAndBounds()
{
    const UidSet set = fromRanges({{3, 7}, {10, 10}, {20, 29}});
    QCOMPARE(set.count(), quint64(16));
    QCOMPARE(set.ranges().size(), size_t(3));
    QCOMPARE(set.min(), Uid(3));
    QCOMPARE(set.max(), Uid(29));

    QCOMPARE(UidSet().count(), quint64(0));
    QVERIFY(UidSet().isEmpty());
    QCOMPARE(UidSet::fromRange(1, maxUid).count(), quint64(4294967295u));
}

void TestUidSet::containsAndIteration()
{
    const UidSet set{9, 1, 2, 3, 7, 4294967295u};
    QVERIFY(set.contains(1));
    QVERIFY(set.contains(3));
    QVERIFY(!set.contains(4));
    QVERIFY(set.contains(7));
    QVERIFY(!set.contains(8));
    QVERIFY(set.contains(4294967295u));
    QVERIFY(!UidSet().contains(1));

    std::vector<Uid> seen(set.begin(), set.end());
    QCOMPARE(seen, (std::vector<Uid>{1, 2, 3, 7, 9, 4294967295u}));

    int n = 0;
    for (Uid uid : UidSet()) {
        Q_UNUSED(uid);
        ++n;
    }
    QCOMPARE(n, 0);
}

void TestUidSet::fromSequenceSet_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<uint>("largest");
    QTest::addColumn<QByteArray>("expected");

    QTest::newRow("single") << "7"_ba << 100u << "7"_ba;
    QTest::newRow("range") << "1:5"_ba << 100u << "1:5"_ba;
    QTest::newRow("list") << "1:5,7,9:20"_ba << 100u << "1:5,7,9:20"_ba;
    QTest::newRow("star-range") << "1:5,7,9:*"_ba << 100u << "1:5,7,9:100"_ba;
    QTest::newRow("star-alone") << "*"_ba << 42u << "42"_ba;
    QTest::newRow("star-first") << "*:40"_ba << 42u << "40:42"_ba;
    QTest::newRow("star-below-start") << "559:*"_ba << 100u << "100:559"_ba;
    QTest::newRow("reversed") << "9:5"_ba << 100u << "5:9"_ba;
    QTest::newRow("unsorted-overlapping") << "10:12,1:3,2:11"_ba << 100u << "1:12"_ba;
    QTest::newRow("largest-uid") << "4294967295"_ba << 0u << "4294967295"_ba;
    QTest::newRow("whole-range") << "1:4294967295"_ba << 0u << "1:4294967295"_ba;
}

void TestUidSet::fromSequenceSet()
{
    QFETCH(QByteArray, text);
    QFETCH(uint, largest);
    QFETCH(QByteArray, expected);
    const auto result = UidSet::fromImapSequenceSet(text, largest);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(result.value().toImapSequenceSet(), expected);
}

void TestUidSet::rejectsBadSequenceSet_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<uint>("largest");
    QTest::addColumn<qsizetype>("offset");

    QTest::newRow("empty") << ""_ba << 10u << qsizetype(0);
    QTest::newRow("zero") << "0"_ba << 10u << qsizetype(0);
    QTest::newRow("zero-in-range") << "1:0"_ba << 10u << qsizetype(2);
    QTest::newRow("zero-in-list") << "3,0,5"_ba << 10u << qsizetype(2);
    QTest::newRow("leading-zero") << "01"_ba << 10u << qsizetype(0);
    QTest::newRow("above-32-bits") << "4294967296"_ba << 10u << qsizetype(0);
    QTest::newRow("far-above-32-bits") << "1:99999999999999999999"_ba << 10u << qsizetype(2);
    QTest::newRow("trailing-comma") << "1,"_ba << 10u << qsizetype(2);
    QTest::newRow("leading-comma") << ",1"_ba << 10u << qsizetype(0);
    QTest::newRow("double-comma") << "1,,2"_ba << 10u << qsizetype(2);
    QTest::newRow("open-range") << "1:"_ba << 10u << qsizetype(2);
    QTest::newRow("double-colon") << "1:2:3"_ba << 10u << qsizetype(3);
    QTest::newRow("space") << "1, 2"_ba << 10u << qsizetype(2);
    QTest::newRow("letter") << "1a"_ba << 10u << qsizetype(1);
    QTest::newRow("negative") << "-1"_ba << 10u << qsizetype(0);
    QTest::newRow("search-result-reference") << "$"_ba << 10u << qsizetype(0);
    QTest::newRow("star-in-empty-mailbox") << "1:*"_ba << 0u << qsizetype(2);
}

void TestUidSet::rejectsBadSequenceSet()
{
    QFETCH(QByteArray, text);
    QFETCH(uint, largest);
    QFETCH(qsizetype, offset);
    const auto result = UidSet::fromImapSequenceSet(text, largest);
    QVERIFY(!result.ok());
    QCOMPARE(result.error().offset, offset);
    QVERIFY(!result.error().message.isEmpty());
}

void TestUidSet::roundTripsLargeSet()
{
    // Every third UID of a 100,000-message mailbox: the worst case for intervals.
    UidSet set;
    for (Uid uid = 1; uid <= 100000; uid += 3)
        set.insert(uid);
    QCOMPARE(set.count(), quint64(33334));
    const QByteArray text = set.toImapSequenceSet();
    const auto parsed = UidSet::fromImapSequenceSet(text, 100000);
    QVERIFY(parsed.ok());
    QCOMPARE(parsed.value(), set);

    // Filling the gaps collapses everything into one interval.
    for (Uid uid = 2; uid <= 100000; uid += 3) {
        set.insert(uid);
        set.insert(uid + 1);
    }
    QCOMPARE(set.toImapSequenceSet(), "1:100000"_ba);
}

QTEST_APPLESS_MAIN(TestUidSet)
#include "tst_UidSet.moc"
