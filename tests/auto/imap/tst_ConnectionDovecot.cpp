// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Connection against a real Dovecot: logins over implicit TLS and STARTTLS, certificate trust,
// QRESYNC and pipelined commands.

#include "imap/Connection.h"
#include "support/DovecotServer.h"
#include "support/TestData.h"
#include "support/TrustExactlyPolicy.h"

#include <QFile>
#include <QHash>
#include <QSignalSpy>
#include <QTest>

#include <memory>

using namespace fumi;
using namespace fumi::imap;
using namespace fumi::test;
using namespace Qt::StringLiterals;

using Security = ConnectionSettings::Security;

class TestConnectionDovecot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void loginOverImplicitTls();
    void loginOverStartTls();
    void untrustedCertificateThenTrustedExactly();
    void selectWithQresync();
    void pipelinedCommands();
    void appendFromAnotherConnectionArrivesWhileIdling();
    void compressedSession();
    void uncompressedWhenTurnedOff();
    void bodiesStreamToASink();

private:
    std::unique_ptr<Connection> connect(Security security, bool trustTestCa = true, CertificatePolicy *policy = nullptr,
                                        bool compress = true);
    bool loginAs(Connection &connection, const QString &user, const QString &password);
    CommandResult run(Connection &connection, const Command &command);

    DovecotServer m_server;
};

void TestConnectionDovecot::initTestCase()
{
    QVERIFY2(m_server.start({{u"alice"_s, u"alice-secret"_s, u"alice"_s}}), qPrintable(m_server.errorString()));
}

std::unique_ptr<Connection> TestConnectionDovecot::connect(Security security, bool trustTestCa,
                                                           CertificatePolicy *policy, bool compress)
{
    ConnectionSettings settings;
    settings.compress = compress;
    settings.host = u"localhost"_s;
    settings.port = security == Security::ImplicitTls ? m_server.imapsPort() : m_server.imapPort();
    settings.security = security;
    if (trustTestCa)
        settings.caCertificates = {m_server.caCertificate()};
    return std::make_unique<Connection>(settings, policy);
}

bool TestConnectionDovecot::loginAs(Connection &connection, const QString &user, const QString &password)
{
    QSignalSpy ready(&connection, &Connection::ready);
    QSignalSpy authenticated(&connection, &Connection::authenticated);
    QSignalSpy failed(&connection, &Connection::failed);
    connection.open();
    if (!QTest::qWaitFor(
            [&] {
                return !ready.isEmpty() || !failed.isEmpty();
            },
            10000)
        || !failed.isEmpty())
        return false;
    connection.login(user, password);
    return QTest::qWaitFor(
               [&] {
                   return !authenticated.isEmpty() || !failed.isEmpty();
               },
               10000)
        && failed.isEmpty();
}

CommandResult TestConnectionDovecot::run(Connection &connection, const Command &command)
{
    QSignalSpy finished(&connection, &Connection::finished);
    const QByteArray tag = connection.send(command);
    if (!QTest::qWaitFor(
            [&] {
                return !finished.isEmpty();
            },
            10000))
        return {};
    Q_ASSERT(finished.first().at(0).toByteArray() == tag);
    return finished.first().at(1).value<CommandResult>();
}

void TestConnectionDovecot::loginOverImplicitTls()
{
    auto connection = connect(Security::ImplicitTls);
    QVERIFY(loginAs(*connection, u"alice"_s, u"alice-secret"_s));
    QVERIFY(connection->isEncrypted());
    // Dovecot lists more after login: the capabilities were refreshed.
    QVERIFY(connection->hasCapability("QRESYNC"));
    QVERIFY(connection->hasCapability("IDLE"));
}

void TestConnectionDovecot::loginOverStartTls()
{
    auto connection = connect(Security::StartTls);
    QVERIFY(loginAs(*connection, u"alice"_s, u"alice-secret"_s));
    QVERIFY(connection->isEncrypted());
    QVERIFY(!connection->hasCapability("STARTTLS"));
}

void TestConnectionDovecot::untrustedCertificateThenTrustedExactly()
{
    TrustExactlyPolicy refuse{QSslCertificate{}};
    auto refused = connect(Security::ImplicitTls, /*trustTestCa=*/false, &refuse);
    QSignalSpy failed(refused.get(), &Connection::failed);
    refused->open();
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).value<Connection::Error>(), Connection::Error::UntrustedCertificate);
    QVERIFY(!refuse.seen.isNull());

    // The user looked at that certificate and trusts exactly it.
    TrustExactlyPolicy trust{refuse.seen};
    auto trusted = connect(Security::ImplicitTls, /*trustTestCa=*/false, &trust);
    QVERIFY(loginAs(*trusted, u"alice"_s, u"alice-secret"_s));
}

