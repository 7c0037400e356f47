// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// fumi-cli fetch against a real Dovecot (which offers BINARY): the part tree of a seeded
// multipart message (--structure, as text and JSON), and parts written out with their
// transfer encoding undone (--part), from the server and then from the cache.

#include "support/DovecotServer.h"
#include "support/RunProgram.h"
#include "support/SecretServiceSession.h"
#include "support/TestData.h"

#include "account/TrustStore.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;

namespace {

const QString password = u"Cli-fetch-s3cret-5b2"_s;

using Run = fumi::test::ProgramRun;

QByteArray seededAttachment()
{
    QByteArray bytes;
    for (int i = 0; i < 256; ++i)
        bytes += char(i);
    bytes += QByteArray("FUMI\x00"
                        "end",
                        8);
    return bytes;
}

} // namespace

class tst_CliFetch : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(m_keyring.start(), qPrintable(m_keyring.errorString()));
        QVERIFY2(m_dovecot.start({{u"bob"_s, password, u"bob"_s}}), qPrintable(m_dovecot.errorString()));
        QVERIFY(m_profile.isValid());
        Run run = cli({u"account"_s, u"add"_s, u"Bob"_s, u"--email"_s, u"bob@example.test"_s, u"--imap"_s,
                       u"127.0.0.1:%1"_s.arg(m_dovecot.imapsPort()), u"--login"_s, u"bob"_s, u"--password-stdin"_s},
                      password.toUtf8() + '\n');
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        run = cli({u"account"_s, u"trust"_s, u"Bob"_s,
                   fumi::account::TrustStore::fingerprint(m_dovecot.serverCertificate())});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        run = cli({u"sync"_s, u"Bob"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        // The seeded message: tests/data/mail/bob/INBOX/03-report-attachments.eml.
        run = cli({u"--json"_s, u"messages"_s, u"Bob"_s, u"INBOX"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonArray rows = QJsonDocument::fromJson(run.out).array();
        for (const QJsonValue &row : rows) {
            if (row.toObject().value(u"subject").toString() == u"Quarterly report with attachments"_s)
                m_uid = QString::number(row.toObject().value(u"uid").toInt());
        }
        QVERIFY2(!m_uid.isEmpty(), run.out.constData());
    }

    void structureAsJson()
    {
        const Run run = cli({u"--json"_s, u"fetch"_s, u"Bob"_s, u"INBOX"_s, m_uid, u"--structure"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QJsonObject answer = QJsonDocument::fromJson(run.out).object();
        QCOMPARE(QString::number(answer.value(u"uid").toInt()), m_uid);
        QCOMPARE(answer.value(u"text").toArray(), QJsonArray{u"1.1"_s});
        QCOMPARE(answer.value(u"attachments").toArray(), (QJsonArray{u"2"_s, u"3"_s, u"4"_s}));

        const QJsonObject root = answer.value(u"structure").toObject();
        QCOMPARE(root.value(u"type").toString(), u"multipart/mixed"_s);
        QCOMPARE(root.value(u"section").toString(), u"TEXT"_s);
        const QJsonArray parts = root.value(u"parts").toArray();
        QCOMPARE(parts.size(), 4);
        const QJsonArray alternative = parts.at(0).toObject().value(u"parts").toArray();
        QCOMPARE(alternative.at(0).toObject().value(u"section").toString(), u"1.1"_s);
        QCOMPARE(alternative.at(0).toObject().value(u"encoding").toString(), u"quoted-printable"_s);
        QCOMPARE(alternative.at(1).toObject().value(u"type").toString(), u"text/html"_s);
        // RFC 2231 and an ISO-2022-JP encoded-word, as Dovecot passes them on.
        QCOMPARE(parts.at(1).toObject().value(u"filename").toString(), u"報告.bin"_s);
        QCOMPARE(parts.at(2).toObject().value(u"filename").toString(), u"見積書.txt"_s);
        QCOMPARE(parts.at(2).toObject().value(u"charset").toString(), u"iso-2022-jp"_s);
        const QJsonObject attached = parts.at(3).toObject();
        QCOMPARE(attached.value(u"type").toString(), u"message/rfc822"_s);
        QCOMPARE(attached.value(u"subject").toString(), u"Figures for the report"_s);
        QCOMPARE(attached.value(u"parts").toArray().at(0).toObject().value(u"section").toString(), u"4.1"_s);
    }

    void structureAsText()
    {
        const Run run = cli({u"fetch"_s, u"Bob"_s, u"INBOX"_s, m_uid, u"--structure"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        const QStringList lines = QString::fromUtf8(run.out).split(u'\n', Qt::SkipEmptyParts);
        QCOMPARE(lines.size(), 8);
        QCOMPARE(lines.at(0), u"TEXT  multipart/mixed"_s);
        QVERIFY2(lines.at(4).startsWith(u"  2  application/octet-stream  "_s), qPrintable(lines.at(4)));
        QVERIFY2(lines.at(4).endsWith(u"\"報告.bin\"  attachment"_s), qPrintable(lines.at(4)));
        QVERIFY2(lines.at(7).startsWith(u"    4.1  text/plain"_s), qPrintable(lines.at(7)));
    }

    void binaryUsedWhereOffered()
    {
        // Dovecot offers BINARY: the part comes decoded by the server, not as BODY[2].
        const Run run = cli({u"fetch"_s, u"Bob"_s, u"INBOX"_s, m_uid, u"--part"_s, u"2"_s}, {},
                            u"fumi.*.debug=false\nfumi.imap.transcript.debug=true"_s);
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QVERIFY2(run.err.contains("(BINARY.PEEK[2])"), run.err.constData());
        QVERIFY2(!run.err.contains("BODY.PEEK[2]"), run.err.constData());
        QCOMPARE(run.out, seededAttachment());
    }

    void partsAreDecoded_data()
    {
        QTest::addColumn<QString>("section");
        QTest::addColumn<QByteArray>("expected");
        QTest::newRow("quoted-printable-text")
            << u"1.1"_s
            << QByteArray("Caf\xc3\xa9 report: the figures are attached, and a very long line that quoted-printable "
                          "has to break with a soft line break.");
        QTest::newRow("base64-html")
            << u"1.2"_s << "<html><body><p>Caf&eacute; report: the figures are attached.</p></body></html>\r\n"_ba;
        QTest::newRow("base64-binary-attachment") << u"2"_s << seededAttachment();
        QTest::newRow("iso-2022-jp-7bit") << u"3"_s << QByteArray("\x1b$B$*8+@Q$j$rE:IU$7$^$9!#\x1b(B");
        QTest::newRow("attached-message-body") << u"4.1"_s << "Here are the figures."_ba;
    }

    void partsAreDecoded()
    {
        QFETCH(QString, section);
        QFETCH(QByteArray, expected);
        // The first run fetches, the second reads the cache.
        for (int round = 0; round < 2; ++round) {
            const Run run = cli({u"fetch"_s, u"Bob"_s, u"INBOX"_s, m_uid, u"--part"_s, section});
            QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
            QCOMPARE(run.out, expected);
        }
    }

    void rawStaysAsSent()
    {
        const QByteArray seeded = fumi::test::readTestData(u"mail/bob/INBOX/03-report-attachments.eml"_s);
        QVERIFY(!seeded.isEmpty());
        const Run run = cli({u"fetch"_s, u"Bob"_s, u"INBOX"_s, m_uid, u"--raw"_s});
        QVERIFY2(run.exitCode == 0, qPrintable(run.describe()));
        QCOMPARE(run.out, seeded);
    }

    void structureExcludesPart()
    {
        const Run run = cli({u"fetch"_s, u"Bob"_s, u"INBOX"_s, m_uid, u"--structure"_s, u"--part"_s, u"1"_s});
        QCOMPARE(run.exitCode, 2);
        QVERIFY2(run.err.contains("exclude each other"), qPrintable(run.describe()));
    }

private:
    Run cli(const QStringList &arguments, const QByteArray &input = {},
            const QString &loggingRules = u"fumi.*.debug=false"_s)
    {
        QProcessEnvironment env = m_keyring.environment();
        env.insert(u"QT_LOGGING_RULES"_s, loggingRules);
        return fumi::test::runToEnd(QStringLiteral(FUMI_CLI), QStringList{u"--profile"_s, m_profile.path()} + arguments,
                                    env, input);
    }

    fumi::test::SecretServiceSession m_keyring;
    fumi::test::DovecotServer m_dovecot;
    QTemporaryDir m_profile;
    QString m_uid;
};

QTEST_GUILESS_MAIN(tst_CliFetch)
#include "tst_CliFetch.moc"
