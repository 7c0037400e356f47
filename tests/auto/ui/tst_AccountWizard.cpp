// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The account wizard and the account settings dialog on a real Dovecot whose certificate the
// system does not trust: discovery from a fake autoconfig source, every page's validation, the
// certificate step (Cancel stores nothing, Trust stores exactly that certificate), a wrong
// password, Finish (the password only in the credential store), editing and removing an
// account, and the first start. The certificate step is also saved as a picture.

#include "account/AccountManager.h"
#include "account/AutoconfigDiscovery.h"
#include "account/HttpsFetcher.h"
#include "account/Profile.h"
#include "account/TrustStore.h"
#include "models/AccountRegistry.h"
#include "support/DovecotServer.h"
#include "support/FakeSrvResolver.h"
#include "support/LocalAuthorizationServer.h"
#include "support/MemoryCredentialStore.h"
#include "support/XvfbScreen.h"
#include "ui/AccountSettingsDialog.h"
#include "ui/AccountWizard.h"
#include "ui/AccountsController.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QComboBox>
#include <QCryptographicHash>
#include <QDir>
#include <QDirIterator>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLibraryInfo>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QPushButton>
#include <QRadioButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>

using namespace fumi;
using namespace Qt::StringLiterals;
using ui::AccountWizard;

namespace {

const QString password = u"wizard-Secret-7f3a"_s;
const QString address = u"alice@example.test"_s;

// Answers autoconfig requests from a table of host → document, later, as the network would;
// every other host does not exist.
class FakeFetcher : public account::HttpsFetcher
{
public:
    void fetch(const QUrl &url, QObject *context, Callback callback) override
    {
        Result result;
        result.url = url;
        if (documents.contains(url.host())) {
            result.httpStatus = 200;
            result.body = documents.value(url.host());
        } else {
            result.error = Error::HostNotFound;
            result.message = u"%1 not found"_s.arg(url.host());
        }
        QTimer::singleShot(0, context, [callback = std::move(callback), result] {
            callback(result);
        });
    }

    QHash<QString, QByteArray> documents;
};

QByteArray autoconfigFor(quint16 port)
{
    return QByteArray(R"(<?xml version="1.0" encoding="UTF-8"?>
<clientConfig version="1.1">
  <emailProvider id="example.test">
    <domain>example.test</domain>
    <displayName>Example Test Mail</displayName>
    <incomingServer type="imap">
      <hostname>127.0.0.1</hostname>
      <port>)" + QByteArray::number(port)
                      + R"(</port>
      <socketType>SSL</socketType>
      <username>alice</username>
      <authentication>password-cleartext</authentication>
    </incomingServer>
  </emailProvider>
</clientConfig>
)");
}

QString screenshotDirectory()
{
    const QString fromEnvironment = qEnvironmentVariable("FUMI_SCREENSHOT_DIR");
    return fromEnvironment.isEmpty() ? QStringLiteral(FUMI_SCREENSHOT_DIR) : fromEnvironment;
}

QLabel *label(QWidget *in, const QString &name)
{
    return in->findChild<QLabel *>(name);
}

QLineEdit *edit(QWidget *in, const QString &name)
{
    return in->findChild<QLineEdit *>(name);
}

} // namespace

class tst_AccountWizard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();

    void identityPageRefuses_data();
    void identityPageRefuses();
    void serverPageRefuses_data();
    void serverPageRefuses();
    void discoveryFindsNothing();
    void discoveryCanBeCancelled();
    void certificateStepCancelStoresNothing();
    void trustThenFinishSavesTheAccount();
    void wrongPasswordSavesNothing();
    void settingsDialogEditsAnAccount();
    void settingsDialogRemovesAnAccount();
    void firstStartOpensTheWizard();
    void oauthSignInKeepsTheTokenInTheKeychainOnly();

