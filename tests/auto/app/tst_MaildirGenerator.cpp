// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The benchmark's mailbox generator: the same mail for the same seed, valid Maildir file names
// that tell the truth about sizes and flags, and messages that a real MIME parser (KMime, which
// Fumi itself uses) reads back as meant, ISO-2022-JP encoded words included.

#include "app/cli/MaildirGenerator.h"

#include <KMime/Message>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using fumi::cli::MaildirGenerator;

namespace {

bool hasJapanese(const QString &text)
{
    return std::any_of(text.cbegin(), text.cend(), [](QChar c) {
        return c.unicode() >= 0x3000;
    });
}

KMime::Message::Ptr parse(const QByteArray &content)
{
    KMime::Message::Ptr message(new KMime::Message);
    message->setContent(content);
    message->parse();
    return message;
}

} // namespace

class TestMaildirGenerator : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sameSeedSameMail_data();
    void sameSeedSameMail();
    void otherSeedOtherMail();
    void writesValidMaildir_data();
    void writesValidMaildir();
    void messagesParse();
    void theMixIsThere_data();
    void theMixIsThere();
    void refusesAFullMaildir();
};

void TestMaildirGenerator::sameSeedSameMail_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::addColumn<int>("count");
    QTest::newRow("seed-1-small") << quint64(1) << 40;
    QTest::newRow("seed-42-thousand") << quint64(42) << 1000;
    QTest::newRow("seed-max") << quint64(std::numeric_limits<quint64>::max()) << 200;
}

void TestMaildirGenerator::sameSeedSameMail()
{
    QFETCH(quint64, seed);
    QFETCH(int, count);
    MaildirGenerator first(seed, count);
    MaildirGenerator second(seed, count);
    QVERIFY2(first.isUsable(), qPrintable(first.errorString()));
    for (int i = 0; i < count; ++i) {
        const auto a = first.next();
        const auto b = second.next();
        QCOMPARE(a.fileName, b.fileName);
        QCOMPARE(a.content, b.content);
        QCOMPARE(a.date, b.date);
    }
}

void TestMaildirGenerator::otherSeedOtherMail()
{
    MaildirGenerator first(1, 100);
    MaildirGenerator second(2, 100);
    int different = 0;
    for (int i = 0; i < 100; ++i)
        different += first.next().content != second.next().content;
    QVERIFY2(different > 90, qPrintable(u"only %1 of 100 messages differ"_s.arg(different)));
}

void TestMaildirGenerator::writesValidMaildir_data()
{
    QTest::addColumn<int>("count");
    QTest::newRow("two-messages") << 2;
    QTest::newRow("fifty-messages") << 50;
    QTest::newRow("two-thousand-messages") << 2000;
}

void TestMaildirGenerator::writesValidMaildir()
{
    QFETCH(int, count);
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString maildir = dir.filePath(u"Maildir"_s);
    MaildirGenerator generator(7, count);
    const auto summary = generator.generate(maildir);
    QVERIFY2(summary, qPrintable(generator.errorString()));
    QCOMPARE(summary->messages, count);
    QVERIFY(QFileInfo(maildir + u"/new"_s).isDir());
    QVERIFY(QFileInfo(maildir + u"/tmp"_s).isDir());
    QCOMPARE(QDir(maildir + u"/new"_s).entryList(QDir::Files).size(), 0);

    // Dovecot's own form: "<time>.<unique>,S=<size>,W=<virtual size>:2,<flags in ASCII order>".
    static const QRegularExpression name(u"^(\\d+)\\.M\\d+P\\d+\\.fumibench,S=(\\d+),W=(\\d+):2,(F?R?S?)$"_s);
    const QFileInfoList files = QDir(maildir + u"/cur"_s).entryInfoList(QDir::Files, QDir::Name);
    QCOMPARE(files.size(), count);
    qint64 total = 0;
    QSet<qint64> times;
    for (const QFileInfo &file : files) {
        const auto match = name.match(file.fileName());
        QVERIFY2(match.hasMatch(), qPrintable(file.fileName()));
        QFile f(file.filePath());
        QVERIFY(f.open(QIODevice::ReadOnly));
        const QByteArray content = f.readAll();
        QCOMPARE(match.captured(2).toLongLong(), content.size());
        QCOMPARE(match.captured(3).toLongLong(), content.size() + content.count('\n'));
        QVERIFY2(!content.contains('\r'), "Maildir files use LF line endings");
        // INTERNALDATE comes from the mtime; the name's time orders the UIDs.
        QCOMPARE(file.lastModified().toSecsSinceEpoch(), match.captured(1).toLongLong());
        times.insert(match.captured(1).toLongLong());
        total += content.size();
    }
    QCOMPARE(total, summary->bytes);
    QCOMPARE(times.size(), count); // distinct times: Dovecot's UID order is the date order
}

