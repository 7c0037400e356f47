// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/ParseResult.h"
#include "imap/Response.h"
#include "imap/ResponseFramer.h"
#include "imap/ResponseParser.h"

#include <QByteArrayView>

#include <functional>
#include <optional>

namespace fumi::imap {

// The streaming response parser a connection uses: bytes in, in chunks of any size, typed
// responses out, in order. It frames with ResponseFramer and parses each response with
// ResponseParser as soon as its last byte arrives. The first error, with its offset in the
// stream, stops it for good: the connection must then be closed.
class ResponseReader
{
public:
    ResponseReader() = default;
    ResponseReader(ResponseFramer::Limits limits, ResponseParser::Options options);

    // Mailbox names are UTF-8 from the next response on (after ENABLE UTF8=ACCEPT succeeded).
    void setUtf8MailboxNames(bool on) { m_options.utf8MailboxNames = on; }

    // Literals of `threshold` bytes or more go to `sink` as they arrive (see ResponseFramer);
    // their FETCH sections then carry a streamId instead of data.
    void setLiteralSink(qint64 threshold, ResponseFramer::LiteralSink sink)
    {
        m_framer.setLiteralSink(threshold, std::move(sink));
    }

    // Sees every framed response before it is parsed (for the protocol transcript).
    void setObserver(std::function<void(QByteArrayView)> observer) { m_observer = std::move(observer); }

    // Takes bytes; false once the stream is known to be broken (see error()).
    [[nodiscard]] bool feed(QByteArrayView bytes);
    // The next response, parsed as it is asked for; nothing until more bytes arrive, or after an
    // error (then hasError()).
    [[nodiscard]] std::optional<Response> next();
    // Bytes received but not yet returned as responses.
    [[nodiscard]] qsizetype bufferedBytes() const { return m_framer.bufferedBytes(); }
    [[nodiscard]] bool hasBufferedData() const { return bufferedBytes() > 0; }
    // The bytes after the last response returned, unparsed (see ResponseFramer::takeUnframed()).
    [[nodiscard]] QByteArray takeUnparsed();

    [[nodiscard]] bool hasError() const { return m_failed; }
    [[nodiscard]] const ParseError &error() const { return m_error; }

private:
    std::function<void(QByteArrayView)> m_observer;
    ResponseFramer m_framer;
    ResponseParser::Options m_options;
    bool m_failed = false;
    ParseError m_error;
};

} // namespace fumi::imap