void TestConnectionDovecot::selectWithQresync()
{
    auto connection = connect(Security::ImplicitTls);
    QVERIFY(loginAs(*connection, u"alice"_s, u"alice-secret"_s));
    // Enabled by the connection itself after login, and Dovecot said who it is.
    QVERIFY(connection->enabled().contains("QRESYNC"));
    QCOMPARE(connection->serverId().value(0).first.toLower(), "name"_ba);
    QCOMPARE(connection->serverId().value(0).second, "Dovecot"_ba);

    QSignalSpy mailbox(connection.get(), &Connection::mailboxData);
    const CommandResult selected = run(*connection, std::move(Command("SELECT").mailbox(u"INBOX")));
    QVERIFY(selected.ok());
    quint64 highestModSeq = 0;
    quint32 uidValidity = 0;
    quint32 exists = 0;
    for (const auto &arguments : mailbox) {
        const auto response = arguments.at(0).value<Response>();
        if (const auto *status = std::get_if<StatusResponse>(&response)) {
            if (status->code.kind == ResponseCode::Kind::HighestModSeq)
                highestModSeq = status->code.number;
            if (status->code.kind == ResponseCode::Kind::UidValidity)
                uidValidity = quint32(status->code.number);
        } else if (const auto *count = std::get_if<ExistsResponse>(&response)) {
            exists = count->count;
        }
    }
    QCOMPARE(exists, 5u);
    QVERIFY(uidValidity != 0);
    QVERIFY(highestModSeq != 0);

    // Reopen with the known state: nothing vanished, so no VANISHED, and the server agrees.
    mailbox.clear();
    const QByteArray known
        = "(QRESYNC (" + QByteArray::number(uidValidity) + ' ' + QByteArray::number(highestModSeq) + "))";
    const CommandResult resynced = run(*connection, std::move(Command("SELECT").mailbox(u"INBOX").raw(known)));
    QVERIFY(resynced.ok());
    for (const auto &arguments : mailbox)
        QVERIFY(!std::holds_alternative<VanishedResponse>(arguments.at(0).value<Response>()));
}

void TestConnectionDovecot::pipelinedCommands()
{
    auto connection = connect(Security::ImplicitTls);
    QVERIFY(loginAs(*connection, u"alice"_s, u"alice-secret"_s));
    QSignalSpy finished(connection.get(), &Connection::finished);
    const QByteArray list = connection->send(std::move(Command("LIST").string("").mailbox(u"*")));
    const QByteArray inbox = connection->send(std::move(Command("STATUS").mailbox(u"INBOX").raw("(MESSAGES UNSEEN)")));
    const QByteArray japanese
        = connection->send(std::move(Command("STATUS").mailbox(u"プロジェクト").raw("(MESSAGES)")));
    QTRY_COMPARE(finished.size(), 3);
    QCOMPARE(finished.at(0).at(0).toByteArray(), list);
    QCOMPARE(finished.at(1).at(0).toByteArray(), inbox);
    QCOMPARE(finished.at(2).at(0).toByteArray(), japanese);

    const auto lists = finished.at(0).at(1).value<CommandResult>();
    QStringList names;
    for (const Response &response : lists.data)
        names << std::get<ListResponse>(response).name;
    names.sort();
    QStringList seeded = DovecotServer::seededMailboxes(u"alice"_s);
    seeded.sort();
    QCOMPARE(names, seeded);

    const auto inboxStatus = std::get<MailboxStatusResponse>(finished.at(1).at(1).value<CommandResult>().data.at(0));
    QCOMPARE(inboxStatus.messages, 5u);
    QCOMPARE(inboxStatus.unseen, 3u); // 02, 03 and 04 carry no .seen in their seed file names
    const auto projectStatus = std::get<MailboxStatusResponse>(finished.at(2).at(1).value<CommandResult>().data.at(0));
    QCOMPARE(projectStatus.name, u"プロジェクト"_s);
    QCOMPARE(projectStatus.messages, 2u);
}

