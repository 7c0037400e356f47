// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "imap/ResponseParser.h"
#include "support/ResponseDump.h"

#include <QTest>

using namespace fumi;
using namespace fumi::imap;
using namespace Qt::StringLiterals;

class TestResponseParser : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void parses_data();
    void parses();
    void rejects_data();
    void rejects();
    void utf8MailboxNames();
    void deepNestingIsAnErrorNotACrash();
    void elementCountIsLimited();
    void longReplyChainIsNotNesting();
};

void TestResponseParser::parses_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<QByteArray>("expected");

    auto row = [](const char *name, QByteArray wire, QByteArray expected) {
        QTest::newRow(name) << wire << expected;
    };

    // Status responses and response codes
    row("tagged-ok", "a1 OK LOGIN completed\r\n", "a1 OK \"LOGIN completed\"");
    row("tagged-no", "a2 NO [TRYCREATE] No such mailbox\r\n", "a2 NO [TRYCREATE] \"No such mailbox\"");
    row("tagged-bad", "a3 BAD Command unknown\r\n", "a3 BAD \"Command unknown\"");
    row("untagged-bye", "* BYE Autologout; idle for too long\r\n", "* BYE \"Autologout; idle for too long\"");
    row("untagged-preauth", "* PREAUTH [CAPABILITY IMAP4rev2] Welcome\r\n",
        "* PREAUTH [CAPABILITY (IMAP4rev2)] \"Welcome\"");
    row("greeting-capability", "* OK [CAPABILITY IMAP4rev1 SASL-IR LITERAL+ AUTH=PLAIN STARTTLS] Dovecot ready.\r\n",
        "* OK [CAPABILITY (IMAP4rev1 SASL-IR LITERAL+ AUTH=PLAIN STARTTLS)] \"Dovecot ready.\"");
    row("alert", "* OK [ALERT] System shutdown in 10 minutes\r\n", "* OK [ALERT] \"System shutdown in 10 minutes\"");
    row("permanentflags", "* OK [PERMANENTFLAGS (\\Deleted \\Seen \\*)] Limited\r\n",
        "* OK [PERMANENTFLAGS (\\Seen \\Deleted) +new] \"Limited\"");
    row("permanentflags-empty", "* OK [PERMANENTFLAGS ()] No permanent flags\r\n",
        "* OK [PERMANENTFLAGS ()] \"No permanent flags\"");
    row("read-only", "a4 OK [READ-ONLY] EXAMINE completed\r\n", "a4 OK [READ-ONLY] \"EXAMINE completed\"");
    row("read-write", "a5 OK [READ-WRITE] SELECT completed\r\n", "a5 OK [READ-WRITE] \"SELECT completed\"");
    row("uidnext", "* OK [UIDNEXT 4392] Predicted next UID\r\n", "* OK [UIDNEXT 4392] \"Predicted next UID\"");
    row("uidvalidity", "* OK [UIDVALIDITY 3857529045] UIDs valid\r\n", "* OK [UIDVALIDITY 3857529045] \"UIDs valid\"");
    row("unseen", "* OK [UNSEEN 12] Message 12 is first unseen\r\n", "* OK [UNSEEN 12] \"Message 12 is first unseen\"");
    row("highestmodseq-64bit", "* OK [HIGHESTMODSEQ 9223372036854775807] Highest\r\n",
        "* OK [HIGHESTMODSEQ 9223372036854775807] \"Highest\"");
    row("nomodseq", "* OK [NOMODSEQ] Sorry, this mailbox format doesn't support modsequences\r\n",
        "* OK [NOMODSEQ] \"Sorry, this mailbox format doesn't support modsequences\"");
    row("modified", "d105 OK [MODIFIED 7,9] Conditional STORE failed\r\n",
        "d105 OK [MODIFIED 7,9] \"Conditional STORE failed\"");
    row("appenduid", "A003 OK [APPENDUID 38505 3955] APPEND completed\r\n",
        "A003 OK [APPENDUID 38505 3955] \"APPEND completed\"");
    row("appenduid-multi", "A003 OK [APPENDUID 38505 3955:3957] APPEND completed\r\n",
        "A003 OK [APPENDUID 38505 3955:3957] \"APPEND completed\"");
    row("copyuid", "A004 OK [COPYUID 38505 304,319:320 3956:3958] Done\r\n",
        "A004 OK [COPYUID 38505 304:304,319:320 3956:3958] \"Done\"");
    row("copyuid-keeps-order", "A004 OK [COPYUID 1 20,10 5:6] Done\r\n",
        "A004 OK [COPYUID 1 20:20,10:10 5:6] \"Done\"");
    row("closed", "* OK [CLOSED] Previous mailbox closed\r\n", "* OK [CLOSED] \"Previous mailbox closed\"");
    row("overquota", "A1 NO [OVERQUOTA] Quota exceeded\r\n", "A1 NO [OVERQUOTA] \"Quota exceeded\"");
    row("authenticationfailed", "a1 NO [AUTHENTICATIONFAILED] Authentication failed.\r\n",
        "a1 NO [AUTHENTICATIONFAILED] \"Authentication failed.\"");
    row("other-code-with-text", "a1 NO [BADCHARSET (UTF-8 US-ASCII)] Unknown charset\r\n",
        "a1 NO [other BADCHARSET \"(UTF-8 US-ASCII)\"] \"Unknown charset\"");
    row("other-code-bare", "a1 OK [INPROGRESS] Working\r\n", "a1 OK [other INPROGRESS \"\"] \"Working\"");
    row("code-without-text", "* OK [READ-WRITE]\r\n", "* OK [READ-WRITE] \"\"");
    row("no-text-at-all", "a1 OK\r\n", "a1 OK \"\"");
    row("lowercase-status", "a1 ok done\r\n", "a1 OK \"done\"");
    row("bare-lf", "a1 OK done\n", "a1 OK \"done\"");
    row("utf8-text", "a1 NO Zugriff verweigert: Ordner »Entwürfe«\r\n",
        "a1 NO \"Zugriff verweigert: Ordner \\xc2\\xbbEntw\\xc3\\xbcrfe\\xc2\\xab\"");

    // Continuations
    row("continuation-text", "+ Ready for literal data\r\n", "+ \"Ready for literal data\"");
    row("continuation-empty", "+\r\n", "+ \"\"");
    row("continuation-base64", "+ VXNlcm5hbWU6\r\n", "+ \"VXNlcm5hbWU6\"");

    // Capability, ENABLED, ID, NAMESPACE
    row("capability", "* CAPABILITY IMAP4rev1 IMAP4rev2 IDLE QRESYNC CONDSTORE AUTH=XOAUTH2 COMPRESS=DEFLATE\r\n",
        "CAPABILITY (IMAP4rev1 IMAP4rev2 IDLE QRESYNC CONDSTORE AUTH=XOAUTH2 COMPRESS=DEFLATE)");
    row("capability-trailing-space", "* CAPABILITY IMAP4rev1 IDLE \r\n", "CAPABILITY (IMAP4rev1 IDLE)");
    row("enabled", "* ENABLED CONDSTORE QRESYNC\r\n", "ENABLED (CONDSTORE QRESYNC)");
    row("enabled-nothing", "* ENABLED\r\n", "ENABLED ()");
    row("id", "* ID (\"name\" \"Dovecot\" \"version\" NIL)\r\n", "ID (name=\"Dovecot\" version=\"\")");
    row("id-nil", "* ID NIL\r\n", "ID ()");
    row("namespace", "* NAMESPACE ((\"\" \"/\")) ((\"~\" \"/\")) ((\"#shared/\" \"/\")(\"#public/\" \"/\"))\r\n",
        "NAMESPACE (\"\"\"/\") (\"~\"\"/\") (\"#shared/\"\"/\" \"#public/\"\"/\")");
    row("namespace-nil-and-extension", "* NAMESPACE ((\"\" \".\" \"X-PARAM\" (\"FLAG1\" \"FLAG2\"))) NIL NIL\r\n",
        "NAMESPACE (\"\"\".\") () ()");

    // LIST, LSUB, STATUS
    row("list", "* LIST (\\HasNoChildren) \"/\" INBOX\r\n", "LIST (\\HasNoChildren) \"/\" \"INBOX\" name=\"INBOX\"");
    row("list-inbox-any-case", "* LIST () \"/\" inbox\r\n", "LIST () \"/\" \"inbox\" name=\"INBOX\"");
    row("list-special-use", "* LIST (\\HasNoChildren \\Sent) \"/\" Sent\r\n",
        "LIST (\\HasNoChildren \\Sent) \"/\" \"Sent\" name=\"Sent\"");
    row("list-quoted-mutf7", "* LIST (\\HasChildren) \".\" \"&ZeVnLIqe-\"\r\n",
        "LIST (\\HasChildren) \".\" \"&ZeVnLIqe-\" name=\"\\xe6\\x97\\xa5\\xe6\\x9c\\xac\\xe8\\xaa\\x9e\"");
    row("list-nil-delimiter", "* LIST (\\Noselect) NIL \"\"\r\n", "LIST (\\Noselect) NIL \"\" name=\"\"");
    row("list-escaped-delimiter", "* LIST () \"\\\\\" Work\r\n", "LIST () \"\\\\\" \"Work\" name=\"Work\"");
    row("list-literal-name", "* LIST () \"/\" {8}\r\nWith\"Quo\r\n",
        "LIST () \"/\" \"With\\\"Quo\" name=\"With\\\"Quo\"");
    row("list-extended-childinfo",
        "* LIST (\\Subscribed \\HasChildren) \"/\" \"Foo\" (\"CHILDINFO\" (\"SUBSCRIBED\"))\r\n",
        "LIST (\\Subscribed \\HasChildren) \"/\" \"Foo\" name=\"Foo\" childinfo=(SUBSCRIBED)");
    row("list-extended-nonexistent", "* LIST (\\NonExistent \\Subscribed) \"/\" \"Fruit/Peach\"\r\n",
        "LIST (\\NonExistent \\Subscribed) \"/\" \"Fruit/Peach\" name=\"Fruit/Peach\"");
    row("list-oldname", "* LIST () \"/\" \"NewName\" (\"OLDNAME\" (\"OldName\"))\r\n",
        "LIST () \"/\" \"NewName\" name=\"NewName\" oldname=\"OldName\"");
    row("list-invalid-mutf7-kept-raw", "* LIST () \"/\" \"&Jjo\"\r\n", "LIST () \"/\" \"&Jjo\" name=\"\" name-error");
    row("lsub", "* LSUB () \".\" #news.comp.mail.misc\r\n",
        "LSUB () \".\" \"#news.comp.mail.misc\" name=\"#news.comp.mail.misc\"");
    row("status", "* STATUS blurdybloop (MESSAGES 231 UIDNEXT 44292)\r\n",
        "STATUS \"blurdybloop\" MESSAGES=231 UIDNEXT=44292");
    row("status-all",
        "* STATUS \"INBOX\" (MESSAGES 3 RECENT 1 UIDNEXT 4 UIDVALIDITY 1700000000 UNSEEN 2 HIGHESTMODSEQ "
        "7011231777 SIZE 123456789012 DELETED 0)\r\n",
        "STATUS \"INBOX\" MESSAGES=3 RECENT=1 UIDNEXT=4 UIDVALIDITY=1700000000 UNSEEN=2 HIGHESTMODSEQ=7011231777 "
        "SIZE=123456789012 DELETED=0");

    // Mailbox state
    row("flags", "* FLAGS (\\Answered \\Flagged \\Deleted \\Seen \\Draft $Forwarded)\r\n",
        "FLAGS (\\Seen \\Answered \\Flagged \\Deleted \\Draft $Forwarded)");
    row("exists", "* 172 EXISTS\r\n", "EXISTS 172");
    row("exists-zero", "* 0 EXISTS\r\n", "EXISTS 0");
    row("recent", "* 1 RECENT\r\n", "RECENT 1");
    row("expunge", "* 44 EXPUNGE\r\n", "EXPUNGE 44");
    row("vanished", "* VANISHED 405,407,410,425\r\n", "VANISHED 405,407,410,425");
    row("vanished-earlier", "* VANISHED (EARLIER) 300:310,405,411\r\n", "VANISHED EARLIER 300:310,405,411");

    // FETCH
    row("fetch-uid-flags", "* 12 FETCH (UID 4827313 FLAGS (\\Seen))\r\n", "FETCH 12 UID=4827313 FLAGS=(\\Seen)");
    row("fetch-empty-flags-modseq", "* 1 FETCH (UID 4 MODSEQ (65402) FLAGS ())\r\n",
        "FETCH 1 UID=4 FLAGS=() MODSEQ=65402");
    row("fetch-internaldate-size", "* 7 FETCH (INTERNALDATE \"17-Jul-1996 02:44:25 -0700\" RFC822.SIZE 4286)\r\n",
        "FETCH 7 DATE=1996-07-17T02:44:25-07:00 SIZE=4286");
    row("fetch-internaldate-padded-day", "* 7 FETCH (INTERNALDATE \" 1-Feb-2026 23:00:00 +0900\")\r\n",
        "FETCH 7 DATE=2026-02-01T23:00:00+09:00");
    row("fetch-envelope",
        "* 12 FETCH (ENVELOPE (\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" \"IMAP4rev1 WG mtg summary and minutes\" "
        "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) "
        "((\"Terry Gray\" NIL \"gray\" \"cac.washington.edu\")) ((NIL NIL \"imap\" \"cac.washington.edu\")) "
        "((NIL NIL \"minutes\" \"CNRI.Reston.VA.US\")(\"John Klensin\" NIL \"KLENSIN\" \"MIT.EDU\")) NIL NIL "
        "\"<B27397-0100000@cac.washington.edu>\"))\r\n",
        "FETCH 12 ENVELOPE=(date=\"Wed, 17 Jul 1996 02:23:25 -0700 (PDT)\" subject=\"IMAP4rev1 WG mtg summary and "
        "minutes\" from=((\"Terry Gray\" \"\" \"gray\" \"cac.washington.edu\")) sender=((\"Terry Gray\" \"\" \"gray\" "
        "\"cac.washington.edu\")) reply-to=((\"Terry Gray\" \"\" \"gray\" \"cac.washington.edu\")) to=((NIL \"\" "
        "\"imap\" \"cac.washington.edu\")) cc=((NIL \"\" \"minutes\" \"CNRI.Reston.VA.US\") (\"John Klensin\" \"\" "
        "\"KLENSIN\" \"MIT.EDU\")) bcc=() in-reply-to=\"\" message-id=\"<B27397-0100000@cac.washington.edu>\")");
    row("fetch-envelope-group-and-encoded-word",
        "* 3 FETCH (ENVELOPE (NIL \"=?ISO-2022-JP?B?GyRCJCo4K0BRPXEkTkF3SVUbKEI=?=\" NIL NIL NIL "
        "((NIL NIL \"undisclosed-recipients\" NIL)(NIL NIL NIL NIL)) NIL NIL NIL NIL))\r\n",
        "FETCH 3 ENVELOPE=(date=\"\" subject=\"=?ISO-2022-JP?B?GyRCJCo4K0BRPXEkTkF3SVUbKEI=?=\" from=() sender=() "
        "reply-to=() to=((NIL \"\" \"undisclosed-recipients\" NIL) (NIL \"\" \"\" NIL)) cc=() bcc=() in-reply-to=\"\" "
        "message-id=\"\")");
    row("fetch-bodystructure-text",
        "* 1 FETCH (BODYSTRUCTURE (\"TEXT\" \"PLAIN\" (\"CHARSET\" \"US-ASCII\") NIL NIL \"7BIT\" 3028 92 NIL NIL NIL "
        "NIL))\r\n",
        "FETCH 1 BODYSTRUCTURE=(text/plain size=3028 enc=7bit lines=92 params=(charset=\"US-ASCII\"))");
    row("fetch-body-no-extensions", "* 1 FETCH (BODY (\"text\" \"plain\" NIL NIL NIL \"8bit\" 12 1))\r\n",
        "FETCH 1 BODY=(text/plain size=12 enc=8bit lines=1)");
    row("fetch-bodystructure-multipart",
        "* 2 FETCH (BODYSTRUCTURE ((\"TEXT\" \"PLAIN\" (\"CHARSET\" \"UTF-8\") NIL NIL \"QUOTED-PRINTABLE\" 1152 23 "
        "NIL "
        "NIL NIL NIL)(\"APPLICATION\" \"PDF\" (\"NAME\" \"=?UTF-8?B?6KaL56mN5pu4LnBkZg==?=\") \"<part2@x>\" "
        "\"Invoice\" \"BASE64\" 4554 NIL (\"ATTACHMENT\" (\"FILENAME\" \"invoice.pdf\")) NIL NIL) \"MIXED\" "
        "(\"BOUNDARY\" \"----=_Part_0\") NIL NIL NIL))\r\n",
        "FETCH 2 BODYSTRUCTURE=(multipart/mixed (text/plain size=1152 enc=quoted-printable lines=23 "
        "params=(charset=\"UTF-8\")) (application/pdf size=4554 enc=base64 id=\"<part2@x>\" desc=\"Invoice\" "
        "params=(name=\"=?UTF-8?B?6KaL56mN5pu4LnBkZg==?=\") disp=attachment(filename=\"invoice.pdf\")) "
        "params=(boundary=\"----=_Part_0\"))");
    row("fetch-bodystructure-message-rfc822",
        "* 3 FETCH (BODYSTRUCTURE ((\"text\" \"plain\" NIL NIL NIL \"7bit\" 10 1 NIL NIL NIL NIL)(\"message\" "
        "\"rfc822\" NIL NIL NIL \"7bit\" 342 (NIL \"Inner\" NIL NIL NIL NIL NIL NIL NIL \"<in@x>\") (\"text\" "
        "\"plain\" (\"charset\" \"iso-2022-jp\") NIL NIL \"7bit\" 20 2 NIL NIL NIL NIL) 12 NIL NIL NIL NIL) "
        "\"mixed\" NIL NIL NIL NIL))\r\n",
        "FETCH 3 BODYSTRUCTURE=(multipart/mixed (text/plain size=10 enc=7bit lines=1) (message/rfc822 size=342 "
        "enc=7bit lines=12 envelope=(date=\"\" subject=\"Inner\" from=() sender=() reply-to=() to=() cc=() bcc=() "
        "in-reply-to=\"\" message-id=\"<in@x>\") body=(text/plain size=20 enc=7bit lines=2 "
        "params=(charset=\"iso-2022-jp\"))))");
    row("fetch-bodystructure-language-location",
        "* 4 FETCH (BODYSTRUCTURE (\"text\" \"html\" NIL NIL NIL \"base64\" 100 2 \"abc=\" (\"inline\" NIL) "
        "(\"ja\" \"en\") \"http://example.com/x\" (1 2) \"future\"))\r\n",
        "FETCH 4 BODYSTRUCTURE=(text/html size=100 enc=base64 lines=2 md5=\"abc=\" disp=inline() lang=(ja en) "
        "loc=\"http://example.com/x\")");
    row("fetch-bodystructure-negative-size",
        "* 5 FETCH (BODYSTRUCTURE (\"text\" \"plain\" NIL NIL NIL \"7bit\" -1 -1))\r\n",
        "FETCH 5 BODYSTRUCTURE=(text/plain size=0 enc=7bit)");
    row("fetch-bodystructure-nil-strings", "* 6 FETCH (BODYSTRUCTURE (NIL NIL NIL NIL NIL NIL 0))\r\n",
        "FETCH 6 BODYSTRUCTURE=(/ size=0)");
    row("fetch-bodystructure-missing-optional",
        "* 7 FETCH (BODYSTRUCTURE (\"image\" \"png\" (\"name\" \"a.png\") NIL NIL \"base64\" 2048))\r\n",
        "FETCH 7 BODYSTRUCTURE=(image/png size=2048 enc=base64 params=(name=\"a.png\"))");
    row("fetch-body-section-literal",
        "* 12 FETCH (UID 9 BODY[HEADER.FIELDS (SUBJECT)] {18}\r\nSubject: Hello\r\n\r\n)\r\n",
        "FETCH 12 UID=9 BODY[HEADER.FIELDS (SUBJECT)]=\"Subject: Hello\\x0d\\x0a\\x0d\\x0a\"");
    row("fetch-body-section-origin", "* 2 FETCH (BODY[1.2]<1024> \"partial\")\r\n",
        "FETCH 2 BODY[1.2]<1024>=\"partial\"");
    row("fetch-body-section-nil", "* 2 FETCH (BODY[3] NIL)\r\n", "FETCH 2 BODY[3]=NIL");
    row("fetch-body-whole-message", "* 2 FETCH (BODY[] {5}\r\nabc\r\n)\r\n", "FETCH 2 BODY[]=\"abc\\x0d\\x0a\"");
    row("fetch-binary-literal8", "* 3 FETCH (BINARY[2] ~{4}\r\n\x00\x01\xff\n)\r\n"_ba,
        "FETCH 3 BINARY[2]=\"\\x00\\x01\\xff\\x0a\"");
    row("fetch-binary-size", "* 3 FETCH (BINARY.SIZE[2] 2250)\r\n", "FETCH 3 BINARY.SIZE[2]=2250");
    row("fetch-preview", "* 1 FETCH (PREVIEW \"Hello there, this is the preview\")\r\n",
        "FETCH 1 PREVIEW=\"Hello there, this is the preview\"");
    row("fetch-preview-nil", "* 1 FETCH (UID 2 PREVIEW NIL)\r\n", "FETCH 1 UID=2");
    row("fetch-gmail",
        "* 1 FETCH (X-GM-THRID 1278455344230334865 X-GM-MSGID 18446744073709551615 X-GM-LABELS (\\Inbox "
        "\\Sent Important \"Muy Importante\" foo))\r\n",
        "FETCH 1 X-GM-MSGID=18446744073709551615 X-GM-THRID=1278455344230334865 X-GM-LABELS=(\\Inbox \\Sent "
        "Important Muy Importante foo)");
    row("fetch-objectid", "* 3 FETCH (EMAILID (M6d99ac3275bb4e) THREADID (T64b478a75b7ea9))\r\n",
        "FETCH 3 EMAILID=M6d99ac3275bb4e THREADID=T64b478a75b7ea9");
    row("fetch-threadid-nil", "* 3 FETCH (THREADID NIL)\r\n", "FETCH 3");
    row("fetch-rfc822-items", "* 4 FETCH (RFC822.HEADER {3}\r\nH: )\r\n", "FETCH 4 BODY[RFC822.HEADER]=\"H: \"");
    row("fetch-unknown-item-skipped", "* 5 FETCH (X-FUTURE (1 (2 \"three\")) UID 6 X-SECTION[abc] {2}\r\nxy)\r\n",
        "FETCH 5 UID=6");
    row("fetch-lowercase", "* 5 fetch (uid 6 flags (\\seen))\r\n", "FETCH 5 UID=6 FLAGS=(\\Seen)");

    // SEARCH and ESEARCH
    row("search", "* SEARCH 2 84 882\r\n", "SEARCH 2,84,882");
    row("search-empty", "* SEARCH\r\n", "SEARCH ");
    row("search-modseq", "* SEARCH 2 5 6 7 11 12 18 19 20 23 (MODSEQ 917162500)\r\n",
        "SEARCH 2,5:7,11:12,18:20,23 MODSEQ=917162500");
    row("esearch-all", "* ESEARCH (TAG \"A282\") UID MIN 2 COUNT 3 ALL 2,10:11\r\n",
        "ESEARCH tag=\"A282\" UID MIN=2 COUNT=3 ALL=2,10:11");
    row("esearch-min-max", "* ESEARCH (TAG \"A283\") MIN 2 MAX 47\r\n", "ESEARCH tag=\"A283\" MIN=2 MAX=47");
    row("esearch-count-zero", "* ESEARCH (TAG \"A284\") UID COUNT 0\r\n", "ESEARCH tag=\"A284\" UID COUNT=0");
    row("esearch-no-tag", "* ESEARCH UID ALL 1:5 MODSEQ 17\r\n", "ESEARCH tag=\"\" UID ALL=1:5 MODSEQ=17");
    row("esearch-nothing", "* ESEARCH (TAG \"A285\") UID\r\n", "ESEARCH tag=\"A285\" UID");
    row("esearch-unknown-return", "* ESEARCH (TAG \"A1\") UID PARTIAL (1:10 1,5) COUNT 2\r\n",
        "ESEARCH tag=\"A1\" UID COUNT=2");
    // RFC 5256 THREAD: each node as "uid<parent's uid", "nil" for a missing parent.
    row("thread-rfc5256", "* THREAD (2)(3 6 (4 23)(44 7 96))\r\n", "THREAD 2 3 6<3 4<6 23<4 44<6 7<44 96<7");
    row("thread-missing-parent", "* THREAD ((3)(5))\r\n", "THREAD nil 3<nil 5<nil");
    row("thread-missing-parent-inside", "* THREAD (1 ((2)(3))(4))\r\n", "THREAD 1 nil<1 2<nil 3<nil 4<1");
    row("thread-empty", "* THREAD\r\n", "THREAD");
    row("thread-empty-trailing-space", "* THREAD \r\n", "THREAD");
    row("thread-rfc5256-long", "* THREAD (166)(167)(174 (175)(176)(178)(181)(180))(179)(194 195)(196 (197)(198))\r\n",
        "THREAD 166 167 174 175<174 176<174 178<174 181<174 180<174 179 194 195<194 196 197<196 198<196");
    row("thread-single-nested", "* THREAD (1 (2 3))\r\n", "THREAD 1 2<1 3<2");
    row("thread-spaces-between", "* THREAD (1) (2 (3) (4))\r\n", "THREAD 1 2 3<2 4<2");
    row("thread-lowercase", "* thread (7 9)\r\n", "THREAD 7 9<7");
    // RFC 7377 MULTISEARCH: each answer names its mailbox and UIDVALIDITY.
    row("esearch-multisearch", "* ESEARCH (TAG \"A3\" MAILBOX \"Archive/2026\" UIDVALIDITY 17) UID ALL 4:5 COUNT 2\r\n",
        "ESEARCH tag=\"A3\" mailbox=\"Archive/2026\" UIDVALIDITY=17 UID COUNT=2 ALL=4:5");
    row("esearch-multisearch-utf7", "* ESEARCH (TAG \"A4\" MAILBOX \"&ZeVnLIqe-\" UIDVALIDITY 3) UID COUNT 0\r\n",
        "ESEARCH tag=\"A4\" mailbox=\"\\xe6\\x97\\xa5\\xe6\\x9c\\xac\\xe8\\xaa\\x9e\" UIDVALIDITY=3 UID COUNT=0");
    row("esearch-multisearch-inbox", "* ESEARCH (TAG \"A5\" MAILBOX INBOX UIDVALIDITY 1) UID ALL 1\r\n",
        "ESEARCH tag=\"A5\" mailbox=\"INBOX\" UIDVALIDITY=1 UID ALL=1");

    // Other untagged responses
    row("other-quota", "* QUOTA \"\" (STORAGE 10 512)\r\n", "OTHER QUOTA \"\\\"\\\" (STORAGE 10 512)\"");
}

