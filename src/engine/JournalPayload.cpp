// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/JournalPayload.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace fumi::engine::payload {

namespace {

QString date(const QDateTime &dateTime)
{
    return dateTime.isValid() ? dateTime.toUTC().toString(Qt::ISODateWithMs) : QString();
}

QDateTime dateFrom(const QJsonValue &value)
{
    const QString text = value.toString();
    if (text.isEmpty())
        return {};
    QDateTime dateTime = QDateTime::fromString(text, Qt::ISODateWithMs);
    return dateTime.toUTC();
}

} // namespace

QByteArray encode(const QJsonObject &object)
{
    return QJsonDocument(object).toJson(QJsonDocument::Compact);
}

QJsonObject decode(const QByteArray &json)
{
    return QJsonDocument::fromJson(json).object();
}

QJsonValue uidsToJson(const UidSet &uids)
{
    return QString::fromLatin1(uids.toImapSequenceSet());
}

UidSet uidsFromJson(const QJsonValue &value)
{
    const QByteArray text = value.toString().toLatin1();
    if (text.isEmpty())
        return {};
    auto parsed = UidSet::fromImapSequenceSet(text, maxUid);
    return parsed ? std::move(parsed).value() : UidSet();
}

QJsonValue flagsToJson(const Flags &flags)
{
    return QString::fromUtf8(flags.toImapList());
}

Flags flagsFromJson(const QJsonValue &value)
{
    const QByteArray text = value.toString().toUtf8();
    if (text.isEmpty())
        return {};
    auto parsed = Flags::fromImapList(text);
    return parsed ? std::move(parsed).value() : Flags();
}

QJsonValue bytesToJson(const QByteArray &bytes)
{
    return QString::fromLatin1(bytes.toBase64());
}

QByteArray bytesFromJson(const QJsonValue &value)
{
    return QByteArray::fromBase64(value.toString().toLatin1());
}

QJsonArray flagGroupsToJson(const std::vector<FlagGroup> &groups)
{
    QJsonArray array;
    for (const FlagGroup &group : groups) {
        QJsonObject object;
        object.insert(u"uids"_s, uidsToJson(group.uids));
        object.insert(u"add"_s, flagsToJson(group.add));
        object.insert(u"remove"_s, flagsToJson(group.remove));
        array.append(object);
    }
    return array;
}

std::vector<FlagGroup> flagGroupsFromJson(const QJsonArray &array)
{
    std::vector<FlagGroup> groups;
    for (const QJsonValue &value : array) {
        const QJsonObject object = value.toObject();
        groups.push_back({uidsFromJson(object.value(u"uids"_s)), flagsFromJson(object.value(u"add"_s)),
                          flagsFromJson(object.value(u"remove"_s))});
    }
    return groups;
}

QJsonArray flagMapToJson(const std::map<Uid, Flags> &flags)
{
    QJsonArray array;
    for (const auto &[uid, value] : flags)
        array.append(QJsonArray{qint64(uid), flagsToJson(value)});
    return array;
}

std::map<Uid, Flags> flagMapFromJson(const QJsonArray &array)
{
    std::map<Uid, Flags> flags;
    for (const QJsonValue &value : array) {
        const QJsonArray pair = value.toArray();
        flags.emplace(Uid(pair.at(0).toInteger()), flagsFromJson(pair.at(1)));
    }
    return flags;
}

QJsonObject copyUidToJson(const CopyUid &copyUid)
{
    QJsonArray pairs;
    for (const auto &[source, destination] : copyUid.pairs)
        pairs.append(QJsonArray{qint64(source), qint64(destination)});
    QJsonObject object;
    object.insert(u"validity"_s, qint64(copyUid.validity));
    object.insert(u"pairs"_s, pairs);
    return object;
}

CopyUid copyUidFromJson(const QJsonObject &object)
{
    CopyUid copyUid;
    copyUid.validity = quint32(object.value(u"validity"_s).toInteger());
    for (const QJsonValue &value : object.value(u"pairs"_s).toArray()) {
        const QJsonArray pair = value.toArray();
        copyUid.pairs.emplace_back(Uid(pair.at(0).toInteger()), Uid(pair.at(1).toInteger()));
    }
    return copyUid;
}

