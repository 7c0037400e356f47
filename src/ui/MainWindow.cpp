// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/MainWindow.h"

#include "account/AccountManager.h"
#include "models/AccountRegistry.h"
#include "models/IconFactory.h"
#include "models/MailboxTreeModel.h"
#include "models/MessageListModel.h"
#include "models/SearchResultsModel.h"
#include "ui/AboutDialog.h"
#include "ui/AccountSettingsDialog.h"
#include "ui/AccountWizard.h"
#include "ui/AccountsController.h"
#include "ui/FolderPickerDialog.h"
#include "ui/FolderTreeView.h"
#include "ui/MailNotifier.h"
#include "ui/MailboxTreeDelegate.h"
#include "ui/MessageListView.h"
#include "ui/NotificationBar.h"
#include "ui/ReaderView.h"
#include "ui/SearchBar.h"
#include "ui/SettingsRemoteContentPolicy.h"
#include "ui/SyncHealthPanel.h"

#include <QAction>
#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDate>
#include <QDockWidget>
#include <QHeaderView>
#include <QInputDialog>
#include <QKeySequence>
#include <QLabel>
#include <QLayout>
#include <QLineEdit>
#include <QLocale>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QNetworkAccessManager>
#include <QPushButton>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTimer>
#include <QTreeView>
#include <QVBoxLayout>

#include <algorithm>
#include <map>
#include <utility>

using namespace Qt::StringLiterals;

