// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target for the search bar's query language: the parser, and for every query it
// accepts, the compiler to IMAP SEARCH under each capability the first byte chooses. The query
// is typed by a person, but it is text from outside all the same, and a crash here would take
// the window with it. Checks what must hold for any input: an error points inside the text,
// and an accepted query serialises.

#include "engine/SearchCompiler.h"
#include "engine/SearchQuery.h"

#include <QString>

#include <cstddef>
#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    if (size == 0)
        return 0;
    const std::uint8_t options = data[0];
    const QString text = QString::fromUtf8(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const auto parsed = fumi::engine::SearchQueryParser::parse(text, QDate(2026, 3, 15));
    if (!parsed) {
        const fumi::ParseError &error = parsed.error();
        if (error.offset < 0 || error.offset > text.size() || error.length < 0
            || error.offset + error.length > text.size() || error.message.isEmpty())
            std::abort();
        return 0;
    }
    fumi::engine::SearchCapabilities capabilities;
    capabilities.esearch = options & 0x01;
    capabilities.utf8Accept = options & 0x02;
    capabilities.literalPlus = options & 0x04;
    capabilities.literalMinus = options & 0x08;
    capabilities.gmail = options & 0x10;
    capabilities.multisearch = options & 0x20;
    const fumi::engine::SearchQuery &query = parsed.value();
    (void)query.root.toString();
    const auto command = fumi::engine::SearchCompiler::uidSearch(query.root, capabilities);
    if (command.ok()) {
        if (command.value().serialize("A1", capabilities.encoding()).isEmpty())
            std::abort();
    }
    const auto multi = fumi::engine::SearchCompiler::multiSearch(
        query.root, query.folders.isEmpty() ? QStringList{QStringLiteral("INBOX")} : query.folders, capabilities);
    if (multi.ok())
        (void)multi.value().redacted("A2");
    return 0;
}
