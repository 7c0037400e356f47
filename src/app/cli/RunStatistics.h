// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QList>

namespace fumi::cli {

// Figures over a benchmark's runs.

// The middle value (the mean of the two middle ones for an even count); 0 for none.
[[nodiscard]] double median(QList<double> values);

// Where a median over the runs lies, in the runs' unit.
struct Interval {
    double low = 0;
    double high = 0;
};

// Where the median of what the values sample lies, with 95 % confidence or more, and no
// assumption about their distribution: the k-th smallest and the k-th largest value, k the
// largest for which fewer than k of n values fall below the median with a chance of at most
// 2.5 % (binomial, p = ½). Below six values no k qualifies: the smallest and the largest.
[[nodiscard]] Interval medianInterval(QList<double> values);

} // namespace fumi::cli
