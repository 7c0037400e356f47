// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace fumi::test {

// What the fixtures that start daemons (Dovecot, a D-Bus with a keyring) share.

// True while any process of the group exists.
[[nodiscard]] bool processGroupExists(qint64 group);

// A new temporary directory "<prefix><pid of this test>-XXXXXX" for a fixture, made after
// removing those of earlier test processes that are gone: a test killed by a timeout never ran
// its destructor (its daemons died with it, through PR_SET_PDEATHSIG). Null, with *error set,
// when it cannot be made.
[[nodiscard]] std::unique_ptr<QTemporaryDir> makeFixtureDirectory(const QString &prefix, QString *error);

} // namespace fumi::test
