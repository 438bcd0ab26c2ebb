#include "translations.h"

#include <QCoreApplication>
#include <QTranslator>

namespace qmp {

QString Translations::installFor(const QLocale &locale)
{
    auto *translator = new QTranslator(QCoreApplication::instance());
    // Tries qmp_zh_CN, qmp_zh, ... for each of the locale's UI languages, in order.
    if (!translator->load(locale, QStringLiteral("qmp"), QStringLiteral("_"), QStringLiteral(":/i18n"))) {
        delete translator;
        return QString();
    }
    QCoreApplication::installTranslator(translator);
    return translator->language();
}

} // namespace qmp
