// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "mime/HeaderDecoder.h"

#include <KCodecs>
#include <KMime/Headers>

#include <QStringDecoder>

#include <algorithm>

namespace fumi::mime {

namespace {

bool isPlainAscii(QByteArrayView raw)
{
    for (char c : raw) {
        const auto byte = static_cast<unsigned char>(c);
        if (byte >= 0x80 || byte < 0x20)
            return false;
    }
    return true;
}

} // namespace

QString HeaderDecoder::text(QByteArrayView raw)
{
    raw = raw.trimmed();
    if (raw.isEmpty())
        return {};
    if (isPlainAscii(raw) && !raw.contains("=?"))
        return QString::fromLatin1(raw);

    QByteArray bytes = raw.toByteArray();
    bytes.replace("\r\n", "");
    // Bytes outside encoded-words: UTF-8 where they are valid UTF-8 (RFC 6532), else Latin-1,
    // which maps every byte to some character instead of dropping it.
    QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    QString decoded = utf8.decode(bytes);
    if (utf8.hasError())
        decoded = QString::fromLatin1(bytes);
    if (decoded.contains(QLatin1String("=?")))
        decoded = KCodecs::decodeRFC2047String(decoded);
    return neutralise(decoded).simplified();
}

QString HeaderDecoder::neutralise(QString text)
{
    for (QChar &c : text) {
        const char16_t u = c.unicode();
        const bool control = u < 0x20 || (u >= 0x7f && u < 0xa0);
        const bool bidi
            = (u >= 0x202a && u <= 0x202e) || (u >= 0x2066 && u <= 0x2069) || u == 0x200e || u == 0x200f || u == 0x061c;
        if (control || bidi)
            c = QLatin1Char(' ');
    }
    return text;
}

QDateTime HeaderDecoder::date(QByteArrayView raw)
{
    if (raw.trimmed().isEmpty())
        return {};
    KMime::Headers::Date header;
    header.from7BitString(raw);
    QDateTime when = header.dateTime();
    if (!when.isValid())
        return {};
    return when.toUTC();
}

QString HeaderDecoder::formatAddress(const QString &name, const QString &address)
{
    if (name.isEmpty())
        return address;
    if (address.isEmpty())
        return name;
    static const QString specials = QStringLiteral("()<>[]:;@\\,.\"");
    const bool needsQuotes = std::any_of(name.cbegin(), name.cend(), [](QChar c) {
        return specials.contains(c);
    });
    if (!needsQuotes)
        return name + QLatin1String(" <") + address + QLatin1Char('>');
    QString quoted = name;
    quoted.replace(QLatin1Char('\\'), QLatin1String("\\\\"));
    quoted.replace(QLatin1Char('"'), QLatin1String("\\\""));
    return QLatin1Char('"') + quoted + QLatin1String("\" <") + address + QLatin1Char('>');
}

} // namespace fumi::mime
