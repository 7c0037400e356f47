// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/AccountWizard.h"

#include "account/AccountManager.h"
#include "account/AutoconfigDiscovery.h"
#include "account/CredentialStore.h"
#include "account/HostName.h"
#include "account/OAuthProviders.h"
#include "account/OAuthSignIn.h"
#include "account/OAuthTokenSource.h"
#include "account/TrustStore.h"
#include "ui/AccountsController.h"
#include "ui/CertificateView.h"
#include "ui/PendingPasswordStore.h"

#include <QButtonGroup>
#include <QColor>
#include <QComboBox>
#include <QDesktopServices>
#include <QEvent>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QRadioButton>
#include <QVBoxLayout>
#include <QWizardPage>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace fumi::ui {

namespace {

using account::Security;

// A page whose Next or Finish button follows a condition the wizard decides.
class StepPage : public QWizardPage
{
public:
    explicit StepPage(std::function<bool()> complete)
        : m_complete(std::move(complete))
    {
    }
    [[nodiscard]] bool isComplete() const override { return m_complete(); }
    void refresh() { Q_EMIT completeChanged(); }

private:
    std::function<bool()> m_complete;
};

QLabel *errorLabel(QWidget *parent, const QString &name)
{
    auto *label = new QLabel(parent);
    label->setObjectName(name);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    QPalette palette = label->palette();
    palette.setColor(QPalette::WindowText, QColor(0xb0, 0x00, 0x20));
    label->setPalette(palette);
    label->hide();
    return label;
}

void showError(QLabel *label, const QString &text)
{
    label->setText(text);
    label->setVisible(!text.isEmpty());
}

QLineEdit *lineEdit(QWidget *parent, const QString &name)
{
    auto *edit = new QLineEdit(parent);
    edit->setObjectName(name);
    return edit;
}

QComboBox *securityBox(QWidget *parent, const QString &name)
{
    auto *box = new QComboBox(parent);
    box->setObjectName(name);
    for (const Security security : {Security::Tls, Security::StartTls, Security::Plain})
        box->addItem(QString(), int(security));
    return box;
}

Security securityOf(const QComboBox *box)
{
    return Security(box->currentData().toInt());
}

void setSecurity(QComboBox *box, Security security)
{
    box->setCurrentIndex(std::max(0, box->findData(int(security))));
}

// The port a field holds: 0 when it is not a number from 1 to 65535.
quint16 portOf(const QLineEdit *edit)
{
    bool ok = false;
    const uint port = edit->text().trimmed().toUInt(&ok);
    return ok && port >= 1 && port <= 65535 ? quint16(port) : 0;
}

QString portText(quint16 port)
{
    return port ? QString::number(port) : QString();
}

// When the user switches between TLS and STARTTLS, a port that was the old mode's default
// becomes the new mode's; a port the user typed stays.
void followSecurity(QLineEdit *port, account::Protocol protocol, Security security)
{
    const QString text = port->text().trimmed();
    bool isDefault = text.isEmpty();
    for (const Security other : {Security::Tls, Security::StartTls, Security::Plain})
        isDefault = isDefault || text == QString::number(account::defaultPort(protocol, other));
    if (isDefault)
        port->setText(QString::number(account::defaultPort(protocol, security)));
}

} // namespace

AccountWizard::AccountWizard(AccountsController *accounts, QWidget *parent)
    : QWizard(parent)
    , m_accounts(accounts)
{
    m_original.id = account::newAccountId();
    createPages();
    retranslate();
}

AccountWizard::AccountWizard(AccountsController *accounts, const QString &accountId, QWidget *parent)
    : QWizard(parent)
    , m_accounts(accounts)
    , m_editing(true)
{
    if (const auto existing = accounts->accountManager()->account(accountId))
        m_original = *existing;
    else
        m_original.id = accountId;
    createPages();
    fillFrom(m_original);
    retranslate();
}

AccountWizard::~AccountWizard()
{
    // Each test uses its run's password store: tests first. One abandoned by abandonTest()
    // and not yet deleted goes as this object's child.
    for (auto &run : m_runs)
        run->test.reset();
}

void AccountWizard::setDiscovery(std::unique_ptr<account::AutoconfigDiscovery> discovery)
{
    m_discovery = std::move(discovery);
}

void AccountWizard::setBrowserOpener(std::function<bool(const QUrl &)> open)
{
    m_openBrowser = std::move(open);
}

// --- the pages ------------------------------------------------------------------------------