namespace fumi {

using models::MailboxKey;
using models::MailboxTreeModel;
using models::MessageListModel;
using models::SavedSearch;
using models::SearchResultsModel;

namespace {

const auto geometryKey = u"MainWindow/geometry"_s;
const auto stateKey = u"MainWindow/state"_s;
const auto mainSplitterKey = u"MainWindow/mainSplitter"_s;
const auto messageSplitterKey = u"MainWindow/messageSplitter"_s;
const auto folderPaneKey = u"MainWindow/folderPaneVisible"_s;
const auto messagePaneKey = u"MainWindow/messagePaneVisible"_s;
const auto listHeaderKey = u"MainWindow/messageListHeader"_s;
const auto threadedKey = u"MessageList/threaded"_s;
const auto markReadDelayKey = u"MessageList/markReadDelayMs"_s;
const auto onlySubscribedKey = u"FolderTree/onlySubscribed"_s;
const auto trayIconKey = u"Notifications/trayIcon"_s;
const auto lastFolderKey = u"MainWindow/lastFolder"_s;
const auto recentSearchesKey = u"Search/recent"_s;
const auto savedSearchesKey = u"Search/saved"_s;
constexpr qsizetype recentSearchCount = 10;

bool isInbox(const QString &path)
{
    return path.compare(QLatin1String("INBOX"), Qt::CaseInsensitive) == 0;
}

// The last level of a path with the server's separator ('/' and '.' are the ones servers use).
QString lastLevel(const QString &path)
{
    const qsizetype at = std::max(path.lastIndexOf(u'/'), path.lastIndexOf(u'.'));
    return at < 0 ? path : path.mid(at + 1);
}

// Where the token at `offset` of a query ends: at white space, outside quotes.
qsizetype tokenEnd(const QString &text, qsizetype offset)
{
    bool quoted = false;
    qsizetype at = offset;
    for (; at < text.size(); ++at) {
        const QChar c = text.at(at);
        if (c == u'"')
            quoted = !quoted;
        else if (!quoted && (c.isSpace() || (at > offset && c == u')')))
            break;
    }
    return at;
}

// "1 message", "12 messages": the plural forms English needs without a translation.
QString messages(int count)
{
    return count == 1 ? MainWindow::tr("1 message") : MainWindow::tr("%1 messages").arg(count);
}

} // namespace

MainWindow::MainWindow(QSettings *settings, models::AccountRegistry *registry, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
    , m_ownRegistry(registry ? nullptr : std::make_unique<models::AccountRegistry>())
    , m_registry(registry ? registry : m_ownRegistry.get())
{
    setObjectName(u"mainWindow"_s);
    m_folderModel = new MailboxTreeModel(m_registry, this);
    m_messageModel = new MessageListModel(this);
    m_messageModel->setRegistry(m_registry);
    m_searchModel = new SearchResultsModel(this);
    m_searchModel->setRegistry(m_registry);
    // A result's mailbox follows its deltas under the id the folder tree knows it by.
    m_searchModel->setMailboxIdResolver([this](const QString &account, const QString &path) {
        return m_folderModel->indexOf(account, path).data(MailboxTreeModel::MailboxIdRole).toLongLong();
    });
    m_notifier = new ui::MailNotifier(m_registry, m_folderModel, this);
    createPanes();
    createActions();
    createMenus();
    connectModels();
    retranslate();
    restoreWindowState();
    // A window opens on the folder the last one had open; on All Inboxes until that folder is
    // in the tree, and for good when it is gone.
    m_folderView->setCurrentIndex(m_folderModel->allInboxesIndex());
    m_folderToReopen = m_settings->value(lastFolderKey).toStringList();
    if (m_folderToReopen.size() != 2)
        m_folderToReopen.clear();
    restoreLastFolder();
}

void MainWindow::restoreLastFolder()
{
    if (m_folderToReopen.isEmpty())
        return;
    const QModelIndex index = m_folderModel->indexOf(m_folderToReopen.at(0), m_folderToReopen.at(1));
    if (!index.isValid())
        return;
    m_folderToReopen.clear();
    m_restoringFolder = true;
    m_folderView->setCurrentIndex(index);
    m_folderView->scrollTo(index);
    m_restoringFolder = false;
}

bool MainWindow::confirmFolderCopy(const models::MailboxTreeModel::FolderCopy &copy)
{
    const QString count
        = copy.messages == 1 ? tr("1 message") : tr("%1 messages").arg(QLocale().toString(copy.messages));
    const QString question = copy.folders > 1
        ? tr("Copy the folder “%1” and its %2 subfolders with their %3 to account %4?")
              .arg(copy.name)
              .arg(copy.folders - 1)
              .arg(count, copy.targetAccountName)
        : tr("Copy the folder “%1” with its %2 to account %3?").arg(copy.name, count, copy.targetAccountName);
    QMessageBox box(QMessageBox::Question, tr("Copy Folder"), question, QMessageBox::NoButton, this);
    box.setObjectName(u"folderCopyQuestion"_s);
    box.setInformativeText(tr("The messages stay here too. Undo removes the copies."));
    QPushButton *copyButton = box.addButton(tr("Copy"), QMessageBox::AcceptRole);
    box.addButton(QMessageBox::Cancel);
    box.setDefaultButton(copyButton);
    box.exec();
    return box.clickedButton() == copyButton;
}

MainWindow::~MainWindow()
{
    // The models follow the registry, which may outlive the window.
    m_messageModel->setRegistry(nullptr);
    m_searchModel->setRegistry(nullptr);
}

void MainWindow::createPanes()
{
    m_folderView = new ui::FolderTreeView(this);
    m_folderView->setObjectName(u"folderView"_s);
    m_folderView->setHeaderHidden(true);
    m_folderView->setModel(m_folderModel);
    m_folderView->setItemDelegate(new ui::MailboxTreeDelegate(m_folderView));
    m_folderView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_folderView->setSelectionMode(QAbstractItemView::SingleSelection);

    m_messageListView = new ui::MessageListView(this);
    m_messageListView->setObjectName(u"messageListView"_s);
    m_messageListView->setModel(m_messageModel);
    m_messageListView->setDefaultColumnWidths();

    m_undoBar = new ui::NotificationBar(this);
    m_undoBar->setObjectName(u"undoBar"_s);
    m_errorBar = new ui::NotificationBar(this);
    m_errorBar->setObjectName(u"errorBar"_s);
    auto *listPane = new QWidget(this);
    listPane->setObjectName(u"messageListPane"_s);
    auto *listLayout = new QVBoxLayout(listPane);
    listLayout->setContentsMargins(0, 0, 0, 0);
    listLayout->setSpacing(0);
    m_searchBar = new ui::SearchBar(this);
    listLayout->addWidget(m_searchBar);
    listLayout->addWidget(m_errorBar);
    listLayout->addWidget(m_undoBar);
    listLayout->addWidget(m_messageListView, 1);

    // The reader fetches nothing remote unless the user asks, for this message or this sender.
    m_messageView = new ui::ReaderView(this);
    m_messageView->setObjectName(u"messageView"_s);
    m_remoteContent = new QNetworkAccessManager(this);
    m_remotePolicy = std::make_unique<ui::SettingsRemoteContentPolicy>(m_settings);
    m_messageView->setRemoteContentPolicy(m_remotePolicy.get());
    m_messageView->setNetworkAccessManager(m_remoteContent);

    m_messageSplitter = new QSplitter(Qt::Vertical, this);
    m_messageSplitter->setObjectName(u"messageSplitter"_s);
    m_messageSplitter->addWidget(listPane);
    m_messageSplitter->addWidget(m_messageView);
    m_messageSplitter->setChildrenCollapsible(false);
    m_messageSplitter->setStretchFactor(0, 2);
    m_messageSplitter->setStretchFactor(1, 3);

    m_mainSplitter = new QSplitter(Qt::Horizontal, this);
    m_mainSplitter->setObjectName(u"mainSplitter"_s);
    m_mainSplitter->addWidget(m_folderView);
    m_mainSplitter->addWidget(m_messageSplitter);
    m_mainSplitter->setChildrenCollapsible(false);
    m_mainSplitter->setStretchFactor(0, 1);
    m_mainSplitter->setStretchFactor(1, 4);
    setCentralWidget(m_mainSplitter);

    m_healthPanel = new ui::SyncHealthPanel(m_registry, this);
    m_healthDock = new QDockWidget(this);
    m_healthDock->setObjectName(u"syncHealthDock"_s);
    m_healthDock->setWidget(m_healthPanel);
    m_healthDock->setAllowedAreas(Qt::BottomDockWidgetArea | Qt::RightDockWidgetArea);
    addDockWidget(Qt::BottomDockWidgetArea, m_healthDock);
    m_healthDock->hide();

    m_accountStatus = new QLabel(this);
    m_accountStatus->setObjectName(u"accountStatus"_s);
    statusBar()->addPermanentWidget(m_accountStatus);

    m_markReadTimer = new QTimer(this);
    m_markReadTimer->setSingleShot(true);
    connect(m_markReadTimer, &QTimer::timeout, this, &MainWindow::markOpenMessageRead);
}

void MainWindow::createActions()
{
    auto make = [this](const char *name) {
        auto *action = new QAction(this);
        action->setObjectName(QString::fromLatin1(name));
        return action;
    };
    // Single keys act on messages only while the list or the reader has the focus, so that
    // typing elsewhere never deletes or flags anything.
    auto onMessages = [this](QAction *action) {
        action->setShortcutContext(Qt::WidgetWithChildrenShortcut);
        m_messageListView->addAction(action);
        m_messageView->addAction(action);
    };

    m_getMailAction = make("getMailAction");
    m_getMailAction->setIcon(models::IconFactory::themed(u"mail-send-receive"_s, models::IconFactory::Icon::Syncing));
    m_getMailAction->setShortcut(QKeySequence(Qt::Key_F5));
    connect(m_getMailAction, &QAction::triggered, this, &MainWindow::getMail);

    m_quitAction = make("quitAction");
    m_quitAction->setShortcuts(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_undoAction = make("undoAction");
    m_undoAction->setShortcuts(QKeySequence::Undo);
    m_undoAction->setEnabled(false);
    connect(m_undoAction, &QAction::triggered, this, &MainWindow::undo);

    // Opening a message marks it read: at once, after a pause (as Thunderbird offers), or never
    // (only M marks it). The delay is kept in milliseconds, -1 for never.
    auto *markReadGroup = new QActionGroup(this);
    const int storedDelay = m_settings->value(markReadDelayKey, 0).toInt();
    for (const int delay : {0, 2000, 5000, -1}) {
        QAction *action = make("markReadDelayAction");
        action->setCheckable(true);
        action->setData(delay);
        action->setChecked(delay == storedDelay);
        markReadGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, delay] {
            m_settings->setValue(markReadDelayKey, delay);
            if (delay < 0)
                m_markReadTimer->stop();
        });
        m_markReadDelayActions.append(action);
    }

    m_threadsAction = make("threadsAction");
    m_threadsAction->setCheckable(true);
    connect(m_threadsAction, &QAction::toggled, this, [this](bool on) {
        m_messageModel->setThreaded(on);
        m_searchModel->setThreaded(on);
        m_messageListView->setRootIsDecorated(on);
        requestServerThreads();
    });

    m_onlySubscribedAction = make("onlySubscribedAction");
    m_onlySubscribedAction->setCheckable(true);
    connect(m_onlySubscribedAction, &QAction::toggled, m_folderModel, &MailboxTreeModel::setShowOnlySubscribed);

    m_syncHealthAction = m_healthDock->toggleViewAction();
    m_syncHealthAction->setObjectName(u"syncHealthAction"_s);

    m_trayIconAction = make("trayIconAction");
    m_trayIconAction->setCheckable(true);
    connect(m_trayIconAction, &QAction::toggled, m_notifier, &ui::MailNotifier::setTrayIconEnabled);

    m_showFolderPaneAction = make("showFolderPaneAction");
    m_showFolderPaneAction->setCheckable(true);
    m_showFolderPaneAction->setChecked(true);
    m_showFolderPaneAction->setShortcut(QKeySequence(Qt::Key_F9));
    connect(m_showFolderPaneAction, &QAction::toggled, m_folderView, &QWidget::setVisible);

    m_showMessagePaneAction = make("showMessagePaneAction");
    m_showMessagePaneAction->setCheckable(true);
    m_showMessagePaneAction->setChecked(true);
    m_showMessagePaneAction->setShortcut(QKeySequence(Qt::Key_F8));
    connect(m_showMessagePaneAction, &QAction::toggled, m_messageView, &QWidget::setVisible);

    m_fullScreenAction = make("fullScreenAction");
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcuts(QKeySequence::FullScreen);
    connect(m_fullScreenAction, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });

