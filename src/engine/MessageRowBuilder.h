// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "imap/Command.h"
#include "imap/Response.h"
#include "store/MessageRecord.h"

#include <optional>

namespace fumi::engine {

// Turns the FETCH response for a new message into the row a message list shows.
//
// What is fetched for a row is chosen to cost the server little: ENVELOPE and the sizes come
// from Dovecot's and most servers' caches, and of the headers ENVELOPE lacks only References
// (for threads) and Content-Type (the attachment hint: a multipart/mixed or a non-text top
// part) are asked for. BODYSTRUCTURE would make the hint exact but costs the server a parse
// of every message; the reader fetches it when a message is opened.
class MessageRowBuilder
{
public:
    // The FETCH items for new rows.
    [[nodiscard]] static QByteArray fetchItems(bool condstore);
    // A row, or nothing when the response lacks what a row needs (UID and ENVELOPE).
    [[nodiscard]] static std::optional<store::MessageRecord> build(const imap::FetchResponse &fetch);
};

} // namespace fumi::engine
