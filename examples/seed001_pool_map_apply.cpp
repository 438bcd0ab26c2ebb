// Seed 001 ("multiprocessing"), section map map_async, apply apply_async:
//
//     import multiprocessing
//     import time
//
//     def func(msg):
//         print('msg: ', msg)
//         time.sleep(1)
//         print('********')
//         return 'func_return: %s' % msg
//
//     if __name__ == '__main__':
//         # apply_async
//         print('\n--------apply_async------------')
//         pool = multiprocessing.Pool(processes=4)
//         results = []
//         for i in range(10):
//             msg = 'hello world %d' % i
//             result = pool.apply_async(func, (msg, ))
//             results.append(result)
//         print('apply_async: 不堵塞')
//
//         for i in results:
//             i.wait()  # 等待进程函数执行完毕
//
//         for i in results:
//             if i.ready():  # 进程函数是否已经启动了
//                 if i.successful():  # 进程函数是否执行成功
//                     print(i.get())  # 进程函数返回值
//
//         # apply
//         print('\n--------apply------------')
//         pool = multiprocessing.Pool(processes=4)
//         results = []
//         for i in range(10):
//             msg = 'hello world %d' % i
//             result = pool.apply(func, (msg,))
//             results.append(result)
//         print('apply: 堵塞')  # 执行完func才执行该句
//         pool.close()
//         pool.join()  # join语句要放在close之后
//         print(results)
//
//         # map
//         print('\n--------map------------')
//         args = [1, 2, 4, 5, 7, 8]
//         pool = multiprocessing.Pool(processes=5)
//         return_data = pool.map(func, args)
//         print('堵塞')  # 执行完func才执行该句
//         pool.close()
//         pool.join()  # join语句要放在close之后
//         print(return_data)
//
//         # map_async
//         print('\n--------map_async------------')
//         pool = multiprocessing.Pool(processes=5)
//         result = pool.map_async(func, args)
//         print('ready: ', result.ready())
//         print('不堵塞')
//         result.wait()  # 等待所有进程函数执行完毕
//
//         if result.ready():  # 进程函数是否已经启动了
//             if result.successful():  # 进程函数是否执行成功
//                 print(result.get())  # 进程函数返回值
//
// Changed so that its test is quick: func sleeps 0.2 s instead of 1 s (still long enough for
// `ready:  False` right after map_async). func takes a string (apply) or an integer (map), as
// in Python: its parameter is a QCborValue. Lists print the way Python prints them.

#include "pool.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QThread>

#include <cstdio>
#include <memory>

// Python's str() of what func receives: a string or a number.
static QString str(const QCborValue &v)
{
    return v.isInteger() ? QString::number(v.toInteger()) : v.toString();
}

// Python's print() of a list of strings: ['a', 'b'].
static void print_list(const QList<QString> &items)
{
    QString line = QStringLiteral("[");
    for (qsizetype i = 0; i < items.size(); ++i)
        line += (i ? QStringLiteral(", '") : QStringLiteral("'")) + items[i] + QLatin1Char('\'');
    std::printf("%s]\n", line.toUtf8().constData());
    std::fflush(stdout);
}

static void print_line(const QString &line)
{
    std::printf("%s\n", line.toUtf8().constData());
    std::fflush(stdout); // the workers share this stdout: keep our lines in order with theirs
}

QString func(const QCborValue &msg)
{
    print_line(QStringLiteral("msg:  ") + str(msg)); // print('msg: ', msg): two spaces
    QThread::msleep(200); // Python: time.sleep(1)
    print_line(QStringLiteral("********"));
    return QStringLiteral("func_return: ") + str(msg);
}
QMP_TASK(func);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a pool worker: serves func calls and exits here
    QCoreApplication app(argc, argv);

    // apply_async
    print_line(QStringLiteral("\n--------apply_async------------"));
    // Python rebinds `pool` to a new Pool in each section and never closes the first one;
    // here reassigning the unique_ptr destroys the previous pool, which terminates its workers.
    auto pool = std::make_unique<qmp::Pool>(4);
    QList<qmp::AsyncResult<QString>> results;
    for (int i = 0; i < 10; ++i) {
        const QString msg = QStringLiteral("hello world %1").arg(i);
        auto result = pool->applyAsync(&func, msg);
        results.append(result);
    }
    print_line(QStringLiteral("apply_async: 不堵塞"));

    for (const auto &i : results)
        i.wait(); // 等待进程函数执行完毕

    for (const auto &i : results) {
        if (i.ready()) { // 进程函数是否已经启动了
            if (i.successful()) // 进程函数是否执行成功
                print_line(i.get()); // 进程函数返回值
        }
    }

    // apply
    print_line(QStringLiteral("\n--------apply------------"));
    pool = std::make_unique<qmp::Pool>(4);
    QList<QString> applied;
    for (int i = 0; i < 10; ++i) {
        const QString msg = QStringLiteral("hello world %1").arg(i);
        QString result = pool->apply(&func, msg);
        applied.append(result);
    }
    print_line(QStringLiteral("apply: 堵塞")); // 执行完func才执行该句
    pool->close();
    pool->join(); // join语句要放在close之后
    print_list(applied);

    // map
    print_line(QStringLiteral("\n--------map------------"));
    const QList<int> args{1, 2, 4, 5, 7, 8};
    pool = std::make_unique<qmp::Pool>(5);
    const QList<QString> return_data = pool->map(&func, args);
    print_line(QStringLiteral("堵塞")); // 执行完func才执行该句
    pool->close();
    pool->join(); // join语句要放在close之后
    print_list(return_data);

    // map_async
    print_line(QStringLiteral("\n--------map_async------------"));
    pool = std::make_unique<qmp::Pool>(5);
    const qmp::MapResult<QString> result = pool->mapAsync(&func, args);
    print_line(QStringLiteral("ready:  ") + (result.ready() ? QStringLiteral("True") : QStringLiteral("False")));
    print_line(QStringLiteral("不堵塞"));
    result.wait(); // 等待所有进程函数执行完毕

    if (result.ready()) { // 进程函数是否已经启动了
        if (result.successful()) // 进程函数是否执行成功
            print_list(result.get()); // 进程函数返回值
    }
    return 0;
}
