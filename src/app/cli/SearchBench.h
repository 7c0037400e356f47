// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "app/cli/BenchServer.h"
#include "app/cli/RunStatistics.h"

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>

namespace fumi::cli {

// Issue 7's search latency in `fumi-cli bench`: how long a search takes from the moment the
// user presses Enter, against what the server alone needs for the same SEARCH, measured in the
// same run so that a loaded machine slows both.
//
// Fumi: an AccountEngine on its own thread (as the application runs it) with the mailbox open
// and synced, the way a user who has the folder open searches it. The clock starts before the
// query is parsed and AccountEngine::search() is called, and reads, on the caller's thread, the
// first searchUpdate() (the Local one, from the cache) and requestFinished() (complete: the
// Server update's rows are all there, read from the store or fetched).
//
// Raw: the exact UID SEARCH that Fumi sends (SearchCompiler, for the capabilities a connection
// made as the engine makes them reports, UTF8=ACCEPT enabled the same way), on a RawImapSession
// already logged in with the mailbox EXAMINEd, from sending the command to its tagged OK. It
// does not include fetching envelopes the cache lacks, nor the BODYSTRUCTUREs that refine
// has:attachment: where Fumi needs those, its complete time includes them and the raw one does
// not.
struct SearchBenchQuery {
    QString label; // what the query stands for: "a subject word"
    QString text;  // as typed into the search bar
};

struct SearchBenchResult {
    SearchBenchQuery query;
    QByteArray command;          // the UID SEARCH as sent, without tag and CRLF
    qsizetype serverMatches = 0; // UIDs in the raw answer
    qsizetype localRows = 0;     // rows of the Local update (none when the server answered first)
    qsizetype rows = 0;          // rows of the Server update
    // Medians over the measured runs, in seconds.
    double rawSeconds = 0;
    double firstSeconds = 0;    // search() to the first update with rows (requestFinished() when none has)
    double completeSeconds = 0; // search() to requestFinished()
    // Of each run's Fumi time less the raw time measured beside it: the two run moments apart,
    // so the machine's slower swings touch both alike. What is left of the server's swings from
    // one run to the next widens the interval (for a 5 s text search, hundreds of milliseconds).
    double overheadSeconds = 0;
    Interval overheadInterval;
    // Of each run's Fumi time less its own server time (SearchSummary::serverSeconds, from its
    // first search command to the last answer): the same quantity without the server's swings
    // from one run to the next, but also without any time its searching in parts costs the
    // server, which overheadSeconds includes.
    double aroundServerSeconds = 0;
    // A query Fumi sends in parts (ServerSearch::goesInParts()): the same parts on the raw
    // session, sent the same way (ServerSearch::partGoesOut()), and Fumi's time less that.
    qsizetype parts = 0;
    double rawPartsSeconds = 0;
    double overheadPartsSeconds = 0;
    Interval overheadPartsInterval;
    // Dovecot's CPU time for the same searches (medians, seconds): the server's work, which
    // swings less than its wall time. `fumiLess`: per run, Fumi's search less the raw one it is
    // compared with (the parts, if any, else the whole SEARCH), which is more than nothing if
    // Fumi's work slows the server's.
    struct ServerCpu {
        double whole = 0;
        double parts = 0;
        double fumi = 0;
        double fumiLess = 0;
        Interval fumiLessInterval;
    } serverCpu;
    QString error; // this query could not be measured; the others still are
};

struct SearchBenchFigures {
    int runs = 0; // measured runs per query, after one unmeasured one
    QList<SearchBenchResult> results;
    double openSeconds = 0; // starting the engine and opening (syncing) the mailbox, not measured
    QString loadBefore;     // /proc/loadavg when the search measures started and ended
    QString loadAfter;
};

// The queries the benchmark runs: a subject word, a sender, a Japanese subject word (the
// generated mailbox writes Japanese subjects as UTF-8 and as ISO-2022-JP encoded words, the
// same words in both), is:flagged, a body word, has:attachment and an OR/NOT combination.
[[nodiscard]] QList<SearchBenchQuery> searchBenchQueries();

// The overhead the issue allows above the server's own time.
constexpr double searchOverheadTargetSeconds = 0.020;

// Measures every query `runs` times (after one unmeasured run that lets Dovecot cache the
// header fields it searches and lets Fumi open its search connection). `dataDirectory` holds
// the engine's cache for the account; it may be kept between runs (the open is then warm).
// Null, with *error, when a step fails.
[[nodiscard]] std::optional<SearchBenchFigures> measureSearch(const BenchServer &server, const QString &dataDirectory,
                                                              const QList<SearchBenchQuery> &queries, int runs,
                                                              QString *error);

} // namespace fumi::cli
