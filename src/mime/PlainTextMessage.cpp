// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "mime/PlainTextMessage.h"

#include <KMime/Message>

namespace fumi::mime {

namespace {

KMime::Content *firstText(KMime::Content *content, const QByteArray &subtype)
{
    const KMime::Headers::ContentType *type = content->contentType(false);
    const bool attachment = content->contentDisposition(false)
        && content->contentDisposition(false)->disposition() == KMime::Headers::CDattachment;
    if (content->contents().isEmpty()) {
        const bool text = type ? type->isText() && type->subType() == subtype : subtype == "plain";
        return text && !attachment ? content : nullptr;
    }
    const QList<KMime::Content *> children = content->contents();
    for (KMime::Content *child : children) {
        if (KMime::Content *found = firstText(child, subtype))
            return found;
    }
    return nullptr;
}

} // namespace

PlainTextMessage PlainTextMessage::fromRaw(const QByteArray &raw)
{
    KMime::Message message;
    message.setContent(KMime::CRLFtoLF(raw));
    message.parse();
    PlainTextMessage plain;
    if (const auto *from = message.from(false))
        plain.from = from->asUnicodeString();
    if (const auto *to = message.to(false))
        plain.to = to->asUnicodeString();
    if (const auto *subject = message.subject(false))
        plain.subject = subject->asUnicodeString();
    if (const auto *date = message.date(false))
        plain.date = date->dateTime().toUTC();
    KMime::Content *text = firstText(&message, "plain");
    if (!text)
        text = firstText(&message, "html");
    if (text)
        plain.text = text->decodedText();
    return plain;
}

} // namespace fumi::mime
