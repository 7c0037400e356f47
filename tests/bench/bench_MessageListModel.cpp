// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The message list over a mailbox of 100,000 messages: the snapshot an open sends (one reset
// delta, sorted by date), a sort by each column, a delta of 1,000 flag changes scattered over
// the mailbox, 1,000 new rows and 1,000 removals scattered over the sorted view, 1,000 data()
// calls as a repaint makes them, and threading the whole mailbox. Also the engine's half of an
// open: reading the 100,000 cached rows from the store for that snapshot. Figures are printed
// with the ratio to a baseline (a repaint's 8 ms budget, or the snapshot itself); nothing is
// asserted.

#include "BenchMessages.h"
#include "models/MessageListModel.h"
#include "store/AccountStore.h"

#include <QElapsedTimer>
#include <QGuiApplication>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimeZone>

#include <cstdio>

using namespace fumi;
using namespace fumi::models;
using namespace Qt::StringLiterals;

namespace {

constexpr Uid rowCount = 100000;
const QString account = u"bench"_s;
constexpr qint64 mailboxId = 1;

store::MessageRecord row(Uid uid, QRandomGenerator &random)
{
    return bench::messageRow(uid, random, true);
}

double ms(const QElapsedTimer &timer)
{
    return double(timer.nsecsElapsed()) / 1e6;
}

void report(const char *what, double milliseconds, const char *baselineName, double baseline)
{
    std::printf("%-50s %10.2f ms   %8.3fx %s\n", what, milliseconds, milliseconds / baseline, baselineName);
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QGuiApplication app(argc, argv);
    QRandomGenerator random(2026);
    constexpr double frame = 8.0; // the repaint budget of issue 6

    std::vector<store::MessageRecord> rows;
    rows.reserve(rowCount);
    for (Uid uid = 1; uid <= rowCount; ++uid)
        rows.push_back(row(uid, random));

    // The engine's half: the cached rows read back for the snapshot (AccountEngine::openMailbox).
    QTemporaryDir dir;
    double storeRead = 0;
    {
        auto opened = store::AccountStore::open(dir.filePath(u"account"_s));
        if (!opened) {
            std::fprintf(stderr, "%s\n", qPrintable(opened.error().message));
            return 1;
        }
        auto accountStore = std::move(opened).value();
        store::MailboxRecord inbox;
        inbox.path = u"INBOX"_s;
        const qint64 id = accountStore->addMailbox(inbox).value();
        store::MailboxChanges changes;
        changes.added = rows;
        changes.sync = store::MailboxSyncState{1, rowCount + 1, 0};
        if (auto applied = accountStore->applyChanges(id, changes); !applied) {
            std::fprintf(stderr, "%s\n", qPrintable(applied.error().message));
            return 1;
        }
        QElapsedTimer timer;
        timer.start();
        const std::vector<store::MessageRecord> read = accountStore->messages(id, UidSet::fromRange(1, maxUid));
        storeRead = ms(timer);
        if (read.size() != rows.size()) {
            std::fprintf(stderr, "read %zu rows of %zu\n", read.size(), rows.size());
            return 1;
        }
    }

    MessageListModel model;
    model.setMailboxes({{account, mailboxId, u"INBOX"_s}});
    auto snapshot = std::make_shared<engine::MailboxDelta>();
    snapshot->mailboxId = mailboxId;
    snapshot->reset = true;
    snapshot->inserted = rows;
    QElapsedTimer timer;
    timer.start();
    model.applyDelta(account, snapshot);
    const double applySnapshot = ms(timer);
    if (model.rowCount() != int(rowCount))
        return 1;

    std::printf("Message list, %u rows (%s)\n\n", rowCount, QT_VERSION_STR);
    report("store: read every cached row (engine snapshot)", storeRead, "model snapshot", applySnapshot);
    report("model: apply the snapshot (reset, sort by date)", applySnapshot, "frame", frame);

    static const char *columns[] = {"flag", "attachment", "from", "subject", "date", "size"};
    for (int column = 0; column < MessageListModel::ColumnCount; ++column) {
        timer.restart();
        model.sort(column, Qt::AscendingOrder);
        const double sorted = ms(timer);
        const QByteArray what = "model: sort by " + QByteArray(columns[column]);
        report(what.constData(), sorted, "snapshot", applySnapshot);
    }
    model.sort(MessageListModel::SubjectColumn, Qt::DescendingOrder);

    // 1,000 flag changes scattered over the mailbox.
    auto flags = std::make_shared<engine::MailboxDelta>();
    flags->mailboxId = mailboxId;
    for (int i = 0; i < 1000; ++i)
        flags->flags.push_back({Uid(1 + random.bounded(rowCount)), Flags(Flags::System::Flagged), 0});
    timer.restart();
    model.applyDelta(account, flags);
    report("model: 1,000 flag changes (by subject)", ms(timer), "frame", frame);

    // 1,000 new rows, scattered all over a view sorted by subject.
    auto inserted = std::make_shared<engine::MailboxDelta>();
    inserted->mailboxId = mailboxId;
    for (Uid uid = rowCount + 1; uid <= rowCount + 1000; ++uid)
        inserted->inserted.push_back(row(uid, random));
    timer.restart();
    model.applyDelta(account, inserted);
    report("model: 1,000 new rows (by subject)", ms(timer), "frame", frame);

    auto removed = std::make_shared<engine::MailboxDelta>();
    removed->mailboxId = mailboxId;
    for (int i = 0; i < 1000; ++i)
        removed->removed.insert(Uid(1 + random.bounded(rowCount)));
    timer.restart();
    model.applyDelta(account, removed);
    report("model: ~1,000 removals (by subject)", ms(timer), "frame", frame);

    // A repaint: what a view asks for each visible cell.
    model.sort(MessageListModel::DateColumn, Qt::DescendingOrder);
    const int roles[] = {Qt::DisplayRole, Qt::FontRole, Qt::DecorationRole, Qt::ToolTipRole};
    int calls = 0;
    qsizetype sink = 0;
    timer.restart();
    for (int row = 50000; calls < 1000; ++row) {
        for (int column = 0; column < MessageListModel::ColumnCount && calls < 1000; ++column) {
            for (int role : roles) {
                if (calls++ >= 1000)
                    break;
                sink += model.data(model.index(row, column), role).isValid();
            }
        }
    }
    const double dataCalls = ms(timer);
    report("model: 1,000 data() calls (4 roles x 6 columns)", dataCalls, "frame", frame);
    std::printf("%-50s %10.3f us\n", "  per data() call", dataCalls * 1000.0 / 1000.0);
    // A page of 40 rows asks about 40 x 6 x 6 roles.
    report("  a 40-row page at that rate (1,440 calls)", dataCalls * 1.44, "frame", frame);

    timer.restart();
    model.setThreaded(true);
    report("model: thread 100,000 rows", ms(timer), "snapshot", applySnapshot);
    std::printf("\n(%lld threads, %lld non-empty cells)\n", qlonglong(model.rowCount()), qlonglong(sink));
    return 0;
}