void TestMaildirGenerator::messagesParse()
{
    const int count = 1500;
    MaildirGenerator generator(3, count);
    QSet<QByteArray> ids;
    int iso2022 = 0;
    int utf8 = 0;
    int attachments = 0;
    for (int i = 0; i < count; ++i) {
        const auto generated = generator.next();
        const QByteArray &raw = generated.content;
        const auto message = parse(raw);
        const QString where = u"message %1"_s.arg(i);
        QVERIFY2(!message->from()->isEmpty(), qPrintable(where));
        QVERIFY2(!message->subject()->asUnicodeString().isEmpty(), qPrintable(where));
        QCOMPARE(message->date()->dateTime(), generated.date);
        const QByteArray id = message->messageID()->identifier();
        QVERIFY2(!id.isEmpty(), qPrintable(where));
        QVERIFY2(!ids.contains(id), qPrintable(where + u": duplicate Message-ID"_s));
        // A reply answers a message that came before it.
        const auto inReplyTo = message->inReplyTo()->identifiers();
        if (!inReplyTo.isEmpty()) {
            QVERIFY2(ids.contains(inReplyTo.constFirst()), qPrintable(where));
            QVERIFY2(message->subject()->asUnicodeString().startsWith(u"Re: "_s), qPrintable(where));
            QCOMPARE(message->references()->identifiers().constLast(), inReplyTo.constFirst());
        }
        ids.insert(id);

        const QString subject = message->subject()->asUnicodeString();
        if (raw.contains("Subject: =?ISO-2022-JP?B?") || raw.contains("Subject: Re: =?ISO-2022-JP?B?")) {
            ++iso2022;
            QVERIFY2(hasJapanese(subject), qPrintable(where + u": "_s + subject));
            QVERIFY2(hasJapanese(message->from()->asUnicodeString()), qPrintable(where));
            // The body: ISO-2022-JP with its escape sequences, 7bit, no 8-bit byte anywhere.
            QVERIFY(raw.contains("charset=ISO-2022-JP"));
            QVERIFY(raw.contains("\x1b$B"));
            QVERIFY(std::all_of(raw.cbegin(), raw.cend(), [](char c) {
                return uchar(c) < 0x80;
            }));
            const auto *text = message->textContent();
            QVERIFY2(text, qPrintable(where));
            QVERIFY2(text->contentType()->isPlainText(), qPrintable(where));
            QVERIFY2(hasJapanese(text->decodedText()), qPrintable(where + u": "_s + text->decodedText()));
        } else if (raw.contains("Subject: =?UTF-8?B?") || raw.contains("Subject: Re: =?UTF-8?B?")) {
            ++utf8;
            QVERIFY2(hasJapanese(subject), qPrintable(where + u": "_s + subject));
        } else {
            QVERIFY2(!hasJapanese(subject), qPrintable(where));
        }
        // Encoded words stay within RFC 2047's 75 characters.
        static const QRegularExpression word(u"=\\?[^?]+\\?B\\?[^?]*\\?="_s);
        for (auto it = word.globalMatch(QString::fromLatin1(raw.left(raw.indexOf("\n\n")))); it.hasNext();)
            QVERIFY2(it.next().capturedLength() <= 75, qPrintable(where));

        for (const auto *attachment : message->attachments()) {
            ++attachments;
            const qsizetype size = attachment->decodedContent().size();
            QVERIFY2(size >= 2 * 1024 && size <= 300 * 1024, qPrintable(where + u": %1 bytes"_s.arg(size)));
            QVERIFY2(!attachment->contentDisposition()->filename().isEmpty(), qPrintable(where));
        }
    }
    QVERIFY(iso2022 > 20);
    QVERIFY(utf8 > 20);
    QVERIFY(attachments > 20);
}

void TestMaildirGenerator::theMixIsThere_data()
{
    QTest::addColumn<quint64>("seed");
    QTest::newRow("seed-1") << quint64(1);
    QTest::newRow("seed-2026") << quint64(2026);
}

void TestMaildirGenerator::theMixIsThere()
{
    QFETCH(quint64, seed);
    const int count = 3000;
    MaildirGenerator generator(seed, count);
    int unread = 0;
    int flagged = 0;
    int answered = 0;
    int htmlParts = 0;
    for (int i = 0; i < count; ++i) {
        const auto message = generator.next();
        const QByteArray flags = message.fileName.mid(message.fileName.indexOf(":2,") + 3);
        unread += !flags.contains('S');
        flagged += flags.contains('F');
        answered += flags.contains('R');
        htmlParts += message.content.contains("Content-Type: text/html");
    }
    const auto &summary = generator.summary();
    QCOMPARE(summary.messages, count);
    QCOMPARE(summary.plain + summary.alternative + summary.withAttachments, count);
    QCOMPARE(count - summary.seen, unread);
    QCOMPARE(summary.flagged, flagged);
    QCOMPARE(summary.answered, answered);
    // Wide bounds: the mix, not its exact numbers, is the promise.
    QVERIFY(unread > count / 50 && unread < count / 4);
    QVERIFY(flagged > count / 100 && flagged < count / 10);
    QVERIFY(answered > 0);
    QVERIFY(summary.replies > count / 5);
    QVERIFY(summary.withAttachments > count / 20);
    QVERIFY(summary.alternative > count / 5);
    QVERIFY(htmlParts >= summary.alternative);
    QVERIFY(summary.japaneseUtf8 > count / 20);
    QVERIFY(summary.japaneseIso2022 > count / 20);
}

void TestMaildirGenerator::refusesAFullMaildir()
{
    QTemporaryDir dir;
    const QString maildir = dir.filePath(u"Maildir"_s);
    MaildirGenerator first(1, 3);
    QVERIFY(first.generate(maildir));
    MaildirGenerator second(1, 3);
    QVERIFY(!second.generate(maildir));
    QVERIFY(second.errorString().contains(u"already holds mail"_s));
}

QTEST_GUILESS_MAIN(TestMaildirGenerator)
#include "tst_MaildirGenerator.moc"
