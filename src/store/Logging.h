// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLoggingCategory>

// fumi.store: the account cache, its schema migrations and body-part eviction. Never logs
// message contents.
Q_DECLARE_LOGGING_CATEGORY(lcStore)