    m_nextMessageAction = make("nextMessageAction");
    m_nextMessageAction->setShortcut(QKeySequence(Qt::Key_J));
    onMessages(m_nextMessageAction);
    connect(m_nextMessageAction, &QAction::triggered, this, [this] {
        goToMessage(1, false);
    });
    m_previousMessageAction = make("previousMessageAction");
    m_previousMessageAction->setShortcut(QKeySequence(Qt::Key_K));
    onMessages(m_previousMessageAction);
    connect(m_previousMessageAction, &QAction::triggered, this, [this] {
        goToMessage(-1, false);
    });
    m_nextUnreadAction = make("nextUnreadAction");
    m_nextUnreadAction->setShortcut(QKeySequence(Qt::Key_N));
    onMessages(m_nextUnreadAction);
    connect(m_nextUnreadAction, &QAction::triggered, this, [this] {
        goToMessage(1, true);
    });

    m_toggleReadAction = make("toggleReadAction");
    m_toggleReadAction->setIcon(models::IconFactory::themed(u"mail-mark-unread"_s, models::IconFactory::Icon::Unread));
    m_toggleReadAction->setShortcut(QKeySequence(Qt::Key_M));
    onMessages(m_toggleReadAction);
    connect(m_toggleReadAction, &QAction::triggered, this, &MainWindow::toggleRead);
    m_toggleFlagAction = make("toggleFlagAction");
    m_toggleFlagAction->setIcon(models::IconFactory::themed(u"mail-mark-important"_s, models::IconFactory::Icon::Flag));
    m_toggleFlagAction->setShortcut(QKeySequence(Qt::Key_S));
    onMessages(m_toggleFlagAction);
    connect(m_toggleFlagAction, &QAction::triggered, this, &MainWindow::toggleFlag);
    m_deleteAction = make("deleteAction");
    m_deleteAction->setIcon(models::IconFactory::themed(u"edit-delete"_s, models::IconFactory::Icon::Trash));
    m_deleteAction->setShortcut(QKeySequence::Delete);
    onMessages(m_deleteAction);
    connect(m_deleteAction, &QAction::triggered, this, &MainWindow::deleteMessages);
    m_moveToAction = make("moveToAction");
    m_moveToAction->setIcon(models::IconFactory::themed(u"mail-move"_s, models::IconFactory::Icon::Folder));
    connect(m_moveToAction, &QAction::triggered, this, [this] {
        transferMessages(false);
    });
    m_copyToAction = make("copyToAction");
    m_copyToAction->setIcon(models::IconFactory::themed(u"edit-copy"_s, models::IconFactory::Icon::Folder));
    connect(m_copyToAction, &QAction::triggered, this, [this] {
        transferMessages(true);
    });
    m_markAllReadAction = make("markAllReadAction");
    m_markAllReadAction->setShortcut(QKeySequence(Qt::SHIFT | Qt::Key_C));
    connect(m_markAllReadAction, &QAction::triggered, this, [this] {
        markAllRead(m_messageModel->mailboxes());
    });

    // Ctrl+K, as in Thunderbird and most chat and mail programs, goes to the search bar.
    m_findAction = make("findAction");
    m_findAction->setShortcuts({QKeySequence(Qt::CTRL | Qt::Key_K), QKeySequence::Find});
    connect(m_findAction, &QAction::triggered, this, [this] {
        m_searchBar->lineEdit()->setFocus(Qt::ShortcutFocusReason);
        m_searchBar->lineEdit()->selectAll();
    });
    m_saveSearchAction = make("saveSearchAction");
    m_saveSearchAction->setEnabled(false);
    connect(m_saveSearchAction, &QAction::triggered, this, [this] {
        bool ok = false;
        const QString name = QInputDialog::getText(this, tr("Save Search"), tr("Name of the saved search:"),
                                                   QLineEdit::Normal, m_searchBar->text().trimmed(), &ok)
                                 .trimmed();
        if (ok && !name.isEmpty())
            saveSearch(name);
    });

    m_aboutAction = make("aboutAction");
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAboutDialog);

    m_aboutQtAction = make("aboutQtAction");
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(u"fileMenu"_s);
    m_fileMenu->addAction(m_getMailAction);
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_quitAction);

    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->setObjectName(u"editMenu"_s);
    m_editMenu->addAction(m_undoAction);
    m_editMenu->addSeparator();
    m_editMenu->addAction(m_findAction);
    m_editMenu->addAction(m_saveSearchAction);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(u"viewMenu"_s);
    m_viewMenu->addAction(m_showFolderPaneAction);
    m_viewMenu->addAction(m_showMessagePaneAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_threadsAction);
    m_viewMenu->addAction(m_onlySubscribedAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_syncHealthAction);
    m_viewMenu->addAction(m_trayIconAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_fullScreenAction);

    m_goMenu = menuBar()->addMenu(QString());
    m_goMenu->setObjectName(u"goMenu"_s);
    m_goMenu->addAction(m_nextMessageAction);
    m_goMenu->addAction(m_previousMessageAction);
    m_goMenu->addAction(m_nextUnreadAction);

    m_messageMenu = menuBar()->addMenu(QString());
    m_messageMenu->setObjectName(u"messageMenu"_s);
    m_messageMenu->addAction(m_toggleReadAction);
    m_messageMenu->addAction(m_toggleFlagAction);
    m_messageMenu->addAction(m_markAllReadAction);
    m_markReadMenu = m_messageMenu->addMenu(QString());
    m_markReadMenu->setObjectName(u"markReadMenu"_s);
    m_markReadMenu->addActions(m_markReadDelayActions);
    m_messageMenu->addSeparator();
    m_messageMenu->addAction(m_moveToAction);
    m_messageMenu->addAction(m_copyToAction);
    m_messageMenu->addSeparator();
    m_messageMenu->addAction(m_deleteAction);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(u"helpMenu"_s);
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);

    for (QMenu *menu : {m_fileMenu, m_editMenu, m_viewMenu, m_goMenu, m_messageMenu, m_helpMenu})
        menu->menuAction()->setEnabled(!menu->isEmpty());
}

