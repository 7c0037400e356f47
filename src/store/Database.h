// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "store/Result.h"

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <functional>
#include <map>
#include <memory>
#include <vector>

namespace fumi::store {

// One SQLite connection to an account's cache file, and the transaction discipline the store
// builds on.
//
// The connection has a name of its own, so several stores (several accounts, or a test that
// reopens one) never share a QSqlDatabase. Statements are prepared once and reused: a bulk
// write binds and executes the same statement for every row. transaction() nests with
// savepoints, so an inner failure undoes only the inner work and the outer caller decides.
// Work that must not happen before the data is durable (deleting a body part's file) is queued
// with afterCommit(); work that undoes a side effect of a failed transaction (removing a file
// just written) with onRollback().
class Database
{
public:
    // Opens `<directory>/cache.sqlite`, creating the directory (0700) and the file when they are
    // missing, and migrates the schema (see Schema). A file that is not an SQLite database or
    // that a newer Fumi wrote is refused before anything is written to it.
    [[nodiscard]] static Result<std::unique_ptr<Database>> open(const QString &directory);
    ~Database();
    Database(const Database &) = delete;
    Database &operator=(const Database &) = delete;

    [[nodiscard]] QString directory() const { return m_directory; }
    [[nodiscard]] QString filePath() const;
    // Where body parts too large for a row live, one file per part, named by the part's id.
    [[nodiscard]] QString partsDirectory() const;

    // The cached prepared statement for `sql`, ready for binding. Callers finish() it when they
    // stop reading before the end, so a later COMMIT never sees a statement in progress.
    [[nodiscard]] QSqlQuery &prepared(const QString &sql);
    // Executes a bound prepared statement; the error names what the store was doing.
    [[nodiscard]] Result<> exec(QSqlQuery &query, QStringView doing);
    // Prepares and executes a statement once (pragmas, schema changes).
    [[nodiscard]] Result<> execOnce(const QString &sql, QStringView doing);
    [[nodiscard]] Error error(const QSqlQuery &query, QStringView doing) const;
    [[nodiscard]] Error error(QStringView doing, const QString &detail) const;

    [[nodiscard]] Result<> transaction(const std::function<Result<>()> &work);
    [[nodiscard]] bool inTransaction() const { return m_depth > 0; }
    // Runs `action` once the outermost transaction commits; dropped when it rolls back. Outside
    // a transaction it runs at once.
    void afterCommit(std::function<void()> action);
    // Runs `action` if the transaction (or savepoint) it was queued in rolls back.
    void onRollback(std::function<void()> action);

    [[nodiscard]] QSqlDatabase &connection() { return m_db; }

private:
    Database(QString directory, QString connectionName);
    [[nodiscard]] Result<> configure();
    [[nodiscard]] Result<> begin();
    [[nodiscard]] Result<> commit();
    void rollback();

    QString m_directory;
    QString m_connectionName;
    QSqlDatabase m_db;
    std::map<QString, std::unique_ptr<QSqlQuery>> m_statements;
    std::unique_ptr<QSqlQuery> m_unprepared;
    int m_depth = 0;
    std::vector<std::function<void()>> m_afterCommit;
    std::vector<std::function<void()>> m_onRollback;
};

} // namespace fumi::store
