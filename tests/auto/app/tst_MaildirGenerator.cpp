// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The benchmark's mailbox generator: the same mail for the same seed, valid Maildir file names
// that tell the truth about sizes and flags, and messages that a real MIME parser (KMime, which
// Fumi itself uses) reads back as meant, ISO-2022-JP encoded words included.

#include "app/cli/MaildirGenerator.h"

#include <KMime/Message>

#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
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
    void defaultOptionsKeepTheBenchmarkMail();
    void optionsAddOnlyWhatTheyName_data();
    void optionsAddOnlyWhatTheyName();
    void foldersSplitTheSameMessages();
    void refusesABadFolder_data();
    void refusesABadFolder();
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

void TestMaildirGenerator::defaultOptionsKeepTheBenchmarkMail()
{
    // The digest of what the generator made before it had options: the benchmark's mailbox, and
    // so its figures, must not change when the demo's options are added or changed.
    MaildirGenerator generator(5, 300);
    QCryptographicHash hash(QCryptographicHash::Sha256);
    for (int i = 0; i < 300; ++i) {
        const auto message = generator.next();
        hash.addData(message.fileName);
        hash.addData(message.content);
    }
    QCOMPARE(hash.result().toHex(), QByteArray(BENCHMARK_MAIL_SHA256));
}

void TestMaildirGenerator::optionsAddOnlyWhatTheyName_data()
{
    QTest::addColumn<int>("remoteImages");
    QTest::addColumn<int>("textAttachments");
    QTest::addColumn<QByteArray>("recipient");
    QTest::newRow("remote-images") << 40 << 0 << QByteArray();
    QTest::newRow("text-attachments") << 0 << 50 << QByteArray();
    QTest::newRow("own-recipient") << 0 << 0 << QByteArray("\"Alex Demo\" <alex@home.example>");
    QTest::newRow("all-of-them") << 100 << 100 << QByteArray("<demo@example.net>");
}

void TestMaildirGenerator::optionsAddOnlyWhatTheyName()
{
    QFETCH(int, remoteImages);
    QFETCH(int, textAttachments);
    QFETCH(QByteArray, recipient);
    MaildirGenerator::Options options;
    options.remoteImagePercent = remoteImages;
    options.textAttachmentPercent = textAttachments;
    if (!recipient.isEmpty())
        options.recipient = recipient;
    const int count = 1000;
    MaildirGenerator plain(9, count);
    MaildirGenerator demo(9, count, options);
    MaildirGenerator again(9, count, options);
    int withImage = 0;
    int textParts = 0;
    int htmlMessages = 0;
    for (int i = 0; i < count; ++i) {
        const auto before = plain.next();
        const auto after = demo.next();
        QCOMPARE(again.next().content, after.content); // still the same mail for the same seed
        // The headers stay, but for To.
        const auto headers = [](const QByteArray &content) {
            QByteArrayList lines = content.left(content.indexOf("MIME-Version:")).split('\n');
            lines.removeIf([](const QByteArray &line) {
                return line.startsWith("To:");
            });
            return lines;
        };
        QCOMPARE(headers(after.content), headers(before.content));
        QCOMPARE(after.date, before.date);
        QCOMPARE(after.content.contains(QByteArray("\nTo: " + options.recipient + '\n')), true);
        const bool image = after.content.contains("<img src=\"https://images.example/banner/");
        withImage += image;
        if (image)
            QVERIFY(after.content.contains("Content-Type: text/html"));
        textParts += after.content.count("Content-Disposition: attachment; filename=\"notes-");
        htmlMessages += after.content.contains("Content-Type: text/html");
        if (remoteImages == 0 && textAttachments == 0) {
            QCOMPARE(after.content,
                     QByteArray(before.content)
                         .replace("\nTo: \"Bench User\" <bench@example.com>\n",
                                  QByteArray("\nTo: " + options.recipient + '\n')));
        }
        // Every message still parses, with its text readable.
        if (i % 50 == 0) {
            const auto message = parse(after.content);
            QVERIFY(message->subject(false));
        }
    }
    const auto &summary = demo.summary();
    QCOMPARE(summary.remoteImages, withImage);
    QCOMPARE(summary.textAttachments, textParts);
    QCOMPARE(withImage > 0, remoteImages > 0);
    QCOMPARE(textParts > 0, textAttachments > 0);
    if (remoteImages == 100)
        QCOMPARE(withImage, htmlMessages);
}

void TestMaildirGenerator::foldersSplitTheSameMessages()
{
    const QList<MaildirGenerator::Folder> folders{
        {u"INBOX"_s, 5}, {u"Archive"_s, 0}, {u"Archive/2025"_s, 3}, {u"Projects/Fumi/Design"_s, 1}, {u"Sent"_s, 1}};
    const int count = 800;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    MaildirGenerator single(3, count);
    QVERIFY(single.generate(dir.filePath(u"single"_s)));
    MaildirGenerator split(3, count);
    QList<qsizetype> counts;
    const auto summary = split.generateFolders(dir.filePath(u"split"_s), folders, &counts);
    QVERIFY2(summary, qPrintable(split.errorString()));
    QCOMPARE(summary->messages, count);

    // Maildir++, as Dovecot lays out folders: the root is INBOX, ".A.B" is A/B.
    const QDir root(dir.filePath(u"split"_s));
    const QStringList paths{u"cur"_s, u".Archive/cur"_s, u".Archive.2025/cur"_s, u".Projects.Fumi.Design/cur"_s,
                            u".Sent/cur"_s};
    QCOMPARE(counts.size(), folders.size());
    qsizetype total = 0;
    QSet<QString> splitNames;
    for (qsizetype f = 0; f < folders.size(); ++f) {
        const QStringList files = QDir(root.filePath(paths.at(f))).entryList(QDir::Files);
        QCOMPARE(files.size(), counts.at(f));
        QCOMPARE(files.isEmpty(), folders.at(f).weight == 0);
        if (f > 0)
            QVERIFY(QFileInfo::exists(root.filePath(paths.at(f)).chopped(3) + u"maildirfolder"_s));
        total += files.size();
        for (const QString &name : files)
            splitNames.insert(name);
    }
    QCOMPARE(total, count);
    // Roughly by weight: INBOX holds half.
    QVERIFY2(counts.at(0) > count * 4 / 10 && counts.at(0) < count * 6 / 10, qPrintable(QString::number(counts.at(0))));
    // The very messages generate() writes, only spread out.
    const QStringList singleNames = QDir(dir.filePath(u"single/cur"_s)).entryList(QDir::Files);
    QCOMPARE(splitNames, QSet<QString>(singleNames.cbegin(), singleNames.cend()));
}

void TestMaildirGenerator::refusesABadFolder_data()
{
    QTest::addColumn<QString>("name");
    QTest::addColumn<int>("weight");
    QTest::newRow("dot-in-name") << u"Lists/dev.old"_s << 1;
    QTest::newRow("negative-weight") << u"Trash"_s << -1;
    QTest::newRow("empty-name") << QString() << 1;
}

void TestMaildirGenerator::refusesABadFolder()
{
    QFETCH(QString, name);
    QFETCH(int, weight);
    QTemporaryDir dir;
    MaildirGenerator generator(1, 10);
    QVERIFY(!generator.generateFolders(dir.filePath(u"Maildir"_s), {{u"INBOX"_s, 1}, {name, weight}}));
    QVERIFY(generator.errorString().contains(u"cannot make a folder"_s));
}

QTEST_GUILESS_MAIN(TestMaildirGenerator)
#include "tst_MaildirGenerator.moc"
