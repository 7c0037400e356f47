// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "app/cli/SearchBench.h"

#include "app/cli/FumiBench.h"
#include "app/cli/RawImapSession.h"
#include "engine/AccountEngine.h"
#include "engine/SearchCompiler.h"
#include "engine/ServerSearch.h"
#include "engine/Session.h"
#include "imap/Connection.h"
#include "support/EngineThread.h"
#include "support/MemoryCredentialStore.h"

#include <QDate>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QThread>
#include <QTimer>

#include <algorithm>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fumi::cli {

using engine::AccountEngine;

namespace {

constexpr int requestTimeoutMs = 10 * 60 * 1000;

// CPU seconds (user and system) Dovecot's imap processes have used so far. The connection a
// measurement searches on is the only one at work meanwhile, so the difference across it is
// that search's own work, which the machine's swings in speed touch less than its wall time.
double serverCpuSeconds()
{
    double ticks = 0;
    const QStringList entries = QDir(u"/proc"_s).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        if (entry.isEmpty() || !entry.front().isDigit())
            continue;
        QFile stat(u"/proc/"_s + entry + u"/stat"_s);
        if (!stat.open(QIODevice::ReadOnly))
            continue;
        const QByteArray line = stat.readAll();
        const qsizetype open = line.indexOf('(');
        const qsizetype close = line.lastIndexOf(')');
        if (open < 0 || close < open || line.mid(open + 1, close - open - 1) != "imap")
            continue;
        // After the name: state, then 10 fields to utime and stime (proc(5) fields 14 and 15).
        const QList<QByteArray> fields = line.mid(close + 2).split(' ');
        ticks += fields.value(11).toDouble() + fields.value(12).toDouble();
    }
    return ticks / double(sysconf(_SC_CLK_TCK));
}

QString loadAverage()
{
    QFile file(u"/proc/loadavg"_s);
    if (!file.open(QIODevice::ReadOnly))
        return u"unknown"_s;
    const QList<QByteArray> fields = file.readAll().split(' ');
    return QString::fromLatin1(fields.mid(0, 3).join(' '));
}

// The bench account's engine on a thread of its own, as the application runs it.
class BenchEngine
{
public:
    BenchEngine(const BenchServer &server, const QString &dataDirectory)
        : m_thread(benchAccount(server), dataDirectory, test::EngineThread::servicesWith(&m_credentials),
                   options(server))
    {
    }

    [[nodiscard]] AccountEngine *engine() const { return m_thread.engine; } // lives on the engine's thread

    // Sends a request and waits for its answer; false with *error when it failed.
    bool request(const std::function<AccountEngine::RequestId(AccountEngine &)> &send, QString *error)
    {
        QEventLoop loop;
        QObject context;
        std::optional<AccountEngine::RequestId> id;
        bool answered = false;
        bool ok = false;
        QObject::connect(engine(), &AccountEngine::requestFinished, &context,
                         [&](quint64 which, bool success, const QString &message, const QVariant &) {
                             if (!id || which != *id)
                                 return;
                             answered = true;
                             ok = success;
                             *error = message;
                             loop.quit();
                         });
        id = send(*engine());
        QTimer::singleShot(requestTimeoutMs, &loop, &QEventLoop::quit);
        loop.exec();
        if (!answered)
            *error = u"the engine did not answer"_s;
        return ok;
    }

private:
    account::Account benchAccount(const BenchServer &server)
    {
        account::Account account;
        account.id = u"fumi-bench-search"_s;
        account.displayName = u"Bench"_s;
        account.imap = {server.host, server.port, account::Security::Tls};
        account.login = server.user;
        m_credentials.secrets.insert(
            account::CredentialStore::key(account.id, account::CredentialStore::Secret::Password), server.password);
        return account;
    }
    static AccountEngine::Options options(const BenchServer &server)
    {
        AccountEngine::Options options = test::EngineThread::trusting(server.caCertificate);
        // The mailbox searched is INBOX, open on the selected connection already.
        options.watchInbox = false;
        return options;
    }

