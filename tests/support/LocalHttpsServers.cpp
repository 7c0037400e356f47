// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/LocalHttpsServers.h"

#include <QDir>

using namespace Qt::StringLiterals;

namespace fumi::test {

bool LocalHttpsServers::createCertificates(QString *error)
{
    if (!directory.isValid() || !QDir(directory.path()).mkpath(u"trusted"_s)
        || !QDir(directory.path()).mkpath(u"other"_s)) {
        *error = u"cannot create a temporary directory"_s;
        return false;
    }
    const QStringList names{u"autoconfig.example.test"_s, u"example.test"_s};
    for (auto [set, folder] : {std::pair{&certificates, u"trusted"_s}, std::pair{&otherCertificates, u"other"_s}}) {
        if (!set->create(directory.filePath(folder), names)) {
            *error = set->errorString();
            return false;
        }
    }
    return true;
}

bool LocalHttpsServers::start()
{
    server = std::make_unique<LocalHttpsServer>(certificates);
    untrustedServer = std::make_unique<LocalHttpsServer>(otherCertificates);
    plainServer = std::make_unique<LocalHttpsServer>(certificates, LocalHttpsServer::Mode::Plain);
    return server->start() && untrustedServer->start() && plainServer->start();
}

} // namespace fumi::test
