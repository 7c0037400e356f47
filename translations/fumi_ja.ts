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
        <translation>1 件のメッセージ</translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation>%1 件のメッセージ</translation>
    </message>
    <message>
        <source>&amp;Go</source>
        <translation>移動(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Get Messages</source>
        <translation>メッセージを受信(&amp;G)</translation>
    </message>
    <message>
        <source>&amp;Threads</source>
        <translation>スレッド表示(&amp;T)</translation>
    </message>
    <message>
        <source>Only &amp;Subscribed Folders</source>
        <translation>購読中のフォルダーのみ(&amp;S)</translation>
    </message>
    <message>
        <source>Sync &amp;Health</source>
        <translation>同期の状態(&amp;H)</translation>
    </message>
    <message>
        <source>Sync Health</source>
        <translation>同期の状態</translation>
    </message>
    <message>
        <source>Show &amp;Tray Icon</source>
        <translation>トレイアイコンを表示(&amp;T)</translation>
    </message>
    <message>
        <source>&amp;Next Message</source>
        <translation>次のメッセージ(&amp;N)</translation>
    </message>
    <message>
        <source>&amp;Previous Message</source>
        <translation>前のメッセージ(&amp;P)</translation>
    </message>
    <message>
        <source>Next &amp;Unread Message</source>
        <translation>次の未読メッセージ(&amp;U)</translation>
    </message>
    <message>
        <source>Toggle &amp;Read</source>
        <translation>既読/未読を切り替え(&amp;R)</translation>
    </message>
    <message>
        <source>Toggle &amp;Star</source>
        <translation>スターを切り替え(&amp;S)</translation>
    </message>
    <message>
        <source>&amp;Delete</source>
        <translation>削除(&amp;D)</translation>
    </message>
    <message>
        <source>&amp;Move To…</source>
        <translation>移動先…(&amp;M)</translation>
    </message>
    <message>
        <source>&amp;Copy To…</source>
        <translation>コピー先…(&amp;C)</translation>
    </message>
    <message>
        <source>Mark &amp;All Read</source>
        <translation>すべて既読にする(&amp;A)</translation>
    </message>
    <message>
        <source>Marked %1 as read</source>
        <translation>%1を既読にしました</translation>
    </message>
    <message>
        <source>Marked %1 as unread</source>
        <translation>%1を未読にしました</translation>
    </message>
    <message>
        <source>Starred %1</source>
        <translation>%1にスターを付けました</translation>
    </message>
    <message>
        <source>Removed the star from %1</source>
        <translation>%1のスターを外しました</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>%1を削除しました</translation>
    </message>
    <message>
        <source>Copy To</source>
        <translation>コピー先</translation>
    </message>
    <message>
        <source>Move To</source>
        <translation>移動先</translation>
    </message>
    <message>
        <source>Messages can be moved to another account, not copied.</source>
        <translation>別のアカウントへはメッセージを移動できますが、コピーはできません。</translation>
    </message>
    <message>
        <source>Copied %1 to %2</source>
        <translation>%1を %2 にコピーしました</translation>
    </message>
    <message>
        <source>Moved %1 to %2</source>
        <translation>%1を %2 に移動しました</translation>
    </message>
    <message>
        <source>Marked all messages in %1 as read</source>
        <translation>%1 のすべてのメッセージを既読にしました</translation>
    </message>
    <message>
        <source>%1 failed: %2</source>
        <translation>%1 — 失敗しました: %2</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>元に戻す</translation>
    </message>
    <message>
        <source>Undone: %1</source>
        <translation>元に戻しました: %1</translation>
    </message>
    <message>
        <source>the last change</source>
        <translation>直前の変更</translation>
    </message>
    <message>
        <source>&amp;Undo: %1</source>
        <translation>元に戻す: %1(&amp;U)</translation>
    </message>
    <message>
        <source>&amp;Undo</source>
        <translation>元に戻す(&amp;U)</translation>
    </message>
    <message>
        <source>Online: %1 of %2</source>
        <translation>オンライン: %2 件中 %1 件</translation>
    </message>
    <message>
        <source>%1, syncing</source>
        <translation>%1、同期中</translation>
    </message>
    <message>
        <source>%1 — offline: %2</source>
        <translation>%1 — オフライン: %2</translation>
    </message>
    <message>
        <source>Mark All Read</source>
        <translation>すべて既読にする</translation>
    </message>
    <message>
        <source>New Subfolder…</source>
        <translation>新しいサブフォルダー…</translation>
    </message>
    <message>
        <source>Rename…</source>
        <translation>名前を変更…</translation>
    </message>
    <message>
        <source>Delete…</source>
        <translation>削除…</translation>
    </message>
    <message>
        <source>Unsubscribe</source>
        <translation>購読を解除</translation>
    </message>
    <message>
        <source>Subscribe</source>
        <translation>購読</translation>
    </message>
    <message>
        <source>Unsubscribed from %1</source>
        <translation>%1 の購読を解除しました</translation>
    </message>
    <message>
        <source>Subscribed to %1</source>
        <translation>%1 を購読しました</translation>
    </message>
    <message>
        <source>New Folder</source>
        <translation>新しいフォルダー</translation>
    </message>
    <message>
        <source>Name of the new folder:</source>
        <translation>新しいフォルダーの名前:</translation>
    </message>
    <message>
        <source>Created folder %1</source>
        <translation>フォルダー %1 を作成しました</translation>
    </message>
    <message>
        <source>Rename Folder</source>
        <translation>フォルダー名の変更</translation>
    </message>
    <message>
        <source>New name:</source>
        <translation>新しい名前:</translation>
    </message>
    <message>
        <source>Renamed %1 to %2</source>
        <translation>%1 の名前を %2 に変更しました</translation>
    </message>
    <message>
        <source>Delete Folder</source>
        <translation>フォルダーの削除</translation>
    </message>
    <message>
        <source>Delete the folder %1 and the %2 in it? Undo brings the folder back, but not its messages.</source>
        <translation>フォルダー %1 と、その中の%2を削除しますか？ 元に戻すとフォルダーは戻りますが、メッセージは戻りません。</translation>
    </message>
    <message>
        <source>Deleted folder %1</source>
        <translation>フォルダー %1 を削除しました</translation>
    </message>
    <message>
        <source>Copy the folder “%1” and its %2 subfolders with their %3 to account %4?</source>
        <translation>フォルダー「%1」とそのサブフォルダー %2 個 (%3) をアカウント %4 にコピーしますか？</translation>
    </message>
    <message>
        <source>Copy the folder “%1” with its %2 to account %3?</source>
        <translation>フォルダー「%1」(%2) をアカウント %3 にコピーしますか？</translation>
    </message>
    <message>
        <source>Copy Folder</source>
        <translation>フォルダーのコピー</translation>
    </message>
    <message>
        <source>The messages stay here too. Undo removes the copies.</source>
        <translation>メッセージはこちらにも残ります。元に戻すとコピーが削除されます。</translation>
    </message>
    <message>
        <source>Copy</source>
        <translation>コピー</translation>
    </message>
    <message>
        <source>Copying the folder: %1 of %2 messages</source>
        <translation>フォルダーをコピー中: %2 件中 %1 件</translation>
    </message>
    <message>
        <source>%1 — Fumi</source>
        <translation>%1 — Fumi</translation>
    </message>
</context>
<context>
    <name>fumi::account::KeychainCredentialStore</name>
    <message>
        <source>password</source>
        <translation>パスワード</translation>
    </message>
    <message>
        <source>OAuth refresh token</source>
        <translation>OAuth リフレッシュトークン</translation>
    </message>
    <message>
        <source>No keychain is available: Fumi stores passwords only in a keychain and needs a Secret Service provider (GNOME Keyring, KeePassXC) or KWallet on the D-Bus session bus. Start or install one, or use a password command instead.</source>
        <translation>利用できるキーチェーンがありません。Fumi はパスワードをキーチェーンにのみ保存するため、D-Bus セッションバス上の Secret Service プロバイダー (GNOME Keyring、KeePassXC) または KWallet が必要です。いずれかを起動またはインストールするか、代わりにパスワードコマンドを使用してください。</translation>
    </message>
    <message>
        <source>No keychain is available: Fumi stores passwords only in the system keychain. Use a password command instead.</source>
        <translation>利用できるキーチェーンがありません。Fumi はパスワードをシステムのキーチェーンにのみ保存します。代わりにパスワードコマンドを使用してください。</translation>
    </message>
    <message>
        <source>The keychain said: %1</source>
        <translation>キーチェーンからのメッセージ: %1</translation>
    </message>
    <message>
        <source>No %1 is stored in the keychain for this account.</source>
        <translation>このアカウントの%1はキーチェーンに保存されていません。</translation>
    </message>
    <message>
        <source>The keychain did not give access to the %1: it stayed locked, or access was refused.</source>
        <translation>キーチェーンの%1にアクセスできませんでした。ロックされたままか、アクセスが拒否されました。</translation>
    </message>
    <message>
        <source>The keychain failed with the %1.</source>
        <translation>キーチェーンで%1の処理に失敗しました。</translation>
    </message>
</context>
<context>
    <name>fumi::account::PasswordCommand</name>
    <message>
        <source>%1 s</source>
        <translation>%1 秒</translation>
    </message>
    <message>
        <source>%1 ms</source>
        <translation>%1 ミリ秒</translation>
    </message>
    <message>
        <source>It said: %1</source>
        <translation>メッセージ: %1</translation>
    </message>
    <message>
        <source>The password command did not finish within %1 and was stopped.</source>
        <translation>パスワードコマンドが %1 以内に終了しなかったため、停止しました。</translation>
    </message>
    <message>
        <source>The password command was ended by a signal.</source>
        <translation>パスワードコマンドがシグナルで終了しました。</translation>
    </message>
    <message>
        <source>The password command could not be run (exit code %1).</source>
        <translation>パスワードコマンドを実行できませんでした (終了コード %1)。</translation>
    </message>
    <message>
        <source>The password command failed with exit code %1.</source>
        <translation>パスワードコマンドが終了コード %1 で失敗しました。</translation>
    </message>
    <message>
        <source>The password command printed no password: its first output line is empty.</source>
        <translation>パスワードコマンドがパスワードを出力しませんでした。出力の 1 行目が空です。</translation>
    </message>
    <message>
        <source>No password command is set.</source>
        <translation>パスワードコマンドが設定されていません。</translation>
    </message>
    <message>
        <source>The password command could not be started: %1</source>
        <translation>パスワードコマンドを開始できませんでした: %1</translation>
    </message>
</context>
<context>
    <name>fumi::engine::AccountConnector</name>
    <message>
        <source>No password is stored for the account &quot;%1&quot;.</source>
        <translation>アカウント「%1」のパスワードが保存されていません。</translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; signs in with OAuth2, but its provider &quot;%2&quot; is unknown.</source>
        <translation>アカウント「%1」は OAuth2 でサインインしますが、プロバイダー「%2」が不明です。</translation>
    </message>
    <message>
        <source>The certificate of %1 has changed since you trusted it. It may have been renewed, or someone may be intercepting the connection.</source>
        <translation>%1 の証明書が、信頼した時点から変更されています。証明書が更新されたか、誰かが接続を傍受している可能性があります。</translation>
    </message>
    <message>
        <source>The server refused a fresh access token too: please sign in again. (%1)</source>
        <translation>サーバーは新しいアクセストークンも拒否しました。もう一度サインインしてください。(%1)</translation>
    </message>
</context>
<context>
    <name>fumi::engine::AccountEngine</name>
    <message>
        <source>The account engine has stopped</source>
        <translation>アカウントエンジンが停止しました</translation>
    </message>
    <message>
        <source>Cannot create the account&apos;s cache directory %1</source>
        <translation>アカウントのキャッシュディレクトリ %1 を作成できません</translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; is in use by %2 (process %3 on %4); close it there first</source>
        <translation>アカウント「%1」は %2 (%4 上のプロセス %3) が使用中です。先にそちらで閉じてください</translation>
    </message>
    <message>
        <source>another program</source>
        <translation>別のプログラム</translation>
    </message>
    <message>
        <source>The account &quot;%1&quot; is in use by another process</source>
        <translation>アカウント「%1」は別のプロセスが使用中です</translation>
    </message>
    <message>
        <source>Could not connect to %1</source>
        <translation>%1 に接続できませんでした</translation>
    </message>
    <message>
        <source>The account is not started</source>
        <translation>アカウントが開始されていません</translation>
    </message>
    <message>
        <source>There is no mailbox &quot;%1&quot;</source>
        <translation>フォルダー「%1」がありません</translation>
    </message>
    <message>
        <source>The mailbox closed before the message was fetched</source>
        <translation>メッセージを取得する前にフォルダーが閉じられました</translation>
    </message>
    <message>
        <source>The account %1 is not open.</source>
        <translation>アカウント %1 が開かれていません。</translation>
    </message>
</context>
<context>
    <name>fumi::engine::OperationJournal</name>
    <message>
        <source>The folder is not known.</source>
        <translation>不明なフォルダーです。</translation>
    </message>
    <message>
        <source>No messages were given.</source>
        <translation>メッセージが指定されていません。</translation>
    </message>
    <message>
        <source>None of the messages is in the folder.</source>
        <translation>どのメッセージもこのフォルダーにありません。</translation>
    </message>
    <message>
        <source>The messages are already in that folder.</source>
        <translation>メッセージはすでにそのフォルダーにあります。</translation>
    </message>
    <message>
        <source>A folder needs a name.</source>
        <translation>フォルダーには名前が必要です。</translation>
    </message>
    <message>
        <source>A folder named %1 exists already.</source>
        <translation>%1 という名前のフォルダーはすでに存在します。</translation>
    </message>
    <message>
        <source>The message is empty.</source>
        <translation>メッセージが空です。</translation>
    </message>
    <message>
        <source>The target folder needs a name.</source>
        <translation>移動先のフォルダーには名前が必要です。</translation>
    </message>
    <message>
        <source>There is nothing to undo.</source>
        <translation>元に戻す操作はありません。</translation>
    </message>
    <message>
        <source>This step cannot be undone.</source>
        <translation>この操作は元に戻せません。</translation>
    </message>
    <message>
        <source>The folder the messages came from is gone.</source>
        <translation>メッセージの移動元のフォルダーがなくなっています。</translation>
    </message>
    <message>
        <source>This Fumi does not know the operation &quot;%1&quot;.</source>
        <translation>このバージョンの Fumi は操作「%1」を認識できません。</translation>
    </message>
    <message>
        <source>The folder no longer exists.</source>
        <translation>フォルダーはもう存在しません。</translation>
    </message>
    <message>
        <source>The folder %1 was replaced on the server since the operation was made; it was not carried out.</source>
        <translation>操作の後にフォルダー %1 がサーバー上で置き換えられたため、操作は実行されませんでした。</translation>
    </message>
    <message>
        <source>The target folder no longer exists.</source>
        <translation>移動先のフォルダーはもう存在しません。</translation>
    </message>
    <message>
        <source>The folder %1 does not exist on the server; nothing was moved or copied.</source>
        <translation>フォルダー %1 はサーバー上に存在しません。何も移動またはコピーされませんでした。</translation>
    </message>
    <message>
        <source>The other account accepted the message but does not show it; the original was kept.</source>
        <translation>もう一方のアカウントはメッセージを受け付けましたが表示していません。元のメッセージは残してあります。</translation>
    </message>
    <message>
        <source>The account %1 is not open; the messages were left where they were.</source>
        <translation>アカウント %1 が開かれていないため、メッセージは元の場所に残してあります。</translation>
    </message>
    <message>
        <source>The messages are back, but their copies in the other account could not be removed: %1</source>
        <translation>メッセージは元に戻りましたが、もう一方のアカウントにあるコピーを削除できませんでした: %1</translation>
    </message>
    <message>
        <source>Changed flags of %1</source>
        <translation>%1のフラグを変更しました</translation>
    </message>
    <message>
        <source>1 message</source>
        <translation>1 件のメッセージ</translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation>%1 件のメッセージ</translation>
    </message>
    <message>
        <source>Copied %1 to %2</source>
        <translation>%1を %2 にコピーしました</translation>
    </message>
    <message>
        <source>Deleted %1</source>
        <translation>%1を削除しました</translation>
    </message>
    <message>
        <source>Moved %1 to %2</source>
        <translation>%1を %2 に移動しました</translation>
    </message>
    <message>
        <source>The server did not say where the messages went (no UIDPLUS), so this cannot be undone.</source>
        <translation>サーバーがメッセージの移動先を通知しなかった (UIDPLUS 非対応) ため、元に戻せません。</translation>
    </message>
    <message>
        <source>These messages were removed for good.</source>
        <translation>これらのメッセージは完全に削除されました。</translation>
    </message>
    <message>
        <source>Created folder %1</source>
        <translation>フォルダー %1 を作成しました</translation>
    </message>
    <message>
        <source>Renamed folder %1 to %2</source>
        <translation>フォルダー %1 の名前を %2 に変更しました</translation>
    </message>
    <message>
        <source>Deleted folder %1 (undo brings the folder back empty)</source>
        <translation>フォルダー %1 を削除しました (元に戻すと空のフォルダーが戻ります)</translation>
    </message>
    <message>
        <source>Subscribed to %1</source>
        <translation>%1 を購読しました</translation>
    </message>
    <message>
        <source>Unsubscribed from %1</source>
        <translation>%1 の購読を解除しました</translation>
    </message>
    <message>
        <source>Added a message to %1</source>
        <translation>%1 にメッセージを追加しました</translation>
    </message>
    <message>
        <source>The server did not say which message was added (no UIDPLUS), so this cannot be undone.</source>
        <translation>サーバーが追加したメッセージを通知しなかった (UIDPLUS 非対応) ため、元に戻せません。</translation>
    </message>
    <message>
        <source>Moved %1 to %2 in another account</source>
        <translation>%1を別のアカウントの %2 に移動しました</translation>
    </message>
    <message>
        <source>The other server did not say where the messages went, so this cannot be undone.</source>
        <translation>もう一方のサーバーがメッセージの移動先を通知しなかったため、元に戻せません。</translation>
    </message>
    <message>
        <source>%1 (cannot be undone)</source>
        <translation>%1 (元に戻せません)</translation>
    </message>
    <message>
        <source>The other server does not nest folders.</source>
        <translation>相手のサーバーはフォルダーを入れ子にできません。</translation>
    </message>
    <message>
        <source>The account %1 is not open; nothing was copied.</source>
        <translation>アカウント %1 が開かれていないため、何もコピーされませんでした。</translation>
    </message>
    <message>
        <source>Copying the folder stopped after %1 of %2 messages; the copies made so far stay in the other account: %3</source>
        <translation>フォルダーのコピーは %2 件中 %1 件で止まりました。ここまでのコピーは相手のアカウントに残ります: %3</translation>
    </message>
    <message>
        <source>The other account accepted a message but does not show it.</source>
        <translation>相手のアカウントはメッセージを受け付けましたが、そこに見当たりません。</translation>
    </message>
    <message>
        <source>The copies in the other account could not be removed: %1</source>
        <translation>相手のアカウントのコピーを削除できませんでした: %1</translation>
    </message>
    <message>
        <source>The copies were removed, but the folder %1 was kept: %2</source>
        <translation>コピーは削除しましたが、フォルダー %1 は残しました: %2</translation>
    </message>
    <message>
        <source>Copied folder %1 with %2 to another account</source>
        <translation>フォルダー %1 (%2) を別のアカウントにコピーしました</translation>
    </message>
    <message>
        <source>The other server did not say where the copies went, so this cannot be undone.</source>
        <translation>相手のサーバーがコピーの行き先を示さなかったため、元に戻せません。</translation>
    </message>
</context>
<context>
    <name>fumi::imap::Connection</name>
    <message>
        <source>No answer from %1 within %2 seconds.</source>
        <translation>%1 から %2 秒以内に応答がありませんでした。</translation>
    </message>
    <message>
        <source>The server closed the connection.</source>
        <translation>サーバーが接続を閉じました。</translation>
    </message>
    <message>
        <source>The certificate of %1 is not trusted (%2). SHA-256 fingerprint: %3</source>
        <translation>%1 の証明書は信頼されていません (%2)。SHA-256 フィンガープリント: %3</translation>
    </message>
    <message>
        <source>The server sent data that is not IMAP (at byte %1: %2).</source>
        <translation>サーバーが IMAP ではないデータを送信しました (%1 バイト目: %2)。</translation>
    </message>
    <message>
        <source>The server&apos;s compressed data is corrupt.</source>
        <translation>サーバーの圧縮データが壊れています。</translation>
    </message>
    <message>
        <source>Compression could not be started.</source>
        <translation>圧縮を開始できませんでした。</translation>
    </message>
    <message>
        <source>%1 did not greet like an IMAP server.</source>
        <translation>%1 は IMAP サーバーとして応答しませんでした。</translation>
    </message>
    <message>
        <source>The server refused the connection: %1</source>
        <translation>サーバーが接続を拒否しました: %1</translation>
    </message>
    <message>
        <source>The server skipped STARTTLS with PREAUTH, but a secure connection is required.</source>
        <translation>サーバーが PREAUTH で STARTTLS を省略しましたが、安全な接続が必要です。</translation>
    </message>
    <message>
        <source>%1 does not offer STARTTLS, but a secure connection is required.</source>
        <translation>%1 は STARTTLS に対応していませんが、安全な接続が必要です。</translation>
    </message>
    <message>
        <source>The server refused STARTTLS: %1</source>
        <translation>サーバーが STARTTLS を拒否しました: %1</translation>
    </message>
    <message>
        <source>The server sent data after agreeing to STARTTLS; the connection is not safe.</source>
        <translation>サーバーが STARTTLS に同意した後にデータを送信しました。この接続は安全ではありません。</translation>
    </message>
    <message>
        <source>The server did not list its capabilities.</source>
        <translation>サーバーが対応機能 (CAPABILITY) を示しませんでした。</translation>
    </message>
    <message>
        <source>The connection is not encrypted.</source>
        <translation>接続が暗号化されていません。</translation>
    </message>
    <message>
        <source>The server rejected the login: %1</source>
        <translation>サーバーがログインを拒否しました: %1</translation>
    </message>
    <message>
        <source>%1 does not allow logging in with a password here.</source>
        <translation>%1 ではここでパスワードによるログインは許可されていません。</translation>
    </message>
    <message>
        <source>%1 offers no OAuth2 sign-in (OAUTHBEARER or XOAUTH2).</source>
        <translation>%1 は OAuth2 のサインイン (OAUTHBEARER または XOAUTH2) に対応していません。</translation>
    </message>
    <message>
        <source>The server asked for data no command was going to send.</source>
        <translation>サーバーが、どのコマンドも送信する予定のないデータを要求しました。</translation>
    </message>
    <message>
        <source>The server answered a command that was never sent (tag %1).</source>
        <translation>サーバーが送信していないコマンドに応答しました (タグ %1)。</translation>
    </message>
</context>
<context>
    <name>fumi::models::MailboxTreeModel</name>
    <message>
        <source>All Inboxes</source>
        <translation>すべての受信トレイ</translation>
    </message>
    <message>
        <source>Inbox</source>
        <translation>受信トレイ</translation>
    </message>
    <message>
        <source>Nothing is being dragged.</source>
        <translation>ドラッグしているものがありません。</translation>
    </message>
    <message>
        <source>Only messages and folders can be dropped here.</source>
        <translation>ここにドロップできるのはメッセージとフォルダーだけです。</translation>
    </message>
    <message>
        <source>Drop the messages onto a folder.</source>
        <translation>メッセージはフォルダーの上にドロップしてください。</translation>
    </message>
    <message>
        <source>“%1” cannot hold messages.</source>
        <translation>「%1」にはメッセージを入れられません。</translation>
    </message>
    <message>
        <source>Messages can only be moved or copied.</source>
        <translation>メッセージは移動またはコピーのみ可能です。</translation>
    </message>
    <message>
        <source>The dragged messages cannot be read.</source>
        <translation>ドラッグしたメッセージを読み取れません。</translation>
    </message>
    <message>
        <source>Messages can be moved to another account, not copied.</source>
        <translation>別のアカウントへはメッセージを移動できますが、コピーはできません。</translation>
    </message>
    <message>
        <source>The other account is not open.</source>
        <translation>もう一方のアカウントが開かれていません。</translation>
    </message>
    <message>
        <source>The messages are in “%1” already.</source>
        <translation>メッセージはすでに「%1」にあります。</translation>
    </message>
    <message>
        <source>The dragged folder cannot be read.</source>
        <translation>ドラッグしたフォルダーを読み取れません。</translation>
    </message>
    <message>
        <source>Folders can only be moved.</source>
        <translation>フォルダーは移動のみ可能です。</translation>
    </message>
    <message>
        <source>Drop the folder onto an account or another folder.</source>
        <translation>フォルダーはアカウントか別のフォルダーの上にドロップしてください。</translation>
    </message>
    <message>
        <source>INBOX cannot be moved.</source>
        <translation>受信トレイは移動できません。</translation>
    </message>
    <message>
        <source>The folder “%1” is no longer there.</source>
        <translation>フォルダー「%1」はもうありません。</translation>
    </message>
    <message>
        <source>A folder cannot be moved into itself or one of its subfolders.</source>
        <translation>フォルダーをそれ自身やそのサブフォルダーの中へ移動することはできません。</translation>
    </message>
    <message>
        <source>“%1” cannot have subfolders.</source>
        <translation>「%1」にはサブフォルダーを作れません。</translation>
    </message>
    <message>
        <source>This server does not nest folders.</source>
        <translation>このサーバーはフォルダーの入れ子に対応していません。</translation>
    </message>
    <message>
        <source>“%1” is there already.</source>
        <translation>「%1」はすでにそこにあります。</translation>
    </message>
    <message>
        <source>There is a folder “%1” there already.</source>
        <translation>そこにはすでにフォルダー「%1」があります。</translation>
    </message>
    <message>
        <source>1 message</source>
        <translation>1 件のメッセージ</translation>
    </message>
    <message>
        <source>%1 messages</source>
        <translation>%1 件のメッセージ</translation>
    </message>
    <message>
        <source>Copied %1 to %2</source>
        <translation>%1を %2 にコピーしました</translation>
    </message>
    <message>
        <source>Moved %1 to %2</source>
        <translation>%1を %2 に移動しました</translation>
    </message>
    <message>
        <source>Moved folder %1 to %2</source>
        <translation>フォルダー %1 を %2 に移動しました</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>下書き</translation>
    </message>
    <message>
        <source>Sent</source>
        <translation>送信済み</translation>
    </message>
    <message>
        <source>Junk</source>
        <translation>迷惑メール</translation>
    </message>
    <message>
        <source>Trash</source>
        <translation>ごみ箱</translation>
    </message>
    <message>
        <source>Archive</source>
        <translation>アーカイブ</translation>
    </message>
    <message>
        <source>Folders can only be moved or copied.</source>
        <translation>フォルダーは移動かコピーしかできません。</translation>
    </message>
    <message>
        <source>Copied folder %1 to %2</source>
        <translation>フォルダー %1 を %2 にコピーしました</translation>
    </message>
</context>
<context>
    <name>fumi::models::MessageListModel</name>
    <message>
        <source>Flag</source>
        <translation>フラグ</translation>
    </message>
    <message>
        <source>Attachment</source>
        <translation>添付ファイル</translation>
    </message>
    <message>
        <source>From</source>
        <translation>差出人</translation>
    </message>
    <message>
        <source>Subject</source>
        <translation>件名</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>日付</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>サイズ</translation>
    </message>
</context>
<context>
    <name>fumi::ui::MailNotifier</name>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>%1 new messages in %2</source>
        <translation>%2 に %1 件の新着メッセージ</translation>
    </message>
    <message>
        <source>New mail in %1</source>
        <translation>%1 に新着メール</translation>
    </message>
    <message>
        <source>Fumi: %1 unread</source>
        <translation>Fumi: 未読 %1 件</translation>
    </message>
    <message>
        <source>Fumi: no unread mail</source>
        <translation>Fumi: 未読メールはありません</translation>
    </message>
</context>
<context>
    <name>fumi::ui::NotificationBar</name>
    <message>
        <source>Close</source>
        <translation>閉じる</translation>
    </message>
</context>
<context>
    <name>fumi::ui::ReaderView</name>
    <message>
        <source>Load for this message</source>
        <translation>このメッセージのみ読み込む</translation>
    </message>
    <message>
        <source>Save…</source>
        <translation>保存…</translation>
    </message>
    <message>
        <source>Open</source>
        <translation>開く</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>差出人:</translation>
    </message>
    <message>
        <source>Sender:</source>
        <translation>送信者:</translation>
    </message>
    <message>
        <source>Reply-To:</source>
        <translation>返信先:</translation>
    </message>
    <message>
        <source>To:</source>
        <translation>宛先:</translation>
    </message>
    <message>
        <source>Cc:</source>
        <translation>Cc:</translation>
    </message>
    <message>
        <source>Date:</source>
        <translation>日付:</translation>
    </message>
    <message>
        <source>Subject:</source>
        <translation>件名:</translation>
    </message>
    <message>
        <source>This message has more than one From header (%1): the sender may not be who it seems.</source>
        <translation>このメッセージには From ヘッダーが複数あります (%1)。送信者は見かけどおりの人物ではない可能性があります。</translation>
    </message>
    <message>
        <source>This message names several authors and no Sender: %1.</source>
        <translation>このメッセージには複数の差出人が記載されていますが、Sender がありません: %1。</translation>
    </message>
    <message>
        <source>The sender&apos;s name looks like a different address: %1.</source>
        <translation>差出人の名前が別のアドレスのように見えます: %1。</translation>
    </message>
    <message>
        <source>Invisible control characters were removed from a name or the subject: %1.</source>
        <translation>名前または件名から見えない制御文字を取り除きました: %1。</translation>
    </message>
    <message>
        <source>This message does not say who sent it.</source>
        <translation>このメッセージには差出人が記載されていません。</translation>
    </message>
    <message numerus="yes">
        <source>Remote images were blocked (%n).</source>
        <translation>
            <numerusform>リモート画像をブロックしました (%n 件)。</numerusform>
        </translation>
    </message>
    <message>
        <source>Always for %1</source>
        <translation>%1 からは常に読み込む</translation>
    </message>
    <message>
        <source>Unnamed attachment</source>
        <translation>名前のない添付ファイル</translation>
    </message>
    <message>
        <source>Save Attachment</source>
        <translation>添付ファイルを保存</translation>
    </message>
    <message>
        <source>Could not write %1.</source>
        <translation>%1 に書き込めませんでした。</translation>
    </message>
    <message>
        <source>Open Attachment</source>
        <translation>添付ファイルを開く</translation>
    </message>
    <message>
        <source>Could not write a temporary copy of the attachment.</source>
        <translation>添付ファイルの一時コピーを書き込めませんでした。</translation>
    </message>
</context>
<context>
    <name>fumi::ui::SyncHealthPanel</name>
    <message>
        <source>&amp;Copy Log</source>
        <translation>ログをコピー(&amp;C)</translation>
    </message>
    <message>
        <source>&amp;Save Log…</source>
        <translation>ログを保存…(&amp;S)</translation>
    </message>
    <message>
        <source>Account:</source>
        <translation>アカウント:</translation>
    </message>
    <message>
        <source>State:</source>
        <translation>状態:</translation>
    </message>
    <message>
        <source>Capabilities:</source>
        <translation>対応機能:</translation>
    </message>
    <message>
        <source>Last successful sync:</source>
        <translation>最後に成功した同期:</translation>
    </message>
    <message>
        <source>Pending operations:</source>
        <translation>保留中の操作:</translation>
    </message>
    <message>
        <source>Recent errors:</source>
        <translation>最近のエラー:</translation>
    </message>
    <message>
        <source>Protocol log (passwords and message contents hidden):</source>
        <translation>プロトコルログ (パスワードとメッセージの内容は非表示):</translation>
    </message>
    <message>
        <source>No accounts</source>
        <translation>アカウントがありません</translation>
    </message>
    <message>
        <source>Stopped</source>
        <translation>停止中</translation>
    </message>
    <message>
        <source>Connecting</source>
        <translation>接続中</translation>
    </message>
    <message>
        <source>Online, syncing</source>
        <translation>オンライン、同期中</translation>
    </message>
    <message>
        <source>Online</source>
        <translation>オンライン</translation>
    </message>
    <message>
        <source>Offline</source>
        <translation>オフライン</translation>
    </message>
    <message>
        <source>Error</source>
        <translation>エラー</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
    <message>
        <source>COMPRESS=DEFLATE (offered, off)</source>
        <translation>COMPRESS=DEFLATE (対応、無効)</translation>
    </message>
    <message>
        <source>Not connected</source>
        <translation>未接続</translation>
    </message>
    <message>
        <source>In use: %1
Also offered: %2</source>
        <translation>使用中: %1
その他の対応機能: %2</translation>
    </message>
    <message>
        <source>nothing else</source>
        <translation>なし</translation>
    </message>
    <message>
        <source>Not yet</source>
        <translation>まだありません</translation>
    </message>
    <message>
        <source>Save Protocol Log</source>
        <translation>プロトコルログを保存</translation>
    </message>
    <message>
        <source>Log files (*.log);;All files (*)</source>
        <translation>ログファイル (*.log);;すべてのファイル (*)</translation>
    </message>
    <message>
        <source>Could not save the log to %1: %2</source>
        <translation>ログを %1 に保存できませんでした: %2</translation>
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
        <translation>アカウントを読み込めませんでした: %1</translation>
    </message>
</context>
</TS>
