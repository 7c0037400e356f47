// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "imap/Command.h"

#include <QTest>

#include <functional>

using namespace fumi;
using namespace fumi::imap;
using namespace Qt::StringLiterals;

using Build = std::function<Command()>;
Q_DECLARE_METATYPE(Build)

namespace {

using Literals = Command::Encoding::Literals;

Command::Encoding encoding(Literals literals, bool utf8 = false)
{
    Command::Encoding e;
    e.literals = literals;
    e.utf8 = utf8;
    return e;
}

} // namespace

class TestCommand : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void serializes_data();
    void serializes();
    void literalModes_data();
    void literalModes();
    void redactsCredentialsAndLiterals();
};

void TestCommand::serializes_data()
{
    QTest::addColumn<Build>("build");
    QTest::addColumn<bool>("utf8");
    QTest::addColumn<QByteArray>("expected"); // parts joined by '|'

    auto row = [](const char *name, Build build, bool utf8, QByteArray expected) {
        QTest::newRow(name) << build << utf8 << expected;
    };
    row(
        "bare",
        [] {
            return Command("NOOP");
        },
        false, "a1 NOOP\r\n");
    row(
        "login-atoms",
        [] {
            return std::move(Command("LOGIN").astring("alice").sensitive("secret"));
        },
        false, "a1 LOGIN alice \"secret\"\r\n");
    row(
        "astring-needs-quotes",
        [] {
            return std::move(Command("LOGIN").astring("alice smith").sensitive("p\"w\\d"));
        },
        false, "a1 LOGIN \"alice smith\" \"p\\\"w\\\\d\"\r\n");
    row(
        "lists-have-no-inner-spaces",
        [] {
            return std::move(Command("ESEARCH")
                                 .raw("IN")
                                 .openList()
                                 .raw("mailboxes")
                                 .openList()
                                 .mailbox(u"INBOX")
                                 .mailbox(u"Sent Items")
                                 .closeList()
                                 .closeList()
                                 .raw("OR")
                                 .openList()
                                 .raw("SEEN")
                                 .closeList()
                                 .openList()
                                 .closeList());
        },
        false, "a1 ESEARCH IN (mailboxes (INBOX \"Sent Items\")) OR (SEEN) ()\r\n");
    row(
        "astring-empty",
        [] {
            return std::move(Command("LOGIN").astring("").sensitive(""));
        },
        false, "a1 LOGIN \"\" \"\"\r\n");
    row(
        "astring-nil-is-quoted",
        [] {
            return std::move(Command("SELECT").astring("NIL"));
        },
        false, "a1 SELECT \"NIL\"\r\n");
    row(
        "astring-with-bracket-is-quoted",
        [] {
            return std::move(Command("SELECT").astring("a]b"));
        },
        false, "a1 SELECT \"a]b\"\r\n");
    row(
        "astring-8bit-is-literal",
        [] {
            return std::move(Command("LOGIN").astring("j\xc3\xb6rg").sensitive("x"));
        },
        false, "a1 LOGIN {5}\r\n|j\xc3\xb6rg \"x\"\r\n");
    row(
        "astring-8bit-utf8-quoted",
        [] {
            return std::move(Command("LOGIN").astring("j\xc3\xb6rg").sensitive("x"));
        },
        true, "a1 LOGIN \"j\xc3\xb6rg\" \"x\"\r\n");
    row(
        "string-crlf-is-literal",
        [] {
            return std::move(Command("X").string("line1\r\nline2"));
        },
        true, "a1 X {12}\r\n|line1\r\nline2\r\n");
    row(
        "string-never-atom",
        [] {
            return std::move(Command("UID SEARCH").raw("SUBJECT").string("hello"));
        },
        false, "a1 UID SEARCH SUBJECT \"hello\"\r\n");
    row(
        "mailbox-inbox-any-case",
        [] {
            return std::move(Command("SELECT").mailbox(u"inbox"));
        },
        false, "a1 SELECT INBOX\r\n");
    row(
        "mailbox-mutf7",
        [] {
            return std::move(Command("SELECT").mailbox(u"受信トレイ/プロジェクト"));
        },
        false, "a1 SELECT &U9dP4TDIMOwwpA-/&MNcw7TC4MKcwrzDI-\r\n");
    row(
        "mailbox-mutf7-ampersand-and-space",
        [] {
            return std::move(Command("CREATE").mailbox(u"Tom & Jerry"));
        },
        false, "a1 CREATE \"Tom &- Jerry\"\r\n");
    row(
        "mailbox-utf8",
        [] {
            return std::move(Command("SELECT").mailbox(u"受信トレイ"));
        },
        true, "a1 SELECT \"\xe5\x8f\x97\xe4\xbf\xa1\xe3\x83\x88\xe3\x83\xac\xe3\x82\xa4\"\r\n");
    row(
        "mailbox-wildcards-quoted",
        [] {
            return std::move(Command("LIST").string("").mailbox(u"Work/%"));
        },
        false, "a1 LIST \"\" \"Work/%\"\r\n");
    row(
        "sequence-set-and-items",
        [] {
            return std::move(Command("UID FETCH").sequenceSet(UidSet{1, 2, 3, 7, 9}).raw("(UID FLAGS)"));
        },
        false, "a1 UID FETCH 1:3,7,9 (UID FLAGS)\r\n");
    row(
        "store-flags",
        [] {
            Flags flags;
            flags.set(Flags::System::Deleted);
            return std::move(Command("UID STORE").sequenceSet(UidSet{4}).raw("+FLAGS.SILENT").flags(flags));
        },
        false, "a1 UID STORE 4 +FLAGS.SILENT (\\Deleted)\r\n");
    row(
        "select-qresync",
        [] {
            return std::move(Command("SELECT").mailbox(u"INBOX").raw("(QRESYNC (67890007 90060115205545359 1:29))"));
        },
        false, "a1 SELECT INBOX (QRESYNC (67890007 90060115205545359 1:29))\r\n");
    row(
        "append-literal",
        [] {
            return std::move(Command("APPEND").mailbox(u"Sent").raw("(\\Seen)").literal("Hi\r\n"));
        },
        false, "a1 APPEND Sent (\\Seen) {4}\r\n|Hi\r\n\r\n");
    row(
        "append-literal8",
        [] {
            return std::move(Command("APPEND").mailbox(u"Sent").literal("a\0b"_ba, true));
        },
        false, "a1 APPEND Sent ~{3}\r\n|a\0b\r\n"_ba);
    row(
        "number-64bit",
        [] {
            return std::move(Command("X-MODSEQ").number(9223372036854775807ull));
        },
        false, "a1 X-MODSEQ 9223372036854775807\r\n");
}