    test::MemoryCredentialStore m_credentials; // the engine calls it on its thread, as the keychain would be
    test::EngineThread m_thread;
};

struct FumiRun {
    double firstSeconds = -1;
    double completeSeconds = -1;
    double serverSeconds = 0; // as the engine saw it (SearchSummary)
    qsizetype localRows = 0;
    qsizetype rows = 0;
};

// One search as the search bar runs it: parse, search(), the updates, the answer.
std::optional<FumiRun> runFumi(AccountEngine &engine, const QString &text, const QString &mailbox, QString *error)
{
    QEventLoop loop;
    QObject context;
    QElapsedTimer clock;
    FumiRun run;
    std::optional<AccountEngine::RequestId> id;
    bool answered = false;
    QString failure;
    QObject::connect(&engine, &AccountEngine::searchUpdate, &context,
                     [&](quint64 which, const engine::SearchUpdatePtr &update) {
                         if (!id || which != *id)
                             return;
                         if (run.firstSeconds < 0 && !update->rows.isEmpty())
                             run.firstSeconds = double(clock.nsecsElapsed()) / 1e9;
                         if (!update->error.isEmpty())
                             failure = update->error;
                         if (update->source == engine::SearchUpdate::Source::Local)
                             run.localRows = update->rows.size();
                         else
                             run.rows += update->rows.size(); // a long search answers in parts
                     });
    QObject::connect(&engine, &AccountEngine::requestFinished, &context,
                     [&](quint64 which, bool ok, const QString &message, const QVariant &result) {
                         if (!id || which != *id)
                             return;
                         run.completeSeconds = double(clock.nsecsElapsed()) / 1e9;
                         run.serverSeconds = result.value<engine::SearchSummary>().serverSeconds;
                         if (run.firstSeconds < 0)
                             run.firstSeconds = run.completeSeconds; // nothing matched
                         answered = true;
                         if (!ok && failure.isEmpty())
                             failure = message;
                         loop.quit();
                     });
    clock.start();
    const ParseResult<engine::SearchQuery> parsed = engine::SearchQueryParser::parse(text, QDate::currentDate());
    if (!parsed) {
        *error = u"cannot parse \"%1\": %2"_s.arg(text, parsed.error().message);
        return std::nullopt;
    }
    id = engine.search(parsed.value(), {mailbox});
    QTimer::singleShot(requestTimeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    if (!answered) {
        *error = u"no answer to the search \"%1\""_s.arg(text);
        return std::nullopt;
    }
    if (!failure.isEmpty()) {
        *error = u"the search \"%1\" failed: %2"_s.arg(text, failure);
        return std::nullopt;
    }
    return run;
}

// The UID SEARCH Fumi sends for `text` (within those UIDs unless empty), without tag and CRLF.
std::optional<QByteArray> compiledSearch(const QString &text, const engine::SearchCapabilities &capabilities,
                                         QString *error, const UidSet &within = {})
{
    const ParseResult<engine::SearchQuery> parsed = engine::SearchQueryParser::parse(text, QDate::currentDate());
    if (!parsed) {
        *error = u"cannot parse \"%1\": %2"_s.arg(text, parsed.error().message);
        return std::nullopt;
    }
    const ParseResult<imap::Command> command
        = engine::SearchCompiler::uidSearch(parsed.value().root, capabilities, within);
    if (!command) {
        *error = u"cannot compile \"%1\": %2"_s.arg(text, command.error().message);
        return std::nullopt;
    }
    const QByteArrayList parts = command.value().serialize("t", capabilities.encoding());
    // RawImapSession sends one line: a synchronising literal would need the server's "+".
    if (parts.size() != 1) {
        *error = u"\"%1\" needs a synchronising literal on this server"_s.arg(text);
        return std::nullopt;
    }
    QByteArray bytes = parts.constFirst();
    bytes.remove(0, 2); // "t "
    bytes.chop(2);      // CRLF
    return bytes;
}

} // namespace

