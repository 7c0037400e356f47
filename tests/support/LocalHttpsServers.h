// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "support/LocalHttpsServer.h"
#include "support/TestCertificates.h"

#include <QTemporaryDir>

#include <memory>

namespace fumi::test {

// The three HTTP servers the discovery tests stand a client against, all for the names
// autoconfig.example.test and example.test: one whose CA the test trusts, one with a
// certificate from another CA that is never trusted, and one speaking plain HTTP, which an
// HTTPS-only client must never reach.
struct LocalHttpsServers {
    // Makes both certificate chains; once per test program.
    [[nodiscard]] bool createCertificates(QString *error);
    // Starts a fresh set of servers on free loopback ports; once per test.
    [[nodiscard]] bool start();

    QTemporaryDir directory;
    TestCertificates certificates;      // trusted by the clients of these tests
    TestCertificates otherCertificates; // another CA, for the same names, never trusted
    std::unique_ptr<LocalHttpsServer> server;
    std::unique_ptr<LocalHttpsServer> untrustedServer;
    std::unique_ptr<LocalHttpsServer> plainServer;
};

} // namespace fumi::test
