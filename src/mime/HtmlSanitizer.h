// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringList>

namespace fumi::mime {

// Makes a text/html body safe to show in Qt's rich-text engine (QTextBrowser).
//
// The sanitiser is a small tokenizer, not a parser: it walks the string tag by tag and rebuilds
// every tag it keeps from an allowlist of elements and attributes, with values re-quoted and
// re-escaped, so markup it does not understand cannot pass through. Qt's own HTML importer
// (QTextDocument) is not used for this because it lives in Qt Gui, below which this layer sits,
// and because it would already have resolved resources while parsing. The reader's
// QTextBrowser stays the second wall: it refuses every resource that is not a `cid:` part.
//
// Removed with their content: script, style sheets' @import, iframe, object, embed, applet,
// frames, svg, math, audio, video, forms' controls, title. Removed tags: link, meta (refresh
// too), base, form. Removed attributes: every event handler and everything not allowlisted.
// Links keep only http, https, mailto and in-document targets and always carry their real
// target as their tooltip. Remote resources (img src, background, CSS url()) are counted and,
// unless `allowRemote`, replaced: images by `fumi-blocked:` placeholders, the rest dropped.
// `cid:` references to the message's own parts are kept.
class HtmlSanitizer
{
public:
    struct Options {
        bool allowRemote = false;
    };
    struct Result {
        QString html;
        int remoteResources = 0; // remote references found (blocked or not)
        QStringList remoteUrls;  // those references, in document order
        bool remoteBlocked = false;
    };

    // The scheme of a blocked image's placeholder URL; the reader serves a neutral image for it.
    static constexpr QLatin1StringView blockedScheme{"fumi-blocked"};

    [[nodiscard]] static Result sanitize(const QString &html, Options options);
    [[nodiscard]] static Result sanitize(const QString &html) { return sanitize(html, Options{}); }

    // Inline CSS (a style attribute or a <style> element) with @import, expression() and
    // non-cid url() neutralised; remote url()s counted into `result`.
    [[nodiscard]] static QString sanitizeCss(const QString &css, Options options, Result &result);
};

} // namespace fumi::mime
