// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "imap/ResponseReader.h"
#include "support/ResponseDump.h"
#include "support/TestData.h"

#include <QFile>
#include <QTest>

using namespace fumi;
using namespace fumi::imap;
using namespace Qt::StringLiterals;

namespace {

QByteArray sessionTranscript()
{
    QFile file(test::testDataDirectory() + u"/imap/session-responses.imap"_s);
    if (!file.open(QIODevice::ReadOnly))
        qFatal("cannot read %s", qPrintable(file.fileName()));
    return file.readAll();
}

// Feeds `chunks` in order and returns the dump of every response, or the error.
QByteArrayList readAll(const QList<QByteArrayView> &chunks)
{
    ResponseReader reader;
    QByteArrayList dumps;
    for (QByteArrayView chunk : chunks) {
        const bool fed = reader.feed(chunk);
        while (auto response = reader.next())
            dumps << test::dump(*response);
        if (!fed || reader.hasError())
            return {"error at " + QByteArray::number(reader.error().offset) + ": " + reader.error().message.toUtf8()};
    }
    return dumps;
}

} // namespace

class TestResponseReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wholeTranscript();
    void oneByteAtATime();
    void splitAtEveryOffset();
    void limits_data();
    void limits();
    void hugeLiteralTrickleAllocatesNothing();
    void parseErrorReportsStreamOffset();
    void stopsAfterError();
    void handsBackUnparsedBytes();
    void streamsLargeLiteralsToASink();
};

void TestResponseReader::wholeTranscript()
{
    const QByteArray transcript = sessionTranscript();
    const QByteArrayList dumps = readAll({transcript});
    QCOMPARE(dumps.size(), 62); // counted independently: lines outside literals
    QVERIFY2(!dumps.first().startsWith("error"), dumps.first().constData());
    QCOMPARE(dumps.first(),
             "* OK [CAPABILITY (IMAP4rev1 SASL-IR LOGIN-REFERRALS ID ENABLE IDLE LITERAL+ AUTH=PLAIN)] "
             "\"Dovecot ready.\""_ba);
    QVERIFY(
        dumps.contains("LIST (\\HasNoChildren) \"/\" \"&MNcw7TC4MKcwrzDI-\" name=\"\\xe3\\x83\\x97\\xe3\\x83\\xad\\xe3"
                       "\\x82\\xb8\\xe3\\x82\\xa7\\xe3\\x82\\xaf\\xe3\\x83\\x88\""_ba));
    QVERIFY(dumps.contains("VANISHED EARLIER 3:4,9"_ba));
    QVERIFY(dumps.contains("ESEARCH tag=\"a9\" UID MIN=1 MAX=12 COUNT=9 ALL=1:2,5:8,10:12"_ba));
    QVERIFY(dumps.contains("FETCH 3 BINARY[1]=\"\\x00\\x01\\x02\\x0d\\x0a\\xff\" BINARY.SIZE[1]=6"_ba));
    QCOMPARE(dumps.last(), "a14 OK \"Logout completed.\""_ba);
    // The body literal holds "{5}\r\n)" as data, which must not be taken for IMAP syntax.
    bool sawBody = false;
    for (const QByteArray &dump : dumps)
        sawBody
            = sawBody || (dump.startsWith("FETCH 5 UID=5 FLAGS=(\\Seen) BODY[]=") && dump.contains("{5}\\x0d\\x0a)"));
    QVERIFY(sawBody);
}

void TestResponseReader::oneByteAtATime()
{
    const QByteArray transcript = sessionTranscript();
    QList<QByteArrayView> bytes;
    for (qsizetype i = 0; i < transcript.size(); ++i)
        bytes << QByteArrayView(transcript).sliced(i, 1);
    QCOMPARE(readAll(bytes), readAll({transcript}));
}

