// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "mime/HtmlSanitizer.h"

#include <QList>
#include <QRegularExpression>
#include <QSet>

namespace fumi::mime {

namespace {

using namespace Qt::StringLiterals;

struct Attribute {
    QString name;
    QString value;
};

struct Tag {
    QString name; // lower case
    bool closing = false;
    bool selfClosing = false;
    QList<Attribute> attributes;
};

const QSet<QString> &keptElements()
{
    static const QSet<QString> set{
        u"html"_s,    u"body"_s,   u"p"_s,       u"br"_s,     u"div"_s,   u"span"_s,  u"a"_s,          u"b"_s,
        u"i"_s,       u"u"_s,      u"s"_s,       u"strong"_s, u"em"_s,    u"small"_s, u"big"_s,        u"sub"_s,
        u"sup"_s,     u"font"_s,   u"h1"_s,      u"h2"_s,     u"h3"_s,    u"h4"_s,    u"h5"_s,         u"h6"_s,
        u"ul"_s,      u"ol"_s,     u"li"_s,      u"dl"_s,     u"dt"_s,    u"dd"_s,    u"blockquote"_s, u"pre"_s,
        u"code"_s,    u"tt"_s,     u"kbd"_s,     u"samp"_s,   u"var"_s,   u"cite"_s,  u"q"_s,          u"hr"_s,
        u"img"_s,     u"table"_s,  u"thead"_s,   u"tbody"_s,  u"tfoot"_s, u"tr"_s,    u"td"_s,         u"th"_s,
        u"caption"_s, u"center"_s, u"address"_s, u"abbr"_s,   u"del"_s,   u"ins"_s,   u"strike"_s,     u"nobr"_s,
        u"dfn"_s,     u"style"_s,
    };
    return set;
}

// Elements dropped with everything up to their end tag.
const QSet<QString> &droppedWithContent()
{
    static const QSet<QString> set{
        u"script"_s, u"iframe"_s,   u"object"_s,   u"applet"_s, u"frameset"_s,  u"noframes"_s, u"noembed"_s,
        u"title"_s,  u"textarea"_s, u"select"_s,   u"button"_s, u"svg"_s,       u"math"_s,     u"audio"_s,
        u"video"_s,  u"canvas"_s,   u"template"_s, u"xmp"_s,    u"plaintext"_s, u"datalist"_s, u"map"_s,
    };
    return set;
}

const QSet<QString> &keptAttributes()
{
    static const QSet<QString> set{
        u"align"_s,  u"valign"_s,  u"bgcolor"_s,     u"color"_s,       u"face"_s,    u"size"_s,    u"width"_s,
        u"height"_s, u"border"_s,  u"cellpadding"_s, u"cellspacing"_s, u"colspan"_s, u"rowspan"_s, u"dir"_s,
        u"lang"_s,   u"class"_s,   u"id"_s,          u"name"_s,        u"title"_s,   u"alt"_s,     u"type"_s,
        u"start"_s,  u"value"_s,   u"text"_s,        u"link"_s,        u"vlink"_s,   u"alink"_s,   u"nowrap"_s,
        u"span"_s,   u"summary"_s, u"clear"_s,
    };
    return set;
}

bool isNameChar(QChar c)
{
    return c.isLetterOrNumber() || c == u'-' || c == u'_' || c == u':';
}

bool isHexDigit(QChar c)
{
    return c.isDigit() || (c >= u'a' && c <= u'f') || (c >= u'A' && c <= u'F');
}

bool isSpace(QChar c)
{
    return c == u' ' || c == u'\t' || c == u'\n' || c == u'\r' || c == u'\f';
}

// The character references attackers use to hide a scheme ("jav&#x61;script:", "&colon;"),
// decoded so that the checks below see what a browser would.
QString decodeEntities(const QString &value)
{
    static const QList<std::pair<QString, QChar>> named{
        {u"amp"_s, u'&'},         {u"lt"_s, u'<'},    {u"gt"_s, u'>'},     {u"quot"_s, u'"'},     {u"apos"_s, u'\''},
        {u"nbsp"_s, QChar(0xa0)}, {u"colon"_s, u':'}, {u"tab"_s, u'\t'},   {u"newline"_s, u'\n'}, {u"sol"_s, u'/'},
        {u"lpar"_s, u'('},        {u"rpar"_s, u')'},  {u"period"_s, u'.'}, {u"bsol"_s, u'\\'},
    };
    QString out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        if (value.at(i) != u'&') {
            out += value.at(i);
            continue;
        }
        qsizetype j = i + 1;
        if (j < value.size() && value.at(j) == u'#') {
            ++j;
            const bool hex = j < value.size() && (value.at(j) == u'x' || value.at(j) == u'X');
            if (hex)
                ++j;
            const qsizetype digitsStart = j;
            while (j < value.size() && (hex ? isHexDigit(value.at(j)) : value.at(j).isDigit()) && j - digitsStart < 8)
                ++j;
            bool ok = false;
            const uint code = value.mid(digitsStart, j - digitsStart).toUInt(&ok, hex ? 16 : 10);
            if (ok && j > digitsStart) {
                if (code > 0 && code <= 0x10ffff)
                    out += QString::fromUcs4(reinterpret_cast<const char32_t *>(&code), 1);
                if (j < value.size() && value.at(j) == u';')
                    ++j;
                i = j - 1;
                continue;
            }
        } else {
            while (j < value.size() && value.at(j).isLetterOrNumber())
                ++j;
            const QString name = value.mid(i + 1, j - i - 1).toLower();
            bool found = false;
            for (const auto &[entity, character] : named) {
                if (entity == name) {
                    out += character;
                    found = true;
                    break;
                }
            }
            if (found) {
                if (j < value.size() && value.at(j) == u';')
                    ++j;
                i = j - 1;
                continue;
            }
        }
        out += u'&';
    }
    return out;
}

QString escapeAttribute(const QString &value)
{
    QString out = value.toHtmlEscaped(); // & < > "
    out.replace(u'\'', "&#39;"_L1);
    return out;
}

// The URL's scheme as a browser reads it: whitespace and control characters inside are ignored
// ("java\tscript:").
QString schemeOf(const QString &url)
{
    QString compact;
    for (QChar c : url) {
        if (c.unicode() > 0x20 && c.unicode() != 0x7f)
            compact += c;
    }
    const qsizetype colon = compact.indexOf(u':');
    if (compact.startsWith("//"_L1))
        return u"//"_s; // protocol-relative: remote
    if (colon <= 0)
        return {};
    const QString scheme = compact.left(colon).toLower();
    for (QChar c : scheme) {
        if (!(c.isLetterOrNumber() || c == u'+' || c == u'-' || c == u'.'))
            return {};
    }
    return scheme;
}

bool isRemote(const QString &scheme)
{
    return scheme == "http"_L1 || scheme == "https"_L1 || scheme == "//"_L1 || scheme == "ftp"_L1;
}

// Reads the tag starting at `pos` (the '<'); returns the index after its '>', or -1 when the tag
// never closes.
qsizetype readTag(const QString &s, qsizetype pos, Tag &tag)
{
    const qsizetype n = s.size();
    qsizetype i = pos + 1;
    if (i < n && s.at(i) == u'/') {
        tag.closing = true;
        ++i;
    }
    const qsizetype nameStart = i;
    while (i < n && isNameChar(s.at(i)))
        ++i;
    tag.name = s.mid(nameStart, i - nameStart).toLower();
    while (i < n) {
        while (i < n && (isSpace(s.at(i)) || s.at(i) == u'/')) {
            if (s.at(i) == u'/')
                tag.selfClosing = true;
            ++i;
        }
        if (i >= n)
            return -1;
        if (s.at(i) == u'>')
            return i + 1;
        tag.selfClosing = false;
        const qsizetype attrStart = i;
        ++i; // the first character belongs to the name, even '=' or a quote (HTML 13.2.5.32)
        while (i < n && !isSpace(s.at(i)) && s.at(i) != u'/' && s.at(i) != u'>' && s.at(i) != u'=')
            ++i;
        Attribute attribute{s.mid(attrStart, i - attrStart).toLower(), {}};
        while (i < n && isSpace(s.at(i)))
            ++i;
        if (i < n && s.at(i) == u'=') {
            ++i;
            while (i < n && isSpace(s.at(i)))
                ++i;
            if (i < n && (s.at(i) == u'"' || s.at(i) == u'\'')) {
                const QChar quote = s.at(i);
                const qsizetype end = s.indexOf(quote, i + 1);
                if (end < 0)
                    return -1;
                attribute.value = s.mid(i + 1, end - i - 1);
                i = end + 1;
            } else {
                const qsizetype valueStart = i;
                while (i < n && !isSpace(s.at(i)) && s.at(i) != u'>')
                    ++i;
                attribute.value = s.mid(valueStart, i - valueStart);
            }
        }
        tag.attributes.append(attribute);
    }
    return -1;
}

class Sanitizer
{
public:
    Sanitizer(HtmlSanitizer::Options options, HtmlSanitizer::Result &result)
        : m_options(options)
        , m_result(result)
    {
    }

