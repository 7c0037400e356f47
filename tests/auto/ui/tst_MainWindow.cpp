// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/Profile.h"
#include "models/AccountRegistry.h"
#include "models/MailboxTreeModel.h"
#include "models/MessageListModel.h"
#include "ui/AboutDialog.h"
#include "ui/AccountsController.h"
#include "ui/FolderPickerDialog.h"
#include "ui/MainWindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QHeaderView>
#include <QImage>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QMessageBox>
#include <QPixmap>
#include <QSettings>
#include <QSplitter>
#include <QTemporaryDir>
#include <QTest>
#include <QTimeZone>
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

store::MailboxRecord folderRecord(qint64 id, const QString &path, store::SpecialUse use = store::SpecialUse::None,
                                  quint32 messages = 0)
{
    store::MailboxRecord record;
    record.id = id;
    record.path = path;
    record.separator = '/';
    record.specialUse = use;
    record.subscribed = true;
    record.selectable = true;
    record.counts = {messages, 0};
    return record;
}

const QString accountId = u"alice-id"_s;

// One account's folders, by hand: INBOX, the special-use folders under server names that are
// not the user's language, and folders the user named.
void feedFolders(models::MailboxTreeModel *model)
{
    model->addAccount(accountId, u"Alice"_s);
    model->setMailboxes(accountId,
                        {folderRecord(1, u"INBOX"_s, store::SpecialUse::None, 3),
                         folderRecord(2, u"Drafts"_s, store::SpecialUse::Drafts),
                         folderRecord(3, u"Sent Items"_s, store::SpecialUse::Sent),
                         folderRecord(4, u"Spam"_s, store::SpecialUse::Junk),
                         folderRecord(5, u"Deleted Items"_s, store::SpecialUse::Trash),
                         folderRecord(6, u"Archive"_s, store::SpecialUse::Archive),
                         folderRecord(7, u"Sent"_s), // named so by the user, no SPECIAL-USE
                         folderRecord(8, u"Projects"_s, store::SpecialUse::None, 2)});
}

// Whether `icon` paints anything at 16 × 16.
bool paintsSomething(const QIcon &icon)
{
    const QImage image = icon.pixmap(16, 16).toImage();
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (qAlpha(image.pixel(x, y)) > 0)
                return true;
    return false;
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
    void specialFoldersShowInTheUsersLanguage_data();
    void specialFoldersShowInTheUsersLanguage();
    void iconsAreDrawnWithoutAnIconTheme();
    void iconColumnsHaveIconHeadersAndTextColumnsFit();
    void lastFolderReopensAndAGoneOneFallsBack();
    void screenshotsInEnglishAndJapanese();
    void markReadDelayIsChosenFromTheMessageMenu();

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

void TestMainWindow::specialFoldersShowInTheUsersLanguage_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("english");
    QTest::addColumn<QString>("japanese");
    QTest::newRow("inbox-by-name") << u"INBOX"_s << u"Inbox"_s << u"受信トレイ"_s;
    QTest::newRow("drafts") << u"Drafts"_s << u"Drafts"_s << u"下書き"_s;
    QTest::newRow("sent-by-special-use") << u"Sent Items"_s << u"Sent"_s << u"送信済み"_s;
    QTest::newRow("junk-by-special-use") << u"Spam"_s << u"Junk"_s << u"迷惑メール"_s;
    QTest::newRow("trash-by-special-use") << u"Deleted Items"_s << u"Trash"_s << u"ごみ箱"_s;
    QTest::newRow("archive") << u"Archive"_s << u"Archive"_s << u"アーカイブ"_s;
    QTest::newRow("named-sent-by-the-user") << u"Sent"_s << u"Sent"_s << u"Sent"_s;
    QTest::newRow("named-by-the-user") << u"Projects"_s << u"Projects"_s << u"Projects"_s;
}

void TestMainWindow::specialFoldersShowInTheUsersLanguage()
{
    QFETCH(QString, path);
    QFETCH(QString, english);
    QFETCH(QString, japanese);
    auto settings = freshSettings();
    MainWindow window(settings.get());
    feedFolders(window.folderModel());
    const QModelIndex folder = window.folderModel()->indexOf(accountId, path);
    QVERIFY(folder.isValid());
    QCOMPARE(folder.data().toString(), english);
    auto *folderView = window.findChild<QTreeView *>(u"folderView"_s);
    folderView->setCurrentIndex(folder);
    QCOMPARE(window.windowTitle(), QString(english + u" — Fumi"_s));

    QTranslator translator;
    QVERIFY(translator.load(QLocale(QLocale::Japanese, QLocale::Japan), u"fumi"_s, u"_"_s, u":/i18n"_s));
    QCoreApplication::installTranslator(&translator);
    QCoreApplication::processEvents();
    QCOMPARE(folder.data().toString(), japanese);
    // Only what is shown changes: the server's name is what goes to the server.
    QCOMPARE(folder.data(models::MailboxTreeModel::PathRole).toString(), path);
    QCOMPARE(window.windowTitle(), QString(japanese + u" — Fumi"_s));
    // The folder picker shows the same names.
    ui::FolderPickerDialog picker(window.folderModel(), u"Move To"_s);
    auto *pickerView = picker.findChild<QTreeView *>(u"folderPicker"_s);
    QVERIFY(pickerView);
    QCOMPARE(pickerView->model()->index(folder.row(), 0, folder.parent()).data().toString(), japanese);
    QCoreApplication::removeTranslator(&translator);
    QCoreApplication::processEvents();
    QCOMPARE(folder.data().toString(), english);
}

