// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The search bar's language end to end without a server: query text → tree (in
// SearchTerm::toString()'s compact form) → the exact bytes of the IMAP command, for every
// operator and each capability that changes the bytes, and every error with where it points.

#include "engine/SearchCompiler.h"
#include "engine/SearchQuery.h"

#include <QTest>

using namespace fumi;
using namespace fumi::engine;
using namespace Qt::StringLiterals;

namespace {

const QDate today(2026, 3, 15);

SearchCapabilities capabilitiesFrom(const QString &names)
{
    SearchCapabilities c;
    const QStringList list = names.split(u',', Qt::SkipEmptyParts);
    for (const QString &name : list) {
        if (name == "esearch"_L1)
            c.esearch = true;
        else if (name == "utf8"_L1)
            c.utf8Accept = true;
        else if (name == "literal+"_L1)
            c.literalPlus = true;
        else if (name == "literal-"_L1)
            c.literalMinus = true;
        else if (name == "gmail"_L1)
            c.gmail = true;
        else if (name == "multisearch"_L1)
            c.multisearch = true;
        else if (name != "plain"_L1)
            qFatal("unknown capability %s", qPrintable(name));
    }
    return c;
}

QString scopeOf(const SearchQuery &query)
{
    return u"in=%1 all=%2 account=%3"_s.arg(query.folders.join(u'|'), query.allFolders ? u"1"_s : u"0"_s,
                                            query.accounts.join(u'|'));
}

} // namespace

class TestSearchQuery : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void compiles_data();
    void compiles();
    void rejects_data();
    void rejects();
    void termOffsets();
    void attachmentRefinement_data();
    void attachmentRefinement();
    void compilerRejectsKeywordThatIsNotAnAtom();
    void partOfAMailbox_data();
    void partOfAMailbox();
};

