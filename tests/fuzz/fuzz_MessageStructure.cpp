// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target for a message's MIME structure: server responses parsed by the response
// reader, every BODYSTRUCTURE among them turned into a MessageStructure (part numbers, decoded
// file names, text parts, attachments) and through the store's blob and back, which must give
// the same structure; and the input itself read as a stored blob, as a damaged cache would be.

#include "engine/MessageStructure.h"
#include "imap/ResponseReader.h"

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

using fumi::engine::MessageStructure;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QByteArrayView input(reinterpret_cast<const char *>(data), qsizetype(size));
    if (const auto stored = MessageStructure::fromBlob(input)) {
        (void)stored->textParts();
        (void)stored->toBlob();
    }

    fumi::imap::ResponseFramer::Limits limits;
    limits.maxLineLength = 16384;
    limits.maxLiteralSize = 65536;
    limits.maxResponseSize = 256 * 1024;
    fumi::imap::ResponseParser::Options options;
    options.maxDepth = 32;
    options.maxElements = 10000;
    fumi::imap::ResponseReader reader(limits, options);
    if (!reader.feed(input))
        return 0;
    while (auto response = reader.next()) {
        const auto *fetch = std::get_if<fumi::imap::FetchResponse>(&*response);
        if (!fetch || !fetch->bodyStructure)
            continue;
        const MessageStructure structure = MessageStructure::fromImap(*fetch->bodyStructure);
        (void)structure.textParts(MessageStructure::Prefer::PlainText);
        (void)structure.textParts(MessageStructure::Prefer::Html);
        (void)structure.attachments();
        const QByteArray blob = structure.toBlob();
        const auto again = MessageStructure::fromBlob(blob);
        if (!again || again->toBlob() != blob)
            std::abort(); // what the store keeps must read back as it was
    }
    return 0;
}
