// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "models/DragPayload.h"
#include "models/MailboxTreeModel.h"

#include <QAbstractItemModelTester>
#include <QFont>
#include <QMimeData>
#include <QSignalSpy>
#include <QTest>

using namespace fumi;
using namespace fumi::models;
using namespace Qt::StringLiterals;

using Kind = MailboxTreeModel::NodeKind;

namespace {

const QString alice = u"alice-id"_s;
const QString bob = u"bob-id"_s;

store::MailboxRecord record(qint64 id, const QString &path, quint32 unseen = 0, quint32 messages = 0,
                            store::SpecialUse use = store::SpecialUse::None, bool subscribed = true)
{
    store::MailboxRecord r;
    r.id = id;
    r.path = path;
    r.separator = '/';
    r.specialUse = use;
    r.subscribed = subscribed;
    r.counts = {messages, unseen};
    return r;
}

QList<store::MailboxRecord> aliceFolders()
{
    store::MailboxRecord sent = record(5, u"Sent"_s, 0, 1, store::SpecialUse::Sent);
    sent.attributes = {"\\HasNoChildren", "\\NoInferiors", "\\Sent"};
    return {record(1, u"INBOX"_s, 3, 5),
            record(2, u"Archive"_s, 0, 0, store::SpecialUse::Archive, false),
            record(3, u"Archive/2025"_s, 2, 2),
            record(4, u"Work/Projects"_s, 0, 1), // "Work" itself is not listed
            sent,
            record(6, u"Trash"_s, 5, 5, store::SpecialUse::Trash, false),
            record(7, u"drafts"_s, 0, 1, store::SpecialUse::Drafts)};
}

QStringList names(const MailboxTreeModel &model, const QModelIndex &parent)
{
    QStringList result;
    for (int row = 0; row < model.rowCount(parent); ++row)
        result << model.index(row, 0, parent).data().toString();
    return result;
}

std::unique_ptr<QMimeData> messagesFrom(const QString &account, const QString &path)
{
    auto data = std::make_unique<QMimeData>();
    data->setData(MessageDrag::mimeType(), MessageDrag{{{account, path, 1, UidSet{1, 2}}}}.encode());
    return data;
}

std::unique_ptr<QMimeData> folder(const QString &account, const QString &path)
{
    auto data = std::make_unique<QMimeData>();
    data->setData(MailboxDrag::mimeType(), MailboxDrag{account, path}.encode());
    return data;
}

} // namespace

