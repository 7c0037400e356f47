// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "engine/MessagePart.h"

namespace fumi::engine {

QByteArray MessagePart::parameter(QByteArrayView name) const
{
    for (const auto &[key, value] : parameters) {
        if (key.size() == name.size() && QByteArrayView(key).compare(name, Qt::CaseInsensitive) == 0)
            return value;
    }
    return {};
}

QByteArray MessagePart::charset() const
{
    const QByteArray named = parameter("charset").trimmed().toLower();
    if (named.isEmpty() && isText())
        return QByteArrayLiteral("us-ascii");
    return named;
}

QByteArray MessagePart::contentSection() const
{
    if (!section.isEmpty())
        return section;
    return bodyOf.isEmpty() ? QByteArrayLiteral("TEXT") : QByteArray(bodyOf + ".TEXT");
}

} // namespace fumi::engine