void TestResponseParser::parses()
{
    QFETCH(QByteArray, wire);
    QFETCH(QByteArray, expected);
    const auto result = ResponseParser::parse(wire);
    QVERIFY2(
        result.ok(),
        qPrintable(result.ok() ? QString() : u"at %1: %2"_s.arg(result.error().offset).arg(result.error().message)));
    QCOMPARE(test::dump(result.value()), expected);
}

void TestResponseParser::rejects_data()
{
    QTest::addColumn<QByteArray>("wire");
    QTest::addColumn<qsizetype>("offset");

    auto row = [](const char *name, QByteArray wire, qsizetype offset) {
        QTest::newRow(name) << wire << offset;
    };
    row("empty", "\r\n", 0);
    row("garbage", "HTTP/1.1 400 Bad Request\r\n", 9);
    row("tag-only", "a1\r\n", 2);
    row("unknown-status", "a1 MAYBE fine\r\n", 3);
    row("tagged-bye", "a1 BYE now\r\n", 3);
    row("unterminated-quoted", "* LIST () \"/\" \"Unterminated\r\n", 14);
    row("bad-escape-in-quoted", "* LIST () \"/\" \"a\\b\"\r\n", 16);
    row("literal-longer-than-response", "* LIST () \"/\" {10}\r\nabc\r\n", 14);
    row("literal-without-crlf", "* LIST () \"/\" {3}abc\r\n", 17);
    row("literal8-as-mailbox-name", "* LIST () \"/\" ~{3}\r\nabc\r\n", 15);
    row("expunge-zero", "* 0 EXPUNGE\r\n", 11);
    row("fetch-zero", "* 0 FETCH (UID 1)\r\n", 9);
    row("numbered-unknown", "* 3 FROBNICATE\r\n", 4);
    row("number-too-big", "* 4294967296 EXISTS\r\n", 2);
    row("modseq-too-big", "* 1 FETCH (MODSEQ (9223372036854775808))\r\n", 19);
    row("fetch-unclosed", "* 1 FETCH (UID 1\r\n", 16);
    row("fetch-uid-zero", "* 1 FETCH (UID 0)\r\n", 15);
    row("flags-wildcard-on-message", "* 1 FETCH (FLAGS (\\Seen \\*))\r\n", 24);
    row("bad-internaldate", "* 1 FETCH (INTERNALDATE \"yesterday\")\r\n", 24);
    row("bad-sequence-set", "* VANISHED 1:0\r\n", 13);
    row("copyuid-count-mismatch", "a OK [COPYUID 1 1:3 10:11] x\r\n", 25);
    row("code-unclosed", "* OK [UIDNEXT 5 done\r\n", 15);
    row("status-not-number", "* STATUS INBOX (MESSAGES many)\r\n", 25);
    row("trailing-garbage", "* 3 EXISTS now\r\n", 10);
    row("search-zero", "* SEARCH 1 0 2\r\n", 11);
    row("thread-empty-list", "* THREAD ()\r\n", 10);
    row("thread-uid-zero", "* THREAD (1 0)\r\n", 12);
    row("thread-member-after-nested", "* THREAD (1 (2)(3) 4)\r\n", 19);
    row("thread-unterminated", "* THREAD (1 2\r\n", 13);
    row("thread-garbage-between", "* THREAD (1)x\r\n", 12);
    row("thread-not-a-number", "* THREAD (1 a)\r\n", 12);
}

