// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "account/Account.h"
#include "account/DiscoveryResult.h"
#include "account/OAuthProviders.h"
#include "engine/ConnectionTest.h"

#include <QSslCertificate>
#include <QUrl>
#include <QWizard>

#include <functional>
#include <memory>
#include <optional>
#include <vector>

class QComboBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QRadioButton;

namespace fumi::account {
class AutoconfigDiscovery;
class OAuthSignIn;
} // namespace fumi::account

namespace fumi::ui {

class AccountsController;
class CertificateView;

// Sets up a mail account in four steps, or edits one:
//   1. who: your name, the email address and the account's name;
//   2. servers: AutoconfigDiscovery looks the address up (busy, with a Cancel) and fills in the
//      IMAP and submission servers, which stay editable; when it finds nothing the fields are
//      empty and the page says so;
//   3. sign-in: a password, a password command, or an OAuth2 sign-in in the system browser;
//   4. the connection test: AccountConnector connects and logs in, asynchronously, as the
//      engine would. A certificate the system does not trust stops the test and is shown
//      (subject, issuer, validity, SHA-256 fingerprint) with two choices: trust exactly this
//      certificate for this host and port (TrustStore), then test again, or not (nothing stored).
//      Nothing is ever accepted silently.
// Finish stores the password in the CredentialStore (never in a file), saves the account through
// the AccountManager and starts it in the running window. Until then nothing is stored but what
// the user chose explicitly (a trusted certificate, an OAuth2 sign-in; Cancel removes the
// latter): the test reads the typed password from memory (PendingPasswordStore).
//
// Editing an existing account shows the same pages with its settings; an empty password keeps
// the stored one. The connection test runs only when the servers, the login or the sign-in
// changed; saving restarts the account's engine.
class AccountWizard : public QWizard
{
    Q_OBJECT

public:
    enum PageId { IdentityPage, ServerPage, SignInPage, TestPage };
    enum class TestState { NotRun, Running, Failed, Certificate, Succeeded };

    // A new account. `accounts` (with its profile started) must outlive the wizard.
    explicit AccountWizard(AccountsController *accounts, QWidget *parent = nullptr);
    // Edits the account `accountId` of accounts->accountManager().
    AccountWizard(AccountsController *accounts, const QString &accountId, QWidget *parent = nullptr);
    ~AccountWizard() override;

    // Discovery with other sources than the network (tests: fakes). Before the server page shows.
    void setDiscovery(std::unique_ptr<account::AutoconfigDiscovery> discovery);
    // How an OAuth2 sign-in page is shown; QDesktopServices::openUrl() unless set. Returns
    // false when no browser could be started (the wizard then shows the address).
    void setBrowserOpener(std::function<bool(const QUrl &)> open);

    [[nodiscard]] bool isEditing() const { return m_editing; }
    [[nodiscard]] QString accountId() const { return m_original.id; }
    // The account as the pages describe it now.
    [[nodiscard]] account::Account account() const;
    [[nodiscard]] TestState testState() const { return m_testState; }
    // The message the test page shows: progress, success, or what failed, in words.
    [[nodiscard]] QString testMessage() const;

    [[nodiscard]] int nextId() const override;
    [[nodiscard]] bool validateCurrentPage() override;

public Q_SLOTS:
    void accept() override;
    void reject() override;

Q_SIGNALS:
    void discoveryFinished();
    // The connection test ended: logged in (true), or failed or a certificate was refused (false).
    void connectionTested(bool ok);
    // The test stopped at a certificate the system does not trust; the certificate step shows.
    void certificateQuestion(const QSslCertificate &certificate);
    // Finish saved the account (and started it).
    void saved(const QString &accountId);
    void saveFailed(const QString &message);

protected:
    void initializePage(int id) override;
    void cleanupPage(int id) override;
    void changeEvent(QEvent *event) override;

private:
    // One run of the connection test with the password it offers; the test goes first.
    struct TestRun {
        std::unique_ptr<account::CredentialStore> pending;
        std::unique_ptr<engine::ConnectionTest> test;
    };

    void createPages();
    void retranslate();
    void fillFrom(const account::Account &account);

