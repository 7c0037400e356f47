// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "store/Database.h"

#include "store/Logging.h"
#include "store/Schema.h"

#include <QAtomicInteger>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QSqlError>

#include <ranges>

using namespace Qt::StringLiterals;

namespace fumi::store {

namespace {

QString uniqueConnectionName()
{
    static QAtomicInteger<quint64> counter;
    return u"fumi.store.%1"_s.arg(counter.fetchAndAddRelaxed(1));
}

} // namespace

Result<std::unique_ptr<Database>> Database::open(const QString &directory)
{
    const QString absolute = QDir(directory).absolutePath();
    if (!QFileInfo::exists(absolute)) {
        if (!QDir().mkpath(absolute)) {
            return Error{u"Cannot create the account cache directory %1"_s.arg(absolute)};
        }
        // The cache holds mail: only its owner may read it.
        QFile::setPermissions(absolute, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
    } else if (!QFileInfo(absolute).isDir()) {
        return Error{u"The account cache %1 is not a directory"_s.arg(absolute)};
    }

    std::unique_ptr<Database> database(new Database(absolute, uniqueConnectionName()));
    if (!database->m_db.isValid()) {
        return Error{u"The Qt SQLite driver is not available: %1"_s.arg(database->m_db.lastError().text())};
    }
    database->m_db.setDatabaseName(database->filePath());
    database->m_db.setConnectOptions(u"QSQLITE_BUSY_TIMEOUT=5000"_s);
    if (!database->m_db.open()) {
        return database->error(u"opening the database", database->m_db.lastError().text());
    }
    if (auto configured = database->configure(); !configured) {
        return configured.error();
    }
    return database;
}

Database::Database(QString directory, QString connectionName)
    : m_directory(std::move(directory))
    , m_connectionName(std::move(connectionName))
    , m_db(QSqlDatabase::addDatabase(u"QSQLITE"_s, m_connectionName))
{
}

Database::~Database()
{
    if (m_depth > 0) {
        qCWarning(lcStore) << "Closing" << filePath() << "inside a transaction; it rolls back";
    }
    // Every query and handle must be gone before removeDatabase(), or Qt keeps the connection.
    m_statements.clear();
    m_unprepared.reset();
    m_db.close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_connectionName);
}

QString Database::filePath() const
{
    return m_directory + u"/cache.sqlite"_s;
}

QString Database::partsDirectory() const
{
    return m_directory + u"/parts"_s;
}

Result<> Database::configure()
{
    // Read before writing anything: SQLite refuses a file that is not a database here, and a
    // schema from a newer Fumi must stay as it is. Neither check writes to the file.
    int version = 0;
    {
        QSqlQuery query(m_db);
        if (!query.exec(u"PRAGMA user_version"_s) || !query.next()) {
            return error(query, u"reading the schema version");
        }
        version = query.value(0).toInt();
    }
    if (version > Schema::version()) {
        return error(
            u"opening the database"_s,
            u"its schema version %1 is newer than this Fumi knows (%2); it was left untouched"_s.arg(version).arg(
                Schema::version()));
    }

    // WAL lets the GUI-facing reads of other connections proceed while the engine writes;
    // NORMAL is durable across application crashes (only a power loss can drop the last
    // commits, never corrupt). journal_mode and foreign_keys cannot change inside a transaction.
    {
        QSqlQuery query(m_db);
        if (!query.exec(u"PRAGMA journal_mode=WAL"_s) || !query.next()) {
            return error(query, u"switching to WAL mode");
        }
        if (query.value(0).toString().compare(u"wal"_s, Qt::CaseInsensitive) != 0) {
            return error(u"switching to WAL mode"_s, u"SQLite kept journal mode %1"_s.arg(query.value(0).toString()));
        }
    }
    // mmap_size: the file's pages are read in place from the system's cache rather than copied
    // into SQLite's by a read() each; reading a search's 3,000 scattered rows of a 100,000-message
    // mailbox spent a third of its time in those copies. The mapping only reserves address
    // space; SQLite maps at most the file's size.
    for (const QString &pragma :
         {u"PRAGMA synchronous=NORMAL"_s, u"PRAGMA foreign_keys=ON"_s, u"PRAGMA busy_timeout=5000"_s,
          u"PRAGMA cache_size=-8192"_s, u"PRAGMA mmap_size=1073741824"_s}) {
        if (auto done = execOnce(pragma, pragma); !done) {
            return done;
        }
    }
    return Schema::migrate(*this, version);
}

QSqlQuery &Database::prepared(const QString &sql)
{
    auto it = m_statements.find(sql);
    if (it == m_statements.end()) {
        auto query = std::make_unique<QSqlQuery>(m_db);
        // Forward-only: rows are read once, so Qt need not keep them.
        query->setForwardOnly(true);
        if (!query->prepare(sql)) {
            // A statement that does not prepare is a bug in the store; exec() reports it as an
            // error, and keeping it out of the cache lets a later call try again.
            qCWarning(lcStore) << "Cannot prepare" << sql << query->lastError().text();
            m_unprepared = std::move(query);
            return *m_unprepared;
        }
        it = m_statements.emplace(sql, std::move(query)).first;
    }
    return *it->second;
}

Result<> Database::exec(QSqlQuery &query, QStringView doing)
{
    if (&query == m_unprepared.get()) {
        return error(query, doing);
    }
    if (!query.exec()) {
        return error(query, doing);
    }
    return {};
}

Result<> Database::execOnce(const QString &sql, QStringView doing)
{
    QSqlQuery query(m_db);
    if (!query.exec(sql)) {
        return error(query, doing);
    }
    return {};
}

Error Database::error(const QSqlQuery &query, QStringView doing) const
{
    return error(doing, query.lastError().text());
}

Error Database::error(QStringView doing, const QString &detail) const
{
    return Error{u"%1 in %2 failed: %3"_s.arg(doing, filePath(), detail)};
}

Result<> Database::transaction(const std::function<Result<>()> &work)
{
    const std::size_t commitMark = m_afterCommit.size();
    const std::size_t rollbackMark = m_onRollback.size();
    const int depth = m_depth;
    const QString savepoint = u"fumi_%1"_s.arg(depth);

    if (auto begun = depth == 0 ? begin() : execOnce(u"SAVEPOINT "_s + savepoint, u"starting a savepoint"); !begun) {
        return begun;
    }
    ++m_depth;
    Result<> result = work();
    --m_depth;

    if (depth == 0) {
        if (result) {
            result = commit();
            if (result) {
                auto actions = std::move(m_afterCommit);
                m_afterCommit.clear();
                m_onRollback.clear();
                for (const auto &action : actions) {
                    action();
                }
                return result;
            }
        }
        rollback();
        return result;
    }

    if (result) {
        result = execOnce(u"RELEASE "_s + savepoint, u"releasing a savepoint");
        if (result) {
            return result;
        }
    }
    // Undo only what the inner work did, including its side effects outside the database.
    if (auto undone = execOnce(u"ROLLBACK TO "_s + savepoint, u"rolling back a savepoint"); !undone) {
        qCWarning(lcStore) << undone.error().message;
    }
    if (auto released = execOnce(u"RELEASE "_s + savepoint, u"releasing a savepoint"); !released) {
        qCWarning(lcStore) << released.error().message;
    }
    for (auto &action :
         std::ranges::reverse_view(m_onRollback) | std::views::take(m_onRollback.size() - rollbackMark)) {
        action();
    }
    m_onRollback.resize(rollbackMark);
    m_afterCommit.resize(commitMark);
    return result;
}

void Database::afterCommit(std::function<void()> action)
{
    if (m_depth == 0) {
        action();
        return;
    }
    m_afterCommit.push_back(std::move(action));
}

void Database::onRollback(std::function<void()> action)
{
    if (m_depth > 0) {
        m_onRollback.push_back(std::move(action));
    }
}

Result<> Database::begin()
{
    // IMMEDIATE takes the write lock now, so a busy database fails here (after the busy
    // timeout) rather than half-way through the work.
    return execOnce(u"BEGIN IMMEDIATE"_s, u"starting a transaction");
}

Result<> Database::commit()
{
    for (auto &[sql, statement] : m_statements) {
        statement->finish();
    }
    return execOnce(u"COMMIT"_s, u"committing");
}

void Database::rollback()
{
    for (auto &[sql, statement] : m_statements) {
        statement->finish();
    }
    if (auto done = execOnce(u"ROLLBACK"_s, u"rolling back"); !done) {
        qCWarning(lcStore) << done.error().message;
    }
    auto actions = std::move(m_onRollback);
    m_onRollback.clear();
    m_afterCommit.clear();
    for (auto &action : std::ranges::reverse_view(actions)) {
        action();
    }
}

} // namespace fumi::store
