// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/Flags.h"

#include <QTest>
#include <QThread>

#include <vector>

using namespace fumi;
using namespace Qt::StringLiterals;

namespace {

Keyword keyword(QByteArrayView name)
{
    return Keyword::fromName(name).value();
}

} // namespace

class TestFlags : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parse_data();
    void parse();
    void rejectsInvalid_data();
    void rejectsInvalid();
    void keywordsAreCaseInsensitive();
    void keywordRejectsSystemFlagsAndBadNames_data();
    void keywordRejectsSystemFlagsAndBadNames();
    void addByName();
    void unionAndDifference();
    void internIsThreadSafe();
};

void TestFlags::parse_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<int>("system");
    QTest::addColumn<QByteArrayList>("keywords");
    QTest::addColumn<QByteArray>("printed");

    using S = Flags::System;
    QTest::newRow("empty") << "()"_ba << 0 << QByteArrayList{} << "()"_ba;
    QTest::newRow("seen") << "(\\Seen)"_ba << int(S::Seen) << QByteArrayList{} << "(\\Seen)"_ba;
    QTest::newRow("all-system-flags") << "(\\Draft \\Deleted \\Flagged \\Answered \\Seen \\Recent)"_ba
                                      << int(S::Seen | S::Answered | S::Flagged | S::Deleted | S::Draft | S::Recent)
                                      << QByteArrayList{}
                                      << "(\\Seen \\Answered \\Flagged \\Deleted \\Draft \\Recent)"_ba;
    QTest::newRow("system-flags-any-case")
        << "(\\SEEN \\answered)"_ba << int(S::Seen | S::Answered) << QByteArrayList{} << "(\\Seen \\Answered)"_ba;
    QTest::newRow("keywords") << "($Forwarded \\Seen NonJunk)"_ba << int(S::Seen)
                              << QByteArrayList{"$Forwarded"_ba, "NonJunk"_ba} << "(\\Seen $Forwarded NonJunk)"_ba;
    QTest::newRow("keywords-print-sorted")
        << "(zeta Alpha $MDNSent)"_ba << 0 << QByteArrayList{"$MDNSent"_ba, "Alpha"_ba, "zeta"_ba}
        << "($MDNSent Alpha zeta)"_ba;
    QTest::newRow("duplicates") << "(\\Seen \\Seen $Junk $Junk)"_ba << int(S::Seen) << QByteArrayList{"$Junk"_ba}
                                << "(\\Seen $Junk)"_ba;
    QTest::newRow("extension-flag") << "(\\Seen \\XFuture)"_ba << int(S::Seen) << QByteArrayList{"\\XFuture"_ba}
                                    << "(\\Seen \\XFuture)"_ba;
    QTest::newRow("gmail-style-keyword") << "($label1 Old-Tag.2026)"_ba << 0
                                         << QByteArrayList{"$label1"_ba, "Old-Tag.2026"_ba}
                                         << "($label1 Old-Tag.2026)"_ba;
}

void TestFlags::parse()
{
    QFETCH(QByteArray, text);
    QFETCH(int, system);
    QFETCH(QByteArrayList, keywords);
    QFETCH(QByteArray, printed);

    const auto result = Flags::fromImapList(text);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const Flags &flags = result.value();
    QCOMPARE(int(flags.system().toInt()), system);
    QCOMPARE(flags.keywords().size(), size_t(keywords.size()));
    for (const QByteArray &name : keywords)
        QVERIFY2(flags.has(keyword(name)), name.constData());
    QCOMPARE(flags.toImapList(), printed);

    // What we print parses back to the same flags.
    const auto reparsed = Flags::fromImapList(flags.toImapList());
    QVERIFY(reparsed.ok());
    QCOMPARE(reparsed.value(), flags);
}

void TestFlags::rejectsInvalid_data()
{
    QTest::addColumn<QByteArray>("text");
    QTest::addColumn<qsizetype>("offset");

    QTest::newRow("empty-input") << ""_ba << qsizetype(0);
    QTest::newRow("no-parentheses") << "\\Seen"_ba << qsizetype(0);
    QTest::newRow("unclosed") << "(\\Seen"_ba << qsizetype(6);
    QTest::newRow("unclosed-empty") << "("_ba << qsizetype(1);
    QTest::newRow("trailing-text") << "(\\Seen) x"_ba << qsizetype(7);
    QTest::newRow("trailing-text-after-empty") << "()x"_ba << qsizetype(2);
    QTest::newRow("leading-space") << "( \\Seen)"_ba << qsizetype(1);
    QTest::newRow("double-space") << "(\\Seen  \\Draft)"_ba << qsizetype(7);
    QTest::newRow("trailing-space") << "(\\Seen )"_ba << qsizetype(7);
    QTest::newRow("lone-backslash") << "(\\)"_ba << qsizetype(2);
    QTest::newRow("permanentflags-wildcard") << "(\\Seen \\*)"_ba << qsizetype(7);
    QTest::newRow("quote-in-keyword") << "(a\"b)"_ba << qsizetype(2);
    QTest::newRow("bracket-in-keyword") << "(a]b)"_ba << qsizetype(2);
    QTest::newRow("brace-in-keyword") << "({3})"_ba << qsizetype(1);
    QTest::newRow("wildcard-in-keyword") << "(a%)"_ba << qsizetype(2);
    QTest::newRow("nested-list") << "((\\Seen))"_ba << qsizetype(1);
    QTest::newRow("control-char") << "(a\x01)"_ba << qsizetype(2);
    QTest::newRow("8bit") << "(caf\xc3\xa9)"_ba << qsizetype(4);
    QTest::newRow("backslash-inside") << "(a\\b)"_ba << qsizetype(2);
}

