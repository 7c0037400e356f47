// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/Account.h"
#include "account/SettingsFile.h"

#include <QJsonObject>
#include <QList>
#include <QObject>

#include <functional>
#include <optional>

namespace fumi::account {

// The user's accounts, in the order the user gave them, kept in the profile's accounts file
// (format "fumi-accounts", see SettingsFile). No secret is ever part of it.
//
// Each change locks the file, reads it afresh, applies the change to what is on disk, and
// writes it back, so the GUI and fumi-cli working on one profile do not undo each other. When
// the file cannot be understood (damaged, or from a newer Fumi), the manager reports that
// through errorString() and refuses every change: the file stays exactly as it is.
//
// Display names are unique (ignoring case): fumi-cli and the user name accounts by them. Ids
// are made once and never change.
class AccountManager : public QObject
{
    Q_OBJECT
public:
    static constexpr int formatVersion = 1;

    explicit AccountManager(QString filePath, QObject *parent = nullptr);

    // Reads the file. Returns false, with errorString() set, when it cannot be understood; a
    // missing file is an empty list.
    [[nodiscard]] bool load();
    [[nodiscard]] QString errorString() const { return m_error; }

    [[nodiscard]] const QList<Account> &accounts() const { return m_accounts; }
    [[nodiscard]] std::optional<Account> account(const QString &id) const;
    // The first account that answersTo() the name: a display name, an id or an address.
    [[nodiscard]] std::optional<Account> find(QStringView nameOrId) const;

    struct Result {
        QString error;
        QString id; // add(): the new account's id
        [[nodiscard]] bool ok() const { return error.isEmpty(); }
    };
    // Adds at the end; an empty id is replaced by a new one.
    [[nodiscard]] Result add(Account account);
    [[nodiscard]] Result update(const Account &account);
    [[nodiscard]] Result remove(const QString &id);
    // Moves the account to `index` in the list (clamped to the list).
    [[nodiscard]] Result move(const QString &id, int index);

    // The JSON form of one account, as it is stored; exposed for tests and fumi-cli's --json.
    [[nodiscard]] static QJsonObject toJson(const Account &account);
    // Returns an error message for an entry that is not a valid account.
    [[nodiscard]] static QString fromJson(const QJsonObject &object, Account *account);

Q_SIGNALS:
    void accountAdded(const QString &id);
    void accountChanged(const QString &id);
    void accountRemoved(const QString &id);
    void accountsReordered();

private:
    // Locks, re-reads, applies `change` to the list on disk, validates and writes.
    Result change(const std::function<QString(QList<Account> &)> &change);
    [[nodiscard]] QString parse(const SettingsFile::Content &content, QList<Account> *accounts) const;

    SettingsFile m_file;
    QList<Account> m_accounts;
    QString m_error;
};

} // namespace fumi::account
