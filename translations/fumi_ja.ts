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
</context>
</TS>