void AccountWizard::createPages()
{
    setObjectName(u"accountWizard"_s);
    setOption(QWizard::NoBackButtonOnStartPage);
    setWizardStyle(QWizard::ClassicStyle);
    setMinimumSize(720, 520);

    // 1. who
    auto *identity = new StepPage([] {
        return true;
    });
    auto *identityForm = new QFormLayout;
    m_nameLabel = new QLabel(identity);
    m_nameEdit = lineEdit(identity, u"nameEdit"_s);
    m_addressLabel = new QLabel(identity);
    m_addressEdit = lineEdit(identity, u"addressEdit"_s);
    m_accountNameLabel = new QLabel(identity);
    m_accountNameEdit = lineEdit(identity, u"accountNameEdit"_s);
    identityForm->addRow(m_nameLabel, m_nameEdit);
    identityForm->addRow(m_addressLabel, m_addressEdit);
    identityForm->addRow(m_accountNameLabel, m_accountNameEdit);
    m_identityError = errorLabel(identity, u"identityError"_s);
    auto *identityLayout = new QVBoxLayout(identity);
    identityLayout->addLayout(identityForm);
    identityLayout->addWidget(m_identityError);
    identityLayout->addStretch();
    for (QLineEdit *edit : {m_nameEdit, m_addressEdit, m_accountNameEdit}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            showError(m_identityError, {});
        });
    }
    connect(m_addressEdit, &QLineEdit::textChanged, this, [this](const QString &text) {
        m_accountNameEdit->setPlaceholderText(text.trimmed());
    });
    setPage(IdentityPage, identity);

    // 2. servers
    auto *servers = new StepPage([this] {
        return !m_discovering;
    });
    m_discoveryLabel = new QLabel(servers);
    m_discoveryLabel->setObjectName(u"discoveryLabel"_s);
    m_discoveryProgress = new QProgressBar(servers);
    m_discoveryProgress->setObjectName(u"discoveryProgress"_s);
    m_discoveryProgress->setRange(0, 0);
    m_discoveryProgress->setTextVisible(false);
    m_stopDiscoveryButton = new QPushButton(servers);
    m_stopDiscoveryButton->setObjectName(u"stopDiscoveryButton"_s);
    connect(m_stopDiscoveryButton, &QPushButton::clicked, this, &AccountWizard::stopDiscovery);
    auto *busy = new QHBoxLayout;
    busy->addWidget(m_discoveryProgress, 1);
    busy->addWidget(m_stopDiscoveryButton);
    m_serverMessage = new QLabel(servers);
    m_serverMessage->setObjectName(u"serverMessage"_s);
    m_serverMessage->setWordWrap(true);
    m_serverMessage->setTextFormat(Qt::PlainText);

    m_imapTitle = new QLabel(servers);
    m_imapHostLabel = new QLabel(servers);
    m_imapHostEdit = lineEdit(servers, u"imapHostEdit"_s);
    m_imapPortLabel = new QLabel(servers);
    m_imapPortEdit = lineEdit(servers, u"imapPortEdit"_s);
    m_imapPortEdit->setMaximumWidth(90);
    m_imapSecurityLabel = new QLabel(servers);
    m_imapSecurityBox = securityBox(servers, u"imapSecurityBox"_s);
    m_loginLabel = new QLabel(servers);
    m_loginEdit = lineEdit(servers, u"loginEdit"_s);
    m_smtpTitle = new QLabel(servers);
    m_smtpHostLabel = new QLabel(servers);
    m_smtpHostEdit = lineEdit(servers, u"smtpHostEdit"_s);
    m_smtpPortLabel = new QLabel(servers);
    m_smtpPortEdit = lineEdit(servers, u"smtpPortEdit"_s);
    m_smtpPortEdit->setMaximumWidth(90);
    m_smtpSecurityLabel = new QLabel(servers);
    m_smtpSecurityBox = securityBox(servers, u"smtpSecurityBox"_s);
    for (QLabel *title : {m_imapTitle, m_smtpTitle}) {
        QFont bold = title->font();
        bold.setBold(true);
        title->setFont(bold);
    }
    const auto serverRow
        = [](QLineEdit *host, QLabel *portLabel, QLineEdit *port, QLabel *securityLabel, QComboBox *security) {
              auto *row = new QHBoxLayout;
              row->addWidget(host, 1);
              row->addWidget(portLabel);
              row->addWidget(port);
              row->addWidget(securityLabel);
              row->addWidget(security);
              return row;
          };
    auto *serverForm = new QFormLayout;
    serverForm->addRow(m_imapTitle);
    serverForm->addRow(
        m_imapHostLabel,
        serverRow(m_imapHostEdit, m_imapPortLabel, m_imapPortEdit, m_imapSecurityLabel, m_imapSecurityBox));
    serverForm->addRow(m_loginLabel, m_loginEdit);
    serverForm->addRow(m_smtpTitle);
    serverForm->addRow(
        m_smtpHostLabel,
        serverRow(m_smtpHostEdit, m_smtpPortLabel, m_smtpPortEdit, m_smtpSecurityLabel, m_smtpSecurityBox));
    m_plainWarning = errorLabel(servers, u"plainWarning"_s);
    m_serverError = errorLabel(servers, u"serverError"_s);
    auto *serverLayout = new QVBoxLayout(servers);
    serverLayout->addWidget(m_discoveryLabel);
    serverLayout->addLayout(busy);
    serverLayout->addWidget(m_serverMessage);
    serverLayout->addLayout(serverForm);
    serverLayout->addWidget(m_plainWarning);
    serverLayout->addWidget(m_serverError);
    serverLayout->addStretch();
    m_discoveryLabel->hide();
    m_discoveryProgress->hide();
    m_stopDiscoveryButton->hide();
    connect(m_imapSecurityBox, &QComboBox::activated, this, [this] {
        followSecurity(m_imapPortEdit, account::Protocol::Imap, securityOf(m_imapSecurityBox));
        updatePlainWarning();
    });
    connect(m_smtpSecurityBox, &QComboBox::activated, this, [this] {
        if (!m_smtpHostEdit->text().trimmed().isEmpty())
            followSecurity(m_smtpPortEdit, account::Protocol::Submission, securityOf(m_smtpSecurityBox));
        updatePlainWarning();
    });
    for (QLineEdit *edit : {m_imapHostEdit, m_imapPortEdit, m_loginEdit, m_smtpHostEdit, m_smtpPortEdit}) {
        connect(edit, &QLineEdit::textEdited, this, [this] {
            showError(m_serverError, {});
            updatePlainWarning();
        });
    }
    setPage(ServerPage, servers);

    // 3. sign-in
    auto *signIn = new StepPage([this] {
        return validateSignIn().isEmpty();
    });
    auto *methods = new QButtonGroup(signIn);
    m_passwordRadio = new QRadioButton(signIn);
    m_passwordRadio->setObjectName(u"passwordRadio"_s);
    m_passwordRadio->setChecked(true);
    m_passwordEdit = lineEdit(signIn, u"passwordEdit"_s);
    m_passwordEdit->setEchoMode(QLineEdit::Password);
    m_commandRadio = new QRadioButton(signIn);
    m_commandRadio->setObjectName(u"commandRadio"_s);
    m_commandEdit = lineEdit(signIn, u"commandEdit"_s);
    methods->addButton(m_passwordRadio);
    methods->addButton(m_commandRadio);
    auto *signInLayout = new QVBoxLayout(signIn);
    signInLayout->addWidget(m_passwordRadio);
    signInLayout->addWidget(m_passwordEdit);
    signInLayout->addWidget(m_commandRadio);
    signInLayout->addWidget(m_commandEdit);
    // Read once: the sign-in and the connection test use the same providers as these buttons.
    QString providersError;
    m_providers = account::OAuthProviders::load(m_accounts->profile().configDirectory(), &providersError);
    for (const account::OAuthProvider &provider : m_providers.all()) {
        // A provider without a client id (none set at build time) cannot be used: not offered.
        if (!account::validate(provider).isEmpty())
            continue;
        auto *radio = new QRadioButton(signIn);
        radio->setObjectName(u"oauthRadio-"_s + provider.id);
        radio->setProperty("provider", provider.id);
        radio->setProperty("providerName", provider.displayName);
        methods->addButton(radio);
        signInLayout->addWidget(radio);
        m_providerRadios << radio;
    }
    m_signInButton = new QPushButton(signIn);
    m_signInButton->setObjectName(u"signInButton"_s);
    m_signInStatus = new QLabel(signIn);
    m_signInStatus->setObjectName(u"signInStatus"_s);
    m_signInStatus->setWordWrap(true);
    m_signInStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *signInRow = new QHBoxLayout;
    signInRow->addWidget(m_signInButton);
    signInRow->addWidget(m_signInStatus, 1);
    signInLayout->addLayout(signInRow);
    m_signInError = errorLabel(signIn, u"signInError"_s);
    showError(m_signInError, providersError);
    signInLayout->addWidget(m_signInError);
    signInLayout->addStretch();
    connect(m_signInButton, &QPushButton::clicked, this, &AccountWizard::startSignIn);
    connect(methods, &QButtonGroup::buttonToggled, this, [this] {
        refreshPages();
    });
    for (QLineEdit *edit : {m_passwordEdit, m_commandEdit}) {
        connect(edit, &QLineEdit::textChanged, this, [this] {
            refreshPages();
        });
    }
    setPage(SignInPage, signIn);

    // 4. the connection test
    auto *test = new StepPage([this] {
        return m_testState == TestState::Succeeded;
    });
    m_testStatus = new QLabel(test);
    m_testStatus->setObjectName(u"testStatus"_s);
    m_testStatus->setWordWrap(true);
    m_testStatus->setTextFormat(Qt::PlainText);
    m_testStatus->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_testProgress = new QProgressBar(test);
    m_testProgress->setRange(0, 0);
    m_testProgress->setTextVisible(false);
    m_certificateBox = new QWidget(test);
    m_certificateBox->setObjectName(u"certificateBox"_s);
    m_certificateIntro = new QLabel(m_certificateBox);
    m_certificateIntro->setObjectName(u"certificateIntro"_s);
    m_certificateIntro->setWordWrap(true);
    m_certificateIntro->setTextFormat(Qt::PlainText);
    m_certificateView = new CertificateView(m_certificateBox);
    m_trustButton = new QPushButton(m_certificateBox);
    m_trustButton->setObjectName(u"trustButton"_s);
    m_distrustButton = new QPushButton(m_certificateBox);
    m_distrustButton->setObjectName(u"distrustButton"_s);
    auto *choices = new QHBoxLayout;
    choices->addStretch();
    choices->addWidget(m_distrustButton);
    choices->addWidget(m_trustButton);
    auto *certificateLayout = new QVBoxLayout(m_certificateBox);
    certificateLayout->setContentsMargins(0, 0, 0, 0);
    certificateLayout->addWidget(m_certificateIntro);
    certificateLayout->addWidget(m_certificateView);
    certificateLayout->addLayout(choices);
    m_retryButton = new QPushButton(test);
    m_retryButton->setObjectName(u"retryButton"_s);
    auto *retryRow = new QHBoxLayout;
    retryRow->addWidget(m_retryButton);
    retryRow->addStretch();
    auto *testLayout = new QVBoxLayout(test);
    testLayout->addWidget(m_testStatus);
    testLayout->addWidget(m_testProgress);
    testLayout->addWidget(m_certificateBox);
    testLayout->addLayout(retryRow);
    testLayout->addStretch();
    connect(m_trustButton, &QPushButton::clicked, this, &AccountWizard::trustCertificate);
    connect(m_distrustButton, &QPushButton::clicked, this, &AccountWizard::distrustCertificate);
    connect(m_retryButton, &QPushButton::clicked, this, &AccountWizard::runTest);
    setPage(TestPage, test);
    setTestState(TestState::NotRun, {});
}