void TestResponseReader::splitAtEveryOffset()
{
    // Chunking only decides where the framer cuts; parsing is a pure function of the cut bytes.
    // So every split must yield the very same framed responses, byte for byte, and each of
    // those parses as in wholeTranscript(); oneByteAtATime() checks the parses end to end.
    const QByteArray transcript = sessionTranscript();
    const QByteArrayView view(transcript);
    auto frame = [](const QList<QByteArrayView> &chunks) {
        ResponseFramer framer;
        QByteArrayList responses;
        for (QByteArrayView chunk : chunks) {
            if (!framer.feed(chunk))
                return QByteArrayList{"error"};
            while (auto response = framer.next())
                responses << response->toByteArray();
        }
        return responses;
    };
    const QByteArrayList whole = frame({view});
    QCOMPARE(whole.size(), 62);
    QCOMPARE(whole.join(), transcript);
    for (qsizetype split = 1; split < transcript.size(); ++split) {
        if (frame({view.first(split), view.sliced(split)}) != whole)
            QFAIL(qPrintable(u"split at %1 frames differently"_s.arg(split)));
    }
}

void TestResponseReader::limits_data()
{
    QTest::addColumn<QByteArray>("input");
    QTest::addColumn<int>("maxLine");
    QTest::addColumn<int>("maxLiteral");
    QTest::addColumn<int>("maxResponse");
    QTest::addColumn<QString>("message");

    QTest::newRow("line-too-long") << QByteArray("* OK " + QByteArray(200, 'x') + "\r\n") << 100 << 1000 << 10000
                                   << u"line longer"_s;
    QTest::newRow("line-too-long-without-newline")
        << QByteArray("* OK " + QByteArray(200, 'x')) << 100 << 1000 << 10000 << u"line longer"_s;
    QTest::newRow("literal-too-large") << "* 1 FETCH (BODY[] {1001}\r\n"_ba << 100 << 1000 << 10000
                                       << u"literal larger"_s;
    QTest::newRow("literal-size-absurd") << "* 1 FETCH (BODY[] {99999999999999999999999}\r\n"_ba << 100 << 1000 << 10000
                                         << u"literal larger"_s;
    QTest::newRow("response-too-large-in-literals")
        << QByteArray("* 1 FETCH (BODY[1] {900}\r\n" + QByteArray(900, 'a') + " BODY[2] {900}\r\n") << 100 << 1000
        << 1500 << u"response larger"_s;
    QTest::newRow("response-too-large-in-lines") << QByteArray(
        "* 1 FETCH (BODY[1] {10}\r\n0123456789 " + QByteArray(90, 'x') + " {10}\r\n0123456789 " + QByteArray(90, 'x'))
                                                 << 100 << 1000 << 200 << u"response larger"_s;
}

void TestResponseReader::limits()
{
    QFETCH(QByteArray, input);
    QFETCH(int, maxLine);
    QFETCH(int, maxLiteral);
    QFETCH(int, maxResponse);
    QFETCH(QString, message);
    ResponseReader reader({maxLine, maxLiteral, maxResponse}, {});
    const bool fed = reader.feed(input);
    while (reader.next()) { }
    QVERIFY(!fed || reader.hasError());
    QVERIFY2(reader.error().message.contains(message), qPrintable(reader.error().message));
}

void TestResponseReader::hugeLiteralTrickleAllocatesNothing()
{
    // A literal announced at the largest 32-bit size, then a trickle of bytes: with the default
    // limits it is refused at once, before a byte of it arrives.
    ResponseReader reader;
    QVERIFY(!reader.feed("* 1 FETCH (BODY[] {4294967295}\r\n"));
    QVERIFY(reader.error().message.contains(u"literal larger"_s));
    QVERIFY(!reader.feed("abc"));
    QVERIFY(!reader.next());

    // With a limit that allows it, the buffer grows only with what arrives.
    ResponseFramer framer({1024, qint64(8) * 1024 * 1024 * 1024, qint64(8) * 1024 * 1024 * 1024});
    QVERIFY(framer.feed("* 1 FETCH (BODY[] {4294967295}\r\n"));
    for (int i = 0; i < 1000; ++i)
        QVERIFY(framer.feed("0123456789"));
    QVERIFY(!framer.next());
    QVERIFY(framer.bufferedBytes() < 20000);
}