void MainWindow::connectModels()
{
    connect(m_folderView->selectionModel(), &QItemSelectionModel::currentChanged, this,
            [this](const QModelIndex &current) {
                // The user chose another folder: the one to restore is no longer wanted.
                if (!m_restoringFolder)
                    m_folderToReopen.clear();
                openFolder(current);
            });
    m_listCurrentConnection = connect(m_messageListView->selectionModel(), &QItemSelectionModel::currentChanged, this,
                                      [this](const QModelIndex &current) {
                                          openMessage(current);
                                      });
    connect(m_searchBar, &ui::SearchBar::searchRequested, this, [this](const QString &text, bool atOnce) {
        if (text.trimmed().isEmpty()) {
            if (isShowingSearch())
                endSearch();
            return;
        }
        if (search(text) && atOnce)
            rememberRecentSearch(text);
    });
    connect(m_searchBar, &ui::SearchBar::escapePressed, this, &MainWindow::endSearch);
    connect(m_searchBar, &ui::SearchBar::saveRequested, m_saveSearchAction, &QAction::trigger);
    connect(m_searchModel, &SearchResultsModel::statusChanged, this, [this] {
        if (isShowingSearch())
            m_searchBar->setStatus(m_searchModel->statusText());
    });
    m_searchBar->setRecentSearches(m_settings->value(recentSearchesKey).toStringList());
    const int saved = m_settings->beginReadArray(savedSearchesKey);
    for (int i = 0; i < saved; ++i) {
        m_settings->setArrayIndex(i);
        m_savedSearches.append({m_settings->value(u"name"_s).toString(), m_settings->value(u"query"_s).toString()});
    }
    m_settings->endArray();
    m_folderModel->setSavedSearches(m_savedSearches);
    connect(m_folderView, &QWidget::customContextMenuRequested, this, &MainWindow::showFolderMenu);
    connect(m_folderView, &ui::FolderTreeView::dropRefusalChanged, this, [this](const QString &reason) {
        if (reason.isEmpty())
            statusBar()->clearMessage();
        else
            statusBar()->showMessage(reason);
    });
    // The folder of last time may arrive with any account's folder list.
    connect(m_folderModel, &QAbstractItemModel::rowsInserted, this, [this] {
        if (!m_folderToReopen.isEmpty())
            QMetaObject::invokeMethod(this, &MainWindow::restoreLastFolder, Qt::QueuedConnection);
    });
    m_folderModel->setFolderCopyConfirmation([this](const MailboxTreeModel::FolderCopy &copy) {
        return confirmFolderCopy(copy);
    });
    connect(
        m_registry, &models::AccountRegistry::requestProgress, this,
        [this](const QString &, quint64, qint64 done, qint64 total) {
            statusBar()->showMessage(
                tr("Copying the folder: %1 of %2 messages").arg(QLocale().toString(done), QLocale().toString(total)),
                5000);
        });
    connect(m_folderModel, &MailboxTreeModel::dropStarted, this,
            [this](const QString &account, quint64 request, const QString &description) {
                Q_UNUSED(account);
                track(request, description, true);
            });
    connect(m_registry, &models::AccountRegistry::requestFinished, this, &MainWindow::onRequestFinished);
    connect(m_registry, &models::AccountRegistry::canUndoChanged, this, &MainWindow::updateUndoAction);
    connect(m_registry, &models::AccountRegistry::stateChanged, this, &MainWindow::updateStatus);
    connect(m_registry, &models::AccountRegistry::accountAdded, this, [this] {
        m_folderView->expandAll();
        updateStatus();
    });
    connect(m_registry, &models::AccountRegistry::accountRemoved, this, &MainWindow::updateStatus);
    // A new folder list shows expanded, as Thunderbird shows a fresh profile.
    connect(m_registry, &models::AccountRegistry::mailboxesChanged, this,
            [this](const QString &account, const QList<store::MailboxRecord> &mailboxes) {
                for (const store::MailboxRecord &mailbox : mailboxes) {
                    if (mailbox.separator != 0) {
                        m_separators.insert(account, QChar::fromLatin1(mailbox.separator));
                        break;
                    }
                }
                QTimer::singleShot(0, m_folderView, &QTreeView::expandAll);
                if (!m_folderToReopen.isEmpty() && m_folderToReopen.at(0) == account) {
                    restoreLastFolder();
                    // That account's folders are known now: a folder not among them is gone.
                    if (!m_folderToReopen.isEmpty())
                        m_folderToReopen.clear();
                }
                // All Inboxes, the folder a new window shows, grows as accounts report their
                // INBOX; openFolder() does nothing when its mailboxes are what the list shows.
                const QModelIndex current = m_folderView->currentIndex();
                // A search shown stays; Esc brings the folder back up to date.
                if (current == m_folderModel->allInboxesIndex() && !isShowingSearch())
                    openFolder(current);
            });
    connect(m_undoBar, &ui::NotificationBar::actionTriggered, this, &MainWindow::undo);
}

void MainWindow::setAccountsController(ui::AccountsController *accounts)
{
    if (m_accounts || !accounts || !accounts->accountManager())
        return;
    m_accounts = accounts;
    m_addAccountAction = new QAction(this);
    m_addAccountAction->setObjectName(u"addAccountAction"_s);
    connect(m_addAccountAction, &QAction::triggered, this, &MainWindow::openAccountWizard);
    m_accountsAction = new QAction(this);
    m_accountsAction->setObjectName(u"accountsAction"_s);
    connect(m_accountsAction, &QAction::triggered, this, &MainWindow::openAccountSettings);
    QAction *first = m_fileMenu->actions().value(0);
    m_fileMenu->insertAction(first, m_addAccountAction);
    m_fileMenu->insertAction(first, m_accountsAction);
    m_fileMenu->insertSeparator(first);
    retranslate();
}

ui::AccountWizard *MainWindow::openAccountWizard()
{
    if (!m_accounts)
        return nullptr;
    auto *wizard = new ui::AccountWizard(m_accounts, this);
    wizard->setAttribute(Qt::WA_DeleteOnClose);
    wizard->open();
    return wizard;
}