void TestFlags::rejectsInvalid()
{
    QFETCH(QByteArray, text);
    QFETCH(qsizetype, offset);
    const auto result = Flags::fromImapList(text);
    QVERIFY2(!result.ok(), result.ok() ? result.value().toImapList().constData() : "");
    QCOMPARE(result.error().offset, offset);
    QVERIFY(!result.error().message.isEmpty());
}

void TestFlags::keywordsAreCaseInsensitive()
{
    const Keyword first = keyword("$CaseTestKeyword");
    const Keyword second = keyword("$casetestkeyword");
    QCOMPARE(first, second);
    QCOMPARE(second.name(), "$CaseTestKeyword"_ba); // spelled as first seen

    Flags flags;
    flags.add(first);
    QVERIFY(flags.has(second));
    flags.remove(keyword("$CASETESTKEYWORD"));
    QVERIFY(flags.isEmpty());
}

void TestFlags::keywordRejectsSystemFlagsAndBadNames_data()
{
    QTest::addColumn<QByteArray>("name");
    QTest::newRow("empty") << ""_ba;
    QTest::newRow("system-seen") << "\\Seen"_ba;
    QTest::newRow("system-recent-lowercase") << "\\recent"_ba;
    QTest::newRow("space") << "a b"_ba;
    QTest::newRow("parenthesis") << "a(b"_ba;
    QTest::newRow("lone-backslash") << "\\"_ba;
    QTest::newRow("wildcard") << "\\*"_ba;
}

void TestFlags::keywordRejectsSystemFlagsAndBadNames()
{
    QFETCH(QByteArray, name);
    QVERIFY(!Keyword::fromName(name).ok());
}

void TestFlags::addByName()
{
    Flags flags;
    QVERIFY(flags.addName("\\draft"));
    QVERIFY(flags.addName("$Phishing"));
    QVERIFY(!flags.addName("\\*"));
    QVERIFY(!flags.addName("two words"));
    QVERIFY(!flags.addName(""));
    QCOMPARE(flags.toImapList(), "(\\Draft $Phishing)"_ba);
}

void TestFlags::unionAndDifference()
{
    const Flags current = Flags::fromImapList("(\\Seen $Forwarded Work)").value();
    const Flags change = Flags::fromImapList("(\\Flagged \\Seen Work Urgent)").value();

    QCOMPARE(current.united(change).toImapList(), "(\\Seen \\Flagged $Forwarded Urgent Work)"_ba);
    QCOMPARE(current.subtracted(change).toImapList(), "($Forwarded)"_ba);
    QCOMPARE(change.subtracted(current).toImapList(), "(\\Flagged Urgent)"_ba);
    QCOMPARE(current.subtracted(current), Flags());

    Flags edited = current;
    edited.set(Flags::System::Seen, false);
    edited.set(Flags::System::Answered);
    QCOMPARE(edited.toImapList(), "(\\Answered $Forwarded Work)"_ba);
}

void TestFlags::internIsThreadSafe()
{
    // Several threads interning the same new names at once must agree on every id.
    constexpr int threadCount = 4;
    constexpr int names = 500;
    std::vector<std::vector<quint32>> ids(threadCount);
    std::vector<std::unique_ptr<QThread>> threads;
    for (int t = 0; t < threadCount; ++t) {
        threads.emplace_back(QThread::create([t, &ids] {
            for (int i = 0; i < names; ++i) {
                const QByteArray name = "threaded-" + QByteArray::number(i);
                ids[size_t(t)].push_back(Keyword::fromName(t % 2 ? name.toUpper() : name).value().id());
            }
        }));
        threads.back()->start();
    }
    for (auto &thread : threads)
        QVERIFY(thread->wait(30000));
    for (int t = 1; t < threadCount; ++t)
        QCOMPARE(ids[size_t(t)], ids[0]);
}

QTEST_APPLESS_MAIN(TestFlags)
#include "tst_Flags.moc"
