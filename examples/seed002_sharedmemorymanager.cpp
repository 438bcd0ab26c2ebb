// Seed 002, 3) 销毁共享内存变量, 方法二: a SharedMemoryManager frees everything at the end.
//
//     >>> with SharedMemoryManager() as smm:
//     ...     sl = smm.ShareableList(range(2000))
//     ...     # Divide the work among two processes, storing partial results in sl
//     ...     p1 = Process(target=do_work, args=(sl, 0, 1000))
//     ...     p2 = Process(target=do_work, args=(sl, 1000, 2000))
//     ...     p1.start()
//     ...     p2.start()  # A multiprocessing.Pool might be more efficient
//     ...     p1.join()
//     ...     p2.join()   # Wait for all work to complete in both processes
//     ...     total_result = sum(sl)  # Consolidate the partial results now in sl
//
// The seed leaves do_work out; here it doubles each item of its range. After the block the
// list's shared memory is gone, which the program checks.

#include "ipcerrors.h"
#include "process.h"
#include "runtime.h"
#include "sharedmemorymanager.h"
#include "taskregistry.h"

#include <QCoreApplication>

#include <cstdio>

void doWork(qmp::ShareableList sl, int start, int end)
{
    for (int i = start; i < end; ++i)
        sl.set(i, sl.at(i).toInteger() * 2);
}
QMP_TASK(doWork);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);

    QString name;
    {
        qmp::SharedMemoryManager smm;
        QCborArray range;
        for (int i = 0; i < 2000; ++i)
            range.append(i);
        qmp::ShareableList sl = smm.shareableList(range);
        name = sl.shm().name();
        // Divide the work among two processes, storing partial results in sl
        qmp::Process p1(&doWork, sl, 0, 1000);
        qmp::Process p2(&doWork, sl, 1000, 2000);
        p1.start();
        p2.start();
        p1.join();
        p2.join(); // Wait for all work to complete in both processes
        qint64 totalResult = 0;
        for (const QCborValue &v : sl.toList()) // Consolidate the partial results now in sl
            totalResult += v.toInteger();
        std::printf("total_result = %lld\n", static_cast<long long>(totalResult));
        sl.shm().close();
    }
    try {
        qmp::SharedMemory gone(name);
        std::printf("the list's memory is still there\n");
        return 1;
    } catch (const qmp::FileNotFoundError &) {
        std::printf("after the with block: the list's shared memory was unlinked\n");
    }
    return 0;
}