ui::AccountSettingsDialog *MainWindow::openAccountSettings()
{
    if (!m_accounts)
        return nullptr;
    auto *dialog = new ui::AccountSettingsDialog(m_accounts, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->open();
    return dialog;
}

ui::AccountWizard *MainWindow::offerAccountSetup()
{
    if (!m_accounts || !m_accounts->accountManager()->accounts().isEmpty())
        return nullptr;
    return openAccountWizard();
}

void MainWindow::retranslate()
{
    updateWindowTitle();
    m_fileMenu->setTitle(tr("&File"));
    m_editMenu->setTitle(tr("&Edit"));
    m_viewMenu->setTitle(tr("&View"));
    m_goMenu->setTitle(tr("&Go"));
    m_messageMenu->setTitle(tr("&Message"));
    m_helpMenu->setTitle(tr("&Help"));

    if (m_addAccountAction) {
        m_addAccountAction->setText(tr("Add &Account…"));
        m_accountsAction->setText(tr("A&ccounts…"));
    }
    m_getMailAction->setText(tr("&Get Messages"));
    m_quitAction->setText(tr("&Quit"));
    m_threadsAction->setText(tr("&Threads"));
    m_onlySubscribedAction->setText(tr("Only &Subscribed Folders"));
    m_syncHealthAction->setText(tr("Sync &Health"));
    m_healthDock->setWindowTitle(tr("Sync Health"));
    m_trayIconAction->setText(tr("Show &Tray Icon"));
    m_showFolderPaneAction->setText(tr("&Folder Pane"));
    m_showMessagePaneAction->setText(tr("&Message Pane"));
    m_fullScreenAction->setText(tr("F&ull Screen"));
    m_nextMessageAction->setText(tr("&Next Message"));
    m_previousMessageAction->setText(tr("&Previous Message"));
    m_nextUnreadAction->setText(tr("Next &Unread Message"));
    m_toggleReadAction->setText(tr("Toggle &Read"));
    m_toggleFlagAction->setText(tr("Toggle &Star"));
    m_deleteAction->setText(tr("&Delete"));
    m_moveToAction->setText(tr("&Move To…"));
    m_copyToAction->setText(tr("&Copy To…"));
    m_markAllReadAction->setText(tr("Mark &All Read"));
    m_markReadMenu->setTitle(tr("Mark Opened Messages &Read"));
    m_markReadDelayActions[0]->setText(tr("&At Once"));
    m_markReadDelayActions[1]->setText(tr("After &2 Seconds"));
    m_markReadDelayActions[2]->setText(tr("After &5 Seconds"));
    m_markReadDelayActions[3]->setText(tr("&Never (M Marks Them)"));
    m_findAction->setText(tr("&Search Messages"));
    m_saveSearchAction->setText(tr("Sa&ve Search…"));
    m_aboutAction->setText(tr("&About Fumi"));
    m_aboutQtAction->setText(tr("About &Qt"));
    updateUndoAction();
    updateStatus();
}

// --- folders and messages ------------------------------------------------------------------

void MainWindow::updateWindowTitle()
{
    // The folder as the tree names it: "受信トレイ — Fumi", not "INBOX — Fumi".
    const QString folder = m_folderView ? m_folderView->currentIndex().data().toString() : QString();
    setWindowTitle(folder.isEmpty() ? tr("Fumi") : tr("%1 — Fumi").arg(folder));
}

void MainWindow::openFolder(const QModelIndex &index)
{
    updateWindowTitle();
    const auto kind = index.data(MailboxTreeModel::KindRole).value<MailboxTreeModel::NodeKind>();
    if (index.isValid() && kind == MailboxTreeModel::NodeKind::SavedSearch) {
        // A saved search is a virtual folder: choosing it runs its query over the folder
        // shown before.
        const QString query = index.data(MailboxTreeModel::QueryRole).toString();
        m_searchBar->setText(query);
        search(query);
        return;
    }
    m_searchedFolder = index;
    if (isShowingSearch())
        leaveSearch();
    const QList<MailboxKey> keys = m_folderModel->mailboxKeys(index);
    if (keys == m_messageModel->mailboxes() && !keys.isEmpty())
        return;
    m_markReadTimer->stop();
    m_open = {};
    m_messageView->clear();
    // The list must know its mailboxes before the engines send their rows.
    m_messageModel->setMailboxes(keys);
    for (const MailboxKey &key : keys)
        m_registry->openMailbox(key.account, key.path);
    requestServerThreads();
}

void MainWindow::requestServerThreads()
{
    // All Inboxes and search results are threaded by their headers: a server threads one
    // mailbox at a time, and the threads of several would not join.
    const QList<MailboxKey> keys = m_messageModel->mailboxes();
    if (!m_threadsAction->isChecked() || keys.size() != 1 || m_messageModel->usesServerThreads(keys.front()))
        return;
    const MailboxKey &key = keys.front();
    if (const quint64 id = m_registry->serverThreads(key.account, key.path))
        m_threadRequests.insert(id, key);
}

// --- search ----------------------------------------------------------------------------------

MessageListModel *MainWindow::listModel() const
{
    return isShowingSearch() ? static_cast<MessageListModel *>(m_searchModel) : m_messageModel;
}

bool MainWindow::isShowingSearch() const
{
    return m_messageListView->model() == m_searchModel;
}

void MainWindow::showList(MessageListModel *model)
{
    if (m_messageListView->model() == model)
        return;
    // The columns stay as the user set them; a new model would reset the header.
    const QByteArray header = m_messageListView->header()->saveState();
    disconnect(m_listCurrentConnection);
    m_markReadTimer->stop();
    m_open = {};
    m_messageView->clear();
    // setModel() makes a selection model and leaves the old one alive and connected to its
    // model: one more after every switch between folder and search.
    QItemSelectionModel *oldSelection = m_messageListView->selectionModel();
    m_messageListView->setModel(model);
    delete oldSelection;
    m_messageListView->header()->restoreState(header);
    m_listCurrentConnection = connect(m_messageListView->selectionModel(), &QItemSelectionModel::currentChanged, this,
                                      [this](const QModelIndex &current) {
                                          openMessage(current);
                                      });
    const bool searching = model == m_searchModel;
    // Mark All Read means a folder; a search's results are marked with M.
    m_markAllReadAction->setEnabled(!searching);
    m_saveSearchAction->setEnabled(searching);
    m_searchBar->setSaveEnabled(searching);
}

bool MainWindow::search(const QString &text)
{
    auto parsed = engine::SearchQueryParser::parse(text, QDate::currentDate());
    if (!parsed) {
        const ParseError &error = parsed.error();
        m_searchBar->showError(
            error.offset, error.length > 0 ? error.length : tokenEnd(text, error.offset) - error.offset, error.message);
        return false;
    }
    const engine::SearchQuery query = std::move(parsed).value();

    // account:NAME as Account::answersTo() reads it: "account:work" and
    // "account:alice@example.org" both find Alice's "Work".
    const QStringList accounts = m_registry->accounts();
    QStringList chosen;
    for (const QString &name : query.accounts) {
        bool found = false;
        for (const QString &account : accounts) {
            const engine::AccountEngine *engine = m_registry->engine(account);
            if (engine && engine->account().answersTo(name)) {
                found = true;
                if (!chosen.contains(account))
                    chosen << account;
            }
        }
        if (!found) {
            qsizetype at = text.indexOf(QString(u"account:"_s + name), 0, Qt::CaseInsensitive);
            if (at < 0)
                at = text.indexOf(QString(u"account:\""_s + name), 0, Qt::CaseInsensitive);
            at = std::max<qsizetype>(at, 0);
            m_searchBar->showError(at, tokenEnd(text, at) - at, tr("There is no account named “%1”.").arg(name));
            return false;
        }
    }
    m_searchBar->clearError();

    // Without in:, a search looks in the folder shown (All Inboxes: every account's INBOX);
    // an account not part of it is searched in its INBOX. in: and in:all look in every account.
    const QList<MailboxKey> shown = m_folderModel->mailboxKeys(m_searchedFolder);
    const QString shownAccount = m_searchedFolder.data(MailboxTreeModel::AccountRole).toString();
    if (chosen.isEmpty()) {
        if (query.allFolders || !query.folders.isEmpty()) {
            chosen = accounts;
        } else {
            for (const MailboxKey &key : shown) {
                if (!chosen.contains(key.account))
                    chosen << key.account;
            }
            if (chosen.isEmpty() && accounts.contains(shownAccount))
                chosen << shownAccount;
            if (chosen.isEmpty())
                chosen = accounts;
        }
    }
    QList<std::pair<QString, QStringList>> requests;
    for (const QString &account : std::as_const(chosen)) {
        QStringList mailboxes;
        for (const MailboxKey &key : shown) {
            if (key.account == account)
                mailboxes << key.path;
        }
        if (mailboxes.isEmpty())
            mailboxes << u"INBOX"_s;
        requests.append({account, mailboxes});
    }
    showList(m_searchModel);
    m_searchModel->search(query, requests);
    m_searchBar->setStatus(m_searchModel->statusText());
    return true;
}

void MainWindow::leaveSearch()
{
    m_searchBar->setText(QString());
    m_searchBar->setStatus(QString());
    m_searchModel->clear();
    showList(m_messageModel);
}

void MainWindow::endSearch()
{
    leaveSearch();
    // From a saved search, back to the folder shown before it.
    const QModelIndex current = m_folderView->currentIndex();
    if (current.data(MailboxTreeModel::KindRole).value<MailboxTreeModel::NodeKind>()
            == MailboxTreeModel::NodeKind::SavedSearch
        && m_searchedFolder.isValid())
        m_folderView->setCurrentIndex(m_searchedFolder);
    else
        openFolder(m_searchedFolder);
    m_messageListView->setFocus(Qt::OtherFocusReason);
}

void MainWindow::rememberRecentSearch(const QString &text)
{
    const QString query = text.trimmed();
    if (query.isEmpty())
        return;
    QStringList recent = m_settings->value(recentSearchesKey).toStringList();
    recent.removeAll(query);
    recent.prepend(query);
    while (recent.size() > recentSearchCount)
        recent.removeLast();
    m_settings->setValue(recentSearchesKey, recent);
    m_searchBar->setRecentSearches(recent);
}

void MainWindow::saveSearch(const QString &name)
{
    const QString query = m_searchBar->text().trimmed();
    if (name.trimmed().isEmpty() || query.isEmpty())
        return;
    rememberRecentSearch(query);
    m_savedSearches.append({name.trimmed(), query});
    storeSavedSearches();
}

void MainWindow::renameSavedSearch(int row, const QString &name)
{
    if (row < 0 || row >= m_savedSearches.size() || name.trimmed().isEmpty())
        return;
    m_savedSearches[row].name = name.trimmed();
    storeSavedSearches();
}

void MainWindow::deleteSavedSearch(int row)
{
    if (row < 0 || row >= m_savedSearches.size())
        return;
    // Back to the folder first: with the current row removed, the view would make its
    // neighbour current, and that saved search would run.
    if (m_folderView->currentIndex() == m_folderModel->savedSearchIndex(row))
        endSearch();
    m_savedSearches.removeAt(row);
    storeSavedSearches();
}

void MainWindow::storeSavedSearches()
{
    m_settings->beginWriteArray(savedSearchesKey, int(m_savedSearches.size()));
    for (int i = 0; i < m_savedSearches.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(u"name"_s, m_savedSearches[i].name);
        m_settings->setValue(u"query"_s, m_savedSearches[i].query);
    }
    m_settings->endArray();
    m_folderModel->setSavedSearches(m_savedSearches);
}

void MainWindow::openMessage(const QModelIndex &index)
{
    m_markReadTimer->stop();
    if (!index.isValid()) {
        m_open = {};
        return;
    }
    OpenMessage open{
        index.data(MessageListModel::AccountRole).toString(), index.data(MessageListModel::MailboxRole).toString(),
        index.data(MessageListModel::MailboxIdRole).toLongLong(), index.data(MessageListModel::UidRole).value<Uid>()};
    if (open.account == m_open.account && open.mailboxId == m_open.mailboxId && open.uid == m_open.uid)
        return;
    m_open = open;
    m_fetchRequest = m_registry->fetchMessage(open.account, open.path, open.uid);
}

void MainWindow::markOpenMessageRead()
{
    const QModelIndex index = listModel()->indexOf(m_open.account, m_open.mailboxId, m_open.uid);
    if (!index.isValid() || !index.data(MessageListModel::UnreadRole).toBool())
        return;
    // Not undoable: Ctrl+Z after reading undoes what the user did, not the reading.
    // A failure shows in the error bar like any other.
    m_registry->setFlags(m_open.account, m_open.path, UidSet::fromRange(m_open.uid, m_open.uid),
                         Flags(Flags::System::Seen), Flags(), false);
}

void MainWindow::showMessage(const QByteArray &raw, const QString &account)
{
    m_messageView->setMessage(raw, account);
}

QList<MainWindow::Selection> MainWindow::selectedMessages() const
{
    std::map<std::pair<QString, qint64>, Selection> groups;
    const QModelIndexList rows = m_messageListView->selectionModel()->selectedRows();
    for (const QModelIndex &row : rows) {
        const QString account = row.data(MessageListModel::AccountRole).toString();
        const qint64 mailboxId = row.data(MessageListModel::MailboxIdRole).toLongLong();
        Selection &group = groups[{account, mailboxId}];
        group.key = {account, mailboxId, row.data(MessageListModel::MailboxRole).toString()};
        const Uid uid = row.data(MessageListModel::UidRole).value<Uid>();
        group.uids.insert(uid);
        ++group.count;
        group.anyUnread = group.anyUnread || row.data(MessageListModel::UnreadRole).toBool();
        group.anyUnflagged = group.anyUnflagged || !row.data(MessageListModel::FlaggedRole).toBool();
    }
    QList<Selection> result;
    for (auto &[key, group] : groups)
        result << group;
    return result;
}

QString MainWindow::mailboxName(const QString &account, const QString &path) const
{
    const QModelIndex index = m_folderModel->indexOf(account, path);
    return index.isValid() ? index.data().toString() : lastLevel(path);
}

void MainWindow::toggleRead()
{
    const QList<Selection> groups = selectedMessages();
    bool anyUnread = false;
    int count = 0;
    for (const Selection &group : groups) {
        anyUnread = anyUnread || group.anyUnread;
        count += group.count;
    }
    if (count == 0)
        return;
    // As Thunderbird: when any of them is unread, all become read; otherwise all unread.
    const QString description
        = anyUnread ? tr("Marked %1 as read").arg(messages(count)) : tr("Marked %1 as unread").arg(messages(count));
    for (const Selection &group : groups) {
        const Flags seen(Flags::System::Seen);
        const Flags add = anyUnread ? seen : Flags();
        const Flags remove = anyUnread ? Flags() : seen;
        track(m_registry->setFlags(group.key.account, group.key.path, group.uids, add, remove), description, false);
        m_messageModel->applyLocalFlags(group.key.account, group.key.mailboxId, group.uids, add, remove);
        m_searchModel->applyLocalFlags(group.key.account, group.key.mailboxId, group.uids, add, remove);
    }
    // Reading a message and then marking it unread keeps it unread.
    m_markReadTimer->stop();
}

void MainWindow::toggleFlag()
{
    const QList<Selection> groups = selectedMessages();
    bool anyUnflagged = false;
    int count = 0;
    for (const Selection &group : groups) {
        anyUnflagged = anyUnflagged || group.anyUnflagged;
        count += group.count;
    }
    if (count == 0)
        return;
    const QString description
        = anyUnflagged ? tr("Starred %1").arg(messages(count)) : tr("Removed the star from %1").arg(messages(count));
    for (const Selection &group : groups) {
        const Flags flagged(Flags::System::Flagged);
        const Flags add = anyUnflagged ? flagged : Flags();
        const Flags remove = anyUnflagged ? Flags() : flagged;
        track(m_registry->setFlags(group.key.account, group.key.path, group.uids, add, remove), description, false);
        m_messageModel->applyLocalFlags(group.key.account, group.key.mailboxId, group.uids, add, remove);
        m_searchModel->applyLocalFlags(group.key.account, group.key.mailboxId, group.uids, add, remove);
    }
}

void MainWindow::deleteMessages()
{
    const QList<Selection> groups = selectedMessages();
    if (groups.isEmpty())
        return;
    // The list moves on to the message after the last one deleted, as Thunderbird does.
    const QModelIndexList rows = m_messageListView->selectionModel()->selectedRows();
    QModelIndex next = m_messageListView->indexBelow(rows.last());
    while (next.isValid() && m_messageListView->selectionModel()->isRowSelected(next.row(), next.parent()))
        next = m_messageListView->indexBelow(next);
    const QPersistentModelIndex keep(next);
    for (const Selection &group : groups)
        track(m_registry->remove(group.key.account, group.key.path, group.uids),
              tr("Deleted %1").arg(messages(group.count)), true);
    if (keep.isValid())
        m_messageListView->setCurrentIndex(keep);
}

void MainWindow::transferMessages(bool copy)
{
    const QList<Selection> groups = selectedMessages();
    if (groups.isEmpty())
        return;
    ui::FolderPickerDialog picker(m_folderModel, copy ? tr("Copy To") : tr("Move To"), this);
    if (picker.exec() != QDialog::Accepted || !picker.chosen().isValid())
        return;
    const QString account = picker.chosen().data(MailboxTreeModel::AccountRole).toString();
    const QString target = picker.chosen().data(MailboxTreeModel::PathRole).toString();
    for (const Selection &group : groups) {
        const bool otherAccount = group.key.account != account;
        if (otherAccount && copy) {
            m_errorBar->showMessage(ui::NotificationBar::Kind::Error,
                                    tr("Messages can be moved to another account, not copied."), {},
                                    std::chrono::milliseconds(0));
            continue;
        }
        const QString description = copy
            ? tr("Copied %1 to %2").arg(messages(group.count), mailboxName(account, target))
            : tr("Moved %1 to %2").arg(messages(group.count), mailboxName(account, target));
        track(otherAccount ? m_registry->moveToAccount(group.key.account, group.key.path, group.uids, account, target)
                  : copy   ? m_registry->copy(account, group.key.path, group.uids, target)
                           : m_registry->move(account, group.key.path, group.uids, target),
              description, true);
    }
}

void MainWindow::markAllRead(const QList<MailboxKey> &keys)
{
    for (const MailboxKey &key : keys) {
        track(m_registry->setFlags(key.account, key.path, UidSet::fromRange(1, maxUid), Flags(Flags::System::Seen),
                                   Flags()),
              tr("Marked all messages in %1 as read").arg(mailboxName(key.account, key.path)), true);
    }
}

void MainWindow::getMail()
{
    const QStringList accounts = m_registry->accounts();
    for (const QString &account : accounts)
        m_registry->syncMailboxes(account);
    const QList<MailboxKey> keys = m_messageModel->mailboxes();
    for (const MailboxKey &key : keys)
        m_registry->openMailbox(key.account, key.path);
}

void MainWindow::goToMessage(int step, bool unreadOnly)
{
    QModelIndex at = m_messageListView->currentIndex();
    if (!at.isValid()) {
        at = listModel()->index(0, 0);
        if (!at.isValid() || (!unreadOnly || at.data(MessageListModel::UnreadRole).toBool())) {
            m_messageListView->setCurrentIndex(at);
            return;
        }
    }
    for (QModelIndex next = step > 0 ? m_messageListView->indexBelow(at) : m_messageListView->indexAbove(at);
         next.isValid(); next = step > 0 ? m_messageListView->indexBelow(next) : m_messageListView->indexAbove(next)) {
        if (!unreadOnly || next.data(MessageListModel::UnreadRole).toBool()) {
            m_messageListView->setCurrentIndex(next);
            m_messageListView->scrollTo(next);
            return;
        }
    }
}

// --- undo and answers --------------------------------------------------------------------

void MainWindow::track(quint64 request, const QString &description, bool announce)
{
    if (request == 0)
        return;
    m_undo.append({request, description});
    if (announce)
        m_announce.insert(request, description);
    updateUndoAction();
}

void MainWindow::onRequestFinished(const QString &account, quint64 id, bool ok, const QString &error,
                                   const QVariant &result)
{
    // A search's answer is the search bar's to show.
    if (m_searchModel->isSearchRequest(account, id))
        return;
    if (const auto threads = m_threadRequests.constFind(id); threads != m_threadRequests.cend()) {
        const MailboxKey key = *threads;
        m_threadRequests.erase(threads);
        // Without the server's threads (it offers none, or could not answer) the list keeps
        // its own, which is nothing to report.
        if (ok && result.canConvert<engine::ServerThreads>())
            m_messageModel->setServerThreads(key, result.value<engine::ServerThreads>());
        return;
    }
    if (id == m_fetchRequest) {
        m_fetchRequest = 0;
        if (ok) {
            showMessage(result.toByteArray(), m_open.account);
            // The delay counts from when the message can be read, as Thunderbird's does.
            const QModelIndex shown = listModel()->indexOf(m_open.account, m_open.mailboxId, m_open.uid);
            const int delay = m_settings->value(markReadDelayKey, 0).toInt();
            if (shown.data(MessageListModel::UnreadRole).toBool() && delay >= 0)
                m_markReadTimer->start(delay);
            Q_EMIT messageShown(m_open.account, m_open.path, m_open.uid);
        }
    }
    const QString announced = m_announce.take(id);
    const QString undone = m_undoing.take(id);
    if (!ok) {
        m_undo.removeIf([id](const UndoEntry &entry) {
            return entry.request == id;
        });
        updateUndoAction();
        if (!error.isEmpty()) {
            m_errorBar->showMessage(ui::NotificationBar::Kind::Error,
                                    announced.isEmpty() ? error : tr("%1 failed: %2").arg(announced, error), {},
                                    std::chrono::milliseconds(0));
        }
        return;
    }
    if (!announced.isEmpty())
        m_undoBar->showMessage(ui::NotificationBar::Kind::Information, announced, tr("Undo"));
    else if (!undone.isEmpty())
        m_undoBar->showMessage(ui::NotificationBar::Kind::Information, tr("Undone: %1").arg(undone));
}

void MainWindow::undo()
{
    if (!m_registry->canUndo())
        return;
    const QString description = m_undo.isEmpty() ? QString() : m_undo.takeLast().description;
    const quint64 request = m_registry->undo();
    if (request != 0)
        m_undoing.insert(request, description.isEmpty() ? tr("the last change") : description);
    m_undoBar->hide();
    updateUndoAction();
}

void MainWindow::updateUndoAction()
{
    const bool can = m_registry->canUndo();
    m_undoAction->setEnabled(can);
    const QString description = m_undo.isEmpty() ? QString() : m_undo.last().description;
    m_undoAction->setText(can && !description.isEmpty() ? tr("&Undo: %1").arg(description) : tr("&Undo"));
}

void MainWindow::updateStatus()
{
    const QStringList accounts = m_registry->accounts();
    if (accounts.isEmpty()) {
        m_accountStatus->setText(tr("No accounts set up"));
        return;
    }
    int online = 0;
    int busy = 0;
    QStringList trouble;
    for (const QString &account : accounts) {
        const auto state = m_registry->state(account);
        if (state == engine::AccountEngine::State::Online)
            ++online;
        else if (state == engine::AccountEngine::State::Error || state == engine::AccountEngine::State::Offline)
            trouble << m_registry->displayName(account);
        if (m_registry->isBusy(account))
            ++busy;
    }
    QString text = tr("Online: %1 of %2").arg(online).arg(accounts.size());
    if (busy > 0)
        text = tr("%1, syncing").arg(text);
    if (!trouble.isEmpty())
        text = tr("%1 — offline: %2").arg(text, trouble.join(u", "_s));
    m_accountStatus->setText(text);
}

// --- folder context menu -----------------------------------------------------------------

void MainWindow::showFolderMenu(const QPoint &at)
{
    const QModelIndex folder = m_folderView->indexAt(at);
    if (!folder.isValid())
        return;
    const auto kind = folder.data(MailboxTreeModel::KindRole).value<MailboxTreeModel::NodeKind>();
    const QString path = folder.data(MailboxTreeModel::PathRole).toString();
    const QString account = folder.data(MailboxTreeModel::AccountRole).toString();
    QMenu menu(this);
    menu.setObjectName(u"folderMenu"_s);
    if (kind == MailboxTreeModel::NodeKind::SavedSearches)
        return;
    if (kind == MailboxTreeModel::NodeKind::SavedSearch) {
        const int row = folder.row();
        const QString name = folder.data().toString();
        menu.addAction(tr("Rename…"), this, [this, row, name] {
            bool ok = false;
            const QString renamed
                = QInputDialog::getText(this, tr("Rename Saved Search"), tr("New name:"), QLineEdit::Normal, name, &ok);
            if (ok)
                renameSavedSearch(row, renamed);
        });
        menu.addAction(tr("Delete"), this, [this, row] {
            deleteSavedSearch(row);
        });
    } else if (kind == MailboxTreeModel::NodeKind::AllInboxes) {
        menu.addAction(tr("Mark All Read"), this, [this, folder] {
            markAllRead(m_folderModel->mailboxKeys(folder));
        });
    } else {
        const QPersistentModelIndex persistent(folder);
        menu.addAction(tr("New Subfolder…"), this, [this, persistent] {
            newSubfolder(persistent);
        });
        if (kind == MailboxTreeModel::NodeKind::Mailbox) {
            const bool inbox = isInbox(path);
            QAction *rename = menu.addAction(tr("Rename…"), this, [this, persistent] {
                renameFolder(persistent);
            });
            rename->setEnabled(!inbox);
            QAction *remove = menu.addAction(tr("Delete…"), this, [this, persistent] {
                deleteFolder(persistent);
            });
            remove->setEnabled(!inbox);
            menu.addSeparator();
            menu.addAction(tr("Mark All Read"), this, [this, persistent] {
                markAllRead(m_folderModel->mailboxKeys(persistent));
            });
            const bool subscribed = folder.data(MailboxTreeModel::SubscribedRole).toBool();
            menu.addAction(subscribed ? tr("Unsubscribe") : tr("Subscribe"), this, [this, account, path, subscribed] {
                track(m_registry->setSubscribed(account, path, !subscribed),
                      subscribed ? tr("Unsubscribed from %1").arg(lastLevel(path))
                                 : tr("Subscribed to %1").arg(lastLevel(path)),
                      true);
            });
        }
    }
    menu.exec(m_folderView->viewport()->mapToGlobal(at));
}

void MainWindow::newSubfolder(const QModelIndex &folder)
{
    if (!folder.isValid())
        return;
    const QString account = folder.data(MailboxTreeModel::AccountRole).toString();
    const QString parent = folder.data(MailboxTreeModel::PathRole).toString();
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("New Folder"), tr("Name of the new folder:"), QLineEdit::Normal,
                                               QString(), &ok)
                             .trimmed();
    if (!ok || name.isEmpty())
        return;
    const QChar separator = m_separators.value(account, u'/');
    const QString path = parent.isEmpty() ? name : QString(parent + separator + name);
    track(m_registry->createMailbox(account, path), tr("Created folder %1").arg(name), true);
}