    QString run(const QString &s)
    {
        QString out;
        out.reserve(s.size());
        const qsizetype n = s.size();
        qsizetype i = 0;
        while (i < n) {
            const QChar c = s.at(i);
            if (c != u'<') {
                const qsizetype next = s.indexOf(u'<', i);
                const qsizetype end = next < 0 ? n : next;
                out += QStringView(s).mid(i, end - i);
                i = end;
                continue;
            }
            if (QStringView(s).mid(i, 4) == "<!--"_L1) {
                const qsizetype end = s.indexOf("-->"_L1, i + 4);
                i = end < 0 ? n : end + 3;
                continue;
            }
            const QChar next = i + 1 < n ? s.at(i + 1) : QChar();
            if (next == u'!' || next == u'?') { // doctype, CDATA, processing instruction
                const qsizetype end = s.indexOf(u'>', i);
                i = end < 0 ? n : end + 1;
                continue;
            }
            const bool startsTag = next.isLetter() || (next == u'/' && i + 2 < n && s.at(i + 2).isLetter());
            if (!startsTag) {
                out += "&lt;"_L1;
                ++i;
                continue;
            }
            Tag tag;
            const qsizetype end = readTag(s, i, tag);
            if (end < 0)
                break; // an unclosed tag at the end: drop the rest
            i = end;
            if (!tag.closing && (droppedWithContent().contains(tag.name) || tag.name == "style"_L1)) {
                // Raw text up to the matching end tag, which is searched for, not parsed.
                const QString closing = "</"_L1 + tag.name;
                qsizetype close = i;
                while (true) {
                    close = s.indexOf(closing, close, Qt::CaseInsensitive);
                    if (close < 0 || close + closing.size() >= n || !isNameChar(s.at(close + closing.size())))
                        break;
                    close += closing.size();
                }
                const qsizetype contentEnd = close < 0 ? n : close;
                if (tag.name == "style"_L1) {
                    out += "<style>"_L1 + HtmlSanitizer::sanitizeCss(s.mid(i, contentEnd - i), m_options, m_result)
                        + "</style>"_L1;
                }
                if (close < 0) {
                    i = n;
                } else {
                    const qsizetype gt = s.indexOf(u'>', close);
                    i = gt < 0 ? n : gt + 1;
                }
                continue;
            }
            if (!keptElements().contains(tag.name))
                continue;
            if (tag.closing) {
                out += "</"_L1 + tag.name + u'>';
                continue;
            }
            out += rebuild(tag);
        }
        return out;
    }

private:
    QString rebuild(const Tag &tag)
    {
        QString out = u'<' + tag.name;
        QString href;
        bool hasSrc = false;
        QString alt;
        for (const Attribute &attribute : tag.attributes) {
            const QString &name = attribute.name;
            const QString value = decodeEntities(attribute.value);
            if (name == "href"_L1 && tag.name == "a"_L1) {
                const QString target = value.trimmed();
                const QString scheme = schemeOf(target);
                if (scheme == "http"_L1 || scheme == "https"_L1 || scheme == "mailto"_L1
                    || (scheme.isEmpty() && target.startsWith(u'#')))
                    href = target;
            } else if (name == "src"_L1 && tag.name == "img"_L1) {
                const QString source = value.trimmed();
                const QString scheme = schemeOf(source);
                if (scheme == "cid"_L1) {
                    out += " src=\""_L1 + escapeAttribute(source) + u'"';
                    hasSrc = true;
                } else if (isRemote(scheme)) {
                    m_result.remoteResources += 1;
                    m_result.remoteUrls.append(source);
                    const QString shown = m_options.allowRemote
                        ? source
                        : QString(HtmlSanitizer::blockedScheme + u':' + QString::number(m_result.remoteResources));
                    m_result.remoteBlocked = m_result.remoteBlocked || !m_options.allowRemote;
                    out += " src=\""_L1 + escapeAttribute(shown) + u'"';
                    hasSrc = true;
                }
            } else if (name == "background"_L1) {
                const QString source = value.trimmed();
                const QString scheme = schemeOf(source);
                if (scheme == "cid"_L1) {
                    out += " background=\""_L1 + escapeAttribute(source) + u'"';
                } else if (isRemote(scheme)) {
                    m_result.remoteResources += 1;
                    m_result.remoteUrls.append(source);
                    if (m_options.allowRemote)
                        out += " background=\""_L1 + escapeAttribute(source) + u'"';
                    else
                        m_result.remoteBlocked = true;
                }
            } else if (name == "style"_L1) {
                out += " style=\""_L1 + escapeAttribute(HtmlSanitizer::sanitizeCss(value, m_options, m_result)) + u'"';
            } else if (name == "title"_L1 && tag.name == "a"_L1) {
                // A link's tooltip is its real target, never the sender's words.
            } else if (keptAttributes().contains(name)) {
                if (name == "alt"_L1)
                    alt = value;
                out += u' ' + name + "=\""_L1 + escapeAttribute(value) + u'"';
            }
        }
        if (tag.name == "img"_L1 && !hasSrc)
            return alt.toHtmlEscaped(); // an image that may not load is its description
        if (!href.isEmpty())
            out += " href=\""_L1 + escapeAttribute(href) + "\" title=\""_L1 + escapeAttribute(href) + u'"';
        if (tag.selfClosing)
            out += " /"_L1;
        out += u'>';
        return out;
    }

