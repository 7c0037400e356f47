// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "app/cli/RawImapSession.h"

#include <QDeadlineTimer>
#include <QElapsedTimer>
#include <QSslConfiguration>
#include <QSslSocket>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fumi::cli {

namespace {

QByteArray quoted(const QString &text)
{
    QByteArray bytes = text.toUtf8();
    bytes.replace('\\', "\\\\").replace('"', "\\\"");
    return QByteArray('"' + bytes + '"');
}

// The size of a literal that ends this line ("... {123}\r\n" or "{123+}\r\n"), or -1.
qint64 literalAtEnd(QByteArrayView line)
{
    if (line.endsWith("\r\n"))
        line.chop(2);
    else if (line.endsWith('\n'))
        line.chop(1);
    if (!line.endsWith('}'))
        return -1;
    line.chop(1);
    if (line.endsWith('+'))
        line.chop(1);
    const qsizetype open = line.lastIndexOf('{');
    if (open < 0)
        return -1;
    bool ok = false;
    const qint64 size = line.mid(open + 1).toLongLong(&ok);
    return ok && size >= 0 ? size : -1;
}

} // namespace

RawImapSession::RawImapSession(BenchServer server)
    : m_server(std::move(server))
{
}

RawImapSession::~RawImapSession()
{
    if (m_socket)
        m_socket->abort();
}

bool RawImapSession::open(bool readOnly, QString *error, const QByteArray &enable)
{
    m_socket = std::make_unique<QSslSocket>();
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    configuration.setCaCertificates({m_server.caCertificate});
    m_socket->setSslConfiguration(configuration);
    m_socket->connectToHostEncrypted(m_server.host, m_server.port);
    if (!m_socket->waitForEncrypted(30000)) {
        *error = u"cannot open TLS to %1:%2: %3"_s.arg(m_server.host).arg(m_server.port).arg(m_socket->errorString());
        return false;
    }
    QByteArray greeting;
    if (!readReply({"*"_ba}, false, &greeting, nullptr, nullptr, 30000, error))
        return false;
    const auto login = run("LOGIN " + quoted(m_server.user) + ' ' + quoted(m_server.password), false, error, 30000);
    if (!login)
        return false;
    if (!login->status.startsWith("OK")) {
        *error = u"LOGIN failed: "_s + QString::fromUtf8(login->status);
        return false;
    }
    if (!enable.isEmpty()) {
        const auto enabled = run("ENABLE " + enable, false, error, 30000);
        if (!enabled)
            return false;
        if (!enabled->status.startsWith("OK")) {
            *error = u"ENABLE failed: "_s + QString::fromUtf8(enabled->status);
            return false;
        }
    }
    const auto select
        = run(QByteArray(readOnly ? "EXAMINE " : "SELECT ") + quoted(m_server.mailbox), false, error, 600000);
    if (!select)
        return false;
    if (!select->status.startsWith("OK")) {
        *error = u"cannot select %1: %2"_s.arg(m_server.mailbox, QString::fromUtf8(select->status));
        return false;
    }
    return true;
}

std::optional<RawImapSession::Reply> RawImapSession::run(const QByteArray &command, bool keepData, QString *error,
                                                         int timeoutMs)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        *error = u"the session is not connected"_s;
        return std::nullopt;
    }
    const QByteArray tag = "fb" + QByteArray::number(m_nextTag++);
    const QByteArray line = tag + ' ' + command + "\r\n";
    Reply reply;
    const qint64 receivedBefore = m_bytesReceived;
    QElapsedTimer timer;
    timer.start();
    m_socket->write(line);
    m_socket->flush();
    m_bytesSent += line.size();
    reply.bytesSent = line.size();
    QByteArray status;
    if (!readReply({tag}, keepData, &status, keepData ? &reply.data : nullptr, &reply.untagged, timeoutMs, error))
        return std::nullopt;
    reply.seconds = double(timer.nsecsElapsed()) / 1e9;
    reply.status = status.mid(tag.size() + 1);
    reply.bytesReceived = m_bytesReceived - receivedBefore;
    return reply;
}

std::optional<double> RawImapSession::runPipelined(const QByteArrayList &commands,
                                                   const std::function<bool(int, qsizetype)> &goesOut, QString *error,
                                                   int timeoutMs)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        *error = u"the session is not connected"_s;
        return std::nullopt;
    }
    QElapsedTimer timer;
    timer.start();
    qsizetype next = 0;
    QByteArrayList inFlight;
    const auto send = [&] {
        while (goesOut(int(inFlight.size()), commands.size() - next)) {
            const QByteArray tag = "fb" + QByteArray::number(m_nextTag++);
            const QByteArray line = tag + ' ' + commands[next++] + "\r\n";
            m_socket->write(line);
            m_bytesSent += line.size();
            inFlight.append(tag);
        }
        m_socket->flush();
    };
    send();
    while (!inFlight.isEmpty()) {
        QByteArray status;
        if (!readReply(inFlight, false, &status, nullptr, nullptr, timeoutMs, error))
            return std::nullopt;
        const QByteArray tag = status.left(status.indexOf(' '));
        inFlight.removeOne(tag);
        if (!status.mid(tag.size() + 1).startsWith("OK")) {
            *error = u"%1 failed: %2"_s.arg(QString::fromLatin1(tag), QString::fromUtf8(status));
            return std::nullopt;
        }
        send();
    }
    return double(timer.nsecsElapsed()) / 1e9;
}

