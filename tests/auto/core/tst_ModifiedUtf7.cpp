// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/ModifiedUtf7.h"

#include <QTest>

using namespace fumi;
using namespace Qt::StringLiterals;

class TestModifiedUtf7 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip_data();
    void roundTrip();
    void rejectsInvalid_data();
    void rejectsInvalid();
    void encodesUnpairedSurrogateAsReplacement();
};

void TestModifiedUtf7::roundTrip_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<QByteArray>("encoded");

    QTest::newRow("empty") << QString() << QByteArray();
    QTest::newRow("ascii") << u"INBOX"_s << "INBOX"_ba;
    QTest::newRow("printable-ascii-specials") << u"a b~c/d.e%f*g\"h\\i"_s << "a b~c/d.e%f*g\"h\\i"_ba;
    QTest::newRow("ampersand") << u"&"_s << "&-"_ba;
    QTest::newRow("ampersand-twice") << u"&&"_s << "&-&-"_ba;
    QTest::newRow("ampersand-in-text") << u"Tom & Jerry"_s << "Tom &- Jerry"_ba;
    QTest::newRow("rfc3501-example") << u"~peter/mail/台北/日本語"_s << "~peter/mail/&U,BTFw-/&ZeVnLIqe-"_ba;
    QTest::newRow("japanese") << u"送信済み"_s << "&kAFP4W4IMH8-"_ba;
    QTest::newRow("japanese-hierarchy") << u"受信トレイ/プロジェクト"_s << "&U9dP4TDIMOwwpA-/&MNcw7TC4MKcwrzDI-"_ba;
    QTest::newRow("latin1") << u"Entwürfe"_s << "Entw&APw-rfe"_ba;
    QTest::newRow("cyrillic") << u"Корзина"_s << "&BBoEPgRABDcEOAQ9BDA-"_ba;
    QTest::newRow("single-char-run") << u"a日b"_s << "a&ZeU-b"_ba;
    QTest::newRow("surrogate-pair") << u"📧 Inbox"_s << "&2D3c5w- Inbox"_ba;
    QTest::newRow("control-char") << u"\t"_s << "&AAk-"_ba;
    QTest::newRow("ampersand-next-to-run") << u"&日"_s << "&-&ZeU-"_ba;
}

void TestModifiedUtf7::roundTrip()
{
    QFETCH(QString, name);
    QFETCH(QByteArray, encoded);
    QCOMPARE(ModifiedUtf7::encode(name), encoded);
    const auto decoded = ModifiedUtf7::decode(encoded);
    QVERIFY2(decoded.ok(), qPrintable(decoded.ok() ? QString() : decoded.error().message));
    QCOMPARE(decoded.value(), name);
}

void TestModifiedUtf7::rejectsInvalid_data()
{
    QTest::addColumn<QByteArray>("encoded");
    QTest::addColumn<qsizetype>("offset");

    QTest::newRow("lone-ampersand") << "&"_ba << qsizetype(0);
    QTest::newRow("ampersand-at-end") << "abc&"_ba << qsizetype(3);
    QTest::newRow("unterminated-run") << "&Jjo"_ba << qsizetype(0);
    QTest::newRow("bad-char-in-run") << "&Jjo!"_ba << qsizetype(4);
    QTest::newRow("slash-instead-of-comma") << "&U/BTFw-"_ba << qsizetype(2);
    QTest::newRow("padding-in-run") << "&ZeU=-"_ba << qsizetype(4);
    QTest::newRow("adjacent-runs") << "&U,BTFw-&ZeVnLIqe-"_ba << qsizetype(8);
    QTest::newRow("encoded-ascii-letter") << "&AGE-"_ba << qsizetype(0);
    QTest::newRow("encoded-ascii-in-run") << "&ZeUAYQ-"_ba << qsizetype(0);
    QTest::newRow("encoded-ampersand") << "&ACY-"_ba << qsizetype(0);
    QTest::newRow("encoded-space") << "&ACA-"_ba << qsizetype(0);
    QTest::newRow("truncated-code-unit") << "&AC-"_ba << qsizetype(3);
    QTest::newRow("nonzero-padding-bits") << "&ZeV-"_ba << qsizetype(4);
    QTest::newRow("unpaired-high-surrogate") << "&2D0-"_ba << qsizetype(0);
    QTest::newRow("unpaired-low-surrogate") << "&3Oc-"_ba << qsizetype(0);
    QTest::newRow("raw-8bit") << "caf\xc3\xa9"_ba << qsizetype(3);
    QTest::newRow("raw-control") << "a\tb"_ba << qsizetype(1);
    QTest::newRow("raw-del") << "a\x7f"_ba << qsizetype(1);
}

void TestModifiedUtf7::rejectsInvalid()
{
    QFETCH(QByteArray, encoded);
    QFETCH(qsizetype, offset);
    const auto decoded = ModifiedUtf7::decode(encoded);
    QVERIFY2(!decoded.ok(), qPrintable(decoded.ok() ? decoded.value() : QString()));
    QCOMPARE(decoded.error().offset, offset);
    QVERIFY(!decoded.error().message.isEmpty());
}

void TestModifiedUtf7::encodesUnpairedSurrogateAsReplacement()
{
    const QString broken = u"a"_s + QChar(char16_t(0xD83D)) + u"b"_s;
    const QByteArray encoded = ModifiedUtf7::encode(broken);
    const auto decoded = ModifiedUtf7::decode(encoded);
    QVERIFY(decoded.ok());
    QCOMPARE(decoded.value(), u"a\uFFFDb"_s);
}

QTEST_APPLESS_MAIN(TestModifiedUtf7)
#include "tst_ModifiedUtf7.moc"