void MainWindow::renameFolder(const QModelIndex &folder)
{
    if (!folder.isValid())
        return;
    const QString account = folder.data(MailboxTreeModel::AccountRole).toString();
    const QString path = folder.data(MailboxTreeModel::PathRole).toString();
    bool ok = false;
    const QString name
        = QInputDialog::getText(this, tr("Rename Folder"), tr("New name:"), QLineEdit::Normal, lastLevel(path), &ok)
              .trimmed();
    if (!ok || name.isEmpty() || name == lastLevel(path))
        return;
    const QString newPath = QString(path.left(path.size() - lastLevel(path).size()) + name);
    track(m_registry->renameMailbox(account, path, newPath), tr("Renamed %1 to %2").arg(lastLevel(path), name), true);
}

void MainWindow::deleteFolder(const QModelIndex &folder)
{
    if (!folder.isValid())
        return;
    const QString account = folder.data(MailboxTreeModel::AccountRole).toString();
    const QString path = folder.data(MailboxTreeModel::PathRole).toString();
    const int count = folder.data(MailboxTreeModel::TotalCountRole).toInt();
    const auto answer = QMessageBox::warning(
        this, tr("Delete Folder"),
        tr("Delete the folder %1 and the %2 in it? Undo brings the folder back, but not its messages.")
            .arg(lastLevel(path), messages(count)),
        QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
    if (answer != QMessageBox::Yes)
        return;
    track(m_registry->deleteMailbox(account, path), tr("Deleted folder %1").arg(lastLevel(path)), true);
}

// --- window state --------------------------------------------------------------------------

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    else if (event->type() == QEvent::WindowStateChange)
        m_fullScreenAction->setChecked(isFullScreen());
    QMainWindow::changeEvent(event);
}