void TestMainWindow::iconsAreDrawnWithoutAnIconTheme()
{
    auto settings = freshSettings();
    MainWindow window(settings.get());
    feedFolders(window.folderModel());
    models::MailboxTreeModel *tree = window.folderModel();
    const QStringList folders{u"INBOX"_s,         u"Drafts"_s,  u"Sent Items"_s, u"Spam"_s,
                              u"Deleted Items"_s, u"Archive"_s, u"Projects"_s};
    for (const QString &path : folders) {
        const QIcon icon = tree->indexOf(accountId, path).data(Qt::DecorationRole).value<QIcon>();
        QVERIFY2(paintsSomething(icon), qPrintable(path));
    }
    QVERIFY(paintsSomething(tree->allInboxesIndex().data(Qt::DecorationRole).value<QIcon>()));
    QVERIFY(paintsSomething(tree->indexOf(accountId).data(Qt::DecorationRole).value<QIcon>()));
    // Different folders, different pictures.
    const QImage inbox
        = tree->indexOf(accountId, u"INBOX"_s).data(Qt::DecorationRole).value<QIcon>().pixmap(16).toImage();
    const QImage trash
        = tree->indexOf(accountId, u"Deleted Items"_s).data(Qt::DecorationRole).value<QIcon>().pixmap(16).toImage();
    QVERIFY(inbox != trash);
    for (const int column :
         {int(models::MessageListModel::FlagColumn), int(models::MessageListModel::AttachmentColumn)})
        QVERIFY(paintsSomething(
            window.messageModel()->headerData(column, Qt::Horizontal, Qt::DecorationRole).value<QIcon>()));
}

void TestMainWindow::iconColumnsHaveIconHeadersAndTextColumnsFit()
{
    using models::MessageListModel;
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QLocale::Japanese, QLocale::Japan), u"fumi"_s, u"_"_s, u":/i18n"_s));
    for (const bool japanese : {false, true}) {
        if (japanese)
            QCoreApplication::installTranslator(&translator);
        auto settings = freshSettings();
        MainWindow window(settings.get());
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        const MessageListModel *model = window.messageModel();
        auto *header = window.findChild<QTreeView *>(u"messageListView"_s)->header();
        const QString attachment = japanese ? u"添付ファイル"_s : u"Attachment"_s;
        QCOMPARE(model->headerData(MessageListModel::AttachmentColumn, Qt::Horizontal, Qt::ToolTipRole).toString(),
                 attachment);
        QCOMPARE(
            model->headerData(MessageListModel::AttachmentColumn, Qt::Horizontal, Qt::AccessibleTextRole).toString(),
            attachment);
        QVERIFY(model->headerData(MessageListModel::AttachmentColumn, Qt::Horizontal).toString().isEmpty());
        QVERIFY(model->headerData(MessageListModel::FlagColumn, Qt::Horizontal).toString().isEmpty());
        const int iconSize = header->style()->pixelMetric(QStyle::PM_SmallIconSize);
        for (const int column : {int(MessageListModel::FlagColumn), int(MessageListModel::AttachmentColumn)}) {
            QVERIFY(header->sectionSize(column) >= iconSize);
            QVERIFY(header->sectionSize(column) <= iconSize * 3);
        }
        const QFontMetrics metrics(header->font());
        for (const int column : {int(MessageListModel::FromColumn), int(MessageListModel::DateColumn),
                                 int(MessageListModel::SizeColumn)}) {
            const QString title = model->headerData(column, Qt::Horizontal).toString();
            QVERIFY2(header->sectionSize(column) > metrics.horizontalAdvance(title), qPrintable(title));
        }
        if (japanese)
            QCoreApplication::removeTranslator(&translator);
    }
}

