// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "imap/ResponseFramer.h"

#include <algorithm>
#include <cstring>

namespace fumi::imap {

namespace {

// When a line (without its CRLF) ends in "{123}", "{123+}" or "~{123}", the size; -1 if it
// does not announce a literal, -2 if the number is too large to be one.
qint64 announcedLiteral(QByteArrayView line)
{
    if (!line.endsWith('}'))
        return -1;
    qsizetype end = line.size() - 1;
    if (end > 0 && line[end - 1] == '+')
        --end;
    qsizetype start = end;
    while (start > 0 && line[start - 1] >= '0' && line[start - 1] <= '9')
        --start;
    if (start == end || start == 0 || line[start - 1] != '{')
        return -1;
    if (end - start > 18)
        return -2;
    qint64 size = 0;
    for (qsizetype i = start; i < end; ++i)
        size = size * 10 + (line[i] - '0');
    return size;
}

} // namespace

ResponseFramer::ResponseFramer()
    : ResponseFramer(Limits{})
{
}

ResponseFramer::ResponseFramer(Limits limits)
    : m_limits(limits)
{
}

bool ResponseFramer::fail(qsizetype bufferOffset, const QString &message)
{
    m_failed = true;
    m_error = ParseError{m_streamOffset + bufferOffset, message};
    return false;
}

bool ResponseFramer::feed(QByteArrayView bytes)
{
    if (m_failed)
        return false;

    // Drop what has been handed out, so the buffer holds only what is still needed.
    if (m_consumed > 0 && m_ready.empty()) {
        m_buffer.remove(0, m_consumed);
        m_streamOffset += m_consumed;
        m_responseStart -= m_consumed;
        m_lineStart -= m_consumed;
        m_scan -= m_consumed;
        m_consumed = 0;
    }

    m_buffer.append(bytes);
    // Frame only what is needed to check the limits; next() frames the rest on demand, so
    // that takeUnframed() can hand back bytes that turn out to need other treatment.
    if (m_ready.empty() && !frame())
        return false;
    return true;
}

void ResponseFramer::setLiteralSink(qint64 threshold, LiteralSink sink)
{
    m_streamThreshold = threshold;
    m_sink = std::move(sink);
}

QByteArray ResponseFramer::takeUnframed()
{
    Q_ASSERT(m_ready.empty());
    QByteArray rest = m_buffer.mid(m_responseStart);
    m_buffer.clear();
    m_streamOffset += m_responseStart + rest.size();
    m_consumed = m_responseStart = m_lineStart = m_scan = 0;
    m_literalRemaining = m_streamRemaining = 0;
    m_streaming.clear();
    return rest;
}

bool ResponseFramer::frame()
{
    while (true) {
        if (m_streamRemaining > 0) {
            // A streamed literal: its bytes go to the sink and leave the buffer at once.
            const qint64 take = std::min<qint64>(m_buffer.size() - m_scan, m_streamRemaining);
            if (take == 0)
                return true;
            m_streamRemaining -= take;
            m_sink(m_streamId, QByteArrayView(m_buffer).sliced(m_scan, qsizetype(take)), m_streamRemaining == 0);
            m_buffer.remove(m_scan, qsizetype(take));
            if (m_streamRemaining > 0)
                return true;
            m_lineStart = m_scan;
        }

        const char *data = m_buffer.constData();
        const qsizetype size = m_buffer.size();
        if (m_literalRemaining > 0) {
            const qint64 available = size - m_scan;
            if (available < m_literalRemaining) {
                m_literalRemaining -= available;
                m_scan = size;
                if (qint64(size - m_responseStart) > m_limits.maxResponseSize)
                    return fail(m_responseStart,
                                QStringLiteral("response larger than %1 bytes").arg(m_limits.maxResponseSize));
                return true;
            }
            m_scan += qsizetype(m_literalRemaining);
            m_literalRemaining = 0;
            m_lineStart = m_scan;
        }

        const void *newline = m_scan < size ? std::memchr(data + m_scan, '\n', size_t(size - m_scan)) : nullptr;
        if (!newline) {
            m_scan = size;
            if (size - m_lineStart > m_limits.maxLineLength)
                return fail(m_lineStart, QStringLiteral("line longer than %1 bytes").arg(m_limits.maxLineLength));
            // The incomplete response may hold at most its limit plus one chunk of the stream.
            if (qint64(size - m_responseStart) > m_limits.maxResponseSize)
                return fail(m_responseStart,
                            QStringLiteral("response larger than %1 bytes").arg(m_limits.maxResponseSize));
            return true;
        }
        const qsizetype lineEnd = static_cast<const char *>(newline) - data; // index of '\n'
        if (lineEnd - m_lineStart > m_limits.maxLineLength)
            return fail(m_lineStart, QStringLiteral("line longer than %1 bytes").arg(m_limits.maxLineLength));
        m_scan = lineEnd + 1;

        // Servers end lines with CRLF; a bare LF is tolerated.
        qsizetype contentEnd = lineEnd;
        if (contentEnd > m_lineStart && data[contentEnd - 1] == '\r')
            --contentEnd;
        const qint64 literal = announcedLiteral(QByteArrayView(data + m_lineStart, contentEnd - m_lineStart));
        const bool stream = m_sink && literal >= m_streamThreshold;
        const qint64 maxLiteral = stream ? m_limits.maxStreamedLiteralSize : m_limits.maxLiteralSize;
        if (literal == -2 || literal > maxLiteral)
            return fail(m_lineStart, QStringLiteral("literal larger than %1 bytes announced").arg(maxLiteral));
        if (stream) {
            m_streamId = ++m_lastStreamId;
            m_streamRemaining = literal;
            m_streaming.push_back(StreamedLiteral{m_scan - m_responseStart, m_streamId, literal});
            if (literal == 0)
                m_sink(m_streamId, {}, true);
            m_lineStart = m_scan;
            continue;
        }
        if (literal >= 0) {
            if (qint64(m_scan - m_responseStart) + literal > m_limits.maxResponseSize)
                return fail(m_responseStart,
                            QStringLiteral("response larger than %1 bytes").arg(m_limits.maxResponseSize));
            m_literalRemaining = literal;
            m_lineStart = m_scan;
            continue;
        }

        m_ready.push_back(Ready{m_responseStart, m_scan - m_responseStart, std::move(m_streaming)});
        m_streaming.clear();
        m_responseStart = m_scan;
        m_lineStart = m_scan;
        return true;
    }
}

std::optional<QByteArrayView> ResponseFramer::next()
{
    if (m_failed)
        return std::nullopt;
    if (m_ready.empty()) {
        // Views handed out before stay valid: framing never moves the buffer.
        if (!frame() || m_ready.empty())
            return std::nullopt;
    }
    Ready ready = std::move(m_ready.front());
    m_ready.pop_front();
    m_consumed = ready.offset + ready.length;
    m_lastOffset = m_streamOffset + ready.offset;
    m_lastStreamed = std::move(ready.streamed);
    return QByteArrayView(m_buffer.constData() + ready.offset, ready.length);
}

} // namespace fumi::imap
