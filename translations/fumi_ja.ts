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
        <source>Add &amp;Account…</source>
        <translation>アカウントを追加(&amp;A)…</translation>
    </message>
    <message>
        <source>A&amp;ccounts…</source>
        <translation>アカウント(&amp;C)…</translation>
    </message>
    <message>
        <source>Save Search</source>
        <translation>検索を保存</translation>
    </message>
    <message>
        <source>Name of the saved search:</source>
        <translation>保存する検索の名前:</translation>
    </message>
    <message>
        <source>&amp;Search Messages</source>
        <translation>メッセージを検索(&amp;S)</translation>
    </message>
    <message>
        <source>Sa&amp;ve Search…</source>
        <translation>検索を保存(&amp;V)…</translation>
    </message>
    <message>
        <source>There is no account named “%1”.</source>
        <translation>「%1」という名前のアカウントはありません。</translation>
    </message>
    <message>
        <source>Rename Saved Search</source>
        <translation>保存した検索の名前を変更</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>削除</translation>
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
    <message>
        <source>Mark Opened Messages &amp;Read</source>
        <translation>開いたメッセージを既読にする(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;At Once</source>
        <translation>すぐに(&amp;A)</translation>
    </message>
    <message>
        <source>After &amp;2 Seconds</source>
        <translation>2 秒後(&amp;2)</translation>
    </message>
    <message>
        <source>After &amp;5 Seconds</source>
        <translation>5 秒後(&amp;5)</translation>
    </message>
    <message>
        <source>&amp;Never (M Marks Them)</source>
        <translation>しない (M キーで既読)(&amp;N)</translation>
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
    <message>
        <source>The search was cancelled</source>
        <translation>検索を取り消しました</translation>
    </message>
    <message>
        <source>There is no folder “%1” in this account</source>
        <translation>このアカウントにはフォルダー「%1」がありません</translation>
    </message>
    <message>
        <source>There is no folder to search</source>
        <translation>検索するフォルダーがありません</translation>
    </message>
    <message>
        <source>None of these folders exists</source>
        <translation>指定したフォルダーはどれもありません</translation>
    </message>
    <message>
        <source>No folder could be searched</source>
        <translation>どのフォルダーも検索できませんでした</translation>
    </message>
    <message>
        <source>The server does not offer threads of its own</source>
        <translation>サーバーはスレッド表示に対応していません</translation>
    </message>
    <message>
        <source>The server refused to thread this folder</source>
        <translation>サーバーはこのフォルダーのスレッド作成を拒否しました</translation>
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
    <message>
        <source>The account %1 is not open; nothing was removed.</source>
        <translation>アカウント %1 が開かれていないため、何も削除されませんでした。</translation>
    </message>
</context>
<context>
    <name>fumi::engine::SearchCompiler</name>
    <message>
        <source>“%1” cannot be a keyword: keywords are ASCII without spaces or special characters</source>
        <translation>「%1」はキーワードにできません。キーワードは空白や特殊文字を含まない ASCII です</translation>
    </message>
</context>
<context>
    <name>fumi::engine::SearchQueryParser</name>
    <message>
        <source>“)” without a matching “(”</source>
        <translation>対応する「(」のない「)」があります</translation>
    </message>
    <message>
        <source>Missing closing quote for the phrase that starts here</source>
        <translation>ここから始まるフレーズの閉じ引用符がありません</translation>
    </message>
    <message>
        <source>“-” needs a term right after it, as in -from:bob</source>
        <translation>「-」の直後に条件が必要です (例: -from:bob)</translation>
    </message>
    <message>
        <source>“OR” needs a term on each side</source>
        <translation>「OR」の両側に条件が必要です</translation>
    </message>
    <message>
        <source>“%1:” chooses where to search: use it on its own, not inside parentheses, with OR or after “-”</source>
        <translation>「%1:」は検索する場所を指定します。括弧の中、OR の前後、「-」の後では使えません。単独で指定してください</translation>
    </message>
    <message>
        <source>The query nests too deeply</source>
        <translation>検索条件の入れ子が深すぎます</translation>
    </message>
    <message>
        <source>Missing “)” for the “(” here</source>
        <translation>この「(」に対応する「)」がありません</translation>
    </message>
    <message>
        <source>Empty parentheses</source>
        <translation>括弧の中が空です</translation>
    </message>
    <message>
        <source>Empty phrase</source>
        <translation>フレーズが空です</translation>
    </message>
    <message>
        <source>“%1:” needs a value, not an empty phrase</source>
        <translation>「%1:」には値が必要です (空のフレーズは使えません)</translation>
    </message>
    <message>
        <source>“%1:” needs a value right after the colon</source>
        <translation>「%1:」のコロンの直後に値が必要です</translation>
    </message>
    <message>
        <source>Unknown value %1 for “has:”; use has:attachment</source>
        <translation>「has:」に %1 は使えません。has:attachment を使ってください</translation>
    </message>
    <message>
        <source>Unknown value %1 for “is:”; use unread, read, flagged, answered or draft</source>
        <translation>「is:」に %1 は使えません。unread、read、flagged、answered、draft のいずれかを使ってください</translation>
    </message>
    <message>
        <source>%1 cannot be a keyword: keywords are ASCII letters, digits and punctuation, without spaces or ( ) { } % * \ &quot; ]</source>
        <translation>%1 はキーワードにできません。キーワードは ASCII の英数字と記号で、空白と ( ) { } % * \ &quot; ] は使えません</translation>
    </message>
    <message>
        <source>%1 is not a date (YYYY-MM-DD)</source>
        <translation>%1 は日付ではありません (YYYY-MM-DD)</translation>
    </message>
    <message>
        <source>%1 is not a time span (7d, 2w, 3m, 1y)</source>
        <translation>%1 は期間ではありません (7d、2w、3m、1y)</translation>
    </message>
    <message>
        <source>%1 is not a size (10k, 5M)</source>
        <translation>%1 はサイズではありません (10k、5M)</translation>
    </message>
    <message>
        <source>Unknown operator %1; did you mean %2?</source>
        <translation>不明な演算子 %1 です。%2 のことですか?</translation>
    </message>
    <message>
        <source>Unknown operator %1; put the words in quotes to search for them as text</source>
        <translation>不明な演算子 %1 です。文字列として検索するには引用符で囲んでください</translation>
    </message>
