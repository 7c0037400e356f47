// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/TrustStore.h"
#include "support/TestCertificates.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <thread>

using namespace fumi::account;
using namespace Qt::StringLiterals;
using Decision = TrustStore::Decision;

class tst_TrustStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY(QDir(m_dir.path()).mkpath(u"first"_s) && QDir(m_dir.path()).mkpath(u"second"_s));
        // Two independent self-signed chains: the "renewed" server has the second.
        QVERIFY2(m_first.create(m_dir.filePath(u"first"_s)), qPrintable(m_first.errorString()));
        QVERIFY2(m_second.create(m_dir.filePath(u"second"_s)), qPrintable(m_second.errorString()));
        QVERIFY(m_first.certificate() != m_second.certificate());
    }

    void init() { QFile::remove(path()); }

    // Engines check on their threads while the wizard trusts on the GUI thread.
    void checksWhileAnotherThreadTrusts()
    {
        TrustStore store(path());
        QVERIFY(store.load());
        QVERIFY(store.trust(u"mail.example.org"_s, 993, m_first.certificate()).isEmpty());
        std::atomic<bool> done = false;
        std::atomic<int> wrong = 0;
        std::atomic<int> checks = 0;
        std::thread reader([&] {
            while (!done) {
                if (store.check(u"mail.example.org"_s, 993, m_first.certificate()) != Decision::Trusted)
                    ++wrong;
                (void)store.exceptions();
                ++checks;
            }
        });
        for (int port = 1; port <= 40; ++port)
            QVERIFY(store.trust(u"other.example.org"_s, quint16(port), m_second.certificate()).isEmpty());
        done = true;
        reader.join();
        QCOMPARE(wrong.load(), 0);
        QVERIFY(checks.load() > 0);
        QCOMPARE(store.exceptions().size(), 41);
    }

    void decisions_data()
    {
        QTest::addColumn<QString>("host");
        QTest::addColumn<int>("port");
        QTest::addColumn<bool>("secondCertificate");
        QTest::addColumn<Decision>("expected");
        QTest::newRow("same-certificate") << u"mail.example.org"_s << 993 << false << Decision::Trusted;
        QTest::newRow("same-certificate-host-in-other-case")
            << u"Mail.Example.ORG"_s << 993 << false << Decision::Trusted;
        QTest::newRow("changed-certificate") << u"mail.example.org"_s << 993 << true << Decision::Changed;
        QTest::newRow("other-port") << u"mail.example.org"_s << 143 << false << Decision::Unknown;
        QTest::newRow("other-host") << u"imap.example.org"_s << 993 << false << Decision::Unknown;
        QTest::newRow("other-host-other-certificate") << u"imap.example.org"_s << 993 << true << Decision::Unknown;
    }

    void decisions()
    {
        QFETCH(QString, host);
        QFETCH(int, port);
        QFETCH(bool, secondCertificate);
        QFETCH(Decision, expected);
        {
            TrustStore store(path());
            QVERIFY(store.load());
            QCOMPARE(store.check(u"mail.example.org"_s, 993, m_first.certificate()), Decision::Unknown);
            const QString error = store.trust(u"mail.example.org"_s, 993, m_first.certificate());
            QVERIFY2(error.isEmpty(), qPrintable(error));
        }
        // A decision persists: a new store reads it from the file.
        TrustStore store(path());
        QVERIFY2(store.load(), qPrintable(store.errorString()));
        const QSslCertificate &certificate = secondCertificate ? m_second.certificate() : m_first.certificate();
        QCOMPARE(store.check(host, quint16(port), certificate), expected);
    }

    void trustingANewCertificateReplacesTheOld()
    {
        TrustStore store(path());
        QVERIFY(store.load());
        QVERIFY(store.trust(u"mail.example.org"_s, 993, m_first.certificate()).isEmpty());
        QVERIFY(store.trust(u"mail.example.org"_s, 143, m_first.certificate()).isEmpty());
        QVERIFY(store.trust(u"mail.example.org"_s, 993, m_second.certificate()).isEmpty());
        QCOMPARE(store.check(u"mail.example.org"_s, 993, m_second.certificate()), Decision::Trusted);
        QCOMPARE(store.check(u"mail.example.org"_s, 993, m_first.certificate()), Decision::Changed);
        QCOMPARE(store.check(u"mail.example.org"_s, 143, m_first.certificate()), Decision::Trusted);
        QCOMPARE(store.exceptions().size(), 2);
        QVERIFY(store.forget(u"mail.example.org"_s, 993).isEmpty());
        QCOMPARE(store.check(u"mail.example.org"_s, 993, m_second.certificate()), Decision::Unknown);
    }

    void trustByFingerprint()
    {
        TrustStore store(path());
        QVERIFY(store.load());
        const QString shown = TrustStore::fingerprint(m_first.certificate());
        QVERIFY(shown.startsWith(u"SHA256:"));
        QCOMPARE(shown.size(), 7 + 32 * 3 - 1);
        const auto parsed = TrustStore::parseFingerprint(shown.toLower());
        QVERIFY(parsed);
        QCOMPARE(*parsed, m_first.certificate().digest(QCryptographicHash::Sha256));
        QVERIFY(store.trust(u"127.0.0.1"_s, 10993, *parsed).isEmpty());
        QCOMPARE(store.check(u"127.0.0.1"_s, 10993, m_first.certificate()), Decision::Trusted);
        QVERIFY(!store.trust(u"127.0.0.1"_s, 10993, QByteArray("short")).isEmpty());
    }

    void parseFingerprint_data()
    {
        QTest::addColumn<QString>("text");
        QTest::addColumn<bool>("valid");
        const QString hex = u"00112233445566778899aabbccddeeff00112233445566778899AABBCCDDEEFF"_s;
        QTest::newRow("bare-hex") << hex << true;
        QTest::newRow("prefixed") << (u"SHA256:"_s + hex) << true;
        QTest::newRow("prefixed-with-dash") << (u"sha-256:"_s + hex) << true;
        QTest::newRow("colons")
            << u"SHA256:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF"_s
            << true;
        QTest::newRow("too-short") << hex.left(62) << false;
        QTest::newRow("too-long") << (hex + u"00"_s) << false;
        QTest::newRow("not-hex") << (hex.left(63) + u"g"_s) << false;
        QTest::newRow("sha1-prefix") << (u"SHA1:"_s + hex) << false;
        QTest::newRow("fullwidth-digit") << (hex.left(63) + u"１"_s) << false;
    }

    void parseFingerprint()
    {
        QFETCH(QString, text);
        QFETCH(bool, valid);
        QCOMPARE(TrustStore::parseFingerprint(text).has_value(), valid);
    }

    void damagedFileTrustsNothingAndStaysUntouched()
    {
        QVERIFY(QDir().mkpath(QFileInfo(path()).absolutePath()));
        const QByteArray damaged
            = R"({"format": "fumi-trust", "version": 1, "certificates": [{"host": "h", "port": 993}]})";
        {
            QFile file(path());
            QVERIFY(file.open(QIODevice::WriteOnly));
            file.write(damaged);
        }
        TrustStore store(path());
        QVERIFY(!store.load());
        QVERIFY2(store.errorString().contains(u"damaged"), qPrintable(store.errorString()));
        QCOMPARE(store.check(u"h"_s, 993, m_first.certificate()), Decision::Unknown);
        QVERIFY(!store.trust(u"h"_s, 993, m_first.certificate()).isEmpty());
        QFile file(path());
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), damaged);
    }

private:
    QString path() const { return m_dir.filePath(u"config/trusted-certificates.json"_s); }

    QTemporaryDir m_dir;
    fumi::test::TestCertificates m_first;
    fumi::test::TestCertificates m_second;
};

QTEST_GUILESS_MAIN(tst_TrustStore)
#include "tst_TrustStore.moc"
