// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace fumi::test {

// tests/data in the source tree, where fixtures and tests find their inputs.
[[nodiscard]] QString testDataDirectory();

} // namespace fumi::test