void TestSearchQuery::parses_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("tree");
    QTest::addColumn<QString>("scope");

    const QString none = u"in= all=0 account="_s;
    auto row = [&](const char *name, const QString &query, const QString &tree, const QString &scope) {
        QTest::newRow(name) << query << tree << scope;
    };
    row("empty", u""_s, u"(and)"_s, none);
    row("only-space", u"   　"_s, u"(and)"_s, none);
    row("word", u"alice"_s, u"(and (text \"alice\"))"_s, none);
    row("words", u"alice  bob"_s, u"(and (text \"alice\") (text \"bob\"))"_s, none);
    row("phrase", u"\"quarterly report\""_s, u"(and (text \"quarterly report\"))"_s, none);
    row("phrase-escapes", u"subject:\"say \\\"hi\\\" \\\\o/\""_s, u"(and (subject \"say \"hi\" \\o/\"))"_s, none);
    row("from", u"from:alice@example.org"_s, u"(and (from \"alice@example.org\"))"_s, none);
    row("from-phrase", u"from:\"Alice Liddell\""_s, u"(and (from \"Alice Liddell\"))"_s, none);
    row("to-cc-bcc", u"to:a cc:b bcc:c"_s, u"(and (to \"a\") (cc \"b\") (bcc \"c\"))"_s, none);
    row("subject-body", u"subject:report body:\"see attached\""_s,
        u"(and (subject \"report\") (body \"see attached\"))"_s, none);
    row("operator-case", u"FROM:x Is:Unread"_s, u"(and (from \"x\") (unread))"_s, none);
    row("has-attachment", u"has:attachment"_s, u"(and (attachment))"_s, none);
    row("is-all", u"is:unread is:read is:flagged is:starred is:answered is:draft"_s,
        u"(and (unread) (read) (flagged) (flagged) (answered) (draft))"_s, none);
    row("keyword", u"keyword:$Important"_s, u"(and (keyword \"$Important\"))"_s, none);
    row("dates", u"before:2026-01-02 after:2025-12-31 on:2026-02-28"_s,
        u"(and (before 2026-01-02) (after 2025-12-31) (on 2026-02-28))"_s, none);
    row("newer-than-days", u"newer_than:7d"_s, u"(and (after 2026-03-07))"_s, none);
    row("older-than-weeks", u"older_than:2w"_s, u"(and (before 2026-03-01))"_s, none);
    row("newer-than-months", u"newer_than:3m"_s, u"(and (after 2025-12-14))"_s, none);
    row("older-than-years", u"older_than:1y"_s, u"(and (before 2025-03-15))"_s, none);
    row("sizes", u"larger:10k smaller:5M larger:100 smaller:1g"_s,
        u"(and (larger 10240) (smaller 5242880) (larger 100) (smaller 1073741824))"_s, none);
    row("or", u"a OR b"_s, u"(and (or (text \"a\") (text \"b\")))"_s, none);
    row("or-three", u"a OR b OR c"_s, u"(and (or (text \"a\") (text \"b\") (text \"c\")))"_s, none);
    row("or-binds-tighter", u"a b OR c"_s, u"(and (text \"a\") (or (text \"b\") (text \"c\")))"_s, none);
    row("lower-or-is-a-word", u"a or b"_s, u"(and (text \"a\") (text \"or\") (text \"b\"))"_s, none);
    row("not", u"-from:x"_s, u"(and (not (from \"x\")))"_s, none);
    row("not-group", u"-(a b)"_s, u"(and (not (and (text \"a\") (text \"b\"))))"_s, none);
    row("not-not", u"--a"_s, u"(and (not (not (text \"a\"))))"_s, none);
    row("hyphen-inside-word", u"e-mail"_s, u"(and (text \"e-mail\"))"_s, none);
    row("group-flattened", u"(a b) c"_s, u"(and (text \"a\") (text \"b\") (text \"c\"))"_s, none);
    row("group-single", u"((a))"_s, u"(and (text \"a\"))"_s, none);
    row("group-or", u"(a b) OR -c"_s, u"(and (or (and (text \"a\") (text \"b\")) (not (text \"c\"))))"_s, none);
    row("or-groups-not", u"(a OR b) -(c OR d)"_s,
        u"(and (or (text \"a\") (text \"b\")) (not (or (text \"c\") (text \"d\"))))"_s, none);
    row("japanese-ideographic-space", u"会議資料　from:山田"_s, u"(and (text \"会議資料\") (from \"山田\"))"_s, none);
    row("japanese-phrase", u"subject:\"週次 報告\""_s, u"(and (subject \"週次 報告\"))"_s, none);
    row("colon-in-word", u"10:30 日本:東京"_s, u"(and (text \"10:30\") (text \"日本:東京\"))"_s, none);
    row("in-folders", u"in:Archive in:\"Sent Items\" from:x"_s, u"(and (from \"x\"))"_s,
        u"in=Archive|Sent Items all=0 account="_s);
    row("in-all", u"in:all is:unread"_s, u"(and (unread))"_s, u"in= all=1 account="_s);
    row("in-quoted-all-is-a-folder", u"in:\"all\""_s, u"(and)"_s, u"in=all all=0 account="_s);
    row("account", u"account:work account:\"私用\" x"_s, u"(and (text \"x\"))"_s, u"in= all=0 account=work|私用"_s);
}

void TestSearchQuery::parses()
{
    QFETCH(QString, query);
    QFETCH(QString, tree);
    QFETCH(QString, scope);
    const ParseResult<SearchQuery> parsed = SearchQueryParser::parse(query, today);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    QCOMPARE(parsed.value().root.toString(), tree);
    QCOMPARE(scopeOf(parsed.value()), scope);
    QCOMPARE(parsed.value().isEmpty(), tree == "(and)"_L1);
}

