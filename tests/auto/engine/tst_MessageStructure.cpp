// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// MessageStructure from BODYSTRUCTURE as servers send it (through the real parser): the IMAP
// section numbers of RFC 3501 §6.4.5 for nested multiparts and attached messages, which parts
// are text and which attachments, decoded file names, and the blob the store keeps.

#include "engine/MessageStructure.h"
#include "imap/ResponseParser.h"

#include <QTest>

using namespace Qt::StringLiterals;
using fumi::engine::MessagePart;
using fumi::engine::MessageStructure;

namespace {

// A single part: type, subtype, parameters, id, encoding, size, disposition, as BODYSTRUCTURE
// writes them.
QByteArray leaf(QByteArrayView type, QByteArrayView subtype, QByteArrayView parameters = "NIL",
                QByteArrayView disposition = "NIL", QByteArrayView id = "NIL", QByteArrayView encoding = "\"7bit\"")
{
    const bool text = type == "\"text\"";
    return QByteArray('(' + type.toByteArray() + ' ' + subtype.toByteArray() + ' ' + parameters.toByteArray() + ' '
                      + id.toByteArray() + " NIL " + encoding.toByteArray() + " 100" + (text ? " 3" : "") + " NIL "
                      + disposition.toByteArray() + " NIL NIL)");
}

QByteArray multipart(QByteArrayView subtype, const QByteArrayList &parts, QByteArrayView parameters = "NIL")
{
    return QByteArray('(' + parts.join(QByteArray()) + " \"" + subtype.toByteArray() + "\" " + parameters.toByteArray()
                      + " NIL NIL NIL)");
}

QByteArray message(QByteArrayView subject, QByteArrayView body)
{
    return QByteArray("(\"message\" \"rfc822\" NIL NIL NIL \"7bit\" 500 (NIL \"" + subject.toByteArray()
                      + "\" NIL NIL NIL NIL NIL NIL NIL \"<in@x>\") " + body.toByteArray()
                      + " 12 NIL (\"attachment\" NIL) NIL NIL)");
}

const QByteArray plain = leaf("\"text\"", "\"plain\"", "(\"charset\" \"utf-8\")");
const QByteArray html = leaf("\"text\"", "\"html\"", "(\"charset\" \"utf-8\")", "NIL", "NIL", "\"base64\"");

std::optional<MessageStructure> parse(const QByteArray &bodyStructure)
{
    const auto parsed
        = fumi::imap::ResponseParser::parse(QByteArray("* 1 FETCH (BODYSTRUCTURE " + bodyStructure + ")\r\n"));
    if (!parsed) {
        qWarning("parse error: %s", qPrintable(parsed.error().message));
        return std::nullopt;
    }
    const auto *fetch = std::get_if<fumi::imap::FetchResponse>(&parsed.value());
    if (!fetch || !fetch->bodyStructure)
        return std::nullopt;
    return MessageStructure::fromImap(*fetch->bodyStructure);
}

// "section:type/subtype", with "name" and ! for an attachment, depth first.
void dump(const MessagePart &part, QByteArrayList &out)
{
    QByteArray line = part.contentSection() + ':' + part.mimeType();
    if (!part.filename.isEmpty())
        line += " \"" + part.filename.toUtf8() + '"';
    if (part.isAttachment())
        line += " !";
    out << line;
    for (const MessagePart &child : part.children)
        dump(child, out);
}

QByteArray sections(const std::vector<const MessagePart *> &parts)
{
    QByteArrayList list;
    for (const MessagePart *part : parts)
        list << part->contentSection();
    return list.join(' ');
}

} // namespace