    HtmlSanitizer::Options m_options;
    HtmlSanitizer::Result &m_result;
};

} // namespace

QString HtmlSanitizer::sanitizeCss(const QString &css, Options options, Result &result)
{
    // Escapes let a style sheet spell "url" or "import" in ways a simple look cannot see; mail
    // style sheets do not need them. Markup has no business in CSS either.
    QString text = css;
    text.remove(u'\\');
    text.remove(u'<');
    text.remove(u'>');
    static const QRegularExpression comment(u"/\\*.*?\\*/"_s, QRegularExpression::DotMatchesEverythingOption);
    text.remove(comment);
    static const QRegularExpression import(u"@import[^;]*;?"_s, QRegularExpression::CaseInsensitiveOption);
    text.remove(import);
    static const QRegularExpression expression(u"expression\\s*\\("_s, QRegularExpression::CaseInsensitiveOption);
    text.replace(expression, u"("_s);
    static const QRegularExpression url(u"url\\s*\\(\\s*(['\"]?)(.*?)\\1\\s*\\)"_s,
                                        QRegularExpression::CaseInsensitiveOption);
    // Whatever "url(" the pattern does not match (unbalanced, unterminated) never reaches a CSS
    // parser either.
    static const QRegularExpression leftover(u"url\\s*\\("_s, QRegularExpression::CaseInsensitiveOption);
    const auto plain = [&text](qsizetype from, qsizetype to) {
        QString segment = text.mid(from, to - from);
        segment.replace(leftover, u"none("_s);
        return segment;
    };
    QString out;
    qsizetype done = 0;
    QRegularExpressionMatchIterator it = url.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        out += plain(done, match.capturedStart());
        // Quotes, parentheses and blanks cannot be part of a URL that stays inside url("...").
        static const QRegularExpression unsafe(u"[\"'()\\s]"_s);
        const QString target = match.captured(2).trimmed().remove(unsafe);
        const QString scheme = schemeOf(target);
        if (scheme == "cid"_L1) {
            out += "url(\""_L1 + target + "\")"_L1;
        } else if (isRemote(scheme)) {
            result.remoteResources += 1;
            result.remoteUrls.append(target);
            if (options.allowRemote) {
                out += "url(\""_L1 + target + "\")"_L1;
            } else {
                result.remoteBlocked = true;
                out += "none"_L1;
            }
        } else {
            out += "none"_L1;
        }
        done = match.capturedEnd();
    }
    out += plain(done, text.size());
    return out;
}

HtmlSanitizer::Result HtmlSanitizer::sanitize(const QString &html, Options options)
{
    Result result;
    Sanitizer sanitizer(options, result);
    result.html = sanitizer.run(html);
    return result;
}

} // namespace fumi::mime