class tst_MailboxTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void buildsOneTreePerAccount()
    {
        MailboxTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.addAccount(alice, u"Alice"_s);
        model.addAccount(bob, u"Bob"_s);
        model.setMailboxes(alice, aliceFolders());
        model.setMailboxes(bob, {record(1, u"INBOX"_s, 4, 9)});

        QCOMPARE(names(model, {}), (QStringList{u"All Inboxes"_s, u"Alice"_s, u"Bob"_s}));
        QCOMPARE(model.index(0, 0).data(MailboxTreeModel::KindRole).value<Kind>(), Kind::AllInboxes);
        const QModelIndex account = model.indexOf(alice);
        QCOMPARE(account.data(MailboxTreeModel::KindRole).value<Kind>(), Kind::Account);
        // INBOX first, then by name whatever the case.
        QCOMPARE(names(model, account),
                 (QStringList{u"Inbox"_s, u"Archive"_s, u"Drafts"_s, u"Sent"_s, u"Trash"_s, u"Work"_s}));
        const QModelIndex work = model.indexOf(alice, u"Work"_s);
        QVERIFY(work.isValid());
        QCOMPARE(work.data(MailboxTreeModel::MailboxIdRole).toLongLong(), 0);
        QVERIFY(!work.data(MailboxTreeModel::SelectableRole).toBool());
        QCOMPARE(names(model, work), QStringList{u"Projects"_s});
        const QModelIndex projects = model.indexOf(alice, u"Work/Projects"_s);
        QCOMPARE(model.parent(projects), work);
        QCOMPARE(projects.data(MailboxTreeModel::PathRole).toString(), u"Work/Projects"_s);
        QCOMPARE(projects.data(MailboxTreeModel::MailboxIdRole).toLongLong(), 4);
        QCOMPARE(model.indexOf(alice, u"Sent"_s).data(MailboxTreeModel::SpecialUseRole).toInt(),
                 int(store::SpecialUse::Sent));
        QCOMPARE(model.indexOf(alice, u"Sent"_s).data(Qt::DecorationRole).metaType(), QMetaType::fromType<QIcon>());
        QCOMPARE(model.indexOf(alice, u"Archive/2025"_s).parent(), model.indexOf(alice, u"Archive"_s));
    }

    void countsUnreadMessages()
    {
        MailboxTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.addAccount(alice, u"Alice"_s);
        model.addAccount(bob, u"Bob"_s);
        model.setMailboxes(alice, aliceFolders());
        model.setMailboxes(bob, {record(1, u"INBOX"_s, 4, 9)});
        const QModelIndex inbox = model.indexOf(alice, u"INBOX"_s);
        QCOMPARE(inbox.data(MailboxTreeModel::UnreadCountRole).toInt(), 3);
        QCOMPARE(inbox.data(MailboxTreeModel::TotalCountRole).toInt(), 5);
        QVERIFY(inbox.data(Qt::FontRole).value<QFont>().bold());
        QVERIFY(model.indexOf(alice, u"Sent"_s).data(Qt::FontRole).isNull());
        // The account: every folder but Trash (and Junk).
        QCOMPARE(model.indexOf(alice).data(MailboxTreeModel::UnreadCountRole).toInt(), 5);
        QCOMPARE(model.allInboxesIndex().data(MailboxTreeModel::UnreadCountRole).toInt(), 7);
        QCOMPARE(model.allInboxesIndex().data(MailboxTreeModel::TotalCountRole).toInt(), 14);

        // A message list's delta brings new counts.
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        auto delta = std::make_shared<engine::MailboxDelta>();
        delta->mailboxId = 1;
        delta->counts = store::MailboxCounts{6, 1};
        model.applyDelta(alice, delta);
        QCOMPARE(inbox.data(MailboxTreeModel::UnreadCountRole).toInt(), 1);
        QCOMPARE(model.allInboxesIndex().data(MailboxTreeModel::UnreadCountRole).toInt(), 5);
        bool inboxChanged = false;
        for (const QList<QVariant> &signal : std::as_const(changed))
            inboxChanged = inboxChanged || signal.at(0).toModelIndex() == inbox;
        QVERIFY(inboxChanged);
        // The same mailbox id in the other account is another mailbox.
        QCOMPARE(model.indexOf(bob, u"INBOX"_s).data(MailboxTreeModel::UnreadCountRole).toInt(), 4);
    }

    void showsOnlySubscribedFolders()
    {
        MailboxTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.addAccount(alice, u"Alice"_s);
        QList<store::MailboxRecord> folders = aliceFolders();
        folders[0].subscribed = false; // INBOX shows all the same
        model.setMailboxes(alice, folders);
        const QPersistentModelIndex projects = model.indexOf(alice, u"Work/Projects"_s);
        model.setShowOnlySubscribed(true);
        QVERIFY(model.showOnlySubscribed());
        // Archive is not subscribed but holds the subscribed Archive/2025; Trash goes.
        QCOMPARE(names(model, model.indexOf(alice)),
                 (QStringList{u"Inbox"_s, u"Archive"_s, u"Drafts"_s, u"Sent"_s, u"Work"_s}));
        QVERIFY(projects.isValid()); // untouched folders keep their indexes
        QCOMPARE(projects.data(MailboxTreeModel::PathRole).toString(), u"Work/Projects"_s);
        model.setShowOnlySubscribed(false);
        QCOMPARE(model.rowCount(model.indexOf(alice)), 6);
    }

    void mergesANewFolderList()
    {
        MailboxTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.addAccount(alice, u"Alice"_s);
        model.setMailboxes(alice, aliceFolders());
        const QPersistentModelIndex inbox = model.indexOf(alice, u"INBOX"_s);
        const QPersistentModelIndex projects = model.indexOf(alice, u"Work/Projects"_s);
        QSignalSpy resetSpy(&model, &QAbstractItemModel::modelReset);
        // Archive/2025 renamed to Work/2025 by another device, Trash deleted, Junk created.
        QList<store::MailboxRecord> folders = aliceFolders();
        folders[2].path = u"Work/2025"_s;
        folders.removeAt(5);
        folders.append(record(8, u"Junk"_s, 0, 0, store::SpecialUse::Junk));
        model.setMailboxes(alice, folders);
        QCOMPARE(resetSpy.size(), 0);
        QVERIFY(inbox.isValid());
        QVERIFY(projects.isValid());
        QCOMPARE(projects.data(MailboxTreeModel::PathRole).toString(), u"Work/Projects"_s);
        QCOMPARE(names(model, model.indexOf(alice)),
                 (QStringList{u"Inbox"_s, u"Archive"_s, u"Drafts"_s, u"Junk"_s, u"Sent"_s, u"Work"_s}));
        QCOMPARE(names(model, model.indexOf(alice, u"Work"_s)), (QStringList{u"2025"_s, u"Projects"_s}));
        QCOMPARE(model.rowCount(model.indexOf(alice, u"Archive"_s)), 0);
        QCOMPARE(model.indexOf(alice, u"Work/2025"_s).data(MailboxTreeModel::MailboxIdRole).toLongLong(), 3);

        model.removeAccount(alice);
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(!inbox.isValid());
    }

    void showsEachAccountsState()
    {
        MailboxTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.addAccount(alice, u"Alice"_s);
        const QModelIndex account = model.indexOf(alice);
        QCOMPARE(account.data(MailboxTreeModel::SyncStateRole).value<MailboxTreeModel::SyncState>(),
                 MailboxTreeModel::SyncState::Offline);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setAccountState(alice, MailboxTreeModel::SyncState::Syncing);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(account.data(MailboxTreeModel::SyncStateRole).value<MailboxTreeModel::SyncState>(),
                 MailboxTreeModel::SyncState::Syncing);
        model.setAccountState(alice, MailboxTreeModel::SyncState::Error, u"Login failed"_s);
        QCOMPARE(account.data(MailboxTreeModel::SyncDetailRole).toString(), u"Login failed"_s);
        QVERIFY(account.data(Qt::ToolTipRole).toString().contains(u"Login failed"_s));
        QVERIFY(model.indexOf(alice, u"INBOX"_s).data(MailboxTreeModel::SyncStateRole).isNull());
    }

    void namesTheMailboxesAListShows()
    {
        MailboxTreeModel model;
        model.addAccount(alice, u"Alice"_s);
        model.addAccount(bob, u"Bob"_s);
        model.setMailboxes(alice, aliceFolders());
        model.setMailboxes(bob, {record(11, u"INBOX"_s)});
        QCOMPARE(model.mailboxKeys(model.allInboxesIndex()),
                 (QList<MailboxKey>{{alice, 1, u"INBOX"_s}, {bob, 11, u"INBOX"_s}}));
        QCOMPARE(model.mailboxKeys(model.indexOf(alice, u"Archive/2025"_s)),
                 (QList<MailboxKey>{{alice, 3, u"Archive/2025"_s}}));
        QVERIFY(model.mailboxKeys(model.indexOf(alice)).isEmpty());
        QVERIFY(model.mailboxKeys(model.indexOf(alice, u"Work"_s)).isEmpty());
    }

    void refusesDropsWithAReason_data()
    {
        QTest::addColumn<bool>("messages");
        QTest::addColumn<QString>("sourceAccount");
        QTest::addColumn<QString>("sourcePath");
        QTest::addColumn<int>("action");
        QTest::addColumn<QString>("target"); // "" the account node, "*" All Inboxes
        QTest::addColumn<int>("row");
        QTest::addColumn<QString>("refusal"); // a piece of the reason; "" when allowed

        const int move = Qt::MoveAction;
        const int copy = Qt::CopyAction;
        QTest::newRow("messages-moved-to-a-folder")
            << true << alice << u"INBOX"_s << move << u"Archive/2025"_s << -1 << QString();
        QTest::newRow("messages-copied-to-a-folder")
            << true << alice << u"INBOX"_s << copy << u"Archive/2025"_s << -1 << QString();
        QTest::newRow("messages-into-their-own-folder")
            << true << alice << u"INBOX"_s << move << u"INBOX"_s << -1 << u"already"_s;
        QTest::newRow("messages-onto-an-account")
            << true << alice << u"INBOX"_s << move << QString() << -1 << u"onto a folder"_s;
        QTest::newRow("messages-onto-all-inboxes")
            << true << alice << u"INBOX"_s << move << u"*"_s << -1 << u"onto a folder"_s;
        QTest::newRow("messages-between-folders")
            << true << alice << u"INBOX"_s << move << u"Archive"_s << 0 << u"onto a folder"_s;
        QTest::newRow("messages-onto-a-folder-not-listed")
            << true << alice << u"INBOX"_s << move << u"Work"_s << -1 << u"cannot hold"_s;
        QTest::newRow("messages-moved-from-another-account")
            << true << bob << u"INBOX"_s << move << u"Archive"_s << -1 << QString();
        QTest::newRow("messages-copied-from-another-account")
            << true << bob << u"INBOX"_s << copy << u"Archive"_s << -1 << u"not copied"_s;
        QTest::newRow("folder-under-another-folder")
            << false << alice << u"Archive/2025"_s << move << u"Work"_s << -1 << QString();
        QTest::newRow("folder-between-rows-goes-under-parent")
            << false << alice << u"Archive/2025"_s << move << u"Work/Projects"_s << 0 << QString();
        QTest::newRow("folder-to-the-top")
            << false << alice << u"Work/Projects"_s << move << QString() << -1 << QString();
        QTest::newRow("folder-into-itself")
            << false << alice << u"Archive"_s << move << u"Archive"_s << -1 << u"into itself"_s;
        QTest::newRow("folder-into-its-subfolder")
            << false << alice << u"Archive"_s << move << u"Archive/2025"_s << -1 << u"into itself"_s;
        QTest::newRow("inbox-never-moves")
            << false << alice << u"INBOX"_s << move << u"Archive"_s << -1 << u"INBOX cannot"_s;
        QTest::newRow("folder-copied") << false << alice << u"Archive/2025"_s << copy << u"Work"_s << -1
                                       << u"only be moved"_s;
        // Onto another account a folder is copied (asked first, see tst_ModelDragDrop).
        QTest::newRow("folder-to-another-account")
            << false << alice << u"Archive/2025"_s << move << u"bob:"_s << -1 << QString();
        QTest::newRow("folder-copied-to-another-account")
            << false << alice << u"Archive/2025"_s << copy << u"bob:"_s << -1 << QString();
        QTest::newRow("folder-to-another-accounts-folder")
            << false << alice << u"Archive/2025"_s << move << u"bob:INBOX"_s << -1 << QString();
        QTest::newRow("folder-name-taken-in-another-account")
            << false << alice << u"Work/Projects"_s << move << u"bob:"_s << -1 << u"There is a folder"_s;
        QTest::newRow("folder-where-it-is")
            << false << alice << u"Archive/2025"_s << move << u"Archive"_s << -1 << u"is there already"_s;
        QTest::newRow("folder-name-taken")
            << false << alice << u"Archive/Projects"_s << move << u"Work"_s << -1 << u"There is a folder"_s;
        QTest::newRow("folder-onto-all-inboxes")
            << false << alice << u"Work"_s << move << u"*"_s << -1 << u"onto an account"_s;
        QTest::newRow("folder-under-noinferiors")
            << false << alice << u"Archive/2025"_s << move << u"Sent"_s << -1 << u"cannot have subfolders"_s;
        QTest::newRow("folder-gone") << false << alice << u"Nowhere"_s << move << u"Work"_s << -1
                                     << u"no longer there"_s;
    }
    void refusesDropsWithAReason()
    {
        QFETCH(bool, messages);
        QFETCH(QString, sourceAccount);
        QFETCH(QString, sourcePath);
        QFETCH(int, action);
        QFETCH(QString, target);
        QFETCH(int, row);
        QFETCH(QString, refusal);
        MailboxTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.addAccount(alice, u"Alice"_s);
        model.addAccount(bob, u"Bob"_s);
        QList<store::MailboxRecord> folders = aliceFolders();
        folders.append(record(9, u"Archive/Projects"_s));
        model.setMailboxes(alice, folders);
        model.setMailboxes(bob, {record(1, u"INBOX"_s), record(2, u"Projects"_s)});

        QModelIndex parent;
        if (target == u"*"_s)
            parent = model.allInboxesIndex();
        else if (target.startsWith(u"bob:"_s))
            parent = model.indexOf(bob, target.mid(4));
        else
            parent = model.indexOf(alice, target);
        QVERIFY(parent.isValid());
        if (row >= 0) // between two rows under `parent`'s parent, as a view says it
            parent = parent.parent();
        const std::unique_ptr<QMimeData> data
            = messages ? messagesFrom(sourceAccount, sourcePath) : folder(sourceAccount, sourcePath);
        const QString reason = model.dropRefusal(data.get(), Qt::DropAction(action), row, 0, parent);
        if (refusal.isEmpty())
            QVERIFY2(reason.isEmpty(), qPrintable(reason));
        else
            QVERIFY2(reason.contains(refusal), qPrintable(reason));
        QCOMPARE(model.canDropMimeData(data.get(), Qt::DropAction(action), row, 0, parent), refusal.isEmpty());
        // Without an engine to send it to, no drop is taken.
        QVERIFY(!model.dropMimeData(data.get(), Qt::DropAction(action), row, 0, parent));
    }

    void describesAFolderCopyToAnotherAccount()
    {
        MailboxTreeModel model;
        model.addAccount(alice, u"Alice"_s);
        model.addAccount(bob, u"Bob"_s);
        model.setMailboxes(alice, aliceFolders());
        model.setMailboxes(bob, {record(1, u"INBOX"_s)});
        const std::unique_ptr<QMimeData> archive = folder(alice, u"Archive"_s);
        const auto copy = model.folderCopy(archive.get(), Qt::MoveAction, model.indexOf(bob, u"INBOX"_s));
        QVERIFY(copy);
        QCOMPARE(copy->account, alice);
        QCOMPARE(copy->path, u"Archive"_s);
        QCOMPARE(copy->targetAccount, bob);
        QCOMPARE(copy->targetAccountName, u"Bob"_s);
        QCOMPARE(copy->targetPath, u"INBOX/Archive"_s);
        QCOMPARE(copy->targetSeparator, '/');
        QCOMPARE(copy->folders, 2); // Archive and Archive/2025
        QCOMPARE(copy->messages, 2);
        // Within one account a folder drop is a move, not a copy.
        QVERIFY(!model.folderCopy(archive.get(), Qt::MoveAction, model.indexOf(alice, u"Work"_s)));
        // Nobody to ask: the copy is not made.
        QVERIFY(!model.dropMimeData(archive.get(), Qt::MoveAction, -1, 0, model.indexOf(bob)));
    }

    void dragsFoldersButNotInbox()
    {
        MailboxTreeModel model;
        model.addAccount(alice, u"Alice"_s);
        model.setMailboxes(alice, aliceFolders());
        const QModelIndex archive = model.indexOf(alice, u"Archive/2025"_s);
        QVERIFY(model.flags(archive).testFlag(Qt::ItemIsDragEnabled));
        QVERIFY(model.flags(archive).testFlag(Qt::ItemIsDropEnabled));
        QVERIFY(!model.flags(model.indexOf(alice, u"INBOX"_s)).testFlag(Qt::ItemIsDragEnabled));
        QVERIFY(!model.flags(model.allInboxesIndex()).testFlag(Qt::ItemIsDropEnabled));
        std::unique_ptr<QMimeData> data(model.mimeData({archive}));
        QVERIFY(data);
        QCOMPARE(MailboxDrag::decode(data->data(MailboxDrag::mimeType())).value_or(MailboxDrag{}),
                 (MailboxDrag{alice, u"Archive/2025"_s}));
        QVERIFY(!model.mimeData({model.indexOf(alice)}));
        QVERIFY(!model.dropRefusal(nullptr, Qt::MoveAction, -1, 0, archive).isEmpty());
        QMimeData text;
        text.setText(u"hello"_s);
        QVERIFY(!model.canDropMimeData(&text, Qt::MoveAction, -1, 0, archive));
    }

    // Saved searches come last, under their own node, after every account (also one added
    // later); adding, renaming and removing one moves only its row; no list, no node.
    void listsSavedSearchesLast_data()
    {
        QTest::addColumn<QList<SavedSearch>>("then");
        QTest::addColumn<int>("removals");
        QTest::addColumn<int>("insertions");
        QTest::addColumn<int>("changes");
        const SavedSearch a{u"Unread"_s, u"is:unread"_s};
        const SavedSearch b{u"Bob"_s, u"from:bob"_s};
        const SavedSearch c{u"Big"_s, u"larger:1M"_s};
        QTest::newRow("added-at-the-end") << QList<SavedSearch>{a, b, c, {u"New"_s, u"new"_s}} << 0 << 1 << 0;
        QTest::newRow("renamed-in-place") << QList<SavedSearch>{a, {u"Bobby"_s, u"from:bob"_s}, c} << 0 << 0 << 1;
        QTest::newRow("middle-removed") << QList<SavedSearch>{a, c} << 1 << 0 << 0;
        QTest::newRow("all-removed") << QList<SavedSearch>{} << 1 << 0 << 0;
    }

    void listsSavedSearchesLast()
    {
        QFETCH(QList<SavedSearch>, then);
        QFETCH(int, removals);
        QFETCH(int, insertions);
        QFETCH(int, changes);
        MailboxTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
        model.addAccount(u"a"_s, u"Work"_s);
        const QList<SavedSearch> first{
            {u"Unread"_s, u"is:unread"_s}, {u"Bob"_s, u"from:bob"_s}, {u"Big"_s, u"larger:1M"_s}};
        model.setSavedSearches(first);
        model.addAccount(u"b"_s, u"Home"_s);
        QCOMPARE(model.rowCount(), 4);
        const QModelIndex node = model.index(3, 0);
        QCOMPARE(node.data(MailboxTreeModel::KindRole).value<Kind>(), Kind::SavedSearches);
        QCOMPARE(node.data().toString(), u"Saved Searches"_s);
        QVERIFY(!(model.flags(node) & Qt::ItemIsSelectable));
        QCOMPARE(model.index(2, 0).data().toString(), u"Home"_s);
        QCOMPARE(model.savedSearchIndex(1).data(MailboxTreeModel::QueryRole).toString(), u"from:bob"_s);
        QCOMPARE(model.savedSearchIndex(1).data(MailboxTreeModel::KindRole).value<Kind>(), Kind::SavedSearch);
        QVERIFY(model.mailboxKeys(model.savedSearchIndex(1)).isEmpty());

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        model.setSavedSearches(then);
        QCOMPARE(removed.size(), removals);
        QCOMPARE(inserted.size(), insertions);
        QCOMPARE(changed.size(), changes);
        for (int row = 0; row < then.size(); ++row) {
            QCOMPARE(model.savedSearchIndex(row).data().toString(), then[row].name);
            QCOMPARE(model.savedSearchIndex(row).data(MailboxTreeModel::QueryRole).toString(), then[row].query);
        }
        QVERIFY(!model.savedSearchIndex(int(then.size())).isValid());
        QCOMPARE(model.rowCount(), then.isEmpty() ? 3 : 4);
    }
};

QTEST_MAIN(tst_MailboxTreeModel)
#include "tst_MailboxTreeModel.moc"
