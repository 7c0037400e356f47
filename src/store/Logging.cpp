// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "store/Logging.h"

Q_LOGGING_CATEGORY(lcStore, "fumi.store", QtInfoMsg)
