// Seed 002, section 3) ShareableList 共享列表, the interactive sessions as a program:
//
//     >>> a = shared_memory.ShareableList(['howdy', b'HoWdY', -273.154, 100, None, True, 42])
//     >>> a[2]                         -273.154
//     >>> a[2] = -78.5; a[2]           -78.5
//     >>> a[2] = 'dry ice'; a[2]       'dry ice'
//     >>> a[2] = 'larger than previously allocated storage space'
//     ValueError: exceeds available storage for existing str
//     >>> a[2]                         'dry ice'
//     >>> len(a)                       7
//     >>> a.index(42)                  6
//     >>> a.count(b'howdy')            0
//     >>> a.count(b'HoWdY')            1
//     >>> a.shm.close(); a.shm.unlink()
//     >>> b = shared_memory.ShareableList(range(5))       # In a first process
//     >>> c = shared_memory.ShareableList(name=b.shm.name) # In a second process
//     >>> c[-1] = -999
//     >>> b[-1]                        -999
//
// Here the "second process" is a child.

#include "ipcerrors.h"
#include "process.h"
#include "runtime.h"
#include "shareablelist.h"
#include "taskregistry.h"

#include <QCoreApplication>

#include <cstdio>

void secondProcess(const QString &name)
{
    qmp::ShareableList c = qmp::ShareableList::attach(name);
    c.set(-1, -999);
}
QMP_TASK(secondProcess);

static void show(const QCborValue &v)
{
    if (v.isString())
        std::printf("'%s'\n", v.toString().toUtf8().constData());
    else if (v.isDouble())
        std::printf("%g\n", v.toDouble());
    else
        std::printf("%lld\n", qlonglong(v.toInteger()));
}

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    qmp::ShareableList a({QStringLiteral("howdy"), QByteArray("HoWdY"), -273.154, 100, nullptr, true, 42});
    show(a.at(2));
    a.set(2, -78.5);
    show(a.at(2));
    a.set(2, QStringLiteral("dry ice"));
    show(a.at(2));
    try {
        a.set(2, QStringLiteral("larger than previously allocated storage space"));
    } catch (const qmp::ValueError &e) {
        std::printf("ValueError: exceeds available storage for existing str\n");
    }
    show(a.at(2));
    std::printf("%lld\n", qlonglong(a.size()));
    std::printf("%lld\n", qlonglong(a.index(42)));
    std::printf("%lld\n", qlonglong(a.count(QByteArray("howdy"))));
    std::printf("%lld\n", qlonglong(a.count(QByteArray("HoWdY"))));
    a.shm().close();
    a.shm().unlink();

    qmp::ShareableList b({0, 1, 2, 3, 4}); // range(5)
    qmp::Process p(&secondProcess, b.shm().name());
    p.start();
    p.join();
    show(b.at(-1));
    b.shm().unlink();
    return 0;
}