void TestCommand::serializes()
{
    QFETCH(Build, build);
    QFETCH(bool, utf8);
    QFETCH(QByteArray, expected);
    QCOMPARE(build().serialize("a1", encoding(Literals::Synchronizing, utf8)).join('|'), expected);
}

void TestCommand::literalModes_data()
{
    QTest::addColumn<int>("mode");
    QTest::addColumn<int>("size");
    QTest::addColumn<QByteArray>("announcement");
    QTest::addColumn<int>("parts");

    QTest::newRow("sync-small") << int(Literals::Synchronizing) << 10 << "{10}\r\n"_ba << 2;
    QTest::newRow("literal-plus-small") << int(Literals::LiteralPlus) << 10 << "{10+}\r\n"_ba << 1;
    QTest::newRow("literal-plus-large") << int(Literals::LiteralPlus) << 100000 << "{100000+}\r\n"_ba << 1;
    QTest::newRow("literal-minus-at-limit") << int(Literals::LiteralMinus) << 4096 << "{4096+}\r\n"_ba << 1;
    QTest::newRow("literal-minus-above-limit") << int(Literals::LiteralMinus) << 4097 << "{4097}\r\n"_ba << 2;
}

void TestCommand::literalModes()
{
    QFETCH(int, mode);
    QFETCH(int, size);
    QFETCH(QByteArray, announcement);
    QFETCH(int, parts);
    const QByteArray data(size, 'x');
    const QByteArrayList wire
        = Command("APPEND").mailbox(u"INBOX").literal(data).serialize("t", encoding(Literals(mode)));
    QCOMPARE(wire.size(), parts);
    // A synchronising literal ends the first part: the rest waits for the server's "+".
    if (parts == 2)
        QVERIFY(wire.first().endsWith(QByteArray("INBOX " + announcement)));
    QCOMPARE(wire.join(), QByteArray("t APPEND INBOX " + announcement + data + "\r\n"));
}

void TestCommand::redactsCredentialsAndLiterals()
{
    const Command login = std::move(Command("LOGIN").astring("alice").sensitive("hunter2"));
    QCOMPARE(login.redacted("a1"), "a1 LOGIN \"alice\" ***"_ba);
    QVERIFY(!login.redacted("a1").contains("hunter2"));

    const Command append = std::move(Command("APPEND").mailbox(u"Sent").literal("Secret body text\r\n"));
    QCOMPARE(append.redacted("a2"), "a2 APPEND \"Sent\" {18 bytes}"_ba);

    const Command auth = std::move(Command("AUTHENTICATE").raw("PLAIN").sensitive("AGFsaWNlAGh1bnRlcjI="));
    QCOMPARE(auth.redacted("a3"), "a3 AUTHENTICATE PLAIN ***"_ba);
}

QTEST_APPLESS_MAIN(TestCommand)
#include "tst_Command.moc"
