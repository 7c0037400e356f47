// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

// The main window on a real AccountEngine and a seeded Dovecot, driven as a user drives it:
// choosing a folder shows its messages, opening one shows it and marks it read after the
// configured delay, M and S change flags on the server, Delete moves to Trash with an undo bar,
// Ctrl+Z puts it back, new mail in INBOX is announced, the sync health panel shows the
// server's capabilities and a redacted log, and quitting stops every engine thread.

#include "auto/ui/MainWindowOnAccounts.h"
#include "mime/MessageDocument.h"
#include "models/AccountRegistry.h"
#include "models/MailboxTreeModel.h"
#include "models/MessageListModel.h"
#include "support/DovecotServer.h"
#include "support/MemoryCredentialStore.h"
#include "support/XvfbScreen.h"
#include "ui/AccountsController.h"
#include "ui/MailNotifier.h"
#include "ui/MainWindow.h"
#include "ui/MessageBrowser.h"
#include "ui/NotificationBar.h"
#include "ui/ReaderView.h"
#include "ui/SyncHealthPanel.h"

#include <QAbstractItemModelTester>
#include <QAction>
#include <QMimeData>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTextBrowser>
#include <QThread>
#include <QTreeView>

#include <memory>

using namespace fumi;
using namespace Qt::StringLiterals;
using models::MailboxTreeModel;
using models::MessageListModel;

class tst_MainWindowMail : public QObject
{
    Q_OBJECT

private:
    test::DovecotServer m_server;
    test::MemoryCredentialStore m_credentials;
    QTemporaryDir m_dir;
    account::Account m_account;

    std::unique_ptr<test::MainWindowOnAccounts> m_ui;

    QByteArray doveadm(const QStringList &arguments, const QByteArray &input = {})
    {
        QByteArray output;
        const int code = m_server.doveadm(arguments, input, &output);
        return code == 0 ? output : QByteArray("doveadm failed: " + QByteArray::number(code));
    }

    int messageCount(const QString &mailbox)
    {
        const QByteArray status
            = doveadm({u"-f"_s, u"flow"_s, u"mailbox"_s, u"status"_s, u"-u"_s, u"alice"_s, u"messages"_s, mailbox});
        const qsizetype at = status.indexOf("messages=");
        return at < 0 ? -1 : status.mid(at + 9).trimmed().toInt();
    }

    QByteArray serverFlags(const QString &mailbox, Uid uid)
    {
        return doveadm({u"-f"_s, u"flow"_s, u"fetch"_s, u"-u"_s, u"alice"_s, u"flags"_s, u"mailbox"_s, mailbox,
                        u"uid"_s, QString::number(uid)})
            .trimmed();
    }

    QTreeView *messageList() { return m_ui->window.findChild<QTreeView *>(u"messageListView"_s); }
    QTreeView *folderView() { return m_ui->window.findChild<QTreeView *>(u"folderView"_s); }

    // Selects `path` in the folder tree, as a click does, and waits for its rows.
    bool openFolder(const QString &path, int rows)
    {
        const QModelIndex folder = m_ui->window.folderModel()->indexOf(m_account.id, path);
        if (!folder.isValid())
            return false;
        folderView()->setCurrentIndex(folder);
        return QTest::qWaitFor(
            [&] {
                return m_ui->window.messageModel()->rowCount() == rows && !m_ui->registry.isBusy(m_account.id);
            },
            30000);
    }

    void selectRow(int row)
    {
        QTreeView *list = messageList();
        list->setFocus();
        list->setCurrentIndex(m_ui->window.messageModel()->index(row, 0));
    }

    void press(int key, Qt::KeyboardModifiers modifiers = Qt::NoModifier)
    {
        // Through the window, as the platform delivers keys, so shortcuts apply.
        QTest::keyClick(m_ui->window.windowHandle(), Qt::Key(key), modifiers);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QVERIFY2(m_server.start({{u"alice"_s, u"secret"_s, u"alice"_s}}), qPrintable(m_server.errorString()));
        m_account.id = u"alice-account"_s;
        m_account.displayName = u"Alice"_s;
        m_account.imap = {test::DovecotServer::host(), m_server.imapsPort(), account::Security::Tls};
        m_account.login = u"alice"_s;
        m_credentials.secrets.insert(
            account::CredentialStore::key(m_account.id, account::CredentialStore::Secret::Password), u"secret"_s);
    }

