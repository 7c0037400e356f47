// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// libFuzzer target for the autoconfig XML reader: the document comes over the network from
// the address's domain (or whoever answers for it) while an account is being set up.

#include "account/AutoconfigXml.h"

#include <QByteArray>
#include <QString>

#include <cstddef>
#include <cstdint>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // NetworkHttpsFetcher stops reading far below this.
    if (size > 256 * 1024)
        return 0;
    const QByteArray document(reinterpret_cast<const char *>(data), qsizetype(size));
    const auto result = fumi::account::AutoconfigXml::parse(document, QStringLiteral("alice@example.test"));
    if (!result.ok())
        (void)result.errorString();
    return 0;
}
