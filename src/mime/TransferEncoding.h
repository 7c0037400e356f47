// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <optional>

namespace fumi::mime {

// A MIME part's Content-Transfer-Encoding (RFC 2045 §6), undone.
//
// A server that offers IMAP BINARY (RFC 3516) decodes parts itself; without it the client
// fetches a part as it sits in the message and decodes it here, with KCodecs. 7bit, 8bit and
// binary mean the bytes are the content already. Decoding is lenient, as readers must be:
// base64 skips line breaks and stray characters, quoted-printable keeps a broken escape as it is.
class TransferEncoding
{
public:
    // True for the encodings that leave the content as it is (also for an empty name: RFC 2045
    // makes 7bit the default).
    [[nodiscard]] static bool isIdentity(QByteArrayView encoding);
    // The content; nullopt for an encoding Fumi does not know (an x-token), which the caller
    // must report rather than show the encoded bytes as if they were the content.
    [[nodiscard]] static std::optional<QByteArray> decode(QByteArrayView encoding, QByteArrayView data);
};

} // namespace fumi::mime