void AccountWizard::retranslate()
{
    setWindowTitle(m_editing ? tr("Edit Account") : tr("Add Account"));
    page(IdentityPage)->setTitle(tr("Your email address"));
    page(IdentityPage)->setSubTitle(tr("Fumi finds the servers of most providers from the address."));
    page(ServerPage)->setTitle(tr("Servers"));
    page(ServerPage)->setSubTitle(tr("Where your mail is kept, and where it is sent from. Check what was found."));
    page(SignInPage)->setTitle(tr("Sign-in"));
    page(SignInPage)
        ->setSubTitle(tr("How Fumi proves that it is you. A password is kept only in the system "
                         "keychain."));
    page(TestPage)->setTitle(tr("Connection test"));
    page(TestPage)->setSubTitle(tr("Fumi connects to the server and signs in, as it will each time."));

    m_nameLabel->setText(tr("Your &name:"));
    m_nameEdit->setPlaceholderText(tr("As others see it, e.g. Alice Example"));
    m_addressLabel->setText(tr("&Email address:"));
    m_accountNameLabel->setText(tr("&Account name:"));
    m_nameLabel->setBuddy(m_nameEdit);
    m_addressLabel->setBuddy(m_addressEdit);
    m_accountNameLabel->setBuddy(m_accountNameEdit);

    m_stopDiscoveryButton->setText(tr("Cancel"));
    m_imapTitle->setText(tr("Incoming mail (IMAP)"));
    m_smtpTitle->setText(tr("Outgoing mail (SMTP submission, optional)"));
    for (QLabel *label : {m_imapHostLabel, m_smtpHostLabel})
        label->setText(tr("Server:"));
    for (QLabel *label : {m_imapPortLabel, m_smtpPortLabel})
        label->setText(tr("Port:"));
    for (QLabel *label : {m_imapSecurityLabel, m_smtpSecurityLabel})
        label->setText(tr("Security:"));
    for (QComboBox *box : {m_imapSecurityBox, m_smtpSecurityBox}) {
        box->setItemText(box->findData(int(Security::Tls)), tr("SSL/TLS"));
        box->setItemText(box->findData(int(Security::StartTls)), tr("STARTTLS"));
        box->setItemText(box->findData(int(Security::Plain)), tr("None (this computer only)"));
    }
    m_loginLabel->setText(tr("&User name:"));
    m_loginLabel->setBuddy(m_loginEdit);
    m_serverMessage->setText(m_serverNote);
    updatePlainWarning();

    m_passwordRadio->setText(tr("&Password"));
    m_passwordEdit->setPlaceholderText(
        m_editing && m_original.authentication.method == account::Authentication::Method::Password
            ? tr("Leave empty to keep the saved password")
            : QString());
    m_commandRadio->setText(tr("Run a &command that prints the password (nothing is stored)"));
    m_commandEdit->setPlaceholderText(tr("e.g. pass show mail/work"));
    for (QRadioButton *radio : std::as_const(m_providerRadios))
        radio->setText(tr("Sign in with %1").arg(radio->property("providerName").toString()));
    m_signInButton->setText(tr("Sign In in the Browser…"));

    m_trustButton->setText(tr("&Trust This Certificate"));
    m_distrustButton->setText(tr("Cancel"));
    m_retryButton->setText(tr("Test &Again"));
    refreshPages();
}