    void init()
    {
        m_ui = std::make_unique<test::MainWindowOnAccounts>(m_dir.filePath(u"window.ini"_s), &m_credentials,
                                                            m_server.caCertificate());
        m_ui->addAccount(m_account, m_dir.filePath(u"alice"_s));
        QVERIFY(m_ui->show({1000, 700}));
        QVERIFY(m_ui->waitForStarts());
        QTRY_VERIFY(m_ui->window.folderModel()->indexOf(m_account.id, u"Trash"_s).isValid());
    }

    void cleanup() { m_ui.reset(); }

    // Without a click, the window shows All Inboxes: the account's INBOX once it is known.
    void windowOpensOnAllInboxes()
    {
        QCOMPARE(folderView()->currentIndex(), m_ui->window.folderModel()->allInboxesIndex());
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->window.messageModel()->rowCount(), messageCount(u"INBOX"_s), 30000);
    }

    void folderSelectionShowsMessages()
    {
        QAbstractItemModelTester tester(m_ui->window.messageModel(),
                                        QAbstractItemModelTester::FailureReportingMode::Fatal);
        const int inbox = test::DovecotServer::seededMessageCount(u"alice"_s, u"INBOX"_s);
        QVERIFY(inbox > 1);
        QVERIFY(openFolder(u"INBOX"_s, inbox));
        // Another folder replaces the rows.
        const int archive = messageCount(u"Archive"_s);
        QVERIFY(openFolder(u"Archive"_s, archive));
        // All Inboxes shows the INBOX of every account: here the one.
        folderView()->setCurrentIndex(m_ui->window.folderModel()->allInboxesIndex());
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->window.messageModel()->rowCount(), inbox, 30000);
    }

    void openingMarksReadAfterTheDelay()
    {
        m_ui->settings.setValue(u"MessageList/markReadDelayMs"_s, 400);
        const int inbox = messageCount(u"INBOX"_s);
        QVERIFY(openFolder(u"INBOX"_s, inbox));
        // Make the first message unread on the server's side of the window: M on a read one.
        selectRow(0);
        const QModelIndex first = m_ui->window.messageModel()->index(0, 0);
        const Uid uid = first.data(MessageListModel::UidRole).value<Uid>();
        if (!first.data(MessageListModel::UnreadRole).toBool()) {
            press(Qt::Key_M);
            QTRY_VERIFY_WITH_TIMEOUT(!serverFlags(u"INBOX"_s, uid).contains("\\Seen"), 20000);
        }
        QTRY_VERIFY(m_ui->window.messageModel()->index(0, 0).data(MessageListModel::UnreadRole).toBool());
        // Away and back: opening it again shows it, and it stays unread for the delay.
        QSignalSpy shown(&m_ui->window, &MainWindow::messageShown);
        selectRow(1);
        QVERIFY(shown.wait(20000));
        shown.clear();
        QTest::qWait(50); // the second message's own timer, if it was unread, is not ours
        selectRow(0);
        QVERIFY(shown.wait(20000));
        QCOMPARE(shown.last().at(2).toUInt(), uid);
        auto *reader = m_ui->window.findChild<ui::ReaderView *>(u"messageView"_s);
        QVERIFY(reader && reader->message());
        QCOMPARE(reader->message()->subject(),
                 m_ui->window.messageModel()->index(0, MessageListModel::SubjectColumn).data().toString());
        QVERIFY(!reader->browser()->toPlainText().trimmed().isEmpty());
        QVERIFY(m_ui->window.messageModel()->index(0, 0).data(MessageListModel::UnreadRole).toBool());
        QTRY_VERIFY_WITH_TIMEOUT(serverFlags(u"INBOX"_s, uid).contains("\\Seen"), 20000);
        QTRY_VERIFY(!m_ui->window.messageModel()->index(0, 0).data(MessageListModel::UnreadRole).toBool());
    }

    void keysToggleReadAndStarOnTheServer()
    {
        m_ui->settings.setValue(u"MessageList/markReadDelayMs"_s, 3600 * 1000);
        QVERIFY(openFolder(u"INBOX"_s, messageCount(u"INBOX"_s)));
        selectRow(0);
        const QModelIndex first = m_ui->window.messageModel()->index(0, 0);
        const Uid uid = first.data(MessageListModel::UidRole).value<Uid>();
        const bool wasSeen = serverFlags(u"INBOX"_s, uid).contains("\\Seen");
        // M toggles what the list shows, and the list shows it at once: two quick presses
        // toggle twice.
        press(Qt::Key_M);
        QCOMPARE(m_ui->window.messageModel()->index(0, 0).data(MessageListModel::UnreadRole).toBool(), wasSeen);
        press(Qt::Key_M);
        QCOMPARE(m_ui->window.messageModel()->index(0, 0).data(MessageListModel::UnreadRole).toBool(), !wasSeen);
        press(Qt::Key_M);
        QTRY_COMPARE_WITH_TIMEOUT(serverFlags(u"INBOX"_s, uid).contains("\\Seen"), !wasSeen, 20000);
        press(Qt::Key_M);
        QTRY_COMPARE_WITH_TIMEOUT(serverFlags(u"INBOX"_s, uid).contains("\\Seen"), wasSeen, 20000);
        QTRY_COMPARE(m_ui->window.messageModel()->index(0, 0).data(MessageListModel::UnreadRole).toBool(), !wasSeen);

        const bool wasFlagged = serverFlags(u"INBOX"_s, uid).contains("\\Flagged");
        press(Qt::Key_S);
        QTRY_COMPARE_WITH_TIMEOUT(serverFlags(u"INBOX"_s, uid).contains("\\Flagged"), !wasFlagged, 20000);
        QTRY_COMPARE(m_ui->window.messageModel()->index(0, 0).data(MessageListModel::FlaggedRole).toBool(),
                     !wasFlagged);
        // Ctrl+Z takes the star back.
        auto *undo = m_ui->window.findChild<QAction *>(u"undoAction"_s);
        QTRY_VERIFY(undo->isEnabled());
        QVERIFY2(undo->text().contains(wasFlagged ? u"Removed the star"_s : u"Starred"_s), qPrintable(undo->text()));
        press(Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(serverFlags(u"INBOX"_s, uid).contains("\\Flagged"), wasFlagged, 20000);
    }

    void deleteMovesToTrashAndUndoRestores()
    {
        m_ui->settings.setValue(u"MessageList/markReadDelayMs"_s, 3600 * 1000);
        const int inbox = messageCount(u"INBOX"_s);
        const int trash = messageCount(u"Trash"_s);
        QVERIFY(openFolder(u"INBOX"_s, inbox));
        QTreeView *list = messageList();
        list->setFocus();
        list->selectionModel()->select(
            QItemSelection(m_ui->window.messageModel()->index(0, 0), m_ui->window.messageModel()->index(1, 0)),
            QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
        press(Qt::Key_Delete);
        QTRY_COMPARE_WITH_TIMEOUT(messageCount(u"Trash"_s), trash + 2, 20000);
        QCOMPARE(messageCount(u"INBOX"_s), inbox - 2);
        QTRY_COMPARE(m_ui->window.messageModel()->rowCount(), inbox - 2);

        ui::NotificationBar *bar = m_ui->window.undoBar();
        QTRY_VERIFY(bar->isVisible());
        QCOMPARE(bar->text(), u"Deleted 2 messages"_s);
        auto *undo = m_ui->window.findChild<QAction *>(u"undoAction"_s);
        QCOMPARE(undo->text(), u"&Undo: Deleted 2 messages"_s);

        press(Qt::Key_Z, Qt::ControlModifier);
        QTRY_COMPARE_WITH_TIMEOUT(messageCount(u"INBOX"_s), inbox, 20000);
        QCOMPARE(messageCount(u"Trash"_s), trash);
        // The messages come back to the open list through the server's push, without F5.
        QTRY_COMPARE_WITH_TIMEOUT(m_ui->window.messageModel()->rowCount(), inbox, 20000);
        QTRY_VERIFY(bar->isVisible());
        QCOMPARE(bar->text(), u"Undone: Deleted 2 messages"_s);
        QVERIFY(!m_ui->window.errorBar()->isVisible());
    }

    void undoAfterReadingUndoesTheMoveNotTheReading()
    {
        m_ui->settings.setValue(u"MessageList/markReadDelayMs"_s, 0);
        const int inbox = messageCount(u"INBOX"_s);
        const int archive = messageCount(u"Archive"_s);
        QVERIFY(openFolder(u"INBOX"_s, inbox));
        // The last row unread (M if it is read), then the first one moved to Archive.
        const int last = m_ui->window.messageModel()->rowCount() - 1;
        const Uid uid = m_ui->window.messageModel()->index(last, 0).data(MessageListModel::UidRole).value<Uid>();
        selectRow(last);
        if (!m_ui->window.messageModel()->index(last, 0).data(MessageListModel::UnreadRole).toBool()) {
            press(Qt::Key_M);
            QTRY_VERIFY_WITH_TIMEOUT(!serverFlags(u"INBOX"_s, uid).contains("\\Seen"), 20000);
        }
        std::unique_ptr<QMimeData> dragged(
            m_ui->window.messageModel()->mimeData({m_ui->window.messageModel()->index(0, 0)}));
        const QModelIndex target = m_ui->window.folderModel()->indexOf(m_account.id, u"Archive"_s);
        QVERIFY(m_ui->window.folderModel()->dropMimeData(dragged.get(), Qt::MoveAction, -1, 0, target));
        QTRY_COMPARE_WITH_TIMEOUT(messageCount(u"Archive"_s), archive + 1, 20000);
        // Reading the unread message marks it read, and that is no change of the user's own.
        const int row
            = m_ui->window.messageModel()
                  ->indexOf(m_account.id,
                            m_ui->window.messageModel()->index(0, 0).data(MessageListModel::MailboxIdRole).toLongLong(),
                            uid)
                  .row();
        QVERIFY(row >= 0);
        selectRow(row);
        QTRY_VERIFY_WITH_TIMEOUT(serverFlags(u"INBOX"_s, uid).contains("\\Seen"), 20000);
        auto *undo = m_ui->window.findChild<QAction *>(u"undoAction"_s);
        QVERIFY2(undo->text().contains(u"Archive"_s), qPrintable(undo->text()));
        undo->trigger();
        QTRY_COMPARE_WITH_TIMEOUT(messageCount(u"Archive"_s), archive, 20000);
        QCOMPARE(messageCount(u"INBOX"_s), inbox);
        QVERIFY(serverFlags(u"INBOX"_s, uid).contains("\\Seen"));
    }

    void undoBarButtonUndoesAMove()
    {
        m_ui->settings.setValue(u"MessageList/markReadDelayMs"_s, 3600 * 1000);
        const int inbox = messageCount(u"INBOX"_s);
        const int archive = messageCount(u"Archive"_s);
        QVERIFY(openFolder(u"INBOX"_s, inbox));
        // A drag onto Archive, through the model as the view's drop does.
        std::unique_ptr<QMimeData> dragged(
            m_ui->window.messageModel()->mimeData({m_ui->window.messageModel()->index(0, 0)}));
        const QModelIndex target = m_ui->window.folderModel()->indexOf(m_account.id, u"Archive"_s);
        QVERIFY(m_ui->window.folderModel()->dropMimeData(dragged.get(), Qt::MoveAction, -1, 0, target));
        QTRY_COMPARE_WITH_TIMEOUT(messageCount(u"Archive"_s), archive + 1, 20000);
        ui::NotificationBar *bar = m_ui->window.undoBar();
        QTRY_VERIFY(bar->isVisible());
        QCOMPARE(bar->text(), u"Moved 1 message to Archive"_s);
        bar->actionButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(messageCount(u"INBOX"_s), inbox, 20000);
        QCOMPARE(messageCount(u"Archive"_s), archive);
    }

    void failedRequestShowsAnError()
    {
        QVERIFY(openFolder(u"INBOX"_s, messageCount(u"INBOX"_s)));
        // A folder the server refuses: renaming INBOX's sibling onto an existing name.
        const quint64 request = m_ui->registry.renameMailbox(m_account.id, u"Archive"_s, u"Trash"_s);
        QVERIFY(request != 0);
        QTRY_VERIFY_WITH_TIMEOUT(m_ui->window.errorBar()->isVisible(), 20000);
        QVERIFY(!m_ui->window.errorBar()->text().isEmpty());
        QVERIFY(m_ui->window.folderModel()->indexOf(m_account.id, u"Archive"_s).isValid());
    }

    void newMailInInboxIsAnnounced()
    {
        QVERIFY(openFolder(u"Archive"_s, messageCount(u"Archive"_s)));
        QSignalSpy announced(m_ui->window.notifier(), &ui::MailNotifier::newMail);
        const QByteArray message = "From: Carol <carol@example.org>\r\nTo: alice@example.org\r\n"
                                   "Subject: Lunch on Friday\r\nMessage-ID: <lunch@example.org>\r\n"
                                   "Date: Mon, 5 Jan 2026 10:00:00 +0000\r\n\r\nShall we?\r\n";
        QCOMPARE(m_server.doveadm({u"save"_s, u"-u"_s, u"alice"_s, u"-m"_s, u"INBOX"_s}, message), 0);
        QTRY_VERIFY_WITH_TIMEOUT(!announced.isEmpty(), 30000);
        QCOMPARE(announced.first().at(0).toString(), m_account.id);
        QCOMPARE(announced.first().at(1).toInt(), 1);
        QCOMPARE(announced.first().at(2).toString(), u"Carol: Lunch on Friday"_s);
        // The tray's tooltip counts the unread mail of every INBOX.
        QVERIFY(m_ui->window.notifier()->trayToolTip().contains(u"unread"_s));
    }

    void syncHealthShowsCapabilitiesAndARedactedLog()
    {
        auto *action = m_ui->window.findChild<QAction *>(u"syncHealthAction"_s);
        QVERIFY(action);
        action->trigger();
        ui::SyncHealthPanel *panel = m_ui->window.syncHealthPanel();
        QTRY_VERIFY(panel->isVisible());
        QCOMPARE(panel->currentAccount(), m_account.id);
        QTRY_VERIFY_WITH_TIMEOUT(panel->capabilitiesText().contains(u"IDLE"_s), 10000);
        QVERIFY2(panel->capabilitiesText().contains(u"QRESYNC"_s), qPrintable(panel->capabilitiesText()));
        QVERIFY(panel->capabilitiesText().contains(u"MOVE"_s));
        QVERIFY(panel->stateText().startsWith(u"Online"_s));
        const QString log = panel->logText();
        QVERIFY2(log.contains(u"C: "_s) && log.contains(u"S: "_s), qPrintable(log.left(400)));
        QVERIFY(log.contains(u"LOGIN"_s) || log.contains(u"AUTHENTICATE"_s));
        QVERIFY2(!log.contains(u"secret"_s), "the password is in the protocol log");
        // A picture of the window with the panel open, for a person to look at.
        QVERIFY(m_ui->window.grab().save(QStringLiteral(FUMI_SCREENSHOT_DIR "/sync-health.png")));
        QString error;
        const QString screen = test::captureXvfbScreen(u"xvfb-sync-health.png"_s, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        if (!screen.isEmpty())
            qInfo().noquote() << "saved" << screen;
    }

    void quittingStopsEveryEngineThread()
    {
        QVERIFY(openFolder(u"INBOX"_s, messageCount(u"INBOX"_s)));
        const QStringList accounts = m_ui->registry.accounts();
        QCOMPARE(accounts.size(), 1);
        QThread *thread = m_ui->registry.engine(accounts.first())->thread();
        QVERIFY(thread->isRunning());
        QVERIFY(thread != QThread::currentThread());
        QSignalSpy stopped(&m_ui->controller, &ui::AccountsController::allStopped);
        QVERIFY(m_ui->window.close());
        m_ui->controller.stopAll();
        QCOMPARE(stopped.size(), 1);
        QCOMPARE(m_ui->controller.runningCount(), 0);
        QVERIFY(m_ui->registry.accounts().isEmpty());
        // Stopping again does nothing, and the window still works without engines.
        m_ui->controller.stopAll();
        QCOMPARE(stopped.size(), 1);
        m_ui->window.findChild<QAction *>(u"getMailAction"_s)->trigger();
    }
};

QTEST_MAIN(tst_MainWindowMail)
#include "tst_MainWindowMail.moc"
