// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The process that tst_JournalCrash kills. It logs in to the Dovecot fixture, and then either
//   start  <store> <port> <ca.pem> <source> <target>: stores the source folder's rows and
//          journals a move of all of them to the target, or
//   replay <store> <port> <ca.pem>: replays whatever the journal still holds,
// and exits 0 once the journal is empty. FUMI_JOURNAL_KILL_AT names a journal checkpoint
// (OperationJournal::setCheckpointHook) at which it SIGKILLs itself; FUMI_JOURNAL_NO_MOVE=1
// makes the journal use the COPY fallback although Dovecot offers MOVE.

#include "engine/OperationJournal.h"
#include "engine/Session.h"
#include "imap/Command.h"
#include "imap/Connection.h"
#include "store/AccountStore.h"

#include <QCoreApplication>
#include <QEventLoop>
#include <QFile>
#include <QTimer>

#include <csignal>
#include <cstdio>

using namespace Qt::StringLiterals;
using namespace fumi;

namespace {

int fail(const QString &message)
{
    std::fprintf(stderr, "journal-crash-child: %s\n", qPrintable(message));
    return 2;
}

imap::CommandResult runAndWait(engine::Session &session, const imap::Command &command)
{
    imap::CommandResult answer;
    QEventLoop loop;
    session.run(command, [&](const imap::CommandResult &result) {
        answer = result;
        loop.quit();
    });
    loop.exec();
    return answer;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList args = app.arguments();
    if (args.size() < 5)
        return fail(u"usage: start|replay <store> <port> <ca.pem> [<source> <target>]"_s);
    const QString mode = args.at(1);
    const bool start = mode == u"start";
    if (start && args.size() < 7)
        return fail(u"start needs a source and a target"_s);

    QFile caFile(args.at(4));
    if (!caFile.open(QIODevice::ReadOnly))
        return fail(u"cannot read the CA certificate"_s);
    imap::ConnectionSettings settings;
    settings.host = u"127.0.0.1"_s;
    settings.port = quint16(args.at(3).toUInt());
    settings.security = imap::ConnectionSettings::Security::ImplicitTls;
    settings.caCertificates = QSslCertificate::fromData(caFile.readAll());
    auto connection = std::make_unique<imap::Connection>(settings, nullptr);
    QString failure;
    {
        QEventLoop loop;
        QObject::connect(connection.get(), &imap::Connection::ready, &loop, [&] {
            connection->login(u"alice"_s, u"secret"_s);
        });
        QObject::connect(connection.get(), &imap::Connection::authenticated, &loop, &QEventLoop::quit);
        QObject::connect(connection.get(), &imap::Connection::failed, &loop,
                         [&](imap::Connection::Error, const QString &message) {
                             failure = message;
                             loop.quit();
                         });
        connection->open();
        loop.exec();
    }
    if (!failure.isEmpty())
        return fail(u"cannot log in: "_s + failure);
    engine::Session session(std::move(connection));

    auto opened = store::AccountStore::open(args.at(2));
    if (!opened)
        return fail(opened.error().message);
    const std::unique_ptr<store::AccountStore> accountStore = std::move(opened).value();

    engine::OperationJournal journal(*accountStore);
    journal.setMoveAllowed(qgetenv("FUMI_JOURNAL_NO_MOVE") != "1");
    const QByteArray killAt = qgetenv("FUMI_JOURNAL_KILL_AT");
    journal.setCheckpointHook([killAt](QByteArrayView point) {
        if (!killAt.isEmpty() && point == killAt)
            std::raise(SIGKILL);
    });

    if (start) {
        const QString source = args.at(5);
        const QString target = args.at(6);
        // What a first sync would have stored: the source's rows under its UIDVALIDITY.
        quint32 uidValidity = 0;
        std::vector<store::MessageRecord> rows;
        session.setMailboxReceiver([&](const imap::Response &response) {
            if (const auto *status = std::get_if<imap::StatusResponse>(&response);
                status && status->code.kind == imap::ResponseCode::Kind::UidValidity)
                uidValidity = quint32(status->code.number);
            if (const auto *fetch = std::get_if<imap::FetchResponse>(&response); fetch && fetch->uid) {
                store::MessageRecord row;
                row.uid = *fetch->uid;
                if (fetch->flags)
                    row.flags = *fetch->flags;
                if (fetch->envelope)
                    row.messageId = fetch->envelope->field(imap::Envelope::Field::MessageId).toByteArray();
                rows.push_back(row);
            }
        });
        if (!runAndWait(session, std::move(imap::Command("SELECT").mailbox(source))).ok())
            return fail(u"cannot select the source"_s);
        if (!runAndWait(session, std::move(imap::Command("UID FETCH").raw("1:* (UID FLAGS ENVELOPE)"))).ok())
            return fail(u"cannot fetch the source"_s);
        session.setMailboxReceiver({});

        store::MailboxRecord sourceRecord;
        sourceRecord.path = source;
        sourceRecord.separator = '/';
        store::MailboxRecord targetRecord = sourceRecord;
        targetRecord.path = target;
        const auto sourceId = accountStore->addMailbox(sourceRecord);
        const auto targetId = accountStore->addMailbox(targetRecord);
        if (!sourceId || !targetId)
            return fail(u"cannot store the mailboxes"_s);
        store::MailboxChanges changes;
        changes.added = rows;
        changes.sync = store::MailboxSyncState{uidValidity, 0, 0};
        if (!accountStore->applyChanges(sourceId.value(), changes))
            return fail(u"cannot store the rows"_s);
        session.setSelected(sourceId.value(), source);
        const auto request = journal.move(sourceId.value(), accountStore->uids(sourceId.value()), targetId.value());
        if (!request.ok())
            return fail(request.message);
    }

    if (accountStore->pendingJournalEntries().isEmpty())
        return 0;
    int exitCode = 0;
    QObject::connect(&journal, &engine::OperationJournal::operationFinished, &app,
                     [&](qint64, bool ok, const QString &error) {
                         if (!ok) {
                             std::fprintf(stderr, "journal-crash-child: failed: %s\n", qPrintable(error));
                             exitCode = 1;
                         }
                         if (accountStore->pendingJournalEntries().isEmpty())
                             app.exit(exitCode);
                     });
    QTimer::singleShot(60000, &app, [&] {
        std::fprintf(stderr, "journal-crash-child: the journal did not finish\n");
        app.exit(3);
    });
    journal.setSession(&session);
    return app.exec();
}
