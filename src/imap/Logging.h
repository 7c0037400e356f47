// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QLoggingCategory>

// fumi.imap: the layer's own messages. fumi.imap.transcript: the redacted protocol exchange,
// off unless enabled (QT_LOGGING_RULES="fumi.imap.transcript.debug=true").
Q_DECLARE_LOGGING_CATEGORY(lcImap)
Q_DECLARE_LOGGING_CATEGORY(lcImapTranscript)
