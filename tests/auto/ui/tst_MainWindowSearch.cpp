// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The search bar of the main window on two real accounts of a seeded Dovecot, driven as a user
// drives it: a query typed into the bar shows results from both accounts once typing pauses,
// Enter searches at once, a query with an error is pointed at in the bar and searches nothing,
// Esc goes back to the folder, and a saved search is a folder in the tree that runs again when
// chosen. Leaves two pictures in build/<preset>/screenshots/.

#include "auto/ui/MainWindowOnAccounts.h"
#include "models/AccountRegistry.h"
#include "models/MailboxTreeModel.h"
#include "models/MessageListModel.h"
#include "models/SearchResultsModel.h"
#include "support/DovecotServer.h"
#include "support/MemoryCredentialStore.h"
#include "ui/AccountsController.h"
#include "ui/MainWindow.h"
#include "ui/SearchBar.h"

#include <QAbstractItemModelTester>
#include <QDir>
#include <QLabel>
#include <QLineEdit>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

#include <algorithm>
#include <memory>

using namespace fumi;
using namespace Qt::StringLiterals;
using models::MailboxTreeModel;
using models::MessageListModel;
using models::SearchResultsModel;

class tst_MainWindowSearch : public QObject
{
    Q_OBJECT

private:
    test::DovecotServer m_server;
    test::MemoryCredentialStore m_credentials;
    QTemporaryDir m_dir;
    account::Account m_alice;
    account::Account m_bob;

    std::unique_ptr<test::MainWindowOnAccounts> m_ui;

    QTreeView *messageList() { return m_ui->window.findChild<QTreeView *>(u"messageListView"_s); }
    QTreeView *folderView() { return m_ui->window.findChild<QTreeView *>(u"folderView"_s); }
    QLineEdit *searchLine() { return m_ui->window.searchBar()->lineEdit(); }

    account::Account makeAccount(const QString &user, const QString &name)
    {
        account::Account account;
        account.id = user + u"-account"_s;
        account.displayName = name;
        account.imap = {test::DovecotServer::host(), m_server.imapsPort(), account::Security::Tls};
        account.login = user;
        account.identities = {{name, user + u"@fumi.test"_s, {}, {}}};
        m_credentials.secrets.insert(
            account::CredentialStore::key(account.id, account::CredentialStore::Secret::Password), u"secret"_s);
        return account;
    }

