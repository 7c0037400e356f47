// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Server threads (RFC 5256 THREAD) on a real Dovecot: AccountEngine::serverThreads() gives the
// parents Dovecot computes for the `threads` seed (a reply chain, a reply to a missing message
// and a reply joined only by its subject), and the message list, fed by the same engine through
// the registry, shows that tree in thread mode rather than the one the headers alone give.

#include "RegistryAnswer.h"
#include "ThreadTree.h"
#include "engine/AccountEngine.h"
#include "engine/ServerThreads.h"
#include "models/AccountRegistry.h"
#include "models/MessageListModel.h"
#include "support/DovecotServer.h"
#include "support/EngineThread.h"
#include "support/MemoryCredentialStore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <algorithm>

using namespace fumi;
using namespace Qt::StringLiterals;
using engine::AccountEngine;
using models::AccountRegistry;
using models::MessageListModel;

using Answer = test::RegistryAnswer;
using test::waitForAnswer;

class tst_ServerThreads : public QObject
{
    Q_OBJECT

private:
    test::DovecotServer m_server;
    test::MemoryCredentialStore m_credentials;
    QTemporaryDir m_cache;

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_cache.isValid());
        QVERIFY2(m_server.start({{u"carol"_s, u"secret"_s, u"threads"_s}}), qPrintable(m_server.errorString()));
    }

    void dovecotThreadsShowInTheList()
    {
        account::Account account;
        account.id = u"carol-account"_s;
        account.displayName = u"Carol"_s;
        account.imap = {test::DovecotServer::host(), m_server.imapsPort(), account::Security::Tls};
        account.login = u"carol"_s;
        m_credentials.secrets.insert(
            account::CredentialStore::key(account.id, account::CredentialStore::Secret::Password), u"secret"_s);

        test::EngineThread running(account, m_cache.filePath(u"carol"_s),
                                   test::EngineThread::servicesWith(&m_credentials),
                                   test::EngineThread::trusting(m_server.caCertificate()));
        AccountEngine *engine = running.engine;

        AccountRegistry registry;
        registry.addEngine(engine);
        const Answer started = waitForAnswer(registry, engine->start());
        QVERIFY2(started.ok, qPrintable(started.error));

        MessageListModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.setRegistry(&registry);
        const Answer opened = waitForAnswer(registry, registry.openMailbox(account.id, u"INBOX"_s));
        QVERIFY2(opened.ok, qPrintable(opened.error));
        const models::MailboxKey inbox{account.id, opened.result.toLongLong(), u"INBOX"_s};
        // The list follows the mailbox from now on: its rows come again with the next open.
        model.setMailboxes({inbox});
        QVERIFY(waitForAnswer(registry, registry.openMailbox(account.id, u"INBOX"_s)).ok);
        QTRY_COMPARE(model.messageCount(), 8);
        model.setThreaded(true);
        // By headers alone: 8 ("Re: Lunch", no In-Reply-To or References) is a root.
        const QStringList byHeaders{u"1"_s, u"2<1"_s, u"3<2"_s, u"4<1"_s, u"5"_s, u"6"_s, u"7"_s, u"8"_s};
        QCOMPARE(test::threadTreeOf(model), byHeaders);

        const Answer threads = waitForAnswer(registry, registry.serverThreads(account.id, u"INBOX"_s));
        QVERIFY2(threads.ok, qPrintable(threads.error));
        QVERIFY(threads.result.canConvert<engine::ServerThreads>());
        const auto server = threads.result.value<engine::ServerThreads>();
        QVERIFY(server.uidValidity != 0);
        QCOMPARE(server.uids, UidSet::fromRange(1, 8));
        // Dovecot's REFERENCES: the chain and the sibling by their headers; 5 and 6 under a
        // missing message, so roots here; 8 under 7 by its base subject.
        QHash<Uid, Uid> expected{{2, 1}, {3, 2}, {4, 1}, {8, 7}};
        QCOMPARE(server.parentOf, expected);

        model.setServerThreads(inbox, server);
        QVERIFY(model.usesServerThreads(inbox));
        QCOMPARE(test::threadTreeOf(model),
                 (QStringList{u"1"_s, u"2<1"_s, u"3<2"_s, u"4<1"_s, u"5"_s, u"6"_s, u"7"_s, u"8<7"_s}));

        // A folder the account does not have is an error, not an empty answer.
        const Answer unknown = waitForAnswer(registry, registry.serverThreads(account.id, u"Nowhere"_s));
        QVERIFY(!unknown.ok);
        QVERIFY(!unknown.error.isEmpty());
    }
};

QTEST_MAIN(tst_ServerThreads)
#include "tst_ServerThreads.moc"
