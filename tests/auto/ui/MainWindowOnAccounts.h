// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/Account.h"
#include "account/CredentialStore.h"
#include "engine/AccountEngine.h"
#include "models/AccountRegistry.h"
#include "ui/AccountsController.h"
#include "ui/MainWindow.h"

#include <QList>
#include <QSettings>
#include <QSignalSpy>
#include <QSize>
#include <QSslCertificate>
#include <QString>
#include <QTest>

#include <algorithm>
#include <utility>

namespace fumi::test {

// The main window as the fumi GUI builds it (window settings, the account registry, the window,
// and the AccountsController that runs one engine per account), on accounts of a test server,
// for the GUI tests that drive it as a user does. A test makes a fresh one in init() and drops
// it in cleanup(), so that no setting and no engine carries over from one test function to the
// next. The members are destroyed in reverse order: the engines stop before the window closes.
class MainWindowOnAccounts
{
public:
    // Window settings in `settingsFile`, cleared; the engines trust `caCertificate` and take
    // their passwords from `credentials`, which must outlive this.
    MainWindowOnAccounts(const QString &settingsFile, account::CredentialStore *credentials,
                         const QSslCertificate &caCertificate)
        : settings(settingsFile, QSettings::IniFormat)
        , window(&settings, &registry)
        , controller(&registry)
        , m_finished(&registry, &models::AccountRegistry::requestFinished)
    {
        settings.clear();
        m_services.credentials = credentials;
        m_options.connection.caCertificates = {caCertificate};
    }
    MainWindowOnAccounts(const MainWindowOnAccounts &) = delete;
    MainWindowOnAccounts &operator=(const MainWindowOnAccounts &) = delete;

    // Starts an engine for `account`, its cache in `dataDirectory`.
    void addAccount(const account::Account &account, const QString &dataDirectory)
    {
        m_starts << controller.addAccount(account, dataDirectory, m_services, m_options);
    }

    // Shows the window at `size` and waits until it is the active window; false if it never is.
    [[nodiscard]] bool show(const QSize &size)
    {
        window.resize(size);
        window.show();
        window.activateWindow();
        return QTest::qWaitForWindowActive(&window);
    }

    // Waits until every account added has answered its start (30 s each); false on a timeout.
    [[nodiscard]] bool waitForStarts()
    {
        for (quint64 start : std::as_const(m_starts)) {
            const bool answered = QTest::qWaitFor(
                [this, start] {
                    return std::any_of(m_finished.cbegin(), m_finished.cend(), [start](const QList<QVariant> &answer) {
                        return answer.at(1).toULongLong() == start;
                    });
                },
                30000);
            if (!answered)
                return false;
        }
        return true;
    }

    QSettings settings;
    models::AccountRegistry registry;
    MainWindow window;
    ui::AccountsController controller;

private:
    engine::AccountEngine::Services m_services;
    engine::AccountEngine::Options m_options;
    QSignalSpy m_finished;
    QList<quint64> m_starts;
};

} // namespace fumi::test
