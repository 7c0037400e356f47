// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "support/TestCertificates.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QTcpServer>
#include <QUrlQuery>

#include <utility>

class QTcpSocket;

namespace fumi::test {

// A small HTTP/1.1 server on 127.0.0.1 and a free port, with TLS from TestCertificates (or
// without, to catch a client that should never have spoken plain HTTP). It answers GET
// requests from a table keyed by the Host header and the path, so one server can stand for
// several names (autoconfig.example.test and example.test); anything not in the table gets
// 404. It records every request, and every connection, for assertions.
class LocalHttpsServer : public QTcpServer
{
    Q_OBJECT

public:
    enum class Mode { Tls, Plain };

    using Header = std::pair<QByteArray, QByteArray>;

    struct Response {
        int status = 200;
        QByteArray body;
        QList<Header> headers;
        bool omitContentLength = false; // send the body, then close, as an HTTP/1.0 server does
        bool hang = false;              // read the request and never answer
    };

    struct Request {
        QByteArray method;
        QByteArray target; // as sent: path and query
        QByteArray host;   // the Host header without a port
        QList<Header> headers;

        [[nodiscard]] QByteArray path() const;
        [[nodiscard]] QUrlQuery query() const;
        [[nodiscard]] QByteArray header(const QByteArray &name) const; // case-insensitive; empty if absent
    };

    explicit LocalHttpsServer(const TestCertificates &certificates, Mode mode = Mode::Tls);
    ~LocalHttpsServer() override;

    [[nodiscard]] bool start(); // listens on 127.0.0.1 and a free port

    // What a GET of `path` (query ignored) on `host` answers; an empty host stands for any.
    void serve(const QByteArray &host, const QByteArray &path, Response response);
    void serveRedirect(const QByteArray &host, const QByteArray &path, const QByteArray &location, int status = 301);

    [[nodiscard]] const QList<Request> &requests() const { return m_requests; }
    [[nodiscard]] int connectionCount() const { return m_connections; }
    [[nodiscard]] const QStringList &errors() const { return m_errors; } // requests it could not read

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onReadyRead(QTcpSocket *socket);
    void answer(QTcpSocket *socket, const Request &request);

    const TestCertificates &m_certificates;
    Mode m_mode;
    QHash<std::pair<QByteArray, QByteArray>, Response> m_responses;
    QHash<QTcpSocket *, QByteArray> m_buffers;
    QList<Request> m_requests;
    QStringList m_errors;
    int m_connections = 0;
};

} // namespace fumi::test
