// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/ParseResult.h"

#include <QByteArray>
#include <QByteArrayView>

#include <deque>
#include <functional>
#include <optional>
#include <vector>

namespace fumi::imap {

// Cuts the byte stream from a server into whole responses.
//
// An IMAP response is a line, unless the line ends in a literal announcement "{N}" (or
// literal8's "~{N}"): then N bytes of the literal follow and the response goes on with another
// line. The framer takes bytes in chunks of any size, split anywhere, and hands out each
// response as one contiguous span, literals in place, for ResponseParser to read.
//
// It is also the first line of defence against a hostile or broken server: a line, a literal or
// a whole response larger than its limit is an error as soon as it is seen (an announced literal
// at once, before any of it arrives), and a literal's announced size is never used to allocate
// anything: the buffer grows only with bytes that actually arrived. After an error the framer takes
// no more bytes; the connection must be closed.
class ResponseFramer
{
public:
    struct Limits {
        qsizetype maxLineLength = 8 * 1024 * 1024; // one line between CRLFs, literals excluded
        qint64 maxLiteralSize = 256 * 1024 * 1024;
        qint64 maxResponseSize = 512 * 1024 * 1024; // lines and literals of one response
        // Streamed literals are never held, so they may be larger (a 20 GB mailbox export).
        qint64 maxStreamedLiteralSize = qint64(64) * 1024 * 1024 * 1024;
    };

    // A literal whose bytes went to the LiteralSink instead of the response: at `offset` in the
    // response (where its data would have begun) there is nothing, and `id` names the stream.
    struct StreamedLiteral {
        qsizetype offset = 0;
        quint64 id = 0;
        qint64 size = 0;
    };
    // Receives a streamed literal's bytes as they arrive; `last` with its final piece.
    using LiteralSink = std::function<void(quint64 id, QByteArrayView bytes, bool last)>;

    ResponseFramer();
    explicit ResponseFramer(Limits limits);

    // Appends bytes and frames what it can. Returns false once the input broke a limit or the
    // framing rules; error() then says how. Views from next() are invalid after feed().
    [[nodiscard]] bool feed(QByteArrayView bytes);

    // The next complete response, CRLF included, or nothing until more bytes arrive (or after
    // an error: check hasError()). Responses are framed one at a time, as they are asked for.
    [[nodiscard]] std::optional<QByteArrayView> next();
    // Literals of `threshold` bytes or more (message bodies) go to `sink` as they arrive rather
    // than into the buffer; the response then lists them in lastStreamedLiterals().
    void setLiteralSink(qint64 threshold, LiteralSink sink);
    // The streamed literals of the response last returned by next().
    [[nodiscard]] const std::vector<StreamedLiteral> &lastStreamedLiterals() const { return m_lastStreamed; }

    // Everything after the last response returned by next(), unframed, and a fresh start: for
    // a stream that changes encoding there (COMPRESS). Only once next() returned nothing.
    [[nodiscard]] QByteArray takeUnframed();

    // Where in the stream the response last returned by next() starts.
    [[nodiscard]] qint64 lastResponseOffset() const { return m_lastOffset; }

    [[nodiscard]] bool hasError() const { return m_failed; }
    // The offset counts bytes from the start of the stream.
    [[nodiscard]] const ParseError &error() const { return m_error; }
    // Bytes held: complete responses not yet taken and the incomplete one.
    [[nodiscard]] qsizetype bufferedBytes() const { return m_buffer.size() - m_consumed; }

private:
    bool fail(qsizetype bufferOffset, const QString &message);
    bool frame();

    Limits m_limits;
    QByteArray m_buffer;
    qsizetype m_consumed = 0;      // bytes of m_buffer already handed out and taken
    qsizetype m_responseStart = 0; // start of the response being framed
    qsizetype m_lineStart = 0;     // start of its current line
    qsizetype m_scan = 0;          // where the search for the line's end resumes
    qint64 m_literalRemaining = 0;
    qint64 m_streamOffset = 0; // stream offset of m_buffer[0]
    struct Ready {
        qsizetype offset;
        qsizetype length;
        std::vector<StreamedLiteral> streamed;
    };
    std::deque<Ready> m_ready; // complete responses
    LiteralSink m_sink;
    qint64 m_streamThreshold = 0;
    quint64 m_lastStreamId = 0;
    quint64 m_streamId = 0; // of the literal being streamed
    qint64 m_streamRemaining = 0;
    std::vector<StreamedLiteral> m_streaming; // of the response being framed
    std::vector<StreamedLiteral> m_lastStreamed;
    qint64 m_lastOffset = 0;
    bool m_failed = false;
    ParseError m_error;
};

} // namespace fumi::imap