void TestConnectionDovecot::appendFromAnotherConnectionArrivesWhileIdling()
{
    // Two devices: one idles in the mailbox, the other files a message into it.
    auto watcher = connect(Security::ImplicitTls);
    QVERIFY(loginAs(*watcher, u"alice"_s, u"alice-secret"_s));
    QVERIFY(run(*watcher, std::move(Command("SELECT").mailbox(u"Trash"))).ok());
    QSignalSpy news(watcher.get(), &Connection::mailboxData);
    watcher->idle();

    auto other = connect(Security::StartTls);
    QVERIFY(loginAs(*other, u"alice"_s, u"alice-secret"_s));
    const QByteArray message = "From: bob@fumi.test\r\nSubject: =?UTF-8?B?5YmK6Zmk?=\r\n\r\nDeleted elsewhere.\r\n";
    const CommandResult appended = run(*other, std::move(Command("APPEND").mailbox(u"Trash").literal(message)));
    QVERIFY(appended.ok());
    QCOMPARE(appended.status.code.kind, ResponseCode::Kind::AppendUid);

    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(news.cbegin(), news.cend(),
                                         [](const QList<QVariant> &arguments) {
                                             const auto response = arguments.at(0).value<Response>();
                                             const auto *exists = std::get_if<ExistsResponse>(&response);
                                             return exists && exists->count == 1;
                                         }),
                             10000);
    watcher->stopIdle();
    QVERIFY(run(*watcher, Command("NOOP")).ok());
}

void TestConnectionDovecot::compressedSession()
{
    auto connection = connect(Security::ImplicitTls);
    QVERIFY(loginAs(*connection, u"alice"_s, u"alice-secret"_s));
    QVERIFY(connection->isCompressed());

    QSignalSpy mailbox(connection.get(), &Connection::mailboxData);
    QVERIFY(run(*connection, std::move(Command("EXAMINE").mailbox(u"INBOX"))).ok());
    mailbox.clear();
    QVERIFY(run(*connection, std::move(Command("UID FETCH").sequenceSet(UidSet{3}).raw("(BODY.PEEK[])"))).ok());
    QFile seed(testDataDirectory() + u"/mail/alice/INBOX/03-estimate-iso2022jp.eml"_s);
    QVERIFY(seed.open(QIODevice::ReadOnly));
    const QByteArray expected = seed.readAll();
    QCOMPARE(mailbox.size(), 1);
    const auto fetch = std::get<FetchResponse>(mailbox.first().at(0).value<Response>());
    QCOMPARE(fetch.sections.size(), 1);
    QCOMPARE(fetch.sections.first().data, expected);
}

void TestConnectionDovecot::uncompressedWhenTurnedOff()
{
    auto connection = connect(Security::ImplicitTls, true, nullptr, /*compress=*/false);
    QVERIFY(loginAs(*connection, u"alice"_s, u"alice-secret"_s));
    QVERIFY(!connection->isCompressed());
    QVERIFY(connection->hasCapability("COMPRESS=DEFLATE"));
    QVERIFY(run(*connection, Command("NOOP")).ok());
}

void TestConnectionDovecot::bodiesStreamToASink()
{
    auto connection = connect(Security::ImplicitTls);
    QHash<quint64, QByteArray> streams;
    int finishedStreams = 0;
    connection->setLiteralSink(256, [&](quint64 id, QByteArrayView bytes, bool last) {
        streams[id] += bytes;
        finishedStreams += last ? 1 : 0;
    });
    QVERIFY(loginAs(*connection, u"alice"_s, u"alice-secret"_s));
    QSignalSpy mailbox(connection.get(), &Connection::mailboxData);
    QVERIFY(run(*connection, std::move(Command("EXAMINE").mailbox(u"INBOX"))).ok());
    mailbox.clear();
    QVERIFY(run(*connection, std::move(Command("UID FETCH").sequenceSet(UidSet::fromRange(2, 3)).raw("(BODY.PEEK[])")))
                .ok());

    QCOMPARE(mailbox.size(), 2);
    QCOMPARE(finishedStreams, 2);
    const QStringList files{u"02-meeting-utf8.eml"_s, u"03-estimate-iso2022jp.eml"_s};
    for (int i = 0; i < 2; ++i) {
        const auto fetch = std::get<FetchResponse>(mailbox.at(i).at(0).value<Response>());
        QCOMPARE(fetch.sections.size(), 1);
        const FetchedSection &section = fetch.sections.first();
        QVERIFY(section.streamId != 0);
        QVERIFY(section.data.isEmpty());
        QFile seed(testDataDirectory() + u"/mail/alice/INBOX/"_s + files[*fetch.uid - 2]);
        QVERIFY(seed.open(QIODevice::ReadOnly));
        QCOMPARE(streams.value(section.streamId), seed.readAll());
        QCOMPARE(section.streamedSize, qint64(streams.value(section.streamId).size()));
    }
}

QTEST_GUILESS_MAIN(TestConnectionDovecot)
#include "tst_ConnectionDovecot.moc"