QJsonArray rowsToJson(const std::vector<store::MessageRecord> &rows)
{
    QJsonArray array;
    for (const store::MessageRecord &row : rows) {
        QJsonObject object;
        object.insert(u"uid"_s, qint64(row.uid));
        object.insert(u"flags"_s, flagsToJson(row.flags));
        object.insert(u"modSeq"_s, QString::number(row.modSeq));
        object.insert(u"internalDate"_s, date(row.internalDate));
        object.insert(u"size"_s, QString::number(row.size));
        object.insert(u"date"_s, date(row.date));
        object.insert(u"subject"_s, row.subject);
        object.insert(u"fromName"_s, row.fromName);
        object.insert(u"fromAddress"_s, row.fromAddress);
        object.insert(u"to"_s, row.to);
        object.insert(u"cc"_s, row.cc);
        object.insert(u"messageId"_s, QString::fromLatin1(row.messageId));
        object.insert(u"inReplyTo"_s, QString::fromLatin1(row.inReplyTo));
        object.insert(u"references"_s, QString::fromLatin1(row.references));
        object.insert(u"hasAttachment"_s, row.hasAttachment);
        object.insert(u"preview"_s, row.preview);
        array.append(object);
    }
    return array;
}

std::vector<store::MessageRecord> rowsFromJson(const QJsonValue &value)
{
    std::vector<store::MessageRecord> rows;
    for (const QJsonValue &item : value.toArray()) {
        const QJsonObject object = item.toObject();
        store::MessageRecord row;
        row.uid = Uid(object.value(u"uid"_s).toInteger());
        row.flags = flagsFromJson(object.value(u"flags"_s));
        row.modSeq = object.value(u"modSeq"_s).toString().toULongLong();
        row.internalDate = dateFrom(object.value(u"internalDate"_s));
        row.size = object.value(u"size"_s).toString().toULongLong();
        row.date = dateFrom(object.value(u"date"_s));
        row.subject = object.value(u"subject"_s).toString();
        row.fromName = object.value(u"fromName"_s).toString();
        row.fromAddress = object.value(u"fromAddress"_s).toString();
        row.to = object.value(u"to"_s).toString();
        row.cc = object.value(u"cc"_s).toString();
        row.messageId = object.value(u"messageId"_s).toString().toLatin1();
        row.inReplyTo = object.value(u"inReplyTo"_s).toString().toLatin1();
        row.references = object.value(u"references"_s).toString().toLatin1();
        row.hasAttachment = object.value(u"hasAttachment"_s).toBool();
        row.preview = object.value(u"preview"_s).toString();
        rows.push_back(std::move(row));
    }
    return rows;
}

QJsonObject mailboxToJson(const store::MailboxRecord &mailbox)
{
    QJsonArray attributes;
    for (const QByteArray &attribute : mailbox.attributes)
        attributes.append(QString::fromLatin1(attribute));
    QJsonObject object;
    object.insert(u"path"_s, mailbox.path);
    object.insert(u"separator"_s, int(mailbox.separator));
    object.insert(u"attributes"_s, attributes);
    object.insert(u"specialUse"_s, int(mailbox.specialUse));
    object.insert(u"subscribed"_s, mailbox.subscribed);
    object.insert(u"selectable"_s, mailbox.selectable);
    return object;
}

store::MailboxRecord mailboxFromJson(const QJsonObject &object)
{
    store::MailboxRecord mailbox;
    mailbox.path = object.value(u"path"_s).toString();
    mailbox.separator = char(object.value(u"separator"_s).toInt());
    for (const QJsonValue &attribute : object.value(u"attributes"_s).toArray())
        mailbox.attributes << attribute.toString().toLatin1();
    mailbox.specialUse = store::SpecialUse(object.value(u"specialUse"_s).toInt());
    mailbox.subscribed = object.value(u"subscribed"_s).toBool();
    mailbox.selectable = object.value(u"selectable"_s).toBool(true);
    return mailbox;
}

QByteArray messageIdOf(const QByteArray &message)
{
    qsizetype end = message.indexOf("\r\n\r\n");
    if (end < 0)
        end = message.indexOf("\n\n");
    const QByteArray header = end < 0 ? message : message.left(end);
    QByteArray unfolded;
    unfolded.reserve(header.size());
    for (const QByteArray &line : header.split('\n')) {
        const QByteArray trimmed = line.endsWith('\r') ? line.chopped(1) : line;
        if (!trimmed.isEmpty() && (trimmed.front() == ' ' || trimmed.front() == '\t'))
            unfolded += ' ' + trimmed.trimmed();
        else
            unfolded += '\n' + trimmed;
    }
    for (const QByteArray &line : unfolded.split('\n')) {
        if (line.size() > 11 && line.first(11).compare("message-id:", Qt::CaseInsensitive) == 0)
            return line.mid(11).trimmed();
    }
    return {};
}

QByteArray imapDate(const QDateTime &dateTime)
{
    static const char *const months[]
        = {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    const QDateTime utc = (dateTime.isValid() ? dateTime : QDateTime::currentDateTimeUtc()).toUTC();
    const QDate day = utc.date();
    const QTime time = utc.time();
    return QByteArray::number(day.day()).rightJustified(2, ' ') + '-' + months[day.month() - 1] + '-'
        + QByteArray::number(day.year()) + ' ' + time.toString(u"hh:mm:ss").toLatin1() + " +0000";
}

} // namespace fumi::engine::payload
