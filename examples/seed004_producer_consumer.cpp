// Seed 004, section 怎样在Python中创建多进程程序？, the Queue example: a producer puts 0..4 and
// a None sentinel; the consumer prints until the sentinel.
//
//     def producer(q):
//         for i in range(5):
//             q.put(i)
//         q.put(None)  # 表示生产结束
//     def consumer(q):
//         while True:
//             item = q.get()
//             if item is None:
//                 break
//             print(f'Consumed {item}')
//     if __name__ == '__main__':
//         queue = multiprocessing.Queue()
//         prod = multiprocessing.Process(target=producer, args=(queue,))
//         cons = multiprocessing.Process(target=consumer, args=(queue,))
//         prod.start(); cons.start()
//         prod.join(); cons.join()

#include "process.h"
#include "queue.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>

#include <cstdio>

void producer(qmp::Queue q)
{
    for (int i = 0; i < 5; ++i)
        q.put(i);
    q.put(QCborValue(nullptr)); // 表示生产结束 (None)
}
QMP_TASK(producer);

void consumer(qmp::Queue q)
{
    for (;;) {
        const QCborValue item = q.get();
        if (item.isNull())
            break;
        std::printf("Consumed %lld\n", qlonglong(item.toInteger()));
        std::fflush(stdout);
    }
}
QMP_TASK(consumer);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    qmp::Queue queue;
    qmp::Process prod(&producer, queue);
    qmp::Process cons(&consumer, queue);
    prod.start();
    cons.start();
    prod.join();
    cons.join();
    return 0;
}
