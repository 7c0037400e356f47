// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include "core/Flags.h"
#include "core/UidSet.h"
#include "models/MailboxKey.h"
#include "models/MailboxTreeModel.h"
#include "models/SavedSearch.h"
#include "store/MailboxRecord.h"

#include <QHash>
#include <QList>
#include <QMainWindow>
#include <QModelIndex>
#include <QPointer>

#include <memory>

class QAction;
class QDockWidget;
class QLabel;
class QMenu;
class QSettings;
class QSplitter;
class QNetworkAccessManager;
class QTimer;
class QTreeView;

namespace fumi::models {
class AccountRegistry;
class MailboxTreeModel;
class MessageListModel;
class SearchResultsModel;
} // namespace fumi::models

namespace fumi::ui {
class AccountSettingsDialog;
class AccountWizard;
class AccountsController;
class FolderTreeView;
class MailNotifier;
class MessageListView;
class NotificationBar;
class ReaderView;
class SearchBar;
class SettingsRemoteContentPolicy;
class SyncHealthPanel;
} // namespace fumi::ui

namespace fumi {

// The one window of Fumi: every account's folders on the left, the message list above the
// message on the right.
//
// It shows what the models of an AccountRegistry give it and sends every change back through
// the registry: selecting a folder opens it, opening a message fetches it (and marks it read
// after the delay in the setting MessageList/markReadDelayMs, 0 by default, as Thunderbird),
// the Message menu and the folder context menu change flags, move, copy, delete and manage
// folders, drops on the folder tree move, copy or rename. Every undoable change made here is
// announced in a short-lived bar above the list with an Undo button, and Edit → Undo names what
// it would undo; a request that fails shows its error in a bar, never silently.
//
// The window remembers its geometry, dock state, splitter sizes, list columns, which panes are
// shown and its View toggles in the QSettings it is given, so that it comes back as the user
// left it. Menus hold only actions that work.
//
// The search bar above the list (Ctrl+K) shows a search's results in the list in place of the
// folder's, from every account it asks; Esc, or choosing a folder, goes back to the folder.
// Searches can be saved by name and appear under Saved Searches in the folder tree.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `settings` must outlive the window, and so must `registry`; without a registry the window
    // has one of its own with no accounts.
    explicit MainWindow(QSettings *settings, models::AccountRegistry *registry = nullptr, QWidget *parent = nullptr);
    ~MainWindow() override;

    [[nodiscard]] models::AccountRegistry *registry() const { return m_registry; }
    [[nodiscard]] models::MailboxTreeModel *folderModel() const { return m_folderModel; }
    // The folder's rows; searchModel() holds a search's, and listModel() is the one shown.
    [[nodiscard]] models::MessageListModel *messageModel() const { return m_messageModel; }
    [[nodiscard]] models::SearchResultsModel *searchModel() const { return m_searchModel; }
    [[nodiscard]] models::MessageListModel *listModel() const;
    [[nodiscard]] ui::SearchBar *searchBar() const { return m_searchBar; }
    [[nodiscard]] bool isShowingSearch() const;
    // Runs `text` as the search bar does on Enter: false (and an error in the bar) when the
    // query has an error, and then nothing is searched.
    bool search(const QString &text);
    // Keeps the search in the bar under `name`, as Save Search… does after asking the name.
    void saveSearch(const QString &name);
    [[nodiscard]] QList<models::SavedSearch> savedSearches() const { return m_savedSearches; }
    void renameSavedSearch(int row, const QString &name);
    void deleteSavedSearch(int row);
    [[nodiscard]] ui::NotificationBar *undoBar() const { return m_undoBar; }
    [[nodiscard]] ui::NotificationBar *errorBar() const { return m_errorBar; }
    [[nodiscard]] ui::SyncHealthPanel *syncHealthPanel() const { return m_healthPanel; }
    [[nodiscard]] ui::MailNotifier *notifier() const { return m_notifier; }

    // The reader pane's one entry point: shows a whole message (RFC 5322 bytes). The plain
    // reader of today shows From, To, Subject, Date and the first text part; the message
    // reader widget replaces what is behind it.
    void showMessage(const QByteArray &raw, const QString &account = {});

    // Lets the user add, edit and remove accounts while the window runs: File → Add Account…
    // and File → Accounts…, on the controller's profile (which must be started and outlive the
    // window). Without it the window has neither action.
    void setAccountsController(ui::AccountsController *accounts);
    // The account wizard, window-modal; null without an accounts controller.
    ui::AccountWizard *openAccountWizard();
    // The account settings dialog, window-modal; null without an accounts controller.
    ui::AccountSettingsDialog *openAccountSettings();
    // A first start: when the profile has no account, opens the account wizard and returns it.
    // Cancelling it leaves the empty window, with File → Add Account… to come back.
    ui::AccountWizard *offerAccountSetup();

Q_SIGNALS:
    // The open message's bytes arrived and are shown.
    void messageShown(const QString &account, const QString &path, quint32 uid);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    struct OpenMessage {
        QString account;
        QString path;
        qint64 mailboxId = 0;
        Uid uid = 0;
    };
    // The selected messages, grouped by account and mailbox.
    struct Selection {
        models::MailboxKey key;
        UidSet uids;
        int count = 0;
        bool anyUnread = false;
        bool anyUnflagged = false;
    };

