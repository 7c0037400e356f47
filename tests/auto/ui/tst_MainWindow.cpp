// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/Profile.h"
#include "models/AccountRegistry.h"
#include "models/MessageListModel.h"
#include "ui/AboutDialog.h"
#include "ui/AccountsController.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QSettings>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>
#include <QTranslator>
#include <QTreeView>

#include <memory>

using namespace fumi;
using namespace Qt::StringLiterals;

namespace {

QAction *actionWithRole(const QMenu *menu, QAction::MenuRole role)
{
    for (QAction *action : menu->actions()) {
        if (action->menuRole() == role)
            return action;
    }
    return nullptr;
}

// Triggers `action` and tells whether it opened a modal dialog of type Dialog (then closed).
template <typename Dialog>
bool opensModal(QAction *action)
{
    bool shown = false;
    QTimer::singleShot(0, action, [&shown] {
        auto *dialog = qobject_cast<Dialog *>(QApplication::activeModalWidget());
        shown = dialog != nullptr;
        if (dialog)
            dialog->reject();
    });
    action->trigger();
    return shown;
}

} // namespace

class TestMainWindow : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void hasStandardMenusInOrder();
    void emptyMenusAreDisabled();
    void quitAndFullScreenWork();
    void aboutQtOpens();
    void panesToggleFromViewMenu();
    void splitterSizesAndPanesPersist();
    void geometryPersists();
    void aboutDialogShowsVersion();
    void japaneseTranslationApplies();
    void listColumnsAndViewTogglesPersist();
    void emptyProfileStartsNoEngine();

private:
    std::unique_ptr<QSettings> freshSettings();

    std::unique_ptr<QTemporaryDir> m_dir;
};

std::unique_ptr<QSettings> TestMainWindow::freshSettings()
{
    return std::make_unique<QSettings>(m_dir->filePath(u"window.ini"_s), QSettings::IniFormat);
}

void TestMainWindow::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
}

void TestMainWindow::hasStandardMenusInOrder()
{
    auto settings = freshSettings();
    MainWindow window(settings.get());
    QStringList names;
    for (QAction *action : window.menuBar()->actions())
        names << action->menu()->objectName();
    QCOMPARE(names,
             (QStringList{u"fileMenu"_s, u"editMenu"_s, u"viewMenu"_s, u"goMenu"_s, u"messageMenu"_s, u"helpMenu"_s}));

    QStringList titles;
    for (QAction *action : window.menuBar()->actions())
        titles << action->text();
    QCOMPARE(titles, (QStringList{u"&File"_s, u"&Edit"_s, u"&View"_s, u"&Go"_s, u"&Message"_s, u"&Help"_s}));
}

void TestMainWindow::emptyMenusAreDisabled()
{
    auto settings = freshSettings();
    MainWindow window(settings.get());
    for (QAction *menuAction : window.menuBar()->actions()) {
        const QMenu *menu = menuAction->menu();
        QCOMPARE(menuAction->isEnabled(), !menu->isEmpty());
    }
}