void AccountWizard::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWizard::changeEvent(event);
}

void AccountWizard::fillFrom(const account::Account &account)
{
    if (!account.identities.isEmpty()) {
        m_nameEdit->setText(account.identities.first().name);
        m_addressEdit->setText(account.identities.first().address);
    }
    m_accountNameEdit->setText(account.displayName);
    m_discoveredFor = account.primaryAddress(); // an edit starts from the saved servers
    m_imapHostEdit->setText(account.imap.host);
    m_imapPortEdit->setText(portText(account.imap.port));
    setSecurity(m_imapSecurityBox, account.imap.security);
    m_loginEdit->setText(account.login);
    m_smtpHostEdit->setText(account.smtp.host);
    m_smtpPortEdit->setText(portText(account.smtp.port));
    setSecurity(m_smtpSecurityBox, account.smtp.security);
    switch (account.authentication.method) {
    case account::Authentication::Method::Password:
        m_passwordRadio->setChecked(true);
        break;
    case account::Authentication::Method::PasswordCommand:
        m_commandRadio->setChecked(true);
        m_commandEdit->setText(account.authentication.passwordCommand);
        break;
    case account::Authentication::Method::OAuth2:
        for (QRadioButton *radio : std::as_const(m_providerRadios)) {
            if (radio->property("provider").toString() == account.authentication.oauthProvider)
                radio->setChecked(true);
        }
        break;
    }
}

