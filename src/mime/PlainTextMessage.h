// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

namespace fumi::mime {

// A message reduced to what a plain reader shows: who, what, when, and its first text part
// decoded to text (text/plain preferred; a text/html part, when it is the only text, as its
// markup). KMime does the parsing, the transfer decoding and the charsets.
struct PlainTextMessage {
    QString from;
    QString to;
    QString subject;
    QDateTime date; // UTC; invalid when the message has no readable Date
    QString text;

    [[nodiscard]] static PlainTextMessage fromRaw(const QByteArray &raw);
};

} // namespace fumi::mime
