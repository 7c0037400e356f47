// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QString>

#include <memory>
#include <optional>

namespace fumi::mime {

// One mailbox of an address header as a person must see it: the display name (possibly empty)
// and, always, the real address beside it. Both are decoded and neutralised.
struct MessageAddress {
    QString name;
    QString address;

    // "Name <address>", or the bare address when there is no name: never the name alone.
    [[nodiscard]] QString display() const;
    friend bool operator==(const MessageAddress &, const MessageAddress &) = default;
};

// A header line of the reader's header area.
struct HeaderField {
    enum class Kind { From, Sender, ReplyTo, To, Cc, Date, Subject };
    Kind kind = Kind::Subject;
    QList<MessageAddress> addresses; // From, Sender, Reply-To, To, Cc
    QString text;                    // Subject; Date in ISO form for tests (the UI formats `date`)
    QDateTime date;                  // Date, in UTC
};

// Something about the message that the reader must show as a warning, because a sender may use
// it to pass for someone else.
struct MessageWarning {
    enum class Kind {
        MultipleFromHeaders,         // two or more From header lines: which one is the sender?
        SeveralAuthorsWithoutSender, // From lists several mailboxes and there is no Sender (RFC 5322 3.6.2)
        DisplayNameLooksLikeAddress, // "ceo@bank.example" <phish@else.example>
        HiddenCharactersRemoved,     // control or bidi characters in a name or the subject
        NoFrom,
    };
    Kind kind;
    QString detail; // the name or address concerned, for the message shown
};

// The text the reader shows: one part of the message, decoded to text.
struct MessageBody {
    enum class Format { None, Plain, Html };
    Format format = Format::None;
    QString text;
    bool flowed = false; // text/plain; format=flowed (RFC 3676)
    bool delSp = false;  // ... with DelSp=yes
    QString partId;      // the part's index ("1", "2.1"), empty when the message is single-part
};

// An attachment as listed: enough to show it and to fetch its bytes later by `partId`.
struct AttachmentInfo {
    QString partId;   // KMime content index, "2" or "1.3": stable for the same message bytes
    QString fileName; // decoded (RFC 2047 / RFC 2231), neutralised, never a path
    QByteArray mimeType;
    qint64 size = 0; // decoded bytes
};

// A part's bytes with their type, for `cid:` images and saved attachments.
struct PartContent {
    QByteArray data;
    QByteArray mimeType;
};

// A message as the reader sees it, parsed once from its RFC 5322 bytes with KMime.
//
// The reader shows names from the sender's own headers, so everything here is decoded with the
// charset the message declares (ISO-2022-JP, Shift_JIS, EUC-JP, ISO-8859-x, Windows-125x,
// UTF-8...) and then neutralised: control and bidi characters become spaces, addresses always
// come with their display names, and what looks like an attempt to pass for someone else becomes
// a MessageWarning. The KMime tree stays inside this class (only the mime layer sees KMime).
class MessageDocument
{
public:
    enum class BodyPreference { PreferHtml, PreferPlain };

    explicit MessageDocument(const QByteArray &raw);
    ~MessageDocument();
    MessageDocument(const MessageDocument &) = delete;
    MessageDocument &operator=(const MessageDocument &) = delete;

    // From, Sender, Reply-To, To, Cc, Date, Subject, in that order, each only when present.
    [[nodiscard]] QList<HeaderField> headers() const;
    [[nodiscard]] QString subject() const;
    // The first From mailbox (what "always load remote content from this sender" keys on).
    [[nodiscard]] std::optional<MessageAddress> sender() const;
    [[nodiscard]] QList<MessageWarning> warnings() const;
    [[nodiscard]] bool hasMultipleFrom() const;

    // The best text part: HTML when there is one and `preference` allows it, else plain text;
    // HTML also when it is the only text there is (the caller may flatten it).
    [[nodiscard]] MessageBody body(BodyPreference preference) const;

    [[nodiscard]] QList<AttachmentInfo> attachments() const;
    // The decoded bytes of the part `partId`; nullopt when there is no such leaf part.
    [[nodiscard]] std::optional<PartContent> partContent(const QString &partId) const;
    // The part whose Content-ID is `contentId` (with or without <>, as in a cid: URL).
    [[nodiscard]] std::optional<PartContent> contentById(const QString &contentId) const;

    // Turns decoded part bytes into text with the part's declared charset; unlabelled or unknown
    // charsets read as UTF-8 when valid, else Windows-1252. ISO-8859-1 and US-ASCII labels read as
    // Windows-1252, as every browser does, since senders label it so.
    [[nodiscard]] static QString decodeText(const QByteArray &bytes, const QByteArray &charset);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace fumi::mime
