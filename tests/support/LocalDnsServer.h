// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QHash>
#include <QList>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QUdpSocket>

namespace fumi::test {

// A DNS server on 127.0.0.1 and a free UDP port that answers SRV questions from a table, so
// that the real resolver code (QDnsLookup and the system's resolver library) can be tested
// without the network. A name that is not in the table does not exist (NXDOMAIN); a name can
// also be made to fail with another response code, or to get no answer at all. It records the
// names asked.
class LocalDnsServer : public QObject
{
    Q_OBJECT

public:
    struct SrvRecord {
        QString target; // "." for "not offered"
        quint16 port = 0;
        quint16 priority = 0;
        quint16 weight = 0;
    };

    enum ResponseCode { NoError = 0, ServerFailure = 2, NameError = 3, Refused = 5 };

    [[nodiscard]] bool start();
    [[nodiscard]] quint16 port() const { return m_socket.localPort(); }

    void setSrv(const QString &name, QList<SrvRecord> records);
    void setResponseCode(const QString &name, ResponseCode code);
    void setSilent(const QString &name);

    [[nodiscard]] const QStringList &asked() const { return m_asked; }
    [[nodiscard]] const QStringList &errors() const { return m_errors; } // queries it could not read

private:
    void onReadyRead();
    [[nodiscard]] QByteArray answer(const QByteArray &query);

    QUdpSocket m_socket;
    QHash<QString, QList<SrvRecord>> m_records;
    QHash<QString, ResponseCode> m_codes;
    QSet<QString> m_silent;
    QStringList m_asked;
    QStringList m_errors;
};

} // namespace fumi::test