class tst_MessageStructure : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void conversion_data()
    {
        QTest::addColumn<QByteArray>("bodyStructure");
        QTest::addColumn<QByteArray>("tree");
        QTest::addColumn<QByteArray>("plainText");
        QTest::addColumn<QByteArray>("htmlText");
        QTest::addColumn<QByteArray>("attachments");

        QTest::newRow("single-text-part-is-section-1") << plain << "1:text/plain"_ba
                                                       << "1"_ba
                                                       << "1"_ba
                                                       << ""_ba;
        QTest::newRow("single-pdf-is-an-attachment")
            << leaf("\"application\"", "\"pdf\"", "(\"name\" \"a.pdf\")", "NIL", "NIL", "\"base64\"")
            << "1:application/pdf \"a.pdf\" !"_ba
            << ""_ba
            << ""_ba
            << "1"_ba;
        QTest::newRow("mixed-alternative-and-attachment")
            << multipart("mixed",
                         {multipart("alternative", {plain, html}),
                          leaf("\"application\"", "\"pdf\"", "NIL", "(\"attachment\" (\"filename\" \"invoice.pdf\"))",
                               "NIL", "\"base64\"")})
            << "TEXT:multipart/mixed 1:multipart/alternative 1.1:text/plain 1.2:text/html "
               "2:application/pdf \"invoice.pdf\" !"_ba
            << "1.1"_ba
            << "1.2"_ba
            << "2"_ba;
        QTest::newRow("attached-message-with-multipart-body")
            << multipart("mixed",
                         {plain,
                          message("Inner",
                                  multipart("mixed", {plain, leaf("\"image\"", "\"png\"", "(\"name\" \"a.png\")")}))})
            << "TEXT:multipart/mixed 1:text/plain 2:message/rfc822 ! 2.TEXT:multipart/mixed 2.1:text/plain "
               "2.2:image/png \"a.png\" !"_ba
            << "1"_ba
            << "1"_ba
            << "2"_ba;
        QTest::newRow("attached-message-with-single-body-is-x.1")
            << multipart("mixed", {plain, message("Inner", plain)})
            << "TEXT:multipart/mixed 1:text/plain 2:message/rfc822 ! 2.1:text/plain"_ba
            << "1"_ba
            << "1"_ba
            << "2"_ba;
        // The example of RFC 3501 §6.4.5, part for part.
        QTest::newRow("rfc3501-example")
            << multipart(
                   "mixed",
                   {plain, leaf("\"application\"", "\"octet-stream\""),
                    message("Three", multipart("mixed", {plain, leaf("\"application\"", "\"octet-stream\"")})),
                    multipart(
                        "mixed",
                        {leaf("\"image\"", "\"gif\""),
                         message("Four",
                                 multipart(
                                     "mixed",
                                     {plain, multipart("alternative", {plain, leaf("\"text\"", "\"richtext\"")})}))})})
            << "TEXT:multipart/mixed 1:text/plain 2:application/octet-stream ! 3:message/rfc822 ! "
               "3.TEXT:multipart/mixed 3.1:text/plain 3.2:application/octet-stream ! 4:multipart/mixed 4.1:image/gif ! "
               "4.2:message/rfc822 ! 4.2.TEXT:multipart/mixed 4.2.1:text/plain 4.2.2:multipart/alternative "
               "4.2.2.1:text/plain 4.2.2.2:text/richtext"_ba
            << "1"_ba
            << "1"_ba
            << "2 3 4.1 4.2"_ba;
        QTest::newRow("related-page-image-is-no-attachment")
            << multipart(
                   "alternative",
                   {plain,
                    multipart(
                        "related",
                        {html, leaf("\"image\"", "\"png\"", "NIL", "(\"inline\" NIL)", "\"<logo@x>\"", "\"base64\"")})})
            << "TEXT:multipart/alternative 1:text/plain 2:multipart/related 2.1:text/html 2.2:image/png"_ba
            << "1"_ba
            << "2.1"_ba
            << ""_ba;
        QTest::newRow("alternative-without-plain-falls-back-to-html")
            << multipart("alternative", {leaf("\"text\"", "\"enriched\""), html})
            << "TEXT:multipart/alternative 1:text/enriched 2:text/html"_ba
            << "2"_ba
            << "2"_ba
            << ""_ba;
        QTest::newRow("text-file-attachment-is-not-body-text")
            << multipart("mixed", {plain, leaf("\"text\"", "\"plain\"", "(\"name\" \"notes.txt\")")})
            << "TEXT:multipart/mixed 1:text/plain 2:text/plain \"notes.txt\" !"_ba
            << "1"_ba
            << "1"_ba
            << "2"_ba;
        QTest::newRow("signed-shows-the-content-only")
            << multipart("signed",
                         {plain, leaf("\"application\"", "\"pgp-signature\"", "(\"name\" \"signature.asc\")")})
            << "TEXT:multipart/signed 1:text/plain 2:application/pgp-signature \"signature.asc\" !"_ba
            << "1"_ba
            << "1"_ba
            << "2"_ba;
    }

    void conversion()
    {
        QFETCH(QByteArray, bodyStructure);
        QFETCH(QByteArray, tree);
        QFETCH(QByteArray, plainText);
        QFETCH(QByteArray, htmlText);
        QFETCH(QByteArray, attachments);

        const std::optional<MessageStructure> structure = parse(bodyStructure);
        QVERIFY(structure);
        QByteArrayList lines;
        dump(structure->root(), lines);
        QCOMPARE(lines.join(' '), tree);
        QCOMPARE(sections(structure->textParts(MessageStructure::Prefer::PlainText)), plainText);
        QCOMPARE(sections(structure->textParts(MessageStructure::Prefer::Html)), htmlText);
        QCOMPARE(sections(structure->attachments()), attachments);
        QCOMPARE(structure->hasAttachments(), !attachments.isEmpty());
        // Every numbered part is found by its number.
        std::function<void(const MessagePart &)> check = [&](const MessagePart &part) {
            if (!part.section.isEmpty())
                QCOMPARE(structure->findBySection(part.section), &part);
            for (const MessagePart &child : part.children)
                check(child);
        };
        check(structure->root());

        // The blob gives back the same tree.
        const std::optional<MessageStructure> read = MessageStructure::fromBlob(structure->toBlob());
        QVERIFY(read);
        QCOMPARE(*read, *structure);
    }

    void filenames_data()
    {
        QTest::addColumn<QByteArray>("parameters");  // Content-Type's
        QTest::addColumn<QByteArray>("disposition"); // Content-Disposition with its parameters
        QTest::addColumn<QString>("expected");

        QTest::newRow("plain") << "NIL"_ba
                               << "(\"attachment\" (\"filename\" \"invoice.pdf\"))"_ba << u"invoice.pdf"_s;
        QTest::newRow("rfc2231-utf8") << "NIL"_ba
                                      << "(\"attachment\" (\"filename*\" \"UTF-8''%E5%A0%B1%E5%91%8A.pdf\"))"_ba
                                      << u"報告.pdf"_s;
        QTest::newRow("rfc2231-language")
            << "NIL"_ba
            << "(\"attachment\" (\"filename*\" \"utf-8'ja'%E5%A0%B1%E5%91%8A.pdf\"))"_ba << u"報告.pdf"_s;
        QTest::newRow("rfc2231-latin1") << "NIL"_ba
                                        << "(\"attachment\" (\"filename*\" \"iso-8859-1''R%E9sum%E9.pdf\"))"_ba
                                        << u"Résumé.pdf"_s;
        QTest::newRow("rfc2231-iso-2022-jp")
            << "NIL"_ba
            << "(\"attachment\" (\"filename*\" \"iso-2022-jp''%1B%24B8%2B%40Q%3Dq%1B%28B.txt\"))"_ba << u"見積書.txt"_s;
        QTest::newRow("rfc2231-continuations")
            << "NIL"_ba
            << "(\"attachment\" (\"filename*1*\" \"%B1%E5%91%8A\" \"filename*0*\" \"UTF-8''%E5%A0\" \"filename*2\" "
               "\".pdf\"))"_ba
            << u"報告.pdf"_s;
        QTest::newRow("rfc2231-wins-over-plain")
            << "NIL"_ba
            << "(\"attachment\" (\"filename\" \"report.pdf\" \"filename*\" \"UTF-8''%E5%A0%B1%E5%91%8A.pdf\"))"_ba
            << u"報告.pdf"_s;
        QTest::newRow("encoded-word-iso-2022-jp")
            << "NIL"_ba
            << "(\"attachment\" (\"filename\" \"=?ISO-2022-JP?B?GyRCOCtAUT1xGyhCLnR4dA==?=\"))"_ba << u"見積書.txt"_s;
        QTest::newRow("content-type-name-when-no-filename") << "(\"name\" \"=?UTF-8?B?6KaL56mN5pu4LnBkZg==?=\")"_ba
                                                            << "(\"attachment\" NIL)"_ba << u"見積書.pdf"_s;
        QTest::newRow("raw-utf8") << "NIL"_ba
                                  << "(\"attachment\" (\"filename\" \"\xe5\xa0\xb1\xe5\x91\x8a.pdf\"))"_ba
                                  << u"報告.pdf"_s;
        QTest::newRow("none") << "NIL"_ba
                              << "NIL"_ba << QString();
    }

    void filenames()
    {
        QFETCH(QByteArray, parameters);
        QFETCH(QByteArray, disposition);
        QFETCH(QString, expected);
        const std::optional<MessageStructure> structure
            = parse(leaf("\"application\"", "\"pdf\"", parameters, disposition, "NIL", "\"base64\""));
        QVERIFY(structure);
        QCOMPARE(structure->root().filename, expected);
        QVERIFY(structure->root().isAttachment());
    }

    void findByContentId_data()
    {
        QTest::addColumn<QByteArray>("asked");
        QTest::addColumn<QByteArray>("section");
        QTest::newRow("cid-url") << "cid:logo@x"_ba
                                 << "2.2"_ba;
        QTest::newRow("cid-url-percent-encoded") << "cid:logo%40x"_ba
                                                 << "2.2"_ba;
        QTest::newRow("with-brackets") << "<logo@x>"_ba
                                       << "2.2"_ba;
        QTest::newRow("bare") << "logo@x"_ba
                              << "2.2"_ba;
        QTest::newRow("unknown") << "cid:other@x"_ba
                                 << ""_ba;
        QTest::newRow("empty") << ""_ba
                               << ""_ba;
    }

    void findByContentId()
    {
        QFETCH(QByteArray, asked);
        QFETCH(QByteArray, section);
        const std::optional<MessageStructure> structure = parse(multipart(
            "alternative",
            {plain,
             multipart(
                 "related",
                 {html, leaf("\"image\"", "\"png\"", "NIL", "(\"inline\" NIL)", "\"<logo@x>\"", "\"base64\"")})}));
        QVERIFY(structure);
        const MessagePart *found = structure->findByContentId(asked);
        QCOMPARE(found ? found->section : QByteArray(), section);
    }

    void damagedBlobReadsAsAbsent_data()
    {
        const std::optional<MessageStructure> structure = parse(multipart("mixed", {plain, message("Inner", plain)}));
        QVERIFY(structure);
        const QByteArray good = structure->toBlob();

        QTest::addColumn<QByteArray>("blob");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("other-version") << QByteArray(char(2) + good.mid(1));
        QTest::newRow("version-zero") << QByteArray(char(0) + good.mid(1));
        QTest::newRow("trailing-byte") << QByteArray(good + 'x');
        QTest::newRow("text") << "not a structure at all"_ba;
        QTest::newRow("huge-count") << QByteArray(good.left(1) + QByteArray(64, '\xff'));
        // Every cut of a good blob.
        for (qsizetype length = 1; length < good.size(); length += 7)
            QTest::addRow("cut-at-%lld", qlonglong(length)) << good.left(length);
    }

    void damagedBlobReadsAsAbsent()
    {
        QFETCH(QByteArray, blob);
        QVERIFY(!MessageStructure::fromBlob(blob));
    }

    void deepNestingIsCut()
    {
        // Deeper than any blob may be: the conversion stops descending instead of overflowing.
        QByteArray body = plain;
        for (int i = 0; i < 40; ++i)
            body = multipart("mixed", {body});
        const std::optional<MessageStructure> structure = parse(body);
        if (!structure)
            QSKIP("the parser's nesting limit is below 40; it guards the conversion");
        QVERIFY(MessageStructure::fromBlob(structure->toBlob()));
    }

    void carriedInQVariant()
    {
        const std::optional<MessageStructure> structure = parse(multipart("alternative", {plain, html}));
        QVERIFY(structure);
        const QVariant variant = QVariant::fromValue(*structure);
        QCOMPARE(variant.value<MessageStructure>(), *structure);
    }
};

QTEST_GUILESS_MAIN(tst_MessageStructure)
#include "tst_MessageStructure.moc"
