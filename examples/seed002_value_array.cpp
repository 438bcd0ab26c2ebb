// Seed 002, section (1) 共享变量: a Value and an Array changed by a child, seen by the parent.
//
//     def func(num):
//         num.value=10.78 #子进程改变数值的值,主进程跟着改变
//     if __name__=="__main__":
//         num = multiprocessing.Value("d", 10.0)
//         p=multiprocessing.Process(target=func,args=(num,))
//         p.start(); p.join()
//         print(num.value)
//
//     def func(num):
//         num[2]=9999 #子进程改变数组,主进程跟着改变
//     if __name__=="__main__":
//         num=multiprocessing.Array("i",[1,2,3,4,5])
//         p=multiprocessing.Process(target=func,args=(num,))
//         p.start(); p.join()
//         print(num[:])

#include "array.h"
#include "process.h"
#include "runtime.h"
#include "taskregistry.h"
#include "value.h"

#include <QCoreApplication>
#include <QStringList>

#include <cstdio>

void funcValue(qmp::Value<double> num)
{
    num.setValue(10.78); // 子进程改变数值的值,主进程跟着改变
}
QMP_TASK(funcValue);

void funcArray(qmp::Array<int> num)
{
    num[2] = 9999; // 子进程改变数组,主进程跟着改变
}
QMP_TASK(funcArray);

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv);
    QCoreApplication app(argc, argv);

    qmp::Value<double> num(10.0); // Value("d", 10.0)
    qmp::Process p(&funcValue, num);
    p.start();
    p.join();
    std::printf("%g\n", num.value());

    qmp::Array<int> arr({1, 2, 3, 4, 5}); // Array("i", [1, 2, 3, 4, 5])
    qmp::Process q(&funcArray, arr);
    q.start();
    q.join();
    QStringList items;
    for (int v : arr.toVector())
        items.append(QString::number(v));
    std::printf("[%s]\n", qPrintable(items.join(QStringLiteral(", "))));
    return 0;
}
