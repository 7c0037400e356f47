// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArrayView>
#include <QDateTime>
#include <QList>
#include <QString>

#include <utility>

namespace fumi::mime {

// Turns header bytes as servers send them (ENVELOPE fields, header lines) into text.
//
// Subjects and display names arrive with RFC 2047 encoded-words in any charset
// (=?ISO-2022-JP?B?...?=, =?UTF-8?Q?...?=), sometimes as raw 8-bit bytes (RFC 6532 UTF-8, or a
// legacy charset sent unlabelled). KCodecs does the decoding; this class adds what a message
// list needs on top: a fast path for plain ASCII, which is most headers of a large mailbox, and
// a Latin-1 reading of 8-bit bytes that are not UTF-8, so a header never decodes to nothing.
// Control characters become spaces: a subject must never move the cursor or reorder the line.
class HeaderDecoder
{
public:
    // Unstructured text (Subject, a display name): encoded-words decoded, folding removed.
    [[nodiscard]] static QString text(QByteArrayView raw);
    // A Date header in RFC 5322 form (and the obsolete forms KMime accepts), in UTC; invalid
    // when unreadable.
    [[nodiscard]] static QDateTime date(QByteArrayView raw);
    // "Name <local@domain>", or the bare address when there is no name; quotes the name
    // where RFC 5322 needs it.
    [[nodiscard]] static QString formatAddress(const QString &name, const QString &address);
    // `text` with every control character (C0, DEL, C1) and every bidi control that can reorder a
    // line (embeddings, overrides, isolates, LRM/RLM/ALM) replaced by a space. Decoded header
    // text of any origin goes through this before a person sees it.
    [[nodiscard]] static QString neutralise(QString text);
    // The value of the parameter `name` (lower case) of a Content-Type or Content-Disposition, as
    // IMAP's BODYSTRUCTURE lists them (names lower case, values raw): RFC 2231 extended values
    // (name*=charset'language'%XX) and continuations (name*0, name*1*...) joined and decoded in
    // their charset, RFC 2047 encoded-words (which many mailers put in filenames although RFC
    // 2047 forbids it there) and raw 8-bit text decoded as text() does. Null when absent.
    [[nodiscard]] static QString parameter(const QList<std::pair<QByteArray, QByteArray>> &parameters,
                                           QByteArrayView name);
};

} // namespace fumi::mime
