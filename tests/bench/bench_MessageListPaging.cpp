// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// Issue 6's repaint budget: a folder of 100,000 messages open in the real message list view
// (ui::MessageListView over a MessageListModel, sorted by date as a folder opens), shown at
// 1280×800 on the offscreen platform, paged from top to bottom with PageDown. Each step is timed
// from the key press to the end of the synchronous repaint of the list's viewport; the figures
// are the median, the 95th percentile and the worst. The baseline is the same view with Qt's own
// item delegate over a trivial model of the same size whose data() formats the row number: what
// Qt's view costs by itself. The model is also paged with Qt's delegate instead of the list's
// own, to show what the delegate saves. The goal is every repaint under 8 ms. Nothing is
// asserted.

#include "BenchMessages.h"
#include "models/MessageListModel.h"
#include "ui/MessageListView.h"

#include <QAbstractTableModel>
#include <QApplication>
#include <QElapsedTimer>
#include <QKeyEvent>
#include <QRandomGenerator>
#include <QScrollBar>
#include <QStyledItemDelegate>
#include <QTest>
#include <QTimeZone>

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <vector>

using namespace fumi;
using namespace Qt::StringLiterals;

namespace {

constexpr int messageCount = 100000;

store::MessageRecord row(Uid uid, QRandomGenerator &random)
{
    return bench::messageRow(uid, random, false);
}

// The baseline: as little as a model can do for the same view.
class TrivialModel : public QAbstractTableModel
{
public:
    int rowCount(const QModelIndex &parent = {}) const override { return parent.isValid() ? 0 : messageCount; }
    int columnCount(const QModelIndex &parent = {}) const override
    {
        return parent.isValid() ? 0 : int(models::MessageListModel::ColumnCount);
    }
    QVariant data(const QModelIndex &index, int role) const override
    {
        return role == Qt::DisplayRole ? QVariant(QString::number(index.row())) : QVariant();
    }
};

// CPU time of this thread: on a machine busy with other work it still says what a repaint costs.
double threadCpuMs()
{
    timespec now{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
    return double(now.tv_sec) * 1e3 + double(now.tv_nsec) / 1e6;
}

struct Figures {
    size_t steps = 0;
    double cpuMedian = 0;
    double cpuWorst = 0;
    double median = 0;
    double p95 = 0;
    double worst = 0;
    bool reachedEnd = false;
};

enum class Delegate { Fumi, Qt };

Figures page(QAbstractItemModel *model, Delegate delegate)
{
    ui::MessageListView view;
    if (delegate == Delegate::Qt)
        view.setItemDelegate(new QStyledItemDelegate(&view));
    view.setModel(model);
    view.setDefaultColumnWidths();
    view.resize(1280, 800);
    view.show();
    if (!QTest::qWaitForWindowExposed(&view))
        return {};
    view.setFocus();
    view.setCurrentIndex(model->index(0, 0));
    QCoreApplication::processEvents();
    view.viewport()->repaint();

    std::vector<double> times;
    std::vector<double> cpuTimes;
    const int last = model->rowCount() - 1;
    // At most a few more steps than pages, so that a view that stops moving still ends.
    const int bound = 2 * model->rowCount() / 10 + 100;
    QElapsedTimer timer;
    for (int step = 0; step < bound && view.currentIndex().row() < last; ++step) {
        timer.start();
        const double cpuStart = threadCpuMs();
        QKeyEvent press(QEvent::KeyPress, Qt::Key_PageDown, Qt::NoModifier);
        QCoreApplication::sendEvent(&view, &press);
        QKeyEvent release(QEvent::KeyRelease, Qt::Key_PageDown, Qt::NoModifier);
        QCoreApplication::sendEvent(&view, &release);
        view.viewport()->repaint();
        times.push_back(double(timer.nsecsElapsed()) / 1e6);
        cpuTimes.push_back(threadCpuMs() - cpuStart);
        // Whatever else the step posted (the scroll bar's repaint, the header's) before the next.
        QCoreApplication::processEvents();
    }
    Figures figures;
    figures.reachedEnd = view.currentIndex().row() == last;
    figures.steps = times.size();
    if (times.empty())
        return figures;
    std::sort(times.begin(), times.end());
    figures.median = times[times.size() / 2];
    figures.p95 = times[std::min(times.size() - 1, size_t(double(times.size()) * 0.95))];
    figures.worst = times.back();
    std::sort(cpuTimes.begin(), cpuTimes.end());
    figures.cpuMedian = cpuTimes[cpuTimes.size() / 2];
    figures.cpuWorst = cpuTimes.back();
    return figures;
}

void report(const char *what, const Figures &f)
{
    std::printf("%-40s %5zu steps  median %6.2f ms  p95 %6.2f ms  worst %6.2f ms  CPU median %6.2f ms  worst %6.2f "
                "ms%s\n",
                what, f.steps, f.median, f.p95, f.worst, f.cpuMedian, f.cpuWorst,
                f.reachedEnd ? "" : "  (did not reach the last row)");
}

} // namespace

int main(int argc, char **argv)
{
    qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QRandomGenerator random(2026);

    models::MessageListModel messages;
    messages.setMailboxes({{u"bench"_s, 1, u"INBOX"_s}});
    auto snapshot = std::make_shared<engine::MailboxDelta>();
    snapshot->mailboxId = 1;
    snapshot->reset = true;
    snapshot->inserted.reserve(messageCount);
    for (Uid uid = 1; uid <= Uid(messageCount); ++uid)
        snapshot->inserted.push_back(row(uid, random));
    messages.applyDelta(u"bench"_s, snapshot);
    TrivialModel trivial;

    std::printf("PageDown from the first to the last of %d rows, 1280x800, offscreen; goal: every repaint < 8 ms\n",
                messageCount);
    // The baseline first and last, so that a warm-up effect shows as a difference between them.
    const Figures baseline = page(&trivial, Delegate::Qt);
    const Figures fumi = page(&messages, Delegate::Fumi);
    const Figures qtDelegate = page(&messages, Delegate::Qt);
    const Figures again = page(&trivial, Delegate::Qt);
    report("baseline: trivial model, Qt's delegate", baseline);
    report("MessageListModel in ui::MessageListView", fumi);
    report("MessageListModel with Qt's delegate", qtDelegate);
    report("baseline again", again);
    const double floor = std::max((baseline.median + again.median) / 2, 1e-9);
    const double cpuFloor = std::max((baseline.cpuMedian + again.cpuMedian) / 2, 1e-9);
    std::printf("ratio of medians: %.2fx the baseline with the list's delegate, %.2fx with Qt's (CPU: %.2fx, %.2fx); "
                "worst repaint %s the 8 ms goal\n",
                fumi.median / floor, qtDelegate.median / floor, fumi.cpuMedian / cpuFloor,
                qtDelegate.cpuMedian / cpuFloor, fumi.worst < 8.0 ? "within" : "OVER");
    return 0;
}
