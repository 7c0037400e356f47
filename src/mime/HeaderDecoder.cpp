// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "mime/HeaderDecoder.h"

#include <KCodecs>
#include <KMime/Headers>

#include <QStringDecoder>

#include <algorithm>
#include <map>

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

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

// RFC 2231's %XX escapes; a stray '%' stays as it is.
QByteArray percentDecoded(QByteArrayView value)
{
    QByteArray out;
    out.reserve(value.size());
    for (qsizetype i = 0; i < value.size(); ++i) {
        const int high = i + 2 < value.size() && value[i] == '%' ? hexValue(value[i + 1]) : -1;
        const int low = high >= 0 ? hexValue(value[i + 2]) : -1;
        if (low >= 0) {
            out += char(high * 16 + low);
            i += 2;
        } else {
            out += value[i];
        }
    }
    return out;
}

// Bytes in a named charset. KCodecs knows the charsets of mail (ISO-2022-JP, Shift_JIS,
// windows-1252...) through its encoded-word decoder, so the bytes go through one.
QString inCharset(QByteArrayView charset, const QByteArray &bytes)
{
    const bool nameIsPlain = !charset.isEmpty() && std::all_of(charset.begin(), charset.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_'
            || c == '.' || c == ':';
    });
    if (!nameIsPlain)
        return HeaderDecoder::text(bytes);
    const QByteArray word = QByteArray("=?" + charset.toByteArray() + "?B?" + bytes.toBase64() + "?=");
    return HeaderDecoder::neutralise(KCodecs::decodeRFC2047String(QString::fromLatin1(word))).simplified();
}

} // namespace

QString HeaderDecoder::parameter(const QList<std::pair<QByteArray, QByteArray>> &parameters, QByteArrayView name)
{
    const auto isName = [](QByteArrayView key, QByteArrayView wanted) {
        return key.size() == wanted.size() && key.compare(wanted, Qt::CaseInsensitive) == 0;
    };
    // RFC 2231 §4.1: charset'language'percent-encoded. A value without the two quotes is taken
    // as percent-encoded UTF-8, as the mailers that get it wrong mean it.
    const auto extended = [](QByteArrayView value, QByteArray *charset) {
        const qsizetype first = value.indexOf('\'');
        const qsizetype second = first < 0 ? -1 : value.indexOf('\'', first + 1);
        if (second < 0)
            return percentDecoded(value);
        *charset = value.first(first).toByteArray();
        return percentDecoded(value.sliced(second + 1));
    };

    // The extended forms win over a plain value of the same name (RFC 2231 §4: mailers send both
    // so that old readers see something).
    const QByteArray starred = name.toByteArray() + '*';
    std::map<int, std::pair<bool, QByteArray>> segments; // continuation number → (extended, value)
    for (const auto &[key, value] : parameters) {
        if (isName(key, starred)) {
            QByteArray charset;
            const QByteArray bytes = extended(value, &charset);
            return charset.isEmpty() ? text(bytes) : inCharset(charset, bytes);
        }
        if (key.size() <= starred.size() || !isName(QByteArrayView(key).first(starred.size()), starred))
            continue;
        QByteArrayView rest = QByteArrayView(key).sliced(starred.size());
        const bool isExtended = rest.endsWith('*');
        if (isExtended)
            rest.chop(1);
        bool numeric = false;
        const int index = rest.toInt(&numeric);
        if (numeric && index >= 0 && index < 1000 && !segments.contains(index))
            segments.emplace(index, std::pair(isExtended, value));
    }
    if (!segments.empty()) {
        QByteArray charset;
        QByteArray bytes;
        int expected = 0;
        for (const auto &[index, segment] : segments) {
            if (index != expected++)
                break; // a gap: what follows it cannot be placed
            const auto &[isExtended, value] = segment;
            if (!isExtended)
                bytes += value;
            else if (index == 0)
                bytes += extended(value, &charset);
            else
                bytes += percentDecoded(value);
        }
        return charset.isEmpty() ? text(bytes) : inCharset(charset, bytes);
    }
    for (const auto &[key, value] : parameters) {
        if (isName(key, name))
            return value.isEmpty() ? QString(QLatin1String("")) : text(value);
    }
    return {};
}

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
