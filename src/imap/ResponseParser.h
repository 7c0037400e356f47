// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/ParseResult.h"
#include "imap/Response.h"
#include "imap/ResponseFramer.h"

#include <QByteArrayView>

#include <optional>
#include <vector>

namespace fumi::imap {

// Reads one complete server response, as ResponseFramer cuts it, into a typed Response.
//
// The grammar is RFC 9051's with the extensions of Response.h. The parser is strict where
// sloppiness would hide a broken or hostile server (unterminated strings, literals that claim
// more bytes than they have, tags with forbidden characters) and tolerant of the defects real
// servers are known for: negative sizes in BODYSTRUCTURE, NIL where a string belongs, missing
// optional fields, a response code without text, a bare LF for CRLF.
//
// It never recurses deeper than maxDepth parenthesised levels and never collects more than
// maxElements items (list entries, search results, addresses...) from one response, so no
// input can exhaust the stack or the memory. Errors carry the byte offset in the response.
class ResponseParser
{
public:
    struct Options {
        // Mailbox names are UTF-8 (UTF8=ACCEPT is enabled) rather than modified UTF-7.
        bool utf8MailboxNames = false;
        int maxDepth = 100;
        qsizetype maxElements = 2'000'000;
    };

    [[nodiscard]] static ParseResult<Response> parse(QByteArrayView response, const Options &options);
    // The same, filling `out` in place (a FETCH response is large; this saves moving it).
    // `streamed` lists the literals whose bytes the framer sent to a sink instead.
    [[nodiscard]] static std::optional<ParseError>
    parseInto(QByteArrayView response, const Options &options, Response &out,
              const std::vector<ResponseFramer::StreamedLiteral> &streamed = {});
    [[nodiscard]] static ParseResult<Response> parse(QByteArrayView response) { return parse(response, Options{}); }
};

} // namespace fumi::imap
