#pragma once
// LanguageManager: switches the studio between English and 简体中文 at run time. It installs the
// QTranslators (the studio's own, embedded as :/i18n/qmp_<code>.qm, and Qt's when the system has
// them), sets the default QLocale, and remembers the choice in QSettings ("ui/language"). On the
// first start it follows the system locale. Installing a translator makes Qt send
// QEvent::LanguageChange to every widget, which retranslates itself — no restart.
// GUI thread; one per application.

#include <QObject>
#include <QString>
#include <QStringList>

#include <memory>

class QTranslator;

namespace qmp {

class LanguageManager : public QObject
{
    Q_OBJECT
public:
    explicit LanguageManager(QObject *parent = nullptr);
    ~LanguageManager() override;

    // Language codes the studio ships: "en", "zh_CN".
    static QStringList available();
    // A language's own name ("English", "简体中文"), the way a language menu shows it.
    static QString nativeName(const QString &code);
    // The shipped language closest to a locale name ("zh_CN", "zh_TW.UTF-8", "de_DE") — "en" when
    // none is close.
    static QString closestTo(const QString &localeName);

    QString current() const { return m_current; }
    // Switches to code (one of available()) and, when remember, keeps it in QSettings; false for
    // an unknown code or when its translation cannot be loaded (errorString() says why). Emits
    // languageChanged.
    bool setLanguage(const QString &code, bool remember = true);
    // The remembered language, else the system locale's closest.
    bool restore();
    QString errorString() const { return m_error; }

Q_SIGNALS:
    void languageChanged(const QString &code);

private:
    std::unique_ptr<QTranslator> m_app;
    std::unique_ptr<QTranslator> m_qt;
    QString m_current;
    QString m_error;
};

} // namespace qmp
