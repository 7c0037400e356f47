// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "store/AccountStore.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QProcess>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>

#include <cstdio>
#include <memory>

using namespace fumi;
using namespace fumi::store;
using namespace Qt::StringLiterals;

namespace {

// The argument that turns this test binary into the crash-consistency writer.
constexpr char crashWriterArgument[] = "--crash-writer";
constexpr Uid crashBatch = 200;

Flags flagsOf(QByteArrayView list)
{
    return Flags::fromImapList(list).value();
}

QDateTime utc(int year, int month, int day, int hour, int minute, int second, int msec = 0)
{
    return QDateTime(QDate(year, month, day), QTime(hour, minute, second, msec), QTimeZone::UTC);
}

MessageRecord message(Uid uid)
{
    MessageRecord m;
    m.uid = uid;
    m.flags = uid % 3 == 0 ? flagsOf("(\\Seen)") : Flags();
    m.modSeq = 1000 + uid;
    m.internalDate = utc(2026, 1, 1, 0, 0, 0).addSecs(qint64(uid) * 60);
    m.size = 2000 + uid;
    m.date = m.internalDate.addSecs(-5);
    m.subject = u"Message %1"_s.arg(uid);
    m.fromName = u"Bob Example"_s;
    m.fromAddress = u"bob@example.org"_s;
    m.to = u"alice@example.org"_s;
    m.messageId = "<msg-" + QByteArray::number(uid) + "@example.org>";
    return m;
}

std::vector<MessageRecord> messages(Uid first, Uid last)
{
    std::vector<MessageRecord> result;
    for (Uid uid = first; uid <= last; ++uid) {
        result.push_back(message(uid));
    }
    return result;
}

QByteArray sha256(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        return {};
    }
    return QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256);
}

// Reads one value with a connection of the test's own, as another process would see the file.
QVariant pragma(const QString &file, const QString &sql)
{
    const QString name = u"tst_AccountStore.probe"_s;
    QVariant value;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(file);
        if (db.open()) {
            QSqlQuery query(db);
            if (query.exec(sql) && query.next()) {
                value = query.value(0);
            }
        }
        db.close();
    }
    QSqlDatabase::removeDatabase(name);
    return value;
}

QStringList paths(const AccountStore &store)
{
    QStringList result;
    for (const MailboxRecord &record : store.mailboxes()) {
        result.append(record.path);
    }
    return result;
}

std::vector<Uid> uidsOf(const std::vector<MessageRecord> &records)
{
    std::vector<Uid> result;
    for (const MessageRecord &record : records) {
        result.push_back(record.uid);
    }
    return result;
}

// The crash writer: appends batches of `crashBatch` UIDs, each with the UIDNEXT that claims
// exactly them, and reports each commit on stdout until it is killed.
int runCrashWriter(const QString &directory)
{
    auto opened = AccountStore::open(directory);
    if (!opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
        return 1;
    }
    auto store = std::move(opened).value();
    qint64 mailboxId = 0;
    if (auto existing = store->mailboxByPath(u"INBOX"_s)) {
        mailboxId = existing->id;
    } else {
        MailboxRecord inbox;
        inbox.path = u"INBOX"_s;
        mailboxId = store->addMailbox(inbox).value();
    }
    Uid next = store->mailbox(mailboxId)->sync.uidNext;
    if (next == 0) {
        next = 1;
    }
    for (;;) {
        MailboxChanges changes;
        changes.added = messages(next, next + crashBatch - 1);
        // Flag changes to older rows and an expunge keep the write mix realistic.
        if (next > crashBatch) {
            changes.flags.push_back(FlagUpdate{next - crashBatch, flagsOf("(\\Seen \\Flagged $Work)"), 0});
        }
        next += crashBatch;
        changes.sync = MailboxSyncState{7, next, quint64(next) * 10};
        if (auto applied = store->applyChanges(mailboxId, changes); !applied) {
            std::fprintf(stderr, "%s\n", qPrintable(applied.error().message));
            return 1;
        }
        std::printf("%u\n", next);
        std::fflush(stdout);
    }
}

} // namespace

class TestAccountStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();

    void openCreatesDirectoryAndSchema();
    void refusesFileItCannotUse_data();
    void refusesFileItCannotUse();
    void mailboxRoundTrip();
    void renameMovesChildren_data();
    void renameMovesChildren();
    void removeMailboxTakesEverythingOfIt();

    void messageRoundTrip();
    void applyChanges_data();
    void applyChanges();
    void countsTakenOrRecomputed();
    void failedTransactionChangesNothing();
    void nestedTransactionJoinsOuter();
    void newestMessages_data();
    void newestMessages();
    void messagesAndFlagsForUidSet();
    void messagesForScatteredUids();
    void scanMessagesReadsOnlyTheFieldsAsked();
    void scanMessagesKeepsWhatTheFilterAsks_data();
    void scanMessagesKeepsWhatTheFilterAsks();
    void structuresAnswerHasAttachment();
    void version1StructuresAreMigratedWithoutAnswer();
    void findByMessageId();
    void resetMailboxDropsOnlyThatMailbox();
    void reopenSeesEverything();

    void partRoundTrip_data();
    void partRoundTrip();
    void partsEvictLeastRecentlyRead();
    void partOverBudgetIsNotKept();
    void partFilesGoWithTheirRows();
    void strayPartFilesAreSweptOnOpen();

    void journalOrderAndPendingFilter();
    void undoStackIsNewestFirst();
    void crashNeverClaimsMoreThanTheRows();

private:
    std::unique_ptr<AccountStore> openStore(AccountStore::Options options = {});
    qint64 addMailbox(AccountStore &store, const QString &path, char separator = '/');

    QStringList partFiles() const;

    std::unique_ptr<QTemporaryDir> m_dir;
};

QStringList TestAccountStore::partFiles() const
{
    return QDir(m_dir->filePath(u"account/parts"_s)).entryList(QDir::Files | QDir::Hidden);
}

void TestAccountStore::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

std::unique_ptr<AccountStore> TestAccountStore::openStore(AccountStore::Options options)
{
    auto opened = AccountStore::open(m_dir->filePath(u"account"_s), options);
    if (!opened) {
        qWarning("%s", qPrintable(opened.error().message));
        return nullptr;
    }
    return std::move(opened).value();
}

qint64 TestAccountStore::addMailbox(AccountStore &store, const QString &path, char separator)
{
    MailboxRecord record;
    record.path = path;
    record.separator = separator;
    auto added = store.addMailbox(record);
    return added ? added.value() : 0;
}

