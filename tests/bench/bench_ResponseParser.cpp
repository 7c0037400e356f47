// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Parser throughput: 100,000 "FETCH (UID FLAGS ENVELOPE INTERNALDATE RFC822.SIZE)" responses,
// as a server sends them when Fumi fills a large mailbox, fed in 64 KiB chunks as a socket
// delivers them. Prints MB/s and responses/s, and, as a baseline measured in the same run on
// the same bytes, a plain scan for line ends (memchr), so figures compare across machines.

#include "imap/ResponseReader.h"

#include <QByteArray>
#include <QElapsedTimer>

#include <cstdio>
#include <cstdlib>
#include <cstring>

using namespace fumi::imap;

namespace {

QByteArray transcript(int count)
{
    QByteArray out;
    out.reserve(qsizetype(count) * 520);
    static const char *subjects[]
        = {"Weekly report", "=?UTF-8?B?5Lya6K2w44Gu5pel56iL44Gr44Gk44GE44Gm?=",
           "=?ISO-2022-JP?B?GyRCJCo4K0BRPXEkTkF3SVUbKEI=?=", "Re: Invoice \\\"2026-11\\\" is due"};
    static const char *flags[] = {"\\Seen", "", "\\Seen \\Flagged", "\\Seen $Forwarded"};
    char line[1024];
    for (int i = 1; i <= count; ++i) {
        const int n = std::snprintf(
            line, sizeof line,
            "* %d FETCH (UID %d FLAGS (%s) INTERNALDATE \"%2d-Nov-2026 %02d:%02d:%02d +0900\" RFC822.SIZE %d "
            "ENVELOPE (\"Mon, %d Nov 2026 09:00:00 +0900\" \"%s\" ((\"Bob Example\" NIL \"bob\" \"example.org\")) "
            "((\"Bob Example\" NIL \"bob\" \"example.org\")) ((\"Bob Example\" NIL \"bob\" \"example.org\")) "
            "((NIL NIL \"alice\" \"example.org\")(\"Carol\" NIL \"carol\" \"example.org\")) NIL NIL "
            "\"<prev-%d@example.org>\" \"<msg-%d@example.org>\"))\r\n",
            i, i, flags[i % 4], 1 + i % 28, i % 24, i % 60, (i * 7) % 60, 2000 + i % 50000, 1 + i % 28, subjects[i % 4],
            i - 1, i);
        out.append(line, n);
    }
    return out;
}

template <typename Work>
double bestSeconds(int rounds, Work work)
{
    double best = 1e9;
    for (int r = 0; r < rounds; ++r) {
        QElapsedTimer timer;
        timer.start();
        work();
        best = std::min(best, double(timer.nsecsElapsed()) / 1e9);
    }
    return best;
}

} // namespace

// Usage: bench_ResponseParser [COUNT [ROUNDS]]. Under callgrind, "10000 1" gives a repeatable
// instruction count for comparing changes on a noisy machine.
int main(int argc, char *argv[])
{
    const int count = argc > 1 ? std::atoi(argv[1]) : 100000;
    const int rounds = argc > 2 ? std::atoi(argv[2]) : 7;
    constexpr qsizetype chunk = 64 * 1024;
    const QByteArray data = transcript(count);
    const double megabytes = double(data.size()) / 1e6;

    std::size_t lineEnds = 0;
    const double scan = bestSeconds(rounds, [&] {
        lineEnds = 0;
        const char *p = data.constData();
        const char *end = p + data.size();
        while ((p = static_cast<const char *>(std::memchr(p, '\n', std::size_t(end - p))))) {
            ++lineEnds;
            ++p;
        }
    });

    qsizetype framed = 0;
    const double framing = bestSeconds(rounds, [&] {
        ResponseFramer framer;
        framed = 0;
        for (qsizetype at = 0; at < data.size(); at += chunk) {
            if (!framer.feed(QByteArrayView(data).sliced(at, std::min(chunk, data.size() - at))))
                std::abort();
            while (framer.next())
                ++framed;
        }
    });

    qsizetype parsed = 0;
    const double parsing = bestSeconds(rounds, [&] {
        ResponseReader reader;
        parsed = 0;
        for (qsizetype at = 0; at < data.size(); at += chunk) {
            if (!reader.feed(QByteArrayView(data).sliced(at, std::min(chunk, data.size() - at)))) {
                std::fprintf(stderr, "parse error at %lld: %s\n", static_cast<long long>(reader.error().offset),
                             qPrintable(reader.error().message));
                std::abort();
            }
            while (reader.next())
                ++parsed;
        }
    });

    if (framed != count || parsed != count || lineEnds != std::size_t(count))
        std::abort();
    std::printf("input: %d FETCH responses, %.1f MB, fed in %lld-byte chunks\n", count, megabytes,
                static_cast<long long>(chunk));
    std::printf("baseline memchr line scan: %8.0f MB/s\n", megabytes / scan);
    std::printf("framing only:              %8.0f MB/s  (%.2f x baseline time)\n", megabytes / framing, framing / scan);
    std::printf("framing + parsing:         %8.0f MB/s  %9.0f responses/s  (%.1f x baseline time)\n",
                megabytes / parsing, count / parsing, parsing / scan);
    return 0;
}
