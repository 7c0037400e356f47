// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/ScriptedImapServer.h"

#include "support/TestData.h"

#include <QFile>
#include <QSslSocket>

using namespace Qt::StringLiterals;

namespace fumi::test {

ScriptedImapServer::ScriptedImapServer(Mode mode, const TestCertificates &certificates, QByteArrayList script)
    : m_mode(mode)
    , m_certificates(certificates)
    , m_script(std::move(script))
{
}

QByteArrayList ScriptedImapServer::loadScript(const QString &name)
{
    QFile file(testDataDirectory() + u"/imap/scripts/"_s + name + u".imapscript"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read the script %s", qPrintable(file.fileName()));
    QByteArrayList steps;
    for (QByteArray line : file.readAll().split('\n')) {
        if (line.endsWith('\r'))
            line.chop(1);
        if (line.isEmpty() || line.startsWith('#'))
            continue;
        steps << line.replace("\\r\\n", "\r\n");
    }
    return steps;
}

ScriptedImapServer::~ScriptedImapServer()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

bool ScriptedImapServer::start()
{
    return listen(QHostAddress::LocalHost, 0);
}

void ScriptedImapServer::incomingConnection(qintptr descriptor)
{
    if (m_socket) {
        if (m_step >= m_script.size() || m_script[m_step] != "ACCEPT") {
            m_errors << u"a second connection"_s;
            return;
        }
        ++m_step;
        m_socket->disconnect(this);
        m_socket.release()->deleteLater();
        m_buffer.clear();
    }
    m_socket = std::make_unique<QSslSocket>();
    if (!m_socket->setSocketDescriptor(descriptor)) {
        m_errors << u"cannot take the connection"_s;
        return;
    }
    m_socket->setLocalCertificate(m_certificates.certificate());
    m_socket->setPrivateKey(m_certificates.key());
    m_socket->setPeerVerifyMode(QSslSocket::VerifyNone); // clients present no certificate
    connect(m_socket.get(), &QSslSocket::readyRead, this, &ScriptedImapServer::onReadyRead);
    if (m_mode == Mode::ImplicitTls) {
        connect(m_socket.get(), &QSslSocket::encrypted, this, &ScriptedImapServer::run);
        m_socket->startServerEncryption();
    } else {
        run();
    }
}

void ScriptedImapServer::run()
{
    while (m_step < m_script.size() && m_socket) {
        const QByteArray &step = m_script[m_step];
        if (step.startsWith("C: ") || step.startsWith("C? ") || step == "ACCEPT")
            return; // wait for the client, or for its next connection
        ++m_step;
        if (step.startsWith("S: ")) {
            m_socket->write(step.mid(3) + "\r\n");
        } else if (step == "TLS") {
            m_socket->flush();
            m_socket->startServerEncryption();
        } else if (step == "CLOSE") {
            m_socket->disconnectFromHost();
            return;
        } else {
            m_errors << u"bad script step: "_s + QString::fromUtf8(step);
        }
    }
}

void ScriptedImapServer::onReadyRead()
{
    const QByteArray bytes = m_socket->readAll();
    m_received += bytes;
    m_buffer += bytes;
    while (true) {
        const qsizetype end = m_buffer.indexOf("\r\n");
        if (end < 0)
            return;
        const QByteArray line = m_buffer.left(end);
        m_buffer.remove(0, end + 2);
        if (m_step >= m_script.size() || !(m_script[m_step].startsWith("C: ") || m_script[m_step].startsWith("C? "))) {
            m_errors << u"unexpected line from the client: "_s + QString::fromUtf8(line);
            continue;
        }
        const QByteArray expected = m_script[m_step].mid(3);
        const bool prefixOnly = m_script[m_step].startsWith("C? ");
        if (prefixOnly ? !line.startsWith(expected) : line != expected)
            m_errors << u"expected \"%1\", client sent \"%2\""_s.arg(QString::fromUtf8(expected),
                                                                     QString::fromUtf8(line));
        ++m_step;
        run();
    }
}

} // namespace fumi::test
