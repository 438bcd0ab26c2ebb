// Seed 002, section (2) 共享内存 Shared_memory, the interactive session as a program (the second
// handle attaches in a child process here, to show the block crossing processes):
//
//     >>> shm_a = shared_memory.SharedMemory(create=True, size=10)
//     >>> buffer = shm_a.buf
//     >>> len(buffer)                                  10
//     >>> buffer[:4] = bytearray([22, 33, 44, 55])
//     >>> buffer[4] = 100
//     >>> shm_b = shared_memory.SharedMemory(shm_a.name)
//     >>> array.array('b', shm_b.buf[:5])              array('b', [22, 33, 44, 55, 100])
//     >>> shm_b.buf[:5] = b'howdy'
//     >>> bytes(shm_a.buf[:5])                         b'howdy'
//     >>> shm_b.close()
//     >>> shm_a.close()
//     >>> shm_a.unlink()

#include "process.h"
#include "runtime.h"
#include "sharedmemory.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>
#include <cstring>

QString attachAndWrite(const QString &name)
{
    qmp::SharedMemory shmB(name); // attach to an existing block by name
    QStringList items;
    for (int i = 0; i < 5; ++i)
        items.append(QString::number(int(static_cast<signed char>(shmB.data()[i]))));
    std::memcpy(shmB.data(), "howdy", 5); // shm_b.buf[:5] = b'howdy'
    shmB.close();
    return QStringLiteral("array('b', [%1])").arg(items.join(QStringLiteral(", ")));
}
QMP_TASK(attachAndWrite);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    qmp::SharedMemory shmA({}, true, 10);
    std::printf("%lld\n", qlonglong(shmA.size()));
    const unsigned char four[] = {22, 33, 44, 55};
    std::memcpy(shmA.data(), four, 4); // buffer[:4] = bytearray([22, 33, 44, 55])
    shmA.data()[4] = 100;              // buffer[4] = 100
    qmp::Process p(&attachAndWrite, shmA.name());
    p.start();
    p.join();
    std::printf("%s\n", qPrintable(p.result().toString()));
    std::printf("b'%s'\n", QByteArray(shmA.data(), 5).constData()); // bytes(shm_a.buf[:5])
    shmA.close();
    shmA.unlink(); // once, to release the block
    return 0;
}
