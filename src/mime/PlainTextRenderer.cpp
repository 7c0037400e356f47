// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "mime/PlainTextRenderer.h"

#include <QList>
#include <QRegularExpression>
#include <QStringList>
#include <QUrl>

#include <array>

namespace fumi::mime {

namespace {

// Splits "> > text" into its depth and its text: '>' markers with optional blanks between them,
// then one optional blank that belongs to the marker.
std::pair<int, QString> splitQuote(const QString &line)
{
    int depth = 0;
    qsizetype pos = 0;
    qsizetype afterLastMarker = 0;
    while (pos < line.size()) {
        const QChar c = line.at(pos);
        if (c == QLatin1Char('>')) {
            ++depth;
            afterLastMarker = ++pos;
        } else if (c == QLatin1Char(' ') || c == QLatin1Char('\t')) {
            ++pos;
        } else {
            break;
        }
    }
    if (depth == 0)
        return {0, line};
    QString rest = line.mid(afterLastMarker);
    if (rest.startsWith(QLatin1Char(' ')))
        rest.remove(0, 1);
    return {depth, rest};
}

QStringList splitLines(QString text)
{
    text.remove(QLatin1Char('\r'));
    QStringList lines = text.split(QLatin1Char('\n'));
    if (!lines.isEmpty() && lines.last().isEmpty())
        lines.removeLast();
    return lines;
}

} // namespace

QString PlainTextRenderer::quoteColour(int level)
{
    static constexpr std::array<const char *, 4> colours{"#1f5fa6", "#2e7d32", "#8e3fa8", "#b35900"};
    if (level <= 0)
        return QString();
    return QLatin1String(colours.at(static_cast<std::size_t>(level - 1) % colours.size()));
}

QString PlainTextRenderer::unflow(const QString &text, bool delSp)
{
    QStringList out;
    int currentDepth = -1;
    bool continues = false; // the previous line ended with a soft break
    for (const QString &line : splitLines(text)) {
        // RFC 3676 4.5: quote depth is the count of leading '>', with no blanks between them.
        int depth = 0;
        while (depth < line.size() && line.at(depth) == QLatin1Char('>'))
            ++depth;
        QString content = line.mid(depth);
        if (content.startsWith(QLatin1Char(' ')))
            content.remove(0, 1); // space-stuffing (4.4)
        const bool signature = content == QLatin1String("-- ");
        const bool soft = !signature && content.endsWith(QLatin1Char(' '));
        if (continues && depth == currentDepth && !signature) {
            QString &last = out.last();
            if (delSp)
                last.chop(1);
            last += content;
        } else {
            const QString prefix = depth > 0 ? QString(QString(depth, QLatin1Char('>')) + QLatin1Char(' ')) : QString();
            out.append(prefix + content);
        }
        currentDepth = depth;
        continues = soft;
    }
    // A paragraph's trailing soft-break space is not text.
    for (QString &line : out) {
        if (line.endsWith(QLatin1Char(' ')) && line != QLatin1String("-- "))
            line.chop(1);
    }
    return out.join(QLatin1Char('\n'));
}

QString PlainTextRenderer::linkify(const QString &text)
{
    static const QRegularExpression url(QStringLiteral(R"((?:https?://|mailto:)[^\s<>"]+)"),
                                        QRegularExpression::CaseInsensitiveOption);
    QString html;
    qsizetype done = 0;
    QRegularExpressionMatchIterator it = url.globalMatch(text);
    while (it.hasNext()) {
        const QRegularExpressionMatch match = it.next();
        const qsizetype start = match.capturedStart();
        if (start < done)
            continue;
        // A link does not swallow the sentence around it: trailing punctuation and an unbalanced
        // closing parenthesis stay text ("(see https://example.org/a).").
        QString target = match.captured();
        while (!target.isEmpty()) {
            const QChar last = target.back();
            if (QStringLiteral(".,;:!?'\"]").contains(last)) {
                target.chop(1);
            } else if (last == QLatin1Char(')') && target.count(QLatin1Char('(')) < target.count(QLatin1Char(')'))) {
                target.chop(1);
            } else {
                break;
            }
        }
        const QUrl parsed(target, QUrl::StrictMode);
        const bool linkable = parsed.isValid() && target.size() > parsed.scheme().size() + 3;
        html += text.mid(done, start - done).toHtmlEscaped();
        if (linkable) {
            const QString escaped = target.toHtmlEscaped();
            html += QLatin1String("<a href=\"") + escaped + QLatin1String("\" title=\"") + escaped
                + QLatin1String("\">") + escaped + QLatin1String("</a>");
        } else {
            html += target.toHtmlEscaped();
        }
        done = start + target.size();
    }
    html += text.mid(done).toHtmlEscaped();
    return html;
}

QString PlainTextRenderer::toHtml(const QString &text, Options options)
{
    const QString source = options.flowed ? unflow(text, options.delSp) : text;
    QString html = QStringLiteral("<div style=\"white-space: pre-wrap\">");
    int open = 0;
    bool firstInBlock = true;
    for (const QString &line : splitLines(source)) {
        const auto [depth, content] = splitQuote(line);
        if (depth != open) {
            while (open > depth) {
                html += QLatin1String("</blockquote>");
                --open;
            }
            while (open < depth) {
                ++open;
                html += QLatin1String("<blockquote class=\"quote") + QString::number(open)
                    + QLatin1String("\" style=\"white-space: pre-wrap; color: ") + quoteColour(open)
                    + QLatin1String("; margin-left: 12px; margin-right: 0px\">");
            }
            firstInBlock = true;
        }
        if (!firstInBlock)
            html += QLatin1String("<br>");
        html += linkify(content);
        firstInBlock = false;
    }
    while (open-- > 0)
        html += QLatin1String("</blockquote>");
    html += QLatin1String("</div>");
    return html;
}

} // namespace fumi::mime
