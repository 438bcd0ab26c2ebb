// AtomicFile: a file replaced whole, with the permissions asked for; a failure names the file and
// why and leaves the old contents and no stray file. (A disk that fills up part-way:
// tst_service::fullDiskKeepsTheSavedQueueAndSaysSo, which needs root to mount a small tmpfs.)
#include "atomicfile.h"
#include "qmptempdirs.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <sys/stat.h>

using qmp::AtomicFile;

class TestAtomicFile : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void replacesWholeWithItsMode_data()
    {
        QTest::addColumn<QByteArray>("before"); // empty: no file yet
        QTest::addColumn<QByteArray>("after");
        QTest::addColumn<int>("mode");
        QTest::newRow("a new file") << QByteArray() << QByteArray("hello") << 0600;
        QTest::newRow("over a longer one") << QByteArray(100000, 'x') << QByteArray("short") << 0644;
        QTest::newRow("empty contents") << QByteArray("old") << QByteArray() << 0600;
        QTest::newRow("a large one") << QByteArray("old") << QByteArray(3 << 20, 'y') << 0640;
    }
    void replacesWholeWithItsMode()
    {
        QFETCH(QByteArray, before);
        QFETCH(QByteArray, after);
        QFETCH(int, mode);
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("state.cbor"));
        if (!before.isEmpty()) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::WriteOnly));
            f.write(before);
        }
        const mode_t oldMask = ::umask(0077); // the mode asked for wins over the umask
        QString error;
        const bool ok = AtomicFile::replace(path, after, mode_t(mode), &error);
        ::umask(oldMask);
        QVERIFY2(ok, qPrintable(error));
        QFile f(path);
        QVERIFY(f.open(QIODevice::ReadOnly));
        QCOMPARE(f.readAll(), after);
        struct stat st = {};
        QCOMPARE(::stat(QFile::encodeName(path).constData(), &st), 0);
        QCOMPARE(int(st.st_mode & 07777), mode);
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList{QStringLiteral("state.cbor")});
    }

    void aFailureNamesTheFileAndWhy()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("missing/state.cbor"));
        QString error;
        QVERIFY(!AtomicFile::replace(path, "x", 0600, &error));
        QVERIFY2(error.contains(path) && error.contains(QStringLiteral("No such file or directory")), qPrintable(error));
        // A directory in the way of the rename: the old entry stays, nothing is left beside it.
        const QString taken = dir.filePath(QStringLiteral("taken"));
        QVERIFY(QDir().mkpath(taken + QStringLiteral("/inside")));
        QVERIFY(!AtomicFile::replace(taken, "x", 0600, &error));
        QVERIFY2(error.startsWith(QStringLiteral("cannot replace ")) && error.contains(taken), qPrintable(error));
        QVERIFY(QFileInfo(taken).isDir());
        QCOMPARE(QDir(dir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot | QDir::Hidden),
                 QStringList{QStringLiteral("taken")});
    }
};

QMP_GUILESS_TEST_MAIN(TestAtomicFile)
#include "tst_atomicfile.moc"