    void startDiscovery();
    void stopDiscovery();
    void applyDiscovery(const account::DiscoveryResult &result);
    void updatePlainWarning();
    [[nodiscard]] QString validateIdentity() const;
    [[nodiscard]] QString validateServers() const;
    [[nodiscard]] QString validateSignIn() const;
    [[nodiscard]] bool needsTest() const;
    void refreshPages();

    void startSignIn();
    void runTest();
    void abandonTest();
    void onTestFinished(const engine::ConnectionTest::Outcome &outcome);
    void trustCertificate();
    void distrustCertificate();
    void setTestState(TestState state, const QString &message);

    void save();
    void finishSave(const QString &error);

    AccountsController *m_accounts;
    bool m_editing = false;
    account::Account m_original; // a new account: only its id
    std::unique_ptr<account::AutoconfigDiscovery> m_discovery;
    std::function<bool(const QUrl &)> m_openBrowser;
    QString m_discoveredFor; // the address the server fields were filled for
    bool m_discovering = false;
    QString m_serverNote;   // what discovery found, for the server page
    QString m_signedInWith; // the OAuth2 provider a sign-in of this wizard succeeded with
    account::OAuthSignIn *m_signIn = nullptr;
    account::OAuthProviders m_providers;
    TestState m_testState = TestState::NotRun;
    QString m_testMessage;
    std::optional<engine::TrustStorePolicy::Refusal> m_refusal;
    std::vector<std::unique_ptr<TestRun>> m_runs; // finished ones stay until the wizard goes
    bool m_saving = false;

    // page 1
    QLabel *m_nameLabel = nullptr;
    QLineEdit *m_nameEdit = nullptr;
    QLabel *m_addressLabel = nullptr;
    QLineEdit *m_addressEdit = nullptr;
    QLabel *m_accountNameLabel = nullptr;
    QLineEdit *m_accountNameEdit = nullptr;
    QLabel *m_identityError = nullptr;
    // page 2
    QLabel *m_discoveryLabel = nullptr;
    QProgressBar *m_discoveryProgress = nullptr;
    QPushButton *m_stopDiscoveryButton = nullptr;
    QLabel *m_serverMessage = nullptr;
    QLabel *m_imapTitle = nullptr;
    QLabel *m_imapHostLabel = nullptr;
    QLineEdit *m_imapHostEdit = nullptr;
    QLabel *m_imapPortLabel = nullptr;
    QLineEdit *m_imapPortEdit = nullptr;
    QLabel *m_imapSecurityLabel = nullptr;
    QComboBox *m_imapSecurityBox = nullptr;
    QLabel *m_loginLabel = nullptr;
    QLineEdit *m_loginEdit = nullptr;
    QLabel *m_smtpTitle = nullptr;
    QLabel *m_smtpHostLabel = nullptr;
    QLineEdit *m_smtpHostEdit = nullptr;
    QLabel *m_smtpPortLabel = nullptr;
    QLineEdit *m_smtpPortEdit = nullptr;
    QLabel *m_smtpSecurityLabel = nullptr;
    QComboBox *m_smtpSecurityBox = nullptr;
    QLabel *m_plainWarning = nullptr;
    QLabel *m_serverError = nullptr;
    // page 3
    QRadioButton *m_passwordRadio = nullptr;
    QLineEdit *m_passwordEdit = nullptr;
    QRadioButton *m_commandRadio = nullptr;
    QLineEdit *m_commandEdit = nullptr;
    QList<QRadioButton *> m_providerRadios; // property "provider": the OAuth2 provider id
    QPushButton *m_signInButton = nullptr;
    QLabel *m_signInStatus = nullptr;
    QLabel *m_signInError = nullptr;
    // page 4
    QLabel *m_testStatus = nullptr;
    QProgressBar *m_testProgress = nullptr;
    QWidget *m_certificateBox = nullptr;
    QLabel *m_certificateIntro = nullptr;
    CertificateView *m_certificateView = nullptr;
    QPushButton *m_trustButton = nullptr;
    QPushButton *m_distrustButton = nullptr;
    QPushButton *m_retryButton = nullptr;
};

} // namespace fumi::ui
