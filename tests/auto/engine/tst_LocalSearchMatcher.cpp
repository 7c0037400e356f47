// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The local phase of a search decides from cached rows alone, and must never show a message
// the server would not return: each row says what the matcher answers for one query against
// one cached message, Yes, No or Unknown.

#include "engine/LocalSearchMatcher.h"

#include <QTest>

using namespace fumi;
using namespace fumi::engine;
using namespace Qt::StringLiterals;

using Answer = LocalSearchMatcher::Answer;
Q_DECLARE_METATYPE(fumi::store::MessageRecord)

namespace {

store::MessageRecord message()
{
    store::MessageRecord row;
    row.uid = 7;
    row.subject = u"週次報告 Weekly report"_s;
    row.fromName = u"山田 太郎"_s;
    row.fromAddress = u"taro@example.jp"_s;
    row.to = u"Alice <alice@example.org>, bob@example.org"_s;
    row.cc = u"carol@example.org"_s;
    row.size = 20000;
    // Noon UTC: 2026-02-10 from UTC-12 to UTC+11, 2026-02-11 further east.
    row.internalDate = QDateTime(QDate(2026, 2, 10), QTime(12, 0), QTimeZone::UTC);
    row.flags.set(Flags::System::Seen, true);
    row.flags.set(Flags::System::Answered, true);
    row.flags.add(Keyword::fromName("$Important").value());
    return row;
}

store::MessageRecord nearMidnight()
{
    store::MessageRecord row = message();
    // 23:30 UTC on the 10th is already the 11th east of UTC.
    row.internalDate = QDateTime(QDate(2026, 2, 10), QTime(23, 30), QTimeZone::UTC);
    return row;
}

store::MessageRecord unread()
{
    store::MessageRecord row = message();
    row.flags = Flags();
    row.flags.set(Flags::System::Flagged, true);
    row.flags.set(Flags::System::Draft, true);
    return row;
}

} // namespace

class TestLocalSearchMatcher : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void evaluates_data();
    void evaluates();
    void canMatch_data();
    void canMatch();
    void refinedAttachments_data();
    void refinedAttachments();
    void filter_data();
    void filter();
};

void TestLocalSearchMatcher::evaluates_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<store::MessageRecord>("row");
    QTest::addColumn<Answer>("expected");

    auto row = [](const char *name, const QString &query, const store::MessageRecord &record, Answer expected) {
        QTest::newRow(name) << query << record << expected;
    };
    const store::MessageRecord m = message();
    row("everything", u""_s, m, Answer::Yes);
    row("from-name", u"from:山田"_s, m, Answer::Yes);
    row("from-address-case", u"from:TARO@EXAMPLE"_s, m, Answer::Yes);
    row("from-miss-is-unknown", u"from:hanako"_s, m, Answer::Unknown);
    row("to", u"to:alice"_s, m, Answer::Yes);
    row("to-second-address", u"to:bob@example"_s, m, Answer::Yes);
    row("cc", u"cc:carol"_s, m, Answer::Yes);
    row("cc-miss", u"cc:dave"_s, m, Answer::Unknown);
    row("subject-japanese", u"subject:週次"_s, m, Answer::Yes);
    row("subject-phrase-case", u"subject:\"weekly REPORT\""_s, m, Answer::Yes);
    row("subject-miss", u"subject:invoice"_s, m, Answer::Unknown);
    row("text-in-subject", u"報告"_s, m, Answer::Yes);
    row("text-in-to", u"alice"_s, m, Answer::Yes);
    row("text-miss-may-be-in-body", u"invoice"_s, m, Answer::Unknown);
    row("bcc-unknown", u"bcc:x"_s, m, Answer::Unknown);
    row("body-unknown", u"body:週次"_s, m, Answer::Unknown);
    row("attachment-unknown", u"has:attachment"_s, m, Answer::Unknown);
    row("read", u"is:read"_s, m, Answer::Yes);
    row("unread-no", u"is:unread"_s, m, Answer::No);
    row("unread-yes", u"is:unread"_s, unread(), Answer::Yes);
    row("answered", u"is:answered"_s, m, Answer::Yes);
    row("flagged-no", u"is:flagged"_s, m, Answer::No);
    row("flagged-yes", u"is:flagged"_s, unread(), Answer::Yes);
    row("draft", u"is:draft"_s, unread(), Answer::Yes);
    row("keyword", u"keyword:$important"_s, m, Answer::Yes);
    row("keyword-missing", u"keyword:$Junk"_s, m, Answer::No);
    row("larger-yes", u"larger:19k"_s, m, Answer::Yes);
    row("larger-no-equal", u"larger:20000"_s, m, Answer::No);
    row("smaller-yes", u"smaller:20001"_s, m, Answer::Yes);
    row("smaller-no", u"smaller:10k"_s, m, Answer::No);
    row("before-yes", u"before:2026-02-12"_s, m, Answer::Yes);
    row("before-next-day-depends-on-zone", u"before:2026-02-11"_s, m, Answer::Unknown);
    row("before-no-same-day", u"before:2026-02-10"_s, m, Answer::No);
    row("after-yes", u"after:2026-02-09"_s, m, Answer::Yes);
    row("after-same-day-depends-on-zone", u"after:2026-02-10"_s, m, Answer::Unknown);
    row("after-no", u"after:2026-02-11"_s, m, Answer::No);
    row("on-depends-on-zone", u"on:2026-02-10"_s, m, Answer::Unknown);
    row("on-no", u"on:2026-02-12"_s, m, Answer::No);
    row("on-no-before", u"on:2026-02-08"_s, m, Answer::No);
    row("near-midnight-on-unknown", u"on:2026-02-10"_s, nearMidnight(), Answer::Unknown);
    row("near-midnight-before-unknown", u"before:2026-02-11"_s, nearMidnight(), Answer::Unknown);
    row("near-midnight-after-unknown", u"after:2026-02-10"_s, nearMidnight(), Answer::Unknown);
    row("near-midnight-after-far-yes", u"after:2026-02-08"_s, nearMidnight(), Answer::Yes);
    row("and-yes", u"from:山田 is:read"_s, m, Answer::Yes);
    row("and-no-wins", u"body:x is:unread"_s, m, Answer::No);
    row("and-unknown", u"body:x is:read"_s, m, Answer::Unknown);
    row("or-yes-wins", u"body:x OR is:read"_s, m, Answer::Yes);
    row("or-no", u"is:unread OR is:flagged"_s, m, Answer::No);
    row("or-unknown", u"is:unread OR body:x"_s, m, Answer::Unknown);
    row("not-no", u"-is:read"_s, m, Answer::No);
    row("not-yes", u"-is:flagged"_s, m, Answer::Yes);
    // A miss on a text field never becomes a Yes under "-": the server may still find it.
    row("not-text-miss-unknown", u"-from:hanako"_s, m, Answer::Unknown);
    row("not-text-hit-no", u"-from:山田"_s, m, Answer::No);
}