    void createPanes();
    void createActions();
    void createMenus();
    void connectModels();
    void retranslate();
    void restoreWindowState();
    void saveWindowState();
    void showAboutDialog();

    void openFolder(const QModelIndex &index);
    // Threaded view of one mailbox: asks its server for threads (RFC 5256), which the list then
    // follows; a server without THREAD answers no, and the list keeps threading by headers.
    void requestServerThreads();
    void updateWindowTitle();
    void openMessage(const QModelIndex &index);
    void markOpenMessageRead();
    [[nodiscard]] QList<Selection> selectedMessages() const;
    [[nodiscard]] QString mailboxName(const QString &account, const QString &path) const;

    // Sends one undoable request per group through the registry and remembers `description`
    // for Edit → Undo and the undo bar.
    void track(quint64 request, const QString &description, bool announce);
    void onRequestFinished(const QString &account, quint64 id, bool ok, const QString &error, const QVariant &result);
    void undo();
    void updateUndoAction();
    void updateStatus();

    void toggleRead();
    void toggleFlag();
    void deleteMessages();
    void transferMessages(bool copy);
    void markAllRead(const QList<models::MailboxKey> &keys);
    void getMail();
    void goToMessage(int step, bool unreadOnly);

    void showFolderMenu(const QPoint &at);
    void showList(models::MessageListModel *model);
    // The folder's list again, the bar and the results emptied.
    void leaveSearch();
    void endSearch();
    void rememberRecentSearch(const QString &text);
    void storeSavedSearches();
    void newSubfolder(const QModelIndex &folder);
    void renameFolder(const QModelIndex &folder);
    void deleteFolder(const QModelIndex &folder);
    // Asks before a folder dropped on another account is copied there.
    [[nodiscard]] bool confirmFolderCopy(const models::MailboxTreeModel::FolderCopy &copy);
    // Opens the folder the last session had open, once it is in the tree; gives up when the
    // user opens another folder first or the account's folder list lacks it.
    void restoreLastFolder();

    QSettings *m_settings;
    std::unique_ptr<models::AccountRegistry> m_ownRegistry;
    models::AccountRegistry *m_registry;
    models::MailboxTreeModel *m_folderModel = nullptr;
    models::MessageListModel *m_messageModel = nullptr;
    models::SearchResultsModel *m_searchModel = nullptr;
    ui::SearchBar *m_searchBar = nullptr;
    QMetaObject::Connection m_listCurrentConnection;
    QPersistentModelIndex m_searchedFolder; // the folder a search leaves and Esc goes back to
    QList<models::SavedSearch> m_savedSearches;

    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_messageSplitter = nullptr;
    ui::FolderTreeView *m_folderView = nullptr;
    ui::MessageListView *m_messageListView = nullptr;
    ui::ReaderView *m_messageView = nullptr;
    QNetworkAccessManager *m_remoteContent = nullptr; // remote images the user chose to load
    std::unique_ptr<ui::SettingsRemoteContentPolicy> m_remotePolicy;
    ui::NotificationBar *m_undoBar = nullptr;
    ui::NotificationBar *m_errorBar = nullptr;
    QDockWidget *m_healthDock = nullptr;
    ui::SyncHealthPanel *m_healthPanel = nullptr;
    ui::MailNotifier *m_notifier = nullptr;
    QLabel *m_accountStatus = nullptr;
    QTimer *m_markReadTimer = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_goMenu = nullptr;
    QMenu *m_messageMenu = nullptr;
    QMenu *m_markReadMenu = nullptr; // when an opened message counts as read
    QList<QAction *> m_markReadDelayActions;
    QMenu *m_helpMenu = nullptr;

    ui::AccountsController *m_accounts = nullptr;
    QAction *m_addAccountAction = nullptr;
    QAction *m_accountsAction = nullptr;
    QAction *m_getMailAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_undoAction = nullptr;
    QAction *m_threadsAction = nullptr;
    QAction *m_onlySubscribedAction = nullptr;
    QAction *m_syncHealthAction = nullptr;
    QAction *m_trayIconAction = nullptr;
    QAction *m_showFolderPaneAction = nullptr;
    QAction *m_showMessagePaneAction = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_nextMessageAction = nullptr;
    QAction *m_previousMessageAction = nullptr;
    QAction *m_nextUnreadAction = nullptr;
    QAction *m_toggleReadAction = nullptr;
    QAction *m_toggleFlagAction = nullptr;
    QAction *m_deleteAction = nullptr;
    QAction *m_moveToAction = nullptr;
    QAction *m_copyToAction = nullptr;
    QAction *m_markAllReadAction = nullptr;
    QAction *m_findAction = nullptr;
    QAction *m_saveSearchAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;

    OpenMessage m_open;
    quint64 m_fetchRequest = 0;
    struct UndoEntry {
        quint64 request = 0;
        QString description;
    };
    QList<UndoEntry> m_undo;            // mirrors the registry's undo stack, oldest first
    QHash<quint64, QString> m_announce; // request → what the undo bar says when it succeeds
    QHash<quint64, QString> m_undoing;  // undo request → what it undoes
    QHash<QString, QChar> m_separators; // account → its hierarchy separator
    QStringList m_folderToReopen;       // {account, path} still to reopen; empty when none

    // serverThreads request → the mailbox it is about
    QHash<quint64, models::MailboxKey> m_threadRequests;
    bool m_restoringFolder = false;
};

} // namespace fumi
