#include "languagemanager.h"

#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QSettings>
#include <QTranslator>

namespace qmp {

namespace {
const char kSettingsKey[] = "ui/language";
}

LanguageManager::LanguageManager(QObject *parent)
    : QObject(parent)
{
}

LanguageManager::~LanguageManager()
{
    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
}

QStringList LanguageManager::available()
{
    return {QStringLiteral("en"), QStringLiteral("zh_CN")};
}

QString LanguageManager::nativeName(const QString &code)
{
    if (code == QLatin1String("zh_CN"))
        return QStringLiteral("简体中文");
    if (code == QLatin1String("en"))
        return QStringLiteral("English");
    return code;
}

QString LanguageManager::closestTo(const QString &localeName)
{
    return localeName.startsWith(QLatin1String("zh")) ? QStringLiteral("zh_CN") : QStringLiteral("en");
}

bool LanguageManager::setLanguage(const QString &code, bool remember)
{
    if (!available().contains(code)) {
        m_error = tr("Unknown language '%1'; the studio speaks %2").arg(code, available().join(QStringLiteral(", ")));
        return false;
    }
    auto app = std::make_unique<QTranslator>();
    if (!app->load(QStringLiteral(":/i18n/qmp_%1.qm").arg(code))) {
        m_error = tr("The translation for %1 is missing from this build").arg(nativeName(code));
        return false;
    }
    auto qt = std::make_unique<QTranslator>();
    // Qt's own texts (standard buttons); optional, present when the system has Qt's translations.
    if (!qt->load(QStringLiteral("qtbase_%1").arg(code), QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        qt.reset();

    if (m_app)
        QCoreApplication::removeTranslator(m_app.get());
    if (m_qt)
        QCoreApplication::removeTranslator(m_qt.get());
    m_app = std::move(app);
    m_qt = std::move(qt);
    QLocale::setDefault(QLocale(code));
    if (m_qt)
        QCoreApplication::installTranslator(m_qt.get());
    QCoreApplication::installTranslator(m_app.get()); // sends LanguageChange to every widget
    m_current = code;
    m_error.clear();
    if (remember)
        QSettings().setValue(QLatin1String(kSettingsKey), code);
    Q_EMIT languageChanged(code);
    return true;
}

bool LanguageManager::restore()
{
    const QString saved = QSettings().value(QLatin1String(kSettingsKey)).toString();
    if (available().contains(saved))
        return setLanguage(saved, false);
    return setLanguage(closestTo(QLocale::system().name()), false);
}

} // namespace qmp
