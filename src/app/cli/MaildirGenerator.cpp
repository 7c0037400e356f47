// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "app/cli/MaildirGenerator.h"

#include <QDir>
#include <QFile>
#include <QStringEncoder>
#include <QTimeZone>

#include <array>
#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fumi::cli {

namespace {

// splitmix64: tiny, fast, and the same sequence everywhere, unlike the distributions of <random>,
// whose results the standard leaves to each library.
class Random
{
public:
    explicit Random(quint64 state)
        : m_state(state)
    {
    }
    quint64 next()
    {
        quint64 z = (m_state += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform in [0, n) (n > 0); the bias of the modulo is far below what matters here.
    qint64 below(qint64 n) { return qint64(next() % quint64(n)); }
    bool chance(int percent) { return below(100) < percent; }
    qint64 between(qint64 low, qint64 high) { return low + below(high - low + 1); }

private:
    quint64 m_state;
};

enum Language : quint8 { English, JapaneseUtf8, JapaneseIso2022 };

// 2019-01-01 to 2026-10-31: several years of mail.
constexpr qint64 firstDate = 1546300800;
constexpr qint64 lastDate = 1793404800;

const std::array englishNames{
    "Alice Johnson"_L1, "Bob Martinez"_L1,   "Carol White"_L1,   "David Chen"_L1,    "Emma Wilson"_L1,
    "Frank Miller"_L1,  "Grace Lee"_L1,      "Henry Brown"_L1,   "Isabel Garcia"_L1, "Jack Taylor"_L1,
    "Karen Davis"_L1,   "Liam Anderson"_L1,  "Maria Lopez"_L1,   "Nathan Clark"_L1,  "Olivia Harris"_L1,
    "Peter Young"_L1,   "Quinn Walker"_L1,   "Rachel King"_L1,   "Samuel Wright"_L1, "Tina Scott"_L1,
    "Umar Hassan"_L1,   "Victoria Green"_L1, "William Adams"_L1, "Zoe Baker"_L1,
};
const std::array englishDomains{"example.com"_L1, "example.org"_L1, "example.net"_L1};

struct JapaneseName {
    QString name;
    QLatin1StringView address;
};
const std::array japaneseNames{
    JapaneseName{u"山田 太郎"_s, "taro.yamada"_L1},       JapaneseName{u"佐藤 花子"_s, "hanako.sato"_L1},
    JapaneseName{u"鈴木 一郎"_s, "ichiro.suzuki"_L1},     JapaneseName{u"高橋 美咲"_s, "misaki.takahashi"_L1},
    JapaneseName{u"田中 健太"_s, "kenta.tanaka"_L1},      JapaneseName{u"伊藤 由美"_s, "yumi.ito"_L1},
    JapaneseName{u"渡辺 翔"_s, "sho.watanabe"_L1},        JapaneseName{u"中村 さくら"_s, "sakura.nakamura"_L1},
    JapaneseName{u"小林 大輔"_s, "daisuke.kobayashi"_L1}, JapaneseName{u"加藤 真理子"_s, "mariko.kato"_L1},
    JapaneseName{u"吉田 拓也"_s, "takuya.yoshida"_L1},    JapaneseName{u"山本 優子"_s, "yuko.yamamoto"_L1},
    JapaneseName{u"松本 誠"_s, "makoto.matsumoto"_L1},    JapaneseName{u"井上 愛"_s, "ai.inoue"_L1},
    JapaneseName{u"木村 直樹"_s, "naoki.kimura"_L1},      JapaneseName{u"林 恵美"_s, "emi.hayashi"_L1},
};

const std::array englishTopics{
    "Quarterly report"_L1,
    "Team lunch on Friday"_L1,
    "Invoice 2291"_L1,
    "Server migration plan"_L1,
    "Release notes draft"_L1,
    "Budget review"_L1,
    "Hiring update"_L1,
    "Design review feedback"_L1,
    "Travel booking confirmation"_L1,
    "Weekly sync agenda"_L1,
    "Customer escalation"_L1,
    "Contract renewal"_L1,
    "Office move"_L1,
    "Security audit findings"_L1,
    "Conference talk proposal"_L1,
    "Build is broken on main"_L1,
    "Holiday schedule"_L1,
    "Performance numbers"_L1,
    "Your order has shipped"_L1,
    "Password reset request"_L1,
    "Board meeting minutes"_L1,
    "Vendor evaluation"_L1,
    "Onboarding checklist"_L1,
    "Photos from the trip"_L1,
    "Database backup failed"_L1,
    "Newsletter: product news"_L1,
    "Training session next week"_L1,
    "Question about the API"_L1,
    "Project kickoff"_L1,
    "Lunch and learn"_L1,
};
const std::array englishQualifiers{""_L1,        " (updated)"_L1, " - action needed"_L1,
                                   " for Q3"_L1, " [draft]"_L1,   " #2"_L1};

const std::array japaneseTopics{
    u"会議の議事録"_s,
    u"来週の打ち合わせについて"_s,
    u"請求書送付のご案内"_s,
    u"お見積りのお願い"_s,
    u"プロジェクト進捗報告"_s,
    u"新年会のご案内"_s,
    u"資料をお送りします"_s,
    u"出張の件"_s,
    u"システム障害のお知らせ"_s,
    u"契約書のご確認"_s,
    u"サーバー移行の予定"_s,
    u"採用面接の日程調整"_s,
    u"年末年始の休業について"_s,
    u"研修会のお知らせ"_s,
    u"ご注文ありがとうございます"_s,
    u"発送完了のお知らせ"_s,
    u"設計レビューの結果"_s,
    u"来月の予算について"_s,
    u"忘年会の出欠確認"_s,
    u"定例会議の変更"_s,
    u"お問い合わせの件"_s,
    u"納品書の送付"_s,
    u"パスワード変更のお願い"_s,
    u"メンテナンスのお知らせ"_s,
    u"新製品発表会のご案内"_s,
};
const std::array japanesePrefixes{QString(), u"【重要】"_s, u"【至急】"_s};
const std::array japaneseSuffixes{QString(), u"（再送）"_s, u"（修正版）"_s};

const std::array englishSentences{
    "Thanks for sending this over so quickly."_L1,
    "I have attached the latest version for your review."_L1,
    "Could you take a look before the meeting on Thursday?"_L1,
    "The numbers look good, but the second table needs another pass."_L1,
    "Let me know if anything is unclear."_L1,
    "We agreed to move the deadline by one week."_L1,
    "Please confirm that the new schedule works for your team."_L1,
    "I will be out of the office until Monday with limited access to email."_L1,
    "The build passed on all platforms after the last fix."_L1,
    "Our customer asked whether the export can include attachments."_L1,
    "Here is a short summary of what we discussed this morning."_L1,
    "The migration window is Saturday night between 22:00 and 02:00."_L1,
    "I think we should keep the old behaviour behind a setting for now."_L1,
    "Can we split this into two smaller changes?"_L1,
    "The invoice is due at the end of the month."_L1,
    "Everyone is welcome, and lunch will be provided."_L1,
    "Sorry for the delay in getting back to you."_L1,
    "The logs show the same error on three of the four servers."_L1,
    "Feel free to forward this to anyone who might be interested."_L1,
    "Best regards, and have a good weekend."_L1,
};
const std::array japaneseSentences{
    u"いつもお世話になっております。"_s,
    u"資料を添付いたしましたので、ご確認ください。"_s,
    u"来週の会議までにご意見をいただけますと幸いです。"_s,
    u"日程につきましては、改めてご連絡いたします。"_s,
    u"ご不明な点がございましたら、お気軽にお問い合わせください。"_s,
    u"先日はお忙しいところありがとうございました。"_s,
    u"本件について、社内で検討いたしました。"_s,
    u"大変申し訳ございませんが、納期が一週間遅れる見込みです。"_s,
    u"サーバーの移行作業は土曜日の夜に行います。"_s,
    u"引き続きよろしくお願いいたします。"_s,
    u"ご返信が遅くなり、申し訳ございません。"_s,
    u"詳細は添付ファイルをご参照ください。"_s,
    u"議事録を共有いたします。"_s,
    u"当日は会議室Ａにお集まりください。"_s,
    u"以上、よろしくお願い申し上げます。"_s,
};

struct AttachmentKind {
    QLatin1StringView type;
    QLatin1StringView name;
};
const std::array attachmentKinds{
    AttachmentKind{"application/pdf"_L1, "report.pdf"_L1},
    AttachmentKind{"image/png"_L1, "screenshot.png"_L1},
    AttachmentKind{"image/jpeg"_L1, "photo.jpg"_L1},
    AttachmentKind{"application/zip"_L1, "logs.zip"_L1},
    AttachmentKind{"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"_L1, "budget.xlsx"_L1},
    AttachmentKind{"text/calendar"_L1, "invite.ics"_L1},
};

const std::array weekdays{"Mon"_L1, "Tue"_L1, "Wed"_L1, "Thu"_L1, "Fri"_L1, "Sat"_L1, "Sun"_L1};
const std::array months{"Jan"_L1, "Feb"_L1, "Mar"_L1, "Apr"_L1, "May"_L1, "Jun"_L1,
                        "Jul"_L1, "Aug"_L1, "Sep"_L1, "Oct"_L1, "Nov"_L1, "Dec"_L1};

QByteArray twoDigits(int n)
{
    return QByteArray::number(n).rightJustified(2, '0');
}

// "Tue, 15 Mar 2022 09:31:07 +0900", in English whatever the locale.
QByteArray rfc2822Date(const QDateTime &date)
{
    const QDate day = date.date();
    const QTime time = date.time();
    const int offset = date.offsetFromUtc() / 60;
    const int absolute = offset < 0 ? -offset : offset;
    return QByteArray(QByteArray(weekdays[size_t(day.dayOfWeek() - 1)].data()) + ", " + QByteArray::number(day.day())
                      + ' ' + months[size_t(day.month() - 1)].data() + ' ' + QByteArray::number(day.year()) + ' '
                      + twoDigits(time.hour()) + ':' + twoDigits(time.minute()) + ':' + twoDigits(time.second()) + ' '
                      + (offset < 0 ? '-' : '+') + twoDigits(absolute / 60) + twoDigits(absolute % 60));
}

// Text in a charset QStringEncoder knows, as RFC 2047 encoded words of at most 75 characters,
// folded onto continuation lines. Each word is encoded on its own, so that an ISO-2022-JP word
// starts and ends in ASCII as RFC 1468 requires.
QByteArray encodedWords(const QString &text, const char *charset, qsizetype charactersPerWord)
{
    QByteArrayList words;
    for (qsizetype at = 0; at < text.size(); at += charactersPerWord) {
        QStringEncoder encoder(charset, QStringConverter::Flag::Stateless);
        QByteArray bytes = encoder.encode(QStringView(text).mid(at, charactersPerWord));
        if (qstrcmp(charset, "ISO-2022-JP") == 0 && bytes.contains('\x1b') && !bytes.endsWith("\x1b(B"))
            bytes += "\x1b(B";
        words << QByteArray("=?" + QByteArray(charset) + "?B?" + bytes.toBase64() + "?=");
    }
    return words.join("\n ");
}

QByteArray iso2022jp(const QString &text)
{
    QStringEncoder encoder("ISO-2022-JP", QStringConverter::Flag::Stateless);
    QByteArray bytes = encoder.encode(text);
    if (bytes.contains('\x1b') && !bytes.endsWith("\x1b(B"))
        bytes += "\x1b(B";
    return bytes;
}

QByteArray romanAddress(QLatin1StringView local, QLatin1StringView domain)
{
    return QByteArray(local.data(), local.size()) + '@' + QByteArray(domain.data(), domain.size());
}

// Base64 of `size` pseudo-random bytes in lines of 76 characters, as mail agents write it.
void appendAttachmentData(QByteArray &out, Random &random, qint64 size)
{
    QByteArray raw(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; i += 8) {
        const quint64 word = random.next();
        std::memcpy(raw.data() + i, &word, size_t(qMin<qint64>(8, size - i)));
    }
    const QByteArray encoded = raw.toBase64();
    out.reserve(out.size() + encoded.size() + encoded.size() / 76 + 2);
    for (qsizetype at = 0; at < encoded.size(); at += 76) {
        out.append(QByteArrayView(encoded).mid(at, 76));
        out += '\n';
    }
}

// Mostly small attachments, some medium, a few large: a few KB to a few hundred KB.
qint64 attachmentSize(Random &random)
{
    const qint64 bucket = random.below(100);
    if (bucket < 70)
        return random.between(2 * 1024, 20 * 1024);
    if (bucket < 95)
        return random.between(20 * 1024, 100 * 1024);
    return random.between(100 * 1024, 300 * 1024);
}

QByteArray flagLetters(bool flagged, bool answered, bool seen)
{
    // Maildir wants the letters in ASCII order.
    QByteArray letters;
    if (flagged)
        letters += 'F';
    if (answered)
        letters += 'R';
    if (seen)
        letters += 'S';
    return letters;
}

} // namespace

MaildirGenerator::MaildirGenerator(quint64 seed, qsizetype count)
    : MaildirGenerator(seed, count, Options())
{
}

MaildirGenerator::MaildirGenerator(quint64 seed, qsizetype count, Options options)
    : m_seed(seed)
    , m_count(count)
    , m_options(std::move(options))
{
    if (!QStringEncoder("ISO-2022-JP").isValid()) {
        m_error = u"this Qt cannot encode ISO-2022-JP (it is built without ICU)"_s;
        return;
    }
    m_recorded.reserve(size_t(qMax<qsizetype>(0, count)));

    for (const auto topic : englishTopics) {
        for (const auto qualifier : englishQualifiers)
            m_englishSubjects << QByteArray(QByteArray(topic.data(), topic.size()) + qualifier.data());
    }
    for (const QString &topic : japaneseTopics) {
        for (const QString &prefix : japanesePrefixes) {
            for (const QString &suffix : japaneseSuffixes) {
                const QString subject = prefix + topic + suffix;
                m_japaneseSubjectsUtf8 << encodedWords(subject, "UTF-8", 12);
                m_japaneseSubjectsIso2022 << encodedWords(subject, "ISO-2022-JP", 10);
            }
        }
    }
    for (const auto name : englishNames) {
        const QByteArray display(name.data(), name.size());
        const QByteArray local = display.toLower().replace(' ', '.');
        for (const auto domain : englishDomains)
            m_englishSenders << QByteArray('"' + display + "\" <" + local + '@' + domain.data() + '>');
    }
    for (const JapaneseName &name : japaneseNames) {
        const QByteArray address = romanAddress(name.address, "jp.example.com"_L1);
        m_japaneseSendersUtf8 << QByteArray(encodedWords(name.name, "UTF-8", 12) + " <" + address + '>');
        m_japaneseSendersIso2022 << QByteArray(encodedWords(name.name, "ISO-2022-JP", 10) + " <" + address + '>');
    }
    for (const auto sentence : englishSentences)
        m_englishSentences << QByteArray(sentence.data(), sentence.size());
    for (const QString &sentence : japaneseSentences) {
        m_japaneseSentencesUtf8 << sentence.toUtf8();
        m_japaneseSentencesIso2022 << iso2022jp(sentence);
    }
}

QByteArray MaildirGenerator::messageId(qsizetype index) const
{
    return QByteArray('<' + QByteArray::number(m_seed, 16) + '.' + QByteArray::number(index)
                      + ".fumibench@mail.example.com>");
}

MaildirGenerator::Message MaildirGenerator::next()
{
    const qsizetype index = m_index++;
    // Each message draws from its own stream, so changing how one message is made leaves the
    // others as they were.
    Random random(m_seed * 0x100000001b3ULL ^ (quint64(index) + 1) * 0x9e3779b97f4a7c15ULL);
    random.next();
    // The options' choices, from a stream of their own: without options, `random` draws exactly
    // what it always drew, and the benchmark's mailbox stays the same bytes.
    Random extra(m_seed * 0xd1b54a32d192ed03ULL ^ (quint64(index) + 1) * 0x2545f4914f6cdd1dULL);
    extra.next();

    // Threads: about a third of the messages answer one of the 300 before them.
    Recorded self;
    if (index > 0 && random.chance(35)) {
        const qint32 parent = qint32(index - 1 - random.below(qMin<qsizetype>(index, 300)));
        const Recorded &up = m_recorded[size_t(parent)];
        if (up.depth < 12) {
            self.parent = parent;
            self.subject = up.subject;
            self.language = up.language;
            self.depth = quint8(up.depth + 1);
        }
    }
    if (self.parent < 0) {
        const qint64 kind = random.below(100);
        self.language = kind < 70 ? English : kind < 85 ? JapaneseUtf8 : JapaneseIso2022;
        self.subject
            = qint16(random.below(self.language == English ? m_englishSubjects.size() : m_japaneseSubjectsUtf8.size()));
    }
    const bool english = self.language == English;
    const auto &senders = english       ? m_englishSenders
        : self.language == JapaneseUtf8 ? m_japaneseSendersUtf8
                                        : m_japaneseSendersIso2022;
    self.sender = qint16(random.below(senders.size()));
    m_recorded.push_back(self);

    // Dates rise with the index, as the UIDs Dovecot gives in file-name order will.
    const qint64 step = qMax<qint64>(1, (lastDate - firstDate) / qMax<qsizetype>(1, m_count));
    const qint64 seconds = firstDate + index * step + random.below(qMax<qint64>(1, step / 2));
    const int offset = english ? std::array{0, -5 * 3600, 3600, -8 * 3600}[size_t(random.below(4))] : 9 * 3600;
    Message message;
    message.date = QDateTime::fromSecsSinceEpoch(seconds, QTimeZone::fromSecondsAheadOfUtc(offset));

    const QByteArray charset = english ? "us-ascii"_ba : self.language == JapaneseUtf8 ? "UTF-8"_ba : "ISO-2022-JP"_ba;
    const QByteArray transfer = self.language == JapaneseUtf8 ? "8bit"_ba : "7bit"_ba;
    const auto &sentences = english     ? m_englishSentences
        : self.language == JapaneseUtf8 ? m_japaneseSentencesUtf8
                                        : m_japaneseSentencesIso2022;
    const auto &subjects = english      ? m_englishSubjects
        : self.language == JapaneseUtf8 ? m_japaneseSubjectsUtf8
                                        : m_japaneseSubjectsIso2022;

    QByteArray &out = message.content;
    out.reserve(4096);
    out += "Return-Path: <bounce@mail.example.com>\n";
    out += "Date: " + rfc2822Date(message.date) + '\n';
    out += "From: " + senders[self.sender] + '\n';
    out += "To: " + m_options.recipient + '\n';
    if (random.chance(20)) {
        const auto &others = english ? m_englishSenders : m_japaneseSendersUtf8;
        out += "Cc: " + others[random.below(others.size())] + ",\n " + others[random.below(others.size())] + '\n';
    }
    out += "Subject: " + QByteArray(self.parent >= 0 ? "Re: " : "") + subjects[self.subject] + '\n';
    out += "Message-ID: " + messageId(index) + '\n';
    if (self.parent >= 0) {
        out += "In-Reply-To: " + messageId(self.parent) + '\n';
        // The chain up to the thread's root; RFC 5322 allows trimming it, and mailers keep
        // about ten entries.
        QByteArrayList chain;
        for (qint32 up = self.parent; up >= 0 && chain.size() < 10; up = m_recorded[size_t(up)].parent)
            chain.prepend(messageId(up));
        out += "References: " + chain.join("\n ") + '\n';
        ++m_summary.replies;
    }
    out += "MIME-Version: 1.0\n";

    // The text: a few paragraphs, and in a reply the line it answers.
    QByteArray text;
    const qint64 paragraphs = random.between(1, 5);
    for (qint64 p = 0; p < paragraphs; ++p) {
        const qint64 count = random.between(1, 4);
        for (qint64 s = 0; s < count; ++s) {
            text += sentences[random.below(sentences.size())];
            text += english ? (s + 1 < count ? " " : "\n") : "\n";
        }
        text += '\n';
    }
    if (self.parent >= 0)
        text += "> " + sentences[random.below(sentences.size())] + "\n>\n> " + sentences[random.below(sentences.size())]
            + '\n';
    // No escaping: the sentences hold no '<' or '&', and the bytes of ISO-2022-JP's two-byte
    // characters may look like them but must stay as they are.
    QByteArray html = "<html><body>\n";
    for (const QByteArray &line : text.split('\n')) {
        if (!line.isEmpty())
            html += "<p>" + line + "</p>\n";
    }
    // A newsletter's banner: an image a careful reader does not fetch until asked to.
    const bool remoteImage = m_options.remoteImagePercent > 0 && extra.chance(m_options.remoteImagePercent);
    if (remoteImage) {
        html += "<p><img src=\"https://images.example/banner/" + QByteArray::number(index % 40)
            + ".png\" alt=\"banner\" width=\"600\" height=\"120\"></p>\n";
    }
    html += "</body></html>\n";

    const qint64 structure = random.below(100);
    // No boundary may start with another one of the same message: a parser would cut there.
    const QByteArray boundary = "=_fumibench_" + QByteArray::number(index);
    const auto textPart = [&](QByteArray &into) {
        into += "Content-Type: text/plain; charset=" + charset + "\nContent-Transfer-Encoding: " + transfer + "\n\n"
            + text;
    };
    const auto alternativePart = [&](QByteArray &into, const QByteArray &innerBoundary) {
        into += "Content-Type: multipart/alternative; boundary=\"" + innerBoundary + "\"\n\n";
        into += "--" + innerBoundary + '\n';
        textPart(into);
        into += "\n--" + innerBoundary + '\n';
        // ISO-2022-JP mail carries its HTML in the same charset; the HTML escapes need none.
        into += "Content-Type: text/html; charset=" + charset + "\nContent-Transfer-Encoding: " + transfer + "\n\n"
            + html;
        into += "\n--" + innerBoundary + "--\n";
        m_summary.remoteImages += remoteImage;
    };
    if (structure < 55) {
        textPart(out);
        ++m_summary.plain;
    } else if (structure < 87) {
        alternativePart(out, boundary);
        ++m_summary.alternative;
    } else {
        out += "Content-Type: multipart/mixed; boundary=\"" + boundary
            + "\"\n\nThis is a multi-part message in MIME format.\n\n";
        out += "--" + boundary + '\n';
        if (random.chance(50))
            alternativePart(out, "=_alt_fumibench_" + QByteArray::number(index));
        else
            textPart(out);
        const qint64 attachments = random.chance(80) ? 1 : random.between(2, 3);
        for (qint64 a = 0; a < attachments; ++a) {
            const AttachmentKind &kind = attachmentKinds[size_t(random.below(qsizetype(attachmentKinds.size())))];
            out += "\n--" + boundary + '\n';
            if (m_options.textAttachmentPercent > 0 && extra.chance(m_options.textAttachmentPercent)) {
                // Notes a reader can show inline, in the message's own charset.
                out += "Content-Type: text/plain; charset=" + charset + "; name=\"notes-" + QByteArray::number(a + 1)
                    + ".txt\"\nContent-Transfer-Encoding: " + transfer
                    + "\nContent-Disposition: attachment; filename=\"notes-" + QByteArray::number(a + 1) + ".txt\"\n\n";
                const qint64 lines = extra.between(3, 12);
                for (qint64 line = 0; line < lines; ++line)
                    out += sentences[extra.below(sentences.size())] + '\n';
                ++m_summary.textAttachments;
                continue;
            }
            out += "Content-Type: " + QByteArray(kind.type.data()) + '\n';
            out += "Content-Transfer-Encoding: base64\n";
            if (!english && random.chance(50)) {
                // RFC 2231, as current mailers name Japanese files.
                out += "Content-Disposition: attachment;\n filename*=UTF-8''"
                    + QString(u"資料_"_s + QString::number(a + 1) + u'_' + QLatin1StringView(kind.name))
                          .toUtf8()
                          .toPercentEncoding("._-")
                    + "\n\n";
            } else {
                out += "Content-Disposition: attachment; filename=\"" + QByteArray(kind.name.data()) + "\"\n\n";
            }
            appendAttachmentData(out, random, attachmentSize(random));
        }
        out += "\n--" + boundary + "--\n";
        ++m_summary.withAttachments;
    }

    // Old mail is nearly all read; the newest few percent mostly not.
    const bool recent = index >= m_count - qMax<qsizetype>(1, m_count * 3 / 100);
    const bool seen = random.chance(recent ? 40 : 96);
    const bool flagged = random.chance(3);
    const bool answered = seen && random.chance(8);
    m_summary.seen += seen;
    m_summary.flagged += flagged;
    m_summary.answered += answered;
    m_summary.japaneseUtf8 += self.language == JapaneseUtf8;
    m_summary.japaneseIso2022 += self.language == JapaneseIso2022;
    ++m_summary.messages;
    m_summary.bytes += out.size();

    // S= and W= let Dovecot answer RFC822.SIZE without reading the file; W counts CRLF endings.
    message.fileName = QByteArray::number(seconds) + ".M" + QByteArray::number(index) + 'P'
        + QByteArray::number(m_seed % 100000) + ".fumibench,S=" + QByteArray::number(out.size())
        + ",W=" + QByteArray::number(out.size() + out.count('\n')) + ":2," + flagLetters(flagged, answered, seen);
    return message;
}

std::optional<MaildirGenerator::Summary> MaildirGenerator::generate(const QString &maildir)
{
    if (!isUsable())
        return std::nullopt;
    const QDir root(maildir);
    for (const auto &sub : {u"cur"_s, u"new"_s, u"tmp"_s}) {
        if (!root.mkpath(sub)) {
            m_error = u"cannot create "_s + root.filePath(sub);
            return std::nullopt;
        }
    }
    if (!QDir(root.filePath(u"cur"_s)).isEmpty()) {
        m_error = root.filePath(u"cur"_s) + u" already holds mail"_s;
        return std::nullopt;
    }
    const QByteArray cur = QFile::encodeName(root.filePath(u"cur"_s)) + '/';
    while (m_index < m_count) {
        if (!writeMessage(cur, next()))
            return std::nullopt;
    }
    return m_summary;
}

std::optional<MaildirGenerator::Summary>
MaildirGenerator::generateFolders(const QString &maildir, const QList<Folder> &folders, QList<qsizetype> *counts)
{
    if (!isUsable())
        return std::nullopt;
    if (folders.isEmpty()) {
        m_error = u"no folders to fill"_s;
        return std::nullopt;
    }
    const QDir root(maildir);
    QList<QByteArray> curs;
    qint64 totalWeight = 0;
    for (const Folder &folder : folders) {
        if (folder.weight < 0 || folder.name.isEmpty() || folder.name.contains(u'.')) {
            m_error = u"cannot make a folder \"%1\" of weight %2"_s.arg(folder.name).arg(folder.weight);
            return std::nullopt;
        }
        totalWeight += folder.weight;
        // Maildir++: INBOX is the root, every other folder a dot-separated directory beside it.
        const bool inbox = folder.name == u"INBOX";
        const QString path = inbox ? root.path() : root.filePath(u'.' + QString(folder.name).replace(u'/', u'.'));
        const QDir dir(path);
        for (const auto &sub : {u"cur"_s, u"new"_s, u"tmp"_s}) {
            if (!dir.mkpath(sub)) {
                m_error = u"cannot create "_s + dir.filePath(sub);
                return std::nullopt;
            }
        }
        if (!QDir(dir.filePath(u"cur"_s)).isEmpty()) {
            m_error = dir.filePath(u"cur"_s) + u" already holds mail"_s;
            return std::nullopt;
        }
        if (!inbox) {
            QFile marker(dir.filePath(u"maildirfolder"_s));
            if (!marker.open(QIODevice::WriteOnly)) {
                m_error = u"cannot create "_s + marker.fileName();
                return std::nullopt;
            }
        }
        curs << QByteArray(QFile::encodeName(dir.filePath(u"cur"_s)) + '/');
    }
    if (totalWeight == 0 && m_count > 0) {
        m_error = u"every folder has the weight 0"_s;
        return std::nullopt;
    }
    if (counts)
        *counts = QList<qsizetype>(folders.size(), 0);
    while (m_index < m_count) {
        // The folder comes from a stream of its own, so the messages are the ones generate() makes.
        Random pick(m_seed * 0x9fb21c651e98df25ULL ^ (quint64(m_index) + 1) * 0xc2b2ae3d27d4eb4fULL);
        qint64 choice = pick.below(totalWeight);
        qsizetype folder = 0;
        while (choice >= folders.at(folder).weight) {
            choice -= folders.at(folder).weight;
            ++folder;
        }
        if (!writeMessage(curs.at(folder), next()))
            return std::nullopt;
        if (counts)
            ++(*counts)[folder];
    }
    return m_summary;
}

bool MaildirGenerator::writeMessage(const QByteArray &directory, const Message &message)
{
    const QByteArray path = directory + message.fileName;
    // Plain POSIX calls: 100,000 files should take seconds.
    const int fd = ::open(path.constData(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0) {
        m_error = u"cannot create %1: %2"_s.arg(QFile::decodeName(path), QString::fromLocal8Bit(std::strerror(errno)));
        return false;
    }
    qsizetype written = 0;
    while (written < message.content.size()) {
        const ssize_t n = ::write(fd, message.content.constData() + written, size_t(message.content.size() - written));
        if (n < 0 && errno == EINTR)
            continue;
        if (n <= 0) {
            m_error
                = u"cannot write %1: %2"_s.arg(QFile::decodeName(path), QString::fromLocal8Bit(std::strerror(errno)));
            ::close(fd);
            return false;
        }
        written += n;
    }
    // The file's mtime is the message's INTERNALDATE in Dovecot's Maildir.
    const time_t mtime = time_t(message.date.toSecsSinceEpoch());
    const timespec times[2] = {{mtime, 0}, {mtime, 0}};
    ::futimens(fd, times);
    ::close(fd);
    return true;
}

} // namespace fumi::cli