void TestSearchQuery::compiles_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("capabilities");
    QTest::addColumn<QByteArray>("expected"); // every part of the command, joined

    auto row = [](const char *name, const QString &query, const QString &capabilities, const QByteArray &expected) {
        QTest::newRow(name) << query << capabilities << expected;
    };
    row("everything", u""_s, u"plain"_s, "A1 UID SEARCH ALL\r\n");
    row("text", u"alice"_s, u"plain"_s, "A1 UID SEARCH TEXT \"alice\"\r\n");
    row("phrase", u"\"quarterly report\""_s, u"plain"_s, "A1 UID SEARCH TEXT \"quarterly report\"\r\n");
    row("quote-escaped", u"subject:\"say \\\"hi\\\"\""_s, u"plain"_s, "A1 UID SEARCH SUBJECT \"say \\\"hi\\\"\"\r\n");
    row("headers", u"from:a to:b cc:c bcc:d subject:e body:f"_s, u"plain"_s,
        "A1 UID SEARCH FROM \"a\" TO \"b\" CC \"c\" BCC \"d\" SUBJECT \"e\" BODY \"f\"\r\n");
    row("attachment", u"has:attachment"_s, u"plain"_s,
        "A1 UID SEARCH OR HEADER Content-Disposition \"attachment\" OR HEADER Content-Type \"multipart/mixed\" "
        "OR HEADER Content-Type \"multipart/related\" OR HEADER Content-Type \"multipart/signed\" "
        "OR HEADER Content-Type \"multipart/encrypted\" OR HEADER Content-Type \"multipart/report\" "
        "OR HEADER Content-Type \"application/\" OR HEADER Content-Type \"image/\" "
        "OR HEADER Content-Type \"audio/\" OR HEADER Content-Type \"video/\" HEADER Content-Type \"message/\"\r\n");
    row("flags", u"is:unread is:read is:flagged is:answered is:draft"_s, u"plain"_s,
        "A1 UID SEARCH UNSEEN SEEN FLAGGED ANSWERED DRAFT\r\n");
    row("keyword", u"keyword:$Important"_s, u"plain"_s, "A1 UID SEARCH KEYWORD $Important\r\n");
    row("dates", u"after:2026-01-31 before:2026-03-01 on:2026-02-05"_s, u"plain"_s,
        "A1 UID SEARCH SINCE 1-Feb-2026 BEFORE 1-Mar-2026 ON 5-Feb-2026\r\n");
    row("after-year-end", u"after:2025-12-31"_s, u"plain"_s, "A1 UID SEARCH SINCE 1-Jan-2026\r\n");
    row("newer-than", u"newer_than:7d"_s, u"plain"_s, "A1 UID SEARCH SINCE 8-Mar-2026\r\n");
    row("older-than", u"older_than:1y"_s, u"plain"_s, "A1 UID SEARCH BEFORE 15-Mar-2025\r\n");
    row("sizes", u"larger:10k smaller:5M"_s, u"plain"_s, "A1 UID SEARCH LARGER 10240 SMALLER 5242880\r\n");
    row("or", u"a OR b"_s, u"plain"_s, "A1 UID SEARCH OR TEXT \"a\" TEXT \"b\"\r\n");
    row("or-three-nests", u"a OR b OR c"_s, u"plain"_s, "A1 UID SEARCH OR TEXT \"a\" OR TEXT \"b\" TEXT \"c\"\r\n");
    row("and-of-or", u"a b OR c"_s, u"plain"_s, "A1 UID SEARCH TEXT \"a\" OR TEXT \"b\" TEXT \"c\"\r\n");
    row("or-of-groups", u"(from:a to:b) OR (subject:c -is:read)"_s, u"plain"_s,
        "A1 UID SEARCH OR (FROM \"a\" TO \"b\") (SUBJECT \"c\" NOT SEEN)\r\n");
    row("not", u"-from:x"_s, u"plain"_s, "A1 UID SEARCH NOT FROM \"x\"\r\n");
    row("not-group", u"-(a b)"_s, u"plain"_s, "A1 UID SEARCH NOT (TEXT \"a\" TEXT \"b\")\r\n");
    row("not-or", u"-(a OR b)"_s, u"plain"_s, "A1 UID SEARCH NOT OR TEXT \"a\" TEXT \"b\"\r\n");
    row("in-and-account-are-not-keys", u"in:Archive account:work from:x"_s, u"plain"_s, "A1 UID SEARCH FROM \"x\"\r\n");

    // UTF-8: CHARSET and a literal, synchronising unless LITERAL+/LITERAL- allow otherwise.
    row("japanese-synchronising", u"subject:会議"_s, u"plain"_s, "A1 UID SEARCH CHARSET UTF-8 SUBJECT {6}\r\n会議\r\n");
    row("japanese-literal-plus", u"subject:会議"_s, u"literal+"_s,
        "A1 UID SEARCH CHARSET UTF-8 SUBJECT {6+}\r\n会議\r\n");
    row("japanese-literal-minus", u"subject:会議"_s, u"literal-"_s,
        "A1 UID SEARCH CHARSET UTF-8 SUBJECT {6+}\r\n会議\r\n");
    row("japanese-utf8-accept", u"subject:会議 from:山田"_s, u"utf8"_s,
        "A1 UID SEARCH SUBJECT \"会議\" FROM \"山田\"\r\n");
    row("japanese-and-ascii", u"from:bob 資料"_s, u"literal+"_s,
        "A1 UID SEARCH CHARSET UTF-8 FROM \"bob\" TEXT {6+}\r\n資料\r\n");

    // ESEARCH.
    row("esearch", u"from:a"_s, u"esearch"_s, "A1 UID SEARCH RETURN (ALL COUNT) FROM \"a\"\r\n");
    row("esearch-everything", u""_s, u"esearch"_s, "A1 UID SEARCH RETURN (ALL COUNT) ALL\r\n");
    row("esearch-japanese", u"会議"_s, u"esearch,literal+"_s,
        "A1 UID SEARCH RETURN (ALL COUNT) CHARSET UTF-8 TEXT {6+}\r\n会議\r\n");
    row("esearch-utf8", u"会議"_s, u"esearch,utf8,literal+"_s, "A1 UID SEARCH RETURN (ALL COUNT) TEXT \"会議\"\r\n");

    // Gmail: the whole query in its own syntax.
    row("gmail", u"from:alice has:attachment -subject:\"weekly report\""_s, u"gmail"_s,
        "A1 UID SEARCH X-GM-RAW \"from:alice has:attachment -subject:\\\"weekly report\\\"\"\r\n");
    row("gmail-or", u"a b OR c is:unread is:flagged"_s, u"gmail"_s,
        "A1 UID SEARCH X-GM-RAW \"a (b OR c) is:unread is:starred\"\r\n");
    row("gmail-dates-sizes", u"after:2026-01-31 before:2026-03-01 on:2026-02-05 larger:10k"_s, u"gmail"_s,
        "A1 UID SEARCH X-GM-RAW \"after:2026/02/01 before:2026/03/01 after:2026/02/05 before:2026/02/06 "
        "larger:10240\"\r\n");
    row("gmail-japanese", u"会議 to:山田"_s, u"gmail,esearch,literal+"_s,
        "A1 UID SEARCH RETURN (ALL COUNT) CHARSET UTF-8 X-GM-RAW {16+}\r\n会議 to:山田\r\n");
    row("gmail-falls-back-for-answered", u"from:a is:answered"_s, u"gmail"_s, "A1 UID SEARCH FROM \"a\" ANSWERED\r\n");
    row("gmail-falls-back-for-keyword", u"keyword:Work"_s, u"gmail"_s, "A1 UID SEARCH KEYWORD Work\r\n");
    row("gmail-everything", u""_s, u"gmail"_s, "A1 UID SEARCH ALL\r\n");

    // MULTISEARCH (RFC 7377) for the query's in: folders.
    row("multisearch", u"in:INBOX in:\"Sent Items\" from:a"_s, u"multisearch"_s,
        "A1 ESEARCH IN (mailboxes (INBOX \"Sent Items\")) RETURN (ALL COUNT) FROM \"a\"\r\n");
    row("multisearch-one", u"in:Archive is:unread"_s, u"multisearch"_s,
        "A1 ESEARCH IN (mailboxes Archive) RETURN (ALL COUNT) UNSEEN\r\n");
    row("multisearch-japanese-folder", u"in:日本語 in:INBOX 会議"_s, u"multisearch,literal+"_s,
        "A1 ESEARCH IN (mailboxes (&ZeVnLIqe- INBOX)) RETURN (ALL COUNT) CHARSET UTF-8 TEXT {6+}\r\n会議\r\n");
    row("multisearch-utf8", u"in:日本語 in:INBOX 会議"_s, u"multisearch,utf8"_s,
        "A1 ESEARCH IN (mailboxes (\"日本語\" INBOX)) RETURN (ALL COUNT) TEXT \"会議\"\r\n");
}

