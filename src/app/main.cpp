// SPDX-FileCopyrightText: 2026 The Fumi developers
// SPDX-License-Identifier: GPL-3.0-or-later

#include "account/Profile.h"
#include "models/AccountRegistry.h"
#include "ui/AccountsController.h"
#include "ui/MainWindow.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QIcon>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QTimer>
#include <QTranslator>

using namespace Qt::StringLiterals;

namespace {

// Qt's own strings (standard buttons, About Qt) and Fumi's, both for the system locale.
// English needs neither: it is the language of the source.
void installTranslations(QApplication &app)
{
    auto *qtTranslator = new QTranslator(&app);
    if (qtTranslator->load(QLocale(), u"qtbase"_s, u"_"_s, QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QApplication::installTranslator(qtTranslator);
    auto *fumiTranslator = new QTranslator(&app);
    if (fumiTranslator->load(QLocale(), u"fumi"_s, u"_"_s, u":/i18n"_s))
        QApplication::installTranslator(fumiTranslator);
}

} // namespace

int main(int argc, char *argv[])
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(u"fumi"_s);
    QApplication::setApplicationVersion(QStringLiteral(FUMI_VERSION));
    QApplication::setDesktopFileName(u"fumi"_s);
    QApplication::setWindowIcon(QIcon(u":/icons/fumi.png"_s));
    installTranslations(app);
    QApplication::setApplicationDisplayName(QApplication::translate("main", "Fumi"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QApplication::translate("main", "Fumi mail client"));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption profileOption(
        u"profile"_s,
        QApplication::translate("main", "Keep all configuration, data and cache below DIR (as fumi-cli --profile)."),
        u"DIR"_s);
    parser.addOption(profileOption);
    parser.process(app);
    // The same profile fumi-cli --profile DIR works on: two profiles are two devices.
    const auto profile = parser.isSet(profileOption) ? fumi::account::Profile::inDirectory(parser.value(profileOption))
                                                     : fumi::account::Profile::standard();

    QSettings windowSettings(profile.configDirectory() + u"/window.ini"_s, QSettings::IniFormat);
    fumi::models::AccountRegistry registry;
    fumi::ui::AccountsController accounts(&registry);
    // After the accounts, so that it goes first: its dialogs use them.
    fumi::MainWindow window(&windowSettings, &registry);
    if (accounts.startProfile(profile)) {
        window.setAccountsController(&accounts);
    } else {
        QMessageBox::warning(
            &window, QApplication::translate("main", "Fumi"),
            QApplication::translate("main", "Your accounts could not be read: %1").arg(accounts.errorString()));
    }
    // Every engine logs out and its thread ends before the objects they use go away.
    QObject::connect(&app, &QCoreApplication::aboutToQuit, &accounts, [&accounts] {
        accounts.stopAll();
    });
    window.show();
    // A first start, with no account yet: the account wizard, once the window is there.
    QTimer::singleShot(0, &window, [&window] {
        window.offerAccountSetup();
    });
    return QApplication::exec();
}
