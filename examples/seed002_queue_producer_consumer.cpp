// Seed 002, section 2) 消息队列Queue 通信方式, the producer / consumer example with maxsize 5:
//
//     def producer(numbers, q):
//         for x in numbers:
//             if x % 2 == 0:
//                 if q.full():
//                     print("queue is full")
//                     break
//                 q.put(x)
//                 print(f"put {x} in queue by producer")
//         return None
//     def consumer(q):
//         while not q.empty():
//             print(f"take data {q.get()} from queue by consumer")
//         return None
//     if __name__ == "__main__":
//         qu = multiprocessing.Queue(maxsize=5,)
//         p5 = multiprocessing.Process(name="producer-1", target=producer,
//                                      args=([random.randint(1, 100) for i in range(0, 10)], qu))
//         p5.start(); p5.join()
//         p6 = multiprocessing.Process(name="consumer-1", target=consumer, args=(qu,))
//         p6.start(); p6.join()
//         print(qu.qsize())
//
// The seed's ten random numbers are fixed here (so the output can be checked): six are even,
// so the sixth put finds the queue full. Python's full()/empty() are approximate and the
// consumer may stop early there; QMP's are exact.

#include "process.h"
#include "queue.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>

#include <cstdio>

void producer(const QList<int> &numbers, qmp::Queue q)
{
    for (int x : numbers) {
        if (x % 2 == 0) {
            if (q.full()) {
                std::printf("queue is full\n");
                break;
            }
            q.put(x);
            std::printf("put %d in queue by producer\n", x);
        }
    }
    std::fflush(stdout);
}
QMP_TASK(producer);

void consumer(qmp::Queue q)
{
    while (!q.empty())
        std::printf("take data %lld from queue by consumer\n", qlonglong(q.get().toInteger()));
    std::fflush(stdout);
}
QMP_TASK(consumer);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);
    qmp::Queue qu(5); // 设置1个queue对象,最大长度为5
    qmp::Process p5(&producer, QList<int>{12, 7, 44, 3, 18, 90, 5, 26, 61, 8}, qu);
    p5.setName(QStringLiteral("producer-1"));
    p5.start();
    p5.join();
    qmp::Process p6(&consumer, qu);
    p6.setName(QStringLiteral("consumer-1"));
    p6.start();
    p6.join();
    std::printf("%lld\n", qlonglong(qu.qsize()));
    return 0;
}
