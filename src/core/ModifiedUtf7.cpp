// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "core/ModifiedUtf7.h"

namespace fumi::ModifiedUtf7 {

namespace {

constexpr char base64Alphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+,";

bool representsItself(char16_t c)
{
    return c >= 0x20 && c <= 0x7e && c != u'&';
}

int base64Value(char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == ',')
        return 63;
    return -1;
}

// An unpaired surrogate cannot be decoded again, so it is written as U+FFFD.
char16_t codeUnitAt(QStringView run, qsizetype k)
{
    const QChar unit = run[k];
    if (unit.isHighSurrogate())
        return k + 1 < run.size() && run[k + 1].isLowSurrogate() ? unit.unicode() : u'\uFFFD';
    if (unit.isLowSurrogate())
        return k > 0 && run[k - 1].isHighSurrogate() ? unit.unicode() : u'\uFFFD';
    return unit.unicode();
}

void appendEncodedRun(QByteArray &out, QStringView run)
{
    out.append('&');
    quint32 bits = 0;
    int bitCount = 0;
    for (qsizetype k = 0; k < run.size(); ++k) {
        bits = (bits << 16) | codeUnitAt(run, k);
        bitCount += 16;
        while (bitCount >= 6) {
            bitCount -= 6;
            out.append(base64Alphabet[(bits >> bitCount) & 0x3f]);
        }
    }
    if (bitCount > 0)
        out.append(base64Alphabet[(bits << (6 - bitCount)) & 0x3f]);
    out.append('-');
}

} // namespace

QByteArray encode(QStringView name)
{
    QByteArray out;
    out.reserve(name.size());
    qsizetype i = 0;
    while (i < name.size()) {
        const char16_t c = name[i].unicode();
        if (c == u'&') {
            out.append("&-");
            ++i;
        } else if (representsItself(c)) {
            out.append(char(c));
            ++i;
        } else {
            qsizetype end = i;
            while (end < name.size() && !representsItself(name[end].unicode()) && name[end] != u'&')
                ++end;
            appendEncodedRun(out, name.sliced(i, end - i));
            i = end;
        }
    }
    return out;
}

ParseResult<QString> decode(QByteArrayView encoded)
{
    QString name;
    name.reserve(encoded.size());
    qsizetype i = 0;
    qsizetype previousRunEnd = -1; // offset just past the '-' of the last encoded run
    while (i < encoded.size()) {
        const char c = encoded[i];
        if (c != '&') {
            if (!representsItself(char16_t(uchar(c))))
                return ParseError{
                    i,
                    QStringLiteral("byte 0x%1 is not printable US-ASCII").arg(uint(uchar(c)), 2, 16, QLatin1Char('0'))};
            name.append(QLatin1Char(c));
            ++i;
            continue;
        }

        const qsizetype runStart = i;
        ++i;
        if (i < encoded.size() && encoded[i] == '-') {
            name.append(u'&');
            ++i;
            continue;
        }
        if (runStart == previousRunEnd)
            return ParseError{runStart, QStringLiteral("two encoded runs next to each other must be one run")};

        quint32 bits = 0;
        int bitCount = 0;
        QString run;
        while (true) {
            if (i >= encoded.size())
                return ParseError{runStart, QStringLiteral("encoded run not terminated by '-'")};
            const char b = encoded[i];
            if (b == '-')
                break;
            const int value = base64Value(b);
            if (value < 0)
                return ParseError{i, QStringLiteral("'%1' is not a modified BASE64 character").arg(QLatin1Char(b))};
            bits = (bits << 6) | quint32(value);
            bitCount += 6;
            if (bitCount >= 16) {
                bitCount -= 16;
                run.append(QChar(char16_t((bits >> bitCount) & 0xffff)));
            }
            ++i;
        }
        // At most 4 bits may be left over, all zero: anything else is a truncated code unit.
        if (bitCount >= 6 || (bits & ((1u << bitCount) - 1)) != 0)
            return ParseError{i, QStringLiteral("encoded run ends inside a UTF-16 code unit")};
        if (run.isEmpty())
            return ParseError{runStart, QStringLiteral("empty encoded run")};

        for (qsizetype k = 0; k < run.size(); ++k) {
            const QChar unit = run[k];
            if (representsItself(unit.unicode()) || unit == u'&')
                return ParseError{runStart, QStringLiteral("printable US-ASCII must not be encoded")};
            if (unit.isHighSurrogate() && k + 1 < run.size() && run[k + 1].isLowSurrogate()) {
                ++k;
                continue;
            }
            if (unit.isSurrogate())
                return ParseError{runStart, QStringLiteral("encoded run holds an unpaired UTF-16 surrogate")};
        }
        name.append(run);
        ++i; // the '-'
        previousRunEnd = i;
    }
    return name;
}

} // namespace fumi::ModifiedUtf7