</context>
<context>
    <name>fumi::engine::ServerSearch</name>
    <message>
        <source>The connection to the server was lost</source>
        <translation>サーバーとの接続が切れました</translation>
    </message>
    <message>
        <source>The folder changed on the server during the search</source>
        <translation>検索中にサーバー上でフォルダーが変更されました</translation>
    </message>
</context>
<context>
    <name>fumi::engine::Session</name>
    <message>
        <source>The server cannot open this folder</source>
        <translation>サーバーがこのフォルダーを開けません</translation>
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
        <source>Saved Searches</source>
        <translation>保存した検索</translation>
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
    <name>fumi::models::SearchResultsModel</name>
    <message>
        <source>The account is not open.</source>
        <translation>アカウントが開かれていません。</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>検索中…</translation>
    </message>
    <message>
        <source>Searching 1 folder…</source>
        <translation>1 個のフォルダを検索中…</translation>
    </message>
    <message>
        <source>Searching %1 folders…</source>
        <translation>%1 個のフォルダを検索中…</translation>
    </message>
    <message>
        <source>Done: 1 message</source>
        <translation>完了: 1 件</translation>
    </message>
    <message>
        <source>Done: %1 messages</source>
        <translation>完了: %1 件</translation>
    </message>
    <message>
        <source>%1 (not searched: %2)</source>
        <translation>%1 (検索できなかったもの: %2)</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>失敗: %1</translation>
    </message>
</context>
<context>
    <name>fumi::ui::AccountSettingsDialog</name>
    <message>
        <source>Remove Account</source>
        <translation>アカウントの削除</translation>
    </message>
    <message>
        <source>Remove the account &quot;%1&quot; (%2)?</source>
        <translation>アカウント「%1」(%2) を削除しますか?</translation>
    </message>
    <message>
        <source>Its settings, its saved password and the mail kept on this computer are removed. The mail on the server is not touched.</source>
        <translation>設定、保存済みのパスワード、このコンピューターに保存したメールが削除されます。サーバー上のメールはそのままです。</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>削除(&amp;R)</translation>
    </message>
    <message>
        <source>Accounts</source>
        <translation>アカウント</translation>
    </message>
    <message>
        <source>The mail accounts Fumi shows. Removing one here leaves its mail on the server.</source>
        <translation>Fumi が表示するメールアカウントです。ここで削除しても、サーバー上のメールは残ります。</translation>
    </message>
    <message>
        <source>&amp;Add Account…</source>
        <translation>アカウントを追加(&amp;A)…</translation>
    </message>
    <message>
        <source>&amp;Edit…</source>
        <translation>編集(&amp;E)…</translation>
    </message>
    <message>
        <source>&amp;Remove…</source>
        <translation>削除(&amp;R)…</translation>
    </message>
    <message>
        <source>%1 — %2</source>
        <translation>%1 — %2</translation>
    </message>