void TestLocalSearchMatcher::evaluates()
{
    QFETCH(QString, query);
    QFETCH(store::MessageRecord, row);
    QFETCH(Answer, expected);
    const ParseResult<SearchQuery> parsed = SearchQueryParser::parse(query, QDate(2026, 3, 15));
    QVERIFY(parsed.ok());
    const LocalSearchMatcher matcher(parsed.value().root);
    QCOMPARE(matcher.evaluate(row), expected);
    QCOMPARE(matcher.matches(row), expected == Answer::Yes);
    // The same answer from a row with only fields() filled in, as AccountStore::scanMessages()
    // reads it for the search's local phase.
    const store::MessageFields &fields = matcher.fields();
    store::MessageRecord narrow;
    narrow.uid = row.uid;
    if (fields.flags)
        narrow.flags = row.flags;
    if (fields.size)
        narrow.size = row.size;
    if (fields.internalDate)
        narrow.internalDate = row.internalDate;
    if (fields.subject)
        narrow.subject = row.subject;
    if (fields.from) {
        narrow.fromName = row.fromName;
        narrow.fromAddress = row.fromAddress;
    }
    if (fields.to)
        narrow.to = row.to;
    if (fields.cc)
        narrow.cc = row.cc;
    QCOMPARE(matcher.evaluate(narrow), expected);
}

void TestLocalSearchMatcher::canMatch_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("canMatch");
    QTest::newRow("from") << u"from:a"_s << true;
    QTest::newRow("body") << u"body:a"_s << false;
    QTest::newRow("bcc") << u"bcc:a"_s << false;
    QTest::newRow("attachment") << u"has:attachment"_s << false;
    QTest::newRow("body-and-flag") << u"body:a is:unread"_s << false;
    QTest::newRow("body-or-flag") << u"body:a OR is:unread"_s << true;
    QTest::newRow("not-text") << u"-from:a"_s << false;
    QTest::newRow("not-flag") << u"-is:read"_s << true;
    QTest::newRow("not-not-text") << u"-(-from:a)"_s << true;
    QTest::newRow("not-or-text-flag") << u"-(from:a OR is:read)"_s << false;
    QTest::newRow("everything") << u""_s << true;
}

void TestLocalSearchMatcher::canMatch()
{
    QFETCH(QString, query);
    QFETCH(bool, canMatch);
    const ParseResult<SearchQuery> parsed = SearchQueryParser::parse(query, QDate(2026, 3, 15));
    QVERIFY(parsed.ok());
    QCOMPARE(LocalSearchMatcher(parsed.value().root).canMatch(), canMatch);
}

