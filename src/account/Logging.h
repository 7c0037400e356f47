// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLoggingCategory>

// fumi.account: account settings, credentials, trust, discovery and OAuth2. Never logs a secret.
Q_DECLARE_LOGGING_CATEGORY(lcAccount)
