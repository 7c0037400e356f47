// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "mime/PlainTextRenderer.h"

#include <QTest>

using fumi::mime::PlainTextRenderer;
using namespace Qt::StringLiterals;

class tst_PlainTextRenderer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void escapesEverything()
    {
        const QString html = PlainTextRenderer::toHtml(u"<script>alert(1)</script> & <b>x</b>"_s);
        QVERIFY(!html.contains(u"<script"_s));
        QVERIFY(!html.contains(u"<b>"_s));
        QVERIFY(html.contains(u"&lt;script&gt;alert(1)&lt;/script&gt; &amp; &lt;b&gt;x&lt;/b&gt;"_s));
    }

    void quoteLevels_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        // Each quote level is a blockquote nested in the one before, markers removed.
        const QString q1
            = u"<blockquote class=\"quote1\" style=\"white-space: pre-wrap; color: #1f5fa6; margin-left: 12px; margin-right: 0px\">"_s;
        const QString q2
            = u"<blockquote class=\"quote2\" style=\"white-space: pre-wrap; color: #2e7d32; margin-left: 12px; margin-right: 0px\">"_s;
        const QString open = u"<div style=\"white-space: pre-wrap\">"_s;
        QTest::newRow("no-quote") << u"a\nb"_s << QString(open + u"a<br>b</div>"_s);
        QTest::newRow("one-level") << u"said:\n> one\n> two\nreply"_s
                                   << QString(open + u"said:"_s + q1 + u"one<br>two</blockquote>reply</div>"_s);
        QTest::newRow("spaced-two-levels")
            << u"> a\n> > b\n> c"_s << QString(open + q1 + u"a"_s + q2 + u"b</blockquote>c</blockquote></div>"_s);
        QTest::newRow("packed-two-levels")
            << u">> deep"_s << QString(open + q1 + q2 + u"deep</blockquote></blockquote></div>"_s);
        QTest::newRow("greater-than-inside-text-is-not-a-quote") << u"x > y"_s << QString(open + u"x &gt; y</div>"_s);
    }

    void quoteLevels()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(PlainTextRenderer::toHtml(text), expected);
    }

    void quoteColoursDifferPerLevel()
    {
        QVERIFY(PlainTextRenderer::quoteColour(1) != PlainTextRenderer::quoteColour(2));
        QVERIFY(PlainTextRenderer::quoteColour(2) != PlainTextRenderer::quoteColour(3));
        QCOMPARE(PlainTextRenderer::quoteColour(5), PlainTextRenderer::quoteColour(1));
    }

    void links_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<QString>("expected");
        QTest::newRow("https")
            << u"see https://example.org/a?b=1&c=2 now"_s
            << u"see <a href=\"https://example.org/a?b=1&amp;c=2\" title=\"https://example.org/a?b=1&amp;c=2\">https://example.org/a?b=1&amp;c=2</a> now"_s;
        QTest::newRow("http-trailing-dot")
            << u"at http://example.org."_s
            << u"at <a href=\"http://example.org\" title=\"http://example.org\">http://example.org</a>."_s;
        QTest::newRow("in-parentheses")
            << u"(https://example.org/x)"_s
            << u"(<a href=\"https://example.org/x\" title=\"https://example.org/x\">https://example.org/x</a>)"_s;
        QTest::newRow("balanced-parentheses-kept")
            << u"https://en.example.org/wiki/A_(b)"_s
            << u"<a href=\"https://en.example.org/wiki/A_(b)\" title=\"https://en.example.org/wiki/A_(b)\">https://en.example.org/wiki/A_(b)</a>"_s;
        QTest::newRow("mailto")
            << u"write mailto:a@example.org"_s
            << u"write <a href=\"mailto:a@example.org\" title=\"mailto:a@example.org\">mailto:a@example.org</a>"_s;
        QTest::newRow("javascript-is-text") << u"javascript:alert(1)"_s << u"javascript:alert(1)"_s;
        QTest::newRow("ftp-is-text") << u"ftp://example.org/f"_s << u"ftp://example.org/f"_s;
        QTest::newRow("quote-cannot-break-attribute")
            << u"http://x.example/\"onmouseover=alert(1)"_s
            << u"<a href=\"http://x.example/\" title=\"http://x.example/\">http://x.example/</a>&quot;onmouseover=alert(1)"_s;
        QTest::newRow("bare-scheme-is-text") << u"http:// nothing"_s << u"http:// nothing"_s;
    }

    void links()
    {
        QFETCH(QString, text);
        QFETCH(QString, expected);
        QCOMPARE(PlainTextRenderer::linkify(text), expected);
    }

    void unflow_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("delSp");
        QTest::addColumn<QString>("expected");
        QTest::newRow("soft-breaks-join")
            << u"This is a \r\nlong line \r\nsplit.\r\nNext"_s << false << u"This is a long line split.\nNext"_s;
        QTest::newRow("delsp-removes-the-space")
            << u"日本語の\r\n文章"_s.replace(u"の"_s, u"の "_s) << true << u"日本語の文章"_s;
        QTest::newRow("quoted-paragraph") << u"> quoted \r\n> text\r\nnew"_s << false << u"> quoted text\nnew"_s;
        QTest::newRow("depth-change-stops-join") << u"> a \r\n>> b"_s << false << u"> a\n>> b"_s;
        QTest::newRow("space-stuffing-removed")
            << u" From here\r\n >not a quote"_s << false << u"From here\n>not a quote"_s;
        QTest::newRow("signature-separator-kept") << u"text\r\n-- \r\nsig"_s << false << u"text\n-- \nsig"_s;
    }

    void unflow()
    {
        QFETCH(QString, text);
        QFETCH(bool, delSp);
        QFETCH(QString, expected);
        QCOMPARE(PlainTextRenderer::unflow(text, delSp), expected);
    }

    void flowedIsJoinedInHtml()
    {
        const QString html = PlainTextRenderer::toHtml(u"one \r\ntwo\r\n"_s, {.flowed = true, .delSp = false});
        QVERIFY2(html.contains(u"one two"_s), qPrintable(html));
        QVERIFY(!PlainTextRenderer::toHtml(u"one \r\ntwo\r\n"_s).contains(u"one two"_s));
    }
};

QTEST_GUILESS_MAIN(tst_PlainTextRenderer)
#include "tst_PlainTextRenderer.moc"
