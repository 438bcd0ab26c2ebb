// Seed 001 ("multiprocessing", 2021-08-20), section 多进程的实现方法, 1. 方法一:
//
//     from multiprocessing import  Process
//
//     def fun1(name):
//         print('测试%s多进程' %name)
//
//     if __name__ == '__main__':
//         process_list = []
//         for i in range(5):  #开启5个子进程执行fun1函数
//             p = Process(target=fun1,args=('Python',)) #实例化进程对象
//             p.start()
//             process_list.append(p)
//
//         for i in process_list:
//             p.join()
//
//         print('结束测试')
//
// The seed's join loop calls p.join() (the last process, five times) where it means i.join();
// here every process is joined, so '结束测试' always comes after the five children's lines.

#include "process.h"
#include "runtime.h"
#include "taskregistry.h"

#include <QCoreApplication>
#include <QString>

#include <cstdio>
#include <memory>
#include <vector>

void fun1(const QString &name)
{
    std::printf("测试%s多进程\n", name.toUtf8().constData());
    std::fflush(stdout); // our stdout is the parent's (maybe a pipe): send the line now, whole
}
QMP_TASK(fun1); // the child looks fun1 up by this name

int main(int argc, char *argv[])
{
    qmp::Runtime runtime(argc, argv); // in a child: runs fun1('Python') and exits here
    QCoreApplication app(argc, argv);

    std::vector<std::unique_ptr<qmp::Process>> process_list; // a QObject cannot be copied or moved
    for (int i = 0; i < 5; ++i) { // 开启5个子进程执行fun1函数
        auto p = std::make_unique<qmp::Process>(&fun1, "Python"); // 实例化进程对象
        p->start();
        process_list.push_back(std::move(p));
    }

    for (const auto &i : process_list)
        i->join();

    std::printf("结束测试\n");
    return 0;
}
