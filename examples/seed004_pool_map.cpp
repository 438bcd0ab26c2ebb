// Seed 004 ("Python多进程编程实战攻略"), section 怎样在Python中创建多进程程序？, the Pool example
// ("让我们来看一个使用Pool的例子"):
//
//     import multiprocessing
//
//     def worker(num):
//         """worker函数,模拟一个简单的任务"""
//         return num * num
//
//     if __name__ == '__main__':
//         with multiprocessing.Pool(processes=4) as pool:
//             results = pool.map(worker, range(10))
//             print(results)
//
// `with Pool() as pool:` is a scope: ~Pool terminates the pool and joins its workers, as
// Pool.__exit__ does. print(results) prints the list the way Python does.

#include "pool.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>

#include <cstdio>
#include <numeric>

// worker函数,模拟一个简单的任务
int worker(int num)
{
    return num * num;
}
QMP_TASK(worker);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a pool worker: serves worker calls and exits here
    QCoreApplication app(argc, argv);

    {
        qmp::Pool pool(4); // with multiprocessing.Pool(processes=4) as pool:
        QList<int> range(10); // range(10)
        std::iota(range.begin(), range.end(), 0);
        const QList<int> results = pool.map(&worker, range);
        // print(results): [0, 1, 4, ...]
        QString line = QStringLiteral("[");
        for (qsizetype i = 0; i < results.size(); ++i)
            line += (i ? QStringLiteral(", ") : QString()) + QString::number(results[i]);
        std::printf("%s]\n", qPrintable(line));
    }
    return 0;
}
