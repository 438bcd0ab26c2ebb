// LanguageManager: the closest shipped language to a locale, switching, remembering, refusing
// what it does not have.
#include "languagemanager.h"

#include <QCoreApplication>
#include <QSettings>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTest>

using qmp::LanguageManager;

class TestLanguageManager : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase()
    {
        QStandardPaths::setTestModeEnabled(true);
        QCoreApplication::setOrganizationName(QStringLiteral("QMP-tests"));
        QCoreApplication::setApplicationName(QStringLiteral("tst_languagemanager"));
        QSettings().clear();
    }

    void closestTo_data()
    {
        QTest::addColumn<QString>("locale");
        QTest::addColumn<QString>("code");
        QTest::newRow("zh_CN") << "zh_CN" << "zh_CN";
        QTest::newRow("zh_TW") << "zh_TW.UTF-8" << "zh_CN";
        QTest::newRow("en_GB") << "en_GB" << "en";
        QTest::newRow("de_DE") << "de_DE" << "en";
        QTest::newRow("C") << "C" << "en";
    }
    void closestTo()
    {
        QFETCH(QString, locale);
        QFETCH(QString, code);
        QCOMPARE(LanguageManager::closestTo(locale), code);
    }

    void switchesAndRemembers()
    {
        LanguageManager languages;
        QSignalSpy changed(&languages, &LanguageManager::languageChanged);
        QVERIFY(languages.setLanguage(QStringLiteral("zh_CN")));
        QCOMPARE(languages.current(), QStringLiteral("zh_CN"));
        QCOMPARE(changed.size(), 1);
        QCOMPARE(QCoreApplication::translate("qmp::MainWindow", "History"), QStringLiteral("历史"));
        QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("zh_CN"));

        LanguageManager again; // the next start
        QVERIFY(again.restore());
        QCOMPARE(again.current(), QStringLiteral("zh_CN"));

        QVERIFY(languages.setLanguage(QStringLiteral("en"), false)); // not remembered
        QCOMPARE(QSettings().value(QStringLiteral("ui/language")).toString(), QStringLiteral("zh_CN"));
    }

    void firstStartFollowsTheSystem()
    {
        QSettings().remove(QStringLiteral("ui/language"));
        LanguageManager languages;
        QVERIFY(languages.restore());
        QCOMPARE(languages.current(), LanguageManager::closestTo(QLocale::system().name()));
    }

    void unknownLanguageIsRefused()
    {
        LanguageManager languages;
        QVERIFY(languages.setLanguage(QStringLiteral("en")));
        QVERIFY(!languages.setLanguage(QStringLiteral("fr")));
        QVERIFY2(languages.errorString().contains(QLatin1String("fr")), qPrintable(languages.errorString()));
        QCOMPARE(languages.current(), QStringLiteral("en"));
    }
};

QTEST_GUILESS_MAIN(TestLanguageManager)
#include "tst_languagemanager.moc"
