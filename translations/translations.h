#pragma once
// Translations: the compiled translations every QMP program with a user interface embeds
// (:/i18n/qmp_<language>.qm, from translations/*.ts), and the one call a command-line program
// makes to speak its user's language.

#include <QLocale>
#include <QString>

namespace qmp {

class Translations
{
public:
    // Installs the translation for locale (the system's: LANG, LC_ALL, LC_MESSAGES) on the
    // application, when there is one; English needs none but its plural forms, which are loaded
    // too. Returns the language loaded ("zh_CN", "en"), empty when none. Call after the
    // QCoreApplication exists; the translator lives as long as the application.
    static QString installFor(const QLocale &locale = QLocale());
};

} // namespace qmp
