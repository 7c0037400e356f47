// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "mime/MessageDocument.h"
#include "mime/PlainTextRenderer.h"
#include "support/XvfbScreen.h"
#include "ui/AttachmentList.h"
#include "ui/MessageBrowser.h"
#include "ui/ReaderView.h"
#include "ui/SettingsRemoteContentPolicy.h"

#include <QBuffer>
#include <QFile>
#include <QImage>
#include <QLabel>
#include <QMimeData>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBlock>
#include <QTextDocument>

using namespace fumi;
using namespace Qt::StringLiterals;

namespace {

QByteArray pngBytes(int width, int height, QColor colour)
{
    QImage image(width, height, QImage::Format_RGB32);
    image.fill(colour);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// A loopback HTTP server that counts every connection and answers each request with a PNG.
class CountingHttpServer : public QObject
{
public:
    CountingHttpServer()
    {
        connect(&m_server, &QTcpServer::newConnection, this, [this] {
            while (QTcpSocket *socket = m_server.nextPendingConnection()) {
                ++connections;
                connect(socket, &QTcpSocket::readyRead, socket, [this, socket] {
                    m_buffers[socket] += socket->readAll();
                    const QByteArray &request = m_buffers[socket];
                    if (!request.contains("\r\n\r\n"))
                        return;
                    paths.append(request.split(' ').value(1));
                    const QByteArray body = pngBytes(8, 8, Qt::red);
                    socket->write("HTTP/1.1 200 OK\r\nContent-Type: image/png\r\nContent-Length: "
                                  + QByteArray::number(body.size()) + "\r\nConnection: close\r\n\r\n" + body);
                    socket->disconnectFromHost();
                });
                connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
            }
        });
    }

    bool listen() { return m_server.listen(QHostAddress::LocalHost, 0); }
    quint16 port() const { return m_server.serverPort(); }

    int connections = 0;
    QList<QByteArray> paths;

private:
    QTcpServer m_server;
    QHash<QTcpSocket *, QByteArray> m_buffers;
};

QByteArray htmlMessage(const QByteArray &from, const QByteArray &html)
{
    return "From: " + from
        + "\r\nTo: reader@example.org\r\nSubject: News\r\nMIME-Version: 1.0\r\n"
          "Content-Type: text/html; charset=utf-8\r\n\r\n"
        + html + "\r\n";
}

QStringList labelTexts(const QWidget *root)
{
    QStringList texts;
    for (const QLabel *label : root->findChildren<QLabel *>())
        texts.append(label->text());
    return texts;
}

} // namespace

class tst_ReaderView : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_settingsDir = std::make_unique<QTemporaryDir>();
        m_settings = std::make_unique<QSettings>(m_settingsDir->filePath(u"fumi.ini"_s), QSettings::IniFormat);
        m_policy = std::make_unique<ui::SettingsRemoteContentPolicy>(m_settings.get());
    }

    void cleanup()
    {
        m_policy.reset();
        m_settings.reset();
        m_settingsDir.reset();
    }

    void japaneseIso2022JpMessage()
    {
        // Subject and body in ISO-2022-JP, as Japanese mail programs still send them.
        const QByteArray raw = "From: =?ISO-2022-JP?B?GyRCOzNFREJATzobKEI=?= <taro@example.jp>\r\n"
                               "To: reader@example.org\r\n"
                               "Subject: =?ISO-2022-JP?B?GyRCMnE1RCROTT1EahsoQg==?=\r\n"
                               "Date: Tue, 3 Nov 2026 09:15:00 +0900\r\n"
                               "MIME-Version: 1.0\r\n"
                               "Content-Type: text/plain; charset=ISO-2022-JP\r\n"
                               "Content-Transfer-Encoding: 7bit\r\n\r\n"
                               "\x1b$B2q5D$NM=Dj$G$9!#$h$m$7$/\x1b(B\r\n"
                               "\r\n"
                               "> \x1b$BEl5~ET@iBeED6h\x1b(B\r\n"
                               "https://example.jp/\r\n"_ba;
        ui::ReaderView view;
        view.resize(640, 360);
        view.setMessage(raw);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));

        const QStringList labels = labelTexts(&view);
        QVERIFY2(labels.contains(u"会議の予定"_s), qPrintable(labels.join(u'|')));
        QVERIFY2(labels.contains(u"山田太郎 <taro@example.jp>"_s), qPrintable(labels.join(u'|')));
        const QString text = view.browser()->toPlainText();
        QVERIFY2(text.contains(u"会議の予定です。よろしく"_s), qPrintable(text));
        QVERIFY2(text.contains(u"東京都千代田区"_s), qPrintable(text));

        // For a person to look at: build/reader-japanese.png.
        const QImage shot = view.grab().toImage();
        QVERIFY(!shot.isNull());
        const QString path = QStringLiteral(FUMI_SCREENSHOT_DIR "/reader-japanese.png");
        QVERIFY(shot.save(path));
        qInfo("screenshot: %s", qPrintable(path));
        // Under Xvfb (FUMI_XVFB_SCREENSHOT_DIR set), the window on the X screen as well.
        if (qEnvironmentVariableIsSet("FUMI_XVFB_SCREENSHOT_DIR")) {
            view.resize(900, 600);
            view.show();
            QVERIFY(QTest::qWaitForWindowExposed(&view));
            QTest::qWait(300);
            QString error;
            const QString screen = test::captureXvfbScreen(u"xvfb-reader-japanese.png"_s, &error);
            QVERIFY2(error.isEmpty(), qPrintable(error));
            qInfo("screenshot: %s", qPrintable(screen));
        }
    }

    void headersAreTextWithRealAddressesAndWarnings()
    {
        ui::ReaderView view;
        view.setMessage("From: \"Your Bank\" <bank@example.org>\r\nFrom: thief@evil.example\r\n"
                        "Subject: <b>bold</b> &amp;\r\n\r\nbody\r\n"_ba);
        const QStringList labels = labelTexts(&view);
        QVERIFY2(labels.contains(u"Your Bank <bank@example.org>"_s), qPrintable(labels.join(u'|')));
        QVERIFY(labels.contains(u"<b>bold</b> &amp;"_s));
        for (const QLabel *label : view.findChildren<QLabel *>())
            QCOMPARE(label->textFormat(), Qt::PlainText);
        const auto *warning = view.findChild<QLabel *>(u"headerWarning"_s);
        QVERIFY(warning);
        QVERIFY(!warning->isHidden());
        QVERIFY(warning->text().contains(u"thief@evil.example"_s));

        view.setMessage("From: a@example.org\r\nSubject: fine\r\n\r\nbody\r\n"_ba);
        QVERIFY(warning->isHidden());
    }

    void quoteLevelsAreColoured()
    {
        ui::ReaderView view;
        view.setMessage("From: a@example.org\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
                        "top\r\n> first\r\n> > second\r\n"_ba);
        const QTextDocument *document = view.browser()->document();
        QMap<QString, QColor> colours;
        for (QTextBlock block = document->begin(); block.isValid(); block = block.next()) {
            const QTextCharFormat format = block.begin().fragment().charFormat();
            colours.insert(block.text(), format.foreground().color());
        }
        QVERIFY2(colours.contains(u"first"_s) && colours.contains(u"second"_s), qPrintable(document->toPlainText()));
        QCOMPARE(colours.value(u"first"_s), QColor(mime::PlainTextRenderer::quoteColour(1)));
        QCOMPARE(colours.value(u"second"_s), QColor(mime::PlainTextRenderer::quoteColour(2)));
    }

    void linksDoNotOpenByThemselves()
    {
        ui::ReaderView view;
        view.setMessage("From: a@example.org\r\n\r\nsee https://example.org/x\r\n"_ba);
        QVERIFY(!view.browser()->openLinks());
        QVERIFY(!view.browser()->openExternalLinks());
        QVERIFY(view.browser()->toHtml().contains(u"href=\"https://example.org/x\""_s));
    }

    void cidImageComesFromThePart()
    {
        const QByteArray png = pngBytes(40, 30, Qt::blue);
        const QByteArray raw = "From: a@example.org\r\nContent-Type: multipart/related; boundary=r\r\n\r\n"
                               "--r\r\nContent-Type: text/html; charset=utf-8\r\n\r\n"
                               "<p>logo: <img src=\"cid:logo@example.org\"></p>\r\n"
                               "--r\r\nContent-Type: image/png\r\nContent-ID: <logo@example.org>\r\n"
                               "Content-Transfer-Encoding: base64\r\n\r\n"
            + png.toBase64() + "\r\n--r--\r\n";
        ui::ReaderView view;
        view.setMessage(raw);
        const QVariant served
            = view.browser()->loadResource(QTextDocument::ImageResource, QUrl(u"cid:logo@example.org"_s));
        QCOMPARE(served.value<QImage>().size(), QSize(40, 30));
        QCOMPARE(served.value<QImage>().pixelColor(5, 5), QColor(Qt::blue));
        QCOMPARE(view.blockedRemoteResources(), 0);
        QVERIFY(view.findChild<QWidget *>(u"remoteContentBar"_s)->isHidden());
    }

    // QTextDocument reads local files itself when the browser answers nothing: it must not.
    void localFilesAreNotLoaded()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(u"secret.png"_s);
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(pngBytes(40, 30, Qt::green));
        file.close();
        ui::ReaderView view;
        view.setMessage(htmlMessage("a@example.org"_ba, "<p>x</p>"_ba));
        const QVariant served = view.browser()->loadResource(QTextDocument::ImageResource, QUrl::fromLocalFile(path));
        QVERIFY(served.value<QImage>().size() != QSize(40, 30));
        QCOMPARE(view.browser()->remoteRequestCount(), 0);
    }

    void remoteContentMakesNoRequestUntilAllowed()
    {
        CountingHttpServer server;
        QVERIFY(server.listen());
        const QByteArray base = "http://127.0.0.1:" + QByteArray::number(server.port());
        const QByteArray html = "<html><head>"
                                "<link rel=\"stylesheet\" href=\""
            + base
            + "/style.css\">"
              "<script src=\""
            + base
            + "/script.js\"></script>"
              "<style>@import url("
            + base
            + "/import.css); p { color: black }</style>"
              "</head><body background=\""
            + base
            + "/body.png\">"
              "<p>Hello <img src=\""
            + base
            + "/x.png\" width=8 height=8></p>"
              "<div style=\"background-image: url('"
            + base
            + "/bg.png')\">styled</div>"
              "<table><tr><td background=\""
            + base
            + "/td.png\">cell</td></tr></table>"
              "<iframe src=\""
            + base
            + "/frame.html\"></iframe>"
              "<object data=\""
            + base
            + "/object.swf\"></object>"
              "</body></html>";
        QNetworkAccessManager network;
        ui::ReaderView view;
        view.setNetworkAccessManager(&network);
        view.setRemoteContentPolicy(m_policy.get());
        view.resize(600, 400);
        view.setMessage(htmlMessage("News <news@example.org>"_ba, html), u"account-1"_s);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        for (int i = 0; i < 10; ++i) {
            (void)view.grab();
            QTest::qWait(100);
        }
        QCOMPARE(server.connections, 0);
        QCOMPARE(view.browser()->remoteRequestCount(), 0);
        QCOMPARE(view.blockedRemoteResources(), 4); // body, img, div background, td background
        QVERIFY(!view.findChild<QWidget *>(u"remoteContentBar"_s)->isHidden());
        auto *always = view.findChild<QPushButton *>(u"alwaysRemoteButton"_s);
        QVERIFY(!always->isHidden());
        QVERIFY(always->text().contains(u"news@example.org"_s));

        // The counter works: once the user allows it, the image is requested.
        QTest::mouseClick(view.findChild<QPushButton *>(u"loadRemoteButton"_s), Qt::LeftButton);
        (void)view.grab();
        QTRY_VERIFY(server.paths.contains("/x.png"));
        QVERIFY(server.connections >= 1);
        QVERIFY(view.findChild<QWidget *>(u"remoteContentBar"_s)->isHidden());
        // Allowing images does not bring back what was removed.
        for (const QByteArray &never :
             {"/style.css"_ba, "/script.js"_ba, "/import.css"_ba, "/frame.html"_ba, "/object.swf"_ba})
            QVERIFY2(!server.paths.contains(never), never.constData());

        // "For this message" only: the next message from the same sender is blocked again.
        const int before = server.connections;
        view.setMessage(htmlMessage("News <news@example.org>"_ba, "<img src=\"" + base + "/y.png\">"), u"account-1"_s);
        (void)view.grab();
        QTest::qWait(300);
        QCOMPARE(server.connections, before);
        QCOMPARE(view.blockedRemoteResources(), 1);
    }

    void alwaysForSenderIsRemembered()
    {
        CountingHttpServer server;
        QVERIFY(server.listen());
        const QByteArray img = "<img src=\"http://127.0.0.1:" + QByteArray::number(server.port()) + "/a.png\">";
        QNetworkAccessManager network;
        ui::ReaderView view;
        view.setNetworkAccessManager(&network);
        view.setRemoteContentPolicy(m_policy.get());
        view.setMessage(htmlMessage("news@example.org"_ba, img), u"account-1"_s);
        QCOMPARE(view.blockedRemoteResources(), 1);
        QTest::mouseClick(view.findChild<QPushButton *>(u"alwaysRemoteButton"_s), Qt::LeftButton);
        QCOMPARE(view.blockedRemoteResources(), 0);
        m_settings->sync();

        QSettings reread(m_settings->fileName(), QSettings::IniFormat);
        ui::SettingsRemoteContentPolicy stored(&reread);
        QVERIFY(stored.isSenderAllowed(u"account-1"_s, u"NEWS@example.org"_s));
        QVERIFY(!stored.isSenderAllowed(u"account-2"_s, u"news@example.org"_s));

        view.setMessage(htmlMessage("News <news@example.org>"_ba, img), u"account-1"_s);
        QCOMPARE(view.blockedRemoteResources(), 0);
        view.setMessage(htmlMessage("other@example.org"_ba, img), u"account-1"_s);
        QCOMPARE(view.blockedRemoteResources(), 1);
        // A forged-looking sender is never trusted by a stored choice, nor offered one.
        view.setMessage(htmlMessage("news@example.org\r\nFrom: other@example.org"_ba, img), u"account-1"_s);
        QCOMPARE(view.blockedRemoteResources(), 1);
        QVERIFY(view.findChild<QPushButton *>(u"alwaysRemoteButton"_s)->isHidden());
    }

    void plainPreferenceFlattensHtml()
    {
        ui::ReaderView view;
        view.setPreferPlainText(true);
        view.setMessage(
            htmlMessage("a@example.org"_ba, "<p>Hello <b>there</b><img src=\"http://a.example/x\"></p>"_ba));
        QCOMPARE(view.blockedRemoteResources(), 0);
        QVERIFY(view.browser()->toPlainText().contains(u"Hello there"_s));
        QVERIFY(!view.browser()->toHtml().contains(u"<img"_s));
    }

    void attachmentsSaveOpenAndDrag()
    {
        const QByteArray raw = "From: a@example.org\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n"
                               "--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n"
                               "--b\r\nContent-Type: application/pdf\r\n"
                               "Content-Disposition: attachment; filename*=UTF-8''%E5%A0%B1%E5%91%8A.pdf\r\n"
                               "Content-Transfer-Encoding: base64\r\n\r\nJVBERi0xLjQK\r\n--b--\r\n"_ba;
        ui::ReaderView view;
        view.setMessage(raw);
        ui::AttachmentList *list = view.attachmentList();
        QCOMPARE(list->count(), 1);
        QVERIFY(list->item(0)->text().startsWith(u"報告.pdf"_s));
        const QString partId = list->item(0)->data(ui::AttachmentList::PartIdRole).toString();

        QTemporaryDir dir;
        const QString saved = dir.filePath(u"out.pdf"_s);
        QVERIFY(view.saveAttachment(partId, saved));
        QFile savedFile(saved);
        QVERIFY(savedFile.open(QIODevice::ReadOnly));
        QCOMPARE(savedFile.readAll(), "%PDF-1.4\n"_ba);
        QVERIFY(!view.saveAttachment(u"7"_s, saved));

        // What a drag to the file manager carries: the URL of a temporary copy.
        std::unique_ptr<QMimeData> data(list->model()->mimeData({list->model()->index(0, 0)}));
        QVERIFY(data);
        QCOMPARE(data->urls().size(), 1);
        const QString dragged = data->urls().first().toLocalFile();
        QVERIFY(dragged.endsWith(u"/報告.pdf"_s));
        QFile draggedFile(dragged);
        QVERIFY(draggedFile.open(QIODevice::ReadOnly));
        QCOMPARE(draggedFile.readAll(), "%PDF-1.4\n"_ba);
        QCOMPARE(view.exportAttachment(partId), dragged);
    }

private:
    std::unique_ptr<QTemporaryDir> m_settingsDir;
    std::unique_ptr<QSettings> m_settings;
    std::unique_ptr<ui::SettingsRemoteContentPolicy> m_policy;
};

QTEST_MAIN(tst_ReaderView)
#include "tst_ReaderView.moc"
