// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <utility>
#include <vector>

namespace fumi::engine {

// One node of a message's MIME tree, as the reader and the models see it: what BODYSTRUCTURE
// said of the part, with its text already decoded and its IMAP section number worked out, so
// that nothing above the engine needs to know IMAP's numbering or RFC 2231.
//
// Section numbers follow RFC 3501 §6.4.5: the children of a multipart are n.1, n.2...; the
// body of a message/rfc822 part n is n.1 when it is a single part, and its parts are n.1,
// n.2... when it is a multipart; a message that is not multipart has the single part "1". A
// multipart that is the body of a message (the message itself, or an attached one) has no
// number of its own: `section` is empty and its content is "TEXT" (or "n.TEXT").
struct MessagePart {
    QByteArray section; // "1.2"; empty for a multipart that is a message's body
    // For a multipart that is a message's body: the number of that message ("" for the message
    // itself, "3" for the one attached as part 3); empty for every other part.
    QByteArray bodyOf;
    QByteArray type;    // lower case: "text", "image", "multipart", "message"...
    QByteArray subtype; // lower case: "plain", "alternative", "rfc822"...
    // Content-Type parameters, names lower case, values as sent (charset, boundary, name...).
    QList<std::pair<QByteArray, QByteArray>> parameters;
    QByteArray contentId;   // as sent, with its angle brackets
    QString description;    // Content-Description, decoded
    QByteArray encoding;    // Content-Transfer-Encoding, lower case; empty for a multipart
    quint64 size = 0;       // octets as the part sits in the message, still transfer-encoded
    quint64 lines = 0;      // text/* and message/rfc822 only
    QByteArray disposition; // lower case: "attachment", "inline", or empty when none was given
    // The file name: the disposition's filename, else the Content-Type's name; decoded (RFC 2231,
    // RFC 2047 encoded-words). Empty when the part has none.
    QString filename;
    QString subject; // message/rfc822: the attached message's subject, decoded
    // Whether the user sees this part as a file to open or save rather than as text of the
    // message; worked out with the part's place in the tree (see MessageStructure).
    bool attachment = false;
    std::vector<MessagePart> children; // a multipart's parts; a message/rfc822 part's body

    [[nodiscard]] QByteArray mimeType() const { return QByteArray(type + '/' + subtype); }
    [[nodiscard]] bool isMultipart() const { return type == "multipart"; }
    // message/rfc822 (and message/global, its RFC 6532 form): a message attached whole.
    [[nodiscard]] bool isMessage() const { return type == "message" && (subtype == "rfc822" || subtype == "global"); }
    [[nodiscard]] bool isText() const { return type == "text"; }
    [[nodiscard]] bool isAttachment() const { return attachment; }
    // A Content-Type parameter by name (lower case), as sent; empty when absent.
    [[nodiscard]] QByteArray parameter(QByteArrayView name) const;
    // charset, lower case; "us-ascii" for text without one (RFC 2045 §5.2).
    [[nodiscard]] QByteArray charset() const;
    // What to put in BODY[...] or BINARY[...] for this part's content: its number, or "TEXT" /
    // "n.TEXT" for a multipart that is a message's body.
    [[nodiscard]] QByteArray contentSection() const;

    friend bool operator==(const MessagePart &, const MessagePart &) = default;
};

} // namespace fumi::engine
