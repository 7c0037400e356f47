// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "app/cli/RunStatistics.h"

#include <algorithm>
#include <cmath>

namespace fumi::cli {

double median(QList<double> values)
{
    if (values.isEmpty())
        return 0;
    std::sort(values.begin(), values.end());
    const qsizetype middle = values.size() / 2;
    return values.size() % 2 ? values[middle] : (values[middle - 1] + values[middle]) / 2;
}

Interval medianInterval(QList<double> values)
{
    if (values.isEmpty())
        return {};
    std::sort(values.begin(), values.end());
    const qsizetype n = values.size();
    qsizetype k = 0;
    double below = 0;                            // P(X < k), X the values below the median
    double term = std::pow(0.5, double(n));      // P(X = k)
    while (k < n / 2 && below + term <= 0.025) { // P(X < k + 1) ≤ 2.5 %
        below += term;
        term = term * double(n - k) / double(k + 1);
        ++k;
    }
    k = std::max<qsizetype>(k, 1);
    return {values[k - 1], values[n - k]};
}

} // namespace fumi::cli
