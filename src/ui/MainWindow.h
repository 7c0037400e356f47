// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#pragma once

#include <QMainWindow>

class QAction;
class QLabel;
class QMenu;
class QSettings;
class QSplitter;
class QTextBrowser;
class QTreeView;

namespace fumi {

// The one window of Fumi: folders on the left, the message list above the message on the right.
//
// The window remembers its geometry, toolbar and dock state, splitter sizes and which panes
// are shown in the QSettings it is given, so that it comes back as the user left it. Menus hold
// only actions that work; a menu with nothing in it yet is shown disabled.
class MainWindow : public QMainWindow
{
    Q_OBJECT

public:
    // `settings` must outlive the window.
    explicit MainWindow(QSettings *settings, QWidget *parent = nullptr);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createPanes();
    void createActions();
    void createMenus();
    void retranslate();
    void restoreWindowState();
    void saveWindowState();
    void showAboutDialog();

    QSettings *m_settings;

    QSplitter *m_mainSplitter = nullptr;
    QSplitter *m_messageSplitter = nullptr;
    QTreeView *m_folderView = nullptr;
    QTreeView *m_messageListView = nullptr;
    QTextBrowser *m_messageView = nullptr;
    QLabel *m_accountStatus = nullptr;

    QMenu *m_fileMenu = nullptr;
    QMenu *m_editMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_messageMenu = nullptr;
    QMenu *m_helpMenu = nullptr;

    QAction *m_quitAction = nullptr;
    QAction *m_showFolderPaneAction = nullptr;
    QAction *m_showMessagePaneAction = nullptr;
    QAction *m_fullScreenAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_aboutQtAction = nullptr;
};

} // namespace fumi
