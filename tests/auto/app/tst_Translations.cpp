// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include <QFile>
#include <QRegularExpression>
#include <QSet>
#include <QTest>
#include <QXmlStreamReader>

using namespace Qt::StringLiterals;

// Every shipped translation is complete: lupdate marks a new or changed source string
// type="unfinished", and lrelease leaves such entries out, so the user would see English in the
// middle of Japanese. A translation that drops a %1 loses the file name or the server's answer
// it was meant to show. The check reads the committed .ts files, which `update_translations`
// (lupdate) writes.
class tst_Translations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void checkerFindsProblems_data();
    void checkerFindsProblems();
    void complete_data();
    void complete();
};

namespace {

// The %1…%99 and %n of a text, as a set: Qt fills each wherever it stands.
QSet<QString> placeholders(const QString &text)
{
    static const QRegularExpression placeholder(u"%(?:L?[1-9][0-9]?|n)"_s);
    QSet<QString> found;
    auto it = placeholder.globalMatch(text);
    while (it.hasNext())
        found.insert(it.next().captured().remove(u'L'));
    return found;
}

struct Message {
    QString context;
    QString source;
    bool unfinished = false;
    QStringList forms; // the translation, or its numerus forms
};

// One line per problem, each naming the context and the source string.
QStringList problemsIn(QXmlStreamReader &xml)
{
    QStringList problems;
    QString context;
    Message message;
    bool inMessage = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == "name"_L1 && !inMessage) {
                context = xml.readElementText();
            } else if (name == "message"_L1) {
                inMessage = true;
                message = Message{context, {}, false, {}};
            } else if (name == "source"_L1) {
                message.source = xml.readElementText();
            } else if (name == "translation"_L1) {
                const auto type = xml.attributes().value("type"_L1);
                message.unfinished = type == "unfinished"_L1;
                if (type == "obsolete"_L1 || type == "vanished"_L1) {
                    inMessage = false; // not shipped, not looked at
                    xml.skipCurrentElement();
                    continue;
                }
                bool numerus = false;
                QString text;
                while (!xml.atEnd()) {
                    xml.readNext();
                    if (xml.isStartElement() && xml.name() == "numerusform"_L1) {
                        numerus = true;
                        message.forms.append(xml.readElementText());
                    } else if (xml.isCharacters()) {
                        text += xml.text();
                    } else if (xml.isEndElement() && xml.name() == "translation"_L1) {
                        break;
                    }
                }
                if (!numerus)
                    message.forms.append(text);
            }
        } else if (xml.isEndElement() && xml.name() == "message"_L1 && inMessage) {
            inMessage = false;
            const QString where = message.context + u": \""_s + message.source + u'"';
            if (message.unfinished) {
                problems.append(where + u" is unfinished"_s);
                continue;
            }
            const auto wanted = placeholders(message.source);
            for (const QString &form : std::as_const(message.forms)) {
                if (form.trimmed().isEmpty()) {
                    problems.append(where + u" has an empty translation"_s);
                    continue;
                }
                const auto missing = wanted - placeholders(form);
                for (const QString &placeholder : missing)
                    problems.append(where + u" lacks "_s + placeholder + u" in \""_s + form + u'"');
            }
        }
    }
    if (xml.hasError())
        problems.append(u"not a valid .ts file at line %1: %2"_s.arg(xml.lineNumber()).arg(xml.errorString()));
    return problems;
}

QByteArray tsWith(const QByteArray &messages)
{
    return "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<!DOCTYPE TS>\n<TS version=\"2.1\" language=\"ja_JP\">\n"
           "<context>\n    <name>fumi::MainWindow</name>\n"
        + messages + "</context>\n</TS>\n";
}

} // namespace

void tst_Translations::checkerFindsProblems_data()
{
    QTest::addColumn<QByteArray>("ts");
    QTest::addColumn<QStringList>("problems");

    QTest::newRow("complete") << tsWith("<message><source>Deleted %1</source>"
                                        "<translation>%1を削除しました</translation></message>")
                              << QStringList();
    QTest::newRow("unfinished") << tsWith("<message><source>Undo</source>"
                                          "<translation type=\"unfinished\"></translation></message>")
                                << QStringList{u"fumi::MainWindow: \"Undo\" is unfinished"_s};
    QTest::newRow("unfinished-with-text") << tsWith("<message><source>Undo</source>"
                                                    "<translation type=\"unfinished\">元に戻す</translation></message>")
                                          << QStringList{u"fumi::MainWindow: \"Undo\" is unfinished"_s};
    QTest::newRow("empty") << tsWith("<message><source>Undo</source><translation></translation></message>")
                           << QStringList{u"fumi::MainWindow: \"Undo\" has an empty translation"_s};
    QTest::newRow("placeholder-dropped")
        << tsWith("<message><source>Renamed %1 to %2</source>"
                  "<translation>名前を %2 に変更しました</translation></message>")
        << QStringList{u"fumi::MainWindow: \"Renamed %1 to %2\" lacks %1 in \"名前を %2 に変更しました\""_s};
    QTest::newRow("placeholders-reordered") << tsWith("<message><source>Online: %1 of %2</source>"
                                                      "<translation>オンライン: %2 件中 %1 件</translation></message>")
                                            << QStringList();
    QTest::newRow("numerus-count-dropped")
        << tsWith("<message numerus=\"yes\"><source>Remote images were blocked (%n).</source>"
                  "<translation><numerusform>リモート画像をブロックしました。</numerusform></translation></message>")
        << QStringList{u"fumi::MainWindow: \"Remote images were blocked (%n).\" lacks %n in "
                       "\"リモート画像をブロックしました。\""_s};
    QTest::newRow("obsolete-ignored") << tsWith("<message><source>Old</source>"
                                                "<translation type=\"vanished\"></translation></message>")
                                      << QStringList();
}

void tst_Translations::checkerFindsProblems()
{
    QFETCH(QByteArray, ts);
    QFETCH(QStringList, problems);

    QXmlStreamReader xml(ts);
    QCOMPARE(problemsIn(xml), problems);
}

void tst_Translations::complete_data()
{
    QTest::addColumn<QString>("path");

    // FUMI_TS_FILES: the .ts files of qt_add_translations, separated by '|'.
    const auto files = QStringLiteral(FUMI_TS_FILES).split(u'|', Qt::SkipEmptyParts);
    for (const QString &file : files)
        QTest::newRow(qPrintable(file.section(u'/', -1))) << file;
}

void tst_Translations::complete()
{
    QFETCH(QString, path);

    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(file.errorString()));
    QXmlStreamReader xml(&file);
    const QStringList problems = problemsIn(xml);
    for (const QString &problem : problems)
        qWarning("%s", qPrintable(problem));
    QVERIFY2(problems.isEmpty(), qPrintable(u"%1 problem(s) in %2, listed above"_s.arg(problems.size()).arg(path)));
}

QTEST_GUILESS_MAIN(tst_Translations)

#include "tst_Translations.moc"
