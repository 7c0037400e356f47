// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "imap/DeflateStream.h"

#include <QRandomGenerator>
#include <QTest>

using namespace fumi::imap;

class TestDeflateStream : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTripInPieces();
    void eachWriteIsReadableAtOnce();
    void corruptInputFails();
    void bombArrivesInBoundedPieces();
};

namespace {

QByteArray inflateAll(DeflateStream &stream, QByteArrayView data, bool *ok = nullptr)
{
    QByteArray out;
    const bool result = stream.decompress(data, [&out](QByteArrayView piece) {
        out += piece;
        return true;
    });
    if (ok)
        *ok = result;
    return out;
}

} // namespace

void TestDeflateStream::roundTripInPieces()
{
    DeflateStream client;
    DeflateStream server;
    QVERIFY(client.isValid() && server.isValid());
    QByteArray payload;
    for (int i = 0; i < 2000; ++i)
        payload += "* " + QByteArray::number(i) + " FETCH (UID " + QByteArray::number(i * 3) + " FLAGS (\\Seen))\r\n";
    payload += QByteArray(5000, '\0');
    QByteArray random(100000, Qt::Uninitialized);
    QRandomGenerator(42).fillRange(reinterpret_cast<quint32 *>(random.data()), random.size() / 4);
    payload += random;

    const QByteArray compressed = server.compress(payload);
    QVERIFY(compressed.size() < payload.size());
    // Delivered in arbitrary network-sized chunks.
    QByteArray received;
    for (qsizetype at = 0; at < compressed.size(); at += 1000)
        received += inflateAll(
            client, QByteArrayView(compressed).sliced(at, std::min<qsizetype>(1000, compressed.size() - at)));
    QCOMPARE(received, payload);
}

void TestDeflateStream::eachWriteIsReadableAtOnce()
{
    // Sync flush: the peer decodes every write without waiting for more.
    DeflateStream a;
    DeflateStream b;
    for (const QByteArray &line : {QByteArray("f1 NOOP\r\n"), QByteArray("f2 IDLE\r\n"), QByteArray("DONE\r\n")})
        QCOMPARE(inflateAll(b, a.compress(line)), line);
}

void TestDeflateStream::corruptInputFails()
{
    DeflateStream stream;
    bool ok = true;
    inflateAll(stream, "\xff\xff\xff\xff garbage that is not deflate", &ok);
    QVERIFY(!ok);
}

void TestDeflateStream::bombArrivesInBoundedPieces()
{
    DeflateStream sender;
    DeflateStream receiver;
    const QByteArray bomb = sender.compress(QByteArray(50 * 1024 * 1024, 'A')); // 50 MB of one letter
    QVERIFY(bomb.size() < 200 * 1024);
    qsizetype largest = 0;
    qsizetype total = 0;
    int pieces = 0;
    const bool ok = receiver.decompress(bomb, [&](QByteArrayView piece) {
        largest = std::max(largest, piece.size());
        total += piece.size();
        return ++pieces < 10; // the reader would stop early once its limits are hit
    });
    QVERIFY(!ok); // stopped by the sink
    QCOMPARE(pieces, 10);
    QVERIFY(largest <= 64 * 1024);
    QVERIFY(total <= 10 * 64 * 1024);
}

QTEST_APPLESS_MAIN(TestDeflateStream)
#include "tst_DeflateStream.moc"
