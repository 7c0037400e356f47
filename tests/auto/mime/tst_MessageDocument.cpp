// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "mime/MessageDocument.h"

#include <QTest>

using fumi::mime::AttachmentInfo;
using fumi::mime::HeaderField;
using fumi::mime::MessageAddress;
using fumi::mime::MessageBody;
using fumi::mime::MessageDocument;
using fumi::mime::MessageWarning;
using namespace Qt::StringLiterals;

Q_DECLARE_METATYPE(MessageWarning::Kind)

namespace {

QByteArray encodedWord(const QByteArray &charset, const QByteArray &bytes)
{
    return QByteArray("=?" + charset + "?B?" + bytes.toBase64() + "?=");
}

QByteArray singlePart(const QByteArray &charset, const QByteArray &subject, const QByteArray &transferEncoding,
                      const QByteArray &body)
{
    return QByteArray("From: Sender <sender@example.org>\r\n"
                      "To: reader@example.org\r\n"
                      "Subject: "
                      + subject
                      + "\r\n"
                        "Date: Tue, 3 Nov 2026 09:15:00 +0900\r\n"
                        "MIME-Version: 1.0\r\n"
                        "Content-Type: text/plain; charset="
                      + charset
                      + "\r\n"
                        "Content-Transfer-Encoding: "
                      + transferEncoding
                      + "\r\n"
                        "\r\n"
                      + body + "\r\n");
}

QList<MessageWarning::Kind> kinds(const QList<MessageWarning> &warnings)
{
    QList<MessageWarning::Kind> result;
    for (const MessageWarning &warning : warnings)
        result.append(warning.kind);
    return result;
}

const QByteArray multipartMessage
    = QByteArray("From: =?ISO-2022-JP?B?GyRCOzNFREJATzobKEI=?= <taro@example.jp>\r\n"
                 "To: Reader <reader@example.org>, other@example.org\r\n"
                 "Cc: \"Carol, C.\" <carol@example.org>\r\n"
                 "Reply-To: replies@example.org\r\n"
                 "Subject: report\r\n"
                 "Date: Tue, 3 Nov 2026 09:15:00 +0900\r\n"
                 "MIME-Version: 1.0\r\n"
                 "Content-Type: multipart/mixed; boundary=\"outer\"\r\n"
                 "\r\n"
                 "--outer\r\n"
                 "Content-Type: multipart/related; boundary=\"rel\"\r\n"
                 "\r\n"
                 "--rel\r\n"
                 "Content-Type: multipart/alternative; boundary=\"alt\"\r\n"
                 "\r\n"
                 "--alt\r\n"
                 "Content-Type: text/plain; charset=utf-8\r\n"
                 "\r\n"
                 "plain version\r\n"
                 "--alt\r\n"
                 "Content-Type: text/html; charset=utf-8\r\n"
                 "\r\n"
                 "<p>html version <img src=\"cid:logo@example.jp\"></p>\r\n"
                 "--alt--\r\n"
                 "--rel\r\n"
                 "Content-Type: image/png\r\n"
                 "Content-ID: <logo@example.jp>\r\n"
                 "Content-Transfer-Encoding: base64\r\n"
                 "\r\n"
                 "iVBORw0KGgo=\r\n"
                 "--rel--\r\n"
                 "--outer\r\n"
                 "Content-Type: application/pdf\r\n"
                 "Content-Disposition: attachment; filename*=UTF-8''%E5%A0%B1%E5%91%8A.pdf\r\n"
                 "Content-Transfer-Encoding: base64\r\n"
                 "\r\n"
                 "JVBERi0xLjQK\r\n"
                 "--outer\r\n"
                 "Content-Type: text/plain; name=\"=?UTF-8?B?bm90ZXMudHh0?=\"\r\n"
                 "Content-Disposition: attachment\r\n"
                 "\r\n"
                 "some notes\r\n"
                 "--outer--\r\n");

} // namespace