void TestAccountStore::openCreatesDirectoryAndSchema()
{
    const QString directory = m_dir->filePath(u"accounts/a1"_s);
    QVERIFY(!QFileInfo::exists(directory));
    {
        auto opened = AccountStore::open(directory);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        QCOMPARE(opened.value()->directory(), directory);
    }
    QVERIFY(QFileInfo(directory).isDir());
    QCOMPARE(QFileInfo(directory).permissions() & (QFile::ReadGroup | QFile::ReadOther | QFile::ExeOther),
             QFile::Permissions());
    const QString file = directory + u"/cache.sqlite"_s;
    QVERIFY(QFileInfo::exists(file));
    QCOMPARE(pragma(file, u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    QVERIFY(AccountStore::schemaVersion() >= 1);
    QCOMPARE(pragma(file, u"PRAGMA user_version"_s).toInt(), AccountStore::schemaVersion());

    // Opening again migrates nothing and keeps working.
    auto again = AccountStore::open(directory);
    QVERIFY(again.ok());
    QCOMPARE(pragma(file, u"PRAGMA user_version"_s).toInt(), AccountStore::schemaVersion());
}

void TestAccountStore::refusesFileItCannotUse_data()
{
    QTest::addColumn<QByteArray>("kind");
    QTest::addColumn<QString>("expected");
    QTest::newRow("newer-schema-version") << "newer"_ba << u"newer"_s;
    QTest::newRow("not-a-database") << "garbage"_ba << u"not a database"_s;
    QTest::newRow("text-file") << "text"_ba << u"not a database"_s;
}

void TestAccountStore::refusesFileItCannotUse()
{
    QFETCH(QByteArray, kind);
    QFETCH(QString, expected);

    const QString directory = m_dir->filePath(u"account"_s);
    QVERIFY(QDir().mkpath(directory));
    const QString file = directory + u"/cache.sqlite"_s;
    if (kind == "newer") {
        const QString name = u"tst_AccountStore.newer"_s;
        {
            QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
            db.setDatabaseName(file);
            QVERIFY(db.open());
            QSqlQuery query(db);
            QVERIFY(query.exec(u"CREATE TABLE future (x)"_s));
            QVERIFY(query.exec(u"PRAGMA user_version = %1"_s.arg(AccountStore::schemaVersion() + 1)));
            query.finish();
            db.close();
        }
        QSqlDatabase::removeDatabase(name);
    } else {
        QFile out(file);
        QVERIFY(out.open(QIODevice::WriteOnly));
        QByteArray bytes;
        if (kind == "garbage") {
            for (int i = 0; i < 8192; ++i) {
                bytes.append(char((i * 131 + 7) % 256));
            }
        } else {
            bytes = "<html><body>This is not the cache you are looking for.</body></html>\n"_ba.repeated(100);
        }
        QCOMPARE(out.write(bytes), bytes.size());
    }
    const QByteArray before = sha256(file);
    QVERIFY(!before.isEmpty());

    auto opened = AccountStore::open(directory);
    QVERIFY(!opened.ok());
    const QString message = opened.error().message;
    QVERIFY2(message.contains(file), qPrintable(message));
    QVERIFY2(message.contains(expected, Qt::CaseInsensitive), qPrintable(message));
    QCOMPARE(sha256(file), before);
}

void TestAccountStore::mailboxRoundTrip()
{
    auto store = openStore();
    QVERIFY(store);

    MailboxRecord archive;
    archive.path = u"アーカイブ/2026"_s;
    archive.separator = '/';
    archive.attributes = {"\\HasNoChildren"_ba, "\\Archive"_ba};
    archive.specialUse = SpecialUse::Archive;
    archive.subscribed = true;
    archive.selectable = true;
    archive.sync = {42, 100, 5000000000ULL};
    archive.counts = {99, 3};
    auto added = store->addMailbox(archive);
    QVERIFY(added.ok());
    archive.id = added.value();
    QVERIFY(archive.id > 0);

    MailboxRecord inbox;
    inbox.path = u"INBOX"_s;
    inbox.selectable = false;
    inbox.id = store->addMailbox(inbox).value();

    QCOMPARE(store->mailbox(archive.id), archive);
    QCOMPARE(store->mailboxByPath(u"アーカイブ/2026"_s), archive);
    QCOMPARE(store->mailbox(inbox.id), inbox);
    QCOMPARE(store->mailbox(9999), std::nullopt);
    QCOMPARE(store->mailboxByPath(u"Nope"_s), std::nullopt);
    QCOMPARE(paths(*store), (QStringList{u"INBOX"_s, u"アーカイブ/2026"_s}));

    // A stored record cannot be added again, nor a second mailbox with the same path.
    QVERIFY(!store->addMailbox(archive).ok());
    MailboxRecord duplicate;
    duplicate.path = u"INBOX"_s;
    QVERIFY(!store->addMailbox(duplicate).ok());

    // updateMailbox never writes the sync state.
    MailboxRecord changed = archive;
    changed.attributes = {"\\HasChildren"_ba};
    changed.specialUse = SpecialUse::None;
    changed.subscribed = false;
    changed.selectable = false;
    changed.counts = {120, 0};
    changed.sync = {1, 2, 3};
    QVERIFY(store->updateMailbox(changed).ok());
    MailboxRecord expected = changed;
    expected.sync = archive.sync;
    QCOMPARE(store->mailbox(archive.id), expected);

    MailboxRecord missing = changed;
    missing.id = 9999;
    QVERIFY(!store->updateMailbox(missing).ok());
}

void TestAccountStore::renameMovesChildren_data()
{
    QTest::addColumn<QStringList>("before");
    QTest::addColumn<QString>("from");
    QTest::addColumn<QString>("to");
    QTest::addColumn<QStringList>("after");

    QTest::newRow("leaf") << QStringList{u"INBOX"_s, u"Work"_s} << u"Work"_s << u"Jobs"_s
                          << QStringList{u"INBOX"_s, u"Jobs"_s};
    QTest::newRow("children-follow") << QStringList{u"Work"_s, u"Work/2025"_s, u"Work/2025/Q1"_s, u"Work/2026"_s}
                                     << u"Work"_s << u"Old/Work"_s
                                     << QStringList{u"Old/Work"_s, u"Old/Work/2025"_s, u"Old/Work/2025/Q1"_s,
                                                    u"Old/Work/2026"_s};
    QTest::newRow("same-prefix-without-separator-stays")
        << QStringList{u"Work"_s, u"Work/a"_s, u"Workshop"_s, u"Workshop/b"_s, u"Work-old"_s} << u"Work"_s << u"Job"_s
        << QStringList{u"Job"_s, u"Job/a"_s, u"Work-old"_s, u"Workshop"_s, u"Workshop/b"_s};
    QTest::newRow("child-only") << QStringList{u"Work"_s, u"Work/a"_s, u"Work/a/x"_s, u"Work/b"_s} << u"Work/a"_s
                                << u"Work/c"_s << QStringList{u"Work"_s, u"Work/b"_s, u"Work/c"_s, u"Work/c/x"_s};
    QTest::newRow("japanese") << QStringList{u"仕事"_s, u"仕事/請求書"_s} << u"仕事"_s << u"業務"_s
                              << QStringList{u"業務"_s, u"業務/請求書"_s};
}

void TestAccountStore::renameMovesChildren()
{
    QFETCH(QStringList, before);
    QFETCH(QString, from);
    QFETCH(QString, to);
    QFETCH(QStringList, after);

    auto store = openStore();
    QVERIFY(store);
    QHash<QString, qint64> ids;
    for (const QString &path : before) {
        ids.insert(path, addMailbox(*store, path));
    }
    // Rows stay where they are: they hang off the id, not the path.
    MailboxChanges changes;
    changes.added = messages(1, 3);
    QVERIFY(store->applyChanges(ids.value(from), changes).ok());

    QVERIFY(store->renameMailbox(ids.value(from), to).ok());
    QCOMPARE(paths(*store), after);
    QCOMPARE(store->mailboxByPath(to)->id, ids.value(from));
    QCOMPARE(store->messageCount(ids.value(from)), 3);
}

void TestAccountStore::removeMailboxTakesEverythingOfIt()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    const qint64 other = addMailbox(*store, u"Other"_s);
    MailboxChanges changes;
    changes.added = messages(1, 10);
    QVERIFY(store->applyChanges(inbox, changes).ok());
    QVERIFY(store->applyChanges(other, changes).ok());
    QVERIFY(store->setBodyStructure(inbox, 1, "(\"text\" \"plain\")"_ba, false).ok());
    QVERIFY(store->storePart(inbox, 1, "1"_ba, "small"_ba).ok());
    QVERIFY(store->storePart(inbox, 2, ""_ba, QByteArray(300 * 1024, 'x')).ok());
    QVERIFY(store->storePart(other, 1, "1"_ba, "kept"_ba).ok());
    QCOMPARE(QDir(m_dir->filePath(u"account/parts"_s)).entryList(QDir::Files).size(), 1);

    JournalEntry fromInbox;
    fromInbox.kind = "flags";
    fromInbox.mailboxId = inbox;
    fromInbox.uidValidity = 7;
    JournalEntry fromOther = fromInbox;
    fromOther.mailboxId = other;
    QVERIFY(store->addJournalEntry(fromInbox).ok());
    const qint64 otherEntry = store->addJournalEntry(fromOther).value();

    QVERIFY(store->removeMailbox(inbox).ok());
    QCOMPARE(store->mailbox(inbox), std::nullopt);
    QCOMPARE(store->messageCount(inbox), 0);
    QCOMPARE(store->bodyStructure(inbox, 1), std::nullopt);
    QCOMPARE(store->part(inbox, 1, "1"_ba), std::nullopt);
    QCOMPARE(store->part(inbox, 2, ""_ba), std::nullopt);
    QCOMPARE(QDir(m_dir->filePath(u"account/parts"_s)).entryList(QDir::Files).size(), 0);
    QCOMPARE(store->cachedPartBytes(), 4);
    QCOMPARE(store->journalEntries().size(), 1);
    QCOMPARE(store->journalEntries().constFirst().id, otherEntry);
    QCOMPARE(store->messageCount(other), 10);
    QCOMPARE(store->part(other, 1, "1"_ba), "kept"_ba);

    QVERIFY(!store->removeMailbox(inbox).ok());
}

void TestAccountStore::messageRoundTrip()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);

    MessageRecord full;
    full.uid = 4000000000u;
    full.flags = flagsOf("(\\Seen \\Answered \\Flagged \\Deleted \\Draft \\Recent $Forwarded NonJunk \\XExt)");
    full.modSeq = 9007199254740993ULL; // > 2^53 as well as > 2^32: no double on the way
    full.internalDate = utc(2026, 3, 14, 1, 59, 26, 535);
    full.size = 5000000000ULL;
    full.date = utc(2026, 3, 14, 10, 59, 0);
    full.subject = u"会議の日程について 📅"_s;
    full.fromName = u"山田 太郎"_s;
    full.fromAddress = u"taro@example.jp"_s;
    full.to = u"Alice <alice@example.org>, 花子 <hanako@example.jp>"_s;
    full.cc = u"carol@example.org"_s;
    full.messageId = "<a1@example.jp>"_ba;
    full.inReplyTo = "<a0@example.jp>"_ba;
    full.references = "<z@example.jp> <a0@example.jp>"_ba;
    full.hasAttachment = true;
    full.preview = u"来週の会議ですが、火曜日に変更になりました。"_s;

    MessageRecord bare;
    bare.uid = 1;

    MailboxChanges changes;
    changes.added = {full, bare};
    QVERIFY(store->applyChanges(inbox, changes).ok());

    const auto readFull = store->message(inbox, full.uid);
    QVERIFY(readFull);
    QCOMPARE(*readFull, full);
    QCOMPARE(readFull->internalDate.timeSpec(), Qt::UTC);
    QCOMPARE(readFull->flags.toImapList(), full.flags.toImapList());
    QCOMPARE(store->message(inbox, 1), bare);
    QVERIFY(!store->message(inbox, 1)->date.isValid());
    QCOMPARE(store->message(inbox, 2), std::nullopt);

    // Keywords are matched by name, whatever case the server uses later.
    MailboxChanges flags;
    flags.flags.push_back(FlagUpdate{1, flagsOf("($forwarded nonjunk)"), 0});
    QVERIFY(store->applyChanges(inbox, flags).ok());
    QCOMPARE(store->message(inbox, 1)->flags, flagsOf("($Forwarded NonJunk)"));

    QVERIFY(store->setPreview(inbox, 1, u"プレビュー"_s, true).ok());
    QCOMPARE(store->message(inbox, 1)->preview, u"プレビュー"_s);
    QVERIFY(store->message(inbox, 1)->hasAttachment);
    QVERIFY(!store->setPreview(inbox, 2, u"x"_s, false).ok());

    QCOMPARE(store->bodyStructure(inbox, 1), std::nullopt);
    QVERIFY(store->setBodyStructure(inbox, 1, "(\"text\" \"plain\" NIL)"_ba, false).ok());
    QCOMPARE(store->bodyStructure(inbox, 1), "(\"text\" \"plain\" NIL)"_ba);
    QVERIFY(store->setBodyStructure(inbox, 1, "(\"text\" \"html\" NIL)"_ba, false).ok());
    QCOMPARE(store->bodyStructure(inbox, 1), "(\"text\" \"html\" NIL)"_ba);
    QVERIFY(!store->setBodyStructure(inbox, 2, "()"_ba, false).ok());
}

