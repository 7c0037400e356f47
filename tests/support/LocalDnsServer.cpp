// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/LocalDnsServer.h"

#include <QNetworkDatagram>
#include <QtEndian>

using namespace Qt::StringLiterals;

namespace fumi::test {

namespace {

constexpr quint16 typeSrv = 33;
constexpr quint16 classIn = 1;

void append16(QByteArray &bytes, quint16 value)
{
    bytes.append(char(value >> 8)).append(char(value & 0xff));
}

void append32(QByteArray &bytes, quint32 value)
{
    append16(bytes, quint16(value >> 16));
    append16(bytes, quint16(value & 0xffff));
}

quint16 read16(const QByteArray &bytes, qsizetype at)
{
    return qFromBigEndian<quint16>(bytes.constData() + at);
}

// A name in wire form, uncompressed; "." is the root, a single zero byte.
QByteArray encodeName(const QString &name)
{
    QByteArray bytes;
    if (name != u".") {
        for (const QString &label : name.split(u'.', Qt::SkipEmptyParts)) {
            const QByteArray ascii = label.toLatin1();
            bytes.append(char(ascii.size())).append(ascii);
        }
    }
    return bytes.append('\0');
}

} // namespace

bool LocalDnsServer::start()
{
    if (!m_socket.bind(QHostAddress::LocalHost, 0))
        return false;
    connect(&m_socket, &QUdpSocket::readyRead, this, &LocalDnsServer::onReadyRead);
    return true;
}

void LocalDnsServer::setSrv(const QString &name, QList<SrvRecord> records)
{
    m_records.insert(name.toLower(), std::move(records));
}

void LocalDnsServer::setResponseCode(const QString &name, ResponseCode code)
{
    m_codes.insert(name.toLower(), code);
}

void LocalDnsServer::setSilent(const QString &name)
{
    m_silent.insert(name.toLower());
}

void LocalDnsServer::onReadyRead()
{
    while (m_socket.hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket.receiveDatagram();
        const QByteArray reply = answer(datagram.data());
        if (!reply.isEmpty())
            m_socket.writeDatagram(datagram.makeReply(reply));
    }
}

QByteArray LocalDnsServer::answer(const QByteArray &query)
{
    // Header (12 bytes), then exactly one question: the name as labels, its type and class.
    if (query.size() < 12 || read16(query, 4) != 1) {
        m_errors << u"not a query with one question"_s;
        return {};
    }
    qsizetype at = 12;
    QStringList labels;
    while (at < query.size() && query[at] != '\0') {
        const int length = quint8(query[at]);
        if (length > 63 || at + 1 + length >= query.size()) {
            m_errors << u"a malformed question name"_s;
            return {};
        }
        labels << QString::fromLatin1(query.mid(at + 1, length)).toLower();
        at += 1 + length;
    }
    if (at + 5 > query.size()) {
        m_errors << u"a question cut short"_s;
        return {};
    }
    const qsizetype questionEnd = at + 5; // the zero byte, the type, the class
    const quint16 type = read16(query, at + 1);
    const QString name = labels.join(u'.');
    m_asked << name;
    if (m_silent.contains(name))
        return {};

    QList<SrvRecord> records;
    ResponseCode code = NoError;
    if (m_codes.contains(name))
        code = m_codes.value(name);
    else if (m_records.contains(name))
        records = type == typeSrv ? m_records.value(name) : QList<SrvRecord>();
    else
        code = NameError;

    QByteArray reply;
    append16(reply, read16(query, 0)); // the query's id
    const quint16 recursionDesired = read16(query, 2) & 0x0100;
    append16(reply, quint16(0x8000 | 0x0400 | recursionDesired | 0x0080 | code)); // QR, AA, RD, RA, RCODE
    append16(reply, 1);
    append16(reply, quint16(records.size()));
    append16(reply, 0);
    append16(reply, 0);
    reply.append(query.mid(12, questionEnd - 12));
    for (const SrvRecord &record : std::as_const(records)) {
        append16(reply, 0xc00c); // the name: a pointer to the question's
        append16(reply, typeSrv);
        append16(reply, classIn);
        append32(reply, 300);
        const QByteArray target = encodeName(record.target);
        append16(reply, quint16(6 + target.size()));
        append16(reply, record.priority);
        append16(reply, record.weight);
        append16(reply, record.port);
        reply.append(target);
    }
    return reply;
}

} // namespace fumi::test
