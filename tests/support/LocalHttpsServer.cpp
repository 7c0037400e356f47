// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/LocalHttpsServer.h"

#include <QSslSocket>

#include <memory>

using namespace Qt::StringLiterals;

namespace fumi::test {

namespace {

QByteArray reasonPhrase(int status)
{
    switch (status) {
    case 200:
        return "OK";
    case 301:
        return "Moved Permanently";
    case 302:
        return "Found";
    case 307:
        return "Temporary Redirect";
    case 308:
        return "Permanent Redirect";
    case 403:
        return "Forbidden";
    case 404:
        return "Not Found";
    case 500:
        return "Internal Server Error";
    default:
        return "Status";
    }
}

} // namespace

QByteArray LocalHttpsServer::Request::path() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? target : target.left(question);
}

QUrlQuery LocalHttpsServer::Request::query() const
{
    const qsizetype question = target.indexOf('?');
    return question < 0 ? QUrlQuery() : QUrlQuery(QString::fromLatin1(target.mid(question + 1)));
}

QByteArray LocalHttpsServer::Request::header(const QByteArray &name) const
{
    for (const Header &header : headers) {
        if (header.first.compare(name, Qt::CaseInsensitive) == 0)
            return header.second;
    }
    return {};
}

LocalHttpsServer::LocalHttpsServer(const TestCertificates &certificates, Mode mode)
    : m_certificates(certificates)
    , m_mode(mode)
{
}

LocalHttpsServer::~LocalHttpsServer()
{
    // The sockets are children; they must not call back into a half-destroyed server.
    for (auto it = m_buffers.keyBegin(); it != m_buffers.keyEnd(); ++it) {
        (*it)->disconnect(this);
        (*it)->abort();
    }
}

bool LocalHttpsServer::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void LocalHttpsServer::serve(const QByteArray &host, const QByteArray &path, Response response)
{
    m_responses.insert({host, path}, std::move(response));
}

void LocalHttpsServer::serveRedirect(const QByteArray &host, const QByteArray &path, const QByteArray &location,
                                     int status)
{
    Response response;
    response.status = status;
    response.headers = {{"Location", location}};
    serve(host, path, std::move(response));
}

void LocalHttpsServer::incomingConnection(qintptr descriptor)
{
    ++m_connections;
    auto owned = std::make_unique<QSslSocket>();
    if (!owned->setSocketDescriptor(descriptor)) {
        m_errors << u"cannot take a connection"_s;
        return;
    }
    QSslSocket *socket = owned.release();
    socket->setParent(this);
    m_buffers.insert(socket, {});
    connect(socket, &QSslSocket::readyRead, this, [this, socket] {
        onReadyRead(socket);
    });
    connect(socket, &QSslSocket::disconnected, this, [this, socket] {
        m_buffers.remove(socket);
        socket->deleteLater();
    });
    if (m_mode == Mode::Tls) {
        socket->setLocalCertificate(m_certificates.certificate());
        socket->setPrivateKey(m_certificates.key());
        socket->setPeerVerifyMode(QSslSocket::VerifyNone); // clients present no certificate
        socket->startServerEncryption();
    }
}

void LocalHttpsServer::onReadyRead(QTcpSocket *socket)
{
    QByteArray &buffer = m_buffers[socket];
    buffer += socket->readAll();
    while (true) {
        const qsizetype end = buffer.indexOf("\r\n\r\n");
        if (end < 0)
            return;
        const QList<QByteArray> lines = buffer.left(end).split('\n');
        buffer.remove(0, end + 4); // GET carries no body
        Request request;
        const QList<QByteArray> requestLine = lines.first().trimmed().split(' ');
        if (requestLine.size() != 3 || !requestLine[2].startsWith("HTTP/1.")) {
            m_errors << u"not an HTTP/1 request line: "_s + QString::fromLatin1(lines.first());
            socket->disconnectFromHost();
            return;
        }
        request.method = requestLine[0];
        request.target = requestLine[1];
        for (qsizetype i = 1; i < lines.size(); ++i) {
            const qsizetype colon = lines[i].indexOf(':');
            if (colon > 0)
                request.headers.append({lines[i].left(colon).trimmed(), lines[i].mid(colon + 1).trimmed()});
        }
        request.host = request.header("Host");
        if (const qsizetype colon = request.host.lastIndexOf(':'); colon >= 0 && !request.host.endsWith(']'))
            request.host.truncate(colon);
        m_requests.append(request);
        answer(socket, request);
        if (socket->state() != QAbstractSocket::ConnectedState)
            return;
    }
}

void LocalHttpsServer::answer(QTcpSocket *socket, const Request &request)
{
    Response response;
    if (auto found = m_responses.constFind({request.host, request.path()}); found != m_responses.cend())
        response = *found;
    else if (found = m_responses.constFind({QByteArray(), request.path()}); found != m_responses.cend())
        response = *found;
    else
        response = {404, "not here\n", {{"Content-Type", "text/plain"}}, false, false};
    if (request.method != "GET")
        response = {405, {}, {{"Allow", "GET"}}, false, false};
    if (response.hang)
        return;

    QByteArray head = "HTTP/1.1 " + QByteArray::number(response.status) + ' ' + reasonPhrase(response.status) + "\r\n";
    for (const Header &header : std::as_const(response.headers))
        head += header.first + ": " + header.second + "\r\n";
    if (response.omitContentLength)
        head += "Connection: close\r\n";
    else
        head += "Content-Length: " + QByteArray::number(response.body.size()) + "\r\n";
    socket->write(head + "\r\n" + response.body);
    if (response.omitContentLength)
        socket->disconnectFromHost();
}

} // namespace fumi::test
