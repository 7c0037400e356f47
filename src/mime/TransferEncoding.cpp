// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "mime/TransferEncoding.h"

#include <KCodecs>

namespace fumi::mime {

namespace {

bool is(QByteArrayView encoding, QByteArrayView name)
{
    return encoding.trimmed().compare(name, Qt::CaseInsensitive) == 0;
}

// Quoted-printable's line structure made explicit before KCodecs undoes the escapes: a line
// break in the encoded text is a line break of the content, which is CRLF in canonical form
// (RFC 2045 §6.7 (4)), but KCodecs turns it into a bare LF. So soft breaks ("=" at the end of a
// line) are removed, hard breaks written as "=0D=0A", and the whitespace a transport may add at
// the end of a line dropped (§6.7 (3)), as BINARY would return the part.
QByteArray withExplicitLineBreaks(QByteArrayView data)
{
    QByteArray out;
    out.reserve(data.size() + data.size() / 16);
    qsizetype start = 0;
    while (true) {
        const qsizetype newline = data.indexOf('\n', start);
        const bool last = newline < 0;
        QByteArrayView line = data.sliced(start, (last ? data.size() : newline) - start);
        if (line.endsWith('\r'))
            line.chop(1);
        while (!line.isEmpty() && (line.back() == ' ' || line.back() == '\t'))
            line.chop(1);
        if (line.endsWith('=')) {
            out += line.chopped(1);
        } else {
            out += line;
            if (!last)
                out += "=0D=0A";
        }
        if (last)
            return out;
        start = newline + 1;
    }
}

} // namespace

bool TransferEncoding::isIdentity(QByteArrayView encoding)
{
    return encoding.trimmed().isEmpty() || is(encoding, "7bit") || is(encoding, "8bit") || is(encoding, "binary");
}

std::optional<QByteArray> TransferEncoding::decode(QByteArrayView encoding, QByteArrayView data)
{
    if (isIdentity(encoding))
        return data.toByteArray();
    const char *codecName = nullptr;
    QByteArray input;
    if (is(encoding, "base64")) {
        codecName = "base64";
    } else if (is(encoding, "quoted-printable")) {
        codecName = "quoted-printable";
        input = withExplicitLineBreaks(data);
        data = input;
    } else if (is(encoding, "x-uuencode") || is(encoding, "x-uue")) {
        codecName = "x-uuencode";
    } else {
        return std::nullopt;
    }
    const KCodecs::Codec *codec = KCodecs::Codec::codecForName(codecName);
    if (!codec)
        return std::nullopt;
    return codec->decode(data, KCodecs::Codec::NewlineLF);
}

} // namespace fumi::mime