void TestMainWindow::quitAndFullScreenWork()
{
    auto settings = freshSettings();
    MainWindow window(settings.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *fullScreen = window.findChild<QAction *>(u"fullScreenAction"_s);
    QAction *quit = actionWithRole(window.findChild<QMenu *>(u"fileMenu"_s), QAction::QuitRole);
    QVERIFY(fullScreen && quit);
    fullScreen->trigger();
    QVERIFY(window.windowState().testFlag(Qt::WindowFullScreen));
    fullScreen->trigger();
    QVERIFY(!window.windowState().testFlag(Qt::WindowFullScreen));

    quit->trigger();
    QVERIFY(!window.isVisible());
}

void TestMainWindow::aboutQtOpens()
{
    auto settings = freshSettings();
    MainWindow window(settings.get());
    QAction *aboutQt = actionWithRole(window.findChild<QMenu *>(u"helpMenu"_s), QAction::AboutQtRole);
    QVERIFY(aboutQt);
    QVERIFY(opensModal<QMessageBox>(aboutQt));
}

void TestMainWindow::panesToggleFromViewMenu()
{
    auto settings = freshSettings();
    MainWindow window(settings.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *folderView = window.findChild<QWidget *>(u"folderView"_s);
    auto *messageView = window.findChild<QWidget *>(u"messageView"_s);
    auto *showFolders = window.findChild<QAction *>(u"showFolderPaneAction"_s);
    auto *showMessage = window.findChild<QAction *>(u"showMessagePaneAction"_s);
    QVERIFY(folderView && messageView && showFolders && showMessage);

    QVERIFY(folderView->isVisible());
    showFolders->trigger();
    QVERIFY(!folderView->isVisible());
    showFolders->trigger();
    QVERIFY(folderView->isVisible());

    showMessage->trigger();
    QVERIFY(!messageView->isVisible());
}

void TestMainWindow::splitterSizesAndPanesPersist()
{
    QList<int> mainSizes;
    QList<int> messageSizes;
    {
        auto settings = freshSettings();
        MainWindow window(settings.get());
        window.resize(760, 560); // within the offscreen screen, which restoreGeometry() respects
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *mainSplitter = window.findChild<QSplitter *>(u"mainSplitter"_s);
        auto *messageSplitter = window.findChild<QSplitter *>(u"messageSplitter"_s);
        mainSplitter->setSizes({300, 460});
        messageSplitter->setSizes({150, 360});
        mainSizes = mainSplitter->sizes();
        messageSizes = messageSplitter->sizes();
        QVERIFY(window.close());
    }
    QVERIFY(mainSizes.first() != 220); // not the default, so the test can tell
    {
        auto settings = freshSettings();
        MainWindow window(settings.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QCOMPARE(window.findChild<QSplitter *>(u"mainSplitter"_s)->sizes(), mainSizes);
        QCOMPARE(window.findChild<QSplitter *>(u"messageSplitter"_s)->sizes(), messageSizes);
        // Hidden panes stay hidden across a restart.
        window.findChild<QAction *>(u"showMessagePaneAction"_s)->setChecked(false);
        QVERIFY(window.close());
    }
    auto settings = freshSettings();
    MainWindow window(settings.get());
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    auto *messageView = window.findChild<QWidget *>(u"messageView"_s);
    auto *showMessagePane = window.findChild<QAction *>(u"showMessagePaneAction"_s);
    QVERIFY(!showMessagePane->isChecked());
    QVERIFY(!messageView->isVisible());
    // Shown again, the pane comes back with room to read in.
    showMessagePane->setChecked(true);
    QVERIFY(messageView->isVisible());
    QTRY_VERIFY(messageView->height() > 100);
}

void TestMainWindow::geometryPersists()
{
    {
        auto settings = freshSettings();
        MainWindow window(settings.get());
        window.resize(777, 555);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        QVERIFY(window.close());
    }
    auto settings = freshSettings();
    MainWindow window(settings.get());
    QCOMPARE(window.size(), QSize(777, 555));
}

void TestMainWindow::aboutDialogShowsVersion()
{
    QApplication::setApplicationVersion(u"9.8.7"_s);
    AboutDialog dialog;
    auto *title = dialog.findChild<QLabel *>(u"aboutTitle"_s);
    QVERIFY(title);
    QVERIFY2(title->text().contains(u"9.8.7"_s), qPrintable(title->text()));

    // Help → About Fumi opens it, and Close closes it.
    auto settings = freshSettings();
    MainWindow window(settings.get());
    QVERIFY(opensModal<AboutDialog>(window.findChild<QAction *>(u"aboutAction"_s)));
}

void TestMainWindow::japaneseTranslationApplies()
{
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QLocale::Japanese, QLocale::Japan), u"fumi"_s, u"_"_s, u":/i18n"_s));
    auto settings = freshSettings();
    MainWindow window(settings.get());
    QCoreApplication::installTranslator(&translator); // sends LanguageChange to the window
    QCoreApplication::processEvents();
    const auto menus = window.menuBar()->actions();
    QCOMPARE(menus.first()->text(), u"ファイル(&F)"_s);
    QCOMPARE(menus.last()->text(), u"ヘルプ(&H)"_s);
    QCOMPARE(window.findChild<QLabel *>(u"accountStatus"_s)->text(), u"アカウントが設定されていません"_s);
    QCoreApplication::removeTranslator(&translator);
    QCoreApplication::processEvents();
    QCOMPARE(menus.first()->text(), u"&File"_s);
}

void TestMainWindow::listColumnsAndViewTogglesPersist()
{
    int fromWidth = 0;
    {
        auto settings = freshSettings();
        MainWindow window(settings.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *header = window.findChild<QTreeView *>(u"messageListView"_s)->header();
        header->resizeSection(models::MessageListModel::FromColumn, 321);
        header->moveSection(header->visualIndex(models::MessageListModel::DateColumn), 0);
        fromWidth = header->sectionSize(models::MessageListModel::FromColumn);
        window.findChild<QAction *>(u"threadsAction"_s)->setChecked(true);
        QVERIFY(window.messageModel()->isThreaded());
        QVERIFY(window.close());
    }
    QCOMPARE(fromWidth, 321);
    auto settings = freshSettings();
    MainWindow window(settings.get());
    auto *header = window.findChild<QTreeView *>(u"messageListView"_s)->header();
    QCOMPARE(header->sectionSize(models::MessageListModel::FromColumn), 321);
    QCOMPARE(header->visualIndex(models::MessageListModel::DateColumn), 0);
    QVERIFY(window.findChild<QAction *>(u"threadsAction"_s)->isChecked());
    QVERIFY(window.messageModel()->isThreaded());
}

void TestMainWindow::emptyProfileStartsNoEngine()
{
    models::AccountRegistry registry;
    ui::AccountsController controller(&registry);
    QVERIFY2(controller.startProfile(account::Profile::inDirectory(m_dir->path())),
             qPrintable(controller.errorString()));
    QCOMPARE(controller.runningCount(), 0);
    QVERIFY(registry.accounts().isEmpty());
    // A damaged accounts file is an error the window can show, not a crash.
    const QString accounts = account::Profile::inDirectory(m_dir->path()).accountsFile();
    QVERIFY(QDir().mkpath(QFileInfo(accounts).path()));
    QFile file(accounts);
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("{ not json");
    file.close();
    ui::AccountsController broken(&registry);
    QVERIFY(!broken.startProfile(account::Profile::inDirectory(m_dir->path())));
    QVERIFY(!broken.errorString().isEmpty());
}

QTEST_MAIN(TestMainWindow)
#include "tst_MainWindow.moc"