account::Account AccountWizard::account() const
{
    account::Account result = m_original;
    const QString address = m_addressEdit->text().trimmed();
    result.displayName = m_accountNameEdit->text().trimmed().isEmpty() ? address : m_accountNameEdit->text().trimmed();
    if (result.identities.isEmpty())
        result.identities.append(account::Identity{});
    result.identities.first().name = m_nameEdit->text().trimmed();
    result.identities.first().address = address;
    result.imap = {m_imapHostEdit->text().trimmed(), portOf(m_imapPortEdit), securityOf(m_imapSecurityBox)};
    result.smtp = m_smtpHostEdit->text().trimmed().isEmpty()
        ? account::ServerSettings{}
        : account::ServerSettings{m_smtpHostEdit->text().trimmed(), portOf(m_smtpPortEdit),
                                  securityOf(m_smtpSecurityBox)};
    result.login = m_loginEdit->text().trimmed();
    if (m_passwordRadio->isChecked()) {
        result.authentication = {account::Authentication::Method::Password, {}, {}};
    } else if (m_commandRadio->isChecked()) {
        result.authentication = {account::Authentication::Method::PasswordCommand, m_commandEdit->text().trimmed(), {}};
    } else {
        for (QRadioButton *radio : m_providerRadios) {
            if (radio->isChecked())
                result.authentication
                    = {account::Authentication::Method::OAuth2, {}, radio->property("provider").toString()};
        }
    }
    return result;
}

QString AccountWizard::testMessage() const
{
    return m_testMessage;
}

void AccountWizard::refreshPages()
{
    for (const int id : pageIds())
        static_cast<StepPage *>(page(id))->refresh();
    bool oauth = false;
    for (QRadioButton *radio : std::as_const(m_providerRadios))
        oauth = oauth || radio->isChecked();
    m_passwordEdit->setEnabled(m_passwordRadio->isChecked());
    m_commandEdit->setEnabled(m_commandRadio->isChecked());
    m_signInButton->setVisible(oauth);
    m_signInStatus->setVisible(oauth);
}

// --- navigation -----------------------------------------------------------------------------

int AccountWizard::nextId() const
{
    switch (currentId()) {
    case IdentityPage:
        return ServerPage;
    case ServerPage:
        return SignInPage;
    case SignInPage:
        return needsTest() ? int(TestPage) : -1;
    default:
        return -1;
    }
}

bool AccountWizard::needsTest() const
{
    if (!m_editing)
        return true;
    const account::Account now = account();
    return now.imap != m_original.imap || now.login != m_original.login
        || now.authentication != m_original.authentication || !m_passwordEdit->text().isEmpty()
        || (!m_signedInWith.isEmpty());
}

bool AccountWizard::validateCurrentPage()
{
    switch (currentId()) {
    case IdentityPage: {
        const QString error = validateIdentity();
        showError(m_identityError, error);
        return error.isEmpty();
    }
    case ServerPage: {
        const QString error = m_discovering ? tr("Wait for the search to end, or cancel it.") : validateServers();
        showError(m_serverError, error);
        return error.isEmpty();
    }
    case SignInPage: {
        const QString error = validateSignIn();
        showError(m_signInError, error);
        return error.isEmpty();
    }
    case TestPage:
        return m_testState == TestState::Succeeded;
    }
    return true;
}

QString AccountWizard::validateIdentity() const
{
    const auto address = account::AutoconfigDiscovery::parseAddress(m_addressEdit->text());
    if (m_addressEdit->text().trimmed().isEmpty())
        return tr("Enter your email address.");
    if (!address.ok())
        return tr("\"%1\" is not an email address: %2").arg(m_addressEdit->text().trimmed(), address.error);
    const QString name = account().displayName;
    const auto existing = m_accounts->accountManager()->find(name);
    if (existing && existing->id != m_original.id)
        return tr("You have an account named \"%1\" already; choose another account name.").arg(name);
    return {};
}

QString AccountWizard::validateServers() const
{
    QStringList problems;
    const QString imapHost = m_imapHostEdit->text().trimmed();
    // As discovery's hosts are checked: no space, slash, '@' or empty label reaches a connection.
    if (imapHost.isEmpty())
        problems << tr("Enter the IMAP server's name.");
    else if (!account::normalizeHostName(imapHost))
        problems << tr("\"%1\" is not a server name.").arg(imapHost);
    if (!portOf(m_imapPortEdit))
        problems << tr("The IMAP port must be a number from 1 to 65535.");
    if (m_loginEdit->text().trimmed().isEmpty())
        problems << tr("Enter the user name.");
    const QString smtpHost = m_smtpHostEdit->text().trimmed();
    if (!smtpHost.isEmpty() && !account::normalizeHostName(smtpHost))
        problems << tr("\"%1\" is not a server name.").arg(smtpHost);
    if (!smtpHost.isEmpty() && !portOf(m_smtpPortEdit))
        problems << tr("The SMTP port must be a number from 1 to 65535.");
    const auto plainRemote = [](const QString &host, Security security) {
        return !host.isEmpty() && security == Security::Plain && !account::isLoopbackHost(host);
    };
    if (plainRemote(imapHost, securityOf(m_imapSecurityBox)) || plainRemote(smtpHost, securityOf(m_smtpSecurityBox)))
        problems << tr("A connection without encryption is only allowed to this computer; choose SSL/TLS or "
                       "STARTTLS.");
    return problems.join(u'\n');
}

