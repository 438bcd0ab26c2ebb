#pragma once
// Test support for temporary directories: a QTemporaryDir that also removes entries whose names
// are not UTF-8 (Qt cannot name those, so QTemporaryDir leaves them and their directory behind),
// and a main() that fails a test binary which left a temporary directory or file of its own
// ("<binary>-XXXXXX", "<binary>.XXXXXX" in the temporary directory) behind.

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QSet>
#include <QStringList>
#include <QTemporaryDir>
#include <QTest>

#include <ftw.h>
#include <unistd.h>

namespace qmptest {

// Removes path and everything under it by its bytes; true when nothing is left.
inline bool removeTree(const QByteArray &path)
{
    const auto removeOne = [](const char *entry, const struct stat *, int type, struct FTW *) {
        return (type == FTW_DP ? ::rmdir(entry) : ::unlink(entry)) == 0 ? 0 : -1;
    };
    return ::nftw(path.constData(), removeOne, 16, FTW_DEPTH | FTW_PHYS) == 0 || !QFile::exists(QFile::decodeName(path));
}

// A QTemporaryDir whose removal also takes entries with byte (non-UTF-8) names.
class TemporaryDir : public QTemporaryDir
{
public:
    using QTemporaryDir::QTemporaryDir;
    TemporaryDir(const TemporaryDir &) = delete;
    TemporaryDir &operator=(const TemporaryDir &) = delete;
    ~TemporaryDir()
    {
        if (isValid() && autoRemove())
            removeTree(QFile::encodeName(path()));
    }
};

// Names of the temporary directories and files this test binary's QTemporaryDir / QTemporaryFile
// create by default, present now.
inline QSet<QString> temporaryEntriesOfThisTest()
{
    const QString app = QCoreApplication::applicationName();
    QSet<QString> found;
    const QStringList names = QDir(QDir::tempPath()).entryList(QDir::AllEntries | QDir::System | QDir::Hidden | QDir::NoDotAndDotDot);
    for (const QString &name : names) {
        if (name.startsWith(app + QLatin1Char('-')) || name.startsWith(app + QLatin1Char('.')))
            found.insert(name);
    }
    return found;
}

// What a test's exit status becomes: 1 (with the names) when the tests left temporary
// entries of their own that were not there before.
inline int checkNoTemporaryEntriesLeft(const QSet<QString> &before)
{
    QStringList left = (temporaryEntriesOfThisTest() - before).values();
    if (left.isEmpty())
        return 0;
    left.sort();
    qWarning("Temporary entries left in %s: %s", qPrintable(QDir::tempPath()), qPrintable(left.join(QStringLiteral(", "))));
    return 1;
}

template <typename TestObject>
int runTestsLeavingNoTemporaryEntries(TestObject &tc, int argc, char *argv[])
{
    const QSet<QString> before = temporaryEntriesOfThisTest();
    const int rc = QTest::qExec(&tc, argc, argv);
    const int left = checkNoTemporaryEntriesLeft(before);
    return rc ? rc : left;
}

} // namespace qmptest

// QTEST_GUILESS_MAIN that also fails when the tests left temporary directories or files behind.
#define QMP_GUILESS_TEST_MAIN(TestObject) \
    int main(int argc, char *argv[]) \
    { \
        QTest::Internal::callInitMain<TestObject>(); \
        QCoreApplication app(argc, argv); \
        app.setAttribute(Qt::AA_Use96Dpi, true); \
        TestObject tc; \
        QTEST_SET_MAIN_SOURCE_PATH \
        return qmptest::runTestsLeavingNoTemporaryEntries(tc, argc, argv); \
    }
