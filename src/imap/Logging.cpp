// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "imap/Logging.h"

Q_LOGGING_CATEGORY(lcImap, "fumi.imap", QtInfoMsg)
Q_LOGGING_CATEGORY(lcImapTranscript, "fumi.imap.transcript", QtWarningMsg)
