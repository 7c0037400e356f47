// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>

namespace fumi::models {

// A search the user kept under a name: shown as a virtual folder in the folder tree, it runs
// its query again when chosen.
struct SavedSearch {
    QString name;
    QString query; // as typed in the search bar

    friend bool operator==(const SavedSearch &, const SavedSearch &) = default;
};

} // namespace fumi::models