QList<SearchBenchQuery> searchBenchQueries()
{
    // MaildirGenerator's corpus: "Invoice 2291" among the English subjects, Maria Lopez among
    // the senders, お見積りのお願い among the Japanese subjects, "The migration window is ..."
    // among the body sentences, a tenth or so of the mail flagged or with attachments.
    return {
        {u"a subject word"_s, u"subject:invoice"_s},
        {u"a sender"_s, u"from:maria"_s},
        {u"a Japanese subject word (UTF-8 and ISO-2022-JP)"_s, u"subject:見積"_s},
        {u"is:flagged"_s, u"is:flagged"_s},
        {u"a body word"_s, u"body:migration"_s},
        {u"has:attachment"_s, u"has:attachment"_s},
        {u"OR and NOT"_s, u"(from:maria OR subject:budget) -is:read"_s},
    };
}

std::optional<SearchBenchFigures> measureSearch(const BenchServer &server, const QString &dataDirectory,
                                                const QList<SearchBenchQuery> &queries, int runs, QString *error)
{
    SearchBenchFigures figures;
    figures.runs = runs;

    // What the engine's connections will say: capabilities and what ENABLE turned on.
    engine::SearchCapabilities capabilities;
    QByteArray enable;
    {
        std::unique_ptr<engine::Session> session = logInBenchSession(server, error);
        if (!session)
            return std::nullopt;
        capabilities = engine::SearchCapabilities::of(session->connection());
        // The raw session in the same state as the engine's (QRESYNC, UTF8=ACCEPT).
        enable = session->connection().enabled().join(' ');
        session->close();
    }

    QElapsedTimer timer;
    timer.start();
    BenchEngine engine(server, dataDirectory);
    if (!engine.request(
            [](AccountEngine &e) {
                return e.start();
            },
            error)
        || !engine.request(
            [&server](AccountEngine &e) {
                return e.openMailbox(server.mailbox);
            },
            error)) {
        *error = u"opening the mailbox: "_s + *error;
        return std::nullopt;
    }
    figures.openSeconds = double(timer.nsecsElapsed()) / 1e9;

    RawImapSession raw(server);
    if (!raw.open(true, error, enable))
        return std::nullopt;

    figures.loadBefore = loadAverage();
    for (const SearchBenchQuery &query : queries) {
        SearchBenchResult result;
        result.query = query;
        const std::optional<QByteArray> command = compiledSearch(query.text, capabilities, error);
        if (!command)
            return std::nullopt;
        result.command = *command;
        // The parts Fumi sends this query in, if any: the generated mailbox holds UIDs 1 to N.
        QByteArrayList partCommands;
        if (engine::ServerSearch::goesInParts(
                engine::SearchQueryParser::parse(query.text, QDate::currentDate()).value().root, capabilities)) {
            store::MailboxRecord mailbox;
            mailbox.counts.messages = quint32(server.messages);
            mailbox.sync.uidNext = Uid(server.messages + 1);
            for (const UidSet &part : engine::ServerSearch::partsOf(mailbox)) {
                const std::optional<QByteArray> partCommand = compiledSearch(query.text, capabilities, error, part);
                if (!partCommand)
                    return std::nullopt;
                partCommands.append(*partCommand);
            }
        }
        result.parts = partCommands.size();
        QList<double> rawPartsTimes;
        QList<double> overheadsParts;
        QList<double> rawTimes;
        QList<double> firstTimes;
        QList<double> completeTimes;
        QList<double> overheads;
        QList<double> aroundServer;
        QList<double> wholeCpus;
        QList<double> partsCpus;
        QList<double> fumiCpus;
        QList<double> fumiLessServerCpu;
        for (int run = -1; run < runs; ++run) {
            // Fumi goes between the raw whole SEARCH and the raw parts, each side in turn, so
            // that a server that speeds up or slows down over the runs favours neither, and
            // Fumi's neighbours are the searches it is compared with.
            std::optional<RawImapSession::Reply> reply;
            const auto runWhole = [&] {
                reply = raw.run(*command, run < 0, error);
                if (reply && !reply->status.startsWith("OK")) {
                    *error
                        = u"the raw search for \"%1\" failed: %2"_s.arg(query.text, QString::fromUtf8(reply->status));
                    reply.reset();
                }
                return reply.has_value();
            };
            std::optional<double> rawParts;
            const auto runParts = [&] {
                if (partCommands.isEmpty())
                    return true;
                rawParts = raw.runPipelined(partCommands, engine::ServerSearch::partGoesOut, error);
                return rawParts.has_value();
            };
            // Dovecot's CPU time across each of the three.
            double wholeCpu = 0;
            double partsCpu = 0;
            const auto measured = [](double &cpu, const auto &measure) {
                const double before = serverCpuSeconds();
                const bool ok = measure();
                cpu = serverCpuSeconds() - before;
                return ok;
            };
            const bool wholeFirst = run % 2 == 0;
            if (!(wholeFirst ? measured(wholeCpu, runWhole) : measured(partsCpu, runParts)))
                return std::nullopt;
            std::optional<FumiRun> fumi;
            double fumiCpu = 0;
            measured(fumiCpu, [&] {
                fumi = runFumi(*engine.engine(), query.text, server.mailbox, &result.error);
                return fumi.has_value();
            });
            if (!(wholeFirst ? measured(partsCpu, runParts) : measured(wholeCpu, runWhole)))
                return std::nullopt;
            if (!fumi)
                break;
            if (run < 0) {
                result.serverMatches = qsizetype(RawImapSession::searchedUids(reply->data).count());
                // Every match, once, whether searched whole or in parts (has:attachment's are
                // refined, so fewer).
                if (!query.text.contains(u"has:attachment"_s) && fumi->rows != result.serverMatches) {
                    result.error = u"Fumi answered %1 rows where the server has %2 matches"_s.arg(fumi->rows)
                                       .arg(result.serverMatches);
                    break;
                }
                continue;
            }
            rawTimes << reply->seconds;
            firstTimes << fumi->firstSeconds;
            completeTimes << fumi->completeSeconds;
            overheads << fumi->completeSeconds - reply->seconds;
            aroundServer << fumi->completeSeconds - fumi->serverSeconds;
            if (rawParts) {
                rawPartsTimes << *rawParts;
                overheadsParts << fumi->completeSeconds - *rawParts;
            }
            wholeCpus << wholeCpu;
            fumiCpus << fumiCpu;
            fumiLessServerCpu << fumiCpu - (rawParts ? partsCpu : wholeCpu);
            if (rawParts)
                partsCpus << partsCpu;
            result.localRows = fumi->localRows;
            result.rows = fumi->rows;
        }
        result.rawSeconds = median(rawTimes);
        result.firstSeconds = median(firstTimes);
        result.completeSeconds = median(completeTimes);
        result.overheadSeconds = median(overheads);
        result.overheadInterval = medianInterval(overheads);
        result.aroundServerSeconds = median(aroundServer);
        result.rawPartsSeconds = median(rawPartsTimes);
        result.overheadPartsSeconds = median(overheadsParts);
        result.overheadPartsInterval = medianInterval(overheadsParts);
        result.serverCpu = {median(wholeCpus), median(partsCpus), median(fumiCpus), median(fumiLessServerCpu),
                            medianInterval(fumiLessServerCpu)};
        figures.results << result;
    }
    figures.loadAfter = loadAverage();
    raw.logout();
    return figures;
}

} // namespace fumi::cli
