// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "mime/HtmlSanitizer.h"

#include <QTest>

using fumi::mime::HtmlSanitizer;
using namespace Qt::StringLiterals;

class tst_HtmlSanitizer : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // Each dangerous construct, and the exact output that must remain of it.
    void removes_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<QString>("expected");
        QTest::newRow("script") << u"a<script>alert('<b>')</script>b"_s << u"ab"_s;
        QTest::newRow("script-uppercase") << u"a<SCRIPT src=x.js></SCRIPT >b"_s << u"ab"_s;
        QTest::newRow("script-unclosed") << u"a<script>alert(1)"_s << u"a"_s;
        QTest::newRow("iframe") << u"a<iframe src=\"http://evil.example/\">x</iframe>b"_s << u"ab"_s;
        QTest::newRow("object-embed") << u"<object data=x.swf><embed src=x.swf></object>b"_s << u"b"_s;
        QTest::newRow("form-and-controls")
            << u"<form action=\"http://evil.example\">Pw: <input name=p><button>Go</button></form>"_s << u"Pw: "_s;
        QTest::newRow("meta-refresh") << u"<meta http-equiv=\"refresh\" content=\"0;url=http://evil.example\">x"_s
                                      << u"x"_s;
        QTest::newRow("base") << u"<base href=\"http://evil.example/\">x"_s << u"x"_s;
        QTest::newRow("link-stylesheet") << u"<link rel=stylesheet href=\"http://evil.example/s.css\">x"_s << u"x"_s;
        QTest::newRow("event-handlers") << u"<p onclick=\"x()\" ONLOAD=y() onmouseover='z'>t</p>"_s << u"<p>t</p>"_s;
        QTest::newRow("img-onerror") << u"<img src=cid:a onerror=alert(1)>"_s << u"<img src=\"cid:a\">"_s;
        QTest::newRow("javascript-href") << u"<a href=\"javascript:alert(1)\">x</a>"_s << u"<a>x</a>"_s;
        QTest::newRow("javascript-href-entities")
            << u"<a href=\"jav&#x61;script&colon;alert(1)\">x</a>"_s << u"<a>x</a>"_s;
        QTest::newRow("javascript-href-tab") << u"<a href=\"java\tscript:alert(1)\">x</a>"_s << u"<a>x</a>"_s;
        QTest::newRow("data-href") << u"<a href=\"data:text/html,<script>\">x</a>"_s << u"<a>x</a>"_s;
        QTest::newRow("file-img") << u"<img src=\"file:///etc/passwd\" alt=\"pw\">"_s << u"pw"_s;
        QTest::newRow("data-img") << u"<img src=\"data:image/png;base64,AAAA\">"_s << QString();
        QTest::newRow("svg") << u"<svg><script>alert(1)</script></svg>ok"_s << u"ok"_s;
        QTest::newRow("comment") << u"a<!-- <script>alert(1)</script> -->b"_s << u"ab"_s;
        QTest::newRow("doctype") << u"<!DOCTYPE html>x"_s << u"x"_s;
        QTest::newRow("unknown-tag-keeps-text") << u"<marquee>x</marquee>"_s << u"x"_s;
        QTest::newRow("stray-less-than") << u"a < b"_s << u"a &lt; b"_s;
        QTest::newRow("attribute-quote-breakout")
            << u"<p title='a\" onclick=\"x'>t</p>"_s << u"<p title=\"a&quot; onclick=&quot;x\">t</p>"_s;
        QTest::newRow("unclosed-tag-at-end") << u"x<img src=cid:a"_s << u"x"_s;
        QTest::newRow("style-expression")
            << u"<p style=\"width: expression(alert(1))\">t</p>"_s << u"<p style=\"width: (alert(1))\">t</p>"_s;
        QTest::newRow("style-element-import")
            << u"<style>@import url(http://evil.example/a.css); p{color:red}</style>"_s
            << u"<style> p{color:red}</style>"_s;
        QTest::newRow("style-element-closing-case") << u"<style>p{}</STYLE>x"_s << u"<style>p{}</style>x"_s;
        QTest::newRow("css-escape") << u"<p style=\"background:u\\72l(http://evil.example/)\">t</p>"_s
                                    << u"<p style=\"background:u72l(http://evil.example/)\">t</p>"_s;
        QTest::newRow("css-unterminated-url") << u"<p style=\"background:url(http://evil.example/\">t</p>"_s
                                              << u"<p style=\"background:none(http://evil.example/\">t</p>"_s;
        QTest::newRow("link-title-is-target")
            << u"<a href=\"https://evil.example/\" title=\"https://bank.example/\">bank</a>"_s
            << u"<a href=\"https://evil.example/\" title=\"https://evil.example/\">bank</a>"_s;
        QTest::newRow("link-fragment") << u"<a href=\"#top\">up</a>"_s << u"<a href=\"#top\" title=\"#top\">up</a>"_s;
        QTest::newRow("mailto-link") << u"<a href=mailto:a@example.org>a</a>"_s
                                     << u"<a href=\"mailto:a@example.org\" title=\"mailto:a@example.org\">a</a>"_s;
        QTest::newRow("kept-formatting")
            << u"<table border=1><tr><td bgcolor=#fff colspan=2><b>x</b></td></tr></table>"_s
            << u"<table border=\"1\"><tr><td bgcolor=\"#fff\" colspan=\"2\"><b>x</b></td></tr></table>"_s;
        QTest::newRow("cid-image-kept") << u"<img src=\"cid:logo@example.jp\" width=10>"_s
                                        << u"<img src=\"cid:logo@example.jp\" width=\"10\">"_s;
    }

    void removes()
    {
        QFETCH(QString, html);
        QFETCH(QString, expected);
        const HtmlSanitizer::Result result = HtmlSanitizer::sanitize(html);
        QCOMPARE(result.html, expected);
    }

    void remoteResources_data()
    {
        QTest::addColumn<QString>("html");
        QTest::addColumn<int>("count");
        QTest::addColumn<QString>("blocked");
        QTest::addColumn<QString>("allowed");
        QTest::newRow("img") << u"<img src=\"http://t.example/p.gif\" alt=a>"_s << 1
                             << u"<img src=\"fumi-blocked:1\" alt=\"a\">"_s
                             << u"<img src=\"http://t.example/p.gif\" alt=\"a\">"_s;
        QTest::newRow("img-protocol-relative")
            << u"<img src=\"//t.example/p.gif\">"_s << 1 << u"<img src=\"fumi-blocked:1\">"_s
            << u"<img src=\"//t.example/p.gif\">"_s;
        QTest::newRow("background-attribute")
            << u"<td background=\"https://t.example/bg.png\">x</td>"_s << 1 << u"<td>x</td>"_s
            << u"<td background=\"https://t.example/bg.png\">x</td>"_s;
        QTest::newRow("css-url")
            << u"<div style=\"background-image: url('https://t.example/bg.png')\">x</div>"_s << 1
            << u"<div style=\"background-image: none\">x</div>"_s
            << u"<div style=\"background-image: url(&quot;https://t.example/bg.png&quot;)\">x</div>"_s;
        QTest::newRow("style-element-url") << u"<style>body{background:url(http://t.example/a.png)}</style>"_s << 1
                                           << u"<style>body{background:none}</style>"_s
                                           << u"<style>body{background:url(\"http://t.example/a.png\")}</style>"_s;
        QTest::newRow("cid-is-not-remote")
            << u"<img src=cid:x>"_s << 0 << u"<img src=\"cid:x\">"_s << u"<img src=\"cid:x\">"_s;
        QTest::newRow("three")
            << u"<img src=http://a.example/1><img src=https://a.example/2><p style=\"background:url(http://a.example/3)\"></p>"_s
            << 3 << u"<img src=\"fumi-blocked:1\"><img src=\"fumi-blocked:2\"><p style=\"background:none\"></p>"_s
            << u"<img src=\"http://a.example/1\"><img src=\"https://a.example/2\"><p style=\"background:url(&quot;http://a.example/3&quot;)\"></p>"_s;
    }

    void remoteResources()
    {
        QFETCH(QString, html);
        QFETCH(int, count);
        QFETCH(QString, blocked);
        QFETCH(QString, allowed);
        const HtmlSanitizer::Result blockedResult = HtmlSanitizer::sanitize(html);
        QCOMPARE(blockedResult.html, blocked);
        QCOMPARE(blockedResult.remoteResources, count);
        QCOMPARE(blockedResult.remoteUrls.size(), count);
        QCOMPARE(blockedResult.remoteBlocked, count > 0);
        const HtmlSanitizer::Result allowedResult = HtmlSanitizer::sanitize(html, {.allowRemote = true});
        QCOMPARE(allowedResult.html, allowed);
        QCOMPARE(allowedResult.remoteResources, count);
        QVERIFY(!allowedResult.remoteBlocked);
    }

    // Even with remote content allowed, nothing that runs or navigates comes back.
    void allowingRemoteKeepsOtherRemovals()
    {
        const QString html
            = u"<script src=\"http://a.example/s.js\"></script><iframe src=\"http://a.example/\"></iframe>"
              u"<link rel=stylesheet href=\"http://a.example/c.css\"><a href=\"javascript:x\">y</a>"_s;
        QCOMPARE(HtmlSanitizer::sanitize(html, {.allowRemote = true}).html, u"<a>y</a>"_s);
    }
};

QTEST_GUILESS_MAIN(tst_HtmlSanitizer)
#include "tst_HtmlSanitizer.moc"
