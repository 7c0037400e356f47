// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLoggingCategory>

// fumi.engine: connections, sync and the operation journal. Never logs a secret.
Q_DECLARE_LOGGING_CATEGORY(lcEngine)
