<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ja_JP">
<context>
    <name>fumi::AboutDialog</name>
    <message>
        <source>About Fumi</source>
        <translation>Fumi について</translation>
    </message>
    <message>
        <source>Fumi %1</source>
        <translation>Fumi %1</translation>
    </message>
    <message>
        <source>A mail client for people who read the same mail on several devices: it keeps folders, messages and flags in agreement with your IMAP servers.</source>
        <translation>複数のデバイスで同じメールを読む人のためのメールクライアントです。フォルダー、メッセージ、フラグを IMAP サーバーと常に一致させます。</translation>
    </message>
    <message>
        <source>Licensed under the GNU General Public License, version 3 or later.</source>
        <translation>GNU 一般公衆利用許諾書 バージョン 3 またはそれ以降のもとで配布されています。</translation>
    </message>
    <message>
        <source>Built with Qt %1, running on Qt %2.</source>
        <translation>Qt %1 でビルドされ、Qt %2 で動作しています。</translation>
    </message>
</context>
<context>
    <name>fumi::MainWindow</name>
    <message>
        <source>Fumi</source>
        <translation>Fumi</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>ファイル(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>編集(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>表示(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Message</source>
        <translation>メッセージ(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>ヘルプ(&amp;H)</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>終了(&amp;Q)</translation>
    </message>
    <message>
        <source>&amp;Folder Pane</source>
        <translation>フォルダーペイン(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Message Pane</source>
        <translation>メッセージペイン(&amp;M)</translation>
    </message>
    <message>
        <source>F&amp;ull Screen</source>
        <translation>全画面表示(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;About Fumi</source>
        <translation>Fumi について(&amp;A)</translation>
    </message>
    <message>
        <source>About &amp;Qt</source>
        <translation>Qt について(&amp;Q)</translation>
    </message>
    <message>
        <source>No accounts set up</source>
        <translation>アカウントが設定されていません</translation>
    </message>
    <message>
        <source>1 message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Get Messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Threads</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only &amp;Subscribed Folders</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync &amp;Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sync Health</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Show &amp;Tray Icon</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Next Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Previous Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Next &amp;Unread Message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toggle &amp;Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Toggle &amp;Star</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Move To…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Copy To…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark &amp;All Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked %1 as read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked %1 as unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Starred %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Removed the star from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copy To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Move To</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages can be moved to another account, not copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Marked all messages in %1 as read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the last change</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online: %1 of %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1, syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — offline: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Mark All Read</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Subfolder…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribed from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribed to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Name of the new folder:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Rename Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New name:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete Folder</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Delete the folder %1 and the %2 in it? Undo brings the folder back, but not its messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted folder %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fumi::account::KeychainCredentialStore</name>
    <message>
        <source>password</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>OAuth refresh token</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available: Fumi stores passwords only in a keychain and needs a Secret Service provider (GNOME Keyring, KeePassXC) or KWallet on the D-Bus session bus. Start or install one, or use a password command instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No keychain is available: Fumi stores passwords only in the system keychain. Use a password command instead.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain said: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No %1 is stored in the keychain for this account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain did not give access to the %1: it stayed locked, or access was refused.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The keychain failed with the %1.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fumi::account::PasswordCommand</name>
    <message>
        <source>%1 s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>It said: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password command did not finish within %1 and was stopped.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password command was ended by a signal.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password command could not be run (exit code %1).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password command failed with exit code %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password command printed no password: its first output line is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No password command is set.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The password command could not be started: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fumi::engine::AccountConnector</name>
    <message>
        <source>No password is stored for the account &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; signs in with OAuth2, but its provider &quot;%2&quot; is unknown.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 has changed since you trusted it. It may have been renewed, or someone may be intercepting the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused a fresh access token too: please sign in again. (%1)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fumi::engine::AccountEngine</name>
    <message>
        <source>The account engine has stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cannot create the account&apos;s cache directory %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; is in use by %2 (process %3 on %4); close it there first</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>another program</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; is in use by another process</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not connect to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account is not started</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is no mailbox &quot;%1&quot;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The mailbox closed before the message was fetched</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account %1 is not open.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fumi::engine::OperationJournal</name>
    <message>
        <source>The folder is not known.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No messages were given.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>None of the messages is in the folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The messages are already in that folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder named %1 exists already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target folder needs a name.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is nothing to undo.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This step cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder the messages came from is gone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This Fumi does not know the operation &quot;%1&quot;.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 was replaced on the server since the operation was made; it was not carried out.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The target folder no longer exists.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder %1 does not exist on the server; nothing was moved or copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other account accepted the message but does not show it; the original was kept.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The account %1 is not open; the messages were left where they were.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The messages are back, but their copies in the other account could not be removed: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Changed flags of %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not say where the messages went (no UIDPLUS), so this cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>These messages were removed for good.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Created folder %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Renamed folder %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Deleted folder %1 (undo brings the folder back empty)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subscribed to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unsubscribed from %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Added a message to %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not say which message was added (no UIDPLUS), so this cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved %1 to %2 in another account</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other server did not say where the messages went, so this cannot be undone.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 (cannot be undone)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fumi::imap::Connection</name>
    <message>
        <source>No answer from %1 within %2 seconds.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server closed the connection.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted (%2). SHA-256 fingerprint: %3</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent data that is not IMAP (at byte %1: %2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server&apos;s compressed data is corrupt.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compression could not be started.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 did not greet like an IMAP server.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused the connection: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server skipped STARTTLS with PREAUTH, but a secure connection is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not offer STARTTLS, but a secure connection is required.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server refused STARTTLS: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server sent data after agreeing to STARTTLS; the connection is not safe.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server did not list its capabilities.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The connection is not encrypted.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server rejected the login: %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 does not allow logging in with a password here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 offers no OAuth2 sign-in (OAUTHBEARER or XOAUTH2).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server asked for data no command was going to send.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The server answered a command that was never sent (tag %1).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fumi::models::MailboxTreeModel</name>
    <message>
        <source>All Inboxes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing is being dragged.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Only messages and folders can be dropped here.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop the messages onto a folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” cannot hold messages.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages can only be moved or copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dragged messages cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Messages can be moved to another account, not copied.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The other account is not open.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The messages are in “%1” already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The dragged folder cannot be read.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders can only be moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Drop the folder onto an account or another folder.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Folders cannot be moved to another account.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>INBOX cannot be moved.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The folder “%1” is no longer there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A folder cannot be moved into itself or one of its subfolders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” cannot have subfolders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This server does not nest folders.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>“%1” is there already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>There is a folder “%1” there already.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Copied %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Moved folder %1 to %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fumi::models::MessageListModel</name>
    <message>
        <source>Flag</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Size</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fumi::ui::MailNotifier</name>
    <message>
        <source>%1: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 new messages in %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>New mail in %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fumi: %1 unread</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fumi: no unread mail</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fumi::ui::NotificationBar</name>
    <message>
        <source>Close</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fumi::ui::ReaderView</name>
    <message>
        <source>Load for this message</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>From:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Sender:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reply-To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>To:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Date:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message has more than one From header (%1): the sender may not be who it seems.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message names several authors and no Sender: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sender&apos;s name looks like a different address: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Invisible control characters were removed from a name or the subject: %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This message does not say who sent it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message numerus="yes">
        <source>Remote images were blocked (%n).</source>
        <translation type="unfinished">
            <numerusform></numerusform>
        </translation>
    </message>
    <message>
        <source>Always for %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Unnamed attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Open Attachment</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not write a temporary copy of the attachment.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>fumi::ui::SyncHealthPanel</name>
    <message>
        <source>&amp;Copy Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Save Log…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Account:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>State:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Capabilities:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Last successful sync:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pending operations:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Recent errors:</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Protocol log (passwords and message contents hidden):</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>No accounts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online, syncing</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Online</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Offline</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Error</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>COMPRESS=DEFLATE (offered, off)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>In use: %1
Also offered: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing else</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Save Protocol Log</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log files (*.log);;All files (*)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the log to %1: %2</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>main</name>
    <message>
        <source>Fumi</source>
        <translation>Fumi</translation>
    </message>
    <message>
        <source>Fumi mail client</source>
        <translation>Fumi メールクライアント</translation>
    </message>
    <message>
        <source>Keep all configuration, data and cache below DIR (as fumi-cli --profile).</source>
        <translation>設定、データ、キャッシュをすべて DIR の下に置きます（fumi-cli --profile と同じ）。</translation>
    </message>
    <message>
        <source>Your accounts could not be read: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