    // The accounts whose rows the list shows.
    QStringList accountsShown()
    {
        QStringList accounts;
        QAbstractItemModel *model = messageList()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString account = model->index(row, 0).data(MessageListModel::AccountRole).toString();
            if (!accounts.contains(account))
                accounts << account;
        }
        accounts.sort();
        return accounts;
    }

    bool searchDone()
    {
        const QList<SearchResultsModel::AccountStatus> statuses = m_ui->window.searchModel()->statuses();
        return !statuses.isEmpty() && std::all_of(statuses.cbegin(), statuses.cend(), [](const auto &status) {
            return status.state != SearchResultsModel::State::Searching;
        });
    }

    void saveScreenshot(const QString &name)
    {
        const QString directory = QStringLiteral(FUMI_SCREENSHOT_DIR);
        QVERIFY(QDir().mkpath(directory));
        QVERIFY(m_ui->window.grab().save(QDir(directory).filePath(name)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start({{u"alice"_s, u"secret"_s, u"alice"_s}, {u"bob"_s, u"secret"_s, u"bob"_s}}),
                 qPrintable(m_server.errorString()));
        m_alice = makeAccount(u"alice"_s, u"Alice"_s);
        m_bob = makeAccount(u"bob"_s, u"Bob"_s);
    }

    void init()
    {
        m_ui = std::make_unique<test::MainWindowOnAccounts>(m_dir.filePath(u"window.ini"_s), &m_credentials,
                                                            m_server.caCertificate());
        m_ui->addAccount(m_alice, m_dir.filePath(u"alice"_s));
        m_ui->addAccount(m_bob, m_dir.filePath(u"bob"_s));
        QVERIFY(m_ui->show({1100, 700}));
        QVERIFY(m_ui->waitForStarts());
        QTRY_VERIFY(m_ui->window.folderModel()->indexOf(m_alice.id, u"INBOX"_s).isValid());
        QTRY_VERIFY(m_ui->window.folderModel()->indexOf(m_bob.id, u"INBOX"_s).isValid());
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->window.messageModel()->rowCount() > 0, 30000);
    }

    void cleanup() { m_ui.reset(); }

    // Ctrl+K goes to the bar; what is typed there searches once typing pauses, in the folder
    // shown (All Inboxes: both accounts' INBOX), and both accounts' results show.
    void typedQueryShowsResultsOfBothAccounts()
    {
        QAbstractItemModelTester tester(m_ui->window.searchModel(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        QTest::keyClick(m_ui->window.windowHandle(), Qt::Key_K, Qt::ControlModifier);
        QTRY_VERIFY(searchLine()->hasFocus());
        QCOMPARE(searchLine()->placeholderText(), u"Search… (from:, subject:, is:unread, in:all)"_s);

        QSignalSpy updates(&m_ui->registry, &models::AccountRegistry::searchUpdate);
        QTest::keyClicks(searchLine(), u"from:example"_s);
        // Typing alone searches nothing until it pauses.
        QVERIFY(!m_ui->window.isShowingSearch());
        QCOMPARE(updates.size(), 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->window.isShowingSearch(), 5000);
        QTRY_VERIFY_WITH_TIMEOUT(searchDone(), 30000);
        QCOMPARE(accountsShown(), (QStringList{m_alice.id, m_bob.id}));
        // Every row is a message from someone at "Example".
        QAbstractItemModel *model = messageList()->model();
        for (int row = 0; row < model->rowCount(); ++row) {
            const QString from = model->index(row, MessageListModel::FromColumn).data(Qt::ToolTipRole).toString();
            QVERIFY2(from.contains(u"Example"_s), qPrintable(from));
        }
        const QString status = m_ui->window.searchBar()->status();
        QVERIFY2(status.contains(u"Alice: Done:"_s) && status.contains(u"Bob: Done:"_s), qPrintable(status));
        saveScreenshot(u"search-results.png"_s);
    }

    // A query with an error is pointed at in the bar, and nothing is searched.
    void queryWithAnErrorSearchesNothing_data()
    {
        QTest::addColumn<QString>("query");
        QTest::addColumn<QString>("fault"); // the text underlined
        QTest::addColumn<QString>("message");
        QTest::newRow("unknown-operator") << u"hello form:bob"_s << u"form:"_s << u"did you mean"_s;
        QTest::newRow("unknown-account") << u"account:nobody hello"_s << u"account:nobody"_s << u"no account named"_s;
        QTest::newRow("unclosed-parenthesis") << u"from:bob (hello"_s << u"("_s << u"Missing"_s;
    }

    void queryWithAnErrorSearchesNothing()
    {
        QFETCH(QString, query);
        QFETCH(QString, fault);
        QFETCH(QString, message);
        QSignalSpy updates(&m_ui->registry, &models::AccountRegistry::searchUpdate);
        searchLine()->setFocus();
        QTest::keyClicks(searchLine(), query);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->window.searchBar()->hasError(), 5000);
        const ui::SearchBar *bar = m_ui->window.searchBar();
        QCOMPARE(query.mid(bar->errorOffset(), bar->errorLength()), fault);
        QVERIFY2(bar->errorMessage().contains(message), qPrintable(bar->errorMessage()));
        const auto *shown = bar->findChild<QLabel *>(u"searchMessage"_s);
        QVERIFY(shown && shown->isVisible());
        QCOMPARE(shown->text(), bar->errorMessage());
        QVERIFY(!m_ui->window.isShowingSearch());
        QVERIFY(!m_ui->window.searchModel()->isActive());
        // Enter does not search it either.
        QTest::keyClick(searchLine(), Qt::Key_Return);
        QTest::qWait(500);
        QCOMPARE(updates.size(), 0);
        QVERIFY(!m_ui->window.isShowingSearch());
        if (qstrcmp(QTest::currentDataTag(), "unknown-operator") == 0)
            saveScreenshot(u"search-error.png"_s);
        // Fixing the query searches.
        searchLine()->clear();
        QTest::keyClicks(searchLine(), u"hello"_s);
        QTest::keyClick(searchLine(), Qt::Key_Return);
        QVERIFY(!bar->hasError());
        QVERIFY(m_ui->window.isShowingSearch());
    }

    // Enter searches at once, without waiting for the pause, and is remembered as a recent
    // search.
    void enterSkipsThePause()
    {
        searchLine()->setFocus();
        QTest::keyClicks(searchLine(), u"subject:lunch"_s);
        QVERIFY(!m_ui->window.isShowingSearch());
        QTest::keyClick(searchLine(), Qt::Key_Return);
        QVERIFY(m_ui->window.isShowingSearch());
        QVERIFY(m_ui->window.searchModel()->isActive());
        QTRY_VERIFY_WITH_TIMEOUT(searchDone(), 30000);
        QCOMPARE(accountsShown(), (QStringList{m_bob.id}));
        QCOMPARE(m_ui->settings.value(u"Search/recent"_s).toStringList(), (QStringList{u"subject:lunch"_s}));
    }

    // Esc leaves the search for the folder that was shown, with its rows.
    void escapeReturnsToTheFolder()
    {
        const QModelIndex archive = m_ui->window.folderModel()->indexOf(m_alice.id, u"Archive"_s);
        QVERIFY(archive.isValid());
        folderView()->setCurrentIndex(archive);
        QTRY_VERIFY_WITH_TIMEOUT(!m_ui->registry.isBusy(m_alice.id), 30000);
        const int rows = m_ui->window.messageModel()->rowCount();

        searchLine()->setFocus();
        QTest::keyClicks(searchLine(), u"in:all from:example"_s);
        QTest::keyClick(searchLine(), Qt::Key_Return);
        QVERIFY(m_ui->window.isShowingSearch());
        QTRY_VERIFY_WITH_TIMEOUT(searchDone(), 30000);
        QCOMPARE(accountsShown(), (QStringList{m_alice.id, m_bob.id}));

        QTest::keyClick(searchLine(), Qt::Key_Escape);
        QVERIFY(!m_ui->window.isShowingSearch());
        QVERIFY(searchLine()->text().isEmpty());
        QCOMPARE(messageList()->model(), m_ui->window.messageModel());
        QCOMPARE(folderView()->currentIndex(), QModelIndex(archive));
        QCOMPARE(m_ui->window.messageModel()->rowCount(), rows);
        QVERIFY(!m_ui->window.searchModel()->isActive());
    }

    // A saved search is a folder under Saved Searches: choosing it runs it again; it can be
    // renamed and deleted, and is kept in the settings.
    void savedSearchIsAFolder()
    {
        searchLine()->setFocus();
        QTest::keyClicks(searchLine(), u"from:example"_s);
        QTest::keyClick(searchLine(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(searchDone(), 30000);
        m_ui->window.saveSearch(u"From Example"_s);
        const QModelIndex saved = m_ui->window.folderModel()->savedSearchIndex(0);
        QVERIFY(saved.isValid());
        QCOMPARE(saved.data().toString(), u"From Example"_s);
        QCOMPARE(saved.parent().data().toString(), u"Saved Searches"_s);
        QCOMPARE(m_ui->settings.value(u"Search/saved/1/query"_s).toString(), u"from:example"_s);

        QTest::keyClick(searchLine(), Qt::Key_Escape);
        QVERIFY(!m_ui->window.isShowingSearch());

        QSignalSpy updates(&m_ui->registry, &models::AccountRegistry::searchUpdate);
        folderView()->setCurrentIndex(saved);
        QVERIFY(m_ui->window.isShowingSearch());
        QCOMPARE(searchLine()->text(), u"from:example"_s);
        QTRY_VERIFY_WITH_TIMEOUT(searchDone(), 30000);
        QVERIFY(!updates.isEmpty());
        QCOMPARE(accountsShown(), (QStringList{m_alice.id, m_bob.id}));
        // Esc from a saved search goes back to the folder shown before it.
        QTest::keyClick(searchLine(), Qt::Key_Escape);
        QCOMPARE(folderView()->currentIndex(), m_ui->window.folderModel()->allInboxesIndex());

        m_ui->window.renameSavedSearch(0, u"Examples"_s);
        QCOMPARE(m_ui->window.folderModel()->savedSearchIndex(0).data().toString(), u"Examples"_s);
        QCOMPARE(m_ui->settings.value(u"Search/saved/1/name"_s).toString(), u"Examples"_s);

        // Deleting the saved search shown goes back to the folder; its neighbour does not run.
        searchLine()->setFocus();
        QTest::keyClicks(searchLine(), u"subject:nothing-like-this"_s);
        QTest::keyClick(searchLine(), Qt::Key_Return);
        QTRY_VERIFY_WITH_TIMEOUT(searchDone(), 30000);
        m_ui->window.saveSearch(u"Nothing"_s);
        folderView()->setCurrentIndex(m_ui->window.folderModel()->savedSearchIndex(1));
        QTRY_VERIFY_WITH_TIMEOUT(searchDone(), 30000);
        QSignalSpy searches(&m_ui->registry, &models::AccountRegistry::searchUpdate);
        m_ui->window.deleteSavedSearch(1);
        QVERIFY(!m_ui->window.isShowingSearch());
        QVERIFY(searchLine()->text().isEmpty());
        QCOMPARE(folderView()->currentIndex(), m_ui->window.folderModel()->allInboxesIndex());
        QTest::qWait(200);
        QCOMPARE(searches.size(), 0);

        m_ui->window.deleteSavedSearch(0);
        QVERIFY(!m_ui->window.folderModel()->savedSearchIndex(0).isValid());
        QCOMPARE(m_ui->settings.value(u"Search/saved/size"_s).toInt(), 0);
    }
};

QTEST_MAIN(tst_MainWindowSearch)
#include "tst_MainWindowSearch.moc"
