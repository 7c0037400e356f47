// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "store/KeywordTable.h"

#include "store/Database.h"
#include "store/FlagColumns.h"
#include "store/Logging.h"

#include <QStringView>

using namespace Qt::StringLiterals;

namespace fumi::store {

KeywordTable::KeywordTable(Database &database)
    : m_database(database)
{
}

Result<QString> KeywordTable::encode(const Flags &flags)
{
    QString text;
    for (const Keyword keyword : flags.keywords()) {
        auto id = storeId(keyword);
        if (!id) {
            return id.error();
        }
        if (!text.isEmpty()) {
            text += u' ';
        }
        text += QString::number(id.value());
    }
    return text;
}

Flags KeywordTable::decode(qint64 systemBits, const QString &keywords)
{
    Flags flags(FlagColumns::fromBits(systemBits));
    if (keywords.isEmpty()) {
        return flags;
    }
    for (const QStringView part : QStringView(keywords).split(u' ', Qt::SkipEmptyParts)) {
        const qint64 id = part.toLongLong();
        auto it = m_keywordsByStoreId.find(id);
        if (it == m_keywordsByStoreId.end()) {
            QSqlQuery &query = m_database.prepared(u"SELECT name FROM keywords WHERE id = ?"_s);
            query.bindValue(0, id);
            if (!m_database.exec(query, u"reading a keyword") || !query.next()) {
                qCWarning(lcStore) << "Keyword id" << id << "is missing from" << m_database.filePath();
                query.finish();
                continue;
            }
            const QByteArray name = query.value(0).toString().toUtf8();
            query.finish();
            auto parsed = Keyword::fromName(name);
            if (!parsed) {
                qCWarning(lcStore) << "Keyword" << name << "in" << m_database.filePath() << "is not valid";
                continue;
            }
            it = m_keywordsByStoreId.emplace(id, parsed.value()).first;
            m_storeIds.emplace(parsed.value().id(), id);
        }
        flags.add(it->second);
    }
    return flags;
}

void KeywordTable::forget()
{
    m_storeIds.clear();
    m_keywordsByStoreId.clear();
}

Result<qint64> KeywordTable::storeId(Keyword keyword)
{
    if (auto it = m_storeIds.find(keyword.id()); it != m_storeIds.end()) {
        return it->second;
    }
    const QString name = QString::fromUtf8(keyword.name());
    QSqlQuery &insert = m_database.prepared(u"INSERT INTO keywords (name) VALUES (?) ON CONFLICT (name) DO NOTHING"_s);
    insert.bindValue(0, name);
    if (auto done = m_database.exec(insert, u"storing a keyword"); !done) {
        return done.error();
    }
    if (insert.numRowsAffected() > 0) {
        // The row vanishes if this transaction rolls back; so must the ids that point to it.
        m_database.onRollback([this] {
            forget();
        });
    }
    QSqlQuery &select = m_database.prepared(u"SELECT id FROM keywords WHERE name = ?"_s);
    select.bindValue(0, name);
    if (auto done = m_database.exec(select, u"reading a keyword"); !done) {
        return done.error();
    }
    if (!select.next()) {
        return m_database.error(u"storing a keyword"_s, u"keyword %1 is missing after insert"_s.arg(name));
    }
    const qint64 id = select.value(0).toLongLong();
    select.finish();
    m_storeIds.emplace(keyword.id(), id);
    m_keywordsByStoreId.emplace(id, keyword);
    return id;
}

} // namespace fumi::store
