// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target for the IMAP response reader (framer and parser), the first code to touch
// bytes from a server. The first input byte chooses the chunk size, so the fuzzer also explores
// how responses split across reads, whether literals are streamed to a sink, and whether
// mailbox names are UTF-8; the limits are small so that it reaches them often.

#include "imap/ResponseReader.h"

#include <QByteArrayView>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const qsizetype chunk = 1 + data[0] % 64;
    const QByteArrayView input(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));

    fumi::imap::ResponseFramer::Limits limits;
    limits.maxLineLength = 4096;
    limits.maxLiteralSize = 65536;
    limits.maxResponseSize = 256 * 1024;
    fumi::imap::ResponseParser::Options options;
    options.maxDepth = 32;
    options.maxElements = 10000;
    options.utf8MailboxNames = (data[0] & 0x80) != 0;

    fumi::imap::ResponseReader reader(limits, options);
    // Half the inputs also stream literals of 64 bytes or more to a sink, as message bodies are.
    std::size_t streamed = 0;
    if (data[0] & 0x40)
        reader.setLiteralSink(64, [&streamed](quint64, QByteArrayView bytes, bool) {
            streamed += std::size_t(bytes.size());
        });
    for (qsizetype at = 0; at < input.size(); at += chunk) {
        if (!reader.feed(input.sliced(at, std::min(chunk, input.size() - at))))
            break;
        while (reader.next()) { }
    }
    return 0;
}