void TestSearchQuery::compiles()
{
    QFETCH(QString, query);
    QFETCH(QString, capabilities);
    QFETCH(QByteArray, expected);
    const ParseResult<SearchQuery> parsed = SearchQueryParser::parse(query, today);
    QVERIFY2(parsed.ok(), qPrintable(parsed.ok() ? QString() : parsed.error().message));
    const SearchCapabilities caps = capabilitiesFrom(capabilities);
    const ParseResult<imap::Command> command = caps.multisearch
        ? SearchCompiler::multiSearch(parsed.value().root, parsed.value().folders, caps)
        : SearchCompiler::uidSearch(parsed.value().root, caps);
    QVERIFY(command.ok());
    const QByteArray bytes = command.value().serialize("A1", caps.encoding()).join();
    QCOMPARE(bytes, expected);
}

void TestSearchQuery::rejects_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<qsizetype>("offset");
    QTest::addColumn<qsizetype>("length");
    QTest::addColumn<QString>("message");

    auto row = [](const char *name, const QString &query, qsizetype offset, qsizetype length, const QString &message) {
        QTest::newRow(name) << query << offset << length << message;
    };
    row("misspelt-operator", u"a form:bob"_s, 2, 5, u"Unknown operator “form:”; did you mean “from:”?"_s);
    row("misspelt-operator-2", u"subjet:x"_s, 0, 7, u"Unknown operator “subjet:”; did you mean “subject:”?"_s);
    row("unknown-operator", u"zzz:foo"_s, 0, 4,
        u"Unknown operator “zzz:”; put the words in quotes to search for them as text"_s);
    row("missing-close", u"a (b c"_s, 2, 1, u"Missing “)” for the “(” here"_s);
    row("missing-close-nested", u"((a) b"_s, 0, 1, u"Missing “)” for the “(” here"_s);
    row("stray-close", u"a) b"_s, 1, 1, u"“)” without a matching “(”"_s);
    row("empty-group", u"a ()"_s, 2, 2, u"Empty parentheses"_s);
    row("unterminated-phrase", u"x \"abc"_s, 2, 1, u"Missing closing quote for the phrase that starts here"_s);
    row("unterminated-value", u"from:\"abc"_s, 5, 1, u"Missing closing quote for the phrase that starts here"_s);
    row("empty-phrase", u"\"\""_s, 0, 2, u"Empty phrase"_s);
    row("bad-date-month", u"on:2026-13-01"_s, 3, 10, u"“2026-13-01” is not a date (YYYY-MM-DD)"_s);
    row("bad-date-form", u"before:1/2/2026"_s, 7, 8, u"“1/2/2026” is not a date (YYYY-MM-DD)"_s);
    row("bad-date-feb-30", u"after:2026-02-30"_s, 6, 10, u"“2026-02-30” is not a date (YYYY-MM-DD)"_s);
    row("bad-size", u"larger:10q"_s, 7, 3, u"“10q” is not a size (10k, 5M)"_s);
    row("bad-size-empty-number", u"smaller:k"_s, 8, 1, u"“k” is not a size (10k, 5M)"_s);
    row("size-too-large", u"larger:5000000k"_s, 7, 8, u"“5000000k” is not a size (10k, 5M)"_s);
    row("bad-span", u"newer_than:7x"_s, 11, 2, u"“7x” is not a time span (7d, 2w, 3m, 1y)"_s);
    row("bad-span-no-number", u"older_than:d"_s, 11, 1, u"“d” is not a time span (7d, 2w, 3m, 1y)"_s);
    row("bad-has", u"has:pictures"_s, 4, 8, u"Unknown value “pictures” for “has:”; use has:attachment"_s);
    row("bad-is", u"is:important"_s, 3, 9,
        u"Unknown value “important” for “is:”; use unread, read, flagged, answered or draft"_s);
    row("bad-keyword", u"keyword:日本"_s, 8, 2,
        u"“日本” cannot be a keyword: keywords are ASCII letters, digits and punctuation, without spaces or "
        u"( ) { } % * \\ \" ]"_s);
    row("missing-value", u"from: bob"_s, 0, 5, u"“from:” needs a value right after the colon"_s);
    row("missing-value-end", u"subject:"_s, 0, 8, u"“subject:” needs a value right after the colon"_s);
    row("empty-value-phrase", u"from:\"\""_s, 0, 7, u"“from:” needs a value, not an empty phrase"_s);
    row("or-first", u"OR a"_s, 0, 2, u"“OR” needs a term on each side"_s);
    row("or-last", u"a OR"_s, 2, 2, u"“OR” needs a term on each side"_s);
    row("or-or", u"a OR OR b"_s, 2, 2, u"“OR” needs a term on each side"_s);
    row("or-before-close", u"(a OR) b"_s, 3, 2, u"“OR” needs a term on each side"_s);
    row("minus-alone", u"a - b"_s, 2, 1, u"“-” needs a term right after it, as in -from:bob"_s);
    row("minus-at-end", u"a -"_s, 2, 1, u"“-” needs a term right after it, as in -from:bob"_s);
    const QString scope = u"“%1:” chooses where to search: use it on its own, not inside parentheses, with OR or "
                          u"after “-”"_s;
    row("in-inside-group", u"(in:x a)"_s, 1, 4, scope.arg(u"in"_s));
    row("in-negated", u"-in:x"_s, 1, 4, scope.arg(u"in"_s));
    row("in-after-or", u"a OR in:x"_s, 5, 4, scope.arg(u"in"_s));
    row("in-before-or", u"in:x OR a"_s, 0, 4, scope.arg(u"in"_s));
    row("account-in-group", u"(account:work)"_s, 1, 12, scope.arg(u"account"_s));
    row("too-deep", QString(QString(70, u'(') + u'a' + QString(70, u')')), 64, 1, u"The query nests too deeply"_s);
}

