// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/XvfbScreen.h"

#include <QDir>
#include <QProcess>

namespace fumi::test {

QString captureXvfbScreen(const QString &fileName, QString *error)
{
    const QString directory = qEnvironmentVariable("FUMI_XVFB_SCREENSHOT_DIR");
    if (directory.isEmpty())
        return {};
    if (!QDir().mkpath(directory)) {
        *error = QStringLiteral("cannot create %1").arg(directory);
        return {};
    }
    const QString path = QDir(directory).filePath(fileName);
    QProcess import;
    import.start(QStringLiteral("import"), {QStringLiteral("-window"), QStringLiteral("root"), path});
    if (!import.waitForFinished(30000) || import.exitStatus() != QProcess::NormalExit || import.exitCode() != 0) {
        *error = QStringLiteral("import -window root %1 failed: %2")
                     .arg(path, QString::fromLocal8Bit(import.readAllStandardError()).trimmed());
        return {};
    }
    return path;
}

} // namespace fumi::test
