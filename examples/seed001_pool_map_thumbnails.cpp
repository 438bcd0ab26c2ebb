// Seed 001 ("multiprocessing"), section 进程池map方法 — thumbnails of a folder's images:
//
//     import os
//     import PIL
//
//     from multiprocessing import Pool
//     from PIL import Image
//
//     SIZE = (75,75)
//     SAVE_DIRECTORY = 'thumbs'
//
//     def get_image_paths(folder):
//         return (os.path.join(folder, f)
//                 for f in os.listdir(folder)
//                 if 'jpeg' in f)
//
//     def create_thumbnail(filename):
//         im = Image.open(filename)
//         im.thumbnail(SIZE, Image.ANTIALIAS)
//         base, fname = os.path.split(filename)
//         save_path = os.path.join(base, SAVE_DIRECTORY, fname)
//         im.save(save_path)
//
//     if __name__ == '__main__':
//         folder = os.path.abspath(
//             '11_18_2013_R000_IQM_Big_Sur_Mon__e10d1958e7b766c3e840')
//         os.mkdir(os.path.join(folder, SAVE_DIRECTORY))
//
//         images = get_image_paths(folder)
//
//         pool = Pool()
//         pool.map(creat_thumbnail, images) #关键点，images是一个可迭代对象
//         pool.close()
//         pool.join()
//
// The seed calls `creat_thumbnail` (a typo: a NameError in Python); we call create_thumbnail.
// PIL becomes QImage (Qt6::Gui; no QGuiApplication needed). The seed needs a folder of photos;
// this program makes its own: it paints five .jpeg images of different sizes (and two files
// that get_image_paths must skip) into a QTemporaryDir, and after the map the parent checks
// that each thumbnail exists with the size PIL's thumbnail() gives: the aspect ratio kept,
// within 75x75, never enlarged.

#include "pool.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSize>
#include <QTemporaryDir>

#include <cstdio>
#include <stdexcept>

const QSize SIZE(75, 75);
const QString SAVE_DIRECTORY = QStringLiteral("thumbs");

QStringList get_image_paths(const QString &folder)
{
    QStringList paths;
    const QDir dir(folder);
    for (const QString &f : dir.entryList(QDir::Files, QDir::Name)) // os.listdir, sorted by name
        if (f.contains(QLatin1String("jpeg")))
            paths.append(dir.filePath(f));
    return paths;
}

void create_thumbnail(const QString &filename)
{
    const QImage im(filename); // Image.open(filename)
    if (im.isNull())
        throw std::runtime_error("cannot read image " + filename.toStdString());
    // im.thumbnail(SIZE, Image.ANTIALIAS): shrinks to fit SIZE, keeps the aspect ratio, never enlarges.
    const QImage thumb = im.width() > SIZE.width() || im.height() > SIZE.height()
        ? im.scaled(SIZE, Qt::KeepAspectRatio, Qt::SmoothTransformation)
        : im;
    const QFileInfo info(filename); // base, fname = os.path.split(filename)
    const QString save_path = QDir(info.path()).filePath(SAVE_DIRECTORY + QLatin1Char('/') + info.fileName());
    if (!thumb.save(save_path)) // im.save(save_path)
        throw std::runtime_error("cannot write thumbnail " + save_path.toStdString());
}
QMP_TASK(create_thumbnail);

// Stands in for the seed's photos: a colour gradient of the given size.
static bool paint_image(const QString &path, QSize size)
{
    QImage image(size, QImage::Format_RGB32);
    for (int y = 0; y < size.height(); ++y)
        for (int x = 0; x < size.width(); ++x)
            image.setPixel(x, y, qRgb(255 * x / size.width(), 255 * y / size.height(), 160));
    return image.save(path);
}

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a pool worker: serves create_thumbnail calls and exits here
    QCoreApplication app(argc, argv);

    QTemporaryDir temp; // removed, with everything in it, at the end of main()
    if (!temp.isValid()) {
        std::fprintf(stderr, "cannot create a temporary directory: %s\n", qPrintable(temp.errorString()));
        return 1;
    }
    const QString folder = temp.filePath(QStringLiteral("11_18_2013_R000_IQM_Big_Sur_Mon__e10d1958e7b766c3e840"));
    QDir().mkpath(folder);

    // The images, and each one's expected thumbnail size.
    const QList<std::pair<QString, std::pair<QSize, QSize>>> photos{
        {QStringLiteral("beach.jpeg"), {{300, 200}, {75, 50}}},
        {QStringLiteral("icon.jpeg"), {{60, 40}, {60, 40}}}, // already small: kept as it is
        {QStringLiteral("moon.jpeg"), {{120, 120}, {75, 75}}},
        {QStringLiteral("panorama.jpeg"), {{900, 300}, {75, 25}}},
        {QStringLiteral("tower.jpeg"), {{200, 300}, {50, 75}}},
    };
    for (const auto &[name, sizes] : photos) {
        if (!paint_image(QDir(folder).filePath(name), sizes.first)) {
            std::fprintf(stderr, "cannot write %s (is Qt's JPEG plugin installed?)\n", qPrintable(name));
            return 1;
        }
    }
    // Not photos: get_image_paths() skips them.
    paint_image(QDir(folder).filePath(QStringLiteral("map.png")), {80, 80});
    QFile notes(QDir(folder).filePath(QStringLiteral("notes.txt")));
    if (!notes.open(QIODevice::WriteOnly) || notes.write("Big Sur, 18 Nov 2013\n") < 0)
        return 1;
    notes.close();

    // The seed's main:
    QDir(folder).mkdir(SAVE_DIRECTORY); // os.mkdir(os.path.join(folder, SAVE_DIRECTORY))

    const QStringList images = get_image_paths(folder);

    qmp::Pool pool; // Pool(): as many workers as this process may use CPUs
    pool.map(&create_thumbnail, images); // 关键点，images是一个可迭代对象
    pool.close();
    pool.join();

    // Not in the seed: check each thumbnail.
    const QDir thumbs(QDir(folder).filePath(SAVE_DIRECTORY));
    std::printf("%d images, %d thumbnails in %s\n", int(images.size()),
                int(thumbs.entryList(QDir::Files).size()), qPrintable(SAVE_DIRECTORY));
    int wrong = 0;
    for (const auto &[name, sizes] : photos) {
        const QImage thumb(thumbs.filePath(name));
        const QSize want = sizes.second;
        if (thumb.isNull()) {
            std::printf("%s/%s: missing\n", qPrintable(SAVE_DIRECTORY), qPrintable(name));
            ++wrong;
        } else {
            std::printf("%s/%s: %dx%d -> %dx%d%s\n", qPrintable(SAVE_DIRECTORY), qPrintable(name),
                        sizes.first.width(), sizes.first.height(), thumb.width(), thumb.height(),
                        thumb.size() == want ? "" : qPrintable(QStringLiteral(" (expected %1x%2)")
                                                                   .arg(want.width())
                                                                   .arg(want.height())));
            if (thumb.size() != want)
                ++wrong;
        }
    }
    return wrong == 0 ? 0 : 1;
}