void TestSearchQuery::rejects()
{
    QFETCH(QString, query);
    QFETCH(qsizetype, offset);
    QFETCH(qsizetype, length);
    QFETCH(QString, message);
    const ParseResult<SearchQuery> parsed = SearchQueryParser::parse(query, today);
    QVERIFY(!parsed.ok());
    QCOMPARE(parsed.error().message, message);
    QCOMPARE(parsed.error().offset, offset);
    QCOMPARE(parsed.error().length, length);
}

void TestSearchQuery::termOffsets()
{
    // The search bar highlights terms by these.
    const ParseResult<SearchQuery> parsed = SearchQueryParser::parse(u"会議 from:\"A B\" -(x OR y)"_s, today);
    QVERIFY(parsed.ok());
    const QList<SearchTerm> &terms = parsed.value().root.children;
    QCOMPARE(terms.size(), 3);
    QCOMPARE(terms[0].offset, 0);
    QCOMPARE(terms[0].length, 2);
    QCOMPARE(terms[1].offset, 3);
    QCOMPARE(terms[1].length, 10);
    QCOMPARE(terms[2].offset, 14);
    QCOMPARE(terms[2].length, 9);
    QCOMPARE(terms[2].children[0].offset, 16);
    QCOMPARE(terms[2].children[0].children[1].offset, 21);
}