void TestAccountStore::applyChanges_data()
{
    QTest::addColumn<QByteArray>("step");
    QTest::newRow("add") << "add"_ba;
    QTest::newRow("replace-same-uid") << "replace"_ba;
    QTest::newRow("flags-known-and-unknown-uids") << "flags"_ba;
    QTest::newRow("flags-modseq-zero-keeps-stored") << "flags-unknown-modseq"_ba;
    QTest::newRow("remove-ranges") << "remove"_ba;
    QTest::newRow("unknown-mailbox-is-an-error") << "unknown-mailbox"_ba;
}

void TestAccountStore::applyChanges()
{
    QFETCH(QByteArray, step);
    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    MailboxChanges initial;
    initial.added = messages(1, 20);
    initial.sync = MailboxSyncState{7, 21, 1020};
    QVERIFY(store->applyChanges(inbox, initial).ok());
    QCOMPARE(store->messageCount(inbox), 20);
    QCOMPARE(store->uids(inbox), UidSet::fromRange(1, 20));

    MailboxChanges changes;
    if (step == "add") {
        changes.added = messages(21, 25);
        changes.sync = MailboxSyncState{7, 26, 1025};
        QVERIFY(store->applyChanges(inbox, changes).ok());
        QCOMPARE(store->uids(inbox), UidSet::fromRange(1, 25));
        QCOMPARE(store->message(inbox, 23), message(23));
        QCOMPARE(store->mailbox(inbox)->sync, (MailboxSyncState{7, 26, 1025}));
    } else if (step == "replace") {
        MessageRecord changed = message(5);
        changed.subject = u"Changed"_s;
        changed.flags = flagsOf("(\\Flagged)");
        changes.added = {changed};
        QVERIFY(store->setBodyStructure(inbox, 5, "(x)"_ba, false).ok());
        QVERIFY(store->applyChanges(inbox, changes).ok());
        QCOMPARE(store->messageCount(inbox), 20);
        QCOMPARE(store->message(inbox, 5), changed);
        // The same UID is the same message: its structure stays.
        QCOMPARE(store->bodyStructure(inbox, 5), "(x)"_ba);
        QCOMPARE(store->mailbox(inbox)->sync, initial.sync);
    } else if (step == "flags") {
        changes.flags.push_back(FlagUpdate{2, flagsOf("(\\Seen $Label1)"), 5000});
        changes.flags.push_back(FlagUpdate{99, flagsOf("(\\Seen)"), 5001});
        QVERIFY(store->applyChanges(inbox, changes).ok());
        QCOMPARE(store->message(inbox, 2)->flags, flagsOf("(\\Seen $Label1)"));
        QCOMPARE(store->message(inbox, 2)->modSeq, 5000u);
        QCOMPARE(store->message(inbox, 99), std::nullopt);
        QCOMPARE(store->messageCount(inbox), 20);
    } else if (step == "flags-unknown-modseq") {
        changes.flags.push_back(FlagUpdate{2, flagsOf("(\\Seen)"), 0});
        QVERIFY(store->applyChanges(inbox, changes).ok());
        QCOMPARE(store->message(inbox, 2)->flags, flagsOf("(\\Seen)"));
        QCOMPARE(store->message(inbox, 2)->modSeq, message(2).modSeq);
    } else if (step == "remove") {
        QVERIFY(store->setBodyStructure(inbox, 4, "(x)"_ba, false).ok());
        changes.removed = UidSet{2, 3, 4, 10};
        changes.removed.insert(15, 40);
        QVERIFY(store->applyChanges(inbox, changes).ok());
        UidSet expected = UidSet::fromRange(1, 14);
        expected -= UidSet{2, 3, 4, 10};
        QCOMPARE(store->uids(inbox), expected);
        QCOMPARE(store->bodyStructure(inbox, 4), std::nullopt);
        QCOMPARE(store->messageCount(inbox), 10);
    } else if (step == "unknown-mailbox") {
        changes.added = messages(1, 2);
        changes.sync = MailboxSyncState{1, 3, 0};
        const auto result = store->applyChanges(inbox + 100, changes);
        QVERIFY(!result.ok());
        QVERIFY(!result.error().message.isEmpty());
        QCOMPARE(store->messageCount(inbox + 100), 0);
    } else {
        QFAIL("unknown step");
    }
}

