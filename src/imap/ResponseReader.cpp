// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "imap/ResponseReader.h"

namespace fumi::imap {

ResponseReader::ResponseReader(ResponseFramer::Limits limits, ResponseParser::Options options)
    : m_framer(limits)
    , m_options(options)
{
}

bool ResponseReader::feed(QByteArrayView bytes)
{
    if (m_failed)
        return false;
    if (!m_framer.feed(bytes)) {
        m_failed = true;
        m_error = m_framer.error();
        return false;
    }
    return true;
}

std::optional<Response> ResponseReader::next()
{
    if (m_failed)
        return std::nullopt;
    const auto framed = m_framer.next();
    if (!framed) {
        if (m_framer.hasError()) {
            m_failed = true;
            m_error = m_framer.error();
        }
        return std::nullopt;
    }
    if (m_observer)
        m_observer(*framed);
    std::optional<Response> response(std::in_place);
    if (auto error = ResponseParser::parseInto(*framed, m_options, *response, m_framer.lastStreamedLiterals())) {
        m_failed = true;
        m_error = ParseError{m_framer.lastResponseOffset() + error->offset, error->message};
        return std::nullopt;
    }
    return response;
}

QByteArray ResponseReader::takeUnparsed()
{
    return m_framer.takeUnframed();
}

} // namespace fumi::imap
