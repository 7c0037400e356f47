// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/ScriptedLogin.h"

#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;

namespace fumi::test {

ScriptedLogin ScriptedLogin::start(const TestCertificates &certificates, const QByteArrayList &script, Options options)
{
    ScriptedLogin login;
    login.server = std::make_unique<ScriptedImapServer>(ScriptedImapServer::Mode::Plain, certificates, script);
    if (!login.server->start())
        return login;
    imap::ConnectionSettings settings;
    settings.host = u"127.0.0.1"_s;
    settings.port = login.server->serverPort();
    settings.security = imap::ConnectionSettings::Security::Plain;
    settings.compress = false;
    settings.enableExtensions = options.enableExtensions;
    settings.sendId = false;
    auto connection = std::make_unique<imap::Connection>(settings, nullptr);
    QSignalSpy ready(connection.get(), &imap::Connection::ready);
    QSignalSpy authenticated(connection.get(), &imap::Connection::authenticated);
    QSignalSpy failed(connection.get(), &imap::Connection::failed);
    connection->open();
    if (!QTest::qWaitFor(
            [&] {
                return !ready.isEmpty() || !failed.isEmpty();
            },
            options.timeoutMs)
        || ready.isEmpty())
        return login;
    connection->login(u"alice"_s, u"secret"_s);
    if (!QTest::qWaitFor(
            [&] {
                return !authenticated.isEmpty() || !failed.isEmpty();
            },
            options.timeoutMs)
        || authenticated.isEmpty())
        return login;
    login.connection = std::move(connection);
    return login;
}

} // namespace fumi::test