void TestAccountStore::countsTakenOrRecomputed()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    MailboxChanges changes;
    changes.added = messages(1, 30); // UIDs divisible by 3 are \Seen: 10 seen, 20 unseen
    QVERIFY(store->applyChanges(inbox, changes).ok());
    QCOMPARE(store->mailbox(inbox)->counts, (MailboxCounts{30, 20}));

    MailboxChanges read;
    read.flags.push_back(FlagUpdate{1, flagsOf("(\\Seen)"), 0});
    read.flags.push_back(FlagUpdate{3, flagsOf("()"), 0});
    read.flags.push_back(FlagUpdate{4, flagsOf("(\\Seen \\Flagged)"), 0});
    read.removed = UidSet{5, 6};
    QVERIFY(store->applyChanges(inbox, read).ok());
    // 28 left; unseen: 20 - 1 (uid 1) + 1 (uid 3) - 1 (uid 4) - 1 (uid 5, unseen, removed)
    QCOMPARE(store->mailbox(inbox)->counts, (MailboxCounts{28, 18}));

    // Counts from STATUS are taken as they are.
    MailboxChanges status;
    status.counts = MailboxCounts{500, 7};
    QVERIFY(store->applyChanges(inbox, status).ok());
    QCOMPARE(store->mailbox(inbox)->counts, (MailboxCounts{500, 7}));
}

void TestAccountStore::failedTransactionChangesNothing()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    MailboxChanges initial;
    initial.added = messages(1, 10);
    initial.sync = MailboxSyncState{7, 11, 1010};
    QVERIFY(store->applyChanges(inbox, initial).ok());
    const MailboxRecord before = *store->mailbox(inbox);
    const auto rowsBefore = store->messages(inbox, UidSet::fromRange(1, 100));

    const auto result = store->transaction([&]() -> Result<> {
        MailboxChanges more;
        more.added = messages(11, 20);
        more.added.back().flags = flagsOf("($NeverCommitted)");
        more.flags.push_back(FlagUpdate{1, flagsOf("(\\Flagged $AlsoNeverCommitted)"), 2000});
        more.removed = UidSet{2};
        more.sync = MailboxSyncState{7, 21, 2020};
        if (auto applied = store->applyChanges(inbox, more); !applied) {
            return applied;
        }
        if (auto added = addMailbox(*store, u"Ghost"_s); added == 0) {
            return Error{u"could not add"_s};
        }
        return Error{u"the server said NO"_s};
    });
    QVERIFY(!result.ok());
    QCOMPARE(result.error().message, u"the server said NO"_s);
    QCOMPARE(*store->mailbox(inbox), before);
    QCOMPARE(store->messages(inbox, UidSet::fromRange(1, 100)), rowsBefore);
    QCOMPARE(store->mailboxByPath(u"Ghost"_s), std::nullopt);

    // The keywords the rolled-back work introduced are gone with it; using them again stores
    // them afresh rather than pointing at rows that no longer exist.
    MailboxChanges again;
    again.flags.push_back(FlagUpdate{1, flagsOf("($NeverCommitted)"), 0});
    QVERIFY(store->applyChanges(inbox, again).ok());
    store.reset();
    store = openStore();
    QVERIFY(store);
    QCOMPARE(store->message(inbox, 1)->flags, flagsOf("($NeverCommitted)"));
}

void TestAccountStore::nestedTransactionJoinsOuter()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);

    // Inner success, outer failure: nothing.
    auto result = store->transaction([&]() -> Result<> {
        auto inner = store->transaction([&]() -> Result<> {
            MailboxChanges changes;
            changes.added = messages(1, 5);
            return store->applyChanges(inbox, changes);
        });
        if (!inner) {
            return inner;
        }
        return Error{u"outer fails"_s};
    });
    QVERIFY(!result.ok());
    QCOMPARE(store->messageCount(inbox), 0);

    // Inner failure handled by the outer: the outer's own work commits.
    result = store->transaction([&]() -> Result<> {
        MailboxChanges first;
        first.added = messages(1, 2);
        if (auto applied = store->applyChanges(inbox, first); !applied) {
            return applied;
        }
        auto inner = store->transaction([&]() -> Result<> {
            MailboxChanges second;
            second.added = messages(3, 4);
            if (auto applied = store->applyChanges(inbox, second); !applied) {
                return applied;
            }
            return Error{u"inner fails"_s};
        });
        return inner ? Result<>(Error{u"inner should have failed"_s}) : Result<>();
    });
    QVERIFY2(result.ok(), qPrintable(result.ok() ? QString() : result.error().message));
    QCOMPARE(store->uids(inbox), UidSet::fromRange(1, 2));
}

void TestAccountStore::newestMessages_data()
{
    QTest::addColumn<int>("limit");
    QTest::addColumn<uint>("below");
    QTest::addColumn<std::vector<Uid>>("expected");

    // The mailbox holds UIDs 1..10, 20 and 4294967295.
    QTest::newRow("newest-three") << 3 << uint(maxUid) << std::vector<Uid>{maxUid, 20, 10};
    QTest::newRow("below-twenty") << 3 << 20u << std::vector<Uid>{10, 9, 8};
    QTest::newRow("below-is-exclusive") << 2 << 10u << std::vector<Uid>{9, 8};
    QTest::newRow("below-a-gap") << 2 << 15u << std::vector<Uid>{10, 9};
    QTest::newRow("limit-beyond-rows") << 50 << 4u << std::vector<Uid>{3, 2, 1};
    QTest::newRow("nothing-below-one") << 5 << 1u << std::vector<Uid>{};
    QTest::newRow("zero-limit") << 0 << uint(maxUid) << std::vector<Uid>{};
}

void TestAccountStore::newestMessages()
{
    QFETCH(int, limit);
    QFETCH(uint, below);
    QFETCH(std::vector<Uid>, expected);

    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    const qint64 other = addMailbox(*store, u"Other"_s);
    MailboxChanges changes;
    changes.added = messages(1, 10);
    changes.added.push_back(message(20));
    changes.added.push_back(message(maxUid));
    QVERIFY(store->applyChanges(inbox, changes).ok());
    MailboxChanges otherChanges;
    otherChanges.added = messages(1, 30);
    QVERIFY(store->applyChanges(other, otherChanges).ok());

    const auto rows = store->newestMessages(inbox, limit, Uid(below));
    QCOMPARE(uidsOf(rows), expected);
    if (!rows.empty()) {
        QCOMPARE(rows.front(), message(expected.front()));
    }
}

void TestAccountStore::messagesAndFlagsForUidSet()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    MailboxChanges changes;
    changes.added = messages(1, 100);
    changes.added[49].flags = flagsOf("(\\Answered $Work)");
    QVERIFY(store->applyChanges(inbox, changes).ok());

    UidSet wanted{3, 50, 99};
    wanted.insert(10, 12);
    wanted.insert(200, 300); // none of these exist
    QCOMPARE(uidsOf(store->messages(inbox, wanted)), (std::vector<Uid>{3, 10, 11, 12, 50, 99}));
    QCOMPARE(store->messages(inbox, UidSet{50}).front(), changes.added[49]);

    const auto flags = store->flags(inbox, wanted);
    QCOMPARE(flags.size(), 6u);
    QCOMPARE(flags[0], (FlagUpdate{3, flagsOf("(\\Seen)"), 1003}));
    QCOMPARE(flags[1], (FlagUpdate{10, Flags(), 1010}));
    QCOMPARE(flags[4], (FlagUpdate{50, flagsOf("(\\Answered $Work)"), 1050}));
    QCOMPARE(store->flags(inbox, UidSet::fromRange(1, maxUid)).size(), 100u);
    QVERIFY(store->flags(inbox, UidSet()).empty());
}

// A search's matches are many scattered UIDs: messages() then reads them in one pass, which
// must give exactly what one statement per range gives.
void TestAccountStore::messagesForScatteredUids()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    const qint64 other = addMailbox(*store, u"Other"_s);
    MailboxChanges changes;
    changes.added = messages(1, 300);
    changes.added.erase(changes.added.begin() + 99); // UID 100 is gone
    QVERIFY(store->applyChanges(inbox, changes).ok());
    QVERIFY(store->applyChanges(other, changes).ok());

    UidSet wanted;
    for (Uid uid = 1; uid <= 310; uid += 3) // 104 ranges, the last ones past the end
        wanted.insert(uid);
    wanted.insert(150, 152);
    std::vector<Uid> expected;
    for (Uid uid : wanted) {
        if (uid <= 300 && uid != 100)
            expected.push_back(uid);
    }
    QVERIFY(wanted.ranges().size() > 16);
    const std::vector<MessageRecord> rows = store->messages(inbox, wanted);
    QCOMPARE(uidsOf(rows), expected);
    QCOMPARE(rows[1], changes.added[3]); // UID 4, whole
}