void TestResponseParser::rejects()
{
    QFETCH(QByteArray, wire);
    QFETCH(qsizetype, offset);
    const auto result = ResponseParser::parse(wire);
    QVERIFY2(!result.ok(), result.ok() ? test::dump(result.value()).constData() : "");
    QVERIFY(!result.error().message.isEmpty());
    QCOMPARE(result.error().offset, offset);
}

void TestResponseParser::utf8MailboxNames()
{
    ResponseParser::Options utf8;
    utf8.utf8MailboxNames = true;
    const auto result = ResponseParser::parse("* LIST () \"/\" \"受信トレイ/&予定\"\r\n"_ba, utf8);
    QVERIFY(result.ok());
    QCOMPARE(std::get<ListResponse>(result.value()).name, u"受信トレイ/&予定"_s);

    const auto invalid = ResponseParser::parse("* LIST () \"/\" \"caf\xe9\"\r\n"_ba, utf8);
    QVERIFY(invalid.ok());
    QVERIFY(!std::get<ListResponse>(invalid.value()).nameError.isEmpty());
}

void TestResponseParser::deepNestingIsAnErrorNotACrash()
{
    // 10,000 levels, in a FETCH item the parser does not know and in a BODYSTRUCTURE.
    const QByteArray opens(10000, '(');
    const QByteArray closes(10000, ')');
    const QByteArrayList wires{
        QByteArray("* 1 FETCH (X-DEEP " + opens + closes + ")\r\n"),
        QByteArray("* 1 FETCH (BODYSTRUCTURE " + opens + "\"text\" \"plain\" NIL NIL NIL \"7bit\" 1" + closes
                   + ")\r\n"),
        QByteArray("* ID " + opens + closes + "\r\n"),
        // A thread whose every level has a missing parent, and one nested at every reply.
        QByteArray("* THREAD " + opens + "1" + closes + "\r\n"),
        QByteArray("* THREAD " + QByteArray("(1 ").repeated(10000) + "2" + closes + "\r\n"),
    };
    for (const QByteArray &wire : wires) {
        const auto result = ResponseParser::parse(wire);
        QVERIFY(!result.ok());
        QVERIFY2(result.error().message.contains(u"nested"_s) || result.error().offset < 200,
                 qPrintable(result.error().message));
    }
}

