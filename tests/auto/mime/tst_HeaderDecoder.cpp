// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "mime/HeaderDecoder.h"

#include <QTest>

using fumi::mime::HeaderDecoder;

class tst_HeaderDecoder : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void text_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QString>("expected");

        QTest::newRow("plain-ascii") << QByteArray("Quarterly report") << QStringLiteral("Quarterly report");
        QTest::newRow("empty") << QByteArray("") << QString();
        QTest::newRow("utf8-base64") << QByteArray("=?UTF-8?B?5Lya6K2w?=") << QStringLiteral("会議");
        QTest::newRow("utf8-q") << QByteArray("=?utf-8?Q?Caf=C3=A9_au_lait?=") << QStringLiteral("Café au lait");
        QTest::newRow("iso-2022-jp") << QByteArray("=?ISO-2022-JP?B?GyRCMnE1RCROTT1EahsoQg==?=")
                                     << QStringLiteral("会議の予定");
        QTest::newRow("iso-2022-jp-name-with-text")
            << QByteArray("Re: =?iso-2022-jp?B?GyRCOzNFREJATzobKEI=?= san") << QStringLiteral("Re: 山田太郎 san");
        QTest::newRow("adjacent-encoded-words-join")
            << QByteArray("=?UTF-8?B?5Lya?= =?UTF-8?B?6K2w?=") << QStringLiteral("会議");
        QTest::newRow("raw-utf8") << QByteArray("\xe6\x97\xa5\xe6\x9c\xac") << QStringLiteral("日本");
        QTest::newRow("raw-latin1-not-utf8") << QByteArray("Caf\xe9") << QStringLiteral("Café");
        QTest::newRow("folded") << QByteArray("a long\r\n subject") << QStringLiteral("a long subject");
        QTest::newRow("control-characters-neutralised")
            << QByteArray("bell\x07here\x1b[2J") << QStringLiteral("bell here [2J");
        QTest::newRow("bidi-override-neutralised")
            << QByteArray("=?UTF-8?B?") + QByteArray("invoice\xe2\x80\xaegpj.exe").toBase64() + QByteArray("?=")
            << QStringLiteral("invoice gpj.exe");
        QTest::newRow("unknown-charset-keeps-text") << QByteArray("=?x-unknown?B?YWJj?=") << QStringLiteral("abc");
    }

    void text()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QString, expected);
        QCOMPARE(HeaderDecoder::text(raw), expected);
    }

    void date_data()
    {
        QTest::addColumn<QByteArray>("raw");
        QTest::addColumn<QDateTime>("expected");
        QTest::newRow("rfc5322") << QByteArray("Tue, 3 Nov 2026 09:15:00 +0900")
                                 << QDateTime(QDate(2026, 11, 3), QTime(0, 15), QTimeZone::UTC);
        QTest::newRow("no-weekday") << QByteArray("3 Nov 2026 09:15:00 -0500")
                                    << QDateTime(QDate(2026, 11, 3), QTime(14, 15), QTimeZone::UTC);
        QTest::newRow("obsolete-zone-name") << QByteArray("Tue, 3 Nov 2026 09:15:00 GMT")
                                            << QDateTime(QDate(2026, 11, 3), QTime(9, 15), QTimeZone::UTC);
        QTest::newRow("garbage") << QByteArray("next tuesday") << QDateTime();
        QTest::newRow("empty") << QByteArray() << QDateTime();
    }

    void date()
    {
        QFETCH(QByteArray, raw);
        QFETCH(QDateTime, expected);
        const QDateTime parsed = HeaderDecoder::date(raw);
        QCOMPARE(parsed.isValid(), expected.isValid());
        if (expected.isValid()) {
            QCOMPARE(parsed, expected);
            QCOMPARE(parsed.timeSpec(), Qt::UTC);
        }
    }

    void formatAddress_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("expected");
        QTest::newRow("name-and-address") << QStringLiteral("Alice Liddell") << QStringLiteral("alice@example.test")
                                          << QStringLiteral("Alice Liddell <alice@example.test>");
        QTest::newRow("address-only") << QString() << QStringLiteral("bob@example.test")
                                      << QStringLiteral("bob@example.test");
        QTest::newRow("comma-quoted") << QStringLiteral("Liddell, Alice") << QStringLiteral("alice@example.test")
                                      << QStringLiteral("\"Liddell, Alice\" <alice@example.test>");
        QTest::newRow("quote-escaped") << QStringLiteral("A \"B\".") << QStringLiteral("a@example.test")
                                       << QStringLiteral("\"A \\\"B\\\".\" <a@example.test>");
        QTest::newRow("japanese-name") << QStringLiteral("山田太郎") << QStringLiteral("yamada@example.test")
                                       << QStringLiteral("山田太郎 <yamada@example.test>");
    }

    void formatAddress()
    {
        QFETCH(QString, name);
        QFETCH(QString, address);
        QFETCH(QString, expected);
        QCOMPARE(HeaderDecoder::formatAddress(name, address), expected);
    }
};

QTEST_GUILESS_MAIN(tst_HeaderDecoder)
#include "tst_HeaderDecoder.moc"