void TestAccountStore::scanMessagesReadsOnlyTheFieldsAsked()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    MailboxChanges changes;
    changes.added = messages(1, 5);
    changes.added[2].flags = flagsOf("(\\Flagged $Work)");
    QVERIFY(store->applyChanges(inbox, changes).ok());

    std::vector<MessageRecord> seen;
    MessageFields fields;
    fields.flags = true;
    fields.subject = true;
    store->scanMessages(inbox, fields, {}, [&seen](const MessageRecord &row, std::optional<bool> attachments) {
        QVERIFY(!attachments); // not asked for
        seen.push_back(row);
    });
    QCOMPARE(uidsOf(seen), (std::vector<Uid>{1, 2, 3, 4, 5}));
    QCOMPARE(seen[2].flags, changes.added[2].flags);
    QCOMPARE(seen[2].subject, changes.added[2].subject);
    QVERIFY(!seen[2].subject.isEmpty());
    QVERIFY(seen[2].fromAddress.isEmpty());
    QCOMPARE(seen[2].size, 0u);

    seen.clear();
    MessageFields all{true, true, true, true, true, true, true, true};
    store->scanMessages(inbox, all, {}, [&seen](const MessageRecord &row, std::optional<bool>) {
        seen.push_back(row);
    });
    QCOMPARE(seen.size(), 5u);
    const MessageRecord &whole = changes.added[4];
    QCOMPARE(seen[4].size, whole.size);
    QCOMPARE(seen[4].internalDate, whole.internalDate);
    QCOMPARE(seen[4].fromName, whole.fromName);
    QCOMPARE(seen[4].fromAddress, whole.fromAddress);
    QCOMPARE(seen[4].to, whole.to);
    QCOMPARE(seen[4].cc, whole.cc);

    // Whole rows, with the stored structure's answer after them.
    QVERIFY(store->setBodyStructure(inbox, 2, "(s)"_ba, true).ok());
    seen.clear();
    MessageFields wholeRows;
    wholeRows.whole = true;
    wholeRows.attachments = true;
    std::vector<std::optional<bool>> answers;
    store->scanMessages(inbox, wholeRows, {}, [&](const MessageRecord &row, std::optional<bool> attachments) {
        seen.push_back(row);
        answers.push_back(attachments);
    });
    QCOMPARE(seen, store->messages(inbox, UidSet::fromRange(1, 5)));
    QCOMPARE(answers, (std::vector<std::optional<bool>>{std::nullopt, true, std::nullopt, std::nullopt, std::nullopt}));
}

void TestAccountStore::scanMessagesKeepsWhatTheFilterAsks_data()
{
    QTest::addColumn<ScanFilter>("filter");
    QTest::addColumn<Uid>("after");
    QTest::addColumn<qsizetype>("limit");
    QTest::addColumn<std::vector<Uid>>("expected");
    // 1 seen, 2 seen and flagged, 3 unseen, 4 unseen and flagged, 5 seen, 6 seen and flagged;
    // the structures of 2, 4 and 5 have attachments, that of 3 none, and 1 and 6 have none stored.
    const ScanFilter none;
    const ScanFilter unseen{.unseen = true};
    const ScanFilter flagged{.flagged = true};
    const ScanFilter attachments{.attachments = true};
    QTest::newRow("none") << none << Uid(0) << qsizetype(-1) << std::vector<Uid>{1, 2, 3, 4, 5, 6};
    QTest::newRow("unseen") << unseen << Uid(0) << qsizetype(-1) << std::vector<Uid>{3, 4};
    QTest::newRow("flagged") << flagged << Uid(0) << qsizetype(-1) << std::vector<Uid>{2, 4, 6};
    QTest::newRow("both") << ScanFilter{.unseen = true, .flagged = true} << Uid(0) << qsizetype(-1)
                          << std::vector<Uid>{4};
    QTest::newRow("attachments") << attachments << Uid(0) << qsizetype(-1) << std::vector<Uid>{2, 4, 5};
    QTest::newRow("attachments-unseen") << ScanFilter{.unseen = true, .attachments = true} << Uid(0) << qsizetype(-1)
                                        << std::vector<Uid>{4};
    // The limit counts the rows kept, not those left out.
    QTest::newRow("flagged-slice") << flagged << Uid(2) << qsizetype(1) << std::vector<Uid>{4};
    QTest::newRow("flagged-last-slice") << flagged << Uid(4) << qsizetype(2) << std::vector<Uid>{6};
    QTest::newRow("attachments-slice") << attachments << Uid(2) << qsizetype(1) << std::vector<Uid>{4};
    QTest::newRow("attachments-flagged-slice")
        << ScanFilter{.flagged = true, .attachments = true} << Uid(2) << qsizetype(2) << std::vector<Uid>{4};
}

void TestAccountStore::scanMessagesKeepsWhatTheFilterAsks()
{
    QFETCH(ScanFilter, filter);
    QFETCH(Uid, after);
    QFETCH(qsizetype, limit);
    QFETCH(std::vector<Uid>, expected);

    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    MailboxChanges changes;
    changes.added = messages(1, 6);
    const char *const flags[]
        = {"(\\Seen)", "(\\Seen \\Flagged)", "()", "(\\Flagged)", "(\\Seen)", "(\\Seen \\Flagged)"};
    for (std::size_t i = 0; i < changes.added.size(); ++i)
        changes.added[i].flags = flagsOf(flags[i]);
    QVERIFY(store->applyChanges(inbox, changes).ok());
    for (Uid uid : {2u, 4u, 5u})
        QVERIFY(store->setBodyStructure(inbox, uid, "(with)"_ba, true).ok());
    QVERIFY(store->setBodyStructure(inbox, 3, "(without)"_ba, false).ok());

    // Whole rows, with the answers: what a filtered scan reads.
    MessageFields fields;
    fields.whole = true;
    fields.attachments = true;
    std::vector<MessageRecord> seen;
    const qsizetype visited = store->scanMessages(
        inbox, fields, filter,
        [&seen, filter](const MessageRecord &row, std::optional<bool> attachments) {
            seen.push_back(row);
            if (filter.attachments)
                QCOMPARE(attachments, std::optional<bool>(true));
        },
        after, limit);
    QCOMPARE(uidsOf(seen), expected);
    QCOMPARE(visited, qsizetype(expected.size()));
    std::vector<MessageRecord> whole;
    for (Uid uid : expected)
        whole.push_back(*store->message(inbox, uid));
    QCOMPARE(seen, whole);
}

void TestAccountStore::structuresAnswerHasAttachment()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    MailboxChanges changes;
    changes.added = messages(1, 4);
    QVERIFY(store->applyChanges(inbox, changes).ok());
    QVERIFY(store->setBodyStructure(inbox, 1, "(with)"_ba, true).ok());
    QVERIFY(store->setBodyStructure(inbox, 2, "(without)"_ba, false).ok());
    QVERIFY(store->setBodyStructure(inbox, 4, "(later without)"_ba, true).ok());
    QVERIFY(store->setBodyStructure(inbox, 4, "(later without)"_ba, false).ok()); // replaced, answer too

    // The scan passes each row's answer when asked, and none where no structure is stored.
    MessageFields fields;
    fields.attachments = true;
    std::vector<std::optional<bool>> answers;
    store->scanMessages(inbox, fields, {}, [&answers](const MessageRecord &, std::optional<bool> attachments) {
        answers.push_back(attachments);
    });
    QCOMPARE(answers, (std::vector<std::optional<bool>>{true, false, std::nullopt, false}));

    const AccountStore::StoredAttachments stored = store->storedAttachments(inbox, UidSet::fromRange(1, 4));
    QCOMPARE(stored.with, UidSet::fromRange(1, 1));
    UidSet without;
    without.insert(2);
    without.insert(4);
    QCOMPARE(stored.without, without);
    QVERIFY(stored.unanswered.isEmpty());
    // The structure itself is left where the answer is known.
    QCOMPARE(store->bodyStructure(inbox, 2), std::optional<QByteArray>("(without)"_ba));
}