private:
    // A wizard on the server page, after discovery, with page 1 filled.
    std::unique_ptr<AccountWizard> wizardOnServerPage(bool found = true);
    // From the server page to the end of the connection test.
    void toTestPage(AccountWizard *wizard, const QString &secret);
    QString addReadyAccount(const QString &name);
    [[nodiscard]] QStringList profileFilesContaining(const QByteArray &bytes) const;
    void saveScreenshots(QWidget *widget);

    test::DovecotServer m_server;
    QTranslator m_fumiTranslator;
    QTranslator m_qtTranslator;
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<test::MemoryCredentialStore> m_credentials;
    std::unique_ptr<models::AccountRegistry> m_registry;
    std::unique_ptr<ui::AccountsController> m_accounts;
};

void tst_AccountWizard::initTestCase()
{
    QVERIFY2(m_server.start({{u"alice"_s, password, {}}}), qPrintable(m_server.errorString()));
    // The application follows the system locale (LANG=ja_JP.UTF-8 shows the Japanese wizard), as
    // main() does.
    if (m_fumiTranslator.load(QLocale(), u"fumi"_s, u"_"_s, u":/i18n"_s))
        QCoreApplication::installTranslator(&m_fumiTranslator);
    if (m_qtTranslator.load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(&m_qtTranslator);
}

void tst_AccountWizard::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_credentials = std::make_unique<test::MemoryCredentialStore>();
    m_registry = std::make_unique<models::AccountRegistry>();
    m_accounts = std::make_unique<ui::AccountsController>(m_registry.get());
    QVERIFY(m_accounts->startProfile(account::Profile::inDirectory(m_dir->path()), m_credentials.get()));
}

void tst_AccountWizard::cleanup()
{
    m_accounts.reset();
    m_registry.reset();
    m_credentials.reset();
    m_dir.reset();
}

std::unique_ptr<AccountWizard> tst_AccountWizard::wizardOnServerPage(bool found)
{
    auto wizard = std::make_unique<AccountWizard>(m_accounts.get());
    auto fetcher = std::make_unique<FakeFetcher>();
    if (found)
        fetcher->documents.insert(u"autoconfig.example.test"_s, autoconfigFor(m_server.imapsPort()));
    wizard->setDiscovery(
        std::make_unique<account::AutoconfigDiscovery>(std::move(fetcher), std::make_unique<test::FakeSrvResolver>()));
    wizard->show();
    edit(wizard.get(), u"nameEdit"_s)->setText(u"Alice Example"_s);
    edit(wizard.get(), u"addressEdit"_s)->setText(address);
    QSignalSpy discovered(wizard.get(), &AccountWizard::discoveryFinished);
    wizard->next();
    if (wizard->currentId() != AccountWizard::ServerPage)
        return nullptr;
    if (!discovered.wait(10000))
        return nullptr;
    return wizard;
}

void tst_AccountWizard::toTestPage(AccountWizard *wizard, const QString &secret)
{
    wizard->next();
    QCOMPARE(wizard->currentId(), int(AccountWizard::SignInPage));
    edit(wizard, u"passwordEdit"_s)->setText(secret);
    wizard->next();
    QCOMPARE(wizard->currentId(), int(AccountWizard::TestPage));
    QTRY_VERIFY_WITH_TIMEOUT(wizard->testState() != AccountWizard::TestState::Running, 20000);
}

QString tst_AccountWizard::addReadyAccount(const QString &name)
{
    account::Account account;
    account.displayName = name;
    account.identities = {{u"Alice"_s, address, {}, {}}};
    account.imap = {test::DovecotServer::host(), m_server.imapsPort(), account::Security::Tls};
    account.login = u"alice"_s;
    const auto added = m_accounts->accountManager()->add(account);
    if (!added.ok())
        return {};
    m_credentials->secrets.insert(account::CredentialStore::key(added.id, account::CredentialStore::Secret::Password),
                                  password);
    if (!m_accounts->trustStore()
             ->trust(test::DovecotServer::host(), m_server.imapsPort(), m_server.serverCertificate())
             .isEmpty())
        return {};
    return added.id;
}

