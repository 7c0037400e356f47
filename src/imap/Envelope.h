// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QList>

namespace fumi::imap {

// The ENVELOPE fetch item (RFC 9051 §7.5.2), still in its wire encoding: subjects and names
// keep their RFC 2047 encoded-words, for the mime layer to decode.
//
// A large mailbox is filled with one ENVELOPE per message, so an Envelope keeps all its bytes
// in one buffer and hands out views into it: two allocations per envelope instead of one per
// string. A view stays valid as long as this Envelope or a copy of it lives; copy what must
// outlive it.
class Envelope
{
public:
    enum class Field : quint8 { Date, Subject, InReplyTo, MessageId };
    enum class AddressList : quint8 { From, Sender, ReplyTo, To, Cc, Bcc };

    // One address. Groups (RFC 5322) appear as a start marker (group name in `mailbox`,
    // `host` NIL) and an end marker (`mailbox` and `host` NIL).
    struct Address {
        QByteArrayView name;
        QByteArrayView adl;
        QByteArrayView mailbox;
        QByteArrayView host;
        bool nameIsNil = true;
        bool mailboxIsNil = true;
        bool hostIsNil = true;
    };

    [[nodiscard]] QByteArrayView field(Field field) const;
    [[nodiscard]] QList<Address> addresses(AddressList list) const;

    // Building, for the parser: the bytes are copied into the envelope's buffer.
    void reserve(qsizetype bytes) { m_bytes.reserve(bytes); }
    void setField(Field field, QByteArrayView value);
    void addAddress(AddressList list, const Address &address);

private:
    struct Span {
        quint32 offset = 0;
        quint32 size = 0;
    };
    struct StoredAddress {
        AddressList list;
        bool nameIsNil;
        bool mailboxIsNil;
        bool hostIsNil;
        Span name;
        Span adl;
        Span mailbox;
        Span host;
    };

    Span store(QByteArrayView bytes);
    [[nodiscard]] QByteArrayView view(Span span) const
    {
        return QByteArrayView(m_bytes).sliced(span.offset, span.size);
    }

    QByteArray m_bytes;
    Span m_fields[4];
    QList<StoredAddress> m_addresses;
};

} // namespace fumi::imap