void TestAccountStore::version1StructuresAreMigratedWithoutAnswer()
{
    const QString file = m_dir->filePath(u"account/cache.sqlite"_s);
    {
        auto store = openStore();
        QVERIFY(store);
        const qint64 inbox = addMailbox(*store, u"INBOX"_s);
        MailboxChanges changes;
        changes.added = messages(1, 2);
        QVERIFY(store->applyChanges(inbox, changes).ok());
        QVERIFY(store->setBodyStructure(inbox, 1, "(old)"_ba, true).ok());
    }
    // Back to what version 1 wrote: no answer column, no index of the flagged rows or of those
    // with attachments.
    const QString name = u"tst_AccountStore.downgrade"_s;
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(u"QSQLITE"_s, name);
        db.setDatabaseName(file);
        QVERIFY(db.open());
        QSqlQuery query(db);
        for (const QString &sql :
             {u"DROP INDEX messages_flagged"_s, u"DROP INDEX body_structures_attachments"_s,
              u"ALTER TABLE body_structures DROP COLUMN has_attachments"_s, u"PRAGMA user_version = 1"_s})
            QVERIFY2(query.exec(sql), qPrintable(query.lastError().text()));
        query.finish();
        db.close();
    }
    QSqlDatabase::removeDatabase(name);

    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(pragma(file, u"PRAGMA user_version"_s).toInt(), AccountStore::schemaVersion());
    QCOMPARE(pragma(file, u"SELECT COUNT(*) FROM sqlite_master WHERE name = 'messages_flagged'"_s).toInt(), 1);
    QCOMPARE(pragma(file, u"SELECT COUNT(*) FROM sqlite_master WHERE name = 'body_structures_attachments'"_s).toInt(),
             1);
    const qint64 inbox = store->mailboxByPath(u"INBOX"_s)->id;
    // The old structure is kept, and said to have no answer yet.
    AccountStore::StoredAttachments stored = store->storedAttachments(inbox, UidSet::fromRange(1, 2));
    QVERIFY(stored.with.isEmpty() && stored.without.isEmpty());
    QCOMPARE(stored.unanswered.value(1), "(old)"_ba);
    QCOMPARE(stored.unanswered.size(), 1);
    MessageFields fields;
    fields.attachments = true;
    store->scanMessages(inbox, fields, {}, [](const MessageRecord &, std::optional<bool> attachments) {
        QVERIFY(!attachments);
    });
    QVERIFY(store->setBodyStructure(inbox, 1, "(old)"_ba, true).ok());
    stored = store->storedAttachments(inbox, UidSet::fromRange(1, 2));
    QCOMPARE(stored.with, UidSet::fromRange(1, 1));
    QVERIFY(stored.unanswered.isEmpty());
}

void TestAccountStore::findByMessageId()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    const qint64 sent = addMailbox(*store, u"Sent"_s);
    MailboxChanges changes;
    changes.added = messages(1, 10);
    changes.added[6].messageId = "<dup@example.org>"_ba;
    changes.added[8].messageId = "<dup@example.org>"_ba;
    QVERIFY(store->applyChanges(inbox, changes).ok());
    MailboxChanges other;
    other.added = {message(5)};
    QVERIFY(store->applyChanges(sent, other).ok());

    QCOMPARE(store->findByMessageId(inbox, "<msg-5@example.org>"_ba), UidSet{5});
    QCOMPARE(store->findByMessageId(inbox, "<dup@example.org>"_ba), (UidSet{7, 9}));
    QCOMPARE(store->findByMessageId(sent, "<dup@example.org>"_ba), UidSet());
    QCOMPARE(store->findByMessageId(inbox, "<nope@example.org>"_ba), UidSet());
    QCOMPARE(store->findByMessageId(inbox, QByteArray()), UidSet());
}

void TestAccountStore::resetMailboxDropsOnlyThatMailbox()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    const qint64 other = addMailbox(*store, u"Other"_s);
    MailboxChanges changes;
    changes.added = messages(1, 10);
    changes.sync = MailboxSyncState{7, 11, 500};
    QVERIFY(store->applyChanges(inbox, changes).ok());
    QVERIFY(store->applyChanges(other, changes).ok());
    QVERIFY(store->setBodyStructure(inbox, 1, "(x)"_ba, false).ok());
    QVERIFY(store->storePart(inbox, 1, "1"_ba, "inbox part"_ba).ok());
    QVERIFY(store->storePart(inbox, 2, "1"_ba, QByteArray(256 * 1024, 'f')).ok());
    QVERIFY(store->storePart(other, 1, "1"_ba, "other part"_ba).ok());

    JournalEntry uidBased;
    uidBased.kind = "flags";
    uidBased.mailboxId = inbox;
    uidBased.uidValidity = 7;
    JournalEntry folderOperation;
    folderOperation.kind = "rename";
    folderOperation.mailboxId = inbox;
    JournalEntry otherMailbox = uidBased;
    otherMailbox.mailboxId = other;
    QVERIFY(store->addJournalEntry(uidBased).ok());
    const qint64 keptFolder = store->addJournalEntry(folderOperation).value();
    const qint64 keptOther = store->addJournalEntry(otherMailbox).value();

    QVERIFY(store->resetMailbox(inbox, 8).ok());
    QCOMPARE(store->messageCount(inbox), 0);
    QCOMPARE(store->mailbox(inbox)->sync, (MailboxSyncState{8, 0, 0}));
    QCOMPARE(store->mailbox(inbox)->counts, (MailboxCounts{0, 0}));
    QCOMPARE(store->bodyStructure(inbox, 1), std::nullopt);
    QCOMPARE(store->part(inbox, 1, "1"_ba), std::nullopt);
    QCOMPARE(QDir(m_dir->filePath(u"account/parts"_s)).entryList(QDir::Files).size(), 0);
    QList<qint64> journalIds;
    for (const JournalEntry &entry : store->journalEntries()) {
        journalIds.append(entry.id);
    }
    QCOMPARE(journalIds, (QList<qint64>{keptFolder, keptOther}));

    QCOMPARE(store->messageCount(other), 10);
    QCOMPARE(store->mailbox(other)->sync, (MailboxSyncState{7, 11, 500}));
    QCOMPARE(store->part(other, 1, "1"_ba), "other part"_ba);
    QCOMPARE(store->cachedPartBytes(), qint64("other part"_ba.size()));
}

void TestAccountStore::reopenSeesEverything()
{
    qint64 inbox = 0;
    JournalEntry entry;
    UndoRecord undo;
    {
        auto store = openStore();
        QVERIFY(store);
        inbox = addMailbox(*store, u"INBOX"_s);
        MailboxChanges changes;
        changes.added = messages(1, 50);
        changes.added[0].flags = flagsOf("(\\Seen $Persisted)");
        changes.sync = MailboxSyncState{7, 51, 1050};
        QVERIFY(store->applyChanges(inbox, changes).ok());
        QVERIFY(store->setBodyStructure(inbox, 1, "(s)"_ba, false).ok());
        QVERIFY(store->storePart(inbox, 1, "1"_ba, "hello"_ba).ok());
        QVERIFY(store->storePart(inbox, 2, "TEXT"_ba, QByteArray(400 * 1024, 'L')).ok());
        entry.kind = "move";
        entry.mailboxId = inbox;
        entry.uidValidity = 7;
        entry.payload = R"({"uids":"1:5"})"_ba;
        entry.created = utc(2026, 5, 1, 12, 0, 0);
        entry.id = store->addJournalEntry(entry).value();
        undo.description = u"Moved 5 messages to Archive"_s;
        undo.payload = "{}"_ba;
        undo.created = utc(2026, 5, 1, 12, 0, 1);
        undo.id = store->pushUndo(undo).value();
    }
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->mailbox(inbox)->sync, (MailboxSyncState{7, 51, 1050}));
    QCOMPARE(store->uids(inbox), UidSet::fromRange(1, 50));
    QCOMPARE(store->message(inbox, 1)->flags, flagsOf("(\\Seen $Persisted)"));
    QCOMPARE(store->message(inbox, 30), message(30));
    QCOMPARE(store->bodyStructure(inbox, 1), "(s)"_ba);
    QCOMPARE(store->part(inbox, 1, "1"_ba), "hello"_ba);
    QCOMPARE(store->part(inbox, 2, "TEXT"_ba), QByteArray(400 * 1024, 'L'));
    QCOMPARE(store->cachedPartBytes(), 5 + 400 * 1024);
    QCOMPARE(store->journalEntries(), QList<JournalEntry>{entry});
    QCOMPARE(store->undoRecords(), QList<UndoRecord>{undo});
}