void MainWindow::restoreWindowState()
{
    if (!restoreGeometry(m_settings->value(geometryKey).toByteArray()))
        resize(1100, 720);
    restoreState(m_settings->value(stateKey).toByteArray());
    // Lay the splitters out at the restored window size first: a splitter resized after its
    // sizes are restored spreads the difference by stretch factor and loses them.
    layout()->activate();
    if (!m_mainSplitter->restoreState(m_settings->value(mainSplitterKey).toByteArray()))
        m_mainSplitter->setSizes({220, 880});
    if (!m_messageSplitter->restoreState(m_settings->value(messageSplitterKey).toByteArray()))
        m_messageSplitter->setSizes({280, 420});
    m_showFolderPaneAction->setChecked(m_settings->value(folderPaneKey, true).toBool());
    m_showMessagePaneAction->setChecked(m_settings->value(messagePaneKey, true).toBool());
    m_messageListView->header()->restoreState(m_settings->value(listHeaderKey).toByteArray());
    m_threadsAction->setChecked(m_settings->value(threadedKey, false).toBool());
    m_onlySubscribedAction->setChecked(m_settings->value(onlySubscribedKey, false).toBool());
    m_trayIconAction->setChecked(m_settings->value(trayIconKey, false).toBool());
}

void MainWindow::saveWindowState()
{
    m_settings->setValue(geometryKey, saveGeometry());
    m_settings->setValue(stateKey, saveState());
    m_settings->setValue(mainSplitterKey, m_mainSplitter->saveState());
    m_settings->setValue(messageSplitterKey, m_messageSplitter->saveState());
    m_settings->setValue(folderPaneKey, m_showFolderPaneAction->isChecked());
    m_settings->setValue(messagePaneKey, m_showMessagePaneAction->isChecked());
    m_settings->setValue(listHeaderKey, m_messageListView->header()->saveState());
    m_settings->setValue(threadedKey, m_threadsAction->isChecked());
    m_settings->setValue(onlySubscribedKey, m_onlySubscribedAction->isChecked());
    m_settings->setValue(trayIconKey, m_trayIconAction->isChecked());
    const QModelIndex current = m_folderView->currentIndex();
    QStringList lastFolder = m_folderToReopen; // not restored yet: still the one to open next time
    if (lastFolder.isEmpty()
        && current.data(MailboxTreeModel::KindRole).value<MailboxTreeModel::NodeKind>()
            == MailboxTreeModel::NodeKind::Mailbox)
        lastFolder = {current.data(MailboxTreeModel::AccountRole).toString(),
                      current.data(MailboxTreeModel::PathRole).toString()};
    m_settings->setValue(lastFolderKey, lastFolder);
    m_settings->sync();
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveWindowState();
    event->accept();
}

void MainWindow::showAboutDialog()
{
    AboutDialog dialog(this);
    dialog.exec();
}

} // namespace fumi