void TestLocalSearchMatcher::refinedAttachments_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<std::optional<bool>>("attachments"); // what the stored structure answers
    QTest::addColumn<Answer>("expected");
    QTest::addColumn<bool>("canMatch");
    QTest::addColumn<bool>("readsAnswer"); // fields().attachments
    const std::optional<bool> none;
    QTest::newRow("with") << u"has:attachment"_s << std::optional<bool>(true) << Answer::Yes << true << true;
    QTest::newRow("without") << u"has:attachment"_s << std::optional<bool>(false) << Answer::No << true << true;
    QTest::newRow("not-stored") << u"has:attachment"_s << none << Answer::Unknown << true << true;
    QTest::newRow("and-text-yes") << u"has:attachment from:taro"_s << std::optional<bool>(true) << Answer::Yes << true
                                  << true;
    QTest::newRow("and-text-unknown") << u"has:attachment from:nobody"_s << std::optional<bool>(true) << Answer::Unknown
                                      << true << true;
    QTest::newRow("and-flag-no") << u"has:attachment is:unread"_s << std::optional<bool>(true) << Answer::No << true
                                 << true;
    QTest::newRow("and-without") << u"from:taro has:attachment"_s << std::optional<bool>(false) << Answer::No << true
                                 << true;
    QTest::newRow("and-body") << u"has:attachment body:x"_s << std::optional<bool>(true) << Answer::Unknown << false
                              << true;
    // Under OR or "-" the server's superset stands: the stored answer decides nothing.
    QTest::newRow("under-or") << u"has:attachment OR from:nobody"_s << std::optional<bool>(true) << Answer::Unknown
                              << true << false;
    QTest::newRow("under-not") << u"-has:attachment"_s << std::optional<bool>(false) << Answer::Unknown << false
                               << false;
}

void TestLocalSearchMatcher::refinedAttachments()
{
    QFETCH(QString, query);
    QFETCH(std::optional<bool>, attachments);
    QFETCH(Answer, expected);
    QFETCH(bool, canMatch);
    QFETCH(bool, readsAnswer);
    const ParseResult<SearchQuery> parsed = SearchQueryParser::parse(query, QDate(2026, 3, 15));
    QVERIFY(parsed.ok());
    const LocalSearchMatcher refined(parsed.value().root, true);
    QCOMPARE(refined.evaluate(message(), attachments), expected);
    QCOMPARE(refined.canMatch(), canMatch);
    // The answer is read with the rows only where it decides something.
    QCOMPARE(refined.fields().attachments, readsAnswer);
    // Not refined (Gmail), the row's answer is never Yes.
    const LocalSearchMatcher unrefined(parsed.value().root);
    QVERIFY(unrefined.evaluate(message(), attachments) != Answer::Yes);
    QVERIFY(!unrefined.fields().attachments);
}

void TestLocalSearchMatcher::filter_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<bool>("refined");
    QTest::addColumn<bool>("unseen");
    QTest::addColumn<bool>("flagged");
    QTest::addColumn<bool>("attachments");
    QTest::newRow("flagged") << u"is:flagged"_s << false << false << true << false;
    QTest::newRow("flagged-and-text") << u"from:a is:flagged"_s << false << false << true << false;
    QTest::newRow("unread") << u"is:unread"_s << false << true << false << false;
    QTest::newRow("not-read") << u"subject:x -is:read"_s << false << true << false << false;
    QTest::newRow("both") << u"is:unread is:flagged"_s << false << true << true << false;
    QTest::newRow("under-or") << u"is:flagged OR from:a"_s << false << false << false << false;
    QTest::newRow("not-flagged") << u"-is:flagged"_s << false << false << false << false;
    QTest::newRow("read") << u"is:read"_s << false << false << false << false;
    QTest::newRow("text") << u"from:a"_s << false << false << false << false;
    // Only where the stored answers decide has:attachment (LocalSearchMatcher's refinement).
    QTest::newRow("attachment") << u"has:attachment"_s << true << false << false << true;
    QTest::newRow("attachment-and-flagged") << u"has:attachment is:flagged"_s << true << false << true << true;
    QTest::newRow("attachment-unrefined") << u"has:attachment"_s << false << false << false << false;
    QTest::newRow("attachment-under-or") << u"has:attachment OR from:a"_s << true << false << false << false;
    QTest::newRow("no-attachment") << u"-has:attachment"_s << true << false << false << false;
}

void TestLocalSearchMatcher::filter()
{
    QFETCH(QString, query);
    QFETCH(bool, refined);
    QFETCH(bool, unseen);
    QFETCH(bool, flagged);
    QFETCH(bool, attachments);
    const ParseResult<SearchQuery> parsed = SearchQueryParser::parse(query, QDate(2026, 3, 15));
    QVERIFY(parsed.ok());
    const store::ScanFilter filter = LocalSearchMatcher(parsed.value().root, refined).filter();
    QCOMPARE(filter.unseen, unseen);
    QCOMPARE(filter.flagged, flagged);
    QCOMPARE(filter.attachments, attachments);
}

QTEST_GUILESS_MAIN(TestLocalSearchMatcher)
#include "tst_LocalSearchMatcher.moc"
