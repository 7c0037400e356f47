// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "imap/DeflateStream.h"

#include <zlib.h>

#include <array>

namespace fumi::imap {

namespace {

constexpr int rawDeflate = -15; // window bits for raw deflate, as RFC 4978 requires
constexpr qsizetype pieceSize = 64 * 1024;

} // namespace

struct DeflateStream::Streams {
    z_stream deflate{};
    z_stream inflate{};
    bool valid = false;
};

DeflateStream::DeflateStream()
    : m_streams(std::make_unique<Streams>())
{
    const bool deflateOk
        = deflateInit2(&m_streams->deflate, Z_DEFAULT_COMPRESSION, Z_DEFLATED, rawDeflate, 8, Z_DEFAULT_STRATEGY)
        == Z_OK;
    const bool inflateOk = inflateInit2(&m_streams->inflate, rawDeflate) == Z_OK;
    m_streams->valid = deflateOk && inflateOk;
}

DeflateStream::~DeflateStream()
{
    deflateEnd(&m_streams->deflate);
    inflateEnd(&m_streams->inflate);
}

bool DeflateStream::isValid() const
{
    return m_streams->valid;
}

QByteArray DeflateStream::compress(QByteArrayView data)
{
    z_stream &z = m_streams->deflate;
    QByteArray out;
    std::array<char, 16384> buffer;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    z.avail_in = uInt(data.size());
    do {
        z.next_out = reinterpret_cast<Bytef *>(buffer.data());
        z.avail_out = uInt(buffer.size());
        deflate(&z, Z_SYNC_FLUSH);
        out.append(buffer.data(), qsizetype(buffer.size() - z.avail_out));
    } while (z.avail_out == 0);
    return out;
}

bool DeflateStream::decompress(QByteArrayView data, const std::function<bool(QByteArrayView)> &sink)
{
    z_stream &z = m_streams->inflate;
    std::array<char, pieceSize> buffer;
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(data.data()));
    z.avail_in = uInt(data.size());
    while (true) {
        z.next_out = reinterpret_cast<Bytef *>(buffer.data());
        z.avail_out = uInt(buffer.size());
        const int status = inflate(&z, Z_SYNC_FLUSH);
        if (status != Z_OK && status != Z_BUF_ERROR && status != Z_STREAM_END)
            return false;
        const qsizetype produced = qsizetype(buffer.size() - z.avail_out);
        if (produced > 0 && !sink(QByteArrayView(buffer.data(), produced)))
            return false;
        if (z.avail_out != 0) // all input consumed and all output flushed
            return true;
    }
}

} // namespace fumi::imap
