// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QByteArray>
#include <QByteArrayView>

#include <functional>
#include <memory>

namespace fumi::imap {

// Both directions of an IMAP COMPRESS=DEFLATE stream (RFC 4978): raw deflate (no zlib header),
// each write flushed so the peer can read it at once.
class DeflateStream
{
public:
    DeflateStream();
    ~DeflateStream();
    DeflateStream(const DeflateStream &) = delete;
    DeflateStream &operator=(const DeflateStream &) = delete;

    [[nodiscard]] bool isValid() const;

    // The compressed, flushed form of `data`.
    [[nodiscard]] QByteArray compress(QByteArrayView data);

    // Decompresses `data` and hands the output to `sink` in pieces of at most 64 KiB, so that a
    // small input that inflates hugely is never held whole; `sink` returns false to stop.
    // False when the data is corrupt or the sink stopped.
    [[nodiscard]] bool decompress(QByteArrayView data, const std::function<bool(QByteArrayView)> &sink);

private:
    struct Streams;
    std::unique_ptr<Streams> m_streams;
};

} // namespace fumi::imap