class tst_MessageDocument : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void charsets_data()
    {
        QTest::addColumn<QByteArray>("charset");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QByteArray>("transferEncoding");
        QTest::addColumn<QString>("expected");

        // The bytes are the expected text as each charset encodes it (made with Python's codecs).
        QTest::newRow("iso-2022-jp") << "ISO-2022-JP"_ba
                                     << "\x1b$B2q5D$NM=Dj$G$9!#$h$m$7$/\x1b(B"_ba
                                     << "7bit"_ba << u"会議の予定です。よろしく"_s;
        // 0x5c, the ASCII backslash, is the second byte of 表 and ソ.
        QTest::newRow("shift_jis") << "Shift_JIS"_ba
                                   << "\x95\x5c\x8e\xa6\x83"
                                      "e\x83X\x83g\x81"
                                      "F\x83\x5c\x8f\x5c\x94\x5c"_ba
                                   << "8bit"_ba << u"表示テスト：ソ十能"_s;
        QTest::newRow("euc-jp") << "EUC-JP"_ba
                                << "\xc5\xec\xb5\xfe\xc5\xd4\xc0\xe9\xc2\xe5\xc5\xc4\xb6\xe8"_ba
                                << "8bit"_ba << u"東京都千代田区"_s;
        QTest::newRow("iso-8859-1") << "ISO-8859-1"_ba
                                    << "Caf\xe9 cr\xe8me \xe0 la mode"_ba
                                    << "8bit"_ba << u"Café crème à la mode"_s;
        QTest::newRow("iso-8859-2") << "iso-8859-2"_ba
                                    << "Za\xbf\xf3\xb3\xe6 g\xea\xb6l\xb1 ja\xbc\xf1"_ba
                                    << "8bit"_ba << u"Zażółć gęślą jaźń"_s;
        QTest::newRow("iso-8859-15") << "ISO-8859-15"_ba
                                     << "Prix: 10 \xa4 \xbduvre"_ba
                                     << "8bit"_ba << u"Prix: 10 € œuvre"_s;
        QTest::newRow("windows-1251") << "windows-1251"_ba
                                      << "\xcf\xf0\xe8\xe2\xe5\xf2, \xec\xe8\xf0"_ba
                                      << "8bit"_ba << u"Привет, мир"_s;
        QTest::newRow("windows-1252") << "windows-1252"_ba
                                      << "\x93Quoted\x94 \x96 dash\x85"_ba
                                      << "8bit"_ba << u"“Quoted” – dash…"_s;
        // Senders label Windows-1252 text ISO-8859-1; browsers read it as 1252, so does Fumi.
        QTest::newRow("iso-8859-1-label-on-1252-bytes") << "iso-8859-1"_ba
                                                        << "\x93Quoted\x94 \x96 dash\x85"_ba
                                                        << "8bit"_ba << u"“Quoted” – dash…"_s;
        QTest::newRow("utf-8") << "UTF-8"_ba
                               << "Gr\xc3\xbc\xc3\x9f"
                                  "e \xe6\x97\xa5\xe6\x9c\xac \xf0\x9f\x98\x80"_ba
                               << "8bit"_ba << u"Grüße 日本 😀"_s;
        QTest::newRow("utf-8-quoted-printable") << "utf-8"_ba
                                                << "Gr=C3=BC=C3=9Fe"_ba
                                                << "quoted-printable"_ba << u"Grüße"_s;
        QTest::newRow("euc-jp-base64") << "euc-jp"_ba
                                       << "\xc5\xec\xb5\xfe\xc5\xd4\xc0\xe9\xc2\xe5\xc5\xc4\xb6\xe8"_ba.toBase64()
                                       << "base64"_ba << u"東京都千代田区"_s;
    }

    void charsets()
    {
        QFETCH(QByteArray, charset);
        QFETCH(QByteArray, bytes);
        QFETCH(QByteArray, transferEncoding);
        QFETCH(QString, expected);

        // Subject as an encoded-word in the same charset (the raw bytes for a base64/QP body are
        // not the text's bytes, so only the plain-bytes rows check the subject).
        const bool rawBody = transferEncoding == "7bit" || transferEncoding == "8bit";
        const QByteArray subject = rawBody ? encodedWord(charset, bytes) : QByteArray("x");
        MessageDocument document(singlePart(charset, subject, transferEncoding, bytes));
        const MessageBody body = document.body(MessageDocument::BodyPreference::PreferHtml);
        QCOMPARE(body.format, MessageBody::Format::Plain);
        QCOMPARE(body.text.trimmed(), expected);
        // The subject's encoded-word is KCodecs' to decode, with the label as given (only the
        // body reads an ISO-8859-1 label as Windows-1252).
        if (rawBody && QByteArrayView(QTest::currentDataTag()) != "iso-8859-1-label-on-1252-bytes")
            QCOMPARE(document.subject(), expected);
    }

    void unlabelledBytes_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<QString>("expected");
        QTest::newRow("valid-utf8") << "na\xc3\xafve"_ba << u"naïve"_s;
        QTest::newRow("not-utf8-reads-1252") << "na\xefve \x80"_ba << u"naïve €"_s;
    }

    void unlabelledBytes()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QCOMPARE(MessageDocument::decodeText(bytes, QByteArray()), expected);
        QCOMPARE(MessageDocument::decodeText(bytes, "x-no-such-charset"_ba), expected);
    }

    void headersShowRealAddresses()
    {
        MessageDocument document(multipartMessage);
        const QList<HeaderField> headers = document.headers();
        QList<HeaderField::Kind> order;
        for (const HeaderField &field : headers)
            order.append(field.kind);
        using Kind = HeaderField::Kind;
        QCOMPARE(order, (QList<Kind>{Kind::From, Kind::ReplyTo, Kind::To, Kind::Cc, Kind::Date, Kind::Subject}));

        QCOMPARE(headers.at(0).addresses, (QList<MessageAddress>{{u"山田太郎"_s, u"taro@example.jp"_s}}));
        QCOMPARE(headers.at(0).addresses.first().display(), u"山田太郎 <taro@example.jp>"_s);
        QCOMPARE(headers.at(1).addresses.first().display(), u"replies@example.org"_s);
        QCOMPARE(headers.at(2).addresses,
                 (QList<MessageAddress>{{u"Reader"_s, u"reader@example.org"_s}, {QString(), u"other@example.org"_s}}));
        QCOMPARE(headers.at(3).addresses.first().display(), u"\"Carol, C.\" <carol@example.org>"_s);
        QCOMPARE(headers.at(4).date, QDateTime(QDate(2026, 11, 3), QTime(0, 15), QTimeZone::UTC));
        QCOMPARE(headers.at(5).text, u"report"_s);
        QCOMPARE(document.sender()->address, u"taro@example.jp"_s);
        QVERIFY(document.warnings().isEmpty());
    }

    void warnings_data()
    {
        QTest::addColumn<QByteArray>("head");
        QTest::addColumn<QList<MessageWarning::Kind>>("expected");
        using Kind = MessageWarning::Kind;

        QTest::newRow("one-from") << "From: a@example.org\r\n"_ba << QList<Kind>{};
        QTest::newRow("two-from-headers")
            << "From: bank@example.org\r\nFrom: thief@evil.example\r\n"_ba << QList<Kind>{Kind::MultipleFromHeaders};
        QTest::newRow("several-authors-without-sender")
            << "From: a@example.org, b@example.org\r\n"_ba << QList<Kind>{Kind::SeveralAuthorsWithoutSender};
        QTest::newRow("several-authors-with-sender")
            << "From: a@example.org, b@example.org\r\nSender: a@example.org\r\n"_ba << QList<Kind>{};
        QTest::newRow("name-is-another-address") << "From: \"ceo@bank.example\" <phish@evil.example>\r\n"_ba
                                                 << QList<Kind>{Kind::DisplayNameLooksLikeAddress};
        QTest::newRow("name-is-the-same-address")
            << "From: \"Ceo@Bank.example\" <ceo@bank.example>\r\n"_ba << QList<Kind>{};
        QTest::newRow("bidi-override-in-name") << "From: =?UTF-8?B?"
                + "Bob \xe2\x80\xae"
                  "evil"_ba.toBase64()
                + "?= <bob@example.org>\r\n"_ba << QList<Kind>{Kind::HiddenCharactersRemoved};
        QTest::newRow("no-from") << "To: a@example.org\r\n"_ba << QList<Kind>{Kind::NoFrom};
    }

    void warnings()
    {
        QFETCH(QByteArray, head);
        QFETCH(QList<MessageWarning::Kind>, expected);
        MessageDocument document(head + "Subject: hi\r\n\r\nbody\r\n"_ba);
        QCOMPARE(kinds(document.warnings()), expected);
        QCOMPARE(document.hasMultipleFrom(), expected.contains(MessageWarning::Kind::MultipleFromHeaders));
    }

    void twoFromHeadersShowBoth()
    {
        MessageDocument document("From: Bank <bank@example.org>\r\nFrom: thief@evil.example\r\n\r\nx\r\n"_ba);
        QVERIFY(document.hasMultipleFrom());
        const QString detail = document.warnings().first().detail;
        QVERIFY2(detail.contains(u"bank@example.org"_s) && detail.contains(u"thief@evil.example"_s),
                 qPrintable(detail));
    }

    void controlAndBidiNeutralised_data()
    {
        QTest::addColumn<QByteArray>("nameBytes");
        QTest::addColumn<QString>("expectedName");
        QTest::newRow("rlo") << "Alice \xe2\x80\xae"
                                "cod.exe"_ba
                             << u"Alice cod.exe"_s;
        QTest::newRow("lre-pdf") << "\xe2\x80\xaa"
                                    "Bob\xe2\x80\xac"_ba
                                 << u"Bob"_s;
        QTest::newRow("isolates") << "\xe2\x81\xa6"
                                     "Eve\xe2\x81\xa9"_ba
                                  << u"Eve"_s;
        QTest::newRow("rlm-lrm") << "Ma\xe2\x80\x8fl\xe2\x80\x8ery"_ba << u"Ma l ry"_s;
        QTest::newRow("c0-escape") << "Tom\x1b[2J"_ba << u"Tom [2J"_s;
        QTest::newRow("c1-csi") << "Ann\xc2\x9b"
                                   "31m"_ba
                                << u"Ann 31m"_s;
    }

    void controlAndBidiNeutralised()
    {
        QFETCH(QByteArray, nameBytes);
        QFETCH(QString, expectedName);
        const QByteArray raw = "From: " + encodedWord("UTF-8", nameBytes)
            + " <x@example.org>\r\nSubject: " + encodedWord("UTF-8", nameBytes) + "\r\n\r\nbody\r\n";
        MessageDocument document(raw);
        const HeaderField from = document.headers().first();
        QCOMPARE(from.addresses.first().name, expectedName);
        QCOMPARE(from.addresses.first().address, u"x@example.org"_s);
        QCOMPARE(document.subject(), expectedName);
    }

    void bodyChoice_data()
    {
        QTest::addColumn<int>("preference");
        QTest::addColumn<int>("format");
        QTest::addColumn<QString>("text");
        QTest::newRow("prefer-html") << int(MessageDocument::BodyPreference::PreferHtml)
                                     << int(MessageBody::Format::Html)
                                     << u"<p>html version <img src=\"cid:logo@example.jp\"></p>"_s;
        QTest::newRow("prefer-plain") << int(MessageDocument::BodyPreference::PreferPlain)
                                      << int(MessageBody::Format::Plain) << u"plain version"_s;
    }

    void bodyChoice()
    {
        QFETCH(int, preference);
        QFETCH(int, format);
        QFETCH(QString, text);
        MessageDocument document(multipartMessage);
        const MessageBody body = document.body(MessageDocument::BodyPreference(preference));
        QCOMPARE(int(body.format), format);
        QCOMPARE(body.text.trimmed(), text);
    }

    void htmlOnlyMessageGivesHtmlEvenWhenPlainPreferred()
    {
        MessageDocument document(
            "From: a@example.org\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<b>hi</b>\r\n"_ba);
        QCOMPARE(document.body(MessageDocument::BodyPreference::PreferPlain).format, MessageBody::Format::Html);
    }

    void flowedParameters()
    {
        MessageDocument document(
            "From: a@example.org\r\nContent-Type: text/plain; charset=utf-8; format=flowed; delsp=yes\r\n\r\nab \r\ncd\r\n"_ba);
        const MessageBody body = document.body(MessageDocument::BodyPreference::PreferHtml);
        QVERIFY(body.flowed);
        QVERIFY(body.delSp);
    }

    void attachments()
    {
        MessageDocument document(multipartMessage);
        const QList<AttachmentInfo> list = document.attachments();
        QCOMPARE(list.size(), 2);
        QCOMPARE(list.at(0).fileName, u"報告.pdf"_s); // RFC 2231
        QCOMPARE(list.at(0).mimeType, "application/pdf"_ba);
        QCOMPARE(list.at(0).partId, u"2"_s);
        QCOMPARE(list.at(0).size, qint64(9));
        QCOMPARE(list.at(1).fileName, u"notes.txt"_s); // RFC 2047 in the name parameter
        QCOMPARE(list.at(1).partId, u"3"_s);

        const auto pdf = document.partContent(list.at(0).partId);
        QVERIFY(pdf);
        QCOMPARE(pdf->data, "%PDF-1.4\n"_ba);
        QVERIFY(!document.partContent(u"9"_s));
        QVERIFY(!document.partContent(u"1"_s)); // a multipart, not a leaf
        QVERIFY(!document.partContent(u"garbage"_s));
    }

    void attachmentFileNameIsNeverAPath()
    {
        MessageDocument document(
            "From: a@example.org\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
            "--b\r\nContent-Type: text/plain\r\n\r\nbody\r\n"
            "--b\r\nContent-Type: application/octet-stream\r\n"
            "Content-Disposition: attachment; filename=\"../../.bashrc\"\r\n\r\nx\r\n--b--\r\n"_ba);
        QCOMPARE(document.attachments().size(), 1);
        QCOMPARE(document.attachments().first().fileName, u"_.._.bashrc"_s);
    }

    void contentIdLookup_data()
    {
        QTest::addColumn<QString>("cid");
        QTest::addColumn<bool>("found");
        QTest::newRow("bare") << u"logo@example.jp"_s << true;
        QTest::newRow("angle-brackets") << u"<logo@example.jp>"_s << true;
        QTest::newRow("percent-encoded") << u"logo%40example.jp"_s << true;
        QTest::newRow("unknown") << u"other@example.jp"_s << false;
        QTest::newRow("empty") << QString() << false;
    }

    void contentIdLookup()
    {
        QFETCH(QString, cid);
        QFETCH(bool, found);
        MessageDocument document(multipartMessage);
        const auto part = document.contentById(cid);
        QCOMPARE(part.has_value(), found);
        if (found) {
            QCOMPARE(part->mimeType, "image/png"_ba);
            QCOMPARE(part->data, QByteArray::fromBase64("iVBORw0KGgo="));
        }
    }

    void garbageDoesNotCrash_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::newRow("empty") << QByteArray();
        QTest::newRow("no-headers") << "just text"_ba;
        QTest::newRow("unterminated-multipart") << "Content-Type: multipart/mixed; boundary=x\r\n\r\n--x\r\nabc"_ba;
        QTest::newRow("binary") << QByteArray(300, '\0');
    }

    void garbageDoesNotCrash()
    {
        QFETCH(QByteArray, raw);
        MessageDocument document(raw);
        (void)document.headers();
        (void)document.body(MessageDocument::BodyPreference::PreferHtml);
        (void)document.attachments();
        QVERIFY(!document.contentById(u"x"_s));
        QVERIFY(kinds(document.warnings()).contains(MessageWarning::Kind::NoFrom));
    }
};

QTEST_GUILESS_MAIN(tst_MessageDocument)
#include "tst_MessageDocument.moc"
