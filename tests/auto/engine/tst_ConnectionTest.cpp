// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The account wizard's connection test: the certificate is judged before any secret is asked
// for, a trusted one lets the login through, the protocol is spoken on the test's own thread
// while the credential store is asked on the caller's, and a test abandoned halfway goes
// without waiting for the server.

#include "account/TrustStore.h"
#include "engine/ConnectionTest.h"
#include "support/MemoryCredentialStore.h"
#include "support/ScriptedImapServer.h"
#include "support/TestCertificates.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>
#include <QMutex>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QThread>

using namespace Qt::StringLiterals;
using namespace fumi;
using engine::ConnectionTest;
using test::ScriptedImapServer;
using Error = engine::AccountConnector::Error;

namespace {

// Remembers the threads the credential store is asked on.
class ThreadNotingStore : public test::MemoryCredentialStore
{
public:
    void read(const QString &accountId, Secret secret, QObject *context, Callback callback) override
    {
        threads.append(QThread::currentThread());
        MemoryCredentialStore::read(accountId, secret, context, std::move(callback));
    }
    QList<QThread *> threads;
};

// The threads the transcript was written on: where the protocol was spoken.
QMutex transcriptMutex;
QSet<QThread *> transcriptThreads;
QtMessageHandler previousHandler = nullptr;
void noteTranscriptThread(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    if (QByteArrayView(context.category) == "fumi.imap.transcript") {
        const QMutexLocker locker(&transcriptMutex);
        transcriptThreads.insert(QThread::currentThread());
        return;
    }
    if (previousHandler)
        previousHandler(type, context, message);
}

account::Account passwordAccount(quint16 port)
{
    account::Account account;
    account.id = u"id-1"_s;
    account.displayName = u"Test"_s;
    account.imap = {u"127.0.0.1"_s, port, account::Security::Tls};
    account.login = u"alice"_s;
    return account;
}

} // namespace

class tst_ConnectionTest : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_certificates.create(m_dir.path()), qPrintable(m_certificates.errorString()));
    }

    void init()
    {
        QFile::remove(trustPath());
        m_trust = std::make_unique<account::TrustStore>(trustPath());
        QVERIFY(m_trust->load());
    }

    void untrustedCertificateIsShownBeforeAnySecret()
    {
        ScriptedImapServer server(ScriptedImapServer::Mode::ImplicitTls, m_certificates,
                                  {"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi"});
        QVERIFY(server.start());
        ThreadNotingStore credentials;
        credentials.secrets.insert(account::CredentialStore::key(u"id-1"_s, account::CredentialStore::Secret::Password),
                                   u"hunter2"_s);
        ConnectionTest test(passwordAccount(server.serverPort()), credentials, m_trust.get(), std::nullopt);
        QSignalSpy finished(&test, &ConnectionTest::finished);
        test.start();
        QTRY_COMPARE(finished.size(), 1);
        const auto outcome = finished.at(0).at(0).value<ConnectionTest::Outcome>();
        QVERIFY(!outcome.ok);
        QCOMPARE(outcome.error, Error::UntrustedCertificate);
        QVERIFY(outcome.refusal);
        QCOMPARE(outcome.refusal->certificate, m_certificates.certificate());
        QCOMPARE(outcome.refusal->port, server.serverPort());
        QVERIFY(credentials.threads.isEmpty());
    }

    void trustedCertificateSignsInOnItsOwnThread()
    {
        ScriptedImapServer server(ScriptedImapServer::Mode::ImplicitTls, m_certificates,
                                  {"S: * OK [CAPABILITY IMAP4rev1 AUTH=PLAIN SASL-IR] hi",
                                   "C: f1 AUTHENTICATE PLAIN " + QByteArray("\0alice\0hunter2", 14).toBase64(),
                                   "S: f1 OK [CAPABILITY IMAP4rev1] in", "C: f2 LOGOUT", "S: * BYE bye",
                                   "S: f2 OK done"});
        QVERIFY(server.start());
        QVERIFY(m_trust->trust(u"127.0.0.1"_s, server.serverPort(), m_certificates.certificate()).isEmpty());
        ThreadNotingStore credentials;
        credentials.secrets.insert(account::CredentialStore::key(u"id-1"_s, account::CredentialStore::Secret::Password),
                                   u"hunter2"_s);

        transcriptThreads.clear();
        QLoggingCategory::setFilterRules(u"fumi.imap.transcript.debug=true"_s);
        previousHandler = qInstallMessageHandler(noteTranscriptThread);
        auto restore = qScopeGuard([] {
            qInstallMessageHandler(previousHandler);
            QLoggingCategory::setFilterRules(QString());
        });

        ConnectionTest test(passwordAccount(server.serverPort()), credentials, m_trust.get(), std::nullopt);
        QSignalSpy finished(&test, &ConnectionTest::finished);
        test.start();
        QTRY_COMPARE(finished.size(), 1);
        const auto outcome = finished.at(0).at(0).value<ConnectionTest::Outcome>();
        QVERIFY2(outcome.ok, qPrintable(outcome.message));
        QVERIFY(outcome.encrypted);
        QTRY_VERIFY(server.scriptFinished());
        QVERIFY2(server.errors().isEmpty(), qPrintable(server.errors().join(u'\n')));

        // The secret was asked for on this thread; the protocol was spoken on another one.
        QCOMPARE(credentials.threads, QList<QThread *>{QThread::currentThread()});
        const QMutexLocker locker(&transcriptMutex);
        QVERIFY(!transcriptThreads.isEmpty());
        QVERIFY(!transcriptThreads.contains(QThread::currentThread()));
    }

    void abandonedTestGoesAtOnce()
    {
        // A server that accepts and then says nothing.
        ScriptedImapServer server(ScriptedImapServer::Mode::ImplicitTls, m_certificates, {"C: never"});
        QVERIFY(server.start());
        QVERIFY(m_trust->trust(u"127.0.0.1"_s, server.serverPort(), m_certificates.certificate()).isEmpty());
        ThreadNotingStore credentials;
        QElapsedTimer timer;
        {
            ConnectionTest test(passwordAccount(server.serverPort()), credentials, m_trust.get(), std::nullopt);
            QSignalSpy finished(&test, &ConnectionTest::finished);
            test.start();
            QTest::qWait(200);
            QCOMPARE(finished.size(), 0);
            timer.start();
        }
        QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    }

private:
    QString trustPath() const { return m_dir.filePath(u"trusted-certificates.json"_s); }

    QTemporaryDir m_dir;
    test::TestCertificates m_certificates;
    std::unique_ptr<account::TrustStore> m_trust;
};

QTEST_GUILESS_MAIN(tst_ConnectionTest)
#include "tst_ConnectionTest.moc"