QString AccountWizard::validateSignIn() const
{
    if (m_passwordRadio->isChecked()) {
        const bool keep = m_editing && m_original.authentication.method == account::Authentication::Method::Password;
        if (m_passwordEdit->text().isEmpty() && !keep)
            return tr("Enter your password.");
        return {};
    }
    if (m_commandRadio->isChecked())
        return m_commandEdit->text().trimmed().isEmpty() ? tr("Enter the command that prints the password.")
                                                         : QString();
    const QString provider = account().authentication.oauthProvider;
    const bool unchanged = m_editing && m_original.authentication.oauthProvider == provider;
    if (m_signedInWith != provider && !unchanged)
        return tr("Sign in with the browser first.");
    return {};
}

void AccountWizard::updatePlainWarning()
{
    const bool plain = securityOf(m_imapSecurityBox) == Security::Plain
        || (!m_smtpHostEdit->text().trimmed().isEmpty() && securityOf(m_smtpSecurityBox) == Security::Plain);
    showError(m_plainWarning,
              plain ? tr("Warning: without encryption, your password and your mail cross the connection in clear "
                         "text. Use this only for a server on this computer.")
                    : QString());
}

void AccountWizard::initializePage(int id)
{
    QWizard::initializePage(id);
    if (id == ServerPage) {
        const QString address = m_addressEdit->text().trimmed();
        if (address != m_discoveredFor)
            startDiscovery();
    } else if (id == TestPage) {
        runTest();
    }
}

void AccountWizard::cleanupPage(int id)
{
    // Going Back leaves the fields as the user left them (no QWizard reset to the defaults).
    if (id == TestPage)
        abandonTest();
}

// --- discovery ------------------------------------------------------------------------------

void AccountWizard::startDiscovery()
{
    if (!m_discovery)
        m_discovery = std::make_unique<account::AutoconfigDiscovery>();
    m_discovery->disconnect(this);
    connect(m_discovery.get(), &account::AutoconfigDiscovery::finished, this,
            [this](const account::DiscoveryResult &result) {
                if (!m_discovering)
                    return; // cancelled
                applyDiscovery(result);
            });
    const auto address = account::AutoconfigDiscovery::parseAddress(m_addressEdit->text());
    m_discovering = true;
    m_discoveredFor = m_addressEdit->text().trimmed();
    m_serverNote.clear();
    m_serverMessage->clear();
    m_discoveryLabel->setText(tr("Looking up the settings for %1…").arg(address.domain));
    m_discoveryLabel->show();
    m_discoveryProgress->show();
    m_stopDiscoveryButton->show();
    refreshPages();
    m_discovery->discover(m_discoveredFor);
}

void AccountWizard::stopDiscovery()
{
    if (!m_discovering)
        return;
    m_discovering = false;
    m_discoveryLabel->hide();
    m_discoveryProgress->hide();
    m_stopDiscoveryButton->hide();
    m_serverNote = tr("The search was cancelled; enter the settings.");
    m_serverMessage->setText(m_serverNote);
    if (m_loginEdit->text().isEmpty())
        m_loginEdit->setText(m_discoveredFor);
    refreshPages();
}

void AccountWizard::applyDiscovery(const account::DiscoveryResult &result)
{
    m_discovering = false;
    m_discoveryLabel->hide();
    m_discoveryProgress->hide();
    m_stopDiscoveryButton->hide();
    // Guesses are not findings: they fill no field, but the first shows as a hint.
    const auto stated = [](const QList<account::ServerCandidate> &candidates) {
        const auto found = std::find_if(candidates.begin(), candidates.end(), [](const account::ServerCandidate &c) {
            return c.verified;
        });
        return found == candidates.end() ? std::nullopt : std::optional(*found);
    };
    const auto imap = stated(result.imap);
    const auto smtp = stated(result.smtp);
    m_imapHostEdit->setPlaceholderText(result.imap.isEmpty() ? QString() : result.imap.first().host);
    m_smtpHostEdit->setPlaceholderText(result.smtp.isEmpty() ? QString() : result.smtp.first().host);
    if (imap) {
        m_imapHostEdit->setText(imap->host);
        m_imapPortEdit->setText(portText(imap->port));
        setSecurity(m_imapSecurityBox, imap->security);
        m_loginEdit->setText(imap->login.isEmpty() ? m_discoveredFor : imap->login);
        m_serverNote = result.displayName.isEmpty()
            ? tr("Settings found for %1. Check them, then continue.").arg(result.domain)
            : tr("Settings found for %1 (%2). Check them, then continue.").arg(result.domain, result.displayName);
    } else {
        m_imapHostEdit->clear();
        m_imapPortEdit->clear();
        setSecurity(m_imapSecurityBox, Security::Tls);
        m_loginEdit->setText(m_discoveredFor);
        m_serverNote = tr("No settings found for %1; enter them.").arg(result.ok() ? result.domain : m_discoveredFor);
    }
    if (smtp) {
        m_smtpHostEdit->setText(smtp->host);
        m_smtpPortEdit->setText(portText(smtp->port));
        setSecurity(m_smtpSecurityBox, smtp->security);
    } else {
        m_smtpHostEdit->clear();
        m_smtpPortEdit->clear();
        setSecurity(m_smtpSecurityBox, Security::Tls);
    }
    m_serverMessage->setText(m_serverNote);
    updatePlainWarning();
    refreshPages();
    Q_EMIT discoveryFinished();
}

