// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/Flags.h"
#include "store/Result.h"

#include <QString>

#include <unordered_map>

namespace fumi::store {

class Database;

// Maps the process's interned keywords (core Keyword ids, which mean nothing outside the
// process) to the ids of the cache's keywords table, both ways.
//
// A message row holds its keywords as a short list of table ids, so a mailbox where every
// message carries "$NotJunk" stores that name once. Names are unique case-insensitively, as
// IMAP flag names are. The maps are only a cache of the table: a keyword inserted by a
// transaction that rolls back is forgotten with it.
class KeywordTable
{
public:
    explicit KeywordTable(Database &database);

    // The keywords column for `flags`: table ids separated by spaces, a null string for none.
    // Adds keywords the table does not know yet.
    [[nodiscard]] Result<QString> encode(const Flags &flags);
    // The flags of a row. Ids the table does not know are dropped (with a warning): the row is
    // still worth showing.
    [[nodiscard]] Flags decode(qint64 systemBits, const QString &keywords);

    void forget();

private:
    [[nodiscard]] Result<qint64> storeId(Keyword keyword);

    Database &m_database;
    std::unordered_map<quint32, qint64> m_storeIds;          // core Keyword id -> table id
    std::unordered_map<qint64, Keyword> m_keywordsByStoreId; // table id -> Keyword
};

} // namespace fumi::store
