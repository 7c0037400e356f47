// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target for what the reader does with a message's bytes from a server: KMime's
// parse through MessageDocument (headers decoded and neutralised, the body in either
// preference, every attachment's content, cid: lookups), then the HTML sanitizer or the
// plain-text renderer on the body, as ReaderView would.

#include "mime/HtmlSanitizer.h"
#include "mime/MessageDocument.h"
#include "mime/PlainTextRenderer.h"

#include <QByteArray>

#include <cstddef>
#include <cstdint>

using fumi::mime::MessageBody;
using fumi::mime::MessageDocument;

namespace {

void render(const MessageBody &body)
{
    switch (body.format) {
    case MessageBody::Format::Html:
        (void)fumi::mime::HtmlSanitizer::sanitize(body.text);
        (void)fumi::mime::HtmlSanitizer::sanitize(body.text, {.allowRemote = true});
        break;
    case MessageBody::Format::Plain:
        (void)fumi::mime::PlainTextRenderer::toHtml(body.text, {.flowed = body.flowed, .delSp = body.delSp});
        break;
    case MessageBody::Format::None:
        break;
    }
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // KMime holds the whole message; the reader never gets more than a message's size.
    if (size > 1024 * 1024)
        return 0;
    const QByteArray raw(reinterpret_cast<const char *>(data), qsizetype(size));
    const MessageDocument document(raw);
    (void)document.headers();
    (void)document.subject();
    (void)document.sender();
    (void)document.warnings();
    (void)document.hasMultipleFrom();
    render(document.body(MessageDocument::BodyPreference::PreferHtml));
    render(document.body(MessageDocument::BodyPreference::PreferPlain));
    for (const fumi::mime::AttachmentInfo &attachment : document.attachments())
        (void)document.partContent(attachment.partId);
    (void)document.contentById(QStringLiteral("image1@example.org"));
    return 0;
}