// --- OAuth2 ---------------------------------------------------------------------------------

void AccountWizard::startSignIn()
{
    const QString providerId = account().authentication.oauthProvider;
    const auto provider = m_providers.find(providerId);
    if (!provider)
        return; // only providers of m_providers have a button
    if (m_signIn) {
        // The old sign-in says nothing more: its failed() for the cancel would come later, from
        // the event loop, and take the new one for its own.
        m_signIn->disconnect(this);
        m_signIn->cancel();
        m_signIn->deleteLater();
    }
    m_signedInWith.clear();
    auto *signIn = new account::OAuthSignIn(*provider, m_accounts->credentials(), m_original.id,
                                            m_addressEdit->text().trimmed(), this);
    m_signIn = signIn;
    const QString name = provider->displayName;
    connect(signIn, &account::OAuthSignIn::openBrowser, this, [this](const QUrl &url) {
        const bool opened = m_openBrowser ? m_openBrowser(url) : QDesktopServices::openUrl(url);
        m_signInStatus->setText(
            opened ? tr("Waiting for the browser…")
                   : tr("Open this address in your browser: %1").arg(url.toString(QUrl::FullyEncoded)));
    });
    connect(signIn, &account::OAuthSignIn::succeeded, this, [this, signIn, providerId, name] {
        m_signedInWith = providerId;
        m_signInStatus->setText(tr("Signed in with %1.").arg(name));
        showError(m_signInError, {});
        signIn->deleteLater();
        m_signIn = nullptr;
        refreshPages();
    });
    connect(signIn, &account::OAuthSignIn::failed, this, [this, signIn](const QString &message) {
        m_signInStatus->clear();
        showError(m_signInError, tr("Signing in failed: %1").arg(message));
        signIn->deleteLater();
        m_signIn = nullptr;
        refreshPages();
    });
    m_signIn->start();
}

// --- the connection test --------------------------------------------------------------------

void AccountWizard::setTestState(TestState state, const QString &message)
{
    m_testState = state;
    m_testMessage = message;
    m_testStatus->setText(message);
    m_testProgress->setVisible(state == TestState::Running);
    m_certificateBox->setVisible(state == TestState::Certificate);
    m_retryButton->setVisible(state == TestState::Failed);
    static_cast<StepPage *>(page(TestPage))->refresh();
}

void AccountWizard::abandonTest()
{
    // Its answer never comes. It goes from the event loop, as this may run in a slot of its
    // own finished(); the run, with the password store it may still ask, stays till the end.
    if (!m_runs.empty() && m_runs.back()->test) {
        m_runs.back()->test->disconnect(this);
        m_runs.back()->test.release()->deleteLater();
    }
    m_refusal.reset();
    setTestState(TestState::NotRun, {});
}

void AccountWizard::runTest()
{
    abandonTest();
    const account::Account account = this->account();
    auto run = std::make_unique<TestRun>();
    account::CredentialStore *credentials = m_accounts->credentials();
    if (account.authentication.method == account::Authentication::Method::Password
        && !m_passwordEdit->text().isEmpty()) {
        run->pending = std::make_unique<PendingPasswordStore>(credentials, account.id, m_passwordEdit->text());
        credentials = run->pending.get();
    }
    std::optional<account::OAuthProvider> oauth;
    if (account.authentication.method == account::Authentication::Method::OAuth2) {
        if (const auto provider = m_providers.find(account.authentication.oauthProvider))
            oauth = *provider;
    }
    // A child too, so that one abandoned and waiting for the event loop still goes with the
    // wizard; the credential calls it queued to itself go with it.
    run->test = std::make_unique<engine::ConnectionTest>(account, *credentials, m_accounts->trustStore(), oauth, this);
    connect(run->test.get(), &engine::ConnectionTest::finished, this, &AccountWizard::onTestFinished);
    engine::ConnectionTest *test = run->test.get();
    m_runs.push_back(std::move(run));
    setTestState(TestState::Running,
                 tr("Connecting to %1…").arg(account::formatHostAndPort(account.imap.host, account.imap.port)));
    test->start();
}

