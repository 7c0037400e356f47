// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QStringList>
#include <QtLogging>

namespace fumi::test {

// Every message logged while it lives, for tests that assert what is never logged (tokens,
// codes, passwords). Messages still reach the previous handler. One at a time.
class LogCapture
{
public:
    // `rules` are extra QLoggingCategory filter rules, e.g. "fumi.*.debug=true".
    explicit LogCapture(const QString &rules = {});
    ~LogCapture();
    LogCapture(const LogCapture &) = delete;
    LogCapture &operator=(const LogCapture &) = delete;

    [[nodiscard]] QStringList messages() const;
    // The first message containing `text`, or an empty string.
    [[nodiscard]] QString find(const QString &text) const;

private:
    QtMessageHandler m_previous;
};

} // namespace fumi::test
