// The translations: qmp_zh_CN.ts has a finished Chinese translation for every string the studio
// shows (lupdate run on the sources now finds nothing the file lacks), nothing unfinished,
// vanished or obsolete, the same placeholders as the source; the compiled .qm files are embedded
// and load.
#include "qmptempdirs.h"

#include <QCoreApplication>
#include <QFile>
#include <QProcess>
#include <QRegularExpression>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>
#include <QTranslator>
#include <QXmlStreamReader>

namespace {

struct Message
{
    QString context;
    QString source;
    QString comment;
    bool numerus = false;
    QString type;             // translation's type attribute: "", "unfinished", "vanished", "obsolete"
    QStringList translations; // one, or one per numerus form
    QString key() const { return context + QLatin1Char('\x1f') + source + QLatin1Char('\x1f') + comment; }
};

QList<Message> readTs(const QString &path, QString *error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        *error = file.errorString();
        return {};
    }
    QList<Message> messages;
    QXmlStreamReader xml(&file);
    QString context;
    Message current;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement()) {
            const auto name = xml.name();
            if (name == QLatin1String("name"))
                context = xml.readElementText();
            else if (name == QLatin1String("message")) {
                current = Message();
                current.context = context;
                current.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            } else if (name == QLatin1String("source"))
                current.source = xml.readElementText();
            else if (name == QLatin1String("comment"))
                current.comment = xml.readElementText();
            else if (name == QLatin1String("translation")) {
                current.type = xml.attributes().value(QLatin1String("type")).toString();
                if (!current.numerus)
                    current.translations.append(xml.readElementText());
            } else if (name == QLatin1String("numerusform"))
                current.translations.append(xml.readElementText());
        } else if (xml.isEndElement() && xml.name() == QLatin1String("message")) {
            messages.append(current);
            current = Message();
        }
    }
    if (xml.hasError())
        *error = QStringLiteral("%1 line %2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return messages;
}

QStringList placeholders(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("%(\\d|n|L\\d)"));
    QStringList found;
    for (const QRegularExpressionMatch &m : re.globalMatch(text))
        found.append(m.captured(0));
    found.sort();
    found.removeDuplicates();
    return found;
}

const QString kSource = QStringLiteral(QMP_SOURCE_DIR);

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void chineseIsComplete()
    {
        QString error;
        const QList<Message> messages = readTs(kSource + QStringLiteral("/translations/qmp_zh_CN.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        QVERIFY(messages.size() > 100);
        QStringList problems;
        int chinese = 0;
        static const QRegularExpression cjk(QStringLiteral("[\\x{4e00}-\\x{9fff}]"));
        for (const Message &m : messages) {
            const QString where = m.context + QStringLiteral(": \"") + m.source + QLatin1Char('"');
            if (!m.type.isEmpty()) {
                problems.append(m.type + QStringLiteral(" — ") + where);
                continue;
            }
            if (m.translations.isEmpty() || m.translations.contains(QString())) {
                problems.append(QStringLiteral("empty — ") + where);
                continue;
            }
            for (const QString &t : m.translations) {
                if (placeholders(t) != placeholders(m.source))
                    problems.append(QStringLiteral("placeholders %1 vs %2 — %3")
                                        .arg(placeholders(t).join(QLatin1Char(',')), placeholders(m.source).join(QLatin1Char(',')), where));
            }
            if (cjk.match(m.translations.first()).hasMatch())
                ++chinese;
        }
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(QLatin1Char('\n'))));
        // Really Chinese, not the English copied over (a few like "p95" stay as they are).
        QVERIFY2(chinese * 10 >= messages.size() * 9, qPrintable(QStringLiteral("%1 of %2").arg(chinese).arg(messages.size())));
    }

    void englishHasNoStaleEntries()
    {
        QString error;
        const QList<Message> messages = readTs(kSource + QStringLiteral("/translations/qmp_en.ts"), &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        for (const Message &m : messages) {
            QVERIFY2(m.type != QLatin1String("vanished") && m.type != QLatin1String("obsolete"), qPrintable(m.source));
            if (m.numerus) // English plural forms are written out
                QVERIFY2(m.type.isEmpty() && m.translations.size() == 2 && !m.translations.contains(QString()),
                         qPrintable(m.source));
        }
    }

    // lupdate over the sources now: every string it finds is in the file, and the file has no
    // string the sources lost.
    void nothingMissing()
    {
        QTemporaryDir dir;
        const QString fresh = dir.filePath(QStringLiteral("fresh_zh_CN.ts"));
        QProcess lupdate;
        lupdate.start(QStringLiteral(QMP_LUPDATE),
                      {QStringLiteral("-silent"), QStringLiteral("-locations"), QStringLiteral("none"),
                       QStringLiteral("-extensions"), QStringLiteral("cpp,h,ui"),
                       kSource + QStringLiteral("/src/app"), kSource + QStringLiteral("/src/models"),
                       kSource + QStringLiteral("/src/monitor"), kSource + QStringLiteral("/src/cli"),
                       kSource + QStringLiteral("/ui"),
                       QStringLiteral("-ts"), fresh});
        QVERIFY(lupdate.waitForFinished(60000));
        QVERIFY2(lupdate.exitCode() == 0, lupdate.readAllStandardError().constData());
        QString error;
        const QList<Message> found = readTs(fresh, &error);
        QVERIFY2(error.isEmpty(), qPrintable(error));
        const QList<Message> kept = readTs(kSource + QStringLiteral("/translations/qmp_zh_CN.ts"), &error);
        QSet<QString> keptKeys;
        for (const Message &m : kept)
            keptKeys.insert(m.key());
        QSet<QString> foundKeys;
        QStringList missing;
        for (const Message &m : found) {
            foundKeys.insert(m.key());
            if (!keptKeys.contains(m.key()))
                missing.append(m.context + QStringLiteral(": ") + m.source);
        }
        QVERIFY2(missing.isEmpty(), qPrintable(QStringLiteral("not in qmp_zh_CN.ts (build qmp_update_translations):\n")
                                               + missing.join(QLatin1Char('\n'))));
        QStringList stale;
        for (const Message &m : kept) {
            if (!foundKeys.contains(m.key()))
                stale.append(m.context + QStringLiteral(": ") + m.source);
        }
        QVERIFY2(stale.isEmpty(), qPrintable(QStringLiteral("no longer in the sources:\n") + stale.join(QLatin1Char('\n'))));
    }

    void compiledTranslationsLoad_data()
    {
        QTest::addColumn<QString>("code");
        QTest::addColumn<QString>("expected");
        QTest::newRow("zh_CN") << "zh_CN" << QStringLiteral("工作进程");
        QTest::newRow("en") << "en" << QStringLiteral("Workers");
    }
    void compiledTranslationsLoad()
    {
        QFETCH(QString, code);
        QFETCH(QString, expected);
        QTranslator translator;
        QVERIFY(translator.load(QStringLiteral(":/i18n/qmp_%1.qm").arg(code)));
        QVERIFY2(translator.language().startsWith(code), qPrintable(translator.language()));
        QCoreApplication::installTranslator(&translator);
        QCOMPARE(QCoreApplication::translate("qmp::PoolDashboard", "Workers"), expected);
        QCoreApplication::removeTranslator(&translator);
    }
};

QMP_GUILESS_TEST_MAIN(TestTranslations)
#include "tst_translations.moc"
