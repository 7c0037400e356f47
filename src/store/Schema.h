// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "store/Result.h"

namespace fumi::store {

class Database;

// The cache's schema as a list of migrations. Version n is what the first n migrations build;
// SQLite's `PRAGMA user_version` records it in the file. Each migration runs in its own
// transaction together with the version bump, so a crash mid-upgrade leaves the old version,
// never half of a new one. Migrations are only ever appended: a released one never changes.
namespace Schema {

// The version this build writes.
[[nodiscard]] int version();
// Brings a database at `from` (0 for a new file) up to version(). `from` must not be newer.
[[nodiscard]] Result<> migrate(Database &database, int from);

} // namespace Schema

} // namespace fumi::store
