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
    while (auto response = m_framer.next()) {
        if (m_observer)
            m_observer(*response);
        if (auto error = ResponseParser::parseInto(*response, m_options, m_ready.emplace_back())) {
            m_ready.pop_back();
            m_failed = true;
            m_error = ParseError{m_framer.lastResponseOffset() + error->offset, error->message};
            return false;
        }
    }
    return true;
}

std::optional<Response> ResponseReader::next()
{
    if (m_ready.empty())
        return std::nullopt;
    Response response = std::move(m_ready.front());
    m_ready.pop_front();
    return response;
}

} // namespace fumi::imap