QStringList tst_AccountWizard::profileFilesContaining(const QByteArray &bytes) const
{
    QStringList found;
    QDirIterator files(m_dir->path(), QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (files.hasNext()) {
        QFile file(files.next());
        if (file.open(QIODevice::ReadOnly) && file.readAll().contains(bytes))
            found << file.fileName();
    }
    return found;
}

void tst_AccountWizard::saveScreenshots(QWidget *widget)
{
    QVERIFY(QTest::qWaitForWindowExposed(widget));
    QTest::qWait(300); // let the page lay out and paint
    const QString directory = screenshotDirectory();
    QVERIFY(QDir().mkpath(directory));
    const bool japanese = QLocale().language() == QLocale::Japanese;
    const QString path = directory + (japanese ? u"/wizard-certificate-ja.png"_s : u"/wizard-certificate.png"_s);
    QVERIFY(widget->grab().save(path));
    qInfo().noquote() << "saved" << path;
    QString error;
    const QString screen = test::captureXvfbScreen(
        japanese ? u"xvfb-wizard-certificate-ja.png"_s : u"xvfb-wizard-certificate.png"_s, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    if (!screen.isEmpty())
        qInfo().noquote() << "saved" << screen;
}

// --- page validation --------------------------------------------------------------------------

void tst_AccountWizard::identityPageRefuses_data()
{
    QTest::addColumn<QString>("address");
    QTest::addColumn<QString>("accountName");
    QTest::addColumn<bool>("existing");
    QTest::newRow("empty-address") << QString() << QString() << false;
    QTest::newRow("no-at-sign") << u"alice.example.test"_s << QString() << false;
    QTest::newRow("account-name-taken") << address << u"work"_s << true;
}

void tst_AccountWizard::identityPageRefuses()
{
    QFETCH(QString, address);
    QFETCH(QString, accountName);
    QFETCH(bool, existing);
    if (existing)
        QVERIFY(!addReadyAccount(u"Work"_s).isEmpty());
    AccountWizard wizard(m_accounts.get());
    wizard.show();
    edit(&wizard, u"addressEdit"_s)->setText(address);
    edit(&wizard, u"accountNameEdit"_s)->setText(accountName);
    wizard.next();
    QCOMPARE(wizard.currentId(), int(AccountWizard::IdentityPage));
    QLabel *error = label(&wizard, u"identityError"_s);
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    // Nothing the user typed is lost.
    QCOMPARE(edit(&wizard, u"addressEdit"_s)->text(), address);
}

void tst_AccountWizard::serverPageRefuses_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("value");
    QTest::addColumn<int>("security"); // -1: as discovered
    QTest::newRow("empty-host") << u"imapHostEdit"_s << QString() << -1;
    QTest::newRow("host-with-a-slash") << u"imapHostEdit"_s << u"imap.example.test/x"_s << -1;
    QTest::newRow("host-with-an-at-sign") << u"imapHostEdit"_s << u"alice@imap.example.test"_s << -1;
    QTest::newRow("smtp-host-with-a-space") << u"smtpHostEdit"_s << u"smtp example.test"_s << -1;
    QTest::newRow("port-zero") << u"imapPortEdit"_s << u"0"_s << -1;
    QTest::newRow("port-out-of-range") << u"imapPortEdit"_s << u"70000"_s << -1;
    QTest::newRow("port-not-a-number") << u"imapPortEdit"_s << u"imaps"_s << -1;
    QTest::newRow("empty-user-name") << u"loginEdit"_s << QString() << -1;
    QTest::newRow("smtp-port-out-of-range") << u"smtpPortEdit"_s << u"65536"_s << -1;
    QTest::newRow("plain-to-a-remote-host")
        << u"imapHostEdit"_s << u"imap.example.test"_s << int(account::Security::Plain);
}

void tst_AccountWizard::serverPageRefuses()
{
    QFETCH(QString, field);
    QFETCH(QString, value);
    QFETCH(int, security);
    auto wizard = wizardOnServerPage();
    QVERIFY(wizard);
    // The discovered settings are in the fields.
    QCOMPARE(edit(wizard.get(), u"imapHostEdit"_s)->text(), u"127.0.0.1"_s);
    QCOMPARE(edit(wizard.get(), u"imapPortEdit"_s)->text(), QString::number(m_server.imapsPort()));
    QCOMPARE(edit(wizard.get(), u"loginEdit"_s)->text(), u"alice"_s);
    if (field.startsWith(u"smtp"))
        edit(wizard.get(), u"smtpHostEdit"_s)->setText(u"smtp.example.test"_s);
    edit(wizard.get(), field)->setText(value);
    if (security >= 0) {
        auto *box = wizard->findChild<QComboBox *>(u"imapSecurityBox"_s);
        box->setCurrentIndex(box->findData(security));
    }
    wizard->next();
    QCOMPARE(wizard->currentId(), int(AccountWizard::ServerPage));
    QLabel *error = label(wizard.get(), u"serverError"_s);
    QVERIFY(error->isVisible());
    QVERIFY(!error->text().isEmpty());
    QCOMPARE(edit(wizard.get(), field)->text(), value);
}

void tst_AccountWizard::discoveryFindsNothing()
{
    auto wizard = wizardOnServerPage(false);
    QVERIFY(wizard);
    QCOMPARE(edit(wizard.get(), u"imapHostEdit"_s)->text(), QString());
    QCOMPARE(edit(wizard.get(), u"imapPortEdit"_s)->text(), QString());
    QVERIFY(edit(wizard.get(), u"imapHostEdit"_s)->isEnabled());
    const QString message = label(wizard.get(), u"serverMessage"_s)->text();
    QVERIFY2(message.contains(u"example.test"_s), qPrintable(message));
    if (QLocale().language() != QLocale::Japanese)
        QCOMPARE(message, u"No settings found for example.test; enter them."_s);
    // The guess shows as a hint only.
    QCOMPARE(edit(wizard.get(), u"imapHostEdit"_s)->placeholderText(), u"imap.example.test"_s);
    wizard->next();
    QCOMPARE(wizard->currentId(), int(AccountWizard::ServerPage));
}

void tst_AccountWizard::discoveryCanBeCancelled()
{
    AccountWizard wizard(m_accounts.get());
    // A fetcher that never answers: discovery runs until cancelled.
    class SilentFetcher : public account::HttpsFetcher
    {
    public:
        void fetch(const QUrl &, QObject *, Callback) override { }
    };
    wizard.setDiscovery(std::make_unique<account::AutoconfigDiscovery>(std::make_unique<SilentFetcher>(),
                                                                       std::make_unique<test::FakeSrvResolver>()));
    wizard.show();
    edit(&wizard, u"addressEdit"_s)->setText(address);
    wizard.next();
    QCOMPARE(wizard.currentId(), int(AccountWizard::ServerPage));
    auto *stop = wizard.findChild<QPushButton *>(u"stopDiscoveryButton"_s);
    QVERIFY(stop->isVisible());
    QVERIFY(!wizard.button(QWizard::NextButton)->isEnabled());
    stop->click();
    QVERIFY(!stop->isVisible());
    QVERIFY(wizard.button(QWizard::NextButton)->isEnabled());
    QCOMPARE(edit(&wizard, u"loginEdit"_s)->text(), address);
}

// --- the certificate step ---------------------------------------------------------------------

void tst_AccountWizard::certificateStepCancelStoresNothing()
{
    auto wizard = wizardOnServerPage();
    QVERIFY(wizard);
    QSignalSpy question(wizard.get(), &AccountWizard::certificateQuestion);
    toTestPage(wizard.get(), password);
    QCOMPARE(wizard->testState(), AccountWizard::TestState::Certificate);
    QCOMPARE(question.count(), 1);
    const QSslCertificate certificate = m_server.serverCertificate();
    QCOMPARE(question.first().first().value<QSslCertificate>(), certificate);
    QVERIFY(wizard->findChild<QWidget *>(u"certificateBox"_s)->isVisible());
    QCOMPARE(label(wizard.get(), u"certificateSubject"_s)->text(), certificate.subjectDisplayName());
    QCOMPARE(label(wizard.get(), u"certificateIssuer"_s)->text(), certificate.issuerDisplayName());
    QCOMPARE(label(wizard.get(), u"certificateFingerprint"_s)->text(), account::TrustStore::fingerprint(certificate));
    QVERIFY(!label(wizard.get(), u"certificateSubject"_s)->text().isEmpty());
    QVERIFY(!label(wizard.get(), u"certificateValidUntil"_s)->text().isEmpty());
    QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
    saveScreenshots(wizard.get());

    wizard->findChild<QPushButton *>(u"distrustButton"_s)->click();
    QCOMPARE(wizard->testState(), AccountWizard::TestState::Failed);
    QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
    wizard->reject();
    // Nothing stored: no trust, no secret, no account, in memory or on disk.
    QVERIFY(m_accounts->trustStore()->exceptions().isEmpty());
    account::TrustStore onDisk(m_accounts->profile().trustFile());
    QVERIFY(onDisk.load());
    QVERIFY(onDisk.exceptions().isEmpty());
    QVERIFY(m_credentials->secrets.isEmpty());
    QVERIFY(m_accounts->accountManager()->accounts().isEmpty());
    QVERIFY(m_registry->accounts().isEmpty());
    QCOMPARE(profileFilesContaining(password.toUtf8()), QStringList());
}

void tst_AccountWizard::trustThenFinishSavesTheAccount()
{
    auto wizard = wizardOnServerPage();
    QVERIFY(wizard);
    toTestPage(wizard.get(), password);
    QCOMPARE(wizard->testState(), AccountWizard::TestState::Certificate);
    QSignalSpy tested(wizard.get(), &AccountWizard::connectionTested);
    wizard->findChild<QPushButton *>(u"trustButton"_s)->click();
    // Exactly this certificate, for this host and port.
    const QSslCertificate certificate = m_server.serverCertificate();
    const auto &exceptions = m_accounts->trustStore()->exceptions();
    QCOMPARE(exceptions.size(), 1);
    QCOMPARE(exceptions.first().host, u"127.0.0.1"_s);
    QCOMPARE(exceptions.first().port, m_server.imapsPort());
    QCOMPARE(exceptions.first().sha256, certificate.digest(QCryptographicHash::Sha256));
    // The test runs again, and now signs in.
    QVERIFY(tested.wait(20000));
    QCOMPARE(tested.first().first().toBool(), true);
    QCOMPARE(wizard->testState(), AccountWizard::TestState::Succeeded);
    QVERIFY(wizard->button(QWizard::FinishButton)->isEnabled());
    QVERIFY(m_credentials->secrets.isEmpty()); // not before Finish

    QSignalSpy saved(wizard.get(), &AccountWizard::saved);
    wizard->button(QWizard::FinishButton)->click();
    QVERIFY(saved.wait(10000));
    const QString id = saved.first().first().toString();
    const auto account = m_accounts->accountManager()->account(id);
    QVERIFY(account);
    QCOMPARE(account->displayName, address);
    QCOMPARE(account->primaryAddress(), address);
    QCOMPARE(account->identities.first().name, u"Alice Example"_s);
    QCOMPARE(account->imap, (account::ServerSettings{u"127.0.0.1"_s, m_server.imapsPort(), account::Security::Tls}));
    QCOMPARE(account->login, u"alice"_s);
    QCOMPARE(account->authentication.method, account::Authentication::Method::Password);
    // The password is in the credential store and in no file of the profile.
    QCOMPARE(
        m_credentials->secrets.value(account::CredentialStore::key(id, account::CredentialStore::Secret::Password)),
        password);
    QVERIFY(QFile::exists(m_accounts->profile().accountsFile()));
    QCOMPARE(profileFilesContaining(password.toUtf8()), QStringList());
    // And it runs in the window's registry, without a restart.
    QVERIFY(m_accounts->isRunning(id));
    QVERIFY(m_registry->accounts().contains(id));
}

void tst_AccountWizard::wrongPasswordSavesNothing()
{
    QVERIFY(m_accounts->trustStore()
                ->trust(test::DovecotServer::host(), m_server.imapsPort(), m_server.serverCertificate())
                .isEmpty());
    auto wizard = wizardOnServerPage();
    QVERIFY(wizard);
    toTestPage(wizard.get(), u"not-the-password"_s);
    QCOMPARE(wizard->testState(), AccountWizard::TestState::Failed);
    // The server's refusal, in words (Dovecot's own text), with the way back.
    const QString message = wizard->testMessage();
    QVERIFY2(message.contains(u"Authentication failed"_s, Qt::CaseInsensitive), qPrintable(message));
    QCOMPARE(label(wizard.get(), u"testStatus"_s)->text(), message);
    QVERIFY(!wizard->button(QWizard::FinishButton)->isEnabled());
    QVERIFY(wizard->findChild<QPushButton *>(u"retryButton"_s)->isVisible());
    // Back keeps what was typed.
    wizard->back();
    QCOMPARE(wizard->currentId(), int(AccountWizard::SignInPage));
    QCOMPARE(edit(wizard.get(), u"passwordEdit"_s)->text(), u"not-the-password"_s);
    wizard->reject();
    QVERIFY(m_accounts->accountManager()->accounts().isEmpty());
    QVERIFY(m_credentials->secrets.isEmpty());
    QVERIFY(!QFile::exists(m_accounts->profile().accountsFile()));
}

// --- the settings dialog ----------------------------------------------------------------------

void tst_AccountWizard::settingsDialogEditsAnAccount()
{
    const QString id = addReadyAccount(u"Work"_s);
    QVERIFY(!id.isEmpty());
    QVERIFY(m_accounts->startAccount(id));
    ui::AccountSettingsDialog dialog(m_accounts.get());
    dialog.show();
    auto *list = dialog.findChild<QListWidget *>(u"accountList"_s);
    QCOMPARE(list->count(), 1);
    dialog.selectAccount(id);
    AccountWizard *wizard = dialog.editAccount(id);
    QVERIFY(wizard);
    QVERIFY(wizard->isEditing());
    QCOMPARE(edit(wizard, u"accountNameEdit"_s)->text(), u"Work"_s);
    edit(wizard, u"accountNameEdit"_s)->setText(u"Office"_s);
    wizard->next();
    QCOMPARE(wizard->currentId(), int(AccountWizard::ServerPage));
    QCOMPARE(edit(wizard, u"imapPortEdit"_s)->text(), QString::number(m_server.imapsPort()));
    wizard->next();
    QCOMPARE(wizard->currentId(), int(AccountWizard::SignInPage));
    // The saved password stays; nothing about the server changed, so no test is needed.
    QVERIFY(edit(wizard, u"passwordEdit"_s)->text().isEmpty());
    QCOMPARE(wizard->nextId(), -1);
    // A changed password would be tested first.
    edit(wizard, u"passwordEdit"_s)->setText(u"other"_s);
    QCOMPARE(wizard->nextId(), int(AccountWizard::TestPage));
    edit(wizard, u"passwordEdit"_s)->clear();
    QSignalSpy saved(wizard, &AccountWizard::saved);
    QVERIFY(wizard->button(QWizard::FinishButton)->isVisible());
    wizard->button(QWizard::FinishButton)->click();
    // Without a new password nothing waits for the keychain: saved at once.
    QTRY_COMPARE(saved.count(), 1);
    QCOMPARE(m_accounts->accountManager()->account(id)->displayName, u"Office"_s);
    account::AccountManager onDisk(m_accounts->profile().accountsFile());
    QVERIFY(onDisk.load());
    QCOMPARE(onDisk.account(id)->displayName, u"Office"_s);
    QTRY_COMPARE(list->item(0)->text().startsWith(u"Office"_s), true);
    QCOMPARE(
        m_credentials->secrets.value(account::CredentialStore::key(id, account::CredentialStore::Secret::Password)),
        password);
    QVERIFY(m_accounts->isRunning(id)); // restarted with the new settings
    QCOMPARE(m_registry->engine(id)->account().displayName, u"Office"_s);
}

void tst_AccountWizard::settingsDialogRemovesAnAccount()
{
    const QString keep = addReadyAccount(u"Home"_s);
    QVERIFY(!keep.isEmpty());
    account::Account other = *m_accounts->accountManager()->account(keep);
    const QString id = addReadyAccount(u"Work"_s);
    QVERIFY(!id.isEmpty());
    QVERIFY(m_accounts->startAccount(id));
    const QString cache = m_accounts->profile().accountDataDirectory(id);
    QTRY_VERIFY_WITH_TIMEOUT(QDir(cache).exists(), 10000);
    ui::AccountSettingsDialog dialog(m_accounts.get());
    dialog.show();
    dialog.removeAccount(id);
    auto *box = dialog.findChild<QMessageBox *>(u"removeQuestion"_s);
    QVERIFY(box);
    QVERIFY2(box->text().contains(u"Work"_s), qPrintable(box->text())); // names the account
    QSignalSpy removed(&dialog, &ui::AccountSettingsDialog::accountRemoved);
    box->button(QMessageBox::Yes)->click();
    QVERIFY(removed.wait(10000));
    QCOMPARE(removed.first().first().toString(), id);
    QVERIFY(!m_accounts->accountManager()->account(id));
    QVERIFY(!m_accounts->isRunning(id));
    QVERIFY(!m_registry->accounts().contains(id));
    QVERIFY(!m_credentials->secrets.contains(
        account::CredentialStore::key(id, account::CredentialStore::Secret::Password)));
    QVERIFY(!QDir(cache).exists());
    // The other account is untouched.
    QCOMPARE(*m_accounts->accountManager()->account(keep), other);
    QVERIFY(m_credentials->secrets.contains(
        account::CredentialStore::key(keep, account::CredentialStore::Secret::Password)));
    QCOMPARE(dialog.findChild<QListWidget *>(u"accountList"_s)->count(), 1);
}

void tst_AccountWizard::firstStartOpensTheWizard()
{
    QSettings settings(m_dir->filePath(u"window.ini"_s), QSettings::IniFormat);
    {
        MainWindow window(&settings, m_registry.get());
        window.setAccountsController(m_accounts.get());
        window.show();
        QVERIFY(window.findChild<QAction *>(u"addAccountAction"_s));
        QVERIFY(window.findChild<QAction *>(u"accountsAction"_s));
        AccountWizard *wizard = window.offerAccountSetup();
        QVERIFY(wizard);
        QVERIFY(wizard->isVisible());
        QCOMPARE(wizard->currentId(), int(AccountWizard::IdentityPage));
        // Cancelled: the empty window stays, and File → Add Account… opens the wizard again.
        wizard->reject();
        QTRY_VERIFY(!window.findChild<AccountWizard *>());
        QVERIFY(window.isVisible());
        window.findChild<QAction *>(u"addAccountAction"_s)->trigger();
        QVERIFY(window.findChild<AccountWizard *>());
    }
    // With an account, a start opens no wizard.
    QVERIFY(!addReadyAccount(u"Work"_s).isEmpty());
    MainWindow window(&settings, m_registry.get());
    window.setAccountsController(m_accounts.get());
    QVERIFY(!window.offerAccountSetup());
    // A window without the controller has neither action.
    MainWindow bare(&settings);
    QVERIFY(!bare.findChild<QAction *>(u"addAccountAction"_s));
}

void tst_AccountWizard::oauthSignInKeepsTheTokenInTheKeychainOnly()
{
    test::LocalAuthorizationServer authorization;
    QVERIFY(authorization.start());
    const account::OAuthProvider provider = authorization.provider();
    // The provider comes from the profile's provider file, as a user's own would.
    const QJsonObject entry{{u"id"_s, u"localtest"_s},
                            {u"displayName"_s, u"Local Test"_s},
                            {u"authorizationUrl"_s, provider.authorizationUrl.toString()},
                            {u"tokenUrl"_s, provider.tokenUrl.toString()},
                            {u"clientId"_s, provider.clientId},
                            {u"scopes"_s, QJsonArray::fromStringList(provider.scopes)}};
    QVERIFY(QDir().mkpath(m_accounts->profile().configDirectory()));
    QFile file(QDir(m_accounts->profile().configDirectory()).filePath(u"oauth-providers.json"_s));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write(QJsonDocument(QJsonObject{{u"providers"_s, QJsonArray{entry}}}).toJson());
    file.close();

    auto wizard = wizardOnServerPage();
    QVERIFY(wizard);
    // The browser: follows the authorization page's redirect to the wizard's loopback listener.
    QNetworkAccessManager browser;
    int opened = 0;
    wizard->setBrowserOpener([&browser, &opened](const QUrl &url) {
        ++opened;
        QNetworkRequest request(url);
        request.setAttribute(QNetworkRequest::RedirectPolicyAttribute, QNetworkRequest::ManualRedirectPolicy);
        QNetworkReply *reply = browser.get(request);
        QObject::connect(reply, &QNetworkReply::finished, &browser, [&browser, reply] {
            reply->deleteLater();
            const QUrl location = reply->header(QNetworkRequest::LocationHeader).toUrl();
            if (!location.isEmpty())
                connect(browser.get(QNetworkRequest(location)), &QNetworkReply::finished, &browser, [] {});
        });
        return true;
    });
    wizard->next();
    QCOMPARE(wizard->currentId(), int(AccountWizard::SignInPage));
    auto *radio = wizard->findChild<QRadioButton *>(u"oauthRadio-localtest"_s);
    QVERIFY(radio);
    radio->click();
    wizard->findChild<QPushButton *>(u"signInButton"_s)->click();
    QTRY_COMPARE_WITH_TIMEOUT(opened, 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(label(wizard.get(), u"signInStatus"_s)->text().contains(u"Local Test"_s), 20000);
    QVERIFY(label(wizard.get(), u"signInError"_s)->text().isEmpty());
    QCOMPARE(wizard->account().authentication.oauthProvider, u"localtest"_s);

    // The refresh token is in the keychain, under the new account, and in no file.
    QString token;
    for (auto it = m_credentials->secrets.cbegin(); it != m_credentials->secrets.cend(); ++it) {
        if (it.key()
            == account::CredentialStore::key(wizard->account().id, account::CredentialStore::Secret::OAuthRefreshToken))
            token = it.value();
    }
    QVERIFY(!token.isEmpty());
    QVERIFY(authorization.isValidRefreshToken(token));
    QCOMPARE(profileFilesContaining(token.toUtf8()), QStringList());

    // The user chooses a password after all: the token from the sign-in does not stay behind.
    QVERIFY(m_accounts->trustStore()
                ->trust(test::DovecotServer::host(), m_server.imapsPort(), m_server.serverCertificate())
                .isEmpty());
    wizard->findChild<QRadioButton *>(u"passwordRadio"_s)->click();
    edit(wizard.get(), u"passwordEdit"_s)->setText(password);
    wizard->next();
    QCOMPARE(wizard->currentId(), int(AccountWizard::TestPage));
    QTRY_COMPARE_WITH_TIMEOUT(wizard->testState(), AccountWizard::TestState::Succeeded, 20000);
    QSignalSpy saved(wizard.get(), &AccountWizard::saved);
    wizard->button(QWizard::FinishButton)->click();
    QVERIFY(saved.wait(10000));
    const QString id = saved.first().first().toString();
    QTRY_VERIFY(!m_credentials->secrets.contains(
        account::CredentialStore::key(id, account::CredentialStore::Secret::OAuthRefreshToken)));
    QCOMPARE(
        m_credentials->secrets.value(account::CredentialStore::key(id, account::CredentialStore::Secret::Password)),
        password);
}

QTEST_MAIN(tst_AccountWizard)
#include "tst_AccountWizard.moc"
