// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "imap/Envelope.h"

namespace fumi::imap {

Envelope::Span Envelope::store(QByteArrayView bytes)
{
    const Span span{quint32(m_bytes.size()), quint32(bytes.size())};
    m_bytes.append(bytes);
    return span;
}

QByteArrayView Envelope::field(Field field) const
{
    return view(m_fields[int(field)]);
}

void Envelope::setField(Field field, QByteArrayView value)
{
    m_fields[int(field)] = store(value);
}

QList<Envelope::Address> Envelope::addresses(AddressList list) const
{
    QList<Address> out;
    for (const StoredAddress &stored : m_addresses) {
        if (stored.list == list) {
            out.append(Address{view(stored.name), view(stored.adl), view(stored.mailbox), view(stored.host),
                               stored.nameIsNil, stored.mailboxIsNil, stored.hostIsNil});
        }
    }
    return out;
}

void Envelope::addAddress(AddressList list, const Address &address)
{
    if (m_addresses.isEmpty())
        m_addresses.reserve(4);
    m_addresses.append(StoredAddress{list, address.nameIsNil, address.mailboxIsNil, address.hostIsNil,
                                     store(address.name), store(address.adl), store(address.mailbox),
                                     store(address.host)});
}

} // namespace fumi::imap