void TestMainWindow::lastFolderReopensAndAGoneOneFallsBack()
{
    {
        auto settings = freshSettings();
        MainWindow window(settings.get());
        feedFolders(window.folderModel());
        auto *folderView = window.findChild<QTreeView *>(u"folderView"_s);
        folderView->setCurrentIndex(window.folderModel()->indexOf(accountId, u"Projects"_s));
        QVERIFY(window.close());
    }
    {
        auto settings = freshSettings();
        QCOMPARE(settings->value(u"MainWindow/lastFolder"_s).toStringList(), (QStringList{accountId, u"Projects"_s}));
        MainWindow window(settings.get());
        auto *folderView = window.findChild<QTreeView *>(u"folderView"_s);
        // All Inboxes until the account's folders are there, then the folder of last time.
        QCOMPARE(folderView->currentIndex(), window.folderModel()->allInboxesIndex());
        feedFolders(window.folderModel());
        QTRY_COMPARE(folderView->currentIndex(), window.folderModel()->indexOf(accountId, u"Projects"_s));
        QCOMPARE(window.messageModel()->mailboxes().size(), 1);
        QCOMPARE(window.messageModel()->mailboxes().first().path, u"Projects"_s);
        // Back to All Inboxes, remembered as such.
        folderView->setCurrentIndex(window.folderModel()->allInboxesIndex());
        QVERIFY(window.close());
    }
    {
        auto settings = freshSettings();
        QVERIFY(settings->value(u"MainWindow/lastFolder"_s).toStringList().isEmpty());
        settings->setValue(u"MainWindow/lastFolder"_s, QStringList{accountId, u"Gone"_s});
        MainWindow window(settings.get());
        feedFolders(window.folderModel());
        auto *folderView = window.findChild<QTreeView *>(u"folderView"_s);
        QTest::qWait(50);
        QCOMPARE(folderView->currentIndex(), window.folderModel()->allInboxesIndex());
    }
}

void TestMainWindow::screenshotsInEnglishAndJapanese()
{
    using models::MessageListModel;
    QTranslator translator;
    QVERIFY(translator.load(QLocale(QLocale::Japanese, QLocale::Japan), u"fumi"_s, u"_"_s, u":/i18n"_s));
    const QDir directory(QStringLiteral(FUMI_SCREENSHOT_DIR "/screenshots"));
    QVERIFY(directory.mkpath(u"."_s));
    for (const bool japanese : {false, true}) {
        if (japanese)
            QCoreApplication::installTranslator(&translator);
        auto settings = freshSettings();
        MainWindow window(settings.get());
        feedFolders(window.folderModel());
        window.resize(1100, 620);
        window.show();
        QVERIFY(QTest::qWaitForWindowExposed(&window));
        auto *folderView = window.findChild<QTreeView *>(u"folderView"_s);
        folderView->expandAll();
        folderView->setCurrentIndex(window.folderModel()->indexOf(accountId, u"INBOX"_s));
        auto delta = std::make_shared<engine::MailboxDelta>();
        delta->mailboxId = 1;
        const QStringList subjects{u"週次レポート"_s, u"Build results for Fumi"_s, u"Lunch on Friday?"_s};
        for (int i = 0; i < subjects.size(); ++i) {
            store::MessageRecord row;
            row.uid = Uid(i + 1);
            row.subject = subjects.at(i);
            row.fromName = i == 0 ? u"山田 花子"_s : u"Bob Example"_s;
            row.fromAddress = u"sender@example.org"_s;
            row.internalDate = QDateTime(QDate(2026, 1, 5 + i), QTime(9, 30), QTimeZone::UTC);
            row.date = row.internalDate;
            row.size = 2048 * (i + 1);
            row.hasAttachment = i != 2;
            if (i == 0)
                row.flags.set(Flags::System::Flagged);
            if (i != 1)
                row.flags.set(Flags::System::Seen);
            delta->inserted.push_back(row);
        }
        window.messageModel()->applyDelta(accountId, delta);
        QCOMPARE(window.messageModel()->rowCount(), 3);
        QCoreApplication::processEvents();
        const QString file = directory.filePath(japanese ? u"main-window-ja.png"_s : u"main-window-en.png"_s);
        QVERIFY(window.grab().save(file));
        if (japanese)
            QCoreApplication::removeTranslator(&translator);
    }
}

void TestMainWindow::markReadDelayIsChosenFromTheMessageMenu()
{
    auto settings = freshSettings();
    const auto delays = [](MainWindow &window) {
        auto *menu = window.findChild<QMenu *>(u"markReadMenu"_s);
        QList<QAction *> actions = menu ? menu->actions() : QList<QAction *>();
        return actions;
    };
    {
        MainWindow window(settings.get());
        const QList<QAction *> actions = delays(window);
        QCOMPARE(actions.size(), 4);
        // A fresh profile marks a message read as it opens.
        QVERIFY(actions.at(0)->isChecked());
        QCOMPARE(actions.at(0)->data().toInt(), 0);
        actions.at(2)->trigger();
        QCOMPARE(settings->value(u"MessageList/markReadDelayMs"_s).toInt(), 5000);
        QVERIFY(!actions.at(0)->isChecked());
        actions.at(3)->trigger();
        QCOMPARE(settings->value(u"MessageList/markReadDelayMs"_s).toInt(), -1);
    }
    MainWindow again(settings.get());
    const QList<QAction *> actions = delays(again);
    QCOMPARE(actions.size(), 4);
    QVERIFY(actions.at(3)->isChecked());
    QVERIFY(!actions.at(3)->text().isEmpty());
}

QTEST_MAIN(TestMainWindow)
#include "tst_MainWindow.moc"