</context>
<context>
    <name>fumi::ui::AccountWizard</name>
    <message>
        <source>Edit Account</source>
        <translation>アカウントの編集</translation>
    </message>
    <message>
        <source>Add Account</source>
        <translation>アカウントの追加</translation>
    </message>
    <message>
        <source>Your email address</source>
        <translation>メールアドレス</translation>
    </message>
    <message>
        <source>Fumi finds the servers of most providers from the address.</source>
        <translation>ほとんどのプロバイダーのサーバーは、アドレスから Fumi が見つけます。</translation>
    </message>
    <message>
        <source>Servers</source>
        <translation>サーバー</translation>
    </message>
    <message>
        <source>Where your mail is kept, and where it is sent from. Check what was found.</source>
        <translation>メールを保管するサーバーと送信するサーバーです。見つかった設定を確認してください。</translation>
    </message>
    <message>
        <source>Sign-in</source>
        <translation>サインイン</translation>
    </message>
    <message>
        <source>How Fumi proves that it is you. A password is kept only in the system keychain.</source>
        <translation>Fumi があなた本人であることを証明する方法です。パスワードはシステムのキーチェーンにだけ保存されます。</translation>
    </message>
    <message>
        <source>Connection test</source>
        <translation>接続テスト</translation>
    </message>
    <message>
        <source>Fumi connects to the server and signs in, as it will each time.</source>
        <translation>Fumi は毎回と同じようにサーバーに接続してサインインします。</translation>
    </message>
    <message>
        <source>Your &amp;name:</source>
        <translation>あなたの名前(&amp;N):</translation>
    </message>
    <message>
        <source>As others see it, e.g. Alice Example</source>
        <translation>相手に表示される名前（例: 山田 花子）</translation>
    </message>
    <message>
        <source>&amp;Email address:</source>
        <translation>メールアドレス(&amp;E):</translation>
    </message>
    <message>
        <source>&amp;Account name:</source>
        <translation>アカウント名(&amp;A):</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>キャンセル</translation>
    </message>
    <message>
        <source>Incoming mail (IMAP)</source>
        <translation>受信メール (IMAP)</translation>
    </message>
    <message>
        <source>Outgoing mail (SMTP submission, optional)</source>
        <translation>送信メール (SMTP サブミッション、省略可)</translation>
    </message>
    <message>
        <source>Server:</source>
        <translation>サーバー:</translation>
    </message>
    <message>
        <source>Port:</source>
        <translation>ポート:</translation>
    </message>
    <message>
        <source>Security:</source>
        <translation>セキュリティ:</translation>
    </message>
    <message>
        <source>SSL/TLS</source>
        <translation>SSL/TLS</translation>
    </message>
    <message>
        <source>STARTTLS</source>
        <translation>STARTTLS</translation>
    </message>
    <message>
        <source>None (this computer only)</source>
        <translation>なし (このコンピューターのみ)</translation>
    </message>
    <message>
        <source>&amp;User name:</source>
        <translation>ユーザー名(&amp;U):</translation>
    </message>
    <message>
        <source>&amp;Password</source>
        <translation>パスワード(&amp;P)</translation>
    </message>
    <message>
        <source>Leave empty to keep the saved password</source>
        <translation>空欄のままにすると保存済みのパスワードを使います</translation>
    </message>
    <message>
        <source>Run a &amp;command that prints the password (nothing is stored)</source>
        <translation>パスワードを出力するコマンドを実行(&amp;C) (何も保存されません)</translation>
    </message>
    <message>
        <source>e.g. pass show mail/work</source>
        <translation>例: pass show mail/work</translation>
    </message>
    <message>
        <source>Sign in with %1</source>
        <translation>%1 でサインイン</translation>
    </message>
    <message>
        <source>Sign In in the Browser…</source>
        <translation>ブラウザーでサインイン…</translation>
    </message>
    <message>
        <source>&amp;Trust This Certificate</source>
        <translation>この証明書を信頼する(&amp;T)</translation>
    </message>
    <message>
        <source>Test &amp;Again</source>
        <translation>再テスト(&amp;A)</translation>
    </message>
    <message>
        <source>Wait for the search to end, or cancel it.</source>
        <translation>検索が終わるまで待つか、検索をキャンセルしてください。</translation>
    </message>
    <message>
        <source>Enter your email address.</source>
        <translation>メールアドレスを入力してください。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not an email address: %2</source>
        <translation>「%1」はメールアドレスではありません: %2</translation>
    </message>
    <message>
        <source>You have an account named &quot;%1&quot; already; choose another account name.</source>
        <translation>「%1」という名前のアカウントはすでにあります。別のアカウント名を選んでください。</translation>
    </message>
    <message>
        <source>Enter the IMAP server&apos;s name.</source>
        <translation>IMAP サーバーの名前を入力してください。</translation>
    </message>
    <message>
        <source>&quot;%1&quot; is not a server name.</source>
        <translation>「%1」はサーバー名ではありません。</translation>
    </message>
    <message>
        <source>The IMAP port must be a number from 1 to 65535.</source>
        <translation>IMAP のポートは 1 から 65535 までの数字にしてください。</translation>
    </message>
    <message>
        <source>Enter the user name.</source>
        <translation>ユーザー名を入力してください。</translation>
    </message>
    <message>
        <source>The SMTP port must be a number from 1 to 65535.</source>
        <translation>SMTP のポートは 1 から 65535 までの数字にしてください。</translation>
    </message>
    <message>
        <source>A connection without encryption is only allowed to this computer; choose SSL/TLS or STARTTLS.</source>
        <translation>暗号化しない接続はこのコンピューターへの接続にだけ使えます。SSL/TLS か STARTTLS を選んでください。</translation>
    </message>
    <message>
        <source>Enter your password.</source>
        <translation>パスワードを入力してください。</translation>
    </message>
    <message>
        <source>Enter the command that prints the password.</source>
        <translation>パスワードを出力するコマンドを入力してください。</translation>
    </message>
    <message>
        <source>Sign in with the browser first.</source>
        <translation>先にブラウザーでサインインしてください。</translation>
    </message>
    <message>
        <source>Warning: without encryption, your password and your mail cross the connection in clear text. Use this only for a server on this computer.</source>
        <translation>警告: 暗号化しないと、パスワードとメールが平文のまま送られます。このコンピューター上のサーバーにだけ使ってください。</translation>
    </message>
    <message>
        <source>Looking up the settings for %1…</source>
        <translation>%1 の設定を検索しています…</translation>
    </message>
    <message>
        <source>The search was cancelled; enter the settings.</source>
        <translation>検索をキャンセルしました。設定を入力してください。</translation>
    </message>
    <message>
        <source>Settings found for %1. Check them, then continue.</source>
        <translation>%1 の設定が見つかりました。確認してから続けてください。</translation>
    </message>
    <message>
        <source>Settings found for %1 (%2). Check them, then continue.</source>
        <translation>%1 (%2) の設定が見つかりました。確認してから続けてください。</translation>
    </message>
    <message>
        <source>No settings found for %1; enter them.</source>
        <translation>%1 の設定は見つかりませんでした。入力してください。</translation>
    </message>
    <message>
        <source>Waiting for the browser…</source>
        <translation>ブラウザーを待っています…</translation>
    </message>
    <message>
        <source>Open this address in your browser: %1</source>
        <translation>このアドレスをブラウザーで開いてください: %1</translation>
    </message>
    <message>
        <source>Signed in with %1.</source>
        <translation>%1 でサインインしました。</translation>
    </message>
    <message>
        <source>Signing in failed: %1</source>
        <translation>サインインできませんでした: %1</translation>
    </message>
    <message>
        <source>Connected to %1 and signed in as %2. Click Finish to save the account.</source>
        <translation>%1 に接続し、%2 としてサインインしました。「完了」をクリックするとアカウントを保存します。</translation>
    </message>
    <message>
        <source>Connected to %1 without encryption and signed in as %2. Click Finish to save the account.</source>
        <translation>%1 に暗号化なしで接続し、%2 としてサインインしました。「完了」をクリックするとアカウントを保存します。</translation>
    </message>
    <message>
        <source>Connecting to %1…</source>
        <translation>%1 に接続しています…</translation>
    </message>
    <message>
        <source>The certificate of %1 is not the one you trusted before. It may have been renewed, or someone may be intercepting the connection. Ask your provider before you trust it.</source>
        <translation>%1 の証明書は、以前に信頼した証明書と異なります。更新されたのかもしれませんし、誰かが接続を傍受しているのかもしれません。信頼する前にプロバイダーに確認してください。</translation>
    </message>
    <message>
        <source>This computer does not trust the certificate of %1. If it is your own server, or your provider gave you this fingerprint, you can trust exactly this certificate for %1.</source>
        <translation>このコンピューターは %1 の証明書を信頼していません。自分のサーバーである場合や、プロバイダーからこのフィンガープリントを知らされている場合は、%1 に対してこの証明書だけを信頼できます。</translation>
    </message>
    <message>
        <source>The server&apos;s certificate needs your decision.</source>
        <translation>サーバーの証明書について判断してください。</translation>
    </message>
    <message>
        <source>The server refused the sign-in: %1</source>
        <translation>サーバーがサインインを拒否しました: %1</translation>
    </message>
    <message>
        <source>Could not connect to %1: %2</source>
        <translation>%1 に接続できませんでした: %2</translation>
    </message>
    <message>
        <source>%1 did not answer in time: %2</source>
        <translation>%1 から時間内に応答がありませんでした: %2</translation>
    </message>
    <message>
        <source>A secure connection to %1 failed: %2</source>
        <translation>%1 への安全な接続に失敗しました: %2</translation>
    </message>
    <message>
        <source>The connection test failed: %1</source>
        <translation>接続テストに失敗しました: %1</translation>
    </message>
    <message>
        <source>Go Back to correct the settings, or test again.</source>
        <translation>「戻る」で設定を修正するか、もう一度テストしてください。</translation>
    </message>
    <message>
        <source>The certificate could not be trusted: %1</source>
        <translation>証明書を信頼済みにできませんでした: %1</translation>
    </message>
    <message>
        <source>The certificate was not trusted, and nothing was stored. Go Back to check the server&apos;s name, or cancel.</source>
        <translation>証明書は信頼されず、何も保存されていません。「戻る」でサーバー名を確認するか、キャンセルしてください。</translation>
    </message>
    <message>
        <source>The password could not be stored, so the account was not saved: %1</source>
        <translation>パスワードを保存できなかったため、アカウントは保存されていません: %1</translation>
    </message>
    <message>
        <source>The account was not saved: %1</source>
        <translation>アカウントは保存されていません: %1</translation>
    </message>
