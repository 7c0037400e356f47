// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "engine/MessagePart.h"

#include <QByteArray>
#include <QMetaType>

#include <optional>
#include <vector>

namespace fumi::imap {
struct BodyStructure;
}

namespace fumi::engine {

// The MIME tree of one message (its BODYSTRUCTURE), for the reader: which parts there are,
// which of them are the text to show and which are attachments, and the section to fetch each
// with (MailboxSync::fetchPart).
//
// The engine fetches it once per message and keeps it in the store's body-structure column
// as a compact blob (toBlob()). The blob begins with a format version; one that is unreadable,
// truncated or of another version reads as absent, so the engine fetches the structure again
// instead of failing.
//
// What counts as an attachment: a part with Content-Disposition attachment; an attached
// message; any other single part that is not text the reader shows (a PDF, an image without
// a place in a multipart/related page). The text to show is chosen from each
// multipart/alternative by preference (plain text, or HTML), the root of a multipart/related,
// and every text part of a multipart/mixed that is not itself an attachment.
class MessageStructure
{
public:
    enum class Prefer { PlainText, Html };

    MessageStructure() = default;
    // Converts the parser's structure and works out section numbers and attachments.
    [[nodiscard]] static MessageStructure fromImap(const imap::BodyStructure &body);
    // Reads a blob of toBlob(); nullopt for anything else (another version, damage).
    [[nodiscard]] static std::optional<MessageStructure> fromBlob(QByteArrayView blob);
    [[nodiscard]] QByteArray toBlob() const;

    [[nodiscard]] bool isEmpty() const { return m_root.type.isEmpty(); }
    [[nodiscard]] const MessagePart &root() const { return m_root; }

    // The parts the reader shows as the message's text, in order (text/plain or text/html
    // leaves; text/enriched and others are left to the caller to skip or show).
    [[nodiscard]] std::vector<const MessagePart *> textParts(Prefer prefer = Prefer::PlainText) const;
    // Every attachment, in the order of the tree. An attached message is one attachment: the
    // parts inside it are not listed.
    [[nodiscard]] std::vector<const MessagePart *> attachments() const;
    [[nodiscard]] bool hasAttachments() const;
    // The part a "cid:" URL of an HTML part names: `contentId` with or without "cid:" and the
    // angle brackets. Null when no part has it.
    [[nodiscard]] const MessagePart *findByContentId(QByteArrayView contentId) const;
    // The part with this section number ("1.2"); null when there is none.
    [[nodiscard]] const MessagePart *findBySection(QByteArrayView section) const;

    friend bool operator==(const MessageStructure &, const MessageStructure &) = default;

private:
    explicit MessageStructure(MessagePart root);

    MessagePart m_root;
};

} // namespace fumi::engine

Q_DECLARE_METATYPE(fumi::engine::MessageStructure)
