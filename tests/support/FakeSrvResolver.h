// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/SrvResolver.h"

#include <QHash>
#include <QStringList>

#include <chrono>

namespace fumi::test {

// An SrvResolver that answers from a table, later, as the real one does: a name that is not in
// the table does not exist (NotFound). It remembers the names asked, in order, and can hold an
// answer back so that answers arrive in another order than the questions.
class FakeSrvResolver : public account::SrvResolver
{
public:
    void lookup(const QString &name, QObject *context, Callback callback) override;

    // Records for a name, or an error answer for it.
    void setRecords(const QString &name, QList<Record> records);
    void setError(const QString &name, Error error, const QString &message);
    void setDelay(const QString &name, std::chrono::milliseconds delay) { m_delays.insert(name, delay); }

    [[nodiscard]] const QStringList &asked() const { return m_asked; }
    // When set, every lookup also appends "srv <name>" here: one journal shared with other fakes
    // shows the order of everything a test subject did.
    QStringList *journal = nullptr;

private:
    QHash<QString, Result> m_answers;
    QHash<QString, std::chrono::milliseconds> m_delays;
    QStringList m_asked;
};

} // namespace fumi::test
