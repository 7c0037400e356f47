// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/Logging.h"

Q_LOGGING_CATEGORY(lcEngine, "fumi.engine", QtInfoMsg)
