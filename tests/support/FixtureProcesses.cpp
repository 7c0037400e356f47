// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/FixtureProcesses.h"

#include <QCoreApplication>
#include <QDir>
#include <QRegularExpression>

#include <cerrno>
#include <csignal>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace fumi::test {

namespace {

bool processExists(qint64 pid)
{
    return ::kill(pid_t(pid), 0) == 0 || errno != ESRCH;
}

} // namespace

bool processGroupExists(qint64 group)
{
    return group > 0 && (::kill(-pid_t(group), 0) == 0 || errno != ESRCH);
}

std::unique_ptr<QTemporaryDir> makeFixtureDirectory(const QString &prefix, QString *error)
{
    const QRegularExpression pattern(u'^' + QRegularExpression::escape(prefix) + u"(\\d+)-"_s);
    QDir temp(QDir::tempPath());
    const QStringList entries = temp.entryList({prefix + u'*'}, QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString &entry : entries) {
        const auto match = pattern.match(entry);
        if (match.hasMatch() && !processExists(match.captured(1).toLongLong()))
            QDir(temp.filePath(entry)).removeRecursively();
    }
    auto directory = std::make_unique<QTemporaryDir>(
        temp.filePath(prefix + QString::number(QCoreApplication::applicationPid()) + u"-XXXXXX"_s));
    if (!directory->isValid()) {
        *error = u"cannot create a temporary directory: "_s + directory->errorString();
        return nullptr;
    }
    return directory;
}

} // namespace fumi::test
