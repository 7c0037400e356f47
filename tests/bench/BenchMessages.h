// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "store/MessageRecord.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QTimeZone>

namespace fumi::bench {

// A message row as the list benchmarks use them: one every 15 minutes from 2020, English and
// Japanese subjects and senders, a tenth unread, one in fifty flagged, one in five with an
// attachment; with `replies`, a third answer an earlier message (for thread mode).
inline store::MessageRecord messageRow(Uid uid, QRandomGenerator &random, bool replies)
{
    using namespace Qt::StringLiterals;
    static const QString subjects[] = {u"Weekly report"_s, u"会議の日程について"_s, u"Re: Invoice \"2026-11\" is due"_s,
                                       u"Fwd: photos from the trip"_s, u"Build failed on main"_s};
    static const QString names[] = {u"Bob Example"_s, u"alice"_s, u"Carol Müller"_s, u"田中 太郎"_s, u"dave"_s};
    const QDateTime base(QDate(2020, 1, 1), QTime(0, 0), QTimeZone::UTC);
    store::MessageRecord m;
    m.uid = uid;
    m.flags = uid % 10 == 0 ? Flags() : Flags(Flags::System::Seen);
    if (uid % 50 == 0)
        m.flags.set(Flags::System::Flagged);
    m.internalDate = base.addSecs(qint64(uid) * 900 + random.bounded(3600));
    m.date = m.internalDate.addSecs(-30);
    m.size = 2000 + random.bounded(200000);
    m.subject = subjects[random.bounded(5)] + u' ' + QString::number(random.bounded(1000));
    m.fromName = names[random.bounded(5)];
    m.fromAddress = u"sender%1@example.org"_s.arg(random.bounded(300));
    m.messageId = "<msg-" + QByteArray::number(uid) + "@example.org>";
    if (replies && uid > 1 && random.bounded(3) == 0) {
        const Uid parent = 1 + random.bounded(uid - 1);
        m.inReplyTo = "<msg-" + QByteArray::number(parent) + "@example.org>";
        m.references = m.inReplyTo;
    }
    m.hasAttachment = uid % 5 == 0;
    return m;
}

} // namespace fumi::bench
