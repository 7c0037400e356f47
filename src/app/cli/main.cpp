// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// fumi-cli: Fumi's headless companion, over the same libraries and the same profile as the GUI.

#include "app/cli/Cli.h"

#include <QCoreApplication>
#include <QLoggingCategory>

using namespace Qt::StringLiterals;

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(u"fumi"_s);
    QCoreApplication::setApplicationVersion(QStringLiteral(FUMI_VERSION));
    // The libraries' progress notes are for the GUI's log; QT_LOGGING_RULES still turns them on.
    QLoggingCategory::setFilterRules(u"fumi.*.info=false"_s);

    fumi::cli::Cli cli(fumi::cli::accountCommands() + fumi::cli::mailCommands() + fumi::cli::benchCommands()
                       + fumi::cli::demoCommands());
    if (const auto code = cli.start(QCoreApplication::arguments()))
        return *code;
    return QCoreApplication::exec();
}
