// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace fumi::mime {

// Shows a text/plain body as HTML for the reader (Qt's rich-text subset), never trusting a byte
// of it: every character is escaped, so the only markup is the one added here.
//
// Quoted lines (">", "> >", ">>") become nested blockquotes, one colour per level, their
// markers removed; http, https and mailto URLs become links; format=flowed (RFC 3676) lines are
// joined back into paragraphs, since KMime hands the text over as sent.
class PlainTextRenderer
{
public:
    struct Options {
        bool flowed = false;
        bool delSp = false;
    };

    [[nodiscard]] static QString toHtml(const QString &text, Options options);
    [[nodiscard]] static QString toHtml(const QString &text) { return toHtml(text, Options{}); }

    // RFC 3676: soft line breaks (a line ending in a space) joined, space-stuffing removed;
    // quote depth stays a ">" prefix per line. Exposed for tests and for reply quoting.
    [[nodiscard]] static QString unflow(const QString &text, bool delSp);

    // The colour of quote level `level` (1 = "> "), as #rrggbb.
    [[nodiscard]] static QString quoteColour(int level);

    // `text` HTML-escaped, with URLs as <a href> links whose title shows the real target.
    [[nodiscard]] static QString linkify(const QString &text);
};

} // namespace fumi::mime
