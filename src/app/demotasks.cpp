#include "demotasks.h"

#include "taskregistry.h"

#include <QCryptographicHash>
#include <QDir>
#include <QElapsedTimer>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QThread>

#include <stdexcept>
#include <vector>

namespace qmp {

namespace {
qint64 demoCpuBurn(qint64 ms) { return DemoTasks::cpuBurn(ms); }
qint64 demoSleep(qint64 ms) { return DemoTasks::sleep(ms); }
qint64 demoPrimeCount(qint64 below) { return DemoTasks::primeCount(below); }
QString demoFileHash(QString path) { return DemoTasks::fileHash(path); }
QString demoThumbnail(QString path) { return DemoTasks::thumbnail(path); }

[[maybe_unused]] const bool registered = registerTask(QStringLiteral("demo.cpuBurn"), &demoCpuBurn)
    && registerTask(QStringLiteral("demo.sleep"), &demoSleep)
    && registerTask(QStringLiteral("demo.primeCount"), &demoPrimeCount)
    && registerTask(QStringLiteral("demo.fileHash"), &demoFileHash)
    && registerTask(QStringLiteral("demo.thumbnail"), &demoThumbnail);

[[noreturn]] void fail(const QString &what)
{
    throw std::runtime_error(what.toStdString());
}
} // namespace

QStringList DemoTasks::names()
{
    return {QStringLiteral("demo.cpuBurn"), QStringLiteral("demo.sleep"), QStringLiteral("demo.primeCount"),
            QStringLiteral("demo.fileHash"), QStringLiteral("demo.thumbnail")};
}

DemoTasks::Input DemoTasks::inputOf(const QString &name)
{
    return name == QLatin1String("demo.fileHash") || name == QLatin1String("demo.thumbnail") ? Input::File
                                                                                              : Input::Number;
}

QString DemoTasks::describe(const QString &name)
{
    if (name == QLatin1String("demo.cpuBurn"))
        return tr("Keeps one CPU busy for the given number of milliseconds");
    if (name == QLatin1String("demo.sleep"))
        return tr("Sleeps for the given number of milliseconds");
    if (name == QLatin1String("demo.primeCount"))
        return tr("Counts the prime numbers below the given number");
    if (name == QLatin1String("demo.fileHash"))
        return tr("Computes the SHA-256 of the given file");
    if (name == QLatin1String("demo.thumbnail"))
        return tr("Writes a 128-pixel PNG thumbnail of the given image to the temporary folder");
    return QString();
}

qint64 DemoTasks::cpuBurn(qint64 milliseconds)
{
    if (milliseconds < 0)
        fail(QStringLiteral("demo.cpuBurn: the duration must not be negative (got %1 ms)").arg(milliseconds));
    QElapsedTimer clock;
    clock.start();
    qint64 loops = 0;
    volatile double sink = 1;
    while (clock.elapsed() < milliseconds) {
        for (int i = 0; i < 10000; ++i)
            sink = sink * 1.0000001 + 1e-9;
        ++loops;
    }
    return loops;
}

qint64 DemoTasks::sleep(qint64 milliseconds)
{
    if (milliseconds < 0)
        fail(QStringLiteral("demo.sleep: the duration must not be negative (got %1 ms)").arg(milliseconds));
    QThread::msleep(ulong(milliseconds));
    return milliseconds;
}

qint64 DemoTasks::primeCount(qint64 below)
{
    if (below < 0 || below > 2'000'000'000)
        fail(QStringLiteral("demo.primeCount: the limit must be between 0 and 2000000000 (got %1)").arg(below));
    if (below < 3)
        return 0;
    std::vector<bool> composite(size_t(below), false);
    qint64 count = 0;
    for (qint64 n = 2; n < below; ++n) {
        if (composite[size_t(n)])
            continue;
        ++count;
        for (qint64 m = n * n; m < below; m += n)
            composite[size_t(m)] = true;
    }
    return count;
}

QString DemoTasks::fileHash(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        fail(QStringLiteral("demo.fileHash: cannot open %1: %2").arg(path, file.errorString()));
    QCryptographicHash hash(QCryptographicHash::Sha256);
    if (!hash.addData(&file))
        fail(QStringLiteral("demo.fileHash: cannot read %1: %2").arg(path, file.errorString()));
    return QString::fromLatin1(hash.result().toHex());
}

QString DemoTasks::thumbnail(const QString &path)
{
    QImage image(path);
    if (image.isNull())
        fail(QStringLiteral("demo.thumbnail: %1 is not an image this program can read").arg(path));
    const QImage small = image.scaled(128, 128, Qt::KeepAspectRatio, Qt::SmoothTransformation);
    const QString dir = QDir::temp().filePath(QStringLiteral("qmp-thumbnails"));
    if (!QDir().mkpath(dir))
        fail(QStringLiteral("demo.thumbnail: cannot create %1").arg(dir));
    const QString hash = QString::fromLatin1(
        QCryptographicHash::hash(QFileInfo(path).absoluteFilePath().toUtf8(), QCryptographicHash::Sha1).toHex().left(12));
    const QString out = QDir(dir).filePath(QFileInfo(path).completeBaseName() + QLatin1Char('-') + hash
                                           + QStringLiteral(".png"));
    if (!small.save(out, "PNG"))
        fail(QStringLiteral("demo.thumbnail: cannot write %1").arg(out));
    return out;
}

} // namespace qmp