void TestSearchQuery::attachmentRefinement_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("capabilities");
    QTest::addColumn<bool>("refine");
    QTest::newRow("alone") << u"has:attachment"_s << u"plain"_s << true;
    QTest::newRow("with-others") << u"from:a has:attachment"_s << u"plain"_s << true;
    QTest::newRow("under-or") << u"has:attachment OR from:a"_s << u"plain"_s << false;
    QTest::newRow("negated") << u"-has:attachment"_s << u"plain"_s << false;
    QTest::newRow("gmail-exact") << u"has:attachment"_s << u"gmail"_s << false;
    QTest::newRow("gmail-fallback") << u"has:attachment is:draft"_s << u"gmail"_s << true;
    QTest::newRow("none") << u"from:a"_s << u"plain"_s << false;
}

void TestSearchQuery::attachmentRefinement()
{
    QFETCH(QString, query);
    QFETCH(QString, capabilities);
    QFETCH(bool, refine);
    const ParseResult<SearchQuery> parsed = SearchQueryParser::parse(query, today);
    QVERIFY(parsed.ok());
    QCOMPARE(SearchCompiler::needsAttachmentRefinement(parsed.value().root, capabilitiesFrom(capabilities)), refine);
}

void TestSearchQuery::compilerRejectsKeywordThatIsNotAnAtom()
{
    // The parser never produces one, but a tree built in code may.
    SearchTerm root;
    SearchTerm keyword;
    keyword.kind = SearchTerm::Kind::Keyword;
    keyword.text = u"two words"_s;
    keyword.offset = 4;
    keyword.length = 9;
    root.children.append(keyword);
    const ParseResult<imap::Command> command = SearchCompiler::uidSearch(root, {});
    QVERIFY(!command.ok());
    QCOMPARE(command.error().offset, 4);
    QVERIFY(command.error().message.contains(u"two words"_s));
}

