// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QString>

namespace fumi::test {

// tests/data in the source tree, where fixtures and tests find their inputs.
[[nodiscard]] QString testDataDirectory();
// The bytes of a file below tests/data; a missing input ends the test program with its name.
[[nodiscard]] QByteArray readTestData(const QString &relativePath);

} // namespace fumi::test
