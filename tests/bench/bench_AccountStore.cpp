// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The account store on a mailbox of 100,000 messages: one applyChanges() that inserts them all
// (a first sync), newestMessages(50) (the first screen), flags() of all of them (a flag resync),
// a 1,000-row flag update, and messages() of a search's 25,000 scattered matches. Baselines measured in the same run:
// building the 100,000 MessageRecords in memory, and a bare SQLite insert of the same rows through the same Qt driver
// into a plain table (one transaction, one prepared statement), the floor any store on Qt Sql has to pay.

#include "store/AccountStore.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTimeZone>

#include <cstdio>
#include <cstdlib>

using namespace fumi;
using namespace fumi::store;
using namespace Qt::StringLiterals;

namespace {

constexpr Uid rowCount = 100000;

std::vector<MessageRecord> buildRows()
{
    static const QString subjects[] = {u"Weekly report"_s, u"会議の日程について"_s, u"Re: Invoice \"2026-11\" is due"_s,
                                       u"Fwd: photos from the trip 📷"_s};
    const Flags seen = Flags::fromImapList("(\\Seen)").value();
    const Flags forwarded = Flags::fromImapList("(\\Seen $Forwarded)").value();
    const QDateTime base(QDate(2020, 1, 1), QTime(0, 0), QTimeZone::UTC);
    std::vector<MessageRecord> rows;
    rows.reserve(rowCount);
    for (Uid uid = 1; uid <= rowCount; ++uid) {
        MessageRecord m;
        m.uid = uid;
        m.flags = uid % 10 == 0 ? Flags() : (uid % 7 == 0 ? forwarded : seen);
        m.modSeq = 100000 + uid;
        m.internalDate = base.addSecs(qint64(uid) * 900);
        m.size = 2000 + uid % 50000;
        m.date = m.internalDate.addSecs(-30);
        m.subject = subjects[uid % 4];
        m.fromName = u"Bob Example"_s;
        m.fromAddress = u"bob@example.org"_s;
        m.to = u"Alice <alice@example.org>, Carol <carol@example.org>"_s;
        m.messageId = "<msg-" + QByteArray::number(uid) + "@example.org>";
        m.inReplyTo = "<msg-" + QByteArray::number(uid - 1) + "@example.org>";
        m.references = "<root@example.org> <msg-" + QByteArray::number(uid - 1) + "@example.org>";
        m.hasAttachment = uid % 5 == 0;
        m.preview = u"Hello Alice, here are the figures for this week, as promised on Monday."_s;
        rows.push_back(std::move(m));
    }
    return rows;
}

double seconds(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

// The bare baselines' database, as connection `name`; exits when it cannot be opened.
QSqlDatabase openBare(const QString &directory, const QString &name)
{
    QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
    db.setDatabaseName(directory + u"/bare.sqlite"_s);
    if (!db.open()) {
        std::fprintf(stderr, "bare: %s\n", qPrintable(db.lastError().text()));
        std::exit(1);
    }
    return db;
}

// The same rows through the same driver into a plain rowid table, no upsert, no keywords.
double bareInsert(const QString &directory, const std::vector<MessageRecord> &rows)
{
    const QString name = u"bench.bare"_s;
    double elapsed = 0;
    {
        QSqlDatabase db = openBare(directory, name);
        QSqlQuery query(db);
        (void)query.exec(u"PRAGMA journal_mode=WAL"_s);
        (void)query.exec(u"PRAGMA synchronous=NORMAL"_s);
        (void)query.exec(u"CREATE TABLE m (mailbox_id, uid, flags, keywords, modseq, internal_date, size, date, "
                         u"subject, from_name, from_address, to_list, cc_list, message_id, in_reply_to, refs, "
                         u"has_attachment, preview)"_s);
        QElapsedTimer timer;
        timer.start();
        (void)query.exec(u"BEGIN"_s);
        QSqlQuery insert(db);
        (void)insert.prepare(u"INSERT INTO m VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"_s);
        for (const MessageRecord &m : rows) {
            insert.bindValue(0, qint64(1));
            insert.bindValue(1, qint64(m.uid));
            insert.bindValue(2, qint64(m.flags.system().toInt()));
            insert.bindValue(3, QVariant(QMetaType::fromType<QString>()));
            insert.bindValue(4, qint64(m.modSeq));
            insert.bindValue(5, m.internalDate.toMSecsSinceEpoch());
            insert.bindValue(6, qint64(m.size));
            insert.bindValue(7, m.date.toMSecsSinceEpoch());
            insert.bindValue(8, m.subject);
            insert.bindValue(9, m.fromName);
            insert.bindValue(10, m.fromAddress);
            insert.bindValue(11, m.to);
            insert.bindValue(12, QVariant(QMetaType::fromType<QString>()));
            insert.bindValue(13, m.messageId);
            insert.bindValue(14, m.inReplyTo);
            insert.bindValue(15, m.references);
            insert.bindValue(16, m.hasAttachment);
            insert.bindValue(17, m.preview);
            if (!insert.exec()) {
                std::fprintf(stderr, "bare: %s\n", qPrintable(insert.lastError().text()));
                std::exit(1);
            }
        }
        (void)query.exec(u"COMMIT"_s);
        elapsed = seconds(timer);
        insert.finish();
        query.finish();
    }
    QSqlDatabase::removeDatabase(name);
    return elapsed;
}

// Reading `count` rows, every column, back from bareInsert()'s table through the same driver.
double bareRead(const QString &directory, int count)
{
    const QString name = u"bench.bareRead"_s;
    double elapsed = 0;
    {
        QSqlDatabase db = openBare(directory, name);
        QSqlQuery query(db);
        query.setForwardOnly(true);
        QElapsedTimer timer;
        timer.start();
        if (!query.exec(u"SELECT * FROM m WHERE rowid <= %1"_s.arg(count))) {
            std::fprintf(stderr, "bare: %s\n", qPrintable(query.lastError().text()));
            std::exit(1);
        }
        int rows = 0;
        while (query.next()) {
            for (int column = 0; column < 18; ++column)
                (void)query.value(column);
            ++rows;
        }
        elapsed = seconds(timer);
        if (rows != count) {
            std::fprintf(stderr, "bare: read %d rows, not %d\n", rows, count);
            std::exit(1);
        }
        query.finish();
    }
    QSqlDatabase::removeDatabase(name);
    return elapsed;
}

void report(const char *what, double secondsTaken, const char *baselineName, double baseline)
{
    std::printf("%-44s %10.2f ms   %6.2fx %s\n", what, secondsTaken * 1e3, secondsTaken / baseline, baselineName);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QTemporaryDir dir;
    if (!dir.isValid()) {
        return 1;
    }

    QElapsedTimer timer;
    timer.start();
    const std::vector<MessageRecord> rows = buildRows();
    const double build = seconds(timer);
    const double bare = bareInsert(dir.path(), rows);

    auto opened = AccountStore::open(dir.filePath(u"account"_s));
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    auto store = std::move(opened).value();
    MailboxRecord inbox;
    inbox.path = u"INBOX"_s;
    const qint64 mailboxId = store->addMailbox(inbox).value();

    MailboxChanges first;
    first.added = rows;
    first.sync = MailboxSyncState{1, rowCount + 1, 100000 + rowCount};
    timer.restart();
    if (auto applied = store->applyChanges(mailboxId, first); !applied) {
        std::fprintf(stderr, "%s\n", qPrintable(applied.error().message));
        return 1;
    }
    const double insert = seconds(timer);

    constexpr int newestRounds = 1000;
    std::size_t seen = 0;
    timer.restart();
    for (int i = 0; i < newestRounds; ++i) {
        seen += store->newestMessages(mailboxId, 50).size();
    }
    const double newest = seconds(timer) / newestRounds;

    timer.restart();
    const auto allFlags = store->flags(mailboxId, UidSet::fromRange(1, maxUid));
    const double flags = seconds(timer);

    MailboxChanges update;
    const Flags flagged = Flags::fromImapList("(\\Seen \\Flagged $Work)").value();
    for (Uid uid = 37; update.flags.size() < 1000; uid += 97) {
        update.flags.push_back(FlagUpdate{uid, flagged, 300000 + uid});
    }
    timer.restart();
    if (auto applied = store->applyChanges(mailboxId, update); !applied) {
        std::fprintf(stderr, "%s\n", qPrintable(applied.error().message));
        return 1;
    }
    const double flagUpdate = seconds(timer);

    // A search's matches: a quarter of the mailbox, scattered (seeded, so every run reads the same).
    constexpr int matchCount = 25000;
    UidSet matches;
    for (Uid uid = 1; uid <= rowCount; ++uid) {
        if ((uid * 2654435761U) % 4 == 0)
            matches.insert(uid);
    }
    timer.restart();
    const std::size_t scatteredRows = store->messages(mailboxId, matches).size();
    const double scattered = seconds(timer);
    timer.restart();
    const std::size_t rangeRows = store->messages(mailboxId, UidSet::fromRange(1, matchCount)).size();
    const double range = seconds(timer);
    const double bareReading = bareRead(dir.path(), matchCount);

    if (seen != std::size_t(newestRounds) * 50 || allFlags.size() != rowCount
        || store->mailbox(mailboxId)->counts.messages != rowCount || scatteredRows != std::size_t(matches.count())
        || rangeRows != std::size_t(matchCount)) {
        std::fprintf(stderr, "unexpected results\n");
        return 1;
    }

    std::printf("bench_AccountStore: %u rows\n", rowCount);
    std::printf("%-44s %10.2f ms\n", "baseline: build 100,000 MessageRecords", build * 1e3);
    std::printf("%-44s %10.2f ms   %6.2fx build\n", "baseline: bare Qt/SQLite insert, same rows", bare * 1e3,
                bare / build);
    report("applyChanges, 100,000 new rows", insert, "bare insert", bare);
    report("newestMessages(50), mean of 1,000", newest, "bare insert / 2,000 (50 rows)", bare / 2000);
    report("flags() of all 100,000", flags, "bare insert", bare);
    report("applyChanges, 1,000 flag updates", flagUpdate, "bare insert / 100 (1,000 rows)", bare / 100);
    std::printf("%-44s %10.2f ms\n", "baseline: bare read of 25,000 rows", bareReading * 1e3);
    std::printf("(%zu scattered matches in %zu ranges)\n", std::size_t(matches.count()), matches.ranges().size());
    report("messages() of the scattered matches", scattered, "bare read", bareReading);
    report("messages() of 25,000 in one range", range, "bare read", bareReading);
    return 0;
}
