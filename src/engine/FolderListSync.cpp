// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/FolderListSync.h"

#include "core/Ascii.h"
#include "engine/Logging.h"
#include "engine/Session.h"
#include "imap/Command.h"
#include "store/AccountStore.h"

#include <QHash>
#include <QSet>

namespace fumi::engine {

namespace {

using imap::Command;
using imap::CommandResult;
using store::SpecialUse;

SpecialUse specialUseOf(const QByteArrayList &attributes)
{
    static const std::pair<const char *, SpecialUse> table[] = {
        {"\\All", SpecialUse::All},         {"\\Archive", SpecialUse::Archive},     {"\\Drafts", SpecialUse::Drafts},
        {"\\Flagged", SpecialUse::Flagged}, {"\\Junk", SpecialUse::Junk},           {"\\Sent", SpecialUse::Sent},
        {"\\Trash", SpecialUse::Trash},     {"\\Important", SpecialUse::Important},
    };
    for (const QByteArray &attribute : attributes) {
        for (const auto &[name, use] : table) {
            if (Ascii::equalsNoCase(attribute, name))
                return use;
        }
    }
    return SpecialUse::None;
}

// The names clients and servers have used for decades, for servers without SPECIAL-USE.
SpecialUse specialUseByName(const QString &path, char separator)
{
    const QString leaf = separator ? path.section(QLatin1Char(separator), -1) : path;
    static const std::pair<const char *, SpecialUse> table[] = {
        {"trash", SpecialUse::Trash},    {"deleted items", SpecialUse::Trash}, {"deleted messages", SpecialUse::Trash},
        {"sent", SpecialUse::Sent},      {"sent items", SpecialUse::Sent},     {"sent messages", SpecialUse::Sent},
        {"sent mail", SpecialUse::Sent}, {"drafts", SpecialUse::Drafts},       {"junk", SpecialUse::Junk},
        {"spam", SpecialUse::Junk},      {"archive", SpecialUse::Archive},     {"archives", SpecialUse::Archive},
    };
    for (const auto &[name, use] : table) {
        if (leaf.compare(QLatin1String(name), Qt::CaseInsensitive) == 0)
            return use;
    }
    return SpecialUse::None;
}

bool hasAttribute(const QByteArrayList &attributes, QByteArrayView name)
{
    return std::any_of(attributes.cbegin(), attributes.cend(), [name](const QByteArray &attribute) {
        return Ascii::equalsNoCase(attribute, name);
    });
}

void applyStatus(store::MailboxRecord &record, const imap::MailboxStatusResponse &status)
{
    if (status.messages)
        record.counts.messages = *status.messages;
    if (status.unseen)
        record.counts.unseen = *status.unseen;
}

} // namespace

FolderListSync::FolderListSync(Session &session, store::AccountStore &store, QObject *parent)
    : QObject(parent)
    , m_session(session)
    , m_store(store)
{
}

void FolderListSync::start()
{
    const imap::Connection &connection = m_session.connection();
    m_extended = connection.hasCapability("LIST-EXTENDED");
    m_specialUse = connection.hasCapability("SPECIAL-USE");
    m_listStatus = m_extended && connection.hasCapability("LIST-STATUS");

    Command list("LIST");
    list.astring("").astring("*");
    if (m_extended) {
        QByteArray options = "RETURN (SUBSCRIBED CHILDREN";
        if (m_specialUse)
            options += " SPECIAL-USE";
        if (m_listStatus)
            options += " STATUS (MESSAGES UNSEEN UIDVALIDITY UIDNEXT)";
        options += ')';
        list.raw(options);
    }
    m_waiting = 1;
    m_session.run(list, this, [this](const CommandResult &result) {
        if (m_failed)
            return;
        if (!result.ok()) {
            m_failed = true;
            Q_EMIT failed(QStringLiteral("The server refused to list the mailboxes: %1")
                              .arg(QString::fromUtf8(result.status.text)));
            return;
        }
        collect(result.data);
        if (--m_waiting == 0)
            fetchStatuses();
    });
    if (!m_extended) {
        Command lsub("LSUB");
        lsub.astring("").astring("*");
        ++m_waiting;
        m_session.run(lsub, this, [this](const CommandResult &result) {
            if (m_failed)
                return;
            // A server without LSUB still lists mailboxes; subscriptions are then unknown.
            if (result.ok())
                collect(result.data);
            if (--m_waiting == 0)
                fetchStatuses();
        });
    }
}

void FolderListSync::collect(const std::vector<imap::Response> &data)
{
    for (const imap::Response &response : data) {
        if (const auto *list = std::get_if<imap::ListResponse>(&response)) {
            if (!list->nameError.isEmpty()) {
                qCWarning(lcEngine).noquote() << "skipping a mailbox with an invalid name:" << list->nameError;
                continue;
            }
            if (list->lsub) {
                m_subscribed.append(list->name);
                continue;
            }
            if (hasAttribute(list->attributes, "\\NonExistent") && !hasAttribute(list->attributes, "\\Subscribed"))
                continue;
            store::MailboxRecord record;
            record.path = list->name;
            record.separator = list->delimiter;
            record.attributes = list->attributes;
            record.specialUse = specialUseOf(list->attributes);
            record.subscribed = hasAttribute(list->attributes, "\\Subscribed");
            record.selectable
                = !hasAttribute(list->attributes, "\\Noselect") && !hasAttribute(list->attributes, "\\NonExistent");
            m_listed.append(record);
        } else if (const auto *status = std::get_if<imap::MailboxStatusResponse>(&response)) {
            for (store::MailboxRecord &record : m_listed) {
                if (record.path == status->name)
                    applyStatus(record, *status);
            }
            m_status.insert(status->name, *status);
        }
    }
}

void FolderListSync::fetchStatuses()
{
    if (!m_extended) {
        for (store::MailboxRecord &record : m_listed)
            record.subscribed = m_subscribed.contains(record.path);
    }
    if (!m_specialUse) {
        QSet<SpecialUse> taken;
        for (store::MailboxRecord &record : m_listed) {
            const SpecialUse guess = specialUseByName(record.path, record.separator);
            if (guess != SpecialUse::None && !taken.contains(guess) && record.selectable) {
                record.specialUse = guess;
                taken.insert(guess);
            }
        }
    }
    if (m_listStatus) {
        reconcile();
        return;
    }
    for (const store::MailboxRecord &record : std::as_const(m_listed)) {
        if (!record.selectable)
            continue;
        Command status("STATUS");
        status.mailbox(record.path).raw("(MESSAGES UNSEEN UIDVALIDITY UIDNEXT)");
        ++m_waiting;
        m_session.run(status, this, [this](const CommandResult &result) {
            if (m_failed)
                return;
            if (result.status.status == imap::StatusResponse::Status::Bye) {
                m_failed = true;
                Q_EMIT failed(QStringLiteral("The connection was lost while listing mailboxes"));
                return;
            }
            collect(result.data); // a NO (a mailbox deleted meanwhile) leaves its counts as they were
            if (--m_waiting == 0)
                reconcile();
        });
    }
    if (m_waiting == 0)
        reconcile();
}

void FolderListSync::reconcile()
{
    const QList<store::MailboxRecord> stored = m_store.mailboxes();
    QHash<QString, store::MailboxRecord> byPath;
    for (const store::MailboxRecord &record : stored)
        byPath.insert(record.path, record);
    QSet<QString> listedPaths;
    for (const store::MailboxRecord &record : std::as_const(m_listed))
        listedPaths.insert(record.path);

    const auto vanished = [&](const store::MailboxRecord &record) {
        return !listedPaths.contains(record.path) && !(m_keepLocal && m_keepLocal(record.path));
    };
    // Per UIDVALIDITY: how many stored mailboxes vanished with it, and the new names carrying it.
    QHash<quint32, int> vanishedWith;
    for (const store::MailboxRecord &record : stored) {
        if (record.sync.uidValidity != 0 && vanished(record))
            ++vanishedWith[record.sync.uidValidity];
    }
    QHash<quint32, QStringList> appearedWith;
    for (const store::MailboxRecord &record : std::as_const(m_listed)) {
        const auto status = m_status.constFind(record.path);
        if (!byPath.contains(record.path) && status != m_status.cend() && status->uidValidity)
            appearedWith[*status->uidValidity].append(record.path);
    }
    const auto renamedTo = [&](const store::MailboxRecord &record) -> QString {
        const quint32 validity = record.sync.uidValidity;
        if (validity == 0 || vanishedWith.value(validity) != 1 || appearedWith.value(validity).size() != 1)
            return {};
        const QString candidate = appearedWith.value(validity).first();
        const imap::MailboxStatusResponse &status = m_status[candidate];
        if (status.messages && *status.messages != record.counts.messages)
            return {};
        if (status.uidNext && record.sync.uidNext != 0 && *status.uidNext != record.sync.uidNext)
            return {};
        return candidate;
    };

    const store::Result<> written = m_store.transaction([&]() -> store::Result<> {
        // Gone from the server: renamed by another device (see the class comment; it keeps the
        // local id and every row), or deleted, with its rows.
        for (const store::MailboxRecord &record : stored) {
            if (!vanished(record))
                continue;
            const QString newPath = renamedTo(record);
            if (!newPath.isEmpty() && !byPath.contains(newPath)) {
                if (store::Result<> renamed = m_store.renameMailbox(record.id, newPath); !renamed)
                    return renamed;
                qCInfo(lcEngine).noquote() << "mailbox renamed on the server:" << record.path << "->" << newPath;
                store::MailboxRecord moved = record;
                moved.path = newPath;
                byPath.insert(newPath, moved);
                continue;
            }
            if (store::Result<> removed = m_store.removeMailbox(record.id); !removed)
                return removed;
            qCInfo(lcEngine).noquote() << "mailbox gone from the server:" << record.path;
        }
        for (store::MailboxRecord record : std::as_const(m_listed)) {
            const auto existing = byPath.constFind(record.path);
            if (existing == byPath.cend()) {
                if (store::Result<qint64> added = m_store.addMailbox(record); !added)
                    return added.error();
                continue;
            }
            record.id = existing->id;
            record.sync = existing->sync;
            if (!m_listStatus && !record.selectable)
                record.counts = existing->counts;
            if (record != *existing) {
                if (store::Result<> updated = m_store.updateMailbox(record); !updated)
                    return updated;
            }
        }
        return {};
    });
    if (!written) {
        m_failed = true;
        Q_EMIT failed(QStringLiteral("Could not store the mailbox list: %1").arg(written.error().message));
        return;
    }
    Q_EMIT finished(m_store.mailboxes());
}

} // namespace fumi::engine
