// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/Flags.h"
#include "core/UidSet.h"
#include "store/MailboxRecord.h"
#include "store/MessageRecord.h"

#include <QByteArray>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>

#include <map>
#include <utility>
#include <vector>

// How OperationJournal writes its values into the JSON payloads of journal entries and undo
// records. Payloads outlive the process that wrote them, so every value is written in a form
// that does not depend on it: UID sets as IMAP sequence sets, flags as IMAP flag lists (keyword
// ids are per process), bytes as base64, dates as ISO 8601 in UTC.
namespace fumi::engine::payload {

// One STORE's worth of a flag operation: these flags on, those off, for these messages.
struct FlagGroup {
    UidSet uids;
    Flags add;
    Flags remove;
};

// COPYUID: where each source message went, under the target's UIDVALIDITY.
struct CopyUid {
    quint32 validity = 0;
    std::vector<std::pair<Uid, Uid>> pairs; // source, destination
};

[[nodiscard]] QByteArray encode(const QJsonObject &object);
[[nodiscard]] QJsonObject decode(const QByteArray &json);

[[nodiscard]] QJsonValue uidsToJson(const UidSet &uids);
[[nodiscard]] UidSet uidsFromJson(const QJsonValue &value);
[[nodiscard]] QJsonValue flagsToJson(const Flags &flags);
[[nodiscard]] Flags flagsFromJson(const QJsonValue &value);
[[nodiscard]] QJsonValue bytesToJson(const QByteArray &bytes);
[[nodiscard]] QByteArray bytesFromJson(const QJsonValue &value);

[[nodiscard]] QJsonArray flagGroupsToJson(const std::vector<FlagGroup> &groups);
[[nodiscard]] std::vector<FlagGroup> flagGroupsFromJson(const QJsonArray &array);
[[nodiscard]] QJsonArray flagMapToJson(const std::map<Uid, Flags> &flags);
[[nodiscard]] std::map<Uid, Flags> flagMapFromJson(const QJsonArray &array);
[[nodiscard]] QJsonObject copyUidToJson(const CopyUid &copyUid);
[[nodiscard]] CopyUid copyUidFromJson(const QJsonObject &object);

[[nodiscard]] QJsonArray rowsToJson(const std::vector<store::MessageRecord> &rows);
[[nodiscard]] std::vector<store::MessageRecord> rowsFromJson(const QJsonValue &value);
[[nodiscard]] QJsonObject mailboxToJson(const store::MailboxRecord &mailbox);
[[nodiscard]] store::MailboxRecord mailboxFromJson(const QJsonObject &object);

// The Message-ID header of a raw message, with its angle brackets; empty when it has none.
[[nodiscard]] QByteArray messageIdOf(const QByteArray &message);
// An IMAP date-time (RFC 9051 §9), for APPEND: " 2-Jan-2026 10:00:00 +0000".
[[nodiscard]] QByteArray imapDate(const QDateTime &dateTime);

} // namespace fumi::engine::payload