void TestAccountStore::partRoundTrip_data()
{
    QTest::addColumn<QByteArray>("section");
    QTest::addColumn<QByteArray>("data");
    QTest::addColumn<bool>("inFile");

    QTest::newRow("small-text-part") << "1.2"_ba
                                     << "こんにちは"_ba << false;
    QTest::newRow("whole-message") << ""_ba
                                   << "From: a@b\r\n\r\nbody\r\n"_ba << false;
    QTest::newRow("header-section") << "HEADER"_ba
                                    << "Subject: x\r\n\r\n"_ba << false;
    QTest::newRow("empty-part") << "2"_ba
                                << ""_ba << false;
    QTest::newRow("just-below-file-size") << "3"_ba << QByteArray(256 * 1024 - 1, 'b') << false;
    QTest::newRow("file-size") << "4"_ba << QByteArray(256 * 1024, 'c') << true;
    QTest::newRow("large-binary") << "5"_ba << QByteArray(3 * 1024 * 1024, '\0') << true;
}

void TestAccountStore::partRoundTrip()
{
    QFETCH(QByteArray, section);
    QFETCH(QByteArray, data);
    QFETCH(bool, inFile);

    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    MailboxChanges changes;
    changes.added = messages(1, 2);
    QVERIFY(store->applyChanges(inbox, changes).ok());

    QCOMPARE(store->part(inbox, 1, section), std::nullopt);
    QVERIFY(store->storePart(inbox, 1, section, data).ok());
    QCOMPARE(store->part(inbox, 1, section), data);
    QCOMPARE(store->part(inbox, 2, section), std::nullopt);
    QCOMPARE(store->cachedPartBytes(), data.size());
    // Files are named from ids only, never from anything the server sent.
    const QStringList files = partFiles();
    QCOMPARE(files.size(), inFile ? 1 : 0);
    if (inFile) {
        bool isNumber = false;
        files.constFirst().toLongLong(&isNumber);
        QVERIFY2(isNumber, qPrintable(files.constFirst()));
    }

    // Storing the section again replaces it, file and all.
    QVERIFY(store->storePart(inbox, 1, section, "replaced"_ba).ok());
    QCOMPARE(store->part(inbox, 1, section), "replaced"_ba);
    QCOMPARE(store->cachedPartBytes(), 8);
    QCOMPARE(partFiles().size(), 0);

    // A part of a message the store does not have is an error, not an orphan.
    QVERIFY(!store->storePart(inbox, 99, section, data).ok());
    QCOMPARE(store->cachedPartBytes(), 8);
    QCOMPARE(partFiles().size(), 0);
}

void TestAccountStore::partsEvictLeastRecentlyRead()
{
    auto store = openStore({1000});
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    const qint64 other = addMailbox(*store, u"Other"_s);
    MailboxChanges changes;
    changes.added = messages(1, 10);
    QVERIFY(store->applyChanges(inbox, changes).ok());
    QVERIFY(store->applyChanges(other, changes).ok());

    const QByteArray block(300, 'p');
    QVERIFY(store->storePart(inbox, 1, "1"_ba, block).ok()); // A
    QVERIFY(store->storePart(other, 2, "1"_ba, block).ok()); // B, in another mailbox
    QVERIFY(store->storePart(inbox, 3, "1"_ba, block).ok()); // C
    QCOMPARE(store->cachedPartBytes(), 900);
    // Reading A makes B the least recently used.
    QCOMPARE(store->part(inbox, 1, "1"_ba), block);
    QVERIFY(store->storePart(inbox, 4, "1"_ba, block).ok()); // D evicts B
    QCOMPARE(store->cachedPartBytes(), 900);
    QCOMPARE(store->part(other, 2, "1"_ba), std::nullopt);
    QVERIFY(store->part(inbox, 3, "1"_ba));                  // C read: now A is the oldest
    QVERIFY(store->storePart(inbox, 5, "1"_ba, block).ok()); // E evicts A
    QCOMPARE(store->part(inbox, 1, "1"_ba), std::nullopt);
    QVERIFY(store->part(inbox, 3, "1"_ba));
    QVERIFY(store->part(inbox, 4, "1"_ba));
    QVERIFY(store->part(inbox, 5, "1"_ba));

    // One big part may push out several small ones; the read order survives a reopen.
    store.reset();
    store = openStore({1000});
    QVERIFY(store);
    QCOMPARE(store->cachedPartBytes(), 900);
    QVERIFY(store->part(inbox, 4, "1"_ba)); // order now: C, E, D
    QVERIFY(store->storePart(inbox, 6, "1"_ba, QByteArray(650, 'q')).ok());
    QCOMPARE(store->part(inbox, 3, "1"_ba), std::nullopt);
    QCOMPARE(store->part(inbox, 5, "1"_ba), std::nullopt);
    QVERIFY(store->part(inbox, 4, "1"_ba));
    QCOMPARE(store->cachedPartBytes(), 950);

    // Lowering the budget evicts at once.
    store->setBodyBudget(700);
    QCOMPARE(store->cachedPartBytes(), 300);
    QVERIFY(store->part(inbox, 4, "1"_ba));
    QCOMPARE(store->part(inbox, 6, "1"_ba), std::nullopt);
}

void TestAccountStore::partOverBudgetIsNotKept()
{
    auto store = openStore({1000});
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    MailboxChanges changes;
    changes.added = messages(1, 2);
    QVERIFY(store->applyChanges(inbox, changes).ok());
    QVERIFY(store->storePart(inbox, 1, "1"_ba, QByteArray(400, 'a')).ok());

    QVERIFY(store->storePart(inbox, 2, "1"_ba, QByteArray(1001, 'z')).ok());
    QCOMPARE(store->part(inbox, 2, "1"_ba), std::nullopt);
    QCOMPARE(store->part(inbox, 1, "1"_ba), QByteArray(400, 'a')); // nothing evicted for it
    QCOMPARE(store->cachedPartBytes(), 400);

    QVERIFY(store->storePart(inbox, 2, "1"_ba, QByteArray(1000, 'y')).ok()); // exactly fits
    QCOMPARE(store->part(inbox, 2, "1"_ba), QByteArray(1000, 'y'));
    QCOMPARE(store->part(inbox, 1, "1"_ba), std::nullopt);
    QCOMPARE(store->cachedPartBytes(), 1000);
}

void TestAccountStore::partFilesGoWithTheirRows()
{
    const qint64 big = 300 * 1024;
    auto store = openStore({2 * big + 100});
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);
    MailboxChanges changes;
    changes.added = messages(1, 5);
    QVERIFY(store->applyChanges(inbox, changes).ok());

    QVERIFY(store->storePart(inbox, 1, "1"_ba, QByteArray(big, '1')).ok());
    QVERIFY(store->storePart(inbox, 2, "1"_ba, QByteArray(big, '2')).ok());
    QCOMPARE(partFiles().size(), 2);
    // Evicted: the file of message 1 goes.
    QVERIFY(store->storePart(inbox, 3, "1"_ba, QByteArray(200, '3')).ok());
    QCOMPARE(store->part(inbox, 1, "1"_ba), std::nullopt);
    QCOMPARE(partFiles().size(), 1);

    // A removal that rolls back keeps the file; one that commits removes it.
    const auto failed = store->transaction([&]() -> Result<> {
        MailboxChanges expunge;
        expunge.removed = UidSet{2};
        if (auto applied = store->applyChanges(inbox, expunge); !applied) {
            return applied;
        }
        return Error{u"abandoned"_s};
    });
    QVERIFY(!failed.ok());
    QCOMPARE(partFiles().size(), 1);
    QCOMPARE(store->part(inbox, 2, "1"_ba), QByteArray(big, '2'));
    QCOMPARE(store->cachedPartBytes(), big + 200);

    MailboxChanges expunge;
    expunge.removed = UidSet{2};
    QVERIFY(store->applyChanges(inbox, expunge).ok());
    QCOMPARE(partFiles().size(), 0);
    QCOMPARE(store->cachedPartBytes(), 200);

    // A file written by a transaction that rolls back goes too.
    const auto abandoned = store->transaction([&]() -> Result<> {
        if (auto stored = store->storePart(inbox, 4, "1"_ba, QByteArray(big, '4')); !stored) {
            return stored;
        }
        return Error{u"abandoned"_s};
    });
    QVERIFY(!abandoned.ok());
    QCOMPARE(partFiles().size(), 0);
    QCOMPARE(store->part(inbox, 4, "1"_ba), std::nullopt);
    QCOMPARE(store->cachedPartBytes(), 200);
}

