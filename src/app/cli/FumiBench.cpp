// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "app/cli/FumiBench.h"

using namespace Qt::StringLiterals;

namespace fumi::cli {

std::optional<FumiBenchFigures> measureFumi(const BenchServer &server, const QString &cacheDirectory, QString *error)
{
    // The engine's mailbox sync (open into the store, IDLE) is not in this build yet; until it
    // is, the benchmark reports Fumi's figures as missing rather than inventing any.
    Q_UNUSED(server);
    Q_UNUSED(cacheDirectory);
    *error = u"not measured yet: the engine cannot open a mailbox into the store in this build"_s;
    return std::nullopt;
}

} // namespace fumi::cli
