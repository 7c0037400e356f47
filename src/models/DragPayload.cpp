// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/DragPayload.h"

#include <QDataStream>
#include <QIODevice>

namespace fumi::models {

namespace {

constexpr quint8 formatVersion = 1;

} // namespace

QByteArray MessageDrag::encode() const
{
    QByteArray data;
    QDataStream out(&data, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_5);
    out << formatVersion << quint32(groups.size());
    for (const Group &group : groups)
        out << group.account << group.path << group.mailboxId << group.uids.toImapSequenceSet();
    return data;
}

std::optional<MessageDrag> MessageDrag::decode(const QByteArray &data)
{
    QDataStream in(data);
    in.setVersion(QDataStream::Qt_6_5);
    quint8 version = 0;
    quint32 count = 0;
    in >> version >> count;
    if (in.status() != QDataStream::Ok || version != formatVersion || count == 0)
        return std::nullopt;
    MessageDrag drag;
    for (quint32 i = 0; i < count; ++i) {
        Group group;
        QByteArray uids;
        in >> group.account >> group.path >> group.mailboxId >> uids;
        if (in.status() != QDataStream::Ok)
            return std::nullopt;
        ParseResult<UidSet> parsed = UidSet::fromImapSequenceSet(uids, maxUid);
        if (!parsed || parsed.value().isEmpty() || group.account.isEmpty() || group.path.isEmpty())
            return std::nullopt;
        group.uids = std::move(parsed).value();
        drag.groups.append(std::move(group));
    }
    return drag;
}

QByteArray MailboxDrag::encode() const
{
    QByteArray data;
    QDataStream out(&data, QIODevice::WriteOnly);
    out.setVersion(QDataStream::Qt_6_5);
    out << formatVersion << account << path;
    return data;
}

std::optional<MailboxDrag> MailboxDrag::decode(const QByteArray &data)
{
    QDataStream in(data);
    in.setVersion(QDataStream::Qt_6_5);
    quint8 version = 0;
    MailboxDrag drag;
    in >> version >> drag.account >> drag.path;
    if (in.status() != QDataStream::Ok || version != formatVersion || drag.account.isEmpty() || drag.path.isEmpty())
        return std::nullopt;
    return drag;
}

} // namespace fumi::models
