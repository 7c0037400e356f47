// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// fumi-cli bench: the benchmark of issue 5, on a generated mailbox in a private Dovecot.
//
// This is a developer command: it starts Dovecot with the test fixture of tests/support
// (DovecotServer, which fumi-cli links for this command alone) and so needs Dovecot and
// neomutt installed, as they are in ./dev's build root.

#include "app/cli/BenchServer.h"
#include "app/cli/Cli.h"
#include "app/cli/FumiBench.h"
#include "app/cli/MaildirGenerator.h"
#include "app/cli/NeomuttRun.h"
#include "app/cli/RawFloor.h"
#include "app/cli/RawImapSession.h"
#include "app/cli/RemoteFlagChange.h"
#include "app/cli/SearchBench.h"
#include "engine/MessageRowBuilder.h"
#include "support/DovecotServer.h"

#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLocale>
#include <QTemporaryDir>

#include <sys/resource.h>
#include <sys/stat.h>

using namespace Qt::StringLiterals;

namespace fumi::cli {

namespace {

constexpr qsizetype defaultMessages = 100'000;
const auto benchUser = u"bench"_s;
const auto benchPassword = u"bench-password"_s;

// The figures of one run; a missing one stays empty, and is printed as missing.
struct Figures {
    qsizetype messages = 0;
    quint64 seed = 0;
    std::optional<double> generateSeconds; // empty when a kept mailbox was reused
    double serverStartSeconds = 0;
    double warmSeconds = 0;
    RawFloorFigures rawFloor;
    RawFloorFigures rawFloorFumiItems; // the same FETCH with the items Fumi asks for
    double rawPropagationSeconds = 0;
    double rawFirstWindowSeconds = 0;
    NeomuttRun::Figures neomuttCold;
    NeomuttRun::Figures neomuttWarm;
    qint64 neomuttCacheBytes = 0;
    std::optional<FumiBenchFigures> fumi;
    QString fumiError;
    std::optional<double> fumiRssMb; // the peak while measuring Fumi, when the kernel could reset it
    double processRssMb = 0;         // the peak of the whole fumi-cli run, generator and all
    MaildirGenerator::Summary mailbox;
    bool searchOnly = false;
    std::optional<SearchBenchFigures> search;
    QString searchError;
};

double elapsed(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e9;
}

// Writing 5 to clear_refs resets VmHWM (Linux 4.0 and later), so that the peak after it is the
// peak of what ran after it, not of the generator that filled the Maildir.
bool resetPeakRss()
{
    QFile file(u"/proc/self/clear_refs"_s);
    return file.open(QIODevice::WriteOnly) && file.write("5") == 1;
}

std::optional<double> peakRssMb()
{
    QFile file(u"/proc/self/status"_s);
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    for (const QByteArray &line : file.readAll().split('\n')) {
        if (line.startsWith("VmHWM:")) {
            bool ok = false;
            const qint64 kb = line.mid(6).trimmed().split(' ').value(0).toLongLong(&ok);
            if (ok)
                return double(kb) / 1024.0;
        }
    }
    return std::nullopt;
}

double processPeakRssMb()
{
    rusage usage{};
    ::getrusage(RUSAGE_SELF, &usage);
    return double(usage.ru_maxrss) / 1024.0; // kilobytes on Linux
}

// --- the mailbox ---------------------------------------------------------------------------------

// A kept mailbox is reused when it was made with the same count and seed.
QByteArray mailboxMarker(qsizetype messages, quint64 seed)
{
    return QByteArray("fumi-bench mailbox: messages " + QByteArray::number(messages) + " seed "
                      + QByteArray::number(seed) + '\n');
}

bool prepareMailbox(Cli &cli, const QString &workspace, Figures &figures)
{
    const QDir dir(workspace);
    const QString maildir = dir.filePath(u"Maildir"_s);
    const QString markerPath = dir.filePath(u"fumi-bench-mailbox.txt"_s);
    const QByteArray marker = mailboxMarker(figures.messages, figures.seed);
    if (QFileInfo::exists(maildir)) {
        QFile file(markerPath);
        if (file.open(QIODevice::ReadOnly) && file.readAll() == marker) {
            cli.warn(u"bench: reusing the mailbox in %1"_s.arg(maildir));
            return true;
        }
        cli.fail(
            u"%1 holds another mailbox (or an unfinished one): remove it or --keep another folder."_s.arg(maildir));
        return false;
    }
    cli.warn(u"bench: generating %1 messages (seed %2) in %3"_s.arg(figures.messages).arg(figures.seed).arg(maildir));
    QElapsedTimer timer;
    timer.start();
    MaildirGenerator generator(figures.seed, figures.messages);
    const auto summary = generator.generate(maildir);
    if (!summary) {
        cli.fail(generator.errorString());
        return false;
    }
    figures.generateSeconds = elapsed(timer);
    figures.mailbox = *summary;
    QFile file(markerPath);
    if (!file.open(QIODevice::WriteOnly) || file.write(marker) != marker.size()) {
        cli.fail(u"cannot write "_s + markerPath);
        return false;
    }
    return true;
}

// --- the server ----------------------------------------------------------------------------------

// Dovecot numbers the messages and builds its index (doveadm index), then two full FETCHes of
// the raw floor's items and two of Fumi's (which add a few header fields) let it decide to
// cache them and leave the files in the page cache, so the measured steps see a server in its
// everyday state: a server that has served this client before.
bool warmServer(Cli &cli, test::DovecotServer &dovecot, const BenchServer &server, Figures &figures)
{
    cli.warn(u"bench: warming the server (doveadm index, four full FETCHes)"_s);
    QElapsedTimer timer;
    timer.start();
    if (dovecot.doveadm({u"index"_s, u"-u"_s, server.user, server.mailbox}, {}, nullptr, 3600 * 1000) != 0) {
        cli.fail(u"doveadm index failed: "_s + dovecot.errorString());
        return false;
    }
    for (const QByteArray &items : {rawFloorItems(), rawFloorItems(), engine::MessageRowBuilder::fetchItems(true),
                                    engine::MessageRowBuilder::fetchItems(true)}) {
        QString error;
        if (!measureRawFloor(server, &error, items)) {
            cli.fail(u"warming the server failed: "_s + error);
            return false;
        }
    }
    figures.warmSeconds = elapsed(timer);
    return true;
}

// --- output ----------------------------------------------------------------------------------------

QJsonValue optionalJson(const std::optional<double> &value)
{
    return value ? QJsonValue(*value) : QJsonValue(QJsonValue::Null);
}

QJsonValue searchJson(const Figures &f)
{
    if (!f.search)
        return QJsonObject{{u"error"_s, f.searchError}};
    const SearchBenchFigures &search = *f.search;
    QJsonArray queries;
    for (const SearchBenchResult &r : search.results) {
        if (!r.error.isEmpty()) {
            queries.append(QJsonObject{{u"label"_s, r.query.label}, {u"query"_s, r.query.text}, {u"error"_s, r.error}});
            continue;
        }
        queries.append(QJsonObject{
            {u"label"_s, r.query.label},
            {u"query"_s, r.query.text},
            {u"command"_s, QString::fromUtf8(r.command)},
            {u"server_matches"_s, double(r.serverMatches)},
            {u"local_rows"_s, double(r.localRows)},
            {u"rows"_s, double(r.rows)},
            {u"raw_s"_s, r.rawSeconds},
            {u"first_s"_s, r.firstSeconds},
            {u"complete_s"_s, r.completeSeconds},
            {u"overhead_s"_s, r.overheadSeconds},
            {u"overhead_interval_s"_s, QJsonArray{r.overheadInterval.low, r.overheadInterval.high}},
            {u"around_server_s"_s, r.aroundServerSeconds},
            {u"parts"_s, double(r.parts)},
            {u"raw_parts_s"_s, r.parts ? QJsonValue(r.rawPartsSeconds) : QJsonValue()},
            {u"overhead_parts_s"_s, r.parts ? QJsonValue(r.overheadPartsSeconds) : QJsonValue()},
            {u"overhead_parts_interval_s"_s,
             r.parts ? QJsonValue(QJsonArray{r.overheadPartsInterval.low, r.overheadPartsInterval.high})
                     : QJsonValue()},
            {u"ratio"_s, r.rawSeconds > 0 ? QJsonValue(r.completeSeconds / r.rawSeconds) : QJsonValue()},
            {u"overhead_met"_s, r.overheadSeconds <= searchOverheadTargetSeconds},
        });
    }
    return QJsonObject{
        {u"runs"_s, search.runs},
        {u"open_s"_s, search.openSeconds},
        {u"load_before"_s, search.loadBefore},
        {u"load_after"_s, search.loadAfter},
        {u"overhead_target_s"_s, searchOverheadTargetSeconds},
        {u"queries"_s, queries},
    };
}

QJsonObject toJson(const Figures &f)
{
    if (f.searchOnly) {
        // Only what was measured.
        return QJsonObject{{u"messages"_s, double(f.messages)},
                           {u"seed"_s, QString::number(f.seed)},
                           {u"server_start_s"_s, f.serverStartSeconds},
                           {u"warm_server_s"_s, f.warmSeconds},
                           {u"search"_s, searchJson(f)}};
    }
    const bool fumi = f.fumi.has_value();
    QJsonObject object{
        {u"messages"_s, double(f.messages)},
        {u"raw_floor_s"_s, f.rawFloor.seconds},
        {u"cold_open_s"_s, fumi ? QJsonValue(f.fumi->coldOpenSeconds) : QJsonValue()},
        {u"first_window_s"_s, fumi ? QJsonValue(f.fumi->firstWindowSeconds) : QJsonValue()},
        {u"warm_open_s"_s, fumi ? QJsonValue(f.fumi->warmOpenSeconds) : QJsonValue()},
        {u"warm_bytes"_s, fumi ? QJsonValue(double(f.fumi->warmBytes)) : QJsonValue()},
        {u"propagation_s"_s, fumi ? QJsonValue(f.fumi->propagationSeconds) : QJsonValue()},
        {u"propagation_bytes"_s, fumi ? QJsonValue(double(f.fumi->propagationBytes)) : QJsonValue()},
        {u"rss_mb"_s, fumi ? optionalJson(f.fumiRssMb) : QJsonValue()},
        {u"neomutt_cold_s"_s, f.neomuttCold.seconds},
        {u"neomutt_warm_s"_s, f.neomuttWarm.seconds},
        // More than the issue asks for, to read the figures above by.
        {u"seed"_s, QString::number(f.seed)},
        {u"raw_floor_bytes"_s, double(f.rawFloor.bytes)},
        {u"raw_floor_client_cpu_s"_s, f.rawFloor.clientCpuSeconds},
        {u"raw_floor_fumi_items_s"_s, f.rawFloorFumiItems.seconds},
        {u"raw_floor_fumi_items_bytes"_s, double(f.rawFloorFumiItems.bytes)},
        {u"raw_propagation_s"_s, f.rawPropagationSeconds},
        {u"raw_first_window_s"_s, f.rawFirstWindowSeconds},
        {u"cold_open_client_cpu_s"_s, fumi ? QJsonValue(f.fumi->coldOpenCpuSeconds) : QJsonValue()},
        {u"neomutt_header_cache_bytes"_s, double(f.neomuttCacheBytes)},
        {u"process_rss_mb"_s, f.processRssMb},
        {u"generate_s"_s, optionalJson(f.generateSeconds)},
        {u"server_start_s"_s, f.serverStartSeconds},
        {u"warm_server_s"_s, f.warmSeconds},
    };
    if (!fumi)
        object.insert(u"fumi_error"_s, f.fumiError);
    object.insert(u"search"_s, searchJson(f));
    return object;
}

QString seconds(double value)
{
    return value < 10 ? QString::number(value, 'f', 3) + u" s"_s : QString::number(value, 'f', 1) + u" s"_s;
}

QString bytes(qint64 value)
{
    if (value < 10 * 1024)
        return QString::number(value) + u" B"_s;
    if (value < 10 * 1024 * 1024)
        return QString::number(double(value) / 1024, 'f', 1) + u" KB"_s;
    return QString::number(double(value) / 1024 / 1024, 'f', 1) + u" MB"_s;
}

QString ratio(double numerator, double denominator, const QString &what)
{
    return denominator > 0 ? QString::number(numerator / denominator, 'f', 2) + u" × "_s + what : QString();
}

QString verdict(bool met)
{
    return met ? u"yes"_s : u"NO"_s;
}

QString milliseconds(double seconds)
{
    return QString::number(seconds * 1000, 'f', 1) + u" ms"_s;
}

// Issue 7's table: one row per query, Fumi against the raw SEARCH of the same run.
QStringList searchLines(const Figures &f)
{
    QStringList lines;
    if (!f.search) {
        lines << u"Search figures are missing: "_s + f.searchError;
        return lines;
    }
    const SearchBenchFigures &search = *f.search;
    lines << u"Search (issue 7): median of %1 runs per query, after one unmeasured run; load average %2 before, %3 "
             "after"_s.arg(search.runs)
                 .arg(search.loadBefore, search.loadAfter);
    const QStringList header{u"query"_s,         u"matches"_s,  u"local"_s,         u"raw SEARCH"_s, u"fumi first"_s,
                             u"fumi complete"_s, u"overhead"_s, u"around server"_s, u"ratio"_s,      u"≤ 20 ms"_s};
    QList<QStringList> rows{header};
    for (const SearchBenchResult &r : search.results) {
        if (!r.error.isEmpty()) {
            rows << QStringList{r.query.text, u"failed"_s, {}, {}, {}, {}, {}, {}, {}, u"-"_s};
            continue;
        }
        rows << QStringList{r.query.text,
                            QString::number(r.rows),
                            QString::number(r.localRows),
                            milliseconds(r.rawSeconds),
                            milliseconds(r.firstSeconds),
                            milliseconds(r.completeSeconds),
                            milliseconds(r.overheadSeconds),
                            milliseconds(r.aroundServerSeconds),
                            r.rawSeconds > 0 ? QString::number(r.completeSeconds / r.rawSeconds, 'f', 2) : QString(),
                            verdict(r.overheadSeconds <= searchOverheadTargetSeconds)};
    }
    QList<qsizetype> widths(header.size(), 0);
    for (const QStringList &row : std::as_const(rows)) {
        for (qsizetype i = 0; i < row.size(); ++i)
            widths[i] = qMax(widths[i], row[i].size());
    }
    for (const QStringList &row : std::as_const(rows)) {
        QString line = row[0].leftJustified(widths[0]);
        for (qsizetype i = 1; i < row.size(); ++i)
            line += u"  "_s + row[i].rightJustified(widths[i]);
        lines << line;
    }
    lines << u"matches: rows of the complete result (the server's matches, has:attachment refined from "
             "BODYSTRUCTURE); local: rows the cache proved while the server searched (0 when the server answered "
             "first)."_s;
    lines << u"raw SEARCH: the same UID SEARCH bytes on a raw TLS session with the mailbox EXAMINEd, send to tagged "
             "OK; it excludes fetching what the cache lacks (envelopes, has:attachment's BODYSTRUCTUREs), which "
             "fumi complete includes."_s;
    lines << u"fumi: an AccountEngine with the mailbox open and synced; from parsing the query and search() to the "
             "first update with rows and to requestFinished; overhead: the median over the runs of fumi complete "
             "less the raw SEARCH of the same run (Fumi goes between it and the raw parts, if any, each side in "
             "turn); around server: the median of fumi complete less the engine's own time from its first search "
             "command to the last answer (free of the server's swings between runs, but blind to any cost of "
             "searching in parts, which overhead includes). Opening the mailbox took %1 (not measured)."_s.arg(
                 seconds(search.openSeconds));
    const auto interval = [](const Interval &i) {
        return u"%1 to %2"_s.arg(milliseconds(i.low), milliseconds(i.high));
    };
    lines << u"interval: where the median overhead lies with 95 % confidence, from the order of the runs' "
             "overheads alone (no assumption about their distribution; from 6 runs up)."_s;
    for (const SearchBenchResult &r : search.results) {
        if (!r.error.isEmpty()) {
            lines << u"  %1 failed: %2"_s.arg(r.query.text, r.error);
            continue;
        }
        lines << u"  %1: overhead %2, interval %3."_s.arg(r.query.text, milliseconds(r.overheadSeconds),
                                                          interval(r.overheadInterval));
        lines << u"  %1: Dovecot's CPU time: whole %2, parts %3, Fumi's search %4; Fumi's less the raw one's: %5, "
                 "interval %6 (medians)."_s.arg(r.query.text)
                     .arg(milliseconds(r.serverCpu.whole), r.parts ? milliseconds(r.serverCpu.parts) : u"-"_s,
                          milliseconds(r.serverCpu.fumi), milliseconds(r.serverCpu.fumiLess),
                          interval(r.serverCpu.fumiLessInterval));
        if (r.parts > 0)
            lines << u"  %1: Fumi searches it in %2 parts; the same parts on the raw session, sent as Fumi sends "
                     "them (two at a time, the last alone): %3; fumi complete less that: %4, interval %5 "
                     "(medians)."_s.arg(r.query.text)
                         .arg(r.parts)
                         .arg(milliseconds(r.rawPartsSeconds), milliseconds(r.overheadPartsSeconds),
                              interval(r.overheadPartsInterval));
    }
    for (const SearchBenchResult &r : search.results)
        lines << u"  %1: %2"_s.arg(r.query.text,
                                   QString::fromUtf8(QByteArray(r.command.left(200)).replace("\r\n", "\\r\\n")));
    return lines;
}

void printTable(Cli &cli, const Figures &f)
{
    const QLocale c = QLocale::c();
    QStringList lines;
    lines << u"Fumi benchmark: %1 messages (seed %2) in Dovecot on loopback, IMAP over TLS"_s
                 .arg(c.toString(qlonglong(f.messages)))
                 .arg(f.seed);
    if (f.searchOnly) {
        lines << QString();
        lines << searchLines(f);
        cli.print(lines.join(u'\n'));
        return;
    }
    if (f.mailbox.messages > 0) {
        const auto &m = f.mailbox;
        lines << u"  mailbox: %1; %2 plain, %3 alternative, %4 with attachments; %5 replies; Japanese %6 UTF-8 + %7 "
                 "ISO-2022-JP; %8 seen, %9 flagged"_s.arg(bytes(m.bytes))
                     .arg(m.plain)
                     .arg(m.alternative)
                     .arg(m.withAttachments)
                     .arg(m.replies)
                     .arg(m.japaneseUtf8)
                     .arg(m.japaneseIso2022)
                     .arg(m.seen)
                     .arg(m.flagged);
    }
    lines << u"  setup: generate %1, start Dovecot %2, warm the server %3"_s.arg(
        f.generateSeconds ? seconds(*f.generateSeconds) : u"(reused)"_s, seconds(f.serverStartSeconds),
        seconds(f.warmSeconds));
    lines << QString();

    struct Row {
        QString measure, value, ratio, target, met;
    };
    QList<Row> rows;
    const QString missing = u"missing"_s;
    const double floor = f.rawFloor.seconds;
    rows << Row{u"raw floor (one UID FETCH 1:*, unparsed)"_s, seconds(floor), bytes(f.rawFloor.bytes), {}, {}};
    rows << Row{u"raw floor with Fumi's FETCH items"_s,
                seconds(f.rawFloorFumiItems.seconds),
                ratio(f.rawFloorFumiItems.seconds, floor, u"raw floor"_s),
                {},
                {}};
    rows << Row{u"raw first window (SEARCH, FETCH of the 50 newest)"_s, seconds(f.rawFirstWindowSeconds), {}, {}, {}};
    rows << Row{u"raw IDLE: 1,000 remote flag changes"_s, seconds(f.rawPropagationSeconds), {}, {}, {}};
    if (f.fumi) {
        const FumiBenchFigures &x = *f.fumi;
        rows << Row{u"fumi cold open (all rows stored)"_s, seconds(x.coldOpenSeconds),
                    ratio(x.coldOpenSeconds, floor, u"raw floor"_s), u"≤ 1.3 × raw floor"_s,
                    verdict(x.coldOpenSeconds <= 1.3 * floor)};
        // A first screen within 0.15 s, or as close to the server's own time for it as the
        // three round trips allow.
        rows << Row{u"fumi first window (50 newest rows)"_s, seconds(x.firstWindowSeconds),
                    ratio(x.firstWindowSeconds, f.rawFirstWindowSeconds, u"raw first window"_s),
                    u"≤ 0.15 s or ≤ 1.3 × raw"_s,
                    verdict(x.firstWindowSeconds <= 0.15 || x.firstWindowSeconds <= 1.3 * f.rawFirstWindowSeconds)};
        rows << Row{u"fumi warm reopen, no changes"_s, seconds(x.warmOpenSeconds),
                    ratio(x.warmOpenSeconds, f.neomuttWarm.seconds, u"neomutt warm"_s), u"≤ 0.2 × neomutt warm"_s,
                    verdict(x.warmOpenSeconds <= 0.2 * f.neomuttWarm.seconds)};
        rows << Row{u"fumi warm reopen, bytes on the wire"_s,
                    bytes(x.warmBytes),
                    {},
                    u"≤ 8 KB"_s,
                    verdict(x.warmBytes <= 8 * 1024)};
        rows << Row{u"fumi propagation of 1,000 remote flag changes"_s, seconds(x.propagationSeconds),
                    ratio(x.propagationSeconds, f.rawPropagationSeconds, u"raw IDLE"_s), u"≤ 1.2 × raw IDLE"_s,
                    verdict(x.propagationSeconds <= 1.2 * f.rawPropagationSeconds)};
        rows << Row{u"fumi propagation, bytes on the wire"_s, bytes(x.propagationBytes), {}, {}, {}};
        rows << Row{u"fumi peak RSS while measured"_s,
                    f.fumiRssMb ? QString::number(*f.fumiRssMb, 'f', 1) + u" MB"_s : u"unknown"_s,
                    {},
                    u"≤ 80 MB"_s,
                    f.fumiRssMb ? verdict(*f.fumiRssMb <= 80) : QString()};
    } else {
        for (const auto &[measure, target] : std::initializer_list<std::pair<QString, QString>>{
                 {u"fumi cold open (all rows stored)"_s, u"≤ 1.3 × raw floor"_s},
                 {u"fumi first window (50 newest rows)"_s, u"≤ 0.15 s or ≤ 1.3 × raw"_s},
                 {u"fumi warm reopen, no changes"_s, u"≤ 0.2 × neomutt warm"_s},
                 {u"fumi warm reopen, bytes on the wire"_s, u"≤ 8 KB"_s},
                 {u"fumi propagation of 1,000 remote flag changes"_s, u"≤ 1.2 × raw IDLE"_s},
                 {u"fumi propagation, bytes on the wire"_s, QString()},
                 {u"fumi peak RSS while measured"_s, u"≤ 80 MB"_s}}) {
            rows << Row{measure, missing, {}, target, u"-"_s};
        }
    }
    rows << Row{u"neomutt cold open (no header cache)"_s,
                seconds(f.neomuttCold.seconds),
                ratio(f.neomuttCold.seconds, floor, u"raw floor"_s),
                {},
                {}};
    rows << Row{u"neomutt warm open (header cache)"_s,
                seconds(f.neomuttWarm.seconds),
                ratio(f.neomuttWarm.seconds, floor, u"raw floor"_s),
                {},
                {}};
    if (f.fumi) {
        rows << Row{u"fumi cold open / neomutt cold open"_s,
                    QString::number(f.fumi->coldOpenSeconds / f.neomuttCold.seconds, 'f', 2),
                    {},
                    {},
                    {}};
    }

    Row header{u"measure"_s, u"value"_s, u"ratio / bytes"_s, u"target"_s, u"met"_s};
    qsizetype widths[4] = {header.measure.size(), header.value.size(), header.ratio.size(), header.target.size()};
    for (const Row &row : std::as_const(rows)) {
        widths[0] = qMax(widths[0], row.measure.size());
        widths[1] = qMax(widths[1], row.value.size());
        widths[2] = qMax(widths[2], row.ratio.size());
        widths[3] = qMax(widths[3], row.target.size());
    }
    const auto line = [&](const Row &row) {
        return QString(row.measure.leftJustified(widths[0]) + u"  "_s + row.value.rightJustified(widths[1]) + u"  "_s
                       + row.ratio.leftJustified(widths[2]) + u"  "_s + row.target.leftJustified(widths[3]) + u"  "_s
                       + row.met)
            .trimmed();
    };
    lines << line(header);
    for (const Row &row : std::as_const(rows))
        lines << line(row);
    lines << QString();
    if (!f.fumi)
        lines << u"Fumi's figures are missing: "_s + f.fumiError;
    lines << u"raw floor: read on a raw TLS socket without parsing; fumi-cli used %1 of CPU meanwhile."_s.arg(
        seconds(f.rawFloor.clientCpuSeconds));
    if (f.fumi)
        lines << u"fumi cold open: fumi-cli used %1 of CPU (TLS, inflating, parsing, decoding, SQLite)."_s.arg(
            seconds(f.fumi->coldOpenCpuSeconds));
    lines << u"propagation: timed from the other connection's UID STORE going out."_s;
    lines << u"fumi-cli's peak RSS over the whole run (generator, raw floor, neomutt's output): %1 MB"_s.arg(
        QString::number(f.processRssMb, 'f', 1));
    lines << u"neomutt: wall time of the whole neomutt process under a pseudo-terminal (start, TLS, login, all\n"
             "headers or, warm, the header cache plus flags, first screen, quit); it showed %1 messages both times; "
             "header cache %2."_s.arg(f.neomuttWarm.messages)
                 .arg(bytes(f.neomuttCacheBytes));
    lines << QString();
    lines << searchLines(f);
    cli.print(lines.join(u'\n'));
}

// Issue 5's measures: the raw floor, neomutt, Fumi's open and propagation. False once it has
// failed the command.
bool measureOpenAndPropagation(Cli &cli, const BenchServer &server, const QString &workspace, Figures &figures)
{
    QString error;
    cli.warn(u"bench: measuring the raw floor"_s);
    const auto floor = measureRawFloor(server, &error);
    if (!floor) {
        cli.fail(u"the raw floor: "_s + error);
        return false;
    }
    figures.rawFloor = *floor;
    const auto floorFumiItems = measureRawFloor(server, &error, engine::MessageRowBuilder::fetchItems(true));
    if (!floorFumiItems) {
        cli.fail(u"the raw floor with Fumi's items: "_s + error);
        return false;
    }
    figures.rawFloorFumiItems = *floorFumiItems;
    const auto firstWindow = measureRawFirstWindow(server, engine::MessageRowBuilder::fetchItems(true), &error);
    if (!firstWindow) {
        cli.fail(u"the raw first window: "_s + error);
        return false;
    }
    figures.rawFirstWindowSeconds = *firstWindow;
    cli.warn(u"bench: measuring the propagation floor (a raw IDLE)"_s);
    const auto propagationFloor = measureRawPropagation(server, propagationCount(server), &error);
    if (!propagationFloor) {
        cli.fail(u"the propagation floor: "_s + error);
        return false;
    }
    figures.rawPropagationSeconds = *propagationFloor;

    const QString neomuttDirectory = QDir(workspace).filePath(u"neomutt"_s);
    QDir(neomuttDirectory).removeRecursively();
    NeomuttRun neomutt(server, neomuttDirectory);
    cli.warn(u"bench: neomutt fills its header cache"_s);
    if (!neomutt.run(true, &error)) {
        cli.fail(u"neomutt (filling the header cache): "_s + error);
        return false;
    }
    figures.neomuttCacheBytes = neomutt.headerCacheBytes();
    if (figures.neomuttCacheBytes == 0) {
        cli.fail(u"neomutt ran but wrote no header cache in "_s + neomuttDirectory);
        return false;
    }
    cli.warn(u"bench: neomutt cold open"_s);
    const auto cold = neomutt.run(false, &error);
    if (!cold) {
        cli.fail(u"neomutt (cold): "_s + error);
        return false;
    }
    figures.neomuttCold = *cold;
    cli.warn(u"bench: neomutt warm open"_s);
    const auto warm = neomutt.run(true, &error);
    if (!warm) {
        cli.fail(u"neomutt (warm): "_s + error);
        return false;
    }
    figures.neomuttWarm = *warm;

    cli.warn(u"bench: measuring Fumi"_s);
    const QString cacheDirectory = QDir(workspace).filePath(u"fumi-cache"_s);
    QDir(cacheDirectory).removeRecursively();
    QDir().mkpath(cacheDirectory);
    const bool rssReset = resetPeakRss();
    figures.fumi = measureFumi(server, cacheDirectory, &figures.fumiError);
    if (rssReset)
        figures.fumiRssMb = peakRssMb();
    figures.processRssMb = processPeakRssMb();
    return true;
}

// --- the command -----------------------------------------------------------------------------------

void declareBench(QCommandLineParser &parser)
{
    parser.addOptions({
        {u"messages"_s, u"How many messages the mailbox holds (default 100000)."_s, u"N"_s},
        {u"seed"_s, u"The seed of the generated mailbox (default 1): the same seed, the same mail."_s, u"S"_s},
        {u"keep"_s,
         u"Keep the mailbox, neomutt's and Fumi's caches in DIR, and reuse a mailbox made there with the same "
         "--messages and --seed."_s,
         u"DIR"_s},
        {u"search-only"_s, u"Measure only the search latency (issue 7), not the open, neomutt or propagation."_s},
        {u"search-runs"_s, u"Measured runs per search query (default 5); the median is shown."_s, u"N"_s},
        {u"search-query"_s, u"Measure this search instead of the usual ones (may repeat)."_s, u"QUERY"_s},
    });
}

void runBench(Cli &cli, const QCommandLineParser &parser)
{
    if (!parser.positionalArguments().isEmpty()) {
        cli.fail(u"unexpected argument \"%1\"."_s.arg(parser.positionalArguments().constFirst()), UsageError);
        return;
    }
    Figures figures;
    figures.messages = defaultMessages;
    figures.seed = 1;
    if (parser.isSet(u"messages"_s)) {
        bool ok = false;
        figures.messages = parser.value(u"messages"_s).toLongLong(&ok);
        if (!ok || figures.messages < 2 || figures.messages > 10'000'000) {
            cli.fail(u"--messages must be a number from 2 to 10000000."_s, UsageError);
            return;
        }
    }
    if (parser.isSet(u"seed"_s)) {
        bool ok = false;
        figures.seed = parser.value(u"seed"_s).toULongLong(&ok);
        if (!ok) {
            cli.fail(u"--seed must be a non-negative number."_s, UsageError);
            return;
        }
    }

    int searchRuns = 5;
    if (parser.isSet(u"search-runs"_s)) {
        bool ok = false;
        searchRuns = parser.value(u"search-runs"_s).toInt(&ok);
        if (!ok || searchRuns < 1 || searchRuns > 1000) {
            cli.fail(u"--search-runs must be a number from 1 to 1000."_s, UsageError);
            return;
        }
    }
    figures.searchOnly = parser.isSet(u"search-only"_s);

    std::unique_ptr<QTemporaryDir> temporary;
    QString workspace = parser.value(u"keep"_s);
    if (workspace.isEmpty()) {
        temporary = std::make_unique<QTemporaryDir>(QDir::temp().filePath(u"fumi-bench-XXXXXX"_s));
        if (!temporary->isValid()) {
            cli.fail(u"cannot create a temporary folder: "_s + temporary->errorString());
            return;
        }
        workspace = temporary->path();
    } else if (!QDir().mkpath(workspace)) {
        cli.fail(u"cannot create "_s + workspace);
        return;
    }
    workspace = QFileInfo(workspace).absoluteFilePath();
    // Dovecot's mail processes run as 'nobody' when we are root, and must reach the Maildir.
    ::chmod(QFile::encodeName(workspace).constData(), 0755);

    if (!prepareMailbox(cli, workspace, figures))
        return;

    cli.warn(u"bench: starting Dovecot"_s);
    QElapsedTimer timer;
    timer.start();
    test::DovecotServer dovecot;
    const QString maildir = QDir(workspace).filePath(u"Maildir"_s);
    dovecot.setMaildir(benchUser, maildir);
    if (!dovecot.start({{benchUser, benchPassword, {}}})) {
        cli.fail(u"cannot start Dovecot: "_s + dovecot.errorString());
        return;
    }
    figures.serverStartSeconds = elapsed(timer);
    const QString caPath = QDir(workspace).filePath(u"ca.pem"_s);
    {
        QFile ca(caPath);
        if (!ca.open(QIODevice::WriteOnly) || ca.write(dovecot.caCertificate().toPem()) <= 0) {
            cli.fail(u"cannot write "_s + caPath);
            return;
        }
    }
    const BenchServer server{test::DovecotServer::host(),
                             dovecot.imapsPort(),
                             benchUser,
                             benchPassword,
                             dovecot.caCertificate(),
                             caPath,
                             u"INBOX"_s,
                             figures.messages};

    if (!warmServer(cli, dovecot, server, figures))
        return;

    if (!figures.searchOnly && !measureOpenAndPropagation(cli, server, workspace, figures))
        return;

    cli.warn(u"bench: measuring search latency"_s);
    const QString searchDirectory = QDir(workspace).filePath(u"fumi-search-cache"_s);
    QDir().mkpath(searchDirectory);
    QList<SearchBenchQuery> queries = searchBenchQueries();
    if (parser.isSet(u"search-query"_s)) {
        queries.clear();
        for (const QString &text : parser.values(u"search-query"_s))
            queries.append({text, text});
    }
    figures.search = measureSearch(server, searchDirectory, queries, searchRuns, &figures.searchError);
    dovecot.stop();

    if (cli.json())
        cli.printJson(toJson(figures));
    else
        printTable(cli, figures);
    if (!figures.searchOnly && !figures.fumi && cli.json())
        cli.warn(u"fumi-cli: Fumi's figures are missing: "_s + figures.fumiError);
    if (!figures.search && cli.json())
        cli.warn(u"fumi-cli: the search figures are missing: "_s + figures.searchError);
    cli.finish(Success);
}

} // namespace

QList<Command> benchCommands()
{
    return {
        {{u"bench"_s},
         u"[--messages N] [--seed S] [--keep DIR] [--search-only] [--search-runs N] [--search-query Q]..."_s,
         u"Measure Fumi on a generated mailbox against the raw IMAP floor and neomutt.\n"
         "Generates a seeded Maildir (plain and multipart mail, attachments, threads, Japanese\n"
         "in UTF-8 and ISO-2022-JP), serves it from a private Dovecot on loopback over TLS, warms\n"
         "the server, then measures in one run: the raw floor (one UID FETCH 1:* of UID FLAGS\n"
         "ENVELOPE INTERNALDATE RFC822.SIZE, read and discarded), neomutt's open without and\n"
         "with its header cache, and Fumi's cold open, first window, warm reopen, propagation of\n"
         "1,000 remote flag changes and peak RSS; then the search latency of issue 7: for a few\n"
         "typical queries, an engine with the mailbox open from search() to the first (cached)\n"
         "results and to the complete ones, against the same UID SEARCH on a raw session.\n"
         "Prints a table with the targets, or with --json one object.\n"
         "\n"
         "A developer command: it runs Dovecot through the test fixture of tests/support and needs\n"
         "dovecot, doveadm, neomutt and script installed, as in ./dev's build root (./dev bench)."_s,
         declareBench,
         runBench},
    };
}

} // namespace fumi::cli