void AccountWizard::onTestFinished(const engine::ConnectionTest::Outcome &outcome)
{
    using E = engine::AccountConnector::Error;
    const account::Account account = this->account();
    const QString where = account::formatHostAndPort(account.imap.host, account.imap.port);
    if (outcome.ok) {
        setTestState(
            TestState::Succeeded,
            outcome.encrypted
                ? tr("Connected to %1 and signed in as %2. Click Finish to save the account.").arg(where, account.login)
                : tr("Connected to %1 without encryption and signed in as %2. Click Finish to save the "
                     "account.")
                      .arg(where, account.login));
        Q_EMIT connectionTested(true);
        return;
    }
    const E error = outcome.error;
    const QString &message = outcome.message;
    if ((error == E::UntrustedCertificate || error == E::CertificateChanged) && outcome.refusal) {
        m_refusal = outcome.refusal;
        m_certificateView->setCertificate(m_refusal->certificate);
        m_certificateIntro->setText(
            error == E::CertificateChanged
                ? tr("The certificate of %1 is not the one you trusted before. It may have been renewed, or someone "
                     "may be intercepting the connection. Ask your provider before you trust it.")
                      .arg(where)
                : tr("This computer does not trust the certificate of %1. If it is your own server, or your "
                     "provider gave you this fingerprint, you can trust exactly this certificate for %1.")
                      .arg(where));
        setTestState(TestState::Certificate, tr("The server's certificate needs your decision."));
        Q_EMIT certificateQuestion(m_refusal->certificate);
        return;
    }
    QString text;
    switch (error) {
    case E::AuthenticationFailed:
        text = tr("The server refused the sign-in: %1").arg(message);
        break;
    case E::Network:
        text = tr("Could not connect to %1: %2").arg(where, message);
        break;
    case E::Timeout:
        text = tr("%1 did not answer in time: %2").arg(where, message);
        break;
    case E::Tls:
    case E::SecurityRequirement:
        text = tr("A secure connection to %1 failed: %2").arg(where, message);
        break;
    default:
        text = tr("The connection test failed: %1").arg(message);
        break;
    }
    setTestState(TestState::Failed, text + u"\n\n"_s + tr("Go Back to correct the settings, or test again."));
    Q_EMIT connectionTested(false);
}

void AccountWizard::trustCertificate()
{
    if (!m_refusal)
        return;
    if (const QString error = m_accounts->trustStore()->trust(m_refusal->host, m_refusal->port, m_refusal->certificate);
        !error.isEmpty()) {
        setTestState(TestState::Failed, tr("The certificate could not be trusted: %1").arg(error));
        Q_EMIT connectionTested(false);
        return;
    }
    runTest();
}

void AccountWizard::distrustCertificate()
{
    m_refusal.reset();
    setTestState(TestState::Failed,
                 tr("The certificate was not trusted, and nothing was stored. Go Back to check "
                    "the server's name, or cancel."));
    Q_EMIT connectionTested(false);
}

// --- finishing ------------------------------------------------------------------------------

void AccountWizard::accept()
{
    if (m_saving || !validateCurrentPage())
        return;
    save();
}

void AccountWizard::save()
{
    m_saving = true;
    const account::Account account = this->account();
    const QString password = m_passwordEdit->text();
    if (account.authentication.method == account::Authentication::Method::Password && !password.isEmpty()) {
        // The keychain first: an account is only saved once its password is safe.
        m_accounts->credentials()->write(account.id, account::CredentialStore::Secret::Password, password, this,
                                         [this](const account::CredentialStore::Result &result) {
                                             if (!result.ok())
                                                 return finishSave(
                                                     tr("The password could not be stored, so the account was "
                                                        "not saved: %1")
                                                         .arg(result.message));
                                             finishSave({});
                                         });
        return;
    }
    finishSave({});
}

void AccountWizard::finishSave(const QString &error)
{
    const account::Account account = this->account();
    QString problem = error;
    if (problem.isEmpty()) {
        const auto result
            = m_editing ? m_accounts->accountManager()->update(account) : m_accounts->accountManager()->add(account);
        problem = result.error;
        if (!result.ok() && !m_editing && account.authentication.method == account::Authentication::Method::Password) {
            // Nothing half-done stays behind: the password stored for the new id goes again.
            m_accounts->credentials()->remove(account.id, account::CredentialStore::Secret::Password, m_accounts,
                                              [](const account::CredentialStore::Result &) {});
        }
    }
    m_saving = false;
    if (!problem.isEmpty()) {
        const QString text = tr("The account was not saved: %1").arg(problem);
        QLabel *label = currentId() == SignInPage ? m_signInError : m_testStatus;
        if (label == m_testStatus)
            m_testStatus->setText(text);
        else
            showError(label, text);
        Q_EMIT saveFailed(text);
        return;
    }
    // A secret the account no longer signs in with does not stay in the keychain: the one it
    // had before this edit, or a sign-in made here before the user chose another method.
    using Method = account::Authentication::Method;
    const auto drop = [this, &account](Method method, account::CredentialStore::Secret secret, bool storedHere) {
        const bool stored = (m_editing && m_original.authentication.method == method) || storedHere;
        if (stored && account.authentication.method != method)
            m_accounts->credentials()->remove(account.id, secret, m_accounts,
                                              [](const account::CredentialStore::Result &) {});
    };
    drop(Method::Password, account::CredentialStore::Secret::Password, false);
    drop(Method::OAuth2, account::CredentialStore::Secret::OAuthRefreshToken, !m_signedInWith.isEmpty());
    if (m_editing)
        m_accounts->restartAccount(account.id);
    else
        m_accounts->startAccount(account.id);
    Q_EMIT saved(account.id);
    QWizard::accept();
}

void AccountWizard::reject()
{
    if (m_signIn)
        m_signIn->cancel();
    // A sign-in of a new account that is not saved leaves no token behind.
    if (!m_editing && !m_signedInWith.isEmpty()) {
        m_accounts->credentials()->remove(m_original.id, account::CredentialStore::Secret::OAuthRefreshToken,
                                          m_accounts, [](const account::CredentialStore::Result &) {});
    }
    abandonTest();
    QWizard::reject();
}

} // namespace fumi::ui
