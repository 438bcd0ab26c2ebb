// Seed 001, the Pool + Pipe producer / consumer (after section 管道Pipe): two producers in one
// Pool(3) send 10 foods each and a None into one end of a Pipe; four consumers in another
// Pool(3) receive from the other end until they get a None.
//
//     ## 进程池不能使用Queue,而要用Pipe, 但是可以使用Manager包装一下
//     from multiprocessing import Pool, Process,Queue, Pipe
//     import time,random
//
//     def consumer(q, name):
//         while True:
//             food = q.recv()
//             if food is None:
//                 print('接收到了一个空,生产者已经完事了')
//                 q.close()
//                 break
//
//             print('\033[31m{}消费了{}\033[0m'.format(name,food))
//             time.sleep(random.random())
//
//     def producer(name,food, q):
//         for i in range(10):
//             time.sleep(random.random())
//             f = '{}生产了{}{}'.format(name,food,i)
//             print(f)
//             q.send(f)
//         q.send(None)
//
//     if __name__ == '__main__':
//         start_time = time.time()
//         q1,q2 = Pipe()
//
//         p1 = Pool(3)
//         p2 = Pool(3)
//
//         p1.apply_async(func=producer, args=('fioman','包子',q1))
//         p1.apply_async(func=producer, args=('jingjing','馒头',q1))
//
//         p2.apply_async(func=consumer, args=(q2,'mengmeng'))
//         p2.apply_async(func=consumer, args=(q2,'xiaoxiao'))
//         p2.apply_async(func=consumer, args=(q2,'x'))
//         p2.apply_async(func=consumer, args=(q2,'xy'))
//
//         p1.close()
//         p2.close()
//         p1.join()
//
//         # 让主程序可以等待子进程的结束.
//         # 生产者的进程结束,这里需要放置两个空值,供消费者获取,用来判断已经没有存货了
//         # q.put(None)
//         # q.put(None)
//
//         print('主程序结束..........')
//         end_time = time.time()
//         print(end_time - start_time)
//
// (The seed's commented-out Process / loop lines are left out.)
//
// Changed so that it ends, completely, and its test is quick:
// - Sleeps are random() * 0.1 s instead of random() s (about 0.5 s per producer, not 5 s).
// - The seed sends two Nones for four consumers, so two consumers block in recv() forever; it
//   joins only the producers' pool and exits, and the consumers' pool is torn down at exit,
//   whatever the consumers were doing (how many foods get printed as eaten varies). Here the
//   parent does what the seed's comment says — after the producers are done it sends the two
//   missing Nones (q1.send(None) for `q.put(None)`) — and then joins the consumers' pool too, so
//   every food is eaten and printed before '主程序结束..........'.
// The lines of producers and consumers interleave by timing (one unordered group in the
// expected output); the consumer lines keep the seed's red (\033[31m ... \033[0m). The elapsed
// time is matched by pattern.

#include "pipe.h"
#include "pool.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QLocale>
#include <QRandomGenerator>
#include <QThread>

#include <cstdio>

static void say(const QString &line)
{
    std::printf("%s\n", line.toUtf8().constData());
    std::fflush(stdout); // our stdout is the parent's (maybe a pipe): send the line now, whole
}

// Python: time.sleep(random.random()), here a tenth of it. system(): each worker draws its own numbers.
static void sleepRandomTenth()
{
    QThread::usleep(static_cast<unsigned long>(QRandomGenerator::system()->generateDouble() * 100000));
}

void consumer(qmp::Connection q, QString name)
{
    for (;;) {
        const QCborValue food = q.recv();
        if (food.isNull()) {
            say(QStringLiteral("接收到了一个空,生产者已经完事了"));
            q.close();
            break;
        }

        say(QStringLiteral("\033[31m%1消费了%2\033[0m").arg(name, food.toString()));
        sleepRandomTenth();
    }
}
QMP_TASK(consumer);

void producer(QString name, QString food, qmp::Connection q)
{
    for (int i = 0; i < 10; ++i) {
        sleepRandomTenth();
        const QString f = QStringLiteral("%1生产了%2%3").arg(name, food).arg(i);
        say(f);
        q.send(f);
    }
    q.sendValue(QCborValue(nullptr)); // None
}
QMP_TASK(producer);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a pool worker: serves producer / consumer calls and exits here
    QCoreApplication app(argc, argv);

    QElapsedTimer startTime;
    startTime.start();
    auto [q1, q2] = qmp::Pipe();

    qmp::Pool p1(3);
    qmp::Pool p2(3);

    p1.applyAsync(&producer, QStringLiteral("fioman"), QStringLiteral("包子"), q1);
    p1.applyAsync(&producer, QStringLiteral("jingjing"), QStringLiteral("馒头"), q1);

    p2.applyAsync(&consumer, q2, QStringLiteral("mengmeng"));
    p2.applyAsync(&consumer, q2, QStringLiteral("xiaoxiao"));
    p2.applyAsync(&consumer, q2, QStringLiteral("x"));
    p2.applyAsync(&consumer, q2, QStringLiteral("xy"));

    p1.close();
    p2.close();
    p1.join();

    // 生产者的进程结束,这里需要放置两个空值,供消费者获取,用来判断已经没有存货了
    // (the seed's commented-out q.put(None) twice, done here; then wait for the consumers too)
    q1.sendValue(QCborValue(nullptr));
    q1.sendValue(QCborValue(nullptr));
    p2.join();

    say(QStringLiteral("主程序结束.........."));
    // print(end_time - start_time): seconds, Python's shortest float repr
    say(QString::number(double(startTime.nsecsElapsed()) / 1e9, 'g', QLocale::FloatingPointShortest));
    return 0;
}