void TestResponseReader::parseErrorReportsStreamOffset()
{
    ResponseReader reader;
    QVERIFY(reader.feed("* 3 EXISTS\r\n"));
    QVERIFY(reader.feed("* LIST () \"/\" \"Unterminated\r\n"));
    // What was complete before the error is delivered, then the error.
    QVERIFY(reader.next().has_value());
    QVERIFY(!reader.next().has_value());
    QVERIFY(reader.hasError());
    QCOMPARE(reader.error().offset, 12 + 14);
    QVERIFY(reader.error().message.contains(u"unterminated"_s));
}

void TestResponseReader::stopsAfterError()
{
    ResponseReader reader;
    QVERIFY(reader.feed("garbage\r\n"));
    QVERIFY(!reader.next());
    QVERIFY(reader.hasError());
    QVERIFY(!reader.feed("* 1 EXISTS\r\n"));
    QVERIFY(!reader.next());
}

void TestResponseReader::handsBackUnparsedBytes()
{
    // After "a1 OK" to COMPRESS, the rest of the chunk is compressed data, not responses.
    ResponseReader reader;
    QVERIFY(reader.feed("* 2 EXISTS\r\na1 OK DEFLATE active\r\n\x78\x9c{999999999999}\r\n garbage"_ba));
    QVERIFY(reader.next().has_value());
    QVERIFY(reader.next().has_value());
    QCOMPARE(reader.takeUnparsed(), "\x78\x9c{999999999999}\r\n garbage"_ba);
    QVERIFY(!reader.hasError());
    QVERIFY(!reader.hasBufferedData());
    QVERIFY(reader.feed("* 3 EXISTS\r\n"));
    const auto exists = reader.next();
    QVERIFY(exists && std::get<ExistsResponse>(*exists).count == 3);
}

void TestResponseReader::streamsLargeLiteralsToASink()
{
    // A 1 MB body arrives in 1,000-byte reads; the sink gets it all, the reader holds little.
    QByteArray body;
    for (int i = 0; body.size() < 1000000; ++i)
        body += "Line " + QByteArray::number(i) + " of a long message {3}\r\n";
    body.truncate(1000000);
    const QByteArray stream = "* 7 FETCH (UID 42 BODY[] {1000000}\r\n" + body + " BODY[HEADER] {9}\r\nSubject:\n"
        + " FLAGS (\\Seen))\r\nf1 OK done\r\n";

    ResponseReader reader;
    QByteArray received;
    int lastCalls = 0;
    quint64 streamId = 0;
    reader.setLiteralSink(1024, [&](quint64 id, QByteArrayView bytes, bool last) {
        streamId = id;
        received += bytes;
        lastCalls += last ? 1 : 0;
    });
    qsizetype mostBuffered = 0;
    std::vector<Response> responses;
    for (qsizetype at = 0; at < stream.size(); at += 1000) {
        QVERIFY(reader.feed(QByteArrayView(stream).sliced(at, std::min<qsizetype>(1000, stream.size() - at))));
        while (auto response = reader.next())
            responses.push_back(std::move(*response));
        QVERIFY(!reader.hasError());
        mostBuffered = std::max(mostBuffered, reader.bufferedBytes());
    }
    // Never more than the response's lines and one read: the body itself was never held.
    QVERIFY2(mostBuffered < 3000, qPrintable(QString::number(mostBuffered)));
    QCOMPARE(received, body);
    QCOMPARE(lastCalls, 1);
    QCOMPARE(responses.size(), size_t(2));
    const auto &fetch = std::get<FetchResponse>(responses[0]);
    QCOMPARE(*fetch.uid, 42u);
    QCOMPARE(fetch.sections.size(), 2);
    QCOMPARE(fetch.sections[0].streamId, streamId);
    QCOMPARE(fetch.sections[0].streamedSize, qint64(1000000));
    QVERIFY(fetch.sections[0].data.isEmpty());
    // The small literal stayed in the response.
    QCOMPARE(fetch.sections[1].streamId, quint64(0));
    QCOMPARE(fetch.sections[1].data, "Subject:\n"_ba);
    QVERIFY(fetch.flags->has(Flags::System::Seen));
}

QTEST_APPLESS_MAIN(TestResponseReader)
#include "tst_ResponseReader.moc"
