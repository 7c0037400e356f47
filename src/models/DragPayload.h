// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/UidSet.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace fumi::models {

// What a drag of messages carries between Fumi's models: for each mailbox the rows come from
// (the merged "All Inboxes" list holds rows of several accounts) the account, the mailbox and
// the UIDs. The format is Fumi's own and versioned; it means nothing outside this process's
// accounts, so no other program is offered it.
//
// MessageDrag and MailboxDrag share one file: they are the two halves of one drag format and
// are always read together by a drop target.
struct MessageDrag {
    struct Group {
        QString account;
        QString path;
        qint64 mailboxId = 0;
        UidSet uids;

        friend bool operator==(const Group &, const Group &) = default;
    };
    QList<Group> groups;

    [[nodiscard]] static QString mimeType() { return QStringLiteral("application/x-fumi-messages"); }
    [[nodiscard]] QByteArray encode() const;
    // Nothing for data that is not a MessageDrag of this version, or that names no message.
    [[nodiscard]] static std::optional<MessageDrag> decode(const QByteArray &data);

    friend bool operator==(const MessageDrag &, const MessageDrag &) = default;
};

// A folder being dragged.
struct MailboxDrag {
    QString account;
    QString path;

    [[nodiscard]] static QString mimeType() { return QStringLiteral("application/x-fumi-mailbox"); }
    [[nodiscard]] QByteArray encode() const;
    [[nodiscard]] static std::optional<MailboxDrag> decode(const QByteArray &data);

    friend bool operator==(const MailboxDrag &, const MailboxDrag &) = default;
};

} // namespace fumi::models