</context>
<context>
    <name>fumi::ui::AccountsController</name>
    <message>
        <source>There is no such account.</source>
        <translation>そのようなアカウントはありません。</translation>
    </message>
    <message>
        <source>The account was removed, but not all of its cache in %1.</source>
        <translation>アカウントは削除しましたが、%1 にあるキャッシュの一部を削除できませんでした。</translation>
    </message>
</context>
<context>
    <name>fumi::ui::CertificateView</name>
    <message>
        <source>Issued to:</source>
        <translation>発行先:</translation>
    </message>
    <message>
        <source>Issued by:</source>
        <translation>発行者:</translation>
    </message>
    <message>
        <source>Valid from:</source>
        <translation>有効期間の開始:</translation>
    </message>
    <message>
        <source>Valid until:</source>
        <translation>有効期限:</translation>
    </message>
    <message>
        <source>SHA-256 fingerprint:</source>
        <translation>SHA-256 フィンガープリント:</translation>
    </message>
    <message>
        <source>%1 (not valid yet)</source>
        <translation>%1 (まだ有効ではありません)</translation>
    </message>
    <message>
        <source>%1 (expired)</source>
        <translation>%1 (期限切れ)</translation>
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
    <name>fumi::ui::SearchBar</name>
    <message>
        <source>Search… (from:, subject:, is:unread, in:all)</source>
        <translation>検索… (from:, subject:, is:unread, in:all)</translation>
    </message>
    <message>
        <source>Save Search…</source>
        <translation>検索を保存…</translation>
    </message>
    <message>
        <source>Keep this search as a folder under Saved Searches</source>
        <translation>この検索を「保存した検索」の下にフォルダとして残します</translation>
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