void TestResponseParser::elementCountIsLimited()
{
    ResponseParser::Options small;
    small.maxElements = 1000;
    QByteArray wire = "* SEARCH";
    for (int i = 1; i <= 1001; ++i)
        wire += ' ' + QByteArray::number(i * 2);
    wire += "\r\n";
    const auto result = ResponseParser::parse(wire, small);
    QVERIFY(!result.ok());
    QVERIFY(result.error().message.contains(u"elements"_s));
    QVERIFY(ResponseParser::parse(wire).ok());

    QByteArray thread = "* THREAD (1";
    for (int i = 2; i <= 1001; ++i)
        thread += ' ' + QByteArray::number(i);
    thread += ")\r\n";
    const auto threads = ResponseParser::parse(thread, small);
    QVERIFY(!threads.ok());
    QVERIFY(threads.error().message.contains(u"elements"_s));
}

void TestResponseParser::longReplyChainIsNotNesting()
{
    // 100,000 replies in one chain: a tree that deep, but no parentheses, so no depth limit;
    // the flat nodes hold it without recursion.
    QByteArray wire = "* THREAD (1";
    for (int i = 2; i <= 100000; ++i)
        wire += ' ' + QByteArray::number(i);
    wire += ")(100001)\r\n";
    const auto result = ResponseParser::parse(wire);
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    const auto &nodes = std::get<ThreadResponse>(result.value()).nodes;
    QCOMPARE(nodes.size(), size_t(100001));
    QCOMPARE(nodes[0].parent, -1);
    QCOMPARE(nodes[99999].uid, Uid(100000));
    QCOMPARE(nodes[99999].parent, 99998);
    QCOMPARE(nodes[100000].uid, Uid(100001));
    QCOMPARE(nodes[100000].parent, -1);
}

QTEST_APPLESS_MAIN(TestResponseParser)
#include "tst_ResponseParser.moc"