// A search in parts (ServerSearch): the part's UIDs are one more key, after CHARSET, and only
// queries that read the messages' text go in parts.
void TestSearchQuery::partOfAMailbox_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<QString>("capabilities");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<bool>("readsText");
    QTest::newRow("body") << u"body:plan"_s << u"esearch"_s
                          << "A1 UID SEARCH RETURN (ALL COUNT) UID 10:4294967295 BODY \"plan\"\r\n"_ba << true;
    QTest::newRow("japanese-words") << u"会議 OR from:a"_s << u"literal+"_s
                                    << "A1 UID SEARCH CHARSET UTF-8 UID 10:4294967295 OR TEXT {6+}\r\n会議 FROM "
                                       "\"a\"\r\n"_ba
                                    << true;
    QTest::newRow("bcc-under-not") << u"-bcc:a"_s << QString() << "A1 UID SEARCH UID 10:4294967295 NOT BCC \"a\"\r\n"_ba
                                   << true;
    QTest::newRow("headers-only") << u"from:a subject:b"_s << QString()
                                  << "A1 UID SEARCH UID 10:4294967295 FROM \"a\" SUBJECT \"b\"\r\n"_ba << false;
}

void TestSearchQuery::partOfAMailbox()
{
    QFETCH(QString, query);
    QFETCH(QString, capabilities);
    QFETCH(QByteArray, expected);
    QFETCH(bool, readsText);
    const ParseResult<SearchQuery> parsed = SearchQueryParser::parse(query, today);
    QVERIFY(parsed.ok());
    const SearchCapabilities caps = capabilitiesFrom(capabilities);
    const ParseResult<imap::Command> command
        = SearchCompiler::uidSearch(parsed.value().root, caps, UidSet::fromRange(10, maxUid));
    QVERIFY(command.ok());
    QCOMPARE(command.value().serialize("A1", caps.encoding()).join(), expected);
    QCOMPARE(SearchCompiler::readsText(parsed.value().root), readsText);
}

QTEST_GUILESS_MAIN(TestSearchQuery)
#include "tst_SearchQuery.moc"
