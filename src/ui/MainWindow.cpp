// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "ui/MainWindow.h"

#include "ui/AboutDialog.h"

#include <QAction>
#include <QApplication>
#include <QCloseEvent>
#include <QHeaderView>
#include <QKeySequence>
#include <QLabel>
#include <QLayout>
#include <QMenu>
#include <QMenuBar>
#include <QSettings>
#include <QSplitter>
#include <QStatusBar>
#include <QTextBrowser>
#include <QTreeView>

using namespace Qt::StringLiterals;

namespace fumi {

namespace {

const auto geometryKey = u"MainWindow/geometry"_s;
const auto stateKey = u"MainWindow/state"_s;
const auto mainSplitterKey = u"MainWindow/mainSplitter"_s;
const auto messageSplitterKey = u"MainWindow/messageSplitter"_s;
const auto folderPaneKey = u"MainWindow/folderPaneVisible"_s;
const auto messagePaneKey = u"MainWindow/messagePaneVisible"_s;

} // namespace

MainWindow::MainWindow(QSettings *settings, QWidget *parent)
    : QMainWindow(parent)
    , m_settings(settings)
{
    setObjectName(u"mainWindow"_s);
    createPanes();
    createActions();
    createMenus();
    retranslate();
    restoreWindowState();
}

void MainWindow::createPanes()
{
    m_folderView = new QTreeView(this);
    m_folderView->setObjectName(u"folderView"_s);
    m_folderView->setHeaderHidden(true);

    m_messageListView = new QTreeView(this);
    m_messageListView->setObjectName(u"messageListView"_s);
    m_messageListView->setRootIsDecorated(false);
    m_messageListView->setUniformRowHeights(true);
    m_messageListView->setSelectionMode(QAbstractItemView::ExtendedSelection);

    m_messageView = new QTextBrowser(this);
    m_messageView->setObjectName(u"messageView"_s);
    // Mail never makes the viewer fetch anything: links open only when the user asks.
    m_messageView->setOpenLinks(false);

    m_messageSplitter = new QSplitter(Qt::Vertical, this);
    m_messageSplitter->setObjectName(u"messageSplitter"_s);
    m_messageSplitter->addWidget(m_messageListView);
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

    m_accountStatus = new QLabel(this);
    m_accountStatus->setObjectName(u"accountStatus"_s);
    statusBar()->addPermanentWidget(m_accountStatus);
}

void MainWindow::createActions()
{
    m_quitAction = new QAction(this);
    m_quitAction->setShortcuts(QKeySequence::Quit);
    m_quitAction->setMenuRole(QAction::QuitRole);
    connect(m_quitAction, &QAction::triggered, this, &QWidget::close);

    m_showFolderPaneAction = new QAction(this);
    m_showFolderPaneAction->setObjectName(u"showFolderPaneAction"_s);
    m_showFolderPaneAction->setCheckable(true);
    m_showFolderPaneAction->setChecked(true);
    m_showFolderPaneAction->setShortcut(QKeySequence(Qt::Key_F9));
    connect(m_showFolderPaneAction, &QAction::toggled, m_folderView, &QWidget::setVisible);

    m_showMessagePaneAction = new QAction(this);
    m_showMessagePaneAction->setObjectName(u"showMessagePaneAction"_s);
    m_showMessagePaneAction->setCheckable(true);
    m_showMessagePaneAction->setChecked(true);
    m_showMessagePaneAction->setShortcut(QKeySequence(Qt::Key_F8));
    connect(m_showMessagePaneAction, &QAction::toggled, m_messageView, &QWidget::setVisible);

    m_fullScreenAction = new QAction(this);
    m_fullScreenAction->setObjectName(u"fullScreenAction"_s);
    m_fullScreenAction->setCheckable(true);
    m_fullScreenAction->setShortcuts(QKeySequence::FullScreen);
    connect(m_fullScreenAction, &QAction::toggled, this, [this](bool on) {
        setWindowState(on ? windowState() | Qt::WindowFullScreen : windowState() & ~Qt::WindowFullScreen);
    });

    m_aboutAction = new QAction(this);
    m_aboutAction->setObjectName(u"aboutAction"_s);
    m_aboutAction->setMenuRole(QAction::AboutRole);
    connect(m_aboutAction, &QAction::triggered, this, &MainWindow::showAboutDialog);

    m_aboutQtAction = new QAction(this);
    m_aboutQtAction->setMenuRole(QAction::AboutQtRole);
    connect(m_aboutQtAction, &QAction::triggered, qApp, &QApplication::aboutQt);
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->setObjectName(u"fileMenu"_s);
    m_fileMenu->addAction(m_quitAction);

    // Edit and Message get their actions with the features behind them (undo, move, flags).
    m_editMenu = menuBar()->addMenu(QString());
    m_editMenu->setObjectName(u"editMenu"_s);

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->setObjectName(u"viewMenu"_s);
    m_viewMenu->addAction(m_showFolderPaneAction);
    m_viewMenu->addAction(m_showMessagePaneAction);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_fullScreenAction);

    m_messageMenu = menuBar()->addMenu(QString());
    m_messageMenu->setObjectName(u"messageMenu"_s);

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->setObjectName(u"helpMenu"_s);
    m_helpMenu->addAction(m_aboutAction);
    m_helpMenu->addAction(m_aboutQtAction);

    for (QMenu *menu : {m_fileMenu, m_editMenu, m_viewMenu, m_messageMenu, m_helpMenu})
        menu->menuAction()->setEnabled(!menu->isEmpty());
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("Fumi"));
    m_fileMenu->setTitle(tr("&File"));
    m_editMenu->setTitle(tr("&Edit"));
    m_viewMenu->setTitle(tr("&View"));
    m_messageMenu->setTitle(tr("&Message"));
    m_helpMenu->setTitle(tr("&Help"));

    m_quitAction->setText(tr("&Quit"));
    m_showFolderPaneAction->setText(tr("&Folder Pane"));
    m_showMessagePaneAction->setText(tr("&Message Pane"));
    m_fullScreenAction->setText(tr("F&ull Screen"));
    m_aboutAction->setText(tr("&About Fumi"));
    m_aboutQtAction->setText(tr("About &Qt"));

    m_accountStatus->setText(tr("No accounts set up"));
}

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
}

void MainWindow::saveWindowState()
{
    m_settings->setValue(geometryKey, saveGeometry());
    m_settings->setValue(stateKey, saveState());
    m_settings->setValue(mainSplitterKey, m_mainSplitter->saveState());
    m_settings->setValue(messageSplitterKey, m_messageSplitter->saveState());
    m_settings->setValue(folderPaneKey, m_showFolderPaneAction->isChecked());
    m_settings->setValue(messagePaneKey, m_showMessagePaneAction->isChecked());
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