void TestAccountStore::strayPartFilesAreSweptOnOpen()
{
    qint64 inbox = 0;
    {
        auto store = openStore();
        QVERIFY(store);
        inbox = addMailbox(*store, u"INBOX"_s);
        MailboxChanges changes;
        changes.added = messages(1, 2);
        QVERIFY(store->applyChanges(inbox, changes).ok());
        QVERIFY(store->storePart(inbox, 1, "1"_ba, QByteArray(300 * 1024, 'k')).ok());
    }
    // What a crash after a commit, or in the middle of writing a file, leaves behind.
    for (const QString &name : {u"999"_s, u"12.tmp"_s, u"7.aBcDeF"_s}) {
        QFile stray(m_dir->filePath(u"account/parts/"_s + name));
        QVERIFY(stray.open(QIODevice::WriteOnly));
        stray.write("stray");
    }
    QCOMPARE(partFiles().size(), 4);
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(partFiles().size(), 1);
    QCOMPARE(store->part(inbox, 1, "1"_ba), QByteArray(300 * 1024, 'k'));
}

void TestAccountStore::journalOrderAndPendingFilter()
{
    auto store = openStore();
    QVERIFY(store);
    const qint64 inbox = addMailbox(*store, u"INBOX"_s);

    QList<JournalEntry> entries;
    const QList<JournalEntry::State> states{JournalEntry::State::Pending, JournalEntry::State::Done,
                                            JournalEntry::State::Sent, JournalEntry::State::Failed,
                                            JournalEntry::State::Pending};
    for (int i = 0; i < states.size(); ++i) {
        JournalEntry entry;
        entry.kind = i % 2 ? "move"_ba : "flags"_ba;
        entry.state = states.at(i);
        entry.mailboxId = inbox;
        entry.uidValidity = 7;
        entry.payload = R"({"uids":")" + QByteArray::number(i + 1) + R"("})";
        entry.created = utc(2026, 6, 1, 9, 0, i);
        entry.attempts = i;
        entry.error = i == 3 ? u"サーバーが拒否しました"_s : QString();
        auto added = store->addJournalEntry(entry);
        QVERIFY(added.ok());
        entry.id = added.value();
        if (!entries.isEmpty()) {
            QVERIFY(entry.id > entries.constLast().id);
        }
        entries.append(entry);
    }
    QCOMPARE(store->journalEntries(), entries);
    QCOMPARE(store->pendingJournalEntries(), (QList<JournalEntry>{entries[0], entries[2], entries[4]}));
    QCOMPARE(store->journalEntry(entries[3].id), entries[3]);
    QCOMPARE(store->journalEntry(12345), std::nullopt);

    // Update: sent once, failed once, then done.
    JournalEntry updated = entries[0];
    updated.state = JournalEntry::State::Done;
    updated.attempts = 2;
    updated.error = u"timeout"_s;
    QVERIFY(store->updateJournalEntry(updated).ok());
    QCOMPARE(store->journalEntry(updated.id), updated);
    QCOMPARE(store->pendingJournalEntries(), (QList<JournalEntry>{entries[2], entries[4]}));

    // Removing the newest never lets its id come back.
    QVERIFY(store->removeJournalEntry(entries[4].id).ok());
    JournalEntry later;
    later.kind = "delete";
    const qint64 laterId = store->addJournalEntry(later).value();
    QVERIFY(laterId > entries[4].id);

    QVERIFY(!store->addJournalEntry(updated).ok()); // already has an id
    JournalEntry missing = updated;
    missing.id = 12345;
    QVERIFY(!store->updateJournalEntry(missing).ok());
}

void TestAccountStore::undoStackIsNewestFirst()
{
    auto store = openStore();
    QVERIFY(store);
    QCOMPARE(store->topUndo(), std::nullopt);
    QList<UndoRecord> pushed;
    for (int i = 0; i < 3; ++i) {
        UndoRecord record;
        record.description = u"Step %1"_s.arg(i);
        record.payload = "[" + QByteArray::number(i) + "]";
        record.created = utc(2026, 6, 1, 10, 0, i);
        record.id = store->pushUndo(record).value();
        pushed.prepend(record);
    }
    QCOMPARE(store->undoRecords(), pushed);
    QCOMPARE(store->topUndo(), pushed.constFirst());
    QVERIFY(store->removeUndo(pushed.constFirst().id).ok());
    QCOMPARE(store->topUndo(), pushed.at(1));
    QVERIFY(!store->pushUndo(pushed.at(1)).ok()); // already has an id
    UndoRecord next;
    next.description = u"Step 3"_s;
    const qint64 nextId = store->pushUndo(next).value();
    QVERIFY(nextId > pushed.constFirst().id);
    QCOMPARE(store->topUndo()->description, u"Step 3"_s);
}

void TestAccountStore::crashNeverClaimsMoreThanTheRows()
{
    const QString directory = m_dir->filePath(u"account"_s);
    Uid lastReported = 0;
    // Several kills at different moments: right after a report, and mid-batch a little later.
    for (int round = 0; round < 4; ++round) {
        QProcess writer;
        writer.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        writer.start(QCoreApplication::applicationFilePath(), {QString::fromLatin1(crashWriterArgument), directory});
        QVERIFY(writer.waitForStarted());
        // Wait for a few commits, then kill it wherever it is.
        int reports = 0;
        while (reports < 3 + round) {
            QVERIFY2(writer.waitForReadyRead(30000), "the writer stopped reporting");
            while (writer.canReadLine()) {
                lastReported = Uid(writer.readLine().trimmed().toUInt());
                ++reports;
            }
        }
        QTest::qSleep(round * 7);
        writer.kill(); // SIGKILL: no destructor, no rollback, no checkpoint
        QVERIFY(writer.waitForFinished(30000));
        QCOMPARE(writer.exitStatus(), QProcess::CrashExit);

        auto opened = AccountStore::open(directory);
        QVERIFY2(opened.ok(), qPrintable(opened.ok() ? QString() : opened.error().message));
        auto store = std::move(opened).value();
        const auto inbox = store->mailboxByPath(u"INBOX"_s);
        QVERIFY(inbox);
        const Uid uidNext = inbox->sync.uidNext;
        // Everything the writer reported as committed is there, and never less than it claims.
        QVERIFY2(uidNext >= lastReported, qPrintable(u"uidNext %1 < reported %2"_s.arg(uidNext).arg(lastReported)));
        QCOMPARE(store->uids(inbox->id), UidSet::fromRange(1, uidNext - 1));
        QCOMPARE(inbox->counts.messages, quint32(uidNext - 1));
        QCOMPARE(inbox->sync.highestModSeq, quint64(uidNext) * 10);
    }
}

int main(int argc, char **argv)
{
    if (argc == 3 && qstrcmp(argv[1], crashWriterArgument) == 0) {
        QCoreApplication app(argc, argv);
        return runCrashWriter(QString::fromLocal8Bit(argv[2]));
    }
    QCoreApplication app(argc, argv);
    TestAccountStore test;
    return QTest::qExec(&test, argc, argv);
}

#include "tst_AccountStore.moc"
