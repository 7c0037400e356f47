// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/ParseResult.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <QStringView>

namespace fumi {

// Mailbox names in IMAP4rev1's modified UTF-7 (RFC 3501 §5.1.3), the form servers use unless
// UTF8=ACCEPT is enabled.
//
// Printable US-ASCII except "&" stands for itself; "&" is written "&-"; every other run of
// characters is written as "&", the modified BASE64 (with "," for "/" and no padding) of its
// UTF-16BE code units, and "-". The encoding is canonical: a name has exactly one encoded
// form. decode() therefore rejects what a correct encoder never writes, such as printable
// ASCII inside an encoded run or two encoded runs next to each other, because accepting them
// would let two different byte strings name the same mailbox.
namespace ModifiedUtf7 {

[[nodiscard]] QByteArray encode(QStringView name);
// The error's offset is the byte offset in `encoded` where the problem starts.
[[nodiscard]] ParseResult<QString> decode(QByteArrayView encoded);

} // namespace ModifiedUtf7

} // namespace fumi
