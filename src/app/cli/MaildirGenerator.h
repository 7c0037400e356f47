// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <optional>
#include <vector>

namespace fumi::cli {

// Writes a mailbox for the benchmark: N messages as one Maildir, the same bytes for the same
// seed and N on every run and machine.
//
// The mix is meant to look like a working person's INBOX rather than like N copies of one
// message, because what the benchmark measures (ENVELOPE size, header parsing, encoded words)
// depends on it: plain text, multipart/alternative with HTML, multipart/mixed with base64
// attachments (a few KB to a few hundred KB, mostly small), reply threads linked by
// Message-ID/In-Reply-To/References, senders and subjects in English and Japanese (encoded
// words in UTF-8 and in ISO-2022-JP, the latter as Japanese mail software still sends it), dates
// spread over several years in the order of the file names, and read/unread/flagged/answered
// in the Maildir flags.
//
// Message i depends only on the seed, i and N (and on the messages it replies to, which come
// before it), so generate() is a single pass that keeps a few bytes per message.
//
// Options make the same mix fit the demo of `fumi-cli demo-server`: a recipient of its own, HTML
// that shows remote images (what a reader must not load unasked), text attachments, and the
// messages spread over nested folders (generateFolders()). Their choices come from a second
// random stream per message, so the default options give the benchmark's bytes unchanged.
class MaildirGenerator
{
public:
    struct Options {
        QByteArray recipient = "\"Bench User\" <bench@example.com>"; // the To header, as it is written
        int remoteImagePercent = 0;    // of the HTML parts, those with <img src="https://images.example/...">
        int textAttachmentPercent = 0; // of the attachments, those that are text/plain notes
    };

    // A folder of generateFolders(): its name as the user sees it, with '/' between levels
    // ("INBOX" is the Maildir's root), and its share of the messages relative to the others (0:
    // the folder is made, empty, such as the parent of nested folders).
    struct Folder {
        QString name;
        int weight = 1;
    };

    struct Message {
        QByteArray content;  // LF line endings, as Maildir stores mail
        QByteArray fileName; // "<time>.M<n>P<seed>.fumibench,S=<size>,W=<size with CRLF>:2,<flags>"
        QDateTime date;      // the Date header, and the file's mtime (Dovecot's INTERNALDATE)
    };

    // What a generate() run wrote, for the output and for tests.
    struct Summary {
        qsizetype messages = 0;
        qint64 bytes = 0;
        qsizetype plain = 0;
        qsizetype alternative = 0;     // multipart/alternative with HTML, no attachment
        qsizetype withAttachments = 0; // multipart/mixed
        qsizetype replies = 0;
        qsizetype japaneseUtf8 = 0;    // subject and sender as =?UTF-8?B?
        qsizetype japaneseIso2022 = 0; // subject and sender as =?ISO-2022-JP?B?
        qsizetype seen = 0;
        qsizetype flagged = 0;
        qsizetype answered = 0;
        qsizetype remoteImages = 0;    // messages whose HTML shows a remote image
        qsizetype textAttachments = 0; // text/plain attachments
    };

    MaildirGenerator(quint64 seed, qsizetype count);
    MaildirGenerator(quint64 seed, qsizetype count, Options options);
    MaildirGenerator(const MaildirGenerator &) = delete;
    MaildirGenerator &operator=(const MaildirGenerator &) = delete;

    // False when Qt cannot encode ISO-2022-JP here (a Qt built without ICU); errorString() says so.
    [[nodiscard]] bool isUsable() const { return m_error.isEmpty(); }
    [[nodiscard]] QString errorString() const { return m_error; }

    // Writes all messages below `maildir` (cur/, new/ and tmp/ are made; cur/ gets the mail).
    // The directory must not hold mail yet. Null, with errorString(), on failure.
    [[nodiscard]] std::optional<Summary> generate(const QString &maildir);
    // The same messages spread over `folders` in Maildir++ layout (Dovecot's default for
    // Maildir): "Archive/2025" is the folder ".Archive.2025" below `maildir`. Each message goes to
    // one folder, chosen by the seed and its index in proportion to the weights. Folder names
    // must be ASCII without '.'. `counts`, when given, gets the number of messages per folder.
    [[nodiscard]] std::optional<Summary> generateFolders(const QString &maildir, const QList<Folder> &folders,
                                                         QList<qsizetype> *counts = nullptr);

    // The messages one at a time, in order, without touching the disk: next() must be called for
    // index 0, 1, 2… because a reply needs what its thread looked like.
    [[nodiscard]] Message next();

    // The summary of the messages made so far.
    [[nodiscard]] const Summary &summary() const { return m_summary; }

private:
    // What later messages need of an earlier one: replies copy the thread's subject and quote
    // their parent's sender.
    struct Recorded {
        qint32 parent = -1;
        qint16 subject = 0;
        qint16 sender = 0;
        quint8 language = 0;
        quint8 depth = 0;
    };

    [[nodiscard]] QByteArray messageId(qsizetype index) const;
    [[nodiscard]] bool writeMessage(const QByteArray &directory, const Message &message);

    quint64 m_seed;
    qsizetype m_count;
    Options m_options;
    qsizetype m_index = 0;
    std::vector<Recorded> m_recorded;
    Summary m_summary;
    QString m_error;
    // Headers and body lines in their final encoding, made once: the generator only copies bytes.
    QList<QByteArray> m_englishSubjects;
    QList<QByteArray> m_japaneseSubjectsUtf8;
    QList<QByteArray> m_japaneseSubjectsIso2022;
    QList<QByteArray> m_englishSenders;
    QList<QByteArray> m_japaneseSendersUtf8;
    QList<QByteArray> m_japaneseSendersIso2022;
    QList<QByteArray> m_englishSentences;
    QList<QByteArray> m_japaneseSentencesUtf8;
    QList<QByteArray> m_japaneseSentencesIso2022;
};

} // namespace fumi::cli