bool RawImapSession::startIdle(QString *error)
{
    if (!m_socket || m_socket->state() != QAbstractSocket::ConnectedState) {
        *error = u"the session is not connected"_s;
        return false;
    }
    m_idleTag = "fb" + QByteArray::number(m_nextTag++);
    const QByteArray line = m_idleTag + " IDLE\r\n";
    m_socket->write(line);
    m_socket->flush();
    m_bytesSent += line.size();
    QByteArray status;
    if (!readReply({"+"_ba}, false, &status, nullptr, nullptr, 30000, error))
        return false;
    return true;
}

std::optional<std::chrono::steady_clock::time_point> RawImapSession::waitForUntagged(qsizetype count, int timeoutMs,
                                                                                     QString *error)
{
    QByteArray status;
    qsizetype untagged = 0;
    // The IDLE tag ends the wait too: a server that ends IDLE by itself is a failure here.
    if (!readReply({m_idleTag}, false, &status, nullptr, &untagged, timeoutMs, error, count))
        return std::nullopt;
    if (untagged < count) {
        *error = u"IDLE ended after %1 of %2 responses: %3"_s.arg(untagged).arg(count).arg(QString::fromUtf8(status));
        return std::nullopt;
    }
    return std::chrono::steady_clock::now();
}

bool RawImapSession::stopIdle(QString *error)
{
    m_socket->write("DONE\r\n");
    m_socket->flush();
    m_bytesSent += 6;
    QByteArray status;
    return readReply({m_idleTag}, false, &status, nullptr, nullptr, 30000, error);
}

bool RawImapSession::readReply(const QByteArrayList &tags, bool keepData, QByteArray *status, QByteArray *data,
                               qsizetype *untagged, int timeoutMs, QString *error, qsizetype untaggedLimit)
{
    QByteArrayList prefixes;
    for (const QByteArray &tag : tags)
        prefixes.append(tag + ' ');
    const auto tagged = [&prefixes](QByteArrayView line) {
        return std::any_of(prefixes.cbegin(), prefixes.cend(), [line](const QByteArray &prefix) {
            return line.startsWith(prefix);
        });
    };
    QDeadlineTimer deadline(timeoutMs);
    qsizetype position = 0;
    qint64 literalLeft = 0;
    bool atResponseStart = true; // the text after a literal continues the response before it
    for (;;) {
        for (;;) {
            if (literalLeft > 0) {
                const qint64 take = qMin<qint64>(literalLeft, m_buffer.size() - position);
                if (keepData && data)
                    data->append(m_buffer.constData() + position, take);
                position += take;
                literalLeft -= take;
                if (literalLeft > 0)
                    break;
            }
            const qsizetype end = m_buffer.indexOf('\n', position);
            if (end < 0)
                break;
            const QByteArrayView line(m_buffer.constData() + position, end + 1 - position);
            if (atResponseStart && tagged(line)) {
                *status = QByteArray(line.trimmed());
                m_buffer.remove(0, end + 1);
                return true;
            }
            if (atResponseStart && untagged && line.startsWith("* "))
                ++*untagged;
            if (untaggedLimit > 0 && untagged && *untagged >= untaggedLimit && literalAtEnd(line) < 0) {
                status->clear();
                m_buffer.remove(0, end + 1);
                return true;
            }
            if (keepData && data)
                data->append(line);
            const qint64 literal = literalAtEnd(line);
            literalLeft = qMax<qint64>(0, literal);
            atResponseStart = literal < 0;
            position = end + 1;
        }
        m_buffer.remove(0, position);
        position = 0;
        if (m_socket->bytesAvailable() == 0 && !m_socket->waitForReadyRead(int(deadline.remainingTime()))) {
            *error = deadline.hasExpired()
                ? u"no reply to %1 within %2 s"_s.arg(QString::fromLatin1(tags.join(' '))).arg(timeoutMs / 1000)
                : u"the connection failed: "_s + m_socket->errorString();
            return false;
        }
        const QByteArray chunk = m_socket->readAll();
        m_bytesReceived += chunk.size();
        m_buffer += chunk;
    }
}

void RawImapSession::logout()
{
    QString ignored;
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        (void)run("LOGOUT"_ba, false, &ignored, 5000);
    if (m_socket)
        m_socket->disconnectFromHost();
}

UidSet RawImapSession::searchedUids(const QByteArray &data)
{
    UidSet uids;
    for (const QByteArray &line : data.split('\n')) {
        const QList<QByteArray> words = line.trimmed().split(' ');
        if (words.size() < 2 || words[0] != "*")
            continue;
        if (words[1].compare("SEARCH", Qt::CaseInsensitive) == 0) {
            for (qsizetype i = 2; i < words.size(); ++i) {
                bool ok = false;
                const Uid uid = words[i].toUInt(&ok);
                if (ok && uid != 0)
                    uids.insert(uid);
            }
        } else if (words[1].compare("ESEARCH", Qt::CaseInsensitive) == 0) {
            for (qsizetype i = 2; i + 1 < words.size(); ++i) {
                if (words[i].compare("ALL", Qt::CaseInsensitive) != 0)
                    continue;
                if (const auto set = UidSet::fromImapSequenceSet(words[i + 1], maxUid))
                    uids |= set.value();
            }
        }
    }
    return uids;
}

} // namespace fumi::cli
