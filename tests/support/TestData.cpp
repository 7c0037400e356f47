// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "support/TestData.h"

namespace fumi::test {

QString testDataDirectory()
{
    return QStringLiteral(FUMI_TEST_DATA_DIR);
}

} // namespace fumi::test
